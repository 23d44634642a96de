/*
 * audit.c — the append-only, hash-chained audit ledger: appending an entry
 * inside the caller's transaction and verifying the whole chain. The
 * serialisation and its rationale are described in audit.h and
 * docs/store.md.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "store/audit.h"
#include "store/db.h"

static const char audit_tag[] = "gongkai-audit-v1\n";

/* Writes v in decimal ending at end (exclusive); returns where it starts. */
static char *
audit_dec(char *end, uint64_t v, int neg)
{
	char *p = end;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	if (neg)
		*--p = '-';
	return p;
}

/*
 * One field: its length in decimal, ':', the bytes, '\n'. The number is
 * written by hand: snprintf here was a fifth of the hashing time of a
 * bulk import.
 */
static void
audit_field(struct gk_sha256 *c, const char *s, size_t n)
{
	char len[32], *p;

	len[sizeof(len) - 1] = ':';
	p = audit_dec(len + sizeof(len) - 1, (uint64_t)n, 0);
	gk_sha256_update(c, p, (size_t)(len + sizeof(len) - p));
	gk_sha256_update(c, s, n);
	gk_sha256_update(c, "\n", 1);
}

static void
audit_field_i64(struct gk_sha256 *c, int64_t v)
{
	char s[32], *p;

	p = audit_dec(s + sizeof(s), v < 0 ? 0 - (uint64_t)v : (uint64_t)v, v < 0);
	audit_field(c, p, (size_t)(s + sizeof(s) - p));
}

enum gk_err
gk_audit_hash(int64_t seq, const char *time, const char *actor,
    const char *entity, int64_t entity_id, const char *action,
    const char *change, const char *prev_hash, char out[GK_SHA256_HEXLEN + 1])
{
	struct gk_sha256	c;
	unsigned char		d[GK_SHA256_LEN];

	if (time == NULL || actor == NULL || entity == NULL || action == NULL ||
	    change == NULL || prev_hash == NULL)
		return GK_EINVAL;
	gk_sha256_init(&c);
	gk_sha256_update(&c, audit_tag, sizeof(audit_tag) - 1);
	audit_field_i64(&c, seq);
	audit_field(&c, time, strlen(time));
	audit_field(&c, actor, strlen(actor));
	audit_field(&c, entity, strlen(entity));
	audit_field_i64(&c, entity_id);
	audit_field(&c, action, strlen(action));
	audit_field(&c, change, strlen(change));
	audit_field(&c, prev_hash, strlen(prev_hash));
	gk_sha256_final(&c, d);
	gk_sha256_hex(d, out);
	return GK_OK;
}

#define AUDIT_JSON_DEPTH	64

static const char *
audit_json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/*
 * Checks one JSON value (RFC 8259) at p without allocating; returns the end
 * of the value, or NULL with *badp at the offending byte.
 */
static const char *
audit_json_value(const char *p, int depth, const char **badp)
{
	int i, digits;

	p = audit_json_ws(p);
	*badp = p;
	if (depth > AUDIT_JSON_DEPTH)
		return NULL;
	switch (*p) {
	case '{':
	case '[': {
		char close = *p == '{' ? '}' : ']';

		p = audit_json_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (close == '}') {
				if (*(p = audit_json_ws(p)) != '"')
					return *badp = p, NULL;
				if ((p = audit_json_value(p, depth + 1, badp)) == NULL)
					return NULL;
				if (*(p = audit_json_ws(p)) != ':')
					return *badp = p, NULL;
				p++;
			}
			if ((p = audit_json_value(p, depth + 1, badp)) == NULL)
				return NULL;
			p = audit_json_ws(p);
			if (*p == close)
				return p + 1;
			if (*p != ',')
				return *badp = p, NULL;
			p++;
		}
	}
	case '"':
		for (p++; *p != '"'; p++) {
			if ((unsigned char)*p < 0x20)
				return *badp = p, NULL;
			if (*p == '\\') {
				p++;
				if (*p == 'u') {
					for (i = 1; i <= 4; i++)
						if (!((p[i] >= '0' && p[i] <= '9') ||
						    (p[i] >= 'a' && p[i] <= 'f') ||
						    (p[i] >= 'A' && p[i] <= 'F')))
							return *badp = p + i, NULL;
					p += 4;
				} else if (*p == '\0' || strchr("\"\\/bfnrt", *p) == NULL)
					return *badp = p, NULL;
			}
		}
		return p + 1;
	case 't':
		return strncmp(p, "true", 4) == 0 ? p + 4 : NULL;
	case 'f':
		return strncmp(p, "false", 5) == 0 ? p + 5 : NULL;
	case 'n':
		return strncmp(p, "null", 4) == 0 ? p + 4 : NULL;
	default:
		if (*p == '-')
			p++;
		if (*p == '0')
			p++;
		else {
			for (digits = 0; *p >= '0' && *p <= '9'; p++)
				digits++;
			if (digits == 0)
				return *badp = p, NULL;
		}
		if (*p == '.') {
			for (p++, digits = 0; *p >= '0' && *p <= '9'; p++)
				digits++;
			if (digits == 0)
				return *badp = p, NULL;
		}
		if (*p == 'e' || *p == 'E') {
			p++;
			if (*p == '+' || *p == '-')
				p++;
			for (digits = 0; *p >= '0' && *p <= '9'; p++)
				digits++;
			if (digits == 0)
				return *badp = p, NULL;
		}
		return p;
	}
}

/* NULL if s is one JSON object or array (and nothing else), else where it goes wrong. */
static const char *
audit_json_check(const char *s)
{
	const char *p, *bad = s;

	p = audit_json_ws(s);
	if (*p != '{' && *p != '[')
		return p;
	if ((p = audit_json_value(p, 0, &bad)) == NULL)
		return bad;
	p = audit_json_ws(p);
	return *p == '\0' ? NULL : p;
}

static int
audit_nonempty(const char *s, size_t max)
{
	return s != NULL && s[0] != '\0' && strlen(s) <= max;
}

enum gk_err
gk_audit_append(struct gk_db *db, const char *actor, const char *entity,
    int64_t entity_id, const char *action, const char *change_json,
    const char *now, int64_t *seqp, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	const char	*bad;
	char		 prev[GK_SHA256_HEXLEN + 1], hash[GK_SHA256_HEXLEN + 1];
	const char	*t;
	int64_t		 seq = 1;
	int		 rc;

	if (!gk_db_in_tx(db)) {
		snprintf(err, errlen, "审计记录必须在事务内写入");
		return GK_EINVAL;
	}
	if (!audit_nonempty(actor, 200) || !audit_nonempty(entity, 64) ||
	    !audit_nonempty(action, 64) || !audit_nonempty(now, 64)) {
		snprintf(err, errlen, "审计记录缺少操作人、对象、动作或时间");
		return GK_EINVAL;
	}
	if (change_json == NULL || strlen(change_json) > GK_AUDIT_MAX_FIELD) {
		snprintf(err, errlen, "审计记录的变更内容缺失或过长");
		return GK_EINVAL;
	}
	if ((bad = audit_json_check(change_json)) != NULL) {
		snprintf(err, errlen, "审计记录的变更内容不是合法 JSON（第 %zu 字节）",
		    (size_t)(bad - change_json) + 1);
		return GK_EINVAL;
	}

	memcpy(prev, GK_AUDIT_GENESIS, sizeof(prev));
	if (sqlite3_prepare_v2(h, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取审计链");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		seq = sqlite3_column_int64(st, 0) + 1;
		t = (const char *)sqlite3_column_text(st, 1);
		if (t == NULL || strlen(t) != GK_SHA256_HEXLEN) {
			sqlite3_finalize(st);
			snprintf(err, errlen, "审计链末条记录的哈希已损坏，请先运行 gongkai audit verify");
			return GK_EDB;
		}
		memcpy(prev, t, sizeof(prev));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法读取审计链");

	if (gk_audit_hash(seq, now, actor, entity, entity_id, action, change_json,
	    prev, hash) != GK_OK)
		return GK_EINVAL;
	if (sqlite3_prepare_v2(h, "INSERT INTO audit (seq, time, actor, entity, "
	    "entity_id, action, change, prev_hash, hash) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法写入审计记录");
	sqlite3_bind_int64(st, 1, seq);
	sqlite3_bind_text(st, 2, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, entity_id);
	sqlite3_bind_text(st, 6, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, change_json, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, prev, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, hash, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法写入审计记录");
	if (seqp != NULL)
		*seqp = seq;
	return GK_OK;
}

static const char *
audit_col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL ? t : "";
}

enum gk_err
gk_audit_verify(struct gk_db *db, struct gk_audit_result *r, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	char		 prev[GK_SHA256_HEXLEN + 1], want[GK_SHA256_HEXLEN + 1];
	const char	*stored, *link;
	int64_t		 expect = 1, seq;
	int		 rc;

	memset(r, 0, sizeof(*r));
	memcpy(prev, GK_AUDIT_GENESIS, sizeof(prev));
	memcpy(r->head, prev, sizeof(prev));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT seq, time, actor, entity, "
	    "entity_id, action, change, prev_hash, hash FROM audit ORDER BY seq",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取审计链");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		r->entries++;
		seq = sqlite3_column_int64(st, 0);
		link = audit_col(st, 7);
		stored = audit_col(st, 8);
		if (seq != expect) {
			r->fault = GK_AUDIT_REMOVED;
			r->bad_seq = expect;
			if (seq == expect + 1)
				snprintf(r->msg, sizeof(r->msg), "第 %" PRId64
				    " 条审计记录缺失（已被删除）", expect);
			else
				snprintf(r->msg, sizeof(r->msg), "第 %" PRId64 " 至第 %"
				    PRId64 " 条审计记录缺失（已被删除）", expect, seq - 1);
			break;
		}
		if (strcmp(link, prev) != 0) {
			r->fault = GK_AUDIT_INSERTED;
			r->bad_seq = seq;
			if (seq == 1)
				snprintf(r->msg, sizeof(r->msg), "第 1 条审计记录的前序哈希"
				    "不是链首值（疑为插入或替换）");
			else
				snprintf(r->msg, sizeof(r->msg), "第 %" PRId64 " 条审计记录与第 %"
				    PRId64 " 条不衔接（疑为插入，或第 %" PRId64 " 条被替换）",
				    seq, seq - 1, seq - 1);
			break;
		}
		if (gk_audit_hash(seq, audit_col(st, 1), audit_col(st, 2),
		    audit_col(st, 3), sqlite3_column_int64(st, 4), audit_col(st, 5),
		    audit_col(st, 6), link, want) != GK_OK || strcmp(want, stored) != 0) {
			r->fault = GK_AUDIT_ALTERED;
			r->bad_seq = seq;
			snprintf(r->msg, sizeof(r->msg), "第 %" PRId64 " 条审计记录被篡改"
			    "（内容与其哈希不符）", seq);
			break;
		}
		memcpy(prev, want, sizeof(prev));
		memcpy(r->head, want, sizeof(prev));
		r->head_seq = seq;
		expect++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法读取审计链");
	if (r->fault == GK_AUDIT_INTACT)
		snprintf(r->msg, sizeof(r->msg), "审计链完整：共 %" PRId64 " 条记录", r->entries);
	return GK_OK;
}

enum gk_err
gk_audit_count(struct gk_db *db, int64_t *np, char *err, size_t errlen)
{
	sqlite3_stmt *st;
	int rc;

	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*) FROM audit", -1,
	    &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取审计链");
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		*np = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法读取审计链");
}

char *
gk_audit_json(json_t *o)
{
	json_malloc_t	 mf;
	json_free_t	 ff;
	char		*s, *copy = NULL;

	s = o != NULL ? json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	json_decref(o);
	if (s != NULL) {
		copy = gk_strdup(s);
		json_get_alloc_funcs(&mf, &ff);
		ff(s);
	}
	return copy;
}

enum gk_err
gk_audit_append_json(struct gk_db *db, const char *actor, const char *entity,
    int64_t entity_id, const char *action, json_t *o, const char *now, char *err,
    size_t errlen)
{
	char		*change;
	enum gk_err	 e;

	if ((change = gk_audit_json(o)) == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	e = gk_audit_append(db, actor, entity, entity_id, action, change, now, NULL, err,
	    errlen);
	gk_free(change);
	return e;
}
