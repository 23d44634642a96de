/*
 * letter_store.c — answer letters kept in the store (store/letter_store.h):
 * drafts from core/letter, the officer's edits as new versions, and the
 * send that records the answer and freezes the letter in one transaction.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/letter.h"
#include "core/scan.h"
#include "core/sha256.h"
#include "core/workflow.h"
#include "store/application.h"
#include "store/db.h"
#include "store/letter_store.h"
#include "store/user.h"

#define LETTER_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_OFFICE) | \
			    WF_ROLE_BIT(WF_ROLE_ADMIN))

static enum gk_err
nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

void
gk_letter_row_clear(struct gk_letter_row *r)
{
	if (r == NULL)
		return;
	gk_free(r->options);
	gk_free(r->body);
	memset(r, 0, sizeof(*r));
}

void
gk_letter_list_free(struct gk_letter_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_letter_row_clear(&l->v[i]);
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum gk_err
gk_letter_md_to_text(const char *md, struct gk_buf *out)
{
	const char	*p = md;
	int		 bol = 1;

	for (; *p != '\0'; p++) {
		if (bol && p[0] == '#') {
			while (*p == '#')
				p++;
			while (*p == ' ')
				p++;
			if (*p == '\0')
				break;
		}
		bol = 0;
		if (p[0] == '\\' && p[1] != '\0' && (unsigned char)p[1] < 0x80 &&
		    strchr("\\`*_[]<>&|~#!+-=.()", p[1]) != NULL)
			p++;
		gk_buf_putc(out, *p);
		if (*p == '\n')
			bol = 1;
	}
	return out->err;
}

/* ---- reading ---- */

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL ? t : "";
}

#define ROW_COLS "id, application_id, version, outcome, answer_date, options, body," \
	" actor, created_at, coalesce(sent_at, '')"

static enum gk_err
row_fill(sqlite3_stmt *st, struct gk_letter_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = sqlite3_column_int64(st, 0);
	r->application_id = sqlite3_column_int64(st, 1);
	r->version = sqlite3_column_int(st, 2);
	if (!apply_outcome_from_name(col_text(st, 3), &r->outcome))
		r->outcome = APPLY_OUT_OTHER_MISC;
	r->answered = gk_apply_col_date(st, 4);
	r->options = gk_strdup(col_text(st, 5));
	r->body = gk_strdup(col_text(st, 6));
	gk_strlcpy_utf8(r->actor, col_text(st, 7), sizeof(r->actor));
	gk_strlcpy_utf8(r->created_at, col_text(st, 8), sizeof(r->created_at));
	gk_strlcpy_utf8(r->sent_at, col_text(st, 9), sizeof(r->sent_at));
	if (r->options == NULL || r->body == NULL) {
		gk_letter_row_clear(r);
		return GK_ENOMEM;
	}
	return GK_OK;
}

/* The application's agency, for the role checks; GK_ENOTFOUND when absent. */
static enum gk_err
app_agency(struct gk_db *db, int64_t id, int64_t *agency, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT agency_id FROM application"
	    " WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*agency = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "申请 %lld 不存在", (long long)id);
		return GK_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法查询申请");
}

static enum gk_err
may(struct gk_db *db, const char *actor, int64_t id, int write, char *err, size_t errlen)
{
	int64_t		 agency = 0;
	enum gk_err	 e;

	if ((e = app_agency(db, id, &agency, err, errlen)) != GK_OK)
		return e;
	e = gk_user_authorize(db, actor != NULL ? actor : "", agency, LETTER_ROLES, !write,
	    err, errlen);
	if (e == GK_ECONFLICT)
		snprintf(err, errlen, "用户 %s 无权%s告知书：须为机构 %lld%s的信息公开工作人员、"
		    "政务公开办或系统管理员", actor != NULL ? actor : "", write ? "起草或发送" :
		    "查看", (long long)agency, write ? "" : "（或其上级机构）");
	return e;
}

enum gk_err
gk_letter_list(struct gk_db *db, const char *actor, int64_t id, struct gk_letter_list *l,
    char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_letter_row	*v;
	enum gk_err		 e;
	int			 rc;

	memset(l, 0, sizeof(*l));
	if ((e = may(db, actor, id, 0, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT " ROW_COLS " FROM application_letter"
	    " WHERE application_id = ? ORDER BY version", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询告知书");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if ((v = gk_realloc(l->v, (l->n + 1) * sizeof(*v))) == NULL) {
			e = GK_ENOMEM;
			break;
		}
		l->v = v;
		if ((e = row_fill(st, &l->v[l->n])) != GK_OK)
			break;
		l->n++;
	}
	sqlite3_finalize(st);
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询告知书");
	if (e == GK_ENOMEM)
		nomem(err, errlen);
	if (e != GK_OK)
		gk_letter_list_free(l);
	return e;
}

/* The latest version without a role check; GK_ENOTFOUND when none. */
static enum gk_err
latest(struct gk_db *db, int64_t id, int version, struct gk_letter_row *r, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e = GK_OK;
	int		 rc;

	memset(r, 0, sizeof(*r));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), version > 0 ? "SELECT " ROW_COLS
	    " FROM application_letter WHERE application_id = ?1 AND version = ?2" :
	    "SELECT " ROW_COLS " FROM application_letter WHERE application_id = ?1"
	    " ORDER BY version DESC LIMIT 1", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询告知书");
	sqlite3_bind_int64(st, 1, id);
	if (version > 0)
		sqlite3_bind_int(st, 2, version);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (e = row_fill(st, r)) != GK_OK)
		nomem(err, errlen);
	sqlite3_finalize(st);
	if (e != GK_OK)
		return e;
	if (rc == SQLITE_DONE) {
		if (version > 0)
			snprintf(err, errlen, "申请 %lld 的告知书第 %d 版不存在", (long long)id,
			    version);
		else
			snprintf(err, errlen, "申请 %lld 还没有告知书", (long long)id);
		return GK_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法查询告知书");
}

enum gk_err
gk_letter_get(struct gk_db *db, const char *actor, int64_t id, int version,
    struct gk_letter_row *r, char *err, size_t errlen)
{
	enum gk_err e;

	memset(r, 0, sizeof(*r));
	if ((e = may(db, actor, id, 0, err, errlen)) != GK_OK)
		return e;
	return latest(db, id, version, r, err, errlen);
}

/* ---- writing ---- */

static enum gk_err
audit(struct gk_db *db, const char *actor, int64_t id, const char *action, int version,
    enum apply_outcome outcome, int32_t date, const char *body, const char *now,
    char *err, size_t errlen)
{
	unsigned char	 d[GK_SHA256_LEN];
	char		 hex[GK_SHA256_HEXLEN + 1], ds[GK_DATE_LEN];
	json_t		*j;

	gk_sha256(body, strlen(body), d);
	gk_sha256_hex(d, hex);
	gk_date_format(date, ds);
	j = json_pack("{s:i, s:s, s:s, s:s, s:I}", "version", version, "outcome",
	    apply_outcomes[outcome].id, "answer_date", ds, "sha256", hex, "bytes",
	    (json_int_t)strlen(body));
	return gk_apply_audit(db, actor, "application", id, action, j, now, err, errlen);
}

/* Inserts a version of the letter and its audit entry (action); inside a transaction. */
static enum gk_err
insert(struct gk_db *db, const char *actor, int64_t id, const char *action, int version,
    enum apply_outcome outcome, int32_t date, const char *options, const char *body,
    const char *now, char *err, size_t errlen)
{
	char		ds[GK_DATE_LEN];
	enum gk_err	e;

	gk_date_format(date, ds);
	if ((e = gk_db_exec(db, "无法保存告知书", err, errlen, "INSERT INTO application_letter"
	    " (application_id, version, outcome, answer_date, options, body, actor,"
	    " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "iitttttt", id, (int64_t)version,
	    apply_outcomes[outcome].id, ds, options, body, actor, now)) != GK_OK)
		return e;
	return audit(db, actor, id, action, version, outcome, date, body, now, err, errlen);
}

static char *
options_json(const struct gk_apply_letter_opts *o)
{
	json_t	*j;
	char	*s, *r;

	j = json_pack("{s:b, s:s, s:s, s:s, s:s, s:I}", "proactive", o->proactive != 0,
	    "part", o->part != NULL ? o->part : "", "reasons",
	    o->reasons != NULL ? o->reasons : "", "where", o->where != NULL ? o->where : "",
	    "responsible", o->responsible != NULL ? o->responsible : "", "number",
	    (json_int_t)o->number);
	if (j == NULL)
		return NULL;
	s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(j);
	if (s == NULL)
		return NULL;
	r = gk_strdup(s);
	free(s);
	return r;
}

enum gk_err
gk_letter_draft(struct gk_db *db, const char *actor, int64_t id,
    const struct gk_apply_letter_opts *o, const struct calendar *cal, const char *now,
    int *versionp, enum apply_refusal *whyp, char *err, size_t errlen)
{
	struct gk_apply_letter_opts	 d;
	struct gk_apply			 a;
	struct apply_rules		 rules;
	struct apply_status		 st;
	struct apply_event		*evs = NULL;
	struct gk_letter_row		 last;
	struct gk_buf			 md, text;
	char				*opts = NULL;
	int32_t				 today;
	size_t				 i;
	int				 version = 1;
	enum gk_err			 e;

	if (whyp != NULL)
		*whyp = APPLY_R_OK;
	memset(&a, 0, sizeof(a));
	memset(&last, 0, sizeof(last));
	gk_buf_init(&md, 0);
	gk_buf_init(&text, 0);
	if (o == NULL || (unsigned)o->outcome >= APPLY_OUT__MAX) {
		snprintf(err, errlen, "请选择答复结果");
		return GK_EINVAL;
	}
	if ((e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	if (o->answered == GK_DATE_NONE || o->answered > today) {
		snprintf(err, errlen, "答复日期须为不晚于今天的日期");
		return GK_EINVAL;
	}
	if ((e = may(db, actor, id, 1, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_apply_get(db, actor, id, 1, cal, now, &a, err, errlen)) != GK_OK)
		return e;
	if (a.closed_ok) {
		snprintf(err, errlen, "申请 %s 已办结（%s），不能再起草告知书", a.code,
		    apply_outcomes[a.outcome].label);
		e = GK_ECONFLICT;
		goto out;
	}
	/* the answer as the store would take it now */
	if ((e = gk_apply_rules(db, a.agency_id, &rules, err, errlen)) != GK_OK)
		goto out;
	if ((evs = gk_calloc(a.nevents + 1, sizeof(*evs))) == NULL) {
		e = nomem(err, errlen);
		goto out;
	}
	for (i = 0; i < a.nevents; i++)
		evs[i] = a.events[i].ev;
	evs[i].kind = APPLY_EV_ANSWER;
	evs[i].date = o->answered;
	evs[i].until = GK_DATE_NONE;
	evs[i].outcome = o->outcome;
	e = apply_replay(cal, &rules, evs, a.nevents + 1, today, &st, whyp, NULL, err, errlen);
	if (e == GK_EINVAL) {
		e = GK_ECONFLICT;
		goto out;
	}
	if (e == GK_ENOTFOUND)
		e = GK_EINVAL;
	if (e != GK_OK)
		goto out;
	d = *o;
	d.draft = 1;
	if ((e = gk_apply_letter(db, actor, id, &d, LETTER_MD, &md, err, errlen)) != GK_OK)
		goto out;
	if (gk_letter_md_to_text(md.data != NULL ? md.data : "", &text) != GK_OK ||
	    gk_buf_putc(&text, '\0') != GK_OK || (opts = options_json(o)) == NULL) {
		e = nomem(err, errlen);
		goto out;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	e = latest(db, id, 0, &last, err, errlen);
	if (e == GK_OK) {
		if (last.sent_at[0] != '\0') {
			snprintf(err, errlen, "申请 %s 的告知书已于 %s 发送，不能再起草", a.code,
			    last.sent_at);
			e = GK_ECONFLICT;
			goto fail;
		}
		version = last.version + 1;
	} else if (e != GK_ENOTFOUND)
		goto fail;
	else if (errlen > 0)
		err[0] = '\0';	/* the first version */
	if ((e = insert(db, actor, id, "letter_draft", version, o->outcome, o->answered, opts,
	    text.data, now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	if (versionp != NULL)
		*versionp = version;
	goto out;
fail:
	gk_db_tx_rollback(db);
out:
	gk_letter_row_clear(&last);
	gk_free(opts);
	gk_free(evs);
	gk_buf_clear(&md);
	gk_buf_clear(&text);
	gk_apply_clear(&a);
	return e;
}

/* The latest version when it is a draft; else GK_ECONFLICT (none yet, or sent) with why. */
static enum gk_err
latest_draft(struct gk_db *db, int64_t id, struct gk_letter_row *last, char *err,
    size_t errlen)
{
	enum gk_err e;

	if ((e = latest(db, id, 0, last, err, errlen)) == GK_ENOTFOUND) {
		snprintf(err, errlen, "申请 %lld 还没有告知书草稿：请先选择答复结果生成草稿",
		    (long long)id);
		return GK_ECONFLICT;
	}
	if (e == GK_OK && last->sent_at[0] != '\0') {
		snprintf(err, errlen, "告知书已于 %s 发送，不能再修改或再次发送", last->sent_at);
		return GK_ECONFLICT;
	}
	return e;
}

/* 1 when needle (non-empty, at least 5 bytes) occurs in hay. */
static int
contains(const char *hay, const char *needle)
{
	return needle != NULL && strlen(needle) >= 5 && strstr(hay, needle) != NULL;
}

static enum gk_err
body_check(const char *body, const struct gk_apply *a, char *err, size_t errlen)
{
	struct scan_findings	 fs;
	size_t			 i, len, n = 0;
	int			 bad = 0, content = 0;

	len = body != NULL ? strlen(body) : 0;
	if (body == NULL || gk_utf8_check(body, len) != len) {
		snprintf(err, errlen, "告知书正文须为 UTF-8 文本");
		return GK_EINVAL;
	}
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)body[i];

		if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7f) {
			snprintf(err, errlen, "告知书正文含有控制字符");
			return GK_EINVAL;
		}
		if ((c & 0xc0) != 0x80)
			n++;
		if (c != ' ' && c != '\n' && c != '\r' && c != '\t')
			content = 1;
	}
	if (!content || n > GK_LETTER_BODY_MAX) {
		snprintf(err, errlen, "告知书正文须为 1 至 %d 个字符", GK_LETTER_BODY_MAX);
		return GK_EINVAL;
	}
	scan_findings_init(&fs);
	if (scan_text(body, len, &fs) != GK_OK)
		return nomem(err, errlen);
	bad = scan_findings_count(&fs, SCAN_ID18) + scan_findings_count(&fs, SCAN_ID15) +
	    scan_findings_count(&fs, SCAN_BANKCARD) > 0;
	scan_findings_clear(&fs);
	if (bad || contains(body, a->idno) || contains(body, a->phone)) {
		snprintf(err, errlen, "告知书正文含有身份证号、银行卡号或申请人的联系电话："
		    "告知书不载有申请人的身份证号码和联系电话，请删除后重试");
		return GK_EINVAL;
	}
	return GK_OK;
}

enum gk_err
gk_letter_edit(struct gk_db *db, const char *actor, int64_t id, const char *body,
    const char *now, int *versionp, char *err, size_t errlen)
{
	struct gk_letter_row	 last;
	struct gk_apply		 a;
	sqlite3_stmt		*st;
	int			 rc, closed = 0;
	enum gk_err		 e;

	memset(&last, 0, sizeof(last));
	memset(&a, 0, sizeof(a));
	if ((e = may(db, actor, id, 1, err, errlen)) != GK_OK)
		return e;
	/* the applicant's ID number and phone in clear, only to keep them out */
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT applicant_idno, phone,"
	    " closed_date IS NOT NULL FROM application WHERE id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请");
	sqlite3_bind_int64(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		a.idno = gk_strdup(col_text(st, 0));
		a.phone = gk_strdup(col_text(st, 1));
		closed = sqlite3_column_int(st, 2);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		e = gk_db_err(db, err, errlen, "无法查询申请");
		goto out;
	}
	if (a.idno == NULL || a.phone == NULL) {
		e = nomem(err, errlen);
		goto out;
	}
	if ((e = body_check(body, &a, err, errlen)) != GK_OK)
		goto out;
	if (closed) {
		snprintf(err, errlen, "申请 %lld 已办结，告知书不能再修改", (long long)id);
		e = GK_ECONFLICT;
		goto out;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	if ((e = latest_draft(db, id, &last, err, errlen)) != GK_OK)
		goto fail;
	if ((e = insert(db, actor, id, "letter_edit", last.version + 1, last.outcome,
	    last.answered, last.options, body, now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	if (versionp != NULL)
		*versionp = last.version + 1;
	goto out;
fail:
	gk_db_tx_rollback(db);
out:
	gk_letter_row_clear(&last);
	gk_apply_clear(&a);
	return e;
}

enum gk_err
gk_letter_send(struct gk_db *db, const char *actor, int64_t id, int version,
    const struct calendar *cal, const char *now, enum apply_refusal *whyp, char *err,
    size_t errlen)
{
	struct gk_letter_row	 last;
	struct apply_event	 ev;
	sqlite3_stmt		*st;
	char			 note[64];
	int			 rc;
	enum gk_err		 e;

	if (whyp != NULL)
		*whyp = APPLY_R_OK;
	memset(&last, 0, sizeof(last));
	if ((e = may(db, actor, id, 1, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = latest_draft(db, id, &last, err, errlen)) != GK_OK)
		goto fail;
	if (last.version != version) {
		snprintf(err, errlen, "第 %d 版不是最新的草稿（最新为第 %d 版）：请核对后再发送",
		    version, last.version);
		e = GK_ECONFLICT;
		goto fail;
	}
	memset(&ev, 0, sizeof(ev));
	ev.kind = APPLY_EV_ANSWER;
	ev.date = last.answered;
	ev.until = GK_DATE_NONE;
	ev.outcome = last.outcome;
	snprintf(note, sizeof(note), "告知书第%d版", version);
	if ((e = gk_apply_act(db, actor, id, &ev, note, now, cal, whyp, err, errlen)) != GK_OK)
		goto fail;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "UPDATE application_letter SET sent_at = ?"
	    " WHERE id = ? AND sent_at IS NULL", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存告知书");
		goto fail;
	}
	sqlite3_bind_text(st, 1, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, last.id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_changes(gk_db_sqlite(db)) != 1) {
		e = gk_db_err(db, err, errlen, "无法保存告知书");
		goto fail;
	}
	if ((e = audit(db, actor, id, "letter_send", version, last.outcome, last.answered,
	    last.body, now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_letter_row_clear(&last);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_letter_row_clear(&last);
	return e;
}
