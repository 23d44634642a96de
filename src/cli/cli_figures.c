/* cli_figures.c — placeholder, being written. */
#include <stdio.h>

#include "cli/cli.h"

int
cli_figures(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return cli_usage_error("", "figures: not yet available");
}
