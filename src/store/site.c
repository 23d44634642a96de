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

static char *
site_change_json(const char *key, const char *value, const char *old, int had)
{
	json_t		*o;
	json_malloc_t	 mf;
	json_free_t	 ff;
	char		*s, *copy = NULL;

	o = json_pack("{s:s, s:o, s:o}", "key", key,
	    "value", value[0] != '\0' ? json_string(value) : json_null(),
	    "old", had ? json_string(old) : json_null());
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
gk_site_set(struct gk_db *db, const char *actor, const char *key, const char *value,
    const char *now, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 old[512], *change = NULL;
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
	if ((change = site_change_json(key, value, old, had)) == NULL) {
		snprintf(err, errlen, "内存不足");
		e = GK_ENOMEM;
		goto fail;
	}
	if ((e = gk_audit_append(db, actor, "platform", 0, "setting", change, now, NULL,
	    err, errlen)) != GK_OK)
		goto fail;
	gk_free(change);
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_free(change);
	gk_db_tx_rollback(db);
	return e;
}
