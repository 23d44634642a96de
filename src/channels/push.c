/*
 * push.c — the e-mails of targeted push; see channels/push.h and
 * docs/push.md.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <sodium.h>

#include "channels/push.h"
#include "core/date.h"
#include "core/sha256.h"
#include "store/agency.h"
#include "store/subscription.h"

/* ---- tokens ---- */

static void
token_sha(const char *tok, char sha[65])
{
	unsigned char d[GK_SHA256_LEN];

	gk_sha256(tok, strlen(tok), d);
	gk_sha256_hex(d, sha);
}

enum gk_err
gk_push_token_new(char tok[GK_PUSH_TOKEN_LEN + 1], char sha[65])
{
	unsigned char r[32];

	if (sodium_init() < 0)
		return GK_EIO;
	randombytes_buf(r, sizeof(r));
	sodium_bin2base64(tok, GK_PUSH_TOKEN_LEN + 1, r, sizeof(r),
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(r, sizeof(r));
	token_sha(tok, sha);
	return GK_OK;
}

int
gk_push_token_hash(const char *tok, char sha[65])
{
	size_t i;

	if (tok == NULL || strlen(tok) != GK_PUSH_TOKEN_LEN)
		return 0;
	for (i = 0; i < GK_PUSH_TOKEN_LEN; i++) {
		char c = tok[i];

		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    c == '-' || c == '_'))
			return 0;
	}
	token_sha(tok, sha);
	return 1;
}

/* ---- message building ---- */

/* Bytes of the UTF-8 sequence that starts with c (1 for a stray byte). */
static size_t
u8len(unsigned char c)
{
	if (c >= 0xf0)
		return 4;
	if (c >= 0xe0)
		return 3;
	if (c >= 0xc0)
		return 2;
	return 1;
}

void
gk_push_encode_words(struct gk_buf *b, size_t col, const char *text)
{
	const char	*p = text;
	char		 enc[128];
	size_t		 avail, room, bytes, k, j;

	if (*p == '\0') {
		gk_buf_puts(b, "=?UTF-8?B?" "?=");
		return;
	}
	/* payload characters left on this line: "=?UTF-8?B?" + "?=" take 12 */
	avail = GK_PUSH_LINE_MAX > col + 12 ? GK_PUSH_LINE_MAX - col - 12 : 0;
	if (avail < 8) {
		gk_buf_puts(b, "\r\n ");
		avail = GK_PUSH_LINE_MAX - 1 - 12;
	}
	while (*p != '\0') {
		room = avail / 4 * 3;	/* input bytes whose base64 fits */
		bytes = 0;
		while (p[bytes] != '\0') {
			k = u8len((unsigned char)p[bytes]);
			for (j = 1; j < k; j++)
				if (p[bytes + j] == '\0') {
					k = j;
					break;
				}
			if (bytes + k > room)
				break;
			bytes += k;
		}
		sodium_bin2base64(enc, sizeof(enc), (const unsigned char *)p, bytes,
		    sodium_base64_VARIANT_ORIGINAL);
		gk_buf_printf(b, "=?UTF-8?B?%s?=", enc);
		p += bytes;
		if (*p != '\0') {
			gk_buf_puts(b, "\r\n ");
			avail = GK_PUSH_LINE_MAX - 1 - 12;
		}
	}
}

int
gk_push_date(const char *now, char out[40])
{
	static const char *const days[7] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
	static const char *const months[12] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
	char	 local[40];
	int32_t	 d;
	int	 y, mo, da, h, mi, s;

	/* the time in +08:00 (the platform's zone) */
	if (!gk_push_time_add(now, 0, local) || gk_date_parse(local, 10, &d) != GK_OK ||
	    sscanf(local, "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &da, &h, &mi, &s) != 6 ||
	    mo < 1 || mo > 12)
		return 0;
	snprintf(out, 40, "%s, %d %s %04d %02d:%02d:%02d +0800",
	    days[((d % 7) + 7) % 7], da, months[mo - 1], y, h, mi, s);
	return 1;
}

static int
has_crlf(const char *s)
{
	return s != NULL && strpbrk(s, "\r\n") != NULL;
}

enum gk_err
gk_push_build(struct gk_buf *out, const struct gk_push_msg *m, char *err, size_t errlen)
{
	char		 date[40], line[GK_PUSH_LINE_MAX * 2];
	const char	*p;
	size_t		 len, i, k;

	if (has_crlf(m->from_name) || has_crlf(m->subject) || has_crlf(m->message_id) ||
	    has_crlf(m->unsub_url) || !gk_sub_email_ok(m->from) || !gk_sub_email_ok(m->to) ||
	    m->message_id == NULL || m->unsub_url == NULL || strlen(m->unsub_url) > 900 ||
	    strpbrk(m->unsub_url, "<> \t") != NULL || strlen(m->message_id) > 120 ||
	    !gk_push_date(m->now, date)) {
		snprintf(err, errlen, "邮件头无效：含换行、地址无效或时间无效");
		return GK_EINVAL;
	}
	gk_buf_printf(out, "Date: %s\r\nFrom: ", date);
	gk_push_encode_words(out, 6, m->from_name != NULL ? m->from_name : "");
	gk_buf_printf(out, "\r\n <%s>\r\nTo: <%s>\r\nSubject: ", m->from, m->to);
	gk_push_encode_words(out, 9, m->subject != NULL ? m->subject : "");
	gk_buf_printf(out, "\r\nMessage-ID: %s\r\nMIME-Version: 1.0\r\n"
	    "Content-Type: text/plain; charset=UTF-8\r\n"
	    "Content-Transfer-Encoding: base64\r\n"
	    "List-Unsubscribe:\r\n <%s>\r\n"
	    "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"
	    "Auto-Submitted: auto-generated\r\n\r\n", m->message_id, m->unsub_url);
	/* the body as CRLF text, base64 in lines of 76 (57 bytes each) */
	{
		struct gk_buf crlf;

		gk_buf_init(&crlf, 0);
		for (p = m->body != NULL ? m->body : ""; *p != '\0'; p++) {
			if (*p == '\n')
				gk_buf_putc(&crlf, '\r');
			if (*p != '\r')
				gk_buf_putc(&crlf, *p);
		}
		if (crlf.err != GK_OK) {
			gk_buf_clear(&crlf);
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		len = crlf.len;
		for (i = 0; i < len; i += k) {
			k = len - i < 57 ? len - i : 57;
			sodium_bin2base64(line, sizeof(line), (const unsigned char *)crlf.data + i,
			    k, sodium_base64_VARIANT_ORIGINAL);
			gk_buf_printf(out, "%s\r\n", line);
		}
		gk_buf_clear(&crlf);
	}
	if (out->err != GK_OK) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	return GK_OK;
}

void
gk_push_message_id(const char *from, char out[128])
{
	unsigned char	 r[16];
	char		 hex[33];
	const char	*at = from != NULL ? strchr(from, '@') : NULL;

	if (sodium_init() < 0)
		memset(r, 0, sizeof(r));
	else
		randombytes_buf(r, sizeof(r));
	sodium_bin2hex(hex, sizeof(hex), r, sizeof(r));
	snprintf(out, 128, "<gk.%s@%.80s>", hex, at != NULL && gk_sub_email_ok(from) ? at + 1 :
	    "localhost");
}

/* ---- subscribe ---- */

static const char *
host_of(const struct gk_site *site)
{
	return site != NULL && site->host[0] != '\0' ? site->host : "http://localhost";
}

static const char *
site_name(const struct gk_site *site)
{
	return site != NULL && site->name[0] != '\0' ? site->name : "政府信息公开平台";
}

/* Builds a message into a new string *outp (owned by the caller). */
static enum gk_err
render(const struct gk_smtp_conf *conf, const struct gk_site *site, const char *to,
    const char *subject, const char *body, const char *unsub_tok, const char *now,
    char msgid[128], char **outp, char *err, size_t errlen)
{
	struct gk_push_msg	 m;
	struct gk_buf		 b;
	char			 url[512];
	enum gk_err		 e;

	snprintf(url, sizeof(url), "%s/unsubscribe?token=%s", host_of(site), unsub_tok);
	gk_push_message_id(conf->from, msgid);
	memset(&m, 0, sizeof(m));
	m.from_name = site_name(site);
	m.from = conf->from;
	m.to = to;
	m.subject = subject;
	m.now = now;
	m.message_id = msgid;
	m.unsub_url = url;
	m.body = body;
	gk_buf_init(&b, 0);
	if ((e = gk_push_build(&b, &m, err, errlen)) != GK_OK || (e = b.err) != GK_OK ||
	    (*outp = gk_buf_take(&b, NULL)) == NULL) {
		gk_buf_clear(&b);
		if (e == GK_OK)
			e = GK_ENOMEM;
		if (e == GK_ENOMEM)
			snprintf(err, errlen, "内存不足");
		return e;
	}
	return GK_OK;
}

static enum gk_err
need_from(struct gk_db *db, struct gk_smtp_conf *conf, char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = gk_smtp_load(db, conf, err, errlen)) != GK_OK)
		return e;
	if (conf->from[0] == '\0') {
		snprintf(err, errlen, "尚未设置发件地址（gongkai push smtp from ADDRESS）");
		return GK_ECONFLICT;
	}
	return GK_OK;
}

enum gk_err
gk_push_subscribe(struct gk_db *db, const struct gk_site *site, const char *actor,
    const struct gk_sub_request *r, const char *now, int64_t *idp, char *err, size_t errlen)
{
	struct gk_smtp_conf	 conf;
	struct gk_sub_mail	 mail;
	struct gk_buf		 body;
	char			 ctok[GK_PUSH_TOKEN_LEN + 1], csha[65], utok[GK_PUSH_TOKEN_LEN + 1],
				 usha[65], msgid[128], subject[512], agency[256];
	char			 msgs[GK_SF__MAX][GK_SUB_MSG_LEN], *message = NULL;
	enum gk_err		 e;

	if ((e = gk_sub_check(db, r, msgs, err, errlen)) != GK_OK ||
	    (e = need_from(db, &conf, err, errlen)) != GK_OK)
		return e;
	if (gk_push_token_new(ctok, csha) != GK_OK || gk_push_token_new(utok, usha) != GK_OK) {
		snprintf(err, errlen, "无法初始化随机数发生器");
		return GK_EIO;
	}
	{
		struct gk_agency	ag;
		char			e2[128];

		memset(&ag, 0, sizeof(ag));
		if (gk_agency_get(db, r->agency_id, &ag, e2, sizeof(e2)) == GK_OK)
			gk_strlcpy_utf8(agency, ag.name, sizeof(agency));
		else
			snprintf(agency, sizeof(agency), "机构 %lld", (long long)r->agency_id);
		gk_agency_clear(&ag);
	}
	snprintf(subject, sizeof(subject), "请确认订阅：%s政府信息推送", agency);
	gk_buf_init(&body, 0);
	gk_buf_printf(&body, "您好：\n\n有人（很可能是您本人）在%s申请以本邮箱订阅%s的政府信息推送。\n\n"
	    "请打开以下链接确认订阅（%d 天内有效）：\n%s/subscribe/confirm?token=%s\n\n"
	    "如果不是您本人申请，请忽略本邮件：未经确认，我们不会再向本邮箱发送任何邮件。\n\n"
	    "退订：%s/unsubscribe?token=%s\n\n%s\n", site_name(site), agency,
	    GK_SUB_CONFIRM_DAYS, host_of(site), ctok, host_of(site), utok, site_name(site));
	gk_buf_putc(&body, '\0');
	if (body.err != GK_OK) {
		gk_buf_clear(&body);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	e = render(&conf, site, r->email, subject, body.data, utok, now, msgid, &message, err,
	    errlen);
	gk_buf_clear(&body);
	if (e != GK_OK)
		return e;
	mail.unsub_sha256 = usha;
	mail.message_id = msgid;
	mail.message = message;
	e = gk_sub_new(db, actor, r, csha, &mail, now, idp, err, errlen);
	sodium_memzero(message, strlen(message));
	gk_free(message);
	sodium_memzero(ctok, sizeof(ctok));
	return e;
}

/* ---- digests ---- */

enum gk_err
gk_push_digests(struct gk_db *db, const struct gk_site *site, const char *actor,
    const char *now, size_t *queued, char *err, size_t errlen)
{
	struct gk_smtp_conf	 conf;
	struct gk_sub_digest	*v = NULL;
	size_t			 n = 0, i, j;
	enum gk_err		 e;

	*queued = 0;
	if ((e = need_from(db, &conf, err, errlen)) != GK_OK ||
	    (e = gk_sub_digests(db, now, &v, &n, err, errlen)) != GK_OK)
		return e;
	for (i = 0; i < n && e == GK_OK; i++) {
		struct gk_sub_digest	*d = &v[i];
		struct gk_sub_mail	 mail;
		struct gk_buf		 body;
		char			 utok[GK_PUSH_TOKEN_LEN + 1], usha[65], msgid[128],
					 subject[512], *message = NULL;

		if (d->nitems == 0) {
			/* nothing matched: only the mark moves */
			e = gk_sub_digest_enqueue(db, actor, d, NULL, now, err, errlen);
			continue;
		}
		if (gk_push_token_new(utok, usha) != GK_OK) {
			snprintf(err, errlen, "无法初始化随机数发生器");
			e = GK_EIO;
			break;
		}
		snprintf(subject, sizeof(subject), "%s政府信息更新（%zu 条）", d->agency, d->nitems);
		gk_buf_init(&body, 0);
		gk_buf_printf(&body, "您好：\n\n您订阅的%s政府信息有 %zu 条新发布：\n\n", d->agency,
		    d->nitems);
		for (j = 0; j < d->nitems; j++)
			gk_buf_printf(&body, "%zu. %s\n   发布日期：%s\n   %s/item/%lld\n\n", j + 1,
			    d->items[j].title, d->items[j].published, host_of(site),
			    (long long)d->items[j].id);
		gk_buf_printf(&body, "退订（一键退订，无需登录）：\n%s/unsubscribe?token=%s\n\n%s\n",
		    host_of(site), utok, site_name(site));
		gk_buf_putc(&body, '\0');
		if (body.err != GK_OK) {
			gk_buf_clear(&body);
			snprintf(err, errlen, "内存不足");
			e = GK_ENOMEM;
			break;
		}
		e = render(&conf, site, d->email, subject, body.data, utok, now, msgid, &message,
		    err, errlen);
		gk_buf_clear(&body);
		if (e != GK_OK)
			break;
		mail.unsub_sha256 = usha;
		mail.message_id = msgid;
		mail.message = message;
		e = gk_sub_digest_enqueue(db, actor, d, &mail, now, err, errlen);
		gk_free(message);
		if (e == GK_ECONFLICT) {	/* another run took this one */
			e = GK_OK;
			continue;
		}
		if (e == GK_OK)
			(*queued)++;
	}
	gk_sub_digests_free(v, n);
	return e;
}

/* ---- SMTP ---- */

static pthread_once_t	curl_once = PTHREAD_ONCE_INIT;
static int		curl_ok;

static void
curl_init(void)
{
	curl_ok = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
}

struct reader {
	const char	*p;
	size_t		 left;
};

static size_t
read_cb(char *buf, size_t size, size_t nmemb, void *arg)
{
	struct reader	*r = arg;
	size_t		 n = size * nmemb;

	if (n > r->left)
		n = r->left;
	memcpy(buf, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

/*
 * The server's last reply line, for the error shown to the officer: only
 * what the server sent (CURLINFO_HEADER_IN), never our commands (AUTH
 * carries the credentials), printable ASCII only.
 */
struct reply {
	char	line[200];
};

static int
debug_cb(CURL *c, curl_infotype type, char *data, size_t size, void *arg)
{
	struct reply	*r = arg;
	size_t		 i, n = 0;

	(void)c;
	if (type != CURLINFO_HEADER_IN)
		return 0;
	for (i = 0; i < size && n + 1 < sizeof(r->line); i++)
		if (data[i] >= 0x20 && data[i] < 0x7f)
			r->line[n++] = data[i];
		else if (data[i] == '\n')
			break;
	if (n > 0)
		r->line[n] = '\0';
	return 0;
}

int
gk_smtp_send(const struct gk_smtp_conf *conf, const char *from, const char *to,
    const char *message, int *permanent, char *err, size_t errlen)
{
	CURL			*c;
	struct curl_slist	*rcpt = NULL;
	struct reader		 r;
	struct reply		 rep;
	char			 ebuf[CURL_ERROR_SIZE], addr[GK_SUB_EMAIL_MAX + 3];
	long			 code = 0;
	CURLcode		 rc;

	*permanent = 0;
	pthread_once(&curl_once, curl_init);
	if (!curl_ok || conf->url[0] == '\0') {
		snprintf(err, errlen, curl_ok ? "尚未设置 SMTP 地址（gongkai push smtp url "
		    "smtp://HOST:PORT）" : "无法初始化 libcurl");
		return -1;
	}
	if ((c = curl_easy_init()) == NULL) {
		snprintf(err, errlen, "无法初始化 libcurl");
		return -1;
	}
	snprintf(addr, sizeof(addr), "<%s>", to);
	if ((rcpt = curl_slist_append(NULL, addr)) == NULL) {
		curl_easy_cleanup(c);
		snprintf(err, errlen, "内存不足");
		return -1;
	}
	snprintf(addr, sizeof(addr), "<%s>", from);
	r.p = message;
	r.left = strlen(message);
	ebuf[0] = '\0';
	rep.line[0] = '\0';
	curl_easy_setopt(c, CURLOPT_URL, conf->url);
	curl_easy_setopt(c, CURLOPT_DEBUGFUNCTION, debug_cb);
	curl_easy_setopt(c, CURLOPT_DEBUGDATA, &rep);
	curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);	/* to debug_cb only, which keeps replies */
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, addr);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &r);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 20L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, 120L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, ebuf);
	if (conf->user[0] != '\0') {
		curl_easy_setopt(c, CURLOPT_USERNAME, conf->user);
		curl_easy_setopt(c, CURLOPT_PASSWORD, conf->password);
		/* credentials only over TLS: STARTTLS required on smtp:// */
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_ALL);
	} else
		curl_easy_setopt(c, CURLOPT_USE_SSL, (long)CURLUSESSL_TRY);
	rc = curl_easy_perform(c);
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
	curl_slist_free_all(rcpt);
	curl_easy_cleanup(c);
	if (rc == CURLE_OK)
		return 0;
	*permanent = code >= 500 && code <= 599;
	if (rep.line[0] != '\0' && code >= 400)
		snprintf(err, errlen, "SMTP %ld：%s", code, rep.line);
	else
		snprintf(err, errlen, "SMTP %ld：%s", code, ebuf[0] != '\0' ? ebuf :
		    curl_easy_strerror(rc));
	return -1;
}

enum gk_err
gk_push_send_due(struct gk_db *db, const char *actor, const char *now, size_t *sent,
    size_t *retry, size_t *gave_up, char *err, size_t errlen)
{
	struct gk_smtp_conf	 conf;
	struct gk_push_row	*v = NULL;
	size_t			 n = 0, i;
	enum gk_err		 e;

	*sent = *retry = *gave_up = 0;
	if ((e = need_from(db, &conf, err, errlen)) != GK_OK ||
	    (e = gk_push_due(db, now, 1000, &v, &n, err, errlen)) != GK_OK)
		return e;
	for (i = 0; i < n && e == GK_OK; i++) {
		char	 why[512];
		int	 permanent, gave;

		if (v[i].message == NULL)
			continue;
		if (gk_smtp_send(&conf, conf.from, v[i].email, v[i].message, &permanent, why,
		    sizeof(why)) == 0) {
			/* accepted: mark it at once (the window is docs/push.md's) */
			if ((e = gk_push_mark_sent(db, actor, v[i].id, now, err, errlen)) == GK_OK)
				(*sent)++;
			continue;
		}
		if ((e = gk_push_mark_failed(db, actor, v[i].id, why, permanent, now, &gave, err,
		    errlen)) == GK_OK) {
			if (gave)
				(*gave_up)++;
			else
				(*retry)++;
		}
	}
	sodium_memzero(conf.password, sizeof(conf.password));
	gk_push_rows_free(v, n);
	return e;
}
