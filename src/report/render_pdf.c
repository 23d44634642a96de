/*
 * render_pdf.c — the annual report as an A4 PDF in the layout of the
 * national template and GB/T 9704 (doc/pdf.h): the agency and the title
 * centred in the title face, section headings in the heading face, the
 * narrative in the body face with a two-character indent, the tables of
 * sections 二, 三 and 四 with borders and the template's merged cells
 * (doc/grid.h), and 第 N 页 共 M 页 at the foot of every page.
 */
#include <stdio.h>
#include <string.h>

#include "doc/grid.h"
#include "doc/pdf.h"
#include "report/report_io.h"

static const struct gk_pdf_style st_title = { 22, 1, 0, GK_PDF_CENTER, 0, 0, 0, 6, 0 };
static const struct gk_pdf_style st_head = { 16, 0, 1, GK_PDF_JUSTIFY, 2, 0, 10, 6, 0 };
static const struct gk_pdf_style st_body = { 16, 0, 0, GK_PDF_JUSTIFY, 2, 0, 0, 0, 1.2 };

/* Each paragraph of a narrative (paragraphs separated by blank lines; single line breaks kept). */
static void
pdf_narr(struct gk_pdf *p, const char *text)
{
	const char	*q, *s, *e, *end = text + strlen(text);

	while (text < end) {
		if ((q = strstr(text, "\n\n")) == NULL)
			q = end;
		s = text;
		e = q;
		while (s < e && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
			s++;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\n' || e[-1] == '\r'))
			e--;
		if (e > s)
			gk_pdf_para(p, &st_body, s, (size_t)(e - s));
		text = q < end ? q + 2 : end;
	}
}

enum gk_err
gk_render_pdf(const struct gk_report *r, struct gk_buf *b)
{
	static const int narr_of[6] = { GK_NARR_OVERVIEW, -1, -1, -1, GK_NARR_PROBLEMS, GK_NARR_OTHER };
	struct gk_pdf	*p;
	struct gk_grid	*g;
	char		 title[GK_AGENCY_MAX + 64];
	enum gk_err	 e;
	int		 i;

	if (r == NULL || b == NULL)
		return GK_EINVAL;
	if ((g = gk_malloc(sizeof(*g))) == NULL)
		return GK_ENOMEM;
	gk_grid_title(r, title, sizeof(title));
	if ((e = gk_pdf_new(&p, title, GK_PDF_FOOT_OF)) != GK_OK) {
		gk_free(g);
		return e;
	}
	gk_pdf_author(p, r->agency);
	if (r->agency[0] != '\0')
		gk_pdf_para(p, &st_title, r->agency, strlen(r->agency));
	if (r->year > 0)
		snprintf(title, sizeof(title), "%d年政府信息公开工作年度报告", r->year);
	else
		snprintf(title, sizeof(title), "政府信息公开工作年度报告");
	gk_pdf_para(p, &st_title, title, strlen(title));
	gk_pdf_skip(p, 16);
	for (i = 0; i < 6; i++) {
		if (narr_of[i] >= 0 && r->narr[narr_of[i]] == NULL)
			continue;
		gk_pdf_need(p, narr_of[i] >= 0 ? 90 : 160);
		gk_pdf_para(p, &st_head, gk_section_titles[i], strlen(gk_section_titles[i]));
		gk_pdf_mark(p, gk_section_titles[i]);
		if (narr_of[i] >= 0)
			pdf_narr(p, r->narr[narr_of[i]]);
		else if (gk_grid_build(r, i + 1, g) == GK_OK)
			gk_pdf_grid(p, g, i == 1 ? 10.5 : 9);
	}
	gk_free(g);
	return gk_pdf_finish(p, b);
}
