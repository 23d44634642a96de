/*
 * admin_settings_agency.c — /admin/agencies (H6; docs/admin-settings.md):
 * the agencies an administrator looks after (a platform administrator —
 * 系统管理员 of a top-level agency — sees and adds every agency), each
 * agency's contact details (联系机构, 地址, 办公时间, 电话…) and its
 * settings (索引号 pattern, the answer period and fee settings of
 * applications), and the platform's site settings (footer facts) at
 * /admin/agencies/site, for platform administrators only. An agency's own
 * page is for its administrators and its parent's (the store's rule);
 * another's is 404 even to a platform administrator.
 */
#include <stdio.h>
#include <string.h>

#include "core/indexno.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/category.h"
#include "store/site.h"
#include "web/admin_settings.h"
#include "web/html.h"

/* The agency settings the screen edits, with their labels and hints. */
static const struct {
	const char	*key;
	const char	*label;
	const char	*hint;
} agency_settings[] = {
	{ GK_AGENCY_SETTING_INDEXNO, "索引号格式", "如 {code}/{year}-{seq:5}；留空为默认" },
	{ GK_APPLY_SETTING_ANSWER_DAYS, "依申请公开答复期限（工作日）",
	    "1～20；留空为条例第三十三条的 20 个工作日" },
	{ GK_APPLY_SETTING_FEE_PAUSES, "收费通知至缴费期间是否停止计时",
	    "1 停止计时（默认）或 0 照常计时" },
	{ GK_APPLY_SETTING_REVIEW_BODY, "行政复议机关", "答复书中写明；留空为上级机构" },
	{ GK_APPLY_SETTING_LETTER_PREFIX, "答复书机关代字", "文号〔年份〕前的代字；留空为无" },
	{ GK_FEE_SETTING_BAND_SIZE, "信息处理费按件计收：每档件数", "1～1000，默认 10" },
	{ GK_FEE_SETTING_BAND_RAISE, "信息处理费按件计收：每档加收（分）", "0～1000000，默认 10000" },
	{ GK_FEE_SETTING_COPY_FORM, "按量计收仅限纸质、电子邮件或复制数据", "1 是（默认）或 0 否" },
};
#define NSETTINGS (sizeof(agency_settings) / sizeof(agency_settings[0]))

/* Form field names of the contact details, their labels and the input type. */
static const struct {
	const char	*field;
	const char	*label;
	const char	*type;
} contact_fields[] = {
	{ "office", "政府信息公开工作机构（联系机构）", "text" },
	{ "address", "地址", "text" },
	{ "postcode", "邮政编码", "text" },
	{ "phone", "联系电话", "tel" },
	{ "fax", "传真", "tel" },
	{ "email", "电子邮箱", "email" },
	{ "hours", "办公时间", "text" },
};
#define NCONTACT (sizeof(contact_fields) / sizeof(contact_fields[0]))

_Static_assert(NCONTACT == GK_AGENCY_NCONTACT, "one form field a contact field");

static const char *const levels[] = { "", "国家级", "省级", "市级", "县级", "乡级" };

/* The list of agencies and (platform administrators) the form to add one. */
static enum gk_err
agencies_list(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, int status,
    const struct gkas_errs *f, char *err, size_t errlen)
{
	struct gk_agency_list	 l;
	struct gk_buf		*b = &resp->body;
	int			 padmin = gkas_platform_admin(ctx, u), failed = f != NULL && f->n > 0;
	const char		*pname;
	enum gk_err		 e;
	size_t			 i, j;

	if ((e = gk_agency_list(ctx->db, &l, err, errlen)) != GK_OK)
		return e;
	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, status, "机构管理", "agencies");
	gk_html_raw(b, "<h1>机构管理</h1>\n");
	if (padmin)
		gk_html_raw(b, "<p><a href=\"/admin/agencies/site\">平台设置（页头页脚信息）</a></p>\n");
	gk_html_raw(b, "<table class=\"list\"><thead><tr><th scope=\"col\">编号</th>"
	    "<th scope=\"col\">名称</th><th scope=\"col\">统一社会信用代码</th>"
	    "<th scope=\"col\">级别</th><th scope=\"col\">上级机构</th><th scope=\"col\">联系电话</th>"
	    "<th scope=\"col\">操作</th></tr></thead><tbody>\n");
	for (i = 0; i < l.n; i++) {
		if (!padmin && l.v[i].id != u->agency_id && l.v[i].parent_id != u->agency_id)
			continue;
		pname = "";
		for (j = 0; j < l.n; j++)
			if (l.v[j].id == l.v[i].parent_id)
				pname = l.v[j].name;
		gk_html(b, "<tr><td>%lld</td><th scope=\"row\">%s</th><td>%s</td><td>%s</td>"
		    "<td>%s</td><td>%s</td><td>", (long long)l.v[i].id, l.v[i].name, l.v[i].uscc,
		    l.v[i].level, pname, l.v[i].phone != NULL ? l.v[i].phone : "");
		/* Each agency is edited by its own administrators or its parent's. */
		if (l.v[i].id == u->agency_id || l.v[i].parent_id == u->agency_id)
			gk_html(b, "<a href=\"/admin/agencies/%lld\">编辑</a>", (long long)l.v[i].id);
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table>\n");
	if (padmin) {
		gk_html_raw(b, "<h2 id=\"add\">添加机构</h2>\n");
		gkas_err_summary(b, f);
		gk_html_raw(b, "<form method=\"post\" action=\"/admin/agencies\">");
		gk_admin_csrf_field(b, u);
		gk_html(b, "<p><label for=\"name\">机构名称</label> <input id=\"name\" name=\"name\" "
		    "required maxlength=\"200\" value=\"%s\"></p>", failed ? gkas_arg(req, "name") : "");
		gkas_err_show(b, f, "name");
		gk_html(b, "<p><label for=\"uscc\">统一社会信用代码</label> <input id=\"uscc\" "
		    "name=\"uscc\" required maxlength=\"18\" value=\"%s\"></p>",
		    failed ? gkas_arg(req, "uscc") : "");
		gkas_err_show(b, f, "uscc");
		gk_html_raw(b, "<p><label for=\"parent\">上级机构</label> <select id=\"parent\" "
		    "name=\"parent\"><option value=\"0\">（无：顶级机构）</option>");
		for (i = 0; i < l.n; i++)
			gk_html(b, "<option value=\"%lld\"%s>%s</option>", (long long)l.v[i].id,
			    failed && gkas_id(gkas_arg(req, "parent"), NULL) == l.v[i].id ?
			    " selected" : "", l.v[i].name);
		gk_html_raw(b, "</select></p>");
		gkas_err_show(b, f, "parent");
		gk_html_raw(b, "<p><label for=\"level\">级别</label> <select id=\"level\" name=\"level\">");
		for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
			gk_html(b, "<option value=\"%s\"%s>%s</option>", levels[i],
			    failed && strcmp(gkas_arg(req, "level"), levels[i]) == 0 ? " selected" : "",
			    levels[i][0] != '\0' ? levels[i] : "（未指定）");
		gk_html_raw(b, "</select></p>");
		gkas_err_show(b, f, "level");
		gk_html_raw(b, "<p class=\"hint\">新机构自动获得标准栏目（可在栏目管理中调整）。</p>"
		    "<p><button type=\"submit\">添加机构</button></p></form>\n");
	}
	gk_agency_list_free(&l);
	return gkas_done(resp);
}

static enum gk_err
agencies_add(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gkas_errs	 f;
	const char		*name = gkas_arg(req, "name"), *uscc = gkas_arg(req, "uscc");
	const char		*ps = gkas_arg(req, "parent"), *level = gkas_arg(req, "level"), *end;
	char			 serr[512], loc[64];
	int64_t			 parent = 0, id = 0;
	long			 nc;
	enum gk_err		 e;

	memset(&f, 0, sizeof(f));
	if ((nc = gk_text_chars(name)) <= 0 || nc > 200)
		gkas_err(&f, "name", "机构名称须为 1～200 个字符，不含控制字符");
	if (!gk_uscc_valid(uscc, serr, sizeof(serr)))
		gkas_err(&f, "uscc", "%s", serr);
	if (strcmp(ps, "0") != 0 && *ps != '\0' &&
	    ((parent = gkas_id(ps, &end)) == 0 || *end != '\0'))
		gkas_err(&f, "parent", "上级机构无效");
	if (!gk_agency_level_valid(level))
		gkas_err(&f, "level", "未知的机构级别（可用：国家级、省级、市级、县级、乡级）");
	if (f.n > 0)
		return agencies_list(ctx, req, u, resp, 400, &f, err, errlen);
	e = gk_agency_add(ctx->db, u->login, name, uscc, parent, level, ctx->now, &id, serr,
	    sizeof(serr));
	if (e == GK_OK)
		e = gk_category_seed_defaults(ctx->db, id, u->login, ctx->now, serr, sizeof(serr));
	if (e == GK_EINVAL || e == GK_ECONFLICT || e == GK_ENOTFOUND) {
		gkas_err(&f, e == GK_ECONFLICT ? "uscc" : e == GK_ENOTFOUND ? "parent" : "",
		    "%s", serr);
		return agencies_list(ctx, req, u, resp, gkas_status(e), &f, err, errlen);
	}
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	snprintf(loc, sizeof(loc), "/admin/agencies/%lld", (long long)id);
	gk_admin_redirect(resp, loc);
	return GK_OK;
}

/* One agency: its contact details and settings, each a form. */
static enum gk_err
agency_edit(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, const struct gk_agency *a,
    int status, const char *which, const struct gkas_errs *f, char *err, size_t errlen)
{
	struct gk_buf	*b = &resp->body;
	char		 val[GK_AGENCY_SETTING_MAX + 1], serr[256];
	const char	*v;
	int		 failed = f != NULL && f->n > 0;
	size_t		 i;
	enum gk_err	 e;

	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, status, "机构设置", "agencies");
	gk_html(b, "<h1>%s</h1>\n<p>统一社会信用代码 %s · 级别 %s · 编号 %lld</p>\n", a->name,
	    a->uscc, a->level[0] != '\0' ? a->level : "未指定", (long long)a->id);
	gk_html(b, "<p><a href=\"/admin/users?agency=%lld\">用户</a> · "
	    "<a href=\"/admin/categories?agency=%lld\">栏目</a> · "
	    "<a href=\"/admin/rules?agency=%lld\">时效规则</a></p>\n",
	    (long long)a->id, (long long)a->id, (long long)a->id);

	gk_html_raw(b, "<h2 id=\"details\">基本信息</h2>\n");
	if (strcmp(which, "details") == 0)
		gkas_err_summary(b, f);
	gk_html(b, "<form method=\"post\" action=\"/admin/agencies/%lld/details\">", (long long)a->id);
	gk_admin_csrf_field(b, u);
	gk_html(b, "<p><label for=\"d-name\">机构名称</label> <input id=\"d-name\" name=\"name\" "
	    "required maxlength=\"200\" value=\"%s\"></p>",
	    failed && strcmp(which, "details") == 0 ? gkas_arg(req, "name") : a->name);
	if (strcmp(which, "details") == 0)
		gkas_err_show(b, f, "name");
	gk_html_raw(b, "<p><label for=\"d-level\">级别</label> <select id=\"d-level\" name=\"level\">");
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>", levels[i],
		    strcmp(failed && strcmp(which, "details") == 0 ? gkas_arg(req, "level") :
		    a->level, levels[i]) == 0 ? " selected" : "",
		    levels[i][0] != '\0' ? levels[i] : "（未指定）");
	gk_html_raw(b, "</select></p>");
	if (strcmp(which, "details") == 0)
		gkas_err_show(b, f, "level");
	gk_html_raw(b, "<p class=\"hint\">统一社会信用代码和上级机构不能在此修改。</p>"
	    "<p><button type=\"submit\">保存基本信息</button></p></form>\n");

	gk_html_raw(b, "<h2 id=\"contact\">联系方式</h2>\n<p class=\"hint\">用于公开指南和依申请公开答复书"
	    "（告知书）中的联系机构、地址和电话。</p>\n");
	if (strcmp(which, "contact") == 0)
		gkas_err_summary(b, f);
	gk_html(b, "<form method=\"post\" action=\"/admin/agencies/%lld/contact\">", (long long)a->id);
	gk_admin_csrf_field(b, u);
	for (i = 0; i < NCONTACT; i++) {
		v = failed && strcmp(which, "contact") == 0 ?
		    gkas_arg(req, contact_fields[i].field) : gk_agency_contact_field(a, i, NULL);
		gk_html(b, "<p><label for=\"c-%s\">%s</label> <input id=\"c-%s\" name=\"%s\" "
		    "type=\"%s\" maxlength=\"%d\" value=\"%s\"></p>", contact_fields[i].field,
		    contact_fields[i].label, contact_fields[i].field, contact_fields[i].field,
		    contact_fields[i].type, GK_AGENCY_CONTACT_MAX, v);
		if (strcmp(which, "contact") == 0)
			gkas_err_show(b, f, contact_fields[i].field);
	}
	gk_html_raw(b, "<p><button type=\"submit\">保存联系方式</button></p></form>\n");

	gk_html_raw(b, "<h2 id=\"settings\">机构设置</h2>\n");
	if (strcmp(which, "settings") == 0)
		gkas_err_summary(b, f);
	gk_html(b, "<form method=\"post\" action=\"/admin/agencies/%lld/settings\">",
	    (long long)a->id);
	gk_admin_csrf_field(b, u);
	for (i = 0; i < NSETTINGS; i++) {
		if (failed && strcmp(which, "settings") == 0)
			v = gkas_arg(req, agency_settings[i].key);
		else {
			e = gk_agency_setting_get(ctx->db, a->id, agency_settings[i].key, val,
			    sizeof(val), serr, sizeof(serr));
			if (e != GK_OK && e != GK_ENOTFOUND) {
				snprintf(err, errlen, "%s", serr);
				return e;
			}
			v = e == GK_OK ? val : "";
		}
		gk_html(b, "<p><label for=\"s-%zu\">%s</label> <input id=\"s-%zu\" name=\"%s\" "
		    "maxlength=\"%d\" value=\"%s\" aria-describedby=\"h-%zu\"> "
		    "<span id=\"h-%zu\" class=\"hint\">%s</span></p>", i, agency_settings[i].label, i,
		    agency_settings[i].key, GK_AGENCY_SETTING_MAX, v, i, i, agency_settings[i].hint);
		if (strcmp(which, "settings") == 0)
			gkas_err_show(b, f, agency_settings[i].key);
	}
	gk_html_raw(b, "<p><button type=\"submit\">保存机构设置</button></p></form>\n"
	    "<p><a href=\"/admin/agencies\">返回机构列表</a></p>\n");
	return gkas_done(resp);
}

/*
 * The end of a POST on agency a: 303 back to its page when e is GK_OK; the
 * page again with the store's message serr (next to field, "" for the
 * form) on a refusal; otherwise the error for a 500.
 */
static enum gk_err
agency_posted(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, const struct gk_agency *a,
    enum gk_err e, const char *serr, const char *which, const char *field, char *err,
    size_t errlen)
{
	struct gkas_errs	f;
	char			loc[64];

	if (e == GK_OK) {
		snprintf(loc, sizeof(loc), "/admin/agencies/%lld", (long long)a->id);
		gk_admin_redirect(resp, loc);
		return GK_OK;
	}
	if (e != GK_EINVAL && e != GK_ECONFLICT) {
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	memset(&f, 0, sizeof(f));
	gkas_err(&f, field, "%s", serr);
	return agency_edit(ctx, req, u, resp, a, gkas_status(e), which, &f, err, errlen);
}

/* The member of c for contact field i. */
static const char **
contact_slot(struct gk_agency_contact *c, size_t i)
{
	switch (i) {
	case 0: return &c->office;
	case 1: return &c->address;
	case 2: return &c->postcode;
	case 3: return &c->phone;
	case 4: return &c->fax;
	case 5: return &c->email;
	default: return &c->hours;
	}
}

static enum gk_err
agency_post_contact(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, const struct gk_agency *a,
    char *err, size_t errlen)
{
	struct gk_agency_contact	 c, one;
	struct gkas_errs		 f;
	const char			*v;
	char				 serr[512];
	enum gk_err			 e;
	size_t				 i;

	memset(&c, 0, sizeof(c));
	memset(&f, 0, sizeof(f));
	for (i = 0; i < NCONTACT; i++) {
		v = gkas_arg(req, contact_fields[i].field);
		*contact_slot(&c, i) = v;
		/* Each field on its own, so the message lands next to it. */
		memset(&one, 0, sizeof(one));
		*contact_slot(&one, i) = v;
		if (gk_agency_contact_check(&one, serr, sizeof(serr)) != GK_OK)
			gkas_err(&f, contact_fields[i].field, "%s", serr);
	}
	if (f.n > 0)
		return agency_edit(ctx, req, u, resp, a, 400, "contact", &f, err, errlen);
	e = gk_agency_contact_set(ctx->db, u->login, a->id, &c, ctx->now, serr, sizeof(serr));
	return agency_posted(ctx, req, u, resp, a, e, serr, "contact", "", err, errlen);
}

static enum gk_err
agency_post_details(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, const struct gk_agency *a,
    char *err, size_t errlen)
{
	struct gkas_errs	 f;
	const char		*name = gkas_arg(req, "name"), *level = gkas_arg(req, "level");
	char			 serr[512];
	long			 nc;
	enum gk_err		 e;

	memset(&f, 0, sizeof(f));
	if ((nc = gk_text_chars(name)) <= 0 || nc > 200)
		gkas_err(&f, "name", "机构名称须为 1～200 个字符，不含控制字符");
	if (!gk_agency_level_valid(level))
		gkas_err(&f, "level", "未知的机构级别（可用：国家级、省级、市级、县级、乡级）");
	if (f.n > 0)
		return agency_edit(ctx, req, u, resp, a, 400, "details", &f, err, errlen);
	e = gk_agency_update(ctx->db, u->login, a->id, name, level, ctx->now, serr, sizeof(serr));
	return agency_posted(ctx, req, u, resp, a, e, serr, "details", "", err, errlen);
}

/* Pure check of one setting's value (the store's own checks, no database). */
static enum gk_err
setting_check(const char *key, const char *value, char *err, size_t errlen)
{
	enum gk_err e = GK_OK;

	if (strlen(value) > GK_AGENCY_SETTING_MAX || gk_text_chars(value) < 0) {
		snprintf(err, errlen, "值过长或含控制字符");
		return GK_EINVAL;
	}
	if (strcmp(key, GK_AGENCY_SETTING_INDEXNO) == 0)
		return indexno_pattern_check(value, err, errlen);
	if (gk_apply_setting_check(key, value, &e, err, errlen))
		return e;
	return GK_OK;
}

static enum gk_err
agency_post_settings(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, const struct gk_agency *a,
    char *err, size_t errlen)
{
	struct gkas_errs	 f;
	char			 serr[512], old[GK_AGENCY_SETTING_MAX + 1];
	const char		*v;
	enum gk_err		 e;
	size_t			 i;
	int			 had;

	memset(&f, 0, sizeof(f));
	/* Every value first, so a bad one leaves all of them unwritten. */
	for (i = 0; i < NSETTINGS; i++) {
		v = gkas_arg(req, agency_settings[i].key);
		if (*v != '\0' && setting_check(agency_settings[i].key, v, serr,
		    sizeof(serr)) != GK_OK)
			gkas_err(&f, agency_settings[i].key, "%s：%s", agency_settings[i].label, serr);
	}
	if (f.n > 0)
		return agency_edit(ctx, req, u, resp, a, 400, "settings", &f, err, errlen);
	for (i = 0; i < NSETTINGS; i++) {
		v = gkas_arg(req, agency_settings[i].key);
		e = gk_agency_setting_get(ctx->db, a->id, agency_settings[i].key, old,
		    sizeof(old), serr, sizeof(serr));
		if (e != GK_OK && e != GK_ENOTFOUND)
			break;
		had = e == GK_OK;
		e = GK_OK;
		if ((had && strcmp(old, v) == 0) || (!had && *v == '\0'))
			continue;
		if ((e = gk_agency_setting_set(ctx->db, u->login, a->id, agency_settings[i].key,
		    *v != '\0' ? v : NULL, ctx->now, serr, sizeof(serr))) != GK_OK)
			break;
	}
	return agency_posted(ctx, req, u, resp, a, e, serr, "settings",
	    i < NSETTINGS ? agency_settings[i].key : "", err, errlen);
}

/* /admin/agencies/site: the platform's header and footer facts. */
static enum gk_err
site_screen(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gkas_errs	 f;
	struct gk_site		 s;
	struct gk_buf		*b;
	char			 serr[512];
	const char		*v;
	size_t			 i, n;
	int			 post = strcmp(req->method, "POST") == 0, status = 200;
	enum gk_err		 e = GK_OK;

	if (!gkas_platform_admin(ctx, u))
		return gk_admin_error(resp, ctx, u, 403, "只有平台的系统管理员可以修改平台设置");
	memset(&f, 0, sizeof(f));
	if (post) {
		for (i = 0; i < gk_site_nkeys; i++)
			if (gk_site_check(gk_site_keys[i], gkas_arg(req, gk_site_keys[i]), serr,
			    sizeof(serr)) != GK_OK)
				gkas_err(&f, gk_site_keys[i], "%s", serr);
		for (i = 0; f.n == 0 && i < gk_site_nkeys; i++)
			if ((e = gk_site_set(ctx->db, u->login, gk_site_keys[i],
			    gkas_arg(req, gk_site_keys[i]), ctx->now, serr, sizeof(serr))) != GK_OK)
				break;
		if (f.n == 0 && e == GK_OK) {
			gk_admin_redirect(resp, "/admin/agencies/site");
			return GK_OK;
		}
		if (e != GK_OK && e != GK_EINVAL && e != GK_ECONFLICT) {
			snprintf(err, errlen, "%s", serr);
			return e;
		}
		if (e != GK_OK)
			gkas_err(&f, "", "%s", serr);
		status = e == GK_ECONFLICT ? 409 : 400;
	}
	if ((e = gk_site_load(ctx->db, &s, serr, sizeof(serr))) != GK_OK) {
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	gkas_page(resp, ctx, u, status, "平台设置", "agencies");
	b = &resp->body;
	gk_html_raw(b, "<h1>平台设置</h1>\n<p class=\"hint\">门户每页页头和页脚显示的信息"
	    "（主办单位、网站标识码、ICP备案号等）。保存后门户页面随即更新。</p>\n");
	gkas_err_summary(b, &f);
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/agencies/site\">");
	gk_admin_csrf_field(b, u);
	for (i = 0; i < gk_site_nkeys; i++) {
		v = f.n > 0 ? gkas_arg(req, gk_site_keys[i]) :
		    gk_site_field(&s, gk_site_keys[i], &n);
		gk_html(b, "<p><label for=\"site-%s\">%s</label> <input id=\"site-%s\" name=\"%s\" "
		    "value=\"%s\"></p>", gk_site_keys[i], gk_site_labels[i], gk_site_keys[i],
		    gk_site_keys[i], v != NULL ? v : "");
		gkas_err_show(b, &f, gk_site_keys[i]);
	}
	gk_html_raw(b, "<p><button type=\"submit\">保存平台设置</button></p></form>\n"
	    "<p><a href=\"/admin/agencies\">返回机构列表</a></p>\n");
	return gkas_done(resp);
}

enum gk_err
gkas_agencies(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_agency	 a;
	const char		*rest = req->path + strlen("/admin/agencies"), *tail;
	int			 post = strcmp(req->method, "POST") == 0;
	int64_t			 id;
	char			 serr[512];
	enum gk_err		 e;

	if (!GK_ADMIN_HAS(u, WF_ROLE_ADMIN))
		return gk_admin_error(resp, ctx, u, 403, "只有系统管理员可以管理机构");
	if (*rest == '\0' || strcmp(rest, "/") == 0) {
		if (!post)
			return agencies_list(ctx, req, u, resp, 200, NULL, err, errlen);
		if (!gkas_platform_admin(ctx, u))
			return gk_admin_error(resp, ctx, u, 403, "只有平台的系统管理员可以添加机构");
		return agencies_add(ctx, req, u, resp, err, errlen);
	}
	if (strcmp(rest, "/site") == 0)
		return site_screen(ctx, req, u, resp, err, errlen);
	if ((id = gkas_id(rest + 1, &tail)) == 0)
		return GK_ENOTFOUND;
	if (!gkas_agency_visible(ctx, u, id))
		return gk_admin_error(resp, ctx, u, 404, "没有这个机构");
	e = gk_agency_get(ctx->db, id, &a, serr, sizeof(serr));
	if (e == GK_ENOTFOUND)
		return gk_admin_error(resp, ctx, u, 404, "没有这个机构");
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	if (*tail == '\0' && !post)
		e = agency_edit(ctx, req, u, resp, &a, 200, "", NULL, err, errlen);
	else if (post && strcmp(tail, "/details") == 0)
		e = agency_post_details(ctx, req, u, resp, &a, err, errlen);
	else if (post && strcmp(tail, "/contact") == 0)
		e = agency_post_contact(ctx, req, u, resp, &a, err, errlen);
	else if (post && strcmp(tail, "/settings") == 0)
		e = agency_post_settings(ctx, req, u, resp, &a, err, errlen);
	else
		e = GK_ENOTFOUND;
	gk_agency_clear(&a);
	return e;
}
