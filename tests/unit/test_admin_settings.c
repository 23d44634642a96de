/*
 * test_admin_settings.c — the back office's settings area (web/
 * admin_settings*.c, docs/admin-settings.md) called directly through
 * gk_admin_settings with fabricated signed-in users, as the gate would:
 * users (add with the initial password shown once and must_change set,
 * roles, reset, deactivate, the last administrator kept), agencies
 * (add with the standard categories, contact details, settings, the
 * platform's site settings), categories (add, rename and move carrying
 * their timeliness rules along, no cycles, delete only when empty),
 * timeliness rules, and the calendar (a 2027 notice entered through the
 * form changes the due date the store computes). Every bad input gets a
 * field-level message and a 400/409 with nothing written; roles (403) and
 * agencies (404) are scoped; injection strings in every field render
 * inert.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/calendar.h"
#include "core/category.h"
#include "core/date.h"
#include "core/item.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/item.h"
#include "store/site.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/web.h"

#define NOW	"2026-11-20T10:00:00+08:00"
#define XSS	"<script>alert(1)</script>\"><img src=x onerror=alert(2)>"

static struct gk_test_area	 A;
static int64_t			 child;		/* an agency below A.s.ag */
static struct gk_admin_user	 admin1, admin2, officer1, childadmin;

static void
mkuser(struct gk_admin_user *u, int64_t ag, const char *login, unsigned roles)
{
	char	err[256];
	int64_t	id = 0;

	assert_int_equal(gk_user_add(A.s.db, "cli:root", ag, login, login, roles, NULL,
	    NOW, &id, err, sizeof(err)), GK_OK);
	gk_test_admin_as(u, id, ag, login, roles, NULL);
}

static int
setup(void **state)
{
	char err[512];

	*state = &A;
	gk_user_pwhash_fast(1);
	gk_test_area_open(&A, "admin-settings", NOW, NOW);
	assert_int_equal(gk_agency_add(A.s.db, "cli:root", "盐边县商务局执法大队",
	    "12510422MB12345606", A.s.ag, "乡级", NOW, &child, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag, "cli:root", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag2, "cli:root", NOW, err,
	    sizeof(err)), GK_OK);
	mkuser(&admin1, A.s.ag, "admin1", WF_ROLE_BIT(WF_ROLE_ADMIN));
	mkuser(&admin2, A.s.ag2, "admin2", WF_ROLE_BIT(WF_ROLE_ADMIN));
	mkuser(&officer1, A.s.ag, "officer1", WF_ROLE_BIT(WF_ROLE_OFFICER));
	mkuser(&childadmin, child, "childadmin", WF_ROLE_BIT(WF_ROLE_ADMIN));
	return 0;
}

/*
 * One request to gk_admin_settings as user u; kv: name, value pairs ending
 * with NULL (may be NULL). Returns the status (0 when no screen answered).
 */
static int
call(const struct gk_admin_user *u, const char *method, const char *path,
    const char *const *kv)
{
	if (gk_test_admin(gk_admin_settings, &A.ctx, u, &A.resp, method, path, kv, NULL, 0) ==
	    GK_ENOTFOUND)
		return 0;
	return A.resp.status;
}

#define body()	gk_test_body(&A.resp)
#define has(s)	(strstr(body(), (s)) != NULL)

/* The injection strings appear only escaped. */
static void
inert(void)
{
	assert_null(strstr(body(), "<script>"));
	assert_null(strstr(body(), "<img src=x"));
	assert_null(strstr(body(), "\"><img"));
}

static int64_t
count(const char *sql)
{
	return gk_test_int(A.s.db, sql);
}

/* The initial password shown on the page into pw. */
static void
shown_password(char *pw, size_t n)
{
	const char *p = strstr(body(), "id=\"initial-password\">"), *q;

	assert_non_null(p);
	p += strlen("id=\"initial-password\">");
	q = strstr(p, "</code>");
	assert_non_null(q);
	assert_true((size_t)(q - p) < n);
	memcpy(pw, p, (size_t)(q - p));
	pw[q - p] = '\0';
}

static void
test_users_add(void **state)
{
	struct gk_user	 t;
	char		 pw[64], err[256], sql[256];
	int64_t		 id = 0, audits;
	int		 must = 0;

	(void)state;
	assert_int_equal(call(&admin1, "GET", "/admin/users", NULL), 200);
	assert_true(has("admin1") && has("officer1") && has("须修改初始密码"));
	assert_false(has("admin2"));	/* another agency's */
	assert_true(has("name=\"csrf\""));

	audits = count("SELECT count(*) FROM audit");
	assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
	    "login", "zhang.san", "name", "张三", "role", "drafter", "role", "reviewer",
	    NULL }), 200);
	shown_password(pw, sizeof(pw));
	assert_int_equal((int)strlen(pw), 20);
	assert_int_equal(gk_user_password_check(pw, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_user_verify_password(A.s.db, "zhang.san", pw, &id, &must, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(must, 1);
	assert_int_equal(gk_user_get(A.s.db, id, &t, err, sizeof(err)), GK_OK);
	assert_int_equal(t.agency_id, A.s.ag);
	assert_int_equal(t.roles, WF_ROLE_BIT(WF_ROLE_DRAFTER) | WF_ROLE_BIT(WF_ROLE_REVIEWER));
	gk_user_clear(&t);
	/* One audit entry by the admin, without the password. */
	assert_int_equal(count("SELECT count(*) FROM audit"), audits + 1);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'admin1' AND "
	    "entity = 'user' AND action = 'create'"), 1);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE instr(change, '%s') > 0",
	    pw);
	assert_int_equal(count(sql), 0);
	/* Shown once: the list does not show it again. */
	assert_int_equal(call(&admin1, "GET", "/admin/users", NULL), 200);
	assert_true(has("zhang.san"));
	assert_null(strstr(body(), pw));

	/* An administrator of the parent adds to the child agency. */
	snprintf(sql, sizeof(sql), "/admin/users");
	{
		char ag[32];

		snprintf(ag, sizeof(ag), "%lld", (long long)child);
		assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
		    "agency", ag, "login", "li.si", "name", "李四", "role", "officer", NULL }),
		    200);
		assert_int_equal(count("SELECT agency_id FROM users WHERE login = 'li.si'"),
		    child);
	}
}

static void
test_users_bad_input(void **state)
{
	int64_t users = count("SELECT count(*) FROM users"), audits;

	(void)state;
	audits = count("SELECT count(*) FROM audit");
	/* No role, a bad login, no name. */
	assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
	    "login", "a b", "name", "", NULL }), 400);
	assert_true(has("id=\"err-login\"") && has("id=\"err-name\"") && has("id=\"err-role\""));
	assert_true(has("value=\"a b\""));	/* the entered value comes back */
	/* An unknown role. */
	assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
	    "login", "wang", "name", "王五", "role", "root", NULL }), 400);
	assert_true(has("id=\"err-role\""));
	/* A taken login: 409 next to the login. */
	assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
	    "login", "officer1", "name", "重名", "role", "drafter", NULL }), 409);
	assert_true(has("id=\"err-login\"") && has("已被使用"));
	/* Injection strings in every field. */
	assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
	    "login", XSS, "name", XSS, "role", XSS, NULL }), 400);
	inert();
	assert_true(has("&lt;script&gt;"));
	assert_int_equal(count("SELECT count(*) FROM users"), users);
	assert_int_equal(count("SELECT count(*) FROM audit"), audits);
	/* A name with markup is stored as text and shown escaped. */
	assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
	    "login", "xss.user", "name", XSS, "role", "drafter", NULL }), 200);
	inert();
	assert_int_equal(call(&admin1, "GET", "/admin/users", NULL), 200);
	inert();
	assert_true(has("&lt;script&gt;alert(1)&lt;/script&gt;"));
}

static void
test_users_edit(void **state)
{
	struct gk_user	 t;
	char		 path[64], pw[64], err[256];
	int64_t		 id;
	int		 must = 0;

	(void)state;
	assert_int_equal(call(&admin1, "POST", "/admin/users", (const char *const[]){
	    "login", "zhao", "name", "赵六", "role", "drafter", NULL }), 200);
	id = count("SELECT id FROM users WHERE login = 'zhao'");
	snprintf(path, sizeof(path), "/admin/users/%lld", (long long)id);
	assert_int_equal(call(&admin1, "GET", path, NULL), 200);
	assert_true(has("赵六") && has("/roles") && has("/reset") && has("/deactivate"));

	/* Name: empty and injected refused or stored as text. */
	snprintf(path, sizeof(path), "/admin/users/%lld/name", (long long)id);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "name", "", NULL }),
	    400);
	assert_true(has("id=\"err-name\""));
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "name", XSS, NULL }),
	    303);
	assert_int_equal(gk_user_get(A.s.db, id, &t, err, sizeof(err)), GK_OK);
	assert_string_equal(t.display_name, XSS);
	gk_user_clear(&t);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "name", "赵六", NULL }),
	    303);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'admin1' AND "
	    "action = 'set_name'"), 2);
	snprintf(path, sizeof(path), "/admin/users/%lld/name", (long long)officer1.user_id);
	assert_int_equal(call(&admin2, "POST", path, (const char *const[]){ "name", "x", NULL }),
	    404);

	/* Roles: none is refused, then two are set. */
	snprintf(path, sizeof(path), "/admin/users/%lld/roles", (long long)id);
	assert_int_equal(call(&admin1, "POST", path, NULL), 400);
	assert_true(has("id=\"err-role\""));
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "role", "approver", "role", "officer", NULL }), 303);
	assert_int_equal(gk_user_get(A.s.db, id, &t, err, sizeof(err)), GK_OK);
	assert_int_equal(t.roles, WF_ROLE_BIT(WF_ROLE_APPROVER) | WF_ROLE_BIT(WF_ROLE_OFFICER));
	gk_user_clear(&t);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'admin1' AND "
	    "action = 'set_roles'"), 1);

	/* Reset: a new initial password, shown once, must be changed. */
	snprintf(path, sizeof(path), "/admin/users/%lld/reset", (long long)id);
	assert_int_equal(call(&admin1, "POST", path, NULL), 200);
	shown_password(pw, sizeof(pw));
	assert_int_equal(gk_user_verify_password(A.s.db, "zhao", pw, NULL, &must, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(must, 1);

	/* Deactivate, then the user cannot log in and the page has no forms. */
	snprintf(path, sizeof(path), "/admin/users/%lld/deactivate", (long long)id);
	assert_int_equal(call(&admin1, "POST", path, NULL), 303);
	snprintf(path, sizeof(path), "/admin/users/%lld", (long long)id);
	assert_string_equal(A.resp.location, path);
	snprintf(path, sizeof(path), "/admin/users/%lld/deactivate", (long long)id);
	assert_int_equal(gk_user_verify_password(A.s.db, "zhao", pw, NULL, NULL, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(call(&admin1, "POST", path, NULL), 409);	/* already */
	snprintf(path, sizeof(path), "/admin/users/%lld", (long long)id);
	assert_int_equal(call(&admin1, "GET", path, NULL), 200);
	assert_true(has("已停用"));
	assert_false(has("/deactivate\""));

	/* The agency's last administrator cannot be deactivated or demoted. */
	snprintf(path, sizeof(path), "/admin/users/%lld/deactivate", (long long)admin2.user_id);
	assert_int_equal(call(&admin2, "POST", path, NULL), 409);
	assert_true(has("唯一的在用管理员"));
	snprintf(path, sizeof(path), "/admin/users/%lld/roles", (long long)admin2.user_id);
	assert_int_equal(call(&admin2, "POST", path, (const char *const[]){
	    "role", "officer", NULL }), 409);
	assert_true(has("id=\"err-role\""));
	assert_int_equal(count("SELECT active FROM users WHERE login = 'admin2'"), 1);
}

static void
test_users_scope(void **state)
{
	char path[64], ag[32];

	(void)state;
	/* Not an administrator: 403 for every users page. */
	assert_int_equal(call(&officer1, "GET", "/admin/users", NULL), 403);
	assert_int_equal(call(&officer1, "POST", "/admin/users", (const char *const[]){
	    "login", "sneaky", "name", "x", "role", "admin", NULL }), 403);
	assert_int_equal(count("SELECT count(*) FROM users WHERE login = 'sneaky'"), 0);
	/* Another agency's user or agency: 404. */
	snprintf(path, sizeof(path), "/admin/users/%lld", (long long)officer1.user_id);
	assert_int_equal(call(&admin2, "GET", path, NULL), 404);
	snprintf(path, sizeof(path), "/admin/users/%lld/reset", (long long)officer1.user_id);
	assert_int_equal(call(&admin2, "POST", path, NULL), 404);
	snprintf(ag, sizeof(ag), "%lld", (long long)A.s.ag);
	assert_int_equal(call(&admin2, "GET", "/admin/users", (const char *const[]){
	    "agency", ag, NULL }), 404);
	assert_int_equal(call(&admin2, "GET", "/admin/users", (const char *const[]){
	    "agency", "1 OR 1=1", NULL }), 404);
	/* The child's administrator does not reach the parent. */
	assert_int_equal(call(&childadmin, "GET", "/admin/users", (const char *const[]){
	    "agency", ag, NULL }), 404);
	/* The parent's administrator reaches the child. */
	snprintf(ag, sizeof(ag), "%lld", (long long)child);
	assert_int_equal(call(&admin1, "GET", "/admin/users", (const char *const[]){
	    "agency", ag, NULL }), 200);
	assert_true(has("childadmin"));
	/* Unknown paths are not ours. */
	assert_int_equal(call(&admin1, "GET", "/admin/users/abc", NULL), 0);
	assert_int_equal(call(&admin1, "GET", "/admin/users/99999", NULL), 404);
}

static void
test_agencies(void **state)
{
	struct gk_agency	 a;
	char			 path[96], err[256], val[64];
	int64_t			 n, id, cats;

	(void)state;
	assert_int_equal(call(&admin1, "GET", "/admin/agencies", NULL), 200);
	assert_true(has("盐边县商务局") && has("盐边县财政局") && has("平台设置"));
	/* A non-platform administrator sees its own and no add form. */
	assert_int_equal(call(&childadmin, "GET", "/admin/agencies", NULL), 200);
	assert_true(has("盐边县商务局执法大队"));
	assert_false(has("盐边县财政局"));
	assert_false(has("添加机构"));
	assert_int_equal(call(&childadmin, "POST", "/admin/agencies", (const char *const[]){
	    "name", "某局", "uscc", "11510422MB1234567Y", NULL }), 403);
	assert_int_equal(call(&officer1, "GET", "/admin/agencies", NULL), 403);

	/* Add: bad code and name, then a good one with the standard categories. */
	n = count("SELECT count(*) FROM agency");
	assert_int_equal(call(&admin1, "POST", "/admin/agencies", (const char *const[]){
	    "name", "", "uscc", "12345", "level", "村级", NULL }), 400);
	assert_true(has("id=\"err-name\"") && has("id=\"err-uscc\"") && has("id=\"err-level\""));
	assert_int_equal(call(&admin1, "POST", "/admin/agencies", (const char *const[]){
	    "name", XSS, "uscc", XSS, "parent", XSS, "level", XSS, NULL }), 400);
	inert();
	assert_int_equal(call(&admin1, "POST", "/admin/agencies", (const char *const[]){
	    "name", "盐边县统计局", "uscc", "11510422MB1234567Y", "parent", "0", "level", "县级",
	    NULL }), 409);	/* the code is registered */
	assert_true(has("id=\"err-uscc\""));
	assert_int_equal(count("SELECT count(*) FROM agency"), n);
	assert_int_equal(call(&admin1, "POST", "/admin/agencies", (const char *const[]){
	    "name", "盐边县统计局", "uscc", "115104220000000015", "parent", "0",
	    "level", "县级", NULL }), 303);
	id = count("SELECT id FROM agency WHERE name = '盐边县统计局'");
	snprintf(path, sizeof(path), "/admin/agencies/%lld", (long long)id);
	assert_string_equal(A.resp.location, path);
	cats = count("SELECT count(*) FROM category WHERE agency_id = (SELECT id FROM agency "
	    "WHERE name = '盐边县统计局')");
	assert_int_equal(cats, (int64_t)category_default()->n);

	/* Details: bad name and level refused; then renamed. */
	snprintf(path, sizeof(path), "/admin/agencies/%lld/details", (long long)child);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "name", "", "level", XSS, NULL }), 400);
	assert_true(has("id=\"err-name\"") && has("id=\"err-level\""));
	inert();
	assert_int_equal(call(&childadmin, "POST", path, (const char *const[]){
	    "name", "盐边县商务综合行政执法大队", "level", "县级", NULL }), 303);
	assert_int_equal(gk_agency_get(A.s.db, child, &a, err, sizeof(err)), GK_OK);
	assert_string_equal(a.name, "盐边县商务综合行政执法大队");
	assert_string_equal(a.level, "县级");
	gk_agency_clear(&a);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'childadmin' AND "
	    "entity = 'agency' AND action = 'update'"), 1);
	snprintf(path, sizeof(path), "/admin/agencies/%lld/details", (long long)A.s.ag);
	assert_int_equal(call(&childadmin, "POST", path, (const char *const[]){
	    "name", "篡改", "level", "县级", NULL }), 404);	/* the parent is not the child's */

	/* Contact: a bad postcode and e-mail, nothing written; then good values. */
	snprintf(path, sizeof(path), "/admin/agencies/%lld", (long long)A.s.ag);
	assert_int_equal(call(&admin1, "GET", path, NULL), 200);
	assert_true(has("联系方式") && has("name=\"office\""));
	snprintf(path, sizeof(path), "/admin/agencies/%lld/contact", (long long)A.s.ag);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "office", "办公室", "postcode", "12", "email", "nobody", NULL }), 400);
	assert_true(has("id=\"err-postcode\"") && has("id=\"err-email\""));
	assert_false(has("id=\"err-office\""));
	assert_int_equal(gk_agency_get(A.s.db, A.s.ag, &a, err, sizeof(err)), GK_OK);
	assert_string_equal(a.office, "");
	gk_agency_clear(&a);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "office", "办公室", "address", XSS, "postcode", "617100", "phone", "0812-8522222",
	    "email", "ybsw@example.gov.cn", "hours", "工作日 9:00-12:00", NULL }), 303);
	assert_int_equal(gk_agency_get(A.s.db, A.s.ag, &a, err, sizeof(err)), GK_OK);
	assert_string_equal(a.office, "办公室");
	assert_string_equal(a.postcode, "617100");
	assert_string_equal(a.address, XSS);
	gk_agency_clear(&a);
	snprintf(path, sizeof(path), "/admin/agencies/%lld", (long long)A.s.ag);
	assert_int_equal(call(&admin1, "GET", path, NULL), 200);
	inert();
	assert_true(has("617100"));

	/* Settings: a bad one leaves all unwritten; then two are set. */
	snprintf(path, sizeof(path), "/admin/agencies/%lld/settings", (long long)A.s.ag);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "apply.answer_days", "15", "fee.item_band_size", "0", "indexno_pattern", XSS,
	    NULL }), 400);
	assert_true(has("id=\"err-fee.item_band_size\"") && has("id=\"err-indexno_pattern\""));
	inert();
	assert_int_equal(gk_agency_setting_get(A.s.db, A.s.ag, "apply.answer_days", val,
	    sizeof(val), err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "apply.answer_days", "15", "fee.item_band_size", "20", NULL }), 303);
	assert_int_equal(gk_agency_setting_get(A.s.db, A.s.ag, "apply.answer_days", val,
	    sizeof(val), err, sizeof(err)), GK_OK);
	assert_string_equal(val, "15");
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'admin1' AND "
	    "entity = 'agency' AND action = 'setting'"), 2);

	/* Another agency's: 404; the child's from the parent: allowed. */
	snprintf(path, sizeof(path), "/admin/agencies/%lld", (long long)A.s.ag);
	assert_int_equal(call(&admin2, "GET", path, NULL), 404);
	snprintf(path, sizeof(path), "/admin/agencies/%lld/contact", (long long)A.s.ag);
	assert_int_equal(call(&admin2, "POST", path, (const char *const[]){
	    "office", "冒名", NULL }), 404);
	snprintf(path, sizeof(path), "/admin/agencies/%lld", (long long)child);
	assert_int_equal(call(&admin1, "GET", path, NULL), 200);
}

static void
test_site_settings(void **state)
{
	struct gk_site s;
	char err[256];

	(void)state;
	assert_int_equal(call(&officer1, "GET", "/admin/agencies/site", NULL), 403);
	assert_int_equal(call(&childadmin, "POST", "/admin/agencies/site", (const char *const[]){
	    "sponsor", "冒名", NULL }), 403);
	assert_int_equal(call(&admin1, "GET", "/admin/agencies/site", NULL), 200);
	assert_true(has("主办单位") && has("网站标识码"));
	assert_int_equal(call(&admin1, "POST", "/admin/agencies/site", (const char *const[]){
	    "name", "盐边县人民政府信息公开平台", "host", "ftp://x/y", "sponsor", "盐边县人民政府办公室",
	    "site_code", "51042200-01", NULL }), 400);
	assert_true(has("id=\"err-host\"") && has("id=\"err-site_code\""));
	assert_int_equal(gk_site_load(A.s.db, &s, err, sizeof(err)), GK_OK);
	assert_string_equal(s.sponsor, "");
	assert_int_equal(call(&admin1, "POST", "/admin/agencies/site", (const char *const[]){
	    "name", "盐边县人民政府信息公开平台", "host", "https://www.yanbian.gov.cn",
	    "sponsor", XSS, "site_code", "5104220001", "icp", "蜀ICP备00000000号", NULL }), 303);
	assert_int_equal(gk_site_load(A.s.db, &s, err, sizeof(err)), GK_OK);
	assert_string_equal(s.sponsor, XSS);
	assert_string_equal(s.site_code, "5104220001");
	assert_int_equal(call(&admin1, "GET", "/admin/agencies/site", NULL), 200);
	inert();
}

static void
test_categories(void **state)
{
	struct gk_test_store	*t = &A.s;
	struct gk_item_actor	 drafter;
	char			 path[128], ag[32], pid[32], err[256], val[32];
	int64_t			 zcwj, gz, gzdt, newid, n;

	(void)state;
	snprintf(ag, sizeof(ag), "%lld", (long long)t->ag);
	assert_int_equal(call(&admin1, "GET", "/admin/categories", NULL), 200);
	assert_true(has("政策文件") && has("行政规范性文件") && has("补齐标准栏目"));
	assert_int_equal(call(&officer1, "GET", "/admin/categories", NULL), 403);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "政策文件", &zcwj, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "政策文件/规章", &gz, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "工作动态", &gzdt, err, sizeof(err)), GK_OK);

	/* Add: a bad code, a duplicate name, then one under 政策文件. */
	snprintf(pid, sizeof(pid), "%lld", (long long)zcwj);
	n = count("SELECT count(*) FROM category");
	assert_int_equal(call(&admin1, "POST", "/admin/categories", (const char *const[]){
	    "parent", pid, "name", "地方性法规", "code", "Bad Code", NULL }), 400);
	assert_true(has("id=\"err-code\""));
	assert_int_equal(call(&admin1, "POST", "/admin/categories", (const char *const[]){
	    "parent", pid, "name", "规章", NULL }), 409);
	assert_true(has("id=\"err-name\""));
	assert_int_equal(call(&admin1, "POST", "/admin/categories", (const char *const[]){
	    "parent", XSS, "name", XSS, "code", XSS, "kind", XSS, NULL }), 400);
	inert();
	assert_int_equal(count("SELECT count(*) FROM category"), n);
	assert_int_equal(call(&admin1, "POST", "/admin/categories", (const char *const[]){
	    "parent", pid, "name", "地方性法规", "code", "zcwj-dfx", NULL }), 303);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "政策文件/地方性法规", &newid, err,
	    sizeof(err)), GK_OK);
	snprintf(path, sizeof(path), "/admin/categories?agency=%s", ag);
	assert_string_equal(A.resp.location, path);

	/* A rule on 工作动态, then renaming carries it along. */
	assert_int_equal(call(&admin1, "POST", "/admin/rules", (const char *const[]){
	    "path", "工作动态", "days", "2", NULL }), 303);
	snprintf(path, sizeof(path), "/admin/categories/%lld/rename", (long long)gzdt);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "name", "政策解读", NULL }), 409);	/* a sibling's name */
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "name", "a/b", NULL }), 400);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){
	    "name", "工作要闻", NULL }), 303);
	assert_int_equal(gk_agency_setting_get(t->db, t->ag, "timeliness.工作要闻", val,
	    sizeof(val), err, sizeof(err)), GK_OK);
	assert_string_equal(val, "2");
	assert_int_equal(gk_agency_setting_get(t->db, t->ag, "timeliness.工作动态", val,
	    sizeof(val), err, sizeof(err)), GK_ENOTFOUND);

	/* Move: no cycle, then 地方性法规 to the top and back under 规章 (depth 3). */
	snprintf(path, sizeof(path), "/admin/categories/%lld/move", (long long)zcwj);
	snprintf(pid, sizeof(pid), "%lld", (long long)gz);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "parent", pid, NULL }),
	    400);
	assert_true(has("下级栏目之下"));
	snprintf(pid, sizeof(pid), "%lld", (long long)zcwj);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "parent", pid, NULL }),
	    400);	/* under itself */
	assert_int_equal(gk_category_lookup(t->db, t->ag, "政策文件", &zcwj, err, sizeof(err)), GK_OK);
	snprintf(path, sizeof(path), "/admin/categories/%lld/move", (long long)newid);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "parent", "0", NULL }),
	    303);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "地方性法规", &n, err, sizeof(err)), GK_OK);
	assert_int_equal(n, newid);
	snprintf(pid, sizeof(pid), "%lld", (long long)gz);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "parent", pid, NULL }),
	    303);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "政策文件/规章/地方性法规", &n, err,
	    sizeof(err)), GK_OK);
	/* 政策文件 now has 2 levels below it: under 财政信息/预算 it would make 5. */
	assert_int_equal(gk_category_lookup(t->db, t->ag, "财政信息/预算", &n, err, sizeof(err)),
	    GK_OK);
	snprintf(pid, sizeof(pid), "%lld", (long long)n);
	snprintf(path, sizeof(path), "/admin/categories/%lld/move", (long long)zcwj);
	assert_int_equal(call(&admin1, "POST", path, (const char *const[]){ "parent", pid, NULL }),
	    400);
	assert_true(has("超过 4 级"));
	assert_int_equal(gk_category_lookup(t->db, t->ag, "政策文件/规章/地方性法规", &n, err,
	    sizeof(err)), GK_OK);

	/* Delete: not with children, not with items; an empty one goes. */
	snprintf(path, sizeof(path), "/admin/categories/%lld/delete", (long long)gz);
	assert_int_equal(call(&admin1, "POST", path, NULL), 409);
	assert_true(has("下级栏目"));
	gk_test_user(t->db, t->ag, "drafter1", WF_ROLE_DRAFTER, &drafter);
	gk_test_item(t->db, &drafter, "政策文件/规章/地方性法规", "某规定", "2026-11-02", NULL);
	snprintf(path, sizeof(path), "/admin/categories/%lld/delete", (long long)newid);
	assert_int_equal(call(&admin1, "POST", path, NULL), 409);
	assert_true(has("还有信息"));
	assert_int_equal(call(&admin1, "POST", "/admin/categories", (const char *const[]){
	    "name", "临时栏目", NULL }), 303);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "临时栏目", &n, err, sizeof(err)), GK_OK);
	snprintf(path, sizeof(path), "/admin/categories/%lld/delete", (long long)n);
	assert_int_equal(call(&admin1, "POST", path, NULL), 303);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "临时栏目", &n, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'admin1' AND "
	    "entity = 'category' AND action IN ('rename', 'move', 'delete')"), 4);

	/* Another agency's category: 404, nothing changed. */
	snprintf(path, sizeof(path), "/admin/categories/%lld/rename", (long long)zcwj);
	assert_int_equal(call(&admin2, "POST", path, (const char *const[]){ "name", "改掉", NULL }),
	    404);
	assert_int_equal(call(&admin2, "POST", path, (const char *const[]){ "agency", ag,
	    "name", "改掉", NULL }), 404);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "政策文件", &n, err, sizeof(err)), GK_OK);

	/* Injection in a stored name renders inert; the defaults come back. */
	assert_int_equal(call(&admin1, "POST", "/admin/categories", (const char *const[]){
	    "name", "<img src=x onerror=alert(1)>", NULL }), 303);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "招商引资", &n, err, sizeof(err)), GK_OK);
	snprintf(path, sizeof(path), "/admin/categories/%lld/delete", (long long)n);
	assert_int_equal(call(&admin1, "POST", path, NULL), 303);
	assert_int_equal(call(&admin1, "POST", "/admin/categories/defaults", NULL), 303);
	assert_int_equal(gk_category_lookup(t->db, t->ag, "招商引资", &n, err, sizeof(err)), GK_OK);
	/* The renamed 工作动态 keeps its code and is not added again. */
	assert_int_equal(gk_category_lookup(t->db, t->ag, "工作动态", &n, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_equal(call(&admin1, "GET", "/admin/categories", NULL), 200);
	inert();
	assert_true(has("&lt;img src=x onerror=alert(1)&gt;"));
}

static void
test_rules(void **state)
{
	struct timeliness_rules	 r;
	char			 err[256], val[32];

	(void)state;
	assert_int_equal(call(&officer1, "GET", "/admin/rules", NULL), 403);
	assert_int_equal(call(&admin1, "GET", "/admin/rules", NULL), 200);
	assert_true(has("5 个工作日") && has("3 个工作日") && has("20 个工作日"));
	assert_true(has("活动结束之日"));
	/* Bad days: 21 (over 条例第二十六条), text, injection. */
	assert_int_equal(call(&admin1, "POST", "/admin/rules", (const char *const[]){
	    "path", "政策文件/规章", "days", "21", NULL }), 400);
	assert_true(has("id=\"err-days\"") && has("value=\"21\""));
	assert_int_equal(call(&admin1, "POST", "/admin/rules", (const char *const[]){
	    "path", "政策文件/规章", "days", XSS, NULL }), 400);
	inert();
	assert_int_equal(call(&admin1, "POST", "/admin/rules", (const char *const[]){
	    "path", XSS, "days", "3", NULL }), 404);
	inert();
	assert_int_equal(gk_agency_setting_get(A.s.db, A.s.ag, "timeliness.政策文件/规章", val,
	    sizeof(val), err, sizeof(err)), GK_ENOTFOUND);
	/* Four days for 规章; the effective rules follow. */
	assert_int_equal(call(&admin1, "POST", "/admin/rules", (const char *const[]){
	    "path", "政策文件/规章", "days", "4", NULL }), 303);
	assert_int_equal(gk_agency_timeliness_rules(A.s.db, A.s.ag, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/规章")->days, 4);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/规章")->base, TIMELINESS_FROM_FORMED);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/行政规范性文件")->days, 5);
	/* Empty: back to the default. */
	assert_int_equal(call(&admin1, "POST", "/admin/rules", (const char *const[]){
	    "path", "政策文件/规章", "days", "", NULL }), 303);
	assert_int_equal(gk_agency_timeliness_rules(A.s.db, A.s.ag, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(timeliness_rule_for(&r, "政策文件/规章")->days, 5);
	/* Another agency's: 404. */
	snprintf(val, sizeof(val), "%lld", (long long)A.s.ag);
	assert_int_equal(call(&admin2, "GET", "/admin/rules", (const char *const[]){
	    "agency", val, NULL }), 404);
	assert_int_equal(call(&admin2, "POST", "/admin/rules", (const char *const[]){
	    "agency", val, "path", "政策文件/规章", "days", "1", NULL }), 404);
	assert_int_equal(gk_agency_setting_get(A.s.db, A.s.ag, "timeliness.政策文件/规章", val,
	    sizeof(val), err, sizeof(err)), GK_ENOTFOUND);
}

/*
 * The 2027 notice as the form sends it, with fields f1 and f2 (may be
 * NULL) set to v1 and v2 (replaced, or added when the notice lacks them).
 */
static int
post_notice2(const struct gk_admin_user *u, const char *f1, const char *v1, const char *f2,
    const char *v2)
{
	const char *kv[40] = {
		"year", "2027", "doc_no", "国办发明电〔2026〕9号",
		"h0_name", "元旦", "h0_from", "2027-01-01", "h0_to", "2027-01-03",
		"h1_name", "春节", "h1_from", "2027-02-06", "h1_to", "2027-02-13",
		"h6_name", "国庆节", "h6_from", "2027-10-01", "h6_to", "2027-10-07",
		"w0_name", "春节", "w0_date", "2027-02-14",
		"w1_name", "国庆节", "w1_date", "2027-10-09",
		NULL,
	};
	const char	*fs[2] = { f1, f2 }, *vs[2] = { v1, v2 };
	size_t		 i, k;

	for (k = 0; k < 2; k++) {
		if (fs[k] == NULL)
			continue;
		for (i = 0; kv[i] != NULL && strcmp(kv[i], fs[k]) != 0; i += 2)
			;
		kv[i] = fs[k];
		kv[i + 1] = vs[k];
	}
	return call(u, "POST", "/admin/calendar/notice", kv);
}

static int
post_notice(const struct gk_admin_user *u, const char *field, const char *value)
{
	return post_notice2(u, field, value, NULL, NULL);
}

/* The due date the store gives a policy file formed on day, with the calendar cal. */
static enum gk_err
store_due(const struct calendar *cal, const char *title, char *due)
{
	struct gk_item_actor	 ac;
	struct gk_item_opts	 o;
	struct item_meta	 m;
	struct gk_item		 it;
	char			 err[512];
	int64_t			 id = 0;
	enum gk_err		 e;

	assert_int_equal(gk_item_actor_lookup(A.s.db, "drafter9", &ac, err, sizeof(err)), GK_OK);
	item_meta_init(&m);
	assert_int_equal(item_meta_set(&m, ITEM_F_TITLE, title), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_CATEGORY, "政策文件/规章"), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_WRITTEN, "2026-12-30"), GK_OK);
	memset(&o, 0, sizeof(o));
	o.cal = cal;
	e = gk_item_create(A.s.db, &ac, A.s.ag, &m, &o, "2026-12-30T09:00:00+08:00", &id, NULL,
	    err, sizeof(err));
	item_meta_clear(&m);
	if (e != GK_OK)
		return e;
	assert_int_equal(gk_item_get(A.s.db, id, &it, err, sizeof(err)), GK_OK);
	snprintf(due, GK_DATE_LEN, "%s", it.due_date != NULL ? it.due_date : "-");
	gk_item_clear(&it);
	return GK_OK;
}

static void
test_calendar(void **state)
{
	struct gk_item_actor	 ac;
	struct calendar		 eff;
	char			 err[256], due[GK_DATE_LEN];
	int64_t			 audits;

	(void)state;
	gk_test_user(A.s.db, A.s.ag, "drafter9", WF_ROLE_DRAFTER, &ac);
	/* 2027 is not covered: the store gives no due date running into it. */
	assert_int_equal(store_due(&A.s.cal, "跨年文件甲", due), GK_OK);
	assert_string_equal(due, "-");

	/* Everyone may look; the next year is flagged as missing. */
	assert_int_equal(call(&officer1, "GET", "/admin/calendar", NULL), 200);
	assert_true(has("2026 年") && has("尚未录入 2027 年的放假安排"));
	assert_false(has("/admin/calendar/notice"));
	assert_int_equal(call(&officer1, "GET", "/admin/calendar/2025", NULL), 200);
	assert_true(has("2025-01-28") && has("春节") && has("全年"));
	assert_int_equal(call(&officer1, "GET", "/admin/calendar/2031", NULL), 404);
	/* Only a platform administrator enters a notice. */
	assert_int_equal(post_notice(&officer1, NULL, NULL), 403);
	assert_int_equal(post_notice(&childadmin, NULL, NULL), 403);
	assert_int_equal(call(&admin1, "GET", "/admin/calendar/notice", NULL), 200);
	assert_true(has("录入 2027 年放假通知") && has("value=\"元旦\"") && has("name=\"w0_date\""));

	/* A covered year's form is filled with what the calendar has. */
	assert_int_equal(call(&admin1, "GET", "/admin/calendar/notice", (const char *const[]){
	    "year", "2025", NULL }), 200);
	assert_true(has("name=\"h1_from\" type=\"date\" value=\"2025-01-28\""));
	assert_true(has("name=\"h1_to\" type=\"date\" value=\"2025-02-04\""));
	assert_true(has("name=\"h7_name\" maxlength=\"100\" value=\"国庆节、中秋节\""));
	assert_true(has("name=\"h7_to\" type=\"date\" value=\"2025-10-08\""));
	assert_true(has("name=\"w0_date\" type=\"date\" value=\"2025-01-26\""));
	assert_true(has("name=\"w4_date\" type=\"date\" value=\"2025-10-11\""));

	/* Bad notices: each with its field's message, nothing written. */
	audits = count("SELECT count(*) FROM audit");
	assert_int_equal(post_notice(&admin1, "w0_date", "2027-02-16"), 400);	/* a Tuesday */
	assert_true(has("id=\"err-w0\"") && has("周六或周日"));
	assert_int_equal(post_notice2(&admin1, "h2_name", "清明节", "h2_from", "2027-02-08"),
	    400);	/* inside 春节 */
	assert_true(has("id=\"err-h2\"") && has("重叠"));
	assert_int_equal(post_notice(&admin1, "h1_from", "2027-01-02"), 400);	/* 43 days */
	assert_true(has("id=\"err-h1\"") && has("31 天"));
	assert_int_equal(post_notice(&admin1, "h0_to", "2028-01-01"), 400);	/* next year */
	assert_true(has("id=\"err-h0\"") && has("不在 2027 年内"));
	assert_int_equal(post_notice(&admin1, "h0_from", "2027-13-01"), 400);
	assert_true(has("id=\"err-h0\"") && has("不是有效日期"));
	assert_int_equal(post_notice(&admin1, "w1_date", "2027-10-02"), 400);	/* in 国庆节 */
	assert_true(has("id=\"err-w1\"") && has("放假期间内"));
	assert_int_equal(post_notice(&admin1, "h6_to", "2027-09-30"), 400);	/* end before start */
	assert_true(has("id=\"err-h6\""));
	assert_int_equal(post_notice(&admin1, "year", "20x7"), 400);
	assert_true(has("id=\"err-year\""));
	assert_int_equal(post_notice(&admin1, "h2_from", "2027-04-05"), 400);	/* no name */
	assert_true(has("id=\"err-h2\""));
	assert_int_equal(post_notice(&admin1, "h0_name", XSS), 303);	/* stored as text: below */
	audits++;
	assert_int_equal(post_notice(&admin1, "doc_no", XSS), 303);
	audits++;
	assert_int_equal(count("SELECT count(*) FROM audit"), audits);
	assert_int_equal(call(&admin1, "GET", "/admin/calendar", NULL), 200);
	inert();

	/* The real notice; entered twice, the second replaces the first. */
	assert_int_equal(post_notice(&admin1, NULL, NULL), 303);
	assert_string_equal(A.resp.location, "/admin/calendar/2027");
	assert_int_equal(count("SELECT count(*) FROM calendar_day WHERE year = 2027"), 3 + 8 + 7 + 2);
	assert_int_equal(count("SELECT count(*) FROM calendar_day WHERE name LIKE '%script%'"), 0);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE actor = 'admin1' AND "
	    "entity = 'calendar' AND action = 'notice' AND entity_id = 2027"), 3);
	assert_int_equal(call(&admin1, "GET", "/admin/calendar/2027", NULL), 200);
	assert_true(has("2027-02-14") && has("调休上班") && has("国庆节"));
	assert_int_equal(call(&admin1, "GET", "/admin/calendar", NULL), 200);
	assert_true(has("2027 年") && has("国办发明电〔2026〕9号"));
	assert_false(has("尚未录入 2027 年"));

	/*
	 * The clock counts with it: formed Wed 2026-12-30, 5 working days:
	 * Thu 12-31 (1), Fri 1-1 to Sun 1-3 元旦, Mon 1-4 (2), 1-5 (3),
	 * 1-6 (4), Thu 1-7 (5).
	 */
	assert_int_equal(gk_site_calendar_effective(A.s.db, &A.s.cal, &eff, err, sizeof(err)), GK_OK);
	assert_int_equal(store_due(&eff, "跨年文件乙", due), GK_OK);
	assert_string_equal(due, "2027-01-07");
	calendar_clear(&eff);

	/* Deleting the stored notice makes 2027 uncovered again. */
	assert_int_equal(call(&officer1, "POST", "/admin/calendar/2027/delete", NULL), 403);
	assert_int_equal(call(&admin1, "POST", "/admin/calendar/2027/delete", NULL), 303);
	assert_int_equal(call(&admin1, "POST", "/admin/calendar/2027/delete", NULL), 404);
	assert_int_equal(gk_site_calendar_effective(A.s.db, &A.s.cal, &eff, err, sizeof(err)), GK_OK);
	assert_false(calendar_covers(&eff, 2027));
	calendar_clear(&eff);
}

/* One day of a notice. */
static struct gk_cal_day
day(const char *date, enum calendar_kind kind, const char *name)
{
	struct gk_cal_day d;

	memset(&d, 0, sizeof(d));
	d.date = gk_test_date(date);
	d.kind = kind;
	snprintf(d.name, sizeof(d.name), "%s", name);
	return d;
}

/* The store's notices: checks, authorisation, a year replaced as a whole. */
static void
test_calendar_store(void **state)
{
	struct gk_cal_day	 v[8];
	struct calendar		 eff;
	char			 err[256];
	long			 bad;
	int			 w;

	(void)state;
	/* Only December: the year would not be covered. */
	v[0] = day("2027-12-31", CALENDAR_OFF, "元旦");
	assert_int_equal(gk_site_calendar_check(2027, "", v, 1, &bad, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "1—11 月"));
	assert_int_equal(bad, -1);
	/* The December before may start 元旦; the next year may not. */
	v[0] = day("2026-12-31", CALENDAR_OFF, "元旦");
	v[1] = day("2027-01-01", CALENDAR_OFF, "元旦");
	assert_int_equal(gk_site_calendar_check(2027, "", v, 2, &bad, err, sizeof(err)), GK_OK);
	v[1] = day("2028-01-01", CALENDAR_OFF, "元旦");
	assert_int_equal(gk_site_calendar_check(2027, "", v, 2, &bad, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(bad, 1);
	/* A workday on a Tuesday (the core's rule), a date twice, no name. */
	v[1] = day("2027-02-16", CALENDAR_WORK, "春节");
	assert_int_equal(gk_site_calendar_check(2027, "", v, 2, &bad, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(bad, 1);
	v[1] = day("2026-12-31", CALENDAR_OFF, "元旦");
	assert_int_equal(gk_site_calendar_check(2027, "", v, 2, &bad, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "两次"));
	v[1] = day("2027-02-14", CALENDAR_WORK, "");
	assert_int_equal(gk_site_calendar_check(2027, "", v, 2, &bad, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_calendar_check(0, "", v, 1, &bad, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_calendar_check(2027, "", v, 0, &bad, err, sizeof(err)), GK_EINVAL);

	/* A 2025 notice with 国庆 only, entered by an officer: refused, nothing stored. */
	v[0] = day("2025-10-01", CALENDAR_OFF, "国庆节");
	v[1] = day("2025-10-07", CALENDAR_OFF, "国庆节");
	assert_int_equal(gk_site_calendar_notice_set(A.s.db, "officer1", 2025, "", v, 2, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(count("SELECT count(*) FROM calendar_notice"), 0);
	/* By the platform administrator: the year is now exactly the notice. */
	assert_int_equal(gk_site_calendar_notice_set(A.s.db, "admin1", 2025, "测试", v, 2, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_site_calendar_effective(A.s.db, &A.s.cal, &eff, err, sizeof(err)), GK_OK);
	assert_int_equal(calendar_is_workday(&eff, gk_test_date("2025-10-01"), &w, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(w, 0);
	assert_int_equal(calendar_is_workday(&eff, gk_test_date("2025-10-08"), &w, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(w, 1);		/* Wednesday, no longer off */
	assert_int_equal(calendar_is_workday(&eff, gk_test_date("2025-01-28"), &w, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(w, 1);		/* 春节 of the file is gone with its year */
	assert_int_equal(calendar_is_workday(&eff, gk_test_date("2024-10-01"), &w, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(w, 0);		/* other years as the file says */
	calendar_clear(&eff);
	/* The file's calendar itself is untouched. */
	assert_int_equal(calendar_is_workday(&A.s.cal, gk_test_date("2025-01-28"), &w, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(w, 0);
	/* Entered again: replaced, the audit entry holds what it replaced. */
	v[1] = day("2025-10-08", CALENDAR_OFF, "国庆节");
	assert_int_equal(gk_site_calendar_notice_set(A.s.db, "admin1", 2025, "测试", v, 2, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(count("SELECT count(*) FROM calendar_day"), 2);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE entity = 'calendar' AND "
	    "action = 'notice' AND instr(change, '\"old\":[[\"2025-10-01\",\"off\"') > 0 AND "
	    "instr(change, '2025-10-07') > 0"), 1);
	/* Deleted: back to the file; a second delete finds nothing. */
	assert_int_equal(gk_site_calendar_notice_delete(A.s.db, "officer1", 2025, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_site_calendar_notice_delete(A.s.db, "admin1", 2025, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_site_calendar_notice_delete(A.s.db, "admin1", 2025, NOW, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(count("SELECT count(*) FROM calendar_day"), 0);
	assert_int_equal(count("SELECT count(*) FROM audit WHERE entity = 'calendar'"), 3);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_users_add, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_users_bad_input, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_users_edit, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_users_scope, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_agencies, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_site_settings, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_categories, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_rules, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_calendar, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_calendar_store, setup, gk_test_area_teardown),
};

GK_TEST_MAIN("admin_settings", tests)
