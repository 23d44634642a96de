/*
 * token.h — API tokens for the write side of /api/v1 (docs/api.md,
 * docs/admin-security.md). Storage (schema v13): api_token(agency_id,
 * user_id, name, hash, prefix, created_by, created_at, last_used_at,
 * revoked_at).
 *
 * A token is "gkt_" followed by 64 hex characters (32 bytes from
 * randombytes_buf). It is shown once, when made; the table keeps its
 * SHA-256 and its first 12 characters (to tell tokens apart in lists).
 * A token belongs to one agency and acts for it only; drafts it creates
 * are written as its user (a 科室拟稿人 of that agency, chosen when the token
 * is made), so the item goes through the normal three-level review.
 * Revoking is final. Making and revoking are audited (entity "api_token");
 * using a token only moves last_used_at (bookkeeping, no entry): what the
 * token does is audited by the store function it calls.
 */
#ifndef GK_STORE_TOKEN_H
#define GK_STORE_TOKEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

#define GK_TOKEN_PREFIX		"gkt_"
#define GK_TOKEN_LEN		68	/* "gkt_" + 64 hex */
#define GK_TOKEN_SHOWN		12	/* characters kept to recognise it */
#define GK_TOKEN_NAME_MAX	100	/* characters */

struct gk_token {
	int64_t	 id;
	int64_t	 agency_id;
	int64_t	 user_id;
	char	 user[64];		/* the user's login */
	char	 name[4 * GK_TOKEN_NAME_MAX + 1];
	char	 prefix[GK_TOKEN_SHOWN + 1];
	char	 created_by[128];
	char	 created_at[32];
	char	 last_used_at[32];	/* "" never */
	char	 revoked_at[32];	/* "" when live */
};

struct gk_token_list {
	struct gk_token	*v;
	size_t		 n;
};

/*
 * Makes a token of agency_id named name (1..100 characters, no control
 * characters) acting as user_login (an active 科室拟稿人 of that agency).
 * actor: gk_user_authorize(admin or officer of agency_id). The token into
 * token (GK_TOKEN_LEN + 1 bytes), its id into *idp (may be NULL).
 * GK_EINVAL bad name or user; GK_ENOTFOUND no such agency or user;
 * GK_ECONFLICT not authorised.
 */
enum gk_err	 gk_token_add(struct gk_db *, const char *actor, int64_t agency_id,
		    const char *name, const char *user_login, const char *now,
		    char token[GK_TOKEN_LEN + 1], int64_t *idp, char *err, size_t errlen);

/* The tokens of an agency (0: all), newest first. Free with gk_token_list_free. */
enum gk_err	 gk_token_list(struct gk_db *, int64_t agency_id, struct gk_token_list *,
		    char *err, size_t errlen);
void		 gk_token_list_free(struct gk_token_list *);

/*
 * Revokes token id. agency_id > 0: the token must belong to it
 * (GK_ENOTFOUND otherwise, as for an unknown id). actor as for
 * gk_token_add. GK_ECONFLICT when already revoked or not authorised.
 */
enum gk_err	 gk_token_revoke(struct gk_db *, const char *actor, int64_t agency_id,
		    int64_t id, const char *now, char *err, size_t errlen);

/*
 * The live token whose value is token: GK_OK with *t filled and
 * last_used_at set to now; GK_ENOTFOUND for a malformed, unknown or
 * revoked token (one answer for all three).
 */
enum gk_err	 gk_token_check(struct gk_db *, const char *token, const char *now,
		    struct gk_token *t, char *err, size_t errlen);

#endif /* GK_STORE_TOKEN_H */
