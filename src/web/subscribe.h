/*
 * subscribe.h — the public pages of targeted push (subscribe.c,
 * docs/push.md): /subscribe, /subscribe/confirm, /unsubscribe.
 */
#ifndef GK_WEB_SUBSCRIBE_H
#define GK_WEB_SUBSCRIBE_H

#include "web/web.h"

enum gk_err	 gk_subscribe_handle(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);

/*
 * GET /admin/push (admin_push.c): the agency's push e-mails — given up,
 * waiting, sent — for officers, 政务公开办 and administrators. An area of
 * the back office (web/admin.h contract).
 */
struct gk_admin_user;
enum gk_err	 gk_admin_push(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *err,
		    size_t errlen);

/* Forgets the per-address limit's clients (tests). */
void		 gk_subscribe_reset_limits(void);

#endif /* GK_WEB_SUBSCRIBE_H */
