/*
 * extract.h — the plain text of a TXT, HTML or DOCX file, for the
 * confidentiality gate (core/scan.h) and anything else that reads text.
 *
 * Line mapping: for text files the extracted lines are the file's own lines
 * (a BOM dropped, CRLF and lone CR made LF), so line N is line N in any
 * editor. For HTML and DOCX every row the format reader produces (a
 * paragraph, or a table row with its cells joined by a tab) is one line, in
 * document order; `gongkai scan --text` shows that text so a finding's line
 * can be looked up.
 */
#ifndef GK_EXTRACT_H
#define GK_EXTRACT_H

#include <stddef.h>

#include "core/gk.h"
#include "report/report_io.h"

/* Largest extracted text. */
#define GK_EXTRACT_MAX	(64u * 1024 * 1024)

/*
 * Appends the plain text of buf (fmt GK_FMT_AUTO: sniffed with
 * gk_fmt_sniff; JSON and Markdown are read as text) to out, which the
 * caller has initialised. On failure returns GK_EINVAL (not UTF-8, not a
 * document), GK_ELIMIT or GK_ENOMEM with a one-line Chinese message in err.
 */
enum gk_err gk_extract_text(const void *buf, size_t len, enum gk_fmt fmt,
    struct gk_buf *out, char *err, size_t errlen);

#endif /* GK_EXTRACT_H */
