/*
 * read_html.c — report pages as found on government sites, to rows.
 *
 * The page is parsed with libxml2's forgiving HTML parser and walked in
 * document order, without recursion (pages may nest tags arbitrarily
 * deep). Text blocks outside tables become paragraphs; every data table
 * becomes RR_GRID rows with its rowspan/colspan expanded (covered positions
 * are span cells). Tables that hold other tables, or a single cell, are
 * page layout: the walk goes inside them instead. Everything is bounded:
 * spans, grid size, text length, row and cell counts.
 */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include "report/report_io.h"

#define HR_MAX_COLSPAN	200
#define HR_MAX_ROWSPAN	1000
#define HR_MAX_COLS	256		/* grid width of one table */
#define HR_CHARSET_SCAN	16384		/* bytes searched for a charset declaration */

/* Marks in a <table> node's _private (ours for the walk's duration). */
#define HR_LAYOUT	((void *)1)

/* Pending white space in a text builder, weakest first. */
enum hr_ws {
	HR_WS_NONE,
	HR_WS_SPACE,	/* spaces or tabs: one space */
	HR_WS_BREAK,	/* a line break or a soft break: nothing between two CJK characters */
	HR_WS_HARD	/* <br> in a paragraph: a space */
};

/* Builds one collapsed, trimmed line of text. */
struct hr_text {
	struct gk_buf	 b;
	enum hr_ws	 ws;
	int		 last_ascii;	/* the last character appended was ASCII */
};

struct hr_pos {
	xmlNodePtr	 n;		/* the <td>/<th> */
	uint32_t	 row, col, cs, rs;
};

struct hr_ctx {
	struct rr_doc	*d;
	struct hr_text	 para;		/* the paragraph being collected */
	struct hr_text	 cell;		/* scratch for cell and caption text */
	int		 pblock;	/* open p-like elements: <br> is a space inside them */
	enum gk_err	 e;
	const char	*msg;		/* Chinese message for e */
	/* One table's layout (reused). */
	xmlNodePtr	*rows;
	size_t		 nrows, caprows;
	struct hr_pos	*pos;
	size_t		 npos, cappos;
	int32_t		 line[HR_MAX_COLS];
	uint32_t	 busy[HR_MAX_COLS];
};

#define HR_SPAN		(-2)
#define HR_EMPTY	(-1)

static int
hr_is(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && n->name != NULL &&
	    strcmp((const char *)n->name, name) == 0;
}

static int
hr_in(xmlNodePtr n, const char *const *set)
{
	if (n->type != XML_ELEMENT_NODE || n->name == NULL)
		return 0;
	for (; *set != NULL; set++)
		if (strcmp((const char *)n->name, *set) == 0)
			return 1;
	return 0;
}

/* Elements whose content is never report text. */
static const char *const hr_skip[] = {
	"script", "style", "head", "title", "noscript", "template", "select",
	"textarea", "iframe", "object", "embed", "svg", "math", "button", "map",
	NULL
};

/* Elements that start and end a text block. */
static const char *const hr_block[] = {
	"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl",
	"dt", "dd", "section", "article", "header", "footer", "main", "nav",
	"aside", "blockquote", "pre", "form", "center", "hr", "address",
	"figure", "figcaption", "caption", "table", "thead", "tbody", "tfoot",
	"tr", "td", "th", "body", "html", "fieldset", "legend", "details",
	"summary", "option", "img", NULL
};

/* Blocks inside which <br> is a space rather than a paragraph break. */
static const char *const hr_pblock[] = {
	"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "caption",
	"figcaption", "legend", "summary", NULL
};

/* --- Text builder ------------------------------------------------------ */

static void
hr_text_init(struct hr_text *t)
{
	memset(t, 0, sizeof(*t));
	gk_buf_init(&t->b, RR_MAX_CELL + 8);
}

static void
hr_text_reset(struct hr_text *t)
{
	t->b.len = 0;
	if (t->b.data != NULL)
		t->b.data[0] = '\0';
	t->ws = HR_WS_NONE;
	t->last_ascii = 0;
}

static void
hr_text_ws(struct hr_text *t, enum hr_ws ws)
{
	if (ws > t->ws)
		t->ws = ws;
}

/* Appends one character (n bytes, well-formed) after any pending space. */
static void
hr_text_char(struct hr_text *t, const unsigned char *s, size_t n)
{
	int ascii = s[0] < 0x80;

	if (t->b.err != GK_OK)
		return;
	if (t->b.len + n + 1 > RR_MAX_CELL)
		return;			/* the cell is cut, as rr_cell would */
	if (t->b.len > 0 && t->ws != HR_WS_NONE &&
	    !(t->ws == HR_WS_BREAK && !t->last_ascii && !ascii))
		gk_buf_putc(&t->b, ' ');
	t->ws = HR_WS_NONE;
	gk_buf_append(&t->b, s, n);
	t->last_ascii = ascii;
}

/* Appends a NUL-terminated UTF-8 string from libxml2, collapsing white space. */
static void
hr_text_add(struct hr_text *t, const xmlChar *s)
{
	size_t	 n, k;

	if (s == NULL)
		return;
	while (*s != '\0') {
		unsigned char c = *s;

		if (c == ' ' || c == '\t' || c == '\f' || c == '\v') {
			hr_text_ws(t, HR_WS_SPACE);
			s++;
			continue;
		}
		if (c == '\n' || c == '\r') {
			hr_text_ws(t, HR_WS_BREAK);
			s++;
			continue;
		}
		if (c == 0xC2 && s[1] == 0xA0) {	/* no-break space */
			hr_text_ws(t, HR_WS_SPACE);
			s += 2;
			continue;
		}
		if (c < 0x20 || c == 0x7F) {
			s++;
			continue;
		}
		if (c < 0x80)
			n = 1;
		else if (c >= 0xC2 && c <= 0xDF)
			n = 2;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 3;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 4;
		else {
			s++;
			continue;
		}
		/* Never step over the terminating NUL. */
		for (k = 1; k < n; k++)
			if ((s[k] & 0xC0) != 0x80)
				break;
		if (k < n) {
			s += k;
			continue;
		}
		hr_text_char(t, s, n);
		s += n;
	}
}

/* --- Walking ------------------------------------------------------------ */

/* The next node in document order after n's subtree, not leaving root. */
static xmlNodePtr
hr_after(xmlNodePtr n, xmlNodePtr root)
{
	while (n != NULL && n != root) {
		if (n->next != NULL)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* The next node in document order inside root, descending into n if asked. */
static xmlNodePtr
hr_next(xmlNodePtr n, xmlNodePtr root, int descend)
{
	if (descend && n->children != NULL && n->type == XML_ELEMENT_NODE)
		return n->children;
	if (descend && n == root && n->children != NULL)
		return n->children;
	return hr_after(n, root);
}

/* Text content of a cell or caption: <br> and inner blocks are soft breaks. */
static void
hr_gather(struct hr_text *t, xmlNodePtr root, enum hr_ws brk)
{
	xmlNodePtr n = root->children;

	hr_text_reset(t);
	while (n != NULL) {
		int descend = 0;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
			hr_text_add(t, n->content);
		else if (n->type == XML_ELEMENT_NODE && !hr_in(n, hr_skip)) {
			descend = 1;
			if (hr_is(n, "br") || hr_in(n, hr_block))
				hr_text_ws(t, brk);
		}
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		/* Leave n, then every ancestor whose last child it was. */
		for (;;) {
			if (hr_in(n, hr_block))
				hr_text_ws(t, brk);
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
			if (n == root || n == NULL) {
				n = NULL;
				break;
			}
		}
	}
}

static void
hr_fail(struct hr_ctx *c, enum gk_err e, const char *msg)
{
	if (c->e == GK_OK) {
		c->e = e;
		c->msg = msg;
	}
}

static void
hr_flush(struct hr_ctx *c)
{
	struct hr_text *t = &c->para;

	if (t->b.err != GK_OK)
		hr_fail(c, t->b.err, "内存不足");
	else if (t->b.len > 0 && rr_para(c->d, t->b.data, t->b.len) != GK_OK)
		hr_fail(c, c->d->err, "内容过多，超出可读取的上限");
	hr_text_reset(t);
}

/* A non-negative integer attribute, capped; def when missing or not a number. */
static uint32_t
hr_attr_uint(xmlNodePtr n, const char *name, uint32_t def, uint32_t cap)
{
	xmlAttrPtr	 a;
	const xmlChar	*v;
	uint32_t	 x = 0;
	int		 any = 0;

	for (a = n->properties; a != NULL; a = a->next) {
		if (a->name == NULL || strcmp((const char *)a->name, name) != 0)
			continue;
		if (a->children == NULL || (v = a->children->content) == NULL)
			return def;
		while (*v == ' ' || *v == '\t' || *v == '\n' || *v == '\r' || *v == '"')
			v++;
		for (; *v >= '0' && *v <= '9'; v++) {
			any = 1;
			if (x <= cap)
				x = x * 10 + (uint32_t)(*v - '0');
		}
		if (!any)
			return def;
		return x > cap ? cap : x;
	}
	return def;
}

static int
hr_push_row(struct hr_ctx *c, xmlNodePtr tr)
{
	if (c->nrows >= RR_MAX_ROWS) {
		hr_fail(c, GK_ELIMIT, "表格行数过多，超出可读取的上限");
		return -1;
	}
	if (c->nrows == c->caprows) {
		size_t ncap = c->caprows ? c->caprows * 2 : 64;
		xmlNodePtr *p = gk_realloc(c->rows, ncap * sizeof(*p));

		if (p == NULL) {
			hr_fail(c, GK_ENOMEM, "内存不足");
			return -1;
		}
		c->rows = p;
		c->caprows = ncap;
	}
	c->rows[c->nrows++] = tr;
	return 0;
}

static int
hr_push_pos(struct hr_ctx *c, xmlNodePtr cell, uint32_t row)
{
	struct hr_pos *p;

	if (c->npos >= RR_MAX_CELLS) {
		hr_fail(c, GK_ELIMIT, "表格单元格过多，超出可读取的上限");
		return -1;
	}
	if (c->npos == c->cappos) {
		size_t ncap = c->cappos ? c->cappos * 2 : 256;

		if ((p = gk_realloc(c->pos, ncap * sizeof(*p))) == NULL) {
			hr_fail(c, GK_ENOMEM, "内存不足");
			return -1;
		}
		c->pos = p;
		c->cappos = ncap;
	}
	p = &c->pos[c->npos++];
	p->n = cell;
	p->row = row;
	p->col = 0;
	p->cs = hr_attr_uint(cell, "colspan", 1, HR_MAX_COLSPAN);
	p->rs = hr_attr_uint(cell, "rowspan", 1, HR_MAX_ROWSPAN);
	if (p->cs == 0)
		p->cs = 1;
	return 0;
}

/* Collects the table's rows and their cells (the table holds no table). */
static int
hr_collect(struct hr_ctx *c, xmlNodePtr t)
{
	xmlNodePtr	 n;
	size_t		 r;

	c->nrows = c->npos = 0;
	for (n = t->children; n != NULL; ) {
		int descend = 0;

		if (hr_is(n, "tr")) {
			if (hr_push_row(c, n) != 0)
				return -1;
		} else if (n->type == XML_ELEMENT_NODE && !hr_is(n, "caption") &&
		    !hr_is(n, "td") && !hr_is(n, "th") && !hr_is(n, "table") &&
		    !hr_in(n, hr_skip))
			descend = 1;
		n = hr_next(n, t, descend);
	}
	for (r = 0; r < c->nrows; r++) {
		xmlNodePtr tr = c->rows[r];

		for (n = tr->children; n != NULL; ) {
			int descend = 0;

			if (hr_is(n, "td") || hr_is(n, "th")) {
				if (hr_push_pos(c, n, (uint32_t)r) != 0)
					return -1;
			} else if (n->type == XML_ELEMENT_NODE && !hr_is(n, "table") &&
			    !hr_is(n, "tr") && !hr_in(n, hr_skip))
				descend = 1;
			n = hr_next(n, tr, descend);
		}
	}
	return 0;
}

/*
 * Places the cells on the grid (the HTML table model: each cell at the
 * first column of its row not covered by a rowspan from above). Returns the
 * grid width, or -1.
 */
static int
hr_place(struct hr_ctx *c)
{
	size_t		 i = 0;
	uint32_t	 r, x, k, w = 0, nrows = (uint32_t)c->nrows;

	memset(c->busy, 0, sizeof(c->busy));
	for (r = 0; r < nrows; r++) {
		x = 0;
		for (; i < c->npos && c->pos[i].row == r; i++) {
			struct hr_pos *p = &c->pos[i];

			while (x < HR_MAX_COLS && c->busy[x] > r)
				x++;
			if (x >= HR_MAX_COLS) {
				hr_fail(c, GK_ELIMIT, "表格列数过多（超过 256 列）");
				return -1;
			}
			if (p->cs > HR_MAX_COLS - x)
				p->cs = HR_MAX_COLS - x;
			if (p->rs == 0 || p->rs > nrows - r)
				p->rs = nrows - r;	/* rowspan="0": to the end */
			p->col = x;
			for (k = x; k < x + p->cs; k++)
				if (c->busy[k] < r + p->rs)
					c->busy[k] = r + p->rs;
			x += p->cs;
			if (x > w)
				w = x;
		}
	}
	return (int)w;
}

/* Emits the caption (a paragraph) and the grid rows of a data table. */
static void
hr_emit(struct hr_ctx *c, xmlNodePtr t, int w)
{
	struct rr_doc	*d = c->d;
	xmlNodePtr	 n;
	size_t		 i = 0;
	uint32_t	 r, k;
	int		 x, tid;

	for (n = t->children; n != NULL; n = n->next)
		if (hr_is(n, "caption")) {
			hr_gather(&c->para, n, HR_WS_HARD);
			hr_flush(c);
		}
	tid = rr_table_new(d);
	memset(c->busy, 0, sizeof(c->busy));
	for (r = 0; r < (uint32_t)c->nrows; r++) {
		for (x = 0; x < w; x++)
			c->line[x] = c->busy[x] > r ? HR_SPAN : HR_EMPTY;
		for (; i < c->npos && c->pos[i].row == r; i++) {
			struct hr_pos *p = &c->pos[i];

			c->line[p->col] = (int32_t)i;
			for (k = p->col; k < p->col + p->cs; k++) {
				if (k > p->col)
					c->line[k] = HR_SPAN;
				if (c->busy[k] < r + p->rs)
					c->busy[k] = r + p->rs;
			}
		}
		if (rr_row_begin(d, tid, RR_GRID) != GK_OK)
			break;
		for (x = 0; x < w; x++) {
			if (c->line[x] == HR_SPAN)
				rr_cell_span(d);
			else if (c->line[x] == HR_EMPTY)
				rr_cell(d, "", 0);
			else {
				hr_gather(&c->cell, c->pos[c->line[x]].n, HR_WS_BREAK);
				if (c->cell.b.err != GK_OK) {
					hr_fail(c, c->cell.b.err, "内存不足");
					return;
				}
				rr_cell(d, c->cell.b.len ? c->cell.b.data : "", c->cell.b.len);
			}
		}
		rr_row_end(d);
	}
	if (d->err != GK_OK)
		hr_fail(c, d->err, d->err == GK_ENOMEM ? "内存不足" :
		    "表格内容过多，超出可读取的上限");
}

/*
 * A table that holds no table: emitted as a grid, unless it has a single
 * cell (a frame around content). Returns 1 if emitted, 0 to walk inside.
 */
static int
hr_table(struct hr_ctx *c, xmlNodePtr t)
{
	int w;

	if (hr_collect(c, t) != 0)
		return 1;
	if (c->npos <= 1)
		return 0;
	if ((w = hr_place(c)) < 0)
		return 1;
	if (w == 0)
		return 0;
	if ((size_t)w * c->nrows > RR_MAX_CELLS) {
		hr_fail(c, GK_ELIMIT, "表格过大，超出可读取的上限");
		return 1;
	}
	hr_flush(c);
	hr_emit(c, t, w);
	return 1;
}

/*
 * Marks every table that holds another table as layout (one pass, a stack
 * of open tables). The marks live in _private until hr_unmark.
 */
static int
hr_mark_layout(struct hr_ctx *c, xmlNodePtr root)
{
	xmlNodePtr	*stack = NULL, n = root;
	size_t		 ns = 0, cap = 0;

	while (n != NULL) {
		int descend = n->type == XML_ELEMENT_NODE || n == root;

		if (hr_is(n, "table")) {
			n->_private = NULL;
			if (ns > 0)
				stack[ns - 1]->_private = HR_LAYOUT;
			if (ns == cap) {
				size_t ncap = cap ? cap * 2 : 32;
				xmlNodePtr *p = gk_realloc(stack, ncap * sizeof(*p));

				if (p == NULL) {
					gk_free(stack);
					hr_fail(c, GK_ENOMEM, "内存不足");
					return -1;
				}
				stack = p;
				cap = ncap;
			}
			stack[ns++] = n;
		}
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		/* Leave n, then every ancestor whose last child it was. */
		for (;;) {
			if (ns > 0 && stack[ns - 1] == n)
				ns--;
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
	gk_free(stack);
	return 0;
}

static void
hr_unmark(xmlNodePtr root)
{
	xmlNodePtr n;

	for (n = root; n != NULL; n = hr_next(n, root, 1))
		if (hr_is(n, "table"))
			n->_private = NULL;
}

/* Called when the walk leaves element n. */
static void
hr_leave(struct hr_ctx *c, xmlNodePtr n)
{
	if (n->type != XML_ELEMENT_NODE)
		return;
	if (hr_in(n, hr_pblock) && c->pblock > 0)
		c->pblock--;
	if (hr_in(n, hr_block))
		hr_flush(c);
}

/* The document walk: paragraphs and tables in document order. */
static void
hr_walk(struct hr_ctx *c, xmlNodePtr root)
{
	xmlNodePtr n = root;

	while (n != NULL && c->e == GK_OK) {
		int descend = 0;

		if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
			hr_text_add(&c->para, n->content);
		} else if (n->type == XML_ELEMENT_NODE && !hr_in(n, hr_skip)) {
			descend = 1;
			if (hr_is(n, "br")) {
				if (c->pblock > 0)
					hr_text_ws(&c->para, HR_WS_HARD);
				else
					hr_flush(c);
			} else if (hr_in(n, hr_block))
				hr_flush(c);
			if (hr_in(n, hr_pblock))
				c->pblock++;
			if (hr_is(n, "table") && n->_private != HR_LAYOUT &&
			    hr_table(c, n))
				descend = 0;
		} else if (n == root)
			descend = 1;
		if (descend && n->children != NULL) {
			n = n->children;
			continue;
		}
		/* Leave n, then every ancestor whose last child it was. */
		for (;;) {
			if (n != root)
				hr_leave(c, n);
			if (n == root) {
				n = NULL;
				break;
			}
			if (n->next != NULL) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
	hr_flush(c);
}

/* --- Encoding ------------------------------------------------------------ */

static int
hr_lower(int ch)
{
	return ch >= 'A' && ch <= 'Z' ? ch - 'A' + 'a' : ch;
}

/*
 * The charset the page declares in its first bytes (meta charset or
 * http-equiv), lower-cased into out; "" if none.
 */
static void
hr_declared_charset(const char *buf, size_t len, char *out, size_t outsz)
{
	static const char key[] = "charset";
	size_t	 n = len < HR_CHARSET_SCAN ? len : HR_CHARSET_SCAN, i, k, o;

	out[0] = '\0';
	for (i = 0; i + sizeof(key) - 1 < n; i++) {
		for (k = 0; k < sizeof(key) - 1; k++)
			if (hr_lower((unsigned char)buf[i + k]) != key[k])
				break;
		if (k < sizeof(key) - 1)
			continue;
		k = i + sizeof(key) - 1;
		while (k < n && (buf[k] == ' ' || buf[k] == '\t'))
			k++;
		if (k >= n || buf[k] != '=')
			continue;
		k++;
		while (k < n && (buf[k] == ' ' || buf[k] == '"' || buf[k] == '\''))
			k++;
		for (o = 0; k < n && o + 1 < outsz; k++) {
			int ch = hr_lower((unsigned char)buf[k]);

			if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
			    ch == '-' || ch == '_' || ch == '.' || ch == ':'))
				break;
			out[o++] = (char)ch;
		}
		out[o] = '\0';
		if (o > 0)
			return;
	}
}

/* Length of a well-formed UTF-8 sequence at s, or 0. */
static size_t
hr_utf8_ok(const unsigned char *s, size_t len)
{
	size_t		 n, i;
	unsigned long	 v;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		n = 2, v = s[0] & 0x1F;
	else if ((s[0] & 0xF0) == 0xE0)
		n = 3, v = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		n = 4, v = s[0] & 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((n == 3 && (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))) ||
	    (n == 4 && (v < 0x10000 || v > 0x10FFFF)))
		return 0;
	return n;
}

/*
 * A copy of a UTF-8 page with malformed bytes as U+FFFD and NUL as a space,
 * so that libxml2 never falls back to Latin-1 halfway through the page.
 */
static char *
hr_clean_utf8(const char *buf, size_t len, size_t *outlen)
{
	const unsigned char	*p = (const unsigned char *)buf;
	struct gk_buf		 b;
	size_t			 i = 0, run = 0, k;

	gk_buf_init(&b, 3 * len + 16);
	gk_buf_append(&b, "", 0);
	while (i < len) {
		k = p[i] == 0 ? 0 : hr_utf8_ok(p + i, len - i);
		if (k > 0) {
			i += k;
			run += k;
			continue;
		}
		if (run > 0)
			gk_buf_append(&b, p + i - run, run);
		run = 0;
		gk_buf_append(&b, p[i] == 0 ? " " : "\xEF\xBF\xBD", p[i] == 0 ? 1 : 3);
		i++;
	}
	if (run > 0)
		gk_buf_append(&b, p + i - run, run);
	return gk_buf_take(&b, outlen);
}

/*
 * Whether an undeclared page is more likely GBK than UTF-8: more malformed
 * than well-formed multi-byte sequences (Chinese pages saved from old
 * editors often declare nothing).
 */
static int
hr_looks_gbk(const char *buf, size_t len)
{
	const unsigned char	*p = (const unsigned char *)buf;
	size_t			 i = 0, good = 0, bad = 0, k;

	while (i < len) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = hr_utf8_ok(p + i, len - i)) > 0) {
			good++;
			i += k;
		} else {
			bad++;
			i++;
		}
	}
	return bad > 8 && bad > good;
}

/* The libxml2 encoding for a declared charset; NULL means UTF-8. */
static const char *
hr_encoding(const char *cs)
{
	static const char *const gb[] = {
		"gb2312", "gbk", "gb18030", "x-gbk", "cp936", "euc-cn", "x-gb2312",
		"csgb2312", "windows-936", NULL
	};
	size_t i;

	if (cs[0] == '\0' || strcmp(cs, "utf-8") == 0 || strcmp(cs, "utf8") == 0)
		return NULL;
	for (i = 0; gb[i] != NULL; i++)
		if (strcmp(cs, gb[i]) == 0)
			return "GB18030";	/* superset: pages labelled gb2312 use GBK */
	if (strcmp(cs, "big5") == 0)
		return "BIG5";
	return cs;
}

/* --- Entry point ------------------------------------------------------- */

/* libxml2 reports encoding errors outside the parser context: keep them quiet. */
static void
hr_quiet(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static void
hr_quiet_structured(void *ctx, xmlErrorPtr e)
{
	(void)ctx;
	(void)e;
}

static htmlDocPtr
hr_parse(const char *src, size_t len, const char *enc, int opts)
{
	xmlGenericErrorFunc	 oldf = xmlGenericError;
	void			*oldc = xmlGenericErrorContext;
	xmlStructuredErrorFunc	 olds = xmlStructuredError;
	void			*oldsc = xmlStructuredErrorContext;
	htmlDocPtr		 doc;

	xmlSetGenericErrorFunc(NULL, hr_quiet);
	xmlSetStructuredErrorFunc(NULL, hr_quiet_structured);
	doc = htmlReadMemory(src, (int)len, NULL, enc, opts);
	xmlSetGenericErrorFunc(oldc, oldf);
	xmlSetStructuredErrorFunc(oldsc, olds);
	return doc;
}

enum gk_err
gk_html_rows(const char *buf, size_t len, struct rr_doc *d, char *err, size_t errlen)
{
	struct hr_ctx	 c;
	htmlDocPtr	 doc;
	xmlNodePtr	 root;
	char		 cs[40], *clean = NULL;
	const char	*enc, *src = buf;
	size_t		 srclen = len, i;
	int		 opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR |
			    HTML_PARSE_NOWARNING | HTML_PARSE_NONET;

	if (errlen)
		err[0] = '\0';
	if (len > GK_REPORT_MAX_INPUT) {
		snprintf(err, errlen, "文件过大（超过 %u 字节）", GK_REPORT_MAX_INPUT);
		return GK_ELIMIT;
	}
	for (i = 0; i < len; i++)
		if (buf[i] != ' ' && buf[i] != '\t' && buf[i] != '\r' && buf[i] != '\n')
			break;
	if (i == len) {
		snprintf(err, errlen, "未找到任何内容：文件为空");
		return GK_EINVAL;
	}
	hr_declared_charset(buf, len, cs, sizeof(cs));
	enc = hr_encoding(cs);
	if (cs[0] == '\0' && hr_looks_gbk(buf, len))
		enc = "GB18030";
	if (enc == NULL) {
		if ((clean = hr_clean_utf8(buf, len, &srclen)) == NULL) {
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		src = clean;
		enc = "UTF-8";
	}
	if (srclen > INT_MAX) {
		gk_free(clean);
		snprintf(err, errlen, "文件过大");
		return GK_ELIMIT;
	}
	doc = hr_parse(src, srclen, enc, opts);
	if (doc == NULL && clean == NULL) {
		/* An encoding libxml2 does not know: try as UTF-8. */
		if ((clean = hr_clean_utf8(buf, len, &srclen)) == NULL) {
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		doc = hr_parse(clean, srclen, "UTF-8", opts);
	}
	gk_free(clean);
	if (doc == NULL || (root = xmlDocGetRootElement(doc)) == NULL) {
		if (doc != NULL)
			xmlFreeDoc(doc);
		snprintf(err, errlen, "无法解析 HTML：未找到任何内容");
		return GK_EINVAL;
	}

	memset(&c, 0, sizeof(c));
	c.d = d;
	hr_text_init(&c.para);
	hr_text_init(&c.cell);
	if (hr_mark_layout(&c, root) == 0)
		hr_walk(&c, root);
	hr_unmark(root);
	xmlFreeDoc(doc);
	gk_buf_clear(&c.para.b);
	gk_buf_clear(&c.cell.b);
	gk_free(c.rows);
	gk_free(c.pos);

	if (c.e == GK_OK && d->err != GK_OK)
		hr_fail(&c, d->err, d->err == GK_ENOMEM ? "内存不足" :
		    "内容过多，超出可读取的上限");
	if (c.e != GK_OK) {
		snprintf(err, errlen, "HTML 读取失败：%s", c.msg);
		return c.e;
	}
	if (d->nrows == 0) {
		snprintf(err, errlen, "未找到任何内容：页面中没有文字，也没有表格");
		return GK_EINVAL;
	}
	return GK_OK;
}
