/*
 * interpretation.c — links from 政策解读 items to the 政策文件 they
 * explain (table interpretation), the lists both ways, and the ledger's
 * findings (published policy files without an interpretation, or with a
 * late one) through interp_check() of core/interp.h. The rules are in
 * store/interpretation.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/category.h"
#include "store/application.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/ledger.h"

#define INTERP_LIST_MAX	((size_t)1 << 20)

static enum gk_err
interp_nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

/* What the link rules need of one item. */
struct interp_side {
	int64_t			 agency_id;
	enum wf_state		 state;
	struct category		 cat;	/* kind and path; strings point into the buffers */
	char			 path[CATEGORY_PATH_MAX + 1];
	char			 index_no[INDEXNO_MAX + 1];
};

static enum gk_err
side_fill(sqlite3_stmt *st, void *out)
{
	struct interp_side	*s = out;
	const char		*t;

	s->agency_id = sqlite3_column_int64(st, 0);
	t = (const char *)sqlite3_column_text(st, 1);
	if (t == NULL || !wf_state_from_name(t, &s->state))
		s->state = WF_DRAFT;
	t = (const char *)sqlite3_column_text(st, 2);
	if (t == NULL || !category_kind_from_name(t, &s->cat.kind))
		s->cat.kind = CATEGORY_KIND_OTHER;
	t = (const char *)sqlite3_column_text(st, 3);
	gk_strlcpy_utf8(s->index_no, t ? t : "", sizeof(s->index_no));
	return GK_OK;
}

/* Loads one item's agency, state, category kind and path. */
static enum gk_err
side_load(struct gk_db *db, int64_t id, struct interp_side *s, char *err,
    size_t errlen)
{
	struct gk_item	 it;
	sqlite3_stmt	*st;
	char		 what[32];
	enum gk_err	 e;

	memset(s, 0, sizeof(*s));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT i.agency_id, i.state,"
	    " COALESCE(c.kind, 'other'), i.index_no FROM item i"
	    " LEFT JOIN category c ON c.id = i.category_id WHERE i.id = ?",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询信息");
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof(what), "%lld", (long long)id);
	if ((e = gk_db_get_one(db, st, side_fill, s, "信息", what, err,
	    errlen)) != GK_OK)
		return e;
	if ((e = gk_item_get(db, id, &it, err, errlen)) != GK_OK)
		return e;
	gk_strlcpy_utf8(s->path, it.category_path ? it.category_path : "",
	    sizeof(s->path));
	gk_item_clear(&it);
	s->cat.path = s->path;
	s->cat.name = s->path;
	s->cat.code = "";
	s->cat.parent = -1;
	return GK_OK;
}

/* The actor rules shared by link and unlink; loads both sides. */
static enum gk_err
interp_rules(struct gk_db *db, const struct gk_item_actor *ac, int64_t iid,
    int64_t pid, struct interp_side *is, struct interp_side *ps, char *err,
    size_t errlen)
{
	const unsigned	 may = WF_ROLE_BIT(WF_ROLE_DRAFTER) |
			    WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_ADMIN);
	enum gk_err	 e;

	if (ac == NULL || ac->login[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人");
		return GK_EINVAL;
	}
	if (iid <= 0 || pid <= 0) {
		snprintf(err, errlen, "信息编号须为正整数");
		return GK_EINVAL;
	}
	if (iid == pid) {
		snprintf(err, errlen, "信息不能关联自身");
		return GK_EINVAL;
	}
	if (!(ac->roles & may)) {
		snprintf(err, errlen, "只有科室拟稿人、信息公开工作人员或系统管理员可以关联政策解读");
		return GK_ECONFLICT;
	}
	if ((e = side_load(db, iid, is, err, errlen)) != GK_OK ||
	    (e = side_load(db, pid, ps, err, errlen)) != GK_OK)
		return e;
	if (is->agency_id != ps->agency_id) {
		snprintf(err, errlen, "政策解读只能关联本机构的政策文件");
		return GK_ECONFLICT;
	}
	if (is->agency_id != ac->agency_id) {
		snprintf(err, errlen, "只能关联本单位的信息");
		return GK_ECONFLICT;
	}
	return GK_OK;
}

static enum gk_err
interp_audit(struct gk_db *db, const struct gk_item_actor *ac, int64_t iid,
    int64_t pid, const char *pino, const char *form, const char *action,
    const char *now, char *err, size_t errlen)
{
	return gk_apply_audit(db, ac->login, "item", iid, action, json_pack("{s:I, s:s, s:s}",
	    "policy_item_id", (json_int_t)pid, "policy_index_no", pino, "form", form), now, err,
	    errlen);
}

enum gk_err
gk_interp_link(struct gk_db *db, const struct gk_item_actor *ac,
    int64_t iid, int64_t pid, enum interp_form form, const char *now,
    char *err, size_t errlen)
{
	struct interp_side	 is, ps;
	sqlite3_stmt		*st = NULL;
	enum gk_err		 e;
	int			 rc;

	if ((unsigned)form >= INTERP_FORM__MAX) {
		snprintf(err, errlen, "解读形式无效（应为文字、图解、案例或音视频）");
		return GK_EINVAL;
	}
	if ((e = interp_rules(db, ac, iid, pid, &is, &ps, err, errlen)) != GK_OK)
		return e;
	if ((e = interp_link_check(&is.cat, &ps.cat, err, errlen)) != GK_OK)
		return e;
	if (is.state == WF_WITHDRAWN) {
		snprintf(err, errlen, "政策解读（编号 %lld）已撤回，不能再关联", (long long)iid);
		return GK_ECONFLICT;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "INSERT INTO interpretation"
	    " (item_id, policy_item_id, form) VALUES (?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存关联");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, iid);
	sqlite3_bind_int64(st, 2, pid);
	sqlite3_bind_text(st, 3, interp_form_label(form), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if ((rc & 0xff) == SQLITE_CONSTRAINT) {
		snprintf(err, errlen, "政策解读（编号 %lld）已关联政策文件 %s；如需改变形式，"
		    "请先取消关联", (long long)iid, ps.index_no);
		e = GK_ECONFLICT;
		goto fail;
	}
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存关联");
		goto fail;
	}
	if ((e = interp_audit(db, ac, iid, pid, ps.index_no, interp_form_label(form),
	    "interp_link", now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_interp_unlink(struct gk_db *db, const struct gk_item_actor *ac,
    int64_t iid, int64_t pid, const char *now, char *err, size_t errlen)
{
	struct interp_side	 is, ps;
	sqlite3_stmt		*st = NULL;
	enum interp_form	 form = INTERP_TEXT;
	enum gk_err		 e;
	int			 rc;

	if ((e = interp_rules(db, ac, iid, pid, &is, &ps, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT form FROM interpretation"
	    " WHERE item_id = ? AND policy_item_id = ?", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询关联");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, iid);
	sqlite3_bind_int64(st, 2, pid);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		(void)interp_form_from_name((const char *)sqlite3_column_text(st, 0),
		    &form);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "信息 %lld 与政策文件 %s 没有关联", (long long)iid,
		    ps.index_no);
		e = GK_ENOTFOUND;
		goto fail;
	}
	if (rc != SQLITE_ROW) {
		e = gk_db_err(db, err, errlen, "无法查询关联");
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法取消关联", err, errlen, "DELETE FROM interpretation"
	    " WHERE item_id = ? AND policy_item_id = ?", "ii", iid, pid)) != GK_OK)
		goto fail;
	if ((e = interp_audit(db, ac, iid, pid, ps.index_no, interp_form_label(form),
	    "interp_unlink", now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

void
gk_interp_links_free(struct gk_interp_links *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_free(l->v[i].title);
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

/* Grows an array of n elements of size sz when full at a power of two. */
static enum gk_err
interp_grow(void **v, size_t n, size_t sz)
{
	void *p;

	if (n >= INTERP_LIST_MAX)
		return GK_ELIMIT;
	if (n != 0 && (n & (n - 1)) != 0)
		return GK_OK;
	if ((p = gk_realloc(*v, (n == 0 ? 4 : n * 2) * sz)) == NULL)
		return GK_ENOMEM;
	*v = p;
	return GK_OK;
}

/*
 * ?1 is the known side's id; the other side's id, 索引号, title, state,
 * publication date and the link's form.
 */
#define LINKS_SELECT(other) \
	"SELECT i.id, i.index_no, i.title, i.state," \
	" CASE WHEN i.state = 'published' THEN substr(i.published_at, 1, 10) END," \
	" t.form FROM interpretation t JOIN item i ON i.id = t." other

static enum gk_err
interp_links(struct gk_db *db, const char *sql, int64_t id,
    struct gk_interp_links *l, char *err, size_t errlen)
{
	struct gk_interp_link	*k;
	sqlite3_stmt		*st;
	const char		*t;
	enum gk_err		 e = GK_OK;
	int			 rc;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询政策解读");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((e = interp_grow((void **)&l->v, l->n, sizeof(*l->v))) != GK_OK)
			break;
		k = &l->v[l->n];
		memset(k, 0, sizeof(*k));
		k->item_id = sqlite3_column_int64(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		gk_strlcpy_utf8(k->index_no, t ? t : "", sizeof(k->index_no));
		t = (const char *)sqlite3_column_text(st, 2);
		if ((k->title = gk_strdup(t ? t : "")) == NULL) {
			e = GK_ENOMEM;
			break;
		}
		l->n++;
		t = (const char *)sqlite3_column_text(st, 3);
		if (t == NULL || !wf_state_from_name(t, &k->state))
			k->state = WF_DRAFT;
		t = (const char *)sqlite3_column_text(st, 4);
		gk_strlcpy_utf8(k->published, t ? t : "", sizeof(k->published));
		t = (const char *)sqlite3_column_text(st, 5);
		if (!interp_form_from_name(t, &k->form))
			k->form = INTERP_TEXT;
	}
	sqlite3_finalize(st);
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法读取政策解读");
	else if (e == GK_ENOMEM)
		interp_nomem(err, errlen);
	else if (e == GK_ELIMIT)
		snprintf(err, errlen, "关联过多");
	if (e != GK_OK)
		gk_interp_links_free(l);
	return e;
}

enum gk_err
gk_interp_of_policy(struct gk_db *db, int64_t pid, struct gk_interp_links *l,
    char *err, size_t errlen)
{
	return interp_links(db, LINKS_SELECT("item_id")
	    " WHERE t.policy_item_id = ?1 ORDER BY i.published_at IS NULL,"
	    " i.published_at, i.id", pid, l, err, errlen);
}

enum gk_err
gk_interp_policies(struct gk_db *db, int64_t iid, struct gk_interp_links *l,
    char *err, size_t errlen)
{
	return interp_links(db, LINKS_SELECT("policy_item_id")
	    " WHERE t.item_id = ?1 ORDER BY i.index_no", iid, l, err, errlen);
}

/* A policy file's interpretations in the shape interp_check() takes. */
struct interp_set {
	struct gk_interp_links	 l;
	struct interp_item	*v;
};

static void
interp_set_free(struct interp_set *s)
{
	gk_interp_links_free(&s->l);
	gk_free(s->v);
	s->v = NULL;
}

static enum gk_err
interp_set_load(struct gk_db *db, int64_t pid, struct interp_set *s, char *err,
    size_t errlen)
{
	enum gk_err	 e;
	size_t		 i;

	s->v = NULL;
	if ((e = gk_interp_of_policy(db, pid, &s->l, err, errlen)) != GK_OK)
		return e;
	if (s->l.n == 0)
		return GK_OK;
	if ((s->v = gk_calloc(s->l.n, sizeof(*s->v))) == NULL) {
		interp_set_free(s);
		return interp_nomem(err, errlen);
	}
	for (i = 0; i < s->l.n; i++) {
		s->v[i].id = s->l.v[i].item_id;
		s->v[i].policy_id = pid;
		s->v[i].form = s->l.v[i].form;
		s->v[i].published = s->l.v[i].published;	/* "" unless published now */
	}
	return GK_OK;
}

static const char *
interp_set_index_no(const struct interp_set *s, int64_t id)
{
	size_t i;

	for (i = 0; i < s->l.n; i++)
		if (s->l.v[i].item_id == id)
			return s->l.v[i].index_no;
	return "";
}

void
gk_interp_findings_free(struct gk_interp_findings *f)
{
	size_t i;

	if (f == NULL)
		return;
	for (i = 0; i < f->n; i++)
		gk_free(f->v[i].title);
	gk_free(f->v);
	f->v = NULL;
	f->n = 0;
}

/* Appends the findings of one policy file (columns of the findings query). */
static enum gk_err
findings_add(struct gk_db *db, sqlite3_stmt *st, struct gk_interp_findings *out,
    char *err, size_t errlen)
{
	struct interp_policy	 p;
	struct interp_findings	 r;
	struct interp_set	 s;
	struct gk_interp_finding *g;
	const char		*ino, *title, *pub;
	enum gk_err		 e;
	size_t			 k;

	p.id = sqlite3_column_int64(st, 0);
	ino = (const char *)sqlite3_column_text(st, 2);
	title = (const char *)sqlite3_column_text(st, 3);
	pub = (const char *)sqlite3_column_text(st, 4);
	p.title = title ? title : "";
	p.published = pub ? pub : "";
	if ((e = interp_set_load(db, p.id, &s, err, errlen)) != GK_OK)
		return e;
	e = interp_check(&p, s.v, s.l.n, &r, err, errlen);
	if (e != GK_OK && e != GK_ELIMIT)
		goto out;
	e = GK_OK;
	for (k = 0; k < r.n; k++) {
		if ((e = interp_grow((void **)&out->v, out->n, sizeof(*out->v))) != GK_OK) {
			if (e == GK_ENOMEM)
				interp_nomem(err, errlen);
			else
				snprintf(err, errlen, "政策解读问题过多");
			goto out;
		}
		g = &out->v[out->n];
		memset(g, 0, sizeof(*g));
		if ((g->title = gk_strdup(p.title)) == NULL) {
			e = interp_nomem(err, errlen);
			goto out;
		}
		out->n++;
		g->agency_id = sqlite3_column_int64(st, 1);
		g->policy_id = p.id;
		gk_strlcpy_utf8(g->index_no, ino ? ino : "", sizeof(g->index_no));
		gk_strlcpy_utf8(g->published, p.published, sizeof(g->published));
		g->kind = r.v[k].kind;
		g->interp_id = r.v[k].interp_id;
		g->days_late = r.v[k].days_late;
		if (g->kind == INTERP_F_LATE)
			gk_strlcpy_utf8(g->interp_index_no,
			    interp_set_index_no(&s, g->interp_id),
			    sizeof(g->interp_index_no));
		gk_strlcpy_utf8(g->msg, r.v[k].msg, sizeof(g->msg));
	}
out:
	interp_set_free(&s);
	return e;
}

enum gk_err
gk_interp_findings(struct gk_db *db, int64_t agency_id, int year,
    struct gk_interp_findings *out, char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	char			 ys[8];
	enum gk_err		 e = GK_OK;
	int			 rc;

	memset(out, 0, sizeof(*out));
	if ((e = gk_ledger_scope(db, year, agency_id, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT i.id, i.agency_id,"
	    " i.index_no, i.title, substr(i.published_at, 1, 10) FROM item i"
	    " JOIN category c ON c.id = i.category_id WHERE c.kind = 'policy'"
	    " AND i.state = 'published' AND substr(i.published_at, 1, 4) = ?1"
	    " AND (?2 = 0 OR i.agency_id = ?2) ORDER BY i.agency_id, i.index_no",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询政策文件");
	snprintf(ys, sizeof(ys), "%04d", year);
	sqlite3_bind_text(st, 1, ys, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->checked++;
		if ((e = findings_add(db, st, out, err, errlen)) != GK_OK)
			break;
	}
	sqlite3_finalize(st);
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法读取政策文件");
	if (e != GK_OK)
		gk_interp_findings_free(out);
	return e;
}

/* Appends s to buf (len bytes) after sep when buf is not empty. */
static void
cell_add(char *buf, size_t len, const char *sep, const char *s)
{
	size_t n = strlen(buf);

	if (n + 1 >= len)
		return;
	snprintf(buf + n, len - n, "%s%s", n > 0 ? sep : "", s);
}

static enum gk_err
cell_policy(struct gk_db *db, int64_t id, char *buf, size_t len, char *err,
    size_t errlen)
{
	struct interp_policy	 p;
	struct interp_findings	 r;
	struct interp_set	 s;
	struct gk_item		 it;
	char			 late[64];
	enum gk_err		 e;
	size_t			 i, k;
	int			 maxlate = 0, islate;

	if ((e = gk_item_get(db, id, &it, err, errlen)) != GK_OK)
		return e;
	if (it.state != WF_PUBLISHED || it.published_at == NULL) {
		gk_item_clear(&it);
		return GK_OK;
	}
	p.id = id;
	p.title = "";
	/* published_at is a timestamp; the check wants its date. */
	snprintf(late, sizeof(late), "%.10s", it.published_at);
	p.published = late;
	if ((e = interp_set_load(db, id, &s, err, errlen)) != GK_OK)
		goto out;
	e = interp_check(&p, s.v, s.l.n, &r, err, errlen);
	if (e != GK_OK && e != GK_ELIMIT)
		goto out2;
	e = GK_OK;
	for (k = 0; k < r.n; k++)
		if (r.v[k].kind == INTERP_F_MISSING)
			cell_add(buf, len, "；", "无解读");
	for (i = 0; i < s.l.n; i++) {
		if (s.v[i].published[0] == '\0')
			continue;
		for (k = 0, islate = 0; k < r.n; k++)
			if (r.v[k].kind == INTERP_F_LATE && r.v[k].interp_id == s.v[i].id) {
				islate = 1;
				if (r.v[k].days_late > maxlate)
					maxlate = r.v[k].days_late;
			}
		if (!islate && strstr(buf, interp_form_label(s.v[i].form)) == NULL)
			cell_add(buf, len, "、", interp_form_label(s.v[i].form));
	}
	if (maxlate > 0) {
		snprintf(late, sizeof(late), "解读滞后 %d 天", maxlate);
		cell_add(buf, len, "；", late);
	}
out2:
	interp_set_free(&s);
out:
	gk_item_clear(&it);
	return e;
}

enum gk_err
gk_interp_ledger_cell(struct gk_db *db, int64_t id, enum category_kind kind,
    char *buf, size_t len, char *err, size_t errlen)
{
	struct gk_interp_links	 l;
	enum gk_err		 e;
	size_t			 i;

	if (len == 0)
		return GK_EINVAL;
	buf[0] = '\0';
	if (kind == CATEGORY_KIND_POLICY)
		return cell_policy(db, id, buf, len, err, errlen);
	if (kind != CATEGORY_KIND_INTERP)
		return GK_OK;
	if ((e = gk_interp_policies(db, id, &l, err, errlen)) != GK_OK)
		return e;
	for (i = 0; i < l.n; i++)
		cell_add(buf, len, "、", l.v[i].index_no);
	gk_interp_links_free(&l);
	return GK_OK;
}
