/*
 * chsync.c — the sync check's rule (chsync.h).
 */
#include <string.h>

#include "core/chsync.h"

static const char *const names[CHSYNC__MAX] = { "ok", "missing", "late", "differs" };
static const char *const labels[CHSYNC__MAX] = { "一致", "缺发", "迟发", "内容不一致" };

const char *
chsync_kind_name(enum chsync_kind k)
{
	return (unsigned)k < CHSYNC__MAX ? names[k] : "?";
}

const char *
chsync_kind_label(enum chsync_kind k)
{
	return (unsigned)k < CHSYNC__MAX ? labels[k] : "?";
}

enum chsync_kind
chsync_classify(const struct chsync_in *in, int32_t today, long *days)
{
	int	 published = in->status != NULL && strcmp(in->status, "published") == 0;
	long	 d;

	if (days != NULL)
		*days = 0;
	if (in->withdrawn)
		return published ? CHSYNC_DIFFERS : CHSYNC_OK;
	if (published) {
		if (in->sha != NULL && in->current != NULL && strcmp(in->sha, in->current) != 0)
			return CHSYNC_DIFFERS;
		if (in->required && in->within >= 0 &&
		    (d = (long)in->at - in->portal - in->within) > 0) {
			if (days != NULL)
				*days = d;
			return CHSYNC_LATE;
		}
		return CHSYNC_OK;
	}
	if (!in->required)
		return CHSYNC_OK;
	d = (long)today - in->portal - (in->within >= 0 ? in->within : 0);
	if (in->within >= 0 && d <= 0)
		return CHSYNC_OK;	/* still within its days */
	if (days != NULL)
		*days = d > 0 ? d : 0;
	return CHSYNC_MISSING;
}
