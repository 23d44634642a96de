/*
 * admin_push.c — GET /admin/push (docs/push.md): the e-mails of targeted
 * push for the user's agency, the ones given up first (state failed, with
 * their last error), then those waiting for a retry, then the last 100
 * sent; read-only (the outbox is run by `gongkai push run`). For the
 * 信息公开工作人员, 政务公开办 and 系统管理员 (403 for other roles).
 * Addresses are masked.
 */
#include <stdio.h>
#include <string.h>

#include "core/workflow.h"
#include "store/subscription.h"
#include "web/admin.h"
#include "web/html.h"
#include "web/subscribe.h"

#define PUSH_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_OFFICE) | \
			    WF_ROLE_BIT(WF_ROLE_ADMIN))

static enum gk_err
push_table(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    const char *state, const char *caption, size_t max, char *err, size_t errlen)
{
	struct gk_push_row	*v;
	size_t			 n, i;
	enum gk_err		 e;

	if ((e = gk_push_list(ctx->db, state, u->agency_id, max, &v, &n, err, errlen)) != GK_OK)
		return e;
	gk_html(b, "<table>\n<caption>%s（%zu 封）</caption>\n<thead><tr>"
	    "<th scope=\"col\">编号</th><th scope=\"col\">类型</th><th scope=\"col\">收件人</th>"
	    "<th scope=\"col\">尝试次数</th><th scope=\"col\">创建</th><th scope=\"col\">%s</th>"
	    "<th scope=\"col\">最近错误</th></tr></thead>\n<tbody>\n", caption, n,
	    strcmp(state, "sent") == 0 ? "发送时间" : "下次尝试");
	if (n == 0)
		gk_html_raw(b, "<tr><td colspan=\"7\">无</td></tr>\n");
	for (i = 0; i < n; i++)
		gk_html(b, "<tr><td class=\"num\">%lld</td><td>%s</td><td>%s</td>"
		    "<td class=\"num\">%d</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    (long long)v[i].id, strcmp(v[i].kind, "confirm") == 0 ? "确认邮件" : "摘要",
		    v[i].email, v[i].attempts, v[i].created_at,
		    strcmp(state, "sent") == 0 ? v[i].sent_at : strcmp(state, "pending") == 0 ?
		    v[i].next_attempt : "已放弃",
		    v[i].last_error[0] != '\0' ? v[i].last_error : "-");
	gk_html_raw(b, "</tbody></table>\n");
	gk_push_rows_free(v, n);
	return GK_OK;
}

enum gk_err
gk_admin_push(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_buf	*b = &resp->body;
	enum gk_err	 e;

	if (strcmp(req->path, "/admin/push") != 0)
		return GK_ENOTFOUND;
	if (strcmp(req->method, "POST") == 0) {
		resp->status = 405;
		snprintf(resp->allow, sizeof(resp->allow), "GET, HEAD");
		return GK_OK;
	}
	if ((u->roles & PUSH_ROLES) == 0)
		return gk_admin_error(resp, ctx, u, 403, "精准推送的发送情况仅信息公开工作人员、"
		    "政务公开办和系统管理员可查看");
	gk_buf_clear(b);
	resp->status = 200;
	resp->cacheable = 0;
	gk_admin_begin(b, ctx, u, "精准推送", "push");
	gk_html_raw(b, "<h1>精准推送</h1>\n<p class=\"hint\">公众在“订阅推送”页面订阅本机构的栏目、"
	    "主题分类或关键词，确认后，有符合的信息发布时收到摘要邮件。邮件由 gongkai push run 发送；"
	    "发送失败的自动重试，8 次仍失败的在此列为“已放弃”，请核对收件地址或邮件服务设置"
	    "（docs/push.md）。</p>\n");
	if ((e = push_table(b, ctx, u, "failed", "已放弃的邮件", 200, err, errlen)) != GK_OK ||
	    (e = push_table(b, ctx, u, "pending", "待发和等待重试的邮件", 200, err, errlen)) !=
	    GK_OK ||
	    (e = push_table(b, ctx, u, "sent", "最近发送的邮件", 100, err, errlen)) != GK_OK)
		return e;
	gk_admin_end(b);
	return b->err;
}
