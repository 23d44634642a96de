/*
 * cli_ledger.c — `gongkai ledger export`: the 台账 of a year as CSV or XLSX, and
 * `gongkai ledger interp`: the policy files of a year published without
 * a 政策解读 or with a late one (exit 1 when any, for cron). A thin layer
 * over src/store/ledger.h and src/store/interpretation.h: parses the
 * options, opens the database and the calendar, writes the result.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "doc/doc.h"
#include "store/db.h"
#include "store/interpretation.h"
#include "store/ledger.h"

#define LEDGER_MAX	((size_t)256 * 1024 * 1024)

static const char ledger_usage[] =
"用法: gongkai [--db PATH] ledger export --year Y --to csv|xlsx [选项]\n"
"      gongkai [--db PATH] ledger interp --year Y [--agency ID] [--json]\n"
"\n"
"导出政府信息公开台账：某一年度（按信息的创建日期，即索引号中的年份）的每条信息一行，\n"
"含索引号、标题、栏目、发布机构、文号、成文日期、活动结束日期、状态、有效性、\n"
"拟稿人、审核人、审定人（登录名），提交、审核、审定、发布日期，应发布日期，\n"
"按时或逾期（逾期的工作日数）、撤回原因和政策解读（政策文件：无解读、\n"
"解读滞后 N 天或按时发布的解读形式；政策解读：所解读政策文件的索引号）。\n"
"CSV 符合 RFC 4180，UTF-8 编码并带 BOM（Excel 可直接打开），首行为中文表头。\n"
"XLSX 为一个工作表“台账”，列同 CSV，首行冻结并可筛选，天数为数值\n"
"（docs/documents.md）；XLSX 不输出到终端，须用 -o/--out FILE。\n"
"\n"
"命令:\n"
"  export    导出台账\n"
"  interp    检查政策解读：该年度（按发布日期）已发布的政策文件中，没有已发布\n"
"            解读的（无解读），或解读晚于政策文件发布的（解读滞后，列出天数）；\n"
"            已撤回或未发布的解读不计。有问题时退出码为 1，便于定时任务告警\n"
"\n"
"选项:\n"
"  --year Y          年度（必填，四位数字）\n"
"  --agency ID       只导出该机构（默认全部机构）\n"
"  --to csv|xlsx     输出格式（export 必填）\n"
"  --json            interp 以 JSON 输出\n"
"  -o, --out FILE    输出文件（默认标准输出）；写入失败时不留下不完整的文件\n"
"  --calendar FILE   工作日日历（用于计算逾期工作日）；未指定时依次使用\n"
"                    $GONGKAI_CALENDAR、" GK_CALENDAR_LOCAL "、" GK_CALENDAR_INSTALLED "\n"
"  -h, --help        显示本帮助\n"
"\n"
"退出码：0 成功（interp：没有问题）；1 数据库或文件错误（interp：发现问题）；\n"
"        2 用法错误。\n";

/* The findings as JSON on stdout; 0, or -1 when out of memory. */
static int
interp_json(int64_t year, int64_t ag, const struct gk_interp_findings *f)
{
	const struct gk_interp_finding	*g;
	json_t				*o, *a, *x;
	char				*s;
	size_t				 i;
	int				 rc = -1;

	if ((o = json_object()) == NULL || (a = json_array()) == NULL) {
		json_decref(o);
		return -1;
	}
	json_object_set_new(o, "year", json_integer(year));
	json_object_set_new(o, "agency", ag ? json_integer(ag) : json_null());
	json_object_set_new(o, "checked", json_integer((json_int_t)f->checked));
	json_object_set_new(o, "findings", a);
	for (i = 0; i < f->n; i++) {
		g = &f->v[i];
		x = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:i, s:s}",
		    "agency_id", (json_int_t)g->agency_id,
		    "policy_id", (json_int_t)g->policy_id,
		    "index_no", g->index_no, "title", g->title,
		    "published", g->published, "kind", interp_kind_name(g->kind),
		    "days_late", g->days_late, "message", g->msg);
		if (x == NULL || json_array_append_new(a, x) != 0)
			goto out;
		if (g->kind == INTERP_F_LATE &&
		    (json_object_set_new(x, "interp_id", json_integer(g->interp_id)) != 0 ||
		    json_object_set_new(x, "interp_index_no",
		    json_string(g->interp_index_no)) != 0))
			goto out;
	}
	if ((s = json_dumps(o, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) == NULL)
		goto out;
	puts(s);
	free(s);
	rc = 0;
out:
	json_decref(o);
	return rc;
}

/* `ledger interp --year Y [--agency ID] [--json]`: 0 clean, 1 findings or error. */
static int
ledger_interp(int argc, char **argv)
{
	struct gk_interp_findings	 f;
	const struct gk_interp_finding	*g;
	struct gk_db			*db = NULL;
	const char			*year = NULL, *agency = NULL;
	long long			 y, ag = 0;
	char				 err[512];
	int				 i, json = 0, rc = 1;
	size_t				 k;

	for (i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(ledger_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--json") == 0) {
			json = 1;
			continue;
		}
		if (strcmp(argv[i], "--year") != 0 && strcmp(argv[i], "--agency") != 0) {
			if (argv[i][0] == '-')
				return cli_usage_error("ledger ", "ledger interp 不接受选项 '%s'",
				    argv[i]);
			return cli_usage_error("ledger ", "多余的参数 '%s'", argv[i]);
		}
		if (i + 1 >= argc)
			return cli_usage_error("ledger ", "%s 需要一个值", argv[i]);
		if (strcmp(argv[i], "--year") == 0)
			year = argv[++i];
		else
			agency = argv[++i];
	}
	if (year == NULL)
		return cli_usage_error("ledger ", "ledger interp 缺少 --year Y");
	if (!cli_parse_int(year, 1900, 2999, &y))
		return cli_usage_error("ledger ", "--year 需要四位年份，而不是 '%s'", year);
	if (agency != NULL && !cli_parse_int(agency, 1, INT64_MAX, &ag))
		return cli_usage_error("ledger ", "--agency 需要正整数编号，而不是 '%s'",
		    agency);
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING | GK_DB_READONLY, &db, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (gk_interp_findings(db, ag, (int)y, &f, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	if (json) {
		if (interp_json(y, ag, &f) != 0)
			fprintf(stderr, "gongkai: 内存不足\n");
		else
			rc = f.n > 0;
	} else {
		printf("%lld 年政策解读检查：已发布政策文件 %zu 件，问题 %zu 条\n", y,
		    f.checked, f.n);
		for (k = 0; k < f.n; k++) {
			g = &f.v[k];
			if (g->kind == INTERP_F_MISSING)
				printf("无解读\t%s\t%s\t（%s 发布）\n", g->index_no,
				    g->title, g->published);
			else
				printf("解读滞后\t%s\t%s\t（%s 发布）解读 %s 晚 %d 天\n",
				    g->index_no, g->title, g->published,
				    g->interp_index_no, g->days_late);
		}
		rc = f.n > 0;
	}
	gk_interp_findings_free(&f);
	gk_db_close(db);
	return rc;
}

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
	int		 i, have_cal, xlsx, rc = 1;

	if (argc < 2)
		return cli_usage_error("ledger ", "缺少子命令（export 或 interp）");
	if (cli_is_help(argv[1])) {
		fputs(ledger_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "interp") == 0)
		return ledger_interp(argc, argv);
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
		else if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--out") == 0)
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
		return cli_usage_error("ledger ", "ledger export 缺少 --to csv|xlsx");
	if (strcmp(to, "csv") != 0 && strcmp(to, "xlsx") != 0)
		return cli_usage_error("ledger ", "不支持的格式 '%s'（csv 或 xlsx）", to);
	xlsx = to[0] == 'x';
	if (xlsx && (outp == NULL || strcmp(outp, "-") == 0) && isatty(STDOUT_FILENO))
		return cli_usage_error("ledger ", "xlsx 是二进制格式，不能输出到终端，请用 --out FILE");

	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) !=
	    GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	have_cal = cli_calendar_open_db(cli_calendar_path(calp), db, &cal) == 0;
	if (!have_cal)
		fprintf(stderr, "gongkai: 没有可用的工作日日历，不计算逾期工作日\n");
	gk_buf_init(&b, LEDGER_MAX);
	if ((xlsx ? gk_doc_ledger_xlsx(db, (int)y, ag, have_cal ? &cal : NULL, &b, &rows, err,
	    sizeof(err)) : gk_ledger_csv(db, (int)y, ag, have_cal ? &cal : NULL, &b, &rows, err,
	    sizeof(err))) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		goto out;
	}
	if ((data = gk_buf_take(&b, &len)) == NULL && len != 0) {
		fprintf(stderr, "gongkai: 内存不足\n");
		goto out;
	}
	if (gk_doc_save(outp, data, len, xlsx, err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
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
