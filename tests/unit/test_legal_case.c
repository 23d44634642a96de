/*
 * test_legal_case.c — reconsideration and litigation cases
 * (store/legal_case.c): adding with and without an application (same
 * agency, not filed before the application was received), the result
 * recorded once with a closing date not before the filing date, lists by
 * agency and year, names and labels, who may act, and refused changes
 * writing nothing (row and audit unchanged).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/apply.h"
#include "core/calendar.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/legal_case.h"

#define NOW	"2025-06-03T10:00:00+08:00"

static struct gk_test_store S;

static int64_t
q_int(const char *sql)
{
	return gk_test_int(S.db, sql);
}

#define D(s)	gk_test_date(s)

static int
setup(void **state)
{
	(void)state;
	gk_test_store_open(&S, "case", NOW);
	if (sqlite3_exec(gk_db_sqlite(S.db), "INSERT INTO users (agency_id, login,"
	    " display_name, role, created_at) VALUES (1, 'o', '专员', 'officer', 'x'),"
	    " (1, 'dr', '拟稿人', 'drafter', 'x');"
	    " INSERT INTO user_role (user_id, role) SELECT id, role FROM users;",
	    NULL, NULL, NULL) != SQLITE_OK)
		fail_msg("users");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gk_test_store_close(&S);
	return 0;
}

/* An application of agency a received on date. */
static int64_t
application(int64_t a, const char *received)
{
	struct gk_apply_intake	 in;
	char			 err[512];
	int64_t			 id;

	memset(&in, 0, sizeof(in));
	in.channel = APPLY_CH_IN_PERSON;
	in.type = APPLY_AP_LEGAL;
	in.name = "四川某某律师事务所";
	in.phone = "0812-3456789";
	in.request = "某项目的环评批复";
	in.received = D(received);
	if (gk_apply_new(S.db, "cli:root", a, &in, &S.cal, NOW, &id, NULL, err, sizeof(err)) != GK_OK)
		fail_msg("new: %s", err);
	return id;
}

static void
add_refused(int64_t a, enum gk_s4route r, const char *filed, int64_t app,
    const char *actor, enum gk_err want, const char *msg)
{
	char	 err[512];
	int64_t	 n = q_int("SELECT count(*) FROM legal_case"),
		 au = q_int("SELECT count(*) FROM audit");

	assert_int_equal(gk_case_add(S.db, actor, a, r, filed ? D(filed) : GK_DATE_NONE,
	    app, "", "", NOW, NULL, err, sizeof(err)), want);
	if (strstr(err, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err, msg);
	assert_int_equal(q_int("SELECT count(*) FROM legal_case"), n);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), au);
}

static void
test_add_update_list(void **state)
{
	struct gk_case_list	 l;
	struct gk_case		 c;
	char			 err[512];
	int64_t			 app, app2, c1, c2, c3, au;

	(void)state;
	app = application(S.ag, "2025-03-03");
	app2 = application(S.ag2, "2025-03-03");
	assert_int_equal(gk_case_add(S.db, "o", S.ag, GK_S4_RECON, D("2025-05-10"), app,
	    "盐府复〔2025〕3号", "申请人不服部分公开", NOW, &c1, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_case_add(S.db, "o", S.ag, GK_S4_SUIT_DIRECT, D("2024-12-20"), 0,
	    "", NULL, NOW, &c2, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_case_add(S.db, "cli:root", S.ag, GK_S4_SUIT_AFTER, D("2025-06-03"),
	    0, NULL, NULL, NOW, &c3, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE entity = 'legal_case'"
	    " AND action = 'add'"), 3);
	/* refused: nothing written */
	add_refused(S.ag, GK_S4_RECON, "2025-05-10", app2, "o", GK_ECONFLICT, "属于机构");
	add_refused(S.ag, GK_S4_RECON, "2025-03-02", app, "o", GK_EINVAL, "早于所涉申请");
	add_refused(S.ag, GK_S4_RECON, "2025-05-10", 99, "o", GK_ENOTFOUND, "申请 99 不存在");
	add_refused(99, GK_S4_RECON, "2025-05-10", 0, "o", GK_ENOTFOUND, "机构 99");
	add_refused(S.ag, GK_S4_RECON, "2025-06-04", 0, "o", GK_EINVAL, "晚于今天");
	add_refused(S.ag, GK_S4_RECON, NULL, 0, "o", GK_EINVAL, "缺少");
	add_refused(S.ag, GK_S4ROUTE__MAX, "2025-05-10", 0, "o", GK_EINVAL, "途径");
	add_refused(S.ag, GK_S4_RECON, "2025-05-10", 0, "dr", GK_ECONFLICT, "无权");
	assert_int_equal(gk_case_add(S.db, "o", S.ag, GK_S4_RECON, D("2025-05-10"), 0,
	    "案\x01号", NULL, NOW, NULL, err, sizeof(err)), GK_EINVAL);
	/* the result, once; the closing date not before filing, not after today */
	au = q_int("SELECT count(*) FROM audit");
	assert_int_equal(gk_case_update(S.db, "o", c1, GK_S4_CORRECTED, D("2025-05-09"), NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "早于"));
	assert_int_equal(gk_case_update(S.db, "o", c1, GK_S4_CORRECTED, GK_DATE_NONE, NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_case_update(S.db, "o", c1, GK_S4_CORRECTED, D("2025-06-04"), NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_case_update(S.db, "o", c1, GK_S4_PENDING, D("2025-06-01"), NOW,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_case_update(S.db, "dr", c1, GK_S4_CORRECTED, D("2025-06-01"), NOW,
	    err, sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_case_update(S.db, "o", 99, GK_S4_CORRECTED, D("2025-06-01"), NOW,
	    err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), au);
	assert_int_equal(q_int("SELECT count(*) FROM legal_case WHERE result != 'pending'"), 0);
	assert_int_equal(gk_case_update(S.db, "o", c1, GK_S4_CORRECTED, D("2025-05-10"), NOW,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(gk_case_update(S.db, "o", c1, GK_S4_UPHELD, D("2025-06-01"), NOW,
	    err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "已有结果"));
	assert_int_equal(q_int("SELECT count(*) FROM audit"), au + 1);
	assert_int_equal(gk_case_get(S.db, c1, &c, err, sizeof(err)), GK_OK);
	assert_int_equal(c.result, GK_S4_CORRECTED);
	assert_int_equal(c.closed, D("2025-05-10"));
	assert_int_equal(c.application_id, app);
	assert_string_equal(c.case_no, "盐府复〔2025〕3号");
	assert_string_equal(c.note, "申请人不服部分公开");
	gk_case_clear(&c);
	/* lists: by filing date; by year of filing; another agency */
	assert_int_equal(gk_case_list(S.db, S.ag, 0, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 3);
	assert_int_equal(l.v[0].id, c2);
	assert_int_equal(l.v[1].id, c1);
	assert_int_equal(l.v[2].id, c3);
	assert_int_equal(l.v[2].result, GK_S4_PENDING);
	assert_int_equal(l.v[2].closed, GK_DATE_NONE);
	gk_case_list_free(&l);
	assert_int_equal(gk_case_list(S.db, S.ag, 2024, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].route, GK_S4_SUIT_DIRECT);
	gk_case_list_free(&l);
	assert_int_equal(gk_case_list(S.db, S.ag2, 0, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);
	gk_case_list_free(&l);
	assert_int_equal(gk_case_list(S.db, 0, 0, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 3);
	gk_case_list_free(&l);
	assert_int_equal(gk_case_list(S.db, 0, -5, &l, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_case_get(S.db, 99, &c, err, sizeof(err)), GK_ENOTFOUND);
}

static void
test_names(void **state)
{
	enum gk_s4route	 r;
	enum gk_s4res	 s;

	(void)state;
	assert_true(gk_case_route_from_name("行政复议", &r));
	assert_int_equal(r, GK_S4_RECON);
	assert_true(gk_case_route_from_name("未经复议直接起诉", &r));
	assert_int_equal(r, GK_S4_SUIT_DIRECT);
	assert_true(gk_case_route_from_name("suit_after", &r));
	assert_int_equal(r, GK_S4_SUIT_AFTER);
	assert_false(gk_case_route_from_name("行政诉讼", &r));
	assert_false(gk_case_route_from_name(NULL, &r));
	assert_true(gk_case_result_from_name("维持", &s));
	assert_int_equal(s, GK_S4_UPHELD);
	assert_true(gk_case_result_from_name("结果纠正", &s));
	assert_int_equal(s, GK_S4_CORRECTED);
	assert_true(gk_case_result_from_name("其他结果", &s));
	assert_int_equal(s, GK_S4_OTHER);
	assert_true(gk_case_result_from_name("pending", &s));
	assert_int_equal(s, GK_S4_PENDING);
	assert_false(gk_case_result_from_name("总计", &s));
	assert_string_equal(gk_case_route_name(GK_S4_SUIT_DIRECT), "suit_direct");
	assert_string_equal(gk_case_route_name(GK_S4ROUTE__MAX), "");
	assert_string_equal(gk_case_result_label(GK_S4_PENDING), "尚未审结");
	assert_string_equal(gk_case_result_name(GK_S4_TOTAL), "");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_add_update_list, setup, teardown),
	cmocka_unit_test(test_names),
};

GK_TEST_MAIN("legal_case", tests)
