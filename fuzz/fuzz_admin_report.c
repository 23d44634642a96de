/*
 * fuzz_admin_report.c — libFuzzer target for the back office's report
 * area (web/admin_report.c, admin_report_sup.c) called as the gate would
 * call it, with a signed-in officer of agency 1, on a scratch database
 * (a file in /tmp: the store wants WAL) holding one training and one open
 * complaint. Input: the first byte picks the request —
 *   0 POST /admin/trainings/new      date, topic, attendees, hours
 *   1 POST /admin/trainings/1        the same
 *   2 POST /admin/complaints/new     date, about
 *   3 POST /admin/complaints/1/close closed, feedback
 *   4 POST /admin/report/2025/text   overview, problems, other
 *   5 GET  /admin/report/…           the rest is the path after /admin/report/
 *   6 GET  /admin/trainings          year
 *   7 GET  /admin/report/2025        agency, view
 * — and the rest, split at 0x1f, are the field values (any bytes). What
 * must hold: GK_OK (or GK_ENOTFOUND for a path outside the area) with a
 * status of 200, 303, 400, 403, 404, 405 or 409; a row changed only with
 * 303; every '<' of an HTML page starts one of the elements our pages,
 * the report renderer and the charts write (so no value injects markup).
 * Each request runs inside a transaction rolled back afterwards.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/date.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/supervision.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NOW	"2026-01-20T10:00:00+08:00"

static struct gk_db		*db;
static struct gk_site		 site;
static struct gk_admin_user	 user;
static char			 path[64];

static const char *const fields[8][3] = {
	{ "date", "topic", "attendees" },	/* + hours, below */
	{ "date", "topic", "attendees" },
	{ "date", "about", NULL },
	{ "closed", "feedback", NULL },
	{ "overview", "problems", "other" },
	{ NULL, NULL, NULL },
	{ "year", NULL, NULL },
	{ "agency", "view", NULL },
};

/* The elements the frame, the area, the report renderer and the charts write. */
static int
our_tag(const char *p)
{
	static const char *const tags[] = { "!doctype", "a", "article", "aside", "body", "br",
	    "button", "caption", "circle", "code", "dd", "defs", "desc", "div", "dl", "dt",
	    "figcaption", "figure", "footer", "form", "g", "h1", "h2", "h3", "h4", "h5", "h6",
	    "head", "header", "html", "input", "label", "li", "line", "link", "main", "meta",
	    "nav", "ol", "output", "p", "path", "pattern", "polyline", "rect", "section",
	    "small", "span", "strong", "svg", "table", "tbody", "td", "text", "textarea",
	    "tfoot", "th", "thead", "title", "tr", "ul" };
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
	char	err[256];
	int64_t	ag = 0;

	if (db != NULL)
		return 0;
	snprintf(path, sizeof(path), "/tmp/gk-fuzz-admrep-%ld.db", (long)getpid());
	unlink(path);
	if (gk_db_open(path, &db, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, "admin", "盐边县经济合作和商务局", "11510422MB1234567Y", 0, "县级",
	    NOW, &ag, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, ag, "admin", NOW, err, sizeof(err)) != GK_OK ||
	    gk_user_add(db, "admin", ag, "o1", "o1", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL, NOW, NULL,
	    err, sizeof(err)) != GK_OK ||
	    gk_training_add(db, "o1", ag, 20000, "培训", 10, 20, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK ||
	    gk_complaint_add(db, "o1", ag, 20000, "投诉", NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_report: %s\n", err);
		abort();
	}
	user.agency_id = ag;
	user.roles = WF_ROLE_BIT(WF_ROLE_OFFICER);
	snprintf(user.login, sizeof(user.login), "o1");
	snprintf(user.name, sizeof(user.name), "o1");
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
	static const char *const paths[8] = { "/admin/trainings/new", "/admin/trainings/1",
	    "/admin/complaints/new", "/admin/complaints/1/close", "/admin/report/2025/text",
	    NULL, "/admin/trainings", "/admin/report/2025" };
	struct gk_web_arg	 args[8];
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_ctx	 ctx;
	char			*buf, *p, *q, err[512], pbuf[GK_WEB_PATH_MAX + 32];
	size_t			 n = 0, nf;
	int			 kind, st;
	int64_t			 before;
	enum gk_err		 e;

	if (size < 1 || size > 16384 || init() != 0)
		return 0;
	kind = data[0] % 8;
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	nf = kind <= 1 ? 4 : kind == 5 ? 0 : kind == 6 ? 1 : kind == 4 ? 3 : 2;
	for (p = buf; p != NULL && n < nf; p = q, n++) {
		if ((q = strchr(p, 0x1f)) != NULL)
			*q++ = '\0';
		args[n].name = n == 3 ? "hours" : fields[kind][n];
		args[n].value = p;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.site = &site;
	(void)gk_date_from_ymd(2026, 1, 20, &ctx.today);
	snprintf(ctx.now, sizeof(ctx.now), NOW);
	memset(&req, 0, sizeof(req));
	req.method = kind <= 4 ? "POST" : "GET";
	if (kind == 5) {
		snprintf(pbuf, sizeof(pbuf), "/admin/report/%.*s", GK_WEB_PATH_MAX - 20, buf);
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
	e = gk_admin_report(&ctx, &req, &user, &resp, err, sizeof(err));
	if (e != GK_OK && !(e == GK_ENOTFOUND && kind == 5)) {
		fprintf(stderr, "%s %s: %s\n", req.method, req.path, err);
		abort();
	}
	st = resp.status;
	if (e == GK_OK && st != 200 && st != 303 && st != 400 && st != 403 && st != 404 &&
	    st != 405 && st != 409 && st != 503)
		abort();
	if (changes() != before && st != 303)
		abort();
	if (e == GK_OK && strncmp(resp.content_type, "text/html", 9) == 0)
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
