/* cli_scan.c — STUB: being written. */
#include "cli/cli.h"

int
cli_scan(int argc, char **argv)
{
	(void)argc;
	return cli_usage_error(NULL, "%s: not available yet", argv[0]);
}

