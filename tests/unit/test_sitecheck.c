/*
 * test_sitecheck.c — the website self-check's rules (core/sitecheck.c) and
 * the sync check's rule (core/chsync.c), each at its boundaries with dates
 * worked out by hand. The monitoring point is Fri 2026-11-27 throughout:
 *   2 weeks earlier   2026-11-13 (in), 2026-11-12 (out);
 *   6 months earlier  2026-05-27 (in), 2026-05-26 (out);
 *   1 year earlier    2025-11-27 (in), 2025-11-26 (out);
 *   3 months after 2026-08-27 is 2026-11-27 (not yet over: today is not
 *   after it), after 2026-08-26 is 2026-11-26 (over).
 * Month arithmetic clamps to the month's end: 2026-08-31 − 6 months =
 * 2026-02-28, 2024-08-31 − 6 months = 2024-02-29 (leap), 2025-11-30 + 3
 * months = 2026-02-28.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/chsync.h"
#include "core/date.h"
#include "core/sitecheck.h"

#define D(s)	gk_test_date(s)
#define TODAY	D("2026-11-27")

static struct sc_result R;

static void
run(const struct sc_input *in)
{
	char err[128];

	assert_int_equal(sitecheck_run(in, TODAY, &R, err, sizeof(err)), GK_OK);
}

static void
done(void)
{
	sitecheck_result_free(&R);
}

static void
test_months(void **state)
{
	char b[GK_DATE_LEN];

	(void)state;
	gk_date_format(sitecheck_months_before(D("2026-08-31"), 6), b);
	assert_string_equal(b, "2026-02-28");
	gk_date_format(sitecheck_months_before(D("2024-08-31"), 6), b);
	assert_string_equal(b, "2024-02-29");
	gk_date_format(sitecheck_months_before(TODAY, 12), b);
	assert_string_equal(b, "2025-11-27");
	gk_date_format(sitecheck_months_before(D("2026-01-15"), 6), b);
	assert_string_equal(b, "2025-07-15");
	gk_date_format(sitecheck_months_before(D("2026-03-31"), 1), b);
	assert_string_equal(b, "2026-02-28");
}

static void
test_columns(void **state)
{
	struct sc_column c[] = {
		{ 1, "工作动态", SC_COL_NEWS, 1, 1, 0, 0, 3 },
		{ 2, "通知公告", SC_COL_NOTICE, 1, 1, 0, 0, 2 },
		{ 3, "政策文件", SC_COL_NOTICE, 1, 0, 0, 0, 4 },
		{ 4, "政策文件/其他文件", SC_COL_NOTICE, 0, 1, 0, GK_DATE_NONE, 0 },
		{ 5, "政策文件/规章", SC_COL_NOTICE, 0, 1, 1, GK_DATE_NONE, 0 },
		{ 6, "机构职能", SC_COL_OTHER, 1, 1, 0, GK_DATE_NONE, 0 },
	};
	struct sc_input in;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.cols = c;
	in.ncols = 6;
	/* every one on its boundary day: only the two blank leaves fail */
	c[0].last = D("2026-11-13");
	c[1].last = D("2026-05-27");
	c[2].last = D("2026-05-27");
	run(&in);
	assert_int_equal(R.r[SC_NEWS_STALE].found, 0);
	assert_int_equal(R.r[SC_NOTICE_STALE].found, 0);
	assert_int_equal(R.r[SC_BLANK].found, 2);	/* 4 and 6; 5 exempt */
	assert_int_equal(R.v[0].ref, 4);
	assert_int_equal(R.v[1].ref, 6);
	assert_false(R.r[SC_BLANK].veto);
	assert_false(R.pass);
	done();
	/* a day past each boundary */
	c[0].last = D("2026-11-12");
	c[1].last = D("2026-05-26");
	c[2].last = D("2026-05-26");
	c[3].count = c[5].count = 1;
	run(&in);
	assert_int_equal(R.r[SC_NEWS_STALE].found, 1);
	assert_int_equal(R.r[SC_NOTICE_STALE].found, 2);
	assert_int_equal(R.r[SC_NOTICE_STALE].deduct, 5);	/* 政策文件 only, §4.3 */
	assert_int_equal(R.r[SC_BLANK].found, 0);
	assert_false(R.r[SC_NEWS_STALE].veto);	/* 3 < 5 */
	/* findings in rule order: news first, then the two notice columns */
	assert_int_equal(R.n, 3);
	assert_int_equal(R.v[0].rule, SC_NEWS_STALE);
	assert_non_null(strstr(R.v[0].text, "2026-11-12"));
	assert_non_null(strstr(R.v[0].text, "2026-11-13"));
	assert_int_equal(R.v[1].ref, 2);
	assert_int_equal(R.v[2].ref, 3);
	done();
	/* never published counts as stale; five stale columns are a veto */
	c[0].last = c[1].last = c[2].last = GK_DATE_NONE;
	c[3].kind = c[5].kind = SC_COL_NEWS;
	run(&in);
	assert_int_equal(R.r[SC_NEWS_STALE].found + R.r[SC_NOTICE_STALE].found, 5);
	assert_true(R.r[SC_NEWS_STALE].veto);
	assert_true(R.veto);
	done();
}

static void
test_consult(void **state)
{
	struct sc_consult q[] = {
		{ 1, "a", 0, GK_DATE_NONE, 0 },	/* asked 2026-08-27: limit today, not over */
		{ 2, "b", 0, GK_DATE_NONE, 0 },	/* asked 2026-08-26: over */
		{ 3, "c", 0, GK_DATE_NONE, 0 },	/* asked 2025-11-26: outside the year */
		{ 4, "d", 0, GK_DATE_NONE, 0 },	/* asked 2025-11-27: inside, over */
		{ 5, "e", 0, 0, 0 },		/* 2026-05-31 answered 08-31: on the limit */
		{ 6, "f", 0, 0, 0 },		/* 2026-05-31 answered 09-01: late */
		{ 7, "g", 0, 0, 0 },		/* 2025-11-30 answered 2026-02-28: clamped limit */
		{ 8, "h", 0, GK_DATE_NONE, 1 },	/* rejected: not a valid message */
	};
	struct sc_input in;

	(void)state;
	q[0].asked = D("2026-08-27");
	q[1].asked = D("2026-08-26");
	q[2].asked = D("2025-11-26");
	q[3].asked = D("2025-11-27");
	q[4].asked = D("2026-05-31");
	q[4].answered = D("2026-08-31");
	q[5].asked = D("2026-05-31");
	q[5].answered = D("2026-09-01");
	q[6].asked = D("2025-11-30");
	q[6].answered = D("2026-02-28");
	q[7].asked = D("2026-01-05");
	memset(&in, 0, sizeof(in));
	in.consults = q;
	in.nconsults = 8;
	run(&in);
	assert_int_equal(R.r[SC_CONSULT].found, 3);
	assert_int_equal(R.v[0].ref, 2);
	assert_int_equal(R.v[1].ref, 4);
	assert_int_equal(R.v[2].ref, 6);
	assert_non_null(strstr(R.v[2].text, "2026-09-01"));
	assert_true(R.r[SC_CONSULT].veto);
	done();
}

static void
test_wechat(void **state)
{
	struct sc_input in;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.wechat_last = GK_DATE_NONE;
	run(&in);	/* no account: not applicable, passes */
	assert_false(R.r[SC_WECHAT].checked);
	assert_true(R.pass);
	done();
	in.wechat_used = 1;
	run(&in);
	assert_int_equal(R.r[SC_WECHAT].found, 1);
	assert_non_null(strstr(R.v[0].text, "最近更新 无"));
	done();
	in.wechat_last = D("2026-11-13");
	run(&in);
	assert_true(R.pass);
	done();
	in.wechat_last = D("2026-11-12");
	run(&in);
	assert_int_equal(R.r[SC_WECHAT].found, 1);
	assert_true(R.veto);
	done();
}

static void
test_late(void **state)
{
	struct sc_item it[] = {
		{ 1, "X/1", "早一天", 0, 0, 0 },	/* due 05-10 published 05-10 */
		{ 2, "X/2", "晚一天", 0, 0, 0 },	/* due 05-10 published 05-11 */
		{ 3, "X/3", "一年前", 0, 0, 0 },	/* late, published 2025-11-26 */
		{ 4, "X/4", "满一年", 0, 0, 0 },	/* late, published 2025-11-27 */
		{ 5, "X/5", "逾期", 0, GK_DATE_NONE, 0 },	/* due 11-26, unpublished */
		{ 6, "X/6", "今天到期", 0, GK_DATE_NONE, 0 },	/* due today */
		{ 7, "X/7", "撤回", 0, GK_DATE_NONE, 1 },	/* withdrawn, never published */
		{ 8, "X/8", "无期限", GK_DATE_NONE, GK_DATE_NONE, 0 },
	};
	struct sc_input in;

	(void)state;
	it[0].due = it[1].due = D("2026-05-10");
	it[0].published = D("2026-05-10");
	it[1].published = D("2026-05-11");
	it[2].due = D("2025-11-20");
	it[2].published = D("2025-11-26");
	it[3].due = D("2025-11-20");
	it[3].published = D("2025-11-27");
	it[4].due = D("2026-11-26");
	it[5].due = TODAY;
	it[6].due = D("2026-01-05");
	memset(&in, 0, sizeof(in));
	in.items = it;
	in.nitems = 8;
	run(&in);
	assert_int_equal(R.r[SC_LATE].found, 3);
	assert_int_equal(R.v[0].ref, 2);
	assert_int_equal(R.v[1].ref, 4);
	assert_int_equal(R.v[2].ref, 5);
	assert_non_null(strstr(R.v[2].text, "至今未发布"));
	assert_false(R.r[SC_LATE].veto);	/* no veto item in the source */
	done();
}

static void
test_links(void **state)
{
	struct sc_link l[] = {
		{ 1, "甲", "/item/3", 0, 1, NULL },
		{ 1, "甲", "/item/4", 0, 0, "信息未发布或已撤回" },
		{ 2, "乙", "https://a.example/x", 1, -1, NULL },
		{ 2, "乙", "https://b.example/y", 1, 0, "HTTP 状态码表示错误" },
	};
	struct sc_input in;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.links = l;
	in.nlinks = 4;
	run(&in);	/* external links not asked for */
	assert_int_equal(R.r[SC_DEADLINK].found, 1);
	assert_int_equal(R.r[SC_EXTLINK].found, 0);
	assert_false(R.r[SC_EXTLINK].checked);
	assert_non_null(strstr(R.v[0].text, "/item/4"));
	assert_non_null(strstr(R.v[0].text, "已撤回"));
	done();
	in.external = 1;
	run(&in);
	assert_int_equal(R.r[SC_EXTLINK].found, 1);
	assert_non_null(strstr(R.v[1].text, "b.example"));
	done();
}

struct got {
	char	 v[8][128];
	int	 n;
};

static int
collect(const char *u, size_t n, void *arg)
{
	struct got *g = arg;

	if (g->n < 8)
		snprintf(g->v[g->n++], sizeof(g->v[0]), "%.*s", (int)n, u);
	return 0;
}

static void
test_scan(void **state)
{
	struct got	 g;
	char		 p[64];

	(void)state;
	memset(&g, 0, sizeof(g));
	assert_int_equal(sitecheck_links_scan("见/item/3，和 https://a.example/x?y=1。"
	    "又(/attachment/5) 与 abc/item/4 及 http:// 和 [文](http://localhost:8080/agency/1/)."
	    " 末尾 https://c.example/z.", collect, &g), 0);
	assert_int_equal(g.n, 5);
	assert_string_equal(g.v[0], "/item/3");
	assert_string_equal(g.v[1], "https://a.example/x?y=1");
	assert_string_equal(g.v[2], "/attachment/5");
	assert_string_equal(g.v[3], "http://localhost:8080/agency/1/");
	assert_string_equal(g.v[4], "https://c.example/z");
	assert_int_equal(sitecheck_links_scan(NULL, collect, &g), 0);

	assert_int_equal(sitecheck_link_internal("http://localhost:8080/item/3#x",
	    "http://localhost:8080", p, sizeof(p)), 1);
	assert_string_equal(p, "/item/3");
	assert_int_equal(sitecheck_link_internal("http://localhost:8080", "http://localhost:8080/",
	    p, sizeof(p)), 1);
	assert_string_equal(p, "/");
	assert_int_equal(sitecheck_link_internal("http://localhost:80801/item/3",
	    "http://localhost:8080", p, sizeof(p)), 0);
	assert_int_equal(sitecheck_link_internal("https://www.gov.cn/", "http://localhost:8080",
	    p, sizeof(p)), 0);
	assert_int_equal(sitecheck_link_internal("https://www.gov.cn/", NULL, p, sizeof(p)), 0);
	assert_int_equal(sitecheck_link_internal("/agency/1/category/2/?page=3", NULL, p,
	    sizeof(p)), 1);
	assert_string_equal(p, "/agency/1/category/2/");
}

static void
test_names(void **state)
{
	int k;

	(void)state;
	for (k = 0; k < SC__MAX; k++) {
		const char *ind = sitecheck_rule_indicator((enum sc_rule)k);

		assert_true(strstr(ind, "legal.md") != NULL || strstr(ind, "条例") != NULL);
		assert_true(strlen(sitecheck_rule_veto((enum sc_rule)k)) > 0);
		assert_true(strlen(sitecheck_rule_deduct((enum sc_rule)k)) > 0);
	}
	assert_string_equal(sitecheck_rule_name(SC_DEADLINK), "deadlink");
	assert_string_equal(sitecheck_rule_name(SC__MAX), "?");
}

/* The sync check's rule: portal 2026-11-02, today 2026-11-27. */
static void
test_chsync(void **state)
{
	struct chsync_in	 in;
	long			 days;

	(void)state;
	memset(&in, 0, sizeof(in));
	in.portal = D("2026-11-02");
	in.current = "aa";
	in.within = -1;
	/* not required, nothing there: fine */
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_OK);
	in.required = 1;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_MISSING);
	assert_int_equal(days, 25);
	/* within 25 days: on the last day still fine, the day after missing */
	in.within = 25;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_OK);
	in.within = 24;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_MISSING);
	assert_int_equal(days, 1);
	in.status = "pending";
	assert_int_equal(chsync_classify(&in, TODAY, NULL), CHSYNC_MISSING);
	/* published on 11-05 with 3 days: on time; with 2: late by 1 */
	in.status = "published";
	in.at = D("2026-11-05");
	in.sha = "aa";
	in.within = 3;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_OK);
	in.within = 2;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_LATE);
	assert_int_equal(days, 1);
	/* not required: never late */
	in.required = 0;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_OK);
	/* changed after posting */
	in.sha = "bb";
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_DIFFERS);
	/* withdrawn from the portal: still out there differs, taken down is fine */
	in.sha = "aa";
	in.withdrawn = 1;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_DIFFERS);
	in.status = "removed";
	in.required = 1;
	assert_int_equal(chsync_classify(&in, TODAY, &days), CHSYNC_OK);
	assert_string_equal(chsync_kind_label(CHSYNC_LATE), "迟发");
	assert_string_equal(chsync_kind_name(CHSYNC__MAX), "?");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_months),
	cmocka_unit_test(test_columns),
	cmocka_unit_test(test_consult),
	cmocka_unit_test(test_wechat),
	cmocka_unit_test(test_late),
	cmocka_unit_test(test_links),
	cmocka_unit_test(test_scan),
	cmocka_unit_test(test_names),
	cmocka_unit_test(test_chsync),
};

GK_TEST_MAIN("sitecheck", tests)
