/*
 * supervision.c — trainings and complaints (store/supervision.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/consultation.h"
#include "store/db.h"
#include "store/supervision.h"
#include "store/user.h"

#define SUP_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_OFFICE) | \
			    WF_ROLE_BIT(WF_ROLE_ADMIN))
#define SUP_LIST_MAX	100000

static void
set_field(const char **field, const char *f)
{
	if (field != NULL)
		*field = f;
}

enum gk_err
gk_sup_hours_parse(const char *s, int64_t *hours10)
{
	int64_t	v = 0;
	int	nd = 0;

	if (s == NULL)
		return GK_EINVAL;
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++nd > 5)
			return GK_EINVAL;
		v = v * 10 + (*s - '0');
	}
	if (nd == 0)
		return GK_EINVAL;
	v *= 10;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return GK_EINVAL;
		v += *s++ - '0';
	}
	if (*s != '\0' || v > GK_SUP_HOURS_MAX)
		return GK_EINVAL;
	*hours10 = v;
	return GK_OK;
}

void
gk_sup_hours_format(int64_t hours10, char *buf, size_t n)
{
	if (hours10 % 10 != 0)
		snprintf(buf, n, "%lld.%lld", (long long)(hours10 / 10), (long long)(hours10 % 10));
	else
		snprintf(buf, n, "%lld", (long long)(hours10 / 10));
}

/* The earliest date accepted for a record. */
static int32_t
date_floor(void)
{
	int32_t d = 0;

	gk_date_from_ymd(2000, 1, 1, &d);
	return d;
}

/* A date field: set, not before 2000, not after today. */
static enum gk_err
check_date(int32_t d, int32_t today, const char *what, const char *fname,
    const char **field, char *err, size_t errlen)
{
	char td[GK_DATE_LEN];

	if (d == GK_DATE_NONE) {
		snprintf(err, errlen, "请填写%s（格式 YYYY-MM-DD）", what);
		set_field(field, fname);
		return GK_EINVAL;
	}
	if (d < date_floor()) {
		snprintf(err, errlen, "%s不能早于 2000-01-01", what);
		set_field(field, fname);
		return GK_EINVAL;
	}
	if (d > today) {
		gk_date_format(today, td);
		snprintf(err, errlen, "%s不能晚于今天（%s）", what, td);
		set_field(field, fname);
		return GK_EINVAL;
	}
	return GK_OK;
}

static enum gk_err
check_text(const char *s, int multiline, long max, const char *what, const char *fname,
    const char **field, char *err, size_t errlen)
{
	long n = s != NULL ? gk_consult_text_chars(s, multiline) : -1;

	if (n == 0 || s == NULL) {
		snprintf(err, errlen, "请填写%s", what);
		set_field(field, fname);
		return GK_EINVAL;
	}
	if (n < 0 || n > max) {
		snprintf(err, errlen, "%s须为至多 %ld 个字符的%s，不含控制字符", what, max,
		    multiline ? "文字" : "一行文字");
		set_field(field, fname);
		return GK_EINVAL;
	}
	return GK_OK;
}

static enum gk_err
check_actor(const char *actor, const char *now, int32_t *today, char *err, size_t errlen)
{
	if (actor == NULL || actor[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人");
		return GK_EINVAL;
	}
	return gk_apply_today(now, today, err, errlen);
}

static enum gk_err
check_training(int32_t held, const char *topic, int64_t attendees, int64_t hours10,
    int32_t today, const char **field, char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = check_date(held, today, "培训日期", "date", field, err, errlen)) != GK_OK ||
	    (e = check_text(topic, 0, GK_SUP_TOPIC_MAX, "培训主题", "topic", field, err,
	    errlen)) != GK_OK)
		return e;
	if (attendees < 1 || attendees > GK_SUP_ATTENDEES_MAX) {
		snprintf(err, errlen, "参训人数须为 1 至 %d 的整数", GK_SUP_ATTENDEES_MAX);
		set_field(field, "attendees");
		return GK_EINVAL;
	}
	if (hours10 < 1 || hours10 > GK_SUP_HOURS_MAX) {
		snprintf(err, errlen, "学时须为 0.1 至 %d 小时（最多一位小数）", GK_SUP_HOURS_MAX / 10);
		set_field(field, "hours");
		return GK_EINVAL;
	}
	return GK_OK;
}

/* Checks that agency_id exists (inside the transaction). */
static enum gk_err
agency_ok(struct gk_db *db, int64_t agency_id, char *err, size_t errlen)
{
	int rc = gk_agency_exists(gk_db_sqlite(db), agency_id);

	if (rc < 0)
		return gk_db_err(db, err, errlen, "无法查询机构");
	if (rc == 0) {
		snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	return GK_OK;
}

/*
 * Begins the transaction of an add to agency_id: the agency exists and the
 * actor may write its records. On failure nothing is left open.
 */
static enum gk_err
add_begin(struct gk_db *db, const char *actor, int64_t agency_id, char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = agency_ok(db, agency_id, err, errlen)) != GK_OK ||
	    (e = gk_user_authorize(db, actor, agency_id, SUP_ROLES, 0, err, errlen)) != GK_OK)
		gk_db_tx_rollback(db);
	return e;
}

/*
 * Ends an add after its INSERT: the audit entry (entity, the new id, "add",
 * j), the commit, *idp (may be NULL). On failure the caller rolls back.
 */
static enum gk_err
add_end(struct gk_db *db, const char *actor, const char *entity, json_t *j, const char *now,
    int64_t *idp, char *err, size_t errlen)
{
	int64_t		id = sqlite3_last_insert_rowid(gk_db_sqlite(db));
	enum gk_err	e;

	if ((e = gk_apply_audit(db, actor, entity, id, "add", j, now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		return e;
	if (idp != NULL)
		*idp = id;
	return GK_OK;
}

/* ---- trainings ---- */

#define TR_COLS "id, agency_id, held_date, topic, attendees, hours10, created_at, updated_at"

static enum gk_err
training_fill(sqlite3_stmt *st, void *out)
{
	struct gk_training	*t = out;
	const char		*s;

	memset(t, 0, sizeof(*t));
	t->id = sqlite3_column_int64(st, 0);
	t->agency_id = sqlite3_column_int64(st, 1);
	t->held = gk_apply_col_date(st, 2);
	s = (const char *)sqlite3_column_text(st, 3);
	t->topic = gk_strdup(s ? s : "");
	t->attendees = sqlite3_column_int64(st, 4);
	t->hours10 = sqlite3_column_int64(st, 5);
	s = (const char *)sqlite3_column_text(st, 6);
	gk_strlcpy_utf8(t->created_at, s ? s : "", sizeof(t->created_at));
	s = (const char *)sqlite3_column_text(st, 7);
	gk_strlcpy_utf8(t->updated_at, s ? s : "", sizeof(t->updated_at));
	return t->topic == NULL ? GK_ENOMEM : GK_OK;
}

void
gk_training_clear(struct gk_training *t)
{
	if (t == NULL)
		return;
	gk_free(t->topic);
	memset(t, 0, sizeof(*t));
}

enum gk_err
gk_training_get(struct gk_db *db, int64_t id, struct gk_training *t, char *err, size_t errlen)
{
	memset(t, 0, sizeof(*t));
	return gk_db_get_id(db, "SELECT " TR_COLS " FROM training WHERE id = ?", id,
	    training_fill, t, "培训记录", err, errlen);
}

static json_t *
training_json(int64_t agency_id, const char *hd, const char *topic, int64_t attendees,
    int64_t hours10)
{
	return json_pack("{s:I, s:s, s:s, s:I, s:I}", "agency_id", (json_int_t)agency_id,
	    "date", hd, "topic", topic, "attendees", (json_int_t)attendees,
	    "hours10", (json_int_t)hours10);
}

enum gk_err
gk_training_add(struct gk_db *db, const char *actor, int64_t agency_id, int32_t held,
    const char *topic, int64_t attendees, int64_t hours10, const char *now, int64_t *idp,
    const char **field, char *err, size_t errlen)
{
	char		 hd[GK_DATE_LEN];
	int32_t		 today;
	enum gk_err	 e;

	set_field(field, NULL);
	if ((e = check_actor(actor, now, &today, err, errlen)) != GK_OK ||
	    (e = check_training(held, topic, attendees, hours10, today, field, err,
	    errlen)) != GK_OK)
		return e;
	if ((e = add_begin(db, actor, agency_id, err, errlen)) != GK_OK)
		return e;
	gk_date_format(held, hd);
	if ((e = gk_db_exec(db, "无法保存培训记录", err, errlen, "INSERT INTO training"
	    " (agency_id, held_date, topic, attendees, hours10, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)", "ittiitt", agency_id, hd, topic, attendees,
	    hours10, now, now)) != GK_OK ||
	    (e = add_end(db, actor, "training", training_json(agency_id, hd, topic, attendees,
	    hours10), now, idp, err, errlen)) != GK_OK)
		gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_training_update(struct gk_db *db, const char *actor, int64_t id, int32_t held,
    const char *topic, int64_t attendees, int64_t hours10, const char *now,
    const char **field, char *err, size_t errlen)
{
	struct gk_training	 t;
	char			 hd[GK_DATE_LEN];
	int32_t			 today;
	enum gk_err		 e;

	set_field(field, NULL);
	memset(&t, 0, sizeof(t));
	if ((e = check_actor(actor, now, &today, err, errlen)) != GK_OK ||
	    (e = check_training(held, topic, attendees, hours10, today, field, err,
	    errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_training_get(db, id, &t, err, errlen)) != GK_OK ||
	    (e = gk_user_authorize(db, actor, t.agency_id, SUP_ROLES, 0, err, errlen)) != GK_OK)
		goto fail;
	gk_date_format(held, hd);
	if ((e = gk_db_exec(db, "无法保存培训记录", err, errlen, "UPDATE training SET"
	    " held_date = ?, topic = ?, attendees = ?, hours10 = ?, updated_at = ?"
	    " WHERE id = ?", "ttiiti", hd, topic, attendees, hours10, now, id)) != GK_OK ||
	    (e = gk_apply_audit(db, actor, "training", id, "update", training_json(t.agency_id,
	    hd, topic, attendees, hours10), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_training_clear(&t);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_training_clear(&t);
	return e;
}

static void
training_clear_v(void *p)
{
	gk_training_clear(p);
}

enum gk_err
gk_training_list(struct gk_db *db, int64_t agency_id, int year, struct gk_training_list *l,
    char *err, size_t errlen)
{
	static const struct gk_db_list k = {
		"SELECT " TR_COLS " FROM training WHERE agency_id = ?1 AND"
		" (?2 IS NULL OR (held_date >= ?2 AND held_date < ?3))"
		" ORDER BY held_date DESC, id DESC", sizeof(struct gk_training), SUP_LIST_MAX,
		training_fill, training_clear_v, "无法查询培训记录", "记录", "条",
	};
	void		*v;
	enum gk_err	 e;

	memset(l, 0, sizeof(*l));
	e = gk_db_list_year(db, &k, agency_id, year, &v, &l->n, err, errlen);
	l->v = v;
	return e;
}

void
gk_training_list_free(struct gk_training_list *l)
{
	if (l == NULL)
		return;
	gk_db_list_free(l->v, l->n, sizeof(l->v[0]), training_clear_v);
	memset(l, 0, sizeof(*l));
}

/* ---- complaints ---- */

#define CO_COLS "id, agency_id, received_date, about, feedback, closed_date, created_at," \
	" updated_at"

static enum gk_err
complaint_fill(sqlite3_stmt *st, void *out)
{
	struct gk_complaint	*c = out;
	const char		*s;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->agency_id = sqlite3_column_int64(st, 1);
	c->received = gk_apply_col_date(st, 2);
	s = (const char *)sqlite3_column_text(st, 3);
	c->about = gk_strdup(s ? s : "");
	s = (const char *)sqlite3_column_text(st, 4);
	c->feedback = gk_strdup(s ? s : "");
	c->closed = gk_apply_col_date(st, 5);
	s = (const char *)sqlite3_column_text(st, 6);
	gk_strlcpy_utf8(c->created_at, s ? s : "", sizeof(c->created_at));
	s = (const char *)sqlite3_column_text(st, 7);
	gk_strlcpy_utf8(c->updated_at, s ? s : "", sizeof(c->updated_at));
	if (c->about == NULL || c->feedback == NULL) {
		gk_complaint_clear(c);
		return GK_ENOMEM;
	}
	return GK_OK;
}

void
gk_complaint_clear(struct gk_complaint *c)
{
	if (c == NULL)
		return;
	gk_free(c->about);
	gk_free(c->feedback);
	memset(c, 0, sizeof(*c));
}

enum gk_err
gk_complaint_get(struct gk_db *db, int64_t id, struct gk_complaint *c, char *err,
    size_t errlen)
{
	memset(c, 0, sizeof(*c));
	return gk_db_get_id(db, "SELECT " CO_COLS " FROM complaint WHERE id = ?", id,
	    complaint_fill, c, "投诉记录", err, errlen);
}

enum gk_err
gk_complaint_add(struct gk_db *db, const char *actor, int64_t agency_id, int32_t received,
    const char *about, const char *now, int64_t *idp, const char **field, char *err,
    size_t errlen)
{
	char		 rd[GK_DATE_LEN];
	int32_t		 today;
	enum gk_err	 e;

	set_field(field, NULL);
	if ((e = check_actor(actor, now, &today, err, errlen)) != GK_OK ||
	    (e = check_date(received, today, "收到日期", "date", field, err, errlen)) != GK_OK ||
	    (e = check_text(about, 1, GK_SUP_TEXT_MAX, "投诉事项", "about", field, err,
	    errlen)) != GK_OK)
		return e;
	if ((e = add_begin(db, actor, agency_id, err, errlen)) != GK_OK)
		return e;
	gk_date_format(received, rd);
	if ((e = gk_db_exec(db, "无法保存投诉记录", err, errlen, "INSERT INTO complaint"
	    " (agency_id, received_date, about, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
	    "itttt", agency_id, rd, about, now, now)) != GK_OK ||
	    (e = add_end(db, actor, "complaint", json_pack("{s:I, s:s, s:s}", "agency_id",
	    (json_int_t)agency_id, "received", rd, "about", about), now, idp, err,
	    errlen)) != GK_OK)
		gk_db_tx_rollback(db);
	return e;
}

/* Loads complaint id for a change inside the transaction: authorised and still open. */
static enum gk_err
complaint_open(struct gk_db *db, const char *actor, int64_t id, struct gk_complaint *c,
    char *err, size_t errlen)
{
	enum gk_err	e;
	char		cd[GK_DATE_LEN];

	if ((e = gk_complaint_get(db, id, c, err, errlen)) != GK_OK ||
	    (e = gk_user_authorize(db, actor, c->agency_id, SUP_ROLES, 0, err, errlen)) != GK_OK)
		return e;
	if (c->closed != GK_DATE_NONE) {
		gk_date_format(c->closed, cd);
		snprintf(err, errlen, "投诉 %lld 已于 %s 办结，不能再修改", (long long)id, cd);
		return GK_ECONFLICT;
	}
	return GK_OK;
}

enum gk_err
gk_complaint_update(struct gk_db *db, const char *actor, int64_t id, int32_t received,
    const char *about, const char *now, const char **field, char *err, size_t errlen)
{
	struct gk_complaint	 c;
	char			 rd[GK_DATE_LEN];
	int32_t			 today;
	enum gk_err		 e;

	set_field(field, NULL);
	memset(&c, 0, sizeof(c));
	if ((e = check_actor(actor, now, &today, err, errlen)) != GK_OK ||
	    (e = check_date(received, today, "收到日期", "date", field, err, errlen)) != GK_OK ||
	    (e = check_text(about, 1, GK_SUP_TEXT_MAX, "投诉事项", "about", field, err,
	    errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = complaint_open(db, actor, id, &c, err, errlen)) != GK_OK)
		goto fail;
	gk_date_format(received, rd);
	if ((e = gk_db_exec(db, "无法保存投诉记录", err, errlen, "UPDATE complaint SET"
	    " received_date = ?, about = ?, updated_at = ? WHERE id = ? AND closed_date IS NULL",
	    "ttti", rd, about, now, id)) != GK_OK ||
	    (e = gk_apply_audit(db, actor, "complaint", id, "update", json_pack("{s:s, s:s}",
	    "received", rd, "about", about), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_complaint_clear(&c);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_complaint_clear(&c);
	return e;
}

enum gk_err
gk_complaint_close(struct gk_db *db, const char *actor, int64_t id, int32_t closed,
    const char *feedback, const char *now, const char **field, char *err, size_t errlen)
{
	struct gk_complaint	 c;
	char			 cd[GK_DATE_LEN], rd[GK_DATE_LEN];
	int32_t			 today;
	enum gk_err		 e;

	set_field(field, NULL);
	memset(&c, 0, sizeof(c));
	if ((e = check_actor(actor, now, &today, err, errlen)) != GK_OK ||
	    (e = check_date(closed, today, "办结日期", "closed", field, err, errlen)) != GK_OK ||
	    (e = check_text(feedback, 1, GK_SUP_TEXT_MAX, "整改反馈", "feedback", field, err,
	    errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = complaint_open(db, actor, id, &c, err, errlen)) != GK_OK)
		goto fail;
	gk_date_format(closed, cd);
	if (closed < c.received) {
		gk_date_format(c.received, rd);
		snprintf(err, errlen, "办结日期 %s 早于收到日期 %s", cd, rd);
		set_field(field, "closed");
		e = GK_EINVAL;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法保存投诉记录", err, errlen, "UPDATE complaint SET"
	    " feedback = ?, closed_date = ?, updated_at = ? WHERE id = ? AND closed_date IS NULL",
	    "ttti", feedback, cd, now, id)) != GK_OK ||
	    (e = gk_apply_audit(db, actor, "complaint", id, "close", json_pack("{s:s, s:s}",
	    "closed", cd, "feedback", feedback), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_complaint_clear(&c);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_complaint_clear(&c);
	return e;
}

static void
complaint_clear_v(void *p)
{
	gk_complaint_clear(p);
}

enum gk_err
gk_complaint_list(struct gk_db *db, int64_t agency_id, int year, struct gk_complaint_list *l,
    char *err, size_t errlen)
{
	static const struct gk_db_list k = {
		"SELECT " CO_COLS " FROM complaint WHERE agency_id = ?1 AND"
		" (?2 IS NULL OR (received_date >= ?2 AND received_date < ?3))"
		" ORDER BY received_date DESC, id DESC", sizeof(struct gk_complaint),
		SUP_LIST_MAX, complaint_fill, complaint_clear_v, "无法查询投诉记录", "记录",
		"条",
	};
	void		*v;
	enum gk_err	 e;

	memset(l, 0, sizeof(*l));
	e = gk_db_list_year(db, &k, agency_id, year, &v, &l->n, err, errlen);
	l->v = v;
	return e;
}

void
gk_complaint_list_free(struct gk_complaint_list *l)
{
	if (l == NULL)
		return;
	gk_db_list_free(l->v, l->n, sizeof(l->v[0]), complaint_clear_v);
	memset(l, 0, sizeof(*l));
}

enum gk_err
gk_supervision_counts(struct gk_db *db, int64_t agency_id, int year, struct gk_gen_counts *c,
    char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 from[GK_DATE_LEN], to[GK_DATE_LEN];
	int		 rc;

	if (year < 1 || year > 9998) {
		snprintf(err, errlen, "年份无效");
		return GK_EINVAL;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT"
	    " (SELECT count(*) FROM training WHERE agency_id = ?1 AND held_date >= ?2 AND held_date < ?3),"
	    " (SELECT coalesce(sum(attendees), 0) FROM training WHERE agency_id = ?1"
	    "   AND held_date >= ?2 AND held_date < ?3),"
	    " (SELECT coalesce(sum(hours10), 0) FROM training WHERE agency_id = ?1"
	    "   AND held_date >= ?2 AND held_date < ?3),"
	    " (SELECT count(*) FROM complaint WHERE agency_id = ?1 AND received_date >= ?2"
	    "   AND received_date < ?3),"
	    " (SELECT count(*) FROM complaint WHERE agency_id = ?1 AND received_date >= ?2"
	    "   AND received_date < ?3 AND closed_date IS NOT NULL AND closed_date < ?3)",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法统计培训和投诉");
	sqlite3_bind_int64(st, 1, agency_id);
	gk_db_bind_year(st, year, from, to);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->trainings = sqlite3_column_int64(st, 0);
		c->training_attendees = sqlite3_column_int64(st, 1);
		c->training_hours10 = sqlite3_column_int64(st, 2);
		c->complaints = sqlite3_column_int64(st, 3);
		c->complaints_closed = sqlite3_column_int64(st, 4);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法统计培训和投诉");
}
