/*
 * api_write.h — the write side of /api/v1 (docs/api.md "写接口"): POST
 * /api/v1/items (a draft item, which then goes through the normal
 * three-level review) and POST /api/v1/applications (an application
 * received by another system, through gk_apply_new like the online form),
 * authorised by `Authorization: Bearer TOKEN` (store/token.h) and scoped to
 * the token's agency. api.c hands every POST under /api/v1/ here.
 *
 * The decoding of a request body is pure and separate (fuzz/fuzz_api_write.c).
 */
#ifndef GK_WEB_API_WRITE_H
#define GK_WEB_API_WRITE_H

#include <stddef.h>
#include <stdint.h>

#include "core/apply.h"
#include "core/item.h"
#include "store/application.h"
#include "web/web.h"

#define GK_API_BODY_MAX	GK_WEB_BODY_MAX

enum gk_api_kind { GK_API_ITEM, GK_API_APPLICATION };

/*
 * A decoded body. Strings point into the decoded JSON kept in root (free
 * with gk_api_write_clear). agency_id 0: not given.
 */
struct gk_api_write_in {
	void			*root;		/* json_t *, owned */
	int64_t			 agency_id;
	/* items: by enum item_field (NULL unset; INDEXNO and VALIDITY never set) */
	const char		*f[ITEM_F__MAX];
	/* applications */
	struct gk_apply_intake	 ap;
};

/*
 * Decodes body (len bytes, not NUL-terminated) of kind into in: a JSON
 * object (at most GK_API_BODY_MAX bytes) whose members are all known,
 * strings (agency_id a positive integer), valid UTF-8 without NUL; for an
 * application channel, applicant_type and received (YYYY-MM-DD) are
 * required. On error: GK_EINVAL, field (64 bytes) names the member ("" for
 * the body as a whole) and err says what is wrong, in Chinese; in is
 * cleared either way on error.
 */
enum gk_err	 gk_api_write_decode(enum gk_api_kind, const char *body, size_t len,
		    struct gk_api_write_in *in, char field[64], char *err, size_t errlen);
void		 gk_api_write_clear(struct gk_api_write_in *);

/*
 * POST path (after "/api/v1/": "items" or "applications") for req:
 * 401 without a valid bearer token, 415 for a body that is not JSON, 400
 * for a malformed one, 403 for another agency's agency_id or a token user
 * not allowed to draft, 201 with {"id", ...} on success; else
 * GK_ENOTFOUND (api.c answers its own 404/405).
 */
enum gk_err	 gk_api_write(struct gk_web_ctx *, const struct gk_web_req *, const char *path,
		    struct gk_web_resp *, char *err, size_t errlen);

#endif /* GK_WEB_API_WRITE_H */
