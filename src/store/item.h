/*
 * item.h — information items of proactive disclosure (主动公开信息) in the
 * store: drafts with their 索引号 and due date, edits, lookups, and the
 * three-level review as transactions over the pure state machine in
 * core/workflow.h. Every change writes the row, its history or review row
 * and its audit entry in one transaction (the write-path rule in db.h);
 * a refused action writes nothing.
 */
#ifndef GK_STORE_ITEM_H
#define GK_STORE_ITEM_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/gk.h"
#include "core/indexno.h"
#include "core/item.h"
#include "core/timeliness.h"
#include "core/workflow.h"

struct gk_db;

/*
 * Who acts: the user's id, agency and roles (the users table has one role
 * per login). login is what the audit entry names.
 */
struct gk_item_actor {
	int64_t		 user_id;
	int64_t		 agency_id;
	unsigned	 roles;		/* WF_ROLE_BIT() */
	char		 login[64];
};

/*
 * The acting user for item actions, from an active user's login (through
 * gk_user_get_by_login). GK_ENOTFOUND when unknown or inactive.
 */
enum gk_err	 gk_item_actor_lookup(struct gk_db *, const char *login,
		    struct gk_item_actor *, char *err, size_t errlen);

/* One item as stored. Strings are owned; gk_item_clear() frees them. */
struct gk_item {
	int64_t		 id;
	int64_t		 agency_id;
	int64_t		 category_id;	/* 0: none */
	char		*category_path;	/* "政策文件/规章" ("" when none) */
	struct item_meta meta;		/* f[ITEM_F_INDEXNO] holds the 索引号 */
	enum wf_state	 state;
	int64_t		 drafter_id;
	char		*created_at, *updated_at;
	char		*due_date;	/* NULL when not computed */
	char		*published_at, *withdrawn_at, *withdrawn_reason;
};

void		 gk_item_clear(struct gk_item *);

/*
 * Options of a new draft. pattern NULL means the agency's setting
 * (gk_agency_indexno_pattern: INDEXNO_DEFAULT_PATTERN unless set). cal
 * NULL: no due date; rules NULL: the agency's (gk_agency_timeliness_rules:
 * the defaults with its overrides).
 */
struct gk_item_opts {
	const char			*pattern;
	const struct calendar		*cal;
	const struct timeliness_rules	*rules;
};

/*
 * Creates a draft for the actor's agency (the actor must be a drafter of
 * agency_id). The metadata is checked with item_validate() against the
 * default category tree, except that a category the agency has configured
 * in its own category table is accepted; the category path must exist in
 * that table. publisher defaults to the agency's name. The 索引号 is
 * allocated inside the transaction: the next sequence number for the
 * agency and the year of now (and month/category if the pattern has
 * them). GK_EINVAL with every problem in probs (may be NULL) and the first
 * one in err. *idp gets the new id.
 */
enum gk_err	 gk_item_create(struct gk_db *, const struct gk_item_actor *,
		    int64_t agency_id, const struct item_meta *,
		    const struct gk_item_opts *, const char *now, int64_t *idp,
		    struct item_problems *probs, char *err, size_t errlen);

/*
 * Edits a draft: every field set (non-NULL) in changes replaces the stored
 * one ("" clears an optional field); the 索引号 cannot be changed. Only
 * in the draft state, only by its drafter (GK_ECONFLICT otherwise). The
 * row before is kept in item_history; the due date is recomputed.
 */
enum gk_err	 gk_item_edit(struct gk_db *, const struct gk_item_actor *,
		    int64_t id, const struct item_meta *changes,
		    const struct gk_item_opts *, const char *now,
		    struct item_problems *probs, char *err, size_t errlen);

enum gk_err	 gk_item_get(struct gk_db *, int64_t id, struct gk_item *,
		    char *err, size_t errlen);

struct gk_item_filter {
	int64_t		 agency_id;	/* 0: every agency */
	int		 state;		/* enum wf_state, or -1: any */
	int64_t		 category_id;	/* 0: any */
	int		 year;		/* of created_at; 0: any */
	size_t		 limit;		/* 0: 50; at most 1000 */
	size_t		 offset;
};

struct gk_item_list {
	struct gk_item	*v;
	size_t		 n;
};

/* Newest first (created_at, then id, descending). */
enum gk_err	 gk_item_list(struct gk_db *, const struct gk_item_filter *,
		    struct gk_item_list *, char *err, size_t errlen);
void		 gk_item_list_free(struct gk_item_list *);

/* What an action needs besides the actor (see struct wf_input). */
struct gk_item_input {
	const char		*comment;
	const char		*reason;		/* withdraw */
	enum wf_verdict		 checks[WF_CHECK__MAX];	/* review/approve */
	const char		*override_reason;	/* approve with findings */
	enum item_validity	 validity;		/* change_validity */
	const char		*validity_date;
};

/*
 * One workflow action. Inside one transaction: loads the item, rebuilds
 * the round (reviewer, approver, findings let through) from the review
 * rows and the approval's audit entry, scans title and body (scan_text)
 * for the gate, calls workflow_apply(), and when allowed writes the new
 * state, a review row (review, approve, return), an item_history row with
 * the row before, the publication / withdrawal / validity columns and one
 * audit entry (with the override reason when the gate was overridden).
 * When refused nothing is written, res->code says why and err holds the
 * workflow's Chinese message (GK_ECONFLICT or GK_EINVAL). res may be NULL.
 */
enum gk_err	 gk_item_act(struct gk_db *, int64_t id,
		    const struct gk_item_actor *, enum wf_action,
		    const struct gk_item_input *, const char *now,
		    struct wf_result *res, char *err, size_t errlen);

/* The review trail of an item, oldest first. */
struct gk_item_review {
	int		 level;		/* 2 分管领导审核, 3 主要领导审定 */
	int64_t		 reviewer_id;
	char		 reviewer[64];	/* login */
	int		 checks[WF_CHECK__MAX];	/* 1 passed */
	char		*comment;
	int		 pass;		/* 0: returned */
	char		 decided_at[40];
};

struct gk_item_reviews {
	struct gk_item_review	*v;
	size_t			 n;
};

enum gk_err	 gk_item_reviews(struct gk_db *, int64_t id, struct gk_item_reviews *,
		    char *err, size_t errlen);
void		 gk_item_reviews_free(struct gk_item_reviews *);

/* An unpublished item that is late or due soon. */
struct gk_item_due {
	int64_t			 id;
	char			 index_no[INDEXNO_MAX + 1];
	char			*title;
	char			 due_date[GK_DATE_LEN];
	enum timeliness_status	 status;	/* OVERDUE or DUE_SOON */
	long			 workdays;	/* left (DUE_SOON) or past (OVERDUE) */
};

struct gk_item_dues {
	struct gk_item_due	*v;
	size_t			 n;
};

/*
 * Items not yet published (draft … approved) of an agency (0: all) whose
 * due date has passed or falls within window working days after today,
 * ordered by due date. Classified with timeliness_classify().
 */
enum gk_err	 gk_item_overdue(struct gk_db *, int64_t agency_id,
		    const struct calendar *, const char *today, int window,
		    struct gk_item_dues *, char *err, size_t errlen);
void		 gk_item_dues_free(struct gk_item_dues *);

#endif /* GK_STORE_ITEM_H */
