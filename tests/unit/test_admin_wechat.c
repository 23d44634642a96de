/*
 * test_admin_wechat.c — the back office's 微信公众号 page (web/admin_wechat.c):
 * roles, the account shown without its secret, queueing a published item
 * of the user's agency (not another agency's, not a draft, not twice),
 * hostile input escaped, the outbox with its errors and article links.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "core/workflow.h"
#include "store/category.h"
#include "store/db.h"
#include "store/item.h"
#include "store/wechat_outbox.h"
#include "web/admin.h"
#include "web/admin_wechat.h"

#define NOW	"2025-10-20T10:00:00+08:00"

static struct gk_test_area A;
static struct gk_admin_user officer, drafter, other;
static int64_t pub1, pub2, draft1, foreign1;

/*
 * An item titled title of agency ag by four new users PREFIX-d, -r, -a, -o
 * (drafter, reviewer, approver, officer), written on 2025-10-10 and, if
 * publish, submitted and reviewed that day, approved and published on
 * 2025-10-13.
 */
static int64_t
item_of(int64_t ag, const char *prefix, int publish, const char *title)
{
	static const struct {
		char		 suffix;
		enum wf_role	 role;
		enum wf_action	 act;
		const char	*day;
	} step[4] = {
		{ 'd', WF_ROLE_DRAFTER, WF_ACT_SUBMIT, "2025-10-10" },
		{ 'r', WF_ROLE_REVIEWER, WF_ACT_REVIEW, "2025-10-10" },
		{ 'a', WF_ROLE_APPROVER, WF_ACT_APPROVE, "2025-10-13" },
		{ 'o', WF_ROLE_OFFICER, WF_ACT_PUBLISH, "2025-10-13" },
	};
	struct gk_item_actor	 ac[4];
	char			 login[32];
	int64_t			 id;
	size_t			 i;

	for (i = 0; i < 4; i++) {
		snprintf(login, sizeof(login), "%s-%c", prefix, step[i].suffix);
		gk_test_user(A.s.db, ag, login, step[i].role, &ac[i]);
	}
	id = gk_test_item(A.s.db, &ac[0], "机构职能", title, "2025-10-10", "正文");
	for (i = 0; publish && i < 4; i++)
		gk_test_act(A.s.db, id, &ac[i], step[i].act, step[i].day, NULL);
	return id;
}

static int
setup(void **state)
{
	char err[256];

	gk_test_area_open(&A, "admin-wechat", NOW, NOW);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag, "admin", NOW, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag2, "admin", NOW, err, sizeof(err)),
	    GK_OK);
	pub1 = item_of(A.s.ag, "a1", 1, "<script>alert(1)</script>招商动态");
	pub2 = item_of(A.s.ag, "a2", 1, "第二条动态");
	draft1 = item_of(A.s.ag, "a3", 0, "草稿");
	foreign1 = item_of(A.s.ag2, "b1", 1, "财政局动态");
	gk_test_admin_user(A.s.db, &officer, A.s.ag, "wx-officer", WF_ROLE_OFFICER, NULL);
	gk_test_admin_user(A.s.db, &drafter, A.s.ag, "wx-drafter", WF_ROLE_DRAFTER, NULL);
	gk_test_admin_user(A.s.db, &other, A.s.ag2, "wx-other", WF_ROLE_OFFICER, NULL);
	assert_int_equal(gk_wechat_account_set(A.s.db, "cli:test", A.s.ag, "https://api.example.cn",
	    "wxabc123", "top-secret-value", NOW, err, sizeof(err)), GK_OK);
	*state = &A;
	return 0;
}

static int
call(const struct gk_admin_user *u, const char *method, const char *const *args)
{
	assert_int_equal(gk_test_admin(gk_admin_wechat, &A.ctx, u, &A.resp, method,
	    "/admin/wechat", args, NULL, 0), GK_OK);
	return A.resp.status;
}

static void
test_roles_and_page(void **state)
{
	(void)state;
	assert_int_equal(call(&drafter, "GET", NULL), 403);
	assert_int_equal(call(&officer, "GET", NULL), 200);
	gk_test_has(gk_test_body(&A.resp), "AppID <code>wxabc123</code>");
	gk_test_has(gk_test_body(&A.resp), "AppSecret 已设置（不显示）");
	gk_test_lacks(gk_test_body(&A.resp), "top-secret-value");
	gk_test_has(gk_test_body(&A.resp), "尚无发布任务");
	gk_test_has(gk_test_body(&A.resp), "<a href=\"/admin/wechat\" aria-current=\"page\">微信公众号</a>");
	/* The other agency has no account. */
	assert_int_equal(call(&other, "GET", NULL), 200);
	gk_test_has(gk_test_body(&A.resp), "本机构尚未配置微信公众号");
	assert_int_equal(gk_test_admin(gk_admin_wechat, &A.ctx, &officer, &A.resp, "GET",
	    "/admin/wechat/x", NULL, NULL, 0), GK_ENOTFOUND);
}

static void
test_queue(void **state)
{
	char	 buf[32];
	int64_t	 before;

	(void)state;
	before = gk_test_int(A.s.db, "SELECT count(*) FROM audit");
	snprintf(buf, sizeof(buf), "%lld", (long long)pub1);
	assert_int_equal(call(&officer, "POST", (const char *const[]){ "item", buf, NULL }), 303);
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM audit") - before, 1);
	assert_int_equal(call(&officer, "GET", NULL), 200);
	gk_test_has(gk_test_body(&A.resp), "待发送");
	gk_test_has(gk_test_body(&A.resp), "&lt;script&gt;alert(1)&lt;/script&gt;招商动态");
	gk_test_lacks(gk_test_body(&A.resp), "<script>alert");
	/* Twice: 409 with the message next to the field, nothing written. */
	before = gk_test_int(A.s.db, "SELECT count(*) FROM wechat_outbox");
	assert_int_equal(call(&officer, "POST", (const char *const[]){ "item", buf, NULL }), 409);
	gk_test_has(gk_test_body(&A.resp), "已在发布队列中");
	/* A draft: 409; another agency's item or an unknown one: 400 不存在. */
	snprintf(buf, sizeof(buf), "%lld", (long long)draft1);
	assert_int_equal(call(&officer, "POST", (const char *const[]){ "item", buf, NULL }), 409);
	gk_test_has(gk_test_body(&A.resp), "尚未发布");
	snprintf(buf, sizeof(buf), "%lld", (long long)foreign1);
	assert_int_equal(call(&officer, "POST", (const char *const[]){ "item", buf, NULL }), 400);
	gk_test_has(gk_test_body(&A.resp), "不存在");
	assert_int_equal(call(&officer, "POST", (const char *const[]){ "item", "999999", NULL }), 400);
	/* Hostile or empty input: 400, the value shown back escaped. */
	assert_int_equal(call(&officer, "POST", (const char *const[]){ "item",
	    "1\"><script>x</script>", NULL }), 400);
	gk_test_has(gk_test_body(&A.resp), "请填写信息编号");
	gk_test_has(gk_test_body(&A.resp), "value=\"1&quot;&gt;&lt;script&gt;x&lt;/script&gt;\"");
	assert_int_equal(call(&officer, "POST", NULL), 400);
	assert_int_equal(call(&officer, "POST", (const char *const[]){ "item",
	    "99999999999999999999", NULL }), 400);
	/* The other agency's officer, no account: 400 未配置. */
	assert_int_equal(call(&other, "POST", (const char *const[]){ "item", buf, NULL }), 400);
	gk_test_has(gk_test_body(&A.resp), "未配置微信公众号");
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM wechat_outbox"), before);
}

static void
test_outbox_shown(void **state)
{
	struct gk_wechat_job	 j;
	char			 err[256];
	int64_t			 id;

	(void)state;
	assert_int_equal(gk_wechat_queue(A.s.db, "cli:test", pub2, NOW, 0, &id, err, sizeof(err)),
	    GK_OK);
	/* Claims: each due row once; again only when its lease has ended. */
	assert_int_equal(gk_wechat_job_claim(A.s.db, 100, 900, &j, err, sizeof(err)), GK_OK);
	assert_int_equal(j.item_id, pub1);
	assert_int_equal(gk_wechat_job_claim(A.s.db, 100, 900, &j, err, sizeof(err)), GK_OK);
	assert_int_equal(j.item_id, pub2);
	assert_int_equal(gk_wechat_job_claim(A.s.db, 999, 900, &j, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_wechat_job_claim(A.s.db, 1000, 900, &j, err, sizeof(err)), GK_OK);
	assert_int_equal(j.item_id, pub1);
	assert_int_equal(gk_test_int(A.s.db, "SELECT next_at FROM wechat_outbox WHERE id = 1"), 1900);
	assert_int_equal(gk_wechat_job_get(A.s.db, id, &j, err, sizeof(err)), GK_OK);
	snprintf(j.state, sizeof(j.state), "%s", GK_WX_FAILED);
	snprintf(j.last_error, sizeof(j.last_error), "发布失败：publish_status 4（平台审核不通过）<b>");
	assert_int_equal(gk_wechat_job_save(A.s.db, "cli:test", &j, NOW, err, sizeof(err)), GK_OK);
	/* A final row never changes again. */
	snprintf(j.state, sizeof(j.state), "%s", GK_WX_PUBLISHED);
	assert_int_equal(gk_wechat_job_save(A.s.db, "cli:test", &j, NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(call(&officer, "GET", NULL), 200);
	gk_test_has(gk_test_body(&A.resp), "<td>失败</td>");
	gk_test_has(gk_test_body(&A.resp), "平台审核不通过）&lt;b&gt;");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_roles_and_page),
	cmocka_unit_test(test_queue),
	cmocka_unit_test(test_outbox_shown),
};

int
main(void)
{
	void	*st = NULL;
	int	 rc;

	setup(&st);
	rc = gk_test_run("admin_wechat", tests, sizeof(tests) / sizeof(tests[0]));
	gk_test_area_teardown(&st);
	return rc;
}
