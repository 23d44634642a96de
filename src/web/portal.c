/*
 * portal.c — the portal's published pages (docs/portal.md has the URL
 * scheme): dispatch on the path to the page functions.
 */
#include <string.h>

#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/portal.h"

/* A local path to go back to: "/..." without "//", "\\" or controls. */
static int
local_path_ok(const char *p)
{
	const unsigned char *s;

	if (p == NULL || p[0] != '/' || p[1] == '/' || strlen(p) > GK_WEB_PATH_MAX)
		return 0;
	for (s = (const unsigned char *)p; *s != '\0'; s++)
		if (*s < 0x20 || *s == 0x7f || *s == '\\')
			return 0;
	return 1;
}

static enum gk_err
page_prefs_large(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp)
{
	const char *on = gk_web_arg(req, "on"), *back = gk_web_arg(req, "back");

	if (on == NULL || (strcmp(on, "1") != 0 && strcmp(on, "0") != 0))
		return gk_page_error(resp, ctx, req, 400, "参数 on 应为 1 或 0");
	if (back == NULL || !local_path_ok(back))
		back = "/";
	resp->status = 303;
	resp->cacheable = 0;
	gk_strlcpy_utf8(resp->location, back, sizeof(resp->location));
	if (strcmp(on, "1") == 0)
		gk_strlcpy_utf8(resp->set_cookie, "gk_large=1; Path=/; Max-Age=31536000; SameSite=Lax",
		    sizeof(resp->set_cookie));
	else
		gk_strlcpy_utf8(resp->set_cookie, "gk_large=0; Path=/; Max-Age=0; SameSite=Lax",
		    sizeof(resp->set_cookie));
	gk_html_raw(&resp->body, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	    "<title>正在返回</title></head><body><p><a href=\"");
	gk_html(&resp->body, "%s\">返回</a></p></body></html>\n", back);
	return resp->body.err;
}

enum gk_err
gk_portal_handle(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	const char *path = req->path;

	(void)err;
	(void)errlen;
	if (strcmp(path, "/static/portal.css") == 0) {
		size_t n;
		const char *css = gk_portal_css(&n);

		resp->content_type = "text/css; charset=utf-8";
		resp->cacheable = 1;
		return gk_buf_append(&resp->body, css, n);
	}
	if (strcmp(path, "/prefs/large") == 0)
		return page_prefs_large(ctx, req, resp);
	return GK_ENOTFOUND;
}
