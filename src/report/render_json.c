/*
 * render_json.c — the report as JSON, schema gongkai.report/1
 * (docs/report-json.md): one object with fixed keys in a fixed order, every
 * cell of the report's template under a stable id, numbers exact (integers
 * as JSON integers, anything else as a decimal string, never a float).
 *
 * Also owns the stable ids of the section-二 tables, rows and columns, which
 * read_json.c shares through gk_json_s2_*().
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "report/report_io.h"

#define GK_JSON_SCHEMA	"gongkai.report/1"

/* Shared with read_json.c, which declares them too (no private header). */
const char	*gk_json_s2_table_id(int table);
const char	*gk_json_s2_row_id(int table, int row);
const char	*gk_json_s2_col_id(int table, int col);

/* Parallel to gk_s2_tables[]: 4 tables of 2021, then 5 of 2019. */
static const struct {
	const char	*id;
	const char	*rows[2];
	const char	*cols[3];
} s2_ids[GK_S2_TABLES] = {
	{ "item1", { "rules", "normative_documents" }, { "issued", "repealed", "in_force" } },
	{ "item5", { "licensing" }, { "decisions" } },
	{ "item6", { "penalty", "coercion" }, { "decisions" } },
	{ "item8", { "fees" }, { "amount" } },
	{ "item1", { "rules", "normative_documents" }, { "made", "published", "total" } },
	{ "item5", { "licensing", "other_services" }, { "previous", "change", "decisions" } },
	{ "item6", { "penalty", "coercion" }, { "previous", "change", "decisions" } },
	{ "item8", { "fees" }, { "previous", "change" } },
	{ "item9", { "procurement" }, { "count", "amount" } },
};

const char *
gk_json_s2_table_id(int t)
{
	return t >= 0 && t < GK_S2_TABLES ? s2_ids[t].id : NULL;
}

const char *
gk_json_s2_row_id(int t, int row)
{
	if (t < 0 || t >= GK_S2_TABLES || row < 0 || row >= gk_s2_tables[t].nrows)
		return NULL;
	return s2_ids[t].rows[row];
}

const char *
gk_json_s2_col_id(int t, int col)
{
	if (t < 0 || t >= GK_S2_TABLES || col < 0 || col >= gk_s2_tables[t].ncols)
		return NULL;
	return s2_ids[t].cols[col];
}

/* Length of the valid UTF-8 sequence at s (strict, as jansson), 0 if invalid. */
static size_t
rj_utf8_seq(const unsigned char *s, size_t n)
{
	uint32_t	 cp;
	size_t		 k, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		k = 2, cp = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		k = 3, cp = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		k = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return k;
}

/*
 * A JSON string of s. Text read from a damaged file may hold bytes that are
 * not UTF-8; they become U+FFFD so the output stays valid JSON.
 */
static json_t *
rj_string(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 n = strlen(s), i, k;
	struct gk_buf		 b;
	json_t			*j;

	for (i = 0; i < n; i += k)
		if ((k = rj_utf8_seq(p + i, n - i)) == 0)
			break;
	if (i == n)
		return json_stringn(s, n);
	gk_buf_init(&b, 0);
	for (i = 0; i < n; i += k) {
		if ((k = rj_utf8_seq(p + i, n - i)) == 0) {
			gk_buf_puts(&b, "\xEF\xBF\xBD");
			k = 1;
		} else
			gk_buf_append(&b, p + i, k);
	}
	j = b.err == GK_OK && b.data != NULL ? json_stringn(b.data, b.len) : NULL;
	gk_buf_clear(&b);
	return j;
}

/* Adds key → v to o; consumes v; returns 0 or -1. */
static int
rj_set(json_t *o, const char *key, json_t *v)
{
	if (v == NULL)
		return -1;
	return json_object_set_new(o, key, v);
}

/*
 * A cell: integer without unit → integer; other numbers → {"number", "unit"};
 * BLANK → null; TEXT → {"text"}; UNREADABLE → {"unreadable"}. NULL on
 * failure (out of memory) or for an ABSENT cell (*absent set).
 */
static json_t *
rj_cell(const struct gk_cell *c, int *absent)
{
	struct gk_cell	 bare;
	char		 num[64];
	json_t		*o;

	*absent = 0;
	switch (c->state) {
	case GK_CELL_NUM:
		if (c->num % GK_NUM_SCALE == 0 && c->text[0] == '\0')
			return json_integer((json_int_t)(c->num / GK_NUM_SCALE));
		bare = *c;
		bare.text[0] = '\0';
		gk_cell_format(&bare, num, sizeof(num));
		if ((o = json_object()) == NULL)
			return NULL;
		if (rj_set(o, "number", json_string(num)) != 0 ||
		    (c->text[0] != '\0' && rj_set(o, "unit", rj_string(c->text)) != 0)) {
			json_decref(o);
			return NULL;
		}
		return o;
	case GK_CELL_TEXT:
	case GK_CELL_UNREADABLE:
		if ((o = json_object()) == NULL)
			return NULL;
		if (rj_set(o, c->state == GK_CELL_TEXT ? "text" : "unreadable",
		    rj_string(c->text)) != 0) {
			json_decref(o);
			return NULL;
		}
		return o;
	case GK_CELL_BLANK:
		return json_null();
	default:
		*absent = 1;
		return NULL;
	}
}

/* Adds key → cell to o unless the cell is ABSENT; returns 0 or -1. */
static int
rj_set_cell(json_t *o, const char *key, const struct gk_cell *c)
{
	int	 absent;
	json_t	*v = rj_cell(c, &absent);

	if (absent)
		return 0;
	return rj_set(o, key, v);
}

static json_t *
rj_section2(const struct gk_report *r)
{
	json_t	*s2, *tab, *row;
	int	 t, i, j;

	if ((s2 = json_object()) == NULL)
		return NULL;
	for (t = 0; t < GK_S2_TABLES; t++) {
		const struct gk_s2_table *d = &gk_s2_tables[t];

		if (d->tpl != r->tpl)
			continue;
		if (rj_set(s2, s2_ids[t].id, tab = json_object()) != 0)
			goto fail;
		for (i = 0; i < d->nrows; i++) {
			if (rj_set(tab, s2_ids[t].rows[i], row = json_object()) != 0)
				goto fail;
			for (j = 0; j < d->ncols; j++)
				if (rj_set_cell(row, s2_ids[t].cols[j],
				    &r->s2[d->first + i * d->ncols + j]) != 0)
					goto fail;
		}
	}
	return s2;
fail:
	json_decref(s2);
	return NULL;
}

/* Whether section-三 row i of r is written: a row of the template, or a group row holding a subtotal. */
static int
rj_s3_written(const struct gk_report *r, int i)
{
	int j;

	if (gk_s3_row_in((enum gk_s3row)i, r->tpl))
		return 1;
	if (gk_s3_rows[i].role != GK_S3R_GROUP)
		return 0;
	for (j = 0; j < GK_S3COL__MAX; j++)
		if (r->s3[i][j].state != GK_CELL_ABSENT)
			return 1;
	return 0;
}

static json_t *
rj_section3(const struct gk_report *r)
{
	json_t	*s3, *row;
	int	 i, j;

	if ((s3 = json_object()) == NULL)
		return NULL;
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		if (!rj_s3_written(r, i))
			continue;
		if (rj_set(s3, gk_s3_rows[i].id, row = json_object()) != 0)
			goto fail;
		for (j = 0; j < GK_S3COL__MAX; j++)
			if (rj_set_cell(row, gk_s3_col_ids[j], &r->s3[i][j]) != 0)
				goto fail;
	}
	return s3;
fail:
	json_decref(s3);
	return NULL;
}

static json_t *
rj_section4(const struct gk_report *r)
{
	json_t	*s4, *route;
	int	 i, j;

	if ((s4 = json_object()) == NULL)
		return NULL;
	for (i = 0; i < GK_S4ROUTE__MAX; i++) {
		if (rj_set(s4, gk_s4_route_ids[i], route = json_object()) != 0)
			goto fail;
		for (j = 0; j < GK_S4RES__MAX; j++)
			if (rj_set_cell(route, gk_s4_result_ids[j], &r->s4[i][j]) != 0)
				goto fail;
	}
	return s4;
fail:
	json_decref(s4);
	return NULL;
}

static json_t *
rj_narrative(const struct gk_report *r)
{
	static const char *const keys[GK_NARR__MAX] = { "overview", "problems", "other" };
	json_t	*n;
	int	 i;

	if ((n = json_object()) == NULL)
		return NULL;
	for (i = 0; i < GK_NARR__MAX; i++)
		if (rj_set(n, keys[i], r->narr[i] ? rj_string(r->narr[i]) : json_null()) != 0) {
			json_decref(n);
			return NULL;
		}
	return n;
}

static int
rj_dump_cb(const char *p, size_t n, void *arg)
{
	return gk_buf_append(arg, p, n) == GK_OK ? 0 : -1;
}

enum gk_err
gk_render_json(const struct gk_report *r, struct gk_buf *b)
{
	json_t		*root;
	int		 bad;

	if ((unsigned)r->tpl >= GK_TPL__MAX)
		return GK_EINVAL;
	if ((root = json_object()) == NULL)
		return GK_ENOMEM;
	bad = rj_set(root, "schema", json_string(GK_JSON_SCHEMA)) != 0 ||
	    rj_set(root, "template", json_string(gk_tpl_name(r->tpl))) != 0 ||
	    rj_set(root, "agency", r->agency[0] ? rj_string(r->agency) : json_null()) != 0 ||
	    rj_set(root, "year", r->year ? json_integer(r->year) : json_null()) != 0 ||
	    rj_set(root, "narrative", rj_narrative(r)) != 0 ||
	    rj_set(root, "section2", rj_section2(r)) != 0 ||
	    rj_set(root, "section3", rj_section3(r)) != 0 ||
	    rj_set(root, "section4", rj_section4(r)) != 0;
	if (bad) {
		json_decref(root);
		return b->err != GK_OK ? b->err : GK_ENOMEM;
	}
	bad = json_dump_callback(root, rj_dump_cb, b, JSON_INDENT(2) | JSON_PRESERVE_ORDER) != 0;
	json_decref(root);
	if (!bad)
		gk_buf_putc(b, '\n');
	if (b->err != GK_OK)
		return b->err;
	return bad ? GK_ENOMEM : GK_OK;
}
