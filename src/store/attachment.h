/*
 * attachment.h — files attached to an information item (附件): checked by
 * content (core/sniff.h), stored once per SHA-256 in the blob table, their
 * text (TXT, HTML, DOCX) extracted for the confidentiality gate. Every
 * change writes its rows and one audit entry (entity "item", the item's
 * id, action "attach" or "detach") in one transaction; a refused change
 * writes nothing. Limits and accepted types: docs/attachments.md.
 */
#ifndef GK_STORE_ATTACHMENT_H
#define GK_STORE_ATTACHMENT_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/scan.h"
#include "core/sha256.h"

struct gk_db;
struct gk_item_actor;

/* Largest attachment in bytes (50 MiB). */
#ifndef GK_ATTACHMENT_MAX
#define GK_ATTACHMENT_MAX	((size_t)50 * 1024 * 1024)
#endif
/* Attachments per item. */
#define GK_ATTACHMENT_MAX_COUNT	50
/* Longest name in bytes (UTF-8) and in characters. */
#define GK_ATTACHMENT_NAME_MAX	255
#define GK_ATTACHMENT_NAME_CHARS 120

struct gk_attachment {
	int64_t		 id;
	int64_t		 item_id;
	char		 name[GK_ATTACHMENT_NAME_MAX + 1];
	char		 hash[GK_SHA256_HEXLEN + 1];	/* of the content */
	int64_t		 size;
	char		 mime[96];
	char		 created_at[40];
	int		 has_text;	/* text was extracted for the gate */
};

struct gk_attachment_list {
	struct gk_attachment	*v;
	size_t			 n;
};

/*
 * The name as stored: the part after the last '/' or '\\', with white
 * space trimmed at both ends. GK_EINVAL (Chinese message) when that is
 * empty, "." or "..", not UTF-8, has control characters, or is longer
 * than the limits above. Pure; exposed for tests.
 */
enum gk_err	 gk_attachment_name(const char *name, char out[GK_ATTACHMENT_NAME_MAX + 1],
		    char *err, size_t errlen);

/*
 * Attaches len bytes to item_id: the item must be a draft of the actor's
 * agency and the actor its drafter (GK_ECONFLICT otherwise); the file must
 * be non-empty, at most GK_ATTACHMENT_MAX bytes (GK_ELIMIT), of an allowed
 * type whose name extension agrees with the content (GK_EINVAL), the item
 * must have fewer than GK_ATTACHMENT_MAX_COUNT attachments (GK_ELIMIT) and
 * not the same content already (GK_ECONFLICT). The blob is inserted unless
 * a blob with the same hash exists. *idp (may be NULL) gets the id.
 */
enum gk_err	 gk_attachment_add(struct gk_db *, const struct gk_item_actor *,
		    int64_t item_id, const char *name, const void *data, size_t len,
		    const char *now, int64_t *idp, char *err, size_t errlen);

/* The attachments of an item, oldest first. GK_ENOTFOUND if no such item. */
enum gk_err	 gk_attachment_list(struct gk_db *, int64_t item_id,
		    struct gk_attachment_list *, char *err, size_t errlen);
void		 gk_attachment_list_free(struct gk_attachment_list *);

/*
 * One attachment of item_id and its bytes (*datap owned by the caller,
 * gk_free). GK_ENOTFOUND when the attachment does not belong to the item.
 */
enum gk_err	 gk_attachment_get_data(struct gk_db *, int64_t item_id, int64_t id,
		    struct gk_attachment *, void **datap, size_t *lenp, char *err,
		    size_t errlen);

/*
 * Removes an attachment (same rules as gk_attachment_add: draft, drafter)
 * and its blob when no other attachment refers to it.
 */
enum gk_err	 gk_attachment_remove(struct gk_db *, const struct gk_item_actor *,
		    int64_t item_id, int64_t id, const char *now, char *err,
		    size_t errlen);

/*
 * Appends to out (initialised by the caller, may hold findings already)
 * the scanner's findings in the text of every attachment of item_id. A
 * finding's offset, line and column are within that attachment's text.
 * Sets out->truncated past SCAN_MAX_FINDINGS. GK_ENOMEM or GK_EDB.
 */
enum gk_err	 gk_attachment_scan(struct gk_db *, int64_t item_id,
		    struct scan_findings *out, char *err, size_t errlen);

#endif /* GK_STORE_ATTACHMENT_H */
