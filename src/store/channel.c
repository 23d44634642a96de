/*
 * channel.c — what each item published on each channel (store/channel.h,
 * docs/channels.md). The portal is not recorded here: it is derived from
 * the item itself (schema v21, view item_channel_all).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/sha256.h"
#include "core/workflow.h"
#include "store/application.h"
#include "store/audit.h"
#include "store/channel.h"
#include "store/db.h"
#include "store/user.h"

#define CH_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_OFFICE) | \
			    WF_ROLE_BIT(WF_ROLE_ADMIN))

static const char *const ch_status[] = {
	GK_CH_PENDING, GK_CH_PUBLISHED, GK_CH_FAILED, GK_CH_REMOVED,
};
static const char *const ch_status_label[] = {
	"待发布", "已发布", "发布失败", "已撤下",
};

const char *
gk_channel_status_label(const char *status)
{
	size_t i;

	for (i = 0; status != NULL && i < sizeof(ch_status) / sizeof(ch_status[0]); i++)
		if (strcmp(status, ch_status[i]) == 0)
			return ch_status_label[i];
	return "未知";
}

static int
status_ok(const char *s)
{
	size_t i;

	for (i = 0; s != NULL && i < sizeof(ch_status) / sizeof(ch_status[0]); i++)
		if (strcmp(s, ch_status[i]) == 0)
			return 1;
	return 0;
}

/* "YYYY-MM-DD" optionally followed by "T" and a time of [0-9:.+-Z], ≤ 39 bytes. */
int
gk_channel_time_ok(const char *at)
{
	size_t	 n, i;
	int32_t	 d;

	if (at == NULL || (n = strlen(at)) < 10 || n > 39 ||
	    gk_date_parse(at, 10, &d) != GK_OK)
		return 0;
	if (n == 10)
		return 1;
	if (at[10] != 'T' || n < 16)
		return 0;
	for (i = 11; i < n; i++)
		if (strchr("0123456789:.+-Z", at[i]) == NULL)
			return 0;
	return 1;
}

static int
hex64_ok(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != GK_SHA256_HEXLEN)
		return 0;
	for (i = 0; i < GK_SHA256_HEXLEN; i++)
		if (strchr("0123456789abcdef", s[i]) == NULL)
			return 0;
	return 1;
}

static int
text_ok(const char *s)
{
	long n;

	if (s == NULL)
		return 1;
	n = gk_text_chars(s);
	return n >= 0 && n <= GK_CHANNEL_TEXT_MAX;
}

/* The item's agency and state: 1 found, 0 not, -1 error. */
static int
item_of(sqlite3 *h, int64_t id, int64_t *agency, char state[16])
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT agency_id, state FROM item WHERE id = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*agency = sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		gk_strlcpy_utf8(state, t ? t : "", 16);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The row before, as JSON (null when none); NULL on error. */
static json_t *
row_before(sqlite3 *h, int64_t id, const char *channel)
{
	sqlite3_stmt	*st;
	json_t		*j;
	int		 rc, i;
	static const char *const names[] = { "status", "at", "sha256", "place", "detail" };

	if (sqlite3_prepare_v2(h, "SELECT status, at, content_sha256, place, detail"
	    " FROM item_channel WHERE item_id = ? AND channel = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return NULL;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_text(st, 2, channel, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_DONE) {
		sqlite3_finalize(st);
		return json_null();
	}
	if (rc != SQLITE_ROW || (j = json_object()) == NULL) {
		sqlite3_finalize(st);
		return NULL;
	}
	for (i = 0; i < 5; i++) {
		const char *t = (const char *)sqlite3_column_text(st, i);

		if (json_object_set_new(j, names[i], t ? json_string(t) : json_null()) != 0) {
			json_decref(j);
			j = NULL;
			break;
		}
	}
	sqlite3_finalize(st);
	return j;
}

enum gk_err
gk_channel_record(struct gk_db *db, const char *actor, int64_t item_id,
    enum gk_channel c, const char *status, const char *at,
    const char *content_sha256, const char *place, const char *detail,
    char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	char		 state[16];
	int64_t		 agency = 0;
	json_t		*before;
	enum gk_err	 e;
	int		 rc;

	if (actor == NULL || actor[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人");
		return GK_EINVAL;
	}
	if ((unsigned)c >= GK_CH__MAX) {
		snprintf(err, errlen, "渠道无效：须为 wechat（微信公众号）或 notice（公示栏）");
		return GK_EINVAL;
	}
	if (c == GK_CH_PORTAL) {
		snprintf(err, errlen, "门户网站的发布状态取自信息本身（发布、撤回），不单独记录");
		return GK_EINVAL;
	}
	if (!status_ok(status)) {
		snprintf(err, errlen, "渠道状态无效：须为 pending、published、failed 或 removed");
		return GK_EINVAL;
	}
	if (!gk_channel_time_ok(at)) {
		snprintf(err, errlen, "时间无效：须为 YYYY-MM-DD 或 RFC 3339 时间");
		return GK_EINVAL;
	}
	if (content_sha256 != NULL && !hex64_ok(content_sha256)) {
		snprintf(err, errlen, "内容摘要无效：须为 64 位小写十六进制 SHA-256");
		return GK_EINVAL;
	}
	if (content_sha256 == NULL && strcmp(status, GK_CH_PUBLISHED) == 0) {
		snprintf(err, errlen, "已发布的记录须有内容摘要（发布时的 SHA-256）");
		return GK_EINVAL;
	}
	if (!text_ok(place) || !text_ok(detail)) {
		snprintf(err, errlen, "位置和说明至多 %d 个字符，不含控制字符",
		    GK_CHANNEL_TEXT_MAX);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = item_of(h, item_id, &agency, state)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询信息");
		else {
			snprintf(err, errlen, "信息 %lld 不存在", (long long)item_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, agency, CH_ROLES, 1, err, errlen)) != GK_OK)
		goto fail;
	if ((strcmp(status, GK_CH_PENDING) == 0 || strcmp(status, GK_CH_PUBLISHED) == 0) &&
	    strcmp(state, "published") != 0) {
		snprintf(err, errlen, "信息 %lld 尚未在门户网站发布（状态 %s），不能发往%s",
		    (long long)item_id, state, gk_channel_label(c));
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((before = row_before(h, item_id, gk_channel_name(c))) == NULL) {
		e = gk_db_err(db, err, errlen, "无法查询渠道记录");
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法保存渠道记录", err, errlen,
	    "INSERT OR REPLACE INTO item_channel (item_id, channel, status, at,"
	    " content_sha256, place, detail) VALUES (?, ?, ?, ?, ?, ?, ?)", "itttttt",
	    item_id, gk_channel_name(c), status, at, content_sha256, place, detail)) != GK_OK) {
		json_decref(before);
		goto fail;
	}
	if ((e = gk_apply_audit(db, actor, "item_channel", item_id, "record",
	    json_pack("{s:s, s:s, s:s, s:o, s:o, s:o, s:o}", "channel", gk_channel_name(c),
	    "status", status, "at", at,
	    "sha256", content_sha256 ? json_string(content_sha256) : json_null(),
	    "place", place ? json_string(place) : json_null(),
	    "detail", detail ? json_string(detail) : json_null(), "before", before),
	    at, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_channel_item_hash(struct gk_db *db, int64_t item_id, char hex[65], char *err,
    size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_sha256	 s;
	unsigned char		 d[GK_SHA256_LEN];
	int			 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT title, body FROM item"
	    " WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询信息");
	sqlite3_bind_int64(st, 1, item_id);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE) {
			snprintf(err, errlen, "信息 %lld 不存在", (long long)item_id);
			return GK_ENOTFOUND;
		}
		return gk_db_err(db, err, errlen, "无法查询信息");
	}
	gk_sha256_init(&s);
	gk_sha256_update(&s, sqlite3_column_text(st, 0), (size_t)sqlite3_column_bytes(st, 0));
	gk_sha256_update(&s, "\n", 1);
	gk_sha256_update(&s, sqlite3_column_text(st, 1), (size_t)sqlite3_column_bytes(st, 1));
	sqlite3_finalize(st);
	gk_sha256_final(&s, d);
	gk_sha256_hex(d, hex);
	return GK_OK;
}
