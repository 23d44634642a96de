/*
 * test_letter.c — the answer letter: every outcome renders in Markdown and
 * HTML with the articles of its legal basis (those of apply_outcomes[]) and
 * the remedy sentence; the wording variants (主动公开, 不掌握 with or
 * without the responsible agency, fees, 编号, 您/贵单位); hostile input is
 * escaped; missing required fields and personal numbers are refused with
 * a message naming the field, and nothing is written.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/date.h"
#include "core/letter.h"

static int32_t
D(const char *s)
{
	int32_t d;

	if (gk_date_parse(s, strlen(s), &d) != GK_OK)
		fail_msg("bad date in test: %s", s);
	return d;
}

/* A complete letter for outcome o: every field an outcome may need is set. */
static void
base(struct letter *l, enum apply_outcome o)
{
	memset(l, 0, sizeof(*l));
	l->agency.name = "盐边县经济合作和商务局";
	l->agency.office = "局办公室";
	l->agency.address = "盐边县桐子林镇新华街1号";
	l->agency.postcode = "617100";
	l->agency.phone = "0812-8888888";
	l->agency.email = "ybjhj@example.cn";
	l->agency.review_body = "盐边县人民政府";
	l->tracking = "K7Q2-9XMP";
	l->applicant = "张三";
	l->applicant_type = APPLY_AP_NATURAL;
	l->received = D("2025-02-10");
	l->request = "2024年度招商引资项目清单";
	l->outcome = o;
	l->answered = D("2025-03-05");
	l->part = "项目名称、投资额";
	l->reasons = "涉及企业商业秘密的内容已作区分处理";
	l->number = 7;
}

static char *
render(const struct letter *l, enum letter_format f)
{
	struct gk_buf b;
	char err[512];

	gk_buf_init(&b, 0);
	if (letter_render(l, f, &b, err, sizeof(err)) != GK_OK)
		fail_msg("outcome %d: %s", (int)l->outcome, err);
	return gk_buf_take(&b, NULL);
}

static void
has(const char *text, const char *want)
{
	if (strstr(text, want) == NULL)
		fail_msg("missing \"%s\" in:\n%s", want, text);
}

static void
lacks(const char *text, const char *bad)
{
	if (strstr(text, bad) != NULL)
		fail_msg("unexpected \"%s\" in:\n%s", bad, text);
}

/* Every article (第…条) named in the outcome's basis appears in the letter. */
static void
has_basis(const char *text, enum apply_outcome o)
{
	static const char numerals[] = "一二三四五六七八九十百";
	const char *basis = apply_outcomes[o].basis, *p = basis, *q;
	char art[64];
	int n = 0;

	while ((p = strstr(p, "第")) != NULL) {
		for (q = p + 3; *q != '\0' && memcmp(q, "条", 3) != 0; q += 3)
			if (q[0] == '\0' || q[1] == '\0' || q[2] == '\0' ||
			    strstr(numerals, (char[]){ q[0], q[1], q[2], 0 }) == NULL)
				break;
		if (*q != '\0' && memcmp(q, "条", 3) == 0 && q > p + 3) {
			memcpy(art, p, (size_t)(q + 3 - p));
			art[q + 3 - p] = '\0';
			has(text, art);
			n++;
		}
		p += 3;
	}
	if (strstr(basis, "国办函〔2020〕109号") != NULL)
		has(text, "国办函〔2020〕109号");
	/* Only 其他处理 3 rests on the report template alone. */
	if (o != APPLY_OUT_OTHER_MISC && n == 0)
		fail_msg("no article found in the basis of %s", apply_outcomes[o].id);
	if (n > 0)
		has(text, "《条例》");
}

static void
test_every_outcome(void **state)
{
	struct letter l;
	char *md, *html;
	int o;

	(void)state;
	for (o = 0; o < APPLY_OUT__MAX; o++) {
		base(&l, (enum apply_outcome)o);
		md = render(&l, LETTER_MD);
		html = render(&l, LETTER_HTML);
		has(md, "# 政府信息公开申请答复告知书\n");
		has(md, "〔2025〕第7号");
		has(md, "\n张三：\n");
		has(md, "本机关于2025年2月10日收到您提交的政府信息公开申请（申请编号：K7Q2-9XMP）");
		has(md, "“2024年度招商引资项目清单”");
		has(md, "《中华人民共和国政府信息公开条例》（以下简称《条例》）");
		has_basis(md, (enum apply_outcome)o);
		has_basis(html, (enum apply_outcome)o);
		/* The remedy, with its legal basis. */
		has(md, "可以自收到本告知书之日起六十日内向盐边县人民政府申请行政复议，也可以自收到本告知书"
		    "之日起六个月内向人民法院提起行政诉讼（《中华人民共和国行政复议法》第二十条、"
		    "《中华人民共和国行政诉讼法》第四十六条）。");
		has(html, "六十日内向盐边县人民政府申请行政复议");
		has(md, "联系机构：局办公室；地址：盐边县桐子林镇新华街1号；邮政编码：617100；"
		    "联系电话：0812-8888888；电子邮箱：ybjhj@example.cn。");
		has(md, "\n盐边县经济合作和商务局\n\n2025年3月5日\n");
		has(html, "<p class=\"gk-sign\">盐边县经济合作和商务局</p>\n"
		    "<p class=\"gk-date\">2025年3月5日</p>\n");
		has(html, "<h1>政府信息公开申请答复告知书</h1>");
		has(html, "<!DOCTYPE html>");
		has(html, "</html>\n");
		free(md);
		free(html);
	}
}

static void
test_wording(void **state)
{
	struct letter l;
	char *md;

	(void)state;
	/* 予以公开, provided as an attachment (第三十六条第（二）项). */
	base(&l, APPLY_OUT_OPEN);
	l.reasons = NULL;
	md = render(&l, LETTER_MD);
	has(md, "本机关决定予以公开。根据《条例》第三十六条第（二）项的规定，现向您提供该政府信息（见附件）。");
	lacks(md, "说明：");
	free(md);
	/* ... already disclosed proactively (第三十六条第（一）项). */
	l.proactive = 1;
	l.where = "盐边县人民政府门户网站“政府信息公开”专栏。";
	md = render(&l, LETTER_MD);
	has(md, "已经主动公开。根据《条例》第三十六条第（一）项的规定，现告知您获取该政府信息的方式和途径："
	    "盐边县人民政府门户网站“政府信息公开”专栏。");
	lacks(md, "专栏。。");
	free(md);

	/* 部分公开: which part and why (第三十七条). */
	base(&l, APPLY_OUT_PARTIAL);
	md = render(&l, LETTER_MD);
	has(md, "根据《条例》第三十七条的规定，本机关向您提供可以公开的部分：项目名称、投资额。"
	    "对不予公开的部分，理由如下：涉及企业商业秘密的内容已作区分处理。");
	free(md);

	/* 不予公开 2 names the law in the reasons. */
	base(&l, APPLY_OUT_DENY_LAW);
	l.reasons = "《中华人民共和国统计法》第三十九条";
	md = render(&l, LETTER_MD);
	has(md, "属于法律、行政法规禁止公开的政府信息（《中华人民共和国统计法》第三十九条）。");
	free(md);

	/* 不掌握: with the responsible agency (第（五）项) or not found (第（四）项). */
	base(&l, APPLY_OUT_NA_NOTHELD);
	l.reasons = NULL;
	l.responsible = "盐边县发展和改革局（电话：13800001111）";
	md = render(&l, LETTER_MD);
	has(md, "第三十六条第（五）项的规定，现告知您：负责公开该政府信息的行政机关为盐边县发展和改革局"
	    "（电话：13800001111）。");
	free(md);
	l.responsible = NULL;
	md = render(&l, LETTER_MD);
	has(md, "经检索，本机关没有您申请公开的政府信息。根据《条例》第三十六条第（四）项的规定，"
	    "现告知您该政府信息不存在。");
	free(md);

	/* An organisation is 贵单位; the 编号 from the tracking code. */
	base(&l, APPLY_OUT_NOPROC_REPEAT);
	l.applicant = "攀枝花某某律师事务所";
	l.applicant_type = APPLY_AP_LEGAL;
	l.number = 0;
	l.number_prefix = "盐经商信公";
	md = render(&l, LETTER_MD);
	has(md, "\n攀枝花某某律师事务所：\n");
	has(md, "收到贵单位提交的");
	has(md, "贵单位重复申请公开相同政府信息。根据《条例》第三十六条第（六）项的规定，本机关不予重复处理。");
	has(md, "\n盐经商信公〔2025〕第K7Q2-9XMP号\n");
	lacks(md, "您");
	free(md);

	/* Fees: charged, and not paid. */
	base(&l, APPLY_OUT_OPEN);
	l.fee_fen = 30000;
	md = render(&l, LETTER_MD);
	has(md, "本次申请依照《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）收取信息处理费300元。");
	free(md);
	base(&l, APPLY_OUT_OTHER_NOFEE);
	l.reasons = NULL;
	l.fee_fen = 274000;
	md = render(&l, LETTER_MD);
	has(md, "发出收费通知（应缴信息处理费2740元），您逾期未按收费通知要求缴纳费用，视为放弃申请，"
	    "本机关不再处理该政府信息公开申请。");
	lacks(md, "收取信息处理费");
	free(md);

	/* 其他处理 3 says what happened. */
	base(&l, APPLY_OUT_OTHER_MISC);
	l.reasons = "您已于2025年3月1日书面撤回申请";
	md = render(&l, LETTER_MD);
	has(md, "经办理，您已于2025年3月1日书面撤回申请。本机关对该申请作其他处理。");
	free(md);
}

static void
test_full_markdown(void **state)
{
	struct letter l;
	char *md;

	(void)state;
	base(&l, APPLY_OUT_DENY_SECRET);
	l.reasons = NULL;
	l.agency.office = NULL;
	l.agency.address = NULL;
	l.agency.postcode = NULL;
	l.agency.email = NULL;
	md = render(&l, LETTER_MD);
	assert_string_equal(md,
	    "# 政府信息公开申请答复告知书\n"
	    "\n"
	    "〔2025〕第7号\n"
	    "\n"
	    "张三：\n"
	    "\n"
	    "　　本机关于2025年2月10日收到您提交的政府信息公开申请（申请编号：K7Q2-9XMP），"
	    "您申请公开的内容为：“2024年度招商引资项目清单”。根据《中华人民共和国政府信息公开条例》"
	    "（以下简称《条例》）的规定，现答复如下：\n"
	    "\n"
	    "　　经审查，您申请公开的政府信息属于依法确定为国家秘密的政府信息。根据《条例》第十四条、"
	    "第三十六条第（三）项的规定，本机关决定不予公开。\n"
	    "\n"
	    "　　您如对本答复不服，可以自收到本告知书之日起六十日内向盐边县人民政府申请行政复议，"
	    "也可以自收到本告知书之日起六个月内向人民法院提起行政诉讼（《中华人民共和国行政复议法》"
	    "第二十条、《中华人民共和国行政诉讼法》第四十六条）。\n"
	    "\n"
	    "　　联系电话：0812-8888888。\n"
	    "\n"
	    "盐边县经济合作和商务局\n"
	    "\n"
	    "2025年3月5日\n");
	free(md);
}

static void
test_hostile_input(void **state)
{
	struct letter l;
	char *md, *html;

	(void)state;
	base(&l, APPLY_OUT_PARTIAL);
	l.applicant = "<script>alert('x')</script> & \"李四\"";
	l.request = "第一行\n# 伪造标题\r\n<img src=x onerror=alert(1)>";
	l.part = "[链接](javascript:alert(1))";
	l.agency.review_body = "盐边县人民政府</p><p>";
	html = render(&l, LETTER_HTML);
	lacks(html, "<script>");
	lacks(html, "<img");
	lacks(html, "</p><p>盐");
	has(html, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;李四&quot;：");
	has(html, "&lt;img src=x onerror=alert(1)&gt;");
	has(html, "向盐边县人民政府&lt;/p&gt;&lt;p&gt;申请行政复议");
	md = render(&l, LETTER_MD);
	/* One line per block: the newline in the request cannot start a heading. */
	has(md, "第一行 \\# 伪造标题  \\<img src=x onerror=alert(1)\\>");
	lacks(md, "\n# 伪造");
	has(md, "\\<script\\>alert('x')\\</script\\> \\& \"李四\"：");
	has(md, "\\[链接\\](javascript:alert(1))");
	free(md);
	free(html);

	/* A name that would start a list or a heading in Markdown. */
	base(&l, APPLY_OUT_OPEN);
	l.applicant = "1. 王五";
	l.agency.name = "- 某局";
	md = render(&l, LETTER_MD);
	has(md, "\n1\\. 王五：\n");
	has(md, "\n\\- 某局\n");
	free(md);
}

static void
refused(struct letter *l, enum letter_format f, const char *want)
{
	struct gk_buf b;
	char err[512];

	gk_buf_init(&b, 0);
	gk_buf_puts(&b, "x");
	assert_int_equal(letter_render(l, f, &b, err, sizeof(err)), GK_EINVAL);
	if (strstr(err, want) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, want);
	assert_int_equal(b.len, 1);	/* nothing written */
	gk_buf_clear(&b);
}

static void
test_refusals(void **state)
{
	struct letter l;
	struct gk_buf b;
	char err[128];

	(void)state;
	base(&l, APPLY_OUT_OPEN);
	l.agency.name = NULL;
	refused(&l, LETTER_MD, "缺少必填项：机关名称");
	base(&l, APPLY_OUT_OPEN);
	l.agency.review_body = "  ";
	refused(&l, LETTER_HTML, "缺少必填项：行政复议机关");
	base(&l, APPLY_OUT_OPEN);
	l.tracking = "";
	refused(&l, LETTER_MD, "缺少必填项：申请编号");
	base(&l, APPLY_OUT_OPEN);
	l.applicant = "\n";
	refused(&l, LETTER_MD, "缺少必填项：申请人姓名或名称");
	base(&l, APPLY_OUT_OPEN);
	l.request = NULL;
	refused(&l, LETTER_MD, "缺少必填项：申请内容");
	base(&l, APPLY_OUT_OPEN);
	l.received = GK_DATE_NONE;
	refused(&l, LETTER_MD, "缺少必填项：收到申请日期");
	base(&l, APPLY_OUT_OPEN);
	l.answered = GK_DATE_NONE;
	refused(&l, LETTER_MD, "缺少必填项：答复日期");
	base(&l, APPLY_OUT_OPEN);
	l.answered = D("2025-02-09");
	refused(&l, LETTER_MD, "答复日期早于收到申请日期");
	base(&l, APPLY_OUT_OPEN);
	l.proactive = 1;
	refused(&l, LETTER_MD, "缺少必填项：获取方式、途径");
	base(&l, APPLY_OUT_PARTIAL);
	l.part = NULL;
	refused(&l, LETTER_MD, "缺少必填项：公开部分");
	base(&l, APPLY_OUT_PARTIAL);
	l.reasons = NULL;
	refused(&l, LETTER_MD, "缺少必填项：理由");
	base(&l, APPLY_OUT_DENY_LAW);
	l.reasons = "";
	refused(&l, LETTER_MD, "缺少必填项：理由");
	base(&l, APPLY_OUT_OTHER_MISC);
	l.reasons = NULL;
	refused(&l, LETTER_MD, "缺少必填项：理由");
	base(&l, (enum apply_outcome)APPLY_OUT__MAX);
	refused(&l, LETTER_MD, "办理结果无效");
	base(&l, APPLY_OUT_OPEN);
	l.applicant_type = (enum apply_applicant)99;
	refused(&l, LETTER_MD, "申请人类型无效");
	base(&l, APPLY_OUT_OPEN);
	refused(&l, (enum letter_format)5, "输出格式无效");
	base(&l, APPLY_OUT_OPEN);
	l.fee_fen = -1;
	refused(&l, LETTER_MD, "信息处理费不能为负数");
	base(&l, APPLY_OUT_OPEN);
	l.number = -3;
	refused(&l, LETTER_MD, "编号无效");
	base(&l, APPLY_OUT_OPEN);
	l.request = "\xff\xfe";
	refused(&l, LETTER_MD, "申请内容不是有效的 UTF-8 文本");

	/* The applicant's ID number or phone never reaches the letter. */
	base(&l, APPLY_OUT_OPEN);
	l.request = "本人（身份证号11010519491231002X）的补贴发放记录";
	refused(&l, LETTER_MD, "申请内容中含有身份证号、手机号或银行卡号");
	base(&l, APPLY_OUT_PARTIAL);
	l.reasons = "已电话联系申请人13812345678";
	refused(&l, LETTER_HTML, "理由中含有身份证号、手机号或银行卡号");
	base(&l, APPLY_OUT_OPEN);
	l.applicant = "张三 11010519491231002X";
	refused(&l, LETTER_MD, "申请人姓名或名称中含有");

	/* A string too long. */
	{
		char *big = malloc(LETTER_TEXT_MAX + 2);

		assert_non_null(big);
		memset(big, 'a', LETTER_TEXT_MAX + 1);
		big[LETTER_TEXT_MAX + 1] = '\0';
		base(&l, APPLY_OUT_OPEN);
		l.request = big;
		refused(&l, LETTER_MD, "申请内容过长");
		free(big);
	}

	gk_buf_init(&b, 0);
	assert_int_equal(letter_render(NULL, LETTER_MD, &b, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(b.len, 0);
	gk_buf_clear(&b);
}

static void
test_date_cn(void **state)
{
	char buf[32];

	(void)state;
	letter_date_cn(D("2025-03-05"), buf, sizeof(buf));
	assert_string_equal(buf, "2025年3月5日");
	letter_date_cn(D("2026-12-31"), buf, sizeof(buf));
	assert_string_equal(buf, "2026年12月31日");
	letter_date_cn(GK_DATE_NONE, buf, sizeof(buf));
	assert_string_equal(buf, "-");
}

static void
test_out_of_memory(void **state)
{
	struct letter l;
	struct gk_buf b;
	char err[256];
	enum gk_err e;
	long n;

	(void)state;
	base(&l, APPLY_OUT_PARTIAL);
	/* Fail the n-th allocation for each n until the letter renders. */
	for (n = 0; n < 200; n++) {
		gk_buf_init(&b, 0);
		gk_mem_fail_after(n);
		e = letter_render(&l, LETTER_HTML, &b, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK) {
			gk_buf_clear(&b);
			break;
		}
		assert_int_equal(e, GK_ENOMEM);
		assert_int_equal(b.len, 0);
		gk_buf_clear(&b);
	}
	assert_true(n < 200);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_every_outcome),
	cmocka_unit_test(test_wording),
	cmocka_unit_test(test_full_markdown),
	cmocka_unit_test(test_hostile_input),
	cmocka_unit_test(test_refusals),
	cmocka_unit_test(test_date_cn),
	cmocka_unit_test(test_out_of_memory),
};

GK_TEST_MAIN("letter", tests)
