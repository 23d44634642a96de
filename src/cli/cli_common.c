/*
 * cli_common.c — small pieces every subcommand shares: recognising --help,
 * the caller's "now" and actor (overridable for tests), id parsing, and
 * loading the working-day calendar file.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/site.h"

int
cli_is_help(const char *s)
{
	return strcmp(s, "-h") == 0 || strcmp(s, "--help") == 0;
}

const char *
cli_now(char *buf, size_t n)
{
	const char	*env = getenv("GONGKAI_NOW");
	time_t		 t;
	struct tm	 tm;
	char		 z[8];

	if (env != NULL && env[0] != '\0') {
		gk_strlcpy_utf8(buf, env, n);
		return buf;
	}
	t = time(NULL);
	if (localtime_r(&t, &tm) == NULL || strftime(buf, n, "%Y-%m-%dT%H:%M:%S", &tm) == 0 ||
	    strftime(z, sizeof(z), "%z", &tm) != 5) {
		gk_strlcpy_utf8(buf, "1970-01-01T00:00:00+00:00", n);
		return buf;
	}
	/* +0800 -> +08:00 */
	snprintf(buf + strlen(buf), n - strlen(buf), "%.3s:%.2s", z, z + 3);
	return buf;
}

const char *
cli_actor(char *buf, size_t n)
{
	const char *a = getenv("GONGKAI_ACTOR"), *u = getenv("USER");

	if (a != NULL && a[0] != '\0')
		gk_strlcpy_utf8(buf, a, n);
	else
		snprintf(buf, n, "cli:%s", u != NULL && u[0] != '\0' ? u : "unknown");
	return buf;
}

int
cli_parse_int(const char *s, long long min, long long max, long long *out)
{
	char		*end;
	long long	 v;

	errno = 0;
	v = strtoll(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < min || v > max)
		return 0;
	*out = v;
	return 1;
}

int
cli_parse_id(const char *s, int64_t *out)
{
	long long v;

	if (!cli_parse_int(s, 1, INT64_MAX, &v))
		return 0;
	*out = v;
	return 1;
}

const char *
cli_calendar_path(const char *opt)
{
	const char *env;

	if (opt != NULL)
		return opt;
	if ((env = getenv("GONGKAI_CALENDAR")) != NULL && env[0] != '\0')
		return env;
	if (access(GK_CALENDAR_LOCAL, F_OK) == 0)
		return GK_CALENDAR_LOCAL;
	return GK_CALENDAR_INSTALLED;
}

int
cli_calendar_open(const char *path, struct calendar *cal)
{
	static char	 err[16384];
	char		*buf;
	size_t		 len;
	enum gk_err	 e;

	memset(cal, 0, sizeof(*cal));
	if ((e = cli_read_file(path, CALENDAR_MAX_INPUT, &buf, &len)) != GK_OK) {
		fprintf(stderr, "gongkai: 无法读取日历文件 %s：%s\n", path,
		    e == GK_ENOTFOUND ? "文件不存在" :
		    e == GK_ELIMIT ? "文件过大" : "读取失败");
		return 1;
	}
	e = calendar_load(buf, len, cal, err, sizeof(err));
	gk_free(buf);
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: 日历文件 %s 有错误：\n%s\n", path, err);
		return 1;
	}
	return 0;
}

int
cli_calendar_open_db(const char *path, struct gk_db *db, struct calendar *cal)
{
	char err[512];

	if (cli_calendar_open(path, cal) != 0)
		return 1;
	if (gk_site_calendar_apply(db, cal, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		calendar_clear(cal);
		return 1;
	}
	return 0;
}

struct gk_db *
cli_db_open(int flags)
{
	struct gk_db	*db;
	char		 err[1024];

	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING | flags, &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return NULL;
	}
	return db;
}

int
cli_agency_only(int argc, char **argv, long long *agency)
{
	char hint[64];

	snprintf(hint, sizeof(hint), "%s ", argv[0]);
	*agency = 0;
	if (argc == 4 && strcmp(argv[2], "--agency") == 0) {
		if (!cli_parse_int(argv[3], 1, INT64_MAX, agency))
			return cli_usage_error(hint, "--agency 需要正整数编号，而不是 '%s'", argv[3]);
	} else if (argc != 2)
		return cli_usage_error(hint, "%s %s 只接受 --agency ID", argv[0], argv[1]);
	return 0;
}
