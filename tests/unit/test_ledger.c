/*
 * test_ledger.c — the 台账 export (store/ledger.h): a small database built
 * through the store API (agency, users, items and their workflow), then
 * the CSV checked line by line against rows written by hand: the BOM and
 * Chinese header, RFC 4180 quoting of a title with a comma and quotes and
 * of a withdrawal reason with a comma, on-time and late publication in
 * working days (2025 calendar: 春节 and its 调休), the year filter (by
 * created date), the agency filter, and bad arguments.
 *
 * Due dates by hand: a policy file written Fri 2025-01-24 is due 5 working
 * days later; 1-26 (Sun) and 2-8 (Sat) are working days, 1-28..2-4 the
 * holiday, so 1-26, 1-27, 2-5, 2-6, 2-7 → 2025-02-07. Work news whose event
 * ended Mon 2025-03-03 is due 3 working days later, Thu 2025-03-06;
 * published Tue 2025-03-11 it is late by 3 (3-7, 3-10, 3-11).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "core/calendar.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/ledger.h"
#include "store/user.h"

#define CODE_A	"11510422MB1234567Y"	/* checked by hand in test_store_item.c */
#define CODE_B	"11510422MB12345682"

struct fx {
	char			 dir[64], path[128];
	struct gk_db		*db;
	struct calendar		 cal;
	int64_t			 ag, ag2;
	struct gk_item_actor	 d, r, a, o;
};

static struct fx F;

/* A user of agency 1 with one role. */
static void
user(const char *login, enum wf_role role, struct gk_item_actor *ac)
{
	gk_test_user(F.db, F.ag, login, role, ac);
}

static int64_t
item(const char *cat, const char *title, const char *docno, const char *written,
    const char *event_end, const char *now)
{
	struct item_meta	 m;
	struct item_problems	 p;
	struct gk_item_opts	 o;
	int64_t			 id = 0;
	char			 err[512];

	item_meta_init(&m);
	assert_int_equal(item_meta_set(&m, ITEM_F_TITLE, title), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_CATEGORY, cat), GK_OK);
	assert_int_equal(item_meta_set(&m, ITEM_F_WRITTEN, written), GK_OK);
	if (docno != NULL)
		assert_int_equal(item_meta_set(&m, ITEM_F_DOCNO, docno), GK_OK);
	if (event_end != NULL)
		assert_int_equal(item_meta_set(&m, ITEM_F_EVENT_END, event_end), GK_OK);
	memset(&o, 0, sizeof(o));
	o.cal = &F.cal;
	if (gk_item_create(F.db, &F.d, F.ag, &m, &o, now, &id, &p, err,
	    sizeof(err)) != GK_OK)
		fail_msg("create %s: %s", title, err);
	item_meta_clear(&m);
	return id;
}

/* Every workflow action of this file, the withdrawal with its reason. */
static void
act(int64_t id, const struct gk_item_actor *ac, enum wf_action a, const char *day)
{
	gk_test_act(F.db, id, ac, a, day, "内容有误,已更正后重新发布");
}

static int
setup(void **state)
{
	const char	*now = "2024-12-01T09:00:00+08:00";
	char		 err[512];
	int64_t		 id;

	(void)state;
	memset(&F, 0, sizeof(F));
	F.db = gk_test_db_open("ledger", F.dir, sizeof(F.dir), F.path, sizeof(F.path));
	gk_test_calendar(&F.cal);
	gk_test_agencies(F.db, now, &F.ag, &F.ag2);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", now, err,
	    sizeof(err)), GK_OK);
	user("d", WF_ROLE_DRAFTER, &F.d);
	user("r", WF_ROLE_REVIEWER, &F.r);
	user("a", WF_ROLE_APPROVER, &F.a);
	user("o", WF_ROLE_OFFICER, &F.o);

	/* 1: a policy file, published on its due date, later withdrawn. */
	id = item("政策文件/规章", "关于\"稳岗\"补贴,申报的通知", "盐边商务〔2025〕1号",
	    "2025-01-24", NULL, "2025-01-24T09:00:00+08:00");
	act(id, &F.d, WF_ACT_SUBMIT, "2025-01-24");
	act(id, &F.r, WF_ACT_REVIEW, "2025-01-24");
	act(id, &F.a, WF_ACT_APPROVE, "2025-01-27");
	act(id, &F.o, WF_ACT_PUBLISH, "2025-02-07");
	act(id, &F.o, WF_ACT_WITHDRAW, "2025-02-10");
	/* 2: work news published three working days late. */
	id = item("工作动态", "招商推介会举行", NULL, "2025-03-03", "2025-03-03",
	    "2025-03-03T17:00:00+08:00");
	act(id, &F.d, WF_ACT_SUBMIT, "2025-03-04");
	act(id, &F.r, WF_ACT_REVIEW, "2025-03-05");
	act(id, &F.a, WF_ACT_APPROVE, "2025-03-10");
	act(id, &F.o, WF_ACT_PUBLISH, "2025-03-11");
	/* 3: submitted and returned by the reviewer: a draft again. */
	id = item("机构职能", "机构职能", NULL, "2025-04-01", NULL,
	    "2025-04-01T09:00:00+08:00");
	act(id, &F.d, WF_ACT_SUBMIT, "2025-04-01");
	act(id, &F.r, WF_ACT_RETURN, "2025-04-02");
	/* 4: created in 2024: not in the 2025 ledger. */
	(void)item("机构职能", "二〇二四年的信息", NULL, "2024-12-20", NULL,
	    "2024-12-20T09:00:00+08:00");
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gk_test_db_remove(F.db, F.dir);
	calendar_clear(&F.cal);
	return 0;
}

/* The ledger of year/agency as a NUL-terminated string; *rows its data rows. */
static char *
ledger(int year, int64_t ag, size_t *rows)
{
	struct gk_buf	 b;
	char		 err[512], *s;
	size_t		 len;

	gk_buf_init(&b, 0);
	if (gk_ledger_csv(F.db, year, ag, &F.cal, &b, rows, err, sizeof(err)) != GK_OK)
		fail_msg("ledger: %s", err);
	assert_int_equal(gk_buf_putc(&b, '\0'), GK_OK);
	s = gk_buf_take(&b, &len);
	assert_non_null(s);
	return s;
}

static void
test_header_and_rows(void **state)
{
	char	*s;
	size_t	 rows;

	(void)state;
	s = ledger(2025, F.ag, &rows);
	assert_int_equal(rows, 3);
	assert_memory_equal(s, "\xEF\xBB\xBF", 3);
	assert_memory_equal(s + 3, "索引号,标题,栏目,发布机构,文号,成文日期,活动结束日期,"
	    "状态,有效性,拟稿人,审核人（分管领导）,审定人（主要领导）,提交日期,审核日期,"
	    "审定日期,发布日期,应发布日期,时效,逾期工作日,撤回原因,政策解读\r\n",
	    strlen("索引号,标题,栏目,发布机构,文号,成文日期,活动结束日期,"
	    "状态,有效性,拟稿人,审核人（分管领导）,审定人（主要领导）,提交日期,审核日期,"
	    "审定日期,发布日期,应发布日期,时效,逾期工作日,撤回原因,政策解读\r\n"));
	assert_null(strstr(s, "二〇二四年的信息"));
	assert_string_equal(gk_ledger_header(0), "索引号");
	assert_string_equal(gk_ledger_header(GK_LEDGER_COLS - 2), "撤回原因");
	assert_string_equal(gk_ledger_header(GK_LEDGER_COLS - 1), "政策解读");
	assert_null(gk_ledger_header(GK_LEDGER_COLS));
	assert_null(gk_ledger_header(-1));
	gk_free(s);

	s = ledger(2024, F.ag, &rows);
	assert_int_equal(rows, 1);
	assert_non_null(strstr(s, CODE_A "/2024-00001,二〇二四年的信息,机构职能,"));
	gk_free(s);
	s = ledger(2025, F.ag2, &rows);
	assert_int_equal(rows, 0);
	gk_free(s);
	s = ledger(2025, 0, &rows);
	assert_int_equal(rows, 3);
	gk_free(s);
}

static void
test_quoting_on_time_withdrawn(void **state)
{
	char *s;

	(void)state;
	s = ledger(2025, F.ag, NULL);
	assert_non_null(strstr(s, "\r\n" CODE_A "/2025-00001,"
	    "\"关于\"\"稳岗\"\"补贴,申报的通知\",政策文件/规章,盐边县商务局,"
	    "盐边商务〔2025〕1号,2025-01-24,,已撤回,有效,d,r,a,2025-01-24,2025-01-24,"
	    "2025-01-27,2025-02-07,2025-02-07,按时,0,\"内容有误,已更正后重新发布\",\r\n"));
	gk_free(s);
}

static void
test_late_and_returned(void **state)
{
	char *s;

	(void)state;
	s = ledger(2025, F.ag, NULL);
	assert_non_null(strstr(s, "\r\n" CODE_A "/2025-00002,招商推介会举行,工作动态,"
	    "盐边县商务局,,2025-03-03,2025-03-03,已发布,有效,d,r,a,2025-03-04,"
	    "2025-03-05,2025-03-10,2025-03-11,2025-03-06,逾期,3,,\r\n"));
	/* Returned: a draft again, no reviewer in the current round, not published. */
	assert_non_null(strstr(s, "\r\n" CODE_A "/2025-00003,机构职能,机构职能,"
	    "盐边县商务局,,2025-04-01,,草稿,有效,d,,,2025-04-01,,,,"));
	assert_non_null(strstr(s, ",未发布,,,\r\n"));
	gk_free(s);
}

static void
test_csv_field(void **state)
{
	struct gk_buf	 b;
	char		*s;
	size_t		 len;

	(void)state;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_ledger_csv_field(&b, "plain 文本"), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '|'), GK_OK);
	assert_int_equal(gk_ledger_csv_field(&b, "a\nb"), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '|'), GK_OK);
	assert_int_equal(gk_ledger_csv_field(&b, "x\r"), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '|'), GK_OK);
	assert_int_equal(gk_ledger_csv_field(&b, "\"\""), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '|'), GK_OK);
	assert_int_equal(gk_ledger_csv_field(&b, NULL), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '|'), GK_OK);
	/* Formula-like cells are neutralised with a leading apostrophe. */
	assert_int_equal(gk_ledger_csv_field(&b, "=HYPERLINK(\"x\")"), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '|'), GK_OK);
	assert_int_equal(gk_ledger_csv_field(&b, "@SUM(A1)"), GK_OK);
	assert_int_equal(gk_buf_putc(&b, '\0'), GK_OK);
	s = gk_buf_take(&b, &len);
	assert_string_equal(s, "plain 文本|\"a\nb\"|\"x\r\"|\"\"\"\"\"\"||"
	    "\"'=HYPERLINK(\"\"x\"\")\"|\"'@SUM(A1)\"");
	gk_free(s);
}

/* Submitted, reviewed, approved and published on day. */
static void
publish_on(int64_t id, const char *day)
{
	act(id, &F.d, WF_ACT_SUBMIT, day);
	act(id, &F.r, WF_ACT_REVIEW, day);
	act(id, &F.a, WF_ACT_APPROVE, day);
	act(id, &F.o, WF_ACT_PUBLISH, day);
}

/*
 * The 政策解读 column: a published policy file without an interpretation
 * (无解读), one whose 图解 came out the same day (图解), one whose 文字解读
 * came out two days later (解读滞后 2 天), and the interpretations' cells
 * naming their policy file's 索引号.
 */
static void
test_interpretation_column(void **state)
{
	int64_t	 p1, p2, p3, i1, i2;
	char	*s, err[512];

	(void)state;
	p1 = item("政策文件/其他文件", "无解读的政策", NULL, "2025-05-06", NULL,
	    "2025-05-06T09:00:00+08:00");
	publish_on(p1, "2025-05-06");
	p2 = item("政策文件/其他文件", "有图解的政策", NULL, "2025-05-06", NULL,
	    "2025-05-06T09:00:00+08:00");
	publish_on(p2, "2025-05-06");
	i1 = item("政策解读", "一图读懂", NULL, "2025-05-06", NULL,
	    "2025-05-06T09:00:00+08:00");
	publish_on(i1, "2025-05-06");
	p3 = item("政策文件/其他文件", "解读滞后的政策", NULL, "2025-05-06", NULL,
	    "2025-05-06T09:00:00+08:00");
	publish_on(p3, "2025-05-06");
	i2 = item("政策解读", "文字解读", NULL, "2025-05-06", NULL,
	    "2025-05-06T09:00:00+08:00");
	publish_on(i2, "2025-05-08");
	assert_int_equal(gk_interp_link(F.db, &F.d, i1, p2, INTERP_GRAPHIC,
	    "2025-05-06T11:00:00+08:00", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_interp_link(F.db, &F.d, i2, p3, INTERP_TEXT,
	    "2025-05-06T11:00:00+08:00", err, sizeof(err)), GK_OK);
	s = ledger(2025, F.ag, NULL);
	assert_non_null(strstr(s, CODE_A "/2025-00004,无解读的政策,"));
	assert_non_null(strstr(s, ",按时,0,,无解读\r\n" CODE_A "/2025-00005,"));
	assert_non_null(strstr(s, ",按时,0,,图解\r\n" CODE_A "/2025-00006,"));
	assert_non_null(strstr(s, ",按时,0,," CODE_A "/2025-00005\r\n"
	    CODE_A "/2025-00007,"));
	assert_non_null(strstr(s, ",按时,0,,解读滞后 2 天\r\n" CODE_A "/2025-00008,"));
	assert_non_null(strstr(s, ",按时,0,," CODE_A "/2025-00007\r\n"));
	gk_free(s);
}

static void
test_bad_arguments(void **state)
{
	struct gk_buf	 b;
	char		 err[512];
	size_t		 rows = 7;

	(void)state;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_ledger_csv(F.db, 1800, 0, &F.cal, &b, &rows, err,
	    sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "年份"));
	assert_int_equal(rows, 0);
	assert_int_equal(gk_ledger_csv(F.db, 2025, 99, &F.cal, &b, &rows, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(b.len, 0);
	/* Without a calendar: still on time / late, no count of working days. */
	assert_int_equal(gk_ledger_csv(F.db, 2025, F.ag, NULL, &b, &rows, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(rows, 3);
	assert_int_equal(gk_buf_putc(&b, '\0'), GK_OK);
	assert_non_null(strstr(b.data, ",2025-03-06,逾期,,,\r\n"));
	gk_buf_clear(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_header_and_rows, setup, teardown),
	cmocka_unit_test_setup_teardown(test_quoting_on_time_withdrawn, setup, teardown),
	cmocka_unit_test_setup_teardown(test_late_and_returned, setup, teardown),
	cmocka_unit_test_setup_teardown(test_csv_field, setup, teardown),
	cmocka_unit_test_setup_teardown(test_interpretation_column, setup, teardown),
	cmocka_unit_test_setup_teardown(test_bad_arguments, setup, teardown),
};

GK_TEST_MAIN("ledger", tests)
