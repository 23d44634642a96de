/*
 * test_calendar.c — the working-day calendar: strict dates, the table of
 * hand-derived cases in tests/fixtures/calendar/cases.tsv (run against the
 * shipped data/cn-holidays.tsv), every bad line of a broken file reported
 * with its line, coverage, editing and the byte-exact format round trip,
 * limits and allocation failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/calendar.h"

#define DATA	"data/cn-holidays.tsv"
#define FIX	"tests/fixtures/calendar/"

static int32_t
D(const char *s)
{
	int32_t d;

	if (gk_date_parse(s, strlen(s), &d) != GK_OK)
		fail_msg("bad date in test: %s", s);
	return d;
}

static void
load_file(const char *path, struct calendar *cal)
{
	char err[4096], *buf;
	size_t len;

	buf = gk_test_slurp(path, &len);
	if (calendar_load(buf, len, cal, err, sizeof(err)) != GK_OK)
		fail_msg("%s: %s", path, err);
	free(buf);
}

static void
test_dates(void **state)
{
	static const char *bad[] = {
		"2025-2-01", "2025-02-1", "2025-02-30", "2023-02-29", "1900-02-29",
		"0000-01-01", "2025-00-10", "2025-13-01", "2025-01-32", " 2025-01-01",
		"2025/01/01", "2025-01-01x", "20250101", "", "２０２５-01-01", "2025-1a-01",
	};
	char buf[GK_DATE_LEN];
	int32_t d, e;
	int y, m, dd;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (gk_date_parse(bad[i], strlen(bad[i]), &d) != GK_EINVAL)
			fail_msg("accepted bad date \"%s\"", bad[i]);
	assert_int_equal(gk_date_parse("2024-02-29", 10, &d), GK_OK);
	assert_int_equal(gk_date_parse("2000-02-29", 10, &d), GK_OK);
	/* 1970-01-01 is day 0, a Thursday; 2000-01-01 a Saturday; 2025-01-01 a Wednesday. */
	assert_int_equal(D("1970-01-01"), 0);
	assert_int_equal(D("1970-01-02"), 1);
	assert_int_equal(D("1969-12-31"), -1);
	assert_int_equal(D("2000-03-01") - D("2000-02-28"), 2);
	assert_int_equal(D("2100-03-01") - D("2100-02-28"), 1);
	assert_int_equal(gk_date_weekday(D("1970-01-01")), 4);
	assert_int_equal(gk_date_weekday(D("2000-01-01")), 6);
	assert_int_equal(gk_date_weekday(D("2025-01-01")), 3);
	assert_int_equal(gk_date_weekday(D("2026-02-14")), 6);
	assert_int_equal(gk_date_weekday(D("1969-12-28")), 7);
	assert_string_equal(gk_date_weekday_cn(D("2025-09-28")), "星期日");
	/* Parse and format are inverse over the whole range. */
	for (d = D("0001-01-01"); d <= D("9999-12-31"); d += 97) {
		gk_date_format(d, buf);
		assert_int_equal(gk_date_parse(buf, strlen(buf), &e), GK_OK);
		assert_int_equal(e, d);
		gk_date_ymd(d, &y, &m, &dd);
		assert_int_equal(gk_date_from_ymd(y, m, dd, &e), GK_OK);
		assert_int_equal(e, d);
	}
	gk_date_format(D("9999-12-31"), buf);
	assert_string_equal(buf, "9999-12-31");
	gk_date_format(GK_DATE_NONE, buf);
	assert_string_equal(buf, "-");
	assert_int_equal(gk_days_in_month(2024, 2), 29);
	assert_int_equal(gk_days_in_month(2025, 2), 28);
}

/* Runs every case of cases.tsv; reports all failures with their lines. */
static void
test_cases_table(void **state)
{
	struct calendar cal;
	char *buf, *line, *next, err[1024], got[64], failures[8192] = "";
	size_t len, ln = 0, ncases = 0, nfail = 0;

	(void)state;
	load_file(DATA, &cal);
	buf = gk_test_slurp(FIX "cases.tsv", &len);
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		char *f[6];
		size_t nf = 0;
		const char *want = "";
		enum gk_err e = GK_OK;

		ln++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		for (f[nf++] = line; nf < 6 && (f[nf] = strchr(f[nf - 1], '\t')) != NULL; nf++)
			*f[nf]++ = '\0';
		ncases++;
		got[0] = '\0';
		if (strcmp(f[0], "workday") == 0 && nf >= 3) {
			int w = 0;

			want = f[2];
			e = calendar_is_workday(&cal, D(f[1]), &w, err, sizeof(err));
			snprintf(got, sizeof(got), "%s", e == GK_ENOTFOUND ? "error" :
			    e != GK_OK ? "?" : w ? "yes" : "no");
		} else if (strcmp(f[0], "add") == 0 && nf >= 4) {
			int32_t out;

			want = f[3];
			e = calendar_add_workdays(&cal, D(f[1]), (int)strtol(f[2], NULL, 10),
			    &out, err, sizeof(err));
			if (e == GK_OK)
				gk_date_format(out, got);
			else
				snprintf(got, sizeof(got), "%s", e == GK_ENOTFOUND ? "error" : "?");
		} else if (strcmp(f[0], "between") == 0 && nf >= 4) {
			long n;

			want = f[3];
			e = calendar_workdays_between(&cal, D(f[1]), D(f[2]), &n, err, sizeof(err));
			if (e == GK_OK)
				snprintf(got, sizeof(got), "%ld", n);
			else
				snprintf(got, sizeof(got), "%s", e == GK_ENOTFOUND ? "error" : "?");
		} else
			fail_msg("cases.tsv line %zu: unknown case", ln);
		/* An uncovered year is an error with a message naming the year. */
		if (strcmp(got, "error") == 0 && strstr(err, "未覆盖") == NULL)
			fail_msg("cases.tsv line %zu: error without message: %s", ln, err);
		if (strcmp(got, want) != 0) {
			size_t o = strlen(failures);

			snprintf(failures + o, sizeof(failures) - o,
			    "  line %zu: %s %s %s: got %s, want %s\n", ln, f[0], f[1],
			    f[2], got, want);
			nfail++;
		}
	}
	free(buf);
	calendar_clear(&cal);
	if (nfail)
		fail_msg("%zu of %zu cases failed:\n%s", nfail, ncases, failures);
	/* The issue asks for at least 30 dates across 春节, 国庆 and year boundaries. */
	assert_true(ncases >= 30);
}

/* add(d, n) == e implies between(d, e) == n, over every day of 2019-2026. */
static void
test_add_between_inverse(void **state)
{
	struct calendar cal;
	char err[512];
	int32_t d, e;
	long n;
	int k, w;

	(void)state;
	load_file(DATA, &cal);
	for (d = D("2019-01-01"); d <= D("2026-11-30"); d++)
		for (k = 0; k <= 20; k += 5) {
			assert_int_equal(calendar_add_workdays(&cal, d, k, &e, err, sizeof(err)), GK_OK);
			assert_int_equal(calendar_workdays_between(&cal, d, e, &n, err, sizeof(err)), GK_OK);
			assert_int_equal(n, k);
			if (k > 0) {
				/* The result is itself a working day. */
				assert_int_equal(calendar_is_workday(&cal, e, &w, err, sizeof(err)), GK_OK);
				assert_int_equal(w, 1);
			}
		}
	calendar_clear(&cal);
}

static void
test_coverage(void **state)
{
	struct calendar cal;
	int years[16], y, w;
	char err[512];
	size_t n;

	(void)state;
	load_file(DATA, &cal);
	/* 2018 has only 2018-12-29..31 (from the 2019 notice): not covered. */
	assert_false(calendar_covers(&cal, 2018));
	for (y = 2019; y <= 2026; y++)
		assert_true(calendar_covers(&cal, y));
	assert_false(calendar_covers(&cal, 2027));
	assert_false(calendar_covers(&cal, 0));
	assert_false(calendar_covers(&cal, 10000));
	n = calendar_years(&cal, years, 16);
	assert_int_equal(n, 8);
	assert_int_equal(years[0], 2019);
	assert_int_equal(years[7], 2026);
	/* Never a silent weekends-only answer: an explicit error with the year. */
	assert_int_equal(calendar_is_workday(&cal, D("2027-03-01"), &w, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_non_null(strstr(err, "2027 年"));
	assert_non_null(strstr(err, "2019—2026 年"));
	assert_int_equal(calendar_is_workday(&cal, GK_DATE_NONE, &w, err, sizeof(err)),
	    GK_ENOTFOUND);
	calendar_clear(&cal);

	/* An empty calendar covers nothing. */
	assert_int_equal(calendar_load("", 0, &cal, err, sizeof(err)), GK_OK);
	assert_int_equal(calendar_is_workday(&cal, D("2025-03-03"), &w, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_non_null(strstr(err, "没有任何年份"));
	calendar_clear(&cal);
}

static void
test_bad_tsv(void **state)
{
	struct calendar_issues *is;
	struct calendar cal;
	char *buf, *exp, *line, *next, err[8192];
	size_t len, i = 0;

	(void)state;
	is = malloc(sizeof(*is));
	assert_non_null(is);
	buf = gk_test_slurp(FIX "bad.tsv", &len);
	assert_int_equal(calendar_parse(buf, len, &cal, is), GK_EINVAL);
	assert_int_equal(cal.n, 0);
	exp = gk_test_slurp(FIX "bad.expect", NULL);
	for (line = exp; line != NULL && *line != '\0'; line = next) {
		char *tab;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		tab = strchr(line, '\t');
		assert_non_null(tab);
		*tab++ = '\0';
		if (i >= is->n)
			fail_msg("missing issue %s at line %s", tab, line);
		if ((size_t)strtoul(line, NULL, 10) != is->v[i].line ||
		    strcmp(tab, calendar_issue_id(is->v[i].code)) != 0)
			fail_msg("issue %zu: got line %zu %s (%s), want line %s %s", i,
			    is->v[i].line, calendar_issue_id(is->v[i].code), is->v[i].msg, line, tab);
		i++;
	}
	if (i != is->n)
		fail_msg("%zu issues, %zu expected; extra: line %zu %s", is->n, i,
		    is->v[i].line, is->v[i].msg);
	assert_int_equal(is->total, is->n);

	/* Messages say what is wrong, quoting the field safely. */
	assert_non_null(strstr(is->v[0].msg, "2025-02-30"));
	assert_non_null(strstr(is->v[1].msg, "holiday"));
	assert_non_null(strstr(is->v[2].msg, "星期一"));
	assert_non_null(strstr(is->v[4].msg, "4 列"));
	assert_non_null(strstr(is->v[5].msg, "第 9 行"));
	assert_non_null(strstr(is->v[15].msg, "\\xFF\\xFE"));

	/* calendar_load puts every line, numbered, into err. */
	assert_int_equal(calendar_load(buf, len, &cal, err, sizeof(err)), GK_EINVAL);
	assert_true(strncmp(err, "第3行：", strlen("第3行：")) == 0);
	assert_non_null(strstr(err, "\n第10行："));
	assert_non_null(strstr(err, "\n第22行："));
	assert_null(strstr(err, "第6行"));	/* off on a Saturday is fine */
	assert_null(strstr(err, "第18行"));	/* same date, same kind: merged */
	/* A small buffer is never overrun and says how many there were. */
	memset(err, 'x', sizeof(err));
	assert_int_equal(calendar_load(buf, len, &cal, err, 120), GK_EINVAL);
	assert_true(strlen(err) < 120);
	assert_int_equal(err[119 + 1], 'x');
	free(buf);
	free(exp);
	free(is);
}

static void
test_bad_small(void **state)
{
	static const struct {
		const char	*in;
		size_t		 line;
		const char	*id;
		size_t		 len;	/* 0: strlen */
	} c[] = {
		{ "2025-01-04\toff\t元旦\n2025-01-04\twork\t元旦\n", 2, "CAL-CONFLICT", 0 },
		{ "2025-01-01\toff\t元旦\n2025-01-01\twork\t元旦\n", 2, "CAL-WORKDAY", 0 },
		{ "\n\n\n2025-01-04\tOff\tx\n", 4, "CAL-KIND", 0 },
		{ "2025-01-04\toff\tx\r\n2025-01-06\twork\tx\r\n", 2, "CAL-WORKDAY", 0 },
		{ "# c\n2025-01-04\n", 2, "CAL-FIELDS", 0 },
		{ "2025-01-04\toff\tx\0y\n", 1, "CAL-NUL", sizeof("2025-01-04\toff\tx\0y\n") - 1 },
		{ "# a\0comment\n", 1, "CAL-NUL", sizeof("# a\0comment\n") - 1 },
		{ "  # indented comment is data\n", 1, "CAL-FIELDS", 0 },
	};
	struct calendar_issues *is = malloc(sizeof(*is));
	struct calendar cal;
	size_t i;

	(void)state;
	assert_non_null(is);
	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		size_t len = c[i].len ? c[i].len : strlen(c[i].in);

		assert_int_equal(calendar_parse(c[i].in, len, &cal, is), GK_EINVAL);
		assert_int_equal(is->n, 1);
		assert_int_equal(is->v[0].line, c[i].line);
		assert_string_equal(calendar_issue_id(is->v[0].code), c[i].id);
	}
	/* Found by fuzz_calendar: NUL bytes in a comment broke the round trip. */
	{
		size_t flen;
		char *fb = gk_test_slurp(FIX "fuzz-nul-comment.tsv", &flen);

		assert_int_equal(calendar_parse(fb, flen, &cal, is), GK_EINVAL);
		assert_int_equal(is->n, 1);
		assert_int_equal(is->v[0].line, 8);
		assert_int_equal(is->v[0].code, CALENDAR_E_NUL);
		free(fb);
	}
	/* Found by fuzz_calendar: a comment ending in several CRs changed on every rewrite. */
	{
		struct gk_buf b1, b2;
		struct calendar c2;
		size_t flen;
		char err[256], *fb = gk_test_slurp(FIX "fuzz-cr-comment.tsv", &flen);

		assert_int_equal(calendar_load(fb, flen, &cal, err, sizeof(err)), GK_OK);
		gk_buf_init(&b1, 0);
		gk_buf_init(&b2, 0);
		assert_int_equal(calendar_format(&cal, &b1), GK_OK);
		assert_string_equal(b1.data, "#\n");
		assert_int_equal(calendar_load(b1.data, b1.len, &c2, err, sizeof(err)), GK_OK);
		assert_int_equal(calendar_format(&c2, &b2), GK_OK);
		assert_string_equal(b2.data, "#\n");
		gk_buf_clear(&b1);
		gk_buf_clear(&b2);
		calendar_clear(&c2);
		calendar_clear(&cal);
		free(fb);
	}
	/* More bad lines than are recorded: all are counted. */
	{
		struct gk_buf b;

		gk_buf_init(&b, 0);
		for (i = 0; i < 500; i++)
			gk_buf_puts(&b, "bad line\n");
		assert_int_equal(calendar_parse(b.data, b.len, &cal, is), GK_EINVAL);
		assert_int_equal(is->n, CALENDAR_MAX_ISSUES);
		assert_int_equal(is->total, 500);
		gk_buf_clear(&b);
	}
	/* Too large. */
	assert_int_equal(calendar_parse("", CALENDAR_MAX_INPUT + 1, &cal, is), GK_ELIMIT);
	free(is);
}

/* The shipped file and a small one come back byte for byte. */
static void
test_format_round_trip(void **state)
{
	static const char *files[] = { DATA, FIX "good.tsv" };
	struct calendar cal;
	struct gk_buf b;
	char *buf;
	size_t len, i;

	(void)state;
	for (i = 0; i < 2; i++) {
		buf = gk_test_slurp(files[i], &len);
		load_file(files[i], &cal);
		gk_buf_init(&b, 0);
		assert_int_equal(calendar_format(&cal, &b), GK_OK);
		assert_int_equal(b.len, len);
		assert_memory_equal(b.data, buf, len);
		gk_buf_clear(&b);
		calendar_clear(&cal);
		free(buf);
	}
}

static void
test_unsorted_crlf_bom(void **state)
{
	static const char in[] =
	    "\xEF\xBB\xBF# header\r\n"
	    "2025-10-01\toff\t国庆节\r\n"
	    "2025-01-01\toff\t元旦\r\n"
	    "2025-10-01\toff\t国庆节（重复）\r\n";
	static const char out[] =
	    "# header\n"
	    "2025-01-01\toff\t元旦\n"
	    "2025-10-01\toff\t国庆节\n";
	struct calendar cal;
	struct gk_buf b;
	char err[512];

	(void)state;
	assert_int_equal(calendar_load(in, sizeof(in) - 1, &cal, err, sizeof(err)), GK_OK);
	assert_int_equal(cal.n, 2);
	assert_int_equal(cal.v[0].line, 3);
	assert_string_equal(cal.v[1].name, "国庆节");	/* the first line stands */
	gk_buf_init(&b, 0);
	assert_int_equal(calendar_format(&cal, &b), GK_OK);
	assert_string_equal(b.data, out);
	gk_buf_clear(&b);
	calendar_clear(&cal);
}

/* Entering next year's notice: 2027 becomes covered; edits survive a round trip. */
static void
test_set_unset(void **state)
{
	struct calendar cal, again;
	struct gk_buf b;
	char err[512];
	int32_t out;
	int w;
	size_t i, n0;

	(void)state;
	load_file(DATA, &cal);
	n0 = cal.n;
	assert_int_equal(calendar_add_workdays(&cal, D("2026-12-31"), 1, &out, err, sizeof(err)),
	    GK_ENOTFOUND);
	/* A hypothetical 2027 元旦: Friday 1/1 off. */
	assert_int_equal(calendar_set(&cal, D("2027-01-01"), CALENDAR_OFF, "元旦", err, sizeof(err)), GK_OK);
	assert_true(calendar_covers(&cal, 2027));
	assert_int_equal(calendar_add_workdays(&cal, D("2026-12-31"), 1, &out, err, sizeof(err)), GK_OK);
	assert_int_equal(out, D("2027-01-04"));
	/* work on a weekday is refused; on a Sunday accepted. */
	assert_int_equal(calendar_set(&cal, D("2027-01-05"), CALENDAR_WORK, "x", err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "星期二"));
	assert_int_equal(calendar_set(&cal, D("2027-02-07"), CALENDAR_WORK, "春节", err, sizeof(err)), GK_OK);
	assert_int_equal(calendar_is_workday(&cal, D("2027-02-07"), &w, err, sizeof(err)), GK_OK);
	assert_int_equal(w, 1);
	/* Bad names. */
	assert_int_equal(calendar_set(&cal, D("2027-02-08"), CALENDAR_OFF, "", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(calendar_set(&cal, D("2027-02-08"), CALENDAR_OFF, "a\tb", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(calendar_set(&cal, D("2027-02-08"), CALENDAR_OFF, "\xe5\xbd", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(calendar_set(&cal, D("2027-02-08"), CALENDAR_OFF, NULL, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(calendar_set(&cal, GK_DATE_NONE, CALENDAR_OFF, "x", err, sizeof(err)), GK_EINVAL);
	/* Replacing an existing date: 2026-10-10 (Saturday) work -> off. */
	assert_int_equal(calendar_set(&cal, D("2026-10-10"), CALENDAR_OFF, "改", err, sizeof(err)), GK_OK);
	assert_int_equal(calendar_is_workday(&cal, D("2026-10-10"), &w, err, sizeof(err)), GK_OK);
	assert_int_equal(w, 0);
	assert_int_equal(cal.n, n0 + 2);

	gk_buf_init(&b, 0);
	assert_int_equal(calendar_format(&cal, &b), GK_OK);
	assert_int_equal(calendar_load(b.data, b.len, &again, err, sizeof(err)), GK_OK);
	assert_int_equal(again.n, cal.n);
	for (i = 0; i < cal.n; i++) {
		assert_int_equal(again.v[i].date, cal.v[i].date);
		assert_int_equal(again.v[i].kind, cal.v[i].kind);
		assert_string_equal(again.v[i].name, cal.v[i].name);
	}
	/* The header comments are still first. */
	assert_true(strncmp(b.data, "# China (mainland) public holidays", 34) == 0);
	gk_buf_clear(&b);
	calendar_clear(&again);

	/* unset: 2027 is no longer covered once its January entry goes. */
	assert_int_equal(calendar_unset(&cal, D("2027-01-01"), err, sizeof(err)), GK_OK);
	assert_int_equal(calendar_unset(&cal, D("2027-01-01"), err, sizeof(err)), GK_ENOTFOUND);
	assert_true(calendar_covers(&cal, 2027));	/* 2027-02-07 is still there */
	assert_int_equal(calendar_unset(&cal, D("2027-02-07"), err, sizeof(err)), GK_OK);
	assert_false(calendar_covers(&cal, 2027));
	/* Removing the first entry keeps the file's header comments. */
	assert_int_equal(calendar_unset(&cal, cal.v[0].date, err, sizeof(err)), GK_OK);
	gk_buf_init(&b, 0);
	assert_int_equal(calendar_format(&cal, &b), GK_OK);
	assert_true(strncmp(b.data, "# China (mainland) public holidays", 34) == 0);
	gk_buf_clear(&b);
	calendar_clear(&cal);
}

static void
test_limits(void **state)
{
	struct calendar cal;
	char err[512];
	int32_t out;
	long n;

	(void)state;
	load_file(DATA, &cal);
	assert_int_equal(calendar_add_workdays(&cal, D("2025-01-02"), -1, &out, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(calendar_add_workdays(&cal, D("2025-01-02"), CALENDAR_MAX_N + 1, &out, err, sizeof(err)), GK_EINVAL);
	/* Large N runs into 2027, which is not covered. */
	assert_int_equal(calendar_add_workdays(&cal, D("2025-01-02"), CALENDAR_MAX_N, &out, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(calendar_workdays_between(&cal, D("2025-01-02"), D("2200-01-01"), &n, err, sizeof(err)), GK_ELIMIT);
	assert_int_equal(calendar_workdays_between(&cal, GK_DATE_NONE, D("2025-01-01"), &n, err, sizeof(err)), GK_ENOTFOUND);
	/* A calendar that covers 9999: stepping past 9999-12-31 is an error, not a wrap. */
	calendar_clear(&cal);
	assert_int_equal(calendar_load("9999-01-04\toff\tx\n", 17, &cal, err, sizeof(err)), GK_OK);
	assert_int_equal(calendar_add_workdays(&cal, D("9999-12-30"), 1, &out, err, sizeof(err)), GK_OK);
	assert_int_equal(out, D("9999-12-31"));
	assert_int_equal(calendar_add_workdays(&cal, D("9999-12-31"), 1, &out, err, sizeof(err)), GK_ENOTFOUND);
	calendar_clear(&cal);
}

/* Every allocation failure is reported, never a crash or a leak. */
static void
test_alloc_failures(void **state)
{
	struct calendar cal;
	char *buf, err[512];
	size_t len;
	long k;
	enum gk_err e;

	(void)state;
	buf = gk_test_slurp(FIX "good.tsv", &len);
	for (k = 0; k < 200; k++) {
		gk_mem_fail_after(k);
		e = calendar_load(buf, len, &cal, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK) {
			calendar_clear(&cal);
			break;
		}
		assert_int_equal(e, GK_ENOMEM);
		assert_int_equal(cal.n, 0);
	}
	assert_true(k < 200);
	load_file(FIX "good.tsv", &cal);
	gk_mem_fail_after(0);
	e = calendar_set(&cal, D("2026-05-01"), CALENDAR_OFF, "劳动节", err, sizeof(err));
	gk_mem_fail_reset();
	assert_int_equal(e, GK_ENOMEM);
	calendar_clear(&cal);
	free(buf);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_dates),
	cmocka_unit_test(test_cases_table),
	cmocka_unit_test(test_add_between_inverse),
	cmocka_unit_test(test_coverage),
	cmocka_unit_test(test_bad_tsv),
	cmocka_unit_test(test_bad_small),
	cmocka_unit_test(test_format_round_trip),
	cmocka_unit_test(test_unsorted_crlf_bom),
	cmocka_unit_test(test_set_unset),
	cmocka_unit_test(test_limits),
	cmocka_unit_test(test_alloc_failures),
};

GK_TEST_MAIN("calendar", tests)
