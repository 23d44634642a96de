/*
 * store/interpretation.h — policy interpretations (政策解读) in the store:
 * the link from an interpretation item to the policy file (政策文件) it
 * explains, with its form (文字, 图解, 案例, 音视频); the lists both ways
 * for the item pages; and the ledger's findings: published policy files
 * without a published interpretation, or with one published later than
 * the file (core/interp.h, interp_check).
 *
 * Rules of gk_interp_link():
 *   - the interpretation item is filed under a category of kind interp
 *     (政策解读) and the policy item under one of kind policy (政策文件 and
 *     below), checked with interp_link_check();
 *   - both items belong to the same agency, and it is the actor's;
 *   - the actor is a drafter (科室拟稿人), officer (信息公开工作人员) or
 *     admin (系统管理员) of that agency: the people who prepare and file
 *     items. Reviewers and approvers judge items, they do not file them;
 *   - an item cannot be linked to itself; both items must exist;
 *   - a withdrawn interpretation cannot be linked (it no longer counts);
 *     the policy file may be in any state (an interpretation is drafted
 *     together with its file);
 *   - a link that exists already is refused (GK_ECONFLICT): to change the
 *     form, unlink and link again (two audit entries say what happened).
 * Link and unlink each write the row change and one audit entry (entity
 * "item", the interpretation's id, action "interp_link"/"interp_unlink")
 * in one transaction; a refused action writes nothing.
 */
#ifndef GK_STORE_INTERPRETATION_H
#define GK_STORE_INTERPRETATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/date.h"
#include "core/gk.h"
#include "core/indexno.h"
#include "core/interp.h"
#include "core/workflow.h"

struct gk_db;
struct gk_item_actor;

enum gk_err	 gk_interp_link(struct gk_db *, const struct gk_item_actor *,
		    int64_t interp_item_id, int64_t policy_item_id,
		    enum interp_form form, const char *now, char *err, size_t errlen);

/* Same actor rules; GK_ENOTFOUND when the two are not linked. */
enum gk_err	 gk_interp_unlink(struct gk_db *, const struct gk_item_actor *,
		    int64_t interp_item_id, int64_t policy_item_id,
		    const char *now, char *err, size_t errlen);

/* One linked item as the other side's page shows it. */
struct gk_interp_link {
	int64_t		 item_id;	/* the other side */
	char		 index_no[INDEXNO_MAX + 1];
	char		*title;		/* owned */
	enum wf_state	 state;
	char		 published[GK_DATE_LEN];	/* "" when not published */
	enum interp_form form;
};

struct gk_interp_links {
	struct gk_interp_link	*v;
	size_t			 n;
};

/* The interpretations of a policy file, by publication date then id. */
enum gk_err	 gk_interp_of_policy(struct gk_db *, int64_t policy_item_id,
		    struct gk_interp_links *, char *err, size_t errlen);
/* The policy files an interpretation explains, by 索引号. */
enum gk_err	 gk_interp_policies(struct gk_db *, int64_t interp_item_id,
		    struct gk_interp_links *, char *err, size_t errlen);
void		 gk_interp_links_free(struct gk_interp_links *);

/* One finding about one published policy file. */
struct gk_interp_finding {
	int64_t		 agency_id;
	int64_t		 policy_id;
	char		 index_no[INDEXNO_MAX + 1];	/* the policy file's */
	char		*title;				/* owned */
	char		 published[GK_DATE_LEN];
	enum interp_kind kind;
	int64_t		 interp_id;			/* INTERP_F_LATE */
	char		 interp_index_no[INDEXNO_MAX + 1];	/* INTERP_F_LATE */
	int		 days_late;			/* INTERP_F_LATE */
	char		 msg[INTERP_MSG_MAX];		/* Chinese */
};

struct gk_interp_findings {
	struct gk_interp_finding	*v;
	size_t				 n;
	size_t				 checked;	/* policy files looked at */
};

/*
 * Every policy file of agency_id (0: every agency) in the published state
 * whose published_at falls in year, checked with interp_check() against
 * its interpretations that are published now (withdrawn or unpublished
 * ones do not count). Ordered by agency and 索引号. GK_EINVAL for a year
 * outside 1900..2999; GK_ENOTFOUND for an unknown agency.
 */
enum gk_err	 gk_interp_findings(struct gk_db *, int64_t agency_id, int year,
		    struct gk_interp_findings *, char *err, size_t errlen);
void		 gk_interp_findings_free(struct gk_interp_findings *);

/*
 * The ledger's 政策解读 cell of one item into buf: for a published policy
 * file "无解读", "解读滞后 N 天" (the latest one; after the forms of the
 * on-time ones, if any, and "；") or the forms of its interpretations
 * ("图解、文字"); for an interpretation the 索引号 of its policy files
 * ("、"-separated); else "". kind is the item's category kind.
 */
enum gk_err	 gk_interp_ledger_cell(struct gk_db *, int64_t item_id,
		    enum category_kind kind, char *buf, size_t len,
		    char *err, size_t errlen);

#endif /* GK_STORE_INTERPRETATION_H */
