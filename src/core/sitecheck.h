/*
 * sitecheck.h — the website self-check against 《政府网站与政务新媒体检查指标》
 * (国办秘函〔2019〕19号; ../shared/reference/legal.md §4; docs/site-check.md).
 * Pure: the facts come from the caller (store/sitecheck_data.h), dates are
 * days (core/date.h) and "today" (the monitoring point) is a parameter.
 *
 * Each rule cites the indicator it implements; a rule FAILS as soon as it
 * finds one problem (a self-check is stricter than the inspection), and the
 * result also says whether the inspectors' threshold (单项否决) is reached
 * and what the 扣分 indicator says, where the source gives one.
 *
 * Date windows, all inclusive of their first day ("the same day N
 * months / 2 weeks earlier", clamped to the month's end):
 *   within 2 weeks of today  ⇔ d ≥ today − 14 days;
 *   within 6 months          ⇔ d ≥ sitecheck_months_before(today, 6);
 *   within 1 year            ⇔ d ≥ sitecheck_months_before(today, 12).
 */
#ifndef GK_CORE_SITECHECK_H
#define GK_CORE_SITECHECK_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

enum sc_rule {
	SC_NEWS_STALE = 0,	/* 栏目不更新：动态/要闻类 2 周 */
	SC_NOTICE_STALE,	/* 栏目不更新：通知公告/政策文件类一级栏目 6 个月 */
	SC_BLANK,		/* 空白栏目 */
	SC_CONSULT,		/* 互动回应差：留言超过 3 个月未回复 */
	SC_WECHAT,		/* 政务新媒体 2 周未更新 */
	SC_LATE,		/* 信息发布不及时（条例第二十六条与本机构时效规则） */
	SC_DEADLINK,		/* 链接可用性：站内链接与附件 */
	SC_EXTLINK,		/* 链接可用性：外部链接（--external） */
	SC__MAX
};

const char	*sitecheck_rule_name(enum sc_rule);	/* "news_stale", … */
const char	*sitecheck_rule_title(enum sc_rule);	/* Chinese */
const char	*sitecheck_rule_indicator(enum sc_rule);	/* the indicator cited */
const char	*sitecheck_rule_veto(enum sc_rule);	/* 单项否决 column */
const char	*sitecheck_rule_deduct(enum sc_rule);	/* 扣分 column */

/* The same day n months before day, clamped to the month's last day. */
int32_t		 sitecheck_months_before(int32_t day, int n);

enum sc_col_kind {
	SC_COL_OTHER = 0,
	SC_COL_NEWS,		/* 动态/要闻: 工作动态 kind, or a name with 动态 or 要闻 */
	SC_COL_NOTICE,		/* 通知公告/政策文件: policy kind, or a name with 通知公告 */
};

/* One column (栏目) of the agency's tree. */
struct sc_column {
	int64_t			 id;
	const char		*path;		/* "政策文件/规章" */
	enum sc_col_kind	 kind;
	int			 top;		/* a first-level column */
	int			 leaf;		/* no subcolumns */
	int			 exempt;	/* may stay blank (规章, 行政规范性文件: only issuers have any) */
	int32_t			 last;		/* newest publication in it and below, GK_DATE_NONE: none */
	size_t			 count;		/* published items in it and below */
};

struct sc_consult {
	int64_t		 id;
	const char	*title;
	int32_t		 asked;
	int32_t		 answered;	/* GK_DATE_NONE: not answered */
	int		 rejected;	/* not a valid message (advertising …) */
};

struct sc_item {
	int64_t		 id;
	const char	*index_no, *title;
	int32_t		 due;		/* GK_DATE_NONE: no due date */
	int32_t		 published;	/* GK_DATE_NONE: not published */
	int		 withdrawn;
};

struct sc_link {
	int64_t		 item_id;
	const char	*item_title;
	const char	*url;		/* as written, or "附件：NAME" */
	int		 external;
	int		 ok;		/* 1 resolves, 0 dead, -1 not checked */
	const char	*why;		/* why dead, Chinese */
};

struct sc_input {
	const struct sc_column	*cols;
	size_t			 ncols;
	const struct sc_consult	*consults;
	size_t			 nconsults;
	const struct sc_item	*items;
	size_t			 nitems;
	const struct sc_link	*links;
	size_t			 nlinks;
	int			 wechat_used;	/* the agency publishes on a WeChat account */
	int32_t			 wechat_last;	/* newest WeChat publication, GK_DATE_NONE: none */
	int			 external;	/* external links were checked */
};

struct sc_finding {
	enum sc_rule	 rule;
	int64_t		 ref;		/* the column, consultation or item id */
	char		 text[640];	/* Chinese */
};

struct sc_rule_result {
	size_t		 found;		/* problems */
	int		 checked;	/* 0: not applicable / not asked */
	int		 fail;		/* found > 0 */
	int		 veto;		/* the inspectors' 单项否决 threshold reached */
	int		 deduct;	/* points the 扣分 indicator takes, when the source gives them */
};

struct sc_result {
	struct sc_rule_result	 r[SC__MAX];
	struct sc_finding	*v;	/* owned, rule order */
	size_t			 n;
	int			 pass;	/* no rule failed */
	int			 veto;	/* any 单项否决 reached: 不合格 */
};

/* Runs every rule. GK_ENOMEM only. Free with sitecheck_result_free. */
enum gk_err	 sitecheck_run(const struct sc_input *, int32_t today, struct sc_result *,
		    char *err, size_t errlen);
void		 sitecheck_result_free(struct sc_result *);

/*
 * The links written in an item's body (plain text or Markdown): every
 * http:// or https:// URL, and every site path /item/N, /attachment/N or
 * /agency/N… after a space, a bracket or the start. A URL ends at
 * whitespace, a quote, a bracket or a non-ASCII character (Chinese
 * punctuation). Calls fn(url, len, arg) for each; stops when it returns
 * nonzero (and returns that).
 */
int		 sitecheck_links_scan(const char *body, int (*fn)(const char *, size_t, void *),
		    void *arg);

/*
 * Classifies a link against the platform's host (the site setting "host",
 * e.g. "http://localhost:8080"; may be NULL): *path gets the site path of
 * an internal link ("/item/3") and the function returns 1; an external
 * link returns 0. A path is copied into path (n bytes), cut at '?' or '#'.
 */
int		 sitecheck_link_internal(const char *url, const char *host, char *path,
		    size_t n);

#endif /* GK_CORE_SITECHECK_H */
