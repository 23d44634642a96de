/*
 * fuzz_docx_xml.c — libFuzzer target for the DOCX body walker: the input is
 * word/document.xml, packed into a valid package with gk_docx_pack and then
 * read, so the mutations reach the XML walk and the recogniser (random zips
 * rarely get that far). What is read is checked, rendered to .docx and read
 * again: when every cell was readable, the second read must give the same
 * report. (Cells the recogniser marks unreadable carry its own notes such
 * as 列数不足; a table made only of those is not always found again, which
 * is the recogniser's call, not the writer's.)
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/report_check.h"
#include "report/report_io.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
all_readable(const struct gk_report *r)
{
	int i, j;

	for (i = 0; i < GK_S2__MAX; i++)
		if (r->s2[i].state == GK_CELL_UNREADABLE)
			return 0;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			if (r->s3[i][j].state == GK_CELL_UNREADABLE)
				return 0;
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			if (r->s4[i][j].state == GK_CELL_UNREADABLE)
				return 0;
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_report	 r, r2;
	struct gk_findings	 f;
	struct gk_buf		 pkg, out;
	char			 err[256];

	if (size > 1024 * 1024)
		return 0;
	gk_buf_init(&pkg, 0);
	if (gk_docx_pack((const char *)data, size, &pkg) != GK_OK)
		__builtin_trap();
	if (gk_report_read(pkg.data, pkg.len, GK_FMT_DOCX, &r, err, sizeof(err)) == GK_OK) {
		gk_findings_init(&f);
		gk_report_check(&r, &f);
		gk_findings_clear(&f);
		gk_buf_init(&out, 0);
		if (gk_render_docx(&r, &out) != GK_OK)
			__builtin_trap();
		if (gk_report_read(out.data, out.len, GK_FMT_DOCX, &r2, err, sizeof(err)) == GK_OK) {
			if (all_readable(&r) && !gk_report_equal(&r, &r2))
				__builtin_trap();	/* … and read back the same */
		} else if (all_readable(&r))
			__builtin_trap();	/* what we write we must read */
		gk_report_clear(&r2);
		gk_buf_clear(&out);
	} else if (err[0] == '\0')
		__builtin_trap();
	gk_report_clear(&r);
	gk_buf_clear(&pkg);
	return 0;
}
