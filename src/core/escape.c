/*
 * escape.c — HTML and XML text escaping (see escape.h). One routine does
 * both; XML mode additionally repairs malformed UTF-8.
 */
#include <string.h>

#include "escape.h"

#define REPLACEMENT	"\xEF\xBF\xBD"	/* U+FFFD */

/*
 * Length of the well-formed UTF-8 sequence at s (at most len bytes), or 0
 * if the bytes there are not one (overlong forms, surrogates and values
 * above U+10FFFF included). Sets *cp.
 */
static size_t
esc_utf8_len(const unsigned char *s, size_t len, unsigned long *cp)
{
	size_t		 n, i;
	unsigned long	 v, min;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		n = 2;
		v = s[0] & 0x1F;
		min = 0x80;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3;
		v = s[0] & 0x0F;
		min = 0x800;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		n = 4;
		v = s[0] & 0x07;
		min = 0x10000;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

static enum gk_err
esc_put(struct gk_buf *b, const char *s, size_t len, int xml)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, run = 0, k;
	unsigned long		 cp;
	const char		*rep;

	if (b->err != GK_OK)
		return b->err;
	/* Copy runs of ordinary bytes in one go; stop at anything special. */
	while (i < len) {
		unsigned char c = p[i];

		rep = NULL;
		k = 1;
		switch (c) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') ||
			    c == 0x7F)
				rep = "";
			else if (xml && c >= 0x80) {
				k = esc_utf8_len(p + i, len - i, &cp);
				if (k == 0) {
					k = 1;
					rep = REPLACEMENT;
				} else if (cp == 0xFFFE || cp == 0xFFFF)
					rep = REPLACEMENT;
			}
			break;
		}
		if (rep == NULL) {
			i += k;
			run += k;
			continue;
		}
		if (run > 0)
			gk_buf_append(b, p + i - run, run);
		run = 0;
		gk_buf_append(b, rep, strlen(rep));
		i += k;
	}
	if (run > 0)
		gk_buf_append(b, p + i - run, run);
	return b->err;
}

enum gk_err
gk_buf_put_html(struct gk_buf *b, const char *s, size_t len)
{
	return esc_put(b, s, len, 0);
}

enum gk_err
gk_buf_put_xml(struct gk_buf *b, const char *s, size_t len)
{
	return esc_put(b, s, len, 1);
}
