/*
 * portal_search.c — the /search page (docs/search.md): a GET form (检索词,
 * 发布机构, 栏目, 年份, 有效性, 排序), the results of gk_search_query with
 * their highlighted titles and snippets, 共 N 条结果, page links that keep
 * every filter, a 未找到 message with suggestions, and bad parameters shown
 * on the page itself with status 400. Never cached: the answer depends on
 * the query (cacheable = 0).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/search.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"

#define PER_PAGE	10
#define YEARS_SHOWN	10	/* the year select: this year and the nine before */
#define PAGE_LINKS	4	/* page numbers either side of the current one */

struct sform {
	const char		*q;		/* NULL: the form was not submitted */
	const char		*validity;	/* "" or 有效/失效/废止 */
	struct gk_search_q	 sq;
	char			 msg[256];	/* the first bad parameter, or "" */
};

/* A decimal 0..max ("" and absent are 0). 0 when malformed. */
static int
arg_num(const struct gk_web_req *req, const char *name, int64_t max, int64_t *out)
{
	const char	*s = gk_web_arg(req, name);
	int64_t		 v = 0;

	*out = 0;
	if (s == NULL || s[0] == '\0')
		return 1;
	if (strlen(s) > 12)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	if (v > max)
		return 0;
	*out = v;
	return 1;
}

static void
form_parse(const struct gk_web_req *req, struct sform *f)
{
	const char	*sort = gk_web_arg(req, "sort"), *v = gk_web_arg(req, "validity");
	int64_t		 n;

	memset(f, 0, sizeof(*f));
	f->q = gk_web_arg(req, "q");
	f->sq.q = f->q;
	f->sq.page = 1;
	f->sq.per_page = PER_PAGE;
	f->sq.sort = GK_SEARCH_RELEVANCE;
	f->validity = "";
	if (!arg_num(req, "agency", INT64_C(999999999999), &f->sq.agency_id))
		snprintf(f->msg, sizeof(f->msg), "参数 agency（发布机构）应为数字");
	else if (!arg_num(req, "category", INT64_C(999999999999), &f->sq.category_id))
		snprintf(f->msg, sizeof(f->msg), "参数 category（栏目）应为数字");
	else if (!arg_num(req, "year", 9998, &n) || (n != 0 && n < 1900))
		snprintf(f->msg, sizeof(f->msg), "参数 year（年份）应为四位年份");
	else if (!arg_num(req, "page", 10000, &n) || (gk_web_arg(req, "page") != NULL &&
	    gk_web_arg(req, "page")[0] != '\0' && n < 1))
		snprintf(f->msg, sizeof(f->msg), "参数 page（页码）应在 1 到 10000 之间");
	if (f->msg[0] != '\0')
		return;
	arg_num(req, "year", 9998, &n);
	f->sq.year = (int)n;
	arg_num(req, "page", 10000, &n);
	f->sq.page = n > 0 ? (int)n : 1;
	if (sort != NULL && sort[0] != '\0') {
		if (strcmp(sort, "date") == 0)
			f->sq.sort = GK_SEARCH_DATE;
		else if (strcmp(sort, "relevance") != 0)
			snprintf(f->msg, sizeof(f->msg), "参数 sort（排序）应为 relevance 或 date");
	}
	if (v != NULL && v[0] != '\0') {
		if (strcmp(v, "有效") == 0 || strcmp(v, "失效") == 0 || strcmp(v, "废止") == 0) {
			f->validity = v;
			f->sq.validity = v;
		} else if (f->msg[0] == '\0')
			snprintf(f->msg, sizeof(f->msg), "参数 validity（有效性）应为 有效、失效 或 废止");
	}
}

static void
opt(struct gk_buf *b, const char *value, const char *label, int selected)
{
	gk_html(b, "<option value=\"%s\"", value);
	if (selected)
		gk_html_raw(b, " selected");
	gk_html(b, ">%s</option>", label);
}

static void
opt_id(struct gk_buf *b, int64_t id, const char *label, int depth, int selected)
{
	char	 v[24];
	int	 i;

	snprintf(v, sizeof(v), "%lld", (long long)id);
	gk_html(b, "<option value=\"%s\"", v);
	if (selected)
		gk_html_raw(b, " selected");
	gk_html_raw(b, ">");
	for (i = 0; i < depth; i++)
		gk_html_raw(b, "　");	/* indent subcategories */
	gk_html(b, "%s</option>", label);
}

static enum gk_err
form_write(struct gk_buf *b, struct gk_web_ctx *ctx, const struct sform *f)
{
	struct gk_agency_list	 al;
	struct gk_category_list	 cl;
	char			 err[256], y[16], yl[24];
	int			 ty, tm, td, i;
	size_t			 k;

	gk_html_raw(b, "<form class=\"search-form\" method=\"get\" action=\"/search\" role=\"search\">\n"
	    "<p><label for=\"q\">检索词</label> "
	    "<input type=\"search\" id=\"q\" name=\"q\" maxlength=\"100\" value=\"");
	gk_html(b, "%s", f->q != NULL ? f->q : "");
	gk_html_raw(b, "\"> <button type=\"submit\">搜索</button></p>\n<p class=\"filters\">"
	    "<label for=\"agency\">发布机构</label> <select id=\"agency\" name=\"agency\">");
	opt(b, "", "全部机构", f->sq.agency_id == 0);
	if (gk_agency_list(ctx->db, &al, err, sizeof(err)) != GK_OK)
		return GK_EDB;
	for (k = 0; k < al.n; k++)
		opt_id(b, al.v[k].id, al.v[k].name, 0, al.v[k].id == f->sq.agency_id);
	gk_agency_list_free(&al);
	gk_html_raw(b, "</select>\n<label for=\"category\">栏目</label> "
	    "<select id=\"category\" name=\"category\">");
	opt(b, "", f->sq.agency_id > 0 ? "全部栏目" : "全部栏目（先选择机构）",
	    f->sq.category_id == 0);
	if (f->sq.agency_id > 0) {
		if (gk_category_list(ctx->db, f->sq.agency_id, &cl, err, sizeof(err)) == GK_OK) {
			for (k = 0; k < cl.n; k++)
				opt_id(b, cl.v[k].id, cl.v[k].name, cl.v[k].depth,
				    cl.v[k].id == f->sq.category_id);
			gk_category_list_free(&cl);
		}
	}
	gk_html_raw(b, "</select>\n<label for=\"year\">发布年份</label> "
	    "<select id=\"year\" name=\"year\">");
	opt(b, "", "全部年份", f->sq.year == 0);
	gk_date_ymd(ctx->today, &ty, &tm, &td);
	for (i = 0; i < YEARS_SHOWN; i++) {
		snprintf(y, sizeof(y), "%d", ty - i);
		snprintf(yl, sizeof(yl), "%d年", ty - i);
		opt(b, y, yl, f->sq.year == ty - i);
	}
	if (f->sq.year > 0 && (f->sq.year > ty || f->sq.year <= ty - YEARS_SHOWN)) {
		snprintf(y, sizeof(y), "%d", f->sq.year);
		snprintf(yl, sizeof(yl), "%d年", f->sq.year);
		opt(b, y, yl, 1);	/* an older year asked for by URL */
	}
	gk_html_raw(b, "</select>\n<label for=\"validity\">有效性</label> "
	    "<select id=\"validity\" name=\"validity\">");
	opt(b, "", "全部", f->validity[0] == '\0');
	opt(b, "有效", "有效", strcmp(f->validity, "有效") == 0);
	opt(b, "失效", "失效", strcmp(f->validity, "失效") == 0);
	opt(b, "废止", "废止", strcmp(f->validity, "废止") == 0);
	gk_html_raw(b, "</select>\n<label for=\"sort\">排序</label> <select id=\"sort\" name=\"sort\">");
	opt(b, "relevance", "按相关度", f->sq.sort == GK_SEARCH_RELEVANCE);
	opt(b, "date", "按发布日期", f->sq.sort == GK_SEARCH_DATE);
	gk_html_raw(b, "</select></p>\n</form>\n");
	return b->err;
}

/* The link to page n with every filter kept. */
static void
page_href(struct gk_buf *b, const struct sform *f, int n)
{
	char	 v[24];

	gk_html_raw(b, "/search?q=");
	gk_html_url(b, f->q != NULL ? f->q : "");
	if (f->sq.agency_id > 0) {
		snprintf(v, sizeof(v), "%lld", (long long)f->sq.agency_id);
		gk_html(b, "&amp;agency=%s", v);
	}
	if (f->sq.category_id > 0) {
		snprintf(v, sizeof(v), "%lld", (long long)f->sq.category_id);
		gk_html(b, "&amp;category=%s", v);
	}
	if (f->sq.year > 0)
		gk_html(b, "&amp;year=%d", f->sq.year);
	if (f->validity[0] != '\0') {
		gk_html_raw(b, "&amp;validity=");
		gk_html_url(b, f->validity);
	}
	if (f->sq.sort == GK_SEARCH_DATE)
		gk_html_raw(b, "&amp;sort=date");
	if (n > 1)
		gk_html(b, "&amp;page=%d", n);
}

static void
pager(struct gk_buf *b, const struct sform *f, int64_t total)
{
	int	 pages, cur = f->sq.page, i, lo, hi;

	pages = (int)((total + PER_PAGE - 1) / PER_PAGE);
	if (pages > 10000)
		pages = 10000;
	if (pages <= 1)
		return;
	gk_html_raw(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (cur > 1) {
		gk_html_raw(b, "<a rel=\"prev\" href=\"");
		page_href(b, f, cur - 1);
		gk_html_raw(b, "\">上一页</a> ");
	}
	lo = cur - PAGE_LINKS > 1 ? cur - PAGE_LINKS : 1;
	hi = cur + PAGE_LINKS < pages ? cur + PAGE_LINKS : pages;
	for (i = lo; i <= hi; i++) {
		if (i == cur) {
			gk_html(b, "<span aria-current=\"page\">%d</span> ", i);
			continue;
		}
		gk_html_raw(b, "<a href=\"");
		page_href(b, f, i);
		gk_html(b, "\">%d</a> ", i);
	}
	if (cur < pages) {
		gk_html_raw(b, "<a rel=\"next\" href=\"");
		page_href(b, f, cur + 1);
		gk_html_raw(b, "\">下一页</a>");
	}
	gk_html(b, " <span class=\"pages\">第 %d / %d 页</span></nav>\n", cur, pages);
}

static void
results_write(struct gk_buf *b, const struct sform *f, const struct gk_search_result *r)
{
	size_t	 i;
	char	 id[24];

	if (r->total_capped)
		gk_html(b, "<p class=\"search-total\">超过 %lld 条结果，显示前 %lld 条；"
		    "增加检索词或按机构、栏目、年份筛选可缩小范围</p>\n",
		    (long long)r->total, (long long)r->total);
	else
		gk_html(b, "<p class=\"search-total\">共 %lld 条结果</p>\n", (long long)r->total);
	if (r->total == 0) {
		gk_html(b, "<div class=\"search-none\"><p>未找到与“%s”相关的信息。</p>\n", f->q);
		gk_html_raw(b, "<p>建议：</p><ul><li>检查检索词是否有错别字；</li>"
		    "<li>减少检索词，或换用更常用的说法（如“预算”“营商环境”）；</li>"
		    "<li>单个汉字也可检索；多个词之间用空格分隔，表示同时包含；</li>");
		if (f->sq.agency_id > 0 || f->sq.category_id > 0 || f->sq.year > 0 ||
		    f->validity[0] != '\0') {
			gk_html_raw(b, "<li>去掉筛选条件：<a href=\"/search?q=");
			gk_html_url(b, f->q);
			gk_html_raw(b, "\">在全部信息中检索</a>；</li>");
		}
		gk_html_raw(b, "</ul></div>\n");
		return;
	}
	if (r->n == 0) {
		gk_html_raw(b, "<p class=\"search-none\">该页没有结果，请返回<a href=\"");
		page_href(b, f, 1);
		gk_html_raw(b, "\">第一页</a>。</p>\n");
		return;
	}
	if (r->relaxed)
		gk_html_raw(b, "<p class=\"search-relaxed\">未找到同时包含全部检索词的信息，"
		    "以下是包含部分检索词的结果。</p>\n");
	gk_html_raw(b, "<ol class=\"search-results\">\n");
	for (i = 0; i < r->n; i++) {
		const struct gk_search_hit *h = &r->v[i];

		snprintf(id, sizeof(id), "%lld", (long long)h->item_id);
		gk_html(b, "<li><h3><a href=\"/item/%s\">", id);
		/* title_html and snippet_html are escaped by store/search.c (<mark> only). */
		gk_html_raw(b, h->title_html);
		gk_html_raw(b, "</a></h3>\n<p class=\"snippet\">");
		gk_html_raw(b, h->snippet_html);
		gk_html(b, "</p>\n<p class=\"meta\"><span>发布机构：%s</span> <span>栏目：%s</span> "
		    "<span>发布日期：%s</span> <span>索引号：%s</span>", h->agency,
		    h->category[0] != '\0' ? h->category : "—", h->published, h->index_no);
		if (strcmp(h->validity, "有效") != 0)
			gk_html(b, " <span class=\"validity\">有效性：%s</span>", h->validity);
		gk_html_raw(b, "</p></li>\n");
	}
	gk_html_raw(b, "</ol>\n");
	pager(b, f, r->total);
}

enum gk_err
gk_search_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct sform		 f;
	struct gk_search_result	 r;
	struct gk_crumb		 c = { "站内搜索", "" };
	struct gk_buf		*b = &resp->body;
	char			 title[160];
	enum gk_err		 e;

	if (strcmp(req->path, "/search") != 0)
		return GK_ENOTFOUND;
	form_parse(req, &f);
	resp->status = 200;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	memset(&r, 0, sizeof(r));
	if (f.msg[0] == '\0' && f.q != NULL) {
		e = gk_search_query(ctx->db, &f.sq, &r, f.msg, sizeof(f.msg));
		if (e == GK_EINVAL)
			resp->status = 400;
		else if (e != GK_OK) {
			snprintf(err, errlen, "%s", f.msg);
			return e;
		}
	} else if (f.msg[0] != '\0')
		resp->status = 400;
	if (f.q != NULL && f.q[0] != '\0' && resp->status == 200)
		snprintf(title, sizeof(title), "%.120s - 站内搜索", f.q);
	else
		snprintf(title, sizeof(title), "站内搜索");
	gk_page_begin(b, ctx, req, title, 0, &c, 1);
	gk_html_raw(b, "<section class=\"search\">\n<h1>站内搜索</h1>\n");
	if ((e = form_write(b, ctx, &f)) != GK_OK) {
		gk_search_result_free(&r);
		snprintf(err, errlen, "无法列出发布机构");
		return e;
	}
	if (resp->status == 400)
		gk_html(b, "<p class=\"error\" role=\"alert\">%s</p>\n", f.msg);
	else if (f.q == NULL)
		gk_html_raw(b, "<p class=\"hint\">输入检索词后点击“搜索”。多个词用空格分隔，"
		    "表示同时包含；用引号括起的词语按原样连续匹配。</p>\n");
	else
		results_write(b, &f, &r);
	gk_html_raw(b, "</section>\n");
	gk_search_result_free(&r);
	return gk_page_end(b, ctx, req);
}
