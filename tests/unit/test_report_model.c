/*
 * test_report_model.c — the report model: cell parsing as found in
 * published reports (cases in tests/fixtures/cells.tsv), formatting,
 * copying, equality, totals and aggregation.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/report.h"

static void
unescape(const char *in, char *out, size_t n)
{
	size_t o = 0;

	for (; *in && o + 4 < n; in++) {
		if (in[0] == '\\' && in[1] == 's') {
			out[o++] = ' ';
			in++;
		} else if (strncmp(in, "\\u3000", 6) == 0) {
			memcpy(out + o, "\xE3\x80\x80", 3);
			o += 3;
			in += 5;
		} else
			out[o++] = *in;
	}
	out[o] = '\0';
}

static void
test_cell_cases(void **state)
{
	char		*data = gk_test_slurp("tests/fixtures/cells.tsv", NULL);
	char		*line, *save = NULL, *f[4], in[256], fmt[128];
	struct gk_cell	 c;
	int		 cases = 0, i;

	(void)state;
	for (line = strtok_r(data, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *p = line;
		enum gk_kind kind;
		const char *st;

		if (line[0] == '#')
			continue;
		for (i = 0; i < 4; i++) {
			f[i] = p;
			p = p ? strchr(p, '\t') : NULL;
			if (p)
				*p++ = '\0';
		}
		assert_non_null(f[3]);
		unescape(f[0], in, sizeof(in));
		kind = strcmp(f[1], "amount") == 0 ? GK_KIND_AMOUNT :
		    strcmp(f[1], "delta") == 0 ? GK_KIND_DELTA : GK_KIND_COUNT;
		gk_cell_parse(&c, in, strlen(in), kind);
		st = c.state == GK_CELL_NUM ? "num" : c.state == GK_CELL_TEXT ? "text" :
		    c.state == GK_CELL_BLANK ? "blank" : c.state == GK_CELL_UNREADABLE ? "unreadable" : "absent";
		if (strcmp(st, f[2]) != 0)
			fail_msg("cell '%s' (%s): state %s, want %s", f[0], f[1], st, f[2]);
		gk_cell_format(&c, fmt, sizeof(fmt));
		if (strcmp(fmt, f[3]) != 0)
			fail_msg("cell '%s' (%s): formatted '%s', want '%s'", f[0], f[1], fmt, f[3]);
		cases++;
	}
	assert_true(cases >= 30);
	free(data);
}

static void
test_cell_text_is_bounded(void **state)
{
	struct gk_cell	c;
	char		big[1000];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	gk_cell_parse(&c, big, strlen(big), GK_KIND_COUNT);
	assert_int_equal(c.state, GK_CELL_UNREADABLE);
	assert_true(strlen(c.text) < GK_CELL_TEXT_MAX);
	/* A cut never splits a UTF-8 sequence. */
	gk_cell_parse(&c, "无无无无无无无无无无无无无无无无无无无无", strlen("无无无无无无无无无无无无无无无无无无无无"), GK_KIND_COUNT);
	assert_int_equal(strlen(c.text) % 3, 0);
}

static void
test_init_template_cells(void **state)
{
	struct gk_report r;
	int present = 0, i, j;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	for (i = 0; i < GK_S2__MAX; i++)
		present += r.s2[i].state == GK_CELL_NUM;
	assert_int_equal(present, 10);	/* 6 + 1 + 2 + 1 */
	present = 0;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			present += r.s3[i][j].state == GK_CELL_NUM;
	assert_int_equal(present, 25 * 7);	/* the template's 25 rows × 7 columns */
	assert_int_equal(r.s3[GK_S3_OTHER][0].state, GK_CELL_ABSENT);
	gk_report_clear(&r);

	gk_report_init(&r, GK_TPL_2019);
	present = 0;
	for (i = 0; i < GK_S2__MAX; i++)
		present += r.s2[i].state == GK_CELL_NUM;
	assert_int_equal(present, 6 + 6 + 6 + 2 + 2);
	present = 0;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			present += r.s3[i][j].state == GK_CELL_NUM;
	assert_int_equal(present, 23 * 7);	/* (六) 其他处理 is one row */
	assert_int_equal(r.s3[GK_S3_OTHER][0].state, GK_CELL_NUM);
	assert_int_equal(r.s3[GK_S3_OTHER_MISC][0].state, GK_CELL_ABSENT);
	gk_report_clear(&r);
}

static void
test_fill_totals(void **state)
{
	struct gk_report r;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	gk_cell_set_int(&r.s3[GK_S3_OPEN][GK_S3_NATURAL], 3);
	gk_cell_set_int(&r.s3[GK_S3_OPEN][GK_S3_LEGAL], 2);
	gk_cell_set_int(&r.s3[GK_S3_OTHER_MISC][GK_S3_NATURAL], 1);
	gk_cell_set_int(&r.s4[GK_S4_SUIT_AFTER][GK_S4_PENDING], 4);
	gk_report_fill_totals(&r);
	assert_int_equal(r.s3[GK_S3_OPEN][GK_S3_ALL].num, 5 * GK_NUM_SCALE);
	assert_int_equal(r.s3[GK_S3_TOTAL][GK_S3_NATURAL].num, 4 * GK_NUM_SCALE);
	assert_int_equal(r.s3[GK_S3_TOTAL][GK_S3_ALL].num, 6 * GK_NUM_SCALE);
	assert_int_equal(r.s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL].num, 4 * GK_NUM_SCALE);
	gk_report_clear(&r);
}

static void
test_copy_equal_add(void **state)
{
	struct gk_report a, b;

	(void)state;
	gk_report_init(&a, GK_TPL_2019);
	assert_int_equal(gk_report_set_narr(&a, GK_NARR_OTHER, "无。"), GK_OK);
	gk_cell_set_int(&a.s3[GK_S3_NEW][GK_S3_NATURAL], 2);
	gk_cell_parse(&a.s2[GK_S2_19_PROCUREMENT_AMOUNT], "251000元", strlen("251000元"), GK_KIND_AMOUNT);
	gk_cell_parse(&a.s2[GK_S2_19_LICENSE_DELTA], "未增未减", strlen("未增未减"), GK_KIND_DELTA);
	assert_int_equal(gk_report_copy(&b, &a), GK_OK);
	assert_true(gk_report_equal(&a, &b));
	assert_ptr_not_equal(a.narr[GK_NARR_OTHER], b.narr[GK_NARR_OTHER]);

	assert_int_equal(gk_report_add(&b, &a), GK_OK);
	assert_int_equal(b.s3[GK_S3_NEW][GK_S3_NATURAL].num, 4 * GK_NUM_SCALE);
	assert_int_equal(b.s2[GK_S2_19_PROCUREMENT_AMOUNT].num, 502000 * GK_NUM_SCALE);
	assert_string_equal(b.s2[GK_S2_19_PROCUREMENT_AMOUNT].text, "元");
	assert_int_equal(b.s2[GK_S2_19_LICENSE_DELTA].state, GK_CELL_TEXT);
	assert_false(gk_report_equal(&a, &b));

	/* A blank in either input leaves the sum blank: never a guess. */
	gk_cell_set_blank(&a.s3[GK_S3_OPEN][GK_S3_RESEARCH]);
	assert_int_equal(gk_report_add(&b, &a), GK_OK);
	assert_int_equal(b.s3[GK_S3_OPEN][GK_S3_RESEARCH].state, GK_CELL_BLANK);
	/* Units that differ cannot be summed. */
	gk_cell_parse(&a.s2[GK_S2_19_PROCUREMENT_AMOUNT], "25.1万元", strlen("25.1万元"), GK_KIND_AMOUNT);
	assert_int_equal(gk_report_add(&b, &a), GK_OK);
	assert_int_equal(b.s2[GK_S2_19_PROCUREMENT_AMOUNT].state, GK_CELL_UNREADABLE);

	gk_report_clear(&b);
	gk_report_init(&b, GK_TPL_2021);
	assert_int_equal(gk_report_add(&b, &a), GK_EINVAL);	/* templates differ */
	gk_report_clear(&a);
	gk_report_clear(&b);
}

static void
test_buf_limits(void **state)
{
	struct gk_buf b;

	(void)state;
	gk_buf_init(&b, 8);
	assert_int_equal(gk_buf_puts(&b, "1234567"), GK_OK);
	assert_int_equal(gk_buf_puts(&b, "89"), GK_ELIMIT);
	assert_int_equal(gk_buf_puts(&b, "x"), GK_ELIMIT);	/* sticky */
	assert_null(gk_buf_take(&b, NULL));
	gk_buf_clear(&b);
	gk_buf_init(&b, 0);
	gk_mem_fail_after(0);
	assert_int_equal(gk_buf_puts(&b, "x"), GK_ENOMEM);
	gk_mem_fail_reset();
	gk_buf_clear(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_cell_cases),
	cmocka_unit_test(test_cell_text_is_bounded),
	cmocka_unit_test(test_init_template_cells),
	cmocka_unit_test(test_fill_totals),
	cmocka_unit_test(test_copy_equal_add),
	cmocka_unit_test(test_buf_limits),
};

GK_TEST_MAIN("report_model", tests)
