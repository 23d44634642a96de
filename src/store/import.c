/*
 * import.c — bulk import of already-published items (import.h). Two
 * passes: the first validates every row (item_validate, the category in
 * the agency's table, the state and its dates) and works out each row's
 * 索引号 key (year, and month / category code when the pattern has them);
 * the second writes batches of GK_IMPORT_BATCH rows, one transaction each,
 * with the statements prepared once and bound per row. The next sequence
 * of each key is kept in memory, starting from the maximum found by one
 * scan of the agency's existing 索引号. Each item gets one audit entry,
 * chained exactly as gk_audit_append() would (the last entry is read once
 * per batch, inside its transaction), so gk_audit_verify() checks them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/category.h"
#include "core/date.h"
#include "core/indexno.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/import.h"

struct import_key {
	int	 year, month;		/* month 0 unless the pattern has it */
	char	 cat[INDEXNO_CODE_MAX + 1];	/* "" unless the pattern has it */
	int64_t	 seq;			/* the last sequence used */
};

struct import_cat {
	const char	*path;		/* borrowed from a row's meta */
	int64_t		 id;
};

struct import_ctx {
	struct import_key	*keys;
	size_t			 nkeys, capkeys, lastkey;
	struct import_cat	*cats;
	size_t			 ncats, capcats;
	int64_t			*catid;		/* per row */
	uint32_t		*key;		/* per row */
};

static enum gk_err
import_nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

static int
import_date_ok(const char *s, size_t len)
{
	int32_t d;

	return s != NULL && strlen(s) >= len && gk_date_parse(s, 10, &d) == GK_OK;
}

static void
import_bad(struct gk_import_error *bad, size_t row, enum item_field f,
    const char *msg, char *err, size_t errlen)
{
	if (bad != NULL) {
		bad->row = row + 1;
		bad->field = f;
		snprintf(bad->msg, sizeof(bad->msg), "%s", msg);
	}
	snprintf(err, errlen, "第 %zu 行：%s", row + 1, msg);
}

/* The category id of path for the agency, cached; 0 when absent, -1 on error. */
static int64_t
import_cat(struct gk_db *db, struct import_ctx *c, int64_t agency,
    const char *path)
{
	struct import_cat	*nv;
	char			 e2[128];
	int64_t			 id = 0;
	size_t			 i;
	enum gk_err		 e;

	for (i = 0; i < c->ncats; i++)
		if (strcmp(c->cats[i].path, path) == 0)
			return c->cats[i].id;
	e = gk_category_lookup(db, agency, path, &id, e2, sizeof(e2));
	if (e == GK_ENOTFOUND || e == GK_EINVAL)
		id = 0;
	else if (e != GK_OK)
		return -1;
	if (c->ncats == c->capcats) {
		c->capcats = c->capcats ? c->capcats * 2 : 32;
		if ((nv = gk_realloc(c->cats, c->capcats * sizeof(*nv))) == NULL)
			return -2;
		c->cats = nv;
	}
	c->cats[c->ncats].path = path;
	c->cats[c->ncats++].id = id;
	return id;
}

/* The index of the key (added with seq 0 if new); -1 when out of memory. */
static long
import_key(struct import_ctx *c, int year, int month, const char *cat)
{
	struct import_key	*k, *nv;
	size_t			 i;

	if (c->nkeys > 0) {
		k = &c->keys[c->lastkey];
		if (k->year == year && k->month == month && strcmp(k->cat, cat) == 0)
			return (long)c->lastkey;
	}
	for (i = 0; i < c->nkeys; i++) {
		k = &c->keys[i];
		if (k->year == year && k->month == month && strcmp(k->cat, cat) == 0) {
			c->lastkey = i;
			return (long)i;
		}
	}
	if (c->nkeys == c->capkeys) {
		c->capkeys = c->capkeys ? c->capkeys * 2 : 16;
		if ((nv = gk_realloc(c->keys, c->capkeys * sizeof(*nv))) == NULL)
			return -1;
		c->keys = nv;
	}
	k = &c->keys[c->nkeys];
	memset(k, 0, sizeof(*k));
	k->year = year;
	k->month = month;
	gk_strlcpy_utf8(k->cat, cat, sizeof(k->cat));
	c->lastkey = c->nkeys;
	return (long)c->nkeys++;
}

/* Pass 1: every row checked, its category id and 索引号 key recorded. */
static enum gk_err
import_validate(struct gk_db *db, struct import_ctx *c, int64_t agency,
    const struct gk_import_row *rows, size_t n, unsigned fields,
    struct gk_import_error *bad, char *err, size_t errlen)
{
	struct item_problems	 p;
	const struct category	*cat;
	const struct gk_import_row *r;
	char			 today[GK_DATE_LEN], msg[300];
	const char		*path, *ccode;
	int64_t			 id;
	size_t			 i, j, k;
	long			 key;
	enum gk_err		 e;

	for (i = 0; i < n; i++) {
		r = &rows[i];
		if (r->meta == NULL) {
			import_bad(bad, i, ITEM_F_TITLE, "缺少信息内容", err, errlen);
			return GK_EINVAL;
		}
		if (!import_date_ok(r->created_at, 10)) {
			import_bad(bad, i, ITEM_F_WRITTEN, "创建时间无效，应为 ISO 8601",
			    err, errlen);
			return GK_EINVAL;
		}
		if (*item_meta_get(r->meta, ITEM_F_INDEXNO) != '\0') {
			import_bad(bad, i, ITEM_F_INDEXNO, "索引号由系统分配，导入时应为空",
			    err, errlen);
			return GK_EINVAL;
		}
		if (r->state == WF_PUBLISHED) {
			if (!import_date_ok(r->published_at, 10)) {
				import_bad(bad, i, ITEM_F_WRITTEN,
				    "已发布的信息须有有效的发布时间", err, errlen);
				return GK_EINVAL;
			}
		} else if ((unsigned)r->state >= WF_STATE__MAX ||
		    r->state == WF_WITHDRAWN || r->published_at != NULL) {
			import_bad(bad, i, ITEM_F_WRITTEN,
			    "状态无效：只能导入已发布或尚在审核中的信息", err, errlen);
			return GK_EINVAL;
		}
		if (r->due_date != NULL && (strlen(r->due_date) != 10 ||
		    !import_date_ok(r->due_date, 10))) {
			import_bad(bad, i, ITEM_F_WRITTEN, "办理期限日期无效", err, errlen);
			return GK_EINVAL;
		}
		memcpy(today, r->created_at, 10);
		today[10] = '\0';
		e = item_validate(r->meta, NULL, today, &p, err, errlen);
		if (e != GK_OK && p.n == 0)
			return e;
		/* An empty publisher becomes the agency's name, as in gk_item_create. */
		for (j = k = 0; j < p.n; j++)
			if (strcmp(p.v[j].rule, "publisher.required") != 0)
				p.v[k++] = p.v[j];
		p.n = k;
		path = item_meta_get(r->meta, ITEM_F_CATEGORY);
		id = 0;
		if (*path != '\0') {
			if ((id = import_cat(db, c, agency, path)) == -2)
				return import_nomem(err, errlen);
			if (id < 0)
				return gk_db_err(db, err, errlen, "无法查询栏目");
			if (id > 0) {	/* the agency's own category counts */
				for (j = k = 0; j < p.n; j++)
					if (strcmp(p.v[j].rule, "category.unknown") != 0)
						p.v[k++] = p.v[j];
				p.n = k;
			} else if (p.n == 0) {
				snprintf(msg, sizeof(msg), "本单位未设置栏目“%.60s”", path);
				import_bad(bad, i, ITEM_F_CATEGORY, msg, err, errlen);
				return GK_EINVAL;
			}
		}
		if (p.n > 0) {
			import_bad(bad, i, p.v[0].field, p.v[0].msg, err, errlen);
			return GK_EINVAL;
		}
		ccode = "";
		if (fields & INDEXNO_F_CATEGORY) {
			if ((cat = category_find(NULL, path)) == NULL) {
				snprintf(msg, sizeof(msg), "索引号格式含 {category}，但栏目“%.60s”没有简码",
				    path);
				import_bad(bad, i, ITEM_F_CATEGORY, msg, err, errlen);
				return GK_EINVAL;
			}
			ccode = cat->code;
		}
		key = import_key(c, (int)strtol(today, NULL, 10),
		    (fields & INDEXNO_F_MONTH) ? (int)strtol(today + 5, NULL, 10) : 0,
		    ccode);
		if (key < 0)
			return import_nomem(err, errlen);
		c->catid[i] = id;
		c->key[i] = (uint32_t)key;
	}
	return GK_OK;
}

/* One scan of the agency's 索引号: each key's current maximum. */
static enum gk_err
import_max(struct gk_db *db, struct import_ctx *c, int64_t agency,
    const char *pattern, unsigned fields, const char *code, char *err,
    size_t errlen)
{
	struct indexno_parsed	 pp;
	struct import_key	*k;
	sqlite3_stmt		*st;
	const char		*t;
	char			 perr[64];
	size_t			 i;
	int			 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT index_no FROM item WHERE "
	    "agency_id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法分配索引号");
	sqlite3_bind_int64(st, 1, agency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		if (t == NULL || indexno_parse(pattern, t, &pp, perr, sizeof(perr)) != GK_OK)
			continue;
		if ((fields & INDEXNO_F_CODE) && strcmp(pp.code, code) != 0)
			continue;
		for (i = 0; i < c->nkeys; i++) {
			k = &c->keys[i];
			if (((fields & INDEXNO_F_YEAR) && pp.year != k->year) ||
			    ((fields & INDEXNO_F_MONTH) && pp.month != k->month) ||
			    ((fields & INDEXNO_F_CATEGORY) && strcmp(pp.category, k->cat) != 0))
				continue;
			if (pp.seq > k->seq)
				k->seq = pp.seq;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法分配索引号");
	return GK_OK;
}

/* The audit change of an imported item (the row without its body). */
static char *
import_change(int64_t id, const struct gk_import_row *r, const char *ino,
    int64_t catid, const char *publisher)
{
	json_malloc_t	 mf;
	json_free_t	 ff;
	json_t		*o;
	char		*s, *copy = NULL;
	const char	*v;
	int		 i, ok;

	if ((o = json_object()) == NULL)
		return NULL;
	ok = json_object_set_new(o, "id", json_integer(id)) == 0 &&
	    json_object_set_new(o, "import", json_true()) == 0 &&
	    json_object_set_new(o, "state", json_string(wf_state_name(r->state))) == 0 &&
	    json_object_set_new(o, "category_id", catid ? json_integer(catid) :
	    json_null()) == 0 &&
	    json_object_set_new(o, "created_at", json_string(r->created_at)) == 0 &&
	    json_object_set_new(o, "published_at", r->published_at ?
	    json_string(r->published_at) : json_null()) == 0 &&
	    json_object_set_new(o, "due_date", r->due_date ?
	    json_string(r->due_date) : json_null()) == 0 &&
	    json_object_set_new(o, "body_bytes",
	    json_integer((json_int_t)strlen(item_meta_get(r->meta, ITEM_F_BODY)))) == 0;
	for (i = 0; ok && i < ITEM_F__MAX; i++) {
		if (i == ITEM_F_VALIDITY || i == ITEM_F_BODY)
			continue;
		v = i == ITEM_F_INDEXNO ? ino : i == ITEM_F_PUBLISHER ? publisher :
		    item_meta_get(r->meta, (enum item_field)i);
		ok = json_object_set_new(o, item_field_name((enum item_field)i),
		    json_string(v)) == 0;
	}
	if (ok)
		ok = json_object_set_new(o, "validity",
		    json_string(item_validity_name(r->meta->validity))) == 0;
	s = ok ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (s == NULL)
		return NULL;
	copy = gk_strdup(s);
	json_get_alloc_funcs(&mf, &ff);
	ff(s);
	return copy;
}

static void
import_bind_opt(sqlite3_stmt *st, int c, const char *s)
{
	if (s != NULL && *s != '\0')
		sqlite3_bind_text(st, c, s, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, c);
}

/* Pass 2: rows [from, to) in one transaction. */
static enum gk_err
import_batch(struct gk_db *db, struct import_ctx *c, sqlite3_stmt *ins,
    sqlite3_stmt *aud, sqlite3_stmt *last, int64_t agency, const char *actor,
    const char *pattern, const char *code, const char *aname,
    const struct gk_import_row *rows, size_t from, size_t to, const char *now,
    char *err, size_t errlen)
{
	struct indexno_fields	 fl;
	struct import_key	*k;
	const struct gk_import_row *r;
	const struct item_meta	*m;
	char			 ino[INDEXNO_MAX + 1];
	char			 prev[GK_SHA256_HEXLEN + 1], hash[GK_SHA256_HEXLEN + 1];
	const char		*t, *pub;
	char			*chg;
	int64_t			 seq = 1, id;
	size_t			 i;
	enum gk_err		 e;
	int			 rc;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	memcpy(prev, GK_AUDIT_GENESIS, sizeof(prev));
	sqlite3_reset(last);
	if ((rc = sqlite3_step(last)) == SQLITE_ROW) {
		seq = sqlite3_column_int64(last, 0) + 1;
		t = (const char *)sqlite3_column_text(last, 1);
		if (t == NULL || strlen(t) != GK_SHA256_HEXLEN) {
			snprintf(err, errlen, "审计链末条记录的哈希已损坏，请先运行 gongkai audit verify");
			e = GK_EDB;
			goto fail;
		}
		memcpy(prev, t, sizeof(prev));
	} else if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法读取审计链");
		goto fail;
	}
	sqlite3_reset(last);
	for (i = from; i < to; i++, seq++) {
		r = &rows[i];
		m = r->meta;
		k = &c->keys[c->key[i]];
		memset(&fl, 0, sizeof(fl));
		fl.code = code;
		fl.year = k->year;
		fl.month = k->month;
		fl.category = k->cat;
		fl.seq = k->seq + 1;
		if ((e = indexno_format(pattern, &fl, ino, sizeof(ino), err,
		    errlen)) != GK_OK)
			goto fail;
		k->seq++;
		pub = item_meta_get(m, ITEM_F_PUBLISHER);
		if (*pub == '\0')
			pub = aname;
		sqlite3_reset(ins);
		sqlite3_bind_int64(ins, 1, agency);
		sqlite3_bind_text(ins, 2, ino, -1, SQLITE_STATIC);
		if (c->catid[i] > 0)
			sqlite3_bind_int64(ins, 3, c->catid[i]);
		else
			sqlite3_bind_null(ins, 3);
		sqlite3_bind_text(ins, 4, item_meta_get(m, ITEM_F_TITLE), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, item_meta_get(m, ITEM_F_TOPIC), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, pub, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, item_meta_get(m, ITEM_F_DOCNO), -1, SQLITE_STATIC);
		import_bind_opt(ins, 8, item_meta_get(m, ITEM_F_WRITTEN));
		import_bind_opt(ins, 9, item_meta_get(m, ITEM_F_EVENT_END));
		sqlite3_bind_text(ins, 10, item_validity_label(m->validity), -1,
		    SQLITE_STATIC);
		import_bind_opt(ins, 11, item_meta_get(m, ITEM_F_VALIDITY_DATE));
		sqlite3_bind_text(ins, 12, item_meta_get(m, ITEM_F_KEYWORDS), -1,
		    SQLITE_STATIC);
		sqlite3_bind_text(ins, 13, item_meta_get(m, ITEM_F_BODY), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 14, wf_state_name(r->state), -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 15, r->created_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 16, r->published_at ? r->published_at :
		    r->created_at, -1, SQLITE_STATIC);
		import_bind_opt(ins, 17, r->due_date);
		import_bind_opt(ins, 18, r->published_at);
		if (sqlite3_step(ins) != SQLITE_DONE) {
			e = gk_db_err(db, err, errlen, "无法保存导入的信息");
			goto fail;
		}
		id = sqlite3_last_insert_rowid(gk_db_sqlite(db));
		if ((chg = import_change(id, r, ino, c->catid[i], pub)) == NULL) {
			e = import_nomem(err, errlen);
			goto fail;
		}
		if (gk_audit_hash(seq, now, actor, "item", id, "import", chg, prev,
		    hash) != GK_OK) {
			gk_free(chg);
			snprintf(err, errlen, "无法计算审计哈希");
			e = GK_EINVAL;
			goto fail;
		}
		sqlite3_reset(aud);
		sqlite3_bind_int64(aud, 1, seq);
		sqlite3_bind_text(aud, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(aud, 3, actor, -1, SQLITE_STATIC);
		sqlite3_bind_int64(aud, 4, id);
		sqlite3_bind_text(aud, 5, chg, -1, SQLITE_STATIC);
		sqlite3_bind_text(aud, 6, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(aud, 7, hash, -1, SQLITE_STATIC);
		rc = sqlite3_step(aud);
		sqlite3_clear_bindings(aud);
		gk_free(chg);
		if (rc != SQLITE_DONE) {
			e = gk_db_err(db, err, errlen, "无法写入审计记录");
			goto fail;
		}
		memcpy(prev, hash, sizeof(prev));
	}
	sqlite3_reset(ins);
	sqlite3_clear_bindings(ins);
	return gk_db_tx_commit(db, err, errlen);
fail:
	sqlite3_reset(ins);
	sqlite3_reset(aud);
	sqlite3_reset(last);
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_item_import(struct gk_db *db, int64_t agency, const char *actor,
    const struct gk_import_row *rows, size_t n, const char *now,
    size_t *importedp, struct gk_import_error *bad, char *err, size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*ins = NULL, *aud = NULL, *last = NULL, *st = NULL;
	struct import_ctx	 c;
	char			 pattern[INDEXNO_PATTERN_MAX + 1];
	char			 code[INDEXNO_CODE_MAX + 1];
	char			*aname = NULL;
	const char		*t;
	unsigned		 fields;
	size_t			 from, to;
	enum gk_err		 e;
	int			 width;

	memset(&c, 0, sizeof(c));
	if (importedp != NULL)
		*importedp = 0;
	if (bad != NULL)
		memset(bad, 0, sizeof(*bad));
	if (actor == NULL || *actor == '\0' || now == NULL || !import_date_ok(now, 10) ||
	    (rows == NULL && n > 0)) {
		snprintf(err, errlen, "内部错误：缺少操作人、时间或导入数据");
		return GK_EINVAL;
	}
	if (n == 0)
		return GK_OK;
	if (n > UINT32_MAX) {
		snprintf(err, errlen, "一次导入的条数过多");
		return GK_EINVAL;
	}
	/* The agency's code and name. */
	if (sqlite3_prepare_v2(h, "SELECT uscc, name FROM agency WHERE id = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	sqlite3_bind_int64(st, 1, agency);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		snprintf(err, errlen, "机构 #%lld 不存在", (long long)agency);
		return GK_ENOTFOUND;
	}
	t = (const char *)sqlite3_column_text(st, 0);
	gk_strlcpy_utf8(code, t ? t : "", sizeof(code));
	t = (const char *)sqlite3_column_text(st, 1);
	aname = gk_strdup(t ? t : "");
	sqlite3_finalize(st);
	if (aname == NULL)
		return import_nomem(err, errlen);
	if ((e = gk_agency_indexno_pattern(db, agency, pattern, sizeof(pattern), err,
	    errlen)) != GK_OK)
		goto out;
	if ((e = indexno_pattern_check(pattern, err, errlen)) != GK_OK ||
	    (e = indexno_pattern_fields(pattern, &fields, &width)) != GK_OK)
		goto out;
	c.catid = gk_calloc(n, sizeof(*c.catid));
	c.key = gk_calloc(n, sizeof(*c.key));
	if (c.catid == NULL || c.key == NULL) {
		e = import_nomem(err, errlen);
		goto out;
	}
	if ((e = import_validate(db, &c, agency, rows, n, fields, bad, err,
	    errlen)) != GK_OK)
		goto out;
	if ((e = import_max(db, &c, agency, pattern, fields, code, err,
	    errlen)) != GK_OK)
		goto out;
	if (sqlite3_prepare_v2(h, "INSERT INTO item (agency_id, index_no, category_id, "
	    "title, topic, publisher, doc_no, written_date, event_end_date, validity, "
	    "validity_date, keywords, body, state, created_at, updated_at, due_date, "
	    "published_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    -1, &ins, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO audit (seq, time, actor, entity, "
	    "entity_id, action, change, prev_hash, hash) "
	    "VALUES (?, ?, ?, 'item', ?, 'import', ?, ?, ?)", -1, &aud, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
	    -1, &last, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法准备导入语句");
		goto out;
	}
	for (from = 0; from < n; from = to) {
		to = n - from > GK_IMPORT_BATCH ? from + GK_IMPORT_BATCH : n;
		if ((e = import_batch(db, &c, ins, aud, last, agency, actor, pattern,
		    code, aname, rows, from, to, now, err, errlen)) != GK_OK)
			goto out;
		if (importedp != NULL)
			*importedp = to;
	}
	e = GK_OK;
out:
	sqlite3_finalize(ins);
	sqlite3_finalize(aud);
	sqlite3_finalize(last);
	gk_free(aname);
	gk_free(c.keys);
	gk_free(c.cats);
	gk_free(c.catid);
	gk_free(c.key);
	return e;
}
