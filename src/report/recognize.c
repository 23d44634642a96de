/* recognize.c — STUB while being written. */
#include <stdio.h>
#include "report/rows.h"

enum gk_err
rr_recognize(const struct rr_doc *d, struct gk_report *out, char *err, size_t errlen)
{
	(void)d; (void)out;
	snprintf(err, errlen, "not yet");
	return GK_EINVAL;
}

void
rr_s3_text_layout(enum gk_s3row r, enum gk_tpl t, int first, struct rr_s3_layout *l)
{
	(void)r; (void)t; (void)first;
	l->indent = l->lead = l->trail = 0;
}
