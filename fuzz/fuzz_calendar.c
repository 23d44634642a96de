/*
 * fuzz_calendar.c — libFuzzer target for the calendar reader: any bytes
 * must be parsed or refused with a message naming a line, never crash,
 * hang or leak. An accepted calendar answers a few working-day queries
 * consistently (add then between gives N back; the result is a working
 * day), and its TSV rendering reads back to the same entries and renders
 * to the same bytes again.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/calendar.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
queries(const struct calendar *cal)
{
	char err[512];
	int32_t start, out;
	long n;
	int k, w;
	size_t i;

	/* Start from a few entries' dates and the day before each. */
	for (i = 0; i < cal->n && i < 8; i++) {
		start = cal->v[i * (cal->n - 1) / 8].date - (int32_t)(i & 1);
		for (k = 0; k <= 20; k += 7) {
			if (calendar_add_workdays(cal, start, k, &out, err, sizeof(err)) != GK_OK) {
				if (err[0] == '\0')
					abort();
				continue;
			}
			if (calendar_workdays_between(cal, start, out, &n, err, sizeof(err)) != GK_OK ||
			    n != k)
				abort();
			if (calendar_workdays_between(cal, out, start, &n, err, sizeof(err)) != GK_OK ||
			    n != -k)
				abort();
			if (k > 0 && (calendar_is_workday(cal, out, &w, err, sizeof(err)) != GK_OK ||
			    !w))
				abort();
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct calendar	 cal, again;
	struct gk_buf	 b, b2;
	char		 err[2048];
	size_t		 i;

	if (calendar_load((const char *)data, size, &cal, err, sizeof(err)) != GK_OK) {
		if (err[0] == '\0')
			abort();	/* every refusal says why */
		return 0;
	}
	queries(&cal);

	gk_buf_init(&b, 0);
	gk_buf_init(&b2, 0);
	if (calendar_format(&cal, &b) != GK_OK ||
	    calendar_load(b.data ? b.data : "", b.len, &again, err, sizeof(err)) != GK_OK)
		abort();
	if (again.n != cal.n)
		abort();
	for (i = 0; i < cal.n; i++)
		if (again.v[i].date != cal.v[i].date || again.v[i].kind != cal.v[i].kind ||
		    strcmp(again.v[i].name, cal.v[i].name) != 0)
			abort();
	if (calendar_format(&again, &b2) != GK_OK || b2.len != b.len ||
	    (b.len && memcmp(b.data, b2.data, b.len) != 0))
		abort();
	/* An edit keeps the calendar loadable. */
	if (cal.n > 0 && calendar_set(&again, cal.v[0].date, CALENDAR_OFF, "节", err,
	    sizeof(err)) != GK_OK)
		abort();
	calendar_clear(&again);
	gk_buf_clear(&b);
	gk_buf_clear(&b2);
	calendar_clear(&cal);
	return 0;
}
