/*
 * admin_tokens.c — the back office: API tokens (H1). A stub until its owner lands it.
 */
#include "web/admin.h"

enum gk_err
gk_admin_tokens(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	(void)ctx;
	(void)req;
	(void)u;
	(void)resp;
	(void)err;
	(void)errlen;
	return GK_ENOTFOUND;
}
