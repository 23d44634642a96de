/*
 * sheet.h — the pure pieces of the list worksheets (sheet_doc.c): reading
 * RFC 4180 CSV field by field, and which texts become numbers.
 */
#ifndef GK_DOC_SHEET_H
#define GK_DOC_SHEET_H

#include "core/gk.h"

/* Columns a list sheet takes at most. */
#define GK_SHEET_COLS	64

/*
 * Reads the CSV field at *pp (before end) into field as a NUL-terminated
 * string (quotes removed, doubled quotes single) and moves *pp past its
 * comma or line end (CRLF or LF); *eol is 1 when the field ended its
 * line. GK_EINVAL for an unterminated quote, text after a closing quote
 * or a quote inside an unquoted field.
 */
enum gk_err	 gk_sheet_csv_next(const char **pp, const char *end, struct gk_buf *field,
		    int *eol);

/* 1 when s is a whole number written plainly: 1 to 9 digits, no leading zero ("0" is one). */
int		 gk_sheet_is_count(const char *s);

#endif /* GK_DOC_SHEET_H */
