/*
 * category.h — the category tree of proactive disclosure (主动公开栏目).
 *
 * An agency files every item under one category. The default tree is the
 * one issue 3 names (机构职能, 政策文件 {规章, 行政规范性文件, 其他文件},
 * 政策解读, 工作动态, 财政信息 {预算, 决算, 三公经费}, 招商引资, 办事指南,
 * 其他). Each category has a stable ASCII short code (used for storage, in
 * URLs and in 索引号 patterns as {category}) and a kind that the timeliness
 * and interpretation rules key on. A tree is plain data; an agency's own
 * tree (configured in the store) is a struct category_tree too.
 *
 * Pure logic: no I/O.
 */
#ifndef GK_CATEGORY_H
#define GK_CATEGORY_H

#include <stddef.h>

/* What the rules need to know about a category. */
enum category_kind {
	CATEGORY_KIND_OTHER = 0,	/* statutory 20 working days (条例第二十六条) */
	CATEGORY_KIND_POLICY,		/* 政策文件: 5 working days after 成文日期; needs a 政策解读 */
	CATEGORY_KIND_NEWS,		/* 工作动态: 3 working days after the event ends */
	CATEGORY_KIND_INTERP,		/* 政策解读: links to the policy file it explains */
	CATEGORY_KIND_FISCAL,		/* 财政信息 (条例第二十条第（七）项) */
	CATEGORY_KIND__MAX
};

const char	*category_kind_name(enum category_kind);	/* "policy", … */
int		 category_kind_from_name(const char *, enum category_kind *);

#define CATEGORY_CODE_MAX	16	/* bytes of a short code, without NUL */
#define CATEGORY_NAME_MAX	64	/* bytes of one level's name */
#define CATEGORY_PATH_MAX	160	/* bytes of "父/子" */

struct category {
	const char		*code;	/* stable short code: [a-z0-9-], e.g. "zcwj-gz" */
	const char		*name;	/* this level's name, e.g. "规章" */
	const char		*path;	/* full path, e.g. "政策文件/规章" */
	int			 parent;	/* index of the parent in the tree, -1 at top */
	enum category_kind	 kind;
	int			 leaf;	/* 1 when no category has this one as parent */
};

struct category_tree {
	const struct category	*v;	/* parents come before their children */
	size_t			 n;
};

/* The built-in default tree (static data, never freed). */
const struct category_tree *category_default(void);

/*
 * Lookups; NULL when absent. A NULL tree means the default tree. The path
 * is "顶级" or "顶级/子级"; surrounding spaces and a trailing "/" are not
 * accepted (the caller trims).
 */
const struct category	*category_find(const struct category_tree *, const char *path);
const struct category	*category_find_code(const struct category_tree *, const char *code);

int	 category_is_policy(const struct category *);	/* 政策文件 or below */
int	 category_is_news(const struct category *);	/* 工作动态 */
int	 category_is_interp(const struct category *);	/* 政策解读 */

/* 1 when s is a well-formed short code: 1..CATEGORY_CODE_MAX of [a-z0-9-]. */
int	 category_code_ok(const char *s);

#endif /* GK_CATEGORY_H */
