/*
 * store/category.c — an agency's category tree in the store: seeding from
 * the default tree (core/category.c, the single source of the default
 * names, codes and kinds), adding children, listing in tree order and
 * lookup by path. Each row stores its short code (NULL for a custom
 * category without one) and kind (schema v3). Insertions follow the write path of db.h: the row and its
 * audit entry in one transaction.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"

/* 1 if well-formed UTF-8, 1..CATEGORY_NAME_MAX bytes, no control char, no '/'. */
static int
cat_name_ok(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n;
	int k, i;

	if (s == NULL || (n = strlen(s)) == 0 || n > CATEGORY_NAME_MAX)
		return 0;
	while (*p != '\0') {
		if (*p < 0x20 || *p == 0x7f || *p == '/')
			return 0;
		if (*p < 0x80)
			k = 0;
		else if ((*p & 0xe0) == 0xc0 && *p >= 0xc2)
			k = 1;
		else if ((*p & 0xf0) == 0xe0)
			k = 2;
		else if ((*p & 0xf8) == 0xf0 && *p <= 0xf4)
			k = 3;
		else
			return 0;
		for (i = 1; i <= k; i++)
			if ((p[i] & 0xc0) != 0x80)
				return 0;
		if ((k == 2 && ((*p == 0xe0 && p[1] < 0xa0) || (*p == 0xed && p[1] >= 0xa0))) ||
		    (k == 3 && ((*p == 0xf0 && p[1] < 0x90) || (*p == 0xf4 && p[1] >= 0x90))))
			return 0;
		p += k + 1;
	}
	return 1;
}

/* The child of parent (0: top) named name: 1 found (*idp), 0 absent, -1 error. */
static int
cat_child(sqlite3 *h, int64_t agency_id, int64_t parent, const char *name,
    size_t namelen, int64_t *idp)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h, "SELECT id FROM category WHERE agency_id = ?1 "
	    "AND parent_id IS ?2 AND name = ?3 ORDER BY id LIMIT 1", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	if (parent != 0)
		sqlite3_bind_int64(st, 2, parent);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, name, (int)namelen, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*idp = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* Inserts one category and its audit entry; inside a transaction. */
static enum gk_err
cat_insert(struct gk_db *db, const char *actor, int64_t agency_id,
    int64_t parent, const char *name, int sort, const char *code,
    enum category_kind kind, const char *now, int64_t *idp, char *err,
    size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	json_t		*o;
	json_malloc_t	 mf;
	json_free_t	 ff;
	enum gk_err	 e;
	char		*s, *change;
	int64_t		 id;
	int		 rc;

	if (sqlite3_prepare_v2(h, "INSERT INTO category (agency_id, parent_id, name, "
	    "sort, code, kind) VALUES (?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法添加栏目");
	sqlite3_bind_int64(st, 1, agency_id);
	if (parent != 0)
		sqlite3_bind_int64(st, 2, parent);
	else
		sqlite3_bind_null(st, 2);
	sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, sort);
	if (code != NULL && *code != '\0')
		sqlite3_bind_text(st, 5, code, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, category_kind_name(kind), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法添加栏目");
	id = sqlite3_last_insert_rowid(h);
	o = json_pack("{s:I, s:I, s:o, s:s, s:i, s:s, s:s}", "id", (json_int_t)id,
	    "agency_id", (json_int_t)agency_id, "parent_id",
	    parent ? json_integer(parent) : json_null(), "name", name, "sort", sort,
	    "code", code != NULL ? code : "", "kind", category_kind_name(kind));
	s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	change = s != NULL ? gk_strdup(s) : NULL;
	if (s != NULL) {
		json_get_alloc_funcs(&mf, &ff);
		ff(s);
	}
	if (change == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	e = gk_audit_append(db, actor, "category", id, "create", change, now, NULL,
	    err, errlen);
	gk_free(change);
	if (e == GK_OK && idp != NULL)
		*idp = id;
	return e;
}

enum gk_err
gk_category_seed_defaults(struct gk_db *db, int64_t agency_id,
    const char *actor, const char *now, char *err, size_t errlen)
{
	const struct category_tree	*t = category_default();
	sqlite3				*h = gk_db_sqlite(db);
	int64_t				*ids;
	enum gk_err			 e;
	size_t				 i;
	int				 rc;

	if (agency_id <= 0) {
		snprintf(err, errlen, "机构编号须为正整数");
		return GK_EINVAL;
	}
	if ((ids = gk_calloc(t->n, sizeof(*ids))) == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK) {
		gk_free(ids);
		return e;
	}
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	/* Parents come before their children in the default tree. */
	for (i = 0; i < t->n; i++) {
		const struct category *c = &t->v[i];
		int64_t parent = c->parent >= 0 ? ids[c->parent] : 0;

		rc = cat_child(h, agency_id, parent, c->name, strlen(c->name), &ids[i]);
		if (rc < 0) {
			e = gk_db_err(db, err, errlen, "无法查询栏目");
			goto fail;
		}
		if (rc == 0 && (e = cat_insert(db, actor, agency_id, parent, c->name,
		    (int)i, c->code, c->kind, now, &ids[i], err, errlen)) != GK_OK)
			goto fail;
	}
	gk_free(ids);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_free(ids);
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_category_lookup(struct gk_db *db, int64_t agency_id, const char *path,
    int64_t *idp, char *err, size_t errlen)
{
	const char	*p, *q;
	int64_t		 id = 0, next = 0;
	size_t		 len;
	int		 rc, depth = 0;

	*idp = 0;
	if (path == NULL || *path == '\0' || strlen(path) > CATEGORY_PATH_MAX * 4) {
		snprintf(err, errlen, "栏目路径为空或过长");
		return GK_EINVAL;
	}
	for (p = path; ; p = q + 1) {
		q = strchr(p, '/');
		len = q != NULL ? (size_t)(q - p) : strlen(p);
		if (len == 0 || ++depth > GK_CATEGORY_DEPTH_MAX) {
			snprintf(err, errlen, "栏目路径 '%.200s' 格式错误（如 政策文件/规章）", path);
			return GK_EINVAL;
		}
		rc = cat_child(gk_db_sqlite(db), agency_id, id, p, len, &next);
		if (rc < 0)
			return gk_db_err(db, err, errlen, "无法查询栏目");
		if (rc == 0) {
			snprintf(err, errlen, "机构 %lld 没有栏目 '%.*s'", (long long)agency_id,
			    (int)(p + len - path), path);
			return GK_ENOTFOUND;
		}
		id = next;
		if (q == NULL)
			break;
	}
	*idp = id;
	return GK_OK;
}

enum gk_err
gk_category_add(struct gk_db *db, const char *actor, int64_t agency_id,
    int64_t parent_id, const char *name, const char *now, int64_t *idp,
    char *err, size_t errlen)
{
	return gk_category_add_ex(db, actor, agency_id, parent_id, name, NULL,
	    NULL, now, idp, err, errlen);
}

enum gk_err
gk_category_add_ex(struct gk_db *db, const char *actor, int64_t agency_id,
    int64_t parent_id, const char *name, const char *code, const char *kind,
    const char *now, int64_t *idp, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	enum gk_err	 e;
	enum category_kind k = CATEGORY_KIND_OTHER, pk = CATEGORY_KIND_OTHER;
	const char	*t;
	int64_t		 cur, other, owner;
	int		 rc, depth = 0, sort = 0;

	if (idp != NULL)
		*idp = 0;
	if (!cat_name_ok(name)) {
		snprintf(err, errlen, "栏目名称须为 1～%d 字节的合法 UTF-8 文本，不含 '/' 和控制字符",
		    CATEGORY_NAME_MAX);
		return GK_EINVAL;
	}
	if (agency_id <= 0 || parent_id < 0) {
		snprintf(err, errlen, "机构编号和上级栏目编号须为正整数");
		return GK_EINVAL;
	}
	if (code != NULL && *code != '\0' && !category_code_ok(code)) {
		snprintf(err, errlen, "栏目简码“%.40s”无效：须为 1～%d 个小写字母、数字或 -",
		    code, CATEGORY_CODE_MAX);
		return GK_EINVAL;
	}
	if (kind != NULL && *kind != '\0' && !category_kind_from_name(kind, &k)) {
		snprintf(err, errlen, "栏目类型“%.40s”无效（可用：other、policy、news、"
		    "interp、fiscal）", kind);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	/* The parent must be the agency's; count the levels above it. */
	if (sqlite3_prepare_v2(h, "SELECT agency_id, parent_id, kind FROM category "
	    "WHERE id = ?",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询栏目");
		goto fail;
	}
	for (cur = parent_id; cur != 0; depth++) {
		if (depth >= GK_CATEGORY_DEPTH_MAX - 1) {
			sqlite3_finalize(st);
			snprintf(err, errlen, "栏目层级不能超过 %d 级", GK_CATEGORY_DEPTH_MAX);
			e = GK_EINVAL;
			goto fail;
		}
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, cur);
		if ((rc = sqlite3_step(st)) != SQLITE_ROW) {
			sqlite3_finalize(st);
			if (rc != SQLITE_DONE)
				e = gk_db_err(db, err, errlen, "无法查询栏目");
			else {
				snprintf(err, errlen, "上级栏目编号 %lld 不存在", (long long)parent_id);
				e = GK_ENOTFOUND;
			}
			goto fail;
		}
		owner = sqlite3_column_int64(st, 0);
		if (owner != agency_id) {
			sqlite3_finalize(st);
			snprintf(err, errlen, "上级栏目编号 %lld 不属于机构 %lld",
			    (long long)parent_id, (long long)agency_id);
			e = GK_ENOTFOUND;
			goto fail;
		}
		if (depth == 0 && (t = (const char *)sqlite3_column_text(st, 2)) != NULL &&
		    !category_kind_from_name(t, &pk))
			pk = CATEGORY_KIND_OTHER;
		cur = sqlite3_column_int64(st, 1);
	}
	if (kind == NULL || *kind == '\0')
		k = pk;		/* inherited from the parent (other at the top) */
	sqlite3_finalize(st);
	if ((rc = cat_child(h, agency_id, parent_id, name, strlen(name), &other)) != 0) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询栏目");
		else {
			snprintf(err, errlen, "同级已有栏目 '%s'（编号 %lld）", name, (long long)other);
			e = GK_ECONFLICT;
		}
		goto fail;
	}
	if (sqlite3_prepare_v2(h, "SELECT coalesce(max(sort), -1) + 1 FROM category "
	    "WHERE agency_id = ?1 AND parent_id IS ?2", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询栏目");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	if (parent_id != 0)
		sqlite3_bind_int64(st, 2, parent_id);
	else
		sqlite3_bind_null(st, 2);
	if (sqlite3_step(st) == SQLITE_ROW)
		sort = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (code != NULL && *code != '\0') {
		if (sqlite3_prepare_v2(h, "SELECT id FROM category WHERE agency_id = ? "
		    "AND code = ?", -1, &st, NULL) != SQLITE_OK) {
			e = gk_db_err(db, err, errlen, "无法查询栏目");
			goto fail;
		}
		sqlite3_bind_int64(st, 1, agency_id);
		sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		other = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			if (rc != SQLITE_ROW)
				e = gk_db_err(db, err, errlen, "无法查询栏目");
			else {
				snprintf(err, errlen, "栏目简码 %s 已被使用（栏目编号 %lld）", code,
				    (long long)other);
				e = GK_ECONFLICT;
			}
			goto fail;
		}
	}
	if ((e = cat_insert(db, actor, agency_id, parent_id, name, sort, code, k,
	    now, idp, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	if (idp != NULL)
		*idp = 0;
	gk_db_tx_rollback(db);
	return e;
}

void
gk_category_list_free(struct gk_category_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		gk_free(l->v[i].name);
		gk_free(l->v[i].path);
		gk_free((char *)l->v[i].code);	/* owned; const for readers */
	}
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

struct cat_raw {
	int64_t			 id, parent;
	int			 sort;
	char			*name;
	char			*code;	/* "" when none */
	enum category_kind	 kind;
};

/* Appends the children of parent (in sort order) and their subtrees. */
static enum gk_err
cat_emit(const struct cat_raw *raw, size_t nraw, int64_t parent, int depth,
    const char *ppath, struct gk_category_list *l)
{
	struct gk_category_row	*r;
	enum gk_err		 e;
	size_t			 i, plen;

	if (depth >= GK_CATEGORY_DEPTH_MAX)
		return GK_OK;
	for (i = 0; i < nraw; i++) {
		if (raw[i].parent != parent)
			continue;
		r = &l->v[l->n];
		memset(r, 0, sizeof(*r));
		r->id = raw[i].id;
		r->parent_id = parent;
		r->depth = depth;
		r->sort = raw[i].sort;
		plen = ppath != NULL ? strlen(ppath) + 1 : 0;
		r->name = gk_strdup(raw[i].name);
		r->path = gk_malloc(plen + strlen(raw[i].name) + 1);
		r->code = gk_strdup(raw[i].code);
		if (r->name == NULL || r->path == NULL || r->code == NULL) {
			gk_free(r->name);
			gk_free(r->path);
			gk_free((char *)r->code);
			r->code = NULL;
			return GK_ENOMEM;
		}
		if (ppath != NULL)
			snprintf(r->path, plen + strlen(raw[i].name) + 1, "%s/%s", ppath,
			    raw[i].name);
		else
			memcpy(r->path, raw[i].name, strlen(raw[i].name) + 1);
		r->kind = raw[i].kind;
		l->n++;
		if ((e = cat_emit(raw, nraw, r->id, depth + 1, r->path, l)) != GK_OK)
			return e;
	}
	return GK_OK;
}

enum gk_err
gk_category_list(struct gk_db *db, int64_t agency_id, struct gk_category_list *l,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	struct cat_raw	*raw = NULL, *nv;
	size_t		 n = 0, cap = 0, i;
	enum gk_err	 e = GK_OK;
	const char	*t;
	int		 rc;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, coalesce(parent_id, 0), "
	    "name, sort, coalesce(code, ''), kind FROM category WHERE agency_id = ? ORDER BY sort, id", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法列出栏目");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((nv = gk_realloc(raw, cap * sizeof(*nv))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			raw = nv;
		}
		raw[n].id = sqlite3_column_int64(st, 0);
		raw[n].parent = sqlite3_column_int64(st, 1);
		raw[n].sort = sqlite3_column_int(st, 3);
		t = (const char *)sqlite3_column_text(st, 2);
		raw[n].name = gk_strdup(t != NULL ? t : "");
		t = (const char *)sqlite3_column_text(st, 4);
		raw[n].code = gk_strdup(t != NULL ? t : "");
		t = (const char *)sqlite3_column_text(st, 5);
		if (t == NULL || !category_kind_from_name(t, &raw[n].kind))
			raw[n].kind = CATEGORY_KIND_OTHER;
		if (raw[n].name == NULL || raw[n].code == NULL) {
			gk_free(raw[n].name);
			gk_free(raw[n].code);
			e = GK_ENOMEM;
			break;
		}
		n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法列出栏目");
	sqlite3_finalize(st);
	if (e == GK_OK && n > 0 && (l->v = gk_calloc(n, sizeof(*l->v))) == NULL)
		e = GK_ENOMEM;
	if (e == GK_OK && n > 0)
		e = cat_emit(raw, n, 0, 0, NULL, l);
	for (i = 0; i < n; i++) {
		gk_free(raw[i].name);
		gk_free(raw[i].code);
	}
	gk_free(raw);
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	if (e != GK_OK)
		gk_category_list_free(l);
	return e;
}
