/*
 * harness.c — the shared part of the unit tests: run a cmocka group and
 * report its counts in the form tests/run.sh sums up.
 */
#include <stdio.h>
#include <stdlib.h>

#include <sqlite3.h>

#include "harness.h"
#include "store/db.h"

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


void
gk_test_exec(struct gk_db *db, const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(gk_db_sqlite(db), sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Prepares sql and steps to its first row; fails the test otherwise. */
static sqlite3_stmt *
test_first_row(struct gk_db *db, const char *sql)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(gk_db_sqlite(db)));
	if (sqlite3_step(st) != SQLITE_ROW)
		fail_msg("%s: no row", sql);
	return st;
}

int64_t
gk_test_int(struct gk_db *db, const char *sql)
{
	sqlite3_stmt	*st = test_first_row(db, sql);
	int64_t		 v = sqlite3_column_int64(st, 0);

	sqlite3_finalize(st);
	return v;
}

void
gk_test_text(struct gk_db *db, const char *sql, char *out, size_t n)
{
	sqlite3_stmt	*st = test_first_row(db, sql);
	const char	*t = (const char *)sqlite3_column_text(st, 0);

	snprintf(out, n, "%s", t ? t : "(null)");
	sqlite3_finalize(st);
}
