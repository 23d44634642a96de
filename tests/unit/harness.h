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

/*
 * A fresh database t.db in a new directory /tmp/gk-NAME-XXXXXX: the
 * directory into dir (n bytes), the database's path into path (pathn
 * bytes) unless path is NULL. gk_test_db_remove closes db and removes the
 * directory with everything in it.
 */
struct gk_db	*gk_test_db_open(const char *name, char *dir, size_t n, char *path,
		    size_t pathn);
void		 gk_test_db_remove(struct gk_db *, const char *dir);
/*
 * The two agencies most tests share, added at now: 盐边县商务局
 * (11510422MB1234567Y) into *ag and 盐边县财政局 (11510422MB12345682) into
 * *ag2, both 县级 without a parent government.
 */
void		 gk_test_agencies(struct gk_db *, const char *now, int64_t *ag, int64_t *ag2);
/*
 * The usual store fixture: a fresh database (gk_test_db_open), the two
 * agencies of gk_test_agencies added at now, and the holiday calendar.
 * gk_test_store_close frees and removes it all.
 */
#include "core/calendar.h"
struct gk_test_store {
	struct gk_db	*db;
	struct calendar	 cal;
	char		 dir[64];
	int64_t		 ag, ag2;
};
void		 gk_test_store_open(struct gk_test_store *, const char *name, const char *now);
void		 gk_test_store_close(struct gk_test_store *);
/* data/cn-holidays.tsv into cal (calendar_clear frees it). */
struct calendar;
void		 gk_test_calendar(struct calendar *cal);
/* A date YYYY-MM-DD as days (core/date.h); fails the test on a bad one. */
int32_t		 gk_test_date(const char *);

/*
 * Store fixtures shared by the tests that build a platform through the
 * store API (not SQL), so the workflow's own checks apply.
 */
#include "core/gk.h"
#include "core/workflow.h"

struct gk_item_actor;
/* A user login (name = login) of agency ag with one role, looked up into ac. */
void	 gk_test_user(struct gk_db *, int64_t ag, const char *login, enum wf_role,
	    struct gk_item_actor *ac);
/*
 * A draft by ac in its agency: title, category cat, written on day (created
 * at day 09:00 +08:00), body if not NULL. Returns its id.
 */
int64_t	 gk_test_item(struct gk_db *, const struct gk_item_actor *ac, const char *cat,
	    const char *title, const char *day, const char *body);
/*
 * Action a by ac on item id at day 10:00 +08:00, every check passed for
 * review and approval, comment "同意", reason (for a withdrawal) as given.
 */
void	 gk_test_act(struct gk_db *, int64_t id, const struct gk_item_actor *ac,
	    enum wf_action a, const char *day, const char *reason);

/*
 * One request through gk_web_dispatch, without a server: method, path and
 * client; args and cookies as name, value pairs ending with NULL (either
 * may be NULL). resp must be initialised; it is cleared first. Fails the
 * test when dispatch fails with anything but GK_ENOTFOUND (no handler
 * answered); returns what dispatch returned.
 */
struct gk_web_ctx;
struct gk_web_resp;
enum gk_err gk_test_web(struct gk_web_ctx *, struct gk_web_resp *resp, const char *method,
	    const char *path, const char *client, const char *const *args,
	    const char *const *cookies);

/*
 * The back office's area handlers called straight, without the gate
 * (web/admin.h): a fabricated signed-in user, the context, one request.
 */
struct gk_admin_user;
struct gk_site;
struct gk_web_req;
struct gk_web_file;

/* The CSRF token of every gk_test_admin_user (the gate's are 64 hex digits). */
#define GK_TEST_CSRF	"c0ffee"

/*
 * u as the gate would hand it on for user user_id (login, name = login)
 * of agency ag with the roles mask (WF_ROLE_BIT() of each), the agency's
 * name agency (NULL: "机构ID"), the token GK_TEST_CSRF.
 */
void	 gk_test_admin_as(struct gk_admin_user *u, int64_t user_id, int64_t ag,
	    const char *login, unsigned roles, const char *agency);
/* A new user of gk_test_user (one role) as gk_test_admin_as makes it into u. */
void	 gk_test_admin_user(struct gk_db *, struct gk_admin_user *u, int64_t ag,
	    const char *login, enum wf_role, const char *agency);
/*
 * A handler test's context: site cleared and named 盐边县人民政府信息公开平台,
 * ctx cleared, on db, cal (may be NULL) and site, its today and now from
 * now ("YYYY-MM-DDThh:mm:ss+08:00").
 */
void	 gk_test_web_ctx(struct gk_web_ctx *, struct gk_site *, struct gk_db *,
	    const struct calendar *, const char *now);
/*
 * One request to an area's handler fn (a gk_admin_handler) as user u, as
 * the gate hands it on: method, path, args as name, value pairs ending
 * with NULL (may be NULL), nfiles files (may be NULL), client 127.0.0.1.
 * resp must be initialised; it is cleared first. Fails the test when fn
 * fails with anything but GK_ENOTFOUND (no screen of the area) or answers
 * a cacheable page; returns what fn returned.
 */
typedef enum gk_err (*gk_test_area)(struct gk_web_ctx *, const struct gk_web_req *,
	    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err gk_test_admin(gk_test_area fn, struct gk_web_ctx *, const struct gk_admin_user *u,
	    struct gk_web_resp *resp, const char *method, const char *path,
	    const char *const *args, const struct gk_web_file *files, size_t nfiles);
/*
 * The fixture of a handler test: the store of gk_test_store_open (its
 * agencies added at created), the context of gk_test_web_ctx at now, and a
 * response initialised. gk_test_area_teardown is a cmocka teardown for
 * the setup that stores the fixture's address in *state; it frees it all.
 */
#include "web/web.h"
struct gk_test_area {
	struct gk_test_store	 s;
	struct gk_site		 site;
	struct gk_web_ctx	 ctx;
	struct gk_web_resp	 resp;
};
void	 gk_test_area_open(struct gk_test_area *, const char *name, const char *created,
	    const char *now);
int	 gk_test_area_teardown(void **state);
/* A cmocka teardown for a setup that stores its gk_test_store's address in *state. */
int	 gk_test_store_teardown(void **state);
/* A response's body; "" when there is none. */
const char *gk_test_body(const struct gk_web_resp *);
/* Fail the test (with the page from its <main> on) when text lacks s, has s. */
void	 gk_test_has(const char *text, const char *s);
void	 gk_test_lacks(const char *text, const char *s);

#include "report_gen.h"

#endif
