/*
 * admin.c — the gate of the back office (web/admin.h): login, logout, the
 * session and CSRF checks, then the area table. OWNED BY the security
 * engineer (issue 6); the table's lines belong to the areas' owners.
 * Scaffold: the gate refuses everything until the sessions land.
 */
#include <string.h>

#include "web/admin.h"
#include "web/handlers.h"
#include "web/page.h"

/* Longest prefix first; "/admin/" (the dashboard) last. */
static const struct {
	const char		*prefix;
	gk_admin_handler	 fn;
} areas[] = {
	{ "/admin/items",		gk_admin_items },	/* H3 */
	{ "/admin/applications",	gk_admin_apply },	/* H4 */
	{ "/admin/cases",		gk_admin_apply },	/* H4 */
	{ "/admin/figures",		gk_admin_apply },	/* H4 */
	{ "/admin/consultations",	gk_admin_apply },	/* H4 */
	{ "/admin/report",		gk_admin_report },	/* H5 */
	{ "/admin/trainings",		gk_admin_report },	/* H5 */
	{ "/admin/complaints",		gk_admin_report },	/* H5 */
	{ "/admin/users",		gk_admin_settings },	/* H6 */
	{ "/admin/agencies",		gk_admin_settings },	/* H6 */
	{ "/admin/categories",		gk_admin_settings },	/* H6 */
	{ "/admin/rules",		gk_admin_settings },	/* H6 */
	{ "/admin/calendar",		gk_admin_settings },	/* H6 */
	{ "/admin/tokens",		gk_admin_tokens },	/* H1 */
	{ "/admin/",			gk_admin_home },	/* H3 */
};

/* The area of path, or NULL. */
static gk_admin_handler
area_of(const char *path)
{
	size_t	 i, n;

	for (i = 0; i < sizeof(areas) / sizeof(areas[0]); i++) {
		n = strlen(areas[i].prefix);
		if (strncmp(path, areas[i].prefix, n) == 0 &&
		    (path[n] == '\0' || path[n] == '/' || areas[i].prefix[n - 1] == '/'))
			return areas[i].fn;
	}
	return NULL;
}

enum gk_err
gk_admin_handle(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	(void)area_of;
	(void)err;
	(void)errlen;
	if (strncmp(req->path, "/admin/", 7) != 0 && strcmp(req->path, "/admin") != 0)
		return GK_ENOTFOUND;
	return gk_page_error(resp, ctx, req, 503, "后台尚未启用");
}
