/*
 * cli_token.c — `gongkai token add|list|revoke`: API tokens for the write
 * side of /api/v1 (store/token.h, docs/api.md, docs/admin-security.md).
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "cli/cli.h"
#include "store/db.h"
#include "store/token.h"

static const char token_usage[] =
"用法：gongkai [--db PATH] token add --agency ID --name NAME --user LOGIN\n"
"      gongkai [--db PATH] token list [--agency ID]\n"
"      gongkai [--db PATH] token revoke ID\n"
"\n"
"接口令牌：其他系统凭令牌调用 /api/v1 的写接口（POST /api/v1/items 新建信息草稿，\n"
"POST /api/v1/applications 录入依申请公开申请），只能作用于令牌所属机构（docs/api.md）。\n"
"\n"
"  add      新建令牌并只显示这一次（数据库只保存其 SHA-256）。\n"
"           --agency ID   所属机构编号\n"
"           --name NAME   名称（调用方系统），1～100 个字符\n"
"           --user LOGIN  起草账号：该机构的在用科室拟稿人，经接口新建的草稿以其名义起草\n"
"  list     列出令牌：编号、机构、名称、开头、起草账号、创建、最近使用、状态\n"
"  revoke   吊销令牌（不可恢复）\n"
"\n"
"操作人取 $GONGKAI_ACTOR，否则为 cli:$USER；操作人若是某用户的登录名，须为该机构的\n"
"系统管理员或信息公开工作人员。新建和吊销都写入审计链。\n";

static int
token_add(int argc, char **argv)
{
	const char	*name = NULL, *user = NULL;
	char		 token[GK_TOKEN_LEN + 1], actor[128], now[40], err[1024];
	long long	 agency = 0;
	int64_t		 id = 0;
	struct gk_db	*db;
	int		 i;

	for (i = 2; i < argc; i++) {
		if (i + 1 >= argc)
			return cli_usage_error("token ", "选项 %s 缺少值", argv[i]);
		if (strcmp(argv[i], "--agency") == 0) {
			if (!cli_parse_int(argv[++i], 1, INT64_MAX, &agency))
				return cli_usage_error("token ", "--agency 需要正整数编号，而不是 '%s'",
				    argv[i]);
		} else if (strcmp(argv[i], "--name") == 0)
			name = argv[++i];
		else if (strcmp(argv[i], "--user") == 0)
			user = argv[++i];
		else
			return cli_usage_error("token ", "未知的选项 '%s'", argv[i]);
	}
	if (agency == 0 || name == NULL || user == NULL)
		return cli_usage_error("token ", "token add 需要 --agency、--name 和 --user");
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (gk_token_add(db, cli_actor(actor, sizeof(actor)), (int64_t)agency, name, user,
	    cli_now(now, sizeof(now)), token, &id, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	printf("已创建令牌 %lld（机构 %lld，%s）。令牌只显示这一次，请妥善保存：\n%s\n",
	    (long long)id, agency, name, token);
	sodium_memzero(token, sizeof(token));
	return 0;
}

static int
token_list(int argc, char **argv)
{
	struct gk_token_list	 l;
	struct gk_db		*db;
	long long		 agency = 0;
	int			 rc;
	char			 err[1024];
	size_t			 i;

	if ((rc = cli_agency_only(argc, argv, &agency)) != 0)
		return rc;
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (gk_token_list(db, (int64_t)agency, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	printf("编号\t机构\t名称\t开头\t起草账号\t创建\t最近使用\t状态\n");
	for (i = 0; i < l.n; i++)
		printf("%lld\t%lld\t%s\t%s…\t%s\t%s\t%s\t%s\n", (long long)l.v[i].id,
		    (long long)l.v[i].agency_id, l.v[i].name, l.v[i].prefix, l.v[i].user,
		    l.v[i].created_at, l.v[i].last_used_at[0] ? l.v[i].last_used_at : "-",
		    l.v[i].revoked_at[0] ? "已吊销" : "有效");
	gk_token_list_free(&l);
	gk_db_close(db);
	return 0;
}

static int
token_revoke(int argc, char **argv)
{
	struct gk_db	*db;
	int64_t		 id;
	char		 actor[128], now[40], err[1024];

	if (argc != 3 || !cli_parse_id(argv[2], &id))
		return cli_usage_error("token ", "token revoke 需要一个令牌编号");
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	if (gk_token_revoke(db, cli_actor(actor, sizeof(actor)), 0, id, cli_now(now, sizeof(now)),
	    err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	printf("已吊销令牌 %lld\n", (long long)id);
	return 0;
}

int
cli_token(int argc, char **argv)
{
	if (argc < 2 || cli_is_help(argv[1])) {
		fputs(token_usage, argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return token_add(argc, argv);
	if (strcmp(argv[1], "list") == 0)
		return token_list(argc, argv);
	if (strcmp(argv[1], "revoke") == 0)
		return token_revoke(argc, argv);
	return cli_usage_error("token ", "未知的子命令 '%s'（add、list、revoke）", argv[1]);
}
