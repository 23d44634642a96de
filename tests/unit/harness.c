/*
 * harness.c — the shared part of the unit tests: run a cmocka group and
 * report its counts in the form tests/run.sh sums up.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/calendar.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/item.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/web.h"

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

void
gk_test_user(struct gk_db *db, int64_t ag, const char *login, enum wf_role role,
    struct gk_item_actor *ac)
{
	char err[256];

	if (gk_user_add(db, "admin", ag, login, login, WF_ROLE_BIT(role), NULL,
	    "2024-12-01T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK ||
	    gk_item_actor_lookup(db, login, ac, err, sizeof(err)) != GK_OK)
		fail_msg("user %s: %s", login, err);
}

int64_t
gk_test_item(struct gk_db *db, const struct gk_item_actor *ac, const char *cat,
    const char *title, const char *day, const char *body)
{
	struct item_meta	 m;
	struct item_problems	 p;
	int64_t			 id = 0;
	char			 err[512], now[40];

	item_meta_init(&m);
	assert_int_equal(item_meta_set(&m, ITEM_F_TITLE, title), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_CATEGORY, cat), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_WRITTEN, day), GK_OK);
	if (body != NULL)
		assert_int_equal(item_meta_set(&m, ITEM_F_BODY, body), GK_OK);
	snprintf(now, sizeof(now), "%sT09:00:00+08:00", day);
	if (gk_item_create(db, ac, ac->agency_id, &m, NULL, now, &id, &p, err,
	    sizeof(err)) != GK_OK)
		fail_msg("create %s: %s", title, err);
	item_meta_clear(&m);
	return id;
}

void
gk_test_act(struct gk_db *db, int64_t id, const struct gk_item_actor *ac, enum wf_action a,
    const char *day, const char *reason)
{
	struct gk_item_input	 in;
	char			 now[40], err[512];
	int			 i;

	memset(&in, 0, sizeof(in));
	if (a == WF_ACT_REVIEW || a == WF_ACT_APPROVE)
		for (i = 0; i < WF_CHECK__MAX; i++)
			in.checks[i] = WF_PASS;
	in.comment = "同意";
	in.reason = reason;
	snprintf(now, sizeof(now), "%sT10:00:00+08:00", day);
	if (gk_item_act(db, id, ac, a, &in, now, NULL, err, sizeof(err)) != GK_OK)
		fail_msg("%s %lld on %s: %s", wf_action_name(a), (long long)id, day, err);
}

/* Name, value pairs ending with NULL into out[]; returns how many. */
static size_t
test_pairs(const char *const *kv, struct gk_web_arg *out, size_t max)
{
	size_t n = 0;

	while (kv != NULL && kv[2 * n] != NULL) {
		if (n == max)
			fail_msg("more than %zu name, value pairs", max);
		out[n].name = kv[2 * n];
		out[n].value = kv[2 * n + 1];
		n++;
	}
	return n;
}

/* A request: method, path, client, args (pairs ending with NULL) into a[GK_WEB_ARGS_MAX]. */
static void
test_req(struct gk_web_req *req, struct gk_web_arg *a, const char *method, const char *path,
    const char *client, const char *const *args)
{
	memset(req, 0, sizeof(*req));
	req->method = method;
	req->path = path;
	req->client = client;
	req->nargs = test_pairs(args, a, GK_WEB_ARGS_MAX);
	req->args = req->nargs > 0 ? a : NULL;
}

enum gk_err
gk_test_web(struct gk_web_ctx *ctx, struct gk_web_resp *resp, const char *method,
    const char *path, const char *client, const char *const *args,
    const char *const *cookies)
{
	struct gk_web_arg	 a[GK_WEB_ARGS_MAX], ck[GK_WEB_ARGS_MAX];
	struct gk_web_req	 req;
	char			 err[512];
	enum gk_err		 e;

	test_req(&req, a, method, path, client, args);
	req.ncookies = test_pairs(cookies, ck, GK_WEB_ARGS_MAX);
	req.cookies = req.ncookies > 0 ? ck : NULL;
	gk_web_resp_clear(resp);
	err[0] = '\0';
	e = gk_web_dispatch(ctx, &req, resp, err, sizeof(err));
	if (e != GK_OK && e != GK_ENOTFOUND)
		fail_msg("%s %s: %s (%s)", method, path, gk_strerror(e), err);
	return e;
}

struct gk_db *
gk_test_db_open(const char *name, char *dir, size_t n, char *path, size_t pathn)
{
	struct gk_db	*db;
	char		 p[256], err[512];

	snprintf(dir, n, "/tmp/gk-%s-XXXXXX", name);
	assert_non_null(mkdtemp(dir));
	snprintf(p, sizeof(p), "%s/t.db", dir);
	if (gk_db_open(p, &db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	if (path != NULL)
		snprintf(path, pathn, "%s", p);
	return db;
}

void
gk_test_db_remove(struct gk_db *db, const char *dir)
{
	char cmd[320];

	gk_db_close(db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

void
gk_test_calendar(struct calendar *cal)
{
	char	 err[512];
	char	*buf;
	size_t	 len;

	buf = gk_test_slurp("data/cn-holidays.tsv", &len);
	if (calendar_load(buf, len, cal, err, sizeof(err)) != GK_OK)
		fail_msg("calendar: %s", err);
	free(buf);
}

int32_t
gk_test_date(const char *s)
{
	int32_t d;

	if (gk_date_parse(s, strlen(s), &d) != GK_OK)
		fail_msg("bad date %s", s);
	return d;
}

void
gk_test_agencies(struct gk_db *db, const char *now, int64_t *ag, int64_t *ag2)
{
	char err[512];

	if (gk_agency_add(db, "admin", "盐边县商务局", "11510422MB1234567Y", 0, "县级", now,
	    ag, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, "admin", "盐边县财政局", "11510422MB12345682", 0, "县级", now,
	    ag2, err, sizeof(err)) != GK_OK)
		fail_msg("agencies: %s", err);
}

void
gk_test_store_open(struct gk_test_store *t, const char *name, const char *now)
{
	memset(t, 0, sizeof(*t));
	t->db = gk_test_db_open(name, t->dir, sizeof(t->dir), NULL, 0);
	gk_test_agencies(t->db, now, &t->ag, &t->ag2);
	gk_test_calendar(&t->cal);
}

void
gk_test_store_close(struct gk_test_store *t)
{
	calendar_clear(&t->cal);
	gk_test_db_remove(t->db, t->dir);
}

void
gk_test_admin_as(struct gk_admin_user *u, int64_t user_id, int64_t ag, const char *login,
    unsigned roles, const char *agency)
{
	memset(u, 0, sizeof(*u));
	u->user_id = user_id;
	u->agency_id = ag;
	u->roles = roles;
	snprintf(u->login, sizeof(u->login), "%s", login);
	snprintf(u->name, sizeof(u->name), "%s", login);
	if (agency != NULL)
		snprintf(u->agency, sizeof(u->agency), "%s", agency);
	else
		snprintf(u->agency, sizeof(u->agency), "机构%lld", (long long)ag);
	snprintf(u->csrf, sizeof(u->csrf), "%s", GK_TEST_CSRF);
}

void
gk_test_admin_user(struct gk_db *db, struct gk_admin_user *u, int64_t ag, const char *login,
    enum wf_role role, const char *agency)
{
	struct gk_item_actor ac;

	gk_test_user(db, ag, login, role, &ac);
	gk_test_admin_as(u, ac.user_id, ag, login, WF_ROLE_BIT(role), agency);
}

void
gk_test_web_ctx(struct gk_web_ctx *ctx, struct gk_site *site, struct gk_db *db,
    const struct calendar *cal, const char *now)
{
	memset(site, 0, sizeof(*site));
	snprintf(site->name, sizeof(site->name), "盐边县人民政府信息公开平台");
	memset(ctx, 0, sizeof(*ctx));
	ctx->db = db;
	ctx->cal = cal;
	ctx->site = site;
	if (gk_date_parse(now, 10, &ctx->today) != GK_OK)
		fail_msg("bad now %s", now);
	snprintf(ctx->now, sizeof(ctx->now), "%s", now);
}

enum gk_err
gk_test_admin(gk_test_area fn, struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    struct gk_web_resp *resp, const char *method, const char *path,
    const char *const *args, const struct gk_web_file *files, size_t nfiles)
{
	struct gk_web_arg	 a[GK_WEB_ARGS_MAX];
	struct gk_web_req	 req;
	char			 err[512];
	enum gk_err		 e;

	test_req(&req, a, method, path, "127.0.0.1", args);
	req.files = files;
	req.nfiles = nfiles;
	gk_web_resp_clear(resp);
	err[0] = '\0';
	e = fn(ctx, &req, u, resp, err, sizeof(err));
	if (e != GK_OK && e != GK_ENOTFOUND)
		fail_msg("%s %s: %s (%s)", method, path, gk_strerror(e), err);
	if (e == GK_OK && resp->cacheable)
		fail_msg("%s %s: a back-office page may be cached", method, path);
	return e;
}

const char *
gk_test_body(const struct gk_web_resp *resp)
{
	return resp->body.data != NULL ? resp->body.data : "";
}

/* text from its <main> on, if it has one, for a failure's message */
static const char *
test_main(const char *text)
{
	const char *m = strstr(text, "<main");

	return m != NULL ? m : text;
}

void
gk_test_has(const char *text, const char *s)
{
	if (strstr(text, s) == NULL)
		fail_msg("page lacks '%s':\n%s", s, test_main(text));
}

void
gk_test_lacks(const char *text, const char *s)
{
	if (strstr(text, s) != NULL)
		fail_msg("page has '%s':\n%s", s, test_main(text));
}

void
gk_test_area_open(struct gk_test_area *a, const char *name, const char *created,
    const char *now)
{
	gk_test_store_open(&a->s, name, created);
	gk_test_web_ctx(&a->ctx, &a->site, a->s.db, &a->s.cal, now);
	gk_web_resp_init(&a->resp);
}

int
gk_test_area_teardown(void **state)
{
	struct gk_test_area *a = *state;

	gk_web_resp_clear(&a->resp);
	gk_test_store_close(&a->s);
	return 0;
}

int
gk_test_store_teardown(void **state)
{
	gk_test_store_close(*state);
	return 0;
}
