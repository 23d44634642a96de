/*
 * admin_page.c — the frame of back-office pages (web/admin.h). OWNED BY
 * the security engineer (issue 6). Scaffold: a plain frame.
 */
#include "web/admin.h"
#include "web/html.h"

void
gk_admin_begin(struct gk_buf *b, const struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    const char *title, const char *area)
{
	(void)area;
	gk_html(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	    "<title>%s - %s</title></head><body><header>%s · %s · %s</header><main id=\"main\">\n",
	    title, ctx->site->name, ctx->site->name, u->agency, u->name);
}

void
gk_admin_end(struct gk_buf *b)
{
	gk_html_raw(b, "</main></body></html>\n");
}

void
gk_admin_csrf_field(struct gk_buf *b, const struct gk_admin_user *u)
{
	gk_html(b, "<input type=\"hidden\" name=\"" GK_ADMIN_CSRF_FIELD "\" value=\"%s\">", u->csrf);
}

void
gk_admin_redirect(struct gk_web_resp *resp, const char *path)
{
	resp->status = 303;
	gk_strlcpy_utf8(resp->location, path, sizeof(resp->location));
}

enum gk_err
gk_admin_error(struct gk_web_resp *resp, const struct gk_web_ctx *ctx,
    const struct gk_admin_user *u, int status, const char *message)
{
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	gk_admin_begin(&resp->body, ctx, u, message, "");
	gk_html(&resp->body, "<h1>%s</h1>\n", message);
	gk_admin_end(&resp->body);
	return resp->body.err;
}
