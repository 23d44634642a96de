/*
 * fuzz_doc.c — the two readers of src/doc: the first byte chooses.
 *  even: the rest is CSV read field by field (gk_sheet_csv_next), as the
 *        ledger sheet reads it: every call moves forward, a field is never
 *        longer than the input, an error stops the walk;
 *  odd:  the rest is a letter's HTML (gk_letter_blocks_parse): at most
 *        GK_LETTER_BLOCKS blocks, the first the title, no text longer than
 *        the input; an accepted letter lays out as a DOCX package (PK…).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "doc/doc.h"
#include "doc/letter_doc.h"
#include "doc/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char		*s, *p, *end;
	struct gk_buf		 f, out;
	struct gk_letter_blocks	 lb;
	char			 err[256];
	size_t			 i;
	int			 eol;

	if (size < 1)
		return 0;
	s = (const char *)data + 1;
	end = s + size - 1;
	if ((data[0] & 1) == 0) {
		gk_buf_init(&f, 0);
		for (p = s; p < end;) {
			const char *before = p;

			if (gk_sheet_csv_next(&p, end, &f, &eol) != GK_OK)
				break;
			if (p <= before && p < end)
				abort();	/* no progress */
			if (strlen(f.data) > size)
				abort();
		}
		gk_buf_clear(&f);
		return 0;
	}
	if (gk_letter_blocks_parse(s, size - 1, &lb) != GK_OK) {
		if (lb.n != 0)
			abort();
		return 0;
	}
	if (lb.n == 0 || lb.n > GK_LETTER_BLOCKS || lb.kind[0] != GK_LB_TITLE)
		abort();
	for (i = 0; i < lb.n; i++)
		if (strlen(lb.text[i]) > size)
			abort();
	gk_letter_blocks_clear(&lb);
	gk_buf_init(&out, 0);
	if (gk_doc_letter_html(s, size - 1, GK_DOC_DOCX, &out, err, sizeof(err)) == GK_OK &&
	    (out.len < 4 || memcmp(out.data, "PK\003\004", 4) != 0))
		abort();
	gk_buf_clear(&out);
	return 0;
}
