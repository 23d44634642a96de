/* cli_store.c — STUB: being written. */
#include "cli/cli.h"

int
cli_init(int argc, char **argv)
{
	(void)argc;
	return cli_usage_error(NULL, "%s: not available yet", argv[0]);
}

int
cli_audit(int argc, char **argv)
{
	(void)argc;
	return cli_usage_error(NULL, "%s: not available yet", argv[0]);
}

int
cli_backup(int argc, char **argv)
{
	(void)argc;
	return cli_usage_error(NULL, "%s: not available yet", argv[0]);
}

