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
#include "fuzz_web_common.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/supervision.h"
#include "store/user.h"
#include "web/admin.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NOW	"2026-01-20T10:00:00+08:00"

static struct gk_site		 site;
static struct gk_admin_user	 user;

static const char *const fields[8][4] = {
	{ "date", "topic", "attendees", "hours" },
	{ "date", "topic", "attendees", "hours" },
	{ "date", "about", NULL },
	{ "closed", "feedback", NULL },
	{ "overview", "problems", "other", NULL },
	{ NULL },
	{ "year", NULL },
	{ "agency", "view", NULL },
};

/* The elements the frame, the area, the report renderer and the charts write. */
static const char *const tags[] = { "!doctype", "a", "article", "aside", "body", "br",
	"button", "caption", "circle", "code", "dd", "defs", "desc", "div", "dl", "dt",
	"figcaption", "figure", "footer", "form", "g", "h1", "h2", "h3", "h4", "h5", "h6",
	"head", "header", "html", "input", "label", "li", "line", "link", "main", "meta",
	"nav", "ol", "output", "p", "path", "pattern", "polyline", "rect", "section",
	"small", "span", "strong", "svg", "table", "tbody", "td", "text", "textarea",
	"tfoot", "th", "thead", "title", "tr", "ul" };

static int
init(void)
{
	char	err[256];
	int64_t	ag = 0;

	if (fz_db != NULL)
		return 0;
	if (gk_agency_add(fz_db_open("admrep"), "admin", "盐边县经济合作和商务局",
	    "11510422MB1234567Y", 0, "县级", NOW, &ag, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(fz_db, ag, "admin", NOW, err, sizeof(err)) != GK_OK ||
	    gk_user_add(fz_db, "admin", ag, "o1", "o1", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL, NOW,
	    NULL, err, sizeof(err)) != GK_OK ||
	    gk_training_add(fz_db, "o1", ag, 20000, "培训", 10, 20, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK ||
	    gk_complaint_add(fz_db, "o1", ag, 20000, "投诉", NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_report: %s\n", err);
		abort();
	}
	fz_user(&user, 0, ag, "o1", WF_ROLE_BIT(WF_ROLE_OFFICER));
	snprintf(site.name, sizeof(site.name), "测试平台");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const paths[8] = { "/admin/trainings/new", "/admin/trainings/1",
	    "/admin/complaints/new", "/admin/complaints/1/close", "/admin/report/2025/text",
	    NULL, "/admin/trainings", "/admin/report/2025" };
	static const int ok[] = { 200, 303, 400, 403, 404, 405, 409, 503, 0 };
	const struct fz_area area = { gk_admin_report, &user, NULL, &site, NOW, "/admin/report/",
	    ok, tags, sizeof(tags) / sizeof(tags[0]), NULL };
	char	*buf;
	int	 kind;

	if (size < 1 || size > 16384 || init() != 0)
		return 0;
	kind = data[0] % 8;
	if ((buf = fz_text(data, size, 1)) == NULL)
		return 0;
	fz_area_request(&area, kind <= 4 ? "POST" : "GET", paths[kind], fields[kind], 4, buf);
	return 0;
}
