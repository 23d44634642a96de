/*
 * render.c — dispatch to the renderer of a format.
 */
#include "report/report_io.h"

enum gk_err
gk_render(const struct gk_report *r, enum gk_fmt fmt, struct gk_buf *b)
{
	switch (fmt) {
	case GK_FMT_TEXT:
		return gk_render_text(r, b);
	case GK_FMT_MD:
		return gk_render_md(r, b);
	case GK_FMT_HTML:
		return gk_render_html(r, GK_HTML_PAGE, b);
	case GK_FMT_JSON:
		return gk_render_json(r, b);
	case GK_FMT_DOCX:
		return gk_render_docx(r, b);
	case GK_FMT_XLSX:
		return gk_render_xlsx(r, b);
	case GK_FMT_PDF:
		return gk_render_pdf(r, b);
	default:
		return GK_EINVAL;
	}
}

int
gk_fmt_binary(enum gk_fmt fmt)
{
	return fmt == GK_FMT_DOCX || fmt == GK_FMT_XLSX || fmt == GK_FMT_PDF;
}
