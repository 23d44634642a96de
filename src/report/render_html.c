/*
 * render_html.c — the annual report as semantic HTML: a whole page (inline
 * style, no script, no external resource) or the <article> element alone
 * for embedding. The tables draw the merged cells of the official template
 * with rowspan/colspan, so a reader of the page sees the template's grid.
 */
#include <string.h>

#include "core/escape.h"
#include "report/report_io.h"

static const char html_style[] =
    "body{margin:0;padding:1em;font-family:\"Noto Sans CJK SC\",\"PingFang SC\","
    "\"Microsoft YaHei\",sans-serif;line-height:1.7;color:#222;background:#fff}\n"
    ".gk-report{max-width:60em;margin:0 auto}\n"
    ".gk-report h1{font-size:1.5em;text-align:center;margin:.5em 0 1em}\n"
    ".gk-report h2{font-size:1.2em;margin:1.5em 0 .5em}\n"
    ".gk-report p{margin:.5em 0;text-indent:2em}\n"
    ".table-wrap{overflow-x:auto;-webkit-overflow-scrolling:touch;margin:.5em 0 1em}\n"
    ".gk-report table{border-collapse:collapse;min-width:100%;font-size:.9em}\n"
    ".gk-report caption{text-align:left;font-weight:bold;padding:.3em 0}\n"
    ".gk-report th,.gk-report td{border:1px solid #666;padding:.3em .5em;vertical-align:middle}\n"
    ".gk-report thead th{background:#f0f0f0;text-align:center}\n"
    ".gk-report tbody th{font-weight:normal;text-align:left}\n"
    ".gk-report td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
    ".gk-report td.unreadable{background:#fff3cd}\n"
    /* On a phone the wide tables scroll sideways instead of crushing their labels. */
    ".gk-report table.gk-s3{min-width:44em}.gk-report table.gk-s4{min-width:48em}\n"
    ".gk-report table.gk-s3 tbody th{min-width:6em}\n"
    "@media print{body{padding:0;font-size:11pt}.table-wrap{overflow:visible}"
    ".gk-report thead th{background:none}table,tr{page-break-inside:avoid}"
    "h2{page-break-after:avoid}}\n";

static void
hb_text(struct gk_buf *b, const char *s)
{
	gk_buf_put_html(b, s, strlen(s));
}

/* The report's title: "{agency}{year}年政府信息公开工作年度报告". */
static void
hb_title(struct gk_buf *b, const struct gk_report *r)
{
	hb_text(b, r->agency);
	if (r->year > 0)
		gk_buf_printf(b, "%d年", r->year);
	gk_buf_puts(b, "政府信息公开工作年度报告");
}

/* A <th> with optional scope, colspan and rowspan; the text is escaped. */
static void
hb_th(struct gk_buf *b, const char *scope, int colspan, int rowspan, const char *text)
{
	gk_buf_puts(b, "<th");
	if (scope != NULL)
		gk_buf_printf(b, " scope=\"%s\"", scope);
	if (colspan > 1)
		gk_buf_printf(b, " colspan=\"%d\"", colspan);
	if (rowspan > 1)
		gk_buf_printf(b, " rowspan=\"%d\"", rowspan);
	gk_buf_putc(b, '>');
	hb_text(b, text);
	gk_buf_puts(b, "</th>");
}

/* One value cell; ABSENT cells are not rendered at all. */
static void
hb_cell(struct gk_buf *b, const struct gk_cell *c)
{
	char v[GK_CELL_TEXT_MAX + 64];

	switch (c->state) {
	case GK_CELL_ABSENT:
		return;
	case GK_CELL_BLANK:
		gk_buf_puts(b, "<td></td>");
		return;
	case GK_CELL_NUM:
		gk_buf_puts(b, "<td class=\"num\">");
		break;
	case GK_CELL_UNREADABLE:
		gk_buf_puts(b, "<td class=\"unreadable\">");
		break;
	default:
		gk_buf_puts(b, "<td>");
		break;
	}
	gk_cell_format(c, v, sizeof(v));
	hb_text(b, v);
	gk_buf_puts(b, "</td>");
}

/* Narrative: one <p> per paragraph (paragraphs are separated by blank lines). */
static void
hb_narr(struct gk_buf *b, const char *s)
{
	const char	*p = s, *e, *q;
	size_t		 n;

	while (*p != '\0') {
		while (*p == '\n' || *p == '\r')
			p++;
		if (*p == '\0')
			break;
		e = strstr(p, "\n\n");
		n = e != NULL ? (size_t)(e - p) : strlen(p);
		while (n > 0 && (p[n - 1] == '\n' || p[n - 1] == '\r'))
			n--;
		gk_buf_puts(b, "<p>");
		/* A single line break inside a paragraph is kept as <br>. */
		while (n > 0 && (q = memchr(p, '\n', n)) != NULL) {
			size_t k = (size_t)(q - p);

			gk_buf_put_html(b, p, k > 0 && p[k - 1] == '\r' ? k - 1 : k);
			gk_buf_puts(b, "<br>");
			p = q + 1;
			n -= k + 1;
		}
		gk_buf_put_html(b, p, n);
		gk_buf_puts(b, "</p>\n");
		p += n;
	}
}

static void
hb_heading(struct gk_buf *b, int i)
{
	gk_buf_puts(b, "<h2>");
	hb_text(b, gk_section_titles[i]);
	gk_buf_puts(b, "</h2>\n");
}

static void
hb_section_narr(struct gk_buf *b, const struct gk_report *r, int title, enum gk_narr n)
{
	if (r->narr[n] == NULL)
		return;
	gk_buf_puts(b, "<section>\n");
	hb_heading(b, title);
	hb_narr(b, r->narr[n]);
	gk_buf_puts(b, "</section>\n");
}

/* Section 二: one table per 第二十条 item of the report's template. */
static void
hb_s2(struct gk_buf *b, const struct gk_report *r)
{
	int i, row, col;

	gk_buf_puts(b, "<section>\n");
	hb_heading(b, 1);
	for (i = 0; i < GK_S2_TABLES; i++) {
		const struct gk_s2_table *t = &gk_s2_tables[i];

		if (t->tpl != r->tpl)
			continue;
		gk_buf_puts(b, "<div class=\"table-wrap\"><table class=\"gk-s2\">\n<caption>");
		hb_text(b, t->caption);
		gk_buf_puts(b, "</caption>\n<thead><tr>");
		hb_th(b, "col", 1, 1, GK_S2_HEADER);
		for (col = 0; col < t->ncols; col++)
			hb_th(b, "col", 1, 1, t->cols[col]);
		gk_buf_puts(b, "</tr></thead>\n<tbody>\n");
		for (row = 0; row < t->nrows; row++) {
			gk_buf_puts(b, "<tr>");
			hb_th(b, "row", 1, 1, t->rows[row]);
			for (col = 0; col < t->ncols; col++)
				hb_cell(b, &r->s2[t->first + row * t->ncols + col]);
			gk_buf_puts(b, "</tr>\n");
		}
		gk_buf_puts(b, "</tbody>\n</table></div>\n");
	}
	gk_buf_puts(b, "</section>\n");
}

/* Whether a section-三 row has a line of its own in this report. */
static int
s3_has_values(const struct gk_report *r, enum gk_s3row row)
{
	int j;

	if (gk_s3_row_in(row, r->tpl))
		return 1;
	for (j = 0; j < GK_S3COL__MAX; j++)
		if (r->s3[row][j].state != GK_CELL_ABSENT)
			return 1;
	return 0;
}

static void
hb_s3_values(struct gk_buf *b, const struct gk_report *r, enum gk_s3row row)
{
	int j;

	for (j = 0; j < GK_S3COL__MAX; j++)
		hb_cell(b, &r->s3[row][j]);
	gk_buf_puts(b, "</tr>\n");
}

/* Leaves of a group that have a line in this report. */
static int
s3_group_leaves(const struct gk_report *r, enum gk_s3row g)
{
	int i, n = 0;

	for (i = g + 1; i < GK_S3ROW__MAX && gk_s3_rows[i].group == g &&
	    gk_s3_rows[i].role == GK_S3R_OUTCOME; i++)
		if (s3_has_values(r, (enum gk_s3row)i))
			n++;
	return n;
}

/*
 * Section 三, drawn as the template draws it: three label columns (三、本年度
 * 办理结果 / group label / leaf label) and seven value columns.
 */
static void
hb_s3(struct gk_buf *b, const struct gk_report *r)
{
	int	 i, j, nout = 0, first_out = 1;

	gk_buf_puts(b, "<section>\n");
	hb_heading(b, 2);
	gk_buf_puts(b, "<div class=\"table-wrap\"><table class=\"gk-s3\">\n<caption>");
	hb_text(b, "收到和处理政府信息公开申请情况表");
	gk_buf_puts(b, "</caption>\n<thead>\n<tr>");
	hb_th(b, NULL, 3, 3, GK_S3_NOTE);
	hb_th(b, "colgroup", 6, 1, "申请人情况");
	hb_th(b, "col", 1, 3, gk_s3_cols[GK_S3_ALL]);
	gk_buf_puts(b, "</tr>\n<tr>");
	hb_th(b, "col", 1, 2, gk_s3_cols[GK_S3_NATURAL]);
	hb_th(b, "colgroup", 5, 1, "法人或其他组织");
	gk_buf_puts(b, "</tr>\n<tr>");
	for (j = GK_S3_BUSINESS; j <= GK_S3_OTHERORG; j++)
		hb_th(b, "col", 1, 1, gk_s3_cols[j]);
	gk_buf_puts(b, "</tr>\n</thead>\n<tbody>\n");

	/* Lines under 三、本年度办理结果 (for its rowspan). */
	for (i = GK_S3_OPEN; i <= GK_S3_TOTAL; i++)
		if (s3_has_values(r, (enum gk_s3row)i))
			nout++;

	for (i = 0; i < GK_S3ROW__MAX; i++) {
		const struct gk_s3_rowdef *d = &gk_s3_rows[i];
		enum gk_s3row row = (enum gk_s3row)i;

		switch (d->role) {
		case GK_S3R_INTAKE:
		case GK_S3R_CARRY_OUT:
			gk_buf_puts(b, "<tr>");
			hb_th(b, "row", 3, 1, d->label);
			hb_s3_values(b, r, row);
			continue;
		default:
			break;
		}
		if (!s3_has_values(r, row) && !(d->role == GK_S3R_GROUP &&
		    s3_group_leaves(r, row) > 0))
			continue;
		gk_buf_puts(b, "<tr>");
		if (first_out) {
			hb_th(b, "rowgroup", 1, nout, "三、本年度办理结果");
			first_out = 0;
		}
		if (d->role == GK_S3R_GROUP) {
			int nl = s3_group_leaves(r, row), k = 0;
			int sub = s3_has_values(r, row);

			if (sub) {
				/* A single line (2019's (六)) or a written subtotal. */
				hb_th(b, "row", 2, 1, d->label);
				hb_s3_values(b, r, row);
			} else {
				/* The label spans its leaves; the first leaf shares the line. */
				hb_th(b, "rowgroup", 1, nl, d->label);
			}
			for (j = i + 1; j < GK_S3ROW__MAX && gk_s3_rows[j].group == row &&
			    gk_s3_rows[j].role == GK_S3R_OUTCOME; j++) {
				if (!s3_has_values(r, (enum gk_s3row)j))
					continue;
				if (sub || k++ > 0)
					gk_buf_puts(b, "<tr>");
				/* Under a written subtotal a leaf's label spans two columns. */
				hb_th(b, "row", sub ? 2 : 1, 1, gk_s3_rows[j].label);
				hb_s3_values(b, r, (enum gk_s3row)j);
			}
			i = j - 1;
			continue;
		}
		/* (一), (二), (七), or a leaf whose group is not drawn. */
		hb_th(b, "row", 2, 1, d->label);
		hb_s3_values(b, r, row);
	}
	gk_buf_puts(b, "</tbody>\n</table></div>\n</section>\n");
}

/* Section 四: 行政复议 ×5, 行政诉讼 (未经复议直接起诉 ×5, 复议后起诉 ×5). */
static void
hb_s4(struct gk_buf *b, const struct gk_report *r)
{
	int i, j;

	gk_buf_puts(b, "<section>\n");
	hb_heading(b, 3);
	gk_buf_puts(b, "<div class=\"table-wrap\"><table class=\"gk-s4\">\n<caption>");
	hb_text(b, "行政复议、行政诉讼情况表");
	gk_buf_puts(b, "</caption>\n<thead>\n<tr>");
	hb_th(b, "colgroup", GK_S4RES__MAX, 1, gk_s4_routes[GK_S4_RECON]);
	hb_th(b, "colgroup", 2 * GK_S4RES__MAX, 1, "行政诉讼");
	gk_buf_puts(b, "</tr>\n<tr>");
	for (j = 0; j < GK_S4RES__MAX; j++)
		hb_th(b, "col", 1, 2, gk_s4_results[j]);
	hb_th(b, "colgroup", GK_S4RES__MAX, 1, gk_s4_routes[GK_S4_SUIT_DIRECT]);
	hb_th(b, "colgroup", GK_S4RES__MAX, 1, gk_s4_routes[GK_S4_SUIT_AFTER]);
	gk_buf_puts(b, "</tr>\n<tr>");
	for (i = GK_S4_SUIT_DIRECT; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			hb_th(b, "col", 1, 1, gk_s4_results[j]);
	gk_buf_puts(b, "</tr>\n</thead>\n<tbody>\n<tr>");
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			hb_cell(b, &r->s4[i][j]);
	gk_buf_puts(b, "</tr>\n</tbody>\n</table></div>\n</section>\n");
}

enum gk_err
gk_render_html(const struct gk_report *r, unsigned flags, struct gk_buf *b)
{
	if (r == NULL || b == NULL || (unsigned)r->tpl >= GK_TPL__MAX)
		return GK_EINVAL;
	if (flags & GK_HTML_PAGE) {
		gk_buf_puts(b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n"
		    "<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<title>");
		hb_title(b, r);
		gk_buf_puts(b, "</title>\n<style>\n");
		gk_buf_puts(b, html_style);
		gk_buf_puts(b, "</style>\n</head>\n<body>\n");
	}
	gk_buf_puts(b, "<article class=\"gk-report\">\n<h1>");
	hb_title(b, r);
	gk_buf_puts(b, "</h1>\n");
	hb_section_narr(b, r, 0, GK_NARR_OVERVIEW);
	hb_s2(b, r);
	hb_s3(b, r);
	hb_s4(b, r);
	hb_section_narr(b, r, 4, GK_NARR_PROBLEMS);
	hb_section_narr(b, r, 5, GK_NARR_OTHER);
	gk_buf_puts(b, "</article>\n");
	if (flags & GK_HTML_PAGE)
		gk_buf_puts(b, "</body>\n</html>\n");
	return b->err;
}
