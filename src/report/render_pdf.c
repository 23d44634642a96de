/*
 * render_pdf.c — the report as PDF (placeholder).
 */
#include "report/report_io.h"

enum gk_err
gk_render_pdf(const struct gk_report *r, struct gk_buf *b)
{
	(void)r, (void)b;
	return GK_EINVAL;
}
