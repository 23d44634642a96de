/*
 * chsync.h — the sync check's rule for one item on one channel (issue 7,
 * docs/channels.md). Pure: dates are days (core/date.h), "today" a
 * parameter. The portal is the source; wechat and notice are compared
 * with it.
 *
 *   MISSING  the channel is required for the item (its category's rule),
 *            the item is on the portal, and the channel has no published
 *            row, once within_days calendar days after the portal date
 *            have passed (no limit: at once). pending / failed / removed
 *            count as not published.
 *   LATE     published on the channel more than within_days calendar
 *            days after the portal date.
 *   DIFFERS  the content hash recorded on the channel is not the item's
 *            current hash (changed after posting); or the item was
 *            withdrawn from the portal while the channel still shows it.
 */
#ifndef GK_CORE_CHSYNC_H
#define GK_CORE_CHSYNC_H

#include <stdint.h>

enum chsync_kind {
	CHSYNC_OK = 0,
	CHSYNC_MISSING,		/* 缺发 */
	CHSYNC_LATE,		/* 迟发 */
	CHSYNC_DIFFERS,		/* 内容不一致 */
	CHSYNC__MAX
};

const char	*chsync_kind_name(enum chsync_kind);	/* "ok", "missing", "late", "differs" */
const char	*chsync_kind_label(enum chsync_kind);	/* "一致", "缺发", "迟发", "内容不一致" */

struct chsync_in {
	int32_t		 portal;	/* portal publication date */
	int		 withdrawn;	/* the item was withdrawn from the portal */
	int		 required;	/* the rule requires the channel */
	int		 within;	/* days allowed after the portal date; -1 none */
	const char	*status;	/* the channel's status, NULL: no row */
	int32_t		 at;		/* the channel row's date */
	const char	*sha;		/* the hash recorded on the channel, or NULL */
	const char	*current;	/* the item's current hash */
};

/* The finding for one item on one channel; *days (may be NULL) the days late or overdue. */
enum chsync_kind chsync_classify(const struct chsync_in *, int32_t today, long *days);

#endif
