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
#include "core/timeliness.h"

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
	/* Contact details (schema v7), "" when not given: gk_agency_contact_set. */
	char	*office;	/* 政府信息公开工作机构 */
	char	*address;
	char	*postcode;
	char	*phone;
	char	*fax;
	char	*email;
	char	*hours;		/* 办公时间 */
};

struct gk_agency_list {
	struct gk_agency	*v;
	size_t			 n;
};

/*
 * The contact details of an agency one by one: field i (0 office, 1
 * address, 2 postcode, 3 phone, 4 fax, 5 email, 6 hours), "" when not
 * given; NULL for i >= GK_AGENCY_NCONTACT. *labelp (may be NULL) gets the
 * field's name in messages (政府信息公开工作机构, 地址, …).
 */
#define GK_AGENCY_NCONTACT	7
const char	*gk_agency_contact_field(const struct gk_agency *a, size_t i,
		    const char **labelp);

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

/*
 * Per-agency settings (table agency_setting, schema v3), one value per
 * key:
 *   "indexno_pattern"          the 索引号 pattern (core/indexno.h), checked
 *                              with indexno_pattern_check();
 *   "timeliness.<栏目路径>"     working days for items of that category
 *                              and below it, an integer 1..20 (条例第二十六条
 *                              is the outer bound); the path must exist in
 *                              the agency's category tree.
 * set with value NULL removes the key (back to the default). Each change
 * appends an audit entry (entity "agency", action "setting") in the same
 * transaction. actor must pass gk_user_authorize (user.h): an admin of
 * the agency or of its parent, or an actor that is no user's login (the
 * operator's shell). GK_EINVAL: unknown key or bad value; GK_ENOTFOUND:
 * no such agency or category (or, for set(NULL) and get, the key is not
 * set); GK_ECONFLICT: not authorised.
 */
#define GK_AGENCY_SETTING_INDEXNO	"indexno_pattern"
#define GK_AGENCY_SETTING_TIMELINESS	"timeliness."	/* + category path */
#define GK_AGENCY_SETTING_MAX		512	/* bytes of a key or value */

enum gk_err	 gk_agency_setting_set(struct gk_db *, const char *actor,
		    int64_t agency_id, const char *key, const char *value,
		    const char *now, char *err, size_t errlen);
enum gk_err	 gk_agency_setting_get(struct gk_db *, int64_t agency_id,
		    const char *key, char *buf, size_t n, char *err, size_t errlen);

/* Every stored setting of an agency, ordered by key. */
struct gk_agency_settings {
	char	**key;
	char	**value;
	size_t	  n;
};
/* Fills *l (caller frees with gk_agency_settings_free); empty when none. */
enum gk_err	 gk_agency_setting_list(struct gk_db *, int64_t agency_id,
		    struct gk_agency_settings *l, char *err, size_t errlen);
void		 gk_agency_settings_free(struct gk_agency_settings *);

/* The agency's 索引号 pattern, or INDEXNO_DEFAULT_PATTERN when unset. */
enum gk_err	 gk_agency_indexno_pattern(struct gk_db *, int64_t agency_id,
		    char *buf, size_t n, char *err, size_t errlen);

/*
 * The default rules (timeliness_rules_default) with the agency's overrides
 * applied: an override for path P sets the rule of P's last component,
 * counted from the same base as P's default rule.
 */
enum gk_err	 gk_agency_timeliness_rules(struct gk_db *, int64_t agency_id,
		    struct timeliness_rules *r, char *err, size_t errlen);

/*
 * The agency's contact details for the public and the answer letter
 * (告知书: 联系机构, 地址, 邮政编码, 联系电话, 电子邮箱). A NULL member
 * leaves that field unchanged; "" clears it. Each field is at most
 * GK_AGENCY_CONTACT_MAX characters of UTF-8 without control characters;
 * a non-empty postcode is 6 digits, an e-mail has the shape a@b.c, a phone
 * or fax has 5 or more digits and nothing but digits, spaces, - ( ) + and
 * 转 (extension).
 */
#define GK_AGENCY_CONTACT_MAX	200	/* characters of each field */

struct gk_agency_contact {
	const char	*office;	/* 政府信息公开工作机构, e.g. 办公室 */
	const char	*address;
	const char	*postcode;
	const char	*phone;
	const char	*fax;
	const char	*email;
	const char	*hours;		/* 办公时间 */
};

/*
 * Checks every given field of *c; GK_EINVAL with a message naming the
 * field. Touches no database.
 */
enum gk_err	 gk_agency_contact_check(const struct gk_agency_contact *c,
		    char *err, size_t errlen);

/*
 * Sets the given fields of an agency's contact details in one transaction
 * with one audit entry (entity "agency", action "contact", change
 * {"old":{field:value…},"set":{field:value…}} with only the fields whose
 * value changes). Nothing changed (every field NULL or equal to the
 * stored value): GK_OK, nothing written. actor as for
 * gk_agency_setting_set (an admin of the agency or its parent, or the
 * operator). GK_EINVAL: a bad field; GK_ENOTFOUND: no such agency;
 * GK_ECONFLICT: not authorised. Refusals write nothing.
 */
enum gk_err	 gk_agency_contact_set(struct gk_db *, const char *actor,
		    int64_t agency_id, const struct gk_agency_contact *c,
		    const char *now, char *err, size_t errlen);

/*
 * Renames an agency and sets its level, with one audit entry (entity
 * "agency", action "update", {"name", "level", "old": {…}}) in the same
 * transaction; unchanged values: GK_OK, nothing written. The 统一社会信用代码
 * and the parent are not changed here. actor as for gk_agency_setting_set.
 * GK_EINVAL: a bad name or level; GK_ENOTFOUND: no such agency;
 * GK_ECONFLICT: not authorised.
 */
enum gk_err	 gk_agency_update(struct gk_db *, const char *actor, int64_t agency_id,
		    const char *name, const char *level, const char *now, char *err,
		    size_t errlen);

/* For store modules: 1 if an agency with this id exists, 0 if not, -1 on error. */
struct sqlite3;
int		 gk_agency_exists(struct sqlite3 *, int64_t id);

#endif
