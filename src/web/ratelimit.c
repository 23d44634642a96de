/*
 * ratelimit.c — per-client token buckets; see ratelimit.h.
 */
#include <string.h>

#include "core/gk.h"
#include "web/ratelimit.h"

void
gk_ratelimit_init(struct gk_ratelimit *rl, int burst, int window)
{
	memset(rl->slot, 0, sizeof(rl->slot));
	rl->burst = burst < 1 ? 1 : burst;
	rl->window = window < 1 ? 1 : window;
	pthread_mutex_init(&rl->mu, NULL);
}

void
gk_ratelimit_destroy(struct gk_ratelimit *rl)
{
	pthread_mutex_destroy(&rl->mu);
}

void
gk_ratelimit_reset(struct gk_ratelimit *rl)
{
	pthread_mutex_lock(&rl->mu);
	memset(rl->slot, 0, sizeof(rl->slot));
	pthread_mutex_unlock(&rl->mu);
}

/* FNV-1a over the key. */
static uint32_t
key_hash(const char *k)
{
	uint32_t h = 2166136261u;

	for (; *k != '\0'; k++) {
		h ^= (unsigned char)*k;
		h *= 16777619u;
	}
	return h;
}

/* The client's slot: its own, else a free one, else the stalest in the window. */
static struct gk_ratelimit_slot *
slot_for(struct gk_ratelimit *rl, const char *key, int *fresh)
{
	struct gk_ratelimit_slot	*s, *free_s = NULL, *stale = NULL;
	uint32_t			 h = key_hash(key);
	int				 i;

	for (i = 0; i < GK_RATELIMIT_PROBE; i++) {
		s = &rl->slot[(h + (uint32_t)i) & (GK_RATELIMIT_SLOTS - 1)];
		if (s->key[0] == '\0') {
			if (free_s == NULL)
				free_s = s;
			continue;
		}
		if (strcmp(s->key, key) == 0) {
			*fresh = 0;
			return s;
		}
		if (stale == NULL || s->t < stale->t)
			stale = s;
	}
	*fresh = 1;
	return free_s != NULL ? free_s : stale;
}

/*
 * Integer arithmetic, exact: a token is `window` units of credit; a second
 * earns `burst` units; a bucket holds at most burst * window.
 */
int
gk_ratelimit_take(struct gk_ratelimit *rl, const char *client, int64_t now,
    int *retry_after)
{
	struct gk_ratelimit_slot	*s;
	char				 key[GK_RATELIMIT_KEY];
	int64_t				 full = (int64_t)rl->burst * rl->window, need;
	int				 fresh, ok;

	gk_strlcpy_utf8(key, client != NULL && client[0] != '\0' ? client : "-", sizeof(key));
	pthread_mutex_lock(&rl->mu);
	s = slot_for(rl, key, &fresh);
	if (fresh) {
		memcpy(s->key, key, sizeof(key));
		s->credit = full;
		s->t = now;
	} else if (now > s->t) {
		/* capped before multiplying: a long absence cannot overflow */
		s->credit += now - s->t >= rl->window ? full : (now - s->t) * rl->burst;
		if (s->credit > full)
			s->credit = full;
		s->t = now;
	}
	ok = s->credit >= rl->window;
	if (ok)
		s->credit -= rl->window;
	else if (retry_after != NULL) {
		need = rl->window - s->credit;
		*retry_after = (int)((need + rl->burst - 1) / rl->burst);
		if (*retry_after < 1)
			*retry_after = 1;
	}
	pthread_mutex_unlock(&rl->mu);
	return ok;
}
