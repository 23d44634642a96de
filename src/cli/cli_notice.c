/*
 * cli_notice.c — `gongkai notice`: the printed notices of the 政务服务中心
 * 公示栏 (docs/notices.md). `pdf` and `week` print sheets through
 * doc/notice.h; `posted` and `removed` record what the officer did with
 * them on the notice channel (store/channel.h gk_channel_record, with the
 * item's content hash).
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "channels/channels.h"
#include "cli/cli.h"
#include "core/date.h"
#include "doc/doc.h"
#include "doc/notice.h"
#include "store/channel.h"
#include "store/db.h"

static const char notice_usage[] =
"用法: gongkai [--db PATH] notice pdf --item ID --out FILE [--html] [公示期选项]\n"
"      gongkai [--db PATH] notice week --agency ID --week YYYY-Www --out FILE [--html]\n"
"                                     [公示期选项]\n"
"      gongkai [--db PATH] notice posted ITEM [--at 时间] [--place 公示栏名称]\n"
"      gongkai [--db PATH] notice removed ITEM [--at 时间] [--place 公示栏名称]\n"
"\n"
"政务服务中心公示栏的纸质公示（docs/notices.md）：每条已发布信息一页 A4，\n"
"含发布机构、标题、索引号、发布日期、文号、正文（一页排不下时为开头部分并注明\n"
"“全文请扫码查看”）、指向门户网站该信息页面的二维码（边长 30 毫米）、平台名称\n"
"和公示期。二维码中的网址取自平台设置的网站地址（gongkai site set host …）。\n"
"\n"
"命令:\n"
"  pdf       一条信息的公示页\n"
"  week      一个机构在某一 ISO 周（周一至周日，按发布日期）发布的全部信息：\n"
"            首页为目录（序号、标题、索引号、发布日期、页码），其后每条一页\n"
"  posted    登记公示页已张贴（公示栏渠道记为已发布，并记下信息当时的内容摘要）\n"
"  removed   登记公示页已撤下\n"
"\n"
"选项:\n"
"  --item ID         信息编号\n"
"  --agency ID       机构编号\n"
"  --week YYYY-Www   ISO 周，如 2025-W21\n"
"  -o, --out FILE    输出文件（必填）；失败时不留下不完整的文件\n"
"  --html            输出带打印样式的 HTML（A4，无导航），而不是 PDF\n"
"  --from YYYY-MM-DD 公示期起始日（默认今天）\n"
"  --days N          公示期天数（默认 7，1 至 366）\n"
"  --at 时间          张贴或撤下的时间：YYYY-MM-DD 或 RFC 3339（默认现在）\n"
"  --place 名称       公示栏名称（默认 " GK_NOTICE_PLACE "）\n"
"  -h, --help        显示本帮助\n"
"\n"
"退出码：0 成功；1 数据库、文件错误或信息不存在、未发布；2 用法错误。\n";

struct notice_opts {
	const char	*item, *agency, *week, *out, *from, *days, *at, *place;
	int		 html;
};

/* Parses argv[2..]; the first bare word goes to *pos. 0, or the exit status. */
static int
parse(int argc, char **argv, struct notice_opts *o, const char **pos)
{
	static const struct { const char *name; size_t off; } opt[] = {
		{ "--item", offsetof(struct notice_opts, item) },
		{ "--agency", offsetof(struct notice_opts, agency) },
		{ "--week", offsetof(struct notice_opts, week) },
		{ "--out", offsetof(struct notice_opts, out) },
		{ "-o", offsetof(struct notice_opts, out) },
		{ "--from", offsetof(struct notice_opts, from) },
		{ "--days", offsetof(struct notice_opts, days) },
		{ "--at", offsetof(struct notice_opts, at) },
		{ "--place", offsetof(struct notice_opts, place) },
	};
	int	 i;
	size_t	 k;

	memset(o, 0, sizeof(*o));
	for (i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(notice_usage, stdout);
			return -1;
		}
		if (strcmp(argv[i], "--html") == 0) {
			o->html = 1;
			continue;
		}
		for (k = 0; k < sizeof(opt) / sizeof(opt[0]); k++)
			if (strcmp(argv[i], opt[k].name) == 0)
				break;
		if (k == sizeof(opt) / sizeof(opt[0])) {
			if (argv[i][0] == '-' && argv[i][1] != '\0')
				return cli_usage_error("notice ", "notice %s 不接受选项 '%s'",
				    argv[1], argv[i]);
			if (pos == NULL || *pos != NULL)
				return cli_usage_error("notice ", "多余的参数 '%s'", argv[i]);
			*pos = argv[i];
			continue;
		}
		if (i + 1 >= argc)
			return cli_usage_error("notice ", "%s 需要一个值", argv[i]);
		*(const char **)(void *)((char *)o + opt[k].off) = argv[++i];
	}
	return 0;
}

/* 公示期 from the options: 0, or the exit status. */
static int
period(const struct notice_opts *o, int32_t *from, int *days)
{
	char		 now[40];
	long long	 d;

	if (o->from != NULL) {
		if (gk_date_parse(o->from, strlen(o->from), from) != GK_OK)
			return cli_usage_error("notice ", "--from 需要日期 YYYY-MM-DD，而不是 '%s'",
			    o->from);
	} else if (gk_date_parse(cli_now(now, sizeof(now)), 10, from) != GK_OK) {
		fprintf(stderr, "gongkai: 无法确定今天的日期\n");
		return 1;
	}
	*days = GK_NOTICE_DAYS;
	if (o->days != NULL) {
		if (!cli_parse_int(o->days, 1, GK_NOTICE_DAYS_MAX, &d))
			return cli_usage_error("notice ", "--days 需要 1 至 %d 的整数，而不是 '%s'",
			    GK_NOTICE_DAYS_MAX, o->days);
		*days = (int)d;
	}
	return 0;
}

/* Renders the set and saves it to o->out. */
static int
render_save(struct notice_opts *o, struct gk_notice_set *set)
{
	struct gk_buf	 b;
	char		 err[512];
	enum gk_err	 e;
	int		 rc = 0;

	gk_buf_init(&b, 0);
	e = o->html ? gk_notice_html(set, &b, err, sizeof(err)) :
	    gk_notice_pdf(set, &b, err, sizeof(err));
	if (e == GK_OK)
		e = gk_doc_save(o->out, b.data, b.len, !o->html, err, sizeof(err));
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else
		fprintf(stderr, "已生成 %s：公示 %zu 页%s\n", o->out, set->n,
		    set->week_mon != GK_DATE_NONE ? "，另有目录" : "");
	gk_buf_clear(&b);
	return rc;
}

static int
open_db(struct gk_db **db, int ro)
{
	*db = cli_db_open(ro ? GK_DB_READONLY : 0);
	return *db == NULL;
}

static int
notice_print(int argc, char **argv, int week)
{
	struct notice_opts	 o;
	struct gk_notice_set	 set;
	struct gk_db		*db = NULL;
	int64_t			 id = 0;
	int32_t			 from, mon = 0, sun = 0;
	int			 days, rc;
	char			 err[512];
	enum gk_err		 e;

	if ((rc = parse(argc, argv, &o, NULL)) != 0)
		return rc < 0 ? 0 : rc;
	if (week) {
		if (o.agency == NULL || o.week == NULL)
			return cli_usage_error("notice ", "notice week 需要 --agency ID 和 --week YYYY-Www");
		if (!cli_parse_id(o.agency, &id))
			return cli_usage_error("notice ", "--agency 需要正整数编号，而不是 '%s'",
			    o.agency);
		if (gk_notice_week_parse(o.week, &mon, &sun) != GK_OK)
			return cli_usage_error("notice ",
			    "--week 需要 ISO 周 YYYY-Www（如 2025-W21），而不是 '%s'", o.week);
	} else {
		if (o.item == NULL)
			return cli_usage_error("notice ", "notice pdf 需要 --item ID");
		if (!cli_parse_id(o.item, &id))
			return cli_usage_error("notice ", "--item 需要正整数编号，而不是 '%s'", o.item);
	}
	if (o.out == NULL)
		return cli_usage_error("notice ", "需要 --out FILE");
	if ((rc = period(&o, &from, &days)) != 0)
		return rc;
	if (open_db(&db, 1) != 0)
		return 1;
	e = week ? gk_notice_load_week(db, id, mon, from, days, &set, err, sizeof(err)) :
	    gk_notice_load_item(db, id, from, days, &set, err, sizeof(err));
	gk_db_close(db);
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (set.n == 0) {
		char a[GK_DATE_LEN], z[GK_DATE_LEN];

		gk_date_format(mon, a);
		gk_date_format(sun, z);
		fprintf(stderr, "gongkai: 机构 %lld 在 %s（%s 至 %s）没有发布信息，未生成文件\n",
		    (long long)id, o.week, a, z);
		gk_notice_set_free(&set);
		return 1;
	}
	rc = render_save(&o, &set);
	gk_notice_set_free(&set);
	return rc;
}

/* `notice posted|removed ITEM [--at T] [--place P]`. */
static int
notice_record(int argc, char **argv, int posted)
{
	struct notice_opts	 o;
	struct gk_db		*db = NULL;
	const char		*pos = NULL, *at;
	char			 err[512], now[40], actor[128], hex[65];
	int64_t			 id;
	int			 rc;
	enum gk_err		 e;

	if ((rc = parse(argc, argv, &o, &pos)) != 0)
		return rc < 0 ? 0 : rc;
	if (pos == NULL)
		return cli_usage_error("notice ", "notice %s 需要信息编号 ITEM", argv[1]);
	if (!cli_parse_id(pos, &id))
		return cli_usage_error("notice ", "信息编号应为正整数，而不是 '%s'", pos);
	if (o.item != NULL || o.agency != NULL || o.week != NULL || o.out != NULL ||
	    o.from != NULL || o.days != NULL || o.html)
		return cli_usage_error("notice ", "notice %s 只接受 --at 和 --place", argv[1]);
	at = o.at != NULL ? o.at : cli_now(now, sizeof(now));
	if (open_db(&db, 0) != 0)
		return 1;
	e = gk_channel_item_hash(db, id, hex, err, sizeof(err));
	if (e == GK_OK)
		e = gk_channel_record(db, cli_actor(actor, sizeof(actor)), id, GK_CH_NOTICE,
		    posted ? GK_CH_PUBLISHED : GK_CH_REMOVED, at, hex,
		    o.place != NULL ? o.place : GK_NOTICE_PLACE, NULL, err, sizeof(err));
	gk_db_close(db);
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	printf("信息 %lld 的公示页已于 %s %s（%s）\n", (long long)id, at,
	    posted ? "张贴" : "撤下", o.place != NULL ? o.place : GK_NOTICE_PLACE);
	return 0;
}

int
cli_notice(int argc, char **argv)
{
	if (argc < 2 || cli_is_help(argv[1])) {
		fputs(notice_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "pdf") == 0)
		return notice_print(argc, argv, 0);
	if (strcmp(argv[1], "week") == 0)
		return notice_print(argc, argv, 1);
	if (strcmp(argv[1], "posted") == 0)
		return notice_record(argc, argv, 1);
	if (strcmp(argv[1], "removed") == 0)
		return notice_record(argc, argv, 0);
	return cli_usage_error("notice ", "未知的子命令 '%s'", argv[1]);
}
