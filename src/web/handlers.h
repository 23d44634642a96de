/*
 * handlers.h — the route handlers (see web.h for the contract), one
 * module each: the JSON API (api.c), the search page (portal_search.c),
 * the public forms — online application, tracking, 留言咨询 (forms.c) —
 * and the portal's published pages (portal.c).
 */
#ifndef GK_WEB_HANDLERS_H
#define GK_WEB_HANDLERS_H

#include "web/web.h"

enum gk_err	 gk_api_handle(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);
enum gk_err	 gk_search_page(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);
enum gk_err	 gk_forms_handle(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);
enum gk_err	 gk_portal_handle(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);

#endif /* GK_WEB_HANDLERS_H */
