/*
 * cli_serve.c — `gongkai serve` (the web server, web/server.h) and
 * `gongkai site show|set` (the platform's settings, store/site.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/site.h"
#include "web/server.h"

static const char serve_usage[] =
"用法：gongkai serve [--port P] [--bind ADDR] [--threads N] [--access-log FILE|-]\n"
"                    [--calendar FILE] [--timeout S] [--max-conn N] [--per-ip N]\n"
"                    [--cache-mb N] [--tls-proxy]\n"
"\n"
"运行门户网站、站内搜索、依申请公开与留言咨询表单和 JSON 接口（docs/serve.md）。\n"
"开始监听后在标准输出打印一行“gongkai: 正在监听 http://地址:端口/”。\n"
"收到 SIGTERM 或 SIGINT 后停止接受新连接，等待正在处理的请求完成（最多 10 秒）后退出。\n"
"\n"
"  --port P          端口，默认 8080；0 表示任选一个空闲端口\n"
"  --bind ADDR       监听地址（IPv4 或 IPv6），默认 127.0.0.1\n"
"  --threads N       工作线程数，默认每个 CPU 核一个\n"
"  --access-log F    访问日志写入文件 F（追加）；- 表示标准错误；默认不记录\n"
"  --calendar FILE   工作日日历，默认 $GONGKAI_CALENDAR 或 data/cn-holidays.tsv\n"
"  --timeout S       连接空闲超过 S 秒即关闭，默认 10\n"
"  --max-conn N      同时连接数上限，默认 4096\n"
"  --per-ip N        每个客户端地址的连接数上限，默认 256；0 表示不限制\n"
"  --cache-mb N      已发布页面缓存的内存上限（MB），默认 256\n"
"  --tls-proxy       由本机反向代理终止 TLS：信任来自回环地址的 X-Forwarded-Proto: https，\n"
"                    后台登录 Cookie 随之带 Secure（docs/admin-security.md）\n"
"\n"
"数据库取 --db、$GONGKAI_DB 或 ./gongkai.db（须已存在）。时间取 $GONGKAI_NOW（测试用），\n"
"否则为当前北京时间。\n";

static const char site_usage[] =
"用法：gongkai site show\n"
"      gongkai site set KEY VALUE [--as LOGIN]\n"
"\n"
"平台设置：显示在门户每个页面的页头和页脚。VALUE 为空字符串时清除该项。\n"
"  name       平台名称（默认“政府信息公开平台”）\n"
"  host       网址，如 https://www.example.gov.cn（用于订阅源和网站地图中的绝对地址）\n"
"  sponsor    主办单位\n"
"  site_code  网站标识码\n"
"  icp        ICP备案号\n"
"  police     公安机关备案号\n"
"  contact    联系我们（一行文字）\n"
"\n"
"  --as LOGIN   操作人；未指定时取 $GONGKAI_ACTOR，否则为 cli:$USER。操作人若是某用户的\n"
"               登录名，须为顶级机构的系统管理员。每次修改都写入审计链。\n";

/* An option's value: argv[*i + 1], or NULL after printing the usage error. */
static const char *
optval(int argc, char **argv, int *i)
{
	if (*i + 1 >= argc) {
		cli_usage_error("serve ", "选项 %s 缺少值", argv[*i]);
		return NULL;
	}
	return argv[++*i];
}

int
cli_serve(int argc, char **argv)
{
	struct gk_server_opts	 o;
	struct calendar		 cal;
	const char		*calpath = NULL, *logpath = NULL, *v, *now;
	long long		 n;
	char			 err[1024];
	int			 i, rc;

	memset(&o, 0, sizeof(o));
	o.bind = "127.0.0.1";
	o.port = 8080;
	o.timeout = 10;
	o.max_conn = 4096;
	o.per_ip = 256;
	o.cache_bytes = (size_t)256 * 1024 * 1024;
	o.cache_entries = 100000;
	o.out = stdout;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_is_help(a)) {
			fputs(serve_usage, stdout);
			return 0;
		}
		if (strcmp(a, "--tls-proxy") == 0) {
			o.tls_proxy = 1;
			continue;
		}
		if (strcmp(a, "--port") != 0 && strcmp(a, "--bind") != 0 &&
		    strcmp(a, "--threads") != 0 && strcmp(a, "--access-log") != 0 &&
		    strcmp(a, "--calendar") != 0 && strcmp(a, "--timeout") != 0 &&
		    strcmp(a, "--max-conn") != 0 && strcmp(a, "--per-ip") != 0 &&
		    strcmp(a, "--cache-mb") != 0)
			return cli_usage_error("serve ", "未知的参数 '%s'", a);
		if ((v = optval(argc, argv, &i)) == NULL)
			return 2;
		if (strcmp(a, "--bind") == 0)
			o.bind = v;
		else if (strcmp(a, "--access-log") == 0)
			logpath = v;
		else if (strcmp(a, "--calendar") == 0)
			calpath = v;
		else if (strcmp(a, "--port") == 0) {
			if (!cli_parse_int(v, 0, 65535, &n))
				return cli_usage_error("serve ", "端口应为 0 到 65535 的整数：%s", v);
			o.port = (unsigned)n;
		} else if (strcmp(a, "--threads") == 0) {
			if (!cli_parse_int(v, 1, 1024, &n))
				return cli_usage_error("serve ", "线程数应为 1 到 1024 的整数：%s", v);
			o.threads = (unsigned)n;
		} else if (strcmp(a, "--timeout") == 0) {
			if (!cli_parse_int(v, 1, 3600, &n))
				return cli_usage_error("serve ", "超时应为 1 到 3600 秒：%s", v);
			o.timeout = (unsigned)n;
		} else if (strcmp(a, "--max-conn") == 0) {
			if (!cli_parse_int(v, 1, 1000000, &n))
				return cli_usage_error("serve ", "连接数上限应为 1 到 1000000：%s", v);
			o.max_conn = (unsigned)n;
		} else if (strcmp(a, "--per-ip") == 0) {
			if (!cli_parse_int(v, 0, 1000000, &n))
				return cli_usage_error("serve ", "每地址连接数上限应为 0 到 1000000：%s", v);
			o.per_ip = (unsigned)n;
		} else {
			if (!cli_parse_int(v, 1, 65536, &n))
				return cli_usage_error("serve ", "缓存上限应为 1 到 65536 MB：%s", v);
			o.cache_bytes = (size_t)n * 1024 * 1024;
		}
	}
	if (cli_calendar_open(cli_calendar_path(calpath), &cal) != 0)
		return 1;
	o.cal = &cal;
	o.db_path = cli_db_path();
	if ((now = getenv("GONGKAI_NOW")) != NULL && now[0] != '\0')
		o.fixed_now = now;
	if (logpath != NULL && strcmp(logpath, "-") == 0)
		o.access_log = stderr;
	else if (logpath != NULL && (o.access_log = fopen(logpath, "a")) == NULL) {
		fprintf(stderr, "gongkai: 无法打开访问日志 %s\n", logpath);
		calendar_clear(&cal);
		return 1;
	}
	/* A file is block-buffered (the server flushes it ten times a second). */
	if (o.access_log != NULL && o.access_log != stderr)
		setvbuf(o.access_log, NULL, _IOFBF, 64 * 1024);
	rc = 0;
	if (gk_server_run(&o, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	}
	if (o.access_log != NULL && o.access_log != stderr)
		fclose(o.access_log);
	calendar_clear(&cal);
	return rc;
}

static int
site_show(struct gk_db *db)
{
	struct gk_site	 s;
	char		 err[512];
	size_t		 i;

	if (gk_site_load(db, &s, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	for (i = 0; i < gk_site_nkeys; i++) {
		const char *f = gk_site_field(&s, gk_site_keys[i], NULL);

		printf("%-10s %s：%s\n", gk_site_keys[i], gk_site_labels[i],
		    f[0] != '\0' ? f : "（未设置）");
	}
	return 0;
}

int
cli_site(int argc, char **argv)
{
	struct gk_db	*db;
	const char	*as = NULL, *pos[3];
	char		 err[1024], actor[256], now[64];
	int		 i, npos = 0, rc;

	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(site_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--as") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("site ", "选项 --as 缺少值");
			as = argv[++i];
		} else if (strncmp(argv[i], "--", 2) == 0 && argv[i][2] != '\0')
			return cli_usage_error("site ", "未知的选项 '%s'", argv[i]);
		else if (npos < 3)
			pos[npos++] = argv[i];
		else
			return cli_usage_error("site ", "多余的参数 '%s'", argv[i]);
	}
	if (npos == 0)
		return cli_usage_error("site ", "缺少子命令（show 或 set）");
	if (strcmp(pos[0], "show") == 0) {
		if (npos != 1 || as != NULL)
			return cli_usage_error("site ", "site show 不接受参数");
	} else if (strcmp(pos[0], "set") == 0) {
		if (npos != 3)
			return cli_usage_error("site ", "用法：site set KEY VALUE [--as LOGIN]");
		if (gk_site_check(pos[1], pos[2], err, sizeof(err)) != GK_OK)
			return cli_usage_error("site ", "%s", err);
	} else
		return cli_usage_error("site ", "未知的子命令 '%s'", pos[0]);
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (strcmp(pos[0], "show") == 0)
		rc = site_show(db);
	else if (gk_site_set(db, as != NULL ? as : cli_actor(actor, sizeof(actor)), pos[1],
	    pos[2], cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else {
		printf("已设置 %s：%s\n", pos[1], pos[2][0] != '\0' ? pos[2] : "（已清除）");
		rc = 0;
	}
	gk_db_close(db);
	return rc;
}
