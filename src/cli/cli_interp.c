/* cli_interp.c — placeholder, being written. */
#include <stdio.h>

#include "cli/cli.h"

int
cli_item_link(int argc, char **argv)
{
	(void)argc;
	return cli_usage_error("item ", "item %s: not yet available", argv[1]);
}
