/*
 * test_admin_notices.c — the back office's 公示栏 area (web/admin_notices.c)
 * called straight as the gate would: the week's list (default: this
 * week), the downloads of one sheet and of the week, posted/removed
 * recorded on the notice channel with the content hash, and the refusals:
 * another agency's item (404), an unpublished one (409), a drafter
 * recording (409, nothing written), a bad date or week (400).
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "core/workflow.h"
#include "store/category.h"
#include "store/item.h"
#include "web/admin.h"
#include "web/admin_notices.h"

/* Wednesday 2025-06-04: ISO week 2025-W23, Monday 06-02 to Sunday 06-08. */
#define NOW	"2025-06-04T10:00:00+08:00"

static struct gk_test_area	 A;
static struct gk_admin_user	 officer, drafter, other;
static int64_t			 PUB, DRAFT;

static int
setup(void **state)
{
	struct gk_item_actor	 d, r, a, o;
	char			 err[256];

	*state = &A;
	gk_test_area_open(&A, "admin-notices", NOW, NOW);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	gk_test_user(A.s.db, A.s.ag, "d", WF_ROLE_DRAFTER, &d);
	gk_test_user(A.s.db, A.s.ag, "r", WF_ROLE_REVIEWER, &r);
	gk_test_user(A.s.db, A.s.ag, "a", WF_ROLE_APPROVER, &a);
	gk_test_user(A.s.db, A.s.ag, "o", WF_ROLE_OFFICER, &o);
	PUB = gk_test_item(A.s.db, &d, "招商引资", "关于招商引资的<通知>", "2025-06-02",
	    "正文第一段");
	gk_test_act(A.s.db, PUB, &d, WF_ACT_SUBMIT, "2025-06-02", NULL);
	gk_test_act(A.s.db, PUB, &r, WF_ACT_REVIEW, "2025-06-02", NULL);
	gk_test_act(A.s.db, PUB, &a, WF_ACT_APPROVE, "2025-06-02", NULL);
	gk_test_act(A.s.db, PUB, &o, WF_ACT_PUBLISH, "2025-06-03", NULL);
	DRAFT = gk_test_item(A.s.db, &d, "招商引资", "草稿", "2025-06-02", "x");
	gk_test_admin_user(A.s.db, &officer, A.s.ag, "officer", WF_ROLE_OFFICER, "盐边县商务局");
	gk_test_admin_user(A.s.db, &drafter, A.s.ag, "drafter", WF_ROLE_DRAFTER, "盐边县商务局");
	gk_test_admin_user(A.s.db, &other, A.s.ag2, "cz-officer", WF_ROLE_OFFICER, "盐边县财政局");
	return 0;
}

#define body()		gk_test_body(&A.resp)
#define has(s)		gk_test_has(body(), (s))
#define lacks(s)	gk_test_lacks(body(), (s))

/*
 * One request to the 公示栏 area as u; fails with the page unless it
 * answers status (404 when no screen of the area answered).
 */
static void
expect(const struct gk_admin_user *u, const char *method, const char *path,
    const char *const *kv, int status)
{
	int got = 404;

	if (gk_test_admin(gk_admin_notices, &A.ctx, u, &A.resp, method, path, kv, NULL, 0) !=
	    GK_ENOTFOUND)
		got = A.resp.status;
	if (got != status) {
		fprintf(stderr, "%s\n", body());
		fail_msg("%s %s: status %d, expected %d", method, path, got, status);
	}
}

static void
path_of(char *buf, size_t n, const char *fmt_pre, int64_t id, const char *post)
{
	snprintf(buf, n, "%s%lld%s", fmt_pre, (long long)id, post);
}

static void
test_list(void **state)
{
	char p[96];

	(void)state;
	expect(&officer, "GET", "/admin/notices", NULL, 200);
	has("2025-W23（2025-06-02 至 2025-06-08）发布的信息 1 条");
	has("关于招商引资的&lt;通知&gt;");
	lacks("草稿</th>");
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, ".pdf");
	has(p);
	path_of(p, sizeof(p), "action=\"/admin/notices/item/", PUB, "/posted\"");
	has(p);
	has("/admin/notices/week/2025-W23.pdf");
	has("name=\"csrf\"");
	has("?week=2025-W22&amp;agency=");
	has("?week=2025-W24&amp;agency=");
	lacks("<select id=\"agency\"");
	/* In the menu for the officer, not for a drafter. */
	has("公示栏</a>");
	expect(&drafter, "GET", "/admin/notices", NULL, 200);
	lacks("公示栏</a>");
	/* Another week is empty; a bad one is refused, this week shown. */
	expect(&officer, "GET", "/admin/notices", (const char *const[]){ "week", "2025-W10",
	    NULL }, 200);
	has("本周没有发布信息");
	expect(&officer, "GET", "/admin/notices", (const char *const[]){ "week",
	    "<script>", NULL }, 400);
	has("周次格式应为 YYYY-Www");
	lacks("<script>");
	/* Another agency sees its own (empty) week, not this item. */
	expect(&other, "GET", "/admin/notices", NULL, 200);
	lacks("招商引资");
}

static void
test_downloads(void **state)
{
	char p[96], d[64];

	(void)state;
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, ".pdf");
	expect(&officer, "GET", p, NULL, 200);
	assert_string_equal(A.resp.content_type, "application/pdf");
	assert_memory_equal(A.resp.body.data, "%PDF-", 5);
	snprintf(d, sizeof(d), "attachment; filename=\"notice-%lld.pdf\"", (long long)PUB);
	assert_string_equal(A.resp.disposition, d);
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, ".html");
	expect(&officer, "GET", p, NULL, 200);
	has("@page{size:A4");
	has("关于招商引资的&lt;通知&gt;");
	has("公示期：2025-06-04 至 2025-06-10");
	expect(&officer, "GET", "/admin/notices/week/2025-W23.html", NULL, 200);
	has("公示信息目录");
	expect(&officer, "GET", "/admin/notices/week/2025-W23.pdf", NULL, 200);
	assert_memory_equal(A.resp.body.data, "%PDF-", 5);
	expect(&officer, "GET", "/admin/notices/week/2025-W10.pdf", NULL, 404);
	expect(&officer, "GET", "/admin/notices/week/2025-W99.pdf", NULL, 404);
	/* Not this agency's, not published, not an item. */
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, ".pdf");
	expect(&other, "GET", p, NULL, 404);
	path_of(p, sizeof(p), "/admin/notices/item/", DRAFT, ".pdf");
	expect(&officer, "GET", p, NULL, 409);
	expect(&officer, "GET", "/admin/notices/item/99999.pdf", NULL, 404);
	expect(&officer, "GET", "/admin/notices/item/abc.pdf", NULL, 404);
	expect(&officer, "GET", "/admin/notices/item/01.pdf", NULL, 404);
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, ".docx");
	expect(&officer, "GET", p, NULL, 404);
}

static void
row_is(const char *want_row)
{
	char sql[200], out[256];

	snprintf(sql, sizeof(sql), "SELECT status || '|' || at || '|' || place FROM item_channel"
	    " WHERE item_id = %lld AND channel = 'notice'", (long long)PUB);
	gk_test_text(A.s.db, sql, out, sizeof(out));
	assert_string_equal(out, want_row);
}

static void
test_record(void **state)
{
	char		 p[96];
	int64_t		 n0;

	(void)state;
	n0 = gk_test_int(A.s.db, "SELECT count(*) FROM item_channel");
	/* A drafter may not record: refused, nothing written. */
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, "/posted");
	expect(&drafter, "POST", p, (const char *const[]){ "at", "2025-06-04", "week",
	    "2025-W23", NULL }, 409);
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM item_channel"), n0);
	/* A bad date. */
	expect(&officer, "POST", p, (const char *const[]){ "at", "2025-13-01", NULL }, 400);
	has("日期应为 YYYY-MM-DD");
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM item_channel"), n0);
	/* Posted, then removed. */
	expect(&officer, "POST", p, (const char *const[]){ "at", "2025-06-04", "place",
	    "大厅公示栏", "week", "2025-W23", NULL }, 303);
	assert_string_equal(A.resp.location, "/admin/notices?week=2025-W23");
	row_is("published|2025-06-04|大厅公示栏");
	assert_int_equal(gk_test_int(A.s.db, "SELECT length(content_sha256) FROM item_channel"
	    " WHERE channel = 'notice'"), 64);
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, "/removed");
	expect(&officer, "POST", p, (const char *const[]){ "at", "2025-06-11", "week",
	    "2025-W23", NULL }, 303);
	row_is("removed|2025-06-11|" "政务服务中心公示栏");
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM audit WHERE entity ="
	    " 'item_channel' AND actor = 'officer'"), 2);
	/* Not published; not this agency's; an unknown action. */
	path_of(p, sizeof(p), "/admin/notices/item/", DRAFT, "/posted");
	expect(&officer, "POST", p, NULL, 409);
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, "/posted");
	expect(&other, "POST", p, NULL, 404);
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, "/burnt");
	expect(&officer, "POST", p, NULL, 404);
	expect(&officer, "POST", "/admin/notices", NULL, 405);
}

/* A 政务公开办 of the government over the agency reads and records its notices. */
static void
test_office(void **state)
{
	struct gk_admin_user	 office;
	char			 p[160], sql[160], q[32];

	(void)state;
	snprintf(sql, sizeof(sql), "UPDATE agency SET parent_id = %lld WHERE id = %lld",
	    (long long)A.s.ag2, (long long)A.s.ag);
	gk_test_exec(A.s.db, sql);
	gk_test_admin_user(A.s.db, &office, A.s.ag2, "cz-office", WF_ROLE_OFFICE, "盐边县财政局");
	snprintf(q, sizeof(q), "%lld", (long long)A.s.ag);
	expect(&office, "GET", "/admin/notices", (const char *const[]){ "agency", q, NULL }, 200);
	has("关于招商引资的&lt;通知&gt;");
	has("<select id=\"agency\"");
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, ".pdf");
	expect(&office, "GET", p, NULL, 200);
	expect(&office, "GET", "/admin/notices/week/2025-W23.html", (const char *const[]){
	    "agency", q, NULL }, 200);
	path_of(p, sizeof(p), "/admin/notices/item/", PUB, "/posted");
	expect(&office, "POST", p, (const char *const[]){ "at", "2025-06-05", "week",
	    "2025-W23", "agency", q, NULL }, 303);
	snprintf(p, sizeof(p), "/admin/notices?week=2025-W23&agency=%s", q);
	assert_string_equal(A.resp.location, p);
	row_is("published|2025-06-05|" "政务服务中心公示栏");
	/* The agency's own officer may not look upwards, nor at a stranger. */
	snprintf(q, sizeof(q), "%lld", (long long)A.s.ag2);
	expect(&officer, "GET", "/admin/notices", (const char *const[]){ "agency", q, NULL },
	    404);
	expect(&officer, "GET", "/admin/notices/week/2025-W23.pdf", (const char *const[]){
	    "agency", "999", NULL }, 404);
	expect(&officer, "GET", "/admin/notices", (const char *const[]){ "agency", "x", NULL },
	    404);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_list, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_downloads, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_record, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_office, setup, gk_test_area_teardown),
};

GK_TEST_MAIN("admin_notices", tests)
