/*
 * report_check.h — the accounting rules of the annual-report template and the
 * findings they produce. Every rule has a stable id (used by tests, JSON
 * output and docs/report-rules.md), a Chinese message, and names the cells it
 * concerns. The checker returns every finding, never only the first.
 *
 * Pure logic: no I/O.
 */
#ifndef GK_REPORT_CHECK_H
#define GK_REPORT_CHECK_H

#include "report.h"

enum gk_sev {
	GK_SEV_ERROR,		/* a rule fails: the figures contradict each other */
	GK_SEV_BLANK,		/* a cell was left empty (the template wants 0 written as 0) */
	GK_SEV_UNREADABLE,	/* a cell could not be read */
	GK_SEV_UNVERIFIABLE,	/* a rule could not be checked: a cell it needs is blank or unreadable */
	GK_SEV_WARNING,		/* the narrative states a figure the tables contradict */
	GK_SEV__MAX
};

const char	*gk_sev_name(enum gk_sev);	/* "error", "blank", … */

/* Where a finding is: a section and, when it is one cell, its row and column. */
struct gk_place {
	int	 section;	/* 1..6 */
	int	 row;		/* section 二: enum gk_s2; 三: enum gk_s3row; 四: enum gk_s4route; -1: whole */
	int	 col;		/* section 三: enum gk_s3col; 四: enum gk_s4res; -1: whole row or not a cell */
};

#define GK_FINDING_WHERE_MAX	256
#define GK_FINDING_MSG_MAX	512

struct gk_finding {
	const char	*rule;		/* stable id, static storage */
	enum gk_sev	 sev;
	struct gk_place	 at;
	char		 where[GK_FINDING_WHERE_MAX];	/* Chinese: 第三部分 一、本年新收… × 自然人 */
	char		 msg[GK_FINDING_MSG_MAX];	/* Chinese, with the figures */
	int		 has_expected;
	int64_t		 expected, actual;		/* fixed point, GK_NUM_SCALE */
};

struct gk_findings {
	struct gk_finding	*v;	/* owned */
	size_t			 n, cap;
	enum gk_err		 err;	/* first error while adding (ENOMEM, ELIMIT) */
};

#define GK_FINDINGS_MAX	10000

void	 gk_findings_init(struct gk_findings *);
void	 gk_findings_clear(struct gk_findings *);
/* Appends a finding; returns it (zeroed but for rule and sev) or NULL. */
struct gk_finding *gk_findings_add(struct gk_findings *, const char *rule, enum gk_sev);
size_t	 gk_findings_count(const struct gk_findings *, enum gk_sev);

/* A rule of the template, for listings and documentation. */
struct gk_rule {
	const char	*id;
	const char	*title;		/* Chinese */
	const char	*basis;		/* where the rule comes from */
};

extern const struct gk_rule gk_rules[];
extern const size_t gk_nrules;

/*
 * Checks every rule over the report and appends the findings. Returns GK_OK
 * or the error that stopped it (ENOMEM); findings found so far remain.
 */
enum gk_err gk_report_check(const struct gk_report *, struct gk_findings *);

/*
 * Exit status convention of `gongkai report check`: 0 when there is no
 * finding but warnings, 1 otherwise (warnings count when strict).
 */
int	 gk_findings_status(const struct gk_findings *, int strict);

/* Chinese names of places, for messages. */
void	 gk_place_describe(const struct gk_report *, struct gk_place, char *dst, size_t);

#endif /* GK_REPORT_CHECK_H */
