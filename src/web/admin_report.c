/*
 * admin_report.c — the back office's annual report (issue 6, H5;
 * docs/admin-report.md): /admin/report (the years and their status),
 * /admin/report/{year}[?agency=ID|?view=government] (status, the rule
 * check, the narrative editor with the placeholders and their values, the
 * preview exactly as the portal will show it, downloads, publish),
 * POST /admin/report/{year}/text and /publish, and the downloads
 * /admin/report/{year}.txt|.json|.docx|.xlsx|.pdf. Trainings and
 * complaints are in admin_report_sup.c.
 *
 * Who sees what: a user sees its own agency's report; a 政务公开办 user
 * also reads (never changes) the reports of its government's agencies
 * (?agency=ID, agencies whose parent is the user's agency) and the
 * government's aggregate (?view=government). Anything else is 404. The
 * store checks the roles of every change (text: officer or admin;
 * publish: officer, approver or admin) and writes the audit entries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/report.h"
#include "core/report_check.h"
#include "core/report_gen.h"
#include "core/workflow.h"
#include "report/report_io.h"
#include "store/agency.h"
#include "store/consultation.h"
#include "store/portal_data.h"
#include "store/report_data.h"
#include "web/admin.h"
#include "web/admin_report_int.h"
#include "web/html.h"
#include "web/portal.h"

#define YEARS_MAX	32

static const char *const narr_title[GK_NARR__MAX] = {
	"一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
};

static const char *const sev_label[GK_SEV__MAX] = {
	"不符", "空白", "无法识别", "无法核对", "提示",
};

/* ---- shared helpers (admin_report_int.h) ---- */

int64_t
gk_ar_id(const char *s, const char **end)
{
	int64_t	v = 0;
	int	n = 0;

	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++n > 15)
			return 0;
		v = v * 10 + (*s - '0');
	}
	if (*s != '\0' && *s != '/' && *s != '.')
		return 0;
	if (end != NULL)
		*end = s;
	return v;
}

void
gk_ar_begin(struct ar_req *q, const char *title, const char *area)
{
	q->resp->content_type = "text/html; charset=utf-8";
	gk_admin_begin(&q->resp->body, q->ctx, q->u, title, area);
}

enum gk_err
gk_ar_done(struct ar_req *q, int status)
{
	q->resp->status = status;
	gk_admin_end(&q->resp->body);
	return q->resp->body.err;
}

void
gk_ar_field_error(struct gk_buf *b, const char *name, const char *msg)
{
	if (msg != NULL && msg[0] != '\0')
		gk_html(b, "<p class=\"field-error\" id=\"f-%s-err\"><strong>错误：</strong>%s</p>\n",
		    name, msg);
}

/* ---- which report ---- */

struct target {
	int64_t	 agency_id;	/* the agency, or the government for the aggregate */
	char	 name[256];
	int	 year;
	int	 government;	/* the 政务公开办's aggregate of its government */
	int	 readonly;
	char	 qs[64];	/* "" or "?agency=N" / "?view=government", for links */
};

static int
this_year(const struct gk_web_ctx *ctx)
{
	int y, m, d;

	gk_date_ymd(ctx->today, &y, &m, &d);
	return y;
}

/*
 * Resolves the report of year asked for into t. GK_OK with *shown 0; or
 * *shown 1 when a 404 page has been written instead.
 */
static enum gk_err
resolve(struct ar_req *q, int year, struct target *t, int *shown)
{
	const char		*as = gk_web_arg(q->req, "agency");
	const char		*view = gk_web_arg(q->req, "view");
	struct gk_agency	 a;
	enum gk_tpl		 tpl;
	int64_t			 id = q->u->agency_id;
	enum gk_err		 e;
	int			 office = GK_ADMIN_HAS(q->u, WF_ROLE_OFFICE);

	*shown = 0;
	memset(t, 0, sizeof(*t));
	t->year = year;
	if (!gk_gen_tpl_for_year(year, &tpl) || year > this_year(q->ctx)) {
		*shown = 1;
		return gk_admin_error(q->resp, q->ctx, q->u, 404, "没有这一年度的报告");
	}
	if (view != NULL && view[0] != '\0') {
		if (strcmp(view, "government") != 0 || !office) {
			*shown = 1;
			return gk_admin_error(q->resp, q->ctx, q->u, 404, "页面不存在");
		}
		t->government = 1;
		t->readonly = 1;
		snprintf(t->qs, sizeof(t->qs), "?view=government");
	} else if (as != NULL && as[0] != '\0') {
		id = gk_ar_id(as, NULL);
		if (id == 0) {
			*shown = 1;
			return gk_admin_error(q->resp, q->ctx, q->u, 404, "机构不存在");
		}
		if (id != q->u->agency_id) {
			t->readonly = 1;
			snprintf(t->qs, sizeof(t->qs), "?agency=%lld", (long long)id);
		}
	}
	if ((e = gk_agency_get(q->ctx->db, id, &a, q->err, q->errlen)) != GK_OK) {
		if (e != GK_ENOTFOUND)
			return e;
		*shown = 1;
		return gk_admin_error(q->resp, q->ctx, q->u, 404, "机构不存在");
	}
	/* Another agency: only a 政务公开办 of its government reads it. */
	if (id != q->u->agency_id && !(office && a.parent_id == q->u->agency_id)) {
		gk_agency_clear(&a);
		*shown = 1;
		return gk_admin_error(q->resp, q->ctx, q->u, 404, "机构不存在");
	}
	t->agency_id = id;
	gk_strlcpy_utf8(t->name, a.name, sizeof(t->name));
	gk_agency_clear(&a);
	return GK_OK;
}

/* The report of t (built now, not the published snapshot): *r, counts (agency only), fs. */
static enum gk_err
build(struct ar_req *q, const struct target *t, struct gk_report *r,
    struct gk_gen_counts *counts, struct gk_findings *fs)
{
	size_t nsummed = 0;

	if (t->government)
		return gk_report_build_government(q->ctx->db, t->agency_id, t->year, r, &nsummed,
		    fs, q->err, q->errlen);
	return gk_report_build(q->ctx->db, t->agency_id, t->year, r, counts, fs, q->err,
	    q->errlen);
}

/* ---- the page ---- */

/* The rules of report_check, each passed or failed with its findings and cells. */
static void
check_section(struct gk_buf *b, const struct target *t, const struct gk_findings *fs)
{
	size_t	i, j, nb = gk_gen_blocking(fs), ngen = 0;

	gk_html_raw(b, "<section id=\"check\" aria-labelledby=\"h-check\">\n"
	    "<h2 id=\"h-check\">规则检查</h2>\n");
	if (nb == 0)
		gk_html(b, "<p class=\"check-ok\" role=\"status\">检查通过：没有阻止发布的问题%s。</p>\n",
		    fs->n > 0 ? "（有提示，见下）" : "");
	else
		gk_html(b, "<p class=\"check-fail\" role=\"status\">检查未通过：%zu 项问题阻止发布。</p>\n",
		    nb);
	gk_html(b, "<form method=\"get\" action=\"/admin/report/%d#check\">", t->year);
	if (t->government)
		gk_html_raw(b, "<input type=\"hidden\" name=\"view\" value=\"government\">");
	else if (t->readonly)
		gk_html(b, "<input type=\"hidden\" name=\"agency\" value=\"%lld\">",
		    (long long)t->agency_id);
	gk_html_raw(b, "<button type=\"submit\">检查</button></form>\n");
	gk_html_raw(b, "<table class=\"rules\">\n<caption>年度报告模板的勾稽规则</caption>\n"
	    "<thead><tr><th scope=\"col\">规则</th><th scope=\"col\">内容</th>"
	    "<th scope=\"col\">结果</th><th scope=\"col\">所涉单元格与说明</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < gk_nrules; i++) {
		size_t n = 0, nw = 0;

		for (j = 0; j < fs->n; j++)
			if (strcmp(fs->v[j].rule, gk_rules[i].id) == 0) {
				n++;
				nw += fs->v[j].sev == GK_SEV_WARNING;
			}
		gk_html(b, "<tr class=\"%s\" id=\"rule-%s\"><th scope=\"row\">%s</th><td>%s</td><td>%s",
		    n == 0 ? "pass" : n == nw ? "warn" : "fail", gk_rules[i].id, gk_rules[i].id,
		    gk_rules[i].title, n == 0 ? "通过" : n == nw ? "提示" : "未通过");
		if (n > 0)
			gk_html(b, "（%zu）", n);
		gk_html_raw(b, "</td><td>");
		if (n > 0) {
			gk_html_raw(b, "<ul>");
			for (j = 0; j < fs->n; j++)
				if (strcmp(fs->v[j].rule, gk_rules[i].id) == 0)
					gk_html(b, "<li><strong>%s</strong>：%s（%s）</li>",
					    fs->v[j].where, fs->v[j].msg, sev_label[fs->v[j].sev %
					    GK_SEV__MAX]);
			gk_html_raw(b, "</ul>");
		}
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	/* The generator's own findings (gen.*): data, placeholders, texts, figures. */
	for (j = 0; j < fs->n; j++) {
		for (i = 0; i < gk_nrules; i++)
			if (strcmp(fs->v[j].rule, gk_rules[i].id) == 0)
				break;
		if (i < gk_nrules)
			continue;
		if (ngen++ == 0)
			gk_html_raw(b, "<table class=\"gen-findings\">\n<caption>数据、文本和占位符检查"
			    "</caption>\n<thead><tr><th scope=\"col\">检查项</th><th scope=\"col\">结果"
			    "</th><th scope=\"col\">位置</th><th scope=\"col\">说明</th></tr></thead>\n"
			    "<tbody>\n");
		gk_html(b, "<tr class=\"%s\"><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    fs->v[j].sev == GK_SEV_WARNING ? "warn" : "fail", fs->v[j].rule,
		    sev_label[fs->v[j].sev % GK_SEV__MAX], fs->v[j].where, fs->v[j].msg);
	}
	if (ngen > 0) {
		int fig = 0, text = 0;

		gk_html_raw(b, "</tbody>\n</table>\n");
		for (j = 0; j < fs->n; j++) {
			fig |= strcmp(fs->v[j].rule, GK_GEN_R_FIGURE) == 0;
			text |= strcmp(fs->v[j].rule, GK_GEN_R_TEXT) == 0;
		}
		if (fig && !t->readonly)
			gk_html_raw(b, "<p>未录入的第二十条数据在<a href=\"/admin/figures\">第二十条数据</a>"
			    "页录入（没有的填 0）。</p>\n");
		if (text && !t->readonly)
			gk_html_raw(b, "<p>未填写的正文在下方<a href=\"#editor\">报告正文</a>中填写。</p>\n");
	} else
		gk_html_raw(b, "<p>数据、文本和占位符检查：全部通过。</p>\n");
	gk_html_raw(b, "</section>\n");
}

/* One placeholder row: name, meaning, the current value or why it has none. */
static void
ph_row(struct gk_buf *b, const struct gk_gen_counts *c, const struct target *t,
    const char *name, const char *desc)
{
	char		 val[256], why[256];
	enum gk_err	 e;

	e = gk_gen_value(c, t->year, t->name, name, val, sizeof(val), why, sizeof(why));
	gk_html(b, "<tr><th scope=\"row\"><code>{{%s}}</code></th><td>%s</td><td>", name, desc);
	if (e == GK_OK)
		gk_html(b, "<output>%s</output>", val);
	else
		gk_html(b, "<span class=\"no-value\">无数值：%s</span>", e == GK_EINVAL ? why :
		    "未知的占位符");
	gk_html_raw(b, "</td></tr>\n");
}

/* The placeholders and their values for this agency-year. */
static void
placeholders(struct gk_buf *b, const struct target *t, const struct gk_gen_counts *c)
{
	char	name[GK_GEN_NAME_MAX + 64];
	size_t	i, k;

	gk_html_raw(b, "<aside class=\"placeholders\" aria-labelledby=\"h-ph\">\n"
	    "<h3 id=\"h-ph\">可用的占位符及当前值</h3>\n"
	    "<p>在文本中写 <code>{{名称}}</code>，生成报告时替换为下表的当前值。</p>\n"
	    "<table>\n<caption>占位符</caption>\n<thead><tr><th scope=\"col\">占位符</th>"
	    "<th scope=\"col\">含义</th><th scope=\"col\">当前值</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < gk_gen_nplaceholders; i++) {
		const char *n = gk_gen_placeholders[i].name;

		if (strcmp(n, "category.栏目") == 0) {
			for (k = 0; k < c->ncat; k++) {
				snprintf(name, sizeof(name), GK_GEN_PH_CATEGORY "%s", c->cat[k].name);
				ph_row(b, c, t, name, "本年该一级栏目（含子栏目）发布的信息条数");
			}
			continue;
		}
		if (strcmp(n, "figure.键") == 0) {
			for (k = 0; k < c->nfig; k++) {
				const struct gk_gen_figkey *fk = gk_gen_figkey_find(c->fig[k].key);

				snprintf(name, sizeof(name), GK_GEN_PH_FIGURE "%s", c->fig[k].key);
				ph_row(b, c, t, name, fk != NULL ? fk->label : "录入的数据项");
			}
			continue;
		}
		if (strcmp(n, "deadline.栏目") == 0) {
			ph_row(b, c, t, "deadline.政策文件", "政策文件的公开时限（工作日）");
			ph_row(b, c, t, "deadline.工作动态", "工作动态的公开时限（工作日）");
			continue;
		}
		ph_row(b, c, t, n, gk_gen_placeholders[i].desc);
	}
	gk_html_raw(b, "</tbody>\n</table>\n</aside>\n");
}

/*
 * The narrative editor: one textarea per section with its stored text (or
 * what was posted, when a save failed), the field errors, the
 * placeholders beside it.
 */
static enum gk_err
editor(struct ar_req *q, const struct target *t, const struct gk_gen_counts *c,
    const char *const posted[GK_NARR__MAX], const char *const ferr[GK_NARR__MAX])
{
	struct gk_buf	*b = &q->resp->body;
	char		*stored;
	enum gk_err	 e;
	int		 n;

	gk_html_raw(b, "<section id=\"editor\" aria-labelledby=\"h-editor\">\n"
	    "<h2 id=\"h-editor\">报告正文（叙述部分）</h2>\n<div class=\"editor-grid\">\n");
	gk_html(b, "<form method=\"post\" action=\"/admin/report/%d/text\">\n", t->year);
	gk_admin_csrf_field(b, q->u);
	for (n = 0; n < GK_NARR__MAX; n++) {
		const char *name = gk_report_section_name((enum gk_narr)n);
		int bad = ferr != NULL && ferr[n] != NULL && ferr[n][0] != '\0';

		stored = NULL;
		if (posted == NULL || posted[n] == NULL) {
			e = gk_report_text_get(q->ctx->db, t->agency_id, t->year, (enum gk_narr)n,
			    &stored, q->err, q->errlen);
			if (e != GK_OK && e != GK_ENOTFOUND)
				return e;
		}
		gk_html(b, "<p><label for=\"f-%s\">%s</label><br>\n<textarea id=\"f-%s\" name=\"%s\" "
		    "rows=\"12\" cols=\"80\"", name, narr_title[n], name, name);
		if (bad)
			gk_html(b, " aria-invalid=\"true\" aria-describedby=\"f-%s-err\"", name);
		gk_html(b, ">%s</textarea></p>\n", posted != NULL && posted[n] != NULL ? posted[n] :
		    stored != NULL ? stored : "");
		gk_free(stored);
		if (bad)
			gk_ar_field_error(b, name, ferr[n]);
	}
	gk_html_raw(b, "<p><button type=\"submit\">保存并检查</button></p>\n</form>\n");
	placeholders(b, t, c);
	gk_html_raw(b, "</div>\n</section>\n");
	return b->err;
}

/*
 * The preview: the report as it would be published — through the same
 * JSON as the snapshot — rendered by the portal's own report body.
 */
static enum gk_err
preview(struct ar_req *q, const struct target *t, const struct gk_report *r)
{
	struct gk_buf		*b = &q->resp->body, j;
	struct gk_report	 pr;
	enum gk_err		 e;

	gk_html_raw(b, "<section id=\"preview\" aria-labelledby=\"h-preview\">\n"
	    "<h2 id=\"h-preview\">预览（与门户网站发布后的显示一致）</h2>\n"
	    "<div class=\"report-preview\">\n");
	gk_buf_init(&j, 0);
	if ((e = gk_render_json(r, &j)) != GK_OK || (e = j.err) != GK_OK) {
		gk_buf_clear(&j);
		return e;
	}
	e = gk_report_from_json(j.data, j.len, &pr, q->err, q->errlen);
	gk_buf_clear(&j);
	if (e == GK_EINVAL) {
		/* Text the portal could not show either (e.g. stored through the CLI). */
		gk_html(b, "<p class=\"alert\" role=\"alert\">预览无法生成，发布后门户网站也无法显示："
		    "%s。请修改正文。</p>\n</div>\n</section>\n", q->err);
		return b->err;
	}
	if (e != GK_OK)
		return e;
	if (t->government) {
		/* The portal's charts count one agency's own rows; an aggregate has no page there. */
		e = gk_render_html(&pr, 0, b);
		gk_html_raw(b, "<p class=\"notice\">政府汇总报告由各部门报告相加而成，不在门户网站单独发布，"
		    "不附图表。</p>\n");
	} else
		e = gk_portal_report_body(q->ctx, t->agency_id, t->year, &pr, b, q->err, q->errlen);
	gk_report_clear(&pr);
	gk_html_raw(b, "</div>\n</section>\n");
	return e != GK_OK ? e : b->err;
}

static const struct {
	const char	*ext;
	enum gk_fmt	 fmt;
	const char	*label;
	const char	*type;
} downloads[] = {
	{ "txt", GK_FMT_TEXT, "文本（TXT）", "text/plain; charset=utf-8" },
	{ "json", GK_FMT_JSON, "JSON", "application/json; charset=utf-8" },
	{ "docx", GK_FMT_DOCX, "Word（DOCX）",
	  "application/vnd.openxmlformats-officedocument.wordprocessingml.document" },
	{ "xlsx", GK_FMT_XLSX, "Excel 表格（XLSX）",
	  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" },
	{ "pdf", GK_FMT_PDF, "PDF", "application/pdf" },
};

static void
status_block(struct ar_req *q, const struct target *t, size_t blocking)
{
	struct gk_buf			*b = &q->resp->body;
	struct gk_report_snapshot	 s;
	char				 due[GK_DATE_LEN], err[256];
	int32_t				 d;

	memset(&s, 0, sizeof(s));
	gk_date_from_ymd(t->year + 1, t->government ? 3 : 1, t->government ? 31 : 31, &d);
	gk_date_format(d, due);
	gk_html_raw(b, "<section aria-labelledby=\"h-status\">\n<h2 id=\"h-status\">状态</h2>\n<ul>\n");
	if (!t->government && gk_report_snapshot_get(q->ctx->db, t->agency_id, t->year, 0, &s,
	    err, sizeof(err)) == GK_OK) {
		char day[GK_DATE_LEN];

		gk_strlcpy_utf8(day, s.published_at ? s.published_at : "", sizeof(day));
		gk_html(b, "<li>已发布：第 %d 版，%s，发布人 %s（<a href=\"/agency/%lld/reports/%d\">"
		    "门户网站上的报告</a>）</li>\n", s.version, day, s.actor ? s.actor : "",
		    (long long)t->agency_id, t->year);
		gk_report_snapshot_clear(&s);
	} else if (!t->government)
		gk_html_raw(b, "<li>尚未发布</li>\n");
	else
		gk_html_raw(b, "<li>政府汇总报告：由各部门报告汇总生成，只读</li>\n");
	gk_html(b, "<li>发布期限（条例第四十九条）：%s 前</li>\n", due);
	gk_html(b, "<li>检查：%s</li>\n</ul>\n</section>\n", blocking == 0 ? "通过，可以发布" :
	    "未通过，不能发布");
}

/*
 * The whole report screen. status: 200, or 400/409 after a refused POST;
 * notice / alert (may be NULL); refused: the findings of a refused
 * publication (listed at the top); posted/ferr: the editor's values and
 * field errors after a failed save (may be NULL).
 */
static enum gk_err
report_page(struct ar_req *q, const struct target *t, int status, const char *notice,
    const char *alert, const struct gk_findings *refused, const char *const posted[GK_NARR__MAX],
    const char *const ferr[GK_NARR__MAX])
{
	struct gk_buf		*b = &q->resp->body;
	struct gk_report	 r;
	struct gk_gen_counts	 c;
	struct gk_findings	 fs;
	char			 title[320];
	size_t			 i, nb;
	enum gk_err		 e;
	int			 can_text = GK_ADMIN_HAS(q->u, WF_ROLE_OFFICER) ||
				    GK_ADMIN_HAS(q->u, WF_ROLE_ADMIN);
	int			 can_publish = can_text || GK_ADMIN_HAS(q->u, WF_ROLE_APPROVER);

	gk_findings_init(&fs);
	gk_gen_counts_init(&c);
	if ((e = build(q, t, &r, &c, &fs)) != GK_OK) {
		gk_findings_clear(&fs);
		return e;
	}
	nb = gk_gen_blocking(&fs);
	snprintf(title, sizeof(title), "%s%d年政府信息公开工作年度报告%s", t->name, t->year,
	    t->government ? "（汇总）" : "");
	gk_buf_clear(b);
	gk_ar_begin(q, title, "report");
	gk_html(b, "<h1>%s</h1>\n", title);
	gk_html_raw(b, "<nav aria-label=\"本页\"><a href=\"/admin/report\">全部年度</a> · "
	    "<a href=\"#check\">规则检查</a> · <a href=\"#preview\">预览</a> · "
	    "<a href=\"#downloads\">下载</a>");
	gk_html_raw(b, t->readonly ? "</nav>\n" : " · <a href=\"#publish\">发布</a></nav>\n");
	if (!t->readonly)
		gk_html_raw(b, "<p><a href=\"#editor\">编辑正文</a> · <a href=\"/admin/trainings\">培训记录</a>"
		    " · <a href=\"/admin/complaints\">投诉处理</a></p>\n");
	if (notice != NULL && notice[0] != '\0')
		gk_html(b, "<p class=\"notice\" role=\"status\">%s</p>\n", notice);
	if (alert != NULL && alert[0] != '\0') {
		gk_html(b, "<div class=\"alert\" role=\"alert\"><p><strong>%s</strong></p>\n", alert);
		if (refused != NULL && gk_gen_blocking(refused) > 0) {
			gk_html_raw(b, "<ul>\n");
			for (i = 0; i < refused->n; i++)
				if (refused->v[i].sev != GK_SEV_WARNING)
					gk_html(b, "<li>%s：%s（%s）</li>\n", refused->v[i].where,
					    refused->v[i].msg, refused->v[i].rule);
			gk_html_raw(b, "</ul>\n");
		}
		gk_html_raw(b, "</div>\n");
	}
	status_block(q, t, nb);
	check_section(b, t, &fs);
	if (!t->readonly && can_text)
		e = editor(q, t, &c, posted, ferr);
	else if (!t->government)
		gk_html_raw(b, "<p>正文只读：编辑需要信息公开工作人员或系统管理员角色。</p>\n");
	if (e == GK_OK)
		e = preview(q, t, &r);
	gk_html_raw(b, "<section id=\"downloads\" aria-labelledby=\"h-dl\">\n"
	    "<h2 id=\"h-dl\">下载（按当前数据生成，未发布）</h2>\n<ul>\n");
	for (i = 0; i < sizeof(downloads) / sizeof(downloads[0]); i++)
		gk_html(b, "<li><a href=\"/admin/report/%d.%s%s\">%s</a></li>\n", t->year,
		    downloads[i].ext, t->qs, downloads[i].label);
	gk_html_raw(b, "</ul>\n</section>\n");
	if (!t->readonly && can_publish) {
		gk_html_raw(b, "<section id=\"publish\" aria-labelledby=\"h-pub\">\n"
		    "<h2 id=\"h-pub\">发布</h2>\n");
		if (nb > 0)
			gk_html(b, "<p>当前有 %zu 项问题，发布将被拒绝；请先按“规则检查”修改。</p>\n", nb);
		else
			gk_html_raw(b, "<p>发布后，报告以新版本保存并在门户网站公开，不能修改（更正须发布新版本）。</p>\n");
		gk_html(b, "<form method=\"post\" action=\"/admin/report/%d/publish\">", t->year);
		gk_admin_csrf_field(b, q->u);
		gk_html_raw(b, "<button type=\"submit\">发布</button></form>\n</section>\n");
	}
	gk_report_clear(&r);
	gk_findings_clear(&fs);
	if (e != GK_OK)
		return e;
	return gk_ar_done(q, status);
}

/* ---- actions ---- */

/* Replaces CR LF and lone CR by LF in place. */
static void
unix_lines(char *s)
{
	char *w = s;

	for (; *s != '\0'; s++) {
		if (*s == '\r') {
			*w++ = '\n';
			if (s[1] == '\n')
				s++;
		} else
			*w++ = *s;
	}
	*w = '\0';
}

static enum gk_err
text_save(struct ar_req *q, const struct target *t)
{
	char		*text[GK_NARR__MAX] = { NULL, NULL, NULL };
	char		 ferr[GK_NARR__MAX][256];
	const char	*fe[GK_NARR__MAX], *pv[GK_NARR__MAX];
	int		 n, bad = 0, saved = 0;
	enum gk_err	 e = GK_OK;
	char		 msg[128];

	if (t->readonly || !(GK_ADMIN_HAS(q->u, WF_ROLE_OFFICER) || GK_ADMIN_HAS(q->u, WF_ROLE_ADMIN)))
		return gk_admin_error(q->resp, q->ctx, q->u, 403, "无权修改报告正文");
	for (n = 0; n < GK_NARR__MAX; n++) {
		const char *v = gk_web_arg(q->req, gk_report_section_name((enum gk_narr)n));

		ferr[n][0] = '\0';
		fe[n] = ferr[n];
		if (v == NULL)
			continue;
		if ((text[n] = gk_strdup(v)) == NULL) {
			e = GK_ENOMEM;
			goto out;
		}
		unix_lines(text[n]);
		if (strlen(text[n]) > GK_GEN_TEXT_MAX) {
			snprintf(ferr[n], sizeof(ferr[n]), "文本过长：最多 %zu 字节", GK_GEN_TEXT_MAX);
			bad = 1;
		} else if (gk_consult_text_chars(text[n], 1) < 0) {
			snprintf(ferr[n], sizeof(ferr[n]), "文本须为有效的 UTF-8 文字，除换行和制表符外"
			    "不能含控制字符");
			bad = 1;
		}
	}
	/* Nothing is saved while any section is bad. */
	for (n = 0; n < GK_NARR__MAX && !bad; n++) {
		char *old = NULL;

		if (text[n] == NULL)
			continue;
		e = gk_report_text_get(q->ctx->db, t->agency_id, t->year, (enum gk_narr)n, &old,
		    q->err, q->errlen);
		if (e != GK_OK && e != GK_ENOTFOUND)
			goto out;
		e = GK_OK;
		if (old != NULL && strcmp(old, text[n]) == 0) {
			gk_free(old);
			continue;
		}
		gk_free(old);
		if ((e = gk_report_text_set(q->ctx->db, q->u->login, t->agency_id, t->year,
		    (enum gk_narr)n, text[n], strlen(text[n]), q->ctx->now, ferr[n],
		    sizeof(ferr[n]))) != GK_OK) {
			if (e == GK_ECONFLICT) {
				e = gk_admin_error(q->resp, q->ctx, q->u, 403, ferr[n]);
				goto out;
			}
			if (e != GK_EINVAL && e != GK_ELIMIT) {
				gk_strlcpy_utf8(q->err, ferr[n], q->errlen);
				goto out;
			}
			e = GK_OK;
			bad = 1;
			break;
		}
		saved++;
	}
	if (bad) {
		for (n = 0; n < GK_NARR__MAX; n++)
			pv[n] = text[n];
		e = report_page(q, t, 400, NULL, "正文未保存：请按提示修改", NULL, pv, fe);
		goto out;
	}
	snprintf(msg, sizeof(msg), "/admin/report/%d?saved=%d#check", t->year, saved > 0);
	gk_admin_redirect(q->resp, msg);
out:
	for (n = 0; n < GK_NARR__MAX; n++)
		gk_free(text[n]);
	return e;
}

static enum gk_err
publish(struct ar_req *q, const struct target *t)
{
	struct gk_findings	fs;
	char			msg[600], to[128];
	int			version = 0;
	enum gk_err		e;

	if (t->readonly || !(GK_ADMIN_HAS(q->u, WF_ROLE_OFFICER) || GK_ADMIN_HAS(q->u,
	    WF_ROLE_APPROVER) || GK_ADMIN_HAS(q->u, WF_ROLE_ADMIN)))
		return gk_admin_error(q->resp, q->ctx, q->u, 403, "无权发布年度报告");
	gk_findings_init(&fs);
	e = gk_report_publish(q->ctx->db, q->u->login, t->agency_id, t->year, q->ctx->now, &fs,
	    &version, NULL, msg, sizeof(msg));
	if (e == GK_OK) {
		gk_findings_clear(&fs);
		snprintf(to, sizeof(to), "/admin/report/%d?published=%d", t->year, version);
		gk_admin_redirect(q->resp, to);
		return GK_OK;
	}
	if (e == GK_ECONFLICT)
		e = report_page(q, t, 409, NULL, msg, &fs, NULL, NULL);
	else
		gk_strlcpy_utf8(q->err, msg, q->errlen);
	gk_findings_clear(&fs);
	return e;
}

static enum gk_err
download(struct ar_req *q, const struct target *t, const char *ext)
{
	struct gk_report	r;
	struct gk_findings	fs;
	size_t			i;
	enum gk_err		e;

	for (i = 0; i < sizeof(downloads) / sizeof(downloads[0]); i++)
		if (strcmp(ext, downloads[i].ext) == 0)
			break;
	if (i == sizeof(downloads) / sizeof(downloads[0]))
		return gk_admin_error(q->resp, q->ctx, q->u, 404, "没有这种下载格式");
	gk_findings_init(&fs);
	e = build(q, t, &r, NULL, &fs);
	gk_findings_clear(&fs);
	if (e != GK_OK)
		return e;
	gk_buf_clear(&q->resp->body);
	e = gk_render(&r, downloads[i].fmt, &q->resp->body);
	gk_report_clear(&r);
	if (e != GK_OK || q->resp->body.err != GK_OK) {
		gk_buf_clear(&q->resp->body);
		return gk_admin_error(q->resp, q->ctx, q->u, 503, "该格式暂时无法生成，请稍后再试");
	}
	q->resp->status = 200;
	q->resp->content_type = downloads[i].type;
	snprintf(q->resp->disposition, sizeof(q->resp->disposition),
	    "attachment; filename=\"report-%lld-%d%s.%s\"", (long long)t->agency_id, t->year,
	    t->government ? "-government" : "", downloads[i].ext);
	return GK_OK;
}

/* GET /admin/report: the years, their status, and for 政务公开办 its agencies. */
static enum gk_err
report_index(struct ar_req *q)
{
	struct gk_buf		*b = &q->resp->body;
	int			 years[YEARS_MAX], all[YEARS_MAX + 2];
	size_t			 ny = 0, na = 0, i, j;
	int			 y = this_year(q->ctx);
	enum gk_err		 e;

	if ((e = gk_pd_report_years(q->ctx->db, q->u->agency_id, years, YEARS_MAX, &ny, q->err,
	    q->errlen)) != GK_OK)
		return e;
	all[na++] = y;
	all[na++] = y - 1;
	for (i = 0; i < ny; i++) {
		for (j = 0; j < na; j++)
			if (all[j] == years[i])
				break;
		if (j == na && years[i] < y - 1)
			all[na++] = years[i];
	}
	gk_ar_begin(q, "年度报告", "report");
	gk_html(b, "<h1>%s政府信息公开工作年度报告</h1>\n", q->u->agency);
	gk_html_raw(b, "<p><a href=\"/admin/trainings\">培训记录</a> · "
	    "<a href=\"/admin/complaints\">投诉处理</a>（计入报告正文的占位符）</p>\n");
	gk_html_raw(b, "<table>\n<caption>各年度报告</caption>\n<thead><tr><th scope=\"col\">年度</th>"
	    "<th scope=\"col\">状态</th></tr></thead>\n<tbody>\n");
	for (i = 0; i < na; i++) {
		struct gk_report_snapshot	s;
		char				err[256];
		enum gk_tpl			tpl;

		if (!gk_gen_tpl_for_year(all[i], &tpl))
			continue;
		gk_html(b, "<tr><th scope=\"row\"><a href=\"/admin/report/%d\">%d年度</a></th><td>",
		    all[i], all[i]);
		if (gk_report_snapshot_get(q->ctx->db, q->u->agency_id, all[i], 0, &s, err,
		    sizeof(err)) == GK_OK) {
			char day[GK_DATE_LEN];

			gk_strlcpy_utf8(day, s.published_at ? s.published_at : "", sizeof(day));
			gk_html(b, "已发布（第 %d 版，%s）", s.version, day);
			gk_report_snapshot_clear(&s);
		} else
			gk_html_raw(b, all[i] == y ? "编写中" : "未发布");
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody>\n</table>\n");
	if (GK_ADMIN_HAS(q->u, WF_ROLE_OFFICE)) {
		struct gk_agency_list l;

		if ((e = gk_agency_list(q->ctx->db, &l, q->err, q->errlen)) != GK_OK)
			return e;
		gk_html_raw(b, "<section aria-labelledby=\"h-gov\">\n<h2 id=\"h-gov\">本级政府各部门"
		    "（只读）</h2>\n<ul>\n");
		gk_html(b, "<li><a href=\"/admin/report/%d?view=government\">%d年度政府汇总报告</a></li>\n",
		    y - 1, y - 1);
		for (i = 0; i < l.n; i++) {
			struct gk_report_snapshot	s;
			char				err[256], day[GK_DATE_LEN];

			if (l.v[i].parent_id != q->u->agency_id)
				continue;
			gk_html(b, "<li><a href=\"/admin/report/%d?agency=%lld\">%s %d年度报告</a>：",
			    y - 1, (long long)l.v[i].id, l.v[i].name, y - 1);
			if (gk_report_snapshot_get(q->ctx->db, l.v[i].id, y - 1, 0, &s, err,
			    sizeof(err)) == GK_OK) {
				gk_strlcpy_utf8(day, s.published_at ? s.published_at : "", sizeof(day));
				gk_html(b, "已发布（第 %d 版，%s）</li>\n", s.version, day);
				gk_report_snapshot_clear(&s);
			} else
				gk_html_raw(b, "未发布</li>\n");
		}
		gk_html_raw(b, "</ul>\n</section>\n");
		gk_agency_list_free(&l);
	}
	return gk_ar_done(q, 200);
}

/* /admin/report/{year}[.ext|/text|/publish] */
static enum gk_err
report_year(struct ar_req *q, const char *rest)
{
	struct target	 t;
	const char	*end = rest;
	int64_t		 y = 0;
	int		 shown, post = strcmp(q->req->method, "POST") == 0, i;
	enum gk_err	 e;
	char		 notice[128];

	for (i = 0; i < 4 && rest[i] >= '0' && rest[i] <= '9'; i++)
		y = y * 10 + (rest[i] - '0');
	end = rest + i;
	if (i != 4 || (*end != '\0' && *end != '.' && *end != '/'))
		return gk_admin_error(q->resp, q->ctx, q->u, 404, "页面不存在");
	if ((e = resolve(q, (int)y, &t, &shown)) != GK_OK || shown)
		return e;
	if (*end == '.' && !post)
		return download(q, &t, end + 1);
	if (strcmp(end, "/text") == 0 && post)
		return text_save(q, &t);
	if (strcmp(end, "/publish") == 0 && post)
		return publish(q, &t);
	if (*end != '\0' || post)
		return gk_admin_error(q->resp, q->ctx, q->u, post ? 405 : 404, post ?
		    "不支持的操作" : "页面不存在");
	notice[0] = '\0';
	if (gk_web_arg(q->req, "saved") != NULL)
		snprintf(notice, sizeof(notice), "正文已保存，检查结果如下。");
	else if ((y = gk_ar_id(gk_web_arg(q->req, "published"), NULL)) > 0 && y < 100000)
		snprintf(notice, sizeof(notice), "报告已发布（第 %lld 版），已在门户网站公开。",
		    (long long)y);
	return report_page(q, &t, 200, notice, NULL, NULL, NULL, NULL);
}

enum gk_err
gk_admin_report(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct ar_req	 q;
	const char	*p = req->path;

	q.ctx = ctx;
	q.req = req;
	q.u = u;
	q.resp = resp;
	q.err = err;
	q.errlen = errlen;
	if (strncmp(p, "/admin/trainings", 16) == 0 && (p[16] == '\0' || p[16] == '/'))
		return gk_ar_trainings(&q, p + 16);
	if (strncmp(p, "/admin/complaints", 17) == 0 && (p[17] == '\0' || p[17] == '/'))
		return gk_ar_complaints(&q, p + 17);
	if (strncmp(p, "/admin/report", 13) != 0 || (p[13] != '\0' && p[13] != '/'))
		return GK_ENOTFOUND;
	p += 13;
	if (*p == '\0' || strcmp(p, "/") == 0) {
		if (strcmp(req->method, "POST") == 0)
			return gk_admin_error(resp, ctx, u, 405, "不支持的操作");
		return report_index(&q);
	}
	return report_year(&q, p + 1);
}
