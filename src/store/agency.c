/*
 * agency.c — agencies: the 统一社会信用代码 check (GB 32100-2015) and the
 * store functions add/get/list. The add path is the model for every store
 * module: validate everything first, then BEGIN IMMEDIATE, the row, its
 * audit entry, COMMIT — or ROLLBACK of both.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/indexno.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/user.h"
#include "core/workflow.h"

#define AGENCY_NAME_MAX	200	/* characters */

int
gk_agency_level_valid(const char *level)
{
	static const char *const levels[] = {
		"", "国家级", "省级", "市级", "县级", "乡级",
	};
	size_t i;

	if (level == NULL)
		return 1;
	for (i = 0; i < sizeof(levels) / sizeof(levels[0]); i++)
		if (strcmp(level, levels[i]) == 0)
			return 1;
	return 0;
}

int
gk_agency_exists(sqlite3 *h, int64_t id)
{
	sqlite3_stmt *st;
	int rc;

	if (sqlite3_prepare_v2(h, "SELECT 1 FROM agency WHERE id = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* The id holding a code, 0 if none, -1 on error. */
static int64_t
agency_by_code(sqlite3 *h, const char *uscc)
{
	sqlite3_stmt	*st;
	int64_t		 id = 0;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT id FROM agency WHERE uscc = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, uscc, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? id : -1;
}

/* The change of an add. */
static json_t *
agency_change_json(int64_t id, const char *name, const char *uscc,
    int64_t parent_id, const char *level)
{
	return json_pack("{s:I, s:s, s:s, s:o, s:s}", "id", (json_int_t)id,
	    "name", name, "uscc", uscc, "parent_id",
	    parent_id ? json_integer(parent_id) : json_null(), "level", level);
}

enum gk_err
gk_agency_add(struct gk_db *db, const char *actor, const char *name,
    const char *uscc, int64_t parent_id, const char *level, const char *now,
    int64_t *idp, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st = NULL;
	enum gk_err	 e;
	int64_t		 id, other;
	long		 nc;
	int		 rc;

	if (idp != NULL)
		*idp = 0;
	if (name == NULL || (nc = gk_text_chars(name)) <= 0 ||
	    nc > AGENCY_NAME_MAX) {
		snprintf(err, errlen, "机构名称须为 1～%d 个字符的合法 UTF-8 文本，不含控制字符",
		    AGENCY_NAME_MAX);
		return GK_EINVAL;
	}
	if (!gk_uscc_valid(uscc, err, errlen))
		return GK_EINVAL;
	if (level == NULL)
		level = "";
	if (!gk_agency_level_valid(level)) {
		snprintf(err, errlen, "未知的机构级别（可用：国家级、省级、市级、县级、乡级）");
		return GK_EINVAL;
	}
	if (parent_id < 0) {
		snprintf(err, errlen, "上级机构编号须为正整数");
		return GK_EINVAL;
	}

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	/* Checked inside the transaction, so no other writer slips in between. */
	if ((other = agency_by_code(h, uscc)) != 0) {
		if (other < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "统一社会信用代码 %s 已登记（机构编号 %lld）",
			    uscc, (long long)other);
			e = GK_ECONFLICT;
		}
		goto fail;
	}
	if (parent_id != 0 && (rc = gk_agency_exists(h, parent_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询上级机构");
		else {
			snprintf(err, errlen, "上级机构编号 %lld 不存在", (long long)parent_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	if (sqlite3_prepare_v2(h, "INSERT INTO agency (name, uscc, parent_id, level, "
	    "created_at) VALUES (?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法添加机构");
		goto fail;
	}
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, uscc, -1, SQLITE_STATIC);
	if (parent_id != 0)
		sqlite3_bind_int64(st, 3, parent_id);
	else
		sqlite3_bind_null(st, 3);
	sqlite3_bind_text(st, 4, level, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now ? now : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法添加机构");
		goto fail;
	}
	id = sqlite3_last_insert_rowid(h);
	if ((e = gk_audit_append_json(db, actor, "agency", id, "create",
	    agency_change_json(id, name, uscc, parent_id, level), now, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		return e;
	if (idp != NULL)
		*idp = id;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

void
gk_agency_clear(struct gk_agency *a)
{
	if (a == NULL)
		return;
	gk_free(a->name);
	gk_free(a->level);
	gk_free(a->created_at);
	gk_free(a->office);
	gk_free(a->address);
	gk_free(a->postcode);
	gk_free(a->phone);
	gk_free(a->fax);
	gk_free(a->email);
	gk_free(a->hours);
	memset(a, 0, sizeof(*a));
}

/*
 * Fills a from a row of (id, name, uscc, parent_id, level, created_at,
 * office, address, postcode, phone, fax, email, hours).
 */
static enum gk_err
agency_from_row(sqlite3_stmt *st, struct gk_agency *a)
{
	char		**contact[] = {
		&a->office, &a->address, &a->postcode, &a->phone, &a->fax,
		&a->email, &a->hours,
	};
	const char	 *t;
	size_t		  i;
	int		  nomem = 0;

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	t = (const char *)sqlite3_column_text(st, 2);
	gk_strlcpy_utf8(a->uscc, t ? t : "", sizeof(a->uscc));
	a->parent_id = sqlite3_column_int64(st, 3);
	t = (const char *)sqlite3_column_text(st, 1);
	a->name = gk_strdup(t ? t : "");
	t = (const char *)sqlite3_column_text(st, 4);
	a->level = gk_strdup(t ? t : "");
	t = (const char *)sqlite3_column_text(st, 5);
	a->created_at = gk_strdup(t ? t : "");
	for (i = 0; i < sizeof(contact) / sizeof(contact[0]); i++) {
		t = (const char *)sqlite3_column_text(st, 6 + (int)i);
		if ((*contact[i] = gk_strdup(t ? t : "")) == NULL)
			nomem = 1;
	}
	if (nomem || a->name == NULL || a->level == NULL || a->created_at == NULL) {
		gk_agency_clear(a);
		return GK_ENOMEM;
	}
	return GK_OK;
}

#define AGENCY_COLS "SELECT id, name, uscc, parent_id, level, created_at, office, " \
	"address, postcode, phone, fax, email, hours FROM agency "

/* gk_db_get_one's fill for an agency row. */
static enum gk_err
agency_fill(sqlite3_stmt *st, void *out)
{
	return agency_from_row(st, out);
}

enum gk_err
gk_agency_get(struct gk_db *db, int64_t id, struct gk_agency *a, char *err,
    size_t errlen)
{
	sqlite3_stmt *st;
	char what[32];

	memset(a, 0, sizeof(*a));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), AGENCY_COLS "WHERE id = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof(what), "#%lld", (long long)id);
	return gk_db_get_one(db, st, agency_fill, a, "机构", what, err, errlen);
}

enum gk_err
gk_agency_get_by_uscc(struct gk_db *db, const char *uscc, struct gk_agency *a,
    char *err, size_t errlen)
{
	sqlite3_stmt *st;

	memset(a, 0, sizeof(*a));
	if (uscc == NULL) {
		snprintf(err, errlen, "统一社会信用代码为空");
		return GK_EINVAL;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), AGENCY_COLS "WHERE uscc = ?", -1,
	    &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	sqlite3_bind_text(st, 1, uscc, -1, SQLITE_STATIC);
	return gk_db_get_one(db, st, agency_fill, a, "机构", uscc, err, errlen);
}

void
gk_agency_list_free(struct gk_agency_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_agency_clear(&l->v[i]);
	gk_free(l->v);
	l->v = NULL;
	l->n = 0;
}

enum gk_err
gk_agency_list(struct gk_db *db, struct gk_agency_list *l, char *err,
    size_t errlen)
{
	sqlite3_stmt		*st;
	struct gk_agency	*nv;
	size_t			 cap = 0;
	enum gk_err		 e = GK_OK;
	int			 rc;

	l->v = NULL;
	l->n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), AGENCY_COLS "ORDER BY id", -1,
	    &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法列出机构");
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = gk_realloc(l->v, cap * sizeof(*nv))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			l->v = nv;
		}
		if ((e = agency_from_row(st, &l->v[l->n])) != GK_OK)
			break;
		l->n++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法列出机构");
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	if (e != GK_OK)
		gk_agency_list_free(l);
	return e;
}

/* Parses "1".."20" (digits only) into *daysp. */
static int
agency_days_parse(const char *s, int *daysp)
{
	int d = 0;

	if (s == NULL || *s == '\0' || strlen(s) > 2)
		return 0;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		d = d * 10 + (*s - '0');
	}
	if (d < 1 || d > TIMELINESS_STATUTORY_DAYS)
		return 0;
	*daysp = d;
	return 1;
}

/* Validates a key and its value (NULL: removal); messages name the key. */
static enum gk_err
agency_setting_check(struct gk_db *db, int64_t agency_id, const char *key,
    const char *value, char *err, size_t errlen)
{
	const char	*path;
	int64_t		 catid;
	int		 days;
	enum gk_err	 e;

	if (key == NULL || strlen(key) > GK_AGENCY_SETTING_MAX) {
		snprintf(err, errlen, "设置项为空或过长");
		return GK_EINVAL;
	}
	if (value != NULL && strlen(value) > GK_AGENCY_SETTING_MAX) {
		snprintf(err, errlen, "设置项 %.80s 的值过长", key);
		return GK_EINVAL;
	}
	if (strcmp(key, GK_AGENCY_SETTING_INDEXNO) == 0) {
		if (value != NULL && (e = indexno_pattern_check(value, err,
		    errlen)) != GK_OK)
			return e;
		return GK_OK;
	}
	if (strncmp(key, GK_AGENCY_SETTING_TIMELINESS,
	    strlen(GK_AGENCY_SETTING_TIMELINESS)) == 0) {
		path = key + strlen(GK_AGENCY_SETTING_TIMELINESS);
		if (value != NULL && !agency_days_parse(value, &days)) {
			/* 条例第二十六条: at most 20 working days. */
			snprintf(err, errlen, "设置项 %.80s 的值“%.40s”无效：应为 1～%d 的工作日数"
			    "（条例第二十六条规定不超过 %d 个工作日）", key, value,
			    TIMELINESS_STATUTORY_DAYS, TIMELINESS_STATUTORY_DAYS);
			return GK_EINVAL;
		}
		if (strlen(strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path) >=
		    TIMELINESS_NAME_MAX) {
			snprintf(err, errlen, "设置项 %.80s 的栏目名称过长", key);
			return GK_EINVAL;
		}
		return gk_category_lookup(db, agency_id, path, &catid, err, errlen);
	}
	/* apply.*: store/application.h */
	if (gk_apply_setting_check(key, value, &e, err, errlen))
		return e;
	snprintf(err, errlen, "未知的设置项“%.80s”（可用：%s、%s<栏目路径>、apply.*、fee.*，"
	    "见 gongkai agency --help）", key, GK_AGENCY_SETTING_INDEXNO,
	    GK_AGENCY_SETTING_TIMELINESS);
	return GK_EINVAL;
}

/* The stored value of key: 1 found (copied to buf), 0 absent, -1 error. */
static int
agency_setting_row(sqlite3 *h, int64_t agency_id, const char *key, char *buf,
    size_t n)
{
	sqlite3_stmt	*st;
	const char	*t;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT value FROM agency_setting WHERE "
	    "agency_id = ? AND key = ?", -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && n > 0) {
		t = (const char *)sqlite3_column_text(st, 0);
		gk_strlcpy_utf8(buf, t != NULL ? t : "", n);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/*
 * Opens the transaction of a change to an existing agency by its admin
 * (gk_user_authorize, the parent's admin or the operator too). On an error
 * nothing is left open.
 */
static enum gk_err
agency_admin_begin(struct gk_db *db, const char *actor, int64_t agency_id,
    char *err, size_t errlen)
{
	enum gk_err	e;
	int		rc;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = gk_agency_exists(gk_db_sqlite(db), agency_id)) < 0)
		e = gk_db_err(db, err, errlen, "无法查询机构");
	else if (rc == 0) {
		snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
		e = GK_ENOTFOUND;
	} else
		e = gk_user_authorize(db, actor, agency_id, WF_ROLE_BIT(WF_ROLE_ADMIN),
		    1, err, errlen);
	if (e != GK_OK)
		gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_agency_setting_set(struct gk_db *db, const char *actor, int64_t agency_id,
    const char *key, const char *value, const char *now, char *err,
    size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	enum gk_err	 e;
	char		 old[GK_AGENCY_SETTING_MAX + 1];
	int		 rc, had;

	if ((e = agency_admin_begin(db, actor, agency_id, err, errlen)) != GK_OK)
		return e;
	if ((e = agency_setting_check(db, agency_id, key, value, err, errlen)) != GK_OK)
		goto fail;
	if ((had = agency_setting_row(h, agency_id, key, old, sizeof(old))) < 0) {
		e = gk_db_err(db, err, errlen, "无法查询机构设置");
		goto fail;
	}
	if (value == NULL && !had) {
		snprintf(err, errlen, "机构 %lld 没有设置 %.80s", (long long)agency_id, key);
		e = GK_ENOTFOUND;
		goto fail;
	}
	if (sqlite3_prepare_v2(h, value != NULL ?
	    "INSERT INTO agency_setting (agency_id, key, value) VALUES (?1, ?2, ?3) "
	    "ON CONFLICT (agency_id, key) DO UPDATE SET value = excluded.value" :
	    "DELETE FROM agency_setting WHERE agency_id = ?1 AND key = ?2", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存机构设置");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, key, -1, SQLITE_STATIC);
	if (value != NULL)
		sqlite3_bind_text(st, 3, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存机构设置");
		goto fail;
	}
	if ((e = gk_audit_append_json(db, actor, "agency", agency_id, "setting",
	    json_pack("{s:s, s:o, s:o}", "key", key, "value",
	    value != NULL ? json_string(value) : json_null(), "old",
	    had ? json_string(old) : json_null()), now, err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_agency_setting_get(struct gk_db *db, int64_t agency_id, const char *key,
    char *buf, size_t n, char *err, size_t errlen)
{
	int rc;

	if (n > 0)
		buf[0] = '\0';
	if (key == NULL) {
		snprintf(err, errlen, "设置项为空");
		return GK_EINVAL;
	}
	rc = agency_setting_row(gk_db_sqlite(db), agency_id, key, buf, n);
	if (rc < 0)
		return gk_db_err(db, err, errlen, "无法查询机构设置");
	if (rc == 0) {
		snprintf(err, errlen, "机构 %lld 没有设置 %.80s", (long long)agency_id, key);
		return GK_ENOTFOUND;
	}
	return GK_OK;
}

void
gk_agency_settings_free(struct gk_agency_settings *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		gk_free(l->key[i]);
		gk_free(l->value[i]);
	}
	gk_free(l->key);
	gk_free(l->value);
	memset(l, 0, sizeof(*l));
}

enum gk_err
gk_agency_setting_list(struct gk_db *db, int64_t agency_id,
    struct gk_agency_settings *l, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	const char	*k, *v;
	char		**nk, **nv;
	size_t		 cap = 0;
	enum gk_err	 e = GK_OK;
	int		 rc;

	memset(l, 0, sizeof(*l));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT key, value FROM "
	    "agency_setting WHERE agency_id = ? ORDER BY key", -1, &st, NULL) !=
	    SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构设置");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (l->n == cap) {
			cap = cap ? cap * 2 : 8;
			if ((nk = gk_realloc(l->key, cap * sizeof(*nk))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			l->key = nk;
			if ((nv = gk_realloc(l->value, cap * sizeof(*nv))) == NULL) {
				e = GK_ENOMEM;
				break;
			}
			l->value = nv;
		}
		k = (const char *)sqlite3_column_text(st, 0);
		v = (const char *)sqlite3_column_text(st, 1);
		l->key[l->n] = gk_strdup(k != NULL ? k : "");
		l->value[l->n] = gk_strdup(v != NULL ? v : "");
		l->n++;
		if (l->key[l->n - 1] == NULL || l->value[l->n - 1] == NULL) {
			e = GK_ENOMEM;
			break;
		}
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询机构设置");
	sqlite3_finalize(st);
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	if (e != GK_OK)
		gk_agency_settings_free(l);
	return e;
}

enum gk_err
gk_agency_indexno_pattern(struct gk_db *db, int64_t agency_id, char *buf,
    size_t n, char *err, size_t errlen)
{
	enum gk_err e;

	e = gk_agency_setting_get(db, agency_id, GK_AGENCY_SETTING_INDEXNO, buf, n,
	    err, errlen);
	if (e == GK_ENOTFOUND) {
		gk_strlcpy_utf8(buf, INDEXNO_DEFAULT_PATTERN, n);
		return GK_OK;
	}
	return e;
}

enum gk_err
gk_agency_timeliness_rules(struct gk_db *db, int64_t agency_id,
    struct timeliness_rules *r, char *err, size_t errlen)
{
	struct timeliness_rules		 def;
	const struct timeliness_rule	*dr;
	sqlite3_stmt			*st;
	const char			*key, *val, *path, *name;
	enum gk_err			 e = GK_OK;
	size_t				 plen = strlen(GK_AGENCY_SETTING_TIMELINESS);
	int				 rc, days;

	timeliness_rules_default(&def);
	*r = def;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT key, value FROM "
	    "agency_setting WHERE agency_id = ? AND key LIKE 'timeliness.%' "
	    "ORDER BY key", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构设置");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		key = (const char *)sqlite3_column_text(st, 0);
		val = (const char *)sqlite3_column_text(st, 1);
		if (key == NULL || strncmp(key, GK_AGENCY_SETTING_TIMELINESS, plen) != 0 ||
		    !agency_days_parse(val, &days))
			continue;	/* set() never stores these */
		path = key + plen;
		name = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
		dr = timeliness_rule_for(&def, path);
		if ((e = timeliness_rules_set(r, name, days, dr->base, err,
		    errlen)) != GK_OK)
			break;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询机构设置");
	sqlite3_finalize(st);
	return e;
}

/* ---- contact details ---- */

enum contact_field {
	CF_OFFICE, CF_ADDRESS, CF_POSTCODE, CF_PHONE, CF_FAX, CF_EMAIL, CF_HOURS,
	CF__MAX
};

/* JSON keys (the column names) and the names in messages. */
static const char *const contact_key[CF__MAX] = {
	"office", "address", "postcode", "phone", "fax", "email", "hours",
};
static const char *const contact_label[CF__MAX] = {
	"政府信息公开工作机构", "地址", "邮政编码", "联系电话", "传真", "电子邮箱",
	"办公时间",
};

static void
contact_values(const struct gk_agency_contact *c, const char *v[CF__MAX])
{
	v[CF_OFFICE] = c->office;
	v[CF_ADDRESS] = c->address;
	v[CF_POSTCODE] = c->postcode;
	v[CF_PHONE] = c->phone;
	v[CF_FAX] = c->fax;
	v[CF_EMAIL] = c->email;
	v[CF_HOURS] = c->hours;
}

_Static_assert(GK_AGENCY_NCONTACT == CF__MAX, "GK_AGENCY_NCONTACT is the contact fields");

const char *
gk_agency_contact_field(const struct gk_agency *a, size_t i, const char **labelp)
{
	const struct gk_agency_contact c = {
		.office = a->office, .address = a->address, .postcode = a->postcode,
		.phone = a->phone, .fax = a->fax, .email = a->email, .hours = a->hours,
	};
	const char *v[CF__MAX];

	if (i >= CF__MAX)
		return NULL;
	contact_values(&c, v);
	if (labelp != NULL)
		*labelp = contact_label[i];
	return v[i] != NULL ? v[i] : "";
}

/* Digits, spaces, - ( ) + and 转 only, with 5 or more digits. */
static int
contact_phone_ok(const char *s)
{
	static const char ext[] = "转";
	int digits = 0;

	while (*s != '\0') {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strncmp(s, ext, strlen(ext)) == 0) {
			s += strlen(ext);
			continue;
		} else if (strchr(" -()+", *s) == NULL)
			return 0;
		s++;
	}
	return digits >= 5;
}

/* local@domain.tld: one @, something before it, a dot inside the domain, no spaces. */
static int
contact_email_ok(const char *s)
{
	const char *at = strchr(s, '@'), *dot;

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    strchr(s, ' ') != NULL)
		return 0;
	dot = strrchr(at + 1, '.');
	return dot != NULL && dot != at + 1 && dot[1] != '\0';
}

enum gk_err
gk_agency_contact_check(const struct gk_agency_contact *c, char *err,
    size_t errlen)
{
	const char	*v[CF__MAX];
	size_t		 i;
	long		 nc;

	if (c == NULL) {
		snprintf(err, errlen, "缺少联系信息");
		return GK_EINVAL;
	}
	contact_values(c, v);
	for (i = 0; i < CF__MAX; i++) {
		if (v[i] == NULL)
			continue;
		if ((nc = gk_text_chars(v[i])) < 0 || nc > GK_AGENCY_CONTACT_MAX) {
			snprintf(err, errlen, "%s须为不超过 %d 个字符的合法 UTF-8 文本，不含控制字符",
			    contact_label[i], GK_AGENCY_CONTACT_MAX);
			return GK_EINVAL;
		}
		if (v[i][0] == '\0')
			continue;
		if ((i == CF_POSTCODE && (strlen(v[i]) != 6 ||
		    strspn(v[i], "0123456789") != 6)) ||
		    ((i == CF_PHONE || i == CF_FAX) && !contact_phone_ok(v[i])) ||
		    (i == CF_EMAIL && !contact_email_ok(v[i]))) {
			snprintf(err, errlen, "%s“%.80s”无效：%s", contact_label[i], v[i],
			    i == CF_POSTCODE ? "应为 6 位数字" : i == CF_EMAIL ?
			    "应形如 name@example.gov.cn" :
			    "只能含数字、空格、-、(、)、+ 和“转”，且至少 5 位数字");
			return GK_EINVAL;
		}
	}
	return GK_OK;
}

/* The stored contact columns of an agency into old[] (owned); GK_ENOTFOUND if none. */
static enum gk_err
contact_load(struct gk_db *db, int64_t agency_id, char *old[CF__MAX], char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	const char	*t;
	size_t		 i;
	int		 rc;

	memset(old, 0, CF__MAX * sizeof(old[0]));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT office, address, postcode, "
	    "phone, fax, email, hours FROM agency WHERE id = ?", -1, &st, NULL) !=
	    SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构联系信息");
	sqlite3_bind_int64(st, 1, agency_id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		for (i = 0; i < CF__MAX; i++) {
			t = (const char *)sqlite3_column_text(st, (int)i);
			if ((old[i] = gk_strdup(t != NULL ? t : "")) == NULL)
				rc = SQLITE_NOMEM;
		}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return GK_OK;
	for (i = 0; i < CF__MAX; i++) {
		gk_free(old[i]);
		old[i] = NULL;
	}
	if (rc == SQLITE_NOMEM) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	return gk_db_err(db, err, errlen, "无法查询机构联系信息");
}

/*
 * The change JSON {"old":{…},"set":{…}} of the fields in v[] that differ
 * from old[]; *changed gets their number. NULL when out of memory.
 */
static char *
contact_change_json(const char *const v[CF__MAX], char *const old[CF__MAX],
    int *changed)
{
	json_t		*o, *was, *set;
	size_t		 i;
	int		 bad = 0;

	*changed = 0;
	was = json_object();
	set = json_object();
	o = json_object();
	if (was == NULL || set == NULL || o == NULL)
		bad = 1;
	for (i = 0; !bad && i < CF__MAX; i++) {
		if (v[i] == NULL || strcmp(v[i], old[i]) == 0)
			continue;
		(*changed)++;
		if (json_object_set_new(was, contact_key[i], json_string(old[i])) != 0 ||
		    json_object_set_new(set, contact_key[i], json_string(v[i])) != 0)
			bad = 1;
	}
	if (!bad && (json_object_set(o, "old", was) != 0 ||
	    json_object_set(o, "set", set) != 0))
		bad = 1;
	json_decref(was);
	json_decref(set);
	if (bad) {
		json_decref(o);
		o = NULL;
	}
	return gk_audit_json(o);
}

enum gk_err
gk_agency_contact_set(struct gk_db *db, const char *actor, int64_t agency_id,
    const struct gk_agency_contact *c, const char *now, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	const char	*v[CF__MAX];
	char		*old[CF__MAX] = { NULL }, *change = NULL;
	enum gk_err	 e;
	size_t		 i;
	int		 rc, changed = 0;

	if ((e = gk_agency_contact_check(c, err, errlen)) != GK_OK)
		return e;
	contact_values(c, v);
	if ((e = agency_admin_begin(db, actor, agency_id, err, errlen)) != GK_OK)
		return e;
	if ((e = contact_load(db, agency_id, old, err, errlen)) != GK_OK)
		goto out;
	if ((change = contact_change_json(v, old, &changed)) == NULL) {
		snprintf(err, errlen, "内存不足");
		e = GK_ENOMEM;
		goto out;
	}
	if (changed == 0)
		goto out;	/* nothing to write, nothing to audit */
	/* coalesce(NULL, column): a field not given keeps its value. */
	if (sqlite3_prepare_v2(h, "UPDATE agency SET office = coalesce(?1, office), "
	    "address = coalesce(?2, address), postcode = coalesce(?3, postcode), "
	    "phone = coalesce(?4, phone), fax = coalesce(?5, fax), "
	    "email = coalesce(?6, email), hours = coalesce(?7, hours) WHERE id = ?8",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存机构联系信息");
		goto out;
	}
	for (i = 0; i < CF__MAX; i++)
		if (v[i] != NULL)
			sqlite3_bind_text(st, (int)i + 1, v[i], -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, CF__MAX + 1, agency_id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存机构联系信息");
		goto out;
	}
	e = gk_audit_append(db, actor, "agency", agency_id, "contact", change, now,
	    NULL, err, errlen);
out:
	gk_free(change);
	for (i = 0; i < CF__MAX; i++)
		gk_free(old[i]);
	if (e != GK_OK) {
		gk_db_tx_rollback(db);
		return e;
	}
	return gk_db_tx_commit(db, err, errlen);
}

/* ---- name and level (the back office, docs/admin-settings.md) ---- */

enum gk_err
gk_agency_update(struct gk_db *db, const char *actor, int64_t agency_id,
    const char *name, const char *level, const char *now, char *err, size_t errlen)
{
	struct gk_agency	 a;
	enum gk_err		 e;
	long			 nc;

	memset(&a, 0, sizeof(a));
	if (name == NULL || (nc = gk_text_chars(name)) <= 0 || nc > AGENCY_NAME_MAX) {
		snprintf(err, errlen, "机构名称须为 1～%d 个字符的合法 UTF-8 文本，不含控制字符",
		    AGENCY_NAME_MAX);
		return GK_EINVAL;
	}
	if (level == NULL || !gk_agency_level_valid(level)) {
		snprintf(err, errlen, "未知的机构级别（可用：国家级、省级、市级、县级、乡级）");
		return GK_EINVAL;
	}
	if ((e = agency_admin_begin(db, actor, agency_id, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_agency_get(db, agency_id, &a, err, errlen)) != GK_OK)
		goto fail;
	if (strcmp(a.name, name) == 0 && strcmp(a.level, level) == 0) {
		gk_agency_clear(&a);
		gk_db_tx_rollback(db);	/* nothing changed, nothing audited */
		return GK_OK;
	}
	if ((e = gk_db_exec(db, "无法修改机构", err, errlen, "UPDATE agency SET name = ?1,"
	    " level = ?2 WHERE id = ?3", "tti", name, level, agency_id)) != GK_OK)
		goto fail;
	if ((e = gk_audit_append_json(db, actor, "agency", agency_id, "update",
	    json_pack("{s:s, s:s, s:{s:s, s:s}}", "name", name, "level", level, "old",
	    "name", a.name, "level", a.level), now, err, errlen)) != GK_OK)
		goto fail;
	gk_agency_clear(&a);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_agency_clear(&a);
	gk_db_tx_rollback(db);
	return e;
}
