/*
 * doc.h — the documents an agency files and hands out, as bytes in a
 * caller-owned struct gk_buf (no temporary files except where a library
 * needs one: libxlsxwriter 1.1.4 writes only to a file, so XLSX goes
 * through a mkstemp file in $TMPDIR or /tmp that is removed before return):
 *
 *  - the answer letter (告知书) as DOCX (WordprocessingML, gk_docx_pack)
 *    and PDF (cairo + pango, A4, the formal letter layout);
 *  - the ledger (台账) and application lists as XLSX (libxlsxwriter);
 *  - saving a document to a file without leaving a partial one.
 *
 * The annual report's own renderers (gk_render_docx/xlsx/pdf) are in
 * report/report_io.h. Formats, layouts, fonts and determinism:
 * docs/documents.md.
 *
 * Every function appends to out only on GK_OK and puts a one-line Chinese
 * message in err (may be NULL when errlen is 0) otherwise.
 */
#ifndef GK_DOC_H
#define GK_DOC_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/gk.h"
#include "core/letter.h"

struct gk_db;
struct gk_apply_list;
struct gk_apply_filter;

enum gk_doc_fmt {
	GK_DOC_NONE = 0,
	GK_DOC_DOCX,
	GK_DOC_XLSX,
	GK_DOC_PDF,
	GK_DOC__MAX
};

/* "docx", "xlsx", "pdf"; GK_DOC_NONE for any other name. */
enum gk_doc_fmt	 gk_doc_fmt_from_name(const char *);
const char	*gk_doc_fmt_name(enum gk_doc_fmt);
/* The MIME type for a download (Content-Type), e.g. "application/pdf". */
const char	*gk_doc_mime(enum gk_doc_fmt);

/*
 * The answer letter as DOCX or PDF: the same text as letter_render()
 * (title, 文号 line, addressee, body paragraphs, agency and date at the
 * bottom right). GK_EINVAL with letter_render()'s message for a bad
 * letter, or for a format other than GK_DOC_DOCX / GK_DOC_PDF.
 */
enum gk_err	 gk_doc_letter(const struct letter *, enum gk_doc_fmt, struct gk_buf *out,
		    char *err, size_t errlen);

/*
 * The same from a letter already rendered as HTML by letter_render(…,
 * LETTER_HTML, …) or gk_apply_letter(…, LETTER_HTML, …) (store/application.h),
 * which is how the store hands out a closed application's letter.
 * GK_EINVAL when html is not such a letter.
 */
enum gk_err	 gk_doc_letter_html(const char *html, size_t len, enum gk_doc_fmt,
		    struct gk_buf *out, char *err, size_t errlen);

/*
 * The ledger of year for agency_id (0: all) as XLSX: one sheet 台账 with
 * the 21 columns of gk_ledger_csv (store/ledger.h), a frozen header row,
 * autofilter, dates as text (YYYY-MM-DD) and counts as numbers. cal as in
 * gk_ledger_csv (may be NULL). *rowsp (may be NULL) gets the data rows.
 */
enum gk_err	 gk_doc_ledger_xlsx(struct gk_db *, int year, int64_t agency_id,
		    const struct calendar *cal, struct gk_buf *out, size_t *rowsp,
		    char *err, size_t errlen);
/* The same from the CSV gk_ledger_csv wrote (pure: no database). */
enum gk_err	 gk_doc_csv_xlsx(const char *csv, size_t len, const char *sheet,
		    const char *title, struct gk_buf *out, size_t *rowsp, char *err,
		    size_t errlen);

/*
 * The applications matching f as XLSX (sheet 申请列表): 编号, 查询码, 渠道,
 * 申请人类型, 申请人, 证件号码, 联系电话, 电子邮箱, 通信地址, 申请内容,
 * 收到日期, 答复期限, 状态, 办理结果, 办结日期. Personal fields masked
 * unless f->full (which needs the roles of gk_apply_list; actor as there).
 * Every page of the filter is read (f->limit and f->offset are ignored).
 */
enum gk_err	 gk_doc_apply_xlsx(struct gk_db *, const char *actor,
		    const struct gk_apply_filter *f, struct gk_buf *out, size_t *rowsp,
		    char *err, size_t errlen);
/* The same from a list already read (pure). */
enum gk_err	 gk_doc_apply_list_xlsx(const struct gk_apply_list *, struct gk_buf *out,
		    char *err, size_t errlen);

/*
 * Writes len bytes to path through a temporary file in the same folder
 * renamed into place, so a failure never leaves a partial file (and an
 * existing file stays as it was). path NULL or "-": standard output,
 * refused (GK_EINVAL, "二进制文档不能输出到终端，请用 --out FILE") when
 * binary and standard output is a terminal. The new file gets the usual
 * permissions (0666 less the umask, which is read by setting it: meant
 * for the command line, not for a server's threads).
 */
enum gk_err	 gk_doc_save(const char *path, const void *buf, size_t len, int binary,
		    char *err, size_t errlen);

#endif /* GK_DOC_H */
