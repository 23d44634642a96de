/*
 * test_report_text.c — reading plain-text reports as found in the wild and
 * writing the seed's layout: the seed itself byte for byte, the layout
 * variants of tests/fixtures/text (figures asserted by hand), reports wrong
 * in known ways, tables missing, hostile input, allocation failures, and the
 * round trip random model → text → reader → same model.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/report_check.h"
#include "report/report_io.h"

static void
read_file(const char *path, struct gk_report *r)
{
	char	*buf, err[512];
	size_t	 len;

	buf = gk_test_slurp(path, &len);
	if (gk_report_read(buf, len, GK_FMT_AUTO, r, err, sizeof(err)) != GK_OK)
		fail_msg("%s: %s", path, err);
	free(buf);
}

static int
count_state(const struct gk_report *r, enum gk_cell_state st)
{
	int i, j, n = 0;

	for (i = 0; i < GK_S2__MAX; i++)
		n += r->s2[i].state == st;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			n += r->s3[i][j].state == st;
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			n += r->s4[i][j].state == st;
	return n;
}

static size_t
nfindings(const struct gk_report *r)
{
	struct gk_findings f;
	size_t n;

	gk_findings_init(&f);
	assert_int_equal(gk_report_check(r, &f), GK_OK);
	n = f.n;
	gk_findings_clear(&f);
	return n;
}

static void
test_seed(void **state)
{
	struct gk_report	 r;
	struct gk_buf		 b;
	char			*seed;
	size_t			 len;

	(void)state;
	read_file("tests/fixtures/seed-2025.txt", &r);
	assert_int_equal(r.tpl, GK_TPL_2021);
	assert_string_equal(r.agency, "盐边县经济合作和商务局");
	assert_int_equal(r.year, 2025);
	assert_int_equal(count_state(&r, GK_CELL_UNREADABLE), 0);
	assert_int_equal(count_state(&r, GK_CELL_BLANK), 0);
	assert_int_equal(count_state(&r, GK_CELL_NUM), 10 + 25 * 7 + 15);
	assert_int_equal(nfindings(&r), 0);
	assert_non_null(r.narr[GK_NARR_OVERVIEW]);
	assert_true(strncmp(r.narr[GK_NARR_OVERVIEW], "(一) 主动公开方面\n\n公开内容全面覆盖。", 20) == 0);
	assert_string_equal(r.narr[GK_NARR_OTHER], "本年度未收取信息处理费，且无其他需要报告的事项。");

	/* Its narrative states the applications received ("申请0件"): a table that
	 * says otherwise is reported, citing both places. */
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_ALL], 2);
	{
		struct gk_findings f;

		gk_findings_init(&f);
		gk_report_check(&r, &f);
		assert_int_equal(f.n, 3);
		assert_string_equal(f.v[0].rule, "S3-ROW-TOTAL");
		assert_string_equal(f.v[1].rule, "S3-BALANCE");
		assert_string_equal(f.v[2].rule, "NARR-APPLICATIONS");
		assert_non_null(strstr(f.v[2].msg, "公开申请0件"));
		gk_findings_clear(&f);
	}
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_ALL], 0);

	/* The text rendering is the seed, byte for byte (plus a final newline). */
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_text(&r, &b), GK_OK);
	seed = gk_test_slurp("tests/fixtures/seed-2025.txt", &len);
	assert_int_equal(b.len, len + 1);
	assert_memory_equal(b.data, seed, len);
	assert_int_equal(b.data[len], '\n');
	free(seed);
	gk_buf_clear(&b);
	gk_report_clear(&r);
}

static int64_t
n(int64_t v)
{
	return v * GK_NUM_SCALE;
}

/* The figures written into tests/fixtures/text/county-2023*.txt by hand. */
static void
assert_county_2023(const struct gk_report *r, int64_t license)
{
	static const int64_t newrow[7] = { 20, 3, 0, 1, 2, 0, 26 };
	static const int64_t total[7] = { 20, 3, 0, 1, 1, 0, 25 };
	static const int64_t out[7] = { 2, 0, 0, 0, 1, 0, 3 };
	static const int64_t s4[15] = { 2, 1, 0, 0, 3, 1, 0, 0, 1, 2, 0, 0, 0, 0, 0 };
	int j;

	assert_int_equal(r->tpl, GK_TPL_2021);
	assert_string_equal(r->agency, "某某县人民政府办公室");
	assert_int_equal(r->year, 2023);
	assert_int_equal(r->s2[GK_S2_NORM_ISSUED].num, n(5));
	assert_int_equal(r->s2[GK_S2_NORM_REPEALED].num, n(1));
	assert_int_equal(r->s2[GK_S2_NORM_INFORCE].num, n(23));
	assert_int_equal(r->s2[GK_S2_LICENSE].num, n(license));
	assert_int_equal(r->s2[GK_S2_PENALTY].num, n(36));
	assert_int_equal(r->s2[GK_S2_COERCION].num, n(2));
	assert_int_equal(r->s2[GK_S2_FEE].num, 1235 * GK_NUM_SCALE / 100);
	for (j = 0; j < 7; j++) {
		assert_int_equal(r->s3[GK_S3_NEW][j].num, n(newrow[j]));
		assert_int_equal(r->s3[GK_S3_TOTAL][j].num, n(total[j]));
		assert_int_equal(r->s3[GK_S3_CARRIED_OUT][j].num, n(out[j]));
	}
	assert_int_equal(r->s3[GK_S3_CARRIED_IN][GK_S3_ALL].num, n(2));
	assert_int_equal(r->s3[GK_S3_OPEN][GK_S3_LEGAL].num, n(1));
	assert_int_equal(r->s3[GK_S3_PARTIAL][GK_S3_BUSINESS].num, n(1));
	assert_int_equal(r->s3[GK_S3_DENY_THIRD][GK_S3_NATURAL].num, n(1));
	assert_int_equal(r->s3[GK_S3_DENY_PROCESS][GK_S3_ALL].num, n(1));
	assert_int_equal(r->s3[GK_S3_NA_NOTHELD][GK_S3_NONPROFIT].num, n(1));
	assert_int_equal(r->s3[GK_S3_NA_NOTHELD][GK_S3_ALL].num, n(7));
	assert_int_equal(r->s3[GK_S3_NOPROC_REPEAT][GK_S3_NATURAL].num, n(1));
	assert_int_equal(r->s3[GK_S3_OTHER_MISC][GK_S3_ALL].num, n(1));
	assert_int_equal(r->s3[GK_S3_OTHER_NOFEE][GK_S3_ALL].num, 0);
	assert_int_equal(r->s3[GK_S3_DENY][0].state, GK_CELL_ABSENT);
	for (j = 0; j < 15; j++)
		assert_int_equal(r->s4[j / 5][j % 5].num, n(s4[j]));
	assert_int_equal(count_state(r, GK_CELL_UNREADABLE), 0);
	assert_int_equal(count_state(r, GK_CELL_BLANK), 0);
}

static void
test_layout_variants(void **state)
{
	static const char *const files[] = {
		"tests/fixtures/text/county-2023.txt",
		"tests/fixtures/text/county-2023-spaces.txt",
		"tests/fixtures/text/county-2023-split-labels.txt",
		"tests/fixtures/text/county-2023-pasted.md",
		"tests/fixtures/text/county-2023-cell-per-line.txt",
	};
	struct gk_report r, first;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		read_file(files[i], &r);
		assert_county_2023(&r, 128);
		assert_int_equal(nfindings(&r), 0);
		if (i == 0)
			gk_report_copy(&first, &r);
		else if (!gk_report_equal(&first, &r))
			fail_msg("%s reads differently from the tab layout", files[i]);
		gk_report_clear(&r);
	}
	gk_report_clear(&first);
	/* Full-width digits and a thousands separator. */
	read_file("tests/fixtures/text/county-2023-fullwidth.txt", &r);
	assert_county_2023(&r, 1280);
	gk_report_clear(&r);
}

static void
test_2019_template(void **state)
{
	struct gk_report r;

	(void)state;
	read_file("tests/fixtures/text/city-2019.txt", &r);
	assert_int_equal(r.tpl, GK_TPL_2019);
	assert_int_equal(r.year, 2019);
	assert_int_equal(r.s2[GK_S2_19_NORM_TOTAL].num, n(17));
	assert_int_equal(r.s2[GK_S2_19_LICENSE_DELTA].num, n(-2));
	assert_int_equal(r.s2[GK_S2_19_SERVICE_DELTA].state, GK_CELL_TEXT);
	assert_string_equal(r.s2[GK_S2_19_SERVICE_DELTA].text, "未增未减");
	assert_int_equal(r.s2[GK_S2_19_PENALTY_DELTA].num, n(5));
	assert_int_equal(r.s2[GK_S2_19_FEE_PREV].num, n(4));
	assert_int_equal(r.s2[GK_S2_19_PROCUREMENT_AMOUNT].num, n(251000));
	assert_string_equal(r.s2[GK_S2_19_PROCUREMENT_AMOUNT].text, "元");
	assert_int_equal(r.s3[GK_S3_OTHER][GK_S3_NATURAL].num, n(1));
	assert_int_equal(r.s3[GK_S3_OTHER_MISC][0].state, GK_CELL_ABSENT);
	assert_int_equal(r.s3[GK_S3_TOTAL][GK_S3_ALL].num, n(3));
	assert_int_equal(count_state(&r, GK_CELL_UNREADABLE), 0);
	assert_int_equal(nfindings(&r), 0);
	gk_report_clear(&r);
}

static void
test_wrong_report(void **state)
{
	struct gk_report	r;
	struct gk_findings	f;
	char			got[2048];
	size_t			i, o = 0;

	(void)state;
	read_file("tests/fixtures/text/county-2023-wrong.txt", &r);
	assert_int_equal(r.s3[GK_S3_OPEN][GK_S3_RESEARCH].state, GK_CELL_BLANK);
	assert_int_equal(r.s2[GK_S2_COERCION].state, GK_CELL_UNREADABLE);
	assert_string_equal(r.s2[GK_S2_COERCION].text, "—");
	gk_findings_init(&f);
	gk_report_check(&r, &f);
	for (i = 0; i < f.n; i++)
		o += (size_t)snprintf(got + o, sizeof(got) - o, "%s%s", i ? " " : "", f.v[i].rule);
	assert_string_equal(got, "CELL-UNREADABLE CELL-BLANK S3-ROW-TOTAL S3-ROW-TOTAL "
	    "S3-BALANCE S3-OUTCOME-TOTAL NARR-UPHELD");
	/* The balance finding names the column and the expected value. */
	assert_int_equal(f.v[4].at.col, GK_S3_NATURAL);
	assert_int_equal(f.v[4].expected, n(23));
	assert_int_equal(f.v[4].actual, n(22));
	gk_findings_clear(&f);
	gk_report_clear(&r);
}

/* A section-四 table whose value row cannot be read is there, with unreadable cells. */
static void
test_s4_values_unreadable(void **state)
{
	struct gk_report r;

	(void)state;
	read_file("tests/fixtures/text/county-2023-s4-unreadable.txt", &r);
	assert_int_equal(r.s4[GK_S4_RECON][GK_S4_UPHELD].state, GK_CELL_UNREADABLE);
	assert_int_equal(r.s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL].state, GK_CELL_UNREADABLE);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_ALL].num, n(26));
	gk_report_clear(&r);
}

/* Found by fuzz_text: a title line that reads like a section heading is not the agency. */
static void
test_heading_is_not_agency(void **state)
{
	struct gk_report	 r, back;
	struct gk_buf		 b;
	char			*buf, *p, err[256];
	size_t			 len;

	(void)state;
	buf = gk_test_slurp("tests/fixtures/text/county-2023.txt", &len);
	p = strstr(buf, "某某县人民政府办公室");
	assert_non_null(p);
	memcpy(p, "五、问题某某县办公室", strlen("某某县人民政府办公室"));
	assert_int_equal(gk_report_read(buf, len, GK_FMT_TEXT, &r, err, sizeof(err)), GK_OK);
	assert_string_equal(r.agency, "");
	assert_string_equal(r.narr[GK_NARR_PROBLEMS], "主要问题：政策解读形式单一。\n\n改进情况：丰富解读形式。");
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_text(&r, &b), GK_OK);
	assert_int_equal(gk_report_read(b.data, b.len, GK_FMT_TEXT, &back, err, sizeof(err)), GK_OK);
	assert_true(gk_report_equal(&r, &back));
	gk_buf_clear(&b);
	gk_report_clear(&r);
	gk_report_clear(&back);
	free(buf);
}

static void
expect_unreadable(const char *buf, size_t len, const char *msg_part)
{
	struct gk_report	r;
	char			err[512];
	enum gk_err		e;

	e = gk_report_read(buf, len, GK_FMT_TEXT, &r, err, sizeof(err));
	assert_int_not_equal(e, GK_OK);
	if (strstr(err, msg_part) == NULL)
		fail_msg("error '%s' lacks '%s'", err, msg_part);
	/* Nothing half-filled is left behind. */
	assert_null(r.narr[0]);
	assert_int_equal(r.s3[0][0].state, GK_CELL_ABSENT);
}

static void
test_tables_missing_and_hostile(void **state)
{
	char	*buf, *big;
	size_t	 len, i;

	(void)state;
	buf = gk_test_slurp("tests/fixtures/text/county-2023-images.txt", &len);
	expect_unreadable(buf, len, "第三部分");
	free(buf);
	expect_unreadable("", 0, "文件为空");
	expect_unreadable("\n\n  \n", 4, "文件为空");
	expect_unreadable("abc\0def", 7, "NUL");
	expect_unreadable("\xB9\xAB\xBF\xAA", 4, "UTF-8");	/* 公开 in GBK */
	expect_unreadable("一、总体情况\n二、主动公开政府信息情况\n", 40, "未找到");
	/* A couple of labels is not a report (found by fuzz_text). */
	expect_unreadable("规章\t6\n(七)总计", strlen("规章\t6\n(七)总计"), "第三部分");
	/* A megabyte of tabs, and a megabyte on one line of labels. */
	big = malloc(1 << 20);
	assert_non_null(big);
	memset(big, '\t', 1 << 20);
	expect_unreadable(big, 1 << 20, "过大");
	for (i = 0; i + 3 <= (1 << 20); i += 3)
		memcpy(big + i, "规", 3);
	expect_unreadable(big, i, "未找到");
	free(big);
}

/* Every allocation failure point while reading and checking fails cleanly. */
static void
test_allocation_failures(void **state)
{
	struct gk_report	 r;
	struct gk_findings	 f;
	char			*buf, err[512];
	size_t			 len;
	long			 k;
	enum gk_err		 e;
	int			 ok = 0;

	(void)state;
	buf = gk_test_slurp("tests/fixtures/text/county-2023.txt", &len);
	for (k = 0; k < 200 && !ok; k++) {
		gk_mem_fail_after(k);
		e = gk_report_read(buf, len, GK_FMT_AUTO, &r, err, sizeof(err));
		if (e == GK_OK) {
			gk_findings_init(&f);
			e = gk_report_check(&r, &f);
			gk_findings_clear(&f);
			gk_report_clear(&r);
			ok = e == GK_OK;
		} else
			assert_true(e == GK_ENOMEM || e == GK_EINVAL);
	}
	gk_mem_fail_reset();
	assert_true(ok);
	free(buf);
}

static void
test_round_trip_random(void **state)
{
	struct gk_report	r, back;
	struct gk_buf		b;
	uint64_t		seed = 7;
	char			err[512];
	int			i;

	(void)state;
	for (i = 0; i < 2000; i++) {
		gk_test_random_report(&r, &seed, i % 2);
		gk_buf_init(&b, 0);
		assert_int_equal(gk_render_text(&r, &b), GK_OK);
		if (gk_report_read(b.data, b.len, GK_FMT_TEXT, &back, err, sizeof(err)) != GK_OK)
			fail_msg("model %d: %s\n%s", i, err, b.data);
		if (!gk_report_equal(&r, &back)) {
			char d[512];

			gk_test_report_diff(&r, &back, d, sizeof(d));
			fail_msg("model %d differs after text round trip: %s", i, d);
		}
		gk_buf_clear(&b);
		gk_report_clear(&r);
		gk_report_clear(&back);
	}
}

/* Markdown escapes at the start of a narrative line are not text. */
static void
test_markdown_paragraph_escapes(void **state)
{
	static const char *const in[][2] = {
		{ "\\| 竖线开头", "| 竖线开头" },
		{ "\\# 井号开头", "# 井号开头" },
		{ "12\\. 第十二条", "12. 第十二条" },
		{ "3\\) 第三项", "3) 第三项" },
		{ "\\<b> 不是标签", "<b> 不是标签" },
		{ "## 五、存在的主要问题及改进情况", "五、存在的主要问题及改进情况" },
		{ "C:\\路径 不变", "C:\\路径 不变" },
	};
	struct rr_doc	d;
	char		err[256];
	size_t		i;

	(void)state;
	for (i = 0; i < sizeof(in) / sizeof(in[0]); i++) {
		rr_doc_init(&d);
		assert_int_equal(gk_text_rows(in[i][0], strlen(in[i][0]), &d, err, sizeof(err)), GK_OK);
		assert_int_equal(d.nrows, 1);
		assert_int_equal(d.cells[0].len, strlen(in[i][1]));
		assert_memory_equal(d.cells[0].s, in[i][1], strlen(in[i][1]));
		rr_doc_free(&d);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_markdown_paragraph_escapes),
	cmocka_unit_test(test_seed),
	cmocka_unit_test(test_layout_variants),
	cmocka_unit_test(test_2019_template),
	cmocka_unit_test(test_wrong_report),
	cmocka_unit_test(test_s4_values_unreadable),
	cmocka_unit_test(test_heading_is_not_agency),
	cmocka_unit_test(test_tables_missing_and_hostile),
	cmocka_unit_test(test_allocation_failures),
	cmocka_unit_test(test_round_trip_random),
};

GK_TEST_MAIN("report_text", tests)
