/*
 * search.h — full-text search over published items: SQLite FTS5 with the
 * tokenizer "gk_cjk" written for Chinese (core/cjk_token.c: overlapping
 * bigrams of Han characters, words of Latin letters and digits), kept in
 * step with publish and withdraw in the same transaction. docs/search.md.
 * OWNED BY the search module (issue 5); the declarations below are the
 * contract the portal's search page and the JSON API code against.
 */
#ifndef GK_STORE_SEARCH_H
#define GK_STORE_SEARCH_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;
typedef struct sqlite3 sqlite3;

/* Registers the gk_cjk tokenizer on a connection (gk_db_open calls it). */
int		 gk_search_register(sqlite3 *);

enum gk_search_sort { GK_SEARCH_RELEVANCE, GK_SEARCH_DATE };

struct gk_search_q {
	const char		*q;		/* the user's words, as typed */
	int64_t			 agency_id;	/* 0: all */
	int64_t			 category_id;	/* 0: all; includes subcategories */
	int			 year;		/* 0: all; year of publication */
	const char		*validity;	/* NULL: all; 有效, 失效, 废止 */
	enum gk_search_sort	 sort;
	int			 page;		/* from 1 */
	int			 per_page;	/* 1..100 */
};

struct gk_search_hit {
	int64_t	 item_id;
	int64_t	 agency_id;
	char	*title_html;	/* title, HTML-escaped, matches in <mark> */
	char	*snippet_html;	/* a passage of the body, escaped, matches in <mark> */
	char	*agency;	/* plain text */
	char	*category;	/* plain text */
	char	*index_no;
	char	 published[11];	/* YYYY-MM-DD */
	char	 validity[16];
	double	 rank;		/* higher is better */
};

struct gk_search_result {
	struct gk_search_hit	*v;
	size_t			 n;
	int64_t			 total;		/* matches over all pages, at most
						   GK_SEARCH_TOTAL_CAP */
	int			 total_capped;	/* 1: more than GK_SEARCH_TOTAL_CAP
						   match; only that many are paged */
	int			 relaxed;	/* 1: nothing matched every term; these
						   match some of the words (any bigram) */
};

/*
 * Matches are counted only up to this many (counting every match of a
 * common word costs time proportional to the matches); the pages reach
 * the first GK_SEARCH_TOTAL_CAP results, as search engines do.
 */
#define GK_SEARCH_TOTAL_CAP	1000

enum gk_err	 gk_search_query(struct gk_db *, const struct gk_search_q *,
		    struct gk_search_result *, char *err, size_t errlen);
void		 gk_search_result_free(struct gk_search_result *);

/*
 * Relevance ranks every match by gk_rank when there are at most n (default
 * GK_SEARCH_TOTAL_CAP); past that it is tiered: title matches first, then
 * body-only matches, each newest first (docs/search.md). n <= 0 restores
 * the default.
 * For tests and benchmarks; not thread-safe.
 */
void		 gk_search_set_rank_limit(int64_t n);

/* Counts only up to n (1..GK_SEARCH_TOTAL_CAP, else the default): for tests. */
void		 gk_search_set_total_cap(int64_t n);

#endif /* GK_STORE_SEARCH_H */
