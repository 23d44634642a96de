/*
 * test_application.c — applications in the store (store/application.c):
 * intake validation (条例第二十九条, 第三十一条), the tracking code (format,
 * uniqueness with a forced collision, Crockford reading), every event
 * through gk_apply_act with the row, the event rows and the audit entry
 * checked, refused events writing nothing (row, events, audit unchanged),
 * who may act and who may see personal data, masking in lists and in the
 * audit chain, the public view by code, per-agency settings, the fee quote
 * and the overdue list.
 *
 * Expected dates were worked out by hand from data/cn-holidays.tsv (2025:
 * 春节 off 01-28..02-04, work Sun 01-26 and Sat 02-08; 清明 off 04-04..06;
 * 劳动节 off 05-01..05, work Sun 04-27), "within N working days of D" =
 * the N-th working day after D:
 *   received Mon 03-03: 20 WD = 03-04..07 (4), 10..14 (9), 17..21 (14),
 *     24..28 (19), 03-31 (20) → due 03-31.
 *   corrected Mon 03-10: restart; 03-11..14 (4), 17..21 (9), 24..28 (14),
 *     03-31..04-03 (18), 04-07 (19), 04-08 (20) → 04-08.
 *   consult 03-12, reply 03-19: 5 WD not counted (13, 14, 17, 18, 19) →
 *     04-08 + 5 = 04-09, 10, 11, 14, 15 → 04-15.
 *   extend 20 WD: 04-16, 17, 18 (3), 21..25 (8), Sun 04-27 (9), 28, 29, 30
 *     (12), 05-06..09 (16), 12..15 (20) → 05-15.
 *   fee notice 04-10, paid 04-17: 5 WD not counted (11, 14, 15, 16, 17) →
 *     05-15 + 5 = 05-16, 19, 20, 21, 22 → 05-22.
 *   received Fri 01-24 across 春节: 01-26 (1), 01-27 (2), 02-05..07 (5),
 *     Sat 02-08 (6), 02-10 (7) … 02-27 (20) → due 02-27; the 补正 notice
 *     is possible up to the 7th WD, 02-10, not on 02-11.
 *
 * The ID number 11010519491231002X is valid (GB 11643; see
 * test_store_item.c); 110105194912310021 is the same with a wrong check
 * character.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "harness.h"
#include "core/apply.h"
#include "core/calendar.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/audit.h"
#include "store/db.h"

/* Test hook of application.c (GK_TESTING builds). */
void	gk_apply_test_codes(const char *const *codes);

#define CODE_A	"11510422MB1234567Y"
#define CODE_B	"11510422MB12345682"
#define NOW	"2025-06-03T10:00:00+08:00"
#define IDNO	"11010519491231002X"
#define PHONE	"13812345678"

struct fx {
	char		 dir[64], path[128];
	struct gk_db	*db;
	struct calendar	 cal;
	int64_t		 ag, ag2;
};

static struct fx F;

static void
raw(const char *sql)
{
	gk_test_exec(F.db, sql);
}

static int64_t
q_int(const char *sql)
{
	return gk_test_int(F.db, sql);
}

static void
q_text(const char *sql, char *out, size_t n)
{
	gk_test_text(F.db, sql, out, n);
}

#define D(s)	gk_test_date(s)

static int
setup(void **state)
{
	char sql[1024];

	(void)state;
	memset(&F, 0, sizeof(F));
	F.db = gk_test_db_open("apply", F.dir, sizeof(F.dir), F.path, sizeof(F.path));
	gk_test_agencies(F.db, NOW, &F.ag, &F.ag2);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES "
	    "(%lld, 'o', '公开专员', 'officer', 'x'), (%lld, 'dr', '拟稿人', 'drafter', 'x'), "
	    "(%lld, 'ad', '管理员', 'admin', 'x'), (%lld, 'x', '外单位专员', 'officer', 'x');"
	    "INSERT INTO user_role (user_id, role) SELECT id, role FROM users;",
	    (long long)F.ag, (long long)F.ag, (long long)F.ag, (long long)F.ag2);
	raw(sql);
	gk_test_calendar(&F.cal);
	gk_apply_test_codes(NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gk_apply_test_codes(NULL);
	calendar_clear(&F.cal);
	gk_test_db_remove(F.db, F.dir);
	return 0;
}

static struct gk_apply_intake
intake(const char *received)
{
	struct gk_apply_intake in;

	memset(&in, 0, sizeof(in));
	in.channel = APPLY_CH_ONLINE;
	in.type = APPLY_AP_NATURAL;
	in.name = "张三";
	in.idno = IDNO;
	in.phone = PHONE;
	in.email = "zhangsan@example.com";
	in.address = "四川省攀枝花市盐边县桐子林镇金河大道1号";
	in.request = "2024年招商引资项目清单及签约金额";
	in.delivery = "电子邮件";
	in.received = D(received);
	return in;
}

static int64_t
new_ok(const struct gk_apply_intake *in, const char *actor, char code[GK_APPLY_CODE_LEN + 1])
{
	char	 err[512], c[GK_APPLY_CODE_LEN + 1];
	int64_t	 id;

	if (gk_apply_new(F.db, actor, F.ag, in, &F.cal, NOW, &id, code ? code : c, err,
	    sizeof(err)) != GK_OK)
		fail_msg("new: %s", err);
	return id;
}

static struct apply_event
ev(enum apply_ev k, const char *date)
{
	struct apply_event e;

	memset(&e, 0, sizeof(e));
	e.kind = k;
	e.date = D(date);
	e.until = GK_DATE_NONE;
	return e;
}

static void
act_ok(int64_t id, struct apply_event e, const char *note)
{
	char err[512];

	if (gk_apply_act(F.db, "o", id, &e, note, NOW, &F.cal, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("%s: %s", apply_ev_name(e.kind), err);
}

/* What a refused action must leave as it was. */
struct snap {
	int64_t	 events, audit;
	char	 row[512];
};

static void
snap(int64_t id, struct snap *s)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM application_event WHERE "
	    "application_id = %lld", (long long)id);
	s->events = q_int(sql);
	s->audit = q_int("SELECT count(*) FROM audit");
	snprintf(sql, sizeof(sql), "SELECT state || '|' || coalesce(due_date, '-') || '|' ||"
	    " coalesce(outcome, '-') || '|' || coalesce(closed_date, '-') || '|' ||"
	    " updated_at FROM application WHERE id = %lld", (long long)id);
	q_text(sql, s->row, sizeof(s->row));
}

static void
refused(int64_t id, struct apply_event e, const char *note, const char *actor,
    enum gk_err want, enum apply_refusal why, const char *msg)
{
	struct snap		 a, b;
	enum apply_refusal	 got = APPLY_R__MAX;
	char			 err[512];

	snap(id, &a);
	assert_int_equal(gk_apply_act(F.db, actor, id, &e, note, NOW, &F.cal, &got, err,
	    sizeof(err)), want);
	if (why != APPLY_R__MAX)
		assert_int_equal(got, why);
	if (msg != NULL && strstr(err, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err, msg);
	snap(id, &b);
	assert_int_equal(a.events, b.events);
	assert_int_equal(a.audit, b.audit);
	assert_string_equal(a.row, b.row);
}

static void
row_is(int64_t id, const char *want)
{
	char sql[256], got[512];

	snprintf(sql, sizeof(sql), "SELECT state || '|' || coalesce(due_date, '-') || '|' ||"
	    " coalesce(outcome, '-') || '|' || coalesce(closed_date, '-') FROM application"
	    " WHERE id = %lld", (long long)id);
	q_text(sql, got, sizeof(got));
	assert_string_equal(got, want);
}

static void
chain_ok(void)
{
	struct gk_audit_result	r;
	char			err[256];

	assert_int_equal(gk_audit_verify(F.db, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.fault, GK_AUDIT_INTACT);
}

/* ---- intake ---- */

static void
bad_intake(struct gk_apply_intake in, const char *msg)
{
	char	 err[512];
	int64_t	 n = q_int("SELECT count(*) FROM application"),
		 a = q_int("SELECT count(*) FROM audit");

	assert_int_equal(gk_apply_new(F.db, "o", F.ag, &in, &F.cal, NOW, NULL, NULL, err,
	    sizeof(err)), GK_EINVAL);
	if (strstr(err, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err, msg);
	assert_int_equal(q_int("SELECT count(*) FROM application"), n);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), a);
}

static void
test_intake(void **state)
{
	struct gk_apply_intake	 in;
	char			 err[512], code[GK_APPLY_CODE_LEN + 1];
	int64_t			 id;

	(void)state;
	in = intake("2025-03-03");
	in.name = "  ";
	bad_intake(in, "姓名或者名称");
	in = intake("2025-03-03");
	in.phone = in.email = in.address = NULL;
	bad_intake(in, "联系方式");
	in = intake("2025-03-03");
	in.request = "";
	bad_intake(in, "特征性描述");
	in = intake("2025-03-03");
	in.idno = "110105194912310021";		/* wrong check character */
	bad_intake(in, "身份证明");
	in = intake("2025-03-03");
	in.phone = "138-1234-5678 转 张三";
	bad_intake(in, "电话号码");
	in = intake("2025-03-03");
	in.email = "zhangsan.example.com";
	bad_intake(in, "电子邮件");
	in = intake("2025-03-03");
	in.name = "张\x01三";
	bad_intake(in, "控制字符");
	in = intake("2025-06-04");		/* tomorrow */
	bad_intake(in, "晚于今天");
	in = intake("2018-06-01");		/* the calendar does not cover 2018 */
	bad_intake(in, "不包含 2018 年");
	in = intake("2025-03-03");
	in.received = GK_DATE_NONE;
	bad_intake(in, "第三十一条");
	in = intake("2025-03-03");
	in.channel = APPLY_CH__MAX;
	bad_intake(in, "渠道");
	/* new lines are fine in the request, not in the name */
	in = intake("2025-03-03");
	in.request = "1. 项目清单\n2. 签约金额";
	in.idno = NULL;
	in.email = in.address = "";
	id = new_ok(&in, "o", code);
	row_is(id, "processing|2025-03-31|-|-");
	/* an unknown agency, and an actor who is not an officer, office or admin */
	in = intake("2025-03-03");
	assert_int_equal(gk_apply_new(F.db, "o", 99, &in, &F.cal, NOW, NULL, NULL, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_apply_new(F.db, "dr", F.ag, &in, &F.cal, NOW, NULL, NULL, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "无权"));
	assert_int_equal(gk_apply_new(F.db, "x", F.ag, &in, &F.cal, NOW, NULL, NULL, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(q_int("SELECT count(*) FROM application"), 1);
	/* the admin and the operator's shell may */
	new_ok(&in, "ad", NULL);
	new_ok(&in, "cli:root", NULL);
	assert_int_equal(q_int("SELECT count(*) FROM application_event WHERE kind = 'received'"), 3);
	chain_ok();
}

/* ---- codes ---- */

static void
test_codes(void **state)
{
	static const char *const forced[] = {
		"AAAAAAAAAAAA", "AAAAAAAAAAAA", "BBBBBBBBBBBB",
		"AAAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA",
		"AAAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA", "AAAAAAAAAAAA", NULL,
	};
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct gk_apply_public	 p;
	char			 code[GK_APPLY_CODE_LEN + 1], n[GK_APPLY_CODE_LEN + 1], err[512];
	char			 sql[128];
	int64_t			 id, a0;
	size_t			 i, k;

	(void)state;
	for (i = 0; i < 50; i++) {
		new_ok(&in, "o", code);
		assert_int_equal(strlen(code), GK_APPLY_CODE_LEN);
		for (k = 0; k < GK_APPLY_CODE_LEN; k++)
			assert_non_null(strchr("0123456789ABCDEFGHJKMNPQRSTVWXYZ", code[k]));
	}
	assert_int_equal(q_int("SELECT count(DISTINCT code) FROM application"), 50);
	/* a collision: the second application gets the next code */
	gk_apply_test_codes(forced);
	id = new_ok(&in, "o", code);
	assert_string_equal(code, "AAAAAAAAAAAA");
	id = new_ok(&in, "o", code);
	assert_string_equal(code, "BBBBBBBBBBBB");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM application WHERE id = %lld AND"
	    " code = 'BBBBBBBBBBBB'", (long long)id);
	assert_int_equal(q_int(sql), 1);
	/* eight collisions in a row: refused, nothing written */
	a0 = q_int("SELECT count(*) FROM audit");
	assert_int_equal(gk_apply_new(F.db, "o", F.ag, &in, &F.cal, NOW, NULL, NULL, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(q_int("SELECT count(*) FROM application"), 52);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), a0);
	gk_apply_test_codes(NULL);
	/* reading a code the Crockford way */
	assert_true(gk_apply_code_normalize("aaaa-aaaa-aaaa", n));
	assert_string_equal(n, "AAAAAAAAAAAA");
	assert_true(gk_apply_code_normalize("ILO0 1234 5678", n));
	assert_string_equal(n, "110012345678");
	assert_false(gk_apply_code_normalize("AAAAAAAAAAA", n));	/* 11 */
	assert_false(gk_apply_code_normalize("AAAAAAAAAAAAA", n));	/* 13 */
	assert_false(gk_apply_code_normalize("AAAAAAAAAAAU", n));	/* U is not used */
	assert_false(gk_apply_code_normalize("AAAAAA\xe5\xbc\xa0" "AAA", n));
	assert_false(gk_apply_code_normalize(NULL, n));
	/* the public view: the agency, the status, the events; nothing personal */
	assert_int_equal(gk_apply_get_by_code(F.db, "bbbb-bbbb-bbbb", &F.cal, D("2025-03-10"),
	    &p, err, sizeof(err)), GK_OK);
	assert_string_equal(p.code, "BBBBBBBBBBBB");
	assert_string_equal(p.agency, "盐边县商务局");
	assert_int_equal(p.status.phase, APPLY_PH_PROCESSING);
	assert_int_equal(p.status.due, D("2025-03-31"));
	assert_int_equal(p.nevents, 1);
	assert_int_equal(p.kinds[0], APPLY_EV_RECEIVED);
	assert_int_equal(gk_apply_get_by_code(F.db, "ZZZZZZZZZZZZ", &F.cal, D("2025-03-10"),
	    &p, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_apply_get_by_code(F.db, "'; DROP TABLE application; --",
	    &F.cal, D("2025-03-10"), &p, err, sizeof(err)), GK_ENOTFOUND);
}

/* ---- the whole clock through the store ---- */

static void
test_lifecycle(void **state)
{
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct apply_event	 e;
	struct gk_apply		 a;
	char			 err[512], change[2048];
	int64_t			 id;

	(void)state;
	id = new_ok(&in, "o", NULL);
	row_is(id, "processing|2025-03-31|-|-");
	/* 补正 on 03-05 with a deadline of 03-19; the corrected application on 03-10 */
	e = ev(APPLY_EV_CORRECT, "2025-03-05");
	e.until = D("2025-03-19");
	act_ok(id, e, "请说明所需项目的名称");
	q_text("SELECT state FROM application ORDER BY id DESC LIMIT 1", change, sizeof(change));
	assert_string_equal(change, "correcting");
	refused(id, ev(APPLY_EV_CORRECT, "2025-03-06"), NULL, "o", GK_ECONFLICT,
	    APPLY_R__MAX, NULL);				/* only once */
	refused(id, ev(APPLY_EV_PAID, "2025-03-06"), NULL, "o", GK_ECONFLICT,
	    APPLY_R_STATE, NULL);				/* no fee notice */
	act_ok(id, ev(APPLY_EV_CORRECTED, "2025-03-10"), NULL);
	row_is(id, "processing|2025-04-08|-|-");
	/* consultation 03-12 .. 03-19: 5 WD not counted */
	act_ok(id, ev(APPLY_EV_CONSULT, "2025-03-12"), "盐边县某某有限公司");
	act_ok(id, ev(APPLY_EV_CONSULTED, "2025-03-19"), NULL);
	row_is(id, "processing|2025-04-15|-|-");
	/* extension: who approved it is required */
	e = ev(APPLY_EV_EXTEND, "2025-04-01");
	e.days = 20;
	refused(id, e, "  ", "o", GK_EINVAL, APPLY_R_OK, "批准人");
	refused(id, e, "李主任", "dr", GK_ECONFLICT, APPLY_R_OK, "无权");
	refused(id, e, "李主任", "x", GK_ECONFLICT, APPLY_R_OK, "无权");
	act_ok(id, e, "李主任");
	row_is(id, "processing|2025-05-15|-|-");
	e.days = 1;
	e.date = D("2025-04-02");
	refused(id, e, "李主任", "o", GK_ECONFLICT, APPLY_R_EXTEND, NULL);	/* 21 in all */
	/* the fee pauses the clock (default): notice 04-10, paid 04-17 */
	e = ev(APPLY_EV_FEE, "2025-04-10");
	e.amount = 30000;
	act_ok(id, e, NULL);
	q_text("SELECT state FROM application ORDER BY id DESC LIMIT 1", change, sizeof(change));
	assert_string_equal(change, "fee");
	refused(id, ev(APPLY_EV_ANSWER, "2025-04-08"), NULL, "o", GK_ECONFLICT,
	    APPLY_R_ORDER, NULL);				/* before the previous event */
	act_ok(id, ev(APPLY_EV_PAID, "2025-04-17"), NULL);
	row_is(id, "processing|2025-05-22|-|-");
	/* a date after today is refused before anything is read */
	refused(id, ev(APPLY_EV_ANSWER, "2025-06-04"), NULL, "o", GK_EINVAL, APPLY_R_OK,
	    "晚于今天");
	/* an outcome outside the table */
	e = ev(APPLY_EV_ANSWER, "2025-04-30");
	e.outcome = APPLY_OUT__MAX;
	refused(id, e, NULL, "o", GK_EINVAL, APPLY_R_OK, "表三");
	/* 其他处理 1 without an expired 补正: the facts do not allow it */
	e.outcome = APPLY_OUT_OTHER_NOCORRECT;
	refused(id, e, NULL, "o", GK_ECONFLICT, APPLY_R_OUTCOME, NULL);
	e.outcome = APPLY_OUT_PARTIAL;
	act_ok(id, e, "提供项目清单，签约金额涉及商业秘密");
	row_is(id, "closed|2025-05-22|partial|2025-04-30");
	/* anything after the answer */
	refused(id, ev(APPLY_EV_ANSWER, "2025-05-06"), NULL, "o", GK_ECONFLICT,
	    APPLY_R_CLOSED, NULL);
	refused(id, ev(APPLY_EV_WITHDRAW, "2025-05-06"), NULL, "o", GK_ECONFLICT,
	    APPLY_R_CLOSED, NULL);
	/* RECEIVED only through gk_apply_new */
	refused(id, ev(APPLY_EV_RECEIVED, "2025-05-06"), NULL, "o", GK_EINVAL,
	    APPLY_R_OK, "apply new");
	/* the stored events and their audit entries */
	assert_int_equal(q_int("SELECT count(*) FROM application_event WHERE"
	    " application_id = (SELECT max(id) FROM application)"), 9);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE entity = 'application'"
	    " AND action = 'event'"), 8);
	q_text("SELECT note FROM application_event WHERE kind = 'extend'", change,
	    sizeof(change));
	assert_string_equal(change, "李主任");
	q_text("SELECT change FROM audit WHERE action = 'event' ORDER BY seq DESC LIMIT 1",
	    change, sizeof(change));
	assert_non_null(strstr(change, "\"event\":\"answer\""));
	assert_non_null(strstr(change, "\"outcome\":\"partial\""));
	assert_non_null(strstr(change, "\"state\":\"closed\""));
	/* the history as gk_apply_get gives it */
	assert_int_equal(gk_apply_get(F.db, "o", id, 1, &F.cal, NOW, &a, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(a.nevents, 9);
	assert_int_equal(a.events[5].ev.kind, APPLY_EV_EXTEND);
	assert_string_equal(a.events[5].note, "李主任");
	assert_string_equal(a.events[5].actor, "o");
	assert_int_equal(a.status.phase, APPLY_PH_CLOSED);
	assert_int_equal(a.status.outcome, APPLY_OUT_PARTIAL);
	assert_int_equal(a.status.extended, 20);
	assert_int_equal(a.status.start, D("2025-03-10"));
	assert_false(a.status.late);
	assert_string_equal(a.name, "张三");
	gk_apply_clear(&a);
	chain_ok();
}

/* Across 春节 2025, the 7-WD limit of the 补正 notice, withdrawal, an uncovered year. */
static void
test_spring_festival(void **state)
{
	struct gk_apply_intake	 in = intake("2025-01-24");
	struct apply_event	 e;
	int64_t			 id;

	(void)state;
	id = new_ok(&in, "o", NULL);
	row_is(id, "processing|2025-02-27|-|-");
	e = ev(APPLY_EV_CORRECT, "2025-02-11");
	e.until = D("2025-02-25");
	refused(id, e, NULL, "o", GK_ECONFLICT, APPLY_R_LATE_NOTICE, NULL);
	e.date = D("2025-02-10");
	act_ok(id, e, NULL);
	act_ok(id, ev(APPLY_EV_WITHDRAW, "2025-02-12"), "申请人来电撤回");
	row_is(id, "closed|-|other_misc|2025-02-12");
}

/* ---- masking and who may see ---- */

static void
test_masking(void **state)
{
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct gk_apply_filter	 f;
	struct gk_apply_list	 l;
	struct gk_apply		 a;
	char			 err[512];
	int64_t			 id;

	(void)state;
	id = new_ok(&in, "o", NULL);
	in.type = APPLY_AP_BUSINESS;
	in.name = "攀枝花某某贸易有限公司";
	in.received = D("2024-12-30");
	new_ok(&in, "o", NULL);
	/* the audit chain has no ID number, phone, e-mail or street address in clear */
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE change LIKE '%" IDNO "%'"
	    " OR change LIKE '%" PHONE "%' OR change LIKE '%zhangsan@%'"
	    " OR change LIKE '%金河大道%' OR change LIKE '%张三%'"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE change LIKE"
	    " '%110105********002X%' AND change LIKE '%138****5678%'"), 2);
	/* a list: masked by default, newest receipt first */
	memset(&f, 0, sizeof(f));
	f.agency_id = F.ag;
	f.phase = -1;
	assert_int_equal(gk_apply_list(F.db, "dr", &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, id);
	assert_string_equal(l.v[0].name, "张*");
	assert_string_equal(l.v[0].idno, "110105********002X");
	assert_string_equal(l.v[0].phone, "138****5678");
	assert_string_equal(l.v[0].email, "z***@example.com");
	assert_string_equal(l.v[0].address, "四川省攀枝花市盐边县****");
	assert_string_equal(l.v[1].name, "攀枝花某某贸易有限公司");	/* an organisation */
	gk_apply_list_free(&l);
	/* by year of receipt and by state */
	f.year = 2024;
	assert_int_equal(gk_apply_list(F.db, "o", &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	gk_apply_list_free(&l);
	f.year = 0;
	f.phase = APPLY_PH_CLOSED;
	assert_int_equal(gk_apply_list(F.db, "o", &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);
	gk_apply_list_free(&l);
	/* the full view: officer and admin of the agency, not a drafter or another agency */
	f.phase = -1;
	f.full = 1;
	assert_int_equal(gk_apply_list(F.db, "dr", &f, &l, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_apply_list(F.db, "x", &f, &l, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_apply_list(F.db, "ad", &f, &l, err, sizeof(err)), GK_OK);
	assert_string_equal(l.v[0].idno, IDNO);
	assert_string_equal(l.v[0].name, "张三");
	gk_apply_list_free(&l);
	f.agency_id = 0;	/* every agency: the operator only */
	assert_int_equal(gk_apply_list(F.db, "o", &f, &l, err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_apply_list(F.db, "cli:root", &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	gk_apply_list_free(&l);
	assert_int_equal(gk_apply_get(F.db, "dr", id, 1, &F.cal, NOW, &a, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(gk_apply_get(F.db, "dr", id, 0, &F.cal, NOW, &a, err, sizeof(err)),
	    GK_OK);
	assert_string_equal(a.phone, "138****5678");
	assert_int_equal(a.nevents, 1);
	gk_apply_clear(&a);
	assert_int_equal(gk_apply_get(F.db, "o", 999, 0, &F.cal, NOW, &a, err, sizeof(err)),
	    GK_ENOTFOUND);
}

/* ---- settings, fees, overdue ---- */

static void
test_settings(void **state)
{
	struct apply_rules	 r;
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct apply_event	 e;
	enum gk_err		 ce;
	char			 err[512], sql[256];
	int64_t			 id;

	(void)state;
	assert_true(gk_apply_setting_check("apply.fee_pauses_clock", "0", &ce, err, sizeof(err)));
	assert_int_equal(ce, GK_OK);
	assert_true(gk_apply_setting_check("apply.fee_pauses_clock", "2", &ce, err, sizeof(err)));
	assert_int_equal(ce, GK_EINVAL);
	assert_true(gk_apply_setting_check("apply.answer_days", "21", &ce, err, sizeof(err)));
	assert_int_equal(ce, GK_EINVAL);
	assert_true(gk_apply_setting_check("apply.answer_days", "15", &ce, err, sizeof(err)));
	assert_int_equal(ce, GK_OK);
	assert_false(gk_apply_setting_check("indexno_pattern", "x", &ce, err, sizeof(err)));
	assert_int_equal(gk_apply_rules(F.db, F.ag, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.fee_pauses_clock, 1);
	assert_int_equal(r.answer_days, 20);
	snprintf(sql, sizeof(sql), "INSERT INTO agency_setting VALUES (%lld,"
	    " 'apply.fee_pauses_clock', '0'), (%lld, 'apply.answer_days', '15')",
	    (long long)F.ag, (long long)F.ag);
	raw(sql);
	assert_int_equal(gk_apply_rules(F.db, F.ag, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.fee_pauses_clock, 0);
	assert_int_equal(r.answer_days, 15);
	/* 15 WD after Mon 03-03: 03-04..07 (4), 10..14 (9), 17..21 (14), 03-24 (15) */
	id = new_ok(&in, "o", NULL);
	row_is(id, "processing|2025-03-24|-|-");
	/* the fee does not stop the clock here: notice 03-10, paid 03-17, due unchanged */
	e = ev(APPLY_EV_FEE, "2025-03-10");
	e.amount = 10000;
	act_ok(id, e, NULL);
	act_ok(id, ev(APPLY_EV_PAID, "2025-03-17"), NULL);
	row_is(id, "processing|2025-03-24|-|-");
	/* a bad stored value is reported, not used */
	snprintf(sql, sizeof(sql), "UPDATE agency_setting SET value = 'yes' WHERE"
	    " agency_id = %lld AND key = 'apply.fee_pauses_clock'", (long long)F.ag);
	raw(sql);
	assert_int_equal(gk_apply_rules(F.db, F.ag, &r, err, sizeof(err)), GK_EINVAL);
}

static void
test_fee_quote(void **state)
{
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct gk_buf		 b;
	enum gk_err		 ce;
	char			 err[512], sql[256];
	int64_t			 fen, id = 0;
	int			 i;

	(void)state;
	/* the same applicant's 12th application this month: 按件, item 12 at 100 元 */
	for (i = 0; i < 12; i++)
		id = new_ok(&in, "o", NULL);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_apply_fee_quote(F.db, id, FEE_PER_ITEM, 1, &fen, &b, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(fen, 10000);
	assert_non_null(b.data);
	gk_buf_clear(&b);
	/* the first one: free */
	assert_int_equal(gk_apply_fee_quote(F.db, 1, FEE_PER_ITEM, 1, &fen, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(fen, 0);
	/* 按量 for e-mail delivery: pages 31–100 at 10 元: 50 pages → 20 × 10 = 200 元 */
	assert_int_equal(gk_apply_fee_quote(F.db, id, FEE_PER_VOLUME, 50, &fen, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(fen, 20000);
	/* 按量 when the applicant asked to read it on the spot: refused */
	in.delivery = "现场查阅";
	id = new_ok(&in, "o", NULL);
	assert_int_equal(gk_apply_fee_quote(F.db, id, FEE_PER_VOLUME, 50, &fen, NULL, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_apply_fee_quote(F.db, 999, FEE_PER_ITEM, 1, &fen, NULL, err,
	    sizeof(err)), GK_ENOTFOUND);
	/* the agency lets 按量 apply to any form: 50 pages → 200 元 */
	snprintf(sql, sizeof(sql), "INSERT INTO agency_setting VALUES (%lld,"
	    " 'fee.volume_needs_copy_form', '0')", (long long)F.ag);
	raw(sql);
	assert_int_equal(gk_apply_fee_quote(F.db, id, FEE_PER_VOLUME, 50, &fen, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(fen, 20000);
	/* 20 items after this applicant's 12 earlier applications this month:
	 * items 13..32; by default 13..30 at 100 元 and 31..32 at 200 元 =
	 * 1,800 + 400 = 2,200 元; with no raise per band, 20 × 100 = 2,000 元 */
	assert_int_equal(gk_apply_fee_quote(F.db, id, FEE_PER_ITEM, 20, &fen, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(fen, 220000);
	snprintf(sql, sizeof(sql), "INSERT INTO agency_setting VALUES (%lld,"
	    " 'fee.item_band_raise', '0')", (long long)F.ag);
	raw(sql);
	assert_int_equal(gk_apply_fee_quote(F.db, id, FEE_PER_ITEM, 20, &fen, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(fen, 200000);
	/* the checks of the fee.* keys */
	assert_true(gk_apply_setting_check("fee.item_band_size", "0", &ce, err, sizeof(err)));
	assert_int_equal(ce, GK_EINVAL);
	assert_true(gk_apply_setting_check("fee.item_band_size", "5", &ce, err, sizeof(err)));
	assert_int_equal(ce, GK_OK);
	assert_true(gk_apply_setting_check("fee.volume_needs_copy_form", "2", &ce, err,
	    sizeof(err)));
	assert_int_equal(ce, GK_EINVAL);
	assert_true(gk_apply_setting_check("fee.item_band_raise", "-1", &ce, err, sizeof(err)));
	assert_int_equal(ce, GK_EINVAL);
	assert_false(gk_apply_setting_check("fee.colour", "1", &ce, err, sizeof(err)));
}

static void
test_overdue(void **state)
{
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct gk_apply_dues	 l;
	struct apply_event	 e;
	char			 err[512];
	int64_t			 late, soon, later, closed, consulting, correcting;

	(void)state;
	late = new_ok(&in, "o", NULL);			/* due 03-31 */
	in.received = D("2025-03-10");			/* due 04-08 (see corrected above) */
	soon = new_ok(&in, "o", NULL);
	in.received = D("2025-03-24");			/* 20 WD: … due 04-22 */
	later = new_ok(&in, "o", NULL);
	in.received = D("2025-03-03");
	closed = new_ok(&in, "o", NULL);
	e = ev(APPLY_EV_ANSWER, "2025-03-04");
	e.outcome = APPLY_OUT_OPEN;
	act_ok(closed, e, NULL);
	/* received 03-03, consultation open since 03-05: the clock waits */
	consulting = new_ok(&in, "o", NULL);
	act_ok(consulting, ev(APPLY_EV_CONSULT, "2025-03-05"), NULL);
	/* received 03-03, 补正 asked on 03-05 until 04-30: no due date, not listed */
	correcting = new_ok(&in, "o", NULL);
	e = ev(APPLY_EV_CORRECT, "2025-03-05");
	e.until = D("2025-04-30");
	act_ok(correcting, e, NULL);
	/* as of Wed 04-02 with a window of 5 WD: 03-31 is 2 WD late (04-01, 04-02);
	 * 04-08 is 3 WD away (04-03, 04-07, 04-08) */
	assert_int_equal(gk_apply_overdue(F.db, F.ag, &F.cal, D("2025-04-02"), 5, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, late);
	assert_true(l.v[0].late);
	assert_int_equal(l.v[0].days_left, -2);
	assert_string_equal(l.v[0].name, "张*");
	assert_int_equal(l.v[0].due, D("2025-03-31"));
	assert_int_equal(l.v[1].id, soon);
	assert_false(l.v[1].late);
	assert_int_equal(l.v[1].days_left, 3);
	gk_apply_dues_free(&l);
	/* another agency: nothing; window 0: the late one only */
	assert_int_equal(gk_apply_overdue(F.db, F.ag2, &F.cal, D("2025-04-02"), 5, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);
	gk_apply_dues_free(&l);
	assert_int_equal(gk_apply_overdue(F.db, 0, &F.cal, D("2025-04-02"), 0, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	gk_apply_dues_free(&l);
	assert_int_equal(gk_apply_overdue(F.db, 0, &F.cal, D("2025-04-02"), -1, &l, err,
	    sizeof(err)), GK_EINVAL);
	(void)later;
}

/* Every allocation failure in new and act leaves nothing behind. */
static void
test_nomem(void **state)
{
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct apply_event	 e;
	struct snap		 a, b;
	char			 err[512];
	enum gk_err		 r = GK_OK;
	int64_t			 id, apps, au;
	long			 n;

	(void)state;
	json_set_alloc_funcs(gk_malloc, gk_free);
	apps = q_int("SELECT count(*) FROM application");
	au = q_int("SELECT count(*) FROM audit");
	for (n = 0; n < 2000; n++) {
		gk_mem_fail_after(n);
		r = gk_apply_new(F.db, "o", F.ag, &in, &F.cal, NOW, &id, NULL, err, sizeof(err));
		gk_mem_fail_reset();
		if (r == GK_OK)
			break;
		if (r != GK_ENOMEM && r != GK_EDB)
			fail_msg("allocation %ld: %s (%s)", n, gk_strerror(r), err);
		assert_false(gk_db_in_tx(F.db));
		assert_int_equal(q_int("SELECT count(*) FROM application"), apps);
		assert_int_equal(q_int("SELECT count(*) FROM application_event"), 0);
		assert_int_equal(q_int("SELECT count(*) FROM audit"), au);
	}
	assert_int_equal(r, GK_OK);
	assert_true(n > 3);
	e = ev(APPLY_EV_EXTEND, "2025-03-20");
	e.days = 5;
	snap(id, &a);
	for (n = 0; n < 2000; n++) {
		gk_mem_fail_after(n);
		r = gk_apply_act(F.db, "o", id, &e, "李主任", NOW, &F.cal, NULL, err,
		    sizeof(err));
		gk_mem_fail_reset();
		if (r == GK_OK)
			break;
		if (r != GK_ENOMEM && r != GK_EDB)
			fail_msg("allocation %ld: %s (%s)", n, gk_strerror(r), err);
		assert_false(gk_db_in_tx(F.db));
		snap(id, &b);
		assert_int_equal(a.events, b.events);
		assert_int_equal(a.audit, b.audit);
		assert_string_equal(a.row, b.row);
	}
	json_set_alloc_funcs(malloc, free);
	assert_int_equal(r, GK_OK);
	assert_true(n > 3);
	row_is(id, "processing|2025-04-08|-|-");	/* 03-31 + 5 WD: 04-01, 02, 03, 07, 08 */
	chain_ok();
}

/* Stored events that no longer replay, and a today the calendar does not cover. */
static void
test_replay_fails(void **state)
{
	struct gk_apply_intake	 in = intake("2025-03-03");
	struct gk_apply_dues	 l;
	struct gk_apply		 a;
	char			 err[512], sql[256];
	int64_t			 id;

	(void)state;
	id = new_ok(&in, "o", NULL);
	act_ok(id, ev(APPLY_EV_CONSULT, "2025-03-05"), NULL);
	/* today in 2027: shown, with the reason the clock cannot be computed */
	assert_int_equal(gk_apply_get(F.db, "o", id, 0, &F.cal, "2027-01-05T09:00:00+08:00",
	    &a, err, sizeof(err)), GK_OK);
	assert_non_null(strstr(a.replay_err, "2027"));
	assert_int_equal(a.nevents, 2);
	gk_apply_clear(&a);
	/* the overdue list is not broken by it: listed first, uncovered, with the year */
	assert_int_equal(gk_apply_overdue(F.db, F.ag, &F.cal, D("2027-01-05"), 5, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, id);
	assert_int_equal(l.v[0].uncovered, 1);
	assert_int_equal(l.v[0].due, GK_DATE_NONE);
	assert_non_null(strstr(l.v[0].why, "2027"));
	gk_apply_dues_free(&l);
	/* a stored event changed behind the store's back: shown, and no new event */
	snprintf(sql, sizeof(sql), "UPDATE application_event SET kind = 'paid' WHERE"
	    " application_id = %lld AND seq = 1", (long long)id);
	raw(sql);
	assert_int_equal(gk_apply_get(F.db, "o", id, 0, &F.cal, NOW, &a, err, sizeof(err)),
	    GK_OK);
	assert_true(a.replay_err[0] != '\0');
	assert_int_equal(a.status.phase, APPLY_PH_PROCESSING);	/* as far as it got */
	gk_apply_clear(&a);
	/* a corrupt history (not a calendar gap) still stops the list, naming the application */
	assert_int_equal(gk_apply_overdue(F.db, F.ag, &F.cal, D("2025-03-20"), 5, &l, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "申请 1："));
	refused(id, ev(APPLY_EV_CONSULTED, "2025-03-10"), NULL, "o", GK_ECONFLICT,
	    APPLY_R_STATE, NULL);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_replay_fails, setup, teardown),
	cmocka_unit_test_setup_teardown(test_nomem, setup, teardown),
	cmocka_unit_test_setup_teardown(test_intake, setup, teardown),
	cmocka_unit_test_setup_teardown(test_codes, setup, teardown),
	cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
	cmocka_unit_test_setup_teardown(test_spring_festival, setup, teardown),
	cmocka_unit_test_setup_teardown(test_masking, setup, teardown),
	cmocka_unit_test_setup_teardown(test_settings, setup, teardown),
	cmocka_unit_test_setup_teardown(test_fee_quote, setup, teardown),
	cmocka_unit_test_setup_teardown(test_overdue, setup, teardown),
};

GK_TEST_MAIN("application", tests)
