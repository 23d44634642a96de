/*
 * test_consultation.c — 留言咨询 in the store (store/consultation.c):
 * submission with field-level checks and a fresh code, the officer's
 * steps (answer, re-answer, publish, reject) and every illegal transition
 * refused with nothing written, who may act and read, the audit entries
 * (personal data masked), the officers' list with paging, and the public
 * list: published ones only, nothing personal, and the working days each
 * answer took counted by hand from data/cn-holidays.tsv around 国庆 2025.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/calendar.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/consultation.h"
#include "store/db.h"

static struct gk_test_store S;

static int64_t
q_int(const char *sql)
{
	return gk_test_int(S.db, sql);
}

#define D(s)	gk_test_date(s)

static int
setup(void **state)
{
	(void)state;
	gk_test_store_open(&S, "consult", "2025-01-02T09:00:00+08:00");
	gk_test_exec(S.db, "INSERT INTO users (agency_id, login, display_name, role, created_at)"
	    " VALUES (1, 'o', '专员', 'officer', 'x'), (1, 'dr', '拟稿人', 'drafter', 'x'),"
	    " (2, 'o2', '财政专员', 'officer', 'x');"
	    " INSERT INTO user_role (user_id, role) SELECT id, role FROM users;");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gk_test_store_close(&S);
	return 0;
}

/* A question to agency a asked at the time now. */
static int64_t
ask(int64_t a, const char *now, const char *title)
{
	struct gk_consult_intake	 in = { "张三丰", "13812345678", "", title,
					    "请问招商引资优惠政策的申报条件是什么？\n谢谢。" };
	char				 err[512], code[GK_CONSULT_CODE_LEN + 1];
	int64_t				 id;

	if (gk_consult_new(S.db, "public", a, &in, now, &id, code, err, sizeof(err)) != GK_OK)
		fail_msg("new: %s", err);
	return id;
}

static void
test_new(void **state)
{
	struct gk_consult_intake	 in = { "张三丰", "13812345678", "zhang@example.com",
					    "关于优惠政策", "第一行\n第二行\t完" };
	struct gk_consult		 c;
	char				 err[512], code[GK_CONSULT_CODE_LEN + 1], t[2048];
	int64_t				 id;
	size_t				 i;

	(void)state;
	assert_int_equal(gk_consult_new(S.db, "public", S.ag, &in, "2025-09-29T20:15:00+08:00",
	    &id, code, err, sizeof(err)), GK_OK);
	assert_int_equal(strlen(code), 12);
	for (i = 0; i < 12; i++)
		assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", code[i]));
	assert_int_equal(gk_consult_get(S.db, "o", id, &c, err, sizeof(err)), GK_OK);
	assert_string_equal(c.code, code);
	assert_string_equal(c.name, "张三丰");
	assert_string_equal(c.phone, "13812345678");
	assert_string_equal(c.email, "zhang@example.com");
	assert_string_equal(c.question, "第一行\n第二行\t完");
	assert_string_equal(c.asked_at, "2025-09-29T20:15:00+08:00");
	assert_int_equal(c.asked, D("2025-09-29"));
	assert_int_equal(c.state, GK_CONSULT_PENDING);
	assert_int_equal(c.answered, GK_DATE_NONE);
	gk_consult_clear(&c);
	/* the audit entry: who, what, the personal data masked */
	gk_test_text(S.db, "SELECT actor || '|' || entity || '|' || action FROM audit"
	    " ORDER BY seq DESC LIMIT 1", t, sizeof(t));
	assert_string_equal(t, "public|consultation|new");
	gk_test_text(S.db, "SELECT change FROM audit ORDER BY seq DESC LIMIT 1", t, sizeof(t));
	assert_non_null(strstr(t, "\"name\":\"张**\""));
	assert_non_null(strstr(t, "138****5678"));
	assert_non_null(strstr(t, "z***@example.com"));
	assert_null(strstr(t, "13812345678"));
	assert_null(strstr(t, "张三丰"));
	assert_non_null(strstr(t, "\"asked\":\"2025-09-29\""));
	/* two submissions get different codes */
	{
		char code2[GK_CONSULT_CODE_LEN + 1];

		assert_int_equal(gk_consult_new(S.db, "public", S.ag, &in,
		    "2025-09-29T20:16:00+08:00", NULL, code2, err, sizeof(err)), GK_OK);
		assert_string_not_equal(code, code2);
	}
}

static void
refused_new(const struct gk_consult_intake *in, int64_t a, enum gk_err want, const char *msg)
{
	char	 err[512];
	int64_t	 n = q_int("SELECT count(*) FROM consultation"),
		 au = q_int("SELECT count(*) FROM audit");

	assert_int_equal(gk_consult_new(S.db, "public", a, in, "2025-09-29T10:00:00+08:00",
	    NULL, NULL, err, sizeof(err)), want);
	if (strstr(err, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err, msg);
	assert_int_equal(q_int("SELECT count(*) FROM consultation"), n);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), au);
}

static void
test_check(void **state)
{
	struct gk_consult_intake	 in;
	char				 msg[GK_CF__MAX][GK_CONSULT_MSG_LEN];
	char				 title[400], question[15100];
	int				 i;

	(void)state;
	memset(&in, 0, sizeof(in));
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	assert_string_equal(msg[GK_CF_NAME], "请填写姓名");
	assert_string_equal(msg[GK_CF_PHONE], "联系电话和电子邮件至少填写一项");
	assert_string_equal(msg[GK_CF_EMAIL], "联系电话和电子邮件至少填写一项");
	assert_string_equal(msg[GK_CF_TITLE], "请填写标题");
	assert_string_equal(msg[GK_CF_QUESTION], "请填写留言内容");

	in.name = "李四";
	in.email = "li@example.com";
	in.title = "问题";
	in.question = "内容";
	assert_int_equal(gk_consult_check(&in, msg), GK_OK);
	for (i = 0; i < GK_CF__MAX; i++)
		assert_string_equal(msg[i], "");
	in.phone = "138-abc";
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	assert_non_null(strstr(msg[GK_CF_PHONE], "联系电话无效"));
	assert_string_equal(msg[GK_CF_EMAIL], "");
	in.phone = "1234";	/* four digits */
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	in.phone = "+86 (0812) 345-6789";
	assert_int_equal(gk_consult_check(&in, msg), GK_OK);
	for (i = 0; i < 5; i++) {
		const char *bad[] = { "li", "@example.com", "li@example", "li@@example.com",
		    "li @example.com" };

		in.email = bad[i];
		assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
		assert_non_null(strstr(msg[GK_CF_EMAIL], "电子邮件地址无效"));
	}
	in.email = "";
	/* 100 characters of title pass, 101 do not (3 bytes each) */
	for (i = 0; i < 100; i++)
		memcpy(title + 3 * i, "问", 3);
	title[300] = '\0';
	in.title = title;
	assert_int_equal(gk_consult_check(&in, msg), GK_OK);
	memcpy(title + 300, "问", 4);
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	assert_string_equal(msg[GK_CF_TITLE], "标题至多 100 个字符（现为 101 个）");
	in.title = "标题\n换行";
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	assert_non_null(strstr(msg[GK_CF_TITLE], "控制字符"));
	in.title = "标题";
	for (i = 0; i < 5000; i++)
		memcpy(question + 3 * i, "问", 3);
	question[15000] = '\0';
	in.question = question;
	assert_int_equal(gk_consult_check(&in, msg), GK_OK);
	memcpy(question + 15000, "x", 2);
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	assert_string_equal(msg[GK_CF_QUESTION], "留言内容至多 5000 个字符（现为 5001 个）");
	in.question = "bad \xff byte";
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	in.question = "   \n  ";
	assert_int_equal(gk_consult_check(&in, msg), GK_EINVAL);
	assert_string_equal(msg[GK_CF_QUESTION], "请填写留言内容");

	/* the store refuses the same, with the first field's message, writing nothing */
	memset(&in, 0, sizeof(in));
	in.name = "李四";
	in.title = "问题";
	in.question = "内容";
	refused_new(&in, S.ag, GK_EINVAL, "联系电话和电子邮件至少填写一项");
	in.phone = "13812345678";
	in.name = "  ";
	refused_new(&in, S.ag, GK_EINVAL, "请填写姓名");
	in.name = "李四";
	refused_new(&in, 99, GK_ENOTFOUND, "机构 99 不存在");
}

static void
step_refused(enum gk_err got, enum gk_err want, const char *err, const char *msg,
    int64_t au)
{
	assert_int_equal(got, want);
	if (strstr(err, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err, msg);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), au);
}

static void
test_transitions(void **state)
{
	struct gk_consult	 c;
	char			 err[512], t[512];
	const char		*now = "2025-10-13T09:00:00+08:00";
	int64_t			 id, id2, au, gen;

	(void)state;
	id = ask(S.ag, "2025-09-29T10:00:00+08:00", "申报条件");
	id2 = ask(S.ag, "2025-09-30T10:00:00+08:00", "与本机关无关的内容");
	au = q_int("SELECT count(*) FROM audit");
	/* publishing an unanswered one */
	step_refused(gk_consult_publish(S.db, "o", id, now, err, sizeof(err)), GK_ECONFLICT,
	    err, "尚未答复，不能公开", au);
	/* answers: empty, before the question, after today */
	step_refused(gk_consult_answer(S.db, "o", id, "", D("2025-10-10"), now, err,
	    sizeof(err)), GK_EINVAL, err, "答复内容为必填项", au);
	step_refused(gk_consult_answer(S.db, "o", id, "答复", D("2025-09-28"), now, err,
	    sizeof(err)), GK_EINVAL, err, "答复日期 2025-09-28 早于留言日期 2025-09-29", au);
	step_refused(gk_consult_answer(S.db, "o", id, "答复", D("2025-10-14"), now, err,
	    sizeof(err)), GK_EINVAL, err, "答复日期 2025-10-14 晚于今天", au);
	step_refused(gk_consult_answer(S.db, "o", id, "答复", GK_DATE_NONE, now, err,
	    sizeof(err)), GK_EINVAL, err, "缺少答复日期", au);
	step_refused(gk_consult_answer(S.db, "o", 999, "答复", D("2025-10-10"), now, err,
	    sizeof(err)), GK_ENOTFOUND, err, "留言 999 不存在", au);
	/* reject without a reason */
	step_refused(gk_consult_reject(S.db, "o", id2, " ", now, err, sizeof(err)), GK_EINVAL,
	    err, "须写明理由", au);

	assert_int_equal(gk_consult_answer(S.db, "o", id, "初稿", D("2025-10-09"), now, err,
	    sizeof(err)), GK_OK);
	/* a correction before publication */
	assert_int_equal(gk_consult_answer(S.db, "o", id, "申报条件见<a>《办法》</a>第三条。",
	    D("2025-10-10"), now, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), au + 2);
	gk_test_text(S.db, "SELECT action || ' ' || change FROM audit ORDER BY seq DESC LIMIT 1",
	    t, sizeof(t));
	assert_string_equal(t, "answer {\"answer\":\"申报条件见<a>《办法》</a>第三条。\","
	    "\"date\":\"2025-10-10\",\"revised\":true}");
	/* an answered one cannot be rejected */
	au = q_int("SELECT count(*) FROM audit");
	step_refused(gk_consult_reject(S.db, "o", id, "理由", now, err, sizeof(err)),
	    GK_ECONFLICT, err, "已答复，不能作不予公开处理", au);
	gen = q_int("SELECT gen FROM site_state");
	assert_int_equal(gk_consult_publish(S.db, "o", id, now, err, sizeof(err)), GK_OK);
	/* publication changes what the public sees: the site's generation moves */
	assert_true(q_int("SELECT gen FROM site_state") > gen);
	assert_int_equal(gk_consult_get(S.db, "o", id, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.state, GK_CONSULT_PUBLISHED);
	assert_string_equal(c.answer, "申报条件见<a>《办法》</a>第三条。");
	assert_string_equal(c.answered_by, "o");
	assert_int_equal(c.answered, D("2025-10-10"));
	assert_string_equal(c.published_at, now);
	gk_consult_clear(&c);
	au = q_int("SELECT count(*) FROM audit");
	step_refused(gk_consult_answer(S.db, "o", id, "再改", D("2025-10-13"), now, err,
	    sizeof(err)), GK_ECONFLICT, err, "已公开，不能答复", au);
	step_refused(gk_consult_publish(S.db, "o", id, now, err, sizeof(err)), GK_ECONFLICT,
	    err, "已公开，不能公开", au);
	step_refused(gk_consult_reject(S.db, "o", id, "理由", now, err, sizeof(err)),
	    GK_ECONFLICT, err, "已公开", au);

	assert_int_equal(gk_consult_reject(S.db, "o", id2, "留言内容与本机关职责无关", now,
	    err, sizeof(err)), GK_OK);
	au = q_int("SELECT count(*) FROM audit");
	step_refused(gk_consult_answer(S.db, "o", id2, "答复", D("2025-10-10"), now, err,
	    sizeof(err)), GK_ECONFLICT, err,
	    "已作不予公开处理（留言内容与本机关职责无关），不能答复", au);
	step_refused(gk_consult_publish(S.db, "o", id2, now, err, sizeof(err)), GK_ECONFLICT,
	    err, "不能公开", au);
	step_refused(gk_consult_reject(S.db, "o", id2, "再次", now, err, sizeof(err)),
	    GK_ECONFLICT, err, "不能作不予公开处理", au);
	assert_int_equal(gk_consult_get(S.db, "o", id2, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.state, GK_CONSULT_REJECTED);
	assert_string_equal(c.reject_reason, "留言内容与本机关职责无关");
	assert_string_equal(c.answer, "");
	gk_consult_clear(&c);
}

static void
test_authorization(void **state)
{
	struct gk_consult	 c;
	struct gk_consult_list	 l;
	struct gk_consult_filter f = { 0, -1, 0, 0 };
	char			 err[512];
	const char		*now = "2025-10-13T09:00:00+08:00";
	int64_t			 id, au;

	(void)state;
	id = ask(S.ag, "2025-09-29T10:00:00+08:00", "授权");
	au = q_int("SELECT count(*) FROM audit");
	/* a drafter of the agency, an officer of another agency */
	step_refused(gk_consult_answer(S.db, "dr", id, "答复", D("2025-10-10"), now, err,
	    sizeof(err)), GK_ECONFLICT, err, "无权", au);
	step_refused(gk_consult_answer(S.db, "o2", id, "答复", D("2025-10-10"), now, err,
	    sizeof(err)), GK_ECONFLICT, err, "无权", au);
	step_refused(gk_consult_reject(S.db, "dr", id, "理由", now, err, sizeof(err)),
	    GK_ECONFLICT, err, "无权", au);
	step_refused(gk_consult_answer(S.db, "", id, "答复", D("2025-10-10"), now, err,
	    sizeof(err)), GK_EINVAL, err, "缺少操作人", au);
	/* reading names and phones takes the same roles */
	assert_int_equal(gk_consult_get(S.db, "dr", id, &c, err, sizeof(err)), GK_ECONFLICT);
	assert_null(c.name);
	assert_int_equal(gk_consult_get(S.db, "o2", id, &c, err, sizeof(err)), GK_ECONFLICT);
	f.agency_id = S.ag;
	assert_int_equal(gk_consult_list(S.db, "dr", &f, &l, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(l.n, 0);
	/* the operator's shell is trusted */
	assert_int_equal(gk_consult_answer(S.db, "cli:root", id, "答复", D("2025-10-10"), now,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_publish(S.db, "o", id, now, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), au + 2);
}

static void
test_lists(void **state)
{
	struct gk_consult_public_list	 p;
	struct gk_consult_list		 l;
	struct gk_consult_filter	 f = { 1, -1, 0, 0 };
	char				 err[512];
	const char			*now = "2025-10-13T09:00:00+08:00";
	int64_t				 a, b, c, d, e;
	size_t				 i;

	(void)state;
	a = ask(S.ag, "2025-09-29T10:00:00+08:00", "国庆前一周");
	b = ask(S.ag, "2025-10-09T10:00:00+08:00", "节后");
	c = ask(S.ag, "2025-09-26T10:00:00+08:00", "调休");
	d = ask(S.ag, "2025-10-10T10:00:00+08:00", "未答复");
	e = ask(S.ag2, "2025-10-10T10:00:00+08:00", "另一机构");
	/*
	 * By hand from data/cn-holidays.tsv (2025: 09-28 Sun work, 10-01..10-08
	 * off, 10-11 Sat work), working days after the question up to the answer:
	 *   a 09-29 → 10-10: 09-30, 10-09, 10-10                      = 3
	 *   b 10-09 → 10-13: 10-10, 10-11 (Sat, worked), 10-13         = 3
	 *   c 09-26 → 09-30: 09-28 (Sun, worked), 09-29, 09-30         = 3
	 *   e same day                                                 = 0
	 */
	assert_int_equal(gk_consult_answer(S.db, "o", a, "答a", D("2025-10-10"), now, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_answer(S.db, "o", b, "答b", D("2025-10-13"), now, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_answer(S.db, "o", c, "答c", D("2025-09-30"), now, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_answer(S.db, "o2", e, "答e", D("2025-10-10"), now, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_publish(S.db, "o", a, now, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_publish(S.db, "o", b, now, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_publish(S.db, "o2", e, now, err, sizeof(err)), GK_OK);
	/* c answered but not published, d pending: neither is public */
	assert_int_equal(gk_consult_public_list(S.db, S.ag, &S.cal, 10, 0, &p, err, sizeof(err)), GK_OK);
	assert_int_equal(p.total, 2);
	assert_int_equal(p.n, 2);
	/* newest answer first */
	assert_string_equal(p.v[0].title, "节后");
	assert_string_equal(p.v[0].answer, "答b");
	assert_int_equal(p.v[0].asked, D("2025-10-09"));
	assert_int_equal(p.v[0].answered, D("2025-10-13"));
	assert_int_equal(p.v[0].workdays, 3);
	assert_string_equal(p.v[1].title, "国庆前一周");
	assert_int_equal(p.v[1].workdays, 3);
	for (i = 0; i < p.n; i++) {
		assert_null(strstr(p.v[i].question, "张三丰"));
		assert_null(strstr(p.v[i].title, "138"));
	}
	gk_consult_public_list_free(&p);
	/* c's count once published; then paging */
	assert_int_equal(gk_consult_publish(S.db, "o", c, now, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_consult_public_list(S.db, S.ag, &S.cal, 1, 2, &p, err, sizeof(err)), GK_OK);
	assert_int_equal(p.total, 3);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].title, "调休");
	assert_int_equal(p.v[0].workdays, 3);
	gk_consult_public_list_free(&p);
	assert_int_equal(gk_consult_public_list(S.db, S.ag2, &S.cal, 5, 0, &p, err, sizeof(err)), GK_OK);
	assert_int_equal(p.n, 1);
	assert_int_equal(p.v[0].workdays, 0);
	gk_consult_public_list_free(&p);
	/* without a calendar the count is unknown, not invented */
	assert_int_equal(gk_consult_public_list(S.db, S.ag2, NULL, 5, 0, &p, err, sizeof(err)), GK_OK);
	assert_int_equal(p.v[0].workdays, -1);
	gk_consult_public_list_free(&p);
	assert_int_equal(gk_consult_public_list(S.db, S.ag, &S.cal, 0, 0, &p, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(gk_consult_public_list(S.db, S.ag, &S.cal, 101, 0, &p, err, sizeof(err)),
	    GK_EINVAL);

	/* the officers' list: by state, newest question first, paged */
	assert_int_equal(gk_consult_list(S.db, "o", &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.total, 4);
	assert_int_equal(l.n, 4);
	assert_int_equal(l.v[0].id, d);
	assert_string_equal(l.v[0].phone, "13812345678");
	assert_int_equal(l.v[3].id, c);
	gk_consult_list_free(&l);
	f.state = GK_CONSULT_PENDING;
	assert_int_equal(gk_consult_list(S.db, "o", &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.total, 1);
	assert_int_equal(l.v[0].id, d);
	gk_consult_list_free(&l);
	f.state = GK_CONSULT_PUBLISHED;
	f.limit = 2;
	f.offset = 1;
	assert_int_equal(gk_consult_list(S.db, "o", &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.total, 3);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, a);
	assert_int_equal(l.v[1].id, c);
	gk_consult_list_free(&l);
	f.agency_id = 99;
	assert_int_equal(gk_consult_list(S.db, "o", &f, &l, err, sizeof(err)), GK_ENOTFOUND);
	f.agency_id = S.ag;
	f.state = 7;
	assert_int_equal(gk_consult_list(S.db, "o", &f, &l, err, sizeof(err)), GK_EINVAL);
}

static void
test_states_names(void **state)
{
	enum gk_consult_state s;

	(void)state;
	assert_string_equal(gk_consult_state_name(GK_CONSULT_ANSWERED), "answered");
	assert_string_equal(gk_consult_state_label(GK_CONSULT_REJECTED), "不予公开");
	assert_true(gk_consult_state_from_name("已公开", &s));
	assert_int_equal(s, GK_CONSULT_PUBLISHED);
	assert_true(gk_consult_state_from_name("已答复", &s));
	assert_int_equal(s, GK_CONSULT_ANSWERED);
	assert_true(gk_consult_state_from_name("pending", &s));
	assert_int_equal(s, GK_CONSULT_PENDING);
	assert_false(gk_consult_state_from_name("open", &s));
	assert_string_equal(gk_consult_state_name((enum gk_consult_state)9), "");
}

/* Allocation failures at every step of a submission: all or nothing. */
static void
test_alloc_failures(void **state)
{
	struct gk_consult_intake	 in = { "张三", "13812345678", "", "题", "问" };
	char				 err[512];
	long				 n;
	int64_t				 rows, au;
	enum gk_err			 e = GK_ENOMEM;

	(void)state;
	for (n = 0; n < 200 && e != GK_OK; n++) {
		rows = q_int("SELECT count(*) FROM consultation");
		au = q_int("SELECT count(*) FROM audit");
		gk_mem_fail_after(n);
		e = gk_consult_new(S.db, "public", S.ag, &in, "2025-10-13T09:00:00+08:00", NULL,
		    NULL, err, sizeof(err));
		gk_mem_fail_reset();
		if (e != GK_OK) {
			assert_int_equal(q_int("SELECT count(*) FROM consultation"), rows);
			assert_int_equal(q_int("SELECT count(*) FROM audit"), au);
		} else {
			assert_int_equal(q_int("SELECT count(*) FROM consultation"), rows + 1);
			assert_int_equal(q_int("SELECT count(*) FROM audit"), au + 1);
		}
	}
	assert_int_equal(e, GK_OK);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_new, setup, teardown),
	cmocka_unit_test_setup_teardown(test_check, setup, teardown),
	cmocka_unit_test_setup_teardown(test_transitions, setup, teardown),
	cmocka_unit_test_setup_teardown(test_authorization, setup, teardown),
	cmocka_unit_test_setup_teardown(test_lists, setup, teardown),
	cmocka_unit_test(test_states_names),
	cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
};

GK_TEST_MAIN("consultation", tests)
