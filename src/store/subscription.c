/*
 * subscription.c — subscriptions and the push outbox; the rules are in
 * store/subscription.h, the design in docs/push.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/mask.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/category.h"
#include "store/consultation.h"
#include "store/db.h"
#include "store/subscription.h"

/* ---- pure checks ---- */

int
gk_sub_email_ok(const char *s)
{
	static const char atext[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
	    "0123456789!#$%&'*+/=?^_`{|}~-";
	const char	*at, *p, *label;
	size_t		 len;

	if (s == NULL || (len = strlen(s)) < 3 || len > GK_SUB_EMAIL_MAX)
		return 0;
	if ((at = strchr(s, '@')) == NULL || at == s || strchr(at + 1, '@') != NULL ||
	    at - s > 64)
		return 0;
	for (p = s; p < at; p++) {
		if (*p == '.') {
			if (p == s || p + 1 == at || p[1] == '.')
				return 0;
		} else if (strchr(atext, *p) == NULL)
			return 0;
	}
	/* the domain: labels of letters, digits, hyphens (not at the ends), two or more */
	label = at + 1;
	for (p = label;; p++) {
		if (*p == '.' || *p == '\0') {
			if (p == label || p - label > 63 || label[0] == '-' || p[-1] == '-')
				return 0;
			if (*p == '\0')
				break;
			label = p + 1;
		} else if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
	}
	return strchr(at + 1, '.') != NULL;
}

/* The separators of terms: ASCII ones, then the Chinese 、，；． and the ideographic space. */
static size_t
sep_len(const char *p)
{
	static const char *const wide[] = { "、", "，", "；", "　" };
	size_t i;

	if (*p == '\n' || *p == '\r' || *p == ',' || *p == ';' || *p == ' ' || *p == '\t')
		return 1;
	for (i = 0; i < sizeof(wide) / sizeof(wide[0]); i++)
		if (strncmp(p, wide[i], strlen(wide[i])) == 0)
			return strlen(wide[i]);
	return 0;
}

int
gk_sub_terms(const char *in, const char *label, struct gk_buf *out, char *msg, size_t msglen)
{
	const char	*p = in != NULL ? in : "";
	char		 term[GK_SUB_TERM_MAX * 4 + 1];
	size_t		 n = 0;
	long		 chars;

	msg[0] = '\0';
	if (gk_consult_text_chars(p, 0) < 0) {
		snprintf(msg, msglen, "%s含有无法识别的字符或控制字符", label);
		return 0;
	}
	while (*p != '\0') {
		const char	*start;
		size_t		 k, len;

		while ((k = sep_len(p)) > 0)
			p += k;
		if (*p == '\0')
			break;
		start = p;
		while (*p != '\0' && sep_len(p) == 0)
			p++;
		len = (size_t)(p - start);
		for (chars = 0, k = 0; k < len; k++)
			chars += ((unsigned char)start[k] & 0xc0) != 0x80;
		if (chars > GK_SUB_TERM_MAX) {
			snprintf(msg, msglen, "%s每项至多 %d 个字符", label, GK_SUB_TERM_MAX);
			return 0;
		}
		memcpy(term, start, len);
		term[len] = '\0';
		/* a duplicate: the same line already in out */
		if (out->data != NULL) {
			const char *q = out->data, *end = out->data + out->len;
			int dup = 0;

			while (q < end) {
				const char *nl = memchr(q, '\n', (size_t)(end - q));
				size_t l = nl != NULL ? (size_t)(nl - q) : (size_t)(end - q);

				if (l == len && memcmp(q, term, len) == 0)
					dup = 1;
				q += l + 1;
			}
			if (dup)
				continue;
		}
		if (++n > GK_SUB_TERMS_MAX) {
			snprintf(msg, msglen, "%s至多 %d 项", label, GK_SUB_TERMS_MAX);
			return 0;
		}
		if (out->len > 0)
			gk_buf_putc(out, '\n');
		gk_buf_puts(out, term);
	}
	if (out->err != GK_OK) {
		snprintf(msg, msglen, "内存不足");
		return 0;
	}
	return 1;
}

/* ---- helpers ---- */

static enum gk_err
oom(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL ? t : "";
}

static int
sha_ok(const char *s)
{
	size_t i;

	if (s == NULL || strlen(s) != 64)
		return 0;
	for (i = 0; i < 64; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return 0;
	return 1;
}

static enum gk_err
audit(struct gk_db *db, const char *actor, const char *entity, int64_t id, const char *action,
    json_t *j, const char *now, char *err, size_t errlen)
{
	return gk_apply_audit(db, actor, entity, id, action, j, now, err, errlen);
}

/* ---- time ---- */

/* Seconds since the epoch of an RFC 3339 time; 0 when malformed. */
static int
parse_time(const char *s, int64_t *out)
{
	int32_t	 d;
	int	 h, m, sec, oh = 0, om = 0, n = 0;
	char	 sign = 'Z';

	if (s == NULL || strlen(s) < 19 || gk_date_parse(s, 10, &d) != GK_OK ||
	    sscanf(s + 11, "%2d:%2d:%2d%n", &h, &m, &sec, &n) != 3 || n != 8)
		return 0;
	s += 19;
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++)
			;
	if (*s == '+' || *s == '-') {
		sign = *s;
		if (sscanf(s + 1, "%2d:%2d", &oh, &om) != 2)
			return 0;
	} else if (*s != 'Z')
		return 0;
	*out = (int64_t)d * 86400 + h * 3600 + m * 60 + sec;
	if (sign == '+')
		*out -= oh * 3600 + om * 60;
	else if (sign == '-')
		*out += oh * 3600 + om * 60;
	return 1;
}

int
gk_push_time_add(const char *now, long secs, char out[40])
{
	char	 d[GK_DATE_LEN];
	int64_t	 t, local;
	int32_t	 day;
	long	 rem;

	if (!parse_time(now, &t))
		return 0;
	local = t + secs + 8 * 3600;
	day = (int32_t)(local >= 0 ? local / 86400 : -((-local + 86399) / 86400));
	rem = (long)(local - (int64_t)day * 86400);
	gk_date_format(day, d);
	snprintf(out, 40, "%.10sT%02d:%02d:%02d+08:00", d, (int)(rem / 3600) % 24,
	    (int)(rem / 60 % 60), (int)(rem % 60));
	return 1;
}

long
gk_push_backoff(int n)
{
	long s = 300;

	while (n-- > 1 && s < 6 * 3600)
		s *= 2;
	return s < 6 * 3600 ? s : 6 * 3600;
}

/* ---- check ---- */

static int
blank(const char *s)
{
	return s == NULL || s[strspn(s, " \t\r\n")] == '\0';
}

enum gk_err
gk_sub_check(struct gk_db *db, const struct gk_sub_request *r,
    char msgs[GK_SF__MAX][GK_SUB_MSG_LEN], char *err, size_t errlen)
{
	struct gk_category_list	 cl;
	struct gk_buf		 b;
	size_t			 i, j;
	int			 rc, bad = 0;
	enum gk_err		 e;

	memset(msgs, 0, sizeof(char[GK_SF__MAX][GK_SUB_MSG_LEN]));
	if ((rc = gk_agency_exists(gk_db_sqlite(db), r->agency_id)) != 1) {
		if (rc < 0)
			return gk_db_err(db, err, errlen, "无法查询机构");
		snprintf(err, errlen, "机构 %lld 不存在", (long long)r->agency_id);
		return GK_ENOTFOUND;
	}
	if (blank(r->email))
		snprintf(msgs[GK_SF_EMAIL], GK_SUB_MSG_LEN, "请填写电子邮件");
	else if (!gk_sub_email_ok(r->email))
		snprintf(msgs[GK_SF_EMAIL], GK_SUB_MSG_LEN, "电子邮件地址无效（例如 name@example.com，"
		    "不能含空格、引号、尖括号或换行）");
	if (r->ncategories > GK_SUB_CATS_MAX)
		snprintf(msgs[GK_SF_CATEGORIES], GK_SUB_MSG_LEN, "至多选择 %d 个栏目",
		    GK_SUB_CATS_MAX);
	else if (r->ncategories > 0) {
		if ((e = gk_category_list(db, r->agency_id, &cl, err, errlen)) != GK_OK)
			return e;
		for (i = 0; i < r->ncategories; i++) {
			for (j = 0; j < cl.n && cl.v[j].id != r->categories[i]; j++)
				;
			if (j == cl.n) {
				snprintf(msgs[GK_SF_CATEGORIES], GK_SUB_MSG_LEN, "所选栏目不属于该机构");
				break;
			}
		}
		gk_category_list_free(&cl);
	}
	gk_buf_init(&b, 0);
	(void)gk_sub_terms(r->topics, "主题分类", &b, msgs[GK_SF_TOPICS], GK_SUB_MSG_LEN);
	gk_buf_clear(&b);
	(void)gk_sub_terms(r->keywords, "关键词", &b, msgs[GK_SF_KEYWORDS], GK_SUB_MSG_LEN);
	gk_buf_clear(&b);
	for (i = 0; i < GK_SF__MAX; i++)
		bad += msgs[i][0] != '\0';
	if (bad > 0) {
		for (i = 0; i < GK_SF__MAX && msgs[i][0] == '\0'; i++)
			;
		snprintf(err, errlen, "%s", msgs[i]);
		return GK_EINVAL;
	}
	return GK_OK;
}

/* ---- new ---- */

static enum gk_err
outbox_insert(struct gk_db *db, const char *actor, int64_t sub_id, const char *kind,
    const char *items, const struct gk_sub_mail *m, const char *now, char *err, size_t errlen)
{
	enum gk_err e;

	if (!sha_ok(m->unsub_sha256) || m->message_id == NULL || m->message == NULL) {
		snprintf(err, errlen, "内部错误：邮件不完整");
		return GK_EINVAL;
	}
	if ((e = gk_db_exec(db, "无法保存待发邮件", err, errlen,
	    "INSERT INTO push_outbox (subscription_id, kind, items, unsub_sha256, message_id,"
	    " message, next_attempt, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", "ittttttt",
	    sub_id, kind, items, m->unsub_sha256, m->message_id, m->message, now, now)) != GK_OK)
		return e;
	return audit(db, actor, "push_outbox", sqlite3_last_insert_rowid(gk_db_sqlite(db)),
	    "queue", json_pack("{s:I, s:s, s:s, s:s}", "subscription_id", (json_int_t)sub_id,
	    "kind", kind, "items", items, "message_id", m->message_id), now, err, errlen);
}

enum gk_err
gk_sub_new(struct gk_db *db, const char *actor, const struct gk_sub_request *r,
    const char *confirm_sha256, const struct gk_sub_mail *mail, const char *now,
    int64_t *idp, char *err, size_t errlen)
{
	char		 msgs[GK_SF__MAX][GK_SUB_MSG_LEN], since[40], *me = NULL;
	struct gk_buf	 cats, topics, kws;
	sqlite3_stmt	*st = NULL;
	int64_t		 id, recent;
	size_t		 i;
	enum gk_err	 e;

	if (actor == NULL || actor[0] == '\0' || !sha_ok(confirm_sha256) ||
	    !gk_push_time_add(now, -86400, since)) {
		snprintf(err, errlen, "内部错误：缺少操作人、令牌或时间");
		return GK_EINVAL;
	}
	if ((e = gk_sub_check(db, r, msgs, err, errlen)) != GK_OK)
		return e;
	gk_buf_init(&cats, 0);
	gk_buf_init(&topics, 0);
	gk_buf_init(&kws, 0);
	for (i = 0; i < r->ncategories; i++)
		gk_buf_printf(&cats, "%s%lld", i > 0 ? "," : "", (long long)r->categories[i]);
	(void)gk_sub_terms(r->topics, "主题分类", &topics, msgs[0], GK_SUB_MSG_LEN);
	(void)gk_sub_terms(r->keywords, "关键词", &kws, msgs[0], GK_SUB_MSG_LEN);
	gk_buf_putc(&cats, '\0');
	gk_buf_putc(&topics, '\0');
	gk_buf_putc(&kws, '\0');
	if (cats.err != GK_OK || topics.err != GK_OK || kws.err != GK_OK ||
	    (me = gk_mask_dup(GK_MASK_EMAIL, r->email)) == NULL) {
		e = oom(err, errlen);
		goto out;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	/* the per-address limit: requests in the last 24 hours (stored times are +08:00) */
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*) FROM subscription"
	    " WHERE email = ? COLLATE NOCASE AND created_at > ?", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询订阅");
		goto fail;
	}
	sqlite3_bind_text(st, 1, r->email, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, since, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		e = gk_db_err(db, err, errlen, "无法查询订阅");
		goto fail;
	}
	recent = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	st = NULL;
	if (recent >= GK_SUB_PER_EMAIL) {
		snprintf(err, errlen, "该电子邮件地址 24 小时内已申请订阅 %d 次，请查收已发送的确认邮件，"
		    "或于明天再试", GK_SUB_PER_EMAIL);
		e = GK_ELIMIT;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法保存订阅", err, errlen, "INSERT INTO subscription"
	    " (agency_id, email, categories, topics, keywords, confirm_sha256, created_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?)", "ittttt" "t", r->agency_id, r->email, cats.data,
	    topics.data, kws.data, confirm_sha256, now)) != GK_OK)
		goto fail;
	id = sqlite3_last_insert_rowid(gk_db_sqlite(db));
	if ((e = audit(db, actor, "subscription", id, "new", json_pack("{s:I, s:s, s:s, s:s,"
	    " s:s}", "agency_id", (json_int_t)r->agency_id, "email", me, "categories",
	    cats.data, "topics", topics.data, "keywords", kws.data), now, err, errlen)) != GK_OK ||
	    (e = outbox_insert(db, actor, id, "confirm", "", mail, now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	if (idp != NULL)
		*idp = id;
	goto out;
fail:
	sqlite3_finalize(st);
	gk_db_tx_rollback(db);
out:
	gk_buf_clear(&cats);
	gk_buf_clear(&topics);
	gk_buf_clear(&kws);
	gk_free(me);
	return e;
}

/* ---- confirm, unsubscribe ---- */

/* One row's id, agency, state and created_at for sql with one text parameter. */
static enum gk_err
find_sub(struct gk_db *db, const char *sql, const char *arg, int64_t *id, int64_t *agency,
    char state[16], char created[40], char *email, size_t emaillen, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询订阅");
	sqlite3_bind_text(st, 1, arg, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*id = sqlite3_column_int64(st, 0);
		*agency = sqlite3_column_int64(st, 1);
		gk_strlcpy_utf8(state, col(st, 2), 16);
		gk_strlcpy_utf8(created, col(st, 3), 40);
		gk_strlcpy_utf8(email, col(st, 4), emaillen);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return GK_OK;
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法查询订阅");
	snprintf(err, errlen, "链接无效或已过期");
	return GK_ENOTFOUND;
}

enum gk_err
gk_sub_confirm(struct gk_db *db, const char *actor, const char *sha256, const char *now,
    int *already, int64_t *agencyp, char *err, size_t errlen)
{
	char		 state[16], created[40], oldest[40], email[GK_SUB_EMAIL_MAX + 1];
	int64_t		 id, agency;
	enum gk_err	 e;

	*already = 0;
	if (!sha_ok(sha256) || !gk_push_time_add(now, -86400L * GK_SUB_CONFIRM_DAYS, oldest)) {
		snprintf(err, errlen, "链接无效或已过期");
		return GK_ENOTFOUND;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = find_sub(db, "SELECT id, agency_id, state, created_at, email FROM subscription"
	    " WHERE confirm_sha256 = ?", sha256, &id, &agency, state, created, email,
	    sizeof(email), err, errlen)) != GK_OK)
		goto fail;
	if (agencyp != NULL)
		*agencyp = agency;
	if (strcmp(state, "confirmed") == 0) {
		*already = 1;
		gk_db_tx_rollback(db);
		return GK_OK;
	}
	if (strcmp(state, "pending") != 0 || strcmp(created, oldest) < 0) {
		snprintf(err, errlen, "链接无效或已过期");
		e = GK_ENOTFOUND;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法更新订阅", err, errlen, "UPDATE subscription SET state ="
	    " 'replaced', unsubscribed_at = ? WHERE agency_id = ? AND email = ? COLLATE NOCASE"
	    " AND state = 'confirmed'", "tit", now, agency, email)) != GK_OK ||
	    (e = gk_db_exec(db, "无法更新订阅", err, errlen, "UPDATE subscription SET state ="
	    " 'confirmed', confirmed_at = ?, mark = ? WHERE id = ?", "tti", now, now, id)) != GK_OK ||
	    (e = audit(db, actor, "subscription", id, "confirm", json_pack("{s:s}", "state",
	    "confirmed"), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_sub_unsubscribe(struct gk_db *db, const char *actor, const char *sha256, const char *now,
    int *already, char *err, size_t errlen)
{
	char		 state[16], created[40], email[GK_SUB_EMAIL_MAX + 1];
	int64_t		 id, agency;
	enum gk_err	 e;

	*already = 0;
	if (!sha_ok(sha256)) {
		snprintf(err, errlen, "链接无效或已过期");
		return GK_ENOTFOUND;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = find_sub(db, "SELECT s.id, s.agency_id, s.state, s.created_at, s.email"
	    " FROM push_outbox o JOIN subscription s ON s.id = o.subscription_id"
	    " WHERE o.unsub_sha256 = ?", sha256, &id, &agency, state, created, email,
	    sizeof(email), err, errlen)) != GK_OK)
		goto fail;
	if (strcmp(state, "unsubscribed") == 0 || strcmp(state, "replaced") == 0) {
		*already = 1;
		gk_db_tx_rollback(db);
		return GK_OK;
	}
	if ((e = gk_db_exec(db, "无法退订", err, errlen, "UPDATE subscription SET state ="
	    " 'unsubscribed', unsubscribed_at = ? WHERE id = ?", "ti", now, id)) != GK_OK ||
	    (e = gk_db_exec(db, "无法退订", err, errlen, "UPDATE push_outbox SET state ="
	    " 'cancelled', message = NULL WHERE subscription_id = ? AND state = 'pending'", "i",
	    id)) != GK_OK ||
	    (e = audit(db, actor, "subscription", id, "unsubscribe", json_pack("{s:s, s:s}",
	    "state", "unsubscribed", "was", state), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* ---- digests ---- */

static void
digest_clear(struct gk_sub_digest *d)
{
	size_t j;

	gk_free(d->email);
	gk_free(d->agency);
	gk_free(d->mark);
	gk_free(d->new_mark);
	for (j = 0; j < d->nitems; j++)
		gk_free(d->items[j].title);
	gk_free(d->items);
	memset(d, 0, sizeof(*d));
}

void
gk_sub_digests_free(struct gk_sub_digest *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++)
		digest_clear(&v[i]);
	gk_free(v);
}

/* 1 when line-separated list has a line equal to s (s non-empty). */
static int
has_line(const char *list, const char *s)
{
	size_t n = strlen(s);
	const char *p = list;

	if (n == 0)
		return 0;
	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t l = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (l == n && memcmp(p, s, n) == 0)
			return 1;
		p += l + (nl != NULL);
	}
	return 0;
}

/* 1 when any line of list occurs in one of the texts. */
static int
any_in(const char *list, const char *const *texts, size_t nt)
{
	char		 term[GK_SUB_TERM_MAX * 4 + 1];
	const char	*p = list;
	size_t		 i;

	while (*p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t l = nl != NULL ? (size_t)(nl - p) : strlen(p);

		if (l > 0 && l < sizeof(term)) {
			memcpy(term, p, l);
			term[l] = '\0';
			for (i = 0; i < nt; i++)
				if (strstr(texts[i], term) != NULL)
					return 1;
		}
		p += l + (nl != NULL);
	}
	return 0;
}

/* 1 when cat or one of its parents (parent map of the agency's tree) is in the id list. */
static int
cat_in(const char *cats, int64_t cat, const struct gk_category_list *cl)
{
	int depth;

	for (depth = 0; cat > 0 && depth <= GK_CATEGORY_DEPTH_MAX; depth++) {
		const char *p = cats;
		size_t j;

		while (*p != '\0') {
			char *end;
			long long v = strtoll(p, &end, 10);

			if (v == cat)
				return 1;
			p = *end == ',' ? end + 1 : end;
			if (end == p && *end != ',')
				break;
		}
		for (j = 0; j < cl->n && cl->v[j].id != cat; j++)
			;
		cat = j < cl->n ? cl->v[j].parent_id : 0;
	}
	return 0;
}

/* The items of one subscription (its row in sub). */
static enum gk_err
digest_one(struct gk_db *db, sqlite3_stmt *sub, const char *now, struct gk_sub_digest *d,
    char *err, size_t errlen)
{
	struct gk_category_list	 cl;
	sqlite3_stmt		*st;
	const char		*cats = col(sub, 3), *topics = col(sub, 4), *kws = col(sub, 5);
	int			 all = cats[0] == '\0' && topics[0] == '\0' && kws[0] == '\0', rc;
	size_t			 cap = 0;
	enum gk_err		 e = GK_OK;

	memset(d, 0, sizeof(*d));
	d->sub_id = sqlite3_column_int64(sub, 0);
	d->agency_id = sqlite3_column_int64(sub, 1);
	if ((d->email = gk_strdup(col(sub, 2))) == NULL ||
	    (d->agency = gk_strdup(col(sub, 7))) == NULL ||
	    (sqlite3_column_type(sub, 6) != SQLITE_NULL &&
	    (d->mark = gk_strdup(col(sub, 6))) == NULL))
		return oom(err, errlen);
	if ((e = gk_category_list(db, d->agency_id, &cl, err, errlen)) != GK_OK)
		return e;
	/*
	 * After the mark "TIME" or "TIME#ID" (the last item considered): a later
	 * time, or the same second and a higher id, so an item published in
	 * the mark's second but committed after the run that set it still comes.
	 */
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, title, keywords, body, topic,"
	    " coalesce(category_id, 0), published_at FROM item WHERE agency_id = ?1 AND state ="
	    " 'published' AND published_at IS NOT NULL AND (?2 IS NULL OR published_at > ?2 OR"
	    " (published_at = ?2 AND id > ?4)) AND published_at <= ?3 ORDER BY published_at, id",
	    -1, &st, NULL) != SQLITE_OK) {
		gk_category_list_free(&cl);
		return gk_db_err(db, err, errlen, "无法查询信息");
	}
	sqlite3_bind_int64(st, 1, d->agency_id);
	if (d->mark != NULL) {
		const char *hash = strchr(d->mark, '#');

		sqlite3_bind_text(st, 2, d->mark, hash != NULL ? (int)(hash - d->mark) : -1,
		    SQLITE_STATIC);
		sqlite3_bind_int64(st, 4, hash != NULL ? strtoll(hash + 1, NULL, 10) : 0);
	}
	sqlite3_bind_text(st, 3, now, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *texts[3] = { col(st, 1), col(st, 2), col(st, 3) };
		struct gk_sub_item *it;

		d->considered++;
		gk_free(d->new_mark);
		{
			char m[80];

			snprintf(m, sizeof(m), "%.40s#%lld", col(st, 6),
			    (long long)sqlite3_column_int64(st, 0));
			if ((d->new_mark = gk_strdup(m)) == NULL) {
				e = oom(err, errlen);
				break;
			}
		}
		if (!all && !cat_in(cats, sqlite3_column_int64(st, 5), &cl) &&
		    !has_line(topics, col(st, 4)) && !any_in(kws, texts, 3))
			continue;
		if (d->nitems == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct gk_sub_item *nv = gk_calloc(nc, sizeof(*nv));

			if (nv == NULL) {
				e = oom(err, errlen);
				break;
			}
			if (d->items != NULL)
				memcpy(nv, d->items, d->nitems * sizeof(*nv));
			gk_free(d->items);
			d->items = nv;
			cap = nc;
		}
		it = &d->items[d->nitems];
		it->id = sqlite3_column_int64(st, 0);
		gk_strlcpy_utf8(it->published, col(st, 6), sizeof(it->published));
		if ((it->title = gk_strdup(col(st, 1))) == NULL) {
			e = oom(err, errlen);
			break;
		}
		d->nitems++;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询信息");
	sqlite3_finalize(st);
	gk_category_list_free(&cl);
	return e;
}

enum gk_err
gk_sub_digests(struct gk_db *db, const char *now, struct gk_sub_digest **vp, size_t *np,
    char *err, size_t errlen)
{
	sqlite3_stmt		*sub;
	struct gk_sub_digest	*v = NULL, d;
	size_t			 n = 0, cap = 0;
	enum gk_err		 e = GK_OK;
	int			 rc;

	*vp = NULL;
	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT s.id, s.agency_id, s.email,"
	    " s.categories, s.topics, s.keywords, s.mark, a.name FROM subscription s"
	    " JOIN agency a ON a.id = s.agency_id WHERE s.state = 'confirmed' ORDER BY s.id",
	    -1, &sub, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询订阅");
	while ((rc = sqlite3_step(sub)) == SQLITE_ROW) {
		if ((e = digest_one(db, sub, now, &d, err, errlen)) != GK_OK) {
			digest_clear(&d);
			break;
		}
		if (d.considered == 0) {
			digest_clear(&d);
			continue;
		}
		if (n == cap) {
			size_t nc = cap ? cap * 2 : 8;
			struct gk_sub_digest *nv = gk_calloc(nc, sizeof(*nv));

			if (nv == NULL) {
				digest_clear(&d);
				e = oom(err, errlen);
				break;
			}
			if (v != NULL)
				memcpy(nv, v, n * sizeof(*nv));
			gk_free(v);
			v = nv;
			cap = nc;
		}
		v[n++] = d;
	}
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询订阅");
	sqlite3_finalize(sub);
	if (e != GK_OK) {
		gk_sub_digests_free(v, n);
		return e;
	}
	*vp = v;
	*np = n;
	return GK_OK;
}

enum gk_err
gk_sub_digest_enqueue(struct gk_db *db, const char *actor, const struct gk_sub_digest *d,
    const struct gk_sub_mail *mail, const char *now, char *err, size_t errlen)
{
	struct gk_buf	 items;
	size_t		 i;
	enum gk_err	 e;

	gk_buf_init(&items, 0);
	for (i = 0; i < d->nitems; i++)
		gk_buf_printf(&items, "%s%lld", i > 0 ? "," : "", (long long)d->items[i].id);
	gk_buf_putc(&items, '\0');
	if (items.err != GK_OK) {
		gk_buf_clear(&items);
		return oom(err, errlen);
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		goto out;
	if ((e = gk_db_exec(db, "无法更新订阅", err, errlen, "UPDATE subscription SET mark = ?"
	    " WHERE id = ? AND state = 'confirmed' AND mark IS ?", "tit", d->new_mark, d->sub_id,
	    d->mark)) != GK_OK)
		goto fail;
	if (sqlite3_changes(gk_db_sqlite(db)) != 1) {
		snprintf(err, errlen, "订阅 %lld 已由另一次推送处理", (long long)d->sub_id);
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = audit(db, actor, "subscription", d->sub_id, "mark", json_pack("{s:s, s:s,"
	    " s:I}", "mark", d->new_mark, "items", items.data, "considered",
	    (json_int_t)d->considered), now, err, errlen)) != GK_OK)
		goto fail;
	if (mail != NULL && d->nitems > 0 &&
	    (e = outbox_insert(db, actor, d->sub_id, "digest", items.data, mail, now, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	goto out;
fail:
	gk_db_tx_rollback(db);
out:
	gk_buf_clear(&items);
	return e;
}

/* ---- the outbox ---- */

void
gk_push_rows_free(struct gk_push_row *v, size_t n)
{
	size_t i;

	for (i = 0; v != NULL && i < n; i++) {
		gk_free(v[i].email);
		gk_free(v[i].message);
		gk_free(v[i].message_id);
		gk_free(v[i].items);
		gk_free(v[i].last_error);
	}
	gk_free(v);
}

#define ROW_COLS "o.id, o.subscription_id, o.kind, o.state, s.email, o.message," \
	" o.message_id, o.items, o.attempts, o.next_attempt, o.created_at," \
	" coalesce(o.sent_at, ''), coalesce(o.last_error, '')"

static enum gk_err
rows(struct gk_db *db, sqlite3_stmt *st, int masked, size_t max, struct gk_push_row **vp,
    size_t *np, char *err, size_t errlen)
{
	struct gk_push_row	*v;
	size_t			 n = 0;
	int			 rc;

	*vp = NULL;
	*np = 0;
	if ((v = gk_calloc(max > 0 ? max : 1, sizeof(*v))) == NULL) {
		sqlite3_finalize(st);
		return oom(err, errlen);
	}
	while (n < max && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_push_row *r = &v[n++];

		r->id = sqlite3_column_int64(st, 0);
		r->sub_id = sqlite3_column_int64(st, 1);
		gk_strlcpy_utf8(r->kind, col(st, 2), sizeof(r->kind));
		gk_strlcpy_utf8(r->state, col(st, 3), sizeof(r->state));
		r->email = masked ? gk_mask_dup(GK_MASK_EMAIL, col(st, 4)) : gk_strdup(col(st, 4));
		if (!masked && sqlite3_column_type(st, 5) != SQLITE_NULL)
			r->message = gk_strdup(col(st, 5));
		r->message_id = gk_strdup(col(st, 6));
		r->items = gk_strdup(col(st, 7));
		r->attempts = sqlite3_column_int(st, 8);
		gk_strlcpy_utf8(r->next_attempt, col(st, 9), sizeof(r->next_attempt));
		gk_strlcpy_utf8(r->created_at, col(st, 10), sizeof(r->created_at));
		gk_strlcpy_utf8(r->sent_at, col(st, 11), sizeof(r->sent_at));
		r->last_error = gk_strdup(col(st, 12));
		if (r->email == NULL || r->message_id == NULL || r->items == NULL ||
		    r->last_error == NULL || (!masked && sqlite3_column_type(st, 5) !=
		    SQLITE_NULL && r->message == NULL)) {
			sqlite3_finalize(st);
			gk_push_rows_free(v, n);
			return oom(err, errlen);
		}
		rc = SQLITE_ROW;
	}
	if (n < max && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		gk_push_rows_free(v, n);
		return gk_db_err(db, err, errlen, "无法查询待发邮件");
	}
	sqlite3_finalize(st);
	*vp = v;
	*np = n;
	return GK_OK;
}

/* The rows of the outbox that sql selects (?1 text or NULL, ?2 an id or 0). */
static enum gk_err
outbox_query(struct gk_db *db, const char *sql, const char *arg, int64_t id, int masked,
    size_t max, struct gk_push_row **vp, size_t *np, char *err, size_t errlen)
{
	sqlite3_stmt *st;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询待发邮件");
	if (arg != NULL)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	if (sqlite3_bind_parameter_count(st) >= 2)
		sqlite3_bind_int64(st, 2, id);
	return rows(db, st, masked, max, vp, np, err, errlen);
}

enum gk_err
gk_push_due(struct gk_db *db, const char *now, size_t max, struct gk_push_row **vp,
    size_t *np, char *err, size_t errlen)
{
	return outbox_query(db, "SELECT " ROW_COLS " FROM push_outbox o JOIN subscription s"
	    " ON s.id = o.subscription_id WHERE o.state = 'pending' AND o.next_attempt <= ?1"
	    " ORDER BY o.next_attempt, o.id", now, 0, 0, max, vp, np, err, errlen);
}

enum gk_err
gk_push_list(struct gk_db *db, const char *state, int64_t agency_id, size_t max,
    struct gk_push_row **vp, size_t *np, char *err, size_t errlen)
{
	return outbox_query(db, "SELECT " ROW_COLS " FROM push_outbox o JOIN subscription s"
	    " ON s.id = o.subscription_id WHERE (?1 IS NULL OR o.state = ?1)"
	    " AND (?2 = 0 OR s.agency_id = ?2) ORDER BY o.id DESC", state, agency_id, 1, max, vp,
	    np, err, errlen);
}

enum gk_err
gk_push_mark_sent(struct gk_db *db, const char *actor, int64_t id, const char *now,
    char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_exec(db, "无法记录发送", err, errlen, "UPDATE push_outbox SET state ="
	    " 'sent', sent_at = ?, message = NULL, attempts = attempts + 1, last_error = NULL"
	    " WHERE id = ? AND state = 'pending'", "ti", now, id)) != GK_OK)
		goto fail;
	if (sqlite3_changes(gk_db_sqlite(db)) != 1) {
		snprintf(err, errlen, "邮件 %lld 不在待发状态", (long long)id);
		e = GK_ECONFLICT;
		goto fail;
	}
	if ((e = audit(db, actor, "push_outbox", id, "sent", json_pack("{s:s}", "state", "sent"),
	    now, err, errlen)) != GK_OK || (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_push_mark_failed(struct gk_db *db, const char *actor, int64_t id, const char *error,
    int permanent, const char *now, int *gave_up, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 next[40], msg[512];
	int		 attempts, give;
	enum gk_err	 e;

	gk_strlcpy_utf8(msg, error != NULL ? error : "", sizeof(msg));
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT attempts FROM push_outbox WHERE id = ?"
	    " AND state = 'pending'", -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询待发邮件");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, id);
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		snprintf(err, errlen, "邮件 %lld 不在待发状态", (long long)id);
		e = GK_ECONFLICT;
		goto fail;
	}
	attempts = sqlite3_column_int(st, 0) + 1;
	sqlite3_finalize(st);
	give = permanent || attempts >= GK_PUSH_ATTEMPTS_MAX;
	if (!gk_push_time_add(now, gk_push_backoff(attempts), next)) {
		snprintf(err, errlen, "时间格式无效：%s", now);
		e = GK_EINVAL;
		goto fail;
	}
	if ((e = gk_db_exec(db, "无法记录发送失败", err, errlen, "UPDATE push_outbox SET"
	    " attempts = ?, last_error = ?, next_attempt = ?, state = ? WHERE id = ?", "ittti",
	    (int64_t)attempts, msg, next, give ? "failed" : "pending", id)) != GK_OK ||
	    (e = audit(db, actor, "push_outbox", id, give ? "give_up" : "retry",
	    json_pack("{s:i, s:s, s:s}", "attempts", attempts, "error", msg, "next_attempt",
	    give ? "" : next), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	if (gave_up != NULL)
		*gave_up = give;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

enum gk_err
gk_sub_counts(struct gk_db *db, int64_t counts[3], char *err, size_t errlen)
{
	static const char *const states[3] = { "pending", "confirmed", "unsubscribed" };
	sqlite3_stmt	*st;
	int		 i;

	for (i = 0; i < 3; i++) {
		if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*) FROM subscription"
		    " WHERE state = ?", -1, &st, NULL) != SQLITE_OK)
			return gk_db_err(db, err, errlen, "无法查询订阅");
		sqlite3_bind_text(st, 1, states[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_ROW) {
			sqlite3_finalize(st);
			return gk_db_err(db, err, errlen, "无法查询订阅");
		}
		counts[i] = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	return GK_OK;
}

/* ---- SMTP settings ---- */

static const char *const smtp_keys[4] = { "url", "from", "user", "password" };

enum gk_err
gk_smtp_load(struct gk_db *db, struct gk_smtp_conf *c, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		*fields[4];
	size_t		 sizes[4];
	int		 i;

	memset(c, 0, sizeof(*c));
	fields[0] = c->url, sizes[0] = sizeof(c->url);
	fields[1] = c->from, sizes[1] = sizeof(c->from);
	fields[2] = c->user, sizes[2] = sizeof(c->user);
	fields[3] = c->password, sizes[3] = sizeof(c->password);
	for (i = 0; i < 4; i++) {
		char key[32];

		snprintf(key, sizeof(key), "smtp_%s", smtp_keys[i]);
		if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT value FROM platform_setting"
		    " WHERE key = ?", -1, &st, NULL) != SQLITE_OK)
			return gk_db_err(db, err, errlen, "无法查询平台设置");
		sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
		if (sqlite3_step(st) == SQLITE_ROW)
			gk_strlcpy_utf8(fields[i], col(st, 0), sizes[i]);
		sqlite3_finalize(st);
	}
	return GK_OK;
}

enum gk_err
gk_smtp_set(struct gk_db *db, const char *actor, const char *key, const char *value,
    const char *now, char *err, size_t errlen)
{
	char		 k[32];
	int		 i;
	enum gk_err	 e;

	for (i = 0; i < 4 && strcmp(key, smtp_keys[i]) != 0; i++)
		;
	if (i == 4) {
		snprintf(err, errlen, "未知的 SMTP 设置 '%s'（可用：url, from, user, password）", key);
		return GK_EINVAL;
	}
	if (gk_consult_text_chars(value, 0) < 0 || strlen(value) > 120) {
		snprintf(err, errlen, "SMTP 设置 %s 须为不含控制字符的文本，至多 120 字节", key);
		return GK_EINVAL;
	}
	if (i == 0 && value[0] != '\0' && strncmp(value, "smtp://", 7) != 0 &&
	    strncmp(value, "smtps://", 8) != 0) {
		snprintf(err, errlen, "SMTP 地址须以 smtp:// 或 smtps:// 开头");
		return GK_EINVAL;
	}
	if (i == 1 && value[0] != '\0' && !gk_sub_email_ok(value)) {
		snprintf(err, errlen, "发件地址无效：%s", value);
		return GK_EINVAL;
	}
	snprintf(k, sizeof(k), "smtp_%s", key);
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if (value[0] == '\0')
		e = gk_db_exec(db, "无法保存平台设置", err, errlen,
		    "DELETE FROM platform_setting WHERE key = ?", "t", k);
	else
		e = gk_db_exec(db, "无法保存平台设置", err, errlen, "INSERT INTO platform_setting"
		    " (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = ?2",
		    "tt", k, value);
	if (e != GK_OK ||
	    (e = audit(db, actor, "platform", 0, "setting", json_pack("{s:s, s:s}", "key", k,
	    "value", i == 3 ? (value[0] != '\0' ? "（已设置）" : "（已清除）") : value), now, err,
	    errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}
