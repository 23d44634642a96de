/*
 * test_json.c — the JSON form of the annual report (docs/report-json.md):
 * rendering, strict reading with Chinese messages naming the JSON path, the
 * fixtures in tests/fixtures/json/, and a round-trip property over random
 * models of both templates.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/report_check.h"
#include "report/report_io.h"

#define FIX	"tests/fixtures/json/"
#define M	GK_NUM_SCALE

/* The seed report (tests/fixtures/seed-2025.txt) as a model, built by hand. */
static void
seed_model(struct gk_report *r)
{
	assert_int_equal(gk_test_seed_model(r), GK_OK);
}

static char *
render(const struct gk_report *r)
{
	struct gk_buf	 b;
	char		*s;

	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_json(r, &b), GK_OK);
	s = gk_buf_take(&b, NULL);
	assert_non_null(s);
	return s;
}

static int
is_cleared(const struct gk_report *r)
{
	static const struct gk_report zero;

	return memcmp(r, &zero, sizeof(zero)) == 0;
}

/* Reads s; asserts the result and (for errors) that every needle is in the message. */
static void
expect_read(const char *s, size_t len, enum gk_err want, const char *n1, const char *n2)
{
	struct gk_report	 r;
	char			 err[512];
	enum gk_err		 e;

	memset(&r, 0x5A, sizeof(r));
	e = gk_report_from_json(s, len, &r, err, sizeof(err));
	if (e != want)
		fail_msg("want %d, got %d: %s", want, e, err);
	if (want != GK_OK) {
		assert_true(is_cleared(&r));
		if (n1 && strstr(err, n1) == NULL)
			fail_msg("message \"%s\" lacks \"%s\"", err, n1);
		if (n2 && strstr(err, n2) == NULL)
			fail_msg("message \"%s\" lacks \"%s\"", err, n2);
	}
	gk_report_clear(&r);
}

/* The valid 2021 fixture with the first occurrence of old replaced by new. */
static char *
mutate(const char *file, const char *old, const char *new)
{
	char	*src = gk_test_slurp(file, NULL), *p, *out;
	size_t	 n;

	p = strstr(src, old);
	if (p == NULL)
		fail_msg("\"%s\" not in %s", old, file);
	n = strlen(src) - strlen(old) + strlen(new) + 1;
	out = malloc(n);
	assert_non_null(out);
	snprintf(out, n, "%.*s%s%s", (int)(p - src), src, new, p + strlen(old));
	free(src);
	return out;
}

static void
expect_mutation(const char *file, const char *old, const char *new, enum gk_err want,
    const char *n1, const char *n2)
{
	char *s = mutate(file, old, new);

	expect_read(s, strlen(s), want, n1, n2);
	free(s);
}

static void
test_seed_roundtrip(void **state)
{
	struct gk_report	 a, b;
	char			*s, err[256];
	size_t			 n;

	(void)state;
	seed_model(&a);
	s = render(&a);
	n = strlen(s);
	/* Fixed key order, indent 2, UTF-8 unescaped, one final newline. */
	assert_true(strncmp(s, "{\n  \"schema\": \"gongkai.report/1\",\n  \"template\": \"2021\",\n"
	    "  \"agency\": \"盐边县经济合作和商务局\",\n  \"year\": 2025,\n  \"narrative\": {\n", 120) == 0);
	assert_true(n > 2 && s[n - 1] == '\n' && s[n - 2] == '}' && s[n - 3] == '\n');
	assert_null(strstr(s, "\\u"));
	assert_non_null(strstr(s, "\"other\": \"本年度未收取信息处理费，且无其他需要报告的事项。\""));
	assert_non_null(strstr(s, "\"item8\": {\n      \"fees\": {\n        \"amount\": 0\n      }\n    }\n"));
	assert_non_null(strstr(s, "\"carried_out\": {\n      \"natural_person\": 0,\n"));
	/* Group rows hold no values in 2021, 2019's table is not there. */
	assert_null(strstr(s, "\"deny\""));
	assert_null(strstr(s, "\"item9\""));
	assert_true(strstr(s, "\"section2\"") < strstr(s, "\"section3\"") &&
	    strstr(s, "\"section3\"") < strstr(s, "\"section4\""));
	assert_int_equal(gk_report_from_json(s, n, &b, err, sizeof(err)), GK_OK);
	assert_true(gk_report_equal(&a, &b));
	/* Reading is the same through the generic entry point, sniffed. */
	gk_report_clear(&b);
	assert_int_equal(gk_report_read(s, n, GK_FMT_AUTO, &b, err, sizeof(err)), GK_OK);
	assert_true(gk_report_equal(&a, &b));
	free(s);
	gk_report_clear(&a);
	gk_report_clear(&b);
}

static void
test_cell_encoding(void **state)
{
	struct gk_report	 a, b;
	char			*s, err[256];

	(void)state;
	gk_report_init(&a, GK_TPL_2019);
	a.year = 2020;
	gk_cell_set_int(&a.s2[GK_S2_19_LICENSE_DELTA], -2);
	gk_cell_set_text(&a.s2[GK_S2_19_SERVICE_DELTA], GK_CELL_TEXT, "未增未减");
	gk_cell_set_blank(&a.s2[GK_S2_19_SERVICE_DECISIONS]);
	gk_cell_set_num(&a.s2[GK_S2_19_PROCUREMENT_AMOUNT], 251000 * M);
	snprintf(a.s2[GK_S2_19_PROCUREMENT_AMOUNT].text, GK_CELL_TEXT_MAX, "元");
	gk_cell_set_num(&a.s2[GK_S2_19_FEE_PREV], 350000);	/* 0.35, no unit */
	gk_cell_set_text(&a.s3[GK_S3_NEW][GK_S3_NATURAL], GK_CELL_UNREADABLE, "—");
	gk_cell_set_int(&a.s3[GK_S3_DENY][GK_S3_ALL], 4);	/* a written subtotal */
	gk_cell_set_num(&a.s4[GK_S4_RECON][GK_S4_UPHELD], -1500000);
	s = render(&a);
	assert_null(strstr(s, "\"agency\": \"\""));
	assert_non_null(strstr(s, "\"agency\": null,\n"));
	assert_non_null(strstr(s, "\"overview\": null,\n"));
	assert_non_null(strstr(s, "\"licensing\": {\n        \"previous\": 0,\n        \"change\": -2,\n"));
	assert_non_null(strstr(s, "\"change\": {\n          \"text\": \"未增未减\"\n        },\n"
	    "        \"decisions\": null\n"));
	assert_non_null(strstr(s, "\"amount\": {\n          \"number\": \"251000\",\n          \"unit\": \"元\"\n"));
	assert_non_null(strstr(s, "\"previous\": {\n          \"number\": \"0.35\"\n        },\n"));
	assert_non_null(strstr(s, "\"natural_person\": {\n        \"unreadable\": \"—\"\n      },\n"));
	assert_non_null(strstr(s, "\"deny\": {\n      \"total\": 4\n    },\n"));
	assert_non_null(strstr(s, "\"upheld\": {\n        \"number\": \"-1.5\"\n      },\n"));
	assert_non_null(strstr(s, "\"other\": {\n      \"natural_person\": 0,"));
	assert_null(strstr(s, "other_misc"));
	assert_null(strstr(s, "in_force"));
	assert_int_equal(gk_report_from_json(s, strlen(s), &b, err, sizeof(err)), GK_OK);
	assert_true(gk_report_equal(&a, &b));
	free(s);
	gk_report_clear(&a);
	gk_report_clear(&b);
}

static void
test_fixture_valid_2021(void **state)
{
	struct gk_report	 r;
	struct gk_findings	 f;
	char			*s, err[256];
	size_t			 n;

	(void)state;
	s = gk_test_slurp(FIX "valid-2021.json", &n);
	assert_int_equal(gk_report_from_json(s, n, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2021);
	assert_int_equal(r.year, 2023);
	assert_string_equal(r.agency, "某县人民政府办公室");
	assert_string_equal(r.narr[GK_NARR_OVERVIEW],
	    "2023年，本机关共收到政府信息公开申请13件。\n\n主动公开政府信息120条。");
	assert_string_equal(r.narr[GK_NARR_PROBLEMS], "存在的问题：公开内容不够细化。");
	assert_null(r.narr[GK_NARR_OTHER]);
	/* Section 二 */
	assert_int_equal(r.s2[GK_S2_RULE_ISSUED].num, 1 * M);
	assert_int_equal(r.s2[GK_S2_RULE_REPEALED].num, 0);
	assert_int_equal(r.s2[GK_S2_RULE_INFORCE].num, 5 * M);
	assert_int_equal(r.s2[GK_S2_NORM_ISSUED].num, 3 * M);
	assert_int_equal(r.s2[GK_S2_NORM_REPEALED].num, 1 * M);
	assert_int_equal(r.s2[GK_S2_NORM_INFORCE].num, 12 * M);
	assert_int_equal(r.s2[GK_S2_LICENSE].num, 230 * M);
	assert_int_equal(r.s2[GK_S2_PENALTY].num, 45 * M);
	assert_int_equal(r.s2[GK_S2_COERCION].num, 2 * M);
	assert_int_equal(r.s2[GK_S2_FEE].state, GK_CELL_NUM);
	assert_int_equal(r.s2[GK_S2_FEE].num, 12500000);
	assert_string_equal(r.s2[GK_S2_FEE].text, "万元");
	assert_int_equal(r.s2[GK_S2_19_PROCUREMENT_COUNT].state, GK_CELL_ABSENT);
	/* Section 三 */
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_NATURAL].num, 10 * M);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_BUSINESS].num, 2 * M);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_NONPROFIT].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_ALL].num, 13 * M);
	assert_int_equal(r.s3[GK_S3_CARRIED_IN][GK_S3_NATURAL].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_OPEN][GK_S3_NATURAL].num, 6 * M);
	assert_int_equal(r.s3[GK_S3_OPEN][GK_S3_BUSINESS].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_OPEN][GK_S3_ALL].num, 7 * M);
	assert_int_equal(r.s3[GK_S3_PARTIAL][GK_S3_ALL].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_DENY_SECRET][GK_S3_NATURAL].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_NA_NOTHELD][GK_S3_NATURAL].num, 2 * M);
	assert_int_equal(r.s3[GK_S3_NOPROC_REPEAT][GK_S3_ALL].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_OTHER_MISC][GK_S3_BUSINESS].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_TOTAL][GK_S3_NATURAL].num, 11 * M);
	assert_int_equal(r.s3[GK_S3_TOTAL][GK_S3_ALL].num, 13 * M);
	assert_int_equal(r.s3[GK_S3_CARRIED_OUT][GK_S3_NONPROFIT].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_DENY_LAW][GK_S3_LEGAL].state, GK_CELL_NUM);
	assert_int_equal(r.s3[GK_S3_DENY_LAW][GK_S3_LEGAL].num, 0);
	assert_int_equal(r.s3[GK_S3_DENY][GK_S3_ALL].state, GK_CELL_ABSENT);
	assert_int_equal(r.s3[GK_S3_OTHER][GK_S3_ALL].state, GK_CELL_ABSENT);
	/* Section 四 */
	assert_int_equal(r.s4[GK_S4_RECON][GK_S4_UPHELD].num, 1 * M);
	assert_int_equal(r.s4[GK_S4_RECON][GK_S4_PENDING].num, 1 * M);
	assert_int_equal(r.s4[GK_S4_RECON][GK_S4_TOTAL].num, 2 * M);
	assert_int_equal(r.s4[GK_S4_SUIT_DIRECT][GK_S4_CORRECTED].num, 1 * M);
	assert_int_equal(r.s4[GK_S4_SUIT_DIRECT][GK_S4_TOTAL].num, 1 * M);
	assert_int_equal(r.s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL].num, 0);
	/* The figures were chosen to balance: the checker finds no error. */
	gk_findings_init(&f);
	assert_int_equal(gk_report_check(&r, &f), GK_OK);
	assert_int_equal(gk_findings_count(&f, GK_SEV_ERROR), 0);
	gk_findings_clear(&f);
	gk_report_clear(&r);
	free(s);
}

static void
test_fixture_valid_2019(void **state)
{
	struct gk_report	 r, again;
	char			*s, *t, err[256];
	size_t			 n;

	(void)state;
	s = gk_test_slurp(FIX "valid-2019.json", &n);
	assert_int_equal(gk_report_from_json(s, n, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2019);
	assert_int_equal(r.year, 2020);
	assert_null(r.narr[GK_NARR_OVERVIEW]);
	assert_string_equal(r.narr[GK_NARR_OTHER], "无。");
	assert_int_equal(r.s2[GK_S2_19_RULE_TOTAL].num, 4 * M);
	assert_int_equal(r.s2[GK_S2_19_NORM_TOTAL].num, 31 * M);
	assert_int_equal(r.s2[GK_S2_19_LICENSE_DELTA].num, -2 * M);
	assert_int_equal(r.s2[GK_S2_19_LICENSE_DECISIONS].num, 640 * M);
	assert_int_equal(r.s2[GK_S2_19_SERVICE_DELTA].state, GK_CELL_TEXT);
	assert_string_equal(r.s2[GK_S2_19_SERVICE_DELTA].text, "未增未减");
	assert_int_equal(r.s2[GK_S2_19_SERVICE_DECISIONS].state, GK_CELL_BLANK);
	assert_int_equal(r.s2[GK_S2_19_FEE_DELTA].state, GK_CELL_TEXT);
	assert_string_equal(r.s2[GK_S2_19_FEE_DELTA].text, "持平");
	assert_int_equal(r.s2[GK_S2_19_PROCUREMENT_COUNT].num, 6 * M);
	assert_int_equal(r.s2[GK_S2_19_PROCUREMENT_AMOUNT].num, 251000 * M);
	assert_string_equal(r.s2[GK_S2_19_PROCUREMENT_AMOUNT].text, "元");
	assert_int_equal(r.s2[GK_S2_FEE].state, GK_CELL_ABSENT);
	assert_int_equal(r.s3[GK_S3_OTHER][GK_S3_NATURAL].num, 1 * M);
	assert_int_equal(r.s3[GK_S3_OTHER_MISC][GK_S3_NATURAL].state, GK_CELL_ABSENT);
	assert_int_equal(r.s3[GK_S3_DENY][GK_S3_NATURAL].state, GK_CELL_BLANK);
	assert_int_equal(r.s3[GK_S3_DENY][GK_S3_ALL].state, GK_CELL_NUM);
	assert_int_equal(r.s3[GK_S3_NA][GK_S3_ALL].state, GK_CELL_ABSENT);
	assert_int_equal(r.s3[GK_S3_CARRIED_OUT][GK_S3_NATURAL].state, GK_CELL_UNREADABLE);
	assert_string_equal(r.s3[GK_S3_CARRIED_OUT][GK_S3_NATURAL].text, "—");
	/* Rendered again and read back: the same model. */
	t = render(&r);
	assert_int_equal(gk_report_from_json(t, strlen(t), &again, err, sizeof(err)), GK_OK);
	assert_true(gk_report_equal(&r, &again));
	free(t);
	free(s);
	gk_report_clear(&r);
	gk_report_clear(&again);
}

/* A count of -1 is a number: the reader takes it, the checker reports it. */
static void
test_fixture_negative(void **state)
{
	struct gk_report	 r;
	struct gk_findings	 f;
	char			*s, err[256];
	size_t			 n, i;
	int			 seen = 0;

	(void)state;
	s = gk_test_slurp(FIX "negative-count.json", &n);
	assert_int_equal(gk_report_from_json(s, n, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_NATURAL].state, GK_CELL_NUM);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_NATURAL].num, -1 * M);
	gk_findings_init(&f);
	assert_int_equal(gk_report_check(&r, &f), GK_OK);
	for (i = 0; i < f.n; i++)
		if (strcmp(f.v[i].rule, "CELL-NONNEG") == 0 && f.v[i].at.section == 3 &&
		    f.v[i].at.row == GK_S3_NEW && f.v[i].at.col == GK_S3_NATURAL)
			seen = 1;
	assert_true(seen);
	gk_findings_clear(&f);
	gk_report_clear(&r);
	free(s);
}

static void
expect_fixture(const char *file, enum gk_err want, const char *n1, const char *n2)
{
	char	*s;
	size_t	 n;

	s = gk_test_slurp(file, &n);
	expect_read(s, n, want, n1, n2);
	free(s);
}

static void
test_fixtures_invalid(void **state)
{
	(void)state;
	expect_fixture(FIX "bad-duplicate-key.json", GK_EINVAL, "重复的键", "natural_person");
	expect_fixture(FIX "bad-schema.json", GK_EINVAL, "schema：", "gongkai.report/2");
	expect_fixture(FIX "bad-missing-cell.json", GK_EINVAL, "section3.open.research：", "缺少此单元格");
	expect_fixture(FIX "bad-extra-cell.json", GK_EINVAL, "section2.item1.rules.made：",
	    "2021 模板没有此单元格");
	expect_fixture(FIX "bad-extra-row-2019.json", GK_EINVAL, "section3.other_misc：",
	    "2019 模板没有此行");
	expect_fixture(FIX "bad-string-number.json", GK_EINVAL, "section3.new.natural_person：",
	    "应为整数、null 或单元格对象，而不是字符串");
	expect_fixture(FIX "bad-deep-nesting.json", GK_EINVAL, "嵌套过深", NULL);
	expect_fixture(FIX "bad-truncated.json", GK_EINVAL, "不完整", "截断");
	expect_fixture(FIX "bad-not-utf8.json", GK_EINVAL, "UTF-8", "第 4 行");
}

static void
test_invalid_mutations(void **state)
{
	const char *v = FIX "valid-2021.json";
	char	 deep[4096];

	(void)state;
	/* Top level and metadata */
	expect_mutation(v, "\"template\": \"2021\"", "\"template\": \"2020\"", GK_EINVAL,
	    "template：", "未知的模板 \"2020\"");
	expect_mutation(v, "\"template\": \"2021\"", "\"template\": 2021", GK_EINVAL,
	    "template：", "而不是整数");
	expect_mutation(v, "\"year\": 2023", "\"year\": 1999", GK_EINVAL, "year：", "1999 超出范围");
	expect_mutation(v, "\"year\": 2023", "\"year\": 2101", GK_EINVAL, "year：", "超出范围");
	expect_mutation(v, "\"year\": 2023", "\"year\": \"2023\"", GK_EINVAL, "year：", "应为整数或 null");
	expect_mutation(v, "\"year\": 2023", "\"year\": null", GK_OK, NULL, NULL);
	expect_mutation(v, "\"agency\": \"某县人民政府办公室\"", "\"agency\": null", GK_OK, NULL, NULL);
	expect_mutation(v, "\"agency\": \"某县人民政府办公室\"", "\"agency\": \"某县\\n政府\"", GK_EINVAL,
	    "agency：", "控制字符");
	{
		char long_agency[320];

		/* 255 bytes fit (GK_AGENCY_MAX - 1), 256 do not. */
		snprintf(long_agency, sizeof(long_agency), "\"agency\": \"%0255d\"", 0);
		expect_mutation(v, "\"agency\": \"某县人民政府办公室\"", long_agency, GK_OK, NULL, NULL);
		snprintf(long_agency, sizeof(long_agency), "\"agency\": \"%0256d\"", 0);
		expect_mutation(v, "\"agency\": \"某县人民政府办公室\"", long_agency, GK_EINVAL,
		    "agency：", "过长（256 字节，最多 255 字节）");
	}
	expect_mutation(v, "\"agency\": \"某县人民政府办公室\"", "\"agency\": [\"某县\"]", GK_EINVAL,
	    "agency：", "而不是数组");
	expect_mutation(v, "\"schema\": \"gongkai.report/1\"", "\"schema\": \"other/1\"", GK_EINVAL,
	    "schema：", "不是年度报告的格式");
	expect_mutation(v, "\"schema\": \"gongkai.report/1\",", "", GK_EINVAL, "schema：", "缺少格式版本");
	expect_mutation(v, "\"year\": 2023,", "\"year\": 2023, \"extra\": true,", GK_EINVAL,
	    "extra：", "未知的键");
	expect_mutation(v, "\"year\": 2023,", "", GK_EINVAL, "year：", "缺少年度");
	/* Narrative */
	expect_mutation(v, "\"other\": null", "\"other\": 5", GK_EINVAL,
	    "narrative.other：", "应为字符串或 null");
	expect_mutation(v, "\"problems\": \"存在的问题：公开内容不够细化。\",", "", GK_EINVAL,
	    "narrative.problems：", "缺少此项");
	expect_mutation(v, "\"other\": null", "\"other\": null, \"summary\": \"\"", GK_EINVAL,
	    "narrative.summary：", "未知的键");
	/* Cells */
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": 10.0,", GK_EINVAL,
	    "section3.new.natural_person：", "不接受浮点数");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": true,", GK_EINVAL,
	    "section3.new.natural_person：", "而不是布尔值");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": 10000000000000,", GK_EINVAL,
	    "section3.new.natural_person：", "整数超出范围");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": 99999999999999999999,",
	    GK_EINVAL, "数字超出范围", "第 ");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": \"1.2345678\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "小数位数超过 6 位");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": \"01\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "前导零");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": \"1e3\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "不是十进制数");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": \"5.\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "不是十进制数");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": \" 5\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "不是十进制数");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": 5},",
	    GK_EINVAL, "section3.new.natural_person.number：", "而不是整数");
	expect_mutation(v, "\"natural_person\": 10,",
	    "\"natural_person\": {\"number\": \"9223372036854.775808\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "数值超出范围");
	expect_mutation(v, "\"natural_person\": 10,",
	    "\"natural_person\": {\"number\": \"9223372036854.775807\"},", GK_OK, NULL, NULL);
	expect_mutation(v, "\"natural_person\": 10,",
	    "\"natural_person\": {\"number\": \"-9223372036854.775808\"},", GK_OK, NULL, NULL);
	expect_mutation(v, "\"natural_person\": 10,",
	    "\"natural_person\": {\"number\": \"-9223372036854.775809\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "数值超出范围");
	expect_mutation(v, "\"natural_person\": 10,",
	    "\"natural_person\": {\"number\": \"10000000000000\"},",
	    GK_EINVAL, "section3.new.natural_person.number：", "数值超出范围");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": \"3\", \"unit\": \"件件件件件件件件件件件件件件件件\"},",
	    GK_EINVAL, "section3.new.natural_person.unit：", "过长");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"text\": \"x\", \"unit\": \"件\"},",
	    GK_EINVAL, "section3.new.natural_person：", "只有 number 可以带 unit");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"text\": \"x\", \"number\": \"1\"},",
	    GK_EINVAL, "section3.new.natural_person：", "恰有");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"text\": \"x\", \"unreadable\": \"y\"},",
	    GK_EINVAL, "section3.new.natural_person：", "恰有");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {},",
	    GK_EINVAL, "section3.new.natural_person：", "恰有");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"value\": 1},",
	    GK_EINVAL, "section3.new.natural_person.value：", "未知的键");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"text\": 7},",
	    GK_EINVAL, "section3.new.natural_person.text：", "应为字符串");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": [[[[[[1]]]]]],",
	    GK_EINVAL, "section3.new.natural_person：", "而不是数组");
	expect_mutation(v, "\"natural_person\": 10,", "\"natural_person\": {\"number\": \"10\"},",
	    GK_OK, NULL, NULL);
	/* Rows, tables, sections */
	expect_mutation(v, "\"carried_in\": {", "\"carried_ni\": {", GK_EINVAL,
	    "section3.carried_ni：", "未知的键");
	expect_mutation(v, "\"carried_in\": {", "\"carried_in\": 5, \"x\": {", GK_EINVAL,
	    "section3.x：", "未知的键");
	expect_mutation(v, "\"item1\": {", "\"item9\": {\"procurement\": {\"count\": 0, \"amount\": 0}},\n"
	    "    \"item1\": {", GK_EINVAL, "section2.item9：", "属于 2019 模板");
	expect_mutation(v, "\"item5\": {", "\"item7\": {", GK_EINVAL, "section2.item7：", "未知的键");
	expect_mutation(v, "\"licensing\": {", "\"licence\": {", GK_EINVAL,
	    "section2.item5.licence：", "没有这一行");
	expect_mutation(v, "\"penalty\": {\n        \"decisions\": 45\n      },", "", GK_EINVAL,
	    "section2.item6.penalty：", "缺少此行（行政处罚）");
	expect_mutation(v, "\"upheld\": 1,", "", GK_EINVAL,
	    "section4.reconsideration.upheld：", "缺少此单元格");
	expect_mutation(v, "\"upheld\": 1,", "\"upheld\": 1, \"dismissed\": 0,", GK_EINVAL,
	    "section4.reconsideration.dismissed：", "未知的键");
	expect_mutation(v, "\"section4\": {", "\"section4\": [], \"x\": {", GK_EINVAL,
	    "x：", "未知的键");
	expect_mutation(v, "\"section4\": {", "\"section5\": {", GK_EINVAL, "section5：", "未知的键");
	expect_mutation(v, "\"section3\": {", "\"section3\": null, \"s3\": {", GK_EINVAL,
	    "s3：", "未知的键");
	/* A subtotal written in a 2021 group row is a cell the model can hold. */
	expect_mutation(v, "\"deny_secret\": {", "\"deny\": {\"total\": 1, \"natural_person\": null},\n"
	    "    \"deny_secret\": {", GK_OK, NULL, NULL);
	/* Syntax */
	expect_read("", 0, GK_EINVAL, "JSON 为空", NULL);
	expect_read("[1, 2]", 6, GK_EINVAL, "JSON 顶层应为对象", "数组");
	expect_read("{\"schema\": \"gongkai.report/1\"} x", 32, GK_EINVAL, "多余内容", NULL);
	expect_read("{\"schema\": \"gongkai.report/1\",}", 31, GK_EINVAL, "语法错误", "第 1 行");
	expect_read("{\"schema\": \"gongkai.report/1\"}", 30, GK_EINVAL, "template：", "缺少模板");
	expect_read("{\"schema\": \"gongkai.\\u0000report/1\"}", 36, GK_EINVAL, "空字符", NULL);
	expect_read("{\"schema\": \"gongkai.report/1\"}", 29, GK_EINVAL, "不完整", NULL);
	memset(deep, '[', sizeof(deep));
	expect_read(deep, sizeof(deep), GK_EINVAL, "嵌套过深", NULL);
}

static void
test_bom_and_small_err(void **state)
{
	struct gk_report	 r;
	char			*s, *b, err[8];
	size_t			 n;

	(void)state;
	s = gk_test_slurp(FIX "valid-2021.json", &n);
	b = malloc(n + 3);
	assert_non_null(b);
	memcpy(b, "\xEF\xBB\xBF", 3);
	memcpy(b + 3, s, n);
	assert_int_equal(gk_report_from_json(b, n + 3, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.year, 2023);
	gk_report_clear(&r);
	/* A tiny or absent message buffer is fine. */
	assert_int_equal(gk_report_from_json(s, 100, &r, err, sizeof(err)), GK_EINVAL);
	assert_true(strlen(err) < sizeof(err));
	assert_int_equal(gk_report_from_json(s, 100, &r, NULL, 0), GK_EINVAL);
	assert_true(is_cleared(&r));
	free(b);
	free(s);
}

/* Failing the N-th allocation: never a crash or leak, out left cleared. */
static void
test_out_of_memory(void **state)
{
	struct gk_report	 a, b;
	struct gk_buf		 buf;
	char			*s, err[256];
	long			 k;
	enum gk_err		 e;

	(void)state;
	seed_model(&a);
	s = render(&a);
	for (k = 0; k < 40; k++) {
		gk_buf_init(&buf, 0);
		gk_mem_fail_after(k);
		e = gk_render_json(&a, &buf);
		gk_mem_fail_reset();
		assert_true(e == GK_OK || e == GK_ENOMEM);
		if (e == GK_OK)
			assert_string_equal(buf.data, s);
		gk_buf_clear(&buf);

		gk_mem_fail_after(k);
		e = gk_report_from_json(s, strlen(s), &b, err, sizeof(err));
		gk_mem_fail_reset();
		assert_true(e == GK_OK || e == GK_ENOMEM);
		if (e == GK_OK)
			assert_true(gk_report_equal(&a, &b));
		else
			assert_true(is_cleared(&b));
		gk_report_clear(&b);
	}
	free(s);
	gk_report_clear(&a);
}

/* A random model of either template: counts with totals filled, and sometimes odd cells. */
static void
random_cell(struct gk_cell *c, uint64_t *rng, int odd_rate)
{
	static const char *const units[] = { "元", "万元", "件", "个" };
	static const char *const texts[] = { "未增未减", "持平", "无变化" };
	static const char *const bad[] = { "—", "/", "无", "约3件", "a|b", "\"引号\"\\" };
	uint64_t x = gk_test_rand(rng);

	if (c->state == GK_CELL_ABSENT)
		return;
	if ((int)(x % 100) >= odd_rate) {
		gk_cell_set_int(c, (int64_t)(gk_test_rand(rng) % 1000));
		return;
	}
	switch ((x >> 8) % 6) {
	case 0:
		gk_cell_set_blank(c);
		break;
	case 1:
		gk_cell_set_text(c, GK_CELL_TEXT, texts[(x >> 16) % 3]);
		break;
	case 2:
		gk_cell_set_text(c, GK_CELL_UNREADABLE, bad[(x >> 16) % 6]);
		break;
	case 3:
		gk_cell_set_num(c, (int64_t)(gk_test_rand(rng) % 100000000000ULL));
		break;
	case 4:
		gk_cell_set_num(c, (int64_t)(gk_test_rand(rng) % 100000000ULL) * 1000);
		snprintf(c->text, sizeof(c->text), "%s", units[(x >> 16) % 4]);
		break;
	default:
		gk_cell_set_int(c, -(int64_t)((x >> 16) % 50));
		break;
	}
}

static void
random_model(struct gk_report *r, uint64_t *rng)
{
	static const char *const agencies[] = { "", "盐边县经济合作和商务局", "某市人民政府办公室",
	    "A \"quoted\" \\ agency" };
	static const char *const paras[] = { "第一段。", "（一）主动公开方面", "#井号开头",
	    "|竖线开头|", "含有\t制表符", "2025年共收到申请0件。", "\"引号\" 与 \\ 反斜杠", "😀 emoji" };
	char		 text[512];
	size_t		 len;
	int		 i, j, k, odd;

	gk_report_init(r, (enum gk_tpl)(gk_test_rand(rng) % 2));
	r->year = gk_test_rand(rng) % 5 == 0 ? 0 : 2008 + (int)(gk_test_rand(rng) % 93);
	snprintf(r->agency, sizeof(r->agency), "%s", agencies[gk_test_rand(rng) % 4]);
	for (i = 0; i < GK_NARR__MAX; i++) {
		if (gk_test_rand(rng) % 4 == 0)
			continue;
		text[0] = '\0';
		len = 0;
		k = 1 + (int)(gk_test_rand(rng) % 4);
		for (j = 0; j < k; j++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s",
			    j ? "\n\n" : "", paras[gk_test_rand(rng) % 8]);
		assert_int_equal(gk_report_set_narr(r, (enum gk_narr)i, text), GK_OK);
	}
	odd = gk_test_rand(rng) % 3 == 0 ? 30 : 0;
	for (i = 0; i < GK_S2__MAX; i++)
		random_cell(&r->s2[i], rng, odd);
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		if (gk_s3_rows[i].role == GK_S3R_GROUP && !gk_s3_row_in((enum gk_s3row)i, r->tpl) &&
		    gk_test_rand(rng) % 8 == 0)
			for (j = 0; j < GK_S3COL__MAX; j++)	/* a written subtotal */
				if (gk_test_rand(rng) % 3 != 0)
					gk_cell_set_int(&r->s3[i][j], 0);
		for (j = 0; j < GK_S3COL__MAX; j++)
			random_cell(&r->s3[i][j], rng, odd);
	}
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			random_cell(&r->s4[i][j], rng, odd);
	gk_report_fill_totals(r);
}

static void
test_property_roundtrip(void **state)
{
	struct gk_report	 a, b;
	char			*s, err[512];
	uint64_t		 rng;
	int			 seed;

	(void)state;
	for (seed = 1; seed <= 600; seed++) {
		rng = (uint64_t)seed * 0x9E3779B97F4A7C15ULL;
		random_model(&a, &rng);
		s = render(&a);
		if (gk_report_from_json(s, strlen(s), &b, err, sizeof(err)) != GK_OK)
			fail_msg("seed %d: %s\n%s", seed, err, s);
		if (!gk_report_equal(&a, &b))
			fail_msg("seed %d: model differs after the round trip\n%s", seed, s);
		free(s);
		gk_report_clear(&a);
		gk_report_clear(&b);
	}
}

/* A cell text that is not UTF-8 (from a damaged file) still renders valid JSON. */
static void
test_render_bad_utf8(void **state)
{
	struct gk_report	 a, b;
	char			*s, err[256];

	(void)state;
	gk_report_init(&a, GK_TPL_2021);
	gk_cell_set_text(&a.s3[GK_S3_NEW][GK_S3_NATURAL], GK_CELL_UNREADABLE, "\xC4\xB3\xCF");
	snprintf(a.agency, sizeof(a.agency), "%s", "bad\xFF");
	s = render(&a);
	assert_non_null(strstr(s, "\"agency\": \"bad\xEF\xBF\xBD\""));
	assert_int_equal(gk_report_from_json(s, strlen(s), &b, err, sizeof(err)), GK_OK);
	assert_string_equal(b.s3[GK_S3_NEW][GK_S3_NATURAL].text, "\xC4\xB3\xEF\xBF\xBD");
	free(s);
	gk_report_clear(&a);
	gk_report_clear(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_seed_roundtrip),
	cmocka_unit_test(test_cell_encoding),
	cmocka_unit_test(test_fixture_valid_2021),
	cmocka_unit_test(test_fixture_valid_2019),
	cmocka_unit_test(test_fixture_negative),
	cmocka_unit_test(test_fixtures_invalid),
	cmocka_unit_test(test_invalid_mutations),
	cmocka_unit_test(test_bom_and_small_err),
	cmocka_unit_test(test_out_of_memory),
	cmocka_unit_test(test_property_roundtrip),
	cmocka_unit_test(test_render_bad_utf8),
};

GK_TEST_MAIN("json", tests)
