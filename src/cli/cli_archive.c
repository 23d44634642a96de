/*
 * cli_archive.c — `gongkai archive export`, `gongkai archive verify` and
 * `gongkai archive paper-ref` (the 纸质档案 reference of an item):
 * the electronic archive (电子档案) of a year. A thin layer over
 * src/store/archive.h: parses the options, opens the database, prints the
 * outcome in Chinese.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "store/archive.h"
#include "store/db.h"

static const char archive_usage[] =
"用法: gongkai [--db PATH] archive export --year Y [--agency ID] DIR\n"
"      gongkai archive verify DIR\n"
"      gongkai [--db PATH] archive paper-ref ITEM_ID REF\n"
"\n"
"电子档案：把某一年度（按信息的创建日期，即索引号中的年份）已发布和已撤回的信息\n"
"导出到文件夹 DIR，每条信息一个以索引号命名的子文件夹，内含 item.json（全部元数据、\n"
"状态、日期、有效性、纸质档案号）、body.md（正文）、reviews.json（审核记录）、\n"
"audit.json（该信息的全部审计条目）和附件；顶层的 manifest.json 列出每个文件的\n"
"路径、大小和 SHA-256，manifest.sha256 是 manifest.json 的 SHA-256\n"
"（可用 sha256sum -c manifest.sha256 核对）。格式见 docs/archive.md。\n"
"\n"
"命令:\n"
"  export    导出一个年度的电子档案到 DIR（DIR 不得存在或必须为空文件夹）\n"
"  verify    按清单核对 DIR：报告被修改、缺失和多出的文件\n"
"  paper-ref 登记信息 ITEM_ID 的纸质档案号（盒号、卷号，如 2025-永久-001盒-03卷）；\n"
"            REF 为空字符串 '' 时清除。只限已发布或已撤回的信息；至多 64 个字符，\n"
"            不含控制字符。写入审计链；导出时见 item.json 的 paper_ref。\n"
"            操作人取 $GONGKAI_ACTOR，否则为 cli:$USER；操作人是某用户的登录名时，\n"
"            须为该信息所属机构的 officer 或 admin（其他操作人视为服务器操作员）。\n"
"\n"
"选项:\n"
"  --year Y          年度（export 必填，四位数字）\n"
"  --agency ID       只导出该机构（默认全部机构）\n"
"  -h, --help        显示本帮助\n"
"\n"
"退出码：export 0 成功，1 数据库或文件错误，2 用法错误；\n"
"verify 0 完整，1 有文件被修改、缺失或多出，2 DIR 不是电子档案或用法错误；\n"
"paper-ref 0 成功，1 被拒绝（信息不存在、未公开、档案号无效、无权操作）或\n"
"数据库错误，2 用法错误。\n";

static int
archive_verify_cmd(int argc, char **argv)
{
	struct gk_archive_check	 c;
	char			 err[1024];
	size_t			 i;
	static const char *const label[] = { "已修改", "缺失", "多出（不在清单中）" };

	if (argc != 3)
		return cli_usage_error("archive ", argc < 3 ?
		    "archive verify 缺少档案文件夹 DIR" : "多余的参数 '%s'", argv[3]);
	if (argv[2][0] == '-')
		return cli_usage_error("archive ", "archive verify 不接受选项 '%s'",
		    argv[2]);
	if (gk_archive_verify(argv[2], &c, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 2;
	}
	if (c.n == 0) {
		printf("电子档案完整：%zu 个文件与清单一致\n", c.files);
		gk_archive_check_free(&c);
		return 0;
	}
	for (i = 0; i < c.n; i++)
		printf("%s：%s\n", label[c.v[i].kind], c.v[i].path);
	printf("电子档案不完整：%zu 处不一致\n", c.n);
	gk_archive_check_free(&c);
	return 1;
}

static int
archive_paper_ref_cmd(int argc, char **argv)
{
	struct gk_db	*db;
	int64_t		 id;
	char		 err[1024], now[64], actor[128];
	int		 rc = 0;

	if (argc < 4)
		return cli_usage_error("archive ", argc < 3 ?
		    "archive paper-ref 缺少信息编号 ITEM_ID" :
		    "archive paper-ref 缺少纸质档案号 REF（清除用 ''）");
	if (!cli_parse_id(argv[2], &id))
		return cli_usage_error("archive ", "信息编号须为正整数，而不是 '%s'", argv[2]);
	if (argc > 4)
		return cli_usage_error("archive ", "多余的参数 '%s'", argv[4]);
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) !=
	    GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (gk_archive_set_paper_ref(db, cli_actor(actor, sizeof(actor)), id, argv[3],
	    cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else if (argv[3][0] != '\0')
		printf("信息 %lld 的纸质档案号：%s\n", (long long)id, argv[3]);
	else
		printf("信息 %lld 的纸质档案号已清除\n", (long long)id);
	gk_db_close(db);
	return rc;
}

int
cli_archive(int argc, char **argv)
{
	struct gk_db	*db = NULL;
	const char	*year = NULL, *agency = NULL, *dir = NULL, **slot;
	long long	 y, ag = 0;
	size_t		 items;
	char		 err[1024], now[64];
	int		 i, rc = 1;

	if (argc < 2)
		return cli_usage_error("archive ", "缺少子命令（export、verify 或 paper-ref）");
	for (i = 1; i < argc; i++)
		if (cli_is_help(argv[i])) {
			fputs(archive_usage, stdout);
			return 0;
		}
	if (strcmp(argv[1], "verify") == 0)
		return archive_verify_cmd(argc, argv);
	if (strcmp(argv[1], "paper-ref") == 0)
		return archive_paper_ref_cmd(argc, argv);
	if (strcmp(argv[1], "export") != 0)
		return cli_usage_error("archive ", "未知的子命令 '%s'", argv[1]);
	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--year") == 0)
			slot = &year;
		else if (strcmp(argv[i], "--agency") == 0)
			slot = &agency;
		else if (argv[i][0] == '-')
			return cli_usage_error("archive ", "archive export 不接受选项 '%s'",
			    argv[i]);
		else if (dir != NULL)
			return cli_usage_error("archive ", "多余的参数 '%s'", argv[i]);
		else {
			dir = argv[i];
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage_error("archive ", "%s 需要一个值", argv[i]);
		*slot = argv[++i];
	}
	if (year == NULL)
		return cli_usage_error("archive ", "archive export 缺少 --year Y");
	if (!cli_parse_int(year, 1900, 2999, &y))
		return cli_usage_error("archive ", "--year 需要四位年份，而不是 '%s'", year);
	if (agency != NULL && !cli_parse_int(agency, 1, INT64_MAX, &ag))
		return cli_usage_error("archive ", "--agency 需要正整数编号，而不是 '%s'",
		    agency);
	if (dir == NULL)
		return cli_usage_error("archive ", "archive export 缺少档案文件夹 DIR");

	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) !=
	    GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (gk_archive_export(db, (int)y, ag, dir, cli_now(now, sizeof(now)),
	    &items, err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		printf("已导出 %lld 年电子档案 %zu 条到 %s\n", y, items, dir);
		rc = 0;
	}
	gk_db_close(db);
	return rc;
}
