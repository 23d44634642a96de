/*
 * test_api.c — the JSON API (web/api.c, docs/api.md) through
 * gk_web_dispatch on a small database built with SQL inserts, so every
 * expected value is worked out by hand below. Every response must parse
 * with json_loads and carry application/json.
 *
 * Agencies: 1 测试商务局 (contact details set), 2 测试财政局.
 * Categories of agency 1 (sort order): 10 政策文件 (sort 1) with child 11
 * 规范性文件; 12 工作动态 (sort 2); 13 空栏目 (sort 3); 14 政策解读 (sort 4).
 * Agency 2: 20 政策文件.
 *
 *   id agency cat state      published_at               validity
 *    1  1     10  published  2025-03-01T10:00:00+08:00  有效   (1 attachment)
 *    2  1     11  published  2025-03-01T10:00:00+08:00  废止 2025-10-01
 *    3  1     12  published  2024-12-31T23:59:59+08:00  有效
 *    4  1     14  draft      —                          有效   (linked to 1 as 图解)
 *    5  1     10  withdrawn  2025-02-01T09:00:00+08:00  有效
 *    6  1     10  approved   —                          有效
 *    7  1     12  published  2025-06-01T09:00:00+08:00  有效   (title with markup)
 *    8  1     —   published  2026-01-05T09:00:00+08:00  失效 2026-01-04
 *    9  1     14  published  2025-03-05T09:00:00+08:00  有效   (interprets 1, 文字)
 *   10  2     20  published  2025-05-05T09:00:00+08:00  有效
 *
 * Newest first (published_at, then id, descending), all agencies:
 * 8 7 10 9 2 1 3. Agency 1: 8 7 9 2 1 3 (6). Agency 1 in 2025: 7 9 2 1.
 * Category 10 with its child 11: 2 1. Top-level counts of agency 1:
 * 政策文件 2 (1, 2), 工作动态 2 (3, 7), 空栏目 0, 政策解读 1 (9).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "harness.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/db.h"
#include "web/web.h"

static struct gk_db		*db;
static struct gk_site		 site;
static struct gk_web_ctx	 ctx;
static struct gk_web_resp	 resp;
static json_t			*doc;		/* the last response, parsed */
static char			 dir[64];

#define NOW	"2026-02-01T09:00:00+08:00"

static void
item_row(int id, int agency, const char *cat, const char *state, const char *pub,
    const char *validity, const char *vdate, const char *title)
{
	char sql[2048];

	snprintf(sql, sizeof(sql),
	    "INSERT INTO item (id, agency_id, index_no, title, category_id, topic, publisher, "
	    "doc_no, written_date, validity, validity_date, keywords, body, state, created_at, "
	    "updated_at, published_at, withdrawn_at) VALUES (%d, %d, 'IDX/2025-%05d', '%s', %s, "
	    "'商贸', '测试发布机构', '测试〔2025〕%d号', '2025-02-27', '%s', %s, "
	    "'招商,引资、政策　外贸', '# 正文%d\n\n第一段。', '%s', '2025-01-01T09:00:00+08:00', "
	    "'2025-01-01T09:00:00+08:00', %s, %s)",
	    id, agency, id, title, cat, id, validity, vdate, id, state, pub,
	    strcmp(state, "withdrawn") == 0 ? "'2025-02-05T09:00:00+08:00'" : "NULL");
	gk_test_exec(db, sql);
}

static int
setup(void **state)
{
	struct gk_agency_contact	 c;
	char				 err[512];
	int64_t				 id;

	(void)state;
	json_set_alloc_funcs(gk_malloc, gk_free);
	db = gk_test_db_open("api", dir, sizeof(dir), NULL, 0);
	assert_int_equal(gk_agency_add(db, "admin", "测试商务局", "11510422MB1234567Y", 0, "县级",
	    NOW, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(id, 1);
	assert_int_equal(gk_agency_add(db, "admin", "测试财政局", "11510422MB12345682", 0, "",
	    NOW, &id, err, sizeof(err)), GK_OK);
	memset(&c, 0, sizeof(c));
	c.office = "办公室";
	c.address = "四川省攀枝花市盐边县桐子林镇1号";
	c.postcode = "617100";
	c.phone = "0812-8612301";
	c.fax = "0812-8612302";
	c.email = "ybswj@example.gov.cn";
	c.hours = "工作日 8:30—12:00";
	if (gk_agency_contact_set(db, "admin", 1, &c, NOW, err, sizeof(err)) != GK_OK)
		fail_msg("contact: %s", err);
	gk_test_exec(db, "INSERT INTO category (id, agency_id, parent_id, name, sort) VALUES "
	    "(10, 1, NULL, '政策文件', 1), (11, 1, 10, '规范性文件', 1), "
	    "(12, 1, NULL, '工作动态', 2), (13, 1, NULL, '空栏目', 3), "
	    "(14, 1, NULL, '政策解读', 4), (20, 2, NULL, '政策文件', 1)");
	item_row(1, 1, "10", "published", "'2025-03-01T10:00:00+08:00'", "有效", "NULL", "政策甲");
	item_row(2, 1, "11", "published", "'2025-03-01T10:00:00+08:00'", "废止", "'2025-10-01'",
	    "规范乙");
	item_row(3, 1, "12", "published", "'2024-12-31T23:59:59+08:00'", "有效", "NULL", "动态丙");
	item_row(4, 1, "14", "draft", "NULL", "有效", "NULL", "草稿丁");
	item_row(5, 1, "10", "withdrawn", "'2025-02-01T09:00:00+08:00'", "有效", "NULL", "撤回戊");
	item_row(6, 1, "10", "approved", "NULL", "有效", "NULL", "待发布己");
	item_row(7, 1, "12", "published", "'2025-06-01T09:00:00+08:00'", "有效", "NULL",
	    "<script>alert(1)</script>\"引号\"&amp;");
	item_row(8, 1, "NULL", "published", "'2026-01-05T09:00:00+08:00'", "失效", "'2026-01-04'",
	    "无栏目庚");
	item_row(9, 1, "14", "published", "'2025-03-05T09:00:00+08:00'", "有效", "NULL",
	    "《政策甲》政策解读");
	item_row(10, 2, "20", "published", "'2025-05-05T09:00:00+08:00'", "有效", "NULL", "财政辛");
	gk_test_exec(db, "INSERT INTO interpretation (item_id, policy_item_id, form) VALUES "
	    "(9, 1, '文字'), (4, 1, '图解')");
	gk_test_exec(db, "INSERT INTO blob (hash, size, data) VALUES "
	    "('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 4, x'25504446')");
	gk_test_exec(db, "INSERT INTO attachment (id, item_id, name, blob_hash, size, mime, "
	    "created_at) VALUES (31, 1, '附件一.pdf', "
	    "'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 1234, "
	    "'application/pdf', '" NOW "')");
	gk_test_exec(db, "INSERT INTO report_snapshot (agency_id, year, version, model_json, "
	    "sha256, published_at, actor) VALUES "
	    "(1, 2025, 1, '{\"format\":\"gongkai.report/1\",\"v\":1}', 'x', "
	    "'2026-01-10T09:00:00+08:00', 'officer'), "
	    "(1, 2025, 2, '{\"format\":\"gongkai.report/1\",\"v\":2}', 'y', "
	    "'2026-01-20T09:00:00+08:00', 'officer')");
	memset(&site, 0, sizeof(site));
	snprintf(site.name, sizeof(site.name), "测试平台");
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.site = &site;
	assert_int_equal(gk_date_parse("2026-02-01", 10, &ctx.today), GK_OK);
	snprintf(ctx.now, sizeof(ctx.now), NOW);
	gk_web_resp_init(&resp);
	return 0;
}

static int
teardown(void **state)
{

	(void)state;
	json_decref(doc);
	doc = NULL;
	gk_web_resp_clear(&resp);
	gk_test_db_remove(db, dir);
	return 0;
}

/*
 * GET (or method) path with args as name, value pairs ending with NULL;
 * parses the body into doc and checks the content type. Returns the status.
 */
static int
call_m(const char *method, const char *path, const char *const *kv)
{
	json_error_t je;

	json_decref(doc);
	doc = NULL;
	if (gk_test_web(&ctx, &resp, method, path, "127.0.0.1", kv, NULL) != GK_OK)
		fail_msg("%s %s: no handler answered", method, path);
	assert_string_equal(resp.content_type, "application/json; charset=utf-8");
	assert_non_null(resp.body.data);
	doc = json_loads(resp.body.data, 0, &je);
	if (doc == NULL)
		fail_msg("%s: not JSON (%s): %s", path, je.text, resp.body.data);
	return resp.status;
}

static int
call(const char *path, const char *const *kv)
{
	return call_m("GET", path, kv);
}

#define ARGS(...)	((const char *const []){ __VA_ARGS__, NULL })

/* A member by a path of keys and indexes ("items.0.id"). */
static json_t *
at(const char *p)
{
	json_t	*j = doc;
	char	 key[64];
	size_t	 n;

	while (j != NULL && *p != '\0') {
		n = strcspn(p, ".");
		assert_true(n < sizeof(key));
		memcpy(key, p, n);
		key[n] = '\0';
		if (json_is_array(j))
			j = json_array_get(j, (size_t)strtoul(key, NULL, 10));
		else
			j = json_object_get(j, key);
		p += n;
		if (*p == '.')
			p++;
	}
	if (j == NULL)
		fail_msg("no member %s in %s", p, resp.body.data);
	return j;
}

static long long
int_at(const char *p)
{
	json_t *j = at(p);

	if (!json_is_integer(j))
		fail_msg("%s is not an integer in %s", p, resp.body.data);
	return (long long)json_integer_value(j);
}

static const char *
str_at(const char *p)
{
	json_t *j = at(p);

	if (!json_is_string(j))
		fail_msg("%s is not a string in %s", p, resp.body.data);
	return json_string_value(j);
}

/* The ids of the "items" array as "8 7 9" */
static const char *
ids(void)
{
	static char	 out[256];
	json_t		*arr = at("items"), *v;
	size_t		 i, n = 0;

	out[0] = '\0';
	json_array_foreach(arr, i, v) {
		n += (size_t)snprintf(out + n, sizeof(out) - n, "%s%lld", i > 0 ? " " : "",
		    (long long)json_integer_value(json_object_get(v, "id")));
		assert_true(n < sizeof(out));
	}
	return out;
}

/* The response is the error with this status and code, never cacheable. */
static void
is_error(int status, int got, const char *code)
{
	if (got != status)
		fail_msg("status %d, wanted %d: %s", got, status, resp.body.data);
	assert_string_equal(str_at("error.code"), code);
	assert_true(strlen(str_at("error.message")) > 0);
	assert_int_equal(resp.cacheable, 0);
}

static void
test_index_and_unknown(void **state)
{
	(void)state;
	assert_int_equal(call("/api/v1/", NULL), 200);
	assert_string_equal(str_at("endpoints.0"), "/api/v1/agencies");
	is_error(404, call("/api/v1/nothing", NULL), "not_found");
	is_error(404, call("/api/v1/agencies/1/items", NULL), "not_found");
	is_error(404, call("/api/v1/items/1/x", NULL), "not_found");
	is_error(404, call("/api/v1/itemsx", NULL), "not_found");
	is_error(404, call("/api/v1/items/", NULL), "not_found");
	is_error(404, call("/api/v1/reports/1", NULL), "not_found");
	is_error(404, call("/api/v1/reports/1/2025/x", NULL), "not_found");
	is_error(404, call("/api/v1/search/x", NULL), "not_found");
	/* The API answers POST with a JSON 405, never a page (but for its write side). */
	is_error(405, call_m("POST", "/api/v1/agencies", NULL), "method_not_allowed");
	is_error(401, call_m("POST", "/api/v1/items", NULL), "unauthorized");
	assert_int_equal(call_m("HEAD", "/api/v1/agencies", NULL), 200);
}

static void
test_agencies(void **state)
{
	(void)state;
	assert_int_equal(call("/api/v1/agencies", NULL), 200);
	assert_int_equal(resp.cacheable, 1);
	assert_int_equal(json_array_size(at("agencies")), 2);
	assert_int_equal(int_at("agencies.0.id"), 1);
	assert_string_equal(str_at("agencies.0.name"), "测试商务局");
	assert_string_equal(str_at("agencies.0.uscc"), "11510422MB1234567Y");
	assert_string_equal(str_at("agencies.0.level"), "县级");
	assert_true(json_is_null(at("agencies.0.parent_id")));
	assert_string_equal(str_at("agencies.0.url"), "/agency/1/");
	assert_string_equal(str_at("agencies.1.name"), "测试财政局");
	assert_string_equal(str_at("agencies.1.level"), "");
	/* The list carries no contact details. */
	assert_null(json_object_get(at("agencies.0"), "contact"));

	assert_int_equal(call("/api/v1/agencies/1", NULL), 200);
	assert_int_equal(resp.cacheable, 1);
	assert_int_equal(int_at("id"), 1);
	assert_string_equal(str_at("contact.office"), "办公室");
	assert_string_equal(str_at("contact.address"), "四川省攀枝花市盐边县桐子林镇1号");
	assert_string_equal(str_at("contact.postcode"), "617100");
	assert_string_equal(str_at("contact.phone"), "0812-8612301");
	assert_string_equal(str_at("contact.fax"), "0812-8612302");
	assert_string_equal(str_at("contact.email"), "ybswj@example.gov.cn");
	assert_string_equal(str_at("contact.hours"), "工作日 8:30—12:00");
	assert_int_equal(json_array_size(at("categories")), 4);
	assert_int_equal(int_at("categories.0.id"), 10);
	assert_string_equal(str_at("categories.0.name"), "政策文件");
	assert_int_equal(int_at("categories.0.published"), 2);	/* 1 and 2 (in child 11) */
	assert_string_equal(str_at("categories.0.url"), "/agency/1/category/10/");
	assert_int_equal(int_at("categories.1.id"), 12);
	assert_int_equal(int_at("categories.1.published"), 2);
	assert_int_equal(int_at("categories.2.id"), 13);
	assert_int_equal(int_at("categories.2.published"), 0);
	assert_int_equal(int_at("categories.3.id"), 14);
	assert_int_equal(int_at("categories.3.published"), 1);	/* 9; the draft 4 not */

	assert_int_equal(call("/api/v1/agencies/2", NULL), 200);
	assert_string_equal(str_at("contact.phone"), "");
	assert_int_equal(json_array_size(at("categories")), 1);
	assert_int_equal(int_at("categories.0.published"), 1);

	is_error(404, call("/api/v1/agencies/3", NULL), "not_found");
	is_error(404, call("/api/v1/agencies/9223372036854775807", NULL), "not_found");
	is_error(400, call("/api/v1/agencies/0", NULL), "bad_request");
	is_error(400, call("/api/v1/agencies/01", NULL), "bad_request");
	is_error(400, call("/api/v1/agencies/-1", NULL), "bad_request");
	is_error(400, call("/api/v1/agencies/abc", NULL), "bad_request");
	is_error(400, call("/api/v1/agencies/9223372036854775808", NULL), "bad_request");
	is_error(400, call("/api/v1/agencies/1'%20OR%201=1", NULL), "bad_request");
}

static void
test_items_list(void **state)
{
	(void)state;
	assert_int_equal(call("/api/v1/items", NULL), 200);
	assert_int_equal(resp.cacheable, 1);
	assert_string_equal(ids(), "8 7 10 9 2 1 3");
	assert_int_equal(int_at("total"), 7);
	assert_int_equal(int_at("page"), 1);
	assert_int_equal(int_at("per_page"), 20);

	assert_int_equal(call("/api/v1/items", ARGS("agency", "1")), 200);
	assert_string_equal(ids(), "8 7 9 2 1 3");
	assert_int_equal(int_at("total"), 6);
	assert_int_equal(call("/api/v1/items", ARGS("agency", "1", "year", "2025")), 200);
	assert_string_equal(ids(), "7 9 2 1");
	assert_int_equal(int_at("total"), 4);
	assert_int_equal(call("/api/v1/items", ARGS("agency", "1", "year", "2024")), 200);
	assert_string_equal(ids(), "3");
	assert_int_equal(call("/api/v1/items", ARGS("year", "2026")), 200);
	assert_string_equal(ids(), "8");
	assert_int_equal(call("/api/v1/items", ARGS("category", "10")), 200);
	assert_string_equal(ids(), "2 1");
	assert_int_equal(call("/api/v1/items", ARGS("category", "11")), 200);
	assert_string_equal(ids(), "2");
	assert_int_equal(call("/api/v1/items", ARGS("category", "13")), 200);
	assert_string_equal(ids(), "");
	assert_int_equal(int_at("total"), 0);
	assert_int_equal(call("/api/v1/items", ARGS("validity", "废止")), 200);
	assert_string_equal(ids(), "2");
	assert_int_equal(call("/api/v1/items", ARGS("validity", "expired")), 200);
	assert_string_equal(ids(), "8");
	assert_int_equal(call("/api/v1/items", ARGS("validity", "有效", "agency", "1")), 200);
	assert_string_equal(ids(), "7 9 1 3");
	assert_int_equal(call("/api/v1/items", ARGS("agency", "2")), 200);
	assert_string_equal(ids(), "10");
	/* A filter that matches nothing is an empty list, not an error. */
	assert_int_equal(call("/api/v1/items", ARGS("agency", "999")), 200);
	assert_int_equal(int_at("total"), 0);
	/* Empty values count as absent; unknown parameters are ignored. */
	assert_int_equal(call("/api/v1/items", ARGS("agency", "", "year", "", "utm_source",
	    "x", "page", "")), 200);
	assert_int_equal(int_at("total"), 7);

	/* Every field of one entry: item 2. */
	assert_int_equal(call("/api/v1/items", ARGS("category", "11")), 200);
	assert_int_equal(int_at("items.0.id"), 2);
	assert_string_equal(str_at("items.0.index_no"), "IDX/2025-00002");
	assert_string_equal(str_at("items.0.title"), "规范乙");
	assert_int_equal(int_at("items.0.agency_id"), 1);
	assert_int_equal(int_at("items.0.category.id"), 11);
	assert_string_equal(str_at("items.0.category.name"), "规范性文件");
	assert_string_equal(str_at("items.0.topic"), "商贸");
	assert_string_equal(str_at("items.0.publisher"), "测试发布机构");
	assert_string_equal(str_at("items.0.doc_no"), "测试〔2025〕2号");
	assert_string_equal(str_at("items.0.written_date"), "2025-02-27");
	assert_string_equal(str_at("items.0.published_date"), "2025-03-01");
	assert_string_equal(str_at("items.0.validity"), "废止");
	assert_int_equal(json_array_size(at("items.0.keywords")), 4);
	assert_string_equal(str_at("items.0.keywords.0"), "招商");
	assert_string_equal(str_at("items.0.keywords.1"), "引资");
	assert_string_equal(str_at("items.0.keywords.2"), "政策");
	assert_string_equal(str_at("items.0.keywords.3"), "外贸");
	assert_string_equal(str_at("items.0.url"), "/item/2");
	assert_null(json_object_get(at("items.0"), "body"));
	/* No category: null. */
	assert_int_equal(call("/api/v1/items", ARGS("year", "2026")), 200);
	assert_true(json_is_null(at("items.0.category")));
	/* Markup in a title is data: JSON-escaped by the encoder, round-trips exactly. */
	assert_int_equal(call("/api/v1/items", ARGS("agency", "1", "per_page", "2")), 200);
	assert_string_equal(str_at("items.1.title"), "<script>alert(1)</script>\"引号\"&amp;");
}

static void
test_items_pagination(void **state)
{
	(void)state;
	assert_int_equal(call("/api/v1/items", ARGS("agency", "1", "per_page", "4")), 200);
	assert_string_equal(ids(), "8 7 9 2");
	assert_int_equal(int_at("total"), 6);
	assert_int_equal(int_at("per_page"), 4);
	assert_int_equal(call("/api/v1/items", ARGS("agency", "1", "per_page", "4", "page",
	    "2")), 200);
	assert_string_equal(ids(), "1 3");
	assert_int_equal(int_at("page"), 2);
	assert_int_equal(int_at("total"), 6);
	/* Past the end: empty, with the total. */
	assert_int_equal(call("/api/v1/items", ARGS("agency", "1", "per_page", "4", "page",
	    "3")), 200);
	assert_string_equal(ids(), "");
	assert_int_equal(int_at("total"), 6);
	assert_int_equal(call("/api/v1/items", ARGS("per_page", "1", "page", "7")), 200);
	assert_string_equal(ids(), "3");
	assert_int_equal(call("/api/v1/items", ARGS("per_page", "100", "page", "10000")), 200);
	assert_string_equal(ids(), "");
	assert_int_equal(call("/api/v1/items", ARGS("per_page", "1")), 200);
	assert_string_equal(ids(), "8");
}

static void
test_items_bad_params(void **state)
{
	static const char *const bad[][2] = {
		{ "page", "0" }, { "page", "-1" }, { "page", "10001" }, { "page", "1.5" },
		{ "page", "1e3" }, { "page", " 1" }, { "page", "+1" }, { "page", "01" },
		{ "page", "99999999999999999999999" }, { "page", "abc" },
		{ "per_page", "0" }, { "per_page", "101" }, { "per_page", "-20" },
		{ "agency", "0" }, { "agency", "-1" }, { "agency", "x" },
		{ "agency", "9223372036854775808" }, { "agency", "1 OR 1=1" },
		{ "agency", "1;DROP TABLE item" }, { "category", "1'--" },
		{ "year", "25" }, { "year", "1899" }, { "year", "9999" }, { "year", "２０２５" },
		{ "validity", "valid'" }, { "validity", "<script>" }, { "validity", "有" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		int st = call("/api/v1/items", ARGS(bad[i][0], bad[i][1]));

		if (st != 400)
			fail_msg("%s=%s: %d %s", bad[i][0], bad[i][1], st, resp.body.data);
		is_error(400, st, "bad_request");
		assert_non_null(strstr(str_at("error.message"), bad[i][0]));
	}
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM item"), 10);
}

static void
test_item(void **state)
{
	(void)state;
	assert_int_equal(call("/api/v1/items/1", NULL), 200);
	assert_int_equal(resp.cacheable, 1);
	assert_int_equal(int_at("id"), 1);
	assert_string_equal(str_at("title"), "政策甲");
	assert_string_equal(str_at("index_no"), "IDX/2025-00001");
	assert_int_equal(int_at("category.id"), 10);
	assert_string_equal(str_at("category.name"), "政策文件");
	assert_string_equal(str_at("category.path"), "政策文件");
	assert_string_equal(str_at("doc_no"), "测试〔2025〕1号");
	assert_string_equal(str_at("written_date"), "2025-02-27");
	assert_string_equal(str_at("published_date"), "2025-03-01");
	assert_string_equal(str_at("validity"), "有效");
	assert_true(json_is_null(at("validity_date")));
	assert_string_equal(str_at("body"), "# 正文1\n\n第一段。");
	assert_string_equal(str_at("url"), "/item/1");
	assert_int_equal(json_array_size(at("keywords")), 4);
	assert_int_equal(json_array_size(at("attachments")), 1);
	assert_int_equal(int_at("attachments.0.id"), 31);
	assert_string_equal(str_at("attachments.0.name"), "附件一.pdf");
	assert_int_equal(int_at("attachments.0.size"), 1234);
	assert_string_equal(str_at("attachments.0.mime"), "application/pdf");
	assert_string_equal(str_at("attachments.0.url"), "/attachment/31");
	/* The published interpretation only: the draft 4 is not shown. */
	assert_int_equal(json_array_size(at("interpretations")), 1);
	assert_int_equal(int_at("interpretations.0.id"), 9);
	assert_string_equal(str_at("interpretations.0.title"), "《政策甲》政策解读");
	assert_string_equal(str_at("interpretations.0.form"), "文字");
	assert_string_equal(str_at("interpretations.0.url"), "/item/9");
	assert_int_equal(json_array_size(at("policies")), 0);
	assert_null(strstr(resp.body.data, "草稿丁"));

	assert_int_equal(call("/api/v1/items/9", NULL), 200);
	assert_int_equal(json_array_size(at("policies")), 1);
	assert_int_equal(int_at("policies.0.id"), 1);
	assert_string_equal(str_at("policies.0.title"), "政策甲");
	assert_string_equal(str_at("policies.0.published_date"), "2025-03-01");
	assert_int_equal(json_array_size(at("interpretations")), 0);
	assert_int_equal(json_array_size(at("attachments")), 0);

	assert_int_equal(call("/api/v1/items/2", NULL), 200);
	assert_string_equal(str_at("category.path"), "政策文件/规范性文件");
	assert_string_equal(str_at("category.name"), "规范性文件");
	assert_string_equal(str_at("validity"), "废止");
	assert_string_equal(str_at("validity_date"), "2025-10-01");
	assert_int_equal(call("/api/v1/items/8", NULL), 200);
	assert_true(json_is_null(at("category")));
	assert_string_equal(str_at("validity"), "失效");
}

static void
test_item_states(void **state)
{
	char draft[512];

	(void)state;
	is_error(410, call("/api/v1/items/5", NULL), "gone");
	is_error(404, call("/api/v1/items/4", NULL), "not_found");
	assert_null(strstr(resp.body.data, "草稿丁"));
	/* A draft answers byte for byte like an id that does not exist. */
	snprintf(draft, sizeof(draft), "%s", resp.body.data);
	is_error(404, call("/api/v1/items/6", NULL), "not_found");
	is_error(404, call("/api/v1/items/4", NULL), "not_found");
	assert_non_null(strstr(draft, "信息 4 不存在或未公开"));
	is_error(404, call("/api/v1/items/999", NULL), "not_found");
	assert_non_null(strstr(resp.body.data, "信息 999 不存在或未公开"));
	is_error(404, call("/api/v1/items/9223372036854775807", NULL), "not_found");
	is_error(400, call("/api/v1/items/0", NULL), "bad_request");
	is_error(400, call("/api/v1/items/9223372036854775808", NULL), "bad_request");
	is_error(400, call("/api/v1/items/1abc", NULL), "bad_request");
	is_error(400, call("/api/v1/items/<script>", NULL), "bad_request");
	/* No list ever shows a draft, an approved or a withdrawn item. */
	assert_int_equal(call("/api/v1/items", ARGS("per_page", "100")), 200);
	assert_null(strstr(resp.body.data, "草稿丁"));
	assert_null(strstr(resp.body.data, "撤回戊"));
	assert_null(strstr(resp.body.data, "待发布己"));
}

static void
test_reports(void **state)
{
	(void)state;
	assert_int_equal(call("/api/v1/reports/1/2025", NULL), 200);
	/* The latest version's stored JSON, as is. */
	assert_string_equal(resp.body.data, "{\"format\":\"gongkai.report/1\",\"v\":2}");
	assert_int_equal(resp.cacheable, 1);
	assert_string_equal(resp.last_modified, "2026-01-20T09:00:00+08:00");
	is_error(404, call("/api/v1/reports/1/2024", NULL), "not_found");
	assert_non_null(strstr(resp.body.data, "2024"));
	is_error(404, call("/api/v1/reports/2/2025", NULL), "not_found");
	is_error(404, call("/api/v1/reports/99/2025", NULL), "not_found");
	is_error(400, call("/api/v1/reports/x/2025", NULL), "bad_request");
	is_error(400, call("/api/v1/reports/1/25", NULL), "bad_request");
	is_error(400, call("/api/v1/reports/1/2025.json", NULL), "bad_request");
	is_error(400, call("/api/v1/reports/123456789012345678901234567890/2025", NULL),
	    "bad_request");
}

static void
test_search(void **state)
{
	json_t	*v;
	size_t	 i;
	char	 sql[128], title[256];

	(void)state;
	assert_int_equal(call("/api/v1/search", ARGS("q", "政策甲")), 200);
	assert_int_equal(resp.cacheable, 0);
	assert_string_equal(str_at("q"), "政策甲");
	assert_string_equal(str_at("sort"), "relevance");
	assert_int_equal(int_at("page"), 1);
	assert_int_equal(int_at("per_page"), 20);
	assert_true(int_at("total") >= 2);	/* 1 and its interpretation 9 */
	assert_int_equal(int_at("items.0.id"), 1);	/* the exact title first */
	assert_string_equal(str_at("items.0.title"), "政策甲");
	assert_non_null(strstr(str_at("items.0.title_html"), "<mark>"));
	assert_string_equal(str_at("items.0.url"), "/item/1");
	assert_string_equal(str_at("items.0.published_date"), "2025-03-01");
	/* Every hit is published, and its plain title is the stored one. */
	json_array_foreach(at("items"), i, v) {
		long long id = (long long)json_integer_value(json_object_get(v, "id"));

		snprintf(sql, sizeof(sql), "SELECT state || ':' || title FROM item WHERE id = %lld",
		    id);
		gk_test_text(db, sql, title, sizeof(title));
		assert_int_equal(strncmp(title, "published:", 10), 0);
		assert_string_equal(title + 10, json_string_value(json_object_get(v, "title")));
	}
	assert_int_equal(call("/api/v1/search", ARGS("q", "政策", "sort", "date",
	    "agency", "1", "per_page", "1")), 200);
	assert_string_equal(str_at("sort"), "date");
	assert_int_equal(json_array_size(at("items")), 1);
	/* The withdrawn 撤回戊 and the draft are not found. */
	assert_int_equal(call("/api/v1/search", ARGS("q", "撤回戊")), 200);
	assert_int_equal(int_at("total"), 0);
	assert_int_equal(call("/api/v1/search", ARGS("q", "草稿丁")), 200);
	assert_int_equal(int_at("total"), 0);

	is_error(400, call("/api/v1/search", NULL), "bad_request");
	is_error(400, call("/api/v1/search", ARGS("q", "")), "bad_request");
	is_error(400, call("/api/v1/search", ARGS("q", "政策", "sort", "rank")), "bad_request");
	is_error(400, call("/api/v1/search", ARGS("q", "政策", "page", "0")), "bad_request");
	is_error(400, call("/api/v1/search", ARGS("q", "政策", "per_page", "101")),
	    "bad_request");
	is_error(400, call("/api/v1/search", ARGS("q", "政策", "year", "x")), "bad_request");
}

static void
test_injection(void **state)
{
	static const char *const evil[] = {
		"' OR '1'='1", "\" OR \"\"=\"", "1; DROP TABLE item; --", "<script>alert(1)</script>",
		"%27%20OR%201%3D1", "政策\" NEAR(a b)", "title:政策", "*", "\"", "AND OR NOT",
		"../../etc/passwd", "{\"a\":1}", "\\u0000", "政策甲 OR 1=1",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(evil) / sizeof(evil[0]); i++) {
		int st = call("/api/v1/search", ARGS("q", evil[i]));

		if (st != 200 && st != 400)
			fail_msg("q=%s: %d %s", evil[i], st, resp.body.data);
		if (st == 400)
			is_error(400, st, "bad_request");
		else
			assert_string_equal(str_at("q"), evil[i]);
		st = call("/api/v1/items", ARGS("validity", evil[i]));
		is_error(400, st, "bad_request");
		st = call("/api/v1/items", ARGS("agency", evil[i]));
		is_error(400, st, "bad_request");
	}
	/* Nothing was changed or lost. */
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM item"), 10);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM item WHERE state = 'published'"), 7);
}

/* Allocation failures: every one gives an error or a whole answer, never a crash or leak. */
static void
test_alloc_failures(void **state)
{
	static const struct { const char *path; int status; } paths[] = {
		{ "/api/v1/items/1", 200 }, { "/api/v1/items", 200 }, { "/api/v1/agencies/1", 200 },
		{ "/api/v1/agencies", 200 }, { "/api/v1/reports/1/2025", 200 },
		{ "/api/v1/items/5", 410 }, { "/api/v1/nothing", 404 },
	};
	struct gk_web_req	 req;
	char			 err[512];
	size_t			 i;
	long			 n;
	enum gk_err		 e;

	(void)state;
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		for (n = 0; n < 3000; n++) {
			memset(&req, 0, sizeof(req));
			req.method = "GET";
			req.path = paths[i].path;
			gk_web_resp_clear(&resp);
			gk_mem_fail_after(n);
			e = gk_web_dispatch(&ctx, &req, &resp, err, sizeof(err));
			gk_mem_fail_reset();
			if (e == GK_OK && resp.status != 500) {
				json_t *j = json_loads(resp.body.data, 0, NULL);

				if (j == NULL)
					fail_msg("%s after %ld allocations: not JSON", paths[i].path, n);
				json_decref(j);
				assert_int_equal(resp.status, paths[i].status);
				break;
			}
		}
		if (n == 3000)
			fail_msg("%s never answered", paths[i].path);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_index_and_unknown, setup, teardown),
	cmocka_unit_test_setup_teardown(test_agencies, setup, teardown),
	cmocka_unit_test_setup_teardown(test_items_list, setup, teardown),
	cmocka_unit_test_setup_teardown(test_items_pagination, setup, teardown),
	cmocka_unit_test_setup_teardown(test_items_bad_params, setup, teardown),
	cmocka_unit_test_setup_teardown(test_item, setup, teardown),
	cmocka_unit_test_setup_teardown(test_item_states, setup, teardown),
	cmocka_unit_test_setup_teardown(test_reports, setup, teardown),
	cmocka_unit_test_setup_teardown(test_search, setup, teardown),
	cmocka_unit_test_setup_teardown(test_injection, setup, teardown),
	cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
};

GK_TEST_MAIN("api", tests)
