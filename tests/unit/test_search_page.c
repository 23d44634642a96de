/*
 * test_search_page.c — the /search page (web/portal_search.c) called
 * without a server: the empty form, results with highlights and the
 * metadata line, 共 N 条结果, page links keeping the filters, 未找到 with
 * suggestions, hostile text escaped, bad parameters answered 400 on the
 * page, paths that are not /search left to other routes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "core/date.h"
#include "core/item.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/search.h"
#include "store/db.h"
#include "store/import.h"
#include "web/handlers.h"
#include "web/web.h"

#define CODE_A	"11510422MB1234567Y"	/* checked by hand in test_store_item.c */
#define NOW	"2025-06-30T10:00:00+08:00"

static struct {
	char		 dir[64], path[128];
	struct gk_db	*db;
	struct gk_site	 site;
	struct gk_web_ctx ctx;
	int64_t		 ag;
} F;

static void
imp(const char *cat, const char *title, const char *body, const char *day)
{
	struct item_meta	 m;
	struct gk_import_row	 row;
	char			 created[40], published[40], err[512];

	snprintf(created, sizeof(created), "%sT09:00:00+08:00", day);
	snprintf(published, sizeof(published), "%sT16:00:00+08:00", day);
	item_meta_init(&m);
	item_meta_set(&m, ITEM_F_TITLE, title);
	item_meta_set(&m, ITEM_F_CATEGORY, cat);
	item_meta_set(&m, ITEM_F_WRITTEN, day);
	item_meta_set(&m, ITEM_F_BODY, body);
	memset(&row, 0, sizeof(row));
	row.meta = &m;
	row.state = WF_PUBLISHED;
	row.created_at = created;
	row.published_at = published;
	if (gk_item_import(F.db, F.ag, "admin", &row, 1, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("import %s: %s", title, err);
	item_meta_clear(&m);
}

static int
setup(void **state)
{
	char	 err[512], title[64];
	int	 i;

	(void)state;
	memset(&F, 0, sizeof(F));
	snprintf(F.dir, sizeof(F.dir), "/tmp/gk-spage-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/t.db", F.dir);
	if (gk_db_open(F.path, &F.db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县经济合作和商务局", CODE_A, 0,
	    "县级", NOW, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	imp("财政信息/预算", "2025年度部门预算公开说明", "现将本局2025年部门预算公开如下。",
	    "2025-02-10");
	for (i = 1; i <= 23; i++) {
		snprintf(title, sizeof(title), "第%d号招商公告", i);
		imp("招商引资", title, "招商项目推介。", "2024-03-01");
	}
	snprintf(F.site.name, sizeof(F.site.name), "盐边县人民政府信息公开平台");
	F.ctx.db = F.db;
	F.ctx.site = &F.site;
	assert_int_equal(gk_date_from_ymd(2025, 6, 30, &F.ctx.today), GK_OK);
	snprintf(F.ctx.now, sizeof(F.ctx.now), "%s", NOW);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	(void)state;
	gk_db_close(F.db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", F.dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* GET path with args (name, value pairs; NULL ends); returns the status, body in resp. */
static int
get(struct gk_web_resp *resp, const char *path, ...)
{
	struct gk_web_arg	 args[16];
	struct gk_web_req	 req;
	va_list			 ap;
	size_t			 n = 0;
	char			 err[256];
	const char		*name;
	enum gk_err		 e;

	va_start(ap, path);
	while ((name = va_arg(ap, const char *)) != NULL && n < 16) {
		args[n].name = name;
		args[n].value = va_arg(ap, const char *);
		n++;
	}
	va_end(ap);
	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.path = path;
	req.args = args;
	req.nargs = n;
	req.client = "127.0.0.1";
	gk_web_resp_init(resp);
	e = gk_search_page(&F.ctx, &req, resp, err, sizeof(err));
	if (e == GK_ENOTFOUND)
		return 0;
	if (e != GK_OK)
		fail_msg("search page: %s", err);
	assert_int_equal(resp->cacheable, 0);
	assert_non_null(resp->body.data);
	return resp->status;
}

static void
has(const struct gk_web_resp *r, const char *s)
{
	if (strstr(r->body.data, s) == NULL)
		fail_msg("page lacks: %s", s);
}

static void
lacks(const struct gk_web_resp *r, const char *s)
{
	if (strstr(r->body.data, s) != NULL)
		fail_msg("page has: %s", s);
}

static void
form_only(void **state)
{
	struct gk_web_resp r;

	(void)state;
	assert_int_equal(get(&r, "/search", NULL), 200);
	has(&r, "<label for=\"q\">检索词</label>");
	has(&r, "<option value=\"1\">盐边县经济合作和商务局</option>");
	has(&r, "<option value=\"2025\">2025年</option>");
	has(&r, "<option value=\"2016\">2016年</option>");
	has(&r, "输入检索词后点击");
	lacks(&r, "共 ");
	gk_web_resp_clear(&r);
	/* Not ours: left to the next route. */
	assert_int_equal(get(&r, "/searchx", NULL), 0);
	assert_int_equal(get(&r, "/search/1", NULL), 0);
}

static void
results(void **state)
{
	struct gk_web_resp r;

	(void)state;
	assert_int_equal(get(&r, "/search", "q", "预算", NULL), 200);
	has(&r, "共 1 条结果");
	has(&r, "<a href=\"/item/1\">2025年度部门<mark>预算</mark>公开说明</a>");
	has(&r, "本局2025年部门<mark>预算</mark>公开如下");
	has(&r, "<span>发布机构：盐边县经济合作和商务局</span> <span>栏目：预算</span> "
	    "<span>发布日期：2025-02-10</span> <span>索引号：11510422MB1234567Y/2025-");
	has(&r, "value=\"预算\"");
	lacks(&r, "class=\"pager\"");
	gk_web_resp_clear(&r);
	/* With the agency chosen, its categories are offered, subcategories indented. */
	assert_int_equal(get(&r, "/search", "q", "预算", "agency", "1", "category", "", NULL), 200);
	has(&r, "<option value=\"1\" selected>盐边县经济合作和商务局</option>");
	has(&r, ">　预算</option>");
	gk_web_resp_clear(&r);
}

static void
paging(void **state)
{
	struct gk_web_resp r;

	(void)state;
	/* 23 results: 3 pages; filters kept in every link (公告 = %E5%85%AC%E5%91%8A). */
	assert_int_equal(get(&r, "/search", "q", "公告", "agency", "1", "year", "2024",
	    "sort", "date", "page", "2", NULL), 200);
	has(&r, "共 23 条结果");
	has(&r, "<a rel=\"prev\" href=\"/search?q=%E5%85%AC%E5%91%8A&amp;agency=1&amp;year=2024"
	    "&amp;sort=date\">上一页</a>");
	has(&r, "<a rel=\"next\" href=\"/search?q=%E5%85%AC%E5%91%8A&amp;agency=1&amp;year=2024"
	    "&amp;sort=date&amp;page=3\">下一页</a>");
	has(&r, "<span aria-current=\"page\">2</span>");
	has(&r, "第 2 / 3 页");
	has(&r, "<option value=\"2024\" selected>2024年</option>");
	has(&r, "<option value=\"date\" selected>按发布日期</option>");
	gk_web_resp_clear(&r);
	/* Past the last page: the total and a way back. */
	assert_int_equal(get(&r, "/search", "q", "公告", "page", "9", NULL), 200);
	has(&r, "共 23 条结果");
	has(&r, "该页没有结果");
	gk_web_resp_clear(&r);
	/* Counted up to a cap of 20 (10,000 in use): "more than", 2 pages of 10. */
	gk_search_set_total_cap(20);
	assert_int_equal(get(&r, "/search", "q", "公告", "agency", "1", "year", "2024", NULL),
	    200);
	has(&r, "超过 20 条结果，显示前 20 条");
	lacks(&r, "共 ");
	has(&r, "第 1 / 2 页");
	gk_web_resp_clear(&r);
	gk_search_set_total_cap(0);
}

static void
none_and_hostile(void **state)
{
	struct gk_web_resp r;

	(void)state;
	assert_int_equal(get(&r, "/search", "q", "<script>alert()</script>", NULL), 200);
	has(&r, "共 0 条结果");
	has(&r, "未找到与“&lt;script&gt;alert()&lt;/script&gt;”相关的信息");
	has(&r, "单个汉字也可检索");
	lacks(&r, "<script>");
	lacks(&r, "在全部信息中检索");
	gk_web_resp_clear(&r);
	/* With filters, the suggestion to drop them. */
	assert_int_equal(get(&r, "/search", "q", "预算", "year", "2019", NULL), 200);
	has(&r, "共 0 条结果");
	has(&r, "<a href=\"/search?q=%E9%A2%84%E7%AE%97\">在全部信息中检索</a>");
	has(&r, "<option value=\"2019\" selected>2019年</option>");
	gk_web_resp_clear(&r);
	/*
	 * FTS5 syntax is just words: 预算 and the word "or" (no item has both),
	 * so the fallback lists the item with one of them, saying so.
	 */
	assert_int_equal(get(&r, "/search", "q", "预算\" OR \"*", NULL), 200);
	has(&r, "未找到同时包含全部检索词的信息");
	has(&r, "共 1 条结果");
	gk_web_resp_clear(&r);
}

static void
bad_params(void **state)
{
	static const char *const cases[][3] = {
		{ "agency", "1; DROP", "参数 agency" },
		{ "category", "-1", "参数 category" },
		{ "year", "25", "参数 year" },
		{ "page", "0", "参数 page" },
		{ "page", "10001", "参数 page" },
		{ "sort", "newest", "参数 sort" },
		{ "validity", "作废", "参数 validity" },
	};
	struct gk_web_resp	 r;
	char			 q[400];
	size_t			 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		assert_int_equal(get(&r, "/search", "q", "预算", cases[i][0], cases[i][1],
		    NULL), 400);
		has(&r, cases[i][2]);
		has(&r, "role=\"alert\"");
		has(&r, "<label for=\"q\">检索词</label>");	/* the form stays */
		lacks(&r, "共 ");
		gk_web_resp_clear(&r);
	}
	assert_int_equal(get(&r, "/search", "q", "", NULL), 400);
	has(&r, "请输入检索词");
	gk_web_resp_clear(&r);
	assert_int_equal(get(&r, "/search", "q", "。，", NULL), 400);
	has(&r, "请输入检索词");
	gk_web_resp_clear(&r);
	memset(q, 'a', 101);
	q[101] = '\0';
	assert_int_equal(get(&r, "/search", "q", q, NULL), 400);
	has(&r, "检索词过长");
	gk_web_resp_clear(&r);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(form_only, setup, teardown),
	cmocka_unit_test_setup_teardown(results, setup, teardown),
	cmocka_unit_test_setup_teardown(paging, setup, teardown),
	cmocka_unit_test_setup_teardown(none_and_hostile, setup, teardown),
	cmocka_unit_test_setup_teardown(bad_params, setup, teardown),
};

GK_TEST_MAIN("search_page", tests)
