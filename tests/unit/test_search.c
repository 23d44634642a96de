/*
 * test_search.c — full-text search (store/search.c, schemas v10-v12): the
 * indexes (item_fts, item_title_fts, with the filter tags) follow the item
 * lifecycle in the same transaction (publish, validity, category, withdraw,
 * import, the migration's first fill); queries, filters
 * (agency, category with its subcategories, year, validity), both sorts,
 * pagination with total, highlighting (exact <mark>s, HTML-escaped),
 * hostile and malformed queries, allocation failures.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/item.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/import.h"
#include "store/item.h"
#include "store/search.h"

#define CODE_A	"11510422MB1234567Y"	/* checked by hand in test_store_item.c */
#define CODE_B	"11510422MB12345682"
#define NOW	"2025-06-30T10:00:00+08:00"

static struct {
	char		 dir[64], path[128];
	struct gk_db	*db;
	int64_t		 ag, ag2;
} F;

static int
setup(void **state)
{
	char	 err[512], sql[512];

	(void)state;
	memset(&F, 0, sizeof(F));
	snprintf(F.dir, sizeof(F.dir), "/tmp/gk-search-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/t.db", F.dir);
	if (gk_db_open(F.path, &F.db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县经济合作和商务局", CODE_A, 0,
	    "县级", NOW, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县财政局", CODE_B, 0, "县级",
	    NOW, &F.ag2, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag2, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES "
	    "(%lld, 'd', '拟稿人', 'drafter', 'x'), (%lld, 'r', '分管领导', 'reviewer', 'x'), "
	    "(%lld, 'a', '主要领导', 'approver', 'x'), (%lld, 'o', '公开专员', 'officer', 'x');"
	    "INSERT INTO user_role (user_id, role) SELECT id, role FROM users;",
	    (long long)F.ag, (long long)F.ag, (long long)F.ag, (long long)F.ag);
	gk_test_exec(F.db, sql);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	(void)state;
	gk_db_close(F.db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", F.dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* Imports one published item; returns its id. */
static int64_t
imp(int64_t agency, const char *cat, const char *title, const char *body, const char *pub)
{
	struct item_meta	 m;
	struct gk_import_row	 row;
	char			 created[40], published[40], err[512];

	snprintf(created, sizeof(created), "%sT09:00:00+08:00", pub);
	snprintf(published, sizeof(published), "%sT16:00:00+08:00", pub);
	item_meta_init(&m);
	item_meta_set(&m, ITEM_F_TITLE, title);
	item_meta_set(&m, ITEM_F_CATEGORY, cat);
	item_meta_set(&m, ITEM_F_WRITTEN, pub);
	item_meta_set(&m, ITEM_F_BODY, body);
	if (strcmp(cat, "工作动态") == 0)
		item_meta_set(&m, ITEM_F_EVENT_END, pub);
	memset(&row, 0, sizeof(row));
	row.meta = &m;
	row.state = WF_PUBLISHED;
	row.created_at = created;
	row.published_at = published;
	if (gk_item_import(F.db, agency, "admin", &row, 1, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("import %s: %s", title, err);
	item_meta_clear(&m);
	return gk_test_int(F.db, "SELECT max(id) FROM item");
}

static struct gk_search_q
sq(const char *q)
{
	struct gk_search_q s;

	memset(&s, 0, sizeof(s));
	s.q = q;
	s.sort = GK_SEARCH_RELEVANCE;
	s.page = 1;
	s.per_page = 10;
	return s;
}

static void
run(const struct gk_search_q *s, struct gk_search_result *r)
{
	char err[256];

	if (gk_search_query(F.db, s, r, err, sizeof(err)) != GK_OK)
		fail_msg("search %s: %s", s->q, err);
}

static int64_t
total(const char *q)
{
	struct gk_search_q	 s = sq(q);
	struct gk_search_result	 r;
	int64_t			 t;

	run(&s, &r);
	t = r.relaxed ? 0 : r.total;	/* items matching every term */
	gk_search_result_free(&r);
	return t;
}

static void
refused(struct gk_search_q *s, const char *want_err)
{
	struct gk_search_result	 r;
	char			 err[256];

	assert_int_equal(gk_search_query(F.db, s, &r, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(r.n, 0);
	assert_null(r.v);
	if (strstr(err, want_err) == NULL)
		fail_msg("error \"%s\" lacks \"%s\"", err, want_err);
}

/* Both indexes agree with the items (FTS5's own check against item_fts_src). */
static void
integrity(struct gk_db *db)
{
	gk_test_exec(db, "INSERT INTO item_fts (item_fts) VALUES ('integrity-check');"
	    "INSERT INTO item_title_fts (item_title_fts) VALUES ('integrity-check')");
}

static int64_t A1, A2, A3, B1, B2;

static void
corpus(void)
{
	A1 = imp(F.ag, "财政信息/预算", "盐边县经济合作和商务局2025年度部门预算公开说明",
	    "根据《预算法》规定，现将本局2025年部门预算公开如下。一般公共预算拨款收入"
	    "共计812.36万元。", "2025-02-10");
	A2 = imp(F.ag, "招商引资", "招商引资优惠政策",
	    "对新引进的工业项目，固定资产投资达到5000万元以上的，给予一次性奖励。"
	    "企业缴纳的个人所得税地方留成部分按比例返还。", "2024-05-06");
	A3 = imp(F.ag, "政策解读", "《优化营商环境若干措施》政策解读",
	    "一、出台背景。为持续优化营商环境，落实GB/T 7714-2015等标准要求，"
	    "本措施明确了企业开办时间压缩到1个工作日以内。", "2025-03-15");
	B1 = imp(F.ag2, "财政信息/决算", "盐边县财政局2024年度部门决算",
	    "2024年度收入总计1532.10万元，其中财政拨款收入1480.00万元。"
	    "预算执行情况良好。", "2025-08-01");
	B2 = imp(F.ag2, "财政信息/三公经费", "2024年三公经费决算情况说明",
	    "三公经费支出12.3万元，比预算减少2.1万元，主要是严格执行规定。", "2025-08-02");
}

static void
basic(void **state)
{
	struct gk_search_q	 s = sq("预算");
	struct gk_search_result	 r;

	(void)state;
	corpus();
	run(&s, &r);
	/* Title match A1 first; B1 and B2 have 预算 in the body only. */
	assert_int_equal(r.total, 3);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.v[0].item_id, A1);
	assert_string_equal(r.v[0].title_html,
	    "盐边县经济合作和商务局2025年度部门<mark>预算</mark>公开说明");
	assert_string_equal(r.v[0].agency, "盐边县经济合作和商务局");
	assert_string_equal(r.v[0].category, "预算");
	assert_string_equal(r.v[0].published, "2025-02-10");
	assert_string_equal(r.v[0].validity, "有效");
	assert_true(r.v[0].rank > r.v[1].rank);
	assert_true(r.v[1].item_id == B1 || r.v[1].item_id == B2);
	/* The snippet starts with the body (the match is within the first 12 characters). */
	assert_non_null(strstr(r.v[0].snippet_html, "根据《<mark>预算</mark>法》规定"));
	assert_non_null(strstr(r.v[0].snippet_html, "2025年部门<mark>预算</mark>公开如下"));
	gk_search_result_free(&r);

	/* Two terms: AND. A phrase of bigrams: 所得税 only where the characters are adjacent. */
	assert_int_equal(total("预算 三公经费"), 1);
	assert_int_equal(total("个人所得税"), 1);
	assert_int_equal(total("所得税返还"), 0);
	assert_int_equal(total("所得税 返还"), 1);
	/* Latin and digits: folded, full-width too; "2025年" is 2025 followed by 年. */
	assert_int_equal(total("gb/t 7714"), 1);
	assert_int_equal(total("ＧＢ／Ｔ"), 1);
	assert_int_equal(total("2025年"), 1);		/* A1 only: A3's 2015 is no 2025 */
	assert_int_equal(total("2015"), 1);
	assert_int_equal(total("812.36万元"), 1);
	/*
	 * A quoted phrase is one term, its words in that order: "GB/T 7714"
	 * is gb t 7714 adjacent. Unquoted, 收入 财政拨款 are two terms (B1 has
	 * both); quoted (with Chinese quotes) they must follow each other.
	 */
	assert_int_equal(total("\"GB/T 7714\""), 1);
	assert_int_equal(total("\"7714 GB/T\""), 0);
	assert_int_equal(total("收入 财政拨款"), 1);
	assert_int_equal(total("“收入 财政拨款”"), 0);
}

/* Nothing matches every term: the items sharing some of the words, marked relaxed. */
static void
relaxed(void **state)
{
	struct gk_search_q	 s = sq("所得税返还");
	struct gk_search_result	 r;

	(void)state;
	corpus();
	run(&s, &r);
	assert_int_equal(r.relaxed, 1);
	/* Only A2 has any of 所得 得税 税返 返还 (its 个人所得税). */
	assert_int_equal(r.total, 1);
	assert_int_equal(r.v[0].item_id, A2);
	assert_non_null(strstr(r.v[0].snippet_html, "个人<mark>所得税</mark>地方留成"));
	gk_search_result_free(&r);
	/* One token: nothing to relax. */
	s = sq("鑫");
	run(&s, &r);
	assert_int_equal(r.relaxed, 0);
	assert_int_equal(r.total, 0);
	gk_search_result_free(&r);
	/* Filters still apply to the fallback. */
	s = sq("所得税返还");
	s.agency_id = F.ag2;
	run(&s, &r);
	assert_int_equal(r.relaxed, 0);
	assert_int_equal(r.total, 0);
	gk_search_result_free(&r);
}

static void
one_char(void **state)
{
	struct gk_search_q	 s = sq("税");
	struct gk_search_result	 r;

	(void)state;
	corpus();
	/* 税 is the last character of the run 个人所得税: only a unigram finds it. */
	run(&s, &r);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.v[0].item_id, A2);
	assert_non_null(strstr(r.v[0].snippet_html, "个人所得<mark>税</mark>地方留成"));
	assert_string_equal(r.v[0].title_html, "招商引资优惠政策");
	gk_search_result_free(&r);
	/* 决: in two titles (B1, B2) only. */
	assert_int_equal(total("决"), 2);
	assert_int_equal(total("预"), 3);
	/* An absent character. */
	assert_int_equal(total("鑫"), 0);
}

static void
filters(void **state)
{
	struct gk_search_q	 s = sq("预算");
	struct gk_search_result	 r;
	int64_t			 fiscal;

	(void)state;
	corpus();
	s.agency_id = F.ag2;
	run(&s, &r);
	assert_int_equal(r.total, 2);
	gk_search_result_free(&r);
	/* 财政信息 of agency 2 includes its 决算 and 三公经费 subcategories. */
	fiscal = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 2 AND "
	    "name = '财政信息' AND parent_id IS NULL");
	s = sq("预算");
	s.category_id = fiscal;
	run(&s, &r);
	assert_int_equal(r.total, 2);
	gk_search_result_free(&r);
	s.category_id = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 2 AND "
	    "name = '决算'");
	run(&s, &r);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.v[0].item_id, B1);
	gk_search_result_free(&r);
	/* Year of publication. */
	s = sq("预算");
	s.year = 2025;
	run(&s, &r);
	assert_int_equal(r.total, 3);
	gk_search_result_free(&r);
	s = sq("优惠");
	s.year = 2024;
	run(&s, &r);
	assert_int_equal(r.total, 1);
	gk_search_result_free(&r);
	s.year = 2025;
	run(&s, &r);
	assert_int_equal(r.total, 0);
	assert_int_equal(r.n, 0);
	gk_search_result_free(&r);
	/* Validity: nothing is 废止 yet. */
	s = sq("预算");
	s.validity = "废止";
	run(&s, &r);
	assert_int_equal(r.total, 0);
	gk_search_result_free(&r);
	s.validity = "有效";
	run(&s, &r);
	assert_int_equal(r.total, 3);
	gk_search_result_free(&r);
	/* Sort by date: B2 (08-02), B1 (08-01), A1 (02-10). */
	s = sq("预算");
	s.sort = GK_SEARCH_DATE;
	run(&s, &r);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.v[0].item_id, B2);
	assert_int_equal(r.v[1].item_id, B1);
	assert_int_equal(r.v[2].item_id, A1);
	gk_search_result_free(&r);
	/*
	 * Past the rank limit the date sort walks item_published: the same
	 * order, by publication and not by id (A2, 2024, was entered after A1).
	 */
	gk_search_set_rank_limit(1);
	run(&s, &r);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.v[0].item_id, B2);
	assert_int_equal(r.v[1].item_id, B1);
	assert_int_equal(r.v[2].item_id, A1);
	gk_search_result_free(&r);
	s = sq("万元");			/* A1, A2, B1, B2 */
	s.sort = GK_SEARCH_DATE;
	run(&s, &r);
	assert_int_equal(r.total, 4);
	assert_int_equal(r.n, 4);
	assert_int_equal(r.v[0].item_id, B2);
	assert_int_equal(r.v[1].item_id, B1);
	assert_int_equal(r.v[2].item_id, A1);
	assert_int_equal(r.v[3].item_id, A2);
	assert_string_equal(r.v[3].published, "2024-05-06");
	gk_search_result_free(&r);
	s.per_page = 2;
	s.page = 2;
	run(&s, &r);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].item_id, A1);
	assert_int_equal(r.v[1].item_id, A2);
	gk_search_result_free(&r);
	s = sq("万元");
	s.sort = GK_SEARCH_DATE;
	s.agency_id = F.ag;
	run(&s, &r);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.v[0].item_id, A1);
	assert_int_equal(r.v[1].item_id, A2);
	gk_search_result_free(&r);
	gk_search_set_rank_limit(0);
}

/* Past the rank limit: title matches first, then body-only matches newest first. */
static void
tiered(void **state)
{
	struct gk_search_q	 s = sq("预算");
	struct gk_search_result	 r;

	(void)state;
	corpus();
	gk_search_set_rank_limit(2);
	run(&s, &r);
	assert_int_equal(r.total, 3);
	assert_int_equal(r.n, 3);
	assert_int_equal(r.v[0].item_id, A1);	/* the one title match */
	assert_int_equal(r.v[1].item_id, B2);	/* then newest first */
	assert_int_equal(r.v[2].item_id, B1);
	assert_string_equal(r.v[0].title_html,
	    "盐边县经济合作和商务局2025年度部门<mark>预算</mark>公开说明");
	gk_search_result_free(&r);
	/* Pages cut across the tiers. */
	s.per_page = 2;
	s.page = 2;
	run(&s, &r);
	assert_int_equal(r.total, 3);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].item_id, B1);
	gk_search_result_free(&r);
	/* One a page: the title tier ends exactly at page 1's end. */
	s.per_page = 1;
	s.page = 1;
	run(&s, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].item_id, A1);
	gk_search_result_free(&r);
	s.page = 2;
	run(&s, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].item_id, B2);
	gk_search_result_free(&r);
	s.page = 3;
	run(&s, &r);
	assert_int_equal(r.n, 1);
	assert_int_equal(r.v[0].item_id, B1);
	gk_search_result_free(&r);
	/* Two title matches (决算 in B1 and B2) over a limit of 1: newest first. */
	gk_search_set_rank_limit(1);
	s = sq("决算");
	run(&s, &r);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.v[0].item_id, B2);
	assert_int_equal(r.v[1].item_id, B1);
	gk_search_result_free(&r);
	/* With a filter. */
	s = sq("预算");
	s.agency_id = F.ag2;
	run(&s, &r);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.v[0].item_id, B2);
	gk_search_result_free(&r);
	gk_search_set_rank_limit(0);
	s = sq("预算");
	run(&s, &r);
	assert_int_equal(r.v[0].item_id, A1);
	assert_true(r.v[1].item_id == B1 || r.v[1].item_id == B2);
	gk_search_result_free(&r);
}

/* Counted up to the cap: total says "more than", pages stop at the cap. */
static void
capped(void **state)
{
	struct gk_search_q	 s = sq("预算");
	struct gk_search_result	 r;

	(void)state;
	corpus();
	gk_search_set_total_cap(2);
	run(&s, &r);			/* A1, B1, B2 match: 3 > 2 */
	assert_int_equal(r.total, 2);
	assert_int_equal(r.total_capped, 1);
	assert_int_equal(r.n, 2);	/* never past the cap, though per_page is 10 */
	assert_int_equal(r.v[0].item_id, A1);
	gk_search_result_free(&r);
	s.per_page = 1;
	s.page = 2;
	run(&s, &r);
	assert_int_equal(r.n, 1);
	assert_true(r.v[0].item_id == B1 || r.v[0].item_id == B2);
	gk_search_result_free(&r);
	s.page = 3;			/* the third match is past the cap */
	run(&s, &r);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.total_capped, 1);
	assert_int_equal(r.n, 0);
	gk_search_result_free(&r);
	/* Tiered (rank limit 1): the title match, then the newest body match. */
	gk_search_set_rank_limit(1);
	s = sq("预算");
	run(&s, &r);
	assert_int_equal(r.total_capped, 1);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.v[0].item_id, A1);
	assert_int_equal(r.v[1].item_id, B2);
	gk_search_result_free(&r);
	gk_search_set_rank_limit(0);
	/* Exactly the cap is exact. */
	s = sq("决算");			/* B1, B2 */
	run(&s, &r);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.total_capped, 0);
	gk_search_result_free(&r);
	s = sq("预算");
	s.agency_id = F.ag2;		/* B1, B2 */
	run(&s, &r);
	assert_int_equal(r.total, 2);
	assert_int_equal(r.total_capped, 0);
	gk_search_result_free(&r);
	gk_search_set_total_cap(0);
	s = sq("预算");
	run(&s, &r);
	assert_int_equal(r.total, 3);
	assert_int_equal(r.total_capped, 0);
	gk_search_result_free(&r);
}

static void
paging(void **state)
{
	struct gk_search_q	 s = sq("公告");
	struct gk_search_result	 r;
	char			 title[64];
	int			 i;

	(void)state;
	for (i = 1; i <= 25; i++) {
		snprintf(title, sizeof(title), "第%d号公告", i);
		imp(F.ag, "其他", title, "公告正文。", "2025-01-02");
	}
	s.page = 3;
	run(&s, &r);
	assert_int_equal(r.total, 25);
	assert_int_equal(r.n, 5);
	gk_search_result_free(&r);
	s.page = 4;
	run(&s, &r);
	assert_int_equal(r.total, 25);
	assert_int_equal(r.n, 0);
	gk_search_result_free(&r);
	s.page = 1;
	s.per_page = 100;
	run(&s, &r);
	assert_int_equal(r.n, 25);
	/* Equal relevance: newest (highest id) first. */
	assert_true(r.v[0].item_id > r.v[24].item_id);
	gk_search_result_free(&r);
}

static void
escaping(void **state)
{
	struct gk_search_q	 s = sq("script");
	struct gk_search_result	 r;

	(void)state;
	imp(F.ag, "其他", "关于<script>alert(1)</script>的说明",
	    "正文 a<b & \"c\" 'd' **加粗** # 标题\n\n第二段", "2025-01-03");
	run(&s, &r);
	assert_int_equal(r.n, 1);
	assert_string_equal(r.v[0].title_html,
	    "关于&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt;的说明");
	/* Markdown marks left out, white space folded, the rest escaped. */
	assert_string_equal(r.v[0].snippet_html,
	    "正文 a&lt;b &amp; &quot;c&quot; &#39;d&#39; 加粗 标题 第二段");
	gk_search_result_free(&r);
}

static void
hostile(void **state)
{
	static const char *const q[] = {
		"预算\" OR \"x", "NEAR(预算 决算)", "*", "预算*", "title:预算", "-预算",
		"^预算", "预算 AND", "(预算", "{title body}: 预算", "\"", "\"\"\"",
		"预算 OR 决算", "+", "'; DROP TABLE item; --",
	};
	struct gk_search_q	 s;
	struct gk_search_result	 r;
	char			 err[256];
	size_t			 i;

	(void)state;
	corpus();
	for (i = 0; i < sizeof(q) / sizeof(q[0]); i++) {
		s = sq(q[i]);
		err[0] = '\0';
		enum gk_err e = gk_search_query(F.db, &s, &r, err, sizeof(err));
		/* Either refused as empty or answered; never an FTS5 syntax error. */
		if (e != GK_OK) {
			assert_int_equal(e, GK_EINVAL);
			assert_non_null(strstr(err, "请输入检索词"));
		}
		gk_search_result_free(&r);
	}
	/* Operators are words: "预算*" is 预算; "-预算" is 预算; OR must occur as a word. */
	assert_int_equal(total("预算*"), 3);
	assert_int_equal(total("-预算"), 3);
	assert_int_equal(total("预算 OR 决算"), 0);
	assert_int_equal(total("title:预算"), 0);
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM item"), 5);
}

static void
bad_input(void **state)
{
	struct gk_search_q	 s;
	char			 q[400];
	int			 i;

	(void)state;
	s = sq("");
	refused(&s, "请输入检索词");
	s = sq(NULL);
	refused(&s, "请输入检索词");
	s = sq("  \t　");
	refused(&s, "请输入检索词");
	s = sq("，。！？《》");
	refused(&s, "请输入检索词");
	/* 101 Han characters (303 bytes): too long; 100 are accepted. */
	for (i = 0; i < 101; i++)
		memcpy(q + 3 * i, "政", 3);
	q[303] = '\0';
	s = sq(q);
	refused(&s, "检索词过长");
	q[300] = '\0';
	assert_int_equal(total(q), 0);
	s = sq("预\xFF算");
	refused(&s, "无效字符");
	s = sq("预算");
	s.page = 0;
	refused(&s, "页码");
	s = sq("预算");
	s.per_page = 101;
	refused(&s, "每页");
	s = sq("预算");
	s.validity = "作废";
	refused(&s, "有效性");
	s = sq("预算");
	s.year = 20250;
	refused(&s, "年份");
}

static void
step(int64_t id, const char *login, enum wf_action a)
{
	struct gk_item_actor	 ac;
	struct gk_item_input	 in;
	char			 err[512];

	memset(&in, 0, sizeof(in));
	in.checks[0] = in.checks[1] = in.checks[2] = WF_PASS;
	in.comment = "同意";
	in.reason = "内容需要更新";
	in.validity = ITEM_REPEALED;
	in.validity_date = "2025-06-01";
	if (gk_item_actor_lookup(F.db, login, &ac, err, sizeof(err)) != GK_OK)
		fail_msg("actor %s: %s", login, err);
	if (gk_item_act(F.db, id, &ac, a, &in, NOW, NULL, err, sizeof(err)) != GK_OK)
		fail_msg("%s: %s", wf_action_name(a), err);
}

static void
lifecycle(void **state)
{
	struct gk_item_actor	 d;
	struct gk_item_opts	 o = { NULL, NULL, NULL };
	struct item_meta	 m;
	struct gk_search_q	 s;
	struct gk_search_result	 r;
	char			 err[512];
	int64_t			 id;

	(void)state;
	assert_int_equal(gk_item_actor_lookup(F.db, "d", &d, err, sizeof(err)), GK_OK);
	item_meta_init(&m);
	item_meta_set(&m, ITEM_F_TITLE, "关于开展外贸企业走访活动的通知");
	item_meta_set(&m, ITEM_F_CATEGORY, "政策文件/其他文件");
	item_meta_set(&m, ITEM_F_WRITTEN, "2025-06-27");
	item_meta_set(&m, ITEM_F_BODY, "各乡镇：为稳外贸稳外资，决定开展走访活动。");
	if (gk_item_create(F.db, &d, F.ag, &m, &o, NOW, &id, NULL, err, sizeof(err)) != GK_OK)
		fail_msg("create: %s", err);
	item_meta_clear(&m);
	/* Drafts and items in review are not searchable. */
	assert_int_equal(total("外贸"), 0);
	step(id, "d", WF_ACT_SUBMIT);
	step(id, "r", WF_ACT_REVIEW);
	step(id, "a", WF_ACT_APPROVE);
	assert_int_equal(total("外贸"), 0);
	step(id, "o", WF_ACT_PUBLISH);
	assert_int_equal(total("外贸"), 1);
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM item_fts"), 1);
	/* A validity change shows at once and leaves the index as it was. */
	step(id, "o", WF_ACT_CHANGE_VALIDITY);
	s = sq("走访");
	s.validity = "废止";
	run(&s, &r);
	assert_int_equal(r.total, 1);
	assert_string_equal(r.v[0].validity, "废止");
	gk_search_result_free(&r);
	/* Withdrawn: gone from results in the same transaction. */
	step(id, "o", WF_ACT_WITHDRAW);
	assert_int_equal(total("外贸"), 0);
	assert_int_equal(total("走访"), 0);
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM item_fts"), 0);
	integrity(F.db);
}

static void
edits_and_deletes(void **state)
{
	(void)state;
	corpus();
	/* Any writer that changes a published item's text (e.g. a correction). */
	gk_test_exec(F.db, "UPDATE item SET title = '盐边县2025年度部门收支公开说明' "
	    "WHERE title LIKE '%2025年度部门预算公开说明'");
	assert_int_equal(total("收支"), 1);
	assert_int_equal(total("预算"), 3);	/* still in A1's body */
	assert_int_equal(total("商务局"), 0);
	gk_test_exec(F.db, "DELETE FROM item WHERE title = '2024年三公经费决算情况说明'");
	assert_int_equal(total("三公"), 0);
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM item_fts"), 4);
	integrity(F.db);
	(void)A3;
}

/*
 * The filters are tags in the index (schema v12): every change of the
 * columns behind them re-tags the item in the same statement, whoever
 * writes it.
 */
static void
tags_follow_changes(void **state)
{
	struct gk_search_q	 s;
	struct gk_search_result	 r;
	char			 sql[256];
	int64_t			 fiscal, other;

	(void)state;
	corpus();
	fiscal = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 2 AND "
	    "name = '财政信息' AND parent_id IS NULL");
	other = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 2 AND "
	    "name = '其他' AND parent_id IS NULL");
	/* B1 moves out of 财政信息 (from its 决算 subcategory). */
	snprintf(sql, sizeof(sql), "UPDATE item SET category_id = %lld WHERE id = %lld",
	    (long long)other, (long long)B1);
	gk_test_exec(F.db, sql);
	s = sq("预算");
	s.category_id = fiscal;
	run(&s, &r);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.v[0].item_id, B2);
	gk_search_result_free(&r);
	s.category_id = other;
	run(&s, &r);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.v[0].item_id, B1);
	gk_search_result_free(&r);
	/* Validity and the year of publication. */
	snprintf(sql, sizeof(sql), "UPDATE item SET validity = '失效', "
	    "published_at = '2023-01-05T10:00:00+08:00' WHERE id = %lld", (long long)B2);
	gk_test_exec(F.db, sql);
	s = sq("预算");
	s.validity = "失效";
	run(&s, &r);
	assert_int_equal(r.total, 1);
	assert_int_equal(r.v[0].item_id, B2);
	gk_search_result_free(&r);
	s.validity = NULL;
	s.year = 2023;
	run(&s, &r);
	assert_int_equal(r.total, 1);
	gk_search_result_free(&r);
	s.year = 2025;
	run(&s, &r);
	assert_int_equal(r.total, 2);	/* A1 and B1 */
	gk_search_result_free(&r);
	integrity(F.db);
	/* The user's words never reach the tags: "a2", "v1", "2025" find nothing there. */
	assert_int_equal(total("a2"), 0);
	assert_int_equal(total("v1"), 0);
	assert_int_equal(total("y2025"), 0);
}

/* A category filter reaches at most 256 categories; more is a clear error. */
static void
category_limit(void **state)
{
	struct gk_search_q	 s = sq("预算");
	struct gk_search_result	 r;
	char			 err[256], sql[512];
	int64_t			 root;

	(void)state;
	corpus();
	root = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 2 AND "
	    "name = '其他' AND parent_id IS NULL");
	snprintf(sql, sizeof(sql), "WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 "
	    "FROM n WHERE k < 256) INSERT INTO category (agency_id, parent_id, name, kind, "
	    "sort) SELECT 2, %lld, '子栏目' || k, kind, k FROM n, "
	    "(SELECT kind FROM category WHERE id = %lld)", (long long)root, (long long)root);
	gk_test_exec(F.db, sql);
	s.category_id = root;
	assert_int_equal(gk_search_query(F.db, &s, &r, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "子栏目过多"));
	assert_null(r.v);
	/* One below the root is within the limit. */
	s.category_id = gk_test_int(F.db, "SELECT max(id) FROM category");
	assert_int_equal(gk_search_query(F.db, &s, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.total, 0);
	gk_search_result_free(&r);
}

/* A v9 database with published items gets them indexed by the migration. */
static void
migration_fills(void **state)
{
	struct gk_db	*db;
	char		 err[512], path[160];

	(void)state;
	snprintf(path, sizeof(path), "%s/old.db", F.dir);
	assert_int_equal(gk_db_open_ex(path, GK_DB_NOMIGRATE, &db, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_db_migrate_to(db, 9, err, sizeof(err)), GK_OK);
	gk_test_exec(db, "INSERT INTO agency (name, uscc, created_at) VALUES "
	    "('盐边县商务局', '" CODE_A "', 'x')");
	gk_test_exec(db, "INSERT INTO item (agency_id, index_no, title, body, state, "
	    "created_at, updated_at, published_at) VALUES "
	    "(1, 'n1', '外商投资企业年报公告', '正文', 'published', 'x', 'x', '2023-04-01T10:00:00+08:00'),"
	    "(1, 'n2', '外商投资草稿', '正文', 'draft', 'x', 'x', NULL),"
	    "(1, 'n3', '外商投资已撤回', '正文', 'withdrawn', 'x', 'x', '2023-04-01T10:00:00+08:00')");
	assert_int_equal(gk_db_migrate_to(db, 10, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM item_fts"), 1);
	assert_int_equal(gk_test_int(db, "SELECT rowid FROM item_fts WHERE item_fts MATCH '外商'"), 1);
	/* v12 rebuilds both indexes with the tags. */
	assert_int_equal(gk_db_migrate_to(db, gk_db_schema_latest(), err, sizeof(err)), GK_OK);
	assert_int_equal(gk_test_int(db, "SELECT rowid FROM item_fts WHERE item_fts MATCH "
	    "'{tags} : (a1 AND y2023 AND c0 AND v1) AND {title} : 外商'"), 1);
	assert_int_equal(gk_test_int(db, "SELECT rowid FROM item_title_fts WHERE "
	    "item_title_fts MATCH '外商 AND {tags} : y2023'"), 1);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM item_title_fts"), 1);
	integrity(db);
	gk_db_close(db);
}

static void
alloc_failures(void **state)
{
	struct gk_search_q	 s = sq("预算 2025");
	struct gk_search_result	 r;
	char			 err[256];
	long			 n;
	enum gk_err		 e;

	(void)state;
	corpus();
	for (n = 0; n < 200; n++) {
		gk_mem_fail_after(n);
		e = gk_search_query(F.db, &s, &r, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		assert_int_equal(e, GK_ENOMEM);
		assert_null(r.v);
		assert_int_equal(r.n, 0);
	}
	assert_int_equal(e, GK_OK);
	assert_int_equal(r.n, 1);
	gk_search_result_free(&r);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(basic, setup, teardown),
	cmocka_unit_test_setup_teardown(relaxed, setup, teardown),
	cmocka_unit_test_setup_teardown(one_char, setup, teardown),
	cmocka_unit_test_setup_teardown(filters, setup, teardown),
	cmocka_unit_test_setup_teardown(tiered, setup, teardown),
	cmocka_unit_test_setup_teardown(capped, setup, teardown),
	cmocka_unit_test_setup_teardown(paging, setup, teardown),
	cmocka_unit_test_setup_teardown(escaping, setup, teardown),
	cmocka_unit_test_setup_teardown(hostile, setup, teardown),
	cmocka_unit_test_setup_teardown(bad_input, setup, teardown),
	cmocka_unit_test_setup_teardown(lifecycle, setup, teardown),
	cmocka_unit_test_setup_teardown(edits_and_deletes, setup, teardown),
	cmocka_unit_test_setup_teardown(tags_follow_changes, setup, teardown),
	cmocka_unit_test_setup_teardown(category_limit, setup, teardown),
	cmocka_unit_test_setup_teardown(migration_fills, setup, teardown),
	cmocka_unit_test_setup_teardown(alloc_failures, setup, teardown),
};

GK_TEST_MAIN("search", tests)
