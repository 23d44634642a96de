/*
 * portal_search.c — STUB until its module lands (issue 5): answers nothing, so the
 * router falls through to 404.
 */
#include "web/handlers.h"

enum gk_err
gk_search_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	(void)ctx;
	(void)req;
	(void)resp;
	(void)err;
	(void)errlen;
	return GK_ENOTFOUND;
}
