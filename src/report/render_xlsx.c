/*
 * render_xlsx.c — the report's tables as an XLSX workbook (placeholder).
 */
#include "report/report_io.h"

enum gk_err
gk_render_xlsx(const struct gk_report *r, struct gk_buf *b)
{
	(void)r, (void)b;
	return GK_EINVAL;
}
