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

/*
 * Channel rules (channel_rule): whether a category's items must also go
 * out on channel c (wechat or notice; the portal always has them), within
 * how many calendar days of the portal (-1: no limit), for items
 * published on the portal on or after since (YYYY-MM-DD; NULL or "": all).
 * category_id 0 is the agency's default; an item takes the rule of its
 * category, else of the nearest ancestor with one, else the default, else
 * nothing is required. gk_channel_rule_set adds or replaces one rule
 * (audited: entity "channel_rule", id the agency); actor: officer,
 * 政务公开办 or admin of the agency (or its parent).
 */
struct gk_channel_rule {
	int64_t		 category_id;	/* 0: the default */
	char		 category[256];	/* its path, "" for the default */
	enum gk_channel	 channel;
	int		 required;
	int		 within_days;	/* -1: no limit */
	char		 since[11];	/* "" when none */
};
enum gk_err	 gk_channel_rule_set(struct gk_db *, const char *actor, int64_t agency_id,
		    int64_t category_id, enum gk_channel c, int required, int within_days,
		    const char *since, const char *now, char *err, size_t errlen);
/* The agency's rules, default first, then by category path and channel (gk_free *vp). */
enum gk_err	 gk_channel_rule_list(struct gk_db *, int64_t agency_id,
		    struct gk_channel_rule **vp, size_t *np, char *err, size_t errlen);

/* One finding of the sync check (core/chsync.h for the kinds). */
struct gk_sync_finding {
	int64_t		 item_id, agency_id;
	char		 index_no[64];
	char		 title[256];
	char		 portal[11];	/* portal date */
	enum gk_channel	 channel;
	int		 kind;		/* enum chsync_kind */
	char		 status[16];	/* the channel's status, "" when none */
	char		 at[40];	/* the channel's time, "" when none */
	int		 within_days;
	long		 days;		/* days late (LATE) or overdue (MISSING) */
};
struct gk_sync_report {
	struct gk_sync_finding	*v;	/* by agency, portal date, item, channel */
	size_t			 n;
	size_t			 items;	/* items looked at (published or withdrawn) */
	size_t			 published[GK_CH__MAX];	/* items published on each channel now */
};
/*
 * The sync check of agency_id (0: every agency) as of today (days,
 * core/date.h): every item on the portal (published or withdrawn) against
 * each other channel. Free with gk_sync_report_free.
 */
enum gk_err	 gk_channel_sync_check(struct gk_db *, int64_t agency_id, int32_t today,
		    struct gk_sync_report *, char *err, size_t errlen);
void		 gk_sync_report_free(struct gk_sync_report *);

/*
 * Items of agency_id published on each channel with a publication date in
 * year (the portal: item.published_at; others: item_channel.at with
 * status published), for the report's {{channels.*}}.
 */
enum gk_err	 gk_channel_year_counts(struct gk_db *, int64_t agency_id, int year,
		    int64_t counts[GK_CH__MAX], char *err, size_t errlen);

#endif /* GK_STORE_CHANNEL_H */
