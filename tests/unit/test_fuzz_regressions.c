/*
 * test_fuzz_regressions.c — every input a fuzzer once crashed on, kept in
 * tests/fixtures/fuzz-crashes/, read in every format it could be taken for;
 * whatever the reader accepts must check, render as text and read back.
 * The sanitizers make an over-read here a failure.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/report_check.h"
#include "report/report_io.h"

#define DIR_CRASHES	"tests/fixtures/fuzz-crashes"

static void
replay(const char *path)
{
	static const enum gk_fmt fmts[] = { GK_FMT_AUTO, GK_FMT_TEXT, GK_FMT_HTML, GK_FMT_DOCX, GK_FMT_JSON };
	struct gk_report	 r, back;
	struct gk_findings	 f;
	struct gk_buf		 b;
	char			*buf, err[512];
	size_t			 len, i;

	buf = gk_test_slurp(path, &len);
	for (i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		if (gk_report_read(buf, len, fmts[i], &r, err, sizeof(err)) != GK_OK)
			continue;
		gk_findings_init(&f);
		assert_int_equal(gk_report_check(&r, &f), GK_OK);
		gk_findings_clear(&f);
		gk_buf_init(&b, 0);
		assert_int_equal(gk_render_text(&r, &b), GK_OK);
		if (gk_report_read(b.data, b.len, GK_FMT_TEXT, &back, err, sizeof(err)) != GK_OK)
			fail_msg("%s (%s): accepted, rendered, then refused: %s", path, gk_fmt_name(fmts[i]), err);
		gk_report_clear(&back);
		gk_buf_clear(&b);
		gk_report_clear(&r);
	}
	free(buf);
}

static void
test_replay_all(void **state)
{
	DIR		*d;
	struct dirent	*e;
	char		 path[512];
	int		 n = 0;

	(void)state;
	if ((d = opendir(DIR_CRASHES)) == NULL)
		fail_msg("cannot open %s", DIR_CRASHES);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || strcmp(e->d_name, "README.md") == 0)
			continue;
		snprintf(path, sizeof(path), "%s/%s", DIR_CRASHES, e->d_name);
		replay(path);
		n++;
	}
	closedir(d);
	assert_true(n > 0);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_replay_all),
};

GK_TEST_MAIN("fuzz_regressions", tests)
