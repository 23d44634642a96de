/*
 * item_trail.h — what happened to one item, from the audit chain: every
 * entry of entity "item" for it (create, edit, submit, review, approve,
 * return, publish, withdraw, change_validity, attach, detach), oldest
 * first, with the words people gave: the comment, the withdrawal reason
 * and the approver's override reason; and the gate's findings attachment
 * by attachment. Read-only; the back office's item page shows them as
 * 办理记录 and under 保密审查 (docs/admin-items.md).
 */
#ifndef GK_STORE_ITEM_TRAIL_H
#define GK_STORE_ITEM_TRAIL_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/scan.h"

struct gk_db;

#define GK_ITEM_TRAIL_MAX	500	/* entries read (the newest are kept) */

struct gk_item_event {
	int64_t	 seq;
	char	 time[40];	/* RFC 3339 */
	char	 actor[64];	/* login */
	char	 action[32];	/* storage name */
	char	*comment;	/* owned; "" when none */
	char	*reason;	/* owned; withdrawal reason, "" when none */
	char	*override;	/* owned; the approver's override reason, "" when none */
};

struct gk_item_events {
	struct gk_item_event	*v;
	size_t			 n;
};

/* The trail of item id (an unknown id has an empty one). GK_EDB, GK_ENOMEM. */
enum gk_err	 gk_item_trail(struct gk_db *, int64_t id, struct gk_item_events *,
		    char *err, size_t errlen);
void		 gk_item_events_free(struct gk_item_events *);

/*
 * The gate's findings in each attachment of item id that has extracted
 * text (the same text gk_attachment_scan reads), with the attachment's id
 * and name, oldest attachment first; attachments without findings are
 * left out. *vp (gk_item_att_findings_free) and *np.
 */
struct gk_item_att_findings {
	int64_t			 attachment_id;
	char			 name[256];
	struct scan_findings	 f;
};

enum gk_err	 gk_item_att_findings(struct gk_db *, int64_t id,
		    struct gk_item_att_findings **vp, size_t *np, char *err, size_t errlen);
void		 gk_item_att_findings_free(struct gk_item_att_findings *, size_t n);

#endif /* GK_STORE_ITEM_TRAIL_H */
