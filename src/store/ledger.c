/*
 * ledger.c — the 台账: one query over item, category, users, review and
 * item_history for a year's items, written out as RFC 4180 CSV with a
 * UTF-8 BOM and a Chinese header row, so Excel opens it as Chinese text.
 * Part of src/store (the only place with SQL); the CLI only writes the
 * buffer to a file.
 */
#include <stdio.h>
#include <string.h>

#include <sqlite3.h>

#include "core/date.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/interpretation.h"
#include "store/ledger.h"

static const char *const ledger_headers[GK_LEDGER_COLS] = {
	"索引号", "标题", "栏目", "发布机构", "文号", "成文日期", "活动结束日期",
	"状态", "有效性", "拟稿人", "审核人（分管领导）", "审定人（主要领导）",
	"提交日期", "审核日期", "审定日期", "发布日期", "应发布日期", "时效",
	"逾期工作日", "撤回原因", "政策解读",
};

/*
 * Reviews of the current round only: those after the item's last return.
 * Columns 0..16 of the select are the first 17 ledger columns before 时效.
 */
#define LEDGER_ROUND \
	"r.item_id = i.id AND r.decision = 'pass' AND r.id > COALESCE((SELECT " \
	"max(x.id) FROM review x WHERE x.item_id = i.id AND x.decision = " \
	"'return'), 0)"

static const char ledger_sql[] =
	"WITH RECURSIVE cp(id, path) AS ("
	" SELECT id, name FROM category WHERE parent_id IS NULL"
	" UNION ALL SELECT c.id, cp.path || '/' || c.name FROM category c"
	" JOIN cp ON c.parent_id = cp.id) "
	"SELECT i.index_no, i.title, COALESCE(cp.path, ''), i.publisher, i.doc_no,"
	" COALESCE(i.written_date, ''), COALESCE(i.event_end_date, ''), i.state,"
	" i.validity, COALESCE(ud.login, ''),"
	" (SELECT u.login FROM review r JOIN users u ON u.id = r.reviewer_id"
	"  WHERE " LEDGER_ROUND " AND r.level = 2 ORDER BY r.id DESC LIMIT 1),"
	" (SELECT u.login FROM review r JOIN users u ON u.id = r.reviewer_id"
	"  WHERE " LEDGER_ROUND " AND r.level = 3 ORDER BY r.id DESC LIMIT 1),"
	" (SELECT substr(max(h.changed_at), 1, 10) FROM item_history h"
	"  WHERE h.item_id = i.id AND h.action = 'submit'),"
	" (SELECT substr(r.decided_at, 1, 10) FROM review r"
	"  WHERE " LEDGER_ROUND " AND r.level = 2 ORDER BY r.id DESC LIMIT 1),"
	" (SELECT substr(r.decided_at, 1, 10) FROM review r"
	"  WHERE " LEDGER_ROUND " AND r.level = 3 ORDER BY r.id DESC LIMIT 1),"
	" substr(i.published_at, 1, 10), COALESCE(i.due_date, ''),"
	" COALESCE(i.withdrawn_reason, ''), i.id, COALESCE(c.kind, 'other') "
	"FROM item i LEFT JOIN cp ON cp.id = i.category_id"
	" LEFT JOIN category c ON c.id = i.category_id"
	" LEFT JOIN users ud ON ud.id = i.drafter_id "
	"WHERE substr(i.created_at, 1, 4) = ?1 AND (?2 = 0 OR i.agency_id = ?2) "
	"ORDER BY i.agency_id, i.index_no";

const char *
gk_ledger_header(int k)
{
	return k >= 0 && k < GK_LEDGER_COLS ? ledger_headers[k] : NULL;
}

enum gk_err
gk_ledger_csv_field(struct gk_buf *out, const char *s)
{
	enum gk_err	 e;
	const char	*p;

	if (s == NULL)
		s = "";
	/*
	 * A cell that starts like a formula (= + - @, tab, CR) would be run by
	 * a spreadsheet: it is written quoted with a leading apostrophe.
	 */
	if (*s != '\0' && strchr("=+-@\t\r", *s) != NULL) {
		if ((e = gk_buf_puts(out, "\"'")) != GK_OK)
			return e;
	} else if (strpbrk(s, ",\"\r\n") == NULL)
		return gk_buf_puts(out, s);
	else if ((e = gk_buf_putc(out, '"')) != GK_OK)
		return e;
	for (p = s; *p != '\0'; p++) {
		if (*p == '"' && (e = gk_buf_putc(out, '"')) != GK_OK)
			return e;
		if ((e = gk_buf_putc(out, *p)) != GK_OK)
			return e;
	}
	return gk_buf_putc(out, '"');
}

enum gk_err
gk_ledger_scope(struct gk_db *db, int year, int64_t agency_id, char *err,
    size_t errlen)
{
	struct gk_agency	ag;
	enum gk_err		e;

	if (year < 1900 || year > 2999) {
		snprintf(err, errlen, "年份无效：%d", year);
		return GK_EINVAL;
	}
	if (agency_id != 0) {
		if ((e = gk_agency_get(db, agency_id, &ag, err, errlen)) != GK_OK)
			return e;
		gk_agency_clear(&ag);
	}
	return GK_OK;
}

/* 时效 and 逾期工作日 of one row into st ("" when undecided). */
static void
ledger_timeliness(const struct calendar *cal, const char *due, const char *pub,
    char *st, size_t stlen, char *late, size_t latelen)
{
	int32_t	 d, p;
	long	 n;
	char	 e[128];

	st[0] = late[0] = '\0';
	if (due == NULL || gk_date_parse(due, strlen(due), &d) != GK_OK)
		return;
	if (pub == NULL || gk_date_parse(pub, strlen(pub), &p) != GK_OK) {
		snprintf(st, stlen, "未发布");
		return;
	}
	/* 条例第二十六条: on time when published on or before the due date. */
	snprintf(st, stlen, "%s", p <= d ? "按时" : "逾期");
	if (p <= d)
		snprintf(late, latelen, "0");
	else if (cal != NULL &&
	    calendar_workdays_between(cal, d, p, &n, e, sizeof(e)) == GK_OK)
		snprintf(late, latelen, "%ld", n);
}

static enum gk_err
ledger_line(struct gk_buf *out, const char *const *v, size_t n)
{
	enum gk_err	 e;
	size_t		 k;

	for (k = 0; k < n; k++) {
		if (k > 0 && (e = gk_buf_putc(out, ',')) != GK_OK)
			return e;
		if ((e = gk_ledger_csv_field(out, v[k])) != GK_OK)
			return e;
	}
	return gk_buf_puts(out, "\r\n");
}

enum gk_err
gk_ledger_csv(struct gk_db *db, int year, int64_t agency_id,
    const struct calendar *cal, struct gk_buf *out, size_t *rowsp, char *err,
    size_t errlen)
{
	sqlite3_stmt		*st = NULL;
	const char		*v[GK_LEDGER_COLS];
	char			 ys[8], tl[16], late[24], interp[512];
	enum category_kind	 kind;
	enum wf_state		 s;
	enum gk_err		 e;
	size_t			 rows = 0;
	int			 k, rc;

	if (rowsp != NULL)
		*rowsp = 0;
	if ((e = gk_ledger_scope(db, year, agency_id, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_buf_puts(out, "\xEF\xBB\xBF")) != GK_OK ||
	    (e = ledger_line(out, ledger_headers, GK_LEDGER_COLS)) != GK_OK)
		goto nomem;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), ledger_sql, -1, &st, NULL) !=
	    SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询台账");
	snprintf(ys, sizeof(ys), "%04d", year);
	sqlite3_bind_text(st, 1, ys, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (k = 0; k < 17; k++)
			v[k] = (const char *)sqlite3_column_text(st, k);
		v[19] = (const char *)sqlite3_column_text(st, 17);
		if (v[7] != NULL && wf_state_from_name(v[7], &s))
			v[7] = wf_state_label(s);
		ledger_timeliness(cal, v[16], v[15], tl, sizeof(tl), late,
		    sizeof(late));
		v[17] = tl;
		v[18] = late;
		if (!category_kind_from_name((const char *)sqlite3_column_text(st,
		    19), &kind))
			kind = CATEGORY_KIND_OTHER;
		if ((e = gk_interp_ledger_cell(db, sqlite3_column_int64(st, 18),
		    kind, interp, sizeof(interp), err, errlen)) != GK_OK) {
			sqlite3_finalize(st);
			return e;
		}
		v[20] = interp;
		if ((e = ledger_line(out, v, GK_LEDGER_COLS)) != GK_OK) {
			sqlite3_finalize(st);
			goto nomem;
		}
		rows++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法读取台账");
	if (rowsp != NULL)
		*rowsp = rows;
	return GK_OK;
nomem:
	snprintf(err, errlen, "%s", e == GK_ELIMIT ? "台账过大" : "内存不足");
	return e;
}
