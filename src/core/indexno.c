/*
 * indexno.c — 索引号 patterns: compile a pattern into tokens, check it,
 * format a 索引号 from an agency's code, the date and the next sequence
 * number, and match an imported 索引号 back against the pattern. Also the
 * 统一社会信用代码 check character (GB 32100-2015), so an agency's code can
 * be verified before it goes into every 索引号.
 */
#include <stdio.h>
#include <string.h>

#include "indexno.h"

enum tok_kind { TOK_LIT, TOK_CODE, TOK_YEAR, TOK_MONTH, TOK_SEQ, TOK_CATEGORY };

#define NTOK_MAX	32
#define CAT_MAX		16

struct tok {
	enum tok_kind	 kind;
	const char	*lit;	/* TOK_LIT: points into the pattern */
	size_t		 len;	/* TOK_LIT: bytes; TOK_SEQ: width */
};

struct pat {
	struct tok	 t[NTOK_MAX];
	size_t		 n;
	unsigned	 fields;
	int		 seqwidth;
	size_t		 maxlen;	/* longest possible output */
};

static int
lit_ok(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '/' || c == '-' || c == '_' || c == '.';
}

static int
code_ok(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static int
cat_ok(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
}

static int
variable(enum tok_kind k)
{
	return k == TOK_CODE || k == TOK_CATEGORY;
}

static enum gk_err
compile(const char *p0, struct pat *pt, char *err, size_t errlen)
{
	const char	*p = p0, *q;
	struct tok	*t;
	size_t		 nlen, i;
	int		 w;

	memset(pt, 0, sizeof(*pt));
	if (p0 == NULL || *p0 == '\0') {
		snprintf(err, errlen, "索引号规则为空");
		return GK_EINVAL;
	}
	if (strlen(p0) > INDEXNO_PATTERN_MAX) {
		snprintf(err, errlen, "索引号规则过长：最多 %d 个字符", INDEXNO_PATTERN_MAX);
		return GK_ELIMIT;
	}
	while (*p != '\0') {
		if (pt->n == NTOK_MAX) {
			snprintf(err, errlen, "索引号规则的组成部分过多（最多 %d 个）", NTOK_MAX);
			return GK_ELIMIT;
		}
		t = &pt->t[pt->n];
		if (*p == '}') {
			snprintf(err, errlen, "索引号规则第 %zu 个字符处有多余的“}”",
			    (size_t)(p - p0) + 1);
			return GK_EINVAL;
		}
		if (*p != '{') {
			if (!lit_ok(*p)) {
				snprintf(err, errlen, "索引号规则第 %zu 个字符不可用：固定文字只能是字母、"
				    "数字和 / - _ .", (size_t)(p - p0) + 1);
				return GK_EINVAL;
			}
			/* Adjacent literal characters form one token. */
			if (pt->n > 0 && pt->t[pt->n - 1].kind == TOK_LIT) {
				pt->t[pt->n - 1].len++;
				pt->maxlen++;
				p++;
				continue;
			}
			t->kind = TOK_LIT;
			t->lit = p++;
			t->len = 1;
			pt->maxlen++;
			pt->n++;
			continue;
		}
		for (q = p + 1; *q != '\0' && *q != '}' && *q != '{'; q++)
			continue;
		if (*q != '}') {
			snprintf(err, errlen, "索引号规则第 %zu 个字符处的“{”没有对应的“}”",
			    (size_t)(p - p0) + 1);
			return GK_EINVAL;
		}
		nlen = (size_t)(q - p - 1);
		if (nlen == 4 && strncmp(p + 1, "code", 4) == 0) {
			t->kind = TOK_CODE;
			pt->maxlen += INDEXNO_CODE_MAX;
			pt->fields |= INDEXNO_F_CODE;
		} else if (nlen == 4 && strncmp(p + 1, "year", 4) == 0) {
			t->kind = TOK_YEAR;
			pt->maxlen += 4;
			pt->fields |= INDEXNO_F_YEAR;
		} else if (nlen == 5 && strncmp(p + 1, "month", 5) == 0) {
			t->kind = TOK_MONTH;
			pt->maxlen += 2;
			pt->fields |= INDEXNO_F_MONTH;
		} else if (nlen == 8 && strncmp(p + 1, "category", 8) == 0) {
			t->kind = TOK_CATEGORY;
			pt->maxlen += CAT_MAX;
			pt->fields |= INDEXNO_F_CATEGORY;
		} else if (nlen >= 3 && strncmp(p + 1, "seq", 3) == 0) {
			if (pt->fields & INDEXNO_F_SEQ) {
				snprintf(err, errlen, "索引号规则只能有一个序号占位符 {seq:N}"
				    "（第 %zu 个字符处是第二个）", (size_t)(p - p0) + 1);
				return GK_EINVAL;
			}
			if (nlen == 3 || p[4] != ':' || nlen < 5 || nlen > 6) {
				snprintf(err, errlen, "序号占位符须写明位数，如 {seq:5}"
				    "（第 %zu 个字符处）", (size_t)(p - p0) + 1);
				return GK_EINVAL;
			}
			w = 0;
			for (i = 5; i <= nlen; i++) {
				if (p[i] < '0' || p[i] > '9') {
					w = -1;
					break;
				}
				w = w * 10 + (p[i] - '0');
			}
			if (w < 1 || w > INDEXNO_SEQ_WIDTH_MAX) {
				snprintf(err, errlen, "序号位数须为 1 至 %d 的整数，如 {seq:5}"
				    "（第 %zu 个字符处）", INDEXNO_SEQ_WIDTH_MAX,
				    (size_t)(p - p0) + 1);
				return GK_EINVAL;
			}
			t->kind = TOK_SEQ;
			t->len = (size_t)w;
			pt->seqwidth = w;
			pt->maxlen += (size_t)w;
			pt->fields |= INDEXNO_F_SEQ;
		} else {
			snprintf(err, errlen, "索引号规则第 %zu 个字符处有未知的占位符“{%.*s}”；"
			    "可用的占位符：{code} {year} {month} {seq:N} {category}",
			    (size_t)(p - p0) + 1, (int)(nlen > 40 ? 40 : nlen), p + 1);
			return GK_EINVAL;
		}
		if (pt->n > 0 && variable(t->kind) && variable(pt->t[pt->n - 1].kind)) {
			snprintf(err, errlen, "索引号规则第 %zu 个字符处：{code} 与 {category} "
			    "等长度不定的部分之间须有分隔文字", (size_t)(p - p0) + 1);
			return GK_EINVAL;
		}
		pt->n++;
		p = q + 1;
	}
	if (!(pt->fields & INDEXNO_F_SEQ)) {
		snprintf(err, errlen, "索引号规则缺少序号占位符 {seq:N}，无法保证索引号唯一");
		return GK_EINVAL;
	}
	if (pt->maxlen > INDEXNO_MAX) {
		snprintf(err, errlen, "按此规则生成的索引号最长可达 %zu 个字符，超过上限 %d",
		    pt->maxlen, INDEXNO_MAX);
		return GK_ELIMIT;
	}
	return GK_OK;
}

enum gk_err
indexno_pattern_check(const char *pattern, char *err, size_t errlen)
{
	struct pat pt;

	return compile(pattern, &pt, err, errlen);
}

enum gk_err
indexno_pattern_fields(const char *pattern, unsigned *fields, int *seqwidth)
{
	struct pat	pt;
	char		err[8];
	enum gk_err	e;

	if ((e = compile(pattern, &pt, err, sizeof(err))) != GK_OK)
		return e;
	if (fields != NULL)
		*fields = pt.fields;
	if (seqwidth != NULL)
		*seqwidth = pt.seqwidth;
	return GK_OK;
}

static int
all_of(const char *s, int (*ok)(char), size_t max)
{
	size_t n;

	if (s == NULL)
		return 0;
	for (n = 0; s[n] != '\0'; n++)
		if (n >= max || !ok(s[n]))
			return 0;
	return n > 0;
}

enum gk_err
indexno_format(const char *pattern, const struct indexno_fields *f, char *out,
    size_t outsize, char *err, size_t errlen)
{
	struct pat	 pt;
	enum gk_err	 e;
	size_t		 i, len = 0, k;
	int64_t		 lim;
	int		 w;
	char		 piece[INDEXNO_CODE_MAX + 24];

	if (out != NULL && outsize > 0)
		out[0] = '\0';
	if (out == NULL || outsize == 0 || f == NULL) {
		snprintf(err, errlen, "内部错误：缺少输出缓冲区或字段");
		return GK_EINVAL;
	}
	if ((e = compile(pattern, &pt, err, errlen)) != GK_OK)
		return e;
	if ((pt.fields & INDEXNO_F_CODE) && !all_of(f->code, code_ok, INDEXNO_CODE_MAX)) {
		snprintf(err, errlen, "机构代码“%.40s”无效：应为 1 至 %d 位数字或大写字母",
		    f->code ? f->code : "", INDEXNO_CODE_MAX);
		return GK_EINVAL;
	}
	if ((pt.fields & INDEXNO_F_YEAR) && (f->year < 1000 || f->year > 9999)) {
		snprintf(err, errlen, "年份 %d 无效", f->year);
		return GK_EINVAL;
	}
	if ((pt.fields & INDEXNO_F_MONTH) && (f->month < 1 || f->month > 12)) {
		snprintf(err, errlen, "月份 %d 无效", f->month);
		return GK_EINVAL;
	}
	if ((pt.fields & INDEXNO_F_CATEGORY) && !all_of(f->category, cat_ok, CAT_MAX)) {
		snprintf(err, errlen, "栏目代码“%.40s”无效：应为 1 至 %d 位小写字母、数字或“-”",
		    f->category ? f->category : "", CAT_MAX);
		return GK_EINVAL;
	}
	if (f->seq < 1) {
		snprintf(err, errlen, "序号 %lld 无效：序号从 1 开始", (long long)f->seq);
		return GK_EINVAL;
	}
	for (lim = 1, w = 0; w < pt.seqwidth; w++)
		lim *= 10;
	if (f->seq >= lim) {
		snprintf(err, errlen, "序号 %lld 超出 %d 位，已用尽本规则的序号（最大 %lld）",
		    (long long)f->seq, pt.seqwidth, (long long)(lim - 1));
		return GK_ELIMIT;
	}
	for (i = 0; i < pt.n; i++) {
		switch (pt.t[i].kind) {
		case TOK_LIT:
			k = pt.t[i].len < sizeof(piece) - 1 ? pt.t[i].len : sizeof(piece) - 1;
			memcpy(piece, pt.t[i].lit, k);
			piece[k] = '\0';
			if (k != pt.t[i].len) {
				/* A literal longer than piece: append it directly. */
				if (len + pt.t[i].len >= outsize || len + pt.t[i].len > INDEXNO_MAX)
					goto toolong;
				memcpy(out + len, pt.t[i].lit, pt.t[i].len);
				len += pt.t[i].len;
				out[len] = '\0';
				continue;
			}
			break;
		case TOK_CODE:
			snprintf(piece, sizeof(piece), "%s", f->code);
			break;
		case TOK_YEAR:
			snprintf(piece, sizeof(piece), "%04d", f->year);
			break;
		case TOK_MONTH:
			snprintf(piece, sizeof(piece), "%02d", f->month);
			break;
		case TOK_SEQ:
			snprintf(piece, sizeof(piece), "%0*lld", pt.seqwidth, (long long)f->seq);
			break;
		case TOK_CATEGORY:
			snprintf(piece, sizeof(piece), "%s", f->category);
			break;
		}
		k = strlen(piece);
		if (len + k >= outsize || len + k > INDEXNO_MAX)
			goto toolong;
		memcpy(out + len, piece, k + 1);
		len += k;
	}
	return GK_OK;
toolong:
	out[0] = '\0';
	snprintf(err, errlen, "生成的索引号过长（上限 %d 个字符）",
	    outsize - 1 < INDEXNO_MAX ? (int)(outsize - 1) : INDEXNO_MAX);
	return GK_ELIMIT;
}

/* Parse state: which fields are already bound (a placeholder may repeat). */
struct bind {
	struct indexno_parsed	 v;
	unsigned		 set;
};

static int
num(const char *s, size_t n, int64_t *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static int
bind_int(struct bind *b, unsigned bit, int64_t v, int64_t *slot)
{
	if ((b->set & bit) && *slot != v)
		return 0;
	*slot = v;
	b->set |= bit;
	return 1;
}

static int
bind_str(struct bind *b, unsigned bit, const char *s, size_t n, char *slot, size_t size)
{
	if (n >= size)
		return 0;
	if (b->set & bit)
		return strlen(slot) == n && memcmp(slot, s, n) == 0;
	memcpy(slot, s, n);
	slot[n] = '\0';
	b->set |= bit;
	return 1;
}

/* Matches tokens i.. against s; 1 on a full match (b holds the values). */
static int
match(const struct pat *pt, size_t i, const char *s, struct bind *b)
{
	const struct tok	*t;
	struct bind		 save;
	int64_t			 v, year, month;
	size_t			 n, k, max;
	int			 (*ok)(char);

	if (i == pt->n)
		return *s == '\0';
	t = &pt->t[i];
	n = strlen(s);
	switch (t->kind) {
	case TOK_LIT:
		return n >= t->len && memcmp(s, t->lit, t->len) == 0 &&
		    match(pt, i + 1, s + t->len, b);
	case TOK_YEAR:
		year = b->v.year;
		if (n < 4 || !num(s, 4, &v) || v < 1000 || !bind_int(b, INDEXNO_F_YEAR, v, &year))
			return 0;
		b->v.year = (int)year;
		return match(pt, i + 1, s + 4, b);
	case TOK_MONTH:
		month = b->v.month;
		if (n < 2 || !num(s, 2, &v) || v < 1 || v > 12 ||
		    !bind_int(b, INDEXNO_F_MONTH, v, &month))
			return 0;
		b->v.month = (int)month;
		return match(pt, i + 1, s + 2, b);
	case TOK_SEQ:
		if (n < t->len || !num(s, t->len, &v) || v < 1)
			return 0;
		b->v.seq = v;
		b->set |= INDEXNO_F_SEQ;
		return match(pt, i + 1, s + t->len, b);
	case TOK_CODE:
	case TOK_CATEGORY:
		ok = t->kind == TOK_CODE ? code_ok : cat_ok;
		max = t->kind == TOK_CODE ? INDEXNO_CODE_MAX : CAT_MAX;
		for (k = 0; k < n && k < max && ok(s[k]); k++)
			continue;
		for (; k > 0; k--) {
			save = *b;
			if ((t->kind == TOK_CODE ?
			    bind_str(b, INDEXNO_F_CODE, s, k, b->v.code, sizeof(b->v.code)) :
			    bind_str(b, INDEXNO_F_CATEGORY, s, k, b->v.category,
			    sizeof(b->v.category))) && match(pt, i + 1, s + k, b))
				return 1;
			*b = save;
		}
		return 0;
	}
	return 0;
}

enum gk_err
indexno_parse(const char *pattern, const char *indexno, struct indexno_parsed *out,
    char *err, size_t errlen)
{
	struct pat	pt;
	struct bind	b;
	enum gk_err	e;

	if (out != NULL)
		memset(out, 0, sizeof(*out));
	if (out == NULL || indexno == NULL) {
		snprintf(err, errlen, "内部错误：缺少索引号");
		return GK_EINVAL;
	}
	if ((e = compile(pattern, &pt, err, errlen)) != GK_OK)
		return e;
	if (strlen(indexno) > INDEXNO_MAX) {
		snprintf(err, errlen, "索引号过长（上限 %d 个字符）", INDEXNO_MAX);
		return GK_EINVAL;
	}
	memset(&b, 0, sizeof(b));
	if (!match(&pt, 0, indexno, &b)) {
		snprintf(err, errlen, "索引号“%.64s”不符合规则“%.64s”", indexno, pattern);
		return GK_EINVAL;
	}
	*out = b.v;
	return GK_OK;
}

