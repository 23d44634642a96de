/*
 * tablayout.h — the arithmetic of a table on paged output (the PDF
 * renderer's): column positions from relative widths, row heights that
 * make every cell's text fit (a cell spanning rows takes what it lacks
 * from its last row), and where the table breaks across pages (at row
 * boundaries, never inside a short span; header rows repeated). Pure.
 */
#ifndef GK_DOC_TABLAYOUT_H
#define GK_DOC_TABLAYOUT_H

#include <stddef.h>

/* One cell's place and the height its text needs (padding included). */
struct gk_tl_cell {
	int	 row, rowspan;
	double	 need;
};

/*
 * x[0..n]: the left edge of each of the n columns and the right edge of
 * the last, from x0 over total, proportional to rel (all > 0). Widths are
 * rounded to 1/100 pt and the last edge is exactly x0 + total.
 */
void	 gk_tl_columns(const int *rel, int n, double x0, double total, double *x);

/*
 * h[0..nrows): each row at least minh, every single-row cell's need met,
 * then every spanning cell's need met by growing the span's last row.
 */
void	 gk_tl_rows(const struct gk_tl_cell *, size_t n, int nrows, double minh, double *h);

/*
 * Pagination of rows [head, nrows) after head header rows (repeated on
 * every page). first: the height left on the current page; page: a whole
 * page's. A span of rows whose height is at most keep (e.g. 40% of a
 * page) stays on one page; a longer one may break. Writes into brk the
 * first body row of each page after the first (at most max), returns how
 * many; 0 when the table fits in first. When the header and the next
 * group do not fit in first, the first entry is head: the table starts
 * on the next page.
 */
size_t	 gk_tl_breaks(const struct gk_tl_cell *, size_t n, int nrows, int head,
	    const double *h, double first, double page, double keep, int *brk, size_t max);

#endif /* GK_DOC_TABLAYOUT_H */
