/*
 * admin_apply_misc.c — the back office's cases (复议、诉讼), 第二十条
 * figures and consultations (留言咨询) screens (H4;
 * docs/admin-applications.md):
 *
 *   GET  /admin/cases[?year=Y]            list, the add form, result forms
 *   POST /admin/cases                     add a case
 *   POST /admin/cases/{id}/result         record the result of a pending case
 *   GET  /admin/figures[?year=Y]          the year's figures, one form each
 *   POST /admin/figures                   set one figure (year, key, value, source)
 *   POST /admin/figures/import            a figures CSV pasted (all or nothing)
 *   GET  /admin/consultations[?state=S]   the queue (pending first by default)
 *   GET  /admin/consultations/{id}        one question with its forms
 *   POST /admin/consultations/{id}/answer|publish|reject
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/report.h"
#include "core/report_gen.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/consultation.h"
#include "store/figures.h"
#include "store/legal_case.h"
#include "web/admin.h"
#include "web/admin_apply_int.h"
#include "web/html.h"

static const char *
fmt_date(int32_t d, char buf[GK_DATE_LEN])
{
	gk_date_format(d, buf);
	return buf;
}

/* A store refusal as a page status, or the error itself for a 500. */
static int
refused(enum gk_err e, const char *msg, char *err, size_t errlen)
{
	int st = aa_status(e);

	if (st == 0)
		snprintf(err, errlen, "%s", msg);
	return st == 404 ? 409 : st;
}

static int
this_year(const struct gk_web_ctx *ctx)
{
	int y, m, d;

	gk_date_ymd(ctx->today, &y, &m, &d);
	return y;
}

/* ---- cases ---- */

struct cform {
	const char	*form;	/* "add", "result-ID" or "" */
	const char	*msg;
};

static enum gk_err
cases_page(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, const struct cform *f, int status,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_case_list	 l;
	struct gk_apply_filter	 af;
	struct gk_apply_list	 al;
	struct gk_buf		*b = &resp->body;
	char			 d1[GK_DATE_LEN], d2[GK_DATE_LEN], today[GK_DATE_LEN], fid[32];
	long			 year = 0;
	int			 add = strcmp(f->form, "add") == 0, i;
	size_t			 k, j;
	enum gk_err		 e;

	if (aa_arg(req, "year")[0] != '\0' && !aa_long(aa_arg(req, "year"), 2008, 2100, &year))
		year = 0;
	memset(&l, 0, sizeof(l));
	if ((e = gk_case_list(ctx->db, u->agency_id, (int)year, &l, err, errlen)) != GK_OK)
		return e;
	memset(&af, 0, sizeof(af));
	af.agency_id = u->agency_id;
	af.phase = -1;
	af.limit = 1000;
	memset(&al, 0, sizeof(al));
	if ((e = gk_apply_list(ctx->db, u->login, &af, &al, err, errlen)) != GK_OK) {
		gk_case_list_free(&l);
		return e;
	}
	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "行政复议和行政诉讼", "applications");
	gk_html_raw(b, "<h1>行政复议和行政诉讼</h1>\n<p>因政府信息公开工作被申请行政复议、提起行政诉讼的"
	    "案件；年度报告第四部分按立案年份统计。</p>\n");
	gk_html_raw(b, "<form method=\"get\" action=\"/admin/cases\"><label for=\"f-year\">立案年份"
	    "</label> ");
	if (year > 0)
		gk_html(b, "<input id=\"f-year\" name=\"year\" size=\"6\" value=\"%ld\">", year);
	else
		gk_html_raw(b, "<input id=\"f-year\" name=\"year\" size=\"6\" placeholder=\"全部\">");
	gk_html_raw(b, " <button type=\"submit\">筛选</button></form>\n");
	gk_html_raw(b, "<table class=\"list\">\n<caption>案件</caption>\n<thead><tr>"
	    "<th scope=\"col\">类型</th><th scope=\"col\">案号</th><th scope=\"col\">立案日期</th>"
	    "<th scope=\"col\">所涉申请</th><th scope=\"col\">结果</th><th scope=\"col\">审结日期</th>"
	    "<th scope=\"col\">备注</th><th scope=\"col\">记录结果</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < l.n; k++) {
		const struct gk_case *c = &l.v[k];
		const char *code = "";

		for (j = 0; j < al.n; j++)
			if (al.v[j].id == c->application_id)
				code = al.v[j].code;
		gk_html(b, "<tr id=\"case-%lld\"><td>%s</td><td>%s</td><td>%s</td><td>",
		    (long long)c->id, gk_s4_routes[c->route], c->case_no, fmt_date(c->filed, d1));
		if (c->application_id > 0)
			gk_html(b, "<a href=\"/admin/applications/%lld\">%s</a>",
			    (long long)c->application_id, code[0] != '\0' ? code : "申请");
		gk_html(b, "</td><td>%s</td><td>%s</td><td>%s</td><td>", gk_case_result_label(c->result),
		    c->closed == GK_DATE_NONE ? "" : fmt_date(c->closed, d2), c->note);
		if (c->result == GK_S4_PENDING) {
			snprintf(fid, sizeof(fid), "result-%lld", (long long)c->id);
			gk_html(b, "<form method=\"post\" action=\"/admin/cases/%lld/result\">",
			    (long long)c->id);
			gk_admin_csrf_field(b, u);
			if (strcmp(f->form, fid) == 0)
				aa_error_note(b, f->msg);
			gk_html(b, "<label for=\"r-%lld\">结果</label> <select id=\"r-%lld\" name=\"result\">"
			    "<option value=\"upheld\">维持</option><option value=\"corrected\">纠正</option>"
			    "<option value=\"other\">其他结果</option></select> <label for=\"c-%lld\">审结日期"
			    "</label> <input id=\"c-%lld\" name=\"closed\" type=\"date\" value=\"%s\"> "
			    "<button type=\"submit\">记录</button></form>", (long long)c->id,
			    (long long)c->id, (long long)c->id, (long long)c->id, aa_today(ctx, today));
		}
		gk_html_raw(b, "</td></tr>\n");
	}
	if (l.n == 0)
		gk_html_raw(b, "<tr><td colspan=\"8\">没有案件。</td></tr>\n");
	gk_html_raw(b, "</tbody></table>\n");
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/cases\" id=\"add\" accept-charset=\"utf-8\">\n"
	    "<fieldset><legend>登记案件</legend>\n");
	gk_admin_csrf_field(b, u);
	if (add)
		aa_error_note(b, f->msg);
	gk_html_raw(b, "<div class=\"field\"><label for=\"f-route\">类型</label> "
	    "<select id=\"f-route\" name=\"route\">\n");
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>\n", gk_case_route_name((enum gk_s4route)i),
		    add && strcmp(aa_arg(req, "route"), gk_case_route_name((enum gk_s4route)i)) == 0 ?
		    " selected" : "", gk_s4_routes[i]);
	gk_html(b, "</select></div>\n<div class=\"field\"><label for=\"f-filed\">立案（申请）日期</label>"
	    " <input id=\"f-filed\" name=\"filed\" type=\"date\" value=\"%s\"></div>\n",
	    add ? aa_arg(req, "filed") : aa_today(ctx, today));
	gk_html_raw(b, "<div class=\"field\"><label for=\"f-app\">所涉申请（选填）</label> "
	    "<select id=\"f-app\" name=\"application\"><option value=\"\">无</option>\n");
	for (j = 0; j < al.n; j++) {
		char idv[24];

		snprintf(idv, sizeof(idv), "%lld", (long long)al.v[j].id);
		gk_html(b, "<option value=\"%s\"%s>%s（%s 收到）</option>\n", idv,
		    add && strcmp(aa_arg(req, "application"), idv) == 0 ? " selected" : "",
		    al.v[j].code, fmt_date(al.v[j].received, d1));
	}
	gk_html(b, "</select></div>\n<div class=\"field\"><label for=\"f-caseno\">案号（选填）</label>"
	    " <input id=\"f-caseno\" name=\"case_no\" size=\"30\" value=\"%s\"></div>\n",
	    add ? aa_arg(req, "case_no") : "");
	gk_html(b, "<div class=\"field\"><label for=\"f-note\">备注（选填）</label> <input id=\"f-note\""
	    " name=\"note\" size=\"40\" value=\"%s\"></div>\n<button type=\"submit\">登记</button>\n"
	    "</fieldset></form>\n", add ? aa_arg(req, "note") : "");
	gk_admin_end(b);
	gk_case_list_free(&l);
	gk_apply_list_free(&al);
	return aa_done(resp, status);
}

enum gk_err
aa_cases(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	static const struct cform none = { "", "" };
	struct cform	 f;
	struct gk_case	 c;
	const char	*rest;
	char		 msg[AA_MSG] = "", fid[32];
	int64_t		 id;
	long		 app = 0;
	int32_t		 d;
	enum gk_s4route	 route;
	enum gk_s4res	 res;
	enum gk_err	 e = GK_OK;
	int		 post = strcmp(req->method, "POST") == 0;

	if (strcmp(req->path, "/admin/cases") == 0 || strcmp(req->path, "/admin/cases/") == 0) {
		if (!post)
			return cases_page(ctx, req, u, &none, 200, resp, err, errlen);
		if (!gk_case_route_from_name(aa_arg(req, "route"), &route))
			snprintf(msg, sizeof(msg), "请选择案件类型");
		else if (!aa_date(aa_arg(req, "filed"), &d))
			snprintf(msg, sizeof(msg), "请按 YYYY-MM-DD 填写立案日期");
		else if (aa_arg(req, "application")[0] != '\0' &&
		    !aa_long(aa_arg(req, "application"), 1, 2000000000L, &app))
			snprintf(msg, sizeof(msg), "所涉申请无效");
		else
			e = gk_case_add(ctx->db, u->login, u->agency_id, route, d, app,
			    aa_arg(req, "case_no"), aa_arg(req, "note"), ctx->now, NULL, msg,
			    sizeof(msg));
		f.form = "add";
		f.msg = msg;
		if (e == GK_OK && msg[0] == '\0') {
			gk_admin_redirect(resp, "/admin/cases");
			return GK_OK;
		}
		return cases_page(ctx, req, u, &f, e == GK_OK ? 400 : refused(e, msg, err, errlen),
		    resp, err, errlen);
	}
	if (!aa_path_id(req->path, "/admin/cases", &id, &rest) || strcmp(rest, "result") != 0)
		return gk_admin_error(resp, ctx, u, 404, "页面不存在");
	if (!post)
		return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
	memset(&c, 0, sizeof(c));
	e = gk_case_get(ctx->db, id, &c, err, errlen);
	if (e == GK_ENOTFOUND || (e == GK_OK && c.agency_id != u->agency_id)) {
		gk_case_clear(&c);
		return gk_admin_error(resp, ctx, u, 404, "案件不存在");
	}
	gk_case_clear(&c);
	if (e != GK_OK)
		return e;
	if (!gk_case_result_from_name(aa_arg(req, "result"), &res) || res == GK_S4_PENDING ||
	    res == GK_S4_TOTAL)
		snprintf(msg, sizeof(msg), "请选择结果：维持、纠正或其他结果");
	else if (!aa_date(aa_arg(req, "closed"), &d))
		snprintf(msg, sizeof(msg), "请按 YYYY-MM-DD 填写审结日期");
	else
		e = gk_case_update(ctx->db, u->login, id, res, d, ctx->now, msg, sizeof(msg));
	if (e == GK_OK && msg[0] == '\0') {
		gk_admin_redirect(resp, "/admin/cases");
		return GK_OK;
	}
	snprintf(fid, sizeof(fid), "result-%lld", (long long)id);
	f.form = fid;
	f.msg = msg;
	return cases_page(ctx, req, u, &f, e == GK_OK ? 400 : refused(e, msg, err, errlen), resp,
	    err, errlen);
}

/* ---- 第二十条 figures ---- */

static void
fig_value(char *out, size_t n, int64_t v)
{
	struct gk_cell c;

	memset(&c, 0, sizeof(c));
	gk_cell_set_num(&c, v);
	gk_cell_format(&c, out, n);
}

static enum gk_err
figures_page(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, int year, const char *form, const char *msg, int status,
    const char *problems, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_figure_list	 l;
	struct gk_buf		*b = &resp->body;
	char			 v[64];
	size_t			 i, j;
	enum gk_err		 e;

	memset(&l, 0, sizeof(l));
	if ((e = gk_figure_list(ctx->db, u->agency_id, year, &l, err, errlen)) != GK_OK)
		return e;
	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "第二十条数据", "applications");
	gk_html(b, "<h1>条例第二十条数据（%d 年）</h1>\n", year);
	gk_html(b, "<form method=\"get\" action=\"/admin/figures\"><label for=\"f-year\">年度</label> "
	    "<input id=\"f-year\" name=\"year\" size=\"6\" value=\"%d\"> <button type=\"submit\">"
	    "切换</button></form>\n", year);
	gk_html_raw(b, "<p>规章和行政规范性文件的制发、废止和现行有效件数由系统从已公开的信息中统计；"
	    "行政许可、行政处罚、行政强制的决定数量和行政事业性收费金额在此按年度录入，每项注明来源。</p>\n");
	gk_html_raw(b, "<table class=\"list\">\n<caption>各项数据</caption>\n<thead><tr>"
	    "<th scope=\"col\">项目</th><th scope=\"col\">数值</th><th scope=\"col\">来源</th>"
	    "<th scope=\"col\">更新时间</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < gk_gen_nfigkeys; i++) {
		const struct gk_gen_figkey	*k = &gk_gen_figkeys[i];
		const struct gk_figure		*cur = NULL;
		int				 mine = strcmp(form, k->key) == 0;

		for (j = 0; j < l.n; j++)
			if (strcmp(l.v[j].key, k->key) == 0)
				cur = &l.v[j];
		v[0] = '\0';
		if (cur != NULL)
			fig_value(v, sizeof(v), cur->value);
		gk_html(b, "<tr id=\"fig-%s\"><th scope=\"row\">%s%s</th><td colspan=\"3\">"
		    "<form method=\"post\" action=\"/admin/figures\">", k->key, k->label,
		    k->kind == GK_KIND_AMOUNT ? "（万元）" : "");
		gk_admin_csrf_field(b, u);
		if (mine)
			aa_error_note(b, msg);
		gk_html(b, "<input type=\"hidden\" name=\"year\" value=\"%d\"><input type=\"hidden\""
		    " name=\"key\" value=\"%s\"><label for=\"v-%s\" class=\"sr\">%s数值</label>"
		    "<input id=\"v-%s\" name=\"value\" size=\"10\" value=\"%s\"> "
		    "<label for=\"s-%s\" class=\"sr\">来源</label><input id=\"s-%s\" name=\"source\""
		    " size=\"40\" placeholder=\"来源，例如 县司法局统计报表\" value=\"%s\"> %s "
		    "<button type=\"submit\">保存</button></form></td></tr>\n", year, k->key, k->key,
		    k->label, k->key, mine ? aa_arg(req, "value") : v, k->key, k->key,
		    mine ? aa_arg(req, "source") : cur != NULL ? cur->source : "",
		    cur != NULL ? cur->updated_at : "未录入");
	}
	gk_html_raw(b, "</tbody></table>\n");
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/figures/import\" id=\"import\""
	    " enctype=\"multipart/form-data\" accept-charset=\"utf-8\">\n"
	    "<fieldset><legend>批量导入（CSV）</legend>\n");
	gk_admin_csrf_field(b, u);
	if (strcmp(form, "import") == 0) {
		aa_error_note(b, msg);
		if (problems != NULL && problems[0] != '\0')
			gk_html(b, "<pre class=\"problems\">%s</pre>\n", problems);
	}
	gk_html(b, "<p class=\"hint\" id=\"csv-hint\">首行为表头 agency,year,key,value,source；agency 为本机构的"
	    "编号或统一社会信用代码。任何一行有误则全部不导入。</p>\n<label for=\"f-file\">CSV 文件</label>\n"
	    "<input id=\"f-file\" name=\"file\" type=\"file\" accept=\".csv,text/csv\">\n"
	    "<label for=\"f-csv\">或粘贴 CSV 内容</label>\n"
	    "<textarea id=\"f-csv\" name=\"csv\" rows=\"8\" cols=\"80\" aria-describedby=\"csv-hint\">%s"
	    "</textarea>\n<button type=\"submit\">导入</button>\n</fieldset></form>\n",
	    strcmp(form, "import") == 0 ? aa_arg(req, "csv") : "");
	gk_admin_end(b);
	gk_figure_list_free(&l);
	return aa_done(resp, status);
}

/* 1 when every row of the CSV names the user's agency (by id or code); else msg. */
static int
csv_own_agency(struct gk_web_ctx *ctx, const struct gk_admin_user *u, const char *csv,
    size_t len, char *msg, size_t n)
{
	struct gk_figure_csv	 p;
	struct gk_agency	 a;
	char			 idv[24], err[256];
	size_t			 i;
	int			 ok = 1;

	memset(&p, 0, sizeof(p));
	memset(&a, 0, sizeof(a));
	if (gk_figure_csv_parse(csv, len, &p) == GK_ENOMEM) {
		gk_figure_csv_free(&p);
		snprintf(msg, n, "内存不足");
		return 0;
	}
	snprintf(idv, sizeof(idv), "%lld", (long long)u->agency_id);
	if (gk_agency_get(ctx->db, u->agency_id, &a, err, sizeof(err)) != GK_OK)
		a.uscc[0] = '\0';
	for (i = 0; i < p.n && ok; i++)
		if (strcmp(p.v[i].agency, idv) != 0 && (a.uscc[0] == '\0' ||
		    strcmp(p.v[i].agency, a.uscc) != 0)) {
			snprintf(msg, n, "第 %zu 行：只能导入本机构（编号 %s）的数据", p.v[i].line, idv);
			ok = 0;
		}
	gk_agency_clear(&a);
	gk_figure_csv_free(&p);
	return ok;
}

enum gk_err
aa_figures(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	char		 msg[AA_MSG] = "", path[64];
	long		 year = this_year(ctx) - 1;
	int64_t		 value;
	enum gk_err	 e = GK_OK;
	int		 post = strcmp(req->method, "POST") == 0, st;

	if (aa_arg(req, "year")[0] != '\0' &&
	    !aa_long(aa_arg(req, "year"), GK_FIGURE_YEAR_MIN, GK_FIGURE_YEAR_MAX, &year)) {
		year = this_year(ctx) - 1;
		if (post)
			snprintf(msg, sizeof(msg), "年度无效");
	}
	if (strcmp(req->path, "/admin/figures") == 0 || strcmp(req->path, "/admin/figures/") == 0) {
		const char *key = aa_arg(req, "key");

		if (!post)
			return figures_page(ctx, req, u, (int)year, "", "", 200, NULL, resp, err, errlen);
		if (gk_gen_figkey_find(key) == NULL)
			return gk_admin_error(resp, ctx, u, 400, "未知的数据项");
		if (msg[0] == '\0' && gk_gen_figure_parse(key, aa_arg(req, "value"), &value, msg,
		    sizeof(msg)) == GK_OK)
			e = gk_figure_set(ctx->db, u->login, u->agency_id, (int)year, key, value,
			    aa_arg(req, "source"), ctx->now, msg, sizeof(msg));
		if (e == GK_OK && msg[0] == '\0') {
			snprintf(path, sizeof(path), "/admin/figures?year=%ld", year);
			gk_admin_redirect(resp, path);
			return GK_OK;
		}
		st = e == GK_OK ? 400 : refused(e, msg, err, errlen);
		if (st == 0)
			return e;
		return figures_page(ctx, req, u, (int)year, key, msg, st, NULL, resp, err, errlen);
	}
	if (strcmp(req->path, "/admin/figures/import") == 0) {
		struct gk_buf	 problems;
		const char	*csv = aa_arg(req, "csv");
		size_t		 nrows = 0, len = strlen(csv), i;

		if (!post)
			return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
		/* an uploaded file (multipart, web.h GK_WEB_UPLOAD_FIGURES) before the pasted text */
		for (i = 0; i < req->nfiles; i++)
			if (strcmp(req->files[i].name, "file") == 0 && req->files[i].len > 0) {
				csv = (const char *)req->files[i].data;
				len = req->files[i].len;
				break;
			}
		if (len > GK_FIGURE_CSV_MAX)
			return figures_page(ctx, req, u, (int)year, "import", "CSV 文件过大", 400, NULL,
			    resp, err, errlen);
		if (i == req->nfiles && aa_blank(csv))
			return figures_page(ctx, req, u, (int)year, "import",
			    "请选择 CSV 文件或粘贴 CSV 内容", 400, NULL, resp, err, errlen);
		if (!csv_own_agency(ctx, u, csv, len, msg, sizeof(msg)))
			return figures_page(ctx, req, u, (int)year, "import", msg, 400, NULL, resp, err,
			    errlen);
		gk_buf_init(&problems, 0);
		e = gk_figure_import(ctx->db, u->login, csv, len, ctx->now, &nrows, &problems,
		    msg, sizeof(msg));
		if (e == GK_OK) {
			gk_buf_clear(&problems);
			snprintf(path, sizeof(path), "/admin/figures?year=%ld", year);
			gk_admin_redirect(resp, path);
			return GK_OK;
		}
		if ((st = refused(e, msg, err, errlen)) == 0) {
			gk_buf_clear(&problems);
			return e;
		}
		e = figures_page(ctx, req, u, (int)year, "import", msg, st,
		    problems.data != NULL ? problems.data : "", resp, err, errlen);
		gk_buf_clear(&problems);
		return e;
	}
	return gk_admin_error(resp, ctx, u, 404, "页面不存在");
}

/* ---- consultations ---- */

/* Working days the answer took (or, unanswered, has been waiting) into buf. */
static const char *
workdays(const struct gk_web_ctx *ctx, const struct gk_consult *c, char *buf, size_t n)
{
	long	 w;
	char	 err[256];
	int32_t	 to = c->answered != GK_DATE_NONE ? c->answered : ctx->today;

	if (calendar_workdays_between(ctx->cal, c->asked, to, &w, err, sizeof(err)) != GK_OK)
		snprintf(buf, n, "无法计算");
	else
		snprintf(buf, n, "%s %ld 个工作日", c->answered != GK_DATE_NONE ? "用时" : "已等待",
		    w);
	return buf;
}

static enum gk_err
consult_list(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_consult_filter	 f;
	struct gk_consult_list		 l;
	struct gk_buf			*b = &resp->body;
	enum gk_consult_state		 s = GK_CONSULT_PENDING;
	const char			*state = aa_arg(req, "state");
	char				 d[GK_DATE_LEN], w[64];
	size_t				 i;
	int				 k;
	enum gk_err			 e;

	memset(&f, 0, sizeof(f));
	f.agency_id = u->agency_id;
	f.limit = 200;
	if (strcmp(state, "all") == 0)
		f.state = -1;
	else if (state[0] != '\0' && gk_consult_state_from_name(state, &s) &&
	    strcmp(state, gk_consult_state_name(s)) == 0)
		f.state = (int)s;
	else
		f.state = GK_CONSULT_PENDING;
	memset(&l, 0, sizeof(l));
	e = gk_consult_list(ctx->db, u->login, &f, &l, err, errlen);
	if (e == GK_ECONFLICT)
		return gk_admin_error(resp, ctx, u, 403, "无权查看留言咨询：须为信息公开工作人员");
	if (e != GK_OK)
		return e;
	gk_admin_begin(b, ctx, u, "留言咨询", "applications");
	gk_html_raw(b, "<h1>留言咨询</h1>\n<nav aria-label=\"状态\"><ul class=\"tabs\">");
	for (k = 0; k < GK_CONSULT__MAX; k++)
		gk_html(b, "<li><a href=\"/admin/consultations?state=%s\"%s>%s</a></li>",
		    gk_consult_state_name((enum gk_consult_state)k), f.state == k ?
		    " aria-current=page" : "", gk_consult_state_label((enum gk_consult_state)k));
	gk_html(b, "<li><a href=\"/admin/consultations?state=all\"%s>全部</a></li></ul></nav>\n",
	    f.state < 0 ? " aria-current=page" : "");
	gk_html(b, "<table class=\"list\">\n<caption>共 %zu 条</caption>\n<thead><tr>"
	    "<th scope=\"col\">标题</th><th scope=\"col\">留言人</th><th scope=\"col\">留言日期</th>"
	    "<th scope=\"col\">状态</th><th scope=\"col\">工作日</th></tr></thead>\n<tbody>\n", l.total);
	for (i = 0; i < l.n; i++)
		gk_html(b, "<tr><td><a href=\"/admin/consultations/%lld\">%s</a></td><td>%s</td>"
		    "<td>%s</td><td>%s</td><td>%s</td></tr>\n", (long long)l.v[i].id, l.v[i].title,
		    l.v[i].name, fmt_date(l.v[i].asked, d), gk_consult_state_label(l.v[i].state),
		    workdays(ctx, &l.v[i], w, sizeof(w)));
	if (l.n == 0)
		gk_html_raw(b, "<tr><td colspan=\"5\">没有留言。</td></tr>\n");
	gk_html_raw(b, "</tbody></table>\n");
	gk_admin_end(b);
	gk_consult_list_free(&l);
	return aa_done(resp, 200);
}

static enum gk_err
consult_page(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, int64_t id, const char *form, const char *msg, int status,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_consult	 c;
	struct gk_buf		*b = &resp->body;
	char			 d[GK_DATE_LEN], w[64];
	enum gk_err		 e;

	memset(&c, 0, sizeof(c));
	e = gk_consult_get(ctx->db, u->login, id, &c, err, errlen);
	if (e == GK_ENOTFOUND || (e == GK_OK && !aa_may_read(ctx, u, c.agency_id)) ||
	    e == GK_ECONFLICT) {
		/* another agency's question: the store refuses the roles there too */
		gk_consult_clear(&c);
		return gk_admin_error(resp, ctx, u, 404, "留言不存在");
	}
	if (e != GK_OK)
		return e;
	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "留言咨询", "applications");
	gk_html(b, "<p><a href=\"/admin/consultations\">留言咨询</a> › %s</p>\n<h1>%s "
	    "<span class=\"state\" id=\"state\">%s</span></h1>\n", c.title, c.title,
	    gk_consult_state_label(c.state));
	gk_html(b, "<dl>\n<dt>留言人</dt><dd>%s</dd>\n<dt>联系电话</dt><dd>%s</dd>\n<dt>电子邮件</dt>"
	    "<dd>%s</dd>\n<dt>留言日期</dt><dd>%s</dd>\n<dt>办理时间</dt><dd id=\"workdays\">%s</dd>\n"
	    "<dt>留言内容</dt><dd class=\"pre\">%s</dd>\n", c.name, c.phone, c.email,
	    fmt_date(c.asked, d), workdays(ctx, &c, w, sizeof(w)), c.question);
	if (c.answer != NULL && c.answer[0] != '\0')
		gk_html(b, "<dt>答复（%s，%s）</dt><dd class=\"pre\">%s</dd>\n",
		    fmt_date(c.answered, d), c.answered_by != NULL ? c.answered_by : "", c.answer);
	if (c.reject_reason != NULL && c.reject_reason[0] != '\0')
		gk_html(b, "<dt>不予公开的理由</dt><dd>%s</dd>\n", c.reject_reason);
	gk_html_raw(b, "</dl>\n");
	if (c.state == GK_CONSULT_PENDING || c.state == GK_CONSULT_ANSWERED) {
		gk_html(b, "<form method=\"post\" action=\"/admin/consultations/%lld/answer\" id=\"answer\""
		    " accept-charset=\"utf-8\">\n<fieldset><legend>%s</legend>\n", (long long)id,
		    c.state == GK_CONSULT_PENDING ? "答复" : "修改答复（公开前）");
		gk_admin_csrf_field(b, u);
		if (strcmp(form, "answer") == 0)
			aa_error_note(b, msg);
		gk_html(b, "<label for=\"f-text\">答复内容</label>\n<textarea id=\"f-text\" name=\"text\""
		    " rows=\"8\" cols=\"70\">%s</textarea>\n<label for=\"f-date\">答复日期</label> "
		    "<input id=\"f-date\" name=\"date\" type=\"date\" value=\"%s\">\n"
		    "<button type=\"submit\">保存答复</button>\n</fieldset></form>\n",
		    strcmp(form, "answer") == 0 ? aa_arg(req, "text") :
		    c.answer != NULL ? c.answer : "",
		    strcmp(form, "answer") == 0 ? aa_arg(req, "date") : aa_today(ctx, d));
	}
	if (c.state == GK_CONSULT_ANSWERED) {
		gk_html(b, "<form method=\"post\" action=\"/admin/consultations/%lld/publish\" id=\"publish\">"
		    "\n", (long long)id);
		gk_admin_csrf_field(b, u);
		if (strcmp(form, "publish") == 0)
			aa_error_note(b, msg);
		gk_html_raw(b, "<button type=\"submit\">在门户公开（不含留言人信息）</button></form>\n");
	}
	if (c.state == GK_CONSULT_PENDING) {
		gk_html(b, "<form method=\"post\" action=\"/admin/consultations/%lld/reject\" id=\"reject\""
		    " accept-charset=\"utf-8\">\n<fieldset><legend>不予公开</legend>\n", (long long)id);
		gk_admin_csrf_field(b, u);
		if (strcmp(form, "reject") == 0)
			aa_error_note(b, msg);
		gk_html(b, "<label for=\"f-reason\">理由</label> <input id=\"f-reason\" name=\"reason\""
		    " size=\"50\" value=\"%s\">\n<button type=\"submit\">不予公开</button>\n"
		    "</fieldset></form>\n", strcmp(form, "reject") == 0 ? aa_arg(req, "reason") : "");
	}
	gk_admin_end(b);
	gk_consult_clear(&c);
	return aa_done(resp, status);
}

enum gk_err
aa_consultations(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_consult	 c;
	const char		*rest;
	char			 msg[AA_MSG] = "", path[64];
	int64_t			 id;
	int32_t			 d;
	enum gk_err		 e;
	int			 post = strcmp(req->method, "POST") == 0, st;

	if (strcmp(req->path, "/admin/consultations") == 0 ||
	    strcmp(req->path, "/admin/consultations/") == 0) {
		if (post)
			return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
		return consult_list(ctx, req, u, resp, err, errlen);
	}
	if (!aa_path_id(req->path, "/admin/consultations", &id, &rest))
		return gk_admin_error(resp, ctx, u, 404, "页面不存在");
	if (rest[0] == '\0') {
		if (post)
			return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
		return consult_page(ctx, req, u, id, "", "", 200, resp, err, errlen);
	}
	if (!post)
		return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
	if (strcmp(rest, "answer") != 0 && strcmp(rest, "publish") != 0 &&
	    strcmp(rest, "reject") != 0)
		return gk_admin_error(resp, ctx, u, 404, "页面不存在");
	memset(&c, 0, sizeof(c));
	e = gk_consult_get(ctx->db, u->login, id, &c, err, errlen);
	if (e == GK_ENOTFOUND || e == GK_ECONFLICT ||
	    (e == GK_OK && c.agency_id != u->agency_id)) {
		gk_consult_clear(&c);
		return gk_admin_error(resp, ctx, u, 404, "留言不存在");
	}
	gk_consult_clear(&c);
	if (e != GK_OK)
		return e;
	if (strcmp(rest, "answer") == 0) {
		if (!aa_date(aa_arg(req, "date"), &d))
			snprintf(msg, sizeof(msg), "请按 YYYY-MM-DD 填写答复日期");
		else
			e = gk_consult_answer(ctx->db, u->login, id, aa_arg(req, "text"), d, ctx->now,
			    msg, sizeof(msg));
	} else if (strcmp(rest, "publish") == 0)
		e = gk_consult_publish(ctx->db, u->login, id, ctx->now, msg, sizeof(msg));
	else
		e = gk_consult_reject(ctx->db, u->login, id, aa_arg(req, "reason"), ctx->now, msg,
		    sizeof(msg));
	if (e == GK_OK && msg[0] == '\0') {
		snprintf(path, sizeof(path), "/admin/consultations/%lld", (long long)id);
		gk_admin_redirect(resp, path);
		return GK_OK;
	}
	st = e == GK_OK ? 400 : refused(e, msg, err, errlen);
	if (st == 0)
		return e;
	return consult_page(ctx, req, u, id, rest, msg, st, resp, err, errlen);
}
