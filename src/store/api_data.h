/*
 * api_data.h — what the JSON API (src/web/api.c, docs/api.md) reads that
 * the other store modules do not offer: published items with filters
 * (agency, category with its subcategories, year of publication,
 * validity) a page at a time with the total, an agency's top-level
 * categories with their published counts, and a published item's title.
 * Read-only; only items in the state 'published' are ever returned.
 */
#ifndef GK_STORE_API_DATA_H
#define GK_STORE_API_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

/* The filters of a list. 0 / NULL: no filter. */
struct gk_api_item_q {
	int64_t		 agency_id;
	int64_t		 category_id;	/* this category and every one below it */
	int		 year;		/* of published_at, 1000..9998 */
	const char	*validity;	/* 有效, 失效 or 废止 (the stored labels) */
	size_t		 limit;		/* 1..GK_API_LIMIT_MAX */
	size_t		 offset;
};

#define GK_API_LIMIT_MAX	100

/* One published item as a list shows it; strings owned ("" when empty). */
struct gk_api_item {
	int64_t	 id;
	int64_t	 agency_id;
	int64_t	 category_id;	/* 0: none */
	char	*title;
	char	*category;	/* the category's own name, "" when none */
	char	*topic;
	char	*publisher;
	char	*doc_no;
	char	*keywords;	/* as stored (separators , ; space，；、) */
	char	 index_no[64];
	char	 written[11];	/* YYYY-MM-DD or "" */
	char	 published[11];	/* YYYY-MM-DD (the date of published_at) */
	char	 validity[16];	/* 有效, 失效, 废止 */
};

struct gk_api_items {
	struct gk_api_item	*v;
	size_t			 n;
	int64_t			 total;	/* matching items over all pages */
};

/*
 * Published items matching q, newest first (published_at, then id,
 * descending), q->limit from q->offset; out->total gets the number of
 * all matching items (an offset past the end gives n == 0 and the
 * total). GK_EINVAL for a limit outside 1..GK_API_LIMIT_MAX, a year
 * outside 1000..9998, a validity that is not one of the labels, or a
 * negative id. Caller frees with gk_api_items_free.
 */
enum gk_err	 gk_api_items(struct gk_db *, const struct gk_api_item_q *q,
		    struct gk_api_items *out, char *err, size_t errlen);
void		 gk_api_items_free(struct gk_api_items *);

/* A top-level category of an agency with its published items (itself and below). */
struct gk_api_cat {
	int64_t	 id;
	char	*name;		/* owned */
	int64_t	 published;
};

struct gk_api_cats {
	struct gk_api_cat	*v;
	size_t			 n;
};

/*
 * The top-level categories of agency_id in their display order (sort,
 * then id), each with the number of published items in it or in any
 * category below it. Empty when the agency has none (or does not
 * exist). Caller frees with gk_api_cats_free.
 */
enum gk_err	 gk_api_top_categories(struct gk_db *, int64_t agency_id,
		    struct gk_api_cats *out, char *err, size_t errlen);
void		 gk_api_cats_free(struct gk_api_cats *);

/*
 * The title of published item id into *title (owned by the caller,
 * gk_free). GK_ENOTFOUND when there is no such item or it is not
 * published.
 */
enum gk_err	 gk_api_item_title(struct gk_db *, int64_t id, char **title,
		    char *err, size_t errlen);

#endif /* GK_STORE_API_DATA_H */
