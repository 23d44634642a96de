/*
 * portal_svg.c — pictures the portal draws in C as inline SVG: horizontal
 * bar charts (each bar labelled with its name and its number, filled with
 * a hatch pattern, so the chart reads without colour) and QR codes
 * (libqrencode). Every text goes through gk_html() (XML-safe escaping).
 */
#include <qrencode.h>
#include <string.h>

#include "web/html.h"
#include "web/portal.h"

#define BAR_W		640	/* whole chart */
#define BAR_LABEL	190	/* label column */
#define BAR_ROOM	360	/* longest bar */
#define BAR_ROW		30
#define BAR_TOP		36

enum gk_err
gk_svg_bars(struct gk_buf *b, const char *id, const char *title, const char *const *labels,
    const int64_t *values, size_t n)
{
	int64_t	max = 0;
	size_t	i;
	long	h = BAR_TOP + (long)n * BAR_ROW + 10;

	for (i = 0; i < n; i++)
		if (values[i] > max)
			max = values[i];
	gk_html(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %ld\" width=\"%d\" "
	    "height=\"%ld\" role=\"img\" aria-labelledby=\"%s-t %s-d\">\n", BAR_W, h, BAR_W, h, id, id);
	gk_html(b, "<title id=\"%s-t\">%s</title>\n<desc id=\"%s-d\">", id, title, id);
	for (i = 0; i < n; i++)
		gk_html(b, "%s%s：%lld", i > 0 ? "；" : "", labels[i], (long long)values[i]);
	gk_html(b, "</desc>\n<defs><pattern id=\"%s-p\" width=\"8\" height=\"8\" "
	    "patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
	    "<rect width=\"8\" height=\"8\" fill=\"#f4d3d4\"/>"
	    "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#a8151b\" stroke-width=\"4\"/>"
	    "</pattern></defs>\n", id);
	gk_html(b, "<text x=\"0\" y=\"20\" font-size=\"16\" font-weight=\"bold\" fill=\"#1a1a1a\">%s</text>\n",
	    title);
	for (i = 0; i < n; i++) {
		long y = BAR_TOP + (long)i * BAR_ROW;
		long w = max > 0 ? (long)(values[i] * BAR_ROOM / max) : 0;

		gk_html(b, "<text x=\"%d\" y=\"%ld\" font-size=\"14\" text-anchor=\"end\" "
		    "fill=\"#1a1a1a\">%s</text>\n", BAR_LABEL - 8, y + 19, labels[i]);
		if (w > 0)
			gk_html(b, "<rect x=\"%d\" y=\"%ld\" width=\"%ld\" height=\"22\" "
			    "fill=\"url(#%s-p)\" stroke=\"#1a1a1a\"/>\n", BAR_LABEL, y + 3, w, id);
		gk_html(b, "<text x=\"%ld\" y=\"%ld\" font-size=\"14\" fill=\"#1a1a1a\">%lld</text>\n",
		    BAR_LABEL + w + 6, y + 19, (long long)values[i]);
	}
	return gk_html_raw(b, "</svg>\n");
}

enum gk_err
gk_svg_qr(struct gk_buf *b, const char *text, int standalone)
{
	QRcode	*q;
	int	 x, y, n, quiet = 4;

	if (text == NULL || text[0] == '\0')
		return GK_EINVAL;
	q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (q == NULL)
		return GK_EINVAL;
	n = q->width + 2 * quiet;
	if (standalone)
		gk_html_raw(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	gk_html(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"二维码：%s\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    n, n, text, n, n);
	for (y = 0; y < q->width; y++) {
		for (x = 0; x < q->width; x++) {
			int run = 0;

			while (x + run < q->width && (q->data[y * q->width + x + run] & 1))
				run++;
			if (run > 0) {
				gk_html(b, "M%d %dh%dv1h-%dz", x + quiet, y + quiet, run, run);
				x += run - 1;
			}
		}
	}
	QRcode_free(q);
	return gk_html_raw(b, "\"/></svg>\n");
}
