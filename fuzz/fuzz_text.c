/*
 * fuzz_text.c — libFuzzer target for the plain-text report reader: read the
 * bytes as text (line splitting, the layout variants, the recogniser),
 * check the report that comes out, then render it as text and read that
 * back, and release everything.
 *
 * The second read is a property, not only a crash search: a report the
 * reader accepted must render and re-read without error. Optionally
 * (strict, log) the re-read report must also equal the first. What
 * happens when the property fails depends on GK_FUZZ_ROUNDTRIP:
 *   unset or "trap"  render or re-read errors abort, so libFuzzer saves the
 *                    input as crash-*, and so does a difference between the
 *                    two reads (gk_report_equal) when every cell of the
 *                    first was readable (an unreadable cell carries the
 *                    recogniser's note, such as 缺少此行, as its text, and
 *                    the note may change when that text is read again);
 *   "strict"         as trap, and any difference between the reads aborts;
 *   "log"            all three kinds are looked for and fuzzing goes on: the
 *                    first input of each distinct failure (what failed + the
 *                    error message, at most 32) is written to
 *                    roundtrip-<hash> in the working directory and named on
 *                    stderr, and the count per kind is printed at exit;
 *   "off"            no second read.
 * GK_FUZZ_ROUNDTRIP_ONLY=render|reread|differs limits the property to one
 * kind of failure (the others pass silently), so that -minimize_crash=1
 * keeps minimising towards the kind it started from.
 * "log" exists because a known round-trip failure would otherwise stop every
 * run at once and hide the memory errors the fuzzer is also looking for.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_check.h"
#include "report/report_io.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* Whether no template cell of r is UNREADABLE. */
static int
fuzz_all_readable(const struct gk_report *r)
{
	int i, j;

	for (i = 0; i < GK_S2__MAX; i++)
		if (r->s2[i].state == GK_CELL_UNREADABLE)
			return 0;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			if (r->s3[i][j].state == GK_CELL_UNREADABLE)
				return 0;
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			if (r->s4[i][j].state == GK_CELL_UNREADABLE)
				return 0;
	return 1;
}

enum { RT_TRAP, RT_STRICT, RT_LOG, RT_OFF, RT_UNSET };

#define FUZZ_MAX_KINDS	32

static int	fuzz_mode = RT_UNSET;
static char	fuzz_kind[FUZZ_MAX_KINDS][320];	/* distinct failures seen */
static unsigned long fuzz_count[FUZZ_MAX_KINDS];
static int	fuzz_nkinds;
static unsigned long fuzz_other;	/* failures past FUZZ_MAX_KINDS kinds */
static const char *fuzz_only;		/* GK_FUZZ_ROUNDTRIP_ONLY */

static void
fuzz_summary(void)
{
	int i;

	if (fuzz_nkinds == 0)
		return;
	fprintf(stderr, "fuzz_text: round-trip failures by kind:\n");
	for (i = 0; i < fuzz_nkinds; i++)
		fprintf(stderr, "  %8lu  %s\n", fuzz_count[i], fuzz_kind[i]);
	if (fuzz_other)
		fprintf(stderr, "  %8lu  (other kinds)\n", fuzz_other);
}

static int
fuzz_rt_mode(void)
{
	const char *s;

	if (fuzz_mode == RT_UNSET) {
		s = getenv("GK_FUZZ_ROUNDTRIP");
		if (s != NULL && strcmp(s, "log") == 0) {
			fuzz_mode = RT_LOG;
			atexit(fuzz_summary);
		} else if (s != NULL && strcmp(s, "strict") == 0)
			fuzz_mode = RT_STRICT;
		else if (s != NULL && strcmp(s, "off") == 0)
			fuzz_mode = RT_OFF;
		else
			fuzz_mode = RT_TRAP;
		fuzz_only = getenv("GK_FUZZ_ROUNDTRIP_ONLY");
	}
	return fuzz_mode;
}

/* Reports a round-trip failure of the input (data, size) as the mode says. */
static void
fuzz_rt_fail(const uint8_t *data, size_t size, const char *kind, const char *what,
    const char *err)
{
	uint64_t	 h = 0xcbf29ce484222325ULL;
	char		 key[320], name[64];
	FILE		*fp;
	size_t		 i;
	int		 k;

	if (fuzz_only != NULL && strcmp(fuzz_only, kind) != 0)
		return;
	for (i = 0; i < size; i++) {
		h ^= data[i];
		h *= 0x100000001b3ULL;
	}
	if (fuzz_rt_mode() != RT_LOG) {
		fprintf(stderr, "fuzz_text: round trip: %s (input %zu bytes): %s\n",
		    what, size, err);
		abort();
	}
	snprintf(key, sizeof(key), "%s: %s", what, err);
	for (k = 0; k < fuzz_nkinds; k++)
		if (strcmp(fuzz_kind[k], key) == 0) {
			fuzz_count[k]++;
			return;
		}
	if (fuzz_nkinds == FUZZ_MAX_KINDS) {
		fuzz_other++;
		return;
	}
	snprintf(fuzz_kind[fuzz_nkinds], sizeof(fuzz_kind[0]), "%s", key);
	fuzz_count[fuzz_nkinds++] = 1;
	snprintf(name, sizeof(name), "roundtrip-%016llx", (unsigned long long)h);
	fprintf(stderr, "fuzz_text: new round-trip failure, input saved as %s (%zu bytes): %s\n",
	    name, size, key);
	if ((fp = fopen(name, "wb")) != NULL) {
		if (size)
			fwrite(data, 1, size, fp);
		fclose(fp);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_report	 r, r2;
	struct gk_findings	 f;
	struct gk_buf		 b;
	char			 err[256], err2[256];
	enum gk_err		 e;

	if (gk_report_read(data, size, GK_FMT_TEXT, &r, err, sizeof(err)) != GK_OK) {
		if (err[0] == '\0')
			__builtin_trap();	/* every failure must say why */
		gk_report_clear(&r);
		return 0;
	}
	gk_findings_init(&f);
	gk_report_check(&r, &f);
	gk_findings_clear(&f);

	if (fuzz_rt_mode() != RT_OFF) {
		gk_buf_init(&b, 0);
		e = gk_render_text(&r, &b);
		if (e == GK_OK)
			e = b.err;
		if (e != GK_OK)
			fuzz_rt_fail(data, size, "render", "gk_render_text failed", gk_strerror(e));
		else if ((e = gk_report_read(b.data, b.len, GK_FMT_TEXT, &r2, err2,
		    sizeof(err2))) != GK_OK)
			fuzz_rt_fail(data, size, "reread", "rendered text not read back", err2);
		else if ((fuzz_rt_mode() != RT_TRAP || fuzz_all_readable(&r)) &&
		    !gk_report_equal(&r, &r2))
			fuzz_rt_fail(data, size, "differs", "read back differs", "gk_report_equal");
		if (e == GK_OK)
			gk_report_clear(&r2);
		gk_buf_clear(&b);
	}
	gk_report_clear(&r);
	return 0;
}
