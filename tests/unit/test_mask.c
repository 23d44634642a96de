/*
 * test_mask.c — masking of personal data (core/mask.c): every kind on
 * ordinary values written out by hand, organisations kept, and hostile
 * input (bad UTF-8, control characters, tiny buffers, very long strings)
 * giving valid UTF-8 no longer than the input plus GK_MASK_EXTRA.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"

#include "core/gk.h"
#include "core/mask.h"

static void
eq(enum gk_mask_kind k, const char *in, const char *want)
{
	char	 out[512];
	size_t	 n = gk_mask(k, in, out, sizeof(out));

	if (strcmp(out, want) != 0)
		fail_msg("mask(%d, \"%s\") = \"%s\", want \"%s\"", (int)k, in, out, want);
	assert_int_equal(n, strlen(want));
}

static void
test_names(void **state)
{
	(void)state;
	eq(GK_MASK_NAME, "张三", "张*");
	eq(GK_MASK_NAME, "张三丰", "张**");
	eq(GK_MASK_NAME, "欧阳娜娜", "欧阳**");
	eq(GK_MASK_NAME, "诸葛亮", "诸葛*");
	eq(GK_MASK_NAME, "欧阳", "欧*");	/* two characters: surname 欧, name 阳 */
	eq(GK_MASK_NAME, "张", "*");
	eq(GK_MASK_NAME, "John Smith", "J*** S****");
	eq(GK_MASK_NAME, "阿依古丽·买买提", "阿***·***");
	eq(GK_MASK_NAME, "", "");
	eq(GK_MASK_NAME, NULL, "");
	/* a person's name is masked even when it looks like a company's */
	eq(GK_MASK_NAME, "攀枝花钢铁有限公司", "攀********");
	eq(GK_MASK_ORG, "攀枝花钢铁有限公司", "攀枝花钢铁有限公司");
	eq(GK_MASK_ORG, "四川某某律师事务所", "四川某某律师事务所");
	eq(GK_MASK_ORG, "Acme Trading Co., Ltd.", "Acme Trading Co., Ltd.");
	eq(GK_MASK_ORG, "王会", "王*");		/* a person, not an association */
	eq(GK_MASK_ORG, "李四", "李*");
	assert_true(gk_mask_is_org_name("盐边县扶贫基金会"));
	assert_false(gk_mask_is_org_name("张公司"));	/* too short to be sure */
	assert_false(gk_mask_is_org_name(NULL));
}

static void
test_phones(void **state)
{
	(void)state;
	eq(GK_MASK_PHONE, "13812345678", "138****5678");
	eq(GK_MASK_PHONE, "138-1234-5678", "138-****-5678");
	eq(GK_MASK_PHONE, "+86 138 1234 5678", "+86 138 **** 5678");
	eq(GK_MASK_PHONE, "0812-3456789", "0812-***6789");
	eq(GK_MASK_PHONE, "(028)87654321", "(028)****4321");
	eq(GK_MASK_PHONE, "87654321", "****4321");
	eq(GK_MASK_PHONE, "12345", "*****");
	/* letters and other characters are never shown */
	eq(GK_MASK_PHONE, "张三13812345678", "**138****5678");
	eq(GK_MASK_PHONE, "tel:13812345678", "****138****5678");
	/* two numbers in one field: only the last 4 digits shown */
	eq(GK_MASK_PHONE, "13812345678/13987654321", "*******************4321");
}

static void
test_idnos(void **state)
{
	(void)state;
	eq(GK_MASK_IDNO, "11010519491231002X", "110105********002X");
	eq(GK_MASK_IDNO, "110105491231002", "110105*****1002");	/* 15 digits */
	eq(GK_MASK_IDNO, "E12345678", "E******78");			/* passport */
	eq(GK_MASK_IDNO, "1234567", "*******");
	eq(GK_MASK_IDNO, "110105一九四九1231002X", "110105********002X");
}

static void
test_emails(void **state)
{
	(void)state;
	eq(GK_MASK_EMAIL, "zhangsan@example.com", "z***@example.com");
	eq(GK_MASK_EMAIL, "z@example.com", "z***@example.com");
	eq(GK_MASK_EMAIL, "@example.com", "***@example.com");
	eq(GK_MASK_EMAIL, "a@b@example.com", "a***@example.com");
	eq(GK_MASK_EMAIL, "张三@例子.中国", "****@**.**");
	eq(GK_MASK_EMAIL, "noat", "n***");
}

static void
test_addresses(void **state)
{
	(void)state;
	eq(GK_MASK_ADDRESS, "四川省攀枝花市盐边县桐子林镇金河大道1号", "四川省攀枝花市盐边县****");
	eq(GK_MASK_ADDRESS, "北京市朝阳区建国路88号", "北京市朝阳区****");
	eq(GK_MASK_ADDRESS, "广东省广州市天河区体育西路", "广东省广州市天河区****");
	eq(GK_MASK_ADDRESS, "贵州省黔东南苗族侗族自治州凯里市北京东路1号",
	    "贵州省黔东南苗族侗族自治州凯里市****");
	eq(GK_MASK_ADDRESS, "内蒙古自治区呼和浩特市新城区", "内蒙古自治区呼和浩特市新城区");
	eq(GK_MASK_ADDRESS, "攀枝花市阳光小区5栋", "攀枝花市****");
	eq(GK_MASK_ADDRESS, "攀枝花市东区炳草岗", "攀枝花市东区****");
	eq(GK_MASK_ADDRESS, "四川省峨眉山市绥山镇", "四川省峨眉山市****");
	eq(GK_MASK_ADDRESS, "盐边县新华书店超市", "盐边县****");
	eq(GK_MASK_ADDRESS, "新华路12号3单元", "****");
	eq(GK_MASK_ADDRESS, "123 Main St", "****");
	/* a suffix deep inside the street part does not extend the kept prefix */
	eq(GK_MASK_ADDRESS, "攀枝花市盐边县广东省商会", "攀枝花市盐边县****");
}

/* Valid UTF-8 (gk_utf8_check) and within the documented bound. */
static void
sane(enum gk_mask_kind k, const char *in, size_t inlen)
{
	char	 out[4096];
	size_t	 n;

	n = gk_mask(k, in, out, sizeof(out));
	assert_int_equal(n, strlen(out));
	assert_true(n <= inlen + GK_MASK_EXTRA);
	assert_int_equal(gk_utf8_check(out, n), n);
}

static void
test_hostile(void **state)
{
	static const char *const bad[] = {
		"\xff\xfe张三", "张\xe5\xbc", "\xe5\xbc\xa0\xe5", "\xc0\xaf@x.com",
		"\xed\xa0\x80\xed\xb0\x80", "1\x01" "38\x7f" "12345678", "\xf4\x90\x80\x80",
		"四川省\xff市盐边县", "@", "@@@", "\t\n", "·", "欧阳\xff",
		"\xc2\x85\xc2\x85", "北京市",
	};
	char	 big[3001], small[8], out[64];
	size_t	 i, k;
	char	*d;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		for (k = 0; k < GK_MASK__MAX; k++)
			sane((enum gk_mask_kind)k, bad[i], strlen(bad[i]));
	/* bad bytes never pass through */
	eq(GK_MASK_NAME, "\xff\xfe张三", "****");
	eq(GK_MASK_ORG, "攀枝花\xff钢铁有限公司", "攀枝花*钢铁有限公司");
	/* long input: 1,000 CJK characters */
	for (i = 0; i + 3 < sizeof(big); i += 3)
		memcpy(big + i, "张", 3);
	big[i] = '\0';
	for (k = 0; k < GK_MASK__MAX; k++) {
		sane((enum gk_mask_kind)k, big, strlen(big));
		d = gk_mask_dup((enum gk_mask_kind)k, big);
		assert_non_null(d);
		assert_int_equal(gk_utf8_check(d, strlen(d)), strlen(d));
		gk_free(d);
	}
	/* a buffer too small: cut at a character boundary, still terminated */
	gk_mask(GK_MASK_ADDRESS, "四川省攀枝花市盐边县", small, sizeof(small));
	assert_string_equal(small, "四川");
	gk_mask(GK_MASK_NAME, "欧阳娜娜", out, 1);
	assert_string_equal(out, "");
	gk_mask(GK_MASK_NAME, "欧阳娜娜", NULL, 0);	/* n = 0 writes nothing */
	/* out of memory */
	gk_mem_fail_after(0);
	assert_null(gk_mask_dup(GK_MASK_NAME, "张三"));
	gk_mem_fail_reset();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_names),
	cmocka_unit_test(test_phones),
	cmocka_unit_test(test_idnos),
	cmocka_unit_test(test_emails),
	cmocka_unit_test(test_addresses),
	cmocka_unit_test(test_hostile),
};

GK_TEST_MAIN("mask", tests)
