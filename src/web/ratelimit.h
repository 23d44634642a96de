/*
 * ratelimit.h — per-client token buckets in memory, for the public forms'
 * abuse limits (forms.c): a client (the remote address) holds at most
 * `burst` tokens and gets one back every `window / burst` seconds; each
 * submission takes one, and with none left it is refused with the seconds
 * until the next one (the 429 page's "请 N 分钟后再试").
 *
 * Thread-safe (one mutex: the work under it is a probe of a few slots).
 * Memory is fixed: GK_RATELIMIT_SLOTS clients are tracked in an
 * open-addressed table; when the probe window is full, the slot touched
 * longest ago is reused (a client forgotten that way gets a full bucket —
 * the table is sized so that only a flood of distinct addresses does it).
 * Time is a parameter (seconds), so tests are deterministic.
 */
#ifndef GK_WEB_RATELIMIT_H
#define GK_WEB_RATELIMIT_H

#include <pthread.h>
#include <stddef.h>
#include <stdint.h>

#define GK_RATELIMIT_SLOTS	4096	/* clients tracked at once (power of two) */
#define GK_RATELIMIT_PROBE	16	/* slots looked at per client */
#define GK_RATELIMIT_KEY	64	/* bytes of a client key (an IPv6 address is at most 45) */

struct gk_ratelimit_slot {
	char	 key[GK_RATELIMIT_KEY];	/* "" when free */
	int64_t	 credit;		/* units: a token is `window` of them */
	int64_t	 t;			/* seconds of the last update */
};

struct gk_ratelimit {
	pthread_mutex_t			 mu;
	int				 burst;		/* tokens a client may hold */
	int				 window;	/* seconds to earn burst tokens back */
	struct gk_ratelimit_slot	 slot[GK_RATELIMIT_SLOTS];
};

/* Sets up rl (empty: every client has a full bucket). burst >= 1, window >= 1. */
void	 gk_ratelimit_init(struct gk_ratelimit *rl, int burst, int window);
void	 gk_ratelimit_destroy(struct gk_ratelimit *rl);

/*
 * Takes a token for client at time now (seconds). 1: allowed; 0: refused,
 * and *retry_after (may be NULL) gets the whole seconds until a token is
 * back (at least 1). A client key longer than GK_RATELIMIT_KEY - 1 bytes
 * is cut; NULL or "" counts as one client "-".
 */
int	 gk_ratelimit_take(struct gk_ratelimit *rl, const char *client, int64_t now,
	    int *retry_after);

/* Forgets every client (tests). */
void	 gk_ratelimit_reset(struct gk_ratelimit *rl);

#endif /* GK_WEB_RATELIMIT_H */
