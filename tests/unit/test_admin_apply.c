/*
 * test_admin_apply.c — the back office's application screens
 * (web/admin_apply*.c) called directly with fabricated users, without the
 * gate: an application taken in → 补正 requested → corrected → answered
 * 部分公开 with an edited letter (every version kept, the sent one frozen)
 * → the public tracking page shows the state and outcome and nothing
 * personal → the report counts it in table 三's 部分公开 cell of the
 * 商业企业 column; illegal steps 409 with nothing written; another
 * agency's records 404; injection strings in every field rendered inert;
 * cases, 第二十条 figures (form and CSV paste) and consultations.
 *
 * Dates by hand from data/cn-holidays.tsv (as test_application.c):
 * received Mon 2025-03-03 → due 03-31 (20 WD); at today 03-12 the working
 * days after 03-12 up to 03-31 are 13-14 (2), 17-21 (7), 24-28 (12), 31
 * (13) → 13 left. Corrected Mon 03-10 → restart, due 04-08; at 03-12:
 * 13-14 (2), 17-21 (7), 24-28 (12), 03-31..04-03 (16), 04-07 (17), 04-08
 * (18) → 18 left. A consultation asked 03-03 and answered 03-05 took 2
 * working days (04, 05).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/report.h"
#include "core/report_check.h"
#include "core/report_gen.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/consultation.h"
#include "store/db.h"
#include "store/item.h"
#include "store/letter_store.h"
#include "store/report_data.h"
#include "web/admin.h"
#include "web/web.h"

#define NOW	"2025-03-12T10:00:00+08:00"
#define PHONE	"13812345678"
#define INJ	"<script>alert(1)</script>\"'><img src=x onerror=alert(2)>"

static struct gk_test_area	 A;
static struct gk_admin_user	 officer, drafter, other;

static int
setup(void **state)
{
	char err[512];

	*state = &A;
	gk_test_area_open(&A, "admin-apply", "2025-01-02T09:00:00+08:00", NOW);
	assert_int_equal(gk_agency_setting_set(A.s.db, "admin", A.s.ag, GK_APPLY_SETTING_REVIEW_BODY,
	    "盐边县人民政府", "2025-01-02T09:00:00+08:00", err, sizeof(err)), GK_OK);
	gk_test_admin_user(A.s.db, &officer, A.s.ag, "officer1", WF_ROLE_OFFICER, NULL);
	gk_test_admin_user(A.s.db, &drafter, A.s.ag, "drafter1", WF_ROLE_DRAFTER, NULL);
	gk_test_admin_user(A.s.db, &other, A.s.ag2, "officer2", WF_ROLE_OFFICER, NULL);
	return 0;
}

#define body()		gk_test_body(&A.resp)
#define has(s)		gk_test_has(body(), (s))
#define lacks(s)	gk_test_lacks(body(), (s))

static const struct gk_web_file *upload;	/* the file part of the next call, or NULL */

/* One request to the area's handler; kv: name, value pairs ending with NULL. */
static int
call(const struct gk_admin_user *u, const char *method, const char *path,
    const char *const *kv)
{
	const char *m, *x;

	if (gk_test_admin(gk_admin_apply, &A.ctx, u, &A.resp, method, path, kv, upload,
	    upload != NULL ? 1 : 0) != GK_OK)
		fail_msg("%s %s: no screen answered", method, path);
	/* our own attribute markup never goes through the escaping %s */
	m = strstr(body(), "<main");
	/* in our part of the page (the frame is the gate's) */
	x = strstr(m != NULL ? m : body(), "=&quot;");
	if (x != NULL)
		fail_msg("%s %s: escaped attribute markup: %.80s", method, path,
		    x - body() > 60 ? x - 60 : body());
	return A.resp.status;
}

static int64_t
q(const char *sql)
{
	return gk_test_int(A.s.db, sql);
}

/* The application's id from a 303 to /admin/applications/{id}. */
static int64_t
created_id(void)
{
	const char *p = "/admin/applications/";

	assert_int_equal(A.resp.status, 303);
	assert_true(strncmp(A.resp.location, p, strlen(p)) == 0);
	return strtoll(A.resp.location + strlen(p), NULL, 10);
}

#define INTAKE(name, type) \
	"channel", "in_person", "type", type, "name", name, "idno", "", \
	"phone", PHONE, "email", "buyer@example.com", "address", "盐边县桐子林镇商贸路8号", \
	"request", "2025年招商引资项目清单及兑现情况", "delivery", "电子邮件", \
	"received", "2025-03-03"

static int64_t
intake(const char *name, const char *type)
{
	const char *kv[] = { INTAKE(name, type), NULL };

	assert_int_equal(call(&officer, "POST", "/admin/applications/new", kv), 303);
	return created_id();
}

static void
path_of(char *buf, size_t n, int64_t id, const char *rest)
{
	snprintf(buf, n, "/admin/applications/%lld%s%s", (long long)id, rest[0] ? "/" : "", rest);
}

/* A POST of the application's step rest (path_of) as u; returns the status. */
static int
step(const struct gk_admin_user *u, int64_t id, const char *rest, const char *const *kv)
{
	char p[128];

	path_of(p, sizeof(p), id, rest);
	return call(u, "POST", p, kv);
}

/* The whole day: intake → 补正 → corrected → 部分公开 with an edited letter → /track → report. */
static void
test_the_day(void **state)
{
	char			 p[128], code[GK_APPLY_CODE_LEN + 1], sql[256], err[512];
	char			 v1[4096];
	int64_t			 id;
	struct gk_gen_counts	 counts;
	struct gk_findings	 fs;
	struct gk_letter_row	 r;

	(void)state;
	/* the intake form */
	assert_int_equal(call(&officer, "GET", "/admin/applications/new", NULL), 200);
	has("<form method=\"post\" action=\"/admin/applications/new\"");
	has("name=\"csrf\" value=\"" GK_TEST_CSRF "\"");
	has("<label for=\"f-name\">姓名或者名称</label>");
	has("邮寄（须签收）");
	id = intake("攀枝花市某某商贸有限公司", "business");
	snprintf(sql, sizeof(sql), "SELECT code FROM application WHERE id = %lld", (long long)id);
	gk_test_text(A.s.db, sql, code, sizeof(code));
	assert_int_equal(q("SELECT count(*) FROM application"), 1);
	/* the screen: clock as counted by hand */
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has(code);
	has("<strong id=\"due\">2025-03-31</strong>");
	has("<dd id=\"days-left\">13</dd>");
	has(PHONE);			/* the officer sees the phone in clear */
	has("收到申请");
	has("id=\"act-correct\"");
	/* the list as XLSX */
	assert_int_equal(call(&officer, "GET", "/admin/applications/export.xlsx", NULL), 200);
	assert_true(A.resp.body.len > 4 && memcmp(A.resp.body.data, "PK", 2) == 0);
	assert_non_null(strstr(A.resp.disposition, "applications.xlsx"));
	assert_int_equal(call(&drafter, "GET", "/admin/applications/export.xlsx", NULL), 200);
	/* a drafter of the agency sees it masked (the store decides) */
	assert_int_equal(call(&drafter, "GET", p, NULL), 200);
	lacks(PHONE);
	has("已按规定遮盖");
	lacks("id=\"act-correct\"");		/* and no forms: the store would refuse them */
	has("您可以查看办理情况");
	/* the list with days left */
	assert_int_equal(call(&officer, "GET", "/admin/applications", NULL), 200);
	has(code);
	has("<td>13</td>");
	{
		const char *kv[] = { "due", "5", NULL };

		assert_int_equal(call(&officer, "GET", "/admin/applications", kv), 200);
		lacks(code);
		has("没有符合条件的申请");
	}
	{
		const char *kv[] = { "due", "13", NULL };

		assert_int_equal(call(&officer, "GET", "/admin/applications", kv), 200);
		has(code);
	}
	/* 补正 requested */
	assert_int_equal(step(&officer, id, "correct", (const char *const[]){
	    "date", "2025-03-05", "until", "2025-03-20", "note",
	    "请写明项目名称", NULL }), 303);
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("<span class=\"state\" id=\"state\">待补正</span>");
	has("补正告知");
	has("请写明项目名称");
	has("id=\"act-corrected\"");
	/* corrected: the clock restarts */
	assert_int_equal(step(&officer, id, "corrected", (const char *const[]){
	    "date", "2025-03-10", "note", "", NULL }), 303);
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("<strong id=\"due\">2025-04-08</strong>");
	has("<dd id=\"days-left\">18</dd>");
	has("不计入期限的期间");
	/* the answer: a draft from the outcome */
	path_of(p, sizeof(p), id, "letter");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("<option value=\"partial\">");
	assert_int_equal(step(&officer, id, "letter/draft", (const char *const[]){
	    "outcome", "partial", "date", "2025-03-12", "part",
	    "2025年招商引资项目清单", "reasons", "兑现金额涉及企业商业秘密",
	    "where", "通过电子邮件发送", "number", "7", NULL }), 303);
	assert_int_equal(q("SELECT count(*) FROM application_letter"), 1);
	assert_int_equal(q("SELECT count(*) FROM application WHERE state = 'closed'"), 0);
	memset(&r, 0, sizeof(r));
	assert_int_equal(gk_letter_get(A.s.db, "officer1", id, 1, &r, err, sizeof(err)), GK_OK);
	assert_true(strncmp(r.body, "政府信息公开申请答复告知书\n", strlen("政府信息公开申请答复告知书\n")) == 0);
	assert_non_null(strstr(r.body, "〔2025〕第7号"));
	assert_non_null(strstr(r.body, "攀枝花市某某商贸有限公司："));
	assert_non_null(strstr(r.body, "2025年招商引资项目清单"));
	assert_null(strstr(r.body, PHONE));
	assert_null(strstr(r.body, "\\"));
	snprintf(v1, sizeof(v1), "%s", r.body);
	gk_letter_row_clear(&r);
	path_of(p, sizeof(p), id, "letter");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("草稿：第 1 版");
	has("<h1>政府信息公开申请答复告知书</h1>");
	has("<p class=\"gk-no\">〔2025〕第7号</p>");
	has("<textarea id=\"l-body\" name=\"body\"");
	/* edited: a new version */
	{
		char edited[8192];
		const char *kv[] = { "body", edited, NULL };

		snprintf(edited, sizeof(edited), "%s\n　　（经办人补充：如需纸质文本请来电。）\n", v1);
		path_of(p, sizeof(p), id, "letter/edit");
		assert_int_equal(call(&officer, "POST", p, kv), 303);
	}
	assert_int_equal(q("SELECT count(*) FROM application_letter"), 2);
	assert_int_equal(q("SELECT count(*) FROM application_letter WHERE version = 2 AND"
	    " instr(body, '经办人补充') > 0"), 1);
	/* sending an old version is refused, nothing written */
	path_of(p, sizeof(p), id, "letter/send");
	{
		const char *kv[] = { "v", "1", NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 409);
		has("不是最新的草稿");
	}
	assert_int_equal(q("SELECT count(*) FROM application WHERE state = 'closed'"), 0);
	{
		const char *kv[] = { "v", "2", NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 303);
	}
	assert_int_equal(q("SELECT count(*) FROM application WHERE state = 'closed' AND"
	    " outcome = 'partial' AND closed_date = '2025-03-12'"), 1);
	assert_int_equal(q("SELECT count(*) FROM application_letter WHERE sent_at IS NOT NULL"), 1);
	assert_int_equal(q("SELECT version FROM application_letter WHERE sent_at IS NOT NULL"), 2);
	assert_int_equal(q("SELECT count(*) FROM audit WHERE action = 'letter_send'"), 1);
	assert_int_equal(q("SELECT count(*) FROM audit WHERE action IN ('letter_draft',"
	    " 'letter_edit')"), 2);
	/* the audit has the hash, never the text with the applicant's name */
	assert_int_equal(q("SELECT count(*) FROM audit WHERE action LIKE 'letter_%' AND"
	    " instr(change, '商贸有限公司') > 0"), 0);
	/* frozen: no edit, no new draft, not even through SQL */
	assert_int_equal(step(&officer, id, "letter/edit", (const char *const[]){
	    "body", "篡改", NULL }), 409);
	assert_int_equal(step(&officer, id, "letter/draft", (const char *const[]){
	    "outcome", "open", "date", "2025-03-12", NULL }), 409);
	assert_int_equal(q("SELECT count(*) FROM application_letter"), 2);
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(A.s.db), "UPDATE application_letter"
	    " SET body = 'x' WHERE version = 2", NULL, NULL, NULL), SQLITE_OK);
	assert_int_not_equal(sqlite3_exec(gk_db_sqlite(A.s.db), "DELETE FROM application_letter",
	    NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(q("SELECT count(*) FROM application_letter WHERE body = 'x'"), 0);
	/* the screen and the letter page after the answer */
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("<span class=\"state\" id=\"state\">已办结</span>");
	has("办理结果：<strong>部分公开</strong>");
	has("告知书第2版");
	lacks("id=\"act-correct\"");
	path_of(p, sizeof(p), id, "letter");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("已发送的告知书：第 2 版");
	has("内容已冻结");
	/* signature and date found by the date line, the added paragraph after them a body block */
	has("<p class=\"gk-sign\">盐边县商务局</p>\n<p class=\"gk-date\">2025年3月12日</p>\n"
	    "<p class=\"gk-body\">　　（经办人补充");
	lacks("<textarea id=\"l-body\"");
	/* the HTML download */
	path_of(p, sizeof(p), id, "letter.html");
	{
		const char *kv[] = { "v", "2", NULL };

		assert_int_equal(call(&officer, "GET", p, kv), 200);
		has("<article class=\"gk-letter\">");
		has("经办人补充");
		assert_non_null(strstr(A.resp.disposition, "attachment; filename=\"letter-"));
	}
	/* DOCX and PDF of the same text (doc/doc.h) */
	path_of(p, sizeof(p), id, "letter.docx");
	{
		const char *kv[] = { "v", "2", NULL };

		assert_int_equal(call(&officer, "GET", p, kv), 200);
		assert_true(A.resp.body.len > 4 && memcmp(A.resp.body.data, "PK", 2) == 0);
		assert_non_null(strstr(A.resp.disposition, ".docx"));
		path_of(p, sizeof(p), id, "letter.pdf");
		assert_int_equal(call(&officer, "GET", p, kv), 200);
		assert_true(A.resp.body.len > 4 && memcmp(A.resp.body.data, "%PDF", 4) == 0);
		assert_string_equal(A.resp.content_type, "application/pdf");
	}
	/* the public tracking page: state and outcome, nothing personal */
	{
		const char *kv[] = { "code", code, NULL };

		gk_test_web(&A.ctx, &A.resp, "GET", "/track", "192.0.2.9", kv, NULL);
		assert_int_equal(A.resp.status, 200);
		has("已办结");
		has("部分公开");
		has("补正");
		lacks("攀枝花市某某商贸有限公司");
		lacks(PHONE);
		lacks("buyer@example.com");
		lacks("商贸路8号");
		lacks("招商引资项目清单及兑现情况");
	}
	/* the report of 2025 counts it in 三 (二) 部分公开 × 商业企业 */
	gk_findings_init(&fs);
	assert_int_equal(gk_report_counts(A.s.db, A.s.ag, 2025, &counts, &fs, err, sizeof(err)), GK_OK);
	assert_int_equal(counts.s3[GK_S3_NEW][GK_S3_BUSINESS], 1);
	assert_int_equal(counts.s3[GK_S3_PARTIAL][GK_S3_BUSINESS], 1);
	assert_int_equal(counts.s3[GK_S3_PARTIAL][GK_S3_NATURAL], 0);
	assert_int_equal(counts.s3[GK_S3_OPEN][GK_S3_BUSINESS], 0);
	assert_int_equal(counts.s3[GK_S3_CARRIED_OUT][GK_S3_BUSINESS], 0);
	gk_findings_clear(&fs);
}

/* Illegal steps: the store's message with 409, nothing written. */
static void
test_illegal(void **state)
{
	/*
	 * Each refused with the store's or the form's message, nothing written:
	 * the step, who, the fields, the status, what the page shows (and not).
	 */
	static const struct {
		const char			*step;
		const struct gk_admin_user	*u;
		const char			*kv[9];
		int				 status;
		const char			*has[2], *lacks;
	} refused[] = {
		/* the screen again, with the forms */
		{ "paid", &officer, { "date", "2025-03-05", NULL }, 409,
		    { "role=\"alert\"", "id=\"act-correct\"" }, NULL },
		{ "corrected", &officer, { "date", "2025-03-05", NULL }, 409, { NULL }, NULL },
		{ "consulted", &officer, { "date", "2025-03-05", NULL }, 409, { NULL }, NULL },
		/* an extension of 21 days, without approver, a bad date: 400 with the field message */
		{ "extend", &officer, { "date", "2025-03-05", "days", "21", "approver", "王局长",
		    NULL }, 400, { "1 至 20" }, NULL },
		{ "extend", &officer, { "date", "2025-03-05", "days", "5", "approver", " ", NULL },
		    400, { "批准" }, NULL },
		{ "extend", &officer, { "date", "2025-02-30", "days", "5", "approver", "王局长",
		    NULL }, 400, { NULL }, NULL },
		/* 补正 dated after today; a deadline before the notice */
		{ "correct", &officer, { "date", "2025-03-13", "until", "2025-03-20", NULL }, 400,
		    { "晚于今天" }, NULL },
		{ "correct", &officer, { "date", "2025-03-05", "until", "2025-03-04", NULL }, 409,
		    { NULL }, NULL },
		/* sending without a draft; a draft whose outcome the facts refuse (逾期不补正) */
		{ "letter/send", &officer, { "v", "1", NULL }, 409, { "还没有告知书草稿" }, NULL },
		{ "letter/draft", &officer, { "outcome", "other_no_correction", "date",
		    "2025-03-12", NULL }, 409, { NULL }, NULL },
		/* part is required */
		{ "letter/draft", &officer, { "outcome", "partial", "date", "2025-03-12", NULL },
		    400, { "role=\"alert\"" }, NULL },
		{ "letter/draft", &officer, { "outcome", "nonsense", "date", "2025-03-12", NULL },
		    400, { "请选择办理结果" }, NULL },
		/* an edit before any draft */
		{ "letter/edit", &officer, { "body", "告知书", NULL }, 409, { NULL }, NULL },
		/* a drafter may not act: the store's refusal */
		{ "withdraw", &drafter, { "date", "2025-03-05", NULL }, 409, { NULL }, NULL },
		/* the fee quote alone records nothing (3 items in the month: free, 国办函〔2020〕109号) */
		{ "fee", &officer, { "date", "2025-03-05", "method", "item", "count", "3", "op",
		    "quote", NULL }, 200,
		    { "<p class=\"notice\" id=\"fee-quote\" role=\"status\">按件计收：0.00 元。" },
		    NULL },
		{ "fee", &officer, { "date", "2025-03-05", "method", INJ, "count", INJ, "op", "quote",
		    NULL }, 400, { NULL }, "<script>" },
	};
	char	 p[128];
	int64_t	 id, ev, au, le;
	size_t	 i;

	(void)state;
	id = intake("李四", "natural");
	ev = q("SELECT count(*) FROM application_event");
	au = q("SELECT count(*) FROM audit");
	le = q("SELECT count(*) FROM application_letter");
	for (i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		path_of(p, sizeof(p), id, refused[i].step);
		if (call(refused[i].u, "POST", p, refused[i].kv) != refused[i].status)
			fail_msg("%s: status %d, expected %d", p, A.resp.status, refused[i].status);
		if (refused[i].has[0] != NULL)
			has(refused[i].has[0]);
		if (refused[i].has[1] != NULL)
			has(refused[i].has[1]);
		if (refused[i].lacks != NULL)
			lacks(refused[i].lacks);
	}
	/* unknown action, GET on an action */
	path_of(p, sizeof(p), id, "explode");
	assert_int_equal(call(&officer, "POST", p, NULL), 404);
	path_of(p, sizeof(p), id, "paid");
	assert_int_equal(call(&officer, "GET", p, NULL), 405);
	assert_int_equal(q("SELECT count(*) FROM application_event"), ev);
	assert_int_equal(q("SELECT count(*) FROM audit"), au);
	assert_int_equal(q("SELECT count(*) FROM application_letter"), le);
	assert_int_equal(q("SELECT count(*) FROM application WHERE state = 'processing'"), 1);
	/* a draft with the ID number of an applicant in the edit is refused */
	assert_int_equal(step(&officer, id, "letter/draft", (const char *const[]){
	    "outcome", "open", "date", "2025-03-12", "where", "电子邮件",
	    NULL }), 303);
	path_of(p, sizeof(p), id, "letter/edit");
	{
		const char *kv[] = { "body", "告知书\n李四（11010519491231002X）：", NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 400);
		has("身份证号");
	}
	{
		const char *kv[] = { "body", "告知书\n联系电话 " PHONE, NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 400);
	}
	assert_int_equal(q("SELECT count(*) FROM application_letter"), le + 1);
	/* withdraw closes it */
	assert_int_equal(step(&officer, id, "withdraw", (const char *const[]){
	    "date", "2025-03-06", "note", "申请人来电撤回", NULL }), 303);
	assert_int_equal(q("SELECT count(*) FROM application WHERE outcome = 'other_misc'"), 1);
	/* and then everything is refused */
	assert_int_equal(step(&officer, id, "letter/send", (const char *const[]){
	    "v", "1", NULL }), 409);
	assert_int_equal(q("SELECT count(*) FROM application_letter WHERE sent_at IS NOT NULL"), 0);
}

/* Another agency's records: 404 on every page and action, nothing written. */
static void
test_other_agency(void **state)
{
	static const char *const gets[] = { "", "letter", "letter.html" };
	static const char *const posts[] = { "correct", "withdraw", "letter/draft", "letter/edit",
	    "letter/send" };
	char	 p[128];
	int64_t	 id, au;
	size_t	 i;

	(void)state;
	id = intake("王五", "natural");
	au = q("SELECT count(*) FROM audit");
	for (i = 0; i < sizeof(gets) / sizeof(gets[0]); i++) {
		path_of(p, sizeof(p), id, gets[i]);
		assert_int_equal(call(&other, "GET", p, NULL), 404);
		lacks("王五");
		lacks(PHONE);
	}
	for (i = 0; i < sizeof(posts) / sizeof(posts[0]); i++) {
		const char *kv[] = { "date", "2025-03-05", "until", "2025-03-20", "outcome", "open",
		    "body", "x", "v", "1", NULL };

		path_of(p, sizeof(p), id, posts[i]);
		assert_int_equal(call(&other, "POST", p, kv), 404);
	}
	assert_int_equal(call(&other, "GET", "/admin/applications", NULL), 200);
	lacks("王五");
	assert_int_equal(call(&other, "GET", "/admin/applications/999999", NULL), 404);
	{
		const char *kv[] = { "agency", "1", NULL };

		assert_int_equal(call(&other, "GET", "/admin/applications", kv), 404);
	}
	assert_int_equal(q("SELECT count(*) FROM audit"), au);
	assert_int_equal(q("SELECT count(*) FROM application_event"), 1);
}

/* Injection strings in every field: stored verbatim where valid, rendered inert everywhere. */
static void
test_injection(void **state)
{
	static const char *const fields[] = { "name", "idno", "phone", "email", "address",
	    "request", "delivery", "received", "channel", "type" };
	char	 p[128];
	int64_t	 id;
	size_t	 i;

	(void)state;
	/* every field hostile at once: refused, every value re-rendered escaped */
	{
		const char *kv[] = { "channel", INJ, "type", INJ, "name", INJ, "idno", INJ,
		    "phone", INJ, "email", INJ, "address", INJ, "request", INJ, "delivery", INJ,
		    "received", INJ, NULL };

		assert_int_equal(call(&officer, "POST", "/admin/applications/new", kv), 400);
		lacks("<script>");
		lacks("<img src=x");
		has("&lt;script&gt;");
		for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
			(void)fields[i];
		has("f-channel-err");
		has("f-type-err");
		has("f-phone-err");
		has("f-email-err");
		has("f-received-err");
	}
	assert_int_equal(q("SELECT count(*) FROM application"), 0);
	/* the text fields that may hold anything: stored verbatim, shown escaped */
	{
		const char *kv[] = { "channel", "fax", "type", "other", "name", INJ, "idno", "",
		    "phone", "", "email", "", "address", INJ, "request", INJ, "delivery", INJ,
		    "received", "2025-03-03", NULL };

		assert_int_equal(call(&officer, "POST", "/admin/applications/new", kv), 303);
		id = created_id();
	}
	assert_int_equal(q("SELECT count(*) FROM application WHERE applicant_name = '" "<script>"
	    "alert(1)</script>\"''><img src=x onerror=alert(2)>'"), 1);
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	lacks("<script>");
	lacks("<img src=x");
	has("&lt;script&gt;alert(1)&lt;/script&gt;");
	assert_int_equal(call(&officer, "GET", "/admin/applications", NULL), 200);
	lacks("<script>");
	/* notes and the letter */
	assert_int_equal(step(&officer, id, "consult", (const char *const[]){
	    "date", "2025-03-04", "note", INJ, NULL }), 303);
	path_of(p, sizeof(p), id, "consulted");
	{
		const char *kv[] = { "date", INJ, "note", INJ, NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 400);
		lacks("<script>");
		has("&lt;script&gt;");
	}
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	lacks("<script>");
	assert_int_equal(step(&officer, id, "consulted", (const char *const[]){
	    "date", "2025-03-05", NULL }), 303);
	path_of(p, sizeof(p), id, "letter/draft");
	{
		const char *kv[] = { "outcome", "other_misc", "date", "2025-03-12", "reasons", INJ,
		    "number", INJ, NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 400);
		lacks("<script>");
	}
	{
		const char *kv[] = { "outcome", "other_misc", "date", "2025-03-12", "reasons", INJ,
		    NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 303);
	}
	assert_int_equal(step(&officer, id, "letter/edit", (const char *const[]){
	    "body", "告知书\n" INJ "\n" INJ, NULL }), 303);
	path_of(p, sizeof(p), id, "letter");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	lacks("<script>");
	lacks("<img src=x");
	has("&lt;script&gt;");
	path_of(p, sizeof(p), id, "letter.html");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	lacks("<script>");
	lacks("<img src=x");
	/* the list's filters */
	{
		const char *kv[] = { "state", INJ, "due", INJ, "page", INJ, NULL };

		assert_int_equal(call(&officer, "GET", "/admin/applications", kv), 200);
		lacks("<script>");
		has("role=\"alert\"");
	}
}

/* core/letter's Markdown as the stored text: the title's "# " and the escapes undone, nothing else. */
static void
test_md_to_text(void **state)
{
	static const struct { const char *md, *text; } cases[] = {
		{ "# 政府信息公开申请答复告知书\n\n张三：\n", "政府信息公开申请答复告知书\n\n张三：\n" },
		{ "　　\\<script\\>x\\</script\\> \\*y\\* a\\_b\\\\c", "　　<script>x</script> *y* a_b\\c" },
		{ "\\# 不是标题\n1\\. 不是列表\n2\\) 也不是", "# 不是标题\n1. 不是列表\n2) 也不是" },
		{ "中\\文\\", "中\\文\\" },		/* a backslash before a non-punctuation byte stays */
		{ "#", "" },
		{ "", "" },
	};
	struct gk_buf	 b;
	size_t		 i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		gk_buf_init(&b, 0);
		assert_int_equal(gk_letter_md_to_text(cases[i].md, &b), GK_OK);
		assert_int_equal(gk_buf_putc(&b, '\0'), GK_OK);
		assert_string_equal(b.data, cases[i].text);
		gk_buf_clear(&b);
	}
}

/* An application answered outside the back office: its letter generated from the record. */
static void
test_letter_from_record(void **state)
{
	struct apply_event	 ev;
	char			 err[512], p[128];
	int64_t			 id;

	(void)state;
	id = intake("郑十一", "natural");
	memset(&ev, 0, sizeof(ev));
	ev.kind = APPLY_EV_ANSWER;
	ev.date = gk_test_date("2025-03-10");
	ev.until = GK_DATE_NONE;
	ev.outcome = APPLY_OUT_NA_MAKE;
	assert_int_equal(gk_apply_act(A.s.db, "officer1", id, &ev, "", NOW, &A.s.cal, NULL, err,
	    sizeof(err)), GK_OK);
	path_of(p, sizeof(p), id, "letter");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("没有存档的告知书");
	path_of(p, sizeof(p), id, "letter.html");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("郑十一");
	has("<article class=\"gk-letter\">");
	path_of(p, sizeof(p), id, "letter.pdf");
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	assert_true(A.resp.body.len > 4 && memcmp(A.resp.body.data, "%PDF", 4) == 0);
	{
		const char *kv[] = { "v", "1", NULL };

		path_of(p, sizeof(p), id, "letter.html");
		assert_int_equal(call(&officer, "GET", p, kv), 404);
	}
	assert_int_equal(q("SELECT count(*) FROM application_letter"), 0);
}

/* Cases: add, the result once; another agency's case 404. */
static void
test_cases(void **state)
{
	char	 p[64];
	int64_t	 id, cid;

	(void)state;
	id = intake("赵六", "natural");
	assert_int_equal(call(&officer, "GET", "/admin/cases", NULL), 200);
	has("没有案件");
	has("<label for=\"f-route\">类型</label>");
	{
		char idv[24];
		const char *kv[] = { "route", "recon", "filed", "2025-03-10", "application", idv,
		    "case_no", "盐府复〔2025〕3号", "note", INJ, NULL };

		snprintf(idv, sizeof(idv), "%lld", (long long)id);
		assert_int_equal(call(&officer, "POST", "/admin/cases", kv), 303);
	}
	cid = q("SELECT id FROM legal_case");
	assert_int_equal(call(&officer, "GET", "/admin/cases", NULL), 200);
	has("盐府复〔2025〕3号");
	has("尚未审结");
	lacks("<script>");
	{
		const char *kv[] = { "route", "recon", "filed", "2025-03-13", NULL };

		assert_int_equal(call(&officer, "POST", "/admin/cases", kv), 400);	/* after today */
		has("role=\"alert\"");
	}
	{
		const char *kv[] = { "route", INJ, "filed", INJ, NULL };

		assert_int_equal(call(&officer, "POST", "/admin/cases", kv), 400);
		lacks("<script>");
	}
	snprintf(p, sizeof(p), "/admin/cases/%lld/result", (long long)cid);
	{
		const char *kv[] = { "result", "upheld", "closed", "2025-03-11", NULL };

		assert_int_equal(call(&other, "POST", p, kv), 404);
		assert_int_equal(call(&officer, "POST", p, kv), 303);
		assert_int_equal(call(&officer, "POST", p, kv), 409);	/* once */
	}
	assert_int_equal(q("SELECT count(*) FROM legal_case WHERE result = 'upheld'"), 1);
	assert_int_equal(q("SELECT count(*) FROM legal_case"), 1);
}

/* 第二十条 figures: one form each with its source, the CSV paste all or nothing. */
static void
test_figures(void **state)
{
	(void)state;
	{
		const char *kv[] = { "year", "2024", NULL };

		assert_int_equal(call(&officer, "GET", "/admin/figures", kv), 200);
		has("条例第二十条数据（2024 年）");
		has("name=\"key\" value=\"license\"");
	}
	{
		const char *kv[] = { "year", "2024", "key", "license", "value", "12", "source",
		    "县行政审批局统计", NULL };

		assert_int_equal(call(&officer, "POST", "/admin/figures", kv), 303);
	}
	{
		const char *kv[] = { "year", "2024", "key", "license", "value", "-3", "source", INJ,
		    NULL };

		assert_int_equal(call(&officer, "POST", "/admin/figures", kv), 400);
		lacks("<script>");
		has("role=\"alert\"");
	}
	{
		const char *kv[] = { "year", "2024", "key", INJ, "value", "1", NULL };

		assert_int_equal(call(&officer, "POST", "/admin/figures", kv), 400);
		lacks("<script>");
	}
	assert_int_equal(q("SELECT count(*) FROM figure"), 1);
	{
		const char *kv[] = { "year", "2024", NULL };

		assert_int_equal(call(&officer, "GET", "/admin/figures", kv), 200);
		has("value=\"12\"");
		has("县行政审批局统计");
	}
	/* CSV: another agency's row refuses the whole paste */
	{
		const char *kv[] = { "year", "2024", "csv",
		    "agency,year,key,value,source\n1,2024,penalty,5,执法局\n2,2024,penalty,9,执法局\n",
		    NULL };

		assert_int_equal(call(&officer, "POST", "/admin/figures/import", kv), 400);
		has("第 3 行");
	}
	{
		const char *kv[] = { "year", "2024", "csv",
		    "agency,year,key,value,source\n1,2024,penalty,5,执法局\n1,2024,coercion,x,执法局\n",
		    NULL };

		assert_int_equal(call(&officer, "POST", "/admin/figures/import", kv), 400);
		has("problems");
	}
	assert_int_equal(q("SELECT count(*) FROM figure"), 1);
	{
		const char *kv[] = { "year", "2024", "csv",
		    "agency,year,key,value,source\n11510422MB1234567Y,2024,penalty,5,执法局\n"
		    "1,2024,coercion,2,执法局\n", NULL };

		assert_int_equal(call(&officer, "POST", "/admin/figures/import", kv), 303);
	}
	assert_int_equal(q("SELECT count(*) FROM figure WHERE agency_id = 1 AND year = 2024"), 3);
	/* the same as an uploaded file (multipart: web.h GK_WEB_UPLOAD_FIGURES) */
	{
		static const char csv[] = "agency,year,key,value,source\r\n1,2023,license,7,审批局\r\n";
		static const char bad[] = "agency,year,key,value\n1,2023,license,7\0x\n";
		struct gk_web_file f = { "file", "figures.csv", "text/csv",
		    (const unsigned char *)csv, sizeof(csv) - 1 };
		const char *kv[] = { "year", "2023", "csv", "", NULL };

		upload = &f;
		assert_int_equal(call(&officer, "POST", "/admin/figures/import", kv), 303);
		f.data = (const unsigned char *)bad;
		f.len = sizeof(bad) - 1;
		assert_int_equal(call(&officer, "POST", "/admin/figures/import", kv), 400);
		upload = NULL;
	}
	assert_int_equal(q("SELECT count(*) FROM figure WHERE agency_id = 1 AND year = 2023 AND"
	    " key = 'license' AND source = '审批局'"), 1);
	assert_int_equal(q("SELECT count(*) FROM figure"), 4);
	assert_int_equal(call(&officer, "GET", "/admin/figures", NULL), 200);
	has("enctype=\"multipart/form-data\"");
	has("type=\"file\"");
}

/* Consultations: the queue, answer, publish, reject, the working days. */
static void
test_consultations(void **state)
{
	struct gk_consult_intake	 in;
	char				 err[512], p[64];
	int64_t				 c1, c2;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.name = "钱七";
	in.phone = PHONE;
	in.title = "招商引资政策咨询";
	in.question = INJ;
	assert_int_equal(gk_consult_new(A.s.db, "public", A.s.ag, &in, "2025-03-03T09:00:00+08:00",
	    &c1, NULL, err, sizeof(err)), GK_OK);
	in.title = "另一个问题";
	assert_int_equal(gk_consult_new(A.s.db, "public", A.s.ag, &in, "2025-03-04T09:00:00+08:00",
	    &c2, NULL, err, sizeof(err)), GK_OK);
	assert_int_equal(call(&officer, "GET", "/admin/consultations", NULL), 200);
	has("招商引资政策咨询");
	has("已等待 7 个工作日");	/* 03-04..07 (4), 10..12 (7) */
	lacks("<script>");
	snprintf(p, sizeof(p), "/admin/consultations/%lld", (long long)c1);
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("&lt;script&gt;");
	lacks("<script>");
	assert_int_equal(call(&other, "GET", p, NULL), 404);
	snprintf(p, sizeof(p), "/admin/consultations/%lld/publish", (long long)c1);
	assert_int_equal(call(&officer, "POST", p, NULL), 409);	/* not answered yet */
	snprintf(p, sizeof(p), "/admin/consultations/%lld/answer", (long long)c1);
	{
		const char *kv[] = { "text", "优惠政策见本局门户。", "date", "2025-03-05", NULL };

		assert_int_equal(call(&other, "POST", p, kv), 404);
		assert_int_equal(call(&officer, "POST", p, kv), 303);
	}
	snprintf(p, sizeof(p), "/admin/consultations/%lld", (long long)c1);
	assert_int_equal(call(&officer, "GET", p, NULL), 200);
	has("用时 2 个工作日");
	snprintf(p, sizeof(p), "/admin/consultations/%lld/publish", (long long)c1);
	assert_int_equal(call(&officer, "POST", p, NULL), 303);
	snprintf(p, sizeof(p), "/admin/consultations/%lld/reject", (long long)c2);
	{
		const char *kv[] = { "reason", "", NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 400);
	}
	/* hostile values: a bad date re-rendered escaped; a hostile answer stored, shown inert */
	snprintf(p, sizeof(p), "/admin/consultations/%lld/answer", (long long)c2);
	{
		const char *kv[] = { "text", INJ, "date", INJ, NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 400);
		lacks("<script>");
		has("&lt;script&gt;");
	}
	{
		const char *kv[] = { "state", INJ, NULL };

		assert_int_equal(call(&officer, "GET", "/admin/consultations", kv), 200);
		lacks("<script>");
	}
	snprintf(p, sizeof(p), "/admin/consultations/%lld/reject", (long long)c2);
	{
		const char *kv[] = { "reason", "与政府信息公开无关", NULL };

		assert_int_equal(call(&officer, "POST", p, kv), 303);
	}
	assert_int_equal(q("SELECT count(*) FROM consultation WHERE state = 'published'"), 1);
	assert_int_equal(q("SELECT count(*) FROM consultation WHERE state = 'rejected'"), 1);
	assert_int_equal(call(&officer, "GET", "/admin/consultations", NULL), 200);
	has("没有留言");
}

/*
 * 政务公开办: reads the applications of its government's agencies (masked
 * no more: the store allows the full view from the parent), acts on none;
 * an agency of another government stays 404.
 */
static void
test_office(void **state)
{
	struct gk_admin_user	 office;
	char			 err[512], p[128], ag[24];
	int64_t			 gov, child, id;

	(void)state;
	assert_int_equal(gk_agency_add(A.s.db, "admin", "盐边县人民政府", "11510422MB12345695", 0, "县级",
	    "2025-01-02T09:00:00+08:00", &gov, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(A.s.db, "admin", "盐边县发展和改革局", "11510422MB1234570A", gov,
	    "县级", "2025-01-02T09:00:00+08:00", &child, err, sizeof(err)), GK_OK);
	gk_test_admin_user(A.s.db, &office, gov, "office1", WF_ROLE_OFFICE, NULL);
	{
		struct gk_admin_user c;
		const char *kv[] = { INTAKE("周九", "natural"), NULL };

		gk_test_admin_user(A.s.db, &c, child, "officer3", WF_ROLE_OFFICER, NULL);
		assert_int_equal(call(&c, "POST", "/admin/applications/new", kv), 303);
		id = created_id();
	}
	snprintf(ag, sizeof(ag), "%lld", (long long)child);
	{
		const char *kv[] = { "agency", ag, NULL };

		assert_int_equal(call(&office, "GET", "/admin/applications", kv), 200);
		has("周九");
	}
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&office, "GET", p, NULL), 200);
	has(PHONE);
	lacks("id=\"act-withdraw\"");
	assert_int_equal(step(&office, id, "withdraw", (const char *const[]){
	    "date", "2025-03-05", NULL }), 409);
	assert_int_equal(q("SELECT count(*) FROM application WHERE state = 'closed'"), 0);
	/* not its government's agency: 404 */
	id = intake("吴十", "natural");
	path_of(p, sizeof(p), id, "");
	assert_int_equal(call(&office, "GET", p, NULL), 404);
	{
		const char *kv[] = { "agency", "1", NULL };

		assert_int_equal(call(&office, "GET", "/admin/applications", kv), 404);
	}
}

/* Allocation failures: every letter step either succeeds or writes nothing; pages never crash. */
static void
test_alloc_failures(void **state)
{
	static const char *const pages[] = { "", "letter", "letter.html" };
	struct gk_apply_letter_opts	 o;
	struct gk_web_req		 req;
	char				 err[512], p[128];
	int64_t				 id;
	long				 n;
	size_t				 i;
	enum gk_err			 e;

	(void)state;
	id = intake("孙八", "natural");
	memset(&o, 0, sizeof(o));
	o.outcome = APPLY_OUT_OPEN;
	o.answered = gk_test_date("2025-03-12");
	o.where = "通过电子邮件发送";
	for (n = 0; n < 5000; n++) {
		gk_mem_fail_after(n);
		e = gk_letter_draft(A.s.db, "officer1", id, &o, &A.s.cal, NOW, NULL, NULL, err,
		    sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(q("SELECT count(*) FROM application_letter"), 0);
	}
	assert_int_equal(q("SELECT count(*) FROM application_letter"), 1);
	for (n = 0; n < 5000; n++) {
		gk_mem_fail_after(n);
		e = gk_letter_edit(A.s.db, "officer1", id, "告知书\n孙八：\n　　予以公开。", NOW, NULL,
		    err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(q("SELECT count(*) FROM application_letter"), 1);
	}
	assert_int_equal(q("SELECT count(*) FROM application_letter"), 2);
	for (n = 0; n < 5000; n++) {
		gk_mem_fail_after(n);
		e = gk_letter_send(A.s.db, "officer1", id, 2, &A.s.cal, NOW, NULL, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(q("SELECT count(*) FROM application_event"), 1);
		assert_int_equal(q("SELECT count(*) FROM application_letter WHERE sent_at IS NOT NULL"),
		    0);
	}
	assert_int_equal(q("SELECT count(*) FROM application WHERE state = 'closed'"), 1);
	assert_int_equal(q("SELECT count(*) FROM application_letter WHERE sent_at IS NOT NULL"), 1);
	for (i = 0; i < sizeof(pages) / sizeof(pages[0]); i++) {
		path_of(p, sizeof(p), id, pages[i]);
		for (n = 0; n < 5000; n++) {
			memset(&req, 0, sizeof(req));
			req.method = "GET";
			req.path = p;
			gk_web_resp_clear(&A.resp);
			gk_web_resp_init(&A.resp);
			gk_mem_fail_after(n);
			e = gk_admin_apply(&A.ctx, &req, &officer, &A.resp, err, sizeof(err));
			gk_mem_fail_reset();
			if (e == GK_OK && A.resp.status == 200)
				break;
		}
		if (n == 5000)
			fail_msg("%s never answered", p);
		assert_non_null(strstr(body(), "孙八"));
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_the_day, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_illegal, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_other_agency, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_injection, setup, gk_test_area_teardown),
		cmocka_unit_test(test_md_to_text),
		cmocka_unit_test_setup_teardown(test_letter_from_record, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_cases, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_figures, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_consultations, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_office, setup, gk_test_area_teardown),
		cmocka_unit_test_setup_teardown(test_alloc_failures, setup, gk_test_area_teardown),
	};

	return gk_test_run("admin_apply", tests, sizeof(tests) / sizeof(tests[0]));
}
