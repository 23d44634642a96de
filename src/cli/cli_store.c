/*
 * cli_store.c — `gongkai init`, `gongkai audit verify`, `gongkai backup`
 * and `gongkai agency add|list|show|set|unset|contact`: thin layers over src/store (db.h,
 * audit.h, agency.h). The only place here that reads the clock is
 * cli_now(), which the library never does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cli/cli.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/audit.h"
#include "store/db.h"
#include "core/indexno.h"
#include "core/timeliness.h"

static const char init_usage[] =
"用法: gongkai [--db PATH] init\n"
"\n"
"创建数据库，或把已有数据库的结构升级到本程序的最新版本（只进不退）。\n"
"输出结构版本。数据库路径：--db PATH，否则 $GONGKAI_DB，否则 ./gongkai.db。\n"
"\n"
"退出码：0 成功；1 无法创建、升级，或数据库版本比本程序新；2 用法错误。\n";

static const char audit_usage[] =
"用法: gongkai [--db PATH] audit verify\n"
"\n"
"  verify   重新计算整条审计链（每条记录含前一条的 SHA-256 哈希），\n"
"           指出第一条被篡改、删除或插入的记录；完好时输出记录数和链尾哈希\n"
"           （可另行留存链尾哈希，以便日后发现末尾记录被截去）。\n"
"\n"
"退出码：0 审计链完整；1 审计链被破坏（指出第一条问题记录）；\n"
"        2 无法打开数据库或用法错误。\n";

static const char backup_usage[] =
"用法: gongkai [--db PATH] backup FILE\n"
"\n"
"用 SQLite 在线备份接口把数据库复制到 FILE（FILE 不得已存在）。\n"
"备份取自同一时刻的一致快照，其他进程可同时写入；完成后检查备份的\n"
"完整性并校验其审计链。\n"
"\n"
"退出码：0 备份完成且校验通过；1 备份或校验失败；2 无法打开数据库或用法错误。\n";

static const char agency_usage[] =
"用法: gongkai [--db PATH] agency COMMAND [OPTIONS]\n"
"\n"
"  add NAME --code USCC [--parent ID] [--level LEVEL]\n"
"        登记机构。USCC 为 18 位统一社会信用代码（按 GB 32100-2015 校验）；\n"
"        --parent ID   上级机构（本级政府）的编号\n"
"        --level LEVEL 国家级、省级、市级、县级或乡级\n"
"  list  列出全部机构：编号、名称、统一社会信用代码、级别、上级编号\n"
"  show ID\n"
"        机构详情、联系信息、已保存的设置，以及实际生效的索引号规则和时效规则\n"
"        （未设置的标“默认”）\n"
"  set ID indexno-pattern PATTERN\n"
"        设置索引号规则，如 '{code}/{year}-{seq:5}'（占位符 {code} {year}\n"
"        {month} {seq:N} {category}；按规则解析器校验，无效时说明原因）\n"
"  set ID timeliness PATH DAYS\n"
"        设置栏目 PATH（须为本机构的栏目，如 工作动态 或 政策文件/规章）及其\n"
"        下级栏目的公开时限：DAYS 为 1～20 个工作日（条例第二十六条：不超过 20）\n"
"  set ID apply.fee_pauses_clock 0|1\n"
"        依申请公开：1（默认）自发出收费通知至缴费之日不计入答复期限；0 照常计时\n"
"  set ID apply.answer_days DAYS\n"
"        依申请公开的答复期限（承诺时限）：1～20 个工作日（条例第三十三条：20）\n"
"  set ID apply.review_body 名称\n"
"        答复告知书中的行政复议机关（默认为上级机构）\n"
"  set ID apply.letter_prefix 代字\n"
"        答复告知书编号〔年份〕前的机关代字\n"
"  set ID fee.item_band_size N | fee.item_band_raise 分 | fee.volume_needs_copy_form 0|1\n"
"        信息处理费：按件 31 件起每档件数（默认 10）、每档加收（默认 10000 分即\n"
"        100 元/件）；按量是否只用于纸质件、电子邮件、复制电子数据（默认 1）\n"
"  unset ID indexno-pattern | unset ID timeliness PATH | unset ID apply.KEY\n"
"        删除该设置，恢复默认\n"
"  contact ID [--office S] [--address S] [--postcode S] [--phone S] [--fax S]\n"
"          [--email S] [--hours S] [--as LOGIN]\n"
"        设置机构的联系信息（答复告知书的“联系机构”一段即取自此处）：\n"
"        --office 政府信息公开工作机构（如 办公室）、--address 地址、\n"
"        --postcode 邮政编码（6 位数字）、--phone 联系电话、--fax 传真\n"
"        （数字、空格、-、(、)、+ 和“转”）、--email 电子邮箱、--hours 办公时间；\n"
"        每项不超过 200 个字符；未给出的项保持不变，给出空字符串 '' 即清除该项。\n"
"        ID 也可写作 --agency ID；--as（或 --actor）LOGIN 指定操作人\n"
"\n"
"操作人取 $GONGKAI_ACTOR，否则为 cli:$USER；时间取 $GONGKAI_NOW（ISO 8601），\n"
"否则为当前时间。每次变更都写入审计链。\n"
"权限：命令行是服务器操作员的工具，能运行它的人也能直接改写数据库文件；\n"
"操作人不是任何用户的登录名时（如 cli:root）按操作员处理，不再检查；\n"
"操作人是某用户的登录名时，set/unset/contact 要求该用户在用且是本机构或其上级机构的\n"
"admin。\n"
"\n"
"退出码：0 成功；1 被拒绝（代码无效、重复、上级不存在、规则无效、栏目不存在、\n"
"        联系信息格式不对、无权操作）或数据库错误；2 用法错误。\n";

int
cli_init(int argc, char **argv)
{
	struct gk_db	*db;
	char		 err[512];

	if (argc >= 2 && cli_is_help(argv[1])) {
		fputs(init_usage, stdout);
		return 0;
	}
	if (argc > 1)
		return cli_usage_error("init ", "init 不接受参数 '%s'", argv[1]);
	if (gk_db_open(cli_db_path(), &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (gk_db_version_at_open(db) == gk_db_version(db))
		printf("数据库 %s：结构版本 %d（已是最新）\n", cli_db_path(),
		    gk_db_version(db));
	else if (gk_db_version_at_open(db) == 0)
		printf("数据库 %s：已创建，结构版本 %d\n", cli_db_path(),
		    gk_db_version(db));
	else
		printf("数据库 %s：结构版本 %d（由版本 %d 升级）\n", cli_db_path(),
		    gk_db_version(db), gk_db_version_at_open(db));
	gk_db_close(db);
	return 0;
}

/* Opens an existing, initialised database for reading the ledger; prints why not. */
static struct gk_db *
store_open_existing(const char *path)
{
	struct gk_db	*db;
	char		 err[512];

	if (gk_db_open_ex(path, GK_DB_EXISTING | GK_DB_NOMIGRATE, &db, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return NULL;
	}
	if (gk_db_version(db) < 1) {
		fprintf(stderr, "gongkai: %s 不是已初始化的 gongkai 数据库（先运行 gongkai init）\n",
		    path);
		gk_db_close(db);
		return NULL;
	}
	return db;
}

int
cli_audit(int argc, char **argv)
{
	struct gk_db		*db;
	struct gk_audit_result	 r;
	char			 err[512];

	if (argc < 2)
		return cli_usage_error("audit ", "缺少子命令（verify）");
	if (cli_is_help(argv[1])) {
		fputs(audit_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "verify") != 0)
		return cli_usage_error("audit ", "未知的子命令 '%s'", argv[1]);
	if (argc > 2) {
		if (cli_is_help(argv[2])) {
			fputs(audit_usage, stdout);
			return 0;
		}
		return cli_usage_error("audit ", "audit verify 不接受参数 '%s'", argv[2]);
	}
	if ((db = store_open_existing(cli_db_path())) == NULL)
		return 2;
	if (gk_audit_verify(db, &r, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 2;
	}
	gk_db_close(db);
	if (r.fault != GK_AUDIT_INTACT) {
		printf("审计链被破坏：%s\n", r.msg);
		printf("此前 %lld 条记录完好。\n", (long long)r.head_seq);
		return 1;
	}
	printf("%s\n", r.msg);
	if (r.entries > 0)
		printf("链尾：第 %lld 条，哈希 %s\n", (long long)r.head_seq, r.head);
	return 0;
}

int
cli_backup(int argc, char **argv)
{
	struct gk_db		*db, *bk;
	struct gk_audit_result	 r;
	char			 err[512];
	int			 pages;

	if (argc >= 2 && cli_is_help(argv[1])) {
		fputs(backup_usage, stdout);
		return 0;
	}
	if (argc < 2)
		return cli_usage_error("backup ", "缺少备份文件 FILE");
	if (argv[1][0] == '-' && argv[1][1] != '\0')
		return cli_usage_error("backup ", "未知选项 '%s'", argv[1]);
	if (argc > 2)
		return cli_usage_error("backup ", "多余的参数 '%s'", argv[2]);
	if ((db = store_open_existing(cli_db_path())) == NULL)
		return 2;
	if (gk_db_backup(db, argv[1], &pages, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	/* The copy must open, pass integrity_check and carry an intact chain. */
	if (gk_db_open_ex(argv[1], GK_DB_EXISTING | GK_DB_NOMIGRATE, &bk, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: 备份无法打开：%s\n", err);
		return 1;
	}
	if (gk_db_integrity(bk, err, sizeof(err)) != GK_OK ||
	    gk_audit_verify(bk, &r, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: 备份校验失败：%s\n", err);
		gk_db_close(bk);
		return 1;
	}
	gk_db_close(bk);
	if (r.fault != GK_AUDIT_INTACT) {
		fprintf(stderr, "gongkai: 备份的审计链被破坏：%s\n", r.msg);
		return 1;
	}
	printf("备份完成：%s（%d 页），完整性检查通过，审计链完整（%lld 条记录）\n",
	    argv[1], pages, (long long)r.entries);
	return 0;
}

static int
agency_add(int argc, char **argv)
{
	struct gk_db	*db;
	const char	*name = NULL, *code = NULL, *level = "";
	int64_t		 parent = 0, id;
	char		 err[512], now[64], actor[128];
	int		 i;

	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(agency_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--code") == 0 || strcmp(argv[i], "--parent") == 0 ||
		    strcmp(argv[i], "--level") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("agency ", "%s 需要一个值", argv[i]);
			if (strcmp(argv[i], "--code") == 0)
				code = argv[++i];
			else if (strcmp(argv[i], "--level") == 0)
				level = argv[++i];
			else if (!cli_parse_id(argv[++i], &parent))
				return cli_usage_error("agency ", "--parent 需要正整数编号，而不是 '%s'",
				    argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("agency ", "未知选项 '%s'", argv[i]);
		else if (name == NULL)
			name = argv[i];
		else
			return cli_usage_error("agency ", "多余的参数 '%s'", argv[i]);
	}
	if (name == NULL)
		return cli_usage_error("agency ", "缺少机构名称 NAME");
	if (code == NULL)
		return cli_usage_error("agency ", "缺少 --code USCC（统一社会信用代码）");
	if (gk_db_open(cli_db_path(), &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	/* The agency and its default category tree, in one transaction. */
	cli_actor(actor, sizeof(actor));
	cli_now(now, sizeof(now));
	if (gk_db_tx_begin(db, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, actor, name, code, parent, level, now, &id, err,
	    sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, id, actor, now, err, sizeof(err)) != GK_OK ||
	    gk_db_tx_commit(db, err, sizeof(err)) != GK_OK) {
		if (gk_db_in_tx(db))
			gk_db_tx_rollback(db);
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	printf("已登记机构 %lld：%s（%s）\n", (long long)id, name, code);
	return 0;
}

static int
agency_list(int argc, char **argv)
{
	struct gk_db		*db;
	struct gk_agency_list	 l;
	char			 err[512];
	size_t			 i;

	if (argc > 1) {
		if (cli_is_help(argv[1])) {
			fputs(agency_usage, stdout);
			return 0;
		}
		return cli_usage_error("agency ", "agency list 不接受参数 '%s'", argv[1]);
	}
	if ((db = store_open_existing(cli_db_path())) == NULL)
		return 1;
	if (gk_agency_list(db, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	printf("编号\t名称\t统一社会信用代码\t级别\t上级\n");
	for (i = 0; i < l.n; i++) {
		printf("%lld\t%s\t%s\t%s\t", (long long)l.v[i].id, l.v[i].name,
		    l.v[i].uscc, l.v[i].level[0] ? l.v[i].level : "-");
		if (l.v[i].parent_id)
			printf("%lld\n", (long long)l.v[i].parent_id);
		else
			printf("-\n");
	}
	gk_agency_list_free(&l);
	return 0;
}

/* One effective timeliness rule: "默认" when the default table has it unchanged. */
static void
agency_print_rule(const struct timeliness_rule *r, const struct timeliness_rules *def)
{
	size_t	i;
	int	is_default = 0;

	for (i = 0; i < def->n; i++)
		if (strcmp(def->v[i].category, r->category) == 0)
			is_default = def->v[i].days == r->days && def->v[i].base == r->base;
	printf("  %s\t%d 个工作日\t%s\t%s\n",
	    strcmp(r->category, TIMELINESS_ANY) == 0 ? "*（其他栏目）" : r->category,
	    r->days, r->base == TIMELINESS_FROM_EVENT_END ? "自活动结束之日起" :
	    "自成文（形成或变更）之日起", is_default ? "默认" : "机构设置");
}

/* The contact details, "-" for a field not given. */
static void
agency_print_contact(const struct gk_agency *a)
{
	const char	*label, *v;
	size_t		 i;

	printf("联系信息：\n");
	for (i = 0; (v = gk_agency_contact_field(a, i, &label)) != NULL; i++)
		printf("  %s：%s\n", label, v[0] != '\0' ? v : "-");
}

static int
agency_show(int argc, char **argv)
{
	struct gk_db			*db;
	struct gk_agency		 a;
	struct gk_agency_settings	 set;
	struct timeliness_rules		 rules, def;
	char				 err[512], pattern[GK_AGENCY_SETTING_MAX + 1];
	int64_t				 id;
	size_t				 i;
	int				 custom;

	if (argc > 1 && cli_is_help(argv[1])) {
		fputs(agency_usage, stdout);
		return 0;
	}
	if (argc < 2)
		return cli_usage_error("agency ", "agency show 缺少机构编号 ID");
	if (!cli_parse_id(argv[1], &id))
		return cli_usage_error("agency ", "机构编号须为正整数，而不是 '%s'", argv[1]);
	if (argc > 2)
		return cli_usage_error("agency ", "多余的参数 '%s'", argv[2]);
	if ((db = store_open_existing(cli_db_path())) == NULL)
		return 1;
	if (gk_agency_get(db, id, &a, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	if (gk_agency_setting_list(db, id, &set, err, sizeof(err)) != GK_OK ||
	    gk_agency_indexno_pattern(db, id, pattern, sizeof(pattern), err,
	    sizeof(err)) != GK_OK ||
	    gk_agency_timeliness_rules(db, id, &rules, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_agency_clear(&a);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	printf("机构 %lld：%s\n", (long long)a.id, a.name);
	printf("统一社会信用代码：%s\n", a.uscc);
	printf("级别：%s\n", a.level[0] ? a.level : "-");
	if (a.parent_id)
		printf("上级机构：%lld\n", (long long)a.parent_id);
	else
		printf("上级机构：-\n");
	printf("登记时间：%s\n", a.created_at);
	agency_print_contact(&a);
	custom = strcmp(pattern, INDEXNO_DEFAULT_PATTERN) != 0;
	for (i = 0; i < set.n; i++)
		if (strcmp(set.key[i], GK_AGENCY_SETTING_INDEXNO) == 0)
			custom = 1;
	printf("索引号规则：%s（%s）\n", pattern, custom ? "机构设置" : "默认");
	printf("公开时限规则：\n");
	timeliness_rules_default(&def);
	for (i = 0; i < rules.n; i++)
		agency_print_rule(&rules.v[i], &def);
	printf("已保存的设置：%s\n", set.n ? "" : "（无）");
	for (i = 0; i < set.n; i++)
		printf("  %s = %s\n", set.key[i], set.value[i]);
	gk_agency_settings_free(&set);
	gk_agency_clear(&a);
	return 0;
}

/* `agency set|unset ID NAME ARGS…`: builds the setting key; -1 or the usage exit status. */
static int
agency_setting_args(int argc, char **argv, int setting, int64_t *idp,
    char *key, size_t keylen, const char **valuep)
{
	const char	*name;
	int		 want;

	*valuep = NULL;
	if (argc < 2)
		return cli_usage_error("agency ", "agency %s 缺少机构编号 ID", argv[0]);
	if (!cli_parse_id(argv[1], idp))
		return cli_usage_error("agency ", "机构编号须为正整数，而不是 '%s'", argv[1]);
	if (argc < 3)
		return cli_usage_error("agency ", "agency %s 缺少设置项（indexno-pattern 或 "
		    "timeliness）", argv[0]);
	name = argv[2];
	if (strcmp(name, "indexno-pattern") == 0) {
		want = setting ? 4 : 3;
		if (argc < want)
			return cli_usage_error("agency ", "indexno-pattern 缺少规则 PATTERN");
		snprintf(key, keylen, "%s", GK_AGENCY_SETTING_INDEXNO);
		if (setting)
			*valuep = argv[3];
	} else if (strcmp(name, "timeliness") == 0) {
		want = setting ? 5 : 4;
		if (argc < 4)
			return cli_usage_error("agency ", "timeliness 缺少栏目路径 PATH");
		if (argc < want)
			return cli_usage_error("agency ", "timeliness 缺少工作日数 DAYS");
		if ((size_t)snprintf(key, keylen, "%s%s", GK_AGENCY_SETTING_TIMELINESS,
		    argv[3]) >= keylen)
			return cli_usage_error("agency ", "栏目路径过长");
		if (setting)
			*valuep = argv[4];
	} else if (strchr(name, '.') != NULL) {
		/* dotted keys of other modules (apply.*), checked by the store */
		want = setting ? 4 : 3;
		if (argc < want)
			return cli_usage_error("agency ", "%s 缺少值 VALUE", name);
		if ((size_t)snprintf(key, keylen, "%s", name) >= keylen)
			return cli_usage_error("agency ", "设置项过长");
		if (setting)
			*valuep = argv[3];
	} else
		return cli_usage_error("agency ", "未知的设置项 '%s'（可用：indexno-pattern、"
		    "timeliness、apply.fee_pauses_clock、apply.answer_days、apply.review_body、"
		    "apply.letter_prefix）", name);
	if (argc > want)
		return cli_usage_error("agency ", "多余的参数 '%s'", argv[want]);
	return -1;
}

static int
agency_setting_cmd(int argc, char **argv, int setting)
{
	struct gk_db	*db;
	const char	*value;
	char		 err[512], now[64], actor[128], key[GK_AGENCY_SETTING_MAX + 16];
	int64_t		 id;
	int		 i, rc;

	for (i = 1; i < argc; i++)
		if (cli_is_help(argv[i])) {
			fputs(agency_usage, stdout);
			return 0;
		}
	if ((rc = agency_setting_args(argc, argv, setting, &id, key, sizeof(key),
	    &value)) >= 0)
		return rc;
	if ((db = store_open_existing(cli_db_path())) == NULL)
		return 1;
	rc = 0;
	if (gk_agency_setting_set(db, cli_actor(actor, sizeof(actor)), id, key, value,
	    cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else if (setting)
		printf("机构 %lld：已设置 %s = %s\n", (long long)id, key, value);
	else
		printf("机构 %lld：已删除设置 %s，恢复默认\n", (long long)id, key);
	gk_db_close(db);
	return rc;
}

/* `agency contact ID|--agency ID [--office S]… [--as LOGIN]`. */
static int
agency_contact_cmd(int argc, char **argv)
{
	static const char *const opt[] = {
		"--office", "--address", "--postcode", "--phone", "--fax", "--email",
		"--hours",
	};
	const char			*v[sizeof(opt) / sizeof(opt[0])] = { NULL };
	struct gk_agency_contact	 c;
	struct gk_db			*db;
	const char			*as = NULL;
	char				 err[512], now[64], actor[128];
	int64_t				 id = 0;
	size_t				 k;
	int				 i, given = 0, rc;

	for (i = 1; i < argc; i++)
		if (cli_is_help(argv[i])) {
			fputs(agency_usage, stdout);
			return 0;
		}
	for (i = 1; i < argc; i++) {
		for (k = 0; k < sizeof(opt) / sizeof(opt[0]); k++)
			if (strcmp(argv[i], opt[k]) == 0)
				break;
		if (k < sizeof(opt) / sizeof(opt[0]) || strcmp(argv[i], "--agency") == 0 ||
		    strcmp(argv[i], "--as") == 0 || strcmp(argv[i], "--actor") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("agency ", "%s 需要一个值", argv[i]);
			if (k < sizeof(opt) / sizeof(opt[0])) {
				if (v[k] != NULL)
					return cli_usage_error("agency ", "%s 重复给出", argv[i]);
				v[k] = argv[++i];
				given++;
			} else if (strcmp(argv[i], "--agency") == 0) {
				if (id != 0)
					return cli_usage_error("agency ", "机构编号重复给出");
				if (!cli_parse_id(argv[++i], &id))
					return cli_usage_error("agency ", "机构编号须为正整数，而不是 '%s'",
					    argv[i]);
			} else
				as = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("agency ", "未知选项 '%s'", argv[i]);
		else if (id == 0) {
			if (!cli_parse_id(argv[i], &id))
				return cli_usage_error("agency ", "机构编号须为正整数，而不是 '%s'",
				    argv[i]);
		} else
			return cli_usage_error("agency ", "多余的参数 '%s'", argv[i]);
	}
	if (id == 0)
		return cli_usage_error("agency ", "agency contact 缺少机构编号 ID（或 --agency ID）");
	if (given == 0)
		return cli_usage_error("agency ", "agency contact 至少需要一项联系信息（--office、"
		    "--address、--postcode、--phone、--fax、--email 或 --hours）");
	c.office = v[0];
	c.address = v[1];
	c.postcode = v[2];
	c.phone = v[3];
	c.fax = v[4];
	c.email = v[5];
	c.hours = v[6];
	if (as != NULL && as[0] != '\0')
		gk_strlcpy_utf8(actor, as, sizeof(actor));
	else
		cli_actor(actor, sizeof(actor));
	if ((db = store_open_existing(cli_db_path())) == NULL)
		return 1;
	rc = 0;
	if (gk_agency_contact_set(db, actor, id, &c, cli_now(now, sizeof(now)), err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else
		printf("机构 %lld：已保存联系信息（gongkai agency show %lld 可查看）\n",
		    (long long)id, (long long)id);
	gk_db_close(db);
	return rc;
}

/* `gongkai agency`: to be added to main.c's command table. */
int	cli_agency(int argc, char **argv);

int
cli_agency(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("agency ", "缺少子命令（add、list、show、set、unset 或 contact）");
	if (cli_is_help(argv[1])) {
		fputs(agency_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return agency_add(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return agency_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "show") == 0)
		return agency_show(argc - 1, argv + 1);
	if (strcmp(argv[1], "set") == 0)
		return agency_setting_cmd(argc - 1, argv + 1, 1);
	if (strcmp(argv[1], "unset") == 0)
		return agency_setting_cmd(argc - 1, argv + 1, 0);
	if (strcmp(argv[1], "contact") == 0)
		return agency_contact_cmd(argc - 1, argv + 1);
	return cli_usage_error("agency ", "未知的子命令 '%s'", argv[1]);
}
