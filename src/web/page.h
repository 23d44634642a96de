/*
 * page.h — the frame of every portal page (Simplified Chinese, the
 * conventions of a Chinese government website): the header with the
 * platform's or the agency's name and an emblem slot, the navigation and
 * breadcrumbs, the footer with 主办单位, 网站标识码, ICP备案号, 公安机关备案号,
 * 联系我们, 网站地图, the larger-text (适老化) switch. Owned by portal
 * (page.c); used by every page handler (portal, search, forms).
 */
#ifndef GK_WEB_PAGE_H
#define GK_WEB_PAGE_H

#include <stdint.h>

#include "web/web.h"

/* 1 when the visitor chose the larger-text mode (cookie gk_large=1). */
int		 gk_page_large(const struct gk_web_req *);

/* One breadcrumb: label and link ("" href for the current page). */
struct gk_crumb {
	const char	*label;
	const char	*href;
};

/*
 * Opens the document: <!doctype html>, <head> with title (escaped) and
 * the stylesheets, the header (agency_id's name when > 0, else the
 * platform's), the navigation (the agency's column when agency_id > 0),
 * the breadcrumbs — "当前位置：首页 > crumbs..." (首页 is added here; pass
 * only the levels below it, the last one with href "") — and
 * <main id="main">. With the cookie gk_large=1 <html> gets class
 * "large": such a page differs per visitor, so handlers mark it
 * cacheable only when gk_page_large() is 0.
 */
enum gk_err	 gk_page_begin(struct gk_buf *, const struct gk_web_ctx *,
		    const struct gk_web_req *, const char *title, int64_t agency_id,
		    const struct gk_crumb *crumbs, size_t ncrumbs);

/* Closes <main>, writes the footer and closes the document. */
enum gk_err	 gk_page_end(struct gk_buf *, const struct gk_web_ctx *,
		    const struct gk_web_req *);

/*
 * A whole error page (404 页面不存在, 400 请求有误, 429 ...) with status
 * and message in resp; GK_OK unless memory ran out.
 */
enum gk_err	 gk_page_error(struct gk_web_resp *, const struct gk_web_ctx *,
		    const struct gk_web_req *, int status, const char *message);

#endif /* GK_WEB_PAGE_H */
