/*
 * fuzz_notice.c — libFuzzer target for the pure parts of the printed
 * notices (doc/notice.h): the ISO week parser, Markdown to plain
 * paragraphs and what fits a sheet. Input: byte 0 the columns (1..64 em),
 * byte 1 the lines (0..63), the rest (cut at the first NUL) the text, also
 * tried as a week name. What must hold: no crash, leak or over-read; an
 * accepted week is Monday to Sunday and its name formats back the same;
 * the plain text is no longer than the input, valid UTF-8 when the input
 * is, has no "**", no empty paragraph and no paragraph break at either
 * end; the fit is within the text, at a character's start for valid
 * UTF-8, and never shrinks when a line is added.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_web_common.h"
#include "core/date.h"
#include "core/gk.h"
#include "doc/notice.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char		*in, *pl, w[16];
	int32_t		 mon, sun;
	double		 cols;
	int		 lines, valid;
	size_t		 n, a, b;

	if (size < 2)
		return 0;
	cols = 1 + data[0] % 64;
	lines = data[1] % 64;
	if ((in = fz_text(data, size, 2)) == NULL)
		return 0;
	n = strlen(in);
	valid = gk_utf8_check(in, n) == n;
	if (gk_notice_week_parse(in, &mon, &sun) == GK_OK) {
		if (sun != mon + 6 || gk_date_weekday(mon) != 1)
			abort();
		gk_notice_week_of(mon, w, sizeof(w));
		if (strcmp(w, in) != 0)
			abort();
	}
	if ((pl = gk_notice_plain(in)) != NULL) {
		size_t k = strlen(pl);

		if (k > n || strstr(pl, "**") != NULL || strstr(pl, "\n\n") != NULL ||
		    (k > 0 && (pl[0] == '\n' || pl[k - 1] == '\n')))
			abort();
		if (valid && gk_utf8_check(pl, k) != k)
			abort();
		gk_free(pl);
	}
	a = gk_notice_fit(in, cols, 2, lines);
	b = gk_notice_fit(in, cols, 2, lines + 1);
	if (a > n || b > n || a > b)
		abort();
	if (valid && a < n && ((unsigned char)in[a] & 0xC0) == 0x80)
		abort();
	free(in);
	return 0;
}
