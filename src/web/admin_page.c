/*
 * admin_page.c — the frame of back-office pages (web/admin.h). OWNED BY
 * the security engineer (issue 6). The layout (styled by /static/admin.css,
 * portal_static.c):
 *
 *   <header class="topbar">  platform · 政务公开管理后台 · agency | user
 *                            (roles) · 修改密码 · 退出 (a POST form)
 *   <nav class="side">       the areas the user's roles reach, the
 *                            current one with aria-current="page"
 *   <main id="main">         the page
 *
 * A skip link leads to <main>. Everything from the database goes through
 * gk_html() (escaped).
 */
#include <string.h>

#include "core/workflow.h"
#include "web/admin.h"
#include "web/html.h"

#define R(x)	WF_ROLE_BIT(WF_ROLE_##x)
#define ALL	((1u << WF_ROLE__MAX) - 1)

/* The menu: area key (gk_admin_begin's area), link, label, roles that see it. */
static const struct {
	const char	*area;
	const char	*href;
	const char	*label;
	unsigned	 roles;
	int		 sub;		/* 1: a sub-entry of 系统设置; a top-level entry
					 * for a user who cannot see 系统设置 */
} menu[] = {
	{ "home",		"/admin/",		"工作台",	ALL, 0 },
	{ "items",		"/admin/items",		"信息发布",	ALL, 0 },
	{ "applications",	"/admin/applications",	"依申请公开",
	    R(OFFICER) | R(ADMIN) | R(OFFICE) | R(REVIEWER) | R(APPROVER), 0 },
	{ "cases",		"/admin/cases",		"复议诉讼",	R(OFFICER) | R(ADMIN) | R(OFFICE), 0 },
	{ "figures",		"/admin/figures",	"第二十条数据",	R(OFFICER) | R(ADMIN) | R(OFFICE), 0 },
	{ "consultations",	"/admin/consultations",	"留言咨询",	R(OFFICER) | R(ADMIN) | R(OFFICE), 0 },
	{ "report",		"/admin/report",	"年度报告",
	    R(OFFICER) | R(ADMIN) | R(OFFICE) | R(APPROVER), 0 },
	{ "trainings",		"/admin/trainings",	"培训与投诉",	R(OFFICER) | R(ADMIN) | R(OFFICE), 0 },
	{ "settings",		"/admin/users",		"系统设置",	R(ADMIN), 0 },
	{ "users",		"/admin/users",		"用户与角色",	R(ADMIN), 1 },
	{ "agencies",		"/admin/agencies",	"机构",		R(ADMIN), 1 },
	{ "categories",		"/admin/categories",	"信息分类",	R(ADMIN), 1 },
	{ "rules",		"/admin/rules",		"时效规则",	R(ADMIN), 1 },
	{ "calendar",		"/admin/calendar",	"工作日历",	ALL, 1 },
	{ "wechat",		"/admin/wechat",	"微信公众号",	R(ADMIN) | R(OFFICER), 0 },
	{ "notices",		"/admin/notices",	"公示栏",	R(ADMIN) | R(OFFICER) | R(OFFICE), 0 },
	{ "channels",		"/admin/channels",	"渠道同步",	R(ADMIN) | R(OFFICER) | R(OFFICE), 0 },
	{ "check",		"/admin/check",		"网站自查",	R(ADMIN) | R(OFFICER) | R(OFFICE), 0 },
	{ "push",		"/admin/push",		"精准推送",	R(ADMIN) | R(OFFICER) | R(OFFICE), 0 },
	{ "tokens",		"/admin/tokens",	"接口令牌",	R(ADMIN) | R(OFFICER), 0 },
};

/* The path of the request being answered on this thread (set by the gate). */
static _Thread_local char cur_path[GK_WEB_PATH_MAX + 1];

void
gk_admin_page_path(const char *path)
{
	gk_strlcpy_utf8(cur_path, path != NULL ? path : "", sizeof(cur_path));
}

/*
 * The current menu entry: the one whose link is the longest prefix of the
 * request's path (so /admin/cases/3 marks 复议诉讼 whatever area its handler
 * names), else the one named by area; -1 when none.
 */
static int
current(const char *area)
{
	const char	*path = cur_path;
	size_t		 i, n, best = 0;
	int		 cur = -1;

	if (strncmp(path, "/admin/complaints", 17) == 0)
		path = "/admin/trainings";	/* 培训与投诉 covers both */
	for (i = 0; i < sizeof(menu) / sizeof(menu[0]); i++) {
		n = strlen(menu[i].href);
		if ((n > best || (n == best && menu[i].sub)) && strncmp(path, menu[i].href, n) == 0 &&
		    (path[n] == '\0' || path[n] == '/' || menu[i].href[n - 1] == '/') &&
		    !(strcmp(menu[i].href, "/admin/") == 0 && strcmp(path, "/admin/") != 0)) {
			best = n;
			cur = (int)i;
		}
	}
	for (i = 0; cur == -1 && i < sizeof(menu) / sizeof(menu[0]); i++)
		if (strcmp(menu[i].area, area) == 0)
			cur = (int)i;
	return cur;
}

void
gk_admin_begin(struct gk_buf *b, const struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    const char *title, const char *area)
{
	size_t		 i;
	unsigned	 settings_roles = 0;
	int		 r, first = 1, cur, settings, sub;

	if (area == NULL)
		area = "";
	cur = current(area);
	for (i = 0; i < sizeof(menu) / sizeof(menu[0]); i++)
		if (strcmp(menu[i].area, "settings") == 0)
			settings_roles = menu[i].roles;
	settings = cur >= 0 && (menu[cur].sub || strcmp(menu[cur].area, "settings") == 0);
	gk_html(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
	    "<title>%s - %s</title>\n<link rel=\"stylesheet\" href=\"/static/admin.css\">\n"
	    "</head>\n<body class=\"admin\">\n"
	    "<a class=\"skip\" href=\"#main\">跳到主要内容</a>\n"
	    "<header class=\"topbar\">\n<div class=\"brand\"><span class=\"platform\">%s</span> "
	    "<span class=\"office\">政务公开管理后台</span></div>\n"
	    "<div class=\"who\"><span class=\"agency\">%s</span>\n"
	    "<span class=\"user\">%s</span>\n<span class=\"roles\">角色：", title, ctx->site->name, ctx->site->name, u->agency,
	    u->name);
	for (r = 0; r < WF_ROLE__MAX; r++)
		if (GK_ADMIN_HAS(u, r)) {
			gk_html(b, "%s%s", first ? "" : "、", wf_role_label((enum wf_role)r));
			first = 0;
		}
	gk_html_raw(b, "</span>\n<a href=\"/admin/password\">修改密码</a>\n"
	    "<form method=\"post\" action=\"/admin/logout\" class=\"inline\">");
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<button type=\"submit\">退出</button></form></div>\n</header>\n"
	    "<div class=\"layout\">\n<nav class=\"side\" aria-label=\"后台菜单\"><ul>\n");
	for (i = 0; i < sizeof(menu) / sizeof(menu[0]); i++) {
		if ((u->roles & menu[i].roles) == 0)
			continue;
		sub = menu[i].sub && (u->roles & settings_roles) != 0;
		if (sub && !settings)
			continue;
		gk_html_raw(b, sub ? "<li class=\"sub\">" : "<li>");
		gk_html(b, "<a href=\"%s\"", menu[i].href);
		if ((int)i == cur)
			gk_html_raw(b, " aria-current=\"page\"");
		else if (strcmp(menu[i].area, "settings") == 0 && settings)
			gk_html_raw(b, " class=\"open\"");
		gk_html(b, ">%s</a></li>\n", menu[i].label);
	}
	gk_html_raw(b, "</ul></nav>\n<main id=\"main\" tabindex=\"-1\">\n");
}

void
gk_admin_end(struct gk_buf *b)
{
	gk_html_raw(b, "</main>\n</div>\n<footer class=\"foot\"><p>本系统仅供授权人员使用，"
	    "所有操作均记入审计日志。</p></footer>\n</body></html>\n");
}

void
gk_admin_csrf_field(struct gk_buf *b, const struct gk_admin_user *u)
{
	gk_html(b, "<input type=\"hidden\" name=\"" GK_ADMIN_CSRF_FIELD "\" value=\"%s\">", u->csrf);
}

void
gk_admin_redirect(struct gk_web_resp *resp, const char *path)
{
	gk_buf_clear(&resp->body);
	resp->status = 303;
	gk_strlcpy_utf8(resp->location, path, sizeof(resp->location));
}

enum gk_err
gk_admin_error(struct gk_web_resp *resp, const struct gk_web_ctx *ctx,
    const struct gk_admin_user *u, int status, const char *message)
{
	gk_buf_clear(&resp->body);
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	resp->cacheable = 0;
	gk_admin_begin(&resp->body, ctx, u, message, "");
	gk_html(&resp->body, "<h1>%s</h1>\n<p class=\"status\">错误代码 %d</p>\n"
	    "<p><a href=\"/admin/\">返回工作台</a></p>\n", message, status);
	gk_admin_end(&resp->body);
	return resp->body.err;
}
