/*
 * site.h — the platform's own settings (table platform_setting, schema
 * v9): the facts in the header and footer of every portal page (struct
 * gk_site, web/web.h), and site_state.gen, the number the triggers bump on
 * every change the public pages show (the server drops its page cache
 * when it changes).
 *
 * Keys: name (平台名称), host (https://… for absolute URLs), sponsor
 * (主办单位), site_code (网站标识码), icp (ICP备案号), police (公安机关备案号),
 * contact (联系我们).
 */
#ifndef GK_STORE_SITE_H
#define GK_STORE_SITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "web/web.h"

struct gk_db;

/* The keys, in display order, and their Chinese labels. */
extern const char *const gk_site_keys[];
extern const char *const gk_site_labels[];
extern const size_t gk_site_nkeys;

/*
 * Fills *site from platform_setting (fields not set are ""); the name
 * defaults to "政府信息公开平台" when unset.
 */
enum gk_err	 gk_site_load(struct gk_db *, struct gk_site *site, char *err,
		    size_t errlen);

/*
 * Checks value for key (pure): known key, valid UTF-8 text without control
 * characters, fits the struct gk_site field; host is http:// or https://
 * and a host name (optional port), no path; site_code letters and digits.
 * "" is accepted (it clears the setting).
 */
enum gk_err	 gk_site_check(const char *key, const char *value, char *err,
		    size_t errlen);

/*
 * Sets (value "" removes) one setting, with its audit entry (entity
 * "platform", action "setting") in the same transaction. The actor, if it
 * is a user's login, must be an administrator of a top-level agency (the
 * CLI operator is trusted, as in gk_user_authorize). Unchanged value:
 * nothing written. now: RFC 3339.
 */
enum gk_err	 gk_site_set(struct gk_db *, const char *actor, const char *key,
		    const char *value, const char *now, char *err, size_t errlen);

/* site_state.gen (the public pages' generation). */
enum gk_err	 gk_site_generation(struct gk_db *, int64_t *gen, char *err,
		    size_t errlen);

/* The field of site for key, or NULL; its size in *sizep. */
char		*gk_site_field(struct gk_site *site, const char *key, size_t *sizep);

#endif /* GK_STORE_SITE_H */
