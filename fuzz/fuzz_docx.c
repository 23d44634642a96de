/*
 * fuzz_docx.c — libFuzzer target for the DOCX report reader: read the bytes
 * as a .docx package (libzip from memory, size and entry limits, libxml2
 * without DTDs, the body walk, recognition), check the report that comes
 * out, and release everything. A report that is read must also render back
 * to a .docx.
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
	struct gk_buf		 b;
	char			 err[256];

	if (gk_report_read(data, size, GK_FMT_DOCX, &r, err, sizeof(err)) == GK_OK) {
		gk_findings_init(&f);
		gk_report_check(&r, &f);
		gk_findings_clear(&f);
		gk_buf_init(&b, 0);
		if (gk_render_docx(&r, &b) != GK_OK)
			__builtin_trap();
		gk_buf_clear(&b);
	} else if (err[0] == '\0')
		__builtin_trap();	/* every failure must say why */
	gk_report_clear(&r);
	return 0;
}
