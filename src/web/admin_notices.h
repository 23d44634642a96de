/*
 * admin_notices.h — the back office's 公示栏 area (/admin/notices…,
 * admin_notices.c; docs/notices.md): a gk_admin_handler.
 */
#ifndef GK_WEB_ADMIN_NOTICES_H
#define GK_WEB_ADMIN_NOTICES_H

#include "web/admin.h"

enum gk_err	 gk_admin_notices(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);

#endif /* GK_WEB_ADMIN_NOTICES_H */
