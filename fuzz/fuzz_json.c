/*
 * fuzz_json.c — libFuzzer target for the JSON report reader: any input must
 * be read or refused with a message, never crash, hang or leak. What is read
 * goes through the checker, renders to JSON that must read back to the same
 * model (the round trip is exact by design), and renders to Markdown.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_check.h"
#include "report/report_io.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_report	 r, again;
	struct gk_findings	 f;
	struct gk_buf		 b;
	char			 err[512];

	if (gk_report_read(data, size, GK_FMT_JSON, &r, err, sizeof(err)) != GK_OK) {
		if (err[0] == '\0')
			abort();	/* every refusal says why */
		return 0;
	}
	gk_findings_init(&f);
	gk_report_check(&r, &f);
	gk_findings_clear(&f);

	gk_buf_init(&b, 0);
	if (gk_render_json(&r, &b) != GK_OK)
		abort();
	if (gk_report_from_json(b.data, b.len, &again, err, sizeof(err)) != GK_OK ||
	    !gk_report_equal(&r, &again))
		abort();
	gk_report_clear(&again);
	gk_buf_clear(&b);

	if (gk_render_md(&r, &b) != GK_OK)
		abort();
	gk_buf_clear(&b);
	gk_report_clear(&r);
	return 0;
}
