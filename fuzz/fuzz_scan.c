/*
 * fuzz_scan.c — libFuzzer target for the confidentiality and
 * personal-information gate (core/scan.c): scans the bytes as text and
 * checks what must hold for every input, not only that nothing crashes:
 * findings are sorted, never overlap and lie inside the input; lines and
 * columns agree with the text; masked values and excerpts are valid,
 * NUL-terminated UTF-8 without control characters; a masked personal value
 * never shows more than 8 of its digits; the count respects
 * SCAN_MAX_FINDINGS. A broken property aborts, so libFuzzer keeps the input.
 *
 *     make build/fuzz/fuzz_scan
 *     cp -r tests/fixtures/scan fuzz/corpus-scan
 *     ./build/fuzz/fuzz_scan -max_total_time=180 fuzz/corpus-scan
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
fuzz_fail(const char *what, size_t i)
{
	fprintf(stderr, "fuzz_scan: finding %zu: %s\n", i, what);
	abort();
}

/* Whether s (NUL-terminated, within max bytes) is valid UTF-8 without controls. */
static int
fuzz_clean_utf8(const char *str, size_t max)
{
	const unsigned char	*s = (const unsigned char *)str;
	size_t			 i = 0, n, k;

	while (i < max && s[i] != '\0') {
		if (s[i] < 0x20 || s[i] == 0x7f)
			return 0;
		if (s[i] < 0x80) {
			i++;
			continue;
		}
		if (s[i] >= 0xC2 && s[i] <= 0xDF)
			n = 1;
		else if (s[i] >= 0xE0 && s[i] <= 0xEF)
			n = 2;
		else if (s[i] >= 0xF0 && s[i] <= 0xF4)
			n = 3;
		else
			return 0;
		for (k = 1; k <= n; k++)
			if (i + k >= max || (s[i + k] & 0xC0) != 0x80)
				return 0;
		i += n + 1;
	}
	return i < max;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct scan_findings	 fs;
	const char		*t = (const char *)data;
	size_t			 i, j, line = 1, pos = 0, digits;

	scan_findings_init(&fs);
	if (scan_text(t, size, &fs) != GK_OK) {
		if (fs.n != 0)
			fuzz_fail("error but findings kept", 0);
		return 0;
	}
	if (fs.n > SCAN_MAX_FINDINGS || (fs.truncated && fs.n != SCAN_MAX_FINDINGS))
		fuzz_fail("finding count", fs.n);
	for (i = 0; i < fs.n; i++) {
		const struct scan_finding *f = &fs.v[i];

		if ((unsigned)f->kind >= SCAN_KIND__MAX || f->len == 0 || f->offset + f->len > size)
			fuzz_fail("kind or span", i);
		if (i > 0 && f->offset < fs.v[i - 1].offset + fs.v[i - 1].len)
			fuzz_fail("overlaps the previous finding", i);
		for (; pos < f->offset; pos++)
			line += data[pos] == '\n';
		if (f->line != line || f->col == 0)
			fuzz_fail("line or column", i);
		if (memchr(t + f->offset, '\n', f->len) != NULL)
			fuzz_fail("spans a line break", i);
		if (!fuzz_clean_utf8(f->masked, sizeof(f->masked)) ||
		    !fuzz_clean_utf8(f->excerpt, sizeof(f->excerpt)))
			fuzz_fail("masked value or excerpt not clean UTF-8", i);
		if (strstr(f->excerpt, f->masked) == NULL)
			fuzz_fail("excerpt lacks the masked value", i);
		if (f->kind != SCAN_MARK && f->kind != SCAN_EMAIL) {
			for (j = 0, digits = 0; f->masked[j]; j++)
				digits += f->masked[j] >= '0' && f->masked[j] <= '9';
			if (digits > 8 || strchr(f->masked, '*') == NULL)
				fuzz_fail("masked value shows too much", i);
		}
	}
	scan_findings_clear(&fs);
	return 0;
}
