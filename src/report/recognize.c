/*
 * recognize.c — finding the annual report in a document's rows (rows.h),
 * whatever format they came from: the title, the narrative sections, and
 * the tables of sections 二, 三 and 四 in the 2021 or the 2019 template.
 *
 * Labels are compared after normalisation (full-width forms folded, spaces
 * and quotes dropped, "1、" read as "1."), so the verbatim template labels
 * match the many ways published reports print them; a label split over
 * several cells ("(三)" | "不予公开") or lines is joined. Values are taken
 * by position where the format keeps positions (grid tables, the seed's
 * tab layout); where it does not (runs of spaces, one cell per line) and a
 * row has fewer values than columns, the cells are reported unreadable
 * rather than guessed.
 */
#include <stdio.h>
#include <string.h>

#include "report/rows.h"

#define NONE		((size_t)-1)
#define S3_MIN_ROWS	8	/* rows of table 三 that must be found for it to count */
#define MAXTOK		128
#define NORM_MAX	512

struct tok {
	const char	*s;
	size_t		 len;
	int		 span;
};

static int has_sub(const char *, size_t, const char *);

struct rec {
	const struct rr_doc	*d;
	struct gk_report	*r;
	size_t			 sec[7];	/* row of heading 1..6, or NONE */
	char			*err;
	size_t			 errlen;
};

/* ---- text helpers ---- */

static size_t
u8dec(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (s[0] < 0x80 || len < 2) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && len >= 3) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) | ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && len >= 4) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) | ((uint32_t)(s[1] & 0x3F) << 12) |
		    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

static int
is_ws(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0xA0 ||
	    cp == 0x3000 || cp == 0x200B || cp == 0xFEFF || cp == 0x2002 || cp == 0x2003;
}

static int
is_quote(uint32_t cp)
{
	return cp == '"' || cp == '\'' || cp == 0x201C || cp == 0x201D || cp == 0x2018 ||
	    cp == 0x2019 || cp == 0x300C || cp == 0x300D || cp == 0x300E || cp == 0x300F ||
	    cp == '*';
}

/*
 * Appends the normalised form of s to out (which holds *n bytes, capacity
 * NORM_MAX): full-width ASCII folded, whitespace and quotes dropped, "、"
 * after a digit read as ".", 【】 as (). Stops quietly when full.
 */
static void
norm_append(char *out, size_t *n, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = u8dec(p + i, len - i, &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x3001 && *n > 0 && out[*n - 1] >= '0' && out[*n - 1] <= '9')
			cp = '.';
		else if (cp == 0x3010)
			cp = '(';
		else if (cp == 0x3011)
			cp = ')';
		if (is_ws(cp) || is_quote(cp)) {
			i += k;
			continue;
		}
		if (cp < 0x80) {
			if (*n + 1 >= NORM_MAX)
				break;
			out[(*n)++] = (char)cp;
		} else {
			if (*n + k >= NORM_MAX)
				break;
			memcpy(out + *n, p + i, k);
			*n += k;
		}
		i += k;
	}
	out[*n] = '\0';
}

static size_t
norm(char *out, const char *s, size_t len)
{
	size_t n = 0;

	out[0] = '\0';
	norm_append(out, &n, s, len);
	return n;
}

static int
has_sub(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, needle, n) == 0)
			return 1;
	return 0;
}

static int
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int
is_blank_text(const char *s, size_t len)
{
	size_t i = 0, k;
	uint32_t cp;

	while (i < len) {
		k = u8dec((const unsigned char *)s + i, len - i, &cp);
		if (!is_ws(cp))
			return 0;
		i += k;
	}
	return 1;
}

static int
tok_empty(const struct tok *t)
{
	return t->span || is_blank_text(t->s, t->len);
}

/*
 * A quick look at the first character: a value starts with a digit, a
 * sign, a full-width digit or sign, or the first character of a no-change
 * word (未增未减, 无增减/无变化, 持平, 不变). Most labels are ruled out here
 * without a full parse.
 */
static int
may_be_value(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	while (len > 0 && (*p == ' ' || *p == '\t')) {
		p++;
		len--;
	}
	if (len == 0)
		return 0;
	if ((*p >= '0' && *p <= '9') || *p == '+' || *p == '-')
		return 1;
	if (len >= 3 && p[0] == 0xEF && p[1] == 0xBC && ((p[2] >= 0x90 && p[2] <= 0x99) ||
	    p[2] == 0x8B || p[2] == 0x8D))
		return 1;
	if (len >= 3 && p[0] == 0xE2 && p[1] == 0x88 && p[2] == 0x92)	/* U+2212 minus */
		return 1;
	if (len >= 3 && p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80)	/* U+3000 leading space */
		return 1;
	if (len >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 1;
	return (len >= 3 && (memcmp(p, "未", 3) == 0 || memcmp(p, "无", 3) == 0 ||
	    memcmp(p, "持", 3) == 0 || memcmp(p, "不", 3) == 0));
}

/* A token that is a value: a number or a 未增未减-like word. */
static int
tok_value(const struct tok *t)
{
	struct gk_cell c;

	if (t->span || !may_be_value(t->s, t->len))
		return 0;
	gk_cell_parse(&c, t->s, t->len, GK_KIND_DELTA);
	return c.state == GK_CELL_NUM || c.state == GK_CELL_TEXT;
}

/*
 * A token that stands where a value should be but is not one ("—", "/",
 * "无", "不详"): short, and none of the words of the section-四 header.
 */
static int
tok_junk(const struct tok *t)
{
	static const char *const hdr[] = { "维持", "纠正", "结果", "审结", "总计", "复议", "诉讼" };
	size_t i;

	if (t->span || t->len > 12 || (t->s[0] >= '0' && t->s[0] <= '9') || t->s[0] == '(' ||
	    (t->len >= 3 && memcmp(t->s, "（", 3) == 0))
		return 0;
	for (i = 0; i < sizeof(hdr) / sizeof(hdr[0]); i++)
		if (has_sub(t->s, t->len, hdr[i]))
			return 0;
	return 1;
}

/* Splits s into whitespace-separated pieces; returns how many (at most max). */
static size_t
pieces(const char *s, size_t len, struct tok *pc, size_t max)
{
	size_t i = 0, k, n = 0, st = 0;
	uint32_t cp;
	int in = 0;

	while (i < len) {
		k = u8dec((const unsigned char *)s + i, len - i, &cp);
		if (is_ws(cp)) {
			if (in) {
				if (n == max)
					return max + 1;
				pc[n].s = s + st;
				pc[n].len = i - st;
				pc[n++].span = 0;
				in = 0;
			}
		} else if (!in) {
			st = i;
			in = 1;
		}
		i += k;
	}
	if (in) {
		if (n == max)
			return max + 1;
		pc[n].s = s + st;
		pc[n].len = len - st;
		pc[n++].span = 0;
	}
	return n;
}

/*
 * The tokens of a row: its cells, except that outside grid tables a cell
 * such as "行政许可 0" or "0 0 0" (values set off by single spaces) is split
 * into its label and its values.
 */
static size_t
row_tokens(const struct rr_doc *d, const struct rr_row *row, struct tok *t, size_t max)
{
	struct tok	 pc[16];
	size_t		 i, n = 0, np, nv, j;

	for (i = 0; i < row->n && n < max; i++) {
		const struct rr_cell *c = &d->cells[row->first + i];

		t[n].s = c->s;
		t[n].len = c->len;
		t[n].span = c->span;
		if (c->span || (row->flags & RR_GRID) ||
		    (np = pieces(c->s, c->len, pc, 16)) < 2 || np > 16) {
			n++;
			continue;
		}
		for (nv = 0; nv < np && tok_value(&pc[np - 1 - nv]); nv++)
			;
		if (nv == 0 || (nv == 1 && np == 1)) {
			n++;
			continue;
		}
		if (nv < np) {
			t[n].len = (size_t)(pc[np - nv - 1].s + pc[np - nv - 1].len - c->s);
			n++;
		}
		for (j = np - nv; j < np && n < max; j++)
			t[n++] = pc[j];
	}
	return n;
}

/* The single non-empty cell of a row, or NULL. */
static const struct rr_cell *
row_single(const struct rr_doc *d, const struct rr_row *row)
{
	const struct rr_cell *one = NULL;
	size_t i;

	for (i = 0; i < row->n; i++) {
		const struct rr_cell *c = &d->cells[row->first + i];

		if (c->span || is_blank_text(c->s, c->len))
			continue;
		if (one != NULL)
			return NULL;
		one = c;
	}
	return one;
}

/* ---- headings, title, narrative ---- */

static int
heading_of(const char *n)
{
	if (starts(n, "一、") && strstr(n, "总体情况"))
		return 1;
	if (starts(n, "二、") && strstr(n, "主动公开"))
		return 2;
	if (starts(n, "三、") && strstr(n, "申请") && !strstr(n, "办理结果"))
		return 3;
	if (starts(n, "四、") && (strstr(n, "复议") || strstr(n, "诉讼")))
		return 4;
	if (starts(n, "五、") && strstr(n, "问题"))
		return 5;
	if (starts(n, "六、") && strstr(n, "其他"))
		return 6;
	return 0;
}

/*
 * The section headings: of all paragraphs that read like one, the longest
 * run in the order 一 … 六 (so a stray "五、…" line before 一 — a title, a
 * quotation — does not hide the real headings).
 */
#define MAXCAND	64

static void
find_headings(struct rec *rc)
{
	const struct rr_doc	*d = rc->d;
	const struct rr_cell	*c;
	char			 n[NORM_MAX];
	size_t			 i, row[MAXCAND];
	int			 k, kind[MAXCAND], len[MAXCAND], prev[MAXCAND];
	int			 nc = 0, a, b, best = -1;

	for (k = 0; k < 7; k++)
		rc->sec[k] = NONE;
	for (i = 0; i < d->nrows && nc < MAXCAND; i++) {
		if ((c = row_single(d, &d->rows[i])) == NULL || c->len > 400)
			continue;
		norm(n, c->s, c->len);
		if ((k = heading_of(n)) == 0)
			continue;
		row[nc] = i;
		kind[nc++] = k;
	}
	/* Longest strictly increasing run of kinds; ties keep the earlier start. */
	for (a = 0; a < nc; a++) {
		len[a] = 1;
		prev[a] = -1;
		for (b = 0; b < a; b++)
			if (kind[b] < kind[a] && len[b] + 1 > len[a]) {
				len[a] = len[b] + 1;
				prev[a] = b;
			}
		if (best < 0 || len[a] > len[best])
			best = a;
	}
	for (a = best; a >= 0; a = prev[a])
		rc->sec[kind[a]] = row[a];
}

static size_t
next_heading(const struct rec *rc, int k)
{
	int j;

	for (j = k + 1; j < 7; j++)
		if (rc->sec[j] != NONE)
			return rc->sec[j];
	return rc->d->nrows;
}

static void
trim_raw(const char **s, size_t *len)
{
	size_t k;
	uint32_t cp;

	while (*len > 0) {
		k = u8dec((const unsigned char *)*s, *len, &cp);
		if (!is_ws(cp))
			break;
		*s += k;
		*len -= k;
	}
	while (*len > 0) {
		size_t back = 1;

		while (back < *len && back < 4 && ((unsigned char)(*s)[*len - back] & 0xC0) == 0x80)
			back++;
		u8dec((const unsigned char *)*s + *len - back, back, &cp);
		if (!is_ws(cp))
			break;
		*len -= back;
	}
}

/* Offset of a year "20xx年" / "19xx 年" in s, or NONE. */
static size_t
find_year(const char *s, size_t len)
{
	size_t k, m;

	for (k = 0; k + 4 <= len; k++) {
		if (!((s[k] == '1' && s[k + 1] == '9') || (s[k] == '2' && s[k + 1] == '0')) ||
		    s[k + 2] < '0' || s[k + 2] > '9' || s[k + 3] < '0' || s[k + 3] > '9')
			continue;
		if (k > 0 && s[k - 1] >= '0' && s[k - 1] <= '9')
			continue;
		for (m = k + 4; m < len && s[m] == ' '; m++)
			;
		if (m + 3 <= len && memcmp(s + m, "年", 3) == 0)
			return k;
	}
	return NONE;
}

#define GOVLEN	(sizeof("政府信息公开") - 1)

/*
 * The title: a paragraph before section 一 that contains 年度报告, either
 * "{agency}{year}年…年度报告" or the agency on the paragraph before.
 */
static void
find_title(struct rec *rc)
{
	const struct rr_doc	*d = rc->d;
	const struct rr_cell	*c;
	const char		*prev = NULL, *s, *a;
	size_t			 prevlen = 0, i, len, end, k, alen;
	char			 agency[GK_AGENCY_MAX];

	end = rc->sec[1] != NONE ? rc->sec[1] : (d->nrows < 12 ? d->nrows : 12);
	for (i = 0; i < end; i++) {
		if ((c = row_single(d, &d->rows[i])) == NULL)
			continue;
		s = c->s;
		len = c->len;
		trim_raw(&s, &len);
		if (len > 600 || !has_sub(s, len, "年度报告")) {
			prev = s;
			prevlen = len;
			continue;
		}
		k = find_year(s, len);
		if (k != NONE)
			rc->r->year = (s[k] - '0') * 1000 + (s[k + 1] - '0') * 100 +
			    (s[k + 2] - '0') * 10 + (s[k + 3] - '0');
		else
			for (k = 0; k + GOVLEN <= len && memcmp(s + k, "政府信息公开", GOVLEN) != 0; k++)
				;
		a = s;
		alen = k + GOVLEN <= len ? k : 0;
		trim_raw(&a, &alen);
		if (alen == 0) {
			a = prev;
			alen = prevlen;
		}
		if (a != NULL && alen > 0 && alen < sizeof(agency)) {
			char hn[NORM_MAX];

			/* A section heading is never the agency's name. */
			norm(hn, a, alen);
			if (heading_of(hn) == 0) {
				memcpy(agency, a, alen);
				agency[alen] = '\0';
				gk_strlcpy_utf8(rc->r->agency, agency, sizeof(rc->r->agency));
			}
		}
		return;
	}
}

static enum gk_err
collect_narr(struct rec *rc, int k, enum gk_narr which)
{
	const struct rr_doc	*d = rc->d;
	struct gk_buf		 b;
	size_t			 i, end, len;
	const char		*s;
	char			*text;

	if (rc->sec[k] == NONE)
		return GK_OK;
	end = next_heading(rc, k);
	gk_buf_init(&b, RR_MAX_BYTES);
	for (i = rc->sec[k] + 1; i < end; i++) {
		const struct rr_row *row = &d->rows[i];

		if (row->table != 0 || row->n != 1 || d->cells[row->first].span)
			continue;
		s = d->cells[row->first].s;
		len = d->cells[row->first].len;
		trim_raw(&s, &len);
		if (len == 0)
			continue;
		if (b.len > 0)
			gk_buf_puts(&b, "\n\n");
		gk_buf_append(&b, s, len);
	}
	if (b.err != GK_OK) {
		gk_buf_clear(&b);
		return GK_ENOMEM;
	}
	if (b.len == 0) {
		gk_buf_clear(&b);
		return GK_OK;
	}
	text = gk_buf_take(&b, NULL);
	if (text == NULL)
		return GK_ENOMEM;
	gk_free(rc->r->narr[which]);
	rc->r->narr[which] = text;
	return GK_OK;
}

/* ---- values ---- */

static void
set_unreadable(struct gk_cell **out, int k, const char *why)
{
	int i;

	for (i = 0; i < k; i++)
		gk_cell_set_text(out[i], GK_CELL_UNREADABLE, why);
}

/*
 * Reads k values from tokens t[from..nt) of one row. lead and trail are the
 * empty fields the seed's layout puts around the values on this row.
 * Returns 0 when the row has nothing after the label (values follow on the
 * next lines), 1 otherwise.
 */
static int
row_values(const struct tok *t, size_t nt, size_t from, unsigned flags, int k,
    const enum gk_kind *kinds, int lead, int trail, struct gk_cell **out)
{
	const struct tok	*f[MAXTOK];
	size_t			 nf = 0, i, a, z;
	int			 j;

	for (i = from; i < nt; i++)
		if (!t[i].span)
			f[nf++] = &t[i];
	if (nf == 0)
		return 0;
	if (flags & RR_GRID) {
		if (nf < (size_t)k) {
			set_unreadable(out, k, "列数不足");
			return 1;
		}
		a = nf - (size_t)k;
	} else if (nf == (size_t)(lead + k + trail)) {
		for (i = 0; i < (size_t)lead && tok_empty(f[i]); i++)
			;
		for (z = (size_t)(lead + k); z < nf && tok_empty(f[z]); z++)
			;
		if (i == (size_t)lead && z == nf)
			a = (size_t)lead;
		else
			goto trimmed;
	} else if (nf == (size_t)k) {
		a = 0;
	} else {
trimmed:
		for (a = 0; a < nf && tok_empty(f[a]); a++)
			;
		for (z = nf; z > a && tok_empty(f[z - 1]); z--)
			;
		if (z - a == (size_t)k)
			;
		else if (z - a < (size_t)k) {
			set_unreadable(out, k, a == z ? "无数值" : "空白单元格位置无法确定");
			return 1;
		} else {
			set_unreadable(out, k, "数值个数多于列数");
			return 1;
		}
	}
	for (j = 0; j < k; j++)
		gk_cell_parse(out[j], f[a + (size_t)j]->s, f[a + (size_t)j]->len, kinds[j]);
	return 1;
}

/*
 * Values laid out one per line after the label: consumes rows from i while
 * their tokens are values, up to k. Returns the first row not consumed.
 */
static size_t
stream_values(struct rec *rc, size_t i, size_t end, int k, const enum gk_kind *kinds,
    struct gk_cell **out)
{
	const struct rr_doc	*d = rc->d;
	struct tok		 t[MAXTOK];
	size_t			 nt, j, nv = 0, last = i;
	int			 m;

	for (; i < end && nv < (size_t)k; i++) {
		nt = row_tokens(d, &d->rows[i], t, MAXTOK);
		for (j = 0; j < nt; j++) {
			if (tok_empty(&t[j]))
				continue;
			if (!tok_value(&t[j]) || nv == (size_t)k)
				goto done;
			gk_cell_parse(out[nv], t[j].s, t[j].len, kinds[nv]);
			nv++;
		}
		last = i + 1;
	}
done:
	if (nv < (size_t)k) {
		for (m = 0; m < k; m++)
			gk_cell_set_text(out[m], GK_CELL_UNREADABLE,
			    nv == 0 ? "无数值" : "空白单元格位置无法确定");
	}
	return last;
}

/* ---- section 二 ---- */

/*
 * The template the cells of rows [from, to) belong to, from words only one
 * template prints (w21: the 2021 one, w19: the 2019 one); -1 if none.
 */
static int
template_by_words(const struct rec *rc, size_t from, size_t to,
    const char *const *w21, const char *const *w19)
{
	const struct rr_doc	*d = rc->d;
	char			 n[NORM_MAX];
	size_t			 i, j, k;

	for (i = from; i < to; i++) {
		const struct rr_row *row = &d->rows[i];

		for (j = 0; j < row->n; j++) {
			const struct rr_cell *c = &d->cells[row->first + j];

			if (c->span || c->len == 0 || c->len > 400)
				continue;
			norm(n, c->s, c->len);
			for (k = 0; w21[k] != NULL; k++)
				if (strstr(n, w21[k]) != NULL)
					return GK_TPL_2021;
			for (k = 0; w19[k] != NULL; k++)
				if (strstr(n, w19[k]) != NULL)
					return GK_TPL_2019;
		}
	}
	return -1;
}

static const char *const s2_words21[] = {
	"本年制发件数", "本年废止件数", "现行有效件数", "本年处理决定数量", NULL,
};
static const char *const s2_words19[] = {
	"本年新制作数量", "本年新公开数量", "对外公开总数量", "上一年项目数量", "政府集中采购", NULL,
};
/* 2021 split 2019's single (六) 其他处理 row into three. */
static const char *const s3_words21[] = { "逾期不补正", "逾期未按收费通知", NULL };
static const char *const s3_words19[] = { NULL };

/* Index of the first non-empty token of a row whose normalised text is label, or NONE. */
static size_t
label_at(const struct tok *t, size_t nt, const char *label)
{
	char n[NORM_MAX];
	size_t i;

	for (i = 0; i < nt; i++) {
		if (tok_empty(&t[i]))
			continue;
		if (t[i].len > 200)
			return NONE;
		norm(n, t[i].s, t[i].len);
		return strcmp(n, label) == 0 ? i : NONE;
	}
	return NONE;
}

static int
read_s2(struct rec *rc, size_t from, size_t to)
{
	const struct rr_doc	*d = rc->d;
	struct gk_report	*r = rc->r;
	struct tok		 t[MAXTOK];
	struct gk_cell		*out[3];
	char			 cap[NORM_MAX], lab[NORM_MAX];
	size_t			 ti, i, nt, start, at;
	int			 row, col, found = 0;

	for (ti = 0; ti < GK_S2_TABLES; ti++) {
		const struct gk_s2_table *tab = &gk_s2_tables[ti];

		if (tab->tpl != r->tpl)
			continue;
		norm(cap, tab->caption, strlen(tab->caption));
		start = from;
		for (i = from; i < to; i++) {
			nt = row_tokens(d, &d->rows[i], t, MAXTOK);
			if (label_at(t, nt, cap) != NONE) {
				start = i + 1;
				break;
			}
		}
		for (row = 0; row < tab->nrows; row++) {
			norm(lab, tab->rows[row], strlen(tab->rows[row]));
			for (col = 0; col < tab->ncols; col++)
				out[col] = &r->s2[tab->first + row * tab->ncols + col];
			for (i = start; i < to; i++) {
				nt = row_tokens(d, &d->rows[i], t, MAXTOK);
				if ((at = label_at(t, nt, lab)) == NONE)
					continue;
				found++;
				if (!row_values(t, nt, at + 1, d->rows[i].flags, tab->ncols,
				    tab->kinds, 0, 3 - tab->ncols, out))
					stream_values(rc, i + 1, to, tab->ncols, tab->kinds, out);
				break;
			}
		}
	}
	return found;
}

/* ---- section 三 ---- */

/* Whether the row has cells (empty ones included, spans not) after index from. */
static int
has_cells_after(const struct tok *t, size_t nt, size_t from)
{
	for (; from < nt; from++)
		if (!t[from].span)
			return 1;
	return 0;
}

enum lmatch { LM_NONE, LM_PREFIX, LM_ROW, LM_GROUP, LM_RESULTS };

static char s3_norm[GK_S3ROW__MAX][NORM_MAX / 2];
static const char *s3_key[GK_S3ROW__MAX];	/* leaf text without its "k." index */
static char results_norm[64];
static int s3_norm_done;

static void
s3_norm_init(void)
{
	size_t n;
	int i;

	if (s3_norm_done)
		return;
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		char tmp[NORM_MAX];

		n = norm(tmp, gk_s3_rows[i].label, strlen(gk_s3_rows[i].label));
		if (n >= sizeof(s3_norm[i]))
			n = sizeof(s3_norm[i]) - 1;
		memcpy(s3_norm[i], tmp, n);
		s3_norm[i][n] = '\0';
		s3_key[i] = s3_norm[i];
		if (s3_norm[i][0] >= '1' && s3_norm[i][0] <= '9' && s3_norm[i][1] == '.')
			s3_key[i] = s3_norm[i] + 2;
	}
	norm(results_norm, "三、本年度办理结果", strlen("三、本年度办理结果"));
	s3_norm_done = 1;
}

/* Strips a leaf index ("1." or "(1)") from a normalised label. */
static const char *
strip_index(const char *a, int *idx)
{
	*idx = 0;
	if (a[0] >= '1' && a[0] <= '9' && a[1] == '.') {
		*idx = a[0] - '0';
		return a + 2;
	}
	if (a[0] == '(' && a[1] >= '1' && a[1] <= '9' && a[2] == ')') {
		*idx = a[1] - '0';
		return a + 3;
	}
	return a;
}

/*
 * Matches accumulated label text against the section-三 labels, in the
 * context of the current group (leaves of another group do not match).
 */
static enum lmatch
s3_match(const char *acc, enum gk_s3row group, enum gk_s3row *which)
{
	const char	*key;
	size_t		 alen = strlen(acc), klen;
	int		 i, idx, prefix = 0;

	if (strcmp(acc, results_norm) == 0)
		return LM_RESULTS;
	if (strncmp(results_norm, acc, alen) == 0)
		prefix = 1;
	key = strip_index(acc, &idx);
	klen = strlen(key);
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		const struct gk_s3_rowdef *rd = &gk_s3_rows[i];
		int leaf = rd->role == GK_S3R_OUTCOME && rd->group != (enum gk_s3row)i;

		if (leaf) {
			if (group != GK_S3ROW__MAX && rd->group != group)
				continue;
			if (idx != 0 && s3_norm[i][0] - '0' != idx)
				continue;
			if (strcmp(s3_key[i], key) == 0 && idx != 0) {
				*which = (enum gk_s3row)i;
				return LM_ROW;
			}
			if (strncmp(s3_norm[i], acc, alen) == 0 ||
			    (idx != 0 && strncmp(s3_key[i], key, klen) == 0))
				prefix = 1;
			continue;
		}
		if (strcmp(s3_norm[i], acc) == 0) {
			*which = (enum gk_s3row)i;
			return rd->role == GK_S3R_GROUP ? LM_GROUP : LM_ROW;
		}
		if (strncmp(s3_norm[i], acc, alen) == 0)
			prefix = 1;
	}
	/* (二) without its parenthetical note. */
	if (strcmp(acc, "(二)部分公开") == 0) {
		*which = GK_S3_PARTIAL;
		return LM_ROW;
	}
	return prefix ? LM_PREFIX : LM_NONE;
}

/* A loose leaf match: "k." plus any text, in a known group. */
static int
s3_leaf_by_index(const char *acc, enum gk_s3row group, enum gk_s3row *which)
{
	int i, idx;

	if (group == GK_S3ROW__MAX)
		return 0;
	strip_index(acc, &idx);
	if (idx == 0)
		return 0;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		if (gk_s3_rows[i].role == GK_S3R_OUTCOME && gk_s3_rows[i].group == group &&
		    gk_s3_rows[i].group != (enum gk_s3row)i && s3_norm[i][0] - '0' == idx) {
			*which = (enum gk_s3row)i;
			return 1;
		}
	return 0;
}

static const enum gk_kind s3_kinds[GK_S3COL__MAX] = {
	GK_KIND_COUNT, GK_KIND_COUNT, GK_KIND_COUNT, GK_KIND_COUNT,
	GK_KIND_COUNT, GK_KIND_COUNT, GK_KIND_COUNT,
};

/* Reads one labelled section-三 row's values (in the row, or on the lines after it). */
static size_t
s3_take(struct rec *rc, enum gk_s3row which, int first_of_group, const struct tok *t,
    size_t nt, size_t at, size_t i, size_t end, int *found)
{
	struct gk_report	*r = rc->r;
	struct gk_cell		*out[GK_S3COL__MAX];
	struct rr_s3_layout	 l;
	int			 j;

	for (j = 0; j < GK_S3COL__MAX; j++)
		out[j] = &r->s3[which][j];
	rr_s3_text_layout(which, r->tpl, first_of_group, &l);
	found[which] = 1;
	if (row_values(t, nt, at, rc->d->rows[i].flags, GK_S3COL__MAX, s3_kinds, l.lead, l.trail, out))
		return i + 1;
	return stream_values(rc, i + 1, end, GK_S3COL__MAX, s3_kinds, out);
}

static int
read_s3(struct rec *rc, size_t from, size_t to)
{
	const struct rr_doc	*d = rc->d;
	struct tok		 t[MAXTOK];
	char			 acc[NORM_MAX], one[NORM_MAX];
	size_t			 i, nt, j, n, accn = 0, next;
	enum gk_s3row		 group = GK_S3ROW__MAX, which = GK_S3ROW__MAX;
	enum lmatch		 m;
	int			 found[GK_S3ROW__MAX] = { 0 }, nfound = 0, k, group_in_row;

	s3_norm_init();
	acc[0] = '\0';
	for (i = from; i < to; i = next) {
		next = i + 1;
		nt = row_tokens(d, &d->rows[i], t, MAXTOK);
		group_in_row = 0;
		for (j = 0; j < nt; j++) {
			if (tok_empty(&t[j]))
				continue;
			if (tok_value(&t[j])) {
				accn = 0;
				acc[0] = '\0';
				break;
			}
			if (t[j].len > 400) {
				accn = 0;
				acc[0] = '\0';
				continue;
			}
			norm_append(acc, &accn, t[j].s, t[j].len);
			m = s3_match(acc, group, &which);
			if (m == LM_NONE && accn > 0) {
				/* Start again from this token alone. */
				n = norm(one, t[j].s, t[j].len);
				memcpy(acc, one, n + 1);
				accn = n;
				m = s3_match(acc, group, &which);
				if (m == LM_NONE)
					m = s3_match(acc, GK_S3ROW__MAX, &which);
			}
			if (m == LM_NONE && s3_leaf_by_index(acc, group, &which)) {
				size_t q;

				for (q = j + 1; q < nt && tok_empty(&t[q]); q++)
					;
				if (q < nt && tok_value(&t[q]))
					m = LM_ROW;
			}
			switch (m) {
			case LM_PREFIX:
				continue;
			case LM_NONE:
			case LM_RESULTS:
				accn = 0;
				acc[0] = '\0';
				continue;
			case LM_GROUP:
				group = which;
				group_in_row = 1;
				accn = 0;
				acc[0] = '\0';
				{
					/* Values right after a group label: 2019's (六), or a subtotal. */
					size_t q;

					for (q = j + 1; q < nt && tok_empty(&t[q]); q++)
						;
					/* 2019's (六) is a cell row: whatever follows its label
					 * in the row is its values, blank or not. */
					if ((q < nt && (tok_value(&t[q]) || tok_junk(&t[q]))) ||
					    (gk_s3_row_in(which, rc->r->tpl) && has_cells_after(t, nt, j + 1))) {
						next = s3_take(rc, which, 0, t, nt, j + 1, i, to, found);
						nfound++;
						goto next_row;
					}
					if (q == nt && gk_s3_row_in(which, rc->r->tpl) && i + 1 < to) {
						struct tok t2[MAXTOK];
						size_t n2 = row_tokens(d, &d->rows[i + 1], t2, MAXTOK), q2;

						for (q2 = 0; q2 < n2 && tok_empty(&t2[q2]); q2++)
							;
						if (q2 < n2 && tok_value(&t2[q2])) {
							next = s3_take(rc, which, 0, t, nt, nt, i, to, found);
							nfound++;
							goto next_row;
						}
					}
				}
				continue;
			case LM_ROW:
				accn = 0;
				acc[0] = '\0';
				if (gk_s3_rows[which].role != GK_S3R_OUTCOME ||
				    gk_s3_rows[which].group == which)
					group = GK_S3ROW__MAX;
				else
					group = gk_s3_rows[which].group;
				next = s3_take(rc, which, group_in_row, t, nt, j + 1, i, to, found);
				nfound++;
				goto next_row;
			}
		}
		/* A partial label carries to the next line only in one-cell-per-line text. */
		if (accn > 0 && nt > 1) {
			accn = 0;
			acc[0] = '\0';
		}
next_row:	;
	}
	/* Template cells never found. */
	nfound = 0;
	for (k = 0; k < GK_S3ROW__MAX; k++) {
		nfound += found[k];
		if (!found[k] && gk_s3_row_in((enum gk_s3row)k, rc->r->tpl))
			for (j = 0; j < GK_S3COL__MAX; j++)
				gk_cell_set_text(&rc->r->s3[k][j], GK_CELL_UNREADABLE, "缺少此行");
	}
	/*
	 * A handful of labels is not the table: a real section 三 has 23 or 25
	 * rows. Fewer than S3_MIN_ROWS found means the table is not there.
	 */
	return nfound >= S3_MIN_ROWS ? nfound : 0;
}

/* ---- section 四 ---- */

static int
read_s4(struct rec *rc, size_t from, size_t to)
{
	const struct rr_doc	*d = rc->d;
	struct gk_report	*r = rc->r;
	struct tok		 t[MAXTOK];
	struct gk_cell		*out[GK_S4ROUTE__MAX * GK_S4RES__MAX];
	enum gk_kind		 kinds[GK_S4ROUTE__MAX * GK_S4RES__MAX];
	size_t			 i, j, nt, nv, other;
	int			 k;

	for (k = 0; k < GK_S4ROUTE__MAX * GK_S4RES__MAX; k++) {
		out[k] = &r->s4[k / GK_S4RES__MAX][k % GK_S4RES__MAX];
		kinds[k] = GK_KIND_COUNT;
	}
	for (i = from; i < to; i++) {
		nt = row_tokens(d, &d->rows[i], t, MAXTOK);
		nv = other = 0;
		for (j = 0; j < nt; j++) {
			if (tok_empty(&t[j]))
				continue;
			if (tok_value(&t[j]))
				nv++;
			else if (!tok_junk(&t[j]))
				other++;
		}
		if (nv == 0 || other > 0)
			continue;
		if (nv == 1 && nt == 1) {
			stream_values(rc, i, to, 15, kinds, out);
			return 1;
		}
		row_values(t, nt, 0, d->rows[i].flags, 15, kinds, 0, 0, out);
		return 1;
	}
	/*
	 * No value row, but the table's header is there: the table exists and its
	 * cells stay unreadable ("缺少此行") rather than the table being missing.
	 */
	for (i = from; i < to; i++)
		for (j = 0; j < d->rows[i].n; j++) {
			const struct rr_cell *c = &d->cells[d->rows[i].first + j];

			if (!c->span && c->len < 40 && has_sub(c->s, c->len, "审") &&
			    has_sub(c->s, c->len, "结"))
				return 1;
		}
	return 0;
}

/* ---- the whole report ---- */

enum gk_err
rr_recognize(const struct rr_doc *d, struct gk_report *r, char *err, size_t errlen)
{
	struct rec	 rc;
	size_t		 s2a, s2b, s3a, s3b, s4a, s4b;
	int		 t2, t3, tpl, i, j, f2, f3, f4;
	char		 missing[256];
	enum gk_err	 e;

	memset(&rc, 0, sizeof(rc));
	rc.d = d;
	rc.r = r;
	rc.err = err;
	rc.errlen = errlen;
	memset(r, 0, sizeof(*r));
	find_headings(&rc);

	s2a = rc.sec[2] != NONE ? rc.sec[2] + 1 : 0;
	s2b = rc.sec[3] != NONE ? rc.sec[3] : d->nrows;
	s3a = rc.sec[3] != NONE ? rc.sec[3] + 1 : s2a;
	s3b = rc.sec[4] != NONE ? rc.sec[4] : d->nrows;
	s4a = rc.sec[4] != NONE ? rc.sec[4] + 1 : s3a;
	s4b = rc.sec[5] != NONE ? rc.sec[5] : (rc.sec[6] != NONE ? rc.sec[6] : d->nrows);
	if (s2b < s2a)
		s2b = s2a;

	t2 = template_by_words(&rc, s2a, s2b, s2_words21, s2_words19);
	t3 = template_by_words(&rc, s3a, s3b, s3_words21, s3_words19);
	if (t2 >= 0 && t3 >= 0 && t2 != t3) {
		snprintf(err, errlen, "第二部分为 %s 版模板，第三部分却为 %s 版模板，无法按同一模板读取",
		    gk_tpl_name((enum gk_tpl)t2), gk_tpl_name((enum gk_tpl)t3));
		return GK_EINVAL;
	}
	tpl = t2 >= 0 ? t2 : (t3 >= 0 ? t3 : GK_TPL_2021);
	gk_report_init(r, (enum gk_tpl)tpl);
	/* Every template cell starts unread; what the tables give replaces it. */
	for (i = 0; i < GK_S2__MAX; i++)
		if (r->s2[i].state != GK_CELL_ABSENT)
			gk_cell_set_text(&r->s2[i], GK_CELL_UNREADABLE, "缺少此行");
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			gk_cell_set_text(&r->s4[i][j], GK_CELL_UNREADABLE, "缺少此行");

	find_title(&rc);
	f2 = read_s2(&rc, s2a, s2b);
	f3 = read_s3(&rc, s3a, s3b);
	f4 = read_s4(&rc, s4a, s4b);
	if (f2 == 0 || f3 == 0 || f4 == 0) {
		snprintf(missing, sizeof(missing), "%s%s%s",
		    f2 == 0 ? "第二部分“主动公开政府信息情况”表格；" : "",
		    f3 == 0 ? "第三部分“收到和处理政府信息公开申请情况”表格；" : "",
		    f4 == 0 ? "第四部分“政府信息公开行政复议、行政诉讼情况”表格；" : "");
		snprintf(err, errlen, "未找到%s表格可能是图片，或不是年度报告", missing);
		gk_report_clear(r);
		return GK_EINVAL;
	}
	if ((e = collect_narr(&rc, 1, GK_NARR_OVERVIEW)) != GK_OK ||
	    (e = collect_narr(&rc, 5, GK_NARR_PROBLEMS)) != GK_OK ||
	    (e = collect_narr(&rc, 6, GK_NARR_OTHER)) != GK_OK) {
		snprintf(err, errlen, "内存不足");
		gk_report_clear(r);
		return e;
	}
	return GK_OK;
}
