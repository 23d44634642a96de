/*
 * grid.h — the tables of the annual report's sections 二, 三 and 四 as
 * grids of cells with their merges, in the layout of the national
 * template (国办公开办函〔2021〕30号, and 2019's): what the XLSX and PDF
 * renderers draw, so both put every number in the same place.
 *
 * Section 二 is one 4-column grid (信息内容 and three value columns; a
 * table of fewer value columns merges its last value across the rest),
 * each 第二十条 item a caption row across the grid, a header row and its
 * rows. Section 三 is the 10-column grid of the template: three label
 * columns, 自然人, the five 法人或其他组织 columns and 总计, three header
 * rows. Section 四 is 15 columns under three header rows and one row of
 * values.
 *
 * Pure: labels point into the static schema tables (core/report.h) and
 * values into the report, which must outlive the grid.
 */
#ifndef GK_DOC_GRID_H
#define GK_DOC_GRID_H

#include <stddef.h>

#include "core/report.h"

#define GK_GRID_CELLS	512
#define GK_GRID_COLS	15

enum {
	GK_GRID_HEAD = 0x01,	/* a header or caption cell: centred, shaded */
	GK_GRID_LEFT = 0x02,	/* a row label: left aligned */
	GK_GRID_CAPTION = 0x04	/* section 二: the 第二十条 item across the grid */
};

struct gk_grid_cell {
	int			 row, col, rowspan, colspan;
	unsigned		 flags;
	const char		*text;	/* a label; NULL for a value cell */
	const struct gk_cell	*val;	/* a value; NULL for a label */
};

struct gk_grid {
	int			 nrows, ncols;
	int			 head_rows;	/* leading header rows (repeated on a new page) */
	int			 colw[GK_GRID_COLS];	/* relative column widths */
	size_t			 n;
	struct gk_grid_cell	 c[GK_GRID_CELLS];
};

/* Builds section n (2, 3 or 4) of r into g; GK_EINVAL for another n. */
enum gk_err	 gk_grid_build(const struct gk_report *r, int section, struct gk_grid *g);

/* "盐边县财政局2025年政府信息公开工作年度报告" (agency and year when known) into buf. */
void		 gk_grid_title(const struct gk_report *r, char *buf, size_t len);

/* The cell covering (row, col), or NULL when none does. */
const struct gk_grid_cell *gk_grid_at(const struct gk_grid *, int row, int col);

#endif /* GK_DOC_GRID_H */
