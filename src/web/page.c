/*
 * page.c — the frame of every portal page (page.h): head, header with the
 * emblem slot and the agency's or the platform's name, the navigation with
 * the search box, the breadcrumbs, the footer with the platform's
 * registration details and the larger-text (适老化) switch.
 *
 * Everything that comes from data (names, titles, site settings, the
 * current path) goes through gk_html() / gk_html_url(), so it is escaped.
 */
#include <string.h>

#include "store/agency.h"
#include "web/html.h"
#include "web/page.h"

#define PAGE_FALLBACK_NAME	"政府信息公开平台"

int
gk_page_large(const struct gk_web_req *req)
{
	const char *v;

	if (req == NULL)
		return 0;
	v = gk_web_cookie(req, "gk_large");
	return v != NULL && strcmp(v, "1") == 0;
}

static const char *
site_name(const struct gk_web_ctx *ctx)
{
	if (ctx->site != NULL && ctx->site->name[0] != '\0')
		return ctx->site->name;
	return PAGE_FALLBACK_NAME;
}

/* The navigation of an agency's column, or of the platform (agency_id 0). */
static void
page_nav(struct gk_buf *b, int64_t agency_id)
{
	long long a = (long long)agency_id;

	gk_html_raw(b, "<nav class=\"topnav\" aria-label=\"主导航\"><ul>\n");
	if (agency_id > 0) {
		gk_html(b, "<li><a href=\"/agency/%lld/\">首页</a></li>\n", a);
		gk_html(b, "<li><a href=\"/agency/%lld/guide\">信息公开指南</a></li>\n", a);
		gk_html(b, "<li><a href=\"/agency/%lld/rules\">信息公开制度</a></li>\n", a);
		gk_html(b, "<li><a href=\"/agency/%lld/#content\">法定主动公开内容</a></li>\n", a);
		gk_html(b, "<li><a href=\"/agency/%lld/reports/\">信息公开年报</a></li>\n", a);
		gk_html(b, "<li><a href=\"/apply/%lld\">依申请公开</a></li>\n", a);
		gk_html(b, "<li><a href=\"/consult/%lld\">留言咨询</a></li>\n", a);
	} else {
		gk_html_raw(b, "<li><a href=\"/\">首页</a></li>\n"
		    "<li><a href=\"/#agencies\">政府信息公开专栏</a></li>\n"
		    "<li><a href=\"/track\">申请查询</a></li>\n");
	}
	gk_html_raw(b, "</ul>\n<form class=\"searchbox\" role=\"search\" action=\"/search\" "
	    "method=\"get\"><label for=\"gk-q\">站内搜索</label> "
	    "<input id=\"gk-q\" type=\"search\" name=\"q\" maxlength=\"100\">");
	if (agency_id > 0)
		gk_html(b, "<input type=\"hidden\" name=\"agency\" value=\"%lld\">", a);
	gk_html_raw(b, " <button type=\"submit\">搜索</button></form>\n</nav>\n");
}

/*
 * The back= value of the larger-text switch: this page's path and, for a
 * GET, its query fields (each value percent-encoded), the whole
 * percent-encoded once more. Only the path when that would be long; never
 * the fields of a POST (they may be personal).
 */
static void
page_back(struct gk_buf *b, const struct gk_web_req *req)
{
	struct gk_buf	 t;
	size_t		 i;

	if (req == NULL || req->path == NULL) {
		gk_html_url(b, "/");
		return;
	}
	gk_buf_init(&t, GK_WEB_PATH_MAX);
	gk_buf_puts(&t, req->path);
	if (req->method != NULL && strcmp(req->method, "POST") != 0)
		for (i = 0; i < req->nargs; i++) {
			gk_buf_putc(&t, i == 0 ? '?' : '&');
			gk_html_url(&t, req->args[i].name);
			gk_buf_putc(&t, '=');
			gk_html_url(&t, req->args[i].value);
		}
	if (t.err == GK_ENOMEM && b->err == GK_OK)
		b->err = GK_ENOMEM;	/* no half page */
	gk_html_url(b, t.err == GK_OK && t.data != NULL ? t.data : req->path);
	gk_buf_clear(&t);
}

static void
page_crumbs(struct gk_buf *b, const struct gk_crumb *crumbs, size_t n)
{
	size_t i;

	gk_html_raw(b, "<nav class=\"crumbs\" aria-label=\"当前位置\">当前位置：");
	gk_html_raw(b, "<a href=\"/\">首页</a>");
	for (i = 0; i < n; i++) {
		gk_html_raw(b, " <span aria-hidden=\"true\">&gt;</span> ");
		if (crumbs[i].href != NULL && crumbs[i].href[0] != '\0')
			gk_html(b, "<a href=\"%s\">%s</a>", crumbs[i].href, crumbs[i].label);
		else
			gk_html(b, "<span aria-current=\"page\">%s</span>", crumbs[i].label);
	}
	gk_html_raw(b, "</nav>\n");
}

enum gk_err
gk_page_begin(struct gk_buf *b, const struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const char *title, int64_t agency_id, const struct gk_crumb *crumbs, size_t ncrumbs)
{
	struct gk_agency	 ag;
	char			 err[128];
	const char		*heading = site_name(ctx);
	int			 have_agency = 0;

	memset(&ag, 0, sizeof(ag));
	if (agency_id > 0 && ctx->db != NULL) {
		enum gk_err e = gk_agency_get(ctx->db, agency_id, &ag, err, sizeof(err));

		if (e == GK_OK) {
			heading = ag.name;
			have_agency = 1;
		} else if (e != GK_ENOTFOUND && b->err == GK_OK)
			b->err = e;	/* no half page: the caller sees the error */
	}
	gk_html_raw(b, "<!doctype html>\n<html lang=\"zh-CN\"");
	if (gk_page_large(req))
		gk_html_raw(b, " class=\"large\"");
	gk_html_raw(b, ">\n<head>\n<meta charset=\"utf-8\">\n");
	gk_html_raw(b, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	gk_html(b, "<title>%s - %s</title>\n", title != NULL ? title : "", site_name(ctx));
	gk_html_raw(b, "<link rel=\"stylesheet\" href=\"/static/portal.css\">\n</head>\n<body>\n"
	    "<a class=\"skip\" href=\"#main\">跳转到主要内容</a>\n"
	    "<header class=\"masthead\"><div class=\"wrap\">\n"
	    "<span class=\"emblem\" role=\"img\" aria-label=\"国徽/机关标识\"></span>\n");
	if (agency_id > 0 && have_agency)
		gk_html(b, "<div class=\"names\"><p class=\"sitename\"><a href=\"/agency/%lld/\">%s</a></p>"
		    "<p class=\"subname\">政府信息公开专栏</p></div>\n", (long long)agency_id, heading);
	else
		gk_html(b, "<div class=\"names\"><p class=\"sitename\"><a href=\"/\">%s</a></p>"
		    "<p class=\"subname\">政府信息公开</p></div>\n", heading);
	/* The 适老化 switch: a plain link, works without JavaScript. */
	gk_html(b, "<p class=\"access\"><a href=\"/prefs/large?on=%d&amp;back=",
	    gk_page_large(req) ? 0 : 1);
	page_back(b, req);
	gk_html(b, "\">%s</a></p>\n</div></header>\n",
	    gk_page_large(req) ? "标准版" : "大字版");
	page_nav(b, have_agency ? agency_id : 0);
	gk_html_raw(b, "<div class=\"wrap\">\n");
	page_crumbs(b, crumbs, ncrumbs);
	gk_html_raw(b, "<main id=\"main\" tabindex=\"-1\">\n");
	gk_agency_clear(&ag);
	return b->err;
}

enum gk_err
gk_page_end(struct gk_buf *b, const struct gk_web_ctx *ctx, const struct gk_web_req *req)
{
	const struct gk_site *s = ctx->site;

	(void)req;
	gk_html_raw(b, "</main>\n</div>\n<footer class=\"foot\"><div class=\"wrap\">\n<ul>\n");
	if (s != NULL && s->sponsor[0] != '\0')
		gk_html(b, "<li>主办单位：%s</li>\n", s->sponsor);
	if (s != NULL && s->site_code[0] != '\0')
		gk_html(b, "<li>网站标识码：%s</li>\n", s->site_code);
	if (s != NULL && s->icp[0] != '\0')
		gk_html(b, "<li>ICP备案号：<a href=\"https://beian.miit.gov.cn/\" "
		    "rel=\"noopener\">%s</a></li>\n", s->icp);
	if (s != NULL && s->police[0] != '\0')
		gk_html(b, "<li>公安机关备案号：%s</li>\n", s->police);
	if (s != NULL && s->contact[0] != '\0')
		gk_html(b, "<li>联系我们：%s</li>\n", s->contact);
	gk_html_raw(b, "<li><a href=\"/sitemap.xml\">网站地图</a></li>\n</ul>\n"
	    "</div></footer>\n</body>\n</html>\n");
	return b->err;
}

enum gk_err
gk_page_error(struct gk_web_resp *resp, const struct gk_web_ctx *ctx,
    const struct gk_web_req *req, int status, const char *message)
{
	const char		*title;
	struct gk_crumb		 c;

	switch (status) {
	case 400: title = "请求有误"; break;
	case 403: title = "禁止访问"; break;
	case 404: title = "页面不存在"; break;
	case 405: title = "请求方法不允许"; break;
	case 410: title = "信息已撤回"; break;
	case 413: title = "请求内容过大"; break;
	case 429: title = "请求过于频繁"; break;
	default:  title = status >= 500 ? "服务器内部错误" : "无法完成请求"; break;
	}
	resp->status = status;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	gk_buf_clear(&resp->body);
	c.label = title;
	c.href = "";
	gk_page_begin(&resp->body, ctx, req, title, 0, &c, 1);
	gk_html(&resp->body, "<section class=\"error\">\n<h1>%s</h1>\n<p class=\"status\">错误代码：%d</p>\n",
	    title, status);
	if (message != NULL && message[0] != '\0' && strcmp(message, title) != 0)
		gk_html(&resp->body, "<p>%s</p>\n", message);
	gk_html_raw(&resp->body, "<p><a href=\"/\">返回首页</a> · <a href=\"/search\">站内搜索</a></p>\n"
	    "</section>\n");
	return gk_page_end(&resp->body, ctx, req);
}
