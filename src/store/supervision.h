/*
 * supervision.h — 监督保障 records that feed the annual report's narrative
 * (docs/admin-report.md, docs/report-generate.md): training sessions
 * (培训: date, topic, attendees, hours) and complaints (投诉: received,
 * what it is about, the rectification feedback 整改反馈 and the date it was
 * closed). Schema v15: tables training and complaint.
 *
 * A complaint is open until closed with its feedback; a closed complaint
 * is final (closing again or editing it is GK_ECONFLICT). Trainings can be
 * edited at any time.
 *
 * Who may (gk_user_authorize, user.h): an officer, 政务公开办 or admin of
 * the record's agency (or the operator's shell). Every change writes the
 * row and one audit entry (entity "training" / "complaint") in one
 * transaction; a refused change writes nothing.
 *
 * Validation failures are GK_EINVAL with a Chinese message in err and, in
 * *field (may be NULL), the name of the form field it concerns (static:
 * "date", "topic", "attendees", "hours", "about", "feedback", "closed").
 */
#ifndef GK_STORE_SUPERVISION_H
#define GK_STORE_SUPERVISION_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/report_gen.h"

struct gk_db;

#define GK_SUP_TOPIC_MAX	200		/* characters, one line */
#define GK_SUP_TEXT_MAX		5000		/* characters, new lines allowed */
#define GK_SUP_ATTENDEES_MAX	100000
#define GK_SUP_HOURS_MAX	10000		/* tenths of an hour (1,000 hours) */

struct gk_training {
	int64_t	 id;
	int64_t	 agency_id;
	int32_t	 held;		/* date (core/date.h) */
	char	*topic;		/* owned */
	int64_t	 attendees;
	int64_t	 hours10;	/* hours × 10 */
	char	 created_at[40], updated_at[40];
};

struct gk_training_list {
	struct gk_training	*v;
	size_t			 n;
};

struct gk_complaint {
	int64_t	 id;
	int64_t	 agency_id;
	int32_t	 received;
	char	*about;		/* owned */
	char	*feedback;	/* owned; "" while open */
	int32_t	 closed;	/* GK_DATE_NONE while open */
	char	 created_at[40], updated_at[40];
};

struct gk_complaint_list {
	struct gk_complaint	*v;
	size_t			 n;
};

/*
 * Parses hours as written in a form: a non-negative decimal with at most
 * one decimal ("2", "2.5"), at most 1,000. *hours10 gets hours × 10.
 * GK_EINVAL otherwise. Pure.
 */
enum gk_err	 gk_sup_hours_parse(const char *s, int64_t *hours10);
/* Writes hours10 as "2" or "2.5" into buf. */
void		 gk_sup_hours_format(int64_t hours10, char *buf, size_t n);

/*
 * Adds / changes a training: held not after today (the date of now) and
 * not before 2000-01-01; topic 1..GK_SUP_TOPIC_MAX characters on one line;
 * attendees 1..GK_SUP_ATTENDEES_MAX; hours10 1..GK_SUP_HOURS_MAX.
 */
enum gk_err	 gk_training_add(struct gk_db *, const char *actor, int64_t agency_id,
		    int32_t held, const char *topic, int64_t attendees, int64_t hours10,
		    const char *now, int64_t *idp, const char **field, char *err, size_t errlen);
enum gk_err	 gk_training_update(struct gk_db *, const char *actor, int64_t id,
		    int32_t held, const char *topic, int64_t attendees, int64_t hours10,
		    const char *now, const char **field, char *err, size_t errlen);
enum gk_err	 gk_training_get(struct gk_db *, int64_t id, struct gk_training *,
		    char *err, size_t errlen);
void		 gk_training_clear(struct gk_training *);
/* Trainings of an agency held in year (0: any), newest first. */
enum gk_err	 gk_training_list(struct gk_db *, int64_t agency_id, int year,
		    struct gk_training_list *, char *err, size_t errlen);
void		 gk_training_list_free(struct gk_training_list *);

/*
 * Adds / changes an open complaint: received not after today and not
 * before 2000-01-01; about 1..GK_SUP_TEXT_MAX characters (new lines
 * allowed). Changing a closed one is GK_ECONFLICT.
 */
enum gk_err	 gk_complaint_add(struct gk_db *, const char *actor, int64_t agency_id,
		    int32_t received, const char *about, const char *now, int64_t *idp,
		    const char **field, char *err, size_t errlen);
enum gk_err	 gk_complaint_update(struct gk_db *, const char *actor, int64_t id,
		    int32_t received, const char *about, const char *now,
		    const char **field, char *err, size_t errlen);
/*
 * Closes an open complaint with its rectification feedback (1..
 * GK_SUP_TEXT_MAX characters) on closed (not before received, not after
 * today). Already closed: GK_ECONFLICT.
 */
enum gk_err	 gk_complaint_close(struct gk_db *, const char *actor, int64_t id,
		    int32_t closed, const char *feedback, const char *now,
		    const char **field, char *err, size_t errlen);
enum gk_err	 gk_complaint_get(struct gk_db *, int64_t id, struct gk_complaint *,
		    char *err, size_t errlen);
void		 gk_complaint_clear(struct gk_complaint *);
/* Complaints of an agency received in year (0: any), newest first. */
enum gk_err	 gk_complaint_list(struct gk_db *, int64_t agency_id, int year,
		    struct gk_complaint_list *, char *err, size_t errlen);
void		 gk_complaint_list_free(struct gk_complaint_list *);

/*
 * The report's supervision counts of agency_id for year into c (the
 * fields trainings, training_attendees, training_hours10, complaints,
 * complaints_closed; the rest untouched): trainings held in the year with
 * their attendees and hours summed; complaints received in the year and,
 * of those, closed by the year's end.
 */
enum gk_err	 gk_supervision_counts(struct gk_db *, int64_t agency_id, int year,
		    struct gk_gen_counts *c, char *err, size_t errlen);

#endif /* GK_STORE_SUPERVISION_H */
