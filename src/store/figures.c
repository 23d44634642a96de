/*
 * figures.c — the figure table: set, list, and the CSV import (parsed
 * without the database, then checked and written in one transaction).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/workflow.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/figures.h"
#include "store/user.h"

#define FIGURE_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_ADMIN))
#define CSV_FIELDS_MAX	5
#define CSV_FIELD_MAX	2048	/* bytes */

void
gk_figure_list_free(struct gk_figure_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		gk_free(l->v[i].source);
		gk_free(l->v[i].updated_at);
	}
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

static enum gk_err
check_one(int year, const char *key, const char *source, char *err, size_t errlen)
{
	long n;

	if (year < GK_FIGURE_YEAR_MIN || year > GK_FIGURE_YEAR_MAX) {
		snprintf(err, errlen, "年度 %d 超出范围（%d–%d）", year, GK_FIGURE_YEAR_MIN,
		    GK_FIGURE_YEAR_MAX);
		return GK_EINVAL;
	}
	if (!gk_gen_figkey_valid(key)) {
		snprintf(err, errlen, "键“%.80s”无效（小写字母开头，只含 a-z 0-9 _ .，最多 63 字节）", key);
		return GK_EINVAL;
	}
	n = gk_text_chars(source ? source : "");
	if (n < 0 || n > GK_FIGURE_SOURCE_MAX) {
		snprintf(err, errlen, "来源说明无效（最多 %d 个字符，不含控制字符）", GK_FIGURE_SOURCE_MAX);
		return GK_EINVAL;
	}
	return GK_OK;
}

/* The stored value of a figure into *old (1), 0 when none, -1 on error. */
static int
figure_old(sqlite3 *h, int64_t agency_id, int year, const char *key, int64_t *old)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT value FROM figure WHERE agency_id = ?1 AND year = ?2"
	    " AND key = ?3", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*old = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static json_t *
json_scaled(int64_t v)
{
	char		buf[64];
	struct gk_cell	c;

	gk_cell_set_num(&c, v);
	gk_cell_format(&c, buf, sizeof(buf));
	return json_string(buf);
}

/* Inside a transaction: authorisation, the row, its audit entry. */
static enum gk_err
figure_write(struct gk_db *db, const char *actor, int64_t agency_id, int year,
    const char *key, int64_t value, const char *source, const char *now,
    char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	json_t		*o;
	char		*s;
	int64_t		 old = 0;
	int		 had, rc;
	enum gk_err	 e;

	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			return gk_db_err(db, err, errlen, "无法查询机构");
		snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	if ((e = gk_user_authorize(db, actor, agency_id, FIGURE_ROLES, 1, err, errlen)) != GK_OK)
		return e;
	if ((had = figure_old(h, agency_id, year, key, &old)) < 0)
		return gk_db_err(db, err, errlen, "无法查询数据");
	if (sqlite3_prepare_v2(h, "INSERT INTO figure (agency_id, year, key, value, source,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (agency_id, year, key)"
	    " DO UPDATE SET value = excluded.value, source = excluded.source,"
	    " updated_at = excluded.updated_at", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法保存数据");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, key, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, value);
	sqlite3_bind_text(st, 5, source ? source : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法保存数据");
	o = json_pack("{s:i, s:s, s:o, s:o, s:s}", "year", year, "key", key,
	    "value", json_scaled(value), "old", had ? json_scaled(old) : json_null(),
	    "source", source ? source : "");
	s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER) : NULL;
	json_decref(o);
	if (s == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	e = gk_audit_append(db, actor, "figure", agency_id, had ? "update" : "set", s, now,
	    NULL, err, errlen);
	free(s);
	return e;
}

enum gk_err
gk_figure_set(struct gk_db *db, const char *actor, int64_t agency_id, int year,
    const char *key, int64_t value, const char *source, const char *now,
    char *err, size_t errlen)
{
	const struct gk_gen_figkey	*k;
	enum gk_err			 e;

	if ((e = check_one(year, key, source, err, errlen)) != GK_OK)
		return e;
	if ((k = gk_gen_figkey_find(key)) != NULL &&
	    ((k->kind != GK_KIND_DELTA && value < 0) ||
	    (k->kind != GK_KIND_AMOUNT && value % GK_NUM_SCALE != 0))) {
		snprintf(err, errlen, "%s 的数值不符合要求（%s）", key,
		    k->kind == GK_KIND_AMOUNT ? "非负数" : k->kind == GK_KIND_COUNT ?
		    "非负整数" : "整数");
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = figure_write(db, actor, agency_id, year, key, value, source, now, err,
	    errlen)) != GK_OK) {
		gk_db_tx_rollback(db);
		return e;
	}
	return gk_db_tx_commit(db, err, errlen);
}

enum gk_err
gk_figure_list(struct gk_db *db, int64_t agency_id, int year, struct gk_figure_list *l,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT key, value, source, updated_at"
	    " FROM figure WHERE agency_id = ?1 AND year = ?2 ORDER BY key", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询数据");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_figure *p = gk_realloc(l->v, (l->n + 1) * sizeof(*p));

		if (p == NULL)
			goto nomem;
		l->v = p;
		p = &l->v[l->n];
		memset(p, 0, sizeof(*p));
		p->agency_id = agency_id;
		p->year = year;
		gk_strlcpy_utf8(p->key, (const char *)sqlite3_column_text(st, 0), sizeof(p->key));
		p->value = sqlite3_column_int64(st, 1);
		l->n++;
		if ((p->source = gk_strdup((const char *)sqlite3_column_text(st, 2))) == NULL ||
		    (p->updated_at = gk_strdup((const char *)sqlite3_column_text(st, 3))) == NULL)
			goto nomem;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_figure_list_free(l);
		return gk_db_err(db, err, errlen, "无法查询数据");
	}
	return GK_OK;
nomem:
	sqlite3_finalize(st);
	gk_figure_list_free(l);
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

/* CSV. */

void
gk_figure_csv_free(struct gk_figure_csv *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->n; i++) {
		gk_free(c->v[i].agency);
		gk_free(c->v[i].key);
		gk_free(c->v[i].source);
	}
	gk_free(c->v);
	gk_free(c->problems);
	memset(c, 0, sizeof(*c));
}

/* Adds a problem, keeping them in line order (insertion from the end). */
static void
problem(struct gk_figure_csv *c, size_t line, const char *msg)
{
	struct gk_figure_csv_problem	*p;
	size_t				 i;

	if (c->err != GK_OK)
		return;
	if (c->nproblems >= GK_FIGURE_CSV_ROWS) {
		c->err = GK_ELIMIT;
		return;
	}
	if ((p = gk_realloc(c->problems, (c->nproblems + 1) * sizeof(*p))) == NULL) {
		c->err = GK_ENOMEM;
		return;
	}
	c->problems = p;
	for (i = c->nproblems; i > 0 && p[i - 1].line > line; i--)
		p[i] = p[i - 1];
	p[i].line = line;
	gk_strlcpy_utf8(p[i].msg, msg, sizeof(p[i].msg));
	c->nproblems++;
}

struct csv_rec {
	char	 f[CSV_FIELDS_MAX + 1][CSV_FIELD_MAX];
	size_t	 nf;
	int	 too_many, too_long;
};

/*
 * Reads one record from buf at *pos into r; *line advances over its line
 * ends. 0 at the end of input, 1 for a record, -1 for an unterminated quote.
 */
static int
csv_next(const char *buf, size_t len, size_t *pos, size_t *line, struct csv_rec *r)
{
	size_t	i = *pos, k = 0;
	int	quoted = 0, was_quoted = 0;

	if (i >= len)
		return 0;
	memset(r, 0, sizeof(*r));
	r->nf = 1;
	for (;;) {
		char ch;

		if (i >= len) {
			if (quoted)
				return -1;
			break;
		}
		ch = buf[i++];
		if (quoted) {
			if (ch == '"') {
				if (i < len && buf[i] == '"')
					i++;
				else {
					quoted = 0;
					continue;
				}
			} else if (ch == '\n')
				(*line)++;
		} else if (ch == '"' && k == 0 && !was_quoted) {
			quoted = was_quoted = 1;
			continue;
		} else if (ch == ',') {
			if (r->nf > CSV_FIELDS_MAX)
				r->too_many = 1;
			else
				r->nf++;
			k = 0;
			was_quoted = 0;
			continue;
		} else if (ch == '\r' && i < len && buf[i] == '\n') {
			continue;
		} else if (ch == '\n') {
			(*line)++;
			break;
		}
		if (r->nf > CSV_FIELDS_MAX)
			continue;
		if (k + 1 >= CSV_FIELD_MAX) {
			r->too_long = 1;
			continue;
		}
		r->f[r->nf - 1][k++] = ch;
	}
	*pos = i;
	return 1;
}

/* Removes surrounding spaces in place. */
static char *
trim(char *s)
{
	size_t n;

	while (*s == ' ' || *s == '\t')
		s++;
	n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static int
parse_year(const char *s, int *y)
{
	char	*end;
	long	 v;

	if (*s < '0' || *s > '9')
		return 0;
	v = strtol(s, &end, 10);
	if (*end != '\0' || v < GK_FIGURE_YEAR_MIN || v > GK_FIGURE_YEAR_MAX)
		return 0;
	*y = (int)v;
	return 1;
}

static enum gk_err
csv_row(struct gk_figure_csv *c, struct csv_rec *r, size_t line)
{
	struct gk_figure_csv_row	*p;
	char				 msg[400];
	char				*ag = trim(r->f[0]), *ys = trim(r->f[1]), *key = trim(r->f[2]);
	char				*val = trim(r->f[3]), *src = trim(r->f[4]);
	int				 year;
	int64_t				 v;

	if (r->too_many || r->nf < 4 || r->nf > CSV_FIELDS_MAX) {
		snprintf(msg, sizeof(msg), "应有 4 或 5 列（机关,年度,键,数值,来源），实有 %s%zu 列",
		    r->too_many ? "超过 " : "", r->nf);
		problem(c, line, msg);
		return GK_OK;
	}
	if (r->too_long) {
		problem(c, line, "字段过长");
		return GK_OK;
	}
	if (*ag == '\0') {
		problem(c, line, "缺少机关（编号或统一社会信用代码）");
		return GK_OK;
	}
	if (!parse_year(ys, &year)) {
		snprintf(msg, sizeof(msg), "年度“%.40s”无效（%d–%d）", ys, GK_FIGURE_YEAR_MIN,
		    GK_FIGURE_YEAR_MAX);
		problem(c, line, msg);
		return GK_OK;
	}
	if (check_one(year, key, src, msg, sizeof(msg)) != GK_OK ||
	    gk_gen_figure_parse(key, val, &v, msg, sizeof(msg)) != GK_OK) {
		problem(c, line, msg);
		return GK_OK;
	}
	if (c->n >= GK_FIGURE_CSV_ROWS)
		return GK_ELIMIT;
	if ((p = gk_realloc(c->v, (c->n + 1) * sizeof(*p))) == NULL)
		return GK_ENOMEM;
	c->v = p;
	p = &c->v[c->n];
	memset(p, 0, sizeof(*p));
	p->line = line;
	p->year = year;
	p->value = v;
	c->n++;
	if ((p->agency = gk_strdup(ag)) == NULL || (p->key = gk_strdup(key)) == NULL ||
	    (p->source = gk_strdup(src)) == NULL)
		return GK_ENOMEM;
	return GK_OK;
}

enum gk_err
gk_figure_csv_parse(const char *buf, size_t len, struct gk_figure_csv *c)
{
	struct csv_rec	*r;
	size_t		 pos = 0, line = 1, start;
	int		 rc, header = 1;
	enum gk_err	 e = GK_OK;

	memset(c, 0, sizeof(*c));
	if (len > GK_FIGURE_CSV_MAX)
		return GK_ELIMIT;
	if (gk_utf8_check(buf, len) != len || memchr(buf, '\0', len) != NULL) {
		problem(c, 1, "文件不是 UTF-8 文本");
		return GK_EINVAL;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		pos = 3;
	if ((r = gk_malloc(sizeof(*r))) == NULL)
		return GK_ENOMEM;
	while (e == GK_OK) {
		start = line;
		if ((rc = csv_next(buf, len, &pos, &line, r)) == 0)
			break;
		if (rc < 0) {
			problem(c, start, "引号没有闭合");
			e = GK_EINVAL;
			break;
		}
		if (r->nf == 1 && trim(r->f[0])[0] == '\0')
			continue;	/* a blank line */
		if (header) {
			int y;

			header = 0;
			if (r->nf >= 2 && parse_year(trim(r->f[1]), &y))
				problem(c, start, "第一行应为表头（机关,年度,键,数值,来源），不是数据");
			continue;
		}
		e = csv_row(c, r, start);
	}
	gk_free(r);
	if (e == GK_OK && header)
		problem(c, 1, "文件是空的（应有表头和数据行）");
	if (e == GK_OK && c->err != GK_OK)
		e = c->err;
	return e;
}

/* The agency of a CSV field: a positive id or an 18-character code. */
static enum gk_err
csv_agency(struct gk_db *db, const char *s, int64_t *id, char *msg, size_t n)
{
	struct gk_agency	a;
	size_t			i, len = strlen(s);
	int			digits = 1, rc;

	for (i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			digits = 0;
	if (digits && len < 18) {
		char *end;

		*id = strtoll(s, &end, 10);
		if (*id <= 0 || (rc = gk_agency_exists(gk_db_sqlite(db), *id)) == 0) {
			snprintf(msg, n, "机构编号 %.20s 不存在", s);
			return GK_ENOTFOUND;
		}
		return rc < 0 ? gk_db_err(db, msg, n, "无法查询机构") : GK_OK;
	}
	if (len != GK_USCC_LEN) {
		snprintf(msg, n, "机关“%.40s”既不是编号也不是 18 位统一社会信用代码", s);
		return GK_EINVAL;
	}
	if (gk_agency_get_by_uscc(db, s, &a, msg, n) != GK_OK) {
		snprintf(msg, n, "统一社会信用代码 %s 未登记", s);
		return GK_ENOTFOUND;
	}
	*id = a.id;
	gk_agency_clear(&a);
	return GK_OK;
}

enum gk_err
gk_figure_import(struct gk_db *db, const char *actor, const char *buf, size_t len,
    const char *now, size_t *nrows, struct gk_buf *problems, char *err, size_t errlen)
{
	struct gk_figure_csv	 c;
	int64_t			*ids = NULL;
	size_t			 i, j;
	char			 msg[512];
	enum gk_err		 e;

	*nrows = 0;
	e = gk_figure_csv_parse(buf, len, &c);
	if (e == GK_ENOMEM || e == GK_ELIMIT) {
		snprintf(err, errlen, "%s", e == GK_ENOMEM ? "内存不足" : "文件过大或行数过多");
		gk_figure_csv_free(&c);
		return e;
	}
	if (c.n > 0 && (ids = gk_calloc(c.n, sizeof(*ids))) == NULL) {
		gk_figure_csv_free(&c);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	for (i = 0; i < c.n; i++) {
		if (csv_agency(db, c.v[i].agency, &ids[i], msg, sizeof(msg)) != GK_OK) {
			problem(&c, c.v[i].line, msg);
			ids[i] = 0;
			continue;
		}
		for (j = 0; j < i; j++)
			if (ids[j] == ids[i] && c.v[j].year == c.v[i].year &&
			    strcmp(c.v[j].key, c.v[i].key) == 0) {
				snprintf(msg, sizeof(msg), "与第 %zu 行重复（同一机关、年度和键）",
				    c.v[j].line);
				problem(&c, c.v[i].line, msg);
				break;
			}
	}
	if (c.nproblems == 0 && c.n == 0)
		problem(&c, 1, "没有数据行");
	if ((e = c.err) != GK_OK) {
		snprintf(err, errlen, "%s", gk_strerror(e));
		gk_free(ids);
		gk_figure_csv_free(&c);
		return e;
	}
	if (c.nproblems > 0) {
		for (i = 0; i < c.nproblems; i++)
			gk_buf_printf(problems, "第 %zu 行：%s\n", c.problems[i].line, c.problems[i].msg);
		snprintf(err, errlen, "%zu 处错误，未导入任何数据", c.nproblems);
		gk_free(ids);
		gk_figure_csv_free(&c);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	for (i = 0; i < c.n; i++)
		if ((e = figure_write(db, actor, ids[i], c.v[i].year, c.v[i].key, c.v[i].value,
		    c.v[i].source, now, msg, sizeof(msg))) != GK_OK) {
			snprintf(err, errlen, "第 %zu 行：%s（未导入任何数据）", c.v[i].line, msg);
			gk_buf_printf(problems, "第 %zu 行：%s\n", c.v[i].line, msg);
			gk_db_tx_rollback(db);
			goto out;
		}
	if ((e = gk_db_tx_commit(db, err, errlen)) == GK_OK)
		*nrows = c.n;
out:
	gk_free(ids);
	gk_figure_csv_free(&c);
	return e;
}
