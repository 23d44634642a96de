/* cli_apply.c — placeholder, being written. */
#include <stdio.h>

#include "cli/cli.h"

int
cli_apply(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error("", "apply: not yet available");
}
