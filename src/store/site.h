/*
 * site.h — the platform's own settings (table platform_setting, schema
 * v9): the facts in the header and footer of every portal page (struct
 * gk_site, web/web.h), and site_state.gen, the number the triggers bump on
 * every change the public pages show (the server drops its page cache
 * when it changes).
 *
 * Keys: name (平台名称), host (https://… for absolute URLs), sponsor
 * (主办单位), site_code (网站标识码), icp (ICP备案号), police (公安机关备案号),
 * contact (联系我们).
 */
#ifndef GK_STORE_SITE_H
#define GK_STORE_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "web/web.h"

struct gk_db;

/* The keys, in display order, and their Chinese labels. */
extern const char *const gk_site_keys[];
extern const char *const gk_site_labels[];
extern const size_t gk_site_nkeys;

/*
 * Fills *site from platform_setting (fields not set are ""); the name
 * defaults to "政府信息公开平台" when unset.
 */
enum gk_err	 gk_site_load(struct gk_db *, struct gk_site *site, char *err,
		    size_t errlen);

/*
 * Checks value for key (pure): known key, valid UTF-8 text without control
 * characters, fits the struct gk_site field; host is http:// or https://
 * and a host name (optional port), no path; site_code letters and digits.
 * "" is accepted (it clears the setting).
 */
enum gk_err	 gk_site_check(const char *key, const char *value, char *err,
		    size_t errlen);

/*
 * Sets (value "" removes) one setting, with its audit entry (entity
 * "platform", action "setting") in the same transaction. The actor, if it
 * is a user's login, must be an administrator of a top-level agency (the
 * CLI operator is trusted, as in gk_user_authorize). Unchanged value:
 * nothing written. now: RFC 3339.
 */
enum gk_err	 gk_site_set(struct gk_db *, const char *actor, const char *key,
		    const char *value, const char *now, char *err, size_t errlen);

/* site_state.gen (the public pages' generation). */
enum gk_err	 gk_site_generation(struct gk_db *, int64_t *gen, char *err,
		    size_t errlen);

/* The field of site for key, or NULL; its size in *sizep. */
char		*gk_site_field(struct gk_site *site, const char *key, size_t *sizep);

/*
 * The working-day calendar's notices entered in the back office (schema
 * v16; docs/admin-settings.md): for a year, the 国务院办公厅 notice's 文号
 * and every day it names, `off` (a day of a holiday period) or `work` (a
 * Saturday or Sunday made a working day). Stored in the database, laid
 * over the calendar file (data/cn-holidays.tsv) by gk_site_calendar_apply,
 * so the clock of a server or a command that applies it counts with it.
 */
#include "core/calendar.h"

#define GK_CAL_NOTICE_DOCNO_MAX	100	/* characters of the 文号 */
#define GK_CAL_DAY_NAME_MAX	100	/* characters of a holiday's name */
#define GK_CAL_NOTICE_DAYS_MAX	200	/* days in one notice */

struct gk_cal_day {
	int32_t			 date;
	enum calendar_kind	 kind;
	char			 name[CALENDAR_NAME_MAX];
};

struct gk_cal_notice {
	int			 year;
	char			 doc_no[512];
	char			 entered_by[128];
	char			 entered_at[40];
	struct gk_cal_day	*v;		/* by date; owned */
	size_t			 n;
};

/*
 * Checks a notice (pure): year 1..9999; 1..GK_CAL_NOTICE_DAYS_MAX days,
 * each dated in the year or in the December before it (the 元旦 holiday
 * can start there), no date twice, a `work` day on a Saturday or Sunday,
 * names 1..GK_CAL_DAY_NAME_MAX characters without control characters (the
 * core calendar's own rules, calendar_set); at least one day in January
 * to November (so the year is covered); doc_no at most
 * GK_CAL_NOTICE_DOCNO_MAX characters. GK_EINVAL naming the first problem
 * (with its date); *badp (may be NULL) gets the index of the offending
 * day, or -1 when the problem is not one day's.
 */
enum gk_err	 gk_site_calendar_check(int year, const char *doc_no,
		    const struct gk_cal_day *days, size_t n, long *badp, char *err,
		    size_t errlen);

/*
 * Enters (or replaces) the notice of a year: its days replace every day
 * stored for the year, with one audit entry (entity "calendar", entity
 * id the year, action "notice", change {"year", "doc_no", "days":
 * [[date, kind, name]…], "old": the days it replaced}) in the same
 * transaction. actor: as gk_site_set (an administrator of a top-level
 * agency, or the operator). GK_EINVAL: as gk_site_calendar_check;
 * GK_ECONFLICT: not authorised. Refusals write nothing.
 */
enum gk_err	 gk_site_calendar_notice_set(struct gk_db *, const char *actor,
		    int year, const char *doc_no, const struct gk_cal_day *days,
		    size_t n, const char *now, char *err, size_t errlen);

/*
 * Removes a year's notice and its days (audit action "notice_delete").
 * GK_ENOTFOUND when the year has none; actor as above.
 */
enum gk_err	 gk_site_calendar_notice_delete(struct gk_db *, const char *actor,
		    int year, const char *now, char *err, size_t errlen);

/* The stored notices by year, with their days (free with gk_site_calendar_free). */
enum gk_err	 gk_site_calendar_list(struct gk_db *, struct gk_cal_notice **vp,
		    size_t *np, char *err, size_t errlen);
void		 gk_site_calendar_free(struct gk_cal_notice *, size_t n);

/*
 * Lays the stored notices over cal (loaded from the calendar file): for
 * each year with a notice, the file's entries dated in that year are
 * removed and the notice's days set (calendar_set), so that year is what
 * the notice says. cal is unchanged on an error.
 */
enum gk_err	 gk_site_calendar_apply(struct gk_db *, struct calendar *cal,
		    char *err, size_t errlen);
/* The same into *out (a new calendar; calendar_clear frees it), base unchanged. */
enum gk_err	 gk_site_calendar_effective(struct gk_db *, const struct calendar *base,
		    struct calendar *out, char *err, size_t errlen);

#endif /* GK_STORE_SITE_H */
