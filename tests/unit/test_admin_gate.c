/*
 * test_admin_gate.c — the back office's gate (web/admin.c) without a
 * server: requests built by hand and given to gk_admin_handle. No session →
 * 303 to the login with next; the login sets the cookie (Secure only when
 * the request is secure) and rotates a presented id; CSRF missing, wrong or
 * another session's → 403 with nothing changed; a cross-site POST → 403
 * even for the login; the forced password change; logout; 404 in the
 * frame; the menu by role; hostile next values; gk_http_cross_site's rules.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "core/workflow.h"
#include "store/db.h"
#include "store/session.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/server.h"

#define PW	"Yanbian#2026a"

static struct gk_web_ctx	 ctx;
static struct gk_site		 site;
static struct gk_web_resp	 resp;

struct rq {
	const char	*method, *path;
	const char	*args[16];	/* name, value, ..., NULL */
	const char	*cookie;	/* gk_session value or NULL */
	int		 secure, cross;
};

static int
call(const struct rq *r)
{
	struct gk_web_arg	a[8], c;
	struct gk_web_req	req;
	char			err[512];
	size_t			n = 0;
	enum gk_err		e;

	memset(&req, 0, sizeof(req));
	req.method = r->method;
	req.path = r->path;
	req.client = "10.0.0.1";
	for (n = 0; r->args[2 * n] != NULL; n++) {
		a[n].name = r->args[2 * n];
		a[n].value = r->args[2 * n + 1];
	}
	req.args = a;
	req.nargs = n;
	if (r->cookie != NULL) {
		c.name = GK_SESSION_COOKIE;
		c.value = r->cookie;
		req.cookies = &c;
		req.ncookies = 1;
	}
	req.secure = r->secure;
	req.cross_site = r->cross;
	gk_web_resp_clear(&resp);
	err[0] = '\0';
	e = gk_admin_handle(&ctx, &req, &resp, err, sizeof(err));
	if (e != GK_OK)
		fail_msg("%s %s: %s (%s)", r->method, r->path, gk_strerror(e), err);
	return resp.status;
}

/* The cookie value of a Set-Cookie into out (65 bytes); "" when none. */
static void
cookie_of(char *out)
{
	const char *p = strstr(resp.set_cookie, "gk_session=");

	out[0] = '\0';
	if (p != NULL && strlen(p + 11) >= 64 && p[11 + 64] == ';') {
		memcpy(out, p + 11, 64);
		out[64] = '\0';
	}
}

static int
has(const char *s)
{
	return resp.body.data != NULL && strstr(resp.body.data, s) != NULL;
}

/* The CSRF token in the page into out (65 bytes). */
static void
csrf_of(char *out)
{
	const char *p = resp.body.data != NULL ? strstr(resp.body.data, "name=\"csrf\" value=\"") : NULL;

	assert_non_null(p);
	memcpy(out, p + 19, 64);
	out[64] = '\0';
}

static void
setup_db(struct gk_db **db, char *dir, size_t n, int64_t *ag)
{
	char	err[512];
	int64_t	ag2;

	gk_user_pwhash_fast(1);
	*db = gk_test_db_open("gate", dir, n, NULL, 0);
	gk_test_agencies(*db, "2025-09-29T09:00:00+08:00", ag, &ag2);
	if (gk_user_add(*db, "cli:root", *ag, "li", "李四", WF_ROLE_BIT(WF_ROLE_DRAFTER), PW,
	    "2025-09-29T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK ||
	    gk_user_add(*db, "cli:root", *ag, "boss", "赵管理员", WF_ROLE_BIT(WF_ROLE_ADMIN), PW,
	    "2025-09-29T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK)
		fail_msg("user: %s", err);
	gk_test_exec(*db, "UPDATE users SET must_change = 0 WHERE login = 'boss'");
	memset(&ctx, 0, sizeof(ctx));
	memset(&site, 0, sizeof(site));
	snprintf(site.name, sizeof(site.name), "盐边县人民政府信息公开平台");
	ctx.db = *db;
	ctx.site = &site;
	snprintf(ctx.now, sizeof(ctx.now), "2025-09-29T10:00:00+08:00");
	gk_web_resp_init(&resp);
}

static void
test_gate(void **state)
{
	struct gk_db	*db;
	char		 dir[64], c[65], c2[65], tok[65], hash[128];
	int64_t		 ag;

	(void)state;
	setup_db(&db, dir, sizeof(dir), &ag);

	/* No session. */
	assert_int_equal(call(&(struct rq){ "GET", "/admin/items/7", { NULL }, NULL, 0, 0 }), 303);
	assert_string_equal(resp.location, "/admin/login?next=/admin/items/7");
	assert_int_equal(resp.cacheable, 0);
	assert_int_equal(call(&(struct rq){ "GET", "/admin", { NULL }, NULL, 0, 0 }), 303);
	assert_string_equal(resp.location, "/admin/");
	assert_int_equal(call(&(struct rq){ "GET", "/admin/x", { NULL }, "abc", 0, 0 }), 303);
	assert_string_equal(resp.location, "/admin/login?expired=1&next=/admin/x");
	assert_non_null(strstr(resp.set_cookie, "Max-Age=0"));

	/* The login page escapes what it echoes; next only when acceptable. */
	assert_int_equal(call(&(struct rq){ "GET", "/admin/login",
	    { "next", "/admin/\"><script>", NULL }, NULL, 0, 0 }), 200);
	assert_false(has("<script>"));
	assert_false(has("name=\"next\""));
	assert_int_equal(call(&(struct rq){ "POST", "/admin/login",
	    { "login", "<b>li</b>\"'", "password", "x", NULL }, NULL, 0, 0 }), 401);
	assert_true(has("value=\"&lt;b&gt;li&lt;/b&gt;&quot;&#39;\""));
	assert_true(has("登录名或密码错误"));
	assert_string_equal(resp.set_cookie, "");

	/* Cross-site: refused before the password is looked at. */
	assert_int_equal(call(&(struct rq){ "POST", "/admin/login",
	    { "login", "li", "password", PW, NULL }, NULL, 0, 1 }), 403);
	assert_string_equal(resp.set_cookie, "");
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM session"), 0);

	/* Login; the Secure flag only when secure. */
	assert_int_equal(call(&(struct rq){ "POST", "/admin/login",
	    { "login", "li", "password", PW, "next", "//evil.example/admin/", NULL }, NULL, 0, 0 }),
	    303);
	assert_string_equal(resp.location, "/admin/password");	/* an initial password */
	cookie_of(c);
	assert_int_equal(strlen(c), 64);
	assert_null(strstr(resp.set_cookie, "Secure"));
	assert_non_null(strstr(resp.set_cookie, "; Path=/admin; HttpOnly; SameSite=Strict"));
	assert_int_equal(call(&(struct rq){ "POST", "/admin/login",
	    { "login", "li", "password", PW, NULL }, c, 1, 0 }), 303);
	cookie_of(c2);
	assert_string_not_equal(c, c2);
	assert_non_null(strstr(resp.set_cookie, "; Secure"));
	assert_int_equal(call(&(struct rq){ "GET", "/admin/password", { NULL }, c, 0, 0 }), 303);

	/* Forced change before anything else. */
	assert_int_equal(call(&(struct rq){ "GET", "/admin/items", { NULL }, c2, 0, 0 }), 303);
	assert_string_equal(resp.location, "/admin/password");
	assert_int_equal(call(&(struct rq){ "GET", "/admin/password", { NULL }, c2, 0, 0 }), 200);
	assert_true(has("您正在使用初始密码"));
	csrf_of(tok);
	gk_test_text(db, "SELECT password_hash FROM users WHERE login = 'li'", hash, sizeof(hash));
	assert_int_equal(call(&(struct rq){ "POST", "/admin/password",
	    { "old", PW, "new", "Panzhihua-88X", "confirm", "Panzhihua-88X", NULL }, c2, 0, 0 }), 403);
	assert_int_equal(call(&(struct rq){ "POST", "/admin/password",
	    { "old", PW, "new", "Panzhihua-88X", "confirm", "Panzhihua-88X", "csrf", tok, NULL }, c2, 0,
	    1 }), 403);
	assert_int_equal(gk_test_int(db, "SELECT must_change FROM users WHERE login = 'li'"), 1);
	assert_int_equal(call(&(struct rq){ "POST", "/admin/password",
	    { "old", PW, "new", "Panzhihua-88X", "confirm", "Panzhihua-88X", "csrf", tok, NULL }, c2, 0,
	    0 }), 303);
	cookie_of(c);
	assert_string_not_equal(c, c2);
	assert_int_equal(gk_test_int(db, "SELECT must_change FROM users WHERE login = 'li'"), 0);
	assert_int_equal(call(&(struct rq){ "GET", "/admin/password", { NULL }, c2, 0, 0 }), 303);

	/* Inside: 404 in the frame, the menu by role, tokens refused to a drafter. */
	assert_int_equal(call(&(struct rq){ "GET", "/admin/no/such", { NULL }, c, 0, 0 }), 404);
	assert_true(has("页面不存在"));
	assert_true(has("aria-label=\"后台菜单\""));
	assert_true(has("科室拟稿人"));
	assert_false(has("系统设置"));
	assert_false(has("接口令牌"));
	assert_int_equal(call(&(struct rq){ "GET", "/admin/tokens", { NULL }, c, 0, 0 }), 403);
	assert_int_equal(resp.cacheable, 0);

	/* Logout: POST with the token only. */
	assert_int_equal(call(&(struct rq){ "GET", "/admin/logout", { NULL }, c, 0, 0 }), 200);
	csrf_of(tok);
	assert_int_equal(call(&(struct rq){ "POST", "/admin/logout", { "csrf", "x", NULL }, c, 0, 0 }),
	    403);
	assert_int_equal(call(&(struct rq){ "POST", "/admin/logout", { "csrf", tok, NULL }, c, 0, 0 }),
	    303);
	assert_non_null(strstr(resp.set_cookie, "Max-Age=0"));
	assert_int_equal(call(&(struct rq){ "GET", "/admin/password", { NULL }, c, 0, 0 }), 303);

	/* An admin sees 系统设置 and 接口令牌. */
	assert_int_equal(call(&(struct rq){ "POST", "/admin/login",
	    { "login", "boss", "password", PW, "next", "/admin/tokens", NULL }, NULL, 0, 0 }), 303);
	assert_string_equal(resp.location, "/admin/tokens");
	cookie_of(c);
	assert_int_equal(call(&(struct rq){ "GET", "/admin/tokens", { NULL }, c, 0, 0 }), 200);
	assert_true(has("系统设置"));
	assert_true(has("<a href=\"/admin/tokens\" aria-current=\"page\">接口令牌</a>"));
	gk_web_resp_clear(&resp);
	gk_test_db_remove(db, dir);
}

static void
test_cross_site(void **state)
{
	(void)state;
	assert_int_equal(gk_http_cross_site(NULL, "a.gov.cn", NULL), 0);
	assert_int_equal(gk_http_cross_site(NULL, NULL, NULL), 0);
	assert_int_equal(gk_http_cross_site(NULL, "a.gov.cn", "same-origin"), 0);
	assert_int_equal(gk_http_cross_site(NULL, "a.gov.cn", "none"), 0);
	assert_int_equal(gk_http_cross_site(NULL, "a.gov.cn", "cross-site"), 1);
	assert_int_equal(gk_http_cross_site("https://a.gov.cn", "a.gov.cn", NULL), 0);
	assert_int_equal(gk_http_cross_site("https://A.gov.cn", "a.gov.cn:443", NULL), 0);
	assert_int_equal(gk_http_cross_site("http://127.0.0.1:8080", "127.0.0.1:8080", NULL), 0);
	assert_int_equal(gk_http_cross_site("http://127.0.0.1:9999", "127.0.0.1:8080", NULL), 0);
	assert_int_equal(gk_http_cross_site("http://[::1]:8080", "[::1]:8080", NULL), 0);
	assert_int_equal(gk_http_cross_site("https://a.gov.cn.evil.example", "a.gov.cn", NULL), 1);
	assert_int_equal(gk_http_cross_site("https://evil.example", "a.gov.cn", NULL), 1);
	assert_int_equal(gk_http_cross_site("https://a.gov.c", "a.gov.cn", NULL), 1);
	assert_int_equal(gk_http_cross_site("null", "a.gov.cn", NULL), 1);
	assert_int_equal(gk_http_cross_site("ftp://a.gov.cn", "a.gov.cn", NULL), 1);
	assert_int_equal(gk_http_cross_site("https://", "a.gov.cn", NULL), 1);
	assert_int_equal(gk_http_cross_site("https://a.gov.cn", NULL, NULL), 1);
	assert_int_equal(gk_http_cross_site("https://a.gov.cn", "a.gov.cn", "cross-site"), 1);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_gate),
	cmocka_unit_test(test_cross_site),
};

GK_TEST_MAIN("admin_gate", tests)
