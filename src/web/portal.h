/*
 * portal.h — internals shared by the portal's modules (portal*.c): the
 * embedded stylesheet, the SVG charts and the QR code. The route handler
 * itself is gk_portal_handle (handlers.h).
 */
#ifndef GK_WEB_PORTAL_H
#define GK_WEB_PORTAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;
struct gk_web_ctx;

#define GK_PORTAL_PER_PAGE		20	/* items per section page */
#define GK_PORTAL_CACHE_FILE_MAX	(1024 * 1024)	/* attachments above: not cacheable */

#define GK_PORTAL_SITEMAP_MAX		50000	/* URLs a sitemap file may list */
/* The limit in use (tests lower it). */
extern size_t	 gk_portal_sitemap_max;

/* site.host, or "http://localhost" when the platform has none set. */
const char	*gk_portal_host(const struct gk_web_ctx *);

/*
 * Every published page of the portal, as (path, page) pairs — page is
 * the ?page= value ("2", …) of a section list's further pages, else
 * NULL — in a fixed order: /, each agency's column, guide, rules,
 * reports index, each section with its further pages and feed, each
 * report year with its .txt and .json, every published item and its
 * qr.svg, /static/portal.css, /sitemap.xml and, when the sitemap has
 * more than gk_portal_sitemap_max pages, its parts /sitemap-1.xml, ….
 * Used by the sitemap and `gongkai export`. Stops at the first error fn
 * returns.
 */
typedef enum gk_err (*gk_portal_page_fn)(void *arg, const char *path, const char *page);
enum gk_err	 gk_portal_pages(struct gk_db *, gk_portal_page_fn fn, void *arg,
		    char *err, size_t errlen);

/* The stylesheet served at /static/portal.css (static storage). */
const char	*gk_portal_css(size_t *lenp);

/*
 * A horizontal bar chart as inline SVG: one labelled bar per value, the
 * number written at its end, a hatch fill (readable in black and white).
 * id makes the element ids unique within a page.
 */
enum gk_err	 gk_svg_bars(struct gk_buf *, const char *id, const char *title,
		    const char *const *labels, const int64_t *values, size_t n);

/* One series of a line chart or one row of a data table: a name and one value per x label. */
struct gk_svg_series {
	const char	*name;
	const int64_t	*values;
};

/*
 * A line chart as inline SVG: x labels along the bottom, a labelled y axis
 * from 0, one polyline per series told apart without colour (solid,
 * dashed, dotted; circle, square, triangle markers), a legend, and each
 * point's value written beside it; <title> and a <desc> listing every
 * value. GK_EINVAL when nx or ns is 0.
 */
enum gk_err	 gk_svg_lines(struct gk_buf *, const char *id, const char *title,
		    const char *const *xlabels, size_t nx, const struct gk_svg_series *,
		    size_t ns);

/*
 * The data table of a chart (the fallback for readers without the
 * picture): a caption, a header row (corner, then cols), one row per
 * series with <th scope="row">.
 */
enum gk_err	 gk_svg_table(struct gk_buf *, const char *caption, const char *corner,
		    const char *const *cols, size_t ncols, const struct gk_svg_series *rows,
		    size_t nrows);

/* The data table of a bar chart: caption "数据表：" + title, one row called row. */
enum gk_err	 gk_svg_bars_table(struct gk_buf *, const char *title, const char *row,
		    const char *const *labels, const int64_t *values, size_t n);

/*
 * The report page's further charts, each a <figure> with its data table:
 * the year's new applications by applicant type (section 三 row 一 of r)
 * and the year-on-year line of items published (without 政策解读) and
 * applications received for agency_id, from the first of the ten years up
 * to year that has any, counted from the current data (gk_report_counts).
 */
struct gk_report;
enum gk_err	 gk_svg_report_trends(struct gk_web_ctx *, int64_t agency_id, int year,
		    const struct gk_report *r, struct gk_buf *, char *err, size_t errlen);

/*
 * The body of an annual report's page on the portal (/agency/{id}/reports/
 * {year}): the report element (gk_render_html) and its charts. The back
 * office's preview (admin_report.c) calls it too, so both show the same.
 */
enum gk_err	 gk_portal_report_body(struct gk_web_ctx *, int64_t agency_id, int year,
		    const struct gk_report *r, struct gk_buf *, char *err, size_t errlen);

/*
 * A QR code of text as SVG (standalone: with the XML declaration, for a
 * file of its own). GK_EINVAL when text is empty or too long to encode.
 */
enum gk_err	 gk_svg_qr(struct gk_buf *, const char *text, int standalone);

/*
 * A small, safe subset of Markdown to HTML: paragraphs, headings (#…),
 * lists (-, *, 1.), block quotes (>), **bold**; everything else is text,
 * escaped. No raw HTML, no links or images.
 */
enum gk_err	 gk_portal_md(struct gk_buf *, const char *md);

#endif /* GK_WEB_PORTAL_H */
