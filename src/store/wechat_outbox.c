/*
 * wechat_outbox.c — the WeChat account and outbox tables (wechat_outbox.h,
 * schema v18). Mutations follow db.h's write path (row and audit entry in
 * one transaction) except the token and cover caches (bookkeeping).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/workflow.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/user.h"
#include "store/wechat_outbox.h"

#define WX_AUTH		(WF_ROLE_BIT(WF_ROLE_ADMIN) | WF_ROLE_BIT(WF_ROLE_OFFICER))
#define WX_LIST_MAX	500

static int
wx_id_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	    c == '_' || c == '-';
}

enum gk_err
gk_wechat_account_check(const char *base_url, const char *appid, const char *secret,
    char *err, size_t errlen)
{
	const char	*h;
	size_t		 i, n;

	if (base_url == NULL || (strncmp(base_url, "http://", 7) != 0 &&
	    strncmp(base_url, "https://", 8) != 0) || strlen(base_url) > 500) {
		snprintf(err, errlen, "接口地址须以 http:// 或 https:// 开头，不超过 500 个字符");
		return GK_EINVAL;
	}
	h = strstr(base_url, "//") + 2;
	if (*h == '\0' || *h == '/' || *h == ':') {
		snprintf(err, errlen, "接口地址缺少主机名");
		return GK_EINVAL;
	}
	for (i = 0; base_url[i] != '\0'; i++)
		if ((unsigned char)base_url[i] <= 0x20 || (unsigned char)base_url[i] >= 0x7f ||
		    base_url[i] == '?' || base_url[i] == '#' || base_url[i] == '"' ||
		    base_url[i] == '\'' || base_url[i] == '<' || base_url[i] == '>' ||
		    base_url[i] == '\\') {
			snprintf(err, errlen, "接口地址含不允许的字符（空格、引号、?、# 或非 ASCII 字符）");
			return GK_EINVAL;
		}
	n = appid != NULL ? strlen(appid) : 0;
	if (n < 1 || n > 64) {
		snprintf(err, errlen, "AppID 须为 1～64 个字母、数字、_ 或 -");
		return GK_EINVAL;
	}
	for (i = 0; i < n; i++)
		if (!wx_id_char(appid[i])) {
			snprintf(err, errlen, "AppID 须为 1～64 个字母、数字、_ 或 -");
			return GK_EINVAL;
		}
	if (secret != NULL) {
		n = strlen(secret);
		if (n < 1 || n > 128) {
			snprintf(err, errlen, "AppSecret 须为 1～128 个可打印 ASCII 字符，不含空格");
			return GK_EINVAL;
		}
		for (i = 0; i < n; i++)
			if ((unsigned char)secret[i] <= 0x20 || (unsigned char)secret[i] >= 0x7f) {
				snprintf(err, errlen,
				    "AppSecret 须为 1～128 个可打印 ASCII 字符，不含空格");
				return GK_EINVAL;
			}
	}
	return GK_OK;
}

static void
wx_col(sqlite3_stmt *st, int i, char *dst, size_t n)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	gk_strlcpy_utf8(dst, s != NULL ? s : "", n);
}

static enum gk_err
wx_account_fill(sqlite3_stmt *st, void *out)
{
	struct gk_wechat_account *a = out;

	memset(a, 0, sizeof(*a));
	a->agency_id = sqlite3_column_int64(st, 0);
	wx_col(st, 1, a->base_url, sizeof(a->base_url));
	wx_col(st, 2, a->appid, sizeof(a->appid));
	wx_col(st, 3, a->secret, sizeof(a->secret));
	wx_col(st, 4, a->access_token, sizeof(a->access_token));
	a->token_expires = sqlite3_column_int64(st, 5);
	wx_col(st, 6, a->thumb_media_id, sizeof(a->thumb_media_id));
	wx_col(st, 7, a->updated_at, sizeof(a->updated_at));
	return GK_OK;
}

enum gk_err
gk_wechat_account_get(struct gk_db *db, int64_t agency_id, struct gk_wechat_account *a,
    char *err, size_t errlen)
{
	enum gk_err e;

	e = gk_db_get_id(db, "SELECT agency_id, base_url, appid, secret, access_token, "
	    "token_expires, thumb_media_id, updated_at FROM wechat_account WHERE agency_id = ?",
	    agency_id, wx_account_fill, a, "微信公众号配置", err, errlen);
	if (e == GK_ENOTFOUND)
		snprintf(err, errlen, "机构 %lld 未配置微信公众号（gongkai wechat config）",
		    (long long)agency_id);
	return e;
}

enum gk_err
gk_wechat_account_set(struct gk_db *db, const char *actor, int64_t agency_id,
    const char *base_url, const char *appid, const char *secret, const char *now,
    char *err, size_t errlen)
{
	struct gk_wechat_account	 old;
	int				 have_old, changed;
	const char			*sec;
	enum gk_err			 e;

	if (secret != NULL && secret[0] == '\0')
		secret = NULL;
	if ((e = gk_wechat_account_check(base_url, appid, secret, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_user_authorize(db, actor, agency_id, WX_AUTH, 0, err, errlen)) != GK_OK)
		goto fail;
	e = gk_wechat_account_get(db, agency_id, &old, err, errlen);
	if (e != GK_OK && e != GK_ENOTFOUND)
		goto fail;
	have_old = e == GK_OK;
	if (!have_old && secret == NULL) {
		snprintf(err, errlen, "首次配置须提供 AppSecret");
		e = GK_EINVAL;
		goto fail;
	}
	sec = secret != NULL ? secret : old.secret;
	changed = !have_old || strcmp(old.base_url, base_url) != 0 ||
	    strcmp(old.appid, appid) != 0 || strcmp(old.secret, sec) != 0;
	if ((e = gk_db_exec(db, "无法保存微信公众号配置", err, errlen,
	    "INSERT INTO wechat_account (agency_id, base_url, appid, secret, updated_at) "
	    "VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (agency_id) DO UPDATE SET "
	    "base_url = ?2, appid = ?3, secret = ?4, updated_at = ?5, "
	    "access_token = CASE WHEN ?6 THEN NULL ELSE access_token END, "
	    "token_expires = CASE WHEN ?6 THEN 0 ELSE token_expires END, "
	    "thumb_media_id = CASE WHEN ?6 THEN NULL ELSE thumb_media_id END",
	    "ittttz", agency_id, base_url, appid, sec, now, (int64_t)changed)) != GK_OK)
		goto fail;
	if ((e = gk_audit_append_json(db, actor, "wechat_account", agency_id, "wechat_config",
	    json_pack("{s:s, s:s, s:b}", "base_url", base_url, "appid", appid,
	    "secret_changed", secret != NULL && (!have_old || strcmp(old.secret, secret) != 0)),
	    now, err, errlen)) != GK_OK)
		goto fail;
	memset(&old, 0, sizeof(old));
	return gk_db_tx_commit(db, err, errlen);
fail:
	memset(&old, 0, sizeof(old));
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_wechat_token_save(struct gk_db *db, int64_t agency_id, const char *token, int64_t expires,
    char *err, size_t errlen)
{
	return gk_db_exec(db, "无法保存 access_token", err, errlen,
	    "UPDATE wechat_account SET access_token = ?1, token_expires = ?2 WHERE agency_id = ?3",
	    "tii", token != NULL && token[0] != '\0' ? token : NULL,
	    token != NULL && token[0] != '\0' ? expires : (int64_t)0, agency_id);
}

enum gk_err
gk_wechat_thumb_save(struct gk_db *db, int64_t agency_id, const char *media_id, char *err,
    size_t errlen)
{
	return gk_db_exec(db, "无法保存封面素材", err, errlen,
	    "UPDATE wechat_account SET thumb_media_id = ?1 WHERE agency_id = ?2", "ti",
	    media_id, agency_id);
}

#define JOB_COLS "SELECT o.id, o.item_id, o.agency_id, o.state, o.content_sha256, " \
	"o.draft_media_id, o.publish_id, o.article_url, o.attempts, o.next_at, o.last_error, " \
	"o.queued_by, o.created_at, o.updated_at, i.title FROM wechat_outbox o " \
	"JOIN item i ON i.id = o.item_id "
#define JOB_LIVE "o.state IN ('queued', 'drafted', 'submitted')"

static enum gk_err
wx_job_fill(sqlite3_stmt *st, void *out)
{
	struct gk_wechat_job *j = out;

	memset(j, 0, sizeof(*j));
	j->id = sqlite3_column_int64(st, 0);
	j->item_id = sqlite3_column_int64(st, 1);
	j->agency_id = sqlite3_column_int64(st, 2);
	wx_col(st, 3, j->state, sizeof(j->state));
	wx_col(st, 4, j->content_sha256, sizeof(j->content_sha256));
	wx_col(st, 5, j->draft_media_id, sizeof(j->draft_media_id));
	wx_col(st, 6, j->publish_id, sizeof(j->publish_id));
	wx_col(st, 7, j->article_url, sizeof(j->article_url));
	j->attempts = sqlite3_column_int64(st, 8);
	j->next_at = sqlite3_column_int64(st, 9);
	wx_col(st, 10, j->last_error, sizeof(j->last_error));
	wx_col(st, 11, j->queued_by, sizeof(j->queued_by));
	wx_col(st, 12, j->created_at, sizeof(j->created_at));
	wx_col(st, 13, j->updated_at, sizeof(j->updated_at));
	wx_col(st, 14, j->title, sizeof(j->title));
	return GK_OK;
}

enum gk_err
gk_wechat_job_get(struct gk_db *db, int64_t id, struct gk_wechat_job *j, char *err,
    size_t errlen)
{
	return gk_db_get_id(db, JOB_COLS "WHERE o.id = ?", id, wx_job_fill, j, "发布任务", err,
	    errlen);
}

enum gk_err
gk_wechat_job_claim(struct gk_db *db, int64_t now, int64_t lease, struct gk_wechat_job *j,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), JOB_COLS "WHERE " JOB_LIVE
	    " AND o.next_at <= ? ORDER BY o.next_at, o.id LIMIT 1", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询发布队列");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, now);
	if ((e = gk_db_get_one(db, st, wx_job_fill, j, "发布任务", "（到期）", err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_exec(db, "无法领取发布任务", err, errlen,
	    "UPDATE wechat_outbox SET next_at = ?1 WHERE id = ?2", "ii", now + lease,
	    j->id)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_wechat_pending(struct gk_db *db, int64_t *countp, int64_t *nextp, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*), coalesce(min(next_at), 0) "
	    "FROM wechat_outbox o WHERE " JOB_LIVE, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询发布队列");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*countp = sqlite3_column_int64(st, 0);
		*nextp = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法查询发布队列");
	return GK_OK;
}

enum gk_err
gk_wechat_job_list(struct gk_db *db, int64_t agency_id, struct gk_wechat_jobs *l, char *err,
    size_t errlen)
{
	sqlite3_stmt		*st;
	void			*v;
	enum gk_err		 e;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), JOB_COLS
	    "WHERE ?1 = 0 OR o.agency_id = ?1 ORDER BY o.id DESC LIMIT ?2", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法列出发布任务");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, WX_LIST_MAX);
	e = gk_db_collect(db, st, sizeof(*l->v), wx_job_fill, &v, &l->n, "无法列出发布任务", err,
	    errlen);
	l->v = v;
	return e;
}

void
gk_wechat_jobs_free(struct gk_wechat_jobs *l)
{
	if (l == NULL)
		return;
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum gk_err
gk_wechat_queue(struct gk_db *db, const char *actor, int64_t item_id, const char *now,
    int64_t next_at, int64_t *idp, char *err, size_t errlen)
{
	struct gk_wechat_account	 a;
	sqlite3_stmt			*st;
	char				 state[32] = "";
	int64_t				 agency = 0, id;
	int				 rc;
	enum gk_err			 e;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT agency_id, state FROM item WHERE id = ?",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询信息");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, item_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		agency = sqlite3_column_int64(st, 0);
		wx_col(st, 1, state, sizeof(state));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		snprintf(err, errlen, "信息 %lld 不存在", (long long)item_id);
		e = rc == SQLITE_DONE ? GK_ENOTFOUND : GK_EDB;
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, agency, WX_AUTH, 0, err, errlen)) != GK_OK)
		goto fail;
	if (strcmp(state, "published") != 0) {
		snprintf(err, errlen, "信息 %lld 尚未发布（状态 %s），不能推送到微信公众号",
		    (long long)item_id, state);
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = gk_wechat_account_get(db, agency, &a, err, errlen)) != GK_OK)
		goto fail;
	memset(&a, 0, sizeof(a));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id FROM wechat_outbox o WHERE "
	    "o.item_id = ? AND " JOB_LIVE, -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询发布队列");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW) {
		snprintf(err, errlen, "信息 %lld 已在发布队列中（任务 %lld）", (long long)item_id,
		    (long long)id);
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法加入发布队列", err, errlen,
	    "INSERT INTO wechat_outbox (item_id, agency_id, next_at, queued_by, created_at, "
	    "updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)", "iiitt", item_id, agency, next_at,
	    actor, now)) != GK_OK)
		goto fail;
	id = sqlite3_last_insert_rowid(gk_db_sqlite(db));
	if ((e = gk_audit_append_json(db, actor, "wechat_outbox", id, "wechat_queue",
	    json_pack("{s:I, s:I}", "item_id", (json_int_t)item_id, "agency_id",
	    (json_int_t)agency), now, err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		return e;
	if (idp != NULL)
		*idp = id;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

static int
wx_final(const char *state)
{
	return strcmp(state, GK_WX_PUBLISHED) == 0 || strcmp(state, GK_WX_FAILED) == 0;
}

enum gk_err
gk_wechat_job_save(struct gk_db *db, const char *actor, const struct gk_wechat_job *j,
    const char *now, char *err, size_t errlen)
{
	struct gk_wechat_job	 old;
	char			 action[40];
	enum gk_err		 e;

	if (strcmp(j->state, GK_WX_QUEUED) != 0 && strcmp(j->state, GK_WX_DRAFTED) != 0 &&
	    strcmp(j->state, GK_WX_SUBMITTED) != 0 && !wx_final(j->state)) {
		snprintf(err, errlen, "发布任务状态无效：%s", j->state);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_wechat_job_get(db, j->id, &old, err, errlen)) != GK_OK)
		goto fail;
	if (wx_final(old.state)) {
		snprintf(err, errlen, "发布任务 %lld 已结束（%s），不能再改变", (long long)j->id,
		    old.state);
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法保存发布任务", err, errlen,
	    "UPDATE wechat_outbox SET state = ?1, content_sha256 = ?2, draft_media_id = ?3, "
	    "publish_id = ?4, article_url = ?5, attempts = ?6, next_at = ?7, last_error = ?8, "
	    "updated_at = ?9 WHERE id = ?10", "tttttiittz", j->state,
	    j->content_sha256[0] ? j->content_sha256 : NULL,
	    j->draft_media_id[0] ? j->draft_media_id : NULL,
	    j->publish_id[0] ? j->publish_id : NULL,
	    j->article_url[0] ? j->article_url : NULL, j->attempts, j->next_at,
	    j->last_error[0] ? j->last_error : NULL, now, j->id)) != GK_OK)
		goto fail;
	if (strcmp(old.state, j->state) == 0)
		snprintf(action, sizeof(action), "wechat_retry");
	else
		snprintf(action, sizeof(action), "wechat_%s", j->state);
	if ((e = gk_audit_append_json(db, actor, "wechat_outbox", j->id, action,
	    json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:s}", "from", old.state, "to", j->state,
	    "draft_media_id", j->draft_media_id, "publish_id", j->publish_id, "article_url",
	    j->article_url, "attempts", (json_int_t)j->attempts, "error", j->last_error), now,
	    err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}
