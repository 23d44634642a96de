/*
 * cli_push.c — `gongkai push run|list|smtp`: targeted push (精准推送,
 * channels/push.h, store/subscription.h, docs/push.md).
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <sodium.h>

#include "channels/push.h"
#include "cli/cli.h"
#include "store/db.h"
#include "store/site.h"
#include "store/subscription.h"

static const char push_usage[] =
"用法：gongkai [--db PATH] push run [--once]\n"
"      gongkai [--db PATH] push list [--state pending|sent|failed|cancelled] [--limit N]\n"
"      gongkai [--db PATH] push smtp url|from|user|password VALUE\n"
"\n"
"精准推送：公众在 /subscribe 以电子邮件订阅机构的栏目、主题分类或关键词（经邮件确认后生效），\n"
"有符合的信息发布时收到摘要邮件（docs/push.md）。\n"
"\n"
"  run      为订阅者生成自上次摘要以来新发布信息的摘要邮件，并发送待发邮件（确认邮件、摘要）；\n"
"           发送失败的稍后重试（5 分钟起倍增，至多 6 小时），8 次后放弃（GK_PUSH_ATTEMPTS_MAX）并在 list 中列出。\n"
"           不带 --once 时每 60 秒运行一次，直到收到 SIGTERM 或 SIGINT。\n"
"  list     列出邮件：编号、类型、状态、收件人（部分隐藏）、尝试次数、下次尝试、发送时间、\n"
"           Message-ID、最近错误；以及订阅数（待确认、已确认、已退订）。\n"
"  smtp     设置发送邮件的 SMTP 服务：url（smtp://HOST:PORT 或 smtps://…）、from（发件地址）、\n"
"           user、password（VALUE 为 - 时从标准输入读取；密码不显示、不写入审计链）。\n"
"           VALUE 为空字符串时清除该项。\n"
"\n"
"邮件中的链接使用平台网址（gongkai site set host https://…）。\n";

static volatile sig_atomic_t push_stop;

static void
on_signal(int sig)
{
	(void)sig;
	push_stop = 1;
}

/* One pass: digests, then the outbox. 0 or 1. */
static int
push_pass(struct gk_db *db)
{
	struct gk_site	 site;
	char		 err[1024], actor[128], now[40];
	size_t		 queued = 0, sent, retry, gave;

	cli_actor(actor, sizeof(actor));
	cli_now(now, sizeof(now));
	if (gk_site_load(db, &site, err, sizeof(err)) != GK_OK ||
	    gk_push_digests(db, &site, actor, now, &queued, err, sizeof(err)) != GK_OK ||
	    gk_push_send_due(db, actor, now, &sent, &retry, &gave, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	printf("推送：新建摘要 %zu 封；发送成功 %zu 封，稍后重试 %zu 封，放弃 %zu 封\n", queued, sent,
	    retry, gave);
	fflush(stdout);
	return 0;
}

static int
push_run(int argc, char **argv)
{
	struct gk_db	*db;
	int		 once = 0, i, rc = 0;

	for (i = 2; i < argc; i++) {
		if (strcmp(argv[i], "--once") == 0)
			once = 1;
		else
			return cli_usage_error("push ", "未知的选项 '%s'", argv[i]);
	}
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (!once) {
		signal(SIGTERM, on_signal);
		signal(SIGINT, on_signal);
	}
	do {
		rc = push_pass(db);
		for (i = 0; !once && !push_stop && i < 60; i++)
			sleep(1);
	} while (!once && !push_stop);
	gk_db_close(db);
	return rc;
}

static int
push_list(int argc, char **argv)
{
	static const char *const states[] = { "pending", "sent", "failed", "cancelled" };
	static const char *const labels[] = { "待发", "已发送", "已放弃", "已取消" };
	struct gk_push_row	*v;
	struct gk_db		*db;
	const char		*state = NULL;
	char			 err[1024];
	long long		 limit = 100;
	int64_t			 counts[3];
	size_t			 n, i, k;
	int			 a;

	for (a = 2; a < argc; a++) {
		if (a + 1 >= argc)
			return cli_usage_error("push ", "选项 %s 缺少值", argv[a]);
		if (strcmp(argv[a], "--state") == 0) {
			state = argv[++a];
			for (k = 0; k < 4 && strcmp(state, states[k]) != 0; k++)
				;
			if (k == 4)
				return cli_usage_error("push ", "--state 须为 pending、sent、failed 或 "
				    "cancelled，而不是 '%s'", state);
		} else if (strcmp(argv[a], "--limit") == 0) {
			if (!cli_parse_int(argv[++a], 1, 10000, &limit))
				return cli_usage_error("push ", "--limit 须为 1～10000 的整数");
		} else
			return cli_usage_error("push ", "未知的选项 '%s'", argv[a]);
	}
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (gk_push_list(db, state, 0, (size_t)limit, &v, &n, err, sizeof(err)) != GK_OK ||
	    gk_sub_counts(db, counts, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	for (i = 0; i < n; i++) {
		for (k = 0; k < 4 && strcmp(v[i].state, states[k]) != 0; k++)
			;
		printf("%lld\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", (long long)v[i].id,
		    strcmp(v[i].kind, "confirm") == 0 ? "确认邮件" : "摘要", k < 4 ? labels[k] :
		    v[i].state, v[i].email, v[i].attempts, strcmp(v[i].state, "pending") == 0 ?
		    v[i].next_attempt : "-", v[i].sent_at[0] != '\0' ? v[i].sent_at : "-",
		    v[i].message_id, v[i].last_error[0] != '\0' ? v[i].last_error : "-");
	}
	printf("共 %zu 封；订阅：待确认 %lld，已确认 %lld，已退订 %lld\n", n, (long long)counts[0],
	    (long long)counts[1], (long long)counts[2]);
	gk_push_rows_free(v, n);
	gk_db_close(db);
	return 0;
}

static int
push_smtp(int argc, char **argv)
{
	struct gk_db	*db;
	char		 err[1024], actor[128], now[40], value[256];
	enum gk_err	 e;

	if (argc != 4)
		return cli_usage_error("push ", "push smtp 需要 KEY VALUE（url、from、user、password）");
	gk_strlcpy_utf8(value, argv[3], sizeof(value));
	if (strcmp(argv[3], "-") == 0) {
		size_t l;

		if (fgets(value, sizeof(value), stdin) == NULL)
			value[0] = '\0';
		l = strcspn(value, "\r\n");
		value[l] = '\0';
	}
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	e = gk_smtp_set(db, cli_actor(actor, sizeof(actor)), argv[2], value,
	    cli_now(now, sizeof(now)), err, sizeof(err));
	sodium_memzero(value, sizeof(value));
	gk_db_close(db);
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return e == GK_EINVAL ? 2 : 1;
	}
	printf("已设置 SMTP %s\n", argv[2]);
	return 0;
}

int
cli_push(int argc, char **argv)
{
	if (argc < 2 || cli_is_help(argv[1])) {
		if (argc < 2) {
			fprintf(stderr, "gongkai: push 缺少子命令 (try 'gongkai push --help')\n");
			return 2;
		}
		fputs(push_usage, stdout);
		return 0;
	}
	if (argc > 2 && cli_is_help(argv[2])) {
		fputs(push_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "run") == 0)
		return push_run(argc, argv);
	if (strcmp(argv[1], "list") == 0)
		return push_list(argc, argv);
	if (strcmp(argv[1], "smtp") == 0)
		return push_smtp(argc, argv);
	return cli_usage_error("push ", "未知的子命令 '%s'", argv[1]);
}
