/*
 * fuzz_wechat_html.c — gk_wechat_html (channels/wechat_html.h) on any
 * bytes: no crash, leak or over-read; a refusal only for input that is not
 * UTF-8 (or too long a result); an accepted result is valid UTF-8, every
 * '<' starts one of the elements we write, and they are balanced.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channels/wechat_html.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static enum gk_err
img(void *arg, const char *src, struct gk_buf *out, char *err, size_t errlen)
{
	(void)arg;
	if (src[0] == 'd')
		return GK_ENOTFOUND;
	if (src[0] == 'f') {
		snprintf(err, errlen, "上传失败");
		return GK_EIO;
	}
	gk_buf_puts(out, "http://mmbiz.qpic.cn/x\"<>&.png");
	return GK_OK;
}

static const char *const names[] = {
	"p", "h2", "h3", "h4", "h5", "h6", "strong", "em", "ul", "ol", "li", "blockquote",
	"table", "thead", "tbody", "tr", "th", "td",
};

/* Length of the element name at s (after '<' or '</'), when it is one of ours. */
static size_t
known(const char *s)
{
	size_t i, n;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		n = strlen(names[i]);
		if (strncmp(s, names[i], n) == 0 && (s[n] == '>' || s[n] == ' '))
			return n;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_buf	 b;
	char		 err[256] = "";
	const char	*stack[200], *p, *end;
	size_t		 depth = 0, n;
	enum gk_err	 e;

	gk_buf_init(&b, 0);
	e = gk_wechat_html((const char *)data, size, "https://h/item/1", img, NULL, &b, err,
	    sizeof(err));
	if (e != GK_OK) {
		if (err[0] == '\0')
			abort();
		if (e == GK_EINVAL && gk_utf8_check(data, size) == size &&
		    memchr(data, '\0', size) == NULL)
			abort();
		gk_buf_clear(&b);
		return 0;
	}
	if (b.len == 0 || gk_utf8_check(b.data, b.len) != b.len)
		abort();
	end = b.data + b.len;
	for (p = b.data; p < end; p++) {
		if (*p == '>' )
			abort();	/* every '>' of ours is consumed below */
		if (*p != '<')
			continue;
		if (strncmp(p, "<br/>", 5) == 0) {
			p += 4;
			continue;
		}
		if (strncmp(p, "<img src=\"", 10) == 0) {
			const char *q = strchr(p + 10, '"');

			if (q == NULL || strncmp(q, "\" style=\"", 9) != 0)
				abort();
			p = strstr(q, "/>");
			if (p == NULL)
				abort();
			p++;
			continue;
		}
		if (p[1] == '/') {
			if ((n = known(p + 2)) == 0 || depth == 0 ||
			    strncmp(stack[depth - 1], p + 2, n) != 0 || p[2 + n] != '>')
				abort();
			depth--;
			p += 2 + n;
			continue;
		}
		if ((n = known(p + 1)) == 0 || depth >= sizeof(stack) / sizeof(stack[0]))
			abort();
		stack[depth++] = p + 1;
		p = strchr(p, '>');
		if (p == NULL)
			abort();
	}
	if (depth != 0)
		abort();
	gk_buf_clear(&b);
	return 0;
}
