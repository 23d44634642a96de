/*
 * read_text.c — plain-text and Markdown reports to rows (see rows.h).
 *
 * Reports are found as text in many shapes: the seed's tab-separated
 * layout, tables pasted with runs of spaces, Markdown pipe tables, one cell
 * per line. This reader only splits lines into cells; what the cells mean
 * is decided by the recogniser, the same for every format.
 *
 * Lines with a tab are split on tabs (RR_RAGGED). Lines starting with '|'
 * are Markdown table rows (RR_GRID), split on unescaped pipes; separator
 * rows (---) are skipped. Lines with a number set off by a run of two or
 * more spaces are split on such runs (RR_RAGGED). Every other non-empty line
 * is a paragraph. Input that is not UTF-8 is refused with a message (GBK
 * files should be converted first: iconv -f GB18030 -t UTF-8).
 */
#include <stdio.h>
#include <string.h>

#include "report/report_io.h"

static int
is_sp(const char *p, const char *end, size_t *w)
{
	if (p < end && (*p == ' ' || *p == '\r')) {
		*w = 1;
		return 1;
	}
	if (end - p >= 3 && memcmp(p, "\xE3\x80\x80", 3) == 0) {	/* U+3000 */
		*w = 3;
		return 2;
	}
	if (end - p >= 2 && memcmp(p, "\xC2\xA0", 2) == 0) {		/* U+00A0 */
		*w = 2;
		return 1;
	}
	return 0;
}

static void
trim(const char **s, const char **e)
{
	size_t w;

	while (*s < *e && is_sp(*s, *e, &w))
		*s += w;
	while (*e > *s) {
		if ((*e)[-1] == ' ' || (*e)[-1] == '\r')
			(*e)--;
		else if (*e - *s >= 3 && memcmp(*e - 3, "\xE3\x80\x80", 3) == 0)
			*e -= 3;
		else if (*e - *s >= 2 && memcmp(*e - 2, "\xC2\xA0", 2) == 0)
			*e -= 2;
		else
			break;
	}
}

static enum gk_err
split_tabs(struct rr_doc *d, int table, const char *s, const char *e)
{
	const char *p, *q, *a, *z;

	rr_row_begin(d, table, RR_RAGGED);
	for (p = s; ; p = q + 1) {
		q = memchr(p, '\t', (size_t)(e - p));
		if (q == NULL)
			q = e;
		a = p;
		z = q;
		trim(&a, &z);
		rr_cell_ref(d, a, (size_t)(z - a));
		if (q == e)
			break;
	}
	rr_row_end(d);
	return d->err;
}

/* A Markdown separator row: only '-', ':', '|' and spaces, with at least one '-'. */
static int
md_separator(const char *s, const char *e)
{
	int dash = 0;

	for (; s < e; s++) {
		if (*s == '-')
			dash = 1;
		else if (*s != ':' && *s != '|' && *s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	}
	return dash;
}

static enum gk_err
split_pipes(struct rr_doc *d, int table, const char *s, const char *e)
{
	char		 cell[4096];
	size_t		 n = 0;
	const char	*p = s + 1;	/* past the leading pipe */
	const char	*a, *z;
	int		 last_empty_pipe = 0;

	trim(&s, &e);
	if (e > s + 1 && e[-1] == '|' && !(e - s >= 3 && e[-2] == '\\'))
		last_empty_pipe = 1;
	if (last_empty_pipe)
		e--;
	rr_row_begin(d, table, RR_GRID);
	for (; p <= e; p++) {
		if (p < e && *p == '\\' && p + 1 < e && p[1] == '|') {
			if (n < sizeof(cell))
				cell[n++] = '|';
			p++;
			continue;
		}
		if (p == e || *p == '|') {
			a = cell;
			z = cell + n;
			trim(&a, &z);
			rr_cell(d, a, (size_t)(z - a));
			n = 0;
			continue;
		}
		if (n < sizeof(cell))
			cell[n++] = *p;
	}
	rr_row_end(d);
	return d->err;
}

/* Whether [s,e) is a value: a number (any width of digits) or a 未增未减-like word. */
static int
is_value(const char *s, const char *e)
{
	struct gk_cell c;

	gk_cell_parse(&c, s, (size_t)(e - s), GK_KIND_DELTA);
	return c.state == GK_CELL_NUM || c.state == GK_CELL_TEXT;
}

/*
 * A line whose fields are set off by runs of two or more spaces (or an
 * ideographic space), with at least one field a value. Returns 0 when the
 * line is not such a row.
 */
static int
split_spaced(struct rr_doc *d, int *table, const char *s, const char *e)
{
	const char	*fs[64], *fe[64];
	const char	*p = s, *q, *start = s;
	size_t		 w, nf = 0, i;
	int		 values = 0, run, k;

	while (p < e) {
		if (!is_sp(p, e, &w)) {
			p++;
			continue;
		}
		for (q = p, run = 0; q < e && (k = is_sp(q, e, &w)) != 0; q += w)
			run += k;
		if (run >= 2) {
			if (nf == 64)
				return 0;
			fs[nf] = start;
			fe[nf++] = p;
			start = q;
		}
		p = q;
	}
	if (nf == 64)
		return 0;
	fs[nf] = start;
	fe[nf++] = e;
	if (nf < 2)
		return 0;
	for (i = 0; i < nf; i++)
		if (is_value(fs[i], fe[i]))
			values++;
	if (values == 0)
		return 0;
	if (*table == 0)
		*table = rr_table_new(d);
	rr_row_begin(d, *table, RR_RAGGED);
	for (i = 0; i < nf; i++)
		rr_cell_ref(d, fs[i], (size_t)(fe[i] - fs[i]));
	rr_row_end(d);
	return 1;
}

/*
 * A Markdown paragraph: an ATX heading's marks ("## ") and a backslash that
 * escapes a leading character ("\\|", "\\#", "1\\. ") are not text.
 */
static void
md_para(struct rr_doc *d, const char *s, const char *e)
{
	struct gk_buf	 b;
	const char	*p = s;
	int		 n = 0;

	while (p < e && *p == '#' && n < 7) {
		p++;
		n++;
	}
	if (n >= 1 && n <= 6 && p < e && *p == ' ') {
		while (p < e && *p == ' ')
			p++;
		rr_para(d, p, (size_t)(e - p));
		return;
	}
	if (e - s >= 2 && s[0] == '\\' && strchr("|#>-*+`_[]!.<~=\\", s[1]) != NULL) {
		rr_para(d, s + 1, (size_t)(e - s - 1));
		return;
	}
	for (p = s; p < e && *p >= '0' && *p <= '9' && p - s < 9; p++)
		;
	if (p > s && e - p >= 2 && p[0] == '\\' && (p[1] == '.' || p[1] == ')')) {
		gk_buf_init(&b, RR_MAX_CELL + 16);
		gk_buf_append(&b, s, (size_t)(p - s));
		gk_buf_append(&b, p + 1, (size_t)(e - p - 1));
		if (b.err != GK_OK)
			d->err = b.err;
		else
			rr_para(d, b.data, b.len);
		gk_buf_clear(&b);
		return;
	}
	rr_para(d, s, (size_t)(e - s));
}

enum gk_err
gk_text_rows(const char *buf, size_t len, struct rr_doc *d, char *err, size_t errlen)
{
	const char	*p = buf, *end = buf + len, *nl, *s, *e;
	size_t		 bad;
	int		 tab_table = 0, md_table = 0, sp_table = 0, nonempty = 0;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if ((bad = gk_utf8_check(p, (size_t)(end - p))) != (size_t)(end - p)) {
		snprintf(err, errlen, "文本不是 UTF-8 编码（第 %zu 字节）；GBK 文件请先转换：iconv -f GB18030 -t UTF-8",
		    bad + (size_t)(p - buf) + 1);
		return GK_EINVAL;
	}
	if (memchr(p, '\0', (size_t)(end - p)) != NULL) {
		snprintf(err, errlen, "文件含有 NUL 字节，不是文本文件");
		return GK_EINVAL;
	}
	for (; p < end; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		s = p;
		e = nl;
		if (e > s && e[-1] == '\r')
			e--;
		/* A lone CR as line break (old Mac files): treat as separate lines. */
		if (memchr(s, '\r', (size_t)(e - s)) != NULL) {
			const char *cr = memchr(s, '\r', (size_t)(e - s));

			nl = cr;
			e = cr;
		}
		{
			const char *ts = s, *te = e;

			trim(&ts, &te);
			if (ts == te) {
				/* A blank line ends a space-split table but not a tab one. */
				sp_table = 0;
				continue;
			}
			nonempty++;
			if (*ts == '|') {
				if (md_separator(ts, te))
					continue;
				if (md_table == 0)
					md_table = rr_table_new(d);
				split_pipes(d, md_table, ts, te);
				tab_table = 0;
				continue;
			}
			md_table = 0;
			if (memchr(s, '\t', (size_t)(e - s)) != NULL) {
				if (tab_table == 0)
					tab_table = rr_table_new(d);
				split_tabs(d, tab_table, s, e);
				continue;
			}
			if (split_spaced(d, &sp_table, ts, te))
				continue;
			md_para(d, ts, te);
		}
		if (d->err != GK_OK)
			break;
		if (nl == end)
			break;
	}
	if (d->err != GK_OK) {
		snprintf(err, errlen, "文本过大或内存不足：%s", gk_strerror(d->err));
		return d->err;
	}
	if (nonempty == 0) {
		snprintf(err, errlen, "文件为空");
		return GK_EINVAL;
	}
	return GK_OK;
}
