/*
 * archive.c — the electronic archive (电子档案): exports a year's
 * published and withdrawn items into a folder under a SHA-256 manifest,
 * and verifies such a folder against it (store/archive.h, docs/archive.md).
 * The queries are prepared statements; files are created with O_EXCL in a
 * temporary folder that is renamed into place only when complete.
 */
#define _XOPEN_SOURCE 700	/* nftw() */

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/sha256.h"
#include "store/agency.h"
#include "store/archive.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/user.h"
#include "core/workflow.h"

#define ARCHIVE_PATH	4096
#define ARCHIVE_DEPTH	8		/* folders below the archive walked by verify */
#define ARCHIVE_MANIFEST_MAX	((size_t)64 * 1024 * 1024)

/* One written file, for the manifest. */
struct archive_ent {
	char	*path;
	int64_t	 size;
	char	 sha[GK_SHA256_HEXLEN + 1];
};

struct archive_w {
	char			 root[ARCHIVE_PATH];	/* the temporary folder */
	struct archive_ent	*v;
	size_t			 n, cap;
	char			*err;
	size_t			 errlen;
};

static const char archive_item_sql[] =
    "SELECT i.id, i.agency_id, a.name AS agency_name, i.index_no, i.title,"
    " i.category_id, i.topic, i.publisher, i.doc_no, i.written_date,"
    " i.event_end_date, i.validity, i.validity_date, i.keywords, i.state,"
    " i.drafter_id, u.login AS drafter, i.created_at, i.updated_at, i.due_date,"
    " i.published_at, i.withdrawn_at, i.withdrawn_reason, i.paper_ref"
    " FROM item i JOIN agency a ON a.id = i.agency_id"
    " LEFT JOIN users u ON u.id = i.drafter_id"
    " WHERE substr(i.created_at, 1, 4) = ?1 AND (?2 = 0 OR i.agency_id = ?2)"
    " AND i.state IN ('published', 'withdrawn')"
    " ORDER BY i.agency_id, i.index_no, i.id";

static const char archive_catpath_sql[] =
    "WITH RECURSIVE p(id, parent_id, path) AS ("
    " SELECT id, parent_id, name FROM category WHERE id = ?1"
    " UNION ALL SELECT c.id, c.parent_id, c.name || '/' || p.path"
    " FROM category c JOIN p ON c.id = p.parent_id)"
    " SELECT path FROM p WHERE parent_id IS NULL";

static const char archive_review_sql[] =
    "SELECT r.level, r.reviewer_id, u.login AS reviewer,"
    " u.display_name AS reviewer_name, r.check_legal, r.check_accurate,"
    " r.check_secret, r.comment, r.decision, r.decided_at"
    " FROM review r LEFT JOIN users u ON u.id = r.reviewer_id"
    " WHERE r.item_id = ?1 ORDER BY r.decided_at, r.id";

static const char archive_audit_sql[] =
    "SELECT seq, time, actor, entity, entity_id, action, change, prev_hash,"
    " hash FROM audit WHERE entity = 'item' AND entity_id = ?1 ORDER BY seq";

static const char archive_attach_sql[] =
    "SELECT a.name, a.mime, a.size, a.blob_hash, b.data, a.created_at"
    " FROM attachment a JOIN blob b ON b.hash = a.blob_hash"
    " WHERE a.item_id = ?1 ORDER BY a.id";

void
gk_archive_safe_name(const char *in, char *out, size_t n)
{
	size_t i;

	if (n == 0)
		return;
	for (i = 0; in[i] != '\0' && i + 1 < n; i++) {
		unsigned char c = (unsigned char)in[i];

		out[i] = (c == '/' || c == '\\' || c < 0x20 || c == 0x7f ||
		    (i == 0 && c == '.')) ? '_' : (char)c;
	}
	/* Do not cut a UTF-8 sequence in half. */
	while (i > 0 && in[i] != '\0' && ((unsigned char)in[i] & 0xC0) == 0x80)
		i--;
	out[i] = '\0';
	if (i == 0 && n > 1) {
		out[0] = '_';
		out[1] = '\0';
	}
}

static enum gk_err archive_fail(struct archive_w *, enum gk_err, const char *, ...)
	    __attribute__((format(printf, 3, 4)));

static enum gk_err
archive_fail(struct archive_w *w, enum gk_err e, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(w->err, w->errlen, fmt, ap);
	va_end(ap);
	return e;
}

/* Writes rel (below the temporary folder) with O_EXCL and records it. */
static enum gk_err
archive_put(struct archive_w *w, const char *rel, const void *data, size_t len)
{
	struct gk_sha256	 h;
	struct archive_ent	*nv;
	unsigned char		 d[GK_SHA256_LEN];
	const char		*p = data;
	char			 path[ARCHIVE_PATH];
	size_t			 off = 0;
	ssize_t			 k;
	int			 fd;

	if ((size_t)snprintf(path, sizeof(path), "%s/%s", w->root, rel) >=
	    sizeof(path))
		return archive_fail(w, GK_ELIMIT, "路径过长：%s", rel);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC,
	    0644)) == -1)
		return archive_fail(w, GK_EIO, "无法创建档案文件 %s", rel);
	while (off < len) {
		if ((k = write(fd, p + off, len - off)) <= 0) {
			if (k < 0 && errno == EINTR)
				continue;
			close(fd);
			return archive_fail(w, GK_EIO, "无法写入档案文件 %s", rel);
		}
		off += (size_t)k;
	}
	if (fsync(fd) != 0 || close(fd) != 0)
		return archive_fail(w, GK_EIO, "无法写入档案文件 %s", rel);
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;

		if ((nv = gk_realloc(w->v, cap * sizeof(*nv))) == NULL)
			return archive_fail(w, GK_ENOMEM, "内存不足");
		w->v = nv;
		w->cap = cap;
	}
	if ((w->v[w->n].path = gk_strdup(rel)) == NULL)
		return archive_fail(w, GK_ENOMEM, "内存不足");
	gk_sha256_init(&h);
	gk_sha256_update(&h, data, len);
	gk_sha256_final(&h, d);
	gk_sha256_hex(d, w->v[w->n].sha);
	w->v[w->n].size = (int64_t)len;
	w->n++;
	return GK_OK;
}

/* Dumps j (sorted keys, UTF-8, indent 2, final newline) to rel; consumes j. */
static enum gk_err
archive_put_json(struct archive_w *w, const char *rel, json_t *j)
{
	json_malloc_t	 mf;
	json_free_t	 ff;
	enum gk_err	 e;
	char		*s;
	size_t		 len;

	if (j == NULL)
		return archive_fail(w, GK_ENOMEM, "内存不足");
	s = json_dumps(j, JSON_SORT_KEYS | JSON_INDENT(2));
	json_decref(j);
	if (s == NULL)
		return archive_fail(w, GK_ENOMEM, "内存不足");
	len = strlen(s);
	s[len] = '\n';		/* overwrites the NUL: written by length */
	e = archive_put(w, rel, s, len + 1);
	json_get_alloc_funcs(&mf, &ff);
	ff(s);
	return e;
}

/* The current row of st as a JSON object keyed by column name. */
static json_t *
archive_row(sqlite3_stmt *st)
{
	json_t	*o, *v;
	int	 k, n = sqlite3_column_count(st);

	if ((o = json_object()) == NULL)
		return NULL;
	for (k = 0; k < n; k++) {
		switch (sqlite3_column_type(st, k)) {
		case SQLITE_NULL:
			v = json_null();
			break;
		case SQLITE_INTEGER:
			v = json_integer(sqlite3_column_int64(st, k));
			break;
		default:
			v = json_stringn((const char *)sqlite3_column_text(st, k),
			    (size_t)sqlite3_column_bytes(st, k));
			break;
		}
		if (v == NULL || json_object_set_new(o, sqlite3_column_name(st, k),
		    v) != 0) {
			json_decref(o);
			return NULL;
		}
	}
	return o;
}

/* Every row of sql (bound to id) as an array of objects. */
static enum gk_err
archive_rows(struct gk_db *db, const char *sql, int64_t id, json_t **out,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	json_t		*a, *o;
	int		 rc;

	*out = NULL;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询档案数据");
	sqlite3_bind_int64(st, 1, id);
	if ((a = json_array()) == NULL) {
		sqlite3_finalize(st);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((o = archive_row(st)) == NULL || json_array_append_new(a, o) != 0) {
			sqlite3_finalize(st);
			json_decref(a);
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		json_decref(a);
		return gk_db_err(db, err, errlen, "无法读取档案数据");
	}
	*out = a;
	return GK_OK;
}

/* The attachments of item id into folder/attachments/. */
static enum gk_err
archive_attachments(struct gk_db *db, struct archive_w *w, const char *folder,
    int64_t id, json_t *list)
{
	sqlite3_stmt		*st;
	unsigned char		 d[GK_SHA256_LEN];
	char			 name[256], rel[ARCHIVE_PATH], path[ARCHIVE_PATH],
				 hex[GK_SHA256_HEXLEN + 1];
	const char		*h;
	const void		*data;
	enum gk_err		 e = GK_OK;
	int			 rc, made = 0, len;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), archive_attach_sql, -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, w->err, w->errlen, "无法查询附件");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		gk_archive_safe_name((const char *)sqlite3_column_text(st, 0), name,
		    sizeof(name));
		h = (const char *)sqlite3_column_text(st, 3);
		data = sqlite3_column_blob(st, 4);
		len = sqlite3_column_bytes(st, 4);
		gk_sha256(data != NULL ? data : "", (size_t)len, d);
		gk_sha256_hex(d, hex);
		if (h == NULL || strcmp(h, hex) != 0) {
			e = archive_fail(w, GK_EDB, "附件 %s 的内容与其哈希不符", name);
			break;
		}
		if (!made) {
			if ((size_t)snprintf(path, sizeof(path), "%s/%s/attachments",
			    w->root, folder) >= sizeof(path) || mkdir(path, 0755) != 0) {
				e = archive_fail(w, GK_EIO, "无法创建 %s/attachments",
				    folder);
				break;
			}
			made = 1;
		}
		if ((size_t)snprintf(rel, sizeof(rel), "%s/attachments/%s", folder,
		    name) >= sizeof(rel)) {
			e = archive_fail(w, GK_ELIMIT, "路径过长：%s", name);
			break;
		}
		if ((e = archive_put(w, rel, data != NULL ? data : "",
		    (size_t)len)) != GK_OK)
			break;
		if (json_array_append_new(list, json_pack("{s:s, s:s, s:i, s:s, s:s}",
		    "name", (const char *)sqlite3_column_text(st, 0), "file", rel,
		    "size", (json_int_t)len, "sha256", hex, "mime",
		    (const char *)sqlite3_column_text(st, 1))) != 0) {
			e = archive_fail(w, GK_ENOMEM, "内存不足");
			break;
		}
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, w->err, w->errlen, "无法读取附件");
	sqlite3_finalize(st);
	return e;
}

/* One item's folder. row is its item.json object (consumed). */
static enum gk_err
archive_item(struct gk_db *db, struct archive_w *w, int64_t id,
    const char *index_no, json_t *row)
{
	sqlite3_stmt	*st;
	json_t		*reviews, *audit, *att, *v;
	char		 folder[256], rel[ARCHIVE_PATH], path[ARCHIVE_PATH];
	const char	*body;
	enum gk_err	 e;
	int		 rc;

	gk_archive_safe_name(index_no, folder, sizeof(folder));
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", w->root, folder) >=
	    sizeof(path) || mkdir(path, 0755) != 0) {
		json_decref(row);
		return archive_fail(w, errno == EEXIST ? GK_ECONFLICT : GK_EIO,
		    "无法创建档案文件夹 %s（索引号重复或无法写入）", folder);
	}
	/* The category path, e.g. "政策文件/规章". */
	if (sqlite3_prepare_v2(gk_db_sqlite(db), archive_catpath_sql, -1, &st,
	    NULL) != SQLITE_OK) {
		json_decref(row);
		return gk_db_err(db, w->err, w->errlen, "无法查询栏目");
	}
	sqlite3_bind_int64(st, 1, json_integer_value(json_object_get(row,
	    "category_id")));
	rc = sqlite3_step(st);
	v = rc == SQLITE_ROW ? json_string((const char *)sqlite3_column_text(st, 0)) :
	    json_string("");
	sqlite3_finalize(st);
	if (v == NULL || json_object_set_new(row, "category", v) != 0) {
		json_decref(row);
		return archive_fail(w, GK_ENOMEM, "内存不足");
	}
	/* body.md, then the body is left out of item.json. */
	body = json_string_value(json_object_get(row, "body"));
	snprintf(rel, sizeof(rel), "%s/body.md", folder);
	if ((e = archive_put(w, rel, body != NULL ? body : "",
	    body != NULL ? strlen(body) : 0)) != GK_OK) {
		json_decref(row);
		return e;
	}
	json_object_del(row, "body");
	if ((att = json_array()) == NULL ||
	    json_object_set_new(row, "attachments", att) != 0) {
		json_decref(row);
		return archive_fail(w, GK_ENOMEM, "内存不足");
	}
	if ((e = archive_attachments(db, w, folder, id, att)) != GK_OK) {
		json_decref(row);
		return e;
	}
	snprintf(rel, sizeof(rel), "%s/item.json", folder);
	if ((e = archive_put_json(w, rel, row)) != GK_OK)
		return e;
	if ((e = archive_rows(db, archive_review_sql, id, &reviews, w->err,
	    w->errlen)) != GK_OK)
		return e;
	snprintf(rel, sizeof(rel), "%s/reviews.json", folder);
	if ((e = archive_put_json(w, rel, reviews)) != GK_OK)
		return e;
	if ((e = archive_rows(db, archive_audit_sql, id, &audit, w->err,
	    w->errlen)) != GK_OK)
		return e;
	snprintf(rel, sizeof(rel), "%s/audit.json", folder);
	return archive_put_json(w, rel, audit);
}

static int
archive_ent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct archive_ent *)a)->path,
	    ((const struct archive_ent *)b)->path);
}

static enum gk_err
archive_manifest(struct archive_w *w, int year, json_t *agency, const char *now,
    size_t items)
{
	json_t		*m, *files;
	unsigned char	 d[GK_SHA256_LEN];
	char		 path[ARCHIVE_PATH], hex[GK_SHA256_HEXLEN + 1], line[128];
	char		*s;
	size_t		 i, len;
	enum gk_err	 e;
	json_malloc_t	 mf;
	json_free_t	 ff;

	if (w->n > 1)
		qsort(w->v, w->n, sizeof(*w->v), archive_ent_cmp);
	if ((files = json_array()) == NULL) {
		json_decref(agency);
		return archive_fail(w, GK_ENOMEM, "内存不足");
	}
	for (i = 0; i < w->n; i++)
		if (json_array_append_new(files, json_pack("{s:s, s:I, s:s}", "path",
		    w->v[i].path, "size", (json_int_t)w->v[i].size, "sha256",
		    w->v[i].sha)) != 0) {
			json_decref(files);
			json_decref(agency);
			return archive_fail(w, GK_ENOMEM, "内存不足");
		}
	m = json_pack("{s:s, s:o, s:i, s:s, s:I, s:o}", "format", GK_ARCHIVE_FORMAT,
	    "agency", agency, "year", year, "created", now, "item_count",
	    (json_int_t)items, "files", files);
	if (m == NULL)
		return archive_fail(w, GK_ENOMEM, "内存不足");
	s = json_dumps(m, JSON_SORT_KEYS | JSON_INDENT(2));
	json_decref(m);
	if (s == NULL)
		return archive_fail(w, GK_ENOMEM, "内存不足");
	len = strlen(s);
	s[len] = '\n';
	gk_sha256(s, len + 1, d);
	gk_sha256_hex(d, hex);
	snprintf(path, sizeof(path), "%s", GK_ARCHIVE_MANIFEST);
	e = archive_put(w, path, s, len + 1);
	json_get_alloc_funcs(&mf, &ff);
	ff(s);
	if (e != GK_OK)
		return e;
	/* The format of sha256sum, so "sha256sum -c manifest.sha256" checks it. */
	snprintf(line, sizeof(line), "%s  %s\n", hex, GK_ARCHIVE_MANIFEST);
	return archive_put(w, GK_ARCHIVE_MANIFEST_SUM, line, strlen(line));
}

static int
archive_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *f)
{
	(void)sb;
	(void)flag;
	(void)f;
	return remove(path);
}

/* 1 when dir does not exist or is an empty directory. */
static int
archive_dir_free(const char *dir)
{
	struct dirent	*de;
	DIR		*d;
	int		 empty = 1;

	if ((d = opendir(dir)) == NULL)
		return errno == ENOENT;
	while ((de = readdir(d)) != NULL)
		if (strcmp(de->d_name, ".") != 0 && strcmp(de->d_name, "..") != 0) {
			empty = 0;
			break;
		}
	closedir(d);
	return empty;
}

enum gk_err
gk_archive_export(struct gk_db *db, int year, int64_t agency_id,
    const char *dir, const char *now, size_t *itemsp, char *err, size_t errlen)
{
	struct archive_w	 w;
	struct gk_agency	 ag;
	sqlite3_stmt		*st = NULL;
	json_t			*row, *agency = NULL;
	char			 ys[8];
	enum gk_err		 e = GK_OK;
	size_t			 items = 0, i;
	int			 rc;

	if (itemsp != NULL)
		*itemsp = 0;
	if (year < 1900 || year > 2999) {
		snprintf(err, errlen, "年份无效：%d", year);
		return GK_EINVAL;
	}
	if (dir == NULL || *dir == '\0' || now == NULL) {
		snprintf(err, errlen, "缺少档案文件夹");
		return GK_EINVAL;
	}
	if (agency_id != 0) {
		if ((e = gk_agency_get(db, agency_id, &ag, err, errlen)) != GK_OK)
			return e;
		agency = json_pack("{s:I, s:s, s:s}", "id", (json_int_t)ag.id, "name",
		    ag.name, "uscc", ag.uscc);
		gk_agency_clear(&ag);
	} else
		agency = json_null();
	if (agency == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	if (!archive_dir_free(dir)) {
		json_decref(agency);
		snprintf(err, errlen, "%s 已存在且不是空文件夹，拒绝导出", dir);
		return GK_ECONFLICT;
	}
	memset(&w, 0, sizeof(w));
	w.err = err;
	w.errlen = errlen;
	if ((size_t)snprintf(w.root, sizeof(w.root), "%s.tmp-XXXXXX", dir) >=
	    sizeof(w.root) - 1) {
		json_decref(agency);
		snprintf(err, errlen, "路径过长：%s", dir);
		return GK_ELIMIT;
	}
	if (mkdtemp(w.root) == NULL) {
		json_decref(agency);
		snprintf(err, errlen, "无法创建临时文件夹 %s", w.root);
		return GK_EIO;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), archive_item_sql, -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询信息");
		goto fail;
	}
	snprintf(ys, sizeof(ys), "%04d", year);
	sqlite3_bind_text(st, 1, ys, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((row = archive_row(st)) == NULL) {
			e = archive_fail(&w, GK_ENOMEM, "内存不足");
			goto fail;
		}
		/* The body is a separate query: the list query stays small. */
		{
			sqlite3_stmt *bs;

			if (sqlite3_prepare_v2(gk_db_sqlite(db),
			    "SELECT body FROM item WHERE id = ?1", -1, &bs, NULL) !=
			    SQLITE_OK) {
				json_decref(row);
				e = gk_db_err(db, err, errlen, "无法查询正文");
				goto fail;
			}
			sqlite3_bind_int64(bs, 1, sqlite3_column_int64(st, 0));
			if (sqlite3_step(bs) != SQLITE_ROW || json_object_set_new(row,
			    "body", json_stringn((const char *)sqlite3_column_text(bs,
			    0), (size_t)sqlite3_column_bytes(bs, 0))) != 0) {
				sqlite3_finalize(bs);
				json_decref(row);
				e = archive_fail(&w, GK_EDB, "无法读取正文");
				goto fail;
			}
			sqlite3_finalize(bs);
		}
		if ((e = archive_item(db, &w, sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 3), row)) != GK_OK)
			goto fail;
		items++;
	}
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法读取信息");
		goto fail;
	}
	sqlite3_finalize(st);
	st = NULL;
	e = archive_manifest(&w, year, agency, now, items);
	agency = NULL;
	if (e != GK_OK)
		goto fail;
	if (rename(w.root, dir) != 0) {
		e = GK_EIO;
		snprintf(err, errlen, "无法将档案移到 %s（已存在且不为空，或无法写入）", dir);
		goto fail;
	}
	if (itemsp != NULL)
		*itemsp = items;
	goto out;
fail:
	sqlite3_finalize(st);
	json_decref(agency);
	nftw(w.root, archive_rm_one, 16, FTW_DEPTH | FTW_PHYS);
out:
	for (i = 0; i < w.n; i++)
		gk_free(w.v[i].path);
	gk_free(w.v);
	return e;
}

/* ---- verify ---- */

static enum gk_err
archive_diff(struct gk_archive_check *c, enum gk_archive_change k,
    const char *path)
{
	struct gk_archive_diff *nv;

	if ((nv = gk_realloc(c->v, (c->n + 1) * sizeof(*nv))) == NULL)
		return GK_ENOMEM;
	c->v = nv;
	if ((c->v[c->n].path = gk_strdup(path)) == NULL)
		return GK_ENOMEM;
	c->v[c->n++].kind = k;
	return GK_OK;
}

/* SHA-256 and size of a regular file, read without following a symlink. */
static int
archive_hash_file(const char *path, char hex[GK_SHA256_HEXLEN + 1],
    int64_t *sizep)
{
	struct gk_sha256	 h;
	struct stat		 sb;
	unsigned char		 buf[65536], d[GK_SHA256_LEN];
	ssize_t			 k;
	int			 fd;

	if ((fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)) == -1)
		return -1;
	if (fstat(fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return -1;
	}
	gk_sha256_init(&h);
	*sizep = 0;
	while ((k = read(fd, buf, sizeof(buf))) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return -1;
		}
		gk_sha256_update(&h, buf, (size_t)k);
		*sizep += k;
	}
	close(fd);
	gk_sha256_final(&h, d);
	gk_sha256_hex(d, hex);
	return 0;
}

/* A manifest path must stay inside the archive: relative, no "." or ".." part. */
static int
archive_path_ok(const char *p)
{
	const char *s = p, *e;

	if (*p == '\0' || *p == '/' || strlen(p) >= ARCHIVE_PATH / 2)
		return 0;
	for (;;) {
		e = strchr(s, '/');
		if (e == NULL)
			e = s + strlen(s);
		if (e == s || (e - s == 1 && s[0] == '.') ||
		    (e - s == 2 && s[0] == '.' && s[1] == '.'))
			return 0;
		if (*e == '\0')
			return 1;
		s = e + 1;
	}
}

static int
archive_str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Files on disk below dir/rel that the manifest (sorted names) does not list. */
static enum gk_err
archive_walk(const char *dir, const char *rel, const char **names, size_t n,
    struct gk_archive_check *c, int depth)
{
	struct dirent	*de;
	struct stat	 sb;
	DIR		*d;
	char		 path[ARCHIVE_PATH], sub[ARCHIVE_PATH];
	const char	*key;
	enum gk_err	 e = GK_OK;

	snprintf(path, sizeof(path), "%s%s%s", dir, *rel ? "/" : "", rel);
	if ((d = opendir(path)) == NULL)
		return archive_diff(c, GK_ARCHIVE_ADDED, *rel ? rel : ".");
	while (e == GK_OK && (de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		if ((size_t)snprintf(sub, sizeof(sub), "%s%s%s", rel, *rel ? "/" : "",
		    de->d_name) >= sizeof(sub) / 2) {
			e = archive_diff(c, GK_ARCHIVE_ADDED, de->d_name);
			continue;
		}
		if (*rel == '\0' && (strcmp(sub, GK_ARCHIVE_MANIFEST) == 0 ||
		    strcmp(sub, GK_ARCHIVE_MANIFEST_SUM) == 0))
			continue;
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, sub) >=
		    sizeof(path)) {
			e = archive_diff(c, GK_ARCHIVE_ADDED, sub);
			continue;
		}
		if (lstat(path, &sb) == 0 && S_ISDIR(sb.st_mode) &&
		    depth < ARCHIVE_DEPTH) {
			e = archive_walk(dir, sub, names, n, c, depth + 1);
			continue;
		}
		key = sub;
		if (bsearch(&key, names, n, sizeof(*names), archive_str_cmp) == NULL)
			e = archive_diff(c, GK_ARCHIVE_ADDED, sub);
	}
	closedir(d);
	return e;
}

static int
archive_diff_cmp(const void *a, const void *b)
{
	return strcmp(((const struct gk_archive_diff *)a)->path,
	    ((const struct gk_archive_diff *)b)->path);
}

void
gk_archive_check_free(struct gk_archive_check *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		gk_free(c->v[i].path);
	gk_free(c->v);
	memset(c, 0, sizeof(*c));
}

enum gk_err
gk_archive_verify(const char *dir, struct gk_archive_check *c, char *err,
    size_t errlen)
{
	struct stat	 sb;
	json_error_t	 je;
	json_t		*m = NULL, *files, *f;
	const char	*p, *sha, **names = NULL;
	unsigned char	 d[GK_SHA256_LEN];
	char		 path[ARCHIVE_PATH], hex[GK_SHA256_HEXLEN + 1],
			 want[GK_SHA256_HEXLEN + 1], line[160];
	unsigned char	*buf = NULL;
	int64_t		 size;
	size_t		 i, n, len = 0;
	enum gk_err	 e = GK_OK;
	FILE		*fp;

	memset(c, 0, sizeof(*c));
	if (stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode)) {
		snprintf(err, errlen, "%s 不是文件夹", dir);
		return GK_ENOTFOUND;
	}
	snprintf(path, sizeof(path), "%s/%s", dir, GK_ARCHIVE_MANIFEST);
	if ((fp = fopen(path, "rb")) == NULL) {
		snprintf(err, errlen, "%s 不是电子档案：没有 %s", dir,
		    GK_ARCHIVE_MANIFEST);
		return GK_ENOTFOUND;
	}
	if ((buf = gk_malloc(ARCHIVE_MANIFEST_MAX + 1)) == NULL) {
		fclose(fp);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	len = fread(buf, 1, ARCHIVE_MANIFEST_MAX + 1, fp);
	fclose(fp);
	if (len > ARCHIVE_MANIFEST_MAX) {
		gk_free(buf);
		snprintf(err, errlen, "%s 过大", path);
		return GK_ELIMIT;
	}
	gk_sha256(buf, len, d);
	gk_sha256_hex(d, hex);
	m = json_loadb((const char *)buf, len, JSON_REJECT_DUPLICATES, &je);
	gk_free(buf);
	if (m == NULL || !json_is_object(m) ||
	    (p = json_string_value(json_object_get(m, "format"))) == NULL ||
	    strcmp(p, GK_ARCHIVE_FORMAT) != 0 ||
	    !json_is_array(files = json_object_get(m, "files"))) {
		if (m == NULL)
			snprintf(err, errlen, "%s 不是电子档案：%s 第 %d 行：%s", dir,
			    GK_ARCHIVE_MANIFEST, je.line, je.text);
		else
			snprintf(err, errlen, "%s 不是电子档案：%s 的格式不是 %s", dir,
			    GK_ARCHIVE_MANIFEST, GK_ARCHIVE_FORMAT);
		json_decref(m);
		return GK_EINVAL;
	}
	n = json_array_size(files);
	if (n > 0 && (names = gk_calloc(n, sizeof(*names))) == NULL) {
		json_decref(m);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	/* Check the listing first: a bad entry means this is not our manifest. */
	json_array_foreach(files, i, f) {
		p = json_string_value(json_object_get(f, "path"));
		sha = json_string_value(json_object_get(f, "sha256"));
		if (p == NULL || sha == NULL || strlen(sha) != GK_SHA256_HEXLEN ||
		    !json_is_integer(json_object_get(f, "size")) ||
		    !archive_path_ok(p)) {
			snprintf(err, errlen, "%s 不是电子档案：%s 第 %zu 个文件条目无效或路径不安全",
			    dir, GK_ARCHIVE_MANIFEST, i + 1);
			gk_free(names);
			json_decref(m);
			return GK_EINVAL;
		}
		names[i] = p;
	}
	c->files = n;
	/* The manifest against manifest.sha256. */
	snprintf(path, sizeof(path), "%s/%s", dir, GK_ARCHIVE_MANIFEST_SUM);
	if ((fp = fopen(path, "rb")) == NULL)
		e = archive_diff(c, GK_ARCHIVE_REMOVED, GK_ARCHIVE_MANIFEST_SUM);
	else {
		if (fgets(line, sizeof(line), fp) == NULL ||
		    strlen(line) < GK_SHA256_HEXLEN)
			e = archive_diff(c, GK_ARCHIVE_CHANGED, GK_ARCHIVE_MANIFEST_SUM);
		else {
			memcpy(want, line, GK_SHA256_HEXLEN);
			want[GK_SHA256_HEXLEN] = '\0';
			if (strcmp(want, hex) != 0)
				e = archive_diff(c, GK_ARCHIVE_CHANGED,
				    GK_ARCHIVE_MANIFEST);
		}
		fclose(fp);
	}
	/* Every listed file. */
	json_array_foreach(files, i, f) {
		if (e != GK_OK)
			break;
		p = names[i];
		snprintf(path, sizeof(path), "%s/%s", dir, p);
		if (lstat(path, &sb) != 0)
			e = archive_diff(c, GK_ARCHIVE_REMOVED, p);
		else if (archive_hash_file(path, hex, &size) != 0 ||
		    size != json_integer_value(json_object_get(f, "size")) ||
		    strcmp(hex, json_string_value(json_object_get(f, "sha256"))) != 0)
			e = archive_diff(c, GK_ARCHIVE_CHANGED, p);
	}
	/* Every file on disk that is not listed. */
	if (e == GK_OK) {
		if (n > 0)
			qsort(names, n, sizeof(*names), archive_str_cmp);
		e = archive_walk(dir, "", names, n, c, 0);
	}
	gk_free(names);
	json_decref(m);
	if (e != GK_OK) {
		gk_archive_check_free(c);
		snprintf(err, errlen, "内存不足");
		return e;
	}
	if (c->n > 1)
		qsort(c->v, c->n, sizeof(*c->v), archive_diff_cmp);
	return GK_OK;
}

/* Agency, state and paper_ref of an item: 1 found, 0 absent, -1 error. */
static int
archive_item_row(sqlite3 *h, int64_t id, int64_t *agencyp, char *state,
    size_t statelen, char *ref, size_t reflen)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT agency_id, state, paper_ref FROM item "
	    "WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*agencyp = sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		gk_strlcpy_utf8(state, t != NULL ? t : "", statelen);
		t = (const char *)sqlite3_column_text(st, 2);
		gk_strlcpy_utf8(ref, t != NULL ? t : "", reflen);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

enum gk_err
gk_archive_set_paper_ref(struct gk_db *db, const char *actor, int64_t item_id,
    const char *ref, const char *now, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	json_t		*o;
	json_malloc_t	 mf;
	json_free_t	 ff;
	enum gk_err	 e;
	char		 state[32], old[GK_ARCHIVE_PAPER_REF_MAX * 4 + 1], *change = NULL;
	int64_t		 agency = 0;
	long		 nc;
	size_t		 len;
	int		 rc;

	if (ref == NULL)
		ref = "";
	len = strlen(ref);
	if ((nc = gk_text_chars(ref)) < 0 || nc > GK_ARCHIVE_PAPER_REF_MAX ||
	    (len > 0 && (ref[0] == ' ' || ref[len - 1] == ' '))) {
		snprintf(err, errlen, "纸质档案号须为至多 %d 个字符的合法 UTF-8 文本，"
		    "不含控制字符，首尾不含空格", GK_ARCHIVE_PAPER_REF_MAX);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = archive_item_row(h, item_id, &agency, state, sizeof(state), old,
	    sizeof(old))) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询信息");
		else {
			snprintf(err, errlen, "信息编号 %lld 不存在", (long long)item_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, agency, WF_ROLE_BIT(WF_ROLE_OFFICER) |
	    WF_ROLE_BIT(WF_ROLE_ADMIN), 0, err, errlen)) != GK_OK)
		goto fail;
	if (strcmp(state, "published") != 0 && strcmp(state, "withdrawn") != 0) {
		snprintf(err, errlen, "信息 %lld 尚未公开（状态 %s）：只有已公开或已撤回的"
		    "信息才归档，才能登记纸质档案号", (long long)item_id, state);
		e = GK_ECONFLICT;
		goto fail;
	}
	if (strcmp(old, ref) == 0) {
		snprintf(err, errlen, "信息 %lld 的纸质档案号未改变", (long long)item_id);
		e = GK_ECONFLICT;
		goto fail;
	}
	if (sqlite3_prepare_v2(h, "UPDATE item SET paper_ref = ? WHERE id = ?", -1,
	    &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存纸质档案号");
		goto fail;
	}
	sqlite3_bind_text(st, 1, ref, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, item_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存纸质档案号");
		goto fail;
	}
	/* The change, dumped by jansson and freed with its own allocator. */
	o = json_pack("{s:s, s:s}", "paper_ref", ref, "old", old);
	change = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	e = change == NULL ? GK_ENOMEM : gk_audit_append(db, actor, "item", item_id,
	    "paper_ref", change, now, NULL, err, errlen);
	json_get_alloc_funcs(&mf, &ff);
	if (change != NULL)
		ff(change);
	change = NULL;
	if (e != GK_OK) {
		if (e == GK_ENOMEM)
			snprintf(err, errlen, "内存不足");
		goto fail;
	}
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}
