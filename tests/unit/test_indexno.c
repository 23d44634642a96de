/*
 * test_indexno.c — 索引号 patterns: the default pattern and the other forms
 * seen on government sites (legal.md §5.5), pattern errors, sequence
 * overflow, overlong output, parse-back of imported numbers, and the
 * 统一社会信用代码 check character.
 */
#include <string.h>

#include "harness.h"
#include "core/uscc.h"
#include "core/indexno.h"

static void
fmt_ok(const char *pattern, const struct indexno_fields *f, const char *want)
{
	char out[INDEXNO_MAX + 1], err[256];

	err[0] = '\0';
	if (indexno_format(pattern, f, out, sizeof(out), err, sizeof(err)) != GK_OK)
		fail_msg("%s: %s", pattern, err);
	assert_string_equal(out, want);
}

static void
default_pattern(void **state)
{
	struct indexno_fields f = { "11441700007280420Y", 2021, 0, 50, NULL };

	(void)state;
	/* 阳江: 11441700007280420Y/2021-00050 (legal.md §5.5). */
	fmt_ok(INDEXNO_DEFAULT_PATTERN, &f, "11441700007280420Y/2021-00050");
	/* 兖州: 11370812004339255B/2020-22849. */
	f.code = "11370812004339255B";
	f.year = 2020;
	f.seq = 22849;
	fmt_ok(INDEXNO_DEFAULT_PATTERN, &f, "11370812004339255B/2020-22849");
	f.seq = 1;
	fmt_ok(INDEXNO_DEFAULT_PATTERN, &f, "11370812004339255B/2020-00001");
	f.seq = 99999;
	fmt_ok(INDEXNO_DEFAULT_PATTERN, &f, "11370812004339255B/2020-99999");
	/* gov.cn: 000014349/2018-00222 (9-character organisation code). */
	f.code = "000014349";
	f.year = 2018;
	f.seq = 222;
	fmt_ok(INDEXNO_DEFAULT_PATTERN, &f, "000014349/2018-00222");
}

static void
other_patterns(void **state)
{
	struct indexno_fields f = { "11341702486344515H", 2021, 10, 13, "zcwj-gz" };

	(void)state;
	/* 宁国: year and month, 11341702486344515H/202110-00013. */
	fmt_ok("{code}/{year}{month}-{seq:5}", &f, "11341702486344515H/202110-00013");
	f.month = 3;
	fmt_ok("{code}/{year}{month}-{seq:5}", &f, "11341702486344515H/202103-00013");
	/* 怒江: hyphens and six digits, 01527918X-2020-153077. */
	f.code = "01527918X";
	f.year = 2020;
	f.seq = 153077;
	fmt_ok("{code}-{year}-{seq:6}", &f, "01527918X-2020-153077");
	f.seq = 7;
	fmt_ok("{code}-{year}-{seq:6}", &f, "01527918X-2020-000007");
	/* With the category's short code. */
	f.seq = 12;
	fmt_ok("{code}/{category}/{year}-{seq:4}", &f, "01527918X/zcwj-gz/2020-0012");
	f.seq = 3;
	fmt_ok("GK.{year}.{seq:1}", &f, "GK.2020.3");
	f.seq = 999999999999LL;
	fmt_ok("{seq:12}", &f, "999999999999");
}

static void
pattern_errors(void **state)
{
	static const struct {
		const char	*pattern;
		enum gk_err	 e;
		const char	*msg;	/* a part of the message */
	} bad[] = {
		{ "", GK_EINVAL, "为空" },
		{ "{code}/{year}", GK_EINVAL, "缺少序号占位符" },
		{ "{code}/{year}-{seq}", GK_EINVAL, "须写明位数" },
		{ "{code}/{year}-{seq:}", GK_EINVAL, "须写明位数" },
		{ "{code}/{year}-{seq:0}", GK_EINVAL, "1 至 12" },
		{ "{code}/{year}-{seq:13}", GK_EINVAL, "1 至 12" },
		{ "{code}/{year}-{seq:123}", GK_EINVAL, "须写明位数" },
		{ "{code}/{year}-{seq:5x}", GK_EINVAL, "1 至 12" },
		{ "{code}/{year}-{seq:5}{seq:3}", GK_EINVAL, "只能有一个" },
		{ "{code}/{yaer}-{seq:5}", GK_EINVAL, "未知的占位符“{yaer}”" },
		{ "{统一社会信用代码}/{year}-{seq:5}", GK_EINVAL, "未知的占位符" },
		{ "{code/{year}-{seq:5}", GK_EINVAL, "没有对应的“}”" },
		{ "{code}/{year}-{seq:5", GK_EINVAL, "没有对应的“}”" },
		{ "{code}}/{year}-{seq:5}", GK_EINVAL, "多余的“}”" },
		{ "{code} {year}-{seq:5}", GK_EINVAL, "第 7 个字符不可用" },
		{ "{code}/{year}—{seq:5}", GK_EINVAL, "不可用" },
		{ "{code}{category}-{seq:5}", GK_EINVAL, "分隔文字" },
		{ "{code}/{code}/{seq:5}", GK_ELIMIT, "超过上限 64" },
		{ "ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHIJKLM{seq:1}", GK_ELIMIT, "超过上限" },
	};
	char	err[512];
	size_t	i;

	(void)state;
	assert_int_equal(indexno_pattern_check(INDEXNO_DEFAULT_PATTERN, err, sizeof(err)), GK_OK);
	assert_int_equal(indexno_pattern_check("{code}/{year}{month}-{seq:5}", err, sizeof(err)), GK_OK);
	assert_int_equal(indexno_pattern_check("{code}-{year}-{seq:6}", err, sizeof(err)), GK_OK);
	assert_int_equal(indexno_pattern_check("{code}/{category}/{seq:5}", err, sizeof(err)), GK_OK);
	assert_int_equal(indexno_pattern_check(NULL, err, sizeof(err)), GK_EINVAL);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (indexno_pattern_check(bad[i].pattern, err, sizeof(err)) != bad[i].e ||
		    strstr(err, bad[i].msg) == NULL)
			fail_msg("pattern %s: want “%s”, got “%s”", bad[i].pattern, bad[i].msg, err);
	}
}

static void
fields(void **state)
{
	unsigned	f;
	int		w;

	(void)state;
	assert_int_equal(indexno_pattern_fields(INDEXNO_DEFAULT_PATTERN, &f, &w), GK_OK);
	assert_int_equal(f, INDEXNO_F_CODE | INDEXNO_F_YEAR | INDEXNO_F_SEQ);
	assert_int_equal(w, 5);
	assert_int_equal(indexno_pattern_fields("{code}/{category}/{year}{month}-{seq:6}", &f, &w),
	    GK_OK);
	assert_int_equal(f, INDEXNO_F_CODE | INDEXNO_F_CATEGORY | INDEXNO_F_YEAR |
	    INDEXNO_F_MONTH | INDEXNO_F_SEQ);
	assert_int_equal(w, 6);
	assert_int_equal(indexno_pattern_fields("{year}", &f, &w), GK_EINVAL);
}

static void
format_errors(void **state)
{
	struct indexno_fields	 f = { "11441700007280420Y", 2025, 1, 99999, "gzdt" };
	char			 out[INDEXNO_MAX + 1], small[10], err[256];

	(void)state;
	/* 99999 + 1 with five digits is an error, never a wrap to 00000. */
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_OK);
	f.seq = 100000;
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_ELIMIT);
	assert_string_equal(out, "");
	assert_non_null(strstr(err, "超出 5 位"));
	assert_non_null(strstr(err, "99999"));
	f.seq = 0;
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.seq = -3;
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.seq = 1;
	f.code = "";
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "机构代码"));
	f.code = NULL;
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.code = "1144/1700";	/* a separator inside the code would break parse-back */
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.code = "11441700007280420y";
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.code = "11441700007280420Y";
	f.year = 999;
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.year = 2025;
	f.month = 13;
	assert_int_equal(indexno_format("{year}{month}-{seq:3}", &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.month = 0;	/* ignored when the pattern has no {month} */
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, out, sizeof(out), err,
	    sizeof(err)), GK_OK);
	f.category = "ZCWJ";
	assert_int_equal(indexno_format("{category}-{seq:3}", &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	f.category = NULL;
	assert_int_equal(indexno_format("{category}-{seq:3}", &f, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
	/* The caller's buffer is too small: an error, not a truncated 索引号. */
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, &f, small, sizeof(small), err,
	    sizeof(err)), GK_ELIMIT);
	assert_string_equal(small, "");
	assert_int_equal(indexno_format("{bad}", &f, out, sizeof(out), err, sizeof(err)), GK_EINVAL);
	assert_int_equal(indexno_format(INDEXNO_DEFAULT_PATTERN, NULL, out, sizeof(out), err,
	    sizeof(err)), GK_EINVAL);
}

static void
parse_back(void **state)
{
	struct indexno_parsed	p;
	char			err[256];

	(void)state;
	assert_int_equal(indexno_parse(INDEXNO_DEFAULT_PATTERN, "11441700007280420Y/2021-00050",
	    &p, err, sizeof(err)), GK_OK);
	assert_string_equal(p.code, "11441700007280420Y");
	assert_int_equal(p.year, 2021);
	assert_int_equal(p.seq, 50);
	assert_int_equal(p.month, 0);

	assert_int_equal(indexno_parse("{code}/{year}{month}-{seq:5}",
	    "11341702486344515H/202110-00013", &p, err, sizeof(err)), GK_OK);
	assert_int_equal(p.year, 2021);
	assert_int_equal(p.month, 10);
	assert_int_equal(p.seq, 13);

	assert_int_equal(indexno_parse("{code}-{year}-{seq:6}", "01527918X-2020-153077", &p, err,
	    sizeof(err)), GK_OK);
	assert_string_equal(p.code, "01527918X");
	assert_int_equal(p.seq, 153077);

	/* No separator between code and year: the fixed-width year decides. */
	assert_int_equal(indexno_parse("{code}{year}{seq:3}", "A20242025007", &p, err,
	    sizeof(err)), GK_OK);
	assert_string_equal(p.code, "A2024");
	assert_int_equal(p.year, 2025);
	assert_int_equal(p.seq, 7);

	assert_int_equal(indexno_parse("{category}/{year}-{seq:4}", "czxx-sgjf/2024-0002", &p,
	    err, sizeof(err)), GK_OK);
	assert_string_equal(p.category, "czxx-sgjf");

	/* A repeated placeholder must repeat the same value. */
	assert_int_equal(indexno_parse("{year}/{year}-{seq:2}", "2024/2024-01", &p, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(indexno_parse("{year}/{year}-{seq:2}", "2024/2025-01", &p, err,
	    sizeof(err)), GK_EINVAL);

	/* Numbers that do not fit the pattern. */
	static const char *const no[] = {
		"11441700007280420Y/2021-0050",		/* four digits, not five */
		"11441700007280420Y/2021-000050",	/* six */
		"11441700007280420Y/2021-00000",	/* sequence 0 */
		"11441700007280420Y-2021-00050",	/* wrong separator */
		"11441700007280420Y/21-00050",		/* two-digit year */
		"11441700007280420Y/0999-00050",	/* year 999 */
		"/2021-00050",				/* no code */
		"11441700007280420y/2021-00050",	/* lower case */
		"11441700007280420Y/2021-00050 ",	/* trailing space */
		"11441700007280420Y/2021-0005a",
		"",
	};
	size_t i;

	for (i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		err[0] = '\0';
		if (indexno_parse(INDEXNO_DEFAULT_PATTERN, no[i], &p, err, sizeof(err)) != GK_EINVAL)
			fail_msg("“%s” parsed", no[i]);
		assert_non_null(strstr(err, "不符合规则"));
	}
	assert_int_equal(indexno_parse("{code}/{year}{month}-{seq:5}",
	    "11341702486344515H/202113-00013", &p, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(indexno_parse("{code}/{year}{month}-{seq:5}",
	    "11341702486344515H/202100-00013", &p, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(indexno_parse("{nope}", "x", &p, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(indexno_parse(INDEXNO_DEFAULT_PATTERN, NULL, &p, err, sizeof(err)),
	    GK_EINVAL);
}

static void
uscc(void **state)
{
	char err[256];

	(void)state;
	/* Real codes from legal.md §5.5 carry valid check characters. */
	assert_true(gk_uscc_valid("11441700007280420Y", err, sizeof(err)));
	assert_true(gk_uscc_valid("11370812004339255B", err, sizeof(err)));
	assert_true(gk_uscc_valid("11341702486344515H", err, sizeof(err)));
	/* One character changed, a wrong check character, bad letters, bad length. */
	assert_false(gk_uscc_valid("11441700007280421Y", err, sizeof(err)));
	assert_false(gk_uscc_valid("11441700007280420X", err, sizeof(err)));
	assert_false(gk_uscc_valid("1144170000728042OY", err, sizeof(err)));	/* O is not used */
	assert_false(gk_uscc_valid("11441700007280420", err, sizeof(err)));
	assert_false(gk_uscc_valid("000014349", err, sizeof(err)));
	assert_false(gk_uscc_valid(NULL, err, sizeof(err)));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(default_pattern),
	cmocka_unit_test(other_patterns),
	cmocka_unit_test(pattern_errors),
	cmocka_unit_test(fields),
	cmocka_unit_test(format_errors),
	cmocka_unit_test(parse_back),
	cmocka_unit_test(uscc),
};

GK_TEST_MAIN("indexno", tests)
