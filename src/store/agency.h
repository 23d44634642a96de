/*
 * agency.h — agencies (机关/单位): the first store module, and the pattern
 * the others follow — validate, then one transaction holding the row and
 * its audit entry.
 */
#ifndef GK_STORE_AGENCY_H
#define GK_STORE_AGENCY_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/uscc.h"

struct gk_db;


/* The administrative levels an agency may have ('' = not given). */
int		 gk_agency_level_valid(const char *level);

struct gk_agency {
	int64_t	 id;
	char	*name;
	char	 uscc[GK_USCC_LEN + 1];
	int64_t	 parent_id;	/* 0: none */
	char	*level;		/* "" if not given */
	char	*created_at;
};

struct gk_agency_list {
	struct gk_agency	*v;
	size_t			 n;
};

/*
 * Adds an agency and its audit entry in one transaction. GK_EINVAL for a
 * bad name, code or level; GK_ECONFLICT if the code is already registered;
 * GK_ENOTFOUND if parent_id (nonzero) does not exist. *idp gets the id.
 */
enum gk_err	 gk_agency_add(struct gk_db *, const char *actor, const char *name,
		    const char *uscc, int64_t parent_id, const char *level,
		    const char *now, int64_t *idp, char *err, size_t errlen);
/* Fills *a (caller clears it with gk_agency_clear). */
enum gk_err	 gk_agency_get(struct gk_db *, int64_t id, struct gk_agency *a,
		    char *err, size_t errlen);
enum gk_err	 gk_agency_get_by_uscc(struct gk_db *, const char *uscc,
		    struct gk_agency *a, char *err, size_t errlen);
void		 gk_agency_clear(struct gk_agency *);
/* All agencies by id (caller frees with gk_agency_list_free). */
enum gk_err	 gk_agency_list(struct gk_db *, struct gk_agency_list *l,
		    char *err, size_t errlen);
void		 gk_agency_list_free(struct gk_agency_list *);

#endif
