/*
 * fuzz_push.c — libFuzzer target for the parsers and builders of targeted
 * push (channels/push.h, store/subscription.h): any bytes (cut at the first
 * NUL) read as an e-mail address (gk_sub_email_ok), a link's token
 * (gk_push_token_hash), topics or keywords (gk_sub_terms), an RFC 3339 time
 * (gk_push_time_add), and put into a message as the subject, the sender's
 * name and the body (gk_push_build). What must hold: no crash, leak or
 * over-read; an accepted address has no CR, LF, space, quote or angle
 * bracket and is at most 254 bytes; an accepted token is 43 characters of
 * base64url; accepted terms are lines without separators, each at most 30
 * characters, at most 20 of them; a built message has only CRLF line ends,
 * no line over 76 characters (the List-Unsubscribe URL aside), every
 * encoded-word decodes to whole UTF-8, and nothing of the input reaches the
 * headers unencoded; a value with CR or LF is refused.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "fuzz_web_common.h"
#include "channels/push.h"
#include "core/gk.h"
#include "store/subscription.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_message(const char *m)
{
	const char *p = m, *hdr_end = strstr(m, "\r\n\r\n");

	if (hdr_end == NULL)
		abort();
	while (*p != '\0') {
		const char *e = strstr(p, "\r\n");

		if (e == NULL || memchr(p, '\n', (size_t)(e - p)) != NULL ||
		    memchr(p, '\r', (size_t)(e - p)) != NULL)
			abort();
		if ((size_t)(e - p) > GK_PUSH_LINE_MAX && strncmp(p, " <http", 6) != 0)
			abort();
		/* the header part is ASCII: the input only reaches it encoded */
		if (p < hdr_end) {
			const char *q;

			for (q = p; q < e; q++)
				if ((unsigned char)*q >= 0x80)
					abort();
		}
		p = e + 2;
	}
	/* each encoded-word is whole UTF-8 */
	for (p = m; p < hdr_end && (p = strstr(p, "=?UTF-8?B?")) != NULL && p < hdr_end;) {
		const char	*e = strstr(p + 10, "?=");
		unsigned char	 bin[128];
		size_t		 binlen = 0;

		if (e == NULL || e - p + 2 > 75)
			abort();
		if (sodium_base642bin(bin, sizeof(bin), p + 10, (size_t)(e - p - 10), NULL, &binlen,
		    NULL, sodium_base64_VARIANT_ORIGINAL) != 0 || gk_utf8_check(bin, binlen) != binlen)
			abort();
		p = e + 2;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_push_msg	 msg;
	struct gk_buf		 b;
	char			*in, sha[65], t[40], err[256];
	enum gk_err		 e;

	if ((in = fz_text(data, size, 0)) == NULL)
		return 0;

	if (gk_sub_email_ok(in) && (strpbrk(in, "\r\n \t\"<>") != NULL || strlen(in) > 254))
		abort();
	if (gk_push_token_hash(in, sha) && (strlen(in) != GK_PUSH_TOKEN_LEN ||
	    strspn(in, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_") !=
	    GK_PUSH_TOKEN_LEN || strlen(sha) != 64))
		abort();
	(void)gk_push_time_add(in, 3600, t);

	gk_buf_init(&b, 0);
	if (gk_sub_terms(in, "关键词", &b, err, sizeof(err))) {
		const char	*p = b.data != NULL ? b.data : "";
		size_t		 lines = b.len > 0;
		const char	*q;

		for (q = p; q < p + b.len; q++)
			lines += *q == '\n';
		if (lines > GK_SUB_TERMS_MAX || (b.len > 0 && (p[0] == '\n' ||
		    p[b.len - 1] == '\n')) || memchr(p, ',', b.len) != NULL ||
		    memchr(p, ' ', b.len) != NULL || memchr(p, '\r', b.len) != NULL)
			abort();
	} else if (err[0] == '\0')
		abort();
	gk_buf_clear(&b);

	/* gk_utf8_check: a header value must be text; the builder itself refuses CR/LF */
	if (gk_utf8_check(in, strlen(in)) == strlen(in)) {
		memset(&msg, 0, sizeof(msg));
		msg.from_name = in;
		msg.from = "push@gov.example";
		msg.to = "zhang@example.com";
		msg.subject = in;
		msg.now = "2025-10-13T09:00:00+08:00";
		msg.message_id = "<gk.0@gov.example>";
		msg.unsub_url = "https://gov.example/unsubscribe?token=x";
		msg.body = in;
		gk_buf_init(&b, 0);
		e = gk_push_build(&b, &msg, err, sizeof(err));
		if ((strpbrk(in, "\r\n") != NULL) != (e == GK_EINVAL))
			abort();
		if (e == GK_OK) {
			gk_buf_putc(&b, '\0');
			check_message(b.data);
		}
		gk_buf_clear(&b);
	}
	free(in);
	return 0;
}
