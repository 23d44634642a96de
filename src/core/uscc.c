/*
 * uscc.c — the 统一社会信用代码 (unified social credit code) of GB 32100-2015:
 * charset, region positions and the MOD 31 check character. Pure logic;
 * used by the agency store and by 索引号 patterns.
 */
#include <stdio.h>
#include <string.h>

#include "core/uscc.h"

/*
 * GB 32100-2015 §4 and §5: the code's charset (31 characters: 0-9 and
 * A-Z without I, O, Z, S, V), each character's value its index here, and
 * the weights W_i = 3^(i-1) mod 31 of positions 1..17.
 */
static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
static const int uscc_weight[17] = {
	1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
};

static int
uscc_value(char c)
{
	const char *p;

	if (c == '\0' || (p = strchr(uscc_charset, c)) == NULL)
		return -1;
	return (int)(p - uscc_charset);
}

char
gk_uscc_check_char(const char *s)
{
	int i, v, sum = 0, c;

	for (i = 0; i < 17; i++) {
		if ((v = uscc_value(s[i])) < 0)
			return '\0';
		sum += v * uscc_weight[i];
	}
	/* GB 32100-2015 §5: C18 = 31 - MOD(Σ Ci×Wi, 31); 31 becomes 0. */
	c = 31 - sum % 31;
	return uscc_charset[c == 31 ? 0 : c];
}

int
gk_uscc_valid(const char *s, char *err, size_t errlen)
{
	size_t	n, i;
	char	want;

	if (s == NULL || (n = strlen(s)) == 0) {
		snprintf(err, errlen, "统一社会信用代码为空");
		return 0;
	}
	if (n != GK_USCC_LEN) {
		snprintf(err, errlen, "统一社会信用代码应为 18 位，实为 %zu 个字节", n);
		return 0;
	}
	for (i = 0; i < n; i++) {
		if (uscc_value(s[i]) < 0) {
			snprintf(err, errlen, "统一社会信用代码第 %zu 位“%c”不在 GB 32100 "
			    "字符集内（数字及除 I、O、Z、S、V 外的大写字母）", i + 1,
			    (unsigned char)s[i] < 0x80 && s[i] >= 0x20 ? s[i] : '?');
			return 0;
		}
		/* Positions 3-8: the registering authority's GB/T 2260 region code. */
		if (i >= 2 && i <= 7 && (s[i] < '0' || s[i] > '9')) {
			snprintf(err, errlen, "统一社会信用代码第 %zu 位应为数字"
			    "（第 3～8 位是登记管理机关行政区划码）", i + 1);
			return 0;
		}
	}
	want = gk_uscc_check_char(s);
	if (s[17] != want) {
		snprintf(err, errlen, "统一社会信用代码校验码错误：第 18 位应为 %c，实为 %c",
		    want, s[17]);
		return 0;
	}
	return 1;
}

