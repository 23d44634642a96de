/*
 * harness.h — what every unit test file includes: cmocka (with the headers
 * cmocka 1.1.5 needs first) and small helpers for fixtures.
 */
#ifndef GK_TEST_HARNESS_H
#define GK_TEST_HARNESS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

/*
 * Runs a group and prints the line tests/run.sh counts:
 * "gk-test: NAME PASSED FAILED". Returns the process exit status.
 */
int	 gk_test_run(const char *name, const struct CMUnitTest *, size_t n);
#define GK_TEST_MAIN(name, tests) \
	int main(void) { return gk_test_run(name, tests, sizeof(tests) / sizeof(tests[0])); }

/* Reads a whole file below tests/fixtures/ (or any path); fails the test if it cannot. */
char	*gk_test_slurp(const char *path, size_t *lenp);

#include "report_gen.h"

#endif
