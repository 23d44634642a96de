/* read_json.c — STUB, to be replaced. */
#include <stdio.h>
#include "report/report_io.h"

enum gk_err
gk_report_from_json(const char *buf, size_t len, struct gk_report *out, char *err, size_t errlen)
{
	(void)buf; (void)len; (void)out;
	snprintf(err, errlen, "JSON 读取尚未实现");
	return GK_EINVAL;
}
