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
#include "fuzz_web_common.h"
#include "store/agency.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct calendar	 cal;
static struct gk_site	 site;

static const char holidays[] =
	"2025-01-01\toff\t元旦\n2025-01-26\twork\t春节\n2025-01-28\toff\t春节\n"
	"2025-10-01\toff\t国庆节\n2025-10-08\toff\t国庆节\n2025-10-11\twork\t国庆节\n";

static const char *const apply_fields[] = { "type", "name", "idno", "phone", "email",
	"address", "request", "docno", "purpose", "delivery", "website" };
static const char *const consult_fields[] = { "name", "phone", "email", "title", "question",
	"website" };

/* The elements page.c and forms.c write. */
static const char *const tags[] = { "!doctype", "a", "article", "body", "button", "caption",
	"div", "fieldset", "footer", "form", "h1", "h2", "h3", "h4", "head", "header", "html",
	"input", "label", "legend", "li", "link", "main", "meta", "nav", "p", "section", "span",
	"strong", "table", "tbody", "td", "textarea", "th", "thead", "time", "title", "tr", "ul" };

/* The store needs a file (WAL); one per process, removed at exit. */
static int
init(void)
{
	char err[256];

	if (fz_db != NULL)
		return 0;
	if (calendar_load(holidays, sizeof(holidays) - 1, &cal, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(fz_db_open("forms"), "admin", "盐边县经济合作和商务局",
	    "11510422MB1234567Y", 0, "县级", "2025-01-02T09:00:00+08:00", NULL, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_forms: %s\n", err);
		abort();
	}
	return 0;
}

#define ROWS	"SELECT (SELECT count(*) FROM application) + (SELECT count(*) FROM consultation)"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const code[] = { "code" };
	struct gk_web_arg	 args[16];
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_ctx	 ctx;
	char			*buf, err[512], now[32], client[16];
	static unsigned		 minute;
	size_t			 n;
	int64_t			 before;
	int			 form;

	if (size < 1 || size > 16384 || init() != 0)
		return 0;
	form = data[0] % 3;
	if ((buf = fz_text(data, size, 1)) == NULL)
		return 0;
	n = form == 0 ? fz_fields(buf, apply_fields, sizeof(apply_fields) / sizeof(apply_fields[0]),
	    args, 0) : form == 1 ? fz_fields(buf, consult_fields,
	    sizeof(consult_fields) / sizeof(consult_fields[0]), args, 0) :
	    fz_fields(buf, code, 1, args, 0);
	minute = (minute + 2) % 1440;
	snprintf(now, sizeof(now), "2025-10-13T%02u:%02u:00+08:00", minute / 60, minute % 60);
	fz_ctx(&ctx, &cal, &site, now);
	fz_req(&req, form == 2 ? "GET" : "POST", form == 0 ? "/apply/1" : form == 1 ?
	    "/consult/1" : "/track", args, n);
	client[0] = (char)('a' + (data[0] >> 4));
	client[1] = '\0';
	req.client = client;
	gk_web_resp_init(&resp);
	if (gk_db_tx_begin(fz_db, err, sizeof(err)) != GK_OK)
		abort();
	before = fz_count(ROWS);
	if (gk_web_dispatch(&ctx, &req, &resp, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "dispatch: %s\n", err);
		abort();
	}
	FZ_STATUS(resp.status, 200, 400, 404, 429);
	if (fz_count(ROWS) != before && (fz_count(ROWS) != before + 1 || resp.status != 200))
		abort();
	FZ_NO_MARKUP(resp.body.data, tags);
	gk_db_tx_rollback(fz_db);
	gk_web_resp_clear(&resp);
	free(buf);
	return 0;
}
