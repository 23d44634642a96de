/*
 * letter_doc.c — the answer letter (告知书) as DOCX and PDF. The wording
 * is core/letter.c's: the letter is rendered as HTML there (one block per
 * line: <h1> title, then <p class="gk-no|gk-to|gk-body|gk-sign|gk-date">),
 * read back here block by block, and laid out in the formal letter layout:
 * the title centred in the title face, the 文号 line centred, the
 * addressee flush left, body paragraphs with a two-character indent, the
 * agency and the date at the bottom right.
 */
#include <stdio.h>
#include <string.h>

#include "core/escape.h"
#include "doc/doc.h"
#include "doc/letter_doc.h"
#include "doc/pdf.h"
#include "report/report_io.h"

#define ARTICLE	"<article class=\"gk-letter\">"

static const struct {
	const char		*open;
	enum gk_letter_blk	 kind;
} blk_tags[] = {
	{ "<h1>", GK_LB_TITLE },
	{ "<p class=\"gk-no\">", GK_LB_NUMBER },
	{ "<p class=\"gk-to\">", GK_LB_TO },
	{ "<p class=\"gk-body\">", GK_LB_BODY },
	{ "<p class=\"gk-sign\">", GK_LB_SIGN },
	{ "<p class=\"gk-date\">", GK_LB_DATE },
};

/* Appends the text of s[0..len) with the five entities gk_buf_put_html writes undone. */
static void
unescape(struct gk_buf *b, const char *s, size_t len)
{
	static const struct { const char *e; char c; } ents[] = {
		{ "&amp;", '&' }, { "&lt;", '<' }, { "&gt;", '>' }, { "&quot;", '"' },
		{ "&#39;", '\'' },
	};
	size_t i, k, n;

	for (i = 0; i < len; i++) {
		if (s[i] == '&') {
			for (k = 0; k < sizeof(ents) / sizeof(ents[0]); k++) {
				n = strlen(ents[k].e);
				if (i + n <= len && memcmp(s + i, ents[k].e, n) == 0)
					break;
			}
			if (k < sizeof(ents) / sizeof(ents[0])) {
				gk_buf_putc(b, ents[k].c);
				i += strlen(ents[k].e) - 1;
				continue;
			}
		}
		gk_buf_putc(b, s[i]);
	}
}

void
gk_letter_blocks_clear(struct gk_letter_blocks *lb)
{
	size_t i;

	for (i = 0; i < lb->n; i++)
		gk_free(lb->text[i]);
	memset(lb, 0, sizeof(*lb));
}

enum gk_err
gk_letter_blocks_parse(const char *html, size_t len, struct gk_letter_blocks *lb)
{
	const char	*p = html, *end = html + len, *nl, *close;
	struct gk_buf	 t;
	size_t		 k, n;
	int		 in_letter = 0, seen_end = 0;

	memset(lb, 0, sizeof(*lb));
	if (html == NULL)
		return GK_EINVAL;
	for (; p < end; p = nl < end ? nl + 1 : end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		n = (size_t)(nl - p);
		if (n == strlen(ARTICLE) && memcmp(p, ARTICLE, n) == 0) {
			in_letter = 1;
			continue;
		}
		if (!in_letter)
			continue;
		if (n >= 10 && memcmp(p, "</article>", 10) == 0) {
			seen_end = 1;
			break;
		}
		for (k = 0; k < sizeof(blk_tags) / sizeof(blk_tags[0]); k++)
			if (n > strlen(blk_tags[k].open) &&
			    memcmp(p, blk_tags[k].open, strlen(blk_tags[k].open)) == 0)
				break;
		if (k == sizeof(blk_tags) / sizeof(blk_tags[0]) || lb->n >= GK_LETTER_BLOCKS)
			goto bad;
		close = blk_tags[k].kind == GK_LB_TITLE ? "</h1>" : "</p>";
		if (n < strlen(blk_tags[k].open) + strlen(close) ||
		    memcmp(nl - strlen(close), close, strlen(close)) != 0)
			goto bad;
		gk_buf_init(&t, 0);
		unescape(&t, p + strlen(blk_tags[k].open),
		    n - strlen(blk_tags[k].open) - strlen(close));
		gk_buf_putc(&t, '\0');
		if (t.err != GK_OK) {
			gk_buf_clear(&t);
			gk_letter_blocks_clear(lb);
			return GK_ENOMEM;
		}
		lb->kind[lb->n] = blk_tags[k].kind;
		lb->text[lb->n++] = gk_buf_take(&t, NULL);
	}
	if (seen_end && lb->n > 0 && lb->kind[0] == GK_LB_TITLE)
		return GK_OK;
bad:
	gk_letter_blocks_clear(lb);
	return GK_EINVAL;
}

/* The letter as WordprocessingML (word/document.xml), in the report's styles (render_docx.c). */
static void
letter_docx_xml(struct gk_buf *b, const struct gk_letter_blocks *lb)
{
	static const char *const ppr[GK_LB__MAX] = {
		[GK_LB_TITLE] = "<w:pStyle w:val=\"Title\"/><w:spacing w:after=\"280\"/><w:jc w:val=\"center\"/>",
		[GK_LB_NUMBER] = "<w:spacing w:after=\"280\"/><w:jc w:val=\"center\"/>",
		[GK_LB_TO] = "<w:jc w:val=\"left\"/>",
		[GK_LB_BODY] = "<w:pStyle w:val=\"BodyText\"/>",
		[GK_LB_SIGN] = "<w:spacing w:before=\"1120\"/><w:ind w:right=\"640\"/><w:jc w:val=\"right\"/>",
		[GK_LB_DATE] = "<w:ind w:right=\"640\"/><w:jc w:val=\"right\"/>",
	};
	size_t i;

	gk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
	    " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body>");
	for (i = 0; i < lb->n; i++) {
		gk_buf_printf(b, "<w:p><w:pPr>%s</w:pPr><w:r><w:t xml:space=\"preserve\">",
		    ppr[lb->kind[i]]);
		gk_buf_put_xml(b, lb->text[i], strlen(lb->text[i]));
		gk_buf_puts(b, "</w:t></w:r></w:p>");
	}
	/* A4 with the margins of GB/T 9704, page number in the footer left to Word. */
	gk_buf_puts(b, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	    "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\""
	    " w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
}

/*
 * The letter as PDF. The agency and the date must not stand alone on a
 * page (GB/T 9704 7.3.5: when they do not fit under the text, close up the
 * lines rather than start a page with them): the letter is laid out with
 * the usual line spacing and, while the signature would be pushed to a
 * page of its own, again with tighter spacing (down to 0.9 of the font's);
 * when even that does not do, the last paragraph goes over to the new page
 * with them.
 */
static enum gk_err
letter_pdf(const struct gk_letter_blocks *lb, struct gk_buf *out)
{
	static const struct gk_pdf_style base[GK_LB__MAX] = {
		[GK_LB_TITLE] = { 22, 1, 0, GK_PDF_CENTER, 0, 0, 0, 14, 0 },
		[GK_LB_NUMBER] = { 16, 0, 0, GK_PDF_CENTER, 0, 0, 0, 14, 0 },
		[GK_LB_TO] = { 16, 0, 0, GK_PDF_LEFT, 0, 0, 0, 0, 0 },
		[GK_LB_BODY] = { 16, 0, 0, GK_PDF_JUSTIFY, 2, 0, 0, 0, 0 },
		[GK_LB_SIGN] = { 16, 0, 0, GK_PDF_RIGHT, 0, 2, 32, 0, 0 },
		[GK_LB_DATE] = { 16, 0, 0, GK_PDF_RIGHT, 0, 2, 0, 0, 0 },
	};
	/* the last entry: usual spacing, the last paragraph moved */
	static const double spacings[] = { 1.05, 1.0, 0.95, 0.9, 1.05 };
	struct gk_pdf_style	 st;
	struct gk_pdf		*p;
	enum gk_err		 e;
	size_t			 i, k, last = sizeof(spacings) / sizeof(spacings[0]) - 1, lastbody = 0;
	int			 alone;

	for (i = 0; i < lb->n; i++)
		if (lb->kind[i] == GK_LB_BODY)
			lastbody = i;
	for (k = 0;; k++) {
		if ((e = gk_pdf_new(&p, lb->text[0], GK_PDF_FOOT_DASH)) != GK_OK)
			return e;
		alone = 0;
		for (i = 0; i < lb->n; i++)
			if (lb->kind[i] == GK_LB_SIGN)
				gk_pdf_author(p, lb->text[i]);
		for (i = 0; i < lb->n; i++) {
			st = base[lb->kind[i]];
			if (lb->kind[i] != GK_LB_TITLE && lb->kind[i] != GK_LB_NUMBER)
				st.spacing = spacings[k];
			if (k == last && i == lastbody && i > 0)
				gk_pdf_need(p, 1e6);	/* a new page unless this one is empty */
			if (lb->kind[i] == GK_LB_SIGN && i > 0) {
				int before = gk_pdf_pages(p);

				/* the agency and the date together, on the page of the text's end */
				gk_pdf_need(p, 90);
				alone = gk_pdf_pages(p) > before;
			}
			gk_pdf_para(p, &st, lb->text[i], strlen(lb->text[i]));
		}
		if (!alone || k == last)
			return gk_pdf_finish(p, out);
		gk_pdf_free(p);
	}
}

enum gk_err
gk_doc_letter_html(const char *html, size_t len, enum gk_doc_fmt fmt, struct gk_buf *out,
    char *err, size_t errlen)
{
	struct gk_letter_blocks	 lb;
	struct gk_buf		 xml;
	enum gk_err		 e;

	if (errlen > 0)
		err[0] = '\0';
	if (fmt != GK_DOC_DOCX && fmt != GK_DOC_PDF) {
		if (errlen > 0)
			snprintf(err, errlen, "告知书只能输出为 docx 或 pdf");
		return GK_EINVAL;
	}
	if ((e = gk_letter_blocks_parse(html, len, &lb)) != GK_OK) {
		if (errlen > 0)
			snprintf(err, errlen, "%s", e == GK_ENOMEM ? "内存不足" :
			    "不是 gongkai 生成的告知书 HTML");
		return e;
	}
	if (fmt == GK_DOC_PDF)
		e = letter_pdf(&lb, out);
	else {
		gk_buf_init(&xml, 0);
		letter_docx_xml(&xml, &lb);
		if ((e = xml.err) == GK_OK)
			e = gk_docx_pack(xml.data, xml.len, out);
		gk_buf_clear(&xml);
	}
	gk_letter_blocks_clear(&lb);
	if (e != GK_OK && errlen > 0)
		snprintf(err, errlen, "无法生成告知书（%s）", gk_strerror(e));
	return e;
}

enum gk_err
gk_doc_letter(const struct letter *l, enum gk_doc_fmt fmt, struct gk_buf *out, char *err,
    size_t errlen)
{
	struct gk_buf	 html;
	enum gk_err	 e;

	if (fmt != GK_DOC_DOCX && fmt != GK_DOC_PDF) {
		if (errlen > 0)
			snprintf(err, errlen, "告知书只能输出为 docx 或 pdf");
		return GK_EINVAL;
	}
	gk_buf_init(&html, 0);
	if ((e = letter_render(l, LETTER_HTML, &html, err, errlen)) == GK_OK)
		e = gk_doc_letter_html(html.data, html.len, fmt, out, err, errlen);
	gk_buf_clear(&html);
	return e;
}
