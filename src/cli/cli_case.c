/*
 * cli_case.c — `gongkai case add|update|list`: reconsideration and
 * litigation cases about disclosure (the annual report's section 四). A
 * thin layer over src/store/legal_case.h.
 */
#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "store/db.h"
#include "store/legal_case.h"

static const char case_usage[] =
"用法: gongkai [--db PATH] case COMMAND [OPTIONS]\n"
"\n"
"政府信息公开行政复议、行政诉讼案件（年度报告第四部分）。\n"
"\n"
"命令:\n"
"  add --agency ID --route R --filed DATE [--application ID] [--case-no N] [--note TEXT]\n"
"        登记案件（尚未审结）。R 为 行政复议、未经复议直接起诉、复议后起诉\n"
"        （或 recon、suit_direct、suit_after）；DATE 为申请复议或起诉的日期；\n"
"        --application 为所涉的依申请公开申请（须属同一机构，且收到日期不晚于 DATE）\n"
"  update ID --result R --closed DATE\n"
"        记录结果（每件只能记录一次）：R 为 维持、纠正、其他结果\n"
"        （或 upheld、corrected、other）；审结日期不得早于申请（起诉）日期\n"
"  list [--agency ID] [--year Y]\n"
"        列出案件（按申请或起诉日期）；Y 为申请（起诉）的年份\n"
"\n"
"选项:\n"
"  --as LOGIN   操作人；未指定时取 $GONGKAI_ACTOR，否则为 cli:$USER。操作人是某用户的\n"
"               登录名时，须为该机构的信息公开工作人员、政务公开办或系统管理员\n"
"  -h, --help   显示本帮助\n"
"日期格式为 YYYY-MM-DD，晚于今天的日期被拒绝。时间取 $GONGKAI_NOW（ISO 8601），否则为\n"
"当前时间。每次变更都写入审计链。年度报告按申请（起诉）年份统计，年底尚未审结的案件\n"
"计入当年的“尚未审结”。\n"
"\n"
"退出码：0 成功；1 被拒绝（结果已记录、日期不合、无权操作）或数据库错误；2 用法错误。\n";

enum opt { O_AS, O_AGENCY, O_ROUTE, O_FILED, O_APPLICATION, O_CASE_NO, O_NOTE,
	O_RESULT, O_CLOSED, O_YEAR, O__MAX };

static const char *const opt_names[O__MAX] = {
	"--as", "--agency", "--route", "--filed", "--application", "--case-no",
	"--note", "--result", "--closed", "--year",
};

#define B(o)	(1u << (o))

static const struct {
	const char	*name;
	int		 takes_id;
	unsigned	 allowed;
} subs[] = {
	{ "add", 0, B(O_AS) | B(O_AGENCY) | B(O_ROUTE) | B(O_FILED) | B(O_APPLICATION) |
	    B(O_CASE_NO) | B(O_NOTE) },
	{ "update", 1, B(O_AS) | B(O_RESULT) | B(O_CLOSED) },
	{ "list", 0, B(O_AGENCY) | B(O_YEAR) },
};

static int
case_date(const char *opt, const char *s, int32_t *d)
{
	if (s == NULL)
		return cli_usage_error("case ", "缺少 %s DATE", opt);
	if (gk_date_parse(s, strlen(s), d) != GK_OK)
		return cli_usage_error("case ", "%s 须为 YYYY-MM-DD 格式的日期，而不是 '%s'",
		    opt, s);
	return 0;
}

int
cli_case(int argc, char **argv)
{
	const char		*v[O__MAX];
	struct gk_db		*db;
	struct gk_case_list	 l;
	enum gk_s4route		 route;
	enum gk_s4res		 result;
	char			 err[1024], now[64], actor[128], d1[GK_DATE_LEN], d2[GK_DATE_LEN];
	int64_t			 id = 0, agency = 0, app = 0;
	int32_t			 filed, closed;
	long long		 year = 0;
	size_t			 k, i;
	int			 sub = -1, o, j, rc;

	if (argc < 2)
		return cli_usage_error("case ", "缺少子命令");
	if (cli_is_help(argv[1])) {
		fputs(case_usage, stdout);
		return 0;
	}
	for (k = 0; k < sizeof(subs) / sizeof(subs[0]); k++)
		if (strcmp(argv[1], subs[k].name) == 0)
			sub = (int)k;
	if (sub < 0)
		return cli_usage_error("case ", "未知的子命令 '%s'", argv[1]);
	memset(v, 0, sizeof(v));
	for (j = 2; j < argc; j++) {
		if (cli_is_help(argv[j])) {
			fputs(case_usage, stdout);
			return 0;
		}
		if (argv[j][0] == '-' && argv[j][1] == '-') {
			for (o = 0; o < O__MAX; o++)
				if (strcmp(argv[j], opt_names[o]) == 0)
					break;
			if (o == O__MAX || !(subs[sub].allowed & B(o)))
				return cli_usage_error("case ", "case %s 不接受选项 '%s'",
				    subs[sub].name, argv[j]);
			if (j + 1 >= argc)
				return cli_usage_error("case ", "%s 需要一个值", argv[j]);
			v[o] = argv[++j];
		} else if (subs[sub].takes_id && id == 0) {
			if (!cli_parse_id(argv[j], &id))
				return cli_usage_error("case ", "案件编号须为正整数，而不是 '%s'",
				    argv[j]);
		} else
			return cli_usage_error("case ", "多余的参数 '%s'", argv[j]);
	}
	if (subs[sub].takes_id && id == 0)
		return cli_usage_error("case ", "case %s 缺少案件编号 ID", subs[sub].name);
	if (v[O_AGENCY] != NULL && !cli_parse_id(v[O_AGENCY], &agency))
		return cli_usage_error("case ", "--agency 需要正整数编号，而不是 '%s'", v[O_AGENCY]);
	if (v[O_APPLICATION] != NULL && !cli_parse_id(v[O_APPLICATION], &app))
		return cli_usage_error("case ", "--application 需要正整数编号，而不是 '%s'",
		    v[O_APPLICATION]);
	if (v[O_YEAR] != NULL && !cli_parse_int(v[O_YEAR], 1, 9998, &year))
		return cli_usage_error("case ", "--year 须为年份，而不是 '%s'", v[O_YEAR]);
	if (sub == 0) {
		if (agency == 0)
			return cli_usage_error("case ", "case add 缺少 --agency ID");
		if (v[O_ROUTE] == NULL || !gk_case_route_from_name(v[O_ROUTE], &route))
			return cli_usage_error("case ", "--route 须为 行政复议、未经复议直接起诉、"
			    "复议后起诉 之一");
		if ((rc = case_date("--filed", v[O_FILED], &filed)) != 0)
			return rc;
	} else if (sub == 1) {
		if (v[O_RESULT] == NULL || !gk_case_result_from_name(v[O_RESULT], &result) ||
		    result == GK_S4_PENDING)
			return cli_usage_error("case ", "--result 须为 维持、纠正、其他结果 之一");
		if ((rc = case_date("--closed", v[O_CLOSED], &closed)) != 0)
			return rc;
	}
	cli_now(now, sizeof(now));
	if (v[O_AS] != NULL)
		gk_strlcpy_utf8(actor, v[O_AS], sizeof(actor));
	else
		cli_actor(actor, sizeof(actor));
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	rc = 1;
	if (sub == 0) {
		if (gk_case_add(db, actor, agency, route, filed, app, v[O_CASE_NO], v[O_NOTE],
		    now, &id, err, sizeof(err)) != GK_OK)
			fprintf(stderr, "gongkai: %s\n", err);
		else {
			printf("已登记案件 %lld：%s，%s，尚未审结\n", (long long)id,
			    gk_s4_routes[route], v[O_FILED]);
			rc = 0;
		}
	} else if (sub == 1) {
		if (gk_case_update(db, actor, id, result, closed, now, err,
		    sizeof(err)) != GK_OK)
			fprintf(stderr, "gongkai: %s\n", err);
		else {
			printf("案件 %lld：%s，%s 审结\n", (long long)id,
			    gk_case_result_label(result), v[O_CLOSED]);
			rc = 0;
		}
	} else if (gk_case_list(db, agency, (int)year, &l, err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		if (l.n == 0)
			printf("没有符合条件的案件\n");
		for (i = 0; i < l.n; i++) {
			const struct gk_case *c = &l.v[i];

			gk_date_format(c->filed, d1);
			gk_date_format(c->closed, d2);
			printf("%lld\t机构%lld\t%s\t%s\t%s\t%s", (long long)c->id,
			    (long long)c->agency_id, gk_s4_routes[c->route], d1,
			    c->case_no[0] ? c->case_no : "-", gk_case_result_label(c->result));
			if (c->result != GK_S4_PENDING)
				printf("\t%s 审结", d2);
			if (c->application_id != 0)
				printf("\t申请 %lld", (long long)c->application_id);
			printf("\n");
		}
		gk_case_list_free(&l);
		rc = 0;
	}
	gk_db_close(db);
	return rc;
}
