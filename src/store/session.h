/*
 * session.h — back-office sessions and the login guard (issue 6,
 * docs/admin-security.md). Storage (schema v13): session(hash, user_id,
 * csrf, created_at, last_seen, client) and login_guard(login, failures,
 * window_start, locked_until).
 *
 * A session id is 32 bytes from libsodium's randombytes_buf, written as 64
 * lower-case hex characters: that string is the cookie value and is never
 * stored — the table keeps only its SHA-256, so a copy of the database
 * does not hand out live sessions. Each session has its own CSRF token
 * (32 random bytes, hex), compared in constant time by the web layer.
 *
 * Time: every function takes now as seconds since the epoch (the caller's
 * clock, so tests can move it); audit entries get it as RFC 3339 in
 * +08:00. A session dies after GK_SESSION_IDLE seconds without a request,
 * and GK_SESSION_MAX_AGE seconds after it was made in any case.
 *
 * Lockout, per login (also for logins that do not exist, so the answer
 * never tells whether a login exists): GK_SESSION_MAX_FAILS failures
 * within GK_SESSION_LOCK seconds lock the login for GK_SESSION_LOCK
 * seconds; during the lock no password is even checked. A success clears
 * the count.
 *
 * Audit (same transaction as the change): entity "user" (id of the user,
 * 0 when the login is unknown), actions login, login_failed, lockout,
 * login_locked (an attempt while locked), logout, logout_all,
 * session_expired. The change JSON holds the login, the client address and
 * a reason — never a password, a session id or a CSRF token. Refreshing
 * last_seen is bookkeeping and writes no entry.
 */
#ifndef GK_STORE_SESSION_H
#define GK_STORE_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

#define GK_SESSION_COOKIE	"gk_session"
#define GK_SESSION_HEXLEN	64		/* characters of an id or CSRF token */
#define GK_SESSION_IDLE		(30 * 60)	/* seconds without a request */
#define GK_SESSION_MAX_AGE	(12 * 3600)	/* seconds since login, however busy */
#define GK_SESSION_MAX_FAILS	5		/* failed logins before the lock */
#define GK_SESSION_LOCK		(15 * 60)	/* seconds of the lock (and the window) */

/* A live session, as the gate needs it. */
struct gk_session {
	int64_t	 id;			/* row id */
	int64_t	 user_id;
	int	 must_change;		/* the user's password must be changed */
	int64_t	 last_seen;		/* seconds, before this request */
	char	 csrf[GK_SESSION_HEXLEN + 1];
};

/*
 * A login attempt from client (an address, for the audit). When the login
 * is locked: GK_ELIMIT, *untilp (may be NULL) the second the lock ends.
 * When the password is wrong, the login unknown or the user deactivated:
 * GK_EINVAL with the one message "登录名或密码错误" (a deactivated user
 * gets "账户已停用"), the failure counted (the fifth locks: still
 * GK_EINVAL for this attempt, *untilp set). On success: the session of
 * old_cookie (a cookie the browser sent before logging in; may be NULL)
 * is destroyed — the id is always a new one, never the one presented —
 * and a new session is made: its id into cookie (65 bytes), its row into
 * *s. GK_EDB / GK_ENOMEM / GK_EIO otherwise.
 */
enum gk_err	 gk_session_login(struct gk_db *, const char *login,
		    const char *password, const char *old_cookie, const char *client,
		    int64_t now, char cookie[GK_SESSION_HEXLEN + 1], struct gk_session *s,
		    int64_t *untilp, char *err, size_t errlen);

/*
 * A new session for user_id (used after a password change: the id is
 * rotated). Audit action "login" with reason given ("password", "rotate").
 */
enum gk_err	 gk_session_create(struct gk_db *, int64_t user_id, const char *client,
		    const char *reason, int64_t now, char cookie[GK_SESSION_HEXLEN + 1],
		    struct gk_session *s, char *err, size_t errlen);

/*
 * The session of a cookie value: GK_OK with *s when it exists, its user is
 * active, it was used within GK_SESSION_IDLE seconds and made within
 * GK_SESSION_MAX_AGE (last_seen moves to now); GK_ENOTFOUND otherwise (a
 * session found idle or old is deleted, audit "session_expired" with the
 * reason idle, max_age or inactive; a malformed cookie is not looked up).
 */
enum gk_err	 gk_session_lookup(struct gk_db *, const char *cookie, int64_t now,
		    struct gk_session *s, char *err, size_t errlen);

/* Ends the session of cookie (audit "logout"). GK_ENOTFOUND when there is none. */
enum gk_err	 gk_session_logout(struct gk_db *, const char *cookie, int64_t now,
		    char *err, size_t errlen);

/*
 * Ends every session of user_id (audit "logout_all" with the count and
 * reason, e.g. "user", "password"); *np (may be NULL) gets the count.
 */
enum gk_err	 gk_session_logout_all(struct gk_db *, int64_t user_id, const char *reason,
		    int64_t now, int *np, char *err, size_t errlen);

/* One live session of a user, as the user may see it (never the id). */
struct gk_session_info {
	int64_t	 id;
	char	 created_at[32];
	char	 last_seen[32];		/* RFC 3339, +08:00 */
	char	 client[64];
};

/*
 * The user's sessions that are still alive at now (idle and age limits),
 * newest first, at most max into v; *np the count. Reads only.
 */
enum gk_err	 gk_session_list(struct gk_db *, int64_t user_id, int64_t now,
		    struct gk_session_info *v, size_t max, size_t *np, char *err,
		    size_t errlen);

/* now as "YYYY-MM-DDTHH:MM:SS+08:00" into buf (at least 26 bytes). */
void		 gk_session_time(int64_t now, char *buf, size_t n);

/* 1 when s is 64 lower-case hex characters (the shape of an id or token). */
int		 gk_session_hex_ok(const char *s);

#endif /* GK_STORE_SESSION_H */
