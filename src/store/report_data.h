/*
 * report_data.h — the annual report from the store: the counts of one
 * agency-year read with SQL (items, applications, cases, fees, figures),
 * the narrative texts (table report_text), the build (counts → model →
 * rules → year-boundary check), the government's aggregate, and the
 * published snapshots (table report_snapshot). What each count means:
 * docs/report-generate.md.
 */
#ifndef GK_STORE_REPORT_DATA_H
#define GK_STORE_REPORT_DATA_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/report.h"
#include "core/report_check.h"
#include "core/report_gen.h"
#include "core/sha256.h"

struct gk_db;

/* "overview", "problems", "other" ↔ GK_NARR_*; 0 when unknown. */
const char	*gk_report_section_name(enum gk_narr);
int		 gk_report_section_from_name(const char *, enum gk_narr *);

/*
 * The counts of agency_id's report for year (gk_gen_counts_init'ed here).
 * Stored rows the tables cannot hold (an application closed without a
 * known outcome, an unknown applicant type, route or result) add gen.data
 * findings to fs and are not counted. GK_ENOTFOUND: no such agency.
 */
enum gk_err	 gk_report_counts(struct gk_db *, int64_t agency_id, int year,
		    struct gk_gen_counts *, struct gk_findings *fs, char *err, size_t errlen);

/*
 * Builds the report of agency_id for year into *out (the caller clears it
 * with gk_report_clear): the counts, the model (gk_gen_assemble), the
 * three narrative texts with their placeholders expanded (a missing text
 * is a gen.text finding), the template's rules (gk_report_check), and the
 * year-boundary check: when a snapshot of year-1 was published, its row 四
 * must equal this row 二 (gen.boundary). Every problem is a finding in fs;
 * gk_gen_blocking(fs) > 0 means the report cannot be published.
 * counts (may be NULL) receives the counts.
 */
enum gk_err	 gk_report_build(struct gk_db *, int64_t agency_id, int year,
		    struct gk_report *out, struct gk_gen_counts *counts,
		    struct gk_findings *fs, char *err, size_t errlen);

/*
 * The government's report: the sum (gk_report_add) of the reports of
 * every agency whose parent is gov_id, plus gov_id's own when it has any
 * data for the year (gk_gen_counts_empty is false); the narrative from
 * gov_id's own texts with placeholders filled from the summed counts.
 * Each summed agency's findings come first in fs (prefixed with its name),
 * then the sum's. *nsummed gets how many agencies were added (0: none; the
 * report is then empty and a gen.data finding says so).
 */
enum gk_err	 gk_report_build_government(struct gk_db *, int64_t gov_id, int year,
		    struct gk_report *out, size_t *nsummed, struct gk_findings *fs,
		    char *err, size_t errlen);

/* Narrative texts (Markdown with placeholders), up to GK_GEN_TEXT_MAX bytes of UTF-8. */
enum gk_err	 gk_report_text_set(struct gk_db *, const char *actor, int64_t agency_id,
		    int year, enum gk_narr, const char *text, size_t len, const char *now,
		    char *err, size_t errlen);
/* *text is owned by the caller (gk_free). GK_ENOTFOUND when none is stored. */
enum gk_err	 gk_report_text_get(struct gk_db *, int64_t agency_id, int year,
		    enum gk_narr, char **text, char *err, size_t errlen);

struct gk_report_snapshot {
	int64_t	 id;
	int	 version;
	char	 sha256[GK_SHA256_HEXLEN + 1];
	char	*json;		/* gongkai.report/1, owned */
	char	*published_at;	/* owned */
	char	*actor;		/* owned */
};

void		 gk_report_snapshot_clear(struct gk_report_snapshot *);
/* The snapshot of version (0: the latest). GK_ENOTFOUND when none. */
enum gk_err	 gk_report_snapshot_get(struct gk_db *, int64_t agency_id, int year,
		    int version, struct gk_report_snapshot *, char *err, size_t errlen);

/*
 * Publishes agency_id's report for year: builds it (gk_report_build); when
 * any finding blocks (every one but narrative warnings) nothing is written
 * and GK_ECONFLICT is returned with the findings in fs and a summary in
 * err; else stores the JSON (gongkai.report/1) with its SHA-256 as version
 * n+1 and an audit entry (entity "report", action "publish") in one
 * transaction. actor must be an officer, approver or admin of the agency
 * or its parent (or the operator's shell). *version and sha (may be NULL)
 * get what was stored.
 */
enum gk_err	 gk_report_publish(struct gk_db *, const char *actor, int64_t agency_id,
		    int year, const char *now, struct gk_findings *fs, int *version,
		    char sha[GK_SHA256_HEXLEN + 1], char *err, size_t errlen);

#endif /* GK_STORE_REPORT_DATA_H */
