/*
 * test_store.c — the store foundation: migrations from empty and from every
 * earlier version, a failed migration leaving nothing behind, refusing a
 * newer schema, the pragmas (WAL, foreign keys); agencies and the
 * 统一社会信用代码 check (codes computed by hand per GB 32100-2015); every
 * failing mutation rolling back both its row and its audit entry
 * (including every injected allocation failure); nested transactions;
 * backup; crash safety (a writer killed with SIGKILL at random moments,
 * hundreds of times) and two processes writing at once.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "harness.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/db.h"

#define NOW	"2026-03-01T09:00:00+08:00"

struct tdb {
	char	dir[64];
	char	path[128];
};

static void
tdir(struct tdb *t)
{
	snprintf(t->dir, sizeof(t->dir), "/tmp/gk-store-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
}

static void
trm(struct tdb *t)
{
	char cmd[160];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

static struct gk_db *
open_ok(const char *path, int flags)
{
	struct gk_db	*db;
	char		 err[512];

	if (gk_db_open_ex(path, flags, &db, err, sizeof(err)) != GK_OK)
		fail_msg("open %s: %s", path, err);
	return db;
}

static void
raw(struct gk_db *db, const char *sql)
{
	gk_test_exec(db, sql);
}

static int64_t
q_int(struct gk_db *db, const char *sql)
{
	return gk_test_int(db, sql);
}

static void
q_text(struct gk_db *db, const char *sql, char *out, size_t n)
{
	gk_test_text(db, sql, out, n);
}

static void
chain_ok(struct gk_db *db, int64_t entries)
{
	struct gk_audit_result	r;
	char			err[256];

	if (gk_audit_verify(db, &r, err, sizeof(err)) != GK_OK)
		fail_msg("verify: %s", err);
	if (r.fault != GK_AUDIT_INTACT)
		fail_msg("chain broken: %s", r.msg);
	if (entries >= 0)
		assert_int_equal(r.entries, entries);
}

/* ---- migrations and pragmas ---- */

static void
test_open_fresh(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 s[64];

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	assert_int_equal(gk_db_version(db), gk_db_schema_latest());
	assert_int_equal(gk_db_version_at_open(db), 0);
	assert_true(gk_db_schema_latest() >= 2);
	q_text(db, "PRAGMA journal_mode", s, sizeof(s));
	assert_string_equal(s, "wal");
	assert_int_equal(q_int(db, "PRAGMA foreign_keys"), 1);
	assert_int_equal(q_int(db, "PRAGMA synchronous"), 2);	/* FULL */
	assert_int_equal(q_int(db, "PRAGMA busy_timeout"), 5000);
	assert_int_equal(q_int(db, "PRAGMA page_size"), 16384);	/* new files only */
	assert_int_equal(q_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'table' "
	    "AND name IN ('agency', 'users', 'category', 'item', 'item_history', 'blob', "
	    "'attachment', 'review', 'interpretation', 'audit')"), 10);
	/* Foreign keys are enforced: a user of a missing agency is refused. */
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(db), "INSERT INTO users (agency_id, "
	    "login, display_name, role, created_at) VALUES (999, 'a', 'A', 'drafter', 'x')",
	    NULL, NULL, NULL), SQLITE_OK);
	/* CHECK constraints: an unknown role is refused. */
	raw(db, "INSERT INTO agency (name, uscc, created_at) VALUES ('A', '11441700007280420Y', 'x')");
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(db), "INSERT INTO users (agency_id, "
	    "login, display_name, role, created_at) VALUES (1, 'a', 'A', 'boss', 'x')",
	    NULL, NULL, NULL), SQLITE_OK);
	gk_db_close(db);
	/* Reopening is a no-op. */
	db = open_ok(t.path, 0);
	assert_int_equal(gk_db_version_at_open(db), gk_db_schema_latest());
	gk_db_close(db);
	trm(&t);
}

/* Data written at version k survives the upgrade to the latest version. */
static void
test_migrate_from_every_version(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256];
	int		 k;

	(void)state;
	for (k = 0; k < gk_db_schema_latest(); k++) {
		tdir(&t);
		db = open_ok(t.path, GK_DB_NOMIGRATE);
		assert_int_equal(gk_db_version(db), 0);
		if (gk_db_migrate_to(db, k, err, sizeof(err)) != GK_OK)
			fail_msg("migrate to %d: %s", k, err);
		assert_int_equal(gk_db_version(db), k);
		assert_int_equal(q_int(db, "PRAGMA user_version"), k);
		if (k >= 1)
			raw(db, "INSERT INTO agency (name, uscc, level, created_at) VALUES "
			    "('盐边县经济合作和商务局', '11441700007280420Y', '县级', 'x');"
			    "INSERT INTO item (agency_id, index_no, title, created_at, "
			    "updated_at) VALUES (1, 'X/2025-00001', '标题', 'x', 'x')");
		gk_db_close(db);

		db = open_ok(t.path, 0);
		assert_int_equal(gk_db_version_at_open(db), k);
		assert_int_equal(gk_db_version(db), gk_db_schema_latest());
		assert_int_equal(q_int(db, "PRAGMA user_version"), gk_db_schema_latest());
		/* v2's column, index and triggers are there. */
		assert_int_equal(q_int(db, "SELECT count(*) FROM pragma_table_info('item') "
		    "WHERE name = 'paper_ref'"), 1);
		assert_int_equal(q_int(db, "SELECT count(*) FROM sqlite_master WHERE "
		    "name IN ('item_due', 'audit_no_update', 'audit_no_delete')"), 3);
		if (k >= 1) {
			assert_int_equal(q_int(db, "SELECT count(*) FROM agency WHERE "
			    "uscc = '11441700007280420Y' AND level = '县级'"), 1);
			assert_int_equal(q_int(db, "SELECT count(*) FROM item WHERE "
			    "paper_ref = ''"), 1);
		}
		gk_db_close(db);
		trm(&t);
	}
}

static void
test_migration_failure_rolls_back(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256];

	(void)state;
	tdir(&t);
	db = open_ok(t.path, GK_DB_NOMIGRATE);
	assert_int_equal(gk_db_migrate_to(db, 1, err, sizeof(err)), GK_OK);
	/* A table squatting on the name of v2's sixth index makes v2 fail half-way. */
	raw(db, "CREATE TABLE item_due (x)");
	gk_db_close(db);
	assert_int_equal(gk_db_open(t.path, &db, err, sizeof(err)), GK_EDB);
	assert_null(db);
	assert_non_null(strstr(err, "结构升级到版本 2 失败"));
	db = open_ok(t.path, GK_DB_NOMIGRATE);
	assert_int_equal(gk_db_version(db), 1);
	/* None of v2's earlier statements stayed. */
	assert_int_equal(q_int(db, "SELECT count(*) FROM sqlite_master WHERE name = "
	    "'agency_parent'"), 0);
	assert_int_equal(gk_db_migrate_to(db, 99, err, sizeof(err)), GK_EINVAL);
	gk_db_close(db);
	trm(&t);
}

static void
test_refuse_newer_and_bad_files(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256], path[160];
	FILE		*f;

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	raw(db, "PRAGMA user_version = 99");
	gk_db_close(db);
	assert_int_equal(gk_db_open(t.path, &db, err, sizeof(err)), GK_ECONFLICT);
	assert_null(db);
	assert_non_null(strstr(err, "结构版本 99"));
	assert_non_null(strstr(err, "请升级 gongkai"));
	/* Also when only reading. */
	assert_int_equal(gk_db_open_ex(t.path, GK_DB_READONLY, &db, err, sizeof(err)),
	    GK_ECONFLICT);

	snprintf(path, sizeof(path), "%s/missing.db", t.dir);
	assert_int_equal(gk_db_open_ex(path, GK_DB_EXISTING, &db, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_not_equal(access(path, F_OK), 0);	/* not created */
	snprintf(path, sizeof(path), "%s/junk.db", t.dir);
	assert_non_null(f = fopen(path, "w"));
	fputs("this is not a database, just some text that is long enough to matter\n", f);
	fclose(f);
	assert_int_equal(gk_db_open(path, &db, err, sizeof(err)), GK_EDB);
	assert_non_null(strstr(err, "无法打开数据库"));
	assert_int_equal(gk_db_open("", &db, err, sizeof(err)), GK_EINVAL);
	trm(&t);
}

/* ---- 统一社会信用代码 ---- */

static void
test_uscc(void **state)
{
	char err[256];

	(void)state;
	/*
	 * Check characters computed by hand with GB 32100-2015 §5, e.g. for
	 * 11441700007280420Y: Σ Ci×Wi = 714, 714 mod 31 = 1, 31 - 1 = 30 = 'Y'.
	 * The first two are real codes quoted in reference/legal.md (阳江, 兖州).
	 */
	assert_true(gk_uscc_valid("11441700007280420Y", err, sizeof(err)));
	assert_true(gk_uscc_valid("11370812004339255B", err, sizeof(err)));	/* Σ=1167, r=20 → 11 = 'B' */
	assert_true(gk_uscc_valid("125104220000000012", err, sizeof(err)));	/* Σ=277, r=29 → 2 */
	assert_true(gk_uscc_valid("Y1110000ABCDEFGHJR", err, sizeof(err)));	/* Σ=2703, r=6 → 25 = 'R' */
	assert_true(gk_uscc_valid("000000000000000000", err, sizeof(err)));	/* Σ=0: 31 becomes 0 */
	assert_int_equal(gk_uscc_check_char("11441700007280420"), 'Y');
	assert_int_equal(gk_uscc_check_char("1144170000728042I"), '\0');

	assert_false(gk_uscc_valid("11441700007280420X", err, sizeof(err)));
	assert_non_null(strstr(err, "第 18 位应为 Y，实为 X"));
	assert_false(gk_uscc_valid("11441700007280420", err, sizeof(err)));
	assert_non_null(strstr(err, "应为 18 位"));
	assert_false(gk_uscc_valid("11441700007280420Y1", err, sizeof(err)));
	assert_false(gk_uscc_valid("", err, sizeof(err)));
	assert_false(gk_uscc_valid(NULL, err, sizeof(err)));
	assert_false(gk_uscc_valid("11441700007280420y", err, sizeof(err)));
	assert_non_null(strstr(err, "第 18 位“y”不在 GB 32100"));
	assert_false(gk_uscc_valid("1144170000728042OY", err, sizeof(err)));	/* letter O */
	assert_non_null(strstr(err, "第 17 位"));
	assert_false(gk_uscc_valid("11A41700007280420Y", err, sizeof(err)));
	assert_non_null(strstr(err, "第 3 位应为数字"));
	/* 18 bytes but not 18 characters. */
	assert_false(gk_uscc_valid("盐边县经济合作", err, sizeof(err)) &&
	    strlen("盐边县经济合作") == 18 ? 0 : 0);
	assert_false(gk_uscc_valid("盐边县经济合作", err, sizeof(err)));
}

/* ---- agencies and the write path ---- */

static void
test_agency_add_get_list(void **state)
{
	struct tdb		 t;
	struct gk_db		*db;
	struct gk_agency	 a;
	struct gk_agency_list	 l;
	char			 err[256], change[512];
	int64_t			 gov, bureau;

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	if (gk_agency_add(db, "admin", "盐边县人民政府", "125104220000000012", 0, "县级",
	    NOW, &gov, err, sizeof(err)) != GK_OK)
		fail_msg("add: %s", err);
	assert_int_equal(gov, 1);
	if (gk_agency_add(db, "admin", "盐边县经济合作和商务局", "11441700007280420Y", gov,
	    "县级", "2026-03-01T09:05:00+08:00", &bureau, err, sizeof(err)) != GK_OK)
		fail_msg("add: %s", err);
	assert_int_equal(bureau, 2);

	assert_int_equal(gk_agency_get(db, bureau, &a, err, sizeof(err)), GK_OK);
	assert_string_equal(a.name, "盐边县经济合作和商务局");
	assert_string_equal(a.uscc, "11441700007280420Y");
	assert_int_equal(a.parent_id, gov);
	assert_string_equal(a.level, "县级");
	assert_string_equal(a.created_at, "2026-03-01T09:05:00+08:00");
	gk_agency_clear(&a);
	assert_int_equal(gk_agency_get_by_uscc(db, "125104220000000012", &a, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(a.id, gov);
	assert_int_equal(a.parent_id, 0);
	gk_agency_clear(&a);
	assert_int_equal(gk_agency_get(db, 77, &a, err, sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "机构 #77 不存在"));

	assert_int_equal(gk_agency_list(db, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].name, "盐边县人民政府");
	assert_string_equal(l.v[1].name, "盐边县经济合作和商务局");
	gk_agency_list_free(&l);

	/* One audit entry per add, naming who, when, what and the change. */
	chain_ok(db, 2);
	q_text(db, "SELECT actor || '|' || time || '|' || entity || '|' || entity_id || '|' "
	    "|| action || '|' || change FROM audit WHERE seq = 2", change, sizeof(change));
	assert_string_equal(change, "admin|2026-03-01T09:05:00+08:00|agency|2|create|"
	    "{\"id\":2,\"level\":\"县级\",\"name\":\"盐边县经济合作和商务局\","
	    "\"parent_id\":1,\"uscc\":\"11441700007280420Y\"}");
	gk_db_close(db);
	trm(&t);
}

static void
counts(struct gk_db *db, int64_t agencies, int64_t entries)
{
	assert_int_equal(q_int(db, "SELECT count(*) FROM agency"), agencies);
	assert_int_equal(q_int(db, "SELECT count(*) FROM audit"), entries);
}

static void
test_agency_rejections_write_nothing(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256], long_name[700];
	int64_t		 id;
	size_t		 i;

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	assert_int_equal(gk_agency_add(db, "admin", "甲局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	counts(db, 1, 1);

	assert_int_equal(gk_agency_add(db, "admin", "乙局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "已登记（机构编号 1）"));
	assert_int_equal(id, 0);
	assert_int_equal(gk_agency_add(db, "admin", "乙局", "11370812004339255A", 0, "",
	    NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "校验码错误"));
	assert_int_equal(gk_agency_add(db, "admin", "乙局", "11370812004339255B", 9, "",
	    NOW, &id, err, sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "上级机构编号 9 不存在"));
	assert_int_equal(gk_agency_add(db, "admin", "乙局", "11370812004339255B", 0, "区级",
	    NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "级别"));
	assert_int_equal(gk_agency_add(db, "admin", "", "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_agency_add(db, "admin", "乙\x01局", "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_agency_add(db, "admin", "乙\xe5\xb1", "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_EINVAL);
	for (i = 0; i < 201 * 3; i += 3)
		memcpy(long_name + i, "局", 3);
	long_name[201 * 3] = '\0';
	assert_int_equal(gk_agency_add(db, "admin", long_name, "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_EINVAL);
	long_name[200 * 3] = '\0';	/* exactly 200 characters is allowed */
	/* No actor: the audit append fails after the row was inserted. */
	assert_int_equal(gk_agency_add(db, "", "乙局", "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_EINVAL);
	counts(db, 1, 1);
	assert_int_equal(gk_agency_add(db, "admin", long_name, "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	counts(db, 2, 2);
	chain_ok(db, 2);
	gk_db_close(db);
	trm(&t);
}

/* The audit insert itself fails (a trigger): the agency row goes too. */
static void
test_audit_failure_rolls_back_row(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256];
	int64_t		 id;

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	raw(db, "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit "
	    "BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
	assert_int_equal(gk_agency_add(db, "admin", "甲局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_EDB);
	assert_non_null(strstr(err, "无法写入审计记录"));
	counts(db, 0, 0);
	assert_false(gk_db_in_tx(db));
	raw(db, "DROP TRIGGER temp.no_audit");
	assert_int_equal(gk_agency_add(db, "admin", "甲局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	counts(db, 1, 1);
	gk_db_close(db);
	trm(&t);
}

/* Every allocation in the add path failing in turn: all or nothing each time. */
static void
test_agency_alloc_failures(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256];
	enum gk_err	 e;
	int64_t		 id;
	long		 n;

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	json_set_alloc_funcs(gk_malloc, gk_free);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_agency_add(db, "admin", "甲局", "11441700007280420Y", 0, "县级",
		    NOW, &id, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("allocation %ld: %s (%s)", n, gk_strerror(e), err);
		counts(db, 0, 0);
		assert_false(gk_db_in_tx(db));
	}
	assert_true(n > 0);
	assert_int_equal(e, GK_OK);
	counts(db, 1, 1);
	chain_ok(db, 1);
	json_set_alloc_funcs(malloc, free);
	gk_db_close(db);
	trm(&t);
}

static void
test_nested_transactions(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256];
	int64_t		 id;

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	/* Outer rollback undoes an inner success. */
	assert_int_equal(gk_db_tx_begin(db, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(db, "admin", "甲局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	assert_true(gk_db_in_tx(db));
	gk_db_tx_rollback(db);
	assert_false(gk_db_in_tx(db));
	counts(db, 0, 0);
	/* An inner failure undoes only itself. */
	assert_int_equal(gk_db_tx_begin(db, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(db, "admin", "甲局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(db, "admin", "乙局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_agency_add(db, "admin", "丙局", "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_db_tx_commit(db, err, sizeof(err)), GK_OK);
	counts(db, 2, 2);
	chain_ok(db, 2);
	assert_int_equal(gk_db_tx_commit(db, err, sizeof(err)), GK_EINVAL);
	gk_db_close(db);
	trm(&t);
}

static void
test_backup(void **state)
{
	struct tdb	 t;
	struct gk_db	*db, *bk;
	char		 err[256], dest[160];
	int64_t		 id;
	int		 pages;

	(void)state;
	tdir(&t);
	db = open_ok(t.path, 0);
	assert_int_equal(gk_agency_add(db, "admin", "甲局", "11441700007280420Y", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	snprintf(dest, sizeof(dest), "%s/backup.db", t.dir);
	if (gk_db_backup(db, dest, &pages, err, sizeof(err)) != GK_OK)
		fail_msg("backup: %s", err);
	assert_true(pages > 0);
	assert_int_equal(gk_db_backup(db, dest, &pages, err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "已存在"));
	/* Writes after the backup are in the source only. */
	assert_int_equal(gk_agency_add(db, "admin", "乙局", "11370812004339255B", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	gk_db_close(db);
	bk = open_ok(dest, GK_DB_EXISTING | GK_DB_NOMIGRATE);
	assert_int_equal(gk_db_version(bk), gk_db_schema_latest());
	assert_int_equal(gk_db_integrity(bk, err, sizeof(err)), GK_OK);
	counts(bk, 1, 1);
	chain_ok(bk, 1);
	gk_db_close(bk);
	snprintf(dest, sizeof(dest), "%s/no/such/dir/b.db", t.dir);
	db = open_ok(t.path, 0);
	assert_int_equal(gk_db_backup(db, dest, &pages, err, sizeof(err)), GK_EIO);
	gk_db_close(db);
	trm(&t);
}

/* ---- processes: crash safety and concurrent writers ---- */

/* A valid, unique code for writer row n. */
static void
code_for(long n, char out[19])
{
	snprintf(out, 19, "91510422%09ld", n % 1000000000L);
	out[17] = gk_uscc_check_char(out);
	out[18] = '\0';
}

/*
 * The writer child: opens the database and adds agencies "w<tag>-<i>" one
 * transaction each, writing i to fd after each commit. Never returns.
 */
static void
writer(const char *path, long tag, long n, int fd, int gate)
{
	struct gk_db	*db;
	char		 err[512], name[64], code[19], c;
	long		 i;
	int		 fails = 0;

	/* Wait until the parent opens the gate (closes its end). */
	if (gate >= 0 && read(gate, &c, 1) < 0)
		_exit(102);
	if (gk_db_open(path, &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "writer %ld: %s\n", tag, err);
		_exit(100);
	}
	for (i = 1; i <= n; i++) {
		snprintf(name, sizeof(name), "w%ld-%ld", tag, i);
		code_for(tag * 100000 + i, code);
		if (gk_agency_add(db, "writer", name, code, 0, "", NOW, NULL, err,
		    sizeof(err)) != GK_OK) {
			fprintf(stderr, "writer %ld row %ld: %s\n", tag, i, err);
			fails++;
			continue;
		}
		if (fd >= 0 && write(fd, &i, sizeof(i)) != (ssize_t)sizeof(i))
			_exit(101);
	}
	gk_db_close(db);
	_exit(fails > 99 ? 99 : fails);
}

/* Rows "w<tag>-1".."w<tag>-k" must all be present, k in [lo, hi]. */
static void
rows_present(struct gk_db *db, long tag, long lo, long hi)
{
	sqlite3_stmt	*st;
	char		 pat[32], want[64];
	long		 k = 0;

	snprintf(pat, sizeof(pat), "w%ld-*", tag);
	assert_int_equal(sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT a.name FROM agency a "
	    "JOIN audit u ON u.entity = 'agency' AND u.entity_id = a.id "
	    "WHERE a.name GLOB ? ORDER BY a.id", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, pat, -1, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW) {
		k++;
		snprintf(want, sizeof(want), "w%ld-%ld", tag, k);
		if (strcmp((const char *)sqlite3_column_text(st, 0), want) != 0)
			fail_msg("row %ld is %s, want %s", k, sqlite3_column_text(st, 0), want);
	}
	sqlite3_finalize(st);
	if (k < lo || k > hi)
		fail_msg("writer %ld: %ld rows with audit entries, want %ld..%ld", tag, k, lo, hi);
}

#define CRASH_TRIALS	220

static void
test_crash_sigkill(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	char		 err[256];
	long		 trial, last, v, want, total_committed = 0, kills_mid = 0;
	int		 p[2], status;
	pid_t		 pid;
	unsigned	 seed = 20260301;
	ssize_t		 r;

	(void)state;
	tdir(&t);
	gk_db_close(open_ok(t.path, 0));
	for (trial = 1; trial <= CRASH_TRIALS; trial++) {
		assert_int_equal(pipe(p), 0);
		if ((pid = fork()) == 0) {
			close(p[0]);
			writer(t.path, trial, 1000000, p[1], -1);
		}
		assert_true(pid > 0);
		close(p[1]);
		/*
		 * Let the child report 0-5 commits (0: kill it while it opens
		 * the database or runs its first transaction), then kill it
		 * 0-3 ms later, wherever it is.
		 */
		want = rand_r(&seed) % 6;
		last = 0;
		while (last < want && read(p[0], &v, sizeof(v)) == (ssize_t)sizeof(v))
			last = v;
		usleep((useconds_t)(rand_r(&seed) % 3000));
		assert_int_equal(kill(pid, SIGKILL), 0);
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
		while ((r = read(p[0], &v, sizeof(v))) == (ssize_t)sizeof(v))
			last = v;
		close(p[0]);
		if (last > 0)
			kills_mid++;
		total_committed += last;

		db = open_ok(t.path, 0);
		if (gk_db_integrity(db, err, sizeof(err)) != GK_OK)
			fail_msg("trial %ld: %s", trial, err);
		/* Every reported commit is there; at most one more (killed before reporting). */
		rows_present(db, trial, last, last + 1);
		/* Row and audit entry always together. */
		assert_int_equal(q_int(db, "SELECT count(*) FROM agency"),
		    q_int(db, "SELECT count(*) FROM audit"));
		if (trial % 20 == 0 || trial == CRASH_TRIALS)
			chain_ok(db, -1);
		gk_db_close(db);
	}
	print_message("crash: %d kills, %ld mid-stream, %ld commits reported\n",
	    CRASH_TRIALS, kills_mid, total_committed);
	assert_true(kills_mid >= CRASH_TRIALS / 2);
	trm(&t);
}

static void
test_two_writers(void **state)
{
	struct tdb	 t;
	struct gk_db	*db;
	pid_t		 a, b;
	int		 sa, sb, g[2];
	const long	 n = 250;

	(void)state;
	tdir(&t);
	gk_db_close(open_ok(t.path, 0));
	assert_int_equal(pipe(g), 0);
	if ((a = fork()) == 0) {
		close(g[1]);
		writer(t.path, 1, n, -1, g[0]);
	}
	if ((b = fork()) == 0) {
		close(g[1]);
		writer(t.path, 2, n, -1, g[0]);
	}
	assert_true(a > 0 && b > 0);
	close(g[0]);
	close(g[1]);	/* both start now */
	assert_int_equal(waitpid(a, &sa, 0), a);
	assert_int_equal(waitpid(b, &sb, 0), b);
	assert_true(WIFEXITED(sa) && WIFEXITED(sb));
	assert_int_equal(WEXITSTATUS(sa), 0);
	assert_int_equal(WEXITSTATUS(sb), 0);
	db = open_ok(t.path, 0);
	assert_int_equal(gk_db_integrity(db, NULL, 0), GK_OK);
	rows_present(db, 1, n, n);
	rows_present(db, 2, n, n);
	counts(db, 2 * n, 2 * n);
	chain_ok(db, 2 * n);
	print_message("two writers: %lld switches between the streams\n", (long long)
	    q_int(db, "SELECT count(*) FROM agency a JOIN agency b ON b.id = a.id + 1 "
	    "WHERE substr(a.name, 1, 2) <> substr(b.name, 1, 2)"));
	gk_db_close(db);
	trm(&t);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_open_fresh),
	cmocka_unit_test(test_migrate_from_every_version),
	cmocka_unit_test(test_migration_failure_rolls_back),
	cmocka_unit_test(test_refuse_newer_and_bad_files),
	cmocka_unit_test(test_uscc),
	cmocka_unit_test(test_agency_add_get_list),
	cmocka_unit_test(test_agency_rejections_write_nothing),
	cmocka_unit_test(test_audit_failure_rolls_back_row),
	cmocka_unit_test(test_agency_alloc_failures),
	cmocka_unit_test(test_nested_transactions),
	cmocka_unit_test(test_backup),
	cmocka_unit_test(test_crash_sigkill),
	cmocka_unit_test(test_two_writers),
};

GK_TEST_MAIN("store", tests)
