/*
 * consultation.c — 留言咨询; the rules are in store/consultation.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/date.h"
#include "core/mask.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/consultation.h"
#include "store/db.h"
#include "store/user.h"

#define CONSULT_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_OFFICE) | \
			    WF_ROLE_BIT(WF_ROLE_ADMIN))
#define CONSULT_CODE_TRIES	8
#define CONSULT_LIST_MAX	1000
#define CONSULT_PUBLIC_MAX	100

static const char *const state_names[GK_CONSULT__MAX] = {
	"pending", "answered", "published", "rejected",
};
static const char *const state_labels[GK_CONSULT__MAX] = {
	"待处理", "已答复（未公开）", "已公开", "不予公开",
};

const char *
gk_consult_state_name(enum gk_consult_state s)
{
	return (unsigned)s < GK_CONSULT__MAX ? state_names[s] : "";
}

const char *
gk_consult_state_label(enum gk_consult_state s)
{
	return (unsigned)s < GK_CONSULT__MAX ? state_labels[s] : "";
}

int
gk_consult_state_from_name(const char *s, enum gk_consult_state *out)
{
	int i;

	for (i = 0; s != NULL && i < GK_CONSULT__MAX; i++)
		if (strcmp(s, state_names[i]) == 0 || strcmp(s, state_labels[i]) == 0) {
			*out = (enum gk_consult_state)i;
			return 1;
		}
	/* the short forms an officer types */
	if (s != NULL && strcmp(s, "已答复") == 0) {
		*out = GK_CONSULT_ANSWERED;
		return 1;
	}
	return 0;
}

/* ---- checks ---- */

long
gk_consult_text_chars(const char *s, int multiline)
{
	size_t	 len = strlen(s), i;
	long	 chars = 0;

	if (gk_utf8_check(s, len) != len)
		return -1;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		int ctl = c < 0x20 || c == 0x7f;

		if (ctl && !(multiline && (c == '\t' || c == '\n' || c == '\r')))
			return -1;
		chars += (c & 0xc0) != 0x80;
	}
	return chars;
}

static int
is_blank(const char *s)
{
	return s[strspn(s, " \t\r\n")] == '\0';
}

static const char *
nn(const char *s)
{
	return s == NULL ? "" : s;
}

/* 5 to 20 digits; besides them only + - ( ) and spaces. */
static int
valid_phone(const char *s)
{
	size_t	 i, digits = 0;

	if (s[strspn(s, "0123456789+-() ")] != '\0')
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
	return digits >= 5 && digits <= 20;
}

/* local@domain.tld: one @, something before it, a dot after it, no spaces. */
static int
valid_email(const char *s)
{
	const char *at = strchr(s, '@');

	if (at == NULL || at == s || strchr(at + 1, '@') != NULL || strpbrk(s, " \t") != NULL)
		return 0;
	at = strchr(at + 1, '.');
	return at != NULL && at[-1] != '@' && at[1] != '\0';
}

/* One required or optional text field: "" when good, else the message in m. */
static void
check_text(char m[GK_CONSULT_MSG_LEN], const char *label, const char *s, long max,
    int required, int multiline)
{
	long n = gk_consult_text_chars(s, multiline);

	m[0] = '\0';
	if (n < 0)
		snprintf(m, GK_CONSULT_MSG_LEN, "%s含有无法识别的字符或控制字符", label);
	else if (required && is_blank(s))
		snprintf(m, GK_CONSULT_MSG_LEN, "请填写%s", label);
	else if (n > max)
		snprintf(m, GK_CONSULT_MSG_LEN, "%s至多 %ld 个字符（现为 %ld 个）", label, max, n);
}

enum gk_err
gk_consult_check(const struct gk_consult_intake *in, char msg[GK_CF__MAX][GK_CONSULT_MSG_LEN])
{
	const char	*phone = nn(in->phone), *email = nn(in->email);
	int		 i;

	check_text(msg[GK_CF_NAME], "姓名", nn(in->name), GK_CONSULT_NAME_MAX, 1, 0);
	check_text(msg[GK_CF_PHONE], "联系电话", phone, GK_CONSULT_CONTACT_MAX, 0, 0);
	check_text(msg[GK_CF_EMAIL], "电子邮件", email, GK_CONSULT_CONTACT_MAX, 0, 0);
	check_text(msg[GK_CF_TITLE], "标题", nn(in->title), GK_CONSULT_TITLE_MAX, 1, 0);
	check_text(msg[GK_CF_QUESTION], "留言内容", nn(in->question), GK_CONSULT_QUESTION_MAX,
	    1, 1);
	if (msg[GK_CF_PHONE][0] == '\0' && msg[GK_CF_EMAIL][0] == '\0' &&
	    is_blank(phone) && is_blank(email)) {
		snprintf(msg[GK_CF_PHONE], GK_CONSULT_MSG_LEN, "联系电话和电子邮件至少填写一项");
		snprintf(msg[GK_CF_EMAIL], GK_CONSULT_MSG_LEN, "联系电话和电子邮件至少填写一项");
	}
	if (msg[GK_CF_PHONE][0] == '\0' && !is_blank(phone) && !valid_phone(phone))
		snprintf(msg[GK_CF_PHONE], GK_CONSULT_MSG_LEN, "联系电话无效：只能包含数字、空格和"
		    " + - ( )，5 至 20 位数字");
	if (msg[GK_CF_EMAIL][0] == '\0' && !is_blank(email) && !valid_email(email))
		snprintf(msg[GK_CF_EMAIL], GK_CONSULT_MSG_LEN, "电子邮件地址无效（例如 name@example.com）");
	for (i = 0; i < GK_CF__MAX; i++)
		if (msg[i][0] != '\0')
			return GK_EINVAL;
	return GK_OK;
}

/* ---- tracking codes ---- */

static const char code_digits[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/* 12 characters each drawn uniformly from 32 (60 bits) by libsodium. */
static enum gk_err
new_code(char out[GK_CONSULT_CODE_LEN + 1], char *err, size_t errlen)
{
	size_t i;

	if (sodium_init() < 0) {
		snprintf(err, errlen, "无法初始化随机数发生器");
		return GK_EIO;
	}
	for (i = 0; i < GK_CONSULT_CODE_LEN; i++)
		out[i] = code_digits[randombytes_uniform(32)];
	out[GK_CONSULT_CODE_LEN] = '\0';
	return GK_OK;
}

/* ---- helpers ---- */

static enum gk_err
oom(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

static enum gk_err
need_actor(const char *actor, char *err, size_t errlen)
{
	if (actor == NULL || actor[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人");
		return GK_EINVAL;
	}
	return GK_OK;
}

static const char *
col(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL ? t : "";
}

#define CONSULT_COLS "id, agency_id, code, name, phone, email, title, question," \
	" answer, answered_by, reject_reason, asked_at, asked_date, state, answer_date," \
	" published_at"

static enum gk_err
consult_fill(sqlite3_stmt *st, void *out)
{
	struct gk_consult *c = out;

	memset(c, 0, sizeof(*c));
	c->id = sqlite3_column_int64(st, 0);
	c->agency_id = sqlite3_column_int64(st, 1);
	gk_strlcpy_utf8(c->code, col(st, 2), sizeof(c->code));
	c->name = gk_strdup(col(st, 3));
	c->phone = gk_strdup(col(st, 4));
	c->email = gk_strdup(col(st, 5));
	c->title = gk_strdup(col(st, 6));
	c->question = gk_strdup(col(st, 7));
	c->answer = gk_strdup(col(st, 8));
	c->answered_by = gk_strdup(col(st, 9));
	c->reject_reason = gk_strdup(col(st, 10));
	gk_strlcpy_utf8(c->asked_at, col(st, 11), sizeof(c->asked_at));
	c->asked = gk_apply_col_date(st, 12);
	if (!gk_consult_state_from_name(col(st, 13), &c->state))
		c->state = GK_CONSULT_PENDING;
	c->answered = gk_apply_col_date(st, 14);
	gk_strlcpy_utf8(c->published_at, col(st, 15), sizeof(c->published_at));
	if (c->name == NULL || c->phone == NULL || c->email == NULL || c->title == NULL ||
	    c->question == NULL || c->answer == NULL || c->answered_by == NULL ||
	    c->reject_reason == NULL) {
		gk_consult_clear(c);
		return GK_ENOMEM;
	}
	return GK_OK;
}

void
gk_consult_clear(struct gk_consult *c)
{
	if (c == NULL)
		return;
	gk_free(c->name);
	gk_free(c->phone);
	gk_free(c->email);
	gk_free(c->title);
	gk_free(c->question);
	gk_free(c->answer);
	gk_free(c->answered_by);
	gk_free(c->reject_reason);
	memset(c, 0, sizeof(*c));
}

/* The row, no authorisation. */
static enum gk_err
consult_load(struct gk_db *db, int64_t id, struct gk_consult *c, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	char		 what[32];

	memset(c, 0, sizeof(*c));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT " CONSULT_COLS
	    " FROM consultation WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询留言");
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof(what), "%lld", (long long)id);
	return gk_db_get_one(db, st, consult_fill, c, "留言", what, err, errlen);
}

/* ---- new ---- */

enum gk_err
gk_consult_new(struct gk_db *db, const char *actor, int64_t agency_id,
    const struct gk_consult_intake *in, const char *now, int64_t *idp,
    char codep[GK_CONSULT_CODE_LEN + 1], char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	char		 msg[GK_CF__MAX][GK_CONSULT_MSG_LEN], code[GK_CONSULT_CODE_LEN + 1];
	char		 ad[GK_DATE_LEN], *mn = NULL, *mp = NULL, *me = NULL;
	int32_t		 today;
	int64_t		 id;
	enum gk_err	 e;
	int		 rc, i, tries;

	if ((e = need_actor(actor, err, errlen)) != GK_OK ||
	    (e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	if (gk_consult_check(in, msg) != GK_OK) {
		for (i = 0; i < GK_CF__MAX && msg[i][0] == '\0'; i++)
			;
		snprintf(err, errlen, "%s", msg[i]);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	for (tries = 0;; tries++) {
		if ((e = new_code(code, err, errlen)) != GK_OK)
			goto fail;
		if (sqlite3_prepare_v2(h, "SELECT 1 FROM consultation WHERE code = ?", -1, &st,
		    NULL) != SQLITE_OK) {
			e = gk_db_err(db, err, errlen, "无法查询查询码");
			goto fail;
		}
		sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
		rc = sqlite3_step(st);
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			break;
		if (rc != SQLITE_ROW || tries + 1 >= CONSULT_CODE_TRIES) {
			if (rc != SQLITE_ROW)
				e = gk_db_err(db, err, errlen, "无法查询查询码");
			else {
				snprintf(err, errlen, "无法生成未被占用的查询码");
				e = GK_ECONFLICT;
			}
			goto fail;
		}
	}
	gk_date_format(today, ad);
	if (sqlite3_prepare_v2(h, "INSERT INTO consultation (agency_id, code, name, phone,"
	    " email, title, question, asked_at, asked_date) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存留言");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, in->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, nn(in->phone), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, nn(in->email), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, in->title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, in->question, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, ad, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存留言");
		goto fail;
	}
	id = sqlite3_last_insert_rowid(h);
	mn = gk_mask_dup(GK_MASK_NAME, in->name);
	mp = gk_mask_dup(GK_MASK_PHONE, nn(in->phone));
	me = gk_mask_dup(GK_MASK_EMAIL, nn(in->email));
	if (mn == NULL || mp == NULL || me == NULL) {
		e = oom(err, errlen);
		goto fail;
	}
	if ((e = gk_apply_audit(db, actor, "consultation", id, "new",
	    json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s}", "agency_id",
	    (json_int_t)agency_id, "code", code, "name", mn, "phone", mp, "email", me,
	    "title", in->title, "question", in->question, "asked", ad), now, err,
	    errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_free(mn);
	gk_free(mp);
	gk_free(me);
	if (idp != NULL)
		*idp = id;
	if (codep != NULL)
		memcpy(codep, code, sizeof(code));
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_free(mn);
	gk_free(mp);
	gk_free(me);
	return e;
}

/* ---- the officer's steps ---- */

/*
 * Inside a transaction: loads id into c, checks the actor, and that the
 * state is one of allowed (a bit per state); else the refusal in err.
 */
static enum gk_err
step_begin(struct gk_db *db, const char *actor, int64_t id, unsigned allowed,
    const char *what, struct gk_consult *c, char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = consult_load(db, id, c, err, errlen)) != GK_OK ||
	    (e = gk_user_authorize(db, actor, c->agency_id, CONSULT_ROLES, 0, err,
	    errlen)) != GK_OK)
		return e;
	if (!(allowed & (1u << c->state))) {
		switch (c->state) {
		case GK_CONSULT_PENDING:
			snprintf(err, errlen, "留言 %lld 尚未答复，不能%s", (long long)id, what);
			break;
		case GK_CONSULT_ANSWERED:
			snprintf(err, errlen, "留言 %lld 已答复，不能%s", (long long)id, what);
			break;
		case GK_CONSULT_PUBLISHED:
			snprintf(err, errlen, "留言 %lld 已公开，不能%s", (long long)id, what);
			break;
		default:
			snprintf(err, errlen, "留言 %lld 已作不予公开处理（%s），不能%s",
			    (long long)id, c->reject_reason, what);
			break;
		}
		return GK_ECONFLICT;
	}
	return GK_OK;
}

/* Runs an UPDATE bound by bind(); one row must change. */
static enum gk_err
step_update(struct gk_db *db, const char *sql, const char *a1, const char *a2,
    const char *a3, int64_t id, const char *what, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, what);
	sqlite3_bind_text(st, 1, a1, -1, SQLITE_STATIC);
	if (a2 != NULL)
		sqlite3_bind_text(st, 2, a2, -1, SQLITE_STATIC);
	if (a3 != NULL)
		sqlite3_bind_text(st, 3, a3, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE || sqlite3_changes(gk_db_sqlite(db)) != 1)
		return gk_db_err(db, err, errlen, what);
	return GK_OK;
}

#define B(s)	(1u << (s))

enum gk_err
gk_consult_answer(struct gk_db *db, const char *actor, int64_t id, const char *text,
    int32_t date, const char *now, char *err, size_t errlen)
{
	struct gk_consult	 c;
	char			 d[GK_DATE_LEN], a[GK_DATE_LEN];
	int32_t			 today;
	long			 n;
	enum gk_err		 e;

	memset(&c, 0, sizeof(c));
	if ((e = need_actor(actor, err, errlen)) != GK_OK ||
	    (e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	n = gk_consult_text_chars(nn(text), 1);
	if (n < 0 || is_blank(nn(text)) || n > GK_CONSULT_ANSWER_MAX) {
		snprintf(err, errlen, "答复内容为必填项，至多 %d 个字符，不含控制字符",
		    GK_CONSULT_ANSWER_MAX);
		return GK_EINVAL;
	}
	if (date == GK_DATE_NONE) {
		snprintf(err, errlen, "缺少答复日期");
		return GK_EINVAL;
	}
	if (date > today) {
		gk_date_format(date, d);
		snprintf(err, errlen, "答复日期 %s 晚于今天", d);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = step_begin(db, actor, id, B(GK_CONSULT_PENDING) | B(GK_CONSULT_ANSWERED),
	    "答复", &c, err, errlen)) != GK_OK)
		goto fail;
	gk_date_format(date, d);
	if (date < c.asked) {
		gk_date_format(c.asked, a);
		snprintf(err, errlen, "答复日期 %s 早于留言日期 %s", d, a);
		e = GK_EINVAL;
		goto fail;
	}
	if ((e = step_update(db, "UPDATE consultation SET answer = ?1, answer_date = ?2,"
	    " answered_by = ?3, state = 'answered' WHERE id = ?4", text, d, actor, id,
	    "无法保存答复", err, errlen)) != GK_OK ||
	    (e = gk_apply_audit(db, actor, "consultation", id, "answer",
	    json_pack("{s:s, s:s, s:b}", "answer", text, "date", d, "revised",
	    c.state == GK_CONSULT_ANSWERED), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_consult_clear(&c);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_consult_clear(&c);
	return e;
}

enum gk_err
gk_consult_publish(struct gk_db *db, const char *actor, int64_t id, const char *now,
    char *err, size_t errlen)
{
	struct gk_consult	 c;
	int32_t			 today;
	enum gk_err		 e;

	memset(&c, 0, sizeof(c));
	if ((e = need_actor(actor, err, errlen)) != GK_OK ||
	    (e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = step_begin(db, actor, id, B(GK_CONSULT_ANSWERED), "公开", &c, err,
	    errlen)) != GK_OK ||
	    (e = step_update(db, "UPDATE consultation SET published_at = ?1,"
	    " state = 'published' WHERE id = ?4", now, NULL, NULL, id, "无法公开留言", err,
	    errlen)) != GK_OK ||
	    (e = gk_apply_audit(db, actor, "consultation", id, "publish",
	    json_pack("{s:s}", "published_at", now), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_consult_clear(&c);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_consult_clear(&c);
	return e;
}

enum gk_err
gk_consult_reject(struct gk_db *db, const char *actor, int64_t id, const char *reason,
    const char *now, char *err, size_t errlen)
{
	struct gk_consult	 c;
	int32_t			 today;
	long			 n;
	enum gk_err		 e;

	memset(&c, 0, sizeof(c));
	if ((e = need_actor(actor, err, errlen)) != GK_OK ||
	    (e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	n = gk_consult_text_chars(nn(reason), 1);
	if (n < 0 || is_blank(nn(reason)) || n > GK_CONSULT_REASON_MAX) {
		snprintf(err, errlen, "不予公开须写明理由，至多 %d 个字符，不含控制字符",
		    GK_CONSULT_REASON_MAX);
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = step_begin(db, actor, id, B(GK_CONSULT_PENDING), "作不予公开处理", &c, err,
	    errlen)) != GK_OK ||
	    (e = step_update(db, "UPDATE consultation SET reject_reason = ?1,"
	    " state = 'rejected' WHERE id = ?4", reason, NULL, NULL, id, "无法保存留言", err,
	    errlen)) != GK_OK ||
	    (e = gk_apply_audit(db, actor, "consultation", id, "reject",
	    json_pack("{s:s}", "reason", reason), now, err, errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_consult_clear(&c);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_consult_clear(&c);
	return e;
}

/* ---- reading ---- */

enum gk_err
gk_consult_get(struct gk_db *db, const char *actor, int64_t id, struct gk_consult *c,
    char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = need_actor(actor, err, errlen)) != GK_OK ||
	    (e = consult_load(db, id, c, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_user_authorize(db, actor, c->agency_id, CONSULT_ROLES, 1, err,
	    errlen)) != GK_OK)
		gk_consult_clear(c);
	return e;
}

/* SELECT count(*) with agency ?1 and state ?2 (NULL: any); -1 on error. */
static long long
count_rows(sqlite3 *h, const char *sql, int64_t agency_id, const char *state)
{
	sqlite3_stmt	*st;
	long long	 n = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_int64(st, 1, agency_id);
	if (state != NULL)
		sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

enum gk_err
gk_consult_list(struct gk_db *db, const char *actor, const struct gk_consult_filter *f,
    struct gk_consult_list *l, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	const char	*state = NULL;
	size_t		 limit = f->limit == 0 ? 50 : f->limit;
	long long	 total;
	enum gk_err	 e;
	int		 rc;

	memset(l, 0, sizeof(*l));
	if ((e = need_actor(actor, err, errlen)) != GK_OK)
		return e;
	if (f->agency_id <= 0) {
		snprintf(err, errlen, "须指定机构");
		return GK_EINVAL;
	}
	if (limit > CONSULT_LIST_MAX || f->offset > (size_t)1 << 40) {
		snprintf(err, errlen, "每页至多 %d 条", CONSULT_LIST_MAX);
		return GK_EINVAL;
	}
	if (f->state >= 0) {
		if (f->state >= GK_CONSULT__MAX) {
			snprintf(err, errlen, "状态无效");
			return GK_EINVAL;
		}
		state = state_names[f->state];
	}
	if ((rc = gk_agency_exists(h, f->agency_id)) != 1) {
		if (rc < 0)
			return gk_db_err(db, err, errlen, "无法查询机构");
		snprintf(err, errlen, "机构 %lld 不存在", (long long)f->agency_id);
		return GK_ENOTFOUND;
	}
	if ((e = gk_user_authorize(db, actor, f->agency_id, CONSULT_ROLES, 1, err,
	    errlen)) != GK_OK)
		return e;
	total = count_rows(h, "SELECT count(*) FROM consultation WHERE agency_id = ?1"
	    " AND (?2 IS NULL OR state = ?2)", f->agency_id, state);
	if (total < 0)
		return gk_db_err(db, err, errlen, "无法查询留言");
	l->total = (size_t)total;
	if (sqlite3_prepare_v2(h, "SELECT " CONSULT_COLS " FROM consultation"
	    " WHERE agency_id = ?1 AND (?2 IS NULL OR state = ?2)"
	    " ORDER BY asked_at DESC, id DESC LIMIT ?3 OFFSET ?4", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询留言");
	sqlite3_bind_int64(st, 1, f->agency_id);
	if (state != NULL)
		sqlite3_bind_text(st, 2, state, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 4, (sqlite3_int64)f->offset);
	if ((l->v = gk_calloc(limit, sizeof(*l->v))) == NULL) {
		sqlite3_finalize(st);
		return oom(err, errlen);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && l->n < limit) {
		if (consult_fill(st, &l->v[l->n]) != GK_OK) {
			sqlite3_finalize(st);
			gk_consult_list_free(l);
			return oom(err, errlen);
		}
		l->n++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		gk_consult_list_free(l);
		return gk_db_err(db, err, errlen, "无法查询留言");
	}
	return GK_OK;
}

void
gk_consult_list_free(struct gk_consult_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_consult_clear(&l->v[i]);
	gk_free(l->v);
	memset(l, 0, sizeof(*l));
}

enum gk_err
gk_consult_public_list(struct gk_db *db, int64_t agency_id, const struct calendar *cal,
    size_t limit, size_t offset, struct gk_consult_public_list *l, char *err,
    size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st;
	struct gk_consult_public *p;
	char			 ignore[256];
	long long		 total;
	int			 rc;

	memset(l, 0, sizeof(*l));
	if (limit < 1 || limit > CONSULT_PUBLIC_MAX || offset > (size_t)1 << 40) {
		snprintf(err, errlen, "每页 1 至 %d 条", CONSULT_PUBLIC_MAX);
		return GK_EINVAL;
	}
	total = count_rows(h, "SELECT count(*) FROM consultation WHERE agency_id = ?1"
	    " AND state = 'published'", agency_id, NULL);
	if (total < 0)
		return gk_db_err(db, err, errlen, "无法查询留言");
	l->total = (size_t)total;
	/* No name, phone, e-mail or code is even selected. */
	if (sqlite3_prepare_v2(h, "SELECT id, title, question, answer, asked_date,"
	    " answer_date, published_at FROM consultation"
	    " WHERE agency_id = ? AND state = 'published'"
	    " ORDER BY answer_date DESC, id DESC LIMIT ? OFFSET ?", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询留言");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int64(st, 2, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 3, (sqlite3_int64)offset);
	if ((l->v = gk_calloc(limit, sizeof(*l->v))) == NULL) {
		sqlite3_finalize(st);
		return oom(err, errlen);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && l->n < limit) {
		p = &l->v[l->n];
		p->id = sqlite3_column_int64(st, 0);
		p->title = gk_strdup(col(st, 1));
		p->question = gk_strdup(col(st, 2));
		p->answer = gk_strdup(col(st, 3));
		l->n++;
		if (p->title == NULL || p->question == NULL || p->answer == NULL) {
			sqlite3_finalize(st);
			gk_consult_public_list_free(l);
			return oom(err, errlen);
		}
		p->asked = gk_apply_col_date(st, 4);
		p->answered = gk_apply_col_date(st, 5);
		gk_strlcpy_utf8(p->published_at, col(st, 6), sizeof(p->published_at));
		p->workdays = -1;
		if (cal != NULL && p->asked != GK_DATE_NONE && p->answered != GK_DATE_NONE &&
		    calendar_workdays_between(cal, p->asked, p->answered, &p->workdays,
		    ignore, sizeof(ignore)) != GK_OK)
			p->workdays = -1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		gk_consult_public_list_free(l);
		return gk_db_err(db, err, errlen, "无法查询留言");
	}
	return GK_OK;
}

void
gk_consult_public_list_free(struct gk_consult_public_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++) {
		gk_free(l->v[i].title);
		gk_free(l->v[i].question);
		gk_free(l->v[i].answer);
	}
	gk_free(l->v);
	memset(l, 0, sizeof(*l));
}
