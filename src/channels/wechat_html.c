/*
 * wechat_html.c — HTML to the WeChat editor's subset (wechat_html.h).
 *
 * A small tokenizer over the input: text runs, tags, comments. Tags of the
 * whitelist are written again by us with their inline style (nothing of the
 * input's attributes survives but an image's src, which goes through the
 * callback); the content of script-like elements is dropped with them;
 * every other tag is dropped and its text kept. A stack of the open
 * whitelisted elements keeps the output balanced whatever the input.
 */
#include <stdio.h>
#include <string.h>

#include "channels/wechat_html.h"
#include "core/escape.h"

#define WX_DEPTH_MAX	64

struct wx_tag {
	const char	*in;		/* input name (lower case) */
	const char	*out;		/* element written */
	const char	*style;		/* its inline style, or NULL */
	int		 is_void;
};

static const struct wx_tag wx_tags[] = {
	{ "p", "p", "margin:0 0 1em;line-height:1.75;font-size:16px;color:#333;", 0 },
	{ "div", "p", "margin:0 0 1em;line-height:1.75;font-size:16px;color:#333;", 0 },
	{ "h1", "h2", "margin:1.2em 0 .6em;font-size:20px;font-weight:bold;color:#1a1a1a;", 0 },
	{ "h2", "h2", "margin:1.2em 0 .6em;font-size:20px;font-weight:bold;color:#1a1a1a;", 0 },
	{ "h3", "h3", "margin:1.2em 0 .6em;font-size:18px;font-weight:bold;color:#1a1a1a;", 0 },
	{ "h4", "h4", "margin:1em 0 .5em;font-size:17px;font-weight:bold;color:#1a1a1a;", 0 },
	{ "h5", "h5", "margin:1em 0 .5em;font-size:16px;font-weight:bold;color:#1a1a1a;", 0 },
	{ "h6", "h6", "margin:1em 0 .5em;font-size:16px;font-weight:bold;color:#1a1a1a;", 0 },
	{ "strong", "strong", NULL, 0 },
	{ "b", "strong", NULL, 0 },
	{ "em", "em", NULL, 0 },
	{ "i", "em", NULL, 0 },
	{ "br", "br", NULL, 1 },
	{ "ul", "ul", "margin:0 0 1em;padding-left:2em;list-style-type:disc;", 0 },
	{ "ol", "ol", "margin:0 0 1em;padding-left:2em;list-style-type:decimal;", 0 },
	{ "li", "li", "margin:.3em 0;line-height:1.75;font-size:16px;color:#333;", 0 },
	{ "blockquote", "blockquote", "margin:0 0 1em;padding:.5em 1em;"
	    "border-left:4px solid #b22222;background:#f7f7f7;color:#555;", 0 },
	{ "table", "table", "border-collapse:collapse;width:100%;margin:0 0 1em;", 0 },
	{ "thead", "thead", NULL, 0 },
	{ "tbody", "tbody", NULL, 0 },
	{ "tr", "tr", NULL, 0 },
	{ "th", "th", "border:1px solid #ccc;padding:4px 8px;background:#f2f2f2;"
	    "font-weight:bold;", 0 },
	{ "td", "td", "border:1px solid #ccc;padding:4px 8px;", 0 },
};

#define WX_IMG_STYLE	"max-width:100%;height:auto;display:block;margin:0 auto 1em;"
#define WX_FOOT_STYLE	"margin:1.5em 0 0;font-size:14px;color:#888;"

/* Elements dropped with everything inside them. */
static const char *const wx_drop[] = {
	"script", "style", "iframe", "object", "embed", "noscript", "template",
	"textarea", "title", "head", "svg", "math", "select", "frameset",
};

struct wx {
	const char		*s;
	size_t			 n, i;
	struct gk_buf		*out;
	gk_wechat_img_fn	 img;
	void			*arg;
	const struct wx_tag	*stack[WX_DEPTH_MAX];
	size_t			 depth;
	char			*err;
	size_t			 errlen;
};

static char
wx_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static int
wx_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int
wx_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Length of a character reference at s (&name; &#123; &#x1F;), or 0. */
static size_t
wx_entity(const char *s, size_t n)
{
	size_t i = 1, k = 0;

	if (n < 3 || s[0] != '&')
		return 0;
	if (s[1] == '#') {
		i = 2;
		if (i < n && (s[i] == 'x' || s[i] == 'X')) {
			i++;
			while (i < n && k < 6 && ((s[i] >= '0' && s[i] <= '9') ||
			    (wx_lower(s[i]) >= 'a' && wx_lower(s[i]) <= 'f'))) {
				i++;
				k++;
			}
		} else
			while (i < n && k < 7 && s[i] >= '0' && s[i] <= '9') {
				i++;
				k++;
			}
	} else
		while (i < n && k < 16 && (wx_alpha(s[i]) || (s[i] >= '0' && s[i] <= '9'))) {
			i++;
			k++;
		}
	return k > 0 && i < n && s[i] == ';' ? i + 1 : 0;
}

/* Text: & kept when it starts a reference, else escaped; < > escaped. */
static void
wx_text(struct wx *w, const char *s, size_t n)
{
	size_t i = 0, start = 0, k;

	while (i < n) {
		if (s[i] == '&' && (k = wx_entity(s + i, n - i)) > 0) {
			gk_buf_put_html(w->out, s + start, i - start);
			gk_buf_append(w->out, s + i, k);
			i += k;
			start = i;
		} else
			i++;
	}
	gk_buf_put_html(w->out, s + start, n - start);
}

/* The end of the tag starting at w->s[i] ('<'), quotes honoured: index of '>' or n. */
static size_t
wx_tag_end(const struct wx *w, size_t i)
{
	char q = 0;

	for (i++; i < w->n; i++) {
		if (q != 0) {
			if (w->s[i] == q)
				q = 0;
		} else if (w->s[i] == '"' || w->s[i] == '\'')
			q = w->s[i];
		else if (w->s[i] == '>')
			return i;
	}
	return w->n;
}

/* Skips to after "</name ...>" (case-insensitive), or to the end. */
static void
wx_skip_element(struct wx *w, const char *name)
{
	size_t nl = strlen(name), i, k;

	for (i = w->i; i + 2 + nl <= w->n; i++) {
		if (w->s[i] != '<' || w->s[i + 1] != '/')
			continue;
		for (k = 0; k < nl && wx_lower(w->s[i + 2 + k]) == name[k]; k++)
			;
		if (k == nl && (i + 2 + nl == w->n || !wx_alpha(w->s[i + 2 + nl]))) {
			k = wx_tag_end(w, i);
			w->i = k < w->n ? k + 1 : w->n;
			return;
		}
	}
	w->i = w->n;
}

static void
wx_open(struct wx *w, const struct wx_tag *t)
{
	gk_buf_printf(w->out, "<%s", t->out);
	if (t->style != NULL)
		gk_buf_printf(w->out, " style=\"%s\"", t->style);
	gk_buf_puts(w->out, t->is_void ? "/>" : ">");
	if (!t->is_void)
		w->stack[w->depth++] = t;
}

static void
wx_close_to(struct wx *w, size_t depth)
{
	while (w->depth > depth) {
		w->depth--;
		gk_buf_printf(w->out, "</%s>", w->stack[w->depth]->out);
	}
}

/*
 * The value of attribute name in the tag's text a[0..n) (after the tag's
 * name), entities &amp; &quot; &#39; &lt; &gt; decoded, into b. 1 when found.
 */
static int
wx_attr(const char *a, size_t n, const char *name, struct gk_buf *b)
{
	size_t i = 0, nl = strlen(name), k, vs, ve;
	char q;

	while (i < n) {
		while (i < n && (wx_space(a[i]) || a[i] == '/'))
			i++;
		k = i;
		while (i < n && !wx_space(a[i]) && a[i] != '=' && a[i] != '>' && a[i] != '/')
			i++;
		{
			size_t an = i - k, j;
			int match = an == nl;

			for (j = 0; match && j < an; j++)
				match = wx_lower(a[k + j]) == name[j];
			while (i < n && wx_space(a[i]))
				i++;
			if (i >= n || a[i] != '=') {
				if (i == k)
					i++;
				continue;
			}
			i++;
			while (i < n && wx_space(a[i]))
				i++;
			if (i < n && (a[i] == '"' || a[i] == '\'')) {
				q = a[i++];
				vs = i;
				while (i < n && a[i] != q)
					i++;
				ve = i;
				if (i < n)
					i++;
			} else {
				vs = i;
				while (i < n && !wx_space(a[i]))
					i++;
				ve = i;
			}
			if (!match)
				continue;
			for (j = vs; j < ve; j++) {
				static const struct { const char *e; char c; } ents[] = {
					{ "&amp;", '&' }, { "&quot;", '"' }, { "&#39;", '\'' },
					{ "&lt;", '<' }, { "&gt;", '>' },
				};
				size_t m;
				int done = 0;

				for (m = 0; m < sizeof(ents) / sizeof(ents[0]) && !done; m++) {
					size_t el = strlen(ents[m].e);

					if (ve - j >= el && memcmp(a + j, ents[m].e, el) == 0) {
						gk_buf_putc(b, ents[m].c);
						j += el - 1;
						done = 1;
					}
				}
				if (!done)
					gk_buf_putc(b, a[j]);
			}
			return 1;
		}
	}
	return 0;
}

static enum gk_err
wx_img(struct wx *w, const char *a, size_t n)
{
	struct gk_buf	 src, url;
	enum gk_err	 e = GK_OK;

	if (w->img == NULL)
		return GK_OK;
	gk_buf_init(&src, 8192);
	gk_buf_init(&url, 8192);
	if (!wx_attr(a, n, "src", &src) || src.len == 0 || src.err != GK_OK ||
	    memchr(src.data, '\0', src.len) != NULL)
		goto out;
	e = w->img(w->arg, src.data, &url, w->err, w->errlen);
	if (e == GK_ENOTFOUND) {
		e = GK_OK;
		goto out;
	}
	if (e != GK_OK)
		goto out;
	if ((e = url.err) != GK_OK) {
		snprintf(w->err, w->errlen, "图片地址过长");
		goto out;
	}
	if (url.len > 0) {
		gk_buf_puts(w->out, "<img src=\"");
		gk_buf_put_html(w->out, url.data, url.len);
		gk_buf_puts(w->out, "\" style=\"" WX_IMG_STYLE "\"/>");
	}
out:
	gk_buf_clear(&src);
	gk_buf_clear(&url);
	return e;
}

/* One tag at w->s[w->i] == '<'. GK_OK, or an error from the image callback. */
static enum gk_err
wx_tag(struct wx *w)
{
	size_t		 i = w->i + 1, end, ns, nl, k;
	int		 closing = 0;
	char		 name[16];
	const struct wx_tag *t = NULL;

	if (w->n - w->i >= 4 && memcmp(w->s + w->i, "<!--", 4) == 0) {
		const char *e = NULL;

		for (k = w->i + 4; k + 3 <= w->n; k++)
			if (memcmp(w->s + k, "-->", 3) == 0) {
				e = w->s + k;
				break;
			}
		w->i = e != NULL ? (size_t)(e - w->s) + 3 : w->n;
		return GK_OK;
	}
	if (i < w->n && w->s[i] == '/') {
		closing = 1;
		i++;
	}
	if (i >= w->n || !(wx_alpha(w->s[i]) || (!closing && (w->s[i] == '!' ||
	    w->s[i] == '?')))) {
		/* A lone '<': text. */
		gk_buf_puts(w->out, "&lt;");
		w->i++;
		return GK_OK;
	}
	end = wx_tag_end(w, w->i);
	if (!wx_alpha(w->s[i])) {		/* <!DOCTYPE>, <?xml?> */
		w->i = end < w->n ? end + 1 : w->n;
		return GK_OK;
	}
	ns = i;
	while (i < end && (wx_alpha(w->s[i]) || (w->s[i] >= '0' && w->s[i] <= '9')))
		i++;
	nl = i - ns;
	w->i = end < w->n ? end + 1 : w->n;
	if (nl >= sizeof(name))
		return GK_OK;
	for (k = 0; k < nl; k++)
		name[k] = wx_lower(w->s[ns + k]);
	name[nl] = '\0';
	for (k = 0; k < sizeof(wx_drop) / sizeof(wx_drop[0]); k++)
		if (strcmp(name, wx_drop[k]) == 0) {
			if (!closing && !(end > ns && w->s[end - 1] == '/'))
				wx_skip_element(w, name);
			return GK_OK;
		}
	if (strcmp(name, "img") == 0)
		return closing ? GK_OK : wx_img(w, w->s + i, end - i);
	for (k = 0; k < sizeof(wx_tags) / sizeof(wx_tags[0]); k++)
		if (strcmp(name, wx_tags[k].in) == 0) {
			t = &wx_tags[k];
			break;
		}
	if (t == NULL)
		return GK_OK;
	if (!closing) {
		if (t->is_void || w->depth < WX_DEPTH_MAX)
			wx_open(w, t);
		return GK_OK;
	}
	if (t->is_void)
		return GK_OK;
	for (k = w->depth; k > 0; k--)
		if (w->stack[k - 1]->out == t->out || strcmp(w->stack[k - 1]->out, t->out) == 0) {
			wx_close_to(w, k - 1);
			break;
		}
	return GK_OK;
}

/* Code points of s[0..n) (valid UTF-8). */
static size_t
wx_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			c++;
	return c;
}

enum gk_err
gk_wechat_html(const char *html, size_t len, const char *item_url, gk_wechat_img_fn img,
    void *arg, struct gk_buf *out, char *err, size_t errlen)
{
	struct wx	 w;
	size_t		 start = out->len, t;
	enum gk_err	 e = GK_OK;

	if (html == NULL)
		len = 0;
	if (len > 0 && (gk_utf8_check(html, len) != len || memchr(html, '\0', len) != NULL)) {
		snprintf(err, errlen, "正文不是有效的 UTF-8 文本");
		return GK_EINVAL;
	}
	memset(&w, 0, sizeof(w));
	w.s = html;
	w.n = len;
	w.out = out;
	w.img = img;
	w.arg = arg;
	w.err = err;
	w.errlen = errlen;
	while (w.i < w.n && e == GK_OK && out->err == GK_OK) {
		if (w.s[w.i] == '<') {
			e = wx_tag(&w);
			continue;
		}
		t = w.i;
		while (t < w.n && w.s[t] != '<')
			t++;
		wx_text(&w, w.s + w.i, t - w.i);
		w.i = t;
	}
	if (e != GK_OK)
		return e;
	wx_close_to(&w, 0);
	if (item_url != NULL && item_url[0] != '\0') {
		gk_buf_puts(out, "<p style=\"" WX_FOOT_STYLE "\">原文链接：");
		gk_buf_put_html(out, item_url, strlen(item_url));
		gk_buf_puts(out, "</p>");
	}
	if (out->err != GK_OK) {
		snprintf(err, errlen, out->err == GK_ENOMEM ? "内存不足" : "正文过长");
		return out->err;
	}
	if (wx_chars(out->data + start, out->len - start) >= GK_WECHAT_CONTENT_MAX) {
		snprintf(err, errlen, "正文转换后达 %zu 个字符，超过微信图文消息 %d 字符的上限",
		    wx_chars(out->data + start, out->len - start), GK_WECHAT_CONTENT_MAX);
		return GK_ELIMIT;
	}
	return GK_OK;
}
