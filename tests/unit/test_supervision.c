/*
 * test_supervision.c — trainings and complaints in the store
 * (store/supervision.h) and the narrative placeholders they feed
 * ({{trainings.*}}, {{complaints.*}}, core/report_gen.c).
 *
 * Data (agency A, counted for 2025, "today" 2026-01-20):
 *   trainings  2024-12-30 10 people 1 h      — not 2025
 *              2025-03-18 30 people 2.5 h
 *              2025-11-02 20 people 3 h      → count 2, attendees 50, hours 5.5
 *   complaints 2025-02-01 closed 2025-02-20  → closed by the year's end
 *              2025-12-20 closed 2026-01-05  → open at the year's end
 *              2025-06-01 open
 *              2024-12-01 closed 2025-01-03  — received 2024, not counted
 *   2025: complaints.count 3, closed 1, open 2.
 * Agency B's records never count for A.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/date.h"
#include "core/report_gen.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/item.h"
#include "store/report_data.h"
#include "store/supervision.h"
#include "store/user.h"

#define NOW	"2026-01-20T10:00:00+08:00"

static struct gk_test_store S;

static int
setup(void **state)
{
	struct gk_item_actor o;

	*state = &S;
	gk_test_store_open(&S, "sup", NOW);
	gk_test_user(S.db, S.ag, "o1", WF_ROLE_OFFICER, &o);
	gk_test_user(S.db, S.ag, "d1", WF_ROLE_DRAFTER, &o);
	gk_test_user(S.db, S.ag2, "o2", WF_ROLE_OFFICER, &o);
	return 0;
}

static int64_t
training(int64_t ag, const char *actor, const char *day, const char *topic, int64_t n,
    int64_t h10)
{
	int64_t	 id = 0;
	char	 err[512];

	if (gk_training_add(S.db, actor, ag, gk_test_date(day), topic, n, h10, NOW, &id, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("training: %s", err);
	return id;
}

static int64_t
complaint(int64_t ag, const char *actor, const char *day, const char *about, const char *closed)
{
	int64_t	 id = 0;
	char	 err[512];

	if (gk_complaint_add(S.db, actor, ag, gk_test_date(day), about, NOW, &id, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("complaint: %s", err);
	if (closed != NULL && gk_complaint_close(S.db, actor, id, gk_test_date(closed), "已整改并答复",
	    NOW, NULL, err, sizeof(err)) != GK_OK)
		fail_msg("close: %s", err);
	return id;
}

static void
value(const struct gk_gen_counts *c, const char *name, const char *want)
{
	char buf[128], why[256];

	if (gk_gen_value(c, 2025, "A", name, buf, sizeof(buf), why, sizeof(why)) != GK_OK)
		fail_msg("%s: %s", name, why);
	if (strcmp(buf, want) != 0)
		fail_msg("%s = %s, want %s", name, buf, want);
}

static void
test_hours(void **state)
{
	int64_t	h = -1;
	char	buf[16];

	(void)state;
	assert_int_equal(gk_sup_hours_parse("2", &h), GK_OK);
	assert_int_equal(h, 20);
	assert_int_equal(gk_sup_hours_parse("2.5", &h), GK_OK);
	assert_int_equal(h, 25);
	assert_int_equal(gk_sup_hours_parse("1000", &h), GK_OK);
	assert_int_equal(h, 10000);
	assert_int_equal(gk_sup_hours_parse("1000.1", &h), GK_EINVAL);
	assert_int_equal(gk_sup_hours_parse("2.55", &h), GK_EINVAL);
	assert_int_equal(gk_sup_hours_parse("-1", &h), GK_EINVAL);
	assert_int_equal(gk_sup_hours_parse("", &h), GK_EINVAL);
	assert_int_equal(gk_sup_hours_parse(".5", &h), GK_EINVAL);
	assert_int_equal(gk_sup_hours_parse("2.", &h), GK_EINVAL);
	assert_int_equal(gk_sup_hours_parse("1e3", &h), GK_EINVAL);
	assert_int_equal(gk_sup_hours_parse("99999999999", &h), GK_EINVAL);
	gk_sup_hours_format(55, buf, sizeof(buf));
	assert_string_equal(buf, "5.5");
	gk_sup_hours_format(30, buf, sizeof(buf));
	assert_string_equal(buf, "3");
}

/* The report's counts of agency ag for year into c. */
static void
counts(int64_t ag, int year, struct gk_gen_counts *c)
{
	struct gk_findings	 fs;
	char			 err[512];

	gk_findings_init(&fs);
	assert_int_equal(gk_report_counts(S.db, ag, year, c, &fs, err, sizeof(err)), GK_OK);
	gk_findings_clear(&fs);
}

static void
test_counts_and_placeholders(void **state)
{
	struct gk_gen_counts	 c, sum;

	(void)state;
	training(S.ag, "o1", "2024-12-30", "2024 培训", 10, 10);
	training(S.ag, "o1", "2025-03-18", "条例专题培训", 30, 25);
	training(S.ag, "o1", "2025-11-02", "政务公开业务培训", 20, 30);
	training(S.ag2, "o2", "2025-05-05", "财政局培训", 99, 10);
	complaint(S.ag, "o1", "2025-02-01", "网站栏目更新不及时", "2025-02-20");
	complaint(S.ag, "o1", "2025-12-20", "申请答复超期", "2026-01-05");
	complaint(S.ag, "o1", "2025-06-01", "未公开预算", NULL);
	complaint(S.ag, "o1", "2024-12-01", "去年的投诉", "2025-01-03");
	complaint(S.ag2, "o2", "2025-03-01", "财政局投诉", NULL);

	counts(S.ag, 2025, &c);
	assert_int_equal(c.trainings, 2);
	assert_int_equal(c.training_attendees, 50);
	assert_int_equal(c.training_hours10, 55);
	assert_int_equal(c.complaints, 3);
	assert_int_equal(c.complaints_closed, 1);
	value(&c, "trainings.count", "2");
	value(&c, "trainings.attendees", "50");
	value(&c, "trainings.hours", "5.5");
	value(&c, "complaints.count", "3");
	value(&c, "complaints.closed", "1");
	value(&c, "complaints.open", "2");
	/* Trainings and complaints alone are no data of the tables. */
	assert_true(gk_gen_counts_empty(&c));

	/* An aggregate sums them: B has 1 training (99 people, 1 h) and 1 open complaint. */
	sum = c;
	counts(S.ag2, 2025, &c);
	assert_int_equal(gk_gen_counts_add(&sum, &c), GK_OK);
	value(&sum, "trainings.count", "3");
	value(&sum, "trainings.attendees", "149");
	value(&sum, "trainings.hours", "6.5");
	value(&sum, "complaints.open", "3");

	/* 2024: one training of 1 h, one complaint closed after the year's end. */
	counts(S.ag, 2024, &c);
	assert_int_equal(c.trainings, 1);
	assert_int_equal(c.training_hours10, 10);
	assert_int_equal(c.complaints, 1);
	assert_int_equal(c.complaints_closed, 0);
}

static void
test_bad_input(void **state)
{
	const char	*fld = NULL;
	char		 err[512], big[GK_SUP_TOPIC_MAX * 3 + 8];
	int64_t		 audit0, audit1, id = 0, cid = 0;
	int32_t		 d = gk_test_date("2025-03-01");

	(void)state;
	assert_int_equal(gk_audit_count(S.db, &audit0, err, sizeof(err)), GK_OK);
#define BAD(call, field) do { fld = NULL; assert_int_equal((call), GK_EINVAL); \
	assert_non_null(fld); assert_string_equal(fld, field); } while (0)
	BAD(gk_training_add(S.db, "o1", S.ag, GK_DATE_NONE, "t", 1, 10, NOW, &id, &fld, err,
	    sizeof(err)), "date");
	BAD(gk_training_add(S.db, "o1", S.ag, gk_test_date("2026-01-21"), "t", 1, 10, NOW, &id,
	    &fld, err, sizeof(err)), "date");
	assert_non_null(strstr(err, "不能晚于今天（2026-01-20）"));
	BAD(gk_training_add(S.db, "o1", S.ag, gk_test_date("1999-12-31"), "t", 1, 10, NOW, &id,
	    &fld, err, sizeof(err)), "date");
	BAD(gk_training_add(S.db, "o1", S.ag, d, "", 1, 10, NOW, &id, &fld, err, sizeof(err)),
	    "topic");
	assert_string_equal(err, "请填写培训主题");
	BAD(gk_training_add(S.db, "o1", S.ag, d, "two\nlines", 1, 10, NOW, &id, &fld, err,
	    sizeof(err)), "topic");
	memset(big, 'x', GK_SUP_TOPIC_MAX + 1);
	big[GK_SUP_TOPIC_MAX + 1] = '\0';
	BAD(gk_training_add(S.db, "o1", S.ag, d, big, 1, 10, NOW, &id, &fld, err, sizeof(err)),
	    "topic");
	BAD(gk_training_add(S.db, "o1", S.ag, d, "t", 0, 10, NOW, &id, &fld, err, sizeof(err)),
	    "attendees");
	BAD(gk_training_add(S.db, "o1", S.ag, d, "t", GK_SUP_ATTENDEES_MAX + 1, 10, NOW, &id, &fld,
	    err, sizeof(err)), "attendees");
	BAD(gk_training_add(S.db, "o1", S.ag, d, "t", 5, 0, NOW, &id, &fld, err, sizeof(err)),
	    "hours");
	BAD(gk_complaint_add(S.db, "o1", S.ag, d, "", NOW, &id, &fld, err, sizeof(err)), "about");
	BAD(gk_complaint_add(S.db, "o1", S.ag, GK_DATE_NONE, "x", NOW, &id, &fld, err,
	    sizeof(err)), "date");
	/* Roles: a drafter, another agency's officer: refused, nothing written. */
	assert_int_equal(gk_training_add(S.db, "d1", S.ag, d, "t", 1, 10, NOW, &id, &fld, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_complaint_add(S.db, "o2", S.ag, d, "x", NOW, &id, &fld, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_training_add(S.db, "o1", 9999, d, "t", 1, 10, NOW, &id, &fld, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_audit_count(S.db, &audit1, err, sizeof(err)), GK_OK);
	assert_int_equal(audit1, audit0);

	/* Close: before receipt, empty feedback; then closed, and final. */
	cid = complaint(S.ag, "o1", "2025-03-01", "关闭测试", NULL);
	BAD(gk_complaint_close(S.db, "o1", cid, gk_test_date("2025-02-28"), "反馈", NOW, &fld, err,
	    sizeof(err)), "closed");
	assert_string_equal(err, "办结日期 2025-02-28 早于收到日期 2025-03-01");
	BAD(gk_complaint_close(S.db, "o1", cid, d, "", NOW, &fld, err, sizeof(err)), "feedback");
	assert_int_equal(gk_complaint_close(S.db, "o1", cid, d, "已整改", NOW, &fld, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_complaint_close(S.db, "o1", cid, d, "再次", NOW, &fld, err,
	    sizeof(err)), GK_ECONFLICT);
	snprintf(big, sizeof(big), "投诉 %lld 已于 2025-03-01 办结，不能再修改", (long long)cid);
	assert_string_equal(err, big);
	assert_int_equal(gk_complaint_update(S.db, "o1", cid, d, "改", NOW, &fld, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_test_int(S.db, "SELECT count(*) FROM complaint WHERE about = '关闭测试'"
	    " AND feedback = '已整改' AND closed_date = '2025-03-01'"), 1);
}

/* Every allocation of an add, a close and a list made to fail in turn: nothing half-written, no leak. */
static void
test_alloc_failures(void **state)
{
	struct gk_training_list		 tl;
	struct gk_complaint_list	 cl;
	char				 err[512];
	int64_t				 audits, id = 0, n;
	enum gk_err			 e;

	(void)state;
	assert_int_equal(gk_audit_count(S.db, &audits, err, sizeof(err)), GK_OK);
	for (n = 0; ; n++) {
		gk_mem_fail_after(n);
		e = gk_training_add(S.db, "o1", S.ag, gk_test_date("2025-03-18"), "培训", 3, 15, NOW,
		    &id, NULL, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(gk_test_int(S.db, "SELECT count(*) FROM training"), 0);
		assert_true(n < 100000);
	}
	id = complaint(S.ag, "o1", "2025-03-01", "x", NULL);
	for (n = 0; ; n++) {
		gk_mem_fail_after(n);
		e = gk_complaint_close(S.db, "o1", id, gk_test_date("2025-03-02"), "已整改", NOW, NULL,
		    err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(gk_test_int(S.db, "SELECT count(*) FROM complaint WHERE closed_date"
		    " IS NOT NULL"), 0);
		assert_true(n < 100000);
	}
	for (n = 0; ; n++) {
		gk_mem_fail_after(n);
		e = gk_training_list(S.db, S.ag, 0, &tl, err, sizeof(err));
		if (e == GK_OK)
			e = gk_complaint_list(S.db, S.ag, 2025, &cl, err, sizeof(err));
		else
			memset(&cl, 0, sizeof(cl));
		gk_mem_fail_reset();
		if (e == GK_OK) {
			assert_int_equal(tl.n, 1);
			assert_int_equal(cl.n, 1);
			gk_training_list_free(&tl);
			gk_complaint_list_free(&cl);
			break;
		}
		gk_training_list_free(&tl);
		assert_true(n < 100000);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_alloc_failures, setup, gk_test_store_teardown),
	cmocka_unit_test(test_hours),
	cmocka_unit_test_setup_teardown(test_counts_and_placeholders, setup, gk_test_store_teardown),
	cmocka_unit_test_setup_teardown(test_bad_input, setup, gk_test_store_teardown),
};

GK_TEST_MAIN("supervision", tests)
