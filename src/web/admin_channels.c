/*
 * admin_channels.c — the back office's sync check (/admin/channels), the
 * website self-check (/admin/check) and the dashboard's 渠道同步 panel
 * (admin_channels.h; docs/channels.md, docs/site-check.md). Every record
 * shown is the signed-in user's agency's; nothing here changes anything
 * (GET only: a POST is 404).
 */
#include <stdio.h>
#include <string.h>

#include "core/chsync.h"
#include "core/date.h"
#include "core/sitecheck.h"
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

static enum gk_err
channels_page(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
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
	gk_html_raw(b, "<table>\n<caption>渠道规则（以命令 gongkai channels rule set 设置）</caption>\n"
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
	gk_admin_end(b);
	gk_free(rv);
	gk_sync_report_free(&r);
	resp->status = 200;
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

enum gk_err
gk_admin_channels(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0)
		return GK_ENOTFOUND;
	if (strcmp(req->path, "/admin/channels") == 0)
		return channels_page(ctx, u, resp, err, errlen);
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
