/*
 * qr.c — QR code modules from libqrencode (qr.h).
 */
#include <string.h>

#include <qrencode.h>

#include "doc/qr.h"

enum gk_err
gk_qr_encode(const char *text, struct gk_qr *out)
{
	QRcode	*q;
	size_t	 n, i;

	memset(out, 0, sizeof(*out));
	if (text == NULL || text[0] == '\0')
		return GK_EINVAL;
	if ((q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1)) == NULL)
		return GK_EINVAL;
	n = (size_t)q->width * (size_t)q->width;
	if ((out->dark = gk_malloc(n)) == NULL) {
		QRcode_free(q);
		return GK_ENOMEM;
	}
	for (i = 0; i < n; i++)
		out->dark[i] = q->data[i] & 1;
	out->width = q->width;
	QRcode_free(q);
	return GK_OK;
}

void
gk_qr_free(struct gk_qr *q)
{
	gk_free(q->dark);
	memset(q, 0, sizeof(*q));
}
