/*
 * fuzz_mask.c — libFuzzer target for the personal-data masks (core/mask.h)
 * and the tracking-code reader (gk_apply_code_normalize, store/application.h):
 * any bytes (cut at the first NUL), masked as every kind into a buffer
 * whose size comes from the first byte. What must hold: no crash, over-read
 * or leak; the output is NUL-terminated valid UTF-8, its length is what
 * gk_mask returned, it fits the buffer, it is never longer than the input
 * plus GK_MASK_EXTRA, and with a large enough buffer gk_mask_dup gives the
 * same bytes; a phone or ID number never shows more digits than the rules
 * allow (9 for a phone, 10 for an ID number); a code the reader
 * accepts is 12 characters of the Crockford alphabet and reads back the same.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/gk.h"
#include "core/mask.h"
#include "store/application.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static size_t
digits(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		n += *s >= '0' && *s <= '9';
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	*in, out[4096], code[GK_APPLY_CODE_LEN + 1], again[GK_APPLY_CODE_LEN + 1];
	char	*dup;
	size_t	 n, len, cap, i;
	int	 k;

	if (size == 0 || size > 2048)
		return 0;
	cap = (size_t)data[0] * 4 % sizeof(out);
	if ((in = malloc(size)) == NULL)
		return 0;
	memcpy(in, data + 1, size - 1);
	in[size - 1] = '\0';
	len = strlen(in);
	for (k = 0; k < GK_MASK__MAX; k++) {
		memset(out, 'x', sizeof(out));
		n = gk_mask((enum gk_mask_kind)k, in, out, cap);
		if (cap > 0 && (n >= cap || out[n] != '\0' || strlen(out) != n))
			__builtin_trap();
		if (cap == 0 && (n != 0 || out[0] != 'x'))
			__builtin_trap();
		if (n > len + GK_MASK_EXTRA || gk_utf8_check(out, n) != n)
			__builtin_trap();
		if ((dup = gk_mask_dup((enum gk_mask_kind)k, in)) == NULL)
			__builtin_trap();
		if (cap > len + GK_MASK_EXTRA && strcmp(dup, out) != 0)
			__builtin_trap();
		if (k == GK_MASK_PHONE && digits(dup) > 9)
			__builtin_trap();
		if (k == GK_MASK_IDNO && digits(dup) > 10)
			__builtin_trap();
		for (i = 0; dup[i] != '\0'; i++)
			if ((unsigned char)dup[i] < 0x20)
				__builtin_trap();
		gk_free(dup);
	}
	if (gk_apply_code_normalize(in, code)) {
		if (strlen(code) != GK_APPLY_CODE_LEN ||
		    strspn(code, "0123456789ABCDEFGHJKMNPQRSTVWXYZ") != GK_APPLY_CODE_LEN)
			__builtin_trap();
		if (!gk_apply_code_normalize(code, again) || strcmp(code, again) != 0)
			__builtin_trap();
	}
	free(in);
	return 0;
}
