/*
 * cli_calendar.c — `gongkai calendar`: show a year's holidays and working
 * days, enter next year's notice into the calendar file (written back
 * atomically), and working-day arithmetic for deadlines. Thin layer over
 * src/core/calendar.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/calendar.h"

/* Where `make install` puts the data file (PREFIX=/usr/local). */

static const char calendar_usage[] =
"用法: gongkai calendar [--calendar FILE] COMMAND [ARGS]\n"
"\n"
"工作日日历：法定节假日（放假）和调休上班日，用于计算法定时限。\n"
"工作日 = 周一至周五中未列为 off 的日子，加上列为 work 的周六、周日。\n"
"“N 个工作日内”指 DATE 之后的第 N 个工作日结束前，DATE 当天不计入。\n"
"某年只有在数据中有该年 1—11 月的条目时才算已覆盖；查询未覆盖年份的日期会报错。\n"
"\n"
"命令:\n"
"  show YEAR                 列出该年每个非普通日（放假、调休上班），\n"
"                            以及每月和全年的工作日天数\n"
"  set DATE off|work NAME    录入或修改一天（如下一年的放假通知），写回日历文件\n"
"                            （先写临时文件再改名，不会写坏原文件）\n"
"  unset DATE                删除一天的条目，写回日历文件\n"
"  add DATE N                输出 DATE 之后的第 N 个工作日（N 为 0 到 10000）\n"
"  between D1 D2             输出 D1 之后直到 D2（含）的工作日天数；\n"
"                            D2 早于 D1 时为负数\n"
"\n"
"日期格式为 YYYY-MM-DD。\n"
"\n"
"选项:\n"
"  --calendar FILE   日历文件（TSV：日期<TAB>off|work<TAB>名称）。未指定时依次使用\n"
"                    $GONGKAI_CALENDAR、当前目录下的 " GK_CALENDAR_LOCAL "、\n"
"                    " GK_CALENDAR_INSTALLED "\n"
"  -h, --help        显示本帮助\n"
"\n"
"退出状态: 0 成功；1 日历文件有错、日期所在年份未覆盖或写入失败；2 用法错误。\n";

static int
parse_date(const char *s, int32_t *out)
{
	return gk_date_parse(s, strlen(s), out) == GK_OK;
}

/* Writes the calendar next to path and renames it over path. */
static int
write_atomic(const char *path, const struct calendar *cal)
{
	struct gk_buf	 b;
	struct stat	 st;
	char		*tmp;
	size_t		 n, off = 0;
	int		 fd, rc = 1;
	ssize_t		 w;

	gk_buf_init(&b, 0);
	if (calendar_format(cal, &b) != GK_OK) {
		gk_buf_clear(&b);
		fprintf(stderr, "gongkai: 内存不足\n");
		return 1;
	}
	n = strlen(path) + sizeof(".XXXXXX");
	if ((tmp = gk_malloc(n)) == NULL) {
		gk_buf_clear(&b);
		fprintf(stderr, "gongkai: 内存不足\n");
		return 1;
	}
	snprintf(tmp, n, "%s.XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0) {
		fprintf(stderr, "gongkai: 无法在 %s 所在目录创建临时文件：%s\n",
		    path, strerror(errno));
		goto out;
	}
	/* Keep the file's permissions (mkstemp creates it 0600). */
	if (fchmod(fd, stat(path, &st) == 0 ? (st.st_mode & 07777) : 0644) != 0)
		goto fail;
	while (off < b.len) {
		if ((w = write(fd, b.data + off, b.len - off)) < 0) {
			if (errno == EINTR)
				continue;
			goto fail;
		}
		off += (size_t)w;
	}
	if (fsync(fd) != 0)
		goto fail;
	if (close(fd) != 0) {
		fd = -1;
		goto fail;
	}
	fd = -1;
	if (rename(tmp, path) != 0)
		goto fail;
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "gongkai: 写入日历文件 %s 失败：%s\n", path, strerror(errno));
	if (fd >= 0)
		close(fd);
	unlink(tmp);
out:
	gk_free(tmp);
	gk_buf_clear(&b);
	return rc;
}

static int
cmd_show(const char *path, const char *ys)
{
	struct calendar	 cal;
	char		 err[512], ds[GK_DATE_LEN], *end;
	long		 y;
	int		 m, d, w, total = 0, rc = 0;
	int32_t		 lo, hi, day;
	size_t		 i;

	y = strtol(ys, &end, 10);
	if (ys[0] < '0' || ys[0] > '9' || *end != '\0' || y < 1 || y > 9999)
		return cli_usage_error("calendar ", "calendar show：年份“%s”无效", ys);
	if (cli_calendar_open(path, &cal) != 0)
		return 1;
	gk_date_from_ymd((int)y, 1, 1, &lo);
	gk_date_from_ymd((int)y, 12, 31, &hi);
	if (calendar_is_workday(&cal, lo, &w, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		calendar_clear(&cal);
		return 1;
	}
	printf("%ld 年放假和调休上班日（日历文件：%s）\n", y, path);
	for (i = 0; i < cal.n; i++) {
		const struct calendar_entry *x = &cal.v[i];

		if (x->date < lo || x->date > hi)
			continue;
		gk_date_format(x->date, ds);
		printf("%s  %s  %-4s  %s  %s\n", ds, gk_date_weekday_cn(x->date),
		    calendar_kind_name(x->kind), calendar_kind_cn(x->kind), x->name);
	}
	printf("\n各月工作日天数：\n");
	for (m = 1; m <= 12; m++) {
		int count = 0;

		for (d = 1; d <= gk_days_in_month((int)y, m); d++) {
			gk_date_from_ymd((int)y, m, d, &day);
			if (calendar_is_workday(&cal, day, &w, err, sizeof(err)) != GK_OK) {
				fprintf(stderr, "gongkai: %s\n", err);
				rc = 1;
				goto out;
			}
			count += w;
		}
		printf("%2d 月  %2d 天\n", m, count);
		total += count;
	}
	printf("全年  %d 天\n", total);
out:
	calendar_clear(&cal);
	return rc;
}

static int
cmd_set(const char *path, int argc, char **argv)
{
	struct calendar		 cal, check;
	enum calendar_kind	 kind;
	char			 err[512], ds[GK_DATE_LEN];
	int32_t			 date;
	struct gk_buf		 b;
	int			 rc;

	if (argc != 4)
		return cli_usage_error("calendar ", "calendar set：需要 DATE off|work NAME 三个参数");
	if (!parse_date(argv[1], &date))
		return cli_usage_error("calendar ", "calendar set：日期“%s”无效，应为 YYYY-MM-DD", argv[1]);
	if (strcmp(argv[2], "off") == 0)
		kind = CALENDAR_OFF;
	else if (strcmp(argv[2], "work") == 0)
		kind = CALENDAR_WORK;
	else
		return cli_usage_error("calendar ", "calendar set：类型“%s”无效，应为 off 或 work", argv[2]);
	if (cli_calendar_open(path, &cal) != 0)
		return 1;
	if (calendar_set(&cal, date, kind, argv[3], err, sizeof(err)) != GK_OK) {
		calendar_clear(&cal);
		return cli_usage_error("calendar ", "calendar set：%s", err);
	}
	/* What is written must read back. */
	gk_buf_init(&b, 0);
	if (calendar_format(&cal, &b) != GK_OK ||
	    calendar_load(b.data, b.len, &check, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: 内部错误：修改后的日历无法读回\n");
		gk_buf_clear(&b);
		calendar_clear(&cal);
		return 1;
	}
	calendar_clear(&check);
	gk_buf_clear(&b);
	rc = write_atomic(path, &cal);
	calendar_clear(&cal);
	if (rc == 0) {
		gk_date_format(date, ds);
		printf("已将 %s（%s）设为%s（%s），已写入 %s\n", ds,
		    gk_date_weekday_cn(date), calendar_kind_cn(kind), argv[3], path);
	}
	return rc;
}

static int
cmd_unset(const char *path, int argc, char **argv)
{
	struct calendar	 cal;
	char		 err[512];
	int32_t		 date;
	int		 rc;

	if (argc != 2)
		return cli_usage_error("calendar ", "calendar unset：需要一个参数 DATE");
	if (!parse_date(argv[1], &date))
		return cli_usage_error("calendar ", "calendar unset：日期“%s”无效，应为 YYYY-MM-DD", argv[1]);
	if (cli_calendar_open(path, &cal) != 0)
		return 1;
	if (calendar_unset(&cal, date, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		calendar_clear(&cal);
		return 1;
	}
	rc = write_atomic(path, &cal);
	calendar_clear(&cal);
	if (rc == 0)
		printf("已删除 %s 的条目，已写入 %s\n", argv[1], path);
	return rc;
}

static int
cmd_add(const char *path, int argc, char **argv)
{
	struct calendar	 cal;
	char		 err[512], ds[GK_DATE_LEN], *end;
	int32_t		 date, out;
	long		 n;

	if (argc != 3)
		return cli_usage_error("calendar ", "calendar add：需要 DATE N 两个参数");
	if (!parse_date(argv[1], &date))
		return cli_usage_error("calendar ", "calendar add：日期“%s”无效，应为 YYYY-MM-DD", argv[1]);
	n = strtol(argv[2], &end, 10);
	if (argv[2][0] < '0' || argv[2][0] > '9' || *end != '\0' || n > CALENDAR_MAX_N)
		return cli_usage_error("calendar ", "calendar add：工作日数“%s”无效，应为 0 到 %d 的整数",
		    argv[2], CALENDAR_MAX_N);
	if (cli_calendar_open(path, &cal) != 0)
		return 1;
	if (calendar_add_workdays(&cal, date, (int)n, &out, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		calendar_clear(&cal);
		return 1;
	}
	calendar_clear(&cal);
	gk_date_format(out, ds);
	printf("%s\n", ds);
	return 0;
}

static int
cmd_between(const char *path, int argc, char **argv)
{
	struct calendar	 cal;
	char		 err[512];
	int32_t		 d1, d2;
	long		 n;

	if (argc != 3)
		return cli_usage_error("calendar ", "calendar between：需要 D1 D2 两个参数");
	if (!parse_date(argv[1], &d1))
		return cli_usage_error("calendar ", "calendar between：日期“%s”无效，应为 YYYY-MM-DD", argv[1]);
	if (!parse_date(argv[2], &d2))
		return cli_usage_error("calendar ", "calendar between：日期“%s”无效，应为 YYYY-MM-DD", argv[2]);
	if (cli_calendar_open(path, &cal) != 0)
		return 1;
	if (calendar_workdays_between(&cal, d1, d2, &n, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		calendar_clear(&cal);
		return 1;
	}
	calendar_clear(&cal);
	printf("%ld\n", n);
	return 0;
}

int
cli_calendar(int argc, char **argv)
{
	const char	*opt = NULL, *path, *sub;
	char		**pos;
	int		 i, npos = 0, rc;

	if ((pos = calloc((size_t)argc + 1, sizeof(char *))) == NULL) {
		fprintf(stderr, "gongkai: 内存不足\n");
		return 1;
	}
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(calendar_usage, stdout);
			free(pos);
			return 0;
		}
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				pos[npos++] = argv[i];
			break;
		}
		if (strncmp(a, "--calendar", 10) == 0 && (a[10] == '=' || a[10] == '\0')) {
			if (a[10] == '=')
				opt = a + 11;
			else if (i + 1 < argc)
				opt = argv[++i];
			else
				opt = "";
			if (opt[0] == '\0') {
				free(pos);
				return cli_usage_error("calendar ", "--calendar 需要一个文件名");
			}
			continue;
		}
		if (a[0] == '-' && a[1] != '\0') {
			free(pos);
			return cli_usage_error("calendar ", "calendar：未知选项“%s”", a);
		}
		pos[npos++] = argv[i];
	}
	if (npos == 0) {
		free(pos);
		return cli_usage_error("calendar ", "calendar：缺少子命令（show、set、unset、add、between）");
	}
	path = cli_calendar_path(opt);
	sub = pos[0];
	if (strcmp(sub, "show") == 0)
		rc = npos == 2 ? cmd_show(path, pos[1]) :
		    cli_usage_error("calendar ", "calendar show：需要一个参数 YEAR");
	else if (strcmp(sub, "set") == 0)
		rc = cmd_set(path, npos, pos);
	else if (strcmp(sub, "unset") == 0)
		rc = cmd_unset(path, npos, pos);
	else if (strcmp(sub, "add") == 0)
		rc = cmd_add(path, npos, pos);
	else if (strcmp(sub, "between") == 0)
		rc = cmd_between(path, npos, pos);
	else
		rc = cli_usage_error("calendar ", "calendar：未知子命令“%s”", sub);
	free(pos);
	return rc;
}
