/* cli_item.c — STUB: being written. */
#include "cli/cli.h"

int
cli_item(int argc, char **argv)
{
	(void)argc;
	return cli_usage_error(NULL, "%s: not available yet", argv[0]);
}
