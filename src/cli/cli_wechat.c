/*
 * cli_wechat.c — `gongkai wechat config|queue|run|status`: the WeChat
 * official-account publisher (channels/wechat.h, store/wechat_outbox.h,
 * docs/wechat.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "channels/wechat.h"
#include "cli/cli.h"
#include "store/db.h"
#include "store/wechat_outbox.h"

static const char wechat_usage[] =
"用法：gongkai [--db PATH] wechat config --agency ID [--base-url URL --appid ID\n"
"                                         [--secret-file FILE]]\n"
"      gongkai [--db PATH] wechat queue ITEM\n"
"      gongkai [--db PATH] wechat run [--once]\n"
"      gongkai [--db PATH] wechat status [--agency ID]\n"
"\n"
"微信公众号（政务新媒体）发布：把已发布的信息推送到机构的公众号（docs/wechat.md）。\n"
"\n"
"  config   查看或设置机构的公众号：接口地址（正式环境 https://api.weixin.qq.com）、\n"
"           AppID、AppSecret。AppSecret 从 --secret-file 文件或环境变量\n"
"           GONGKAI_WECHAT_SECRET 读取（不在命令行出现），从不显示；首次设置必须提供。\n"
"           只给 --agency 时显示当前配置。\n"
"  queue    把信息（须已发布）加入发布队列\n"
"  run      处理发布队列：取 access_token、上传封面和图片、新建草稿、发表、查询\n"
"           发布状态直到成功（记录文章链接）或失败；临时错误（频率限制、系统繁忙、\n"
"           网络）按指数退避重试。不带 --once 时一直运行到队列清空；--once 只处理\n"
"           当前到期的任务。\n"
"  status   列出发布任务：编号、信息、状态、文章链接或错误\n"
"\n"
"操作人取 $GONGKAI_ACTOR，否则为 cli:$USER；若是某用户的登录名，须为该机构的\n"
"系统管理员或信息公开工作人员。$GONGKAI_WECHAT_TIME（Unix 秒）可指定时钟（测试用：\n"
"此时 run 不真正等待，而是把时钟拨到下一个任务到期时）。\n";

/* The worker's clock: $GONGKAI_WECHAT_TIME, else time(). *fakep: 1 when overridden. */
static int64_t
wechat_clock(int *fakep)
{
	const char	*s = getenv("GONGKAI_WECHAT_TIME");
	long long	 v;

	*fakep = 0;
	if (s != NULL && cli_parse_int(s, 0, 4102444800LL, &v)) {
		*fakep = 1;
		return (int64_t)v;
	}
	return (int64_t)time(NULL);
}

static const char *
wechat_state_label(const char *s)
{
	if (strcmp(s, GK_WX_QUEUED) == 0)
		return "待发送";
	if (strcmp(s, GK_WX_DRAFTED) == 0)
		return "已建草稿";
	if (strcmp(s, GK_WX_SUBMITTED) == 0)
		return "已提交发表";
	if (strcmp(s, GK_WX_PUBLISHED) == 0)
		return "已发布";
	if (strcmp(s, GK_WX_FAILED) == 0)
		return "失败";
	return s;
}

static int
wechat_config(int argc, char **argv)
{
	const char			*base = NULL, *appid = NULL, *sfile = NULL;
	char				*secret = NULL, actor[128], now[40], err[1024];
	struct gk_wechat_account	 a;
	struct gk_db			*db;
	long long			 agency = 0;
	size_t				 len;
	int				 i, rc = 0;

	for (i = 2; i < argc; i++) {
		if (i + 1 >= argc)
			return cli_usage_error("wechat ", "选项 %s 缺少值", argv[i]);
		if (strcmp(argv[i], "--agency") == 0) {
			if (!cli_parse_int(argv[++i], 1, INT64_MAX, &agency))
				return cli_usage_error("wechat ", "--agency 需要正整数编号，而不是 '%s'",
				    argv[i]);
		} else if (strcmp(argv[i], "--base-url") == 0)
			base = argv[++i];
		else if (strcmp(argv[i], "--appid") == 0)
			appid = argv[++i];
		else if (strcmp(argv[i], "--secret-file") == 0)
			sfile = argv[++i];
		else
			return cli_usage_error("wechat ", "未知的选项 '%s'", argv[i]);
	}
	if (agency == 0)
		return cli_usage_error("wechat ", "wechat config 需要 --agency");
	if ((base == NULL) != (appid == NULL) || (sfile != NULL && base == NULL))
		return cli_usage_error("wechat ", "设置时须同时给出 --base-url 和 --appid");
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (base == NULL) {
		if (gk_wechat_account_get(db, (int64_t)agency, &a, err, sizeof(err)) != GK_OK) {
			fprintf(stderr, "gongkai: %s\n", err);
			gk_db_close(db);
			return 1;
		}
		printf("机构\t%lld\n接口地址\t%s\nAppID\t%s\nAppSecret\t已设置（不显示）\n"
		    "access_token\t%s\n封面素材\t%s\n更新时间\t%s\n", agency, a.base_url, a.appid,
		    a.access_token[0] ? "已缓存" : "无", a.thumb_media_id[0] ? "已上传" : "未上传",
		    a.updated_at);
		memset(&a, 0, sizeof(a));
		gk_db_close(db);
		return 0;
	}
	if (sfile != NULL) {
		if (cli_read_file(sfile, 4096, &secret, &len) != GK_OK) {
			fprintf(stderr, "gongkai: 无法读取 AppSecret 文件 %s\n", sfile);
			gk_db_close(db);
			return 1;
		}
		while (len > 0 && (secret[len - 1] == '\n' || secret[len - 1] == '\r'))
			secret[--len] = '\0';
	} else if (getenv("GONGKAI_WECHAT_SECRET") != NULL &&
	    (secret = gk_strdup(getenv("GONGKAI_WECHAT_SECRET"))) == NULL) {
		fprintf(stderr, "gongkai: 内存不足\n");
		gk_db_close(db);
		return 1;
	}
	if (gk_wechat_account_set(db, cli_actor(actor, sizeof(actor)), (int64_t)agency, base,
	    appid, secret, cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else
		printf("已设置机构 %lld 的微信公众号（%s，AppID %s）\n", agency, base, appid);
	if (secret != NULL) {
		memset(secret, 0, strlen(secret));
		gk_free(secret);
	}
	gk_db_close(db);
	return rc;
}

static int
wechat_queue(int argc, char **argv)
{
	struct gk_db	*db;
	int64_t		 item, id = 0;
	char		 actor[128], now[40], err[1024];
	int		 fake;

	if (argc != 3 || !cli_parse_id(argv[2], &item))
		return cli_usage_error("wechat ", "wechat queue 需要一个信息编号");
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (gk_wechat_queue(db, cli_actor(actor, sizeof(actor)), item, cli_now(now, sizeof(now)),
	    wechat_clock(&fake), &id, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	printf("已将信息 %lld 加入微信公众号发布队列（任务 %lld），用 gongkai wechat run 发送\n",
	    (long long)item, (long long)id);
	return 0;
}

static int
wechat_run(int argc, char **argv)
{
	struct gk_db	*db;
	char		 actor[128], now[40], err[1024];
	int64_t		 t, count = 0, next = 0, wait;
	int		 once = 0, fake, steps = 0, total = 0;

	if (argc == 3 && strcmp(argv[2], "--once") == 0)
		once = 1;
	else if (argc != 2)
		return cli_usage_error("wechat ", "wechat run 只接受 --once");
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	cli_actor(actor, sizeof(actor));
	t = wechat_clock(&fake);
	for (;;) {
		if (gk_wechat_run_due(db, actor, t, cli_now(now, sizeof(now)), &steps, err,
		    sizeof(err)) != GK_OK || gk_wechat_pending(db, &count, &next, err,
		    sizeof(err)) != GK_OK) {
			fprintf(stderr, "gongkai: %s\n", err);
			gk_db_close(db);
			return 1;
		}
		total += steps;
		if (once || count == 0)
			break;
		wait = next - t;
		if (wait < 1)
			wait = 1;
		if (fake)
			t += wait;
		else {
			sleep((unsigned)(wait < 30 ? wait : 30));
			t = (int64_t)time(NULL);
		}
	}
	gk_db_close(db);
	printf("已处理 %d 步；队列中还有 %lld 项", total, (long long)count);
	if (count > 0)
		printf("，最早于 %lld 秒后到期", (long long)(next > t ? next - t : 0));
	printf("\n");
	return 0;
}

static int
wechat_status(int argc, char **argv)
{
	struct gk_wechat_jobs	 l;
	struct gk_db		*db;
	long long		 agency = 0;
	int			 rc;
	char			 err[1024];
	size_t			 i;

	if ((rc = cli_agency_only(argc, argv, &agency)) != 0)
		return rc;
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (gk_wechat_job_list(db, (int64_t)agency, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	printf("任务\t信息\t标题\t状态\t重试\t更新时间\t文章链接或错误\n");
	for (i = 0; i < l.n; i++)
		printf("%lld\t%lld\t%s\t%s\t%lld\t%s\t%s\n", (long long)l.v[i].id,
		    (long long)l.v[i].item_id, l.v[i].title, wechat_state_label(l.v[i].state),
		    (long long)l.v[i].attempts, l.v[i].updated_at,
		    l.v[i].article_url[0] ? l.v[i].article_url :
		    l.v[i].last_error[0] ? l.v[i].last_error : "-");
	gk_wechat_jobs_free(&l);
	gk_db_close(db);
	return 0;
}

int
cli_wechat(int argc, char **argv)
{
	if (argc < 2 || cli_is_help(argv[1])) {
		fputs(wechat_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "config") == 0)
		return wechat_config(argc, argv);
	if (strcmp(argv[1], "queue") == 0)
		return wechat_queue(argc, argv);
	if (strcmp(argv[1], "run") == 0)
		return wechat_run(argc, argv);
	if (strcmp(argv[1], "status") == 0)
		return wechat_status(argc, argv);
	return cli_usage_error("wechat ", "未知的子命令 '%s'（config、queue、run、status）", argv[1]);
}
