/*
 * sitecheck_data.c — the website self-check's facts from the store
 * (sitecheck_data.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/category.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/sitecheck_data.h"

#define SC_MAX_ROWS	1000000

/* A copy of s kept in d (freed with it); NULL when out of memory. */
static const char *
keep(struct gk_sitecheck_data *d, const char *s, size_t n)
{
	char	**nv, *c;

	if (d->nstrs == d->strs_cap) {
		d->strs_cap = d->strs_cap ? d->strs_cap * 2 : 64;
		if ((nv = gk_calloc(d->strs_cap, sizeof(*nv))) == NULL)
			return NULL;
		if (d->nstrs > 0)
			memcpy(nv, d->strs, d->nstrs * sizeof(*nv));
		gk_free(d->strs);
		d->strs = nv;
	}
	if ((c = gk_malloc(n + 1)) == NULL)
		return NULL;
	memcpy(c, s, n);
	c[n] = '\0';
	d->strs[d->nstrs++] = c;
	return c;
}

static const char *
keep_col(struct gk_sitecheck_data *d, sqlite3_stmt *st, int col)
{
	const char *t = (const char *)sqlite3_column_text(st, col);

	return keep(d, t ? t : "", t ? (size_t)sqlite3_column_bytes(st, col) : 0);
}

static int32_t
col_date(sqlite3_stmt *st, int col)
{
	const char	*t = (const char *)sqlite3_column_text(st, col);
	int32_t		 d;

	if (t == NULL || strlen(t) < 10 || gk_date_parse(t, 10, &d) != GK_OK)
		return GK_DATE_NONE;
	return d;
}

/* Grows *v (element size sz) to hold n + 1; 0 or -1. */
static int
grow(void **v, size_t n, size_t *cap, size_t sz)
{
	void *nv;

	if (n < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 32;
	if (*cap > SC_MAX_ROWS || (nv = gk_calloc(*cap, sz)) == NULL)
		return -1;
	if (n > 0)
		memcpy(nv, *v, n * sz);
	gk_free(*v);
	*v = nv;
	return 0;
}

static enum gk_err
nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

static enum gk_err
columns(struct gk_db *db, int64_t agency_id, struct gk_sitecheck_data *d, char *err,
    size_t errlen)
{
	struct gk_category_list	*l = &d->cats;
	sqlite3_stmt		*st;
	size_t			 i, j;
	int64_t			 cat, cur;
	int32_t			 last;
	int			 rc, depth;

	if ((rc = gk_category_list(db, agency_id, l, err, errlen)) != GK_OK)
		return (enum gk_err)rc;
	if (l->n > 0 && (d->cols = gk_calloc(l->n, sizeof(*d->cols))) == NULL)
		return nomem(err, errlen);
	for (i = 0; i < l->n; i++) {
		const struct gk_category_row *c = &l->v[i];
		struct sc_column *sc = &d->cols[i];

		sc->id = c->id;
		sc->path = c->path;
		sc->top = c->depth == 0;
		sc->last = GK_DATE_NONE;
		sc->leaf = 1;
		for (j = 0; j < l->n; j++)
			if (l->v[j].parent_id == c->id)
				sc->leaf = 0;
		if (c->kind == CATEGORY_KIND_NEWS || strstr(c->name, "动态") != NULL ||
		    strstr(c->name, "要闻") != NULL)
			sc->kind = SC_COL_NEWS;
		else if (c->kind == CATEGORY_KIND_POLICY || strstr(c->name, "通知公告") != NULL)
			sc->kind = SC_COL_NOTICE;
		sc->exempt = c->code != NULL && (strcmp(c->code, "zcwj-gz") == 0 ||
		    strcmp(c->code, "zcwj-gfx") == 0);
	}
	d->in.cols = d->cols;
	d->in.ncols = l->n;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT category_id, count(*),"
	    " max(published_at) FROM item WHERE agency_id = ? AND state = 'published'"
	    " AND category_id IS NOT NULL GROUP BY category_id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法统计栏目");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		cat = sqlite3_column_int64(st, 0);
		last = col_date(st, 2);
		/* the column and each of its ancestors */
		for (cur = cat, depth = 0; cur != 0 && depth <= GK_CATEGORY_DEPTH_MAX; depth++) {
			for (i = 0; i < l->n && l->v[i].id != cur; i++)
				;
			if (i == l->n)
				break;
			d->cols[i].count += (size_t)sqlite3_column_int64(st, 1);
			if (last != GK_DATE_NONE && (d->cols[i].last == GK_DATE_NONE ||
			    last > d->cols[i].last))
				d->cols[i].last = last;
			cur = l->v[i].parent_id;
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法统计栏目");
}

static enum gk_err
consults(struct gk_db *db, int64_t agency_id, struct gk_sitecheck_data *d, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0, n = 0;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, title, asked_date, answer_date,"
	    " state FROM consultation WHERE agency_id = ? ORDER BY asked_date, id", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询留言");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sc_consult *q;

		if (grow((void **)&d->consults, n, &cap, sizeof(*d->consults)) != 0) {
			sqlite3_finalize(st);
			return nomem(err, errlen);
		}
		q = &d->consults[n];
		q->id = sqlite3_column_int64(st, 0);
		if ((q->title = keep_col(d, st, 1)) == NULL) {
			sqlite3_finalize(st);
			return nomem(err, errlen);
		}
		q->asked = col_date(st, 2);
		q->answered = col_date(st, 3);
		t = (const char *)sqlite3_column_text(st, 4);
		q->rejected = t != NULL && strcmp(t, "rejected") == 0;
		n++;
	}
	sqlite3_finalize(st);
	d->in.consults = d->consults;
	d->in.nconsults = n;
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法查询留言");
}

static enum gk_err
items(struct gk_db *db, int64_t agency_id, struct gk_sitecheck_data *d, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	size_t		 cap = 0, n = 0;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, index_no, title, due_date,"
	    " published_at, state FROM item WHERE agency_id = ? AND due_date IS NOT NULL"
	    " ORDER BY due_date, id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询信息");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sc_item *it;

		if (grow((void **)&d->items, n, &cap, sizeof(*d->items)) != 0) {
			sqlite3_finalize(st);
			return nomem(err, errlen);
		}
		it = &d->items[n];
		it->id = sqlite3_column_int64(st, 0);
		if ((it->index_no = keep_col(d, st, 1)) == NULL ||
		    (it->title = keep_col(d, st, 2)) == NULL) {
			sqlite3_finalize(st);
			return nomem(err, errlen);
		}
		it->due = col_date(st, 3);
		it->published = col_date(st, 4);
		t = (const char *)sqlite3_column_text(st, 5);
		it->withdrawn = t != NULL && strcmp(t, "withdrawn") == 0;
		n++;
	}
	sqlite3_finalize(st);
	d->in.items = d->items;
	d->in.nitems = n;
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法查询信息");
}

/* One integer query with up to two id parameters: 1 a row (*out), 0 none, -1 error. */
static int
q_int(sqlite3 *h, const char *sql, int64_t a, int64_t b, int64_t *out)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	if (sqlite3_bind_parameter_count(st) > 1)
		sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out != NULL)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* A decimal id at p followed by end, '/' or nothing else: 1 and *id. */
static int
path_id(const char *p, int64_t *id, const char **rest)
{
	char		*end;
	long long	 v;

	if (*p < '1' || *p > '9')
		return 0;
	v = strtoll(p, &end, 10);
	if (v <= 0 || (*end != '\0' && *end != '/'))
		return 0;
	*id = v;
	*rest = end;
	return 1;
}

/* Resolves an internal path: why is NULL when it resolves; -1 on a database error. */
static int
resolve(sqlite3 *h, const char *path, const char **why)
{
	const char	*rest;
	int64_t		 id, id2, v = 0;
	int		 rc;

	*why = NULL;
	if (strncmp(path, "/item/", 6) == 0) {
		if (!path_id(path + 6, &id, &rest) || (rest[0] == '/' && rest[1] != '\0' &&
		    strcmp(rest, "/qr.svg") != 0)) {
			*why = "信息地址无效";
			return 0;
		}
		if ((rc = q_int(h, "SELECT state = 'published' FROM item WHERE id = ?", id, 0,
		    &v)) < 0)
			return -1;
		if (rc == 0)
			*why = "信息不存在";
		else if (v == 0)
			*why = "信息未发布或已撤回";
		return 0;
	}
	if (strncmp(path, "/attachment/", 12) == 0) {
		if (!path_id(path + 12, &id, &rest) || rest[0] != '\0') {
			*why = "附件地址无效";
			return 0;
		}
		if ((rc = q_int(h, "SELECT i.state = 'published' AND EXISTS (SELECT 1 FROM blob b"
		    " WHERE b.hash = a.blob_hash) FROM attachment a JOIN item i ON"
		    " i.id = a.item_id WHERE a.id = ?", id, 0, &v)) < 0)
			return -1;
		if (rc == 0)
			*why = "附件不存在";
		else if (v == 0)
			*why = "附件所属信息未发布，或附件内容缺失";
		return 0;
	}
	if (strncmp(path, "/agency/", 8) == 0) {
		if (!path_id(path + 8, &id, &rest)) {
			*why = "机构地址无效";
			return 0;
		}
		if ((rc = q_int(h, "SELECT 1 FROM agency WHERE id = ?", id, 0, NULL)) < 0)
			return -1;
		if (rc == 0) {
			*why = "机构不存在";
			return 0;
		}
		if (strncmp(rest, "/category/", 10) == 0) {
			if (!path_id(rest + 10, &id2, &rest)) {
				*why = "栏目地址无效";
				return 0;
			}
			if ((rc = q_int(h, "SELECT 1 FROM category WHERE agency_id = ?1 AND id = ?2",
			    id, id2, NULL)) < 0)
				return -1;
			if (rc == 0)
				*why = "栏目不存在";
		}
		return 0;
	}
	return 0;	/* other site paths (/, /search …) are not checked */
}

struct scan_ctx {
	struct gk_sitecheck_data	*d;
	sqlite3				*h;
	const char			*host;
	int64_t				 item_id;
	const char			*title;
	int				 failed;	/* 1 memory, 2 database */
};

static int
on_link(const char *url, size_t n, void *arg)
{
	struct scan_ctx		*c = arg;
	struct gk_sitecheck_data *d = c->d;
	struct sc_link		*l;
	char			 path[512];
	const char		*u, *why;

	if (grow((void **)&d->links, d->in.nlinks, &d->links_cap, sizeof(*d->links)) != 0 ||
	    (u = keep(d, url, n)) == NULL)
		return c->failed = 1;
	l = &d->links[d->in.nlinks];
	memset(l, 0, sizeof(*l));
	l->item_id = c->item_id;
	l->item_title = c->title;
	l->url = u;
	if (!sitecheck_link_internal(u, c->host, path, sizeof(path))) {
		l->external = 1;
		l->ok = -1;
	} else {
		if (resolve(c->h, path, &why) < 0)
			return c->failed = 2;
		l->ok = why == NULL;
		l->why = why;
	}
	d->in.nlinks++;
	d->in.links = d->links;
	return 0;
}

static enum gk_err
links(struct gk_db *db, int64_t agency_id, const char *host, struct gk_sitecheck_data *d,
    char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	struct scan_ctx	 c;
	struct sc_link	*l;
	const char	*title, *name;
	char		 buf[600];
	int		 rc;

	memset(&c, 0, sizeof(c));
	c.d = d;
	c.h = h;
	c.host = host;
	if (sqlite3_prepare_v2(h, "SELECT id, title, body FROM item WHERE agency_id = ?"
	    " AND state = 'published' ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询信息");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c.item_id = sqlite3_column_int64(st, 0);
		if ((c.title = keep_col(d, st, 1)) == NULL) {
			c.failed = 1;
			break;
		}
		if (sitecheck_links_scan((const char *)sqlite3_column_text(st, 2), on_link, &c))
			break;
	}
	sqlite3_finalize(st);
	if (c.failed == 1)
		return nomem(err, errlen);
	if (c.failed == 2 || rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法检查链接");
	/* Attachments of published items whose contents are missing. */
	if (sqlite3_prepare_v2(h, "SELECT a.item_id, i.title, a.name FROM attachment a JOIN"
	    " item i ON i.id = a.item_id WHERE i.agency_id = ? AND i.state = 'published'"
	    " AND NOT EXISTS (SELECT 1 FROM blob b WHERE b.hash = a.blob_hash)"
	    " ORDER BY a.id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询附件");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		name = (const char *)sqlite3_column_text(st, 2);
		snprintf(buf, sizeof(buf), "附件：%s", name ? name : "");
		if (grow((void **)&d->links, d->in.nlinks, &d->links_cap, sizeof(*d->links)) ||
		    (title = keep_col(d, st, 1)) == NULL ||
		    (name = keep(d, buf, strlen(buf))) == NULL) {
			sqlite3_finalize(st);
			return nomem(err, errlen);
		}
		l = &d->links[d->in.nlinks++];
		memset(l, 0, sizeof(*l));
		l->item_id = sqlite3_column_int64(st, 0);
		l->item_title = title;
		l->url = name;
		l->why = "附件内容缺失";
		d->in.links = d->links;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法查询附件");
}

static enum gk_err
wechat(struct gk_db *db, int64_t agency_id, struct gk_sitecheck_data *d, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT EXISTS (SELECT 1 FROM channel_rule"
	    " WHERE agency_id = ?1 AND channel = 'wechat' AND required = 1) OR EXISTS"
	    " (SELECT 1 FROM item_channel c JOIN item i ON i.id = c.item_id WHERE"
	    " i.agency_id = ?1 AND c.channel = 'wechat'), (SELECT max(c.at) FROM item_channel c"
	    " JOIN item i ON i.id = c.item_id WHERE i.agency_id = ?1 AND c.channel = 'wechat'"
	    " AND c.status = 'published')", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询微信公众号发布记录");
	sqlite3_bind_int64(st, 1, agency_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d->in.wechat_used = sqlite3_column_int(st, 0);
		d->in.wechat_last = col_date(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法查询微信公众号发布记录");
}

enum gk_err
gk_sitecheck_gather(struct gk_db *db, int64_t agency_id, const char *host,
    struct gk_sitecheck_data *d, char *err, size_t errlen)
{
	enum gk_err	 e;
	int		 rc;

	memset(d, 0, sizeof(*d));
	d->in.wechat_last = GK_DATE_NONE;
	if ((rc = gk_agency_exists(gk_db_sqlite(db), agency_id)) != 1) {
		if (rc < 0)
			return gk_db_err(db, err, errlen, "无法查询机构");
		snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	if ((e = columns(db, agency_id, d, err, errlen)) != GK_OK ||
	    (e = consults(db, agency_id, d, err, errlen)) != GK_OK ||
	    (e = items(db, agency_id, d, err, errlen)) != GK_OK ||
	    (e = links(db, agency_id, host, d, err, errlen)) != GK_OK ||
	    (e = wechat(db, agency_id, d, err, errlen)) != GK_OK)
		return e;
	return GK_OK;
}

void
gk_sitecheck_data_free(struct gk_sitecheck_data *d)
{
	size_t i;

	if (d == NULL)
		return;
	for (i = 0; i < d->nstrs; i++)
		gk_free(d->strs[i]);
	gk_free(d->strs);
	gk_free(d->cols);
	gk_free(d->consults);
	gk_free(d->items);
	gk_free(d->links);
	gk_category_list_free(&d->cats);
	memset(d, 0, sizeof(*d));
}
