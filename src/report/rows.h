/*
 * rows.h — the intermediate form every report reader produces before the
 * tables are recognised: the document as a sequence of rows, each a list of
 * cells (text). A paragraph is a row of one cell outside any table.
 *
 * Format readers (text, Markdown, HTML, DOCX) only build rows; recognize.c
 * turns rows into a struct gk_report, the same way for every format.
 *
 * Rows own nothing: cell text lives in the document's arena (copied with
 * rr_cell) or in the caller's input buffer (referenced with rr_cell_ref,
 * which must outlive the document).
 */
#ifndef GK_ROWS_H
#define GK_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/report.h"

/* Row flags. */
#define RR_GRID		0x01	/* cells are the columns of a rectangular grid: HTML, DOCX, Markdown
				   tables (merged cells expanded, covered positions are spans) */
#define RR_RAGGED	0x02	/* tab- or space-separated text: an empty cell may be missing */

struct rr_cell {
	const char	*s;	/* UTF-8, not NUL-terminated */
	uint32_t	 len;
	uint8_t		 span;	/* 1: a position covered by a merged cell (rowspan/colspan, vMerge/gridSpan) */
};

struct rr_row {
	size_t		 first;	/* index of the row's first cell in doc->cells */
	size_t		 n;	/* number of cells */
	int		 table;	/* 0: not in a table (a paragraph); >0: the table it belongs to */
	unsigned	 flags;
};

struct rr_chunk;

struct rr_doc {
	struct rr_cell	*cells;
	size_t		 ncells, capcells;
	struct rr_row	*rows;
	size_t		 nrows, caprows;
	struct rr_chunk	*arena;		/* copied cell text */
	size_t		 bytes;		/* total bytes copied so far */
	int		 open;		/* a row is open */
	int		 ntables;	/* tables started so far */
	enum gk_err	 err;		/* sticky: first error while building */
};

/* Hard limits for what a reader will accept (hostile input). */
#define RR_MAX_CELLS	200000
#define RR_MAX_ROWS	100000
#define RR_MAX_BYTES	(16u * 1024 * 1024)
#define RR_MAX_CELL	(64u * 1024)		/* longer cell text is cut */

void	 rr_doc_init(struct rr_doc *);
void	 rr_doc_free(struct rr_doc *);

/* Starts a new table; returns its id for rr_row_begin. */
int	 rr_table_new(struct rr_doc *);
/* Opens a row (closing any open one). table 0 with flags 0 is a paragraph. */
enum gk_err rr_row_begin(struct rr_doc *, int table, unsigned flags);
/* Appends a cell, copying the text (whitespace runs are kept as they are). */
enum gk_err rr_cell(struct rr_doc *, const char *s, size_t len);
/* Appends a cell referring to caller-owned text that outlives the document. */
enum gk_err rr_cell_ref(struct rr_doc *, const char *s, size_t len);
/* Appends a position covered by a merged cell. */
enum gk_err rr_cell_span(struct rr_doc *);
/* Closes the open row (optional: the next rr_row_begin closes it). */
void	 rr_row_end(struct rr_doc *);
/* A paragraph: a row of one cell outside any table. */
enum gk_err rr_para(struct rr_doc *, const char *s, size_t len);

/*
 * Recognises the report in the rows: title, narrative sections 一, 五, 六 and
 * the tables of sections 二, 三 and 四, in either template. Cells that are
 * present but empty become BLANK, cells whose text is not a value become
 * UNREADABLE; nothing is guessed. Returns GK_EINVAL with a Chinese message
 * in err when a table is missing altogether (often because it was an image).
 */
enum gk_err rr_recognize(const struct rr_doc *, struct gk_report *out, char *err, size_t errlen);

/*
 * The seed's plain-text layout of section 三, shared by the text renderer and
 * the recogniser: how many empty fields stand before the first value and
 * after the last one on each row (the seed pastes a merged-cell table, so the
 * rows are ragged).
 */
struct rr_s3_layout {
	int	 indent;	/* empty fields before the label */
	int	 lead;		/* empty fields between the label and the first value */
	int	 trail;		/* empty fields after the last value */
};
void	 rr_s3_text_layout(enum gk_s3row, enum gk_tpl, int first_of_group, struct rr_s3_layout *);

#endif /* GK_ROWS_H */
