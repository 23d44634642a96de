/*
 * legal_case.c — reconsideration and litigation cases; the rules are in
 * store/legal_case.h.
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
#include "store/audit.h"
#include "store/db.h"
#include "store/legal_case.h"
#include "store/user.h"

#define CASE_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_OFFICE) | \
			    WF_ROLE_BIT(WF_ROLE_ADMIN))
#define CASE_LIST_MAX	100000

static const char *const route_names[GK_S4ROUTE__MAX] = {
	"recon", "suit_direct", "suit_after",
};
static const char *const result_names[GK_S4_TOTAL] = {
	"upheld", "corrected", "other", "pending",
};
static const char *const result_labels[GK_S4_TOTAL] = {
	"维持", "纠正", "其他结果", "尚未审结",
};

const char *
gk_case_route_name(enum gk_s4route r)
{
	return (unsigned)r < GK_S4ROUTE__MAX ? route_names[r] : "";
}

int
gk_case_route_from_name(const char *s, enum gk_s4route *out)
{
	int i;

	for (i = 0; s != NULL && i < GK_S4ROUTE__MAX; i++)
		if (strcmp(s, route_names[i]) == 0 || strcmp(s, gk_s4_routes[i]) == 0) {
			*out = (enum gk_s4route)i;
			return 1;
		}
	return 0;
}

const char *
gk_case_result_name(enum gk_s4res r)
{
	return (unsigned)r < GK_S4_TOTAL ? result_names[r] : "";
}

const char *
gk_case_result_label(enum gk_s4res r)
{
	return (unsigned)r < GK_S4_TOTAL ? result_labels[r] : "";
}

int
gk_case_result_from_name(const char *s, enum gk_s4res *out)
{
	int i;

	for (i = 0; s != NULL && i < GK_S4_TOTAL; i++)
		if (strcmp(s, result_names[i]) == 0 || strcmp(s, result_labels[i]) == 0 ||
		    strcmp(s, gk_s4_results[i]) == 0) {
			*out = (enum gk_s4res)i;
			return 1;
		}
	return 0;
}

/* The agency and date of receipt of an application: 1 found, 0 not, -1 error. */
static int
application_of(sqlite3 *h, int64_t id, int64_t *agency, int32_t *received)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT agency_id, received_date FROM application"
	    " WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*agency = sqlite3_column_int64(st, 0);
		*received = gk_apply_col_date(st, 1);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int
plain_text(const char *s, long max)
{
	long n = gk_text_chars(s);

	return n >= 0 && n <= max;
}

enum gk_err
gk_case_add(struct gk_db *db, const char *actor, int64_t agency_id,
    enum gk_s4route route, int32_t filed, int64_t application_id,
    const char *case_no, const char *note, const char *now, int64_t *idp,
    char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	char		 fd[GK_DATE_LEN], td[GK_DATE_LEN];
	int32_t		 today, received = GK_DATE_NONE;
	int64_t		 app_agency = 0, id;
	enum gk_err	 e;
	int		 rc;

	if (case_no == NULL)
		case_no = "";
	if (note == NULL)
		note = "";
	if (actor == NULL || actor[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人");
		return GK_EINVAL;
	}
	if ((e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	if ((unsigned)route >= GK_S4ROUTE__MAX) {
		snprintf(err, errlen, "途径无效：须为行政复议、未经复议直接起诉或复议后起诉");
		return GK_EINVAL;
	}
	if (filed == GK_DATE_NONE || filed > today) {
		gk_date_format(today, td);
		snprintf(err, errlen, filed == GK_DATE_NONE ? "缺少申请（起诉）日期" :
		    "申请（起诉）日期晚于今天 %s", td);
		return GK_EINVAL;
	}
	if (!plain_text(case_no, GK_CASE_NO_MAX) || !plain_text(note, GK_CASE_NOTE_MAX)) {
		snprintf(err, errlen, "案号至多 %d 个字符、说明至多 %d 个字符，不含控制字符",
		    GK_CASE_NO_MAX, GK_CASE_NOTE_MAX);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, agency_id, CASE_ROLES, 0, err,
	    errlen)) != GK_OK)
		goto fail;
	if (application_id != 0) {
		if ((rc = application_of(h, application_id, &app_agency, &received)) != 1) {
			if (rc < 0)
				e = gk_db_err(db, err, errlen, "无法查询申请");
			else {
				snprintf(err, errlen, "申请 %lld 不存在", (long long)application_id);
				e = GK_ENOTFOUND;
			}
			goto fail;
		}
		if (app_agency != agency_id) {
			snprintf(err, errlen, "申请 %lld 属于机构 %lld，不是机构 %lld",
			    (long long)application_id, (long long)app_agency,
			    (long long)agency_id);
			e = GK_ECONFLICT;
			goto fail;
		}
		if (received != GK_DATE_NONE && filed < received) {
			gk_date_format(received, td);
			gk_date_format(filed, fd);
			snprintf(err, errlen, "申请（起诉）日期 %s 早于所涉申请的收到日期 %s",
			    fd, td);
			e = GK_EINVAL;
			goto fail;
		}
	}
	gk_date_format(filed, fd);
	if ((e = gk_db_exec(db, "无法保存案件", err, errlen, "INSERT INTO legal_case"
	    " (agency_id, application_id, route, case_no, filed_date, result, note,"
	    " created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'pending', ?, ?, ?)", "iztttttt",
	    agency_id, application_id, route_names[route], case_no, fd, note, now,
	    now)) != GK_OK)
		goto fail;
	id = sqlite3_last_insert_rowid(h);
	if ((e = gk_apply_audit(db, actor, "legal_case", id, "add", json_pack("{s:I, s:o, s:s, s:s, s:s, s:s}",
	    "agency_id", (json_int_t)agency_id, "application_id", application_id != 0 ?
	    json_integer(application_id) : json_null(), "route", route_names[route],
	    "case_no", case_no, "filed", fd, "note", note), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	if (idp != NULL)
		*idp = id;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

#define CASE_COLS "id, agency_id, application_id, route, case_no, filed_date," \
	" result, closed_date, note, created_at, updated_at"

static enum gk_err
case_fill(sqlite3_stmt *st, void *out)
{
	struct gk_case	*c = out;
	const char	*t;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->agency_id = sqlite3_column_int64(st, 1);
	c->application_id = sqlite3_column_int64(st, 2);
	t = (const char *)sqlite3_column_text(st, 3);
	if (t == NULL || !gk_case_route_from_name(t, &c->route))
		c->route = GK_S4_RECON;
	t = (const char *)sqlite3_column_text(st, 4);
	c->case_no = gk_strdup(t ? t : "");
	c->filed = gk_apply_col_date(st, 5);
	t = (const char *)sqlite3_column_text(st, 6);
	if (t == NULL || !gk_case_result_from_name(t, &c->result))
		c->result = GK_S4_PENDING;
	c->closed = gk_apply_col_date(st, 7);
	t = (const char *)sqlite3_column_text(st, 8);
	c->note = gk_strdup(t ? t : "");
	t = (const char *)sqlite3_column_text(st, 9);
	gk_strlcpy_utf8(c->created_at, t ? t : "", sizeof(c->created_at));
	t = (const char *)sqlite3_column_text(st, 10);
	gk_strlcpy_utf8(c->updated_at, t ? t : "", sizeof(c->updated_at));
	if (c->case_no == NULL || c->note == NULL) {
		gk_case_clear(c);
		return GK_ENOMEM;
	}
	return GK_OK;
}

void
gk_case_clear(struct gk_case *c)
{
	if (c == NULL)
		return;
	gk_free(c->case_no);
	gk_free(c->note);
	memset(c, 0, sizeof(*c));
}

enum gk_err
gk_case_get(struct gk_db *db, int64_t id, struct gk_case *c, char *err, size_t errlen)
{
	memset(c, 0, sizeof(*c));
	return gk_db_get_id(db, "SELECT " CASE_COLS " FROM legal_case WHERE id = ?", id,
	    case_fill, c, "案件", err, errlen);
}

enum gk_err
gk_case_update(struct gk_db *db, const char *actor, int64_t id, enum gk_s4res result,
    int32_t closed, const char *now, char *err, size_t errlen)
{
	struct gk_case	 c;
	char		 cd[GK_DATE_LEN], fd[GK_DATE_LEN];
	int32_t		 today;
	enum gk_err	 e;

	memset(&c, 0, sizeof(c));
	if (actor == NULL || actor[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人");
		return GK_EINVAL;
	}
	if ((e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	if ((unsigned)result >= GK_S4_PENDING) {
		snprintf(err, errlen, "结果须为维持、纠正或其他结果");
		return GK_EINVAL;
	}
	if (closed == GK_DATE_NONE) {
		snprintf(err, errlen, "记录结果须同时给出审结日期");
		return GK_EINVAL;
	}
	if (closed > today) {
		gk_date_format(closed, cd);
		snprintf(err, errlen, "审结日期 %s 晚于今天", cd);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_case_get(db, id, &c, err, errlen)) != GK_OK ||
	    (e = gk_user_authorize(db, actor, c.agency_id, CASE_ROLES, 0, err,
	    errlen)) != GK_OK)
		goto fail;
	if (c.result != GK_S4_PENDING) {
		snprintf(err, errlen, "案件 %lld 已有结果（%s），不能再次记录", (long long)id,
		    result_labels[c.result]);
		e = GK_ECONFLICT;
		goto fail;
	}
	gk_date_format(closed, cd);
	gk_date_format(c.filed, fd);
	if (closed < c.filed) {
		snprintf(err, errlen, "审结日期 %s 早于申请（起诉）日期 %s", cd, fd);
		e = GK_EINVAL;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法保存案件", err, errlen, "UPDATE legal_case SET"
	    " result = ?, closed_date = ?, updated_at = ? WHERE id = ? AND result = 'pending'",
	    "ttti", result_names[result], cd, now, id)) != GK_OK)
		goto fail;
	if ((e = gk_apply_audit(db, actor, "legal_case", id, "result", json_pack("{s:s, s:s}", "result",
	    result_names[result], "closed", cd), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_case_clear(&c);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_case_clear(&c);
	return e;
}

static void
case_clear_v(void *p)
{
	gk_case_clear(p);
}

enum gk_err
gk_case_list(struct gk_db *db, int64_t agency_id, int year, struct gk_case_list *l,
    char *err, size_t errlen)
{
	static const struct gk_db_list k = {
		"SELECT " CASE_COLS " FROM legal_case WHERE (?1 = 0 OR agency_id = ?1) AND"
		" (?2 IS NULL OR (filed_date >= ?2 AND filed_date < ?3)) ORDER BY filed_date, id",
		sizeof(struct gk_case), CASE_LIST_MAX, case_fill, case_clear_v, "无法查询案件",
		"案件", "件",
	};
	void		*v;
	enum gk_err	 e;

	memset(l, 0, sizeof(*l));
	e = gk_db_list_year(db, &k, agency_id, year, &v, &l->n, err, errlen);
	l->v = v;
	return e;
}

void
gk_case_list_free(struct gk_case_list *l)
{
	if (l == NULL)
		return;
	gk_db_list_free(l->v, l->n, sizeof(l->v[0]), case_clear_v);
	memset(l, 0, sizeof(*l));
}
