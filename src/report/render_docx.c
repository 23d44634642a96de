/* render_docx.c — STUB, to be replaced. */
#include "report/report_io.h"

enum gk_err
gk_render_docx(const struct gk_report *r, struct gk_buf *b)
{
	(void)r; (void)b;
	return GK_EINVAL;
}

enum gk_err
gk_docx_pack(const char *xml, size_t len, struct gk_buf *out)
{
	(void)xml; (void)len; (void)out;
	return GK_EINVAL;
}
