/*
 * wechat.c — the official-account client and the outbox worker (wechat.h;
 * docs/wechat.md cites the API pages each call follows).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cairo.h>
#include <curl/curl.h>
#include <jansson.h>

#include "channels/wechat.h"
#include "channels/wechat_html.h"
#include "core/escape.h"
#include "store/attachment.h"
#include "store/channel.h"
#include "store/db.h"
#include "store/item.h"
#include "store/site.h"
#include "store/wechat_outbox.h"
#include "web/portal.h"

#define WX_RESP_MAX	((size_t)1 << 20)	/* an API answer */
#define WX_IMG_MAX	((size_t)1 << 20)	/* uploadimg: below 1 MB */

/* How a call ended. */
enum wx_res {
	WX_OK = 0,
	WX_TRANSIENT,	/* try again later: network, 5xx, -1, 45009, 45011 */
	WX_PERMANENT,	/* give up: content rejected, bad configuration */
	WX_DBFAIL	/* our database refused: leave the row as it was */
};

struct wx {
	struct gk_db			*db;
	struct gk_wechat_account	 acct;
	int64_t				 now;
	int64_t				 item_id;
	int				 token_fresh;	/* fetched in this step */
	char				 msg[GK_WECHAT_ERROR_MAX];	/* the outcome's message */
	int64_t				 min_wait;	/* at least this backoff (45009) */
	long				 last_code;	/* errcode of the last answer */
};

int64_t
gk_wechat_backoff(int64_t n)
{
	int64_t s = GK_WECHAT_BACKOFF;

	while (n-- > 1 && s < GK_WECHAT_BACKOFF_MAX)
		s *= 2;
	return s < GK_WECHAT_BACKOFF_MAX ? s : GK_WECHAT_BACKOFF_MAX;
}

static size_t
wx_write(char *p, size_t sz, size_t nm, void *arg)
{
	struct gk_buf *b = arg;

	if (gk_buf_append(b, p, sz * nm) != GK_OK)
		return 0;
	return sz * nm;
}

/*
 * One HTTP request: GET when body and file are NULL, a JSON POST with body,
 * a multipart POST with file (field "media"). The answer's JSON into *out.
 */
static enum wx_res
wx_http(struct wx *w, const char *url, const char *body, const void *file, size_t flen,
    const char *fname, const char *ftype, json_t **out)
{
	CURL			*c;
	curl_mime		*mime = NULL;
	struct curl_slist	*hdr = NULL;
	struct gk_buf		 resp;
	json_error_t		 je;
	long			 status = 0;
	CURLcode		 rc;

	*out = NULL;
	if ((c = curl_easy_init()) == NULL) {
		snprintf(w->msg, sizeof(w->msg), "无法初始化 HTTP 客户端");
		return WX_TRANSIENT;
	}
	gk_buf_init(&resp, WX_RESP_MAX);
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, wx_write);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, &resp);
	curl_easy_setopt(c, CURLOPT_USERAGENT, "gongkai-wechat/1");
	if (body != NULL) {
		hdr = curl_slist_append(NULL, "Content-Type: application/json; charset=utf-8");
		curl_easy_setopt(c, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
		curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(body));
	} else if (file != NULL) {
		curl_mimepart *part;

		mime = curl_mime_init(c);
		part = curl_mime_addpart(mime);
		curl_mime_name(part, "media");
		curl_mime_data(part, file, flen);
		curl_mime_filename(part, fname);
		curl_mime_type(part, ftype);
		curl_easy_setopt(c, CURLOPT_MIMEPOST, mime);
	}
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	curl_mime_free(mime);
	curl_slist_free_all(hdr);
	if (rc != CURLE_OK) {
		/* curl's message never holds the URL (and so never the secret). */
		snprintf(w->msg, sizeof(w->msg), "无法连接微信接口：%s", curl_easy_strerror(rc));
		gk_buf_clear(&resp);
		return WX_TRANSIENT;
	}
	if (status != 200) {
		snprintf(w->msg, sizeof(w->msg), "微信接口返回 HTTP %ld", status);
		gk_buf_clear(&resp);
		return status >= 500 || status == 429 ? WX_TRANSIENT : WX_PERMANENT;
	}
	*out = json_loadb(resp.data != NULL ? resp.data : "", resp.len, 0, &je);
	gk_buf_clear(&resp);
	if (*out == NULL || !json_is_object(*out)) {
		json_decref(*out);
		*out = NULL;
		snprintf(w->msg, sizeof(w->msg), "微信接口的回答不是 JSON 对象");
		return WX_TRANSIENT;
	}
	return WX_OK;
}

static int
wx_token_error(long code)
{
	return code == 40001 || code == 42001 || code == 40014;
}

/* The Chinese meaning of the documented error codes we name. */
static const char *
wx_errtext(long code)
{
	switch (code) {
	case -1:	return "系统繁忙";
	case 40001:	return "AppSecret 错误或 access_token 无效";
	case 40005:	return "上传素材文件格式不对";
	case 40007:	return "不合法的媒体文件 id";
	case 40009:	return "图片尺寸太大";
	case 40013:	return "不合法的 AppID";
	case 40014:	return "不合法的 access_token";
	case 40164:	return "调用接口的 IP 地址不在白名单中";
	case 42001:	return "access_token 超时";
	case 45009:	return "接口调用超过每日限额";
	case 45011:	return "接口调用过于频繁（每分钟限额）";
	case 48001:	return "公众号未获得该接口权限";
	case 53503:	return "该草稿未通过发布检查";
	case 53504:	return "需前往公众平台官网使用草稿";
	case 53505:	return "请手动保存成功后再发表";
	default:	return "接口返回错误";
	}
}

/* errcode of an answer (0 when absent) and its classification. */
static enum wx_res
wx_errcode(struct wx *w, json_t *o, long *codep)
{
	json_t		*c = json_object_get(o, "errcode");
	const char	*m = json_string_value(json_object_get(o, "errmsg"));
	long		 code = json_is_integer(c) ? (long)json_integer_value(c) : 0;

	*codep = code;
	w->last_code = code;
	if (code == 0)
		return WX_OK;
	snprintf(w->msg, sizeof(w->msg), "微信接口错误 %ld（%s）：%.200s", code, wx_errtext(code),
	    m != NULL ? m : "");
	if (code == -1 || code == 45011)
		return WX_TRANSIENT;
	if (code == 45009) {
		w->min_wait = 3600;
		return WX_TRANSIENT;
	}
	return WX_PERMANENT;
}

/* Fetches a new access token into w->acct and the database. */
static enum wx_res
wx_token_fetch(struct wx *w)
{
	char		 url[GK_WECHAT_URL_MAX + 512], err[256];
	char		*ea, *es;
	json_t		*o;
	const char	*tok;
	json_int_t	 exp;
	long		 code;
	enum wx_res	 r;

	ea = curl_easy_escape(NULL, w->acct.appid, 0);
	es = curl_easy_escape(NULL, w->acct.secret, 0);
	if (ea == NULL || es == NULL) {
		curl_free(ea);
		curl_free(es);
		snprintf(w->msg, sizeof(w->msg), "内存不足");
		return WX_TRANSIENT;
	}
	snprintf(url, sizeof(url), "%s/cgi-bin/token?grant_type=client_credential&appid=%s&secret=%s",
	    w->acct.base_url, ea, es);
	curl_free(ea);
	curl_free(es);
	r = wx_http(w, url, NULL, NULL, 0, NULL, NULL, &o);
	memset(url, 0, sizeof(url));
	if (r != WX_OK)
		return r;
	if ((r = wx_errcode(w, o, &code)) != WX_OK) {
		json_decref(o);
		if (code == 40001 || code == 40013 || code == 40125)
			snprintf(w->msg, sizeof(w->msg), "获取 access_token 失败：错误 %ld（AppID 或 "
			    "AppSecret 错误），请检查 gongkai wechat config", code);
		return r;
	}
	tok = json_string_value(json_object_get(o, "access_token"));
	exp = json_integer_value(json_object_get(o, "expires_in"));
	if (tok == NULL || tok[0] == '\0' || strlen(tok) >= GK_WECHAT_TOKEN_MAX || exp <= 0) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "获取 access_token 的回答缺少 access_token 或 expires_in");
		return WX_TRANSIENT;
	}
	gk_strlcpy_utf8(w->acct.access_token, tok, sizeof(w->acct.access_token));
	/* Refresh a little early (the old and new tokens overlap five minutes). */
	w->acct.token_expires = w->now + exp - (exp / 2 < 300 ? exp / 2 : 300);
	json_decref(o);
	w->token_fresh = 1;
	if (gk_wechat_token_save(w->db, w->acct.agency_id, w->acct.access_token,
	    w->acct.token_expires, err, sizeof(err)) != GK_OK) {
		snprintf(w->msg, sizeof(w->msg), "%s", err);
		return WX_DBFAIL;
	}
	return WX_OK;
}

/*
 * A call with the access token: path ("/cgi-bin/..."), extra query
 * ("&type=image" or ""), a JSON body or a file. Refreshes the token on
 * expiry and on 40001/42001/40014 (then calls once more).
 */
static enum wx_res
wx_call(struct wx *w, const char *path, const char *query, const char *body, const void *file,
    size_t flen, const char *fname, const char *ftype, json_t **out)
{
	char		 url[GK_WECHAT_URL_MAX + GK_WECHAT_TOKEN_MAX + 256];
	char		*et;
	long		 code;
	int		 tries;
	enum wx_res	 r;

	*out = NULL;
	for (tries = 0; tries < 2; tries++) {
		if (w->acct.access_token[0] == '\0' || w->acct.token_expires <= w->now)
			if ((r = wx_token_fetch(w)) != WX_OK)
				return r;
		if ((et = curl_easy_escape(NULL, w->acct.access_token, 0)) == NULL) {
			snprintf(w->msg, sizeof(w->msg), "内存不足");
			return WX_TRANSIENT;
		}
		snprintf(url, sizeof(url), "%s%s?access_token=%s%s", w->acct.base_url, path, et,
		    query);
		curl_free(et);
		if ((r = wx_http(w, url, body, file, flen, fname, ftype, out)) != WX_OK)
			return r;
		if ((r = wx_errcode(w, *out, &code)) == WX_OK)
			return WX_OK;
		json_decref(*out);
		*out = NULL;
		if (!wx_token_error(code) || tries == 1)
			return r;
		/* The token is no longer good: drop it and fetch a new one. */
		w->acct.access_token[0] = '\0';
		w->acct.token_expires = 0;
	}
	return WX_PERMANENT;
}

static cairo_status_t
wx_png_write(void *arg, const unsigned char *data, unsigned int len)
{
	return gk_buf_append(arg, data, len) == GK_OK ? CAIRO_STATUS_SUCCESS :
	    CAIRO_STATUS_WRITE_ERROR;
}

/* The cover: a plain 900×383 PNG in the portal's red, made once per account. */
static enum wx_res
wx_cover(struct wx *w)
{
	cairo_surface_t	*s;
	cairo_t		*cr;
	struct gk_buf	 png;
	json_t		*o;
	const char	*mid;
	char		 err[256];
	enum wx_res	 r;

	if (w->acct.thumb_media_id[0] != '\0')
		return WX_OK;
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, 900, 383);
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 0.70, 0.13, 0.13);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 300, 900, 12);
	cairo_fill(cr);
	cairo_destroy(cr);
	gk_buf_init(&png, WX_IMG_MAX);
	if (cairo_surface_write_to_png_stream(s, wx_png_write, &png) != CAIRO_STATUS_SUCCESS ||
	    png.err != GK_OK) {
		cairo_surface_destroy(s);
		gk_buf_clear(&png);
		snprintf(w->msg, sizeof(w->msg), "无法生成封面图片");
		return WX_TRANSIENT;
	}
	cairo_surface_destroy(s);
	r = wx_call(w, "/cgi-bin/material/add_material", "&type=image", NULL, png.data, png.len,
	    "cover.png", "image/png", &o);
	gk_buf_clear(&png);
	if (r != WX_OK)
		return r;
	mid = json_string_value(json_object_get(o, "media_id"));
	if (mid == NULL || mid[0] == '\0' || strlen(mid) >= GK_WECHAT_ID_MAX) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "上传封面的回答缺少 media_id");
		return WX_TRANSIENT;
	}
	gk_strlcpy_utf8(w->acct.thumb_media_id, mid, sizeof(w->acct.thumb_media_id));
	json_decref(o);
	if (gk_wechat_thumb_save(w->db, w->acct.agency_id, w->acct.thumb_media_id, err,
	    sizeof(err)) != GK_OK) {
		snprintf(w->msg, sizeof(w->msg), "%s", err);
		return WX_DBFAIL;
	}
	return WX_OK;
}

struct wx_img_ctx {
	struct wx	*w;
	enum wx_res	 r;
};

/* Image callback: "attachment:ID" (an image attachment of the item) → uploadimg. */
static enum gk_err
wx_img(void *arg, const char *src, struct gk_buf *out, char *err, size_t errlen)
{
	struct wx_img_ctx	*ic = arg;
	struct gk_attachment	 a;
	void			*data = NULL;
	size_t			 len = 0;
	long long		 id;
	char			*end;
	json_t			*o;
	const char		*url;
	enum gk_err		 e;

	if (strncmp(src, "attachment:", 11) != 0)
		return GK_ENOTFOUND;
	id = strtoll(src + 11, &end, 10);
	if (*end != '\0' || id <= 0)
		return GK_ENOTFOUND;
	if ((e = gk_attachment_get_data(ic->w->db, ic->w->item_id, (int64_t)id, &a, &data, &len,
	    err, errlen)) != GK_OK)
		return e == GK_ENOTFOUND ? GK_ENOTFOUND : e;
	ic->r = wx_call(ic->w, "/cgi-bin/media/uploadimg", "", NULL, data, len, a.name, a.mime,
	    &o);
	gk_free(data);
	if (ic->r != WX_OK) {
		snprintf(err, errlen, "%s", ic->w->msg);
		return GK_EIO;
	}
	url = json_string_value(json_object_get(o, "url"));
	if (url == NULL || url[0] == '\0') {
		json_decref(o);
		ic->r = WX_TRANSIENT;
		snprintf(ic->w->msg, sizeof(ic->w->msg), "上传图片的回答缺少 url");
		snprintf(err, errlen, "%s", ic->w->msg);
		return GK_EIO;
	}
	gk_buf_puts(out, url);
	json_decref(o);
	return GK_OK;
}

/* queued → drafted. */
static enum wx_res
wx_step_draft(struct wx *w, struct gk_wechat_job *j)
{
	struct gk_item			 it;
	struct gk_site			 site;
	struct gk_attachment_list	 al;
	struct gk_buf			 html, content;
	struct wx_img_ctx		 ic;
	char				 url[300], err[512];
	const char			*pub, *mid;
	json_t				*body = NULL, *o;
	char				*s = NULL;
	size_t				 i;
	enum wx_res			 r;

	memset(&it, 0, sizeof(it));
	if (gk_item_get(w->db, j->item_id, &it, err, sizeof(err)) != GK_OK) {
		snprintf(w->msg, sizeof(w->msg), "%s", err);
		return WX_PERMANENT;
	}
	if (it.state != WF_PUBLISHED) {
		gk_item_clear(&it);
		snprintf(w->msg, sizeof(w->msg), "信息已不在发布状态（可能已撤回），不再推送");
		return WX_PERMANENT;
	}
	if (gk_site_load(w->db, &site, err, sizeof(err)) != GK_OK || site.host[0] == '\0') {
		gk_item_clear(&it);
		snprintf(w->msg, sizeof(w->msg), "未设置平台地址，无法生成回到门户网站的链接"
		    "（gongkai site set host https://…）");
		return WX_PERMANENT;
	}
	snprintf(url, sizeof(url), "%s/item/%lld", site.host, (long long)j->item_id);
	if (gk_channel_item_hash(w->db, j->item_id, j->content_sha256, err, sizeof(err)) != GK_OK) {
		gk_item_clear(&it);
		snprintf(w->msg, sizeof(w->msg), "%s", err);
		return WX_DBFAIL;
	}
	if ((r = wx_cover(w)) != WX_OK) {
		gk_item_clear(&it);
		return r;
	}
	gk_buf_init(&html, 0);
	gk_buf_init(&content, 0);
	gk_portal_md(&html, item_meta_get(&it.meta, ITEM_F_BODY));
	/* Image attachments go into the article, below the text. */
	if (gk_attachment_list(w->db, j->item_id, &al, err, sizeof(err)) == GK_OK) {
		for (i = 0; i < al.n; i++)
			if ((strcmp(al.v[i].mime, "image/png") == 0 ||
			    strcmp(al.v[i].mime, "image/jpeg") == 0) &&
			    (size_t)al.v[i].size < WX_IMG_MAX)
				gk_buf_printf(&html, "<p><img src=\"attachment:%lld\"></p>\n",
				    (long long)al.v[i].id);
		gk_attachment_list_free(&al);
	}
	ic.w = w;
	ic.r = WX_OK;
	w->item_id = j->item_id;
	if (html.err != GK_OK || gk_wechat_html(html.data != NULL ? html.data : "", html.len,
	    url, wx_img, &ic, &content, err, sizeof(err)) != GK_OK) {
		r = ic.r != WX_OK ? ic.r : WX_PERMANENT;
		if (ic.r == WX_OK)
			snprintf(w->msg, sizeof(w->msg), "正文转换失败：%s", err);
		goto out;
	}
	pub = item_meta_get(&it.meta, ITEM_F_PUBLISHER);
	body = json_pack("{s:[{s:s, s:s, s:s, s:s, s:i, s:i}]}", "articles",
	    "title", item_meta_get(&it.meta, ITEM_F_TITLE), "content", content.data,
	    "content_source_url", url, "thumb_media_id", w->acct.thumb_media_id,
	    "need_open_comment", 0, "only_fans_can_comment", 0);
	/* author: at most 16 characters (assumed, docs/wechat.md). */
	if (body != NULL && pub[0] != '\0' && gk_text_chars(pub) > 0 && gk_text_chars(pub) <= 16)
		json_object_set_new(json_array_get(json_object_get(body, "articles"), 0), "author",
		    json_string(pub));
	if (body == NULL || (s = json_dumps(body, JSON_COMPACT)) == NULL) {
		snprintf(w->msg, sizeof(w->msg), "内存不足");
		r = WX_TRANSIENT;
		goto out;
	}
	if ((r = wx_call(w, "/cgi-bin/draft/add", "", s, NULL, 0, NULL, NULL, &o)) != WX_OK)
		goto out;
	mid = json_string_value(json_object_get(o, "media_id"));
	if (mid == NULL || mid[0] == '\0' || strlen(mid) >= sizeof(j->draft_media_id)) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "新建草稿的回答缺少 media_id");
		r = WX_TRANSIENT;
		goto out;
	}
	gk_strlcpy_utf8(j->draft_media_id, mid, sizeof(j->draft_media_id));
	json_decref(o);
	r = WX_OK;
out:
	if (s != NULL) {
		json_free_t ff;
		json_malloc_t mf;

		json_get_alloc_funcs(&mf, &ff);
		ff(s);
	}
	json_decref(body);
	gk_buf_clear(&html);
	gk_buf_clear(&content);
	gk_item_clear(&it);
	return r;
}

/* drafted → submitted. */
static enum wx_res
wx_step_submit(struct wx *w, struct gk_wechat_job *j)
{
	json_t		*o, *pid;
	char		*s;
	char		 num[32];
	const char	*p;
	json_free_t	 ff;
	json_malloc_t	 mf;
	enum wx_res	 r;

	if ((o = json_pack("{s:s}", "media_id", j->draft_media_id)) == NULL ||
	    (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "内存不足");
		return WX_TRANSIENT;
	}
	json_decref(o);
	r = wx_call(w, "/cgi-bin/freepublish/submit", "", s, NULL, 0, NULL, NULL, &o);
	json_get_alloc_funcs(&mf, &ff);
	ff(s);
	if (r == WX_PERMANENT && j->attempts > 0 && w->last_code == 40007) {
		/* A published draft leaves the draft box: the earlier submit went through. */
		snprintf(w->msg, sizeof(w->msg), "草稿已不在草稿箱：上次发表请求可能已成功而回答丢失，"
		    "未再次发表；请到公众平台“发表记录”核实（草稿 %s）", j->draft_media_id);
		return WX_PERMANENT;
	}
	if (r != WX_OK)
		return r;
	/* publish_id is a string in the documentation; accept a number too. */
	pid = json_object_get(o, "publish_id");
	if (json_is_integer(pid)) {
		snprintf(num, sizeof(num), "%lld", (long long)json_integer_value(pid));
		p = num;
	} else
		p = json_string_value(pid);
	if (p == NULL || p[0] == '\0' || strlen(p) >= sizeof(j->publish_id)) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "发表的回答缺少 publish_id");
		return WX_PERMANENT;	/* never submit the same draft again blindly */
	}
	gk_strlcpy_utf8(j->publish_id, p, sizeof(j->publish_id));
	json_decref(o);
	return WX_OK;
}

static const char *
wx_status_text(long st)
{
	switch (st) {
	case 2:		return "原创声明失败";
	case 3:		return "常规失败";
	case 4:		return "平台审核不通过";
	case 5:		return "成功后用户删除所有文章";
	case 6:		return "成功后系统封禁所有文章";
	default:	return "未知状态";
	}
}

/* submitted → published (WX_OK), still publishing (*pendingp), or failed. */
static enum wx_res
wx_step_poll(struct wx *w, struct gk_wechat_job *j, int *pendingp)
{
	json_t		*o, *st, *items, *fi;
	char		*s;
	const char	*u;
	json_free_t	 ff;
	json_malloc_t	 mf;
	long		 status;
	enum wx_res	 r;

	*pendingp = 0;
	if ((o = json_pack("{s:s}", "publish_id", j->publish_id)) == NULL ||
	    (s = json_dumps(o, JSON_COMPACT)) == NULL) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "内存不足");
		return WX_TRANSIENT;
	}
	json_decref(o);
	r = wx_call(w, "/cgi-bin/freepublish/get", "", s, NULL, 0, NULL, NULL, &o);
	json_get_alloc_funcs(&mf, &ff);
	ff(s);
	if (r != WX_OK)
		return r;
	st = json_object_get(o, "publish_status");
	if (!json_is_integer(st)) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "发布状态查询的回答缺少 publish_status");
		return WX_TRANSIENT;
	}
	status = (long)json_integer_value(st);
	if (status == 1) {
		json_decref(o);
		*pendingp = 1;
		return WX_OK;
	}
	if (status != 0) {
		fi = json_object_get(o, "fail_idx");
		snprintf(w->msg, sizeof(w->msg), "发布失败：publish_status %ld（%s）%s", status,
		    wx_status_text(status), json_array_size(fi) > 0 ? "，第 1 篇文章未通过" : "");
		json_decref(o);
		return WX_PERMANENT;
	}
	items = json_object_get(json_object_get(o, "article_detail"), "item");
	u = json_string_value(json_object_get(json_array_get(items, 0), "article_url"));
	if (u == NULL || u[0] == '\0' || strlen(u) >= sizeof(j->article_url)) {
		json_decref(o);
		snprintf(w->msg, sizeof(w->msg), "发布成功但回答缺少 article_url");
		return WX_TRANSIENT;
	}
	gk_strlcpy_utf8(j->article_url, u, sizeof(j->article_url));
	json_decref(o);
	return WX_OK;
}

/* Stores j (and, for a final state, the item's channel record) in one transaction. */
static enum gk_err
wx_save(struct gk_db *db, const char *actor, struct gk_wechat_job *j, const char *now_iso,
    char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_wechat_job_save(db, actor, j, now_iso, err, errlen)) != GK_OK)
		goto fail;
	if (strcmp(j->state, GK_WX_PUBLISHED) == 0)
		e = gk_channel_record(db, actor, j->item_id, GK_CH_WECHAT, GK_CH_PUBLISHED, now_iso,
		    j->content_sha256[0] ? j->content_sha256 : NULL, j->article_url, NULL, err,
		    errlen);
	else if (strcmp(j->state, GK_WX_FAILED) == 0)
		e = gk_channel_record(db, actor, j->item_id, GK_CH_WECHAT, GK_CH_FAILED, now_iso,
		    j->content_sha256[0] ? j->content_sha256 : NULL, NULL, j->last_error, err,
		    errlen);
	if (e != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

#ifdef GK_TESTING
/* Test hook: $GONGKAI_WECHAT_CRASH=after_draft ends the process once the draft is stored. */
static void
wx_crash_hook(const char *state)
{
	const char *h = getenv("GONGKAI_WECHAT_CRASH");

	if (h != NULL && strcmp(state, GK_WX_DRAFTED) == 0 && strcmp(h, "after_draft") == 0)
		_exit(9);
}
#else
#define wx_crash_hook(s) ((void)(s))
#endif

enum gk_err
gk_wechat_step(struct gk_db *db, const char *actor, struct gk_wechat_job *j, int64_t now,
    const char *now_iso, char *err, size_t errlen)
{
	struct wx	 w;
	enum wx_res	 r;
	enum gk_err	 e;
	int		 pending = 0;

	if ((e = gk_wechat_job_get(db, j->id, j, err, errlen)) != GK_OK)
		return e;
	if (strcmp(j->state, GK_WX_PUBLISHED) == 0 || strcmp(j->state, GK_WX_FAILED) == 0)
		return GK_OK;
	memset(&w, 0, sizeof(w));
	w.db = db;
	w.now = now;
	if (gk_wechat_account_get(db, j->agency_id, &w.acct, err, errlen) != GK_OK) {
		snprintf(w.msg, sizeof(w.msg), "%s", err);
		r = WX_PERMANENT;
	} else if (strcmp(j->state, GK_WX_QUEUED) == 0)
		r = wx_step_draft(&w, j);
	else if (strcmp(j->state, GK_WX_DRAFTED) == 0)
		r = wx_step_submit(&w, j);
	else
		r = wx_step_poll(&w, j, &pending);
	memset(w.acct.secret, 0, sizeof(w.acct.secret));
	if (r == WX_DBFAIL) {
		snprintf(err, errlen, "%s", w.msg);
		return GK_EDB;
	}
	if (r == WX_OK && pending) {
		/* Still publishing: poll again, later and later. */
		j->attempts++;
		if (j->attempts > GK_WECHAT_POLLS) {
			snprintf(j->last_error, sizeof(j->last_error), "发布状态查询 %d 次仍在发布中，"
			    "请到公众平台核实（publish_id %s）", GK_WECHAT_POLLS, j->publish_id);
			gk_strlcpy_utf8(j->state, GK_WX_FAILED, sizeof(j->state));
		} else {
			int64_t p = GK_WECHAT_POLL, k;

			for (k = 1; k < j->attempts && p < GK_WECHAT_POLL_MAX; k++)
				p *= 2;
			j->next_at = now + (p < GK_WECHAT_POLL_MAX ? p : GK_WECHAT_POLL_MAX);
			snprintf(j->last_error, sizeof(j->last_error), "发布中（第 %lld 次查询）",
			    (long long)j->attempts);
		}
	} else if (r == WX_OK) {
		const char *next = strcmp(j->state, GK_WX_QUEUED) == 0 ? GK_WX_DRAFTED :
		    strcmp(j->state, GK_WX_DRAFTED) == 0 ? GK_WX_SUBMITTED : GK_WX_PUBLISHED;

		gk_strlcpy_utf8(j->state, next, sizeof(j->state));
		j->attempts = 0;
		j->last_error[0] = '\0';
		j->next_at = strcmp(next, GK_WX_SUBMITTED) == 0 ? now + GK_WECHAT_POLL : now;
	} else if (r == WX_TRANSIENT && j->attempts + 1 < GK_WECHAT_TRIES) {
		int64_t wait = gk_wechat_backoff(j->attempts + 1);

		j->attempts++;
		if (wait < w.min_wait)
			wait = w.min_wait;
		j->next_at = now + wait;
		snprintf(j->last_error, sizeof(j->last_error), "%.900s（%lld 秒后第 %lld 次重试）",
		    w.msg, (long long)wait, (long long)j->attempts);
	} else {
		if (r == WX_TRANSIENT)
			snprintf(j->last_error, sizeof(j->last_error), "重试 %d 次仍失败：%.900s",
			    GK_WECHAT_TRIES, w.msg);
		else
			snprintf(j->last_error, sizeof(j->last_error), "%s", w.msg);
		gk_strlcpy_utf8(j->state, GK_WX_FAILED, sizeof(j->state));
	}
	if ((e = wx_save(db, actor, j, now_iso, err, errlen)) != GK_OK)
		return e;
	wx_crash_hook(j->state);
	return GK_OK;
}

enum gk_err
gk_wechat_run_due(struct gk_db *db, const char *actor, int64_t now, const char *now_iso,
    int *stepsp, char *err, size_t errlen)
{
	struct gk_wechat_job	 j;
	int			 steps = 0;
	enum gk_err		 e;

	/* Each step moves a row forward or into the future; 4 steps per row at most. */
	while (steps < 10000) {
		e = gk_wechat_job_claim(db, now, GK_WECHAT_LEASE, &j, err, errlen);
		if (e == GK_ENOTFOUND)
			break;
		if (e != GK_OK)
			return e;
		if ((e = gk_wechat_step(db, actor, &j, now, now_iso, err, errlen)) != GK_OK)
			return e;
		steps++;
	}
	if (stepsp != NULL)
		*stepsp = steps;
	return GK_OK;
}
