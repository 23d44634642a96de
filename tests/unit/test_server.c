/*
 * test_server.c — the pure parts of the HTTP server (web/server.h):
 * request-target path decoding and validation, query / form / cookie
 * parsing with their limits, Accept-Encoding, If-None-Match, HTTP dates,
 * RFC 3339, the access-log target, methods and Allow, the cache key, gzip,
 * and the page cache (generations, replacement, eviction, release).
 * Expected values worked out by hand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "harness.h"
#include "web/server.h"

/* --- paths ------------------------------------------------------------- */

static int
path(const char *raw, char *out)
{
	return gk_http_path_decode(raw, strlen(raw), out, GK_WEB_PATH_MAX + 1);
}

static void
test_path_ok(void **state)
{
	char out[GK_WEB_PATH_MAX + 1];

	(void)state;
	assert_int_equal(path("/", out), 0);
	assert_string_equal(out, "/");
	assert_int_equal(path("/agency/1/", out), 0);
	assert_string_equal(out, "/agency/1/");
	assert_int_equal(path("/item/12", out), 0);
	assert_string_equal(out, "/item/12");
	/* %E6%94%BF%E5%BA%9C = 政府; '+' stays a plus in a path; %41 = A */
	assert_int_equal(path("/a/%E6%94%BF%e5%ba%9c+%41", out), 0);
	assert_string_equal(out, "/a/政府+A");
	/* raw UTF-8 is accepted as it is */
	assert_int_equal(path("/a/政府", out), 0);
	assert_string_equal(out, "/a/政府");
	/* dots inside a segment are fine */
	assert_int_equal(path("/agency/1/reports/2025.txt", out), 0);
	assert_int_equal(path("/a/.well-known/..x", out), 0);
	assert_string_equal(out, "/a/.well-known/..x");
}

static void
test_path_bad(void **state)
{
	static const char *const bad[] = {
		"", "a", "*", "http://x/", "//", "/a//b", "//a", "/.", "/..", "/./a", "/a/../b",
		"/a/..", "/a/.", "/%2e%2e/x", "/%2E/x", "/a%2fb", "/a%2Fb", "/a%5cb", "/a\\b",
		"/%", "/%4", "/%zz", "/%g0", "/%00", "/a%01", "/%7f", "/%0d%0aX:1", "/%ff",
		"/%c0%af", "/%e0%80%af", "/%ed%a0%80", "/%f4%90%80%80", "/%e6%94", "/\xff",
		"/a\tb",
	};
	char	out[GK_WEB_PATH_MAX + 1];
	size_t	i;

	(void)state;
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (path(bad[i], out) != 400)
			fail_msg("path %zu '%s' accepted or wrong status", i, bad[i]);
}

static void
test_path_limits(void **state)
{
	char	raw[4 * GK_WEB_PATH_MAX], out[GK_WEB_PATH_MAX + 1], small[8];
	size_t	i;

	(void)state;
	/* exactly GK_WEB_PATH_MAX bytes: fine; one more: 414 */
	raw[0] = '/';
	for (i = 1; i < GK_WEB_PATH_MAX; i++)
		raw[i] = 'a';
	raw[GK_WEB_PATH_MAX] = '\0';
	assert_int_equal(path(raw, out), 0);
	assert_int_equal(strlen(out), GK_WEB_PATH_MAX);
	raw[GK_WEB_PATH_MAX] = 'a';
	raw[GK_WEB_PATH_MAX + 1] = '\0';
	assert_int_equal(path(raw, out), 414);
	/* the limit is on decoded bytes: 1023 bytes as %61 is 1 + 3*1023 raw */
	raw[0] = '/';
	for (i = 0; i < GK_WEB_PATH_MAX - 1; i++)
		memcpy(raw + 1 + 3 * i, "%61", 3);
	raw[1 + 3 * (GK_WEB_PATH_MAX - 1)] = '\0';
	assert_int_equal(path(raw, out), 0);
	/* a small output buffer is a 414, never an overflow */
	assert_int_equal(gk_http_path_decode("/abcdefgh", 9, small, sizeof(small)), 414);
	/* len bounds the input: the '?' part is not read */
	assert_int_equal(gk_http_path_decode("/a?x=1", 2, out, sizeof(out)), 0);
	assert_string_equal(out, "/a");
}

/* --- fields ------------------------------------------------------------ */

static int
parse(struct gk_http_args *a, const char *s, int form)
{
	return gk_http_args_parse(a, s, strlen(s), form);
}

static void
test_args_ok(void **state)
{
	struct gk_http_args a;

	(void)state;
	gk_http_args_init(&a);
	assert_int_equal(parse(&a, "q=%E6%8B%9B%E5%95%86+%E5%BC%95%E8%B5%84&page=2&&x&=y&e=", 0), 0);
	/* "=y" has no name and is dropped; "x" has the value "" */
	assert_int_equal(a.n, 4);
	assert_string_equal(a.v[0].name, "q");
	assert_string_equal(a.v[0].value, "招商 引资");
	assert_string_equal(a.v[1].name, "page");
	assert_string_equal(a.v[1].value, "2");
	assert_string_equal(a.v[2].name, "x");
	assert_string_equal(a.v[2].value, "");
	assert_string_equal(a.v[3].name, "e");
	assert_string_equal(a.v[3].value, "");
	/* a form body appends; form values may hold tab, CR, LF */
	assert_int_equal(parse(&a, "content=a%0D%0Ab%09c&q=2", 1), 0);
	assert_int_equal(a.n, 6);
	assert_string_equal(a.v[4].value, "a\r\nb\tc");
	assert_string_equal(a.v[5].value, "2");
	/* '=' inside a value, '+' and %2B */
	assert_int_equal(parse(&a, "k=a=b+%2B", 0), 0);
	assert_string_equal(a.v[6].value, "a=b +");
	gk_http_args_clear(&a);
	assert_int_equal(a.n, 0);
	/* empty input, many '&', every piece without '=' (the chunk must fit) */
	assert_int_equal(parse(&a, "", 0), 0);
	assert_int_equal(parse(&a, "&&&", 0), 0);
	assert_int_equal(a.n, 0);
	assert_int_equal(parse(&a, "a&b&c&d", 0), 0);
	assert_int_equal(a.n, 4);
	assert_string_equal(a.v[3].name, "d");
	gk_http_args_clear(&a);
}

static void
test_args_bad(void **state)
{
	static const char *const bad[] = {
		"q=%zz", "q=%", "q=%4", "q=%00", "q=a%01", "q=%0a", "q=%7f", "q=%ff", "q=%c0%80",
		"q=%ed%b0%80", "q=%e6%8b", "%ff=1", "a%00=1", "q=\x1b", "q=\xc3",
	};
	struct gk_http_args	a;
	size_t			i;

	(void)state;
	gk_http_args_init(&a);
	assert_int_equal(parse(&a, "keep=1", 0), 0);
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (parse(&a, bad[i], 0) != 400)
			fail_msg("query %zu '%s' not refused with 400", i, bad[i]);
	/* a failed parse leaves what was there, adds nothing */
	assert_int_equal(a.n, 1);
	assert_int_equal(a.nmem, 1);
	assert_string_equal(a.v[0].value, "1");
	/* CR/LF allowed in form values only, never in names */
	assert_int_equal(parse(&a, "a=%0d%0a", 0), 400);
	assert_int_equal(parse(&a, "a%0d=1", 1), 400);
	assert_int_equal(parse(&a, "a=x&b=%zz", 1), 400);
	assert_int_equal(a.n, 1);
	gk_http_args_clear(&a);
}

static void
test_args_limits(void **state)
{
	struct gk_http_args	 a;
	struct gk_buf		 b;
	int			 i;

	(void)state;
	gk_http_args_init(&a);
	/* GK_WEB_ARGS_MAX fields: fine; one more: 400 */
	gk_buf_init(&b, 0);
	for (i = 0; i < GK_WEB_ARGS_MAX; i++)
		gk_buf_printf(&b, "%sf%d=%d", i ? "&" : "", i, i);
	assert_int_equal(parse(&a, b.data, 0), 0);
	assert_int_equal(a.n, GK_WEB_ARGS_MAX);
	assert_string_equal(a.v[63].name, "f63");
	assert_int_equal(parse(&a, "one=more", 1), 400);
	assert_int_equal(a.n, GK_WEB_ARGS_MAX);
	gk_http_args_clear(&a);
	gk_buf_clear(&b);
	/* a value of GK_WEB_ARG_MAX bytes: fine; one more: 413 */
	gk_buf_init(&b, 0);
	gk_buf_puts(&b, "v=");
	for (i = 0; i < GK_WEB_ARG_MAX; i++)
		gk_buf_putc(&b, 'x');
	assert_int_equal(parse(&a, b.data, 0), 0);
	assert_int_equal(strlen(a.v[0].value), GK_WEB_ARG_MAX);
	gk_buf_putc(&b, 'x');
	assert_int_equal(parse(&a, b.data, 0), 413);
	gk_http_args_clear(&a);
	gk_buf_clear(&b);
	/* a name over GK_HTTP_NAME_MAX bytes: 400 */
	gk_buf_init(&b, 0);
	for (i = 0; i <= GK_HTTP_NAME_MAX; i++)
		gk_buf_putc(&b, 'n');
	gk_buf_puts(&b, "=1");
	assert_int_equal(parse(&a, b.data, 0), 400);
	gk_buf_clear(&b);
	/* at most four parse calls own chunks; the fifth is refused, not leaked */
	assert_int_equal(parse(&a, "a=1", 0), 0);
	assert_int_equal(parse(&a, "b=1", 0), 0);
	assert_int_equal(parse(&a, "c=1", 0), 0);
	assert_int_equal(parse(&a, "d=1", 0), 0);
	assert_int_equal(parse(&a, "e=1", 0), 500);
	assert_int_equal(a.n, 4);
	gk_http_args_clear(&a);
}

static void
test_args_nomem(void **state)
{
	struct gk_http_args a;

	(void)state;
	gk_http_args_init(&a);
	gk_mem_fail_after(0);
	assert_int_equal(parse(&a, "a=1", 0), 500);
	assert_int_equal(gk_http_cookies_parse(&a, "a=1"), 500);
	gk_mem_fail_reset();
	assert_int_equal(a.n, 0);
	gk_http_args_clear(&a);
}

static void
test_cookies(void **state)
{
	struct gk_http_args	a;
	struct gk_buf		b;
	int			i;

	(void)state;
	gk_http_args_init(&a);
	assert_int_equal(gk_http_cookies_parse(&a,
	    " gk_large=1; theme = \"dark\" ;bad\x01=x; noeq; =v; z=%41; u=\xff\xfe; last=a=b"), 0);
	/* bad\x01 (control) and u (invalid UTF-8) skipped; noeq and =v ignored; no decoding */
	assert_int_equal(a.n, 4);
	assert_string_equal(a.v[0].name, "gk_large");
	assert_string_equal(a.v[0].value, "1");
	assert_string_equal(a.v[1].name, "theme");
	assert_string_equal(a.v[1].value, "dark");
	assert_string_equal(a.v[2].name, "z");
	assert_string_equal(a.v[2].value, "%41");
	assert_string_equal(a.v[3].name, "last");
	assert_string_equal(a.v[3].value, "a=b");
	gk_http_args_clear(&a);
	assert_int_equal(gk_http_cookies_parse(&a, NULL), 0);
	assert_int_equal(gk_http_cookies_parse(&a, ""), 0);
	assert_int_equal(gk_http_cookies_parse(&a, ";;; ;"), 0);
	assert_int_equal(a.n, 0);
	/* only GK_HTTP_COOKIES_MAX kept */
	gk_buf_init(&b, 0);
	for (i = 0; i < 50; i++)
		gk_buf_printf(&b, "c%d=%d; ", i, i);
	assert_int_equal(gk_http_cookies_parse(&a, b.data), 0);
	assert_int_equal(a.n, GK_HTTP_COOKIES_MAX);
	assert_string_equal(a.v[31].name, "c31");
	gk_buf_clear(&b);
	gk_http_args_clear(&a);
}

/* --- headers ----------------------------------------------------------- */

static void
test_gzip_accept(void **state)
{
	(void)state;
	assert_int_equal(gk_http_accepts_gzip(NULL), 0);
	assert_int_equal(gk_http_accepts_gzip(""), 0);
	assert_int_equal(gk_http_accepts_gzip("gzip"), 1);
	assert_int_equal(gk_http_accepts_gzip("gzip, deflate, br"), 1);
	assert_int_equal(gk_http_accepts_gzip("deflate, GZIP;q=0.5"), 1);
	assert_int_equal(gk_http_accepts_gzip("x-gzip"), 1);
	assert_int_equal(gk_http_accepts_gzip("gzip;q=0"), 0);
	assert_int_equal(gk_http_accepts_gzip("gzip; q=0.000"), 0);
	assert_int_equal(gk_http_accepts_gzip("gzip;q=0.001"), 1);
	assert_int_equal(gk_http_accepts_gzip("identity"), 0);
	assert_int_equal(gk_http_accepts_gzip("br, deflate"), 0);
	assert_int_equal(gk_http_accepts_gzip("*"), 1);
	assert_int_equal(gk_http_accepts_gzip("*;q=0"), 0);
	/* explicit gzip;q=0 wins over * */
	assert_int_equal(gk_http_accepts_gzip("*, gzip;q=0"), 0);
	assert_int_equal(gk_http_accepts_gzip("gzipped"), 0);
	assert_int_equal(gk_http_accepts_gzip(",,;;,gzip"), 1);
}

static void
test_etag_match(void **state)
{
	const char *tag = "\"0123456789abcdef\"";

	(void)state;
	assert_int_equal(gk_http_etag_match(NULL, tag), 0);
	assert_int_equal(gk_http_etag_match("", tag), 0);
	assert_int_equal(gk_http_etag_match("\"0123456789abcdef\"", tag), 1);
	assert_int_equal(gk_http_etag_match("W/\"0123456789abcdef\"", tag), 1);
	assert_int_equal(gk_http_etag_match("\"x\", \"0123456789abcdef\"", tag), 1);
	assert_int_equal(gk_http_etag_match("  \"x\" ,W/\"0123456789abcdef\" ", tag), 1);
	assert_int_equal(gk_http_etag_match("*", tag), 1);
	assert_int_equal(gk_http_etag_match("0123456789abcdef", tag), 0);
	assert_int_equal(gk_http_etag_match("\"0123456789abcde\"", tag), 0);
	assert_int_equal(gk_http_etag_match("\"0123456789abcdef-gz\"", tag), 0);
}

static void
test_dates(void **state)
{
	char	d[GK_HTTP_DATE_LEN];
	int64_t	t;

	(void)state;
	/* RFC 9110's example: Sun, 06 Nov 1994 08:49:37 GMT = 784111777 */
	assert_int_equal(gk_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT", &t), 1);
	assert_int_equal(t, 784111777);
	gk_http_date_format(784111777, d);
	assert_string_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT");
	gk_http_date_format(0, d);
	assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 GMT");
	/* 2025-02-28T16:00:00Z = 20147 days * 86400 + 57600 */
	gk_http_date_format(1740758400LL, d);
	assert_string_equal(d, "Fri, 28 Feb 2025 16:00:00 GMT");
	assert_int_equal(gk_http_date_parse(d, &t), 1);
	assert_int_equal(t, 1740758400LL);
	assert_int_equal(gk_http_date_parse(NULL, &t), 0);
	assert_int_equal(gk_http_date_parse("garbage", &t), 0);
	assert_int_equal(gk_http_date_parse("Sunday, 06-Nov-94 08:49:37 GMT", &t), 0);
	assert_int_equal(gk_http_date_parse("Sun Nov  6 08:49:37 1994", &t), 0);
	assert_int_equal(gk_http_date_parse("Sun, 31 Feb 1994 08:49:37 GMT", &t), 0);
	assert_int_equal(gk_http_date_parse("Sun, 06 Nov 1994 24:49:37 GMT", &t), 0);
	assert_int_equal(gk_http_date_parse("Sun, 06 Xyz 1994 08:49:37 GMT", &t), 0);
	assert_int_equal(gk_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT ", &t), 0);
	/* RFC 3339: no offset means +08:00 (Asia/Shanghai) */
	assert_int_equal(gk_http_rfc3339_parse("2025-03-01T00:00:00+08:00", &t), 1);
	assert_int_equal(t, 1740758400LL);
	assert_int_equal(gk_http_rfc3339_parse("2025-03-01", &t), 1);
	assert_int_equal(t, 1740758400LL);
	assert_int_equal(gk_http_rfc3339_parse("2025-02-28T16:00:00Z", &t), 1);
	assert_int_equal(t, 1740758400LL);
	assert_int_equal(gk_http_rfc3339_parse("2025-02-28 16:00:00.123Z", &t), 1);
	assert_int_equal(t, 1740758400LL);
	assert_int_equal(gk_http_rfc3339_parse("2025-02-28T11:00-05:00", &t), 1);
	assert_int_equal(t, 1740758400LL);
	assert_int_equal(gk_http_rfc3339_parse("2025-02-30", &t), 0);
	assert_int_equal(gk_http_rfc3339_parse("2025-03-01T25:00:00", &t), 0);
	assert_int_equal(gk_http_rfc3339_parse("2025-03-01T10:00:00+8", &t), 0);
	assert_int_equal(gk_http_rfc3339_parse("2025-03-01x", &t), 0);
	assert_int_equal(gk_http_rfc3339_parse("", &t), 0);
	assert_int_equal(gk_http_rfc3339_parse(NULL, &t), 0);
}

static void
test_log_target(void **state)
{
	char out[64], tiny[6];

	(void)state;
	gk_http_log_target("/search?q=secret&agency=1&page", out, sizeof(out));
	assert_string_equal(out, "/search?q=&agency=&page");
	gk_http_log_target("/a\"b\\c d\x01\xe6", out, sizeof(out));
	assert_string_equal(out, "/a\\x22b\\x5cc\\x20d\\x01\\xe6");
	gk_http_log_target("/track?code=ABC%20DEF", out, sizeof(out));
	assert_string_equal(out, "/track?code=");
	gk_http_log_target("/", out, sizeof(out));
	assert_string_equal(out, "/");
	/* truncation never splits an escape and always terminates */
	gk_http_log_target("/ab\x01", tiny, sizeof(tiny));
	assert_string_equal(tiny, "/ab");
	gk_http_log_target("/abcdefgh", tiny, sizeof(tiny));
	assert_string_equal(tiny, "/abcd");
}

static void
test_methods_allow(void **state)
{
	char a[64];

	(void)state;
	assert_int_equal(gk_http_method_check("GET"), 0);
	assert_int_equal(gk_http_method_check("HEAD"), 0);
	assert_int_equal(gk_http_method_check("POST"), 0);
	assert_int_equal(gk_http_method_check("PUT"), 405);
	assert_int_equal(gk_http_method_check("DELETE"), 405);
	assert_int_equal(gk_http_method_check("OPTIONS"), 405);
	assert_int_equal(gk_http_method_check("TRACE"), 405);
	assert_int_equal(gk_http_method_check("get"), 501);
	assert_int_equal(gk_http_method_check("BREW"), 501);
	assert_int_equal(gk_http_method_check(""), 501);
	gk_http_allow("/apply/3", a, sizeof(a));
	assert_string_equal(a, "GET, HEAD, POST");
	gk_http_allow("/consult/1", a, sizeof(a));
	assert_string_equal(a, "GET, HEAD, POST");
	gk_http_allow("/search", a, sizeof(a));
	assert_string_equal(a, "GET, HEAD");
	gk_http_allow("/searchx", a, sizeof(a));	/* "/search" is not its prefix: "/" owns it */
	assert_string_equal(a, "GET, HEAD");
	gk_http_allow("/item/1", a, sizeof(a));
	assert_string_equal(a, "GET, HEAD");
}

static void
test_cache_key(void **state)
{
	struct gk_http_args	a;
	struct gk_buf		k1, k2;

	(void)state;
	gk_http_args_init(&a);
	gk_buf_init(&k1, 0);
	gk_buf_init(&k2, 0);
	assert_int_equal(gk_http_cache_key("/x", &a, &k1), GK_OK);
	assert_string_equal(k1.data, "/x");
	/* "a=1&b=2" and "a=1%26b%3D2" must not share a key */
	assert_int_equal(parse(&a, "a=1&b=2", 0), 0);
	assert_int_equal(gk_http_cache_key("/x", &a, &k1), GK_OK);
	gk_http_args_clear(&a);
	assert_int_equal(parse(&a, "a=1%26b%3D2", 0), 0);
	assert_int_equal(gk_http_cache_key("/x", &a, &k2), GK_OK);
	assert_string_not_equal(k1.data + 2, k2.data);
	assert_memory_equal(k1.data, "/x\x1f" "a\x1e" "1/x\x1f" "a\x1e" "1\x1f" "b\x1e" "2", 0);
	gk_http_args_clear(&a);
	gk_buf_clear(&k1);
	gk_buf_clear(&k2);
	/* percent-encoding variants of the same query give the same key */
	gk_buf_init(&k1, 0);
	gk_buf_init(&k2, 0);
	assert_int_equal(parse(&a, "q=%e6%94%bf", 0), 0);
	gk_http_cache_key("/s", &a, &k1);
	gk_http_args_clear(&a);
	assert_int_equal(parse(&a, "q=%E6%94%BF", 0), 0);
	gk_http_cache_key("/s", &a, &k2);
	assert_string_equal(k1.data, k2.data);
	assert_string_equal(k1.data, "/s\x1fq\x1e政");
	gk_http_args_clear(&a);
	gk_buf_clear(&k1);
	gk_buf_clear(&k2);
}

static void
test_gzip(void **state)
{
	char		 in[5000], *out, back[6000];
	size_t		 outlen, i;
	uLongf		 blen = sizeof(back);
	z_stream	 z;

	(void)state;
	for (i = 0; i < sizeof(in); i++)
		in[i] = "政府信息公开"[i % 18];
	assert_int_equal(gk_http_gzip(in, sizeof(in), &out, &outlen), GK_OK);
	assert_true(outlen > 18 && outlen < 200);
	assert_int_equal((unsigned char)out[0], 0x1f);	/* gzip magic */
	assert_int_equal((unsigned char)out[1], 0x8b);
	memset(&z, 0, sizeof(z));
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)out;
	z.avail_in = (uInt)outlen;
	z.next_out = (Bytef *)back;
	z.avail_out = (uInt)blen;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, sizeof(in));
	inflateEnd(&z);
	assert_memory_equal(back, in, sizeof(in));
	gk_free(out);
	gk_mem_fail_after(0);
	assert_int_equal(gk_http_gzip(in, sizeof(in), &out, &outlen), GK_ENOMEM);
	gk_mem_fail_reset();
	assert_null(out);
}

/* --- the cache --------------------------------------------------------- */

static int released;

static void
release_obj(void *p)
{
	released++;
	gk_free(p);
}

static struct gk_cache_entry *
entry(const char *key, size_t bytes, const char *body)
{
	struct gk_cache_entry *e = gk_calloc(1, sizeof(*e));

	assert_non_null(e);
	e->key = gk_strdup(key);
	e->bytes = bytes;
	e->obj[0] = gk_strdup(body);
	snprintf(e->etag, sizeof(e->etag), "\"%s\"", body);
	return e;
}

static int
read_body(const struct gk_cache_entry *e, void *arg)
{
	snprintf(arg, 32, "%s", (const char *)e->obj[0]);
	return 7;
}

static void
test_cache(void **state)
{
	struct gk_cache	*c;
	char		 got[32];
	size_t		 n, b;

	(void)state;
	released = 0;
	c = gk_cache_new(1000, 3, 5, release_obj);
	assert_non_null(c);
	assert_int_equal(gk_cache_gen(c), 5);
	assert_int_equal(gk_cache_get(c, "/a", read_body, got), -1);
	assert_int_equal(gk_cache_put(c, 5, entry("/a", 100, "A1")), 1);
	assert_int_equal(gk_cache_get(c, "/a", read_body, got), 7);
	assert_string_equal(got, "A1");
	/* replacing a key releases the old entry */
	assert_int_equal(gk_cache_put(c, 5, entry("/a", 200, "A2")), 1);
	assert_int_equal(released, 1);
	assert_int_equal(gk_cache_get(c, "/a", read_body, got), 7);
	assert_string_equal(got, "A2");
	gk_cache_stats(c, &n, &b);
	assert_int_equal(n, 1);
	assert_int_equal(b, 200);
	/* a page rendered under an older generation is not stored */
	assert_int_equal(gk_cache_put(c, 4, entry("/old", 10, "O")), 0);
	assert_int_equal(released, 2);
	assert_int_equal(gk_cache_get(c, "/old", read_body, got), -1);
	/* bigger than the whole cache: refused */
	assert_int_equal(gk_cache_put(c, 5, entry("/huge", 1001, "H")), 0);
	assert_int_equal(released, 3);
	/* full by count: the fourth entry drops everything first */
	assert_int_equal(gk_cache_put(c, 5, entry("/b", 10, "B")), 1);
	assert_int_equal(gk_cache_put(c, 5, entry("/c", 10, "C")), 1);
	gk_cache_stats(c, &n, &b);
	assert_int_equal(n, 3);
	assert_int_equal(b, 220);
	assert_int_equal(gk_cache_put(c, 5, entry("/d", 10, "D")), 1);
	assert_int_equal(released, 6);
	gk_cache_stats(c, &n, &b);
	assert_int_equal(n, 1);
	assert_int_equal(b, 10);
	assert_int_equal(gk_cache_get(c, "/a", read_body, got), -1);
	assert_int_equal(gk_cache_get(c, "/d", read_body, got), 7);
	/* full by bytes */
	assert_int_equal(gk_cache_put(c, 5, entry("/e", 991, "E")), 1);	/* 10 + 991 > 1000 */
	assert_int_equal(released, 7);
	assert_int_equal(gk_cache_get(c, "/d", read_body, got), -1);
	/* invalidation: everything goes, the new generation is the only one stored */
	gk_cache_invalidate(c, 6);
	assert_int_equal(released, 8);
	assert_int_equal(gk_cache_gen(c), 6);
	gk_cache_stats(c, &n, &b);
	assert_int_equal(n, 0);
	assert_int_equal(b, 0);
	assert_int_equal(gk_cache_put(c, 5, entry("/f", 1, "F")), 0);
	assert_int_equal(gk_cache_put(c, 6, entry("/f", 1, "F")), 1);
	/* many keys in one table (chains) */
	gk_cache_free(c);
	assert_int_equal(released, 10);
	c = gk_cache_new(1u << 20, 1000, 1, release_obj);
	assert_non_null(c);
	for (n = 0; n < 1000; n++) {
		char k[16];

		snprintf(k, sizeof(k), "/k%zu", n);
		assert_int_equal(gk_cache_put(c, 1, entry(k, 1, k + 1)), 1);
	}
	assert_int_equal(gk_cache_get(c, "/k777", read_body, got), 7);
	assert_string_equal(got, "k777");
	gk_cache_free(c);
	gk_cache_free(NULL);
	/* no memory: NULL, nothing leaked */
	gk_mem_fail_after(1);
	assert_null(gk_cache_new(10, 10, 1, NULL));
	gk_mem_fail_reset();
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_path_ok),
	cmocka_unit_test(test_path_bad),
	cmocka_unit_test(test_path_limits),
	cmocka_unit_test(test_args_ok),
	cmocka_unit_test(test_args_bad),
	cmocka_unit_test(test_args_limits),
	cmocka_unit_test(test_args_nomem),
	cmocka_unit_test(test_cookies),
	cmocka_unit_test(test_gzip_accept),
	cmocka_unit_test(test_etag_match),
	cmocka_unit_test(test_dates),
	cmocka_unit_test(test_log_target),
	cmocka_unit_test(test_methods_allow),
	cmocka_unit_test(test_cache_key),
	cmocka_unit_test(test_gzip),
	cmocka_unit_test(test_cache),
};

GK_TEST_MAIN("server", tests)
