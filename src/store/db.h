/*
 * db.h — the store's foundation: opening the SQLite database, the schema
 * migrations, the write path (transactions) and the online backup.
 *
 * THE WRITE-PATH RULE. No mutation without an audit entry: every store
 * function that changes a row does so inside gk_db_tx_begin() ...
 * gk_db_tx_commit(), and inside that same transaction calls
 * gk_audit_append() (audit.h) once per changed entity with who, when, what
 * and the change as JSON. If anything fails, the function calls
 * gk_db_tx_rollback(), so the row and its audit entry are written together
 * or not at all. Only src/store/ contains SQL, and only as prepared
 * statements with bound parameters; sqlite3_exec() is used for fixed
 * PRAGMA / BEGIN / COMMIT strings alone.
 *
 * "now" is always a parameter (an ISO 8601 timestamp given by the caller),
 * never read from a clock here, so tests are deterministic.
 */
#ifndef GK_STORE_DB_H
#define GK_STORE_DB_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;
struct sqlite3;

/* The newest schema version this code knows (PRAGMA user_version). */
int		 gk_db_schema_latest(void);

/*
 * Opens (creating if needed) the database at path, sets WAL, foreign keys,
 * the busy timeout and synchronous=FULL, and runs every pending migration.
 * A database whose version is newer than gk_db_schema_latest() is refused
 * (GK_ECONFLICT). On error *dbp is NULL and err holds a Chinese message.
 */
enum gk_err	 gk_db_open(const char *path, struct gk_db **dbp, char *err,
		    size_t errlen);

/* Flags for gk_db_open_ex(). */
#define GK_DB_EXISTING	0x01	/* fail (GK_ENOTFOUND) if the file is missing */
#define GK_DB_NOMIGRATE	0x02	/* do not run migrations (still refuses newer) */
#define GK_DB_READONLY	0x04	/* open read-only; implies GK_DB_NOMIGRATE */

enum gk_err	 gk_db_open_ex(const char *path, int flags, struct gk_db **dbp,
		    char *err, size_t errlen);
void		 gk_db_close(struct gk_db *);

/* The schema version of the open database, and the one it had when opened. */
int		 gk_db_version(struct gk_db *);
int		 gk_db_version_at_open(struct gk_db *);

/*
 * Test hook: applies the migrations up to version k only (each in its own
 * transaction). Used by tests to build a database "as of" version k.
 */
enum gk_err	 gk_db_migrate_to(struct gk_db *, int k, char *err, size_t errlen);

/*
 * The write path. tx_begin starts BEGIN IMMEDIATE (taking the write lock
 * up front, so a transaction never fails half-way with SQLITE_BUSY); while
 * another process holds the lock it waits (busy timeout, then a few
 * retries) and returns GK_EDB "数据库忙" if it cannot get it. Calls nest:
 * an inner begin is a SAVEPOINT, an inner rollback undoes only its part.
 * tx_rollback is safe to call after any failure, even if begin failed.
 */
enum gk_err	 gk_db_tx_begin(struct gk_db *, char *err, size_t errlen);
enum gk_err	 gk_db_tx_commit(struct gk_db *, char *err, size_t errlen);
void		 gk_db_tx_rollback(struct gk_db *);
int		 gk_db_in_tx(struct gk_db *);

/*
 * Copies the open database to dest with SQLite's online backup API, in
 * chunks, from one consistent snapshot, while other processes keep
 * writing (WAL: the snapshot's read lock never blocks them). Writes to
 * "dest.tmp-PID" then renames, so dest is complete or absent. Refuses an
 * existing dest (GK_ECONFLICT). *pagesp (may be NULL) gets the page count.
 */
enum gk_err	 gk_db_backup(struct gk_db *, const char *dest, int *pagesp,
		    char *err, size_t errlen);

/* PRAGMA integrity_check: GK_OK when "ok", else GK_EDB with the first problem. */
enum gk_err	 gk_db_integrity(struct gk_db *, char *err, size_t errlen);

/*
 * Internal to src/store (schema.c): the script that takes the schema from
 * version v-1 to v (1 <= v <= gk_db_schema_latest()), else NULL.
 */
const char	*gk_schema_script(int v);

/* For store modules only (never the CLI or web layer): the SQLite handle. */
struct sqlite3	*gk_db_sqlite(struct gk_db *);
/* For store modules: formats "what: sqlite's message" into err; returns GK_EDB. */
enum gk_err	 gk_db_err(struct gk_db *, char *err, size_t errlen,
		    const char *what);

/*
 * For store modules: steps a prepared query expected to give one row, fills
 * out with fill() from it, and finalizes st. No row: GK_ENOTFOUND with
 * "NOUN WHAT 不存在"; a database error: "无法查询NOUN".
 */
struct sqlite3_stmt;
enum gk_err	 gk_db_get_one(struct gk_db *, struct sqlite3_stmt *st,
		    enum gk_err (*fill)(struct sqlite3_stmt *, void *), void *out,
		    const char *noun, const char *what, char *err, size_t errlen);

/*
 * For store modules: prepares sql, binds one argument per letter of types
 * ('t' const char * text, NULL binds NULL; 'i' int64_t; 'z' int64_t, 0
 * binds NULL), steps it once and finalizes it. Any failure: "WHAT: sqlite's
 * message" (GK_EDB). Call inside the caller's transaction.
 */
enum gk_err	 gk_db_exec(struct gk_db *, const char *what, char *err,
		    size_t errlen, const char *sql, const char *types, ...);

/*
 * For store modules: prepares sql (one parameter, bound to id) and runs
 * gk_db_get_one() with "NOUN ID 不存在" / "无法查询NOUN".
 */
enum gk_err	 gk_db_get_id(struct gk_db *, const char *sql, int64_t id,
		    enum gk_err (*fill)(struct sqlite3_stmt *, void *), void *out,
		    const char *noun, char *err, size_t errlen);

/*
 * For store modules: a list query by agency and year. sql takes ?1 the
 * agency and ?2/?3 the year's span [YEAR-01-01, YEAR+1-01-01) (left NULL
 * for year 0: all years). Rows go into a growing array of size-byte
 * elements, each filled by fill (which cleans up after itself on failure);
 * more than max rows: GK_ELIMIT "NOUN超过 MAX UNIT，请按年份筛选"; a bad
 * year: GK_EINVAL "年份无效"; a database error: "WHAT: message". On
 * success *vp (free with gk_db_list_free) and *np get the array.
 */
struct gk_db_list {
	const char	*sql;
	size_t		 size, max;
	enum gk_err	(*fill)(struct sqlite3_stmt *, void *);
	void		(*clear)(void *);
	const char	*what, *noun, *unit;
};
enum gk_err	 gk_db_list_year(struct gk_db *, const struct gk_db_list *,
		    int64_t agency_id, int year, void **vp, size_t *np, char *err,
		    size_t errlen);
/*
 * Binds ?2/?3 of st to year's span "YEAR-01-01" and "YEAR+1-01-01", held
 * in from/to (GK_DATE_LEN bytes each, outliving the statement); nothing
 * bound for year 0.
 */
void		 gk_db_bind_year(struct sqlite3_stmt *st, int year, char *from,
		    char *to);
/*
 * For store modules: steps the prepared, bound st to its end and finalizes
 * it, each row going into a growing array of size-byte elements filled by
 * fill (elements own no memory). Out of memory: GK_ENOMEM "内存不足"; a
 * database error: "WHAT: message". On success *vp (the caller frees it
 * with gk_free) and *np get the array; on failure both are NULL/0.
 */
enum gk_err	 gk_db_collect(struct gk_db *, struct sqlite3_stmt *st, size_t size,
		    enum gk_err (*fill)(struct sqlite3_stmt *, void *), void **vp,
		    size_t *np, const char *what, char *err, size_t errlen);
/* Clears n elements of size bytes at v with clear, then frees v (NULL: nothing). */
void		 gk_db_list_free(void *v, size_t n, size_t size,
		    void (*clear)(void *));

#endif
