/*
 * test_report_rules.c — the template's accounting rules: valid models pass;
 * each injected error yields exactly the rule ids expected, at the place
 * expected; blank and unreadable cells make the rules that need them
 * unverifiable rather than passed; narrative figures are compared.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/report_check.h"

/* "RULE@section:row:col" for each finding, sorted as produced. */
static void
summary(const struct gk_findings *f, char *out, size_t n)
{
	size_t i, o = 0;

	out[0] = '\0';
	for (i = 0; i < f->n && o < n; i++)
		o += (size_t)snprintf(out + o, n - o, "%s%s/%s@%d:%d:%d", i ? " " : "",
		    f->v[i].rule, gk_sev_name(f->v[i].sev), f->v[i].at.section,
		    f->v[i].at.row, f->v[i].at.col);
}

static void
expect(const struct gk_report *r, const char *want)
{
	struct gk_findings	f;
	char			got[4096];

	gk_findings_init(&f);
	assert_int_equal(gk_report_check(r, &f), GK_OK);
	summary(&f, got, sizeof(got));
	if (strcmp(got, want) != 0)
		fail_msg("findings:\n got: %s\nwant: %s", got, want);
	gk_findings_clear(&f);
}

static void
test_random_valid_models_pass(void **state)
{
	struct gk_report	r;
	uint64_t		seed = 42;
	int			i;

	(void)state;
	for (i = 0; i < 500; i++) {
		gk_test_random_report(&r, &seed, 0);
		/* Narrative figures are not tied to the tables in random models. */
		gk_report_set_narr(&r, GK_NARR_OVERVIEW, NULL);
		expect(&r, "");
		gk_report_clear(&r);
	}
}

static void
base(struct gk_report *r)
{
	gk_report_init(r, GK_TPL_2021);
	gk_cell_set_int(&r->s3[GK_S3_NEW][GK_S3_NATURAL], 3);
	gk_cell_set_int(&r->s3[GK_S3_NEW][GK_S3_ALL], 3);
	gk_cell_set_int(&r->s3[GK_S3_OPEN][GK_S3_NATURAL], 2);
	gk_cell_set_int(&r->s3[GK_S3_OPEN][GK_S3_ALL], 2);
	gk_cell_set_int(&r->s3[GK_S3_TOTAL][GK_S3_NATURAL], 2);
	gk_cell_set_int(&r->s3[GK_S3_TOTAL][GK_S3_ALL], 2);
	gk_cell_set_int(&r->s3[GK_S3_CARRIED_OUT][GK_S3_NATURAL], 1);
	gk_cell_set_int(&r->s3[GK_S3_CARRIED_OUT][GK_S3_ALL], 1);
	gk_cell_set_int(&r->s4[GK_S4_RECON][GK_S4_UPHELD], 1);
	gk_cell_set_int(&r->s4[GK_S4_RECON][GK_S4_TOTAL], 1);
}

static void
test_balance(void **state)
{
	struct gk_report r;

	(void)state;
	base(&r);
	expect(&r, "");
	/* 结转下年度 wrong in the 自然人 column: the column balance fails, and the
	 * row total of 四 (总计 1 ≠ 2). */
	gk_cell_set_int(&r.s3[GK_S3_CARRIED_OUT][GK_S3_NATURAL], 2);
	expect(&r, "S3-ROW-TOTAL/error@3:28:6 S3-BALANCE/error@3:-1:0");
	gk_report_clear(&r);
}

static void
test_outcome_total(void **state)
{
	struct gk_report r;

	(void)state;
	base(&r);
	/* An outcome added without updating (七) 总计: the outcome total fails in
	 * two columns; the row total of that leaf fails too. */
	gk_cell_set_int(&r.s3[GK_S3_DENY_THIRD][GK_S3_BUSINESS], 1);
	expect(&r, "S3-ROW-TOTAL/error@3:8:6 S3-OUTCOME-TOTAL/error@3:27:1");
	gk_report_clear(&r);
}

static void
test_other_processing_2019(void **state)
{
	struct gk_report r;

	(void)state;
	gk_report_init(&r, GK_TPL_2019);
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_RESEARCH], 1);
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_ALL], 1);
	gk_cell_set_int(&r.s3[GK_S3_OTHER][GK_S3_RESEARCH], 1);
	gk_cell_set_int(&r.s3[GK_S3_OTHER][GK_S3_ALL], 1);
	gk_cell_set_int(&r.s3[GK_S3_TOTAL][GK_S3_RESEARCH], 1);
	gk_cell_set_int(&r.s3[GK_S3_TOTAL][GK_S3_ALL], 1);
	expect(&r, "");	/* (六) 其他处理 counts as an outcome row in 2019 */
	gk_report_clear(&r);
}

static void
test_group_subtotal(void **state)
{
	struct gk_report r;
	int j;

	(void)state;
	base(&r);
	/* A report that writes a subtotal on the (三) 不予公开 group row. */
	for (j = 0; j < GK_S3COL__MAX; j++)
		gk_cell_set_int(&r.s3[GK_S3_DENY][j], 0);
	expect(&r, "");
	gk_cell_set_int(&r.s3[GK_S3_DENY][GK_S3_LEGAL], 1);
	gk_cell_set_int(&r.s3[GK_S3_DENY][GK_S3_ALL], 1);
	expect(&r, "S3-GROUP-SUM/error@3:4:4 S3-GROUP-SUM/error@3:4:6");
	gk_report_clear(&r);
}

static void
test_s4_total_and_cells(void **state)
{
	struct gk_report r;

	(void)state;
	base(&r);
	gk_cell_set_int(&r.s4[GK_S4_SUIT_DIRECT][GK_S4_PENDING], 2);
	expect(&r, "S4-TOTAL/error@4:1:4");
	gk_cell_set_int(&r.s4[GK_S4_SUIT_DIRECT][GK_S4_TOTAL], 2);
	gk_cell_set_int(&r.s2[GK_S2_LICENSE], -1);
	gk_cell_set_num(&r.s2[GK_S2_PENALTY], GK_NUM_SCALE / 2);
	gk_cell_set_num(&r.s2[GK_S2_FEE], -GK_NUM_SCALE);
	expect(&r, "CELL-NONNEG/error@2:6:-1 CELL-NONNEG/error@2:7:-1 S2-AMOUNT/error@2:9:-1");
	/* A fee in 万元 with decimals is fine. */
	gk_report_clear(&r);
	base(&r);
	gk_cell_set_num(&r.s2[GK_S2_FEE], 1235 * GK_NUM_SCALE / 100);
	expect(&r, "");
	gk_report_clear(&r);
}

static void
test_blank_and_unreadable(void **state)
{
	struct gk_report r;

	(void)state;
	base(&r);
	gk_cell_set_blank(&r.s3[GK_S3_OPEN][GK_S3_RESEARCH]);
	gk_cell_set_text(&r.s4[GK_S4_RECON][GK_S4_CORRECTED], GK_CELL_UNREADABLE, "—");
	expect(&r,
	    "CELL-BLANK/blank@3:2:2 S3-ROW-TOTAL/unverifiable@3:2:6 "
	    "S3-OUTCOME-TOTAL/unverifiable@3:27:2 "
	    "CELL-UNREADABLE/unreadable@4:0:1 S4-TOTAL/unverifiable@4:0:4");
	gk_report_clear(&r);
}

static void
test_narrative(void **state)
{
	struct gk_report	r;
	struct gk_findings	f;

	(void)state;
	base(&r);
	gk_report_set_narr(&r, GK_NARR_OVERVIEW,
	    "（二）依申请公开方面\n\n2023年共收到政府信息公开申请3件，上年结转0件。"
	    "因政府信息公开被申请行政复议1件，均获维持；提起行政诉讼0件。");
	expect(&r, "");
	gk_report_set_narr(&r, GK_NARR_OVERVIEW,
	    "全年共受理政府信息公开申请二件。行政复议7件，均获维持。行政诉讼1件。");
	/* The table's one case was upheld, so "均获维持" agrees with it. */
	expect(&r, "NARR-APPLICATIONS/warning@1:-1:-1 NARR-RECONSIDERATION/warning@1:-1:-1 "
	    "NARR-LITIGATION/warning@1:-1:-1");
	/* Warnings alone keep the exit status 0 unless strict. */
	gk_findings_init(&f);
	gk_report_check(&r, &f);
	assert_int_equal(gk_findings_status(&f, 0), 0);
	assert_int_equal(gk_findings_status(&f, 1), 1);
	assert_non_null(strstr(f.v[0].msg, "受理政府信息公开申请二件"));
	assert_int_equal(f.v[0].actual, 2 * GK_NUM_SCALE);
	assert_int_equal(f.v[0].expected, 3 * GK_NUM_SCALE);
	gk_findings_clear(&f);
	/* One of two cases corrected, yet the text says all were upheld. */
	gk_cell_set_int(&r.s4[GK_S4_RECON][GK_S4_CORRECTED], 1);
	gk_cell_set_int(&r.s4[GK_S4_RECON][GK_S4_TOTAL], 2);
	gk_report_set_narr(&r, GK_NARR_OVERVIEW, "行政复议2件，均获维持。");
	expect(&r, "NARR-UPHELD/warning@1:-1:-1");
	gk_report_clear(&r);
}

/* Found by fuzz_json and fuzz_html: a narrative ending in a short ASCII tail
 * was read past its end while looking for 。/，. */
static void
test_narrative_short_tail(void **state)
{
	static const char *const tails[] = { "申请2件a", "行政复议1件", "x", "ab", "申请。", "，" };
	struct gk_report r;
	size_t i;

	(void)state;
	base(&r);
	for (i = 0; i < sizeof(tails) / sizeof(tails[0]); i++) {
		struct gk_findings f;

		gk_report_set_narr(&r, GK_NARR_OVERVIEW, tails[i]);
		gk_findings_init(&f);
		assert_int_equal(gk_report_check(&r, &f), GK_OK);
		gk_findings_clear(&f);
	}
	gk_report_clear(&r);
}

static void
test_messages_name_place_and_figures(void **state)
{
	struct gk_report	r;
	struct gk_findings	f;

	(void)state;
	base(&r);
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_ALL], 4);
	gk_findings_init(&f);
	gk_report_check(&r, &f);
	assert_true(f.n >= 1);
	assert_string_equal(f.v[0].rule, "S3-ROW-TOTAL");
	assert_string_equal(f.v[0].where, "第三部分 一、本年新收政府信息公开申请数量 × 总计");
	assert_string_equal(f.v[0].msg, "总计应为六类申请人之和 3，实填 4");
	assert_int_equal(f.v[0].expected, 3 * GK_NUM_SCALE);
	gk_findings_clear(&f);
	gk_report_clear(&r);
}

static void
test_findings_out_of_memory(void **state)
{
	struct gk_report	r;
	struct gk_findings	f;

	(void)state;
	base(&r);
	gk_cell_set_blank(&r.s3[GK_S3_OPEN][GK_S3_RESEARCH]);
	gk_findings_init(&f);
	gk_mem_fail_after(0);
	assert_int_equal(gk_report_check(&r, &f), GK_ENOMEM);
	gk_mem_fail_reset();
	gk_findings_clear(&f);
	gk_report_clear(&r);
}

static void
test_rule_ids_unique(void **state)
{
	size_t i, j;

	(void)state;
	for (i = 0; i < gk_nrules; i++)
		for (j = i + 1; j < gk_nrules; j++)
			assert_string_not_equal(gk_rules[i].id, gk_rules[j].id);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_random_valid_models_pass),
	cmocka_unit_test(test_balance),
	cmocka_unit_test(test_outcome_total),
	cmocka_unit_test(test_other_processing_2019),
	cmocka_unit_test(test_group_subtotal),
	cmocka_unit_test(test_s4_total_and_cells),
	cmocka_unit_test(test_blank_and_unreadable),
	cmocka_unit_test(test_narrative),
	cmocka_unit_test(test_narrative_short_tail),
	cmocka_unit_test(test_messages_name_place_and_figures),
	cmocka_unit_test(test_findings_out_of_memory),
	cmocka_unit_test(test_rule_ids_unique),
};

GK_TEST_MAIN("report_rules", tests)
