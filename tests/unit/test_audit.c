/*
 * test_audit.c — SHA-256 against the FIPS 180-4 / NIST example vectors
 * (the SHA-NI compression where the processor has it, and the portable C
 * one forced with gk_sha256_portable; the two agree on 0–1,100 byte
 * messages); the
 * audit entry serialisation against its documented bytes; appending and
 * verifying the chain; tampering done with raw SQL (altered, removed,
 * inserted, replaced, reordered rows) is caught at the first bad entry.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/sha256.h"
#include "store/audit.h"
#include "store/db.h"

static void
hex_of(const void *p, size_t n, char out[65])
{
	unsigned char d[32];

	gk_sha256(p, n, d);
	gk_sha256_hex(d, out);
}

static void
test_sha256_vectors(void **state)
{
	/* FIPS 180-4 examples (NIST CSRC "SHA256.pdf") and the empty message. */
	static const char m448[] =
	    "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char m896[] =
	    "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
	    "hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	char h[65];

	(void)state;
	hex_of("abc", 3, h);
	assert_string_equal(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	hex_of("", 0, h);
	assert_string_equal(h, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	hex_of(m448, strlen(m448), h);
	assert_string_equal(h, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	hex_of(m896, strlen(m896), h);
	assert_string_equal(h, "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
}

static void
test_sha256_million_a(void **state)
{
	struct gk_sha256	c;
	unsigned char		d[32], block[1000];
	char			h[65];
	int			i;

	(void)state;
	memset(block, 'a', sizeof(block));
	gk_sha256_init(&c);
	for (i = 0; i < 1000; i++)
		gk_sha256_update(&c, block, sizeof(block));
	gk_sha256_final(&c, d);
	gk_sha256_hex(d, h);
	assert_string_equal(h, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

/* Any split of the input into updates gives the one-shot digest (padding edges 55/56/64). */
static void
test_sha256_streaming(void **state)
{
	unsigned char	msg[200], d1[32], d2[32];
	struct gk_sha256 c;
	size_t		n, cut;

	(void)state;
	for (n = 0; n < sizeof(msg); n++)
		msg[n] = (unsigned char)(n * 7 + 3);
	for (n = 0; n <= 130; n++) {
		gk_sha256(msg, n, d1);
		for (cut = 0; cut <= n; cut += 13) {
			gk_sha256_init(&c);
			gk_sha256_update(&c, msg, cut);
			gk_sha256_update(&c, msg + cut, n - cut);
			gk_sha256_final(&c, d2);
			assert_memory_equal(d1, d2, 32);
		}
	}
}

static int
portable_on(void **state)
{
	(void)state;
	gk_sha256_portable(1);
	return 0;
}

static int
portable_off(void **state)
{
	(void)state;
	gk_sha256_portable(0);
	return 0;
}

/* The portable and the fastest compression give the same digests. */
static void
test_sha256_both_paths(void **state)
{
	unsigned char	msg[1100], d1[32], d2[32];
	size_t		n;
	int		ni;

	(void)state;
	for (n = 0; n < sizeof(msg); n++)
		msg[n] = (unsigned char)(n * 131 + (n >> 3));
	ni = gk_sha256_portable(0);
	print_message("SHA-256 compression: %s\n", ni ? "SHA-NI" : "portable C only");
	for (n = 0; n <= sizeof(msg); n += 1 + n / 17) {
		gk_sha256_portable(1);
		gk_sha256(msg, n, d1);
		gk_sha256_portable(0);
		gk_sha256(msg, n, d2);
		assert_memory_equal(d1, d2, 32);
	}
}

static void
test_entry_serialisation(void **state)
{
	/* The bytes docs/store.md describes, written out by hand. */
	static const char ser[] =
	    "gongkai-audit-v1\n1:1\n25:2026-01-02T03:04:05+08:00\n6:张三\n"
	    "6:agency\n1:7\n6:create\n20:{\"name\":\"盐边县\"}\n"
	    "64:0000000000000000000000000000000000000000000000000000000000000000\n";
	char got[65], want[65];

	(void)state;
	assert_int_equal(gk_audit_hash(1, "2026-01-02T03:04:05+08:00", "张三",
	    "agency", 7, "create", "{\"name\":\"盐边县\"}", GK_AUDIT_GENESIS, got), GK_OK);
	hex_of(ser, strlen(ser), want);
	assert_string_equal(got, want);
	/* Computed independently (Python hashlib over the same bytes). */
	assert_string_equal(got, "8456d28081790c3b9bfe4681864870acc51d9ba8c36358ae0be0f8ce2f98f7f6");
	/* Length prefixes: moving a character between fields changes the hash. */
	assert_int_equal(gk_audit_hash(1, "2026-01-02T03:04:05+08:00", "张三a",
	    "gency", 7, "create", "{\"name\":\"盐边县\"}", GK_AUDIT_GENESIS, want), GK_OK);
	assert_string_not_equal(got, want);
	assert_int_equal(gk_audit_hash(1, "t", "a", "e", 7, "x", "{}", NULL, want), GK_EINVAL);
}

/*
 * The numbers are written by hand (not snprintf) in gk_audit_hash: zero,
 * negative, many-digit and extreme values serialise as decimal text.
 */
static void
test_audit_hash_numbers(void **state)
{
	static const struct { int64_t seq, id; const char *ser; } v[] = {
	    { 1000000, 0, "gongkai-audit-v1\n7:1000000\n1:t\n1:a\n1:e\n1:0\n"
		"1:x\n2:{}\n1:p\n" },
	    { 10, -42, "gongkai-audit-v1\n2:10\n1:t\n1:a\n1:e\n3:-42\n"
		"1:x\n2:{}\n1:p\n" },
	    { INT64_MAX, INT64_MIN, "gongkai-audit-v1\n19:9223372036854775807\n"
		"1:t\n1:a\n1:e\n20:-9223372036854775808\n1:x\n2:{}\n1:p\n" },
	};
	char got[65], want[65];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(gk_audit_hash(v[i].seq, "t", "a", "e", v[i].id, "x",
		    "{}", "p", got), GK_OK);
		hex_of(v[i].ser, strlen(v[i].ser), want);
		assert_string_equal(got, want);
	}
}

/* A fresh database in a temporary directory. */
struct tdb {
	char		 dir[64];
	char		 path[128];
	struct gk_db	*db;
};

static void
tdb_open(struct tdb *t)
{
	char err[256];

	snprintf(t->dir, sizeof(t->dir), "/tmp/gk-audit-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	if (gk_db_open(t->path, &t->db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
}

static void
tdb_close(struct tdb *t)
{
	char cmd[160];

	gk_db_close(t->db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
}

static void
append_n(struct gk_db *db, int n)
{
	char err[256], change[64];
	int i;

	for (i = 0; i < n; i++) {
		snprintf(change, sizeof(change), "{\"n\":%d}", i + 1);
		assert_int_equal(gk_db_tx_begin(db, err, sizeof(err)), GK_OK);
		if (gk_audit_append(db, "测试员", "agency", i + 1, "create", change,
		    "2026-03-01T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK)
			fail_msg("append: %s", err);
		assert_int_equal(gk_db_tx_commit(db, err, sizeof(err)), GK_OK);
	}
}

static void
raw(struct gk_db *db, const char *sql)
{
	gk_test_exec(db, sql);
}

static void
verify(struct gk_db *db, struct gk_audit_result *r)
{
	char err[256];

	if (gk_audit_verify(db, r, err, sizeof(err)) != GK_OK)
		fail_msg("verify: %s", err);
}

static void
test_chain_append_verify(void **state)
{
	struct tdb		t;
	struct gk_audit_result	r;
	char			err[256], h1[65];
	int64_t			seq, n;

	(void)state;
	tdb_open(&t);
	verify(t.db, &r);
	assert_int_equal(r.fault, GK_AUDIT_INTACT);
	assert_int_equal(r.entries, 0);
	assert_string_equal(r.head, GK_AUDIT_GENESIS);

	/* Outside a transaction: refused. */
	assert_int_equal(gk_audit_append(t.db, "a", "e", 1, "x", "{}", "t", NULL,
	    err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "事务"));
	/* Bad change JSON, empty actor: refused, nothing written. */
	assert_int_equal(gk_db_tx_begin(t.db, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_audit_append(t.db, "a", "e", 1, "x", "{\"a\":", "t", NULL,
	    err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "JSON"));
	assert_int_equal(gk_audit_append(t.db, "", "e", 1, "x", "{}", "t", NULL,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_audit_append(t.db, "a", "e", 1, "x", "{}", "2026-01-01", &seq,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(seq, 1);
	gk_db_tx_rollback(t.db);
	assert_int_equal(gk_audit_count(t.db, &n, err, sizeof(err)), GK_OK);
	assert_int_equal(n, 0);

	append_n(t.db, 5);
	verify(t.db, &r);
	assert_int_equal(r.fault, GK_AUDIT_INTACT);
	assert_int_equal(r.entries, 5);
	assert_int_equal(r.head_seq, 5);
	assert_non_null(strstr(r.msg, "共 5 条"));
	/* Entry 1 links to the genesis value and hashes as documented. */
	assert_int_equal(gk_audit_hash(1, "2026-03-01T09:00:00+08:00", "测试员", "agency",
	    1, "create", "{\"n\":1}", GK_AUDIT_GENESIS, h1), GK_OK);
	{
		sqlite3_stmt *st;

		assert_int_equal(sqlite3_prepare_v2(gk_db_sqlite(t.db),
		    "SELECT hash, (SELECT prev_hash FROM audit WHERE seq = 2) FROM audit "
		    "WHERE seq = 1", -1, &st, NULL), SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal((const char *)sqlite3_column_text(st, 0), h1);
		assert_string_equal((const char *)sqlite3_column_text(st, 1), h1);
		sqlite3_finalize(st);
	}
	tdb_close(&t);
}

static void
test_triggers_block_edits(void **state)
{
	struct tdb	 t;
	char		*msg = NULL;

	(void)state;
	tdb_open(&t);
	append_n(t.db, 2);
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(t.db),
	    "UPDATE audit SET actor = 'x' WHERE seq = 1", NULL, NULL, &msg), SQLITE_OK);
	assert_non_null(strstr(msg, "append-only"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(t.db),
	    "DELETE FROM audit WHERE seq = 1", NULL, NULL, NULL), SQLITE_OK);
	tdb_close(&t);
}

/* Builds a 6-entry chain, drops the guard triggers, applies sql, verifies. */
static void
tamper(const char *sql, enum gk_audit_fault fault, int64_t bad, const char *needle)
{
	struct tdb		t;
	struct gk_audit_result	r;

	tdb_open(&t);
	append_n(t.db, 6);
	raw(t.db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete");
	raw(t.db, sql);
	verify(t.db, &r);
	if (r.fault != fault || r.bad_seq != bad)
		fail_msg("%s: fault %d at %lld, want %d at %lld (%s)", sql, r.fault,
		    (long long)r.bad_seq, fault, (long long)bad, r.msg);
	if (strstr(r.msg, needle) == NULL)
		fail_msg("message '%s' lacks '%s'", r.msg, needle);
	assert_int_equal(r.head_seq, bad - 1);
	tdb_close(&t);
}

static void
test_tamper_altered(void **state)
{
	(void)state;
	tamper("UPDATE audit SET change = '{\"n\":99}' WHERE seq = 3",
	    GK_AUDIT_ALTERED, 3, "第 3 条审计记录被篡改");
	tamper("UPDATE audit SET actor = '李四' WHERE seq = 1", GK_AUDIT_ALTERED, 1,
	    "第 1 条");
	tamper("UPDATE audit SET time = '2026-03-02T09:00:00+08:00' WHERE seq = 6",
	    GK_AUDIT_ALTERED, 6, "第 6 条");
	tamper("UPDATE audit SET entity_id = 42 WHERE seq = 4", GK_AUDIT_ALTERED, 4,
	    "被篡改");
	tamper("UPDATE audit SET hash = '0' || substr(hash, 2) WHERE seq = 2",
	    GK_AUDIT_ALTERED, 2, "第 2 条");
}

static void
test_tamper_removed(void **state)
{
	(void)state;
	tamper("DELETE FROM audit WHERE seq = 3", GK_AUDIT_REMOVED, 3,
	    "第 3 条审计记录缺失");
	tamper("DELETE FROM audit WHERE seq IN (2, 3, 4)", GK_AUDIT_REMOVED, 2,
	    "第 2 至第 4 条");
	tamper("DELETE FROM audit WHERE seq = 1", GK_AUDIT_REMOVED, 1, "第 1 条");
	/* Renumbering to close the gap leaves a link that does not fit. */
	tamper("DELETE FROM audit WHERE seq = 3; UPDATE audit SET seq = seq - 1 "
	    "WHERE seq > 3", GK_AUDIT_INSERTED, 3, "第 3 条审计记录与第 2 条不衔接");
}

static void
test_tamper_inserted(void **state)
{
	(void)state;
	/* Appended at the end with a made-up link. */
	tamper("INSERT INTO audit VALUES (7, '2026-03-01T09:00:00+08:00', '测试员', "
	    "'agency', 7, 'create', '{}', 'ffff', 'ffff')", GK_AUDIT_INSERTED, 7,
	    "第 7 条审计记录与第 6 条不衔接");
	/* Slipped into the middle: later rows shifted up to make room. */
	tamper("UPDATE audit SET seq = seq + 100 WHERE seq >= 4; "
	    "UPDATE audit SET seq = seq - 99 WHERE seq >= 104; "
	    "INSERT INTO audit SELECT 4, time, actor, entity, entity_id, action, "
	    "change, prev_hash, hash FROM audit WHERE seq = 3",
	    GK_AUDIT_INSERTED, 4, "第 4 条");
	/* A row copied over another, hash and all: it links to the wrong entry. */
	tamper("UPDATE audit SET (time, actor, entity, entity_id, action, change, "
	    "prev_hash, hash) = (SELECT time, actor, entity, entity_id, action, change, "
	    "prev_hash, hash FROM audit WHERE seq = 2) WHERE seq = 5",
	    GK_AUDIT_INSERTED, 5, "第 5 条");
}

static void
test_verify_without_table(void **state)
{
	struct tdb		t;
	struct gk_audit_result	r;
	char			err[256];

	(void)state;
	tdb_open(&t);
	raw(t.db, "DROP TABLE audit");
	assert_int_equal(gk_audit_verify(t.db, &r, err, sizeof(err)), GK_EDB);
	assert_non_null(strstr(err, "无法读取审计链"));
	tdb_close(&t);
}

static void
test_change_must_be_json(void **state)
{
	static const char *const good[] = {
		"{}", "[]", " {\"a\":1} ", "{\"a\":[1,-2.5e3,true,false,null,\"x\\u00e9\\n\"]}",
		"{\"名称\":\"盐边县\",\"b\":{\"c\":0.5}}",
	};
	static const char *const bad[] = {
		"", "1", "\"s\"", "{", "{\"a\"}", "{\"a\":}", "{a:1}", "[1,]", "[01]",
		"{\"a\":1}x", "[\"\\q\"]", "[\"\\u12\"]", "[tru]", "[1.]", "[\"a\nb\"]",
	};
	struct tdb	t;
	char		err[256], deep[201];
	size_t		i;

	(void)state;
	tdb_open(&t);
	assert_int_equal(gk_db_tx_begin(t.db, err, sizeof(err)), GK_OK);
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		if (gk_audit_append(t.db, "a", "e", 1, "x", good[i], "t", NULL, err,
		    sizeof(err)) != GK_OK)
			fail_msg("refused %s: %s", good[i], err);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (gk_audit_append(t.db, "a", "e", 1, "x", bad[i], "t", NULL, err,
		    sizeof(err)) != GK_EINVAL)
			fail_msg("accepted %s", bad[i]);
	/* Nesting deeper than 64 levels is refused, not recursed into. */
	memset(deep, '[', 100);
	memset(deep + 100, ']', 100);
	deep[200] = '\0';
	assert_int_equal(gk_audit_append(t.db, "a", "e", 1, "x", deep, "t", NULL, err,
	    sizeof(err)), GK_EINVAL);
	gk_db_tx_rollback(t.db);
	tdb_close(&t);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_change_must_be_json),
	cmocka_unit_test(test_audit_hash_numbers),
	cmocka_unit_test(test_sha256_vectors),
	cmocka_unit_test(test_sha256_million_a),
	cmocka_unit_test(test_sha256_streaming),
	cmocka_unit_test_setup_teardown(test_sha256_vectors, portable_on, portable_off),
	cmocka_unit_test_setup_teardown(test_sha256_million_a, portable_on, portable_off),
	cmocka_unit_test_setup_teardown(test_sha256_streaming, portable_on, portable_off),
	cmocka_unit_test(test_sha256_both_paths),
	cmocka_unit_test(test_entry_serialisation),
	cmocka_unit_test(test_chain_append_verify),
	cmocka_unit_test(test_triggers_block_edits),
	cmocka_unit_test(test_tamper_altered),
	cmocka_unit_test(test_tamper_removed),
	cmocka_unit_test(test_tamper_inserted),
	cmocka_unit_test(test_verify_without_table),
};

GK_TEST_MAIN("audit", tests)
