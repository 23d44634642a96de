/*
 * attachment.c — attachments of information items: see attachment.h and
 * docs/attachments.md.
 */
#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/sniff.h"
#include "report/extract.h"
#include "store/attachment.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/item.h"

static enum gk_err
att_nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

enum gk_err
gk_attachment_name(const char *name, char out[GK_ATTACHMENT_NAME_MAX + 1],
    char *err, size_t errlen)
{
	const char	*s, *e;
	char		 tmp[GK_ATTACHMENT_NAME_MAX + 1];
	long		 chars;

	out[0] = '\0';
	if (name == NULL)
		name = "";
	s = name;
	for (e = name; *e != '\0'; e++)
		if (*e == '/' || *e == '\\')
			s = e + 1;
	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if ((size_t)(e - s) > GK_ATTACHMENT_NAME_MAX) {
		snprintf(err, errlen, "附件名称过长（最多 %d 字节）", GK_ATTACHMENT_NAME_MAX);
		return GK_EINVAL;
	}
	memcpy(tmp, s, (size_t)(e - s));
	tmp[e - s] = '\0';
	if (tmp[0] == '\0' || strcmp(tmp, ".") == 0 || strcmp(tmp, "..") == 0) {
		snprintf(err, errlen, "附件名称为空或无效");
		return GK_EINVAL;
	}
	if ((chars = gk_text_chars(tmp)) < 0) {
		snprintf(err, errlen, "附件名称不是有效的 UTF-8 文本或含有控制字符");
		return GK_EINVAL;
	}
	if (chars > GK_ATTACHMENT_NAME_CHARS) {
		snprintf(err, errlen, "附件名称过长（最多 %d 个字）", GK_ATTACHMENT_NAME_CHARS);
		return GK_EINVAL;
	}
	memcpy(out, tmp, (size_t)(e - s) + 1);
	return GK_OK;
}

/* GB18030 bytes as UTF-8 into out. */
static enum gk_err
att_from_gb18030(const void *data, size_t len, struct gk_buf *out, char *err,
    size_t errlen)
{
	iconv_t	 cd;
	char	 chunk[4096], *in = (char *)(uintptr_t)data, *o;
	size_t	 inleft = len, oleft, r;

	if ((cd = iconv_open("UTF-8", "GB18030")) == (iconv_t)-1) {
		snprintf(err, errlen, "系统不支持 GB18030 转换");
		return GK_EINVAL;
	}
	while (inleft > 0) {
		o = chunk;
		oleft = sizeof(chunk);
		r = iconv(cd, &in, &inleft, &o, &oleft);
		gk_buf_append(out, chunk, sizeof(chunk) - oleft);
		if (r == (size_t)-1 && errno != E2BIG) {
			iconv_close(cd);
			snprintf(err, errlen, "文本不是有效的 GB18030 编码");
			return GK_EINVAL;
		}
		if (out->err != GK_OK)
			break;
	}
	iconv_close(cd);
	if (out->err != GK_OK) {
		snprintf(err, errlen, "附件文字过长或内存不足");
		return out->err;
	}
	return GK_OK;
}

/*
 * Plain text through gk_extract_text (BOM, CRLF), in pieces that end at a
 * line break, since it reads at most GK_REPORT_MAX_INPUT bytes at once.
 */
static enum gk_err
att_plain(const char *p, size_t len, struct gk_buf *out, char *m, size_t mlen)
{
	size_t		n;
	enum gk_err	e;

	do {
		n = len;
		if (n > GK_REPORT_MAX_INPUT) {
			n = GK_REPORT_MAX_INPUT;
			while (n > 0 && p[n - 1] != '\n')
				n--;
			if (n == 0) {
				snprintf(m, mlen, "一行超过 %u 字节", GK_REPORT_MAX_INPUT);
				return GK_ELIMIT;
			}
		}
		if ((e = gk_extract_text(p, n, GK_FMT_TEXT, out, m, mlen)) != GK_OK)
			return e;
		p += n;
		len -= n;
	} while (len > 0);
	return GK_OK;
}

/*
 * The text of the attachment for the gate: *textp NULL for types without
 * text. A TXT/HTML/DOCX file whose text cannot be read is refused, since
 * the gate could not check it.
 */
static enum gk_err
att_text(const struct sniff_result *sr, const void *data, size_t len, char **textp,
    size_t *tlenp, char *err, size_t errlen)
{
	struct gk_buf	 b, u;
	enum gk_fmt	 fmt;
	enum gk_err	 e;
	char		 m[256];

	*textp = NULL;
	*tlenp = 0;
	switch (sr->kind) {
	case SNIFF_TEXT:
	case SNIFF_TEXT_GB18030:
		fmt = GK_FMT_TEXT;
		break;
	case SNIFF_HTML:
		fmt = GK_FMT_HTML;
		break;
	case SNIFF_DOCX:
		fmt = GK_FMT_DOCX;
		break;
	default:
		return GK_OK;
	}
	/* GB18030 text grows by half at most as UTF-8 (2 → 3, 4 → 4 bytes). */
	gk_buf_init(&b, 2 * GK_ATTACHMENT_MAX);
	if (sr->kind == SNIFF_TEXT_GB18030) {
		gk_buf_init(&u, 2 * GK_ATTACHMENT_MAX);
		if ((e = att_from_gb18030(data, len, &u, m, sizeof(m))) == GK_OK)
			e = att_plain(u.data, u.len, &b, m, sizeof(m));
		gk_buf_clear(&u);
	} else if (fmt == GK_FMT_TEXT)
		e = att_plain(data, len, &b, m, sizeof(m));
	else
		e = gk_extract_text(data, len, fmt, &b, m, sizeof(m));
	if (e == GK_OK && b.err != GK_OK)
		e = b.err;
	if (e != GK_OK) {
		gk_buf_clear(&b);
		if (e == GK_ENOMEM)
			return att_nomem(err, errlen);
		snprintf(err, errlen, "无法读取附件的文字以做保密审查：%s", m);
		return e;
	}
	*textp = gk_buf_take(&b, tlenp);
	return *textp != NULL ? GK_OK : att_nomem(err, errlen);
}

/*
 * Inside a transaction: item_id must be a draft of the actor's agency that
 * the actor drafted.
 */
static enum gk_err
att_may_change(struct gk_db *db, const struct gk_item_actor *ac, int64_t item_id,
    const char *what, char *err, size_t errlen)
{
	struct gk_item	it;
	enum gk_err	e;

	if ((e = gk_item_get(db, item_id, &it, err, errlen)) != GK_OK)
		return e;
	if (it.agency_id != ac->agency_id) {
		snprintf(err, errlen, "该信息属于其他机关，不能%s附件", what);
		e = GK_ECONFLICT;
	} else if (it.state != WF_DRAFT) {
		snprintf(err, errlen, "该信息处于“%s”状态，只有草稿可以%s附件",
		    wf_state_label(it.state), what);
		e = GK_ECONFLICT;
	} else if (it.drafter_id != ac->user_id) {
		snprintf(err, errlen, "只有拟稿人本人可以%s附件", what);
		e = GK_ECONFLICT;
	}
	gk_item_clear(&it);
	return e;
}

/* One integer from a query with up to two bound values (s may be NULL). */
static enum gk_err
att_int(struct gk_db *db, const char *sql, int64_t a, const char *s, int64_t *out,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询附件");
	sqlite3_bind_int64(st, 1, a);
	if (s != NULL)
		sqlite3_bind_text(st, 2, s, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法查询附件");
	return GK_OK;
}

static enum gk_err
att_audit(struct gk_db *db, const struct gk_item_actor *ac, int64_t item_id,
    const char *action, const struct gk_attachment *a, const char *now, char *err,
    size_t errlen)
{
	json_malloc_t	 mf;
	json_free_t	 ff;
	json_t		*o;
	char		*s;
	enum gk_err	 e;

	o = json_pack("{s:I, s:s, s:I, s:s, s:s}", "attachment_id", (json_int_t)a->id,
	    "name", a->name, "size", (json_int_t)a->size, "mime", a->mime,
	    "sha256", a->hash);
	if (o == NULL)
		return att_nomem(err, errlen);
	s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	if (s == NULL)
		return att_nomem(err, errlen);
	e = gk_audit_append(db, ac->login, "item", item_id, action, s, now, NULL, err,
	    errlen);
	json_get_alloc_funcs(&mf, &ff);
	ff(s);
	return e;
}

enum gk_err
gk_attachment_add(struct gk_db *db, const struct gk_item_actor *ac, int64_t item_id,
    const char *name, const void *data, size_t len, const char *now, int64_t *idp,
    char *err, size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st = NULL;
	struct sniff_result	 sr;
	struct gk_attachment	 a;
	unsigned char		 d[GK_SHA256_LEN];
	char			*text = NULL;
	size_t			 tlen;
	int64_t			 n;
	enum gk_err		 e;
	int			 rc;

	if (idp != NULL)
		*idp = 0;
	memset(&a, 0, sizeof(a));
	if (ac == NULL || ac->login[0] == '\0' || now == NULL || now[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人或时间");
		return GK_EINVAL;
	}
	if ((e = gk_attachment_name(name, a.name, err, errlen)) != GK_OK)
		return e;
	if (len == 0 || data == NULL) {
		snprintf(err, errlen, "附件“%s”是空文件", a.name);
		return GK_EINVAL;
	}
	if (len > GK_ATTACHMENT_MAX) {
		snprintf(err, errlen, "附件“%s”过大（%zu 字节，上限 %zu MiB）", a.name, len,
		    GK_ATTACHMENT_MAX / (1024 * 1024));
		return GK_ELIMIT;
	}
	if ((e = sniff_check(data, len, a.name, &sr, err, errlen)) != GK_OK)
		return e;
	if ((e = att_text(&sr, data, len, &text, &tlen, err, errlen)) != GK_OK)
		return e;
	gk_sha256(data, len, d);
	gk_sha256_hex(d, a.hash);
	a.item_id = item_id;
	a.size = (int64_t)len;
	snprintf(a.mime, sizeof(a.mime), "%s", sr.mime);
	snprintf(a.created_at, sizeof(a.created_at), "%s", now);
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	if ((e = att_may_change(db, ac, item_id, "添加", err, errlen)) != GK_OK)
		goto fail;
	if ((e = att_int(db, "SELECT count(*) FROM attachment WHERE item_id = ?", item_id,
	    NULL, &n, err, errlen)) != GK_OK)
		goto fail;
	if (n >= GK_ATTACHMENT_MAX_COUNT) {
		snprintf(err, errlen, "每条信息最多 %d 个附件", GK_ATTACHMENT_MAX_COUNT);
		e = GK_ELIMIT;
		goto fail;
	}
	if ((e = att_int(db, "SELECT id FROM attachment WHERE item_id = ? AND "
	    "blob_hash = ? LIMIT 1", item_id, a.hash, &n, err, errlen)) != GK_OK)
		goto fail;
	if (n != 0) {
		snprintf(err, errlen, "该信息已有内容相同的附件（编号 %lld）", (long long)n);
		e = GK_ECONFLICT;
		goto fail;
	}
	if (sqlite3_prepare_v2(h, "INSERT OR IGNORE INTO blob (hash, size, data) "
	    "VALUES (?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存附件内容");
		goto fail;
	}
	sqlite3_bind_text(st, 1, a.hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, a.size);
	sqlite3_bind_blob64(st, 3, data, (sqlite3_uint64)len, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存附件内容");
		goto fail;
	}
	if (sqlite3_prepare_v2(h, "INSERT INTO attachment (item_id, name, blob_hash, "
	    "size, mime, created_at, text) VALUES (?, ?, ?, ?, ?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存附件");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, item_id);
	sqlite3_bind_text(st, 2, a.name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, a.hash, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, a.size);
	sqlite3_bind_text(st, 5, a.mime, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	if (text != NULL)
		sqlite3_bind_text64(st, 7, text, (sqlite3_uint64)tlen, SQLITE_STATIC,
		    SQLITE_UTF8);
	else
		sqlite3_bind_null(st, 7);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存附件");
		goto fail;
	}
	a.id = sqlite3_last_insert_rowid(h);
	if ((e = att_audit(db, ac, item_id, "attach", &a, now, err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto out;
	if (idp != NULL)
		*idp = a.id;
	goto out;
fail:
	gk_db_tx_rollback(db);
out:
	gk_free(text);
	return e;
}

#define ATT_COLS "id, item_id, name, blob_hash, size, mime, created_at, text IS NOT NULL"

static void
att_fill(sqlite3_stmt *st, struct gk_attachment *a)
{
	const char *t;

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->item_id = sqlite3_column_int64(st, 1);
	t = (const char *)sqlite3_column_text(st, 2);
	gk_strlcpy_utf8(a->name, t ? t : "", sizeof(a->name));
	t = (const char *)sqlite3_column_text(st, 3);
	snprintf(a->hash, sizeof(a->hash), "%s", t ? t : "");
	a->size = sqlite3_column_int64(st, 4);
	t = (const char *)sqlite3_column_text(st, 5);
	gk_strlcpy_utf8(a->mime, t ? t : "", sizeof(a->mime));
	t = (const char *)sqlite3_column_text(st, 6);
	gk_strlcpy_utf8(a->created_at, t ? t : "", sizeof(a->created_at));
	a->has_text = sqlite3_column_int(st, 7);
}

enum gk_err
gk_attachment_list(struct gk_db *db, int64_t item_id, struct gk_attachment_list *l,
    char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_attachment	*v;
	int64_t			 n;
	enum gk_err		 e;
	int			 rc;

	memset(l, 0, sizeof(*l));
	if ((e = att_int(db, "SELECT count(*) FROM item WHERE id = ?", item_id, NULL, &n,
	    err, errlen)) != GK_OK)
		return e;
	if (n == 0) {
		snprintf(err, errlen, "信息 %lld 不存在", (long long)item_id);
		return GK_ENOTFOUND;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT " ATT_COLS " FROM attachment "
	    "WHERE item_id = ? ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询附件");
	sqlite3_bind_int64(st, 1, item_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((v = gk_realloc(l->v, (l->n + 1) * sizeof(*v))) == NULL) {
			sqlite3_finalize(st);
			gk_attachment_list_free(l);
			return att_nomem(err, errlen);
		}
		l->v = v;
		att_fill(st, &l->v[l->n++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_attachment_list_free(l);
		return gk_db_err(db, err, errlen, "无法查询附件");
	}
	return GK_OK;
}

void
gk_attachment_list_free(struct gk_attachment_list *l)
{
	if (l == NULL)
		return;
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* The attachment id of item_id; st is left on its row (caller finalizes). */
static enum gk_err
att_get(struct gk_db *db, const char *sql, int64_t item_id, int64_t id,
    sqlite3_stmt **stp, char *err, size_t errlen)
{
	int rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, stp, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询附件");
	sqlite3_bind_int64(*stp, 1, id);
	sqlite3_bind_int64(*stp, 2, item_id);
	if ((rc = sqlite3_step(*stp)) == SQLITE_ROW)
		return GK_OK;
	sqlite3_finalize(*stp);
	*stp = NULL;
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法查询附件");
	snprintf(err, errlen, "信息 %lld 没有编号为 %lld 的附件", (long long)item_id,
	    (long long)id);
	return GK_ENOTFOUND;
}

enum gk_err
gk_attachment_get_data(struct gk_db *db, int64_t item_id, int64_t id,
    struct gk_attachment *a, void **datap, size_t *lenp, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	const void	*p;
	size_t		 n;
	enum gk_err	 e;

	*datap = NULL;
	*lenp = 0;
	if ((e = att_get(db, "SELECT a.id, a.item_id, a.name, a.blob_hash, a.size, a.mime, "
	    "a.created_at, a.text IS NOT NULL, b.data FROM attachment a JOIN blob b ON "
	    "b.hash = a.blob_hash WHERE a.id = ? AND a.item_id = ?", item_id, id, &st, err,
	    errlen)) != GK_OK)
		return e;
	att_fill(st, a);
	p = sqlite3_column_blob(st, 8);
	n = (size_t)sqlite3_column_bytes(st, 8);
	if ((*datap = gk_malloc(n ? n : 1)) == NULL) {
		sqlite3_finalize(st);
		return att_nomem(err, errlen);
	}
	if (n > 0)
		memcpy(*datap, p, n);
	*lenp = n;
	sqlite3_finalize(st);
	return GK_OK;
}

/* Runs a change with one id and one optional text bound. */
static enum gk_err
att_exec(struct gk_db *db, const char *sql, int64_t a, const char *s, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法删除附件");
	if (s != NULL) {
		sqlite3_bind_text(st, 1, s, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, s, -1, SQLITE_STATIC);
	} else
		sqlite3_bind_int64(st, 1, a);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法删除附件");
}

enum gk_err
gk_attachment_remove(struct gk_db *db, const struct gk_item_actor *ac, int64_t item_id,
    int64_t id, const char *now, char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_attachment	 a;
	enum gk_err		 e;

	if (ac == NULL || ac->login[0] == '\0' || now == NULL || now[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人或时间");
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = att_may_change(db, ac, item_id, "删除", err, errlen)) != GK_OK)
		goto fail;
	if ((e = att_get(db, "SELECT " ATT_COLS " FROM attachment WHERE id = ? AND "
	    "item_id = ?", item_id, id, &st, err, errlen)) != GK_OK)
		goto fail;
	att_fill(st, &a);
	sqlite3_finalize(st);
	if ((e = att_exec(db, "DELETE FROM attachment WHERE id = ?", id, NULL, err,
	    errlen)) != GK_OK ||
	    (e = att_exec(db, "DELETE FROM blob WHERE hash = ? AND NOT EXISTS (SELECT 1 "
	    "FROM attachment WHERE blob_hash = ?)", 0, a.hash, err, errlen)) != GK_OK)
		goto fail;
	if ((e = att_audit(db, ac, item_id, "detach", &a, now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* Appends src's findings to out, up to SCAN_MAX_FINDINGS. */
static enum gk_err
att_findings_append(struct scan_findings *out, const struct scan_findings *src)
{
	struct scan_finding	*v;
	size_t			 i, cap;

	for (i = 0; i < src->n; i++) {
		if (out->n >= SCAN_MAX_FINDINGS) {
			out->truncated = 1;
			return GK_OK;
		}
		if (out->n == out->cap) {
			cap = out->cap ? out->cap * 2 : 16;
			if ((v = gk_realloc(out->v, cap * sizeof(*v))) == NULL)
				return GK_ENOMEM;
			out->v = v;
			out->cap = cap;
		}
		out->v[out->n++] = src->v[i];
	}
	if (src->truncated)
		out->truncated = 1;
	return GK_OK;
}

enum gk_err
gk_attachment_scan(struct gk_db *db, int64_t item_id, struct scan_findings *out,
    char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	struct scan_findings	 f;
	const char		*t;
	enum gk_err		 e = GK_OK;
	int			 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT text FROM attachment WHERE "
	    "item_id = ? AND text IS NOT NULL ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询附件");
	sqlite3_bind_int64(st, 1, item_id);
	scan_findings_init(&f);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		t = (const char *)sqlite3_column_text(st, 0);
		if (t == NULL)
			continue;
		if ((e = scan_text(t, (size_t)sqlite3_column_bytes(st, 0), &f)) != GK_OK ||
		    (e = att_findings_append(out, &f)) != GK_OK)
			break;
	}
	scan_findings_clear(&f);
	sqlite3_finalize(st);
	if (e != GK_OK)
		return att_nomem(err, errlen);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法查询附件");
	return GK_OK;
}
