/*
 * item.c — proactive-disclosure items in the store: drafts (索引号
 * allocation, due date), edits, lookups, the review workflow as
 * transactions over workflow_apply(), the review trail and the overdue
 * list. Follows agency.c: validate, then one transaction holding the rows
 * and their audit entry, or a rollback of all of them.
 *
 * The round of the current review (who reviewed, who approved, how many
 * findings the approver let through) is not a column: it is rebuilt from
 * the newest passing review rows and the newest approval's audit entry,
 * which the state machine makes unambiguous (a return always goes back to
 * draft, so the newest pass at each level belongs to the current round).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/category.h"
#include "core/date.h"
#include "core/indexno.h"
#include "core/scan.h"
#include "store/agency.h"
#include "store/attachment.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/import.h"
#include "store/item.h"
#include "store/user.h"

#define ITEM_COLS "SELECT id, agency_id, category_id, index_no, title, topic, " \
	"publisher, doc_no, written_date, event_end_date, validity, validity_date, " \
	"keywords, body, state, drafter_id, created_at, updated_at, due_date, " \
	"published_at, withdrawn_at, withdrawn_reason FROM item "

#define ITEM_LIST_DEFAULT	50
#define ITEM_LIST_MAX		1000
#define ITEM_CAT_DEPTH		8

static enum gk_err
item_nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

/* The date part ("YYYY-MM-DD") of an ISO 8601 timestamp; 0 if there is none. */
static int
item_today(const char *now, char out[GK_DATE_LEN])
{
	int32_t d;

	if (now == NULL || strlen(now) < 10 || gk_date_parse(now, 10, &d) != GK_OK)
		return 0;
	memcpy(out, now, 10);
	out[10] = '\0';
	return 1;
}

enum gk_err
gk_item_actor_lookup(struct gk_db *db, const char *login,
    struct gk_item_actor *a, char *err, size_t errlen)
{
	struct gk_user	u;
	enum gk_err	e;

	memset(a, 0, sizeof(*a));
	if (login == NULL || *login == '\0' || strlen(login) >= sizeof(a->login)) {
		snprintf(err, errlen, "用户名为空或过长");
		return GK_EINVAL;
	}
	if ((e = gk_user_get_by_login(db, login, &u, err, errlen)) != GK_OK)
		return e;
	if (!u.active) {
		snprintf(err, errlen, "用户“%.60s”已停用", login);
		gk_user_clear(&u);
		return GK_ENOTFOUND;
	}
	a->user_id = u.id;
	a->agency_id = u.agency_id;
	a->roles = u.roles;
	gk_strlcpy_utf8(a->login, login, sizeof(a->login));
	gk_user_clear(&u);
	return GK_OK;
}

/* Login of a user id (for the trail); "#id" when unknown. */
static void
item_login(sqlite3 *h, int64_t uid, char *out, size_t n)
{
	sqlite3_stmt	*st;
	const char	*t;

	snprintf(out, n, "#%lld", (long long)uid);
	if (sqlite3_prepare_v2(h, "SELECT login FROM users WHERE id = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return;
	sqlite3_bind_int64(st, 1, uid);
	if (sqlite3_step(st) == SQLITE_ROW &&
	    (t = (const char *)sqlite3_column_text(st, 0)) != NULL)
		gk_strlcpy_utf8(out, t, n);
	sqlite3_finalize(st);
}

/*
 * The id of the agency's category with this path ("父/子"); 0 when absent,
 * -1 on a database error.
 */
static int64_t
item_cat_resolve(sqlite3 *h, int64_t agency, const char *path)
{
	sqlite3_stmt	*st;
	char		 part[CATEGORY_NAME_MAX + 1];
	const char	*p = path, *slash;
	int64_t		 parent = 0;
	size_t		 len;
	int		 rc, depth = 0;

	if (sqlite3_prepare_v2(h, "SELECT id FROM category WHERE agency_id = ? AND "
	    "name = ? AND parent_id IS ? ORDER BY id LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return -1;
	for (;;) {
		slash = strchr(p, '/');
		len = slash ? (size_t)(slash - p) : strlen(p);
		if (len == 0 || len >= sizeof(part) || ++depth > ITEM_CAT_DEPTH) {
			parent = 0;
			break;
		}
		memcpy(part, p, len);
		part[len] = '\0';
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, agency);
		sqlite3_bind_text(st, 2, part, -1, SQLITE_STATIC);
		if (parent != 0)
			sqlite3_bind_int64(st, 3, parent);
		else
			sqlite3_bind_null(st, 3);
		rc = sqlite3_step(st);
		if (rc == SQLITE_DONE) {
			parent = 0;
			break;
		}
		if (rc != SQLITE_ROW) {
			parent = -1;
			break;
		}
		parent = sqlite3_column_int64(st, 0);
		if (slash == NULL)
			break;
		p = slash + 1;
	}
	sqlite3_finalize(st);
	return parent;
}

/* The path of a category id into out ("" when unknown). */
static void
item_cat_path(sqlite3 *h, int64_t id, char *out, size_t n)
{
	sqlite3_stmt	*st;
	const char	*names[ITEM_CAT_DEPTH];
	char		*copies[ITEM_CAT_DEPTH];
	int		 k = 0, i;
	size_t		 len = 0;

	out[0] = '\0';
	if (id <= 0 || sqlite3_prepare_v2(h, "SELECT name, parent_id FROM category "
	    "WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return;
	while (id > 0 && k < ITEM_CAT_DEPTH) {
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		if (sqlite3_step(st) != SQLITE_ROW)
			break;
		names[k] = (const char *)sqlite3_column_text(st, 0);
		copies[k] = gk_strdup(names[k] ? names[k] : "");
		if (copies[k] == NULL)
			break;
		k++;
		id = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	for (i = k - 1; i >= 0; i--) {
		if (len + 1 < n)
			len += (size_t)snprintf(out + len, n - len, "%s%s",
			    i == k - 1 ? "" : "/", copies[i]);
		if (len >= n)
			len = n - 1;
		gk_free(copies[i]);
	}
}

void
gk_item_clear(struct gk_item *it)
{
	if (it == NULL)
		return;
	item_meta_clear(&it->meta);
	gk_free(it->category_path);
	gk_free(it->created_at);
	gk_free(it->updated_at);
	gk_free(it->due_date);
	gk_free(it->published_at);
	gk_free(it->withdrawn_at);
	gk_free(it->withdrawn_reason);
	memset(it, 0, sizeof(*it));
	item_meta_init(&it->meta);
}

/* Copies column c (NULL stays NULL). 0 on allocation failure. */
static int
item_col(sqlite3_stmt *st, int c, char **out)
{
	const char *t = (const char *)sqlite3_column_text(st, c);

	*out = NULL;
	if (t == NULL)
		return 1;
	return (*out = gk_strdup(t)) != NULL;
}

/* Fills it from a row of ITEM_COLS. */
static enum gk_err
item_from_row(sqlite3 *h, sqlite3_stmt *st, struct gk_item *it)
{
	static const enum item_field cols[] = {
		ITEM_F_INDEXNO, ITEM_F_TITLE, ITEM_F_TOPIC, ITEM_F_PUBLISHER,
		ITEM_F_DOCNO, ITEM_F_WRITTEN, ITEM_F_EVENT_END,
	};
	char		 path[CATEGORY_PATH_MAX + 1];
	const char	*t;
	size_t		 i;
	int		 ok = 1;

	memset(it, 0, sizeof(*it));
	item_meta_init(&it->meta);
	it->id = sqlite3_column_int64(st, 0);
	it->agency_id = sqlite3_column_int64(st, 1);
	it->category_id = sqlite3_column_int64(st, 2);
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		if ((t = (const char *)sqlite3_column_text(st, (int)i + 3)) != NULL &&
		    item_meta_set(&it->meta, cols[i], t) != GK_OK)
			ok = 0;
	t = (const char *)sqlite3_column_text(st, 10);
	if (t == NULL || !item_validity_from_name(t, &it->meta.validity))
		it->meta.validity = ITEM_VALID;
	if ((t = (const char *)sqlite3_column_text(st, 11)) != NULL &&
	    item_meta_set(&it->meta, ITEM_F_VALIDITY_DATE, t) != GK_OK)
		ok = 0;
	if ((t = (const char *)sqlite3_column_text(st, 12)) != NULL &&
	    item_meta_set(&it->meta, ITEM_F_KEYWORDS, t) != GK_OK)
		ok = 0;
	if ((t = (const char *)sqlite3_column_text(st, 13)) != NULL &&
	    item_meta_set(&it->meta, ITEM_F_BODY, t) != GK_OK)
		ok = 0;
	t = (const char *)sqlite3_column_text(st, 14);
	if (t == NULL || !wf_state_from_name(t, &it->state))
		it->state = WF_DRAFT;
	it->drafter_id = sqlite3_column_int64(st, 15);
	ok = ok && item_col(st, 16, &it->created_at) && item_col(st, 17, &it->updated_at) &&
	    item_col(st, 18, &it->due_date) && item_col(st, 19, &it->published_at) &&
	    item_col(st, 20, &it->withdrawn_at) && item_col(st, 21, &it->withdrawn_reason);
	item_cat_path(h, it->category_id, path, sizeof(path));
	if (ok && item_meta_set(&it->meta, ITEM_F_CATEGORY, path) != GK_OK)
		ok = 0;
	if (ok && (it->category_path = gk_strdup(path)) == NULL)
		ok = 0;
	if (!ok) {
		gk_item_clear(it);
		return GK_ENOMEM;
	}
	return GK_OK;
}

enum gk_err
gk_item_get(struct gk_db *db, int64_t id, struct gk_item *it, char *err,
    size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	enum gk_err	 e;
	int		 rc;

	memset(it, 0, sizeof(*it));
	item_meta_init(&it->meta);
	if (sqlite3_prepare_v2(h, ITEM_COLS "WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询信息");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		e = item_from_row(h, st, it);
	else if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "信息 #%lld 不存在", (long long)id);
		e = GK_ENOTFOUND;
	} else
		e = gk_db_err(db, err, errlen, "无法查询信息");
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		item_nomem(err, errlen);
	return e;
}

void
gk_item_list_free(struct gk_item_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_item_clear(&l->v[i]);
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum gk_err
gk_item_list(struct gk_db *db, const struct gk_item_filter *f,
    struct gk_item_list *l, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	struct gk_item	*nv;
	size_t		 cap = 0, limit;
	enum gk_err	 e = GK_OK;
	char		 year[16], next_year[16];
	struct gk_buf	 sql;
	int		 rc;

	l->v = NULL;
	l->n = 0;
	if (f == NULL || (f->state != -1 && (unsigned)f->state >= WF_STATE__MAX) ||
	    f->year < 0 || f->year > 9999 || f->offset > INT32_MAX) {
		snprintf(err, errlen, "查询条件无效");
		return GK_EINVAL;
	}
	limit = f->limit == 0 ? ITEM_LIST_DEFAULT : f->limit > ITEM_LIST_MAX ?
	    ITEM_LIST_MAX : f->limit;
	if (f->year > 0) {
		snprintf(year, sizeof(year), "%04d", f->year);
		snprintf(next_year, sizeof(next_year), "%04d", f->year + 1);
	} else
		year[0] = next_year[0] = '\0';
	/*
	 * The WHERE clause is assembled from constant pieces, one per filter
	 * that is set, so SQLite can use the list indexes (a "?3 = 0 OR …" form
	 * defeats them); every value is still a bound parameter. The year is a
	 * range on created_at for the same reason.
	 */
	gk_buf_init(&sql, 4096);
	gk_buf_puts(&sql, ITEM_COLS "WHERE 1");
	if (f->agency_id != 0)
		gk_buf_puts(&sql, " AND agency_id = ?1");
	if (f->state != -1)
		gk_buf_puts(&sql, " AND state = ?2");
	if (f->category_id != 0)
		gk_buf_puts(&sql, " AND category_id = ?3");
	if (f->year > 0)
		gk_buf_puts(&sql, " AND created_at >= ?4 AND created_at < ?7");
	gk_buf_puts(&sql, " ORDER BY created_at DESC, id DESC LIMIT ?5 OFFSET ?6");
	if (sql.err != GK_OK) {
		gk_buf_clear(&sql);
		item_nomem(err, errlen);
		return GK_ENOMEM;
	}
	rc = sqlite3_prepare_v2(h, sql.data, -1, &st, NULL);
	gk_buf_clear(&sql);
	if (rc != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法列出信息");
	if (f->agency_id != 0)
		sqlite3_bind_int64(st, 1, f->agency_id);
	if (f->state != -1)
		sqlite3_bind_text(st, 2, wf_state_name((enum wf_state)f->state), -1,
		    SQLITE_STATIC);
	if (f->category_id != 0)
		sqlite3_bind_int64(st, 3, f->category_id);
	if (f->year > 0) {
		sqlite3_bind_text(st, 4, year, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, next_year, -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->offset);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = gk_realloc(l->v, cap * sizeof(*nv))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			l->v = nv;
		}
		if ((e = item_from_row(h, st, &l->v[l->n])) != GK_OK)
			break;
		l->n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法列出信息");
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		item_nomem(err, errlen);
	if (e != GK_OK)
		gk_item_list_free(l);
	return e;
}

/* The JSON of an item (for history snapshots and audit). Caller gk_free()s. */
static char *
item_json_dump(json_t *o)
{
	json_malloc_t	 mf;
	json_free_t	 ff;
	char		*s, *copy;

	if (o == NULL)
		return NULL;
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (s == NULL)
		return NULL;
	copy = gk_strdup(s);
	json_get_alloc_funcs(&mf, &ff);
	ff(s);
	return copy;
}

static json_t *
item_jstr(const char *s)
{
	return s != NULL ? json_string(s) : json_null();
}

/* The row as a JSON object (a new reference, or NULL). */
static json_t *
item_json(const struct gk_item *it)
{
	json_t	*o;
	int	 i;

	if ((o = json_object()) == NULL)
		return NULL;
	for (i = 0; i < ITEM_F__MAX; i++) {
		if (i == ITEM_F_VALIDITY)
			continue;
		if (json_object_set_new(o, item_field_name((enum item_field)i),
		    item_jstr(it->meta.f[i])) != 0)
			goto fail;
	}
	if (json_object_set_new(o, "id", json_integer(it->id)) != 0 ||
	    json_object_set_new(o, "agency_id", json_integer(it->agency_id)) != 0 ||
	    json_object_set_new(o, "category_id", it->category_id ?
	    json_integer(it->category_id) : json_null()) != 0 ||
	    json_object_set_new(o, "validity",
	    json_string(item_validity_name(it->meta.validity))) != 0 ||
	    json_object_set_new(o, "state", json_string(wf_state_name(it->state))) != 0 ||
	    json_object_set_new(o, "drafter_id", it->drafter_id ?
	    json_integer(it->drafter_id) : json_null()) != 0 ||
	    json_object_set_new(o, "due_date", item_jstr(it->due_date)) != 0 ||
	    json_object_set_new(o, "published_at", item_jstr(it->published_at)) != 0 ||
	    json_object_set_new(o, "withdrawn_at", item_jstr(it->withdrawn_at)) != 0 ||
	    json_object_set_new(o, "withdrawn_reason", item_jstr(it->withdrawn_reason)) != 0)
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static enum gk_err
item_history_add(struct gk_db *db, const struct gk_item *before, int64_t uid,
    const char *action, const char *now, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		*snap;
	int		 rc;

	if ((snap = item_json_dump(item_json(before))) == NULL)
		return item_nomem(err, errlen);
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "INSERT INTO item_history (item_id, "
	    "changed_at, changed_by, action, snapshot) VALUES (?, ?, ?, ?, ?)", -1,
	    &st, NULL) != SQLITE_OK) {
		gk_free(snap);
		return gk_db_err(db, err, errlen, "无法记录信息历史");
	}
	sqlite3_bind_int64(st, 1, before->id);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, uid);
	sqlite3_bind_text(st, 4, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, snap, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	gk_free(snap);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法记录信息历史");
	return GK_OK;
}

/*
 * The due date for the metadata (out "" when there is no calendar or the
 * year is not covered by it). Rules: o->rules, else the agency's (the
 * defaults with its agency_setting overrides).
 */
static enum gk_err
item_due(struct gk_db *db, int64_t agency_id, const struct gk_item_opts *o,
    const struct item_meta *m, char out[GK_DATE_LEN], char *err, size_t errlen)
{
	struct timeliness_rules	 defrules;
	const char		*w = item_meta_get(m, ITEM_F_WRITTEN);
	const char		*ev = item_meta_get(m, ITEM_F_EVENT_END);
	int32_t			 formed, end = GK_DATE_NONE, due;
	enum gk_err		 e;

	out[0] = '\0';
	if (o == NULL || o->cal == NULL || gk_date_parse(w, strlen(w), &formed) != GK_OK)
		return GK_OK;
	if (*ev != '\0' && gk_date_parse(ev, strlen(ev), &end) != GK_OK)
		end = GK_DATE_NONE;
	if (o->rules == NULL && (e = gk_agency_timeliness_rules(db, agency_id,
	    &defrules, err, errlen)) != GK_OK)
		return e;
	e = timeliness_due(o->cal, o->rules ? o->rules : &defrules,
	    item_meta_get(m, ITEM_F_CATEGORY), formed, end, &due, err, errlen);
	if (e == GK_ENOTFOUND)
		return GK_OK;	/* the calendar does not cover the year yet */
	if (e != GK_OK)
		return e;
	gk_date_format(due, out);
	return GK_OK;
}

static int
item_field_has_problem(const struct item_problems *p, enum item_field f)
{
	size_t i;

	for (i = 0; i < p->n; i++)
		if (p->v[i].field == f)
			return 1;
	return 0;
}

/*
 * Validates m for agency and resolves its category. Problems with the
 * category the agency has configured itself are dropped.
 */
static enum gk_err
item_check(struct gk_db *db, int64_t agency, const struct item_meta *m,
    const char *today, int64_t *catid, struct item_problems *probs,
    char *err, size_t errlen)
{
	struct item_problems	 local, *p = probs ? probs : &local;
	const char		*path = item_meta_get(m, ITEM_F_CATEGORY);
	enum gk_err		 e;
	size_t			 i, k;

	*catid = 0;
	e = item_validate(m, NULL, today, p, err, errlen);
	if (e != GK_OK && p->n == 0)
		return e;
	if (*path != '\0') {
		if ((*catid = item_cat_resolve(gk_db_sqlite(db), agency, path)) < 0)
			return gk_db_err(db, err, errlen, "无法查询栏目");
		if (*catid > 0) {
			for (i = k = 0; i < p->n; i++)
				if (strcmp(p->v[i].rule, "category.unknown") != 0)
					p->v[k++] = p->v[i];
			p->n = k;
		} else if (!item_field_has_problem(p, ITEM_F_CATEGORY) &&
		    p->n < ITEM_PROBLEMS_MAX) {
			p->v[p->n].field = ITEM_F_CATEGORY;
			p->v[p->n].rule = "category.unknown";
			snprintf(p->v[p->n].msg, sizeof(p->v[p->n].msg),
			    "本单位未设置栏目“%.60s”", path);
			p->n++;
		}
	}
	if (p->n > 0) {
		snprintf(err, errlen, "%s", p->v[0].msg);
		return GK_EINVAL;
	}
	return GK_OK;
}

/* The agency's code and name (name may be NULL). */
static enum gk_err
item_agency(struct gk_db *db, int64_t id, char *code, size_t codelen,
    char **name, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT uscc, name FROM agency "
	    "WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return gk_db_err(db, err, errlen, "无法查询机构");
		snprintf(err, errlen, "机构 #%lld 不存在", (long long)id);
		return GK_ENOTFOUND;
	}
	t = (const char *)sqlite3_column_text(st, 0);
	gk_strlcpy_utf8(code, t ? t : "", codelen);
	if (name != NULL) {
		t = (const char *)sqlite3_column_text(st, 1);
		if ((*name = gk_strdup(t ? t : "")) == NULL) {
			sqlite3_finalize(st);
			return item_nomem(err, errlen);
		}
	}
	sqlite3_finalize(st);
	return GK_OK;
}

/*
 * The next 索引号 of the agency: one more than the highest sequence among
 * its items whose 索引号 matches the pattern with the same year (month,
 * category), found by an indexed lookup (gk_indexno_max_seq). Called
 * inside the write transaction.
 */
static enum gk_err
item_indexno_next(struct gk_db *db, int64_t agency, const char *pattern,
    const char *code, const char *today, const char *catpath, char *out,
    size_t outsize, char *err, size_t errlen)
{
	struct indexno_fields	 fl;
	const struct category	*cat;
	unsigned		 fields;
	int			 width;
	int64_t			 max = 0;
	enum gk_err		 e;

	if (indexno_pattern_check(pattern, err, errlen) != GK_OK ||
	    indexno_pattern_fields(pattern, &fields, &width) != GK_OK) {
		return GK_EINVAL;
	}
	memset(&fl, 0, sizeof(fl));
	fl.code = code;
	fl.year = (int)strtol(today, NULL, 10);
	fl.month = (int)strtol(today + 5, NULL, 10);
	if (fields & INDEXNO_F_CATEGORY) {
		if ((cat = category_find(NULL, catpath)) == NULL) {
			snprintf(err, errlen, "索引号格式含 {category}，但栏目“%.60s”没有简码",
			    catpath);
			return GK_EINVAL;
		}
		fl.category = cat->code;
	}
	if ((e = gk_indexno_max_seq(db, agency, pattern, fields, width, &fl, &max,
	    err, errlen)) != GK_OK)
		return e;
	fl.seq = max + 1;
	return indexno_format(pattern, &fl, out, outsize, err, errlen);
}

/* Binds the metadata columns at positions first.. (title … body, 10 columns). */
static void
item_bind_meta(sqlite3_stmt *st, int first, const struct item_meta *m)
{
	static const enum item_field text[] = {
		ITEM_F_TITLE, ITEM_F_TOPIC, ITEM_F_PUBLISHER, ITEM_F_DOCNO,
	};
	static const enum item_field dates[] = { ITEM_F_WRITTEN, ITEM_F_EVENT_END };
	const char	*s;
	size_t		 i;
	int		 c = first;

	for (i = 0; i < sizeof(text) / sizeof(text[0]); i++)
		sqlite3_bind_text(st, c++, item_meta_get(m, text[i]), -1, SQLITE_STATIC);
	for (i = 0; i < 2; i++) {
		s = item_meta_get(m, dates[i]);
		if (*s != '\0')
			sqlite3_bind_text(st, c++, s, -1, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, c++);
	}
	sqlite3_bind_text(st, c++, item_validity_label(m->validity), -1, SQLITE_STATIC);
	s = item_meta_get(m, ITEM_F_VALIDITY_DATE);
	if (*s != '\0')
		sqlite3_bind_text(st, c++, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, c++);
	sqlite3_bind_text(st, c++, item_meta_get(m, ITEM_F_KEYWORDS), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, c, item_meta_get(m, ITEM_F_BODY), -1, SQLITE_STATIC);
}

/* Copies every field of src into dst (validity too). */
static enum gk_err
item_meta_copy(struct item_meta *dst, const struct item_meta *src)
{
	int i;

	item_meta_init(dst);
	for (i = 0; i < ITEM_F__MAX; i++)
		if (i != ITEM_F_VALIDITY && src->f[i] != NULL &&
		    item_meta_set(dst, (enum item_field)i, src->f[i]) != GK_OK) {
			item_meta_clear(dst);
			return GK_ENOMEM;
		}
	dst->validity = src->validity;
	return GK_OK;
}

static enum gk_err
item_audit(struct gk_db *db, const struct gk_item_actor *ac, int64_t id,
    const char *action, json_t *change, const char *now, char *err, size_t errlen)
{
	enum gk_err	 e;
	char		*s;

	if ((s = item_json_dump(change)) == NULL)
		return item_nomem(err, errlen);
	e = gk_audit_append(db, ac->login, "item", id, action, s, now, NULL, err, errlen);
	gk_free(s);
	return e;
}

enum gk_err
gk_item_create(struct gk_db *db, const struct gk_item_actor *ac,
    int64_t agency_id, const struct item_meta *in, const struct gk_item_opts *o,
    const char *now, int64_t *idp, struct item_problems *probs, char *err,
    size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st = NULL;
	struct item_meta	 m;
	struct gk_item		 it;
	char			 today[GK_DATE_LEN], due[GK_DATE_LEN];
	char			 code[INDEXNO_CODE_MAX + 1], ino[INDEXNO_MAX + 1];
	char			 pattern[INDEXNO_PATTERN_MAX + 1];
	char			*aname = NULL;
	int64_t			 catid, id;
	enum gk_err		 e;
	json_t			*j;
	int			 rc;

	if (idp != NULL)
		*idp = 0;
	if (probs != NULL)
		probs->n = 0;
	if (ac == NULL || in == NULL || ac->login[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人或信息");
		return GK_EINVAL;
	}
	if (!item_today(now, today)) {
		snprintf(err, errlen, "时间“%.40s”无效，应为 ISO 8601", now ? now : "(空)");
		return GK_EINVAL;
	}
	if (!(ac->roles & WF_ROLE_BIT(WF_ROLE_DRAFTER))) {
		snprintf(err, errlen, "只有科室拟稿人可以起草信息");
		return GK_ECONFLICT;
	}
	if (ac->agency_id != agency_id) {
		snprintf(err, errlen, "只能为本单位起草信息");
		return GK_ECONFLICT;
	}
	if (item_meta_copy(&m, in) != GK_OK)
		return item_nomem(err, errlen);
	m.validity = ITEM_VALID;	/* a new item is in force; changes go through the workflow */
	if ((e = item_agency(db, agency_id, code, sizeof(code), &aname, err,
	    errlen)) != GK_OK)
		goto out;
	if (*item_meta_get(&m, ITEM_F_PUBLISHER) == '\0' &&
	    item_meta_set(&m, ITEM_F_PUBLISHER, aname) != GK_OK) {
		e = item_nomem(err, errlen);
		goto out;
	}
	if ((e = item_meta_set(&m, ITEM_F_INDEXNO, NULL)) != GK_OK)
		goto out;
	if ((e = item_check(db, agency_id, &m, today, &catid, probs, err,
	    errlen)) != GK_OK)
		goto out;
	if ((e = item_due(db, agency_id, o, &m, due, err, errlen)) != GK_OK)
		goto out;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	/* The pattern: o->pattern, else the agency's setting, else the default. */
	if (o != NULL && o->pattern != NULL) {
		if (strlen(o->pattern) > INDEXNO_PATTERN_MAX) {
			snprintf(err, errlen, "索引号格式过长（不超过 %d 字节）",
			    INDEXNO_PATTERN_MAX);
			e = GK_EINVAL;
			goto fail;
		}
		gk_strlcpy_utf8(pattern, o->pattern, sizeof(pattern));
	} else if ((e = gk_agency_indexno_pattern(db, agency_id, pattern,
	    sizeof(pattern), err, errlen)) != GK_OK)
		goto fail;
	if ((e = item_indexno_next(db, agency_id, pattern, code, today,
	    item_meta_get(&m, ITEM_F_CATEGORY),
	    ino, sizeof(ino), err, errlen)) != GK_OK)
		goto fail;
	if (sqlite3_prepare_v2(h, "INSERT INTO item (agency_id, index_no, category_id, "
	    "title, topic, publisher, doc_no, written_date, event_end_date, validity, "
	    "validity_date, keywords, body, state, drafter_id, created_at, updated_at, "
	    "due_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?, ?, ?)",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存信息");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, ino, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, catid);
	item_bind_meta(st, 4, &m);
	sqlite3_bind_int64(st, 14, ac->user_id);
	sqlite3_bind_text(st, 15, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 16, now, -1, SQLITE_STATIC);
	if (due[0] != '\0')
		sqlite3_bind_text(st, 17, due, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 17);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存信息");
		goto fail;
	}
	id = sqlite3_last_insert_rowid(h);
	if ((e = gk_item_get(db, id, &it, err, errlen)) != GK_OK)
		goto fail;
	j = item_json(&it);
	gk_item_clear(&it);
	if ((e = item_audit(db, ac, id, "create", j, now, err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto out;
	if (idp != NULL)
		*idp = id;
	goto out;
fail:
	gk_db_tx_rollback(db);
out:
	gk_free(aname);
	item_meta_clear(&m);
	return e;
}

enum gk_err
gk_item_edit(struct gk_db *db, const struct gk_item_actor *ac, int64_t id,
    const struct item_meta *changes, const struct gk_item_opts *o,
    const char *now, struct item_problems *probs, char *err, size_t errlen)
{
	sqlite3_stmt	*st = NULL;
	struct gk_item	 it, after;
	struct item_meta m;
	char		 today[GK_DATE_LEN], due[GK_DATE_LEN];
	int64_t		 catid;
	enum gk_err	 e;
	json_t		*j;
	int		 i, rc;

	if (probs != NULL)
		probs->n = 0;
	item_meta_init(&m);
	if (ac == NULL || changes == NULL || ac->login[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人或修改内容");
		return GK_EINVAL;
	}
	if (!item_today(now, today)) {
		snprintf(err, errlen, "时间“%.40s”无效，应为 ISO 8601", now ? now : "(空)");
		return GK_EINVAL;
	}
	if (changes->f[ITEM_F_INDEXNO] != NULL) {
		snprintf(err, errlen, "索引号由系统分配，不能修改");
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_item_get(db, id, &it, err, errlen)) != GK_OK) {
		gk_db_tx_rollback(db);
		return e;
	}
	if (it.state != WF_DRAFT) {
		snprintf(err, errlen, "该信息处于“%s”状态，只有草稿可以修改",
		    wf_state_label(it.state));
		e = GK_ECONFLICT;
		goto fail;
	}
	if (it.drafter_id != ac->user_id) {
		snprintf(err, errlen, "只有拟稿人本人可以修改该草稿");
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = item_meta_copy(&m, &it.meta)) != GK_OK) {
		e = item_nomem(err, errlen);
		goto fail;
	}
	for (i = 0; i < ITEM_F__MAX; i++)
		if (i != ITEM_F_VALIDITY && i != ITEM_F_INDEXNO && changes->f[i] != NULL &&
		    item_meta_set(&m, (enum item_field)i,
		    changes->f[i][0] != '\0' ? changes->f[i] : NULL) != GK_OK) {
			e = item_nomem(err, errlen);
			goto fail;
		}
	/* The 索引号 is allocated; validate the rest. */
	if ((e = item_meta_set(&m, ITEM_F_INDEXNO, NULL)) != GK_OK)
		goto fail;
	if ((e = item_check(db, it.agency_id, &m, today, &catid, probs, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((e = item_due(db, it.agency_id, o, &m, due, err, errlen)) != GK_OK)
		goto fail;
	if ((e = item_history_add(db, &it, ac->user_id, "edit", now, err,
	    errlen)) != GK_OK)
		goto fail;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "UPDATE item SET title = ?, topic = ?, "
	    "publisher = ?, doc_no = ?, written_date = ?, event_end_date = ?, "
	    "validity = ?, validity_date = ?, keywords = ?, body = ?, category_id = ?, "
	    "updated_at = ?, due_date = ? WHERE id = ?", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法修改信息");
		goto fail;
	}
	item_bind_meta(st, 1, &m);
	sqlite3_bind_int64(st, 11, catid);
	sqlite3_bind_text(st, 12, now, -1, SQLITE_STATIC);
	if (due[0] != '\0')
		sqlite3_bind_text(st, 13, due, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 13);
	sqlite3_bind_int64(st, 14, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法修改信息");
		goto fail;
	}
	if ((e = gk_item_get(db, id, &after, err, errlen)) != GK_OK)
		goto fail;
	j = json_pack("{s:o, s:o}", "before", item_json(&it), "after", item_json(&after));
	gk_item_clear(&after);
	if ((e = item_audit(db, ac, id, "edit", j, now, err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto out;
	goto out;
fail:
	gk_db_tx_rollback(db);
out:
	gk_item_clear(&it);
	item_meta_clear(&m);
	return e;
}

/* The newest passing reviewer at a level, 0 if none, -1 on error. */
static int64_t
item_round_user(sqlite3 *h, int64_t id, int level)
{
	sqlite3_stmt	*st;
	int64_t		 u = 0;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT reviewer_id FROM review WHERE item_id = ? "
	    "AND level = ? AND decision = 'pass' ORDER BY id DESC LIMIT 1", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, level);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		u = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? u : -1;
}

/* Findings the newest approval let through (its audit entry), -1 on error. */
static int
item_round_overridden(sqlite3 *h, int64_t id)
{
	sqlite3_stmt	*st;
	json_t		*o, *v;
	const char	*t;
	int		 n = 0, rc;

	if (sqlite3_prepare_v2(h, "SELECT change FROM audit WHERE entity = 'item' AND "
	    "entity_id = ? AND action = 'approve' ORDER BY seq DESC LIMIT 1", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (t = (const char *)sqlite3_column_text(st, 0)) != NULL) {
		if ((o = json_loads(t, 0, NULL)) == NULL)
			n = -1;		/* out of memory: never guess the gate */
		else {
			if ((v = json_object_get(o, "overridden")) != NULL &&
			    json_is_integer(v) && json_integer_value(v) > 0 &&
			    json_integer_value(v) < INT32_MAX)
				n = (int)json_integer_value(v);
			json_decref(o);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? n : -1;
}

/*
 * Scanner findings in the title, the body and the text of every attachment
 * (store/attachment.h) into *np.
 */
static enum gk_err
item_findings(struct gk_db *db, const struct gk_item *it, int *np, char *err,
    size_t errlen)
{
	struct scan_findings	 f;
	struct gk_buf		 b;
	size_t			 len;
	char			*text;
	enum gk_err		 e;

	*np = 0;
	gk_buf_init(&b, ITEM_BODY_MAX + 4096);
	gk_buf_puts(&b, item_meta_get(&it->meta, ITEM_F_TITLE));
	gk_buf_putc(&b, '\n');
	gk_buf_puts(&b, item_meta_get(&it->meta, ITEM_F_BODY));
	if ((text = gk_buf_take(&b, &len)) == NULL)
		return item_nomem(err, errlen);
	scan_findings_init(&f);
	e = scan_text(text, len, &f);
	gk_free(text);
	if (e != GK_OK)
		return item_nomem(err, errlen);
	if ((e = gk_attachment_scan(db, it->id, &f, err, errlen)) == GK_OK)
		*np = f.n > INT32_MAX ? INT32_MAX : (int)f.n;
	scan_findings_clear(&f);
	return e;
}

static enum gk_err
item_review_add(struct gk_db *db, int64_t id, const struct gk_item_actor *ac,
    int level, const struct gk_item_input *in, int pass, const char *now,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 i, rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "INSERT INTO review (item_id, level, "
	    "reviewer_id, check_legal, check_accurate, check_secret, comment, decision, "
	    "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法记录审核意见");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, level);
	sqlite3_bind_int64(st, 3, ac->user_id);
	for (i = 0; i < WF_CHECK__MAX; i++)
		sqlite3_bind_int(st, 4 + i, in->checks[i] == WF_PASS);
	sqlite3_bind_text(st, 7, in->comment ? in->comment : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, pass ? "pass" : "return", -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法记录审核意见");
	return GK_OK;
}

/* The audit change of an action. */
static json_t *
item_act_json(enum wf_action a, const struct gk_item_input *in,
    const struct wf_result *r, int findings, const char *now)
{
	json_t	*o, *c;
	int	 i;

	o = json_pack("{s:s, s:s, s:s, s:i, s:i}", "action", wf_action_name(a),
	    "from", wf_state_name(r->from), "to", wf_state_name(r->to),
	    "level", r->level, "findings", findings);
	if (o == NULL)
		return NULL;
	if ((r->record & WF_REC_COMMENT) && in->comment != NULL &&
	    json_object_set_new(o, "comment", json_string(in->comment)) != 0)
		goto fail;
	if (r->record & WF_REC_CHECKS) {
		if ((c = json_object()) == NULL ||
		    json_object_set_new(o, "checks", c) != 0)
			goto fail;
		for (i = 0; i < WF_CHECK__MAX; i++)
			if (json_object_set_new(c, wf_check_name((enum wf_check)i),
			    json_string(wf_verdict_name(in->checks[i]))) != 0)
				goto fail;
	}
	if ((r->record & WF_REC_REASON) &&
	    json_object_set_new(o, "reason", json_string(in->reason)) != 0)
		goto fail;
	if ((r->record & WF_REC_OVERRIDE) &&
	    (json_object_set_new(o, "override_reason",
	    json_string(in->override_reason)) != 0 ||
	    json_object_set_new(o, "overridden", json_integer(r->overridden)) != 0))
		goto fail;
	if ((r->record & WF_REC_PUBLISHED) &&
	    json_object_set_new(o, "published_at", json_string(now)) != 0)
		goto fail;
	if ((r->record & WF_REC_VALIDITY) &&
	    (json_object_set_new(o, "validity", json_string(item_validity_name(r->validity))) != 0 ||
	    json_object_set_new(o, "validity_date", json_string(in->validity_date)) != 0))
		goto fail;
	if ((r->record & WF_REC_DRAFTER) &&
	    json_object_set_new(o, "drafter_id", json_integer(r->drafter_id)) != 0)
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

enum gk_err
gk_item_act(struct gk_db *db, int64_t id, const struct gk_item_actor *ac,
    enum wf_action a, const struct gk_item_input *in, const char *now,
    struct wf_result *res, char *err, size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st = NULL;
	struct wf_result	 dummy, *r = res ? res : &dummy;
	struct gk_item		 it;
	struct wf_item		 wi;
	struct wf_actor		 wa;
	struct wf_input		 wn;
	char			 today[GK_DATE_LEN];
	const char		*pub, *wat, *wre, *vdate;
	enum gk_err		 e;
	int64_t			 u;
	int			 findings, i, rc;

	memset(r, 0, sizeof(*r));
	r->code = WF_E_INPUT;
	memset(&it, 0, sizeof(it));
	item_meta_init(&it.meta);
	if (ac == NULL || in == NULL || ac->login[0] == '\0' || (unsigned)a >= WF_ACT__MAX) {
		snprintf(err, errlen, "内部错误：缺少操作人、操作或输入");
		return GK_EINVAL;
	}
	if (!item_today(now, today)) {
		snprintf(err, errlen, "时间“%.40s”无效，应为 ISO 8601", now ? now : "(空)");
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_item_get(db, id, &it, err, errlen)) != GK_OK)
		goto fail;

	memset(&wi, 0, sizeof(wi));
	wi.id = it.id;
	wi.agency_id = it.agency_id;
	wi.state = it.state;
	wi.validity = it.meta.validity;
	wi.drafter_id = it.drafter_id;
	if (it.state >= WF_REVIEWED) {
		if ((u = item_round_user(h, id, 2)) < 0) {
			e = gk_db_err(db, err, errlen, "无法查询审核记录");
			goto fail;
		}
		wi.reviewer_id = u;
	}
	if (it.state >= WF_APPROVED) {
		if ((u = item_round_user(h, id, 3)) < 0 ||
		    (wi.overridden = item_round_overridden(h, id)) < 0) {
			e = gk_db_err(db, err, errlen, "无法查询审核记录");
			goto fail;
		}
		wi.approver_id = u;
	}
	wa.user_id = ac->user_id;
	wa.agency_id = ac->agency_id;
	wa.roles = ac->roles;

	/* The gate: 条例第十四条、第十五条. */
	findings = 0;
	if (a == WF_ACT_SUBMIT || a == WF_ACT_APPROVE || a == WF_ACT_PUBLISH) {
		if ((e = item_findings(db, &it, &findings, err, errlen)) != GK_OK)
			goto fail;
	}
	memset(&wn, 0, sizeof(wn));
	wn.today = today;
	wn.comment = in->comment;
	wn.reason = in->reason;
	for (i = 0; i < WF_CHECK__MAX; i++)
		wn.checks[i] = in->checks[i];
	wn.findings = findings;
	wn.override_reason = in->override_reason;
	wn.validity = in->validity;
	wn.validity_date = in->validity_date;
	if ((e = workflow_apply(&wi, &wa, a, &wn, r, err, errlen)) != GK_OK)
		goto fail;	/* refused: nothing written */

	if ((e = item_history_add(db, &it, ac->user_id, wf_action_name(a), now, err,
	    errlen)) != GK_OK)
		goto fail;
	if (a == WF_ACT_REVIEW || a == WF_ACT_APPROVE || a == WF_ACT_RETURN) {
		if ((e = item_review_add(db, id, ac, r->level, in, a != WF_ACT_RETURN,
		    now, err, errlen)) != GK_OK)
			goto fail;
	}
	pub = (r->record & WF_REC_PUBLISHED) ? now : it.published_at;
	wat = a == WF_ACT_WITHDRAW ? now : it.withdrawn_at;
	wre = a == WF_ACT_WITHDRAW ? in->reason : it.withdrawn_reason;
	vdate = (r->record & WF_REC_VALIDITY) ? in->validity_date :
	    it.meta.f[ITEM_F_VALIDITY_DATE];
	if (sqlite3_prepare_v2(h, "UPDATE item SET state = ?, drafter_id = ?, "
	    "validity = ?, validity_date = ?, published_at = ?, withdrawn_at = ?, "
	    "withdrawn_reason = ?, updated_at = ? WHERE id = ?", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法更新信息状态");
		goto fail;
	}
	sqlite3_bind_text(st, 1, wf_state_name(r->to), -1, SQLITE_STATIC);
	if (r->drafter_id != 0)
		sqlite3_bind_int64(st, 2, r->drafter_id);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, item_validity_label(r->validity), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, vdate, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, pub, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, wat, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, wre, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 9, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法更新信息状态");
		goto fail;
	}
	if ((e = item_audit(db, ac, id, wf_action_name(a),
	    item_act_json(a, in, r, findings, now), now, err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK) {
		r->code = WF_E_INPUT;
		gk_item_clear(&it);
		return e;
	}
	gk_item_clear(&it);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_item_clear(&it);
	if (e != GK_OK && r->code == WF_OK)
		r->code = WF_E_INPUT;	/* allowed but not written */
	return e;
}

void
gk_item_reviews_free(struct gk_item_reviews *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_free(l->v[i].comment);
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum gk_err
gk_item_reviews(struct gk_db *db, int64_t id, struct gk_item_reviews *l,
    char *err, size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st;
	struct gk_item_review	*nv, *v;
	size_t			 cap = 0;
	const char		*t;
	enum gk_err		 e = GK_OK;
	int			 rc;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(h, "SELECT level, reviewer_id, check_legal, "
	    "check_accurate, check_secret, comment, decision, decided_at FROM review "
	    "WHERE item_id = ? ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询审核记录");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = gk_realloc(l->v, cap * sizeof(*nv))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			l->v = nv;
		}
		v = &l->v[l->n];
		memset(v, 0, sizeof(*v));
		v->level = sqlite3_column_int(st, 0);
		v->reviewer_id = sqlite3_column_int64(st, 1);
		v->checks[0] = sqlite3_column_int(st, 2);
		v->checks[1] = sqlite3_column_int(st, 3);
		v->checks[2] = sqlite3_column_int(st, 4);
		t = (const char *)sqlite3_column_text(st, 5);
		if ((v->comment = gk_strdup(t ? t : "")) == NULL) {
			e = GK_ENOMEM;
			break;
		}
		t = (const char *)sqlite3_column_text(st, 6);
		v->pass = t != NULL && strcmp(t, "pass") == 0;
		t = (const char *)sqlite3_column_text(st, 7);
		gk_strlcpy_utf8(v->decided_at, t ? t : "", sizeof(v->decided_at));
		l->n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询审核记录");
	sqlite3_finalize(st);
	if (e == GK_OK) {
		size_t i;

		for (i = 0; i < l->n; i++)
			item_login(h, l->v[i].reviewer_id, l->v[i].reviewer,
			    sizeof(l->v[i].reviewer));
	}
	if (e == GK_ENOMEM)
		item_nomem(err, errlen);
	if (e != GK_OK)
		gk_item_reviews_free(l);
	return e;
}

void
gk_item_dues_free(struct gk_item_dues *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_free(l->v[i].title);
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum gk_err
gk_item_overdue(struct gk_db *db, int64_t agency, const struct calendar *cal,
    const char *today, int window, struct gk_item_dues *l, char *err,
    size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_item_due	*nv, *v;
	enum timeliness_status	 s;
	size_t			 cap = 0;
	const char		*t, *d;
	int32_t			 now, due, last = GK_DATE_NONE;
	long			 wd = 0;
	enum gk_err		 e = GK_OK;
	int			 rc;

	l->v = NULL;
	l->n = 0;
	s = TIMELINESS_PENDING;
	if (cal == NULL || today == NULL || gk_date_parse(today, strlen(today), &now) != GK_OK) {
		snprintf(err, errlen, "“今天”的日期无效：%.40s", today ? today : "(空)");
		return GK_EINVAL;
	}
	if (window < 0 || window > TIMELINESS_STATUTORY_DAYS) {
		snprintf(err, errlen, "提醒窗口须为 0～%d 个工作日", TIMELINESS_STATUTORY_DAYS);
		return GK_EINVAL;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, index_no, title, due_date "
	    "FROM item WHERE state IN ('draft', 'submitted', 'reviewed', 'approved') "
	    "AND due_date IS NOT NULL AND (?1 = 0 OR agency_id = ?1) "
	    "ORDER BY due_date, id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询待发布信息");
	sqlite3_bind_int64(st, 1, agency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		d = (const char *)sqlite3_column_text(st, 3);
		if (d == NULL || gk_date_parse(d, strlen(d), &due) != GK_OK)
			continue;
		/*
		 * The rows come in due-date order and the status depends on the
		 * due date alone: one working-day count per distinct date (each
		 * count walks every day from the due date to today).
		 */
		if (due != last && (e = timeliness_classify(cal, due, GK_DATE_NONE,
		    now, window, &s, &wd, err, errlen)) != GK_OK)
			break;
		last = due;
		if (s != TIMELINESS_OVERDUE && s != TIMELINESS_DUE_SOON)
			continue;
		if (l->n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = gk_realloc(l->v, cap * sizeof(*nv))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			l->v = nv;
		}
		v = &l->v[l->n];
		memset(v, 0, sizeof(*v));
		v->id = sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		gk_strlcpy_utf8(v->index_no, t ? t : "", sizeof(v->index_no));
		t = (const char *)sqlite3_column_text(st, 2);
		if ((v->title = gk_strdup(t ? t : "")) == NULL) {
			e = GK_ENOMEM;
			break;
		}
		gk_date_format(due, v->due_date);
		v->status = s;
		v->workdays = wd;
		l->n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询待发布信息");
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		item_nomem(err, errlen);
	if (e != GK_OK)
		gk_item_dues_free(l);
	return e;
}
