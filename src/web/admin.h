/*
 * admin.h — the back office under /admin/ (issue 6; docs/admin-security.md
 * for the gate, docs/admin-items.md, admin-applications.md,
 * admin-report.md, admin-settings.md for the areas): the
 * contract between the gate (admin.c: login, sessions, CSRF, the area
 * table) and the handlers of each area (admin_*.c).
 *
 * The gate runs first for every path under /admin/: without a valid
 * session it redirects to /admin/login (303); with one it loads the user
 * (struct gk_admin_user), refuses a POST whose CSRF token is missing or
 * wrong (403), forces the change of an initial password, and then calls the
 * area's handler. Handlers therefore never see an anonymous request and
 * never check the CSRF token themselves — but they DO check, for every
 * record they show or change, that it belongs to the user's agency (or to
 * an agency of the user's government for 政务公开办), answering 404 when it
 * does not, and they pass user->login as the actor to the store so the
 * store's role checks and audit entries apply.
 *
 * Every admin page is personal: resp->cacheable stays 0 (the server sends
 * Cache-Control: no-store). Forms are plain HTML (no JavaScript needed).
 */
#ifndef GK_WEB_ADMIN_H
#define GK_WEB_ADMIN_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "web/web.h"

#define GK_ADMIN_CSRF_FIELD	"csrf"	/* the form field of the token */

/* The signed-in user, loaded by the gate for one request. */
struct gk_admin_user {
	int64_t	 user_id;
	int64_t	 agency_id;	/* the user's agency */
	unsigned roles;		/* WF_ROLE_BIT() of every role (core/workflow.h) */
	char	 login[64];
	char	 name[128];	/* display name */
	char	 agency[128];	/* the agency's name */
	char	 csrf[65];	/* this session's CSRF token, hex */
};

/* 1 when the user has role r (enum wf_role). */
#define GK_ADMIN_HAS(u, r)	(((u)->roles & (1u << (r))) != 0)

/*
 * The handler of one area (a path prefix in admin.c's table). Returns
 * GK_OK with resp filled, or GK_ENOTFOUND for a path it does not know
 * (the gate answers 404 in the admin frame); other errors become 500.
 */
typedef enum gk_err (*gk_admin_handler)(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *err,
		    size_t errlen);

/* The route handler of "/admin/" (router.c). */
enum gk_err	 gk_admin_handle(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);

/* The route handler of /static/admin.css (router.c); the sheet is in portal_static.c. */
enum gk_err	 gk_admin_static(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);
const char	*gk_admin_css(size_t *lenp);

/*
 * A POST's CSRF field equals u->csrf (constant-time). The gate checks it
 * before any handler runs; exposed for tests.
 */
int		 gk_admin_csrf_ok(const struct gk_web_req *, const struct gk_admin_user *);

/*
 * The frame of every back-office page (admin_page.c): <!doctype html>, the
 * head with title (escaped), the top bar (platform, agency, user, 退出), the
 * menu of the areas the user's roles reach with area marked current (e.g.
 * "items"), and <main>; gk_admin_end closes it.
 */
void		 gk_admin_begin(struct gk_buf *, const struct gk_web_ctx *,
		    const struct gk_admin_user *, const char *title, const char *area);
void		 gk_admin_end(struct gk_buf *);

/*
 * For the gate: the path of the request this thread answers, so the menu
 * marks the right entry whatever area key a handler passes.
 */
void		 gk_admin_page_path(const char *path);

/* <input type="hidden" name="csrf" value="..."> — inside every POST form. */
void		 gk_admin_csrf_field(struct gk_buf *, const struct gk_admin_user *);

/* A 303 to path (an /admin/... path) after a successful POST. */
void		 gk_admin_redirect(struct gk_web_resp *, const char *path);

/* A whole error page in the admin frame (403, 404, 409 ...) into resp. */
enum gk_err	 gk_admin_error(struct gk_web_resp *, const struct gk_web_ctx *,
		    const struct gk_admin_user *, int status, const char *message);

/* The areas (one module each; their docs are named above). */
enum gk_err	 gk_admin_home(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gk_admin_items(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gk_admin_apply(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gk_admin_report(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gk_admin_settings(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gk_admin_tokens(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);

#endif /* GK_WEB_ADMIN_H */
