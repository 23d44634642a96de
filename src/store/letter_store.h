/*
 * letter_store.h — answer letters (告知书) kept in the store (schema v14,
 * table application_letter): drafted from core/letter.h for an open
 * application, edited by the officer, and sent — the ANSWER event and the
 * freezing of the letter in one transaction. Every version is kept (a new
 * row per draft or edit, never updated, never deleted: triggers refuse
 * it); only sent_at is ever set, once, on the version that was sent.
 *
 * The text: the letter as plain text, one block per line, the title on
 * the first line (no Markdown escapes: the web layer escapes it when it
 * renders). It names the applicant, so reading takes the roles of the
 * unmasked view of applications (application.h: an officer, office or
 * admin of the agency or its parent) and writing those roles in the
 * agency itself. Every change writes its row and one audit entry (entity
 * "application", the application's id; action "letter_draft",
 * "letter_edit" or "letter_send"; the version, outcome, date and the
 * SHA-256 of the text — never the text, which carries the applicant's
 * name) in one transaction.
 */
#ifndef GK_STORE_LETTER_STORE_H
#define GK_STORE_LETTER_STORE_H

#include <stddef.h>
#include <stdint.h>

#include "core/apply.h"
#include "core/calendar.h"
#include "core/gk.h"
#include "store/application.h"

struct gk_db;

#define GK_LETTER_BODY_MAX	20000	/* characters of a letter's text */

struct gk_letter_row {
	int64_t			 id;
	int64_t			 application_id;
	int			 version;	/* 1, 2, … */
	enum apply_outcome	 outcome;
	int32_t			 answered;	/* the date the letter bears */
	char			*options;	/* JSON of the draft's options, owned */
	char			*body;		/* owned */
	char			 actor[64];
	char			 created_at[40];
	char			 sent_at[40];	/* "" while a draft */
};

struct gk_letter_list {
	struct gk_letter_row	*v;	/* oldest version first */
	size_t			 n;
};

void		 gk_letter_row_clear(struct gk_letter_row *);
void		 gk_letter_list_free(struct gk_letter_list *);

/*
 * A new draft (version = the latest + 1) of the letter of open
 * application id, answering with o->outcome on o->answered (o->draft is
 * set here; the other options as gk_apply_letter). Refused
 * (GK_ECONFLICT, nothing written, *whyp the core's reason) when the
 * answer would be refused now — the application's events with this
 * ANSWER replayed as of today (e.g. 逾期不补正 without an expired 补正) —
 * or when the application is closed or a version was sent; GK_EINVAL
 * with letter_render's message for a missing field; a date after today
 * is refused. *versionp (may be NULL) gets the version.
 */
enum gk_err	 gk_letter_draft(struct gk_db *, const char *actor, int64_t id,
		    const struct gk_apply_letter_opts *o, const struct calendar *,
		    const char *now, int *versionp, enum apply_refusal *whyp, char *err,
		    size_t errlen);

/*
 * The officer's edit: body (1..GK_LETTER_BODY_MAX characters, UTF-8, no
 * control characters but new lines and tabs; never the applicant's ID
 * number or phone, nor any 居民身份证号 or bank card number) becomes the
 * next version, with the outcome, date and options of the latest one.
 * GK_ECONFLICT when there is no draft yet, the application is closed or
 * the latest version was sent; GK_EINVAL for a bad body.
 */
enum gk_err	 gk_letter_edit(struct gk_db *, const char *actor, int64_t id,
		    const char *body, const char *now, int *versionp, char *err,
		    size_t errlen);

/*
 * Sends version (which must be the latest, unsent): records the ANSWER
 * event with its outcome and date (gk_apply_act, note "告知书第N版") and
 * sets the version's sent_at to now, in one transaction; refused as
 * gk_apply_act refuses (GK_ECONFLICT with *whyp), and GK_ECONFLICT when
 * version is not the latest draft. Nothing is written when refused.
 */
enum gk_err	 gk_letter_send(struct gk_db *, const char *actor, int64_t id,
		    int version, const struct calendar *, const char *now,
		    enum apply_refusal *whyp, char *err, size_t errlen);

/* Version (0: the latest) of application id's letter. GK_ENOTFOUND when none. */
enum gk_err	 gk_letter_get(struct gk_db *, const char *actor, int64_t id, int version,
		    struct gk_letter_row *, char *err, size_t errlen);

/* Every version of application id's letter, oldest first (n = 0: none). */
enum gk_err	 gk_letter_list(struct gk_db *, const char *actor, int64_t id,
		    struct gk_letter_list *, char *err, size_t errlen);

/*
 * The Markdown of core/letter (LETTER_MD) as the stored text: "# " off the
 * title, the Markdown escapes undone (a backslash before ASCII
 * punctuation). Appends to out.
 */
enum gk_err	 gk_letter_md_to_text(const char *md, struct gk_buf *out);

#endif /* GK_STORE_LETTER_STORE_H */
