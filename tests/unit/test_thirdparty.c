/*
 * test_thirdparty.c — reports written by another program (LibreOffice:
 * DOCX re-saved, HTML turned into DOCX, DOCX exported as HTML and as text)
 * read back to exactly the model of the original text fixture.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/report_check.h"
#include "report/report_io.h"

static void
read_path(const char *path, struct gk_report *r)
{
	char	*buf, err[512];
	size_t	 len;

	buf = gk_test_slurp(path, &len);
	if (gk_report_read(buf, len, GK_FMT_AUTO, r, err, sizeof(err)) != GK_OK)
		fail_msg("%s: %s", path, err);
	free(buf);
}

static void
test_libreoffice_files(void **state)
{
	static const char *const files[] = {
		"tests/fixtures/thirdparty/county-2023-lo-resaved.docx",
		"tests/fixtures/thirdparty/county-2023-lo-from-html.docx",
		"tests/fixtures/thirdparty/county-2023-lo.html",
		"tests/fixtures/thirdparty/county-2023-lo.txt",
	};
	struct gk_report	want, got;
	struct gk_findings	f;
	char			diff[512];
	size_t			i;

	(void)state;
	read_path("tests/fixtures/text/county-2023.txt", &want);
	for (i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		read_path(files[i], &got);
		if (!gk_report_equal(&want, &got)) {
			gk_test_report_diff(&want, &got, diff, sizeof(diff));
			fail_msg("%s: %s", files[i], diff);
		}
		gk_findings_init(&f);
		assert_int_equal(gk_report_check(&got, &f), GK_OK);
		assert_int_equal(f.n, 0);
		gk_findings_clear(&f);
		gk_report_clear(&got);
	}
	gk_report_clear(&want);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_libreoffice_files),
};

GK_TEST_MAIN("thirdparty", tests)
