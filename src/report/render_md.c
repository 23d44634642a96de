/*
 * render_md.c — the report as Markdown: an ATX title and section headings,
 * the narrative as paragraphs, and the tables of sections 二, 三 and 四 as
 * GitHub pipe tables (one row a line, leading and trailing pipes, a |---|
 * separator after the first row, merged cells written once and their other
 * positions left empty).
 *
 * The text reader reads this back (GK_FMT_MD): a line starting with '|' is a
 * table row, split on unescaped '|', "\|" unescaped, separator rows skipped;
 * every other line is a paragraph. So a narrative line never starts with a
 * bare '|', and a '|' inside a cell is written "\|".
 */
#include <string.h>

#include "report/report_io.h"

#define MD_S3_LABELS	3	/* label columns of section 三 */

/* Appends s[0..n) with control characters (newline, tab …) as spaces. */
static void
md_put_flat(struct gk_buf *b, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7F) {
			gk_buf_append(b, s + start, i - start);
			gk_buf_putc(b, ' ');
			start = i + 1;
		}
	gk_buf_append(b, s + start, n - start);
}

/* One table cell: " text |", with '|' escaped and line breaks flattened. */
static void
md_cell(struct gk_buf *b, const char *s)
{
	const char	*p;

	gk_buf_putc(b, ' ');
	while ((p = strchr(s, '|')) != NULL) {
		md_put_flat(b, s, (size_t)(p - s));
		gk_buf_puts(b, "\\|");
		s = p + 1;
	}
	md_put_flat(b, s, strlen(s));
	gk_buf_puts(b, " |");
}

/* A whole row of n cells (NULL is an empty cell). */
static void
md_row(struct gk_buf *b, const char *const *cells, int n)
{
	int i;

	gk_buf_putc(b, '|');
	for (i = 0; i < n; i++)
		md_cell(b, cells[i] ? cells[i] : "");
	gk_buf_putc(b, '\n');
}

static void
md_sep(struct gk_buf *b, int n)
{
	int i;

	gk_buf_putc(b, '|');
	for (i = 0; i < n; i++)
		gk_buf_puts(b, "---|");
	gk_buf_putc(b, '\n');
}

/*
 * Whether a paragraph line starting at s needs its first character escaped
 * so that Markdown keeps it a plain paragraph: a table row ('|'), heading
 * ('#'), block quote ('>'), HTML block ('<'), code fence (``` or ~~~), list
 * item or thematic break ('-', '+', '*' then a space, or a line of them),
 * ordered list item (1–9 digits, '.' or ')', then a space or the end).
 * Returns the offset of the character to escape, or -1.
 */
static int
md_escape_at(const char *s, size_t n)
{
	size_t i;

	if (n == 0)
		return -1;
	switch (s[0]) {
	case '|':
	case '#':
	case '>':
		return 0;
	case '<':	/* an HTML block needs a tag: "<p", "</", "<!", "<?" */
		return n >= 2 && ((s[1] >= 'a' && s[1] <= 'z') || (s[1] >= 'A' && s[1] <= 'Z') ||
		    s[1] == '/' || s[1] == '!' || s[1] == '?') ? 0 : -1;
	case '`':
	case '~':
		return n >= 3 && s[1] == s[0] && s[2] == s[0] ? 0 : -1;
	case '-':
	case '+':
	case '*':
		if (n == 1 || s[1] == ' ' || s[1] == '\t')
			return 0;
		for (i = 1; i < n; i++)
			if (s[i] != s[0] && s[i] != ' ' && s[i] != '\t')
				return -1;
		return 0;	/* "---", "* * *": a thematic break */
	default:
		break;
	}
	for (i = 0; i < n && i < 10 && s[i] >= '0' && s[i] <= '9'; i++)
		;
	if (i == 0 || i > 9 || i >= n || (s[i] != '.' && s[i] != ')'))
		return -1;
	if (i + 1 == n || s[i + 1] == ' ' || s[i + 1] == '\t')
		return (int)i;
	return -1;
}

/*
 * Appends s[0..n) with every run of spaces, tabs and control characters as
 * one space: Markdown shows no more, and the text reader would take a line
 * with a wide gap before a number for a table row.
 */
static void
md_put_collapsed(struct gk_buf *b, const char *s, size_t n)
{
	size_t	 i, start = 0;
	int	 gap;

	for (i = 0; i < n; ) {
		gap = (unsigned char)s[i] <= 0x20 || s[i] == 0x7F;
		if (!gap) {
			i++;
			continue;
		}
		gk_buf_append(b, s + start, i - start);
		gk_buf_putc(b, ' ');
		while (i < n && ((unsigned char)s[i] <= 0x20 || s[i] == 0x7F))
			i++;
		start = i;
	}
	gk_buf_append(b, s + start, n - start);
}

/* One paragraph line (already trimmed), escaped, then a blank line. */
static void
md_para(struct gk_buf *b, const char *s, size_t n)
{
	int at = md_escape_at(s, n);

	if (at >= 0) {
		md_put_collapsed(b, s, (size_t)at);
		gk_buf_putc(b, '\\');
		md_put_collapsed(b, s + at, n - (size_t)at);
	} else
		md_put_collapsed(b, s, n);
	gk_buf_puts(b, "\n\n");
}

static int
md_is_space(const char *s, size_t n, size_t *len)
{
	if (s[0] == ' ' || s[0] == '\t' || s[0] == '\r' || s[0] == '\n') {
		*len = 1;
		return 1;
	}
	if (n >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {	/* U+3000 */
		*len = 3;
		return 1;
	}
	return 0;
}

/* The narrative: every non-empty line its own paragraph, trimmed. */
static void
md_narrative(struct gk_buf *b, const char *text)
{
	const char	*p = text, *nl, *e;
	size_t		 k;

	while (*p != '\0') {
		nl = strchr(p, '\n');
		e = nl ? nl : p + strlen(p);
		while (p < e && md_is_space(p, (size_t)(e - p), &k))
			p += k;
		while (e > p) {
			if (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')
				e--;
			else if (e - p >= 3 && memcmp(e - 3, "\xE3\x80\x80", 3) == 0)
				e -= 3;
			else
				break;
		}
		if (e > p)
			md_para(b, p, (size_t)(e - p));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
}

static void
md_heading(struct gk_buf *b, int i)
{
	gk_buf_puts(b, "## ");
	gk_buf_puts(b, gk_section_titles[i]);
	gk_buf_puts(b, "\n\n");
}

static void
md_section2(const struct gk_report *r, struct gk_buf *b)
{
	const char	*cells[4];
	char		 val[3][GK_CELL_TEXT_MAX + 32];
	int		 t, i, j, n;

	for (t = 0; t < GK_S2_TABLES; t++) {
		const struct gk_s2_table *d = &gk_s2_tables[t];

		if (d->tpl != r->tpl)
			continue;
		n = d->ncols + 1;
		/* The caption is the first (header) row of its table. */
		memset(cells, 0, sizeof(cells));
		cells[0] = d->caption;
		md_row(b, cells, n);
		md_sep(b, n);
		cells[0] = GK_S2_HEADER;
		for (j = 0; j < d->ncols; j++)
			cells[j + 1] = d->cols[j];
		md_row(b, cells, n);
		for (i = 0; i < d->nrows; i++) {
			cells[0] = d->rows[i];
			for (j = 0; j < d->ncols; j++) {
				gk_cell_format(&r->s2[d->first + i * d->ncols + j],
				    val[j], sizeof(val[j]));
				cells[j + 1] = val[j];
			}
			md_row(b, cells, n);
		}
		gk_buf_putc(b, '\n');
	}
}

/* Whether section-三 row i is printed: a row of the template, or a group row that holds values. */
static int
md_s3_has_values(const struct gk_report *r, int i)
{
	int j;

	if (gk_s3_row_in((enum gk_s3row)i, r->tpl))
		return 1;
	for (j = 0; j < GK_S3COL__MAX; j++)
		if (r->s3[i][j].state != GK_CELL_ABSENT)
			return 1;
	return 0;
}

static void
md_section3(const struct gk_report *r, struct gk_buf *b)
{
	enum { NC = MD_S3_LABELS + GK_S3COL__MAX };
	const char	*cells[NC];
	char		 val[GK_S3COL__MAX][GK_CELL_TEXT_MAX + 32];
	int		 i, j, first_outcome = 1, group_pending = -1;

	/* Header: the note, then 申请人情况 over six columns and 总计; then the applicant kinds. */
	memset(cells, 0, sizeof(cells));
	cells[0] = GK_S3_NOTE;
	cells[MD_S3_LABELS] = "申请人情况";
	cells[MD_S3_LABELS + GK_S3_ALL] = gk_s3_cols[GK_S3_ALL];
	md_row(b, cells, NC);
	md_sep(b, NC);
	memset(cells, 0, sizeof(cells));
	cells[MD_S3_LABELS + GK_S3_NATURAL] = gk_s3_cols[GK_S3_NATURAL];
	cells[MD_S3_LABELS + GK_S3_BUSINESS] = "法人或其他组织";
	md_row(b, cells, NC);
	memset(cells, 0, sizeof(cells));
	for (j = GK_S3_BUSINESS; j <= GK_S3_OTHERORG; j++)
		cells[MD_S3_LABELS + j] = gk_s3_cols[j];
	md_row(b, cells, NC);

	for (i = 0; i < GK_S3ROW__MAX; i++) {
		const struct gk_s3_rowdef *d = &gk_s3_rows[i];

		memset(cells, 0, sizeof(cells));
		if (d->role == GK_S3R_GROUP && !md_s3_has_values(r, i)) {
			/* A label only: it goes on the first leaf row of its block. */
			group_pending = i;
			continue;
		}
		if (d->role == GK_S3R_GROUP && !gk_s3_row_in((enum gk_s3row)i, r->tpl))
			group_pending = -1;	/* a subtotal row: label and values together */
		if (!md_s3_has_values(r, i))
			continue;
		switch (d->role) {
		case GK_S3R_INTAKE:
		case GK_S3R_CARRY_OUT:
			cells[0] = d->label;
			break;
		case GK_S3R_OUTCOME:
			if (d->group != (enum gk_s3row)i) {
				/* a numbered leaf under a group label */
				if (group_pending == (int)d->group) {
					cells[1] = gk_s3_rows[group_pending].label;
					group_pending = -1;
				}
				cells[2] = d->label;
			} else
				cells[1] = d->label;
			break;
		default:	/* GROUP with values, TOTAL */
			cells[1] = d->label;
			break;
		}
		if ((d->role == GK_S3R_OUTCOME || d->role == GK_S3R_GROUP ||
		    d->role == GK_S3R_TOTAL) && first_outcome) {
			cells[0] = "三、本年度办理结果";
			first_outcome = 0;
		}
		for (j = 0; j < GK_S3COL__MAX; j++) {
			gk_cell_format(&r->s3[i][j], val[j], sizeof(val[j]));
			cells[MD_S3_LABELS + j] = val[j];
		}
		md_row(b, cells, NC);
	}
	gk_buf_putc(b, '\n');
}

static void
md_section4(const struct gk_report *r, struct gk_buf *b)
{
	enum { NC = GK_S4ROUTE__MAX * GK_S4RES__MAX };
	const char	*cells[NC];
	char		 val[NC][GK_CELL_TEXT_MAX + 32];
	int		 i, j;

	memset(cells, 0, sizeof(cells));
	cells[0] = gk_s4_routes[GK_S4_RECON];
	cells[GK_S4RES__MAX] = "行政诉讼";
	md_row(b, cells, NC);
	md_sep(b, NC);
	memset(cells, 0, sizeof(cells));
	for (j = 0; j < GK_S4RES__MAX; j++)
		cells[j] = gk_s4_results[j];
	cells[GK_S4RES__MAX] = gk_s4_routes[GK_S4_SUIT_DIRECT];
	cells[2 * GK_S4RES__MAX] = gk_s4_routes[GK_S4_SUIT_AFTER];
	md_row(b, cells, NC);
	memset(cells, 0, sizeof(cells));
	for (i = 1; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			cells[i * GK_S4RES__MAX + j] = gk_s4_results[j];
	md_row(b, cells, NC);
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++) {
			gk_cell_format(&r->s4[i][j], val[i * GK_S4RES__MAX + j],
			    sizeof(val[0]));
			cells[i * GK_S4RES__MAX + j] = val[i * GK_S4RES__MAX + j];
		}
	md_row(b, cells, NC);
	gk_buf_putc(b, '\n');
}

enum gk_err
gk_render_md(const struct gk_report *r, struct gk_buf *b)
{
	if ((unsigned)r->tpl >= GK_TPL__MAX)
		return GK_EINVAL;
	gk_buf_puts(b, "# ");
	md_put_flat(b, r->agency, strlen(r->agency));
	if (r->year != 0)
		gk_buf_printf(b, "%d年", r->year);
	gk_buf_puts(b, "政府信息公开工作年度报告\n\n");
	if (r->narr[GK_NARR_OVERVIEW] != NULL) {
		md_heading(b, 0);
		md_narrative(b, r->narr[GK_NARR_OVERVIEW]);
	}
	md_heading(b, 1);
	md_section2(r, b);
	md_heading(b, 2);
	md_section3(r, b);
	md_heading(b, 3);
	md_section4(r, b);
	if (r->narr[GK_NARR_PROBLEMS] != NULL) {
		md_heading(b, 4);
		md_narrative(b, r->narr[GK_NARR_PROBLEMS]);
	}
	if (r->narr[GK_NARR_OTHER] != NULL) {
		md_heading(b, 5);
		md_narrative(b, r->narr[GK_NARR_OTHER]);
	}
	/* End with exactly one newline. */
	if (b->err == GK_OK && b->len >= 2 && b->data[b->len - 1] == '\n' &&
	    b->data[b->len - 2] == '\n') {
		b->len--;
		b->data[b->len] = '\0';
	}
	return b->err;
}
