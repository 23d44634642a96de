/*
 * test_timeliness.c — timeliness rules: the three default rules with due
 * dates computed by hand across 2025/2026 holidays, agency overrides and the
 * 20-working-day bound of 条例第二十六条, on-time / late / overdue / due-soon
 * classification, and the year's timeliness rate.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/timeliness.h"

static struct calendar cal;

static int32_t
D(const char *s)
{
	int32_t d;

	if (gk_date_parse(s, strlen(s), &d) != GK_OK)
		fail_msg("bad date in test: %s", s);
	return d;
}

static int
setup(void **state)
{
	char err[1024], *buf;
	size_t len;

	(void)state;
	buf = gk_test_slurp("data/cn-holidays.tsv", &len);
	if (calendar_load(buf, len, &cal, err, sizeof(err)) != GK_OK)
		fail_msg("%s", err);
	free(buf);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	calendar_clear(&cal);
	return 0;
}

static void
due_is(const struct timeliness_rules *r, const char *path, const char *formed,
    const char *event_end, const char *want)
{
	char err[512], got[GK_DATE_LEN];
	int32_t due;
	enum gk_err e;

	e = timeliness_due(&cal, r, path, formed ? D(formed) : GK_DATE_NONE,
	    event_end ? D(event_end) : GK_DATE_NONE, &due, err, sizeof(err));
	if (e != GK_OK)
		fail_msg("%s %s: %s", path, formed, err);
	gk_date_format(due, got);
	if (strcmp(got, want) != 0)
		fail_msg("%s formed %s event %s: due %s, want %s", path, formed,
		    event_end ? event_end : "-", got, want);
}

static void
test_rule_lookup(void **state)
{
	struct timeliness_rules r;
	const struct timeliness_rule *x;

	(void)state;
	timeliness_rules_default(&r);
	x = timeliness_rule_for(&r, "政策文件/规章");
	assert_string_equal(x->category, "政策文件");
	assert_int_equal(x->days, 5);
	assert_int_equal(x->base, TIMELINESS_FROM_FORMED);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/行政规范性文件")->days, 5);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/其他文件")->days, 5);
	x = timeliness_rule_for(&r, "工作动态");
	assert_int_equal(x->days, 3);
	assert_int_equal(x->base, TIMELINESS_FROM_EVENT_END);
	/* Everything else: 条例第二十六条, 20 working days from formation. */
	assert_int_equal(timeliness_rule_for(&r, "财政信息/预算")->days, 20);
	assert_int_equal(timeliness_rule_for(&r, "其他")->days, 20);
	assert_int_equal(timeliness_rule_for(&r, "政策解读")->days, 20);
	/* A name must match a whole component, not a prefix. */
	assert_int_equal(timeliness_rule_for(&r, "政策文件汇编")->days, 20);
	assert_int_equal(timeliness_rule_for(&r, "")->days, 20);
	assert_int_equal(timeliness_rule_for(&r, NULL)->days, 20);
	assert_int_equal(timeliness_rule_for(&r, "//政策文件//")->days, 5);
	/* An empty table still answers with the statutory rule. */
	memset(&r, 0, sizeof(r));
	assert_int_equal(timeliness_rule_for(&r, "政策文件")->days, 20);
}

static void
test_default_due_dates(void **state)
{
	struct timeliness_rules r;

	(void)state;
	timeliness_rules_default(&r);
	/* Policy files, 5 WD after 成文日期. Fri 2025-01-24: 1/26(Sun, work) 1/27 2/5 2/6 2/7. */
	due_is(&r, "政策文件/规章", "2025-01-24", NULL, "2025-02-07");
	/* Fri 2025-09-26: 9/28(Sun, work) 9/29 9/30 10/9 10/10. */
	due_is(&r, "政策文件/行政规范性文件", "2025-09-26", NULL, "2025-10-10");
	/* An event end date does not matter to a policy file. */
	due_is(&r, "政策文件", "2025-09-26", "2025-01-01", "2025-10-10");
	/* Work news, 3 WD after the event ends: Fri 2026-02-13 -> 2/14(Sat, work) 2/24 2/25. */
	due_is(&r, "工作动态", "2026-02-20", "2026-02-13", "2026-02-25");
	/* Without an event end, from the formed date (2/20 is inside the holiday): 2/24 2/25 2/26. */
	due_is(&r, "工作动态", "2026-02-20", NULL, "2026-02-26");
	/* 条例第二十六条: 20 WD. Mon 2025-01-27 -> 3/3 (9 to 2/14, 14, 19 to 2/28, 3/3). */
	due_is(&r, "财政信息/预算", "2025-01-27", NULL, "2025-03-03");
	/* Tue 2025-09-30 -> 10/9 10/10 10/11(Sat) ... 11/4. */
	due_is(&r, "其他", "2025-09-30", NULL, "2025-11-04");
	due_is(&r, "机构职能", "2025-09-30", "2025-09-01", "2025-11-04");
}

static void
test_agency_override(void **state)
{
	struct timeliness_rules r;
	char err[512], name[16];
	int32_t due;
	int i;

	(void)state;
	timeliness_rules_default(&r);
	/* A stricter agency: 规章 in 3 WD, news in 2, everything else in 15. */
	assert_int_equal(timeliness_rules_set(&r, "规章", 3, TIMELINESS_FROM_FORMED, err, sizeof(err)), GK_OK);
	assert_int_equal(timeliness_rules_set(&r, "工作动态", 2, TIMELINESS_FROM_EVENT_END, err, sizeof(err)), GK_OK);
	assert_int_equal(timeliness_rules_set(&r, TIMELINESS_ANY, 15, TIMELINESS_FROM_FORMED, err, sizeof(err)), GK_OK);
	assert_int_equal(r.n, 4);	/* two replaced, one added */
	/* 规章 from Fri 2025-01-24: 1/26 1/27 2/5. */
	due_is(&r, "政策文件/规章", "2025-01-24", NULL, "2025-02-05");
	/* Its sibling keeps the 政策文件 rule. */
	due_is(&r, "政策文件/其他文件", "2025-01-24", NULL, "2025-02-07");
	/* News: Fri 2026-02-13 -> 2/14 2/24. */
	due_is(&r, "工作动态", "2026-02-20", "2026-02-13", "2026-02-24");
	/* 15 WD from Mon 2025-01-27: 9 to 2/14, 14 to 2/21, then Mon 2/24. */
	due_is(&r, "财政信息/预算", "2025-01-27", NULL, "2025-02-24");

	/* 条例第二十六条 is the outer bound: no rule may allow more than 20 WD. */
	assert_int_equal(timeliness_rules_set(&r, "工作动态", 21, TIMELINESS_FROM_EVENT_END, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "条例第二十六条"));
	assert_int_equal(timeliness_rules_set(&r, "工作动态", 0, TIMELINESS_FROM_EVENT_END, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(timeliness_rules_set(&r, "政策文件/规章", 3, TIMELINESS_FROM_FORMED, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(timeliness_rules_set(&r, "", 3, TIMELINESS_FROM_FORMED, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(timeliness_rules_set(&r, NULL, 3, TIMELINESS_FROM_FORMED, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(timeliness_rules_set(&r, "x", 3, (enum timeliness_base)7, err, sizeof(err)), GK_EINVAL);
	memset(name, 'a', sizeof(name));
	name[sizeof(name) - 1] = '\0';
	for (i = 0; r.n < TIMELINESS_MAX_RULES; i++) {
		name[0] = (char)('A' + i / 26);
		name[1] = (char)('a' + i % 26);
		assert_int_equal(timeliness_rules_set(&r, name, 5, TIMELINESS_FROM_FORMED, err, sizeof(err)), GK_OK);
	}
	assert_int_equal(timeliness_rules_set(&r, "one too many", 5, TIMELINESS_FROM_FORMED, err, sizeof(err)), GK_ELIMIT);
	/* The failed edits changed nothing. */
	due_is(&r, "工作动态", "2026-02-20", "2026-02-13", "2026-02-24");

	/* No formed date, and a deadline running into uncovered 2027. */
	assert_int_equal(timeliness_due(&cal, &r, "其他", GK_DATE_NONE, GK_DATE_NONE, &due, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "成文日期"));
	timeliness_rules_default(&r);
	assert_int_equal(timeliness_due(&cal, &r, "政策文件", D("2026-12-28"), GK_DATE_NONE, &due, err, sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "2027"));
}

static void
classify_is(const char *due, const char *published, const char *today, int window,
    enum timeliness_status want, long want_wd)
{
	enum timeliness_status st;
	char err[512];
	long wd = -99;

	assert_int_equal(timeliness_classify(&cal, D(due),
	    published ? D(published) : GK_DATE_NONE, today ? D(today) : GK_DATE_NONE,
	    window, &st, &wd, err, sizeof(err)), GK_OK);
	if (st != want || wd != want_wd)
		fail_msg("due %s published %s today %s: %s/%ld, want %s/%ld", due,
		    published ? published : "-", today ? today : "-",
		    timeliness_status_cn(st), wd, timeliness_status_cn(want), want_wd);
}

static void
test_classify(void **state)
{
	enum timeliness_status st;
	char err[512];

	(void)state;
	/* Due Fri 2025-02-07 (a policy file formed 2025-01-24). */
	classify_is("2025-02-07", "2025-02-07", "2025-03-01", 3, TIMELINESS_ON_TIME, 0);
	classify_is("2025-02-07", "2025-01-24", NULL, 3, TIMELINESS_ON_TIME, 0);
	/* Published Mon 2/10: two working days late (Sat 2/8 was a working day). */
	classify_is("2025-02-07", "2025-02-10", NULL, 3, TIMELINESS_LATE, 2);
	/* Published on Sun 2/9: still late, one working day (2/8). */
	classify_is("2025-02-07", "2025-02-09", NULL, 3, TIMELINESS_LATE, 1);
	/* Not published. */
	classify_is("2025-02-07", NULL, "2025-02-10", 3, TIMELINESS_OVERDUE, 2);
	classify_is("2025-02-07", NULL, "2025-02-08", 3, TIMELINESS_OVERDUE, 1);
	classify_is("2025-02-07", NULL, "2025-02-07", 3, TIMELINESS_DUE_SOON, 0);
	classify_is("2025-02-07", NULL, "2025-02-05", 3, TIMELINESS_DUE_SOON, 2);
	/* From Mon 1/27: 2/5 2/6 2/7 left, the holiday in between. */
	classify_is("2025-02-07", NULL, "2025-01-27", 3, TIMELINESS_DUE_SOON, 3);
	classify_is("2025-02-07", NULL, "2025-01-27", 2, TIMELINESS_PENDING, 3);
	/* From Fri 1/24: 1/26 1/27 2/5 2/6 2/7. */
	classify_is("2025-02-07", NULL, "2025-01-24", 3, TIMELINESS_PENDING, 5);
	classify_is("2025-02-07", NULL, "2025-01-24", 0, TIMELINESS_PENDING, 5);

	assert_int_equal(timeliness_classify(&cal, GK_DATE_NONE, GK_DATE_NONE,
	    D("2025-01-01"), 3, &st, NULL, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(timeliness_classify(&cal, D("2025-02-07"), GK_DATE_NONE,
	    GK_DATE_NONE, 3, &st, NULL, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(timeliness_classify(&cal, D("2025-02-07"), GK_DATE_NONE,
	    D("2025-01-01"), -1, &st, NULL, err, sizeof(err)), GK_EINVAL);
	/* Today in an uncovered year is an error, not a guess. */
	assert_int_equal(timeliness_classify(&cal, D("2026-12-31"), GK_DATE_NONE,
	    D("2027-01-05"), 3, &st, NULL, err, sizeof(err)), GK_ENOTFOUND);
	assert_string_equal(timeliness_status_cn(TIMELINESS_OVERDUE), "已逾期未公开");
}

static void
test_rate(void **state)
{
	struct timeliness_pair p[] = {
		{ 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 }, { 0, 0 },
	};
	struct timeliness_tally t;

	(void)state;
	p[0].due = D("2025-02-07"); p[0].published = D("2025-02-07");	/* on time: on the day */
	p[1].due = D("2025-02-07"); p[1].published = D("2025-02-06");	/* on time */
	p[2].due = D("2025-02-07"); p[2].published = D("2025-02-10");	/* late */
	p[3].due = D("2025-02-07"); p[3].published = GK_DATE_NONE;	/* overdue on 2/10 */
	p[4].due = D("2025-03-03"); p[4].published = GK_DATE_NONE;	/* not yet due */
	timeliness_rate(p, 5, D("2025-02-10"), &t);
	assert_int_equal(t.on_time, 2);
	assert_int_equal(t.late, 1);
	assert_int_equal(t.overdue, 1);
	assert_int_equal(t.open, 1);
	assert_true(t.has_rate);
	assert_int_equal(t.permille, 500);	/* 2 of 4 */
	/* 2 of 3 = 666.7 per mille, rounded to 667. */
	timeliness_rate(p, 3, D("2025-02-10"), &t);
	assert_int_equal(t.permille, 667);
	/* 1 of 3 = 333.3 -> 333. */
	p[0].published = D("2025-02-11");
	timeliness_rate(p, 3, D("2025-02-10"), &t);
	assert_int_equal(t.permille, 333);
	/* All on time. */
	timeliness_rate(p + 1, 1, D("2025-02-10"), &t);
	assert_int_equal(t.permille, 1000);
	/* Nothing decided: no rate. */
	timeliness_rate(p + 4, 1, D("2025-02-10"), &t);
	assert_false(t.has_rate);
	assert_int_equal(t.open, 1);
	timeliness_rate(NULL, 0, D("2025-02-10"), &t);
	assert_false(t.has_rate);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_rule_lookup),
	cmocka_unit_test(test_default_due_dates),
	cmocka_unit_test(test_agency_override),
	cmocka_unit_test(test_classify),
	cmocka_unit_test(test_rate),
};

static int
run(void)
{
	int rc;

	setup(NULL);
	rc = gk_test_run("timeliness", tests, sizeof(tests) / sizeof(tests[0]));
	teardown(NULL);
	return rc;
}

int
main(void)
{
	return run();
}
