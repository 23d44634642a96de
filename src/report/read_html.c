/* read_html.c — STUB, to be replaced: HTML report pages to rows. */
#include <stdio.h>
#include "report/report_io.h"

enum gk_err
gk_html_rows(const char *buf, size_t len, struct rr_doc *d, char *err, size_t errlen)
{
	(void)buf; (void)len; (void)d;
	snprintf(err, errlen, "HTML 读取尚未实现");
	return GK_EINVAL;
}
