/* read_text.c — STUB while being written. */
#include <stdio.h>
#include "report/report_io.h"

enum gk_err
gk_text_rows(const char *buf, size_t len, struct rr_doc *d, char *err, size_t errlen)
{
	(void)buf; (void)len; (void)d;
	snprintf(err, errlen, "not yet");
	return GK_EINVAL;
}
