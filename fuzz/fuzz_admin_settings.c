/*
 * fuzz_admin_settings.c — libFuzzer target for the back office's settings
 * area (web/admin_settings*.c) called as the gate would call it, with a
 * signed-in 系统管理员 of the top-level agency 1, on a scratch database (a
 * file in /tmp: the store wants WAL) holding agency 1 with its standard
 * categories, its admin and an officer (user 2). Input: the first byte
 * picks the request —
 *   0 POST /admin/users                  login, name, role, role
 *   1 POST /admin/users/2/roles          role, role
 *   2 POST /admin/agencies               name, uscc, parent, level
 *   3 POST /admin/agencies/1/contact     office, address, postcode, phone, fax, email, hours
 *   4 POST /admin/agencies/1/settings    indexno_pattern, apply.answer_days, fee.item_band_size
 *   5 POST /admin/categories             parent, name, code, kind
 *   6 POST /admin/categories/2/rename    name
 *   7 POST /admin/categories/2/move      parent
 *   8 POST /admin/rules                  path, days
 *   9 POST /admin/calendar/notice        year, doc_no, h0_name, h0_from, h0_to, w0_name, w0_date
 *  10 POST /admin/agencies/site          name, host, sponsor, site_code
 *  11 GET  /admin/…                      the rest is the path after /admin/
 *  12 POST /admin/users/2/name           name
 *  13 POST /admin/agencies/1/details     name, level
 * — and the rest, split at 0x1f, are the field values (any bytes). What
 * must hold: GK_OK (or GK_ENOTFOUND for a path outside the area) with a
 * status of 200, 303, 400, 403, 404, 405 or 409; an audit entry only with
 * 303, or with 200 on the page that shows a new initial password; every
 * '<' of an HTML page starts one of the elements our pages write (so no
 * value injects markup). Each request runs inside a transaction rolled
 * back afterwards.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NOW	"2026-11-20T10:00:00+08:00"
#define NKINDS	14

static struct gk_db		*db;
static struct gk_site		 site;
static struct calendar		 cal;
static struct gk_admin_user	 user;
static char			 path[64];

static const char *const paths[NKINDS] = {
	"/admin/users", "/admin/users/2/roles", "/admin/agencies", "/admin/agencies/1/contact",
	"/admin/agencies/1/settings", "/admin/categories", "/admin/categories/2/rename",
	"/admin/categories/2/move", "/admin/rules", "/admin/calendar/notice",
	"/admin/agencies/site", NULL, "/admin/users/2/name", "/admin/agencies/1/details",
};

static const char *const fields[NKINDS][7] = {
	{ "login", "name", "role", "role" },
	{ "role", "role" },
	{ "name", "uscc", "parent", "level" },
	{ "office", "address", "postcode", "phone", "fax", "email", "hours" },
	{ "indexno_pattern", "apply.answer_days", "fee.item_band_size" },
	{ "parent", "name", "code", "kind" },
	{ "name" },
	{ "parent" },
	{ "path", "days" },
	{ "year", "doc_no", "h0_name", "h0_from", "h0_to", "w0_name", "w0_date" },
	{ "name", "host", "sponsor", "site_code" },
	{ NULL },
	{ "name" },
	{ "name", "level" },
};

/* The elements the admin frame and the settings screens write. */
static int
our_tag(const char *p)
{
	static const char *const tags[] = { "!doctype", "a", "aside", "body", "br", "button",
	    "code", "div", "fieldset", "footer", "form", "h1", "h2", "h3", "head", "header",
	    "html", "input", "label", "legend", "li", "link", "main", "meta", "nav", "option",
	    "p", "section", "select", "small", "span", "strong", "table", "tbody", "td",
	    "th", "thead", "title", "tr", "ul" };
	size_t i, n;

	p += p[1] == '/' ? 2 : 1;
	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++) {
		n = strlen(tags[i]);
		if (strncmp(p, tags[i], n) == 0 && (p[n] == ' ' || p[n] == '>' || p[n] == '/' ||
		    p[n] == '\n'))
			return 1;
	}
	return 0;
}

static void
cleanup(void)
{
	char p[80];

	calendar_clear(&cal);
	gk_db_close(db);
	unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	unlink(p);
}

static int
init(void)
{
	static const char tsv[] = "2026-01-01\toff\t元旦\n2026-10-01\toff\t国庆节\n";
	char	err[256];
	int64_t	ag = 0, id = 0;

	if (db != NULL)
		return 0;
	gk_user_pwhash_fast(1);
	snprintf(path, sizeof(path), "/tmp/gk-fuzz-admset-%ld.db", (long)getpid());
	unlink(path);
	if (calendar_load(tsv, sizeof(tsv) - 1, &cal, err, sizeof(err)) != GK_OK ||
	    gk_db_open(path, &db, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, "cli:root", "盐边县经济合作和商务局", "11510422MB1234567Y", 0, "县级",
	    NOW, &ag, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, ag, "cli:root", NOW, err, sizeof(err)) != GK_OK ||
	    gk_user_add(db, "cli:root", ag, "a1", "a1", WF_ROLE_BIT(WF_ROLE_ADMIN), NULL, NOW,
	    &id, err, sizeof(err)) != GK_OK ||
	    gk_user_add(db, "cli:root", ag, "o1", "o1", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL, NOW,
	    NULL, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_settings: %s\n", err);
		abort();
	}
	user.user_id = id;
	user.agency_id = ag;
	user.roles = WF_ROLE_BIT(WF_ROLE_ADMIN);
	snprintf(user.login, sizeof(user.login), "a1");
	snprintf(user.name, sizeof(user.name), "a1");
	snprintf(user.agency, sizeof(user.agency), "盐边县经济合作和商务局");
	snprintf(user.csrf, sizeof(user.csrf), "00");
	snprintf(site.name, sizeof(site.name), "测试平台");
	atexit(cleanup);
	return 0;
}

static int64_t
changes(void)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*) FROM audit", -1, &st,
	    NULL) != SQLITE_OK)
		abort();
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_web_arg	 args[8];
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_ctx	 ctx;
	char			*buf, *p, *q, err[512], pbuf[GK_WEB_PATH_MAX + 32];
	size_t			 n = 0;
	int			 kind, st;
	int64_t			 before;
	enum gk_err		 e;

	if (size < 1 || size > 16384 || init() != 0)
		return 0;
	kind = data[0] % NKINDS;
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	for (p = buf; p != NULL && n < 7 && fields[kind][n] != NULL; p = q, n++) {
		if ((q = strchr(p, 0x1f)) != NULL)
			*q++ = '\0';
		args[n].name = fields[kind][n];
		args[n].value = p;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.cal = &cal;
	ctx.site = &site;
	(void)gk_date_from_ymd(2026, 11, 20, &ctx.today);
	snprintf(ctx.now, sizeof(ctx.now), NOW);
	memset(&req, 0, sizeof(req));
	req.method = paths[kind] != NULL ? "POST" : "GET";
	if (paths[kind] == NULL) {
		snprintf(pbuf, sizeof(pbuf), "/admin/%.*s", GK_WEB_PATH_MAX - 20, buf);
		req.path = pbuf;
	} else
		req.path = paths[kind];
	req.args = n > 0 ? args : NULL;
	req.nargs = n;
	req.client = "127.0.0.1";
	gk_web_resp_init(&resp);
	if (gk_db_tx_begin(db, err, sizeof(err)) != GK_OK)
		abort();
	before = changes();
	e = gk_admin_settings(&ctx, &req, &user, &resp, err, sizeof(err));
	if (e != GK_OK && !(e == GK_ENOTFOUND && paths[kind] == NULL)) {
		fprintf(stderr, "%s %s: %s\n", req.method, req.path, err);
		abort();
	}
	st = resp.status;
	if (e == GK_OK && st != 200 && st != 303 && st != 400 && st != 403 && st != 404 &&
	    st != 405 && st != 409)
		abort();
	if (changes() != before && st != 303 && !(st == 200 && resp.body.data != NULL &&
	    strstr(resp.body.data, "id=\"initial-password\"") != NULL))
		abort();
	if (e == GK_OK && resp.content_type != NULL &&
	    strncmp(resp.content_type, "text/html", 9) == 0)
		for (p = resp.body.data; p != NULL && (p = strchr(p, '<')) != NULL; p++)
			if (!our_tag(p)) {
				fprintf(stderr, "injected? %.60s\n", p);
				abort();
			}
	gk_db_tx_rollback(db);
	gk_web_resp_clear(&resp);
	free(buf);
	return 0;
}
