/*
 * test_ratelimit.c — the forms' per-client token buckets (web/ratelimit.c):
 * the burst, the refill to the second with Retry-After computed by hand,
 * clients kept apart, a long absence capped at a full bucket, odd keys,
 * the fixed table under a flood of addresses, and exact counts when eight
 * threads draw from one bucket at once.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "web/ratelimit.h"

static struct gk_ratelimit rl;

static void
test_burst_and_refill(void **state)
{
	int i, ra = 0;

	(void)state;
	gk_ratelimit_init(&rl, 5, 600);		/* 5 per 10 minutes: one back every 120 s */
	for (i = 0; i < 5; i++)
		assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 1000, &ra), 1);
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 1000, &ra), 0);
	assert_int_equal(ra, 120);
	/* 119 s later 119/120 of a token: still refused, one second to go */
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 1119, &ra), 0);
	assert_int_equal(ra, 1);
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 1120, &ra), 1);
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 1120, &ra), 0);
	assert_int_equal(ra, 120);
	/* another address is untouched */
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.2", 1120, &ra), 1);
	/* a day away: a full bucket, not more */
	for (i = 0; i < 5; i++)
		assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 1120 + 86400, NULL), 1);
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 1120 + 86400, NULL), 0);
	/* a clock that goes back does not add tokens */
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 0, &ra), 0);
	/* far future: no overflow */
	assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", INT64_MAX / 2, &ra), 1);
	gk_ratelimit_reset(&rl);
	for (i = 0; i < 5; i++)
		assert_int_equal(gk_ratelimit_take(&rl, "192.0.2.1", 0, NULL), 1);
	gk_ratelimit_destroy(&rl);
}

static void
test_keys(void **state)
{
	char	 a[200], b[200];
	int	 i, ra;

	(void)state;
	gk_ratelimit_init(&rl, 2, 60);
	/* NULL and "" are the same client "-" */
	assert_int_equal(gk_ratelimit_take(&rl, NULL, 0, NULL), 1);
	assert_int_equal(gk_ratelimit_take(&rl, "", 0, NULL), 1);
	assert_int_equal(gk_ratelimit_take(&rl, "-", 0, &ra), 0);
	assert_int_equal(ra, 30);
	/* keys longer than the slot are cut: the same first 63 bytes, the same client */
	memset(a, 'x', sizeof(a));
	a[199] = '\0';
	memcpy(b, a, sizeof(b));
	b[150] = 'y';
	assert_int_equal(gk_ratelimit_take(&rl, a, 0, NULL), 1);
	assert_int_equal(gk_ratelimit_take(&rl, b, 0, NULL), 1);
	assert_int_equal(gk_ratelimit_take(&rl, a, 0, NULL), 0);
	/* bad settings are raised to 1 */
	gk_ratelimit_destroy(&rl);
	gk_ratelimit_init(&rl, 0, -5);
	assert_int_equal(rl.burst, 1);
	assert_int_equal(rl.window, 1);
	assert_int_equal(gk_ratelimit_take(&rl, "x", 0, NULL), 1);
	assert_int_equal(gk_ratelimit_take(&rl, "x", 0, &ra), 0);
	assert_int_equal(ra, 1);
	assert_int_equal(gk_ratelimit_take(&rl, "x", 1, NULL), 1);
	for (i = 0; i < 3; i++)
		(void)gk_ratelimit_take(&rl, "x", 1, NULL);
	gk_ratelimit_destroy(&rl);
}

static void
test_flood(void **state)
{
	char	 k[32];
	int	 i, refused = 0;

	(void)state;
	gk_ratelimit_init(&rl, 1, 600);
	assert_int_equal(gk_ratelimit_take(&rl, "203.0.113.9", 0, NULL), 1);
	/* four times the table's size in distinct addresses, each once: all allowed */
	for (i = 0; i < 4 * GK_RATELIMIT_SLOTS; i++) {
		snprintf(k, sizeof(k), "10.%d.%d.%d", i >> 16, (i >> 8) & 255, i & 255);
		if (!gk_ratelimit_take(&rl, k, 1 + i / 1000, NULL))
			refused++;
	}
	assert_int_equal(refused, 0);
	/* an address seen just now is still remembered */
	assert_int_equal(gk_ratelimit_take(&rl, k, 1 + (i - 1) / 1000, NULL), 0);
	gk_ratelimit_destroy(&rl);
}

#define THREADS	8
#define TRIES	1000

static void *
drawer(void *arg)
{
	int *won = arg, i;

	for (i = 0; i < TRIES; i++)
		*won += gk_ratelimit_take(&rl, "198.51.100.7", 42, NULL);
	return NULL;
}

static void
test_threads(void **state)
{
	pthread_t	 th[THREADS];
	int		 won[THREADS], i, total = 0;

	(void)state;
	gk_ratelimit_init(&rl, 100, 3600);
	for (i = 0; i < THREADS; i++) {
		won[i] = 0;
		assert_int_equal(pthread_create(&th[i], NULL, drawer, &won[i]), 0);
	}
	for (i = 0; i < THREADS; i++) {
		assert_int_equal(pthread_join(th[i], NULL), 0);
		total += won[i];
	}
	/* 8,000 tries at the same second: exactly the 100 tokens of the bucket */
	assert_int_equal(total, 100);
	gk_ratelimit_destroy(&rl);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_burst_and_refill),
	cmocka_unit_test(test_keys),
	cmocka_unit_test(test_flood),
	cmocka_unit_test(test_threads),
};

GK_TEST_MAIN("ratelimit", tests)
