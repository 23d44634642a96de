/*
 * gk.c — errors, allocation wrappers with failure injection, and the bounded
 * growable buffer used by every renderer and reader.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gk.h"

static const char *const gk_err_names[GK_ERR__MAX] = {
	[GK_OK] = "ok",
	[GK_ENOTFOUND] = "not found",
	[GK_EINVAL] = "invalid input",
	[GK_ECONFLICT] = "conflict",
	[GK_EDB] = "database error",
	[GK_EIO] = "input/output error",
	[GK_ENOMEM] = "out of memory",
	[GK_ELIMIT] = "size limit exceeded",
};

const char *
gk_strerror(enum gk_err e)
{
	if ((unsigned)e >= GK_ERR__MAX)
		return "unknown error";
	return gk_err_names[e];
}

static long gk_mem_budget = -1;

void
gk_mem_fail_after(long n)
{
	gk_mem_budget = n;
}

void
gk_mem_fail_reset(void)
{
	gk_mem_budget = -1;
}

static int
gk_mem_may(void)
{
	if (gk_mem_budget < 0)
		return 1;
	if (gk_mem_budget == 0)
		return 0;
	gk_mem_budget--;
	return 1;
}

void *
gk_malloc(size_t n)
{
	if (!gk_mem_may())
		return NULL;
	return malloc(n ? n : 1);
}

void *
gk_calloc(size_t n, size_t sz)
{
	if (!gk_mem_may())
		return NULL;
	return calloc(n ? n : 1, sz ? sz : 1);
}

void *
gk_realloc(void *p, size_t n)
{
	if (!gk_mem_may())
		return NULL;
	return realloc(p, n ? n : 1);
}

char *
gk_strndup(const char *s, size_t n)
{
	char *p;

	if ((p = gk_malloc(n + 1)) == NULL)
		return NULL;
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
gk_strdup(const char *s)
{
	return gk_strndup(s, strlen(s));
}

void
gk_free(void *p)
{
	free(p);
}

void
gk_buf_init(struct gk_buf *b, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->max = max ? max : GK_BUF_DEFAULT_MAX;
}

void
gk_buf_clear(struct gk_buf *b)
{
	size_t max = b->max;

	gk_free(b->data);
	gk_buf_init(b, max);
}

static enum gk_err
gk_buf_reserve(struct gk_buf *b, size_t more)
{
	size_t	 need, ncap;
	char	*p;

	if (b->err != GK_OK)
		return b->err;
	if (b->max == 0)
		b->max = GK_BUF_DEFAULT_MAX;
	if (more > b->max || b->len > b->max - more)
		return b->err = GK_ELIMIT;
	need = b->len + more + 1;
	if (need <= b->cap)
		return GK_OK;
	ncap = b->cap ? b->cap : 256;
	while (ncap < need)
		ncap = ncap > SIZE_MAX / 2 ? need : ncap * 2;
	if ((p = gk_realloc(b->data, ncap)) == NULL)
		return b->err = GK_ENOMEM;
	b->data = p;
	b->cap = ncap;
	return GK_OK;
}

enum gk_err
gk_buf_append(struct gk_buf *b, const void *p, size_t n)
{
	enum gk_err e;

	if ((e = gk_buf_reserve(b, n)) != GK_OK)
		return e;
	if (n)
		memcpy(b->data + b->len, p, n);
	b->len += n;
	b->data[b->len] = '\0';
	return GK_OK;
}

enum gk_err
gk_buf_puts(struct gk_buf *b, const char *s)
{
	return gk_buf_append(b, s, strlen(s));
}

enum gk_err
gk_buf_putc(struct gk_buf *b, char c)
{
	return gk_buf_append(b, &c, 1);
}

enum gk_err
gk_buf_printf(struct gk_buf *b, const char *fmt, ...)
{
	va_list		 ap;
	int		 n;
	enum gk_err	 e;

	if (b->err != GK_OK)
		return b->err;
	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return b->err = GK_EINVAL;
	if ((e = gk_buf_reserve(b, (size_t)n)) != GK_OK)
		return e;
	va_start(ap, fmt);
	vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
	return GK_OK;
}

char *
gk_buf_take(struct gk_buf *b, size_t *lenp)
{
	char *p;

	if (b->data == NULL && b->err == GK_OK)
		gk_buf_append(b, "", 0);
	if (b->err != GK_OK) {
		gk_buf_clear(b);
		return NULL;
	}
	p = b->data;
	if (lenp)
		*lenp = b->len;
	b->data = NULL;
	b->len = b->cap = 0;
	return p;
}

size_t
gk_strlcpy_utf8(char *dst, const char *src, size_t dstsize)
{
	size_t n = strlen(src), k;

	if (dstsize == 0)
		return n;
	k = n < dstsize - 1 ? n : dstsize - 1;
	/* Do not cut a multi-byte sequence: back up over continuation bytes. */
	if (k < n)
		while (k > 0 && ((unsigned char)src[k] & 0xC0) == 0x80)
			k--;
	memcpy(dst, src, k);
	dst[k] = '\0';
	return n;
}

size_t
gk_utf8_check(const void *buf, size_t len)
{
	const unsigned char	*s = buf;
	size_t			 i = 0, n, k;

	while (i < len) {
		unsigned char c = s[i];

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3;
		else
			return i;
		if (len - i <= n)
			return i;
		for (k = 1; k <= n; k++)
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
		i += n + 1;
	}
	return len;
}

/* Characters in a well-formed UTF-8 string without control characters, or -1. */
long
gk_text_chars(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	long n = 0;
	int k, i;

	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f)
			return -1;
		if (*p < 0x80)
			k = 0;
		else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			k = 1;
		else if ((*p & 0xf0) == 0xe0)
			k = 2;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			k = 3;
		else
			return -1;
		for (i = 1; i <= k; i++)
			if ((p[i] & 0xc0) != 0x80)
				return -1;
		/* Overlong 3-byte forms, surrogates, and > U+10FFFF. */
		if ((k == 2 && ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0))) ||
		    (k == 3 && ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90))))
			return -1;
		p += k + 1;
		n++;
	}
	return n;
}
