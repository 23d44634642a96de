/*
 * session.c — back-office sessions and the login guard (session.h). The
 * password is checked (argon2id, slow) before any transaction starts;
 * every change to session and login_guard is then made with its audit
 * entry in one transaction (db.h's write path).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/sha256.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/session.h"
#include "store/user.h"

#define SESSION_BYTES	32

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
gk_session_time(int64_t now, char *buf, size_t n)
{
	int64_t	t = now + 8 * 3600, days = floordiv(t, 86400), s = t - days * 86400;
	int	y, m, d;

	gk_date_ymd((int32_t)days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d, (int)(s / 3600),
	    (int)(s / 60 % 60), (int)(s % 60));
}

int
gk_session_hex_ok(const char *s)
{
	size_t i;

	if (s == NULL)
		return 0;
	for (i = 0; i < GK_SESSION_HEXLEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return s[GK_SESSION_HEXLEN] == '\0';
}

/* The stored form of a cookie value: SHA-256, hex. */
static void
session_hash(const char *cookie, char out[GK_SHA256_HEXLEN + 1])
{
	unsigned char d[GK_SHA256_LEN];

	gk_sha256(cookie, strlen(cookie), d);
	gk_sha256_hex(d, out);
}

/* 32 random bytes as 64 hex characters into out. */
static enum gk_err
session_random(char out[GK_SESSION_HEXLEN + 1], char *err, size_t errlen)
{
	unsigned char b[SESSION_BYTES];

	if (sodium_init() < 0) {
		snprintf(err, errlen, "无法初始化随机数（libsodium）");
		return GK_EIO;
	}
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, GK_SESSION_HEXLEN + 1, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
	return GK_OK;
}

/* Appends the audit entry: {"client", "count" (when n >= 0), "login", "reason"}. */
static enum gk_err
session_audit(struct gk_db *db, const char *actor, int64_t user_id, const char *action,
    const char *login, const char *client, const char *reason, int n, int64_t now,
    char *err, size_t errlen)
{
	json_t		*o;
	char		 when[32], lg[GK_USER_LOGIN_MAX * 2 + 1];

	gk_session_time(now, when, sizeof(when));
	gk_strlcpy_utf8(lg, login != NULL ? login : "", sizeof(lg));
	if (gk_text_chars(lg) < 0)	/* not text (the web layer never sends such): say so */
		gk_strlcpy_utf8(lg, "(不是有效文本)", sizeof(lg));
	o = json_pack("{s:s, s:s, s:s}", "login", lg, "client", client != NULL ? client : "",
	    "reason", reason != NULL ? reason : "");
	if (o != NULL && n >= 0 && json_object_set_new(o, "count", json_integer(n)) != 0) {
		json_decref(o);
		o = NULL;
	}
	return gk_audit_append_json(db, actor, "user", user_id, action, o, when, err, errlen);
}

/* The actor of an unauthenticated event: "web:CLIENT". */
static void
anon_actor(const char *client, char *buf, size_t n)
{
	snprintf(buf, n, "web:%s", client != NULL && client[0] != '\0' ? client : "unknown");
}

/* One statement with up to three int64 / text binds; inside a transaction. */
static enum gk_err
session_exec(struct gk_db *db, const char *sql, const char *t1, int64_t i2, int64_t i3,
    const char *what, char *err, size_t errlen)
{
	return gk_db_exec(db, what, err, errlen, sql, "tii", t1, i2, i3);
}

/* The guard of a login: 1 found (fields set), 0 none, -1 error. */
static int
guard_get(struct gk_db *db, const char *login, int *failures, int64_t *window,
    int64_t *until)
{
	sqlite3_stmt	*st;
	int		 rc;

	*failures = 0;
	*window = *until = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT failures, window_start, locked_until "
	    "FROM login_guard WHERE login = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*failures = sqlite3_column_int(st, 0);
		*window = sqlite3_column_int64(st, 1);
		*until = sqlite3_column_int64(st, 2);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static enum gk_err
guard_put(struct gk_db *db, const char *login, int failures, int64_t window, int64_t until,
    int64_t now, char *err, size_t errlen)
{
	char when[32];

	gk_session_time(now, when, sizeof(when));
	return gk_db_exec(db, "无法记录登录失败", err, errlen, "INSERT INTO login_guard (login,"
	    " failures, window_start, locked_until, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
	    " ON CONFLICT (login) DO UPDATE SET failures = ?2, window_start = ?3,"
	    " locked_until = ?4, updated_at = ?5", "tiiit", login, (int64_t)failures, window,
	    until, when);
}

/*
 * Inside a transaction: inserts a session for user_id, its id into
 * cookie and its row into *s, with the audit entry.
 */
static enum gk_err
session_insert(struct gk_db *db, int64_t user_id, const char *login, const char *client,
    const char *reason, int64_t now, char cookie[GK_SESSION_HEXLEN + 1],
    struct gk_session *s, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 hash[GK_SHA256_HEXLEN + 1], when[32];
	enum gk_err	 e;
	int		 rc;

	memset(s, 0, sizeof(*s));
	if ((e = session_random(cookie, err, errlen)) != GK_OK ||
	    (e = session_random(s->csrf, err, errlen)) != GK_OK)
		return e;
	session_hash(cookie, hash);
	gk_session_time(now, when, sizeof(when));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "INSERT INTO session (hash, user_id, csrf, "
	    "created_at, last_seen, client) VALUES (?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法创建会话");
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, user_id);
	sqlite3_bind_text(st, 3, s->csrf, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, when, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, now);
	sqlite3_bind_text(st, 6, client != NULL ? client : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法创建会话");
	s->id = sqlite3_last_insert_rowid(gk_db_sqlite(db));
	s->user_id = user_id;
	s->last_seen = now;
	return session_audit(db, login, user_id, "login", login, client, reason, -1, now,
	    err, errlen);
}

/* The login and must_change of a user id; GK_ENOTFOUND when absent. */
static enum gk_err
user_brief(struct gk_db *db, int64_t user_id, char *login, size_t n, int *must, int *active)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT login, must_change, active FROM users "
	    "WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return GK_EDB;
	sqlite3_bind_int64(st, 1, user_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		gk_strlcpy_utf8(login, t != NULL ? t : "", n);
		*must = sqlite3_column_int(st, 1) != 0;
		*active = sqlite3_column_int(st, 2) != 0;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? GK_OK : rc == SQLITE_DONE ? GK_ENOTFOUND : GK_EDB;
}

/* Inside a transaction: deletes the session with this hash; *idp its user (0: none). */
static enum gk_err
session_delete_hash(struct gk_db *db, const char *hash, int64_t *userp, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*userp = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "DELETE FROM session WHERE hash = ? "
	    "RETURNING user_id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法结束会话");
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*userp = sqlite3_column_int64(st, 0);
		rc = sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法结束会话");
}

/* A failed attempt: counts it (locking at the fifth) with its audit entries. */
static enum gk_err
login_failed(struct gk_db *db, const char *login, int64_t user_id, const char *client,
    const char *reason, int64_t now, int64_t *untilp, char *err, size_t errlen)
{
	char		actor[96];
	int		failures, rc;
	int64_t		window, until;
	enum gk_err	e;

	anon_actor(client, actor, sizeof(actor));
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = guard_get(db, login, &failures, &window, &until)) < 0) {
		e = gk_db_err(db, err, errlen, "无法查询登录失败记录");
		goto fail;
	}
	if (now - window >= GK_SESSION_LOCK || until > 0) {	/* a new window */
		failures = 0;
		window = now;
		until = 0;
	}
	failures++;
	if ((e = session_audit(db, actor, user_id, "login_failed", login, client, reason,
	    failures, now, err, errlen)) != GK_OK)
		goto fail;
	if (failures >= GK_SESSION_MAX_FAILS) {
		until = now + GK_SESSION_LOCK;
		if ((e = session_audit(db, actor, user_id, "lockout", login, client,
		    "too_many_failures", failures, now, err, errlen)) != GK_OK)
			goto fail;
		if (untilp != NULL)
			*untilp = until;
	}
	if ((e = guard_put(db, login, failures, window, until, now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* The id of a login, 0 when unknown (for the audit of failures). */
static int64_t
login_id(struct gk_db *db, const char *login)
{
	sqlite3_stmt	*st;
	int64_t		 id = 0;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id FROM users WHERE login = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return id;
}

enum gk_err
gk_session_login(struct gk_db *db, const char *login, const char *password,
    const char *old_cookie, const char *client, int64_t now,
    char cookie[GK_SESSION_HEXLEN + 1], struct gk_session *s, int64_t *untilp, char *err,
    size_t errlen)
{
	char		 actor[96], hash[GK_SHA256_HEXLEN + 1], verr[256];
	const char	*reason;
	int		 failures, rc, must = 0;
	int64_t		 window, until, id = 0, old_user;
	enum gk_err	 e, ve;

	cookie[0] = '\0';
	memset(s, 0, sizeof(*s));
	if (untilp != NULL)
		*untilp = 0;
	if (login == NULL || login[0] == '\0' || strlen(login) > 256 || password == NULL) {
		snprintf(err, errlen, "登录名或密码错误");
		return GK_EINVAL;
	}
	anon_actor(client, actor, sizeof(actor));
	if ((rc = guard_get(db, login, &failures, &window, &until)) < 0)
		return gk_db_err(db, err, errlen, "无法查询登录失败记录");
	if (until > now) {	/* locked: the password is not even looked at */
		if (untilp != NULL)
			*untilp = until;
		if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
			return e;
		if ((e = session_audit(db, actor, login_id(db, login), "login_locked", login,
		    client, "locked", -1, now, err, errlen)) != GK_OK) {
			gk_db_tx_rollback(db);
			return e;
		}
		if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
			return e;
		snprintf(err, errlen, "登录失败次数过多，账户已锁定 %d 分钟，请稍后再试",
		    GK_SESSION_LOCK / 60);
		return GK_ELIMIT;
	}
	ve = gk_user_verify_password(db, login, password, &id, &must, verr, sizeof(verr));
	if (ve != GK_OK) {
		if (ve != GK_EINVAL && ve != GK_ENOTFOUND && ve != GK_ECONFLICT) {
			snprintf(err, errlen, "%s", verr);
			return ve;
		}
		reason = ve == GK_ENOTFOUND ? "unknown_login" : ve == GK_ECONFLICT ? "inactive" :
		    "bad_password";
		if ((e = login_failed(db, login, login_id(db, login), client, reason, now, untilp,
		    err, errlen)) != GK_OK)
			return e;
		snprintf(err, errlen, "%s", ve == GK_ECONFLICT ? "账户已停用，请联系系统管理员" :
		    "登录名或密码错误");
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (old_cookie != NULL && gk_session_hex_ok(old_cookie)) {	/* rotation */
		session_hash(old_cookie, hash);
		if ((e = session_delete_hash(db, hash, &old_user, err, errlen)) != GK_OK)
			goto fail;
		if (old_user != 0 && (e = session_audit(db, login, old_user, "logout", login,
		    client, "rotated_at_login", -1, now, err, errlen)) != GK_OK)
			goto fail;
	}
	if (rc == 1 && (e = session_exec(db, "DELETE FROM login_guard WHERE login = ?",
	    login, 0, 0, "无法清除登录失败记录", err, errlen)) != GK_OK)
		goto fail;
	if ((e = session_insert(db, id, login, client, "password", now, cookie, s, err,
	    errlen)) != GK_OK)
		goto fail;
	s->must_change = must;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK) {
		cookie[0] = '\0';
		return e;
	}
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	cookie[0] = '\0';
	memset(s, 0, sizeof(*s));
	return e;
}

enum gk_err
gk_session_create(struct gk_db *db, int64_t user_id, const char *client, const char *reason,
    int64_t now, char cookie[GK_SESSION_HEXLEN + 1], struct gk_session *s, char *err,
    size_t errlen)
{
	char		login[GK_USER_LOGIN_MAX + 1];
	int		must = 0, active = 0;
	enum gk_err	e;

	cookie[0] = '\0';
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = user_brief(db, user_id, login, sizeof(login), &must, &active)) != GK_OK ||
	    !active) {
		if (e == GK_OK || e == GK_ENOTFOUND) {
			snprintf(err, errlen, "用户 #%lld 不存在或已停用", (long long)user_id);
			e = GK_ENOTFOUND;
		} else
			e = gk_db_err(db, err, errlen, "无法查询用户");
		goto fail;
	}
	if ((e = session_insert(db, user_id, login, client, reason, now, cookie, s, err,
	    errlen)) != GK_OK)
		goto fail;
	s->must_change = must;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		cookie[0] = '\0';
	return e;
fail:
	gk_db_tx_rollback(db);
	cookie[0] = '\0';
	return e;
}

enum gk_err
gk_session_lookup(struct gk_db *db, const char *cookie, int64_t now, struct gk_session *s,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 hash[GK_SHA256_HEXLEN + 1], login[GK_USER_LOGIN_MAX + 1];
	const char	*t;
	int		 rc, active = 0;
	int64_t		 user, created = 0;
	enum gk_err	 e;

	memset(s, 0, sizeof(*s));
	if (!gk_session_hex_ok(cookie)) {
		snprintf(err, errlen, "会话不存在");
		return GK_ENOTFOUND;
	}
	session_hash(cookie, hash);
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT s.id, s.user_id, s.csrf, s.last_seen, "
	    "u.must_change, u.active, u.login, CAST(strftime('%s', s.created_at) AS INTEGER) "
	    "FROM session s JOIN users u ON u.id = s.user_id WHERE s.hash = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询会话");
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		s->id = sqlite3_column_int64(st, 0);
		s->user_id = sqlite3_column_int64(st, 1);
		t = (const char *)sqlite3_column_text(st, 2);
		gk_strlcpy_utf8(s->csrf, t != NULL ? t : "", sizeof(s->csrf));
		s->last_seen = sqlite3_column_int64(st, 3);
		s->must_change = sqlite3_column_int(st, 4) != 0;
		active = sqlite3_column_int(st, 5) != 0;
		t = (const char *)sqlite3_column_text(st, 6);
		gk_strlcpy_utf8(login, t != NULL ? t : "", sizeof(login));
		created = sqlite3_column_int64(st, 7);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "会话不存在");
		return GK_ENOTFOUND;
	}
	if (rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法查询会话");
	if (active && now - s->last_seen <= GK_SESSION_IDLE && now - created <= GK_SESSION_MAX_AGE) {
		if (now > s->last_seen && (e = session_exec(db, "UPDATE session SET last_seen = ?2 "
		    "WHERE id = ?3", NULL, now, s->id, "无法更新会话", err, errlen)) != GK_OK)
			return e;
		return GK_OK;
	}
	/* Idle or old, or the user was deactivated: the session ends here. */
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = session_delete_hash(db, hash, &user, err, errlen)) != GK_OK ||
	    (user != 0 && (e = session_audit(db, "system", user, "session_expired", login,
	    "", !active ? "inactive" : now - s->last_seen > GK_SESSION_IDLE ? "idle" : "max_age",
	    -1, now, err, errlen)) != GK_OK)) {
		gk_db_tx_rollback(db);
		return e;
	}
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		return e;
	memset(s, 0, sizeof(*s));
	snprintf(err, errlen, "会话已过期");
	return GK_ENOTFOUND;
}

enum gk_err
gk_session_logout(struct gk_db *db, const char *cookie, int64_t now, char *err,
    size_t errlen)
{
	char		hash[GK_SHA256_HEXLEN + 1], login[GK_USER_LOGIN_MAX + 1];
	int64_t		user;
	int		must, active;
	enum gk_err	e;

	if (!gk_session_hex_ok(cookie)) {
		snprintf(err, errlen, "会话不存在");
		return GK_ENOTFOUND;
	}
	session_hash(cookie, hash);
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = session_delete_hash(db, hash, &user, err, errlen)) != GK_OK)
		goto fail;
	if (user == 0) {
		snprintf(err, errlen, "会话不存在");
		e = GK_ENOTFOUND;
		goto fail;
	}
	login[0] = '\0';
	if ((e = user_brief(db, user, login, sizeof(login), &must, &active)) != GK_OK) {
		e = gk_db_err(db, err, errlen, "无法查询用户");
		goto fail;
	}
	if ((e = session_audit(db, login, user, "logout", login, "", "user", -1, now, err,
	    errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_session_logout_all(struct gk_db *db, int64_t user_id, const char *reason, int64_t now,
    int *np, char *err, size_t errlen)
{
	char		login[GK_USER_LOGIN_MAX + 1];
	int		must, active, n;
	enum gk_err	e;

	if (np != NULL)
		*np = 0;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = user_brief(db, user_id, login, sizeof(login), &must, &active)) != GK_OK) {
		if (e == GK_ENOTFOUND)
			snprintf(err, errlen, "用户 #%lld 不存在", (long long)user_id);
		else
			e = gk_db_err(db, err, errlen, "无法查询用户");
		goto fail;
	}
	if ((e = session_exec(db, "DELETE FROM session WHERE user_id = ?2", NULL, user_id, 0,
	    "无法结束会话", err, errlen)) != GK_OK)
		goto fail;
	n = sqlite3_changes(gk_db_sqlite(db));
	if ((e = session_audit(db, login, user_id, "logout_all", login, "", reason, n, now,
	    err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		return e;
	if (np != NULL)
		*np = n;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_session_list(struct gk_db *db, int64_t user_id, int64_t now, struct gk_session_info *v,
    size_t max, size_t *np, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, created_at, last_seen, client "
	    "FROM session WHERE user_id = ?1 AND last_seen >= ?2 AND "
	    "CAST(strftime('%s', created_at) AS INTEGER) >= ?3 ORDER BY last_seen DESC, id DESC",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法列出会话");
	sqlite3_bind_int64(st, 1, user_id);
	sqlite3_bind_int64(st, 2, now - GK_SESSION_IDLE);
	sqlite3_bind_int64(st, 3, now - GK_SESSION_MAX_AGE);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && *np < max) {
		struct gk_session_info *i = &v[(*np)++];

		i->id = sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		gk_strlcpy_utf8(i->created_at, t != NULL ? t : "", sizeof(i->created_at));
		gk_session_time(sqlite3_column_int64(st, 2), i->last_seen, sizeof(i->last_seen));
		t = (const char *)sqlite3_column_text(st, 3);
		gk_strlcpy_utf8(i->client, t != NULL ? t : "", sizeof(i->client));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法列出会话");
	return GK_OK;
}
