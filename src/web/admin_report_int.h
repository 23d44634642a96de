/*
 * admin_report_int.h — internals shared by the back office's report area
 * (admin_report.c: the annual report; admin_report_sup.c: trainings and
 * complaints). Not part of the admin contract (web/admin.h).
 */
#ifndef GK_WEB_ADMIN_REPORT_INT_H
#define GK_WEB_ADMIN_REPORT_INT_H

#include <stddef.h>
#include <stdint.h>

#include "web/admin.h"

/* One request of the area, passed to its pages. */
struct ar_req {
	struct gk_web_ctx		*ctx;
	const struct gk_web_req		*req;
	const struct gk_admin_user	*u;
	struct gk_web_resp		*resp;
	char				*err;
	size_t				 errlen;
};

/* /admin/trainings… and /admin/complaints… (admin_report_sup.c); rest follows the prefix. */
enum gk_err	 gk_ar_trainings(struct ar_req *, const char *rest);
enum gk_err	 gk_ar_complaints(struct ar_req *, const char *rest);

/*
 * A decimal id at s (1..10^15, no sign, no leading zero) ending at the
 * string's end or at '/' (*end, may be NULL, gets where it stopped); 0
 * when there is none.
 */
int64_t		 gk_ar_id(const char *s, const char **end);

/* The page's frame and a 303 after a POST: shorthands over admin.h. */
void		 gk_ar_begin(struct ar_req *, const char *title, const char *area);
enum gk_err	 gk_ar_done(struct ar_req *, int status);

/* A form field's label, input and (when msg is not "") its error, escaped. */
void		 gk_ar_field_error(struct gk_buf *, const char *name, const char *msg);

#endif /* GK_WEB_ADMIN_REPORT_INT_H */
