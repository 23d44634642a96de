/*
 * test_cjk_token.c — the gk_cjk tokenizer (core/cjk_token.c): bigrams and
 * colocated unigrams of Han runs, lone Han characters, ASCII and
 * full-width folding, separators, exact byte offsets (each Han character
 * of the BMP is 3 bytes in UTF-8, worked out below per case), query mode,
 * long words, invalid UTF-8 and the early stop.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "core/cjk_token.h"

/* Tokens as "tok@start-end" separated by spaces; colocated ones with a '+'. */
struct out {
	char	 s[4096];
	size_t	 len;
	int	 n;
};

static int
collect(void *arg, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct out *o = arg;

	o->len += (size_t)snprintf(o->s + o->len, sizeof(o->s) - o->len, "%s%s%.*s@%zu-%zu",
	    o->len ? " " : "", (flags & GK_CJK_COLOCATED) ? "+" : "", (int)len, tok,
	    start, end);
	o->n++;
	return 0;
}

static void
tok_is(const char *in, enum gk_cjk_mode mode, const char *want)
{
	struct out o;

	memset(&o, 0, sizeof(o));
	assert_int_equal(gk_cjk_tokenize(in, strlen(in), mode, collect, &o), 0);
	assert_string_equal(o.s, want);
}

static void
han_runs(void **state)
{
	(void)state;
	/* 个 0-3, 人 3-6, 所 6-9, 得 9-12, 税 12-15. */
	tok_is("个人所得税", GK_CJK_DOC,
	    "个人@0-6 +个@0-3 人所@3-9 +人@3-6 所得@6-12 +所@6-9 得税@9-15 +得@9-12 +税@12-15");
	tok_is("个人所得税", GK_CJK_QUERY, "个人@0-6 人所@3-9 所得@6-12 得税@9-15");
	/* A lone Han character is a unigram in both modes. */
	tok_is("税", GK_CJK_DOC, "税@0-3");
	tok_is("税", GK_CJK_QUERY, "税@0-3");
	tok_is("a税b", GK_CJK_DOC, "a@0-1 税@1-4 b@4-5");
	/* Two characters: one bigram, both unigrams on its position. */
	tok_is("预算", GK_CJK_DOC, "预算@0-6 +预@0-3 +算@3-6");
	tok_is("预算", GK_CJK_QUERY, "预算@0-6");
	tok_is("", GK_CJK_DOC, "");
	tok_is("，。、 ", GK_CJK_DOC, "");
}

static void
mixed(void **state)
{
	(void)state;
	/* 2025 0-4, 年 4-7, 度 7-10, 预 10-13, 算 13-16. */
	tok_is("2025年度预算", GK_CJK_DOC,
	    "2025@0-4 年度@4-10 +年@4-7 度预@7-13 +度@7-10 预算@10-16 +预@10-13 +算@13-16");
	tok_is("2025年", GK_CJK_QUERY, "2025@0-4 年@4-7");
	/* GB/T 7714-2015: the slash, the space and the hyphen separate. */
	tok_is("GB/T 7714-2015", GK_CJK_QUERY, "gb@0-2 t@3-4 7714@5-9 2015@10-14");
	/* Full-width Ｇ Ｂ ２ ０ (3 bytes each) fold to ASCII; 《》 separate. */
	tok_is("ＧＢ２０《通知》", GK_CJK_QUERY, "gb20@0-12 通知@15-21");
	/* Letters glued to Han: the boundary splits them. */
	tok_is("PPP项目", GK_CJK_QUERY, "ppp@0-3 项目@3-9");
	/* Compatibility ideograph U+F900 (豈, EF A4 80) and Ext A U+3400 (E3 90 80). */
	tok_is("\xEF\xA4\x80\xE3\x90\x80", GK_CJK_QUERY, "\xEF\xA4\x80\xE3\x90\x80@0-6");
	/* A supplementary-plane ideograph U+20000 (F0 A0 80 80) is Han too. */
	tok_is("\xF0\xA0\x80\x80" "a", GK_CJK_DOC, "\xF0\xA0\x80\x80@0-4 a@4-5");
	/* Other letters are kept as words, unfolded: é (C3 A9). */
	tok_is("Caf\xC3\xA9 ok", GK_CJK_QUERY, "caf\xC3\xA9@0-5 ok@6-8");
	assert_true(gk_cjk_is_han(0x4E00));
	assert_true(gk_cjk_is_han(0x3007));
	assert_false(gk_cjk_is_han(0x3002));	/* 。 */
	assert_false(gk_cjk_is_han('a'));
}

static void
long_word(void **state)
{
	char	 in[200], want[400];
	int	 i;

	(void)state;
	for (i = 0; i < 100; i++)
		in[i] = (char)('A' + i % 26);
	in[100] = '\0';
	/* Cut at 64 folded bytes; the offsets still cover all 100. */
	for (i = 0; i < 64; i++)
		want[i] = (char)('a' + i % 26);
	snprintf(want + 64, sizeof(want) - 64, "@0-100");
	tok_is(in, GK_CJK_QUERY, want);
	/*
	 * 63 ASCII letters, then ё (D1 91, 2 bytes) that does not fit, then
	 * more letters: cut before ё, nothing after it (found by fuzz_cjk_token).
	 */
	memset(in, 'o', 63);
	memcpy(in + 63, "\xD1\x91" "ab", 5);
	memset(want, 'o', 63);
	snprintf(want + 63, sizeof(want) - 63, "@0-67");
	tok_is(in, GK_CJK_QUERY, want);
}

static void
bad_utf8(void **state)
{
	(void)state;
	/* A stray continuation byte splits a Han run; the runs stay exact. */
	tok_is("政\x80府", GK_CJK_DOC, "政@0-3 府@4-7");
	/* A truncated sequence at the end is skipped. */
	tok_is("ab\xE6\x94", GK_CJK_DOC, "ab@0-2");
	/* Overlong '/' (C0 AF), a surrogate (ED A0 80), past U+10FFFF (F4 90 80 80). */
	tok_is("a\xC0\xAF" "b\xED\xA0\x80" "c\xF4\x90\x80\x80" "d", GK_CJK_QUERY,
	    "a@0-1 b@3-4 c@7-8 d@12-13");
	tok_is("\xFF\xFE\xFD", GK_CJK_DOC, "");
}

static int
stop_after_two(void *arg, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	int *n = arg;

	(void)flags;
	(void)tok;
	(void)len;
	(void)start;
	(void)end;
	return ++*n == 2 ? 7 : 0;
}

static void
early_stop(void **state)
{
	int n = 0;

	(void)state;
	assert_int_equal(gk_cjk_tokenize("一二三四五", 15, GK_CJK_DOC, stop_after_two, &n), 7);
	assert_int_equal(n, 2);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(han_runs),
	cmocka_unit_test(mixed),
	cmocka_unit_test(long_word),
	cmocka_unit_test(bad_utf8),
	cmocka_unit_test(early_stop),
};

GK_TEST_MAIN("cjk_token", tests)
