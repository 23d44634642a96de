/*
 * admin_apply.c — the back office's application screens (issue 6, H4;
 * docs/admin-applications.md): the list of applications with days left,
 * the intake form, the application's screen (its timeline and statutory
 * clock) and the actions on it as POST forms. The answer letter is in
 * admin_apply_letter.c; cases, figures and consultations in
 * admin_apply_misc.c. Every record is checked against the user's agency
 * (404 otherwise); the store checks roles and writes the audit chain with
 * the user's login as the actor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/apply.h"
#include "core/date.h"
#include "core/fee.h"
#include "core/workflow.h"
#include "doc/doc.h"
#include "store/agency.h"
#include "store/application.h"
#include "web/admin.h"
#include "web/admin_apply_int.h"
#include "web/html.h"

#define APPS	"/admin/applications"

/* ---- helpers shared by admin_apply*.c ---- */

const char *
aa_arg(const struct gk_web_req *req, const char *name)
{
	const char *v = gk_web_arg(req, name);

	return v != NULL ? v : "";
}

int
aa_blank(const char *v)
{
	return v == NULL || v[strspn(v, " \t\r\n")] == '\0';
}

int
aa_path_id(const char *path, const char *prefix, int64_t *id, const char **rest)
{
	size_t		 n = strlen(prefix);
	const char	*p;
	int64_t		 v = 0;
	int		 k = 0;

	if (strncmp(path, prefix, n) != 0 || path[n] != '/')
		return 0;
	p = path + n + 1;
	if (*p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++k > 15)
			return 0;
		v = v * 10 + (*p - '0');
	}
	if (*p != '\0' && *p != '/')
		return 0;
	*id = v;
	*rest = *p == '/' ? p + 1 : p;
	return 1;
}

int
aa_date(const char *s, int32_t *d)
{
	return s != NULL && strlen(s) == 10 && gk_date_parse(s, 10, d) == GK_OK;
}

int
aa_long(const char *s, long lo, long hi, long *v)
{
	const char	*p = s;
	long		 x = 0;
	int		 neg = 0, n = 0;

	if (s == NULL)
		return 0;
	if (*p == '-') {
		neg = 1;
		p++;
	}
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++n > 12)
			return 0;
		x = x * 10 + (*p - '0');
	}
	if (n == 0 || *p != '\0')
		return 0;
	if (neg)
		x = -x;
	if (x < lo || x > hi)
		return 0;
	*v = x;
	return 1;
}

int
aa_may_read(struct gk_web_ctx *ctx, const struct gk_admin_user *u, int64_t agency_id)
{
	struct gk_agency	 a;
	char			 err[256];
	int			 ok;

	if (agency_id == u->agency_id)
		return 1;
	if (!GK_ADMIN_HAS(u, WF_ROLE_OFFICE) || agency_id <= 0)
		return 0;
	memset(&a, 0, sizeof(a));
	if (gk_agency_get(ctx->db, agency_id, &a, err, sizeof(err)) != GK_OK)
		return 0;
	ok = a.parent_id == u->agency_id;
	gk_agency_clear(&a);
	return ok;
}

int
aa_status(enum gk_err e)
{
	switch (e) {
	case GK_EINVAL:
	case GK_ELIMIT:
		return 400;
	case GK_ENOTFOUND:
		return 404;
	case GK_ECONFLICT:
		return 409;
	default:
		return 0;
	}
}

enum gk_err
aa_done(struct gk_web_resp *resp, int status)
{
	resp->status = status;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	return resp->body.err;
}

void
aa_error_note(struct gk_buf *b, const char *msg)
{
	if (msg != NULL && msg[0] != '\0')
		gk_html(b, "<p class=\"notice error\" role=\"alert\"><strong>未能完成：</strong>%s</p>\n",
		    msg);
}

const char *
aa_today(const struct gk_web_ctx *ctx, char *buf)
{
	gk_date_format(ctx->today, buf);
	return buf;
}

static const char *
fmt_date(int32_t d, char buf[GK_DATE_LEN])
{
	gk_date_format(d, buf);
	return buf;
}

/* ---- the list ---- */

/* The clock of the open applications (days left), from the store's overdue list. */
static const struct gk_apply_due *
due_of(const struct gk_apply_dues *dues, int64_t id)
{
	size_t i;

	for (i = 0; i < dues->n; i++)
		if (dues->v[i].id == id)
			return &dues->v[i];
	return NULL;
}

static void
days_cell(struct gk_buf *b, const struct gk_apply_due *d)
{
	if (d == NULL)
		gk_html_raw(b, "<td>—</td>");
	else if (d->uncovered)
		gk_html(b, "<td class=\"warn\">无法计算（%s）</td>", d->why);
	else if (d->late)
		gk_html(b, "<td class=\"late\"><strong>已逾期 %ld 个工作日</strong></td>",
		    -d->days_left);
	else
		gk_html(b, "<td>%ld</td>", d->days_left);
}

static enum gk_err
apps_list(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_apply_filter	 f;
	struct gk_apply_list	 l;
	struct gk_apply_dues	 dues;
	struct gk_buf		*b = &resp->body;
	const char		*state = aa_arg(req, "state"), *due = aa_arg(req, "due");
	char			 d1[GK_DATE_LEN], d2[GK_DATE_LEN], msg[AA_MSG] = "";
	long			 within = -1, page = 1, shown = 0, agency = u->agency_id;
	int			 late = strcmp(aa_arg(req, "late"), "1") == 0, i;
	size_t			 k;
	enum gk_err		 e;

	memset(&f, 0, sizeof(f));
	f.phase = -1;
	if (state[0] != '\0') {
		for (i = 0; i < APPLY_PH__MAX; i++)
			if (strcmp(state, apply_phase_name((enum apply_phase)i)) == 0)
				f.phase = i;
		if (f.phase < 0)
			snprintf(msg, sizeof(msg), "状态“%s”无效，已显示全部状态", state);
	}
	if (due[0] != '\0' && !aa_long(due, 0, 200, &within))
		snprintf(msg, sizeof(msg), "“剩余工作日不超过”须为 0 至 200 的整数");
	if (aa_arg(req, "page")[0] != '\0' && !aa_long(aa_arg(req, "page"), 1, 100000, &page))
		page = 1;
	if (aa_arg(req, "agency")[0] != '\0' &&
	    (!aa_long(aa_arg(req, "agency"), 1, 2000000000L, &agency) ||
	    !aa_may_read(ctx, u, agency)))
		return gk_admin_error(resp, ctx, u, 404, "机构不存在");
	f.agency_id = agency;
	f.limit = (within >= 0 || late) ? 1000 : 50;
	f.offset = (within >= 0 || late) ? 0 : (size_t)(page - 1) * 50;
	/* personal data in clear only for the roles the store allows */
	f.full = 1;
	memset(&l, 0, sizeof(l));
	e = gk_apply_list(ctx->db, u->login, &f, &l, err, errlen);
	if (e == GK_ECONFLICT) {
		f.full = 0;
		e = gk_apply_list(ctx->db, u->login, &f, &l, err, errlen);
	}
	if (e != GK_OK)
		return e;
	memset(&dues, 0, sizeof(dues));
	if ((e = gk_apply_overdue(ctx->db, agency, ctx->cal, ctx->today, 1000, &dues, err,
	    errlen)) != GK_OK) {
		gk_apply_list_free(&l);
		return e;
	}
	gk_admin_begin(b, ctx, u, "依申请公开", "applications");
	gk_html_raw(b, "<h1>依申请公开</h1>\n<p><a href=\"" APPS "/new\">登记新申请</a>"
	    " · <a href=\"" APPS "/export.xlsx\">导出申请列表（XLSX）</a>"
	    " · <a href=\"/admin/cases\">复议诉讼</a> · <a href=\"/admin/figures\">第二十条数据</a>"
	    " · <a href=\"/admin/consultations\">留言咨询</a></p>\n");
	aa_error_note(b, msg);
	gk_html_raw(b, "<form method=\"get\" action=\"" APPS "\" class=\"filters\">\n"
	    "<label for=\"f-state\">状态</label> <select id=\"f-state\" name=\"state\">"
	    "<option value=\"\">全部</option>");
	for (i = APPLY_PH_PROCESSING; i < APPLY_PH__MAX; i++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>", apply_phase_name((enum apply_phase)i),
		    f.phase == i ? " selected" : "", apply_phase_label((enum apply_phase)i));
	gk_html(b, "</select>\n<label for=\"f-due\">剩余工作日不超过</label> <input id=\"f-due\""
	    " name=\"due\" size=\"4\" inputmode=\"numeric\" value=\"%s\">\n", due);
	gk_html(b, "<label><input type=\"checkbox\" name=\"late\" value=\"1\"%s> 只看已逾期</label>\n"
	    "<button type=\"submit\">筛选</button></form>\n", late ? " checked" : "");
	if (!f.full)
		gk_html_raw(b, "<p class=\"hint\">申请人的个人信息已按规定遮盖。</p>\n");
	gk_html_raw(b, "<table class=\"list\">\n<caption>申请列表（按收到申请之日倒序）</caption>\n"
	    "<thead><tr><th scope=\"col\">查询码</th><th scope=\"col\">收到申请之日</th>"
	    "<th scope=\"col\">申请人</th><th scope=\"col\">类型</th><th scope=\"col\">渠道</th>"
	    "<th scope=\"col\">状态</th><th scope=\"col\">答复期限</th>"
	    "<th scope=\"col\">剩余工作日</th><th scope=\"col\">结果</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < l.n; k++) {
		const struct gk_apply		*a = &l.v[k];
		const struct gk_apply_due	*d = due_of(&dues, a->id);

		if (within >= 0 && (d == NULL || (!d->late && !d->uncovered && d->days_left > within)))
			continue;
		if (late && (d == NULL || !d->late))
			continue;
		shown++;
		gk_html(b, "<tr><td><a href=\"" APPS "/%lld\">%s</a></td><td>%s</td><td>%s</td>"
		    "<td>%s</td><td>%s</td><td>%s</td><td>%s</td>", (long long)a->id, a->code,
		    fmt_date(a->received, d1), a->name, apply_applicant_label(a->type),
		    apply_channel_label(a->channel), apply_phase_label(a->phase),
		    a->closed_ok ? "—" : fmt_date(a->due, d2));
		days_cell(b, a->closed_ok ? NULL : d);
		gk_html(b, "<td>%s</td></tr>\n", a->closed_ok ? apply_outcomes[a->outcome].label : "");
	}
	if (shown == 0)
		gk_html_raw(b, "<tr><td colspan=\"9\">没有符合条件的申请。</td></tr>\n");
	gk_html_raw(b, "</tbody></table>\n");
	if (within < 0 && !late) {
		gk_html_raw(b, "<nav class=\"pager\" aria-label=\"分页\">");
		if (page > 1)
			gk_html(b, "<a href=\"" APPS "?state=%s&amp;agency=%ld&amp;page=%ld\">上一页</a> ",
			    f.phase >= 0 ? state : "", agency, page - 1);
		if (l.n == 50)
			gk_html(b, "<a href=\"" APPS "?state=%s&amp;agency=%ld&amp;page=%ld\">下一页</a>",
			    f.phase >= 0 ? state : "", agency, page + 1);
		gk_html_raw(b, "</nav>\n");
	}
	gk_admin_end(b);
	gk_apply_list_free(&l);
	gk_apply_dues_free(&dues);
	return aa_done(resp, 200);
}

/* GET /admin/applications/export.xlsx?state=S: the list as XLSX (doc/doc.h), masked as the list. */
static enum gk_err
apps_xlsx(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_apply_filter	 f;
	const char		*state = aa_arg(req, "state");
	enum gk_err		 e;
	int			 i;

	memset(&f, 0, sizeof(f));
	f.agency_id = u->agency_id;
	f.phase = -1;
	for (i = 0; i < APPLY_PH__MAX; i++)
		if (strcmp(state, apply_phase_name((enum apply_phase)i)) == 0)
			f.phase = i;
	f.full = 1;
	gk_buf_clear(&resp->body);
	e = gk_doc_apply_xlsx(ctx->db, u->login, &f, &resp->body, NULL, err, errlen);
	if (e == GK_ECONFLICT) {
		f.full = 0;
		gk_buf_clear(&resp->body);
		e = gk_doc_apply_xlsx(ctx->db, u->login, &f, &resp->body, NULL, err, errlen);
	}
	if (e != GK_OK) {
		gk_buf_clear(&resp->body);
		if (e == GK_ENOMEM)
			return e;
		return gk_admin_error(resp, ctx, u, 503, "暂不能生成申请列表的 XLSX 文件");
	}
	resp->status = 200;
	resp->cacheable = 0;
	resp->content_type = gk_doc_mime(GK_DOC_XLSX);
	snprintf(resp->disposition, sizeof(resp->disposition),
	    "attachment; filename=\"applications.xlsx\"");
	return resp->body.err;
}

/* ---- intake ---- */

enum { IF_CHANNEL, IF_TYPE, IF_NAME, IF_IDNO, IF_PHONE, IF_EMAIL, IF_ADDRESS, IF_REQUEST,
	IF_DELIVERY, IF_RECEIVED, IF__MAX };

static const char *const if_names[IF__MAX] = {
	"channel", "type", "name", "idno", "phone", "email", "address", "request", "delivery",
	"received",
};

static const char *const if_labels[IF__MAX] = {
	"申请渠道", "申请人类型", "姓名或者名称", "身份证件号码或统一社会信用代码", "联系电话",
	"电子邮件", "通信地址", "所需政府信息的名称或描述", "获取信息的方式", "收到申请之日",
};

/* One field through the store's intake rules (gk_apply_intake_check, as the public form). */
static int
intake_probe(int field, const char *v, const struct gk_web_ctx *ctx, char *msg, size_t len)
{
	return gk_apply_intake_field_ok((enum gk_apply_field)(field - IF_NAME), v, ctx->cal,
	    ctx->today, msg, len);
}

/* Checks every field into msgs and fills in; returns how many are bad. */
static int
intake_validate(const struct gk_web_ctx *ctx, const struct gk_web_req *req,
    struct gk_apply_intake *in, char msgs[IF__MAX][AA_MSG])
{
	int f, bad = 0;

	memset(msgs, 0, sizeof(char[IF__MAX][AA_MSG]));
	memset(in, 0, sizeof(*in));
	in->received = GK_DATE_NONE;
	if (!apply_channel_from_name(aa_arg(req, "channel"), &in->channel) ||
	    strcmp(aa_arg(req, "channel"), apply_channel_name(in->channel)) != 0)
		snprintf(msgs[IF_CHANNEL], AA_MSG, "请选择申请渠道");
	if (!apply_applicant_from_name(aa_arg(req, "type"), &in->type) ||
	    strcmp(aa_arg(req, "type"), apply_applicant_name(in->type)) != 0)
		snprintf(msgs[IF_TYPE], AA_MSG, "请选择申请人类型");
	for (f = IF_NAME; f <= IF_DELIVERY; f++) {
		const char *v = aa_arg(req, if_names[f]);

		if ((f == IF_NAME || f == IF_REQUEST) && aa_blank(v))
			snprintf(msgs[f], AA_MSG, "请填写%s", if_labels[f]);
		else if (!aa_blank(v))
			intake_probe(f, v, ctx, msgs[f], AA_MSG);
	}
	if (aa_blank(aa_arg(req, "phone")) && aa_blank(aa_arg(req, "email")) &&
	    aa_blank(aa_arg(req, "address")) && msgs[IF_PHONE][0] == '\0')
		snprintf(msgs[IF_PHONE], AA_MSG, "联系电话、电子邮件、通信地址至少填写一项"
		    "（条例第二十九条）");
	if (!aa_date(aa_arg(req, "received"), &in->received))
		snprintf(msgs[IF_RECEIVED], AA_MSG, "请按 YYYY-MM-DD 填写收到申请之日");
	else if (in->received > ctx->today)
		snprintf(msgs[IF_RECEIVED], AA_MSG, "收到申请之日不能晚于今天");
	in->name = aa_arg(req, "name");
	in->idno = aa_arg(req, "idno");
	in->phone = aa_arg(req, "phone");
	in->email = aa_arg(req, "email");
	in->address = aa_arg(req, "address");
	in->request = aa_arg(req, "request");
	in->delivery = aa_arg(req, "delivery");
	for (f = 0; f < IF__MAX; f++)
		bad += msgs[f][0] != '\0';
	return bad;
}

static void
field_open(struct gk_buf *b, int f, const char *msg, const char *hint)
{
	int bad = msg[0] != '\0';

	gk_html(b, "<div class=\"field%s\">\n<label for=\"f-%s\">%s</label>\n", bad ? " invalid" : "",
	    if_names[f], if_labels[f]);
	if (hint != NULL)
		gk_html(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n", if_names[f], hint);
}

static void
field_close(struct gk_buf *b, int f, const char *msg)
{
	if (msg[0] != '\0')
		gk_html(b, "<p class=\"field-error\" id=\"f-%s-err\"><strong>错误：</strong>%s</p>\n",
		    if_names[f], msg);
	gk_html_raw(b, "</div>\n");
}

static void
text_field(struct gk_buf *b, const struct gk_web_req *req, int f, const char *msg,
    const char *hint, int area)
{
	field_open(b, f, msg, hint);
	if (area)
		gk_html(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"6\" cols=\"60\"", if_names[f],
		    if_names[f]);
	else
		gk_html(b, "<input id=\"f-%s\" name=\"%s\" size=\"40\"", if_names[f], if_names[f]);
	if (msg[0] != '\0')
		gk_html(b, " aria-invalid=\"true\" aria-describedby=\"f-%s-err\"", if_names[f]);
	if (area)
		gk_html(b, ">%s</textarea>\n", aa_arg(req, if_names[f]));
	else
		gk_html(b, " value=\"%s\">\n", aa_arg(req, if_names[f]));
	field_close(b, f, msg);
}

static enum gk_err
intake_page(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char msgs[IF__MAX][AA_MSG],
    const char *general, int status)
{
	struct gk_buf	*b = &resp->body;
	const char	*v;
	char		 today[GK_DATE_LEN];
	int		 i, posted = status != 200;

	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "登记申请", "applications");
	gk_html_raw(b, "<h1>登记政府信息公开申请</h1>\n<p>当面、邮寄、传真、电子邮件或其他渠道收到的"
	    "申请在此登记；收到申请之日按条例第三十一条确定，答复期限由系统按工作日计算。</p>\n");
	if (posted)
		aa_error_note(b, general != NULL && general[0] != '\0' ? general :
		    "请修改标出的项目后重新提交");
	gk_html_raw(b, "<form method=\"post\" action=\"" APPS "/new\" accept-charset=\"utf-8\">\n");
	gk_admin_csrf_field(b, u);
	field_open(b, IF_CHANNEL, msgs[IF_CHANNEL], NULL);
	gk_html_raw(b, "<select id=\"f-channel\" name=\"channel\">\n");
	v = aa_arg(req, "channel");
	if (!posted && v[0] == '\0')
		v = apply_channel_name(APPLY_CH_IN_PERSON);	/* the officer's usual case */
	for (i = 0; i < APPLY_CH__MAX; i++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>\n", apply_channel_name((enum apply_channel)i),
		    strcmp(v, apply_channel_name((enum apply_channel)i)) == 0 ? " selected" : "",
		    apply_channel_label((enum apply_channel)i));
	gk_html_raw(b, "</select>\n<ul class=\"hint\">\n");
	for (i = 0; i < APPLY_CH__MAX; i++)
		gk_html(b, "<li>%s：%s</li>\n", apply_channel_label((enum apply_channel)i),
		    apply_channel_receipt_rule((enum apply_channel)i));
	gk_html_raw(b, "</ul>\n");
	field_close(b, IF_CHANNEL, msgs[IF_CHANNEL]);
	field_open(b, IF_RECEIVED, msgs[IF_RECEIVED], "按所选渠道的规则确定（条例第三十一条），"
	    "格式 YYYY-MM-DD，不晚于今天");
	v = aa_arg(req, "received");
	gk_html(b, "<input id=\"f-received\" name=\"received\" type=\"date\" value=\"%s\">\n",
	    posted || v[0] != '\0' ? v : aa_today(ctx, today));
	field_close(b, IF_RECEIVED, msgs[IF_RECEIVED]);
	field_open(b, IF_TYPE, msgs[IF_TYPE], "按年度报告的分类选择");
	gk_html_raw(b, "<select id=\"f-type\" name=\"type\">\n");
	v = aa_arg(req, "type");
	for (i = 0; i < APPLY_AP__MAX; i++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>\n",
		    apply_applicant_name((enum apply_applicant)i),
		    strcmp(v, apply_applicant_name((enum apply_applicant)i)) == 0 ? " selected" : "",
		    apply_applicant_label((enum apply_applicant)i));
	gk_html_raw(b, "</select>\n");
	field_close(b, IF_TYPE, msgs[IF_TYPE]);
	text_field(b, req, IF_NAME, msgs[IF_NAME], "自然人填写姓名；法人或者其他组织填写全称", 0);
	text_field(b, req, IF_IDNO, msgs[IF_IDNO], "选填", 0);
	text_field(b, req, IF_PHONE, msgs[IF_PHONE], "联系电话、电子邮件、通信地址至少填写一项", 0);
	text_field(b, req, IF_EMAIL, msgs[IF_EMAIL], NULL, 0);
	text_field(b, req, IF_ADDRESS, msgs[IF_ADDRESS], NULL, 0);
	text_field(b, req, IF_REQUEST, msgs[IF_REQUEST], "信息的名称、文号或者便于查询的特征性描述",
	    1);
	text_field(b, req, IF_DELIVERY, msgs[IF_DELIVERY], "例如 纸质文本（邮寄）、电子邮件、当面领取",
	    0);
	gk_html_raw(b, "<p><button type=\"submit\">登记</button></p>\n</form>\n");
	gk_admin_end(b);
	return aa_done(resp, status);
}

static enum gk_err
intake(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	char			 msgs[IF__MAX][AA_MSG], general[AA_MSG] = "", path[64];
	struct gk_apply_intake	 in;
	int64_t			 id = 0;
	enum gk_err		 e;
	int			 st;

	memset(msgs, 0, sizeof(msgs));
	if (strcmp(req->method, "POST") != 0)
		return intake_page(ctx, req, u, resp, msgs, NULL, 200);
	if (intake_validate(ctx, req, &in, msgs) > 0)
		return intake_page(ctx, req, u, resp, msgs, NULL, 400);
	e = gk_apply_new(ctx->db, u->login, u->agency_id, &in, ctx->cal, ctx->now, &id, NULL,
	    general, sizeof(general));
	if (e != GK_OK) {
		if ((st = aa_status(e)) == 0) {
			snprintf(err, errlen, "%s", general);
			return e;
		}
		return intake_page(ctx, req, u, resp, msgs, general, st == 404 ? 400 : st);
	}
	snprintf(path, sizeof(path), APPS "/%lld", (long long)id);
	gk_admin_redirect(resp, path);
	return GK_OK;
}

/* ---- the application's screen ---- */

/* The event's details column. */
static void
event_details(struct gk_buf *b, const struct apply_event *ev)
{
	char d[GK_DATE_LEN];

	switch (ev->kind) {
	case APPLY_EV_CORRECT:
		gk_html(b, "补正期限至 %s", fmt_date(ev->until, d));
		break;
	case APPLY_EV_EXTEND:
		gk_html(b, "延长 %d 个工作日", ev->days);
		break;
	case APPLY_EV_FEE:
		gk_html(b, "信息处理费 %lld.%lld%lld 元", (long long)(ev->amount / 100),
		    (long long)(ev->amount % 100 / 10), (long long)(ev->amount % 10));
		break;
	case APPLY_EV_ANSWER:
		gk_html(b, "%s（%s）", apply_outcomes[ev->outcome].label,
		    apply_outcomes[ev->outcome].basis);
		break;
	default:
		break;
	}
}

static const char *
pause_label(enum apply_ev why)
{
	switch (why) {
	case APPLY_EV_CORRECT: return "补正";
	case APPLY_EV_CONSULT: return "征求第三方意见";
	case APPLY_EV_FEE: return "收费";
	default: return apply_ev_label(why);
	}
}

static void
clock_box(struct gk_buf *b, const struct gk_apply *a)
{
	const struct apply_status	*s = &a->status;
	char				 d1[GK_DATE_LEN], d2[GK_DATE_LEN];
	size_t				 i;

	gk_html_raw(b, "<section class=\"clock\" aria-labelledby=\"h-clock\">\n"
	    "<h2 id=\"h-clock\">法定期限</h2>\n<dl>\n");
	gk_html(b, "<dt>收到申请之日</dt><dd>%s（%s：%s）</dd>\n", fmt_date(s->received, d1),
	    apply_channel_label(a->channel), apply_channel_receipt_rule(a->channel));
	if (s->corrected != GK_DATE_NONE)
		gk_html(b, "<dt>补正后收到之日（重新计时）</dt><dd>%s</dd>\n",
		    fmt_date(s->corrected, d1));
	if (a->replay_err[0] != '\0')
		gk_html(b, "<dt>期限</dt><dd class=\"warn\">无法计算：%s</dd>\n", a->replay_err);
	if (s->phase == APPLY_PH_CLOSED) {
		gk_html(b, "<dt>办结</dt><dd>%s，%s%s</dd>\n", fmt_date(s->closed, d1),
		    apply_outcomes[s->outcome].label, s->late ? "（超过法定期限）" :
		    s->immediate ? "（当场答复）" : "（在法定期限内）");
		if (s->due != GK_DATE_NONE)
			gk_html(b, "<dt>答复期限</dt><dd>%s</dd>\n", fmt_date(s->due, d1));
	} else if (a->replay_err[0] == '\0') {
		gk_html(b, "<dt>答复期限</dt><dd><strong id=\"due\">%s</strong>%s</dd>\n",
		    fmt_date(s->due, d1), s->phase == APPLY_PH_CORRECTING ?
		    "（待补正：补正后重新计算）" : "");
		if (s->late)
			gk_html(b, "<dt>剩余工作日</dt><dd class=\"late\" id=\"days-left\"><strong>"
			    "已逾期 %ld 个工作日</strong></dd>\n", -s->days_left);
		else
			gk_html(b, "<dt>剩余工作日</dt><dd id=\"days-left\">%ld</dd>\n", s->days_left);
	}
	if (s->extended > 0)
		gk_html(b, "<dt>已延期</dt><dd>%d 个工作日</dd>\n", s->extended);
	if (s->phase == APPLY_PH_CORRECTING && s->correct_until != GK_DATE_NONE)
		gk_html(b, "<dt>补正期限</dt><dd>%s</dd>\n", fmt_date(s->correct_until, d1));
	if (s->phase == APPLY_PH_CONSULTING && s->consult_until != GK_DATE_NONE)
		gk_html(b, "<dt>第三方答复期限</dt><dd>%s</dd>\n", fmt_date(s->consult_until, d1));
	if (s->phase == APPLY_PH_FEE && s->pay_until != GK_DATE_NONE)
		gk_html(b, "<dt>缴费期限</dt><dd>%s</dd>\n", fmt_date(s->pay_until, d1));
	gk_html_raw(b, "</dl>\n");
	if (s->npauses > 0) {
		gk_html_raw(b, "<table class=\"list\"><caption>不计入期限的期间</caption>\n"
		    "<thead><tr><th scope=\"col\">原因</th><th scope=\"col\">自</th>"
		    "<th scope=\"col\">至</th></tr></thead><tbody>\n");
		for (i = 0; i < s->npauses; i++)
			gk_html(b, "<tr><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    pause_label(s->pauses[i].why), fmt_date(s->pauses[i].from, d1),
			    s->pauses[i].to == GK_DATE_NONE ? "（尚未结束）" :
			    fmt_date(s->pauses[i].to, d2));
		gk_html_raw(b, "</tbody></table>\n");
	}
	gk_html_raw(b, "</section>\n");
}

/* The action forms; the one that failed (act) shows msg and the entered values. */
struct act_ctx {
	struct gk_buf			*b;
	const struct gk_web_req		*req;
	const struct gk_admin_user	*u;
	int64_t				 id;
	const char			*act;	/* the action that failed, or "" */
	const char			*msg;
	char				 today[GK_DATE_LEN];
	int				 corrects;	/* 补正 notices so far (one is allowed) */
	const char			*info;	/* the fee quote asked for, or "" */
};

static const char *
val(const struct act_ctx *c, const char *act, const char *name, const char *dflt)
{
	if (strcmp(c->act, act) == 0)
		return aa_arg(c->req, name);
	return dflt;
}

static void
form_open(const struct act_ctx *c, const char *act, const char *title)
{
	gk_html(c->b, "<form method=\"post\" action=\"" APPS "/%lld/%s\" class=\"action\" "
	    "id=\"act-%s\" accept-charset=\"utf-8\">\n<fieldset><legend>%s</legend>\n",
	    (long long)c->id, act, act, title);
	gk_admin_csrf_field(c->b, c->u);
	if (strcmp(c->act, act) == 0)
		aa_error_note(c->b, c->msg);
}

static void
date_input(const struct act_ctx *c, const char *act, const char *name, const char *label)
{
	gk_html(c->b, "<label for=\"%s-%s\">%s</label> <input id=\"%s-%s\" name=\"%s\" type=\"date\""
	    " value=\"%s\">\n", act, name, label, act, name, name,
	    val(c, act, name, strcmp(name, "date") == 0 ? c->today : ""));
}

static void
text_input(const struct act_ctx *c, const char *act, const char *name, const char *label)
{
	gk_html(c->b, "<label for=\"%s-%s\">%s</label> <input id=\"%s-%s\" name=\"%s\" size=\"30\""
	    " value=\"%s\">\n", act, name, label, act, name, name, val(c, act, name, ""));
}

static void
form_close(const struct act_ctx *c, const char *button)
{
	gk_html(c->b, "<button type=\"submit\">%s</button>\n</fieldset></form>\n", button);
}

/* 1 when the form of act is shown in phase ph. */
static int
form_shown(const char *act, enum apply_phase ph)
{
	if (ph == APPLY_PH_CLOSED)
		return 0;
	if (strcmp(act, "withdraw") == 0)
		return 1;
	if (strcmp(act, "corrected") == 0)
		return ph == APPLY_PH_CORRECTING;
	if (strcmp(act, "consulted") == 0)
		return ph == APPLY_PH_CONSULTING;
	if (strcmp(act, "paid") == 0)
		return ph == APPLY_PH_FEE;
	return ph == APPLY_PH_PROCESSING && (strcmp(act, "correct") == 0 ||
	    strcmp(act, "consult") == 0 || strcmp(act, "extend") == 0 || strcmp(act, "fee") == 0);
}

/* The forms of a date, maybe a deadline and a note (form_shown decides where). */
struct simple_form {
	const char	*act, *legend, *date, *until, *note, *button;
};

static const struct simple_form simple[] = {
	{ "correct", "补正告知（条例第三十条：收到申请之日起 7 个工作日内，一次性告知）", "告知日期",
	    "补正期限", "需补正的事项", "记录补正告知" },
	{ "corrected", "收到补正（答复期限自收到补正之日起重新计算）", "收到补正之日", NULL, "备注",
	    "记录已补正" },
	{ "consult", "征求第三方意见（条例第三十二条：征求意见期间不计入答复期限）", "发出日期", NULL,
	    "征求意见的对象", "记录征求意见" },
	{ "consulted", "收到第三方意见", "收到日期", NULL, "意见摘要", "记录已收到意见" },
	{ "paid", "已缴费", "缴费日期", NULL, NULL, "记录已缴费" },
	{ "withdraw", "申请人撤回申请（按“其他处理”办结）", "撤回日期", NULL, "说明", "记录撤回" },
};

/* The simple forms from..to-1 that phase ph shows. */
static void
simple_forms(struct act_ctx *c, enum apply_phase ph, size_t from, size_t to)
{
	size_t i;

	for (i = from; i < to; i++) {
		const struct simple_form *f = &simple[i];

		if (!form_shown(f->act, ph) ||
		    (strcmp(f->act, "correct") == 0 && c->corrects > 0))
			continue;
		form_open(c, f->act, f->legend);
		date_input(c, f->act, "date", f->date);
		if (f->until != NULL)
			date_input(c, f->act, "until", f->until);
		if (f->note != NULL)
			text_input(c, f->act, "note", f->note);
		form_close(c, f->button);
	}
}

static void
actions(struct act_ctx *c, const struct gk_apply *a)
{
	enum apply_phase ph = a->status.phase;

	gk_html_raw(c->b, "<section aria-labelledby=\"h-act\">\n<h2 id=\"h-act\">办理</h2>\n");
	/* a refused step whose form this phase does not show: its message here */
	if (c->act[0] != '\0' && (!form_shown(c->act, ph) ||
	    (strcmp(c->act, "correct") == 0 && c->corrects > 0)))
		aa_error_note(c->b, c->msg);
	if (ph == APPLY_PH_CLOSED) {
		gk_html(c->b, "<p>本申请已办结。<a href=\"" APPS "/%lld/letter\">查看答复告知书</a></p>\n"
		    "</section>\n", (long long)c->id);
		return;
	}
	/* the forms only for who may act: the store's roles in the application's own agency */
	if (!a->full || a->agency_id != c->u->agency_id) {
		gk_html_raw(c->b, "<p>本申请由该机构的信息公开工作人员办理，您可以查看办理情况。</p>\n"
		    "</section>\n");
		return;
	}
	gk_html(c->b, "<p><a class=\"button\" href=\"" APPS "/%lld/letter\">答复（选择办理结果，"
	    "生成并编辑告知书）</a></p>\n", (long long)c->id);
	simple_forms(c, ph, 0, 4);
	if (ph == APPLY_PH_PROCESSING) {
		form_open(c, "extend", "延期答复（条例第三十三条：经批准，延长不超过 20 个工作日）");
		date_input(c, "extend", "date", "决定日期");
		gk_html(c->b, "<label for=\"extend-days\">延长工作日</label> <input id=\"extend-days\""
		    " name=\"days\" size=\"4\" inputmode=\"numeric\" value=\"%s\">\n",
		    val(c, "extend", "days", "20"));
		text_input(c, "extend", "approver", "批准人（必填）");
		text_input(c, "extend", "reason", "延期理由");
		form_close(c, "记录延期");
		form_open(c, "fee", "收费通知（国办函〔2020〕109号：按系统计算的信息处理费发出）");
		date_input(c, "fee", "date", "通知日期");
		gk_html(c->b, "<label for=\"fee-method\">计收方式</label> <select id=\"fee-method\""
		    " name=\"method\"><option value=\"item\"%s>按件计收</option><option"
		    " value=\"volume\"%s>按量计收</option></select>\n",
		    strcmp(val(c, "fee", "method", "item"), "volume") != 0 ? " selected" : "",
		    strcmp(val(c, "fee", "method", "item"), "volume") == 0 ? " selected" : "");
		gk_html(c->b, "<label for=\"fee-count\">件数或页数</label> <input id=\"fee-count\""
		    " name=\"count\" size=\"6\" inputmode=\"numeric\" value=\"%s\">\n",
		    val(c, "fee", "count", ""));
		if (c->info[0] != '\0')
			gk_html(c->b, "<p class=\"notice\" id=\"fee-quote\" role=\"status\">%s</p>\n",
			    c->info);
		gk_html_raw(c->b, "<button type=\"submit\" name=\"op\" value=\"quote\">试算（不记录）"
		    "</button>\n");
		form_close(c, "计算并记录收费通知");
	}
	simple_forms(c, ph, 4, sizeof(simple) / sizeof(simple[0]));
	gk_html_raw(c->b, "</section>\n");
}

/* Loads application id for the user: full view when the store allows, else masked. */
static enum gk_err
load(struct gk_web_ctx *ctx, const struct gk_admin_user *u, int64_t id, struct gk_apply *a,
    char *err, size_t errlen)
{
	enum gk_err e;

	memset(a, 0, sizeof(*a));
	e = gk_apply_get(ctx->db, u->login, id, 1, ctx->cal, ctx->now, a, err, errlen);
	if (e == GK_ECONFLICT) {
		gk_apply_clear(a);
		e = gk_apply_get(ctx->db, u->login, id, 0, ctx->cal, ctx->now, a, err, errlen);
	}
	if (e == GK_OK && !aa_may_read(ctx, u, a->agency_id)) {
		gk_apply_clear(a);
		snprintf(err, errlen, "申请不存在");
		return GK_ENOTFOUND;
	}
	return e;
}

static enum gk_err
app_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    int64_t id, const char *act, const char *msg, const char *info, int status,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_apply	 a;
	struct gk_buf	*b = &resp->body;
	struct act_ctx	 c;
	char		 title[64], d[GK_DATE_LEN];
	size_t		 i;
	enum gk_err	 e;

	if ((e = load(ctx, u, id, &a, err, errlen)) != GK_OK) {
		if (e == GK_ENOTFOUND)
			return gk_admin_error(resp, ctx, u, 404, "申请不存在");
		return e;
	}
	gk_buf_clear(b);
	snprintf(title, sizeof(title), "申请 %s", a.code);
	gk_admin_begin(b, ctx, u, title, "applications");
	gk_html(b, "<p><a href=\"" APPS "\">依申请公开</a> › 申请 %s</p>\n", a.code);
	gk_html(b, "<h1>申请 <span class=\"code\">%s</span> <span class=\"state\" id=\"state\">%s</span>"
	    "</h1>\n", a.code, apply_phase_label(a.status.phase));
	if (a.closed_ok)
		gk_html(b, "<p id=\"outcome\">办理结果：<strong>%s</strong></p>\n",
		    apply_outcomes[a.outcome].label);
	gk_html_raw(b, "<section aria-labelledby=\"h-who\">\n<h2 id=\"h-who\">申请人与申请内容</h2>\n");
	if (!a.full)
		gk_html_raw(b, "<p class=\"hint\">申请人的个人信息已按规定遮盖。</p>\n");
	gk_html(b, "<dl>\n<dt>申请人类型</dt><dd>%s</dd>\n<dt>姓名或者名称</dt><dd>%s</dd>\n",
	    apply_applicant_label(a.type), a.name);
	if (a.idno[0] != '\0')
		gk_html(b, "<dt>身份证件号码</dt><dd>%s</dd>\n", a.idno);
	if (a.phone[0] != '\0')
		gk_html(b, "<dt>联系电话</dt><dd>%s</dd>\n", a.phone);
	if (a.email[0] != '\0')
		gk_html(b, "<dt>电子邮件</dt><dd>%s</dd>\n", a.email);
	if (a.address[0] != '\0')
		gk_html(b, "<dt>通信地址</dt><dd>%s</dd>\n", a.address);
	gk_html(b, "<dt>申请渠道</dt><dd>%s</dd>\n<dt>所需信息</dt><dd class=\"pre\">%s</dd>\n",
	    apply_channel_label(a.channel), a.request);
	if (a.delivery[0] != '\0')
		gk_html(b, "<dt>获取方式</dt><dd>%s</dd>\n", a.delivery);
	gk_html_raw(b, "</dl>\n</section>\n");
	clock_box(b, &a);
	gk_html_raw(b, "<section aria-labelledby=\"h-timeline\">\n<h2 id=\"h-timeline\">办理过程</h2>\n"
	    "<table class=\"list timeline\">\n<thead><tr><th scope=\"col\">日期</th>"
	    "<th scope=\"col\">事项</th><th scope=\"col\">详情</th><th scope=\"col\">备注</th>"
	    "<th scope=\"col\">经办人</th><th scope=\"col\">记录时间</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < a.nevents; i++) {
		const struct gk_apply_event_row *r = &a.events[i];

		gk_html(b, "<tr><td>%s</td><td>%s</td><td>", fmt_date(r->ev.date, d),
		    apply_ev_label(r->ev.kind));
		event_details(b, &r->ev);
		gk_html(b, "</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    r->note != NULL ? r->note : "", r->actor, r->recorded_at);
	}
	gk_html_raw(b, "</tbody></table>\n</section>\n");
	memset(&c, 0, sizeof(c));
	c.b = b;
	c.req = req;
	c.u = u;
	c.id = id;
	c.act = act != NULL ? act : "";
	c.msg = msg != NULL ? msg : "";
	c.info = info != NULL ? info : "";
	aa_today(ctx, c.today);
	for (i = 0; i < a.nevents; i++)
		c.corrects += a.events[i].ev.kind == APPLY_EV_CORRECT;
	actions(&c, &a);
	gk_admin_end(b);
	gk_apply_clear(&a);
	return aa_done(resp, status);
}

/* POST /admin/applications/{id}/{act}: one event through the store. */
static enum gk_err
app_act(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    int64_t id, const char *act, struct gk_web_resp *resp, char *err, size_t errlen)
{
	static const struct { const char *name; enum apply_ev kind; } acts[] = {
		{ "correct", APPLY_EV_CORRECT }, { "corrected", APPLY_EV_CORRECTED },
		{ "consult", APPLY_EV_CONSULT }, { "consulted", APPLY_EV_CONSULTED },
		{ "extend", APPLY_EV_EXTEND }, { "fee", APPLY_EV_FEE },
		{ "paid", APPLY_EV_PAID }, { "withdraw", APPLY_EV_WITHDRAW },
	};
	struct apply_event	 ev;
	struct gk_apply		 a;
	struct gk_buf		 note;
	char			 msg[AA_MSG] = "", path[96];
	const char		*name = NULL;
	size_t			 i;
	long			 n;
	enum gk_err		 e;
	int			 st;

	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (strcmp(act, acts[i].name) == 0)
			name = acts[i].name;
	if (name == NULL)
		return gk_admin_error(resp, ctx, u, 404, "页面不存在");
	/* the record first: another agency's application is 404, whatever the form says */
	if ((e = load(ctx, u, id, &a, err, errlen)) != GK_OK) {
		if (e == GK_ENOTFOUND)
			return gk_admin_error(resp, ctx, u, 404, "申请不存在");
		return e;
	}
	gk_apply_clear(&a);
	memset(&ev, 0, sizeof(ev));
	ev.until = GK_DATE_NONE;
	for (i = 0; i < sizeof(acts) / sizeof(acts[0]); i++)
		if (strcmp(act, acts[i].name) == 0)
			ev.kind = acts[i].kind;
	gk_buf_init(&note, 0);
	if (!aa_date(aa_arg(req, "date"), &ev.date))
		snprintf(msg, sizeof(msg), "请按 YYYY-MM-DD 填写日期");
	else if (ev.kind == APPLY_EV_CORRECT && !aa_date(aa_arg(req, "until"), &ev.until))
		snprintf(msg, sizeof(msg), "请按 YYYY-MM-DD 填写补正期限");
	else if (ev.kind == APPLY_EV_EXTEND) {
		if (!aa_long(aa_arg(req, "days"), 1, 20, &n))
			snprintf(msg, sizeof(msg), "延长的工作日须为 1 至 20 的整数");
		else if (aa_blank(aa_arg(req, "approver")))
			snprintf(msg, sizeof(msg), "请填写批准延期的负责人（条例第三十三条：延长答复期限"
			    "应当经政府信息公开工作机构负责人同意）");
		else {
			ev.days = (int)n;
			gk_buf_printf(&note, "批准人：%s", aa_arg(req, "approver"));
			if (!aa_blank(aa_arg(req, "reason")))
				gk_buf_printf(&note, "；理由：%s", aa_arg(req, "reason"));
		}
	} else if (ev.kind == APPLY_EV_FEE) {
		enum fee_method	 m;
		struct gk_buf	 ex;

		if (!fee_method_from_name(aa_arg(req, "method"), &m))
			snprintf(msg, sizeof(msg), "请选择计收方式");
		else if (!aa_long(aa_arg(req, "count"), 1, 1000000, &n))
			snprintf(msg, sizeof(msg), "件数或页数须为正整数");
		else {
			gk_buf_init(&ex, 0);
			e = gk_apply_fee_quote(ctx->db, id, m, n, &ev.amount, &ex, msg, sizeof(msg));
			if (e == GK_OK && strcmp(aa_arg(req, "op"), "quote") == 0) {
				/* the quote only: shown in the form, nothing recorded */
				char q[AA_MSG * 2];

				snprintf(q, sizeof(q), "%s：%lld.%02lld 元。%s", fee_method_label(m),
				    (long long)(ev.amount / 100), (long long)(ev.amount % 100),
				    ex.data != NULL ? ex.data : "");
				gk_buf_clear(&ex);
				gk_buf_clear(&note);
				return app_page(ctx, req, u, id, "fee", "", q, 200, resp, err, errlen);
			}
			if (e == GK_OK) {
				msg[0] = '\0';
				gk_buf_puts(&note, ex.data != NULL ? ex.data : "");
			} else if (aa_status(e) == 0) {
				gk_buf_clear(&ex);
				gk_buf_clear(&note);
				snprintf(err, errlen, "%s", msg);
				return e;
			}
			gk_buf_clear(&ex);
		}
	}
	if (msg[0] == '\0' && ev.kind != APPLY_EV_EXTEND && ev.kind != APPLY_EV_FEE)
		gk_buf_puts(&note, aa_arg(req, "note"));
	if (note.err != GK_OK) {
		gk_buf_clear(&note);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	if (msg[0] != '\0') {
		gk_buf_clear(&note);
		return app_page(ctx, req, u, id, act, msg, NULL, 400, resp, err, errlen);
	}
	e = gk_apply_act(ctx->db, u->login, id, &ev, note.data != NULL ? note.data : "", ctx->now,
	    ctx->cal, NULL, msg, sizeof(msg));
	gk_buf_clear(&note);
	if (e != GK_OK) {
		if ((st = aa_status(e)) == 0) {
			snprintf(err, errlen, "%s", msg);
			return e;
		}
		return app_page(ctx, req, u, id, act, msg, NULL, st == 404 ? 409 : st, resp, err,
		    errlen);
	}
	snprintf(path, sizeof(path), APPS "/%lld", (long long)id);
	gk_admin_redirect(resp, path);
	return GK_OK;
}

/* ---- the area ---- */

enum gk_err
gk_admin_apply(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	const char	*p = req->path, *rest;
	int		 post = strcmp(req->method, "POST") == 0;
	int64_t		 id;

	if (strncmp(p, "/admin/cases", 12) == 0)
		return aa_cases(ctx, req, u, resp, err, errlen);
	if (strncmp(p, "/admin/figures", 14) == 0)
		return aa_figures(ctx, req, u, resp, err, errlen);
	if (strncmp(p, "/admin/consultations", 20) == 0)
		return aa_consultations(ctx, req, u, resp, err, errlen);
	if (strcmp(p, APPS) == 0 || strcmp(p, APPS "/") == 0) {
		if (post)
			return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
		return apps_list(ctx, req, u, resp, err, errlen);
	}
	if (strcmp(p, APPS "/new") == 0)
		return intake(ctx, req, u, resp, err, errlen);
	if (strcmp(p, APPS "/export.xlsx") == 0 && !post)
		return apps_xlsx(ctx, req, u, resp, err, errlen);
	if (!aa_path_id(p, APPS, &id, &rest))
		return GK_ENOTFOUND;
	if (rest[0] == '\0') {
		if (post)
			return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
		return app_page(ctx, req, u, id, NULL, NULL, NULL, 200, resp, err, errlen);
	}
	if (strncmp(rest, "letter", 6) == 0)
		return aa_letter(ctx, req, u, id, rest, resp, err, errlen);
	if (!post)
		return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
	return app_act(ctx, req, u, id, rest, resp, err, errlen);
}
