/* cli_case.c — placeholder, being written. */
#include <stdio.h>

#include "cli/cli.h"

int
cli_case(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error("", "case: not yet available");
}
