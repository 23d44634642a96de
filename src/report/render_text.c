/*
 * render_text.c — the plain-text rendering of a report in the seed's own
 * layout (shared/reference/report-text-layout.md): title, the six sections,
 * and the tables of sections 二 to 四 as tab-separated lines with the same
 * labels, order and merged-cell positions as the seed, byte for byte.
 */
#include <string.h>

#include "report/report_io.h"

/*
 * Where the seed puts empty fields around each section-三 row. The seed is a
 * pasted merged-cell table, so rows are ragged; this table is the layout.
 */
void
rr_s3_text_layout(enum gk_s3row r, enum gk_tpl t, int first_of_group, struct rr_s3_layout *l)
{
	l->indent = 0;
	l->lead = 0;
	l->trail = 1;
	switch (gk_s3_rows[r].role) {
	case GK_S3R_INTAKE:
	case GK_S3R_CARRY_OUT:
		l->lead = 1;
		break;
	case GK_S3R_TOTAL:
		l->trail = 2;
		break;
	case GK_S3R_GROUP:		/* 2019's single (六) 其他处理 row */
		l->indent = 1;
		break;
	case GK_S3R_OUTCOME:
		if (r == GK_S3_OPEN || r == GK_S3_PARTIAL) {
			l->indent = 1;	/* (一) carries 三、本年度办理结果 in that field */
		} else if (r == GK_S3_OTHER_MISC && t == GK_TPL_2021) {
			l->lead = 1;	/* the seed's 3.其他 row */
		} else {
			l->indent = first_of_group ? 1 : 2;
			l->trail = 0;
		}
		break;
	}
}

static void
put_cell(struct gk_buf *b, const struct gk_cell *c)
{
	char v[GK_CELL_TEXT_MAX + 32];

	gk_cell_format(c, v, sizeof(v));
	gk_buf_puts(b, v);
}

static void
put_tabs(struct gk_buf *b, int n)
{
	while (n-- > 0)
		gk_buf_putc(b, '\t');
}

static void
render_s2(const struct gk_report *r, struct gk_buf *b)
{
	size_t	i;
	int	row, col;

	for (i = 0; i < GK_S2_TABLES; i++) {
		const struct gk_s2_table *t = &gk_s2_tables[i];

		if (t->tpl != r->tpl)
			continue;
		gk_buf_puts(b, t->caption);
		put_tabs(b, 3);
		gk_buf_puts(b, "\n" GK_S2_HEADER);
		for (col = 0; col < 3; col++) {
			gk_buf_putc(b, '\t');
			if (col < t->ncols)
				gk_buf_puts(b, t->cols[col]);
		}
		gk_buf_putc(b, '\n');
		for (row = 0; row < t->nrows; row++) {
			gk_buf_puts(b, t->rows[row]);
			for (col = 0; col < 3; col++) {
				gk_buf_putc(b, '\t');
				if (col < t->ncols)
					put_cell(b, &r->s2[t->first + row * t->ncols + col]);
			}
			gk_buf_putc(b, '\n');
		}
	}
}

static void
render_s3(const struct gk_report *r, struct gk_buf *b)
{
	struct rr_s3_layout	 l;
	enum gk_s3row		 group = GK_S3ROW__MAX;
	int			 i, j, first;

	gk_buf_puts(b, GK_S3_NOTE "\t\t申请人情况\t\t\t\t\t\t总计\t\n");
	gk_buf_puts(b, "\t\t自然人\t法人或其他组织\t\t\t\t\t\t\n");
	gk_buf_puts(b, "\t\t\t商业企业\t科研机构\t社会公益组织\t法律服务机构\t其他\t\t\n");
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		const struct gk_s3_rowdef *d = &gk_s3_rows[i];

		if (!gk_s3_row_in((enum gk_s3row)i, r->tpl))
			continue;
		first = d->role == GK_S3R_OUTCOME && d->group != (enum gk_s3row)i &&
		    d->group != group;
		rr_s3_text_layout((enum gk_s3row)i, r->tpl, first, &l);
		if (i == GK_S3_OPEN)
			gk_buf_puts(b, "三、本年度办理结果");
		put_tabs(b, l.indent);
		if (first) {
			gk_buf_puts(b, gk_s3_rows[d->group].label);
			gk_buf_putc(b, '\t');
			group = d->group;
		}
		gk_buf_puts(b, d->label);
		put_tabs(b, l.lead);
		for (j = 0; j < GK_S3COL__MAX; j++) {
			gk_buf_putc(b, '\t');
			put_cell(b, &r->s3[i][j]);
		}
		put_tabs(b, l.trail);
		gk_buf_putc(b, '\n');
	}
}

static void
render_s4(const struct gk_report *r, struct gk_buf *b)
{
	static const char *const hdr = "结果 维持\t结果 纠正\t其他 结果\t尚未 审结\t总计";
	int i, j;

	gk_buf_puts(b, "行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n");
	gk_buf_printf(b, "%s\t未经复议直接起诉\t\t\t\t\t复议后起诉\t\t\t\t\n", hdr);
	gk_buf_printf(b, "\t\t\t\t\t%s\t%s\n", hdr, hdr);
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++) {
			if (i || j)
				gk_buf_putc(b, '\t');
			put_cell(b, &r->s4[i][j]);
		}
	gk_buf_putc(b, '\n');
}

static void
render_narr(const char *text, struct gk_buf *b)
{
	if (text != NULL && text[0] != '\0') {
		gk_buf_puts(b, text);
		gk_buf_puts(b, "\n\n");
	}
}

enum gk_err
gk_render_text(const struct gk_report *r, struct gk_buf *b)
{
	gk_buf_puts(b, "\n\n");
	if (r->agency[0] != '\0')
		gk_buf_printf(b, "%s\n\n", r->agency);
	if (r->year > 0)
		gk_buf_printf(b, "%d 年", r->year);
	gk_buf_puts(b, "政府信息公开工作年度报告\n\n");
	gk_buf_printf(b, "%s\n\n", gk_section_titles[0]);
	render_narr(r->narr[GK_NARR_OVERVIEW], b);
	gk_buf_printf(b, "%s\n\n", gk_section_titles[1]);
	render_s2(r, b);
	gk_buf_printf(b, "\n%s\n\n", gk_section_titles[2]);
	render_s3(r, b);
	gk_buf_printf(b, "\n%s\n\n", gk_section_titles[3]);
	render_s4(r, b);
	gk_buf_printf(b, "\n%s\n\n", gk_section_titles[4]);
	render_narr(r->narr[GK_NARR_PROBLEMS], b);
	gk_buf_printf(b, "%s\n\n", gk_section_titles[5]);
	if (r->narr[GK_NARR_OTHER] != NULL && r->narr[GK_NARR_OTHER][0] != '\0')
		gk_buf_printf(b, "%s\n", r->narr[GK_NARR_OTHER]);
	return b->err;
}
