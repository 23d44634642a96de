/*
 * fuzz_forms.c — libFuzzer target for the public forms (web/forms.c)
 * through gk_web_dispatch, on a database with one agency and the
 * embedded 2025 holidays (a file in /tmp: the store wants WAL). Input:
 * the first byte picks the form (/apply/1, /consult/1 or /track) and the
 * client address; the rest,
 * split at 0x1f, are the values of the form's fields in order (any bytes:
 * the server would have refused invalid UTF-8, the handlers must cope
 * anyway). What must hold: GK_OK with a status of 200, 400, 404 or 429;
 * at most one row stored per request, and only with status 200; every
 * '<' of the page starts one of the tags the frame and the forms write
 * (so no value injects markup; the values are escaped). Each request runs
 * inside a transaction rolled back afterwards, so the database does not
 * grow; the clock moves two minutes a request, so the per-address limit
 * lets submissions through now and then.
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
#include "store/agency.h"
#include "store/db.h"
#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct gk_db	*db;
static struct calendar	 cal;
static struct gk_site	 site;

static const char holidays[] =
	"2025-01-01\toff\t元旦\n2025-01-26\twork\t春节\n2025-01-28\toff\t春节\n"
	"2025-10-01\toff\t国庆节\n2025-10-08\toff\t国庆节\n2025-10-11\twork\t国庆节\n";

static const char *const apply_fields[] = { "type", "name", "idno", "phone", "email",
	"address", "request", "docno", "purpose", "delivery", "website" };
static const char *const consult_fields[] = { "name", "phone", "email", "title", "question",
	"website" };

/* The elements page.c and forms.c write, followed by a space, '>' or '/'. */
static int
our_tag(const char *p)
{
	static const char *const tags[] = { "!doctype", "a", "article", "body", "button",
	    "caption", "div", "fieldset", "footer", "form", "h1", "h2", "h3", "h4", "head",
	    "header", "html", "input", "label", "legend", "li", "link", "main", "meta", "nav",
	    "p", "section", "span", "strong", "table", "tbody", "td", "textarea", "th", "thead",
	    "time", "title", "tr", "ul" };
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

static char path[64];

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

/* The store needs a file (WAL); one per process, removed at exit. */
static int
init(void)
{
	char err[256];

	if (db != NULL)
		return 0;
	snprintf(path, sizeof(path), "/tmp/gk-fuzz-forms-%ld.db", (long)getpid());
	unlink(path);
	if (calendar_load(holidays, sizeof(holidays) - 1, &cal, err, sizeof(err)) != GK_OK ||
	    gk_db_open(path, &db, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, "admin", "盐边县经济合作和商务局", "11510422MB1234567Y", 0, "县级",
	    "2025-01-02T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_forms: %s\n", err);
		abort();
	}
	atexit(cleanup);
	return 0;
}

static int64_t
rows(void)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT (SELECT count(*) FROM application) +"
	    " (SELECT count(*) FROM consultation)", -1, &st, NULL) != SQLITE_OK)
		abort();
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_web_arg	 args[16];
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_ctx	 ctx;
	const char *const	*names;
	char			*buf, *p, *q, err[512], client[16];
	static unsigned		 minute;
	size_t			 nnames, n = 0;
	int64_t			 before;
	int			 form;

	if (size < 1 || size > 16384 || init() != 0)
		return 0;
	form = data[0] % 3;
	names = form == 1 ? consult_fields : apply_fields;
	nnames = form == 1 ? sizeof(consult_fields) / sizeof(consult_fields[0]) :
	    form == 2 ? 1 : sizeof(apply_fields) / sizeof(apply_fields[0]);
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	for (p = buf; p != NULL && n < nnames; p = q, n++) {
		if ((q = strchr(p, 0x1f)) != NULL)
			*q++ = '\0';
		args[n].name = form == 2 ? "code" : names[n];
		args[n].value = p;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.cal = &cal;
	ctx.site = &site;
	(void)gk_date_from_ymd(2025, 10, 13, &ctx.today);
	minute = (minute + 2) % 1440;
	snprintf(ctx.now, sizeof(ctx.now), "2025-10-13T%02u:%02u:00+08:00", minute / 60,
	    minute % 60);
	memset(&req, 0, sizeof(req));
	req.method = form == 2 ? "GET" : "POST";
	req.path = form == 0 ? "/apply/1" : form == 1 ? "/consult/1" : "/track";
	req.args = args;
	req.nargs = n;
	client[0] = (char)('a' + (data[0] >> 4));
	client[1] = '\0';
	req.client = client;
	gk_web_resp_init(&resp);
	if (gk_db_tx_begin(db, err, sizeof(err)) != GK_OK)
		abort();
	before = rows();
	if (gk_web_dispatch(&ctx, &req, &resp, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "dispatch: %s\n", err);
		abort();
	}
	if (resp.status != 200 && resp.status != 400 && resp.status != 404 && resp.status != 429)
		abort();
	if (rows() != before && (rows() != before + 1 || resp.status != 200))
		abort();
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
