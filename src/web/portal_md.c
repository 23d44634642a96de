/*
 * portal_md.c — the item body (Markdown as drafters write it) to HTML for
 * the item page: a small safe subset (portal.h). Every character of the
 * input reaches the output escaped; the only markup is ours.
 *
 * Blocks are lines: a blank line ends a paragraph, a list or a quote;
 * "# " … "###### " start a heading (shifted down one level: the page's
 * <h1> is the title); "- ", "* ", "+ " an unordered item; "1. " an
 * ordered item; "> " a quote line. Inline: **bold**.
 */
#include <string.h>

#include "core/escape.h"
#include "web/html.h"
#include "web/portal.h"

enum md_block { MD_NONE, MD_P, MD_UL, MD_OL, MD_QUOTE };

/* Text of one line with **bold** spans; an unmatched ** is text. */
static void
md_inline(struct gk_buf *b, const char *s, size_t n)
{
	size_t i = 0, start = 0;

	while (i + 1 < n) {
		if (s[i] == '*' && s[i + 1] == '*') {
			const char *end = NULL;
			size_t j;

			for (j = i + 2; j + 1 < n; j++)
				if (s[j] == '*' && s[j + 1] == '*') {
					end = s + j;
					break;
				}
			if (end != NULL && j > i + 2) {
				gk_buf_put_html(b, s + start, i - start);
				gk_buf_puts(b, "<strong>");
				gk_buf_put_html(b, s + i + 2, j - i - 2);
				gk_buf_puts(b, "</strong>");
				i = j + 2;
				start = i;
				continue;
			}
		}
		i++;
	}
	gk_buf_put_html(b, s + start, n - start);
}

static void
md_close(struct gk_buf *b, enum md_block k)
{
	static const char *const close[] = { "", "</p>\n", "</li></ul>\n", "</li></ol>\n",
	    "</p></blockquote>\n" };

	gk_buf_puts(b, close[k]);
}

/* Length of an ordered-list marker ("12. ") at s, or 0. */
static size_t
md_ol_marker(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 9 && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i > 0 && i + 1 < n && s[i] == '.' && s[i + 1] == ' ')
		return i + 2;
	return 0;
}

enum gk_err
gk_portal_md(struct gk_buf *b, const char *md)
{
	enum md_block	 cur = MD_NONE;
	const char	*p = md != NULL ? md : "";

	while (*p != '\0' && b->err == GK_OK) {
		const char	*eol = strchr(p, '\n');
		size_t		 n = eol != NULL ? (size_t)(eol - p) : strlen(p), m, lead = 0;
		const char	*s = p;

		p = eol != NULL ? eol + 1 : p + n;
		if (n > 0 && s[n - 1] == '\r')
			n--;
		while (lead < n && lead < 3 && s[lead] == ' ')
			lead++;
		s += lead;
		n -= lead;
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			n--;
		if (n == 0) {
			md_close(b, cur);
			cur = MD_NONE;
			continue;
		}
		if (s[0] == '#') {
			size_t lv = 0;

			while (lv < n && lv < 7 && s[lv] == '#')
				lv++;
			if (lv <= 6 && (lv == n || s[lv] == ' ')) {
				int h = (int)lv + 1 > 6 ? 6 : (int)lv + 1;

				md_close(b, cur);
				cur = MD_NONE;
				m = lv;
				while (m < n && s[m] == ' ')
					m++;
				gk_buf_printf(b, "<h%d>", h);
				md_inline(b, s + m, n - m);
				gk_buf_printf(b, "</h%d>\n", h);
				continue;
			}
		}
		if (n >= 2 && (s[0] == '-' || s[0] == '*' || s[0] == '+') && s[1] == ' ') {
			if (cur == MD_UL)
				gk_buf_puts(b, "</li>\n<li>");
			else {
				md_close(b, cur);
				gk_buf_puts(b, "<ul>\n<li>");
			}
			cur = MD_UL;
			md_inline(b, s + 2, n - 2);
			continue;
		}
		if ((m = md_ol_marker(s, n)) > 0) {
			if (cur == MD_OL)
				gk_buf_puts(b, "</li>\n<li>");
			else {
				md_close(b, cur);
				gk_buf_puts(b, "<ol>\n<li>");
			}
			cur = MD_OL;
			md_inline(b, s + m, n - m);
			continue;
		}
		if (s[0] == '>') {
			m = n >= 2 && s[1] == ' ' ? 2 : 1;
			if (cur == MD_QUOTE)
				gk_buf_puts(b, "<br>\n");
			else {
				md_close(b, cur);
				gk_buf_puts(b, "<blockquote><p>");
			}
			cur = MD_QUOTE;
			md_inline(b, s + m, n - m);
			continue;
		}
		/* Text: a new paragraph, or the next line of the current block. */
		if (cur == MD_NONE) {
			gk_buf_puts(b, "<p>");
			cur = MD_P;
		} else
			gk_buf_puts(b, cur == MD_P || cur == MD_QUOTE ? "<br>\n" : " ");
		md_inline(b, s, n);
	}
	md_close(b, cur);
	return b->err;
}
