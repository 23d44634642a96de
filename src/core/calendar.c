/*
 * calendar.c — the working-day calendar behind every statutory deadline:
 * civil-date arithmetic, the strict reader and writer of the holiday table
 * (data/cn-holidays.tsv, legal.md §6), and the working-day queries used by
 * timeliness.c and, later, the application clock (条例第三十三条).
 * Pure logic: no files, no clocks; see calendar.h for the rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"

static const char *const issue_ids[CALENDAR_E__MAX] = {
	"CAL-FIELDS", "CAL-DATE", "CAL-KIND", "CAL-NAME", "CAL-WORKDAY", "CAL-CONFLICT",
	"CAL-NUL",
};

const char *
calendar_issue_id(enum calendar_issue_code c)
{
	return (unsigned)c < CALENDAR_E__MAX ? issue_ids[c] : "CAL-?";
}

const char *
calendar_kind_name(enum calendar_kind k)
{
	return k == CALENDAR_WORK ? "work" : "off";
}

const char *
calendar_kind_cn(enum calendar_kind k)
{
	return k == CALENDAR_WORK ? "调休上班" : "放假";
}

static int
date_year(int32_t days)
{
	int y;

	gk_date_ymd(days, &y, NULL, NULL);
	return y;
}

/* ---- names and messages ---- */

/* Length of the valid UTF-8 sequence at p (at most n bytes), or 0. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t k, i;
	unsigned long cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) {
		k = 2;
		cp = p[0] & 0x1F;
	} else if (p[0] >= 0xE0 && p[0] <= 0xEF) {
		k = 3;
		cp = p[0] & 0x0F;
	} else if (p[0] >= 0xF0 && p[0] <= 0xF4) {
		k = 4;
		cp = p[0] & 0x07;
	} else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3F);
	}
	if ((k == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
	    (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)))
		return 0;
	return k;
}

/* NULL when the name is acceptable, else what is wrong with it. */
static const char *
name_problem(const char *s, size_t len)
{
	size_t i, k;

	if (len == 0)
		return "名称为空";
	if (len >= CALENDAR_NAME_MAX)
		return "名称过长（不超过 255 字节）";
	for (i = 0; i < len; i += k) {
		const unsigned char *p = (const unsigned char *)s + i;

		if (*p < 0x20 || *p == 0x7F)
			return "名称含有控制字符";
		if ((k = utf8_seq(p, len - i)) == 0)
			return "名称不是有效的 UTF-8 文本";
	}
	return NULL;
}

/*
 * Copies at most about 40 bytes of an input field into dst for a message:
 * valid printable UTF-8 as is, anything else as \xNN, cut with "…".
 */
static void
quote_field(char *dst, size_t dstsize, const char *s, size_t len)
{
	size_t i = 0, o = 0, k;

	while (i < len && o + 8 < dstsize) {
		const unsigned char *p = (const unsigned char *)s + i;

		if (o >= 40) {
			memcpy(dst + o, "…", 3);
			o += 3;
			break;
		}
		if (*p >= 0x20 && *p != 0x7F && (k = utf8_seq(p, len - i)) != 0) {
			memcpy(dst + o, p, k);
			o += k;
			i += k;
		} else {
			snprintf(dst + o, dstsize - o, "\\x%02X", *p);
			o += 4;
			i++;
		}
	}
	dst[o] = '\0';
}

/* ---- the table ---- */

void
calendar_clear(struct calendar *cal)
{
	size_t i;

	if (cal == NULL)
		return;
	for (i = 0; i < cal->n; i++) {
		gk_free(cal->v[i].name);
		gk_free(cal->v[i].pre);
	}
	gk_free(cal->v);
	gk_free(cal->head);
	gk_free(cal->tail);
	memset(cal, 0, sizeof(*cal));
}

static enum gk_err
grow(struct calendar *cal)
{
	struct calendar_entry *nv;
	size_t ncap;

	if (cal->n < cal->cap)
		return GK_OK;
	ncap = cal->cap ? cal->cap * 2 : 64;
	if ((nv = gk_realloc(cal->v, ncap * sizeof(*nv))) == NULL)
		return GK_ENOMEM;
	cal->v = nv;
	cal->cap = ncap;
	return GK_OK;
}

/* Index of the first entry dated on or after date. */
static size_t
lower_bound(const struct calendar *cal, int32_t date)
{
	size_t lo = 0, hi = cal->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cal->v[mid].date < date)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct calendar_entry *
calendar_lookup(const struct calendar *cal, int32_t date)
{
	size_t i = lower_bound(cal, date);

	return i < cal->n && cal->v[i].date == date ? &cal->v[i] : NULL;
}

int
calendar_covers(const struct calendar *cal, int year)
{
	int32_t lo, hi;
	size_t i;

	if (gk_date_from_ymd(year, 1, 1, &lo) != GK_OK ||
	    gk_date_from_ymd(year, 11, 30, &hi) != GK_OK)
		return 0;
	i = lower_bound(cal, lo);
	return i < cal->n && cal->v[i].date <= hi;
}

size_t
calendar_years(const struct calendar *cal, int *years, size_t max)
{
	size_t i, n = 0;
	int last = 0, y, m;

	for (i = 0; i < cal->n; i++) {
		gk_date_ymd(cal->v[i].date, &y, &m, NULL);
		if (m > 11 || y == last)
			continue;
		if (n < max)
			years[n] = y;
		n++;
		last = y;
	}
	return n;
}

static void
add_issue(struct calendar_issues *is, size_t line, enum calendar_issue_code code,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
add_issue(struct calendar_issues *is, size_t line, enum calendar_issue_code code,
    const char *fmt, ...)
{
	va_list ap;

	is->total++;
	if (is->n >= CALENDAR_MAX_ISSUES)
		return;
	is->v[is->n].line = line;
	is->v[is->n].code = code;
	va_start(ap, fmt);
	vsnprintf(is->v[is->n].msg, sizeof(is->v[is->n].msg), fmt, ap);
	va_end(ap);
	is->n++;
}

static int
cmp_entry(const void *a, const void *b)
{
	const struct calendar_entry *x = a, *y = b;

	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

static int
cmp_issue(const void *a, const void *b)
{
	const struct calendar_issue *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return (int)x->code - (int)y->code;
}

/*
 * Appends the owned string more to the owned string *dst. On success more is
 * consumed; on failure both are left as they were.
 */
static enum gk_err
join_pre(char **dst, char *more)
{
	size_t a, b;
	char *p;

	if (more == NULL)
		return GK_OK;
	if (*dst == NULL) {
		*dst = more;
		return GK_OK;
	}
	a = strlen(*dst);
	b = strlen(more);
	if ((p = gk_realloc(*dst, a + b + 1)) == NULL)
		return GK_ENOMEM;
	memcpy(p + a, more, b + 1);
	*dst = p;
	gk_free(more);
	return GK_OK;
}

/* Parses one data line (no newline); on success appends the entry. */
static enum gk_err
parse_line(struct calendar *cal, struct calendar_issues *is, size_t ln,
    const char *s, size_t len, struct gk_buf *pending)
{
	const char *f[3], *t;
	size_t fl[3], nf = 0, pos = 0;
	char q[64];
	const char *why;
	int32_t date = 0;
	int ok = 1, kind = -1;
	enum gk_err e;

	/* Split on tabs: exactly three fields. */
	for (;;) {
		t = memchr(s + pos, '\t', len - pos);
		if (nf < 3) {
			f[nf] = s + pos;
			fl[nf] = t ? (size_t)(t - (s + pos)) : len - pos;
		}
		nf++;
		if (t == NULL)
			break;
		pos = (size_t)(t - s) + 1;
	}
	if (nf != 3) {
		add_issue(is, ln, CALENDAR_E_FIELDS,
		    "应为三列（日期、off/work、名称），以制表符分隔，实为 %zu 列", nf);
		return GK_OK;
	}
	if (gk_date_parse(f[0], fl[0], &date) != GK_OK) {
		quote_field(q, sizeof(q), f[0], fl[0]);
		add_issue(is, ln, CALENDAR_E_DATE,
		    "日期“%s”无效，应为 YYYY-MM-DD 格式的真实日期", q);
		ok = 0;
	}
	if (fl[1] == 3 && memcmp(f[1], "off", 3) == 0)
		kind = CALENDAR_OFF;
	else if (fl[1] == 4 && memcmp(f[1], "work", 4) == 0)
		kind = CALENDAR_WORK;
	else {
		quote_field(q, sizeof(q), f[1], fl[1]);
		add_issue(is, ln, CALENDAR_E_KIND, "类型“%s”无效，应为 off 或 work", q);
		ok = 0;
	}
	if ((why = name_problem(f[2], fl[2])) != NULL) {
		add_issue(is, ln, CALENDAR_E_NAME, "%s", why);
		ok = 0;
	}
	if (ok && kind == CALENDAR_WORK && gk_date_weekday(date) <= 5) {
		char ds[GK_DATE_LEN];

		gk_date_format(date, ds);
		add_issue(is, ln, CALENDAR_E_WORKDAY,
		    "%s 是%s，本来就是工作日；work（调休上班）只能用于周六或周日",
		    ds, gk_date_weekday_cn(date));
		ok = 0;
	}
	if (!ok)
		return GK_OK;
	if ((e = grow(cal)) != GK_OK)
		return e;
	memset(&cal->v[cal->n], 0, sizeof(cal->v[0]));
	if ((cal->v[cal->n].name = gk_strndup(f[2], fl[2])) == NULL)
		return GK_ENOMEM;
	if (pending->len > 0 &&
	    (cal->v[cal->n].pre = gk_buf_take(pending, NULL)) == NULL) {
		gk_free(cal->v[cal->n].name);
		return GK_ENOMEM;
	}
	gk_buf_clear(pending);
	cal->v[cal->n].date = date;
	cal->v[cal->n].kind = (enum calendar_kind)kind;
	cal->v[cal->n].line = ln;
	cal->n++;
	return GK_OK;
}

/* Sorts by date and merges duplicates; conflicting kinds become issues. */
static enum gk_err
sort_merge(struct calendar *cal, struct calendar_issues *is)
{
	enum gk_err e = GK_OK;
	size_t i, o;

	if (cal->n == 0)
		return GK_OK;
	qsort(cal->v, cal->n, sizeof(cal->v[0]), cmp_entry);
	for (i = 1, o = 0; i < cal->n; i++) {
		struct calendar_entry *keep = &cal->v[o], *x = &cal->v[i];

		if (x->date != keep->date) {
			cal->v[++o] = *x;
			continue;
		}
		if (x->kind != keep->kind) {
			char ds[GK_DATE_LEN];

			gk_date_format(x->date, ds);
			add_issue(is, x->line, CALENDAR_E_CONFLICT,
			    "%s 已在第 %zu 行列为 %s，此处又列为 %s，类型矛盾",
			    ds, keep->line, calendar_kind_name(keep->kind),
			    calendar_kind_name(x->kind));
		}
		/* Same date, same kind: the first line stands; keep the comments. */
		gk_free(x->name);
		x->name = NULL;
		if (join_pre(&keep->pre, x->pre) != GK_OK) {
			gk_free(x->pre);
			e = GK_ENOMEM;
		}
		x->pre = NULL;
	}
	cal->n = o + 1;
	return e;
}

enum gk_err
calendar_parse(const char *buf, size_t len, struct calendar *cal,
    struct calendar_issues *is)
{
	struct gk_buf	 pending;
	size_t		 pos = 0, ln = 0;
	enum gk_err	 e = GK_OK;
	int		 seen_data = 0;

	memset(cal, 0, sizeof(*cal));
	is->n = is->total = 0;
	if (len > CALENDAR_MAX_INPUT)
		return GK_ELIMIT;
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	gk_buf_init(&pending, CALENDAR_MAX_INPUT + 16);
	while (pos < len && e == GK_OK) {
		const char *s = buf + pos, *nl = memchr(s, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - s) : len - pos, k;

		pos += l + (nl != NULL);
		ln++;
		while (l > 0 && s[l - 1] == '\r')	/* CRLF (and stray CRs) */
			l--;
		if (memchr(s, '\0', l) != NULL) {
			add_issue(is, ln, CALENDAR_E_NUL, "含有空字符（NUL），不是文本");
			seen_data = 1;
			continue;
		}
		for (k = 0; k < l && (s[k] == ' ' || s[k] == '\t'); k++)
			;
		if (k == l || s[0] == '#') {
			gk_buf_append(&pending, s, l);
			gk_buf_putc(&pending, '\n');
			e = pending.err;
			continue;
		}
		/* The comments above the first data line are the file's head. */
		if (!seen_data++ && pending.len > 0 &&
		    (cal->head = gk_buf_take(&pending, NULL)) == NULL) {
			e = GK_ENOMEM;
			break;
		}
		e = parse_line(cal, is, ln, s, l, &pending);
	}
	if (e == GK_OK)
		e = sort_merge(cal, is);
	if (e == GK_OK && pending.len > 0 &&
	    (cal->tail = gk_buf_take(&pending, NULL)) == NULL)
		e = GK_ENOMEM;
	gk_buf_clear(&pending);
	if (e == GK_OK && is->total > 0) {
		qsort(is->v, is->n, sizeof(is->v[0]), cmp_issue);
		e = GK_EINVAL;
	}
	if (e != GK_OK)
		calendar_clear(cal);
	return e;
}

enum gk_err
calendar_load(const char *buf, size_t len, struct calendar *cal, char *err,
    size_t errlen)
{
	struct calendar_issues	*is;
	enum gk_err		 e;
	size_t			 i, o = 0;
	int			 w;

	if (errlen)
		err[0] = '\0';
	if ((is = gk_malloc(sizeof(*is))) == NULL) {
		memset(cal, 0, sizeof(*cal));
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	e = calendar_parse(buf, len, cal, is);
	if (e == GK_ELIMIT)
		snprintf(err, errlen, "日历文件过大（超过 %zu 字节）", CALENDAR_MAX_INPUT);
	else if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	else if (e == GK_EINVAL) {
		for (i = 0; i < is->n && o < errlen; i++) {
			w = snprintf(err + o, errlen - o, "%s第%zu行：%s",
			    i ? "\n" : "", is->v[i].line, is->v[i].msg);
			if (w < 0 || (size_t)w >= errlen - o)
				break;
			o += (size_t)w;
		}
		if (i < is->total && o < errlen)
			snprintf(err + o, errlen - o, "\n……共 %zu 处错误", is->total);
	}
	gk_free(is);
	return e;
}

/* ---- queries ---- */

static enum gk_err
not_covered(const struct calendar *cal, int32_t date, char *err, size_t errlen)
{
	char ds[GK_DATE_LEN], have[64] = "没有任何年份";
	int yrs[2];
	size_t n;
	int y = date_year(date);

	gk_date_format(date, ds);
	n = calendar_years(cal, yrs, 1);
	if (n > 0) {
		int last = 0, m;
		size_t i;

		for (i = cal->n; i-- > 0;) {
			gk_date_ymd(cal->v[i].date, &last, &m, NULL);
			if (m <= 11)
				break;
		}
		if (n == 1)
			snprintf(have, sizeof(have), "%d 年", yrs[0]);
		else if ((long)n == (long)last - yrs[0] + 1)
			snprintf(have, sizeof(have), "%d—%d 年", yrs[0], last);
		else
			snprintf(have, sizeof(have), "%d—%d 年中的 %zu 个年份", yrs[0], last, n);
	}
	if (y < 1 || y > 9999)
		snprintf(err, errlen, "日期超出可计算的范围（%s 之后）", ds);
	else
		snprintf(err, errlen,
		    "日历数据未覆盖 %d 年（%s），不能判断工作日；现有数据覆盖%s。"
		    "请先录入国务院办公厅关于 %d 年部分节假日安排的通知",
		    y, ds, have, y);
	return GK_ENOTFOUND;
}

/* Whether a date in a covered year is a working day. */
static int
workday(const struct calendar *cal, int32_t date)
{
	const struct calendar_entry *e = calendar_lookup(cal, date);

	if (e != NULL)
		return e->kind == CALENDAR_WORK;
	return gk_date_weekday(date) <= 5;
}

enum gk_err
calendar_is_workday(const struct calendar *cal, int32_t date, int *out,
    char *err, size_t errlen)
{
	if (errlen)
		err[0] = '\0';
	if (date == GK_DATE_NONE || !calendar_covers(cal, date_year(date)))
		return not_covered(cal, date, err, errlen);
	*out = workday(cal, date);
	return GK_OK;
}

enum gk_err
calendar_add_workdays(const struct calendar *cal, int32_t date, int n,
    int32_t *out, char *err, size_t errlen)
{
	int32_t d = date;
	int year, y;

	if (errlen)
		err[0] = '\0';
	if (n < 0 || n > CALENDAR_MAX_N) {
		snprintf(err, errlen, "工作日数 %d 无效，应在 0 到 %d 之间", n, CALENDAR_MAX_N);
		return GK_EINVAL;
	}
	if (date == GK_DATE_NONE || !calendar_covers(cal, year = date_year(date)))
		return not_covered(cal, date, err, errlen);
	/*
	 * Counting convention (legal.md §1, "What the 条例 does not settle"):
	 * "within N working days of D" ends with the N-th working day after D;
	 * D itself is not counted, whether or not it is a working day.
	 */
	while (n > 0) {
		d++;
		if ((y = date_year(d)) != year) {
			if (!calendar_covers(cal, y))
				return not_covered(cal, d, err, errlen);
			year = y;
		}
		if (workday(cal, d))
			n--;
	}
	*out = d;
	return GK_OK;
}

enum gk_err
calendar_workdays_between(const struct calendar *cal, int32_t d1, int32_t d2,
    long *n, char *err, size_t errlen)
{
	int32_t lo, hi, d;
	long count = 0;
	int year, y;

	if (errlen)
		err[0] = '\0';
	if (d1 == GK_DATE_NONE || d2 == GK_DATE_NONE)
		return not_covered(cal, GK_DATE_NONE, err, errlen);
	lo = d1 < d2 ? d1 : d2;
	hi = d1 < d2 ? d2 : d1;
	if ((long)hi - (long)lo > 40000) {
		snprintf(err, errlen, "两个日期相隔超过 40000 天");
		return GK_ELIMIT;
	}
	if (!calendar_covers(cal, year = date_year(lo)))
		return not_covered(cal, lo, err, errlen);
	for (d = lo; d < hi;) {
		d++;
		if ((y = date_year(d)) != year) {
			if (!calendar_covers(cal, y))
				return not_covered(cal, d, err, errlen);
			year = y;
		}
		count += workday(cal, d);
	}
	*n = d1 <= d2 ? count : -count;
	return GK_OK;
}

/* ---- editing and writing ---- */

enum gk_err
calendar_set(struct calendar *cal, int32_t date, enum calendar_kind kind,
    const char *name, char *err, size_t errlen)
{
	struct calendar_entry *x;
	const char *why;
	char ds[GK_DATE_LEN], *nm;
	size_t i;
	int y;

	if (errlen)
		err[0] = '\0';
	gk_date_format(date, ds);
	y = date == GK_DATE_NONE ? 0 : date_year(date);
	if (y < 1 || y > 9999) {
		snprintf(err, errlen, "日期无效");
		return GK_EINVAL;
	}
	if ((unsigned)kind >= CALENDAR_KIND__MAX) {
		snprintf(err, errlen, "类型无效，应为 off 或 work");
		return GK_EINVAL;
	}
	if (name == NULL || (why = name_problem(name, strlen(name))) != NULL) {
		snprintf(err, errlen, "%s", name ? why : "名称为空");
		return GK_EINVAL;
	}
	if (kind == CALENDAR_WORK && gk_date_weekday(date) <= 5) {
		snprintf(err, errlen, "%s 是%s，本来就是工作日；work（调休上班）只能用于周六或周日",
		    ds, gk_date_weekday_cn(date));
		return GK_EINVAL;
	}
	if ((nm = gk_strdup(name)) == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	i = lower_bound(cal, date);
	if (i < cal->n && cal->v[i].date == date) {
		gk_free(cal->v[i].name);
		cal->v[i].name = nm;
		cal->v[i].kind = kind;
		return GK_OK;
	}
	if (grow(cal) != GK_OK) {
		gk_free(nm);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	memmove(&cal->v[i + 1], &cal->v[i], (cal->n - i) * sizeof(cal->v[0]));
	x = &cal->v[i];
	memset(x, 0, sizeof(*x));
	x->date = date;
	x->kind = kind;
	x->name = nm;
	cal->n++;
	return GK_OK;
}

enum gk_err
calendar_unset(struct calendar *cal, int32_t date, char *err, size_t errlen)
{
	size_t i = lower_bound(cal, date);
	char ds[GK_DATE_LEN];
	char *pre;

	if (errlen)
		err[0] = '\0';
	if (i >= cal->n || cal->v[i].date != date) {
		gk_date_format(date, ds);
		snprintf(err, errlen, "日历中没有 %s", ds);
		return GK_ENOTFOUND;
	}
	/* The removed line's comments stay, before whatever follows it. */
	if ((pre = cal->v[i].pre) != NULL) {
		char **dst = i + 1 < cal->n ? &cal->v[i + 1].pre : &cal->tail;
		char *rest = *dst;

		*dst = pre;
		if (join_pre(dst, rest) != GK_OK) {
			*dst = rest;
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		cal->v[i].pre = NULL;
	}
	gk_free(cal->v[i].name);
	memmove(&cal->v[i], &cal->v[i + 1], (cal->n - i - 1) * sizeof(cal->v[0]));
	cal->n--;
	return GK_OK;
}

enum gk_err
calendar_format(const struct calendar *cal, struct gk_buf *b)
{
	char ds[GK_DATE_LEN];
	size_t i;

	if (cal->head)
		gk_buf_puts(b, cal->head);
	for (i = 0; i < cal->n; i++) {
		const struct calendar_entry *x = &cal->v[i];

		if (x->pre)
			gk_buf_puts(b, x->pre);
		gk_date_format(x->date, ds);
		gk_buf_printf(b, "%s\t%s\t%s\n", ds, calendar_kind_name(x->kind), x->name);
	}
	if (cal->tail)
		gk_buf_puts(b, cal->tail);
	return b->err;
}
