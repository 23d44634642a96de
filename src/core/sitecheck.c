/*
 * sitecheck.c — the website self-check's rules (sitecheck.h). Every rule
 * names the indicator it implements: legal.md §4 (《政府网站与政务新媒体
 * 检查指标》, 国办秘函〔2019〕19号, reconstructed from secondary sources).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/sitecheck.h"

static const struct {
	const char	*name, *title, *indicator, *veto, *deduct;
} rules[SC__MAX] = {
	[SC_NEWS_STALE] = { "news_stale", "动态、要闻类栏目 2 周内未更新",
	    "单项否决指标 4(a) 栏目不更新：动态/要闻类栏目监测时间点前 2 周内未更新"
	    "（legal.md §4.2）",
	    "与通知公告/政策文件类栏目合计 ≥5 个即否决",
	    "来源未给出扣分分值" },
	[SC_NOTICE_STALE] = { "notice_stale", "通知公告、政策文件类一级栏目 6 个月内未更新",
	    "单项否决指标 4(a) 栏目不更新：通知公告/政策文件类一级栏目监测时间点前 6 个月内"
	    "未更新（legal.md §4.2）；扣分指标：政策文件一级栏目 6 个月未更新扣 5 分（§4.3）",
	    "与动态/要闻类栏目合计 ≥5 个即否决",
	    "政策文件一级栏目每个扣 5 分（§4.3）" },
	[SC_BLANK] = { "blank", "空白栏目",
	    "单项否决指标 4(c) 空白栏目（legal.md §4.2）；规章、行政规范性文件栏目不计"
	    "（无制定权的机构没有可发布的内容，条例第二十条第（一）项）",
	    "≥5 个即否决", "来源未给出扣分分值" },
	[SC_CONSULT] = { "consult", "留言超过 3 个月未回复",
	    "单项否决指标 5 互动回应差：监测时间点前 1 年内，政务咨询类栏目有效留言超过 3 个月"
	    "未回复（legal.md §4.2）；不予公开（广告等）的留言不是有效留言",
	    "1 条即否决", "来源未给出扣分分值（§4.3 另有“留言回复 2 个月未更新扣 3 分”，"
	    "本检查未实现）" },
	[SC_WECHAT] = { "wechat", "政务新媒体 2 周内未更新",
	    "政务新媒体：监测时间点前 2 周内无信息更新即不合格（legal.md §4.4）",
	    "不合格（该账号）", "来源未给出扣分分值" },
	[SC_LATE] = { "late", "信息发布不及时",
	    "条例第二十六条（20 个工作日）及本机构时效规则（政策文件 5、工作动态 3 个工作日，"
	    "docs/calendar.md）；检查指标的原表未取得（legal.md §4），不对应具体否决项",
	    "来源未给出", "来源未给出" },
	[SC_DEADLINK] = { "deadlink", "站内链接或附件无法访问",
	    "链接可用性：首页及其他页面不能正常访问的链接（2017 年普查评分表，legal.md §4.3）；"
	    "阈值与分值来源未给出",
	    "来源未给出阈值", "来源未给出分值" },
	[SC_EXTLINK] = { "extlink", "外部链接无法访问",
	    "链接可用性（legal.md §4.3，同上），外部链接以 HTTP HEAD 检查（--external）",
	    "来源未给出阈值", "来源未给出分值" },
};

const char *
sitecheck_rule_name(enum sc_rule r)
{
	return (unsigned)r < SC__MAX ? rules[r].name : "?";
}

const char *
sitecheck_rule_title(enum sc_rule r)
{
	return (unsigned)r < SC__MAX ? rules[r].title : "?";
}

const char *
sitecheck_rule_indicator(enum sc_rule r)
{
	return (unsigned)r < SC__MAX ? rules[r].indicator : "?";
}

const char *
sitecheck_rule_veto(enum sc_rule r)
{
	return (unsigned)r < SC__MAX ? rules[r].veto : "?";
}

const char *
sitecheck_rule_deduct(enum sc_rule r)
{
	return (unsigned)r < SC__MAX ? rules[r].deduct : "?";
}

/* The same day n months later (n < 0: earlier), clamped to the month's last day. */
static int32_t
months_add(int32_t day, int n)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int	 y, m, d, last, mm;
	int32_t	 out;

	gk_date_ymd(day, &y, &m, &d);
	mm = (y * 12 + (m - 1)) + n;
	y = mm / 12;
	m = mm % 12 + 1;
	last = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	if (d > last)
		d = last;
	if (gk_date_from_ymd(y, m, d, &out) != GK_OK)
		return day;
	return out;
}

int32_t
sitecheck_months_before(int32_t day, int n)
{
	return months_add(day, -n);
}


static enum gk_err add(struct sc_result *, size_t *, enum sc_rule, int64_t, char *,
    size_t, const char *, ...) __attribute__((format(printf, 7, 8)));

static enum gk_err
add(struct sc_result *res, size_t *cap, enum sc_rule rule, int64_t ref, char *err,
    size_t errlen, const char *fmt, ...)
{
	struct sc_finding	*nv;
	va_list			 ap;

	if (res->n == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		if ((nv = gk_calloc(*cap, sizeof(*nv))) == NULL) {
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		if (res->n > 0)
			memcpy(nv, res->v, res->n * sizeof(*nv));
		gk_free(res->v);
		res->v = nv;
	}
	res->v[res->n].rule = rule;
	res->v[res->n].ref = ref;
	va_start(ap, fmt);
	vsnprintf(res->v[res->n].text, sizeof(res->v[res->n].text), fmt, ap);
	va_end(ap);
	res->n++;
	res->r[rule].found++;
	return GK_OK;
}

static void
fmt_date(int32_t d, char buf[GK_DATE_LEN])
{
	if (d == GK_DATE_NONE)
		snprintf(buf, GK_DATE_LEN, "无");
	else
		gk_date_format(d, buf);
}

enum gk_err
sitecheck_run(const struct sc_input *in, int32_t today, struct sc_result *res,
    char *err, size_t errlen)
{
	int32_t		 w2 = today - 14, m6 = sitecheck_months_before(today, 6);
	int32_t		 y1 = sitecheck_months_before(today, 12), limit;
	char		 a[GK_DATE_LEN], b[GK_DATE_LEN];
	size_t		 i, cap = 0;
	enum gk_err	 e = GK_OK;
	int		 k;

	memset(res, 0, sizeof(*res));
	for (k = 0; k < SC__MAX; k++)
		res->r[k].checked = 1;
	res->r[SC_WECHAT].checked = in->wechat_used;
	res->r[SC_EXTLINK].checked = in->external;
	/* 栏目不更新 (4(a)) and 空白栏目 (4(c)). */
	for (i = 0; i < in->ncols && e == GK_OK; i++) {
		const struct sc_column *c = &in->cols[i];

		fmt_date(c->last, a);
		if (c->kind == SC_COL_NEWS && (c->last == GK_DATE_NONE || c->last < w2)) {
			gk_date_format(w2, b);
			e = add(res, &cap, SC_NEWS_STALE, c->id, err, errlen,
			    "栏目“%s”最近更新 %s，%s 以来未更新", c->path, a, b);
		} else if (c->kind == SC_COL_NOTICE && c->top &&
		    (c->last == GK_DATE_NONE || c->last < m6)) {
			gk_date_format(m6, b);
			e = add(res, &cap, SC_NOTICE_STALE, c->id, err, errlen,
			    "一级栏目“%s”最近更新 %s，%s 以来未更新", c->path, a, b);
			if (e == GK_OK && strstr(c->path, "政策文件") != NULL)
				res->r[SC_NOTICE_STALE].deduct += 5;
		}
		if (e == GK_OK && c->leaf && !c->exempt && c->count == 0)
			e = add(res, &cap, SC_BLANK, c->id, err, errlen,
			    "栏目“%s”没有任何已发布的信息", c->path);
	}
	/* 互动回应差 (5). */
	for (i = 0; i < in->nconsults && e == GK_OK; i++) {
		const struct sc_consult *q = &in->consults[i];

		if (q->rejected || q->asked == GK_DATE_NONE || q->asked < y1 || q->asked > today)
			continue;
		limit = months_add(q->asked, 3);
		fmt_date(q->asked, a);
		if (q->answered == GK_DATE_NONE && today > limit)
			e = add(res, &cap, SC_CONSULT, q->id, err, errlen,
			    "留言“%s”（%s 提出）超过 3 个月仍未回复", q->title, a);
		else if (q->answered != GK_DATE_NONE && q->answered > limit) {
			fmt_date(q->answered, b);
			e = add(res, &cap, SC_CONSULT, q->id, err, errlen,
			    "留言“%s”（%s 提出）%s 才回复，超过 3 个月", q->title, a, b);
		}
	}
	/* 政务新媒体 (§4.4). */
	if (e == GK_OK && in->wechat_used &&
	    (in->wechat_last == GK_DATE_NONE || in->wechat_last < w2)) {
		fmt_date(in->wechat_last, a);
		gk_date_format(w2, b);
		e = add(res, &cap, SC_WECHAT, 0, err, errlen,
		    "微信公众号最近更新 %s，%s 以来未更新", a, b);
	}
	/* 发布不及时 (条例第二十六条). */
	for (i = 0; i < in->nitems && e == GK_OK; i++) {
		const struct sc_item *it = &in->items[i];

		if (it->due == GK_DATE_NONE)
			continue;
		fmt_date(it->due, a);
		if (it->published != GK_DATE_NONE && it->published > it->due &&
		    it->published >= y1) {
			fmt_date(it->published, b);
			e = add(res, &cap, SC_LATE, it->id, err, errlen,
			    "%s《%s》应于 %s 前发布，%s 才发布", it->index_no, it->title, a, b);
		} else if (it->published == GK_DATE_NONE && !it->withdrawn && it->due < today)
			e = add(res, &cap, SC_LATE, it->id, err, errlen,
			    "%s《%s》应于 %s 前发布，至今未发布", it->index_no, it->title, a);
	}
	/* 链接可用性. */
	for (i = 0; i < in->nlinks && e == GK_OK; i++) {
		const struct sc_link *l = &in->links[i];

		if (l->ok != 0 || (l->external && !in->external))
			continue;
		e = add(res, &cap, l->external ? SC_EXTLINK : SC_DEADLINK, l->item_id, err,
		    errlen, "《%s》中的链接 %s 无法访问（%s）", l->item_title, l->url,
		    l->why ? l->why : "");
	}
	if (e != GK_OK) {
		sitecheck_result_free(res);
		return e;
	}
	if (res->n > 1) {
		/* rule order, each rule's findings in the order found */
		struct sc_finding	*v = gk_calloc(res->n, sizeof(*v));
		size_t			 j = 0;

		if (v == NULL) {
			sitecheck_result_free(res);
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		for (k = 0; k < SC__MAX; k++)
			for (i = 0; i < res->n; i++)
				if (res->v[i].rule == (enum sc_rule)k)
					v[j++] = res->v[i];
		gk_free(res->v);
		res->v = v;
	}
	res->r[SC_NEWS_STALE].veto = res->r[SC_NOTICE_STALE].veto =
	    res->r[SC_NEWS_STALE].found + res->r[SC_NOTICE_STALE].found >= 5;
	res->r[SC_BLANK].veto = res->r[SC_BLANK].found >= 5;
	res->r[SC_CONSULT].veto = res->r[SC_CONSULT].found >= 1;
	res->r[SC_WECHAT].veto = res->r[SC_WECHAT].found >= 1;
	res->pass = 1;
	for (k = 0; k < SC__MAX; k++) {
		res->r[k].fail = res->r[k].found > 0;
		if (res->r[k].fail)
			res->pass = 0;
		if (res->r[k].veto)
			res->veto = 1;
	}
	return GK_OK;
}

void
sitecheck_result_free(struct sc_result *res)
{
	if (res == NULL)
		return;
	gk_free(res->v);
	res->v = NULL;
	res->n = 0;
}

static int
url_char(unsigned char c)
{
	return c > 0x20 && c < 0x7f && strchr("\"'<>()[]{}`|\\^", c) == NULL;
}

int
sitecheck_links_scan(const char *body, int (*fn)(const char *, size_t, void *), void *arg)
{
	const char	*p, *s;
	size_t		 n;
	int		 rc, prev_ok;

	if (body == NULL)
		return 0;
	for (p = body; *p != '\0'; p++) {
		prev_ok = p == body || !url_char((unsigned char)p[-1]) || p[-1] == '(' ||
		    p[-1] == '[' || p[-1] == '"' || p[-1] == '\'';
		if (!prev_ok)
			continue;
		if (strncmp(p, "http://", 7) != 0 && strncmp(p, "https://", 8) != 0 &&
		    strncmp(p, "/item/", 6) != 0 && strncmp(p, "/attachment/", 12) != 0 &&
		    strncmp(p, "/agency/", 8) != 0)
			continue;
		for (s = p; url_char((unsigned char)*s); s++)
			;
		/* trailing ASCII punctuation belongs to the sentence */
		while (s > p && strchr(".,;:!?", s[-1]) != NULL)
			s--;
		n = (size_t)(s - p);
		if ((p[0] == 'h' && n <= 8) || n == 0) {
			p = s - 1 < p ? p : s - 1;
			continue;
		}
		if ((rc = fn(p, n, arg)) != 0)
			return rc;
		p = s - 1;
	}
	return 0;
}

int
sitecheck_link_internal(const char *url, const char *host, char *path, size_t n)
{
	const char	*p = url;
	size_t		 hl, k;

	if (url[0] == '/')
		p = url;
	else {
		if (host == NULL || host[0] == '\0')
			return 0;
		hl = strlen(host);
		while (hl > 0 && host[hl - 1] == '/')
			hl--;
		if (strncmp(url, host, hl) != 0 || (url[hl] != '/' && url[hl] != '\0'))
			return 0;
		p = url + hl;
		if (*p == '\0')
			p = "/";
	}
	for (k = 0; p[k] != '\0' && p[k] != '?' && p[k] != '#' && k + 1 < n; k++)
		path[k] = p[k];
	path[k] = '\0';
	return 1;
}
