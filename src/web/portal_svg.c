/*
 * portal_svg.c — pictures the portal draws in C as inline SVG: horizontal
 * bar charts (each bar labelled with its name and its number, filled with
 * a hatch pattern, so the chart reads without colour) and QR codes
 * (libqrencode through doc/qr.h); line charts (each series with its own dash pattern and
 * marker shape, every point labelled with its value) and the data table
 * that goes with a chart; the report page's trend charts. Every text goes
 * through gk_html() (XML-safe escaping).
 */
#include <stdio.h>
#include <string.h>

#include "core/category.h"
#include "core/report.h"
#include "core/report_gen.h"
#include "doc/qr.h"
#include "store/report_data.h"
#include "web/html.h"
#include "web/portal.h"
#include "web/web.h"

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
	struct gk_qr	 q;
	int		 x, y, n, quiet = GK_QR_QUIET;
	enum gk_err	 e;

	if ((e = gk_qr_encode(text, &q)) != GK_OK) {
		/* Out of memory spoils the page being written, as an append would. */
		if (e == GK_ENOMEM && b->err == GK_OK)
			b->err = GK_ENOMEM;
		return e;
	}
	n = q.width + 2 * quiet;
	if (standalone)
		gk_html_raw(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
	gk_html(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	    "shape-rendering=\"crispEdges\" role=\"img\" aria-label=\"二维码：%s\">"
	    "<rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	    n, n, text, n, n);
	for (y = 0; y < q.width; y++) {
		for (x = 0; x < q.width; x++) {
			int run = 0;

			while (x + run < q.width && (q.dark[y * q.width + x + run] & 1))
				run++;
			if (run > 0) {
				gk_html(b, "M%d %dh%dv1h-%dz", x + quiet, y + quiet, run, run);
				x += run - 1;
			}
		}
	}
	gk_qr_free(&q);
	return gk_html_raw(b, "\"/></svg>\n");
}

/* ---- line charts, data tables and the report's trend charts (issue 6) ---- */

#define LINE_W		640
#define LINE_LEFT	64	/* y-axis labels on the left */
#define LINE_RIGHT	600
#define LINE_TOP	64	/* title and legend above */
#define LINE_BOTTOM	250
#define LINE_H		290

/* The smallest step of 1, 2 or 5 × 10^k with 4 steps ≥ max, times 4: the axis' top (≥ 4). */
static int64_t
axis_top(int64_t max)
{
	int64_t step = 1, m;

	for (;;) {
		for (m = 1; m <= 5; m = m == 1 ? 2 : m == 2 ? 5 : 10)
			if (step * m * 4 >= max)
				return step * m * 4;
		if (step > INT64_MAX / 100)
			return max;
		step *= 10;
	}
}

/* The marker of series k: a circle, a square or a triangle (shapes tell them apart). */
static void
marker(struct gk_buf *b, size_t k, long x, long y)
{
	switch (k % 3) {
	case 0:
		gk_html(b, "<circle cx=\"%ld\" cy=\"%ld\" r=\"5\" fill=\"#1a1a1a\"/>", x, y);
		break;
	case 1:
		gk_html(b, "<rect x=\"%ld\" y=\"%ld\" width=\"10\" height=\"10\" fill=\"#fff\" "
		    "stroke=\"#1a1a1a\" stroke-width=\"2\"/>", x - 5, y - 5);
		break;
	default:
		gk_html(b, "<path d=\"M%ld %ldl6 10h-12z\" fill=\"#fff\" stroke=\"#1a1a1a\" "
		    "stroke-width=\"2\"/>", x, y - 6);
		break;
	}
}

static const char *const line_dash[3] = { "", " stroke-dasharray=\"8 5\"", " stroke-dasharray=\"2 4\"" };

enum gk_err
gk_svg_lines(struct gk_buf *b, const char *id, const char *title, const char *const *xlabels,
    size_t nx, const struct gk_svg_series *s, size_t ns)
{
	int64_t	max = 0, top;
	size_t	i, k;
	long	plotw = LINE_RIGHT - LINE_LEFT, ploth = LINE_BOTTOM - LINE_TOP;

	if (nx == 0 || ns == 0)
		return GK_EINVAL;
	for (k = 0; k < ns; k++)
		for (i = 0; i < nx; i++)
			if (s[k].values[i] > max)
				max = s[k].values[i];
	top = axis_top(max);
	gk_html(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" "
	    "height=\"%d\" role=\"img\" aria-labelledby=\"%s-t %s-d\">\n", LINE_W, LINE_H, LINE_W,
	    LINE_H, id, id);
	gk_html(b, "<title id=\"%s-t\">%s</title>\n<desc id=\"%s-d\">", id, title, id);
	for (k = 0; k < ns; k++) {
		gk_html(b, "%s%s：", k > 0 ? "。" : "", s[k].name);
		for (i = 0; i < nx; i++)
			gk_html(b, "%s%s %lld", i > 0 ? "，" : "", xlabels[i], (long long)s[k].values[i]);
	}
	gk_html_raw(b, "</desc>\n");
	gk_html(b, "<text x=\"0\" y=\"20\" font-size=\"16\" font-weight=\"bold\" fill=\"#1a1a1a\">%s</text>\n",
	    title);
	/* The legend: a sample of each line with its marker, and the name. */
	for (k = 0; k < ns; k++) {
		long lx = LINE_LEFT + (long)k * 220;

		gk_html(b, "<g class=\"legend\"><line x1=\"%ld\" y1=\"38\" x2=\"%ld\" y2=\"38\" "
		    "stroke=\"#1a1a1a\" stroke-width=\"2\"", lx, lx + 36);
		gk_html_raw(b, line_dash[k % 3]);
		gk_html_raw(b, "/>");
		marker(b, k, lx + 18, 38);
		gk_html(b, "<text x=\"%ld\" y=\"43\" font-size=\"14\" fill=\"#1a1a1a\">%s</text></g>\n",
		    lx + 44, s[k].name);
	}
	/* Axes and four grid lines, each labelled. */
	for (i = 0; i <= 4; i++) {
		long y = LINE_BOTTOM - (long)i * ploth / 4;

		gk_html(b, "<line x1=\"%d\" y1=\"%ld\" x2=\"%d\" y2=\"%ld\" stroke=\"%s\"/>"
		    "<text x=\"%d\" y=\"%ld\" font-size=\"12\" text-anchor=\"end\" fill=\"#1a1a1a\">%lld</text>\n",
		    LINE_LEFT, y, LINE_RIGHT, y, i == 0 ? "#1a1a1a" : "#bbb", LINE_LEFT - 6, y + 4,
		    (long long)(top * (int64_t)i / 4));
	}
	for (i = 0; i < nx; i++) {
		long x = nx == 1 ? LINE_LEFT + plotw / 2 : LINE_LEFT + (long)i * plotw / (long)(nx - 1);

		gk_html(b, "<text x=\"%ld\" y=\"%d\" font-size=\"13\" text-anchor=\"middle\" "
		    "fill=\"#1a1a1a\">%s</text>\n", x, LINE_BOTTOM + 22, xlabels[i]);
	}
	for (k = 0; k < ns; k++) {
		gk_html(b, "<g class=\"series\" aria-label=\"%s\"><polyline fill=\"none\" stroke=\"#1a1a1a\" "
		    "stroke-width=\"2\"", s[k].name);
		gk_html_raw(b, line_dash[k % 3]);
		gk_html_raw(b, " points=\"");
		for (i = 0; i < nx; i++) {
			long x = nx == 1 ? LINE_LEFT + plotw / 2 :
			    LINE_LEFT + (long)i * plotw / (long)(nx - 1);
			long y = LINE_BOTTOM - (long)(top > 0 ? s[k].values[i] * ploth / top : 0);

			gk_html(b, "%s%ld,%ld", i > 0 ? " " : "", x, y);
		}
		gk_html_raw(b, "\"/>\n");
		for (i = 0; i < nx; i++) {
			long x = nx == 1 ? LINE_LEFT + plotw / 2 :
			    LINE_LEFT + (long)i * plotw / (long)(nx - 1);
			long y = LINE_BOTTOM - (long)(top > 0 ? s[k].values[i] * ploth / top : 0);

			marker(b, k, x, y);
			/*
			 * The value beside its point: above it for the first series,
			 * to its right for the others (clear of the x labels).
			 */
			if (k == 0)
				gk_html(b, "<text x=\"%ld\" y=\"%ld\" font-size=\"12\" "
				    "text-anchor=\"middle\" fill=\"#1a1a1a\">%lld</text>\n", x, y - 9,
				    (long long)s[k].values[i]);
			else
				gk_html(b, "<text x=\"%ld\" y=\"%ld\" font-size=\"12\" "
				    "fill=\"#1a1a1a\">%lld</text>\n", x + 9, y + 4,
				    (long long)s[k].values[i]);
		}
		gk_html_raw(b, "</g>\n");
	}
	return gk_html_raw(b, "</svg>\n");
}

enum gk_err
gk_svg_table(struct gk_buf *b, const char *caption, const char *corner,
    const char *const *cols, size_t ncols, const struct gk_svg_series *rows, size_t nrows)
{
	size_t i, k;

	gk_html(b, "<table class=\"chart-data\">\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>",
	    caption, corner);
	for (i = 0; i < ncols; i++)
		gk_html(b, "<th scope=\"col\">%s</th>", cols[i]);
	gk_html_raw(b, "</tr></thead>\n<tbody>\n");
	for (k = 0; k < nrows; k++) {
		gk_html(b, "<tr><th scope=\"row\">%s</th>", rows[k].name);
		for (i = 0; i < ncols; i++)
			gk_html(b, "<td>%lld</td>", (long long)rows[k].values[i]);
		gk_html_raw(b, "</tr>\n");
	}
	return gk_html_raw(b, "</tbody>\n</table>\n");
}

enum gk_err
gk_svg_bars_table(struct gk_buf *b, const char *title, const char *row,
    const char *const *labels, const int64_t *values, size_t n)
{
	struct gk_svg_series	s = { row, values };
	char			cap[256];

	snprintf(cap, sizeof(cap), "数据表：%s", title);
	return gk_svg_table(b, cap, "项目", labels, n, &s, 1);
}

#define TREND_YEARS	10	/* the year-on-year line looks back at most this many years */

enum gk_err
gk_svg_report_trends(struct gk_web_ctx *ctx, int64_t agency_id, int year,
    const struct gk_report *r, struct gk_buf *b, char *err, size_t errlen)
{
	const char		*tl[GK_S3_ALL];
	int64_t			 tv[GK_S3_ALL], items[TREND_YEARS], apps[TREND_YEARS];
	char			 yl[TREND_YEARS][16], title[128];
	const char		*ylp[TREND_YEARS];
	struct gk_svg_series	 sr[2];
	size_t			 i, first = TREND_YEARS, n;
	enum gk_err		 e;

	/* Applications received by applicant type: section 三 row 一 as the report states it. */
	for (i = 0; i < GK_S3_ALL; i++) {
		const struct gk_cell *c = &r->s3[GK_S3_NEW][i];

		tl[i] = gk_s3_cols[i];
		tv[i] = c->state == GK_CELL_NUM ? c->num / GK_NUM_SCALE : 0;
	}
	snprintf(title, sizeof(title), "%d年新收政府信息公开申请（按申请人类型）", year);
	gk_html_raw(b, "<figure class=\"chart\">\n");
	gk_svg_bars(b, "c-applicant", title, tl, tv, GK_S3_ALL);
	gk_svg_bars_table(b, title, "新收申请（件）", tl, tv, GK_S3_ALL);
	gk_html_raw(b, "<figcaption>单位：件。数据来自本报告第三部分“一、本年新收政府信息公开申请数量”行；"
	    "“商业企业”至“其他”为法人或其他组织。</figcaption>\n</figure>\n");

	/* Year on year: items published and applications received, over the years with data. */
	for (i = 0; i < TREND_YEARS; i++) {
		struct gk_gen_counts	c;
		struct gk_findings	fs;
		int			y = year - (TREND_YEARS - 1) + (int)i;
		int			k;

		gk_findings_init(&fs);
		e = gk_report_counts(ctx->db, agency_id, y, &c, &fs, err, errlen);
		gk_findings_clear(&fs);
		if (e != GK_OK)
			return e;
		items[i] = 0;
		for (k = 0; k < CATEGORY_KIND__MAX; k++)
			if (k != CATEGORY_KIND_INTERP)
				items[i] += c.items_kind[k];
		apps[i] = 0;
		for (k = 0; k < GK_S3_ALL; k++)
			apps[i] += c.s3[GK_S3_NEW][k];
		if (first == TREND_YEARS && (items[i] > 0 || apps[i] > 0))
			first = i;
		snprintf(yl[i], sizeof(yl[i]), "%d年", y);
		ylp[i] = yl[i];
	}
	if (first == TREND_YEARS)
		first = TREND_YEARS - 1;
	n = TREND_YEARS - first;
	sr[0].name = "主动公开信息（条）";
	sr[0].values = items + first;
	sr[1].name = "新收申请（件）";
	sr[1].values = apps + first;
	snprintf(title, sizeof(title), "主动公开信息与新收申请（逐年）");
	gk_html_raw(b, "<figure class=\"chart\">\n");
	gk_svg_lines(b, "c-years", title, ylp + first, n, sr, 2);
	gk_svg_table(b, "数据表：逐年主动公开信息与新收申请", "项目", ylp + first, n, sr, 2);
	gk_html_raw(b, "<figcaption>实线、圆点：主动公开信息条数（发布日期在该年，不含政策解读）；"
	    "虚线、方块：新收政府信息公开申请件数（收到日期在该年）。按当前数据统计，"
	    "从有数据的第一年起，最多十年。</figcaption>\n</figure>\n");
	return b->err;
}
