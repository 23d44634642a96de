/*
 * test_scan.c — the confidentiality and personal-information gate
 * (core/scan.c) and text extraction (report/extract.c): every kind valid
 * and invalid, masking, positions, the overlap rule, full-width digits,
 * hostile input, and the corpus figures of docs/scan.md.
 *
 * Check digits in the fixtures were computed by hand; this file re-checks
 * them with its own computation (ISO 7064 MOD 11-2 in the iterative form,
 * not the weight table scan.c uses, and a separate Luhn).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "core/gk.h"
#include "core/scan.h"
#include "report/extract.h"
#include "report/report_io.h"

#define FIX	"tests/fixtures/scan/"

/* ---- independent reference computations ---- */

/* ISO 7064 MOD 11-2, iterative: the check character of 17 ASCII digits. */
static char
ref_id_check(const char *s17)
{
	int p = 0, i, r;

	for (i = 0; i < 17; i++)
		p = ((p + (s17[i] - '0')) * 2) % 11;
	r = (12 - p) % 11;
	return r == 10 ? 'X' : (char)('0' + r);
}

/* The digit that makes s (n digits) + digit pass Luhn. */
static char
ref_luhn_digit(const char *s, size_t n)
{
	int sum = 0, d;
	size_t i;

	/* Digits are doubled from the right starting with the one left of the check digit. */
	for (i = 0; i < n; i++) {
		d = s[n - 1 - i] - '0';
		if (i % 2 == 0) {
			d *= 2;
			if (d > 9)
				d -= 9;
		}
		sum += d;
	}
	return (char)('0' + (10 - sum % 10) % 10);
}

/* Keeps ASCII and full-width digits (as ASCII) and X of s. */
static size_t
ref_digits(const char *s, char *out, size_t max)
{
	size_t n = 0;
	const unsigned char *p = (const unsigned char *)s;

	for (; *p && n + 1 < max; p++) {
		if (*p >= '0' && *p <= '9')
			out[n++] = (char)*p;
		else if (*p == 'X' || *p == 'x')
			out[n++] = 'X';
		else if (p[0] == 0xEF && p[1] == 0xBC && p[2] >= 0x90 && p[2] <= 0x99) {
			out[n++] = (char)('0' + p[2] - 0x90);
			p += 2;
		}
	}
	out[n] = '\0';
	return n;
}

static void
scan_str(const char *s, struct scan_findings *fs)
{
	scan_findings_init(fs);
	assert_int_equal(scan_text(s, strlen(s), fs), GK_OK);
}

/* Exactly one finding, of kind k, whose masked value is m (NULL: any). */
static void
one(const char *s, enum scan_kind k, const char *m)
{
	struct scan_findings fs;

	scan_str(s, &fs);
	if (fs.n != 1 || fs.v[0].kind != k)
		fail_msg("'%s': %zu findings, first %s; want one %s", s, fs.n,
		    fs.n ? scan_kind_id(fs.v[0].kind) : "-", scan_kind_id(k));
	if (m != NULL)
		assert_string_equal(fs.v[0].masked, m);
	scan_findings_clear(&fs);
}

static void
none(const char *s)
{
	struct scan_findings fs;

	scan_str(s, &fs);
	if (fs.n != 0)
		fail_msg("'%s': unexpected %s at %zu (%s)", s, scan_kind_id(fs.v[0].kind),
		    fs.v[0].offset, fs.v[0].excerpt);
	scan_findings_clear(&fs);
}

/* ---- validators ---- */

static const char *const valid_ids[] = {
	"510422199003071236", "11010519491231002X", "440306200002295811",
	"510104198511110015", "650102201212010340", "310115197910245053",
	"220102199901012341", "620102198001011239", "13010219800229123X",
	"510422200002291232",	/* 2000-02-29: 2000 is a leap year */
};

static void
test_id18_valid(void **state)
{
	size_t i;
	const char *alt = "0123456789X";

	(void)state;
	for (i = 0; i < sizeof(valid_ids) / sizeof(valid_ids[0]); i++) {
		const char *id = valid_ids[i];
		char bad[19];
		size_t k;

		assert_int_equal(ref_id_check(id), id[17]);	/* the fixture is right */
		assert_true(scan_id18_valid(id, 18));
		/* Every other check character is refused. */
		for (k = 0; alt[k]; k++) {
			if (alt[k] == id[17])
				continue;
			memcpy(bad, id, 17);
			bad[17] = alt[k];
			bad[18] = '\0';
			assert_false(scan_id18_valid(bad, 18));
		}
	}
	assert_true(scan_id18_valid("11010519491231002x", 18));
	assert_false(scan_id18_valid("11010519491231002X", 17));
	assert_false(scan_id18_valid("1101051949123100X2", 18));
}

static void
test_id18_invalid_fields(void **state)
{
	/* Correct check digits (verified below), impossible fields. */
	static const char *const bad[] = {
		"510422199902301234",	/* 1999-02-30 */
		"990422199003071235",	/* province 99 */
		"510000199003071236",	/* a province itself, not a county */
		"510422189912311234",	/* 1899 */
		"510422210101011231",	/* 2101 */
		"510422190002291236",	/* 1900 is not a leap year */
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_int_equal(ref_id_check(bad[i]), bad[i][17]);
		assert_false(scan_id18_valid(bad[i], 18));
		none(bad[i]);
	}
}

static void
test_id15(void **state)
{
	(void)state;
	assert_true(scan_id15_valid("110105491231002", 15));
	assert_false(scan_id15_valid("510422000229123", 15));	/* 1900-02-29: 1900 is not a leap year */
	assert_true(scan_id15_valid("510422960229123", 15));	/* 1996-02-29 */
	assert_false(scan_id15_valid("510422990230123", 15));	/* 1999-02-30 */
	assert_false(scan_id15_valid("990105491231002", 15));	/* province 99 */
	assert_false(scan_id15_valid("11010549123100", 14));
	one("旧证号110105491231002。", SCAN_ID15, "1101********002");
	none("1101054912310021");	/* part of a longer run: 16 digits, no card prefix */
	none("110105491231002元");	/* a quantity */
}

static void
test_mobile(void **state)
{
	static const char *const ok[] = {
		"13012345678", "13912345678", "14512345678", "14912345678", "15012345678",
		"15912345678", "16212345678", "16712345678", "17012345678", "17812345678",
		"18012345678", "18912345678", "19012345678", "19912345678",
	};
	static const char *const bad[] = {
		"12812345678", "10012345678", "14012345678", "15412345678", "16012345678",
		"17912345678", "19412345678", "23812345678", "1381234567", "138123456789",
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		assert_true(scan_mobile_valid(ok[i], 11));
		one(ok[i], SCAN_MOBILE, NULL);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(scan_mobile_valid(bad[i], strlen(bad[i])));
		none(bad[i]);
	}
	one("手机：138 1234 5678", SCAN_MOBILE, "138****5678");
	one("+86 138-1234-5678", SCAN_MOBILE, "138****5678");
	none("138 1234-5678");		/* mixed separators: not a grouping */
	none("0.13812345678");		/* a decimal fraction */
	none("13812345678.5");
	none("13812345678万元");	/* an amount */
	none("第13812345678号");	/* a document number */
	one("请拨打13812345678号码咨询", SCAN_MOBILE, "138****5678");
	none("¥13812345678");
	none("A13812345678");		/* glued to a code */
	none("13812345678B");
}

static void
test_luhn_bankcard(void **state)
{
	static const char *const prefixes[] = {
		"62220212345678", "6228480012345", "601382000012", "411111111111111",
		"555555555555444", "352812345678901", "222100123456789", "62170000000000000",
	};
	char card[24];
	size_t i, n;

	(void)state;
	assert_true(scan_luhn_valid("4111111111111111", 16));
	assert_false(scan_luhn_valid("4111111111111112", 16));
	assert_true(scan_luhn_valid("79927398713", 11));	/* the classic example */
	assert_false(scan_luhn_valid("79927398710", 11));
	for (i = 0; i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		n = strlen(prefixes[i]);
		memcpy(card, prefixes[i], n);
		card[n] = ref_luhn_digit(card, n);
		card[n + 1] = '\0';
		if (n + 1 < 16)
			continue;
		assert_true(scan_bankcard_valid(card, n + 1));
		one(card, SCAN_BANKCARD, NULL);
		card[n] = (char)('0' + (card[n] - '0' + 1) % 10);
		assert_false(scan_bankcard_valid(card, n + 1));
	}
	/* Luhn-valid but no issuer prefix: 16 digits starting 10. */
	memcpy(card, "105101202500012", 15);
	card[15] = ref_luhn_digit(card, 15);
	card[16] = '\0';
	assert_false(scan_bankcard_valid(card, 16));
	none(card);
	one("卡号 4111 1111 1111 1111。", SCAN_BANKCARD, "4111********1111");
	one("6222 0212 3456 7890 128", SCAN_BANKCARD, "6222***********0128");
	none("4111 1111 1111 111");		/* 15 digits */
	none("4111 1111-1111 1111");		/* mixed separators */
}

static void
test_email(void **state)
{
	(void)state;
	one("邮箱：zhangsan@163.com。", SCAN_EMAIL, "z***@163.com");
	one("wang.xiao-ming+gk@yanbian.gov.cn", SCAN_EMAIL, "w***@yanbian.gov.cn");
	one("send to a@b.co.", SCAN_EMAIL, "a***@b.co");
	one("zhao＠126.com", SCAN_EMAIL, "z***@126.com");
	/* A mobile number as the local part is reported once, as the address. */
	one("13812345678@qq.com", SCAN_EMAIL, "1***@qq.com");
	none("zhangsan@localhost");
	none("@163.com");
	none("a@b.c");
	none("a@-b.com");
	none("a@b..com");
	none("a@1.23");
}

/* ---- marks ---- */

static void
test_marks(void **state)
{
	(void)state;
	/* A level is a mark with a star, after 密级, in brackets, or alone on its line. */
	one("秘密★5年", SCAN_MARK, "秘密★5年");
	one("正文开头 机密★1年 其后", SCAN_MARK, "机密★1年");
	one("绝密★长期", SCAN_MARK, "绝密★长期");
	one("秘密★６个月", SCAN_MARK, "秘密★６个月");
	one("  机密  ", SCAN_MARK, "机密");
	one("密级：秘密", SCAN_MARK, "密级：秘密");
	one("本件密级: 机密，请妥善保管", SCAN_MARK, "密级: 机密");
	one("【内部资料】会议纪要", SCAN_MARK, "【内部资料】");
	one("（此件不公开）", SCAN_MARK, "此件不公开");
	one("附注：此件不予公开。", SCAN_MARK, "此件不予公开");
	/* A heading line: copy number, level with term, urgency. */
	{
		struct scan_findings fs;

		scan_str("000123\n秘密★1年　特急\n\n内部资料  注意保密\n", &fs);
		assert_int_equal(fs.n, 3);
		assert_string_equal(fs.v[0].masked, "秘密★1年");
		assert_int_equal(fs.v[0].line, 2);
		assert_string_equal(fs.v[1].masked, "内部资料");
		assert_string_equal(fs.v[2].masked, "注意保密");
		assert_int_equal(fs.v[2].line, 4);
		assert_int_equal(fs.v[2].col, 7);
		scan_findings_clear(&fs);
	}
	/* Ordinary words that contain a mark. */
	none("1.属于国家秘密");
	none("依法确定为国家秘密的政府信息不予公开");
	none("组织学习保密法");
	none("涉及商业秘密、个人隐私等公开会对第三方合法权益造成损害的政府信息，行政机关不得公开。");
	none("确保涉密信息不上网、上网信息不涉密");
	none("请注意保密工作纪律");
	none("秘密的泄露往往源于细节");
	none("（此件公开发布）");
	none("保密期限");
}

/* ---- positions, masking, overlap ---- */

static void
test_positions(void **state)
{
	struct scan_findings fs;
	const char *s = "a\n电话13812345678\r\n  秘密★\n";

	(void)state;
	scan_str(s, &fs);
	assert_int_equal(fs.n, 2);
	assert_int_equal(fs.v[0].kind, SCAN_MOBILE);
	assert_int_equal(fs.v[0].offset, 8);
	assert_int_equal(fs.v[0].len, 11);
	assert_int_equal(fs.v[0].line, 2);
	assert_int_equal(fs.v[0].col, 3);
	assert_int_equal(fs.v[1].kind, SCAN_MARK);
	assert_int_equal(fs.v[1].offset, 23);
	assert_int_equal(fs.v[1].len, 9);
	assert_int_equal(fs.v[1].line, 3);
	assert_int_equal(fs.v[1].col, 3);
	scan_findings_clear(&fs);
}

static void
test_masking(void **state)
{
	struct scan_findings fs;

	(void)state;
	scan_str("身份证号：510422199003071236，联系电话：13812345678。", &fs);
	assert_int_equal(fs.n, 2);
	assert_string_equal(fs.v[0].masked, "5104**********1236");
	/* The neighbouring number is masked in the context too. */
	assert_string_equal(fs.v[0].excerpt, "身份证号：5104**********1236，联系电话：**");
	assert_string_equal(fs.v[1].masked, "138****5678");
	assert_string_equal(fs.v[1].excerpt, "**，联系电话：138****5678。");
	scan_findings_clear(&fs);
	/* Context stops at the line's end and is at most SCAN_CONTEXT characters. */
	scan_str("第一行\n这是一个很长很长的句子身份证号510422199003071236后面还有很长很长的文字\n", &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].excerpt, "长的句子身份证号5104**********1236后面还有很长很长");
	scan_findings_clear(&fs);
	/* Controls become spaces, bad bytes U+FFFD: the excerpt is valid UTF-8. */
	scan_str("\xff\x01 13812345678", &fs);
	assert_int_equal(fs.n, 1);
	assert_string_equal(fs.v[0].excerpt, "\xEF\xBF\xBD  138****5678");
	scan_findings_clear(&fs);
	one("11010519491231002X", SCAN_ID18, "1101**********002X");
	one("6222021234567890128", SCAN_BANKCARD, "6222***********0128");
}

static void
test_overlap(void **state)
{
	struct scan_findings fs;

	(void)state;
	/* A valid ID that also passes Luhn with the UnionPay prefix 62 is an ID, once. */
	assert_int_equal(ref_id_check("620102198001011554"), '4');
	assert_int_equal(ref_luhn_digit("62010219800101155", 17), '4');
	one("620102198001011554", SCAN_ID18, "6201**********1554");
	/* An ID inside a longer run of digits is neither an ID nor a mobile. */
	none("5104221990030712361");
	none("ID510422199003071236");
	/* Adjacent findings separated by one character stay apart. */
	scan_str("13812345678/13912345678,zhangsan@163.com", &fs);
	assert_int_equal(fs.n, 3);
	assert_int_equal(fs.v[0].kind, SCAN_MOBILE);
	assert_int_equal(fs.v[1].kind, SCAN_MOBILE);
	assert_int_equal(fs.v[1].offset, 12);
	assert_int_equal(fs.v[2].kind, SCAN_EMAIL);
	scan_findings_clear(&fs);
}

static void
test_fullwidth(void **state)
{
	(void)state;
	one("身份证：５１０４２２１９９００３０７１２３６", SCAN_ID18, "5104**********1236");
	one("１１０１０５１９４９１２３１００２Ｘ", SCAN_ID18, "1101**********002X");
	one("１３８１２３４５６７８", SCAN_MOBILE, "138****5678");
	one("４１１１－１１１１－１１１１－１１１１", SCAN_BANKCARD, "4111********1111");
	one("手机：１３８　１２３４　５６７８", SCAN_MOBILE, "138****5678");
}

/* ---- hostile input ---- */

static void
test_hostile(void **state)
{
	struct scan_findings	 fs;
	char			*big;
	size_t			 n = 1u << 20, i;

	(void)state;
	scan_findings_init(&fs);
	assert_int_equal(scan_text(NULL, 0, &fs), GK_OK);
	assert_int_equal(fs.n, 0);
	assert_int_equal(scan_text("", 0, &fs), GK_OK);
	assert_int_equal(fs.n, 0);
	/* Not NUL-terminated: a length cuts the number. */
	assert_int_equal(scan_text("13812345678", 10, &fs), GK_OK);
	assert_int_equal(fs.n, 0);
	big = malloc(n);
	assert_non_null(big);
	/* A megabyte of digits is one long run: nothing. */
	memset(big, '6', n);
	assert_int_equal(scan_text(big, n, &fs), GK_OK);
	assert_int_equal(fs.n, 0);
	/* Truncated UTF-8 and stray continuation bytes everywhere. */
	for (i = 0; i < n; i++)
		big[i] = (char)(0x80 + (i * 7) % 0x7f);
	assert_int_equal(scan_text(big, n, &fs), GK_OK);
	/* Too many findings: capped and flagged. */
	for (i = 0; i + 12 <= n; i += 12)
		memcpy(big + i, "13812345678 ", 12);
	assert_int_equal(scan_text(big, i, &fs), GK_OK);
	assert_int_equal(fs.n, SCAN_MAX_FINDINGS);
	assert_true(fs.truncated);
	/* Runs of separators and groups. */
	for (i = 0; i + 2 <= n; i += 2)
		memcpy(big + i, "1 ", 2);
	assert_int_equal(scan_text(big, n, &fs), GK_OK);
	assert_int_equal(fs.n, 0);
	free(big);
	scan_findings_clear(&fs);
}

static void
test_oom(void **state)
{
	struct scan_findings fs;
	long k;
	enum gk_err e;

	(void)state;
	scan_findings_init(&fs);
	for (k = 0; k < 4; k++) {
		gk_mem_fail_after(k);
		e = scan_text("a@b.com 13812345678 zhangsan@163.com", 36, &fs);
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(e, GK_ENOMEM);
		assert_int_equal(fs.n, 0);
		assert_null(fs.v);
	}
	assert_int_equal(e, GK_OK);
	assert_int_equal(fs.n, 3);
	scan_findings_clear(&fs);
}

/* ---- corpus ---- */

static enum scan_kind
kind_of(const char *id)
{
	int k;

	for (k = 0; k < SCAN_KIND__MAX; k++)
		if (strcmp(scan_kind_id((enum scan_kind)k), id) == 0)
			return (enum scan_kind)k;
	fail_msg("unknown kind %s", id);
	return SCAN_KIND__MAX;
}

/* Calls fn(first field, rest) for each non-comment line of a TSV fixture. */
static size_t
each_line(const char *path, void (*fn)(const char *, const char *, void *), void *arg)
{
	char	*buf, *p, *nl, *tab;
	size_t	 n = 0;

	buf = gk_test_slurp(path, NULL);
	for (p = buf; *p != '\0'; p = nl) {
		if ((nl = strchr(p, '\n')) != NULL)
			*nl++ = '\0';
		else
			nl = p + strlen(p);
		if (*p == '#' || (tab = strchr(p, '\t')) == NULL)
			continue;
		*tab = '\0';
		fn(p, tab + 1, arg);
		n++;
	}
	free(buf);
	return n;
}

static void
positive_line(const char *kind, const char *text, void *arg)
{
	enum scan_kind	 k = kind_of(kind);
	char		 d[64];
	size_t		 n;

	(void)arg;
	/* The fixture's values are right by an independent computation. */
	if (k == SCAN_ID18) {
		assert_int_equal(ref_digits(text, d, sizeof(d)), 18);
		assert_int_equal(ref_id_check(d), d[17]);
	} else if (k == SCAN_BANKCARD) {
		n = ref_digits(text, d, sizeof(d));
		assert_int_equal(ref_luhn_digit(d, n - 1), d[n - 1]);
	}
	one(text, k, NULL);
}

static void
test_corpus_positive(void **state)
{
	size_t n;

	(void)state;
	n = each_line(FIX "positive.tsv", positive_line, NULL);
	/* Every line found: zero false negatives (docs/scan.md). */
	assert_int_equal(n, 68);
}

struct neg {
	size_t	 total, fp;
};

static void
negative_line(const char *cat, const char *text, void *arg)
{
	struct neg		*ng = arg;
	struct scan_findings	 fs;

	scan_str(text, &fs);
	ng->total++;
	if (fs.n > 0) {
		ng->fp++;
		print_message("false positive (%s): %s → %s\n", cat, text, scan_kind_id(fs.v[0].kind));
	}
	scan_findings_clear(&fs);
}

static void
test_corpus_negative(void **state)
{
	struct neg ng = { 0, 0 };

	(void)state;
	each_line(FIX "negative.tsv", negative_line, &ng);
	assert_int_equal(ng.total, 100);
	/* docs/scan.md: 0 of 100. */
	assert_int_equal(ng.fp, 0);
}

static void
test_notice(void **state)
{
	struct scan_findings	 fs;
	char			*s;
	size_t			 n;

	(void)state;
	/* A realistic notice full of dates, amounts, 文号, landlines, codes: clean. */
	s = gk_test_slurp(FIX "notice.txt", &n);
	scan_findings_init(&fs);
	assert_int_equal(scan_text(s, n, &fs), GK_OK);
	if (fs.n)
		fail_msg("notice.txt: %s at line %zu: %s", scan_kind_id(fs.v[0].kind), fs.v[0].line, fs.v[0].excerpt);
	free(s);
	/* The real annual report of the seed (its template labels say 国家秘密). */
	s = gk_test_slurp("tests/fixtures/seed-2025.txt", &n);
	assert_int_equal(scan_text(s, n, &fs), GK_OK);
	assert_int_equal(fs.n, 0);
	free(s);
	/* The same kind of notice with personal data in it. */
	s = gk_test_slurp(FIX "leaky.txt", &n);
	assert_int_equal(scan_text(s, n, &fs), GK_OK);
	assert_int_equal(fs.n, 5);
	assert_int_equal(fs.v[0].kind, SCAN_ID18);
	assert_int_equal(fs.v[0].line, 4);
	assert_int_equal(fs.v[0].col, 12);
	assert_int_equal(fs.v[1].kind, SCAN_MOBILE);
	assert_int_equal(fs.v[1].line, 4);
	assert_int_equal(fs.v[2].kind, SCAN_ID18);
	assert_int_equal(fs.v[2].line, 5);
	assert_int_equal(fs.v[3].kind, SCAN_EMAIL);
	assert_string_equal(fs.v[3].masked, "l***@163.com");
	assert_int_equal(fs.v[4].kind, SCAN_BANKCARD);
	assert_int_equal(fs.v[4].line, 6);
	free(s);
	/* A 请示 with its 密级 heading and the 附注 of a non-public document. */
	s = gk_test_slurp(FIX "marked.txt", &n);
	assert_int_equal(scan_text(s, n, &fs), GK_OK);
	assert_int_equal(fs.n, 2);
	assert_int_equal(fs.v[0].line, 2);
	assert_string_equal(fs.v[0].masked, "秘密★1年");
	assert_int_equal(fs.v[1].line, 10);
	assert_string_equal(fs.v[1].masked, "此件不公开");
	free(s);
	scan_findings_clear(&fs);
}

/* A small deterministic generator (no rand(): the figures must not vary). */
static unsigned long
lcg(unsigned long *x)
{
	*x = *x * 6364136223846793005UL + 1442695040888963407UL;
	return (*x >> 33);
}

static void
test_generated_valid(void **state)
{
	static const char *const regions[] = {
		"510422", "110105", "440306", "650102", "310115", "130102", "230103", "540102",
		"810000", "460105",	/* 810000: a Hong Kong resident's permit */
	};
	static const char *const card_prefix[] = { "62", "60", "4", "51", "55", "2221", "35" };
	struct scan_findings	 fs;
	unsigned long		 x = 2025, y, m, d;
	char			 id[32], card[32], text[64];
	size_t			 i, found = 0, cards = 0, n, p;

	(void)state;
	scan_findings_init(&fs);
	for (i = 0; i < 2000; i++) {
		y = 1900 + lcg(&x) % 201;
		m = 1 + lcg(&x) % 12;
		d = 1 + lcg(&x) % 28;
		snprintf(id, sizeof(id), "%s%04lu%02lu%02lu%03lu", regions[i % 10], y, m, d, lcg(&x) % 1000);
		id[17] = ref_id_check(id);
		id[18] = '\0';
		snprintf(text, sizeof(text), "证件号码：%s。", id);
		assert_int_equal(scan_text(text, strlen(text), &fs), GK_OK);
		if (fs.n == 1 && fs.v[0].kind == SCAN_ID18)
			found++;
		else
			print_message("missed ID %s\n", id);
		/* The same with a wrong check character is never an ID. */
		id[17] = id[17] == 'X' ? '0' : id[17] == '9' ? 'X' : (char)(id[17] + 1);
		assert_int_equal(scan_text(id, 18, &fs), GK_OK);
		assert_int_equal(scan_findings_count(&fs, SCAN_ID18), 0);
	}
	/* Zero false negatives on 2,000 generated IDs. */
	assert_int_equal(found, 2000);
	for (i = 0; i < 2000; i++) {
		const char *pre = card_prefix[i % 7];

		n = pre[0] == '6' || pre[0] == '3' ? 16 + lcg(&x) % 4 : pre[0] == '4' && i % 2 ? 19 : 16;
		p = strlen(pre);
		memcpy(card, pre, p);
		while (p < n - 1)
			card[p++] = (char)('0' + lcg(&x) % 10);
		card[n - 1] = ref_luhn_digit(card, n - 1);
		card[n] = '\0';
		snprintf(text, sizeof(text), "卡号%s。", card);
		assert_int_equal(scan_text(text, strlen(text), &fs), GK_OK);
		/* An 18-digit 62/60/35… number may happen to be a valid ID: also a finding. */
		if (fs.n == 1 && (fs.v[0].kind == SCAN_BANKCARD || fs.v[0].kind == SCAN_ID18))
			cards++;
		else
			print_message("missed card %s\n", card);
	}
	assert_int_equal(cards, 2000);
	scan_findings_clear(&fs);
}

/*
 * Random serial numbers of each length: how many look like personal data.
 * The bounds come from the rules, not from a run: an 11-digit number
 * starting 13–19 with a valid third digit is a possible mobile (about 5% of
 * random 11-digit numbers); 16-digit numbers carry a card prefix about 23%
 * of the time and pass Luhn 10% of those (2.3%); 18 digits: 3% × 10%.
 */
static void
test_random_serials(void **state)
{
	static const struct {
		int	 len;
		size_t	 max_per_10000;
	} t[] = {
		{ 8, 0 }, { 10, 0 }, { 11, 650 }, { 12, 0 }, { 15, 200 }, { 16, 300 },
		{ 17, 50 }, { 18, 50 }, { 19, 200 }, { 20, 0 },
	};
	struct scan_findings	 fs;
	unsigned long		 x = 128;
	char			 s[32];
	size_t			 i, j, hits;
	int			 k;

	(void)state;
	scan_findings_init(&fs);
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		hits = 0;
		for (j = 0; j < 10000; j++) {
			for (k = 0; k < t[i].len; k++)
				s[k] = (char)('0' + lcg(&x) % 10);
			assert_int_equal(scan_text(s, (size_t)t[i].len, &fs), GK_OK);
			hits += fs.n > 0;
		}
		print_message("random %d-digit serials flagged: %zu/10000\n", t[i].len, hits);
		assert_true(hits <= t[i].max_per_10000);
	}
	scan_findings_clear(&fs);
}

/* ---- extraction ---- */

static void
extract(const void *buf, size_t len, enum gk_fmt fmt, struct gk_buf *b, enum gk_err want)
{
	char err[256];

	gk_buf_init(b, 0);
	assert_int_equal(gk_extract_text(buf, len, fmt, b, err, sizeof(err)), want);
	if (want != GK_OK)
		assert_true(err[0] != '\0');
}

static void
test_extract_text(void **state)
{
	struct gk_buf	 b;
	char		*s;
	size_t		 n;
	char		 err[256];

	(void)state;
	extract("\xEF\xBB\xBF" "a\r\nb\rc\n", 10, GK_FMT_AUTO, &b, GK_OK);
	assert_string_equal(b.data, "a\nb\nc\n");
	gk_buf_clear(&b);
	extract("", 0, GK_FMT_AUTO, &b, GK_OK);
	assert_string_equal(b.data, "");
	gk_buf_clear(&b);
	extract("a\0b", 3, GK_FMT_TEXT, &b, GK_EINVAL);
	gk_buf_clear(&b);
	s = gk_test_slurp(FIX "gbk.txt", &n);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_extract_text(s, n, GK_FMT_AUTO, &b, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "UTF-8"));
	gk_buf_clear(&b);
	free(s);
	/* A bounded output buffer: the limit is reported, not overrun. */
	gk_buf_init(&b, 4);
	assert_int_equal(gk_extract_text("abcdefgh", 8, GK_FMT_TEXT, &b, err, sizeof(err)), GK_ELIMIT);
	gk_buf_clear(&b);
}

static void
test_extract_html(void **state)
{
	struct gk_buf		 b;
	struct scan_findings	 fs;
	char			*s;
	size_t			 n;

	(void)state;
	s = gk_test_slurp(FIX "leaky.html", &n);
	extract(s, n, GK_FMT_AUTO, &b, GK_OK);
	free(s);
	assert_string_equal(b.data, "关于拟表彰先进个人的公示\n姓名\t手机\n张某某\t13812345678\n密级：秘密\n");
	scan_findings_init(&fs);
	assert_int_equal(scan_text(b.data, b.len, &fs), GK_OK);
	assert_int_equal(fs.n, 2);
	assert_int_equal(fs.v[0].kind, SCAN_MOBILE);
	assert_int_equal(fs.v[0].line, 3);
	assert_int_equal(fs.v[0].col, 5);
	assert_int_equal(fs.v[1].kind, SCAN_MARK);
	assert_int_equal(fs.v[1].line, 4);
	scan_findings_clear(&fs);
	gk_buf_clear(&b);
}

#define W_OPEN	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>"
#define W_P(t)	"<w:p><w:r><w:t>" t "</w:t></w:r></w:p>"
#define W_TC(t)	"<w:tc>" W_P(t) "</w:tc>"

static void
test_extract_docx(void **state)
{
	static const char xml[] = W_OPEN
	    W_P("秘密★1年")
	    W_P("关于拟表彰先进个人的公示")
	    "<w:tbl><w:tr>" W_TC("姓名") W_TC("身份证号") W_TC("邮箱") "</w:tr>"
	    "<w:tr>" W_TC("张某某") W_TC("510422199003071236") W_TC("zs@163.com") "</w:tr>"
	    "<w:tr>" W_TC("李某某") W_TC("（不公开）") W_TC("") "</w:tr></w:tbl>"
	    "<w:p><w:r><w:t>联系电话：</w:t></w:r><w:r><w:t>0812-8123456</w:t></w:r></w:p>"
	    "</w:body></w:document>";
	struct gk_buf		 pkg, b;
	struct scan_findings	 fs;

	(void)state;
	gk_buf_init(&pkg, 0);
	assert_int_equal(gk_docx_pack(xml, strlen(xml), &pkg), GK_OK);
	extract(pkg.data, pkg.len, GK_FMT_AUTO, &b, GK_OK);
	assert_string_equal(b.data,
	    "秘密★1年\n关于拟表彰先进个人的公示\n姓名\t身份证号\t邮箱\n"
	    "张某某\t510422199003071236\tzs@163.com\n李某某\t（不公开）\t\n联系电话：0812-8123456\n");
	scan_findings_init(&fs);
	assert_int_equal(scan_text(b.data, b.len, &fs), GK_OK);
	assert_int_equal(fs.n, 3);
	assert_int_equal(fs.v[0].kind, SCAN_MARK);
	assert_int_equal(fs.v[0].line, 1);
	assert_int_equal(fs.v[1].kind, SCAN_ID18);
	assert_int_equal(fs.v[1].line, 4);
	assert_int_equal(fs.v[1].col, 5);
	assert_int_equal(fs.v[2].kind, SCAN_EMAIL);
	assert_int_equal(fs.v[2].line, 4);
	scan_findings_clear(&fs);
	gk_buf_clear(&b);
	/* A broken package is an error with a message, not a crash. */
	extract(pkg.data, pkg.len / 2, GK_FMT_DOCX, &b, GK_EINVAL);
	gk_buf_clear(&b);
	gk_buf_clear(&pkg);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_id18_valid),
	cmocka_unit_test(test_id18_invalid_fields),
	cmocka_unit_test(test_id15),
	cmocka_unit_test(test_mobile),
	cmocka_unit_test(test_luhn_bankcard),
	cmocka_unit_test(test_email),
	cmocka_unit_test(test_marks),
	cmocka_unit_test(test_positions),
	cmocka_unit_test(test_masking),
	cmocka_unit_test(test_overlap),
	cmocka_unit_test(test_fullwidth),
	cmocka_unit_test(test_hostile),
	cmocka_unit_test(test_oom),
	cmocka_unit_test(test_corpus_positive),
	cmocka_unit_test(test_corpus_negative),
	cmocka_unit_test(test_notice),
	cmocka_unit_test(test_generated_valid),
	cmocka_unit_test(test_random_serials),
	cmocka_unit_test(test_extract_text),
	cmocka_unit_test(test_extract_html),
	cmocka_unit_test(test_extract_docx),
};

GK_TEST_MAIN("scan", tests)
