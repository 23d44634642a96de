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
