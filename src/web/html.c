/*
 * html.c — see html.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/escape.h"
#include "web/html.h"

enum gk_err
gk_html(struct gk_buf *b, const char *fmt, ...)
{
	const char	*p, *q;
	char		 num[32];
	va_list		 ap;

	va_start(ap, fmt);
	for (p = fmt; *p != '\0' && b->err == GK_OK; p = q) {
		if (*p != '%') {
			q = strchr(p, '%');
			if (q == NULL)
				q = p + strlen(p);
			gk_buf_append(b, p, (size_t)(q - p));
			continue;
		}
		q = p + 1;
		if (*q == '%') {
			gk_buf_putc(b, '%');
			q++;
		} else if (*q == 's') {
			const char *s = va_arg(ap, const char *);

			if (s == NULL)
				s = "";
			gk_buf_put_html(b, s, strlen(s));
			q++;
		} else if (*q == 'd') {
			snprintf(num, sizeof(num), "%d", va_arg(ap, int));
			gk_buf_puts(b, num);
			q++;
		} else if (*q == 'u') {
			snprintf(num, sizeof(num), "%u", va_arg(ap, unsigned));
			gk_buf_puts(b, num);
			q++;
		} else if (q[0] == 'z' && q[1] == 'u') {
			snprintf(num, sizeof(num), "%zu", va_arg(ap, size_t));
			gk_buf_puts(b, num);
			q += 2;
		} else if (q[0] == 'l' && q[1] == 'd') {
			snprintf(num, sizeof(num), "%ld", va_arg(ap, long));
			gk_buf_puts(b, num);
			q += 2;
		} else if (q[0] == 'l' && q[1] == 'l' && q[2] == 'd') {
			snprintf(num, sizeof(num), "%lld", va_arg(ap, long long));
			gk_buf_puts(b, num);
			q += 3;
		} else {
			/* A format this function does not know: a programming error. */
			b->err = GK_EINVAL;
		}
	}
	va_end(ap);
	return b->err;
}

enum gk_err
gk_html_raw(struct gk_buf *b, const char *markup)
{
	return gk_buf_puts(b, markup);
}

enum gk_err
gk_html_url(struct gk_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *p;

	for (p = (const unsigned char *)s; *p != '\0' && b->err == GK_OK; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' ||
		    *p == '~') {
			gk_buf_putc(b, (char)*p);
		} else {
			gk_buf_putc(b, '%');
			gk_buf_putc(b, hex[*p >> 4]);
			gk_buf_putc(b, hex[*p & 15]);
		}
	}
	return b->err;
}
