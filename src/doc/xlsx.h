/*
 * xlsx.h — a libxlsxwriter workbook written into memory. libxlsxwriter
 * 1.1.4 (Debian 12) has no output buffer, so the workbook goes to a
 * mkstemp file in $TMPDIR (else /tmp) that gk_xlsx_finish reads back and
 * removes, on success and on failure alike. Document properties carry a
 * fixed creation date, so the same content gives the same bytes.
 */
#ifndef GK_DOC_XLSX_H
#define GK_DOC_XLSX_H

#include <xlsxwriter.h>

#include "core/gk.h"

/* The workbook's creation date: 2021-01-01 00:00:00 UTC (docs/documents.md). */
#define GK_XLSX_CREATED	((time_t)1609459200)

struct gk_xlsx {
	lxw_workbook	*wb;
	char		 path[512];
	/* Formats shared by the document writers (owned by wb). */
	lxw_format	*title, *head, *label, *value, *text;
};

/* Creates the workbook with its title and author (NULL: "gongkai") properties; GK_EIO when it cannot. */
enum gk_err	 gk_xlsx_open(struct gk_xlsx *, const char *title, const char *author);
/* Closes the workbook and appends its bytes to out (only on GK_OK); always removes the file. */
enum gk_err	 gk_xlsx_finish(struct gk_xlsx *, struct gk_buf *out);

/* Closes the workbook and removes its file, no output (after a failure). */
void		 gk_xlsx_abort(struct gk_xlsx *);

/*
 * Display width of UTF-8 s in Excel column units: 2 for a wide (CJK,
 * full-width) character, 1 otherwise.
 */
size_t		 gk_xlsx_width(const char *s);

#endif /* GK_DOC_XLSX_H */
