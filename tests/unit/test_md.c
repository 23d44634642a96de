/*
 * test_md.c — the Markdown rendering of the annual report: exact lines of
 * the title, headings and pipe tables written by hand from the template,
 * escaping of characters that would change Markdown meaning, the shape of
 * every table row as the text reader splits it, and the round trip through
 * gk_report_read(…, GK_FMT_MD, …) for the seed and for random models.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "report/report_io.h"

#define M	GK_NUM_SCALE

static char *
render_md(const struct gk_report *r)
{
	struct gk_buf	 b;
	char		*s;

	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_md(r, &b), GK_OK);
	s = gk_buf_take(&b, NULL);
	assert_non_null(s);
	return s;
}

/* Whether text has line as one whole line. */
static int
has_line(const char *text, const char *line)
{
	size_t		 n = strlen(line);
	const char	*p = text;

	while ((p = strstr(p, line)) != NULL) {
		if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0'))
			return 1;
		p++;
	}
	return 0;
}

static void
expect_line(const char *text, const char *line)
{
	if (!has_line(text, line))
		fail_msg("missing line: %s\n--- in ---\n%s", line, text);
}

static void
seed_model(struct gk_report *r)
{
	assert_int_equal(gk_test_seed_model(r), GK_OK);
}

static void
test_seed_lines(void **state)
{
	struct gk_report	 r;
	char			*s;

	(void)state;
	seed_model(&r);
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_NATURAL], 3);
	gk_cell_set_int(&r.s3[GK_S3_NEW][GK_S3_ALL], 3);
	s = render_md(&r);
	assert_true(strncmp(s, "# 盐边县经济合作和商务局2025年政府信息公开工作年度报告\n\n## 一、总体情况\n\n"
	    "(一) 主动公开方面\n\n公开内容全面覆盖。", 150) == 0);
	assert_true(s[strlen(s) - 1] == '\n' && s[strlen(s) - 2] != '\n');
	expect_line(s, "## 二、主动公开政府信息情况");
	expect_line(s, "## 三、收到和处理政府信息公开申请情况");
	expect_line(s, "## 四、政府信息公开行政复议、行政诉讼情况");
	expect_line(s, "## 五、存在的主要问题及改进情况");
	expect_line(s, "## 六、其他需要报告的事项");
	expect_line(s, "本年度未收取信息处理费，且无其他需要报告的事项。");
	/* A '*' that starts emphasis, not a list, is left alone. */
	expect_line(s, "主要问题：公开内容深度不足。**公开渠道协同性不强。**门户网站、微信公众号等平台信息更新不同步。");
	/* Section 二: caption row, separator, header, rows. */
	assert_non_null(strstr(s, "| 第二十条第（一）项 |  |  |  |\n|---|---|---|---|\n"
	    "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n| 规章 | 0 | 0 | 0 |\n"
	    "| 行政规范性文件 | 0 | 0 | 0 |\n\n"));
	assert_non_null(strstr(s, "| 第二十条第（八）项 |  |\n|---|---|\n"
	    "| 信息内容 | 本年收费金额（单位：万元） |\n| 行政事业性收费 | 0 |\n"));
	assert_null(strstr(s, "第二十条第（九）项"));
	/* Section 三 */
	expect_line(s, "| (本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和) |  |  | 申请人情况 |  |  |  |  |  | 总计 |");
	expect_line(s, "|---|---|---|---|---|---|---|---|---|---|");
	expect_line(s, "|  |  |  | 自然人 | 法人或其他组织 |  |  |  |  |  |");
	expect_line(s, "|  |  |  |  | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 |  |");
	expect_line(s, "| 一、本年新收政府信息公开申请数量 |  |  | 3 | 0 | 0 | 0 | 0 | 0 | 3 |");
	expect_line(s, "| 二、上年结转政府信息公开申请数量 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "| 三、本年度办理结果 | (一) 予以公开 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "|  | (三) 不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "|  |  | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "|  | (六) 其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "|  |  | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "|  | (七) 总计 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "| 四、结转下年度继续办理 |  |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	/* Group labels never stand on a row of their own when they hold no values. */
	assert_false(has_line(s, "|  | (三) 不予公开 |  | 0 | 0 | 0 | 0 | 0 | 0 | 0 |"));
	/* Section 四 */
	expect_line(s, "| 行政复议 |  |  |  |  | 行政诉讼 |  |  |  |  |  |  |  |  |  |");
	expect_line(s, "| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 |  |  |  |  | 复议后起诉 |  |  |  |  |");
	expect_line(s, "|  |  |  |  |  | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |");
	expect_line(s, "| 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	free(s);
	gk_report_clear(&r);
}

static void
test_2019_lines(void **state)
{
	struct gk_report	 r;
	char			*s;

	(void)state;
	gk_report_init(&r, GK_TPL_2019);
	r.year = 2020;
	snprintf(r.agency, sizeof(r.agency), "%s", "某市生态环境局");
	gk_cell_set_text(&r.s2[GK_S2_19_LICENSE_DELTA], GK_CELL_TEXT, "未增未减");
	gk_cell_set_blank(&r.s2[GK_S2_19_LICENSE_DECISIONS]);
	gk_cell_set_num(&r.s2[GK_S2_19_PROCUREMENT_AMOUNT], 251000 * M);
	snprintf(r.s2[GK_S2_19_PROCUREMENT_AMOUNT].text, GK_CELL_TEXT_MAX, "%s", "元");
	gk_cell_set_int(&r.s3[GK_S3_OTHER][GK_S3_NATURAL], 1);
	gk_cell_set_int(&r.s3[GK_S3_DENY][GK_S3_ALL], 2);	/* a written subtotal */
	gk_cell_set_num(&r.s4[GK_S4_RECON][GK_S4_UPHELD], 1500000);
	s = render_md(&r);
	assert_true(strncmp(s, "# 某市生态环境局2020年政府信息公开工作年度报告\n\n## 二、", 70) == 0);
	assert_null(strstr(s, "## 一、"));
	assert_null(strstr(s, "## 五、"));
	expect_line(s, "| 信息内容 | 上一年项目数量 | 本年增/减 | 处理决定数量 |");
	expect_line(s, "| 行政许可 | 0 | 未增未减 |  |");
	expect_line(s, "| 第二十条第（九）项 |  |  |");
	expect_line(s, "| 政府集中采购 | 0 | 251000元 |");
	expect_line(s, "|  | (六) 其他处理 |  | 1 | 0 | 0 | 0 | 0 | 0 | 0 |");
	assert_null(strstr(s, "3.其他"));
	/* The subtotal row carries its label; the first leaf then does not. */
	expect_line(s, "|  | (三) 不予公开 |  |  |  |  |  |  |  | 2 |");
	expect_line(s, "|  |  | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	expect_line(s, "| 1.5 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |");
	free(s);
	gk_report_clear(&r);
}

static void
test_escaping(void **state)
{
	struct gk_report	 r;
	char			*s;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	snprintf(r.agency, sizeof(r.agency), "%s", "某局");
	assert_int_equal(gk_report_set_narr(&r, GK_NARR_OVERVIEW,
	    "|以竖线开头| 的段落\n\n# 井号开头\n\n#话题\n\n> 引用样式\n\n- 列表样式\n\n* 星号\n\n"
	    "+ 加号\n\n---\n\n1. 第一条\n\n12) 第二条\n\n1.属于国家秘密\n\n-5%的变化\n\n"
	    "```代码\n\n<p>标签\n\n<<条例>>\n\n中间的 | 竖线与 # 井号\n\n  前后空白　\n\n含\t制表符和  多个空格  5 件"), GK_OK);
	gk_cell_set_text(&r.s3[GK_S3_NEW][GK_S3_NATURAL], GK_CELL_UNREADABLE, "a|b");
	gk_cell_set_text(&r.s3[GK_S3_NEW][GK_S3_BUSINESS], GK_CELL_UNREADABLE, "x\ny");
	s = render_md(&r);
	assert_true(strncmp(s, "# 某局政府信息公开工作年度报告\n\n", 40) == 0);
	expect_line(s, "\\|以竖线开头| 的段落");
	expect_line(s, "\\# 井号开头");
	expect_line(s, "\\#话题");
	expect_line(s, "\\> 引用样式");
	expect_line(s, "\\- 列表样式");
	expect_line(s, "\\* 星号");
	expect_line(s, "\\+ 加号");
	expect_line(s, "\\---");
	expect_line(s, "1\\. 第一条");
	expect_line(s, "12\\) 第二条");
	expect_line(s, "1.属于国家秘密");
	expect_line(s, "-5%的变化");
	expect_line(s, "\\```代码");
	expect_line(s, "\\<p>标签");
	expect_line(s, "<<条例>>");
	expect_line(s, "中间的 | 竖线与 # 井号");
	expect_line(s, "前后空白");
	expect_line(s, "含 制表符和 多个空格 5 件");
	expect_line(s, "| 一、本年新收政府信息公开申请数量 |  |  | a\\|b | x y | 0 | 0 | 0 | 0 | 0 |");
	free(s);
	gk_report_clear(&r);
}

/*
 * Splits every pipe row as the text reader does (unescaped '|', outer empty
 * fields dropped, "\|" unescaped, separator rows skipped) and checks that all
 * rows of one table have the same number of cells, n[k] for the k-th table.
 */
static void
check_tables(const char *s, const int *want, int nwant)
{
	const char	*p = s, *nl;
	int		 table = -1, in = 0, cells, cols = 0;

	for (; *p != '\0'; p = nl + 1) {
		nl = strchr(p, '\n');
		assert_non_null(nl);
		if (*p != '|') {
			in = 0;
			continue;
		}
		if (strncmp(p, "|---|", 5) == 0)
			continue;
		cells = 0;
		for (const char *q = p + 1; q < nl; q++)
			if (*q == '|' && q[-1] != '\\')
				cells++;
		assert_true(nl[-1] == '|');
		if (!in) {
			table++;
			in = 1;
			assert_true(table < nwant);
			cols = want[table];
		}
		if (cells != cols)
			fail_msg("table %d: %d cells, want %d: %.*s", table, cells, cols,
			    (int)(nl - p), p);
	}
	assert_int_equal(table + 1, nwant);
}

static void
test_table_shapes(void **state)
{
	static const int t21[] = { 4, 2, 2, 2, 10, 15 };
	static const int t19[] = { 4, 4, 4, 3, 3, 10, 15 };
	struct gk_report	 r;
	char			*s;

	(void)state;
	seed_model(&r);
	s = render_md(&r);
	check_tables(s, t21, 6);
	free(s);
	gk_report_clear(&r);
	gk_report_init(&r, GK_TPL_2019);
	s = render_md(&r);
	check_tables(s, t19, 7);
	free(s);
	gk_report_clear(&r);
}

/* Names the first difference between two models (for failure messages). */
static void
expect_roundtrip(const struct gk_report *a, const char *what)
{
	char diff[512];

	struct gk_report	 b;
	char			*s, err[512];

	s = render_md(a);
	if (gk_report_read(s, strlen(s), GK_FMT_MD, &b, err, sizeof(err)) != GK_OK)
		fail_msg("%s: %s\n%s", what, err, s);
	if (!gk_report_equal(a, &b)) {
		gk_test_report_diff(a, &b, diff, sizeof(diff));
		fail_msg("%s: the model differs after the Markdown round trip: %s", what, diff);
	}
	gk_report_clear(&b);
	free(s);
}

static void
test_seed_roundtrip(void **state)
{
	struct gk_report r;

	(void)state;
	seed_model(&r);
	expect_roundtrip(&r, "seed");
	/* Leading characters the text reader unescapes. */
	assert_int_equal(gk_report_set_narr(&r, GK_NARR_OTHER,
	    "|竖线\n\n# 井号\n\n> 引用\n\n- 列表\n\n* 星号\n\n+ 加号\n\n---\n\n```代码"), GK_OK);
	expect_roundtrip(&r, "escapes");
	gk_report_clear(&r);
}

/*
 * Random models of both templates: counts, totals, and sometimes odd cells.
 * Words such as 未增未减 are values only in a DELTA cell (2019 本年增/减);
 * elsewhere a reader rightly takes them as unreadable.
 */
static void
random_cell(struct gk_cell *c, enum gk_kind kind, uint64_t *rng, int odd_rate)
{
	static const char *const units[] = { "元", "万元" };
	static const char *const texts[] = { "未增未减", "持平", "无变化" };
	static const char *const bad[] = { "—", "/", "无", "约3件", "a|b" };
	uint64_t x = gk_test_rand(rng);

	if (c->state == GK_CELL_ABSENT)
		return;
	if ((int)(x % 100) >= odd_rate) {
		gk_cell_set_int(c, (int64_t)(gk_test_rand(rng) % 1000));
		return;
	}
	switch ((x >> 8) % 5) {
	case 0:
		gk_cell_set_blank(c);
		break;
	case 1:
		if (kind == GK_KIND_DELTA)
			gk_cell_set_text(c, GK_CELL_TEXT, texts[(x >> 16) % 3]);
		else
			gk_cell_set_text(c, GK_CELL_UNREADABLE, texts[(x >> 16) % 3]);
		break;
	case 2:
		gk_cell_set_text(c, GK_CELL_UNREADABLE, bad[(x >> 16) % 5]);
		break;
	case 3:
		gk_cell_set_num(c, (int64_t)(gk_test_rand(rng) % 100000000ULL) * 10);
		break;
	default:
		gk_cell_set_num(c, (int64_t)(gk_test_rand(rng) % 100000ULL) * 10000);
		snprintf(c->text, sizeof(c->text), "%s", units[(x >> 16) % 2]);
		break;
	}
}

static void
random_model(struct gk_report *r, uint64_t *rng)
{
	static const char *const agencies[] = { "盐边县经济合作和商务局", "某市人民政府办公室", "某省教育厅" };
	static const char *const paras[] = { "第一段。", "（一）主动公开方面", "# 井号开头",
	    "|竖线开头|", "2025年共收到申请0件。", "主动公开信息 13 条。", "- 列表样式", "公开渠道多元拓展。" };
	char	 text[512];
	size_t	 len;
	int	 i, j, k, odd;

	gk_report_init(r, (enum gk_tpl)(gk_test_rand(rng) % 2));
	r->year = 2008 + (int)(gk_test_rand(rng) % 30);
	snprintf(r->agency, sizeof(r->agency), "%s", agencies[gk_test_rand(rng) % 3]);
	for (i = 0; i < GK_NARR__MAX; i++) {
		if (gk_test_rand(rng) % 4 == 0)
			continue;
		len = 0;
		text[0] = '\0';
		k = 1 + (int)(gk_test_rand(rng) % 4);
		for (j = 0; j < k; j++)
			len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s",
			    j ? "\n\n" : "", paras[gk_test_rand(rng) % 8]);
		assert_int_equal(gk_report_set_narr(r, (enum gk_narr)i, text), GK_OK);
	}
	odd = gk_test_rand(rng) % 3 == 0 ? 20 : 0;
	for (i = 0; i < GK_S2__MAX; i++)
		random_cell(&r->s2[i], gk_s2_kind((enum gk_s2)i), rng, odd);
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			random_cell(&r->s3[i][j], GK_KIND_COUNT, rng, odd);
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			random_cell(&r->s4[i][j], GK_KIND_COUNT, rng, odd);
	gk_report_fill_totals(r);
}

static void
test_property_roundtrip(void **state)
{
	struct gk_report	 r;
	uint64_t		 rng;
	char			 what[32];
	int			 seed;

	(void)state;
	for (seed = 1; seed <= 1000; seed++) {
		rng = (uint64_t)seed * 0xD1B54A32D192ED03ULL;
		random_model(&r, &rng);
		snprintf(what, sizeof(what), "seed %d", seed);
		expect_roundtrip(&r, what);
		gk_report_clear(&r);
	}
}

static void
test_out_of_memory(void **state)
{
	struct gk_report	 r;
	struct gk_buf		 b;
	enum gk_err		 e;
	long			 k;

	(void)state;
	seed_model(&r);
	for (k = 0; k < 20; k++) {
		gk_buf_init(&b, 0);
		gk_mem_fail_after(k);
		e = gk_render_md(&r, &b);
		gk_mem_fail_reset();
		assert_true(e == GK_OK || e == GK_ENOMEM);
		gk_buf_clear(&b);
	}
	/* A buffer too small for the report: ELIMIT, not a cut report. */
	gk_buf_init(&b, 1000);
	assert_int_equal(gk_render_md(&r, &b), GK_ELIMIT);
	gk_buf_clear(&b);
	gk_report_clear(&r);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_seed_lines),
	cmocka_unit_test(test_2019_lines),
	cmocka_unit_test(test_escaping),
	cmocka_unit_test(test_table_shapes),
	cmocka_unit_test(test_seed_roundtrip),
	cmocka_unit_test(test_property_roundtrip),
	cmocka_unit_test(test_out_of_memory),
};

GK_TEST_MAIN("md", tests)
