/*
 * api_write.c — the write side of /api/v1 (api_write.h, docs/api.md).
 * Every answer is JSON; errors are {"error":{"code","message"[,"field"]}}
 * and never cached. What a token does is audited by the store function it
 * calls: an item as the token's drafter, an application with the actor
 * "api-token:ID".
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "core/date.h"
#include "store/application.h"
#include "store/item.h"
#include "store/token.h"
#include "web/api_write.h"

#define API_CT	"application/json; charset=utf-8"

/* ---- decoding (pure) ---- */

static const struct {
	const char	*key;
	enum item_field	 f;
} item_keys[] = {
	{ "title",	ITEM_F_TITLE },
	{ "category",	ITEM_F_CATEGORY },
	{ "topic",	ITEM_F_TOPIC },
	{ "publisher",	ITEM_F_PUBLISHER },
	{ "doc_no",	ITEM_F_DOCNO },
	{ "written",	ITEM_F_WRITTEN },
	{ "event_end",	ITEM_F_EVENT_END },
	{ "keywords",	ITEM_F_KEYWORDS },
	{ "body",	ITEM_F_BODY },
};

/* The body's member for a field (problems name what the client sent). */
static const char *
item_key(enum item_field f)
{
	size_t i;

	for (i = 0; i < sizeof(item_keys) / sizeof(item_keys[0]); i++)
		if (item_keys[i].f == f)
			return item_keys[i].key;
	return item_field_name(f);
}

static const char *const app_keys[] = {
	"channel", "applicant_type", "name", "idno", "phone", "email", "address", "request",
	"delivery", "received",
};

void
gk_api_write_clear(struct gk_api_write_in *in)
{
	if (in->root != NULL)
		json_decref(in->root);
	memset(in, 0, sizeof(*in));
}

static enum gk_err
bad(struct gk_api_write_in *in, char field[64], const char *key, char *err, size_t errlen,
    const char *msg)
{
	gk_strlcpy_utf8(field, key, 64);
	snprintf(err, errlen, "%s", msg);
	gk_api_write_clear(in);
	return GK_EINVAL;
}

/* The application's members into in->ap (strings borrowed from the JSON). */
static enum gk_err
app_fill(struct gk_api_write_in *in, const char *key, const char *v, char field[64], char *err,
    size_t errlen)
{
	struct gk_apply_intake *ap = &in->ap;

	if (strcmp(key, "channel") == 0) {
		if (!apply_channel_from_name(v, &ap->channel))
			return bad(in, field, key, err, errlen, "channel 取值无效（online、in_person、"
			    "post_signed、post_unsigned、fax、email）");
	} else if (strcmp(key, "applicant_type") == 0) {
		if (!apply_applicant_from_name(v, &ap->type))
			return bad(in, field, key, err, errlen, "applicant_type 取值无效（natural、business、"
			    "research、nonprofit、legal、other）");
	} else if (strcmp(key, "received") == 0) {
		if (strlen(v) != 10 || gk_date_parse(v, 10, &ap->received) != GK_OK)
			return bad(in, field, key, err, errlen, "received 须为 YYYY-MM-DD 格式的日期");
	} else if (strcmp(key, "name") == 0)
		ap->name = v;
	else if (strcmp(key, "idno") == 0)
		ap->idno = v;
	else if (strcmp(key, "phone") == 0)
		ap->phone = v;
	else if (strcmp(key, "email") == 0)
		ap->email = v;
	else if (strcmp(key, "address") == 0)
		ap->address = v;
	else if (strcmp(key, "request") == 0)
		ap->request = v;
	else
		ap->delivery = v;
	return GK_OK;
}

enum gk_err
gk_api_write_decode(enum gk_api_kind kind, const char *body, size_t len,
    struct gk_api_write_in *in, char field[64], char *err, size_t errlen)
{
	json_error_t	 je;
	json_t		*root, *v;
	const char	*key, *s;
	size_t		 i, n;
	int		 seen_ch = 0, seen_ty = 0, seen_rc = 0, known;
	enum gk_err	 e;

	memset(in, 0, sizeof(*in));
	in->ap.received = GK_DATE_NONE;
	field[0] = '\0';
	if (body == NULL || len == 0)
		return bad(in, field, "", err, errlen, "请求体为空：须为 JSON 对象");
	if (len > GK_API_BODY_MAX)
		return bad(in, field, "", err, errlen, "请求体过大");
	/* JSON_ALLOW_NUL is not given: a \u0000 in a string is refused. */
	root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		gk_strlcpy_utf8(field, "", 64);
		snprintf(err, errlen, "JSON 格式错误（第 %d 行第 %d 列）", je.line, je.column);
		return GK_EINVAL;
	}
	in->root = root;
	if (!json_is_object(root))
		return bad(in, field, "", err, errlen, "请求体须为 JSON 对象");
	json_object_foreach(root, key, v) {
		if (strcmp(key, "agency_id") == 0) {
			if (!json_is_integer(v) || json_integer_value(v) <= 0)
				return bad(in, field, key, err, errlen, "agency_id 须为正整数");
			in->agency_id = (int64_t)json_integer_value(v);
			continue;
		}
		known = 0;
		n = kind == GK_API_ITEM ? sizeof(item_keys) / sizeof(item_keys[0]) :
		    sizeof(app_keys) / sizeof(app_keys[0]);
		for (i = 0; i < n && !known; i++)
			known = strcmp(key, kind == GK_API_ITEM ? item_keys[i].key : app_keys[i]) == 0;
		if (!known) {
			gk_strlcpy_utf8(field, key, 64);
			snprintf(err, errlen, "未知的字段“%.64s”", key);
			gk_api_write_clear(in);
			return GK_EINVAL;
		}
		if (!json_is_string(v))
			return bad(in, field, key, err, errlen, "字段值须为字符串");
		s = json_string_value(v);
		if (strlen(s) != json_string_length(v))
			return bad(in, field, key, err, errlen, "字段值含有 NUL 字符");
		if (kind == GK_API_ITEM)
			in->f[item_keys[i - 1].f] = s;
		else {
			seen_ch |= strcmp(key, "channel") == 0;
			seen_ty |= strcmp(key, "applicant_type") == 0;
			seen_rc |= strcmp(key, "received") == 0;
			if ((e = app_fill(in, key, s, field, err, errlen)) != GK_OK)
				return e;
		}
	}
	if (kind == GK_API_ITEM) {
		if (in->f[ITEM_F_TITLE] == NULL)
			return bad(in, field, "title", err, errlen, "缺少 title（标题）");
		if (in->f[ITEM_F_CATEGORY] == NULL)
			return bad(in, field, "category", err, errlen, "缺少 category（栏目路径，如 政策文件/规章）");
	} else if (!seen_ch)
		return bad(in, field, "channel", err, errlen, "缺少 channel（申请渠道）");
	else if (!seen_ty)
		return bad(in, field, "applicant_type", err, errlen, "缺少 applicant_type（申请人类型）");
	else if (!seen_rc)
		return bad(in, field, "received", err, errlen, "缺少 received（收到申请之日）");
	return GK_OK;
}

/* ---- answering ---- */

static int
dump_cb(const char *s, size_t n, void *data)
{
	return gk_buf_append(data, s, n) == GK_OK ? 0 : -1;
}

/* root (reference taken) as the answer with status; never cacheable. */
static enum gk_err
send_json(struct gk_web_resp *resp, int status, json_t *root, char *err, size_t errlen)
{
	gk_buf_clear(&resp->body);
	resp->status = status;
	resp->content_type = API_CT;
	resp->cacheable = 0;
	if (root == NULL || json_dump_callback(root, dump_cb, &resp->body, JSON_COMPACT) != 0 ||
	    gk_buf_putc(&resp->body, '\n') != GK_OK) {
		json_decref(root);
		gk_buf_clear(&resp->body);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	json_decref(root);
	return GK_OK;
}

static enum gk_err
send_error(struct gk_web_resp *resp, int status, const char *code, const char *field,
    const char *msg, char *err, size_t errlen)
{
	json_t *e = json_pack("{s:s, s:s}", "code", code, "message", msg);

	if (e != NULL && field != NULL && field[0] != '\0' &&
	    json_object_set_new(e, "field", json_string(field)) != 0) {
		json_decref(e);
		e = NULL;
	}
	return send_json(resp, status, e != NULL ? json_pack("{s:o}", "error", e) : NULL, err,
	    errlen);
}

/* The token of "Bearer TOKEN" (scheme case-insensitive), or NULL. */
static const char *
bearer(const char *h)
{
	if (h == NULL || strncasecmp(h, "Bearer", 6) != 0 || (h[6] != ' ' && h[6] != '\t'))
		return NULL;
	h += 6;
	while (*h == ' ' || *h == '\t')
		h++;
	return *h != '\0' ? h : NULL;
}

static enum gk_err
write_item(struct gk_web_ctx *ctx, const struct gk_token *t, struct gk_api_write_in *in,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_item_actor	 ac;
	struct item_meta	 m;
	struct item_problems	 p;
	struct gk_item_opts	 o;
	struct gk_item		 it;
	json_t			*probs;
	char			 msg[512];
	int64_t			 id = 0;
	size_t			 i;
	enum gk_err		 e;

	if ((e = gk_item_actor_lookup(ctx->db, t->user, &ac, msg, sizeof(msg))) != GK_OK) {
		if (e == GK_ENOTFOUND)
			return send_error(resp, 403, "forbidden", NULL,
			    "令牌的起草账号已停用或不存在，不能新建信息", err, errlen);
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	item_meta_init(&m);
	for (i = 0; i < ITEM_F__MAX; i++)
		if (in->f[i] != NULL && (e = item_meta_set(&m, (enum item_field)i, in->f[i])) != GK_OK) {
			item_meta_clear(&m);
			snprintf(err, errlen, "内存不足");
			return e;
		}
	memset(&o, 0, sizeof(o));
	o.cal = ctx->cal;
	memset(&p, 0, sizeof(p));
	e = gk_item_create(ctx->db, &ac, t->agency_id, &m, &o, ctx->now, &id, &p, msg, sizeof(msg));
	item_meta_clear(&m);
	if (e == GK_EINVAL) {
		json_t *r = json_pack("{s:{s:s, s:s, s:[]}}", "error", "code", "validation_failed",
		    "message", msg, "problems");

		probs = r != NULL ? json_object_get(json_object_get(r, "error"), "problems") : NULL;
		for (i = 0; probs != NULL && i < p.n; i++)
			json_array_append_new(probs, json_pack("{s:s, s:s, s:s}", "field",
			    item_key(p.v[i].field), "rule", p.v[i].rule, "message", p.v[i].msg));
		return send_json(resp, 400, r, err, errlen);
	}
	if (e == GK_ECONFLICT)
		return send_error(resp, 403, "forbidden", NULL, msg, err, errlen);
	if (e == GK_ENOTFOUND)
		return send_error(resp, 400, "validation_failed", "category", msg, err, errlen);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	if ((e = gk_item_get(ctx->db, id, &it, msg, sizeof(msg))) != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	e = send_json(resp, 201, json_pack("{s:I, s:I, s:s, s:s, s:s, s:s?}", "id", (json_int_t)id,
	    "agency_id", (json_int_t)t->agency_id, "index_no",
	    item_meta_get(&it.meta, ITEM_F_INDEXNO), "state", "draft", "drafter", t->user,
	    "due_date", it.due_date), err, errlen);
	gk_item_clear(&it);
	return e;
}

static enum gk_err
write_application(struct gk_web_ctx *ctx, const struct gk_token *t, struct gk_api_write_in *in,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	char		 actor[64], msg[512], code[GK_APPLY_CODE_LEN + 1];
	int64_t		 id = 0;
	enum gk_err	 e;

	snprintf(actor, sizeof(actor), "api-token:%lld", (long long)t->id);
	e = gk_apply_new(ctx->db, actor, t->agency_id, &in->ap, ctx->cal, ctx->now, &id, code, msg,
	    sizeof(msg));
	if (e == GK_EINVAL)
		return send_error(resp, 400, "validation_failed", NULL, msg, err, errlen);
	if (e == GK_ECONFLICT)
		return send_error(resp, 403, "forbidden", NULL, msg, err, errlen);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	return send_json(resp, 201, json_pack("{s:I, s:I, s:s, s:s}", "id", (json_int_t)id,
	    "agency_id", (json_int_t)t->agency_id, "tracking_code", code, "track_url", "/track"),
	    err, errlen);
}

enum gk_err
gk_api_write(struct gk_web_ctx *ctx, const struct gk_web_req *req, const char *path,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct gk_api_write_in	 in;
	struct gk_token		 t;
	enum gk_api_kind	 kind;
	const char		*tok;
	char			 field[64], msg[512];
	enum gk_err		 e;

	if (strcmp(path, "items") == 0)
		kind = GK_API_ITEM;
	else if (strcmp(path, "applications") == 0)
		kind = GK_API_APPLICATION;
	else
		return GK_ENOTFOUND;
	if ((tok = bearer(req->authorization)) == NULL)
		return send_error(resp, 401, "unauthorized", NULL,
		    "缺少令牌：请在 Authorization 头中给出 Bearer 令牌", err, errlen);
	if ((e = gk_token_check(ctx->db, tok, ctx->now, &t, msg, sizeof(msg))) == GK_ENOTFOUND)
		return send_error(resp, 401, "invalid_token", NULL, "令牌无效或已吊销", err, errlen);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	if (req->body == NULL)
		return send_error(resp, 415, "unsupported_media_type", NULL,
		    "请求体须为 JSON（Content-Type: application/json）", err, errlen);
	if (gk_api_write_decode(kind, req->body, req->bodylen, &in, field, msg, sizeof(msg)) != GK_OK)
		return send_error(resp, 400, "bad_request", field, msg, err, errlen);
	if (in.agency_id != 0 && in.agency_id != t.agency_id) {
		gk_api_write_clear(&in);
		return send_error(resp, 403, "forbidden", "agency_id",
		    "令牌只能为其所属机构写入数据", err, errlen);
	}
	e = kind == GK_API_ITEM ? write_item(ctx, &t, &in, resp, err, errlen) :
	    write_application(ctx, &t, &in, resp, err, errlen);
	gk_api_write_clear(&in);
	return e;
}
