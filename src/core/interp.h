/*
 * interp.h — policy interpretations (政策解读) and the ledger's findings
 * about them. An interpretation item (category kind CATEGORY_KIND_INTERP)
 * links to the policy file it explains and has a form: 文字, 图解, 案例 or
 * 音视频. interp_check() tells, for one published policy file, whether it
 * was published without any published interpretation, or with one
 * published later than the file itself (and how many days later).
 *
 * Pure logic: no I/O.
 */
#ifndef GK_INTERP_H
#define GK_INTERP_H

#include <stddef.h>
#include <stdint.h>

#include "gk.h"
#include "category.h"

/* Storage names: "text", "graphic", "case", "media". */
enum interp_form {
	INTERP_TEXT = 0,	/* 文字解读 */
	INTERP_GRAPHIC,		/* 图解 */
	INTERP_CASE,		/* 案例 */
	INTERP_MEDIA,		/* 音视频 */
	INTERP_FORM__MAX
};

const char	*interp_form_name(enum interp_form);
const char	*interp_form_label(enum interp_form);	/* "图解" */
/* Accepts the storage name or the Chinese label. */
int		 interp_form_from_name(const char *, enum interp_form *);

/* A policy file as the check sees it. published is "" or NULL when not published. */
struct interp_policy {
	int64_t		 id;
	const char	*title;
	const char	*published;	/* "YYYY-MM-DD" */
};

/* An interpretation item; only published ones (published set) count. */
struct interp_item {
	int64_t		 id;
	int64_t		 policy_id;	/* the policy file it explains */
	enum interp_form form;
	const char	*published;	/* "YYYY-MM-DD", NULL/"" when not (or no longer) published */
};

enum interp_kind {
	INTERP_F_MISSING = 0,	/* published policy file, no published interpretation */
	INTERP_F_LATE,		/* an interpretation published after the policy file */
	INTERP_KIND__MAX
};

const char	*interp_kind_name(enum interp_kind);	/* "missing", "late" */

#define INTERP_MSG_MAX		256
#define INTERP_FINDINGS_MAX	16

struct interp_finding {
	enum interp_kind kind;
	int64_t		 policy_id;
	int64_t		 interp_id;	/* INTERP_F_LATE: the late interpretation */
	int		 days_late;	/* INTERP_F_LATE: calendar days after the policy file */
	char		 msg[INTERP_MSG_MAX];
};

struct interp_findings {
	struct interp_finding	v[INTERP_FINDINGS_MAX];
	size_t			n;
};

/*
 * Fills out with the findings for one policy file (out->n == 0 when all is
 * well or the file is not published). Interpretations of other files are
 * ignored. GK_EINVAL when a date is malformed (err names it); GK_ELIMIT
 * when more than INTERP_FINDINGS_MAX findings (the first ones are kept).
 */
enum gk_err	 interp_check(const struct interp_policy *, const struct interp_item *,
		    size_t n, struct interp_findings *out, char *err, size_t errlen);

/*
 * An interpretation must link to a policy file: GK_OK when interp is an
 * interpretation category and policy a policy-file category, else
 * GK_EINVAL with a Chinese message.
 */
enum gk_err	 interp_link_check(const struct category *interp,
		    const struct category *policy, char *err, size_t errlen);

#endif /* GK_INTERP_H */
