/*
 * timeliness.h — when a proactively disclosed item is due, whether it was
 * published on time, and a year's timeliness rate. Pure: the working-day
 * calendar and "today" come from the caller.
 *
 * Default rules (DESIGN.md capability 1; issue 3):
 *   政策文件 (and below it 规章, 行政规范性文件, 其他文件): 5 working days
 *       after the 成文日期;
 *   工作动态: 3 working days after the event ends;
 *   everything else: 20 working days from when the information was formed
 *       or changed (条例第二十六条), which is also the outer bound: no rule
 *       may allow more.
 * An agency overrides a rule by setting one for a category name; a category
 * is given as its path from the root ("政策文件/规章") and the rule of the
 * deepest named component wins, then "*" (everything else).
 */
#ifndef GK_TIMELINESS_H
#define GK_TIMELINESS_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/gk.h"

#define TIMELINESS_MAX_RULES	64
#define TIMELINESS_NAME_MAX	64	/* bytes of a category name, with NUL */
/* 条例第二十六条: 20 working days from formation or change. */
#define TIMELINESS_STATUTORY_DAYS	20
#define TIMELINESS_ANY		"*"	/* the rule for every other category */

enum timeliness_base {
	TIMELINESS_FROM_FORMED,		/* 成文日期 / the day it was formed or changed */
	TIMELINESS_FROM_EVENT_END,	/* the day the event ended (work news) */
	TIMELINESS_BASE__MAX
};

struct timeliness_rule {
	char			 category[TIMELINESS_NAME_MAX];
	int			 days;	/* 1..TIMELINESS_STATUTORY_DAYS working days */
	enum timeliness_base	 base;
};

/* An agency's rule table (caller-allocated, plain data the store can persist). */
struct timeliness_rules {
	struct timeliness_rule	 v[TIMELINESS_MAX_RULES];
	size_t			 n;
};

enum timeliness_status {
	TIMELINESS_ON_TIME,	/* published on or before the due date */
	TIMELINESS_LATE,	/* published after the due date */
	TIMELINESS_OVERDUE,	/* not published, due date passed */
	TIMELINESS_DUE_SOON,	/* not published, due within the window */
	TIMELINESS_PENDING,	/* not published, not yet due soon */
	TIMELINESS_STATUS__MAX
};

const char	*timeliness_status_cn(enum timeliness_status);

/* The three default rules. */
void		 timeliness_rules_default(struct timeliness_rules *);
/* Adds or replaces the rule for one category name (no '/'), or "*". */
enum gk_err	 timeliness_rules_set(struct timeliness_rules *, const char *category,
		    int days, enum timeliness_base, char *err, size_t errlen);
/* The rule for a category path; never NULL (falls back to 条例第二十六条). */
const struct timeliness_rule *timeliness_rule_for(const struct timeliness_rules *,
		    const char *path);

/*
 * The due date of an item: the rule's number of working days after its base
 * date. event_end may be GK_DATE_NONE, in which case a rule counted from
 * the event's end counts from formed instead. Errors: GK_EINVAL (no formed
 * date), calendar errors (GK_ENOTFOUND for an uncovered year).
 */
enum gk_err	 timeliness_due(const struct calendar *, const struct timeliness_rules *,
		    const char *category_path, int32_t formed, int32_t event_end,
		    int32_t *due, char *err, size_t errlen);

/*
 * Classifies an item. published is GK_DATE_NONE when it is not
 * published yet; an unpublished item is DUE_SOON when at most window working
 * days remain after today up to its due date (0: due today). *wd (may be
 * NULL) receives the working days left (DUE_SOON, PENDING), or the working
 * days past the due date (OVERDUE, LATE); 0 for ON_TIME.
 */
enum gk_err	 timeliness_classify(const struct calendar *, int32_t due,
		    int32_t published, int32_t today, int window,
		    enum timeliness_status *status, long *wd, char *err, size_t errlen);

struct timeliness_pair {
	int32_t		 due;
	int32_t		 published;	/* GK_DATE_NONE: not published */
};

struct timeliness_tally {
	size_t		 on_time;	/* published on or before due */
	size_t		 late;		/* published after due */
	size_t		 overdue;	/* unpublished, due before today: counts as late */
	size_t		 open;		/* unpublished, not yet due: not counted */
	int		 has_rate;	/* 0 when nothing was decided */
	unsigned	 permille;	/* on_time / (on_time + late + overdue), rounded half up */
};

/* A year's timeliness rate over (due, published) pairs, as of today. */
void		 timeliness_rate(const struct timeliness_pair *, size_t n, int32_t today,
		    struct timeliness_tally *);

#endif /* GK_TIMELINESS_H */
