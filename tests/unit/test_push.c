/*
 * test_push.c — targeted push (channels/push.c, store/subscription.c):
 * the address check, the terms, tokens and their hashes, RFC 2047
 * encoded-words (no line over 76, no UTF-8 character split, decoding back
 * to the text), the whole message (headers worked out by hand, CRLF only,
 * base64 body decoding back, CR/LF in any header value refused), the
 * clock arithmetic and the backoff; and the store: subscribe → the
 * confirmation queued, the per-address limit, confirm, unsubscribe by any
 * e-mail's token, the outbox's sent / retry / give-up steps with their
 * audit entries.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "harness.h"
#include "channels/push.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/item.h"
#include "store/subscription.h"
#include "web/admin.h"
#include "web/subscribe.h"

#define NOW	"2025-10-13T09:00:00+08:00"

static void
test_email(void **state)
{
	static const char *const good[] = { "a@b.cn", "zhang.san@example.com",
	    "x+tag@mail.gov.cn", "o'neil@ex-ample.org", "a_b-c@a1.b2.c3" };
	static const char *const bad[] = { "", "a", "@b.cn", "a@", "a@b", "a@@b.cn", "a b@c.cn",
	    "a@b.cn\r\nBcc: x@y.cn", "a@b.cn\n", "\"a\"@b.cn", "<a@b.cn>", "a..b@c.cn", ".a@b.cn",
	    "a.@b.cn", "a@-b.cn", "a@b-.cn", "a@b..cn", "a@.b.cn", "张三@example.com",
	    "a@例子.中国", "a@b.cn,c@d.cn", "a@b.cn;", "a@b_c.cn" };
	char long_local[80], long_addr[300];
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(gk_sub_email_ok(good[i]));
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (gk_sub_email_ok(bad[i]))
			fail_msg("accepted '%s'", bad[i]);
	assert_false(gk_sub_email_ok(NULL));
	memset(long_local, 'a', 65);
	snprintf(long_local + 65, sizeof(long_local) - 65, "@b.cn");
	assert_false(gk_sub_email_ok(long_local));	/* local part over 64 */
	memset(long_addr, 'a', 250);
	snprintf(long_addr + 250, sizeof(long_addr) - 250, "@b.cn");
	assert_false(gk_sub_email_ok(long_addr));
}

static void
test_terms(void **state)
{
	struct gk_buf	b;
	char		msg[256], many[200], longest[200];
	int		i;

	(void)state;
	gk_buf_init(&b, 0);
	assert_true(gk_sub_terms("招商，优化营商环境、 招商;x  y　z", "关键词", &b, msg, sizeof(msg)));
	gk_buf_putc(&b, '\0');
	assert_string_equal(b.data, "招商\n优化营商环境\nx\ny\nz");
	gk_buf_clear(&b);
	gk_buf_init(&b, 0);
	assert_true(gk_sub_terms("", "关键词", &b, msg, sizeof(msg)));
	assert_int_equal(b.len, 0);
	assert_false(gk_sub_terms("a\r\nBcc: x", "关键词", &b, msg, sizeof(msg)));
	assert_string_equal(msg, "关键词含有无法识别的字符或控制字符");
	assert_false(gk_sub_terms("a\xff", "主题分类", &b, msg, sizeof(msg)));
	gk_buf_clear(&b);
	/* 21 distinct terms: one too many */
	many[0] = '\0';
	for (i = 0; i < 21; i++)
		snprintf(many + strlen(many), sizeof(many) - strlen(many), "k%d ", i);
	gk_buf_init(&b, 0);
	assert_false(gk_sub_terms(many, "关键词", &b, msg, sizeof(msg)));
	assert_string_equal(msg, "关键词至多 20 项");
	gk_buf_clear(&b);
	/* 30 characters pass, 31 do not */
	longest[0] = '\0';
	for (i = 0; i < 30; i++)
		snprintf(longest + strlen(longest), sizeof(longest) - strlen(longest), "字");
	gk_buf_init(&b, 0);
	assert_true(gk_sub_terms(longest, "关键词", &b, msg, sizeof(msg)));
	gk_buf_clear(&b);
	snprintf(longest + strlen(longest), sizeof(longest) - strlen(longest), "a");
	gk_buf_init(&b, 0);
	assert_false(gk_sub_terms(longest, "关键词", &b, msg, sizeof(msg)));
	assert_string_equal(msg, "关键词每项至多 30 个字符");
	gk_buf_clear(&b);
}

static void
test_tokens(void **state)
{
	char tok[GK_PUSH_TOKEN_LEN + 1], sha[65], sha2[65], tok2[GK_PUSH_TOKEN_LEN + 1];

	(void)state;
	assert_int_equal(gk_push_token_new(tok, sha), GK_OK);
	assert_int_equal(strlen(tok), 43);
	assert_int_equal(strlen(sha), 64);
	assert_true(gk_push_token_hash(tok, sha2));
	assert_string_equal(sha, sha2);
	assert_int_equal(gk_push_token_new(tok2, sha2), GK_OK);
	assert_string_not_equal(tok, tok2);
	/* the parser: exactly 43 of A-Z a-z 0-9 - _ */
	assert_false(gk_push_token_hash(NULL, sha2));
	assert_false(gk_push_token_hash("", sha2));
	tok2[42] = '\0';
	assert_false(gk_push_token_hash(tok2, sha2));
	memcpy(tok2, tok, sizeof(tok2));
	tok2[5] = '+';
	assert_false(gk_push_token_hash(tok2, sha2));
	tok2[5] = '=';
	assert_false(gk_push_token_hash(tok2, sha2));
	tok2[5] = '\n';
	assert_false(gk_push_token_hash(tok2, sha2));
	/* the SHA-256 of 43 × "A", worked out with python3's hashlib */
	assert_true(gk_push_token_hash("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", sha2));
	assert_string_equal(sha2,
	    "0f007385b6f9d4b7eeb2748605afe1a984a0a3bfa3f014d09e2a784ce9e5cd1a");
}

/* Decodes the encoded-words of a header value (CRLF SP folds between them). */
static void
decode_words(const char *v, char *out, size_t n)
{
	const char	*p = v;
	size_t		 len = 0;

	out[0] = '\0';
	while ((p = strstr(p, "=?UTF-8?B?")) != NULL) {
		const char	*end = strstr(p + 10, "?=");
		unsigned char	 bin[128];
		size_t		 binlen = 0;
		char		 word[128];

		assert_non_null(end);
		assert_true((size_t)(end + 2 - p) <= 75);	/* RFC 2047: a word ≤ 75 */
		assert_true((size_t)(end - p - 10) < sizeof(word));
		memcpy(word, p + 10, (size_t)(end - p - 10));
		word[end - p - 10] = '\0';
		assert_int_equal(sodium_base642bin(bin, sizeof(bin), word, strlen(word), NULL,
		    &binlen, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
		/* each word is whole UTF-8 on its own */
		assert_int_equal(gk_utf8_check(bin, binlen), binlen);
		assert_true(len + binlen < n);
		memcpy(out + len, bin, binlen);
		len += binlen;
		out[len] = '\0';
		p = end + 2;
	}
}

/* Every line of s ends in CRLF and is at most max characters (bytes: all ASCII). */
static void
lines_ok(const char *s, size_t max, const char *except)
{
	const char *p = s;

	while (*p != '\0') {
		const char *e = strstr(p, "\r\n");

		assert_non_null(e);
		assert_null(memchr(p, '\n', (size_t)(e - p)));
		assert_null(memchr(p, '\r', (size_t)(e - p)));
		if (except == NULL || strncmp(p, except, strlen(except)) != 0)
			if ((size_t)(e - p) > max)
				fail_msg("line of %zu: %.*s", (size_t)(e - p), (int)(e - p), p);
		p = e + 2;
	}
}

static void
test_encode_words(void **state)
{
	struct gk_buf	b;
	char		out[1024], subject[512];

	(void)state;
	gk_buf_init(&b, 0);
	gk_push_encode_words(&b, 9, "政府");
	gk_buf_putc(&b, '\0');
	assert_string_equal(b.data, "=?UTF-8?B?5pS/5bqc?=");
	gk_buf_clear(&b);
	/* a long subject: folded, every line ≤ 76, decodes back, no character split */
	snprintf(subject, sizeof(subject), "%s", "盐边县经济合作和商务局政府信息更新（12 条）："
	    "关于印发《盐边县促进消费若干措施》的通知及其政策解读、图解和案例");
	gk_buf_init(&b, 0);
	gk_buf_puts(&b, "Subject: ");
	gk_push_encode_words(&b, 9, subject);
	gk_buf_puts(&b, "\r\n");
	gk_buf_putc(&b, '\0');
	lines_ok(b.data, 76, NULL);
	assert_non_null(strstr(b.data, "\r\n =?UTF-8?B?"));
	decode_words(b.data, out, sizeof(out));
	assert_string_equal(out, subject);
	gk_buf_clear(&b);
	/* a full line already: the first word goes to the next line */
	gk_buf_init(&b, 0);
	gk_push_encode_words(&b, 70, "a");
	gk_buf_putc(&b, '\0');
	assert_string_equal(b.data, "\r\n =?UTF-8?B?YQ==?=");
	gk_buf_clear(&b);
	/* empty and a stray byte at the end */
	gk_buf_init(&b, 0);
	gk_push_encode_words(&b, 9, "");
	gk_buf_putc(&b, '\0');
	assert_string_equal(b.data, "=?UTF-8?B?" "?=");
	gk_buf_clear(&b);
}

static void
test_date_time(void **state)
{
	char out[40];

	(void)state;
	assert_true(gk_push_date("2025-10-13T09:00:00+08:00", out));
	assert_string_equal(out, "Mon, 13 Oct 2025 09:00:00 +0800");
	assert_true(gk_push_date("2025-12-31T16:30:05Z", out));
	assert_string_equal(out, "Thu, 1 Jan 2026 00:30:05 +0800");
	assert_false(gk_push_date("2025-10-13", out));
	assert_false(gk_push_date("yesterday", out));
	assert_true(gk_push_time_add("2025-10-13T23:59:30+08:00", 60, out));
	assert_string_equal(out, "2025-10-14T00:00:30+08:00");
	assert_true(gk_push_time_add("2025-03-01T00:00:00+08:00", -1, out));
	assert_string_equal(out, "2025-02-28T23:59:59+08:00");
	assert_true(gk_push_time_add("2025-10-13T09:00:00.123-05:00", 0, out));
	assert_string_equal(out, "2025-10-13T22:00:00+08:00");
	assert_false(gk_push_time_add("2025-10-13T09:00:00", 0, out));
	assert_int_equal(gk_push_backoff(1), 300);
	assert_int_equal(gk_push_backoff(2), 600);
	assert_int_equal(gk_push_backoff(7), 19200);
	assert_int_equal(gk_push_backoff(8), 21600);
	assert_int_equal(gk_push_backoff(30), 21600);
}

static void
msg_init(struct gk_push_msg *m)
{
	memset(m, 0, sizeof(*m));
	m->from_name = "盐边县人民政府信息公开平台";
	m->from = "push@gov.example";
	m->to = "zhang@example.com";
	m->subject = "盐边县经济合作和商务局政府信息更新（2 条）";
	m->now = NOW;
	m->message_id = "<gk.0123@gov.example>";
	m->unsub_url = "https://gov.example/unsubscribe?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
	m->body = "您好：\n\n1. 盐边县促进消费若干措施\n   发布日期：2025-10-13\n";
}

static void
test_build(void **state)
{
	struct gk_push_msg	 m;
	struct gk_buf		 b;
	char			 err[256], out[1024], *body, *from, *subj;
	unsigned char		 bin[1024];
	size_t			 binlen = 0;
	struct gk_buf		 b64;
	const char		*p;

	(void)state;
	msg_init(&m);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_push_build(&b, &m, err, sizeof(err)), GK_OK);
	gk_buf_putc(&b, '\0');
	assert_true(strncmp(b.data, "Date: Mon, 13 Oct 2025 09:00:00 +0800\r\nFrom: =?UTF-8?B?", 55)
	    == 0);
	assert_non_null(strstr(b.data, "\r\n <push@gov.example>\r\nTo: <zhang@example.com>\r\n"
	    "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(b.data, "\r\nMessage-ID: <gk.0123@gov.example>\r\n"
	    "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\nList-Unsubscribe:\r\n"
	    " <https://gov.example/unsubscribe?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA>"
	    "\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n"));
	lines_ok(b.data, 76, " <https://");
	/* the From display name and the subject decode back */
	from = strstr(b.data, "From: ");
	subj = strstr(b.data, "Subject: ");
	assert_non_null(from);
	assert_non_null(subj);
	{
		char line[512];
		const char *e = strstr(from, "\r\n <");

		snprintf(line, sizeof(line), "%.*s", (int)(e - from), from);
		decode_words(line, out, sizeof(out));
		assert_string_equal(out, "盐边县人民政府信息公开平台");
		e = strstr(subj, "\r\nMessage-ID");
		snprintf(line, sizeof(line), "%.*s", (int)(e - subj), subj);
		decode_words(line, out, sizeof(out));
		assert_string_equal(out, "盐边县经济合作和商务局政府信息更新（2 条）");
	}
	/* the body: base64 lines of at most 76, decoding to the text with CRLF */
	body = strstr(b.data, "\r\n\r\n") + 4;
	gk_buf_init(&b64, 0);
	for (p = body; *p != '\0'; p++)
		if (*p != '\r' && *p != '\n')
			gk_buf_putc(&b64, *p);
	gk_buf_putc(&b64, '\0');
	assert_int_equal(sodium_base642bin(bin, sizeof(bin), b64.data, strlen(b64.data), NULL,
	    &binlen, NULL, sodium_base64_VARIANT_ORIGINAL), 0);
	bin[binlen] = '\0';
	assert_string_equal((char *)bin, "您好：\r\n\r\n1. 盐边县促进消费若干措施\r\n"
	    "   发布日期：2025-10-13\r\n");
	gk_buf_clear(&b64);
	gk_buf_clear(&b);
}

static void
test_build_refuses(void **state)
{
	struct gk_push_msg	 m;
	struct gk_buf		 b;
	char			 err[256];
	int			 i;

	(void)state;
	for (i = 0; i < 8; i++) {
		msg_init(&m);
		switch (i) {
		case 0: m.subject = "更新\r\nBcc: evil@example.com"; break;
		case 1: m.from_name = "平台\nX-Injected: 1"; break;
		case 2: m.to = "zhang@example.com\r\nBcc: evil@example.com"; break;
		case 3: m.from = "push@gov.example\r\n"; break;
		case 4: m.message_id = "<a@b>\r\nX: y"; break;
		case 5: m.unsub_url = "https://gov.example/u\r\nX: y"; break;
		case 6: m.unsub_url = "https://gov.example/u> <mailto:x@y.cn"; break;
		case 7: m.now = "not a time"; break;
		}
		gk_buf_init(&b, 0);
		assert_int_equal(gk_push_build(&b, &m, err, sizeof(err)), GK_EINVAL);
		assert_int_equal(b.len, 0);
		gk_buf_clear(&b);
	}
	/* a body with CR, LF and lone CR: CRLF only in the encoded text, never a header */
	msg_init(&m);
	m.body = "a\r\nb\nc\rd\n\nSubject: x\n";
	gk_buf_init(&b, 0);
	assert_int_equal(gk_push_build(&b, &m, err, sizeof(err)), GK_OK);
	gk_buf_putc(&b, '\0');
	assert_null(strstr(strstr(b.data, "\r\n\r\n"), "Subject: x"));
	lines_ok(b.data, 76, " <https://");
	gk_buf_clear(&b);
}

/* ---- the store ---- */

/* The store tests' fixture (gk_test_store_open clears it), closed by gk_test_store_teardown. */
static struct gk_test_store TS;

static void
test_store_flow(void **state)
{
	struct gk_test_store	*ts = &TS;
	struct gk_site		 site;
	struct gk_sub_request	 r;
	struct gk_push_row	*v;
	size_t			 n, q;
	char			 err[512], tok[GK_PUSH_TOKEN_LEN + 1], sha[65], msg[512];
	int64_t			 id, agency, counts[3];
	int			 already, gave;
	struct gk_db		*db;

	*state = ts;
	gk_test_store_open(ts, "push", NOW);
	db = ts->db;
	memset(&site, 0, sizeof(site));
	snprintf(site.name, sizeof(site.name), "测试平台");
	snprintf(site.host, sizeof(site.host), "https://gov.example");
	memset(&r, 0, sizeof(r));
	r.agency_id = ts->ag;
	r.email = "zhang@example.com";
	r.keywords = "招商";
	/* no sender configured: refused, nothing stored */
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, NOW, &id, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(gk_smtp_set(db, "cli:t", "from", "push@gov.example", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_smtp_set(db, "cli:t", "password", "s3cret", NOW, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM audit WHERE change LIKE '%s3cret%'"),
	    0);
	assert_int_equal(gk_smtp_set(db, "cli:t", "bogus", "x", NOW, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM subscription"), 0);
	/* subscribe: the row, its confirmation in the outbox, two audit entries */
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, NOW, &id, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM push_outbox WHERE kind = 'confirm'"
	    " AND state = 'pending'"), 1);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM audit WHERE entity IN"
	    " ('subscription', 'push_outbox')"), 2);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM audit WHERE change LIKE"
	    " '%zhang@%'"), 0);	/* masked */
	/* the per-address limit: 3 a day, then refused (case-insensitive) */
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, NOW, NULL, err, sizeof(err)),
	    GK_OK);
	r.email = "ZHANG@example.com";
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, NOW, NULL, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, NOW, NULL, err, sizeof(err)),
	    GK_ELIMIT);
	assert_non_null(strstr(err, "24 小时内已申请订阅 3 次"));
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, "2025-10-14T09:00:01+08:00",
	    NULL, err, sizeof(err)), GK_OK);
	/* bad requests: field messages, nothing stored */
	r.email = "a@b.cn\r\nBcc: c@d.cn";
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, NOW, NULL, err, sizeof(err)),
	    GK_EINVAL);
	r.agency_id = 999;
	r.email = "a@b.cn";
	assert_int_equal(gk_push_subscribe(db, &site, "public", &r, NOW, NULL, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM subscription"), 4);
	/* confirm and unsubscribe with fabricated tokens stored by hand */
	assert_int_equal(gk_push_token_new(tok, sha), GK_OK);
	assert_int_equal(gk_sub_confirm(db, "public", sha, NOW, &already, &agency, err,
	    sizeof(err)), GK_ENOTFOUND);
	{
		char sql[256];

		snprintf(sql, sizeof(sql), "UPDATE subscription SET confirm_sha256 = '%s' WHERE id = %lld",
		    sha, (long long)id);
		gk_test_exec(db, sql);
	}
	assert_int_equal(gk_sub_confirm(db, "public", sha, "2025-10-21T09:00:01+08:00", &already,
	    &agency, err, sizeof(err)), GK_ENOTFOUND);	/* 7 days and a second: expired */
	assert_int_equal(gk_sub_confirm(db, "public", sha, NOW, &already, &agency, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(already, 0);
	assert_int_equal(agency, ts->ag);
	assert_int_equal(gk_sub_confirm(db, "public", sha, NOW, &already, NULL, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(already, 1);
	/* the outbox steps: a retry, then sent; sent twice refused */
	assert_int_equal(gk_push_due(db, NOW, 10, &v, &n, err, sizeof(err)), GK_OK);
	assert_int_equal(n, 3);
	assert_non_null(v[0].message);
	assert_string_equal(v[0].email, "zhang@example.com");
	assert_int_equal(gk_push_mark_failed(db, "cli:t", v[0].id, "SMTP 451：try again", 0, NOW,
	    &gave, err, sizeof(err)), GK_OK);
	assert_int_equal(gave, 0);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM push_outbox WHERE next_attempt ="
	    " '2025-10-13T09:05:00+08:00' AND attempts = 1"), 1);
	assert_int_equal(gk_push_mark_sent(db, "cli:t", v[0].id, NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_push_mark_sent(db, "cli:t", v[0].id, NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	/* a 5xx: given up at once; the rest after GK_PUSH_ATTEMPTS_MAX */
	assert_int_equal(gk_push_mark_failed(db, "cli:t", v[1].id, "SMTP 550：no such user", 1,
	    NOW, &gave, err, sizeof(err)), GK_OK);
	assert_int_equal(gave, 1);
	for (q = 0; q < GK_PUSH_ATTEMPTS_MAX; q++) {
		assert_int_equal(gk_push_mark_failed(db, "cli:t", v[2].id, "SMTP 421", 0, NOW, &gave,
		    err, sizeof(err)), GK_OK);
		assert_int_equal(gave, q + 1 == GK_PUSH_ATTEMPTS_MAX);
	}
	assert_int_equal(gk_push_mark_failed(db, "cli:t", v[2].id, "x", 0, NOW, &gave, err,
	    sizeof(err)), GK_ECONFLICT);
	gk_push_rows_free(v, n);
	assert_int_equal(gk_push_list(db, "failed", 0, 10, &v, &n, err, sizeof(err)), GK_OK);
	assert_int_equal(n, 2);
	assert_string_equal(v[0].email, "Z***@example.com");	/* newest first: row 3 */
	assert_null(v[0].message);
	gk_push_rows_free(v, n);
	/* unsubscribe with the token of the first e-mail */
	{
		char sql[256];

		assert_int_equal(gk_push_token_new(tok, sha), GK_OK);
		snprintf(sql, sizeof(sql), "UPDATE push_outbox SET unsub_sha256 = '%s' WHERE id = 1",
		    sha);
		gk_test_exec(db, sql);
	}
	assert_int_equal(gk_sub_unsubscribe(db, "public", sha, NOW, &already, msg, sizeof(msg)),
	    GK_OK);
	assert_int_equal(already, 0);
	assert_int_equal(gk_sub_unsubscribe(db, "public", sha, NOW, &already, msg, sizeof(msg)),
	    GK_OK);
	assert_int_equal(already, 1);
	assert_int_equal(gk_sub_counts(db, counts, err, sizeof(err)), GK_OK);
	assert_int_equal(counts[0], 3);
	assert_int_equal(counts[1], 0);
	assert_int_equal(counts[2], 1);
	assert_int_equal(gk_push_digests(db, &site, "cli:t", NOW, &q, err, sizeof(err)), GK_OK);
	assert_int_equal(q, 0);
	{
		struct gk_audit_result ar;

		assert_int_equal(gk_audit_verify(db, &ar, err, sizeof(err)), GK_OK);
		assert_int_equal(ar.fault, GK_AUDIT_INTACT);
	}
}


/* One item drafted by d, published by o on day (10:00); topic and body as given. */
static int64_t
published(struct gk_db *db, struct gk_item_actor *ac, const char *cat, const char *title,
    const char *topic, const char *body, const char *day)
{
	char	sql[256];
	int64_t	id = gk_test_item(db, &ac[0], cat, title, day, body);

	snprintf(sql, sizeof(sql), "UPDATE item SET topic = '%s' WHERE id = %lld", topic,
	    (long long)id);
	gk_test_exec(db, sql);
	gk_test_act(db, id, &ac[0], WF_ACT_SUBMIT, day, NULL);
	gk_test_act(db, id, &ac[1], WF_ACT_REVIEW, day, NULL);
	gk_test_act(db, id, &ac[2], WF_ACT_APPROVE, day, NULL);
	gk_test_act(db, id, &ac[3], WF_ACT_PUBLISH, day, NULL);
	return id;
}

static void
test_digest_match(void **state)
{
	struct gk_test_store	*ts = &TS;
	struct gk_item_actor	 ac[4];
	struct gk_sub_digest	*v;
	struct gk_site		 site;
	size_t			 n, q;
	char			 err[512], sql[2048];
	int64_t			 zs, i1, i2, i3, i4;
	struct gk_db		*db;

	*state = ts;
	gk_test_store_open(ts, "pushmatch", NOW);
	db = ts->db;
	assert_int_equal(gk_category_seed_defaults(db, ts->ag, "admin", NOW, err, sizeof(err)),
	    GK_OK);
	gk_test_user(db, ts->ag, "d", WF_ROLE_DRAFTER, &ac[0]);
	gk_test_user(db, ts->ag, "r", WF_ROLE_REVIEWER, &ac[1]);
	gk_test_user(db, ts->ag, "a", WF_ROLE_APPROVER, &ac[2]);
	gk_test_user(db, ts->ag, "o", WF_ROLE_OFFICER, &ac[3]);
	zs = gk_test_int(db, "SELECT id FROM category WHERE name = '招商引资' AND agency_id = 1");
	assert_true(zs > 0);
	/* four confirmed subscriptions: a category, a topic, a keyword, everything */
	snprintf(sql, sizeof(sql), "INSERT INTO subscription (agency_id, email, categories, topics,"
	    " keywords, state, confirm_sha256, created_at, confirmed_at, mark) VALUES"
	    " (1, 'a@x.cn', '%lld', '', '', 'confirmed', printf('%%064d', 1), '%s', '%s', '%s'),"
	    " (1, 'b@x.cn', '', '商贸流通', '', 'confirmed', printf('%%064d', 2), '%s', '%s', '%s'),"
	    " (1, 'c@x.cn', '', '', '营商', 'confirmed', printf('%%064d', 3), '%s', '%s', '%s'),"
	    " (1, 'd@x.cn', '', '', '', 'confirmed', printf('%%064d', 4), '%s', '%s', '%s')",
	    (long long)zs, NOW, NOW, NOW, NOW, NOW, NOW, NOW, NOW, NOW, NOW, NOW, NOW);
	gk_test_exec(db, sql);
	/* a pending and an unsubscribed one get nothing */
	gk_test_exec(db, "INSERT INTO subscription (agency_id, email, state, confirm_sha256,"
	    " created_at, mark) VALUES (1, 'p@x.cn', 'pending', printf('%064d', 5), 'x', NULL),"
	    " (1, 'u@x.cn', 'unsubscribed', printf('%064d', 6), 'x', NULL)");
	i1 = published(db, ac, "招商引资", "项目推介", "", "正文", "2025-10-14");
	i2 = published(db, ac, "办事指南", "企业开办", "商贸流通", "正文", "2025-10-14");
	i3 = published(db, ac, "办事指南", "指南", "", "优化营商环境的措施", "2025-10-14");
	i4 = published(db, ac, "办事指南", "其他", "", "无", "2025-10-14");
	/* before 10:00 nothing is published yet */
	assert_int_equal(gk_sub_digests(db, "2025-10-14T09:59:59+08:00", &v, &n, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(n, 0);
	gk_sub_digests_free(v, n);
	assert_int_equal(gk_sub_digests(db, "2025-10-14T12:00:00+08:00", &v, &n, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(n, 4);
	assert_string_equal(v[0].email, "a@x.cn");
	assert_int_equal(v[0].nitems, 1);
	assert_int_equal(v[0].items[0].id, i1);
	assert_int_equal(v[1].nitems, 1);
	assert_int_equal(v[1].items[0].id, i2);
	assert_int_equal(v[2].nitems, 1);
	assert_int_equal(v[2].items[0].id, i3);
	assert_int_equal(v[3].nitems, 4);
	assert_int_equal(v[3].items[3].id, i4);
	assert_int_equal(v[3].considered, 4);
	assert_string_equal(v[3].items[0].published, "2025-10-14");
	snprintf(sql, sizeof(sql), "2025-10-14T10:00:00+08:00#%lld", (long long)i4);
	assert_string_equal(v[0].new_mark, sql);
	gk_sub_digests_free(v, n);
	/* queued once: the marks move with the digests */
	assert_int_equal(gk_smtp_set(db, "cli:t", "from", "push@gov.example", NOW, err,
	    sizeof(err)), GK_OK);
	memset(&site, 0, sizeof(site));
	assert_int_equal(gk_push_digests(db, &site, "cli:t", "2025-10-14T12:00:00+08:00", &q, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q, 4);
	assert_int_equal(gk_test_int(db, "SELECT count(*) FROM push_outbox WHERE kind = 'digest'"
	    " AND message LIKE '%http://localhost/unsubscribe?token=%'"), 4);
	assert_int_equal(gk_push_digests(db, &site, "cli:t", "2025-10-14T12:00:00+08:00", &q, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q, 0);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM push_outbox WHERE items = '%lld,%lld,%lld,%lld'",
	    (long long)i1, (long long)i2, (long long)i3, (long long)i4);
	assert_int_equal(gk_test_int(db, sql), 1);
	/* one more published in the same second (10:00) after that run: still taken */
	i4 = published(db, ac, "办事指南", "同一秒发布", "", "无", "2025-10-14");
	assert_int_equal(gk_push_digests(db, &site, "cli:t", "2025-10-14T12:00:00+08:00", &q, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(q, 1);		/* the subscription to everything */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM push_outbox WHERE items = '%lld'",
	    (long long)i4);
	assert_int_equal(gk_test_int(db, sql), 1);
	/* the back office's page: one given up with its error, masked addresses; drafters 403 */
	gk_test_exec(db, "UPDATE push_outbox SET state = 'failed', attempts = 8,"
	    " last_error = 'SMTP 550：<b>no such user</b>' WHERE subscription_id = 1");
	{
		struct gk_web_ctx	ctx;
		struct gk_web_resp	resp;
		struct gk_admin_user	u;

		gk_test_web_ctx(&ctx, &site, db, NULL, "2025-10-14T12:00:00+08:00");
		gk_web_resp_init(&resp);
		gk_test_admin_as(&u, 4, ts->ag, "o", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL);
		assert_int_equal(gk_test_admin(gk_admin_push, &ctx, &u, &resp, "GET", "/admin/push",
		    NULL, NULL, 0), GK_OK);
		assert_int_equal(resp.status, 200);
		gk_test_has(gk_test_body(&resp), "<caption>已放弃的邮件（1 封）</caption>");
		gk_test_has(gk_test_body(&resp), "<caption>待发和等待重试的邮件（4 封）</caption>");
		gk_test_has(gk_test_body(&resp), "SMTP 550：&lt;b&gt;no such user&lt;/b&gt;");
		gk_test_has(gk_test_body(&resp), "a***@x.cn");
		gk_test_lacks(gk_test_body(&resp), "b@x.cn");
		gk_test_admin_as(&u, 1, ts->ag, "d", WF_ROLE_BIT(WF_ROLE_DRAFTER), NULL);
		assert_int_equal(gk_test_admin(gk_admin_push, &ctx, &u, &resp, "GET", "/admin/push",
		    NULL, NULL, 0), GK_OK);
		assert_int_equal(resp.status, 403);
		/* another agency's officer sees none of them */
		gk_test_admin_as(&u, 9, ts->ag2, "o2", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL);
		assert_int_equal(gk_test_admin(gk_admin_push, &ctx, &u, &resp, "GET", "/admin/push",
		    NULL, NULL, 0), GK_OK);
		gk_test_has(gk_test_body(&resp), "<caption>已放弃的邮件（0 封）</caption>");
		gk_web_resp_clear(&resp);
		gk_buf_clear(&resp.body);
	}
}

/* Confirming a second subscription of the same address replaces the first. */
static void
test_replace(void **state)
{
	struct gk_test_store	*ts = &TS;
	char			 err[512], t1[GK_PUSH_TOKEN_LEN + 1], s1[65],
				 t2[GK_PUSH_TOKEN_LEN + 1], s2[65], sql[512];
	int			 already;

	*state = ts;
	gk_test_store_open(ts, "pushrepl", NOW);
	assert_int_equal(gk_push_token_new(t1, s1), GK_OK);
	assert_int_equal(gk_push_token_new(t2, s2), GK_OK);
	snprintf(sql, sizeof(sql), "INSERT INTO subscription (agency_id, email, keywords,"
	    " confirm_sha256, created_at) VALUES (1, 'a@x.cn', '旧', '%s', '%s'),"
	    " (1, 'A@x.cn', '新', '%s', '%s')", s1, NOW, s2, NOW);
	gk_test_exec(ts->db, sql);
	assert_int_equal(gk_sub_confirm(ts->db, "public", s1, NOW, &already, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_sub_confirm(ts->db, "public", s2, NOW, &already, NULL, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_test_int(ts->db, "SELECT count(*) FROM subscription WHERE"
	    " state = 'confirmed' AND keywords = '新'"), 1);
	assert_int_equal(gk_test_int(ts->db, "SELECT count(*) FROM subscription WHERE"
	    " state = 'replaced' AND keywords = '旧'"), 1);
	/* the replaced one's link confirms nothing any more */
	assert_int_equal(gk_sub_confirm(ts->db, "public", s1, NOW, &already, NULL, err,
	    sizeof(err)), GK_ENOTFOUND);
}

/* The form through the router: the per-address limit (5 per 10 minutes) answers 429. */
static void
test_form_limit(void **state)
{
	struct gk_test_store	*ts = &TS;
	struct gk_web_ctx	 ctx;
	struct gk_web_resp	 resp;
	struct gk_site		 site;
	char			 err[512], email[64];
	int			 i;

	*state = ts;
	gk_test_store_open(ts, "pushform", NOW);
	assert_int_equal(gk_smtp_set(ts->db, "cli:t", "from", "push@gov.example", NOW, err,
	    sizeof(err)), GK_OK);
	gk_subscribe_reset_limits();
	gk_test_web_ctx(&ctx, &site, ts->db, NULL, NOW);
	gk_web_resp_init(&resp);
	for (i = 0; i < 6; i++) {
		const char *args[] = { "agency", "1", "email", email, NULL };

		snprintf(email, sizeof(email), "u%d@example.com", i);
		gk_test_web(&ctx, &resp, "POST", "/subscribe", "192.0.2.7", args, NULL);
		assert_int_equal(resp.status, i < 5 ? 200 : 429);
	}
	gk_test_has(gk_test_body(&resp), "提交过于频繁");
	assert_int_equal(resp.retry_after, 120);
	assert_int_equal(gk_test_int(ts->db, "SELECT count(*) FROM subscription"), 5);
	/* another address is not limited; a refused form takes no token */
	{
		const char *bad[] = { "agency", "1", "email", "x", NULL };
		const char *good[] = { "agency", "1", "email", "v@example.com", NULL };

		for (i = 0; i < 6; i++) {
			gk_test_web(&ctx, &resp, "POST", "/subscribe", "192.0.2.8", bad, NULL);
			assert_int_equal(resp.status, 400);
		}
		gk_test_web(&ctx, &resp, "POST", "/subscribe", "192.0.2.8", good, NULL);
		assert_int_equal(resp.status, 200);
	}
	gk_web_resp_clear(&resp);
	gk_buf_clear(&resp.body);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_email),
	cmocka_unit_test(test_terms),
	cmocka_unit_test(test_tokens),
	cmocka_unit_test(test_encode_words),
	cmocka_unit_test(test_date_time),
	cmocka_unit_test(test_build),
	cmocka_unit_test(test_build_refuses),
	cmocka_unit_test_teardown(test_store_flow, gk_test_store_teardown),
	cmocka_unit_test_teardown(test_digest_match, gk_test_store_teardown),
	cmocka_unit_test_teardown(test_replace, gk_test_store_teardown),
	cmocka_unit_test_teardown(test_form_limit, gk_test_store_teardown),
};

GK_TEST_MAIN("push", tests)
