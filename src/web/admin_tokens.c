/*
 * admin_tokens.c — the back office: API tokens of the user's agency (H1;
 * store/token.h, docs/admin-security.md). For 系统管理员 and
 * 信息公开工作人员 only (403 for other roles).
 *
 *   GET  /admin/tokens               the agency's tokens and the form
 *   POST /admin/tokens               makes one: the token is shown on this
 *                                    answer only (never again, never stored)
 *   POST /admin/tokens/{id}/revoke   revokes it (303 back to the list)
 *
 * Another agency's token is a 404. The gate has checked the session and
 * the CSRF token already.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "core/workflow.h"
#include "store/token.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/html.h"

static enum gk_err
tokens_page(struct gk_web_ctx *ctx, struct gk_web_resp *resp, const struct gk_admin_user *u,
    int status, const char *name, const char *user, const char *msg, const char *made,
    char *err, size_t errlen)
{
	struct gk_buf		*b = &resp->body;
	struct gk_token_list	 tl;
	struct gk_user_list	 ul;
	size_t			 i;
	enum gk_err		 e;

	if ((e = gk_token_list(ctx->db, u->agency_id, &tl, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_user_list(ctx->db, u->agency_id, &ul, err, errlen)) != GK_OK) {
		gk_token_list_free(&tl);
		return e;
	}
	gk_buf_clear(b);
	resp->status = status;
	gk_admin_begin(b, ctx, u, "接口令牌", "tokens");
	gk_html_raw(b, "<h1>接口令牌</h1>\n<p class=\"hint\">其他系统凭令牌调用 /api/v1 的写接口"
	    "（新建信息草稿、录入依申请公开申请），只能作用于本机构。令牌只在创建时显示一次；"
	    "遗失或泄露请立即吊销并重新创建。</p>\n");
	if (made != NULL) {
		gk_html(b, "<div class=\"ok\" role=\"status\"><p>令牌“%s”已创建。请立即复制保存，"
		    "离开本页后将无法再次查看：</p>\n<p class=\"secret\" id=\"new-token\">%s</p></div>\n",
		    name, made);
	}
	gk_html_raw(b, "<table>\n<caption>本机构的令牌</caption>\n<thead><tr>"
	    "<th scope=\"col\">编号</th><th scope=\"col\">名称</th><th scope=\"col\">开头</th>"
	    "<th scope=\"col\">起草账号</th><th scope=\"col\">创建</th><th scope=\"col\">最近使用</th>"
	    "<th scope=\"col\">状态</th><th scope=\"col\">操作</th></tr></thead>\n<tbody>\n");
	if (tl.n == 0)
		gk_html_raw(b, "<tr><td colspan=\"8\">尚无令牌</td></tr>\n");
	for (i = 0; i < tl.n; i++) {
		const struct gk_token *t = &tl.v[i];

		gk_html(b, "<tr><td class=\"num\">%lld</td><td>%s</td><td><code>%s…</code></td>"
		    "<td>%s</td><td>%s<br>%s</td><td>%s</td><td>%s</td><td>", (long long)t->id, t->name,
		    t->prefix, t->user, t->created_at, t->created_by,
		    t->last_used_at[0] != '\0' ? t->last_used_at : "从未使用",
		    t->revoked_at[0] != '\0' ? "已吊销" : "有效");
		if (t->revoked_at[0] == '\0') {
			gk_html(b, "<form method=\"post\" action=\"/admin/tokens/%lld/revoke\">",
			    (long long)t->id);
			gk_admin_csrf_field(b, u);
			gk_html(b, "<button type=\"submit\" class=\"danger\">吊销<span class=\"sr\">令牌 %s"
			    "</span></button></form>", t->name);
		} else
			gk_html(b, "%s", t->revoked_at);
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table>\n<h2>新建令牌</h2>\n");
	if (msg != NULL)
		gk_html(b, "<p class=\"alert\" role=\"alert\">%s</p>\n", msg);
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/tokens\" class=\"gk-form\">\n");
	gk_admin_csrf_field(b, u);
	gk_html(b, "<div class=\"field\"><label for=\"f-name\">名称</label>\n"
	    "<p class=\"hint\" id=\"f-name-hint\">调用方系统的名称，如“县政务服务网申请接入”</p>\n"
	    "<input id=\"f-name\" name=\"name\" type=\"text\" size=\"40\" maxlength=\"100\" required "
	    "aria-describedby=\"f-name-hint\" value=\"%s\"></div>\n", name != NULL ? name : "");
	gk_html_raw(b, "<div class=\"field\"><label for=\"f-user\">起草账号</label>\n"
	    "<p class=\"hint\" id=\"f-user-hint\">经接口新建的信息草稿以此科室拟稿人名义起草，"
	    "仍须经分管领导审核、主要领导审定后才能发布。</p>\n"
	    "<select id=\"f-user\" name=\"user\" aria-describedby=\"f-user-hint\">\n");
	for (i = 0; i < ul.n; i++) {
		if (!ul.v[i].active || (ul.v[i].roles & WF_ROLE_BIT(WF_ROLE_DRAFTER)) == 0)
			continue;
		gk_html(b, "<option value=\"%s\"%s>%s（%s）</option>\n", ul.v[i].login,
		    user != NULL && strcmp(user, ul.v[i].login) == 0 ? " selected" : "",
		    ul.v[i].display_name, ul.v[i].login);
	}
	gk_html_raw(b, "</select></div>\n<p><button type=\"submit\">创建令牌</button></p>\n</form>\n");
	gk_admin_end(b);
	gk_token_list_free(&tl);
	gk_user_list_free(&ul);
	return b->err;
}

/* "/admin/tokens/{id}/revoke" → id; 0 when the path is not that. */
static int64_t
revoke_id(const char *path)
{
	const char	*p = path + strlen("/admin/tokens/");
	int64_t		 id = 0;

	if (*p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (id > (INT64_MAX - 9) / 10)
			return 0;
		id = id * 10 + (*p - '0');
	}
	return strcmp(p, "/revoke") == 0 ? id : 0;
}

enum gk_err
gk_admin_tokens(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	const char	*name, *user;
	char		 token[GK_TOKEN_LEN + 1], msg[512];
	int		 post = strcmp(req->method, "POST") == 0;
	int64_t		 id;
	enum gk_err	 e;

	if (!GK_ADMIN_HAS(u, WF_ROLE_ADMIN) && !GK_ADMIN_HAS(u, WF_ROLE_OFFICER))
		return gk_admin_error(resp, ctx, u, 403, "无权管理接口令牌（仅限系统管理员和信息公开工作人员）");
	if (strcmp(req->path, "/admin/tokens") == 0) {
		if (!post)
			return tokens_page(ctx, resp, u, 200, NULL, NULL, NULL, NULL, err, errlen);
		name = gk_web_arg(req, "name");
		user = gk_web_arg(req, "user");
		e = gk_token_add(ctx->db, u->login, u->agency_id, name, user, ctx->now, token, &id,
		    msg, sizeof(msg));
		if (e == GK_OK) {
			e = tokens_page(ctx, resp, u, 201, name, NULL, NULL, token, err, errlen);
			sodium_memzero(token, sizeof(token));
			return e;
		}
		if (e == GK_EINVAL || e == GK_ENOTFOUND || e == GK_ECONFLICT)
			return tokens_page(ctx, resp, u, e == GK_ECONFLICT ? 403 : 400, name, user, msg,
			    NULL, err, errlen);
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	if ((id = revoke_id(req->path)) == 0)
		return GK_ENOTFOUND;
	if (!post)
		return GK_ENOTFOUND;
	e = gk_token_revoke(ctx->db, u->login, u->agency_id, id, ctx->now, msg, sizeof(msg));
	if (e == GK_ENOTFOUND)
		return gk_admin_error(resp, ctx, u, 404, "令牌不存在");
	if (e == GK_ECONFLICT)
		return gk_admin_error(resp, ctx, u, 409, msg);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	gk_admin_redirect(resp, "/admin/tokens");
	return GK_OK;
}
