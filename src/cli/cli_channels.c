/*
 * cli_channels.c — `gongkai channels check|rule set|rule list`: the sync
 * check of the publication channels (docs/channels.md). A thin layer over
 * store/channel.h and core/chsync.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/chsync.h"
#include "core/date.h"
#include "store/category.h"
#include "store/channel.h"
#include "store/db.h"

static const char channels_usage[] =
"用法: gongkai [--db PATH] channels COMMAND [OPTIONS]\n"
"\n"
"公开渠道同步检查：门户网站（信息发布即在门户）、微信公众号、公示栏。每条信息在每个渠道的\n"
"状态、时间和内容摘要（SHA-256）都有记录；按栏目规则要求的渠道逐条比对。\n"
"\n"
"命令:\n"
"  check [--agency ID] [--json]\n"
"        列出：应发未发（缺发）、超过时限才发（迟发）、发出后内容又改动或门户已撤回而\n"
"        渠道仍在（内容不一致）的信息。没有问题退出码 0，有问题退出码 1（可由 cron 调用报警）\n"
"  rule set --agency ID --channel wechat|notice --required yes|no [--category PATH]\n"
"           [--within DAYS] [--since YYYY-MM-DD]\n"
"        设置栏目的渠道规则：PATH 为栏目路径（如 政策文件/规章），省略为机构默认规则；\n"
"        DAYS 为门户发布后允许的天数（自然日，0 至 366，省略为不设时限）；\n"
"        只对门户发布日期不早于 --since 的信息适用（省略为全部）\n"
"  rule list --agency ID [--json]\n"
"        列出机构的渠道规则\n"
"\n"
"选项:\n"
"  --as LOGIN   操作人（设置规则时）；未指定时取 $GONGKAI_ACTOR，否则为 cli:$USER\n"
"  -h, --help   显示本帮助\n"
"今天取 $GONGKAI_NOW 的日期（ISO 8601），否则为当前日期。\n"
"\n"
"退出码：0 成功（check：没有问题）；1 check 发现问题，或被拒绝、数据库错误；2 用法错误。\n";

enum opt { O_AGENCY, O_JSON, O_CHANNEL, O_REQUIRED, O_CATEGORY, O_WITHIN, O_SINCE, O_AS,
	O__MAX };

static const char *const opt_names[O__MAX] = {
	"--agency", "--json", "--channel", "--required", "--category", "--within", "--since",
	"--as",
};

#define B(o)	(1u << (o))

/* Parses options from argv[from]; flags (--json) take no value. 0, or exit status 2. */
static int
parse_opts(int argc, char **argv, int from, unsigned allowed, const char *v[O__MAX],
    const char *cmd)
{
	int j, o;

	memset(v, 0, sizeof(*v) * O__MAX);
	for (j = from; j < argc; j++) {
		for (o = 0; o < O__MAX; o++)
			if (strcmp(argv[j], opt_names[o]) == 0)
				break;
		if (o == O__MAX || !(allowed & B(o)))
			return cli_usage_error("channels ", "%s 不接受参数 '%s'", cmd, argv[j]);
		if (o == O_JSON) {
			v[o] = "1";
			continue;
		}
		if (j + 1 >= argc)
			return cli_usage_error("channels ", "%s 需要一个值", argv[j]);
		v[o] = argv[++j];
	}
	return 0;
}

/* Today's date from $GONGKAI_NOW or the clock; 0 or exit status 1. */
int
cli_today(int32_t *today)
{
	char now[64];

	cli_now(now, sizeof(now));
	if (strlen(now) < 10 || gk_date_parse(now, 10, today) != GK_OK) {
		fprintf(stderr, "gongkai: 无法读取当前日期 '%s'\n", now);
		return 1;
	}
	return 0;
}

static void
json_out(json_t *j)
{
	char *s;

	if (j == NULL || (s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) == NULL) {
		fprintf(stderr, "gongkai: 内存不足\n");
		json_decref(j);
		return;
	}
	puts(s);
	gk_free(s);
	json_decref(j);
}

static void
finding_note(const struct gk_sync_finding *f, char *buf, size_t n)
{
	switch (f->kind) {
	case CHSYNC_MISSING:
		if (f->within_days >= 0)
			snprintf(buf, n, "门户 %s 发布，应在 %d 天内发出，已超 %ld 天%s%s", f->portal,
			    f->within_days, f->days, f->status[0] ? "；渠道状态：" : "",
			    f->status[0] ? gk_channel_status_label(f->status) : "");
		else
			snprintf(buf, n, "门户 %s 发布，渠道未发布%s%s", f->portal,
			    f->status[0] ? "；渠道状态：" : "",
			    f->status[0] ? gk_channel_status_label(f->status) : "");
		break;
	case CHSYNC_LATE:
		snprintf(buf, n, "门户 %s 发布，渠道 %.10s 发出，超过 %d 天时限 %ld 天", f->portal,
		    f->at, f->within_days, f->days);
		break;
	default:
		if (strcmp(f->status, GK_CH_PUBLISHED) == 0 && f->at[0] != '\0')
			snprintf(buf, n, "渠道 %.10s 发出的内容与门户现行内容不同（发出后改动或门户已撤回）",
			    f->at);
		else
			snprintf(buf, n, "与门户不一致");
		break;
	}
}

static int
do_check(struct gk_db *db, int64_t agency, int json)
{
	struct gk_sync_report	 r;
	char			 err[1024], td[GK_DATE_LEN], note[512];
	int32_t			 today;
	json_t			*j, *a, *o;
	size_t			 i;

	if (cli_today(&today) != 0)
		return 1;
	if (gk_channel_sync_check(db, agency, today, &r, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	gk_date_format(today, td);
	if (json) {
		j = json_pack("{s:s, s:I, s:I, s:{s:I, s:I, s:I}, s:[]}", "today", td,
		    "items", (json_int_t)r.items, "problems", (json_int_t)r.n, "published",
		    "portal", (json_int_t)r.published[GK_CH_PORTAL], "wechat",
		    (json_int_t)r.published[GK_CH_WECHAT], "notice",
		    (json_int_t)r.published[GK_CH_NOTICE], "findings");
		a = j ? json_object_get(j, "findings") : NULL;
		for (i = 0; a != NULL && i < r.n; i++) {
			const struct gk_sync_finding *f = &r.v[i];

			finding_note(f, note, sizeof(note));
			o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:I, s:s}",
			    "agency_id", (json_int_t)f->agency_id, "item_id", (json_int_t)f->item_id,
			    "index_no", f->index_no, "title", f->title, "channel",
			    gk_channel_name(f->channel), "kind", chsync_kind_name(f->kind),
			    "portal", f->portal, "status", f->status, "at", f->at,
			    "days", (json_int_t)f->days, "note", note);
			if (o == NULL || json_array_append_new(a, o) != 0) {
				json_decref(j);
				j = NULL;
				break;
			}
		}
		json_out(j);
	} else {
		printf("渠道同步检查（截至 %s）：检查信息 %zu 条；现在发布中：门户网站 %zu 条、"
		    "微信公众号 %zu 条、公示栏 %zu 条\n", td, r.items, r.published[GK_CH_PORTAL],
		    r.published[GK_CH_WECHAT], r.published[GK_CH_NOTICE]);
		if (r.n == 0)
			printf("没有发现问题\n");
		else
			printf("发现问题 %zu 处：\n机构\t信息编号\t索引号\t渠道\t问题\t标题\t说明\n", r.n);
		for (i = 0; i < r.n; i++) {
			const struct gk_sync_finding *f = &r.v[i];

			finding_note(f, note, sizeof(note));
			printf("%lld\t%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)f->agency_id,
			    (long long)f->item_id, f->index_no, gk_channel_label(f->channel),
			    chsync_kind_label(f->kind), f->title, note);
		}
	}
	i = r.n;
	gk_sync_report_free(&r);
	return i > 0 ? 1 : 0;
}

static int
do_rule_list(struct gk_db *db, int64_t agency, int json)
{
	struct gk_channel_rule	*v;
	size_t			 n, i;
	char			 err[1024];
	json_t			*a, *o;

	if (gk_channel_rule_list(db, agency, &v, &n, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (json) {
		a = json_array();
		for (i = 0; a != NULL && i < n; i++) {
			o = json_pack("{s:I, s:s, s:s, s:b, s:o, s:o}", "category_id",
			    (json_int_t)v[i].category_id, "category", v[i].category,
			    "channel", gk_channel_name(v[i].channel), "required", v[i].required,
			    "within_days", v[i].within_days >= 0 ?
			    json_integer(v[i].within_days) : json_null(),
			    "since", v[i].since[0] ? json_string(v[i].since) : json_null());
			if (o == NULL || json_array_append_new(a, o) != 0) {
				json_decref(a);
				a = NULL;
			}
		}
		json_out(a);
	} else {
		if (n == 0)
			printf("机构 %lld 没有渠道规则（只要求门户网站）\n", (long long)agency);
		for (i = 0; i < n; i++) {
			printf("%s\t%s\t%s\t", v[i].category_id ? v[i].category : "（默认）",
			    gk_channel_label(v[i].channel), v[i].required ? "必须" : "不要求");
			if (v[i].within_days >= 0)
				printf("%d 天内", v[i].within_days);
			else
				printf("不限时");
			printf("\t%s\n", v[i].since[0] ? v[i].since : "-");
		}
	}
	gk_free(v);
	return 0;
}

int
cli_channels(int argc, char **argv)
{
	const char	*v[O__MAX];
	struct gk_db	*db;
	char		 err[1024], now[64], actor[128];
	int64_t		 agency = 0, cat = 0;
	long long	 within = -1;
	enum gk_channel	 c;
	int		 rc, required, sub;

	if (argc < 2)
		return cli_usage_error("channels ", "缺少子命令");
	if (cli_is_help(argv[1]) || (argc >= 3 && cli_is_help(argv[argc - 1]))) {
		fputs(channels_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "check") == 0)
		sub = 0;
	else if (strcmp(argv[1], "rule") == 0 && argc >= 3 && strcmp(argv[2], "set") == 0)
		sub = 1;
	else if (strcmp(argv[1], "rule") == 0 && argc >= 3 && strcmp(argv[2], "list") == 0)
		sub = 2;
	else if (strcmp(argv[1], "rule") == 0)
		return cli_usage_error("channels ", "channels rule 需要 set 或 list");
	else
		return cli_usage_error("channels ", "未知的子命令 '%s'", argv[1]);
	if ((rc = parse_opts(argc, argv, sub == 0 ? 2 : 3, sub == 0 ? B(O_AGENCY) | B(O_JSON) :
	    sub == 2 ? B(O_AGENCY) | B(O_JSON) : B(O_AGENCY) | B(O_CHANNEL) | B(O_REQUIRED) |
	    B(O_CATEGORY) | B(O_WITHIN) | B(O_SINCE) | B(O_AS), v,
	    sub == 0 ? "channels check" : sub == 1 ? "channels rule set" : "channels rule list")) != 0)
		return rc;
	if (v[O_AGENCY] != NULL && !cli_parse_id(v[O_AGENCY], &agency))
		return cli_usage_error("channels ", "--agency 须为正整数，而不是 '%s'", v[O_AGENCY]);
	if (sub != 0 && agency == 0)
		return cli_usage_error("channels ", "channels rule 需要 --agency ID");
	required = 0;
	if (sub == 1) {
		if (v[O_CHANNEL] == NULL || gk_channel_from_name(v[O_CHANNEL], &c) != 0 ||
		    c == GK_CH_PORTAL)
			return cli_usage_error("channels ", "--channel 须为 wechat 或 notice");
		if (v[O_REQUIRED] == NULL || (strcmp(v[O_REQUIRED], "yes") != 0 &&
		    strcmp(v[O_REQUIRED], "no") != 0))
			return cli_usage_error("channels ", "--required 须为 yes 或 no");
		required = strcmp(v[O_REQUIRED], "yes") == 0;
		if (v[O_WITHIN] != NULL && !cli_parse_int(v[O_WITHIN], 0, 366, &within))
			return cli_usage_error("channels ", "--within 须为 0 至 366 的整数（天）");
	}
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (sub == 0)
		rc = do_check(db, agency, v[O_JSON] != NULL);
	else if (sub == 2)
		rc = do_rule_list(db, agency, v[O_JSON] != NULL);
	else {
		rc = 0;
		if (v[O_CATEGORY] != NULL && gk_category_lookup(db, agency, v[O_CATEGORY], &cat,
		    err, sizeof(err)) != GK_OK) {
			fprintf(stderr, "gongkai: %s\n", err);
			rc = 1;
		}
		if (v[O_AS] != NULL)
			gk_strlcpy_utf8(actor, v[O_AS], sizeof(actor));
		else
			cli_actor(actor, sizeof(actor));
		cli_now(now, sizeof(now));
		if (rc == 0 && gk_channel_rule_set(db, actor, agency, cat, c, required, (int)within,
		    v[O_SINCE], now, err, sizeof(err)) != GK_OK) {
			fprintf(stderr, "gongkai: %s\n", err);
			rc = 1;
		}
		if (rc == 0)
			printf("已设置：%s %s %s\n", v[O_CATEGORY] ? v[O_CATEGORY] : "（默认）",
			    gk_channel_label(c), required ? "必须" : "不要求");
	}
	gk_db_close(db);
	return rc;
}
