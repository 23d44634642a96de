/*
 * item.c — the metadata of a proactive-disclosure item and its validation.
 * item_validate() walks every field and reports every problem with a stable
 * rule id, the field and a Chinese message, so a form can show them all at
 * once. Also the small shared helpers the other item rules use: calendar
 * dates as day numbers, UTF-8 length, and the 文号 (document number) check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "date.h"
#include "item.h"

static const char *const validity_names[ITEM_VALIDITY__MAX] = {
	"valid", "expired", "repealed",
};
static const char *const validity_labels[ITEM_VALIDITY__MAX] = {
	"有效", "失效", "废止",
};
static const char *const field_names[ITEM_F__MAX] = {
	"indexno", "title", "category", "topic", "publisher", "docno",
	"written_date", "event_end_date", "validity", "validity_date",
	"keywords", "body",
};
static const char *const field_labels[ITEM_F__MAX] = {
	"索引号", "标题", "栏目", "主题分类", "发布机构", "文号",
	"成文日期", "活动结束日期", "有效性", "失效/废止日期",
	"关键词", "正文",
};

const char *
item_validity_name(enum item_validity v)
{
	return (unsigned)v < ITEM_VALIDITY__MAX ? validity_names[v] : "?";
}

const char *
item_validity_label(enum item_validity v)
{
	return (unsigned)v < ITEM_VALIDITY__MAX ? validity_labels[v] : "?";
}

int
item_validity_from_name(const char *s, enum item_validity *v)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < ITEM_VALIDITY__MAX; i++)
		if (strcmp(s, validity_names[i]) == 0 ||
		    strcmp(s, validity_labels[i]) == 0) {
			*v = (enum item_validity)i;
			return 1;
		}
	return 0;
}

const char *
item_field_name(enum item_field f)
{
	return (unsigned)f < ITEM_F__MAX ? field_names[f] : "?";
}

const char *
item_field_label(enum item_field f)
{
	return (unsigned)f < ITEM_F__MAX ? field_labels[f] : "?";
}

int
item_field_from_name(const char *s, enum item_field *f)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < ITEM_F__MAX; i++)
		if (strcmp(s, field_names[i]) == 0) {
			*f = (enum item_field)i;
			return 1;
		}
	return 0;
}

void
item_meta_init(struct item_meta *m)
{
	memset(m, 0, sizeof(*m));
	m->validity = ITEM_VALID;
}

void
item_meta_clear(struct item_meta *m)
{
	int i;

	if (m == NULL)
		return;
	for (i = 0; i < ITEM_F__MAX; i++)
		gk_free(m->f[i]);
	item_meta_init(m);
}

enum gk_err
item_meta_set(struct item_meta *m, enum item_field f, const char *value)
{
	char *p = NULL;

	if (m == NULL || (unsigned)f >= ITEM_F__MAX || f == ITEM_F_VALIDITY)
		return GK_EINVAL;
	if (value != NULL && (p = gk_strdup(value)) == NULL)
		return GK_ENOMEM;
	gk_free(m->f[f]);
	m->f[f] = p;
	return GK_OK;
}

const char *
item_meta_get(const struct item_meta *m, enum item_field f)
{
	if (m == NULL || (unsigned)f >= ITEM_F__MAX || m->f[f] == NULL)
		return "";
	return m->f[f];
}

/* Decodes one UTF-8 sequence at s; returns its length (0 if invalid) and the code point. */
static size_t
utf8_dec(const unsigned char *s, uint32_t *cp)
{
	uint32_t	c;
	size_t		n, i;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf) {
		n = 2;
		c = s[0] & 0x1f;
	} else if (s[0] >= 0xe0 && s[0] <= 0xef) {
		n = 3;
		c = s[0] & 0x0f;
	} else if (s[0] >= 0xf0 && s[0] <= 0xf4) {
		n = 4;
		c = s[0] & 0x07;
	} else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) || (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

int
item_utf8_len(const char *s, size_t *chars)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = 0, k;
	uint32_t		 cp;

	if (s == NULL)
		return 0;
	while (*p != '\0') {
		if ((k = utf8_dec(p, &cp)) == 0)
			return 0;
		p += k;
		n++;
	}
	if (chars != NULL)
		*chars = n;
	return 1;
}

/* 1 when s consists only of ASCII spaces, tabs, newlines and U+3000. */
static int
blank(const char *s)
{
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

/* 1 when s has a C0 control character or DEL (a single-line field must not). */
static int
has_control(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static void prob(struct item_problems *, enum item_field, const char *,
    const char *, ...) __attribute__((format(printf, 4, 5)));

static void
prob(struct item_problems *out, enum item_field f, const char *rule,
    const char *fmt, ...)
{
	struct item_problem	*p;
	va_list			 ap;

	if (out->n >= ITEM_PROBLEMS_MAX)
		return;
	p = &out->v[out->n++];
	p->field = f;
	p->rule = rule;
	va_start(ap, fmt);
	vsnprintf(p->msg, sizeof(p->msg), fmt, ap);
	va_end(ap);
}

int
item_problems_has(const struct item_problems *ps, const char *rule)
{
	size_t i;

	for (i = 0; i < ps->n; i++)
		if (strcmp(ps->v[i].rule, rule) == 0)
			return 1;
	return 0;
}

/*
 * A single-line text field: valid UTF-8, no control characters, at most max
 * characters; required when req. Returns 1 when the field is present and
 * well formed.
 */
static int
check_line(const struct item_meta *m, enum item_field f, int req, size_t max,
    struct item_problems *out)
{
	const char	*s = m->f[f], *label = field_labels[f];
	size_t		 n;

	if (s == NULL || blank(s)) {
		if (req)
			prob(out, f, f == ITEM_F_TITLE ? "title.required" :
			    f == ITEM_F_PUBLISHER ? "publisher.required" :
			    "category.required", "%s不能为空", label);
		return 0;
	}
	if (!item_utf8_len(s, &n)) {
		prob(out, f, "text.utf8", "%s含有无效的字符编码（不是合法的 UTF-8）", label);
		return 0;
	}
	if (has_control(s)) {
		prob(out, f, "text.control", "%s不能包含换行符或控制字符", label);
		return 0;
	}
	if (n > max) {
		prob(out, f, "text.too_long", "%s过长：%zu 个字，最多 %zu 个字", label, n, max);
		return 0;
	}
	return 1;
}

/*
 * A date field: "YYYY-MM-DD", a real day, not after today. Returns 1 and the
 * day number when present and valid.
 */
static int
check_date(const struct item_meta *m, enum item_field f, int req,
    int32_t today, struct item_problems *out, int32_t *days)
{
	const char *s = m->f[f], *label = field_labels[f];
	char t[11];

	if (s == NULL || *s == '\0') {
		if (req)
			prob(out, f, f == ITEM_F_WRITTEN ? "written_date.required" :
			    f == ITEM_F_EVENT_END ? "event_end_date.required" :
			    "validity_date.required", "%s不能为空", label);
		return 0;
	}
	if (!item_date_parse(s, days)) {
		prob(out, f, "date.invalid",
		    "%s“%.40s”不是有效日期，应写作 YYYY-MM-DD（如 2025-03-18）", label, s);
		return 0;
	}
	if (*days > today) {
		gk_date_format(today, t);
		prob(out, f, "date.future", "%s %s 晚于今天（%s）", label, s, t);
		return 0;
	}
	return 1;
}

/* Keyword separators: , ; space，；、 and U+3000. Returns the separator's length or 0. */
static size_t
kw_sep(const char *s)
{
	if (*s == ',' || *s == ';' || *s == ' ' || *s == '\t')
		return 1;
	if (strncmp(s, "\xef\xbc\x8c", 3) == 0 || strncmp(s, "\xef\xbc\x9b", 3) == 0 ||
	    strncmp(s, "\xe3\x80\x81", 3) == 0 || strncmp(s, "\xe3\x80\x80", 3) == 0)
		return 3;
	return 0;
}

static void
check_keywords(const struct item_meta *m, struct item_problems *out)
{
	const char	*s = m->f[ITEM_F_KEYWORDS], *p, *start[ITEM_KEYWORDS_MAX + 1];
	size_t		 len[ITEM_KEYWORDS_MAX + 1], nkw = 0, k, i, j, chars;
	char		 one[ITEM_KEYWORD_MAX * 4 + 1];
	int		 toolong = 0, dup = 0;

	if (s == NULL || *s == '\0')
		return;
	if (!item_utf8_len(s, NULL)) {
		prob(out, ITEM_F_KEYWORDS, "text.utf8", "关键词含有无效的字符编码（不是合法的 UTF-8）");
		return;
	}
	if (has_control(s)) {
		prob(out, ITEM_F_KEYWORDS, "text.control", "关键词不能包含换行符或控制字符");
		return;
	}
	p = s;
	for (;;) {
		while (*p != '\0' && (k = kw_sep(p)) > 0)
			p += k;
		if (*p == '\0')
			break;
		if (nkw > ITEM_KEYWORDS_MAX) {
			nkw++;
			while (*p != '\0' && kw_sep(p) == 0)
				p++;
			continue;
		}
		start[nkw] = p;
		while (*p != '\0' && kw_sep(p) == 0)
			p++;
		len[nkw] = (size_t)(p - start[nkw]);
		nkw++;
	}
	if (nkw > ITEM_KEYWORDS_MAX)
		prob(out, ITEM_F_KEYWORDS, "keywords.too_many",
		    "关键词过多：%zu 个，最多 %d 个", nkw, ITEM_KEYWORDS_MAX);
	if (nkw > ITEM_KEYWORDS_MAX)
		nkw = ITEM_KEYWORDS_MAX;
	for (i = 0; i < nkw && !toolong; i++) {
		if (len[i] >= sizeof(one)) {
			chars = ITEM_KEYWORD_MAX + 1;
		} else {
			memcpy(one, start[i], len[i]);
			one[len[i]] = '\0';
			(void)item_utf8_len(one, &chars);
		}
		if (chars > ITEM_KEYWORD_MAX) {
			toolong = 1;
			prob(out, ITEM_F_KEYWORDS, "keywords.too_long",
			    "第 %zu 个关键词过长：最多 %d 个字", i + 1, ITEM_KEYWORD_MAX);
		}
	}
	for (i = 0; i < nkw && !dup; i++)
		for (j = i + 1; j < nkw && !dup; j++)
			if (len[i] == len[j] && memcmp(start[i], start[j], len[i]) == 0 &&
			    len[i] < sizeof(one)) {
				dup = 1;
				memcpy(one, start[i], len[i]);
				one[len[i]] = '\0';
				prob(out, ITEM_F_KEYWORDS, "keywords.duplicate",
				    "关键词“%s”重复", one);
			}
}

static void
check_indexno(const struct item_meta *m, struct item_problems *out)
{
	const char	*s = m->f[ITEM_F_INDEXNO];
	size_t		 i;

	if (s == NULL || *s == '\0')
		return;		/* generated at publication */
	if (strlen(s) > ITEM_INDEXNO_MAX) {
		prob(out, ITEM_F_INDEXNO, "indexno.too_long", "索引号过长：最多 %d 个字符",
		    ITEM_INDEXNO_MAX);
		return;
	}
	for (i = 0; s[i] != '\0'; i++)
		if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= '0' && s[i] <= '9') || s[i] == '/' || s[i] == '-' ||
		    s[i] == '_' || s[i] == '.')) {
			prob(out, ITEM_F_INDEXNO, "indexno.chars",
			    "索引号只能包含字母、数字和 / - _ . 符号（第 %zu 个字节不符合）", i + 1);
			return;
		}
}

enum gk_err
item_validate(const struct item_meta *m, const struct category_tree *tree,
    const char *today, struct item_problems *out, char *err, size_t errlen)
{
	const struct category	*cat = NULL;
	const char		*s;
	int32_t			 now, written = 0, vdate = 0;
	int			 have_written;
	char			 norm[ITEM_DOCNO_MAX * 4 + 1], why[160];
	size_t			 n;

	if (out != NULL)
		out->n = 0;
	if (m == NULL || out == NULL) {
		snprintf(err, errlen, "内部错误：缺少待校验的信息");
		return GK_EINVAL;
	}
	if (!item_date_parse(today, &now)) {
		snprintf(err, errlen, "“今天”的日期无效：%.40s", today ? today : "(空)");
		return GK_EINVAL;
	}

	check_indexno(m, out);
	(void)check_line(m, ITEM_F_TITLE, 1, ITEM_TITLE_MAX, out);

	/* Category: required, known, and a leaf of the tree. */
	if (check_line(m, ITEM_F_CATEGORY, 1, CATEGORY_PATH_MAX, out)) {
		s = m->f[ITEM_F_CATEGORY];
		if ((cat = category_find(tree, s)) == NULL)
			prob(out, ITEM_F_CATEGORY, "category.unknown", "栏目“%.60s”不存在", s);
		else if (!cat->leaf) {
			prob(out, ITEM_F_CATEGORY, "category.not_leaf",
			    "栏目“%s”下设子栏目，请选择其中一个", cat->path);
			cat = NULL;
		}
	}
	(void)check_line(m, ITEM_F_TOPIC, 0, ITEM_TOPIC_MAX, out);
	(void)check_line(m, ITEM_F_PUBLISHER, 1, ITEM_PUBLISHER_MAX, out);

	/* 文号: optional; when given, well formed. */
	if (check_line(m, ITEM_F_DOCNO, 0, ITEM_DOCNO_MAX, out) &&
	    item_docno_check(m->f[ITEM_F_DOCNO], norm, sizeof(norm), why,
	    sizeof(why)) != GK_OK)
		prob(out, ITEM_F_DOCNO, "docno.format", "%s", why);

	/* 成文日期: the catalogue's 生成日期 (条例第十二条); never in the future. */
	have_written = check_date(m, ITEM_F_WRITTEN, 1, now, out, &written);

	/* 工作动态 needs the event's end date: the 3-working-day rule counts from it. */
	{
		int32_t ev;

		(void)check_date(m, ITEM_F_EVENT_END, category_is_news(cat), now, out, &ev);
	}

	/* 有效性 and its date. */
	if ((unsigned)m->validity >= ITEM_VALIDITY__MAX)
		prob(out, ITEM_F_VALIDITY, "validity.invalid", "有效性只能是有效、失效或废止");
	else if (m->validity == ITEM_VALID) {
		s = m->f[ITEM_F_VALIDITY_DATE];
		if (s != NULL && *s != '\0')
			prob(out, ITEM_F_VALIDITY_DATE, "validity_date.unexpected",
			    "有效的信息不应填写失效/废止日期");
	} else if (check_date(m, ITEM_F_VALIDITY_DATE, m->validity == ITEM_REPEALED,
	    now, out, &vdate) && have_written && vdate < written)
		prob(out, ITEM_F_VALIDITY_DATE, "validity_date.before_written",
		    "%s日期 %s 早于成文日期 %s", item_validity_label(m->validity),
		    m->f[ITEM_F_VALIDITY_DATE], m->f[ITEM_F_WRITTEN]);

	check_keywords(m, out);

	if ((s = m->f[ITEM_F_BODY]) != NULL) {
		if ((n = strlen(s)) > ITEM_BODY_MAX)
			prob(out, ITEM_F_BODY, "body.too_long",
			    "正文过长：%zu 字节，最多 %zu 字节", n, ITEM_BODY_MAX);
		else if (!item_utf8_len(s, NULL))
			prob(out, ITEM_F_BODY, "text.utf8", "正文含有无效的字符编码（不是合法的 UTF-8）");
	}

	if (out->n > 0) {
		snprintf(err, errlen, "信息有 %zu 处问题", out->n);
		return GK_EINVAL;
	}
	return GK_OK;
}

/* The bracket pairs a 文号 may use around its year. */
static const struct {
	const char *open, *close;
} docno_br[] = {
	{ "\xe3\x80\x94", "\xe3\x80\x95" },	/* 〔〕 the standard form */
	{ "[", "]" },
	{ "\xef\xbc\xbb", "\xef\xbc\xbd" },	/* ［］ */
	{ "\xef\xbc\x88", "\xef\xbc\x89" },	/* （） */
	{ "(", ")" },
	{ "\xe3\x80\x90", "\xe3\x80\x91" },	/* 【】 */
	{ "\xef\xb9\x9d", "\xef\xb9\x9e" },	/* ﹝﹞ */
};
#define NDOCNO_BR	(sizeof(docno_br) / sizeof(docno_br[0]))
#define HAO		"\xe5\x8f\xb7"	/* 号 */
#define DI		"\xe7\xac\xac"	/* 第 */

/* Index of the bracket pair whose opening (open=1) or closing bracket starts s, or -1. */
static int
docno_bracket(const char *s, int open)
{
	size_t i, k;

	for (i = 0; i < NDOCNO_BR; i++) {
		k = strlen(open ? docno_br[i].open : docno_br[i].close);
		if (strncmp(s, open ? docno_br[i].open : docno_br[i].close, k) == 0)
			return (int)i;
	}
	return -1;
}

/* Counts ASCII digits at s. */
static size_t
ndigits(const char *s)
{
	size_t n = 0;

	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

enum gk_err
item_docno_check(const char *s, char *norm, size_t normsize, char *err, size_t errlen)
{
	const char	*p, *q, *open = NULL, *num;
	size_t		 len, nd, plen;
	int		 br = -1, cbr, year, di = 0;

	if (s == NULL || *s == '\0') {
		snprintf(err, errlen, "文号为空");
		return GK_EINVAL;
	}
	if (!item_utf8_len(s, NULL)) {
		snprintf(err, errlen, "文号含有无效的字符编码");
		return GK_EINVAL;
	}
	for (p = s; *p != '\0'; p++)
		if (*p == ' ' || *p == '\t' || (unsigned char)*p < 0x20 ||
		    strncmp(p, "\xe3\x80\x80", 3) == 0) {
			snprintf(err, errlen, "文号不应包含空格：“%.80s”", s);
			return GK_EINVAL;
		}
	len = strlen(s);
	if (len < 3 || strcmp(s + len - 3, HAO) != 0) {
		snprintf(err, errlen, "文号应以“号”结尾（如“盐边商务〔2025〕12号”）：“%.80s”", s);
		return GK_EINVAL;
	}
	for (p = s; *p != '\0'; p++)
		if ((br = docno_bracket(p, 1)) >= 0) {
			open = p;
			break;
		}
	if (open == NULL) {
		/* 令-style: 国务院令第711号. */
		for (p = s; *p != '\0'; p++)
			if (strncmp(p, DI, 3) == 0 && p > s) {
				nd = ndigits(p + 3);
				if (nd > 0 && nd <= 6 && strcmp(p + 3 + nd, HAO) == 0) {
					if (norm != NULL)
						gk_strlcpy_utf8(norm, s, normsize);
					return GK_OK;
				}
			}
		snprintf(err, errlen, "文号缺少用括号括起的年份，应如“盐边商务〔2025〕12号”：“%.80s”", s);
		return GK_EINVAL;
	}
	plen = (size_t)(open - s);
	if (plen == 0) {
		snprintf(err, errlen, "文号缺少机关代字，应如“盐边商务〔2025〕12号”：“%.80s”", s);
		return GK_EINVAL;
	}
	p = open + strlen(docno_br[br].open);
	nd = ndigits(p);
	if (nd != 4) {
		snprintf(err, errlen, "文号中的年份应为四位数字：“%.80s”", s);
		return GK_EINVAL;
	}
	year = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
	if (year < 1949 || year > 2999) {
		snprintf(err, errlen, "文号中的年份 %d 不合理：“%.80s”", year, s);
		return GK_EINVAL;
	}
	q = p + 4;
	if ((cbr = docno_bracket(q, 0)) < 0) {
		snprintf(err, errlen, "文号中年份后缺少右括号：“%.80s”", s);
		return GK_EINVAL;
	}
	if (cbr != br) {
		snprintf(err, errlen, "文号括号不配对：“%s”应与“%s”配对：“%.80s”",
		    docno_br[br].open, docno_br[br].close, s);
		return GK_EINVAL;
	}
	q += strlen(docno_br[cbr].close);
	if (strncmp(q, DI, 3) == 0) {
		di = 1;
		q += 3;
	}
	num = q;
	nd = ndigits(q);
	if (nd == 0) {
		snprintf(err, errlen, "文号缺少序号（括号后应为数字，再接“号”）：“%.80s”", s);
		return GK_EINVAL;
	}
	if (nd > 6 || strcmp(q + nd, HAO) != 0) {
		snprintf(err, errlen, "文号的序号应为 1 至 6 位数字并紧接“号”：“%.80s”", s);
		return GK_EINVAL;
	}
	if (norm != NULL && normsize > 0)
		snprintf(norm, normsize, "%.*s\xe3\x80\x94%d\xe3\x80\x95%s%.*s" HAO,
		    (int)plen, s, year, di ? DI : "", (int)nd, num);
	return GK_OK;
}

int
item_date_parse(const char *s, int32_t *days)
{
	int32_t	d;
	int	y;

	if (s == NULL || gk_date_parse(s, strlen(s), &d) != GK_OK)
		return 0;
	gk_date_ymd(d, &y, NULL, NULL);
	if (y < 1900 || y > 2999)
		return 0;
	if (days != NULL)
		*days = d;
	return 1;
}
