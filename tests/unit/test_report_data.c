/*
 * test_report_data.c — the annual report built from a small database made
 * with SQL inserts (items, applications and their events, cases) and the
 * store functions (figures, texts): expected cells written by hand for
 * applications across a year end, cases pending at the year end and a
 * repealed 行政规范性文件; publication refused on a blank cell and on a
 * broken year boundary with nothing written; snapshots and versions; the
 * government's aggregate; the figures CSV import.
 *
 * The data (agency A, report 2025):
 *   applications            received    closed      outcome                 2024 row / 2025 row
 *   a1 自然人                2024-12-20  2025-01-10  予以公开                 一 / 二, (一)
 *   a2 商业企业              2024-11-01  2024-12-01  予以公开                 一,(一) / —
 *   a3 自然人                2025-03-01  2025-03-15  部分公开 (fee 10 元)     — / 一, (二)
 *   a4 科研机构              2025-12-25  —           —                        — / 一, 四
 *   a5 法律服务机构          2025-12-30  2026-01-05  不予公开 6               — / 一, 四
 *   a6 社会公益组织          2024-12-31  —           —                        一, 四 / 二, 四
 *   a7 其他                  2025-06-01  2025-06-02  其他处理 1               — / 一, (六)1
 *   a8 自然人                2025-02-01  2025-02-05  无法提供 1               — / 一, (四)1
 * 2025: 一 = 5 (自然人 2, 科研 1, 法律 1, 其他 1); 二 = 2 (自然人 1, 公益 1);
 *       (七) = 4 (自然人 3, 其他 1); 四 = 3 (科研, 法律, 公益). 5 + 2 = 4 + 3.
 * 2024: 一 = 3 (自然人 a1, 商业 a2, 公益 a6); (七) = 1 (商业); 四 = 2 (自然人, 公益).
 *   cases         filed       result     closed       2025 cell
 *   c1 复议       2025-03-01  维持       2025-05-01   复议 维持
 *   c2 直接起诉   2025-11-01  纠正       2026-02-01   直接起诉 尚未审结 (closed after the year)
 *   c3 复议后起诉 2024-10-01  维持       2024-12-01   — (filed 2024)
 *   c4 复议       2025-12-01  pending    —            复议 尚未审结
 *   items (规范性文件 unless said)  written     state      validity             2025
 *   i1                              2025-03-01  published  有效                 issued, in force
 *   i2                              2023-05-01  published  废止 2025-06-30      repealed
 *   i3                              2022-01-01  published  有效                 in force
 *   i4                              2025-02-01  withdrawn  有效                 —
 *   i5 规章                         2024-02-01  published  失效 2026-03-01      in force (ends after)
 *   i6                              2026-01-05  published  有效                 —
 *   i7 机构职能, i8 工作动态 (late), i9 政策解读 of i1 (图解), all published in 2025.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/uscc.h"
#include "report/report_io.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/figures.h"
#include "store/report_data.h"

#define CODE_A	"11510422MB1234567Y"
#define CODE_B	"11510422MB12345682"
#define NOW	"2026-01-20T10:00:00+08:00"
#define N(v)	((int64_t)(v) * GK_NUM_SCALE)

static struct {
	char		 dir[64], path[128];
	struct gk_db	*db;
	int64_t		 gov, ag, ag2;
} F;

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
set_fig(int64_t ag, int year, const char *key, int64_t v)
{
	char err[256];

	if (gk_figure_set(F.db, "admin", ag, year, key, v, "测试", NOW, err, sizeof(err)) != GK_OK)
		fail_msg("figure %s: %s", key, err);
}

static void
set_text(int64_t ag, int year, enum gk_narr n, const char *t)
{
	char err[256];

	if (gk_report_text_set(F.db, "admin", ag, year, n, t, strlen(t), NOW, err,
	    sizeof(err)) != GK_OK)
		fail_msg("text: %s", err);
}

static void
figures_and_texts(int64_t ag, int year)
{
	set_fig(ag, year, "license", N(2));
	set_fig(ag, year, "penalty", 0);
	set_fig(ag, year, "coercion", 0);
	set_fig(ag, year, "admin_fee", 250000);	/* 0.25 万元 */
	set_text(ag, year, GK_NARR_OVERVIEW, "公开 {{items.total}} 条。");
	set_text(ag, year, GK_NARR_PROBLEMS, "无。");
	set_text(ag, year, GK_NARR_OTHER, "本年度{{fees.statement}}。");
}

static int
setup(void **state)
{
	char	err[512], gov[32];

	(void)state;
	memset(&F, 0, sizeof(F));
	snprintf(F.dir, sizeof(F.dir), "/tmp/gk-rdata-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/t.db", F.dir);
	if (gk_db_open(F.path, &F.db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	snprintf(gov, sizeof(gov), "11510422MB0000001%c", gk_uscc_check_char("11510422MB0000001"));
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县人民政府", gov, 0, "县级", NOW, &F.gov,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县商务局", CODE_A, F.gov, "县级",
	    NOW, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县财政局", CODE_B, F.gov, "县级",
	    NOW, &F.ag2, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag2, "admin", NOW, err, sizeof(err)), GK_OK);
	raw("CREATE TEMP VIEW cat AS SELECT id, code FROM category WHERE agency_id = 2;");
	raw("INSERT INTO item (agency_id, index_no, title, category_id, written_date, validity,"
	    " validity_date, state, created_at, updated_at, due_date, published_at) VALUES"
	    " (2, 'i1', 'i1', (SELECT id FROM cat WHERE code = 'zcwj-gfx'), '2025-03-01', '有效', NULL,"
	    "  'published', '2025-03-01', 'x', '2025-03-07', '2025-03-05T09:00:00+08:00'),"
	    " (2, 'i2', 'i2', (SELECT id FROM cat WHERE code = 'zcwj-gfx'), '2023-05-01', '废止', '2025-06-30',"
	    "  'published', '2023-05-01', 'x', '2023-05-08', '2023-05-05T09:00:00+08:00'),"
	    " (2, 'i3', 'i3', (SELECT id FROM cat WHERE code = 'zcwj-gfx'), '2022-01-01', '有效', NULL,"
	    "  'published', '2022-01-01', 'x', '2022-01-07', '2022-01-05T09:00:00+08:00'),"
	    " (2, 'i4', 'i4', (SELECT id FROM cat WHERE code = 'zcwj-gfx'), '2025-02-01', '有效', NULL,"
	    "  'withdrawn', '2025-02-01', 'x', '2025-02-10', '2025-02-05T09:00:00+08:00'),"
	    " (2, 'i5', 'i5', (SELECT id FROM cat WHERE code = 'zcwj-gz'), '2024-02-01', '失效', '2026-03-01',"
	    "  'published', '2024-02-01', 'x', '2024-02-08', '2024-02-05T09:00:00+08:00'),"
	    " (2, 'i6', 'i6', (SELECT id FROM cat WHERE code = 'zcwj-gfx'), '2026-01-05', '有效', NULL,"
	    "  'published', '2026-01-05', 'x', '2026-01-12', '2026-01-06T09:00:00+08:00'),"
	    " (2, 'i7', 'i7', (SELECT id FROM cat WHERE code = 'jgzn'), '2025-01-02', '有效', NULL,"
	    "  'published', '2025-01-02', 'x', '2025-02-10', '2025-01-03T09:00:00+08:00'),"
	    " (2, 'i8', 'i8', (SELECT id FROM cat WHERE code = 'gzdt'), '2025-04-01', '有效', NULL,"
	    "  'published', '2025-04-01', 'x', '2025-04-03', '2025-04-09T09:00:00+08:00'),"
	    " (2, 'i9', 'i9', (SELECT id FROM cat WHERE code = 'zcjd'), '2025-03-01', '有效', NULL,"
	    "  'published', '2025-03-01', 'x', '2025-03-20', '2025-03-05T09:00:00+08:00'),"
	    " (2, 'i10', 'i10', (SELECT id FROM cat WHERE code = 'gzdt'), '2025-04-01', '有效', NULL,"
	    "  'draft', '2025-04-01', 'x', '2025-04-03', NULL);"
	    "INSERT INTO interpretation (item_id, policy_item_id, form) VALUES"
	    " ((SELECT id FROM item WHERE index_no = 'i9'), (SELECT id FROM item WHERE index_no = 'i1'), '图解');");
	raw("INSERT INTO application (id, agency_id, code, channel, applicant_type, applicant_name,"
	    " request, received_date, state, outcome, closed_date, created_at, updated_at) VALUES"
	    " (1, 2, 'a1', 'online', 'natural', 'x', 'x', '2024-12-20', 'closed', 'open', '2025-01-10', 'x', 'x'),"
	    " (2, 2, 'a2', 'online', 'business', 'x', 'x', '2024-11-01', 'closed', 'open', '2024-12-01', 'x', 'x'),"
	    " (3, 2, 'a3', 'online', 'natural', 'x', 'x', '2025-03-01', 'closed', 'partial', '2025-03-15', 'x', 'x'),"
	    " (4, 2, 'a4', 'online', 'research', 'x', 'x', '2025-12-25', 'processing', NULL, NULL, 'x', 'x'),"
	    " (5, 2, 'a5', 'online', 'legal', 'x', 'x', '2025-12-30', 'closed', 'deny_process', '2026-01-05', 'x', 'x'),"
	    " (6, 2, 'a6', 'online', 'nonprofit', 'x', 'x', '2024-12-31', 'processing', NULL, NULL, 'x', 'x'),"
	    " (7, 2, 'a7', 'online', 'other', 'x', 'x', '2025-06-01', 'closed', 'other_no_correction', '2025-06-02', 'x', 'x'),"
	    " (8, 2, 'a8', 'online', 'natural', 'x', 'x', '2025-02-01', 'closed', 'unavailable_not_held', '2025-02-05', 'x', 'x'),"
	    " (9, 3, 'b1', 'online', 'natural', 'x', 'x', '2025-05-01', 'processing', NULL, NULL, 'x', 'x');"
	    "INSERT INTO application_event (application_id, seq, kind, date, amount, actor, recorded_at) VALUES"
	    " (1, 1, 'received', '2024-12-20', NULL, 'x', 'x'), (1, 2, 'fee', '2024-12-21', 500, 'x', 'x'),"
	    " (1, 3, 'paid', '2024-12-28', NULL, 'x', 'x'),"
	    " (3, 1, 'received', '2025-03-01', NULL, 'x', 'x'), (3, 2, 'fee', '2025-03-02', 1000, 'x', 'x'),"
	    " (3, 3, 'paid', '2025-03-05', NULL, 'x', 'x');"
	    "INSERT INTO legal_case (agency_id, route, filed_date, result, closed_date, created_at, updated_at) VALUES"
	    " (2, 'recon', '2025-03-01', 'upheld', '2025-05-01', 'x', 'x'),"
	    " (2, 'suit_direct', '2025-11-01', 'corrected', '2026-02-01', 'x', 'x'),"
	    " (2, 'suit_after', '2024-10-01', 'upheld', '2024-12-01', 'x', 'x'),"
	    " (2, 'recon', '2025-12-01', 'pending', NULL, 'x', 'x');");
	assert_int_equal(F.ag, 2);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	(void)state;
	gk_db_close(F.db);
	snprintf(cmd, sizeof(cmd), "rm -rf %s", F.dir);
	if (system(cmd) != 0)
		return -1;
	return 0;
}

static void
assert_num(const struct gk_cell *c, int64_t v)
{
	assert_int_equal(c->state, GK_CELL_NUM);
	assert_int_equal(c->num, N(v));
}

static void
test_build_2025(void **state)
{
	struct gk_report	r;
	struct gk_findings	fs;
	struct gk_gen_counts	c;
	char			err[512];

	(void)state;
	figures_and_texts(F.ag, 2025);
	gk_findings_init(&fs);
	assert_int_equal(gk_report_build(F.db, F.ag, 2025, &r, &c, &fs, err, sizeof(err)), GK_OK);
	if (fs.n != 0)
		fail_msg("unexpected finding: %s %s %s", fs.v[0].rule, fs.v[0].where, fs.v[0].msg);
	assert_string_equal(r.agency, "盐边县商务局");
	/* 二 */
	assert_num(&r.s2[GK_S2_RULE_ISSUED], 0);
	assert_num(&r.s2[GK_S2_RULE_REPEALED], 0);
	assert_num(&r.s2[GK_S2_RULE_INFORCE], 1);
	assert_num(&r.s2[GK_S2_NORM_ISSUED], 1);
	assert_num(&r.s2[GK_S2_NORM_REPEALED], 1);
	assert_num(&r.s2[GK_S2_NORM_INFORCE], 2);
	assert_num(&r.s2[GK_S2_LICENSE], 2);
	assert_int_equal(r.s2[GK_S2_FEE].num, 250000);
	/* 三 */
	assert_num(&r.s3[GK_S3_NEW][GK_S3_NATURAL], 2);
	assert_num(&r.s3[GK_S3_NEW][GK_S3_BUSINESS], 0);
	assert_num(&r.s3[GK_S3_NEW][GK_S3_RESEARCH], 1);
	assert_num(&r.s3[GK_S3_NEW][GK_S3_LEGAL], 1);
	assert_num(&r.s3[GK_S3_NEW][GK_S3_OTHERORG], 1);
	assert_num(&r.s3[GK_S3_NEW][GK_S3_ALL], 5);
	assert_num(&r.s3[GK_S3_CARRIED_IN][GK_S3_NATURAL], 1);
	assert_num(&r.s3[GK_S3_CARRIED_IN][GK_S3_NONPROFIT], 1);
	assert_num(&r.s3[GK_S3_CARRIED_IN][GK_S3_ALL], 2);
	assert_num(&r.s3[GK_S3_OPEN][GK_S3_NATURAL], 1);
	assert_num(&r.s3[GK_S3_OPEN][GK_S3_BUSINESS], 0);
	assert_num(&r.s3[GK_S3_PARTIAL][GK_S3_NATURAL], 1);
	assert_num(&r.s3[GK_S3_NA_NOTHELD][GK_S3_NATURAL], 1);
	assert_num(&r.s3[GK_S3_OTHER_NOCORRECT][GK_S3_OTHERORG], 1);
	assert_num(&r.s3[GK_S3_DENY_PROCESS][GK_S3_ALL], 0);
	assert_num(&r.s3[GK_S3_TOTAL][GK_S3_NATURAL], 3);
	assert_num(&r.s3[GK_S3_TOTAL][GK_S3_ALL], 4);
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_RESEARCH], 1);
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_LEGAL], 1);
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_NONPROFIT], 1);
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_ALL], 3);
	/* 四 */
	assert_num(&r.s4[GK_S4_RECON][GK_S4_UPHELD], 1);
	assert_num(&r.s4[GK_S4_RECON][GK_S4_PENDING], 1);
	assert_num(&r.s4[GK_S4_RECON][GK_S4_TOTAL], 2);
	assert_num(&r.s4[GK_S4_SUIT_DIRECT][GK_S4_CORRECTED], 0);
	assert_num(&r.s4[GK_S4_SUIT_DIRECT][GK_S4_PENDING], 1);
	assert_num(&r.s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL], 0);
	/* narrative and counts: i1, i4 (withdrawn later), i7, i8 = 4; fee of a3 only */
	assert_string_equal(r.narr[GK_NARR_OVERVIEW], "公开 4 条。");
	assert_string_equal(r.narr[GK_NARR_OTHER], "本年度收取信息处理费 10 元。");
	assert_int_equal(c.items_kind[CATEGORY_KIND_POLICY], 2);
	assert_int_equal(c.items_kind[CATEGORY_KIND_INTERP], 1);
	assert_int_equal(c.interp_form[INTERP_GRAPHIC], 1);
	assert_int_equal(c.timed, 4);
	assert_int_equal(c.on_time, 3);	/* i8 published 2025-04-09, due 04-03 */
	assert_int_equal(c.fees_fen, 1000);
	gk_findings_clear(&fs);
	gk_report_clear(&r);
}

static size_t
count_rule(const struct gk_findings *fs, const char *rule)
{
	size_t i, n = 0;

	for (i = 0; i < fs->n; i++)
		n += strcmp(fs->v[i].rule, rule) == 0;
	return n;
}

static void
test_publish_and_boundary(void **state)
{
	struct gk_findings		fs;
	struct gk_report_snapshot	s;
	struct gk_report		r;
	char				err[512], sha[GK_SHA256_HEXLEN + 1];
	int64_t				audits;
	int				v = 0;

	(void)state;
	/* 2024 without figures: refused, nothing written */
	set_text(F.ag, 2024, GK_NARR_OVERVIEW, "x");
	set_text(F.ag, 2024, GK_NARR_PROBLEMS, "x");
	set_text(F.ag, 2024, GK_NARR_OTHER, "x");
	audits = q_int("SELECT count(*) FROM audit");
	gk_findings_init(&fs);
	assert_int_equal(gk_report_publish(F.db, "admin", F.ag, 2024, NOW, &fs, &v, sha, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "不能发布"));
	assert_int_equal(count_rule(&fs, GK_GEN_R_FIGURE), 4);
	assert_int_equal(q_int("SELECT count(*) FROM report_snapshot"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits);
	gk_findings_clear(&fs);

	/* 2024 with figures: version 1, row 四 = 自然人 1, 公益 1 */
	set_fig(F.ag, 2024, "license", 0);
	set_fig(F.ag, 2024, "penalty", 0);
	set_fig(F.ag, 2024, "coercion", 0);
	set_fig(F.ag, 2024, "admin_fee", 0);
	audits = q_int("SELECT count(*) FROM audit");
	gk_findings_init(&fs);
	assert_int_equal(gk_report_publish(F.db, "admin", F.ag, 2024, NOW, &fs, &v, sha, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(v, 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit WHERE entity = 'report' AND action = 'publish'"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits + 1);
	gk_findings_clear(&fs);
	assert_int_equal(gk_report_snapshot_get(F.db, F.ag, 2024, 0, &s, err, sizeof(err)), GK_OK);
	assert_int_equal(s.version, 1);
	assert_string_equal(s.sha256, sha);
	assert_non_null(strstr(s.json, "gongkai.report/1"));
	assert_int_equal(gk_report_from_json(s.json, strlen(s.json), &r, err, sizeof(err)), GK_OK);
	assert_num(&r.s3[GK_S3_NEW][GK_S3_ALL], 3);
	assert_num(&r.s3[GK_S3_OPEN][GK_S3_BUSINESS], 1);
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_NATURAL], 1);
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_NONPROFIT], 1);
	gk_report_clear(&r);
	gk_report_snapshot_clear(&s);
	/* the same report again: refused */
	gk_findings_init(&fs);
	assert_int_equal(gk_report_publish(F.db, "admin", F.ag, 2024, NOW, &fs, &v, sha, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "相同"));
	gk_findings_clear(&fs);

	/* 2025 agrees with the published 2024: published as version 1 */
	figures_and_texts(F.ag, 2025);
	gk_findings_init(&fs);
	assert_int_equal(gk_report_publish(F.db, "admin", F.ag, 2025, NOW, &fs, &v, sha, err,
	    sizeof(err)), GK_OK);
	gk_findings_clear(&fs);

	/* a late-entered 2024 application: 2025's row 二 (3) no longer equals 2024's row 四 (2) */
	raw("INSERT INTO application (agency_id, code, channel, applicant_type, applicant_name,"
	    " request, received_date, state, created_at, updated_at) VALUES"
	    " (2, 'late', 'email', 'natural', 'x', 'x', '2024-12-30', 'processing', 'x', 'x');");
	set_fig(F.ag, 2025, "license", N(3));	/* a change, so the report differs */
	audits = q_int("SELECT count(*) FROM audit");
	gk_findings_init(&fs);
	assert_int_equal(gk_report_publish(F.db, "admin", F.ag, 2025, NOW, &fs, &v, sha, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(count_rule(&fs, GK_GEN_R_BOUNDARY), 2);	/* 自然人 and 总计 */
	assert_int_equal(fs.v[0].at.row, GK_S3_CARRIED_IN);
	assert_true(fs.v[0].has_expected);
	assert_int_equal(fs.v[0].expected, N(1));
	assert_int_equal(fs.v[0].actual, N(2));
	assert_int_equal(q_int("SELECT count(*) FROM report_snapshot WHERE year = 2025"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits);
	gk_findings_clear(&fs);

	/* unauthorised actor: a drafter of the agency */
	raw("INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES (2, 'd', 'd', 'drafter', 'x');"
	    "INSERT INTO user_role (user_id, role) SELECT id, role FROM users WHERE login = 'd';");
	gk_findings_init(&fs);
	assert_int_equal(gk_report_publish(F.db, "d", F.ag, 2024, NOW, &fs, &v, sha, err,
	    sizeof(err)), GK_ECONFLICT);
	gk_findings_clear(&fs);
	assert_int_equal(gk_figure_set(F.db, "d", F.ag, 2025, "license", 0, "", NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_report_text_set(F.db, "d", F.ag, 2025, GK_NARR_OTHER, "x", 1, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
}

static void
test_bad_data_and_texts(void **state)
{
	struct gk_report	r;
	struct gk_findings	fs;
	char			err[512], *t;

	(void)state;
	figures_and_texts(F.ag, 2025);
	raw("UPDATE application SET outcome = 'nonsense' WHERE code = 'a3';");
	raw("DELETE FROM report_text WHERE agency_id = 2 AND section = 'problems';");
	set_text(F.ag, 2025, GK_NARR_OVERVIEW, "{{items.nosuch}} {{year}}");
	gk_findings_init(&fs);
	assert_int_equal(gk_report_build(F.db, F.ag, 2025, &r, NULL, &fs, err, sizeof(err)), GK_OK);
	assert_int_equal(count_rule(&fs, GK_GEN_R_DATA), 1);
	assert_int_equal(count_rule(&fs, GK_GEN_R_TEXT), 1);
	assert_int_equal(count_rule(&fs, GK_GEN_R_PLACEHOLDER), 1);
	assert_true(gk_findings_count(&fs, GK_SEV_ERROR) >= 4);	/* + the (七) = 一+二-四 rule */
	assert_string_equal(r.narr[GK_NARR_OVERVIEW], "{{items.nosuch}} 2025");
	assert_null(r.narr[GK_NARR_PROBLEMS]);
	gk_findings_clear(&fs);
	gk_report_clear(&r);
	/* texts: round trip, bad input refused */
	assert_int_equal(gk_report_text_get(F.db, F.ag, 2025, GK_NARR_OVERVIEW, &t, err,
	    sizeof(err)), GK_OK);
	assert_string_equal(t, "{{items.nosuch}} {{year}}");
	gk_free(t);
	assert_int_equal(gk_report_text_get(F.db, F.ag, 2025, GK_NARR_PROBLEMS, &t, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_report_text_set(F.db, "admin", F.ag, 2025, GK_NARR_OTHER, "a\xff", 2,
	    NOW, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_report_text_set(F.db, "admin", 99, 2025, GK_NARR_OTHER, "a", 1,
	    NOW, err, sizeof(err)), GK_ENOTFOUND);
	/* years before the 2019 template */
	gk_findings_init(&fs);
	assert_int_equal(gk_report_build(F.db, F.ag, 2018, &r, NULL, &fs, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_report_build(F.db, 99, 2025, &r, NULL, &fs, err, sizeof(err)), GK_ENOTFOUND);
	gk_findings_clear(&fs);
}

static void
test_government(void **state)
{
	struct gk_report	r;
	struct gk_findings	fs;
	char			err[512];
	size_t			n;

	(void)state;
	figures_and_texts(F.ag, 2025);
	figures_and_texts(F.ag2, 2025);
	set_fig(F.ag2, 2025, "license", N(5));
	set_text(F.gov, 2025, GK_NARR_OVERVIEW, "全县新收申请 {{apply.new}} 件，许可 {{figure.license}}。");
	set_text(F.gov, 2025, GK_NARR_PROBLEMS, "无。");
	set_text(F.gov, 2025, GK_NARR_OTHER, "无。");
	gk_findings_init(&fs);
	assert_int_equal(gk_report_build_government(F.db, F.gov, 2025, &r, &n, &fs, err,
	    sizeof(err)), GK_OK);
	/* the government has no data of its own: the two agencies */
	assert_int_equal(n, 2);
	assert_string_equal(r.agency, "盐边县人民政府");
	assert_num(&r.s3[GK_S3_NEW][GK_S3_ALL], 6);	/* 5 + b1 */
	assert_num(&r.s3[GK_S3_NEW][GK_S3_NATURAL], 3);
	assert_num(&r.s3[GK_S3_CARRIED_OUT][GK_S3_ALL], 4);
	assert_num(&r.s2[GK_S2_LICENSE], 7);
	assert_num(&r.s2[GK_S2_NORM_INFORCE], 2);
	assert_int_equal(r.s2[GK_S2_FEE].num, 500000);
	assert_string_equal(r.narr[GK_NARR_OVERVIEW], "全县新收申请 6 件，许可 7。");
	assert_int_equal(gk_gen_blocking(&fs), 0);
	gk_findings_clear(&fs);
	gk_report_clear(&r);
	/* one agency without figures: the sum's cells are blank, its findings named */
	raw("DELETE FROM figure WHERE agency_id = 3 AND key = 'penalty';");
	gk_findings_init(&fs);
	assert_int_equal(gk_report_build_government(F.db, F.gov, 2025, &r, &n, &fs, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(r.s2[GK_S2_PENALTY].state, GK_CELL_BLANK);
	assert_non_null(strstr(fs.v[0].where, "盐边县财政局"));
	gk_findings_clear(&fs);
	gk_report_clear(&r);
}

static void
test_import(void **state)
{
	struct gk_buf	probs;
	char		err[512];
	size_t		n;
	int64_t		audits;
	const char	*bad =
	    "\xEF\xBB\xBF机关,年度,键,数值,来源\r\n"
	    "2,2025,license,4,台账\r\n"
	    CODE_B ",2025,admin_fee,-1,\r\n"
	    "99,2025,penalty,1,\r\n"
	    "2,2025,license,5,\r\n"
	    "2,25,penalty,1,\r\n"
	    "2,2025,Bad,1,\r\n"
	    "2,2025,penalty\r\n"
	    "\"2\",\"2025\",\"coercion\",\"1\",\"多行\n来源\"\r\n"
	    "2,2025,a,1,b,c\r\n";
	const char	*good =
	    "agency,year,key,value,source\n"
	    "2,2025,license,4,\"台账, 第 1 册\"\n"
	    CODE_B ",2025,admin_fee,0.5,\n"
	    "\n"
	    "3,2025,trainings,2\n";

	(void)state;
	audits = q_int("SELECT count(*) FROM audit");
	gk_buf_init(&probs, 0);
	assert_int_equal(gk_figure_import(F.db, "admin", bad, strlen(bad), NOW, &n, &probs, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(n, 0);
	assert_string_equal(probs.data,
	    "第 3 行：admin_fee 不能为负数：-1\n"
	    "第 4 行：机构编号 99 不存在\n"
	    "第 5 行：与第 2 行重复（同一机关、年度和键）\n"
	    "第 6 行：年度“25”无效（2008–2100）\n"
	    "第 7 行：键“Bad”无效（小写字母开头，只含 a-z 0-9 _ .，最多 63 字节）\n"
	    "第 8 行：应有 4 或 5 列（机关,年度,键,数值,来源），实有 3 列\n"
	    "第 9 行：来源说明无效（最多 500 个字符，不含控制字符）\n"
	    "第 11 行：应有 4 或 5 列（机关,年度,键,数值,来源），实有 6 列\n");
	assert_int_equal(q_int("SELECT count(*) FROM figure"), 0);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits);
	gk_buf_clear(&probs);
	gk_buf_init(&probs, 0);
	assert_int_equal(gk_figure_import(F.db, "admin", good, strlen(good), NOW, &n, &probs, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(n, 3);
	assert_int_equal(q_int("SELECT value FROM figure WHERE agency_id = 3 AND key = 'admin_fee'"), 500000);
	assert_int_equal(q_int("SELECT count(*) FROM figure WHERE source = '台账, 第 1 册'"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits + 3);
	gk_buf_clear(&probs);
	/* no header, unterminated quote */
	gk_buf_init(&probs, 0);
	assert_int_equal(gk_figure_import(F.db, "admin", "2,2025,license,1\n", 17, NOW, &n, &probs,
	    err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(probs.data, "第 1 行：第一行应为表头"));
	gk_buf_clear(&probs);
	gk_buf_init(&probs, 0);
	assert_int_equal(gk_figure_import(F.db, "admin", "a,b,c,d\n2,2025,\"x,1\n", 20, NOW, &n,
	    &probs, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(probs.data, "第 2 行：引号没有闭合"));
	gk_buf_clear(&probs);
}

/* Every allocation failing in turn: publish and import write all or nothing, and leak nothing. */
static void
test_alloc_failures(void **state)
{
	struct gk_findings	 fs;
	struct gk_buf		 probs;
	char			 err[512];
	const char		*csv = "a,b,c,d\n2,2025,license,4\n" CODE_B ",2025,trainings,2,x\n";
	int64_t			 audits;
	size_t			 nrows;
	enum gk_err		 e;
	long			 n;
	int			 v;

	(void)state;
	figures_and_texts(F.ag, 2025);
	audits = q_int("SELECT count(*) FROM audit");
	for (n = 0; ; n++) {
		gk_findings_init(&fs);
		gk_mem_fail_after(n);
		e = gk_report_publish(F.db, "admin", F.ag, 2025, NOW, &fs, &v, NULL, err, sizeof(err));
		gk_mem_fail_reset();
		gk_findings_clear(&fs);
		if (e == GK_OK)
			break;
		assert_int_equal(q_int("SELECT count(*) FROM report_snapshot"), 0);
		assert_int_equal(q_int("SELECT count(*) FROM audit"), audits);
		assert_true(n < 100000);
	}
	assert_int_equal(q_int("SELECT count(*) FROM report_snapshot"), 1);
	audits = q_int("SELECT count(*) FROM audit");
	for (n = 0; ; n++) {
		gk_buf_init(&probs, 0);
		gk_mem_fail_after(n);
		e = gk_figure_import(F.db, "admin", csv, strlen(csv), NOW, &nrows, &probs, err,
		    sizeof(err));
		gk_mem_fail_reset();
		gk_buf_clear(&probs);
		if (e == GK_OK)
			break;
		assert_int_equal(q_int("SELECT count(*) FROM figure WHERE key = 'trainings'"), 0);
		assert_int_equal(q_int("SELECT count(*) FROM audit"), audits);
		assert_true(n < 100000);
	}
	assert_int_equal(nrows, 2);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), audits + 2);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_alloc_failures, setup, teardown),
	cmocka_unit_test_setup_teardown(test_build_2025, setup, teardown),
	cmocka_unit_test_setup_teardown(test_publish_and_boundary, setup, teardown),
	cmocka_unit_test_setup_teardown(test_bad_data_and_texts, setup, teardown),
	cmocka_unit_test_setup_teardown(test_government, setup, teardown),
	cmocka_unit_test_setup_teardown(test_import, setup, teardown),
};

GK_TEST_MAIN("report_data", tests)
