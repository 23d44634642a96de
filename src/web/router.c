/*
 * router.c — the route table and the parts of the web contract that are
 * not transport (web.h). The URL scheme is in docs/portal.md.
 */
#include <string.h>

#include "web/admin.h"
#include "web/handlers.h"
#include "web/subscribe.h"
#include "web/web.h"

const struct gk_web_route gk_web_routes[] = {
	{ "/api/v1/",	"GET HEAD POST",	gk_api_handle },	/* POST: a JSON 405 */
	{ "/search",	"GET HEAD",		gk_search_page },
	{ "/apply/",	"GET HEAD POST",	gk_forms_handle },
	{ "/track",	"GET HEAD",		gk_forms_handle },
	{ "/consult/",	"GET HEAD POST",	gk_forms_handle },
	{ "/subscribe",	"GET HEAD POST",	gk_subscribe_handle },	/* web/subscribe.h */
	{ "/subscribe/", "GET HEAD POST",	gk_subscribe_handle },
	{ "/unsubscribe", "GET HEAD POST",	gk_subscribe_handle },
	{ "/admin/",	"GET HEAD POST",	gk_admin_handle },	/* web/admin.h */
	{ "/admin",	"GET HEAD POST",	gk_admin_handle },
	{ "/static/admin.css", "GET HEAD",	gk_admin_static },
	{ "/",		"GET HEAD",		gk_portal_handle },
};
const size_t gk_web_nroutes = sizeof(gk_web_routes) / sizeof(gk_web_routes[0]);

static const char *
field(const struct gk_web_arg *v, size_t n, const char *name)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i].name, name) == 0)
			return v[i].value;
	return NULL;
}

const char *
gk_web_arg(const struct gk_web_req *r, const char *name)
{
	return field(r->args, r->nargs, name);
}

const char *
gk_web_cookie(const struct gk_web_req *r, const char *name)
{
	return field(r->cookies, r->ncookies, name);
}

void
gk_web_resp_init(struct gk_web_resp *r)
{
	memset(r, 0, sizeof(*r));
	r->status = 200;
	r->content_type = "text/html; charset=utf-8";
	gk_buf_init(&r->body, 0);
}

void
gk_web_resp_clear(struct gk_web_resp *r)
{
	gk_buf_clear(&r->body);
	gk_web_resp_init(r);
}

/* The method is one of the words of list (space-separated). */
static int
method_allowed(const char *list, const char *m)
{
	size_t n = strlen(m);
	const char *p;

	for (p = list; (p = strstr(p, m)) != NULL; p += n)
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
	return 0;
}

/*
 * A route's prefix matches the path itself, or the path continues it
 * ("/search" matches "/search" and "/search?..." arrives without the
 * query; "/apply/" matches "/apply/3").
 */
static int
prefix_match(const char *prefix, const char *path)
{
	size_t n = strlen(prefix);

	if (strncmp(prefix, path, n) != 0)
		return 0;
	return prefix[n - 1] == '/' || path[n] == '\0';
}

enum gk_err
gk_web_dispatch(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	size_t		i;
	enum gk_err	e;

	for (i = 0; i < gk_web_nroutes; i++) {
		const struct gk_web_route *rt = &gk_web_routes[i];

		if (!prefix_match(rt->prefix, req->path))
			continue;
		if (!method_allowed(rt->methods, req->method)) {
			resp->status = 405;
			return GK_OK;
		}
		e = rt->fn(ctx, req, resp, err, errlen);
		if (e != GK_ENOTFOUND)
			return e;
	}
	return GK_ENOTFOUND;
}
