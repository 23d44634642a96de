/*
 * audit.h — the hash-chained audit ledger (DESIGN capability 7).
 *
 * Every mutation appends one entry, inside the mutation's own transaction
 * (the write-path rule in db.h). Entry n carries the hash of entry n-1, so
 * changing, removing or inserting a row breaks the chain at that point and
 * gk_audit_verify() names the first entry that does not check out.
 *
 * hash = lower-case hex SHA-256 of the serialisation
 *   "gongkai-audit-v1\n" then, for each of seq, time, actor, entity,
 *   entity_id, action, change, prev_hash in that order:
 *   decimal byte length, ':', the bytes, '\n'
 * with seq and entity_id written in decimal. The length prefix makes the
 * encoding unambiguous (no two field tuples give the same bytes). The first
 * entry's prev_hash is 64 '0' characters.
 */
#ifndef GK_STORE_AUDIT_H
#define GK_STORE_AUDIT_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"
#include "core/sha256.h"

struct gk_db;

#define GK_AUDIT_GENESIS \
	"0000000000000000000000000000000000000000000000000000000000000000"
#define GK_AUDIT_MAX_FIELD	((size_t)16 * 1024 * 1024)	/* change JSON */

/*
 * Appends an entry. Must be called inside gk_db_tx_begin()/commit (else
 * GK_EINVAL). change_json must be valid JSON (object or array); actor,
 * entity, action and now non-empty. *seqp (may be NULL) gets the seq.
 */
enum gk_err	 gk_audit_append(struct gk_db *, const char *actor,
		    const char *entity, int64_t entity_id, const char *action,
		    const char *change_json, const char *now, int64_t *seqp,
		    char *err, size_t errlen);

/*
 * o as compact JSON with sorted keys, copied into gk_malloc memory (free
 * with gk_free); consumes o. NULL when o is NULL or memory ran out.
 */
struct json_t;
char		*gk_audit_json(struct json_t *o);

/*
 * gk_audit_append() with the change given as a JSON value (consumed,
 * serialised by gk_audit_json()); o NULL or out of memory: GK_ENOMEM
 * "内存不足". No seq is returned.
 */
enum gk_err	 gk_audit_append_json(struct gk_db *, const char *actor,
		    const char *entity, int64_t entity_id, const char *action,
		    struct json_t *o, const char *now, char *err, size_t errlen);

/* The entry's hash over the serialisation above (pure, exposed for tests). */
enum gk_err	 gk_audit_hash(int64_t seq, const char *time, const char *actor,
		    const char *entity, int64_t entity_id, const char *action,
		    const char *change, const char *prev_hash,
		    char out[GK_SHA256_HEXLEN + 1]);

enum gk_audit_fault {
	GK_AUDIT_INTACT = 0,
	GK_AUDIT_ALTERED,	/* the entry's fields do not match its hash */
	GK_AUDIT_REMOVED,	/* entries before this seq are missing */
	GK_AUDIT_INSERTED,	/* the entry does not link to the one before */
	GK_AUDIT_FAULT__MAX
};

struct gk_audit_result {
	enum gk_audit_fault	fault;
	int64_t			entries;	/* rows read */
	int64_t			bad_seq;	/* first bad entry (0 if intact) */
	char			head[GK_SHA256_HEXLEN + 1];	/* hash of the last good entry */
	int64_t			head_seq;
	char			msg[512];	/* Chinese, names the entry */
};

/*
 * Recomputes the whole chain. GK_OK whenever the chain could be read —
 * check r->fault for the verdict; GK_EDB if the table cannot be read.
 */
enum gk_err	 gk_audit_verify(struct gk_db *, struct gk_audit_result *r,
		    char *err, size_t errlen);

/* Number of entries (for tests and status). */
enum gk_err	 gk_audit_count(struct gk_db *, int64_t *np, char *err,
		    size_t errlen);

#endif
