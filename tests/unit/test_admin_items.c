/*
 * test_admin_items.c — the back office's item screens and dashboard
 * (web/admin_items.c, web/admin_home.c) called directly with fabricated
 * signed-in users, as the gate would call them: the whole item day
 * (drafted with an ID number → the gate blocks the submission → masked →
 * submitted → returned with a comment → fixed → reviewed with the three
 * checks → approved → published → on the portal and found by search),
 * illegal steps answered 409 with the store's message and nothing
 * changed, another agency's item 404, uploads checked by content, the
 * list's filters, the dashboard's lines, and injection strings in every
 * field rendered inert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/date.h"
#include "core/scan.h"
#include "core/uscc.h"
#include "store/agency.h"
#include "store/attachment.h"
#include "store/category.h"
#include "store/application.h"
#include "store/consultation.h"
#include "store/db.h"
#include "store/item.h"
#include "store/search.h"
#include "web/admin.h"
#include "web/web.h"

/* 510422 盐边县, 1980-01-01, serial 123, MOD 11-2 check digit 5 (computed by hand). */
#define IDNO		"510422198001011235"
#define IDNO_MASKED	"510422********1235"
#define NOW		"2025-10-13T09:00:00+08:00"

static struct gk_test_area	 A;
static struct gk_admin_user	 drafter, reviewer, approver, officer, other;

static void
mkuser(struct gk_admin_user *u, int64_t ag, const char *login, enum wf_role r)
{
	gk_test_admin_user(A.s.db, u, ag, login, r, ag == A.s.ag ? "盐边县商务局" : "盐边县财政局");
}

static int
setup(void **state)
{
	char err[256];

	*state = &A;
	gk_test_area_open(&A, "admin-items", NOW, NOW);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag, "admin", NOW, err, sizeof(err)),
	    GK_OK);
	mkuser(&drafter, A.s.ag, "drafter", WF_ROLE_DRAFTER);
	mkuser(&reviewer, A.s.ag, "reviewer", WF_ROLE_REVIEWER);
	mkuser(&approver, A.s.ag, "approver", WF_ROLE_APPROVER);
	mkuser(&officer, A.s.ag, "officer", WF_ROLE_OFFICER);
	mkuser(&other, A.s.ag2, "cz-drafter", WF_ROLE_DRAFTER);
	return 0;
}

/* One request to the items area (or the dashboard for "/admin/"); returns the status. */
static int
callf(const struct gk_admin_user *u, const char *method, const char *path,
    const char *const *kv, const struct gk_web_file *files, size_t nfiles)
{
	if (gk_test_admin(strcmp(path, "/admin/") == 0 ? gk_admin_home : gk_admin_items, &A.ctx, u,
	    &A.resp, method, path, kv, files, nfiles) == GK_ENOTFOUND)
		return 404;	/* the gate answers 404 in the admin frame */
	return A.resp.status;
}

static int
call(const struct gk_admin_user *u, const char *method, const char *path, const char *const *kv)
{
	return callf(u, method, path, kv, NULL, 0);
}

#define body()		gk_test_body(&A.resp)
#define has(s)		gk_test_has(body(), (s))
#define lacks(s)	gk_test_lacks(body(), (s))

/* Fails with the page when the status is not the one wanted. */
static void
want(int got, int status)
{
	if (got != status) {
		fprintf(stderr, "%s\n", body());
		fail_msg("status %d, expected %d", got, status);
	}
}

static int64_t
id_from_location(void)
{
	const char *p = A.resp.location;

	assert_int_equal(strncmp(p, "/admin/items/", 13), 0);
	return strtoll(p + 13, NULL, 10);
}

static void
state_is(int64_t id, const char *st)
{
	char sql[128], out[32];

	snprintf(sql, sizeof(sql), "SELECT state FROM item WHERE id = %lld", (long long)id);
	gk_test_text(A.s.db, sql, out, sizeof(out));
	assert_string_equal(out, st);
}

static int64_t
audit_count(void)
{
	return gk_test_int(A.s.db, "SELECT count(*) FROM audit");
}

/* The offset of the ID number in the body's findings, as the page offers it. */
static const char *
mask_op(char *buf, size_t n)
{
	const char *p = strstr(body(), "value=\"mask:body:");

	assert_non_null(p);
	p += strlen("value=\"");
	snprintf(buf, n, "%.*s", (int)strcspn(p, "\""), p);
	return buf;
}

static void
test_item_day(void **state)
{
	char		 path[64], actp[80], op[64], sql[128], out[256];
	const char	*bodytxt = "申请人张某（身份证号 " IDNO "）已登记。\n\n- 签约项目 3 个";
	int64_t		 id, n0;
	struct gk_search_q	 q;
	struct gk_search_result	 sr;
	char		 err[256];

	(void)state;
	assert_true(scan_id18_valid(IDNO, 18));
	/* the empty editor: the category tree as a select, indented, parents disabled */
	assert_int_equal(call(&drafter, "GET", "/admin/items/new", NULL), 200);
	has("<select id=\"f-category\" name=\"category\"");
	has("<option value=\"政策文件/规章\">　　规章</option>");
	has("<option value=\"政策文件\" disabled>政策文件</option>");
	has("name=\"csrf\" value=\"" GK_TEST_CSRF "\"");
	has("保存后由系统分配");

	/* a metadata problem: field-level message, values kept, nothing stored */
	n0 = audit_count();
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "招商引资项目签约仪式举行", "category", "工作动态",
	    "written_date", "2025-10-13", "body", bodytxt, NULL }), 400);
	has("id=\"f-event_end_date-err\"");
	has("value=\"招商引资项目签约仪式举行\"");
	assert_int_equal(audit_count(), n0);

	/* drafted with an ID number in the body */
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "招商引资项目签约仪式举行", "category", "工作动态",
	    "written_date", "2025-10-13", "event_end_date", "2025-10-13", "keywords", "招商引资",
	    "body", bodytxt, NULL }), 303);
	id = id_from_location();
	assert_true(id > 0);
	snprintf(path, sizeof(path), "/admin/items/%lld", (long long)id);
	snprintf(actp, sizeof(actp), "/admin/items/%lld/act", (long long)id);
	assert_int_equal(call(&drafter, "GET", path, (const char *const[]){ "done", "save", NULL }),
	    200);
	has("已保存。");
	/* 工作动态 of Monday 10-13: 3 working days from the event, 10-14, 10-15, 10-16 */
	has("<output id=\"f-due\">2025-10-16</output>");
	has("居民身份证号");
	has("5104**********1235");	/* the finding's excerpt never shows the number */
	has("全部遮盖");
	has(">\n申请人张某（身份证号 " IDNO);	/* the editor's textarea has it */

	/* the gate blocks the submission: 409, nothing written */
	n0 = audit_count();
	assert_int_equal(call(&drafter, "POST", actp, (const char *const[]){
	    "action", "submit", NULL }), 409);
	has("保密审查未通过：发现 1 处");
	state_is(id, "draft");
	assert_int_equal(audit_count(), n0);

	/* the preview renders the Markdown the portal way */
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "op", "preview", "title", "招商引资项目签约仪式举行", "category", "工作动态",
	    "written_date", "2025-10-13", "event_end_date", "2025-10-13",
	    "body", "第一段\r\n\r\n- 签约项目 3 个\r\n- **重点**项目", NULL }), 200);
	has("预览（门户网站上的显示效果）");
	has("<li>签约项目 3 个</li>");
	has("<strong>重点</strong>");
	assert_int_equal(audit_count(), n0);

	/* one-click masking: the finding at its offset, in the form, then saved */
	assert_int_equal(call(&drafter, "GET", path, NULL), 200);
	mask_op(op, sizeof(op));
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "op", op, "title", "招商引资项目签约仪式举行", "category", "工作动态",
	    "written_date", "2025-10-13", "event_end_date", "2025-10-13", "keywords", "招商引资",
	    "body", bodytxt, NULL }), 200);
	has("已遮盖，请检查后保存。");
	has("（身份证号 " IDNO_MASKED "）已登记");
	has("未发现身份证号");
	assert_int_equal(audit_count(), n0);	/* not saved yet */
	want(call(&drafter, "POST", path, (const char *const[]){
	    "op", "save", "title", "招商引资项目签约仪式举行", "category", "工作动态",
	    "written_date", "2025-10-13", "event_end_date", "2025-10-13", "keywords", "招商引资",
	    "body", "申请人张某（身份证号 " IDNO_MASKED "）已登记。\n\n- 签约项目 3 个", NULL }), 303);
	snprintf(sql, sizeof(sql), "SELECT body FROM item WHERE id = %lld", (long long)id);
	gk_test_text(A.s.db, sql, out, sizeof(out));
	assert_string_equal(out, "申请人张某（身份证号 " IDNO_MASKED "）已登记。\n\n- 签约项目 3 个");

	/* submitted */
	assert_int_equal(call(&drafter, "POST", actp, (const char *const[]){
	    "action", "submit", NULL }), 303);
	state_is(id, "submitted");

	/* the reviewer's screen: three checks and a comment */
	assert_int_equal(call(&reviewer, "GET", path, NULL), 200);
	has("分管领导审核");
	has("name=\"check_legality\"");
	has("name=\"check_accuracy\"");
	has("name=\"check_secrecy\"");
	has("value=\"return\"");
	/* returning without a comment: 409, nothing changed */
	n0 = audit_count();
	assert_int_equal(call(&reviewer, "POST", actp, (const char *const[]){
	    "action", "return", "comment", "  ", NULL }), 409);
	has("未能办理");
	state_is(id, "submitted");
	assert_int_equal(audit_count(), n0);
	/* passing with two checks only: 409, the comment kept in the form */
	assert_int_equal(call(&reviewer, "POST", actp, (const char *const[]){
	    "action", "review", "check_legality", "pass", "check_accuracy", "pass",
	    "comment", "同意", NULL }), 409);
	has(">\n同意</textarea>");
	has("id=\"a-check_legality\" value=\"pass\" checked");
	state_is(id, "submitted");
	assert_int_equal(audit_count(), n0);
	/* returned with a comment */
	assert_int_equal(call(&reviewer, "POST", actp, (const char *const[]){
	    "action", "return", "comment", "请补充签约金额", NULL }), 303);
	state_is(id, "draft");
	assert_int_equal(call(&drafter, "GET", "/admin/", NULL), 200);
	has("已退回：请补充签约金额");
	has("<a class=\"button\" href=\"/admin/items/new\">起草信息</a>");

	/* fixed and resubmitted */
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "op", "save", "title", "招商引资项目签约仪式举行", "category", "工作动态",
	    "written_date", "2025-10-13", "event_end_date", "2025-10-13", "keywords", "招商引资",
	    "body", "签约项目 3 个，协议金额 12.5 亿元。", NULL }), 303);
	assert_int_equal(call(&drafter, "POST", actp, (const char *const[]){
	    "action", "submit", NULL }), 303);
	assert_int_equal(call(&reviewer, "GET", "/admin/", NULL), 200);
	has("待分管领导审核");
	has(path);

	/* passed with the three checks, recorded with the review */
	assert_int_equal(call(&reviewer, "POST", actp, (const char *const[]){
	    "action", "review", "check_legality", "pass", "check_accuracy", "pass",
	    "check_secrecy", "pass", "comment", "同意", NULL }), 303);
	state_is(id, "reviewed");
	snprintf(sql, sizeof(sql), "SELECT check_legal + check_accurate + check_secret FROM review "
	    "WHERE item_id = %lld AND decision = 'pass' AND level = 2", (long long)id);
	assert_int_equal(gk_test_int(A.s.db, sql), 3);

	/* the drafter cannot approve: 409 with the store's message */
	n0 = audit_count();
	assert_int_equal(call(&drafter, "POST", actp, (const char *const[]){
	    "action", "approve", "check_legality", "pass", "check_accuracy", "pass",
	    "check_secrecy", "pass", "comment", "同意", NULL }), 409);
	has("未能办理");
	state_is(id, "reviewed");
	assert_int_equal(audit_count(), n0);

	/* approved */
	assert_int_equal(call(&approver, "POST", actp, (const char *const[]){
	    "action", "approve", "check_legality", "pass", "check_accuracy", "pass",
	    "check_secrecy", "pass", "comment", "同意公开", NULL }), 303);
	state_is(id, "approved");

	/* published, once */
	assert_int_equal(call(&officer, "GET", path, NULL), 200);
	has("value=\"publish\"");
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "publish", NULL }), 303);
	state_is(id, "published");
	n0 = audit_count();
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "publish", NULL }), 409);
	has("不能发布");
	assert_int_equal(audit_count(), n0);
	assert_int_equal(call(&officer, "GET", path, (const char *const[]){
	    "done", "publish", NULL }), 200);
	has("已发布，门户网站可见并可检索。");
	has("审核记录");
	has("请补充签约金额");

	/* on the portal and found by search */
	snprintf(path, sizeof(path), "/item/%lld", (long long)id);
	assert_int_equal(gk_test_web(&A.ctx, &A.resp, "GET", path, "127.0.0.1", NULL, NULL), GK_OK);
	assert_int_equal(A.resp.status, 200);
	has("招商引资项目签约仪式举行");
	memset(&q, 0, sizeof(q));
	q.q = "签约仪式";
	q.page = 1;
	q.per_page = 10;
	assert_int_equal(gk_search_query(A.s.db, &q, &sr, err, sizeof(err)), GK_OK);
	assert_int_equal(sr.n, 1);
	assert_int_equal(sr.v[0].item_id, id);
	gk_search_result_free(&sr);
}

static void
test_other_agency(void **state)
{
	char	 path[64], actp[80];
	int64_t	 id, n0;

	(void)state;
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "2025 年部门预算", "category", "财政信息/预算",
	    "written_date", "2025-10-10", NULL }), 303);
	id = id_from_location();
	snprintf(path, sizeof(path), "/admin/items/%lld", (long long)id);
	snprintf(actp, sizeof(actp), "/admin/items/%lld/act", (long long)id);
	n0 = audit_count();
	assert_int_equal(call(&other, "GET", path, NULL), 404);
	lacks("2025 年部门预算");
	assert_int_equal(call(&other, "POST", actp, (const char *const[]){
	    "action", "submit", NULL }), 404);
	assert_int_equal(call(&other, "POST", path, (const char *const[]){
	    "op", "save", "title", "改", "category", "财政信息/预算",
	    "written_date", "2025-10-10", NULL }), 404);
	assert_int_equal(audit_count(), n0);
	/* not in the other agency's list either */
	assert_int_equal(call(&other, "GET", "/admin/items", NULL), 200);
	lacks("2025 年部门预算");
	/* unknown and malformed ids */
	assert_int_equal(call(&drafter, "GET", "/admin/items/999999", NULL), 404);
	assert_int_equal(call(&drafter, "GET", "/admin/items/0", NULL), 404);
	/* the reviewer cannot draft; another drafter cannot edit this draft */
	assert_int_equal(call(&reviewer, "GET", "/admin/items/new", NULL), 403);
	assert_int_equal(call(&reviewer, "POST", path, (const char *const[]){
	    "op", "save", "title", "改", "category", "财政信息/预算",
	    "written_date", "2025-10-10", NULL }), 409);
	has("只有拟稿人本人可以修改该草稿");
	state_is(id, "draft");
	assert_int_equal(audit_count(), n0);
}

static void
test_list_filters(void **state)
{
	char	 title[32];
	int64_t	 a, b;
	int	 i;

	(void)state;
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "甲信息", "category", "机构职能",
	    "written_date", "2025-10-10", NULL }), 303);
	a = id_from_location();
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "乙信息", "category", "办事指南",
	    "written_date", "2025-10-10", NULL }), 303);
	b = id_from_location();
	assert_int_equal(call(&drafter, "POST", "/admin/items/1/act", (const char *const[]){
	    "action", "submit", NULL }), a == 1 ? 303 : 303);
	(void)b;
	assert_int_equal(call(&drafter, "GET", "/admin/items", NULL), 200);
	has("甲信息");
	has("乙信息");
	assert_int_equal(call(&drafter, "GET", "/admin/items", (const char *const[]){
	    "state", "submitted", NULL }), 200);
	has("甲信息");
	lacks("乙信息");
	assert_int_equal(call(&drafter, "GET", "/admin/items", (const char *const[]){
	    "state", "draft", "mine", "1", NULL }), 200);
	has("乙信息");
	lacks("甲信息");
	assert_int_equal(call(&reviewer, "GET", "/admin/items", (const char *const[]){
	    "mine", "1", NULL }), 200);
	has("没有符合条件的信息");
	assert_int_equal(call(&drafter, "GET", "/admin/items", (const char *const[]){
	    "state", "nonsense", NULL }), 400);
	assert_int_equal(call(&drafter, "GET", "/admin/items", (const char *const[]){
	    "page", "-1", NULL }), 400);
	assert_int_equal(call(&drafter, "GET", "/admin/items", (const char *const[]){
	    "page", "2", NULL }), 200);
	has("第 2 页");
	has("rel=\"prev\"");
	lacks("rel=\"next\"");
	/* 21 items: 20 on the first page (newest first), the oldest on the second */
	for (i = 0; i < 19; i++) {
		snprintf(title, sizeof(title), "丙信息%02d", i);
		assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
		    "op", "save", "title", title, "category", "机构职能",
		    "written_date", "2025-10-10", NULL }), 303);
	}
	assert_int_equal(call(&drafter, "GET", "/admin/items", NULL), 200);
	has("丙信息18");
	lacks("甲信息");
	has("rel=\"next\" href=\"/admin/items?agency=&amp;state=&amp;cat=&amp;page=2\"");
	assert_int_equal(call(&drafter, "GET", "/admin/items", (const char *const[]){
	    "page", "2", NULL }), 200);
	has("甲信息");
	lacks("乙信息");
	lacks("rel=\"next\"");
}

static void
test_uploads(void **state)
{
	static const unsigned char pe[] = "MZ\x90\0\3\0\0\0\4\0\0\0\xff\xff\0\0";
	const char		*txt = "名单\n联系人 13812345678\n";
	struct gk_web_file	 f;
	char			 path[80];
	int64_t			 id;

	(void)state;
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "办事指南", "category", "办事指南",
	    "written_date", "2025-10-10", NULL }), 303);
	id = id_from_location();
	snprintf(path, sizeof(path), "/admin/items/%lld/attachments", (long long)id);
	/* an executable named .pdf: refused by content, nothing stored */
	memset(&f, 0, sizeof(f));
	f.name = "file";
	f.filename = "通知.pdf";
	f.content_type = "application/pdf";
	f.data = pe;
	f.len = sizeof(pe) - 1;
	assert_int_equal(callf(&drafter, "POST", path, NULL, &f, 1), 400);
	has("id=\"f-file-err\"");
	has("可执行程序");
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM attachment"), 0);
	/* no file */
	assert_int_equal(callf(&drafter, "POST", path, NULL, NULL, 0), 400);
	has("请选择要上传的文件");
	/* a text file with a mobile number: stored, and the gate sees it */
	f.filename = "名单.txt";
	f.content_type = "text/plain";
	f.data = (const unsigned char *)txt;
	f.len = strlen(txt);
	assert_int_equal(callf(&drafter, "POST", path, NULL, &f, 1), 303);
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM attachment"), 1);
	snprintf(path, sizeof(path), "/admin/items/%lld", (long long)id);
	assert_int_equal(call(&drafter, "GET", path, NULL), 200);
	has("名单.txt");
	has("手机号码</strong>（附件“名单.txt”第 2 行第 5 列）：<code>联系人 138****5678</code>");
	/* the reviewer may not upload (not the drafter): 409 */
	snprintf(path, sizeof(path), "/admin/items/%lld/attachments", (long long)id);
	f.filename = "另一个.txt";
	f.data = (const unsigned char *)"别的内容\n";
	f.len = strlen("别的内容\n");
	assert_int_equal(callf(&reviewer, "POST", path, NULL, &f, 1), 409);
	/* the download is the same bytes */
	snprintf(path, sizeof(path), "/admin/items/%lld/attachments/%lld", (long long)id,
	    (long long)gk_test_int(A.s.db, "SELECT id FROM attachment"));
	assert_int_equal(call(&reviewer, "GET", path, NULL), 200);
	assert_int_equal(A.resp.body.len, strlen(txt));
	assert_memory_equal(A.resp.body.data, txt, strlen(txt));
	assert_non_null(strstr(A.resp.disposition, "filename*=UTF-8''%E5%90%8D%E5%8D%95.txt"));
	/* the submission is blocked by the attachment's finding, unless explained */
	snprintf(path, sizeof(path), "/admin/items/%lld/act", (long long)id);
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "action", "submit", NULL }), 409);
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "action", "submit", "reason", "联系人为单位公开的办事电话", NULL }), 303);
	state_is(id, "submitted");
}

static void
test_injection(void **state)
{
	static const char *const inj = "<script>alert(1)</script>\"'><img src=x onerror=alert(2)>";
	char	 path[64];
	int64_t	 id;

	(void)state;
	/* every field of the editor: refused with the values re-rendered escaped */
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", inj, "category", inj, "topic", inj, "publisher", inj,
	    "written_date", inj, "docno", inj, "event_end_date", inj, "keywords", inj,
	    "body", inj, NULL }), 400);
	lacks("<script>alert");
	lacks("<img src=x");
	has("&lt;script&gt;alert(1)&lt;/script&gt;");
	/* stored where valid, shown escaped to the next reader */
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", inj, "category", "其他", "topic", inj, "publisher", inj,
	    "written_date", "2025-10-10", "keywords", "<b>x</b>", "body", inj, NULL }), 303);
	id = id_from_location();
	snprintf(path, sizeof(path), "/admin/items/%lld", (long long)id);
	assert_int_equal(call(&drafter, "GET", path, NULL), 200);
	lacks("<script>alert");
	lacks("<img src=x");
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "op", "preview", "title", inj, "category", "其他", "written_date", "2025-10-10",
	    "body", inj, NULL }), 200);
	lacks("<script>alert");
	lacks("<img src=x");
	assert_int_equal(call(&drafter, "GET", "/admin/items", (const char *const[]){
	    "cat", inj, NULL }), 400);
	lacks("<script>alert");
	/* an action's comment: refused, kept, escaped */
	snprintf(path, sizeof(path), "/admin/items/%lld/act", (long long)id);
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "action", inj, "comment", inj, NULL }), 400);
	lacks("<script>alert");
	/* bytes that are not UTF-8 (the server refuses them; the handler too): found by fuzz_admin_items */
	assert_int_equal(call(&drafter, "POST", path, (const char *const[]){
	    "action", "submit", "reason", "ok\xaa<", NULL }), 400);
	has("意见、理由含有无法识别的字符");
	assert_int_equal(call(&drafter, "GET", "/admin/", NULL), 200);
	lacks("<script>alert");
	has("&lt;script&gt;");
}

static void
test_dashboard(void **state)
{
	struct gk_apply_intake	 in;
	struct gk_consult_intake cq;
	char			 code[GK_APPLY_CODE_LEN + 1], ccode[GK_CONSULT_CODE_LEN + 1];
	char			 err[256], line[512];
	int64_t			 id, aid, cid;

	(void)state;
	/*
	 * A work-news item of 2025-10-10 (Fri): due 3 working days later —
	 * 10-11 (a Saturday worked for the National Day holiday), 10-13,
	 * 10-14; on 10-13 one working day is left.
	 */
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "项目推进会召开", "category", "工作动态",
	    "written_date", "2025-10-10", "event_end_date", "2025-10-10", NULL }), 303);
	id = id_from_location();
	(void)id;
	/*
	 * An online application received Monday 2025-09-15: 20 working days
	 * from the next day — 11 in September 16–30, the Sunday 09-28 worked,
	 * then after the holiday 10-09, 10-10, 10-11 (a Saturday worked),
	 * 10-13 … 10-17 — due 2025-10-17; on 10-13, 4 working days are left
	 * (10-14 to 10-17). The name is masked: 李** (core/mask.h).
	 */
	memset(&in, 0, sizeof(in));
	in.channel = APPLY_CH_ONLINE;
	in.type = APPLY_AP_NATURAL;
	in.name = "李明远";
	in.phone = "13812345678";
	in.request = "招商引资项目清单";
	in.received = gk_test_date("2025-09-15");
	assert_int_equal(gk_apply_new(A.s.db, "public", A.s.ag, &in, &A.s.cal,
	    "2025-09-15T10:00:00+08:00", &aid, code, err, sizeof(err)), GK_OK);
	/* a question of Thursday 10-09, waiting 10-10, 10-11, 10-13: 3 working days */
	memset(&cq, 0, sizeof(cq));
	cq.name = "王女士";
	cq.phone = "13912345678";
	cq.title = "<b>外资企业</b>办理咨询";
	cq.question = "请问外资企业备案需要哪些材料？";
	assert_int_equal(gk_consult_new(A.s.db, "public", A.s.ag, &cq, "2025-10-09T10:00:00+08:00",
	    &cid, ccode, err, sizeof(err)), GK_OK);
	assert_int_equal(call(&officer, "GET", "/admin/", NULL), 200);
	has("工作台");
	snprintf(line, sizeof(line), "<a href=\"/admin/applications/%lld\">%s</a> 李**（办理中） "
	    "应于 2025-10-17 前答复，剩余 4 个工作日", (long long)aid, code);
	has(line);
	snprintf(line, sizeof(line), "<a href=\"/admin/consultations/%lld\">&lt;b&gt;外资企业&lt;/b&gt;"
	    "办理咨询</a> 2025-10-09 提出，已等待 3 个工作日", (long long)cid);
	has(line);
	has("项目推进会召开</a> 应于 2025-10-14 前发布，剩余 1 个工作日");
	has("2024 年度政府信息公开工作年度报告");
	has("href=\"/admin/report/2024\"");
	has("发布：<strong class=\"late\">未发布</strong>");
	has("<a href=\"/admin/channels\">渠道同步检查</a>：没有发现问题");	/* admin_channels.c */
	has("<a href=\"/admin/check\">网站自查</a>");
	has("留言咨询待答复");
	/* the reviewer's queue is empty, and no application section */
	assert_int_equal(call(&reviewer, "GET", "/admin/", NULL), 200);
	has("暂无待办事项");
	lacks("id=\"h-apply\"");
	assert_int_equal(call(&reviewer, "POST", "/admin/", NULL), 405);
}

static void
test_mask_all(void **state)
{
	(void)state;
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "mask:all", "title", "通知", "category", "其他", "written_date", "2025-10-10",
	    "body", "电话 13812345678，邮箱 zhangsan@example.com，身份证 " IDNO "。\n\n秘密★1年\n",
	    NULL }), 200);
	has("电话 138****5678，邮箱 z***@example.com，身份证 " IDNO_MASKED "。\n\n\n</textarea>");
	has("未发现身份证号");
	/* a stale offset masks nothing and says so */
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "mask:body:3", "title", "通知", "category", "其他", "written_date", "2025-10-10",
	    "body", "电话 13812345678", NULL }), 200);
	has("未找到要遮盖的内容");
	has("电话 13812345678</textarea>");
}

/* An item through to publication by the store, its id. */
static int64_t
published(const char *cat, const char *title)
{
	struct gk_item_actor	 d, r, a, o;
	char			 err[256];
	int64_t			 id;

	assert_int_equal(gk_item_actor_lookup(A.s.db, "drafter", &d, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_item_actor_lookup(A.s.db, "reviewer", &r, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_item_actor_lookup(A.s.db, "approver", &a, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_item_actor_lookup(A.s.db, "officer", &o, err, sizeof(err)), GK_OK);
	id = gk_test_item(A.s.db, &d, cat, title, "2025-10-10", "正文");
	gk_test_act(A.s.db, id, &d, WF_ACT_SUBMIT, "2025-10-10", NULL);
	gk_test_act(A.s.db, id, &r, WF_ACT_REVIEW, "2025-10-10", NULL);
	gk_test_act(A.s.db, id, &a, WF_ACT_APPROVE, "2025-10-13", NULL);
	gk_test_act(A.s.db, id, &o, WF_ACT_PUBLISH, "2025-10-13", NULL);
	return id;
}

static void
test_withdraw_validity(void **state)
{
	char	 path[64], actp[80], sql[160], out[64];
	int64_t	 id, n0;

	(void)state;
	id = published("政策文件/其他文件", "关于印发招商引资优惠政策的通知");
	snprintf(path, sizeof(path), "/admin/items/%lld", (long long)id);
	snprintf(actp, sizeof(actp), "/admin/items/%lld/act", (long long)id);
	assert_int_equal(call(&officer, "GET", path, NULL), 200);
	has("value=\"change_validity\"");
	has("value=\"withdraw\"");
	has("<a href=\"/item/");
	/* a validity change needs a date (not after today) */
	n0 = audit_count();
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "change_validity", "validity", "repealed", "validity_date", "", NULL }), 409);
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "change_validity", "validity", "nonsense", NULL }), 409);
	has("请选择新的有效性");
	assert_int_equal(audit_count(), n0);
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "change_validity", "validity", "repealed", "validity_date", "2025-10-13",
	    NULL }), 303);
	snprintf(sql, sizeof(sql), "SELECT validity || ' ' || validity_date || ' ' || state FROM item "
	    "WHERE id = %lld", (long long)id);
	gk_test_text(A.s.db, sql, out, sizeof(out));
	assert_string_equal(out, "废止 2025-10-13 published");
	/* the drafter cannot withdraw; the officer needs a reason */
	n0 = audit_count();
	assert_int_equal(call(&drafter, "POST", actp, (const char *const[]){
	    "action", "withdraw", "reason", "错误", NULL }), 409);
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "withdraw", "reason", " ", NULL }), 409);
	state_is(id, "published");
	assert_int_equal(audit_count(), n0);
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "withdraw", "reason", "内容有误，更正后重新发布", NULL }), 303);
	state_is(id, "withdrawn");
	assert_int_equal(call(&officer, "GET", path, NULL), 200);
	has("内容有误，更正后重新发布");
	lacks("value=\"withdraw\"");
}

static void
test_override(void **state)
{
	struct gk_item_actor	 d, r;
	char			 err[256], actp[80];
	int64_t			 id;

	(void)state;
	/* a 办事指南 whose mobile number must stay: explained at submission, let through by the approver */
	assert_int_equal(gk_item_actor_lookup(A.s.db, "drafter", &d, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_item_actor_lookup(A.s.db, "reviewer", &r, err, sizeof(err)), GK_OK);
	id = gk_test_item(A.s.db, &d, "办事指南", "企业开办咨询", "2025-10-10",
	    "咨询电话 13812345678（工作日）");
	snprintf(actp, sizeof(actp), "/admin/items/%lld/act", (long long)id);
	assert_int_equal(call(&drafter, "POST", actp, (const char *const[]){
	    "action", "submit", "reason", "对外公布的咨询手机", NULL }), 303);
	gk_test_act(A.s.db, id, &r, WF_ACT_REVIEW, "2025-10-13", NULL);
	snprintf(actp, sizeof(actp), "/admin/items/%lld", (long long)id);
	assert_int_equal(call(&approver, "GET", actp, NULL), 200);
	has("name=\"override\"");
	has("手机号码");
	/* the drafter's explanation is in front of the approver (办理记录) */
	has("<td>drafter</td><td>提交</td><td>保密审查说明：对外公布的咨询手机</td>");
	snprintf(actp, sizeof(actp), "/admin/items/%lld/act", (long long)id);
	assert_int_equal(call(&approver, "POST", actp, (const char *const[]){
	    "action", "approve", "check_legality", "pass", "check_accuracy", "pass",
	    "check_secrecy", "pass", "comment", "同意", NULL }), 409);
	state_is(id, "reviewed");
	assert_int_equal(call(&approver, "POST", actp, (const char *const[]){
	    "action", "approve", "check_legality", "pass", "check_accuracy", "pass",
	    "check_secrecy", "pass", "comment", "同意", "override", "对外公布的咨询电话", NULL }),
	    303);
	state_is(id, "approved");
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM audit WHERE action = 'approve' "
	    "AND change LIKE '%对外公布的咨询电话%'"), 1);
	assert_int_equal(call(&officer, "POST", actp, (const char *const[]){
	    "action", "publish", NULL }), 303);
	state_is(id, "published");
	snprintf(actp, sizeof(actp), "/admin/items/%lld", (long long)id);
	assert_int_equal(call(&officer, "GET", actp, NULL), 200);
	has("<td>approver</td><td>审定</td><td>同意；放行理由：对外公布的咨询电话</td>");
	has("<td>officer</td><td>发布</td>");
}

static void
test_office_reads(void **state)
{
	struct gk_admin_user	 office, child_drafter, stranger;
	struct gk_item_actor	 d;
	char			 err[256], path[64], actp[80], uscc[24], line[160];
	int64_t			 gov, child, id, n0;

	(void)state;
	/* 盐边县人民政府 governs 盐边县教育局; its 政务公开办 reads the bureau's items */
	snprintf(uscc, sizeof(uscc), "11510422MB0000001%c", gk_uscc_check_char("11510422MB0000001"));
	if (gk_agency_add(A.s.db, "admin", "盐边县人民政府", uscc, 0, "县级", NOW, &gov, err,
	    sizeof(err)) != GK_OK)
		fail_msg("agency: %s", err);
	snprintf(uscc, sizeof(uscc), "11510422MB0000002%c", gk_uscc_check_char("11510422MB0000002"));
	if (gk_agency_add(A.s.db, "admin", "盐边县教育局", uscc, gov, "县级", NOW, &child, err,
	    sizeof(err)) != GK_OK)
		fail_msg("agency: %s", err);
	assert_int_equal(gk_category_seed_defaults(A.s.db, child, "admin", NOW, err, sizeof(err)),
	    GK_OK);
	mkuser(&office, gov, "gov-office", WF_ROLE_OFFICE);
	mkuser(&child_drafter, child, "jy-drafter", WF_ROLE_DRAFTER);
	mkuser(&stranger, A.s.ag2, "cz-office", WF_ROLE_OFFICE);
	assert_int_equal(gk_item_actor_lookup(A.s.db, "jy-drafter", &d, err, sizeof(err)), GK_OK);
	id = gk_test_item(A.s.db, &d, "机构职能", "教育局机构职能", "2025-10-10", "职能");
	snprintf(path, sizeof(path), "/admin/items/%lld", (long long)id);
	snprintf(actp, sizeof(actp), "/admin/items/%lld/act", (long long)id);
	assert_int_equal(call(&office, "GET", path, NULL), 200);
	has("教育局机构职能");
	has("只读：本信息属于其他单位。");
	lacks("name=\"op\"");
	n0 = audit_count();
	assert_int_equal(call(&office, "POST", actp, (const char *const[]){
	    "action", "submit", NULL }), 404);
	assert_int_equal(audit_count(), n0);
	/* the list: the government's agencies to choose from, the bureau's items read-only */
	assert_int_equal(call(&office, "GET", "/admin/items", NULL), 200);
	snprintf(line, sizeof(line), "<option value=\"%lld\">盐边县教育局</option>", (long long)child);
	has(line);
	lacks("教育局机构职能");
	snprintf(line, sizeof(line), "%lld", (long long)child);
	assert_int_equal(call(&office, "GET", "/admin/items", (const char *const[]){
	    "agency", line, NULL }), 200);
	has("教育局机构职能");
	/*
	 * The dashboard: the bureau's policy file of Friday 2025-10-10 is due 5
	 * working days later — 10-11 (Saturday worked), 10-13, 10-14, 10-15,
	 * 10-16 — so on 10-13 three are left.
	 */
	assert_int_equal(call(&child_drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "教育局关于课后服务的通知", "category", "政策文件/其他文件",
	    "written_date", "2025-10-10", NULL }), 303);
	id = id_from_location();
	assert_int_equal(call(&office, "GET", "/admin/", NULL), 200);
	snprintf(line, sizeof(line), "<li>盐边县教育局：<a href=\"/admin/items/%lld\">教育局关于课后服务的通知"
	    "</a> 应于 2025-10-16 前发布，剩余 3 个工作日</li>", (long long)id);
	has(line);
	snprintf(line, sizeof(line), "%lld", (long long)child);
	/* an office of another government: 404, in the list too */
	assert_int_equal(call(&stranger, "GET", path, NULL), 404);
	assert_int_equal(call(&stranger, "GET", "/admin/items", (const char *const[]){
	    "agency", line, NULL }), 404);
	assert_int_equal(call(&child_drafter, "GET", "/admin/items", (const char *const[]){
	    "agency", "1", NULL }), 404);
}

/*
 * Allocation failures at every point of the editor's mask, the item page and
 * the dashboard: an error or a page, never a crash or a leak (ASan), and
 * nothing written.
 */
static void
test_out_of_memory(void **state)
{
	static const char *const kv[] = { "op", "mask:all", "title", "通知", "category", "其他",
	    "written_date", "2025-10-10", "body", "电话 13812345678，身份证 " IDNO "。", NULL };
	struct gk_web_arg	 a[8];
	struct gk_web_req	 req;
	char			 err[256];
	const char		*paths[] = { "/admin/items/new", "/admin/items/1", "/admin/" };
	int64_t			 n0;
	size_t			 i;
	long			 k;
	enum gk_err		 e;

	(void)state;
	assert_int_equal(call(&drafter, "POST", "/admin/items/new", (const char *const[]){
	    "op", "save", "title", "通知", "category", "其他", "written_date", "2025-10-10",
	    "body", "电话 13812345678", NULL }), 303);
	n0 = audit_count();
	for (i = 0; i < 5; i++) {
		a[i].name = kv[2 * i];
		a[i].value = kv[2 * i + 1];
	}
	for (k = 0; k < 400; k += 3) {
		for (i = 0; i < 3; i++) {
			memset(&req, 0, sizeof(req));
			req.method = i == 0 ? "POST" : "GET";
			req.path = paths[i];
			req.args = i == 0 ? a : NULL;
			req.nargs = i == 0 ? 5 : 0;
			gk_web_resp_clear(&A.resp);
			gk_web_resp_init(&A.resp);
			gk_mem_fail_after(k);
			e = i == 2 ? gk_admin_home(&A.ctx, &req, &drafter, &A.resp, err, sizeof(err)) :
			    gk_admin_items(&A.ctx, &req, &drafter, &A.resp, err, sizeof(err));
			gk_mem_fail_reset();
			assert_true(e == GK_OK || e == GK_ENOMEM || e == GK_EDB);
		}
	}
	assert_int_equal(audit_count(), n0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_item_day, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_other_agency, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_list_filters, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_uploads, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_injection, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_dashboard, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_mask_all, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_withdraw_validity, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_override, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_office_reads, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_out_of_memory, setup, gk_test_area_teardown),
};

GK_TEST_MAIN("admin_items", tests)
