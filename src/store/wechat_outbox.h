/*
 * wechat_outbox.h — the WeChat official account of an agency and the
 * outbox of its publications (issue 7, schema v18; docs/wechat.md). The
 * publisher (channels/wechat.h) moves each outbox row one step at a time
 * and stores what a step obtained (the draft's media_id, the publish_id)
 * before it makes the next call, so a crash or a restart resumes from the
 * stored step and never submits a draft twice.
 *
 * Audited: setting the account (entity "wechat_account"; the secret never
 * in the entry, only whether it changed), queueing and every step of a row
 * (entity "wechat_outbox"). Bookkeeping without an entry: the cached access
 * token and the cover image's media_id (as api_token.last_used_at).
 */
#ifndef GK_STORE_WECHAT_OUTBOX_H
#define GK_STORE_WECHAT_OUTBOX_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

#define GK_WECHAT_URL_MAX	512
#define GK_WECHAT_ID_MAX	256	/* appid, media_id, publish_id */
#define GK_WECHAT_SECRET_MAX	256
#define GK_WECHAT_TOKEN_MAX	1024	/* the documentation: reserve 512 at least */
#define GK_WECHAT_ERROR_MAX	1024

struct gk_wechat_account {
	int64_t	 agency_id;
	char	 base_url[GK_WECHAT_URL_MAX];
	char	 appid[GK_WECHAT_ID_MAX];
	char	 secret[GK_WECHAT_SECRET_MAX];		/* never print or log */
	char	 access_token[GK_WECHAT_TOKEN_MAX];	/* "" none cached */
	int64_t	 token_expires;				/* Unix time */
	char	 thumb_media_id[GK_WECHAT_ID_MAX];	/* "" not uploaded yet */
	char	 updated_at[40];
};

/*
 * Checks (pure) a base URL (http:// or https://, a host, optional port and
 * path, no query, no control characters or spaces, at most 500 bytes), an
 * appid (1..64 letters, digits, '_' or '-') and a secret (1..128 printable
 * ASCII characters, no spaces). GK_EINVAL naming the field.
 */
enum gk_err	 gk_wechat_account_check(const char *base_url, const char *appid,
		    const char *secret, char *err, size_t errlen);

/*
 * Sets agency_id's account. secret NULL or "": keep the stored one (an
 * error when there is none). A change of appid, secret or base URL drops
 * the cached token and cover. actor: gk_user_authorize(admin or officer of
 * the agency; the CLI operator is trusted). Audit: base_url, appid,
 * secret_changed.
 */
enum gk_err	 gk_wechat_account_set(struct gk_db *, const char *actor, int64_t agency_id,
		    const char *base_url, const char *appid, const char *secret,
		    const char *now, char *err, size_t errlen);

/* The account of agency_id; GK_ENOTFOUND "机构 N 未配置微信公众号". */
enum gk_err	 gk_wechat_account_get(struct gk_db *, int64_t agency_id,
		    struct gk_wechat_account *, char *err, size_t errlen);

/* Stores the cached token (token "" clears it) or the cover's media_id. */
enum gk_err	 gk_wechat_token_save(struct gk_db *, int64_t agency_id, const char *token,
		    int64_t expires, char *err, size_t errlen);
enum gk_err	 gk_wechat_thumb_save(struct gk_db *, int64_t agency_id, const char *media_id,
		    char *err, size_t errlen);

/* The states of an outbox row. */
#define GK_WX_QUEUED	"queued"	/* nothing sent yet (or only images) */
#define GK_WX_DRAFTED	"drafted"	/* draft/add done: draft_media_id kept */
#define GK_WX_SUBMITTED	"submitted"	/* freepublish/submit done: publish_id kept */
#define GK_WX_PUBLISHED	"published"	/* final: article_url kept */
#define GK_WX_FAILED	"failed"	/* final: last_error says why */

struct gk_wechat_job {
	int64_t	 id;
	int64_t	 item_id;
	int64_t	 agency_id;
	char	 state[16];
	char	 content_sha256[65];
	char	 draft_media_id[GK_WECHAT_ID_MAX];
	char	 publish_id[GK_WECHAT_ID_MAX];
	char	 article_url[GK_WECHAT_URL_MAX * 2];
	int64_t	 attempts;		/* transient failures in a row */
	int64_t	 next_at;		/* Unix time before which the row waits */
	char	 last_error[GK_WECHAT_ERROR_MAX];
	char	 queued_by[128];
	char	 created_at[40];
	char	 updated_at[40];
	char	 title[512];		/* the item's title (lists) */
};

struct gk_wechat_jobs {
	struct gk_wechat_job	*v;
	size_t			 n;
};

/*
 * Queues item_id for publication on its agency's account: the item must be
 * published (GK_ECONFLICT otherwise), the agency must have an account
 * (GK_ENOTFOUND), and the item must have no row still in progress
 * (GK_ECONFLICT "已在发布队列中"). actor: admin or officer of the item's
 * agency (the CLI operator is trusted). next_at: when the row is due.
 */
enum gk_err	 gk_wechat_queue(struct gk_db *, const char *actor, int64_t item_id,
		    const char *now, int64_t next_at, int64_t *idp, char *err,
		    size_t errlen);

enum gk_err	 gk_wechat_job_get(struct gk_db *, int64_t id, struct gk_wechat_job *,
		    char *err, size_t errlen);

/*
 * Claims the oldest row in progress due at now (next_at <= now): in one
 * transaction it is read and its next_at moved to now + lease, so another
 * worker (two cron runs overlapping) leaves it alone while this one works
 * on it; the step's own save sets next_at again, and a row whose worker
 * died is due again when the lease ends. Bookkeeping (no audit entry).
 * GK_ENOTFOUND when none is due.
 */
enum gk_err	 gk_wechat_job_claim(struct gk_db *, int64_t now, int64_t lease,
		    struct gk_wechat_job *, char *err, size_t errlen);

/* Rows in progress: their number, and the earliest next_at (0 when none). */
enum gk_err	 gk_wechat_pending(struct gk_db *, int64_t *countp, int64_t *nextp,
		    char *err, size_t errlen);

/* The rows of an agency (0: all), newest first, at most 500. */
enum gk_err	 gk_wechat_job_list(struct gk_db *, int64_t agency_id,
		    struct gk_wechat_jobs *, char *err, size_t errlen);
void		 gk_wechat_jobs_free(struct gk_wechat_jobs *);

/*
 * Stores j's state, ids, url, attempts, next_at and last_error, with an
 * audit entry (action "wechat_" + state, or "wechat_retry" when the state
 * did not change) in the same transaction. A final row is never changed
 * again (GK_ECONFLICT).
 */
enum gk_err	 gk_wechat_job_save(struct gk_db *, const char *actor,
		    const struct gk_wechat_job *j, const char *now, char *err,
		    size_t errlen);

#endif /* GK_STORE_WECHAT_OUTBOX_H */
