/*
 * admin_wechat.c — the back office: the agency's WeChat official account
 * and its publication outbox (issue 7; store/wechat_outbox.h,
 * docs/wechat.md). For 系统管理员 and 信息公开工作人员 only (403 otherwise).
 *
 *   GET  /admin/wechat   the account (never the secret), the outbox with
 *                        each row's state, article link or error, and the
 *                        form to queue a published item
 *   POST /admin/wechat   queues item=ID (an item of the user's agency;
 *                        another agency's is "不存在"), 303 back
 *
 * The sending is done by `gongkai wechat run` (cron); this page queues and
 * shows. The gate has checked the session and the CSRF token already.
 */
#include <stdio.h>
#include <string.h>

#include "core/workflow.h"
#include "store/item.h"
#include "store/wechat_outbox.h"
#include "web/admin.h"
#include "web/admin_wechat.h"
#include "web/html.h"

static const char *
wechat_label(const char *s)
{
	static const char *const map[][2] = {
		{ GK_WX_QUEUED, "待发送" }, { GK_WX_DRAFTED, "已建草稿" },
		{ GK_WX_SUBMITTED, "已提交发表" }, { GK_WX_PUBLISHED, "已发布" },
		{ GK_WX_FAILED, "失败" },
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(s, map[i][0]) == 0)
			return map[i][1];
	return s;
}

static enum gk_err
wechat_page(struct gk_web_ctx *ctx, struct gk_web_resp *resp, const struct gk_admin_user *u,
    int status, const char *item, const char *msg, char *err, size_t errlen)
{
	struct gk_buf			*b = &resp->body;
	struct gk_wechat_account	 a;
	struct gk_wechat_jobs		 l;
	char				 aerr[256];
	int				 have;
	size_t				 i;
	enum gk_err			 e;

	if ((e = gk_wechat_job_list(ctx->db, u->agency_id, &l, err, errlen)) != GK_OK)
		return e;
	e = gk_wechat_account_get(ctx->db, u->agency_id, &a, aerr, sizeof(aerr));
	if (e != GK_OK && e != GK_ENOTFOUND) {
		gk_wechat_jobs_free(&l);
		snprintf(err, errlen, "%s", aerr);
		return e;
	}
	have = e == GK_OK;
	gk_buf_clear(b);
	resp->status = status;
	gk_admin_begin(b, ctx, u, "微信公众号", "wechat");
	gk_html_raw(b, "<h1>微信公众号</h1>\n<p class=\"hint\">已发布的信息可推送到本机构的"
	    "微信公众号（政务新媒体）：系统新建图文草稿并发表，文章链接记入信息的渠道记录。"
	    "发送由定时任务 <code>gongkai wechat run --once</code> 完成；临时错误（频率限制、"
	    "系统繁忙、网络）会自动重试。</p>\n");
	if (have)
		gk_html(b, "<p>公众号：AppID <code>%s</code>，接口地址 <code>%s</code>，"
		    "AppSecret 已设置（不显示）。</p>\n", a.appid, a.base_url);
	else
		gk_html_raw(b, "<p class=\"alert\" role=\"alert\">本机构尚未配置微信公众号，"
		    "请系统管理员执行 <code>gongkai wechat config</code>。</p>\n");
	memset(&a, 0, sizeof(a));
	gk_html_raw(b, "<h2>推送信息</h2>\n<form method=\"post\" action=\"/admin/wechat\" "
	    "class=\"gk-form\">\n");
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<div class=\"field\"><label for=\"f-item\">信息编号</label>\n"
	    "<p class=\"hint\" id=\"f-item-hint\">本机构已发布的信息</p>\n");
	if (msg != NULL)
		gk_html(b, "<p class=\"alert\" role=\"alert\" id=\"f-item-error\">%s</p>\n", msg);
	gk_html(b, "<input id=\"f-item\" name=\"item\" type=\"text\" inputmode=\"numeric\" size=\"10\" "
	    "required aria-describedby=\"f-item-hint%s\" value=\"%s\"></div>\n"
	    "<p><button type=\"submit\">加入发布队列</button></p>\n</form>\n",
	    msg != NULL ? " f-item-error" : "", item != NULL ? item : "");
	gk_html_raw(b, "<table>\n<caption>发布队列</caption>\n<thead><tr>"
	    "<th scope=\"col\">任务</th><th scope=\"col\">信息</th><th scope=\"col\">状态</th>"
	    "<th scope=\"col\">重试</th><th scope=\"col\">更新时间</th>"
	    "<th scope=\"col\">文章链接或错误</th></tr></thead>\n<tbody>\n");
	if (l.n == 0)
		gk_html_raw(b, "<tr><td colspan=\"6\">尚无发布任务</td></tr>\n");
	for (i = 0; i < l.n; i++) {
		const struct gk_wechat_job *j = &l.v[i];

		gk_html(b, "<tr><td class=\"num\">%lld</td><td><a href=\"/admin/items/%lld\">%s</a></td>"
		    "<td>%s</td><td class=\"num\">%lld</td><td>%s</td><td>", (long long)j->id,
		    (long long)j->item_id, j->title, wechat_label(j->state), (long long)j->attempts,
		    j->updated_at);
		if (j->article_url[0] != '\0' && (strncmp(j->article_url, "https://", 8) == 0 ||
		    strncmp(j->article_url, "http://", 7) == 0))
			gk_html(b, "<a href=\"%s\">%s</a>", j->article_url, j->article_url);
		else
			gk_html(b, "%s", j->last_error[0] != '\0' ? j->last_error : "-");
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table>\n");
	gk_admin_end(b);
	gk_wechat_jobs_free(&l);
	return b->err;
}

enum gk_err
gk_admin_wechat(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_item	 it;
	const char	*item;
	char		 msg[512], ierr[256];
	int64_t		 id = 0;
	const char	*p;
	enum gk_err	 e;

	if (strcmp(req->path, "/admin/wechat") != 0)
		return GK_ENOTFOUND;
	if (!GK_ADMIN_HAS(u, WF_ROLE_ADMIN) && !GK_ADMIN_HAS(u, WF_ROLE_OFFICER))
		return gk_admin_error(resp, ctx, u, 403,
		    "无权管理微信公众号发布（仅限系统管理员和信息公开工作人员）");
	if (strcmp(req->method, "POST") != 0)
		return wechat_page(ctx, resp, u, 200, NULL, NULL, err, errlen);
	item = gk_web_arg(req, "item");
	for (p = item != NULL ? item : ""; *p >= '0' && *p <= '9' && id < 100000000000LL; p++)
		id = id * 10 + (*p - '0');
	if (item == NULL || item[0] == '\0' || *p != '\0' || id <= 0)
		return wechat_page(ctx, resp, u, 400, item, "请填写信息编号（正整数）", err, errlen);
	memset(&it, 0, sizeof(it));
	e = gk_item_get(ctx->db, id, &it, ierr, sizeof(ierr));
	if (e == GK_OK && it.agency_id != u->agency_id)
		e = GK_ENOTFOUND;
	gk_item_clear(&it);
	if (e == GK_ENOTFOUND) {
		snprintf(msg, sizeof(msg), "信息 %lld 不存在", (long long)id);
		return wechat_page(ctx, resp, u, 400, item, msg, err, errlen);
	}
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", ierr);
		return e;
	}
	e = gk_wechat_queue(ctx->db, u->login, id, ctx->now, 0, NULL, msg, sizeof(msg));
	if (e == GK_ECONFLICT || e == GK_ENOTFOUND || e == GK_EINVAL)
		return wechat_page(ctx, resp, u, e == GK_ECONFLICT ? 409 : 400, item, msg, err, errlen);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	gk_admin_redirect(resp, "/admin/wechat");
	return GK_OK;
}
