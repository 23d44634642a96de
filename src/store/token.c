/*
 * token.c — API tokens (token.h): make (shown once, stored as SHA-256),
 * list, revoke, check. Making and revoking follow db.h's write path (row
 * and audit entry in one transaction).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/sha256.h"
#include "core/workflow.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/token.h"
#include "store/user.h"

#define TOKEN_BYTES	32
#define TOKEN_AUTH	(WF_ROLE_BIT(WF_ROLE_ADMIN) | WF_ROLE_BIT(WF_ROLE_OFFICER))

static void
token_hash(const char *token, char out[GK_SHA256_HEXLEN + 1])
{
	unsigned char d[GK_SHA256_LEN];

	gk_sha256(token, strlen(token), d);
	gk_sha256_hex(d, out);
}

/* 1 when s has the shape of a token: "gkt_" and 64 lower-case hex. */
static int
token_shape(const char *s)
{
	size_t i;

	if (s == NULL || strncmp(s, GK_TOKEN_PREFIX, 4) != 0 || strlen(s) != GK_TOKEN_LEN)
		return 0;
	for (i = 4; i < GK_TOKEN_LEN; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static enum gk_err
token_audit(struct gk_db *db, const char *actor, int64_t id, const char *action, json_t *o,
    const char *now, char *err, size_t errlen)
{
	return gk_audit_append_json(db, actor, "api_token", id, action, o, now, err, errlen);
}

enum gk_err
gk_token_add(struct gk_db *db, const char *actor, int64_t agency_id, const char *name,
    const char *user_login, const char *now, char token[GK_TOKEN_LEN + 1], int64_t *idp,
    char *err, size_t errlen)
{
	struct gk_user	 u;
	unsigned char	 b[TOKEN_BYTES];
	char		 hash[GK_SHA256_HEXLEN + 1], prefix[GK_TOKEN_SHOWN + 1];
	long		 nc;
	int64_t		 id;
	enum gk_err	 e;

	token[0] = '\0';
	if (name == NULL || (nc = gk_text_chars(name)) < 1 || nc > GK_TOKEN_NAME_MAX ||
	    name[strspn(name, " ")] == '\0') {
		snprintf(err, errlen, "令牌名称须为 1～%d 个字符，不含控制字符", GK_TOKEN_NAME_MAX);
		return GK_EINVAL;
	}
	memset(&u, 0, sizeof(u));
	if ((e = gk_user_get_by_login(db, user_login != NULL ? user_login : "", &u, err,
	    errlen)) != GK_OK)
		return e;
	if (!u.active || u.agency_id != agency_id ||
	    (u.roles & WF_ROLE_BIT(WF_ROLE_DRAFTER)) == 0) {
		snprintf(err, errlen, "令牌的起草账号 %s 须为机构 %lld 的在用科室拟稿人", u.login,
		    (long long)agency_id);
		gk_user_clear(&u);
		return GK_EINVAL;
	}
	if (sodium_init() < 0) {
		gk_user_clear(&u);
		snprintf(err, errlen, "无法初始化随机数（libsodium）");
		return GK_EIO;
	}
	memcpy(token, GK_TOKEN_PREFIX, 4);
	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(token + 4, GK_TOKEN_LEN - 4 + 1, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
	token_hash(token, hash);
	memcpy(prefix, token, GK_TOKEN_SHOWN);
	prefix[GK_TOKEN_SHOWN] = '\0';
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	if ((e = gk_user_authorize(db, actor, agency_id, TOKEN_AUTH, 0, err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_exec(db, "无法保存令牌", err, errlen, "INSERT INTO api_token (agency_id,"
	    " user_id, name, hash, prefix, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
	    "iittttt", agency_id, u.id, name, hash, prefix, actor, now)) != GK_OK)
		goto fail;
	id = sqlite3_last_insert_rowid(gk_db_sqlite(db));
	if ((e = token_audit(db, actor, id, "token_add", json_pack("{s:s, s:I, s:s, s:s}", "name",
	    name, "agency_id", (json_int_t)agency_id, "user", u.login, "prefix", prefix), now,
	    err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto out;
	if (idp != NULL)
		*idp = id;
	gk_user_clear(&u);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
out:
	gk_user_clear(&u);
	sodium_memzero(token, GK_TOKEN_LEN + 1);
	token[0] = '\0';
	return e;
}

#define TOKEN_COLS "SELECT t.id, t.agency_id, t.user_id, u.login, t.name, t.prefix, " \
	"t.created_by, t.created_at, coalesce(t.last_used_at, ''), coalesce(t.revoked_at, '') " \
	"FROM api_token t JOIN users u ON u.id = t.user_id "

static enum gk_err
token_row(sqlite3_stmt *st, void *out)
{
	struct gk_token *t = out;
	const char *s;

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->agency_id = sqlite3_column_int64(st, 1);
	t->user_id = sqlite3_column_int64(st, 2);
#define TXT(i, f) \
	s = (const char *)sqlite3_column_text(st, i); \
	gk_strlcpy_utf8(t->f, s != NULL ? s : "", sizeof(t->f))
	TXT(3, user);
	TXT(4, name);
	TXT(5, prefix);
	TXT(6, created_by);
	TXT(7, created_at);
	TXT(8, last_used_at);
	TXT(9, revoked_at);
#undef TXT
	return GK_OK;
}

enum gk_err
gk_token_list(struct gk_db *db, int64_t agency_id, struct gk_token_list *l, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	void		*v;
	enum gk_err	 e;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), TOKEN_COLS
	    "WHERE ?1 = 0 OR t.agency_id = ?1 ORDER BY t.id DESC", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法列出令牌");
	sqlite3_bind_int64(st, 1, agency_id);
	e = gk_db_collect(db, st, sizeof(*l->v), token_row, &v, &l->n, "无法列出令牌", err, errlen);
	l->v = v;
	return e;
}

void
gk_token_list_free(struct gk_token_list *l)
{
	if (l == NULL)
		return;
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* One token by a bound query; 1 found, 0 none, -1 error. */
static int
token_one(sqlite3_stmt *st, struct gk_token *t)
{
	int rc = sqlite3_step(st);

	if (rc == SQLITE_ROW)
		token_row(st, t);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

enum gk_err
gk_token_revoke(struct gk_db *db, const char *actor, int64_t agency_id, int64_t id,
    const char *now, char *err, size_t errlen)
{
	struct gk_token	 t;
	sqlite3_stmt	*st;
	int		 rc;
	enum gk_err	 e;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), TOKEN_COLS "WHERE t.id = ?", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询令牌");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	if ((rc = token_one(st, &t)) < 0) {
		e = gk_db_err(db, err, errlen, "无法查询令牌");
		goto fail;
	}
	if (rc == 0 || (agency_id > 0 && t.agency_id != agency_id)) {
		snprintf(err, errlen, "令牌 %lld 不存在", (long long)id);
		e = GK_ENOTFOUND;
		goto fail;
	}
	if (t.revoked_at[0] != '\0') {
		snprintf(err, errlen, "令牌 %lld 已于 %s 吊销", (long long)id, t.revoked_at);
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, t.agency_id, TOKEN_AUTH, 0, err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_exec(db, "无法吊销令牌", err, errlen, "UPDATE api_token SET revoked_at = ?"
	    " WHERE id = ?", "ti", now, id)) != GK_OK)
		goto fail;
	if ((e = token_audit(db, actor, id, "token_revoke", json_pack("{s:s, s:s}", "name", t.name,
	    "prefix", t.prefix), now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_token_check(struct gk_db *db, const char *token, const char *now, struct gk_token *t,
    char *err, size_t errlen)
{
	char		 hash[GK_SHA256_HEXLEN + 1];
	sqlite3_stmt	*st;
	int		 rc;

	memset(t, 0, sizeof(*t));
	if (!token_shape(token)) {
		snprintf(err, errlen, "令牌无效");
		return GK_ENOTFOUND;
	}
	token_hash(token, hash);
	if (sqlite3_prepare_v2(gk_db_sqlite(db), TOKEN_COLS "WHERE t.hash = ? AND "
	    "t.revoked_at IS NULL", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询令牌");
	sqlite3_bind_text(st, 1, hash, -1, SQLITE_STATIC);
	if ((rc = token_one(st, t)) < 0)
		return gk_db_err(db, err, errlen, "无法查询令牌");
	if (rc == 0) {
		snprintf(err, errlen, "令牌无效");
		return GK_ENOTFOUND;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "UPDATE api_token SET last_used_at = ? "
	    "WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法更新令牌");
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, t->id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法更新令牌");
	gk_strlcpy_utf8(t->last_used_at, now, sizeof(t->last_used_at));
	return GK_OK;
}
