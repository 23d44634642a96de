/*
 * figures.h — facts entered per agency-year (table figure, schema v7): the
 * 第二十条 decision counts and fees the items cannot give (keys license,
 * penalty, coercion, admin_fee in 万元, the 2019 template's extra cells)
 * and any other figure the narrative uses (trainings, …), each with a
 * source note. Keys and values: core/report_gen.h (gk_gen_figkeys,
 * gk_gen_figure_parse). Every change writes the row and its audit entry
 * in one transaction; an import is all or nothing.
 */
#ifndef GK_STORE_FIGURES_H
#define GK_STORE_FIGURES_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/report_gen.h"

struct gk_db;

#define GK_FIGURE_SOURCE_MAX	500	/* characters of a source note */
#define GK_FIGURE_YEAR_MIN	2008
#define GK_FIGURE_YEAR_MAX	2100

struct gk_figure {
	int64_t	 agency_id;
	int	 year;
	char	 key[GK_GEN_NAME_MAX];
	int64_t	 value;		/* × GK_NUM_SCALE */
	char	*source;	/* owned */
	char	*updated_at;	/* owned */
};

struct gk_figure_list {
	struct gk_figure	*v;
	size_t			 n;
};

void		 gk_figure_list_free(struct gk_figure_list *);

/*
 * Sets (inserts or replaces) one figure. actor must be an officer or admin
 * of the agency or its parent, or the operator's shell (gk_user_authorize).
 * GK_EINVAL: bad year, key, value (see gk_gen_figure_parse) or source;
 * GK_ENOTFOUND: no such agency; GK_ECONFLICT: not authorised.
 */
enum gk_err	 gk_figure_set(struct gk_db *, const char *actor, int64_t agency_id,
		    int year, const char *key, int64_t value, const char *source,
		    const char *now, char *err, size_t errlen);

/* The figures of an agency-year, by key (caller frees with gk_figure_list_free). */
enum gk_err	 gk_figure_list(struct gk_db *, int64_t agency_id, int year,
		    struct gk_figure_list *, char *err, size_t errlen);

/* One row of a figures CSV, as parsed (strings owned by the parse result). */
struct gk_figure_csv_row {
	size_t	 line;		/* 1-based line where the record starts */
	char	*agency;	/* id or 统一社会信用代码 */
	int	 year;
	char	*key;
	int64_t	 value;
	char	*source;
};

struct gk_figure_csv_problem {
	size_t	 line;
	char	 msg[400];	/* Chinese */
};

struct gk_figure_csv {
	struct gk_figure_csv_row	*v;
	size_t				 n;
	struct gk_figure_csv_problem	*problems;	/* one per bad line, in line order */
	size_t				 nproblems;
	enum gk_err			 err;		/* ENOMEM while adding a problem */
};

#define GK_FIGURE_CSV_MAX	((size_t)16 * 1024 * 1024)	/* bytes */
#define GK_FIGURE_CSV_ROWS	100000

/*
 * Parses a figures CSV (RFC 4180; UTF-8, an optional BOM, LF or CRLF): a
 * header row, then rows "agency,year,key,value[,source]". Every bad line is
 * reported in csv->problems with its line number and the good rows are
 * kept; no database. GK_OK when the file could be parsed as CSV (check
 * nproblems); GK_EINVAL for input that is not CSV at all (not UTF-8, a NUL,
 * an unterminated quote: reported in problems too); GK_ELIMIT; GK_ENOMEM.
 * Free with gk_figure_csv_free.
 */
enum gk_err	 gk_figure_csv_parse(const char *buf, size_t len, struct gk_figure_csv *);
void		 gk_figure_csv_free(struct gk_figure_csv *);

/*
 * Imports a figures CSV: parses it, resolves every agency (id or code)
 * and checks every row; when any line is bad nothing is written and
 * problems (caller-initialised) lists every bad line; else every row is
 * set as by gk_figure_set, with its audit entry, in one transaction.
 * problems gets "第 N 行：…\n" per bad line, in line order. *nrows gets
 * the number of rows imported. GK_EINVAL when lines are bad.
 */
enum gk_err	 gk_figure_import(struct gk_db *, const char *actor, const char *buf,
		    size_t len, const char *now, size_t *nrows, struct gk_buf *problems,
		    char *err, size_t errlen);

#endif /* GK_STORE_FIGURES_H */
