/*
 * test_channel.c — what each item published on each channel
 * (store/channel.c): the content hash (SHA-256 of title "\n" body, the
 * expected values computed independently with Python's hashlib), one row
 * per item and channel replaced and audited with the row before, the
 * portal derived from the item (view item_channel_all: published, then
 * removed on withdrawal), and every refusal writing nothing (no row, no
 * audit entry): the portal itself, unknown status, bad time, bad hash,
 * published without a hash, unknown item, an unpublished item, a drafter,
 * control characters; hostile text stored verbatim. The rules (default,
 * the category's own, since) and the sync check at its day boundaries,
 * the year's counts, refused rules writing nothing.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/chsync.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/channel.h"
#include "store/db.h"
#include "store/item.h"

#define NOW	"2025-06-03T10:00:00+08:00"
#define H1	"10174628e47f55aa4fcd8d6c3e6e15b57c09f35500ca89e130977985aab4cd62"
#define H2	"08582c286390ea9c75825fc62159cebc1f5355b3bbad4c0c9c3c3381f5bd5eef"

static struct gk_test_store S;
static struct gk_item_actor D, R, A, O;
static int64_t PUB, DRAFT;

static int64_t
q_int(const char *sql)
{
	return gk_test_int(S.db, sql);
}

static int
setup(void **state)
{
	char err[512];

	*state = &S;
	gk_test_store_open(&S, "channel", NOW);
	assert_int_equal(gk_category_seed_defaults(S.db, S.ag, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	gk_test_user(S.db, S.ag, "d", WF_ROLE_DRAFTER, &D);
	gk_test_user(S.db, S.ag, "r", WF_ROLE_REVIEWER, &R);
	gk_test_user(S.db, S.ag, "a", WF_ROLE_APPROVER, &A);
	gk_test_user(S.db, S.ag, "o", WF_ROLE_OFFICER, &O);
	PUB = gk_test_item(S.db, &D, "招商引资", "关于招商引资的通知", "2025-06-02",
	    "正文第一段");
	gk_test_act(S.db, PUB, &D, WF_ACT_SUBMIT, "2025-06-02", NULL);
	gk_test_act(S.db, PUB, &R, WF_ACT_REVIEW, "2025-06-02", NULL);
	gk_test_act(S.db, PUB, &A, WF_ACT_APPROVE, "2025-06-02", NULL);
	gk_test_act(S.db, PUB, &O, WF_ACT_PUBLISH, "2025-06-03", NULL);
	DRAFT = gk_test_item(S.db, &D, "招商引资", "草稿", "2025-06-02", "x");
	return 0;
}

/* The sync check of agency ag (0: every agency) on day into *r; fails unless it runs. */
static void
sync_at(int64_t ag, const char *day, struct gk_sync_report *r)
{
	char err[256];

	assert_int_equal(gk_channel_sync_check(S.db, ag, gk_test_date(day), r, err, sizeof(err)),
	    GK_OK);
}

static void
test_hash(void **state)
{
	char	 hex[65], err[256], sql[200];

	(void)state;
	assert_int_equal(gk_channel_item_hash(S.db, PUB, hex, err, sizeof(err)), GK_OK);
	assert_string_equal(hex, H1);
	snprintf(sql, sizeof(sql), "UPDATE item SET body = '正文已修改' WHERE id = %lld",
	    (long long)PUB);
	gk_test_exec(S.db, sql);
	assert_int_equal(gk_channel_item_hash(S.db, PUB, hex, err, sizeof(err)), GK_OK);
	assert_string_equal(hex, H2);
	snprintf(sql, sizeof(sql), "UPDATE item SET body = '正文第一段' WHERE id = %lld",
	    (long long)PUB);
	gk_test_exec(S.db, sql);
	assert_int_equal(gk_channel_item_hash(S.db, 999999, hex, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_non_null(strstr(err, "999999"));
}

static void
test_record_replace_audit(void **state)
{
	char	 err[256], buf[2000], sql[300];
	int64_t	 audit0;

	(void)state;
	audit0 = q_int("SELECT count(*) FROM audit");
	assert_int_equal(gk_channel_record(S.db, "o", PUB, GK_CH_WECHAT, GK_CH_PENDING,
	    "2025-06-03T10:05:00+08:00", NULL, NULL, NULL, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_channel_record(S.db, "o", PUB, GK_CH_WECHAT, GK_CH_PUBLISHED,
	    "2025-06-03T10:10:00+08:00", H1, "https://mp.example/s/abc", NULL, err,
	    sizeof(err)), GK_OK);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM item_channel WHERE item_id = %lld",
	    (long long)PUB);
	assert_int_equal(q_int(sql), 1);
	snprintf(sql, sizeof(sql), "SELECT status || '|' || at || '|' || content_sha256 ||"
	    " '|' || place FROM item_channel WHERE item_id = %lld AND channel = 'wechat'",
	    (long long)PUB);
	gk_test_text(S.db, sql, buf, sizeof(buf));
	assert_string_equal(buf, "published|2025-06-03T10:10:00+08:00|" H1
	    "|https://mp.example/s/abc");
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audit0 + 2);
	gk_test_text(S.db, "SELECT entity || '|' || action || '|' || actor || '|' || change"
	    " FROM audit ORDER BY seq DESC LIMIT 1", buf, sizeof(buf));
	assert_non_null(strstr(buf, "item_channel|record|o|"));
	assert_non_null(strstr(buf, "\"status\":\"published\""));
	assert_non_null(strstr(buf, "\"before\":{\"status\":\"pending\""));

	/* The notice board: a second channel, its own row. */
	assert_int_equal(gk_channel_record(S.db, "o", PUB, GK_CH_NOTICE, GK_CH_PUBLISHED,
	    "2025-06-04", H1, "政务服务中心一楼公示栏", NULL, err, sizeof(err)), GK_OK);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM item_channel WHERE item_id = %lld",
	    (long long)PUB);
	assert_int_equal(q_int(sql), 2);
}

static void
test_portal_derived(void **state)
{
	char	 err[256], buf[200], sql[300];
	int64_t	 id;

	(void)state;
	id = gk_test_item(S.db, &D, "招商引资", "将撤回", "2025-06-02", "y");
	gk_test_act(S.db, id, &D, WF_ACT_SUBMIT, "2025-06-02", NULL);
	gk_test_act(S.db, id, &R, WF_ACT_REVIEW, "2025-06-02", NULL);
	gk_test_act(S.db, id, &A, WF_ACT_APPROVE, "2025-06-02", NULL);
	gk_test_act(S.db, id, &O, WF_ACT_PUBLISH, "2025-06-03", NULL);
	snprintf(sql, sizeof(sql), "SELECT status || '|' || substr(at, 1, 10) FROM"
	    " item_channel_all WHERE item_id = %lld AND channel = 'portal'", (long long)id);
	gk_test_text(S.db, sql, buf, sizeof(buf));
	assert_string_equal(buf, "published|2025-06-03");
	gk_test_act(S.db, id, &O, WF_ACT_WITHDRAW, "2025-06-05", "内容有误");
	gk_test_text(S.db, sql, buf, sizeof(buf));
	assert_string_equal(buf, "removed|2025-06-05");
	/* A withdrawn item may be taken down elsewhere, but not sent out. */
	assert_int_equal(gk_channel_record(S.db, "o", id, GK_CH_WECHAT, GK_CH_REMOVED,
	    "2025-06-05", NULL, NULL, "随门户撤回", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_channel_record(S.db, "o", id, GK_CH_WECHAT, GK_CH_PUBLISHED,
	    "2025-06-05", H1, NULL, NULL, err, sizeof(err)), GK_ECONFLICT);
	/* A draft has no portal row. */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM item_channel_all WHERE item_id = %lld",
	    (long long)DRAFT);
	assert_int_equal(q_int(sql), 0);
}

struct bad {
	const char	*actor;
	int64_t		 item;	/* 0: PUB, -1: DRAFT */
	int		 ch;
	const char	*status, *at, *hash, *place, *detail;
	enum gk_err	 want;
	const char	*msg;
};

static void
test_refusals(void **state)
{
	static const struct bad v[] = {
		{ "o", 0, GK_CH_PORTAL, "published", "2025-06-03", H1, NULL, NULL,
		    GK_EINVAL, "门户网站" },
		{ "o", 0, 7, "published", "2025-06-03", H1, NULL, NULL, GK_EINVAL, "渠道无效" },
		{ "o", 0, -1, "published", "2025-06-03", H1, NULL, NULL, GK_EINVAL, "渠道无效" },
		{ "o", 0, GK_CH_WECHAT, "posted", "2025-06-03", H1, NULL, NULL,
		    GK_EINVAL, "渠道状态无效" },
		{ "o", 0, GK_CH_WECHAT, NULL, "2025-06-03", H1, NULL, NULL,
		    GK_EINVAL, "渠道状态无效" },
		{ "o", 0, GK_CH_WECHAT, "published'; DROP TABLE item;--", "2025-06-03", H1,
		    NULL, NULL, GK_EINVAL, "渠道状态无效" },
		{ "o", 0, GK_CH_WECHAT, "published", "2025-02-30", H1, NULL, NULL,
		    GK_EINVAL, "时间无效" },
		{ "o", 0, GK_CH_WECHAT, "published", "2025-06-03 10:00", H1, NULL, NULL,
		    GK_EINVAL, "时间无效" },
		{ "o", 0, GK_CH_WECHAT, "published", "2025-06-03T10:00<script>", H1, NULL,
		    NULL, GK_EINVAL, "时间无效" },
		{ "o", 0, GK_CH_WECHAT, "published", "", H1, NULL, NULL, GK_EINVAL, "时间无效" },
		{ "o", 0, GK_CH_WECHAT, "published", "2025-06-03", NULL, NULL, NULL,
		    GK_EINVAL, "内容摘要" },
		{ "o", 0, GK_CH_WECHAT, "published", "2025-06-03",
		    "10174628E47F55AA4FCD8D6C3E6E15B57C09F35500CA89E130977985AAB4CD62",
		    NULL, NULL, GK_EINVAL, "内容摘要无效" },
		{ "o", 0, GK_CH_WECHAT, "published", "2025-06-03", "abc", NULL, NULL,
		    GK_EINVAL, "内容摘要无效" },
		{ "o", 0, GK_CH_WECHAT, "published", "2025-06-03", H1, "一\x01二", NULL,
		    GK_EINVAL, "不含控制字符" },
		{ "o", 0, GK_CH_WECHAT, "failed", "2025-06-03", NULL, NULL, "a\nb",
		    GK_EINVAL, "不含控制字符" },
		{ "o", 0, GK_CH_WECHAT, "failed", "2025-06-03", NULL, NULL, "\xff\xfe",
		    GK_EINVAL, "不含控制字符" },
		{ "o", 999999, GK_CH_WECHAT, "published", "2025-06-03", H1, NULL, NULL,
		    GK_ENOTFOUND, "信息 999999 不存在" },
		{ "o", -1, GK_CH_WECHAT, "pending", "2025-06-03", NULL, NULL, NULL,
		    GK_ECONFLICT, "尚未在门户网站发布" },
		{ "d", 0, GK_CH_WECHAT, "published", "2025-06-03", H1, NULL, NULL,
		    GK_ECONFLICT, "无权" },
		{ "", 0, GK_CH_WECHAT, "published", "2025-06-03", H1, NULL, NULL,
		    GK_EINVAL, "操作人" },
	};
	char	 err[256];
	int64_t	 rows, audit, id;
	size_t	 i;

	(void)state;
	rows = q_int("SELECT count(*) FROM item_channel");
	audit = q_int("SELECT count(*) FROM audit");
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		id = v[i].item == 0 ? PUB : v[i].item == -1 ? DRAFT : v[i].item;
		err[0] = '\0';
		if (gk_channel_record(S.db, v[i].actor, id, (enum gk_channel)v[i].ch,
		    v[i].status, v[i].at, v[i].hash, v[i].place, v[i].detail, err,
		    sizeof(err)) != v[i].want)
			fail_msg("case %zu: want %d, got message %s", i, (int)v[i].want, err);
		if (strstr(err, v[i].msg) == NULL)
			fail_msg("case %zu: message %s lacks %s", i, err, v[i].msg);
	}
	assert_int_equal(q_int("SELECT count(*) FROM item_channel"), rows);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audit);
	assert_int_equal(q_int("SELECT count(*) FROM item"), 2);
}

static void
test_hostile_verbatim(void **state)
{
	static const char place[] = "<script>alert(1)</script>'; DROP TABLE item_channel;--";
	char	 err[256], buf[300], sql[300];

	(void)state;
	assert_int_equal(gk_channel_record(S.db, "cli:root", PUB, GK_CH_NOTICE,
	    GK_CH_REMOVED, "2025-06-10T09:00:00Z", NULL, place, "撤下", err,
	    sizeof(err)), GK_OK);
	snprintf(sql, sizeof(sql), "SELECT place FROM item_channel WHERE item_id = %lld"
	    " AND channel = 'notice'", (long long)PUB);
	gk_test_text(S.db, sql, buf, sizeof(buf));
	assert_string_equal(buf, place);
	assert_string_equal(gk_channel_status_label("removed"), "已撤下");
	assert_string_equal(gk_channel_status_label("x"), "未知");
	assert_string_equal(gk_channel_status_label(NULL), "未知");
}

static void
test_rules_sync(void **state)
{
	struct gk_sync_report	 r;
	struct gk_channel_rule	*rv;
	size_t			 nr;
	int64_t			 audit, cat, cnt[GK_CH__MAX];
	char			 err[256], sql[200];

	(void)state;
	assert_int_equal(gk_category_lookup(S.db, S.ag, "招商引资", &cat, err, sizeof(err)), GK_OK);
	/* nothing required: clean, one item on the portal */
	sync_at(S.ag, "2025-06-30", &r);
	assert_int_equal(r.n, 0);
	assert_int_equal(r.items, 1);
	assert_int_equal(r.published[GK_CH_PORTAL], 1);
	gk_sync_report_free(&r);
	/* the default: WeChat within 2 days of the portal (2025-06-03) */
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, 0, GK_CH_WECHAT, 1, 2, NULL, NOW,
	    err, sizeof(err)), GK_OK);
	sync_at(S.ag, "2025-06-05", &r);
	assert_int_equal(r.n, 0);	/* the last allowed day */
	gk_sync_report_free(&r);
	sync_at(S.ag, "2025-06-06", &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].kind, CHSYNC_MISSING);
	assert_int_equal(r.v[0].channel, GK_CH_WECHAT);
	assert_int_equal(r.v[0].days, 1);
	assert_string_equal(r.v[0].portal, "2025-06-03");
	assert_string_equal(r.v[0].title, "关于招商引资的通知");
	gk_sync_report_free(&r);
	/* the category's own rule wins over the default */
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, cat, GK_CH_WECHAT, 0, -1, NULL, NOW,
	    err, sizeof(err)), GK_OK);
	sync_at(S.ag, "2025-06-06", &r);
	assert_int_equal(r.n, 0);
	gk_sync_report_free(&r);
	/* required again but only from 2025-06-04 on: this item is older */
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, cat, GK_CH_WECHAT, 1, 0,
	    "2025-06-04", NOW, err, sizeof(err)), GK_OK);
	sync_at(S.ag, "2025-06-06", &r);
	assert_int_equal(r.n, 0);
	gk_sync_report_free(&r);
	assert_int_equal(gk_channel_rule_list(S.db, S.ag, &rv, &nr, err, sizeof(err)), GK_OK);
	assert_int_equal(nr, 2);
	assert_int_equal(rv[0].category_id, 0);	/* the default first */
	assert_int_equal(rv[0].within_days, 2);
	assert_string_equal(rv[1].category, "招商引资");
	assert_string_equal(rv[1].since, "2025-06-04");
	gk_free(rv);
	/* posted, then changed: differs; the year's counts */
	assert_int_equal(gk_channel_record(S.db, "o", PUB, GK_CH_NOTICE, GK_CH_PUBLISHED,
	    "2025-06-04", H1, NULL, NULL, err, sizeof(err)), GK_OK);
	snprintf(sql, sizeof(sql), "UPDATE item SET body = '正文已修改' WHERE id = %lld",
	    (long long)PUB);
	gk_test_exec(S.db, sql);
	sync_at(0, "2025-06-06", &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].kind, CHSYNC_DIFFERS);
	assert_int_equal(r.v[0].channel, GK_CH_NOTICE);
	assert_int_equal(r.published[GK_CH_NOTICE], 1);
	gk_sync_report_free(&r);
	assert_int_equal(gk_channel_year_counts(S.db, S.ag, 2025, cnt, err, sizeof(err)), GK_OK);
	assert_int_equal(cnt[GK_CH_PORTAL], 1);
	assert_int_equal(cnt[GK_CH_WECHAT], 0);
	assert_int_equal(cnt[GK_CH_NOTICE], 1);
	assert_int_equal(gk_channel_year_counts(S.db, S.ag, 2024, cnt, err, sizeof(err)), GK_OK);
	assert_int_equal(cnt[GK_CH_PORTAL], 0);
	assert_int_equal(gk_channel_year_counts(S.db, S.ag, 0, cnt, err, sizeof(err)), GK_EINVAL);
	/* refusals write nothing */
	audit = q_int("SELECT count(*) FROM audit");
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, 0, GK_CH_PORTAL, 1, 1, NULL, NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, 0, GK_CH_WECHAT, 1, 367, NULL, NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, 0, GK_CH_WECHAT, 1, -2, NULL, NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, 0, GK_CH_WECHAT, 1, 1, "2025-13-01",
	    NOW, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_channel_rule_set(S.db, "o", S.ag, 0, GK_CH_WECHAT, 1, 1,
	    "2025-06-04'; --", NOW, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_channel_rule_set(S.db, "cli:root", S.ag2, cat, GK_CH_WECHAT, 1, 1, NULL, NOW,
	    err, sizeof(err)), GK_ENOTFOUND);	/* another agency's category */
	assert_int_equal(gk_channel_rule_set(S.db, "d", S.ag, 0, GK_CH_WECHAT, 1, 1, NULL, NOW,
	    err, sizeof(err)), GK_ECONFLICT);	/* a drafter */
	assert_non_null(strstr(err, "无权"));
	assert_int_equal(gk_channel_rule_set(S.db, "o", 999, 0, GK_CH_WECHAT, 1, 1, NULL, NOW,
	    err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audit);
	assert_int_equal(q_int("SELECT count(*) FROM channel_rule"), 2);
	assert_int_equal(gk_channel_sync_check(S.db, 999, 0, &r, err, sizeof(err)), GK_ENOTFOUND);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_hash, setup, gk_test_store_teardown),
	cmocka_unit_test_setup_teardown(test_record_replace_audit, setup, gk_test_store_teardown),
	cmocka_unit_test_setup_teardown(test_portal_derived, setup, gk_test_store_teardown),
	cmocka_unit_test_setup_teardown(test_refusals, setup, gk_test_store_teardown),
	cmocka_unit_test_setup_teardown(test_hostile_verbatim, setup, gk_test_store_teardown),
	cmocka_unit_test_setup_teardown(test_rules_sync, setup, gk_test_store_teardown),
};

GK_TEST_MAIN("channel", tests)
