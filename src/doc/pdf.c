/*
 * pdf.c — paged text layout on cairo + pango (pdf.h). Two passes: the
 * calls lay paragraphs and tables out into a list of drawing operations
 * (text of a paragraph's lines at a place, boxes, shading) per page; the
 * finish draws them onto a cairo PDF surface that writes into memory.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include "doc/pdf.h"
#include "doc/tablayout.h"

#define MM		(72.0 / 25.4)
#define PAGE_W		(210.0 * MM)
#define PAGE_H		(297.0 * MM)
#define M_TOP		(37.0 * MM)
#define M_BOTTOM	(35.0 * MM)
#define M_LEFT		(28.0 * MM)
#define M_RIGHT		(26.0 * MM)
#define TEXT_W		(PAGE_W - M_LEFT - M_RIGHT)
#define TEXT_BOTTOM	(PAGE_H - M_BOTTOM)
#define CELL_PAD	3.0
#define LINE_W		0.6

#define SERIF		"Noto Serif CJK SC,Noto Sans CJK SC,serif"
#define SANS		"Noto Sans CJK SC,Noto Serif CJK SC,sans-serif"

/* A piece of text laid out once to measure, again to draw (same inputs, same result). */
struct para {
	char			*text;
	struct gk_pdf_style	 st;
	double			 width;
};

enum op_kind { OP_TEXT, OP_BOX, OP_FILL, OP_MARK, OP_DARK };

struct op {
	enum op_kind	 kind;
	int		 page;
	double		 x, y, w, h;	/* TEXT, MARK: x and the top of the first line; BOX/FILL: the rectangle */
	size_t		 para;		/* TEXT; MARK: the bookmark's title */
	int		 line0, nlines;	/* TEXT: the lines drawn */
};

struct gk_pdf {
	cairo_surface_t		*surf;
	cairo_t			*cr;
	PangoContext		*pc;
	struct gk_buf		 out;
	struct para		*paras;
	size_t			 npara, cpara;
	struct op		*ops;
	size_t			 nops, cops;
	int			 page;
	double			 y;		/* the cursor: top of free space on page */
	int			 fresh;		/* nothing placed on this page yet */
	int			 last_page;	/* where the last paragraph began */
	double			 last_y;
	enum gk_pdf_footer	 foot;
	enum gk_err		 err;
};

/*
 * Fontconfig, pango and cairo keep their font caches for the life of the
 * process (pango's default font map hangs off thread-local storage). They
 * are released at exit, so a leak checker sees a clean exit; registered
 * once, on the first document.
 */
static void
pdf_atexit(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
}

#ifdef GK_TESTING
/*
 * What is left after pdf_atexit are a few allocations the libraries never
 * free: cairo 1.16's PDF font subsetting (in cairo_surface_finish) and
 * fontconfig's parse of its configuration (expat). The sanitizer build
 * tells LeakSanitizer so. The libraries are built without frame pointers,
 * so the stacks stop in them: the suppression names the two libraries
 * (a forgotten cairo_destroy would hide here too; pango, glib and our
 * own allocations are still checked).
 */
const char *__lsan_default_suppressions(void);
const char *__lsan_default_options(void);

/* Nor the table of suppressions used, which would land in every command's stderr. */
const char *
__lsan_default_options(void)
{
	return "print_suppressions=0";
}

const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so\nleak:libfontconfig.so\n";
}
#endif

static pthread_once_t pdf_once = PTHREAD_ONCE_INIT;

static void
pdf_register(void)
{
	(void)atexit(pdf_atexit);
}

static cairo_status_t
pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	struct gk_buf *b = closure;

	/*
	 * A failed append is remembered in b->err (and the rest dropped) for
	 * gk_pdf_finish to report: cairo 1.16 trips an assertion on its own
	 * write-error path.
	 */
	(void)gk_buf_append(b, data, len);
	return CAIRO_STATUS_SUCCESS;
}

enum gk_err
gk_pdf_new(struct gk_pdf **pp, const char *title, enum gk_pdf_footer foot)
{
	struct gk_pdf		*p;
	cairo_font_options_t	*fo;

	*pp = NULL;
	pthread_once(&pdf_once, pdf_register);
	if ((p = gk_calloc(1, sizeof(*p))) == NULL)
		return GK_ENOMEM;
	gk_buf_init(&p->out, 0);
	p->surf = cairo_pdf_surface_create_for_stream(pdf_write, &p->out, PAGE_W, PAGE_H);
	if (cairo_surface_status(p->surf) != CAIRO_STATUS_SUCCESS)
		goto fail;
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_TITLE, title ? title : "");
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATOR, "gongkai");
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_CREATE_DATE, GK_PDF_DATE);
	cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_MOD_DATE, GK_PDF_DATE);
	p->cr = cairo_create(p->surf);
	if (cairo_status(p->cr) != CAIRO_STATUS_SUCCESS)
		goto fail;
	if ((p->pc = pango_cairo_create_context(p->cr)) == NULL)
		goto fail;
	pango_cairo_context_set_resolution(p->pc, 72.0);
	/* Unhinted metrics: the measure is the drawing, whatever the device. */
	if ((fo = cairo_font_options_create()) != NULL) {
		cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
		cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
		pango_cairo_context_set_font_options(p->pc, fo);
		cairo_font_options_destroy(fo);
	}
	p->foot = foot;
	p->y = M_TOP;
	p->fresh = 1;
	*pp = p;
	return GK_OK;
fail:
	gk_pdf_free(p);
	return GK_EIO;
}

void
gk_pdf_free(struct gk_pdf *p)
{
	size_t i;

	if (p == NULL)
		return;
	if (p->pc != NULL)
		g_object_unref(p->pc);
	if (p->cr != NULL)
		cairo_destroy(p->cr);
	if (p->surf != NULL) {
		cairo_surface_finish(p->surf);
		cairo_surface_destroy(p->surf);
	}
	for (i = 0; i < p->npara; i++)
		gk_free(p->paras[i].text);
	gk_free(p->paras);
	gk_free(p->ops);
	gk_buf_clear(&p->out);
	gk_free(p);
}

int
gk_pdf_pages(const struct gk_pdf *p)
{
	return p->page + 1;
}

/* Adds a paragraph record (text copied as valid UTF-8); its index, or (size_t)-1. */
static size_t
para_add(struct gk_pdf *p, const struct gk_pdf_style *st, const char *s, size_t len,
    double width)
{
	struct gk_buf	 t;
	struct para	*np;
	size_t		 n;

	if (p->err != GK_OK)
		return (size_t)-1;
	if (p->npara == p->cpara) {
		n = p->cpara ? p->cpara * 2 : 32;
		if ((np = gk_realloc(p->paras, n * sizeof(*np))) == NULL) {
			p->err = GK_ENOMEM;
			return (size_t)-1;
		}
		p->paras = np;
		p->cpara = n;
	}
	/* Pango wants valid UTF-8: bad bytes become U+FFFD. */
	gk_buf_init(&t, 0);
	if (g_utf8_validate(s, (gssize)len, NULL))
		gk_buf_append(&t, s, len);
	else {
		gchar *v = g_utf8_make_valid(s, (gssize)len);

		if (v != NULL) {
			gk_buf_puts(&t, v);
			g_free(v);
		} else
			t.err = GK_ENOMEM;
	}
	gk_buf_putc(&t, '\0');
	if (t.err != GK_OK) {
		p->err = t.err;
		gk_buf_clear(&t);
		return (size_t)-1;
	}
	p->paras[p->npara].text = gk_buf_take(&t, NULL);
	p->paras[p->npara].st = *st;
	p->paras[p->npara].width = width;
	return p->npara++;
}

static int
op_add(struct gk_pdf *p, const struct op *o)
{
	struct op	*no;
	size_t		 n;

	if (p->err != GK_OK)
		return -1;
	if (p->nops == p->cops) {
		n = p->cops ? p->cops * 2 : 64;
		if ((no = gk_realloc(p->ops, n * sizeof(*no))) == NULL) {
			p->err = GK_ENOMEM;
			return -1;
		}
		p->ops = no;
		p->cops = n;
	}
	p->ops[p->nops++] = *o;
	return 0;
}

static PangoLayout *
layout_of(struct gk_pdf *p, const struct para *a)
{
	PangoLayout		*l;
	PangoFontDescription	*fd;
	const struct gk_pdf_style *st = &a->st;

	if ((l = pango_layout_new(p->pc)) == NULL)
		return NULL;
	fd = pango_font_description_from_string(st->sans ? SANS : SERIF);
	pango_font_description_set_absolute_size(fd, st->size * PANGO_SCALE);
	pango_font_description_set_weight(fd, st->bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)((a->width - st->right * st->size) * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	switch (st->align) {
	case GK_PDF_CENTER:
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
		break;
	case GK_PDF_RIGHT:
		pango_layout_set_alignment(l, PANGO_ALIGN_RIGHT);
		break;
	case GK_PDF_JUSTIFY:
		pango_layout_set_justify(l, TRUE);
		/* FALLTHROUGH */
	default:
		pango_layout_set_alignment(l, PANGO_ALIGN_LEFT);
		break;
	}
	if (st->indent > 0)
		pango_layout_set_indent(l, (int)(st->indent * st->size * PANGO_SCALE));
	if (st->spacing > 0)
		pango_layout_set_line_spacing(l, (float)st->spacing);
	pango_layout_set_text(l, a->text, -1);
	return l;
}

/* The height of the whole layout in points. */
static double
layout_height(PangoLayout *l)
{
	int w, h;

	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void
new_page(struct gk_pdf *p)
{
	p->page++;
	p->y = M_TOP;
	p->fresh = 1;
}

void
gk_pdf_need(struct gk_pdf *p, double pt)
{
	if (!p->fresh && p->y + pt > TEXT_BOTTOM)
		new_page(p);
}

void
gk_pdf_skip(struct gk_pdf *p, double pt)
{
	if (p->fresh)
		return;
	p->y += pt;
	if (p->y > TEXT_BOTTOM)
		new_page(p);
}

enum gk_err
gk_pdf_para(struct gk_pdf *p, const struct gk_pdf_style *st, const char *s, size_t len)
{
	PangoLayout	*l;
	PangoLayoutIter	*it;
	struct op	 o;
	size_t		 pi;
	int		 k = 0, top, bottom;
	double		 y0 = 0, lh;

	if (p->err != GK_OK)
		return p->err;
	if ((pi = para_add(p, st, s, len, TEXT_W)) == (size_t)-1)
		return p->err;
	if ((l = layout_of(p, &p->paras[pi])) == NULL)
		return p->err = GK_ENOMEM;
	if (!p->fresh)
		p->y += st->before;
	memset(&o, 0, sizeof(o));
	o.kind = OP_TEXT;
	o.para = pi;
	o.x = M_LEFT;
	o.nlines = 0;
	it = pango_layout_get_iter(l);
	do {
		pango_layout_iter_get_line_yrange(it, &top, &bottom);
		lh = (double)(bottom - top) / PANGO_SCALE;
		if (o.nlines > 0 && p->y + lh > TEXT_BOTTOM) {
			op_add(p, &o);
			new_page(p);
			o.nlines = 0;
		} else if (o.nlines == 0 && !p->fresh && p->y + lh > TEXT_BOTTOM)
			new_page(p);
		if (o.nlines == 0) {
			o.line0 = k;
			o.page = p->page;
			o.y = p->y;
			y0 = (double)top / PANGO_SCALE;
			if (k == 0) {
				p->last_page = p->page;
				p->last_y = p->y;
			}
		}
		o.nlines++;
		p->y = o.y + (double)bottom / PANGO_SCALE - y0;
		p->fresh = 0;
		k++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	if (o.nlines > 0)
		op_add(p, &o);
	p->y += st->after;
	return p->err;
}

void
gk_pdf_author(struct gk_pdf *p, const char *author)
{
	if (author != NULL && author[0] != '\0' && g_utf8_validate(author, -1, NULL))
		cairo_pdf_surface_set_metadata(p->surf, CAIRO_PDF_METADATA_AUTHOR, author);
}

void
gk_pdf_mark(struct gk_pdf *p, const char *title)
{
	struct gk_pdf_style	 st;
	struct op		 o;
	size_t			 pi;

	memset(&st, 0, sizeof(st));
	if ((pi = para_add(p, &st, title, strlen(title), 0)) == (size_t)-1)
		return;
	memset(&o, 0, sizeof(o));
	o.kind = OP_MARK;
	o.page = p->last_page;
	o.x = M_LEFT;
	o.y = p->last_y;
	o.para = pi;
	op_add(p, &o);
}

/* The text of a grid cell. */
static void
cell_text(const struct gk_grid_cell *c, char *buf, size_t len)
{
	if (c->val != NULL)
		gk_cell_format(c->val, buf, len);
	else
		snprintf(buf, len, "%s", c->text != NULL ? c->text : "");
}

/* Draw a cell's text and box over rows [r0, r1] placed at ys (page, top) with heights h. */
static void
cell_ops(struct gk_pdf *p, const struct gk_grid_cell *c, size_t pi, double th, const double *x,
    int page, double top, double height)
{
	struct op	 o;
	double		 ty;

	memset(&o, 0, sizeof(o));
	o.page = page;
	o.x = x[c->col];
	o.w = x[c->col + c->colspan] - x[c->col];
	o.y = top;
	o.h = height;
	if (c->flags & GK_GRID_HEAD) {
		o.kind = OP_FILL;
		op_add(p, &o);
	}
	o.kind = OP_BOX;
	op_add(p, &o);
	if (pi == (size_t)-1)
		return;
	if (th > height - 2 * CELL_PAD)
		th = height - 2 * CELL_PAD;
	/* Text: top-aligned in a one-row cell (so a row's first lines share a baseline), else centred. */
	if (c->rowspan > 1 || (c->flags & GK_GRID_HEAD))
		ty = top + (height - th) / 2;
	else
		ty = top + CELL_PAD;
	o.kind = OP_TEXT;
	o.x = x[c->col] + CELL_PAD;
	o.y = ty;
	o.para = pi;
	o.line0 = 0;
	o.nlines = -1;
	op_add(p, &o);
}

enum gk_err
gk_pdf_grid(struct gk_pdf *p, const struct gk_grid *g, double size)
{
	struct gk_tl_cell	*tc = NULL;
	size_t			*pi = NULL;
	double			*th = NULL, *h = NULL, *ry = NULL, x[GK_GRID_COLS + 1];
	int			*rpage = NULL, *brk = NULL, *segstart = NULL;
	struct gk_pdf_style	 st;
	char			 buf[GK_CELL_TEXT_MAX + 64];
	size_t			 i, nb, b;
	int			 r, k, nr = g->nrows;
	double			 y, hh = 0;

	if (p->err != GK_OK)
		return p->err;
	if (g->n == 0 || nr <= 0)
		return GK_OK;
	tc = gk_calloc(g->n, sizeof(*tc));
	pi = gk_calloc(g->n, sizeof(*pi));
	th = gk_calloc(g->n, sizeof(*th));
	h = gk_calloc((size_t)nr, sizeof(*h));
	ry = gk_calloc((size_t)nr, sizeof(*ry));
	rpage = gk_calloc((size_t)nr, sizeof(*rpage));
	segstart = gk_calloc((size_t)nr, sizeof(*segstart));
	brk = gk_calloc((size_t)nr + 1, sizeof(*brk));
	if (tc == NULL || pi == NULL || th == NULL || h == NULL || ry == NULL ||
	    rpage == NULL || brk == NULL || segstart == NULL) {
		p->err = GK_ENOMEM;
		goto done;
	}
	gk_tl_columns(g->colw, g->ncols, M_LEFT, TEXT_W, x);
	memset(&st, 0, sizeof(st));
	st.size = size;
	for (i = 0; i < g->n; i++) {
		const struct gk_grid_cell *c = &g->c[i];
		PangoLayout *l;

		st.align = (c->flags & GK_GRID_LEFT) && c->rowspan == 1 ? GK_PDF_LEFT : GK_PDF_CENTER;
		st.bold = (c->flags & GK_GRID_HEAD) != 0;
		cell_text(c, buf, sizeof(buf));
		pi[i] = para_add(p, &st, buf, strlen(buf),
		    x[c->col + c->colspan] - x[c->col] - 2 * CELL_PAD);
		if (pi[i] == (size_t)-1)
			goto done;
		if ((l = layout_of(p, &p->paras[pi[i]])) == NULL) {
			p->err = GK_ENOMEM;
			goto done;
		}
		th[i] = layout_height(l);
		g_object_unref(l);
		tc[i].row = c->row;
		tc[i].rowspan = c->rowspan;
		tc[i].need = th[i] + 2 * CELL_PAD;
	}
	gk_tl_rows(tc, g->n, nr, size * 1.9, h);
	if (!p->fresh)
		p->y += 4;
	nb = gk_tl_breaks(tc, g->n, nr, g->head_rows, h, TEXT_BOTTOM - p->y,
	    TEXT_BOTTOM - M_TOP, 0.4 * (TEXT_BOTTOM - M_TOP), brk, (size_t)nr);
	for (r = 0; r < g->head_rows; r++)
		hh += h[r];
	/* Place body rows page by page; segstart[r]: row r starts a page's segment. */
	b = 0;
	y = p->y + hh;
	for (r = g->head_rows; r < nr; r++) {
		if (b < nb && brk[b] == r) {
			new_page(p);
			y = p->y + hh;
			b++;
			segstart[r] = 1;
		} else if (r == g->head_rows)
			segstart[r] = 1;
		rpage[r] = p->page;
		ry[r] = y;
		y += h[r];
	}
	if (nr == g->head_rows)
		y = p->y + hh;
	/*
	 * Body cells, one box per page segment of their rows; the text of a
	 * cell broken across pages goes into its tallest segment.
	 */
	for (i = 0; i < g->n; i++) {
		const struct gk_grid_cell *c = &g->c[i];
		int last = c->row + c->rowspan - 1, best = c->row;
		double segh, besth = -1;

		if (c->row < g->head_rows)
			continue;
		for (r = c->row; r <= last; r = k) {
			for (segh = 0, k = r; k <= last && (k == r || !segstart[k]); k++)
				segh += h[k];
			if (segh > besth) {
				besth = segh;
				best = r;
			}
		}
		for (r = c->row; r <= last; r = k) {
			for (segh = 0, k = r; k <= last && (k == r || !segstart[k]); k++)
				segh += h[k];
			cell_ops(p, c, r == best ? pi[i] : (size_t)-1, th[i], x, rpage[r], ry[r],
			    segh);
		}
	}
	/* Header rows above each segment start. */
	for (r = g->head_rows; r < nr; r++) {
		if (!segstart[r])
			continue;
		for (i = 0; i < g->n; i++) {
			const struct gk_grid_cell *c = &g->c[i];
			double top = ry[r] - hh, segh = 0;

			if (c->row >= g->head_rows)
				continue;
			for (k = 0; k < c->row; k++)
				top += h[k];
			for (k = c->row; k < c->row + c->rowspan; k++)
				segh += h[k];
			cell_ops(p, c, pi[i], th[i], x, rpage[r], top, segh);
		}
	}
	p->y = y + 6;
	p->fresh = 0;
done:
	gk_free(tc);
	gk_free(pi);
	gk_free(th);
	gk_free(h);
	gk_free(ry);
	gk_free(rpage);
	gk_free(brk);
	gk_free(segstart);
	return p->err;
}

double
gk_pdf_room(const struct gk_pdf *p)
{
	return p->y >= TEXT_BOTTOM ? 0 : TEXT_BOTTOM - p->y;
}

enum gk_err
gk_pdf_squares(struct gk_pdf *p, const unsigned char *dark, int n, double side)
{
	struct op	 o;
	double		 m, x0;
	int		 x, y, run;

	if (p->err != GK_OK)
		return p->err;
	if (n <= 0 || side <= 0 || side > TEXT_W)
		return GK_EINVAL;
	gk_pdf_need(p, side);
	m = side / n;
	x0 = M_LEFT + (TEXT_W - side) / 2;
	memset(&o, 0, sizeof(o));
	o.kind = OP_DARK;
	o.page = p->page;
	o.h = m;
	/* One rectangle per horizontal run of dark modules. */
	for (y = 0; y < n; y++)
		for (x = 0; x < n; x += run > 0 ? run : 1) {
			for (run = 0; x + run < n && (dark[y * n + x + run] & 1); run++)
				;
			if (run == 0)
				continue;
			o.x = x0 + x * m;
			o.y = p->y + y * m;
			o.w = run * m;
			if (op_add(p, &o) != 0)
				return p->err;
		}
	p->y += side;
	p->fresh = 0;
	return p->err;
}

/* Draws the lines [line0, line0 + n) of layout l with the first line's top at (x, y); n < 0: all. */
static void
draw_lines(cairo_t *cr, PangoLayout *l, double x, double y, int line0, int n)
{
	PangoLayoutIter	*it = pango_layout_get_iter(l);
	PangoRectangle	 lr;
	int		 k = 0, top, bottom;
	double		 y0 = 0;

	do {
		if (k < line0) {
			k++;
			continue;
		}
		if (n >= 0 && k >= line0 + n)
			break;
		pango_layout_iter_get_line_yrange(it, &top, &bottom);
		if (k == line0)
			y0 = (double)top / PANGO_SCALE;
		pango_layout_iter_get_line_extents(it, NULL, &lr);
		cairo_move_to(cr, x + (double)lr.x / PANGO_SCALE,
		    y + (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE - y0);
		pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
		k++;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void
draw_footer(struct gk_pdf *p, int page, int pages)
{
	struct para	 a;
	struct gk_pdf_style st;
	PangoLayout	*l;
	char		 s[64];

	if (p->foot == GK_PDF_FOOT_NONE)
		return;
	if (p->foot == GK_PDF_FOOT_OF)
		snprintf(s, sizeof(s), "第 %d 页 共 %d 页", page + 1, pages);
	else
		snprintf(s, sizeof(s), "- %d -", page + 1);
	memset(&st, 0, sizeof(st));
	st.size = 10.5;
	st.align = GK_PDF_CENTER;
	a.text = s;
	a.st = st;
	a.width = TEXT_W;
	if ((l = layout_of(p, &a)) == NULL)
		return;
	draw_lines(p->cr, l, M_LEFT, TEXT_BOTTOM + 7.0 * MM, 0, -1);
	g_object_unref(l);
}

enum gk_err
gk_pdf_finish(struct gk_pdf *p, struct gk_buf *out)
{
	PangoLayout	*l = NULL;
	size_t		 i, cur = (size_t)-1;
	int		 pg, pages;
	enum gk_err	 e;
	enum op_kind	 pass;

	if (p == NULL)
		return GK_EINVAL;
	if (p->err != GK_OK) {
		e = p->err;
		gk_pdf_free(p);
		return e;
	}
	pages = p->page + 1;
	for (i = 0; i < p->nops; i++) {
		char link[96];

		if (p->ops[i].kind != OP_MARK)
			continue;
		snprintf(link, sizeof(link), "page=%d pos=[%.2f %.2f]", p->ops[i].page + 1,
		    p->ops[i].x, p->ops[i].y);
		cairo_pdf_surface_add_outline(p->surf, CAIRO_PDF_OUTLINE_ROOT,
		    p->paras[p->ops[i].para].text, link, 0);
	}
	pango_cairo_update_context(p->cr, p->pc);
	cairo_set_line_width(p->cr, LINE_W);
	for (pg = 0; pg < pages; pg++) {
		/* Shading under the boxes under the text. */
		for (pass = OP_FILL;; pass = pass == OP_FILL ? OP_BOX : OP_TEXT) {
			for (i = 0; i < p->nops; i++) {
				const struct op *o = &p->ops[i];

				/* The black squares go with the boxes. */
				if (o->page != pg || (o->kind != pass &&
				    !(o->kind == OP_DARK && pass == OP_BOX)))
					continue;
				if (o->kind == OP_DARK) {
					cairo_set_source_rgb(p->cr, 0, 0, 0);
					cairo_rectangle(p->cr, o->x, o->y, o->w, o->h);
					cairo_fill(p->cr);
				} else if (o->kind == OP_FILL) {
					cairo_set_source_rgb(p->cr, 0.95, 0.95, 0.95);
					cairo_rectangle(p->cr, o->x, o->y, o->w, o->h);
					cairo_fill(p->cr);
				} else if (o->kind == OP_BOX) {
					cairo_set_source_rgb(p->cr, 0, 0, 0);
					cairo_rectangle(p->cr, o->x, o->y, o->w, o->h);
					cairo_stroke(p->cr);
				} else {
					if (cur != o->para) {
						if (l != NULL)
							g_object_unref(l);
						cur = o->para;
						l = layout_of(p, &p->paras[o->para]);
					}
					if (l == NULL)
						continue;
					cairo_set_source_rgb(p->cr, 0, 0, 0);
					draw_lines(p->cr, l, o->x, o->y, o->line0, o->nlines);
				}
			}
			if (pass == OP_TEXT)
				break;
		}
		cairo_set_source_rgb(p->cr, 0, 0, 0);
		draw_footer(p, pg, pages);
		cairo_show_page(p->cr);
	}
	if (l != NULL)
		g_object_unref(l);
	g_object_unref(p->pc);
	p->pc = NULL;
	cairo_destroy(p->cr);
	p->cr = NULL;
	cairo_surface_finish(p->surf);
	/* A stream that ran out of memory is that, not a write error. */
	e = p->out.err != GK_OK ? p->out.err :
	    cairo_surface_status(p->surf) == CAIRO_STATUS_SUCCESS ? GK_OK : GK_EIO;
	cairo_surface_destroy(p->surf);
	p->surf = NULL;
	if (e == GK_OK)
		e = gk_buf_append(out, p->out.data, p->out.len);
	gk_pdf_free(p);
	return e;
}
