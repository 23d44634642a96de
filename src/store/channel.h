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

#define GK_CHANNEL_TEXT_MAX	2000	/* characters of place and of detail */

/* "待发布", "已发布", "发布失败", "已撤下"; "未知" for anything else. */
const char	*gk_channel_status_label(const char *status);
/* 1 when at is "YYYY-MM-DD" or an RFC 3339 time starting with one. */
int		 gk_channel_time_ok(const char *at);

/*
 * THE PORTAL IS DERIVED, NOT RECORDED. The portal column shows the item as
 * it is now, so its state comes from the item itself: published (at
 * item.published_at) while item.state is 'published', removed (at
 * item.withdrawn_at) once 'withdrawn'; its content is always the current
 * one. Schema v21's view item_channel_all gives every channel's rows in
 * one shape (portal rows derived, content_sha256 NULL); read it, not
 * item_channel, when you need the portal too. gk_channel_record refuses
 * GK_CH_PORTAL (GK_EINVAL).
 *
 * Records the item's state on channel c (wechat or notice) at time at
 * (YYYY-MM-DD or RFC 3339; also the audit entry's time): status one of
 * the above; content_sha256 the lower-case hex SHA-256 of what went out
 * (gk_channel_item_hash at the time), required for published, else may be
 * NULL; place the article URL, the board's name or NULL; detail a message
 * (an API error) or NULL (each ≤ GK_CHANNEL_TEXT_MAX characters, no
 * control characters). pending and published need the item published on
 * the portal (GK_ECONFLICT otherwise); failed and removed are accepted in
 * any state. actor: officer, 政务公开办 or admin of the item's agency (or
 * its parent); a non-user actor is the operator's shell (user.h). One row
 * per item and channel, replaced; the audit chain keeps the history
 * (entity "item_channel", id the item, action "record", with the row
 * before). GK_ENOTFOUND: no such item; nothing written on any error.
 */
enum gk_err	 gk_channel_record(struct gk_db *, const char *actor, int64_t item_id,
		    enum gk_channel c, const char *status, const char *at,
		    const char *content_sha256, const char *place, const char *detail,
		    char *err, size_t errlen);

/* The hex SHA-256 of the item's title, "\n" and body as they are now. */
enum gk_err	 gk_channel_item_hash(struct gk_db *, int64_t item_id, char hex[65],
		    char *err, size_t errlen);

#endif /* GK_STORE_CHANNEL_H */
