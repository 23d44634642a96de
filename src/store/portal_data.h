/*
 * portal_data.h — what the public portal reads that the other store
 * modules do not offer: published items of an agency or a section (with
 * its subsections) a page at a time with the total, counts per category
 * and per month, the years of published annual reports, and the item an
 * attachment belongs to. Read-only; only published items are ever
 * returned (state 'published').
 */
#ifndef GK_STORE_PORTAL_DATA_H
#define GK_STORE_PORTAL_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

/* One published item as a list shows it. */
struct gk_pd_item {
	int64_t	 id;
	int64_t	 agency_id;
	int64_t	 category_id;	/* 0: none */
	char	*title;		/* owned */
	char	 index_no[64];
	char	 published[11];	/* YYYY-MM-DD */
	char	 published_at[40];	/* as stored (RFC 3339) */
};

struct gk_pd_items {
	struct gk_pd_item	*v;
	size_t			 n;
	int64_t			 total;	/* matching rows, all pages */
};

#define GK_PD_LIMIT_MAX	1000

/*
 * Published items of agency_id (0: every agency) in category_id and its
 * subcategories (0: any), newest first (published_at, then id,
 * descending), limit (1..GK_PD_LIMIT_MAX) from offset; out->total gets
 * the number of all matching items. Caller frees with gk_pd_items_free.
 */
enum gk_err	 gk_pd_items(struct gk_db *, int64_t agency_id, int64_t category_id,
		    size_t limit, size_t offset, struct gk_pd_items *out,
		    char *err, size_t errlen);
void		 gk_pd_items_free(struct gk_pd_items *);

/* The number of gk_pd_items' matching items, without reading any. */
enum gk_err	 gk_pd_count(struct gk_db *, int64_t agency_id, int64_t category_id,
		    int64_t *n, char *err, size_t errlen);

/*
 * Ids of published items (every agency) greater than after, ascending, at
 * most max into ids; *n gets how many. For walking all of them a batch at
 * a time (keyset: each batch one range read of the primary key).
 */
enum gk_err	 gk_pd_item_ids(struct gk_db *, int64_t after, int64_t *ids, size_t max,
		    size_t *n, char *err, size_t errlen);

/*
 * Published items of agency_id directly in each category, as parallel
 * arrays (ids ascending); year > 0 counts only items published in that
 * year. Category 0 collects the items without a category.
 */
struct gk_pd_counts {
	int64_t	*id;
	int64_t	*n;
	size_t	 len;
};
enum gk_err	 gk_pd_category_counts(struct gk_db *, int64_t agency_id, int year,
		    struct gk_pd_counts *out, char *err, size_t errlen);
void		 gk_pd_counts_free(struct gk_pd_counts *);

/* Published items of agency_id published in year, by month: month[0] is January. */
enum gk_err	 gk_pd_month_counts(struct gk_db *, int64_t agency_id, int year,
		    int64_t month[12], char *err, size_t errlen);

/* The years with a published annual report of agency_id, newest first (at most max). */
enum gk_err	 gk_pd_report_years(struct gk_db *, int64_t agency_id, int *years,
		    size_t max, size_t *n, char *err, size_t errlen);

/* The item of attachment id. GK_ENOTFOUND when there is no such attachment. */
enum gk_err	 gk_pd_attachment_item(struct gk_db *, int64_t id, int64_t *item_id,
		    char *err, size_t errlen);

/* The newest publication time (RFC 3339) of any published item of agency_id (0: all); "" when none. */
enum gk_err	 gk_pd_newest(struct gk_db *, int64_t agency_id, char out[40],
		    char *err, size_t errlen);

#endif /* GK_STORE_PORTAL_DATA_H */
