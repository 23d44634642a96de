/*
 * test_html.c — the HTML escaper, renderer and reader: escaping, the
 * template's merged cells in rendered pages, rows read from hand-written
 * government-style pages (grid expansion, spans, paragraphs, encodings),
 * end-to-end reading of those pages, a render→read property test, and
 * hostile input.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/escape.h"
#include "core/report_check.h"
#include "report/report_io.h"

#define FIX	"tests/fixtures/html/"

/* --- helpers ------------------------------------------------------------ */

static char *
render(const struct gk_report *r, unsigned flags)
{
	struct gk_buf b;

	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_html(r, flags, &b), GK_OK);
	return gk_buf_take(&b, NULL);
}

static enum gk_err
rows_of(const char *html, size_t len, struct rr_doc *d, char *err, size_t errlen)
{
	rr_doc_init(d);
	return gk_html_rows(html, len, d, err, errlen);
}

static const struct rr_cell *
cell_at(const struct rr_doc *d, size_t row, size_t col)
{
	assert_true(row < d->nrows);
	assert_true(col < d->rows[row].n);
	return &d->cells[d->rows[row].first + col];
}

static int
cell_eq(const struct rr_doc *d, size_t row, size_t col, const char *s)
{
	const struct rr_cell *c = cell_at(d, row, col);

	return !c->span && c->len == strlen(s) && memcmp(c->s, s, c->len) == 0;
}

static int
cell_span(const struct rr_doc *d, size_t row, size_t col)
{
	return cell_at(d, row, col)->span;
}

/* Index of the first row whose cell col is s, or -1. */
static long
find_row(const struct rr_doc *d, size_t col, const char *s)
{
	size_t i;

	for (i = 0; i < d->nrows; i++)
		if (col < d->rows[i].n && cell_eq(d, i, col, s))
			return (long)i;
	return -1;
}

/* Whether some paragraph (table 0) is exactly s. */
static int
has_para(const struct rr_doc *d, const char *s)
{
	long i = find_row(d, 0, s);

	return i >= 0 && d->rows[i].table == 0 && d->rows[i].n == 1;
}

/* Whether any cell anywhere contains s. */
static int
any_cell_has(const struct rr_doc *d, const char *s)
{
	size_t i, n = strlen(s);

	for (i = 0; i < d->ncells; i++) {
		const struct rr_cell *c = &d->cells[i];
		size_t k;

		for (k = 0; c->len >= n && k + n <= c->len; k++)
			if (memcmp(c->s + k, s, n) == 0)
				return 1;
	}
	return 0;
}

static size_t
count_str(const char *hay, const char *needle)
{
	size_t n = 0, l = strlen(needle);
	const char *p = hay;

	while ((p = strstr(p, needle)) != NULL) {
		n++;
		p += l;
	}
	return n;
}

/* --- escaping ------------------------------------------------------------ */

static void
test_escape_html(void **state)
{
	struct gk_buf	 b;
	const char	 in[] = "a<b>&\"c\" 'd' 中文\x01\x7f\tx\n";

	(void)state;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_buf_put_html(&b, in, sizeof(in) - 1), GK_OK);
	assert_string_equal(b.data,
	    "a&lt;b&gt;&amp;&quot;c&quot; &#39;d&#39; 中文\tx\n");
	/* len is honoured: nothing past it is read. */
	b.len = 0;
	assert_int_equal(gk_buf_put_html(&b, "&&&", 1), GK_OK);
	assert_string_equal(b.data, "&amp;");
	gk_buf_clear(&b);
}

static void
test_escape_xml(void **state)
{
	struct gk_buf b;

	(void)state;
	gk_buf_init(&b, 0);
	/* Malformed UTF-8 (a lone continuation byte, a cut sequence, an
	 * overlong '<', a surrogate) and U+FFFF become U+FFFD. */
	assert_int_equal(gk_buf_put_xml(&b, "<\x80|\xE4\xB8|\xC0\xBC|\xED\xA0\x80|\xEF\xBF\xBF|'", 19),
	    GK_OK);
	assert_string_equal(b.data, "&lt;\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD|"
	    "\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD|\xEF\xBF\xBD|&#39;");
	b.len = 0;
	assert_int_equal(gk_buf_put_xml(&b, "年报\xF0\x9F\x98\x80", 10), GK_OK);
	assert_string_equal(b.data, "年报\xF0\x9F\x98\x80");
	gk_buf_clear(&b);

	/* A full buffer reports the limit and stays full. */
	gk_buf_init(&b, 8);
	assert_int_equal(gk_buf_put_html(&b, "<<<", 3), GK_ELIMIT);
	gk_buf_clear(&b);
}

/* --- rendering ------------------------------------------------------------ */

static void
test_render_page(void **state)
{
	struct gk_report	 r;
	char			*p, *a;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	r.year = 2025;
	snprintf(r.agency, sizeof(r.agency), "%s", "盐边县经济合作和商务局");
	p = render(&r, GK_HTML_PAGE);
	assert_true(strncmp(p, "<!DOCTYPE html>\n<html lang=\"zh-CN\">", 35) == 0);
	assert_non_null(strstr(p, "<meta charset=\"utf-8\">"));
	assert_non_null(strstr(p, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"));
	assert_non_null(strstr(p, "<title>盐边县经济合作和商务局2025年政府信息公开工作年度报告</title>"));
	assert_non_null(strstr(p, "<h1>盐边县经济合作和商务局2025年政府信息公开工作年度报告</h1>"));
	assert_non_null(strstr(p, "overflow-x:auto"));
	assert_non_null(strstr(p, "@media print"));
	/* No script, no external resource. */
	assert_null(strstr(p, "<script"));
	assert_null(strstr(p, "src="));
	assert_null(strstr(p, "href="));
	assert_null(strstr(p, "url("));
	/* Every table sits in a scrolling wrapper: 4 (二) + 三 + 四. */
	assert_int_equal(count_str(p, "<div class=\"table-wrap\"><table"), 6);
	assert_int_equal(count_str(p, "<table"), 6);
	assert_int_equal(count_str(p, "</table></div>"), 6);
	/* Tables sections are always drawn; absent narrative sections are not. */
	assert_non_null(strstr(p, "<h2>二、主动公开政府信息情况</h2>"));
	assert_null(strstr(p, "一、总体情况"));
	assert_true(strcmp(p + strlen(p) - 16, "</body>\n</html>\n") == 0);

	a = render(&r, 0);
	assert_true(strncmp(a, "<article class=\"gk-report\">\n<h1>", 32) == 0);
	assert_true(strcmp(a + strlen(a) - 11, "</article>\n") == 0);
	assert_null(strstr(a, "<html"));
	assert_null(strstr(a, "<style"));
	/* The element is the page's body. */
	assert_non_null(strstr(p, a));
	free(p);
	free(a);
	gk_report_clear(&r);
}

static void
test_render_escapes(void **state)
{
	struct gk_report	 r;
	char			*p;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	r.year = 2022;
	snprintf(r.agency, sizeof(r.agency), "%s", "A&B<局>");
	assert_int_equal(gk_report_set_narr(&r, GK_NARR_OVERVIEW,
	    "x < y & \"z\" 'q'\n\n<script>alert(1)</script>"), GK_OK);
	gk_cell_set_text(&r.s3[GK_S3_NEW][0], GK_CELL_UNREADABLE, "<b>");
	p = render(&r, GK_HTML_PAGE);
	assert_non_null(strstr(p, "<title>A&amp;B&lt;局&gt;2022年政府信息公开工作年度报告</title>"));
	assert_non_null(strstr(p, "<p>x &lt; y &amp; &quot;z&quot; &#39;q&#39;</p>\n"
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>"));
	assert_non_null(strstr(p, "<td class=\"unreadable\">&lt;b&gt;</td>"));
	assert_null(strstr(p, "<script"));
	assert_null(strstr(p, "<局>"));
	free(p);
	gk_report_clear(&r);
}

static void
test_render_s3_2021(void **state)
{
	struct gk_report	 r;
	char			*p, *t;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_NATURAL], 12);
	gk_cell_set_blank(&r.s3[GK_S3_NEW][GK_S3_BUSINESS]);
	gk_cell_set_num(&r.s2[GK_S2_FEE], 350000);	/* 0.35 万元 */
	p = render(&r, 0);
	/* Header: the note cell, 申请人情况, 总计; 自然人, 法人或其他组织. */
	assert_non_null(strstr(p, "<tr><th colspan=\"3\" rowspan=\"3\">" GK_S3_NOTE "</th>"
	    "<th scope=\"colgroup\" colspan=\"6\">申请人情况</th>"
	    "<th scope=\"col\" rowspan=\"3\">总计</th></tr>"));
	assert_non_null(strstr(p, "<tr><th scope=\"col\" rowspan=\"2\">自然人</th>"
	    "<th scope=\"colgroup\" colspan=\"5\">法人或其他组织</th></tr>"));
	assert_non_null(strstr(p, "<tr><th scope=\"col\">商业企业</th><th scope=\"col\">科研机构</th>"
	    "<th scope=\"col\">社会公益组织</th><th scope=\"col\">法律服务机构</th>"
	    "<th scope=\"col\">其他</th></tr>"));
	/* Body: 一 with a number, a blank and zeros. */
	assert_non_null(strstr(p, "<tr><th scope=\"row\" colspan=\"3\">一、本年新收政府信息公开申请数量</th>"
	    "<td class=\"num\">12</td><td></td><td class=\"num\">0</td>"));
	/* 三 spans all 22 outcome lines of 2021; (一) shares its line. */
	assert_non_null(strstr(p, "<tr><th scope=\"rowgroup\" rowspan=\"22\">三、本年度办理结果</th>"
	    "<th scope=\"row\" colspan=\"2\">(一) 予以公开</th>"));
	assert_non_null(strstr(p, "<tr><th scope=\"rowgroup\" rowspan=\"8\">(三) 不予公开</th>"
	    "<th scope=\"row\">1.属于国家秘密</th>"));
	assert_non_null(strstr(p, "<tr><th scope=\"row\">2.其他法律行政法规禁止公开</th>"));
	assert_non_null(strstr(p, "<tr><th scope=\"rowgroup\" rowspan=\"3\">(四) 无法提供</th>"));
	assert_non_null(strstr(p, "<tr><th scope=\"rowgroup\" rowspan=\"5\">(五) 不予处理</th>"));
	assert_non_null(strstr(p, "<tr><th scope=\"rowgroup\" rowspan=\"3\">(六) 其他处理</th>"
	    "<th scope=\"row\">1.申请人无正当理由逾期不补正"));
	assert_non_null(strstr(p, "<tr><th scope=\"row\" colspan=\"2\">(七) 总计</th>"));
	assert_non_null(strstr(p, "<tr><th scope=\"row\" colspan=\"3\">四、结转下年度继续办理</th>"));
	/* 二: numbers right-aligned through the class, decimals kept. */
	assert_non_null(strstr(p, "<tr><th scope=\"row\">行政事业性收费</th><td class=\"num\">0.35</td></tr>"));
	assert_non_null(strstr(p, "<caption>第二十条第（八）项</caption>"));
	assert_non_null(strstr(p, "<thead><tr><th scope=\"col\">信息内容</th>"
	    "<th scope=\"col\">本年收费金额（单位：万元）</th></tr></thead>"));
	/* Section 三 has 25 value lines × 7 cells (groups are ABSENT in 2021). */
	t = strstr(p, "<table class=\"gk-s3\">");
	assert_non_null(t);
	*strstr(t, "</table>") = '\0';
	assert_int_equal(count_str(t, "<td"), 25 * 7);
	assert_int_equal(count_str(t, "<tr>"), 3 + 25);
	free(p);
	gk_report_clear(&r);
}

static void
test_render_s3_2019_s4(void **state)
{
	struct gk_report	 r;
	char			*p, *t;

	(void)state;
	gk_report_init(&r, GK_TPL_2019);
	gk_cell_set_text(&r.s2[GK_S2_19_LICENSE_DELTA], GK_CELL_TEXT, "未增未减");
	p = render(&r, 0);
	assert_non_null(strstr(p, "<th scope=\"rowgroup\" rowspan=\"20\">三、本年度办理结果</th>"));
	assert_non_null(strstr(p, "<tr><th scope=\"row\" colspan=\"2\">(六) 其他处理</th>"
	    "<td class=\"num\">0</td>"));
	assert_null(strstr(p, "1.申请人无正当理由逾期不补正"));
	assert_non_null(strstr(p, "<td>未增未减</td>"));
	assert_non_null(strstr(p, "<caption>第二十条第（九）项</caption>"));
	assert_null(strstr(p, "本年制发件数"));
	t = strstr(p, "<table class=\"gk-s3\">");
	assert_non_null(t);
	assert_int_equal(count_str(t, "<tr>") - count_str(strstr(t, "gk-s4"), "<tr>"), 3 + 23);
	/* Section 四: the two header levels and one data line of 15 cells. */
	t = strstr(p, "<table class=\"gk-s4\">");
	assert_non_null(t);
	assert_non_null(strstr(t, "<tr><th scope=\"colgroup\" colspan=\"5\">行政复议</th>"
	    "<th scope=\"colgroup\" colspan=\"10\">行政诉讼</th></tr>"));
	assert_non_null(strstr(t, "<tr><th scope=\"col\" rowspan=\"2\">结果维持</th>"
	    "<th scope=\"col\" rowspan=\"2\">结果纠正</th><th scope=\"col\" rowspan=\"2\">其他结果</th>"
	    "<th scope=\"col\" rowspan=\"2\">尚未审结</th><th scope=\"col\" rowspan=\"2\">总计</th>"
	    "<th scope=\"colgroup\" colspan=\"5\">未经复议直接起诉</th>"
	    "<th scope=\"colgroup\" colspan=\"5\">复议后起诉</th></tr>"));
	assert_int_equal(count_str(t, "<th scope=\"col\">结果维持</th>"), 2);
	assert_int_equal(count_str(t, "<td class=\"num\">0</td>"), 15);
	free(p);
	gk_report_clear(&r);
}

/* The rendered page, read back as rows: the template's grid. */
static void
test_render_grid(void **state)
{
	struct gk_report	 r;
	struct rr_doc		 d;
	char			*p, err[256];
	long			 h, i;
	size_t			 k;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	p = render(&r, GK_HTML_PAGE);
	assert_int_equal(rows_of(p, strlen(p), &d, err, sizeof(err)), GK_OK);
	h = find_row(&d, 0, GK_S3_NOTE);
	assert_true(h > 0);
	/* 3 header lines + 25 value lines, each 10 positions wide. */
	for (i = h; i < h + 28; i++) {
		assert_int_equal(d.rows[i].n, 10);
		assert_int_equal(d.rows[i].flags, RR_GRID);
		assert_int_equal(d.rows[i].table, d.rows[h].table);
	}
	assert_true(cell_span(&d, h, 1) && cell_span(&d, h, 2) && cell_eq(&d, h, 3, "申请人情况"));
	assert_true(cell_eq(&d, h, 9, "总计"));
	assert_true(cell_span(&d, h + 1, 0) && cell_eq(&d, h + 1, 3, "自然人") &&
	    cell_eq(&d, h + 1, 4, "法人或其他组织") && cell_span(&d, h + 1, 9));
	assert_true(cell_span(&d, h + 2, 3) && cell_eq(&d, h + 2, 4, "商业企业"));
	i = find_row(&d, 0, "三、本年度办理结果");
	assert_int_equal(i, h + 5);
	assert_true(cell_eq(&d, i, 1, "(一) 予以公开") && cell_span(&d, i, 2));
	for (k = 1; k < 22; k++)
		assert_true(cell_span(&d, (size_t)i + k, 0));
	assert_true(cell_eq(&d, i + 21, 1, "(七) 总计"));
	assert_true(cell_eq(&d, i + 22, 0, "四、结转下年度继续办理"));
	rr_doc_free(&d);
	free(p);
	gk_report_clear(&r);
}

static void
test_render_nomem(void **state)
{
	struct gk_report	 r;
	struct gk_buf		 b;
	long			 n;
	enum gk_err		 e = GK_ENOMEM;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	for (n = 0; n < 64 && e != GK_OK; n++) {
		gk_buf_init(&b, 0);
		gk_mem_fail_after(n);
		e = gk_render_html(&r, GK_HTML_PAGE, &b);
		gk_mem_fail_reset();
		assert_true(e == GK_OK || e == GK_ENOMEM);
		gk_buf_clear(&b);
	}
	assert_int_equal(e, GK_OK);
	/* A full buffer is a limit, not a crash. */
	gk_buf_init(&b, 1000);
	assert_int_equal(gk_render_html(&r, GK_HTML_PAGE, &b), GK_ELIMIT);
	gk_buf_clear(&b);
	gk_report_clear(&r);
}

/* --- reading: rows ------------------------------------------------------- */

static void
test_rows_seed_page(void **state)
{
	struct rr_doc	 d;
	char		*html, err[256];
	size_t		 len, i;
	long		 h, s2, s4;
	int		 tables[16] = { 0 };

	(void)state;
	html = gk_test_slurp(FIX "seed-2021-gov.html", &len);
	assert_int_equal(rows_of(html, len, &d, err, sizeof(err)), GK_OK);
	/* Title split by <br> in a div: two paragraphs. */
	assert_true(has_para(&d, "盐边县经济合作和商务局"));
	assert_true(has_para(&d, "2025 年政府信息公开工作年度报告"));
	for (i = 0; i < 6; i++)
		assert_true(has_para(&d, gk_section_titles[i]));
	/* Leading &nbsp; trimmed; a source line break between CJK text vanishes. */
	assert_true(find_row(&d, 0, "公开内容全面覆盖。聚焦主责主业，主动公开招商引资政策、"
	    "重点项目进展、营商环境、惠企政策等核心信息 13 条。其中，政策文件类 5 条，"
	    "包括行业性招商引资支持政策、惠企政策实施细则等；工作动态类 5 条，涵盖“三招三引”"
	    "突破战、项目建设攻坚战推进情况，以及美利林重大项目投产开工、盐边羊肉米线暖冬消费节"
	    "等重点活动信息；财政信息类 2 条，公开部门预算、决算及“三公”经费使用情况；其他信息 "
	    "1 条，包括机构职能、办事指南、联系方式等基础信息。") >= 0);
	assert_true(has_para(&d, "改进情况：深化公开内容建设，细化公开事项，丰富政策解读形式，"
	    "采用“政策原文+图解+案例”模式，提升解读可读性和易懂性。"));
	/* <br> inside a paragraph is a space. */
	assert_true(has_para(&d, "盐边县经济合作和商务局 2026年1月20日"));
	/* Nothing from head, script or style. */
	assert_false(any_cell_has(&d, "不是报告"));
	assert_false(any_cell_has(&d, "_盐边县人民政府"));
	assert_false(any_cell_has(&d, "fontSize"));
	assert_false(any_cell_has(&d, "border"));

	/* The layout table is not a grid: its navigation text is paragraphs. */
	assert_true(has_para(&d, "政府信息公开指南"));
	/* Grids: the info box, 二, 三, 四. */
	for (i = 0; i < d.nrows; i++)
		if (d.rows[i].table > 0 && d.rows[i].table < 16)
			tables[d.rows[i].table] = 1;
	assert_int_equal(d.ntables, 4);
	assert_true(tables[1] && tables[2] && tables[3] && tables[4]);

	/* 二: caption rows span the table, &nbsp; around numbers, colspan="3" values. */
	s2 = find_row(&d, 0, "第二十条第（一）项");
	assert_true(s2 > 0);
	assert_int_equal(d.rows[s2].table, 2);
	assert_true(cell_span(&d, s2, 1) && cell_span(&d, s2, 3));
	i = (size_t)find_row(&d, 0, "行政规范性文件");
	assert_true(cell_eq(&d, i, 1, "0") && cell_eq(&d, i, 2, "0") && cell_eq(&d, i, 3, "0"));
	i = (size_t)find_row(&d, 0, "行政许可");
	assert_int_equal(d.rows[i].n, 4);
	assert_true(cell_eq(&d, i, 1, "0") && cell_span(&d, i, 2) && cell_span(&d, i, 3));

	/* 三: header cells with <br> joined, rowspan group labels expanded. */
	h = find_row(&d, 0, "(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)");
	assert_true(h > s2);
	assert_true(cell_eq(&d, h + 2, 4, "商业企业") && cell_eq(&d, h + 2, 5, "科研机构") &&
	    cell_eq(&d, h + 2, 6, "社会公益组织") && cell_eq(&d, h + 2, 7, "法律服务机构"));
	i = (size_t)find_row(&d, 1, "(六) 其他处理");
	assert_true(cell_span(&d, i, 0) && cell_eq(&d, i, 2,
	    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"));
	assert_true(cell_span(&d, i + 2, 0) && cell_span(&d, i + 2, 1) &&
	    cell_eq(&d, i + 2, 2, "3.其他") && cell_eq(&d, i + 2, 9, "0"));
	assert_true(cell_span(&d, i + 3, 0) && cell_eq(&d, i + 3, 1, "(七) 总计") &&
	    cell_span(&d, i + 3, 2));
	assert_true(cell_eq(&d, i + 4, 0, "四、结转下年度继续办理"));

	/* 四: "结果<br />维持" is one label. */
	s4 = find_row(&d, 0, "行政复议");
	assert_true(s4 > h);
	assert_true(cell_eq(&d, s4 + 1, 0, "结果维持") && cell_eq(&d, s4 + 1, 3, "尚未审结"));
	assert_true(cell_span(&d, s4 + 2, 0) && cell_eq(&d, s4 + 2, 5, "结果维持"));
	assert_int_equal(d.rows[s4 + 3].n, 15);
	rr_doc_free(&d);
	free(html);
}

static void
test_rows_gbk(void **state)
{
	struct rr_doc	 d;
	char		*html, err[256], *p;
	size_t		 len;
	long		 i;

	(void)state;
	html = gk_test_slurp(FIX "wrong-total-gbk-2022.html", &len);
	/* Really GB18030 on disk: "一" is D2 BB there. */
	assert_non_null(memchr(html, 0xD2, len));
	assert_null(strstr(html, "一、总体情况"));
	assert_int_equal(rows_of(html, len, &d, err, sizeof(err)), GK_OK);
	assert_true(has_para(&d, "一、总体情况"));
	assert_true(has_para(&d, "示例县自然资源局2022年政府信息公开工作年度报告"));
	i = find_row(&d, 0, "行政事业性收费");
	assert_true(i >= 0 && cell_eq(&d, (size_t)i, 1, "12.35"));
	i = find_row(&d, 1, "(七) 总计");
	assert_true(i >= 0 && cell_eq(&d, (size_t)i, 9, "6"));
	rr_doc_free(&d);
	/* The same page without its declaration is still recognised as GBK. */
	p = strstr(html, "charset=gb2312");
	assert_non_null(p);
	memcpy(p, "xxxxxxx", 7);
	assert_int_equal(rows_of(html, len, &d, err, sizeof(err)), GK_OK);
	assert_true(has_para(&d, "一、总体情况"));
	rr_doc_free(&d);
	free(html);
}

/* Small pages: what each construct becomes. */
static void
test_rows_constructs(void **state)
{
	struct rr_doc	 d;
	char		 err[256];
	const char	*h;

	(void)state;
	/* rowspan and a short row padded with empty (not span) cells. */
	h = "<table><tr><td rowspan=2>a</td><td>b</td><td>c</td></tr>"
	    "<tr><td>d</td></tr><tr><td>e</td></tr></table>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 3);
	assert_true(cell_eq(&d, 0, 0, "a") && cell_eq(&d, 0, 2, "c"));
	assert_true(cell_span(&d, 1, 0) && cell_eq(&d, 1, 1, "d") && cell_eq(&d, 1, 2, ""));
	assert_true(cell_eq(&d, 2, 0, "e") && cell_eq(&d, 2, 1, "") && !cell_span(&d, 2, 2));
	rr_doc_free(&d);

	/* rowspan="0" runs to the end; a rowspan past the end adds no row. */
	h = "<table><tr><td rowspan=0>a</td><td rowspan=50>b</td></tr><tr><td>c</td></tr>"
	    "<tr></tr></table>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 3);
	assert_int_equal(d.rows[1].n, 3);
	assert_true(cell_span(&d, 1, 0) && cell_span(&d, 1, 1) && cell_eq(&d, 1, 2, "c"));
	assert_true(cell_span(&d, 2, 0) && cell_span(&d, 2, 1) && cell_eq(&d, 2, 2, ""));
	rr_doc_free(&d);

	/* Huge and junk spans are capped; colspan 0 is 1. */
	h = "<table><tr><td colspan=\"999999999\">x</td><td colspan=0>y</td>"
	    "<td colspan=\"abc\" rowspan=\"-3\">z</td></tr></table>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 1);
	assert_int_equal(d.rows[0].n, 202);
	assert_true(cell_eq(&d, 0, 0, "x") && cell_span(&d, 0, 199));
	assert_true(cell_eq(&d, 0, 200, "y") && cell_eq(&d, 0, 201, "z"));
	rr_doc_free(&d);

	/* Caption first; <th>; cells with <br>, <p> and white space. */
	h = "<table><caption> 第二十条第（九）项 </caption><thead><tr><th>商业<br>企业</th>"
	    "<th>foo<br>bar</th><th><p>社会公益</p><p>组织</p></th></tr></thead>"
	    "<tbody><tr><td>\n 1,234 \n</td><td>&nbsp;</td><td>  a \t b </td></tr></tbody></table>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 3);
	assert_true(d.rows[0].table == 0 && cell_eq(&d, 0, 0, "第二十条第（九）项"));
	assert_true(d.rows[1].table == 1 && d.rows[1].flags == RR_GRID);
	assert_true(cell_eq(&d, 1, 0, "商业企业") && cell_eq(&d, 1, 1, "foo bar") &&
	    cell_eq(&d, 1, 2, "社会公益组织"));
	assert_true(cell_eq(&d, 2, 0, "1,234") && cell_eq(&d, 2, 1, "") &&
	    cell_eq(&d, 2, 2, "a b"));
	rr_doc_free(&d);

	/* A one-cell table is a frame; a table holding a table is layout. */
	h = "<table><tr><td><p>一、总体情况</p><p>正文</p></td></tr></table>"
	    "<table><tr><td>左栏</td><td><table><tr><td>1</td><td>2</td></tr></table></td></tr></table>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 4);
	assert_true(has_para(&d, "一、总体情况") && has_para(&d, "正文") && has_para(&d, "左栏"));
	assert_int_equal(d.ntables, 1);
	assert_true(d.rows[3].table == 1 && cell_eq(&d, 3, 0, "1") && cell_eq(&d, 3, 1, "2"));
	rr_doc_free(&d);

	/* Paragraphs: <br> in <p> is a space, in a <div> a break; inline tags join;
	 * script, style, noscript and comments are skipped. */
	h = "<html><head><title>T</title><style>p{}</style></head><body>"
	    "<p>  甲 <b>乙</b>\n\t丙 <br> 丁 </p><div>戊<br>己<span>庚</span></div>"
	    "<script>var x='<p>no</p>';</script><noscript>无脚本</noscript><!-- c -->"
	    "<ul><li>一</li><li>二</li></ul>text &amp; &lt;tail&gt;</body></html>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 6);
	assert_true(cell_eq(&d, 0, 0, "甲 乙丙 丁"));
	assert_true(cell_eq(&d, 1, 0, "戊") && cell_eq(&d, 2, 0, "己庚"));
	assert_true(cell_eq(&d, 3, 0, "一") && cell_eq(&d, 4, 0, "二"));
	assert_true(cell_eq(&d, 5, 0, "text & <tail>"));
	rr_doc_free(&d);

	/* Malformed UTF-8 does not turn the rest of the page into Latin-1. */
	h = "<p>\xff\xfe坏</p><p>好\x80</p>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 2);
	assert_true(cell_eq(&d, 0, 0, "\xEF\xBF\xBD\xEF\xBF\xBD坏"));
	assert_true(cell_eq(&d, 1, 0, "好\xEF\xBF\xBD"));
	rr_doc_free(&d);
}

/* --- reading: hostile input ---------------------------------------------- */

static void
test_rows_empty(void **state)
{
	struct rr_doc	 d;
	char		 err[256];
	const char	*h;

	(void)state;
	assert_int_equal(rows_of("", 0, &d, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "未找到任何内容"));
	rr_doc_free(&d);
	assert_int_equal(rows_of(" \r\n\t", 4, &d, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "未找到任何内容"));
	rr_doc_free(&d);
	h = "<html><head><title>只有标题</title></head><body><img src=a.png>"
	    "<script>x</script><table><tr><td></td></tr></table></body></html>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "未找到任何内容"));
	rr_doc_free(&d);
	/* Through the front door: a clear error, the report cleared. */
	{
		struct gk_report r;

		assert_int_equal(gk_report_read("", 0, GK_FMT_HTML, &r, err, sizeof(err)),
		    GK_EINVAL);
		assert_non_null(strstr(err, "未找到任何内容"));
		assert_null(r.narr[0]);
	}
}

static char *
repeat(const char *a, size_t n, const char *mid, const char *b, size_t nb)
{
	size_t	 la = strlen(a), lm = strlen(mid), lb = strlen(b), i;
	char	*p = malloc(la * n + lm + lb * nb + 1), *q = p;

	assert_non_null(p);
	for (i = 0; i < n; i++, q += la)
		memcpy(q, a, la);
	memcpy(q, mid, lm);
	q += lm;
	for (i = 0; i < nb; i++, q += lb)
		memcpy(q, b, lb);
	*q = '\0';
	return p;
}

static void
test_rows_deep_nesting(void **state)
{
	static const char *const opens[] = { "<div>", "<span>", "<table><tr><td>", "<b><br>", "<p>" };
	struct rr_doc	 d;
	struct gk_report r;
	char		 err[256], *h;
	size_t		 i;
	enum gk_err	 e;

	(void)state;
	for (i = 0; i < sizeof(opens) / sizeof(opens[0]); i++) {
		h = repeat(opens[i], 100000, "深处的文字", "", 0);
		e = rows_of(h, strlen(h), &d, err, sizeof(err));
		assert_true(e == GK_OK || e == GK_EINVAL || e == GK_ELIMIT);
		if (e == GK_OK)
			assert_true(any_cell_has(&d, "深处的文字"));
		else
			assert_true(err[0] != '\0');
		rr_doc_free(&d);
		e = gk_report_read(h, strlen(h), GK_FMT_HTML, &r, err, sizeof(err));
		assert_true(e != GK_OK && err[0] != '\0');
		free(h);
	}
}

static void
test_rows_limits(void **state)
{
	struct rr_doc	 d;
	char		 err[256], *h;

	(void)state;
	/* Wider than 256 columns. */
	h = "<table><tr><td colspan=200>a</td><td colspan=200>b</td><td>c</td></tr>"
	    "<tr><td>d</td></tr></table>";
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_ELIMIT);
	assert_non_null(strstr(err, "列数"));
	rr_doc_free(&d);
	/* A grid of 2000 × 200 positions is over the cell limit. */
	h = repeat("<table>", 1, "", "<tr><td colspan=200>x</td></tr>", 2000);
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_ELIMIT);
	assert_true(err[0] != '\0');
	rr_doc_free(&d);
	free(h);
	/* rowspan capped at 1000 even in a long table: row 1001 is free again. */
	h = repeat("<table><tr><td rowspan=999999>a</td><td>b</td></tr>", 1,
	    "", "<tr><td>c</td></tr>", 1500);
	assert_int_equal(rows_of(h, strlen(h), &d, err, sizeof(err)), GK_OK);
	assert_int_equal(d.nrows, 1501);
	assert_true(cell_span(&d, 999, 0) && cell_eq(&d, 999, 1, "c"));
	assert_true(cell_eq(&d, 1000, 0, "c"));
	rr_doc_free(&d);
	free(h);
}

static void
test_rows_junk_and_truncation(void **state)
{
	struct rr_doc	 d;
	struct gk_report r;
	char		*html, err[256], *junk;
	size_t		 len, cut, i;
	uint64_t	 seed = 42;
	enum gk_err	 e;
	int		 ok = 0;

	(void)state;
	html = gk_test_slurp(FIX "seed-2021-gov.html", &len);
	for (cut = 0; cut < len; cut += 331) {
		e = gk_report_read(html, cut, GK_FMT_HTML, &r, err, sizeof(err));
		assert_true(e == GK_OK || e == GK_EINVAL);
		if (e == GK_OK) {
			ok++;
			gk_report_clear(&r);
		} else
			assert_true(err[0] != '\0');
	}
	/* Cut after section 四's table, the report is whole. */
	assert_true(ok > 0);
	free(html);

	junk = malloc(65536);
	assert_non_null(junk);
	for (i = 0; i < 20; i++) {
		size_t k, n = 1 + gk_test_rand(&seed) % 65536;

		for (k = 0; k < n; k++)
			junk[k] = (char)(gk_test_rand(&seed) >> 24);
		if (i % 2)	/* tag soup */
			for (k = 0; k < n; k += 7)
				junk[k] = "<>/=\"t"[gk_test_rand(&seed) % 6];
		e = rows_of(junk, n, &d, err, sizeof(err));
		assert_true(e == GK_OK || e == GK_EINVAL);
		rr_doc_free(&d);
		e = gk_report_read(junk, n, GK_FMT_HTML, &r, err, sizeof(err));
		assert_true(e != GK_OK && err[0] != '\0');
	}
	free(junk);
}

static void
test_rows_nomem(void **state)
{
	struct rr_doc	 d;
	char		*html, err[256];
	size_t		 len;
	long		 n;
	enum gk_err	 e = GK_ENOMEM;

	(void)state;
	html = gk_test_slurp(FIX "made-up-2019.html", &len);
	for (n = 0; n < 200 && e != GK_OK; n++) {
		gk_mem_fail_after(n);
		e = rows_of(html, len, &d, err, sizeof(err));
		gk_mem_fail_reset();
		assert_true(e == GK_OK || e == GK_ENOMEM);
		if (e != GK_OK)
			assert_true(err[0] != '\0');
		rr_doc_free(&d);
	}
	assert_int_equal(e, GK_OK);
	free(html);
}

/* --- reading: whole reports ---------------------------------------------- */

static void
set_row(struct gk_report *r, enum gk_s3row row, const int v[7])
{
	int j;

	for (j = 0; j < 7; j++)
		gk_cell_set_int(&r->s3[row][j], v[j]);
}

static void
test_read_seed_page(void **state)
{
	struct gk_report	 r, want;
	struct gk_findings	 f;
	char			*html, err[256];
	size_t			 len;

	(void)state;
	html = gk_test_slurp(FIX "seed-2021-gov.html", &len);
	assert_int_equal(gk_report_read(html, len, GK_FMT_AUTO, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2021);
	assert_int_equal(r.year, 2025);
	assert_string_equal(r.agency, "盐边县经济合作和商务局");
	/* Every figure of the seed is 0: exactly the empty 2021 report's cells. */
	gk_report_init(&want, GK_TPL_2021);
	assert_memory_equal(r.s2, want.s2, sizeof(r.s2));
	assert_memory_equal(r.s3, want.s3, sizeof(r.s3));
	assert_memory_equal(r.s4, want.s4, sizeof(r.s4));
	assert_non_null(r.narr[GK_NARR_OVERVIEW]);
	assert_true(strncmp(r.narr[GK_NARR_OVERVIEW], "(一) 主动公开方面\n\n公开内容全面覆盖。", 40) == 0);
	assert_non_null(strstr(r.narr[GK_NARR_OVERVIEW], "\n\n2025年共收到公民、法人及其他组织政府信息公开申请0件。\n\n"));
	assert_non_null(r.narr[GK_NARR_PROBLEMS]);
	assert_true(strncmp(r.narr[GK_NARR_PROBLEMS], "主要问题：公开内容深度不足。", 14) == 0);
	assert_non_null(r.narr[GK_NARR_OTHER]);
	assert_true(strncmp(r.narr[GK_NARR_OTHER], "本年度未收取信息处理费，且无其他需要报告的事项。", 20) == 0);
	gk_findings_init(&f);
	assert_int_equal(gk_report_check(&r, &f), GK_OK);
	assert_int_equal(gk_findings_count(&f, GK_SEV_ERROR), 0);
	gk_findings_clear(&f);
	gk_report_clear(&r);
	gk_report_clear(&want);
	free(html);
}

static void
test_read_2019_page(void **state)
{
	static const int new_[7] = { 20, 3, 0, 1, 2, 0, 26 };
	static const int carried[7] = { 2, 0, 0, 0, 0, 0, 2 };
	static const int open[7] = { 10, 2, 0, 1, 1, 0, 14 };
	static const int partial[7] = { 3, 0, 0, 0, 0, 0, 3 };
	static const int one[7] = { 1, 0, 0, 0, 0, 0, 1 };
	static const int notheld[7] = { 3, 1, 0, 0, 1, 0, 5 };
	static const int total[7] = { 21, 3, 0, 1, 2, 0, 27 };
	static const int s4[3][5] = { { 2, 1, 0, 1, 4 }, { 1, 0, 0, 0, 1 }, { 0, 0, 1, 0, 1 } };
	static const int s2[][2] = {
		{ GK_S2_19_RULE_MADE, 0 }, { GK_S2_19_RULE_PUBLISHED, 0 }, { GK_S2_19_RULE_TOTAL, 0 },
		{ GK_S2_19_NORM_MADE, 3 }, { GK_S2_19_NORM_PUBLISHED, 3 }, { GK_S2_19_NORM_TOTAL, 12 },
		{ GK_S2_19_LICENSE_PREV, 45 }, { GK_S2_19_LICENSE_DELTA, -2 },
		{ GK_S2_19_LICENSE_DECISIONS, 1320 }, { GK_S2_19_SERVICE_PREV, 12 },
		{ GK_S2_19_SERVICE_DECISIONS, 230 }, { GK_S2_19_PENALTY_PREV, 18 },
		{ GK_S2_19_PENALTY_DELTA, 1 }, { GK_S2_19_PENALTY_DECISIONS, 96 },
		{ GK_S2_19_COERCION_PREV, 5 }, { GK_S2_19_COERCION_DELTA, 0 },
		{ GK_S2_19_COERCION_DECISIONS, 7 }, { GK_S2_19_FEE_PREV, 3 }, { GK_S2_19_FEE_DELTA, 0 },
		{ GK_S2_19_PROCUREMENT_COUNT, 8 },
	};
	struct gk_report	 r, want;
	struct gk_findings	 f;
	char			*html, err[256];
	size_t			 len, i;
	int			 j;

	(void)state;
	gk_report_init(&want, GK_TPL_2019);
	for (i = 0; i < sizeof(s2) / sizeof(s2[0]); i++)
		gk_cell_set_int(&want.s2[s2[i][0]], s2[i][1]);
	gk_cell_set_text(&want.s2[GK_S2_19_SERVICE_DELTA], GK_CELL_TEXT, "未增未减");
	gk_cell_set_int(&want.s2[GK_S2_19_PROCUREMENT_AMOUNT], 251000);
	gk_strlcpy_utf8(want.s2[GK_S2_19_PROCUREMENT_AMOUNT].text, "元", GK_CELL_TEXT_MAX);
	set_row(&want, GK_S3_NEW, new_);
	set_row(&want, GK_S3_CARRIED_IN, carried);
	set_row(&want, GK_S3_OPEN, open);
	set_row(&want, GK_S3_PARTIAL, partial);
	set_row(&want, GK_S3_DENY_SAFETY, one);
	set_row(&want, GK_S3_DENY_THIRD, one);
	set_row(&want, GK_S3_NA_NOTHELD, notheld);
	set_row(&want, GK_S3_NA_UNCLEAR, one);
	set_row(&want, GK_S3_NOPROC_REPEAT, one);
	set_row(&want, GK_S3_OTHER, one);
	set_row(&want, GK_S3_TOTAL, total);
	set_row(&want, GK_S3_CARRIED_OUT, one);
	for (i = 0; i < 3; i++)
		for (j = 0; j < 5; j++)
			gk_cell_set_int(&want.s4[i][j], s4[i][j]);

	html = gk_test_slurp(FIX "made-up-2019.html", &len);
	assert_int_equal(gk_report_read(html, len, GK_FMT_AUTO, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2019);
	assert_int_equal(r.year, 2019);
	assert_string_equal(r.agency, "示例市交通运输局");
	for (i = 0; i < GK_S2__MAX; i++)
		assert_true(gk_cell_equal(&r.s2[i], &want.s2[i]));
	assert_memory_equal(r.s3, want.s3, sizeof(r.s3));
	assert_memory_equal(r.s4, want.s4, sizeof(r.s4));
	assert_string_equal(r.narr[GK_NARR_OVERVIEW],
	    "2019年，本局共收到政府信息公开申请26件，办理行政复议案件4件。\n\n"
	    "本局按照“公开为常态、不公开为例外”的原则推进公开工作，主动公开各类信息 1,205 条。");
	assert_string_equal(r.narr[GK_NARR_OTHER], "无。");
	/* The figures are consistent: no finding at all. */
	gk_findings_init(&f);
	assert_int_equal(gk_report_check(&r, &f), GK_OK);
	assert_int_equal(f.n, 0);
	gk_findings_clear(&f);
	gk_report_clear(&r);
	gk_report_clear(&want);
	free(html);
}

static void
test_read_wrong_total(void **state)
{
	struct gk_report	 r;
	struct gk_findings	 f;
	char			*html, err[256];
	size_t			 len, i;
	int			 row_total = 0, balance = 0;

	(void)state;
	html = gk_test_slurp(FIX "wrong-total-gbk-2022.html", &len);
	assert_int_equal(gk_report_read(html, len, GK_FMT_AUTO, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2021);
	assert_int_equal(r.year, 2022);
	assert_string_equal(r.agency, "示例县自然资源局");
	/* Read as written, the wrong total included. */
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_NATURAL].num, 5 * GK_NUM_SCALE);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_BUSINESS].num, 1 * GK_NUM_SCALE);
	assert_int_equal(r.s3[GK_S3_NEW][GK_S3_ALL].num, 7 * GK_NUM_SCALE);
	assert_int_equal(r.s3[GK_S3_OPEN][GK_S3_ALL].num, 5 * GK_NUM_SCALE);
	assert_int_equal(r.s3[GK_S3_NA_NOTHELD][GK_S3_NATURAL].num, 1 * GK_NUM_SCALE);
	assert_int_equal(r.s3[GK_S3_TOTAL][GK_S3_ALL].num, 6 * GK_NUM_SCALE);
	assert_int_equal(r.s2[GK_S2_FEE].num, 12350000);
	assert_int_equal(r.s2[GK_S2_LICENSE].num, 57 * GK_NUM_SCALE);
	assert_int_equal(r.s2[GK_S2_NORM_INFORCE].num, 9 * GK_NUM_SCALE);
	gk_findings_init(&f);
	assert_int_equal(gk_report_check(&r, &f), GK_OK);
	for (i = 0; i < f.n; i++) {
		const struct gk_finding *x = &f.v[i];

		assert_int_equal(x->sev, GK_SEV_ERROR);
		if (strcmp(x->rule, "S3-ROW-TOTAL") == 0) {
			row_total++;
			assert_int_equal(x->at.row, GK_S3_NEW);
			assert_int_equal(x->at.col, GK_S3_ALL);
			assert_int_equal(x->expected, 6 * GK_NUM_SCALE);
			assert_int_equal(x->actual, 7 * GK_NUM_SCALE);
		} else if (strcmp(x->rule, "S3-BALANCE") == 0) {
			balance++;
			assert_int_equal(x->at.col, GK_S3_ALL);
		} else
			fail_msg("unexpected finding %s", x->rule);
	}
	assert_int_equal(row_total, 1);
	assert_int_equal(balance, 1);
	gk_findings_clear(&f);
	gk_report_clear(&r);
	free(html);
}

static void
test_read_s3_image(void **state)
{
	struct gk_report	 r;
	struct rr_doc		 d;
	char			*html, err[256];
	size_t			 len;

	(void)state;
	html = gk_test_slurp(FIX "s3-image-2023.html", &len);
	/* The rows: headings, 二 and 四 as grids, nothing from the image. */
	assert_int_equal(rows_of(html, len, &d, err, sizeof(err)), GK_OK);
	assert_true(has_para(&d, "三、收到和处理政府信息公开申请情况"));
	assert_int_equal(d.ntables, 2);
	assert_int_equal(find_row(&d, 0, GK_S3_NOTE), -1);
	rr_doc_free(&d);
	assert_int_equal(gk_report_read(html, len, GK_FMT_AUTO, &r, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "收到和处理政府信息公开申请情况"));
	assert_null(r.narr[0]);
	free(html);
}

/* --- property: render → read gives the model back ------------------------ */

static const char *const words[] = {
	"政府信息", "公开", "a < b", "R&D", "\"引号\"", "'单引号'", "x>y", "&amp;",
	"依申请", "2025年", "<p>", "条例", "第三十三条", "100%", "——", "A",
};

static char *
random_narr(uint64_t *seed)
{
	struct gk_buf	 b;
	int		 np = 1 + (int)(gk_test_rand(seed) % 3), i, k, nw;

	gk_buf_init(&b, 0);
	for (i = 0; i < np; i++) {
		if (i > 0)
			gk_buf_puts(&b, "\n\n");
		nw = 1 + (int)(gk_test_rand(seed) % 8);
		for (k = 0; k < nw; k++) {
			if (k > 0 && gk_test_rand(seed) % 2)
				gk_buf_putc(&b, ' ');
			gk_buf_puts(&b, words[gk_test_rand(seed) % (sizeof(words) / sizeof(words[0]))]);
		}
		gk_buf_puts(&b, "。");
	}
	return gk_buf_take(&b, NULL);
}

static void
random_report(struct gk_report *r, uint64_t *seed)
{
	enum gk_tpl	 t = gk_test_rand(seed) % 2 ? GK_TPL_2019 : GK_TPL_2021;
	static const char *const agencies[] = {
		"示例市人民政府办公室", "A&B<局>", "某县\"数据\"局", "测试区发展和改革局",
	};
	int		 i, j;
	char		*s;

	gk_report_init(r, t);
	r->year = t == GK_TPL_2019 ? 2019 + (int)(gk_test_rand(seed) % 2) :
	    2021 + (int)(gk_test_rand(seed) % 5);
	snprintf(r->agency, sizeof(r->agency), "%s", agencies[gk_test_rand(seed) % 4]);
	for (i = 0; i < GK_S2__MAX; i++) {
		if (!gk_s2_in((enum gk_s2)i, t))
			continue;
		switch (gk_s2_kind((enum gk_s2)i)) {
		case GK_KIND_AMOUNT:
			gk_cell_set_num(&r->s2[i], (int64_t)(gk_test_rand(seed) % 100000) * 10000);
			break;
		case GK_KIND_DELTA:
			if (gk_test_rand(seed) % 4 == 0)
				gk_cell_set_text(&r->s2[i], GK_CELL_TEXT, "未增未减");
			else
				gk_cell_set_int(&r->s2[i], (int64_t)(gk_test_rand(seed) % 21) - 10);
			break;
		default:
			gk_cell_set_int(&r->s2[i], (int64_t)(gk_test_rand(seed) % 2000));
			break;
		}
	}
	for (i = 0; i < GK_S3ROW__MAX; i++)
		if (gk_s3_row_in((enum gk_s3row)i, t))
			for (j = 0; j < GK_S3_ALL; j++)
				gk_cell_set_int(&r->s3[i][j], gk_test_rand(seed) % 3 ?
				    0 : (int64_t)(gk_test_rand(seed) % 40));
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4_TOTAL; j++)
			gk_cell_set_int(&r->s4[i][j], (int64_t)(gk_test_rand(seed) % 9));
	gk_report_fill_totals(r);
	for (i = 0; i < GK_NARR__MAX; i++) {
		if (gk_test_rand(seed) % 5 == 0)
			continue;
		s = random_narr(seed);
		assert_int_equal(gk_report_set_narr(r, (enum gk_narr)i, s), GK_OK);
		gk_free(s);
	}
}

static void
test_property_roundtrip(void **state)
{
	struct gk_report	 r, back;
	char			*p, err[256];
	uint64_t		 seed;
	int			 n;

	(void)state;
	for (n = 0; n < 300; n++) {
		seed = 0x5EED0000u + (uint64_t)n;
		random_report(&r, &seed);
		p = render(&r, n % 3 ? GK_HTML_PAGE : 0);
		if (gk_report_read(p, strlen(p), GK_FMT_HTML, &back, err, sizeof(err)) != GK_OK)
			fail_msg("seed %d: %s", n, err);
		if (!gk_report_equal(&r, &back))
			fail_msg("seed %d: the report read back differs", n);
		gk_report_clear(&back);
		free(p);
		gk_report_clear(&r);
	}
}

/* A 2021 report that writes a group subtotal keeps it through HTML. */
static void
test_roundtrip_subtotal(void **state)
{
	struct gk_report	 r, back;
	char			*p, err[256];
	int			 j;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	r.year = 2023;
	snprintf(r.agency, sizeof(r.agency), "%s", "示例局");
	gk_cell_set_int(&r.s3[GK_S3_DENY_SECRET][GK_S3_NATURAL], 2);
	gk_cell_set_int(&r.s3[GK_S3_DENY_LAW][GK_S3_NATURAL], 1);
	for (j = 0; j < GK_S3COL__MAX; j++)
		gk_cell_set_int(&r.s3[GK_S3_DENY][j], 0);
	gk_cell_set_int(&r.s3[GK_S3_DENY][GK_S3_NATURAL], 3);
	gk_cell_set_blank(&r.s3[GK_S3_NA_MAKE][GK_S3_LEGAL]);
	gk_report_fill_totals(&r);
	p = render(&r, GK_HTML_PAGE);
	assert_non_null(strstr(p, "<th scope=\"row\" colspan=\"2\">(三) 不予公开</th>"
	    "<td class=\"num\">3</td>"));
	assert_int_equal(gk_report_read(p, strlen(p), GK_FMT_HTML, &back, err, sizeof(err)), GK_OK);
	assert_true(gk_cell_equal(&back.s3[GK_S3_DENY][GK_S3_NATURAL], &r.s3[GK_S3_DENY][GK_S3_NATURAL]));
	assert_true(gk_report_equal(&r, &back));
	gk_report_clear(&back);
	gk_report_clear(&r);
	free(p);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_escape_html),
	cmocka_unit_test(test_escape_xml),
	cmocka_unit_test(test_render_page),
	cmocka_unit_test(test_render_escapes),
	cmocka_unit_test(test_render_s3_2021),
	cmocka_unit_test(test_render_s3_2019_s4),
	cmocka_unit_test(test_render_grid),
	cmocka_unit_test(test_render_nomem),
	cmocka_unit_test(test_rows_seed_page),
	cmocka_unit_test(test_rows_gbk),
	cmocka_unit_test(test_rows_constructs),
	cmocka_unit_test(test_rows_empty),
	cmocka_unit_test(test_rows_deep_nesting),
	cmocka_unit_test(test_rows_limits),
	cmocka_unit_test(test_rows_junk_and_truncation),
	cmocka_unit_test(test_rows_nomem),
	cmocka_unit_test(test_read_seed_page),
	cmocka_unit_test(test_read_2019_page),
	cmocka_unit_test(test_read_wrong_total),
	cmocka_unit_test(test_read_s3_image),
	cmocka_unit_test(test_property_roundtrip),
	cmocka_unit_test(test_roundtrip_subtotal),
};

GK_TEST_MAIN("html", tests)
