/*
 * site.c — platform_setting and site_state (site.h).
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/workflow.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/site.h"
#include "store/user.h"

const char *const gk_site_keys[] = {
	"name", "host", "sponsor", "site_code", "icp", "police", "contact",
};
const char *const gk_site_labels[] = {
	"平台名称", "网址", "主办单位", "网站标识码", "ICP备案号", "公安机关备案号", "联系我们",
};
const size_t gk_site_nkeys = sizeof(gk_site_keys) / sizeof(gk_site_keys[0]);

#define SITE_DEFAULT_NAME	"政府信息公开平台"

char *
gk_site_field(struct gk_site *s, const char *key, size_t *sizep)
{
	char	*f = NULL;
	size_t	 n = 0;

	if (key == NULL)
		return NULL;
	if (strcmp(key, "name") == 0) { f = s->name; n = sizeof(s->name); }
	else if (strcmp(key, "host") == 0) { f = s->host; n = sizeof(s->host); }
	else if (strcmp(key, "sponsor") == 0) { f = s->sponsor; n = sizeof(s->sponsor); }
	else if (strcmp(key, "site_code") == 0) { f = s->site_code; n = sizeof(s->site_code); }
	else if (strcmp(key, "icp") == 0) { f = s->icp; n = sizeof(s->icp); }
	else if (strcmp(key, "police") == 0) { f = s->police; n = sizeof(s->police); }
	else if (strcmp(key, "contact") == 0) { f = s->contact; n = sizeof(s->contact); }
	if (sizep != NULL)
		*sizep = n;
	return f;
}

/* http(s)://host[:port] — letters, digits, '-', '.', one optional port. */
static int
host_ok(const char *v)
{
	const char	*p;
	size_t		 n = 0;
	int		 port = 0, digits = 0;

	if (strncmp(v, "https://", 8) == 0)
		p = v + 8;
	else if (strncmp(v, "http://", 7) == 0)
		p = v + 7;
	else
		return 0;
	for (; *p != '\0'; p++, n++) {
		unsigned char c = (unsigned char)*p;

		if (port) {
			if (c < '0' || c > '9' || ++digits > 5)
				return 0;
		} else if (c == ':') {
			if (n == 0)
				return 0;
			port = 1;
		} else if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.'))
			return 0;
	}
	return n > 0 && (!port || digits > 0) && p[-1] != '.';
}

enum gk_err
gk_site_check(const char *key, const char *value, char *err, size_t errlen)
{
	struct gk_site	 s;
	size_t		 size;
	const char	*p;

	if (gk_site_field(&s, key, &size) == NULL) {
		snprintf(err, errlen, "未知的平台设置项 %.40s（可用：name host sponsor site_code "
		    "icp police contact）", key != NULL ? key : "");
		return GK_EINVAL;
	}
	if (value == NULL || gk_text_chars(value) < 0) {
		snprintf(err, errlen, "%s 的值不是有效文本（须为 UTF-8，不含控制字符）", key);
		return GK_EINVAL;
	}
	if (strlen(value) >= size) {
		snprintf(err, errlen, "%s 的值过长（最多 %zu 字节）", key, size - 1);
		return GK_ELIMIT;
	}
	if (value[0] == '\0')
		return GK_OK;
	if (strcmp(key, "host") == 0 && !host_ok(value)) {
		snprintf(err, errlen, "网址应为 https://域名 或 http://域名[:端口]，不含路径");
		return GK_EINVAL;
	}
	if (strcmp(key, "site_code") == 0)
		for (p = value; *p != '\0'; p++)
			if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= 'a' && *p <= 'z'))) {
				snprintf(err, errlen, "网站标识码只能由字母和数字组成");
				return GK_EINVAL;
			}
	return GK_OK;
}

enum gk_err
gk_site_load(struct gk_db *db, struct gk_site *site, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		*f;
	size_t		 n;
	int		 rc;

	memset(site, 0, sizeof(*site));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT key, value FROM platform_setting",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取平台设置");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *k = (const char *)sqlite3_column_text(st, 0);
		const char *v = (const char *)sqlite3_column_text(st, 1);

		if (k != NULL && v != NULL && (f = gk_site_field(site, k, &n)) != NULL)
			gk_strlcpy_utf8(f, v, n);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法读取平台设置");
	if (site->name[0] == '\0')
		gk_strlcpy_utf8(site->name, SITE_DEFAULT_NAME, sizeof(site->name));
	return GK_OK;
}

enum gk_err
gk_site_generation(struct gk_db *db, int64_t *gen, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*gen = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT gen FROM site_state WHERE id = 1",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取站点版本");
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*gen = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return gk_db_err(db, err, errlen, "无法读取站点版本");
	return GK_OK;
}

/*
 * A platform setting is the platform's administrators' business: an actor
 * that is a user's login needs the administrator role in some top-level
 * agency (gk_user_authorize trusts the CLI operator, who is no user).
 */
static enum gk_err
site_authorize(struct gk_db *db, const char *actor, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e = GK_ECONFLICT;
	int		 rc, any = 0;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id FROM agency WHERE parent_id IS NULL "
	    "ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		any = 1;
		e = gk_user_authorize(db, actor, sqlite3_column_int64(st, 0),
		    WF_ROLE_BIT(WF_ROLE_ADMIN), 0, err, errlen);
		if (e != GK_ECONFLICT)
			break;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法查询机构");
	if (!any)
		e = gk_user_authorize(db, actor, 0, WF_ROLE_BIT(WF_ROLE_ADMIN), 0, err, errlen);
	if (e == GK_ECONFLICT)
		snprintf(err, errlen, "无权修改平台设置：需要顶级机构的系统管理员角色");
	return e;
}

/* The current value: 1 found (into buf), 0 not set, -1 database error. */
static int
site_row(struct gk_db *db, const char *key, char *buf, size_t n)
{
	sqlite3_stmt	*st;
	int		 rc;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT value FROM platform_setting WHERE key = ?1",
	    -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		gk_strlcpy_utf8(buf, (const char *)sqlite3_column_text(st, 0), n);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The change of a setting: its key, new value and old (null: none). */
static json_t *
site_change_json(const char *key, const char *value, const char *old, int had)
{
	return json_pack("{s:s, s:o, s:o}", "key", key,
	    "value", value[0] != '\0' ? json_string(value) : json_null(),
	    "old", had ? json_string(old) : json_null());
}

enum gk_err
gk_site_set(struct gk_db *db, const char *actor, const char *key, const char *value,
    const char *now, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 old[512];
	enum gk_err	 e;
	int		 had, rc;

	if ((e = gk_site_check(key, value, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = site_authorize(db, actor, err, errlen)) != GK_OK)
		goto fail;
	if ((had = site_row(db, key, old, sizeof(old))) < 0) {
		e = gk_db_err(db, err, errlen, "无法读取平台设置");
		goto fail;
	}
	if ((had && strcmp(old, value) == 0) || (!had && value[0] == '\0')) {
		gk_db_tx_rollback(db);	/* nothing to write, nothing to audit */
		return GK_OK;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), value[0] != '\0' ?
	    "INSERT INTO platform_setting (key, value) VALUES (?1, ?2) "
	    "ON CONFLICT (key) DO UPDATE SET value = excluded.value" :
	    "DELETE FROM platform_setting WHERE key = ?1", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存平台设置");
		goto fail;
	}
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (value[0] != '\0')
		sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存平台设置");
		goto fail;
	}
	if ((e = gk_audit_append_json(db, actor, "platform", 0, "setting",
	    site_change_json(key, value, old, had), now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* ---- the calendar's notices (schema v16) ---- */

enum gk_err
gk_site_calendar_check(int year, const char *doc_no, const struct gk_cal_day *days,
    size_t n, long *badp, char *err, size_t errlen)
{
	struct calendar	 scratch;
	int32_t		 lo, hi, jan, dec;
	char		 ds[GK_DATE_LEN];
	long		 nc;
	size_t		 i, j;
	int		 covered = 0;
	enum gk_err	 e = GK_OK;

	if (badp != NULL)
		*badp = -1;
	if (year < 2 || year > 9999) {
		snprintf(err, errlen, "年份须为 2～9999 的整数");
		return GK_EINVAL;
	}
	if (doc_no == NULL || (nc = gk_text_chars(doc_no)) < 0 ||
	    nc > GK_CAL_NOTICE_DOCNO_MAX) {
		snprintf(err, errlen, "通知文号须为不超过 %d 个字符的文本，不含控制字符",
		    GK_CAL_NOTICE_DOCNO_MAX);
		return GK_EINVAL;
	}
	if (n == 0 || n > GK_CAL_NOTICE_DAYS_MAX) {
		snprintf(err, errlen, "通知须列出 1～%d 天（放假日和调休上班日）",
		    GK_CAL_NOTICE_DAYS_MAX);
		return GK_EINVAL;
	}
	gk_date_from_ymd(year - 1, 12, 1, &lo);
	gk_date_from_ymd(year, 12, 31, &hi);
	gk_date_from_ymd(year, 1, 1, &jan);
	gk_date_from_ymd(year, 12, 1, &dec);
	memset(&scratch, 0, sizeof(scratch));
	for (i = 0; i < n && e == GK_OK; i++) {
		const struct gk_cal_day *d = &days[i];

		gk_date_format(d->date, ds);
		if (d->date < lo || d->date > hi) {
			snprintf(err, errlen, "%s 不在 %d 年内（元旦假期可从 %d 年 12 月开始）",
			    ds, year, year - 1);
			e = GK_EINVAL;
		} else if ((nc = gk_text_chars(d->name)) <= 0 || nc > GK_CAL_DAY_NAME_MAX) {
			snprintf(err, errlen, "%s 的名称须为 1～%d 个字符，不含控制字符", ds,
			    GK_CAL_DAY_NAME_MAX);
			e = GK_EINVAL;
		} else {
			for (j = 0; j < i; j++)
				if (days[j].date == d->date)
					break;
			if (j < i) {
				snprintf(err, errlen, "%s 出现了两次（各假期和调休上班日不能重叠）", ds);
				e = GK_EINVAL;
			} else if (calendar_set(&scratch, d->date, d->kind, d->name, err,
			    errlen) != GK_OK)	/* the core's rules: work on a weekend */
				e = GK_EINVAL;
		}
		if (e != GK_OK && badp != NULL)
			*badp = (long)i;
		if (d->date >= jan && d->date < dec)
			covered = 1;
	}
	calendar_clear(&scratch);
	if (e == GK_OK && !covered) {
		snprintf(err, errlen, "通知须至少有一天在 %d 年 1—11 月（如春节、国庆节），"
		    "否则该年不算已覆盖", year);
		e = GK_EINVAL;
	}
	return e;
}

/* The days of a notice as [[date, kind, name]…] (a new reference), or NULL. */
static json_t *
site_days_json(const struct gk_cal_day *days, size_t n)
{
	json_t	*a = json_array();
	char	 ds[GK_DATE_LEN];
	size_t	 i;

	for (i = 0; a != NULL && i < n; i++) {
		gk_date_format(days[i].date, ds);
		if (json_array_append_new(a, json_pack("[s, s, s]", ds,
		    calendar_kind_name(days[i].kind), days[i].name)) != 0) {
			json_decref(a);
			return NULL;
		}
	}
	return a;
}

/* The stored days of one year into *vp (free with gk_free), by date. */
static enum gk_err
site_days_load(struct gk_db *db, int year, struct gk_cal_day **vp, size_t *np,
    char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_cal_day	*v = NULL, *nv;
	size_t			 n = 0, cap = 0;
	const char		*t;
	enum gk_err		 e = GK_OK;
	int			 rc;

	*vp = NULL;
	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT date, kind, name FROM "
	    "calendar_day WHERE year = ?1 ORDER BY date", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取日历通知");
	sqlite3_bind_int(st, 1, year);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 32;
			if ((nv = gk_realloc(v, cap * sizeof(*v))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			v = nv;
		}
		memset(&v[n], 0, sizeof(v[n]));
		t = (const char *)sqlite3_column_text(st, 0);
		if (t == NULL || gk_date_parse(t, strlen(t), &v[n].date) != GK_OK)
			continue;	/* the CHECK keeps this from happening */
		t = (const char *)sqlite3_column_text(st, 1);
		v[n].kind = t != NULL && strcmp(t, "work") == 0 ? CALENDAR_WORK : CALENDAR_OFF;
		t = (const char *)sqlite3_column_text(st, 2);
		gk_strlcpy_utf8(v[n].name, t != NULL ? t : "", sizeof(v[n].name));
		n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法读取日历通知");
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	if (e != GK_OK) {
		gk_free(v);
		return e;
	}
	*vp = v;
	*np = n;
	return GK_OK;
}

/* Runs one statement binding ?1 = year; inside a transaction. */
static enum gk_err
site_year_exec(struct gk_db *db, const char *sql, int year, const char *what,
    char *err, size_t errlen)
{
	return gk_db_exec(db, what, err, errlen, sql, "i", (int64_t)year);
}

enum gk_err
gk_site_calendar_notice_set(struct gk_db *db, const char *actor, int year,
    const char *doc_no, const struct gk_cal_day *days, size_t n, const char *now,
    char *err, size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st = NULL;
	struct gk_cal_day	*old = NULL;
	size_t			 nold = 0, i;
	char			 ds[GK_DATE_LEN];
	enum gk_err		 e;

	if ((e = gk_site_calendar_check(year, doc_no, days, n, NULL, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = site_authorize(db, actor, err, errlen)) != GK_OK ||
	    (e = site_days_load(db, year, &old, &nold, err, errlen)) != GK_OK)
		goto fail;
	/* A date another year's notice holds (December) moves to this one. */
	if ((e = site_year_exec(db, "DELETE FROM calendar_day WHERE year = ?1", year,
	    "无法保存日历通知", err, errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_exec(db, "无法保存日历通知", err, errlen, "INSERT INTO calendar_notice"
	    " (year, doc_no, entered_by, entered_at) VALUES (?1, ?2, ?3, ?4) ON CONFLICT (year)"
	    " DO UPDATE SET doc_no = excluded.doc_no, entered_by = excluded.entered_by,"
	    " entered_at = excluded.entered_at", "ittt", (int64_t)year, doc_no,
	    actor != NULL ? actor : "", now != NULL ? now : "")) != GK_OK)
		goto fail;
	if (sqlite3_prepare_v2(h, "INSERT INTO calendar_day (date, year, kind, name) "
	    "VALUES (?1, ?2, ?3, ?4) ON CONFLICT (date) DO UPDATE SET year = excluded.year, "
	    "kind = excluded.kind, name = excluded.name", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存日历通知");
		goto fail;
	}
	for (i = 0; i < n; i++) {
		gk_date_format(days[i].date, ds);
		sqlite3_reset(st);
		sqlite3_bind_text(st, 1, ds, -1, SQLITE_TRANSIENT);
		sqlite3_bind_int(st, 2, year);
		sqlite3_bind_text(st, 3, calendar_kind_name(days[i].kind), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, days[i].name, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE) {
			sqlite3_finalize(st);
			e = gk_db_err(db, err, errlen, "无法保存日历通知");
			goto fail;
		}
	}
	sqlite3_finalize(st);
	if ((e = gk_audit_append_json(db, actor, "calendar", year, "notice",
	    json_pack("{s:i, s:s, s:o, s:o}", "year", year, "doc_no", doc_no, "days",
	    site_days_json(days, n), "old", site_days_json(old, nold)), now, err,
	    errlen)) != GK_OK)
		goto fail;
	gk_free(old);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_free(old);
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_site_calendar_notice_delete(struct gk_db *db, const char *actor, int year,
    const char *now, char *err, size_t errlen)
{
	struct gk_cal_day	*old = NULL;
	size_t			 nold = 0;
	enum gk_err		 e;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = site_authorize(db, actor, err, errlen)) != GK_OK ||
	    (e = site_days_load(db, year, &old, &nold, err, errlen)) != GK_OK ||
	    (e = site_year_exec(db, "DELETE FROM calendar_day WHERE year = ?1", year,
	    "无法删除日历通知", err, errlen)) != GK_OK ||
	    (e = site_year_exec(db, "DELETE FROM calendar_notice WHERE year = ?1", year,
	    "无法删除日历通知", err, errlen)) != GK_OK)
		goto fail;
	if (sqlite3_changes(gk_db_sqlite(db)) != 1) {
		snprintf(err, errlen, "%d 年没有在后台录入的放假通知", year);
		e = GK_ENOTFOUND;
		goto fail;
	}
	if ((e = gk_audit_append_json(db, actor, "calendar", year, "notice_delete",
	    json_pack("{s:i, s:o}", "year", year, "old", site_days_json(old, nold)),
	    now, err, errlen)) != GK_OK)
		goto fail;
	gk_free(old);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_free(old);
	gk_db_tx_rollback(db);
	return e;
}

void
gk_site_calendar_free(struct gk_cal_notice *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		gk_free(v[i].v);
	gk_free(v);
}

enum gk_err
gk_site_calendar_list(struct gk_db *db, struct gk_cal_notice **vp, size_t *np,
    char *err, size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_cal_notice	*v = NULL, *nv;
	size_t			 n = 0, cap = 0;
	const char		*t;
	enum gk_err		 e = GK_OK;
	int			 rc;

	*vp = NULL;
	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT year, doc_no, entered_by, "
	    "entered_at FROM calendar_notice ORDER BY year", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法读取日历通知");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nv = gk_realloc(v, cap * sizeof(*v))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			v = nv;
		}
		memset(&v[n], 0, sizeof(v[n]));
		v[n].year = sqlite3_column_int(st, 0);
		t = (const char *)sqlite3_column_text(st, 1);
		gk_strlcpy_utf8(v[n].doc_no, t != NULL ? t : "", sizeof(v[n].doc_no));
		t = (const char *)sqlite3_column_text(st, 2);
		gk_strlcpy_utf8(v[n].entered_by, t != NULL ? t : "", sizeof(v[n].entered_by));
		t = (const char *)sqlite3_column_text(st, 3);
		gk_strlcpy_utf8(v[n].entered_at, t != NULL ? t : "", sizeof(v[n].entered_at));
		n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法读取日历通知");
	sqlite3_finalize(st);
	for (size_t i = 0; e == GK_OK && i < n; i++)
		e = site_days_load(db, v[i].year, &v[i].v, &v[i].n, err, errlen);
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	if (e != GK_OK) {
		gk_site_calendar_free(v, n);
		return e;
	}
	*vp = v;
	*np = n;
	return GK_OK;
}

enum gk_err
gk_site_calendar_effective(struct gk_db *db, const struct calendar *base,
    struct calendar *out, char *err, size_t errlen)
{
	struct gk_cal_notice	*nv = NULL;
	struct gk_buf		 b;
	size_t			 nn = 0, i, k;
	int32_t			 lo, hi;
	enum gk_err		 e;

	memset(out, 0, sizeof(*out));
	if ((e = gk_site_calendar_list(db, &nv, &nn, err, errlen)) != GK_OK)
		return e;
	/* A copy through the file format (the one parser), then the notices. */
	gk_buf_init(&b, 0);
	if ((e = calendar_format(base, &b)) != GK_OK ||
	    (e = calendar_load(b.data != NULL ? b.data : "", b.len, out, err,
	    errlen)) != GK_OK) {
		if (e == GK_ENOMEM)
			snprintf(err, errlen, "内存不足");
		goto out;
	}
	for (i = 0; i < nn && e == GK_OK; i++) {
		gk_date_from_ymd(nv[i].year, 1, 1, &lo);
		gk_date_from_ymd(nv[i].year, 12, 31, &hi);
		for (k = out->n; k > 0 && e == GK_OK; k--)
			if (out->v[k - 1].date >= lo && out->v[k - 1].date <= hi)
				e = calendar_unset(out, out->v[k - 1].date, err, errlen);
		for (k = 0; k < nv[i].n && e == GK_OK; k++)
			e = calendar_set(out, nv[i].v[k].date, nv[i].v[k].kind,
			    nv[i].v[k].name, err, errlen);
	}
out:
	if (e != GK_OK)
		calendar_clear(out);
	gk_buf_clear(&b);
	gk_site_calendar_free(nv, nn);
	return e;
}

enum gk_err
gk_site_calendar_apply(struct gk_db *db, struct calendar *cal, char *err, size_t errlen)
{
	struct calendar	tmp;
	enum gk_err	e;

	if ((e = gk_site_calendar_effective(db, cal, &tmp, err, errlen)) != GK_OK)
		return e;
	calendar_clear(cal);
	*cal = tmp;
	return GK_OK;
}
