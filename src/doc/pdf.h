/*
 * pdf.h — a small text-layout layer for A4 PDF documents on cairo and
 * pango: paragraphs (wrapped, justified or aligned, first-line indent,
 * split across pages line by line) and bordered tables with merged cells
 * (doc/grid.h; header rows repeated after a page break), page numbers in
 * the footer. The CJK font is Noto Serif CJK SC for the body (宋体/仿宋
 * stand-in; Noto Sans CJK SC when the serif is not installed) and Noto
 * Sans CJK SC for headings (黑体 stand-in); cairo embeds the subsets, and
 * the text stays extractable (pdftotext).
 *
 * Everything is laid out first and drawn at gk_pdf_finish, when the page
 * count is known. The PDF goes straight into memory (a cairo stream), and
 * its creation and modification dates are fixed (GK_PDF_DATE), so the same
 * document gives the same bytes.
 *
 * Page: A4 with the margins of GB/T 9704 (top 37 mm, bottom 35 mm, left
 * 28 mm, right 26 mm).
 */
#ifndef GK_DOC_PDF_H
#define GK_DOC_PDF_H

#include <stddef.h>

#include "core/gk.h"
#include "doc/grid.h"

#define GK_PDF_DATE	"2021-01-01T00:00:00Z"

enum gk_pdf_align { GK_PDF_JUSTIFY, GK_PDF_LEFT, GK_PDF_CENTER, GK_PDF_RIGHT };

enum gk_pdf_footer {
	GK_PDF_FOOT_NONE,
	GK_PDF_FOOT_OF,		/* 第 N 页 共 M 页 */
	GK_PDF_FOOT_DASH	/* - N - */
};

struct gk_pdf_style {
	double			 size;		/* points */
	int			 bold;
	int			 sans;		/* 1: the heading face (黑体-like) */
	enum gk_pdf_align	 align;
	double			 indent;	/* first-line indent, in characters (em) */
	double			 right;		/* right indent, in characters */
	double			 before, after;	/* space above and below, points */
	double			 spacing;	/* line spacing factor; 0: the font's */
};

struct gk_pdf;

/* A new document; title goes into the PDF's metadata. */
enum gk_err	 gk_pdf_new(struct gk_pdf **, const char *title, enum gk_pdf_footer);
/* A paragraph of UTF-8 text (invalid bytes are replaced). */
enum gk_err	 gk_pdf_para(struct gk_pdf *, const struct gk_pdf_style *, const char *s,
		    size_t len);
/* Starts a new page unless pt points are left on this one (keep a heading with what follows). */
void		 gk_pdf_need(struct gk_pdf *, double pt);
/* The document's author in its metadata (the agency); ignored when empty or not UTF-8. */
void		 gk_pdf_author(struct gk_pdf *, const char *author);
/* A bookmark (the PDF's outline) titled title, at the start of the last paragraph. */
void		 gk_pdf_mark(struct gk_pdf *, const char *title);
/* Vertical space (not carried over a page break). */
void		 gk_pdf_skip(struct gk_pdf *, double pt);
/* A table of the grid's cells in size-point text across the text width. */
enum gk_err	 gk_pdf_grid(struct gk_pdf *, const struct gk_grid *, double size);
/* Points left for text below the cursor on the current page. */
double		 gk_pdf_room(const struct gk_pdf *);
/*
 * An n-by-n matrix of black squares (dark[y * n + x] & 1: a QR code's
 * modules, doc/qr.h) drawn as vector rectangles, side points wide, centred
 * across the text width at the cursor (a new page first when it does not
 * fit); the cursor moves below it.
 */
enum gk_err	 gk_pdf_squares(struct gk_pdf *, const unsigned char *dark, int n, double side);
/* Pages laid out so far (the current one included). */
int		 gk_pdf_pages(const struct gk_pdf *);
/* Draws every page and appends the PDF to out; frees the document either way. */
enum gk_err	 gk_pdf_finish(struct gk_pdf *, struct gk_buf *out);
/* Frees a document without output. */
void		 gk_pdf_free(struct gk_pdf *);

#endif /* GK_DOC_PDF_H */
