/*
 * import.c — bulk import of already-published items (import.h). Two
 * passes: the first validates every row (item_validate, the category in
 * the agency's table, the state and its dates) and works out each row's
 * 索引号 key (year, and month / category code when the pattern has them);
 * the rows are then put in created_at order (import_order) and the second
 * writes batches of GK_IMPORT_BATCH rows, one transaction each,
 * with the statements prepared once and bound per row. The next sequence
 * of each key is kept in memory, starting from the key's maximum found by
 * one indexed lookup (gk_indexno_max_seq, also used by gk_item_create).
 * Each item gets one audit entry, chained exactly as gk_audit_append()
 * would (the last entry is read once per batch, inside its transaction),
 * so gk_audit_verify() checks them. The page cache is raised to 256 MiB
 * for the import and put back after.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#define IMPORT_JKEYS	(8 + ITEM_F__MAX - 1)	/* fixed keys + fields, less body */

struct import_ctx {
	struct import_key	*keys;
	size_t			 nkeys, capkeys, lastkey;
	struct import_cat	*cats;
	size_t			 ncats, capcats;
	int64_t			*catid;		/* per row */
	unsigned char		 jorder[IMPORT_JKEYS];	/* import_jorder() */
	uint32_t		*key;		/* per row */
	uint32_t		*ord;		/* rows in writing order (import_order) */
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
		/* Only the parts the pattern has make a key (one counter each). */
		key = import_key(c, (fields & INDEXNO_F_YEAR) ?
		    (int)strtol(today, NULL, 10) : 0,
		    (fields & INDEXNO_F_MONTH) ? (int)strtol(today + 5, NULL, 10) : 0,
		    ccode);
		if (key < 0)
			return import_nomem(err, errlen);
		c->catid[i] = id;
		c->key[i] = (uint32_t)key;
	}
	return GK_OK;
}

/* A row's place in the writing order: created_at, then its input position. */
struct import_pos {
	const char	*created;
	uint32_t	 row;
};

static int
import_pos_cmp(const void *a, const void *b)
{
	const struct import_pos *x = a, *y = b;
	int d = strcmp(x->created, y->created);

	if (d != 0)
		return d;
	return x->row < y->row ? -1 : x->row > y->row;
}

/*
 * c->ord = the rows in the order of item's list indexes (agency, created_at,
 * id): by created_at, ties in input order. Written in that order, the
 * date-ordered indexes (item_agency_created, item_agency_category_created,
 * item_category) and the 索引号 of each key take their rows at their end
 * instead of at a random leaf, and ids and 索引号 follow the creation
 * dates. GK_ENOMEM when the scratch array cannot be had.
 */
static enum gk_err
import_order(struct import_ctx *c, const struct gk_import_row *rows, size_t n)
{
	struct import_pos	*p;
	size_t			 i;

	if ((c->ord = gk_calloc(n, sizeof(*c->ord))) == NULL ||
	    (p = gk_calloc(n, sizeof(*p))) == NULL)
		return GK_ENOMEM;
	for (i = 0; i < n; i++) {
		p[i].created = rows[i].created_at;
		p[i].row = (uint32_t)i;
	}
	qsort(p, n, sizeof(*p), import_pos_cmp);
	for (i = 0; i < n; i++)
		c->ord[i] = p[i].row;
	gk_free(p);
	return GK_OK;
}

enum gk_err
gk_indexno_max_seq(struct gk_db *db, int64_t agency, const char *pattern,
    unsigned fields, int width, const struct indexno_fields *key, int64_t *maxp,
    char *err, size_t errlen)
{
	struct indexno_fields	 fl = *key;
	struct indexno_parsed	 pp;
	sqlite3_stmt		*st;
	char			 lo[INDEXNO_MAX + 1], hi[INDEXNO_MAX + 1], perr[64];
	const char		*t;
	int64_t			 top = 1;
	int			 i, rc;

	*maxp = 0;
	for (i = 0; i < width && top <= INT64_MAX / 10; i++)
		top *= 10;
	fl.seq = 1;
	if (indexno_format(pattern, &fl, lo, sizeof(lo), err, errlen) != GK_OK)
		return GK_EINVAL;
	fl.seq = top - 1;
	if (indexno_format(pattern, &fl, hi, sizeof(hi), err, errlen) != GK_OK)
		return GK_EINVAL;
	/*
	 * The key's 索引号 differ only in their N-digit sequence, so they lie
	 * in [lo, hi] in byte order and the greatest is the newest; other
	 * text in the range (another key's, when {seq} is not last) is
	 * skipped. "+agency_id" keeps the planner on the index_no index.
	 */
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT index_no FROM item WHERE "
	    "index_no BETWEEN ?1 AND ?2 AND +agency_id = ?3 ORDER BY index_no DESC",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法分配索引号");
	sqlite3_bind_text(st, 1, lo, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, hi, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, agency);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		if (t == NULL || indexno_parse(pattern, t, &pp, perr, sizeof(perr)) != GK_OK)
			continue;
		if (((fields & INDEXNO_F_YEAR) && pp.year != key->year) ||
		    ((fields & INDEXNO_F_MONTH) && pp.month != key->month) ||
		    ((fields & INDEXNO_F_CATEGORY) && strcmp(pp.category, key->category) != 0) ||
		    ((fields & INDEXNO_F_CODE) && strcmp(pp.code, key->code) != 0))
			continue;
		*maxp = pp.seq;
		break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法分配索引号");
	return GK_OK;
}

/* Each key's current maximum, one indexed lookup a key. */
static enum gk_err
import_max(struct gk_db *db, struct import_ctx *c, int64_t agency,
    const char *pattern, unsigned fields, int width, const char *code, char *err,
    size_t errlen)
{
	struct indexno_fields	 fl;
	struct import_key	*k;
	size_t			 i;
	enum gk_err		 e;

	for (i = 0; i < c->nkeys; i++) {
		k = &c->keys[i];
		memset(&fl, 0, sizeof(fl));
		fl.code = code;
		fl.year = k->year;
		fl.month = k->month;
		fl.category = k->cat;
		if ((e = gk_indexno_max_seq(db, agency, pattern, fields, width, &fl,
		    &k->seq, err, errlen)) != GK_OK)
			return e;
	}
	return GK_OK;
}

/*
 * The audit change of an imported item: the row without its body, as one
 * JSON object with its keys in byte order and no spaces — the bytes that
 * jansson's json_dumps(JSON_COMPACT | JSON_SORT_KEYS) gives for the same
 * object (test_import.c compares the two), built here with a gk_buf
 * because jansson's allocations were a tenth of the import's time. What is
 * hashed and stored is this text; gk_audit_verify() rehashes the stored
 * text, so the chain does not depend on how it was built.
 */
enum import_jkind { IJ_STR, IJ_INT, IJ_NULL, IJ_TRUE };

struct import_jval {
	enum import_jkind	 kind;
	const char		*s;
	int64_t			 i;
};


/*
 * The keys in the order import_change() lists them (fields in enum order,
 * body left out, after the eight fixed keys).
 */
static void
import_jkeys(const char *key[IMPORT_JKEYS])
{
	static const char *const fixed[8] = { "id", "import", "state",
	    "category_id", "created_at", "published_at", "due_date", "body_bytes" };
	size_t n = 0;
	int f;

	for (n = 0; n < 8; n++)
		key[n] = fixed[n];
	for (f = 0; f < ITEM_F__MAX; f++)
		if (f != ITEM_F_BODY)
			key[n++] = item_field_name((enum item_field)f);
}

/* order[] = the indexes of the keys in byte order (JSON_SORT_KEYS). */
static void
import_jorder(unsigned char order[IMPORT_JKEYS])
{
	const char	*key[IMPORT_JKEYS];
	size_t		 i, j;
	unsigned char	 t;

	import_jkeys(key);
	for (i = 0; i < IMPORT_JKEYS; i++)
		order[i] = (unsigned char)i;
	for (i = 1; i < IMPORT_JKEYS; i++)
		for (j = i; j > 0 && strcmp(key[order[j - 1]], key[order[j]]) > 0; j--) {
			t = order[j];
			order[j] = order[j - 1];
			order[j - 1] = t;
		}
}

/* A JSON string as jansson writes it (UTF-8 kept, '/' not escaped). */
static void
import_jstr(struct gk_buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const char	*p, *run;
	char		 u[6];

	gk_buf_putc(b, '"');
	for (run = p = s; *p != '\0'; p++) {
		unsigned char c = (unsigned char)*p;

		if (c >= 0x20 && c != '"' && c != '\\')
			continue;
		gk_buf_append(b, run, (size_t)(p - run));
		run = p + 1;
		switch (c) {
		case '"':	gk_buf_append(b, "\\\"", 2); break;
		case '\\':	gk_buf_append(b, "\\\\", 2); break;
		case '\b':	gk_buf_append(b, "\\b", 2); break;
		case '\f':	gk_buf_append(b, "\\f", 2); break;
		case '\n':	gk_buf_append(b, "\\n", 2); break;
		case '\r':	gk_buf_append(b, "\\r", 2); break;
		case '\t':	gk_buf_append(b, "\\t", 2); break;
		default:
			memcpy(u, "\\u00", 4);
			u[4] = hex[c >> 4];
			u[5] = hex[c & 15];
			gk_buf_append(b, u, 6);
		}
	}
	gk_buf_append(b, run, (size_t)(p - run));
	gk_buf_putc(b, '"');
}

/*
 * Writes the change into b (cleared first). GK_EINVAL when a text is not
 * UTF-8 (jansson would refuse it too), GK_ENOMEM when b is full.
 */
static enum gk_err
import_change(struct gk_buf *b, const unsigned char order[IMPORT_JKEYS],
    int64_t id, const struct gk_import_row *r, const char *ino, int64_t catid,
    const char *publisher)
{
	struct import_jval	 v[IMPORT_JKEYS], *x;
	const char		*key[IMPORT_JKEYS];
	char			 num[24];
	size_t			 n = 0, i, len;
	int			 f;

	b->len = 0;
	b->err = GK_OK;
	v[n++] = (struct import_jval){ IJ_INT, NULL, id };
	v[n++] = (struct import_jval){ IJ_TRUE, NULL, 0 };
	v[n++] = (struct import_jval){ IJ_STR, wf_state_name(r->state), 0 };
	v[n++] = (struct import_jval){ catid ? IJ_INT : IJ_NULL, NULL, catid };
	v[n++] = (struct import_jval){ IJ_STR, r->created_at, 0 };
	v[n++] = (struct import_jval){ r->published_at ? IJ_STR : IJ_NULL,
	    r->published_at, 0 };
	v[n++] = (struct import_jval){ r->due_date ? IJ_STR : IJ_NULL, r->due_date, 0 };
	v[n++] = (struct import_jval){ IJ_INT, NULL,
	    (int64_t)strlen(item_meta_get(r->meta, ITEM_F_BODY)) };
	for (f = 0; f < ITEM_F__MAX; f++) {
		if (f == ITEM_F_BODY)
			continue;
		v[n].kind = IJ_STR;
		v[n++].s = f == ITEM_F_INDEXNO ? ino : f == ITEM_F_PUBLISHER ? publisher :
		    f == ITEM_F_VALIDITY ? item_validity_name(r->meta->validity) :
		    item_meta_get(r->meta, (enum item_field)f);
	}
	import_jkeys(key);
	gk_buf_putc(b, '{');
	for (i = 0; i < IMPORT_JKEYS; i++) {
		x = &v[order[i]];
		if (i > 0)
			gk_buf_putc(b, ',');
		import_jstr(b, key[order[i]]);
		gk_buf_putc(b, ':');
		switch (x->kind) {
		case IJ_STR:
			len = strlen(x->s);
			if (gk_utf8_check(x->s, len) != len)
				return GK_EINVAL;
			import_jstr(b, x->s);
			break;
		case IJ_INT:
			snprintf(num, sizeof(num), "%lld", (long long)x->i);
			gk_buf_puts(b, num);
			break;
		case IJ_NULL:
			gk_buf_puts(b, "null");
			break;
		case IJ_TRUE:
			gk_buf_puts(b, "true");
			break;
		}
	}
	gk_buf_putc(b, '}');
	return b->err == GK_OK ? GK_OK : GK_ENOMEM;
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
    sqlite3_stmt *aud, sqlite3_stmt *last, struct gk_buf *chg, int64_t agency,
    const char *actor,
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
	int64_t			 seq = 1, id;
	size_t			 i, j;
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
	for (j = from; j < to; j++, seq++) {
		i = c->ord[j];
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
		if ((e = import_change(chg, c->jorder, id, r, ino, c->catid[i], pub)) != GK_OK) {
			if (e == GK_ENOMEM)
				import_nomem(err, errlen);
			else
				import_bad(NULL, i, ITEM_F_TITLE, "含有非法 UTF-8 字节",
				    err, errlen);
			goto fail;
		}
		if (gk_audit_hash(seq, now, actor, "item", id, "import", chg->data, prev,
		    hash) != GK_OK) {
			snprintf(err, errlen, "无法计算审计哈希");
			e = GK_EINVAL;
			goto fail;
		}
		sqlite3_reset(aud);
		sqlite3_bind_int64(aud, 1, seq);
		sqlite3_bind_text(aud, 2, now, -1, SQLITE_STATIC);
		sqlite3_bind_text(aud, 3, actor, -1, SQLITE_STATIC);
		sqlite3_bind_int64(aud, 4, id);
		sqlite3_bind_text(aud, 5, chg->data, (int)chg->len, SQLITE_STATIC);
		sqlite3_bind_text(aud, 6, prev, -1, SQLITE_STATIC);
		sqlite3_bind_text(aud, 7, hash, -1, SQLITE_STATIC);
		rc = sqlite3_step(aud);
		sqlite3_clear_bindings(aud);
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

/* Sets cache_size (to put back what import_cache() replaced, SQLite freeing the excess). */
static void
import_cache_restore(sqlite3 *h, int64_t old)
{
	char q[64];

	if (old == 0)
		return;
	snprintf(q, sizeof(q), "PRAGMA cache_size = %lld", (long long)old);
	sqlite3_exec(h, q, NULL, NULL, NULL);
}

/*
 * The page cache during an import: IMPORT_CACHE_KIB instead of SQLite's
 * 2 MB default, because three of item's indexes are ordered by date and
 * take an insert at a random place for every row; with the small cache
 * each one re-read its leaf page from the file. *oldp gets the setting to
 * restore (0 when it could not be read: nothing is changed then).
 */
#define IMPORT_CACHE_KIB	262144

static void
import_cache(sqlite3 *h, int64_t *oldp)
{
	sqlite3_stmt *st;

	*oldp = 0;
	if (sqlite3_prepare_v2(h, "PRAGMA cache_size", -1, &st, NULL) != SQLITE_OK)
		return;
	if (sqlite3_step(st) == SQLITE_ROW)
		*oldp = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* Positive: pages (4 KiB by default); negative: KiB. Never lowered. */
	if ((*oldp > 0 && *oldp < IMPORT_CACHE_KIB / 4) ||
	    (*oldp < 0 && -*oldp < IMPORT_CACHE_KIB))
		import_cache_restore(h, -IMPORT_CACHE_KIB);
	else
		*oldp = 0;
}

enum gk_err
gk_item_import(struct gk_db *db, int64_t agency, const char *actor,
    const struct gk_import_row *rows, size_t n, const char *now,
    size_t *importedp, struct gk_import_error *bad, char *err, size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*ins = NULL, *aud = NULL, *last = NULL, *st = NULL;
	struct import_ctx	 c;
	struct gk_buf		 chg;
	int64_t			 cache = 0;
	char			 pattern[INDEXNO_PATTERN_MAX + 1];
	char			 code[INDEXNO_CODE_MAX + 1];
	char			*aname = NULL;
	const char		*t;
	unsigned		 fields;
	size_t			 from, to;
	enum gk_err		 e;
	int			 width;

	memset(&c, 0, sizeof(c));
	gk_buf_init(&chg, GK_AUDIT_MAX_FIELD);
	import_jorder(c.jorder);
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
	if ((e = import_max(db, &c, agency, pattern, fields, width, code, err,
	    errlen)) != GK_OK)
		goto out;
	if (import_order(&c, rows, n) != GK_OK) {
		e = import_nomem(err, errlen);
		goto out;
	}
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
	import_cache(h, &cache);
	for (from = 0; from < n; from = to) {
		to = n - from > GK_IMPORT_BATCH ? from + GK_IMPORT_BATCH : n;
		if ((e = import_batch(db, &c, ins, aud, last, &chg, agency, actor, pattern,
		    code, aname, rows, from, to, now, err, errlen)) != GK_OK)
			goto out;
		if (importedp != NULL)
			*importedp = to;
	}
	e = GK_OK;
out:
	import_cache_restore(h, cache);
	sqlite3_finalize(ins);
	sqlite3_finalize(aud);
	sqlite3_finalize(last);
	gk_free(aname);
	gk_buf_clear(&chg);
	gk_free(c.keys);
	gk_free(c.cats);
	gk_free(c.catid);
	gk_free(c.key);
	gk_free(c.ord);
	return e;
}
