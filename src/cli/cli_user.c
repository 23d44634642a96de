/*
 * cli_user.c — `gongkai user add|list|passwd|roles|deactivate`: a thin layer over
 * src/store/user.h. Passwords come from standard input (one per line),
 * never from the command line, so they do not show up in ps or the shell
 * history. Who may do what is decided in the store (gk_user_authorize,
 * user.h); the usage text says what the CLI trusts.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "cli/cli.h"
#include "core/workflow.h"
#include "store/db.h"
#include "store/user.h"

static const char user_usage[] =
"用法: gongkai [--db PATH] user COMMAND [OPTIONS]\n"
"\n"
"  add LOGIN --agency ID --name NAME --role ROLE [--password-stdin]\n"
"        在机构 ID 下添加用户。LOGIN 为 1～64 个字母、数字或 . _ - @。\n"
"        --agency ID        所属机构编号（gongkai agency list）\n"
"        --name NAME        姓名\n"
"        --role ROLE        角色：drafter（科室拟稿人）、reviewer（分管领导）、\n"
"                           approver（主要领导）、officer（信息公开工作人员）、\n"
"                           office（政务公开办）、admin（系统管理员）；\n"
"                           多个角色以逗号分隔，如 reviewer,officer\n"
"        --password-stdin   从标准输入第一行读取初始密码；不给时自动生成\n"
"                           强密码并只显示这一次。初始密码首次登录后须修改。\n"
"  list [--agency ID]\n"
"        列出用户（只列某机构的，或全部）：编号、登录名、姓名、机构、角色、状态\n"
"  passwd LOGIN\n"
"        本人修改密码（须 $GONGKAI_ACTOR=LOGIN）：从标准输入读两行，第一行原密码，\n"
"        第二行新密码。新密码至少 10 个字符，且含小写字母、大写字母、数字、\n"
"        其他字符中至少 3 类。\n"
"  passwd LOGIN --reset [--password-stdin]\n"
"        管理员重置密码：设为新的初始密码（首次登录后须修改）。\n"
"        --password-stdin 从标准输入第一行读取；不给时自动生成并只显示这一次。\n"
"  roles LOGIN ROLE[,ROLE...]\n"
"        以给出的角色集合替换用户的全部角色；不能去掉机构最后一位在用管理员的\n"
"        admin 角色\n"
"  deactivate LOGIN\n"
"        停用用户（保留记录，不能再登录）；不能停用机构最后一位在用管理员\n"
"\n"
"操作人取 $GONGKAI_ACTOR，否则为 cli:$USER；时间取 $GONGKAI_NOW（ISO 8601），\n"
"否则为当前时间。每次变更都写入审计链（不含密码及其哈希）。\n"
"权限：命令行是服务器操作员的工具，能运行它的人也能直接改写数据库文件；\n"
"操作人不是任何用户的登录名时（如 cli:root）按操作员处理，不再检查。\n"
"操作人是某用户的登录名时：passwd --reset 须为该用户本机构的 admin；\n"
"add、roles 与 deactivate 须为该用户所属机构或其上级机构的 admin；\n"
"不带 --reset 的 passwd 只能由本人执行。\n"
"\n"
"退出码：0 成功；1 被拒绝（登录名重复、角色未知、机构不存在、密码错误或\n"
"        不合要求、无权操作、最后一位管理员）或数据库错误；2 用法错误。\n";

/*
 * Reads one line of standard input (without its newline or CR) into buf.
 * 1 on success; 0 at end of input or when the line does not fit.
 */
static int
user_read_line(char *buf, size_t n, const char *what)
{
	size_t len;

	if (fgets(buf, (int)n, stdin) == NULL) {
		fprintf(stderr, "gongkai: 标准输入中缺少%s\n", what);
		return 0;
	}
	len = strlen(buf);
	if (len > 0 && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (!feof(stdin)) {
		fprintf(stderr, "gongkai: %s过长（最多 %d 字节）\n", what, GK_USER_PW_MAX);
		return 0;
	}
	if (len > 0 && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return 1;
}

/*
 * An initial password into pw (at least 17 bytes): the first line of
 * standard input, or a generated one. 1 on success (message printed if not).
 */
static int
user_initial_pw(char *pw, size_t n, int from_stdin, const char *what)
{
	if (from_stdin)
		return user_read_line(pw, n, what);
	if (gk_user_password_generate(pw, 17) != GK_OK) {
		fprintf(stderr, "gongkai: 无法生成随机密码\n");
		return 0;
	}
	return 1;
}

static struct gk_db *
user_open(int existing)
{
	struct gk_db	*db;
	char		 err[512];

	if (gk_db_open_ex(cli_db_path(), existing ? GK_DB_EXISTING : 0, &db, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return NULL;
	}
	return db;
}

static int
user_add(int argc, char **argv)
{
	struct gk_db	*db;
	const char	*login = NULL, *name = NULL, *role = NULL;
	char		 err[512], now[64], actor[128], pw[GK_USER_PW_MAX + 2];
	int64_t		 agency = 0, id;
	unsigned	 roles;
	int		 i, from_stdin = 0, rc = 1;

	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(user_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--password-stdin") == 0)
			from_stdin = 1;
		else if (strcmp(argv[i], "--agency") == 0 || strcmp(argv[i], "--name") == 0 ||
		    strcmp(argv[i], "--role") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("user ", "%s 需要一个值", argv[i]);
			if (strcmp(argv[i], "--name") == 0)
				name = argv[++i];
			else if (strcmp(argv[i], "--role") == 0)
				role = argv[++i];
			else if (!cli_parse_id(argv[++i], &agency))
				return cli_usage_error("user ", "--agency 需要正整数编号，而不是 '%s'",
				    argv[i]);
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("user ", "未知选项 '%s'", argv[i]);
		else if (login == NULL)
			login = argv[i];
		else
			return cli_usage_error("user ", "多余的参数 '%s'", argv[i]);
	}
	if (login == NULL)
		return cli_usage_error("user ", "缺少登录名 LOGIN");
	if (agency == 0)
		return cli_usage_error("user ", "缺少 --agency ID（所属机构编号）");
	if (name == NULL)
		return cli_usage_error("user ", "缺少 --name NAME（姓名）");
	if (role == NULL)
		return cli_usage_error("user ", "缺少 --role ROLE（角色）");
	if (gk_user_roles_parse(role, &roles, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (!user_initial_pw(pw, sizeof(pw), from_stdin, "初始密码"))
		goto out;
	if ((db = user_open(0)) == NULL)
		goto out;
	if (gk_user_add(db, cli_actor(actor, sizeof(actor)), agency, login, name,
	    roles, pw, cli_now(now, sizeof(now)), &id, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		goto out;
	}
	gk_db_close(db);
	printf("已添加用户 %lld：%s（%s），机构 %lld，角色 %s\n", (long long)id, login,
	    name, (long long)agency, role);
	if (!from_stdin)
		printf("初始密码（只显示这一次，首次登录后须修改）：%s\n", pw);
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

static int
user_list(int argc, char **argv)
{
	struct gk_db		*db;
	struct gk_user_list	 l;
	char			 err[512], roles[GK_USER_ROLES_MAX];
	int64_t			 agency = 0;
	size_t			 i;
	int			 a;

	for (a = 1; a < argc; a++) {
		if (cli_is_help(argv[a])) {
			fputs(user_usage, stdout);
			return 0;
		}
		if (strcmp(argv[a], "--agency") == 0) {
			if (a + 1 >= argc)
				return cli_usage_error("user ", "--agency 需要一个值");
			if (!cli_parse_id(argv[++a], &agency))
				return cli_usage_error("user ", "--agency 需要正整数编号，而不是 '%s'",
				    argv[a]);
		} else
			return cli_usage_error("user ", "user list 不接受参数 '%s'", argv[a]);
	}
	if ((db = user_open(1)) == NULL)
		return 1;
	if (gk_user_list(db, agency, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	gk_db_close(db);
	printf("编号\t登录名\t姓名\t机构\t角色\t状态\n");
	for (i = 0; i < l.n; i++) {
		gk_user_roles_format(l.v[i].roles, roles, sizeof(roles));
		printf("%lld\t%s\t%s\t%lld\t%s\t%s\n", (long long)l.v[i].id,
		    l.v[i].login, l.v[i].display_name, (long long)l.v[i].agency_id,
		    roles[0] ? roles : "-",
		    !l.v[i].active ? "停用" : !l.v[i].has_password ? "未设密码" :
		    l.v[i].must_change ? "须改密码" : "正常");
	}
	gk_user_list_free(&l);
	return 0;
}

/* `user deactivate LOGIN`: one LOGIN argument. */
static const char *
user_one_login(int argc, char **argv, int *rcp)
{
	int i;

	*rcp = -1;
	for (i = 1; i < argc; i++)
		if (cli_is_help(argv[i])) {
			fputs(user_usage, stdout);
			*rcp = 0;
			return NULL;
		}
	if (argc < 2) {
		*rcp = cli_usage_error("user ", "user %s 缺少登录名 LOGIN", argv[0]);
		return NULL;
	}
	if (argv[1][0] == '-') {
		*rcp = cli_usage_error("user ", "未知选项 '%s'", argv[1]);
		return NULL;
	}
	if (argc > 2) {
		*rcp = cli_usage_error("user ", "多余的参数 '%s'", argv[2]);
		return NULL;
	}
	return argv[1];
}

/* `user passwd LOGIN --reset`: an administrator sets a new initial password. */
static int
user_reset(struct gk_db *db, const char *login, int from_stdin)
{
	char	err[512], now[64], actor[128], pw[GK_USER_PW_MAX + 2];
	int	rc = 1;

	if (!user_initial_pw(pw, sizeof(pw), from_stdin, "新的初始密码"))
		goto out;
	if (gk_user_set_password(db, cli_actor(actor, sizeof(actor)), login, pw,
	    cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		goto out;
	}
	printf("用户 %s 的密码已重置为初始密码（首次登录后须修改）\n", login);
	if (!from_stdin)
		printf("初始密码（只显示这一次，首次登录后须修改）：%s\n", pw);
	rc = 0;
out:
	sodium_memzero(pw, sizeof(pw));
	return rc;
}

static int
user_passwd(int argc, char **argv)
{
	struct gk_db	*db;
	const char	*login = NULL;
	char		 err[512], now[64], actor[128];
	char		 oldpw[GK_USER_PW_MAX + 2], newpw[GK_USER_PW_MAX + 2];
	int		 i, rc, reset = 0, from_stdin = 0;

	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(user_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--reset") == 0)
			reset = 1;
		else if (strcmp(argv[i], "--password-stdin") == 0)
			from_stdin = 1;
		else if (argv[i][0] == '-')
			return cli_usage_error("user ", "未知选项 '%s'", argv[i]);
		else if (login == NULL)
			login = argv[i];
		else
			return cli_usage_error("user ", "多余的参数 '%s'", argv[i]);
	}
	if (login == NULL)
		return cli_usage_error("user ", "user passwd 缺少登录名 LOGIN");
	if (from_stdin && !reset)
		return cli_usage_error("user ", "--password-stdin 只用于 --reset");
	if (reset) {
		if ((db = user_open(1)) == NULL)
			return 1;
		rc = user_reset(db, login, from_stdin);
		gk_db_close(db);
		return rc;
	}
	rc = 1;
	if (!user_read_line(oldpw, sizeof(oldpw), "原密码（第一行）") ||
	    !user_read_line(newpw, sizeof(newpw), "新密码（第二行）"))
		goto out;
	if ((db = user_open(1)) == NULL)
		goto out;
	if (gk_user_passwd(db, cli_actor(actor, sizeof(actor)), login, oldpw, newpw,
	    cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		printf("用户 %s 的密码已修改\n", login);
		rc = 0;
	}
	gk_db_close(db);
out:
	sodium_memzero(oldpw, sizeof(oldpw));
	sodium_memzero(newpw, sizeof(newpw));
	return rc;
}

static int
user_roles(int argc, char **argv)
{
	struct gk_db	*db;
	char		 err[512], now[64], actor[128];
	unsigned	 roles;
	int		 i, rc;

	for (i = 1; i < argc; i++)
		if (cli_is_help(argv[i])) {
			fputs(user_usage, stdout);
			return 0;
		}
	if (argc < 2)
		return cli_usage_error("user ", "user roles 缺少登录名 LOGIN");
	if (argv[1][0] == '-')
		return cli_usage_error("user ", "未知选项 '%s'", argv[1]);
	if (argc < 3)
		return cli_usage_error("user ", "user roles 缺少角色 ROLE[,ROLE...]");
	if (argc > 3)
		return cli_usage_error("user ", "多余的参数 '%s'", argv[3]);
	if (gk_user_roles_parse(argv[2], &roles, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if ((db = user_open(1)) == NULL)
		return 1;
	rc = 0;
	if (gk_user_set_roles(db, cli_actor(actor, sizeof(actor)), argv[1], roles,
	    cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else
		printf("用户 %s 的角色已改为 %s\n", argv[1], argv[2]);
	gk_db_close(db);
	return rc;
}

static int
user_deactivate(int argc, char **argv)
{
	struct gk_db	*db;
	const char	*login;
	char		 err[512], now[64], actor[128];
	int		 rc;

	if ((login = user_one_login(argc, argv, &rc)) == NULL)
		return rc;
	if ((db = user_open(1)) == NULL)
		return 1;
	rc = 0;
	if (gk_user_deactivate(db, cli_actor(actor, sizeof(actor)), login,
	    cli_now(now, sizeof(now)), err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		rc = 1;
	} else
		printf("用户 %s 已停用\n", login);
	gk_db_close(db);
	return rc;
}

int
cli_user(int argc, char **argv)
{
	if (argc < 2)
		return cli_usage_error("user ", "缺少子命令（add、list、passwd、roles 或 deactivate）");
	if (cli_is_help(argv[1])) {
		fputs(user_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "add") == 0)
		return user_add(argc - 1, argv + 1);
	if (strcmp(argv[1], "list") == 0)
		return user_list(argc - 1, argv + 1);
	if (strcmp(argv[1], "passwd") == 0)
		return user_passwd(argc - 1, argv + 1);
	if (strcmp(argv[1], "roles") == 0)
		return user_roles(argc - 1, argv + 1);
	if (strcmp(argv[1], "deactivate") == 0)
		return user_deactivate(argc - 1, argv + 1);
	return cli_usage_error("user ", "未知的子命令 '%s'", argv[1]);
}
