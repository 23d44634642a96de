/*
 * admin.c — the gate of the back office (web/admin.h,
 * docs/admin-security.md): login, logout, logout everywhere, the password
 * change, the session and CSRF checks, then the area table. OWNED BY the
 * security engineer (issue 6); the table's lines belong to the areas'
 * owners.
 *
 *   GET  /admin/login[?next=/admin/...]  the login form
 *   POST /admin/login                    login, password[, next]: a NEW
 *        session (the id a browser presented before is destroyed, never
 *        reused), cookie gk_session (HttpOnly; SameSite=Strict;
 *        Path=/admin; Secure behind TLS), 303 to next (relative /admin/
 *        paths only) or /admin/, or /admin/password when the password
 *        must be changed first; 401 with the form on a wrong login, 429
 *        while the login is locked
 *   POST /admin/logout                   ends this session (CSRF checked)
 *   POST /admin/logout-all               ends every session of the user
 *   GET/POST /admin/password             change the password (forced for
 *        initial passwords before any other page); ends every other
 *        session and rotates this one
 *   anything else under /admin/          no valid session: 303 to
 *        /admin/login?next=PATH; POST without the session's CSRF token:
 *        403; then the area's handler; unknown: 404 in the admin frame
 *
 * Nothing here is cacheable (resp->cacheable stays 0: Cache-Control:
 * no-store); the server adds the security headers to every response.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "store/agency.h"
#include "store/session.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/admin_channels.h"
#include "web/admin_wechat.h"
#include "web/admin_notices.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/server.h"
#include "web/subscribe.h"

/* Longest prefix first; "/admin/" (the dashboard) last. */
static const struct {
	const char		*prefix;
	gk_admin_handler	 fn;
} areas[] = {
	{ "/admin/items",		gk_admin_items },	/* H3 */
	{ "/admin/applications",	gk_admin_apply },	/* H4 */
	{ "/admin/cases",		gk_admin_apply },	/* H4 */
	{ "/admin/figures",		gk_admin_apply },	/* H4 */
	{ "/admin/consultations",	gk_admin_apply },	/* H4 */
	{ "/admin/report",		gk_admin_report },	/* H5 */
	{ "/admin/trainings",		gk_admin_report },	/* H5 */
	{ "/admin/complaints",		gk_admin_report },	/* H5 */
	{ "/admin/users",		gk_admin_settings },	/* H6 */
	{ "/admin/agencies",		gk_admin_settings },	/* H6 */
	{ "/admin/categories",		gk_admin_settings },	/* H6 */
	{ "/admin/rules",		gk_admin_settings },	/* H6 */
	{ "/admin/calendar",		gk_admin_settings },	/* H6 */
	{ "/admin/tokens",		gk_admin_tokens },	/* H1 */
	{ "/admin/channels",		gk_admin_channels },	/* I7-D */
	{ "/admin/check",		gk_admin_channels },	/* I7-D */
	{ "/admin/wechat",		gk_admin_wechat },	/* I7-A */
	{ "/admin/notices",		gk_admin_notices },	/* I7-B */
	{ "/admin/push",		gk_admin_push },	/* I7-C */
	{ "/admin/",			gk_admin_home },	/* H3 */
};

#define NEXT_MAX	512

/* The area of path, or NULL. */
static gk_admin_handler
area_of(const char *path)
{
	size_t	 i, n;

	for (i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
		n = strlen(areas[i].prefix);
		if (strncmp(path, areas[i].prefix, n) == 0 &&
		    (path[n] == '\0' || path[n] == '/' || areas[i].prefix[n - 1] == '/'))
			return areas[i].fn;
	}
	return NULL;
}

/* The request's clock in seconds (ctx->now, which honours $GONGKAI_NOW). */
static int64_t
now_seconds(const struct gk_web_ctx *ctx)
{
	int64_t t;

	if (gk_http_rfc3339_parse(ctx->now, &t))
		return t;
	return (int64_t)time(NULL);
}

/*
 * A redirect target after login: a relative path under /admin/ made only
 * of [A-Za-z0-9/_.=&%-] (no "//", no "..", no scheme, no backslash, no
 * CR/LF), at most NEXT_MAX bytes. 1 when acceptable.
 */
static int
next_ok(const char *s)
{
	size_t i, n;

	if (s == NULL || strncmp(s, "/admin/", 7) != 0 || (n = strlen(s)) >= NEXT_MAX ||
	    strstr(s, "//") != NULL || strstr(s, "..") != NULL)
		return 0;
	for (i = 0; i < n; i++) {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		    c == '/' || c == '_' || c == '.' || c == '-' || c == '=' || c == '&' ||
		    c == '%' || c == '?'))
			return 0;
	}
	return 1;
}

/* Set-Cookie for the session (value "" clears it). */
static void
set_cookie(struct gk_web_resp *resp, const struct gk_web_req *req, const char *value)
{
	snprintf(resp->set_cookie, sizeof(resp->set_cookie),
	    "%s=%s; Path=/admin; HttpOnly; SameSite=Strict%s%s", GK_SESSION_COOKIE, value,
	    value[0] == '\0' ? "; Max-Age=0" : "", req->secure ? "; Secure" : "");
}

static void
redirect(struct gk_web_resp *resp, const char *path)
{
	gk_buf_clear(&resp->body);
	resp->status = 303;
	resp->content_type = "text/html; charset=utf-8";
	gk_strlcpy_utf8(resp->location, path, sizeof(resp->location));
}

/* 303 to the login with next=PATH (when PATH is an acceptable target). */
static enum gk_err
to_login(struct gk_web_resp *resp, const struct gk_web_req *req, int clear)
{
	char	 loc[NEXT_MAX + 64];
	int	 get = strcmp(req->method, "GET") == 0 || strcmp(req->method, "HEAD") == 0;

	if (get && next_ok(req->path) && strcmp(req->path, "/admin/") != 0)
		snprintf(loc, sizeof(loc), "/admin/login?%snext=%s", clear ? "expired=1&" : "",
		    req->path);
	else
		snprintf(loc, sizeof(loc), "/admin/login%s", clear ? "?expired=1" : "");
	redirect(resp, loc);
	if (clear)
		set_cookie(resp, req, "");
	return GK_OK;
}

int
gk_admin_csrf_ok(const struct gk_web_req *req, const struct gk_admin_user *u)
{
	const char *t = gk_web_arg(req, GK_ADMIN_CSRF_FIELD);

	if (t == NULL || strlen(t) != GK_SESSION_HEXLEN || strlen(u->csrf) != GK_SESSION_HEXLEN)
		return 0;
	return sodium_memcmp(t, u->csrf, GK_SESSION_HEXLEN) == 0;
}

/* ---- pages without a session ---- */

/* The head and the top bar of the login page (no user yet). */
static void
bare_begin(struct gk_buf *b, const struct gk_web_ctx *ctx, const char *title)
{
	gk_html(b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	    "<meta name=\"robots\" content=\"noindex, nofollow\">\n"
	    "<title>%s - %s</title>\n<link rel=\"stylesheet\" href=\"/static/admin.css\">\n"
	    "</head>\n<body class=\"admin bare\">\n<header class=\"topbar\"><div class=\"brand\">"
	    "<span class=\"platform\">%s</span> <span class=\"office\">政务公开管理后台</span>"
	    "</div></header>\n<main id=\"main\" class=\"login\">\n", title, ctx->site->name,
	    ctx->site->name);
}

static void
bare_end(struct gk_buf *b)
{
	gk_html_raw(b, "</main>\n</body></html>\n");
}

static enum gk_err
login_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    int status, const char *login, const char *msg)
{
	const char	*next = gk_web_arg(req, "next");
	struct gk_buf	*b = &resp->body;

	gk_buf_clear(b);
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	bare_begin(b, ctx, "登录");
	gk_html_raw(b, "<h1>用户登录</h1>\n");
	if (msg != NULL && msg[0] != '\0')
		gk_html(b, "<p class=\"alert\" role=\"alert\" id=\"login-error\">%s</p>\n", msg);
	else if (gk_web_arg(req, "expired") != NULL)
		gk_html(b, "<p class=\"notice\" role=\"status\">登录已超时（%d 分钟无操作）或已在别处退出，"
		    "请重新登录。</p>\n", GK_SESSION_IDLE / 60);
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/login\" class=\"gk-form\">\n");
	if (next_ok(next))
		gk_html(b, "<input type=\"hidden\" name=\"next\" value=\"%s\">\n", next);
	gk_html(b, "<div class=\"field\"><label for=\"f-login\">登录名</label>\n"
	    "<input id=\"f-login\" name=\"login\" type=\"text\" size=\"30\" maxlength=\"64\" "
	    "autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" required "
	    "value=\"%s\"%s></div>\n", login != NULL ? login : "",
	    msg != NULL && msg[0] != '\0' ? " aria-describedby=\"login-error\"" : "");
	gk_html_raw(b, "<div class=\"field\"><label for=\"f-password\">密码</label>\n"
	    "<input id=\"f-password\" name=\"password\" type=\"password\" size=\"30\" "
	    "maxlength=\"256\" autocomplete=\"current-password\" required></div>\n"
	    "<p><button type=\"submit\">登录</button></p>\n</form>\n");
	gk_html(b, "<p class=\"hint\">连续 %d 次登录失败，账户将锁定 %d 分钟；%d 分钟无操作自动退出。"
	    "初始密码须在首次登录后修改。</p>\n", GK_SESSION_MAX_FAILS, GK_SESSION_LOCK / 60,
	    GK_SESSION_IDLE / 60);
	bare_end(b);
	return b->err;
}

static enum gk_err
login_post(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	const char		*login = gk_web_arg(req, "login"), *pw = gk_web_arg(req, "password");
	const char		*next = gk_web_arg(req, "next");
	char			 cookie[GK_SESSION_HEXLEN + 1], msg[256];
	struct gk_session	 s;
	int64_t			 until = 0, now = now_seconds(ctx);
	enum gk_err		 e;

	if (login == NULL || pw == NULL || login[0] == '\0' || pw[0] == '\0')
		return login_page(ctx, req, resp, 400, login, "请输入登录名和密码");
	e = gk_session_login(ctx->db, login, pw, gk_web_cookie(req, GK_SESSION_COOKIE),
	    req->client, now, cookie, &s, &until, msg, sizeof(msg));
	if (e == GK_ELIMIT || (e == GK_EINVAL && until > now)) {
		resp->retry_after = (int)(until > now ? until - now : GK_SESSION_LOCK);
		snprintf(msg, sizeof(msg), "登录失败次数过多，账户已锁定，请 %lld 分钟后再试",
		    (long long)((until - now + 59) / 60));
		return login_page(ctx, req, resp, 429, login, msg);
	}
	if (e == GK_EINVAL)
		return login_page(ctx, req, resp, 401, login, msg);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	redirect(resp, s.must_change ? "/admin/password" : next_ok(next) ? next : "/admin/");
	set_cookie(resp, req, cookie);
	sodium_memzero(cookie, sizeof(cookie));
	return GK_OK;
}

/* ---- pages with a session ---- */

/* Loads the user of session s into u. GK_ENOTFOUND when gone or inactive. */
static enum gk_err
load_user(struct gk_web_ctx *ctx, const struct gk_session *s, struct gk_admin_user *u,
    char *err, size_t errlen)
{
	struct gk_user		gu;
	struct gk_agency	ga;
	enum gk_err		e;

	memset(u, 0, sizeof(*u));
	if ((e = gk_user_get(ctx->db, s->user_id, &gu, err, errlen)) != GK_OK)
		return e;
	if (!gu.active) {
		gk_user_clear(&gu);
		return GK_ENOTFOUND;
	}
	u->user_id = gu.id;
	u->agency_id = gu.agency_id;
	u->roles = gu.roles;
	gk_strlcpy_utf8(u->login, gu.login, sizeof(u->login));
	gk_strlcpy_utf8(u->name, gu.display_name, sizeof(u->name));
	gk_strlcpy_utf8(u->csrf, s->csrf, sizeof(u->csrf));
	gk_user_clear(&gu);
	if ((e = gk_agency_get(ctx->db, u->agency_id, &ga, err, errlen)) == GK_OK) {
		gk_strlcpy_utf8(u->agency, ga.name, sizeof(u->agency));
		gk_agency_clear(&ga);
	} else if (e != GK_ENOTFOUND)
		return e;
	return GK_OK;
}

static void
password_form(struct gk_buf *b, const struct gk_admin_user *u, int forced, const char *msg,
    const char *field, const struct gk_session_info *sess, size_t nsess, int64_t cur_id)
{
	static const char *const names[3] = { "old", "new", "confirm" };
	static const char *const labels[3] = { "原密码", "新密码", "再次输入新密码" };
	static const char *const ac[3] = { "current-password", "new-password", "new-password" };
	size_t	i;
	int	k, bad;

	gk_html_raw(b, "<h1>修改密码</h1>\n");
	if (forced)
		gk_html_raw(b, "<p class=\"notice\" role=\"status\">您正在使用初始密码（或管理员重置的密码），"
		    "须先设置新密码才能继续使用系统。</p>\n");
	gk_html(b, "<p class=\"hint\" id=\"pw-policy\">新密码至少 %d 个字符，且须包含小写字母、大写字母、"
	    "数字、其他字符中至少 3 类。修改后，您在其他设备上的登录会全部退出。</p>\n",
	    GK_USER_PW_MIN);
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/password\" class=\"gk-form\">\n");
	gk_admin_csrf_field(b, u);
	for (k = 0; k < 3; k++) {
		bad = msg != NULL && field != NULL && strcmp(field, names[k]) == 0;
		gk_html(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>\n"
		    "<input id=\"f-%s\" name=\"%s\" type=\"password\" size=\"30\" maxlength=\"256\" "
		    "autocomplete=\"%s\" required%s%s>\n", bad ? " invalid" : "", names[k], labels[k],
		    names[k], names[k], ac[k], bad ? " aria-invalid=\"true\"" : "",
		    k == 1 ? (bad ? " aria-describedby=\"pw-policy f-new-err\"" :
		    " aria-describedby=\"pw-policy\"") : bad ? " aria-describedby=\"pw-err\"" : "");
		if (bad)
			gk_html(b, "<p class=\"field-error\" id=\"%s\"><strong>错误：</strong>%s</p>\n",
			    k == 1 ? "f-new-err" : "pw-err", msg);
		gk_html_raw(b, "</div>\n");
	}
	gk_html_raw(b, "<p><button type=\"submit\">保存新密码</button></p>\n</form>\n");
	gk_html_raw(b, "<h2>当前登录</h2>\n<table>\n<caption>您的账户在以下设备上处于登录状态"
	    "（空闲 30 分钟或登录 12 小时后自动退出）</caption>\n<thead><tr><th scope=\"col\">登录时间</th>"
	    "<th scope=\"col\">最近活动</th><th scope=\"col\">地址</th><th scope=\"col\">说明</th>"
	    "</tr></thead>\n<tbody>\n");
	for (i = 0; i < nsess; i++)
		gk_html(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    sess[i].created_at, sess[i].last_seen, sess[i].client,
		    sess[i].id == cur_id ? "本次登录" : "");
	gk_html_raw(b, "</tbody></table>\n");
	gk_html_raw(b, "<h2>退出登录</h2>\n<form method=\"post\" action=\"/admin/logout-all\">\n");
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<p><button type=\"submit\" class=\"secondary\">退出全部设备上的登录</button></p>\n"
	    "</form>\n");
}

static enum gk_err
password_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    const struct gk_admin_user *u, const struct gk_session *s, char *err, size_t errlen)
{
	const char		*old = gk_web_arg(req, "old"), *nw = gk_web_arg(req, "new");
	const char		*cf = gk_web_arg(req, "confirm"), *field = NULL;
	char			 msg[512], cookie[GK_SESSION_HEXLEN + 1];
	struct gk_session	 ns;
	struct gk_session_info	 sess[20];
	size_t			 nsess = 0;
	enum gk_err		 e;
	int			 status = 200;

	msg[0] = '\0';
	if (strcmp(req->method, "POST") == 0) {
		if (old == NULL || old[0] == '\0') {
			snprintf(msg, sizeof(msg), "请输入原密码");
			field = "old";
		} else if (nw == NULL || cf == NULL || strcmp(nw, cf) != 0) {
			snprintf(msg, sizeof(msg), "两次输入的新密码不一致");
			field = "confirm";
		} else if ((e = gk_user_passwd(ctx->db, u->login, u->login, old, nw, ctx->now, msg,
		    sizeof(msg))) == GK_OK) {
			int64_t now = now_seconds(ctx);

			/* Every other session ends; this one gets a new id. */
			if ((e = gk_session_logout_all(ctx->db, u->user_id, "password_changed", now,
			    NULL, err, errlen)) != GK_OK ||
			    (e = gk_session_create(ctx->db, u->user_id, req->client,
			    "password_changed", now, cookie, &ns, err, errlen)) != GK_OK)
				return e;
			redirect(resp, "/admin/");
			set_cookie(resp, req, cookie);
			sodium_memzero(cookie, sizeof(cookie));
			return GK_OK;
		} else if (e == GK_EINVAL) {
			/* A wrong old password names the user: say it plainly instead. */
			if (strstr(msg, "密码错误") != NULL) {
				snprintf(msg, sizeof(msg), "原密码不正确");
				field = "old";
			} else
				field = "new";	/* the policy's message, or "same as the old one" */
		} else if (e == GK_ECONFLICT) {
			field = "old";
		} else {
			snprintf(err, errlen, "%s", msg);
			return e;
		}
		status = 400;
	}
	if ((e = gk_session_list(ctx->db, u->user_id, now_seconds(ctx), sess,
	    sizeof(sess) / sizeof(sess[0]), &nsess, err, errlen)) != GK_OK)
		return e;
	resp->status = status;
	gk_admin_begin(&resp->body, ctx, u, "修改密码", "password");
	password_form(&resp->body, u, s->must_change, field != NULL ? msg : NULL, field, sess,
	    nsess, s->id);
	gk_admin_end(&resp->body);
	return resp->body.err;
}

/* GET /admin/logout: a button (logging out changes state: POST only). */
static enum gk_err
logout_page(struct gk_web_ctx *ctx, struct gk_web_resp *resp, const struct gk_admin_user *u)
{
	struct gk_buf *b = &resp->body;

	gk_admin_begin(b, ctx, u, "退出登录", "");
	gk_html_raw(b, "<h1>退出登录</h1>\n<form method=\"post\" action=\"/admin/logout\">\n");
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<p><button type=\"submit\">退出</button></p>\n</form>\n");
	gk_admin_end(b);
	return b->err;
}

enum gk_err
gk_admin_handle(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	const char		*path = req->path, *cookie;
	int			 post = strcmp(req->method, "POST") == 0;
	struct gk_session	 s;
	struct gk_admin_user	 u;
	gk_admin_handler	 fn;
	int64_t			 now = now_seconds(ctx);
	enum gk_err		 e;

	if (strcmp(path, "/admin") == 0) {
		redirect(resp, "/admin/");
		return GK_OK;
	}
	if (strncmp(path, "/admin/", 7) != 0)
		return GK_ENOTFOUND;
	resp->cacheable = 0;
	gk_admin_page_path(path);
	cookie = gk_web_cookie(req, GK_SESSION_COOKIE);
	if (post && req->cross_site) {	/* login CSRF too: no session is needed for this check */
		gk_buf_clear(&resp->body);
		return gk_page_error(resp, ctx, req, 403, "跨站提交的请求已被拒绝（请从本系统的页面提交）");
	}
	e = cookie != NULL ? gk_session_lookup(ctx->db, cookie, now, &s, err, errlen) :
	    GK_ENOTFOUND;
	if (e != GK_OK && e != GK_ENOTFOUND)
		return e;
	if (strcmp(path, "/admin/login") == 0) {
		if (post)
			return login_post(ctx, req, resp, err, errlen);
		if (e == GK_OK) {	/* already signed in */
			redirect(resp, next_ok(gk_web_arg(req, "next")) ? gk_web_arg(req, "next") :
			    "/admin/");
			return GK_OK;
		}
		return login_page(ctx, req, resp, 200, NULL, NULL);
	}
	if (e == GK_ENOTFOUND)
		return to_login(resp, req, cookie != NULL);
	if ((e = load_user(ctx, &s, &u, err, errlen)) == GK_ENOTFOUND)
		return to_login(resp, req, 1);
	if (e != GK_OK)
		return e;
	if (post && !gk_admin_csrf_ok(req, &u))
		return gk_admin_error(resp, ctx, &u, 403,
		    "请求无效：表单已过期或来源不明（CSRF 校验失败），请返回页面刷新后重新提交");
	if (strcmp(path, "/admin/logout") == 0) {
		if (!post)
			return logout_page(ctx, resp, &u);
		if ((e = gk_session_logout(ctx->db, cookie, now, err, errlen)) != GK_OK &&
		    e != GK_ENOTFOUND)
			return e;
		redirect(resp, "/admin/login");
		set_cookie(resp, req, "");
		return GK_OK;
	}
	if (strcmp(path, "/admin/logout-all") == 0) {
		if (!post)
			return logout_page(ctx, resp, &u);
		if ((e = gk_session_logout_all(ctx->db, u.user_id, "user", now, NULL, err,
		    errlen)) != GK_OK)
			return e;
		redirect(resp, "/admin/login");
		set_cookie(resp, req, "");
		return GK_OK;
	}
	if (strcmp(path, "/admin/password") == 0)
		return password_page(ctx, req, resp, &u, &s, err, errlen);
	if (s.must_change) {
		redirect(resp, "/admin/password");
		return GK_OK;
	}
	if ((fn = area_of(path)) == NULL)
		return gk_admin_error(resp, ctx, &u, 404, "页面不存在");
	e = fn(ctx, req, &u, resp, err, errlen);
	if (e == GK_ENOTFOUND) {
		gk_web_resp_clear(resp);
		return gk_admin_error(resp, ctx, &u, 404, "页面不存在");
	}
	resp->cacheable = 0;	/* personal, whatever a handler set */
	return e;
}

enum gk_err
gk_admin_static(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	size_t		 n;
	const char	*css;

	(void)ctx;
	(void)err;
	(void)errlen;
	if (strcmp(req->path, "/static/admin.css") != 0)
		return GK_ENOTFOUND;
	css = gk_admin_css(&n);
	resp->content_type = "text/css; charset=utf-8";
	resp->cacheable = 1;
	return gk_buf_append(&resp->body, css, n);
}
