/*
 * admin_channels.c — the back office's sync check (/admin/channels), the
 * website self-check (/admin/check) and the dashboard's 渠道同步 panel
 * (admin_channels.h; docs/channels.md, docs/site-check.md). Every record
 * shown is the signed-in user's agency's. The one change: POST
 * /admin/channels sets a channel rule of the user's agency (the store
 * checks the role: officer, 政务公开办, admin), 303 back to the page, or
 * the page again with the message (400, 403 for a role without the right).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/chsync.h"
#include "core/date.h"
#include "core/sitecheck.h"
#include "store/category.h"
#include "store/channel.h"
#include "store/sitecheck_data.h"
#include "web/admin_channels.h"
#include "web/html.h"
#include "web/web.h"

static void
sync_note(struct gk_buf *b, const struct gk_sync_finding *f)
{
	if (f->kind == CHSYNC_MISSING && f->within_days >= 0)
		gk_html(b, "门户 %s 发布，应在 %d 天内发出，已超 %ld 天", f->portal, f->within_days,
		    f->days);
	else if (f->kind == CHSYNC_MISSING)
		gk_html(b, "门户 %s 发布，渠道未发布", f->portal);
	else if (f->kind == CHSYNC_LATE)
		gk_html(b, "门户 %s 发布，渠道 %.10s 发出，超过 %d 天时限 %ld 天", f->portal, f->at,
		    f->within_days, f->days);
	else
		gk_html(b, "渠道 %.10s 发出的内容与门户现行内容不同（发出后改动或门户已撤回）", f->at);
	if (f->status[0] != '\0' && f->kind == CHSYNC_MISSING)
		gk_html(b, "；渠道状态：%s", gk_channel_status_label(f->status));
}

/* The rule form: category (0 the default), channel, required, within days, since. */
static void
rule_form(struct gk_buf *b, const struct gk_web_req *req, const struct gk_admin_user *u,
    const struct gk_category_list *l, const char *msg)
{
	const char	*v, *cat = req ? gk_web_arg(req, "category") : NULL;
	const char	*ch = req ? gk_web_arg(req, "channel") : NULL;
	const char	*rq = req ? gk_web_arg(req, "required") : NULL;
	char		 id[32];
	size_t		 i;

	gk_html_raw(b, "<h2 id=\"rule\">设置渠道规则</h2>\n");
	if (msg != NULL)
		gk_html(b, "<p class=\"error\" role=\"alert\" id=\"rule-error\">%s</p>\n", msg);
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/channels\">");
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<p><label for=\"category\">栏目</label> <select id=\"category\" "
	    "name=\"category\"><option value=\"0\">（默认：所有未单独设置的栏目）</option>");
	for (i = 0; l != NULL && i < l->n; i++) {
		snprintf(id, sizeof(id), "%lld", (long long)l->v[i].id);
		gk_html(b, "<option value=\"%s\"%s>%s</option>", id, cat && strcmp(cat, id) == 0 ?
		    " selected" : "", l->v[i].path);
	}
	gk_html_raw(b, "</select></p>\n<p><label for=\"channel\">渠道</label> <select id=\"channel\" "
	    "name=\"channel\">");
	gk_html(b, "<option value=\"wechat\"%s>微信公众号</option><option value=\"notice\"%s>公示栏"
	    "</option></select></p>\n", ch && strcmp(ch, "notice") == 0 ? "" : " selected",
	    ch && strcmp(ch, "notice") == 0 ? " selected" : "");
	gk_html(b, "<p><label for=\"required\">要求</label> <select id=\"required\" name=\"required\">"
	    "<option value=\"yes\"%s>必须发布</option><option value=\"no\"%s>不要求</option>"
	    "</select></p>\n", rq && strcmp(rq, "no") == 0 ? "" : " selected",
	    rq && strcmp(rq, "no") == 0 ? " selected" : "");
	v = req ? gk_web_arg(req, "within") : NULL;
	gk_html(b, "<p><label for=\"within\">时限（门户发布后的天数，0 至 366；留空为不限时）</label> "
	    "<input id=\"within\" name=\"within\" inputmode=\"numeric\" value=\"%s\"%s></p>\n",
	    v ? v : "", msg ? " aria-describedby=\"rule-error\"" : "");
	v = req ? gk_web_arg(req, "since") : NULL;
	gk_html(b, "<p><label for=\"since\">适用于此日期起门户发布的信息（YYYY-MM-DD；留空为全部）"
	    "</label> <input id=\"since\" name=\"since\" value=\"%s\"%s></p>\n", v ? v : "",
	    msg ? " aria-describedby=\"rule-error\"" : "");
	gk_html_raw(b, "<p><button type=\"submit\">保存规则</button></p></form>\n");
}

static enum gk_err
channels_page(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_web_resp *resp,
    int status, const struct gk_web_req *req, const char *msg, char *err, size_t errlen)
{
	struct gk_category_list	 cl;
	struct gk_buf		*b = &resp->body;
	struct gk_sync_report	 r;
	struct gk_channel_rule	*rv = NULL;
	size_t			 i, nr = 0;
	char			 td[GK_DATE_LEN];
	enum gk_err		 e;

	if ((e = gk_channel_sync_check(ctx->db, u->agency_id, ctx->today, &r, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_channel_rule_list(ctx->db, u->agency_id, &rv, &nr, err, errlen)) != GK_OK) {
		gk_sync_report_free(&r);
		return e;
	}
	memset(&cl, 0, sizeof(cl));
	if ((e = gk_category_list(ctx->db, u->agency_id, &cl, err, errlen)) != GK_OK) {
		gk_free(rv);
		gk_sync_report_free(&r);
		return e;
	}
	gk_date_format(ctx->today, td);
	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "渠道同步检查", "channels");
	gk_html(b, "<h1>渠道同步检查</h1>\n<p class=\"hint\">截至 %s：每条已在门户网站发布（或撤回）的"
	    "信息，按栏目规则比对微信公众号和公示栏——应发未发（缺发）、超过时限才发（迟发）、"
	    "发出后内容又改动或门户已撤回而渠道仍在（内容不一致）。</p>\n", td);
	gk_html(b, "<p>检查信息 %zu 条；现在发布中：门户网站 %zu 条、微信公众号 %zu 条、公示栏 %zu 条。"
	    "</p>\n", r.items, r.published[GK_CH_PORTAL], r.published[GK_CH_WECHAT],
	    r.published[GK_CH_NOTICE]);
	if (r.n == 0)
		gk_html_raw(b, "<p class=\"ok\" role=\"status\">没有发现问题。</p>\n");
	else {
		gk_html(b, "<table>\n<caption>发现问题 %zu 处</caption>\n<thead><tr>"
		    "<th scope=\"col\">索引号</th><th scope=\"col\">标题</th><th scope=\"col\">渠道</th>"
		    "<th scope=\"col\">问题</th><th scope=\"col\">说明</th></tr></thead>\n<tbody>\n", r.n);
		for (i = 0; i < r.n; i++) {
			const struct gk_sync_finding *f = &r.v[i];

			gk_html(b, "<tr><td>%s</td><td><a href=\"/admin/items/%lld\">%s</a></td>"
			    "<td>%s</td><td><strong class=\"late\">%s</strong></td><td>", f->index_no,
			    (long long)f->item_id, f->title, gk_channel_label(f->channel),
			    chsync_kind_label((enum chsync_kind)f->kind));
			sync_note(b, f);
			gk_html_raw(b, "</td></tr>\n");
		}
		gk_html_raw(b, "</tbody>\n</table>\n");
	}
	gk_html_raw(b, "<table>\n<caption>渠道规则</caption>\n"
	    "<thead><tr><th scope=\"col\">栏目</th><th scope=\"col\">渠道</th>"
	    "<th scope=\"col\">要求</th><th scope=\"col\">时限</th><th scope=\"col\">适用于</th>"
	    "</tr></thead>\n<tbody>\n");
	if (nr == 0)
		gk_html_raw(b, "<tr><td colspan=\"5\">没有渠道规则：只要求门户网站</td></tr>\n");
	for (i = 0; i < nr; i++) {
		gk_html(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>", rv[i].category_id ?
		    rv[i].category : "（默认）", gk_channel_label(rv[i].channel),
		    rv[i].required ? "必须" : "不要求");
		if (rv[i].within_days >= 0)
			gk_html(b, "%d 天内", rv[i].within_days);
		else
			gk_html_raw(b, "不限时");
		gk_html(b, "</td><td>%s%s</td></tr>\n", rv[i].since[0] ? rv[i].since : "全部",
		    rv[i].since[0] ? " 起门户发布的信息" : "");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	rule_form(b, req, u, &cl, msg);
	gk_admin_end(b);
	gk_category_list_free(&cl);
	gk_free(rv);
	gk_sync_report_free(&r);
	resp->status = status;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	return b->err;
}

static const char *
verdict(const struct sc_result *r)
{
	return r->veto ? "不合格（达到单项否决）" : r->pass ? "通过" : "未通过（有问题须整改）";
}

static enum gk_err
check_run(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct sc_result *r,
    char *err, size_t errlen)
{
	struct gk_sitecheck_data	 d;
	enum gk_err			 e;

	e = gk_sitecheck_gather(ctx->db, u->agency_id, ctx->site ? ctx->site->host : NULL, &d,
	    err, errlen);
	if (e == GK_OK)
		e = sitecheck_run(&d.in, ctx->today, r, err, errlen);
	gk_sitecheck_data_free(&d);
	return e;
}

static enum gk_err
check_page(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct gk_buf	*b = &resp->body;
	struct sc_result r;
	char		 td[GK_DATE_LEN];
	size_t		 i;
	int		 k;
	enum gk_err	 e;

	if ((e = check_run(ctx, u, &r, err, errlen)) != GK_OK)
		return e;
	gk_date_format(ctx->today, td);
	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "网站自查", "check");
	gk_html(b, "<h1>网站自查</h1>\n<p class=\"hint\">按《政府网站与政务新媒体检查指标》"
	    "（国办秘函〔2019〕19号）逐项检查本机构的政府信息公开专栏，监测时间点 %s。"
	    "指标原表未取得，各项依据见“指标依据”一列；外部链接只在命令行加 --external 时检查"
	    "（gongkai check site）。</p>\n", td);
	if (r.pass)
		gk_html(b, "<p>结论：<strong>%s</strong></p>\n", verdict(&r));
	else
		gk_html(b, "<p>结论：<strong class=\"late\">%s</strong></p>\n", verdict(&r));
	gk_html_raw(b, "<table>\n<caption>检查表</caption>\n<thead><tr><th scope=\"col\">序号</th>"
	    "<th scope=\"col\">检查项</th><th scope=\"col\">指标依据</th>"
	    "<th scope=\"col\">单项否决</th><th scope=\"col\">扣分</th><th scope=\"col\">结果</th>"
	    "<th scope=\"col\">问题数</th></tr></thead>\n<tbody>\n");
	for (k = 0; k < SC__MAX; k++) {
		gk_html(b, "<tr><td>%d</td><th scope=\"row\">%s</th><td>%s</td><td>%s：%s</td><td>",
		    k + 1, sitecheck_rule_title((enum sc_rule)k),
		    sitecheck_rule_indicator((enum sc_rule)k), r.r[k].veto ? "是" : "否",
		    sitecheck_rule_veto((enum sc_rule)k));
		if (r.r[k].deduct > 0)
			gk_html(b, "-%d（%s）", r.r[k].deduct, sitecheck_rule_deduct((enum sc_rule)k));
		else
			gk_html(b, "%s", sitecheck_rule_deduct((enum sc_rule)k));
		gk_html(b, "</td><td>%s</td><td>%zu</td></tr>\n", !r.r[k].checked ? "不适用" :
		    r.r[k].fail ? "未通过" : "通过", r.r[k].found);
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	if (r.n > 0) {
		gk_html_raw(b, "<h2>问题明细</h2>\n<ol>\n");
		for (i = 0; i < r.n; i++)
			gk_html(b, "<li>［%s］%s</li>\n", sitecheck_rule_title(r.v[i].rule),
			    r.v[i].text);
		gk_html_raw(b, "</ol>\n");
	}
	gk_admin_end(b);
	sitecheck_result_free(&r);
	resp->status = 200;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	return b->err;
}

/* POST /admin/channels: sets one rule of the user's agency (the store checks the role). */
static enum gk_err
rule_post(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	const char	*cat = gk_web_arg(req, "category"), *ch = gk_web_arg(req, "channel");
	const char	*rq = gk_web_arg(req, "required"), *w = gk_web_arg(req, "within");
	const char	*since = gk_web_arg(req, "since");
	char		 msg[512], *end;
	long long	 cid = 0, within = -1;
	enum gk_channel	 c;
	enum gk_err	 e;

	msg[0] = '\0';
	if (cat == NULL || (cid = strtoll(cat, &end, 10)) < 0 || *end != '\0' || end == cat)
		snprintf(msg, sizeof(msg), "请选择栏目");
	else if (ch == NULL || gk_channel_from_name(ch, &c) != 0 || c == GK_CH_PORTAL)
		snprintf(msg, sizeof(msg), "渠道须为微信公众号或公示栏");
	else if (rq == NULL || (strcmp(rq, "yes") != 0 && strcmp(rq, "no") != 0))
		snprintf(msg, sizeof(msg), "请选择是否必须发布");
	else if (w != NULL && w[0] != '\0' && ((within = strtoll(w, &end, 10)) < 0 ||
	    within > 366 || *end != '\0'))
		snprintf(msg, sizeof(msg), "时限须为 0 至 366 的整数（天），或留空");
	if (msg[0] != '\0')
		return channels_page(ctx, u, resp, 400, req, msg, err, errlen);
	e = gk_channel_rule_set(ctx->db, u->login, u->agency_id, (int64_t)cid, c,
	    strcmp(rq, "yes") == 0, (int)within, since, ctx->now, msg, sizeof(msg));
	if (e == GK_EINVAL || e == GK_ENOTFOUND)
		return channels_page(ctx, u, resp, 400, req, msg, err, errlen);
	if (e == GK_ECONFLICT)
		return channels_page(ctx, u, resp, 403, req, msg, err, errlen);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	gk_admin_redirect(resp, "/admin/channels");
	return GK_OK;
}

enum gk_err
gk_admin_channels(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	if (strcmp(req->path, "/admin/channels") == 0 && strcmp(req->method, "POST") == 0)
		return rule_post(ctx, req, u, resp, err, errlen);
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
		return GK_ENOTFOUND;
	if (strcmp(req->path, "/admin/channels") == 0)
		return channels_page(ctx, u, resp, 200, NULL, NULL, err, errlen);
	if (strcmp(req->path, "/admin/check") == 0)
		return check_page(ctx, u, resp, err, errlen);
	return GK_ENOTFOUND;
}

enum gk_err
gk_admin_channels_panel(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u)
{
	struct gk_sync_report	 r;
	struct sc_result	 sr;
	char			 err[256];
	enum gk_err		 e;

	if ((e = gk_channel_sync_check(ctx->db, u->agency_id, ctx->today, &r, err,
	    sizeof(err))) != GK_OK)
		return e;
	if ((e = check_run(ctx, u, &sr, err, sizeof(err))) != GK_OK) {
		gk_sync_report_free(&r);
		return e;
	}
	gk_html_raw(b, "<section aria-labelledby=\"h-channels\"><h2 id=\"h-channels\">渠道同步</h2>\n"
	    "<ul>\n");
	gk_html(b, "<li>现在发布中：门户网站 %zu 条、微信公众号 %zu 条、公示栏 %zu 条</li>\n",
	    r.published[GK_CH_PORTAL], r.published[GK_CH_WECHAT], r.published[GK_CH_NOTICE]);
	if (r.n == 0)
		gk_html_raw(b, "<li><a href=\"/admin/channels\">渠道同步检查</a>：没有发现问题</li>\n");
	else
		gk_html(b, "<li><a href=\"/admin/channels\">渠道同步检查</a>：<strong class=\"late\">"
		    "%zu 处问题</strong>（缺发、迟发或内容不一致）</li>\n", r.n);
	gk_html_raw(b, "<li><a href=\"/admin/check\">网站自查</a>：");
	if (sr.pass)
		gk_html(b, "%s</li>\n", verdict(&sr));
	else
		gk_html(b, "<strong class=\"late\">%s，%zu 处问题</strong></li>\n", verdict(&sr),
		    sr.n);
	gk_html_raw(b, "</ul>\n</section>\n");
	sitecheck_result_free(&sr);
	gk_sync_report_free(&r);
	return GK_OK;
}
