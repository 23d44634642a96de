/*
 * application.h — applications for disclosure (依申请公开) in the store:
 * intake with the tracking code, the events of the statutory clock replayed
 * by core/apply.h before each one is appended, lookups, lists with the
 * personal data masked (core/mask.h), the public tracking view and the
 * overdue list. Every change writes the rows and one audit entry in one
 * transaction (db.h); a refused action writes nothing.
 *
 * Who may (gk_user_authorize, user.h): an actor that is a user's login
 * must be an active officer, office (政务公开办) or admin of the
 * application's agency to record anything (no parent: the application is
 * answered by the agency it was sent to); the unmasked view (full = 1)
 * takes the same roles in the agency or its parent (the government's
 * office reads across its agencies). Any other actor is the operator's
 * shell and is trusted (docs/store.md). The masked view needs no role.
 *
 * Dates: "now" is the caller's ISO 8601 timestamp; its first ten
 * characters are today's date. An event dated after today is refused,
 * and every replay runs as of today, so days left and lateness are those
 * of the moment of the call.
 */
#ifndef GK_STORE_APPLICATION_H
#define GK_STORE_APPLICATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/apply.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/fee.h"
#include "core/gk.h"

struct gk_db;

#define GK_APPLY_CODE_LEN	12	/* Crockford base32: 0-9 A-Z without I L O U */
#define GK_APPLY_NAME_MAX	200	/* characters */
#define GK_APPLY_FIELD_MAX	200	/* characters of idno, phone, email, address, delivery */
#define GK_APPLY_REQUEST_MAX	10000	/* characters of the information requested */
#define GK_APPLY_NOTE_MAX	2000	/* characters of an event's note */

/*
 * Per-agency settings (agency_setting; keys documented in
 * docs/applications.md):
 *   apply.fee_pauses_clock   0 or 1 (default 1): the time from the fee
 *                            notice to payment is not counted
 *   apply.answer_days        1..20 (default 20, 条例第三十三条): an agency
 *                            that promises a shorter time (承诺时限)
 *   apply.review_body        where 行政复议 is applied for, named in the
 *                            answer letter (1..200 characters; default: the
 *                            name of the agency's parent, 上级机构)
 *   apply.letter_prefix      the 机关代字 before 〔year〕 in the letter's
 *                            number (0..32 characters; default none)
 *   fee.item_band_size       按件 from item 31: items per band (1..1000, default 10)
 *   fee.item_band_raise      按件: 分 added per band (0..1000000, default 10000)
 *   fee.volume_needs_copy_form  0 or 1 (default 1): 按量 only for paper,
 *                            e-mail or copied data (core/fee.h, docs/fees.md)
 */
#define GK_APPLY_SETTING_FEE_PAUSES	"apply.fee_pauses_clock"
#define GK_APPLY_SETTING_ANSWER_DAYS	"apply.answer_days"
#define GK_APPLY_SETTING_REVIEW_BODY	"apply.review_body"
#define GK_APPLY_SETTING_LETTER_PREFIX	"apply.letter_prefix"
#define GK_FEE_SETTING_BAND_SIZE	"fee.item_band_size"
#define GK_FEE_SETTING_BAND_RAISE	"fee.item_band_raise"
#define GK_FEE_SETTING_COPY_FORM	"fee.volume_needs_copy_form"

/*
 * For gk_agency_setting_set: 1 when key is one of the apply.* or fee.*
 * settings above (then value, unless NULL, is checked: *e is GK_OK, or
 * GK_EINVAL with a message), 0 when key is none of them.
 */
int		 gk_apply_setting_check(const char *key, const char *value,
		    enum gk_err *e, char *err, size_t errlen);

/* The fee settings of an agency: fee_settings_default() with its fee.* settings. */
enum gk_err	 gk_apply_fee_settings(struct gk_db *, int64_t agency_id,
		    struct fee_settings *, char *err, size_t errlen);

/* The rules of an agency: apply_rules_default() with its settings applied. */
enum gk_err	 gk_apply_rules(struct gk_db *, int64_t agency_id,
		    struct apply_rules *, char *err, size_t errlen);

/* What arrives (条例第二十九条). Borrowed strings; NULL is "". */
struct gk_apply_intake {
	enum apply_channel	 channel;
	enum apply_applicant	 type;
	const char		*name;		/* 姓名或者名称: required */
	const char		*idno;		/* 身份证明 number (optional) */
	const char		*phone;		/* 联系方式: at least one of phone, email, address */
	const char		*email;
	const char		*address;
	const char		*request;	/* the information requested: required */
	const char		*delivery;	/* the form and way wanted (optional) */
	int32_t			 received;	/* 条例第三十一条: the channel's date of receipt */
};

/*
 * Checks an intake (no database): required fields, lengths, text without
 * control characters (new lines allowed in request), channel and
 * applicant in range, a received date that is not after today and lies in
 * a year the calendar covers. GK_EINVAL with a Chinese message.
 */
enum gk_err	 gk_apply_intake_check(const struct gk_apply_intake *,
		    const struct calendar *, int32_t today, char *err, size_t errlen);

/* The text fields of an intake, for one-field checks (the web forms). */
enum gk_apply_field {
	GK_AF_NAME = 0, GK_AF_IDNO, GK_AF_PHONE, GK_AF_EMAIL, GK_AF_ADDRESS, GK_AF_REQUEST,
	GK_AF_DELIVERY, GK_AF__MAX
};

/*
 * One field's value v by the rules of gk_apply_intake_check: a valid
 * intake (received today) with just that field replaced. field
 * GK_AF__MAX checks the rest alone (today in a year the calendar covers).
 * 1 when good; 0 with the store's message in msg.
 */
int		 gk_apply_intake_field_ok(enum gk_apply_field field, const char *v,
		    const struct calendar *, int32_t today, char *msg, size_t len);

/*
 * A new application of agency_id: intake checked, a fresh random tracking
 * code (libsodium randombytes_buf; retried while taken), the row, its
 * RECEIVED event and an audit entry (entity "application", action "new";
 * the ID number, phone, e-mail and address masked, the name masked for a
 * natural person) in one transaction. *idp and code (may be NULL) get the
 * id and the code. GK_ENOTFOUND: no such agency; GK_ECONFLICT: not
 * authorised.
 */
enum gk_err	 gk_apply_new(struct gk_db *, const char *actor, int64_t agency_id,
		    const struct gk_apply_intake *, const struct calendar *,
		    const char *now, int64_t *idp, char code[GK_APPLY_CODE_LEN + 1],
		    char *err, size_t errlen);

/*
 * Records one event (not RECEIVED: that is gk_apply_new). Loads the
 * stored events, replays them and ev with apply_replay() as of today
 * under the agency's rules; when refused nothing is written, *whyp (may
 * be NULL) gets the core's reason and err its message (GK_ECONFLICT; a
 * date in an uncovered year GK_EINVAL). Else appends the event row
 * (with actor and note), updates state, due_date, outcome, closed_date
 * and updated_at on the application and appends an audit entry (action
 * "event", the event as JSON), in one transaction. note: EXTEND requires
 * it (who approved the extension, 条例第三十三条); for the others it is
 * optional. Events after today are refused.
 */
enum gk_err	 gk_apply_act(struct gk_db *, const char *actor, int64_t id,
		    const struct apply_event *ev, const char *note, const char *now,
		    const struct calendar *, enum apply_refusal *whyp, char *err,
		    size_t errlen);

/* One stored event. */
struct gk_apply_event_row {
	struct apply_event	 ev;
	char			 actor[64];
	char			*note;
	char			 recorded_at[40];
};

/*
 * One application. Strings owned (gk_apply_clear). With full = 0 the
 * personal fields hold masked values (name masked only for a natural
 * person or a name that does not look like an organisation's).
 */
struct gk_apply {
	int64_t			 id;
	int64_t			 agency_id;
	char			 code[GK_APPLY_CODE_LEN + 1];
	enum apply_channel	 channel;
	enum apply_applicant	 type;
	char			*name, *idno, *phone, *email, *address;
	char			*request, *delivery;
	int32_t			 received;
	enum apply_phase	 phase;		/* as stored */
	int32_t			 due;		/* as stored, GK_DATE_NONE if none */
	int			 closed_ok;	/* 1 when outcome and closed are set */
	enum apply_outcome	 outcome;
	int32_t			 closed;
	char			 created_at[40], updated_at[40];
	int			 full;		/* 1: personal fields in clear */
	/* gk_apply_get only: */
	struct gk_apply_event_row *events;
	size_t			 nevents;
	struct apply_status	 status;	/* replayed as of today */
	/*
	 * "" when the events replay; else why not (a calendar changed since,
	 * or today in a year it does not cover) and status holds the state
	 * as far as the replay got.
	 */
	char			 replay_err[512];
};

void		 gk_apply_clear(struct gk_apply *);

/*
 * The application with its events and its status replayed as of today
 * (date of now). full = 1 needs the roles above (GK_ECONFLICT otherwise).
 * GK_ENOTFOUND when there is no such application. Stored events that no
 * longer replay do not hide the application: GK_OK with replay_err set.
 */
enum gk_err	 gk_apply_get(struct gk_db *, const char *actor, int64_t id,
		    int full, const struct calendar *, const char *now,
		    struct gk_apply *, char *err, size_t errlen);

/* What the public tracking page shows: nothing personal, no request text. */
struct gk_apply_public {
	char			 code[GK_APPLY_CODE_LEN + 1];
	int64_t			 agency_id;
	char			 agency[256];	/* the agency's name */
	enum apply_channel	 channel;
	int32_t			 received;
	struct apply_status	 status;	/* replayed as of today */
	enum apply_ev		 kinds[64];	/* the events' kinds and dates, oldest first */
	int32_t			 dates[64];
	size_t			 nevents;	/* at most 64 shown */
};

/*
 * By tracking code, read the Crockford way: case ignored, hyphens and
 * spaces skipped, I and L read as 1, O as 0. GK_ENOTFOUND (the same
 * message) for a malformed and for an unknown code.
 */
enum gk_err	 gk_apply_get_by_code(struct gk_db *, const char *code,
		    const struct calendar *, int32_t today, struct gk_apply_public *,
		    char *err, size_t errlen);

/* Normalises a code as above into out; 0 when it is not a valid code. */
int		 gk_apply_code_normalize(const char *in, char out[GK_APPLY_CODE_LEN + 1]);

struct gk_apply_filter {
	int64_t		 agency_id;	/* 0: every agency (full needs the operator then) */
	int		 phase;		/* enum apply_phase, or -1: any */
	int		 year;		/* of the date of receipt; 0: any */
	size_t		 limit;		/* 0: 50; at most 1000 */
	size_t		 offset;
	int		 full;		/* 1: personal fields in clear (roles above) */
};

struct gk_apply_list {
	struct gk_apply	*v;	/* events not loaded */
	size_t		 n;
};

/* Newest receipt first (received_date, then id, descending). */
enum gk_err	 gk_apply_list(struct gk_db *, const char *actor,
		    const struct gk_apply_filter *, struct gk_apply_list *,
		    char *err, size_t errlen);
void		 gk_apply_list_free(struct gk_apply_list *);

/*
 * The 信息处理费 for application id by one method (core/fee.h, the
 * agency's fee settings): 按件 (FEE_PER_ITEM) with count items for this
 * application, after the same applicant's earlier applications to the same
 * agency received in the same calendar month (same type and ID number, or
 * the same name when no ID number was given; each earlier application
 * counts as one item); 按量 (FEE_PER_VOLUME) with count pages, refused
 * unless the delivery asked for paper, e-mail or copied data (纸质, 邮件,
 * 复制, 光盘, U盘, 打印 in the delivery text). *fen gets the amount in 分;
 * explain (may be NULL) the computation in Chinese (fee_explain).
 */
enum gk_err	 gk_apply_fee_quote(struct gk_db *, int64_t id, enum fee_method,
		    long count, int64_t *fen, struct gk_buf *explain, char *err,
		    size_t errlen);

/* What the officer adds to an answer letter (core/letter.h); borrowed, NULL = none. */
struct gk_apply_letter_opts {
	int		 proactive;	/* 予以公开: already disclosed proactively */
	const char	*part;		/* 部分公开: the part provided */
	const char	*reasons;
	const char	*where;
	const char	*responsible;
	long		 number;	/* > 0: 〔year〕第N号; 0: the tracking code */
	/*
	 * draft = 1: a draft for an application still OPEN, as if answered
	 * with outcome on answered (store/letter_store.h); refused for a
	 * closed one. 0: the letter of the closed application's own answer.
	 */
	int		 draft;
	enum apply_outcome outcome;
	int32_t		 answered;
};

/*
 * Renders the answer letter (告知书) of a closed application into out:
 * the outcome and date of its answer, the applicant's name (never the ID
 * number or phone), the agency's name and contact columns, the review
 * body and number prefix from the settings above, the fee of the last
 * fee notice. The letter names the applicant, so actor needs the full
 * view's roles. GK_ECONFLICT when the application is still open (closed,
 * for a draft) or actor may not; GK_EINVAL with letter_render()'s message when a field
 * the outcome needs is missing, or no review body is known.
 */
enum gk_err	 gk_apply_letter(struct gk_db *, const char *actor, int64_t id,
		    const struct gk_apply_letter_opts *, int format, struct gk_buf *out,
		    char *err, size_t errlen);

/* An open application that is late or due soon. */
struct gk_apply_due {
	int64_t			 id;
	int64_t			 agency_id;
	char			 code[GK_APPLY_CODE_LEN + 1];
	char			*name;		/* masked */
	enum apply_phase	 phase;
	int32_t			 received;
	int32_t			 due;
	long			 days_left;	/* negative: working days late */
	int			 late;
	/*
	 * 1: the clock runs into a year the calendar does not cover (the
	 * State Council's notice for it not yet entered), so there is no due
	 * date; why says which year. Listed first: someone must act.
	 */
	int			 uncovered;
	char			 why[256];
};

struct gk_apply_dues {
	struct gk_apply_due	*v;
	size_t			 n;
};

/*
 * Open applications of an agency (0: all) whose clock, replayed as of
 * today, is past due or has at most window working days left, late ones
 * first, then by days left and due date; before them, those whose clock
 * cannot be replayed because the calendar lacks a year (uncovered).
 */
enum gk_err	 gk_apply_overdue(struct gk_db *, int64_t agency_id,
		    const struct calendar *, int32_t today, int window,
		    struct gk_apply_dues *, char *err, size_t errlen);
void		 gk_apply_dues_free(struct gk_apply_dues *);

/*
 * For store modules (legal_case.c): today's date from an ISO 8601 "now"
 * (GK_EINVAL with a message if malformed); a date column (GK_DATE_NONE
 * when NULL or malformed); an audit entry of entity with the change j
 * (a jansson object, consumed; NULL means out of memory).
 */
struct sqlite3_stmt;
enum gk_err	 gk_apply_today(const char *now, int32_t *today, char *err, size_t errlen);
int32_t		 gk_apply_col_date(struct sqlite3_stmt *, int col);
struct json_t;
enum gk_err	 gk_apply_audit(struct gk_db *, const char *actor, const char *entity,
		    int64_t id, const char *action, struct json_t *j, const char *now,
		    char *err, size_t errlen);

#endif /* GK_STORE_APPLICATION_H */
