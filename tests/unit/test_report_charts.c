/*
 * test_report_charts.c — the report page's new charts (web/portal_svg.c):
 * the line chart and the data table on a small hand-made data set, parsed
 * with libxml2 (well-formed), with the coordinates, labels and values
 * worked out by hand; hostile labels stay text.
 *
 * Data: x = 2023年, 2024年, 2025年; A = 3, 8, 5; B = 0, 2, 1.
 * Axis top: the smallest 1/2/5×10^k with 4 steps ≥ 8 → 8 (steps of 2).
 * Plot 64..600 × 64..250 (height 186): x = 64, 332, 600;
 * A: y = 250 - 3·186/8 = 181 (69.75 cut), 250 - 186 = 64, 250 - 5·186/8 = 134;
 * B: y = 250, 250 - 2·186/8 = 204, 250 - 186/8 = 227.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>

#include "harness.h"
#include "web/portal.h"

static const char *const X[3] = { "2023年", "2024年", "2025年" };
static const int64_t VA[3] = { 3, 8, 5 };
static const int64_t VB[3] = { 0, 2, 1 };

static xmlDocPtr
parse(const struct gk_buf *b)
{
	xmlDocPtr d = xmlReadMemory(b->data, (int)b->len, "chart.xml", "UTF-8",
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (d == NULL)
		fail_msg("not well-formed:\n%.*s", (int)b->len, b->data);
	return d;
}

/* The string value of an XPath expression (SVG namespace bound to s:). */
static char *
xp(xmlDocPtr d, const char *expr)
{
	xmlXPathContextPtr	 c = xmlXPathNewContext(d);
	xmlXPathObjectPtr	 o;
	xmlChar			*v;
	char			*s, full[512];

	assert_non_null(c);
	xmlXPathRegisterNs(c, BAD_CAST "s", BAD_CAST "http://www.w3.org/2000/svg");
	snprintf(full, sizeof(full), "string(%s)", expr);
	o = xmlXPathEvalExpression(BAD_CAST full, c);
	assert_non_null(o);
	v = xmlXPathCastToString(o);
	s = strdup((const char *)v);
	xmlFree(v);
	xmlXPathFreeObject(o);
	xmlXPathFreeContext(c);
	assert_non_null(s);
	return s;
}

static void
assert_xp(xmlDocPtr d, const char *expr, const char *want)
{
	char *got = xp(d, expr);

	if (strcmp(got, want) != 0)
		fail_msg("%s: got \"%s\", want \"%s\"", expr, got, want);
	free(got);
}

static void
test_lines(void **state)
{
	struct gk_svg_series	s[2] = { { "A", VA }, { "B", VB } };
	struct gk_buf		b;
	xmlDocPtr		d;

	(void)state;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_svg_lines(&b, "t", "逐年", X, 3, s, 2), GK_OK);
	assert_int_equal(b.err, GK_OK);
	d = parse(&b);
	assert_xp(d, "name(/*)", "svg");
	assert_xp(d, "/s:svg/s:title", "逐年");
	assert_xp(d, "/s:svg/s:desc", "A：2023年 3，2024年 8，2025年 5。B：2023年 0，2024年 2，2025年 1");
	assert_xp(d, "/s:svg/@aria-labelledby", "t-t t-d");
	assert_xp(d, "count(//s:polyline)", "2");
	assert_xp(d, "(//s:polyline)[1]/@points", "64,181 332,64 600,134");
	assert_xp(d, "(//s:polyline)[2]/@points", "64,250 332,204 600,227");
	/* Told apart without colour: the second line is dashed, its markers squares. */
	assert_xp(d, "(//s:polyline)[1]/@stroke-dasharray", "");
	assert_xp(d, "(//s:polyline)[2]/@stroke-dasharray", "8 5");
	assert_xp(d, "count(//s:g[@class='series'][1]/s:circle)", "3");
	assert_xp(d, "count(//s:g[@class='series'][2]/s:rect)", "3");
	/* Every value written beside its point; the legend names both. */
	assert_xp(d, "//s:g[@class='series'][1]/s:text[2]", "8");
	assert_xp(d, "//s:g[@class='series'][1]/s:text[2]/@y", "55");
	assert_xp(d, "//s:g[@class='series'][2]/s:text[3]", "1");
	assert_xp(d, "//s:g[@class='series'][2]/s:text[3]/@x", "609");
	assert_xp(d, "//s:g[@class='series'][2]/s:text[3]/@y", "231");
	assert_xp(d, "//s:g[@class='legend'][2]/s:text", "B");
	/* The axis: 0, 2, 4, 6, 8 and the years. */
	assert_xp(d, "count(//s:text[.='6'])", "1");
	assert_xp(d, "//s:text[.='8' and @text-anchor='end']/@y", "68");
	assert_xp(d, "count(//s:text[.='2024年'])", "1");
	xmlFreeDoc(d);
	gk_buf_clear(&b);

	/* Axis tops: 13 → steps of 5 (20); 41 → steps of 20 (4 × 10 = 40 < 41), 80; 2000 → 500s. */
	{
		static const int64_t v13[1] = { 13 }, v41[1] = { 41 }, v2000[1] = { 2000 };
		struct gk_svg_series one[1] = { { "n", v13 } };

		gk_buf_init(&b, 0);
		assert_int_equal(gk_svg_lines(&b, "a", "x", X, 1, one, 1), GK_OK);
		d = parse(&b);
		assert_xp(d, "//s:text[@text-anchor='end'][5]", "20");
		/* 13 of 20 over 186 px: 250 - 120 (120.9 cut) = 130. */
		assert_xp(d, "//s:polyline/@points", "332,130");
		xmlFreeDoc(d);
		gk_buf_clear(&b);
		one[0].values = v41;
		gk_buf_init(&b, 0);
		assert_int_equal(gk_svg_lines(&b, "a", "x", X, 1, one, 1), GK_OK);
		d = parse(&b);
		assert_xp(d, "//s:text[@text-anchor='end'][5]", "80");
		xmlFreeDoc(d);
		gk_buf_clear(&b);
		one[0].values = v2000;
		gk_buf_init(&b, 0);
		assert_int_equal(gk_svg_lines(&b, "a", "x", X, 1, one, 1), GK_OK);
		d = parse(&b);
		assert_xp(d, "//s:text[@text-anchor='end'][5]", "2000");
		assert_xp(d, "//s:text[@text-anchor='end'][2]", "500");
		xmlFreeDoc(d);
		gk_buf_clear(&b);
	}

	/* Nothing to draw is refused; a single year and all zeros still draw. */
	gk_buf_init(&b, 0);
	assert_int_equal(gk_svg_lines(&b, "t", "x", X, 0, s, 2), GK_EINVAL);
	assert_int_equal(gk_svg_lines(&b, "t", "x", X, 1, s + 1, 1), GK_OK);
	d = parse(&b);
	assert_xp(d, "//s:polyline/@points", "332,250");
	assert_xp(d, "//s:text[@text-anchor='end'][5]", "4");
	xmlFreeDoc(d);
	gk_buf_clear(&b);
}

static void
test_table_and_hostile(void **state)
{
	static const char *const hx[2] = { "<b>x</b>", "a&b" };
	static const int64_t hv[2] = { 1, 2 };
	struct gk_svg_series	s[1] = { { "\"><script>alert(1)</script>", hv } };
	struct gk_buf		b;
	xmlDocPtr		d;

	(void)state;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_svg_table(&b, "数据表", "项目", X, 3, (struct gk_svg_series[]){
	    { "A", VA }, { "B", VB } }, 2), GK_OK);
	d = parse(&b);
	assert_xp(d, "/table/caption", "数据表");
	assert_xp(d, "/table/thead/tr/th[1]", "项目");
	assert_xp(d, "/table/thead/tr/th[3]/@scope", "col");
	assert_xp(d, "/table/tbody/tr[1]/th[@scope='row']", "A");
	assert_xp(d, "/table/tbody/tr[1]/td[2]", "8");
	assert_xp(d, "/table/tbody/tr[2]/td[3]", "1");
	xmlFreeDoc(d);
	gk_buf_clear(&b);

	/* A bar chart's table: one row. */
	gk_buf_init(&b, 0);
	assert_int_equal(gk_svg_bars_table(&b, "按月份", "信息（条）", X, VA, 3), GK_OK);
	d = parse(&b);
	assert_xp(d, "/table/caption", "数据表：按月份");
	assert_xp(d, "count(/table/tbody/tr)", "1");
	assert_xp(d, "/table/tbody/tr/th", "信息（条）");
	assert_xp(d, "/table/tbody/tr/td[3]", "5");
	xmlFreeDoc(d);
	gk_buf_clear(&b);

	/* Hostile names and labels are text in both. */
	gk_buf_init(&b, 0);
	assert_int_equal(gk_svg_lines(&b, "h", "<i>t</i>", hx, 2, s, 1), GK_OK);
	assert_null(strstr(b.data, "<script"));
	assert_null(strstr(b.data, "<b>"));
	d = parse(&b);
	assert_xp(d, "/s:svg/s:title", "<i>t</i>");
	assert_xp(d, "//s:g[@class='legend']/s:text", "\"><script>alert(1)</script>");
	assert_xp(d, "count(//s:text[.='<b>x</b>'])", "1");
	xmlFreeDoc(d);
	gk_buf_clear(&b);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_svg_table(&b, "<t>", "&", hx, 2, s, 1), GK_OK);
	assert_null(strstr(b.data, "<script"));
	d = parse(&b);
	assert_xp(d, "/table/tbody/tr/th", "\"><script>alert(1)</script>");
	xmlFreeDoc(d);
	gk_buf_clear(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_lines),
	cmocka_unit_test(test_table_and_hostile),
};

GK_TEST_MAIN("report_charts", tests)
