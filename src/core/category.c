/*
 * category.c — the default category tree of proactive disclosure as data,
 * and lookups by path and by short code. The kinds drive the timeliness
 * defaults (the seed report: "政策文件类信息在印发后 5 个工作日内公开，工作
 * 动态类信息在活动结束后 3 个工作日内公开"; everything else the 20 working
 * days of 条例第二十六条) and the interpretation ledger.
 */
#include <string.h>

#include "category.h"

static const char *const kind_names[CATEGORY_KIND__MAX] = {
	"other", "policy", "news", "interp", "fiscal",
};

/* Short codes are pinyin initials; they never change once shipped. */
static const struct category default_v[] = {
	{ "jgzn",	"机构职能",		"机构职能",		-1, CATEGORY_KIND_OTHER, 1 },
	{ "zcwj",	"政策文件",		"政策文件",		-1, CATEGORY_KIND_POLICY, 0 },
	{ "zcwj-gz",	"规章",			"政策文件/规章",	 1, CATEGORY_KIND_POLICY, 1 },
	{ "zcwj-gfx",	"行政规范性文件",	"政策文件/行政规范性文件", 1, CATEGORY_KIND_POLICY, 1 },
	{ "zcwj-qt",	"其他文件",		"政策文件/其他文件",	 1, CATEGORY_KIND_POLICY, 1 },
	{ "zcjd",	"政策解读",		"政策解读",		-1, CATEGORY_KIND_INTERP, 1 },
	{ "gzdt",	"工作动态",		"工作动态",		-1, CATEGORY_KIND_NEWS, 1 },
	{ "czxx",	"财政信息",		"财政信息",		-1, CATEGORY_KIND_FISCAL, 0 },
	{ "czxx-ys",	"预算",			"财政信息/预算",	 7, CATEGORY_KIND_FISCAL, 1 },
	{ "czxx-js",	"决算",			"财政信息/决算",	 7, CATEGORY_KIND_FISCAL, 1 },
	{ "czxx-sgjf",	"三公经费",		"财政信息/三公经费",	 7, CATEGORY_KIND_FISCAL, 1 },
	{ "zsyz",	"招商引资",		"招商引资",		-1, CATEGORY_KIND_OTHER, 1 },
	{ "bszn",	"办事指南",		"办事指南",		-1, CATEGORY_KIND_OTHER, 1 },
	{ "qt",		"其他",			"其他",			-1, CATEGORY_KIND_OTHER, 1 },
};

static const struct category_tree default_tree = {
	default_v, sizeof(default_v) / sizeof(default_v[0])
};

const char *
category_kind_name(enum category_kind k)
{
	return (unsigned)k < CATEGORY_KIND__MAX ? kind_names[k] : "?";
}

int
category_kind_from_name(const char *s, enum category_kind *k)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < CATEGORY_KIND__MAX; i++)
		if (strcmp(s, kind_names[i]) == 0) {
			*k = (enum category_kind)i;
			return 1;
		}
	return 0;
}

const struct category_tree *
category_default(void)
{
	return &default_tree;
}

const struct category *
category_find(const struct category_tree *t, const char *path)
{
	size_t i;

	if (t == NULL)
		t = &default_tree;
	if (path == NULL)
		return NULL;
	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].path, path) == 0)
			return &t->v[i];
	return NULL;
}

const struct category *
category_find_code(const struct category_tree *t, const char *code)
{
	size_t i;

	if (t == NULL)
		t = &default_tree;
	if (code == NULL)
		return NULL;
	for (i = 0; i < t->n; i++)
		if (strcmp(t->v[i].code, code) == 0)
			return &t->v[i];
	return NULL;
}

int
category_is_policy(const struct category *c)
{
	return c != NULL && c->kind == CATEGORY_KIND_POLICY;
}

int
category_is_news(const struct category *c)
{
	return c != NULL && c->kind == CATEGORY_KIND_NEWS;
}

int
category_is_interp(const struct category *c)
{
	return c != NULL && c->kind == CATEGORY_KIND_INTERP;
}

int
category_code_ok(const char *s)
{
	size_t n;

	if (s == NULL)
		return 0;
	for (n = 0; s[n] != '\0'; n++) {
		if (n >= CATEGORY_CODE_MAX)
			return 0;
		if (!((s[n] >= 'a' && s[n] <= 'z') ||
		    (s[n] >= '0' && s[n] <= '9') || s[n] == '-'))
			return 0;
	}
	return n > 0;
}
