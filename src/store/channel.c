/*
 * channel.c — what each item published on each channel (store/channel.h,
 * docs/channels.md). The portal is not recorded here: it is derived from
 * the item itself (schema v21, view item_channel_all).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/chsync.h"
#include "core/date.h"
#include "core/sha256.h"
#include "core/workflow.h"
#include "store/application.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
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

/* Grows *v (elements of sz bytes) to hold n + 1: 0, or -1 when out of memory or past max. */
static int
grow(void **v, size_t n, size_t *cap, size_t sz, size_t max)
{
	void *nv;

	if (n < *cap)
		return 0;
	*cap = *cap ? *cap * 2 : 16;
	if (*cap > max || (nv = gk_calloc(*cap, sz)) == NULL)
		return -1;
	if (n > 0)
		memcpy(nv, *v, n * sz);
	gk_free(*v);
	*v = nv;
	return 0;
}

/*
 * Steps the prepared, bound st to its end and finalizes it, each row going
 * into a growing array of sz-byte elements (at most max), zeroed and then
 * filled by fill(st, element, ctx): 0 keeps the row, 1 skips it. Sorted
 * with cmp. Out of memory or past max: "内存不足"; a database error: "WHAT:
 * message". On success *vp (caller frees) and *np get the array.
 */
static enum gk_err
load_rows(struct gk_db *db, sqlite3_stmt *st, size_t sz, size_t max,
    int (*fill)(sqlite3_stmt *, void *, const void *), const void *ctx,
    int (*cmp)(const void *, const void *), void **vp, size_t *np, const char *what,
    char *err, size_t errlen)
{
	void	*v = NULL;
	size_t	 n = 0, cap = 0;
	int	 rc;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow(&v, n, &cap, sz, max) != 0) {
			sqlite3_finalize(st);
			gk_free(v);
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		memset((char *)v + n * sz, 0, sz);
		if (fill(st, (char *)v + n * sz, ctx) == 0)
			n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_free(v);
		return gk_db_err(db, err, errlen, what);
	}
	if (n > 1)
		qsort(v, n, sz, cmp);
	*vp = v;
	*np = n;
	return GK_OK;
}

/* ---- rules ---- */

enum gk_err
gk_channel_rule_set(struct gk_db *db, const char *actor, int64_t agency_id,
    int64_t category_id, enum gk_channel c, int required, int within_days,
    const char *since, const char *now, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	int32_t		 d;
	enum gk_err	 e;
	int		 rc;

	if (since != NULL && since[0] == '\0')
		since = NULL;
	if (actor == NULL || actor[0] == '\0' || now == NULL || now[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人或时间");
		return GK_EINVAL;
	}
	if ((unsigned)c >= GK_CH__MAX || c == GK_CH_PORTAL) {
		snprintf(err, errlen, "渠道无效：须为 wechat（微信公众号）或 notice（公示栏）"
		    "，门户网站总是发布");
		return GK_EINVAL;
	}
	if (within_days < -1 || within_days > 366) {
		snprintf(err, errlen, "时限无效：须为 0 至 366 天，或不设时限");
		return GK_EINVAL;
	}
	if (since != NULL && (strlen(since) != 10 || gk_date_parse(since, 10, &d) != GK_OK)) {
		snprintf(err, errlen, "起始日期无效：须为 YYYY-MM-DD");
		return GK_EINVAL;
	}
	if (category_id < 0) {
		snprintf(err, errlen, "栏目无效");
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, agency_id, CH_ROLES, 1, err, errlen)) != GK_OK)
		goto fail;
	if (category_id != 0) {
		if (sqlite3_prepare_v2(h, "SELECT 1 FROM category WHERE id = ? AND agency_id = ?",
		    -1, &st, NULL) != SQLITE_OK) {
			e = gk_db_err(db, err, errlen, "无法查询栏目");
			goto fail;
		}
		sqlite3_bind_int64(st, 1, category_id);
		sqlite3_bind_int64(st, 2, agency_id);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW) {
			if (rc != SQLITE_DONE)
				e = gk_db_err(db, err, errlen, "无法查询栏目");
			else {
				snprintf(err, errlen, "栏目 %lld 不是机构 %lld 的栏目",
				    (long long)category_id, (long long)agency_id);
				e = GK_ENOTFOUND;
			}
			goto fail;
		}
	}
	if (sqlite3_prepare_v2(h, "INSERT OR REPLACE INTO channel_rule (agency_id, category_id,"
	    " channel, required, within_days, since) VALUES (?, ?, ?, ?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存渠道规则");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int64(st, 2, category_id);
	sqlite3_bind_text(st, 3, gk_channel_name(c), -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 4, required ? 1 : 0);
	if (within_days >= 0)
		sqlite3_bind_int(st, 5, within_days);
	if (since != NULL)
		sqlite3_bind_text(st, 6, since, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存渠道规则");
		goto fail;
	}
	if ((e = gk_apply_audit(db, actor, "channel_rule", agency_id, "set",
	    json_pack("{s:I, s:s, s:b, s:o, s:o}", "category_id", (json_int_t)category_id,
	    "channel", gk_channel_name(c), "required", required ? 1 : 0,
	    "within_days", within_days >= 0 ? json_integer(within_days) : json_null(),
	    "since", since ? json_string(since) : json_null()), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* The path of category id in l, "" when not there. */
static const char *
cat_path(const struct gk_category_list *l, int64_t id)
{
	size_t i;

	for (i = 0; l != NULL && i < l->n; i++)
		if (l->v[i].id == id)
			return l->v[i].path;
	return "";
}

static int64_t
cat_parent(const struct gk_category_list *l, int64_t id)
{
	size_t i;

	for (i = 0; i < l->n; i++)
		if (l->v[i].id == id)
			return l->v[i].parent_id;
	return 0;
}

static int
rule_cmp(const void *a, const void *b)
{
	const struct gk_channel_rule *x = a, *y = b;
	int c;

	if ((x->category_id == 0) != (y->category_id == 0))
		return x->category_id == 0 ? -1 : 1;
	if ((c = strcmp(x->category, y->category)) != 0)
		return c;
	return (int)x->channel - (int)y->channel;
}

/* One channel_rule row into a gk_channel_rule, the path from ctx (the category list, may be NULL). */
static int
rule_fill(sqlite3_stmt *st, void *out, const void *ctx)
{
	struct gk_channel_rule	*r = out;
	const char		*t;

	r->category_id = sqlite3_column_int64(st, 0);
	t = (const char *)sqlite3_column_text(st, 1);
	if (gk_channel_from_name(t, &r->channel) != 0)
		return 1;
	r->required = sqlite3_column_int(st, 2);
	r->within_days = sqlite3_column_type(st, 3) == SQLITE_NULL ? -1 :
	    sqlite3_column_int(st, 3);
	t = (const char *)sqlite3_column_text(st, 4);
	gk_strlcpy_utf8(r->since, t ? t : "", sizeof(r->since));
	gk_strlcpy_utf8(r->category, r->category_id ? cat_path(ctx, r->category_id) : "",
	    sizeof(r->category));
	return 0;
}

/* The rules of the agency, paths filled from l (may be NULL). */
static enum gk_err
rules_load(struct gk_db *db, int64_t agency_id, const struct gk_category_list *l,
    struct gk_channel_rule **vp, size_t *np, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	void		*v;
	enum gk_err	 e;

	*vp = NULL;
	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT category_id, channel, required,"
	    " within_days, since FROM channel_rule WHERE agency_id = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询渠道规则");
	sqlite3_bind_int64(st, 1, agency_id);
	if ((e = load_rows(db, st, sizeof(**vp), 100000, rule_fill, l, rule_cmp, &v, np,
	    "无法查询渠道规则", err, errlen)) == GK_OK)
		*vp = v;
	return e;
}

enum gk_err
gk_channel_rule_list(struct gk_db *db, int64_t agency_id, struct gk_channel_rule **vp,
    size_t *np, char *err, size_t errlen)
{
	struct gk_category_list	 l;
	enum gk_err		 e;

	memset(&l, 0, sizeof(l));
	if ((e = gk_category_list(db, agency_id, &l, err, errlen)) != GK_OK)
		return e;
	e = rules_load(db, agency_id, &l, vp, np, err, errlen);
	gk_category_list_free(&l);
	return e;
}

/* The rule of category cat (walking up to the default) for channel c, or NULL. */
static const struct gk_channel_rule *
rule_for(const struct gk_channel_rule *v, size_t n, const struct gk_category_list *l,
    int64_t cat, enum gk_channel c)
{
	size_t	 i;
	int	 depth;

	for (depth = 0; depth <= GK_CATEGORY_DEPTH_MAX + 1; depth++) {
		for (i = 0; i < n; i++)
			if (v[i].category_id == cat && v[i].channel == c)
				return &v[i];
		if (cat == 0)
			return NULL;
		cat = cat_parent(l, cat);
	}
	return NULL;
}

/* ---- the sync check ---- */

struct chrow {
	int64_t		 item_id;
	enum gk_channel	 channel;
	char		 status[16];
	char		 at[40];
	char		 sha[65];
};

static int
chrow_cmp(const void *a, const void *b)
{
	const struct chrow *x = a, *y = b;

	if (x->item_id != y->item_id)
		return x->item_id < y->item_id ? -1 : 1;
	return (int)x->channel - (int)y->channel;
}

static enum gk_err
push_finding(struct gk_sync_report *r, size_t *cap, const struct gk_sync_finding *f,
    char *err, size_t errlen)
{
	if (grow((void **)&r->v, r->n, cap, sizeof(*r->v), 1000000) != 0) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	r->v[r->n++] = *f;
	return GK_OK;
}

static int32_t
date_of(const char *s)
{
	int32_t d;

	if (s == NULL || strlen(s) < 10 || gk_date_parse(s, 10, &d) != GK_OK)
		return GK_DATE_NONE;
	return d;
}

/* One item_channel row into a chrow (ctx unused). */
static int
chrow_fill(sqlite3_stmt *st, void *out, const void *ctx)
{
	struct chrow	*c = out;
	const char	*t;

	(void)ctx;
	c->item_id = sqlite3_column_int64(st, 0);
	if (gk_channel_from_name((const char *)sqlite3_column_text(st, 1), &c->channel) != 0)
		return 1;
	t = (const char *)sqlite3_column_text(st, 2);
	gk_strlcpy_utf8(c->status, t ? t : "", sizeof(c->status));
	t = (const char *)sqlite3_column_text(st, 3);
	gk_strlcpy_utf8(c->at, t ? t : "", sizeof(c->at));
	t = (const char *)sqlite3_column_text(st, 4);
	gk_strlcpy_utf8(c->sha, t ? t : "", sizeof(c->sha));
	return 0;
}

static enum gk_err
chrows_load(struct gk_db *db, int64_t agency_id, struct chrow **vp, size_t *np,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	void		*v;
	enum gk_err	 e;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT c.item_id, c.channel, c.status, c.at,"
	    " c.content_sha256 FROM item_channel c JOIN item i ON i.id = c.item_id"
	    " WHERE i.agency_id = ? AND c.channel <> 'portal'", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询渠道记录");
	sqlite3_bind_int64(st, 1, agency_id);
	if ((e = load_rows(db, st, sizeof(**vp), SIZE_MAX, chrow_fill, NULL, chrow_cmp, &v, np,
	    "无法查询渠道记录", err, errlen)) == GK_OK)
		*vp = v;
	return e;
}

static enum gk_err
sync_agency(struct gk_db *db, int64_t agency_id, int32_t today, struct gk_sync_report *r,
    size_t *cap, char *err, size_t errlen)
{
	struct gk_category_list	 l;
	struct gk_channel_rule	*rules = NULL;
	struct chrow		*rows = NULL, key, *row;
	size_t			 nrules = 0, nrows = 0;
	sqlite3_stmt		*st = NULL;
	struct gk_sha256	 s;
	unsigned char		 dg[GK_SHA256_LEN];
	char			 cur[65];
	const char		*t;
	enum gk_err		 e;
	int			 rc, c;

	memset(&l, 0, sizeof(l));
	if ((e = gk_category_list(db, agency_id, &l, err, errlen)) != GK_OK)
		return e;
	if ((e = rules_load(db, agency_id, &l, &rules, &nrules, err, errlen)) != GK_OK ||
	    (e = chrows_load(db, agency_id, &rows, &nrows, err, errlen)) != GK_OK)
		goto out;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, index_no, title, body,"
	    " COALESCE(category_id, 0), state, published_at FROM item WHERE agency_id = ?"
	    " AND state IN ('published', 'withdrawn') AND published_at IS NOT NULL"
	    " ORDER BY published_at, id", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询信息");
		goto out;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_sync_finding	 f;
		struct chsync_in	 in;
		int64_t			 cat = sqlite3_column_int64(st, 4);
		int			 withdrawn;

		memset(&f, 0, sizeof(f));
		f.item_id = sqlite3_column_int64(st, 0);
		f.agency_id = agency_id;
		t = (const char *)sqlite3_column_text(st, 1);
		gk_strlcpy_utf8(f.index_no, t ? t : "", sizeof(f.index_no));
		t = (const char *)sqlite3_column_text(st, 2);
		gk_strlcpy_utf8(f.title, t ? t : "", sizeof(f.title));
		gk_sha256_init(&s);
		gk_sha256_update(&s, sqlite3_column_text(st, 2), (size_t)sqlite3_column_bytes(st, 2));
		gk_sha256_update(&s, "\n", 1);
		gk_sha256_update(&s, sqlite3_column_text(st, 3), (size_t)sqlite3_column_bytes(st, 3));
		gk_sha256_final(&s, dg);
		gk_sha256_hex(dg, cur);
		t = (const char *)sqlite3_column_text(st, 5);
		withdrawn = t != NULL && strcmp(t, "withdrawn") == 0;
		t = (const char *)sqlite3_column_text(st, 6);
		gk_strlcpy_utf8(f.portal, t ? t : "", sizeof(f.portal));
		r->items++;
		if (!withdrawn)
			r->published[GK_CH_PORTAL]++;
		for (c = GK_CH_PORTAL + 1; c < GK_CH__MAX; c++) {
			const struct gk_channel_rule *ru = rule_for(rules, nrules, &l, cat,
			    (enum gk_channel)c);

			memset(&in, 0, sizeof(in));
			key.item_id = f.item_id;
			key.channel = (enum gk_channel)c;
			row = nrows ? bsearch(&key, rows, nrows, sizeof(*rows), chrow_cmp) : NULL;
			in.portal = date_of(f.portal);
			in.withdrawn = withdrawn;
			in.required = ru != NULL && ru->required &&
			    (ru->since[0] == '\0' || strcmp(f.portal, ru->since) >= 0);
			in.within = ru != NULL ? ru->within_days : -1;
			in.status = row ? row->status : NULL;
			in.at = row ? date_of(row->at) : GK_DATE_NONE;
			in.sha = row && row->sha[0] ? row->sha : NULL;
			in.current = cur;
			if (row != NULL && !withdrawn && strcmp(row->status, GK_CH_PUBLISHED) == 0)
				r->published[c]++;
			if (in.portal == GK_DATE_NONE)
				continue;
			f.kind = chsync_classify(&in, today, &f.days);
			if (f.kind == CHSYNC_OK)
				continue;
			f.channel = (enum gk_channel)c;
			f.within_days = in.within;
			gk_strlcpy_utf8(f.status, row ? row->status : "", sizeof(f.status));
			gk_strlcpy_utf8(f.at, row ? row->at : "", sizeof(f.at));
			if ((e = push_finding(r, cap, &f, err, errlen)) != GK_OK)
				goto out;
		}
	}
	if (rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询信息");
out:
	sqlite3_finalize(st);
	gk_free(rules);
	gk_free(rows);
	gk_category_list_free(&l);
	return e;
}

enum gk_err
gk_channel_sync_check(struct gk_db *db, int64_t agency_id, int32_t today,
    struct gk_sync_report *r, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int64_t		*ids = NULL;
	size_t		 n = 0, cap = 0, i, fcap = 0;
	enum gk_err	 e = GK_OK;
	int		 rc;

	memset(r, 0, sizeof(*r));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id FROM agency WHERE ?1 = 0 OR"
	    " id = ?1 ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (grow((void **)&ids, n, &cap, sizeof(*ids), SIZE_MAX) != 0) {
			sqlite3_finalize(st);
			gk_free(ids);
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		ids[n++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_free(ids);
		return gk_db_err(db, err, errlen, "无法查询机构");
	}
	if (n == 0 && agency_id != 0) {
		snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	for (i = 0; i < n && e == GK_OK; i++)
		e = sync_agency(db, ids[i], today, r, &fcap, err, errlen);
	gk_free(ids);
	if (e != GK_OK)
		gk_sync_report_free(r);
	return e;
}

void
gk_sync_report_free(struct gk_sync_report *r)
{
	if (r == NULL)
		return;
	gk_free(r->v);
	memset(r, 0, sizeof(*r));
}

enum gk_err
gk_channel_year_counts(struct gk_db *db, int64_t agency_id, int year,
    int64_t counts[GK_CH__MAX], char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 from[16], to[16];
	enum gk_channel	 c;
	int		 rc;

	memset(counts, 0, sizeof(int64_t) * GK_CH__MAX);
	if (year < 1 || year > 9998) {
		snprintf(err, errlen, "年份无效");
		return GK_EINVAL;
	}
	snprintf(from, sizeof(from), "%04d-01-01", year);
	snprintf(to, sizeof(to), "%04d-01-01", year + 1);
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT a.channel, count(DISTINCT a.item_id)"
	    " FROM item_channel_all a JOIN item i ON i.id = a.item_id WHERE i.agency_id = ?"
	    " AND a.status = 'published' AND a.at >= ? AND a.at < ? GROUP BY a.channel",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法统计渠道发布");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if (gk_channel_from_name((const char *)sqlite3_column_text(st, 0), &c) == 0)
			counts[c] = sqlite3_column_int64(st, 1);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法统计渠道发布");
}
