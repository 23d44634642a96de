/*
 * test_item.c — item metadata validation (every rule, all problems reported
 * at once), 文号 forms, dates, the default category tree, and the policy
 * interpretation ledger check.
 */
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/interp.h"
#include "core/item.h"

static const char *today = "2025-06-30";

static void
set(struct item_meta *m, enum item_field f, const char *v)
{
	assert_int_equal(item_meta_set(m, f, v), GK_OK);
}

/* A complete, valid policy file of 盐边县经济合作和商务局. */
static void
good(struct item_meta *m)
{
	item_meta_init(m);
	set(m, ITEM_F_TITLE, "盐边县经济合作和商务局关于印发《招商引资项目服务办法》的通知");
	set(m, ITEM_F_CATEGORY, "政策文件/行政规范性文件");
	set(m, ITEM_F_TOPIC, "商贸、海关、旅游\\招商引资");
	set(m, ITEM_F_PUBLISHER, "盐边县经济合作和商务局");
	set(m, ITEM_F_DOCNO, "盐边商务〔2025〕12号");
	set(m, ITEM_F_WRITTEN, "2025-03-18");
	set(m, ITEM_F_KEYWORDS, "招商引资；项目服务");
	set(m, ITEM_F_BODY, "# 招商引资项目服务办法\n\n第一条 ……\n");
}

/* Validates m and checks that exactly the given rules were reported. */
static void
expect(struct item_meta *m, const char *const *rules)
{
	struct item_problems	ps;
	char			err[256];
	size_t			n = 0, i;

	while (rules[n] != NULL)
		n++;
	err[0] = '\0';
	assert_int_equal(item_validate(m, NULL, today, &ps, err, sizeof(err)),
	    n ? GK_EINVAL : GK_OK);
	for (i = 0; i < ps.n; i++)
		if ((unsigned char)ps.v[i].msg[0] < 0x80)
			fail_msg("problem %s without a Chinese message", ps.v[i].rule);
	for (i = 0; i < n; i++)
		if (!item_problems_has(&ps, rules[i])) {
			fail_msg("rule %s not reported (%zu problems, first %s: %s)", rules[i],
			    ps.n, ps.n ? ps.v[0].rule : "-", ps.n ? ps.v[0].msg : "-");
		}
	if (ps.n != n)
		fail_msg("%zu problems, want %zu (first %s: %s)", ps.n, n, ps.v[0].rule, ps.v[0].msg);
}

static void
valid_items(void **state)
{
	static const char *const none[] = { NULL };
	struct item_meta m;

	(void)state;
	good(&m);
	expect(&m, none);
	/* News with its event end date; no 文号; 成文日期 today. */
	set(&m, ITEM_F_CATEGORY, "工作动态");
	set(&m, ITEM_F_DOCNO, NULL);
	set(&m, ITEM_F_WRITTEN, today);
	set(&m, ITEM_F_EVENT_END, "2025-06-28");
	expect(&m, none);
	/* 废止 with its date; 失效 without one. */
	set(&m, ITEM_F_CATEGORY, "财政信息/三公经费");
	m.validity = ITEM_REPEALED;
	set(&m, ITEM_F_WRITTEN, "2025-01-10");
	set(&m, ITEM_F_VALIDITY_DATE, "2025-06-01");
	expect(&m, none);
	m.validity = ITEM_EXPIRED;
	set(&m, ITEM_F_VALIDITY_DATE, NULL);
	expect(&m, none);
	item_meta_clear(&m);
}

static void
every_problem_at_once(void **state)
{
	static const char *const all[] = {
		"title.required", "category.required", "publisher.required",
		"written_date.required", "indexno.chars", "docno.format",
		"keywords.too_many", NULL
	};
	struct item_meta m;
	struct item_problems ps;
	char err[128];

	(void)state;
	item_meta_init(&m);
	set(&m, ITEM_F_TITLE, " \xe3\x80\x80 ");
	set(&m, ITEM_F_INDEXNO, "11441700007280420Y/2021 00050");
	set(&m, ITEM_F_DOCNO, "盐边商务2025年12号");
	set(&m, ITEM_F_KEYWORDS, "a,b,c,d,e,f,g,h,i,j,k");
	expect(&m, all);
	/* Each problem names its field. */
	assert_int_equal(item_validate(&m, NULL, today, &ps, err, sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "信息有 7 处问题");
	assert_int_equal(ps.v[0].field, ITEM_F_INDEXNO);
	assert_int_equal(ps.v[1].field, ITEM_F_TITLE);
	assert_string_equal(ps.v[1].msg, "标题不能为空");
	item_meta_clear(&m);
}

static void
field_rules(void **state)
{
	struct item_meta m;
	char long_title[ITEM_TITLE_MAX * 3 + 4];
	size_t i;

	(void)state;
	/* Title: at most 200 characters (not bytes); one line; valid UTF-8. */
	for (i = 0; i < ITEM_TITLE_MAX; i++)
		memcpy(long_title + i * 3, "公", 3);
	long_title[ITEM_TITLE_MAX * 3] = '\0';
	good(&m);
	set(&m, ITEM_F_TITLE, long_title);
	expect(&m, (const char *const[]){ NULL });
	memcpy(long_title + ITEM_TITLE_MAX * 3, "开", 4);
	set(&m, ITEM_F_TITLE, long_title);
	expect(&m, (const char *const[]){ "text.too_long", NULL });
	set(&m, ITEM_F_TITLE, "第一行\n第二行");
	expect(&m, (const char *const[]){ "text.control", NULL });
	set(&m, ITEM_F_TITLE, "bad \xe5\x85 utf8");
	expect(&m, (const char *const[]){ "text.utf8", NULL });
	set(&m, ITEM_F_TITLE, "\xed\xa0\x80 surrogate");
	expect(&m, (const char *const[]){ "text.utf8", NULL });
	set(&m, ITEM_F_TITLE, "\xc0\xaf overlong");
	expect(&m, (const char *const[]){ "text.utf8", NULL });
	item_meta_clear(&m);

	/* Category: known, and a leaf. */
	good(&m);
	set(&m, ITEM_F_CATEGORY, "政策文件");
	expect(&m, (const char *const[]){ "category.not_leaf", NULL });
	set(&m, ITEM_F_CATEGORY, "政策文件/通知公告");
	expect(&m, (const char *const[]){ "category.unknown", NULL });
	set(&m, ITEM_F_CATEGORY, "财政信息");
	expect(&m, (const char *const[]){ "category.not_leaf", NULL });
	item_meta_clear(&m);

	/* 成文日期: a real date, not after today. */
	good(&m);
	set(&m, ITEM_F_WRITTEN, "2025-07-01");
	expect(&m, (const char *const[]){ "date.future", NULL });
	set(&m, ITEM_F_WRITTEN, "2025-02-29");	/* 2025 is not a leap year */
	expect(&m, (const char *const[]){ "date.invalid", NULL });
	set(&m, ITEM_F_WRITTEN, "2024-02-29");
	expect(&m, (const char *const[]){ NULL });
	set(&m, ITEM_F_WRITTEN, "2025/03/18");
	expect(&m, (const char *const[]){ "date.invalid", NULL });
	set(&m, ITEM_F_WRITTEN, "2025-3-18");
	expect(&m, (const char *const[]){ "date.invalid", NULL });
	set(&m, ITEM_F_WRITTEN, "");
	expect(&m, (const char *const[]){ "written_date.required", NULL });
	item_meta_clear(&m);

	/* 工作动态 needs the event end date (3-working-day rule); others may omit it. */
	good(&m);
	set(&m, ITEM_F_CATEGORY, "工作动态");
	expect(&m, (const char *const[]){ "event_end_date.required", NULL });
	set(&m, ITEM_F_EVENT_END, "2025-07-02");
	expect(&m, (const char *const[]){ "date.future", NULL });
	set(&m, ITEM_F_EVENT_END, "20250628");
	expect(&m, (const char *const[]){ "date.invalid", NULL });
	set(&m, ITEM_F_CATEGORY, "招商引资");
	set(&m, ITEM_F_EVENT_END, NULL);
	expect(&m, (const char *const[]){ NULL });
	item_meta_clear(&m);

	/* 有效性: 废止 needs a date, not before 成文日期; 有效 has none. */
	good(&m);
	m.validity = ITEM_REPEALED;
	expect(&m, (const char *const[]){ "validity_date.required", NULL });
	set(&m, ITEM_F_VALIDITY_DATE, "2025-03-17");
	expect(&m, (const char *const[]){ "validity_date.before_written", NULL });
	set(&m, ITEM_F_VALIDITY_DATE, "2025-12-31");
	expect(&m, (const char *const[]){ "date.future", NULL });
	m.validity = ITEM_VALID;
	expect(&m, (const char *const[]){ "validity_date.unexpected", NULL });
	m.validity = (enum item_validity)9;
	expect(&m, (const char *const[]){ "validity.invalid", NULL });
	item_meta_clear(&m);

	/* Keywords: at most 10, each at most 20 characters, no duplicates. */
	good(&m);
	set(&m, ITEM_F_KEYWORDS, "一，二、三;四 五　六,七；八,九,十");
	expect(&m, (const char *const[]){ NULL });
	set(&m, ITEM_F_KEYWORDS, "一，二、三;四 五　六,七；八,九,十,十一");
	expect(&m, (const char *const[]){ "keywords.too_many", NULL });
	set(&m, ITEM_F_KEYWORDS, "招商引资，招商引资");
	expect(&m, (const char *const[]){ "keywords.duplicate", NULL });
	set(&m, ITEM_F_KEYWORDS, "一二三四五六七八九十一二三四五六七八九十一");
	expect(&m, (const char *const[]){ "keywords.too_long", NULL });
	set(&m, ITEM_F_KEYWORDS, ",,;;  ");
	expect(&m, (const char *const[]){ NULL });

	/* Other single-line fields. */
	set(&m, ITEM_F_KEYWORDS, NULL);
	set(&m, ITEM_F_PUBLISHER, "");
	expect(&m, (const char *const[]){ "publisher.required", NULL });
	set(&m, ITEM_F_PUBLISHER, "盐边县经济合作和商务局");
	set(&m, ITEM_F_INDEXNO, "11441700007280420Y/2021-00050-00000000000000000000000000000000000000");
	expect(&m, (const char *const[]){ "indexno.too_long", NULL });
	set(&m, ITEM_F_INDEXNO, "11441700007280420Y/2021-00050");
	set(&m, ITEM_F_BODY, "正文\xff");
	expect(&m, (const char *const[]){ "text.utf8", NULL });
	item_meta_clear(&m);
}

static void
validate_arguments(void **state)
{
	struct item_meta	m;
	struct item_problems	ps;
	char			err[128];

	(void)state;
	good(&m);
	assert_int_equal(item_validate(&m, NULL, "2025-02-30", &ps, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(ps.n, 0);
	assert_non_null(strstr(err, "今天"));
	assert_int_equal(item_validate(&m, NULL, NULL, &ps, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(item_validate(NULL, NULL, today, &ps, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(item_meta_set(&m, ITEM_F_VALIDITY, "有效"), GK_EINVAL);
	assert_int_equal(item_meta_set(&m, ITEM_F__MAX, "x"), GK_EINVAL);
	assert_string_equal(item_meta_get(&m, ITEM_F_EVENT_END), "");
	/* Allocation failure leaves the old value. */
	gk_mem_fail_after(0);
	assert_int_equal(item_meta_set(&m, ITEM_F_TITLE, "新标题"), GK_ENOMEM);
	gk_mem_fail_reset();
	assert_non_null(strstr(item_meta_get(&m, ITEM_F_TITLE), "招商引资"));
	item_meta_clear(&m);
	item_meta_clear(NULL);
}

static void
docno(void **state)
{
	static const struct {
		const char *in, *norm;
	} ok[] = {
		{ "盐边商务〔2025〕12号", "盐边商务〔2025〕12号" },
		{ "盐边商务[2025]12号", "盐边商务〔2025〕12号" },
		{ "盐边商务［2025］12号", "盐边商务〔2025〕12号" },
		{ "盐边商务（2025）12号", "盐边商务〔2025〕12号" },
		{ "盐边商务(2025)12号", "盐边商务〔2025〕12号" },
		{ "盐边商务【2025】12号", "盐边商务〔2025〕12号" },
		{ "国办公开办函〔2021〕30号", "国办公开办函〔2021〕30号" },
		{ "国办函〔2020〕109号", "国办函〔2020〕109号" },
		{ "川府发〔2024〕第3号", "川府发〔2024〕第3号" },
		{ "国务院令第711号", "国务院令第711号" },
	};
	static const struct {
		const char *in, *msg;
	} bad[] = {
		{ "盐边商务〔2025〕12", "应以“号”结尾" },
		{ "盐边商务2025年12号", "缺少用括号括起的年份" },
		{ "〔2025〕12号", "缺少机关代字" },
		{ "盐边商务〔25〕12号", "四位数字" },
		{ "盐边商务〔1900〕12号", "不合理" },
		{ "盐边商务〔2025]12号", "括号不配对" },
		{ "盐边商务〔2025〕号", "缺少序号" },
		{ "盐边商务〔2025〕一二号", "缺少序号" },
		{ "盐边商务〔2025〕1234567号", "1 至 6 位" },
		{ "盐边商务〔2025〕12a号", "1 至 6 位" },
		{ "盐边商务〔2025 〕12号", "空格" },
		{ "盐边商务〔2025", "应以“号”结尾" },
		{ "盐边商务〔2025号", "缺少右括号" },
		{ "号", "缺少用括号括起的年份" },
		{ "第12号", "缺少用括号括起的年份" },
		{ "", "为空" },
	};
	char	norm[128], err[256];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		norm[0] = '\0';
		if (item_docno_check(ok[i].in, norm, sizeof(norm), err, sizeof(err)) != GK_OK)
			fail_msg("%s refused: %s", ok[i].in, err);
		assert_string_equal(norm, ok[i].norm);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		err[0] = '\0';
		if (item_docno_check(bad[i].in, norm, sizeof(norm), err, sizeof(err)) != GK_EINVAL ||
		    strstr(err, bad[i].msg) == NULL)
			fail_msg("%s: want “%s”, got “%s”", bad[i].in, bad[i].msg, err);
	}
	assert_int_equal(item_docno_check(NULL, NULL, 0, err, sizeof(err)), GK_EINVAL);
}

static void
dates(void **state)
{
	int32_t	d, d2;
	char	out[11];

	(void)state;
	assert_true(item_date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(item_date_parse("2025-03-18", &d));
	assert_true(item_date_parse("2025-06-30", &d2));
	assert_int_equal(d2 - d, 104);	/* 13 + 30 + 31 + 30 days */
	gk_date_format(d, out);
	assert_string_equal(out, "2025-03-18");
	assert_true(item_date_parse("2000-02-29", NULL));
	assert_false(item_date_parse("1900-02-29", NULL));
	assert_false(item_date_parse("2025-04-31", NULL));
	assert_false(item_date_parse("2025-00-10", NULL));
	assert_false(item_date_parse("1899-12-31", NULL));
	assert_false(item_date_parse("2025-06-30x", NULL));
	assert_false(item_date_parse("2025-06-3", NULL));
	assert_false(item_date_parse(NULL, NULL));
}

static void
categories(void **state)
{
	const struct category_tree	*t = category_default();
	const struct category		*c;
	size_t				 i, j;

	(void)state;
	assert_int_equal(t->n, 14);
	c = category_find(NULL, "政策文件/规章");
	assert_non_null(c);
	assert_string_equal(c->code, "zcwj-gz");
	assert_string_equal(c->name, "规章");
	assert_true(category_is_policy(c));
	assert_false(category_is_news(c));
	assert_true(c->leaf);
	assert_string_equal(t->v[c->parent].path, "政策文件");
	assert_true(category_is_policy(category_find(t, "政策文件/行政规范性文件")));
	assert_true(category_is_policy(category_find(t, "政策文件/其他文件")));
	assert_true(category_is_news(category_find(t, "工作动态")));
	assert_true(category_is_interp(category_find(t, "政策解读")));
	assert_false(category_is_policy(category_find(t, "政策解读")));
	assert_int_equal(category_find(t, "财政信息/三公经费")->kind, CATEGORY_KIND_FISCAL);
	assert_int_equal(category_find(t, "办事指南")->kind, CATEGORY_KIND_OTHER);
	assert_false(category_find(t, "财政信息")->leaf);
	assert_null(category_find(t, "规章"));
	assert_null(category_find(t, "政策文件/"));
	assert_null(category_find(t, NULL));
	assert_string_equal(category_find_code(t, "czxx-js")->path, "财政信息/决算");
	assert_null(category_find_code(t, "ZCWJ"));
	/* Codes are well formed and unique; paths are unique; parents come first. */
	for (i = 0; i < t->n; i++) {
		assert_true(category_code_ok(t->v[i].code));
		assert_true(t->v[i].parent < (int)i);
		for (j = i + 1; j < t->n; j++) {
			assert_string_not_equal(t->v[i].code, t->v[j].code);
			assert_string_not_equal(t->v[i].path, t->v[j].path);
		}
	}
	assert_false(category_code_ok("Bad"));
	assert_false(category_code_ok(""));
	assert_false(category_code_ok("abcdefghijklmnopq"));
}

static void
interpretations(void **state)
{
	struct interp_policy	p = { 7, "招商引资项目服务办法", "2025-03-20" };
	struct interp_item	v[] = {
		{ 100, 7, INTERP_TEXT, "2025-03-20" },	/* same day: on time */
		{ 101, 7, INTERP_GRAPHIC, "2025-03-25" },	/* 5 days later */
		{ 102, 8, INTERP_CASE, "2025-04-30" },	/* another policy file */
		{ 103, 7, INTERP_MEDIA, NULL },		/* not published */
	};
	struct interp_findings	f;
	char			err[256];
	enum interp_form	form;

	(void)state;
	assert_int_equal(interp_check(&p, v, 4, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].kind, INTERP_F_LATE);
	assert_int_equal(f.v[0].interp_id, 101);
	assert_int_equal(f.v[0].days_late, 5);
	assert_string_equal(f.v[0].msg,
	    "政策文件“招商引资项目服务办法”于 2025-03-20 发布，其图解解读晚 5 天（2025-03-25）发布");

	/* Only the late one: still late, across a month end. */
	v[0].published = "2025-04-02";
	assert_int_equal(interp_check(&p, v, 2, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.v[0].days_late, 13);

	/* An interpretation published before the file is on time. */
	v[0].published = "2025-03-19";
	assert_int_equal(interp_check(&p, v, 1, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 0);

	/* None published, or none at all. */
	assert_int_equal(interp_check(&p, v + 2, 2, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].kind, INTERP_F_MISSING);
	assert_string_equal(f.v[0].msg,
	    "政策文件“招商引资项目服务办法”已于 2025-03-20 发布，但没有已发布的政策解读");
	assert_int_equal(interp_check(&p, NULL, 0, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 1);

	/* An unpublished policy file has no findings yet. */
	p.published = "";
	assert_int_equal(interp_check(&p, NULL, 0, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 0);

	/* Bad dates are errors naming the record. */
	p.published = "2025-02-30";
	assert_int_equal(interp_check(&p, v, 1, &f, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "编号 7"));
	p.published = "2025-03-20";
	v[0].published = "bad";
	assert_int_equal(interp_check(&p, v, 1, &f, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "编号 100"));
	assert_int_equal(interp_check(NULL, v, 1, &f, err, sizeof(err)), GK_EINVAL);

	/* Links: an interpretation explains a policy file, nothing else. */
	assert_int_equal(interp_link_check(category_find(NULL, "政策解读"),
	    category_find(NULL, "政策文件/规章"), err, sizeof(err)), GK_OK);
	assert_int_equal(interp_link_check(category_find(NULL, "政策解读"),
	    category_find(NULL, "工作动态"), err, sizeof(err)), GK_EINVAL);
	assert_int_equal(interp_link_check(category_find(NULL, "政策解读"), NULL, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(interp_link_check(category_find(NULL, "工作动态"),
	    category_find(NULL, "政策文件/规章"), err, sizeof(err)), GK_EINVAL);

	assert_true(interp_form_from_name("图解", &form));
	assert_int_equal(form, INTERP_GRAPHIC);
	assert_true(interp_form_from_name("media", &form));
	assert_int_equal(form, INTERP_MEDIA);
	assert_false(interp_form_from_name("视频", &form));
	assert_string_equal(interp_form_label(INTERP_CASE), "案例");
}

static void
many_late(void **state)
{
	struct interp_policy	p = { 1, "文件", "2025-01-02" };
	struct interp_item	v[INTERP_FINDINGS_MAX + 3];
	struct interp_findings	f;
	char			err[256];
	size_t			i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		v[i].id = (int64_t)i + 1;
		v[i].policy_id = 1;
		v[i].form = INTERP_TEXT;
		v[i].published = "2025-01-03";
	}
	assert_int_equal(interp_check(&p, v, sizeof(v) / sizeof(v[0]), &f, err, sizeof(err)),
	    GK_ELIMIT);
	assert_int_equal(f.n, INTERP_FINDINGS_MAX);
}

static void
names(void **state)
{
	enum item_validity	v;
	enum item_field		f;
	enum category_kind	k;
	int			i;

	(void)state;
	for (i = 0; i < ITEM_VALIDITY__MAX; i++) {
		assert_true(item_validity_from_name(item_validity_name((enum item_validity)i), &v));
		assert_int_equal(v, i);
		assert_true(item_validity_from_name(item_validity_label((enum item_validity)i), &v));
		assert_int_equal(v, i);
	}
	for (i = 0; i < ITEM_F__MAX; i++) {
		assert_true(item_field_from_name(item_field_name((enum item_field)i), &f));
		assert_int_equal(f, i);
	}
	for (i = 0; i < CATEGORY_KIND__MAX; i++) {
		assert_true(category_kind_from_name(category_kind_name((enum category_kind)i), &k));
		assert_int_equal(k, i);
	}
	assert_string_equal(item_validity_label(ITEM_REPEALED), "废止");
	assert_string_equal(item_field_label(ITEM_F_WRITTEN), "成文日期");
	assert_false(item_validity_from_name("作废", &v));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(valid_items),
	cmocka_unit_test(every_problem_at_once),
	cmocka_unit_test(field_rules),
	cmocka_unit_test(validate_arguments),
	cmocka_unit_test(docno),
	cmocka_unit_test(dates),
	cmocka_unit_test(categories),
	cmocka_unit_test(interpretations),
	cmocka_unit_test(many_late),
	cmocka_unit_test(names),
};

GK_TEST_MAIN("item", tests)
