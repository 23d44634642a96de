/*
 * admin_notices.c — the back office: printed notices of the 公示栏 (issue
 * 7; doc/notice.h, docs/notices.md), for the user's agency.
 *
 *   GET  /admin/notices[?week=YYYY-Www]          the week's items (default:
 *                                                this week), download links,
 *                                                the posted/removed forms
 *   GET  /admin/notices/week/{YYYY-Www}.pdf|.html the week's batch
 *   GET  /admin/notices/item/{id}.pdf|.html      one item's sheet
 *   POST /admin/notices/item/{id}/posted          records the sheet posted
 *   POST /admin/notices/item/{id}/removed         records it taken down
 *                                                (fields: place, at, week)
 *
 * ?agency=ID (list, week, and the forms' hidden field): a 政务公开办 may
 * look at the agencies of its government; another agency's item or an
 * agency not governed is a 404, an unpublished item a 409. The 公示期
 * starts today and lasts GK_NOTICE_DAYS days. The store checks the roles
 * of posted/removed (officer, 政务公开办, admin) and audits them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channels/channels.h"
#include "core/date.h"
#include "core/workflow.h"
#include "doc/notice.h"
#include "store/channel.h"
#include "store/agency.h"
#include "store/item.h"
#include "web/admin.h"
#include "web/admin_notices.h"
#include "web/html.h"

#define PREFIX	"/admin/notices"

/* A positive decimal id of exactly the bytes [s, s + n); 0 when not one. */
static int64_t
id_of(const char *s, size_t n)
{
	int64_t	 v = 0;
	size_t	 i;

	if (n == 0 || n > 15 || s[0] == '0')
		return 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* 1 when u is a 政务公开办 of agency's government (agency's parent is u's agency). */
static int
governs(struct gk_web_ctx *ctx, const struct gk_admin_user *u, int64_t agency)
{
	struct gk_agency	 a;
	char			 err[256];
	int			 ok;

	if (!GK_ADMIN_HAS(u, WF_ROLE_OFFICE))
		return 0;
	if (gk_agency_get(ctx->db, agency, &a, err, sizeof(err)) != GK_OK)
		return 0;
	ok = a.parent_id != 0 && a.parent_id == u->agency_id;
	gk_agency_clear(&a);
	return ok;
}

/* The agency asked for (?agency=, default the user's): u's own or one it governs; 0 otherwise. */
static int64_t
agency_of(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u)
{
	const char	*s = gk_web_arg(req, "agency");
	int64_t		 id;

	if (s == NULL || s[0] == '\0')
		return u->agency_id;
	id = id_of(s, strlen(s));
	if (id == u->agency_id || (id > 0 && governs(ctx, u, id)))
		return id;
	return 0;
}

/* The agency selector of a 政务公开办: its own and the agencies it governs. */
static void
agency_select(struct gk_web_ctx *ctx, struct gk_buf *b, const struct gk_admin_user *u,
    int64_t ag)
{
	struct gk_agency_list	 al;
	char			 err[256];
	size_t			 i;

	if (!GK_ADMIN_HAS(u, WF_ROLE_OFFICE) || gk_agency_list(ctx->db, &al, err,
	    sizeof(err)) != GK_OK)
		return;
	gk_html(b, "<label for=\"agency\">单位</label> <select id=\"agency\" name=\"agency\">"
	    "<option value=\"%lld\">%s</option>", (long long)u->agency_id, u->agency);
	for (i = 0; i < al.n; i++)
		if (al.v[i].parent_id == u->agency_id && al.v[i].id != u->agency_id)
			gk_html(b, "<option value=\"%lld\"%s>%s</option>", (long long)al.v[i].id,
			    al.v[i].id == ag ? " selected" : "", al.v[i].name);
	gk_html_raw(b, "</select>\n");
	gk_agency_list_free(&al);
}

/* The list page; msg (may be NULL) an error shown above the table. */
static enum gk_err
list_page(struct gk_web_ctx *ctx, struct gk_web_resp *resp, const struct gk_admin_user *u,
    int64_t ag, const char *week, int status, const char *msg, char *err, size_t errlen)
{
	struct gk_buf		*b = &resp->body;
	struct gk_notice_set	 set;
	int32_t			 mon, sun;
	char			 w[16], prev[16], next[16], a[GK_DATE_LEN], z[GK_DATE_LEN];
	size_t			 i;
	enum gk_err		 e;

	if (week == NULL || week[0] == '\0')
		gk_notice_week_of(ctx->today, w, sizeof(w));
	else
		snprintf(w, sizeof(w), "%s", week);
	if (gk_notice_week_parse(w, &mon, &sun) != GK_OK) {
		gk_notice_week_of(ctx->today, w, sizeof(w));
		(void)gk_notice_week_parse(w, &mon, &sun);
		status = 400;
		msg = "周次格式应为 YYYY-Www，如 2025-W21；已显示本周";
	}
	e = gk_notice_load_week(ctx->db, ag, mon, ctx->today, GK_NOTICE_DAYS, &set,
	    err, errlen);
	if (e != GK_OK)
		return e;
	gk_notice_week_of(mon - 7, prev, sizeof(prev));
	gk_notice_week_of(mon + 7, next, sizeof(next));
	gk_date_format(mon, a);
	gk_date_format(sun, z);
	gk_buf_clear(b);
	resp->status = status;
	gk_admin_begin(b, ctx, u, "公示栏", "notices");
	gk_html(b, "<h1>公示栏纸质公示</h1>\n<p class=\"hint\">政务服务中心公示栏张贴的 A4 公示页："
	    "每条信息一页，含正文（排不下时为开头部分）和指向门户网站的二维码。张贴和撤下后请在此登记，"
	    "以便渠道同步检查。</p>\n");
	if (msg != NULL)
		gk_html(b, "<div class=\"error\" role=\"alert\"><p>%s</p></div>\n", msg);
	gk_html_raw(b, "<form method=\"get\" action=\"" PREFIX "\">\n<p>");
	agency_select(ctx, b, u, ag);
	gk_html(b, "<label for=\"week\">周次</label> "
	    "<input id=\"week\" name=\"week\" value=\"%s\" pattern=\"[0-9]{4}-W[0-9]{2}\" size=\"9\"> "
	    "<button type=\"submit\">查看</button> <a href=\"" PREFIX "?week=%s&amp;agency=%lld\">上一周</a> "
	    "<a href=\"" PREFIX "?week=%s&amp;agency=%lld\">下一周</a></p>\n</form>\n", w, prev,
	    (long long)ag, next, (long long)ag);
	gk_html(b, "<h2>%s（%s 至 %s）发布的信息 %zu 条</h2>\n", w, a, z, set.n);
	if (set.n > 0)
		gk_html(b, "<p>本周全部公示页（首页为目录）：<a href=\"" PREFIX "/week/%s.pdf?agency=%lld\">"
		    "PDF</a> · <a href=\"" PREFIX "/week/%s.html?agency=%lld\">打印网页</a></p>\n", w,
		    (long long)ag, w, (long long)ag);
	gk_html_raw(b, "<table>\n<caption>本周发布的信息</caption>\n<thead><tr>"
	    "<th scope=\"col\">标题</th><th scope=\"col\">索引号</th><th scope=\"col\">发布日期</th>"
	    "<th scope=\"col\">公示页</th><th scope=\"col\">登记张贴</th>"
	    "<th scope=\"col\">登记撤下</th></tr></thead>\n<tbody>\n");
	if (set.n == 0)
		gk_html_raw(b, "<tr><td colspan=\"6\">本周没有发布信息</td></tr>\n");
	for (i = 0; i < set.n; i++) {
		const struct gk_notice *n = &set.v[i];
		long long id = (long long)n->item_id;
		int k;

		gk_html(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td>"
		    "<td><a href=\"" PREFIX "/item/%lld.pdf\">PDF</a> · "
		    "<a href=\"" PREFIX "/item/%lld.html\">打印网页</a></td>\n",
		    n->title, n->index_no, n->published, id, id);
		for (k = 0; k < 2; k++) {
			const char *act = k == 0 ? "posted" : "removed";

			gk_html(b, "<td><form method=\"post\" action=\"" PREFIX "/item/%lld/%s\">\n",
			    id, act);
			gk_admin_csrf_field(b, u);
			gk_html(b, "<input type=\"hidden\" name=\"week\" value=\"%s\">\n"
			    "<input type=\"hidden\" name=\"agency\" value=\"%lld\">\n"
			    "<label for=\"%s-at-%lld\">日期</label> <input id=\"%s-at-%lld\" "
			    "name=\"at\" type=\"date\" required>\n", w, (long long)ag, act, id, act, id);
			if (k == 0)
				gk_html(b, "<label for=\"place-%lld\">公示栏</label> <input id=\"place-%lld\""
				    " name=\"place\" value=\"" GK_NOTICE_PLACE "\">\n", id, id);
			gk_html(b, "<button type=\"submit\">%s</button>\n</form></td>\n",
			    k == 0 ? "已张贴" : "已撤下");
		}
		gk_html_raw(b, "</tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	gk_admin_end(b);
	gk_notice_set_free(&set);
	return b->err;
}

/* Renders set as the download named name.{pdf,html}. */
static enum gk_err
download(struct gk_web_resp *resp, struct gk_notice_set *set, int html, const char *name,
    char *err, size_t errlen)
{
	enum gk_err e;

	gk_buf_clear(&resp->body);
	e = html ? gk_notice_html(set, &resp->body, err, errlen) :
	    gk_notice_pdf(set, &resp->body, err, errlen);
	if (e != GK_OK)
		return e;
	resp->status = 200;
	resp->content_type = html ? "text/html; charset=utf-8" : "application/pdf";
	if (!html)
		snprintf(resp->disposition, sizeof(resp->disposition),
		    "attachment; filename=\"%s.pdf\"", name);
	return GK_OK;
}

/* The item id belongs to the user's agency and is published: 0, else the error page is in resp. */
static int
item_check(struct gk_web_ctx *ctx, struct gk_web_resp *resp, const struct gk_admin_user *u,
    int64_t id, enum gk_err *ep, char *err, size_t errlen)
{
	struct gk_item	 it;
	enum gk_err	 e;
	int		 rc = 0;

	if ((e = gk_item_get(ctx->db, id, &it, err, errlen)) != GK_OK) {
		*ep = e == GK_ENOTFOUND ? gk_admin_error(resp, ctx, u, 404, "该信息不存在") : e;
		return -1;
	}
	if (it.agency_id != u->agency_id && !governs(ctx, u, it.agency_id)) {
		*ep = gk_admin_error(resp, ctx, u, 404, "该信息不存在");
		rc = -1;
	} else if (it.state != WF_PUBLISHED) {
		*ep = gk_admin_error(resp, ctx, u, 409, "该信息尚未发布或已撤回，不能印制公示");
		rc = -1;
	}
	gk_item_clear(&it);
	return rc;
}

/* POST …/item/{id}/posted|removed. */
static enum gk_err
record(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, int64_t id, int posted, char *err, size_t errlen)
{
	const char	*at = gk_web_arg(req, "at"), *place = gk_web_arg(req, "place");
	const char	*week = gk_web_arg(req, "week");
	int64_t		 ag = agency_of(ctx, req, u);
	char		 hex[65], msg[512], path[128];
	int32_t		 d, mon, sun;
	enum gk_err	 e;

	if (week != NULL && gk_notice_week_parse(week, &mon, &sun) != GK_OK)
		week = NULL;
	if (item_check(ctx, resp, u, id, &e, err, errlen) != 0)
		return e;
	if (ag == 0)
		ag = u->agency_id;
	if (at == NULL || at[0] == '\0')
		at = ctx->now;
	else if (strlen(at) != 10 || gk_date_parse(at, 10, &d) != GK_OK)
		return list_page(ctx, resp, u, ag, week, 400, "日期应为 YYYY-MM-DD", err, errlen);
	if (place == NULL || place[0] == '\0')
		place = GK_NOTICE_PLACE;
	e = gk_channel_item_hash(ctx->db, id, hex, msg, sizeof(msg));
	if (e == GK_OK)
		e = gk_channel_record(ctx->db, u->login, id, GK_CH_NOTICE,
		    posted ? GK_CH_PUBLISHED : GK_CH_REMOVED, at, hex, place, NULL, msg, sizeof(msg));
	if (e == GK_EINVAL || e == GK_ECONFLICT || e == GK_ENOTFOUND)
		return list_page(ctx, resp, u, ag, week, e == GK_EINVAL ? 400 : 409, msg, err, errlen);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	if (ag == u->agency_id)
		snprintf(path, sizeof(path), PREFIX "?week=%s", week != NULL ? week : "");
	else
		snprintf(path, sizeof(path), PREFIX "?week=%s&agency=%lld", week != NULL ? week : "",
		    (long long)ag);
	gk_admin_redirect(resp, path);
	return GK_OK;
}

enum gk_err
gk_admin_notices(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_notice_set	 set;
	const char		*p = req->path + strlen(PREFIX), *dot, *slash;
	int			 post = strcmp(req->method, "POST") == 0;
	int64_t			 id, ag;
	int32_t			 mon, sun;
	char			 w[16], name[64];
	enum gk_err		 e;

	if (strncmp(req->path, PREFIX, strlen(PREFIX)) != 0)
		return GK_ENOTFOUND;
	if (*p == '\0' || strcmp(p, "/") == 0) {
		if (post)
			return gk_admin_error(resp, ctx, u, 405, "不支持该请求方法");
		if ((ag = agency_of(ctx, req, u)) == 0)
			return gk_admin_error(resp, ctx, u, 404, "该单位不存在或无权查看");
		return list_page(ctx, resp, u, ag, gk_web_arg(req, "week"), 200, NULL, err, errlen);
	}
	if (strncmp(p, "/week/", 6) == 0 && !post) {
		p += 6;
		dot = strrchr(p, '.');
		if (dot == NULL || (size_t)(dot - p) >= sizeof(w) ||
		    (strcmp(dot, ".pdf") != 0 && strcmp(dot, ".html") != 0))
			return GK_ENOTFOUND;
		snprintf(w, sizeof(w), "%.*s", (int)(dot - p), p);
		if (gk_notice_week_parse(w, &mon, &sun) != GK_OK)
			return GK_ENOTFOUND;
		if ((ag = agency_of(ctx, req, u)) == 0)
			return gk_admin_error(resp, ctx, u, 404, "该单位不存在或无权查看");
		if ((e = gk_notice_load_week(ctx->db, ag, mon, ctx->today,
		    GK_NOTICE_DAYS, &set, err, errlen)) != GK_OK)
			return e;
		if (set.n == 0) {
			gk_notice_set_free(&set);
			return gk_admin_error(resp, ctx, u, 404, "该周没有发布信息");
		}
		snprintf(name, sizeof(name), "notices-%s", w);
		e = download(resp, &set, strcmp(dot, ".html") == 0, name, err, errlen);
		gk_notice_set_free(&set);
		return e;
	}
	if (strncmp(p, "/item/", 6) != 0)
		return GK_ENOTFOUND;
	p += 6;
	if (post) {
		if ((slash = strchr(p, '/')) == NULL || (id = id_of(p, (size_t)(slash - p))) == 0)
			return GK_ENOTFOUND;
		if (strcmp(slash, "/posted") == 0)
			return record(ctx, req, u, resp, id, 1, err, errlen);
		if (strcmp(slash, "/removed") == 0)
			return record(ctx, req, u, resp, id, 0, err, errlen);
		return GK_ENOTFOUND;
	}
	if ((dot = strrchr(p, '.')) == NULL || (id = id_of(p, (size_t)(dot - p))) == 0 ||
	    (strcmp(dot, ".pdf") != 0 && strcmp(dot, ".html") != 0))
		return GK_ENOTFOUND;
	if (item_check(ctx, resp, u, id, &e, err, errlen) != 0)
		return e;
	if ((e = gk_notice_load_item(ctx->db, id, ctx->today, GK_NOTICE_DAYS, &set, err,
	    errlen)) != GK_OK)
		return e;
	snprintf(name, sizeof(name), "notice-%lld", (long long)id);
	e = download(resp, &set, strcmp(dot, ".html") == 0, name, err, errlen);
	gk_notice_set_free(&set);
	return e;
}
