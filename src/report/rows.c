/*
 * rows.c — building the row form of a document (see rows.h): an array of
 * cells, an array of rows over it, and an arena for copied cell text.
 */
#include <string.h>

#include "report/rows.h"

#define RR_CHUNK	(64 * 1024)

struct rr_chunk {
	struct rr_chunk	*next;
	size_t		 used, cap;
	char		 data[];
};

void
rr_doc_init(struct rr_doc *d)
{
	memset(d, 0, sizeof(*d));
}

void
rr_doc_free(struct rr_doc *d)
{
	struct rr_chunk *c, *n;

	if (d == NULL)
		return;
	for (c = d->arena; c != NULL; c = n) {
		n = c->next;
		gk_free(c);
	}
	gk_free(d->cells);
	gk_free(d->rows);
	memset(d, 0, sizeof(*d));
}

static char *
arena_alloc(struct rr_doc *d, size_t n)
{
	struct rr_chunk *c = d->arena;
	size_t cap;

	if (c == NULL || c->cap - c->used < n) {
		cap = n > RR_CHUNK ? n : RR_CHUNK;
		if ((c = gk_malloc(sizeof(*c) + cap)) == NULL)
			return NULL;
		c->used = 0;
		c->cap = cap;
		c->next = d->arena;
		d->arena = c;
	}
	c->used += n;
	return c->data + c->used - n;
}

int
rr_table_new(struct rr_doc *d)
{
	return ++d->ntables;
}

enum gk_err
rr_row_begin(struct rr_doc *d, int table, unsigned flags)
{
	struct rr_row *r;

	if (d->err != GK_OK)
		return d->err;
	rr_row_end(d);
	if (d->nrows >= RR_MAX_ROWS)
		return d->err = GK_ELIMIT;
	if (d->nrows == d->caprows) {
		size_t ncap = d->caprows ? d->caprows * 2 : 64;

		if ((r = gk_realloc(d->rows, ncap * sizeof(*r))) == NULL)
			return d->err = GK_ENOMEM;
		d->rows = r;
		d->caprows = ncap;
	}
	r = &d->rows[d->nrows++];
	r->first = d->ncells;
	r->n = 0;
	r->table = table;
	r->flags = flags;
	d->open = 1;
	return GK_OK;
}

void
rr_row_end(struct rr_doc *d)
{
	d->open = 0;
}

static enum gk_err
push_cell(struct rr_doc *d, const char *s, size_t len, int span)
{
	struct rr_cell *c;

	if (d->err != GK_OK)
		return d->err;
	if (!d->open && rr_row_begin(d, 0, 0) != GK_OK)
		return d->err;
	if (d->ncells >= RR_MAX_CELLS)
		return d->err = GK_ELIMIT;
	if (d->ncells == d->capcells) {
		size_t ncap = d->capcells ? d->capcells * 2 : 256;

		if ((c = gk_realloc(d->cells, ncap * sizeof(*c))) == NULL)
			return d->err = GK_ENOMEM;
		d->cells = c;
		d->capcells = ncap;
	}
	if (len > RR_MAX_CELL)
		len = RR_MAX_CELL;
	c = &d->cells[d->ncells++];
	c->s = s;
	c->len = (uint32_t)len;
	c->span = (uint8_t)span;
	d->rows[d->nrows - 1].n++;
	return GK_OK;
}

enum gk_err
rr_cell_ref(struct rr_doc *d, const char *s, size_t len)
{
	return push_cell(d, s, len, 0);
}

enum gk_err
rr_cell(struct rr_doc *d, const char *s, size_t len)
{
	char *p;

	if (d->err != GK_OK)
		return d->err;
	if (len > RR_MAX_CELL)
		len = RR_MAX_CELL;
	if (d->bytes + len > RR_MAX_BYTES)
		return d->err = GK_ELIMIT;
	if ((p = arena_alloc(d, len + 1)) == NULL)
		return d->err = GK_ENOMEM;
	memcpy(p, s, len);
	p[len] = '\0';
	d->bytes += len;
	return push_cell(d, p, len, 0);
}

enum gk_err
rr_cell_span(struct rr_doc *d)
{
	return push_cell(d, "", 0, 1);
}

enum gk_err
rr_para(struct rr_doc *d, const char *s, size_t len)
{
	if (rr_row_begin(d, 0, 0) != GK_OK)
		return d->err;
	rr_cell(d, s, len);
	rr_row_end(d);
	return d->err;
}
