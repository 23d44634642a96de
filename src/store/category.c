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
#include "store/user.h"
#include "core/workflow.h"

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

/* The category with short code code: 1 found (*idp), 0 absent, -1 error. */
static int
cat_by_code(sqlite3 *h, int64_t agency_id, const char *code, int64_t *idp)
{
	sqlite3_stmt *st;
	int rc;

	if (code == NULL || *code == '\0')
		return 0;
	if (sqlite3_prepare_v2(h, "SELECT id FROM category WHERE agency_id = ? AND code = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*idp = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The sort value after the last child of parent (0: the top), or -1 on error. */
static int
cat_next_sort(sqlite3 *h, int64_t agency_id, int64_t parent)
{
	sqlite3_stmt	*st;
	int		 sort = -1;

	if (sqlite3_prepare_v2(h, "SELECT coalesce(max(sort), -1) + 1 FROM category "
	    "WHERE agency_id = ?1 AND parent_id IS ?2", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	if (parent != 0)
		sqlite3_bind_int64(st, 2, parent);
	else
		sqlite3_bind_null(st, 2);
	if (sqlite3_step(st) == SQLITE_ROW)
		sort = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return sort;
}

/* Agency agency_id exists (inside the transaction). */
static enum gk_err
cat_agency_ok(struct gk_db *db, int64_t agency_id, char *err, size_t errlen)
{
	int rc = gk_agency_exists(gk_db_sqlite(db), agency_id);

	if (rc < 0)
		return gk_db_err(db, err, errlen, "无法查询机构");
	if (rc != 1) {
		snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	return GK_OK;
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
	enum gk_err	 e;
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
	e = gk_audit_append_json(db, actor, "category", id, "create", o, now, err, errlen);
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
	if ((e = cat_agency_ok(db, agency_id, err, errlen)) != GK_OK)
		goto fail;
	/* Parents come before their children in the default tree. */
	for (i = 0; i < t->n; i++) {
		const struct category *c = &t->v[i];
		int64_t parent = c->parent >= 0 ? ids[c->parent] : 0;

		rc = cat_child(h, agency_id, parent, c->name, strlen(c->name), &ids[i]);
		if (rc == 0)	/* renamed or moved: it keeps its code */
			rc = cat_by_code(h, agency_id, c->code, &ids[i]);
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
	if ((e = cat_agency_ok(db, agency_id, err, errlen)) != GK_OK)
		goto fail;
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
	if ((sort = cat_next_sort(h, agency_id, parent_id)) < 0) {
		e = gk_db_err(db, err, errlen, "无法查询栏目");
		goto fail;
	}
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

/* ---- changes to an existing category (rename, move, delete) ---- */

/*
 * The agency, parent (0 at the top) and name of category id: 1 found, 0
 * absent, -1 error.
 */
static int
cat_row(sqlite3 *h, int64_t id, int64_t *agencyp, int64_t *parentp, char *name,
    size_t n)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT agency_id, coalesce(parent_id, 0), name FROM "
	    "category WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*agencyp = sqlite3_column_int64(st, 0);
		*parentp = sqlite3_column_int64(st, 1);
		t = (const char *)sqlite3_column_text(st, 2);
		gk_strlcpy_utf8(name, t != NULL ? t : "", n);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/*
 * The path of category id ("政策文件/规章") into buf and its depth (0 at
 * the top) into *depthp. GK_OK, or a database error.
 */
static enum gk_err
cat_path(struct gk_db *db, int64_t id, char *buf, size_t n, int *depthp, char *err,
    size_t errlen)
{
	char	 names[GK_CATEGORY_DEPTH_MAX + 4][CATEGORY_NAME_MAX + 1];
	int64_t	 ag, parent, cur = id;
	size_t	 used = 0;
	int	 k = 0, i, rc;

	buf[0] = '\0';
	while (cur != 0 && k < GK_CATEGORY_DEPTH_MAX + 4) {
		if ((rc = cat_row(gk_db_sqlite(db), cur, &ag, &parent, names[k],
		    sizeof(names[k]))) != 1)
			return rc < 0 ? gk_db_err(db, err, errlen, "无法查询栏目") :
			    GK_ENOTFOUND;
		k++;
		cur = parent;
	}
	for (i = k - 1; i >= 0; i--) {
		snprintf(buf + used, n - used, "%s%s", used ? "/" : "", names[i]);
		used = strlen(buf);
	}
	if (depthp != NULL)
		*depthp = k - 1;
	return GK_OK;
}

/* Levels below id in its subtree (0: no children), or -1 on error. */
static int
cat_height(sqlite3 *h, int64_t id)
{
	sqlite3_stmt	*st;
	int		 rc, d = -1;

	if (sqlite3_prepare_v2(h, "WITH RECURSIVE s(id, d) AS (SELECT ?1, 0 UNION ALL "
	    "SELECT c.id, s.d + 1 FROM category c JOIN s ON c.parent_id = s.id "
	    "WHERE s.d < 16) SELECT max(d) FROM s", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		d = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return d;
}

/* A count from sql with ?1 = a, ?2 = b (text when b is not NULL), or -1. */
static int64_t
cat_count(sqlite3 *h, const char *sql, int64_t a, const char *b)
{
	sqlite3_stmt	*st;
	int64_t		 c = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	if (b != NULL)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		c = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return c;
}

/*
 * Opens the transaction of a change to category id of agency_id: checks
 * the actor, that the category is the agency's, and gives its parent,
 * name, path and depth. Nothing is left open on an error.
 */
static enum gk_err
cat_change_begin(struct gk_db *db, const char *actor, int64_t agency_id, int64_t id,
    int64_t *parentp, char *name, char *path, int *depthp, char *err, size_t errlen)
{
	int64_t		 ag = 0;
	enum gk_err	 e;
	int		 rc;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = cat_row(gk_db_sqlite(db), id, &ag, parentp, name,
	    CATEGORY_NAME_MAX + 1)) < 0)
		e = gk_db_err(db, err, errlen, "无法查询栏目");
	else if (rc == 0 || ag != agency_id) {
		snprintf(err, errlen, "机构 %lld 没有编号为 %lld 的栏目", (long long)agency_id,
		    (long long)id);
		e = GK_ENOTFOUND;
	} else if ((e = gk_user_authorize(db, actor, agency_id, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    1, err, errlen)) == GK_OK)
		e = cat_path(db, id, path, CATEGORY_PATH_MAX * 4, depthp, err, errlen);
	if (e != GK_OK)
		gk_db_tx_rollback(db);
	return e;
}

/* Renames the timeliness overrides at and below oldp to newp; in a transaction. */
static enum gk_err
cat_rekey(struct gk_db *db, int64_t agency_id, const char *oldp, const char *newp,
    int *movedp, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 o[CATEGORY_PATH_MAX * 4 + 32], n[CATEGORY_PATH_MAX * 4 + 32];
	int		 rc;

	snprintf(o, sizeof(o), "%s%s", GK_AGENCY_SETTING_TIMELINESS, oldp);
	snprintf(n, sizeof(n), "%s%s", GK_AGENCY_SETTING_TIMELINESS, newp);
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "UPDATE agency_setting SET key = ?3 || "
	    "substr(key, length(?2) + 1) WHERE agency_id = ?1 AND "
	    "substr(key, 1, length(?2)) = ?2 AND (length(key) = length(?2) OR "
	    "substr(key, length(?2) + 1, 1) = '/')", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法更新时效规则");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, o, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, n, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法更新时效规则");
	*movedp = sqlite3_changes(gk_db_sqlite(db));
	return GK_OK;
}

/* Appends the audit entry of a change; consumes o. */
static enum gk_err
cat_audit(struct gk_db *db, const char *actor, int64_t id, const char *action,
    json_t *o, const char *now, char *err, size_t errlen)
{
	return gk_audit_append_json(db, actor, "category", id, action, o, now, err, errlen);
}

/* Sets parent and name of id (and the sort when moving); inside a transaction. */
static enum gk_err
cat_update(struct gk_db *db, int64_t id, int64_t parent, const char *name, int sort,
    char *err, size_t errlen)
{
	/* Without the sort ?4 is not in the statement; binding it does nothing. */
	return gk_db_exec(db, "无法修改栏目", err, errlen, sort >= 0 ?
	    "UPDATE category SET parent_id = ?2, name = ?3, sort = ?4 WHERE id = ?1" :
	    "UPDATE category SET parent_id = ?2, name = ?3 WHERE id = ?1", "izti", id, parent,
	    name, (int64_t)sort);
}

/* The new path of a category named name under parent (0: top). */
static enum gk_err
cat_new_path(struct gk_db *db, int64_t parent, const char *name, char *buf, size_t n,
    int *depthp, char *err, size_t errlen)
{
	char		 pp[CATEGORY_PATH_MAX * 4];
	enum gk_err	 e;
	int		 d = -1;

	if (parent == 0) {
		snprintf(buf, n, "%s", name);
		*depthp = 0;
		return GK_OK;
	}
	if ((e = cat_path(db, parent, pp, sizeof(pp), &d, err, errlen)) != GK_OK)
		return e;
	snprintf(buf, n, "%s/%s", pp, name);
	*depthp = d + 1;
	return GK_OK;
}

enum gk_err
gk_category_rename(struct gk_db *db, const char *actor, int64_t agency_id, int64_t id,
    const char *name, const char *now, char *err, size_t errlen)
{
	char		 old[CATEGORY_NAME_MAX + 1], path[CATEGORY_PATH_MAX * 4];
	char		 npath[CATEGORY_PATH_MAX * 4 + CATEGORY_NAME_MAX + 2];
	int64_t		 parent, other;
	enum gk_err	 e;
	int		 depth, rc, moved = 0;

	if (!cat_name_ok(name)) {
		snprintf(err, errlen, "栏目名称须为 1～%d 字节的合法 UTF-8 文本，不含 '/' 和控制字符",
		    CATEGORY_NAME_MAX);
		return GK_EINVAL;
	}
	if ((e = cat_change_begin(db, actor, agency_id, id, &parent, old, path, &depth, err,
	    errlen)) != GK_OK)
		return e;
	if (strcmp(old, name) == 0) {
		gk_db_tx_rollback(db);	/* nothing to change */
		return GK_OK;
	}
	if ((rc = cat_child(gk_db_sqlite(db), agency_id, parent, name, strlen(name),
	    &other)) != 0) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询栏目");
		else {
			snprintf(err, errlen, "同级已有栏目 '%s'（编号 %lld）", name, (long long)other);
			e = GK_ECONFLICT;
		}
		goto fail;
	}
	if ((e = cat_new_path(db, parent, name, npath, sizeof(npath), &depth, err,
	    errlen)) != GK_OK ||
	    (e = cat_update(db, id, parent, name, -1, err, errlen)) != GK_OK ||
	    (e = cat_rekey(db, agency_id, path, npath, &moved, err, errlen)) != GK_OK ||
	    (e = cat_audit(db, actor, id, "rename", json_pack("{s:s, s:s, s:s, s:s, s:i}",
	    "name", name, "old", old, "path", npath, "old_path", path, "rules_moved",
	    moved), now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_category_move(struct gk_db *db, const char *actor, int64_t agency_id, int64_t id,
    int64_t new_parent_id, const char *now, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	char		 name[CATEGORY_NAME_MAX + 1], path[CATEGORY_PATH_MAX * 4];
	char		 npath[CATEGORY_PATH_MAX * 4 + CATEGORY_NAME_MAX + 2], pname[CATEGORY_NAME_MAX + 1];
	int64_t		 parent, other, ag = 0, pp, cur;
	enum gk_err	 e;
	int		 depth, ndepth = 0, height, rc, moved = 0, sort = 0, k;

	if (new_parent_id < 0) {
		snprintf(err, errlen, "上级栏目编号须为正整数（0 为顶级）");
		return GK_EINVAL;
	}
	if ((e = cat_change_begin(db, actor, agency_id, id, &parent, name, path, &depth, err,
	    errlen)) != GK_OK)
		return e;
	if (new_parent_id == parent) {
		gk_db_tx_rollback(db);
		return GK_OK;
	}
	if (new_parent_id != 0) {
		if ((rc = cat_row(h, new_parent_id, &ag, &pp, pname, sizeof(pname))) < 0) {
			e = gk_db_err(db, err, errlen, "无法查询栏目");
			goto fail;
		}
		if (rc == 0 || ag != agency_id) {
			snprintf(err, errlen, "上级栏目编号 %lld 不属于机构 %lld",
			    (long long)new_parent_id, (long long)agency_id);
			e = GK_ENOTFOUND;
			goto fail;
		}
		/* No cycle: the new parent may not be id or lie below it. */
		for (cur = new_parent_id, k = 0; cur != 0 && k < 64; k++) {
			if (cur == id) {
				snprintf(err, errlen, "不能把栏目移到它自己或它的下级栏目之下");
				e = GK_EINVAL;
				goto fail;
			}
			if ((rc = cat_row(h, cur, &ag, &pp, pname, sizeof(pname))) != 1) {
				e = rc < 0 ? gk_db_err(db, err, errlen, "无法查询栏目") : GK_ENOTFOUND;
				goto fail;
			}
			cur = pp;
		}
	}
	if ((e = cat_new_path(db, new_parent_id, name, npath, sizeof(npath), &ndepth, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((height = cat_height(h, id)) < 0) {
		e = gk_db_err(db, err, errlen, "无法查询栏目");
		goto fail;
	}
	if (ndepth + height >= GK_CATEGORY_DEPTH_MAX) {
		snprintf(err, errlen, "移动后栏目层级将超过 %d 级", GK_CATEGORY_DEPTH_MAX);
		e = GK_EINVAL;
		goto fail;
	}
	if ((rc = cat_child(h, agency_id, new_parent_id, name, strlen(name), &other)) != 0) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询栏目");
		else {
			snprintf(err, errlen, "目标位置已有同名栏目 '%s'（编号 %lld）", name,
			    (long long)other);
			e = GK_ECONFLICT;
		}
		goto fail;
	}
	if ((sort = cat_next_sort(h, agency_id, new_parent_id)) < 0) {
		e = gk_db_err(db, err, errlen, "无法查询栏目");
		goto fail;
	}
	if ((e = cat_update(db, id, new_parent_id, name, sort, err, errlen)) != GK_OK ||
	    (e = cat_rekey(db, agency_id, path, npath, &moved, err, errlen)) != GK_OK ||
	    (e = cat_audit(db, actor, id, "move", json_pack("{s:o, s:o, s:s, s:s, s:i}",
	    "parent_id", new_parent_id ? json_integer(new_parent_id) : json_null(),
	    "old_parent_id", parent ? json_integer(parent) : json_null(), "path", npath,
	    "old_path", path, "rules_moved", moved), now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_category_delete(struct gk_db *db, const char *actor, int64_t agency_id, int64_t id,
    const char *now, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	char		 name[CATEGORY_NAME_MAX + 1], path[CATEGORY_PATH_MAX * 4];
	char		 key[CATEGORY_PATH_MAX * 4 + 32];
	int64_t		 parent, children, items, rules;
	enum gk_err	 e;
	int		 depth;

	if ((e = cat_change_begin(db, actor, agency_id, id, &parent, name, path, &depth, err,
	    errlen)) != GK_OK)
		return e;
	snprintf(key, sizeof(key), "%s%s", GK_AGENCY_SETTING_TIMELINESS, path);
	children = cat_count(h, "SELECT count(*) FROM category WHERE parent_id = ?1", id, NULL);
	items = cat_count(h, "SELECT count(*) FROM item WHERE category_id = ?1", id, NULL);
	rules = cat_count(h, "SELECT count(*) FROM agency_setting WHERE agency_id = ?1 "
	    "AND key = ?2", agency_id, key);
	if (children < 0 || items < 0 || rules < 0) {
		e = gk_db_err(db, err, errlen, "无法查询栏目");
		goto fail;
	}
	if (children > 0 || items > 0 || rules > 0) {
		snprintf(err, errlen, "栏目“%s”不能删除：%s", path, children > 0 ?
		    "它还有下级栏目" : items > 0 ? "它下面还有信息（含草稿和已撤回的）" :
		    "它还有单独设置的时效规则（请先删除该规则）");
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法删除栏目", err, errlen, "DELETE FROM category WHERE id = ?",
	    "i", id)) != GK_OK)
		goto fail;
	if ((e = cat_audit(db, actor, id, "delete", json_pack("{s:I, s:s, s:s}", "agency_id",
	    (json_int_t)agency_id, "name", name, "path", path), now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}
