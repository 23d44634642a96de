/*
 * render_docx.c — the annual report as a Word document (.docx): the
 * WordprocessingML body in the layout of the national template (centred
 * title, section headings, narrative paragraphs, the tables of sections 二,
 * 三 and 四 with the template's merged cells), and the packaging of a body
 * into a minimal OPC package with libzip, all in memory.
 */
#include <stdio.h>
#include <string.h>

#include <zip.h>

#include "report/report_io.h"

#define DOCX_W_NS	"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define DOCX_R_NS	"http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#define DOCX_PKG_REL_NS	"http://schemas.openxmlformats.org/package/2006/relationships"

/* Fixed modification time of every part, so the same report gives the same bytes. */
#define DOCX_MTIME	((time_t)1609459200)	/* 2021-01-01 00:00:00 UTC */

static const char docx_content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "</Types>";

static const char docx_pkg_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"" DOCX_PKG_REL_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" DOCX_R_NS "/officeDocument\" Target=\"word/document.xml\"/>"
    "</Relationships>";

static const char docx_doc_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"" DOCX_PKG_REL_NS "\">"
    "<Relationship Id=\"rId1\" Type=\"" DOCX_R_NS "/styles\" Target=\"styles.xml\"/>"
    "</Relationships>";

/*
 * Styles in the manner of official documents (GB/T 9704): body in 仿宋 三号,
 * headings in 黑体, the title in 宋体 二号 bold, tables in 宋体 五号.
 */
static const char docx_styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"" DOCX_W_NS "\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"仿宋\" w:cs=\"Times New Roman\"/>"
    "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/>"
    "<w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\" w:bidi=\"ar-SA\"/>"
    "</w:rPr></w:rPrDefault>"
    "<w:pPrDefault><w:pPr><w:spacing w:line=\"560\" w:lineRule=\"exact\"/></w:pPr></w:pPrDefault>"
    "</w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:pPr><w:jc w:val=\"both\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:line=\"700\" w:lineRule=\"exact\"/></w:pPr>"
    "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\"/>"
    "<w:b/><w:bCs/><w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/>"
    "<w:pPr><w:keepNext/><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/></w:pPr>"
    "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"黑体\"/>"
    "<w:b/><w:bCs/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"BodyText\"><w:name w:val=\"Body Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/></w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/><w:spacing w:line=\"280\" w:lineRule=\"atLeast\"/></w:pPr>"
    "<w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"宋体\"/>"
    "<w:sz w:val=\"20\"/><w:szCs w:val=\"20\"/></w:rPr></w:style>"
    "<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/>"
    "<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/>"
    "<w:left w:w=\"60\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"60\" w:type=\"dxa\"/>"
    "</w:tblCellMar></w:tblPr></w:style>"
    "</w:styles>";

/* Usable width of an A4 page with the GB/T 9704 margins, in twentieths of a point. */
#define DOCX_TEXT_W	8844

/*
 * Appends s as XML character data: escapes markup characters, drops the
 * control characters XML 1.0 forbids, replaces bytes that are not UTF-8 and
 * the non-characters U+FFFE/U+FFFF with U+FFFD.
 */
static void
docx_esc(struct gk_buf *b, const char *s, size_t len)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 i = 0, k;
	uint32_t		 cp;

	while (i < len) {
		unsigned char c = p[i];

		if (c < 0x80) {
			switch (c) {
			case '&':
				gk_buf_puts(b, "&amp;");
				break;
			case '<':
				gk_buf_puts(b, "&lt;");
				break;
			case '>':
				gk_buf_puts(b, "&gt;");
				break;
			case '"':
				gk_buf_puts(b, "&quot;");
				break;
			default:
				if (c >= 0x20 || c == '\t' || c == '\n')
					gk_buf_putc(b, (char)c);
				break;
			}
			i++;
			continue;
		}
		if ((c & 0xE0) == 0xC0)
			k = 2, cp = c & 0x1F;
		else if ((c & 0xF0) == 0xE0)
			k = 3, cp = c & 0x0F;
		else if ((c & 0xF8) == 0xF0)
			k = 4, cp = c & 0x07;
		else
			k = 0, cp = 0;
		if (k == 0 || i + k > len)
			goto bad;
		{
			size_t j;

			for (j = 1; j < k; j++) {
				if ((p[i + j] & 0xC0) != 0x80)
					goto bad;
				cp = (cp << 6) | (p[i + j] & 0x3F);
			}
		}
		/* Overlong forms, surrogates, out of range, non-characters. */
		if ((k == 2 && cp < 0x80) || (k == 3 && cp < 0x800) ||
		    (k == 4 && cp < 0x10000) || cp > 0x10FFFF ||
		    (cp >= 0xD800 && cp <= 0xDFFF) || cp == 0xFFFE || cp == 0xFFFF)
			goto bad;
		gk_buf_append(b, p + i, k);
		i += k;
		continue;
bad:
		gk_buf_puts(b, "\xEF\xBF\xBD");
		i++;
	}
}

/* A run of text; tabs and line breaks inside become w:tab and w:br. */
static void
docx_run(struct gk_buf *b, const char *rpr, const char *s, size_t len)
{
	size_t	 i, start = 0;

	gk_buf_puts(b, "<w:r>");
	if (rpr != NULL)
		gk_buf_puts(b, rpr);
	for (i = 0; i <= len; i++) {
		if (i < len && s[i] != '\t' && s[i] != '\n')
			continue;
		if (i > start) {
			gk_buf_puts(b, "<w:t xml:space=\"preserve\">");
			docx_esc(b, s + start, i - start);
			gk_buf_puts(b, "</w:t>");
		}
		if (i < len)
			gk_buf_puts(b, s[i] == '\t' ? "<w:tab/>" : "<w:br/>");
		start = i + 1;
	}
	gk_buf_puts(b, "</w:r>");
}

/* A paragraph of one run; ppr is the inside of w:pPr (may be NULL). */
static void
docx_para(struct gk_buf *b, const char *ppr, const char *rpr, const char *s, size_t len)
{
	gk_buf_puts(b, "<w:p>");
	if (ppr != NULL) {
		gk_buf_puts(b, "<w:pPr>");
		gk_buf_puts(b, ppr);
		gk_buf_puts(b, "</w:pPr>");
	}
	if (len > 0)
		docx_run(b, rpr, s, len);
	gk_buf_puts(b, "</w:p>");
}

/* Each paragraph of a narrative (paragraphs separated by blank lines). */
static void
docx_narr(struct gk_buf *b, const char *text)
{
	const char	*p = text, *end = text + strlen(text), *q;
	const char	*s, *e;

	while (p < end) {
		q = strstr(p, "\n\n");
		if (q == NULL)
			q = end;
		s = p;
		e = q;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
			e--;
		if (e > s)
			docx_para(b, "<w:pStyle w:val=\"BodyText\"/>", NULL, s, (size_t)(e - s));
		p = q < end ? q + 2 : end;
	}
}

/*
 * Table cells. A cell has a grid span (columns), a vertical merge state and
 * optional shading (header cells).
 */
enum docx_vm { VM_NONE, VM_RESTART, VM_CONT };

static void
docx_tc(struct gk_buf *b, int width, int span, enum docx_vm vm, int shade,
    const char *s, int left)
{
	gk_buf_printf(b, "<w:tc><w:tcPr><w:tcW w:w=\"%d\" w:type=\"dxa\"/>", width);
	if (span > 1)
		gk_buf_printf(b, "<w:gridSpan w:val=\"%d\"/>", span);
	if (vm == VM_RESTART)
		gk_buf_puts(b, "<w:vMerge w:val=\"restart\"/>");
	else if (vm == VM_CONT)
		gk_buf_puts(b, "<w:vMerge/>");
	if (shade)
		gk_buf_puts(b, "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/>");
	gk_buf_puts(b, "<w:vAlign w:val=\"center\"/></w:tcPr>");
	if (vm == VM_CONT || s == NULL)
		s = "";
	docx_para(b, left ? "<w:pStyle w:val=\"TableText\"/><w:jc w:val=\"left\"/>" :
	    "<w:pStyle w:val=\"TableText\"/>", NULL, s, strlen(s));
	gk_buf_puts(b, "</w:tc>");
}

/* A value cell; ABSENT cells of a present row keep their grid place, empty. */
static void
docx_val(struct gk_buf *b, int width, const struct gk_cell *c)
{
	char v[GK_CELL_TEXT_MAX + 32];

	gk_cell_format(c, v, sizeof(v));
	docx_tc(b, width, 1, VM_NONE, 0, v, 0);
}

/* Opens a bordered table whose grid has the given column widths. */
static void
docx_tbl_open(struct gk_buf *b, const int *cols, int ncols)
{
	int i;

	gk_buf_puts(b, "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/>"
	    "<w:jc w:val=\"center\"/><w:tblBorders>"
	    "<w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
	    "</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblLook w:val=\"04A0\"/></w:tblPr><w:tblGrid>");
	for (i = 0; i < ncols; i++)
		gk_buf_printf(b, "<w:gridCol w:w=\"%d\"/>", cols[i]);
	gk_buf_puts(b, "</w:tblGrid>");
}

static void
docx_tr_open(struct gk_buf *b, int header)
{
	gk_buf_puts(b, "<w:tr><w:trPr><w:jc w:val=\"center\"/>");
	if (header)
		gk_buf_puts(b, "<w:tblHeader/>");
	gk_buf_puts(b, "</w:trPr>");
}

/* Section 二: one table per 第二十条 item of the report's template. */
static void
docx_s2(struct gk_buf *b, const struct gk_report *r)
{
	size_t	 t;
	int	 i, j, any, cols[4], lw = 2844, vw;

	for (t = 0; t < GK_S2_TABLES; t++) {
		const struct gk_s2_table *tab = &gk_s2_tables[t];

		if (tab->tpl != r->tpl)
			continue;
		any = 0;
		for (i = 0; i < tab->nrows * tab->ncols; i++)
			if (r->s2[tab->first + i].state != GK_CELL_ABSENT)
				any = 1;
		if (!any)
			continue;
		vw = (DOCX_TEXT_W - lw) / tab->ncols;
		cols[0] = lw;
		for (j = 0; j < tab->ncols; j++)
			cols[1 + j] = vw;
		docx_tbl_open(b, cols, 1 + tab->ncols);
		/* Caption: a merged first row across the whole table. */
		docx_tr_open(b, 0);
		docx_tc(b, DOCX_TEXT_W, 1 + tab->ncols, VM_NONE, 1, tab->caption, 0);
		gk_buf_puts(b, "</w:tr>");
		docx_tr_open(b, 0);
		docx_tc(b, lw, 1, VM_NONE, 1, GK_S2_HEADER, 0);
		for (j = 0; j < tab->ncols; j++)
			docx_tc(b, vw, 1, VM_NONE, 1, tab->cols[j], 0);
		gk_buf_puts(b, "</w:tr>");
		for (i = 0; i < tab->nrows; i++) {
			any = 0;
			for (j = 0; j < tab->ncols; j++)
				if (r->s2[tab->first + i * tab->ncols + j].state != GK_CELL_ABSENT)
					any = 1;
			if (!any)
				continue;
			docx_tr_open(b, 0);
			docx_tc(b, lw, 1, VM_NONE, 0, tab->rows[i], 0);
			for (j = 0; j < tab->ncols; j++)
				docx_val(b, vw, &r->s2[tab->first + i * tab->ncols + j]);
			gk_buf_puts(b, "</w:tr>");
		}
		gk_buf_puts(b, "</w:tbl>");
		docx_para(b, NULL, NULL, "", 0);
	}
}

static int
s3_row_present(const struct gk_report *r, int i)
{
	int j;

	for (j = 0; j < GK_S3COL__MAX; j++)
		if (r->s3[i][j].state != GK_CELL_ABSENT)
			return 1;
	return 0;
}

/* Whether any row of section 三's outcome block below row i belongs to group g. */
static int
s3_group_continues(const struct gk_report *r, int i, int g)
{
	for (i++; i < GK_S3ROW__MAX; i++)
		if ((int)gk_s3_rows[i].group == g && gk_s3_rows[i].role == GK_S3R_OUTCOME &&
		    s3_row_present(r, i))
			return 1;
	return 0;
}

/*
 * Section 三, drawn as the template draws it: a 10-column grid (three label
 * columns, then 自然人, the five 法人或其他组织 columns and 总计).
 */
static void
docx_s3(struct gk_buf *b, const struct gk_report *r)
{
	static const int cols[10] = { 800, 1200, 2744, 600, 600, 600, 600, 600, 600, 500 };
	int	 i, j, first_outcome = 1, open_group = -1;

	docx_tbl_open(b, cols, 10);
	docx_tr_open(b, 1);
	docx_tc(b, cols[0] + cols[1] + cols[2], 3, VM_RESTART, 1, GK_S3_NOTE, 0);
	docx_tc(b, 3600, 6, VM_NONE, 1, "申请人情况", 0);
	docx_tc(b, cols[9], 1, VM_RESTART, 1, gk_s3_cols[GK_S3_ALL], 0);
	gk_buf_puts(b, "</w:tr>");
	docx_tr_open(b, 1);
	docx_tc(b, cols[0] + cols[1] + cols[2], 3, VM_CONT, 1, NULL, 0);
	docx_tc(b, cols[3], 1, VM_RESTART, 1, gk_s3_cols[GK_S3_NATURAL], 0);
	docx_tc(b, 3000, 5, VM_NONE, 1, "法人或其他组织", 0);
	docx_tc(b, cols[9], 1, VM_CONT, 1, NULL, 0);
	gk_buf_puts(b, "</w:tr>");
	docx_tr_open(b, 1);
	docx_tc(b, cols[0] + cols[1] + cols[2], 3, VM_CONT, 1, NULL, 0);
	docx_tc(b, cols[3], 1, VM_CONT, 1, NULL, 0);
	for (j = GK_S3_BUSINESS; j <= GK_S3_OTHERORG; j++)
		docx_tc(b, cols[3 + j], 1, VM_NONE, 1, gk_s3_cols[j], 0);
	docx_tc(b, cols[9], 1, VM_CONT, 1, NULL, 0);
	gk_buf_puts(b, "</w:tr>");

	for (i = 0; i < GK_S3ROW__MAX; i++) {
		const struct gk_s3_rowdef *d = &gk_s3_rows[i];
		int in_block = d->role == GK_S3R_OUTCOME || d->role == GK_S3R_GROUP ||
		    d->role == GK_S3R_TOTAL;
		int leaf = d->role == GK_S3R_OUTCOME && (int)d->group != i;

		if (!s3_row_present(r, i))
			continue;
		docx_tr_open(b, 0);
		if (!in_block) {
			docx_tc(b, cols[0] + cols[1] + cols[2], 3, VM_NONE, 0, d->label, 1);
		} else {
			/* 三、本年度办理结果 spans every row of the outcome block. */
			docx_tc(b, cols[0], 1, first_outcome ? VM_RESTART : VM_CONT, 0,
			    "三、本年度办理结果", 0);
			first_outcome = 0;
			if (leaf) {
				if (open_group != (int)d->group) {
					/* First leaf of its group: the group label starts here. */
					docx_tc(b, cols[1], 1, VM_RESTART, 0,
					    gk_s3_rows[d->group].label, 1);
					open_group = (int)d->group;
				} else
					docx_tc(b, cols[1], 1, VM_CONT, 0, NULL, 0);
				docx_tc(b, cols[2], 1, VM_NONE, 0, d->label, 1);
			} else if (d->role == GK_S3R_GROUP && s3_group_continues(r, i, i)) {
				/* A written subtotal: the group label, an empty leaf place. */
				docx_tc(b, cols[1], 1, VM_RESTART, 0, d->label, 1);
				docx_tc(b, cols[2], 1, VM_NONE, 0, "", 0);
				open_group = i;
			} else {
				docx_tc(b, cols[1] + cols[2], 2, VM_NONE, 0, d->label, 1);
				open_group = -1;
			}
		}
		for (j = 0; j < GK_S3COL__MAX; j++)
			docx_val(b, cols[3 + j], &r->s3[i][j]);
		gk_buf_puts(b, "</w:tr>");
	}
	gk_buf_puts(b, "</w:tbl>");
}

/* Section 四: 行政复议 ×5, 行政诉讼 (未经复议直接起诉 ×5, 复议后起诉 ×5). */
static void
docx_s4(struct gk_buf *b, const struct gk_report *r)
{
	int	 cols[15], i, j, any = 0, w = DOCX_TEXT_W / 15;

	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			if (r->s4[i][j].state != GK_CELL_ABSENT)
				any = 1;
	if (!any)
		return;
	for (i = 0; i < 15; i++)
		cols[i] = w;
	docx_tbl_open(b, cols, 15);
	docx_tr_open(b, 1);
	docx_tc(b, 5 * w, 5, VM_NONE, 1, gk_s4_routes[GK_S4_RECON], 0);
	docx_tc(b, 10 * w, 10, VM_NONE, 1, "行政诉讼", 0);
	gk_buf_puts(b, "</w:tr>");
	docx_tr_open(b, 1);
	for (j = 0; j < GK_S4RES__MAX; j++)
		docx_tc(b, w, 1, VM_RESTART, 1, gk_s4_results[j], 0);
	docx_tc(b, 5 * w, 5, VM_NONE, 1, gk_s4_routes[GK_S4_SUIT_DIRECT], 0);
	docx_tc(b, 5 * w, 5, VM_NONE, 1, gk_s4_routes[GK_S4_SUIT_AFTER], 0);
	gk_buf_puts(b, "</w:tr>");
	docx_tr_open(b, 1);
	for (j = 0; j < GK_S4RES__MAX; j++)
		docx_tc(b, w, 1, VM_CONT, 1, NULL, 0);
	for (i = GK_S4_SUIT_DIRECT; i <= GK_S4_SUIT_AFTER; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			docx_tc(b, w, 1, VM_NONE, 1, gk_s4_results[j], 0);
	gk_buf_puts(b, "</w:tr>");
	docx_tr_open(b, 0);
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			docx_val(b, w, &r->s4[i][j]);
	gk_buf_puts(b, "</w:tr></w:tbl>");
}

static void
docx_heading(struct gk_buf *b, int i)
{
	docx_para(b, "<w:pStyle w:val=\"Heading1\"/>", "<w:rPr><w:b/><w:bCs/></w:rPr>",
	    gk_section_titles[i], strlen(gk_section_titles[i]));
}

/* The whole report as word/document.xml. */
static void
docx_document(struct gk_buf *b, const struct gk_report *r)
{
	char	 title[64];
	int	 narr_of[6] = { GK_NARR_OVERVIEW, -1, -1, -1, GK_NARR_PROBLEMS, GK_NARR_OTHER };
	int	 i;

	gk_buf_puts(b, "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
	    "<w:document xmlns:w=\"" DOCX_W_NS "\" xmlns:r=\"" DOCX_R_NS "\"><w:body>");
	if (r->agency[0] != '\0')
		docx_para(b, "<w:pStyle w:val=\"Title\"/><w:jc w:val=\"center\"/>", NULL,
		    r->agency, strlen(r->agency));
	if (r->year > 0)
		snprintf(title, sizeof(title), "%d年政府信息公开工作年度报告", r->year);
	else
		snprintf(title, sizeof(title), "政府信息公开工作年度报告");
	docx_para(b, "<w:pStyle w:val=\"Title\"/><w:jc w:val=\"center\"/>", NULL,
	    title, strlen(title));
	docx_para(b, NULL, NULL, "", 0);
	for (i = 0; i < 6; i++) {
		if (narr_of[i] >= 0) {
			if (r->narr[narr_of[i]] == NULL)
				continue;
			docx_heading(b, i);
			docx_narr(b, r->narr[narr_of[i]]);
			continue;
		}
		docx_heading(b, i);
		if (i == 1)
			docx_s2(b, r);
		else if (i == 2)
			docx_s3(b, r);
		else
			docx_s4(b, r);
		docx_para(b, NULL, NULL, "", 0);
	}
	/* A4, margins of GB/T 9704: top 37 mm, bottom 35 mm, left 28 mm, right 26 mm. */
	gk_buf_puts(b, "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/>"
	    "<w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\""
	    " w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr>"
	    "</w:body></w:document>");
}

enum gk_err
gk_render_docx(const struct gk_report *r, struct gk_buf *b)
{
	struct gk_buf	 xml;
	enum gk_err	 e;

	if (r == NULL || b == NULL)
		return GK_EINVAL;
	gk_buf_init(&xml, 0);
	docx_document(&xml, r);
	if ((e = xml.err) == GK_OK)
		e = gk_docx_pack(xml.data, xml.len, b);
	gk_buf_clear(&xml);
	return e;
}

/* Adds one part from memory the caller keeps alive until zip_close. */
static int
docx_add(zip_t *za, const char *name, const void *data, size_t len)
{
	zip_source_t	*s;
	zip_int64_t	 idx;

	if ((s = zip_source_buffer(za, data, len, 0)) == NULL)
		return -1;
	if ((idx = zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8)) < 0) {
		zip_source_free(s);
		return -1;
	}
	if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 0) != 0 ||
	    zip_file_set_mtime(za, (zip_uint64_t)idx, DOCX_MTIME, 0) != 0)
		return -1;
	return 0;
}

enum gk_err
gk_docx_pack(const char *xml, size_t len, struct gk_buf *out)
{
	zip_error_t	 ze;
	zip_source_t	*src = NULL;
	zip_t		*za = NULL;
	zip_stat_t	 st;
	enum gk_err	 e = GK_EIO;
	char		*tmp = NULL;
	zip_int64_t	 n;
	zip_uint64_t	 got;

	if (xml == NULL || out == NULL)
		return GK_EINVAL;
	if (len > GK_REPORT_MAX_INPUT * 4u)
		return GK_ELIMIT;
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(NULL, 0, 0, &ze)) == NULL)
		goto done;
	if ((za = zip_open_from_source(src, ZIP_TRUNCATE, &ze)) == NULL)
		goto done;
	/* The archive now owns src; keep our own reference past zip_close. */
	zip_source_keep(src);
	if (docx_add(za, "[Content_Types].xml", docx_content_types, sizeof(docx_content_types) - 1) != 0 ||
	    docx_add(za, "_rels/.rels", docx_pkg_rels, sizeof(docx_pkg_rels) - 1) != 0 ||
	    docx_add(za, "word/document.xml", xml, len) != 0 ||
	    docx_add(za, "word/styles.xml", docx_styles, sizeof(docx_styles) - 1) != 0 ||
	    docx_add(za, "word/_rels/document.xml.rels", docx_doc_rels, sizeof(docx_doc_rels) - 1) != 0) {
		zip_discard(za);
		za = NULL;
		goto done;
	}
	if (zip_close(za) != 0) {
		zip_discard(za);
		za = NULL;
		goto done;
	}
	za = NULL;

	/* Read the finished archive back out of the buffer source. */
	if (zip_source_stat(src, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0)
		goto done;
	if (st.size > GK_BUF_DEFAULT_MAX) {
		e = GK_ELIMIT;
		goto done;
	}
	if (zip_source_open(src) != 0)
		goto done;
	if ((tmp = gk_malloc(st.size ? (size_t)st.size : 1)) == NULL) {
		zip_source_close(src);
		e = GK_ENOMEM;
		goto done;
	}
	got = 0;
	while (got < st.size) {
		n = zip_source_read(src, tmp + got, st.size - got);
		if (n <= 0)
			break;
		got += (zip_uint64_t)n;
	}
	zip_source_close(src);
	if (got != st.size)
		goto done;
	e = gk_buf_append(out, tmp, (size_t)got);
done:
	gk_free(tmp);
	if (src != NULL)
		zip_source_free(src);
	zip_error_fini(&ze);
	return e;
}
