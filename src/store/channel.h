/*
 * channel.h — what each item published on each channel, and when (issue 7,
 * schema v17: item_channel, channel_rule; docs/channels.md). OWNED BY the
 * sync-check engineer; the WeChat publisher and the notices call
 * gk_channel_record. Every record is audited in the same transaction.
 */
#ifndef GK_STORE_CHANNEL_H
#define GK_STORE_CHANNEL_H

#include <stddef.h>
#include <stdint.h>

#include "channels/channels.h"
#include "core/gk.h"

struct gk_db;

/* The states of an item on a channel (item_channel.status). */
#define GK_CH_PENDING	"pending"	/* queued, not yet out */
#define GK_CH_PUBLISHED	"published"	/* out: on the account, posted on the board */
#define GK_CH_FAILED	"failed"	/* given up, with detail */
#define GK_CH_REMOVED	"removed"	/* taken down from the board or the account */

/*
 * Records the item's state on channel c at time at (RFC 3339): status one
 * of the above; content_sha256 the hex SHA-256 of what went out
 * (gk_channel_item_hash at the time) or NULL; place the article URL, the
 * board's name or NULL; detail a message (an API error) or NULL. One row
 * per item and channel, replaced; the audit chain keeps the history.
 */
enum gk_err	 gk_channel_record(struct gk_db *, const char *actor, int64_t item_id,
		    enum gk_channel c, const char *status, const char *at,
		    const char *content_sha256, const char *place, const char *detail,
		    char *err, size_t errlen);

/* The hex SHA-256 of the item's title, "\n" and body as they are now. */
enum gk_err	 gk_channel_item_hash(struct gk_db *, int64_t item_id, char hex[65],
		    char *err, size_t errlen);

#endif /* GK_STORE_CHANNEL_H */
