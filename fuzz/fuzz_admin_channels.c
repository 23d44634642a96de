/*
 * fuzz_admin_channels.c — libFuzzer target for the back office's sync
 * check and self-check area (web/admin_channels.c) called as the gate
 * would call it, with a signed-in officer of agency 1, on a scratch
 * database (a file in /tmp) with the default categories. Input: the first
 * byte picks the request —
 *   0 POST /admin/channels   category, channel, required, within, since
 *   1 GET  /admin/…          the rest is the path after /admin/ (channels, check)
 * — and the rest, split at 0x1f, are the field values (any bytes). What
 * must hold: GK_OK (or GK_ENOTFOUND for a path outside the area) with a
 * status of 200, 303, 400 or 403; a rule written only with 303; every '<'
 * of an HTML page starts one of the elements the frame and the pages
 * write (no value injects markup). Each request is rolled back.
 */
#include "fuzz_web_common.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/admin_channels.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define NOW	"2026-11-27T10:00:00+08:00"

static struct gk_site		 site;
static struct gk_admin_user	 user;

static const char *const fields[5] = { "category", "channel", "required", "within", "since" };

static const char *const tags[] = { "!doctype", "a", "body", "br", "button", "caption", "div",
	"footer", "form", "h1", "h2", "head", "header", "html", "input", "label", "li", "link",
	"main", "meta", "nav", "ol", "option", "p", "section", "select", "span", "strong",
	"table", "tbody", "td", "th", "thead", "title", "tr", "ul" };

static int
init(void)
{
	char	err[256];
	int64_t	ag = 0;

	if (fz_db != NULL)
		return 0;
	if (gk_agency_add(fz_db_open("admch"), "admin", "盐边县经济合作和商务局",
	    "11510422MB1234567Y", 0, "县级", NOW, &ag, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(fz_db, ag, "admin", NOW, err, sizeof(err)) != GK_OK ||
	    gk_user_add(fz_db, "admin", ag, "o1", "o1", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL, NOW,
	    NULL, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_channels: %s\n", err);
		abort();
	}
	fz_user(&user, 0, ag, "o1", WF_ROLE_BIT(WF_ROLE_OFFICER));
	snprintf(site.name, sizeof(site.name), "测试平台");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const int ok[] = { 200, 303, 400, 403, 0 };
	const struct fz_area area = { gk_admin_channels, &user, NULL, &site, NOW, "/admin/",
	    ok, tags, sizeof(tags) / sizeof(tags[0]), NULL };
	char	*buf;
	int	 kind;

	if (size < 1 || size > 16384 || init() != 0)
		return 0;
	kind = data[0] % 2;
	if ((buf = fz_text(data, size, 1)) == NULL)
		return 0;
	fz_area_request(&area, kind == 0 ? "POST" : "GET", kind == 0 ? "/admin/channels" : NULL,
	    fields, 5, buf);
	return 0;
}
