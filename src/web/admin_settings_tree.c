/*
 * admin_settings_tree.c — /admin/categories and /admin/rules (H6;
 * docs/admin-settings.md): an agency's category tree (栏目) with add,
 * rename, move and delete (only when empty), the standard defaults; and
 * its timeliness rules (时效规则) per category, as core/timeliness.h
 * defines them (working days, 1..20, counted from the 成文日期 or, for
 * 工作动态, the event's end). Both are the agency administrator's
 * (docs/workflow.md: admin — users and settings): the store's agency
 * settings require it, and so does this screen for the tree.
 */
#include <stdio.h>
#include <string.h>

#include "core/timeliness.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "web/admin_settings.h"
#include "web/html.h"

static const char *const kind_cn[CATEGORY_KIND__MAX] = {
	"其他（20 个工作日）", "政策文件", "工作动态", "政策解读", "财政信息",
};

/* The agency's name into buf (or "" when it cannot be read). */
static void
agency_name(struct gk_web_ctx *ctx, int64_t id, char *buf, size_t n)
{
	struct gk_agency	a;
	char			err[128];

	buf[0] = '\0';
	if (gk_agency_get(ctx->db, id, &a, err, sizeof(err)) == GK_OK) {
		gk_strlcpy_utf8(buf, a.name, n);
		gk_agency_clear(&a);
	}
}

/* <option>s of every category (and the top) for a parent selector. */
static void
parent_options(struct gk_buf *b, const struct gk_category_list *l, int64_t selected,
    int64_t except)
{
	size_t i;

	gk_html(b, "<option value=\"0\"%s>（顶级）</option>", selected == 0 ? " selected" : "");
	for (i = 0; i < l->n; i++)
		if (l->v[i].id != except && l->v[i].depth < GK_CATEGORY_DEPTH_MAX - 1)
			gk_html(b, "<option value=\"%lld\"%s>%s</option>", (long long)l->v[i].id,
			    l->v[i].id == selected ? " selected" : "", l->v[i].path);
}

static enum gk_err
categories_page(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, int64_t ag, int status,
    const struct gkas_errs *f, int64_t failed_id, char *err, size_t errlen)
{
	struct gk_category_list	 l;
	struct gk_buf		*b = &resp->body;
	char			 name[256];
	int			 failed = f != NULL && f->n > 0, k;
	enum gk_err		 e;
	size_t			 i;

	if ((e = gk_category_list(ctx->db, ag, &l, err, errlen)) != GK_OK)
		return e;
	agency_name(ctx, ag, name, sizeof(name));
	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, status, "栏目管理", "categories");
	gk_html(b, "<h1>栏目管理</h1>\n<h2>%s的栏目（%zu 个）</h2>\n", name, l.n);
	if (failed && failed_id == 0)
		gkas_err_summary(b, f);
	gk_html_raw(b, "<table class=\"list tree\"><thead><tr><th scope=\"col\">栏目</th>"
	    "<th scope=\"col\">简码</th><th scope=\"col\">类型</th><th scope=\"col\">改名</th>"
	    "<th scope=\"col\">移到</th><th scope=\"col\">操作</th></tr></thead><tbody>\n");
	for (i = 0; i < l.n; i++) {
		const struct gk_category_row *c = &l.v[i];

		gk_html(b, "<tr id=\"cat-%lld\"><th scope=\"row\" class=\"depth-%d\">", (long long)c->id,
		    c->depth);
		for (k = 0; k < c->depth; k++)
			gk_html_raw(b, "　");
		gk_html(b, "%s</th><td>%s</td><td>%s</td><td>", c->name, c->code,
		    kind_cn[c->kind]);
		if (failed && failed_id == c->id)
			gkas_err_summary(b, f);
		gk_html(b, "<form method=\"post\" action=\"/admin/categories/%lld/rename?agency=%lld\">",
		    (long long)c->id, (long long)ag);
		gk_admin_csrf_field(b, u);
		gk_html(b, "<label for=\"rn-%lld\" class=\"sr\">%s的新名称</label>"
		    "<input id=\"rn-%lld\" name=\"name\" required maxlength=\"%d\" value=\"%s\"> "
		    "<button type=\"submit\">改名</button></form></td><td>", (long long)c->id, c->path,
		    (long long)c->id, CATEGORY_NAME_MAX,
		    failed && failed_id == c->id && gk_web_arg(req, "name") != NULL ?
		    gkas_arg(req, "name") : c->name);
		gk_html(b, "<form method=\"post\" action=\"/admin/categories/%lld/move?agency=%lld\">",
		    (long long)c->id, (long long)ag);
		gk_admin_csrf_field(b, u);
		gk_html(b, "<label for=\"mv-%lld\" class=\"sr\">%s的上级栏目</label>"
		    "<select id=\"mv-%lld\" name=\"parent\">", (long long)c->id, c->path,
		    (long long)c->id);
		parent_options(b, &l, c->parent_id, c->id);
		gk_html_raw(b, "</select> <button type=\"submit\">移动</button></form></td><td>");
		gk_html(b, "<form method=\"post\" action=\"/admin/categories/%lld/delete?agency=%lld\">",
		    (long long)c->id, (long long)ag);
		gk_admin_csrf_field(b, u);
		gk_html_raw(b, "<button type=\"submit\" class=\"danger\">删除</button></form></td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table>\n<p class=\"hint\">只有没有下级栏目、没有信息（含草稿）、"
	    "也没有单独时效规则的栏目可以删除。改名或移动时，该栏目及其下级的时效规则随之迁移。"
	    "默认时效规则按栏目名称认定（政策文件 5 个工作日、工作动态 3 个工作日），"
	    "改掉这两个名称后请在时效规则中单独设置。</p>\n");

	gk_html_raw(b, "<h2 id=\"add\">添加栏目</h2>\n");
	gk_html(b, "<form method=\"post\" action=\"/admin/categories?agency=%lld\">", (long long)ag);
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<p><label for=\"parent\">上级栏目</label> <select id=\"parent\" name=\"parent\">");
	parent_options(b, &l, failed && failed_id == 0 ? gkas_id(gkas_arg(req, "parent"), NULL) : 0,
	    0);
	gk_html_raw(b, "</select></p>");
	gkas_err_show(b, failed_id == 0 ? f : NULL, "parent");
	gk_html(b, "<p><label for=\"name\">名称</label> <input id=\"name\" name=\"name\" required "
	    "maxlength=\"%d\" value=\"%s\"></p>", CATEGORY_NAME_MAX,
	    failed && failed_id == 0 ? gkas_arg(req, "name") : "");
	gkas_err_show(b, failed_id == 0 ? f : NULL, "name");
	gk_html(b, "<p><label for=\"code\">简码</label> <input id=\"code\" name=\"code\" "
	    "maxlength=\"%d\" pattern=\"[a-z0-9-]+\" value=\"%s\" aria-describedby=\"code-hint\"> "
	    "<span id=\"code-hint\" class=\"hint\">可选：小写字母、数字或 -，用于索引号</span></p>",
	    CATEGORY_CODE_MAX, failed && failed_id == 0 ? gkas_arg(req, "code") : "");
	gkas_err_show(b, failed_id == 0 ? f : NULL, "code");
	gk_html_raw(b, "<p><label for=\"kind\">类型</label> <select id=\"kind\" name=\"kind\">"
	    "<option value=\"\">（同上级栏目）</option>");
	for (k = 0; k < CATEGORY_KIND__MAX; k++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>", category_kind_name((enum category_kind)k),
		    failed && failed_id == 0 && strcmp(gkas_arg(req, "kind"),
		    category_kind_name((enum category_kind)k)) == 0 ? " selected" : "", kind_cn[k]);
	gk_html_raw(b, "</select></p>");
	gkas_err_show(b, failed_id == 0 ? f : NULL, "kind");
	gk_html_raw(b, "<p><button type=\"submit\">添加栏目</button></p></form>\n");
	gk_html_raw(b, "<h2>标准栏目</h2>\n");
	gk_html(b, "<form method=\"post\" action=\"/admin/categories/defaults?agency=%lld\">",
	    (long long)ag);
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<p class=\"hint\">补齐标准栏目树（机构职能、政策文件及其下级、政策解读、工作动态、"
	    "财政信息及其下级、招商引资、办事指南、其他）中缺少的栏目，已有的不变。</p>"
	    "<p><button type=\"submit\">补齐标准栏目</button></p></form>\n");
	gk_category_list_free(&l);
	return gkas_done(resp);
}

/* 1 when id is a category of agency ag. */
static int
category_of(struct gk_web_ctx *ctx, int64_t ag, int64_t id, char *err, size_t errlen)
{
	struct gk_category_list	l;
	size_t			i;
	int			found = 0;

	if (gk_category_list(ctx->db, ag, &l, err, errlen) != GK_OK)
		return -1;
	for (i = 0; i < l.n; i++)
		if (l.v[i].id == id)
			found = 1;
	gk_category_list_free(&l);
	return found;
}

/*
 * After the store call of a POST gave e (serr its message): 1 when that
 * answers the request (e GK_OK: redirected to loc; any e but GK_EINVAL,
 * GK_ECONFLICT and, when notfound_form, GK_ENOTFOUND: serr copied to err),
 * the caller returns e; 0 when serr belongs on the form.
 */
static int
post_settled(struct gk_web_resp *resp, const char *loc, enum gk_err e, int notfound_form,
    const char *serr, char *err, size_t errlen)
{
	if (e == GK_OK) {
		gk_admin_redirect(resp, loc);
		return 1;
	}
	if (e != GK_EINVAL && e != GK_ECONFLICT && (!notfound_form || e != GK_ENOTFOUND)) {
		snprintf(err, errlen, "%s", serr);
		return 1;
	}
	return 0;
}

enum gk_err
gkas_categories(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gkas_errs	 f;
	const char		*rest = req->path + strlen("/admin/categories"), *tail, *end;
	const char		*ps;
	char			 serr[512], loc[96];
	int64_t			 ag, id = 0, parent = 0;
	int			 rc, post = strcmp(req->method, "POST") == 0;
	enum gk_err		 e;

	if (!GK_ADMIN_HAS(u, WF_ROLE_ADMIN))
		return gk_admin_error(resp, ctx, u, 403, "只有本机构的系统管理员可以管理栏目");
	if ((rc = gkas_scope(ctx, req, u, &ag, err, errlen)) <= 0)
		return rc < 0 ? GK_EDB : gk_admin_error(resp, ctx, u, 404, "没有这个机构");
	memset(&f, 0, sizeof(f));
	snprintf(loc, sizeof(loc), "/admin/categories?agency=%lld", (long long)ag);
	if (*rest == '\0' || strcmp(rest, "/") == 0) {
		if (!post)
			return categories_page(ctx, req, u, resp, ag, 200, NULL, 0, err, errlen);
		ps = gkas_arg(req, "parent");
		if (*ps != '\0' && strcmp(ps, "0") != 0 &&
		    ((parent = gkas_id(ps, &end)) == 0 || *end != '\0'))
			gkas_err(&f, "parent", "上级栏目无效");
		if (*gkas_arg(req, "name") == '\0')
			gkas_err(&f, "name", "请填写栏目名称");
		if (f.n > 0)
			return categories_page(ctx, req, u, resp, ag, 400, &f, 0, err, errlen);
		e = gk_category_add_ex(ctx->db, u->login, ag, parent, gkas_arg(req, "name"),
		    gkas_arg(req, "code"), gkas_arg(req, "kind"), ctx->now, NULL, serr,
		    sizeof(serr));
		if (post_settled(resp, loc, e, 1, serr, err, errlen))
			return e;
		gkas_err(&f, strstr(serr, "简码") != NULL ? "code" : strstr(serr, "类型") != NULL ?
		    "kind" : strstr(serr, "上级") != NULL ? "parent" : "name", "%s", serr);
		return categories_page(ctx, req, u, resp, ag, gkas_status(e) == 404 ? 400 :
		    gkas_status(e), &f, 0, err, errlen);
	}
	if (strcmp(rest, "/defaults") == 0) {
		if (!post)
			return gk_admin_error(resp, ctx, u, 405, "请求方法不允许");
		if ((e = gk_category_seed_defaults(ctx->db, ag, u->login, ctx->now, serr,
		    sizeof(serr))) != GK_OK) {
			snprintf(err, errlen, "%s", serr);
			return e;
		}
		gk_admin_redirect(resp, loc);
		return GK_OK;
	}
	if ((id = gkas_id(rest + 1, &tail)) == 0)
		return GK_ENOTFOUND;
	if ((rc = category_of(ctx, ag, id, err, errlen)) <= 0)
		return rc < 0 ? GK_EDB : gk_admin_error(resp, ctx, u, 404, "没有这个栏目");
	if (!post)
		return *tail == '\0' ? categories_page(ctx, req, u, resp, ag, 200, NULL, 0, err,
		    errlen) : GK_ENOTFOUND;
	if (strcmp(tail, "/rename") == 0)
		e = gk_category_rename(ctx->db, u->login, ag, id, gkas_arg(req, "name"), ctx->now,
		    serr, sizeof(serr));
	else if (strcmp(tail, "/move") == 0) {
		ps = gkas_arg(req, "parent");
		if (strcmp(ps, "0") != 0 && ((parent = gkas_id(ps, &end)) == 0 || *end != '\0')) {
			gkas_err(&f, "parent", "上级栏目无效");
			return categories_page(ctx, req, u, resp, ag, 400, &f, id, err, errlen);
		}
		e = gk_category_move(ctx->db, u->login, ag, id, parent, ctx->now, serr,
		    sizeof(serr));
	} else if (strcmp(tail, "/delete") == 0)
		e = gk_category_delete(ctx->db, u->login, ag, id, ctx->now, serr, sizeof(serr));
	else
		return GK_ENOTFOUND;
	if (post_settled(resp, loc, e, 1, serr, err, errlen))
		return e;
	gkas_err(&f, "", "%s", serr);
	return categories_page(ctx, req, u, resp, ag, e == GK_ECONFLICT ? 409 : 400, &f, id, err,
	    errlen);
}

/* ---- timeliness rules ---- */

static enum gk_err
rules_page(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, int64_t ag, int status,
    const struct gkas_errs *f, char *err, size_t errlen)
{
	struct gk_category_list		 l;
	struct gk_agency_settings	 s;
	struct timeliness_rules		 r;
	const struct timeliness_rule	*x;
	struct gk_buf			*b = &resp->body;
	char				 name[256], key[GK_AGENCY_SETTING_MAX + 1];
	const char			*own;
	enum gk_err			 e;
	size_t				 i, j;
	int				 k;

	if ((e = gk_category_list(ctx->db, ag, &l, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_agency_setting_list(ctx->db, ag, &s, err, errlen)) != GK_OK) {
		gk_category_list_free(&l);
		return e;
	}
	if ((e = gk_agency_timeliness_rules(ctx->db, ag, &r, err, errlen)) != GK_OK) {
		gk_category_list_free(&l);
		gk_agency_settings_free(&s);
		return e;
	}
	agency_name(ctx, ag, name, sizeof(name));
	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, status, "时效规则", "rules");
	gk_html(b, "<h1>时效规则</h1>\n<h2>%s</h2>\n<p class=\"hint\">主动公开信息应在规定的工作日内公开"
	    "（日期按工作日历计算，不含起算当日）。默认：政策文件及其下级 5 个工作日（自成文日期起），"
	    "工作动态 3 个工作日（自活动结束之日起），其他 20 个工作日（条例第二十六条，也是上限）。"
	    "本机构可为某个栏目单独设置 1～20 个工作日，起算日与该栏目的默认规则相同；留空即恢复默认。</p>\n",
	    name);
	gkas_err_summary(b, f);
	gk_html_raw(b, "<table class=\"list\"><thead><tr><th scope=\"col\">栏目</th>"
	    "<th scope=\"col\">时限</th><th scope=\"col\">起算日</th><th scope=\"col\">来源</th>"
	    "<th scope=\"col\">单独设置（工作日）</th></tr></thead><tbody>\n");
	for (i = 0; i < l.n; i++) {
		const struct gk_category_row *c = &l.v[i];
		int this_failed = f != NULL && f->n > 0 && strcmp(gkas_arg(req, "path"), c->path) == 0;

		snprintf(key, sizeof(key), "%s%s", GK_AGENCY_SETTING_TIMELINESS, c->path);
		own = NULL;
		for (j = 0; j < s.n; j++)
			if (strcmp(s.key[j], key) == 0)
				own = s.value[j];
		x = timeliness_rule_for(&r, c->path);
		gk_html(b, "<tr><th scope=\"row\">");
		for (k = 0; k < c->depth; k++)
			gk_html_raw(b, "　");
		gk_html(b, "%s</th><td>%d 个工作日</td><td>%s</td><td>%s</td><td>", c->name, x->days,
		    x->base == TIMELINESS_FROM_EVENT_END ? "活动结束之日" : "成文（形成、变更）之日",
		    own != NULL ? "本机构设置" : "默认");
		gk_html(b, "<form method=\"post\" action=\"/admin/rules?agency=%lld\">", (long long)ag);
		gk_admin_csrf_field(b, u);
		gk_html(b, "<input type=\"hidden\" name=\"path\" value=\"%s\">"
		    "<label for=\"d-%lld\" class=\"sr\">%s的工作日数</label>"
		    "<input id=\"d-%lld\" name=\"days\" inputmode=\"numeric\" size=\"3\" maxlength=\"2\" "
		    "value=\"%s\"> <button type=\"submit\">保存</button></form>", c->path,
		    (long long)c->id, c->path, (long long)c->id,
		    this_failed ? gkas_arg(req, "days") : own != NULL ? own : "");
		if (this_failed)
			gkas_err_show(b, f, "days");
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table>\n");
	gk_category_list_free(&l);
	gk_agency_settings_free(&s);
	return gkas_done(resp);
}

enum gk_err
gkas_rules(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gkas_errs	 f;
	const char		*rest = req->path + strlen("/admin/rules");
	const char		*path, *days;
	char			 serr[512], key[GK_AGENCY_SETTING_MAX + 64], old[64], loc[96];
	int64_t			 ag, cat;
	int			 rc, n;
	enum gk_err		 e;

	if (!GK_ADMIN_HAS(u, WF_ROLE_ADMIN))
		return gk_admin_error(resp, ctx, u, 403, "只有本机构的系统管理员可以设置时效规则");
	if (*rest != '\0' && strcmp(rest, "/") != 0)
		return GK_ENOTFOUND;
	if ((rc = gkas_scope(ctx, req, u, &ag, err, errlen)) <= 0)
		return rc < 0 ? GK_EDB : gk_admin_error(resp, ctx, u, 404, "没有这个机构");
	if (strcmp(req->method, "POST") != 0)
		return rules_page(ctx, req, u, resp, ag, 200, NULL, err, errlen);
	memset(&f, 0, sizeof(f));
	path = gkas_arg(req, "path");
	days = gkas_arg(req, "days");
	if (gk_category_lookup(ctx->db, ag, path, &cat, serr, sizeof(serr)) != GK_OK)
		return gk_admin_error(resp, ctx, u, 404, "没有这个栏目");
	n = 0;
	if (*days != '\0') {
		if (strlen(days) <= 2 && days[0] >= '1' && days[0] <= '9')
			n = days[1] == '\0' ? days[0] - '0' : days[1] >= '0' && days[1] <= '9' ?
			    (days[0] - '0') * 10 + (days[1] - '0') : 0;
		if (n < 1 || n > TIMELINESS_STATUTORY_DAYS)
			gkas_err(&f, "days", "时限须为 1～%d 的整数（条例第二十六条规定不超过 %d 个工作日）",
			    TIMELINESS_STATUTORY_DAYS, TIMELINESS_STATUTORY_DAYS);
	}
	if (f.n > 0)
		return rules_page(ctx, req, u, resp, ag, 400, &f, err, errlen);
	snprintf(key, sizeof(key), "%s%s", GK_AGENCY_SETTING_TIMELINESS, path);
	snprintf(loc, sizeof(loc), "/admin/rules?agency=%lld", (long long)ag);
	e = gk_agency_setting_get(ctx->db, ag, key, old, sizeof(old), serr, sizeof(serr));
	if (e == GK_ENOTFOUND && *days == '\0') {
		gk_admin_redirect(resp, loc);	/* already the default */
		return GK_OK;
	}
	if (e != GK_OK && e != GK_ENOTFOUND) {
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	if (e == GK_OK && strcmp(old, days) == 0) {
		gk_admin_redirect(resp, loc);
		return GK_OK;
	}
	e = gk_agency_setting_set(ctx->db, u->login, ag, key, *days != '\0' ? days : NULL,
	    ctx->now, serr, sizeof(serr));
	if (post_settled(resp, loc, e, 0, serr, err, errlen))
		return e;
	gkas_err(&f, "days", "%s", serr);
	return rules_page(ctx, req, u, resp, ag, gkas_status(e), &f, err, errlen);
}
