/*
 * date.h — civil dates as int32_t day numbers (days since 1970-01-01,
 * proleptic Gregorian). GK_DATE_NONE means "no date". Valid years 0001..9999.
 */
#ifndef GK_DATE_H
#define GK_DATE_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

#define GK_DATE_NONE	INT32_MIN
#define GK_DATE_LEN	11	/* "YYYY-MM-DD" and its NUL */

/* Dates. */
enum gk_err	 gk_date_from_ymd(int y, int m, int d, int32_t *out);
void		 gk_date_ymd(int32_t, int *y, int *m, int *d);
/* Strict: exactly YYYY-MM-DD (len bytes, no NUL needed), a real date. */
enum gk_err	 gk_date_parse(const char *s, size_t len, int32_t *out);
/* Writes "YYYY-MM-DD" (or "-" for GK_DATE_NONE) into buf[GK_DATE_LEN]. */
void		 gk_date_format(int32_t, char *buf);
/* ISO weekday: 1 = Monday … 7 = Sunday. */
int		 gk_date_weekday(int32_t);
/* "星期一" … "星期日". */
const char	*gk_date_weekday_cn(int32_t);
int		 gk_days_in_month(int y, int m);

#endif /* GK_DATE_H */
