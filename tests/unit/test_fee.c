/*
 * test_fee.c — the 信息处理费 of 国办函〔2020〕109号. Every expected amount
 * is worked out by hand in the comment next to it (元, then 分 = 元 × 100).
 * Boundaries: items 10/11, 30/31, 40/41; pages 30/31, 100/101, 200/201;
 * accumulation across one applicant's month; the band setting; never both
 * methods; bad inputs and the caps.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/fee.h"

static int64_t
item_fee(long prior, long n)
{
	struct fee_settings s;
	char err[256];
	int64_t fen = -1;

	fee_settings_default(&s);
	if (fee_per_item(&s, prior, n, &fen, err, sizeof(err)) != GK_OK)
		fail_msg("fee_per_item(%ld, %ld): %s", prior, n, err);
	return fen;
}

static int64_t
page_fee(long pages)
{
	char err[256];
	int64_t fen = -1;

	if (fee_per_volume(pages, &fen, err, sizeof(err)) != GK_OK)
		fail_msg("fee_per_volume(%ld): %s", pages, err);
	return fen;
}

static void
test_item_boundaries(void **state)
{
	(void)state;
	assert_int_equal(item_fee(0, 1), 0);		/* item 1: free */
	assert_int_equal(item_fee(0, 10), 0);		/* items 1–10: free */
	assert_int_equal(item_fee(0, 11), 10000);	/* item 11: 100 元 */
	assert_int_equal(item_fee(9, 1), 0);		/* item 10 alone: free */
	assert_int_equal(item_fee(10, 1), 10000);	/* item 11 alone: 100 元 */
	/* 1–30: 20 × 100 = 2000 元 */
	assert_int_equal(item_fee(0, 30), 200000);
	/* 1–31: 2000 + 1 × 200 = 2200 元 */
	assert_int_equal(item_fee(0, 31), 220000);
	assert_int_equal(item_fee(29, 1), 10000);	/* item 30: 100 元 */
	assert_int_equal(item_fee(30, 1), 20000);	/* item 31: 200 元 */
	/* 1–40: 2000 + 10 × 200 = 4000 元 */
	assert_int_equal(item_fee(0, 40), 400000);
	/* 1–41: 4000 + 1 × 300 = 4300 元 */
	assert_int_equal(item_fee(0, 41), 430000);
	assert_int_equal(item_fee(39, 1), 20000);	/* item 40: 200 元 */
	assert_int_equal(item_fee(40, 1), 30000);	/* item 41: 300 元 */
	/* 1–55: 2000 + 10×200 + 10×300 + 5×400 = 2000+2000+3000+2000 = 9000 元 */
	assert_int_equal(item_fee(0, 55), 900000);
	/* 0 items: nothing charged (a bare computation; fee_compute refuses it) */
	assert_int_equal(item_fee(25, 0), 0);
}

static void
test_item_month_accumulates(void **state)
{
	int64_t a, b, c;

	(void)state;
	/* One applicant's three applications in March: 8, 5 and 20 items. */
	a = item_fee(0, 8);	/* items 1–8: free */
	b = item_fee(8, 5);	/* items 9–13: 9, 10 free; 11–13 3 × 100 = 300 元 */
	c = item_fee(13, 20);	/* items 14–33: 14–30 17 × 100 = 1700; 31–33 3 × 200 = 600; 2300 元 */
	assert_int_equal(a, 0);
	assert_int_equal(b, 30000);
	assert_int_equal(c, 230000);
	/* The month's sum equals all 33 items at once: 2000 + 3 × 200 = 2600 元. */
	assert_int_equal(a + b + c, item_fee(0, 33));
	assert_int_equal(a + b + c, 260000);
	/* In April the count starts again: 5 items are free. */
	assert_int_equal(item_fee(0, 5), 0);
}

/*
 * The rate of item k written straight from 第四条 as we read it (default
 * settings), in 元: 0 up to 10, 100 up to 30, then 200 for 31–40, 300 for
 * 41–50, … i.e. 100 × (2 + (k − 31) / 10).
 */
static int64_t
rate_yuan(long k)
{
	if (k <= 10)
		return 0;
	if (k <= 30)
		return 100;
	return 100 * (2 + (k - 31) / 10);
}

static void
test_item_against_rates(void **state)
{
	long prior, n, k;
	int64_t want;

	(void)state;
	/* Every split of items 1..120 into (prior, n) against the item-by-item sum. */
	for (prior = 0; prior <= 60; prior++)
		for (n = 1; n <= 60; n++) {
			want = 0;
			for (k = prior + 1; k <= prior + n; k++)
				want += rate_yuan(k) * 100;
			if (item_fee(prior, n) != want)
				fail_msg("prior %ld, n %ld: got %lld, want %lld", prior, n,
				    (long long)item_fee(prior, n), (long long)want);
		}
}

static void
test_item_band_setting(void **state)
{
	struct fee_settings s;
	char err[256];
	int64_t fen;

	(void)state;
	fee_settings_default(&s);
	assert_int_equal(s.item_band_size, 10);
	assert_int_equal(s.item_band_raise, 10000);
	assert_int_equal(s.volume_needs_copy_form, 1);

	/* Bands of 5: 11–30 2000; 31–35 5×200 = 1000; 36–40 5×300 = 1500; 41 400: 4900 元 */
	s.item_band_size = 5;
	assert_int_equal(fee_per_item(&s, 0, 41, &fen, err, sizeof(err)), GK_OK);
	assert_int_equal(fen, 490000);
	/* Raise of 50 元, bands of 10: 2000 + 10×150 + 1×200 = 3700 元 */
	s.item_band_size = 10;
	s.item_band_raise = 5000;
	assert_int_equal(fee_per_item(&s, 0, 41, &fen, err, sizeof(err)), GK_OK);
	assert_int_equal(fen, 370000);
	/* Raise 0: a flat 100 元 from item 11: 1–41 = 31 × 100 = 3100 元 */
	s.item_band_raise = 0;
	assert_int_equal(fee_per_item(&s, 0, 41, &fen, err, sizeof(err)), GK_OK);
	assert_int_equal(fen, 310000);

	/* Out of range settings are refused with a message. */
	s.item_band_size = 0;
	assert_int_equal(fee_per_item(&s, 0, 41, &fen, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "分档件数"));
	s.item_band_size = FEE_BAND_SIZE_MAX + 1;
	assert_int_equal(fee_settings_check(&s, err, sizeof(err)), GK_EINVAL);
	s.item_band_size = 10;
	s.item_band_raise = -1;
	assert_int_equal(fee_settings_check(&s, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "每档加价"));
	s.item_band_raise = FEE_BAND_RAISE_MAX + 1;
	assert_int_equal(fee_settings_check(&s, err, sizeof(err)), GK_EINVAL);
	s.item_band_raise = 10000;
	s.volume_needs_copy_form = 2;
	assert_int_equal(fee_settings_check(&s, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(fee_settings_check(NULL, err, sizeof(err)), GK_EINVAL);
}

static void
test_volume_boundaries(void **state)
{
	(void)state;
	assert_int_equal(page_fee(0), 0);
	assert_int_equal(page_fee(30), 0);		/* 1–30 free */
	assert_int_equal(page_fee(31), 1000);		/* page 31: 10 元 */
	assert_int_equal(page_fee(100), 70000);		/* 31–100: 70 × 10 = 700 元 */
	assert_int_equal(page_fee(101), 72000);		/* 700 + 1 × 20 = 720 元 */
	assert_int_equal(page_fee(200), 270000);	/* 700 + 100 × 20 = 2700 元 */
	assert_int_equal(page_fee(201), 274000);	/* 2700 + 1 × 40 = 2740 元 */
	assert_int_equal(page_fee(250), 470000);	/* 2700 + 50 × 40 = 4700 元 */
	/* The cap: 2700 + (1,000,000 − 200) × 40 = 2700 + 39,992,000 = 39,994,700 元 */
	assert_int_equal(page_fee(FEE_PAGES_MAX), 3999470000LL);
}

static void
test_caps_and_bad_counts(void **state)
{
	struct fee_settings s;
	char err[256];
	int64_t fen = 77;

	(void)state;
	fee_settings_default(&s);
	/*
	 * Items 1–10,000 (the cap): 11–30 = 2000 元; 31–10,000 = 997 bands of
	 * 10, band j (1..997) at 100 + 100j 元: 10 × (100 × 997 + 100 × 997 × 998 / 2)
	 * = 997,000 + 497,503,000 = 498,500,000 元; total 498,502,000 元.
	 */
	assert_int_equal(fee_per_item(&s, 0, FEE_ITEMS_MAX, &fen, err, sizeof(err)), GK_OK);
	assert_int_equal(fen, 49850200000LL);
	assert_int_equal(fee_per_item(&s, FEE_ITEMS_MAX - 1, 1, &fen, err, sizeof(err)), GK_OK);
	/* One more is refused, also for absurd values that would overflow a sum. */
	fen = 77;
	assert_int_equal(fee_per_item(&s, FEE_ITEMS_MAX, 1, &fen, err, sizeof(err)), GK_ELIMIT);
	assert_non_null(strstr(err, "累计件数超过"));
	assert_int_equal(fee_per_item(&s, LONG_MAX, LONG_MAX, &fen, err, sizeof(err)), GK_ELIMIT);
	assert_int_equal(fee_per_item(&s, 1, LONG_MAX, &fen, err, sizeof(err)), GK_ELIMIT);
	assert_int_equal(fen, 77);	/* untouched when refused */
	assert_int_equal(fee_per_item(&s, -1, 1, &fen, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "负数"));
	assert_int_equal(fee_per_item(&s, 0, -5, &fen, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(fee_per_item(&s, LONG_MIN, 1, &fen, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(fee_per_volume(-1, &fen, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(fee_per_volume(FEE_PAGES_MAX + 1, &fen, err, sizeof(err)), GK_ELIMIT);
	assert_int_equal(fee_per_volume(LONG_MAX, &fen, err, sizeof(err)), GK_ELIMIT);
	assert_int_equal(fen, 77);
}

static void
test_compute_one_method(void **state)
{
	struct fee_settings s;
	struct fee_request r;
	char err[256];
	int64_t fen;

	(void)state;
	fee_settings_default(&s);
	memset(&r, 0, sizeof(r));
	r.method = FEE_PER_ITEM;
	r.prior_items = 10;
	r.items = 3;		/* items 11–13: 300 元 */
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_OK);
	assert_int_equal(fen, 30000);

	/* Never both on one application (第三条). */
	r.pages = 40;
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "只能选择一种方式"));
	memset(&r, 0, sizeof(r));
	r.method = FEE_PER_VOLUME;
	r.copy_form = 1;
	r.pages = 40;		/* pages 31–40: 10 × 10 = 100 元 */
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_OK);
	assert_int_equal(fen, 10000);
	r.items = 1;
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "只能选择一种方式"));
	r.items = 0;
	r.prior_items = 12;	/* 按量 does not accumulate across applications */
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_EINVAL);
	r.prior_items = 0;

	/* 按量 only for paper / e-mail / copied data, unless the agency says otherwise. */
	r.copy_form = 0;
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "第五条"));
	s.volume_needs_copy_form = 0;
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_OK);
	assert_int_equal(fen, 10000);

	/* An unknown method; an application of 0 items; no request. */
	r.method = (enum fee_method)7;
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "计收方式无效"));
	memset(&r, 0, sizeof(r));
	r.method = FEE_PER_ITEM;
	assert_int_equal(fee_compute(&s, &r, &fen, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "至少有 1 件"));
	assert_int_equal(fee_compute(&s, NULL, &fen, err, sizeof(err)), GK_EINVAL);

	/* Suggestion of 第五条 and the names. */
	assert_int_equal(fee_method_suggest(1), FEE_PER_VOLUME);
	assert_int_equal(fee_method_suggest(0), FEE_PER_ITEM);
	{
		enum fee_method m;

		assert_true(fee_method_from_name("按量计收", &m));
		assert_int_equal(m, FEE_PER_VOLUME);
		assert_true(fee_method_from_name("item", &m));
		assert_int_equal(m, FEE_PER_ITEM);
		assert_false(fee_method_from_name("按页", &m));
		assert_false(fee_method_from_name(NULL, &m));
		assert_string_equal(fee_method_label(FEE_PER_ITEM), "按件计收");
		assert_string_equal(fee_method_name((enum fee_method)9), "?");
	}
}

static void
test_explain(void **state)
{
	struct fee_settings s;
	struct fee_request r;
	struct gk_buf b;
	char err[256];

	(void)state;
	fee_settings_default(&s);
	memset(&r, 0, sizeof(r));
	r.method = FEE_PER_ITEM;
	r.prior_items = 8;
	r.items = 5;
	gk_buf_init(&b, 0);
	assert_int_equal(fee_explain(&b, &s, &r, err, sizeof(err)), GK_OK);
	assert_string_equal(b.data,
	    "按件计收（国办函〔2020〕109号第四条，同一申请人一个自然月内累计），"
	    "本次5件，为本月第9至13件（此前已有8件）：第9至10件，2件免费；"
	    "第11至13件，3件×100元=300元；合计300元。");
	gk_buf_clear(&b);

	/* Items 30–41: 30 at 100; 31–40 10 × 200 = 2000; 41 at 300: 2400 元 */
	r.prior_items = 29;
	r.items = 12;
	gk_buf_init(&b, 0);
	assert_int_equal(fee_explain(&b, &s, &r, err, sizeof(err)), GK_OK);
	assert_non_null(strstr(b.data, "第30件，1件×100元=100元；"));
	assert_non_null(strstr(b.data, "第31至40件，10件×200元=2000元；"));
	assert_non_null(strstr(b.data, "第41件，1件×300元=300元；合计2400元。"));
	gk_buf_clear(&b);

	memset(&r, 0, sizeof(r));
	r.method = FEE_PER_VOLUME;
	r.copy_form = 1;
	r.pages = 201;
	gk_buf_init(&b, 0);
	assert_int_equal(fee_explain(&b, &s, &r, err, sizeof(err)), GK_OK);
	assert_string_equal(b.data,
	    "按量计收（国办函〔2020〕109号第五条，按本次申请提供的页数），共201页："
	    "第1至30页，30页免费；第31至100页，70页×10元=700元；"
	    "第101至200页，100页×20元=2000元；第201页，1页×40元=40元；合计2740元。");
	gk_buf_clear(&b);

	/* A refused request appends nothing. */
	r.items = 2;
	gk_buf_init(&b, 0);
	assert_int_equal(fee_explain(&b, &s, &r, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(b.len, 0);
	gk_buf_clear(&b);
}

static void
test_format_and_totals(void **state)
{
	char buf[FEE_YUAN_LEN];
	struct gk_buf b;
	int64_t total = 0;

	(void)state;
	fee_format_yuan(30000, buf);
	assert_string_equal(buf, "300元");
	fee_format_yuan(123450, buf);
	assert_string_equal(buf, "1234.50元");
	fee_format_yuan(5, buf);
	assert_string_equal(buf, "0.05元");
	fee_format_yuan(0, buf);
	assert_string_equal(buf, "0元");
	fee_format_yuan(-150, buf);
	assert_string_equal(buf, "-1.50元");
	fee_format_yuan(INT64_MAX, buf);
	assert_string_equal(buf, "92233720368547758.07元");
	fee_format_yuan(INT64_MIN, buf);
	assert_string_equal(buf, "-92233720368547758.08元");

	/* The year: 300 + 2740 + 100 = 3140 元 */
	assert_int_equal(fee_total_add(&total, 30000), GK_OK);
	assert_int_equal(fee_total_add(&total, 274000), GK_OK);
	assert_int_equal(fee_total_add(&total, 10000), GK_OK);
	assert_int_equal(total, 314000);
	assert_int_equal(fee_total_add(&total, -1), GK_EINVAL);
	total = INT64_MAX - 5;
	assert_int_equal(fee_total_add(&total, 6), GK_ELIMIT);
	assert_int_equal(total, INT64_MAX - 5);

	gk_buf_init(&b, 0);
	assert_int_equal(fee_year_sentence(&b, 314000), GK_OK);
	assert_string_equal(b.data, "本年度收取信息处理费3140元。");
	gk_buf_clear(&b);
	gk_buf_init(&b, 0);
	assert_int_equal(fee_year_sentence(&b, 0), GK_OK);
	assert_string_equal(b.data, "本年度未收取信息处理费。");
	assert_int_equal(fee_year_sentence(&b, -1), GK_EINVAL);
	gk_buf_clear(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_item_boundaries),
	cmocka_unit_test(test_item_month_accumulates),
	cmocka_unit_test(test_item_against_rates),
	cmocka_unit_test(test_item_band_setting),
	cmocka_unit_test(test_volume_boundaries),
	cmocka_unit_test(test_caps_and_bad_counts),
	cmocka_unit_test(test_compute_one_method),
	cmocka_unit_test(test_explain),
	cmocka_unit_test(test_format_and_totals),
};

GK_TEST_MAIN("fee", tests)
