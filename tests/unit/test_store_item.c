/*
 * test_store_item.c — items in the store: the whole three-level lifecycle
 * with every row and audit entry checked; every refused transition writing
 * nothing; separation of duties; 索引号 allocation per agency and year;
 * the confidentiality gate and its audited override; withdrawal keeping
 * history; due dates and the overdue list across 春节 2025; edits; lists;
 * allocation failures in the action path leaving nothing behind.
 *
 * The agency code 11510422MB1234567Y was checked by hand (GB 32100-2015):
 * values 1 1 5 1 0 4 2 2 M=21 B=11 1 2 3 4 5 6 7 times the weights
 * 1 3 9 27 19 26 16 17 20 29 25 13 8 24 10 30 28 sum to 1582; 1582 mod 31
 * = 1; 31 - 1 = 30 = 'Y'. The second agency 11510422MB12345682: the last
 * position holds 8 (8 x 28 = 224 instead of 196), sum 1610, mod 31 = 29,
 * 31 - 29 = 2.
 *
 * The ID number 11010519491231002X (GB 11643): the weighted sum of the
 * first 17 digits with 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2 is 167, mod 11
 * = 2, which maps to 'X'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "harness.h"
#include "core/calendar.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/item.h"
#include "store/user.h"

#define CODE_A	"11510422MB1234567Y"
#define CODE_B	"11510422MB12345682"
#define NOW	"2025-01-24T10:00:00+08:00"

struct fx {
	char		 dir[64], path[128];
	struct gk_db	*db;
	struct calendar	 cal;
	int64_t		 ag, ag2;
	struct gk_item_actor d, r, a, o, d2, x;	/* x: drafter of agency 2 */
};

static struct fx F;

static void
raw(const char *sql)
{
	gk_test_exec(F.db, sql);
}

static int64_t
q_int(const char *sql)
{
	return gk_test_int(F.db, sql);
}

static void
q_text(const char *sql, char *out, size_t n)
{
	gk_test_text(F.db, sql, out, n);
}

static void
actor(struct gk_item_actor *ac, const char *login)
{
	char err[256];

	if (gk_item_actor_lookup(F.db, login, ac, err, sizeof(err)) != GK_OK)
		fail_msg("lookup %s: %s", login, err);
}

static int
setup(void **state)
{
	char	 err[512], sql[1024];
	char	*buf;
	size_t	 len;

	(void)state;
	memset(&F, 0, sizeof(F));
	snprintf(F.dir, sizeof(F.dir), "/tmp/gk-item-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/t.db", F.dir);
	if (gk_db_open(F.path, &F.db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县商务局", CODE_A, 0, "县级",
	    NOW, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县财政局", CODE_B, 0, "县级",
	    NOW, &F.ag2, err, sizeof(err)), GK_OK);
	/* Each agency with the default category tree, as `gongkai agency add` makes it. */
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag2, "admin", NOW, err, sizeof(err)), GK_OK);
	/* Users and categories by plain SQL (user.c / category.c are another module). */
	snprintf(sql, sizeof(sql),
	    "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES "
	    "(%lld, 'd', '拟稿人', 'drafter', 'x'), (%lld, 'r', '分管领导', 'reviewer', 'x'), "
	    "(%lld, 'a', '主要领导', 'approver', 'x'), (%lld, 'o', '公开专员', 'officer', 'x'), "
	    "(%lld, 'd2', '拟稿人二', 'drafter', 'x'), (%lld, 'x', '外单位', 'drafter', 'x');"
	    "INSERT INTO user_role (user_id, role) SELECT id, role FROM users;",
	    (long long)F.ag, (long long)F.ag, (long long)F.ag, (long long)F.ag,
	    (long long)F.ag, (long long)F.ag2);
	raw(sql);
	actor(&F.d, "d");
	actor(&F.r, "r");
	actor(&F.a, "a");
	actor(&F.o, "o");
	actor(&F.d2, "d2");
	actor(&F.x, "x");
	buf = gk_test_slurp("data/cn-holidays.tsv", &len);
	if (calendar_load(buf, len, &F.cal, err, sizeof(err)) != GK_OK)
		fail_msg("calendar: %s", err);
	free(buf);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	(void)state;
	calendar_clear(&F.cal);
	gk_db_close(F.db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", F.dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* A draft by ac; returns its id. */
static int64_t
draft(const struct gk_item_actor *ac, int64_t agency, const char *title,
    const char *cat, const char *written, const char *event_end, const char *body,
    const char *now)
{
	struct item_meta	 m;
	struct gk_item_opts	 o = { NULL, &F.cal, NULL };
	struct item_problems	 p;
	char			 err[512];
	int64_t			 id;

	item_meta_init(&m);
	item_meta_set(&m, ITEM_F_TITLE, title);
	item_meta_set(&m, ITEM_F_CATEGORY, cat);
	item_meta_set(&m, ITEM_F_WRITTEN, written);
	item_meta_set(&m, ITEM_F_EVENT_END, event_end);
	item_meta_set(&m, ITEM_F_BODY, body);
	if (gk_item_create(F.db, ac, agency, &m, &o, now, &id, &p, err,
	    sizeof(err)) != GK_OK)
		fail_msg("create: %s", err);
	item_meta_clear(&m);
	return id;
}

static struct gk_item_input
input(const char *comment)
{
	struct gk_item_input in;

	memset(&in, 0, sizeof(in));
	in.comment = comment;
	in.checks[0] = in.checks[1] = in.checks[2] = WF_PASS;
	return in;
}

static enum gk_err
act(int64_t id, const struct gk_item_actor *ac, enum wf_action a,
    const struct gk_item_input *in, const char *now, struct wf_result *r,
    char *err, size_t errlen)
{
	return gk_item_act(F.db, id, ac, a, in, now, r, err, errlen);
}

static void
act_ok(int64_t id, const struct gk_item_actor *ac, enum wf_action a,
    const struct gk_item_input *in, const char *now)
{
	struct wf_result	r;
	char			err[512];

	if (act(id, ac, a, in, now, &r, err, sizeof(err)) != GK_OK)
		fail_msg("%s by %s: %s", wf_action_name(a), ac->login, err);
	assert_int_equal(r.code, WF_OK);
}

static void
state_is(int64_t id, const char *state)
{
	char sql[128], got[64];

	snprintf(sql, sizeof(sql), "SELECT state FROM item WHERE id = %lld", (long long)id);
	q_text(sql, got, sizeof(got));
	assert_string_equal(got, state);
}

/* The change JSON of the newest audit entry. */
static json_t *
last_audit(char *action, size_t n)
{
	char	 change[8192];
	json_t	*o;

	q_text("SELECT action FROM audit ORDER BY seq DESC LIMIT 1", action, n);
	q_text("SELECT change FROM audit ORDER BY seq DESC LIMIT 1", change, sizeof(change));
	assert_non_null(o = json_loads(change, 0, NULL));
	return o;
}

static void
chain_ok(void)
{
	struct gk_audit_result	r;
	char			err[256];

	assert_int_equal(gk_audit_verify(F.db, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.fault, GK_AUDIT_INTACT);
}

static void
test_lifecycle(void **state)
{
	struct gk_item		 it;
	struct gk_item_input	 in;
	struct gk_item_reviews	 rv;
	char			 err[256], s[512], action[32], sql[256];
	json_t			*j;
	int64_t			 id;

	(void)state;
	/* 成文 Fri 2025-01-24; 5 WD: 1/26 (Sun, 调休上班), 1/27, then 2/5, 2/6, 2/7. */
	id = draft(&F.d, F.ag, "盐边县促进消费若干措施", "政策文件/规章", "2025-01-24",
	    NULL, "第一条 为促进消费……", NOW);
	assert_int_equal(gk_item_get(F.db, id, &it, err, sizeof(err)), GK_OK);
	assert_string_equal(item_meta_get(&it.meta, ITEM_F_INDEXNO), CODE_A "/2025-00001");
	assert_string_equal(it.due_date, "2025-02-07");
	assert_string_equal(it.category_path, "政策文件/规章");
	assert_string_equal(item_meta_get(&it.meta, ITEM_F_PUBLISHER), "盐边县商务局");
	assert_int_equal(it.state, WF_DRAFT);
	assert_int_equal(it.drafter_id, F.d.user_id);
	snprintf(sql, sizeof(sql), "SELECT c.id FROM category c JOIN category p ON c.parent_id = p.id "
	    "WHERE c.agency_id = %lld AND p.name = '政策文件' AND c.name = '规章'", (long long)F.ag);
	assert_int_equal(it.category_id, q_int(sql));
	gk_item_clear(&it);
	j = last_audit(action, sizeof(action));
	assert_string_equal(action, "create");
	assert_string_equal(json_string_value(json_object_get(j, "indexno")),
	    CODE_A "/2025-00001");
	json_decref(j);
	q_text("SELECT actor FROM audit ORDER BY seq DESC LIMIT 1", s, sizeof(s));
	assert_string_equal(s, "d");

	in = input(NULL);
	act_ok(id, &F.d, WF_ACT_SUBMIT, &in, "2025-01-24T11:00:00+08:00");
	state_is(id, "submitted");
	assert_int_equal(q_int("SELECT count(*) FROM item_history WHERE action = 'submit'"), 1);
	q_text("SELECT snapshot FROM item_history WHERE action = 'submit'", s, sizeof(s));
	assert_non_null(strstr(s, "\"state\":\"draft\""));
	j = last_audit(action, sizeof(action));
	assert_string_equal(action, "submit");
	assert_string_equal(json_string_value(json_object_get(j, "from")), "draft");
	assert_string_equal(json_string_value(json_object_get(j, "to")), "submitted");
	json_decref(j);

	in = input("同意，报主要领导审定");
	act_ok(id, &F.r, WF_ACT_REVIEW, &in, "2025-01-26T09:00:00+08:00");
	state_is(id, "reviewed");
	assert_int_equal(q_int("SELECT count(*) FROM review WHERE level = 2 AND "
	    "decision = 'pass' AND check_legal = 1 AND check_accurate = 1 AND "
	    "check_secret = 1 AND comment = '同意，报主要领导审定'"), 1);
	j = last_audit(action, sizeof(action));
	assert_string_equal(action, "review");
	assert_string_equal(json_string_value(json_object_get(json_object_get(j, "checks"),
	    "legality")), "pass");
	json_decref(j);

	in = input("同意发布");
	act_ok(id, &F.a, WF_ACT_APPROVE, &in, "2025-01-27T09:00:00+08:00");
	state_is(id, "approved");
	assert_int_equal(q_int("SELECT reviewer_id FROM review WHERE level = 3"), F.a.user_id);

	in = input(NULL);
	act_ok(id, &F.o, WF_ACT_PUBLISH, &in, "2025-01-27T15:00:00+08:00");
	state_is(id, "published");
	q_text("SELECT published_at FROM item", s, sizeof(s));
	assert_string_equal(s, "2025-01-27T15:00:00+08:00");

	assert_int_equal(gk_item_reviews(F.db, id, &rv, err, sizeof(err)), GK_OK);
	assert_int_equal(rv.n, 2);
	assert_string_equal(rv.v[0].reviewer, "r");
	assert_int_equal(rv.v[0].level, 2);
	assert_string_equal(rv.v[1].reviewer, "a");
	assert_string_equal(rv.v[1].comment, "同意发布");
	gk_item_reviews_free(&rv);

	/* 2 agencies with their 14 default categories each, then create, submit,
	 * review, approve, publish. */
	assert_int_equal(q_int("SELECT count(*) FROM audit"), 2 + 2 * 14 + 5);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE entity = 'item'"), 5);
	assert_int_equal(q_int("SELECT count(*) FROM item_history"), 4);

	/* Withdrawal keeps the published row in history. */
	in = input(NULL);
	in.reason = "内容有误，需重新发布";
	act_ok(id, &F.o, WF_ACT_WITHDRAW, &in, "2025-02-10T09:00:00+08:00");
	state_is(id, "withdrawn");
	q_text("SELECT withdrawn_reason FROM item", s, sizeof(s));
	assert_string_equal(s, "内容有误，需重新发布");
	q_text("SELECT snapshot FROM item_history WHERE action = 'withdraw'", s, sizeof(s));
	assert_non_null(strstr(s, "\"state\":\"published\""));
	assert_non_null(strstr(s, "\"published_at\":\"2025-01-27T15:00:00+08:00\""));
	j = last_audit(action, sizeof(action));
	assert_string_equal(action, "withdraw");
	assert_string_equal(json_string_value(json_object_get(j, "reason")), "内容有误，需重新发布");
	json_decref(j);
	chain_ok();
}

struct snap {
	int64_t	audit, review, history, item_sum;
};

static void
snap(struct snap *s)
{
	s->audit = q_int("SELECT count(*) FROM audit");
	s->review = q_int("SELECT count(*) FROM review");
	s->history = q_int("SELECT count(*) FROM item_history");
	s->item_sum = q_int("SELECT total(length(state) + length(updated_at) + "
	    "coalesce(length(published_at), 0)) FROM item");
}

/* The action is refused with code and nothing changes. */
static void
refused(int64_t id, const struct gk_item_actor *ac, enum wf_action a,
    const struct gk_item_input *in, enum wf_code code, const char *msgpart)
{
	struct snap		 b, c;
	struct wf_result	 r;
	char			 err[512];
	enum gk_err		 e;

	snap(&b);
	e = act(id, ac, a, in, "2025-02-05T10:00:00+08:00", &r, err, sizeof(err));
	assert_int_not_equal(e, GK_OK);
	if (r.code != code)
		fail_msg("%s by %s: code %s, want %s (%s)", wf_action_name(a), ac->login,
		    wf_code_name(r.code), wf_code_name(code), err);
	if (msgpart != NULL && strstr(err, msgpart) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, msgpart);
	assert_false(gk_db_in_tx(F.db));
	snap(&c);
	assert_int_equal(b.audit, c.audit);
	assert_int_equal(b.review, c.review);
	assert_int_equal(b.history, c.history);
	assert_int_equal(b.item_sum, c.item_sum);
}

static void
test_refusals(void **state)
{
	struct gk_item_input	 in, none;
	int64_t			 id;

	(void)state;
	id = draft(&F.d, F.ag, "关于开展消费季活动的通知", "机构职能", "2025-01-24", NULL,
	    "正文", NOW);
	memset(&none, 0, sizeof(none));
	in = input("同意");
	refused(id, &F.r, WF_ACT_REVIEW, &in, WF_E_STATE, "草稿");
	refused(id, &F.o, WF_ACT_PUBLISH, &in, WF_E_STATE, NULL);
	refused(id, &F.r, WF_ACT_SUBMIT, &none, WF_E_ROLE, NULL);
	refused(id, &F.d2, WF_ACT_SUBMIT, &none, WF_E_NOT_DRAFTER, "拟稿人本人");
	refused(id, &F.x, WF_ACT_SUBMIT, &none, WF_E_AGENCY, "其他单位");
	act_ok(id, &F.d, WF_ACT_SUBMIT, &none, "2025-01-24T11:00:00+08:00");
	refused(id, &F.a, WF_ACT_APPROVE, &in, WF_E_STATE, NULL);
	refused(id, &F.o, WF_ACT_PUBLISH, &none, WF_E_STATE, NULL);
	refused(id, &F.d, WF_ACT_REVIEW, &in, WF_E_ROLE, NULL);
	refused(id, &F.r, WF_ACT_REVIEW, &none, WF_E_CHECK_MISSING, NULL);
	in = input(NULL);
	refused(id, &F.r, WF_ACT_REVIEW, &in, WF_E_COMMENT, "意见");
	in = input("保密性存疑");
	in.checks[WF_CHECK_SECRECY] = WF_FAIL;
	refused(id, &F.r, WF_ACT_REVIEW, &in, WF_E_CHECK_FAILED, "保密性");
	refused(id, &F.r, WF_ACT_RETURN, &none, WF_E_COMMENT, NULL);
	refused(id, &F.o, WF_ACT_WITHDRAW, &none, WF_E_STATE, NULL);
	refused(id + 1000, &F.r, WF_ACT_REVIEW, &in, WF_E_INPUT, "不存在");

	/* A return goes back to the drafter, then a new round. */
	in = input("请补充政策依据");
	act_ok(id, &F.r, WF_ACT_RETURN, &in, "2025-01-26T09:00:00+08:00");
	state_is(id, "draft");
	assert_int_equal(q_int("SELECT count(*) FROM review WHERE decision = 'return' "
	    "AND level = 2"), 1);
	act_ok(id, &F.d, WF_ACT_SUBMIT, &none, "2025-01-26T10:00:00+08:00");
	in = input("同意");
	act_ok(id, &F.r, WF_ACT_REVIEW, &in, "2025-01-26T11:00:00+08:00");
	act_ok(id, &F.a, WF_ACT_APPROVE, &in, "2025-01-27T11:00:00+08:00");
	act_ok(id, &F.o, WF_ACT_PUBLISH, &none, "2025-01-27T12:00:00+08:00");
	refused(id, &F.o, WF_ACT_WITHDRAW, &none, WF_E_REASON, "理由");
	refused(id, &F.o, WF_ACT_PUBLISH, &none, WF_E_STATE, "已发布");
	chain_ok();
}

/* Separation of duties when one person would hold two of the roles. */
static void
test_separation(void **state)
{
	struct gk_item_input	 in, none;
	struct gk_item_actor	 d_as_rev, r_as_appr;
	char			 sql[128];
	int64_t			 id;

	(void)state;
	memset(&none, 0, sizeof(none));
	id = draft(&F.d, F.ag, "工作要点", "机构职能", "2025-01-24", NULL, "正文", NOW);
	act_ok(id, &F.d, WF_ACT_SUBMIT, &none, NOW);
	/* The drafter later becomes a reviewer: still may not review their own item. */
	raw("UPDATE user_role SET role = 'reviewer' WHERE user_id = (SELECT id FROM users WHERE login = 'd')");
	actor(&d_as_rev, "d");
	in = input("同意");
	refused(id, &d_as_rev, WF_ACT_REVIEW, &in, WF_E_SOD_DRAFTER, "三人");
	raw("UPDATE user_role SET role = 'drafter' WHERE user_id = (SELECT id FROM users WHERE login = 'd')");
	act_ok(id, &F.r, WF_ACT_REVIEW, &in, NOW);
	/* The reviewer becomes an approver: may not approve what they reviewed. */
	raw("UPDATE user_role SET role = 'approver' WHERE user_id = (SELECT id FROM users WHERE login = 'r')");
	actor(&r_as_appr, "r");
	refused(id, &r_as_appr, WF_ACT_APPROVE, &in, WF_E_SOD_REVIEWER, NULL);
	refused(id, &r_as_appr, WF_ACT_RETURN, &in, WF_E_SOD_REVIEWER, NULL);
	raw("UPDATE user_role SET role = 'reviewer' WHERE user_id = (SELECT id FROM users WHERE login = 'r')");
	act_ok(id, &F.a, WF_ACT_APPROVE, &in, NOW);
	state_is(id, "approved");
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM review WHERE item_id = %lld",
	    (long long)id);
	assert_int_equal(q_int(sql), 2);
}

static void
test_indexno(void **state)
{
	struct gk_item	 it;
	char		 err[256];
	int64_t		 ids[5];
	const char	*want[5] = {
		CODE_A "/2025-00001", CODE_A "/2025-00002", CODE_B "/2025-00001",
		CODE_A "/2025-00003", CODE_A "/2026-00001",
	};
	int		 i;

	(void)state;
	ids[0] = draft(&F.d, F.ag, "一", "机构职能", "2025-01-24", NULL, "", NOW);
	ids[1] = draft(&F.d, F.ag, "二", "机构职能", "2025-01-24", NULL, "", NOW);
	ids[2] = draft(&F.x, F.ag2, "三", "工作动态", "2025-01-24", "2025-01-24", "", NOW);
	ids[3] = draft(&F.d2, F.ag, "四", "机构职能", "2025-01-24", NULL, "", NOW);
	ids[4] = draft(&F.d, F.ag, "五", "机构职能", "2025-12-31", NULL, "",
	    "2026-01-05T09:00:00+08:00");
	for (i = 0; i < 5; i++) {
		assert_int_equal(gk_item_get(F.db, ids[i], &it, err, sizeof(err)), GK_OK);
		assert_string_equal(item_meta_get(&it.meta, ITEM_F_INDEXNO), want[i]);
		gk_item_clear(&it);
	}
	/* A draft of another agency's user for this agency is refused, nothing written. */
	{
		struct item_meta	m;
		struct item_problems	p;
		int64_t			n = q_int("SELECT count(*) FROM audit"), id;

		item_meta_init(&m);
		item_meta_set(&m, ITEM_F_TITLE, "越权");
		item_meta_set(&m, ITEM_F_CATEGORY, "机构职能");
		item_meta_set(&m, ITEM_F_WRITTEN, "2025-01-24");
		assert_int_equal(gk_item_create(F.db, &F.x, F.ag, &m, NULL, NOW, &id, &p,
		    err, sizeof(err)), GK_ECONFLICT);
		assert_int_equal(gk_item_create(F.db, &F.r, F.ag, &m, NULL, NOW, &id, &p,
		    err, sizeof(err)), GK_ECONFLICT);
		/* Bad metadata: every problem reported, nothing written. */
		item_meta_set(&m, ITEM_F_TITLE, NULL);
		item_meta_set(&m, ITEM_F_WRITTEN, "2025-02-30");
		item_meta_set(&m, ITEM_F_CATEGORY, "不存在的栏目");
		assert_int_equal(gk_item_create(F.db, &F.d, F.ag, &m, NULL, NOW, &id, &p,
		    err, sizeof(err)), GK_EINVAL);
		assert_true(item_problems_has(&p, "title.required"));
		assert_true(item_problems_has(&p, "date.invalid"));
		assert_true(item_problems_has(&p, "category.unknown"));
		/* A default category this agency removed from its tree. */
		raw("DELETE FROM category WHERE name = '行政规范性文件'");
		item_meta_set(&m, ITEM_F_TITLE, "标题");
		item_meta_set(&m, ITEM_F_WRITTEN, "2025-01-24");
		item_meta_set(&m, ITEM_F_CATEGORY, "政策文件/行政规范性文件");
		assert_int_equal(gk_item_create(F.db, &F.d, F.ag, &m, NULL, NOW, &id, &p,
		    err, sizeof(err)), GK_EINVAL);
		assert_non_null(strstr(err, "本单位未设置栏目"));
		item_meta_clear(&m);
		assert_int_equal(q_int("SELECT count(*) FROM audit"), n);
		assert_int_equal(q_int("SELECT count(*) FROM item"), 5);
	}
	assert_int_equal(q_int("SELECT count(DISTINCT index_no) FROM item"), 5);
	chain_ok();
}

static void
test_gate(void **state)
{
	struct gk_item_input	 in, none;
	struct wf_result	 r;
	char			 err[512], action[32];
	json_t			*j;
	int64_t			 id;

	(void)state;
	memset(&none, 0, sizeof(none));
	id = draft(&F.d, F.ag, "低保对象名单公示", "机构职能", "2025-01-24", NULL,
	    "张三，身份证号 11010519491231002X，住某村。", NOW);
	/* The gate does not stop submission or review, only approval and publication. */
	act_ok(id, &F.d, WF_ACT_SUBMIT, &none, NOW);
	j = last_audit(action, sizeof(action));
	assert_int_equal(json_integer_value(json_object_get(j, "findings")), 1);
	json_decref(j);
	in = input("同意");
	act_ok(id, &F.r, WF_ACT_REVIEW, &in, NOW);
	refused(id, &F.a, WF_ACT_APPROVE, &in, WF_E_GATE, "1 处");
	in.override_reason = "公示名单依法须公开，已征得本人同意";
	assert_int_equal(act(id, &F.a, WF_ACT_APPROVE, &in, NOW, &r, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(r.gate_override, 1);
	j = last_audit(action, sizeof(action));
	assert_string_equal(action, "approve");
	assert_string_equal(json_string_value(json_object_get(j, "override_reason")),
	    "公示名单依法须公开，已征得本人同意");
	assert_int_equal(json_integer_value(json_object_get(j, "overridden")), 1);
	json_decref(j);
	/* The officer publishes what the approver let through, no more. */
	act_ok(id, &F.o, WF_ACT_PUBLISH, &none, NOW);
	state_is(id, "published");
	chain_ok();
}

static void
test_gate_publish(void **state)
{
	struct gk_item_input	 in, none;
	int64_t			 id;

	(void)state;
	memset(&none, 0, sizeof(none));
	id = draft(&F.d, F.ag, "通知", "机构职能", "2025-01-24", NULL, "无个人信息", NOW);
	act_ok(id, &F.d, WF_ACT_SUBMIT, &none, NOW);
	in = input("同意");
	act_ok(id, &F.r, WF_ACT_REVIEW, &in, NOW);
	act_ok(id, &F.a, WF_ACT_APPROVE, &in, NOW);
	/* A finding slipped in after approval (direct edit): publication is blocked. */
	raw("UPDATE item SET body = '联系电话 13812345678'");
	refused(id, &F.o, WF_ACT_PUBLISH, &none, WF_E_GATE, "不能发布");
}

static void
test_edit(void **state)
{
	struct item_meta	 ch;
	struct item_problems	 p;
	struct gk_item_opts	 o = { NULL, &F.cal, NULL };
	struct gk_item_input	 none;
	struct gk_item		 it;
	char			 err[256];
	int64_t			 id, n;

	(void)state;
	memset(&none, 0, sizeof(none));
	id = draft(&F.d, F.ag, "旧标题", "机构职能", "2025-01-24", NULL, "正文", NOW);
	item_meta_init(&ch);
	item_meta_set(&ch, ITEM_F_TITLE, "新标题");
	/* Policy file now: due 5 WD after 1/24 = 2/7 (was 20 WD for 机构职能). */
	item_meta_set(&ch, ITEM_F_CATEGORY, "政策文件/规章");
	n = q_int("SELECT count(*) FROM audit");
	assert_int_equal(gk_item_edit(F.db, &F.d2, id, &ch, &o, NOW, &p, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), n);
	assert_int_equal(gk_item_edit(F.db, &F.d, id, &ch, &o, NOW, &p, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_item_get(F.db, id, &it, err, sizeof(err)), GK_OK);
	assert_string_equal(item_meta_get(&it.meta, ITEM_F_TITLE), "新标题");
	assert_string_equal(item_meta_get(&it.meta, ITEM_F_BODY), "正文");
	assert_string_equal(it.due_date, "2025-02-07");
	gk_item_clear(&it);
	assert_int_equal(q_int("SELECT count(*) FROM item_history WHERE action = 'edit' "
	    "AND snapshot LIKE '%旧标题%'"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), n + 1);
	/* Not after submission. */
	act_ok(id, &F.d, WF_ACT_SUBMIT, &none, NOW);
	assert_int_equal(gk_item_edit(F.db, &F.d, id, &ch, &o, NOW, &p, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "只有草稿可以修改"));
	/* Bad changes are refused with nothing written. */
	item_meta_clear(&ch);
	item_meta_init(&ch);
	item_meta_set(&ch, ITEM_F_INDEXNO, "X/1");
	assert_int_equal(gk_item_edit(F.db, &F.d, id, &ch, &o, NOW, &p, err,
	    sizeof(err)), GK_EINVAL);
	item_meta_clear(&ch);
	chain_ok();
}

static void
test_list(void **state)
{
	struct gk_item_filter	 f;
	struct gk_item_list	 l;
	struct gk_item_input	 none;
	char			 err[256];
	int64_t			 a, b, c;

	(void)state;
	memset(&none, 0, sizeof(none));
	a = draft(&F.d, F.ag, "甲", "机构职能", "2025-01-24", NULL, "", NOW);
	b = draft(&F.d, F.ag, "乙", "机构职能", "2025-01-24", NULL, "",
	    "2025-01-25T10:00:00+08:00");
	c = draft(&F.x, F.ag2, "丙", "工作动态", "2025-01-24", "2025-01-24", "",
	    "2025-01-26T10:00:00+08:00");
	act_ok(a, &F.d, WF_ACT_SUBMIT, &none, NOW);
	memset(&f, 0, sizeof(f));
	f.state = -1;
	assert_int_equal(gk_item_list(F.db, &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].id, c);	/* newest first */
	assert_int_equal(l.v[2].id, a);
	gk_item_list_free(&l);
	f.agency_id = F.ag;
	f.limit = 1;
	f.offset = 1;
	assert_int_equal(gk_item_list(F.db, &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, a);
	gk_item_list_free(&l);
	f.limit = 0;
	f.offset = 0;
	f.state = WF_DRAFT;
	assert_int_equal(gk_item_list(F.db, &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, b);
	gk_item_list_free(&l);
	f.state = -1;
	f.year = 2024;
	assert_int_equal(gk_item_list(F.db, &f, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);
	f.state = 17;
	assert_int_equal(gk_item_list(F.db, &f, &l, err, sizeof(err)), GK_EINVAL);
}

static void
test_overdue(void **state)
{
	struct gk_item_dues	 l;
	struct gk_item_input	 in, none;
	char			 err[256];
	int64_t			 pol, news, pub;

	(void)state;
	memset(&none, 0, sizeof(none));
	/* 政策文件, 成文 Fri 2025-01-24 -> due Fri 2025-02-07 (1/26, 1/27, 2/5, 2/6, 2/7). */
	pol = draft(&F.d, F.ag, "政策", "政策文件/规章", "2025-01-24", NULL, "", NOW);
	/* 工作动态 ended 2025-01-24: 3 WD -> 1/26, 1/27, 2/5. */
	news = draft(&F.d, F.ag, "动态", "工作动态", "2025-01-24", "2025-01-24", "", NOW);
	/* Published items are never overdue. */
	pub = draft(&F.d, F.ag, "已发布", "工作动态", "2025-01-24", "2025-01-24", "", NOW);
	act_ok(pub, &F.d, WF_ACT_SUBMIT, &none, NOW);
	in = input("同意");
	act_ok(pub, &F.r, WF_ACT_REVIEW, &in, NOW);
	act_ok(pub, &F.a, WF_ACT_APPROVE, &in, NOW);
	act_ok(pub, &F.o, WF_ACT_PUBLISH, &none, NOW);

	/* Sun 2025-01-26 (a working day): news 1/27, 2/5 = 2 left; policy 4 left (> 3). */
	assert_int_equal(gk_item_overdue(F.db, F.ag, &F.cal, "2025-01-26", 3, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].id, news);
	assert_int_equal(l.v[0].status, TIMELINESS_DUE_SOON);
	assert_int_equal(l.v[0].workdays, 2);
	assert_string_equal(l.v[0].due_date, "2025-02-05");
	gk_item_dues_free(&l);

	/* Thu 2025-02-06: news 1 WD late (2/6); policy due tomorrow, 1 left. */
	assert_int_equal(gk_item_overdue(F.db, F.ag, &F.cal, "2025-02-06", 3, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, news);
	assert_int_equal(l.v[0].status, TIMELINESS_OVERDUE);
	assert_int_equal(l.v[0].workdays, 1);
	assert_int_equal(l.v[1].id, pol);
	assert_int_equal(l.v[1].status, TIMELINESS_DUE_SOON);
	assert_int_equal(l.v[1].workdays, 1);
	gk_item_dues_free(&l);

	/* Mon 2025-02-10: policy late by 2/8 (Sat, 调休上班) and 2/10 = 2. */
	assert_int_equal(gk_item_overdue(F.db, F.ag, &F.cal, "2025-02-10", 3, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[1].id, pol);
	assert_int_equal(l.v[1].status, TIMELINESS_OVERDUE);
	assert_int_equal(l.v[1].workdays, 2);
	gk_item_dues_free(&l);

	/* Another agency has none; bad input is refused. */
	assert_int_equal(gk_item_overdue(F.db, F.ag2, &F.cal, "2025-02-10", 3, &l, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(gk_item_overdue(F.db, F.ag, &F.cal, "2025-13-01", 3, &l, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_item_overdue(F.db, F.ag, &F.cal, "2025-02-10", -1, &l, err,
	    sizeof(err)), GK_EINVAL);
}

/* Every allocation of an approval failing in turn: all or nothing each time. */
static void
test_alloc_failures(void **state)
{
	struct gk_item_input	 in, none;
	struct snap		 b, c;
	struct wf_result	 r;
	char			 err[512];
	enum gk_err		 e;
	int64_t			 id;
	long			 n;

	(void)state;
	memset(&none, 0, sizeof(none));
	id = draft(&F.d, F.ag, "通知", "机构职能", "2025-01-24", NULL,
	    "身份证号 11010519491231002X", NOW);
	act_ok(id, &F.d, WF_ACT_SUBMIT, &none, NOW);
	in = input("同意");
	act_ok(id, &F.r, WF_ACT_REVIEW, &in, NOW);
	in.override_reason = "依法公示";
	json_set_alloc_funcs(gk_malloc, gk_free);
	snap(&b);
	for (n = 0; n < 2000; n++) {
		gk_mem_fail_after(n);
		e = act(id, &F.a, WF_ACT_APPROVE, &in, NOW, &r, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM && e != GK_EDB)
			fail_msg("allocation %ld: %s (%s)", n, gk_strerror(e), err);
		assert_false(gk_db_in_tx(F.db));
		snap(&c);
		assert_int_equal(b.audit, c.audit);
		assert_int_equal(b.review, c.review);
		assert_int_equal(b.history, c.history);
		state_is(id, "reviewed");
	}
	json_set_alloc_funcs(malloc, free);
	assert_true(n > 10);	/* the loop did exercise failures */
	assert_int_equal(e, GK_OK);
	state_is(id, "approved");
	chain_ok();
}

/* An actor for a new user of agency F.ag with the roles given. */
static void
user_with(struct gk_item_actor *ac, const char *login, const char *roles)
{
	char		err[256];
	unsigned	r;

	assert_int_equal(gk_user_roles_parse(roles, &r, err, sizeof(err)), GK_OK);
	if (gk_user_add(F.db, "admin", F.ag, login, login, r, NULL, NOW, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("user %s: %s", login, err);
	actor(ac, login);
}

/* Schema v3: several roles per user, with separation of duties per item. */
static void
test_several_roles(void **state)
{
	struct gk_item_actor	 ro, dr, ra;
	struct gk_item_input	 in, none;
	int64_t			 one, two, three, four;

	(void)state;
	memset(&none, 0, sizeof(none));
	in = input("同意");
	user_with(&ro, "ro", "reviewer,officer");
	user_with(&dr, "dr", "drafter,reviewer");
	user_with(&ra, "ra", "reviewer,approver");
	assert_int_equal(ro.roles, WF_ROLE_BIT(WF_ROLE_REVIEWER) | WF_ROLE_BIT(WF_ROLE_OFFICER));

	/* ro reviews one item ... */
	one = draft(&F.d, F.ag, "一", "机构职能", "2025-01-24", NULL, "正文", NOW);
	act_ok(one, &F.d, WF_ACT_SUBMIT, &none, NOW);
	act_ok(one, &ro, WF_ACT_REVIEW, &in, NOW);
	act_ok(one, &F.a, WF_ACT_APPROVE, &in, NOW);
	act_ok(one, &F.o, WF_ACT_PUBLISH, &none, NOW);
	state_is(one, "published");
	/* ... and publishes another. */
	two = draft(&F.d, F.ag, "二", "机构职能", "2025-01-24", NULL, "正文", NOW);
	act_ok(two, &F.d, WF_ACT_SUBMIT, &none, NOW);
	act_ok(two, &F.r, WF_ACT_REVIEW, &in, NOW);
	act_ok(two, &F.a, WF_ACT_APPROVE, &in, NOW);
	act_ok(two, &ro, WF_ACT_PUBLISH, &none, NOW);
	state_is(two, "published");
	/* A drafter who is also a reviewer still cannot review their own item. */
	three = draft(&dr, F.ag, "三", "机构职能", "2025-01-24", NULL, "正文", NOW);
	act_ok(three, &dr, WF_ACT_SUBMIT, &none, NOW);
	refused(three, &dr, WF_ACT_REVIEW, &in, WF_E_SOD_DRAFTER, NULL);
	/* A reviewer who is also an approver cannot approve what they reviewed. */
	four = draft(&F.d, F.ag, "四", "机构职能", "2025-01-24", NULL, "正文", NOW);
	act_ok(four, &F.d, WF_ACT_SUBMIT, &none, NOW);
	act_ok(four, &ra, WF_ACT_REVIEW, &in, NOW);
	refused(four, &ra, WF_ACT_APPROVE, &in, WF_E_SOD_REVIEWER, NULL);
	/* ... but approves an item someone else reviewed. */
	act_ok(three, &F.r, WF_ACT_REVIEW, &in, NOW);
	act_ok(three, &ra, WF_ACT_APPROVE, &in, NOW);
	state_is(three, "approved");
	chain_ok();
}

/* The agency's 索引号 pattern (agency_setting) is what item create uses. */
static void
test_agency_pattern(void **state)
{
	struct gk_item		 it;
	struct item_meta	 m;
	struct gk_item_opts	 o = { "ZZ-{seq:3}", &F.cal, NULL };
	struct item_problems	 p;
	char			 err[256];
	int64_t			 ids[3], other;
	int			 i;

	(void)state;
	assert_int_equal(gk_agency_setting_set(F.db, "admin", F.ag, "indexno_pattern",
	    "YB-{year}-{seq:4}", NOW, err, sizeof(err)), GK_OK);
	ids[0] = draft(&F.d, F.ag, "一", "机构职能", "2025-01-24", NULL, "", NOW);
	ids[1] = draft(&F.d, F.ag, "二", "机构职能", "2025-01-24", NULL, "", NOW);
	other = draft(&F.x, F.ag2, "三", "机构职能", "2025-01-24", NULL, "", NOW);
	/* An explicit pattern in the options still wins. */
	item_meta_init(&m);
	item_meta_set(&m, ITEM_F_TITLE, "四");
	item_meta_set(&m, ITEM_F_CATEGORY, "机构职能");
	item_meta_set(&m, ITEM_F_WRITTEN, "2025-01-24");
	assert_int_equal(gk_item_create(F.db, &F.d, F.ag, &m, &o, NOW, &ids[2], &p, err,
	    sizeof(err)), GK_OK);
	item_meta_clear(&m);
	for (i = 0; i < 3; i++) {
		const char *want[3] = { "YB-2025-0001", "YB-2025-0002", "ZZ-001" };

		assert_int_equal(gk_item_get(F.db, ids[i], &it, err, sizeof(err)), GK_OK);
		assert_string_equal(item_meta_get(&it.meta, ITEM_F_INDEXNO), want[i]);
		gk_item_clear(&it);
	}
	assert_int_equal(gk_item_get(F.db, other, &it, err, sizeof(err)), GK_OK);
	assert_string_equal(item_meta_get(&it.meta, ITEM_F_INDEXNO), CODE_B "/2025-00001");
	gk_item_clear(&it);
	chain_ok();
}

/* A timeliness override (agency_setting) changes the due date. */
static void
test_timeliness_override(void **state)
{
	struct gk_item	 it;
	char		 err[256];
	int64_t		 gz, qt, other;

	(void)state;
	/* 规章: 2 working days; the rest of 政策文件: 3. */
	assert_int_equal(gk_agency_setting_set(F.db, "admin", F.ag,
	    "timeliness.政策文件/规章", "2", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_setting_set(F.db, "admin", F.ag,
	    "timeliness.政策文件", "3", NOW, err, sizeof(err)), GK_OK);
	/* 成文 Fri 2025-01-24: 1/26 (Sun, 调休上班), 1/27, then 2/5 after the holiday. */
	gz = draft(&F.d, F.ag, "规章", "政策文件/规章", "2025-01-24", NULL, "", NOW);
	qt = draft(&F.d, F.ag, "其他", "政策文件/其他文件", "2025-01-24", NULL, "", NOW);
	other = draft(&F.x, F.ag2, "规章", "政策文件/规章", "2025-01-24", NULL, "", NOW);
	assert_int_equal(gk_item_get(F.db, gz, &it, err, sizeof(err)), GK_OK);
	assert_string_equal(it.due_date, "2025-01-27");
	gk_item_clear(&it);
	assert_int_equal(gk_item_get(F.db, qt, &it, err, sizeof(err)), GK_OK);
	assert_string_equal(it.due_date, "2025-02-05");
	gk_item_clear(&it);
	/* The other agency keeps the default 5 working days. */
	assert_int_equal(gk_item_get(F.db, other, &it, err, sizeof(err)), GK_OK);
	assert_string_equal(it.due_date, "2025-02-07");
	gk_item_clear(&it);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_lifecycle, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	cmocka_unit_test_setup_teardown(test_separation, setup, teardown),
	cmocka_unit_test_setup_teardown(test_indexno, setup, teardown),
	cmocka_unit_test_setup_teardown(test_gate, setup, teardown),
	cmocka_unit_test_setup_teardown(test_gate_publish, setup, teardown),
	cmocka_unit_test_setup_teardown(test_edit, setup, teardown),
	cmocka_unit_test_setup_teardown(test_list, setup, teardown),
	cmocka_unit_test_setup_teardown(test_overdue, setup, teardown),
	cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
	cmocka_unit_test_setup_teardown(test_several_roles, setup, teardown),
	cmocka_unit_test_setup_teardown(test_agency_pattern, setup, teardown),
	cmocka_unit_test_setup_teardown(test_timeliness_override, setup, teardown),
};

GK_TEST_MAIN("store_item", tests)
