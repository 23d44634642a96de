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

/*
 * SQL on a test database (fixtures and checks only; the code under test goes
 * through the store). Each fails the test with the statement and SQLite's
 * message when the statement fails or, for the queries, returns no row.
 */
struct gk_db;
void	 gk_test_exec(struct gk_db *, const char *sql);
int64_t	 gk_test_int(struct gk_db *, const char *sql);
/* The first column of the first row as text ("(null)" for NULL) into out. */
void	 gk_test_text(struct gk_db *, const char *sql, char *out, size_t n);

#include "report_gen.h"

#endif
