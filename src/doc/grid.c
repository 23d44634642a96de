/*
 * grid.c — the report's tables as grids of merged cells (grid.h).
 */
#include <stdio.h>
#include <string.h>

#include "doc/grid.h"

static void
put(struct gk_grid *g, int row, int col, int rs, int cs, unsigned flags, const char *text,
    const struct gk_cell *val)
{
	struct gk_grid_cell *c;

	if (g->n >= GK_GRID_CELLS)
		return;
	c = &g->c[g->n++];
	c->row = row;
	c->col = col;
	c->rowspan = rs;
	c->colspan = cs;
	c->flags = flags;
	c->text = text;
	c->val = val;
	if (row + rs > g->nrows)
		g->nrows = row + rs;
}

static void
grid_s2(const struct gk_report *r, struct gk_grid *g)
{
	size_t	 t;
	int	 row = 0, i, j, span;

	g->ncols = 4;
	g->colw[0] = 10;
	for (j = 1; j < 4; j++)
		g->colw[j] = 8;
	for (t = 0; t < GK_S2_TABLES; t++) {
		const struct gk_s2_table *tab = &gk_s2_tables[t];

		if (tab->tpl != r->tpl)
			continue;
		put(g, row, 0, 1, 4, GK_GRID_HEAD | GK_GRID_CAPTION, tab->caption, NULL);
		row++;
		put(g, row, 0, 1, 1, GK_GRID_HEAD, GK_S2_HEADER, NULL);
		for (j = 0; j < tab->ncols; j++) {
			span = j == tab->ncols - 1 ? 3 - j : 1;
			put(g, row, 1 + j, 1, span, GK_GRID_HEAD, tab->cols[j], NULL);
		}
		row++;
		for (i = 0; i < tab->nrows; i++) {
			put(g, row, 0, 1, 1, GK_GRID_LEFT, tab->rows[i], NULL);
			for (j = 0; j < tab->ncols; j++) {
				span = j == tab->ncols - 1 ? 3 - j : 1;
				put(g, row, 1 + j, 1, span, 0, NULL,
				    &r->s2[tab->first + i * tab->ncols + j]);
			}
			row++;
		}
	}
	g->head_rows = 0;
}

/* Whether row i of section 三 is in the outcome block (三、本年度办理结果). */
static int
s3_in_block(int i)
{
	enum gk_s3role role = gk_s3_rows[i].role;

	return role == GK_S3R_OUTCOME || role == GK_S3R_GROUP || role == GK_S3R_TOTAL;
}

static int
s3_leaf(int i)
{
	return gk_s3_rows[i].role == GK_S3R_OUTCOME && (int)gk_s3_rows[i].group != i;
}

static void
grid_s3(const struct gk_report *r, struct gk_grid *g)
{
	static const int w[10] = { 5, 18, 44, 7, 7, 7, 7, 7, 7, 7 };
	int	 i, j, k, row, nblock = 0, block_open = 0, group = -1, nleaf;

	g->ncols = 10;
	memcpy(g->colw, w, sizeof(w));
	put(g, 0, 0, 3, 3, GK_GRID_HEAD, GK_S3_NOTE, NULL);
	put(g, 0, 3, 1, 6, GK_GRID_HEAD, "申请人情况", NULL);
	put(g, 0, 9, 3, 1, GK_GRID_HEAD, gk_s3_cols[GK_S3_ALL], NULL);
	put(g, 1, 3, 2, 1, GK_GRID_HEAD, gk_s3_cols[GK_S3_NATURAL], NULL);
	put(g, 1, 4, 1, 5, GK_GRID_HEAD, "法人或其他组织", NULL);
	for (j = GK_S3_BUSINESS; j <= GK_S3_OTHERORG; j++)
		put(g, 2, 3 + j, 1, 1, GK_GRID_HEAD, gk_s3_cols[j], NULL);
	g->head_rows = 3;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		if (gk_s3_row_in((enum gk_s3row)i, r->tpl) && s3_in_block(i))
			nblock++;
	row = 3;
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		const struct gk_s3_rowdef *d = &gk_s3_rows[i];

		if (!gk_s3_row_in((enum gk_s3row)i, r->tpl))
			continue;
		if (!s3_in_block(i)) {
			put(g, row, 0, 1, 3, GK_GRID_LEFT, d->label, NULL);
		} else {
			if (!block_open) {
				put(g, row, 0, nblock, 1, GK_GRID_LEFT, "三、本年度办理结果", NULL);
				block_open = 1;
			}
			if (s3_leaf(i)) {
				if (group != (int)d->group) {
					group = (int)d->group;
					for (nleaf = 0, k = i; k < GK_S3ROW__MAX; k++)
						if (s3_leaf(k) && (int)gk_s3_rows[k].group == group &&
						    gk_s3_row_in((enum gk_s3row)k, r->tpl))
							nleaf++;
					put(g, row, 1, nleaf, 1, GK_GRID_LEFT,
					    gk_s3_rows[group].label, NULL);
				}
				put(g, row, 2, 1, 1, GK_GRID_LEFT, d->label, NULL);
			} else {
				put(g, row, 1, 1, 2, GK_GRID_LEFT, d->label, NULL);
				group = -1;
			}
		}
		for (j = 0; j < GK_S3COL__MAX; j++)
			put(g, row, 3 + j, 1, 1, 0, NULL, &r->s3[i][j]);
		row++;
	}
}

static void
grid_s4(const struct gk_report *r, struct gk_grid *g)
{
	int i, j;

	g->ncols = 15;
	for (j = 0; j < 15; j++)
		g->colw[j] = 1;
	put(g, 0, 0, 1, 5, GK_GRID_HEAD, gk_s4_routes[GK_S4_RECON], NULL);
	put(g, 0, 5, 1, 10, GK_GRID_HEAD, "行政诉讼", NULL);
	for (j = 0; j < GK_S4RES__MAX; j++)
		put(g, 1, j, 2, 1, GK_GRID_HEAD, gk_s4_results[j], NULL);
	put(g, 1, 5, 1, 5, GK_GRID_HEAD, gk_s4_routes[GK_S4_SUIT_DIRECT], NULL);
	put(g, 1, 10, 1, 5, GK_GRID_HEAD, gk_s4_routes[GK_S4_SUIT_AFTER], NULL);
	for (i = GK_S4_SUIT_DIRECT; i <= GK_S4_SUIT_AFTER; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			put(g, 2, i * 5 + j, 1, 1, GK_GRID_HEAD, gk_s4_results[j], NULL);
	g->head_rows = 3;
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			put(g, 3, i * 5 + j, 1, 1, 0, NULL, &r->s4[i][j]);
}

enum gk_err
gk_grid_build(const struct gk_report *r, int section, struct gk_grid *g)
{
	memset(g, 0, sizeof(*g));
	if (r == NULL)
		return GK_EINVAL;
	switch (section) {
	case 2:
		grid_s2(r, g);
		return GK_OK;
	case 3:
		grid_s3(r, g);
		return GK_OK;
	case 4:
		grid_s4(r, g);
		return GK_OK;
	default:
		return GK_EINVAL;
	}
}

void
gk_grid_title(const struct gk_report *r, char *buf, size_t len)
{
	if (r->year > 0)
		snprintf(buf, len, "%s%d年政府信息公开工作年度报告", r->agency, r->year);
	else
		snprintf(buf, len, "%s政府信息公开工作年度报告", r->agency);
}

const struct gk_grid_cell *
gk_grid_at(const struct gk_grid *g, int row, int col)
{
	size_t i;

	for (i = 0; i < g->n; i++) {
		const struct gk_grid_cell *c = &g->c[i];

		if (row >= c->row && row < c->row + c->rowspan &&
		    col >= c->col && col < c->col + c->colspan)
			return c;
	}
	return NULL;
}
