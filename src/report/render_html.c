/* render_html.c — STUB, to be replaced. */
#include "report/report_io.h"

enum gk_err
gk_render_html(const struct gk_report *r, unsigned flags, struct gk_buf *b)
{
	(void)r; (void)flags; (void)b;
	return GK_EINVAL;
}
