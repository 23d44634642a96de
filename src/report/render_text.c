/* render_text.c — STUB while being written. */
#include "report/report_io.h"

enum gk_err
gk_render_text(const struct gk_report *r, struct gk_buf *b)
{
	(void)r; (void)b;
	return GK_EINVAL;
}
