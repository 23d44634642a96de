/*
 * sitecheck_data.h — the facts the website self-check (core/sitecheck.h)
 * needs, read from the store for one agency (docs/site-check.md): its
 * columns with their newest publication and counts, its consultations,
 * its items with due and publication dates, the links in its published
 * items' bodies (internal ones resolved here) and its attachments, and
 * its WeChat publications (item_channel).
 */
#ifndef GK_STORE_SITECHECK_DATA_H
#define GK_STORE_SITECHECK_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/sitecheck.h"
#include "store/category.h"

struct gk_db;

struct gk_sitecheck_data {
	struct sc_input		 in;		/* points into the arrays below */
	struct gk_category_list	 cats;
	struct sc_column	*cols;
	struct sc_consult	*consults;
	struct sc_item		*items;
	struct sc_link		*links;
	size_t			 links_cap;
	char			**strs;		/* every string the arrays point to */
	size_t			 nstrs, strs_cap;
};

/*
 * Reads agency_id's facts. host: the platform's host setting (links to it
 * are internal; NULL: only site paths are). External links get ok = -1
 * (not checked): the caller checks them (channels/linkcheck.h) and sets
 * in.external. GK_ENOTFOUND: no such agency. Free with
 * gk_sitecheck_data_free (also after an error).
 */
enum gk_err	 gk_sitecheck_gather(struct gk_db *, int64_t agency_id, const char *host,
		    struct gk_sitecheck_data *, char *err, size_t errlen);
void		 gk_sitecheck_data_free(struct gk_sitecheck_data *);

#endif /* GK_STORE_SITECHECK_DATA_H */
