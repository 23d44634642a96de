/*
 * test_admin_report.c — the back office's annual report, trainings and
 * complaints (web/admin_report.c, admin_report_sup.c), called directly
 * (gk_admin_report) with fabricated signed-in users, on a small
 * demo-like database built fresh for each test:
 *
 *   盐边县人民政府 (1) ← 盐边县商务局 (2, "A"), 盐边县财政局 (3)
 *   users: o1 officer of A, d1 drafter of A, o2 officer of 3, gov1 政务公开办 of 1
 *   A's items: 2024-05-05 工作动态; 2025-01-03 机构职能, 2025-03-05 工作动态,
 *     2025-04-09 工作动态 → items.total 2025 = 3 (news 2, other 1)
 *   A's applications: 2024-06-01 自然人 予以公开; 2025-03-01 自然人 予以公开,
 *     2025-04-01 商业企业 部分公开 → 2025 row 一: 自然人 1, 商业企业 1, 总计 2
 *   A's figures: 2025 license, penalty, coercion, admin_fee = 0; 2024 none
 *     (so 2024's section 二 is blank and cannot be published)
 *   "today" 2026-01-20.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/uscc.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/figures.h"
#include "store/item.h"
#include "store/report_data.h"
#include "store/supervision.h"
#include "web/admin.h"
#include "web/web.h"

#define NOW	"2026-01-20T10:00:00+08:00"
#define HOSTILE	"<script>alert(1)</script>\"'&<img src=x onerror=alert(2)>"

static struct {
	char			 dir[64];
	struct gk_db		*db;
	struct gk_site		 site;
	struct gk_web_ctx	 ctx;
	int64_t			 gov, ag, ag2;
	struct gk_admin_user	 o1, d1, o2, gov1;
} F;

static void
fig(int year, const char *key)
{
	char err[256];

	if (gk_figure_set(F.db, "admin", F.ag, year, key, 0, "测试", NOW, err, sizeof(err)) != GK_OK)
		fail_msg("figure %s: %s", key, err);
}

static int
setup(void **state)
{
	char err[512], gov[32];

	(void)state;
	memset(&F, 0, sizeof(F));
	F.db = gk_test_db_open("admrep", F.dir, sizeof(F.dir), NULL, 0);
	snprintf(gov, sizeof(gov), "11510422MB0000001%c", gk_uscc_check_char("11510422MB0000001"));
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县人民政府", gov, 0, "县级", NOW, &F.gov,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县商务局", "11510422MB1234567Y", F.gov,
	    "县级", NOW, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县财政局", "11510422MB12345682", F.gov,
	    "县级", NOW, &F.ag2, err, sizeof(err)), GK_OK);
	assert_int_equal(F.ag, 2);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag2, "admin", NOW, err, sizeof(err)), GK_OK);
	gk_test_exec(F.db, "CREATE TEMP VIEW cat AS SELECT id, code FROM category WHERE agency_id = 2;"
	    "INSERT INTO item (agency_id, index_no, title, category_id, written_date, validity,"
	    " state, created_at, updated_at, due_date, published_at) VALUES"
	    " (2, 'i1', 'i1', (SELECT id FROM cat WHERE code = 'gzdt'), '2024-05-01', '有效',"
	    "  'published', '2024-05-01', 'x', '2024-05-06', '2024-05-05T09:00:00+08:00'),"
	    " (2, 'i2', 'i2', (SELECT id FROM cat WHERE code = 'jgzn'), '2025-01-02', '有效',"
	    "  'published', '2025-01-02', 'x', '2025-02-10', '2025-01-03T09:00:00+08:00'),"
	    " (2, 'i3', 'i3', (SELECT id FROM cat WHERE code = 'gzdt'), '2025-03-01', '有效',"
	    "  'published', '2025-03-01', 'x', '2025-03-06', '2025-03-05T09:00:00+08:00'),"
	    " (2, 'i4', 'i4', (SELECT id FROM cat WHERE code = 'gzdt'), '2025-04-07', '有效',"
	    "  'published', '2025-04-07', 'x', '2025-04-10', '2025-04-09T09:00:00+08:00');"
	    "INSERT INTO application (agency_id, code, channel, applicant_type, applicant_name,"
	    " request, received_date, state, outcome, closed_date, created_at, updated_at) VALUES"
	    " (2, 'a1', 'online', 'natural', 'x', 'x', '2024-06-01', 'closed', 'open', '2024-06-10', 'x', 'x'),"
	    " (2, 'a2', 'online', 'natural', 'x', 'x', '2025-03-01', 'closed', 'open', '2025-03-10', 'x', 'x'),"
	    " (2, 'a3', 'online', 'business', 'x', 'x', '2025-04-01', 'closed', 'partial', '2025-04-20', 'x', 'x');");
	fig(2025, "license");
	fig(2025, "penalty");
	fig(2025, "coercion");
	fig(2025, "admin_fee");
	gk_test_admin_user(F.db, &F.o1, F.ag, "o1", WF_ROLE_OFFICER, "盐边县商务局");
	gk_test_admin_user(F.db, &F.d1, F.ag, "d1", WF_ROLE_DRAFTER, "盐边县商务局");
	gk_test_admin_user(F.db, &F.o2, F.ag2, "o2", WF_ROLE_OFFICER, "盐边县财政局");
	gk_test_admin_user(F.db, &F.gov1, F.gov, "gov1", WF_ROLE_OFFICE, "盐边县人民政府");
	gk_test_web_ctx(&F.ctx, &F.site, F.db, NULL, NOW);
	gk_strlcpy_utf8(F.site.name, "测试平台", sizeof(F.site.name));
	gk_strlcpy_utf8(F.site.host, "https://gk.example.gov.cn", sizeof(F.site.host));
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gk_test_db_remove(F.db, F.dir);
	return 0;
}

/*
 * One request to the area as user u: method, path, args (name, value
 * pairs ending with NULL; may be NULL). Checks the status; returns the
 * body ("" if none). resp must be initialised; it is cleared first.
 */
static const char *
rq(const struct gk_admin_user *u, const char *method, const char *path,
    const char *const *args, int status, struct gk_web_resp *resp)
{
	if (gk_test_admin(gk_admin_report, &F.ctx, u, resp, method, path, args, NULL, 0) !=
	    GK_OK)
		fail_msg("%s %s: no screen answered", method, path);
	if (resp->status != status)
		fail_msg("%s %s: status %d, expected %d\n%s", method, path, resp->status, status,
		    gk_test_body(resp));
	return gk_test_body(resp);
}

#define HAS(b, s)	gk_test_has((b), (s))
#define LACKS(b, s)	gk_test_lacks((b), (s))

static int64_t
audits(void)
{
	int64_t	n = 0;
	char	err[256];

	assert_int_equal(gk_audit_count(F.db, &n, err, sizeof(err)), GK_OK);
	return n;
}

/* The <article> of a page (the report element), copied. */
static char *
article(const char *b)
{
	const char	*s = strstr(b, "<article"), *e;
	char		*out;

	assert_non_null(s);
	e = strstr(s, "</article>");
	assert_non_null(e);
	out = strndup(s, (size_t)(e - s));
	assert_non_null(out);
	return out;
}

static const char OVERVIEW[] = "本年培训 {{trainings.count}} 次，参训 {{trainings.attendees}} 人次、"
    "{{trainings.hours}} 学时；收到投诉 {{ complaints.count }} 件，已办结 {{complaints.closed}} 件。"
    "主动公开 {{items.total}} 条，新收申请 {{apply.new}} 件。";

static void
texts(const char *overview, const char *problems, int status, int changed)
{
	struct gk_web_resp	 r;
	const char		*args[] = { "overview", overview, "problems", problems, "other",
				    "本年度{{fees.statement}}。", NULL };

	gk_web_resp_init(&r);
	rq(&F.o1, "POST", "/admin/report/2025/text", args, status, &r);
	if (status == 303)
		assert_string_equal(r.location, changed ? "/admin/report/2025?saved=1#check" :
		    "/admin/report/2025?saved=0#check");
	gk_web_resp_clear(&r);
}

static void
test_narrative_preview(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	const char		*t1[] = { "date", "2025-03-18", "topic", "条例专题培训", "attendees", "30",
				    "hours", "2.5", NULL };
	const char		*t2[] = { "date", "2025-11-02", "topic", "业务培训", "attendees", "20",
				    "hours", "3", NULL };
	const char		*c1[] = { "date", "2025-02-01", "about", "栏目更新不及时", NULL };
	const char		*cl[] = { "closed", "2025-02-20", "feedback", "已整改", NULL };
	char			 path[64];
	int64_t			 cid;

	(void)state;
	gk_web_resp_init(&r);
	rq(&F.o1, "POST", "/admin/trainings/new", t1, 303, &r);
	rq(&F.o1, "POST", "/admin/trainings/new", t2, 303, &r);
	rq(&F.o1, "POST", "/admin/complaints/new", c1, 303, &r);
	cid = gk_test_int(F.db, "SELECT id FROM complaint");
	assert_string_equal(r.location, "/admin/complaints?saved=1");
	snprintf(path, sizeof(path), "/admin/complaints/%lld/close", (long long)cid);
	rq(&F.o1, "POST", path, cl, 303, &r);
	texts(OVERVIEW, "无。", 303, 1);

	b = rq(&F.o1, "GET", "/admin/report/2025", NULL, 200, &r);
	HAS(b, "<h1>盐边县商务局2025年政府信息公开工作年度报告</h1>");
	/* The preview shows the values (and the textarea the placeholders). */
	HAS(b, "本年培训 2 次，参训 50 人次、5.5 学时；收到投诉 1 件，已办结 1 件。主动公开 3 条，"
	    "新收申请 2 件。");
	HAS(b, "<textarea id=\"f-overview\" name=\"overview\" rows=\"12\" cols=\"80\">本年培训 {{trainings.count}} 次");
	/* The placeholders beside the editor, with their current values. */
	HAS(b, "<tr><th scope=\"row\"><code>{{trainings.hours}}</code></th><td>");
	HAS(b, "<output>5.5</output>");
	HAS(b, "<code>{{apply.new.business}}</code>");
	HAS(b, "<code>{{category.工作动态}}</code>");
	HAS(b, "<code>{{figure.license}}</code>");
	HAS(b, "<code>{{timeliness.rate}}</code>");
	/* The check: every rule of report_check passed. */
	HAS(b, "检查通过：没有阻止发布的问题");
	HAS(b, "<tr class=\"pass\" id=\"rule-S3-BALANCE\"><th scope=\"row\">S3-BALANCE</th>");
	LACKS(b, "class=\"fail\"");
	/* The same preview as the portal: table 三 row 一 with 自然人 1, 商业企业 1. */
	HAS(b, "<table class=\"gk-s3\">");
	HAS(b, "<title id=\"c-applicant-t\">2025年新收政府信息公开申请（按申请人类型）</title>");
	HAS(b, "<desc id=\"c-applicant-d\">自然人：1；商业企业：1；科研机构：0；");
	HAS(b, "<desc id=\"c-years-d\">主动公开信息（条）：2024年 1，2025年 3。新收申请（件）：2024年 1，2025年 2</desc>");
	HAS(b, "<form method=\"post\" action=\"/admin/report/2025/publish\">");
	HAS(b, "<input type=\"hidden\" name=\"csrf\" value=\"" GK_TEST_CSRF "\">");
	HAS(b, "<a href=\"/admin/report/2025.docx\">");

	/* A bad placeholder: saved (it is text), then the check shows it and fails. */
	texts(OVERVIEW, "{{nosuch}} 与 {{figure.trainings}}", 303, 1);
	b = rq(&F.o1, "GET", "/admin/report/2025", NULL, 200, &r);
	HAS(b, "检查未通过：2 项问题阻止发布。");
	HAS(b, "<th scope=\"row\">gen.placeholder</th><td>不符</td>");
	HAS(b, "未知的占位符 {{nosuch}}");
	HAS(b, "占位符 {{figure.trainings}} 没有数值：未录入 figure trainings");
	/* Unchanged text: nothing written. */
	{
		int64_t n0 = audits();

		texts(OVERVIEW, "{{nosuch}} 与 {{figure.trainings}}", 303, 0);
		assert_int_equal(audits(), n0);
	}
	gk_web_resp_clear(&r);
}

static void
test_publish_refused(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	int64_t			 n0;

	(void)state;
	gk_web_resp_init(&r);
	/* 2024: no figures, no texts: blank cells → refused with the failures listed. */
	n0 = audits();
	b = rq(&F.o1, "POST", "/admin/report/2024/publish", NULL, 409, &r);
	HAS(b, "<div class=\"alert\" role=\"alert\"><p><strong>报告有 ");
	HAS(b, "项问题，不能发布</strong></p>");
	HAS(b, "未录入 license（");
	HAS(b, "（gen.figure）</li>");
	HAS(b, "（gen.text）</li>");
	HAS(b, "<tr class=\"fail\" id=\"rule-CELL-BLANK\">");
	HAS(b, "<a href=\"/admin/figures\">第二十条数据</a>");
	HAS(b, "<a href=\"#editor\">报告正文</a>");
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM report_snapshot"), 0);
	assert_int_equal(audits(), n0);
	/* 2025 with a placeholder failing: the same. */
	texts(OVERVIEW, "{{nosuch}}", 303, 1);
	n0 = audits();
	b = rq(&F.o1, "POST", "/admin/report/2025/publish", NULL, 409, &r);
	HAS(b, "报告有 1 项问题，不能发布");
	HAS(b, "未知的占位符 {{nosuch}}");
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM report_snapshot"), 0);
	assert_int_equal(audits(), n0);
	/* A drafter may not publish, a GET is not a publication. */
	rq(&F.d1, "POST", "/admin/report/2025/publish", NULL, 403, &r);
	rq(&F.o1, "GET", "/admin/report/2025/publish", NULL, 404, &r);
	gk_web_resp_clear(&r);
}

static void
test_publish_ok(void **state)
{
	struct gk_web_resp	 r, p;
	const char		*b;
	char			*pa, *pb;
	const char		*none[] = { NULL };

	(void)state;
	gk_web_resp_init(&r);
	gk_web_resp_init(&p);
	texts(OVERVIEW, "无。", 303, 1);
	pa = article(rq(&F.o1, "GET", "/admin/report/2025", NULL, 200, &r));
	rq(&F.o1, "POST", "/admin/report/2025/publish", NULL, 303, &r);
	assert_string_equal(r.location, "/admin/report/2025?published=1");
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM report_snapshot WHERE agency_id = 2"
	    " AND year = 2025 AND version = 1 AND actor = 'o1'"), 1);
	b = rq(&F.o1, "GET", "/admin/report/2025", (const char *[]){ "published", "1",
	    NULL }, 200, &r);
	HAS(b, "报告已发布（第 1 版），已在门户网站公开。");
	HAS(b, "<li>已发布：第 1 版，2026-01-20，发布人 o1");
	/* The portal shows it, with the same report element as the preview. */
	assert_int_equal(gk_test_web(&F.ctx, &p, "GET", "/agency/2/reports/2025", "127.0.0.1", none,
	    NULL), GK_OK);
	assert_int_equal(p.status, 200);
	HAS(p.body.data, "本年培训 0 次，参训 0 人次、0 学时；收到投诉 0 件");
	pb = article(p.body.data);
	assert_string_equal(pa, pb);
	free(pa);
	free(pb);
	/* 政务公开办 sees it published among its agencies. */
	b = rq(&F.gov1, "GET", "/admin/report", NULL, 200, &r);
	HAS(b, "盐边县商务局 2025年度报告</a>：已发布（第 1 版，2026-01-20）</li>");
	/* Publishing the same report again is refused. */
	b = rq(&F.o1, "POST", "/admin/report/2025/publish", NULL, 409, &r);
	HAS(b, "与已发布的第 1 版相同，无需重新发布");
	gk_web_resp_clear(&r);
	gk_web_resp_clear(&p);
}

static void
test_trainings_crud(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	const char		*bad[] = { "date", "2025-13-01", "topic", "", "attendees", "3.5",
				    "hours", "2.55", NULL };
	const char		*fut[] = { "date", "2026-01-21", "topic", "x", "attendees", "1",
				    "hours", "1", NULL };
	const char		*big[] = { "date", "2025-05-05", "topic", "x", "attendees", "100001",
				    "hours", "1", NULL };
	const char		*ok[] = { "date", "2025-05-05", "topic", "条例培训", "attendees", "12",
				    "hours", "1.5", NULL };
	const char		*ed[] = { "date", "2025-05-06", "topic", "条例培训（更正）", "attendees",
				    "13", "hours", "2", NULL };
	char			 path[64];
	int64_t			 n0, id;

	(void)state;
	gk_web_resp_init(&r);
	b = rq(&F.o1, "GET", "/admin/trainings/new", NULL, 200, &r);
	HAS(b, "<label for=\"f-date\">培训日期</label>");
	HAS(b, "<input type=\"hidden\" name=\"csrf\" value=\"" GK_TEST_CSRF "\">");
	n0 = audits();
	b = rq(&F.o1, "POST", "/admin/trainings/new", bad, 400, &r);
	HAS(b, "<p class=\"field-error\" id=\"f-date-err\"><strong>错误：</strong>日期格式应为 YYYY-MM-DD");
	HAS(b, "<p class=\"field-error\" id=\"f-topic-err\"><strong>错误：</strong>请填写培训主题</p>");
	HAS(b, "<p class=\"field-error\" id=\"f-attendees-err\"><strong>错误：</strong>参训人数须为正整数</p>");
	HAS(b, "id=\"f-hours-err\"><strong>错误：</strong>学时须为 0.1 至 1000 之间的数，最多一位小数</p>");
	HAS(b, "value=\"2025-13-01\" required aria-invalid=\"true\" aria-describedby=\"f-date-err\"");
	b = rq(&F.o1, "POST", "/admin/trainings/new", fut, 400, &r);
	HAS(b, "id=\"f-date-err\"><strong>错误：</strong>培训日期不能晚于今天（2026-01-20）</p>");
	b = rq(&F.o1, "POST", "/admin/trainings/new", big, 400, &r);
	HAS(b, "id=\"f-attendees-err\"><strong>错误：</strong>参训人数须为 1 至 100000 的整数</p>");
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM training"), 0);
	assert_int_equal(audits(), n0);

	rq(&F.o1, "POST", "/admin/trainings/new", ok, 303, &r);
	id = gk_test_int(F.db, "SELECT id FROM training");
	b = rq(&F.o1, "GET", "/admin/trainings", NULL, 200, &r);
	HAS(b, "<tr><td>2025-05-05</td><th scope=\"row\">条例培训</th><td>12</td><td>1.5</td>");
	HAS(b, "合计 1 次</th><td>12</td><td>1.5</td>");
	snprintf(path, sizeof(path), "/admin/trainings/%lld", (long long)id);
	b = rq(&F.o1, "GET", path, NULL, 200, &r);
	HAS(b, "value=\"条例培训\"");
	HAS(b, "value=\"1.5\"");
	rq(&F.o1, "POST", path, ed, 303, &r);
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM training WHERE topic = '条例培训（更正）'"
	    " AND held_date = '2025-05-06' AND attendees = 13 AND hours10 = 20"), 1);
	assert_int_equal(audits(), n0 + 2);
	/* Year filter: 2024 has none; a malformed year is 400. */
	b = rq(&F.o1, "GET", "/admin/trainings", (const char *[]){ "year", "2024", NULL }, 200, &r);
	HAS(b, "暂无记录");
	rq(&F.o1, "GET", "/admin/trainings", (const char *[]){ "year", "20x4", NULL }, 400, &r);
	/* A drafter reads nothing to change. */
	rq(&F.d1, "GET", "/admin/trainings/new", NULL, 403, &r);
	rq(&F.d1, "POST", path, ed, 403, &r);
	rq(&F.o1, "GET", "/admin/trainings/0", NULL, 404, &r);
	rq(&F.o1, "GET", "/admin/trainings/99", NULL, 404, &r);
	rq(&F.o1, "GET", "/admin/trainings/1x", NULL, 404, &r);
	gk_web_resp_clear(&r);
}

static void
test_complaints(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	const char		*add[] = { "date", "2025-03-01", "about", "未按时答复\n第二行", NULL };
	const char		*bad[] = { "date", "", "about", "", NULL };
	const char		*early[] = { "closed", "2025-02-28", "feedback", "已整改", NULL };
	const char		*nofb[] = { "closed", "2025-03-05", "feedback", "", NULL };
	const char		*ok[] = { "closed", "2025-03-05", "feedback", "已整改并答复", NULL };
	const char		*ed[] = { "date", "2025-03-02", "about", "改", NULL };
	char			 path[64], cpath[80];
	int64_t			 id, n0;

	(void)state;
	gk_web_resp_init(&r);
	b = rq(&F.o1, "POST", "/admin/complaints/new", bad, 400, &r);
	HAS(b, "id=\"f-date-err\"><strong>错误：</strong>请填写日期（格式 YYYY-MM-DD）</p>");
	HAS(b, "id=\"f-about-err\"><strong>错误：</strong>请填写投诉事项</p>");
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM complaint"), 0);
	rq(&F.o1, "POST", "/admin/complaints/new", add, 303, &r);
	id = gk_test_int(F.db, "SELECT id FROM complaint");
	snprintf(path, sizeof(path), "/admin/complaints/%lld", (long long)id);
	snprintf(cpath, sizeof(cpath), "/admin/complaints/%lld/close", (long long)id);
	b = rq(&F.o1, "GET", path, NULL, 200, &r);
	HAS(b, ">未按时答复\n第二行</textarea>");
	HAS(b, "<h2 id=\"h-close\">整改反馈并办结</h2>");
	n0 = audits();
	b = rq(&F.o1, "POST", cpath, early, 400, &r);
	HAS(b, "id=\"f-closed-err\"><strong>错误：</strong>办结日期 2025-02-28 早于收到日期 2025-03-01</p>");
	HAS(b, "value=\"2025-02-28\"");
	b = rq(&F.o1, "POST", cpath, nofb, 400, &r);
	HAS(b, "id=\"f-feedback-err\"><strong>错误：</strong>请填写整改反馈</p>");
	assert_int_equal(audits(), n0);
	rq(&F.o1, "POST", path, ed, 303, &r);
	rq(&F.o1, "POST", cpath, ok, 303, &r);
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM complaint WHERE about = '改' AND"
	    " closed_date = '2025-03-05' AND feedback = '已整改并答复'"), 1);
	assert_int_equal(audits(), n0 + 2);
	/* Closed: final. */
	b = rq(&F.o1, "POST", cpath, ok, 409, &r);
	HAS(b, "已于 2025-03-05 办结，不能再修改");
	rq(&F.o1, "POST", path, ed, 409, &r);
	rq(&F.o1, "GET", cpath, NULL, 405, &r);
	b = rq(&F.o1, "GET", path, NULL, 200, &r);
	HAS(b, "<dt>整改反馈</dt><dd>已整改并答复</dd>");
	LACKS(b, "<form method=\"post\" action=\"/admin/complaints");
	b = rq(&F.o1, "GET", "/admin/complaints", NULL, 200, &r);
	HAS(b, "<td>已办结（2025-03-05）</td><td>已整改并答复</td>");
	HAS(b, "共 1 件，其中办理中 0 件。");
	assert_int_equal(audits(), n0 + 2);
	gk_web_resp_clear(&r);
}

static void
test_other_agency_and_roles(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	const char		*ok[] = { "date", "2025-05-05", "topic", "t", "attendees", "1", "hours",
				    "1", NULL };
	const char		*c1[] = { "date", "2025-03-01", "about", "x", NULL };
	const char		*cl[] = { "closed", "2025-03-05", "feedback", "y", NULL };
	char			 tp[64], cp[64], cc[80];
	int64_t			 n0;

	(void)state;
	gk_web_resp_init(&r);
	rq(&F.o1, "POST", "/admin/trainings/new", ok, 303, &r);
	rq(&F.o1, "POST", "/admin/complaints/new", c1, 303, &r);
	snprintf(tp, sizeof(tp), "/admin/trainings/%lld",
	    (long long)gk_test_int(F.db, "SELECT id FROM training"));
	snprintf(cp, sizeof(cp), "/admin/complaints/%lld",
	    (long long)gk_test_int(F.db, "SELECT id FROM complaint"));
	snprintf(cc, sizeof(cc), "%s/close", cp);
	n0 = audits();
	/* Another agency's officer: 404 for every record, its lists without them. */
	rq(&F.o2, "GET", tp, NULL, 404, &r);
	rq(&F.o2, "POST", tp, ok, 404, &r);
	rq(&F.o2, "GET", cp, NULL, 404, &r);
	rq(&F.o2, "POST", cp, c1, 404, &r);
	rq(&F.o2, "POST", cc, cl, 404, &r);
	b = rq(&F.o2, "GET", "/admin/trainings", NULL, 200, &r);
	HAS(b, "暂无记录");
	rq(&F.o2, "GET", "/admin/report/2025", (const char *[]){ "agency", "2", NULL }, 404, &r);
	rq(&F.o2, "GET", "/admin/report/2025.txt", (const char *[]){ "agency", "2", NULL }, 404, &r);
	rq(&F.o2, "GET", "/admin/report/2025", (const char *[]){ "view", "government", NULL }, 404, &r);
	assert_int_equal(audits(), n0);
	/* Bad years and agencies. */
	rq(&F.o1, "GET", "/admin/report/2018", NULL, 404, &r);
	rq(&F.o1, "GET", "/admin/report/2027", NULL, 404, &r);
	rq(&F.o1, "GET", "/admin/report/20255", NULL, 404, &r);
	rq(&F.o1, "GET", "/admin/report/abcd", NULL, 404, &r);
	rq(&F.o1, "GET", "/admin/report/2025", (const char *[]){ "agency", "999", NULL }, 404, &r);
	rq(&F.o1, "GET", "/admin/report/2025", (const char *[]){ "agency", "-1", NULL }, 404, &r);
	rq(&F.o1, "GET", "/admin/report/2025.exe", NULL, 404, &r);
	rq(&F.o1, "POST", "/admin/report", NULL, 405, &r);
	assert_int_equal(gk_admin_report(&F.ctx, &(struct gk_web_req){ .method = "GET",
	    .path = "/admin/reports" }, &F.o1, &r, (char[64]){ 0 }, 64), GK_ENOTFOUND);

	/* 政务公开办: reads its agencies' reports and the government's, changes nothing. */
	b = rq(&F.gov1, "GET", "/admin/report", NULL, 200, &r);
	HAS(b, "<a href=\"/admin/report/2025?view=government\">2025年度政府汇总报告</a>");
	HAS(b, "<a href=\"/admin/report/2025?agency=2\">盐边县商务局 2025年度报告</a>：未发布</li>");
	HAS(b, "<a href=\"/admin/report/2025?agency=3\">盐边县财政局 2025年度报告</a>：未发布</li>");
	b = rq(&F.gov1, "GET", "/admin/report/2025", (const char *[]){ "agency", "2", NULL }, 200, &r);
	HAS(b, "<h1>盐边县商务局2025年政府信息公开工作年度报告</h1>");
	LACKS(b, "<form method=\"post\" action=\"/admin/report");
	LACKS(b, "<textarea");
	HAS(b, "<a href=\"/admin/report/2025.docx?agency=2\">");
	b = rq(&F.gov1, "GET", "/admin/report/2025", (const char *[]){ "view", "government", NULL },
	    200, &r);
	HAS(b, "<h1>盐边县人民政府2025年政府信息公开工作年度报告（汇总）</h1>");
	HAS(b, "<li>发布期限（条例第四十九条）：2026-03-31 前</li>");
	HAS(b, "不附图表");
	LACKS(b, "c-years-t");
	LACKS(b, "<form method=\"post\" action=\"/admin/report");
	rq(&F.gov1, "POST", "/admin/report/2025/publish", (const char *[]){ "agency", "2", NULL },
	    403, &r);
	rq(&F.gov1, "POST", "/admin/report/2025/text", (const char *[]){ "agency", "2", "overview",
	    "x", NULL }, 403, &r);
	/* A drafter reads its own report without the editor or publishing. */
	b = rq(&F.d1, "GET", "/admin/report/2025", NULL, 200, &r);
	LACKS(b, "<textarea");
	LACKS(b, "/publish");
	rq(&F.d1, "POST", "/admin/report/2025/text", (const char *[]){ "overview", "x", NULL }, 403,
	    &r);
	assert_int_equal(audits(), n0);
	gk_web_resp_clear(&r);
}

static void
test_injection(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	const char		*t[] = { "date", "2025-05-05", "topic", HOSTILE, "attendees", "1",
				    "hours", "1", NULL };
	const char		*c[] = { "date", "2025-05-05", "about", HOSTILE, NULL };
	const char		*tb[] = { "date", HOSTILE, "topic", HOSTILE, "attendees", HOSTILE,
				    "hours", HOSTILE, NULL };
	const char		*cb[] = { "date", HOSTILE, "about", HOSTILE, NULL };
	char			 path[64];

	(void)state;
	gk_web_resp_init(&r);
	/* Every field hostile: refused, echoed escaped. */
	b = rq(&F.o1, "POST", "/admin/trainings/new", tb, 400, &r);
	LACKS(b, "<script>");
	LACKS(b, "<img src=x");
	HAS(b, "value=\"&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;&lt;img");
	b = rq(&F.o1, "POST", "/admin/complaints/new", cb, 400, &r);
	LACKS(b, "<script>");
	/* Stored hostile text renders inert everywhere. */
	rq(&F.o1, "POST", "/admin/trainings/new", t, 303, &r);
	rq(&F.o1, "POST", "/admin/complaints/new", c, 303, &r);
	b = rq(&F.o1, "GET", "/admin/trainings", NULL, 200, &r);
	LACKS(b, "<script>");
	HAS(b, "&lt;script&gt;alert(1)&lt;/script&gt;");
	b = rq(&F.o1, "GET", "/admin/complaints", NULL, 200, &r);
	LACKS(b, "<script>");
	LACKS(b, "<img src=x");
	snprintf(path, sizeof(path), "/admin/complaints/%lld",
	    (long long)gk_test_int(F.db, "SELECT id FROM complaint"));
	b = rq(&F.o1, "GET", path, NULL, 200, &r);
	LACKS(b, "<script>");
	/* A control character (JSON could carry it, the portal would refuse it): nothing saved. */
	{
		int64_t n0 = audits();

		b = rq(&F.o1, "POST", "/admin/report/2025/text", (const char *[]){ "overview", "好",
		    "problems", "响\a铃", NULL }, 400, &r);
		HAS(b, "id=\"f-problems-err\"><strong>错误：</strong>文本须为有效的 UTF-8 文字");
		LACKS(b, "\a");
		assert_int_equal(audits(), n0);
		assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM report_text"), 0);
	}
	texts(HOSTILE "{{" HOSTILE "}}", HOSTILE, 303, 1);
	b = rq(&F.o1, "GET", "/admin/report/2025", NULL, 200, &r);
	LACKS(b, "<script>");
	LACKS(b, "<img src=x");
	HAS(b, "&lt;script&gt;");
	/* Hostile query values: 404, not reflected. */
	b = rq(&F.o1, "GET", "/admin/report/2025", (const char *[]){ "agency", HOSTILE, NULL }, 404,
	    &r);
	LACKS(b, "<script>");
	b = rq(&F.o1, "GET", "/admin/report/2025", (const char *[]){ "published", HOSTILE, "saved",
	    HOSTILE, NULL }, 200, &r);
	LACKS(b, "<script>");
	rq(&F.o1, "GET", "/admin/trainings", (const char *[]){ "year", HOSTILE, NULL }, 400, &r);
	gk_web_resp_clear(&r);
}

/*
 * The government's aggregate: the 政务公开办's own training counts in its
 * narrative without making the government a summed agency (its missing
 * figures would blank the tables).
 */
static void
test_government_trainings(void **state)
{
	struct gk_web_resp	 r;
	struct gk_report	 rep;
	struct gk_findings	 fs;
	size_t			 nsummed = 0;
	const char		*t[] = { "date", "2025-05-05", "topic", "全县培训", "attendees", "80",
				    "hours", "3", NULL };
	const char		*ov = "全县培训 {{trainings.count}} 次、{{trainings.attendees}} 人次。";
	char			 err[512];

	(void)state;
	gk_web_resp_init(&r);
	rq(&F.gov1, "POST", "/admin/trainings/new", t, 303, &r);
	t[5] = "20";
	rq(&F.o1, "POST", "/admin/trainings/new", t, 303, &r);
	assert_int_equal(gk_report_text_set(F.db, "admin", F.gov, 2025, GK_NARR_OVERVIEW, ov,
	    strlen(ov), NOW, err, sizeof(err)), GK_OK);
	gk_findings_init(&fs);
	assert_int_equal(gk_report_build_government(F.db, F.gov, 2025, &rep, &nsummed, &fs, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(nsummed, 2);
	assert_non_null(rep.narr[GK_NARR_OVERVIEW]);
	assert_string_equal(rep.narr[GK_NARR_OVERVIEW], "全县培训 2 次、100 人次。");
	gk_report_clear(&rep);
	gk_findings_clear(&fs);
	gk_web_resp_clear(&r);
}

static void
test_downloads(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;

	(void)state;
	gk_web_resp_init(&r);
	texts(OVERVIEW, "无。", 303, 1);
	b = rq(&F.o1, "GET", "/admin/report/2025.txt", NULL, 200, &r);
	assert_string_equal(r.content_type, "text/plain; charset=utf-8");
	HAS(b, "盐边县商务局\n\n2025 年政府信息公开工作年度报告");
	HAS(b, "本年培训 0 次");
	assert_string_equal(r.disposition, "attachment; filename=\"report-2-2025.txt\"");
	b = rq(&F.o1, "GET", "/admin/report/2025.json", NULL, 200, &r);
	HAS(b, "\"gongkai.report/1\"");
	rq(&F.o1, "GET", "/admin/report/2025.docx", NULL, 200, &r);
	assert_true(r.body.len > 4 && memcmp(r.body.data, "PK", 2) == 0);
	b = rq(&F.gov1, "GET", "/admin/report/2025.txt", (const char *[]){ "view", "government",
	    NULL }, 200, &r);
	HAS(b, "盐边县人民政府");
	assert_string_equal(r.disposition, "attachment; filename=\"report-1-2025-government.txt\"");
	gk_web_resp_clear(&r);
}

/* Every allocation of a page and of a POST made to fail in turn: an error or a page, nothing half-written. */
static void
test_alloc_failures(void **state)
{
	static const char *const paths[] = { "/admin/report/2025", "/admin/report", "/admin/trainings",
	    "/admin/complaints", "/admin/report/2025.txt" };
	struct gk_web_arg	 a[4] = { { "date", "2025-03-18" }, { "topic", "培训" },
				    { "attendees", "3" }, { "hours", "1.5" } };
	struct gk_web_req	 req;
	struct gk_web_resp	 r;
	char			 err[512];
	size_t			 i;
	long			 n;
	enum gk_err		 e;

	(void)state;
	texts(OVERVIEW, "无。", 303, 1);
	gk_web_resp_init(&r);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++)
		for (n = 0; ; n++) {
			memset(&req, 0, sizeof(req));
			req.method = "GET";
			req.path = paths[i];
			gk_web_resp_clear(&r);
			gk_mem_fail_after(n);
			e = gk_admin_report(&F.ctx, &req, &F.o1, &r, err, sizeof(err));
			gk_mem_fail_reset();
			if (e == GK_OK && r.status == 200)
				break;
			assert_true(e != GK_OK);
			assert_true(n < 1000000);
		}
	for (n = 0; ; n++) {
		memset(&req, 0, sizeof(req));
		req.method = "POST";
		req.path = "/admin/trainings/new";
		req.args = a;
		req.nargs = 4;
		gk_web_resp_clear(&r);
		gk_mem_fail_after(n);
		e = gk_admin_report(&F.ctx, &req, &F.o1, &r, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK && r.status == 303)
			break;
		assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM training"), 0);
		assert_true(n < 100000);
	}
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM training"), 1);
	gk_web_resp_clear(&r);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
	cmocka_unit_test_setup_teardown(test_narrative_preview, setup, teardown),
	cmocka_unit_test_setup_teardown(test_publish_refused, setup, teardown),
	cmocka_unit_test_setup_teardown(test_publish_ok, setup, teardown),
	cmocka_unit_test_setup_teardown(test_trainings_crud, setup, teardown),
	cmocka_unit_test_setup_teardown(test_complaints, setup, teardown),
	cmocka_unit_test_setup_teardown(test_other_agency_and_roles, setup, teardown),
	cmocka_unit_test_setup_teardown(test_injection, setup, teardown),
	cmocka_unit_test_setup_teardown(test_downloads, setup, teardown),
	cmocka_unit_test_setup_teardown(test_government_trainings, setup, teardown),
};

GK_TEST_MAIN("admin_report", tests)
