/*
 * admin_wechat.h — the back office's 微信公众号 area (/admin/wechat,
 * admin_wechat.c; docs/wechat.md): a gk_admin_handler.
 */
#ifndef GK_WEB_ADMIN_WECHAT_H
#define GK_WEB_ADMIN_WECHAT_H

#include "web/admin.h"

enum gk_err	 gk_admin_wechat(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);

#endif /* GK_WEB_ADMIN_WECHAT_H */
