/*
 * test_wechat_html.c — the item's HTML converted for the WeChat editor
 * (channels/wechat_html.h): whitelist, inline styles, balance, escaping,
 * images through the callback, the link back, the size limit.
 */
#include "harness.h"

#include <stdio.h>
#include <string.h>

#include "channels/wechat_html.h"
#include "web/portal.h"

#define P_OPEN	"<p style=\"margin:0 0 1em;line-height:1.75;font-size:16px;color:#333;\">"
#define LI_OPEN	"<li style=\"margin:.3em 0;line-height:1.75;font-size:16px;color:#333;\">"
#define UL_OPEN	"<ul style=\"margin:0 0 1em;padding-left:2em;list-style-type:disc;\">"
#define H2_OPEN	"<h2 style=\"margin:1.2em 0 .6em;font-size:20px;font-weight:bold;color:#1a1a1a;\">"
#define IMG_STYLE "style=\"max-width:100%;height:auto;display:block;margin:0 auto 1em;\"/>"
#define FOOT	"<p style=\"margin:1.5em 0 0;font-size:14px;color:#888;\">原文链接："

static enum gk_err
conv(const char *in, const char *url, gk_wechat_img_fn img, void *arg, char **out)
{
	struct gk_buf	 b;
	char		 err[256] = "";
	enum gk_err	 e;

	gk_buf_init(&b, 0);
	gk_buf_puts(&b, "");
	e = gk_wechat_html(in, strlen(in), url, img, arg, &b, err, sizeof(err));
	if (e != GK_OK)
		assert_true(err[0] != '\0');
	*out = gk_buf_take(&b, NULL);
	return e;
}

static void
expect_conv(const char *in, const char *want)
{
	char *out;

	assert_int_equal(conv(in, NULL, NULL, NULL, &out), GK_OK);
	assert_string_equal(out, want);
	gk_free(out);
}

static void
test_whitelist_and_styles(void **state)
{
	(void)state;
	expect_conv("<p>甲</p>", P_OPEN "甲</p>");
	expect_conv("<h1>标题</h1>", H2_OPEN "标题</h2>");
	expect_conv("<ul>\n<li>一</li>\n<li>二</li></ul>",
	    UL_OPEN "\n" LI_OPEN "一</li>\n" LI_OPEN "二</li></ul>");
	expect_conv("<b>粗</b><i>斜</i><br>", "<strong>粗</strong><em>斜</em><br/>");
	/* Attributes never survive; unknown elements leave their text. */
	expect_conv("<p class=\"x\" onclick=\"alert(1)\" style=\"color:red\">a</p>", P_OPEN "a</p>");
	expect_conv("<span id=s>文</span><a href=\"javascript:alert(1)\">链接</a>", "文链接");
	expect_conv("<font color=red>x</font>", "x");
}

static void
test_dropped_elements(void **state)
{
	(void)state;
	expect_conv("a<script>alert('<p>')</script>b", "ab");
	expect_conv("a<STYLE>p{color:red}</STYLE >b", "ab");
	expect_conv("a<iframe src=x></iframe>b<script>never closed", "ab");
	expect_conv("a<!-- <p>hidden</p> -->b", "ab");
	expect_conv("a<!-- unterminated <p>x</p>", "a");
	expect_conv("<!DOCTYPE html><?xml x?>t", "t");
	expect_conv("a<script/>b", "ab");
}

static void
test_balance(void **state)
{
	char	*out, in[2048];
	size_t	 i, n = 0, opens = 0, closes = 0;
	const char *p;

	(void)state;
	expect_conv("<p><strong>x", P_OPEN "<strong>x</strong></p>");
	expect_conv("</li></p>x</ul>", "x");
	/* A close of an outer element closes what is open inside it. */
	expect_conv("<p><em>a</p>b", P_OPEN "<em>a</em></p>b");
	/* 100 nested <b>: at most 64 are kept, and all are closed. */
	for (i = 0; i < 100; i++)
		n += (size_t)snprintf(in + n, sizeof(in) - n, "<b>");
	snprintf(in + n, sizeof(in) - n, "x");
	assert_int_equal(conv(in, NULL, NULL, NULL, &out), GK_OK);
	for (p = out; (p = strstr(p, "<strong>")) != NULL; p++)
		opens++;
	for (p = out; (p = strstr(p, "</strong>")) != NULL; p++)
		closes++;
	assert_int_equal(opens, 64);
	assert_int_equal(closes, 64);
	gk_free(out);
}

static void
test_text_escaping(void **state)
{
	(void)state;
	expect_conv("a < b & c > d", "a &lt; b &amp; c &gt; d");
	expect_conv("&amp; &#39; &#x4e2d; &nbsp; &bogus &;", "&amp; &#39; &#x4e2d; &nbsp; &amp;bogus &amp;;");
	expect_conv("1 <2 x", "1 &lt;2 x");
	expect_conv("\"引号\"", "&quot;引号&quot;");
}

struct img_seen {
	int	 calls;
	char	 last[256];
	int	 mode;		/* 0 replace, 1 drop, 2 fail */
};

static enum gk_err
img_cb(void *arg, const char *src, struct gk_buf *out, char *err, size_t errlen)
{
	struct img_seen *s = arg;

	s->calls++;
	snprintf(s->last, sizeof(s->last), "%s", src);
	if (s->mode == 1)
		return GK_ENOTFOUND;
	if (s->mode == 2) {
		snprintf(err, errlen, "上传失败");
		return GK_EIO;
	}
	gk_buf_printf(out, "http://mmbiz.qpic.cn/x/%d.png?a=1&b=\"2\"", s->calls);
	return GK_OK;
}

static void
test_images(void **state)
{
	struct img_seen	 s;
	char		*out;

	(void)state;
	memset(&s, 0, sizeof(s));
	assert_int_equal(conv("<p><img alt=x SRC='attachment:7' onerror=\"alert(1)\"></p>", NULL,
	    img_cb, &s, &out), GK_OK);
	assert_int_equal(s.calls, 1);
	assert_string_equal(s.last, "attachment:7");
	assert_string_equal(out, P_OPEN "<img src=\"http://mmbiz.qpic.cn/x/1.png?a=1&amp;b=&quot;2&quot;\" "
	    IMG_STYLE "</p>");
	gk_free(out);
	/* Entities in src are decoded before the callback sees it. */
	assert_int_equal(conv("<img src=\"a&amp;b\">", NULL, img_cb, &s, &out), GK_OK);
	assert_string_equal(s.last, "a&b");
	gk_free(out);
	/* No callback, or the callback drops it: no image. */
	expect_conv("<img src=x>t", "t");
	s.mode = 1;
	assert_int_equal(conv("<img src=x>t", NULL, img_cb, &s, &out), GK_OK);
	assert_string_equal(out, "t");
	gk_free(out);
	/* No src: the callback is not called. */
	s.calls = 0;
	assert_int_equal(conv("<img alt=src>t", NULL, img_cb, &s, &out), GK_OK);
	assert_int_equal(s.calls, 0);
	gk_free(out);
	/* A failing upload stops the conversion with its message. */
	s.mode = 2;
	assert_int_equal(conv("<img src=x>", NULL, img_cb, &s, &out), GK_EIO);
	gk_free(out);
}

static void
test_link_back(void **state)
{
	char *out;

	(void)state;
	assert_int_equal(conv("<p>x</p>", "https://gk.example.gov.cn/item/12", NULL, NULL, &out),
	    GK_OK);
	assert_string_equal(out, P_OPEN "x</p>" FOOT "https://gk.example.gov.cn/item/12</p>");
	gk_free(out);
	assert_int_equal(conv("", "https://x/\"><script>", NULL, NULL, &out), GK_OK);
	assert_string_equal(out, FOOT "https://x/&quot;&gt;&lt;script&gt;</p>");
	gk_free(out);
}

static void
test_from_portal_markdown(void **state)
{
	struct gk_buf	 md;
	char		*out;

	(void)state;
	gk_buf_init(&md, 0);
	assert_int_equal(gk_portal_md(&md, "# 一、总体情况\n\n今年**主动公开**信息 <script>x</script>。\n\n"
	    "- 政策文件\n- 工作动态\n"), GK_OK);
	assert_int_equal(conv(md.data, "https://h/item/1", NULL, NULL, &out), GK_OK);
	/* The portal escaped the script: it arrives as text, stays text. */
	assert_non_null(strstr(out, "&lt;script&gt;x&lt;/script&gt;"));
	assert_non_null(strstr(out, "<h2 style="));
	assert_non_null(strstr(out, "<strong>主动公开</strong>"));
	assert_non_null(strstr(out, LI_OPEN "政策文件</li>"));
	assert_non_null(strstr(out, FOOT "https://h/item/1</p>"));
	assert_null(strstr(out, "<script"));
	gk_free(out);
	gk_buf_clear(&md);
}

static void
test_limits_and_bad_input(void **state)
{
	struct gk_buf	 in;
	char		*out, err[256];
	size_t		 i;

	(void)state;
	/* 19,000 characters pass; 20,000 do not (the count is of the result). */
	gk_buf_init(&in, 0);
	for (i = 0; i < 19000; i++)
		gk_buf_puts(&in, "字");
	assert_int_equal(conv(in.data, NULL, NULL, NULL, &out), GK_OK);
	gk_free(out);
	for (i = 0; i < 1000; i++)
		gk_buf_puts(&in, "字");
	assert_int_equal(conv(in.data, NULL, NULL, NULL, &out), GK_ELIMIT);
	gk_free(out);
	gk_buf_clear(&in);
	/* Not UTF-8. */
	{
		struct gk_buf b;

		gk_buf_init(&b, 0);
		assert_int_equal(gk_wechat_html("a\xff", 2, NULL, NULL, NULL, &b, err, sizeof(err)),
		    GK_EINVAL);
		assert_non_null(strstr(err, "UTF-8"));
		assert_int_equal(gk_wechat_html(NULL, 5, NULL, NULL, NULL, &b, err, sizeof(err)),
		    GK_OK);
		assert_int_equal(b.len, 0);
		gk_buf_clear(&b);
	}
}

static void
test_alloc_failure(void **state)
{
	struct gk_buf	 b;
	char		 err[256];
	long		 k;
	enum gk_err	 e;

	(void)state;
	for (k = 0; k < 4; k++) {
		gk_buf_init(&b, 0);
		gk_mem_fail_after(k);
		e = gk_wechat_html("<p>甲<b>乙</b></p>", strlen("<p>甲<b>乙</b></p>"), "https://h/item/1",
		    NULL, NULL, &b, err, sizeof(err));
		gk_mem_fail_reset();
		assert_true(e == GK_OK || e == GK_ENOMEM);
		if (e == GK_ENOMEM)
			assert_string_equal(err, "内存不足");
		gk_buf_clear(&b);
	}
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_whitelist_and_styles),
	cmocka_unit_test(test_dropped_elements),
	cmocka_unit_test(test_balance),
	cmocka_unit_test(test_text_escaping),
	cmocka_unit_test(test_images),
	cmocka_unit_test(test_link_back),
	cmocka_unit_test(test_from_portal_markdown),
	cmocka_unit_test(test_limits_and_bad_input),
	cmocka_unit_test(test_alloc_failure),
};

GK_TEST_MAIN("wechat_html", tests)
