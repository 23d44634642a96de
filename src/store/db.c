/*
 * db.c — opening the database (pragmas, version check, migrations), the
 * transaction write path every store module uses, integrity check and the
 * online backup. The schema itself is in schema.c; the audit chain that
 * every mutation appends to is in audit.c.
 *
 * Durability: WAL with synchronous=FULL. In WAL mode synchronous=NORMAL
 * already survives a process crash (SIGKILL) without corruption or loss,
 * but may lose the last commits on a power failure or OS crash; FULL syncs
 * the WAL on every commit, so a transaction reported committed — and the
 * audit entry inside it — survives power loss too. A disclosure ledger
 * values that over write throughput; bulk imports batch many rows per
 * transaction, which makes the extra fsync per commit cheap.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/date.h"
#include "store/db.h"
#include "store/search.h"

#define DB_PAGE_SIZE		"16384"
#define DB_BUSY_TIMEOUT_MS	5000
#define DB_BEGIN_ATTEMPTS	4	/* each waits up to the busy timeout */
#define DB_BACKUP_PAGES		256	/* pages per backup step */
#define DB_BACKUP_MAX_WAITS	1000	/* BUSY/LOCKED retries, 20 ms apart */

struct gk_db {
	sqlite3	*h;
	int	 depth;		/* transaction nesting: 0 none, 1 BEGIN, >1 SAVEPOINTs */
	int	 version;
	int	 version_at_open;
	int	 readonly;
};

static void
db_seterr(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
db_seterr(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

enum gk_err
gk_db_err(struct gk_db *db, char *err, size_t errlen, const char *what)
{
	db_seterr(err, errlen, "%s：%s", what,
	    db != NULL && db->h != NULL ? sqlite3_errmsg(db->h) : "无数据库");
	return GK_EDB;
}

struct sqlite3 *
gk_db_sqlite(struct gk_db *db)
{
	return db->h;
}

int
gk_db_version(struct gk_db *db)
{
	return db->version;
}

int
gk_db_version_at_open(struct gk_db *db)
{
	return db->version_at_open;
}

int
gk_db_in_tx(struct gk_db *db)
{
	return db->depth > 0;
}

/* Runs one fixed SQL string (PRAGMA, BEGIN, COMMIT...) with no results. */
static int
db_exec(struct gk_db *db, const char *sql)
{
	return sqlite3_exec(db->h, sql, NULL, NULL, NULL);
}

/* Reads PRAGMA user_version into *vp. */
static enum gk_err
db_read_version(struct gk_db *db, int *vp, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取数据库结构版本");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*vp = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法读取数据库结构版本");
	return GK_OK;
}

/* Runs every statement of a fixed multi-statement script, one prepared statement at a time. */
static enum gk_err
db_run_script(struct gk_db *db, const char *sql, int v, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	const char	*tail = sql;
	int		 rc;

	while (*tail != '\0') {
		if (sqlite3_prepare_v2(db->h, tail, -1, &st, &tail) != SQLITE_OK) {
			db_seterr(err, errlen, "结构升级到版本 %d 失败：%s", v,
			    sqlite3_errmsg(db->h));
			return GK_EDB;
		}
		if (st == NULL)		/* whitespace or comment only */
			continue;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			;
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE) {
			db_seterr(err, errlen, "结构升级到版本 %d 失败：%s", v,
			    sqlite3_errmsg(db->h));
			return GK_EDB;
		}
	}
	return GK_OK;
}

enum gk_err
gk_db_migrate_to(struct gk_db *db, int k, char *err, size_t errlen)
{
	enum gk_err	 e;
	int		 v, cur;

	if (k > gk_db_schema_latest() || k < 0) {
		db_seterr(err, errlen, "没有结构版本 %d", k);
		return GK_EINVAL;
	}
	if (db->readonly || db->depth > 0) {
		db_seterr(err, errlen, "只读或事务中不能升级数据库结构");
		return GK_EINVAL;
	}
	for (v = db->version + 1; v <= k; v++) {
		if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
			return e;
		/* Another process may have migrated while we waited for the lock. */
		if ((e = db_read_version(db, &cur, err, errlen)) != GK_OK)
			goto fail;
		if (cur > gk_db_schema_latest()) {
			db_seterr(err, errlen, "数据库结构版本 %d 比本程序支持的版本 %d 新，"
			    "请升级 gongkai", cur, gk_db_schema_latest());
			e = GK_ECONFLICT;
			goto fail;
		}
		if (cur < v && (e = db_run_script(db, gk_schema_script(v), v,
		    err, errlen)) != GK_OK)
			goto fail;
		if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
			return e;
		if ((e = db_read_version(db, &db->version, err, errlen)) != GK_OK)
			return e;
		if (db->version < v) {
			db_seterr(err, errlen, "结构升级到版本 %d 后版本号仍为 %d", v,
			    db->version);
			return GK_EDB;
		}
		v = db->version;
	}
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* Runs a PRAGMA that answers one text row and checks the answer (case-insensitive). */
static enum gk_err
db_pragma_expect(struct gk_db *db, const char *sql, const char *want,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	const char	*got;
	int		 rc, ok = 0;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法设置数据库参数");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (got = (const char *)sqlite3_column_text(st, 0)) != NULL)
		ok = sqlite3_stricmp(got, want) == 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法设置数据库参数");
	if (!ok) {
		db_seterr(err, errlen, "无法设置数据库参数（%s 应为 %s）", sql, want);
		return GK_EDB;
	}
	return GK_OK;
}

enum gk_err
gk_db_open_ex(const char *path, int flags, struct gk_db **dbp, char *err,
    size_t errlen)
{
	struct gk_db	*db;
	struct stat	 sb;
	enum gk_err	 e;
	int		 oflags;

	*dbp = NULL;
	if (path == NULL || path[0] == '\0') {
		db_seterr(err, errlen, "未给出数据库路径");
		return GK_EINVAL;
	}
	if (flags & GK_DB_READONLY)
		flags |= GK_DB_NOMIGRATE | GK_DB_EXISTING;
	if ((flags & GK_DB_EXISTING) && stat(path, &sb) != 0) {
		db_seterr(err, errlen, "数据库 %s 不存在（先运行 gongkai init）", path);
		return GK_ENOTFOUND;
	}
	if ((db = gk_calloc(1, sizeof(*db))) == NULL) {
		db_seterr(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	db->readonly = (flags & GK_DB_READONLY) != 0;
	oflags = db->readonly ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		db_seterr(err, errlen, "无法打开数据库 %s：%s", path,
		    db->h ? sqlite3_errmsg(db->h) : "内存不足");
		e = GK_EDB;
		goto fail;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, DB_BUSY_TIMEOUT_MS);
	/* The search index (v10) and its triggers need the tokenizer on every connection. */
	if (gk_search_register(db->h) != SQLITE_OK) {
		db_seterr(err, errlen, "无法注册全文检索分词器：%s", sqlite3_errmsg(db->h));
		e = GK_EDB;
		goto fail;
	}
	/* Reading the version first also rejects a file that is not a database. */
	if ((e = db_read_version(db, &db->version, err, errlen)) != GK_OK) {
		db_seterr(err, errlen, "无法打开数据库 %s：%s", path,
		    sqlite3_errmsg(db->h));
		goto fail;
	}
	db->version_at_open = db->version;
	if (db->version > gk_db_schema_latest()) {
		db_seterr(err, errlen, "数据库 %s 的结构版本 %d 比本程序支持的版本 %d 新，"
		    "请升级 gongkai", path, db->version, gk_db_schema_latest());
		e = GK_ECONFLICT;
		goto fail;
	}
	if (db_exec(db, "PRAGMA foreign_keys = ON") != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法启用外键约束");
		goto fail;
	}
	/*
	 * A new file gets 16 KiB pages (before WAL fixes the page size):
	 * bench_store imported 300,000 items at 1.4x the rate of 4 KiB pages
	 * (fewer B-tree levels and splits across item's seven indexes) and
	 * the file was 7% smaller. An existing file keeps its page size.
	 */
	if (!db->readonly && db->version == 0 &&
	    db_exec(db, "PRAGMA page_size = " DB_PAGE_SIZE) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法设置页面大小");
		goto fail;
	}
	if (!db->readonly) {
		if ((e = db_pragma_expect(db, "PRAGMA journal_mode = WAL", "wal",
		    err, errlen)) != GK_OK)
			goto fail;
		if (db_exec(db, "PRAGMA synchronous = FULL") != SQLITE_OK) {
			e = gk_db_err(db, err, errlen, "无法设置同步模式");
			goto fail;
		}
	}
	if (!(flags & GK_DB_NOMIGRATE) &&
	    (e = gk_db_migrate_to(db, gk_db_schema_latest(), err, errlen)) != GK_OK)
		goto fail;
	*dbp = db;
	return GK_OK;
fail:
	gk_db_close(db);
	return e;
}

enum gk_err
gk_db_open(const char *path, struct gk_db **dbp, char *err, size_t errlen)
{
	return gk_db_open_ex(path, 0, dbp, err, errlen);
}

void
gk_db_close(struct gk_db *db)
{
	if (db == NULL)
		return;
	if (db->h != NULL) {
		if (!sqlite3_get_autocommit(db->h))
			db_exec(db, "ROLLBACK");
		sqlite3_close_v2(db->h);
	}
	gk_free(db);
}

enum gk_err
gk_db_tx_begin(struct gk_db *db, char *err, size_t errlen)
{
	int rc, i;

	if (db->depth > 0) {
		if (db_exec(db, "SAVEPOINT gk_nested") != SQLITE_OK)
			return gk_db_err(db, err, errlen, "无法开始嵌套事务");
		db->depth++;
		return GK_OK;
	}
	/*
	 * BEGIN IMMEDIATE takes the write lock now; SQLite's busy handler
	 * waits up to DB_BUSY_TIMEOUT_MS for it, and a few more attempts
	 * cover a long writer in another process.
	 */
	for (i = 0; i < DB_BEGIN_ATTEMPTS; i++) {
		rc = db_exec(db, "BEGIN IMMEDIATE");
		if (rc == SQLITE_OK) {
			db->depth = 1;
			return GK_OK;
		}
		if ((rc & 0xff) != SQLITE_BUSY && (rc & 0xff) != SQLITE_LOCKED)
			return gk_db_err(db, err, errlen, "无法开始事务");
		sqlite3_sleep(10 * (i + 1));
	}
	db_seterr(err, errlen, "数据库忙：另一个进程长时间占用写锁，请稍后重试");
	return GK_EDB;
}

enum gk_err
gk_db_tx_commit(struct gk_db *db, char *err, size_t errlen)
{
	int rc, i;

	if (db->depth <= 0) {
		db_seterr(err, errlen, "没有进行中的事务");
		return GK_EINVAL;
	}
	if (db->depth > 1) {
		if (db_exec(db, "RELEASE gk_nested") != SQLITE_OK) {
			enum gk_err e = gk_db_err(db, err, errlen, "无法提交嵌套事务");

			gk_db_tx_rollback(db);
			return e;
		}
		db->depth--;
		return GK_OK;
	}
	for (i = 0; i < DB_BEGIN_ATTEMPTS; i++) {
		rc = db_exec(db, "COMMIT");
		if (rc == SQLITE_OK) {
			db->depth = 0;
			return GK_OK;
		}
		if ((rc & 0xff) != SQLITE_BUSY || sqlite3_get_autocommit(db->h))
			break;
		sqlite3_sleep(10 * (i + 1));
	}
	gk_db_err(db, err, errlen, "无法提交事务");
	gk_db_tx_rollback(db);
	return GK_EDB;
}

void
gk_db_tx_rollback(struct gk_db *db)
{
	if (db->depth > 1) {
		db_exec(db, "ROLLBACK TO gk_nested");
		db_exec(db, "RELEASE gk_nested");
		db->depth--;
		return;
	}
	/* An I/O error may already have rolled the transaction back. */
	if (!sqlite3_get_autocommit(db->h))
		db_exec(db, "ROLLBACK");
	db->depth = 0;
}

enum gk_err
gk_db_integrity(struct gk_db *db, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc, ok = 0;

	if (sqlite3_prepare_v2(db->h, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法检查数据库完整性");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		ok = t != NULL && strcmp(t, "ok") == 0;
		if (!ok)
			db_seterr(err, errlen, "数据库完整性检查未通过：%s", t ? t : "?");
	} else
		gk_db_err(db, err, errlen, "无法检查数据库完整性");
	sqlite3_finalize(st);
	return ok ? GK_OK : GK_EDB;
}

static void
db_unlink_tmp(const char *tmp)
{
	char p[4096];

	unlink(tmp);
	if (snprintf(p, sizeof(p), "%s-journal", tmp) < (int)sizeof(p))
		unlink(p);
	if (snprintf(p, sizeof(p), "%s-wal", tmp) < (int)sizeof(p))
		unlink(p);
	if (snprintf(p, sizeof(p), "%s-shm", tmp) < (int)sizeof(p))
		unlink(p);
}

/* Makes a rename durable: fsync the directory that holds path. */
static void
db_sync_dir(const char *path)
{
	char	 dir[4096];
	char	*slash;
	int	 fd;

	if (gk_strlcpy_utf8(dir, path, sizeof(dir)) >= sizeof(dir))
		return;
	if ((slash = strrchr(dir, '/')) == NULL)
		memcpy(dir, ".", 2);
	else if (slash == dir)
		dir[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY)) >= 0) {
		(void)fsync(fd);
		close(fd);
	}
}

enum gk_err
gk_db_backup(struct gk_db *db, const char *dest, int *pagesp, char *err,
    size_t errlen)
{
	sqlite3		*dh = NULL;
	sqlite3_backup	*bk;
	sqlite3_stmt	*st;
	struct stat	 sb;
	char		 tmp[4096];
	enum gk_err	 e = GK_OK;
	int		 rc, waits = 0, snap = 0;

	if (pagesp != NULL)
		*pagesp = 0;
	if (dest == NULL || dest[0] == '\0') {
		db_seterr(err, errlen, "未给出备份文件路径");
		return GK_EINVAL;
	}
	if (db->depth > 0) {
		db_seterr(err, errlen, "事务进行中不能备份");
		return GK_EINVAL;
	}
	if (stat(dest, &sb) == 0) {
		db_seterr(err, errlen, "备份文件 %s 已存在，不覆盖", dest);
		return GK_ECONFLICT;
	}
	if (snprintf(tmp, sizeof(tmp), "%s.tmp-%ld", dest, (long)getpid()) >=
	    (int)sizeof(tmp)) {
		db_seterr(err, errlen, "备份文件路径过长");
		return GK_EINVAL;
	}
	db_unlink_tmp(tmp);
	/*
	 * One read transaction on the source for the whole copy: every step
	 * sees the same snapshot, so writers in other processes (which in WAL
	 * mode are never blocked by a reader) cannot make the backup restart.
	 */
	if (db_exec(db, "BEGIN") != SQLITE_OK)
		return gk_db_err(db, err, errlen, "备份无法开始读事务");
	snap = 1;
	if (sqlite3_prepare_v2(db->h, "SELECT count(*) FROM sqlite_master", -1,
	    &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "备份无法读取数据库");
		goto out;
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		e = gk_db_err(db, err, errlen, "备份无法读取数据库");
		goto out;
	}
	if (sqlite3_open_v2(tmp, &dh, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
	    NULL) != SQLITE_OK) {
		db_seterr(err, errlen, "无法创建备份文件 %s：%s", tmp,
		    dh ? sqlite3_errmsg(dh) : "内存不足");
		e = GK_EIO;
		goto out;
	}
	if ((bk = sqlite3_backup_init(dh, "main", db->h, "main")) == NULL) {
		db_seterr(err, errlen, "无法开始备份：%s", sqlite3_errmsg(dh));
		e = GK_EDB;
		goto out;
	}
	for (;;) {
		rc = sqlite3_backup_step(bk, DB_BACKUP_PAGES);
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK)
			continue;
		if ((rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED) {
			if (++waits > DB_BACKUP_MAX_WAITS)
				break;
			sqlite3_sleep(20);
			continue;
		}
		break;
	}
	if (pagesp != NULL)
		*pagesp = sqlite3_backup_pagecount(bk);
	if (rc != SQLITE_DONE) {
		db_seterr(err, errlen, "备份失败：%s", sqlite3_errstr(rc));
		sqlite3_backup_finish(bk);
		e = GK_EDB;
		goto out;
	}
	if (sqlite3_backup_finish(bk) != SQLITE_OK) {
		db_seterr(err, errlen, "备份失败：%s", sqlite3_errmsg(dh));
		e = GK_EDB;
		goto out;
	}
	if (sqlite3_close(dh) != SQLITE_OK) {
		db_seterr(err, errlen, "备份文件无法关闭：%s", sqlite3_errmsg(dh));
		e = GK_EIO;
		goto out;
	}
	dh = NULL;
	if (rename(tmp, dest) != 0) {
		db_seterr(err, errlen, "无法把备份改名为 %s：%s", dest, strerror(errno));
		e = GK_EIO;
		goto out;
	}
	db_sync_dir(dest);
out:
	if (dh != NULL)
		sqlite3_close_v2(dh);
	if (e != GK_OK)
		db_unlink_tmp(tmp);
	if (snap && !sqlite3_get_autocommit(db->h))
		db_exec(db, "COMMIT");
	return e;
}

enum gk_err
gk_db_get_one(struct gk_db *db, sqlite3_stmt *st,
    enum gk_err (*fill)(sqlite3_stmt *, void *), void *out, const char *noun,
    const char *what, char *err, size_t errlen)
{
	char		q[64];
	enum gk_err	e;
	int		rc;

	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		e = fill(st, out);
	else if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "%s %s 不存在", noun, what);
		e = GK_ENOTFOUND;
	} else {
		snprintf(q, sizeof(q), "无法查询%s", noun);
		e = gk_db_err(db, err, errlen, q);
	}
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	return e;
}

enum gk_err
gk_db_exec(struct gk_db *db, const char *what, char *err, size_t errlen,
    const char *sql, const char *types, ...)
{
	sqlite3_stmt	*st;
	va_list		 ap;
	int64_t		 v;
	int		 i, rc;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, what);
	va_start(ap, types);
	for (i = 0; types[i] != '\0'; i++) {
		if (types[i] == 't')
			sqlite3_bind_text(st, i + 1, va_arg(ap, const char *), -1,
			    SQLITE_STATIC);
		else if ((v = va_arg(ap, int64_t)) != 0 || types[i] == 'i')
			sqlite3_bind_int64(st, i + 1, v);
	}
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, what);
}

enum gk_err
gk_db_get_id(struct gk_db *db, const char *sql, int64_t id,
    enum gk_err (*fill)(sqlite3_stmt *, void *), void *out, const char *noun,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 q[64], what[32];

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		snprintf(q, sizeof(q), "无法查询%s", noun);
		return gk_db_err(db, err, errlen, q);
	}
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof(what), "%lld", (long long)id);
	return gk_db_get_one(db, st, fill, out, noun, what, err, errlen);
}

void
gk_db_bind_year(sqlite3_stmt *st, int year, char *from, char *to)
{
	int32_t d;

	if (year == 0)
		return;
	gk_date_from_ymd(year, 1, 1, &d);
	gk_date_format(d, from);
	gk_date_from_ymd(year + 1, 1, 1, &d);
	gk_date_format(d, to);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
}

void
gk_db_list_free(void *v, size_t n, size_t size, void (*clear)(void *))
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		clear((char *)v + i * size);
	gk_free(v);
}

enum gk_err
gk_db_collect(struct gk_db *db, sqlite3_stmt *st, size_t size,
    enum gk_err (*fill)(sqlite3_stmt *, void *), void **vp, size_t *np, const char *what,
    char *err, size_t errlen)
{
	char	*v = NULL, *nv;
	size_t	 n = 0, cap = 0;
	int	 rc;

	*vp = NULL;
	*np = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = gk_realloc(v, cap * size)) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			v = nv;
		}
		if (fill(st, v + n * size) != GK_OK) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_free(v);
		if (rc == SQLITE_NOMEM) {
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		return gk_db_err(db, err, errlen, what);
	}
	*vp = v;
	*np = n;
	return GK_OK;
}

enum gk_err
gk_db_list_year(struct gk_db *db, const struct gk_db_list *k, int64_t agency_id,
    int year, void **vp, size_t *np, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 from[GK_DATE_LEN], to[GK_DATE_LEN];
	char		*v = NULL, *nv;
	size_t		 n = 0, cap = 0;
	int		 rc;

	*vp = NULL;
	*np = 0;
	if (year != 0 && (year < 1 || year > 9998)) {
		snprintf(err, errlen, "年份无效");
		return GK_EINVAL;
	}
	if (sqlite3_prepare_v2(db->h, k->sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, k->what);
	sqlite3_bind_int64(st, 1, agency_id);
	gk_db_bind_year(st, year, from, to);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n >= k->max) {
			rc = SQLITE_FULL;
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = gk_realloc(v, cap * k->size)) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			v = nv;
		}
		if (k->fill(st, v + n * k->size) != GK_OK) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_db_list_free(v, n, k->size, k->clear);
		if (rc == SQLITE_NOMEM) {
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		if (rc == SQLITE_FULL) {
			snprintf(err, errlen, "%s超过 %zu %s，请按年份筛选", k->noun, k->max,
			    k->unit);
			return GK_ELIMIT;
		}
		return gk_db_err(db, err, errlen, k->what);
	}
	*vp = v;
	*np = n;
	return GK_OK;
}
