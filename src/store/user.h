/*
 * user.h — users of an agency (用户) and their roles, with argon2id
 * password hashes (libsodium crypto_pwhash_str). Follows agency.h: validate
 * first, then one transaction holding the row and its audit entry; the
 * password and its hash never appear in an audit entry.
 *
 * Storage (schema v3; schema.c owns it): users(login UNIQUE, display_name,
 * password_hash, must_change, active) and user_role(user_id, role), one
 * row per role, so a user may hold several roles (e.g. reviewer and
 * officer); separation of duties is enforced per item by the workflow,
 * not by refusing role sets. users.role is legacy (v1/v2): written with
 * the lowest role of the set, never read. must_change is set whenever a
 * password is given at creation or by a reset, cleared by gk_user_passwd().
 */
#ifndef GK_STORE_USER_H
#define GK_STORE_USER_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

#define GK_USER_LOGIN_MAX	64	/* bytes: [A-Za-z0-9._@-], first a letter or digit */
#define GK_USER_NAME_MAX	100	/* characters of the display name */
#define GK_USER_PW_MIN		10	/* characters of a password */
#define GK_USER_PW_MAX		256	/* bytes of a password */
#define GK_USER_ROLES_MAX	128	/* bytes of "drafter,reviewer,…" with NUL */

struct gk_user {
	int64_t	 id;
	int64_t	 agency_id;
	char	*login;
	char	*display_name;
	unsigned roles;		/* WF_ROLE_BIT() of every role (workflow.h) */
	int	 active;
	int	 has_password;
	int	 must_change;	/* the initial password must be changed */
	char	*created_at;
};

struct gk_user_list {
	struct gk_user	*v;
	size_t		 n;
};

/*
 * "drafter,reviewer" (storage names of workflow.h, comma-separated, no
 * spaces) to a role set. GK_EINVAL with the unknown name otherwise.
 */
enum gk_err	 gk_user_roles_parse(const char *s, unsigned *rolesp, char *err,
		    size_t errlen);
/* The role set as "drafter,reviewer" into buf (always terminated). */
void		 gk_user_roles_format(unsigned roles, char *buf, size_t n);

/*
 * The password policy: at least GK_USER_PW_MIN characters and at least 3
 * of the 4 classes lower-case, upper-case, digit, other. GK_EINVAL with a
 * Chinese message naming what is missing.
 */
enum gk_err	 gk_user_password_check(const char *pw, char *err, size_t errlen);

/*
 * Fills buf (at least 17 bytes) with a random password of n-1 characters
 * (n-1 >= 16) that passes the policy. Returns GK_EINVAL if n is too small.
 */
enum gk_err	 gk_user_password_generate(char *buf, size_t n);

/*
 * Test hook: nonzero makes hashing use the MIN ops/mem limits (fast);
 * 0 (the default) the INTERACTIVE ones. Verification reads the limits
 * from the stored hash, so both kinds verify either way.
 */
void		 gk_user_pwhash_fast(int on);

/*
 * Adds a user to an agency with its audit entry, in one transaction.
 * password may be NULL (no password yet: cannot log in); when given it
 * must pass the policy and it is an initial password: must_change is set.
 * actor: gk_user_authorize(admin of the agency or its parent).
 * GK_EINVAL: bad login, name, role set or password; GK_ENOTFOUND: no such
 * agency; GK_ECONFLICT: the login is taken, or not authorised. *idp (may be NULL) gets the id.
 */
enum gk_err	 gk_user_add(struct gk_db *, const char *actor, int64_t agency_id,
		    const char *login, const char *display_name, unsigned roles,
		    const char *password, const char *now, int64_t *idp,
		    char *err, size_t errlen);

/* Fill *u (caller clears it with gk_user_clear). GK_ENOTFOUND if absent. */
enum gk_err	 gk_user_get(struct gk_db *, int64_t id, struct gk_user *u,
		    char *err, size_t errlen);
enum gk_err	 gk_user_get_by_login(struct gk_db *, const char *login,
		    struct gk_user *u, char *err, size_t errlen);
void		 gk_user_clear(struct gk_user *);

/* Users of one agency (agency_id 0: all), by id. Free with gk_user_list_free. */
enum gk_err	 gk_user_list(struct gk_db *, int64_t agency_id,
		    struct gk_user_list *l, char *err, size_t errlen);
void		 gk_user_list_free(struct gk_user_list *);

/*
 * Checks a login's password. GK_OK when it matches an active user (*idp
 * gets the id, *must_changep whether it must be changed; both may be
 * NULL); GK_EINVAL "密码错误" when it does not, or the user has no
 * password; GK_ECONFLICT when the user is deactivated; GK_ENOTFOUND when
 * there is no such login.
 */
enum gk_err	 gk_user_verify_password(struct gk_db *, const char *login,
		    const char *password, int64_t *idp, int *must_changep,
		    char *err, size_t errlen);

/*
 * Authorisation of an administrative action on agency_id by actor (the
 * audit actor string). The CLI is the operator's shell: an actor that is
 * not the login of any user (e.g. "cli:root") is trusted, because whoever
 * can run the CLI can also write the database file. An actor that IS a
 * user's login must be active and hold one of the roles in roles_any
 * (WF_ROLE_BIT()s) in agency_id, or, with allow_parent, in agency_id's
 * parent (上级机构). GK_OK when allowed; GK_ECONFLICT with "无权…" when
 * not; GK_EDB on a database error. Writes nothing.
 */
enum gk_err	 gk_user_authorize(struct gk_db *, const char *actor,
		    int64_t agency_id, unsigned roles_any, int allow_parent,
		    char *err, size_t errlen);

/*
 * The user changes their own password: actor must be login itself
 * (GK_ECONFLICT otherwise: an administrator resets with
 * gk_user_set_password), old must verify (as above), new must pass the
 * policy and differ from old. Stores the new hash, clears must_change,
 * appends an audit entry without either password.
 */
enum gk_err	 gk_user_passwd(struct gk_db *, const char *actor,
		    const char *login, const char *old_pw, const char *new_pw,
		    const char *now, char *err, size_t errlen);

/*
 * An administrator sets a password (a reset): actor must be allowed by
 * gk_user_authorize(admin of the user's own agency, no parent), policy
 * checked, stored as an initial password (must_change set). Audit entry
 * without the password.
 */
enum gk_err	 gk_user_set_password(struct gk_db *, const char *actor,
		    const char *login, const char *password, const char *now,
		    char *err, size_t errlen);

/*
 * Deactivates a user (kept for the record; can no longer log in). actor:
 * gk_user_authorize(admin of the user's agency or its parent). Refused
 * (GK_ECONFLICT) when it would leave the agency without an active admin.
 */
enum gk_err	 gk_user_deactivate(struct gk_db *, const char *actor,
		    const char *login, const char *now, char *err, size_t errlen);

/*
 * Replaces a user's role set (non-empty, known roles) with its audit
 * entry ({"roles": new, "old": old}). actor: gk_user_authorize(admin of
 * the user's agency or its parent). GK_EINVAL: bad login or role set;
 * GK_ENOTFOUND: no such login; GK_ECONFLICT: not authorised, or it would
 * take admin away from the last active admin of the agency (an agency
 * that had one keeps one; remove the last admin by first adding another).
 */
enum gk_err	 gk_user_set_roles(struct gk_db *, const char *actor,
		    const char *login, unsigned roles, const char *now, char *err,
		    size_t errlen);

/*
 * Changes a user's display name (1..GK_USER_NAME_MAX characters) with its
 * audit entry ({"display_name": new, "old": old}); unchanged: GK_OK,
 * nothing written. actor as for gk_user_set_roles. GK_EINVAL: bad login or
 * name; GK_ENOTFOUND: no such login; GK_ECONFLICT: not authorised.
 */
enum gk_err	 gk_user_set_name(struct gk_db *, const char *actor,
		    const char *login, const char *display_name, const char *now,
		    char *err, size_t errlen);

#endif
