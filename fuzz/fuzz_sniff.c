/*
 * fuzz_sniff.c — libFuzzer target for the file type sniffer (core/sniff.h):
 * any bytes, identified with sniff_bytes() and checked with sniff_check()
 * under a name taken from the first input byte. What must hold: no crash,
 * over-read (the ZIP walk reads offsets from the input) or hang; every
 * result has a MIME type and an extension; a refusal always has a message;
 * sniff_check() never accepts what sniff_bytes() refused; identification
 * does not depend on the name.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "core/sniff.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static const char *const fuzz_names[] = {
	NULL, "a", "a.pdf", "a.docx", "a.exe", "a.txt", "a.zip", "../a.doc", "附件.wps",
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sniff_result	r, r2;
	const char		*name;
	char			err[256];
	enum gk_err		e;

	sniff_bytes(data, size, &r);
	if (r.mime == NULL || r.ext == NULL || r.label == NULL ||
	    r.kind < 0 || r.kind >= SNIFF_KIND__MAX)
		__builtin_trap();
	if (!r.allowed && r.why[0] == '\0')
		__builtin_trap();
	name = fuzz_names[size ? data[0] % (sizeof(fuzz_names) / sizeof(fuzz_names[0])) : 0];
	err[0] = '\0';
	e = sniff_check(data, size, name, &r2, err, sizeof(err));
	if (r2.kind != r.kind || r2.allowed != r.allowed)
		__builtin_trap();
	if (e != GK_OK && (e != GK_EINVAL || err[0] == '\0'))
		__builtin_trap();
	if (e == GK_OK && !r.allowed)
		__builtin_trap();
	return 0;
}
