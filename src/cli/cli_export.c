/*
 * cli_export.c — STUB until its module lands (issue 5).
 */
#include <stdio.h>

#include "cli/cli.h"

int
cli_export(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fprintf(stderr, "gongkai: not built yet\n");
	return 1;
}

