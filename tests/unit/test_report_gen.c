/*
 * test_report_gen.c — core/report_gen: figure keys and values, the model
 * assembled from counts (expected cells written by hand below), and the
 * placeholder expansion of narrative texts with unknown, valueless and
 * malformed placeholders.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/report_gen.h"

#define N(v)	((int64_t)(v) * GK_NUM_SCALE)

static void
test_figure_values(void **state)
{
	char	err[256];
	int64_t	v;

	(void)state;
	assert_int_equal(gk_gen_figure_parse("license", "12", &v, err, sizeof(err)), GK_OK);
	assert_int_equal(v, N(12));
	assert_int_equal(gk_gen_figure_parse("admin_fee", "0.35", &v, err, sizeof(err)), GK_OK);
	assert_int_equal(v, 350000);
	assert_int_equal(gk_gen_figure_parse("admin_fee", "1.000001", &v, err, sizeof(err)), GK_OK);
	assert_int_equal(v, 1000001);
	assert_int_equal(gk_gen_figure_parse("license.delta", "-2", &v, err, sizeof(err)), GK_OK);
	assert_int_equal(v, -N(2));
	assert_int_equal(gk_gen_figure_parse("custom.x", "-0.5", &v, err, sizeof(err)), GK_OK);
	assert_int_equal(v, -500000);
	/* Refused: fractions of a count, negative counts and amounts, 7 decimals, junk. */
	assert_int_equal(gk_gen_figure_parse("license", "1.5", &v, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "整数"));
	assert_int_equal(gk_gen_figure_parse("penalty", "-1", &v, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_gen_figure_parse("admin_fee", "-0.1", &v, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_gen_figure_parse("admin_fee", "0.1234567", &v, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_gen_figure_parse("license", "", &v, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_gen_figure_parse("license", "1e3", &v, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_gen_figure_parse("license", "1.", &v, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_gen_figure_parse("license", "１２", &v, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_gen_figure_parse("license", "1234567890123", &v, err, sizeof(err)), GK_EINVAL);
	/* Keys. */
	assert_true(gk_gen_figkey_valid("trainings"));
	assert_true(gk_gen_figkey_valid("a.b_2"));
	assert_false(gk_gen_figkey_valid(""));
	assert_false(gk_gen_figkey_valid("2a"));
	assert_false(gk_gen_figkey_valid("License"));
	assert_false(gk_gen_figkey_valid("培训"));
	assert_false(gk_gen_figkey_valid("a b"));
}

/* Hand-made counts of one agency-year (see the expected cells in each test). */
static void
sample(struct gk_gen_counts *c)
{
	gk_gen_counts_init(c);
	c->doc_issued[GK_GEN_DOC_NORM] = 1;
	c->doc_repealed[GK_GEN_DOC_NORM] = 1;
	c->doc_inforce[GK_GEN_DOC_NORM] = 2;
	c->doc_inforce[GK_GEN_DOC_RULE] = 1;
	c->doc_published[GK_GEN_DOC_NORM] = 3;
	c->doc_public[GK_GEN_DOC_NORM] = 4;
	c->s3[GK_S3_NEW][GK_S3_NATURAL] = 3;
	c->s3[GK_S3_NEW][GK_S3_BUSINESS] = 1;
	c->s3[GK_S3_CARRIED_IN][GK_S3_NATURAL] = 1;
	c->s3[GK_S3_OPEN][GK_S3_NATURAL] = 2;
	c->s3[GK_S3_PARTIAL][GK_S3_BUSINESS] = 1;
	c->s3[GK_S3_DENY_SECRET][GK_S3_NATURAL] = 1;
	c->s3[GK_S3_OTHER_NOCORRECT][GK_S3_NATURAL] = 0;
	c->s3[GK_S3_CARRIED_OUT][GK_S3_NATURAL] = 1;
	c->s4[GK_S4_RECON][GK_S4_UPHELD] = 1;
	c->s4[GK_S4_RECON][GK_S4_PENDING] = 1;
	c->s4[GK_S4_SUIT_AFTER][GK_S4_CORRECTED] = 1;
	assert_int_equal(gk_gen_counts_set_figure(c, "license", N(5)), GK_OK);
	assert_int_equal(gk_gen_counts_set_figure(c, "coercion", N(0)), GK_OK);
	assert_int_equal(gk_gen_counts_set_figure(c, "admin_fee", 1500000), GK_OK);
	assert_int_equal(gk_gen_counts_set_figure(c, "trainings", N(10)), GK_OK);
	/* penalty is not entered */
}

static void
assert_num(const struct gk_cell *c, int64_t scaled)
{
	assert_int_equal(c->state, GK_CELL_NUM);
	assert_int_equal(c->num, scaled);
}

static void
test_assemble_2021(void **state)
{
	struct gk_gen_counts	c;
	struct gk_report	r;
	struct gk_findings	fs;
	size_t			i, nfig = 0;

	(void)state;
	sample(&c);
	gk_findings_init(&fs);
	assert_int_equal(gk_gen_assemble(&c, 2025, "某局", &r, &fs), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2021);
	assert_int_equal(r.year, 2025);
	assert_string_equal(r.agency, "某局");
	/* Section 二 */
	assert_num(&r.s2[GK_S2_RULE_ISSUED], 0);
	assert_num(&r.s2[GK_S2_RULE_INFORCE], N(1));
	assert_num(&r.s2[GK_S2_NORM_ISSUED], N(1));
	assert_num(&r.s2[GK_S2_NORM_REPEALED], N(1));
	assert_num(&r.s2[GK_S2_NORM_INFORCE], N(2));
	assert_num(&r.s2[GK_S2_LICENSE], N(5));
	assert_num(&r.s2[GK_S2_COERCION], 0);
	assert_num(&r.s2[GK_S2_FEE], 1500000);
	assert_int_equal(r.s2[GK_S2_PENALTY].state, GK_CELL_BLANK);
	assert_int_equal(r.s2[GK_S2_19_RULE_MADE].state, GK_CELL_ABSENT);
	for (i = 0; i < fs.n; i++)
		if (strcmp(fs.v[i].rule, GK_GEN_R_FIGURE) == 0) {
			nfig++;
			assert_int_equal(fs.v[i].sev, GK_SEV_BLANK);
			assert_int_equal(fs.v[i].at.row, GK_S2_PENALTY);
			assert_non_null(strstr(fs.v[i].msg, "penalty"));
		}
	assert_int_equal(nfig, 1);
	assert_int_equal(fs.n, 1);
	/* Section 三: 一 4 + 二 1 = (七) 4 + 四 1 */
	assert_num(&r.s3[GK_S3_NEW][GK_S3_NATURAL], N(3));
	assert_num(&r.s3[GK_S3_NEW][GK_S3_BUSINESS], N(1));
	assert_num(&r.s3[GK_S3_NEW][GK_S3_ALL], N(4));
	assert_num(&r.s3[GK_S3_CARRIED_IN][GK_S3_ALL], N(1));
	assert_num(&r.s3[GK_S3_OPEN][GK_S3_NATURAL], N(2));
	assert_num(&r.s3[GK_S3_PARTIAL][GK_S3_BUSINESS], N(1));
	assert_num(&r.s3[GK_S3_DENY_SECRET][GK_S3_ALL], N(1));
	assert_num(&r.s3[GK_S3_OTHER_NOCORRECT][GK_S3_NATURAL], 0);
	assert_num(&r.s3[GK_S3_TOTAL][GK_S3_NATURAL], N(3));
	assert_num(&r.s3[GK_S3_TOTAL][GK_S3_BUSINESS], N(1));
	assert_num(&r.s3[GK_S3_TOTAL][GK_S3_ALL], N(4));
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_ALL], N(1));
	assert_int_equal(r.s3[GK_S3_DENY][GK_S3_ALL].state, GK_CELL_ABSENT);
	/* Section 四 */
	assert_num(&r.s4[GK_S4_RECON][GK_S4_UPHELD], N(1));
	assert_num(&r.s4[GK_S4_RECON][GK_S4_PENDING], N(1));
	assert_num(&r.s4[GK_S4_RECON][GK_S4_TOTAL], N(2));
	assert_num(&r.s4[GK_S4_SUIT_DIRECT][GK_S4_TOTAL], 0);
	assert_num(&r.s4[GK_S4_SUIT_AFTER][GK_S4_CORRECTED], N(1));
	assert_num(&r.s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL], N(1));
	/* The template's rules hold but for the blank penalty cell. */
	gk_findings_clear(&fs);
	gk_findings_init(&fs);
	assert_int_equal(gk_report_check(&r, &fs), GK_OK);
	assert_int_equal(fs.n, 1);
	assert_int_equal(fs.v[0].sev, GK_SEV_BLANK);
	gk_findings_clear(&fs);
	gk_report_clear(&r);
}

static void
test_assemble_2019(void **state)
{
	struct gk_gen_counts	c;
	struct gk_report	r;
	struct gk_findings	fs;

	(void)state;
	sample(&c);
	c.s3[GK_S3_OTHER_NOCORRECT][GK_S3_NATURAL] = 1;
	c.s3[GK_S3_OTHER_MISC][GK_S3_NATURAL] = 2;
	c.s3[GK_S3_CARRIED_OUT][GK_S3_NATURAL] = 0;
	c.s3[GK_S3_NEW][GK_S3_NATURAL] = 5;
	assert_int_equal(gk_gen_counts_set_figure(&c, "license.delta", -N(2)), GK_OK);
	gk_findings_init(&fs);
	assert_int_equal(gk_gen_assemble(&c, 2020, "某局", &r, &fs), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2019);
	/* 2019: 新制作 = issued, 新公开 = published in the year, 对外公开总数量 */
	assert_num(&r.s2[GK_S2_19_NORM_MADE], N(1));
	assert_num(&r.s2[GK_S2_19_NORM_PUBLISHED], N(3));
	assert_num(&r.s2[GK_S2_19_NORM_TOTAL], N(4));
	assert_num(&r.s2[GK_S2_19_LICENSE_DECISIONS], N(5));
	assert_num(&r.s2[GK_S2_19_LICENSE_DELTA], -N(2));
	assert_int_equal(r.s2[GK_S2_19_LICENSE_PREV].state, GK_CELL_BLANK);
	assert_int_equal(r.s2[GK_S2_19_PROCUREMENT_AMOUNT].state, GK_CELL_BLANK);
	assert_int_equal(r.s2[GK_S2_LICENSE].state, GK_CELL_ABSENT);
	/* (六) is one row in 2019: 1 + 2 */
	assert_num(&r.s3[GK_S3_OTHER][GK_S3_NATURAL], N(3));
	assert_int_equal(r.s3[GK_S3_OTHER_MISC][GK_S3_NATURAL].state, GK_CELL_ABSENT);
	assert_num(&r.s3[GK_S3_TOTAL][GK_S3_NATURAL], N(6));
	/* every 2019 cell but the 3 entered ones (license, coercion, license.delta) is blank and named */
	assert_int_equal(fs.n, 16 - 3);	/* 16 figure cells in 2019, 3 entered */
	gk_findings_clear(&fs);
	gk_report_clear(&r);
	gk_findings_init(&fs);
	assert_int_equal(gk_gen_assemble(&c, 2018, "某局", &r, &fs), GK_EINVAL);
	gk_findings_clear(&fs);
}

static void
test_counts_add(void **state)
{
	struct gk_gen_counts	a, b;
	const struct gk_gen_figure *f;
	struct gk_report	r;
	struct gk_findings	fs;

	(void)state;
	sample(&a);
	sample(&b);
	assert_int_equal(gk_gen_counts_set_figure(&b, "penalty", N(4)), GK_OK);
	assert_int_equal(gk_gen_counts_add_cat(&a, "机构职能", 2), GK_OK);
	assert_int_equal(gk_gen_counts_add_cat(&b, "机构职能", 1), GK_OK);
	assert_int_equal(gk_gen_counts_add(&a, &b), GK_OK);
	assert_int_equal(a.agencies, 2);
	assert_int_equal(a.s3[GK_S3_NEW][GK_S3_NATURAL], 6);
	assert_int_equal(a.ncat, 1);
	assert_int_equal(a.cat[0].n, 3);
	f = gk_gen_counts_figure(&a, "license");
	assert_non_null(f);
	assert_int_equal(f->value, N(10));
	assert_int_equal(f->missing, 0);
	f = gk_gen_counts_figure(&a, "penalty");
	assert_non_null(f);
	assert_int_equal(f->missing, 1);	/* the first agency has none */
	gk_findings_init(&fs);
	assert_int_equal(gk_gen_assemble(&a, 2025, "县政府", &r, &fs), GK_OK);
	assert_int_equal(r.s2[GK_S2_PENALTY].state, GK_CELL_BLANK);
	assert_num(&r.s2[GK_S2_LICENSE], N(10));
	assert_int_equal(fs.n, 1);
	assert_non_null(strstr(fs.v[0].msg, "1 个机关未录入 penalty"));
	gk_findings_clear(&fs);
	gk_report_clear(&r);
	gk_gen_counts_init(&b);
	assert_true(gk_gen_counts_empty(&b));
	b.s4[0][0] = 1;
	assert_false(gk_gen_counts_empty(&b));
}

/* Expands text with counts c; returns the output (caller frees) and the findings in fs. */
static char *
expand(const struct gk_gen_counts *c, const char *text, struct gk_findings *fs)
{
	char *out = NULL;

	gk_findings_init(fs);
	assert_int_equal(gk_gen_expand(text, strlen(text), c, 2025, "某局", 1, &out, fs), GK_OK);
	assert_non_null(out);
	return out;
}

static void
test_expand(void **state)
{
	struct gk_gen_counts	c;
	struct gk_findings	fs;
	char			*o;

	(void)state;
	sample(&c);
	c.items_kind[CATEGORY_KIND_POLICY] = 5;
	c.items_kind[CATEGORY_KIND_NEWS] = 5;
	c.items_kind[CATEGORY_KIND_FISCAL] = 2;
	c.items_kind[CATEGORY_KIND_OTHER] = 1;
	c.items_kind[CATEGORY_KIND_INTERP] = 6;
	c.interp_form[INTERP_TEXT] = 5;
	c.interp_form[INTERP_GRAPHIC] = 1;
	c.timed = 3;
	c.on_time = 2;
	c.fees_fen = 1250;
	assert_int_equal(gk_gen_counts_add_cat(&c, "机构职能", 1), GK_OK);

	o = expand(&c, "{{year}}年{{agency}}公开{{items.total}}条，政策文件{{ items.policy }}条、"
	    "工作动态{{items.news}}条、财政{{items.fiscal}}条、其他{{items.other}}条；"
	    "解读{{interp.total}}条（文字{{interp.text}}，图解{{interp.graphic}}，"
	    "案例{{interp.case}}）；机构职能{{category.机构职能}}，招商引资{{category.招商引资}}。", &fs);
	assert_string_equal(o, "2025年某局公开13条，政策文件5条、工作动态5条、财政2条、其他1条；"
	    "解读6条（文字5，图解1，案例0）；机构职能1，招商引资0。");
	assert_int_equal(fs.n, 0);
	gk_free(o);
	gk_findings_clear(&fs);

	/* 2 of 3 on time: 66.666… → 66.7; fees 1250 分 = 12.5 元; applications and cases */
	o = expand(&c, "{{timeliness.rate}}%/{{timeliness.late}}；{{fees.collected}}元；{{fees.statement}}；"
	    "新收{{apply.new}}（自然人{{apply.new.natural}}），结转{{apply.carried_in}}，办结{{apply.answered}}，"
	    "转下年{{apply.carried_out}}，予以公开{{apply.open}}，不予公开{{apply.deny}}；"
	    "复议{{cases.recon}}、未结{{cases.pending}}、共{{cases.total}}；培训{{trainings}}次；"
	    "许可{{figure.license}}；收费{{figure.admin_fee}}万元；规范性文件{{norms.in_force}}", &fs);
	assert_string_equal(o, "66.7%/1；12.5元；收取信息处理费 12.5 元；新收4（自然人3），结转1，"
	    "办结4，转下年1，予以公开2，不予公开1；复议2、未结1、共3；培训10次；许可5；收费1.5万元；"
	    "规范性文件2");
	assert_int_equal(fs.n, 0);
	gk_free(o);
	gk_findings_clear(&fs);

	/* unknown, valueless and malformed placeholders: named, kept verbatim */
	o = expand(&c, "甲{{nosuch}}乙\n{{figure.penalty}}\n{{}}丙{{ }}\n{{{year}}\n丁{{year\n{{a}}}", &fs);
	assert_string_equal(o, "甲{{nosuch}}乙\n{{figure.penalty}}\n{{}}丙{{ }}\n{{{year}}\n丁{{year\n{{a}}}");
	assert_int_equal(fs.n, 7);
	assert_string_equal(fs.v[0].rule, GK_GEN_R_PLACEHOLDER);
	assert_non_null(strstr(fs.v[0].msg, "{{nosuch}}"));
	assert_non_null(strstr(fs.v[0].where, "第 1 行"));
	assert_string_equal(fs.v[1].rule, GK_GEN_R_VALUE);
	assert_non_null(strstr(fs.v[1].msg, "penalty"));
	assert_non_null(strstr(fs.v[1].where, "第 2 行"));
	assert_non_null(strstr(fs.v[2].msg, "格式错误"));
	assert_non_null(strstr(fs.v[3].msg, "格式错误"));
	assert_non_null(strstr(fs.v[4].msg, "格式错误"));
	assert_non_null(strstr(fs.v[4].where, "第 4 行"));
	assert_non_null(strstr(fs.v[5].msg, "没有结束"));
	assert_non_null(strstr(fs.v[5].where, "第 5 行"));
	assert_non_null(strstr(fs.v[6].msg, "{{a}}"));
	assert_int_equal(gk_gen_blocking(&fs), 7);
	gk_free(o);
	gk_findings_clear(&fs);

	/* CRLF and CR become LF; trailing blank lines and spaces go; single braces are text */
	o = expand(&c, "a{b}\r\n\r\nc\rd  \r\n\r\n", &fs);
	assert_string_equal(o, "a{b}\n\nc\nd");
	assert_int_equal(fs.n, 0);
	gk_free(o);
	gk_findings_clear(&fs);
	o = expand(&c, "", &fs);
	assert_string_equal(o, "");
	gk_free(o);
	gk_findings_clear(&fs);

	/* deadlines: the default rules, then an agency's override; an unnamed 栏目 gets 条例第二十六条's 20 */
	o = expand(&c, "{{deadline.政策文件}}/{{deadline.政策文件/规章}}/{{deadline.工作动态}}/{{deadline.机构职能}}", &fs);
	assert_string_equal(o, "5/5/3/20");
	gk_free(o);
	gk_findings_clear(&fs);
	{
		char e2[128];

		assert_int_equal(timeliness_rules_set(&c.rules, "工作动态", 2, TIMELINESS_FROM_EVENT_END,
		    e2, sizeof(e2)), GK_OK);
	}
	o = expand(&c, "{{deadline.工作动态}}", &fs);
	assert_string_equal(o, "2");
	gk_free(o);
	gk_findings_clear(&fs);

	/* a rate over nothing has no value */
	c.timed = c.on_time = 0;
	o = expand(&c, "{{timeliness.rate}}", &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].rule, GK_GEN_R_VALUE);
	gk_free(o);
	gk_findings_clear(&fs);
	c.fees_fen = 0;
	o = expand(&c, "本年度{{fees.statement}}。", &fs);
	assert_string_equal(o, "本年度未收取信息处理费。");
	gk_free(o);
	gk_findings_clear(&fs);

	/* not UTF-8, a NUL */
	gk_findings_init(&fs);
	assert_int_equal(gk_gen_expand("a\xff", 2, &c, 2025, "x", 1, &o, &fs), GK_EINVAL);
	assert_null(o);
	assert_int_equal(gk_gen_expand("a\0b", 3, &c, 2025, "x", 1, &o, &fs), GK_EINVAL);
	gk_findings_clear(&fs);
}

/* Every fixed name of the placeholder table has a value function (patterns excepted). */
static void
test_placeholder_table(void **state)
{
	struct gk_gen_counts	c;
	char			buf[256], why[256];
	size_t			i;

	(void)state;
	sample(&c);
	c.timed = 1;
	for (i = 0; i < gk_gen_nplaceholders; i++) {
		const char *n = gk_gen_placeholders[i].name;

		assert_true(gk_gen_placeholders[i].desc[0] != '\0');
		if (strncmp(n, GK_GEN_PH_CATEGORY, strlen(GK_GEN_PH_CATEGORY)) == 0 ||
		    strncmp(n, GK_GEN_PH_FIGURE, strlen(GK_GEN_PH_FIGURE)) == 0)
			continue;
		if (gk_gen_value(&c, 2025, "x", n, buf, sizeof(buf), why, sizeof(why)) != GK_OK)
			fail_msg("placeholder %s has no value: %s", n, why);
	}
	assert_int_equal(gk_gen_value(&c, 2025, "x", "items", buf, sizeof(buf), why, sizeof(why)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_gen_value(&c, 2025, "x", "category.", buf, sizeof(buf), why, sizeof(why)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_gen_value(&c, 2025, "x", "cases.nosuch", buf, sizeof(buf), why, sizeof(why)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_gen_value(&c, 2025, "x", "apply.new.nosuch", buf, sizeof(buf), why,
	    sizeof(why)), GK_ENOTFOUND);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_figure_values),
	cmocka_unit_test(test_assemble_2021),
	cmocka_unit_test(test_assemble_2019),
	cmocka_unit_test(test_counts_add),
	cmocka_unit_test(test_expand),
	cmocka_unit_test(test_placeholder_table),
};

GK_TEST_MAIN("report_gen", tests)
