/*
 * import.h — bulk import of items already published elsewhere (a previous
 * platform's records) into one agency: every row validated first, then
 * written in transactions of GK_IMPORT_BATCH rows, each item with its
 * 索引号 and its one audit entry (the write-path rule in db.h).
 */
#ifndef GK_STORE_IMPORT_H
#define GK_STORE_IMPORT_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/item.h"
#include "core/workflow.h"

struct gk_db;

#define GK_IMPORT_BATCH	100000	/* rows per transaction */

/*
 * One row. meta's 索引号 is ignored (one is allocated); its category path
 * must exist in the agency's category table. created_at (ISO 8601, from
 * the old system) is required; its year numbers the 索引号. state is
 * WF_PUBLISHED (published_at required) or one of draft … approved (an
 * item still in review there; published_at must be NULL). due_date
 * ("YYYY-MM-DD") is optional.
 */
struct gk_import_row {
	const struct item_meta	*meta;
	enum wf_state		 state;
	const char		*created_at;
	const char		*published_at;
	const char		*due_date;
};

/* The first refused row (row counts from 1). */
struct gk_import_error {
	size_t		 row;
	enum item_field	 field;
	char		 msg[300];	/* Chinese */
};

/*
 * Imports n rows into agency_id as actor. All rows are validated before
 * anything is written: one invalid row gives GK_EINVAL, *bad names it and
 * nothing is written. The rows are then written in created_at order (ties
 * in input order), whatever order they come in: ids and each key's 索引号
 * follow the creation dates, and item's date-ordered indexes are appended
 * to. Batches of GK_IMPORT_BATCH rows, each its own transaction; if a batch
 * fails on a database error (disk full, a 索引号 taken by a concurrent
 * writer) it is rolled back, the batches before it stay committed and
 * *importedp says how many rows they hold (the *importedp oldest by
 * created_at). now is the audit time. bad and importedp may be NULL.
 */
enum gk_err	 gk_item_import(struct gk_db *, int64_t agency_id, const char *actor,
		    const struct gk_import_row *rows, size_t n, const char *now,
		    size_t *importedp, struct gk_import_error *bad, char *err,
		    size_t errlen);

struct indexno_fields;

/*
 * The highest sequence among agency_id's 索引号 of one key: key holds the
 * code, year, month and category that pattern uses (seq ignored); fields
 * and width are indexno_pattern_fields()'s. *maxp is 0 when the key has
 * none. One indexed range lookup on index_no (the key's numbers differ only
 * in their fixed-width sequence, so the greatest in byte order is the
 * newest). Shared by gk_item_import and gk_item_create; call it inside the
 * write transaction that inserts the next number.
 */
enum gk_err	 gk_indexno_max_seq(struct gk_db *, int64_t agency_id,
		    const char *pattern, unsigned fields, int width,
		    const struct indexno_fields *key, int64_t *maxp, char *err,
		    size_t errlen);

#endif /* GK_STORE_IMPORT_H */
