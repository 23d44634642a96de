/*
 * test_doc_layout.c — the pure parts of the documents (src/doc): the
 * report's tables as grids of merged cells (the cell mapping the XLSX and
 * PDF share), the table arithmetic of the PDF (columns, row heights,
 * page breaks), the CSV reader and number test of the list sheets, and
 * the letter read back from its HTML. Every expected value worked out by
 * hand from the template (国办公开办函〔2021〕30号 and 2019's).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "core/report.h"
#include "doc/grid.h"
#include "doc/letter_doc.h"
#include "doc/sheet.h"
#include "doc/tablayout.h"

/* The cell covering (row, col) starts there with these spans and text (NULL: a value). */
static const struct gk_grid_cell *
cell(const struct gk_grid *g, int row, int col, int rs, int cs, const char *text)
{
	const struct gk_grid_cell *c = gk_grid_at(g, row, col);

	assert_non_null(c);
	assert_int_equal(c->row, row);
	assert_int_equal(c->col, col);
	assert_int_equal(c->rowspan, rs);
	assert_int_equal(c->colspan, cs);
	if (text == NULL)
		assert_null(c->text);
	else
		assert_string_equal(c->text, text);
	return c;
}

/* No two cells overlap and every place of the grid is covered. */
static void
grid_tiles(const struct gk_grid *g)
{
	int	 r, c, hits;
	size_t	 i;

	for (r = 0; r < g->nrows; r++)
		for (c = 0; c < g->ncols; c++) {
			for (hits = 0, i = 0; i < g->n; i++)
				if (r >= g->c[i].row && r < g->c[i].row + g->c[i].rowspan &&
				    c >= g->c[i].col && c < g->c[i].col + g->c[i].colspan)
					hits++;
			if (hits != 1)
				fail_msg("grid place (%d, %d) covered %d times", r, c, hits);
		}
}

static void
test_grid_s3_2021(void **state)
{
	static struct gk_report r;
	static struct gk_grid g;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	assert_int_equal(gk_grid_build(&r, 3, &g), GK_OK);
	/* 3 header rows, 一 and 二, the 22 rows of 三 ((一) (二), 8 + 3 + 5 + 3 leaves, (七)), 四 */
	assert_int_equal(g.nrows, 28);
	assert_int_equal(g.ncols, 10);
	assert_int_equal(g.head_rows, 3);
	grid_tiles(&g);
	cell(&g, 0, 0, 3, 3, GK_S3_NOTE);
	cell(&g, 0, 3, 1, 6, "申请人情况");
	cell(&g, 0, 9, 3, 1, "总计");
	cell(&g, 1, 3, 2, 1, "自然人");
	cell(&g, 1, 4, 1, 5, "法人或其他组织");
	cell(&g, 2, 4, 1, 1, "商业企业");
	cell(&g, 2, 8, 1, 1, "其他");
	cell(&g, 3, 0, 1, 3, "一、本年新收政府信息公开申请数量");
	assert_ptr_equal(cell(&g, 3, 3, 1, 1, NULL)->val, &r.s3[GK_S3_NEW][GK_S3_NATURAL]);
	cell(&g, 4, 0, 1, 3, "二、上年结转政府信息公开申请数量");
	cell(&g, 5, 0, 22, 1, "三、本年度办理结果");
	assert_ptr_equal(gk_grid_at(&g, 26, 0), gk_grid_at(&g, 5, 0));
	cell(&g, 5, 1, 1, 2, "(一) 予以公开");
	cell(&g, 7, 1, 8, 1, "(三) 不予公开");
	cell(&g, 7, 2, 1, 1, "1.属于国家秘密");
	assert_ptr_equal(gk_grid_at(&g, 14, 1), gk_grid_at(&g, 7, 1));
	cell(&g, 14, 2, 1, 1, "8.属于行政查询事项");
	cell(&g, 15, 1, 3, 1, "(四) 无法提供");
	cell(&g, 18, 1, 5, 1, "(五) 不予处理");
	cell(&g, 23, 1, 3, 1, "(六) 其他处理");
	cell(&g, 25, 2, 1, 1, "3.其他");
	cell(&g, 26, 1, 1, 2, "(七) 总计");
	assert_ptr_equal(cell(&g, 26, 9, 1, 1, NULL)->val, &r.s3[GK_S3_TOTAL][GK_S3_ALL]);
	assert_ptr_equal(cell(&g, 25, 5, 1, 1, NULL)->val,
	    &r.s3[GK_S3_OTHER_MISC][GK_S3_RESEARCH]);
	cell(&g, 27, 0, 1, 3, "四、结转下年度继续办理");
	assert_ptr_equal(cell(&g, 27, 4, 1, 1, NULL)->val,
	    &r.s3[GK_S3_CARRIED_OUT][GK_S3_BUSINESS]);
	assert_null(gk_grid_at(&g, 28, 0));
	assert_null(gk_grid_at(&g, 0, 10));
	gk_report_clear(&r);
}

static void
test_grid_s3_2019(void **state)
{
	static struct gk_report r;
	static struct gk_grid g;

	(void)state;
	gk_report_init(&r, GK_TPL_2019);
	assert_int_equal(gk_grid_build(&r, 3, &g), GK_OK);
	/* (六) 其他处理 is one row: the block is 2 + 8 + 3 + 5 + 1 + 1 = 20 rows */
	assert_int_equal(g.nrows, 26);
	grid_tiles(&g);
	cell(&g, 5, 0, 20, 1, "三、本年度办理结果");
	cell(&g, 23, 1, 1, 2, "(六) 其他处理");
	assert_ptr_equal(cell(&g, 23, 3, 1, 1, NULL)->val, &r.s3[GK_S3_OTHER][GK_S3_NATURAL]);
	cell(&g, 24, 1, 1, 2, "(七) 总计");
	cell(&g, 25, 0, 1, 3, "四、结转下年度继续办理");
	gk_report_clear(&r);
}

static void
test_grid_s2(void **state)
{
	static struct gk_report r;
	static struct gk_grid g;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	assert_int_equal(gk_grid_build(&r, 2, &g), GK_OK);
	/* (一) caption, header, 2 rows; (五) 3; (六) 4; (八) 3 */
	assert_int_equal(g.nrows, 14);
	assert_int_equal(g.ncols, 4);
	assert_int_equal(g.head_rows, 0);
	grid_tiles(&g);
	assert_true(cell(&g, 0, 0, 1, 4, "第二十条第（一）项")->flags & GK_GRID_CAPTION);
	cell(&g, 1, 0, 1, 1, "信息内容");
	cell(&g, 1, 3, 1, 1, "现行有效件数");
	cell(&g, 3, 0, 1, 1, "行政规范性文件");
	assert_ptr_equal(cell(&g, 3, 3, 1, 1, NULL)->val, &r.s2[GK_S2_NORM_INFORCE]);
	cell(&g, 4, 0, 1, 4, "第二十条第（五）项");
	/* one value column: it spans the three */
	cell(&g, 5, 1, 1, 3, "本年处理决定数量");
	assert_ptr_equal(cell(&g, 6, 1, 1, 3, NULL)->val, &r.s2[GK_S2_LICENSE]);
	assert_ptr_equal(cell(&g, 10, 1, 1, 3, NULL)->val, &r.s2[GK_S2_COERCION]);
	cell(&g, 12, 1, 1, 3, "本年收费金额（单位：万元）");
	assert_ptr_equal(cell(&g, 13, 1, 1, 3, NULL)->val, &r.s2[GK_S2_FEE]);
	gk_report_clear(&r);

	gk_report_init(&r, GK_TPL_2019);
	assert_int_equal(gk_grid_build(&r, 2, &g), GK_OK);
	/* five items: 4 + 4 + 4 + 3 + 3 */
	assert_int_equal(g.nrows, 18);
	grid_tiles(&g);
	cell(&g, 12, 0, 1, 4, "第二十条第（八）项");
	assert_ptr_equal(cell(&g, 14, 1, 1, 1, NULL)->val, &r.s2[GK_S2_19_FEE_PREV]);
	assert_ptr_equal(cell(&g, 14, 2, 1, 2, NULL)->val, &r.s2[GK_S2_19_FEE_DELTA]);
	assert_ptr_equal(cell(&g, 17, 2, 1, 2, NULL)->val, &r.s2[GK_S2_19_PROCUREMENT_AMOUNT]);
	gk_report_clear(&r);
}

static void
test_grid_s4(void **state)
{
	static struct gk_report r;
	static struct gk_grid g;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	assert_int_equal(gk_grid_build(&r, 4, &g), GK_OK);
	assert_int_equal(g.nrows, 4);
	assert_int_equal(g.ncols, 15);
	grid_tiles(&g);
	cell(&g, 0, 0, 1, 5, "行政复议");
	cell(&g, 0, 5, 1, 10, "行政诉讼");
	cell(&g, 1, 0, 2, 1, "结果维持");
	cell(&g, 1, 4, 2, 1, "总计");
	cell(&g, 1, 5, 1, 5, "未经复议直接起诉");
	cell(&g, 1, 10, 1, 5, "复议后起诉");
	cell(&g, 2, 13, 1, 1, "尚未审结");
	assert_ptr_equal(cell(&g, 3, 0, 1, 1, NULL)->val, &r.s4[GK_S4_RECON][GK_S4_UPHELD]);
	assert_ptr_equal(cell(&g, 3, 9, 1, 1, NULL)->val, &r.s4[GK_S4_SUIT_DIRECT][GK_S4_TOTAL]);
	assert_ptr_equal(cell(&g, 3, 14, 1, 1, NULL)->val, &r.s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL]);
	assert_int_equal(gk_grid_build(&r, 5, &g), GK_EINVAL);
	assert_int_equal(gk_grid_build(&r, 1, &g), GK_EINVAL);
	assert_int_equal(gk_grid_build(NULL, 2, &g), GK_EINVAL);
	gk_report_clear(&r);
}

static void
test_tl_columns(void **state)
{
	static const int rel[3] = { 1, 1, 2 };
	static const int thirds[3] = { 1, 1, 1 };
	double x[4];

	(void)state;
	gk_tl_columns(rel, 3, 10, 100, x);
	assert_true(x[0] == 10 && x[1] == 35 && x[2] == 60 && x[3] == 110);
	/* 100 / 3 rounds to 1/100 pt; the last edge is exact */
	gk_tl_columns(thirds, 3, 0, 100, x);
	assert_true(fabs(x[1] - 33.33) < 1e-9 && fabs(x[2] - 66.67) < 1e-9 && x[3] == 100);
}

static void
test_tl_rows(void **state)
{
	/* row 0 needs 10, row 1 30, a cell over both 60: 12 (min) + 30 = 42, the last row takes 18 */
	static const struct gk_tl_cell c[3] = { { 0, 1, 10 }, { 1, 1, 30 }, { 0, 2, 60 } };
	/* a span that already fits changes nothing */
	static const struct gk_tl_cell d[2] = { { 0, 1, 25 }, { 0, 2, 30 } };
	double h[2];

	(void)state;
	gk_tl_rows(c, 3, 2, 12, h);
	assert_true(h[0] == 12 && h[1] == 48);
	gk_tl_rows(d, 2, 2, 12, h);
	assert_true(h[0] == 25 && h[1] == 12);
}

static void
test_tl_breaks(void **state)
{
	/* a header row of 10, four body rows of 20; a span over rows 2-3 (40, kept at keep 40) */
	static const double h[5] = { 10, 20, 20, 20, 20 };
	static const struct gk_tl_cell kept[1] = { { 2, 2, 0 } };
	static const struct gk_tl_cell longspan[1] = { { 1, 4, 0 } };
	int brk[8];

	(void)state;
	/* 55 left: head 10, row 1 (20) fits with 25 to spare; rows 2-3 (40) do not → page 2 from row 2 */
	assert_int_equal(gk_tl_breaks(kept, 1, 5, 1, h, 55, 100, 40, brk, 8), 1);
	assert_int_equal(brk[0], 2);
	/* a span of 80 is longer than keep: rows break singly, 45 - 20 - 20 leaves 5 */
	assert_int_equal(gk_tl_breaks(longspan, 1, 5, 1, h, 55, 100, 40, brk, 8), 1);
	assert_int_equal(brk[0], 3);
	/* not even the header and row 1 fit: the table starts on the next page */
	assert_int_equal(gk_tl_breaks(kept, 1, 5, 1, h, 15, 100, 40, brk, 8), 1);
	assert_int_equal(brk[0], 1);
	/* rows 2-3 kept (40) but 30 left on a page of 100: more than a quarter, so the span breaks */
	assert_int_equal(gk_tl_breaks(kept, 1, 5, 1, h, 60, 100, 40, brk, 8), 1);
	assert_int_equal(brk[0], 3);
	/* everything fits */
	assert_int_equal(gk_tl_breaks(kept, 1, 5, 1, h, 200, 100, 40, brk, 8), 0);
	/*
	 * pages of 50 (40 under the header): rows 1-2 | 3-4 — after row 1, 20
	 * is left, over a quarter of 50, so the span 2-3 breaks there
	 */
	assert_int_equal(gk_tl_breaks(kept, 1, 5, 1, h, 50, 50, 40, brk, 8), 1);
	assert_int_equal(brk[0], 3);
	/* with a quarter page or less left, the span moves whole: page of 80, 15 left */
	assert_int_equal(gk_tl_breaks(kept, 1, 5, 1, h, 45, 80, 40, brk, 8), 1);
	assert_int_equal(brk[0], 2);
	/* at most max breaks are written */
	assert_int_equal(gk_tl_breaks(kept, 1, 5, 1, h, 50, 50, 40, brk, 1), 1);
}

/* Reads every field of csv; returns them joined as "a|b|c/" with / at each line end. */
static enum gk_err
csv_all(const char *csv, char *out, size_t n)
{
	struct gk_buf	 f;
	const char	*p = csv, *end = csv + strlen(csv);
	int		 eol;
	enum gk_err	 e = GK_OK;

	out[0] = '\0';
	gk_buf_init(&f, 0);
	while (p < end && (e = gk_sheet_csv_next(&p, end, &f, &eol)) == GK_OK) {
		strncat(out, f.data, n - strlen(out) - 1);
		strncat(out, eol ? "/" : "|", n - strlen(out) - 1);
	}
	gk_buf_clear(&f);
	return e;
}

static void
test_csv(void **state)
{
	char out[256];

	(void)state;
	assert_int_equal(csv_all("a,\"b \"\"q\"\"\",c\r\n1,,\n", out, sizeof(out)), GK_OK);
	assert_string_equal(out, "a|b \"q\"|c/1||/");
	/* a quoted field holds commas and line breaks; the last line needs no line end */
	assert_int_equal(csv_all("\"x,\r\ny\",'=1+1\nz", out, sizeof(out)), GK_OK);
	assert_string_equal(out, "x,\r\ny|'=1+1/z/");
	assert_int_equal(csv_all("\"abc", out, sizeof(out)), GK_EINVAL);
	assert_int_equal(csv_all("\"a\"b,c", out, sizeof(out)), GK_EINVAL);
	assert_int_equal(csv_all("a\"b", out, sizeof(out)), GK_EINVAL);
}

static void
test_is_count(void **state)
{
	(void)state;
	assert_true(gk_sheet_is_count("0"));
	assert_true(gk_sheet_is_count("15"));
	assert_true(gk_sheet_is_count("999999999"));
	assert_false(gk_sheet_is_count("1000000000"));	/* 10 digits: a code, not a count */
	assert_false(gk_sheet_is_count("015"));		/* leading zero: keep as text */
	assert_false(gk_sheet_is_count("1.5"));
	assert_false(gk_sheet_is_count("-1"));
	assert_false(gk_sheet_is_count(""));
	assert_false(gk_sheet_is_count("2025-01-01"));
}

#define ART	"<article class=\"gk-letter\">\n"

static void
test_letter_blocks(void **state)
{
	struct gk_letter_blocks lb;
	const char *ok = "<html><head><title>x</title></head>\n<body>\n" ART
	    "<h1>政府信息公开申请答复告知书</h1>\n"
	    "<p class=\"gk-no\">〔2025〕第1号</p>\n"
	    "<p class=\"gk-to\">A &amp; B&#39;s &lt;w:p&gt; &quot;公司&quot;：</p>\n"
	    "<p class=\"gk-body\">正文</p>\n"
	    "<p class=\"gk-sign\">盐边县财政局</p>\n"
	    "<p class=\"gk-date\">2025年9月15日</p>\n"
	    "</article>\n</body>\n</html>\n";

	(void)state;
	assert_int_equal(gk_letter_blocks_parse(ok, strlen(ok), &lb), GK_OK);
	assert_int_equal(lb.n, 6);
	assert_int_equal(lb.kind[0], GK_LB_TITLE);
	assert_string_equal(lb.text[0], "政府信息公开申请答复告知书");
	assert_int_equal(lb.kind[2], GK_LB_TO);
	assert_string_equal(lb.text[2], "A & B's <w:p> \"公司\"：");
	assert_int_equal(lb.kind[3], GK_LB_BODY);
	assert_int_equal(lb.kind[5], GK_LB_DATE);
	assert_string_equal(lb.text[5], "2025年9月15日");
	gk_letter_blocks_clear(&lb);
	assert_int_equal(lb.n, 0);

	/* not a letter: no article, not closed, an unknown line, no title first, empty */
	assert_int_equal(gk_letter_blocks_parse("<p>x</p>\n", 9, &lb), GK_EINVAL);
	assert_int_equal(lb.n, 0);
#define BAD(s) assert_int_equal(gk_letter_blocks_parse(s, strlen(s), &lb), GK_EINVAL)
	BAD(ART "<h1>T</h1>\n");
	BAD(ART "<h1>T</h1>\n<script>alert(1)</script>\n</article>\n");
	BAD(ART "<h1>T</h1>\n<p class=\"gk-body\">unclosed\n</article>\n");
	BAD(ART "<p class=\"gk-body\">x</p>\n</article>\n");
	BAD(ART "</article>\n");
	BAD("");
#undef BAD
	assert_int_equal(gk_letter_blocks_parse(NULL, 0, &lb), GK_EINVAL);
}

static void
test_letter_blocks_nomem(void **state)
{
	struct gk_letter_blocks lb;
	const char *ok = ART "<h1>T</h1>\n<p class=\"gk-body\">正文</p>\n</article>\n";
	int n;

	(void)state;
	/* every allocation failing in turn: GK_ENOMEM and nothing kept, never a crash */
	for (n = 0; n < 16; n++) {
		enum gk_err e;

		gk_mem_fail_after(n);
		e = gk_letter_blocks_parse(ok, strlen(ok), &lb);
		gk_mem_fail_reset();
		if (e == GK_OK) {
			assert_int_equal(lb.n, 2);
			gk_letter_blocks_clear(&lb);
			return;
		}
		assert_int_equal(e, GK_ENOMEM);
		assert_int_equal(lb.n, 0);
	}
	fail_msg("parse never succeeded");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_grid_s3_2021),
	cmocka_unit_test(test_grid_s3_2019),
	cmocka_unit_test(test_grid_s2),
	cmocka_unit_test(test_grid_s4),
	cmocka_unit_test(test_tl_columns),
	cmocka_unit_test(test_tl_rows),
	cmocka_unit_test(test_tl_breaks),
	cmocka_unit_test(test_csv),
	cmocka_unit_test(test_is_count),
	cmocka_unit_test(test_letter_blocks),
	cmocka_unit_test(test_letter_blocks_nomem),
};

GK_TEST_MAIN("doc_layout", tests)
