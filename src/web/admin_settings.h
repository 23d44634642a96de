/*
 * admin_settings.h — private to the settings area of the back office
 * (admin_settings*.c, docs/admin-settings.md): users, agencies and the
 * platform's site settings, categories, timeliness rules, the calendar.
 * The helpers every screen of the area shares.
 */
#ifndef GK_WEB_ADMIN_SETTINGS_H
#define GK_WEB_ADMIN_SETTINGS_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "web/admin.h"

/* Field-level messages of one failed form (names are the fields'). */
#define GKAS_ERRS_MAX	32
struct gkas_errs {
	const char	*field[GKAS_ERRS_MAX];
	char		 msg[GKAS_ERRS_MAX][256];
	size_t		 n;
};

/* Adds a message for field (a static name); "" for the form as a whole. */
void		 gkas_err(struct gkas_errs *, const char *field, const char *fmt, ...)
		    __attribute__((format(printf, 3, 4)));
/* The message for field, or NULL. */
const char	*gkas_err_of(const struct gkas_errs *, const char *field);
/* <p class="field-error" id="err-FIELD" role="alert">…</p> when field has one. */
void		 gkas_err_show(struct gk_buf *, const struct gkas_errs *, const char *field);
/* The messages for the whole form (field "") as a list at the top. */
void		 gkas_err_summary(struct gk_buf *, const struct gkas_errs *);

/* 1 when the user is a 系统管理员 of a top-level agency (platform settings). */
int		 gkas_platform_admin(struct gk_web_ctx *, const struct gk_admin_user *);

/*
 * The agency a screen works on: the "agency" field when given, else the
 * user's. Allowed: the user's own agency or one whose parent is the
 * user's agency (the store lets a parent's administrator act there).
 * Returns 1 with *idp set, 0 when the agency is not the user's to see
 * (answer 404), -1 on a database error (err filled).
 */
int		 gkas_scope(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, int64_t *idp, char *err, size_t errlen);
/* 1 when agency id is the user's or a child of it. */
int		 gkas_agency_visible(struct gk_web_ctx *, const struct gk_admin_user *,
		    int64_t id);

/* A positive id from s (digits only, no sign, at most 18 of them), else 0; *endp after it. */
int64_t		 gkas_id(const char *s, const char **endp);
/* The value of field name, or "" (never NULL). */
const char	*gkas_arg(const struct gk_web_req *, const char *name);

/* Starts a page (status 200 unless given) in the admin frame. */
void		 gkas_page(struct gk_web_resp *, const struct gk_web_ctx *,
		    const struct gk_admin_user *, int status, const char *title,
		    const char *area);
/* Ends it; returns what gk_admin_error would (the buffer's error). */
enum gk_err	 gkas_done(struct gk_web_resp *);

/* Status of a failed store call: 400 (EINVAL), 404, 409 (ECONFLICT). */
int		 gkas_status(enum gk_err);

/* The screens (each returns GK_ENOTFOUND for a path it does not know). */
enum gk_err	 gkas_users(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gkas_agencies(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gkas_categories(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gkas_rules(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);
enum gk_err	 gkas_calendar(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *, size_t);

#endif /* GK_WEB_ADMIN_SETTINGS_H */
