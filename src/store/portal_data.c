/*
 * portal_data.c — see portal_data.h. Prepared statements only.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/portal_data.h"

/* The category and every category below it (a recursive walk of parent_id). */
#define PD_SUBTREE \
	"WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL " \
	"SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) "
/*
 * The filter, one fixed text per case (agency given or 0, category given
 * or 0) rather than "(?1 = 0 OR …)", which keeps SQLite from using the
 * indexes on agency_id and category_id.
 */
static const char *const pd_where[4] = {
	"FROM item i WHERE i.state = 'published' ",
	"FROM item i WHERE i.agency_id = ?1 AND i.state = 'published' ",
	/* A section: the covering index on (category_id, published_at, agency_id, state). */
	"FROM item i INDEXED BY item_category WHERE i.category_id IN (SELECT id FROM sub) "
	    "AND i.state = 'published' ",
	"FROM item i INDEXED BY item_category WHERE i.category_id IN (SELECT id FROM sub) "
	    "AND i.agency_id = ?1 AND i.state = 'published' ",
};

/* Prepares head + the filter for (agency_id, category_id) + tail, and binds ?1 and ?2. */
static int
pd_prepare(struct gk_db *db, const char *head, int64_t agency_id, int64_t category_id,
    const char *tail, sqlite3_stmt **st)
{
	char	sql[1024];
	int	w = snprintf(sql, sizeof(sql), "%s%s%s", head,
		    pd_where[(agency_id != 0) + 2 * (category_id != 0)], tail);

	if (w < 0 || (size_t)w >= sizeof(sql) ||
	    sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, st, NULL) != SQLITE_OK)
		return -1;
	if (agency_id != 0)
		sqlite3_bind_int64(*st, 1, agency_id);
	sqlite3_bind_int64(*st, 2, category_id);
	return 0;
}

static void
col_copy(sqlite3_stmt *st, int c, char *dst, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(st, c);

	gk_strlcpy_utf8(dst, s != NULL ? s : "", n);
}

void
gk_pd_items_free(struct gk_pd_items *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_free(l->v[i].title);
	gk_free(l->v);
	memset(l, 0, sizeof(*l));
}

enum gk_err
gk_pd_items(struct gk_db *db, int64_t agency_id, int64_t category_id, size_t limit,
    size_t offset, struct gk_pd_items *out, char *err, size_t errlen)
{
	sqlite3_stmt	*st = NULL;
	int		 rc;
	enum gk_err	 e = GK_OK;

	memset(out, 0, sizeof(*out));
	if (limit == 0 || limit > GK_PD_LIMIT_MAX || offset > (size_t)INT64_MAX) {
		snprintf(err, errlen, "每页条数应为 1 至 %d", GK_PD_LIMIT_MAX);
		return GK_EINVAL;
	}
	if ((e = gk_pd_count(db, agency_id, category_id, &out->total, err, errlen)) != GK_OK)
		return e;
	if (out->total == 0 || (int64_t)offset >= out->total)
		return GK_OK;
	out->v = gk_calloc(limit, sizeof(*out->v));
	if (out->v == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	/* The page's ids from the index first, then only those rows. */
	if (pd_prepare(db, PD_SUBTREE "SELECT r.id, r.agency_id, coalesce(r.category_id, 0), "
	    "r.title, r.index_no, coalesce(r.published_at, '') FROM item r WHERE r.id IN "
	    "(SELECT i.id ", agency_id, category_id,
	    "ORDER BY i.published_at DESC, i.id DESC LIMIT ?3 OFFSET ?4) "
	    "ORDER BY r.published_at DESC, r.id DESC", &st) != 0) {
		gk_pd_items_free(out);
		return gk_db_err(db, err, errlen, "无法查询公开信息");
	}
	sqlite3_bind_int64(st, 3, (int64_t)limit);
	sqlite3_bind_int64(st, 4, (int64_t)offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && out->n < limit) {
		struct gk_pd_item *it = &out->v[out->n];
		const char *t = (const char *)sqlite3_column_text(st, 3);

		it->id = sqlite3_column_int64(st, 0);
		it->agency_id = sqlite3_column_int64(st, 1);
		it->category_id = sqlite3_column_int64(st, 2);
		it->title = gk_strdup(t != NULL ? t : "");
		if (it->title == NULL) {
			e = GK_ENOMEM;
			snprintf(err, errlen, "内存不足");
			break;
		}
		col_copy(st, 4, it->index_no, sizeof(it->index_no));
		col_copy(st, 5, it->published_at, sizeof(it->published_at));
		gk_strlcpy_utf8(it->published, it->published_at, sizeof(it->published));
		out->n++;
	}
	if (e == GK_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询公开信息");
	sqlite3_finalize(st);
	if (e != GK_OK) {
		gk_pd_items_free(out);
		return e;
	}
	return GK_OK;
}

enum gk_err
gk_pd_count(struct gk_db *db, int64_t agency_id, int64_t category_id, int64_t *n, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;

	*n = 0;
	if (pd_prepare(db, PD_SUBTREE "SELECT count(*) ", agency_id, category_id, "", &st) != 0)
		return gk_db_err(db, err, errlen, "无法统计公开信息");
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return gk_db_err(db, err, errlen, "无法统计公开信息");
	}
	*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return GK_OK;
}

enum gk_err
gk_pd_item_ids(struct gk_db *db, int64_t after, int64_t *ids, size_t max, size_t *n, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id FROM item WHERE id > ? AND "
	    "state = 'published' ORDER BY id LIMIT ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询公开信息");
	sqlite3_bind_int64(st, 1, after);
	sqlite3_bind_int64(st, 2, (int64_t)max);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		ids[(*n)++] = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法查询公开信息");
	return GK_OK;
}

void
gk_pd_counts_free(struct gk_pd_counts *c)
{
	if (c == NULL)
		return;
	gk_free(c->id);
	gk_free(c->n);
	memset(c, 0, sizeof(*c));
}

enum gk_err
gk_pd_category_counts(struct gk_db *db, int64_t agency_id, int year, struct gk_pd_counts *out,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;
	char		 y[8];

	memset(out, 0, sizeof(*out));
	snprintf(y, sizeof(y), "%04d", year > 0 && year < 10000 ? year : 0);
	if (sqlite3_prepare_v2(gk_db_sqlite(db),
	    /* Index-only: the covering index item_category, one range per category. */
	    "SELECT coalesce(category_id, 0) AS c, count(*) FROM item INDEXED BY item_category "
	    "WHERE (category_id IN (SELECT id FROM category WHERE agency_id = ?1) "
	    "OR category_id IS NULL) AND agency_id = ?1 AND state = 'published' "
	    "AND (?2 = 0 OR substr(published_at, 1, 4) = ?3) GROUP BY c ORDER BY c",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法统计栏目信息");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, y, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->len == cap) {
			size_t	 nc = cap == 0 ? 16 : cap * 2;
			int64_t	*a = gk_realloc(out->id, nc * sizeof(*a));

			if (a != NULL)
				out->id = a;
			a = a == NULL ? NULL : gk_realloc(out->n, nc * sizeof(*a));
			if (a == NULL) {
				sqlite3_finalize(st);
				gk_pd_counts_free(out);
				snprintf(err, errlen, "内存不足");
				return GK_ENOMEM;
			}
			out->n = a;
			cap = nc;
		}
		out->id[out->len] = sqlite3_column_int64(st, 0);
		out->n[out->len] = sqlite3_column_int64(st, 1);
		out->len++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_pd_counts_free(out);
		return gk_db_err(db, err, errlen, "无法统计栏目信息");
	}
	return GK_OK;
}

enum gk_err
gk_pd_month_counts(struct gk_db *db, int64_t agency_id, int year, int64_t month[12],
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;
	char		 y[8];

	memset(month, 0, 12 * sizeof(month[0]));
	snprintf(y, sizeof(y), "%04d", year > 0 && year < 10000 ? year : 0);
	if (sqlite3_prepare_v2(gk_db_sqlite(db),
	    "SELECT CAST(substr(published_at, 6, 2) AS INTEGER), count(*) FROM item "
	    "WHERE agency_id = ?1 AND state = 'published' AND substr(published_at, 1, 4) = ?2 "
	    "GROUP BY 1", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法按月统计信息");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, y, -1, SQLITE_TRANSIENT);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int m = sqlite3_column_int(st, 0);

		if (m >= 1 && m <= 12)
			month[m - 1] = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法按月统计信息");
	return GK_OK;
}

enum gk_err
gk_pd_report_years(struct gk_db *db, int64_t agency_id, int *years, size_t max, size_t *n,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db),
	    "SELECT DISTINCT year FROM report_snapshot WHERE agency_id = ? ORDER BY year DESC",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询年度报告");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *n < max)
		years[(*n)++] = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法查询年度报告");
	return GK_OK;
}

enum gk_err
gk_pd_attachment_item(struct gk_db *db, int64_t id, int64_t *item_id, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*item_id = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT item_id FROM attachment WHERE id = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询附件");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*item_id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "附件 #%lld 不存在", (long long)id);
		return GK_ENOTFOUND;
	}
	if (rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法查询附件");
	return GK_OK;
}

enum gk_err
gk_pd_newest(struct gk_db *db, int64_t agency_id, char out[40], char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	out[0] = '\0';
	if (sqlite3_prepare_v2(gk_db_sqlite(db),
	    "SELECT max(published_at) FROM item WHERE state = 'published' "
	    "AND (?1 = 0 OR agency_id = ?1)", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询公开信息");
	sqlite3_bind_int64(st, 1, agency_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		col_copy(st, 0, out, 40);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法查询公开信息");
	return GK_OK;
}
