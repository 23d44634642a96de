/*
 * tablayout.c — table arithmetic for paged output (tablayout.h).
 */
#include <math.h>

#include "doc/tablayout.h"

void
gk_tl_columns(const int *rel, int n, double x0, double total, double *x)
{
	double	 sum = 0, acc = 0;
	int	 i;

	for (i = 0; i < n; i++)
		sum += rel[i] > 0 ? rel[i] : 1;
	x[0] = x0;
	for (i = 0; i < n; i++) {
		acc += rel[i] > 0 ? rel[i] : 1;
		x[i + 1] = x0 + round(total * acc / sum * 100.0) / 100.0;
	}
	x[n] = x0 + total;
}

void
gk_tl_rows(const struct gk_tl_cell *c, size_t n, int nrows, double minh, double *h)
{
	size_t	 i;
	int	 r;
	double	 have;

	for (r = 0; r < nrows; r++)
		h[r] = minh;
	for (i = 0; i < n; i++)
		if (c[i].rowspan == 1 && c[i].row >= 0 && c[i].row < nrows && h[c[i].row] < c[i].need)
			h[c[i].row] = c[i].need;
	/* Spans, shortest first so nested needs settle in one pass per length. */
	for (i = 0; i < n; i++) {
		if (c[i].rowspan <= 1 || c[i].row < 0 || c[i].row + c[i].rowspan > nrows)
			continue;
		for (have = 0, r = c[i].row; r < c[i].row + c[i].rowspan; r++)
			have += h[r];
		if (have < c[i].need)
			h[c[i].row + c[i].rowspan - 1] += c[i].need - have;
	}
}

/* The last row a keep-together span starting at or covering row r reaches. */
static int
group_end(const struct gk_tl_cell *c, size_t n, const double *h, double keep, int r)
{
	size_t	 i;
	int	 end = r, k, changed = 1;
	double	 sh;

	while (changed) {
		changed = 0;
		for (i = 0; i < n; i++) {
			int last = c[i].row + c[i].rowspan - 1;

			if (c[i].rowspan <= 1 || c[i].row > end || last <= end)
				continue;
			for (sh = 0, k = c[i].row; k <= last; k++)
				sh += h[k];
			if (sh > keep)
				continue;
			end = last;
			changed = 1;
		}
	}
	return end;
}

size_t
gk_tl_breaks(const struct gk_tl_cell *c, size_t n, int nrows, int head, const double *h,
    double first, double page, double keep, int *brk, size_t max)
{
	double	 hh = 0, left = first, gh;
	size_t	 nb = 0;
	int	 r, e, k, fresh = 0;

	for (r = 0; r < head && r < nrows; r++)
		hh += h[r];
	left -= hh;
	for (r = head; r < nrows; r = e + 1) {
		e = group_end(c, n, h, keep, r);
		for (gh = 0, k = r; k <= e; k++)
			gh += h[k];
		if (gh > left && !fresh && e > r && left > page / 4 && h[r] <= left) {
			/* Rather than leave over a quarter page empty, the group breaks. */
			for (gh = 0, k = r; k <= e && gh + h[k] <= left; k++)
				gh += h[k];
			e = k - 1;
		}
		if (gh > left && !fresh) {
			if (nb < max)
				brk[nb++] = r;
			left = page - hh;
			fresh = 1;
		}
		left -= gh;
		fresh = 0;
	}
	return nb;
}
