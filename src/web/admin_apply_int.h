/*
 * admin_apply_int.h — shared by the back office's application screens
 * (admin_apply*.c, H4): applications, answer letters, cases, 第二十条
 * figures and consultations. Internal to those files.
 */
#ifndef GK_WEB_ADMIN_APPLY_INT_H
#define GK_WEB_ADMIN_APPLY_INT_H

#include <stddef.h>
#include <stdint.h>

#include "web/admin.h"

#define AA_MSG	512	/* bytes of a message shown next to a form or field */

/* The value of field name, "" when absent. */
const char	*aa_arg(const struct gk_web_req *, const char *name);
/* 1 when v is NULL or only white space. */
int		 aa_blank(const char *v);
/*
 * path = prefix "/" id [ "/" rest ]: 1 with *id (positive, at most 15
 * digits) and *rest ("" or what follows the slash), else 0.
 */
int		 aa_path_id(const char *path, const char *prefix, int64_t *id,
		    const char **rest);
/* "YYYY-MM-DD" into *d; 0 when it is not a date. */
int		 aa_date(const char *s, int32_t *d);
/* An integer in [lo, hi] from s (ASCII digits, optional '-'); 0 when it is not. */
int		 aa_long(const char *s, long lo, long hi, long *v);
/*
 * 1 when the user may see records of agency_id: their own agency, or for
 * 政务公开办 an agency whose parent is theirs.
 */
int		 aa_may_read(struct gk_web_ctx *, const struct gk_admin_user *, int64_t agency_id);
/* The HTTP status of a store error: 400, 404, 409; 0 for anything else (a 500). */
int		 aa_status(enum gk_err);
/* Finishes an HTML page in resp with status (not cacheable). */
enum gk_err	 aa_done(struct gk_web_resp *, int status);
/* <p class="notice error" role="alert">msg</p> when msg is not empty. */
void		 aa_error_note(struct gk_buf *, const char *msg);
/* Today's date as YYYY-MM-DD into buf[11]. */
const char	*aa_today(const struct gk_web_ctx *, char *buf);

/* The areas (admin_apply_letter.c, admin_apply_misc.c). */
enum gk_err	 aa_letter(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, int64_t id, const char *rest,
		    struct gk_web_resp *, char *err, size_t errlen);
enum gk_err	 aa_cases(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *err, size_t errlen);
enum gk_err	 aa_figures(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *err, size_t errlen);
enum gk_err	 aa_consultations(struct gk_web_ctx *, const struct gk_web_req *,
		    const struct gk_admin_user *, struct gk_web_resp *, char *err, size_t errlen);
/*
 * The stored letter text as HTML blocks: the first line the title (h1),
 * the number, the salutation, the body, the signature and date; every
 * character escaped.
 */
void		 aa_letter_blocks(struct gk_buf *, const char *text);

#endif /* GK_WEB_ADMIN_APPLY_INT_H */
