/*
 * sniff.h — what a file is, from its bytes alone (never from its name),
 * and whether it may be attached to a published item.
 *
 * Accepted: PDF, OFD (GB/T 33190), Office Open XML (DOCX/XLSX/PPTX),
 * the OLE2 formats (DOC/WPS, XLS/ET, PPT/DPS), ZIP, PNG, JPEG, GIF, WEBP,
 * MP4, plain text (UTF-8 or GB18030) and HTML. Refused: executables (ELF,
 * PE/MZ, Mach-O, Java class), scripts (#!), RAR and 7z (their contents
 * cannot be inspected here), ZIP files holding programs or "../" names,
 * other OLE2 files (MSI installers are OLE2), and anything unrecognised.
 * A file name whose extension names a different type than the content
 * ("x.pdf" that is a PE) is refused by sniff_check(). Rules and reasons in
 * docs/attachments.md. Pure: no I/O.
 */
#ifndef GK_SNIFF_H
#define GK_SNIFF_H

#include <stddef.h>

#include "core/gk.h"

enum sniff_kind {
	SNIFF_UNKNOWN = 0,
	SNIFF_EMPTY,
	SNIFF_PDF,
	SNIFF_OFD,
	SNIFF_DOCX,
	SNIFF_XLSX,
	SNIFF_PPTX,
	SNIFF_DOC,	/* OLE2 with a WordDocument stream (DOC, WPS) */
	SNIFF_XLS,	/* OLE2 with a Workbook/Book stream (XLS, ET) */
	SNIFF_PPT,	/* OLE2 with a "PowerPoint Document" stream (PPT, DPS) */
	SNIFF_OLE2,	/* any other OLE2 compound file (refused: MSI …) */
	SNIFF_ZIP,
	SNIFF_RAR,
	SNIFF_7Z,
	SNIFF_PNG,
	SNIFF_JPEG,
	SNIFF_GIF,
	SNIFF_WEBP,
	SNIFF_MP4,
	SNIFF_TEXT,	/* UTF-8 (BOM allowed) */
	SNIFF_TEXT_GB18030,
	SNIFF_HTML,
	SNIFF_ELF,
	SNIFF_PE,
	SNIFF_MACHO,	/* also Java class files (same magic as fat Mach-O) */
	SNIFF_SCRIPT,	/* "#!" */
	SNIFF_KIND__MAX
};

struct sniff_result {
	enum sniff_kind	 kind;
	const char	*mime;		/* static; "application/octet-stream" when unknown */
	const char	*ext;		/* canonical extension without the dot ("" when none) */
	const char	*label;		/* Chinese name of the type ("PDF 文档" …) */
	int		 allowed;	/* 1: may be attached */
	char		 why[160];	/* Chinese reason when not allowed */
};

/* Identifies buf (any bytes; len 0 is SNIFF_EMPTY). Always fills r. */
void		 sniff_bytes(const void *buf, size_t len, struct sniff_result *r);

/*
 * sniff_bytes(), then refuses (GK_EINVAL, Chinese message in err) a type
 * that is not allowed, and a name (may be NULL) whose extension names
 * another type than the content. Extensions are compared without case;
 * a name without an extension (or whose last dot is followed by something
 * that is not 1–5 ASCII letters/digits with a letter) passes.
 */
enum gk_err	 sniff_check(const void *buf, size_t len, const char *name,
		    struct sniff_result *r, char *err, size_t errlen);

/* The extension of name (lower case, no dot) into ext; "" when it has none. */
void		 sniff_name_ext(const char *name, char ext[8]);

#endif /* GK_SNIFF_H */
