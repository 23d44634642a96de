/*
 * main.c — the `gongkai` command: dispatches to subcommands. Every
 * subcommand is a thin layer over the library; bad usage exits 2 with a
 * one-line error and a hint.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"

static const char usage[] =
"用法: gongkai [--help] [--version] COMMAND [ARGS]\n"
"\n"
"gongkai runs an agency's government-information-disclosure work (政府信息公开).\n"
"\n"
"Commands:\n"
"  report     annual reports (政府信息公开工作年度报告): check, convert, aggregate, rules,\n"
"             generate (from the data), text (narrative), publish\n"
"  calendar   the working-day calendar: show, set, add, between\n"
"  scan       the confidentiality and personal-information gate on TXT/HTML/DOCX files\n"
"  init       create or upgrade the database\n"
"  audit      verify the hash-chained audit ledger\n"
"  backup     copy the database safely while it is in use\n"
"  agency     agencies: add, list, show, set, unset, contact\n"
"  user       users and roles: add, list, roles, passwd, deactivate\n"
"  token      API tokens for the write side of /api/v1: add, list, revoke\n"
"  item       information items (主动公开) through three-level review to publication\n"
"  apply      applications for disclosure (依申请公开) and their statutory clock\n"
"  case       reconsideration and litigation cases (行政复议、行政诉讼)\n"
"  figures    the 第二十条 figures and other facts of an agency-year\n"
"  ledger     the ledger (台账): export a year's items as CSV; interpretation findings\n"
"  archive    the electronic archive (电子档案): export a year, verify an export\n"
"  consult    留言咨询: the public's questions, moderated, answered and published\n"
"  push       targeted push (精准推送): e-mail digests to subscribers, the outbox, SMTP\n"
"  site       the platform's settings (主办单位, 网站标识码, ICP备案号...)\n"
"  serve      the web server: portal, search, forms and JSON API\n"
"  export     write the published portal pages as static files\n"
"  channels   the channels' sync check (门户网站, 微信公众号, 公示栏) and their rules\n"
"  check      the website self-check (政府网站与政务新媒体检查指标): check site\n"
"  notice     printed notices for the 公示栏 (A4 PDF/HTML with QR codes); posted/removed\n"
"  wechat     the WeChat official account (微信公众号): config, queue, run, status\n"
"  demo       build a demonstration database (盐边县经济合作和商务局 and a second agency)\n"
"  help       show this help, or `gongkai help report`\n"
"  version    print the version\n"
"\n"
"Options:\n"
"  --db PATH      the database (default: $GONGKAI_DB, else ./gongkai.db)\n"
"  -h, --help     show this help\n"
"  -V, --version  print the version\n"
"\n"
"Run `gongkai COMMAND --help` for a command's own options.\n";

int
cli_usage_error(const char *hint_cmd, const char *fmt, ...)
{
	va_list ap;

	fputs("gongkai: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (try 'gongkai %s--help')\n", hint_cmd ? hint_cmd : "");
	return 2;
}

enum gk_err
cli_read_file(const char *path, size_t max, char **out, size_t *lenp)
{
	struct gk_buf	 b;
	FILE		*f;
	char		 chunk[65536];
	size_t		 n;
	int		 is_stdin = strcmp(path, "-") == 0;

	*out = NULL;
	if ((f = is_stdin ? stdin : fopen(path, "rb")) == NULL)
		return errno == ENOENT ? GK_ENOTFOUND : GK_EIO;
	gk_buf_init(&b, max);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (gk_buf_append(&b, chunk, n) != GK_OK)
			break;
	if (ferror(f) && b.err == GK_OK)
		b.err = GK_EIO;
	if (!is_stdin)
		fclose(f);
	if (b.err != GK_OK) {
		enum gk_err e = b.err;

		gk_buf_clear(&b);
		return e;
	}
	if ((*out = gk_buf_take(&b, lenp)) == NULL)
		return GK_ENOMEM;
	return GK_OK;
}

enum gk_err
cli_write_file(const char *path, const void *buf, size_t len)
{
	FILE *f;
	int to_stdout = path == NULL || strcmp(path, "-") == 0;

	if ((f = to_stdout ? stdout : fopen(path, "wb")) == NULL)
		return GK_EIO;
	if (fwrite(buf, 1, len, f) != len) {
		if (!to_stdout)
			fclose(f);
		return GK_EIO;
	}
	if (to_stdout)
		return fflush(f) == 0 ? GK_OK : GK_EIO;
	return fclose(f) == 0 ? GK_OK : GK_EIO;
}

static const char *db_opt;

const char *
cli_db_path(void)
{
	const char *env;

	if (db_opt != NULL)
		return db_opt;
	if ((env = getenv("GONGKAI_DB")) != NULL && env[0] != '\0')
		return env;
	return "gongkai.db";
}

static const struct {
	const char	*name;
	int		(*fn)(int, char **);
} commands[] = {
	{ "report", cli_report },
	{ "calendar", cli_calendar },
	{ "scan", cli_scan },
	{ "init", cli_init },
	{ "audit", cli_audit },
	{ "backup", cli_backup },
	{ "agency", cli_agency },
	{ "user", cli_user },
	{ "token", cli_token },
	{ "item", cli_item },
	{ "apply", cli_apply },
	{ "case", cli_case },
	{ "figures", cli_figures },
	{ "ledger", cli_ledger },
	{ "archive", cli_archive },
	{ "consult", cli_consult },
	{ "site", cli_site },
	{ "serve", cli_serve },
	{ "export", cli_export },
	{ "demo", cli_demo },
	{ "wechat", cli_wechat },
	{ "push", cli_push },
	{ "notice", cli_notice },
	{ "channels", cli_channels },
	{ "check", cli_check },
};

int
main(int argc, char **argv)
{
	const char *cmd;
	size_t i;

	/* Global options before the command. */
	while (argc >= 2 && strncmp(argv[1], "--db", 4) == 0) {
		if (argv[1][4] == '=') {
			db_opt = argv[1] + 5;
			argv++;
			argc--;
		} else if (argv[1][4] == '\0' && argc >= 3) {
			db_opt = argv[2];
			argv += 2;
			argc -= 2;
		} else
			return cli_usage_error(NULL, "--db needs a PATH");
		if (db_opt[0] == '\0')
			return cli_usage_error(NULL, "--db needs a PATH");
	}
	if (argc < 2) {
		fputs(usage, stderr);
		return 2;
	}
	/* jansson allocates through the library's wrappers too. */
	json_set_alloc_funcs(gk_malloc, gk_free);
	cmd = argv[1];
	if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 ||
	    (strcmp(cmd, "help") == 0 && argc == 2)) {
		fputs(usage, stdout);
		return 0;
	}
	if (strcmp(cmd, "-V") == 0 || strcmp(cmd, "--version") == 0 ||
	    strcmp(cmd, "version") == 0) {
		printf("gongkai %s\n", GK_VERSION);
		return 0;
	}
	if (strcmp(cmd, "help") == 0) {
		char *hv[] = { argv[2], "--help", NULL };

		for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
			if (strcmp(argv[2], commands[i].name) == 0)
				return commands[i].fn(2, hv);
		return cli_usage_error(NULL, "unknown command '%s'", argv[2]);
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(cmd, commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	if (cmd[0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", cmd);
	return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
