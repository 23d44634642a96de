/*
 * cli_figures.c — `gongkai figures set|import|show`: the 第二十条 figures
 * and other facts of an agency-year (store/figures.h) and the counts the
 * report derives from items (store/report_data.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/report_gen.h"
#include "store/db.h"
#include "store/figures.h"
#include "store/report_data.h"

static const char figures_usage[] =
"用法: gongkai [--db PATH] figures set --agency ID --year Y KEY VALUE [--source TEXT]\n"
"      gongkai [--db PATH] figures import FILE\n"
"      gongkai [--db PATH] figures show --agency ID --year Y\n"
"\n"
"年度报告第二部分（条例第二十条）需要录入的数据，以及叙述部分使用的其他数据。\n"
"\n"
"命令:\n"
"  set     录入或修改一项数据（附来源说明）\n"
"  import  从 CSV 导入：表头一行，然后每行“机关,年度,键,数值,来源”；机关为编号或\n"
"          统一社会信用代码。任何一行有错时逐行报告（含行号），一行也不导入\n"
"  show    显示该年度录入的数据，以及由信息派生的规章、行政规范性文件件数\n"
"\n"
"键（KEY）:\n"
"  license 行政许可、penalty 行政处罚、coercion 行政强制（本年处理决定数量）；\n"
"  admin_fee 行政事业性收费（万元，可有小数）；trainings 培训次数；\n"
"  2019 年模板另有 license.prev、license.delta、service、service.prev、\n"
"  service.delta、penalty.prev、penalty.delta、coercion.prev、coercion.delta、\n"
"  admin_fee.prev、admin_fee.delta、procurement.count、procurement.amount；\n"
"  其他小写键（a-z 0-9 _ .）也可录入，在叙述中以 {{figure.键}} 引用。\n"
"  详见 docs/report-generate.md。\n"
"\n"
"退出码：0 成功；1 数据或数据库错误；2 用法错误。\n";

struct fopts {
	int64_t		 agency;
	int		 year;
	const char	*source;
	const char	*args[3];
	int		 nargs;
};

/* -1 on success, else the exit status. */
static int
parse(int argc, char **argv, struct fopts *o, int want_source)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_is_help(a)) {
			fputs(figures_usage, stdout);
			return 0;
		}
		if (a[0] == '-' && a[1] != '\0' && !(a[1] >= '0' && a[1] <= '9') && a[1] != '.') {
			if (strcmp(a, "--agency") != 0 && strcmp(a, "--year") != 0 &&
			    !(want_source && strcmp(a, "--source") == 0))
				return cli_usage_error("figures ", "figures %s 不接受选项 '%s'", argv[0], a);
			if (i + 1 >= argc)
				return cli_usage_error("figures ", "%s 需要一个值", a);
			if (a[2] == 'a') {
				if (!cli_parse_id(argv[++i], &o->agency))
					return cli_usage_error("figures ", "--agency 需要机构编号，而不是 '%s'",
					    argv[i]);
			} else if (a[2] == 'y') {
				long long y;

				if (!cli_parse_int(argv[++i], GK_FIGURE_YEAR_MIN, GK_FIGURE_YEAR_MAX, &y))
					return cli_usage_error("figures ", "--year 需要年份（%d–%d），而不是 '%s'",
					    GK_FIGURE_YEAR_MIN, GK_FIGURE_YEAR_MAX, argv[i]);
				o->year = (int)y;
			} else
				o->source = argv[++i];
			continue;
		}
		if (o->nargs >= 3)
			return cli_usage_error("figures ", "多余的参数 '%s'", a);
		o->args[o->nargs++] = a;
	}
	return -1;
}

static int
open_db(int flags, struct gk_db **db)
{
	char err[512];

	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING | flags, db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	return 0;
}

static int
cmd_set(int argc, char **argv)
{
	struct fopts	 o;
	struct gk_db	*db;
	int64_t		 v;
	char		 err[512], now[64], actor[128];
	int		 rc;

	if ((rc = parse(argc, argv, &o, 1)) != -1)
		return rc;
	if (o.agency == 0 || o.year == 0 || o.nargs != 2)
		return cli_usage_error("figures ", "用法：figures set --agency ID --year Y KEY VALUE [--source TEXT]");
	if (!gk_gen_figkey_valid(o.args[0]))
		return cli_usage_error("figures ", "键“%s”无效（小写字母开头，只含 a-z 0-9 _ .）", o.args[0]);
	if (gk_gen_figure_parse(o.args[0], o.args[1], &v, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (open_db(0, &db) != 0)
		return 1;
	rc = gk_figure_set(db, cli_actor(actor, sizeof(actor)), o.agency, o.year, o.args[0], v,
	    o.source, cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK;
	gk_db_close(db);
	if (rc)
		fprintf(stderr, "gongkai: %s\n", err);
	else
		printf("已录入 %lld 机构 %d 年度 %s = %s\n", (long long)o.agency, o.year, o.args[0],
		    o.args[1]);
	return rc;
}

static int
cmd_import(int argc, char **argv)
{
	struct fopts	 o;
	struct gk_db	*db;
	struct gk_buf	 probs;
	char		 err[512], now[64], actor[128], *buf;
	size_t		 len, n = 0;
	enum gk_err	 e;
	int		 rc;

	if ((rc = parse(argc, argv, &o, 0)) != -1)
		return rc;
	if (o.nargs != 1 || o.agency != 0 || o.year != 0)
		return cli_usage_error("figures ", "用法：figures import FILE");
	if ((e = cli_read_file(o.args[0], GK_FIGURE_CSV_MAX, &buf, &len)) != GK_OK) {
		fprintf(stderr, "gongkai: %s: %s\n", o.args[0], e == GK_ENOTFOUND ? "文件不存在" :
		    e == GK_ELIMIT ? "文件过大" : "无法读取文件");
		return 1;
	}
	if (open_db(0, &db) != 0) {
		gk_free(buf);
		return 1;
	}
	gk_buf_init(&probs, 0);
	e = gk_figure_import(db, cli_actor(actor, sizeof(actor)), buf, len,
	    cli_now(now, sizeof(now)), &n, &probs, err, sizeof(err));
	gk_db_close(db);
	gk_free(buf);
	if (e != GK_OK) {
		if (probs.data != NULL)
			fputs(probs.data, stderr);
		fprintf(stderr, "gongkai: %s: %s\n", o.args[0], err);
	} else
		printf("已导入 %zu 项数据\n", n);
	gk_buf_clear(&probs);
	return e != GK_OK;
}

static void
print_value(const char *key, int64_t v)
{
	struct gk_cell			 c;
	const struct gk_gen_figkey	*k = gk_gen_figkey_find(key);
	char				 s[64];

	gk_cell_set_num(&c, v);
	gk_cell_format(&c, s, sizeof(s));
	printf("  %-20s %-12s %s", key, s, k ? k->label : "");
}

static int
cmd_show(int argc, char **argv)
{
	static const char *const docs[GK_GEN_DOC__MAX] = { "规章", "行政规范性文件" };
	struct fopts		 o;
	struct gk_db		*db;
	struct gk_figure_list	 l;
	struct gk_gen_counts	 c;
	struct gk_findings	 fs;
	char			 err[512];
	size_t			 i;
	int			 rc, d;

	if ((rc = parse(argc, argv, &o, 0)) != -1)
		return rc;
	if (o.agency == 0 || o.year == 0 || o.nargs != 0)
		return cli_usage_error("figures ", "用法：figures show --agency ID --year Y");
	if (open_db(GK_DB_READONLY, &db) != 0)
		return 1;
	gk_findings_init(&fs);
	if (gk_report_counts(db, o.agency, o.year, &c, &fs, err, sizeof(err)) != GK_OK ||
	    gk_figure_list(db, o.agency, o.year, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_findings_clear(&fs);
		gk_db_close(db);
		return 1;
	}
	gk_findings_clear(&fs);
	gk_db_close(db);
	printf("%d 年度录入的数据（%zu 项）：\n", o.year, l.n);
	for (i = 0; i < l.n; i++) {
		print_value(l.v[i].key, l.v[i].value);
		if (l.v[i].source[0] != '\0')
			printf("  来源：%s", l.v[i].source);
		putchar('\n');
	}
	for (i = 0; i < gk_gen_nfigkeys; i++) {
		size_t j;

		if ((o.year >= 2021 ? gk_gen_figkeys[i].s2_2021 : gk_gen_figkeys[i].s2_2019) < 0)
			continue;
		for (j = 0; j < l.n && strcmp(l.v[j].key, gk_gen_figkeys[i].key) != 0; j++)
			;
		if (j == l.n)
			printf("  %-20s %-12s %s\n", gk_gen_figkeys[i].key, "（未录入）",
			    gk_gen_figkeys[i].label);
	}
	printf("由信息派生（第二十条第（一）项）：\n");
	for (d = 0; d < GK_GEN_DOC__MAX; d++)
		printf("  %s：本年制发 %lld，本年废止 %lld，现行有效 %lld；本年发布 %lld，"
		    "年末公开 %lld\n", docs[d], (long long)c.doc_issued[d],
		    (long long)c.doc_repealed[d], (long long)c.doc_inforce[d],
		    (long long)c.doc_published[d], (long long)c.doc_public[d]);
	gk_figure_list_free(&l);
	return 0;
}

int
cli_figures(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("figures ", "缺少子命令（set、import 或 show）");
	if (cli_is_help(argv[1])) {
		fputs(figures_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "set") == 0)
		return cmd_set(argc - 1, argv + 1);
	if (strcmp(argv[1], "import") == 0)
		return cmd_import(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return cmd_show(argc - 1, argv + 1);
	return cli_usage_error("figures ", "未知的子命令 '%s'", argv[1]);
}
