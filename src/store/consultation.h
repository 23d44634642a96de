/*
 * consultation.h — 留言咨询 in the store: a question from the public
 * (moderated before anything is shown), the officer's answer, publication,
 * rejection, the officers' lists and the public list with the working
 * days each answer took.
 *
 * States: pending → answered → published; pending → rejected. An
 * answered question may be answered again (a correction) until it is
 * published; a published or rejected one is final. Every other step is
 * refused (GK_ECONFLICT) with a Chinese message naming the state.
 *
 * Who may (gk_user_authorize, user.h): anyone submits (actor "public"
 * from the web; no role check). Answering, publishing and rejecting take
 * an active officer, office (政务公开办) or admin of the consultation's
 * agency; reading the full record (name, phone, e-mail) takes the same
 * roles in the agency or its parent. An actor that is no user's login is
 * the operator's shell and is trusted (docs/store.md). The public list
 * needs nothing and never carries name, phone or e-mail.
 *
 * Every change writes the row and one audit entry (entity
 * "consultation"; the submitter's name, phone and e-mail masked) in one
 * transaction (db.h); a refused action writes nothing.
 */
#ifndef GK_STORE_CONSULTATION_H
#define GK_STORE_CONSULTATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/gk.h"

struct gk_db;

#define GK_CONSULT_CODE_LEN	12	/* Crockford base32, as applications (application.h) */
#define GK_CONSULT_NAME_MAX	100	/* characters */
#define GK_CONSULT_CONTACT_MAX	100	/* characters of phone and of e-mail */
#define GK_CONSULT_TITLE_MAX	100
#define GK_CONSULT_QUESTION_MAX	5000
#define GK_CONSULT_ANSWER_MAX	10000
#define GK_CONSULT_REASON_MAX	500	/* the rejection's reason */

enum gk_consult_state {
	GK_CONSULT_PENDING = 0,		/* 待处理 */
	GK_CONSULT_ANSWERED,		/* 已答复（未公开） */
	GK_CONSULT_PUBLISHED,		/* 已公开 */
	GK_CONSULT_REJECTED,		/* 不予公开 */
	GK_CONSULT__MAX
};

const char	*gk_consult_state_name(enum gk_consult_state);	/* "pending", … */
const char	*gk_consult_state_label(enum gk_consult_state);	/* "待处理", … */
/* Accepts the storage name or the label; 0 when unknown. */
int		 gk_consult_state_from_name(const char *, enum gk_consult_state *);

/*
 * Characters of s when it is well-formed UTF-8 whose only control
 * characters are tab, CR and LF (and those only when multiline); else -1.
 * The size rule of every field here and of the web forms (forms.c).
 */
long		 gk_consult_text_chars(const char *s, int multiline);

/* What the public submits. Borrowed strings; NULL is "". */
struct gk_consult_intake {
	const char	*name;		/* required */
	const char	*phone;		/* at least one of phone and email */
	const char	*email;
	const char	*title;		/* required, ≤ GK_CONSULT_TITLE_MAX */
	const char	*question;	/* required, ≤ GK_CONSULT_QUESTION_MAX, new lines allowed */
};

/* The fields of an intake, for field-level messages (the web form). */
enum gk_consult_field {
	GK_CF_NAME = 0,
	GK_CF_PHONE,
	GK_CF_EMAIL,
	GK_CF_TITLE,
	GK_CF_QUESTION,
	GK_CF__MAX
};

#define GK_CONSULT_MSG_LEN	192

/*
 * Checks an intake (no database). Every bad field gets its Chinese message
 * in msg[field] (the others ""); a missing contact is reported on both
 * phone and email. GK_OK when all are good, else GK_EINVAL.
 */
enum gk_err	 gk_consult_check(const struct gk_consult_intake *,
		    char msg[GK_CF__MAX][GK_CONSULT_MSG_LEN]);

/*
 * A new pending consultation of agency_id, asked now (asked_at = now,
 * asked_date = its date), with a fresh random tracking code (libsodium;
 * retried while taken). GK_EINVAL with the first field's message;
 * GK_ENOTFOUND: no such agency. *idp and code (may be NULL) get the id and
 * the code.
 */
enum gk_err	 gk_consult_new(struct gk_db *, const char *actor, int64_t agency_id,
		    const struct gk_consult_intake *, const char *now, int64_t *idp,
		    char code[GK_CONSULT_CODE_LEN + 1], char *err, size_t errlen);

/*
 * Answers a pending (or re-answers an answered, unpublished) consultation:
 * text 1..GK_CONSULT_ANSWER_MAX characters, date on or after the asked
 * date and not after today (the date of now). answered_by = actor.
 */
enum gk_err	 gk_consult_answer(struct gk_db *, const char *actor, int64_t id,
		    const char *text, int32_t date, const char *now, char *err,
		    size_t errlen);

/* answered → published (published_at = now). */
enum gk_err	 gk_consult_publish(struct gk_db *, const char *actor, int64_t id,
		    const char *now, char *err, size_t errlen);

/* pending → rejected with a reason (1..GK_CONSULT_REASON_MAX characters). */
enum gk_err	 gk_consult_reject(struct gk_db *, const char *actor, int64_t id,
		    const char *reason, const char *now, char *err, size_t errlen);

/* One consultation, in full. Strings owned (gk_consult_clear). */
struct gk_consult {
	int64_t			 id;
	int64_t			 agency_id;
	char			 code[GK_CONSULT_CODE_LEN + 1];
	char			*name, *phone, *email;
	char			*title, *question, *answer, *answered_by, *reject_reason;
	char			 asked_at[40];
	int32_t			 asked;		/* asked_date */
	enum gk_consult_state	 state;
	int32_t			 answered;	/* answer_date, GK_DATE_NONE if none */
	char			 published_at[40];	/* "" if not published */
};

void		 gk_consult_clear(struct gk_consult *);

/*
 * The consultation with id, personal fields in clear: actor needs the
 * reading roles above (GK_ECONFLICT otherwise). GK_ENOTFOUND if absent.
 */
enum gk_err	 gk_consult_get(struct gk_db *, const char *actor, int64_t id,
		    struct gk_consult *, char *err, size_t errlen);

struct gk_consult_filter {
	int64_t		 agency_id;	/* required (> 0) */
	int		 state;		/* enum gk_consult_state, or -1: any */
	size_t		 limit;		/* 0: 50; at most 1000 */
	size_t		 offset;
};

struct gk_consult_list {
	struct gk_consult	*v;
	size_t			 n;
	size_t			 total;	/* matching rows before limit/offset */
};

/* Newest question first (asked_at, then id, descending). Reading roles as gk_consult_get. */
enum gk_err	 gk_consult_list(struct gk_db *, const char *actor,
		    const struct gk_consult_filter *, struct gk_consult_list *,
		    char *err, size_t errlen);
void		 gk_consult_list_free(struct gk_consult_list *);

/* A published consultation as the public sees it: nothing personal. */
struct gk_consult_public {
	int64_t		 id;
	char		*title, *question, *answer;	/* owned */
	int32_t		 asked, answered;
	/* Working days after asked up to answered (calendar_workdays_between); -1 when the calendar lacks a year. */
	long		 workdays;
	char		 published_at[40];
};

struct gk_consult_public_list {
	struct gk_consult_public	*v;
	size_t				 n;
	size_t				 total;	/* published ones of the agency */
};

/*
 * The published consultations of agency_id, newest answer first (answer
 * date, then id, descending), limit (1..100) from offset.
 */
enum gk_err	 gk_consult_public_list(struct gk_db *, int64_t agency_id,
		    const struct calendar *, size_t limit, size_t offset,
		    struct gk_consult_public_list *, char *err, size_t errlen);
void		 gk_consult_public_list_free(struct gk_consult_public_list *);

#endif /* GK_STORE_CONSULTATION_H */
