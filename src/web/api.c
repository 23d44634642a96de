/*
 * api.c — the read-only JSON API under /api/v1/ (docs/api.md): agencies,
 * published items with filters and pagination, one item with its body,
 * attachments and interpretations, search (store/search.h) and the
 * published annual reports (the stored model JSON as is).
 *
 * Everything under /api/v1/ is answered here, always with JSON: a path
 * that names no endpoint is a not_found error, never the portal's HTML
 * page. Only published data is ever shown; a draft is indistinguishable
 * from an id that does not exist. Parameters are checked strictly (see
 * api_id, api_int); parameters the endpoint does not know are ignored.
 * Responses of published data are cacheable (the server keeps them until
 * site_state.gen moves and gives them an ETag); search and errors are not.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/item.h"
#include "core/interp.h"
#include "store/agency.h"
#include "store/api_data.h"
#include "store/attachment.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/report_data.h"
#include "store/search.h"
#include "web/api_write.h"
#include "web/handlers.h"

#define API_PREFIX	"/api/v1/"
#define API_CT		"application/json; charset=utf-8"
#define API_PAGE_MAX	10000
#define API_PER_PAGE	20
#define API_YEAR_MIN	1900
#define API_YEAR_MAX	9998

/* The response being made and where a detail for the log goes. */
struct api {
	struct gk_web_ctx	*ctx;
	const struct gk_web_req	*req;
	struct gk_web_resp	*resp;
	char			*err;
	size_t			 errlen;
	enum gk_err		 sent;		/* what sending a refusal returned */
};

static int
dump_cb(const char *s, size_t n, void *data)
{
	return gk_buf_append(data, s, n) == GK_OK ? 0 : -1;
}

/* Sends root (its reference is taken) as the body with status. */
static enum gk_err
api_send(struct api *a, int status, json_t *root, int cacheable)
{
	struct gk_web_resp *r = a->resp;

	if (root == NULL) {
		snprintf(a->err, a->errlen, "内存不足");
		return GK_ENOMEM;
	}
	gk_buf_clear(&r->body);
	r->status = status;
	r->content_type = API_CT;
	r->cacheable = cacheable;
	if (json_dump_callback(root, dump_cb, &r->body, JSON_COMPACT) != 0 ||
	    gk_buf_putc(&r->body, '\n') != GK_OK) {
		json_decref(root);
		gk_buf_clear(&r->body);
		snprintf(a->err, a->errlen, "内存不足");
		return GK_ENOMEM;
	}
	json_decref(root);
	return GK_OK;
}

/* {"error":{"code":…,"message":…}} with status; never cached. */
static enum gk_err
api_error(struct api *a, int status, const char *code, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static enum gk_err
api_error(struct api *a, int status, const char *code, const char *fmt, ...)
{
	char	msg[512];
	va_list	ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	a->resp->last_modified[0] = '\0';
	return api_send(a, status, json_pack("{s:{s:s,s:s}}", "error", "code", code,
	    "message", msg), 0);
}

/* A store failure other than "not found": 500 internal, the detail kept in err. */
static enum gk_err
api_internal(struct api *a, enum gk_err e, const char *detail)
{
	if (e == GK_ENOMEM)
		return e;
	if (detail != a->err)
		snprintf(a->err, a->errlen, "%s", detail);
	return api_error(a, 500, "internal", "服务器内部错误，请稍后再试");
}

/*
 * A positive decimal id: digits only (no sign, space or leading zero),
 * at most INT64_MAX. 1 when s is one.
 */
static int
api_id(const char *s, int64_t *out)
{
	int64_t v = 0;

	if (s == NULL || s[0] < '1' || s[0] > '9')
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9' || v > (INT64_MAX - (*s - '0')) / 10)
			return 0;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 1;
}

/*
 * Query parameter name as an integer in min..max: absent or "" gives def;
 * anything but plain digits in range is refused (0 with a 400 sent).
 */
static int
api_int(struct api *a, const char *name, int64_t min, int64_t max, int64_t def,
    int64_t *out, const char *what)
{
	const char *s = gk_web_arg(a->req, name);

	if (s == NULL || s[0] == '\0') {
		*out = def;
		return 1;
	}
	if (!api_id(s, out) || *out < min || *out > max) {
		a->sent = api_error(a, 400, "bad_request", "参数 %s 无效：%s应为 %lld 至 %lld 之间的整数",
		    name, what, (long long)min, (long long)max);
		return 0;
	}
	return 1;
}

/* The filters shared by items and search. 0 when a 400 was sent. */
struct api_filter {
	int64_t		 agency, category, year, page, per_page;
	const char	*validity;	/* a stored label or NULL */
};

static int
api_filter(struct api *a, struct api_filter *f)
{
	const char		*v = gk_web_arg(a->req, "validity");
	enum item_validity	 iv;

	memset(f, 0, sizeof(*f));
	if (!api_int(a, "agency", 1, INT64_MAX, 0, &f->agency, "机构编号") ||
	    !api_int(a, "category", 1, INT64_MAX, 0, &f->category, "栏目编号") ||
	    !api_int(a, "year", API_YEAR_MIN, API_YEAR_MAX, 0, &f->year, "年份") ||
	    !api_int(a, "page", 1, API_PAGE_MAX, 1, &f->page, "页码") ||
	    !api_int(a, "per_page", 1, GK_API_LIMIT_MAX, API_PER_PAGE, &f->per_page,
	    "每页条数"))
		return 0;
	if (v != NULL && v[0] != '\0') {
		if (!item_validity_from_name(v, &iv)) {
			a->sent = api_error(a, 400, "bad_request",
			    "参数 validity 无效：应为 有效、失效 或 废止（valid、expired、repealed）");
			return 0;
		}
		f->validity = item_validity_label(iv);
	}
	return 1;
}

/* The URL prefix + id + suffix as a JSON string. */
static json_t *
url_json(const char *prefix, int64_t id, const char *suffix)
{
	char u[96];

	snprintf(u, sizeof(u), "%s%lld%s", prefix, (long long)id, suffix);
	return json_string(u);
}

/* The keywords as an array: split at , ; space，；、 and U+3000, empty parts dropped. */
static json_t *
keywords_json(const char *s)
{
	json_t		*arr = json_array();
	const char	*p = s, *start = s;
	size_t		 sep;

	if (arr == NULL)
		return NULL;
	for (;;) {
		if (*p == '\0')
			sep = 0;
		else if (*p == ',' || *p == ';' || *p == ' ')
			sep = 1;
		else if (strncmp(p, "，", 3) == 0 || strncmp(p, "；", 3) == 0 ||
		    strncmp(p, "、", 3) == 0 || strncmp(p, "　", 3) == 0)
			sep = 3;
		else {
			p++;
			continue;
		}
		if (p > start && json_array_append_new(arr, json_stringn(start,
		    (size_t)(p - start))) != 0) {
			json_decref(arr);
			return NULL;
		}
		if (*p == '\0')
			return arr;
		p += sep;
		start = p;
	}
}

static json_t *
category_json(int64_t id, const char *name)
{
	if (id == 0)
		return json_null();
	return json_pack("{s:I,s:s}", "id", (json_int_t)id, "name", name);
}

/* A date "YYYY-MM-DD" or null for "". */
static const char *
date_or_null(const char *d)
{
	return d != NULL && d[0] != '\0' ? d : NULL;
}

/* ---- /api/v1/agencies[/{id}] ---- */

static json_t *
agency_json(const struct gk_agency *g)
{
	json_t *parent = g->parent_id != 0 ? json_integer(g->parent_id) : json_null();

	return json_pack("{s:I,s:s,s:s,s:s,s:o,s:o}", "id", (json_int_t)g->id, "name", g->name,
	    "uscc", g->uscc, "level", g->level, "parent_id", parent,
	    "url", url_json("/agency/", g->id, "/"));
}

static enum gk_err
api_agencies(struct api *a)
{
	struct gk_agency_list	 l;
	json_t			*arr;
	enum gk_err		 e;
	size_t			 i;

	if ((e = gk_agency_list(a->ctx->db, &l, a->err, a->errlen)) != GK_OK)
		return api_internal(a, e, a->err);
	if ((arr = json_array()) == NULL) {
		gk_agency_list_free(&l);
		return api_send(a, 200, NULL, 1);
	}
	for (i = 0; i < l.n; i++)
		if (json_array_append_new(arr, agency_json(&l.v[i])) != 0) {
			json_decref(arr);
			gk_agency_list_free(&l);
			return api_send(a, 200, NULL, 1);
		}
	gk_agency_list_free(&l);
	return api_send(a, 200, json_pack("{s:o}", "agencies", arr), 1);
}

static enum gk_err
api_agency(struct api *a, const char *ids)
{
	struct gk_agency	 g;
	struct gk_api_cats	 cats;
	json_t			*o, *arr;
	enum gk_err		 e;
	int64_t			 id;
	size_t			 i;
	char			 u[96];

	if (!api_id(ids, &id))
		return api_error(a, 400, "bad_request", "机构编号无效：应为正整数");
	memset(&g, 0, sizeof(g));
	if ((e = gk_agency_get(a->ctx->db, id, &g, a->err, a->errlen)) == GK_ENOTFOUND)
		return api_error(a, 404, "not_found", "机构 %lld 不存在", (long long)id);
	if (e != GK_OK)
		return api_internal(a, e, a->err);
	if ((e = gk_api_top_categories(a->ctx->db, id, &cats, a->err, a->errlen)) != GK_OK) {
		gk_agency_clear(&g);
		return api_internal(a, e, a->err);
	}
	o = agency_json(&g);
	arr = json_array();
	if (o != NULL && json_object_set_new(o, "contact", json_pack(
	    "{s:s,s:s,s:s,s:s,s:s,s:s,s:s}", "office", g.office, "address", g.address,
	    "postcode", g.postcode, "phone", g.phone, "fax", g.fax, "email", g.email,
	    "hours", g.hours)) != 0) {
		json_decref(o);
		o = NULL;
	}
	for (i = 0; arr != NULL && i < cats.n; i++) {
		snprintf(u, sizeof(u), "/agency/%lld/category/%lld/", (long long)id,
		    (long long)cats.v[i].id);
		if (json_array_append_new(arr, json_pack("{s:I,s:s,s:I,s:s}",
		    "id", (json_int_t)cats.v[i].id, "name", cats.v[i].name,
		    "published", (json_int_t)cats.v[i].published, "url", u)) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	}
	gk_api_cats_free(&cats);
	gk_agency_clear(&g);
	if (o != NULL && json_object_set_new(o, "categories", arr) != 0) {
		json_decref(o);
		o = NULL;
	} else if (o == NULL)
		json_decref(arr);
	return api_send(a, 200, o, 1);
}

/* ---- /api/v1/items[/{id}] ---- */

static json_t *
item_summary_json(const struct gk_api_item *it)
{
	return json_pack("{s:I,s:s,s:s,s:I,s:o,s:s,s:s,s:s,s:s?,s:s,s:s,s:o,s:o}",
	    "id", (json_int_t)it->id, "index_no", it->index_no, "title", it->title,
	    "agency_id", (json_int_t)it->agency_id,
	    "category", category_json(it->category_id, it->category),
	    "topic", it->topic, "publisher", it->publisher, "doc_no", it->doc_no,
	    "written_date", date_or_null(it->written), "published_date", it->published,
	    "validity", it->validity, "keywords", keywords_json(it->keywords),
	    "url", url_json("/item/", it->id, ""));
}

static enum gk_err
api_items(struct api *a)
{
	struct api_filter	 f;
	struct gk_api_item_q	 q;
	struct gk_api_items	 l;
	json_t			*arr;
	enum gk_err		 e;
	size_t			 i;

	if (!api_filter(a, &f))
		return a->sent;
	memset(&q, 0, sizeof(q));
	q.agency_id = f.agency;
	q.category_id = f.category;
	q.year = (int)f.year;
	q.validity = f.validity;
	q.limit = (size_t)f.per_page;
	q.offset = (size_t)(f.page - 1) * (size_t)f.per_page;
	if ((e = gk_api_items(a->ctx->db, &q, &l, a->err, a->errlen)) != GK_OK)
		return api_internal(a, e, a->err);
	arr = json_array();
	for (i = 0; arr != NULL && i < l.n; i++)
		if (json_array_append_new(arr, item_summary_json(&l.v[i])) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	e = api_send(a, 200, arr == NULL ? NULL : json_pack("{s:o,s:I,s:I,s:I}", "items", arr,
	    "page", (json_int_t)f.page, "per_page", (json_int_t)f.per_page,
	    "total", (json_int_t)l.total), 1);
	gk_api_items_free(&l);
	return e;
}

/* The published links of one direction as [{id,title,form,url}]. */
static json_t *
links_json(const struct gk_interp_links *l)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; arr != NULL && i < l->n; i++) {
		if (l->v[i].state != WF_PUBLISHED)
			continue;
		if (json_array_append_new(arr, json_pack("{s:I,s:s,s:s,s:s,s:o}",
		    "id", (json_int_t)l->v[i].item_id, "title", l->v[i].title,
		    "form", interp_form_label(l->v[i].form), "published_date", l->v[i].published,
		    "url", url_json("/item/", l->v[i].item_id, ""))) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	}
	return arr;
}

static json_t *
attachments_json(const struct gk_attachment_list *l)
{
	json_t	*arr = json_array();
	size_t	 i;

	for (i = 0; arr != NULL && i < l->n; i++)
		if (json_array_append_new(arr, json_pack("{s:I,s:s,s:I,s:s,s:o}",
		    "id", (json_int_t)l->v[i].id, "name", l->v[i].name,
		    "size", (json_int_t)l->v[i].size, "mime", l->v[i].mime,
		    "url", url_json("/attachment/", l->v[i].id, ""))) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	return arr;
}

/* The last component of a category path ("政策文件/其他文件" → "其他文件"). */
static const char *
path_leaf(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL ? s + 1 : path;
}

static json_t *
item_full_json(const struct gk_item *it, const struct gk_attachment_list *att,
    const struct gk_interp_links *interps, const struct gk_interp_links *policies)
{
	const struct item_meta	*m = &it->meta;
	const char		*path = it->category_path != NULL ? it->category_path : "";
	json_t			*o, *cat;
	char			 pub[11];

	gk_strlcpy_utf8(pub, it->published_at != NULL ? it->published_at : "", sizeof(pub));
	cat = category_json(it->category_id, path_leaf(path));
	if (cat != NULL && it->category_id != 0 &&
	    json_object_set_new(cat, "path", json_string(path)) != 0) {
		json_decref(cat);
		cat = NULL;
	}
	o = json_pack("{s:I,s:s,s:s,s:I,s:o,s:s,s:s,s:s,s:s?,s:s?,s:s,s:s,s:s?,s:o,s:o}",
	    "id", (json_int_t)it->id, "index_no", item_meta_get(m, ITEM_F_INDEXNO),
	    "title", item_meta_get(m, ITEM_F_TITLE), "agency_id", (json_int_t)it->agency_id,
	    "category", cat, "topic", item_meta_get(m, ITEM_F_TOPIC),
	    "publisher", item_meta_get(m, ITEM_F_PUBLISHER),
	    "doc_no", item_meta_get(m, ITEM_F_DOCNO),
	    "written_date", date_or_null(item_meta_get(m, ITEM_F_WRITTEN)),
	    "event_end_date", date_or_null(item_meta_get(m, ITEM_F_EVENT_END)),
	    "published_date", pub, "validity", item_validity_label(m->validity),
	    "validity_date", date_or_null(item_meta_get(m, ITEM_F_VALIDITY_DATE)),
	    "keywords", keywords_json(item_meta_get(m, ITEM_F_KEYWORDS)),
	    "url", url_json("/item/", it->id, ""));
	if (o == NULL)
		return NULL;
	if (json_object_set_new(o, "body", json_string(item_meta_get(m, ITEM_F_BODY))) != 0 ||
	    json_object_set_new(o, "attachments", attachments_json(att)) != 0 ||
	    json_object_set_new(o, "interpretations", links_json(interps)) != 0 ||
	    json_object_set_new(o, "policies", links_json(policies)) != 0) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static enum gk_err
api_item(struct api *a, const char *ids)
{
	struct gk_item			 it;
	struct gk_attachment_list	 att;
	struct gk_interp_links		 in, pol;
	enum gk_err			 e;
	int64_t				 id;

	if (!api_id(ids, &id))
		return api_error(a, 400, "bad_request", "信息编号无效：应为正整数");
	memset(&it, 0, sizeof(it));
	e = gk_item_get(a->ctx->db, id, &it, a->err, a->errlen);
	if (e == GK_OK && it.state == WF_WITHDRAWN) {
		gk_item_clear(&it);
		return api_error(a, 410, "gone", "信息 %lld 已撤回，不再公开", (long long)id);
	}
	if (e == GK_ENOTFOUND || (e == GK_OK && it.state != WF_PUBLISHED)) {
		/* A draft answers exactly as an id that does not exist. */
		gk_item_clear(&it);
		return api_error(a, 404, "not_found", "信息 %lld 不存在或未公开", (long long)id);
	}
	if (e != GK_OK)
		return api_internal(a, e, a->err);
	memset(&att, 0, sizeof(att));
	memset(&in, 0, sizeof(in));
	memset(&pol, 0, sizeof(pol));
	if ((e = gk_attachment_list(a->ctx->db, id, &att, a->err, a->errlen)) == GK_OK &&
	    (e = gk_interp_of_policy(a->ctx->db, id, &in, a->err, a->errlen)) == GK_OK &&
	    (e = gk_interp_policies(a->ctx->db, id, &pol, a->err, a->errlen)) == GK_OK)
		e = api_send(a, 200, item_full_json(&it, &att, &in, &pol), 1);
	else
		e = api_internal(a, e, a->err);
	gk_attachment_list_free(&att);
	gk_interp_links_free(&in);
	gk_interp_links_free(&pol);
	gk_item_clear(&it);
	return e;
}

/* ---- /api/v1/search ---- */

static json_t *
hit_json(struct api *a, const struct gk_search_hit *h, enum gk_err *ep)
{
	char	*title = NULL;
	json_t	*o;

	*ep = gk_api_item_title(a->ctx->db, h->item_id, &title, a->err, a->errlen);
	if (*ep != GK_OK)
		return NULL;
	o = json_pack("{s:I,s:s,s:s,s:s,s:I,s:s,s:s,s:s,s:s,s:s,s:o}",
	    "id", (json_int_t)h->item_id, "title", title, "title_html", h->title_html,
	    "snippet_html", h->snippet_html, "agency_id", (json_int_t)h->agency_id,
	    "agency", h->agency, "category", h->category, "index_no", h->index_no,
	    "published_date", h->published, "validity", h->validity,
	    "url", url_json("/item/", h->item_id, ""));
	gk_free(title);
	if (o == NULL)
		*ep = GK_ENOMEM;
	return o;
}

static enum gk_err
api_search(struct api *a)
{
	struct api_filter	 f;
	struct gk_search_q	 q;
	struct gk_search_result	 r;
	const char		*sort = gk_web_arg(a->req, "sort");
	json_t			*arr;
	enum gk_err		 e = GK_OK;
	size_t			 i;

	if (!api_filter(a, &f))
		return a->sent;
	memset(&q, 0, sizeof(q));
	q.q = gk_web_arg(a->req, "q");
	if (q.q == NULL || q.q[0] == '\0')
		return api_error(a, 400, "bad_request", "缺少参数 q：请输入检索词");
	if (gk_utf8_check(q.q, strlen(q.q)) != strlen(q.q))	/* the server refuses it first */
		return api_error(a, 400, "bad_request", "参数 q 无效：不是合法的 UTF-8 文本");
	if (sort == NULL || sort[0] == '\0' || strcmp(sort, "relevance") == 0)
		q.sort = GK_SEARCH_RELEVANCE;
	else if (strcmp(sort, "date") == 0)
		q.sort = GK_SEARCH_DATE;
	else
		return api_error(a, 400, "bad_request",
		    "参数 sort 无效：应为 relevance（相关度）或 date（日期）");
	q.agency_id = f.agency;
	q.category_id = f.category;
	q.year = (int)f.year;
	q.validity = f.validity;
	q.page = (int)f.page;
	q.per_page = (int)f.per_page;
	memset(&r, 0, sizeof(r));
	e = gk_search_query(a->ctx->db, &q, &r, a->err, a->errlen);
	if (e == GK_EINVAL)
		return api_error(a, 400, "bad_request", "%s", a->err);
	if (e != GK_OK)
		return api_internal(a, e, a->err);
	arr = json_array();
	for (i = 0; arr != NULL && i < r.n; i++) {
		json_t *h = hit_json(a, &r.v[i], &e);

		if (e == GK_ENOTFOUND) {	/* withdrawn since the query: skip it */
			e = GK_OK;
			continue;
		}
		if (h == NULL || json_array_append_new(arr, h) != 0) {
			json_decref(arr);
			arr = NULL;
		}
	}
	if (arr == NULL && e != GK_OK && e != GK_ENOMEM) {
		gk_search_result_free(&r);
		return api_internal(a, e, a->err);
	}
	e = api_send(a, 200, arr == NULL ? NULL : json_pack("{s:s,s:s,s:o,s:I,s:I,s:I,s:b}",
	    "q", q.q, "sort", q.sort == GK_SEARCH_DATE ? "date" : "relevance", "items", arr,
	    "page", (json_int_t)f.page, "per_page", (json_int_t)f.per_page,
	    "total", (json_int_t)r.total, "total_capped", r.total_capped), 0);
	gk_search_result_free(&r);
	return e;
}

/* ---- /api/v1/reports/{agency_id}/{year} ---- */

static enum gk_err
api_report(struct api *a, const char *rest)
{
	struct gk_report_snapshot	 s;
	const char			*slash = strchr(rest, '/');
	char				 ids[24];
	int64_t				 id, year;
	enum gk_err			 e;

	if (slash == NULL || strchr(slash + 1, '/') != NULL)
		return api_error(a, 404, "not_found", "接口不存在：应为 /api/v1/reports/{机构编号}/{年份}");
	ids[0] = '\0';
	if ((size_t)(slash - rest) < sizeof(ids)) {
		memcpy(ids, rest, (size_t)(slash - rest));
		ids[slash - rest] = '\0';
	}
	if (!api_id(ids, &id))
		return api_error(a, 400, "bad_request", "机构编号无效：应为正整数");
	if (!api_id(slash + 1, &year) || year < API_YEAR_MIN || year > API_YEAR_MAX)
		return api_error(a, 400, "bad_request", "年份无效：应为 %d 至 %d 之间的整数",
		    API_YEAR_MIN, API_YEAR_MAX);
	memset(&s, 0, sizeof(s));
	e = gk_report_snapshot_get(a->ctx->db, id, (int)year, 0, &s, a->err, a->errlen);
	if (e == GK_ENOTFOUND)
		return api_error(a, 404, "not_found", "机构 %lld 的 %lld 年度报告尚未公布",
		    (long long)id, (long long)year);
	if (e != GK_OK)
		return api_internal(a, e, a->err);
	gk_buf_clear(&a->resp->body);
	if (gk_buf_puts(&a->resp->body, s.json != NULL ? s.json : "") != GK_OK) {
		gk_report_snapshot_clear(&s);
		snprintf(a->err, a->errlen, "内存不足");
		return GK_ENOMEM;
	}
	a->resp->status = 200;
	a->resp->content_type = API_CT;
	a->resp->cacheable = 1;
	gk_strlcpy_utf8(a->resp->last_modified, s.published_at != NULL ? s.published_at : "",
	    sizeof(a->resp->last_modified));
	gk_report_snapshot_clear(&s);
	return GK_OK;
}

/* ---- the router of /api/v1/ ---- */

static enum gk_err
api_index(struct api *a)
{
	return api_send(a, 200, json_pack("{s:s,s:[s,s,s,s,s,s],s:s}", "api", "gongkai/v1",
	    "endpoints", "/api/v1/agencies", "/api/v1/agencies/{id}", "/api/v1/items",
	    "/api/v1/items/{id}", "/api/v1/search", "/api/v1/reports/{agency_id}/{year}",
	    "doc", "docs/api.md"), 1);
}

/* rest is name or "name/…": returns what follows "name/" ("" for the bare name), or NULL. */
static const char *
api_seg(const char *rest, const char *name)
{
	size_t n = strlen(name);

	if (strncmp(rest, name, n) != 0)
		return NULL;
	if (rest[n] == '\0')
		return "";
	return rest[n] == '/' && rest[n + 1] != '\0' ? rest + n + 1 : NULL;
}

enum gk_err
gk_api_handle(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct api	 a = { ctx, req, resp, err, errlen, GK_OK };
	const char	*rest, *sub;

	if (strncmp(req->path, API_PREFIX, strlen(API_PREFIX)) != 0)
		return GK_ENOTFOUND;
	rest = req->path + strlen(API_PREFIX);
	if (strcmp(req->method, "POST") == 0 &&	/* the write side: api_write.h */
	    (a.sent = gk_api_write(ctx, req, rest, resp, err, errlen)) != GK_ENOTFOUND)
		return a.sent;
	if (strcmp(req->method, "GET") != 0 && strcmp(req->method, "HEAD") != 0) {
		snprintf(resp->allow, sizeof(resp->allow), "GET, HEAD");
		return api_error(&a, 405, "method_not_allowed",
		    "只接受 GET 和 HEAD 请求（写接口：POST /api/v1/items、/api/v1/applications）");
	}
	if (rest[0] == '\0')
		return api_index(&a);
	if ((sub = api_seg(rest, "agencies")) != NULL)
		return sub[0] == '\0' ? api_agencies(&a) : strchr(sub, '/') == NULL ?
		    api_agency(&a, sub) : api_error(&a, 404, "not_found", "接口不存在");
	if ((sub = api_seg(rest, "items")) != NULL)
		return sub[0] == '\0' ? api_items(&a) : strchr(sub, '/') == NULL ?
		    api_item(&a, sub) : api_error(&a, 404, "not_found", "接口不存在");
	if (strcmp(rest, "search") == 0)
		return api_search(&a);
	if ((sub = api_seg(rest, "reports")) != NULL && sub[0] != '\0')
		return api_report(&a, sub);
	return api_error(&a, 404, "not_found", "接口不存在：请参阅 /api/v1/ 的接口列表");
}
