/*
 * legal_case.h — reconsideration and litigation cases (行政复议、行政诉讼)
 * about disclosure, for the annual report's section 四: the route, the
 * date filed, the application concerned, and the result once decided. A
 * case is 尚未审结 (pending) until a result is recorded; the report counts
 * a case by the year it was filed and shows a case still pending at the
 * year's end as 尚未审结 (the report reads result and closed_date).
 *
 * Who may: like applications (application.h) — an officer, office or
 * admin of the agency, or the operator. Every change writes the row and
 * one audit entry (entity "legal_case") in one transaction.
 */
#ifndef GK_STORE_LEGAL_CASE_H
#define GK_STORE_LEGAL_CASE_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/report.h"

struct gk_db;

#define GK_CASE_NO_MAX		100	/* characters of the case number */
#define GK_CASE_NOTE_MAX	2000

/* Storage names ("recon", "suit_direct", "suit_after") and labels (gk_s4_routes). */
const char	*gk_case_route_name(enum gk_s4route);
/* Accepts the storage name or the label (行政复议, 未经复议直接起诉, 复议后起诉); 0 if unknown. */
int		 gk_case_route_from_name(const char *, enum gk_s4route *);
/* "upheld", "corrected", "other", "pending" (GK_S4_TOTAL is no result). */
const char	*gk_case_result_name(enum gk_s4res);
/* Short labels 维持, 纠正, 其他结果, 尚未审结. */
const char	*gk_case_result_label(enum gk_s4res);
/* Accepts the storage name, the short label or the report's label (结果维持 …). */
int		 gk_case_result_from_name(const char *, enum gk_s4res *);

struct gk_case {
	int64_t		 id;
	int64_t		 agency_id;
	int64_t		 application_id;	/* 0: none recorded */
	enum gk_s4route	 route;
	char		*case_no;
	int32_t		 filed;
	enum gk_s4res	 result;		/* GK_S4_PENDING until decided */
	int32_t		 closed;		/* GK_DATE_NONE while pending */
	char		*note;
	char		 created_at[40], updated_at[40];
};

struct gk_case_list {
	struct gk_case	*v;
	size_t		 n;
};

/*
 * Adds a pending case. filed: not after today (the date of now);
 * application_id (0: none) must exist, belong to agency_id and have been
 * received on or before filed. case_no and note optional (plain text,
 * bounded). GK_EINVAL, GK_ENOTFOUND (agency, application), GK_ECONFLICT
 * (another agency's application; not authorised). *idp gets the id.
 */
enum gk_err	 gk_case_add(struct gk_db *, const char *actor, int64_t agency_id,
		    enum gk_s4route route, int32_t filed, int64_t application_id,
		    const char *case_no, const char *note, const char *now,
		    int64_t *idp, char *err, size_t errlen);

/*
 * Records the result of a pending case, once: result one of 维持, 纠正,
 * 其他结果 (not pending), closed on or after the filing date and not after
 * today. A case that already has a result is refused (GK_ECONFLICT).
 */
enum gk_err	 gk_case_update(struct gk_db *, const char *actor, int64_t id,
		    enum gk_s4res result, int32_t closed, const char *now,
		    char *err, size_t errlen);

enum gk_err	 gk_case_get(struct gk_db *, int64_t id, struct gk_case *,
		    char *err, size_t errlen);
void		 gk_case_clear(struct gk_case *);

/* Cases of an agency (0: all) filed in year (0: any), by filing date then id. */
enum gk_err	 gk_case_list(struct gk_db *, int64_t agency_id, int year,
		    struct gk_case_list *, char *err, size_t errlen);
void		 gk_case_list_free(struct gk_case_list *);

#endif /* GK_STORE_LEGAL_CASE_H */
