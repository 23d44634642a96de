/*
 * admin_report_sup.c — the back office's trainings and complaints (issue
 * 6, H5; docs/admin-report.md), the records behind the narrative's
 * {{trainings.*}} and {{complaints.*}} (store/supervision.h):
 *
 *   /admin/trainings              list (?year=Y), newest first
 *   /admin/trainings/new          GET form, POST add
 *   /admin/trainings/{id}         GET edit form, POST change
 *   /admin/complaints             list (?year=Y)
 *   /admin/complaints/new         GET form, POST add
 *   /admin/complaints/{id}        GET the complaint (edit and close forms while open), POST change
 *   /admin/complaints/{id}/close  POST close with the rectification feedback
 *
 * Records of another agency are 404. A failed POST re-renders the form
 * with the values and the message next to its field (400; 409 for a
 * closed complaint); a successful one redirects (303) to the list.
 */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/workflow.h"
#include "store/supervision.h"
#include "web/admin.h"
#include "web/admin_report_int.h"
#include "web/html.h"

static int
may_change(const struct gk_admin_user *u)
{
	return GK_ADMIN_HAS(u, WF_ROLE_OFFICER) || GK_ADMIN_HAS(u, WF_ROLE_OFFICE) ||
	    GK_ADMIN_HAS(u, WF_ROLE_ADMIN);
}

static const char *
arg(const struct ar_req *q, const char *name)
{
	const char *v = gk_web_arg(q->req, name);

	return v != NULL ? v : "";
}

/* A labelled input (or textarea when rows > 0) with its value and error. */
static void
field(struct gk_buf *b, const char *name, const char *label, const char *type, int rows,
    const char *value, const char *msg, const char *hint)
{
	int bad = msg != NULL && msg[0] != '\0';

	gk_html(b, "<p><label for=\"f-%s\">%s</label>", name, label);
	if (hint != NULL)
		gk_html(b, " <small id=\"f-%s-hint\">%s</small>", name, hint);
	gk_html_raw(b, "<br>\n");
	if (rows > 0)
		gk_html(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\" cols=\"70\" required", name,
		    name, rows);
	else
		gk_html(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\" required", name,
		    name, type, value);
	if (bad)
		gk_html(b, " aria-invalid=\"true\" aria-describedby=\"f-%s-err\"", name);
	else if (hint != NULL)
		gk_html(b, " aria-describedby=\"f-%s-hint\"", name);
	if (rows > 0)
		gk_html(b, ">%s</textarea>", value);
	else
		gk_html_raw(b, ">");
	gk_html_raw(b, "</p>\n");
	if (bad)
		gk_ar_field_error(b, name, msg);
}

/* A form date: *d, or a message in msg. */
static int
form_date(const char *s, int32_t *d, char *msg, size_t n)
{
	if (s[0] == '\0') {
		snprintf(msg, n, "请填写日期（格式 YYYY-MM-DD）");
		return 0;
	}
	if (strlen(s) != 10 || gk_date_parse(s, strlen(s), d) != GK_OK) {
		snprintf(msg, n, "日期格式应为 YYYY-MM-DD，如 2025-03-18");
		return 0;
	}
	return 1;
}

/* The year filter of a list: ?year=Y (0: all), or -1 when malformed. */
static int
list_year(const struct ar_req *q)
{
	const char	*s = gk_web_arg(q->req, "year");
	int		 y = 0, i;

	if (s == NULL || s[0] == '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++) {
		if (i >= 4 || s[i] < '0' || s[i] > '9')
			return -1;
		y = y * 10 + (s[i] - '0');
	}
	return i == 4 && y >= 2000 ? y : -1;
}

static void
year_filter(struct gk_buf *b, const char *action, int year)
{
	char ys[16];

	snprintf(ys, sizeof(ys), "%d", year);
	gk_html(b, "<form method=\"get\" action=\"%s\"><label for=\"f-year\">年度</label> "
	    "<input id=\"f-year\" name=\"year\" inputmode=\"numeric\" size=\"6\" value=\"%s\"> "
	    "<button type=\"submit\">筛选</button></form>\n", action, year > 0 ? ys : "");
}

/* ---- trainings ---- */

struct tr_form {
	const char	*date, *topic, *attendees, *hours;
	char		 e_date[256], e_topic[256], e_attendees[256], e_hours[256];
};

static void
tr_form_page(struct ar_req *q, int64_t id, const struct tr_form *f, const char *alert)
{
	struct gk_buf	*b = &q->resp->body;
	char		 action[64];

	if (id == 0)
		snprintf(action, sizeof(action), "/admin/trainings/new");
	else
		snprintf(action, sizeof(action), "/admin/trainings/%lld", (long long)id);
	gk_ar_begin(q, id == 0 ? "新增培训记录" : "修改培训记录", "trainings");
	gk_html(b, "<h1>%s</h1>\n<p><a href=\"/admin/trainings\">返回培训记录</a></p>\n",
	    id == 0 ? "新增培训记录" : "修改培训记录");
	if (alert != NULL && alert[0] != '\0')
		gk_html(b, "<p class=\"alert\" role=\"alert\"><strong>%s</strong></p>\n", alert);
	gk_html(b, "<form method=\"post\" action=\"%s\">\n", action);
	gk_admin_csrf_field(b, q->u);
	field(b, "date", "培训日期", "date", 0, f->date, f->e_date, "YYYY-MM-DD");
	field(b, "topic", "培训主题", "text", 0, f->topic, f->e_topic, NULL);
	field(b, "attendees", "参训人数", "number", 0, f->attendees, f->e_attendees, "人");
	field(b, "hours", "学时", "text", 0, f->hours, f->e_hours, "小时，可有一位小数，如 2.5");
	gk_html_raw(b, "<p><button type=\"submit\">保存</button></p>\n</form>\n");
}

static enum gk_err
tr_post(struct ar_req *q, int64_t id)
{
	struct tr_form	 f;
	int32_t		 d = GK_DATE_NONE;
	int64_t		 att = 0, h10 = 0, nid = 0;
	const char	*fld = NULL, *end = "";
	char		 msg[512], to[64];
	int		 bad = 0;
	enum gk_err	 e;

	memset(&f, 0, sizeof(f));
	f.date = arg(q, "date");
	f.topic = arg(q, "topic");
	f.attendees = arg(q, "attendees");
	f.hours = arg(q, "hours");
	if (!form_date(f.date, &d, f.e_date, sizeof(f.e_date)))
		bad = 1;
	att = gk_ar_id(f.attendees, &end);
	if (att == 0 || *end != '\0') {
		snprintf(f.e_attendees, sizeof(f.e_attendees), "参训人数须为正整数");
		bad = 1;
	}
	if (gk_sup_hours_parse(f.hours, &h10) != GK_OK || h10 == 0) {
		snprintf(f.e_hours, sizeof(f.e_hours), "学时须为 0.1 至 %d 之间的数，最多一位小数",
		    GK_SUP_HOURS_MAX / 10);
		bad = 1;
	}
	if (f.topic[0] == '\0') {
		snprintf(f.e_topic, sizeof(f.e_topic), "请填写培训主题");
		bad = 1;
	}
	if (!bad) {
		e = id == 0 ? gk_training_add(q->ctx->db, q->u->login, q->u->agency_id, d, f.topic,
		    att, h10, q->ctx->now, &nid, &fld, msg, sizeof(msg)) :
		    gk_training_update(q->ctx->db, q->u->login, id, d, f.topic, att, h10,
		    q->ctx->now, &fld, msg, sizeof(msg));
		if (e == GK_OK) {
			snprintf(to, sizeof(to), "/admin/trainings?saved=%lld",
			    (long long)(id != 0 ? id : nid));
			gk_admin_redirect(q->resp, to);
			return GK_OK;
		}
		if (e == GK_ECONFLICT)
			return gk_admin_error(q->resp, q->ctx, q->u, 403, msg);
		if (e != GK_EINVAL || fld == NULL) {
			gk_strlcpy_utf8(q->err, msg, q->errlen);
			return e;
		}
		gk_strlcpy_utf8(strcmp(fld, "date") == 0 ? f.e_date : strcmp(fld, "topic") == 0 ?
		    f.e_topic : strcmp(fld, "attendees") == 0 ? f.e_attendees : f.e_hours, msg,
		    sizeof(f.e_date));
	}
	tr_form_page(q, id, &f, "未保存：请按提示修改");
	return gk_ar_done(q, 400);
}

static enum gk_err
tr_list(struct ar_req *q)
{
	struct gk_buf		*b = &q->resp->body;
	struct gk_training_list	 l;
	int			 year = list_year(q);
	size_t			 i;
	int64_t			 att = 0, h10 = 0;
	char			 day[GK_DATE_LEN], hs[32];
	enum gk_err		 e;

	if (year < 0)
		return gk_admin_error(q->resp, q->ctx, q->u, 400, "年度格式应为四位数字，如 2025");
	if ((e = gk_training_list(q->ctx->db, q->u->agency_id, year, &l, q->err,
	    q->errlen)) != GK_OK)
		return e;
	gk_ar_begin(q, "培训记录", "trainings");
	gk_html_raw(b, "<h1>政府信息公开培训记录</h1>\n");
	if (gk_web_arg(q->req, "saved") != NULL)
		gk_html_raw(b, "<p class=\"notice\" role=\"status\">培训记录已保存。</p>\n");
	gk_html_raw(b, "<p>这些记录计入年度报告正文的 <code>{{trainings.count}}</code>、"
	    "<code>{{trainings.attendees}}</code>、<code>{{trainings.hours}}</code>。"
	    "<a href=\"/admin/report\">年度报告</a></p>\n");
	if (may_change(q->u))
		gk_html_raw(b, "<p><a href=\"/admin/trainings/new\">新增培训记录</a></p>\n");
	year_filter(b, "/admin/trainings", year);
	gk_html_raw(b, "<table>\n<caption>培训记录</caption>\n<thead><tr><th scope=\"col\">日期</th>"
	    "<th scope=\"col\">主题</th><th scope=\"col\">参训人数</th><th scope=\"col\">学时</th>"
	    "<th scope=\"col\">操作</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < l.n; i++) {
		gk_date_format(l.v[i].held, day);
		gk_sup_hours_format(l.v[i].hours10, hs, sizeof(hs));
		att += l.v[i].attendees;
		h10 += l.v[i].hours10;
		gk_html(b, "<tr><td>%s</td><th scope=\"row\">%s</th><td>%lld</td><td>%s</td>"
		    "<td><a href=\"/admin/trainings/%lld\">修改</a></td></tr>\n", day, l.v[i].topic,
		    (long long)l.v[i].attendees, hs, (long long)l.v[i].id);
	}
	if (l.n == 0)
		gk_html_raw(b, "<tr><td colspan=\"5\">暂无记录</td></tr>\n");
	gk_html_raw(b, "</tbody>\n");
	gk_sup_hours_format(h10, hs, sizeof(hs));
	gk_html(b, "<tfoot><tr><th scope=\"row\" colspan=\"2\">合计 %zu 次</th><td>%lld</td><td>%s</td>"
	    "<td></td></tr></tfoot>\n</table>\n", l.n, (long long)att, hs);
	gk_training_list_free(&l);
	return gk_ar_done(q, 200);
}

enum gk_err
gk_ar_trainings(struct ar_req *q, const char *rest)
{
	int		 post = strcmp(q->req->method, "POST") == 0;
	const char	*end = NULL;
	int64_t		 id;

	if (rest[0] == '\0' || strcmp(rest, "/") == 0) {
		if (post)
			return gk_admin_error(q->resp, q->ctx, q->u, 405, "不支持的操作");
		return tr_list(q);
	}
	if (strcmp(rest, "/new") == 0) {
		struct tr_form f;

		if (!may_change(q->u))
			return gk_admin_error(q->resp, q->ctx, q->u, 403, "无权登记培训记录");
		if (post)
			return tr_post(q, 0);
		memset(&f, 0, sizeof(f));
		f.date = f.topic = f.attendees = f.hours = "";
		tr_form_page(q, 0, &f, NULL);
		return gk_ar_done(q, 200);
	}
	if ((id = gk_ar_id(rest + 1, &end)) > 0 && *end == '\0') {
		struct gk_training	 t;
		struct tr_form		 f;
		char			 day[GK_DATE_LEN], att[24], hs[32], err[256];
		enum gk_err		 e;

		if ((e = gk_training_get(q->ctx->db, id, &t, err, sizeof(err))) != GK_OK) {
			if (e != GK_ENOTFOUND) {
				gk_strlcpy_utf8(q->err, err, q->errlen);
				return e;
			}
			return gk_admin_error(q->resp, q->ctx, q->u, 404, "培训记录不存在");
		}
		if (t.agency_id != q->u->agency_id) {
			gk_training_clear(&t);
			return gk_admin_error(q->resp, q->ctx, q->u, 404, "培训记录不存在");
		}
		if (!may_change(q->u)) {
			gk_training_clear(&t);
			return gk_admin_error(q->resp, q->ctx, q->u, 403, "无权修改培训记录");
		}
		if (post) {
			gk_training_clear(&t);
			return tr_post(q, id);
		}
		memset(&f, 0, sizeof(f));
		gk_date_format(t.held, day);
		snprintf(att, sizeof(att), "%lld", (long long)t.attendees);
		gk_sup_hours_format(t.hours10, hs, sizeof(hs));
		f.date = day;
		f.topic = t.topic;
		f.attendees = att;
		f.hours = hs;
		tr_form_page(q, id, &f, NULL);
		gk_training_clear(&t);
		return gk_ar_done(q, 200);
	}
	return gk_admin_error(q->resp, q->ctx, q->u, 404, "页面不存在");
}

/* ---- complaints ---- */

struct co_form {
	const char	*date, *about, *closed, *feedback;
	char		 e_date[256], e_about[256], e_closed[256], e_feedback[256];
};

/* The complaint's page: the add form (id 0), or the record with its edit and close forms. */
static void
co_page(struct ar_req *q, const struct gk_complaint *c, const struct co_form *f,
    const char *alert)
{
	struct gk_buf	*b = &q->resp->body;
	char		 day[GK_DATE_LEN], cd[GK_DATE_LEN];

	if (c == NULL) {
		gk_ar_begin(q, "登记投诉", "trainings");
		gk_html_raw(b, "<h1>登记投诉</h1>\n<p><a href=\"/admin/complaints\">返回投诉处理</a></p>\n");
	} else {
		gk_ar_begin(q, "投诉处理", "trainings");
		gk_html(b, "<h1>投诉 %lld</h1>\n<p><a href=\"/admin/complaints\">返回投诉处理</a></p>\n",
		    (long long)c->id);
	}
	if (alert != NULL && alert[0] != '\0')
		gk_html(b, "<p class=\"alert\" role=\"alert\"><strong>%s</strong></p>\n", alert);
	if (c != NULL && c->closed != GK_DATE_NONE) {
		gk_date_format(c->received, day);
		gk_date_format(c->closed, cd);
		gk_html(b, "<dl>\n<dt>收到日期</dt><dd>%s</dd>\n<dt>投诉事项</dt><dd>%s</dd>\n"
		    "<dt>整改反馈</dt><dd>%s</dd>\n<dt>办结日期</dt><dd>%s</dd>\n</dl>\n"
		    "<p>已办结，不能再修改。</p>\n", day, c->about, c->feedback, cd);
		return;
	}
	if (c == NULL)
		gk_html_raw(b, "<form method=\"post\" action=\"/admin/complaints/new\">\n");
	else
		gk_html(b, "<section aria-labelledby=\"h-edit\"><h2 id=\"h-edit\">修改</h2>\n"
		    "<form method=\"post\" action=\"/admin/complaints/%lld\">\n", (long long)c->id);
	gk_admin_csrf_field(b, q->u);
	field(b, "date", "收到日期", "date", 0, f->date, f->e_date, "YYYY-MM-DD");
	field(b, "about", "投诉事项", NULL, 6, f->about, f->e_about, NULL);
	gk_html_raw(b, "<p><button type=\"submit\">保存</button></p>\n</form>\n");
	if (c == NULL)
		return;
	gk_html(b, "</section>\n<section aria-labelledby=\"h-close\"><h2 id=\"h-close\">整改反馈并办结</h2>\n"
	    "<form method=\"post\" action=\"/admin/complaints/%lld/close\">\n", (long long)c->id);
	gk_admin_csrf_field(b, q->u);
	field(b, "feedback", "整改反馈", NULL, 6, f->feedback, f->e_feedback, NULL);
	field(b, "closed", "办结日期", "date", 0, f->closed, f->e_closed, "YYYY-MM-DD");
	gk_html_raw(b, "<p><button type=\"submit\">办结</button></p>\n</form>\n</section>\n");
}

static char *
co_slot(struct co_form *f, const char *fld)
{
	if (fld == NULL || strcmp(fld, "about") == 0)
		return f->e_about;
	if (strcmp(fld, "date") == 0)
		return f->e_date;
	if (strcmp(fld, "closed") == 0)
		return f->e_closed;
	return f->e_feedback;
}

/* POST add (c NULL), change or close (closing set) of a complaint. */
static enum gk_err
co_post(struct ar_req *q, const struct gk_complaint *c, int closing)
{
	struct co_form	 f;
	int32_t		 d = GK_DATE_NONE;
	int64_t		 nid = 0;
	const char	*fld = NULL;
	char		 msg[512], to[64], day[GK_DATE_LEN];
	int		 bad = 0;
	enum gk_err	 e;

	memset(&f, 0, sizeof(f));
	if (c != NULL)
		gk_date_format(c->received, day);
	f.date = closing ? day : arg(q, "date");
	f.about = closing ? c->about : arg(q, "about");
	f.closed = closing ? arg(q, "closed") : "";
	f.feedback = closing ? arg(q, "feedback") : "";
	if (!form_date(closing ? f.closed : f.date, &d, closing ? f.e_closed : f.e_date,
	    sizeof(f.e_date)))
		bad = 1;
	if (!closing && f.about[0] == '\0') {
		snprintf(f.e_about, sizeof(f.e_about), "请填写投诉事项");
		bad = 1;
	}
	if (closing && f.feedback[0] == '\0') {
		snprintf(f.e_feedback, sizeof(f.e_feedback), "请填写整改反馈");
		bad = 1;
	}
	if (!bad) {
		if (c == NULL)
			e = gk_complaint_add(q->ctx->db, q->u->login, q->u->agency_id, d, f.about,
			    q->ctx->now, &nid, &fld, msg, sizeof(msg));
		else if (closing)
			e = gk_complaint_close(q->ctx->db, q->u->login, c->id, d, f.feedback,
			    q->ctx->now, &fld, msg, sizeof(msg));
		else
			e = gk_complaint_update(q->ctx->db, q->u->login, c->id, d, f.about,
			    q->ctx->now, &fld, msg, sizeof(msg));
		if (e == GK_OK) {
			snprintf(to, sizeof(to), "/admin/complaints?saved=%lld",
			    (long long)(c != NULL ? c->id : nid));
			gk_admin_redirect(q->resp, to);
			return GK_OK;
		}
		if (e == GK_ECONFLICT && strncmp(msg, "无权", strlen("无权")) == 0)
			return gk_admin_error(q->resp, q->ctx, q->u, 403, msg);
		if (e == GK_ECONFLICT) {
			co_page(q, c, &f, msg);
			return gk_ar_done(q, 409);
		}
		if (e != GK_EINVAL || fld == NULL) {
			gk_strlcpy_utf8(q->err, msg, q->errlen);
			return e;
		}
		gk_strlcpy_utf8(co_slot(&f, fld), msg, sizeof(f.e_date));
	}
	co_page(q, c, &f, "未保存：请按提示修改");
	return gk_ar_done(q, 400);
}

static enum gk_err
co_list(struct ar_req *q)
{
	struct gk_buf			*b = &q->resp->body;
	struct gk_complaint_list	 l;
	int				 year = list_year(q);
	size_t				 i, open = 0;
	char				 day[GK_DATE_LEN], cd[GK_DATE_LEN];
	enum gk_err			 e;

	if (year < 0)
		return gk_admin_error(q->resp, q->ctx, q->u, 400, "年度格式应为四位数字，如 2025");
	if ((e = gk_complaint_list(q->ctx->db, q->u->agency_id, year, &l, q->err,
	    q->errlen)) != GK_OK)
		return e;
	gk_ar_begin(q, "投诉处理", "trainings");
	gk_html_raw(b, "<h1>政府信息公开工作投诉处理</h1>\n");
	if (gk_web_arg(q->req, "saved") != NULL)
		gk_html_raw(b, "<p class=\"notice\" role=\"status\">投诉记录已保存。</p>\n");
	gk_html_raw(b, "<p>这些记录计入年度报告正文的 <code>{{complaints.count}}</code>、"
	    "<code>{{complaints.closed}}</code>、<code>{{complaints.open}}</code>。"
	    "<a href=\"/admin/report\">年度报告</a></p>\n");
	if (may_change(q->u))
		gk_html_raw(b, "<p><a href=\"/admin/complaints/new\">登记投诉</a></p>\n");
	year_filter(b, "/admin/complaints", year);
	gk_html_raw(b, "<table>\n<caption>投诉记录</caption>\n<thead><tr><th scope=\"col\">编号</th>"
	    "<th scope=\"col\">收到日期</th><th scope=\"col\">投诉事项</th><th scope=\"col\">状态</th>"
	    "<th scope=\"col\">整改反馈</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < l.n; i++) {
		gk_date_format(l.v[i].received, day);
		gk_html(b, "<tr><th scope=\"row\"><a href=\"/admin/complaints/%lld\">%lld</a></th>"
		    "<td>%s</td><td>%s</td>", (long long)l.v[i].id, (long long)l.v[i].id, day,
		    l.v[i].about);
		if (l.v[i].closed != GK_DATE_NONE) {
			gk_date_format(l.v[i].closed, cd);
			gk_html(b, "<td>已办结（%s）</td><td>%s</td></tr>\n", cd, l.v[i].feedback);
		} else {
			open++;
			gk_html_raw(b, "<td>办理中</td><td></td></tr>\n");
		}
	}
	if (l.n == 0)
		gk_html_raw(b, "<tr><td colspan=\"5\">暂无记录</td></tr>\n");
	gk_html(b, "</tbody>\n</table>\n<p>共 %zu 件，其中办理中 %zu 件。</p>\n", l.n, open);
	gk_complaint_list_free(&l);
	return gk_ar_done(q, 200);
}

enum gk_err
gk_ar_complaints(struct ar_req *q, const char *rest)
{
	int		 post = strcmp(q->req->method, "POST") == 0, closing = 0;
	const char	*end = NULL;
	int64_t		 id;

	if (rest[0] == '\0' || strcmp(rest, "/") == 0) {
		if (post)
			return gk_admin_error(q->resp, q->ctx, q->u, 405, "不支持的操作");
		return co_list(q);
	}
	if (strcmp(rest, "/new") == 0) {
		struct co_form f;

		if (!may_change(q->u))
			return gk_admin_error(q->resp, q->ctx, q->u, 403, "无权登记投诉");
		if (post)
			return co_post(q, NULL, 0);
		memset(&f, 0, sizeof(f));
		f.date = f.about = f.closed = f.feedback = "";
		co_page(q, NULL, &f, NULL);
		return gk_ar_done(q, 200);
	}
	if ((id = gk_ar_id(rest + 1, &end)) > 0 && (*end == '\0' ||
	    (closing = strcmp(end, "/close") == 0))) {
		struct gk_complaint	 c;
		struct co_form		 f;
		char			 day[GK_DATE_LEN], err[256];
		enum gk_err		 e;

		if ((e = gk_complaint_get(q->ctx->db, id, &c, err, sizeof(err))) != GK_OK) {
			if (e != GK_ENOTFOUND) {
				gk_strlcpy_utf8(q->err, err, q->errlen);
				return e;
			}
			return gk_admin_error(q->resp, q->ctx, q->u, 404, "投诉记录不存在");
		}
		if (c.agency_id != q->u->agency_id) {
			gk_complaint_clear(&c);
			return gk_admin_error(q->resp, q->ctx, q->u, 404, "投诉记录不存在");
		}
		if (closing && !post) {
			gk_complaint_clear(&c);
			return gk_admin_error(q->resp, q->ctx, q->u, 405, "不支持的操作");
		}
		if (post) {
			if (!may_change(q->u))
				e = gk_admin_error(q->resp, q->ctx, q->u, 403, "无权处理投诉");
			else
				e = co_post(q, &c, closing);
			gk_complaint_clear(&c);
			return e;
		}
		memset(&f, 0, sizeof(f));
		gk_date_format(c.received, day);
		f.date = day;
		f.about = c.about;
		f.closed = f.feedback = "";
		co_page(q, &c, &f, NULL);
		gk_complaint_clear(&c);
		return gk_ar_done(q, 200);
	}
	return gk_admin_error(q->resp, q->ctx, q->u, 404, "页面不存在");
}
