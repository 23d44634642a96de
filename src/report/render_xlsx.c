/*
 * render_xlsx.c — the report's tables as an XLSX workbook (libxlsxwriter):
 * one sheet per section (表二, 表三, 表四), each headed by the report's
 * title and the section heading, the table drawn from the same grid as the
 * PDF (doc/grid.h) with the template's merged cells, numbers written as
 * numbers. One sheet per table because the three tables have different
 * column structures (4, 10 and 15 columns): on one sheet their column
 * widths would fight, and officers copy each table into the statistics
 * form of the county's 政务公开办 on its own (docs/documents.md).
 */
#include <stdio.h>
#include <string.h>

#include "doc/grid.h"
#include "doc/xlsx.h"
#include "report/report_io.h"

/* Column widths in Excel characters per grid width unit, and the fixed header row heights. */
static const struct {
	const char	*sheet;
	double		 unit;
	int		 landscape;
	double		 head_h;
} sheets[3] = {
	{ "表二 主动公开", 2.0, 0, 20 },
	{ "表三 依申请公开", 1.0, 0, 34 },
	{ "表四 行政复议和诉讼", 8.0, 1, 36 },
};

static void
write_val(lxw_worksheet *ws, int row, int col, const struct gk_cell *c, lxw_format *f)
{
	char v[GK_CELL_TEXT_MAX + 32];

	if (c->state == GK_CELL_NUM && c->text[0] == '\0') {
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
		    (double)c->num / (double)GK_NUM_SCALE, f);
		return;
	}
	gk_cell_format(c, v, sizeof(v));
	if (v[0] == '\0')
		worksheet_write_blank(ws, (lxw_row_t)row, (lxw_col_t)col, f);
	else
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, v, f);
}

/* Writes grid g from row top: merged ranges, labels, values. */
static void
write_grid(struct gk_xlsx *x, lxw_worksheet *ws, const struct gk_grid *g, int top)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct gk_grid_cell *c = &g->c[i];
		lxw_format *f = c->val != NULL ? x->value : (c->flags & GK_GRID_HEAD) ?
		    x->head : x->label;
		int r0 = top + c->row, c0 = c->col;

		if (c->rowspan > 1 || c->colspan > 1)
			worksheet_merge_range(ws, (lxw_row_t)r0, (lxw_col_t)c0,
			    (lxw_row_t)(r0 + c->rowspan - 1), (lxw_col_t)(c0 + c->colspan - 1),
			    c->text != NULL ? c->text : "", f);
		if (c->val != NULL)
			write_val(ws, r0, c0, c->val, f);
		else if (c->rowspan == 1 && c->colspan == 1)
			worksheet_write_string(ws, (lxw_row_t)r0, (lxw_col_t)c0, c->text, f);
	}
}

enum gk_err
gk_render_xlsx(const struct gk_report *r, struct gk_buf *b)
{
	struct gk_xlsx	 x;
	struct gk_grid	*g;
	char		 title[GK_AGENCY_MAX + 64];
	enum gk_err	 e;
	int		 s, j, row;

	if (r == NULL || b == NULL)
		return GK_EINVAL;
	if ((g = gk_malloc(sizeof(*g))) == NULL)
		return GK_ENOMEM;
	gk_grid_title(r, title, sizeof(title));
	if ((e = gk_xlsx_open(&x, title, r->agency)) != GK_OK) {
		gk_free(g);
		return e;
	}
	for (s = 0; s < 3; s++) {
		lxw_worksheet *ws = workbook_add_worksheet(x.wb, sheets[s].sheet);

		if (ws == NULL || gk_grid_build(r, s + 2, g) != GK_OK) {
			/* libxlsxwriter fails here only when out of memory */
			gk_xlsx_abort(&x);
			gk_free(g);
			return GK_ENOMEM;
		}
		worksheet_set_paper(ws, 9);	/* A4 */
		if (sheets[s].landscape)
			worksheet_set_landscape(ws);
		worksheet_fit_to_pages(ws, 1, 0);
		worksheet_set_margins(ws, 0.6, 0.6, 0.8, 0.8);
		for (j = 0; j < g->ncols; j++)
			worksheet_set_column(ws, (lxw_col_t)j, (lxw_col_t)j,
			    g->colw[j] * sheets[s].unit, NULL);
		/* Title and section heading across the table, then a blank row. */
		worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(g->ncols - 1), title, x.title);
		worksheet_set_row(ws, 0, 28, NULL);
		worksheet_merge_range(ws, 1, 0, 1, (lxw_col_t)(g->ncols - 1),
		    gk_section_titles[s + 1], x.title);
		worksheet_set_row(ws, 1, 24, NULL);
		row = 3;
		for (j = 0; j < g->head_rows; j++)
			worksheet_set_row(ws, (lxw_row_t)(row + j), sheets[s].head_h, NULL);
		if (s == 1)	/* 三: the long leaf labels wrap */
			for (j = g->head_rows; j < g->nrows; j++)
				worksheet_set_row(ws, (lxw_row_t)(row + j), 27, NULL);
		if (g->head_rows > 0)
			worksheet_repeat_rows(ws, (lxw_row_t)row, (lxw_row_t)(row + g->head_rows - 1));
		write_grid(&x, ws, g, row);
	}
	gk_free(g);
	return gk_xlsx_finish(&x, b);
}
