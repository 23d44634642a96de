/*
 * admin_apply_letter.c — the answer (答复) of an application in the back
 * office (H4; docs/admin-applications.md): the outcome chosen from the
 * leaves of the report's table 三, the letter drafted by core/letter and
 * kept by the store (store/letter_store.h), edited by the officer as new
 * versions, then sent — the ANSWER event and the frozen letter in one
 * transaction — and downloaded as HTML.
 *
 *   GET  /admin/applications/{id}/letter          the answer screen
 *   POST /admin/applications/{id}/letter/draft    a (new) draft from the outcome
 *   POST /admin/applications/{id}/letter/edit     the edited text: a new version
 *   POST /admin/applications/{id}/letter/send     answer with version v, freeze it
 *   GET  /admin/applications/{id}/letter.html?v=N the letter (latest: no v) as HTML
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/apply.h"
#include "core/date.h"
#include "core/escape.h"
#include "core/letter.h"
#include "doc/doc.h"
#include "store/application.h"
#include "store/letter_store.h"
#include "web/admin.h"
#include "web/admin_apply_int.h"
#include "web/html.h"

#define APPS	"/admin/applications"

/* ---- the text as HTML ---- */

static int
blank_n(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static int
has_n(const char *s, size_t n, const char *needle)
{
	size_t i, k = strlen(needle);

	for (i = 0; i + k <= n; i++)
		if (memcmp(s + i, needle, k) == 0)
			return 1;
	return 0;
}

static int
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);

	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

/* 1 for a line that is a letter's date: "2025年3月5日" (at most 16 bytes, digits 年 … 日). */
static int
date_line(const char *s, size_t n)
{
	return n >= strlen("2025年1月1日") && n <= 20 && s[0] >= '0' && s[0] <= '9' &&
	    has_n(s, n, "年") && has_n(s, n, "月") && ends_with(s, n, "日");
}

void
aa_letter_blocks(struct gk_buf *b, const char *text)
{
	const char	*p, *e;
	size_t		 total = 0, i = 0, n, date = 0;

	/* the last date line is the date, the block before it the signature */
	for (p = text; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		e = p + strcspn(p, "\n");
		n = (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (!blank_n(p, n)) {
			if (total > 2 && date_line(p, n))
				date = total;
			total++;
		}
	}
	gk_html_raw(b, "<article class=\"gk-letter\">\n");
	for (p = text; *p != '\0'; p = *e != '\0' ? e + 1 : e) {
		const char *cls;

		e = p + strcspn(p, "\n");
		n = (size_t)(e - p);
		if (n > 0 && p[n - 1] == '\r')
			n--;
		if (blank_n(p, n))
			continue;
		if (i == 0) {
			gk_html_raw(b, "<h1>");
			gk_buf_put_html(b, p, n);
			gk_html_raw(b, "</h1>\n");
			i++;
			continue;
		}
		if (i == 1 && has_n(p, n, "〔") && ends_with(p, n, "号"))
			cls = "gk-no";
		else if (i <= 2 && ends_with(p, n, "："))
			cls = "gk-to";
		else if (date > 0 && i == date - 1)
			cls = "gk-sign";
		else if (date > 0 && i == date)
			cls = "gk-date";
		else
			cls = "gk-body";
		gk_html(b, "<p class=\"%s\">", cls);
		gk_buf_put_html(b, p, n);
		gk_html_raw(b, "</p>\n");
		i++;
	}
	gk_html_raw(b, "</article>\n");
}

static const char letter_css[] =
	"<style>\n.gk-letter{max-width:42em;margin:2em auto;font-family:serif;line-height:1.8}\n"
	".gk-letter h1{text-align:center;font-size:1.6em}\n"
	".gk-no{text-align:center}\n"
	".gk-sign,.gk-date{text-align:right}\n</style>\n";

/* ---- the screen ---- */

struct lform {
	const char	*form;		/* the form that failed: "draft", "edit", "send" or "" */
	const char	*msg;
};

static const char *
fval(const struct gk_web_req *req, const struct lform *f, const char *form, const char *name,
    const char *dflt)
{
	if (strcmp(f->form, form) == 0)
		return aa_arg(req, name);
	return dflt;
}

static void
outcome_select(struct gk_buf *b, const char *value)
{
	int i;

	gk_html_raw(b, "<label for=\"l-outcome\">办理结果（年度报告表三的栏目）</label>\n"
	    "<select id=\"l-outcome\" name=\"outcome\">\n<option value=\"\">请选择</option>\n");
	for (i = 0; i < APPLY_OUT__MAX; i++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>\n", apply_outcomes[i].id,
		    strcmp(value, apply_outcomes[i].id) == 0 ? " selected" : "",
		    apply_outcomes[i].label);
	gk_html_raw(b, "</select>\n");
}

static void
area(struct gk_buf *b, const char *name, const char *label, const char *hint, const char *v)
{
	gk_html(b, "<div class=\"field\"><label for=\"l-%s\">%s</label>\n", name, label);
	if (hint != NULL)
		gk_html(b, "<p class=\"hint\" id=\"l-%s-hint\">%s</p>\n", name, hint);
	gk_html(b, "<textarea id=\"l-%s\" name=\"%s\" rows=\"3\" cols=\"60\">%s</textarea></div>\n",
	    name, name, v);
}

static void
draft_form(struct gk_buf *b, const struct gk_web_req *req, const struct gk_admin_user *u,
    const struct gk_web_ctx *ctx, int64_t id, const struct lform *f, int have_draft)
{
	char today[GK_DATE_LEN];

	gk_html(b, "<form method=\"post\" action=\"" APPS "/%lld/letter/draft\" id=\"draft\""
	    " accept-charset=\"utf-8\">\n<fieldset><legend>%s</legend>\n", (long long)id,
	    have_draft ? "按新的选择重新生成告知书（保存为新版本）" : "选择办理结果，生成告知书草稿");
	gk_admin_csrf_field(b, u);
	if (strcmp(f->form, "draft") == 0)
		aa_error_note(b, f->msg);
	outcome_select(b, fval(req, f, "draft", "outcome", ""));
	gk_html(b, "<div class=\"field\"><label for=\"l-date\">答复日期</label> <input id=\"l-date\""
	    " name=\"date\" type=\"date\" value=\"%s\"></div>\n",
	    fval(req, f, "draft", "date", aa_today(ctx, today)));
	gk_html(b, "<div class=\"field\"><label><input type=\"checkbox\" name=\"proactive\" value=\"1\"%s>"
	    " 予以公开：该信息已主动公开（条例第三十六条第（一）项）</label></div>\n",
	    strcmp(fval(req, f, "draft", "proactive", ""), "1") == 0 ? " checked" : "");
	area(b, "part", "部分公开：提供的部分", "部分公开时必填", fval(req, f, "draft", "part", ""));
	area(b, "reasons", "理由或说明", "部分公开、不予公开（其他法律行政法规禁止公开）和其他处理时必填",
	    fval(req, f, "draft", "reasons", ""));
	area(b, "where", "获取信息的方式、地点和时间", NULL, fval(req, f, "draft", "where", ""));
	area(b, "responsible", "负责公开该信息的机关及其联系方式", "本机关不掌握相关政府信息时填写",
	    fval(req, f, "draft", "responsible", ""));
	gk_html(b, "<div class=\"field\"><label for=\"l-number\">编号（第 N 号，留空则用查询码）</label>"
	    " <input id=\"l-number\" name=\"number\" size=\"8\" inputmode=\"numeric\" value=\"%s\">"
	    "</div>\n", fval(req, f, "draft", "number", ""));
	gk_html_raw(b, "<button type=\"submit\">生成草稿</button>\n</fieldset></form>\n");
}

/* The downloads of version (0: the letter generated from the record, no stored version). */
static void
download_links(struct gk_buf *b, int64_t id, int version)
{
	static const char *const ext[] = { "html", "docx", "pdf" };
	static const char *const label[] = { "HTML", "DOCX", "PDF" };
	int i;

	for (i = 0; i < 3; i++) {
		gk_html(b, "%s<a href=\"" APPS "/%lld/letter.%s", i > 0 ? " · " : "", (long long)id,
		    ext[i]);
		if (version > 0)
			gk_html(b, "?v=%d", version);
		gk_html(b, "\">%s</a>", label[i]);
	}
}

static enum gk_err
letter_page(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, int64_t id, const struct lform *f, int status,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_apply		 a;
	struct gk_letter_list	 l;
	const struct gk_letter_row *last = NULL;
	struct gk_buf		*b = &resp->body;
	char			 title[64], d[GK_DATE_LEN];
	size_t			 i;
	enum gk_err		 e;
	int			 full = 1;

	memset(&a, 0, sizeof(a));
	e = gk_apply_get(ctx->db, u->login, id, 1, ctx->cal, ctx->now, &a, err, errlen);
	if (e == GK_ECONFLICT) {
		/* the letter names the applicant: only the roles of the full view */
		gk_apply_clear(&a);
		e = gk_apply_get(ctx->db, u->login, id, 0, ctx->cal, ctx->now, &a, err, errlen);
		full = 0;
	}
	if (e == GK_ENOTFOUND || (e == GK_OK && !aa_may_read(ctx, u, a.agency_id))) {
		gk_apply_clear(&a);
		return gk_admin_error(resp, ctx, u, 404, "申请不存在");
	}
	if (e != GK_OK)
		return e;
	if (!full) {
		gk_apply_clear(&a);
		return gk_admin_error(resp, ctx, u, 403, "告知书载有申请人姓名，仅信息公开工作人员可以查看");
	}
	memset(&l, 0, sizeof(l));
	if ((e = gk_letter_list(ctx->db, u->login, id, &l, err, errlen)) != GK_OK) {
		gk_apply_clear(&a);
		if (e == GK_ECONFLICT)
			return gk_admin_error(resp, ctx, u, 403, "无权查看告知书");
		return e;
	}
	if (l.n > 0)
		last = &l.v[l.n - 1];
	gk_buf_clear(b);
	snprintf(title, sizeof(title), "申请 %s 的答复", a.code);
	gk_admin_begin(b, ctx, u, title, "applications");
	gk_html(b, "<p><a href=\"" APPS "\">依申请公开</a> › <a href=\"" APPS "/%lld\">申请 %s</a>"
	    " › 答复</p>\n<h1>答复告知书 <span class=\"state\" id=\"state\">%s</span></h1>\n",
	    (long long)id, a.code, apply_phase_label(a.status.phase));
	{
		int open = !a.closed_ok && (last == NULL || last->sent_at[0] == '\0');
		int shown = open && (strcmp(f->form, "draft") == 0 || last != NULL);

		/* a refused step whose form is not on this page: its message here */
		if (f->form[0] != '\0' && !shown)
			aa_error_note(b, f->msg);
	}
	if (a.closed_ok)
		gk_html(b, "<p id=\"outcome\">办理结果：<strong>%s</strong>，%s 答复。</p>\n",
		    apply_outcomes[a.outcome].label, (gk_date_format(a.closed, d), d));
	else if (a.replay_err[0] == '\0')
		gk_html(b, "<p>答复期限 %s，剩余 %ld 个工作日。</p>\n",
		    (gk_date_format(a.status.due, d), d), a.status.days_left);
	if (last != NULL) {
		gk_html(b, "<section aria-labelledby=\"h-letter\">\n<h2 id=\"h-letter\">%s第 %d 版"
		    "（%s，%s）</h2>\n", last->sent_at[0] != '\0' ? "已发送的告知书：" : "草稿：",
		    last->version, apply_outcomes[last->outcome].label,
		    (gk_date_format(last->answered, d), d));
		if (last->sent_at[0] != '\0')
			gk_html(b, "<p>已于 %s 发送，内容已冻结，不能再修改。</p>\n", last->sent_at);
		aa_letter_blocks(b, last->body);
		gk_html_raw(b, "<p>");
		download_links(b, id, last->version);
		gk_html_raw(b, "</p>\n</section>\n");
	} else if (a.closed_ok) {
		gk_html_raw(b, "<p>本申请不是在后台通过告知书答复的，没有存档的告知书；可按办理记录生成：");
		download_links(b, id, 0);
		gk_html_raw(b, "</p>\n");
	}
	if (!a.closed_ok && (last == NULL || last->sent_at[0] == '\0')) {
		if (last != NULL) {
			gk_html(b, "<form method=\"post\" action=\"" APPS "/%lld/letter/edit\" id=\"edit\""
			    " accept-charset=\"utf-8\">\n<fieldset><legend>修改告知书（保存为第 %d 版）"
			    "</legend>\n", (long long)id, last->version + 1);
			gk_admin_csrf_field(b, u);
			if (strcmp(f->form, "edit") == 0)
				aa_error_note(b, f->msg);
			gk_html(b, "<label for=\"l-body\">告知书正文（第一行为标题，每段一行）</label>\n"
			    "<textarea id=\"l-body\" name=\"body\" rows=\"20\" cols=\"80\">%s</textarea>\n"
			    "<button type=\"submit\">保存修改</button>\n</fieldset></form>\n",
			    fval(req, f, "edit", "body", last->body));
			gk_html(b, "<form method=\"post\" action=\"" APPS "/%lld/letter/send\" id=\"send\""
			    " accept-charset=\"utf-8\">\n<fieldset><legend>确认答复</legend>\n",
			    (long long)id);
			gk_admin_csrf_field(b, u);
			if (strcmp(f->form, "send") == 0)
				aa_error_note(b, f->msg);
			gk_html(b, "<input type=\"hidden\" name=\"v\" value=\"%d\">\n<p>以第 %d 版告知书答复："
			    "记录办理结果“%s”，答复日期 %s；发送后告知书不能再修改。</p>\n"
			    "<button type=\"submit\">确认答复并发送</button>\n</fieldset></form>\n",
			    last->version, last->version, apply_outcomes[last->outcome].label,
			    (gk_date_format(last->answered, d), d));
		}
		draft_form(b, req, u, ctx, id, f, last != NULL);
	}
	if (l.n > 0) {
		gk_html_raw(b, "<table class=\"list\">\n<caption>告知书的各个版本</caption>\n"
		    "<thead><tr><th scope=\"col\">版本</th><th scope=\"col\">办理结果</th>"
		    "<th scope=\"col\">答复日期</th><th scope=\"col\">经办人</th>"
		    "<th scope=\"col\">保存时间</th><th scope=\"col\">状态</th>"
		    "<th scope=\"col\">下载</th></tr></thead>\n<tbody>\n");
		for (i = l.n; i-- > 0;) {
			gk_html(b, "<tr><td>第 %d 版</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>"
			    "<td>%s</td><td>", l.v[i].version, apply_outcomes[l.v[i].outcome].label,
			    (gk_date_format(l.v[i].answered, d), d), l.v[i].actor, l.v[i].created_at,
			    l.v[i].sent_at[0] != '\0' ? "已发送" : "草稿");
			download_links(b, id, l.v[i].version);
			gk_html_raw(b, "</td></tr>\n");
		}
		gk_html_raw(b, "</tbody></table>\n");
	}
	gk_admin_end(b);
	gk_letter_list_free(&l);
	gk_apply_clear(&a);
	return aa_done(resp, status);
}

/* ---- the actions ---- */

static enum gk_err
letter_post(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, int64_t id, const char *what, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct gk_apply_letter_opts	 o;
	struct gk_apply			 a;
	struct lform			 f;
	char				 msg[AA_MSG] = "", path[96];
	long				 n = 0, v = 0;
	enum gk_err			 e = GK_OK;
	int				 st;

	/* the record first: another agency's application is 404 */
	memset(&a, 0, sizeof(a));
	e = gk_apply_get(ctx->db, u->login, id, 0, ctx->cal, ctx->now, &a, err, errlen);
	if (e == GK_ENOTFOUND || (e == GK_OK && !aa_may_read(ctx, u, a.agency_id))) {
		gk_apply_clear(&a);
		return gk_admin_error(resp, ctx, u, 404, "申请不存在");
	}
	gk_apply_clear(&a);
	if (e != GK_OK)
		return e;
	memset(&o, 0, sizeof(o));
	if (strcmp(what, "draft") == 0) {
		if (!apply_outcome_from_name(aa_arg(req, "outcome"), &o.outcome) ||
		    strcmp(aa_arg(req, "outcome"), apply_outcomes[o.outcome].id) != 0)
			snprintf(msg, sizeof(msg), "请选择办理结果");
		else if (!aa_date(aa_arg(req, "date"), &o.answered))
			snprintf(msg, sizeof(msg), "请按 YYYY-MM-DD 填写答复日期");
		else if (aa_arg(req, "number")[0] != '\0' &&
		    !aa_long(aa_arg(req, "number"), 1, 999999, &n))
			snprintf(msg, sizeof(msg), "编号须为 1 至 999999 的整数，或留空");
		else {
			o.proactive = strcmp(aa_arg(req, "proactive"), "1") == 0;
			o.part = aa_blank(aa_arg(req, "part")) ? NULL : aa_arg(req, "part");
			o.reasons = aa_blank(aa_arg(req, "reasons")) ? NULL : aa_arg(req, "reasons");
			o.where = aa_blank(aa_arg(req, "where")) ? NULL : aa_arg(req, "where");
			o.responsible = aa_blank(aa_arg(req, "responsible")) ? NULL :
			    aa_arg(req, "responsible");
			o.number = n;
			e = gk_letter_draft(ctx->db, u->login, id, &o, ctx->cal, ctx->now, NULL, NULL,
			    msg, sizeof(msg));
		}
	} else if (strcmp(what, "edit") == 0)
		e = gk_letter_edit(ctx->db, u->login, id, aa_arg(req, "body"), ctx->now, NULL, msg,
		    sizeof(msg));
	else if (strcmp(what, "send") == 0) {
		if (!aa_long(aa_arg(req, "v"), 1, 1000000, &v))
			snprintf(msg, sizeof(msg), "缺少要发送的告知书版本");
		else
			e = gk_letter_send(ctx->db, u->login, id, (int)v, ctx->cal, ctx->now, NULL,
			    msg, sizeof(msg));
	} else
		return gk_admin_error(resp, ctx, u, 404, "页面不存在");
	f.form = what;
	f.msg = msg;
	if (e == GK_OK && msg[0] != '\0' && (strcmp(what, "edit") == 0 ||
	    (strcmp(what, "send") == 0 && v > 0)))
		msg[0] = '\0';		/* the store's call succeeded */
	if (msg[0] != '\0' && e == GK_OK)
		return letter_page(ctx, req, u, id, &f, 400, resp, err, errlen);
	if (e != GK_OK) {
		if ((st = aa_status(e)) == 0) {
			snprintf(err, errlen, "%s", msg);
			return e;
		}
		return letter_page(ctx, req, u, id, &f, st == 404 ? 409 : st, resp, err, errlen);
	}
	snprintf(path, sizeof(path), APPS "/%lld%s", (long long)id,
	    strcmp(what, "send") == 0 ? "" : "/letter");
	gk_admin_redirect(resp, path);
	return GK_OK;
}

/*
 * GET letter.html|docx|pdf?v=N: the stored letter as a whole HTML document
 * (the layout of letter_render's HTML), or through doc/doc.h as DOCX or PDF.
 */
static enum gk_err
letter_download(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, int64_t id, enum gk_doc_fmt fmt,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_buf		 html;
	char			 msg[AA_MSG] = "";
	struct gk_letter_row	 r;
	struct gk_apply		 a;
	long			 v = 0;
	enum gk_err		 e;

	if (aa_arg(req, "v")[0] != '\0' && !aa_long(aa_arg(req, "v"), 1, 1000000, &v))
		return gk_admin_error(resp, ctx, u, 404, "告知书不存在");
	memset(&a, 0, sizeof(a));
	e = gk_apply_get(ctx->db, u->login, id, 0, ctx->cal, ctx->now, &a, err, errlen);
	if (e == GK_ENOTFOUND || (e == GK_OK && !aa_may_read(ctx, u, a.agency_id))) {
		gk_apply_clear(&a);
		return gk_admin_error(resp, ctx, u, 404, "申请不存在");
	}
	if (e != GK_OK)
		return e;
	memset(&r, 0, sizeof(r));
	e = gk_letter_get(ctx->db, u->login, id, (int)v, &r, err, errlen);
	gk_buf_init(&html, 0);
	if (e == GK_ENOTFOUND && v == 0 && a.closed_ok) {
		/* answered without a stored letter (the CLI, the demo): the letter from the record */
		e = gk_apply_letter(ctx->db, u->login, id, NULL, LETTER_HTML, &html, msg,
		    sizeof(msg));
		if (e == GK_EINVAL) {
			gk_buf_clear(&html);
			gk_apply_clear(&a);
			return gk_admin_error(resp, ctx, u, 409, msg);
		}
		snprintf(resp->disposition, sizeof(resp->disposition),
		    "attachment; filename=\"letter-%s.%s\"", a.code,
		    fmt == GK_DOC_NONE ? "html" : gk_doc_fmt_name(fmt));
	} else if (e == GK_OK) {
		gk_html(&html, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
		    "<title>政府信息公开申请答复告知书 %s</title>\n", a.code);
		gk_html_raw(&html, letter_css);
		gk_html_raw(&html, "</head><body>\n");
		aa_letter_blocks(&html, r.body);
		gk_html_raw(&html, "</body></html>\n");
		snprintf(resp->disposition, sizeof(resp->disposition),
		    "attachment; filename=\"letter-%s-v%d.%s\"", a.code, r.version,
		    fmt == GK_DOC_NONE ? "html" : gk_doc_fmt_name(fmt));
	}
	if (e == GK_ENOTFOUND || e == GK_ECONFLICT) {
		gk_buf_clear(&html);
		gk_apply_clear(&a);
		resp->disposition[0] = '\0';
		return gk_admin_error(resp, ctx, u, e == GK_ENOTFOUND ? 404 : 403,
		    e == GK_ENOTFOUND ? "告知书不存在" : "无权查看告知书");
	}
	if (e != GK_OK) {
		gk_buf_clear(&html);
		gk_apply_clear(&a);
		if (msg[0] != '\0')
			snprintf(err, errlen, "%s", msg);
		return e;
	}
	gk_letter_row_clear(&r);
	gk_apply_clear(&a);
	if (html.err != GK_OK) {
		gk_buf_clear(&html);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	gk_buf_clear(&resp->body);
	if (fmt == GK_DOC_NONE) {
		gk_buf_append(&resp->body, html.data, html.len);
		gk_buf_clear(&html);
		return aa_done(resp, 200);
	}
	e = gk_doc_letter_html(html.data, html.len, fmt, &resp->body, msg, sizeof(msg));
	gk_buf_clear(&html);
	if (e != GK_OK) {
		resp->disposition[0] = '\0';
		gk_buf_clear(&resp->body);
		if (e == GK_ENOMEM) {
			snprintf(err, errlen, "内存不足");
			return e;
		}
		return gk_admin_error(resp, ctx, u, 501, "暂不能生成该格式的告知书，请下载 HTML 版本");
	}
	resp->status = 200;
	resp->cacheable = 0;
	resp->content_type = gk_doc_mime(fmt);
	return resp->body.err;
}

enum gk_err
aa_letter(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    int64_t id, const char *rest, struct gk_web_resp *resp, char *err, size_t errlen)
{
	static const struct lform none = { "", "" };
	int post = strcmp(req->method, "POST") == 0;

	if (strcmp(rest, "letter") == 0) {
		if (post)
			return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
		return letter_page(ctx, req, u, id, &none, 200, resp, err, errlen);
	}
	if (strcmp(rest, "letter.html") == 0 && !post)
		return letter_download(ctx, req, u, id, GK_DOC_NONE, resp, err, errlen);
	if (strcmp(rest, "letter.docx") == 0 && !post)
		return letter_download(ctx, req, u, id, GK_DOC_DOCX, resp, err, errlen);
	if (strcmp(rest, "letter.pdf") == 0 && !post)
		return letter_download(ctx, req, u, id, GK_DOC_PDF, resp, err, errlen);
	if (strncmp(rest, "letter/", 7) == 0) {
		if (!post)
			return gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
		return letter_post(ctx, req, u, id, rest + 7, resp, err, errlen);
	}
	return gk_admin_error(resp, ctx, u, 404, "页面不存在");
}
