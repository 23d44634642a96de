/*
 * page.c — STUB frame until the portal module lands (issue 5): a plain
 * header and footer so handlers can be written against page.h.
 */
#include "web/html.h"
#include "web/page.h"

enum gk_err
gk_page_begin(struct gk_buf *b, const struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const char *title, int64_t agency_id, const struct gk_crumb *crumbs, size_t ncrumbs)
{
	(void)req;
	(void)agency_id;
	(void)crumbs;
	(void)ncrumbs;
	gk_html_raw(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">");
	gk_html(b, "<title>%s - %s</title></head><body><main id=\"main\">\n", title,
	    ctx->site->name);
	return b->err;
}

enum gk_err
gk_page_end(struct gk_buf *b, const struct gk_web_ctx *ctx, const struct gk_web_req *req)
{
	(void)ctx;
	(void)req;
	return gk_html_raw(b, "</main></body></html>\n");
}

enum gk_err
gk_page_error(struct gk_web_resp *resp, const struct gk_web_ctx *ctx,
    const struct gk_web_req *req, int status, const char *message)
{
	resp->status = status;
	resp->cacheable = 0;
	gk_page_begin(&resp->body, ctx, req, message, 0, NULL, 0);
	gk_html(&resp->body, "<h1>%s</h1>\n", message);
	return gk_page_end(&resp->body, ctx, req);
}
