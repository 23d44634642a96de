/*
 * test_import.c — bulk import (store/import.h): 索引号 continuing after
 * the agency's existing numbers per year (another agency's numbers not
 * counted), one audit entry per item with the chain verifying, published
 * and in-review rows, and an invalid row anywhere refusing the whole
 * import with nothing written; the audit change text byte for byte what
 * jansson's json_dumps(JSON_COMPACT | JSON_SORT_KEYS) makes of the same
 * object (import.c builds it without jansson, for speed); rows written in
 * created_at order whatever their input order.
 *
 * The agency codes are those of test_store_item.c (checked by hand there):
 * 11510422MB1234567Y and 11510422MB12345682.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
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
	gk_test_exec(F.db, sql);
}

static int64_t
q_int(const char *sql)
{
	return gk_test_int(F.db, sql);
}

static void
q_text(const char *sql, char *out, size_t n)
{
	gk_test_text(F.db, sql, out, n);
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

/*
 * The oracle: the change object as import.c built it with jansson before
 * it wrote the JSON itself, dumped compact with sorted keys.
 */
static char *
oracle_change(int64_t id, const struct gk_import_row *r, const char *ino,
    int64_t catid, const char *publisher)
{
	json_t		*o;
	char		*s;
	const char	*v;
	int		 i;

	assert_non_null(o = json_object());
	json_object_set_new(o, "id", json_integer(id));
	json_object_set_new(o, "import", json_true());
	json_object_set_new(o, "state", json_string(wf_state_name(r->state)));
	json_object_set_new(o, "category_id", catid ? json_integer(catid) : json_null());
	json_object_set_new(o, "created_at", json_string(r->created_at));
	json_object_set_new(o, "published_at", r->published_at ?
	    json_string(r->published_at) : json_null());
	json_object_set_new(o, "due_date", r->due_date ? json_string(r->due_date) :
	    json_null());
	json_object_set_new(o, "body_bytes",
	    json_integer((json_int_t)strlen(item_meta_get(r->meta, ITEM_F_BODY))));
	for (i = 0; i < ITEM_F__MAX; i++) {
		if (i == ITEM_F_VALIDITY || i == ITEM_F_BODY)
			continue;
		v = i == ITEM_F_INDEXNO ? ino : i == ITEM_F_PUBLISHER ? publisher :
		    item_meta_get(r->meta, (enum item_field)i);
		json_object_set_new(o, item_field_name((enum item_field)i), json_string(v));
	}
	json_object_set_new(o, "validity",
	    json_string(item_validity_name(r->meta->validity)));
	assert_non_null(s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS));
	json_decref(o);
	return s;
}

/* Escapes, non-ASCII, nulls and both states: the stored change equals the oracle. */
static void
test_import_change_json(void **state)
{
	struct item_meta	 m[2];
	struct gk_import_row	 rows[2];
	struct gk_audit_result	 ar;
	sqlite3_stmt		*st;
	char			 err[512], ino[64], *want;
	size_t			 i;
	int64_t			 cat;

	(void)state;
	meta(&m[0], "关于\"双引号\"、反斜杠\\和/斜杠的通知", "招商引资", "2023-06-01");
	assert_int_equal(item_meta_set(&m[0], ITEM_F_DOCNO, "盐财发〔2023〕1号"), GK_OK);
	assert_int_equal(item_meta_set(&m[0], ITEM_F_KEYWORDS, "a\\b \"c\" d/e 🀄"),
	    GK_OK);
	assert_int_equal(item_meta_set(&m[0], ITEM_F_TOPIC, "财政/税务"), GK_OK);
	assert_int_equal(item_meta_set(&m[0], ITEM_F_PUBLISHER, "盐边县财政局"), GK_OK);
	meta(&m[1], "在审的信息", "机构职能", "2024-02-01");
	m[1].validity = ITEM_EXPIRED;
	assert_int_equal(item_meta_set(&m[1], ITEM_F_VALIDITY_DATE, "2024-02-02"), GK_OK);
	memset(rows, 0, sizeof(rows));
	rows[0].meta = &m[0];
	rows[0].state = WF_PUBLISHED;
	rows[0].created_at = "2023-06-02T10:00:00+08:00";
	rows[0].published_at = "2023-06-03T10:00:00+08:00";
	rows[1].meta = &m[1];
	rows[1].state = WF_SUBMITTED;
	rows[1].created_at = "2024-02-02";
	rows[1].due_date = "2024-02-08";
	if (gk_item_import(F.db, F.ag, "admin", rows, 2, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("import: %s", err);
	assert_int_equal(gk_category_lookup(F.db, F.ag, "招商引资", &cat, err,
	    sizeof(err)), GK_OK);
	if (sqlite3_prepare_v2(gk_db_sqlite(F.db), "SELECT i.id, i.index_no, "
	    "i.category_id, i.publisher, a.change FROM item i JOIN audit a ON "
	    "a.entity = 'item' AND a.entity_id = i.id AND a.action = 'import' "
	    "ORDER BY i.id", -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s", sqlite3_errmsg(gk_db_sqlite(F.db)));
	for (i = 0; i < 2; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		snprintf(ino, sizeof(ino), "%s", (const char *)sqlite3_column_text(st, 1));
		want = oracle_change(sqlite3_column_int64(st, 0), &rows[i], ino,
		    sqlite3_column_int64(st, 2),
		    (const char *)sqlite3_column_text(st, 3));
		assert_string_equal((const char *)sqlite3_column_text(st, 4), want);
		free(want);
	}
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(q_int("SELECT count(*) FROM item WHERE category_id IS NOT NULL "
	    "AND title LIKE '%双引号%'"), 1);
	assert_int_equal(gk_audit_verify(F.db, &ar, err, sizeof(err)), GK_OK);
	assert_int_equal(ar.fault, GK_AUDIT_INTACT);
	(void)cat;
	for (i = 0; i < 2; i++)
		item_meta_clear(&m[i]);
}

/*
 * Patterns other than the default: without {year} one counter runs across
 * years; with {seq} before {year} the index_no range of one year holds
 * another year's numbers, which must not count.
 */
static void
test_import_patterns(void **state)
{
	struct item_meta	 m[2];
	struct gk_import_row	 rows[2];
	char			 err[512], s[256];
	size_t			 i;

	(void)state;
	meta(&m[0], "一", "招商引资", "2023-06-01");
	meta(&m[1], "二", "机构职能", "2024-06-01");
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 2; i++) {
		rows[i].meta = &m[i];
		rows[i].state = WF_PUBLISHED;
	}
	rows[0].created_at = "2023-06-02";
	rows[0].published_at = "2023-06-03";
	rows[1].created_at = "2024-06-02";
	rows[1].published_at = "2024-06-03";
	assert_int_equal(gk_agency_setting_set(F.db, "admin", F.ag,
	    GK_AGENCY_SETTING_INDEXNO, "{code}-{seq:4}", NOW, err, sizeof(err)), GK_OK);
	if (gk_item_import(F.db, F.ag, "admin", rows, 2, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("import: %s", err);
	q_text("SELECT group_concat(index_no, ' ') FROM (SELECT index_no FROM item "
	    "WHERE index_no LIKE '%-____' ORDER BY id)", s, sizeof(s));
	assert_string_equal(s, CODE_A "-0001 " CODE_A "-0002");

	/* {seq} first: 0005-2024 lies between 0001-2023 and 9999-2023. */
	assert_int_equal(gk_agency_setting_set(F.db, "admin", F.ag,
	    GK_AGENCY_SETTING_INDEXNO, "{seq:4}-{year}-{code}", NOW, err, sizeof(err)),
	    GK_OK);
	raw("INSERT INTO item (agency_id, index_no, title, state, created_at, updated_at) "
	    "VALUES (1, '0005-2024-" CODE_A "', '旧', 'published', '2024-01-01', "
	    "'2024-01-01'), (1, '0002-2023-" CODE_A "', '旧', 'published', "
	    "'2023-01-01', '2023-01-01')");
	if (gk_item_import(F.db, F.ag, "admin", rows, 2, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("import: %s", err);
	q_text("SELECT group_concat(index_no, ' ') FROM (SELECT index_no FROM item "
	    "WHERE title != '旧' AND index_no LIKE '____-____-%' ORDER BY id)", s,
	    sizeof(s));
	assert_string_equal(s, "0003-2023-" CODE_A " 0006-2024-" CODE_A);
	for (i = 0; i < 2; i++)
		item_meta_clear(&m[i]);
}

/*
 * Rows given newest first are written oldest first (created_at, ties in
 * input order): ids and each year's 索引号 follow the creation dates, and
 * the chain still verifies.
 */
static void
test_import_order(void **state)
{
	static const char *const created[4] = { "2024-03-02", "2023-09-02",
	    "2023-08-02T10:00:00+08:00", "2023-08-02T10:00:00+08:00" };
	static const char *const title[4] = { "丁", "丙", "甲", "乙" };
	struct item_meta	 m[4];
	struct gk_import_row	 rows[4];
	struct gk_audit_result	 ar;
	char			 err[512], s[512];
	size_t			 i;

	(void)state;
	memset(rows, 0, sizeof(rows));
	for (i = 0; i < 4; i++) {
		meta(&m[i], title[i], "招商引资", "2023-08-01");
		rows[i].meta = &m[i];
		rows[i].state = WF_PUBLISHED;
		rows[i].created_at = created[i];
		rows[i].published_at = "2024-03-03";
	}
	if (gk_item_import(F.db, F.ag, "admin", rows, 4, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("import: %s", err);
	q_text("SELECT group_concat(title || ' ' || index_no, ', ') FROM (SELECT "
	    "title, index_no FROM item WHERE title IN ('甲', '乙', '丙', '丁') "
	    "ORDER BY id)", s, sizeof(s));
	assert_string_equal(s, "甲 " CODE_A "/2023-00008, 乙 " CODE_A "/2023-00009, "
	    "丙 " CODE_A "/2023-00010, 丁 " CODE_A "/2024-00001");
	/* The audit entries come in the same order, each naming its item. */
	assert_int_equal(q_int("SELECT count(*) FROM audit a JOIN item i ON "
	    "i.id = a.entity_id WHERE a.action = 'import' AND a.seq - i.id = "
	    "(SELECT min(seq) FROM audit WHERE action = 'import') - "
	    "(SELECT min(id) FROM item WHERE title = '甲')"), 4);
	assert_int_equal(gk_audit_verify(F.db, &ar, err, sizeof(err)), GK_OK);
	assert_int_equal(ar.fault, GK_AUDIT_INTACT);
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
	cmocka_unit_test_setup_teardown(test_import_change_json, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_patterns, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_order, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import_bad_call, setup, teardown),
};

GK_TEST_MAIN("import", tests)
