/*
 * test_store_user.c — users and category trees in the store: add, list and
 * get users; duplicate logins, unknown roles, missing agencies and bad
 * input refused with nothing written; the password policy (cases worked
 * out by hand from the rule: >= 10 characters, >= 3 of lower, upper,
 * digit, other); argon2id hashes that verify and refuse; the "must change"
 * flag; audit entries for every change that never contain the password or
 * its hash; every injected allocation failure leaving nothing written;
 * seeding an agency's category tree (idempotent), lookup by path, adding
 * children. Schema v3: several roles per user, migration from v2 with data
 * (the '!' prefix becomes must_change, users.role a user_role row, codes
 * and kinds filled), from v1 and from empty; custom category codes and
 * kinds; agency settings (pattern, timeliness overrides) validated and
 * audited.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "harness.h"
#include "core/timeliness.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/user.h"

#define NOW	"2026-03-01T09:00:00+08:00"
#define PW1	"Yanbian#2026a"
#define PW2	"Panzhihua-88X"

struct tdb {
	char		 dir[64];
	char		 path[128];
	struct gk_db	*db;
};

/* A fresh database with agency 1 (甲局) and 2 (乙局). */
static void
topen(struct tdb *t)
{
	char	err[512];
	int64_t	id;

	snprintf(t->dir, sizeof(t->dir), "/tmp/gk-user-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	if (gk_db_open(t->path, &t->db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	if (gk_agency_add(t->db, "admin", "甲局", "11441700007280420Y", 0, "县级", NOW,
	    &id, err, sizeof(err)) != GK_OK)
		fail_msg("agency: %s", err);
	if (gk_agency_add(t->db, "admin", "乙局", "11370812004339255B", 0, "县级", NOW,
	    &id, err, sizeof(err)) != GK_OK)
		fail_msg("agency: %s", err);
	gk_user_pwhash_fast(1);
}

static void
tclose(struct tdb *t)
{
	char cmd[160];

	gk_db_close(t->db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	gk_user_pwhash_fast(0);
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
counts(struct gk_db *db, int64_t users, int64_t entries)
{
	assert_int_equal(q_int(db, "SELECT count(*) FROM users"), users);
	assert_int_equal(q_int(db, "SELECT count(*) FROM audit"), entries);
}

static void
chain_ok(struct gk_db *db)
{
	struct gk_audit_result	r;
	char			err[256];

	if (gk_audit_verify(db, &r, err, sizeof(err)) != GK_OK)
		fail_msg("verify: %s", err);
	if (r.fault != GK_AUDIT_INTACT)
		fail_msg("chain broken: %s", r.msg);
}

static unsigned
roles_of(const char *s)
{
	unsigned	r;
	char		err[256];

	if (gk_user_roles_parse(s, &r, err, sizeof(err)) != GK_OK)
		fail_msg("roles %s: %s", s, err);
	return r;
}

/* ---- users ---- */

static void
test_user_add_list_get(void **state)
{
	struct tdb		 t;
	struct gk_user		 u;
	struct gk_user_list	 l;
	char			 err[512], buf[64];
	int64_t			 id1, id2, id3;

	(void)state;
	topen(&t);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "zhang.san", "张三",
	    roles_of("drafter"), PW1, NOW, &id1, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li-si@yb", "李四",
	    roles_of("approver"), NULL, NOW, &id2, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_add(t.db, "admin", 2, "wang", "王五",
	    roles_of("office"), PW2, NOW, &id3, err, sizeof(err)), GK_OK);
	assert_int_equal(id1, 1);
	assert_int_equal(id2, 2);
	assert_int_equal(id3, 3);
	counts(t.db, 3, 5);

	assert_int_equal(gk_user_get(t.db, id1, &u, err, sizeof(err)), GK_OK);
	assert_string_equal(u.login, "zhang.san");
	assert_string_equal(u.display_name, "张三");
	assert_int_equal(u.agency_id, 1);
	assert_int_equal(u.roles, WF_ROLE_BIT(WF_ROLE_DRAFTER));
	assert_true(u.active);
	assert_true(u.has_password);
	assert_true(u.must_change);
	assert_string_equal(u.created_at, NOW);
	gk_user_clear(&u);

	assert_int_equal(gk_user_get_by_login(t.db, "li-si@yb", &u, err, sizeof(err)), GK_OK);
	assert_int_equal(u.id, id2);
	assert_int_equal(u.roles, WF_ROLE_BIT(WF_ROLE_APPROVER));
	assert_false(u.has_password);
	assert_false(u.must_change);
	gk_user_clear(&u);
	assert_int_equal(gk_user_get(t.db, 99, &u, err, sizeof(err)), GK_ENOTFOUND);
	assert_string_equal(err, "用户 #99 不存在");
	assert_int_equal(gk_user_get_by_login(t.db, "nobody", &u, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_string_equal(err, "用户 nobody 不存在");

	assert_int_equal(gk_user_list(t.db, 1, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_string_equal(l.v[0].login, "zhang.san");
	assert_string_equal(l.v[1].login, "li-si@yb");
	gk_user_list_free(&l);
	assert_int_equal(gk_user_list(t.db, 2, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].login, "wang");
	gk_user_list_free(&l);
	assert_int_equal(gk_user_list(t.db, 0, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 3);
	gk_user_list_free(&l);
	assert_int_equal(gk_user_list(t.db, 7, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);

	/* Role names and formatting. */
	gk_user_roles_format(WF_ROLE_BIT(WF_ROLE_REVIEWER) | WF_ROLE_BIT(WF_ROLE_ADMIN),
	    buf, sizeof(buf));
	assert_string_equal(buf, "reviewer,admin");
	assert_int_equal(roles_of("admin,reviewer"),
	    WF_ROLE_BIT(WF_ROLE_REVIEWER) | WF_ROLE_BIT(WF_ROLE_ADMIN));
	chain_ok(t.db);
	tclose(&t);
}

static void
test_user_rejections_write_nothing(void **state)
{
	struct tdb	 t;
	char		 err[512], login[80], name[400];
	unsigned	 r;
	int64_t		 id;
	size_t		 i;

	(void)state;
	topen(&t);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "zhang", "张三",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_OK);
	counts(t.db, 1, 3);

	/* Duplicate login, also across agencies. */
	assert_int_equal(gk_user_add(t.db, "admin", 2, "zhang", "张三丰",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_ECONFLICT);
	assert_string_equal(err, "登录名 zhang 已被使用（用户编号 1）");
	assert_int_equal(id, 0);
	/* Unknown or malformed roles. */
	assert_int_equal(gk_user_roles_parse("boss", &r, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "未知的角色 'boss'"));
	assert_int_equal(gk_user_roles_parse("drafter,Reviewer", &r, err, sizeof(err)),
	    GK_EINVAL);
	assert_non_null(strstr(err, "'Reviewer'"));
	assert_int_equal(gk_user_roles_parse("drafter,", &r, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_roles_parse("", &r, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", "李四", 0, PW1, NOW, &id,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", "李四", 1u << 20, PW1, NOW,
	    &id, err, sizeof(err)), GK_EINVAL);
	/* The agency must exist. */
	assert_int_equal(gk_user_add(t.db, "admin", 9, "li", "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_ENOTFOUND);
	assert_string_equal(err, "机构编号 9 不存在");
	assert_int_equal(gk_user_add(t.db, "admin", 0, "li", "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	/* Logins. */
	assert_int_equal(gk_user_add(t.db, "admin", 1, "", "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "登录名"));
	assert_int_equal(gk_user_add(t.db, "admin", 1, "-li", "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li si", "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "李四", "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	memset(login, 'a', 65);
	login[65] = '\0';
	assert_int_equal(gk_user_add(t.db, "admin", 1, login, "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	/* Names: empty, control character, broken UTF-8, 101 characters. */
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", "",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "姓名"));
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", "李\n四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", "李\xe5\x9b",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	for (i = 0; i < 101 * 3; i += 3)
		memcpy(name + i, "李", 3);
	name[101 * 3] = '\0';
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", name,
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	/* A weak initial password. */
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", "李四",
	    roles_of("drafter"), "password", NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "密码"));
	/* No actor: the audit append fails after the insert; both roll back. */
	assert_int_equal(gk_user_add(t.db, "", 1, "li", "李四",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_EINVAL);
	assert_false(gk_db_in_tx(t.db));
	counts(t.db, 1, 3);

	name[100 * 3] = '\0';	/* exactly 100 characters is allowed */
	memset(login, 'a', 64);
	login[64] = '\0';
	assert_int_equal(gk_user_add(t.db, "admin", 1, login, name,
	    roles_of("officer"), NULL, NOW, &id, err, sizeof(err)), GK_OK);
	counts(t.db, 2, 4);
	chain_ok(t.db);
	tclose(&t);
}

/* Each case worked out from the rule, not from the code's output. */
static void
test_password_policy(void **state)
{
	char	err[512], pw[17], prev[17];
	int	i;

	(void)state;
	assert_int_equal(gk_user_password_check("Abc1!", err, sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "密码太短：至少 10 个字符（现有 5 个）");
	assert_int_equal(gk_user_password_check("abcdefghij", err, sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "密码太弱：须包含小写字母、大写字母、数字、其他字符中至少 3 类"
	    "（缺少：大写字母、数字、其他字符）");
	assert_int_equal(gk_user_password_check("abcdefghi1", err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "（缺少：大写字母、其他字符）"));
	assert_int_equal(gk_user_password_check("ABCDEFGHI!", err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "（缺少：小写字母、数字）"));
	assert_int_equal(gk_user_password_check("abc", err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "至少 10 个字符（现有 3 个）"));
	assert_non_null(strstr(err, "缺少：大写字母、数字、其他字符"));
	assert_int_equal(gk_user_password_check("abcdefg1A", err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "现有 9 个"));
	assert_int_equal(gk_user_password_check("", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_password_check(NULL, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_password_check("abcdefgh1A\x01", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_password_check("abcdefgh1A\xff", err, sizeof(err)), GK_EINVAL);
	/* Characters, not bytes: 7 characters in 17 bytes is too short. */
	assert_int_equal(gk_user_password_check("密码密码Ab1", err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "现有 7 个"));

	assert_int_equal(gk_user_password_check("abcdefgh1A", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_password_check("abcdefgh1!", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_password_check("ABCDEFGH1!", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_password_check("abcdefghA!", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_password_check("密码密码密码密码Ab1", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_password_check(PW1, err, sizeof(err)), GK_OK);

	/* Generated passwords: 16 characters, pass the policy, differ. */
	assert_int_equal(gk_user_password_generate(pw, 8), GK_EINVAL);
	prev[0] = '\0';
	for (i = 0; i < 200; i++) {
		assert_int_equal(gk_user_password_generate(pw, sizeof(pw)), GK_OK);
		assert_int_equal(strlen(pw), 16);
		assert_int_equal(gk_user_password_check(pw, err, sizeof(err)), GK_OK);
		assert_string_not_equal(pw, prev);
		memcpy(prev, pw, sizeof(pw));
	}
}

static void
test_password_hash_verify(void **state)
{
	struct tdb	 t;
	struct gk_user	 u;
	char		 err[512], hash[256];
	int64_t		 id, vid;
	int		 mc;

	(void)state;
	topen(&t);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "zhang", "张三",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_OK);
	q_text(t.db, "SELECT password_hash FROM users WHERE id = 1", hash, sizeof(hash));
	assert_memory_equal(hash, "$argon2id$", 10);	/* bare argon2id string */
	assert_int_equal(q_int(t.db, "SELECT must_change FROM users WHERE id = 1"), 1);
	assert_null(strstr(hash, PW1));

	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, &vid, &mc, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(vid, id);
	assert_true(mc);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", "Yanbian#2026b", &vid,
	    &mc, err, sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "用户 zhang 的密码错误");
	assert_int_equal(vid, 0);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", "", NULL, NULL, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_verify_password(t.db, "nobody", PW1, NULL, NULL, err,
	    sizeof(err)), GK_ENOTFOUND);
	counts(t.db, 1, 3);

	/* passwd: wrong old, same as old, weak new — nothing written. */
	assert_int_equal(gk_user_passwd(t.db, "zhang", "zhang", PW2, PW2, NOW, err,
	    sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "用户 zhang 的密码错误");
	assert_int_equal(gk_user_passwd(t.db, "zhang", "zhang", PW1, PW1, NOW, err,
	    sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "新密码不能与原密码相同");
	assert_int_equal(gk_user_passwd(t.db, "zhang", "zhang", PW1, "short1A", NOW, err,
	    sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "密码太短"));
	counts(t.db, 1, 3);
	/* Only the user themselves: another actor (even with the right old password) is refused. */
	assert_int_equal(gk_user_passwd(t.db, "", "zhang", PW1, PW2, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "只有用户 zhang 本人"));
	assert_int_equal(gk_user_passwd(t.db, "admin", "zhang", PW1, PW2, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	counts(t.db, 1, 3);
	/* No actor on a reset: the audit append fails; the new hash is rolled back too. */
	assert_int_equal(gk_user_set_password(t.db, "", "zhang", PW2, NOW, err,
	    sizeof(err)), GK_EINVAL);
	counts(t.db, 1, 3);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, NULL, &mc, err,
	    sizeof(err)), GK_OK);

	assert_int_equal(gk_user_passwd(t.db, "zhang", "zhang", PW1, PW2, NOW, err,
	    sizeof(err)), GK_OK);
	counts(t.db, 1, 4);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, NULL, NULL, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW2, NULL, &mc, err,
	    sizeof(err)), GK_OK);
	assert_false(mc);
	assert_int_equal(gk_user_get(t.db, id, &u, err, sizeof(err)), GK_OK);
	assert_false(u.must_change);
	gk_user_clear(&u);

	/* An administrator's reset is an initial password again. */
	assert_int_equal(gk_user_set_password(t.db, "admin", "zhang", PW1, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, NULL, &mc, err,
	    sizeof(err)), GK_OK);
	assert_true(mc);
	counts(t.db, 1, 5);

	/* No password yet: nothing verifies. */
	assert_int_equal(gk_user_add(t.db, "admin", 1, "li", "李四",
	    roles_of("reviewer"), NULL, NOW, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_verify_password(t.db, "li", "", NULL, NULL, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_verify_password(t.db, "li", PW1, NULL, NULL, err,
	    sizeof(err)), GK_EINVAL);

	/* Deactivated: cannot log in, change or be deactivated again. */
	assert_int_equal(gk_user_deactivate(t.db, "admin", "zhang", NOW, err,
	    sizeof(err)), GK_OK);
	counts(t.db, 2, 7);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, NULL, NULL, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_string_equal(err, "用户 zhang 已停用");
	assert_int_equal(gk_user_passwd(t.db, "zhang", "zhang", PW1, PW2, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_set_password(t.db, "admin", "zhang", PW2, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_deactivate(t.db, "admin", "zhang", NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_deactivate(t.db, "admin", "nobody", NOW, err,
	    sizeof(err)), GK_ENOTFOUND);
	counts(t.db, 2, 7);
	chain_ok(t.db);
	tclose(&t);
}

/* The production limits (INTERACTIVE) and the fast ones both verify. */
static void
test_password_interactive_limits(void **state)
{
	struct tdb	t;
	char		err[512], hash[256];
	int64_t		id;

	(void)state;
	topen(&t);
	gk_user_pwhash_fast(0);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "zhang", "张三",
	    roles_of("drafter"), PW1, NOW, &id, err, sizeof(err)), GK_OK);
	q_text(t.db, "SELECT password_hash FROM users WHERE id = 1", hash, sizeof(hash));
	/* crypto_pwhash_MEMLIMIT_INTERACTIVE = 64 MiB, OPSLIMIT_INTERACTIVE = 2. */
	assert_non_null(strstr(hash, "$m=65536,t=2,"));
	gk_user_pwhash_fast(1);
	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, NULL, NULL, err,
	    sizeof(err)), GK_OK);
	tclose(&t);
}

/* Every change is in the chain; no entry holds a password or a hash. */
static void
test_audit_has_no_password(void **state)
{
	struct tdb	 t;
	sqlite3_stmt	*st;
	char		 err[512], pw[17];
	const char	*c;
	int64_t		 id;
	int		 n = 0;

	(void)state;
	topen(&t);
	assert_int_equal(gk_user_password_generate(pw, sizeof(pw)), GK_OK);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "zhang", "张三",
	    roles_of("drafter"), pw, NOW, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_passwd(t.db, "zhang", "zhang", pw, PW1, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_user_set_password(t.db, "admin", "zhang", PW2, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_user_deactivate(t.db, "admin", "zhang", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(sqlite3_prepare_v2(gk_db_sqlite(t.db), "SELECT entity, "
	    "entity_id, action, change, actor FROM audit WHERE entity = 'user' ORDER BY seq",
	    -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		static const char *const actions[] = { "create", "passwd",
		    "reset_password", "deactivate" };
		static const char *const actors[] = { "admin", "zhang", "admin", "admin" };

		assert_true(n < 4);
		assert_int_equal(sqlite3_column_int64(st, 1), id);
		assert_string_equal((const char *)sqlite3_column_text(st, 2), actions[n]);
		assert_string_equal((const char *)sqlite3_column_text(st, 4), actors[n]);
		c = (const char *)sqlite3_column_text(st, 3);
		assert_null(strstr(c, pw));
		assert_null(strstr(c, PW1));
		assert_null(strstr(c, PW2));
		assert_null(strstr(c, "argon2"));
		assert_null(strstr(c, "hash"));
		n++;
	}
	sqlite3_finalize(st);
	assert_int_equal(n, 4);
	c = NULL;
	{
		char first[512];

		q_text(t.db, "SELECT change FROM audit WHERE entity = 'user' ORDER BY seq "
		    "LIMIT 1", first, sizeof(first));
		assert_string_equal(first, "{\"active\":true,\"agency_id\":1,"
		    "\"display_name\":\"张三\",\"id\":1,\"login\":\"zhang\","
		    "\"must_change\":true,\"password_set\":true,\"roles\":\"drafter\"}");
	}
	chain_ok(t.db);
	tclose(&t);
}

/* Every allocation in add, passwd, set_roles and deactivate failing in turn. */
static void
test_user_alloc_failures(void **state)
{
	struct tdb	 t;
	char		 err[512];
	enum gk_err	 e = GK_OK;
	int64_t		 id;
	long		 n;

	(void)state;
	topen(&t);
	json_set_alloc_funcs(gk_malloc, gk_free);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_user_add(t.db, "admin", 1, "zhang", "张三", roles_of("drafter"),
		    PW1, NOW, &id, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("add, allocation %ld: %s (%s)", n, gk_strerror(e), err);
		counts(t.db, 0, 2);
		assert_false(gk_db_in_tx(t.db));
	}
	assert_true(n > 0);
	assert_int_equal(e, GK_OK);
	counts(t.db, 1, 3);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_user_passwd(t.db, "zhang", "zhang", PW1, PW2, NOW, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("passwd, allocation %ld: %s (%s)", n, gk_strerror(e), err);
		counts(t.db, 1, 3);
		assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, NULL, NULL,
		    err, sizeof(err)), GK_OK);
	}
	assert_int_equal(e, GK_OK);
	counts(t.db, 1, 4);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_user_set_roles(t.db, "admin", "zhang", roles_of("drafter,officer"),
		    NOW, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("set_roles, allocation %ld: %s (%s)", n, gk_strerror(e), err);
		assert_int_equal(q_int(t.db, "SELECT count(*) FROM user_role"), 1);
		counts(t.db, 1, 4);
	}
	assert_int_equal(e, GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM user_role"), 2);
	counts(t.db, 1, 5);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_user_deactivate(t.db, "admin", "zhang", NOW, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("deactivate, allocation %ld: %s (%s)", n, gk_strerror(e), err);
		assert_int_equal(q_int(t.db, "SELECT active FROM users"), 1);
		counts(t.db, 1, 5);
	}
	assert_int_equal(e, GK_OK);
	counts(t.db, 1, 6);
	json_set_alloc_funcs(malloc, free);
	chain_ok(t.db);
	tclose(&t);
}

/* ---- categories ---- */

static void
test_category_seed_lookup(void **state)
{
	struct tdb		 t;
	struct gk_category_list	 l;
	char			 err[512], name[80];
	int64_t			 id, gz, zcwj, other, child, deep;
	size_t			 i;

	(void)state;
	topen(&t);
	/* 14 categories in the default tree: 8 at the top, 3 + 3 below. */
	assert_int_equal(gk_category_seed_defaults(t.db, 1, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM category WHERE agency_id = 1"), 14);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM category WHERE parent_id IS NULL"), 8);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit WHERE entity = 'category'"), 14);
	/* Idempotent. */
	assert_int_equal(gk_category_seed_defaults(t.db, 1, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM category"), 14);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit"), 16);
	/* A missing default is filled in, nothing else. */
	assert_int_equal(sqlite3_exec(gk_db_sqlite(t.db), "DELETE FROM category WHERE "
	    "name = '三公经费'", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(gk_category_seed_defaults(t.db, 1, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM category"), 14);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit"), 17);
	assert_int_equal(gk_category_seed_defaults(t.db, 9, "admin", NOW, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_string_equal(err, "机构编号 9 不存在");

	assert_int_equal(gk_category_lookup(t.db, 1, "政策文件/规章", &gz, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gz, q_int(t.db, "SELECT id FROM category WHERE name = '规章'"));
	assert_int_equal(gk_category_lookup(t.db, 1, "政策文件", &zcwj, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT parent_id FROM category WHERE name = '规章'"),
	    zcwj);
	assert_int_equal(gk_category_lookup(t.db, 1, "规章", &id, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_category_lookup(t.db, 1, "政策文件/预算", &id, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_string_equal(err, "机构 1 没有栏目 '政策文件/预算'");
	assert_int_equal(gk_category_lookup(t.db, 1, "其它/规章", &id, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_string_equal(err, "机构 1 没有栏目 '其它'");
	assert_int_equal(gk_category_lookup(t.db, 1, "/规章", &id, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(gk_category_lookup(t.db, 1, "政策文件/", &id, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(gk_category_lookup(t.db, 1, "", &id, err, sizeof(err)), GK_EINVAL);
	/* Agency 2 has no tree until seeded, then its own. */
	assert_int_equal(gk_category_lookup(t.db, 2, "政策文件/规章", &id, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_category_seed_defaults(t.db, 2, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_lookup(t.db, 2, "政策文件/规章", &id, err,
	    sizeof(err)), GK_OK);
	assert_true(id != gz);

	/* Adding children. */
	assert_int_equal(gk_category_add(t.db, "admin", 1, zcwj, "地方性法规", NOW,
	    &child, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_lookup(t.db, 1, "政策文件/地方性法规", &id, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(id, child);
	assert_int_equal(gk_category_add(t.db, "admin", 1, zcwj, "规章", NOW, &id, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "同级已有栏目 '规章'"));
	assert_int_equal(gk_category_add(t.db, "admin", 1, zcwj, "a/b", NOW, &id, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_category_add(t.db, "admin", 1, zcwj, "", NOW, &id, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_category_add(t.db, "admin", 1, zcwj, "a\tb", NOW, &id, err,
	    sizeof(err)), GK_EINVAL);
	memset(name, 'x', 65);
	name[65] = '\0';
	assert_int_equal(gk_category_add(t.db, "admin", 1, zcwj, name, NOW, &id, err,
	    sizeof(err)), GK_EINVAL);
	/* A parent of another agency, or none. */
	assert_int_equal(gk_category_lookup(t.db, 2, "政策文件", &other, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_add(t.db, "admin", 1, other, "地方标准", NOW, &id,
	    err, sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "不属于机构 1"));
	assert_int_equal(gk_category_add(t.db, "admin", 1, 9999, "地方标准", NOW, &id,
	    err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_category_add(t.db, "admin", 9, 0, "地方标准", NOW, &id,
	    err, sizeof(err)), GK_ENOTFOUND);
	/* Depth: top + 3 levels below is the most (GK_CATEGORY_DEPTH_MAX = 4 levels). */
	assert_int_equal(gk_category_add(t.db, "admin", 1, child, "第三级", NOW, &deep,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_add(t.db, "admin", 1, deep, "第四级", NOW, &deep,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_add(t.db, "admin", 1, deep, "第五级", NOW, &id,
	    err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "不能超过 4 级"));
	assert_int_equal(gk_category_add(t.db, "admin", 1, 0, "专项公开", NOW, &id, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_lookup(t.db, 1, "政策文件/地方性法规/第三级/第四级",
	    &id, err, sizeof(err)), GK_OK);
	assert_int_equal(id, deep);

	/* The list, in tree order, with default codes and kinds. */
	assert_int_equal(gk_category_list(t.db, 1, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 18);
	assert_string_equal(l.v[0].path, "机构职能");
	assert_string_equal(l.v[0].code, "jgzn");
	assert_string_equal(l.v[1].path, "政策文件");
	assert_string_equal(l.v[2].path, "政策文件/规章");
	assert_string_equal(l.v[2].code, "zcwj-gz");
	assert_int_equal(l.v[2].kind, CATEGORY_KIND_POLICY);
	assert_int_equal(l.v[2].depth, 1);
	assert_int_equal(l.v[2].parent_id, zcwj);
	assert_string_equal(l.v[4].path, "政策文件/其他文件");
	assert_string_equal(l.v[5].path, "政策文件/地方性法规");
	assert_string_equal(l.v[5].code, "");
	assert_int_equal(l.v[5].kind, CATEGORY_KIND_POLICY);	/* the parent's */
	assert_string_equal(l.v[7].path, "政策文件/地方性法规/第三级/第四级");
	assert_int_equal(l.v[7].depth, 3);
	assert_string_equal(l.v[8].path, "政策解读");
	assert_int_equal(l.v[8].kind, CATEGORY_KIND_INTERP);
	assert_string_equal(l.v[12].path, "财政信息/决算");
	assert_string_equal(l.v[13].path, "财政信息/三公经费");	/* re-seeded at its sort */
	assert_string_equal(l.v[16].path, "其他");
	assert_string_equal(l.v[17].path, "专项公开");
	assert_int_equal(l.v[17].kind, CATEGORY_KIND_OTHER);
	for (i = 0; i < l.n; i++)
		assert_non_null(l.v[i].name);
	gk_category_list_free(&l);
	assert_int_equal(gk_category_list(t.db, 7, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);
	chain_ok(t.db);
	tclose(&t);
}

static void
test_category_alloc_failures(void **state)
{
	struct tdb			 t;
	struct gk_category_list		 l;
	char				 err[512];
	enum gk_err			 e = GK_OK;
	int64_t				 id;
	long				 n;

	(void)state;
	topen(&t);
	json_set_alloc_funcs(gk_malloc, gk_free);
	for (n = 0; n < 5000; n++) {
		gk_mem_fail_after(n);
		e = gk_category_seed_defaults(t.db, 1, "admin", NOW, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("seed, allocation %ld: %s (%s)", n, gk_strerror(e), err);
		assert_int_equal(q_int(t.db, "SELECT count(*) FROM category"), 0);
		assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit"), 2);
		assert_false(gk_db_in_tx(t.db));
	}
	assert_int_equal(e, GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM category"), 14);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_category_add(t.db, "admin", 1, 0, "专项公开", NOW, &id, err,
		    sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(e, GK_ENOMEM);
		assert_int_equal(q_int(t.db, "SELECT count(*) FROM category"), 14);
	}
	assert_int_equal(e, GK_OK);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_category_list(t.db, 1, &l, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(e, GK_ENOMEM);
		assert_null(l.v);
	}
	assert_int_equal(e, GK_OK);
	assert_int_equal(l.n, 15);
	gk_category_list_free(&l);
	json_set_alloc_funcs(malloc, free);
	chain_ok(t.db);
	tclose(&t);
}

/* Schema v3: a user holds several roles; the set can be replaced. */
static void
test_several_roles(void **state)
{
	struct tdb	t;
	struct gk_user	u;
	char		err[512], buf[GK_USER_ROLES_MAX];
	int64_t		id;

	(void)state;
	topen(&t);
	assert_int_equal(gk_user_add(t.db, "admin", 1, "zhao", "赵六",
	    roles_of("reviewer,officer"), PW1, NOW, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM user_role WHERE user_id = 1"), 2);
	assert_int_equal(gk_user_get_by_login(t.db, "zhao", &u, err, sizeof(err)), GK_OK);
	assert_int_equal(u.roles, WF_ROLE_BIT(WF_ROLE_REVIEWER) | WF_ROLE_BIT(WF_ROLE_OFFICER));
	assert_true(u.must_change);
	gk_user_roles_format(u.roles, buf, sizeof(buf));
	assert_string_equal(buf, "reviewer,officer");
	gk_user_clear(&u);

	/* Replace the set; an empty or unknown set, or a missing login, changes nothing. */
	assert_int_equal(gk_user_set_roles(t.db, "admin", "zhao", 0, NOW, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_set_roles(t.db, "admin", "zhao", 1u << 20, NOW, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_user_set_roles(t.db, "admin", "nobody",
	    roles_of("drafter"), NOW, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM user_role"), 2);
	assert_int_equal(gk_user_set_roles(t.db, "admin", "zhao",
	    roles_of("drafter,approver,admin"), NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_get(t.db, id, &u, err, sizeof(err)), GK_OK);
	assert_int_equal(u.roles, WF_ROLE_BIT(WF_ROLE_DRAFTER) |
	    WF_ROLE_BIT(WF_ROLE_APPROVER) | WF_ROLE_BIT(WF_ROLE_ADMIN));
	gk_user_clear(&u);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit WHERE entity = 'user' "
	    "AND action = 'set_roles' AND change = '{\"old\":\"reviewer,officer\","
	    "\"roles\":\"drafter,approver,admin\"}'"), 1);
	chain_ok(t.db);
	tclose(&t);
}

/* A user of agency ag with roles, no password. */
static void
add_user(struct tdb *t, int64_t ag, const char *login, const char *roles)
{
	char err[512];

	if (gk_user_add(t->db, "admin", ag, login, login, roles_of(roles), NULL, NOW,
	    NULL, err, sizeof(err)) != GK_OK)
		fail_msg("add %s: %s", login, err);
}

static unsigned
roles_now(struct tdb *t, const char *login)
{
	struct gk_user	u;
	char		err[512];
	unsigned	r;

	if (gk_user_get_by_login(t->db, login, &u, err, sizeof(err)) != GK_OK)
		fail_msg("get %s: %s", login, err);
	r = u.roles;
	gk_user_clear(&u);
	return r;
}

/*
 * Who may administer whom: an actor that is no user's login is the
 * operator (trusted); a user must be an active admin of the target's
 * agency (or its parent, for roles/deactivate/settings; not for a reset).
 * Every refusal writes nothing.
 */
static void
test_authorisation(void **state)
{
	struct tdb	t;
	char		err[512], buf[64];
	int64_t		entries, id;

	(void)state;
	topen(&t);
	/* Agency 3 (丙局) under agency 1 (甲局). */
	assert_int_equal(gk_agency_add(t.db, "admin", "丙局", "91510422023623005L", 1,
	    "乡级", NOW, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(id, 3);
	add_user(&t, 1, "boss1", "admin");
	add_user(&t, 2, "boss2", "admin");
	add_user(&t, 3, "boss3", "admin");
	add_user(&t, 3, "clerk3", "drafter");
	add_user(&t, 1, "clerk1", "drafter,officer");
	entries = q_int(t.db, "SELECT count(*) FROM audit");

	/* Allowed: operator, own agency, parent; refused: other agency, child, non-admin. */
	assert_int_equal(gk_user_authorize(t.db, "cli:root", 1, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    0, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_authorize(t.db, "nobody", 1, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    0, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_authorize(t.db, "boss1", 1, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    0, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_authorize(t.db, "boss1", 3, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    1, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_authorize(t.db, "boss1", 3, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    0, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_authorize(t.db, "boss3", 1, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    1, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_authorize(t.db, "boss2", 1, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    1, err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "用户 boss2 无权执行此操作"));
	assert_int_equal(gk_user_authorize(t.db, "clerk1", 1, WF_ROLE_BIT(WF_ROLE_ADMIN),
	    1, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_authorize(t.db, "clerk1", 1, WF_ROLE_BIT(WF_ROLE_OFFICER) |
	    WF_ROLE_BIT(WF_ROLE_ADMIN), 0, err, sizeof(err)), GK_OK);

	/* Refusals through the store functions: nothing written. */
	assert_int_equal(gk_user_add(t.db, "clerk1", 1, "newbie", "新人",
	    roles_of("admin"), NULL, NOW, NULL, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_add(t.db, "boss2", 1, "newbie", "新人",
	    roles_of("drafter"), NULL, NOW, NULL, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_set_roles(t.db, "boss2", "clerk1", roles_of("reviewer"),
	    NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_set_roles(t.db, "clerk1", "clerk1", roles_of("admin"),
	    NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_set_roles(t.db, "boss3", "clerk1", roles_of("admin"),
	    NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_deactivate(t.db, "boss2", "clerk1", NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_set_password(t.db, "boss2", "clerk1", PW1, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	/* A reset needs an admin of the same agency, not the parent. */
	assert_int_equal(gk_user_set_password(t.db, "boss1", "clerk3", PW1, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_agency_setting_set(t.db, "boss2", 1, "indexno_pattern",
	    "YB-{year}-{seq:4}", NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_agency_setting_set(t.db, "boss3", 1, "indexno_pattern",
	    "YB-{year}-{seq:4}", NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit"), entries);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM agency_setting"), 0);
	assert_int_equal(roles_now(&t, "clerk1"), roles_of("drafter,officer"));
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM users WHERE password_hash "
	    "IS NOT NULL AND password_hash != ''"), 0);

	/* Allowed: own agency's admin, the parent's admin, the operator. */
	assert_int_equal(gk_user_set_password(t.db, "boss3", "clerk3", PW1, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_user_set_roles(t.db, "boss1", "clerk3", roles_of("reviewer"),
	    NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_setting_set(t.db, "boss1", 3, "indexno_pattern",
	    "BQ-{year}-{seq:4}", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_set_roles(t.db, "cli:root", "clerk1", roles_of("officer"),
	    NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_add(t.db, "boss1", 3, "newbie", "新人",
	    roles_of("drafter"), NULL, NOW, NULL, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit"), entries + 5);
	q_text(t.db, "SELECT actor FROM audit ORDER BY seq DESC LIMIT 1", buf, sizeof(buf));
	assert_string_equal(buf, "boss1");
	assert_int_equal(gk_user_set_roles(t.db, "cli:root", "newbie", roles_of("reviewer"),
	    NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit"), entries + 6);
	q_text(t.db, "SELECT actor FROM audit ORDER BY seq DESC LIMIT 1", buf, sizeof(buf));
	assert_string_equal(buf, "cli:root");

	/* A deactivated admin can no longer administer. */
	add_user(&t, 2, "boss2b", "admin");
	assert_int_equal(gk_user_deactivate(t.db, "boss2b", "boss2", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_user_set_roles(t.db, "boss2", "boss2b", roles_of("drafter"),
	    NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "已停用"));
	chain_ok(t.db);
	tclose(&t);
}

/* An agency that has an active admin keeps one: roles and deactivation refuse. */
static void
test_last_admin(void **state)
{
	struct tdb	t;
	char		err[512];
	int64_t		entries;

	(void)state;
	topen(&t);
	add_user(&t, 1, "boss", "admin,officer");
	add_user(&t, 1, "clerk", "drafter");
	entries = q_int(t.db, "SELECT count(*) FROM audit");
	assert_int_equal(gk_user_set_roles(t.db, "boss", "boss", roles_of("officer"),
	    NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "唯一的在用管理员"));
	assert_int_equal(gk_user_set_roles(t.db, "cli:root", "boss", roles_of("drafter"),
	    NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_user_deactivate(t.db, "cli:root", "boss", NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "不能停用"));
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit"), entries);
	assert_int_equal(roles_now(&t, "boss"), roles_of("admin,officer"));
	/* Keeping admin while changing the rest is fine; so are non-admins. */
	assert_int_equal(gk_user_set_roles(t.db, "boss", "boss", roles_of("admin"),
	    NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_set_roles(t.db, "boss", "clerk", roles_of("reviewer"),
	    NOW, err, sizeof(err)), GK_OK);
	/* With a second admin the first may step down, then not the second. */
	assert_int_equal(gk_user_set_roles(t.db, "boss", "clerk", roles_of("admin"),
	    NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_set_roles(t.db, "boss", "boss", roles_of("officer"),
	    NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_deactivate(t.db, "clerk", "clerk", NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	/* Admins of another agency do not count. */
	add_user(&t, 2, "other", "admin");
	assert_int_equal(gk_user_set_roles(t.db, "cli:root", "clerk", roles_of("drafter"),
	    NOW, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit WHERE action = "
	    "'set_roles'"), 4);
	chain_ok(t.db);
	tclose(&t);
}

/* A database built up to version k by running the scripts, left open. */
static struct gk_db *
open_at(struct tdb *t, int k)
{
	struct gk_db	*db;
	char		 err[512];

	snprintf(t->dir, sizeof(t->dir), "/tmp/gk-user-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	if (gk_db_open_ex(t->path, GK_DB_NOMIGRATE, &db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	if (gk_db_migrate_to(db, k, err, sizeof(err)) != GK_OK)
		fail_msg("migrate to %d: %s", k, err);
	t->db = db;
	gk_user_pwhash_fast(1);
	return db;
}

static void
exec_ok(struct gk_db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(gk_db_sqlite(db), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/*
 * v2 -> v3 with data: a '!'-prefixed hash becomes must_change = 1 and the
 * bare hash (which still verifies); each users.role becomes a user_role
 * row; default categories get their codes and kinds, custom ones their
 * parent's kind and no code.
 */
static void
test_migrate_v2_to_v3(void **state)
{
	struct tdb	 t;
	struct gk_user	 u;
	struct gk_category_list l;
	sqlite3_stmt	*st;
	char		 err[512], hash[crypto_pwhash_STRBYTES], sql[512], got[256];
	int		 mc;
	size_t		 i, used;

	(void)state;
	open_at(&t, 2);
	assert_int_equal(crypto_pwhash_str(hash, PW1, strlen(PW1),
	    crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN), 0);
	exec_ok(t.db, "INSERT INTO agency (id, name, uscc, created_at) VALUES "
	    "(1, '甲局', '11441700007280420Y', 'x')");
	assert_int_equal(sqlite3_prepare_v2(gk_db_sqlite(t.db), "INSERT INTO users "
	    "(agency_id, login, display_name, role, password_hash, created_at) VALUES "
	    "(1, 'zhang', '张三', 'officer', '!' || ?1, 'x'), "
	    "(1, 'li', '李四', 'reviewer', ?1, 'x'), "
	    "(1, 'wu', '吴五', 'drafter', NULL, 'x')", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	exec_ok(t.db, "INSERT INTO category (id, agency_id, parent_id, name, sort) VALUES "
	    "(1, 1, NULL, '政策文件', 0), (2, 1, 1, '规章', 1), (3, 1, 1, '通知公告', 2), "
	    "(4, 1, 3, '年度通知', 0), (5, 1, NULL, '工作动态', 3), (6, 1, NULL, '专题', 4)");

	assert_int_equal(gk_db_migrate_to(t.db, 3, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_db_version(t.db), 3);

	q_text(t.db, "SELECT password_hash FROM users WHERE login = 'zhang'", got, sizeof(got));
	assert_string_equal(got, hash);
	q_text(t.db, "SELECT group_concat(login || ':' || must_change || ':' || role, ',') "
	    "FROM (SELECT u.login, u.must_change, r.role FROM users u JOIN user_role r "
	    "ON r.user_id = u.id ORDER BY u.id)", got, sizeof(got));
	assert_string_equal(got, "zhang:1:officer,li:0:reviewer,wu:0:drafter");
	assert_int_equal(gk_user_verify_password(t.db, "zhang", PW1, NULL, &mc, err,
	    sizeof(err)), GK_OK);
	assert_true(mc);
	assert_int_equal(gk_user_verify_password(t.db, "li", PW1, NULL, &mc, err,
	    sizeof(err)), GK_OK);
	assert_false(mc);
	assert_int_equal(gk_user_get_by_login(t.db, "zhang", &u, err, sizeof(err)), GK_OK);
	assert_int_equal(u.roles, WF_ROLE_BIT(WF_ROLE_OFFICER));
	assert_true(u.must_change);
	assert_true(u.has_password);
	gk_user_clear(&u);
	/* Changing the password clears the column. */
	assert_int_equal(gk_user_passwd(t.db, "zhang", "zhang", PW1, PW2, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT must_change FROM users WHERE login = 'zhang'"), 0);

	/* Codes and kinds as core/category.c has them; custom ones inherit. */
	assert_int_equal(gk_category_list(t.db, 1, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 6);
	sql[0] = '\0';
	for (i = 0, used = 0; i < l.n && used < sizeof(sql); i++) {
		snprintf(sql + used, sizeof(sql) - used, "%s%s=%s:%s", i ? "," : "",
		    l.v[i].path, l.v[i].code[0] ? l.v[i].code : "-",
		    category_kind_name(l.v[i].kind));
		used = strlen(sql);
	}
	assert_string_equal(sql, "政策文件=zcwj:policy,政策文件/规章=zcwj-gz:policy,"
	    "政策文件/通知公告=-:policy,政策文件/通知公告/年度通知=-:policy,"
	    "工作动态=gzdt:news,专题=-:other");
	gk_category_list_free(&l);
	chain_ok(t.db);
	tclose(&t);
}

/* v1 -> v3: a v1 user and category come through both migrations. */
static void
test_migrate_v1_to_v3(void **state)
{
	struct tdb	 t;
	struct gk_user	 u;
	char		 err[512], got[64];

	(void)state;
	open_at(&t, 1);
	exec_ok(t.db, "INSERT INTO agency (id, name, uscc, created_at) VALUES "
	    "(1, '甲局', '11441700007280420Y', 'x');"
	    "INSERT INTO users (agency_id, login, display_name, role, created_at) "
	    "VALUES (1, 'zhao', '赵六', 'approver', 'x');"
	    "INSERT INTO category (agency_id, parent_id, name) VALUES (1, NULL, '财政信息');");
	assert_int_equal(gk_db_migrate_to(t.db, 3, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_get_by_login(t.db, "zhao", &u, err, sizeof(err)), GK_OK);
	assert_int_equal(u.roles, WF_ROLE_BIT(WF_ROLE_APPROVER));
	assert_false(u.must_change);
	assert_false(u.has_password);
	gk_user_clear(&u);
	q_text(t.db, "SELECT code || ':' || kind FROM category", got, sizeof(got));
	assert_string_equal(got, "czxx:fiscal");
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM agency_setting"), 0);
	tclose(&t);
}

/* From empty (now at the latest version): every v3 object exists, and the CHECKs hold. */
static void
test_migrate_empty_to_v3(void **state)
{
	struct tdb	 t;
	char		*msg = NULL;

	(void)state;
	topen(&t);
	assert_int_equal(gk_db_version(t.db), gk_db_schema_latest());
	assert_true(gk_db_schema_latest() >= 3);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM sqlite_master WHERE name IN "
	    "('user_role', 'agency_setting', 'category_code')"), 3);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM pragma_table_info('category') "
	    "WHERE name IN ('code', 'kind')"), 2);
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(t.db), "INSERT INTO agency_setting "
	    "VALUES (1, 'colour', 'red')", NULL, NULL, &msg), SQLITE_OK);
	sqlite3_free(msg);
	msg = NULL;
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(t.db), "INSERT INTO category "
	    "(agency_id, name, kind) VALUES (1, 'x', 'boss')", NULL, NULL, &msg), SQLITE_OK);
	sqlite3_free(msg);
	tclose(&t);
}

/* Custom categories: code optional and unique, kind inherited unless given. */
static void
test_category_code_kind(void **state)
{
	struct tdb		 t;
	struct gk_category_list	 l;
	char			 err[512];
	int64_t			 policy, id, id2;
	size_t			 i;
	int			 seen = 0;

	(void)state;
	topen(&t);
	assert_int_equal(gk_category_seed_defaults(t.db, 1, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM category WHERE agency_id = 1 "
	    "AND code IS NOT NULL"), 14);
	assert_int_equal(gk_category_lookup(t.db, 1, "政策文件", &policy, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_add(t.db, "admin", 1, policy, "通知", NOW, &id, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_add_ex(t.db, "admin", 1, 0, "专题", "zt", "news",
	    NOW, &id2, err, sizeof(err)), GK_OK);
	/* Refusals: bad code, taken code, bad kind. */
	assert_int_equal(gk_category_add_ex(t.db, "admin", 1, 0, "甲", "ZT", NULL, NOW,
	    NULL, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_category_add_ex(t.db, "admin", 1, 0, "乙", "zcwj", NULL, NOW,
	    NULL, err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "已被使用"));
	assert_int_equal(gk_category_add_ex(t.db, "admin", 1, 0, "丙", NULL, "boss", NOW,
	    NULL, err, sizeof(err)), GK_EINVAL);
	/* The same code in another agency is fine. */
	assert_int_equal(gk_category_add_ex(t.db, "admin", 2, 0, "专题", "zt", NULL, NOW,
	    NULL, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_list(t.db, 1, &l, err, sizeof(err)), GK_OK);
	for (i = 0; i < l.n; i++) {
		if (l.v[i].id == id) {
			assert_string_equal(l.v[i].code, "");
			assert_int_equal(l.v[i].kind, CATEGORY_KIND_POLICY);
			seen++;
		} else if (l.v[i].id == id2) {
			assert_string_equal(l.v[i].code, "zt");
			assert_int_equal(l.v[i].kind, CATEGORY_KIND_NEWS);
			seen++;
		} else if (strcmp(l.v[i].path, "财政信息/三公经费") == 0) {
			assert_string_equal(l.v[i].code, "czxx-sgjf");
			assert_int_equal(l.v[i].kind, CATEGORY_KIND_FISCAL);
			seen++;
		}
	}
	assert_int_equal(seen, 3);
	gk_category_list_free(&l);
	chain_ok(t.db);
	tclose(&t);
}

/* Agency settings: validated, audited, removable. */
static void
test_agency_settings(void **state)
{
	struct tdb		 t;
	struct timeliness_rules	 r;
	char			 err[512], buf[256];

	(void)state;
	topen(&t);
	assert_int_equal(gk_category_seed_defaults(t.db, 1, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_indexno_pattern(t.db, 1, buf, sizeof(buf), err,
	    sizeof(err)), GK_OK);
	assert_string_equal(buf, "{code}/{year}-{seq:5}");
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "indexno_pattern",
	    "YB-{year}-{seq:4}", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_indexno_pattern(t.db, 1, buf, sizeof(buf), err,
	    sizeof(err)), GK_OK);
	assert_string_equal(buf, "YB-{year}-{seq:4}");
	/* Agency 2 keeps the default. */
	assert_int_equal(gk_agency_indexno_pattern(t.db, 2, buf, sizeof(buf), err,
	    sizeof(err)), GK_OK);
	assert_string_equal(buf, "{code}/{year}-{seq:5}");
	/* Refusals write nothing. */
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "indexno_pattern",
	    "{year}", NOW, err, sizeof(err)), GK_EINVAL);	/* no {seq} */
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "colour", "red", NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "timeliness.工作动态",
	    "21", NOW, err, sizeof(err)), GK_EINVAL);	/* 条例第二十六条: <= 20 */
	assert_non_null(strstr(err, "第二十六条"));
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "timeliness.工作动态",
	    "0", NOW, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "timeliness.工作动态",
	    "3天", NOW, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "timeliness.不存在",
	    "5", NOW, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 9, "indexno_pattern",
	    "{seq:3}", NOW, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM agency_setting"), 1);
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "timeliness.工作动态",
	    "2", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1,
	    "timeliness.政策文件/规章", "20", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_timeliness_rules(t.db, 1, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(timeliness_rule_for(&r, "工作动态")->days, 2);
	assert_int_equal(timeliness_rule_for(&r, "工作动态")->base, TIMELINESS_FROM_EVENT_END);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/规章")->days, 20);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/规章")->base, TIMELINESS_FROM_FORMED);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/其他文件")->days, 5);
	assert_int_equal(gk_agency_timeliness_rules(t.db, 2, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(timeliness_rule_for(&r, "工作动态")->days, 3);
	/* Removal, then removing again is ENOTFOUND. */
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "timeliness.工作动态",
	    NULL, NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_setting_set(t.db, "admin", 1, "timeliness.工作动态",
	    NULL, NOW, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_agency_setting_get(t.db, 1, "timeliness.工作动态", buf,
	    sizeof(buf), err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit WHERE entity = 'agency' "
	    "AND action = 'setting'"), 4);
	assert_int_equal(q_int(t.db, "SELECT count(*) FROM audit WHERE action = 'setting' "
	    "AND change = '{\"key\":\"indexno_pattern\",\"old\":null,"
	    "\"value\":\"YB-{year}-{seq:4}\"}'"), 1);
	chain_ok(t.db);
	tclose(&t);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_user_add_list_get),
	cmocka_unit_test(test_user_rejections_write_nothing),
	cmocka_unit_test(test_password_policy),
	cmocka_unit_test(test_password_hash_verify),
	cmocka_unit_test(test_password_interactive_limits),
	cmocka_unit_test(test_audit_has_no_password),
	cmocka_unit_test(test_user_alloc_failures),
	cmocka_unit_test(test_category_seed_lookup),
	cmocka_unit_test(test_category_alloc_failures),
	cmocka_unit_test(test_several_roles),
	cmocka_unit_test(test_authorisation),
	cmocka_unit_test(test_last_admin),
	cmocka_unit_test(test_migrate_v2_to_v3),
	cmocka_unit_test(test_migrate_v1_to_v3),
	cmocka_unit_test(test_migrate_empty_to_v3),
	cmocka_unit_test(test_category_code_kind),
	cmocka_unit_test(test_agency_settings),
};

GK_TEST_MAIN("store_user", tests)
