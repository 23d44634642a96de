/*
 * fuzz_html.c — libFuzzer target for the HTML report reader: read the bytes
 * as an HTML page (libxml2 parse, grid expansion, recognition), check the
 * report that comes out, and release everything.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/report_check.h"
#include "report/report_io.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_report	 r;
	struct gk_findings	 f;
	char			 err[256];

	if (gk_report_read(data, size, GK_FMT_HTML, &r, err, sizeof(err)) == GK_OK) {
		gk_findings_init(&f);
		gk_report_check(&r, &f);
		gk_findings_clear(&f);
	} else if (err[0] == '\0')
		__builtin_trap();	/* every failure must say why */
	gk_report_clear(&r);
	return 0;
}
