/*
 * admin_settings.c — the back office's settings area (H6, issue 6;
 * docs/admin-settings.md): the dispatcher of /admin/users, /admin/agencies,
 * /admin/categories, /admin/rules and /admin/calendar, the helpers the
 * screens share (admin_settings.h), and the users screen. The agencies
 * and site settings are in admin_settings_agency.c, categories and rules
 * in admin_settings_tree.c, the calendar in admin_settings_cal.c.
 *
 * Every change goes through a store function with the user's login as
 * the actor (the store checks the role and writes the audit entry); the
 * screens check the role first (403) and that each record is within the
 * user's agency or one below it (404), and re-render a failed form with
 * its values and the messages next to the fields (400/409).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <sodium.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/user.h"
#include "web/admin_settings.h"
#include "web/html.h"

/* ---- helpers (admin_settings.h) ---- */

void
gkas_err(struct gkas_errs *f, const char *field, const char *fmt, ...)
{
	va_list ap;

	if (f->n >= GKAS_ERRS_MAX)
		return;
	f->field[f->n] = field;
	va_start(ap, fmt);
	vsnprintf(f->msg[f->n], sizeof(f->msg[f->n]), fmt, ap);
	va_end(ap);
	f->n++;
}

const char *
gkas_err_of(const struct gkas_errs *f, const char *field)
{
	size_t i;

	for (i = 0; f != NULL && i < f->n; i++)
		if (strcmp(f->field[i], field) == 0)
			return f->msg[i];
	return NULL;
}

void
gkas_err_show(struct gk_buf *b, const struct gkas_errs *f, const char *field)
{
	const char *m = gkas_err_of(f, field);

	if (m != NULL)
		gk_html(b, "<p class=\"field-error\" id=\"err-%s\" role=\"alert\">%s</p>",
		    field, m);
}

void
gkas_err_summary(struct gk_buf *b, const struct gkas_errs *f)
{
	size_t i;

	if (f == NULL || f->n == 0)
		return;
	gk_html_raw(b, "<div class=\"alert\" role=\"alert\"><p>未能保存，请修改以下内容：</p><ul>");
	for (i = 0; i < f->n; i++)
		gk_html(b, "<li>%s</li>", f->msg[i]);
	gk_html_raw(b, "</ul></div>\n");
}

/* The parent of agency id (0: none); 1 found, 0 absent, -1 error. */
static int
agency_parent(struct gk_web_ctx *ctx, int64_t id, int64_t *parentp)
{
	struct gk_agency	a;
	char			err[256];
	enum gk_err		e;

	*parentp = 0;
	e = gk_agency_get(ctx->db, id, &a, err, sizeof(err));
	if (e == GK_ENOTFOUND)
		return 0;
	if (e != GK_OK)
		return -1;
	*parentp = a.parent_id;
	gk_agency_clear(&a);
	return 1;
}

int
gkas_platform_admin(struct gk_web_ctx *ctx, const struct gk_admin_user *u)
{
	int64_t parent;

	return GK_ADMIN_HAS(u, WF_ROLE_ADMIN) &&
	    agency_parent(ctx, u->agency_id, &parent) == 1 && parent == 0;
}

int
gkas_agency_visible(struct gk_web_ctx *ctx, const struct gk_admin_user *u, int64_t id)
{
	int64_t parent;

	if (id <= 0)
		return 0;
	if (id == u->agency_id)
		return 1;
	return agency_parent(ctx, id, &parent) == 1 && parent == u->agency_id;
}

int64_t
gkas_id(const char *s, const char **endp)
{
	int64_t	 v = 0;
	int	 k = 0;

	while (s != NULL && *s >= '0' && *s <= '9' && k < 18) {
		v = v * 10 + (*s - '0');
		s++;
		k++;
	}
	if (endp != NULL)
		*endp = s;
	if (s == NULL || k == 0 || (*s >= '0' && *s <= '9'))
		return 0;
	return v;
}

const char *
gkas_arg(const struct gk_web_req *req, const char *name)
{
	const char *v = gk_web_arg(req, name);

	return v != NULL ? v : "";
}

int
gkas_scope(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, int64_t *idp, char *err, size_t errlen)
{
	const char	*s = gk_web_arg(req, "agency"), *end;
	int64_t		 id;

	(void)err;
	(void)errlen;
	*idp = 0;
	if (s == NULL || *s == '\0') {
		*idp = u->agency_id;
		return 1;
	}
	if ((id = gkas_id(s, &end)) == 0 || *end != '\0')
		return 0;
	if (!gkas_agency_visible(ctx, u, id))
		return 0;
	*idp = id;
	return 1;
}

void
gkas_page(struct gk_web_resp *resp, const struct gk_web_ctx *ctx,
    const struct gk_admin_user *u, int status, const char *title, const char *area)
{
	resp->status = status;
	resp->content_type = "text/html; charset=utf-8";
	resp->cacheable = 0;
	gk_admin_begin(&resp->body, ctx, u, title, area);
}

enum gk_err
gkas_done(struct gk_web_resp *resp)
{
	gk_admin_end(&resp->body);
	return resp->body.err;
}

int
gkas_status(enum gk_err e)
{
	return e == GK_ENOTFOUND ? 404 : e == GK_ECONFLICT ? 409 : 400;
}

/* ---- the dispatcher ---- */

enum gk_err
gk_admin_settings(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	static const struct {
		const char	*prefix;
		enum gk_err	(*fn)(struct gk_web_ctx *, const struct gk_web_req *,
				    const struct gk_admin_user *, struct gk_web_resp *,
				    char *, size_t);
	} screens[] = {
		{ "/admin/users", gkas_users },
		{ "/admin/agencies", gkas_agencies },
		{ "/admin/categories", gkas_categories },
		{ "/admin/rules", gkas_rules },
		{ "/admin/calendar", gkas_calendar },
	};
	size_t	i, n;

	for (i = 0; i < sizeof(screens) / sizeof(screens[0]); i++) {
		n = strlen(screens[i].prefix);
		if (strncmp(req->path, screens[i].prefix, n) == 0 &&
		    (req->path[n] == '\0' || req->path[n] == '/'))
			return screens[i].fn(ctx, req, u, resp, err, errlen);
	}
	return GK_ENOTFOUND;
}

/* ---- users ---- */

/* The role set from the form's "role" checkboxes; 0 with a message when bad. */
static unsigned
form_roles(const struct gk_web_req *req, struct gkas_errs *f)
{
	enum wf_role	r;
	unsigned	roles = 0;
	size_t		i;

	for (i = 0; i < req->nargs; i++) {
		if (strcmp(req->args[i].name, "role") != 0)
			continue;
		if (!wf_role_from_name(req->args[i].value, &r)) {
			gkas_err(f, "role", "未知的角色“%.40s”", req->args[i].value);
			return 0;
		}
		roles |= WF_ROLE_BIT(r);
	}
	if (roles == 0)
		gkas_err(f, "role", "请至少选择一个角色");
	return roles;
}

/* The role checkboxes with roles checked. */
static void
roles_fieldset(struct gk_buf *b, unsigned roles, const struct gkas_errs *f)
{
	int r;

	gk_html_raw(b, "<fieldset><legend>角色</legend>");
	for (r = 0; r < WF_ROLE__MAX; r++)
		gk_html(b, "<label><input type=\"checkbox\" name=\"role\" value=\"%s\"%s> %s</label> ",
		    wf_role_name((enum wf_role)r), (roles & WF_ROLE_BIT(r)) ? " checked" : "",
		    wf_role_label((enum wf_role)r));
	gkas_err_show(b, f, "role");
	gk_html_raw(b, "<p class=\"hint\">一人可兼任多个角色；同一条信息的拟稿、审核、审定和发布由工作流"
	    "按人分开（见 docs/workflow.md）。</p></fieldset>\n");
}

/* "分管领导、信息公开工作人员" into buf. */
static void
roles_cn(unsigned roles, char *buf, size_t n)
{
	size_t	used = 0;
	int	r;

	buf[0] = '\0';
	for (r = 0; r < WF_ROLE__MAX; r++)
		if (roles & WF_ROLE_BIT(r)) {
			snprintf(buf + used, n - used, "%s%s", used ? "、" : "",
			    wf_role_label((enum wf_role)r));
			used = strlen(buf);
		}
}

/* The agencies the user administers (own, then its children), for selectors. */
static enum gk_err
visible_agencies(struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    struct gk_agency_list *l, char *err, size_t errlen)
{
	enum gk_err	e;
	size_t		i, k = 0;

	if ((e = gk_agency_list(ctx->db, l, err, errlen)) != GK_OK)
		return e;
	for (i = 0; i < l->n; i++) {
		if (l->v[i].id == u->agency_id || l->v[i].parent_id == u->agency_id) {
			if (k != i) {
				struct gk_agency t = l->v[k];

				l->v[k] = l->v[i];
				l->v[i] = t;
			}
			k++;
		}
	}
	for (i = k; i < l->n; i++)
		gk_agency_clear(&l->v[i]);
	l->n = k;
	return GK_OK;
}

/* The users list of one agency and the form to add one. */
static enum gk_err
users_list(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, int64_t ag,
    int status, const struct gkas_errs *f, char *err, size_t errlen)
{
	struct gk_user_list	 l;
	struct gk_agency_list	 al;
	struct gk_buf		*b = &resp->body;
	char			 rs[256], day[GK_DATE_LEN];
	unsigned		 roles = 0;
	enum gk_err		 e;
	size_t			 i;
	enum wf_role		 r;

	if ((e = gk_user_list(ctx->db, ag, &l, err, errlen)) != GK_OK)
		return e;
	if ((e = visible_agencies(ctx, u, &al, err, errlen)) != GK_OK) {
		gk_user_list_free(&l);
		return e;
	}
	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, status, "用户管理", "users");
	gk_html_raw(b, "<h1>用户管理</h1>\n");
	if (al.n > 1) {
		gk_html_raw(b, "<nav aria-label=\"机构\"><ul class=\"agency-switch\">");
		for (i = 0; i < al.n; i++) {
			gk_html(b, "<li><a href=\"/admin/users?agency=%lld\"%s>%s</a></li>",
			    (long long)al.v[i].id, al.v[i].id == ag ? " aria-current=\"page\"" : "",
			    al.v[i].name);
		}
		gk_html_raw(b, "</ul></nav>\n");
	}
	for (i = 0; i < al.n; i++)
		if (al.v[i].id == ag)
			gk_html(b, "<h2>%s的用户（%zu 人）</h2>\n", al.v[i].name, l.n);
	gk_html_raw(b, "<table class=\"list\"><thead><tr><th scope=\"col\">登录名</th>"
	    "<th scope=\"col\">姓名</th><th scope=\"col\">角色</th><th scope=\"col\">状态</th>"
	    "<th scope=\"col\">须修改初始密码</th><th scope=\"col\">创建时间</th>"
	    "<th scope=\"col\">操作</th></tr></thead><tbody>\n");
	for (i = 0; i < l.n; i++) {
		roles_cn(l.v[i].roles, rs, sizeof(rs));
		gk_strlcpy_utf8(day, l.v[i].created_at, sizeof(day));	/* YYYY-MM-DD */
		gk_html(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td>"
		    "<td>%s</td><td>%s</td><td><a href=\"/admin/users/%lld\">编辑</a></td></tr>\n",
		    l.v[i].login, l.v[i].display_name, rs, l.v[i].active ? "在用" : "已停用",
		    !l.v[i].has_password ? "未设密码" : l.v[i].must_change ? "是" : "否",
		    day, (long long)l.v[i].id);
	}
	gk_html_raw(b, "</tbody></table>\n");

	/* The add form, with the values of a failed attempt. */
	if (f != NULL && f->n > 0) {
		for (i = 0; i < req->nargs; i++)
			if (strcmp(req->args[i].name, "role") == 0 &&
			    wf_role_from_name(req->args[i].value, &r))
				roles |= WF_ROLE_BIT(r);
	}
	gk_html_raw(b, "<h2 id=\"add\">添加用户</h2>\n");
	gkas_err_summary(b, f);
	gk_html(b, "<form method=\"post\" action=\"/admin/users?agency=%lld\">", (long long)ag);
	gk_admin_csrf_field(b, u);
	gk_html(b, "<p><label for=\"login\">登录名</label> <input id=\"login\" name=\"login\" "
	    "required maxlength=\"%d\" value=\"%s\" aria-describedby=\"login-hint\"> "
	    "<span id=\"login-hint\" class=\"hint\">字母、数字或 . _ - @，以字母或数字开头</span></p>",
	    GK_USER_LOGIN_MAX, f != NULL && f->n > 0 ? gkas_arg(req, "login") : "");
	gkas_err_show(b, f, "login");
	gk_html(b, "<p><label for=\"name\">姓名</label> <input id=\"name\" name=\"name\" required "
	    "maxlength=\"%d\" value=\"%s\"></p>", GK_USER_NAME_MAX,
	    f != NULL && f->n > 0 ? gkas_arg(req, "name") : "");
	gkas_err_show(b, f, "name");
	roles_fieldset(b, roles, f);
	gk_html_raw(b, "<p class=\"hint\">系统生成初始密码，只在添加后显示一次；用户首次登录时须修改。</p>"
	    "<p><button type=\"submit\">添加用户</button></p></form>\n");
	gk_user_list_free(&l);
	gk_agency_list_free(&al);
	return gkas_done(resp);
}

/* The page that shows a new initial password, once. */
static enum gk_err
users_password_page(struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    struct gk_web_resp *resp, const char *title, const char *login, int64_t id,
    const char *pw)
{
	struct gk_buf *b = &resp->body;

	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, 200, title, "users");
	gk_html(b, "<h1>%s</h1>\n<p>用户 <strong>%s</strong> 的初始密码：</p>\n"
	    "<p><code class=\"secret\" id=\"initial-password\">%s</code></p>\n"
	    "<p class=\"notice\">初始密码只显示这一次，请当面或通过安全渠道交给本人。"
	    "本人首次登录后须立即修改密码。</p>\n"
	    "<p><a href=\"/admin/users/%lld\">返回用户</a></p>\n", title, login, pw,
	    (long long)id);
	return gkas_done(resp);
}

static enum gk_err
users_add(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, int64_t ag, char *err,
    size_t errlen)
{
	struct gkas_errs	 f;
	const char		*login = gkas_arg(req, "login"), *name = gkas_arg(req, "name");
	char			 pw[21], serr[512];
	unsigned		 roles;
	int64_t			 id = 0;
	long			 nc;
	enum gk_err		 e;
	const char		*p;

	memset(&f, 0, sizeof(f));
	if (*login == '\0')
		gkas_err(&f, "login", "请填写登录名");
	else {
		for (p = login; *p != '\0'; p++)
			if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || (p != login && strchr("._-@", *p) != NULL)))
				break;
		if (*p != '\0' || strlen(login) > GK_USER_LOGIN_MAX)
			gkas_err(&f, "login", "登录名须为 1～%d 个字母、数字或 . _ - @，且以字母或数字开头",
			    GK_USER_LOGIN_MAX);
	}
	if ((nc = gk_text_chars(name)) <= 0 || nc > GK_USER_NAME_MAX)
		gkas_err(&f, "name", "姓名须为 1～%d 个字符，不含控制字符", GK_USER_NAME_MAX);
	roles = form_roles(req, &f);
	if (f.n > 0)
		return users_list(ctx, req, u, resp, ag, 400, &f, err, errlen);
	if (gk_user_password_generate(pw, sizeof(pw)) != GK_OK) {
		snprintf(err, errlen, "无法生成初始密码");
		return GK_EIO;
	}
	e = gk_user_add(ctx->db, u->login, ag, login, name, roles, pw, ctx->now, &id,
	    serr, sizeof(serr));
	if (e == GK_EINVAL || e == GK_ECONFLICT || e == GK_ENOTFOUND) {
		sodium_memzero(pw, sizeof(pw));
		gkas_err(&f, e == GK_ECONFLICT && strstr(serr, "登录名") != NULL ? "login" : "",
		    "%s", serr);
		return users_list(ctx, req, u, resp, ag, gkas_status(e), &f, err, errlen);
	}
	if (e != GK_OK) {
		sodium_memzero(pw, sizeof(pw));
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	e = users_password_page(ctx, u, resp, "用户已添加", login, id, pw);
	sodium_memzero(pw, sizeof(pw));
	return e;
}

/* One user's page: details, roles, deactivation, password reset. */
static enum gk_err
users_edit(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, const struct gk_user *t,
    int status, const struct gkas_errs *f)
{
	struct gk_buf	*b = &resp->body;
	struct gk_agency a;
	char		 rs[256], aerr[256], day[GK_DATE_LEN];
	unsigned	 roles = t->roles;
	enum wf_role	 r;
	size_t		 i;

	if (f != NULL && f->n > 0 && gkas_err_of(f, "role") != NULL) {
		roles = 0;
		for (i = 0; i < req->nargs; i++)
			if (strcmp(req->args[i].name, "role") == 0 &&
			    wf_role_from_name(req->args[i].value, &r))
				roles |= WF_ROLE_BIT(r);
	}
	memset(&a, 0, sizeof(a));
	(void)gk_agency_get(ctx->db, t->agency_id, &a, aerr, sizeof(aerr));
	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, status, "编辑用户", "users");
	roles_cn(t->roles, rs, sizeof(rs));
	gk_strlcpy_utf8(day, t->created_at, sizeof(day));	/* YYYY-MM-DD */
	gk_html(b, "<h1>用户 %s</h1>\n<table class=\"meta\"><tbody>"
	    "<tr><th scope=\"row\">姓名</th><td>%s</td></tr>"
	    "<tr><th scope=\"row\">机构</th><td>%s</td></tr>"
	    "<tr><th scope=\"row\">角色</th><td>%s</td></tr>"
	    "<tr><th scope=\"row\">状态</th><td>%s</td></tr>"
	    "<tr><th scope=\"row\">须修改初始密码</th><td>%s</td></tr>"
	    "<tr><th scope=\"row\">创建时间</th><td>%s</td></tr></tbody></table>\n",
	    t->login, t->display_name, a.name != NULL ? a.name : "", rs,
	    t->active ? "在用" : "已停用",
	    !t->has_password ? "未设密码" : t->must_change ? "是" : "否", day);
	gk_agency_clear(&a);
	gkas_err_summary(b, f);
	if (t->active) {
		gk_html(b, "<h2>修改姓名</h2><form method=\"post\" action=\"/admin/users/%lld/name\">",
		    (long long)t->id);
		gk_admin_csrf_field(b, u);
		gk_html(b, "<p><label for=\"name\">姓名</label> <input id=\"name\" name=\"name\" "
		    "required maxlength=\"%d\" value=\"%s\"></p>", GK_USER_NAME_MAX,
		    gkas_err_of(f, "name") != NULL ? gkas_arg(req, "name") : t->display_name);
		gkas_err_show(b, f, "name");
		gk_html_raw(b, "<p><button type=\"submit\">保存姓名</button></p></form>\n");
		gk_html(b, "<h2>修改角色</h2><form method=\"post\" action=\"/admin/users/%lld/roles\">",
		    (long long)t->id);
		gk_admin_csrf_field(b, u);
		roles_fieldset(b, roles, f);
		gk_html_raw(b, "<p><button type=\"submit\">保存角色</button></p></form>\n");
		gk_html(b, "<h2>重置密码</h2><form method=\"post\" action=\"/admin/users/%lld/reset\">",
		    (long long)t->id);
		gk_admin_csrf_field(b, u);
		gk_html_raw(b, "<p class=\"hint\">生成新的初始密码（只显示一次），用户下次登录时须修改。</p>"
		    "<p><button type=\"submit\">重置密码</button></p></form>\n");
		gk_html(b, "<h2>停用</h2><form method=\"post\" action=\"/admin/users/%lld/deactivate\">",
		    (long long)t->id);
		gk_admin_csrf_field(b, u);
		gk_html_raw(b, "<p class=\"hint\">停用后该用户不能登录，其记录保留。</p>"
		    "<p><button type=\"submit\" class=\"danger\">停用该用户</button></p></form>\n");
	}
	gk_html(b, "<p><a href=\"/admin/users?agency=%lld\">返回用户列表</a></p>\n",
	    (long long)t->agency_id);
	return gkas_done(resp);
}

enum gk_err
gkas_users(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gkas_errs	 f;
	struct gk_user		 t;
	const char		*rest = req->path + strlen("/admin/users"), *tail;
	int			 post = strcmp(req->method, "POST") == 0, rc;
	int64_t			 ag, id;
	char			 serr[512], pw[21], loc[64];
	unsigned		 roles;
	long			 nc;
	enum gk_err		 e;

	if (!GK_ADMIN_HAS(u, WF_ROLE_ADMIN))
		return gk_admin_error(resp, ctx, u, 403, "只有系统管理员可以管理用户");
	if (*rest == '\0' || strcmp(rest, "/") == 0) {
		if ((rc = gkas_scope(ctx, req, u, &ag, err, errlen)) <= 0)
			return rc < 0 ? GK_EDB : gk_admin_error(resp, ctx, u, 404, "没有这个机构");
		return post ? users_add(ctx, req, u, resp, ag, err, errlen) :
		    users_list(ctx, req, u, resp, ag, 200, NULL, err, errlen);
	}
	if ((id = gkas_id(rest + 1, &tail)) == 0)
		return GK_ENOTFOUND;
	e = gk_user_get(ctx->db, id, &t, serr, sizeof(serr));
	if (e == GK_ENOTFOUND || (e == GK_OK && !gkas_agency_visible(ctx, u, t.agency_id))) {
		if (e == GK_OK)
			gk_user_clear(&t);
		return gk_admin_error(resp, ctx, u, 404, "没有这个用户");
	}
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	memset(&f, 0, sizeof(f));
	if (*tail == '\0' && !post) {
		e = users_edit(ctx, req, u, resp, &t, 200, NULL);
		goto out;
	}
	if (!post || (strcmp(tail, "/roles") != 0 && strcmp(tail, "/reset") != 0 &&
	    strcmp(tail, "/deactivate") != 0 && strcmp(tail, "/name") != 0)) {
		e = *tail == '\0' ? gk_admin_error(resp, ctx, u, 405, "请求方法不允许") : GK_ENOTFOUND;
		goto out;
	}
	snprintf(loc, sizeof(loc), "/admin/users/%lld", (long long)t.id);
	if (strcmp(tail, "/roles") == 0) {
		if ((roles = form_roles(req, &f)) == 0) {
			e = users_edit(ctx, req, u, resp, &t, 400, &f);
			goto out;
		}
		e = gk_user_set_roles(ctx->db, u->login, t.login, roles, ctx->now, serr,
		    sizeof(serr));
	} else if (strcmp(tail, "/name") == 0) {
		if ((nc = gk_text_chars(gkas_arg(req, "name"))) <= 0 || nc > GK_USER_NAME_MAX) {
			gkas_err(&f, "name", "姓名须为 1～%d 个字符，不含控制字符", GK_USER_NAME_MAX);
			e = users_edit(ctx, req, u, resp, &t, 400, &f);
			goto out;
		}
		e = gk_user_set_name(ctx->db, u->login, t.login, gkas_arg(req, "name"), ctx->now,
		    serr, sizeof(serr));
	} else if (strcmp(tail, "/deactivate") == 0)
		e = gk_user_deactivate(ctx->db, u->login, t.login, ctx->now, serr, sizeof(serr));
	else {
		if (gk_user_password_generate(pw, sizeof(pw)) != GK_OK) {
			snprintf(err, errlen, "无法生成初始密码");
			e = GK_EIO;
			goto out;
		}
		e = gk_user_set_password(ctx->db, u->login, t.login, pw, ctx->now, serr,
		    sizeof(serr));
		if (e == GK_OK)
			e = users_password_page(ctx, u, resp, "密码已重置", t.login, t.id, pw);
		sodium_memzero(pw, sizeof(pw));
		if (e == GK_OK)
			goto out;
	}
	if (e == GK_OK)
		gk_admin_redirect(resp, loc);
	else if (e == GK_EINVAL || e == GK_ECONFLICT || e == GK_ENOTFOUND) {
		gkas_err(&f, strcmp(tail, "/roles") == 0 ? "role" : strcmp(tail, "/name") == 0 ?
		    "name" : "", "%s", serr);
		e = users_edit(ctx, req, u, resp, &t, gkas_status(e), &f);
	} else
		snprintf(err, errlen, "%s", serr);
out:
	gk_user_clear(&t);
	return e;
}
