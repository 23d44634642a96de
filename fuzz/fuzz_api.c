/*
 * fuzz_api.c — libFuzzer target for the JSON API (web/api.c) through
 * gk_web_dispatch, on a scratch database (/tmp/fuzz_api-PID.db) with one agency, two
 * categories and four items (published, withdrawn, draft, published in a
 * subcategory) and a report snapshot. Input: the first byte picks the
 * method (GET, HEAD or POST); the rest, split at 0x1f, is the path after
 * "/api/v1/" and then the values of q, agency, category, year, validity,
 * sort, page and per_page (any bytes; the server would refuse invalid
 * UTF-8 first, the handler must cope anyway). What must hold: GK_OK; a
 * status of 200, 400, 404, 405 or 410; a JSON content type and a body that
 * json_loads parses; an error body with the code of its status and a
 * message, never cacheable; a 200 list ("items") naming only published
 * items, at most per_page of them.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "store/agency.h"
#include "store/db.h"
#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct gk_db	*db;

static const char *const params[] = { "q", "agency", "category", "year", "validity", "sort",
	"page", "per_page" };

static void
exec(const char *sql)
{
	if (sqlite3_exec(gk_db_sqlite(db), sql, NULL, NULL, NULL) != SQLITE_OK) {
		fprintf(stderr, "fuzz_api: %s\n", sqlite3_errmsg(gk_db_sqlite(db)));
		abort();
	}
}

static int
init(void)
{
	char err[256], path[64];

	if (db != NULL)
		return 0;
	/* A file: the store insists on WAL, which an in-memory database cannot have. */
	snprintf(path, sizeof(path), "/tmp/fuzz_api-%ld.db", (long)getpid());
	unlink(path);
	if (gk_db_open(path, &db, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, "admin", "盐边县经济合作和商务局", "11510422MB1234567Y", 0, "县级",
	    "2025-01-02T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_api: %s\n", err);
		abort();
	}
	exec("INSERT INTO category (id, agency_id, parent_id, name, sort) VALUES "
	    "(10, 1, NULL, '政策文件', 1), (11, 1, 10, '规范性文件', 1)");
	exec("INSERT INTO item (id, agency_id, index_no, title, category_id, keywords, body, "
	    "state, created_at, updated_at, published_at) VALUES "
	    "(1, 1, 'A-1', '招商引资优惠政策', 10, '招商,引资', '正文 <b>x</b>', 'published', "
	    "'2025-01-01T09:00:00+08:00', '2025-01-01T09:00:00+08:00', '2025-03-01T09:00:00+08:00'), "
	    "(2, 1, 'A-2', '撤回的信息', 10, '', '正文', 'withdrawn', "
	    "'2025-01-01T09:00:00+08:00', '2025-01-01T09:00:00+08:00', '2025-03-02T09:00:00+08:00'), "
	    "(3, 1, 'A-3', '草稿', 10, '', '正文', 'draft', "
	    "'2025-01-01T09:00:00+08:00', '2025-01-01T09:00:00+08:00', NULL), "
	    "(4, 1, 'A-4', '规范性文件', 11, '', '正文', 'published', "
	    "'2025-01-01T09:00:00+08:00', '2025-01-01T09:00:00+08:00', '2024-05-01T09:00:00+08:00')");
	exec("INSERT INTO report_snapshot (agency_id, year, version, model_json, sha256, "
	    "published_at, actor) VALUES (1, 2025, 1, '{\"format\":\"gongkai.report/1\"}', 'x', "
	    "'2026-01-10T09:00:00+08:00', 'officer')");
	return 0;
}

static const char *
code_of(int status)
{
	switch (status) {
	case 400: return "bad_request";
	case 404: return "not_found";
	case 401: return "unauthorized";	/* a POST to the write side without a token */
	case 405: return "method_not_allowed";
	case 410: return "gone";
	default: return NULL;
	}
}

/* Every entry of a list is a published item; at most per_page of them. */
static void
check_list(json_t *doc)
{
	json_t	*items = json_object_get(doc, "items"), *v;
	size_t	 i;

	if (items == NULL)
		return;
	if (!json_is_array(items) || json_array_size(items) >
	    (size_t)json_integer_value(json_object_get(doc, "per_page")))
		abort();
	json_array_foreach(items, i, v) {
		json_int_t id = json_integer_value(json_object_get(v, "id"));

		if (id != 1 && id != 4)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const methods[] = { "GET", "HEAD", "POST" };
	struct gk_web_arg	 args[8];
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_ctx	 ctx;
	json_t			*doc, *e;
	char			*buf, *p, *q, err[512], path[GK_WEB_PATH_MAX + 16];
	const char		*code;
	size_t			 n = 0;

	if (size < 1 || size > 8192 || init() != 0)
		return 0;
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	q = strchr(buf, 0x1f);
	if (q != NULL)
		*q++ = '\0';
	snprintf(path, sizeof(path), "/api/v1/%s", buf);
	for (p = q; p != NULL && n < sizeof(params) / sizeof(params[0]); p = q, n++) {
		if ((q = strchr(p, 0x1f)) != NULL)
			*q++ = '\0';
		args[n].name = params[n];
		args[n].value = p;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	memset(&req, 0, sizeof(req));
	req.method = methods[data[0] % 3];
	req.path = path;
	req.args = args;
	req.nargs = n;
	req.client = "127.0.0.1";
	gk_web_resp_init(&resp);
	if (gk_web_dispatch(&ctx, &req, &resp, err, sizeof(err)) != GK_OK)
		abort();
	if (strcmp(resp.content_type, "application/json; charset=utf-8") != 0 ||
	    resp.body.data == NULL)
		abort();
	if ((doc = json_loads(resp.body.data, 0, NULL)) == NULL)
		abort();
	if (resp.status == 200)
		check_list(doc);
	else {
		if ((code = code_of(resp.status)) == NULL || resp.cacheable)
			abort();
		e = json_object_get(doc, "error");
		if (strcmp(json_string_value(json_object_get(e, "code")) != NULL ?
		    json_string_value(json_object_get(e, "code")) : "", code) != 0 ||
		    json_string_length(json_object_get(e, "message")) == 0)
			abort();
	}
	json_decref(doc);
	gk_web_resp_clear(&resp);
	free(buf);
	return 0;
}
