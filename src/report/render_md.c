/* render_md.c — STUB, to be replaced. */
#include "report/report_io.h"

enum gk_err
gk_render_md(const struct gk_report *r, struct gk_buf *b)
{
	(void)r; (void)b;
	return GK_EINVAL;
}
