/*
 * date.c — civil dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian): strict YYYY-MM-DD parsing and formatting, weekdays. Shared by
 * the calendar, item metadata and everything that stores a date.
 */
#include <string.h>

#include "core/date.h"


static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
gk_days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	if (m < 1 || m > 12)
		return 0;
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Days from civil (proleptic Gregorian), after H. Hinnant's public algorithm. */
enum gk_err
gk_date_from_ymd(int y, int m, int d, int32_t *out)
{
	long era, yoe, doy, doe;

	if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1 ||
	    d > gk_days_in_month(y, m))
		return GK_EINVAL;
	if (m <= 2)
		y--;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*out = (int32_t)(era * 146097 + doe - 719468);
	return GK_OK;
}

void
gk_date_ymd(int32_t days, int *y, int *m, int *d)
{
	long z = (long)days + 719468, era, doe, yoe, doy, mp, yy;
	int mm;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	mm = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (d)
		*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	if (m)
		*m = mm;
	if (y)
		*y = (int)(yy + (mm <= 2));
}

enum gk_err
gk_date_parse(const char *s, size_t len, int32_t *out)
{
	static const int digit[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
	size_t i;

	if (s == NULL || len != 10 || s[4] != '-' || s[7] != '-')
		return GK_EINVAL;
	for (i = 0; i < sizeof(digit) / sizeof(digit[0]); i++)
		if (s[digit[i]] < '0' || s[digit[i]] > '9')
			return GK_EINVAL;
	return gk_date_from_ymd(
	    (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0'),
	    (s[5] - '0') * 10 + (s[6] - '0'), (s[8] - '0') * 10 + (s[9] - '0'), out);
}

void
gk_date_format(int32_t days, char *buf)
{
	int y, m, d;

	if (days == GK_DATE_NONE) {
		memcpy(buf, "-", 2);
		return;
	}
	gk_date_ymd(days, &y, &m, &d);
	if (y < 1 || y > 9999) {
		memcpy(buf, "?", 2);
		return;
	}
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
}

int
gk_date_weekday(int32_t days)
{
	return (int)((((long)days % 7 + 7) % 7 + 3) % 7) + 1;
}

const char *
gk_date_weekday_cn(int32_t days)
{
	static const char *const cn[7] = {
		"星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日",
	};

	return cn[gk_date_weekday(days) - 1];
}

