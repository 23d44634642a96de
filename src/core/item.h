/*
 * item.h — an information item of proactive disclosure (主动公开信息) and
 * its standard metadata: 索引号, 标题, 栏目 (category path), 主题分类,
 * 发布机构, 文号, 成文日期, event end date (工作动态), 有效性 with its date,
 * 关键词, and the body in Markdown. item_validate() returns every problem
 * at once, each with the field it concerns and a Chinese message.
 *
 * Dates are strings "YYYY-MM-DD"; "today" is always a parameter.
 * Pure logic: no I/O, no clock.
 */
#ifndef GK_ITEM_H
#define GK_ITEM_H

#include <stddef.h>
#include <stdint.h>

#include "date.h"
#include "gk.h"
#include "category.h"

/* 有效性. Storage names: "valid", "expired", "repealed". */
enum item_validity {
	ITEM_VALID = 0,		/* 有效 */
	ITEM_EXPIRED,		/* 失效 */
	ITEM_REPEALED,		/* 废止 */
	ITEM_VALIDITY__MAX
};

const char	*item_validity_name(enum item_validity);	/* "valid" … */
const char	*item_validity_label(enum item_validity);	/* "有效" … */
/* Accepts the storage name or the Chinese label; 1 on success. */
int		 item_validity_from_name(const char *, enum item_validity *);

/* The metadata fields, in display order. Storage names: "indexno", "title", … */
enum item_field {
	ITEM_F_INDEXNO = 0,	/* 索引号 */
	ITEM_F_TITLE,		/* 标题 */
	ITEM_F_CATEGORY,	/* 栏目 (category path) */
	ITEM_F_TOPIC,		/* 主题分类 */
	ITEM_F_PUBLISHER,	/* 发布机构 */
	ITEM_F_DOCNO,		/* 文号 */
	ITEM_F_WRITTEN,		/* 成文日期 */
	ITEM_F_EVENT_END,	/* 活动结束日期 (工作动态) */
	ITEM_F_VALIDITY,	/* 有效性 */
	ITEM_F_VALIDITY_DATE,	/* 失效/废止日期 */
	ITEM_F_KEYWORDS,	/* 关键词 */
	ITEM_F_BODY,		/* 正文 (Markdown) */
	ITEM_F__MAX
};

const char	*item_field_name(enum item_field);	/* "title" */
const char	*item_field_label(enum item_field);	/* "标题" */
int		 item_field_from_name(const char *, enum item_field *);

/* Limits (characters are Unicode code points; bytes where stated). */
#define ITEM_TITLE_MAX		200	/* characters */
#define ITEM_TOPIC_MAX		100	/* characters */
#define ITEM_PUBLISHER_MAX	100	/* characters */
#define ITEM_DOCNO_MAX		60	/* characters */
#define ITEM_INDEXNO_MAX	64	/* bytes */
#define ITEM_KEYWORDS_MAX	10	/* keywords */
#define ITEM_KEYWORD_MAX	20	/* characters per keyword */
#define ITEM_BODY_MAX		((size_t)2 * 1024 * 1024)	/* bytes */
#define ITEM_DATE_LEN		10	/* "YYYY-MM-DD" */

/*
 * The metadata of one item. Every string is owned by the struct (NULL when
 * not set) and released by item_meta_clear(); set them with item_meta_set().
 * validity_date is the 失效/废止 date.
 */
struct item_meta {
	char			*f[ITEM_F__MAX];	/* by enum item_field; f[ITEM_F_VALIDITY] unused */
	enum item_validity	 validity;
};

void		 item_meta_init(struct item_meta *);
void		 item_meta_clear(struct item_meta *);
/* Copies value (NULL unsets). GK_EINVAL for ITEM_F_VALIDITY or a bad field. */
enum gk_err	 item_meta_set(struct item_meta *, enum item_field, const char *value);
const char	*item_meta_get(const struct item_meta *, enum item_field);	/* "" when unset */

/* One problem found by item_validate(). */
#define ITEM_MSG_MAX		256
#define ITEM_PROBLEMS_MAX	32

struct item_problem {
	enum item_field	 field;
	const char	*rule;	/* stable id, e.g. "title.required" */
	char		 msg[ITEM_MSG_MAX];	/* Chinese, names the field */
};

struct item_problems {
	struct item_problem	v[ITEM_PROBLEMS_MAX];
	size_t			n;
};

/*
 * Checks every field and appends every problem to out (which it first
 * empties). tree NULL means the default category tree. today is
 * "YYYY-MM-DD". Returns GK_OK when the metadata is acceptable (out->n == 0),
 * GK_EINVAL when a problem was found or when today itself is not a date
 * (then out->n == 0 and err says so).
 */
enum gk_err	 item_validate(const struct item_meta *, const struct category_tree *tree,
		    const char *today, struct item_problems *out, char *err, size_t errlen);

/* 1 when out has a problem with this rule id. */
int		 item_problems_has(const struct item_problems *, const char *rule);

/*
 * 文号 (document number): 机关代字 + 〔年份〕 + 序号 + 号, e.g. 盐边商务〔2025〕12号.
 * The brackets may also be [] ［］ （） () or 【】; 令-style numbers
 * (国务院令第711号) are accepted too. On success writes the normalised form
 * (〔〕 brackets, as GB/T 9704 prescribes) to norm when norm is not NULL and
 * returns GK_OK; otherwise GK_EINVAL with a Chinese explanation in err.
 */
enum gk_err	 item_docno_check(const char *docno, char *norm, size_t normsize,
		    char *err, size_t errlen);

/*
 * Dates. item_date_parse() accepts exactly "YYYY-MM-DD" naming a real day in
 * years 1900..2999 and gives the day number (days since 1970-01-01);
 * returns 0 when s is not such a date.
 */
int		 item_date_parse(const char *s, int32_t *days);

/* 1 when s is valid UTF-8; *chars receives the number of code points. */
int		 item_utf8_len(const char *s, size_t *chars);

#endif /* GK_ITEM_H */
