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
#include "fuzz_web_common.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/user.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NOW	"2026-11-20T10:00:00+08:00"
#define NKINDS	14

static struct gk_site		 site;
static struct calendar		 cal;
static struct gk_admin_user	 user;

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
static const char *const tags[] = { "!doctype", "a", "aside", "body", "br", "button",
	"code", "div", "fieldset", "footer", "form", "h1", "h2", "h3", "head", "header",
	"html", "input", "label", "legend", "li", "link", "main", "meta", "nav", "option",
	"p", "section", "select", "small", "span", "strong", "table", "tbody", "td",
	"th", "thead", "title", "tr", "ul" };

static int
init(void)
{
	static const char tsv[] = "2026-01-01\toff\t元旦\n2026-10-01\toff\t国庆节\n";
	char	err[256];
	int64_t	ag = 0, id = 0;

	if (fz_db != NULL)
		return 0;
	gk_user_pwhash_fast(1);
	if (calendar_load(tsv, sizeof(tsv) - 1, &cal, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(fz_db_open("admset"), "cli:root", "盐边县经济合作和商务局",
	    "11510422MB1234567Y", 0, "县级", NOW, &ag, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(fz_db, ag, "cli:root", NOW, err, sizeof(err)) != GK_OK ||
	    gk_user_add(fz_db, "cli:root", ag, "a1", "a1", WF_ROLE_BIT(WF_ROLE_ADMIN), NULL, NOW,
	    &id, err, sizeof(err)) != GK_OK ||
	    gk_user_add(fz_db, "cli:root", ag, "o1", "o1", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL, NOW,
	    NULL, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_settings: %s\n", err);
		abort();
	}
	fz_user(&user, id, ag, "a1", WF_ROLE_BIT(WF_ROLE_ADMIN));
	snprintf(site.name, sizeof(site.name), "测试平台");
	return 0;
}

/* The page that shows a new initial password has written its audit entry. */
static int
shows_password(const struct gk_web_resp *resp)
{
	return resp->status == 200 && resp->body.data != NULL &&
	    strstr(resp->body.data, "id=\"initial-password\"") != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int ok[] = { 200, 303, 400, 403, 404, 405, 409, 0 };
	const struct fz_area area = { gk_admin_settings, &user, &cal, &site, NOW, "/admin/",
	    ok, tags, sizeof(tags) / sizeof(tags[0]), shows_password };
	char	*buf;
	int	 kind;

	if (size < 1 || size > 16384 || init() != 0)
		return 0;
	kind = data[0] % NKINDS;
	if ((buf = fz_text(data, size, 1)) == NULL)
		return 0;
	fz_area_request(&area, "POST", paths[kind], fields[kind], 7, buf);
	return 0;
}
