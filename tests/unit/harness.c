/*
 * harness.c — the shared part of the unit tests: run a cmocka group and
 * report its counts in the form tests/run.sh sums up.
 */
#include <stdio.h>
#include <stdlib.h>

#include "harness.h"

int
gk_test_run(const char *name, const struct CMUnitTest *tests, size_t n)
{
	int failed;

	failed = _cmocka_run_group_tests(name, tests, n, NULL, NULL);
	printf("gk-test: %s %zu %d\n", name, n - (size_t)failed, failed);
	return failed ? 1 : 0;
}

char *
gk_test_slurp(const char *path, size_t *lenp)
{
	FILE	*f;
	char	*p;
	long	 n;

	f = fopen(path, "rb");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	p = malloc((size_t)n + 1);
	assert_non_null(p);
	if (fread(p, 1, (size_t)n, f) != (size_t)n)
		fail_msg("cannot read %s", path);
	p[n] = '\0';
	fclose(f);
	if (lenp)
		*lenp = (size_t)n;
	return p;
}

