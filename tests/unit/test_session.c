/*
 * test_session.c — back-office sessions and the login guard in the store
 * (store/session.h): a login makes a 64-hex id whose SHA-256 alone is
 * stored; lookup moves last_seen; 30 minutes idle (exactly 1800 s still
 * alive, 1801 s dead) with a moved "now", 12 hours after login however
 * busy; the id is rotated at login (the
 * id presented before login dies, an id the client invented is never
 * adopted); logout and logout everywhere; 5 failures within 15 minutes lock
 * the login for 15 minutes (the right password refused meanwhile, released
 * at the second the lock ends), unknown logins too, a success or a quiet
 * quarter of an hour resetting the count; deactivated users' sessions die;
 * every login, failure, lockout and logout audited without a password, id
 * or CSRF token, and the chain intact.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "core/sha256.h"
#include "core/workflow.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/session.h"
#include "store/user.h"

#define NOW	"2025-09-29T10:00:00+08:00"
#define T0	((int64_t)1759111200)	/* 2025-09-29T10:00:00+08:00 */
#define PW	"Yanbian#2026a"
#define PW_BAD	"Yanbian#2026b"

struct fx {
	struct gk_db		*db;
	char			 dir[64];
	int64_t			 ag, ag2, li, wang;
	/* what the last attempt() answered */
	struct gk_session	 s;
	char			 c[65], err[256];
	int64_t			 until;
};

static void
fx_open(struct fx *f)
{
	char err[512];

	gk_user_pwhash_fast(1);
	f->db = gk_test_db_open("session", f->dir, sizeof(f->dir), NULL, 0);
	gk_test_agencies(f->db, NOW, &f->ag, &f->ag2);
	if (gk_user_add(f->db, "cli:root", f->ag, "li", "李四", WF_ROLE_BIT(WF_ROLE_DRAFTER),
	    PW, NOW, &f->li, err, sizeof(err)) != GK_OK ||
	    gk_user_add(f->db, "cli:root", f->ag2, "wang", "王五", WF_ROLE_BIT(WF_ROLE_OFFICER),
	    PW, NOW, &f->wang, err, sizeof(err)) != GK_OK)
		fail_msg("user: %s", err);
}

static void
fx_close(struct fx *f)
{
	gk_test_db_remove(f->db, f->dir);
}

static int64_t
audits(struct fx *f, const char *action)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE action = '%s'", action);
	return gk_test_int(f->db, sql);
}

/* Logs li (or login) in at t; asserts success; cookie into c. */
static void
login_ok(struct fx *f, const char *login, const char *old, int64_t t, char *c,
    struct gk_session *s)
{
	char		err[512];
	int64_t		until = -1;
	enum gk_err	e;

	e = gk_session_login(f->db, login, PW, old, "127.0.0.1", t, c, s, &until, err,
	    sizeof(err));
	if (e != GK_OK)
		fail_msg("login %s: %s", login, err);
	assert_int_equal(until, 0);
	assert_true(gk_session_hex_ok(c));
}

/* A login from client at t with password pw; what it answered into f. */
static enum gk_err
attempt(struct fx *f, const char *login, const char *pw, const char *client, int64_t t)
{
	f->until = -1;
	return gk_session_login(f->db, login, pw, NULL, client, t, f->c, &f->s, &f->until, f->err,
	    sizeof(f->err));
}

static enum gk_err
lookup(struct fx *f, const char *c, int64_t t, struct gk_session *s)
{
	char err[256];

	return gk_session_lookup(f->db, c, t, s, err, sizeof(err));
}

static void
test_time_format(void **state)
{
	char buf[32];

	(void)state;
	gk_session_time(T0, buf, sizeof(buf));
	assert_string_equal(buf, NOW);
	gk_session_time(T0 + 14 * 3600 + 59, buf, sizeof(buf));	/* past midnight in +08:00 */
	assert_string_equal(buf, "2025-09-30T00:00:59+08:00");
	assert_true(gk_session_hex_ok("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"));
	assert_false(gk_session_hex_ok("0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef"));
	assert_false(gk_session_hex_ok("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcde"));
	assert_false(gk_session_hex_ok("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0"));
	assert_false(gk_session_hex_ok(""));
	assert_false(gk_session_hex_ok(NULL));
}

static void
test_login_lookup(void **state)
{
	struct fx		 f;
	struct gk_session	 s, s2;
	char			 c[65], bad[65], hash[65], stored[128], sql[256];
	unsigned char		 d[GK_SHA256_LEN];

	(void)state;
	fx_open(&f);
	login_ok(&f, "li", NULL, T0, c, &s);
	assert_int_equal(s.user_id, f.li);
	assert_int_equal(s.must_change, 1);	/* an initial password */
	assert_true(gk_session_hex_ok(s.csrf));
	assert_string_not_equal(s.csrf, c);
	/* Only the SHA-256 of the id is stored; neither id nor hash equals the other. */
	gk_sha256(c, strlen(c), d);
	gk_sha256_hex(d, hash);
	gk_test_text(f.db, "SELECT hash FROM session", stored, sizeof(stored));
	assert_string_equal(stored, hash);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM session WHERE hash = '%s' OR csrf = '%s'",
	    c, c);
	assert_int_equal(gk_test_int(f.db, sql), 0);
	gk_test_text(f.db, "SELECT created_at || '|' || last_seen || '|' || client FROM session",
	    stored, sizeof(stored));
	assert_string_equal(stored, NOW "|1759111200|127.0.0.1");

	assert_int_equal(lookup(&f, c, T0 + 60, &s2), GK_OK);
	assert_int_equal(s2.id, s.id);
	assert_int_equal(s2.user_id, f.li);
	assert_string_equal(s2.csrf, s.csrf);
	assert_int_equal(s2.last_seen, T0);	/* as it was before this request */
	assert_int_equal(gk_test_int(f.db, "SELECT last_seen FROM session"), T0 + 60);

	/* One character off, upper case, too short: no session. */
	memcpy(bad, c, sizeof(bad));
	bad[10] = bad[10] == 'a' ? 'b' : 'a';
	assert_int_equal(lookup(&f, bad, T0 + 61, &s2), GK_ENOTFOUND);
	memcpy(bad, c, sizeof(bad));
	bad[0] = 'A';
	assert_int_equal(lookup(&f, bad, T0 + 61, &s2), GK_ENOTFOUND);
	assert_int_equal(lookup(&f, "abc", T0 + 61, &s2), GK_ENOTFOUND);
	assert_int_equal(lookup(&f, "' OR 1=1 --", T0 + 61, &s2), GK_ENOTFOUND);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM session"), 1);
	assert_int_equal(audits(&f, "login"), 1);
	fx_close(&f);
}

static void
test_idle_expiry(void **state)
{
	struct fx		 f;
	struct gk_session	 s;
	char			 c[65];

	(void)state;
	fx_open(&f);
	login_ok(&f, "li", NULL, T0, c, &s);
	/* Exactly 30 minutes idle: still alive (and refreshed). */
	assert_int_equal(lookup(&f, c, T0 + 1800, &s), GK_OK);
	/* 29 min 59 s after that: alive. */
	assert_int_equal(lookup(&f, c, T0 + 1800 + 1799, &s), GK_OK);
	/* 30 min 1 s after the last request: dead, deleted, audited. */
	assert_int_equal(lookup(&f, c, T0 + 3599 + 1801, &s), GK_ENOTFOUND);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM session"), 0);
	assert_int_equal(audits(&f, "session_expired"), 1);
	/* and stays dead even if the clock went back */
	assert_int_equal(lookup(&f, c, T0 + 10, &s), GK_ENOTFOUND);
	fx_close(&f);
}

static void
test_max_age(void **state)
{
	struct fx		 f;
	struct gk_session	 s;
	char			 c[65];
	int64_t			 t;

	(void)state;
	fx_open(&f);
	login_ok(&f, "li", NULL, T0, c, &s);
	/* Busy all day (a request every 20 minutes): alive up to 12 hours after login... */
	for (t = T0 + 1200; t <= T0 + 12 * 3600; t += 1200)
		assert_int_equal(lookup(&f, c, t, &s), GK_OK);
	/* ...and not one second longer. */
	assert_int_equal(lookup(&f, c, T0 + 12 * 3600 + 1, &s), GK_ENOTFOUND);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE action = "
	    "'session_expired' AND change LIKE '%max_age%'"), 1);
	fx_close(&f);
}

static void
test_rotation(void **state)
{
	struct fx		 f;
	struct gk_session	 s;
	char			 a[65], b[65], c[65], err[256];
	const char		*forged =
	    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

	(void)state;
	fx_open(&f);
	login_ok(&f, "li", NULL, T0, a, &s);
	/* Logging in again with the old id presented: a new id, the old one dead. */
	login_ok(&f, "li", a, T0 + 5, b, &s);
	assert_string_not_equal(a, b);
	assert_int_equal(lookup(&f, a, T0 + 6, &s), GK_ENOTFOUND);
	assert_int_equal(lookup(&f, b, T0 + 6, &s), GK_OK);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE action = 'logout' "
	    "AND change LIKE '%rotated_at_login%'"), 1);
	/* Fixation: an id the attacker planted is never adopted. */
	login_ok(&f, "li", forged, T0 + 7, c, &s);
	assert_string_not_equal(c, forged);
	assert_int_equal(lookup(&f, forged, T0 + 8, &s), GK_ENOTFOUND);
	assert_int_equal(lookup(&f, c, T0 + 8, &s), GK_OK);
	/* A session made after a password change (gk_session_create). */
	assert_int_equal(gk_session_create(f.db, f.li, "10.0.0.9", "password_changed", T0 + 9,
	    a, &s, err, sizeof(err)), GK_OK);
	assert_true(gk_session_hex_ok(a));
	assert_int_equal(lookup(&f, a, T0 + 10, &s), GK_OK);
	assert_int_equal(gk_session_create(f.db, 999, "x", "x", T0, a, &s, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_string_equal(a, "");
	fx_close(&f);
}

static void
test_logout(void **state)
{
	struct fx		 f;
	struct gk_session	 s;
	char			 c[3][65], w[65], err[256];
	int			 i, n = -1;

	(void)state;
	fx_open(&f);
	for (i = 0; i < 3; i++)
		login_ok(&f, "li", NULL, T0 + i, c[i], &s);
	login_ok(&f, "wang", NULL, T0, w, &s);
	/* One session ends; the others live. */
	assert_int_equal(gk_session_logout(f.db, c[0], T0 + 10, err, sizeof(err)), GK_OK);
	assert_int_equal(lookup(&f, c[0], T0 + 11, &s), GK_ENOTFOUND);
	assert_int_equal(lookup(&f, c[1], T0 + 11, &s), GK_OK);
	assert_int_equal(gk_session_logout(f.db, c[0], T0 + 12, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_session_logout(f.db, "nope", T0 + 12, err, sizeof(err)), GK_ENOTFOUND);
	/* Everywhere: li's two remaining sessions, not wang's. */
	assert_int_equal(gk_session_logout_all(f.db, f.li, "user", T0 + 20, &n, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(n, 2);
	assert_int_equal(lookup(&f, c[1], T0 + 21, &s), GK_ENOTFOUND);
	assert_int_equal(lookup(&f, c[2], T0 + 21, &s), GK_ENOTFOUND);
	assert_int_equal(lookup(&f, w, T0 + 21, &s), GK_OK);
	assert_int_equal(s.user_id, f.wang);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE action = 'logout_all' "
	    "AND change = '{\"client\":\"\",\"count\":2,\"login\":\"li\",\"reason\":\"user\"}'"), 1);
	assert_int_equal(gk_session_logout_all(f.db, 999, "user", T0, &n, err, sizeof(err)),
	    GK_ENOTFOUND);
	fx_close(&f);
}

static void
test_list(void **state)
{
	struct fx		 f;
	struct gk_session	 s, s3;
	struct gk_session_info	 v[4];
	char			 c[4][65], err[256];
	size_t			 n = 99;
	int			 i;

	(void)state;
	fx_open(&f);
	for (i = 0; i < 3; i++)
		login_ok(&f, "li", NULL, T0 + 60 * i, c[i], i == 2 ? &s3 : &s);
	login_ok(&f, "wang", NULL, T0, c[3], &s);
	/* The first has been idle too long at T0 + 1850 (1850 s); the others are listed, newest first. */
	assert_int_equal(gk_session_list(f.db, f.li, T0 + 1850, v, 4, &n, err, sizeof(err)), GK_OK);
	assert_int_equal(n, 2);
	assert_int_equal(v[0].id, s3.id);
	assert_string_equal(v[0].created_at, "2025-09-29T10:02:00+08:00");
	assert_string_equal(v[0].last_seen, "2025-09-29T10:02:00+08:00");
	assert_string_equal(v[0].client, "127.0.0.1");
	assert_int_equal(gk_session_list(f.db, f.li, T0 + 1850, v, 1, &n, err, sizeof(err)), GK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(gk_session_list(f.db, f.li, T0 + 12 * 3600 + 200, v, 4, &n, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(n, 0);
	fx_close(&f);
}

static void
test_lockout(void **state)
{
	struct fx	 f;
	int		 i;

	(void)state;
	fx_open(&f);
	for (i = 0; i < 4; i++) {
		assert_int_equal(attempt(&f, "li", PW_BAD, "10.1.1.1", T0 + i), GK_EINVAL);
		assert_string_equal(f.err, "登录名或密码错误");
		assert_int_equal(f.until, 0);
		assert_string_equal(f.c, "");
	}
	/* The fifth locks for 15 minutes from now. */
	assert_int_equal(attempt(&f, "li", PW_BAD, "10.1.1.1", T0 + 4), GK_EINVAL);
	assert_int_equal(f.until, T0 + 4 + 900);
	assert_int_equal(gk_test_int(f.db, "SELECT locked_until FROM login_guard WHERE login = 'li'"),
	    T0 + 904);
	/* The right password is refused while locked, up to the last second. */
	assert_int_equal(attempt(&f, "li", PW, "10.1.1.1", T0 + 10), GK_ELIMIT);
	assert_int_equal(f.until, T0 + 904);
	assert_non_null(strstr(f.err, "锁定"));
	assert_int_equal(attempt(&f, "li", PW, "10.1.1.1", T0 + 903), GK_ELIMIT);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM session"), 0);
	/* Released when the lock ends. */
	login_ok(&f, "li", NULL, T0 + 904, f.c, &f.s);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM login_guard"), 0);
	assert_int_equal(audits(&f, "login_failed"), 5);
	assert_int_equal(audits(&f, "lockout"), 1);
	assert_int_equal(audits(&f, "login_locked"), 2);
	assert_int_equal(audits(&f, "login"), 1);
	assert_int_equal(gk_test_int(f.db, "SELECT entity_id FROM audit WHERE action = 'lockout'"),
	    f.li);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE action = 'lockout' AND "
	    "actor = 'web:10.1.1.1' AND change LIKE '%\"count\":5%'"), 1);

	/* A login that does not exist locks the same way, with the same message. */
	for (i = 0; i < 5; i++) {
		assert_int_equal(attempt(&f, "ghost", "x", "10.1.1.2", T0 + i), GK_EINVAL);
		assert_string_equal(f.err, "登录名或密码错误");
	}
	assert_int_equal(f.until, T0 + 904);
	assert_int_equal(attempt(&f, "ghost", "x", "10.1.1.2", T0 + 5), GK_ELIMIT);
	assert_int_equal(gk_test_int(f.db, "SELECT entity_id FROM audit WHERE action = 'lockout' "
	    "AND change LIKE '%ghost%'"), 0);
	fx_close(&f);
}

static void
test_lockout_window(void **state)
{
	struct fx	 f;
	int		 i;

	(void)state;
	fx_open(&f);
	/* Four failures, a success: the count starts again. */
	for (i = 0; i < 4; i++)
		assert_int_equal(attempt(&f, "li", PW_BAD, "", T0 + i), GK_EINVAL);
	login_ok(&f, "li", NULL, T0 + 5, f.c, &f.s);
	for (i = 0; i < 4; i++)
		assert_int_equal(attempt(&f, "li", PW_BAD, "", T0 + 10 + i), GK_EINVAL);
	assert_int_equal(f.until, 0);
	/* Four failures, then the fifth after the 15-minute window: not locked. */
	assert_int_equal(attempt(&f, "li", PW_BAD, "", T0 + 10 + 900), GK_EINVAL);
	assert_int_equal(f.until, 0);
	assert_int_equal(gk_test_int(f.db, "SELECT failures FROM login_guard"), 1);
	login_ok(&f, "li", NULL, T0 + 911, f.c, &f.s);
	assert_int_equal(audits(&f, "lockout"), 0);
	/* Hostile input is a failure like any other (and is stored only as data). */
	assert_int_equal(attempt(&f, "li'; DROP TABLE users; --", PW, "", T0), GK_EINVAL);
	assert_int_equal(attempt(&f, "<script>alert(1)</script>", PW, "", T0), GK_EINVAL);
	assert_int_equal(attempt(&f, "", PW, "", T0), GK_EINVAL);
	/* Not even text (the server never passes such): refused and audited, not a 500. */
	assert_int_equal(attempt(&f, "n_\xed\xaf\xaf", PW, "", T0), GK_EINVAL);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE action = "
	    "'login_failed' AND change LIKE '%不是有效文本%'"), 1);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM users"), 2);
	fx_close(&f);
}

static void
test_deactivated(void **state)
{
	struct fx		 f;
	struct gk_session	 s;
	char			 c[65], err[256];
	int64_t			 until;

	(void)state;
	fx_open(&f);
	login_ok(&f, "li", NULL, T0, c, &s);
	assert_int_equal(gk_user_deactivate(f.db, "cli:root", "li", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(lookup(&f, c, T0 + 1, &s), GK_ENOTFOUND);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM session"), 0);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE action = "
	    "'session_expired' AND change LIKE '%inactive%'"), 1);
	assert_int_equal(gk_session_login(f.db, "li", PW, NULL, "", T0 + 2, c, &s, &until, err,
	    sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "账户已停用，请联系系统管理员");
	fx_close(&f);
}

static void
test_audit_clean(void **state)
{
	struct fx		 f;
	struct gk_session	 s;
	struct gk_audit_result	 r;
	char			 c[65], c2[65], csrf[65], err[256], sql[512];
	int64_t			 until;

	(void)state;
	fx_open(&f);
	login_ok(&f, "li", NULL, T0, c, &s);
	login_ok(&f, "li", c, T0 + 1, c2, &s);
	memcpy(csrf, s.csrf, sizeof(csrf));
	gk_session_login(f.db, "li", PW_BAD, NULL, "", T0 + 2, c, &s, &until, err, sizeof(err));
	gk_session_logout(f.db, c2, T0 + 3, err, sizeof(err));
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE change LIKE '%%%s%%' OR "
	    "change LIKE '%%%s%%' OR change LIKE '%%Yanbian%%' OR change LIKE '%%%s%%'", c2,
	    csrf, c2 + 32);
	assert_int_equal(gk_test_int(f.db, sql), 0);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE entity = 'user' AND "
	    "action IN ('login', 'logout', 'login_failed')"), 5);	/* login, rotation, login, failure, logout */
	assert_int_equal(gk_audit_verify(f.db, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.fault, GK_AUDIT_INTACT);
	fx_close(&f);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_time_format),
	cmocka_unit_test(test_login_lookup),
	cmocka_unit_test(test_idle_expiry),
	cmocka_unit_test(test_max_age),
	cmocka_unit_test(test_rotation),
	cmocka_unit_test(test_logout),
	cmocka_unit_test(test_list),
	cmocka_unit_test(test_lockout),
	cmocka_unit_test(test_lockout_window),
	cmocka_unit_test(test_deactivated),
	cmocka_unit_test(test_audit_clean),
};

GK_TEST_MAIN("session", tests)
