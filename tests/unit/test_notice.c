/*
 * test_notice.c — the printed notices (src/doc/notice.c): the ISO week's
 * dates, Markdown to plain paragraphs, what fits a sheet (the pure
 * estimate, worked out by hand), and the renderers on hand-made sheets:
 * a long body cut to one page with 全文请扫码查看, a short one whole,
 * hostile text escaped in the HTML.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "core/date.h"
#include "doc/notice.h"
#include "doc/qr.h"

static void
week_is(const char *s, const char *mon, const char *sun)
{
	int32_t	 m, u;
	char	 a[GK_DATE_LEN], b[GK_DATE_LEN];

	assert_int_equal(gk_notice_week_parse(s, &m, &u), GK_OK);
	gk_date_format(m, a);
	gk_date_format(u, b);
	assert_string_equal(a, mon);
	assert_string_equal(b, sun);
	assert_int_equal(gk_date_weekday(m), 1);
}

static void
test_week_parse(void **state)
{
	static const char *const bad[] = { "", "2025-23", "2025-W00", "2025-W54", "2025-w21",
	    "abcd-W21", "2025-W2", "2025-W021", " 2025-W21", "2021-W53", "2025-W5a",
	    "0999-W01" };
	int32_t	 m = 7, u = 7;
	size_t	 i;

	(void)state;
	/* 2025-05-22 (Thursday) is in week 21: Monday 19 May to Sunday 25 May. */
	week_is("2025-W21", "2025-05-19", "2025-05-25");
	/* Week 1 of 2025 holds Thursday 2 January, so it starts in 2024. */
	week_is("2025-W01", "2024-12-30", "2025-01-05");
	/* 2020 began on a Wednesday and was a leap year: 53 weeks. */
	week_is("2020-W53", "2020-12-28", "2021-01-03");
	week_is("2026-W01", "2025-12-29", "2026-01-04");
	week_is("2025-W23", "2025-06-02", "2025-06-08");
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (gk_notice_week_parse(bad[i], &m, &u) != GK_EINVAL)
			fail_msg("accepted week '%s'", bad[i]);
	}
	assert_int_equal(gk_notice_week_parse(NULL, &m, &u), GK_EINVAL);
	assert_int_equal(m, 7);	/* untouched on an error */
	assert_int_equal(u, 7);
}

static void
test_week_of(void **state)
{
	static const struct { const char *day, *week; } v[] = {
		{ "2025-05-22", "2025-W21" },
		{ "2025-05-19", "2025-W21" },
		{ "2025-05-25", "2025-W21" },
		{ "2024-12-30", "2025-W01" },
		{ "2021-01-03", "2020-W53" },
		{ "2026-11-27", "2026-W48" },
		{ "2027-01-01", "2026-W53" },
	};
	char	 buf[16];
	int32_t	 d, m, u;
	size_t	 i;

	(void)state;
	for (i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		assert_int_equal(gk_date_parse(v[i].day, 10, &d), GK_OK);
		gk_notice_week_of(d, buf, sizeof(buf));
		assert_string_equal(buf, v[i].week);
		/* And back: the day is inside the week parsed from its name. */
		assert_int_equal(gk_notice_week_parse(buf, &m, &u), GK_OK);
		assert_true(m <= d && d <= u);
	}
}

static void
test_plain(void **state)
{
	char *s;

	(void)state;
	s = gk_notice_plain("# 标题\n\n正文**重点**内容\n- 列表\n> 引用\n\n\n尾  \n");
	assert_non_null(s);
	assert_string_equal(s, "标题\n正文重点内容\n- 列表\n引用\n尾");
	gk_free(s);
	s = gk_notice_plain("#话题 不是标题\r\n   \n  缩进");
	assert_string_equal(s, "#话题 不是标题\n缩进");
	gk_free(s);
	/* A line of nothing but "**" is no paragraph (found by fuzz_notice). */
	s = gk_notice_plain("a*\n**\n**");
	assert_string_equal(s, "a*");
	gk_free(s);
	s = gk_notice_plain("");
	assert_string_equal(s, "");
	gk_free(s);
	s = gk_notice_plain(NULL);
	assert_string_equal(s, "");
	gk_free(s);
}

static void
test_fit(void **state)
{
	/* 15 CJK characters, 3 bytes each. */
	const char *cjk = "一二三四五六七八九十甲乙丙丁戊";

	(void)state;
	/* 10 em a line, 2 em indent: 8 characters on the first line, 10 on the next. */
	assert_int_equal(gk_notice_fit(cjk, 10, 2, 2), 45);
	assert_int_equal(gk_notice_fit(cjk, 10, 2, 1), 8 * 3);
	assert_int_equal(gk_notice_fit(cjk, 10, 0, 1), 10 * 3);
	assert_int_equal(gk_notice_fit(cjk, 10, 2, 0), 0);
	/* ASCII is half an em: 20 letters in 10 em. */
	assert_int_equal(gk_notice_fit("abcdefghijklmnopqrstuvwxyz", 10, 0, 1), 20);
	/* A paragraph starts a new line. */
	assert_int_equal(gk_notice_fit("一二\n三四", 10, 2, 1), 6);
	assert_int_equal(gk_notice_fit("一二\n三四", 10, 2, 2), 13);
	/* A wide character does not squeeze into half an em. */
	assert_int_equal(gk_notice_fit("ab一", 1.5, 0, 1), 2);
	assert_int_equal(gk_notice_fit("", 10, 2, 1), 0);
	/* A bad byte counts as one narrow character and is not split from nothing. */
	assert_int_equal(gk_notice_fit("\xe4\xb8", 10, 0, 1), 2);
}

/* Pages in a cairo PDF: its page objects ("/Type /Page", not "/Type /Pages"). */
static int
pdf_pages(const struct gk_buf *b)
{
	size_t	 i;
	int	 n = 0;

	for (i = 0; i + 12 <= b->len; i++)
		if (memcmp(b->data + i, "/Type /Page", 11) == 0 && b->data[i + 11] != 's')
			n++;
	return n;
}

static void
sheet_init(struct gk_notice_set *set, const char *title, const char *body)
{
	int32_t d;

	memset(set, 0, sizeof(*set));
	assert_int_equal(gk_date_parse("2025-06-03", 10, &d), GK_OK);
	set->v = gk_calloc(1, sizeof(*set->v));
	assert_non_null(set->v);
	set->n = 1;
	set->week_mon = GK_DATE_NONE;
	set->from = d;
	set->days = 7;
	set->platform = gk_strdup("盐边县人民政府信息公开平台");
	set->agency = gk_strdup("盐边县经济合作和商务局");
	set->v[0].item_id = 9;
	set->v[0].agency = gk_strdup("盐边县经济合作和商务局");
	set->v[0].title = gk_strdup(title);
	set->v[0].index_no = gk_strdup("11510422MB0521377Q/2025-00009");
	set->v[0].published = gk_strdup("2025-06-02");
	set->v[0].doc_no = gk_strdup("盐边商务〔2025〕12号");
	set->v[0].body = gk_strdup(body);
	set->v[0].url = gk_strdup("https://gk.example.gov.cn/item/9");
	set->v[0].cut = strlen(body);
}

static void
test_long_body(void **state)
{
	struct gk_notice_set	 set;
	struct gk_buf		 b, h;
	char			 body[40 * 310 + 1];
	size_t			 i, len;
	char			 err[256];

	(void)state;
	/* 40 paragraphs of 100 characters: far more than a page. */
	body[0] = '\0';
	for (i = 0; i < 40; i++) {
		size_t k, o = strlen(body);

		for (k = 0; k < 100; k++)
			memcpy(body + o + 3 * k, "政", 3);
		body[o + 300] = i < 39 ? '\n' : '\0';
		body[o + 301] = '\0';
	}
	len = strlen(body);
	sheet_init(&set, "关于印发《盐边县惠企政策实施细则》的通知", body);
	assert_int_equal(gk_notice_layout(&set), GK_OK);
	/* Cut somewhere after the first paragraph, at a character's start. */
	assert_true(set.v[0].cut > 300);
	assert_true(set.v[0].cut < len);
	assert_true(((unsigned char)body[set.v[0].cut] & 0xC0) != 0x80);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_notice_pdf(&set, &b, err, sizeof(err)), GK_OK);
	assert_true(b.len > 1000);
	assert_memory_equal(b.data, "%PDF-", 5);
	assert_int_equal(pdf_pages(&b), 1);
	gk_buf_clear(&b);
	gk_buf_init(&h, 0);
	assert_int_equal(gk_notice_html(&set, &h, err, sizeof(err)), GK_OK);
	gk_buf_putc(&h, '\0');
	gk_test_has(h.data, "全文请扫码查看");
	gk_test_has(h.data, "@page{size:A4;margin:37mm 26mm 35mm 28mm}");
	gk_test_has(h.data, "公示期：2025-06-03 至 2025-06-09");
	gk_test_has(h.data, "<svg ");
	gk_test_has(h.data, "文号：盐边商务〔2025〕12号");
	gk_test_lacks(h.data, "<nav");
	gk_buf_clear(&h);
	gk_notice_set_free(&set);
}

static void
test_short_body_and_escaping(void **state)
{
	struct gk_notice_set	 set;
	struct gk_buf		 b, h;
	char			 err[256];

	(void)state;
	sheet_init(&set, "<script>alert(1)</script>\"'&", "正文<img src=x onerror=alert(1)>");
	assert_int_equal(gk_notice_layout(&set), GK_OK);
	assert_int_equal(set.v[0].cut, strlen(set.v[0].body));
	gk_buf_init(&b, 0);
	assert_int_equal(gk_notice_pdf(&set, &b, err, sizeof(err)), GK_OK);
	assert_int_equal(pdf_pages(&b), 1);
	gk_buf_clear(&b);
	gk_buf_init(&h, 0);
	assert_int_equal(gk_notice_html(&set, &h, err, sizeof(err)), GK_OK);
	gk_buf_putc(&h, '\0');
	gk_test_lacks(h.data, "<script>");
	gk_test_lacks(h.data, "<img");
	gk_test_has(h.data, "&lt;script&gt;alert(1)&lt;/script&gt;");
	gk_test_lacks(h.data, "全文请扫码查看");
	gk_buf_clear(&h);
	gk_notice_set_free(&set);
	/* An empty set is refused with a message. */
	memset(&set, 0, sizeof(set));
	gk_buf_init(&b, 0);
	assert_int_equal(gk_notice_pdf(&set, &b, err, sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "没有可印制的信息");
	assert_int_equal(b.len, 0);
}

static void
test_qr(void **state)
{
	struct gk_qr q;

	(void)state;
	/* 32 bytes at level M: version 3 (version 2 holds 26), 29 modules a side. */
	assert_int_equal(gk_qr_encode("https://gk.example.gov.cn/item/9", &q), GK_OK);
	assert_int_equal(q.width, 29);
	/* The finder pattern's corner is dark, the module inside its ring light. */
	assert_int_equal(q.dark[0], 1);
	assert_int_equal(q.dark[1 * 29 + 1], 0);
	gk_qr_free(&q);
	assert_int_equal(gk_qr_encode("", &q), GK_EINVAL);
	assert_int_equal(gk_qr_encode(NULL, &q), GK_EINVAL);
}

/*
 * Every allocation of the renderers failing in turn (ours: pango and cairo
 * allocate with malloc): GK_ENOMEM or the whole document, never a part,
 * never a leak (ASan).
 */
static void
test_alloc_failures(void **state)
{
	struct gk_notice_set	 set;
	struct gk_buf		 ok, b;
	char			 err[256], *pl;
	long			 n;
	int			 html;
	enum gk_err		 e;

	(void)state;
	for (html = 0; html < 2; html++) {
		sheet_init(&set, "标题", "第一段\n第二段");
		set.week_mon = set.from;	/* with the cover */
		gk_buf_init(&ok, 0);
		assert_int_equal(html ? gk_notice_html(&set, &ok, err, sizeof(err)) :
		    gk_notice_pdf(&set, &ok, err, sizeof(err)), GK_OK);
		for (n = 0; n < 5000; n++) {
			gk_buf_init(&b, 0);
			gk_mem_fail_after(n);
			e = html ? gk_notice_html(&set, &b, err, sizeof(err)) :
			    gk_notice_pdf(&set, &b, err, sizeof(err));
			gk_mem_fail_reset();
			if (e == GK_OK) {
				assert_int_equal(b.len, ok.len);
				assert_memory_equal(b.data, ok.data, ok.len);
				gk_buf_clear(&b);
				break;
			}
			assert_int_equal(e, GK_ENOMEM);
			assert_int_equal(b.len, 0);
			gk_buf_clear(&b);
		}
		assert_true(n < 5000);
		gk_buf_clear(&ok);
		gk_notice_set_free(&set);
	}
	for (n = 0; n < 50; n++) {
		gk_mem_fail_after(n);
		pl = gk_notice_plain("# 标题\n正文");
		gk_mem_fail_reset();
		if (pl != NULL) {
			assert_string_equal(pl, "标题\n正文");
			gk_free(pl);
			break;
		}
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_week_parse),
	cmocka_unit_test(test_week_of),
	cmocka_unit_test(test_plain),
	cmocka_unit_test(test_fit),
	cmocka_unit_test(test_long_body),
	cmocka_unit_test(test_short_body_and_escaping),
	cmocka_unit_test(test_qr),
	cmocka_unit_test(test_alloc_failures),
};

GK_TEST_MAIN("notice", tests)
