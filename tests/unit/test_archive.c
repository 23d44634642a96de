/*
 * test_archive.c — the electronic archive (store/archive.h): a small
 * database built through the store API (one item published, one
 * withdrawn, one still a draft, one of another year), exported; the
 * folders, the manifest's entries (every file with its size and SHA-256,
 * the manifest's own hash in sha256sum format) and a clean verify; then a
 * changed byte in body.md, a deleted reviews.json and a stray file, each
 * reported with its path; a non-empty target refused and left untouched;
 * hostile 索引号 ("../x", "a/b", "..") and attachment names that cannot
 * leave the archive; a failure part-way leaves neither DIR nor
 * DIR.tmp-*; a manifest naming "../" refused as not an archive; the
 * 纸质档案 reference (gk_archive_set_paper_ref): set, audited, exported,
 * cleared, and every refusal writing nothing.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "harness.h"
#include "core/sha256.h"
#include "store/agency.h"
#include "store/archive.h"
#include "store/category.h"
#include "store/db.h"
#include "store/item.h"
#include "store/user.h"

#define CODE_A	"11510422MB1234567Y"	/* checked by hand in test_store_item.c */
#define NOW	"2026-01-05T10:00:00+08:00"

struct fx {
	char			 dir[64], path[128], out[128];
	struct gk_db		*db;
	int64_t			 ag, pub, wd;
	struct gk_item_actor	 d, r, a, o;
};

static struct fx F;

static void
user(const char *login, enum wf_role role, struct gk_item_actor *ac)
{
	char err[256];

	if (gk_user_add(F.db, "admin", F.ag, login, login, WF_ROLE_BIT(role), NULL,
	    "2024-12-01T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK ||
	    gk_item_actor_lookup(F.db, login, ac, err, sizeof(err)) != GK_OK)
		fail_msg("user %s: %s", login, err);
}

static int64_t
item(const char *title, const char *body, const char *now)
{
	struct item_meta	 m;
	struct item_problems	 p;
	struct gk_item_opts	 o;
	int64_t			 id = 0;
	char			 err[512], day[11];

	snprintf(day, sizeof(day), "%.10s", now);
	item_meta_init(&m);
	assert_int_equal(item_meta_set(&m, ITEM_F_TITLE, title), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_CATEGORY, "机构职能"), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_WRITTEN, day), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_BODY, body), GK_OK);
	memset(&o, 0, sizeof(o));
	if (gk_item_create(F.db, &F.d, F.ag, &m, &o, now, &id, &p, err,
	    sizeof(err)) != GK_OK)
		fail_msg("create %s: %s", title, err);
	item_meta_clear(&m);
	return id;
}

static void
act(int64_t id, const struct gk_item_actor *ac, enum wf_action a)
{
	struct gk_item_input	 in;
	char			 err[512];
	int			 i;

	memset(&in, 0, sizeof(in));
	for (i = 0; i < WF_CHECK__MAX; i++)
		in.checks[i] = WF_PASS;
	in.comment = "同意";
	in.reason = "内容有误";
	if (gk_item_act(F.db, id, ac, a, &in, "2025-03-04T10:00:00+08:00", NULL,
	    err, sizeof(err)) != GK_OK)
		fail_msg("%s %lld: %s", wf_action_name(a), (long long)id, err);
}

static void
publish(int64_t id)
{
	act(id, &F.d, WF_ACT_SUBMIT);
	act(id, &F.r, WF_ACT_REVIEW);
	act(id, &F.a, WF_ACT_APPROVE);
	act(id, &F.o, WF_ACT_PUBLISH);
}

static void
sql(const char *s)
{
	if (sqlite3_exec(gk_db_sqlite(F.db), s, NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("sql %s: %s", s, sqlite3_errmsg(gk_db_sqlite(F.db)));
}

static void
rm_rf(const char *p)
{
	char cmd[512];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", p);
	assert_int_equal(system(cmd), 0);
}

static int
setup(void **state)
{
	const char	*now = "2024-12-01T09:00:00+08:00";
	char		 err[512];

	(void)state;
	memset(&F, 0, sizeof(F));
	snprintf(F.dir, sizeof(F.dir), "/tmp/gk-archive-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/t.db", F.dir);
	snprintf(F.out, sizeof(F.out), "%s/out", F.dir);
	if (gk_db_open(F.path, &F.db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县商务局", CODE_A, 0, "县级",
	    now, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", now, err,
	    sizeof(err)), GK_OK);
	user("d", WF_ROLE_DRAFTER, &F.d);
	user("r", WF_ROLE_REVIEWER, &F.r);
	user("a", WF_ROLE_APPROVER, &F.a);
	user("o", WF_ROLE_OFFICER, &F.o);
	F.pub = item("机构职能", "# 职能\n\n负责招商引资。\n", "2025-03-03T09:00:00+08:00");
	publish(F.pub);
	F.wd = item("办事指南", "旧版指南", "2025-03-03T10:00:00+08:00");
	publish(F.wd);
	act(F.wd, &F.o, WF_ACT_WITHDRAW);
	(void)item("草稿", "未发布", "2025-03-03T11:00:00+08:00");
	(void)item("二〇二四年", "去年", "2024-12-20T09:00:00+08:00");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gk_db_close(F.db);
	rm_rf(F.dir);
	return 0;
}

static char *
slurp(const char *rel, size_t *lenp)
{
	char p[512];

	snprintf(p, sizeof(p), "%s/%s", F.out, rel);
	return gk_test_slurp(p, lenp);
}

static void
export_ok(size_t want)
{
	char	err[512];
	size_t	n = 99;

	if (gk_archive_export(F.db, 2025, F.ag, F.out, NOW, &n, err,
	    sizeof(err)) != GK_OK)
		fail_msg("export: %s", err);
	assert_int_equal(n, want);
}

static void
test_export_and_manifest(void **state)
{
	struct gk_archive_check	 c;
	json_t			*m, *f, *it;
	json_error_t		 je;
	unsigned char		 d[GK_SHA256_LEN];
	char			 hex[GK_SHA256_HEXLEN + 1], line[512], err[512];
	char			*s, *t;
	size_t			 len, tlen, i;
	struct stat		 sb;

	(void)state;
	export_ok(2);
	/* 索引号 "11510422MB1234567Y/2025-00001": the '/' becomes '_'. */
	s = slurp("11510422MB1234567Y_2025-00001/body.md", &len);
	assert_int_equal(len, strlen("# 职能\n\n负责招商引资。\n"));
	assert_memory_equal(s, "# 职能\n\n负责招商引资。\n", len);
	free(s);
	s = slurp("11510422MB1234567Y_2025-00001/item.json", &len);
	it = json_loadb(s, len, 0, &je);
	assert_non_null(it);
	assert_string_equal(json_string_value(json_object_get(it, "index_no")),
	    "11510422MB1234567Y/2025-00001");
	assert_string_equal(json_string_value(json_object_get(it, "state")), "published");
	assert_string_equal(json_string_value(json_object_get(it, "validity")), "有效");
	assert_string_equal(json_string_value(json_object_get(it, "category")), "机构职能");
	assert_string_equal(json_string_value(json_object_get(it, "paper_ref")), "");
	assert_null(json_object_get(it, "body"));
	json_decref(it);
	assert_non_null(strstr(s, "\"title\": \"机构职能\""));	/* UTF-8, indent 2 */
	free(s);
	/* The withdrawn one is there; the draft and the 2024 item are not. */
	s = slurp("11510422MB1234567Y_2025-00002/item.json", &len);
	assert_non_null(strstr(s, "\"state\": \"withdrawn\""));
	assert_non_null(strstr(s, "\"withdrawn_reason\": \"内容有误\""));
	free(s);
	snprintf(line, sizeof(line), "%s/11510422MB1234567Y_2025-00003", F.out);
	assert_int_not_equal(stat(line, &sb), 0);
	/* The review trail: submit (1), 分管领导审核 (2), 主要领导审定 (3), checks passed. */
	s = slurp("11510422MB1234567Y_2025-00001/reviews.json", &len);
	it = json_loadb(s, len, 0, &je);
	free(s);
	assert_non_null(it);
	f = json_array_get(it, json_array_size(it) - 1);
	assert_int_equal(json_integer_value(json_object_get(f, "level")), 3);
	assert_string_equal(json_string_value(json_object_get(f, "reviewer")), "a");
	assert_int_equal(json_integer_value(json_object_get(f, "check_secret")), 1);
	assert_string_equal(json_string_value(json_object_get(f, "decision")), "pass");
	json_decref(it);
	/* The audit entries of the item: create, submit, review, approve, publish. */
	s = slurp("11510422MB1234567Y_2025-00001/audit.json", &len);
	it = json_loadb(s, len, 0, &je);
	free(s);
	assert_int_equal(json_array_size(it), 5);
	assert_string_equal(json_string_value(json_object_get(json_array_get(it, 0),
	    "action")), "create");
	assert_int_equal(strlen(json_string_value(json_object_get(json_array_get(it,
	    4), "hash"))), 64);
	json_decref(it);

	/* The manifest: 2 items × 4 files, each with its real size and hash. */
	s = slurp("manifest.json", &len);
	gk_sha256(s, len, d);
	gk_sha256_hex(d, hex);
	t = slurp("manifest.sha256", &tlen);
	snprintf(line, sizeof(line), "%s  manifest.json\n", hex);
	assert_int_equal(tlen, strlen(line));
	assert_memory_equal(t, line, tlen);
	free(t);
	m = json_loadb(s, len, 0, &je);
	free(s);
	assert_non_null(m);
	assert_string_equal(json_string_value(json_object_get(m, "format")),
	    "gongkai-archive-v1");
	assert_int_equal(json_integer_value(json_object_get(m, "year")), 2025);
	assert_int_equal(json_integer_value(json_object_get(m, "item_count")), 2);
	assert_string_equal(json_string_value(json_object_get(m, "created")), NOW);
	assert_string_equal(json_string_value(json_object_get(json_object_get(m,
	    "agency"), "name")), "盐边县商务局");
	assert_int_equal(json_array_size(json_object_get(m, "files")), 8);
	f = json_array_get(json_object_get(m, "files"), 0);
	assert_string_equal(json_string_value(json_object_get(f, "path")),
	    "11510422MB1234567Y_2025-00001/audit.json");
	json_array_foreach(json_object_get(m, "files"), i, f) {
		t = slurp(json_string_value(json_object_get(f, "path")), &tlen);
		assert_int_equal(json_integer_value(json_object_get(f, "size")), tlen);
		gk_sha256(t, tlen, d);
		gk_sha256_hex(d, hex);
		assert_string_equal(json_string_value(json_object_get(f, "sha256")), hex);
		free(t);
	}
	json_decref(m);
	assert_int_equal(gk_archive_verify(F.out, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.files, 8);
	gk_archive_check_free(&c);
	rm_rf(F.out);
}

static void
test_tamper(void **state)
{
	struct gk_archive_check	 c;
	char			 p[512], err[512];
	FILE			*fp;

	(void)state;
	export_ok(2);
	/* One byte of body.md: "#" becomes "!". */
	snprintf(p, sizeof(p), "%s/11510422MB1234567Y_2025-00001/body.md", F.out);
	assert_non_null(fp = fopen(p, "r+b"));
	assert_int_equal(fputc('!', fp), '!');
	fclose(fp);
	snprintf(p, sizeof(p), "%s/11510422MB1234567Y_2025-00002/reviews.json", F.out);
	assert_int_equal(unlink(p), 0);
	snprintf(p, sizeof(p), "%s/11510422MB1234567Y_2025-00002/extra.txt", F.out);
	assert_non_null(fp = fopen(p, "wb"));
	fclose(fp);
	assert_int_equal(gk_archive_verify(F.out, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.n, 3);
	assert_int_equal(c.v[0].kind, GK_ARCHIVE_CHANGED);
	assert_string_equal(c.v[0].path, "11510422MB1234567Y_2025-00001/body.md");
	assert_int_equal(c.v[1].kind, GK_ARCHIVE_ADDED);
	assert_string_equal(c.v[1].path, "11510422MB1234567Y_2025-00002/extra.txt");
	assert_int_equal(c.v[2].kind, GK_ARCHIVE_REMOVED);
	assert_string_equal(c.v[2].path, "11510422MB1234567Y_2025-00002/reviews.json");
	gk_archive_check_free(&c);
	/* The manifest itself edited: named, against manifest.sha256. */
	snprintf(p, sizeof(p), "%s/manifest.json", F.out);
	assert_non_null(fp = fopen(p, "ab"));
	fputc(' ', fp);
	fclose(fp);
	assert_int_equal(gk_archive_verify(F.out, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.n, 4);
	assert_string_equal(c.v[3].path, "manifest.json");
	assert_int_equal(c.v[3].kind, GK_ARCHIVE_CHANGED);
	gk_archive_check_free(&c);
	rm_rf(F.out);
}

/* Entries of the fixture folder whose name starts with "out" (DIR, DIR.tmp-*). */
static int
leftovers(void)
{
	struct dirent	*de;
	DIR		*d;
	int		 n = 0;

	assert_non_null(d = opendir(F.dir));
	while ((de = readdir(d)) != NULL)
		n += strncmp(de->d_name, "out", 3) == 0;
	closedir(d);
	return n;
}

static void
test_refusals(void **state)
{
	struct gk_archive_check	 c;
	char			 p[512], err[512];
	struct stat		 sb;
	FILE			*fp;

	(void)state;
	/* A non-empty target: refused, the file in it untouched, no temp left. */
	assert_int_equal(mkdir(F.out, 0755), 0);
	snprintf(p, sizeof(p), "%s/keep", F.out);
	assert_non_null(fp = fopen(p, "wb"));
	fclose(fp);
	assert_int_equal(gk_archive_export(F.db, 2025, F.ag, F.out, NOW, NULL, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "不是空文件夹"));
	assert_int_equal(stat(p, &sb), 0);
	/* Not an archive: exit-2 cases. */
	assert_int_equal(gk_archive_verify(F.out, &c, err, sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "manifest.json"));
	assert_int_equal(gk_archive_verify(p, &c, err, sizeof(err)), GK_ENOTFOUND);
	rm_rf(F.out);
	/* An empty target is fine; a bad year and an unknown agency are not. */
	assert_int_equal(mkdir(F.out, 0755), 0);
	export_ok(2);
	rm_rf(F.out);
	assert_int_equal(gk_archive_export(F.db, 99, F.ag, F.out, NOW, NULL, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_archive_export(F.db, 2025, 99, F.out, NOW, NULL, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_not_equal(stat(F.out, &sb), 0);
	/*
	 * A failure part-way (the second item's folder collides with the
	 * first's once '/' became '_'): nothing left, neither DIR nor DIR.tmp-*.
	 */
	snprintf(p, sizeof(p), "UPDATE item SET index_no = "
	    "'11510422MB1234567Y_2025-00001' WHERE id = %lld", (long long)F.wd);
	sql(p);
	assert_int_equal(gk_archive_export(F.db, 2025, F.ag, F.out, NOW, NULL, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "11510422MB1234567Y_2025-00001"));
	assert_int_not_equal(stat(F.out, &sb), 0);
	assert_int_equal(leftovers(), 0);
	/* A year with nothing: an archive with only the manifest. */
	assert_int_equal(gk_archive_export(F.db, 2023, F.ag, F.out, NOW, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_archive_verify(F.out, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.n + c.files, 0);
	gk_archive_check_free(&c);
	rm_rf(F.out);
}

static void
test_hostile_paths(void **state)
{
	struct gk_archive_check	 c;
	char			 name[64], p[512], err[512], q[512];
	struct stat		 sb;
	FILE			*fp;

	(void)state;
	gk_archive_safe_name("../x", name, sizeof(name));
	assert_string_equal(name, "_._x");
	gk_archive_safe_name("..", name, sizeof(name));
	assert_string_equal(name, "_.");
	gk_archive_safe_name("a/b\\c\nd", name, sizeof(name));
	assert_string_equal(name, "a_b_c_d");
	gk_archive_safe_name("", name, sizeof(name));
	assert_string_equal(name, "_");
	/* Stored hostile values: a 索引号 and an attachment name. */
	snprintf(q, sizeof(q), "UPDATE item SET index_no = '../../escape' WHERE id = %lld",
	    (long long)F.pub);
	sql(q);
	snprintf(q, sizeof(q), "UPDATE item SET index_no = '..' WHERE id = %lld",
	    (long long)F.wd);
	sql(q);
	sql("INSERT INTO blob (hash, size, data) VALUES ("
	    "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 3, "
	    "CAST('abc' AS BLOB))");
	snprintf(q, sizeof(q), "INSERT INTO attachment (item_id, name, blob_hash, size, "
	    "mime, created_at) VALUES (%lld, '../../../evil.txt', "
	    "'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad', 3, "
	    "'text/plain', '2025-03-04')", (long long)F.pub);
	sql(q);
	export_ok(2);
	snprintf(p, sizeof(p), "%s/_._.._escape/body.md", F.out);
	assert_int_equal(stat(p, &sb), 0);
	snprintf(p, sizeof(p), "%s/_./item.json", F.out);
	assert_int_equal(stat(p, &sb), 0);
	snprintf(p, sizeof(p), "%s/_._.._escape/attachments/_._.._.._evil.txt", F.out);
	assert_int_equal(stat(p, &sb), 0);
	assert_int_equal(sb.st_size, 3);
	snprintf(p, sizeof(p), "%s/escape", F.dir);
	assert_int_not_equal(stat(p, &sb), 0);
	snprintf(p, sizeof(p), "/tmp/evil.txt");
	assert_int_not_equal(stat(p, &sb), 0);
	assert_int_equal(gk_archive_verify(F.out, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.n, 0);
	assert_int_equal(c.files, 9);
	gk_archive_check_free(&c);
	/* A manifest that names a path outside: not an archive. */
	snprintf(p, sizeof(p), "%s/manifest.json", F.out);
	assert_non_null(fp = fopen(p, "wb"));
	fputs("{\"format\": \"gongkai-archive-v1\", \"files\": [{\"path\": "
	    "\"../t.db\", \"size\": 1, \"sha256\": "
	    "\"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\"}]}", fp);
	fclose(fp);
	assert_int_equal(gk_archive_verify(F.out, &c, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "路径不安全"));
	rm_rf(F.out);
}

static int64_t
q_int(const char *q)
{
	return gk_test_int(F.db, q);
}

static void
test_paper_ref(void **state)
{
	static const char *const bad[] = {
		"a\tb", "a\nb", " 前导空格", "末尾空格 ", "\xff\xfe",
		/* 65 characters */
		"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十"
		"一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一二三四五",
	};
	const char	*ref = "2025-永久-001盒-03卷";
	json_t		*it;
	json_error_t	 je;
	char		 err[512], *s, big[80];
	int64_t		 entries, draft;
	size_t		 len, i;
	enum gk_err	 e = GK_OK;

	(void)state;
	draft = q_int("SELECT id FROM item WHERE state = 'draft' LIMIT 1");
	entries = q_int("SELECT count(*) FROM audit");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(gk_archive_set_paper_ref(F.db, "o", F.pub, bad[i], NOW,
		    err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "至多 64 个字符"));
	/* 64 characters are fine (checked below with a real one). */
	memset(big, 'x', 64);
	big[64] = '\0';
	assert_int_equal(gk_archive_set_paper_ref(F.db, "o", 9999, ref, NOW, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_archive_set_paper_ref(F.db, "o", draft, ref, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "尚未公开"));
	/* A drafter is a user but neither officer nor admin. */
	assert_int_equal(gk_archive_set_paper_ref(F.db, "d", F.pub, ref, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "无权"));
	/* No actor: the audit append fails and the row change is rolled back. */
	assert_int_equal(gk_archive_set_paper_ref(F.db, "", F.pub, ref, NOW, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(q_int("SELECT count(*) FROM item WHERE paper_ref != ''"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), entries);

	assert_int_equal(gk_archive_set_paper_ref(F.db, "o", F.pub, ref, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_archive_set_paper_ref(F.db, "o", F.pub, ref, NOW, err,
	    sizeof(err)), GK_ECONFLICT);	/* unchanged */
	assert_int_equal(gk_archive_set_paper_ref(F.db, "cli:root", F.wd, big, NOW,
	    err, sizeof(err)), GK_OK);	/* withdrawn items too; the operator */
	assert_int_equal(q_int("SELECT count(*) FROM audit"), entries + 2);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE entity = 'item' AND "
	    "action = 'paper_ref' AND actor = 'o' AND change = "
	    "'{\"old\":\"\",\"paper_ref\":\"2025-永久-001盒-03卷\"}'"), 1);

	/* The export carries it, and its audit entry. */
	export_ok(2);
	s = slurp("11510422MB1234567Y_2025-00001/item.json", &len);
	it = json_loadb(s, len, 0, &je);
	assert_non_null(it);
	assert_string_equal(json_string_value(json_object_get(it, "paper_ref")), ref);
	json_decref(it);
	free(s);
	s = slurp("11510422MB1234567Y_2025-00001/audit.json", &len);
	assert_non_null(strstr(s, "paper_ref"));
	free(s);

	/* Cleared with "" (or NULL); audited again. */
	assert_int_equal(gk_archive_set_paper_ref(F.db, "o", F.pub, "", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_archive_set_paper_ref(F.db, "o", F.pub, NULL, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(q_int("SELECT count(*) FROM item WHERE paper_ref != ''"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), entries + 3);

	/* Every allocation failing in turn: GK_ENOMEM and nothing written. */
	json_set_alloc_funcs(gk_malloc, gk_free);
	for (i = 0; i < 1000; i++) {
		gk_mem_fail_after((long)i);
		e = gk_archive_set_paper_ref(F.db, "o", F.pub, ref, NOW, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("paper_ref, allocation %zu: %s (%s)", i, gk_strerror(e), err);
		assert_int_equal(q_int("SELECT count(*) FROM item WHERE paper_ref != ''"), 1);
		assert_int_equal(q_int("SELECT count(*) FROM audit"), entries + 3);
		assert_false(gk_db_in_tx(F.db));
	}
	json_set_alloc_funcs(malloc, free);
	assert_true(i > 0);
	assert_int_equal(e, GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), entries + 4);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_export_and_manifest, setup, teardown),
	cmocka_unit_test_setup_teardown(test_tamper, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	cmocka_unit_test_setup_teardown(test_hostile_paths, setup, teardown),
	cmocka_unit_test_setup_teardown(test_paper_ref, setup, teardown),
};

GK_TEST_MAIN("archive", tests)
