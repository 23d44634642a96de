/*
 * calendar.h — the Chinese working-day calendar: dates, the holiday table
 * (statutory days off and adjusted weekend workdays, data/cn-holidays.tsv),
 * working-day arithmetic for statutory deadlines. Pure: the caller reads the
 * file and hands the bytes to calendar_load().
 *
 * Dates are int32_t counts of days since 1970-01-01 (negative before it);
 * GK_DATE_NONE means "no date". Valid years are 0001..9999.
 *
 * Working day (legal.md §6.4; the 条例 does not define 工作日): Monday to
 * Friday unless listed as `off`, plus any Saturday or Sunday listed as
 * `work`.
 *
 * Coverage: a year is covered when the data has at least one entry dated in
 * January to November of that year. Every national notice (国务院办公厅关于
 * 某年部分节假日安排的通知) lists 春节 and 国庆节, so a year whose notice was
 * entered is covered; entries in December only (e.g. 2018-12-29..31, which
 * come from the 2019 notice) do not cover their year. Any question about a
 * date in an uncovered year is an error (GK_ENOTFOUND), never a silent
 * weekends-only answer.
 *
 * Counting convention (the 条例 does not settle it; legal.md §1): "within N
 * working days of D" means by the end of the N-th working day after D, D
 * itself not counted.
 */
#ifndef GK_CALENDAR_H
#define GK_CALENDAR_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/gk.h"

#define CALENDAR_MAX_INPUT	((size_t)4 * 1024 * 1024)
#define CALENDAR_NAME_MAX	256	/* bytes of a holiday name */
#define CALENDAR_MAX_ISSUES	200	/* issues recorded by calendar_parse */
#define CALENDAR_MAX_N		10000	/* largest N for calendar_add_workdays */

enum calendar_kind {
	CALENDAR_OFF,	/* a day inside the announced holiday period */
	CALENDAR_WORK,	/* a Saturday or Sunday made a working day (调休上班) */
	CALENDAR_KIND__MAX
};

struct calendar_entry {
	int32_t			 date;
	enum calendar_kind	 kind;
	char			*name;	/* owned */
	char			*pre;	/* owned: comment and blank lines before it, or NULL */
	size_t			 line;	/* line in the loaded file; 0 when set later */
};

/* Entries sorted by date, one per date. Caller-allocated; calendar_clear() frees. */
struct calendar {
	struct calendar_entry	*v;
	size_t			 n, cap;
	char			*head;	/* owned: comment lines before the first entry, or NULL */
	char			*tail;	/* owned: comment lines after the last entry, or NULL */
};

/* What is wrong with one line of the TSV (stable ids for tests and tools). */
enum calendar_issue_code {
	CALENDAR_E_FIELDS,	/* not three tab-separated fields */
	CALENDAR_E_DATE,	/* not a valid YYYY-MM-DD date */
	CALENDAR_E_KIND,	/* neither off nor work */
	CALENDAR_E_NAME,	/* empty, too long, control characters or bad UTF-8 */
	CALENDAR_E_WORKDAY,	/* `work` on a Monday to Friday */
	CALENDAR_E_CONFLICT,	/* same date listed as off and as work */
	CALENDAR_E_NUL,		/* a NUL byte anywhere in the line (comments too) */
	CALENDAR_E__MAX
};

struct calendar_issue {
	size_t			 line;
	enum calendar_issue_code code;
	char			 msg[192];	/* Chinese, without the line number */
};

struct calendar_issues {
	struct calendar_issue	 v[CALENDAR_MAX_ISSUES];
	size_t			 n;	/* recorded */
	size_t			 total;	/* found (may exceed n) */
};

const char	*calendar_issue_id(enum calendar_issue_code);


/*
 * Parses the TSV. Returns GK_OK and fills cal, or GK_EINVAL with every bad
 * line in issues (cal left empty), GK_ELIMIT when len exceeds
 * CALENDAR_MAX_INPUT, GK_ENOMEM.
 */
enum gk_err	 calendar_parse(const char *buf, size_t len, struct calendar *cal,
		    struct calendar_issues *issues);
/* As calendar_parse, with every issue as a line "第N行：…" in err. */
enum gk_err	 calendar_load(const char *buf, size_t len, struct calendar *cal,
		    char *err, size_t errlen);
void		 calendar_clear(struct calendar *);

/* The entry for a date, or NULL. */
const struct calendar_entry *calendar_lookup(const struct calendar *, int32_t);
int		 calendar_covers(const struct calendar *, int year);
/* Covered years in ascending order; returns how many there are (may exceed max). */
size_t		 calendar_years(const struct calendar *, int *years, size_t max);

/* *out = 1 for a working day, 0 otherwise; GK_ENOTFOUND for an uncovered year. */
enum gk_err	 calendar_is_workday(const struct calendar *, int32_t date, int *out,
		    char *err, size_t errlen);
/*
 * The n-th working day after date (date not counted); n = 0 gives date
 * itself. Every year from date's to the result's must be covered.
 */
enum gk_err	 calendar_add_workdays(const struct calendar *, int32_t date, int n,
		    int32_t *out, char *err, size_t errlen);
/*
 * Working days after d1 up to and including d2; negative (the count from d2
 * to d1, negated) when d2 is before d1. So add(d, n) == e implies
 * between(d, e) == n.
 */
enum gk_err	 calendar_workdays_between(const struct calendar *, int32_t d1,
		    int32_t d2, long *n, char *err, size_t errlen);

/*
 * Enters or replaces one date (next year's notice). `work` must be a
 * Saturday or Sunday; name is 1..CALENDAR_NAME_MAX-1 bytes of UTF-8 without
 * control characters.
 */
enum gk_err	 calendar_set(struct calendar *, int32_t date, enum calendar_kind,
		    const char *name, char *err, size_t errlen);
/* Removes one date's entry; GK_ENOTFOUND when it has none. */
enum gk_err	 calendar_unset(struct calendar *, int32_t date, char *err, size_t errlen);
/*
 * Renders the TSV: the file's leading comment lines; each entry, in date
 * order, after the comment lines that preceded it; the trailing comments. A file already in date order with
 * LF line ends and no duplicates comes back byte for byte.
 */
enum gk_err	 calendar_format(const struct calendar *, struct gk_buf *);

const char	*calendar_kind_name(enum calendar_kind);	/* "off", "work" */
const char	*calendar_kind_cn(enum calendar_kind);	/* "放假", "调休上班" */

#endif /* GK_CALENDAR_H */
