/*
 * test_forms.c — the public forms through gk_web_dispatch (web/forms.c),
 * without a server: the application form (labels, hints, required marks,
 * the honeypot), field-level messages next to their fields with the
 * entered values re-rendered escaped, success creating exactly one
 * application with the due date counted by hand, the tracking page
 * (nothing personal; unknown 404, malformed 400), the honeypot storing
 * nothing, the per-address limit (429, then a token back after 2
 * minutes), injection strings in every field rendered inert and stored
 * verbatim, and 留言咨询: submission, moderation, the public list with the
 * working days taken, paging and bad page numbers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "core/calendar.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/consultation.h"
#include "store/db.h"
#include "web/web.h"

static struct gk_db		*db;
static struct calendar		 cal;
static struct gk_site		 site;
static struct gk_web_ctx	 ctx;
static struct gk_web_resp	 resp;
static char			 dir[64];

static int
setup(void **state)
{
	char	 err[512];
	int64_t	 id;

	(void)state;
	db = gk_test_db_open("forms", dir, sizeof(dir), NULL, 0);
	assert_int_equal(gk_agency_add(db, "admin", "盐边县经济合作和商务局",
	    "11510422MB1234567Y", 0, "县级", "2025-01-02T09:00:00+08:00", &id, err,
	    sizeof(err)), GK_OK);
	gk_test_calendar(&cal);
	gk_test_web_ctx(&ctx, &site, db, &cal, "2025-10-13T09:00:00+08:00");
	gk_web_resp_init(&resp);
	return 0;
}

static int
teardown(void **state)
{

	(void)state;
	gk_web_resp_clear(&resp);
	calendar_clear(&cal);
	gk_test_db_remove(db, dir);
	return 0;
}

/* Runs one request; args as name, value pairs ending with NULL. */
static int
call(const char *method, const char *path, const char *client, const char *const *kv)
{
	if (gk_test_web(&ctx, &resp, method, path, client, kv, NULL) != GK_OK)
		fail_msg("%s %s: no handler answered", method, path);
	return resp.status;
}

#define body()		gk_test_body(&resp)
#define has(s)		gk_test_has(body(), (s))
#define lacks(s)	gk_test_lacks(body(), (s))

static int64_t
q_int(const char *sql)
{
	return gk_test_int(db, sql);
}

/* A good application, with the given client; the values can be replaced by index. */
#define GOOD_APPLY \
	"type", "natural", "name", "张三", "idno", "", "phone", "13812345678", \
	"email", "zhangsan@example.com", "address", "四川省攀枝花市盐边县桐子林镇1号", \
	"request", "2025年招商引资优惠政策兑现情况", "docno", "盐边商务〔2025〕12号", \
	"purpose", "企业经营参考", "delivery", "电子邮件"

static void
test_apply_form(void **state)
{
	static const char *const ids[] = { "f-name", "f-idno", "f-phone", "f-email",
	    "f-address", "f-request", "f-docno", "f-purpose" };
	size_t i;

	(void)state;
	assert_int_equal(call("GET", "/apply/1", "192.0.2.10", NULL), 200);
	assert_int_equal(resp.cacheable, 0);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++) {
		char want[64];

		snprintf(want, sizeof(want), "<label for=\"%s\">", ids[i]);
		has(want);
		snprintf(want, sizeof(want), "id=\"%s-hint\"", ids[i]);
		has(want);
	}
	/* the six applicant types of the report, the ways of delivery */
	has("自然人");
	has("商业企业");
	has("科研机构");
	has("社会公益组织");
	has("法律服务机构");
	has("value=\"other\"");
	has("纸质文本（邮寄）");
	has("电子邮件");
	has("光盘");
	has("当面领取");
	/* required marks, the honeypot, the form's target */
	has("<span class=\"sr\">（必填）</span>");
	has("aria-required=\"true\"");
	has("<label for=\"f-website\">请勿填写此项</label>");
	has("name=\"website\" type=\"text\" tabindex=\"-1\"");
	has("method=\"post\" action=\"/apply/1\"");
	has("盐边县经济合作和商务局");
	lacks("提交未成功");
	assert_int_equal(call("HEAD", "/apply/1", "192.0.2.10", NULL), 200);
	/* unknown agency, malformed paths */
	assert_int_equal(call("GET", "/apply/99", "192.0.2.10", NULL), 404);
	has("该机构不存在");
	assert_int_equal(call("GET", "/apply/abc", "192.0.2.10", NULL), 404);
	assert_int_equal(call("GET", "/apply/01", "192.0.2.10", NULL), 404);
	assert_int_equal(call("GET", "/apply/1/x", "192.0.2.10", NULL), 404);
	assert_int_equal(call("GET", "/apply/9999999999999999999999", "192.0.2.10", NULL), 404);
}

static void
test_apply_errors(void **state)
{
	static const char *const empty[] = { "website", "", NULL };
	const char *bad[] = { "type", "robot", "name", "", "idno", "110105194912310022",
	    "phone", "138-abc", "email", "not-an-email", "address", "",
	    "request", "", "docno", "", "purpose", "", "delivery", "信鸽", NULL };
	char	 big[700];
	int	 i;

	(void)state;
	assert_int_equal(call("POST", "/apply/1", "192.0.2.11", empty), 400);
	assert_int_equal(resp.cacheable, 0);
	has("提交未成功");
	has("请选择申请人类型");
	has("请填写姓名或者名称");
	has("联系电话、电子邮件、通信地址至少填写一项（条例第二十九条）");
	has("请填写所需政府信息的名称或描述");
	has("请选择获取信息的方式");
	/* each message next to its field, tied to it for screen readers */
	has("aria-describedby=\"f-name-hint f-name-err\"");
	has("<p class=\"field-error\" id=\"f-name-err\"><strong>错误：</strong>请填写姓名或者名称</p>");
	has("aria-invalid=\"true\"");
	has("<a href=\"#f-request\">");
	assert_int_equal(q_int("SELECT count(*) FROM application"), 0);

	/* the store's own rules per field: an ID number failing its check, phone, e-mail */
	assert_int_equal(call("POST", "/apply/1", "192.0.2.11", bad), 400);
	has("<p class=\"field-error\" id=\"f-idno-err\"><strong>错误：</strong>身份证明号码无效");
	has("<p class=\"field-error\" id=\"f-phone-err\"><strong>错误：</strong>电话号码无效");
	has("<p class=\"field-error\" id=\"f-email-err\"><strong>错误：</strong>电子邮件地址无效");
	has("请选择申请人类型");
	/* entered values come back */
	has("value=\"110105194912310022\"");
	has("value=\"not-an-email\"");

	/* size limits: a field error, not a crash */
	for (i = 0; i < 201; i++)
		memcpy(big + 3 * i, "名", 3);
	big[603] = '\0';
	{
		const char *kv[] = { GOOD_APPLY, NULL };

		kv[3] = big;
		assert_int_equal(call("POST", "/apply/1", "192.0.2.11", kv), 400);
		has("姓名或者名称至多 200 个字符（现为 201 个）");
	}
	{
		const char *kv[] = { GOOD_APPLY, NULL };

		kv[3] = "张\x01三";
		assert_int_equal(call("POST", "/apply/1", "192.0.2.11", kv), 400);
		has("姓名或者名称含有无法识别的字符或控制字符");
		kv[3] = "张三";
		kv[19] = "电子邮件";
		kv[9] = "";	/* e-mail wanted but none given */
		assert_int_equal(call("POST", "/apply/1", "192.0.2.11", kv), 400);
		has("选择以电子邮件获取信息时，请填写电子邮件");
	}
	assert_int_equal(q_int("SELECT count(*) FROM application"), 0);
}

/* The tracking code shown on the success page (grouped ABCD-EFGH-JKMN). */
static void
page_code(char out[16])
{
	const char *p = strstr(body(), "<strong class=\"code\">");

	assert_non_null(p);
	p += strlen("<strong class=\"code\">");
	memcpy(out, p, 14);
	out[14] = '\0';
}

static void
test_apply_track(void **state)
{
	const char	*kv[] = { GOOD_APPLY, NULL };
	char		 code[16], path[64], t[512], lower[16];
	const char	*track[] = { "code", NULL, NULL };
	size_t		 i;

	(void)state;
	assert_int_equal(call("POST", "/apply/1", "192.0.2.12", kv), 200);
	assert_int_equal(resp.cacheable, 0);
	has("申请已提交");
	/*
	 * Received Monday 2025-10-13; 20 working days after it (2025 has no
	 * holiday or adjusted day after 10-11): 10-14..17 (4), 10-20..24 (9),
	 * 10-27..31 (14), 11-03..07 (19), 11-10 (20).
	 */
	has("收到申请之日：<time datetime=\"2025-10-13\">2025-10-13</time>");
	has("答复期限：<time datetime=\"2025-11-10\">2025-11-10</time>");
	page_code(code);
	assert_int_equal(q_int("SELECT count(*) FROM application"), 1);
	gk_test_text(db, "SELECT channel || '|' || applicant_type || '|' || applicant_name || '|' ||"
	    " received_date || '|' || delivery || '|' || request FROM application", t, sizeof(t));
	assert_string_equal(t, "online|natural|张三|2025-10-13|电子邮件|2025年招商引资优惠政策兑现情况"
	    "\n文号：盐边商务〔2025〕12号\n用途：企业经营参考");
	gk_test_text(db, "SELECT actor FROM audit ORDER BY seq DESC LIMIT 1", t, sizeof(t));
	assert_string_equal(t, "public");
	snprintf(path, sizeof(path), "href=\"/track?code=");
	has(path);

	/* tracking: typed in lower case with the hyphens */
	for (i = 0; code[i] != '\0'; i++)
		lower[i] = (char)(code[i] >= 'A' && code[i] <= 'Z' ? code[i] - 'A' + 'a' : code[i]);
	lower[i] = '\0';
	track[1] = lower;
	assert_int_equal(call("GET", "/track", "192.0.2.12", track), 200);
	assert_int_equal(resp.cacheable, 0);
	has(code);
	has("盐边县经济合作和商务局");
	has("在线申请");
	has("<td>2025-10-13</td>");
	has("办理中");
	has("<th scope=\"row\">答复期限</th><td>2025-11-10</td>");
	has("<td>20 个工作日</td>");
	has("收到申请");
	/* nothing personal, not even the request */
	lacks("张三");
	lacks("13812345678");
	lacks("zhangsan");
	lacks("桐子林");
	lacks("招商引资优惠政策兑现");
	lacks("12号");

	/* closed: the outcome and the date */
	gk_test_exec(db, "INSERT INTO application_event (application_id, seq, kind, date, outcome,"
	    " actor, note, recorded_at) VALUES (1, 1, 'answer', '2025-10-13', 'open', 'o', '', 'x');"
	    " UPDATE application SET state = 'closed'");
	assert_int_equal(call("GET", "/track", "192.0.2.12", track), 200);
	has("予以公开");
	has("<th scope=\"row\">答复日期</th><td>2025-10-13</td>");
	lacks("剩余时间");

	/* unknown, malformed, none */
	track[1] = "ABCD-EFGH-JKMN";
	assert_int_equal(call("GET", "/track", "192.0.2.12", track), 404);
	has("没有找到查询码为 ABCDEFGHJKMN 的申请");
	has("<form");
	has("value=\"ABCD-EFGH-JKMN\"");
	track[1] = "<script>x</script>";
	assert_int_equal(call("GET", "/track", "192.0.2.12", track), 400);
	has("查询码格式不正确");
	lacks("<script>x");
	has("&lt;script&gt;x");
	assert_int_equal(call("GET", "/track", "192.0.2.12", NULL), 200);
	has("<label for=\"f-code\">查询码");
	track[1] = "";
	assert_int_equal(call("GET", "/track", "192.0.2.12", track), 200);
	assert_int_equal(call("POST", "/track", "192.0.2.12", track), 405);
}

static void
test_honeypot_and_limit(void **state)
{
	const char	*kv[] = { GOOD_APPLY, "website", "http://spam.example/", NULL };
	const char	*good[] = { GOOD_APPLY, NULL };
	int		 i;

	(void)state;
	assert_int_equal(call("POST", "/apply/1", "203.0.113.5", kv), 200);
	has("您的提交已收到");
	lacks("查询码");
	assert_int_equal(q_int("SELECT count(*) FROM application"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE entity = 'application'"), 0);
	{
		const char *ckv[] = { "name", "王五", "phone", "13812345678", "title", "广告",
		    "question", "广告内容", "website", "x", NULL };

		assert_int_equal(call("POST", "/consult/1", "203.0.113.5", ckv), 200);
		has("您的提交已收到");
		assert_int_equal(q_int("SELECT count(*) FROM consultation"), 0);
	}
	/* that was 2 of the address's 5; three more succeed, the sixth is refused */
	for (i = 0; i < 3; i++)
		assert_int_equal(call("POST", "/apply/1", "203.0.113.5", good), 200);
	assert_int_equal(call("POST", "/apply/1", "203.0.113.5", good), 429);
	assert_int_equal(resp.cacheable, 0);
	has("提交过于频繁：同一网络地址每 10 分钟至多提交 5 次。请于 2 分钟后再试（约 120 秒）");
	/* what was typed is still there */
	has("value=\"张三\"");
	assert_int_equal(q_int("SELECT count(*) FROM application"), 3);
	/* another address is not affected */
	assert_int_equal(call("POST", "/apply/1", "203.0.113.6", good), 200);
	/* invalid submissions do not use up the allowance */
	assert_int_equal(call("POST", "/apply/1", "203.0.113.7", NULL), 400);
	/* two minutes later one token is back */
	snprintf(ctx.now, sizeof(ctx.now), "2025-10-13T09:02:00+08:00");
	assert_int_equal(call("POST", "/apply/1", "203.0.113.5", good), 200);
	assert_int_equal(call("POST", "/apply/1", "203.0.113.5", good), 429);
	assert_int_equal(q_int("SELECT count(*) FROM application"), 5);
}

static const char *const hostile[] = {
	"<script>alert(1)</script>",
	"\"><img src=x onerror=alert(1)>",
	"' OR '1'='1'; DROP TABLE application; --",
	"{{7*7}} ${7*7} %s%n",
	"javascript:alert(1)",
};

static void
test_injection(void **state)
{
	const char	*fields[] = { "type", "name", "idno", "phone", "email", "address",
			    "request", "docno", "purpose", "delivery" };
	const char	*kv[2 * 10 + 1];
	char		 t[512];
	size_t		 h, i;

	(void)state;
	/* every field hostile: refused, each value re-rendered inert */
	for (h = 0; h < sizeof(hostile) / sizeof(hostile[0]); h++) {
		for (i = 0; i < 10; i++) {
			kv[2 * i] = fields[i];
			kv[2 * i + 1] = hostile[h];
		}
		kv[20] = NULL;
		assert_int_equal(call("POST", "/apply/1", "198.51.100.1", kv), 400);
		lacks("<script>alert");
		lacks("<img src=x");
		lacks("\"><img");
		if (h == 1)
			has("value=\"&quot;&gt;&lt;img src=x onerror=alert(1)&gt;\"");
	}
	/* accepted where the field allows any text: stored verbatim, shown nowhere raw */
	for (h = 0; h < sizeof(hostile) / sizeof(hostile[0]); h++) {
		const char *good[] = { GOOD_APPLY, NULL };

		good[3] = hostile[h];		/* name */
		good[11] = hostile[h];		/* address */
		good[13] = hostile[h];		/* request */
		good[15] = hostile[h];		/* docno */
		good[17] = hostile[h];		/* purpose */
		assert_int_equal(call("POST", "/apply/1", "198.51.100.2", good), 200);
		lacks("<script>alert");
		lacks("<img src=x");
	}
	assert_int_equal(q_int("SELECT count(*) FROM application"), 5);
	gk_test_text(db, "SELECT applicant_name FROM application WHERE id = 2", t, sizeof(t));
	assert_string_equal(t, hostile[1]);
	gk_test_text(db, "SELECT address FROM application WHERE id = 3", t, sizeof(t));
	assert_string_equal(t, hostile[2]);
	gk_test_text(db, "SELECT request FROM application WHERE id = 4", t, sizeof(t));
	assert_string_equal(t, "{{7*7}} ${7*7} %s%n\n文号：{{7*7}} ${7*7} %s%n\n用途：{{7*7}} ${7*7} %s%n");
	/* consultations: every field hostile, the re-rendered form inert */
	for (h = 0; h < sizeof(hostile) / sizeof(hostile[0]); h++) {
		const char *ckv[] = { "name", hostile[h], "phone", hostile[h], "email", hostile[h],
		    "title", hostile[h], "question", hostile[h], NULL };

		assert_int_equal(call("POST", "/consult/1", "198.51.100.3", ckv), 400);
		lacks("<script>alert");
		lacks("<img src=x");
	}
}

static void
test_consult(void **state)
{
	const char	*kv[] = { "name", "李四", "phone", "13912345678", "email", "",
			    "title", "招商引资<优惠>政策咨询",
			    "question", "请问申报条件是什么？\n谢谢。", NULL };
	const char	*pg[] = { "page", "2", NULL };
	char		 err[512], title[64];
	int32_t		 d;
	int64_t		 id;
	int		 i;

	(void)state;
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", NULL), 200);
	assert_int_equal(resp.cacheable, 0);
	has("暂无已公开的留言");
	has("<label for=\"f-title\">标题");
	has("<label for=\"f-question\">留言内容");
	has("请勿填写此项");
	assert_int_equal(call("GET", "/consult/99", "192.0.2.20", NULL), 404);

	/* field errors */
	{
		const char *bad[] = { "name", "", "phone", "", "email", "", "title", "",
		    "question", "", NULL };

		assert_int_equal(call("POST", "/consult/1", "192.0.2.20", bad), 400);
		has("请填写姓名");
		has("联系电话和电子邮件至少填写一项");
		has("<p class=\"field-error\" id=\"f-title-err\"><strong>错误：</strong>请填写标题</p>");
		has("请填写留言内容");
		assert_int_equal(q_int("SELECT count(*) FROM consultation"), 0);
	}

	/* a submission: pending, not public */
	assert_int_equal(call("POST", "/consult/1", "192.0.2.20", kv), 200);
	has("已提交，经审核后公开");
	has("<strong class=\"code\">");
	assert_int_equal(q_int("SELECT count(*) FROM consultation WHERE state = 'pending'"), 1);
	id = q_int("SELECT id FROM consultation");
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", NULL), 200);
	has("暂无已公开的留言");
	lacks("优惠");

	/* answered on 10-10 for a question asked 09-29: 3 working days (09-30, 10-09, 10-10) */
	gk_test_exec(db, "UPDATE consultation SET asked_date = '2025-09-29',"
	    " asked_at = '2025-09-29T10:00:00+08:00'");
	assert_int_equal(gk_date_parse("2025-10-10", 10, &d), GK_OK);
	assert_int_equal(gk_consult_answer(db, "cli:root", id, "见<b>《办法》</b>第三条。", d,
	    ctx.now, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_publish(db, "cli:root", id, ctx.now, err, sizeof(err)), GK_OK);
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", NULL), 200);
	has("已公开的留言（共 1 条）");
	has("<h3>招商引资&lt;优惠&gt;政策咨询</h3>");
	has("请问申报条件是什么？\n谢谢。");
	has("见&lt;b&gt;《办法》&lt;/b&gt;第三条。");
	has("留言日期：<time datetime=\"2025-09-29\">2025-09-29</time>");
	has("答复日期：<time datetime=\"2025-10-10\">2025-10-10</time>");
	has("用时 3 个工作日");
	lacks("李四");
	lacks("13912345678");

	/* paging: 11 more published, 10 a page, newest answer first */
	for (i = 0; i < 11; i++) {
		snprintf(title, sizeof(title), "第%d条", i);
		gk_test_exec(db, "INSERT INTO consultation (agency_id, code, name, phone, title,"
		    " question, asked_at, asked_date, state, answer, answer_date, published_at)"
		    " SELECT 1, 'C' || (SELECT count(*) FROM consultation), '某', '1', 'T', 'Q',"
		    " 'x', '2025-10-11', 'published', 'A', '2025-10-13', 'x'");
	}
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", NULL), 200);
	has("已公开的留言（共 12 条）");
	has("<span aria-current=\"page\">1</span>");
	has("<a href=\"/consult/1?page=2\">2</a>");
	lacks("招商引资&lt;优惠&gt;");	/* the oldest answer is on page 2 */
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", pg), 200);
	has("招商引资&lt;优惠&gt;");
	/* asked 10-11 (a worked Saturday), answered 10-13: 10-12 is Sunday, so 1 working day */
	has("用时 1 个工作日");
	pg[1] = "0";
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", pg), 400);
	pg[1] = "x";
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", pg), 400);
	pg[1] = "99999999999999999999";
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", pg), 400);
	pg[1] = "50";
	assert_int_equal(call("GET", "/consult/1", "192.0.2.20", pg), 200);
	assert_int_equal(call("GET", "/consult/1/", "192.0.2.20", NULL), 404);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_apply_form, setup, teardown),
	cmocka_unit_test_setup_teardown(test_apply_errors, setup, teardown),
	cmocka_unit_test_setup_teardown(test_apply_track, setup, teardown),
	cmocka_unit_test_setup_teardown(test_honeypot_and_limit, setup, teardown),
	cmocka_unit_test_setup_teardown(test_injection, setup, teardown),
	cmocka_unit_test_setup_teardown(test_consult, setup, teardown),
};

GK_TEST_MAIN("forms", tests)
