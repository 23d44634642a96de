/*
 * store/category.h — each agency's own category tree (栏目) in the store:
 * seeded from the default tree of core/category.h, extended by adding
 * children, listed in tree order and looked up by path ("政策文件/规章").
 * Every insertion appends an audit entry in the same transaction.
 *
 * Each stored category has a short code (NULL/"" for a custom one given
 * none) and a kind (schema v3): seeding copies both from the default tree;
 * a custom category takes its parent's kind unless one is given.
 */
#ifndef GK_STORE_CATEGORY_H
#define GK_STORE_CATEGORY_H

#include <stddef.h>
#include <stdint.h>

#include "core/category.h"
#include "core/gk.h"

struct gk_db;

#define GK_CATEGORY_DEPTH_MAX	4	/* levels of a tree, the top one included */

struct gk_category_row {
	int64_t			 id;
	int64_t			 parent_id;	/* 0 at the top */
	int			 depth;		/* 0 at the top */
	int			 sort;
	char			*name;
	char			*path;		/* "政策文件/规章" */
	const char		*code;		/* stored short code, or "" (owned by the list) */
	enum category_kind	 kind;		/* stored kind */
};

struct gk_category_list {
	struct gk_category_row	*v;	/* tree order: each parent before its children */
	size_t			 n;
};

/*
 * Gives the agency every category of the default tree it does not have
 * yet (matched by path, or by short code for one renamed or moved), one
 * audit entry per category added, all in one transaction. Idempotent: a
 * second call adds nothing. GK_ENOTFOUND if the agency does not exist.
 */
enum gk_err	 gk_category_seed_defaults(struct gk_db *, int64_t agency_id,
		    const char *actor, const char *now, char *err, size_t errlen);

/* The agency's tree (free with gk_category_list_free). */
enum gk_err	 gk_category_list(struct gk_db *, int64_t agency_id,
		    struct gk_category_list *l, char *err, size_t errlen);
void		 gk_category_list_free(struct gk_category_list *);

/*
 * The id of the category at path ("顶级" or "顶级/子级/…") in the agency's
 * tree. GK_ENOTFOUND naming the first missing level; GK_EINVAL if the path
 * is malformed (empty level, leading or trailing "/").
 */
enum gk_err	 gk_category_lookup(struct gk_db *, int64_t agency_id,
		    const char *path, int64_t *idp, char *err, size_t errlen);

/*
 * Adds a category named name under parent_id (0: at the top), last among
 * its siblings, with its audit entry. GK_EINVAL: bad name (empty, "/",
 * control characters, over CATEGORY_NAME_MAX bytes) or too deep;
 * GK_ENOTFOUND: no such agency, or the parent is not the agency's;
 * GK_ECONFLICT: a sibling already has the name.
 */
enum gk_err	 gk_category_add(struct gk_db *, const char *actor,
		    int64_t agency_id, int64_t parent_id, const char *name,
		    const char *now, int64_t *idp, char *err, size_t errlen);

/*
 * gk_category_add with a short code (NULL or "": none; otherwise
 * category_code_ok and unique within the agency, else GK_EINVAL /
 * GK_ECONFLICT) and a kind by name ("policy", …; NULL or "": the
 * parent's, "other" at the top).
 */
enum gk_err	 gk_category_add_ex(struct gk_db *, const char *actor,
		    int64_t agency_id, int64_t parent_id, const char *name,
		    const char *code, const char *kind, const char *now,
		    int64_t *idp, char *err, size_t errlen);

/*
 * Changes to an existing category (the back office, docs/admin-settings.md),
 * each in one transaction with its audit entry (entity "category", actions
 * "rename", "move", "delete"). actor: gk_user_authorize (an admin of the
 * agency or of its parent, or the operator). The category must be the
 * agency's (GK_ENOTFOUND otherwise). A rename or move carries the
 * timeliness overrides of the category and everything below it along
 * (agency settings "timeliness.<old path>…" become "timeliness.<new
 * path>…" in the same transaction).
 *
 * rename: new name as for gk_category_add; GK_ECONFLICT when a sibling
 * has it. move: new_parent_id 0 for the top; GK_EINVAL when it would put
 * the category under itself or below its own subtree (a cycle) or make
 * the tree deeper than GK_CATEGORY_DEPTH_MAX; GK_ECONFLICT when the new
 * siblings already have the name. delete: GK_ECONFLICT while the category
 * has children, items (any state) or a timeliness override of its own.
 */
enum gk_err	 gk_category_rename(struct gk_db *, const char *actor,
		    int64_t agency_id, int64_t id, const char *name, const char *now,
		    char *err, size_t errlen);
enum gk_err	 gk_category_move(struct gk_db *, const char *actor,
		    int64_t agency_id, int64_t id, int64_t new_parent_id,
		    const char *now, char *err, size_t errlen);
enum gk_err	 gk_category_delete(struct gk_db *, const char *actor,
		    int64_t agency_id, int64_t id, const char *now, char *err,
		    size_t errlen);

#endif
