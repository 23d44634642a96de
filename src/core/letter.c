/*
 * letter.c — the answer letter (政府信息公开申请答复告知书): the letter is
 * built once as a list of blocks of plain text (template words and the
 * caller's strings, flattened to one line each), then written as Markdown
 * or HTML with every block escaped for that format. The wording per
 * outcome follows 条例第三十六条 to 第四十二条 (docs/letters.md).
 */
#include <stdio.h>
#include <string.h>

#include "core/date.h"
#include "core/escape.h"
#include "core/fee.h"
#include "core/letter.h"
#include "core/scan.h"

#define TITLE	"政府信息公开申请答复告知书"
#define REG	"《中华人民共和国政府信息公开条例》"
#define FEE_REG	"《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）"

enum blk_kind { BLK_TITLE, BLK_NUMBER, BLK_TO, BLK_BODY, BLK_SIGN, BLK_DATE };

#define BLK_MAX	12

struct blocks {
	enum blk_kind	 kind[BLK_MAX];
	struct gk_buf	 text[BLK_MAX];
	size_t		 n;
};

void
letter_date_cn(int32_t d, char *buf, size_t len)
{
	int y, m, dd;

	if (d == GK_DATE_NONE) {
		snprintf(buf, len, "-");
		return;
	}
	gk_date_ymd(d, &y, &m, &dd);
	snprintf(buf, len, "%d年%d月%d日", y, m, dd);
}

static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return 0;
	return 1;
}

/*
 * Appends a caller string as one line: CR, LF and tab become a space,
 * surrounding white space and a final "。" are dropped (the template
 * supplies the punctuation).
 */
static void
put_user(struct gk_buf *b, const char *s)
{
	size_t len, i;

	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	len = strlen(s);
	for (;;) {
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r' || s[len - 1] == '\n'))
			len--;
		if (len >= 3 && memcmp(s + len - 3, "。", 3) == 0)
			len -= 3;
		else
			break;
	}
	for (i = 0; i < len; i++)
		gk_buf_putc(b, s[i] == '\r' || s[i] == '\n' || s[i] == '\t' ? ' ' : s[i]);
}

static struct gk_buf *
blk_add(struct blocks *bl, enum blk_kind k)
{
	struct gk_buf *b = &bl->text[bl->n];

	/* The layout below never adds more than BLK_MAX blocks. */
	bl->kind[bl->n++] = k;
	gk_buf_init(b, 0);
	return b;
}

static void
blocks_clear(struct blocks *bl)
{
	size_t i;

	for (i = 0; i < bl->n; i++)
		gk_buf_clear(&bl->text[i]);
	bl->n = 0;
}

/* Checks one caller string: required, UTF-8, length, no personal numbers. */
static enum gk_err
check_text(const char *s, const char *field, int required, int allow_mobile,
    char *err, size_t errlen)
{
	struct scan_findings f;
	size_t len;
	int bad;

	if (blank(s)) {
		if (!required)
			return GK_OK;
		snprintf(err, errlen, "缺少必填项：%s", field);
		return GK_EINVAL;
	}
	len = strlen(s);
	if (len > LETTER_TEXT_MAX) {
		snprintf(err, errlen, "%s过长（最多 %d 字节）", field, LETTER_TEXT_MAX);
		return GK_EINVAL;
	}
	if (gk_utf8_check(s, len) != len) {
		snprintf(err, errlen, "%s不是有效的 UTF-8 文本", field);
		return GK_EINVAL;
	}
	scan_findings_init(&f);
	if (scan_text(s, len, &f) != GK_OK) {
		snprintf(err, errlen, "%s", gk_strerror(GK_ENOMEM));
		return GK_ENOMEM;
	}
	bad = scan_findings_count(&f, SCAN_ID18) + scan_findings_count(&f, SCAN_ID15) +
	    scan_findings_count(&f, SCAN_BANKCARD) +
	    (allow_mobile ? 0 : scan_findings_count(&f, SCAN_MOBILE)) > 0;
	scan_findings_clear(&f);
	if (bad) {
		snprintf(err, errlen, "%s中含有身份证号、手机号或银行卡号：告知书不载有申请人的"
		    "身份证号码和联系电话，请删除后重试", field);
		return GK_EINVAL;
	}
	return GK_OK;
}

static int
date_ok(int32_t d)
{
	int32_t lo, hi;

	gk_date_from_ymd(1, 1, 1, &lo);
	gk_date_from_ymd(9999, 12, 31, &hi);
	return d != GK_DATE_NONE && d >= lo && d <= hi;
}

static enum gk_err
check_letter(const struct letter *l, enum letter_format fmt, char *err, size_t errlen)
{
	const struct letter_agency *a = &l->agency;
	enum apply_outcome o = l->outcome;
	enum gk_err e;

	if ((unsigned)fmt >= LETTER_FORMAT__MAX) {
		snprintf(err, errlen, "输出格式无效");
		return GK_EINVAL;
	}
	if ((unsigned)o >= APPLY_OUT__MAX) {
		snprintf(err, errlen, "办理结果无效：不在年度报告所列情形之内");
		return GK_EINVAL;
	}
	if ((unsigned)l->applicant_type >= APPLY_AP__MAX) {
		snprintf(err, errlen, "申请人类型无效");
		return GK_EINVAL;
	}
#define CHECK(s, field, req, mob) \
	if ((e = check_text((s), (field), (req), (mob), err, errlen)) != GK_OK) return e
	CHECK(a->name, "机关名称", 1, 1);
	CHECK(a->review_body, "行政复议机关", 1, 1);
	CHECK(a->office, "政府信息公开工作机构", 0, 1);
	CHECK(a->address, "机关地址", 0, 1);
	CHECK(a->postcode, "邮政编码", 0, 1);
	CHECK(a->phone, "联系电话", 0, 1);
	CHECK(a->email, "电子邮箱", 0, 1);
	CHECK(l->number_prefix, "文号前缀", 0, 1);
	CHECK(l->tracking, "申请编号", 1, 0);
	CHECK(l->applicant, "申请人姓名或名称", 1, 0);
	CHECK(l->request, "申请内容", 1, 0);
	CHECK(l->part, "公开部分", o == APPLY_OUT_PARTIAL, 0);
	CHECK(l->reasons, "理由", o == APPLY_OUT_PARTIAL || o == APPLY_OUT_DENY_LAW ||
	    o == APPLY_OUT_OTHER_MISC, 0);
	CHECK(l->where, "获取方式、途径", o == APPLY_OUT_OPEN && l->proactive, 0);
	/* The responsible agency's contacts may well be a phone number. */
	CHECK(l->responsible, "负责公开的行政机关", 0, 1);
#undef CHECK
	if (l->number < 0) {
		snprintf(err, errlen, "告知书编号无效：应为正整数");
		return GK_EINVAL;
	}
	if (!date_ok(l->received)) {
		snprintf(err, errlen, "缺少必填项：收到申请日期");
		return GK_EINVAL;
	}
	if (!date_ok(l->answered)) {
		snprintf(err, errlen, "缺少必填项：答复日期");
		return GK_EINVAL;
	}
	if (l->answered < l->received) {
		snprintf(err, errlen, "答复日期早于收到申请日期");
		return GK_EINVAL;
	}
	if (l->fee_fen < 0) {
		snprintf(err, errlen, "信息处理费不能为负数");
		return GK_EINVAL;
	}
	return GK_OK;
}

/* The optional further explanation: "说明：…。" */
static void
put_note(struct gk_buf *b, const char *reasons)
{
	if (!blank(reasons)) {
		gk_buf_puts(b, "说明：");
		put_user(b, reasons);
		gk_buf_puts(b, "。");
	}
}

/*
 * The outcomes whose decision is one fixed text (then the optional 说明).
 * "{Y}" stands for 您 or 贵单位. Wording: 条例 articles as cited; sources
 * in docs/letters.md.
 */
static const struct {
	enum apply_outcome	 o;
	const char		*text;
} fixed[] = {
	{ APPLY_OUT_DENY_SECRET, "经审查，{Y}申请公开的政府信息属于依法确定为国家秘密的政府信息。"
	    "根据《条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。" },
	{ APPLY_OUT_DENY_SAFETY, "经审查，{Y}申请公开的政府信息公开后可能危及国家安全、公共安全、"
	    "经济安全、社会稳定。根据《条例》第十四条、第三十六条第（三）项的规定，本机关决定不予"
	    "公开。" },
	{ APPLY_OUT_DENY_THIRD, "经审查，{Y}申请公开的政府信息涉及商业秘密、个人隐私等，公开会对"
	    "第三方合法权益造成损害。根据《条例》第十五条、第三十二条、第三十六条第（三）项的规定，"
	    "本机关决定不予公开。" },
	{ APPLY_OUT_DENY_INTERNAL, "经审查，{Y}申请公开的政府信息属于本机关的内部事务信息（人事管理、"
	    "后勤管理、内部工作流程等方面的信息）。根据《条例》第十六条第一款、第三十六条第（三）项"
	    "的规定，本机关决定不予公开。" },
	{ APPLY_OUT_DENY_PROCESS, "经审查，{Y}申请公开的政府信息属于本机关在履行行政管理职能过程中"
	    "形成的讨论记录、过程稿、磋商信函、请示报告等过程性信息。根据《条例》第十六条第二款、"
	    "第三十六条第（三）项的规定，本机关决定不予公开。" },
	{ APPLY_OUT_DENY_ENFORCEMENT, "经审查，{Y}申请公开的政府信息属于行政执法案卷信息。根据《条例》"
	    "第十六条第二款、第三十六条第（三）项的规定，本机关决定不予公开。" },
	{ APPLY_OUT_NA_MAKE, "{Y}申请公开的信息需要本机关对现有政府信息进行加工、分析方能形成，"
	    "本机关没有现成的政府信息。根据《条例》第三十八条的规定，本机关不予提供。" },
	{ APPLY_OUT_NA_UNCLEAR, "本机关已告知{Y}对申请内容作出补正，但补正后的申请内容仍不明确，"
	    "本机关无法确定{Y}所申请公开的政府信息。根据《条例》第二十九条第二款、第三十条的规定，"
	    "本机关无法提供。" },
	{ APPLY_OUT_NOPROC_REPEAT, "本机关已就{Y}提出的政府信息公开申请作出答复，{Y}重复申请公开"
	    "相同政府信息。根据《条例》第三十六条第（六）项的规定，本机关不予重复处理。" },
	{ APPLY_OUT_NOPROC_EXCESSIVE, "{Y}申请公开政府信息的数量、频次明显超过合理范围，本机关已要求"
	    "{Y}说明理由，经审查认为申请理由不合理。根据《条例》第三十五条的规定，本机关不予处理。" },
	{ APPLY_OUT_NOPROC_CONFIRM, "{Y}的申请实为要求本机关对{Y}已获取的政府信息予以确认或者重新"
	    "出具，不属于申请获取政府信息。参照《条例》第三十六条第（六）项、第三十八条的规定，"
	    "本机关不予处理。" },
	{ APPLY_OUT_OTHER_NOCORRECT, "本机关已一次性告知{Y}作出补正并说明了补正期限，{Y}无正当理由"
	    "逾期未补正，视为放弃申请。根据《条例》第三十条的规定，本机关不再处理该政府信息公开"
	    "申请。" },
};

/* Appends a template with each "{Y}" replaced by Y. */
static void
put_tpl(struct gk_buf *b, const char *t, const char *Y)
{
	const char *p;

	while ((p = strstr(t, "{Y}")) != NULL) {
		gk_buf_append(b, t, (size_t)(p - t));
		gk_buf_puts(b, Y);
		t = p + 3;
	}
	gk_buf_puts(b, t);
}

/* Template, then the caller's text (or a default), then a closing text. */
static void
put_with(struct gk_buf *b, const char *Y, const char *before, const char *user,
    const char *dflt, const char *after)
{
	put_tpl(b, before, Y);
	if (!blank(user))
		put_user(b, user);
	else if (dflt != NULL)
		gk_buf_puts(b, dflt);
	put_tpl(b, after, Y);
}

/* The decision paragraph for the outcome. Y is 您 or 贵单位. */
static void
put_decision(struct gk_buf *b, const struct letter *l, const char *Y)
{
	char money[FEE_YUAN_LEN];
	size_t i;

	for (i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (fixed[i].o == l->outcome)
			put_tpl(b, fixed[i].text, Y);
	switch (l->outcome) {
	case APPLY_OUT_OPEN:
		if (l->proactive)
			put_with(b, Y, "{Y}申请公开的政府信息已经主动公开。根据《条例》第三十六条第（一）项"
			    "的规定，现告知{Y}获取该政府信息的方式和途径：", l->where, NULL, "。");
		else if (!blank(l->where))
			put_with(b, Y, "{Y}申请公开的政府信息属于可以公开的政府信息，本机关决定予以公开。"
			    "根据《条例》第三十六条第（二）项的规定，现告知{Y}获取该政府信息的方式、"
			    "途径和时间：", l->where, NULL, "。");
		else
			put_tpl(b, "{Y}申请公开的政府信息属于可以公开的政府信息，本机关决定予以公开。"
			    "根据《条例》第三十六条第（二）项的规定，现向{Y}提供该政府信息（见附件）。", Y);
		break;
	case APPLY_OUT_PARTIAL:
		put_with(b, Y, "{Y}申请公开的政府信息中含有不应当公开或者不属于政府信息的内容，但是"
		    "能够作区分处理。根据《条例》第三十七条的规定，本机关向{Y}提供可以公开的部分：",
		    l->part, NULL, "。对不予公开的部分，理由如下：");
		put_with(b, Y, "", l->reasons, NULL, "。");
		if (!blank(l->where))
			put_with(b, Y, "获取方式、途径和时间：", l->where, NULL, "。");
		return;
	case APPLY_OUT_DENY_LAW:
		put_with(b, Y, "经审查，{Y}申请公开的政府信息属于法律、行政法规禁止公开的政府信息（",
		    l->reasons, NULL, "）。根据《条例》第十四条、第三十六条第（三）项的规定，本机关"
		    "决定不予公开。");
		return;
	case APPLY_OUT_DENY_QUERY:
		put_tpl(b, "{Y}申请公开的信息属于工商、不动产登记资料等信息，有关法律、行政法规对信息的"
		    "获取有特别规定。根据《条例》第三十六条第（七）项的规定，请{Y}依照有关法律、行政"
		    "法规的规定办理。", Y);
		if (!blank(l->where))
			put_with(b, Y, "办理途径：", l->where, NULL, "。");
		break;
	case APPLY_OUT_NA_NOTHELD:
		if (!blank(l->responsible))
			put_with(b, Y, "经查，{Y}申请公开的政府信息不属于本机关负责公开。根据《条例》"
			    "第三十六条第（五）项的规定，现告知{Y}：负责公开该政府信息的行政机关为",
			    l->responsible, NULL, "。");
		else
			put_tpl(b, "经检索，本机关没有{Y}申请公开的政府信息。根据《条例》第三十六条"
			    "第（四）项的规定，现告知{Y}该政府信息不存在。", Y);
		break;
	case APPLY_OUT_NOPROC_PETITION:
		put_with(b, Y, "{Y}以政府信息公开申请的形式提出的是信访、投诉、举报等事项。根据《条例》"
		    "第三十九条第一款的规定，本机关不作为政府信息公开申请处理，{Y}可以通过",
		    l->where, "信访、投诉、举报等相应渠道", "提出。");
		break;
	case APPLY_OUT_NOPROC_PUBLICATION:
		put_with(b, Y, "{Y}申请获取的是政府公报、报刊、书籍等公开出版物。根据《条例》第三十九条"
		    "第二款的规定，本机关不作为政府信息公开申请处理，现告知{Y}获取途径：",
		    l->where, "通过公开发行渠道获取", "。");
		break;
	case APPLY_OUT_OTHER_NOFEE:
		put_tpl(b, "本机关已依照《条例》第四十二条和" FEE_REG "向{Y}发出收费通知", Y);
		if (l->fee_fen > 0) {
			fee_format_yuan(l->fee_fen, money);
			gk_buf_printf(b, "（应缴信息处理费%s）", money);
		}
		put_tpl(b, "，{Y}逾期未按收费通知要求缴纳费用，视为放弃申请，本机关不再处理该政府信息"
		    "公开申请。", Y);
		break;
	case APPLY_OUT_OTHER_MISC:
		put_with(b, Y, "经办理，", l->reasons, NULL, "。本机关对该申请作其他处理。");
		return;
	default:
		break;
	}
	put_note(b, l->reasons);
}

/* The fee charged, for every outcome but 其他处理 2 (which names it as unpaid). */
static void
put_fee(struct gk_buf *b, const struct letter *l)
{
	char money[FEE_YUAN_LEN];

	if (l->fee_fen > 0 && l->outcome != APPLY_OUT_OTHER_NOFEE) {
		fee_format_yuan(l->fee_fen, money);
		gk_buf_printf(b, "本次申请依照" FEE_REG "收取信息处理费%s。", money);
	}
}

static void
put_contacts(struct blocks *bl, const struct letter_agency *a)
{
	static const char *const label[] = {
		"联系机构", "地址", "邮政编码", "联系电话", "电子邮箱",
	};
	const char *v[5];
	struct gk_buf *b = NULL;
	size_t i;

	v[0] = a->office;
	v[1] = a->address;
	v[2] = a->postcode;
	v[3] = a->phone;
	v[4] = a->email;
	for (i = 0; i < 5; i++) {
		if (blank(v[i]))
			continue;
		if (b == NULL)
			b = blk_add(bl, BLK_BODY);
		else
			gk_buf_puts(b, "；");
		gk_buf_printf(b, "%s：", label[i]);
		put_user(b, v[i]);
	}
	if (b != NULL)
		gk_buf_puts(b, "。");
}

static void
build(struct blocks *bl, const struct letter *l)
{
	const char *Y = l->applicant_type == APPLY_AP_NATURAL ? "您" : "贵单位";
	char date[32];
	struct gk_buf *b;
	int y;

	gk_buf_puts(blk_add(bl, BLK_TITLE), TITLE);

	b = blk_add(bl, BLK_NUMBER);
	if (!blank(l->number_prefix))
		put_user(b, l->number_prefix);
	gk_date_ymd(l->answered, &y, NULL, NULL);
	gk_buf_printf(b, "〔%d〕第", y);
	if (l->number > 0)
		gk_buf_printf(b, "%ld", l->number);
	else
		put_user(b, l->tracking);
	gk_buf_puts(b, "号");

	b = blk_add(bl, BLK_TO);
	put_user(b, l->applicant);
	gk_buf_puts(b, "：");

	b = blk_add(bl, BLK_BODY);
	letter_date_cn(l->received, date, sizeof(date));
	gk_buf_printf(b, "本机关于%s收到%s提交的政府信息公开申请（申请编号：", date, Y);
	put_user(b, l->tracking);
	gk_buf_printf(b, "），%s申请公开的内容为：“", Y);
	put_user(b, l->request);
	gk_buf_puts(b, "”。根据" REG "（以下简称《条例》）的规定，现答复如下：");

	b = blk_add(bl, BLK_BODY);
	put_decision(b, l, Y);
	put_fee(b, l);

	b = blk_add(bl, BLK_BODY);
	gk_buf_printf(b, "%s如对本答复不服，可以自收到本告知书之日起六十日内向", Y);
	put_user(b, l->agency.review_body);
	gk_buf_puts(b, "申请行政复议，也可以自收到本告知书之日起六个月内向人民法院提起行政诉讼"
	    "（《中华人民共和国行政复议法》第二十条、《中华人民共和国行政诉讼法》第四十六条）。");

	put_contacts(bl, &l->agency);

	put_user(blk_add(bl, BLK_SIGN), l->agency.name);
	letter_date_cn(l->answered, date, sizeof(date));
	gk_buf_puts(blk_add(bl, BLK_DATE), date);
}

/*
 * Markdown: backslash before the ASCII punctuation that can start markup
 * anywhere in a line, and before a line-start list or heading marker.
 */
static void
put_md(struct gk_buf *o, const char *s, size_t len)
{
	size_t i, j;

	for (j = 0; j < len && s[j] >= '0' && s[j] <= '9'; j++)
		;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f)
			continue;
		if (strchr("\\`*_[]<>&|~#!", c) != NULL ||
		    (i == 0 && strchr("+-=", c) != NULL) ||
		    (i == j && j > 0 && (c == '.' || c == ')')))
			gk_buf_putc(o, '\\');
		gk_buf_putc(o, (char)c);
	}
}

static void
write_md(struct gk_buf *o, const struct blocks *bl)
{
	size_t i;

	for (i = 0; i < bl->n; i++) {
		if (i > 0)
			gk_buf_puts(o, "\n");
		if (bl->kind[i] == BLK_TITLE)
			gk_buf_puts(o, "# ");
		else if (bl->kind[i] == BLK_BODY)
			gk_buf_puts(o, "　　");	/* two full-width spaces: the paragraph indent */
		put_md(o, bl->text[i].data, bl->text[i].len);
		gk_buf_puts(o, "\n");
	}
}

static void
write_html(struct gk_buf *o, const struct blocks *bl)
{
	static const char *const open[] = {
		[BLK_TITLE] = "<h1>", [BLK_NUMBER] = "<p class=\"gk-no\">",
		[BLK_TO] = "<p class=\"gk-to\">", [BLK_BODY] = "<p class=\"gk-body\">",
		[BLK_SIGN] = "<p class=\"gk-sign\">", [BLK_DATE] = "<p class=\"gk-date\">",
	};
	size_t i;

	gk_buf_puts(o, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>" TITLE "</title>\n<style>\n"
	    ".gk-letter{max-width:42em;margin:2em auto;font-family:serif;line-height:1.8}\n"
	    ".gk-letter h1{text-align:center;font-size:1.6em}\n"
	    ".gk-no{text-align:center}\n.gk-body{text-indent:2em}\n"
	    ".gk-sign,.gk-date{text-align:right}\n"
	    "</style>\n</head>\n<body>\n<article class=\"gk-letter\">\n");
	for (i = 0; i < bl->n; i++) {
		gk_buf_puts(o, open[bl->kind[i]]);
		gk_buf_put_html(o, bl->text[i].data, bl->text[i].len);
		gk_buf_puts(o, bl->kind[i] == BLK_TITLE ? "</h1>\n" : "</p>\n");
	}
	gk_buf_puts(o, "</article>\n</body>\n</html>\n");
}

enum gk_err
letter_render(const struct letter *l, enum letter_format fmt, struct gk_buf *out,
    char *err, size_t errlen)
{
	struct blocks bl;
	struct gk_buf o;
	enum gk_err e;
	size_t i;

	if (errlen)
		err[0] = '\0';
	if (l == NULL) {
		snprintf(err, errlen, "缺少告知书内容");
		return GK_EINVAL;
	}
	if ((e = check_letter(l, fmt, err, errlen)) != GK_OK)
		return e;
	bl.n = 0;
	build(&bl, l);
	gk_buf_init(&o, 0);
	for (i = 0; i < bl.n; i++)
		if (bl.text[i].err != GK_OK)
			o.err = bl.text[i].err;
	if (fmt == LETTER_HTML)
		write_html(&o, &bl);
	else
		write_md(&o, &bl);
	blocks_clear(&bl);
	if ((e = o.err) == GK_OK)
		e = gk_buf_append(out, o.data, o.len);
	gk_buf_clear(&o);
	if (e != GK_OK)
		snprintf(err, errlen, "%s", gk_strerror(e));
	return e;
}
