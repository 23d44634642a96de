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
"  report     annual reports (政府信息公开工作年度报告): check, convert, aggregate, rules\n"
"  help       show this help, or `gongkai help report`\n"
"  version    print the version\n"
"\n"
"Options:\n"
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

int
main(int argc, char **argv)
{
	const char *cmd;

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

		if (strcmp(argv[2], "report") == 0)
			return cli_report(2, hv);
		return cli_usage_error(NULL, "unknown command '%s'", argv[2]);
	}
	if (strcmp(cmd, "report") == 0)
		return cli_report(argc - 1, argv + 1);
	if (cmd[0] == '-')
		return cli_usage_error(NULL, "unknown option '%s'", cmd);
	return cli_usage_error(NULL, "unknown command '%s'", cmd);
}
