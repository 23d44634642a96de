/*
 * test_import.c — bulk import (store/import.h): 索引号 continuing after
 * the agency's existing numbers per year (another agency's numbers not
 * counted), one audit entry per item with the chain verifying, published
 * and in-review rows, and an invalid row anywhere refusing the whole
 * import with nothing written.
 *
 * The agency codes are those of test_store_item.c (checked by hand there):
 * 11510422MB1234567Y and 11510422MB12345682.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/import.h"

#define CODE_A	"11510422MB1234567Y"
#define CODE_B	"11510422MB12345682"
#define NOW	"2025-03-01T09:00:00+08:00"

struct fx {
	char		 dir[64], path[128];
	struct gk_db	*db;
	int64_t		 ag, ag2;
};

static struct fx F;

static void
raw(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(gk_db_sqlite(F.db), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

static int64_t
q_int(const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 v;

	if (sqlite3_prepare_v2(gk_db_sqlite(F.db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(gk_db_sqlite(F.db)));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("no row: %s", sql);
	v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
q_text(const char *sql, char *out, size_t n)
{
	sqlite3_stmt	*st;
	const char	*t;

	if (sqlite3_prepare_v2(gk_db_sqlite(F.db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(gk_db_sqlite(F.db)));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("no row: %s", sql);
	t = (const char *)sqlite3_column_text(st, 0);
	snprintf(out, n, "%s", t ? t : "(null)");
	sqlite3_finalize(st);
}

static int
setup(void **state)
{
	char	 err[512], sql[1024];

	(void)state;
	memset(&F, 0, sizeof(F));
	snprintf(F.dir, sizeof(F.dir), "/tmp/gk-import-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/t.db", F.dir);
	if (gk_db_open(F.path, &F.db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县商务局", CODE_A, 0, "县级",
	    NOW, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县财政局", CODE_B, 0, "县级",
	    NOW, &F.ag2, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	/* Existing items: agency A has 2023-00007; agency B's 2023-00050 must not count. */
	snprintf(sql, sizeof(sql),
	    "INSERT INTO item (agency_id, index_no, title, state, created_at, updated_at) "
	    "VALUES (%lld, '" CODE_A "/2023-00007', '旧信息', 'published', '2023-05-01', "
	    "'2023-05-01'), (%lld, '" CODE_B "/2023-00050', '外单位', 'published', "
	    "'2023-05-01', '2023-05-01');", (long long)F.ag, (long long)F.ag2);
	raw(sql);
	return 0;
}

static int
teardown(void **state)
{
	char path[160];

	(void)state;
	gk_db_close(F.db);
	snprintf(path, sizeof(path), "%s/t.db-wal", F.dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/t.db-shm", F.dir);
	unlink(path);
	unlink(F.path);
	rmdir(F.dir);
	return 0;
}

static void
meta(struct item_meta *m, const char *title, const char *cat, const char *written)
{
	item_meta_init(m);
	assert_int_equal(item_meta_set(m, ITEM_F_TITLE, title), GK_OK);
	assert_int_equal(item_meta_set(m, ITEM_F_CATEGORY, cat), GK_OK);
	assert_int_equal(item_meta_set(m, ITEM_F_WRITTEN, written), GK_OK);
	assert_int_equal(item_meta_set(m, ITEM_F_BODY, "正文。"), GK_OK);
}

static void
test_import_sequence(void **state)
{
	struct item_meta	 m[3];
	struct gk_import_row	 rows[3];
	struct gk_import_error	 bad;
	struct gk_audit_result	 ar;
	char			 err[512], s[256];
	int64_t			 audits;
	size_t			 done, i;

	(void)state;
	meta(&m[0], "2023年招商引资工作情况", "招商引资", "2023-06-01");
	meta(&m[1], "机构职能调整", "机构职能", "2023-07-01");
	meta(&m[2], "2024年办事指南", "办事指南", "2024-02-01");
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 3; i++)
		rows[i].meta = &m[i];
	rows[0].state = rows[1].state = rows[2].state = WF_PUBLISHED;
	rows[0].created_at = "2023-06-02T10:00:00+08:00";
	rows[0].published_at = "2023-06-03T10:00:00+08:00";
	rows[1].created_at = "2023-07-02T10:00:00+08:00";
	rows[1].published_at = "2023-07-03T10:00:00+08:00";
	/* The third is still in review in the old system, and late. */
	rows[2].state = WF_SUBMITTED;
	rows[2].created_at = "2024-02-02T10:00:00+08:00";
	rows[2].due_date = "2024-02-08";
	audits = q_int("SELECT count(*) FROM audit");

	assert_int_equal(gk_item_import(F.db, F.ag, "admin", rows, 3, NOW, &done, &bad,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(done, 3);
	/* After A's 2023-00007 come 00008 and 00009; 2024 starts at 00001. */
	q_text("SELECT group_concat(index_no, ' ') FROM (SELECT index_no FROM item "
	    "WHERE title != '旧信息' AND title != '外单位' ORDER BY id)", s, sizeof(s));
	assert_string_equal(s, CODE_A "/2023-00008 " CODE_A "/2023-00009 "
	    CODE_A "/2024-00001");
	q_text("SELECT state || ' ' || published_at || ' ' || publisher || ' ' || "
	    "(SELECT name FROM category WHERE id = item.category_id) FROM item "
	    "WHERE index_no = '" CODE_A "/2023-00008'", s, sizeof(s));
	assert_string_equal(s, "published 2023-06-03T10:00:00+08:00 盐边县商务局 招商引资");
	q_text("SELECT state || ' ' || due_date || ' ' || coalesce(published_at, '-') "
	    "FROM item WHERE index_no = '" CODE_A "/2024-00001'", s, sizeof(s));
	assert_string_equal(s, "submitted 2024-02-08 -");
	/* One audit entry per item, naming it, and the chain verifies. */
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits + 3);
	assert_int_equal(q_int("SELECT count(*) FROM audit a JOIN item i ON "
	    "i.id = a.entity_id WHERE a.entity = 'item' AND a.action = 'import' AND "
	    "a.actor = 'admin' AND a.change LIKE '%' || i.index_no || '%'"), 3);
	assert_int_equal(gk_audit_verify(F.db, &ar, err, sizeof(err)), GK_OK);
	if (ar.fault != GK_AUDIT_INTACT)
		fail_msg("chain: %s", ar.msg);
	assert_int_equal(ar.entries, audits + 3);

	/* A second import goes on from there. */
	rows[0].meta = &m[0];
	assert_int_equal(gk_item_import(F.db, F.ag, "admin", rows, 1, NOW, &done, &bad,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM item WHERE index_no = '"
	    CODE_A "/2023-00010'"), 1);
	assert_int_equal(gk_audit_verify(F.db, &ar, err, sizeof(err)), GK_OK);
	assert_int_equal(ar.fault, GK_AUDIT_INTACT);
	for (i = 0; i < 3; i++)
		item_meta_clear(&m[i]);
}

/* Imports rows and expects the refusal at row `row`, field f, nothing written. */
static void
refused(struct gk_import_row *rows, size_t n, size_t row, enum item_field f)
{
	struct gk_import_error	 bad;
	char			 err[512];
	int64_t			 items, audits;
	size_t			 done = 99;

	items = q_int("SELECT count(*) FROM item");
	audits = q_int("SELECT count(*) FROM audit");
	assert_int_equal(gk_item_import(F.db, F.ag, "admin", rows, n, NOW, &done, &bad,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(done, 0);
	assert_int_equal(bad.row, row);
	assert_int_equal(bad.field, f);
	assert_true(bad.msg[0] != '\0');
	assert_non_null(strstr(err, "第 "));
	assert_int_equal(q_int("SELECT count(*) FROM item"), items);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits);
}

static void
test_import_refused(void **state)
{
	struct item_meta	 m[4];
	struct gk_import_row	 rows[4];
	size_t			 i;

	(void)state;
	meta(&m[0], "一", "招商引资", "2023-06-01");
	meta(&m[1], "二", "机构职能", "2023-06-01");
	meta(&m[2], "", "机构职能", "2023-06-01");		/* no title */
	meta(&m[3], "四", "不存在的栏目", "2023-06-01");
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 4; i++) {
		rows[i].meta = &m[i];
		rows[i].state = WF_PUBLISHED;
		rows[i].created_at = "2023-06-02";
		rows[i].published_at = "2023-06-03";
	}
	refused(rows, 4, 3, ITEM_F_TITLE);
	rows[2].meta = &m[1];
	refused(rows, 4, 4, ITEM_F_CATEGORY);
	rows[3].meta = &m[0];
	/* Published without a date; in review with one; withdrawn; bad dates. */
	rows[1].published_at = NULL;
	refused(rows, 4, 2, ITEM_F_WRITTEN);
	rows[1].published_at = "2023-06-03";
	rows[1].state = WF_DRAFT;
	refused(rows, 4, 2, ITEM_F_WRITTEN);
	rows[1].state = WF_WITHDRAWN;
	refused(rows, 4, 2, ITEM_F_WRITTEN);
	rows[1].state = WF_PUBLISHED;
	rows[0].created_at = "昨天";
	refused(rows, 4, 1, ITEM_F_WRITTEN);
	rows[0].created_at = "2023-06-02";
	rows[2].due_date = "2023-02-30";
	refused(rows, 4, 3, ITEM_F_WRITTEN);
	rows[2].due_date = NULL;
	/* Written after the creation day: item_validate's date.future. */
	rows[0].created_at = "2023-05-01";
	refused(rows, 4, 1, ITEM_F_WRITTEN);
	rows[0].created_at = "2023-06-02";
	rows[3].meta = NULL;
	refused(rows, 4, 4, ITEM_F_TITLE);
	rows[3].meta = &m[0];
	/* Now all good: all four go in. */
	assert_int_equal(gk_item_import(F.db, F.ag, "admin", rows, 4, NOW, NULL, NULL,
	    (char[256]){0}, 256), GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM item WHERE agency_id = 1"), 5);
	for (i = 0; i < 4; i++)
		item_meta_clear(&m[i]);
}

static void
test_import_bad_call(void **state)
{
	struct gk_import_row	 row;
	char			 err[256];

	(void)state;
	memset(&row, 0, sizeof(row));
	assert_int_equal(gk_item_import(F.db, F.ag, "", &row, 1, NOW, NULL, NULL, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_item_import(F.db, F.ag, "admin", NULL, 1, NOW, NULL, NULL,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_item_import(F.db, 999, "admin", &row, 1, NOW, NULL, NULL,
	    err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_item_import(F.db, F.ag, "admin", NULL, 0, NOW, NULL, NULL,
	    err, sizeof(err)), GK_OK);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_import_sequence, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_refused, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_bad_call, setup, teardown),
};

GK_TEST_MAIN("import", tests)
