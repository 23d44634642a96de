/*
 * push.h — targeted push (精准推送, docs/push.md): the e-mails of the
 * subscriptions in store/subscription.h — tokens, the RFC 5322 messages
 * (UTF-8 subject as RFC 2047 encoded-words, base64 body, Message-ID,
 * List-Unsubscribe and List-Unsubscribe-Post of RFC 8058), the digests
 * and delivery through SMTP with libcurl.
 *
 * Delivery: a message is built once, stored in the outbox, and sent as
 * stored (a retry sends the same bytes, the same Message-ID). Right after
 * the server's 250 to the message the row is marked sent (one
 * transaction). The one window: a crash after the server accepted and
 * before that mark; the row is then sent again on the next run, and the
 * receiver sees the same Message-ID twice (docs/push.md).
 */
#ifndef GK_CHANNELS_PUSH_H
#define GK_CHANNELS_PUSH_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "web/web.h"

struct gk_db;
struct gk_sub_request;
struct gk_smtp_conf;

#define GK_PUSH_TOKEN_LEN	43	/* 32 random bytes, base64url without padding */
#define GK_PUSH_LINE_MAX	76	/* header and body lines we write, CRLF excluded */

/* A new random token and the hex SHA-256 stored for it. */
enum gk_err	 gk_push_token_new(char tok[GK_PUSH_TOKEN_LEN + 1], char sha[65]);
/*
 * The hex SHA-256 of a token as it arrives in a link (parser): exactly
 * GK_PUSH_TOKEN_LEN characters of A-Z a-z 0-9 - _; else 0.
 */
int		 gk_push_token_hash(const char *tok, char sha[65]);

/*
 * Appends text as RFC 2047 encoded-words ("=?UTF-8?B?…?="), never splitting
 * a UTF-8 character, folded ("\r\n ") so no line passes GK_PUSH_LINE_MAX;
 * col is how many characters the current line already holds.
 */
void		 gk_push_encode_words(struct gk_buf *b, size_t col, const char *text);

/* The RFC 5322 date of an RFC 3339 time ("Fri, 27 Nov 2026 12:53:17 +0800"); 0 if bad. */
int		 gk_push_date(const char *now, char out[40]);

/* What a message says. Borrowed strings; header values must hold no CR or LF. */
struct gk_push_msg {
	const char	*from_name;	/* display name (UTF-8) */
	const char	*from;		/* address */
	const char	*to;		/* address */
	const char	*subject;	/* UTF-8 */
	const char	*now;		/* RFC 3339 */
	const char	*message_id;	/* "<…@…>" */
	const char	*unsub_url;	/* absolute */
	const char	*body;		/* UTF-8 text, LF lines */
};

/*
 * The whole message (CRLF lines, each at most GK_PUSH_LINE_MAX characters
 * but the List-Unsubscribe URL's, which is at most 998). GK_EINVAL when a
 * header value holds CR or LF, an address is not gk_sub_email_ok or the
 * date is bad.
 */
enum gk_err	 gk_push_build(struct gk_buf *out, const struct gk_push_msg *m, char *err,
		    size_t errlen);

/* A new Message-ID "<gk.HEX@DOMAIN>" with DOMAIN that of from (or "localhost"). */
void		 gk_push_message_id(const char *from, char out[128]);

/*
 * A subscribe request from the form: makes the tokens, the confirmation
 * e-mail and stores both (gk_sub_new). The e-mail is only queued;
 * `gongkai push run` sends it. Errors as gk_sub_new (GK_EINVAL with
 * msgs, GK_ELIMIT for the per-address limit, GK_ECONFLICT when the SMTP
 * sender is not configured).
 */
enum gk_err	 gk_push_subscribe(struct gk_db *, const struct gk_site *, const char *actor,
		    const struct gk_sub_request *, const char *now, int64_t *idp, char *err,
		    size_t errlen);

/* Builds the digests of items published since each subscriber's last; *queued gets the count. */
enum gk_err	 gk_push_digests(struct gk_db *, const struct gk_site *, const char *actor,
		    const char *now, size_t *queued, char *err, size_t errlen);

/*
 * Sends one message through SMTP (conf: url, credentials). 0 on success;
 * else -1 with the reason in err (never the password) and *permanent 1
 * for a 5xx answer.
 */
int		 gk_smtp_send(const struct gk_smtp_conf *, const char *from, const char *to,
		    const char *message, int *permanent, char *err, size_t errlen);

/* Sends every due message of the outbox; counts in *sent, *retry, *gave_up. */
enum gk_err	 gk_push_send_due(struct gk_db *, const char *actor, const char *now,
		    size_t *sent, size_t *retry, size_t *gave_up, char *err, size_t errlen);

#endif /* GK_CHANNELS_PUSH_H */
