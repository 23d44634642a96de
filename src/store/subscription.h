/*
 * subscription.h — targeted push (精准推送) in the store (schema v20,
 * docs/push.md): e-mail subscriptions to an agency's categories, topics
 * (主题分类) or keywords with double opt-in, and the outbox of the e-mails
 * that go out (the confirmation and the digests). The messages are
 * rendered by channels/push.c and stored here whole until the SMTP server
 * accepts them, so a retry sends the very same bytes (same Message-ID).
 *
 * Tokens (confirmation, unsubscribe) are random (channels/push.c) and only
 * their SHA-256 is stored: the confirmation's on the subscription, one
 * unsubscribe token per outbox row (every e-mail carries its own link; any
 * of them unsubscribes).
 *
 * Every change writes its audit entry (entity "subscription" or
 * "push_outbox"; the e-mail address masked) in the same transaction.
 * The SMTP settings are platform settings (platform_setting smtp_url,
 * smtp_from, smtp_user, smtp_password); the password is never written to
 * the audit chain or any output.
 */
#ifndef GK_STORE_SUBSCRIPTION_H
#define GK_STORE_SUBSCRIPTION_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

#define GK_SUB_EMAIL_MAX	254	/* bytes of an address (RFC 5321) */
#define GK_SUB_TERMS_MAX	20	/* topics, keywords: how many */
#define GK_SUB_TERM_MAX		30	/* characters of one topic or keyword */
#define GK_SUB_CATS_MAX		50	/* categories */
#define GK_SUB_PER_EMAIL	3	/* subscribe requests per address per day */
#define GK_SUB_CONFIRM_DAYS	7	/* a confirmation link's life */
#define GK_SUB_MSG_LEN		256

/* The fields of the form, for field messages. */
enum gk_sub_field { GK_SF_EMAIL = 0, GK_SF_CATEGORIES, GK_SF_TOPICS, GK_SF_KEYWORDS, GK_SF__MAX };

/*
 * A plain address local@domain (pure): ASCII, at most GK_SUB_EMAIL_MAX
 * bytes, a local part of letters, digits and !#$%&'*+/=?^_`{|}~.- (no
 * leading, trailing or double dot), a domain of at least two labels of
 * letters, digits and hyphens. No spaces, quotes, angle brackets, CR, LF.
 */
int		 gk_sub_email_ok(const char *s);

/*
 * Splits topics or keywords as typed (separated by new lines, commas,
 * 、，；; or spaces) into out, one a line, duplicates dropped. 0 and the
 * message in msg when one is longer than GK_SUB_TERM_MAX characters,
 * there are more than GK_SUB_TERMS_MAX, or the text is not valid UTF-8
 * text. out holds the normalised text (owned by the caller's buffer).
 */
int		 gk_sub_terms(const char *in, const char *label, struct gk_buf *out,
		    char *msg, size_t msglen);

/* What the public submits (borrowed; NULL is ""). categories: ids. */
struct gk_sub_request {
	int64_t		 agency_id;
	const char	*email;
	const int64_t	*categories;
	size_t		 ncategories;
	const char	*topics;
	const char	*keywords;
};

/*
 * Checks a request: the address, each category one of the agency's, the
 * terms (gk_sub_terms). GK_EINVAL with a message per bad field (msgs
 * may have several), GK_ENOTFOUND when the agency does not exist.
 */
enum gk_err	 gk_sub_check(struct gk_db *, const struct gk_sub_request *,
		    char msgs[GK_SF__MAX][GK_SUB_MSG_LEN], char *err, size_t errlen);

/* A message ready for the outbox (rendered by channels/push.c). */
struct gk_sub_mail {
	const char	*unsub_sha256;	/* hex of the unsubscribe token of this e-mail */
	const char	*message_id;	/* "<...@...>" */
	const char	*message;	/* RFC 5322, CRLF lines */
};

/*
 * A subscribe request: checks it (as gk_sub_check), refuses with
 * GK_ELIMIT when the address made GK_SUB_PER_EMAIL requests in the last
 * 24 hours, and stores the pending subscription (confirm_sha256, the hex
 * SHA-256 of its confirmation token) and its confirmation e-mail in the
 * outbox, with the audit entry, in one transaction. *idp (may be NULL)
 * gets the subscription's id.
 */
enum gk_err	 gk_sub_new(struct gk_db *, const char *actor, const struct gk_sub_request *,
		    const char *confirm_sha256, const struct gk_sub_mail *mail,
		    const char *now, int64_t *idp, char *err, size_t errlen);

/*
 * Confirms the pending subscription whose confirmation token hashes to
 * sha256 (within GK_SUB_CONFIRM_DAYS of the request): it becomes the
 * address's subscription for the agency (an earlier confirmed one is
 * replaced); its digests cover items published from now on. Already
 * confirmed: GK_OK, *already 1. Unknown, expired, unsubscribed or
 * replaced: GK_ENOTFOUND. *agencyp (may be NULL) gets the agency.
 */
enum gk_err	 gk_sub_confirm(struct gk_db *, const char *actor, const char *sha256,
		    const char *now, int *already, int64_t *agencyp, char *err,
		    size_t errlen);

/*
 * Unsubscribes the subscription of the e-mail whose unsubscribe token
 * hashes to sha256, and cancels its messages not yet sent. Already
 * unsubscribed: GK_OK, *already 1. Unknown token: GK_ENOTFOUND.
 */
enum gk_err	 gk_sub_unsubscribe(struct gk_db *, const char *actor, const char *sha256,
		    const char *now, int *already, char *err, size_t errlen);

/* ---- digests ---- */

struct gk_sub_item {
	int64_t	 id;
	char	*title;
	char	 published[11];		/* YYYY-MM-DD */
};

/* A confirmed subscription and the items published since its mark that match it. */
struct gk_sub_digest {
	int64_t			 sub_id;
	int64_t			 agency_id;
	char			*email;
	char			*agency;	/* the agency's name */
	char			*mark;		/* as stored (NULL: none) */
	char			*new_mark;	/* "published_at#id" of the newest item considered */
	struct gk_sub_item	*items;		/* the matches, oldest first */
	size_t			 nitems;
	size_t			 considered;	/* items published since the mark */
};

/*
 * For each confirmed subscription, the published items (state published,
 * published_at after its mark and not after now) that match it: any of its
 * categories (the item's category or one above it), any of its topics
 * (the item's 主题分类 equal), any of its keywords (in the title, the
 * keywords or the body); a subscription with none of these takes every
 * item. Only subscriptions with something considered are listed.
 */
enum gk_err	 gk_sub_digests(struct gk_db *, const char *now, struct gk_sub_digest **vp,
		    size_t *np, char *err, size_t errlen);
void		 gk_sub_digests_free(struct gk_sub_digest *, size_t n);

/*
 * Moves d's mark to d->new_mark and, when mail is not NULL, stores the
 * digest e-mail with d's items, in one transaction with the audit entry.
 * GK_ECONFLICT when the mark moved meanwhile (another run took them).
 */
enum gk_err	 gk_sub_digest_enqueue(struct gk_db *, const char *actor,
		    const struct gk_sub_digest *d, const struct gk_sub_mail *mail,
		    const char *now, char *err, size_t errlen);

/* ---- the outbox ---- */

#define GK_PUSH_ATTEMPTS_MAX	8	/* then given up (state failed) */

struct gk_push_row {
	int64_t	 id;
	int64_t	 sub_id;
	char	 kind[16];		/* confirm, digest */
	char	 state[16];		/* pending, sent, failed, cancelled */
	char	*email;			/* full for due rows; masked in lists */
	char	*message;		/* due rows only (else NULL) */
	char	*message_id;
	char	*items;			/* "12,15" */
	int	 attempts;
	char	 next_attempt[40];
	char	 created_at[40];
	char	 sent_at[40];
	char	*last_error;
};

/* Pending rows whose next attempt is due at now, oldest first, at most max. */
enum gk_err	 gk_push_due(struct gk_db *, const char *now, size_t max,
		    struct gk_push_row **vp, size_t *np, char *err, size_t errlen);
/* Rows by state (NULL: all) of agency's subscriptions (0: all), newest first, at most max; addresses masked. */
enum gk_err	 gk_push_list(struct gk_db *, const char *state, int64_t agency_id, size_t max,
		    struct gk_push_row **vp, size_t *np, char *err, size_t errlen);
void		 gk_push_rows_free(struct gk_push_row *, size_t n);

/*
 * The server accepted row id: state sent, the message dropped, with the
 * audit entry — one transaction, right after the server's answer.
 * GK_ECONFLICT when the row is not pending (already sent or cancelled).
 */
enum gk_err	 gk_push_mark_sent(struct gk_db *, const char *actor, int64_t id,
		    const char *now, char *err, size_t errlen);

/*
 * A failed attempt: attempts + 1, last_error; given up (state failed)
 * when permanent or after GK_PUSH_ATTEMPTS_MAX attempts, else the next
 * attempt after the backoff (gk_push_backoff). *gave_up (may be NULL).
 */
enum gk_err	 gk_push_mark_failed(struct gk_db *, const char *actor, int64_t id,
		    const char *error, int permanent, const char *now, int *gave_up,
		    char *err, size_t errlen);

/* Seconds to wait after the n-th failed attempt (n >= 1): 5 min doubling, at most 6 h. */
long		 gk_push_backoff(int n);

/* now + secs as RFC 3339 in +08:00 (now: RFC 3339 with any offset). 0 on a bad now. */
int		 gk_push_time_add(const char *now, long secs, char out[40]);

/* Counts of subscriptions by state (pending, confirmed, unsubscribed). */
enum gk_err	 gk_sub_counts(struct gk_db *, int64_t counts[3], char *err, size_t errlen);

/* ---- SMTP settings (platform_setting) ---- */

struct gk_smtp_conf {
	char	url[256];	/* smtp://host:port or smtps://… */
	char	from[256];	/* the sender's address */
	char	user[128];	/* "" when none */
	char	password[128];	/* "" when none; never printed */
};

enum gk_err	 gk_smtp_load(struct gk_db *, struct gk_smtp_conf *, char *err, size_t errlen);
/*
 * Sets one of url, from, user, password ("" removes it), with its audit
 * entry (the password's value never recorded: "set" or "removed").
 */
enum gk_err	 gk_smtp_set(struct gk_db *, const char *actor, const char *key,
		    const char *value, const char *now, char *err, size_t errlen);

#endif /* GK_STORE_SUBSCRIPTION_H */
