/*
 * fuzz_apply.c — libFuzzer target for the application clock (core/apply.h):
 * the bytes are a random event sequence (4 bytes an event: kind, date step,
 * deadline / extension, outcome / amount) replayed with apply_replay() on
 * the 2025–2026 holiday calendar, every prefix too. What must hold: no
 * crash, hang or undefined behaviour; every error has a message; a refused
 * event leaves the state exactly as the replay of the events before it; a
 * refusal stays a refusal at the same event when more events follow;
 * closed stays closed (any later event is refused as APPLY_R_CLOSED); a
 * due date is never before the start of the clock; an open application
 * past due is late and has no days left.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/apply.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXEV	32

/* data/cn-holidays.tsv, 2025 and 2026 (a fuzz target reads no files). */
static const char holidays[] =
	"2025-01-01\toff\t元旦\n"
	"2025-01-26\twork\t春节\n"
	"2025-01-28\toff\t春节\n"
	"2025-01-29\toff\t春节\n"
	"2025-01-30\toff\t春节\n"
	"2025-01-31\toff\t春节\n"
	"2025-02-01\toff\t春节\n"
	"2025-02-02\toff\t春节\n"
	"2025-02-03\toff\t春节\n"
	"2025-02-04\toff\t春节\n"
	"2025-02-08\twork\t春节\n"
	"2025-04-04\toff\t清明节\n"
	"2025-04-05\toff\t清明节\n"
	"2025-04-06\toff\t清明节\n"
	"2025-04-27\twork\t劳动节\n"
	"2025-05-01\toff\t劳动节\n"
	"2025-05-02\toff\t劳动节\n"
	"2025-05-03\toff\t劳动节\n"
	"2025-05-04\toff\t劳动节\n"
	"2025-05-05\toff\t劳动节\n"
	"2025-05-31\toff\t端午节\n"
	"2025-06-01\toff\t端午节\n"
	"2025-06-02\toff\t端午节\n"
	"2025-09-28\twork\t国庆节、中秋节\n"
	"2025-10-01\toff\t国庆节、中秋节\n"
	"2025-10-02\toff\t国庆节、中秋节\n"
	"2025-10-03\toff\t国庆节、中秋节\n"
	"2025-10-04\toff\t国庆节、中秋节\n"
	"2025-10-05\toff\t国庆节、中秋节\n"
	"2025-10-06\toff\t国庆节、中秋节\n"
	"2025-10-07\toff\t国庆节、中秋节\n"
	"2025-10-08\toff\t国庆节、中秋节\n"
	"2025-10-11\twork\t国庆节、中秋节\n"
	"2026-01-01\toff\t元旦\n"
	"2026-01-02\toff\t元旦\n"
	"2026-01-03\toff\t元旦\n"
	"2026-01-04\twork\t元旦\n"
	"2026-02-14\twork\t春节\n"
	"2026-02-15\toff\t春节\n"
	"2026-02-16\toff\t春节\n"
	"2026-02-17\toff\t春节\n"
	"2026-02-18\toff\t春节\n"
	"2026-02-19\toff\t春节\n"
	"2026-02-20\toff\t春节\n"
	"2026-02-21\toff\t春节\n"
	"2026-02-22\toff\t春节\n"
	"2026-02-23\toff\t春节\n"
	"2026-02-28\twork\t春节\n"
	"2026-04-04\toff\t清明节\n"
	"2026-04-05\toff\t清明节\n"
	"2026-04-06\toff\t清明节\n"
	"2026-05-01\toff\t劳动节\n"
	"2026-05-02\toff\t劳动节\n"
	"2026-05-03\toff\t劳动节\n"
	"2026-05-04\toff\t劳动节\n"
	"2026-05-05\toff\t劳动节\n"
	"2026-05-09\twork\t劳动节\n"
	"2026-06-19\toff\t端午节\n"
	"2026-06-20\toff\t端午节\n"
	"2026-06-21\toff\t端午节\n"
	"2026-09-20\twork\t国庆节\n"
	"2026-09-25\toff\t中秋节\n"
	"2026-09-26\toff\t中秋节\n"
	"2026-09-27\toff\t中秋节\n"
	"2026-10-01\toff\t国庆节\n"
	"2026-10-02\toff\t国庆节\n"
	"2026-10-03\toff\t国庆节\n"
	"2026-10-04\toff\t国庆节\n"
	"2026-10-05\toff\t国庆节\n"
	"2026-10-06\toff\t国庆节\n"
	"2026-10-07\toff\t国庆节\n"
	"2026-10-10\twork\t国庆节\n"
	;

static struct calendar cal;
static int loaded;

static enum gk_err
replay(const struct apply_rules *r, const struct apply_event *ev, size_t n, int32_t today,
    struct apply_status *st, enum apply_refusal *why, size_t *at, char *err, size_t errlen)
{
	memset(st, 0xa5, sizeof(*st));
	return apply_replay(&cal, r, ev, n, today, st, why, at, err, errlen);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct apply_event ev[MAXEV];
	struct apply_status st, pre;
	struct apply_rules r;
	enum apply_refusal why, why2;
	char err[512], err2[512];
	int32_t base, date, today;
	size_t n, k, at, at2;
	enum gk_err e, e2;
	int prev_closed = 0, prev_refused = 0;
	size_t prev_at = 0;

	if (!loaded) {
		if (calendar_load(holidays, sizeof(holidays) - 1, &cal, err, sizeof(err)) != GK_OK)
			__builtin_trap();
		loaded = 1;
	}
	if (size < 2)
		return 0;
	apply_rules_default(&r);
	r.fee_pauses_clock = data[0] & 1;
	if (gk_date_from_ymd(2025, 1, 1, &base) != GK_OK)
		__builtin_trap();
	base += (data[0] >> 1) * 3;		/* 2025-01-01 .. about 2026-01 */
	today = base + data[1] * 2;		/* up to about 17 months later */
	data += 2;
	size -= 2;
	date = base;
	for (n = 0; n < MAXEV && size >= 4; n++, data += 4, size -= 4) {
		memset(&ev[n], 0, sizeof(ev[n]));
		ev[n].kind = (enum apply_ev)(data[0] % (APPLY_EV__MAX + 1));
		if (n == 0 && (data[0] & 0x80) == 0)
			ev[n].kind = APPLY_EV_RECEIVED;
		/* Mostly forward, sometimes back, rarely no date at all. */
		if (data[1] == 255)
			ev[n].date = GK_DATE_NONE;
		else {
			date += data[1] >= 240 ? -(int32_t)(data[1] - 239) : data[1] % 12;
			ev[n].date = date;
		}
		ev[n].until = data[2] == 0 ? GK_DATE_NONE : date + (data[2] % 40) - 2;
		ev[n].days = (int8_t)data[2] % 25;
		ev[n].outcome = (enum apply_outcome)(data[3] % (APPLY_OUT__MAX + 1));
		ev[n].amount = (int64_t)data[3] - 8;
	}
	for (k = 0; k <= n; k++) {
		err[0] = '\0';
		e = replay(&r, ev, k, today, &st, &why, &at, err, sizeof(err));
		if (e != GK_OK && err[0] == '\0')
			__builtin_trap();
		if (e != GK_OK && e != GK_EINVAL && e != GK_ENOTFOUND)
			__builtin_trap();
		if (e == GK_OK && (why != APPLY_R_OK || (unsigned)st.phase >= APPLY_PH__MAX))
			__builtin_trap();
		/* A refusal stays at the same event. */
		if (prev_refused && (e == GK_OK || at != prev_at))
			__builtin_trap();
		/* Closed stays closed. */
		if (prev_closed && !(e != GK_OK && at == k - 1 && why == APPLY_R_CLOSED) &&
		    !(prev_refused))
			__builtin_trap();
		if (st.due != GK_DATE_NONE && st.start != GK_DATE_NONE && st.due < st.start)
			__builtin_trap();
		if (st.phase != APPLY_PH_CLOSED && st.phase != APPLY_PH_NONE && e == GK_OK &&
		    st.due != GK_DATE_NONE && today > st.due && (!st.late || st.days_left > 0))
			__builtin_trap();
		if (st.npauses > APPLY_PAUSES_MAX)
			__builtin_trap();
		/* A refused event leaves the state as before it. */
		if (e == GK_EINVAL && at < k) {
			e2 = replay(&r, ev, at, today, &pre, &why2, &at2, err2, sizeof(err2));
			if (e2 == GK_OK && memcmp(&pre, &st, sizeof(st)) != 0)
				__builtin_trap();
		}
		if (e == GK_OK || e == GK_ENOTFOUND) {
			prev_refused = 0;
			if (e == GK_ENOTFOUND && at < k) {
				prev_refused = 1;
				prev_at = at;
			}
		} else if (at < k) {
			prev_refused = 1;
			prev_at = at;
		}
		prev_closed = e == GK_OK && st.phase == APPLY_PH_CLOSED;
	}
	return 0;
}
