/*
 * report_io.h — reading and writing annual reports: the format readers, the
 * renderers, and the one entry point that reads any supported file.
 *
 * Renderers append to a struct gk_buf owned by the caller. Readers fill a
 * struct gk_report the caller then owns (release with gk_report_clear), and
 * on failure leave it cleared and put a one-line Chinese message in err.
 */
#ifndef GK_REPORT_IO_H
#define GK_REPORT_IO_H

#include <stddef.h>

#include "core/gk.h"
#include "core/report.h"
#include "report/rows.h"

enum gk_fmt {
	GK_FMT_AUTO = 0,
	GK_FMT_TEXT,	/* plain text: the seed's layout, pasted or extracted variants */
	GK_FMT_MD,	/* Markdown (pipe tables); read by the text reader */
	GK_FMT_HTML,
	GK_FMT_DOCX,
	GK_FMT_JSON,	/* docs/report-json.md */
	GK_FMT_XLSX,	/* write only: tables 二/三/四, a sheet each (docs/documents.md) */
	GK_FMT_PDF,	/* write only: A4 in the official layout (docs/documents.md) */
	GK_FMT__MAX
};

const char	*gk_fmt_name(enum gk_fmt);		/* "text", "md", … */
enum gk_fmt	 gk_fmt_from_name(const char *);	/* GK_FMT_AUTO if unknown */
/* Guesses the format from the first bytes: ZIP → DOCX, '{' → JSON, '<' tags → HTML, else text. */
enum gk_fmt	 gk_fmt_sniff(const void *buf, size_t len);

/* Largest input any reader accepts. */
#define GK_REPORT_MAX_INPUT	(32u * 1024 * 1024)

/* Reads a report in the given format (GK_FMT_AUTO: sniffed). */
enum gk_err gk_report_read(const void *buf, size_t len, enum gk_fmt,
    struct gk_report *out, char *err, size_t errlen);

/* Format readers that produce rows (used by gk_report_read, tests and fuzzers). */
enum gk_err gk_text_rows(const char *buf, size_t len, struct rr_doc *, char *err, size_t errlen);
enum gk_err gk_html_rows(const char *buf, size_t len, struct rr_doc *, char *err, size_t errlen);
enum gk_err gk_docx_rows(const void *buf, size_t len, struct rr_doc *, char *err, size_t errlen);
/* JSON maps straight to the model. */
enum gk_err gk_report_from_json(const char *buf, size_t len, struct gk_report *out,
    char *err, size_t errlen);

/* Renderers. */
enum gk_err gk_render_text(const struct gk_report *, struct gk_buf *);
enum gk_err gk_render_md(const struct gk_report *, struct gk_buf *);
/* HTML: a whole page (GK_HTML_PAGE) or the report element alone, for embedding in the portal. */
#define GK_HTML_PAGE	0x01
enum gk_err gk_render_html(const struct gk_report *, unsigned flags, struct gk_buf *);
enum gk_err gk_render_json(const struct gk_report *, struct gk_buf *);
/* DOCX: the bytes of a .docx package. */
enum gk_err gk_render_docx(const struct gk_report *, struct gk_buf *);
/*
 * XLSX (libxlsxwriter): the tables of sections 二, 三 and 四, one sheet each,
 * merged header cells as in the template, numbers as numbers. PDF (cairo +
 * pango, the Noto CJK font embedded): the whole report on A4 with page
 * numbers. Both deterministic for the same report (fixed dates); both
 * append the file's bytes to the buffer (docs/documents.md).
 */
enum gk_err gk_render_xlsx(const struct gk_report *, struct gk_buf *);
enum gk_err gk_render_pdf(const struct gk_report *, struct gk_buf *);
/* 1 for formats whose output is binary (DOCX, XLSX, PDF). */
int	 gk_fmt_binary(enum gk_fmt);
enum gk_err gk_render(const struct gk_report *, enum gk_fmt, struct gk_buf *);

/* Wraps a WordprocessingML body document into a .docx package (used by the renderer and tests). */
enum gk_err gk_docx_pack(const char *document_xml, size_t len, struct gk_buf *out);

#endif /* GK_REPORT_IO_H */
