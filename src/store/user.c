/*
 * user.c — users of an agency: login, display name, role, argon2id password
 * hash (libsodium), active flag; the password policy; add, get, list,
 * verify, change, reset and deactivate. Every mutation follows the write
 * path of db.h (row and audit entry in one transaction). Hashing is done
 * before the transaction starts, so the write lock is never held while
 * argon2id runs. Roles live in user_role (schema v3), one row per role;
 * users.role is a legacy column written with the lowest role, never read.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/workflow.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/user.h"

#define USER_HASH_MAX		(crypto_pwhash_STRBYTES + 1)

static int	user_fast;

void
gk_user_pwhash_fast(int on)
{
	user_fast = on;
}

static int
user_login_ok(const char *s)
{
	size_t i, n;

	if (s == NULL || (n = strlen(s)) == 0 || n > GK_USER_LOGIN_MAX)
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9');

		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-' && c != '@')))
			return 0;
	}
	return 1;
}

static int
user_login_check(const char *login, char *err, size_t errlen)
{
	if (user_login_ok(login))
		return 1;
	snprintf(err, errlen, "登录名须为 1～%d 个字母、数字或 . _ - @，且以字母或数字开头",
	    GK_USER_LOGIN_MAX);
	return 0;
}

enum gk_err
gk_user_roles_parse(const char *s, unsigned *rolesp, char *err, size_t errlen)
{
	char		 name[32];
	const char	*p, *q;
	enum wf_role	 r;
	unsigned	 roles = 0;
	size_t		 len;

	*rolesp = 0;
	if (s == NULL || *s == '\0') {
		snprintf(err, errlen, "缺少角色（可用：drafter、reviewer、approver、officer、office、admin）");
		return GK_EINVAL;
	}
	for (p = s; ; p = q + 1) {
		q = strchr(p, ',');
		len = q != NULL ? (size_t)(q - p) : strlen(p);
		if (len == 0 || len >= sizeof(name)) {
			snprintf(err, errlen, "角色列表 '%.64s' 格式错误（以逗号分隔，如 drafter,reviewer）", s);
			return GK_EINVAL;
		}
		memcpy(name, p, len);
		name[len] = '\0';
		if (!wf_role_from_name(name, &r)) {
			snprintf(err, errlen, "未知的角色 '%s'（可用：drafter、reviewer、approver、officer、office、admin）",
			    name);
			return GK_EINVAL;
		}
		roles |= WF_ROLE_BIT(r);
		if (q == NULL)
			break;
	}
	*rolesp = roles;
	return GK_OK;
}

void
gk_user_roles_format(unsigned roles, char *buf, size_t n)
{
	size_t	 used = 0;
	int	 r, w;

	if (n == 0)
		return;
	buf[0] = '\0';
	for (r = 0; r < WF_ROLE__MAX; r++) {
		if ((roles & WF_ROLE_BIT(r)) == 0)
			continue;
		w = snprintf(buf + used, n - used, "%s%s", used ? "," : "",
		    wf_role_name((enum wf_role)r));
		if (w < 0 || (size_t)w >= n - used)
			return;
		used += (size_t)w;
	}
}

/* The lowest role of a valid, non-empty set (the legacy users.role), or -1. */
static int
user_first_role(unsigned roles, char *err, size_t errlen)
{
	int r;

	if ((roles & ~((1u << WF_ROLE__MAX) - 1)) == 0)
		for (r = 0; r < WF_ROLE__MAX; r++)
			if (roles & WF_ROLE_BIT(r))
				return r;
	snprintf(err, errlen, "缺少角色或角色无效");
	return -1;
}

/* Replaces the user's rows of user_role with roles; inside a transaction. */
static enum gk_err
user_store_roles(struct gk_db *db, int64_t id, unsigned roles, char *err,
    size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	int		 r, rc;

	if (sqlite3_prepare_v2(h, "DELETE FROM user_role WHERE user_id = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法保存角色");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法保存角色");
	if (sqlite3_prepare_v2(h, "INSERT INTO user_role (user_id, role) VALUES (?, ?)",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法保存角色");
	for (r = 0; r < WF_ROLE__MAX; r++) {
		if ((roles & WF_ROLE_BIT(r)) == 0)
			continue;
		sqlite3_reset(st);
		sqlite3_bind_int64(st, 1, id);
		sqlite3_bind_text(st, 2, wf_role_name((enum wf_role)r), -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			return gk_db_err(db, err, errlen, "无法保存角色");
		}
	}
	sqlite3_finalize(st);
	return GK_OK;
}

enum gk_err
gk_user_password_check(const char *pw, char *err, size_t errlen)
{
	static const char *const labels[4] = { "小写字母", "大写字母", "数字", "其他字符" };
	const unsigned char *p;
	char		 missing[128];
	int		 has[4] = { 0, 0, 0, 0 }, classes = 0, i;
	long		 nc;
	size_t		 used = 0;

	if (pw == NULL || strlen(pw) > GK_USER_PW_MAX || (nc = gk_text_chars(pw)) < 0) {
		snprintf(err, errlen, "密码须为不超过 %d 字节的合法 UTF-8 文本，不含控制字符",
		    GK_USER_PW_MAX);
		return GK_EINVAL;
	}
	for (p = (const unsigned char *)pw; *p != '\0'; p++) {
		if (*p >= 'a' && *p <= 'z')
			has[0] = 1;
		else if (*p >= 'A' && *p <= 'Z')
			has[1] = 1;
		else if (*p >= '0' && *p <= '9')
			has[2] = 1;
		else if ((*p & 0xc0) != 0x80)	/* count a character once */
			has[3] = 1;
	}
	missing[0] = '\0';
	for (i = 0; i < 4; i++) {
		if (has[i])
			classes++;
		else {
			snprintf(missing + used, sizeof(missing) - used, "%s%s",
			    used ? "、" : "", labels[i]);
			used = strlen(missing);
		}
	}
	if (nc >= GK_USER_PW_MIN && classes >= 3)
		return GK_OK;
	if (nc < GK_USER_PW_MIN && classes < 3)
		snprintf(err, errlen, "密码太弱：至少 %d 个字符（现有 %ld 个），且须包含小写字母、"
		    "大写字母、数字、其他字符中至少 3 类（缺少：%s）", GK_USER_PW_MIN, nc, missing);
	else if (nc < GK_USER_PW_MIN)
		snprintf(err, errlen, "密码太短：至少 %d 个字符（现有 %ld 个）", GK_USER_PW_MIN, nc);
	else
		snprintf(err, errlen, "密码太弱：须包含小写字母、大写字母、数字、其他字符中至少 3 类"
		    "（缺少：%s）", missing);
	return GK_EINVAL;
}

enum gk_err
gk_user_password_generate(char *buf, size_t n)
{
	/* No look-alikes (0/O, 1/l/I). */
	static const char alphabet[] =
	    "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789-_.+=%#";
	char	 err[8];
	size_t	 i;

	if (n < 17 || sodium_init() < 0)
		return GK_EINVAL;
	do {
		for (i = 0; i + 1 < n; i++)
			buf[i] = alphabet[randombytes_uniform(sizeof(alphabet) - 1)];
		buf[n - 1] = '\0';
	} while (gk_user_password_check(buf, err, sizeof(err)) != GK_OK);
	return GK_OK;
}

/* out (USER_HASH_MAX bytes) gets the argon2id string. */
static enum gk_err
user_hash(const char *pw, char *out, char *err, size_t errlen)
{
	unsigned long long	ops;
	size_t			mem;
	char			*h = out;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "无法初始化密码库（libsodium）");
		return GK_EIO;
	}
	ops = user_fast ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
	mem = user_fast ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
	if (crypto_pwhash_str(h, pw, strlen(pw), ops, mem) != 0) {
		sodium_memzero(out, USER_HASH_MAX);
		snprintf(err, errlen, "内存不足，无法计算密码哈希");
		return GK_ENOMEM;
	}
	return GK_OK;
}

/*
 * The id, active flag, stored hash and must_change flag of a login. 1
 * found, 0 absent, -1 database error. hash gets "" when there is none.
 */
static int
user_auth_row(sqlite3 *h, const char *login, int64_t *idp, int *activep,
    char *hash, size_t hashlen, int *mustp)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT id, active, password_hash, must_change "
	    "FROM users WHERE login = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*idp = sqlite3_column_int64(st, 0);
		*activep = sqlite3_column_int(st, 1);
		t = (const char *)sqlite3_column_text(st, 2);
		gk_strlcpy_utf8(hash, t != NULL ? t : "", hashlen);
		if (mustp != NULL)
			*mustp = sqlite3_column_int(st, 3);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

enum gk_err
gk_user_add(struct gk_db *db, const char *actor, int64_t agency_id,
    const char *login, const char *display_name, unsigned roles,
    const char *password, const char *now, int64_t *idp, char *err,
    size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st = NULL;
	enum gk_err	 e;
	char		 hash[USER_HASH_MAX], rolestr[GK_USER_ROLES_MAX];
	int64_t		 id, other;
	long		 nc;
	int		 rc, role, active;

	if (idp != NULL)
		*idp = 0;
	hash[0] = '\0';
	if (!user_login_check(login, err, errlen))
		return GK_EINVAL;
	if (display_name == NULL || (nc = gk_text_chars(display_name)) <= 0 ||
	    nc > GK_USER_NAME_MAX) {
		snprintf(err, errlen, "姓名须为 1～%d 个字符的合法 UTF-8 文本，不含控制字符",
		    GK_USER_NAME_MAX);
		return GK_EINVAL;
	}
	if ((role = user_first_role(roles, err, errlen)) < 0)
		return GK_EINVAL;
	if (agency_id <= 0) {
		snprintf(err, errlen, "机构编号须为正整数");
		return GK_EINVAL;
	}
	if (password != NULL) {
		if ((e = gk_user_password_check(password, err, errlen)) != GK_OK)
			return e;
		if ((e = user_hash(password, hash, err, errlen)) != GK_OK)
			return e;
	}

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, agency_id, WF_ROLE_BIT(WF_ROLE_ADMIN), 1,
	    err, errlen)) != GK_OK)
		goto fail;
	{
		char ignore[4];

		if ((rc = user_auth_row(h, login, &other, &active, ignore,
		    sizeof(ignore), NULL)) != 0) {
			if (rc < 0)
				e = gk_db_err(db, err, errlen, "无法查询用户");
			else {
				snprintf(err, errlen, "登录名 %s 已被使用（用户编号 %lld）",
				    login, (long long)other);
				e = GK_ECONFLICT;
			}
			goto fail;
		}
	}
	if (sqlite3_prepare_v2(h, "INSERT INTO users (agency_id, login, display_name, "
	    "role, password_hash, active, created_at, must_change) "
	    "VALUES (?, ?, ?, ?, ?, 1, ?, ?)",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法添加用户");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, login, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, display_name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, wf_role_name((enum wf_role)role), -1, SQLITE_STATIC);
	if (hash[0] != '\0')
		sqlite3_bind_text(st, 5, hash, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 5);
	sqlite3_bind_text(st, 6, now != NULL ? now : "", -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 7, password != NULL);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法添加用户");
		goto fail;
	}
	id = sqlite3_last_insert_rowid(h);
	if ((e = user_store_roles(db, id, roles, err, errlen)) != GK_OK)
		goto fail;
	gk_user_roles_format(roles, rolestr, sizeof(rolestr));
	if ((e = gk_audit_append_json(db, actor, "user", id, "create",
	    json_pack("{s:I, s:I, s:s, s:s, s:s, s:b, s:b, s:b}", "id", (json_int_t)id,
	    "agency_id", (json_int_t)agency_id, "login", login, "display_name",
	    display_name, "roles", rolestr, "active", 1, "password_set",
	    password != NULL, "must_change", password != NULL), now, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto out;
	if (idp != NULL)
		*idp = id;
	goto out;
fail:
	gk_db_tx_rollback(db);
out:
	sodium_memzero(hash, sizeof(hash));
	return e;
}

void
gk_user_clear(struct gk_user *u)
{
	if (u == NULL)
		return;
	gk_free(u->login);
	gk_free(u->display_name);
	gk_free(u->created_at);
	memset(u, 0, sizeof(*u));
}

#define USER_COLS "SELECT id, agency_id, login, display_name, " \
	"(SELECT group_concat(role) FROM user_role WHERE user_id = users.id), " \
	"password_hash, active, created_at, must_change FROM users "

static enum gk_err
user_from_row(sqlite3_stmt *st, struct gk_user *u)
{
	const char	*t;
	char		 ignore[8];

	memset(u, 0, sizeof(*u));
	u->id = sqlite3_column_int64(st, 0);
	u->agency_id = sqlite3_column_int64(st, 1);
	t = (const char *)sqlite3_column_text(st, 4);
	if (t == NULL || gk_user_roles_parse(t, &u->roles, ignore,
	    sizeof(ignore)) != GK_OK)
		u->roles = 0;	/* the CHECK on user_role keeps this from happening */
	t = (const char *)sqlite3_column_text(st, 5);
	u->has_password = t != NULL && t[0] != '\0';
	u->must_change = sqlite3_column_int(st, 8) != 0;
	u->active = sqlite3_column_int(st, 6);
	t = (const char *)sqlite3_column_text(st, 2);
	u->login = gk_strdup(t ? t : "");
	t = (const char *)sqlite3_column_text(st, 3);
	u->display_name = gk_strdup(t ? t : "");
	t = (const char *)sqlite3_column_text(st, 7);
	u->created_at = gk_strdup(t ? t : "");
	if (u->login == NULL || u->display_name == NULL || u->created_at == NULL) {
		gk_user_clear(u);
		return GK_ENOMEM;
	}
	return GK_OK;
}

/* gk_db_get_one's fill for a user row. */
static enum gk_err
user_fill(sqlite3_stmt *st, void *out)
{
	return user_from_row(st, out);
}

enum gk_err
gk_user_get(struct gk_db *db, int64_t id, struct gk_user *u, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	char		 what[32];

	memset(u, 0, sizeof(*u));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), USER_COLS "WHERE id = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询用户");
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof(what), "#%lld", (long long)id);
	return gk_db_get_one(db, st, user_fill, u, "用户", what, err, errlen);
}

enum gk_err
gk_user_get_by_login(struct gk_db *db, const char *login, struct gk_user *u,
    char *err, size_t errlen)
{
	sqlite3_stmt *st;

	memset(u, 0, sizeof(*u));
	if (!user_login_check(login, err, errlen))
		return GK_EINVAL;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), USER_COLS "WHERE login = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询用户");
	sqlite3_bind_text(st, 1, login, -1, SQLITE_STATIC);
	return gk_db_get_one(db, st, user_fill, u, "用户", login, err, errlen);
}

void
gk_user_list_free(struct gk_user_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_user_clear(&l->v[i]);
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum gk_err
gk_user_list(struct gk_db *db, int64_t agency_id, struct gk_user_list *l,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	struct gk_user	*nv;
	size_t		 cap = 0;
	enum gk_err	 e = GK_OK;
	int		 rc;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), USER_COLS
	    "WHERE ?1 = 0 OR agency_id = ?1 ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法列出用户");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = gk_realloc(l->v, cap * sizeof(*nv))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			l->v = nv;
		}
		if ((e = user_from_row(st, &l->v[l->n])) != GK_OK)
			break;
		l->n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法列出用户");
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	if (e != GK_OK)
		gk_user_list_free(l);
	return e;
}

/* Verifies against the stored hash; fills id and the stored hash (for CAS). */
static enum gk_err
user_check(struct gk_db *db, const char *login, const char *password,
    int64_t *idp, char *hash, int *mustp, char *err, size_t errlen)
{
	int		 rc, active;

	if (!user_login_check(login, err, errlen))
		return GK_EINVAL;
	if (password == NULL || strlen(password) > GK_USER_PW_MAX) {
		snprintf(err, errlen, "密码错误");
		return GK_EINVAL;
	}
	rc = user_auth_row(gk_db_sqlite(db), login, idp, &active, hash, USER_HASH_MAX,
	    mustp);
	if (rc < 0)
		return gk_db_err(db, err, errlen, "无法查询用户");
	if (rc == 0) {
		snprintf(err, errlen, "用户 %s 不存在", login);
		return GK_ENOTFOUND;
	}
	if (!active) {
		snprintf(err, errlen, "用户 %s 已停用", login);
		return GK_ECONFLICT;
	}
	if (sodium_init() < 0) {
		snprintf(err, errlen, "无法初始化密码库（libsodium）");
		return GK_EIO;
	}
	if (hash[0] == '\0' || crypto_pwhash_str_verify(hash, password,
	    strlen(password)) != 0) {
		snprintf(err, errlen, "用户 %s 的密码错误", login);
		return GK_EINVAL;
	}
	return GK_OK;
}

enum gk_err
gk_user_verify_password(struct gk_db *db, const char *login,
    const char *password, int64_t *idp, int *must_changep, char *err,
    size_t errlen)
{
	char		hash[USER_HASH_MAX];
	int64_t		id = 0;
	int		must = 0;
	enum gk_err	e;

	hash[0] = '\0';
	e = user_check(db, login, password, &id, hash, &must, err, errlen);
	sodium_memzero(hash, sizeof(hash));
	if (idp != NULL)
		*idp = e == GK_OK ? id : 0;
	if (must_changep != NULL)
		*must_changep = e == GK_OK && must;
	return e;
}

/*
 * Replaces the stored hash of user id with newhash, but only if it still
 * is oldhash (NULL: any), plus the audit entry; one transaction.
 */
static enum gk_err
user_store_hash(struct gk_db *db, const char *actor, int64_t id,
    const char *oldhash, const char *newhash, const char *action,
    int must_change, const char *now, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	enum gk_err	 e;
	int		 rc;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(h, "UPDATE users SET password_hash = ?1, must_change = ?4 "
	    "WHERE id = ?2 AND active = 1 AND (?3 IS NULL OR password_hash = ?3)", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法修改密码");
		goto fail;
	}
	sqlite3_bind_text(st, 1, newhash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, id);
	if (oldhash != NULL)
		sqlite3_bind_text(st, 3, oldhash, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_int(st, 4, must_change != 0);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法修改密码");
		goto fail;
	}
	if (sqlite3_changes(h) != 1) {
		snprintf(err, errlen, "密码已被他人同时修改或用户已停用，请重试");
		e = GK_ECONFLICT;
		goto fail;
	}
	/* What changed, never the password or its hash. */
	if ((e = gk_audit_append_json(db, actor, "user", id, action,
	    json_pack("{s:s, s:b}", "password", "changed", "must_change", must_change),
	    now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* The parent of an agency into *parentp (0: none); 1 found, 0 absent, -1 error. */
static int
user_agency_parent(sqlite3 *h, int64_t agency_id, int64_t *parentp)
{
	sqlite3_stmt	*st;
	int		 rc;

	*parentp = 0;
	if (sqlite3_prepare_v2(h, "SELECT parent_id FROM agency WHERE id = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*parentp = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

enum gk_err
gk_user_authorize(struct gk_db *db, const char *actor, int64_t agency_id,
    unsigned roles_any, int allow_parent, char *err, size_t errlen)
{
	struct gk_user	u;
	enum gk_err	e;
	int64_t		parent = 0;
	char		need[GK_USER_ROLES_MAX];
	int		rc, ok;

	/* Not a login at all (e.g. "cli:root"): the operator's shell. */
	if (!user_login_ok(actor))
		return GK_OK;
	e = gk_user_get_by_login(db, actor, &u, err, errlen);
	if (e == GK_ENOTFOUND)
		return GK_OK;
	if (e != GK_OK)
		return e;
	ok = u.active && (u.roles & roles_any) != 0;
	if (ok && u.agency_id != agency_id) {
		ok = 0;
		if (allow_parent) {
			if ((rc = user_agency_parent(gk_db_sqlite(db), agency_id,
			    &parent)) < 0) {
				gk_user_clear(&u);
				return gk_db_err(db, err, errlen, "无法查询机构");
			}
			ok = rc == 1 && parent != 0 && parent == u.agency_id;
		}
	}
	gk_user_roles_format(roles_any, need, sizeof(need));
	if (!ok)
		snprintf(err, errlen, "用户 %s 无权执行此操作：%s须为机构 %lld%s中角色为 %s 的"
		    "在用用户", actor, u.active ? "" : "该用户已停用；", (long long)agency_id,
		    allow_parent ? "（或其上级机构）" : "", need);
	gk_user_clear(&u);
	return ok ? GK_OK : GK_ECONFLICT;
}

/*
 * Inside a transaction: refuses (GK_ECONFLICT) when user u, an active
 * admin, would stop being one (new_roles without admin, or deactivation)
 * and no other active admin of u's agency is left.
 */
static enum gk_err
user_keep_an_admin(struct gk_db *db, const struct gk_user *u, unsigned new_roles,
    int deactivating, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	unsigned	 admin = WF_ROLE_BIT(WF_ROLE_ADMIN);
	int		 rc, others;

	if (!u->active || (u->roles & admin) == 0 ||
	    (!deactivating && (new_roles & admin) != 0))
		return GK_OK;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*) FROM users u JOIN "
	    "user_role r ON r.user_id = u.id WHERE u.agency_id = ? AND u.active = 1 "
	    "AND r.role = 'admin' AND u.id != ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询管理员");
	sqlite3_bind_int64(st, 1, u->agency_id);
	sqlite3_bind_int64(st, 2, u->id);
	rc = sqlite3_step(st);
	others = rc == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
	sqlite3_finalize(st);
	if (others < 0)
		return gk_db_err(db, err, errlen, "无法查询管理员");
	if (others == 0) {
		snprintf(err, errlen, "用户 %s 是机构 %lld 唯一的在用管理员，不能%s"
		    "（请先给另一位用户 admin 角色）", u->login, (long long)u->agency_id,
		    deactivating ? "停用" : "去掉其 admin 角色");
		return GK_ECONFLICT;
	}
	return GK_OK;
}

enum gk_err
gk_user_passwd(struct gk_db *db, const char *actor, const char *login,
    const char *old_pw, const char *new_pw, const char *now, char *err,
    size_t errlen)
{
	char		oldhash[USER_HASH_MAX], newhash[USER_HASH_MAX];
	int64_t		id = 0;
	enum gk_err	e;

	oldhash[0] = newhash[0] = '\0';
	if (actor == NULL || login == NULL || strcmp(actor, login) != 0) {
		snprintf(err, errlen, "只有用户 %s 本人可以凭原密码修改密码"
		    "（管理员请重置密码：gongkai user passwd %s --reset）",
		    login != NULL ? login : "", login != NULL ? login : "LOGIN");
		return GK_ECONFLICT;
	}
	if ((e = user_check(db, login, old_pw, &id, oldhash, NULL, err, errlen)) != GK_OK)
		goto out;
	if ((e = gk_user_password_check(new_pw, err, errlen)) != GK_OK)
		goto out;
	if (strcmp(old_pw, new_pw) == 0) {
		snprintf(err, errlen, "新密码不能与原密码相同");
		e = GK_EINVAL;
		goto out;
	}
	if ((e = user_hash(new_pw, newhash, err, errlen)) != GK_OK)
		goto out;
	e = user_store_hash(db, actor, id, oldhash, newhash, "passwd", 0, now,
	    err, errlen);
out:
	sodium_memzero(oldhash, sizeof(oldhash));
	sodium_memzero(newhash, sizeof(newhash));
	return e;
}

enum gk_err
gk_user_set_password(struct gk_db *db, const char *actor, const char *login,
    const char *password, const char *now, char *err, size_t errlen)
{
	struct gk_user	u;
	char		hash[USER_HASH_MAX];
	enum gk_err	e;

	hash[0] = '\0';
	if ((e = gk_user_password_check(password, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_user_get_by_login(db, login, &u, err, errlen)) != GK_OK)
		return e;
	if (!u.active) {
		snprintf(err, errlen, "用户 %s 已停用", login);
		e = GK_ECONFLICT;
	} else if ((e = gk_user_authorize(db, actor, u.agency_id,
	    WF_ROLE_BIT(WF_ROLE_ADMIN), 0, err, errlen)) != GK_OK)
		;
	else if ((e = user_hash(password, hash, err, errlen)) == GK_OK)
		e = user_store_hash(db, actor, u.id, NULL, hash, "reset_password", 1,
		    now, err, errlen);
	gk_user_clear(&u);
	sodium_memzero(hash, sizeof(hash));
	return e;
}

/*
 * Inside a transaction: loads login into *u, checks it exists and that
 * actor may administer it (admin of its agency or the parent).
 */
static enum gk_err
user_admin_target(struct gk_db *db, const char *actor, const char *login,
    struct gk_user *u, char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = gk_user_get_by_login(db, login, u, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_user_authorize(db, actor, u->agency_id,
	    WF_ROLE_BIT(WF_ROLE_ADMIN), 1, err, errlen)) != GK_OK)
		gk_user_clear(u);
	return e;
}

/*
 * Runs an UPDATE of user id (binding text, when not NULL, then id) and
 * appends its audit entry (entity "user", action, the change j, consumed);
 * inside a transaction.
 */
static enum gk_err
user_update(struct gk_db *db, const char *actor, const char *sql, const char *text,
    int64_t id, const char *what, const char *action, json_t *j, const char *now,
    char *err, size_t errlen)
{
	enum gk_err e;

	e = text != NULL ? gk_db_exec(db, what, err, errlen, sql, "ti", text, id) :
	    gk_db_exec(db, what, err, errlen, sql, "i", id);
	if (e != GK_OK) {
		json_decref(j);
		return e;
	}
	return gk_audit_append_json(db, actor, "user", id, action, j, now, err, errlen);
}

enum gk_err
gk_user_deactivate(struct gk_db *db, const char *actor, const char *login,
    const char *now, char *err, size_t errlen)
{
	struct gk_user	 u;
	enum gk_err	 e;

	memset(&u, 0, sizeof(u));
	if (!user_login_check(login, err, errlen))
		return GK_EINVAL;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = user_admin_target(db, actor, login, &u, err, errlen)) != GK_OK)
		goto fail;
	if (!u.active) {
		snprintf(err, errlen, "用户 %s 已经停用", login);
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = user_keep_an_admin(db, &u, 0, 1, err, errlen)) != GK_OK ||
	    (e = user_update(db, actor, "UPDATE users SET active = 0 WHERE id = ?", NULL,
	    u.id, "无法停用用户", "deactivate", json_pack("{s:b}", "active", 0), now, err,
	    errlen)) != GK_OK)
		goto fail;
	gk_user_clear(&u);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_user_clear(&u);
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_user_set_roles(struct gk_db *db, const char *actor, const char *login,
    unsigned roles, const char *now, char *err, size_t errlen)
{
	struct gk_user	 u;
	enum gk_err	 e;
	char		 rolestr[GK_USER_ROLES_MAX], oldstr[GK_USER_ROLES_MAX];
	int		 role;

	memset(&u, 0, sizeof(u));
	if (!user_login_check(login, err, errlen))
		return GK_EINVAL;
	if ((role = user_first_role(roles, err, errlen)) < 0)
		return GK_EINVAL;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = user_admin_target(db, actor, login, &u, err, errlen)) != GK_OK)
		goto fail;
	gk_user_roles_format(roles, rolestr, sizeof(rolestr));
	gk_user_roles_format(u.roles, oldstr, sizeof(oldstr));
	if ((e = user_keep_an_admin(db, &u, roles, 0, err, errlen)) != GK_OK ||
	    (e = user_store_roles(db, u.id, roles, err, errlen)) != GK_OK ||
	    /* Keep the legacy column consistent for old readers. */
	    (e = user_update(db, actor, "UPDATE users SET role = ? WHERE id = ?",
	    wf_role_name((enum wf_role)role), u.id, "无法保存角色", "set_roles",
	    json_pack("{s:s, s:s}", "roles", rolestr, "old", oldstr), now, err,
	    errlen)) != GK_OK)
		goto fail;
	gk_user_clear(&u);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_user_clear(&u);
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_user_set_name(struct gk_db *db, const char *actor, const char *login,
    const char *display_name, const char *now, char *err, size_t errlen)
{
	struct gk_user	 u;
	enum gk_err	 e;
	long		 nc;

	memset(&u, 0, sizeof(u));
	if (!user_login_check(login, err, errlen))
		return GK_EINVAL;
	if (display_name == NULL || (nc = gk_text_chars(display_name)) <= 0 ||
	    nc > GK_USER_NAME_MAX) {
		snprintf(err, errlen, "姓名须为 1～%d 个字符的合法 UTF-8 文本，不含控制字符",
		    GK_USER_NAME_MAX);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = user_admin_target(db, actor, login, &u, err, errlen)) != GK_OK)
		goto fail;
	if (strcmp(u.display_name, display_name) == 0) {
		gk_user_clear(&u);
		gk_db_tx_rollback(db);	/* nothing changed, nothing audited */
		return GK_OK;
	}
	if ((e = user_update(db, actor, "UPDATE users SET display_name = ? WHERE id = ?",
	    display_name, u.id, "无法修改姓名", "set_name", json_pack("{s:s, s:s}",
	    "display_name", display_name, "old", u.display_name), now, err, errlen)) != GK_OK)
		goto fail;
	gk_user_clear(&u);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_user_clear(&u);
	gk_db_tx_rollback(db);
	return e;
}
