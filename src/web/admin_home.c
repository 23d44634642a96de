/*
 * admin_home.c — the back office's dashboard, GET /admin/ (docs/admin-items.md):
 * what waits for the signed-in user, by role —
 *
 *   我的待办       items waiting for this user's role: 分管领导 the submitted,
 *                  主要领导 the reviewed, 信息公开工作人员 the approved (to
 *                  publish), 科室拟稿人 their own drafts (returned ones with
 *                  the last comment);
 *   发布时限       unpublished items late or due within 3 working days
 *                  (gk_item_overdue: the timeliness rules), days in working days;
 *                  the 政务公开办 also sees its government's agencies';
 *   依申请公开     open applications late or due within 5 working days
 *                  (gk_apply_overdue), for officers, 政务公开办 and admins;
 *   留言咨询       consultations waiting for an answer, with the working days
 *                  since they were asked;
 *   年度报告       last year's report (due this year, 条例第四十九条): the
 *                  narrative texts written, the rules' check, published or not;
 *   渠道同步       the sync check and the website self-check, counted, with
 *                  links to /admin/channels and /admin/check (admin_channels.c).
 *
 * Every line links to the record's screen. Nothing here changes anything.
 */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/report.h"
#include "core/report_check.h"
#include "core/report_gen.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/consultation.h"
#include "store/item.h"
#include "store/report_data.h"
#include "web/admin.h"
#include "web/admin_channels.h"
#include "web/html.h"

#define HOME_QUEUE_MAX		20
#define HOME_ITEM_WINDOW	3	/* working days: "due soon" for items */
#define HOME_APPLY_WINDOW	5	/* working days: "due soon" for applications */
#define HOME_LIST_MAX		20

/* The item queue of one role: the items in state st, newest first. */
static enum gk_err
queue_items(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    enum wf_state st, const char *what, int64_t only_drafter, size_t *shown)
{
	struct gk_item_filter	 f;
	struct gk_item_list	 l;
	struct gk_item_reviews	 r;
	char			 err[256];
	size_t			 i;
	enum gk_err		 e;

	memset(&f, 0, sizeof(f));
	f.agency_id = u->agency_id;
	f.state = (int)st;
	f.limit = only_drafter ? 200 : HOME_QUEUE_MAX;	/* newest 200 drafts: the drafter's among them */
	if ((e = gk_item_list(ctx->db, &f, &l, err, sizeof(err))) != GK_OK)
		return e;
	for (i = 0; i < l.n && *shown < HOME_QUEUE_MAX; i++) {
		if (only_drafter && l.v[i].drafter_id != only_drafter)
			continue;
		(*shown)++;
		gk_html(b, "<li><a href=\"/admin/items/%lld\">%s</a> <span class=\"what\">%s</span>",
		    (long long)l.v[i].id, item_meta_get(&l.v[i].meta, ITEM_F_TITLE), what);
		if (st == WF_DRAFT && gk_item_reviews(ctx->db, l.v[i].id, &r, err,
		    sizeof(err)) == GK_OK) {
			if (r.n > 0 && !r.v[r.n - 1].pass)
				gk_html(b, " <span class=\"returned\">已退回：%s</span>",
				    r.v[r.n - 1].comment ? r.v[r.n - 1].comment : "");
			gk_item_reviews_free(&r);
		}
		gk_html_raw(b, "</li>\n");
	}
	gk_item_list_free(&l);
	return GK_OK;
}

static enum gk_err
section_queue(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u)
{
	struct gk_item_actor	 ac;
	char			 err[256];
	size_t			 shown = 0;
	enum gk_err		 e = GK_OK;

	gk_html_raw(b, "<section aria-labelledby=\"h-queue\"><h2 id=\"h-queue\">我的待办</h2>\n<ul>\n");
	if (GK_ADMIN_HAS(u, WF_ROLE_DRAFTER) &&
	    gk_item_actor_lookup(ctx->db, u->login, &ac, err, sizeof(err)) == GK_OK)
		e = queue_items(b, ctx, u, WF_DRAFT, "草稿（待提交）", ac.user_id, &shown);
	if (e == GK_OK && GK_ADMIN_HAS(u, WF_ROLE_REVIEWER))
		e = queue_items(b, ctx, u, WF_SUBMITTED, "待分管领导审核", 0, &shown);
	if (e == GK_OK && GK_ADMIN_HAS(u, WF_ROLE_APPROVER))
		e = queue_items(b, ctx, u, WF_REVIEWED, "待主要领导审定", 0, &shown);
	if (e == GK_OK && GK_ADMIN_HAS(u, WF_ROLE_OFFICER))
		e = queue_items(b, ctx, u, WF_APPROVED, "待发布", 0, &shown);
	if (e != GK_OK)
		return e;
	if (shown == 0)
		gk_html_raw(b, "<li>暂无待办事项。</li>\n");
	gk_html_raw(b, "</ul>\n</section>\n");
	return GK_OK;
}

/* The due and late items of one agency (prefix: its name, for the 政务公开办's others). */
static enum gk_err
due_items_of(struct gk_buf *b, struct gk_web_ctx *ctx, int64_t agency, const char *prefix,
    size_t *shown)
{
	struct gk_item_dues	 d;
	char			 err[256], today[GK_DATE_LEN];
	size_t			 i;
	enum gk_err		 e;

	gk_date_format(ctx->today, today);
	if ((e = gk_item_overdue(ctx->db, agency, ctx->cal, today, HOME_ITEM_WINDOW, &d,
	    err, sizeof(err))) != GK_OK)
		return e;
	for (i = 0; i < d.n && *shown < HOME_LIST_MAX; i++, (*shown)++) {
		gk_html_raw(b, "<li>");
		if (prefix != NULL)
			gk_html(b, "%s：", prefix);
		gk_html(b, "<a href=\"/admin/items/%lld\">%s</a> 应于 %s 前发布，", (long long)d.v[i].id,
		    d.v[i].title ? d.v[i].title : "", d.v[i].due_date);
		if (d.v[i].status == TIMELINESS_OVERDUE)
			gk_html(b, "<strong class=\"late\">已逾期 %ld 个工作日</strong></li>\n",
			    d.v[i].workdays);
		else
			gk_html(b, "剩余 %ld 个工作日</li>\n", d.v[i].workdays);
	}
	if (i < d.n)
		gk_html(b, "<li>%s另有 %zu 条，见<a href=\"/admin/items?agency=%lld\">信息管理</a>。</li>\n",
		    prefix ? prefix : "", d.n - i, (long long)agency);
	gk_item_dues_free(&d);
	return GK_OK;
}

/*
 * Unpublished items late or due soon: the user's agency, and for the
 * 政务公开办 every agency of its government (their parent is its agency).
 */
static enum gk_err
section_due_items(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u)
{
	struct gk_agency_list	 al;
	char			 err[256];
	size_t			 i, shown = 0;
	enum gk_err		 e;

	gk_html_raw(b, "<section aria-labelledby=\"h-due\"><h2 id=\"h-due\">发布时限</h2>\n"
	    "<p class=\"hint\">未发布且已逾期或 3 个工作日内到期的信息（政策文件 5 个工作日、"
	    "工作动态 3 个工作日、其他 20 个工作日）。</p>\n<ul>\n");
	if ((e = due_items_of(b, ctx, u->agency_id, NULL, &shown)) != GK_OK)
		return e;
	if (GK_ADMIN_HAS(u, WF_ROLE_OFFICE)) {
		if ((e = gk_agency_list(ctx->db, &al, err, sizeof(err))) != GK_OK)
			return e;
		for (i = 0; i < al.n && e == GK_OK; i++)
			if (al.v[i].parent_id == u->agency_id && al.v[i].id != u->agency_id)
				e = due_items_of(b, ctx, al.v[i].id, al.v[i].name, &shown);
		gk_agency_list_free(&al);
		if (e != GK_OK)
			return e;
	}
	if (shown == 0)
		gk_html_raw(b, "<li>没有逾期或即将到期的信息。</li>\n");
	gk_html_raw(b, "</ul>\n</section>\n");
	return GK_OK;
}

static enum gk_err
section_applications(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u)
{
	struct gk_apply_dues	 d;
	char			 err[256], due[GK_DATE_LEN];
	size_t			 i;
	enum gk_err		 e;

	if ((e = gk_apply_overdue(ctx->db, u->agency_id, ctx->cal, ctx->today, HOME_APPLY_WINDOW,
	    &d, err, sizeof(err))) != GK_OK)
		return e;
	gk_html_raw(b, "<section aria-labelledby=\"h-apply\"><h2 id=\"h-apply\">依申请公开</h2>\n"
	    "<p class=\"hint\">已逾期或 5 个工作日内到期的申请（条例第三十三条）。</p>\n<ul>\n");
	for (i = 0; i < d.n && i < HOME_LIST_MAX; i++) {
		gk_html(b, "<li><a href=\"/admin/applications/%lld\">%s</a> %s（%s）", (long long)d.v[i].id,
		    d.v[i].code, d.v[i].name ? d.v[i].name : "", apply_phase_label(d.v[i].phase));
		if (d.v[i].uncovered)
			gk_html(b, " <strong class=\"late\">无法计算期限：%s</strong></li>\n", d.v[i].why);
		else {
			gk_date_format(d.v[i].due, due);
			if (d.v[i].late)
				gk_html(b, " 应于 %s 前答复，<strong class=\"late\">已逾期 %ld 个工作日"
				    "</strong></li>\n", due, -d.v[i].days_left);
			else
				gk_html(b, " 应于 %s 前答复，剩余 %ld 个工作日</li>\n", due,
				    d.v[i].days_left);
		}
	}
	if (d.n == 0)
		gk_html_raw(b, "<li>没有逾期或即将到期的申请。</li>\n");
	gk_html_raw(b, "</ul>\n</section>\n");
	gk_apply_dues_free(&d);
	return GK_OK;
}

static enum gk_err
section_consultations(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u)
{
	struct gk_consult_filter f;
	struct gk_consult_list	 l;
	char			 err[256], asked[GK_DATE_LEN];
	size_t			 i;
	long			 wd;
	enum gk_err		 e;

	memset(&f, 0, sizeof(f));
	f.agency_id = u->agency_id;
	f.state = GK_CONSULT_PENDING;
	f.limit = HOME_LIST_MAX;
	e = gk_consult_list(ctx->db, u->login, &f, &l, err, sizeof(err));
	if (e == GK_ECONFLICT)
		return GK_OK;	/* not a reader of consultations */
	if (e != GK_OK)
		return e;
	gk_html_raw(b, "<section aria-labelledby=\"h-consult\"><h2 id=\"h-consult\">留言咨询待答复"
	    "</h2>\n<ul>\n");
	for (i = 0; i < l.n; i++) {
		gk_date_format(l.v[i].asked, asked);
		gk_html(b, "<li><a href=\"/admin/consultations/%lld\">%s</a> %s 提出", (long long)l.v[i].id,
		    l.v[i].title ? l.v[i].title : "", asked);
		if (calendar_workdays_between(ctx->cal, l.v[i].asked, ctx->today, &wd, err,
		    sizeof(err)) == GK_OK)
			gk_html(b, "，已等待 %ld 个工作日", wd);
		gk_html_raw(b, "</li>\n");
	}
	if (l.n == 0)
		gk_html_raw(b, "<li>没有待答复的留言。</li>\n");
	else if (l.total > l.n)
		gk_html(b, "<li>共 %zu 条待答复。</li>\n", l.total);
	gk_html_raw(b, "</ul>\n</section>\n");
	gk_consult_list_free(&l);
	return GK_OK;
}

/* Last year's report: due by 31 January of this year (条例第四十九条). */
static enum gk_err
section_report(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u)
{
	struct gk_report		 r;
	struct gk_findings		 fs;
	struct gk_report_snapshot	 snap;
	char				 err[256], *text;
	int				 y, m, d, year, n, written = 0;
	size_t				 blocking = 0;
	enum gk_err			 e;

	gk_date_ymd(ctx->today, &y, &m, &d);
	year = y - 1;
	for (n = 0; n < GK_NARR__MAX; n++) {
		text = NULL;
		e = gk_report_text_get(ctx->db, u->agency_id, year, (enum gk_narr)n, &text, err,
		    sizeof(err));
		if (e == GK_OK)
			written++;
		else if (e != GK_ENOTFOUND)
			return e;
		gk_free(text);
	}
	memset(&r, 0, sizeof(r));
	gk_findings_init(&fs);
	e = gk_report_build(ctx->db, u->agency_id, year, &r, NULL, &fs, err, sizeof(err));
	if (e == GK_OK)
		blocking = gk_gen_blocking(&fs);
	gk_report_clear(&r);
	gk_findings_clear(&fs);
	if (e != GK_OK && e != GK_ENOTFOUND)
		return e;
	gk_html(b, "<section aria-labelledby=\"h-report\"><h2 id=\"h-report\">年度报告</h2>\n<ul>\n"
	    "<li><a href=\"/admin/report/%d\">%d 年度政府信息公开工作年度报告</a>（应于 %d-01-31 前发布）"
	    "</li>\n", year, year, y);
	gk_html(b, "<li>叙述部分：已填写 %d / %d 部分</li>\n", written, (int)GK_NARR__MAX);
	if (e == GK_OK && blocking == 0)
		gk_html_raw(b, "<li>规则检查：通过</li>\n");
	else if (e == GK_OK)
		gk_html(b, "<li>规则检查：<strong class=\"late\">%zu 处问题</strong></li>\n", blocking);
	memset(&snap, 0, sizeof(snap));
	e = gk_report_snapshot_get(ctx->db, u->agency_id, year, 0, &snap, err, sizeof(err));
	if (e == GK_OK)
		gk_html(b, "<li>发布：已发布（第 %d 版，%s）</li>\n", snap.version,
		    snap.published_at ? snap.published_at : "");
	else if (e == GK_ENOTFOUND && m > 1)	/* February on: past 条例第四十九条's 31 January */
		gk_html_raw(b, "<li>发布：<strong class=\"late\">未发布</strong></li>\n");
	else if (e == GK_ENOTFOUND)
		gk_html_raw(b, "<li>发布：<strong>未发布</strong></li>\n");
	gk_report_snapshot_clear(&snap);
	if (e != GK_OK && e != GK_ENOTFOUND)
		return e;
	gk_html_raw(b, "</ul>\n</section>\n");
	return GK_OK;
}

enum gk_err
gk_admin_home(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_buf	*b = &resp->body;
	int		 staff;
	enum gk_err	 e;

	if (strcmp(req->path, "/admin/") != 0 && strcmp(req->path, "/admin") != 0)
		return GK_ENOTFOUND;
	if (strcmp(req->method, "POST") == 0)
		return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
	staff = GK_ADMIN_HAS(u, WF_ROLE_OFFICER) || GK_ADMIN_HAS(u, WF_ROLE_OFFICE) ||
	    GK_ADMIN_HAS(u, WF_ROLE_ADMIN);
	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "工作台", "home");
	gk_html(b, "<h1>工作台</h1>\n<p>%s，您好。以下是需要您处理或关注的事项。</p>\n", u->name);
	if (GK_ADMIN_HAS(u, WF_ROLE_DRAFTER))
		gk_html_raw(b, "<p><a class=\"button\" href=\"/admin/items/new\">起草信息</a></p>\n");
	if ((e = section_queue(b, ctx, u)) != GK_OK ||
	    (e = section_due_items(b, ctx, u)) != GK_OK)
		goto fail;
	if (staff && ((e = section_applications(b, ctx, u)) != GK_OK ||
	    (e = section_consultations(b, ctx, u)) != GK_OK))
		goto fail;
	if ((staff || GK_ADMIN_HAS(u, WF_ROLE_APPROVER)) && (e = section_report(b, ctx, u)) != GK_OK)
		goto fail;
	if ((e = gk_admin_channels_panel(b, ctx, u)) != GK_OK)	/* admin_channels.c */
		goto fail;
	gk_admin_end(b);
	resp->status = 200;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	return b->err;
fail:
	snprintf(err, errlen, "工作台数据读取失败（%s）", gk_strerror(e));
	return e;
}
