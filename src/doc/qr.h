/*
 * qr.h — a QR code's modules (libqrencode), the one encoder of the
 * project: the portal's SVG (web/portal_svg.c gk_svg_qr) and the printed
 * notices' vector squares (doc/notice.c through gk_pdf_squares) both draw
 * from it. Level M, 8-bit mode, the smallest version that holds the text.
 */
#ifndef GK_DOC_QR_H
#define GK_DOC_QR_H

#include "core/gk.h"

#define GK_QR_QUIET	4	/* modules of white border a reader needs */

struct gk_qr {
	int		 width;		/* modules per side, without the quiet zone */
	unsigned char	*dark;		/* width * width; bit 0 set: dark. Owned. */
};

/* GK_EINVAL when text is NULL, empty or too long to encode; GK_ENOMEM. */
enum gk_err	 gk_qr_encode(const char *text, struct gk_qr *);
void		 gk_qr_free(struct gk_qr *);

#endif /* GK_DOC_QR_H */
