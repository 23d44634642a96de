/*
 * item_trail.c — an item's history read back from the audit chain
 * (store/item_trail.h).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "store/db.h"
#include "store/item_trail.h"

void
gk_item_events_free(struct gk_item_events *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		gk_free(l->v[i].comment);
		gk_free(l->v[i].reason);
		gk_free(l->v[i].override);
	}
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* A string member of o as a new string ("" when absent or not a string); NULL: no memory. */
static char *
member(json_t *o, const char *key)
{
	json_t *v = o != NULL ? json_object_get(o, key) : NULL;

	return gk_strdup(json_is_string(v) ? json_string_value(v) : "");
}

static void
copy_col(sqlite3_stmt *st, int c, char *out, size_t n)
{
	const char *t = (const char *)sqlite3_column_text(st, c);

	gk_strlcpy_utf8(out, t != NULL ? t : "", n);
}

enum gk_err
gk_item_trail(struct gk_db *db, int64_t id, struct gk_item_events *l, char *err,
    size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_item_event	*ev;
	const char		*t;
	json_t			*o;
	enum gk_err		 e = GK_OK;
	int			 rc;

	l->v = NULL;
	l->n = 0;
	/* The newest GK_ITEM_TRAIL_MAX, then put back in order. */
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT seq, time, actor, action, change FROM "
	    "(SELECT * FROM audit WHERE entity = 'item' AND entity_id = ? ORDER BY seq DESC "
	    "LIMIT ?) ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取办理记录");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, GK_ITEM_TRAIL_MAX);
	if ((l->v = gk_calloc(GK_ITEM_TRAIL_MAX, sizeof(*l->v))) == NULL) {
		sqlite3_finalize(st);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && l->n < GK_ITEM_TRAIL_MAX) {
		ev = &l->v[l->n++];
		ev->seq = sqlite3_column_int64(st, 0);
		copy_col(st, 1, ev->time, sizeof(ev->time));
		copy_col(st, 2, ev->actor, sizeof(ev->actor));
		copy_col(st, 3, ev->action, sizeof(ev->action));
		t = (const char *)sqlite3_column_text(st, 4);
		o = t != NULL ? json_loads(t, 0, NULL) : NULL;
		ev->comment = member(o, "comment");
		ev->reason = member(o, "reason");
		ev->override = member(o, "override_reason");
		json_decref(o);
		if (ev->comment == NULL || ev->reason == NULL || ev->override == NULL) {
			e = GK_ENOMEM;
			snprintf(err, errlen, "内存不足");
			break;
		}
	}
	if (e == GK_OK && rc != SQLITE_DONE && rc != SQLITE_ROW)
		e = gk_db_err(db, err, errlen, "无法读取办理记录");
	sqlite3_finalize(st);
	if (e != GK_OK)
		gk_item_events_free(l);
	return e;
}

void
gk_item_att_findings_free(struct gk_item_att_findings *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		scan_findings_clear(&v[i].f);
	gk_free(v);
}

enum gk_err
gk_item_att_findings(struct gk_db *db, int64_t id, struct gk_item_att_findings **vp,
    size_t *np, char *err, size_t errlen)
{
	sqlite3_stmt			*st;
	struct gk_item_att_findings	*v = NULL, *nv, *a;
	size_t				 n = 0, cap = 0;
	const char			*t;
	enum gk_err			 e = GK_OK;
	int				 rc;

	*vp = NULL;
	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, name, text FROM attachment WHERE "
	    "item_id = ? AND text IS NOT NULL ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取附件");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 4;
			if ((nv = gk_realloc(v, cap * sizeof(*v))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			v = nv;
		}
		a = &v[n];
		memset(a, 0, sizeof(*a));
		scan_findings_init(&a->f);
		a->attachment_id = sqlite3_column_int64(st, 0);
		copy_col(st, 1, a->name, sizeof(a->name));
		t = (const char *)sqlite3_column_text(st, 2);
		if (scan_text(t != NULL ? t : "", (size_t)sqlite3_column_bytes(st, 2), &a->f) !=
		    GK_OK) {
			scan_findings_clear(&a->f);
			e = GK_ENOMEM;
			break;
		}
		if (a->f.n == 0)
			scan_findings_clear(&a->f);
		else
			n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法读取附件");
	else if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	sqlite3_finalize(st);
	if (e != GK_OK) {
		gk_item_att_findings_free(v, n);
		return e;
	}
	*vp = v;
	*np = n;
	return GK_OK;
}
