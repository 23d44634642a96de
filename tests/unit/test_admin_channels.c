/*
 * test_admin_channels.c — /admin/channels, /admin/check and the dashboard's
 * 渠道同步 panel (web/admin_channels.c), called without the gate. Today is
 * 2025-06-10: a hostile-titled item of the user's agency published on
 * 2025-06-03 with a WeChat rule of 2 days and nothing on WeChat (缺发, 5
 * days over), its title escaped; the self-check's form with every
 * indicator; another agency's items never shown; a rule set by POST
 * (303, audited), refused with its message and the values kept and
 * escaped (400), by a drafter (403), nothing written on a refusal.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "store/category.h"
#include "store/channel.h"
#include "store/item.h"
#include "web/admin.h"
#include "web/admin_channels.h"

#define NOW	"2025-06-10T10:00:00+08:00"

static struct gk_test_area A;
static struct gk_admin_user U, U2;

/* The four roles of the workflow, one user each, in the order they act. */
static const char *const	 LOGIN[] = { "d", "r", "a", "o" };
static const enum wf_role	 ROLE[] = { WF_ROLE_DRAFTER, WF_ROLE_REVIEWER, WF_ROLE_APPROVER,
				    WF_ROLE_OFFICER };
static const enum wf_action	 ACT[] = { WF_ACT_SUBMIT, WF_ACT_REVIEW, WF_ACT_APPROVE,
				    WF_ACT_PUBLISH };

static int
setup(void **state)
{
	struct gk_item_actor	 ac[4], d2;
	char			 err[256];
	int64_t			 id;
	size_t			 i;

	(void)state;
	gk_test_area_open(&A, "admin-channels", "2025-01-02T09:00:00+08:00", NOW);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(A.s.db, A.s.ag2, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	for (i = 0; i < 4; i++)
		gk_test_user(A.s.db, A.s.ag, LOGIN[i], ROLE[i], &ac[i]);
	gk_test_user(A.s.db, A.s.ag2, "d2", WF_ROLE_DRAFTER, &d2);
	/* submitted, reviewed, approved on 2025-06-02, published on 2025-06-03 */
	id = gk_test_item(A.s.db, &ac[0], "招商引资", "<script>x</script>项目推介", "2025-06-02",
	    "见 /item/999 。");
	for (i = 0; i < 4; i++)
		gk_test_act(A.s.db, id, &ac[i], ACT[i], i < 3 ? "2025-06-02" : "2025-06-03", NULL);
	(void)gk_test_item(A.s.db, &d2, "招商引资", "财政局的草稿", "2025-06-02", NULL);
	assert_int_equal(gk_channel_rule_set(A.s.db, "o", A.s.ag, 0, GK_CH_WECHAT, 1, 2, NULL,
	    NOW, err, sizeof(err)), GK_OK);
	gk_test_admin_as(&U, ac[3].user_id, A.s.ag, "o", WF_ROLE_BIT(WF_ROLE_OFFICER),
	    "盐边县商务局");
	gk_test_admin_as(&U2, 999, A.s.ag2, "x", WF_ROLE_BIT(WF_ROLE_OFFICER), "盐边县财政局");
	*state = &A;
	return 0;
}

/*
 * One request to the area as u: fails unless the handler returns rc and,
 * when it answered (GK_OK), the status is status. Returns the body.
 */
static const char *
req(const struct gk_admin_user *u, const char *method, const char *path,
    const char *const *kv, enum gk_err rc, int status)
{
	assert_int_equal(gk_test_admin(gk_admin_channels, &A.ctx, u, &A.resp, method, path, kv,
	    NULL, 0), rc);
	if (rc == GK_OK)
		assert_int_equal(A.resp.status, status);
	return gk_test_body(&A.resp);
}

static void
test_channels_page(void **state)
{
	const char *b;

	(void)state;
	b = req(&U, "GET", "/admin/channels", NULL, GK_OK, 200);
	gk_test_has(b, "<h1>渠道同步检查</h1>");
	gk_test_has(b, "<caption>发现问题 1 处</caption>");
	gk_test_has(b, "&lt;script&gt;x&lt;/script&gt;项目推介</a>");
	gk_test_lacks(b, "<script>x");
	gk_test_has(b, "<td>微信公众号</td><td><strong class=\"late\">缺发</strong></td>"
	    "<td>门户 2025-06-03 发布，应在 2 天内发出，已超 5 天</td>");
	gk_test_has(b, "<td>（默认）</td><td>微信公众号</td><td>必须</td><td>2 天内</td>");
	gk_test_has(b, "<form method=\"post\" action=\"/admin/channels\">");
	gk_test_has(b, "<option value=\"0\">（默认");
	/* the other agency sees nothing of this one */
	b = req(&U2, "GET", "/admin/channels", NULL, GK_OK, 200);
	gk_test_has(b, "没有发现问题");
	gk_test_lacks(b, "项目推介");
	gk_test_has(b, "没有渠道规则");
	(void)req(&U, "POST", "/admin/check", NULL, GK_ENOTFOUND, 0);
	(void)req(&U, "GET", "/admin/channels/1", NULL, GK_ENOTFOUND, 0);
}

static void
test_check_page(void **state)
{
	const char *b;

	(void)state;
	b = req(&U, "GET", "/admin/check", NULL, GK_OK, 200);
	gk_test_has(b, "<h1>网站自查</h1>");
	gk_test_has(b, "监测时间点 2025-06-10");
	gk_test_has(b, "国办秘函〔2019〕19号");
	gk_test_has(b, "<th scope=\"row\">空白栏目</th>");
	gk_test_has(b, "单项否决指标 4(c) 空白栏目");
	gk_test_has(b, "<th scope=\"col\">单项否决</th><th scope=\"col\">扣分</th>");
	/* the dead link and the stale account (WeChat rule, no publication) */
	gk_test_has(b, "中的链接 /item/999 无法访问（信息不存在）");
	gk_test_has(b, "微信公众号最近更新 无");
	gk_test_has(b, "不合格（达到单项否决）");
	gk_test_lacks(b, "<script>x");
}

static void
test_panel(void **state)
{
	struct gk_buf	 b;

	(void)state;
	gk_buf_init(&b, 1 << 20);
	assert_int_equal(gk_admin_channels_panel(&b, &A.ctx, &U), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '\0'), GK_OK);
	gk_test_has(b.data, "<h2 id=\"h-channels\">渠道同步</h2>");
	gk_test_has(b.data, "现在发布中：门户网站 1 条、微信公众号 0 条、公示栏 0 条");
	gk_test_has(b.data, "<a href=\"/admin/channels\">渠道同步检查</a>：<strong class=\"late\">"
	    "1 处问题</strong>");
	gk_test_has(b.data, "<a href=\"/admin/check\">网站自查</a>：<strong class=\"late\">"
	    "不合格（达到单项否决）");
	gk_buf_clear(&b);
}

static void
test_rule_post(void **state)
{
	const char	*good[] = { "category", "0", "channel", "notice", "required", "yes",
	    "within", "3", "since", "2025-06-01", NULL };
	const char	*bad[] = { "category", "0", "channel", "wechat", "required", "yes",
	    "within", "\"><script>1</script>", NULL };
	const char	*badch[] = { "category", "0", "channel", "portal", "required", "yes", NULL };
	const char	*since[] = { "category", "0", "channel", "wechat", "required", "no",
	    "since", "2025-02-30", NULL };
	const char	*other[] = { "category", "999", "channel", "wechat", "required", "yes", NULL };
	struct gk_admin_user drafter;
	const char	*b;
	int64_t		 audit;

	(void)state;
	gk_test_admin_user(A.s.db, &drafter, A.s.ag, "d9", WF_ROLE_DRAFTER, "盐边县商务局");
	audit = gk_test_int(A.s.db, "SELECT count(*) FROM audit");
	(void)req(&U, "POST", "/admin/channels", good, GK_OK, 303);
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM channel_rule WHERE"
	    " channel = 'notice' AND within_days = 3 AND since = '2025-06-01'"), 1);
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM audit"), audit + 1);
	b = req(&U, "POST", "/admin/channels", bad, GK_OK, 400);
	gk_test_has(b, "时限须为 0 至 366 的整数");
	gk_test_has(b, "value=\"&quot;&gt;&lt;script&gt;1&lt;/script&gt;\"");
	gk_test_lacks(b, "<script>1");
	(void)req(&U, "POST", "/admin/channels", badch, GK_OK, 400);
	gk_test_has(req(&U, "POST", "/admin/channels", since, GK_OK, 400), "起始日期无效");
	(void)req(&U, "POST", "/admin/channels", other, GK_OK, 400);
	gk_test_has(req(&drafter, "POST", "/admin/channels", good, GK_OK, 403), "无权");
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM audit"), audit + 1);
	assert_int_equal(gk_test_int(A.s.db, "SELECT count(*) FROM channel_rule"), 2);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_channels_page, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_check_page, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_panel, setup, gk_test_area_teardown),
	cmocka_unit_test_setup_teardown(test_rule_post, setup, gk_test_area_teardown),
};

GK_TEST_MAIN("admin_channels", tests)
