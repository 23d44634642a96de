/* read_docx.c — STUB, to be replaced: DOCX reports to rows. */
#include <stdio.h>
#include "report/report_io.h"

enum gk_err
gk_docx_rows(const void *buf, size_t len, struct rr_doc *d, char *err, size_t errlen)
{
	(void)buf; (void)len; (void)d;
	snprintf(err, errlen, "DOCX 读取尚未实现");
	return GK_EINVAL;
}
