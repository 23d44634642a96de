/*
 * wechat.h — the WeChat official-account publisher (issue 7, 政务新媒体;
 * docs/wechat.md): a client of the official-account API over libcurl and
 * the worker that moves the outbox (store/wechat_outbox.h).
 *
 * The API base URL, appid and secret are the agency's account settings
 * (gongkai wechat config); the secret is sent only to cgi-bin/token and
 * never printed, logged or put in an error message. The access token is
 * cached in the database with its expiry; it is fetched again when it
 * expires and when a call answers 40001, 42001 or 40014, and that call is
 * made once more with the new token.
 *
 * One step of a row, by its stored state:
 *   queued     cover (add_material, once per account), the body converted
 *              (wechat_html.h) with the item's image attachments uploaded
 *              (media/uploadimg), draft/add → drafted (draft_media_id kept)
 *   drafted    freepublish/submit → submitted (publish_id kept)
 *   submitted  freepublish/get: 0 → published (article_url kept), 1 → poll
 *              again later, 2–6 → failed
 * Transient errors (network, HTTP 5xx, -1, 45009, 45011) put the row back
 * with exponential backoff; after GK_WECHAT_TRIES of them, or at once for
 * any other error, the row fails with a message for the officer. Both
 * final states are recorded with gk_channel_record ('wechat').
 */
#ifndef GK_CHANNELS_WECHAT_H
#define GK_CHANNELS_WECHAT_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;
struct gk_wechat_job;

#define GK_WECHAT_TRIES		8	/* transient failures before giving up */
#define GK_WECHAT_BACKOFF	30	/* seconds before the first retry; doubles */
#define GK_WECHAT_BACKOFF_MAX	3600
#define GK_WECHAT_POLL		10	/* seconds between freepublish/get polls; doubles */
#define GK_WECHAT_POLL_MAX	300
#define GK_WECHAT_POLLS		60	/* polls before a publication counts as lost */
#define GK_WECHAT_LEASE		900	/* seconds a worker holds a claimed row */

/* Seconds to wait after the n-th (1-based) transient failure (pure). */
int64_t		 gk_wechat_backoff(int64_t n);

/*
 * One step of row j (re-read from the database first, so a stale copy is
 * harmless) at now (Unix time; now_iso the same as RFC 3339 for the
 * audit). The outcome is stored (and *j updated); GK_OK whenever the row
 * was handled, whatever the API said; an error only when the database
 * refused (the row is left as it was, for the next run).
 */
enum gk_err	 gk_wechat_step(struct gk_db *, const char *actor, struct gk_wechat_job *j,
		    int64_t now, const char *now_iso, char *err, size_t errlen);

/*
 * Steps every row due at now until none is (each row goes as far as it
 * can: a poll or a retry puts it in the future). Each step first claims
 * its row (gk_wechat_job_claim, GK_WECHAT_LEASE), so overlapping workers
 * never work on the same row at once. *stepsp (may be NULL) the
 * number of steps taken.
 */
enum gk_err	 gk_wechat_run_due(struct gk_db *, const char *actor, int64_t now,
		    const char *now_iso, int *stepsp, char *err, size_t errlen);

#endif /* GK_CHANNELS_WECHAT_H */
