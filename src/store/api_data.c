/*
 * api_data.c — see api_data.h. Prepared statements with bound parameters
 * only; the filters are fixed SQL with "?N IS NULL OR ..." so one
 * statement serves every combination.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "store/api_data.h"
#include "store/db.h"

/*
 * The list's SQL: only the filters asked for, so SQLite can use the
 * indexes on agency_id and category_id (an "?1 = 0 OR ..." term would
 * force a scan of every item). Parameters keep fixed numbers: ?1 agency,
 * ?2 category (its subtree through the CTE sub), ?3 ?4 the year's bounds
 * as text ("2025" <= published_at < "2026"), ?5 validity label.
 */
static void
list_sql(struct gk_buf *b, const struct gk_api_item_q *q, const char *head,
    const char *select, const char *tail, const char *foot)
{
	if (q->category_id != 0)
		gk_buf_puts(b, "WITH RECURSIVE sub(id) AS (SELECT ?2 UNION ALL "
		    "SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) ");
	gk_buf_puts(b, head);
	gk_buf_puts(b, select);
	gk_buf_puts(b, " WHERE i.state = 'published'");
	if (q->agency_id != 0)
		gk_buf_puts(b, " AND i.agency_id = ?1");
	if (q->category_id != 0)
		gk_buf_puts(b, " AND i.category_id IN (SELECT id FROM sub)");
	if (q->year != 0)
		gk_buf_puts(b, " AND i.published_at >= ?3 AND i.published_at < ?4");
	if (q->validity != NULL)
		gk_buf_puts(b, " AND i.validity = ?5");
	gk_buf_puts(b, tail);
	gk_buf_puts(b, foot);
}

/* Prepares the list's SQL into *st; GK_OK or the error with err filled. */
static enum gk_err
list_prepare(struct gk_db *db, const struct gk_api_item_q *q, const char *head,
    const char *select, const char *tail, const char *foot, sqlite3_stmt **st,
    const char *what, char *err, size_t errlen)
{
	struct gk_buf	b;
	int		rc;

	*st = NULL;
	gk_buf_init(&b, 0);
	list_sql(&b, q, head, select, tail, foot);
	if (b.err != GK_OK) {
		gk_buf_clear(&b);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	rc = sqlite3_prepare_v2(gk_db_sqlite(db), b.data, -1, st, NULL);
	gk_buf_clear(&b);
	if (rc != SQLITE_OK)
		return gk_db_err(db, err, errlen, what);
	return GK_OK;
}

static const char *const api_validity[] = { "有效", "失效", "废止" };

static enum gk_err
oom(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

/* A text column, "" for NULL, copied into owned memory (NULL when out of memory). */
static char *
dup_col(sqlite3_stmt *st, int c)
{
	const unsigned char *t = sqlite3_column_text(st, c);

	return gk_strdup(t != NULL ? (const char *)t : "");
}

/* A text column into a fixed buffer (cut at a character boundary). */
static void
fix_col(sqlite3_stmt *st, int c, char *dst, size_t n)
{
	const unsigned char *t = sqlite3_column_text(st, c);

	gk_strlcpy_utf8(dst, t != NULL ? (const char *)t : "", n);
}

static enum gk_err
check_q(const struct gk_api_item_q *q, char *err, size_t errlen)
{
	size_t i;

	if (q->limit < 1 || q->limit > GK_API_LIMIT_MAX) {
		snprintf(err, errlen, "每页条数应为 1 至 %d", GK_API_LIMIT_MAX);
		return GK_EINVAL;
	}
	if (q->offset > (size_t)INT64_MAX) {
		snprintf(err, errlen, "起始位置过大");
		return GK_EINVAL;
	}
	if (q->agency_id < 0 || q->category_id < 0) {
		snprintf(err, errlen, "机构或栏目编号无效");
		return GK_EINVAL;
	}
	if (q->year != 0 && (q->year < 1000 || q->year > 9998)) {
		snprintf(err, errlen, "年份 %d 无效", q->year);
		return GK_EINVAL;
	}
	if (q->validity == NULL)
		return GK_OK;
	for (i = 0; i < sizeof(api_validity) / sizeof(api_validity[0]); i++)
		if (strcmp(q->validity, api_validity[i]) == 0)
			return GK_OK;
	snprintf(err, errlen, "有效性应为 有效、失效 或 废止");
	return GK_EINVAL;
}

static void
bind_q(sqlite3_stmt *st, const struct gk_api_item_q *q)
{
	char y0[16], y1[16];

	/* A number the statement does not use is refused with SQLITE_RANGE: harmless. */
	sqlite3_bind_int64(st, 1, q->agency_id);
	sqlite3_bind_int64(st, 2, q->category_id);
	if (q->year != 0) {
		snprintf(y0, sizeof(y0), "%04d", q->year);
		snprintf(y1, sizeof(y1), "%04d", q->year + 1);
		sqlite3_bind_text(st, 3, y0, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 4, y1, -1, SQLITE_TRANSIENT);
	}
	if (q->validity != NULL)
		sqlite3_bind_text(st, 5, q->validity, -1, SQLITE_TRANSIENT);
}

static void
item_clear(struct gk_api_item *it)
{
	gk_free(it->title);
	gk_free(it->category);
	gk_free(it->topic);
	gk_free(it->publisher);
	gk_free(it->doc_no);
	gk_free(it->keywords);
	memset(it, 0, sizeof(*it));
}

void
gk_api_items_free(struct gk_api_items *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		item_clear(&l->v[i]);
	gk_free(l->v);
	memset(l, 0, sizeof(*l));
}

/* Row of the list query into *it; GK_ENOMEM (it cleared) when a copy fails. */
static enum gk_err
item_fill(sqlite3_stmt *st, struct gk_api_item *it)
{
	it->id = sqlite3_column_int64(st, 0);
	it->agency_id = sqlite3_column_int64(st, 1);
	it->category_id = sqlite3_column_int64(st, 2);
	it->title = dup_col(st, 3);
	it->category = dup_col(st, 4);
	it->topic = dup_col(st, 5);
	it->publisher = dup_col(st, 6);
	it->doc_no = dup_col(st, 7);
	it->keywords = dup_col(st, 8);
	fix_col(st, 9, it->index_no, sizeof(it->index_no));
	fix_col(st, 10, it->written, sizeof(it->written));
	fix_col(st, 11, it->published, sizeof(it->published));
	fix_col(st, 12, it->validity, sizeof(it->validity));
	if (it->title == NULL || it->category == NULL || it->topic == NULL ||
	    it->publisher == NULL || it->doc_no == NULL || it->keywords == NULL) {
		item_clear(it);
		return GK_ENOMEM;
	}
	return GK_OK;
}

enum gk_err
gk_api_items(struct gk_db *db, const struct gk_api_item_q *q, struct gk_api_items *out,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st = NULL;
	enum gk_err	 e = GK_OK;
	int		 rc = SQLITE_DONE;

	memset(out, 0, sizeof(*out));
	if ((e = check_q(q, err, errlen)) != GK_OK)
		return e;
	if ((e = list_prepare(db, q, "", "SELECT count(*) FROM item i", "", "", &st,
	    "无法统计公开信息", err, errlen)) != GK_OK)
		return e;
	bind_q(st, q);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return gk_db_err(db, err, errlen, "无法统计公开信息");
	}
	out->total = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if ((int64_t)q->offset >= out->total)
		return GK_OK;
	if ((out->v = gk_calloc(q->limit, sizeof(*out->v))) == NULL)
		return oom(err, errlen);
	/*
	 * The page's ids first (sorting only id and published_at: a deep
	 * OFFSET over 190,000 items takes 0.6 s instead of 2.6 s), then
	 * their rows.
	 */
	if ((e = list_prepare(db, q,
	    "SELECT i.id, i.agency_id, coalesce(i.category_id, 0), i.title, "
	    "coalesce(c.name, ''), i.topic, i.publisher, i.doc_no, i.keywords, i.index_no, "
	    "coalesce(i.written_date, ''), substr(i.published_at, 1, 10), i.validity FROM (",
	    "SELECT i.id, i.published_at FROM item i",
	    " ORDER BY i.published_at DESC, i.id DESC LIMIT ?6 OFFSET ?7",
	    ") s JOIN item i ON i.id = s.id LEFT JOIN category c ON c.id = i.category_id "
	    "ORDER BY s.published_at DESC, s.id DESC", &st,
	    "无法查询公开信息", err, errlen)) != GK_OK) {
		gk_api_items_free(out);
		return e;
	}
	bind_q(st, q);
	sqlite3_bind_int64(st, 6, (int64_t)q->limit);
	sqlite3_bind_int64(st, 7, (int64_t)q->offset);
	while (out->n < q->limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (item_fill(st, &out->v[out->n]) != GK_OK) {
			e = oom(err, errlen);
			break;
		}
		out->n++;
	}
	if (e == GK_OK && out->n < q->limit && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询公开信息");
	sqlite3_finalize(st);
	if (e != GK_OK)
		gk_api_items_free(out);
	return e;
}

void
gk_api_cats_free(struct gk_api_cats *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_free(l->v[i].name);
	gk_free(l->v);
	memset(l, 0, sizeof(*l));
}

enum gk_err
gk_api_top_categories(struct gk_db *db, int64_t agency_id, struct gk_api_cats *out,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0;
	int		 rc;

	memset(out, 0, sizeof(*out));
	/* Every category with its top-level ancestor, then the published items per top. */
	if (sqlite3_prepare_v2(gk_db_sqlite(db),
	    "WITH RECURSIVE tree(id, top) AS ("
	    " SELECT id, id FROM category WHERE agency_id = ?1 AND parent_id IS NULL"
	    " UNION ALL SELECT c.id, tree.top FROM category c JOIN tree ON c.parent_id = tree.id) "
	    "SELECT t.id, t.name, (SELECT count(*) FROM item i JOIN tree ON tree.id = i.category_id"
	    " WHERE tree.top = t.id AND i.state = 'published' AND i.agency_id = ?1) "
	    "FROM category t WHERE t.agency_id = ?1 AND t.parent_id IS NULL "
	    "ORDER BY t.sort, t.id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询栏目");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_api_cat *c;

		if (out->n == cap) {
			size_t		 nc = cap == 0 ? 16 : cap * 2;
			struct gk_api_cat *v = gk_realloc(out->v, nc * sizeof(*v));

			if (v == NULL)
				break;
			out->v = v;
			cap = nc;
		}
		c = &out->v[out->n];
		c->id = sqlite3_column_int64(st, 0);
		c->published = sqlite3_column_int64(st, 2);
		if ((c->name = dup_col(st, 1)) == NULL)
			break;
		out->n++;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW) {
		gk_api_cats_free(out);
		return oom(err, errlen);
	}
	if (rc != SQLITE_DONE) {
		gk_api_cats_free(out);
		return gk_db_err(db, err, errlen, "无法查询栏目");
	}
	return GK_OK;
}

enum gk_err
gk_api_item_title(struct gk_db *db, int64_t id, char **title, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*title = NULL;
	if (sqlite3_prepare_v2(gk_db_sqlite(db),
	    "SELECT title FROM item WHERE id = ?1 AND state = 'published'", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询公开信息");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*title = dup_col(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "信息 %lld 不存在或未公开", (long long)id);
		return GK_ENOTFOUND;
	}
	if (rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法查询公开信息");
	return *title != NULL ? GK_OK : oom(err, errlen);
}
