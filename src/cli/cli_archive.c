/* cli_archive.c — STUB: being written. */
#include "cli/cli.h"

int
cli_archive(int argc, char **argv)
{
	(void)argc;
	return cli_usage_error(NULL, "%s: not available yet", argv[0]);
}
