/*
 * admin_channels.h — the back office's sync check and website self-check
 * (issue 7, I7-D; docs/channels.md, docs/site-check.md):
 *   GET  /admin/channels  the sync check of the user's agency, its rules
 *   POST /admin/channels  sets a rule (as `gongkai channels rule set`)
 *   GET  /admin/check     the website self-check in the inspectors' form
 * and the dashboard's 渠道同步 panel (admin_home.c).
 */
#ifndef GK_WEB_ADMIN_CHANNELS_H
#define GK_WEB_ADMIN_CHANNELS_H

#include <stddef.h>

#include "core/gk.h"
#include "web/admin.h"

enum gk_err	 gk_admin_channels(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
/* The dashboard's panel: counts of both checks, links to the pages. */
enum gk_err	 gk_admin_channels_panel(struct gk_buf *, struct gk_web_ctx *,
		    const struct gk_admin_user *);

#endif
