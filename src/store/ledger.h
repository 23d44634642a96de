/*
 * ledger.h — the 台账 (register of proactively disclosed information):
 * one row per item of a year with its metadata, who drafted, reviewed and
 * approved it and when, its due date and whether it was published on time
 * (in working days), and for policy files and interpretations the 政策解读
 * column (store/interpretation.h, gk_interp_ledger_cell), exported as
 * RFC 4180 CSV for Excel.
 *
 * The year is the year the item was created (created_at), which is also
 * the year of its 索引号; the 成文日期 is a column of the row.
 */
#ifndef GK_STORE_LEDGER_H
#define GK_STORE_LEDGER_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/gk.h"

struct gk_db;

#define GK_LEDGER_COLS	21

/* The Chinese header of column k (0 <= k < GK_LEDGER_COLS), else NULL. */
const char	*gk_ledger_header(int k);

/*
 * Appends one CSV field to out (RFC 4180): quoted when it holds a comma,
 * a double quote, CR or LF, with each double quote doubled.
 */
enum gk_err	 gk_ledger_csv_field(struct gk_buf *out, const char *s);

/*
 * Checks a ledger's scope: GK_EINVAL (err says so) for a year outside
 * 1900..2999, GK_ENOTFOUND for an unknown agency (agency_id 0: all).
 */
enum gk_err	 gk_ledger_scope(struct gk_db *, int year, int64_t agency_id,
		    char *err, size_t errlen);

/*
 * Writes the ledger of year (created_at) for agency_id (0: every agency)
 * to out: a UTF-8 BOM, the header row, one row per item ordered by agency
 * and 索引号, each line ending CRLF. cal (may be NULL) counts how many
 * working days late a publication was; without it the 逾期工作日 column is
 * empty. *rowsp (may be NULL) gets the number of data rows. GK_EINVAL for
 * a year outside 1900..2999; GK_ENOTFOUND for an unknown agency.
 */
enum gk_err	 gk_ledger_csv(struct gk_db *, int year, int64_t agency_id,
		    const struct calendar *cal, struct gk_buf *out, size_t *rowsp,
		    char *err, size_t errlen);

#endif /* GK_STORE_LEDGER_H */
