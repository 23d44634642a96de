/*
 * portal.c — the portal's published pages (docs/portal.md has the URL
 * scheme and what each page shows): the platform home, each agency's
 * 政府信息公开专栏 with its four standard parts, section lists with
 * pagination and Atom feeds, item pages, attachments, the annual reports
 * and the sitemap. Every page shows published data only and the same for
 * everyone (cacheable), except in the larger-text mode (a per-visitor
 * <html> class) and /prefs/large.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/fee.h"
#include "core/interp.h"
#include "core/item.h"
#include "core/report.h"
#include "report/report_io.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/attachment.h"
#include "store/category.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/portal_data.h"
#include "store/report_data.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/portal.h"

#define PER_PAGE	GK_PORTAL_PER_PAGE
#define HOME_NEWEST	5	/* newest items per agency on the platform home */
#define COLUMN_NEWEST	10	/* newest items on an agency's column home */
#define MAX_YEARS	64

/* A request being answered (borrowed pointers). */
struct pg {
	struct gk_web_ctx	*ctx;
	const struct gk_web_req	*req;
	struct gk_web_resp	*resp;
	struct gk_buf		*b;
	char			*err;
	size_t			 errlen;
};

/*
 * A decimal id at *s: 1..10^15, no sign, no leading zero; *s moves past
 * it. 0 when there is none.
 */
static int64_t
take_id(const char **s)
{
	const char	*p = *s;
	int64_t		 v = 0;
	int		 n = 0;

	if (*p < '1' || *p > '9')
		return 0;
	while (*p >= '0' && *p <= '9') {
		if (++n > 15)
			return 0;
		v = v * 10 + (*p++ - '0');
	}
	*s = p;
	return v;
}

const char *
gk_portal_host(const struct gk_web_ctx *ctx)
{
	if (ctx->site != NULL && ctx->site->host[0] != '\0')
		return ctx->site->host;
	return "http://localhost";
}

/* Published pages are cacheable unless this visitor's page differs (larger text). */
static enum gk_err
pg_done(struct pg *p)
{
	p->resp->cacheable = !gk_page_large(p->req);
	return p->b->err;
}

static enum gk_err
pg_error(struct pg *p, int status, const char *msg)
{
	return gk_page_error(p->resp, p->ctx, p->req, status, msg);
}

/* A GK_ENOTFOUND from the store becomes a 404 page; other errors go up. */
static enum gk_err
pg_store(struct pg *p, enum gk_err e, const char *what)
{
	if (e == GK_ENOTFOUND)
		return pg_error(p, 404, what);
	return e;
}

static enum gk_err
pg_redirect(struct pg *p, const char *to)
{
	p->resp->status = 301;
	p->resp->cacheable = 0;
	gk_strlcpy_utf8(p->resp->location, to, sizeof(p->resp->location));
	return GK_OK;
}

/* "YYYY-MM-DD" of a stored RFC 3339 time (or "" when none). */
static void
day_of(const char *ts, char out[11])
{
	gk_strlcpy_utf8(out, ts != NULL ? ts : "", 11);
}

/* A list of items: title link and date. */
static void
item_list(struct gk_buf *b, const struct gk_pd_items *l)
{
	size_t i;

	gk_html_raw(b, "<ul class=\"items\">\n");
	for (i = 0; i < l->n; i++)
		gk_html(b, "<li><a href=\"/item/%lld\">%s</a> <time datetime=\"%s\">%s</time></li>\n",
		    (long long)l->v[i].id, l->v[i].title, l->v[i].published, l->v[i].published);
	gk_html_raw(b, "</ul>\n");
}

/* ---- the platform home ---- */

static enum gk_err
page_home(struct pg *p)
{
	struct gk_agency_list	 al;
	struct gk_pd_items	 items;
	enum gk_err		 e;
	size_t			 i;

	if ((e = gk_agency_list(p->ctx->db, &al, p->err, p->errlen)) != GK_OK)
		return e;
	gk_page_begin(p->b, p->ctx, p->req, "首页", 0, NULL, 0);
	gk_html(p->b, "<h1>%s</h1>\n", p->ctx->site->name[0] != '\0' ? p->ctx->site->name :
	    "政府信息公开平台");
	gk_html_raw(p->b, "<section id=\"agencies\" aria-labelledby=\"h-agencies\">\n"
	    "<h2 id=\"h-agencies\">政府信息公开专栏</h2>\n<ul class=\"agencies\">\n");
	for (i = 0; i < al.n && e == GK_OK; i++) {
		const struct gk_agency *a = &al.v[i];

		e = gk_pd_items(p->ctx->db, a->id, 0, HOME_NEWEST, 0, &items, p->err, p->errlen);
		if (e != GK_OK)
			break;
		gk_html(p->b, "<li><h3><a href=\"/agency/%lld/\">%s</a></h3>\n"
		    "<p>主动公开信息 <strong>%lld</strong> 条</p>\n", (long long)a->id, a->name,
		    (long long)items.total);
		if (items.n > 0)
			item_list(p->b, &items);
		gk_html(p->b, "<p><a href=\"/agency/%lld/guide\">信息公开指南</a> · "
		    "<a href=\"/apply/%lld\">依申请公开</a></p></li>\n", (long long)a->id,
		    (long long)a->id);
		gk_pd_items_free(&items);
	}
	gk_agency_list_free(&al);
	if (e != GK_OK)
		return e;
	gk_html_raw(p->b, "</ul>\n</section>\n");
	if ((e = gk_pd_items(p->ctx->db, 0, 0, COLUMN_NEWEST, 0, &items, p->err,
	    p->errlen)) != GK_OK)
		return e;
	gk_html_raw(p->b, "<section aria-labelledby=\"h-newest\">\n<h2 id=\"h-newest\">最新公开信息</h2>\n");
	if (items.n == 0)
		gk_html_raw(p->b, "<p>暂无信息。</p>\n");
	else
		item_list(p->b, &items);
	gk_html_raw(p->b, "</section>\n");
	if (items.n > 0)
		gk_strlcpy_utf8(p->resp->last_modified, items.v[0].published_at,
		    sizeof(p->resp->last_modified));
	gk_pd_items_free(&items);
	gk_page_end(p->b, p->ctx, p->req);
	return pg_done(p);
}

/* ---- an agency's column ---- */

/* Published items per category rolled up into the parents: tot[i] for l->v[i]. */
static enum gk_err
tree_counts(struct pg *p, int64_t agency, int year, const struct gk_category_list *l,
    int64_t **totp)
{
	struct gk_pd_counts	 c;
	int64_t			*tot;
	enum gk_err		 e;
	size_t			 i, j;

	*totp = NULL;
	if ((e = gk_pd_category_counts(p->ctx->db, agency, year, &c, p->err, p->errlen)) != GK_OK)
		return e;
	tot = gk_calloc(l->n + 1, sizeof(*tot));
	if (tot == NULL) {
		gk_pd_counts_free(&c);
		return GK_ENOMEM;
	}
	for (i = 0; i < l->n; i++)
		for (j = 0; j < c.len; j++)
			if (c.id[j] == l->v[i].id)
				tot[i] = c.n[j];
	/* Tree order puts each parent before its children: add bottom-up. */
	for (i = l->n; i-- > 0;)
		for (j = 0; j < i; j++)
			if (l->v[j].id == l->v[i].parent_id) {
				tot[j] += tot[i];
				break;
			}
	gk_pd_counts_free(&c);
	*totp = tot;
	return GK_OK;
}

static void
tree_html(struct gk_buf *b, int64_t agency, const struct gk_category_list *l, const int64_t *tot)
{
	int	depth = -1, d;
	size_t	i;

	gk_html_raw(b, "<div class=\"tree\">\n");
	for (i = 0; i < l->n; i++) {
		d = l->v[i].depth;
		if (d > depth)
			for (; depth < d; depth++)
				gk_html_raw(b, "<ul>\n");
		else {
			gk_html_raw(b, "</li>\n");
			for (; depth > d; depth--)
				gk_html_raw(b, "</ul></li>\n");
		}
		gk_html(b, "<li><a href=\"/agency/%lld/category/%lld/\">%s</a> <span class=\"count\">"
		    "（%lld 条）</span>", (long long)agency, (long long)l->v[i].id, l->v[i].name,
		    (long long)tot[i]);
	}
	if (depth >= 0) {
		gk_html_raw(b, "</li>\n");
		for (; depth > 0; depth--)
			gk_html_raw(b, "</ul></li>\n");
		gk_html_raw(b, "</ul>\n");
	} else
		gk_html_raw(b, "<p>暂无栏目。</p>\n");
	gk_html_raw(b, "</div>\n");
}

static enum gk_err
page_column(struct pg *p, const struct gk_agency *a)
{
	struct gk_category_list	 cl;
	struct gk_pd_items	 items;
	int64_t			*tot;
	int			 years[MAX_YEARS];
	size_t			 ny = 0, i;
	enum gk_err		 e;
	struct gk_crumb		 c = { a->name, "" };
	long long		 id = (long long)a->id;

	if ((e = gk_category_list(p->ctx->db, a->id, &cl, p->err, p->errlen)) != GK_OK)
		return e;
	if ((e = tree_counts(p, a->id, 0, &cl, &tot)) != GK_OK) {
		gk_category_list_free(&cl);
		return e;
	}
	if ((e = gk_pd_report_years(p->ctx->db, a->id, years, MAX_YEARS, &ny, p->err,
	    p->errlen)) != GK_OK ||
	    (e = gk_pd_items(p->ctx->db, a->id, 0, COLUMN_NEWEST, 0, &items, p->err,
	    p->errlen)) != GK_OK) {
		gk_free(tot);
		gk_category_list_free(&cl);
		return e;
	}
	gk_page_begin(p->b, p->ctx, p->req, "政府信息公开专栏", a->id, &c, 1);
	gk_html(p->b, "<h1>%s政府信息公开专栏</h1>\n", a->name);
	gk_html(p->b, "<section aria-labelledby=\"h-guide\">\n<h2 id=\"h-guide\">"
	    "<a href=\"/agency/%lld/guide\">政府信息公开指南</a></h2>\n"
	    "<p>本机关政府信息公开的范围、方式、申请办法、办理时限、收费和救济途径。</p>\n</section>\n", id);
	gk_html(p->b, "<section aria-labelledby=\"h-rules\">\n<h2 id=\"h-rules\">"
	    "<a href=\"/agency/%lld/rules\">政府信息公开制度</a></h2>\n"
	    "<p>发布审核、保密审查、主动公开、依申请公开、政策解读、年度报告等工作制度。</p>\n</section>\n", id);
	gk_html(p->b, "<section id=\"content\" aria-labelledby=\"h-content\">\n"
	    "<h2 id=\"h-content\">法定主动公开内容</h2>\n<p>共 %lld 条。</p>\n", (long long)items.total);
	tree_html(p->b, a->id, &cl, tot);
	gk_html_raw(p->b, "</section>\n");
	gk_html(p->b, "<section aria-labelledby=\"h-reports\">\n<h2 id=\"h-reports\">"
	    "<a href=\"/agency/%lld/reports/\">政府信息公开年报</a></h2>\n", id);
	if (ny == 0)
		gk_html_raw(p->b, "<p>暂未发布年度报告。</p>\n");
	else {
		gk_html_raw(p->b, "<ul>\n");
		for (i = 0; i < ny; i++)
			gk_html(p->b, "<li><a href=\"/agency/%lld/reports/%d\">%s%d年政府信息公开工作年度报告</a></li>\n",
			    id, years[i], a->name, years[i]);
		gk_html_raw(p->b, "</ul>\n");
	}
	gk_html_raw(p->b, "</section>\n");
	gk_html_raw(p->b, "<section aria-labelledby=\"h-newest\">\n<h2 id=\"h-newest\">最新信息</h2>\n");
	if (items.n == 0)
		gk_html_raw(p->b, "<p>暂无信息。</p>\n");
	else
		item_list(p->b, &items);
	gk_html(p->b, "</section>\n<section aria-labelledby=\"h-apply\">\n<h2 id=\"h-apply\">依申请公开</h2>\n"
	    "<p><a href=\"/apply/%lld\">在线提交政府信息公开申请</a> · <a href=\"/track\">申请办理进度查询</a>"
	    " · <a href=\"/consult/%lld\">留言咨询</a> · <a href=\"/subscribe?agency=%lld\">订阅信息推送</a>"
	    "</p>\n</section>\n", id, id, id);
	if (items.n > 0)
		gk_strlcpy_utf8(p->resp->last_modified, items.v[0].published_at,
		    sizeof(p->resp->last_modified));
	gk_pd_items_free(&items);
	gk_free(tot);
	gk_category_list_free(&cl);
	gk_page_end(p->b, p->ctx, p->req);
	return pg_done(p);
}

/* Opens a page one level below an agency's column: 首页 > agency > label. */
static void
agency_page_begin(struct pg *p, const struct gk_agency *a, const char *label)
{
	struct gk_crumb	c[2];
	char		href[64];

	snprintf(href, sizeof(href), "/agency/%lld/", (long long)a->id);
	c[0].label = a->name;
	c[0].href = href;
	c[1].label = label;
	c[1].href = "";
	gk_page_begin(p->b, p->ctx, p->req, label, a->id, c, 2);
}

/* One row of the guide's contact table, when the value is given. */
static void
guide_row(struct gk_buf *b, const char *label, const char *v)
{
	if (v != NULL && v[0] != '\0')
		gk_html(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n", label, v);
}

static int
has(const char *s)
{
	return s != NULL && s[0] != '\0';
}

static enum gk_err
page_guide(struct pg *p, const struct gk_agency *a)
{
	struct fee_settings	 fs;
	enum gk_err		 e;
	long long		 id = (long long)a->id;

	if ((e = gk_apply_fee_settings(p->ctx->db, a->id, &fs, p->err, p->errlen)) != GK_OK)
		return e;
	agency_page_begin(p, a, "政府信息公开指南");
	gk_html(p->b, "<h1>%s政府信息公开指南</h1>\n", a->name);
	gk_html_raw(p->b, "<p>为了更好地提供政府信息公开服务，根据《中华人民共和国政府信息公开条例》"
	    "（以下简称《条例》），编制本指南。</p>\n");

	gk_html_raw(p->b, "<h2>一、主动公开</h2>\n");
	gk_html(p->b, "<p>（一）公开范围：《条例》第十九条、第二十条规定应当主动公开的政府信息，"
	    "具体见本专栏<a href=\"/agency/%lld/#content\">法定主动公开内容</a>。</p>\n", id);
	gk_html_raw(p->b, "<p>（二）公开方式：本政府信息公开专栏为主动公开的第一平台，"
	    "同时通过政务新媒体、政务服务中心公示栏等渠道公开。</p>\n"
	    "<p>（三）公开时限：属于主动公开范围的政府信息，自该政府信息形成或者变更之日起"
	    "20个工作日内予以公开（《条例》第二十六条）。</p>\n");

	gk_html_raw(p->b, "<h2>二、依申请公开</h2>\n<h3>（一）受理机构</h3>\n"
	    "<table class=\"meta\"><caption>政府信息公开工作机构</caption><tbody>\n");
	gk_html(p->b, "<tr><th scope=\"row\">机关名称</th><td>%s</td></tr>\n", a->name);
	guide_row(p->b, "工作机构", a->office);
	guide_row(p->b, "办公地址", a->address);
	guide_row(p->b, "邮政编码", a->postcode);
	guide_row(p->b, "办公时间", a->hours);
	guide_row(p->b, "联系电话", a->phone);
	guide_row(p->b, "传真", a->fax);
	guide_row(p->b, "电子邮箱", a->email);
	gk_html_raw(p->b, "</tbody></table>\n");

	gk_html_raw(p->b, "<h3>（二）申请方式</h3>\n<ol>\n");
	gk_html(p->b, "<li>网上申请：通过本平台<a href=\"/apply/%lld\">在线申请</a>，"
	    "提交后获得查询码，可在<a href=\"/track\">办理进度查询</a>页面查看办理情况。</li>\n", id);
	if (has(a->address) && has(a->hours))
		gk_html(p->b, "<li>当面申请：于办公时间（%s）到%s，填写《政府信息公开申请表》。</li>\n",
		    a->hours, a->address);
	else if (has(a->address))
		gk_html(p->b, "<li>当面申请：于工作日办公时间到%s，填写《政府信息公开申请表》。</li>\n",
		    a->address);
	if (has(a->address))
		gk_html(p->b, "<li>邮寄申请：寄至%s%s%s，请在信封左下角注明“政府信息公开申请”字样。</li>\n",
		    a->address, has(a->postcode) ? "，邮政编码 " : "", has(a->postcode) ? a->postcode : "");
	if (has(a->fax))
		gk_html(p->b, "<li>传真申请：传真至 %s，请注明“政府信息公开申请”字样。</li>\n", a->fax);
	if (has(a->email))
		gk_html(p->b, "<li>电子邮件申请：发送至 %s，邮件主题注明“政府信息公开申请”。</li>\n", a->email);
	gk_html_raw(p->b, "</ol>\n<p>申请内容（《条例》第二十九条）：申请人的姓名或者名称、身份证明、联系方式；"
	    "申请公开的政府信息的名称、文号或者便于行政机关查询的其他特征性描述；"
	    "申请公开的政府信息的形式要求，包括获取信息的方式、途径。</p>\n"
	    "<p>收到申请的时间（《条例》第三十一条）：当面提交的，以提交之日为收到申请之日；"
	    "邮寄的，以签收之日为收到申请之日；通过互联网渠道或者政府信息公开工作机构的传真提交的，"
	    "以双方确认之日为收到申请之日。</p>\n");

	gk_html_raw(p->b, "<h3>（三）答复时限</h3>\n<p>能够当场答复的，当场予以答复；不能当场答复的，"
	    "自收到申请之日起20个工作日内予以答复；需要延长答复期限的，经政府信息公开工作机构负责人同意"
	    "并告知申请人，延长的期限最长不得超过20个工作日（《条例》第三十三条）。"
	    "征求第三方和其他机关意见所需时间、申请人补正申请所需时间不计算在上述期限内。</p>\n");

	gk_html_raw(p->b, "<h3>（四）收费</h3>\n<p>行政机关依申请提供政府信息，不收取费用。"
	    "申请人申请公开政府信息的数量、频次明显超过合理范围的，可以收取信息处理费"
	    "（《条例》第四十二条），标准按照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）执行：</p>\n"
	    "<ul>\n<li>按件计收：同一申请人一个自然月内累计申请10件以下（含10件）的，不收费；"
	    "11—30件（含30件）的部分，按100元/件收费；");
	gk_html(p->b, "31件以上的部分，以%d件为一档，每增加一档，收费标准提高%lld元/件。</li>\n",
	    fs.item_band_size, (long long)(fs.item_band_raise / 100));
	gk_html_raw(p->b, "<li>按量计收：同一申请30页以下（含30页）的，不收费；31—100页（含100页）的部分，"
	    "按10元/页收费；101—200页（含200页）的部分，按20元/页收费；201页以上的部分，按40元/页收费。</li>\n"
	    "</ul>\n<p>按件计收和按量计收只能选择一种方式。</p>\n");

	gk_html_raw(p->b, "<h2>三、监督和救济</h2>\n<p>公民、法人或者其他组织认为行政机关在政府信息公开工作中"
	    "侵犯其合法权益的，可以向上一级行政机关或者政府信息公开工作主管部门投诉、举报"
	    "（《条例》第五十一条），也可以依法申请行政复议或者提起行政诉讼：</p>\n<ul>\n"
	    "<li>行政复议：自知道该行政行为之日起60日内提出行政复议申请；</li>\n"
	    "<li>行政诉讼：自知道或者应当知道作出行政行为之日起6个月内提起行政诉讼。</li>\n</ul>\n");
	gk_page_end(p->b, p->ctx, p->req);
	return pg_done(p);
}

static const char *const rules_text[][2] = {
	{ "政府信息公开发布审核制度",
	  "信息发布实行“科室拟稿、分管领导审核、主要领导审定”三级审核，审核内容包括合法性、准确性和保密性，每一步均留有记录。" },
	{ "政府信息公开保密审查制度",
	  "发布前对拟公开的信息进行保密审查和个人信息检查（身份证号码、手机号码、银行卡号、密级标志等），未经审查不得公开。" },
	{ "主动公开制度",
	  "属于主动公开范围的政府信息，自形成或者变更之日起20个工作日内公开；政策文件、工作动态按更短的时限公开。" },
	{ "依申请公开办理制度",
	  "依申请公开实行登记、审核、答复、送达、归档的闭环管理，严格执行法定答复时限。" },
	{ "政策解读制度",
	  "政策文件与解读材料同步组织、同步审签、同步发布，解读形式包括文字、图解、案例等。" },
	{ "信息发布协调机制",
	  "拟发布的信息涉及其他机关的，与有关机关进行沟通、确认，保证发布的信息准确一致。" },
	{ "政府信息管理动态调整制度",
	  "定期对已公开的政府信息进行评估审查，对因情势变化可以公开的不予公开信息依法公开，对失效、废止的文件及时标注。" },
	{ "年度报告制度",
	  "每年1月31日前向社会公布本机关上一年度政府信息公开工作年度报告。" },
	{ "考核评议和责任追究制度",
	  "政府信息公开工作纳入年度考核，接受社会评议；对违反《条例》规定的，依法追究责任。" },
};

static enum gk_err
page_rules(struct pg *p, const struct gk_agency *a)
{
	size_t i;

	agency_page_begin(p, a, "政府信息公开制度");
	gk_html(p->b, "<h1>%s政府信息公开制度</h1>\n<ol class=\"rules\">\n", a->name);
	for (i = 0; i < sizeof(rules_text) / sizeof(rules_text[0]); i++)
		gk_html(p->b, "<li><h2>%s</h2>\n<p>%s</p></li>\n", rules_text[i][0], rules_text[i][1]);
	gk_html_raw(p->b, "</ol>\n");
	gk_page_end(p->b, p->ctx, p->req);
	return pg_done(p);
}

/* ---- section lists and feeds ---- */

/* The category cid of the agency's tree, its index in *l, or -1. */
static long
find_cat(const struct gk_category_list *l, int64_t cid)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].id == cid)
			return (long)i;
	return -1;
}

/* The page number of ?page=: 1 when absent, 0 when malformed. */
static long
page_arg(const struct gk_web_req *req)
{
	const char	*s = gk_web_arg(req, "page");
	int64_t		 v;

	if (s == NULL)
		return 1;
	v = take_id(&s);
	if (v == 0 || *s != '\0' || v > 1000000)
		return 0;
	return (long)v;
}

static void
pager(struct gk_buf *b, long page, long pages)
{
	long i, from = page - 4 < 1 ? 1 : page - 4, to = page + 4 > pages ? pages : page + 4;

	if (pages <= 1)
		return;
	gk_html_raw(b, "<nav class=\"pager\" aria-label=\"分页\">");
	if (page > 1) {
		gk_html_raw(b, "<a href=\"./\">首页</a>");
		if (page == 2)
			gk_html_raw(b, "<a href=\"./\" rel=\"prev\">上一页</a>");
		else
			gk_html(b, "<a href=\"?page=%ld\" rel=\"prev\">上一页</a>", page - 1);
	}
	for (i = from; i <= to; i++) {
		if (i == page)
			gk_html(b, "<span aria-current=\"page\">%ld</span>", i);
		else if (i == 1)
			gk_html_raw(b, "<a href=\"./\">1</a>");
		else
			gk_html(b, "<a href=\"?page=%ld\">%ld</a>", i, i);
	}
	if (page < pages) {
		gk_html(b, "<a href=\"?page=%ld\" rel=\"next\">下一页</a>", page + 1);
		gk_html(b, "<a href=\"?page=%ld\">尾页</a>", pages);
	}
	gk_html_raw(b, "</nav>\n");
}

/* Breadcrumbs of a category: agency, its ancestors, itself (last without link). */
static size_t
cat_crumbs(const struct gk_agency *a, const struct gk_category_list *l, long ci,
    struct gk_crumb *c, char (*href)[96], size_t max)
{
	long	chain[GK_CATEGORY_DEPTH_MAX + 1];
	size_t	n = 0, k = 0;
	long	i = ci;

	while (i >= 0 && n < GK_CATEGORY_DEPTH_MAX + 1) {
		chain[n++] = i;
		i = l->v[i].parent_id == 0 ? -1 : find_cat(l, l->v[i].parent_id);
	}
	snprintf(href[0], sizeof(href[0]), "/agency/%lld/", (long long)a->id);
	c[k].label = a->name;
	c[k++].href = href[0];
	while (n > 0 && k < max) {
		long j = chain[--n];

		snprintf(href[k], sizeof(href[k]), "/agency/%lld/category/%lld/", (long long)a->id,
		    (long long)l->v[j].id);
		c[k].label = l->v[j].name;
		c[k].href = n == 0 ? "" : href[k];
		k++;
	}
	return k;
}

static enum gk_err
page_category(struct pg *p, const struct gk_agency *a, int64_t cid, int feed)
{
	struct gk_category_list	 cl;
	struct gk_pd_items	 items;
	struct gk_crumb		 c[GK_CATEGORY_DEPTH_MAX + 2];
	char			 href[GK_CATEGORY_DEPTH_MAX + 2][96];
	long			 ci, page = feed ? 1 : page_arg(p->req), pages;
	size_t			 nc, i;
	enum gk_err		 e;
	const char		*host = gk_portal_host(p->ctx);

	if (page == 0)
		return pg_error(p, 400, "页码应为正整数");
	if ((e = gk_category_list(p->ctx->db, a->id, &cl, p->err, p->errlen)) != GK_OK)
		return e;
	if ((ci = find_cat(&cl, cid)) < 0) {
		gk_category_list_free(&cl);
		return pg_error(p, 404, "该栏目不存在");
	}
	e = gk_pd_items(p->ctx->db, a->id, cid, PER_PAGE, (size_t)(page - 1) * PER_PAGE, &items,
	    p->err, p->errlen);
	if (e != GK_OK) {
		gk_category_list_free(&cl);
		return e;
	}
	pages = items.total == 0 ? 1 : (long)((items.total + PER_PAGE - 1) / PER_PAGE);
	if (page > pages) {
		gk_pd_items_free(&items);
		gk_category_list_free(&cl);
		return pg_error(p, 404, "该页不存在");
	}
	if (items.n > 0)
		gk_strlcpy_utf8(p->resp->last_modified, items.v[0].published_at,
		    sizeof(p->resp->last_modified));
	if (feed) {
		/* Atom (RFC 4287): absolute URLs, every text escaped. */
		p->resp->content_type = "application/atom+xml; charset=utf-8";
		gk_html_raw(p->b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
		    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n");
		gk_html(p->b, "<title>%s - %s</title>\n", a->name, cl.v[ci].path);
		gk_html(p->b, "<id>%s/agency/%lld/category/%lld/</id>\n", host, (long long)a->id,
		    (long long)cid);
		gk_html(p->b, "<link rel=\"self\" type=\"application/atom+xml\" "
		    "href=\"%s/agency/%lld/category/%lld/feed.xml\"/>\n", host, (long long)a->id,
		    (long long)cid);
		gk_html(p->b, "<link rel=\"alternate\" type=\"text/html\" "
		    "href=\"%s/agency/%lld/category/%lld/\"/>\n", host, (long long)a->id, (long long)cid);
		gk_html(p->b, "<updated>%s</updated>\n<author><name>%s</name></author>\n",
		    items.n > 0 ? items.v[0].published_at : a->created_at, a->name);
		for (i = 0; i < items.n; i++) {
			const struct gk_pd_item *it = &items.v[i];

			gk_html(p->b, "<entry>\n<title>%s</title>\n<id>%s/item/%lld</id>\n"
			    "<link rel=\"alternate\" type=\"text/html\" href=\"%s/item/%lld\"/>\n"
			    "<published>%s</published>\n<updated>%s</updated>\n"
			    "<summary>索引号：%s</summary>\n</entry>\n", it->title, host,
			    (long long)it->id, host, (long long)it->id, it->published_at,
			    it->published_at, it->index_no);
		}
		gk_html_raw(p->b, "</feed>\n");
	} else {
		nc = cat_crumbs(a, &cl, ci, c, href, GK_CATEGORY_DEPTH_MAX + 2);
		gk_page_begin(p->b, p->ctx, p->req, cl.v[ci].name, a->id, c, nc);
		gk_html(p->b, "<h1>%s</h1>\n", cl.v[ci].name);
		/* The subsections, when there are any. */
		for (i = (size_t)ci + 1, nc = 0; i < cl.n && cl.v[i].depth > cl.v[ci].depth; i++)
			if (cl.v[i].parent_id == cid) {
				if (nc++ == 0)
					gk_html_raw(p->b, "<nav aria-label=\"子栏目\"><p>子栏目：");
				gk_html(p->b, "<a href=\"/agency/%lld/category/%lld/\">%s</a> ",
				    (long long)a->id, (long long)cl.v[i].id, cl.v[i].name);
			}
		if (nc > 0)
			gk_html_raw(p->b, "</p></nav>\n");
		gk_html(p->b, "<p class=\"total\">共 %lld 条，第 %ld/%ld 页。"
		    "<a href=\"feed.xml\" type=\"application/atom+xml\">订阅本栏目（Atom）</a></p>\n",
		    (long long)items.total, page, pages);
		if (items.n == 0)
			gk_html_raw(p->b, "<p>暂无信息。</p>\n");
		else
			item_list(p->b, &items);
		pager(p->b, page, pages);
		gk_page_end(p->b, p->ctx, p->req);
	}
	gk_pd_items_free(&items);
	gk_category_list_free(&cl);
	return pg_done(p);
}

/* ---- annual reports ---- */

static enum gk_err
page_reports(struct pg *p, const struct gk_agency *a)
{
	int		 years[MAX_YEARS];
	size_t		 ny, i;
	enum gk_err	 e;

	if ((e = gk_pd_report_years(p->ctx->db, a->id, years, MAX_YEARS, &ny, p->err,
	    p->errlen)) != GK_OK)
		return e;
	agency_page_begin(p, a, "政府信息公开年报");
	gk_html(p->b, "<h1>%s政府信息公开工作年度报告</h1>\n", a->name);
	if (ny == 0)
		gk_html_raw(p->b, "<p>暂未发布年度报告。</p>\n");
	else {
		gk_html_raw(p->b, "<ul>\n");
		for (i = 0; i < ny; i++)
			gk_html(p->b, "<li><a href=\"/agency/%lld/reports/%d\">%d年度报告</a>"
			    "（下载：<a href=\"/agency/%lld/reports/%d.txt\">文本</a>、"
			    "<a href=\"/agency/%lld/reports/%d.json\">JSON</a>）</li>\n",
			    (long long)a->id, years[i], years[i], (long long)a->id, years[i],
			    (long long)a->id, years[i]);
		gk_html_raw(p->b, "</ul>\n");
	}
	gk_page_end(p->b, p->ctx, p->req);
	return pg_done(p);
}

/* The applications of section 三 by outcome group (column 总计), summing leaves. */
static void
s3_outcomes(const struct gk_report *r, int64_t v[6])
{
	static const enum gk_s3row groups[6] = { GK_S3_OPEN, GK_S3_PARTIAL, GK_S3_DENY, GK_S3_NA,
	    GK_S3_NOPROC, GK_S3_OTHER };
	size_t g;
	int row;

	for (g = 0; g < 6; g++) {
		int64_t sum = 0;
		int leaves = 0;

		for (row = 0; row < GK_S3ROW__MAX; row++) {
			const struct gk_cell *cell = &r->s3[row][GK_S3_ALL];

			if (gk_s3_rows[row].role != GK_S3R_OUTCOME ||
			    gk_s3_rows[row].group != groups[g] || (enum gk_s3row)row == groups[g])
				continue;
			leaves++;
			if (cell->state == GK_CELL_NUM)
				sum += cell->num / GK_NUM_SCALE;
		}
		if (leaves == 0 && r->s3[groups[g]][GK_S3_ALL].state == GK_CELL_NUM)
			sum = r->s3[groups[g]][GK_S3_ALL].num / GK_NUM_SCALE;
		v[g] = sum;
	}
}

static enum gk_err
report_charts(struct pg *p, int64_t agency, int year, const struct gk_report *r)
{
	static const char *const months[12] = { "1月", "2月", "3月", "4月", "5月", "6月", "7月",
	    "8月", "9月", "10月", "11月", "12月" };
	static const char *const outcomes[6] = { "予以公开", "部分公开", "不予公开", "无法提供",
	    "不予处理", "其他处理" };
	struct gk_category_list	 cl;
	int64_t			*tot, mv[12], ov[6], *tv;
	const char		**tl;
	size_t			 i, nt = 0;
	enum gk_err		 e;
	char			 title[96];

	if ((e = gk_category_list(p->ctx->db, agency, &cl, p->err, p->errlen)) != GK_OK)
		return e;
	if ((e = tree_counts(p, agency, year, &cl, &tot)) != GK_OK) {
		gk_category_list_free(&cl);
		return e;
	}
	tl = gk_calloc(cl.n + 1, sizeof(*tl));
	tv = gk_calloc(cl.n + 1, sizeof(*tv));
	if (tl == NULL || tv == NULL) {
		gk_free(tl);
		gk_free(tv);
		gk_free(tot);
		gk_category_list_free(&cl);
		return GK_ENOMEM;
	}
	for (i = 0; i < cl.n; i++)
		if (cl.v[i].depth == 0) {
			tl[nt] = cl.v[i].name;
			tv[nt++] = tot[i];
		}
	gk_html_raw(p->b, "<section class=\"charts\" aria-labelledby=\"h-charts\">\n"
	    "<h2 id=\"h-charts\">图表</h2>\n");
	snprintf(title, sizeof(title), "%d年主动公开信息（按栏目）", year);
	gk_html_raw(p->b, "<figure class=\"chart\">\n");
	gk_svg_bars(p->b, "c-cat", title, tl, tv, nt);
	gk_svg_bars_table(p->b, title, "信息（条）", tl, tv, nt);
	gk_html_raw(p->b, "<figcaption>单位：条。按一级栏目统计本年发布、现仍公开的信息，"
	    "子栏目计入上级栏目。</figcaption>\n</figure>\n");
	if ((e = gk_pd_month_counts(p->ctx->db, agency, year, mv, p->err, p->errlen)) == GK_OK) {
		snprintf(title, sizeof(title), "%d年主动公开信息（按月份）", year);
		gk_html_raw(p->b, "<figure class=\"chart\">\n");
		gk_svg_bars(p->b, "c-month", title, months, mv, 12);
		gk_svg_bars_table(p->b, title, "信息（条）", months, mv, 12);
		gk_html_raw(p->b, "<figcaption>单位：条。按发布日期所在月份统计。</figcaption>\n</figure>\n");
		s3_outcomes(r, ov);
		snprintf(title, sizeof(title), "%d年政府信息公开申请办理结果", year);
		gk_html_raw(p->b, "<figure class=\"chart\">\n");
		gk_svg_bars(p->b, "c-apply", title, outcomes, ov, 6);
		gk_svg_bars_table(p->b, title, "申请（件）", outcomes, ov, 6);
		gk_html_raw(p->b, "<figcaption>单位：件。数据来自本报告第三部分“本年度办理结果”总计列，"
		    "各类结果含其下各项。</figcaption>\n</figure>\n");
		e = gk_svg_report_trends(p->ctx, agency, year, r, p->b, p->err, p->errlen);
	}
	gk_html_raw(p->b, "</section>\n");
	gk_free(tl);
	gk_free(tv);
	gk_free(tot);
	gk_category_list_free(&cl);
	return e;
}

enum gk_err
gk_portal_report_body(struct gk_web_ctx *ctx, int64_t agency_id, int year,
    const struct gk_report *r, struct gk_buf *b, char *err, size_t errlen)
{
	struct pg p;

	memset(&p, 0, sizeof(p));
	p.ctx = ctx;
	p.b = b;
	p.err = err;
	p.errlen = errlen;
	gk_render_html(r, 0, b);
	return report_charts(&p, agency_id, year, r);
}

/* kind: 0 the HTML page, 1 .txt, 2 .json */
static enum gk_err
page_report(struct pg *p, const struct gk_agency *a, int year, int kind)
{
	struct gk_report_snapshot	 s;
	struct gk_report		 r;
	enum gk_err			 e;
	struct gk_crumb			 c[3];
	char				 href[2][64], label[32], title[160];

	e = gk_report_snapshot_get(p->ctx->db, a->id, year, 0, &s, p->err, p->errlen);
	if (e != GK_OK)
		return pg_store(p, e, "该年度报告尚未发布");
	if (kind == 2) {
		p->resp->content_type = "application/json; charset=utf-8";
		gk_buf_puts(p->b, s.json);
		gk_strlcpy_utf8(p->resp->last_modified, s.published_at, sizeof(p->resp->last_modified));
		gk_report_snapshot_clear(&s);
		p->resp->cacheable = 1;
		return p->b->err;
	}
	if ((e = gk_report_from_json(s.json, strlen(s.json), &r, p->err, p->errlen)) != GK_OK) {
		gk_report_snapshot_clear(&s);
		return e;
	}
	gk_strlcpy_utf8(p->resp->last_modified, s.published_at, sizeof(p->resp->last_modified));
	if (kind == 1) {
		p->resp->content_type = "text/plain; charset=utf-8";
		e = gk_render_text(&r, p->b);
		p->resp->cacheable = 1;
	} else {
		char day[11];

		snprintf(href[0], sizeof(href[0]), "/agency/%lld/", (long long)a->id);
		snprintf(href[1], sizeof(href[1]), "/agency/%lld/reports/", (long long)a->id);
		snprintf(label, sizeof(label), "%d年度报告", year);
		snprintf(title, sizeof(title), "%d年政府信息公开工作年度报告", year);
		c[0].label = a->name;
		c[0].href = href[0];
		c[1].label = "政府信息公开年报";
		c[1].href = href[1];
		c[2].label = label;
		c[2].href = "";
		day_of(s.published_at, day);
		gk_page_begin(p->b, p->ctx, p->req, title, a->id, c, 3);
		gk_html(p->b, "<p class=\"notice\">发布日期：%s（第 %d 版）。下载："
		    "<a href=\"/agency/%lld/reports/%d.txt\">文本格式</a>、"
		    "<a href=\"/agency/%lld/reports/%d.json\">JSON 格式</a></p>\n", day, s.version,
		    (long long)a->id, year, (long long)a->id, year);
		e = gk_portal_report_body(p->ctx, a->id, year, &r, p->b, p->err, p->errlen);
		gk_page_end(p->b, p->ctx, p->req);
		if (e == GK_OK)
			e = pg_done(p);
	}
	gk_report_clear(&r);
	gk_report_snapshot_clear(&s);
	return e != GK_OK ? e : p->b->err;
}

/* ---- items and attachments ---- */

static void
size_text(int64_t n, char *out, size_t len)
{
	if (n < 1024)
		snprintf(out, len, "%lld B", (long long)n);
	else if (n < 1024 * 1024)
		snprintf(out, len, "%lld.%lld KB", (long long)(n / 1024), (long long)(n % 1024 * 10 / 1024));
	else
		snprintf(out, len, "%lld.%lld MB", (long long)(n / (1024 * 1024)),
		    (long long)(n % (1024 * 1024) * 10 / (1024 * 1024)));
}

static void
meta_row(struct gk_buf *b, const char *label, const char *v)
{
	gk_html(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n", label,
	    v != NULL && v[0] != '\0' ? v : "—");
}

static void
interp_links(struct gk_buf *b, const char *heading, const struct gk_interp_links *l, int forms)
{
	size_t i, shown = 0;

	for (i = 0; i < l->n; i++) {
		if (l->v[i].state != WF_PUBLISHED)
			continue;
		if (shown++ == 0)
			gk_html(b, "<section class=\"related\">\n<h2>%s</h2>\n<ul>\n", heading);
		gk_html(b, "<li><a href=\"/item/%lld\">%s</a>", (long long)l->v[i].item_id,
		    l->v[i].title);
		if (forms)
			gk_html(b, "（%s）", interp_form_label(l->v[i].form));
		gk_html(b, " <time>%s</time></li>\n", l->v[i].published);
	}
	if (shown > 0)
		gk_html_raw(b, "</ul>\n</section>\n");
}

static enum gk_err
page_item(struct pg *p, int64_t id, int qr)
{
	struct gk_item			 it;
	struct gk_attachment_list	 al;
	struct gk_interp_links		 li, lp;
	struct gk_crumb			 c[3];
	char				 href[2][96], day[11], url[512], sz[32];
	const char			*cat;
	enum gk_err			 e;
	size_t				 i;

	e = gk_item_get(p->ctx->db, id, &it, p->err, p->errlen);
	if (e != GK_OK)
		return pg_store(p, e, "该信息不存在");
	if (it.state == WF_WITHDRAWN && !qr) {
		char msg[160];

		day_of(it.withdrawn_at, day);
		snprintf(msg, sizeof(msg), "该信息已于 %s 撤回。", day);
		gk_item_clear(&it);
		e = pg_error(p, 410, msg);
		/* The same for everyone until it changes. */
		p->resp->cacheable = !gk_page_large(p->req);
		return e;
	}
	if (it.state != WF_PUBLISHED) {
		gk_item_clear(&it);
		return pg_error(p, 404, "该信息不存在");
	}
	snprintf(url, sizeof(url), "%s/item/%lld", gk_portal_host(p->ctx), (long long)id);
	if (qr) {
		gk_item_clear(&it);
		p->resp->content_type = "image/svg+xml";
		if ((e = gk_svg_qr(p->b, url, 1)) != GK_OK)
			return e;
		p->resp->cacheable = 1;
		return p->b->err;
	}
	memset(&al, 0, sizeof(al));
	memset(&li, 0, sizeof(li));
	memset(&lp, 0, sizeof(lp));
	if ((e = gk_attachment_list(p->ctx->db, id, &al, p->err, p->errlen)) != GK_OK ||
	    (e = gk_interp_of_policy(p->ctx->db, id, &li, p->err, p->errlen)) != GK_OK ||
	    (e = gk_interp_policies(p->ctx->db, id, &lp, p->err, p->errlen)) != GK_OK)
		goto out;
	{
		struct gk_agency a;

		if ((e = gk_agency_get(p->ctx->db, it.agency_id, &a, p->err, p->errlen)) != GK_OK)
			goto out;
		snprintf(href[0], sizeof(href[0]), "/agency/%lld/", (long long)it.agency_id);
		c[0].label = a.name;
		c[0].href = href[0];
		cat = it.category_path != NULL && it.category_path[0] != '\0' ? it.category_path : NULL;
		i = 1;
		if (cat != NULL && it.category_id > 0) {
			snprintf(href[1], sizeof(href[1]), "/agency/%lld/category/%lld/",
			    (long long)it.agency_id, (long long)it.category_id);
			c[1].label = cat;
			c[1].href = href[1];
			i = 2;
		}
		c[i].label = "正文";
		c[i].href = "";
		gk_page_begin(p->b, p->ctx, p->req, item_meta_get(&it.meta, ITEM_F_TITLE),
		    it.agency_id, c, i + 1);
		gk_agency_clear(&a);
	}
	day_of(it.published_at, day);
	gk_html_raw(p->b, "<article class=\"item\">\n<table class=\"meta\"><caption>信息属性</caption><tbody>\n");
	meta_row(p->b, "索引号", item_meta_get(&it.meta, ITEM_F_INDEXNO));
	meta_row(p->b, "主题分类", item_meta_get(&it.meta, ITEM_F_TOPIC));
	meta_row(p->b, "发布机构", item_meta_get(&it.meta, ITEM_F_PUBLISHER));
	meta_row(p->b, "成文日期", item_meta_get(&it.meta, ITEM_F_WRITTEN));
	meta_row(p->b, "发布日期", day);
	meta_row(p->b, "文号", item_meta_get(&it.meta, ITEM_F_DOCNO));
	{
		char v[64];
		const char *vd = item_meta_get(&it.meta, ITEM_F_VALIDITY_DATE);

		if (it.meta.validity != ITEM_VALID && vd[0] != '\0')
			snprintf(v, sizeof(v), "%s（%s）", item_validity_label(it.meta.validity), vd);
		else
			snprintf(v, sizeof(v), "%s", item_validity_label(it.meta.validity));
		meta_row(p->b, "有效性", v);
	}
	gk_html_raw(p->b, "</tbody></table>\n");
	gk_html(p->b, "<h1>%s</h1>\n<div class=\"body\">\n", item_meta_get(&it.meta, ITEM_F_TITLE));
	gk_portal_md(p->b, item_meta_get(&it.meta, ITEM_F_BODY));
	gk_html_raw(p->b, "</div>\n");
	if (al.n > 0) {
		gk_html_raw(p->b, "<section class=\"attachments\">\n<h2>附件</h2>\n<ul>\n");
		for (i = 0; i < al.n; i++) {
			size_text(al.v[i].size, sz, sizeof(sz));
			gk_html(p->b, "<li><a href=\"/attachment/%lld\">%s</a>（%s）</li>\n",
			    (long long)al.v[i].id, al.v[i].name, sz);
		}
		gk_html_raw(p->b, "</ul>\n</section>\n");
	}
	interp_links(p->b, "相关解读", &li, 1);
	interp_links(p->b, "解读的政策文件", &lp, 0);
	gk_html_raw(p->b, "<aside class=\"qr noprint\" aria-label=\"手机扫码阅读\">\n");
	if (gk_svg_qr(p->b, url, 0) == GK_OK)
		gk_html(p->b, "<p>手机扫描二维码阅读本页（<a href=\"/item/%lld/qr.svg\">二维码图片</a>）</p>\n",
		    (long long)id);
	gk_html_raw(p->b, "<p>打印本页：请使用浏览器的打印功能，打印时将隐藏导航并显示链接地址。</p>\n"
	    "</aside>\n</article>\n");
	gk_strlcpy_utf8(p->resp->last_modified, it.updated_at != NULL ? it.updated_at : "",
	    sizeof(p->resp->last_modified));
	gk_page_end(p->b, p->ctx, p->req);
	e = pg_done(p);
out:
	gk_interp_links_free(&li);
	gk_interp_links_free(&lp);
	gk_attachment_list_free(&al);
	gk_item_clear(&it);
	return e;
}

/* The stored type as a static string; HTML and unknown types download as bytes. */
static const char *
safe_mime(const char *m)
{
	static const char *const ok[] = { "application/pdf", "application/ofd",
	    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
	    "application/msword", "application/vnd.ms-excel", "application/vnd.ms-powerpoint",
	    "application/zip", "image/png", "image/jpeg", "image/gif", "image/webp",
	    "text/plain; charset=utf-8", "text/plain; charset=gb18030" };
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++)
		if (strcmp(m, ok[i]) == 0)
			return ok[i];
	return "application/octet-stream";
}

/*
 * Content-Disposition for a download (RFC 6266): the name as typed in
 * filename* (RFC 5987 percent-encoded UTF-8) and an ASCII fallback in
 * filename with everything but letters, digits, '.', '-' and '_' as '_'.
 * A name too long for the field is cut at a whole byte triple.
 */
static void
disposition(char *out, size_t n, const char *name)
{
	static const char	 hex[] = "0123456789ABCDEF";
	const unsigned char	*c;
	size_t			 o;
	int			 w;

	w = snprintf(out, n, "attachment; filename=\"");
	o = w > 0 && (size_t)w < n ? (size_t)w : 0;
	for (c = (const unsigned char *)name; *c != '\0' && o + 40 < n / 2; c++)
		out[o++] = (isalnum(*c) && *c < 0x80) || *c == '.' || *c == '-' || *c == '_' ?
		    (char)*c : '_';
	w = snprintf(out + o, n - o, "\"; filename*=UTF-8''");
	o += w > 0 && (size_t)w < n - o ? (size_t)w : 0;
	for (c = (const unsigned char *)name; *c != '\0' && o + 4 < n; c++) {
		if ((isalnum(*c) && *c < 0x80) || *c == '.' || *c == '-' || *c == '_') {
			out[o++] = (char)*c;
		} else {
			out[o++] = '%';
			out[o++] = hex[*c >> 4];
			out[o++] = hex[*c & 15];
		}
	}
	out[o] = '\0';
}

static enum gk_err
page_attachment(struct pg *p, int64_t id)
{
	struct gk_attachment	 at;
	struct gk_item		 it;
	int64_t			 item_id;
	void			*data = NULL;
	size_t			 len = 0;
	enum gk_err		 e;

	if ((e = gk_pd_attachment_item(p->ctx->db, id, &item_id, p->err, p->errlen)) != GK_OK)
		return pg_store(p, e, "该附件不存在");
	if ((e = gk_item_get(p->ctx->db, item_id, &it, p->err, p->errlen)) != GK_OK)
		return pg_store(p, e, "该附件不存在");
	if (it.state != WF_PUBLISHED) {
		gk_item_clear(&it);
		return pg_error(p, 404, "该附件不存在");
	}
	gk_item_clear(&it);
	if ((e = gk_attachment_get_data(p->ctx->db, item_id, id, &at, &data, &len, p->err,
	    p->errlen)) != GK_OK)
		return pg_store(p, e, "该附件不存在");
	p->resp->content_type = safe_mime(at.mime);
	disposition(p->resp->disposition, sizeof(p->resp->disposition), at.name);
	gk_buf_append(p->b, data, len);
	gk_free(data);
	gk_strlcpy_utf8(p->resp->last_modified, at.created_at, sizeof(p->resp->last_modified));
	/* Published bytes, the same for everyone; big files are not kept in memory. */
	p->resp->cacheable = len <= GK_PORTAL_CACHE_FILE_MAX;
	return p->b->err;
}

/* ---- sitemap ---- */

static void
sm_url(struct gk_buf *b, const char *host, const char *path, const char *lastmod)
{
	gk_html(b, "<url><loc>%s%s</loc>", host, path);
	if (lastmod != NULL && lastmod[0] != '\0')
		gk_html(b, "<lastmod>%s</lastmod>", lastmod);
	gk_html_raw(b, "</url>\n");
}

/* A page the sitemap lists: HTML, not a further list page, feed, download, picture or stylesheet. */
static int
sitemap_page(const char *path, const char *page)
{
	size_t n = strlen(path);

	return !(page != NULL || (n > 4 && (strcmp(path + n - 4, ".xml") == 0 ||
	    strcmp(path + n - 4, ".txt") == 0 || strcmp(path + n - 4, ".svg") == 0 ||
	    strcmp(path + n - 4, ".css") == 0)) || (n > 5 && strcmp(path + n - 5, ".json") == 0));
}

/* Every page but the sitemap's own files (gk_portal_pages adds them). */
static enum gk_err
pages_walk(struct gk_db *db, gk_portal_page_fn fn, void *arg, char *err, size_t errlen)
{
	struct gk_agency_list	 al;
	struct gk_category_list	 cl;
	int			 years[MAX_YEARS];
	int64_t			 ids[512], after = 0;
	size_t			 i, j, ny, n;
	enum gk_err		 e;
	char			 path[160];

	if ((e = fn(arg, "/", NULL)) != GK_OK)
		return e;
	if ((e = gk_agency_list(db, &al, err, errlen)) != GK_OK)
		return e;
	for (i = 0; i < al.n && e == GK_OK; i++) {
		long long a = (long long)al.v[i].id;
		static const char *const fixed[] = { "", "guide", "rules", "reports/" };

		for (j = 0; j < 4 && e == GK_OK; j++) {
			snprintf(path, sizeof(path), "/agency/%lld/%s", a, fixed[j]);
			e = fn(arg, path, NULL);
		}
		if (e != GK_OK)
			break;
		if ((e = gk_category_list(db, al.v[i].id, &cl, err, errlen)) != GK_OK)
			break;
		for (j = 0; j < cl.n && e == GK_OK; j++) {
			int64_t total;
			long pg;

			if ((e = gk_pd_count(db, al.v[i].id, cl.v[j].id, &total, err,
			    errlen)) != GK_OK)
				break;
			snprintf(path, sizeof(path), "/agency/%lld/category/%lld/", a,
			    (long long)cl.v[j].id);
			e = fn(arg, path, NULL);
			for (pg = 2; e == GK_OK && (int64_t)(pg - 1) * PER_PAGE < total; pg++) {
				char q[24];

				snprintf(q, sizeof(q), "%ld", pg);
				e = fn(arg, path, q);
			}
			snprintf(path, sizeof(path), "/agency/%lld/category/%lld/feed.xml", a,
			    (long long)cl.v[j].id);
			if (e == GK_OK)
				e = fn(arg, path, NULL);
		}
		gk_category_list_free(&cl);
		if (e == GK_OK)
			e = gk_pd_report_years(db, al.v[i].id, years, MAX_YEARS, &ny, err, errlen);
		for (j = 0; e == GK_OK && j < ny; j++) {
			static const char *const rf[] = { "", ".txt", ".json" };
			size_t k;

			for (k = 0; k < 3 && e == GK_OK; k++) {
				snprintf(path, sizeof(path), "/agency/%lld/reports/%d%s", a,
				    years[j], rf[k]);
				e = fn(arg, path, NULL);
			}
		}
	}
	gk_agency_list_free(&al);
	/* Every published item, a batch of ids at a time (keyset, not OFFSET). */
	while (e == GK_OK) {
		e = gk_pd_item_ids(db, after, ids, sizeof(ids) / sizeof(ids[0]), &n, err, errlen);
		for (i = 0; i < n && e == GK_OK; i++) {
			snprintf(path, sizeof(path), "/item/%lld", (long long)ids[i]);
			e = fn(arg, path, NULL);
			snprintf(path, sizeof(path), "/item/%lld/qr.svg", (long long)ids[i]);
			if (e == GK_OK)
				e = fn(arg, path, NULL);
		}
		if (n < sizeof(ids) / sizeof(ids[0]))
			break;
		after = ids[n - 1];
	}
	if (e == GK_OK)
		e = fn(arg, "/static/portal.css", NULL);
	return e;
}

size_t gk_portal_sitemap_max = GK_PORTAL_SITEMAP_MAX;

struct counted {
	gk_portal_page_fn	 fn;
	void			*arg;
	size_t			 n;	/* pages the sitemap lists */
};

static enum gk_err
count_page(void *arg, const char *path, const char *page)
{
	struct counted *c = arg;

	if (sitemap_page(path, page))
		c->n++;
	return c->fn != NULL ? c->fn(c->arg, path, page) : GK_OK;
}

enum gk_err
gk_portal_pages(struct gk_db *db, gk_portal_page_fn fn, void *arg, char *err, size_t errlen)
{
	struct counted	c = { fn, arg, 0 };
	enum gk_err	e;
	size_t		k, parts;
	char		path[48];

	if ((e = pages_walk(db, count_page, &c, err, errlen)) != GK_OK)
		return e;
	if ((e = fn(arg, "/sitemap.xml", NULL)) != GK_OK)
		return e;
	parts = c.n > gk_portal_sitemap_max ? (c.n + gk_portal_sitemap_max - 1) / gk_portal_sitemap_max : 0;
	for (k = 1; k <= parts && e == GK_OK; k++) {
		snprintf(path, sizeof(path), "/sitemap-%zu.xml", k);
		e = fn(arg, path, NULL);
	}
	return e;
}

struct sm {
	struct gk_buf	*b;
	const char	*host;
	size_t		 from, to;	/* the pages [from, to) of the walk's sitemap pages */
	size_t		 i;
};

static enum gk_err
sm_page(void *arg, const char *path, const char *page)
{
	struct sm *s = arg;

	if (!sitemap_page(path, page))
		return GK_OK;
	if (s->i >= s->from && s->i < s->to)
		sm_url(s->b, s->host, path, NULL);
	s->i++;
	return s->b->err;
}

/*
 * /sitemap.xml (part 0) and /sitemap-N.xml. Up to gk_portal_sitemap_max
 * pages, /sitemap.xml lists them all; beyond, it is a sitemap index of
 * the parts /sitemap-1.xml … each listing gk_portal_sitemap_max pages
 * (the protocol's limit is 50,000 URLs a file).
 */
static enum gk_err
page_sitemap(struct pg *p, size_t part)
{
	struct sm	s;
	struct counted	c = { NULL, NULL, 0 };
	enum gk_err	e;
	size_t		max = gk_portal_sitemap_max, parts, k;

	if ((e = pages_walk(p->ctx->db, count_page, &c, p->err, p->errlen)) != GK_OK)
		return e;
	parts = c.n > max ? (c.n + max - 1) / max : 0;
	if (part > parts)
		return pg_error(p, 404, "页面不存在");
	memset(&s, 0, sizeof(s));
	s.b = p->b;
	s.host = gk_portal_host(p->ctx);
	p->resp->content_type = "application/xml; charset=utf-8";
	gk_html_raw(p->b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	if (part == 0 && parts > 0) {
		gk_html_raw(p->b, "<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		for (k = 1; k <= parts; k++)
			gk_html(p->b, "<sitemap><loc>%s/sitemap-%zu.xml</loc></sitemap>\n", s.host, k);
		gk_html_raw(p->b, "</sitemapindex>\n");
	} else {
		s.from = part == 0 ? 0 : (part - 1) * max;
		s.to = part == 0 ? c.n : part * max;
		gk_html_raw(p->b, "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
		if ((e = pages_walk(p->ctx->db, sm_page, &s, p->err, p->errlen)) != GK_OK)
			return e;
		gk_html_raw(p->b, "</urlset>\n");
	}
	p->resp->cacheable = 1;
	return p->b->err;
}

/* ---- /prefs/large ---- */

/* A local path to go back to: "/..." without "//", "\\" or controls. */
static int
local_path_ok(const char *s)
{
	const unsigned char *u;

	if (s == NULL || s[0] != '/' || s[1] == '/' || strlen(s) > GK_WEB_PATH_MAX)
		return 0;
	for (u = (const unsigned char *)s; *u != '\0'; u++)
		if (*u < 0x20 || *u == 0x7f || *u == '\\')
			return 0;
	return 1;
}

/*
 * back (decoded) as a Location value: bytes that may not stand in a URI
 * (non-ASCII, space, quotes, <>, \\, ^, `, {|}) percent-encoded; the path
 * alone, then "/", when it would not fit.
 */
static void
location_encode(const char *back, char *out, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char	*u;
	size_t			 o = 0;

	for (u = (const unsigned char *)back; *u != '\0'; u++) {
		if (*u > 0x20 && *u < 0x7f && strchr("\"<>\\^`{|} ", *u) == NULL) {
			if (o + 1 >= n)
				break;
			out[o++] = (char)*u;
		} else {
			if (o + 3 >= n)
				break;
			out[o++] = '%';
			out[o++] = hex[*u >> 4];
			out[o++] = hex[*u & 15];
		}
	}
	if (*u != '\0') {	/* did not fit */
		out[0] = '/';
		o = 1;
	}
	out[o] = '\0';
}

static enum gk_err
page_prefs_large(struct pg *p)
{
	const char *on = gk_web_arg(p->req, "on"), *back = gk_web_arg(p->req, "back");

	if (on == NULL || (strcmp(on, "1") != 0 && strcmp(on, "0") != 0))
		return pg_error(p, 400, "参数 on 应为 1 或 0");
	if (back == NULL || !local_path_ok(back))
		back = "/";
	p->resp->status = 303;
	p->resp->cacheable = 0;
	location_encode(back, p->resp->location, sizeof(p->resp->location));
	gk_strlcpy_utf8(p->resp->set_cookie, strcmp(on, "1") == 0 ?
	    "gk_large=1; Path=/; Max-Age=31536000; SameSite=Lax" :
	    "gk_large=0; Path=/; Max-Age=0; SameSite=Lax", sizeof(p->resp->set_cookie));
	gk_html_raw(p->b, "<!doctype html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
	    "<title>正在返回</title></head><body><p><a href=\"");
	gk_html(p->b, "%s\">返回</a></p></body></html>\n", back);
	return p->b->err;
}

/* ---- dispatch ---- */

/* /agency/{id}/... with rest pointing after "/agency/{id}". */
static enum gk_err
route_agency(struct pg *p, int64_t aid, const char *rest)
{
	struct gk_agency	 a;
	enum gk_err		 e;
	int64_t			 cid;
	char			 to[96];

	if (rest[0] == '\0') {
		snprintf(to, sizeof(to), "/agency/%lld/", (long long)aid);
		return pg_redirect(p, to);
	}
	if (rest[0] != '/')
		return GK_ENOTFOUND;
	rest++;
	e = gk_agency_get(p->ctx->db, aid, &a, p->err, p->errlen);
	if (e != GK_OK)
		return pg_store(p, e, "该机构不存在");
	if (rest[0] == '\0')
		e = page_column(p, &a);
	else if (strcmp(rest, "guide") == 0)
		e = page_guide(p, &a);
	else if (strcmp(rest, "rules") == 0)
		e = page_rules(p, &a);
	else if (strcmp(rest, "reports/") == 0)
		e = page_reports(p, &a);
	else if (strcmp(rest, "reports") == 0) {
		snprintf(to, sizeof(to), "/agency/%lld/reports/", (long long)aid);
		e = pg_redirect(p, to);
	} else if (strncmp(rest, "reports/", 8) == 0) {
		const char *s = rest + 8;
		int64_t y = take_id(&s);

		if (y < 1990 || y > 9999)
			e = pg_error(p, 404, "该年度报告不存在");
		else if (*s == '\0')
			e = page_report(p, &a, (int)y, 0);
		else if (strcmp(s, ".txt") == 0)
			e = page_report(p, &a, (int)y, 1);
		else if (strcmp(s, ".json") == 0)
			e = page_report(p, &a, (int)y, 2);
		else
			e = pg_error(p, 404, "页面不存在");
	} else if (strncmp(rest, "category/", 9) == 0) {
		const char *s = rest + 9;

		cid = take_id(&s);
		if (cid == 0)
			e = pg_error(p, 404, "该栏目不存在");
		else if (*s == '\0') {
			snprintf(to, sizeof(to), "/agency/%lld/category/%lld/", (long long)aid,
			    (long long)cid);
			e = pg_redirect(p, to);
		} else if (strcmp(s, "/") == 0)
			e = page_category(p, &a, cid, 0);
		else if (strcmp(s, "/feed.xml") == 0)
			e = page_category(p, &a, cid, 1);
		else
			e = pg_error(p, 404, "页面不存在");
	} else
		e = pg_error(p, 404, "页面不存在");
	gk_agency_clear(&a);
	return e;
}

enum gk_err
gk_portal_handle(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct pg	 p;
	const char	*path = req->path, *s;
	int64_t		 id;

	p.ctx = ctx;
	p.req = req;
	p.resp = resp;
	p.b = &resp->body;
	p.err = err;
	p.errlen = errlen;
	if (strcmp(path, "/") == 0)
		return page_home(&p);
	if (strcmp(path, "/static/portal.css") == 0) {
		size_t n;
		const char *css = gk_portal_css(&n);

		resp->content_type = "text/css; charset=utf-8";
		resp->cacheable = 1;
		return gk_buf_append(&resp->body, css, n);
	}
	if (strcmp(path, "/prefs/large") == 0)
		return page_prefs_large(&p);
	if (strcmp(path, "/sitemap.xml") == 0)
		return page_sitemap(&p, 0);
	if (strncmp(path, "/sitemap-", 9) == 0) {
		s = path + 9;
		if ((id = take_id(&s)) == 0 || strcmp(s, ".xml") != 0)
			return GK_ENOTFOUND;
		return page_sitemap(&p, (size_t)id);
	}
	if (strncmp(path, "/item/", 6) == 0) {
		s = path + 6;
		if ((id = take_id(&s)) == 0)
			return GK_ENOTFOUND;
		if (*s == '\0')
			return page_item(&p, id, 0);
		if (strcmp(s, "/qr.svg") == 0)
			return page_item(&p, id, 1);
		return GK_ENOTFOUND;
	}
	if (strncmp(path, "/attachment/", 12) == 0) {
		s = path + 12;
		if ((id = take_id(&s)) == 0 || *s != '\0')
			return GK_ENOTFOUND;
		return page_attachment(&p, id);
	}
	if (strncmp(path, "/agency/", 8) == 0) {
		s = path + 8;
		if ((id = take_id(&s)) == 0)
			return GK_ENOTFOUND;
		return route_agency(&p, id, s);
	}
	return GK_ENOTFOUND;
}
