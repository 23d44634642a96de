/*
 * cli_ledger.c — `gongkai ledger export`: the 台账 of a year as CSV. A
 * thin layer over src/store/ledger.h: parses the options, opens the
 * database and the calendar, writes the buffer to a file or stdout.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "store/db.h"
#include "store/ledger.h"

#define LEDGER_MAX	((size_t)256 * 1024 * 1024)

static const char ledger_usage[] =
"用法: gongkai [--db PATH] ledger export --year Y --to csv [选项]\n"
"\n"
"导出政府信息公开台账：某一年度（按信息的创建日期，即索引号中的年份）的每条信息一行，\n"
"含索引号、标题、栏目、发布机构、文号、成文日期、活动结束日期、状态、有效性、\n"
"拟稿人、审核人、审定人（登录名），提交、审核、审定、发布日期，应发布日期，\n"
"按时或逾期（逾期的工作日数）和撤回原因。\n"
"CSV 符合 RFC 4180，UTF-8 编码并带 BOM（Excel 可直接打开），首行为中文表头。\n"
"\n"
"命令:\n"
"  export    导出台账\n"
"\n"
"选项:\n"
"  --year Y          年度（必填，四位数字）\n"
"  --agency ID       只导出该机构（默认全部机构）\n"
"  --to csv          输出格式（必填；目前只有 csv）\n"
"  -o FILE           输出文件（默认标准输出）\n"
"  --calendar FILE   工作日日历（用于计算逾期工作日）；未指定时依次使用\n"
"                    $GONGKAI_CALENDAR、" GK_CALENDAR_LOCAL "、" GK_CALENDAR_INSTALLED "\n"
"  -h, --help        显示本帮助\n"
"\n"
"退出码：0 成功；1 数据库或文件错误；2 用法错误。\n";

int
cli_ledger(int argc, char **argv)
{
	struct gk_buf	 b;
	struct gk_db	*db = NULL;
	struct calendar	 cal;
	const char	*year = NULL, *agency = NULL, *to = NULL, *outp = NULL,
			*calp = NULL, **slot;
	long long	 y, ag = 0;
	size_t		 rows, len;
	char		 err[512], *data;
	int		 i, have_cal, rc = 1;

	if (argc < 2)
		return cli_usage_error("ledger ", "缺少子命令（export）");
	if (cli_is_help(argv[1])) {
		fputs(ledger_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "export") != 0)
		return cli_usage_error("ledger ", "未知的子命令 '%s'", argv[1]);
	for (i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(ledger_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--year") == 0)
			slot = &year;
		else if (strcmp(argv[i], "--agency") == 0)
			slot = &agency;
		else if (strcmp(argv[i], "--to") == 0)
			slot = &to;
		else if (strcmp(argv[i], "-o") == 0)
			slot = &outp;
		else if (strcmp(argv[i], "--calendar") == 0)
			slot = &calp;
		else if (argv[i][0] == '-')
			return cli_usage_error("ledger ", "ledger export 不接受选项 '%s'",
			    argv[i]);
		else
			return cli_usage_error("ledger ", "多余的参数 '%s'", argv[i]);
		if (i + 1 >= argc)
			return cli_usage_error("ledger ", "%s 需要一个值", argv[i]);
		*slot = argv[++i];
	}
	if (year == NULL)
		return cli_usage_error("ledger ", "ledger export 缺少 --year Y");
	if (!cli_parse_int(year, 1900, 2999, &y))
		return cli_usage_error("ledger ", "--year 需要四位年份，而不是 '%s'", year);
	if (agency != NULL && !cli_parse_int(agency, 1, INT64_MAX, &ag))
		return cli_usage_error("ledger ", "--agency 需要正整数编号，而不是 '%s'",
		    agency);
	if (to == NULL)
		return cli_usage_error("ledger ", "ledger export 缺少 --to csv");
	if (strcmp(to, "csv") != 0)
		return cli_usage_error("ledger ", "不支持的格式 '%s'（目前只有 csv）", to);

	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) !=
	    GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	have_cal = cli_calendar_open(cli_calendar_path(calp), &cal) == 0;
	if (!have_cal)
		fprintf(stderr, "gongkai: 没有可用的工作日日历，不计算逾期工作日\n");
	gk_buf_init(&b, LEDGER_MAX);
	if (gk_ledger_csv(db, (int)y, ag, have_cal ? &cal : NULL, &b, &rows, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		goto out;
	}
	if ((data = gk_buf_take(&b, &len)) == NULL && len != 0) {
		fprintf(stderr, "gongkai: 内存不足\n");
		goto out;
	}
	if (cli_write_file(outp, data, len) != GK_OK)
		fprintf(stderr, "gongkai: 无法写入 %s\n", outp ? outp : "标准输出");
	else {
		rc = 0;
		if (outp != NULL && strcmp(outp, "-") != 0)
			printf("已导出 %lld 年台账 %zu 条到 %s\n", y, rows, outp);
	}
	gk_free(data);
out:
	gk_buf_clear(&b);
	if (have_cal)
		calendar_clear(&cal);
	gk_db_close(db);
	return rc;
}
