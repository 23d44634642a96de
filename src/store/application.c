/*
 * application.c — applications for disclosure in the store; the rules are
 * in store/application.h, the clock in core/apply.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>
#include <sqlite3.h>

#include "core/letter.h"
#include "core/mask.h"
#include "core/scan.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/user.h"

#define APPLY_EVENTS_MAX	1000	/* events of one application */
#define APPLY_CODE_TRIES	8

/* Who may record and who may see personal data in clear (application.h). */
#define APPLY_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_OFFICE) | \
			    WF_ROLE_BIT(WF_ROLE_ADMIN))

static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static enum gk_err
nomem(char *err, size_t errlen)
{
	snprintf(err, errlen, "内存不足");
	return GK_ENOMEM;
}

enum gk_err
gk_apply_today(const char *now, int32_t *today, char *err, size_t errlen)
{
	if (now == NULL || strlen(now) < 10 || gk_date_parse(now, 10, today) != GK_OK) {
		snprintf(err, errlen, "内部错误：当前时间 '%s' 不是 ISO 8601 时间",
		    now ? now : "");
		return GK_EINVAL;
	}
	return GK_OK;
}

static const char *
fmt_date(int32_t d, char buf[GK_DATE_LEN])
{
	gk_date_format(d, buf);
	return buf;
}

int32_t
gk_apply_col_date(sqlite3_stmt *st, int i)
{
	const char	*t = (const char *)sqlite3_column_text(st, i);
	int32_t		 d;

	if (t == NULL || gk_date_parse(t, strlen(t), &d) != GK_OK)
		return GK_DATE_NONE;
	return d;
}

static void
bind_date(sqlite3_stmt *st, int i, int32_t d)
{
	char buf[GK_DATE_LEN];

	if (d == GK_DATE_NONE)
		sqlite3_bind_null(st, i);
	else
		sqlite3_bind_text(st, i, fmt_date(d, buf), -1, SQLITE_TRANSIENT);
}

/* ---- settings ---- */

int
gk_apply_setting_check(const char *key, const char *value, enum gk_err *e,
    char *err, size_t errlen)
{
	*e = GK_OK;
	if (key == NULL)
		return 0;
	if (strcmp(key, GK_APPLY_SETTING_FEE_PAUSES) == 0) {
		if (value != NULL && strcmp(value, "0") != 0 && strcmp(value, "1") != 0) {
			snprintf(err, errlen, "设置 %s 的值须为 0（缴费期间照常计时）或 1"
			    "（自发出收费通知至缴费之日不计入答复期限）", key);
			*e = GK_EINVAL;
		}
		return 1;
	}
	if (strcmp(key, GK_APPLY_SETTING_ANSWER_DAYS) == 0) {
		long	 v;
		char	*end;

		if (value != NULL) {
			v = strtol(value, &end, 10);
			if (end == value || *end != '\0' || v < 1 || v > 20 ||
			    value[0] == '+' || value[0] == ' ') {
				snprintf(err, errlen, "设置 %s 的值须为 1 至 20 的整数"
				    "（条例第三十三条规定的答复期限为 20 个工作日）", key);
				*e = GK_EINVAL;
			}
		}
		return 1;
	}
	if (strcmp(key, GK_FEE_SETTING_BAND_SIZE) == 0 ||
	    strcmp(key, GK_FEE_SETTING_BAND_RAISE) == 0 ||
	    strcmp(key, GK_FEE_SETTING_COPY_FORM) == 0) {
		struct fee_settings	 fs;
		long long		 v;
		char			*end;

		if (value == NULL)
			return 1;
		fee_settings_default(&fs);
		v = strtoll(value, &end, 10);
		if (end == value || *end != '\0' || value[0] == '+' || value[0] == ' ' ||
		    v < 0 || v > 100000000) {
			snprintf(err, errlen, "设置 %s 的值须为非负整数", key);
			*e = GK_EINVAL;
			return 1;
		}
		if (strcmp(key, GK_FEE_SETTING_BAND_SIZE) == 0)
			fs.item_band_size = (int)v;
		else if (strcmp(key, GK_FEE_SETTING_BAND_RAISE) == 0)
			fs.item_band_raise = v;
		else if (v > 1) {
			snprintf(err, errlen, "设置 %s 的值须为 0 或 1", key);
			*e = GK_EINVAL;
			return 1;
		} else
			fs.volume_needs_copy_form = (int)v;
		if (fee_settings_check(&fs, err, errlen) != GK_OK)
			*e = GK_EINVAL;
		return 1;
	}
	if (strcmp(key, GK_APPLY_SETTING_REVIEW_BODY) == 0 ||
	    strcmp(key, GK_APPLY_SETTING_LETTER_PREFIX) == 0) {
		long	 max = key[6] == 'r' ? 200 : 32, n;

		if (value != NULL && ((n = gk_text_chars(value)) < 0 || n > max ||
		    (max == 200 && n == 0))) {
			snprintf(err, errlen, "设置 %s 的值须为%s至多 %ld 个字符的文本，"
			    "不含控制字符", key, max == 200 ? "非空、" : "", max);
			*e = GK_EINVAL;
		}
		return 1;
	}
	return 0;
}

/* One stored integer setting into *v; GK_OK also when unset (v untouched). */
static enum gk_err
setting_int(struct gk_db *db, int64_t agency_id, const char *key, long long *v,
    char *err, size_t errlen)
{
	char		 buf[GK_AGENCY_SETTING_MAX + 1];
	enum gk_err	 e, ce;

	e = gk_agency_setting_get(db, agency_id, key, buf, sizeof(buf), err, errlen);
	if (e == GK_ENOTFOUND)
		return GK_OK;
	if (e != GK_OK)
		return e;
	if (gk_apply_setting_check(key, buf, &ce, err, errlen) && ce != GK_OK)
		return ce;
	*v = strtoll(buf, NULL, 10);
	return GK_OK;
}

enum gk_err
gk_apply_fee_settings(struct gk_db *db, int64_t agency_id, struct fee_settings *fs,
    char *err, size_t errlen)
{
	long long	 size, raise, copy;
	enum gk_err	 e;

	fee_settings_default(fs);
	size = fs->item_band_size;
	raise = fs->item_band_raise;
	copy = fs->volume_needs_copy_form;
	if ((e = setting_int(db, agency_id, GK_FEE_SETTING_BAND_SIZE, &size, err,
	    errlen)) != GK_OK ||
	    (e = setting_int(db, agency_id, GK_FEE_SETTING_BAND_RAISE, &raise, err,
	    errlen)) != GK_OK ||
	    (e = setting_int(db, agency_id, GK_FEE_SETTING_COPY_FORM, &copy, err,
	    errlen)) != GK_OK)
		return e;
	fs->item_band_size = (int)size;
	fs->item_band_raise = raise;
	fs->volume_needs_copy_form = (int)copy;
	return GK_OK;
}

enum gk_err
gk_apply_rules(struct gk_db *db, int64_t agency_id, struct apply_rules *r,
    char *err, size_t errlen)
{
	char		 buf[GK_AGENCY_SETTING_MAX + 1];
	enum gk_err	 e, ce;

	apply_rules_default(r);
	e = gk_agency_setting_get(db, agency_id, GK_APPLY_SETTING_FEE_PAUSES, buf,
	    sizeof(buf), err, errlen);
	if (e == GK_OK) {
		if (gk_apply_setting_check(GK_APPLY_SETTING_FEE_PAUSES, buf, &ce, err,
		    errlen) && ce != GK_OK)
			return ce;
		r->fee_pauses_clock = buf[0] == '1';
	} else if (e != GK_ENOTFOUND)
		return e;
	e = gk_agency_setting_get(db, agency_id, GK_APPLY_SETTING_ANSWER_DAYS, buf,
	    sizeof(buf), err, errlen);
	if (e == GK_OK) {
		if (gk_apply_setting_check(GK_APPLY_SETTING_ANSWER_DAYS, buf, &ce, err,
		    errlen) && ce != GK_OK)
			return ce;
		r->answer_days = (int)strtol(buf, NULL, 10);
	} else if (e != GK_ENOTFOUND)
		return e;
	return GK_OK;
}

/* ---- intake ---- */

/* Valid UTF-8 text of at most max characters without control characters (nl: \n, \r, \t allowed). */
static int
text_ok(const char *s, long max, int nl)
{
	size_t	 i, len = strlen(s);
	long	 n = 0;

	if (gk_utf8_check(s, len) != len)
		return 0;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f) {
			if (!nl || (c != '\n' && c != '\r' && c != '\t'))
				return 0;
		}
		if ((c & 0xc0) != 0x80)
			n++;
	}
	return n <= max;
}

static int
blank(const char *s)
{
	if (s == NULL)
		return 1;
	for (; *s != '\0'; s++)
		if (*s != ' ' && *s != '\t' && *s != '\n' && *s != '\r')
			return 0;
	return 1;
}

static const char *
nz(const char *s)
{
	return s != NULL ? s : "";
}

static int
phone_ok(const char *s)
{
	int digits = 0;

	for (; *s != '\0'; s++) {
		if (*s >= '0' && *s <= '9')
			digits++;
		else if (strchr("+-() ", *s) == NULL)
			return 0;
	}
	return digits >= 5 && digits <= 20;
}

static int
email_ok(const char *s)
{
	const char *at = strchr(s, '@');

	return at != NULL && at != s && at[1] != '\0' && strchr(at + 1, '@') == NULL &&
	    strchr(at + 1, '.') != NULL && strchr(s, ' ') == NULL;
}

static int
idno_ok(const char *s)
{
	size_t	 i, len = strlen(s), digits = 0;

	if (len < 5 || len > 30)
		return 0;
	for (i = 0; i < len; i++) {
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'A' && s[i] <= 'Z') ||
		    (s[i] >= 'a' && s[i] <= 'z')))
			return 0;
		digits += s[i] >= '0' && s[i] <= '9';
	}
	/* 居民身份证号: 17 digits and a check character must check out */
	if (len == 18 && digits >= 17)
		return scan_id18_valid(s, len);
	return 1;
}

enum gk_err
gk_apply_intake_check(const struct gk_apply_intake *in,
    const struct calendar *cal, int32_t today, char *err, size_t errlen)
{
	char	 d[GK_DATE_LEN], t[GK_DATE_LEN];
	int	 y, m, dd;

	if (in == NULL || cal == NULL) {
		snprintf(err, errlen, "内部错误：缺少申请内容或日历");
		return GK_EINVAL;
	}
	if ((unsigned)in->channel >= APPLY_CH__MAX) {
		snprintf(err, errlen, "申请渠道无效");
		return GK_EINVAL;
	}
	if ((unsigned)in->type >= APPLY_AP__MAX) {
		snprintf(err, errlen, "申请人类型无效");
		return GK_EINVAL;
	}
	/* 条例第二十九条第二款第（一）项 */
	if (blank(in->name) || !text_ok(in->name, GK_APPLY_NAME_MAX, 0)) {
		snprintf(err, errlen, "申请人的姓名或者名称为必填项（条例第二十九条），"
		    "至多 %d 个字符，不含控制字符", GK_APPLY_NAME_MAX);
		return GK_EINVAL;
	}
	if (blank(in->phone) && blank(in->email) && blank(in->address)) {
		snprintf(err, errlen, "申请人的联系方式为必填项（条例第二十九条）："
		    "须至少填写电话、电子邮件或通信地址之一");
		return GK_EINVAL;
	}
	if (!text_ok(nz(in->idno), GK_APPLY_FIELD_MAX, 0) ||
	    (!blank(in->idno) && !idno_ok(in->idno))) {
		snprintf(err, errlen, "身份证明号码无效：须为 5 至 30 位字母或数字；"
		    "18 位居民身份证号须通过校验");
		return GK_EINVAL;
	}
	if (!blank(in->phone) && !phone_ok(in->phone)) {
		snprintf(err, errlen, "电话号码无效：只能包含数字、空格和 + - ( )，5 至 20 位数字");
		return GK_EINVAL;
	}
	if (!text_ok(nz(in->email), GK_APPLY_FIELD_MAX, 0) ||
	    (!blank(in->email) && !email_ok(in->email))) {
		snprintf(err, errlen, "电子邮件地址无效");
		return GK_EINVAL;
	}
	if (!text_ok(nz(in->address), GK_APPLY_FIELD_MAX, 0) ||
	    !text_ok(nz(in->delivery), GK_APPLY_FIELD_MAX, 0)) {
		snprintf(err, errlen, "通信地址和获取方式各至多 %d 个字符，不含控制字符",
		    GK_APPLY_FIELD_MAX);
		return GK_EINVAL;
	}
	/* 条例第二十九条第二款第（二）项 */
	if (blank(in->request) || !text_ok(in->request, GK_APPLY_REQUEST_MAX, 1)) {
		snprintf(err, errlen, "申请公开的政府信息的名称、文号或者便于查询的其他特征性"
		    "描述为必填项（条例第二十九条），至多 %d 个字符", GK_APPLY_REQUEST_MAX);
		return GK_EINVAL;
	}
	/* 条例第三十一条: the channel's date of receipt */
	if (in->received == GK_DATE_NONE) {
		snprintf(err, errlen, "缺少收到申请之日（条例第三十一条：%s）",
		    apply_channel_receipt_rule(in->channel));
		return GK_EINVAL;
	}
	if (in->received > today) {
		snprintf(err, errlen, "收到申请之日 %s 晚于今天 %s", fmt_date(in->received, d),
		    fmt_date(today, t));
		return GK_EINVAL;
	}
	gk_date_ymd(in->received, &y, &m, &dd);
	if (!calendar_covers(cal, y)) {
		snprintf(err, errlen, "工作日日历不包含 %d 年，无法计算收到申请之日 %s 起的答复期限"
		    "（请先补充该年的节假日安排）", y, fmt_date(in->received, d));
		return GK_EINVAL;
	}
	return GK_OK;
}

int
gk_apply_intake_field_ok(enum gk_apply_field field, const char *v,
    const struct calendar *cal, int32_t today, char *msg, size_t len)
{
	struct gk_apply_intake in;

	memset(&in, 0, sizeof(in));
	in.channel = APPLY_CH_ONLINE;
	in.type = APPLY_AP_NATURAL;
	in.name = "申请人";
	in.phone = "12345678";
	in.request = "信息";
	in.received = today;
	switch (field) {
	case GK_AF_NAME: in.name = v; break;
	case GK_AF_IDNO: in.idno = v; break;
	case GK_AF_PHONE: in.phone = v; break;
	case GK_AF_EMAIL: in.email = v; break;
	case GK_AF_ADDRESS: in.address = v; break;
	case GK_AF_REQUEST: in.request = v; break;
	case GK_AF_DELIVERY: in.delivery = v; break;
	default: break;
	}
	return gk_apply_intake_check(&in, cal, today, msg, len) == GK_OK;
}

/* ---- tracking codes ---- */

#ifdef GK_TESTING
static const char *const *test_codes;
void	gk_apply_test_codes(const char *const *codes);
void
gk_apply_test_codes(const char *const *codes)
{
	test_codes = codes;
}
#endif

static enum gk_err
code_random(char out[GK_APPLY_CODE_LEN + 1], char *err, size_t errlen)
{
	unsigned char	 b[GK_APPLY_CODE_LEN];
	size_t		 i;

#ifdef GK_TESTING
	if (test_codes != NULL && *test_codes != NULL) {
		gk_strlcpy_utf8(out, *test_codes++, GK_APPLY_CODE_LEN + 1);
		return GK_OK;
	}
#endif
	if (sodium_init() < 0) {
		snprintf(err, errlen, "无法初始化随机数发生器");
		return GK_EIO;
	}
	randombytes_buf(b, sizeof(b));
	/* 256 is a multiple of 32: every character equally likely (60 bits in all) */
	for (i = 0; i < GK_APPLY_CODE_LEN; i++)
		out[i] = code_alphabet[b[i] & 31];
	out[GK_APPLY_CODE_LEN] = '\0';
	sodium_memzero(b, sizeof(b));
	return GK_OK;
}

int
gk_apply_code_normalize(const char *in, char out[GK_APPLY_CODE_LEN + 1])
{
	size_t	 n = 0;
	char	 c;

	if (in == NULL)
		return 0;
	for (; *in != '\0'; in++) {
		c = *in;
		if (c == '-' || c == ' ')
			continue;
		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c == 'I' || c == 'L')
			c = '1';
		else if (c == 'O')
			c = '0';
		if (strchr(code_alphabet, c) == NULL || c == '\0' || n >= GK_APPLY_CODE_LEN)
			return 0;
		out[n++] = c;
	}
	out[n] = '\0';
	return n == GK_APPLY_CODE_LEN;
}

/* 1 when the code is taken, 0 if free, -1 on error. */
static int
code_taken(sqlite3 *h, const char *code)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(h, "SELECT 1 FROM application WHERE code = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return -1;
	sqlite3_bind_text(st, 1, code, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

/* ---- masking ---- */

static enum gk_mask_kind
name_kind(enum apply_applicant t)
{
	return t == APPLY_AP_NATURAL ? GK_MASK_NAME : GK_MASK_ORG;
}

/* The name as lists show it: organisations (every type but 自然人 and 其他) in clear. */
static char *
masked_name(enum apply_applicant t, const char *name)
{
	if (t != APPLY_AP_NATURAL && t != APPLY_AP_OTHER)
		return gk_strdup(name);
	return gk_mask_dup(name_kind(t), name);
}

/* ---- new ---- */

enum gk_err
gk_apply_audit(struct gk_db *db, const char *actor, const char *entity, int64_t id,
    const char *action, json_t *j, const char *now, char *err, size_t errlen)
{
	char		*s;
	enum gk_err	 e;

	if (j == NULL || (s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER)) == NULL) {
		json_decref(j);
		return nomem(err, errlen);
	}
	json_decref(j);
	e = gk_audit_append(db, actor, entity, id, action, s, now, NULL, err, errlen);
	free(s);
	return e;
}

static enum gk_err
new_audit(struct gk_db *db, const char *actor, int64_t id, int64_t agency_id,
    const char *code, const struct gk_apply_intake *in, const char *due,
    const char *now, char *err, size_t errlen)
{
	char		*m[5] = { NULL, NULL, NULL, NULL, NULL };
	char		 rd[GK_DATE_LEN];
	json_t		*j = NULL;
	int		 i;

	m[0] = masked_name(in->type, nz(in->name));
	m[1] = gk_mask_dup(GK_MASK_IDNO, nz(in->idno));
	m[2] = gk_mask_dup(GK_MASK_PHONE, nz(in->phone));
	m[3] = gk_mask_dup(GK_MASK_EMAIL, nz(in->email));
	m[4] = gk_mask_dup(GK_MASK_ADDRESS, nz(in->address));
	for (i = 0; i < 5; i++)
		if (m[i] == NULL)
			goto oom;
	j = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:s*}",
	    "agency_id", (json_int_t)agency_id, "code", code,
	    "channel", apply_channel_name(in->channel),
	    "applicant_type", apply_applicant_name(in->type),
	    "applicant_name", m[0], "applicant_idno", m[1], "phone", m[2],
	    "email", m[3], "address", m[4], "request", nz(in->request),
	    "delivery", nz(in->delivery), "received", fmt_date(in->received, rd),
	    "due", due);
	for (i = 0; i < 5; i++)
		gk_free(m[i]);
	if (j == NULL)
		return nomem(err, errlen);
	return gk_apply_audit(db, actor, "application", id, "new", j, now, err, errlen);
oom:
	for (i = 0; i < 5; i++)
		gk_free(m[i]);
	return nomem(err, errlen);
}

static enum gk_err
event_insert(struct gk_db *db, int64_t id, int seq, const struct apply_event *ev,
    const char *actor, const char *note, const char *now, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), "INSERT INTO application_event"
	    " (application_id, seq, kind, date, until_date, days, outcome, amount,"
	    " actor, note, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法保存申请事件");
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, seq);
	sqlite3_bind_text(st, 3, apply_ev_name(ev->kind), -1, SQLITE_STATIC);
	bind_date(st, 4, ev->date);
	bind_date(st, 5, ev->kind == APPLY_EV_CORRECT ? ev->until : GK_DATE_NONE);
	if (ev->kind == APPLY_EV_EXTEND)
		sqlite3_bind_int(st, 6, ev->days);
	if (ev->kind == APPLY_EV_ANSWER)
		sqlite3_bind_text(st, 7, apply_outcomes[ev->outcome].id, -1, SQLITE_STATIC);
	if (ev->kind == APPLY_EV_FEE)
		sqlite3_bind_int64(st, 8, ev->amount);
	sqlite3_bind_text(st, 9, actor, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, nz(note), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? GK_OK : gk_db_err(db, err, errlen, "无法保存申请事件");
}

/* Replays events as of today; GK_ECONFLICT when refused, GK_EINVAL for an uncovered year. */
static enum gk_err
replay(const struct calendar *cal, const struct apply_rules *rules,
    const struct apply_event *ev, size_t n, int32_t today, struct apply_status *st,
    enum apply_refusal *whyp, char *err, size_t errlen)
{
	enum apply_refusal	 why = APPLY_R_OK;
	enum gk_err		 e;

	e = apply_replay(cal, rules, ev, n, today, st, &why, NULL, err, errlen);
	if (whyp != NULL)
		*whyp = why;
	if (e == GK_EINVAL)
		return GK_ECONFLICT;
	if (e == GK_ENOTFOUND)
		return GK_EINVAL;
	return e;
}

enum gk_err
gk_apply_new(struct gk_db *db, const char *actor, int64_t agency_id,
    const struct gk_apply_intake *in, const struct calendar *cal,
    const char *now, int64_t *idp, char codep[GK_APPLY_CODE_LEN + 1],
    char *err, size_t errlen)
{
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st;
	struct apply_rules	 rules;
	struct apply_status	 status;
	struct apply_event	 ev;
	char			 code[GK_APPLY_CODE_LEN + 1], rd[GK_DATE_LEN], dd[GK_DATE_LEN];
	int32_t			 today;
	int64_t			 id;
	enum gk_err		 e;
	int			 rc, tries;

	if (actor == NULL || actor[0] == '\0') {
		snprintf(err, errlen, "内部错误：缺少操作人");
		return GK_EINVAL;
	}
	if ((e = gk_apply_today(now, &today, err, errlen)) != GK_OK ||
	    (e = gk_apply_intake_check(in, cal, today, err, errlen)) != GK_OK)
		return e;
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			return gk_db_err(db, err, errlen, "无法查询机构");
		snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	if ((e = gk_apply_rules(db, agency_id, &rules, err, errlen)) != GK_OK)
		return e;
	memset(&ev, 0, sizeof(ev));
	ev.kind = APPLY_EV_RECEIVED;
	ev.date = in->received;
	ev.until = GK_DATE_NONE;
	if ((e = replay(cal, &rules, &ev, 1, today, &status, NULL, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_user_authorize(db, actor, agency_id, APPLY_ROLES, 0, err,
	    errlen)) != GK_OK)
		goto fail;
	for (tries = 0;; tries++) {
		if ((e = code_random(code, err, errlen)) != GK_OK)
			goto fail;
		if ((rc = code_taken(h, code)) == 0)
			break;
		if (rc < 0 || tries + 1 >= APPLY_CODE_TRIES) {
			e = rc < 0 ? gk_db_err(db, err, errlen, "无法查询查询码") : GK_ECONFLICT;
			if (rc >= 0)
				snprintf(err, errlen, "无法生成未被占用的查询码");
			goto fail;
		}
	}
	if (sqlite3_prepare_v2(h, "INSERT INTO application (agency_id, code, channel,"
	    " applicant_type, applicant_name, applicant_idno, phone, email, address,"
	    " request, delivery, received_date, state, due_date, created_at, updated_at)"
	    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存申请");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_text(st, 2, code, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, apply_channel_name(in->channel), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, apply_applicant_name(in->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, in->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, nz(in->idno), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, nz(in->phone), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 8, nz(in->email), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 9, nz(in->address), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 10, in->request, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 11, nz(in->delivery), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 12, fmt_date(in->received, rd), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 13, apply_phase_name(status.phase), -1, SQLITE_STATIC);
	bind_date(st, 14, status.due);
	sqlite3_bind_text(st, 15, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 16, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存申请");
		goto fail;
	}
	id = sqlite3_last_insert_rowid(h);
	if ((e = event_insert(db, id, 0, &ev, actor, "", now, err, errlen)) != GK_OK ||
	    (e = new_audit(db, actor, id, agency_id, code, in,
	    status.due == GK_DATE_NONE ? NULL : fmt_date(status.due, dd), now, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	if (idp != NULL)
		*idp = id;
	if (codep != NULL)
		memcpy(codep, code, sizeof(code));
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* ---- loading ---- */

static enum gk_err
events_load(struct gk_db *db, int64_t id, struct gk_apply_event_row **vp,
    size_t *np, int with_notes, char *err, size_t errlen)
{
	sqlite3_stmt			*st;
	struct gk_apply_event_row	*v = NULL, *r, *nv;
	size_t				 n = 0, cap = 0;
	const char			*t;
	int				 rc;

	*vp = NULL;
	*np = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT kind, date, until_date, days,"
	    " outcome, amount, actor, note, recorded_at FROM application_event"
	    " WHERE application_id = ? ORDER BY seq", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请事件");
	sqlite3_bind_int64(st, 1, id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (n >= APPLY_EVENTS_MAX) {
			rc = SQLITE_FULL;
			break;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = gk_realloc(v, cap * sizeof(*v))) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
			v = nv;
		}
		r = &v[n++];
		memset(r, 0, sizeof(*r));
		t = (const char *)sqlite3_column_text(st, 0);
		if (t == NULL || !apply_ev_from_name(t, &r->ev.kind))
			r->ev.kind = APPLY_EV__MAX;	/* refused by the replay */
		r->ev.date = gk_apply_col_date(st, 1);
		r->ev.until = gk_apply_col_date(st, 2);
		r->ev.days = sqlite3_column_int(st, 3);
		t = (const char *)sqlite3_column_text(st, 4);
		if (t == NULL || !apply_outcome_from_name(t, &r->ev.outcome))
			r->ev.outcome = APPLY_OUT__MAX;
		r->ev.amount = sqlite3_column_int64(st, 5);
		t = (const char *)sqlite3_column_text(st, 6);
		gk_strlcpy_utf8(r->actor, t ? t : "", sizeof(r->actor));
		t = (const char *)sqlite3_column_text(st, 8);
		gk_strlcpy_utf8(r->recorded_at, t ? t : "", sizeof(r->recorded_at));
		if (with_notes) {
			t = (const char *)sqlite3_column_text(st, 7);
			if ((r->note = gk_strdup(t ? t : "")) == NULL) {
				rc = SQLITE_NOMEM;
				break;
			}
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		while (n > 0)
			gk_free(v[--n].note);
		gk_free(v);
		if (rc == SQLITE_NOMEM)
			return nomem(err, errlen);
		if (rc == SQLITE_FULL) {
			snprintf(err, errlen, "申请 %lld 的事件超过 %d 条", (long long)id,
			    APPLY_EVENTS_MAX);
			return GK_ELIMIT;
		}
		return gk_db_err(db, err, errlen, "无法查询申请事件");
	}
	*vp = v;
	*np = n;
	return GK_OK;
}

static void
events_free(struct gk_apply_event_row *v, size_t n)
{
	size_t i;

	if (v == NULL)
		return;
	for (i = 0; i < n; i++)
		gk_free(v[i].note);
	gk_free(v);
}

/* The bare events for apply_replay (into a new array with room for one more). */
static enum gk_err
events_plain(const struct gk_apply_event_row *v, size_t n, struct apply_event **outp,
    char *err, size_t errlen)
{
	size_t i;

	if ((*outp = gk_calloc(n + 1, sizeof(**outp))) == NULL)
		return nomem(err, errlen);
	for (i = 0; i < n; i++)
		(*outp)[i] = v[i].ev;
	return GK_OK;
}

#define APPLY_COLS "id, agency_id, code, channel, applicant_type, applicant_name," \
	" applicant_idno, phone, email, address, request, delivery, received_date," \
	" state, due_date, outcome, closed_date, created_at, updated_at"

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const char *t = (const char *)sqlite3_column_text(st, i);

	return t != NULL ? t : "";
}

void
gk_apply_clear(struct gk_apply *a)
{
	if (a == NULL)
		return;
	gk_free(a->name);
	gk_free(a->idno);
	gk_free(a->phone);
	gk_free(a->email);
	gk_free(a->address);
	gk_free(a->request);
	gk_free(a->delivery);
	events_free(a->events, a->nevents);
	memset(a, 0, sizeof(*a));
}

/* Fills *a from a row of APPLY_COLS, masking the personal fields unless full. */
static enum gk_err
apply_fill(sqlite3_stmt *st, struct gk_apply *a, int full)
{
	const char	*t;
	int32_t		 d;

	memset(a, 0, sizeof(*a));
	a->id = sqlite3_column_int64(st, 0);
	a->agency_id = sqlite3_column_int64(st, 1);
	gk_strlcpy_utf8(a->code, col_text(st, 2), sizeof(a->code));
	if (!apply_channel_from_name(col_text(st, 3), &a->channel))
		a->channel = APPLY_CH_ONLINE;
	if (!apply_applicant_from_name(col_text(st, 4), &a->type))
		a->type = APPLY_AP_OTHER;
	a->full = full;
	if (full) {
		a->name = gk_strdup(col_text(st, 5));
		a->idno = gk_strdup(col_text(st, 6));
		a->phone = gk_strdup(col_text(st, 7));
		a->email = gk_strdup(col_text(st, 8));
		a->address = gk_strdup(col_text(st, 9));
	} else {
		a->name = masked_name(a->type, col_text(st, 5));
		a->idno = gk_mask_dup(GK_MASK_IDNO, col_text(st, 6));
		a->phone = gk_mask_dup(GK_MASK_PHONE, col_text(st, 7));
		a->email = gk_mask_dup(GK_MASK_EMAIL, col_text(st, 8));
		a->address = gk_mask_dup(GK_MASK_ADDRESS, col_text(st, 9));
	}
	a->request = gk_strdup(col_text(st, 10));
	a->delivery = gk_strdup(col_text(st, 11));
	a->received = gk_apply_col_date(st, 12);
	t = col_text(st, 13);
	for (a->phase = 0; a->phase < APPLY_PH__MAX; a->phase++)
		if (strcmp(t, apply_phase_name(a->phase)) == 0)
			break;
	if (a->phase == APPLY_PH__MAX)
		a->phase = APPLY_PH_NONE;
	a->due = gk_apply_col_date(st, 14);
	t = (const char *)sqlite3_column_text(st, 15);
	d = gk_apply_col_date(st, 16);
	a->closed_ok = t != NULL && apply_outcome_from_name(t, &a->outcome) &&
	    d != GK_DATE_NONE;
	a->closed = d;
	gk_strlcpy_utf8(a->created_at, col_text(st, 17), sizeof(a->created_at));
	gk_strlcpy_utf8(a->updated_at, col_text(st, 18), sizeof(a->updated_at));
	if (a->name == NULL || a->idno == NULL || a->phone == NULL || a->email == NULL ||
	    a->address == NULL || a->request == NULL || a->delivery == NULL) {
		gk_apply_clear(a);
		return GK_ENOMEM;
	}
	return GK_OK;
}

/* Loads one row; GK_ENOTFOUND with a message when absent. */
static enum gk_err
apply_row(struct gk_db *db, int64_t id, int full, struct gk_apply *a, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e;
	int		 rc;

	memset(a, 0, sizeof(*a));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT " APPLY_COLS
	    " FROM application WHERE id = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请");
	sqlite3_bind_int64(st, 1, id);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		e = apply_fill(st, a, full);
		sqlite3_finalize(st);
		return e == GK_OK ? GK_OK : nomem(err, errlen);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return gk_db_err(db, err, errlen, "无法查询申请");
	snprintf(err, errlen, "申请 %lld 不存在", (long long)id);
	return GK_ENOTFOUND;
}

/* ---- act ---- */

static enum gk_err
event_audit(struct gk_db *db, const char *actor, int64_t id,
    const struct apply_event *ev, const char *note, const struct apply_status *st,
    const char *now, char *err, size_t errlen)
{
	char	 d[GK_DATE_LEN], u[GK_DATE_LEN], due[GK_DATE_LEN];
	json_t	*j;

	j = json_pack("{s:s, s:s, s:s*, s:o*, s:s*, s:o*, s:s, s:s, s:s*, s:s*}",
	    "event", apply_ev_name(ev->kind), "date", fmt_date(ev->date, d),
	    "until", ev->kind == APPLY_EV_CORRECT ? fmt_date(ev->until, u) : NULL,
	    "days", ev->kind == APPLY_EV_EXTEND ? json_integer(ev->days) : NULL,
	    "outcome", ev->kind == APPLY_EV_ANSWER ? apply_outcomes[ev->outcome].id : NULL,
	    "amount", ev->kind == APPLY_EV_FEE ? json_integer((json_int_t)ev->amount) : NULL,
	    "note", nz(note), "state", apply_phase_name(st->phase),
	    "due", st->due == GK_DATE_NONE ? NULL : fmt_date(st->due, due),
	    "closed_outcome", st->phase == APPLY_PH_CLOSED ?
	    apply_outcomes[st->outcome].id : NULL);
	return gk_apply_audit(db, actor, "application", id, "event", j, now, err, errlen);
}

enum gk_err
gk_apply_act(struct gk_db *db, const char *actor, int64_t id,
    const struct apply_event *ev, const char *note, const char *now,
    const struct calendar *cal, enum apply_refusal *whyp, char *err, size_t errlen)
{
	struct gk_apply			 a;
	struct gk_apply_event_row	*rows = NULL;
	struct apply_event		*evs = NULL;
	struct apply_rules		 rules;
	struct apply_status		 status;
	sqlite3_stmt			*st;
	size_t				 n = 0;
	char				 d[GK_DATE_LEN], t[GK_DATE_LEN];
	int32_t				 today;
	enum gk_err			 e;
	int				 rc;

	memset(&a, 0, sizeof(a));
	if (whyp != NULL)
		*whyp = APPLY_R_OK;
	if (actor == NULL || actor[0] == '\0' || ev == NULL || cal == NULL) {
		snprintf(err, errlen, "内部错误：缺少操作人、事件或日历");
		return GK_EINVAL;
	}
	if ((e = gk_apply_today(now, &today, err, errlen)) != GK_OK)
		return e;
	if ((unsigned)ev->kind >= APPLY_EV__MAX || ev->kind == APPLY_EV_RECEIVED) {
		snprintf(err, errlen, "事件类型无效（收到申请由 apply new 登记）");
		return GK_EINVAL;
	}
	if (ev->kind == APPLY_EV_ANSWER && (unsigned)ev->outcome >= APPLY_OUT__MAX) {
		snprintf(err, errlen, "答复结果不是年度报告表三的任何一项");
		return GK_EINVAL;
	}
	if (!text_ok(nz(note), GK_APPLY_NOTE_MAX, 1)) {
		snprintf(err, errlen, "说明至多 %d 个字符，不含控制字符", GK_APPLY_NOTE_MAX);
		return GK_EINVAL;
	}
	/* 条例第三十三条第二款: an extension needs 政府信息公开工作机构负责人同意 */
	if (ev->kind == APPLY_EV_EXTEND && blank(note)) {
		snprintf(err, errlen, "延长答复期限须经政府信息公开工作机构负责人同意"
		    "（条例第三十三条）：请填写批准人");
		return GK_EINVAL;
	}
	if (ev->date != GK_DATE_NONE && ev->date > today) {
		snprintf(err, errlen, "事件日期 %s 晚于今天 %s", fmt_date(ev->date, d),
		    fmt_date(today, t));
		return GK_EINVAL;
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = apply_row(db, id, 0, &a, err, errlen)) != GK_OK ||
	    (e = gk_user_authorize(db, actor, a.agency_id, APPLY_ROLES, 0, err,
	    errlen)) != GK_OK ||
	    (e = gk_apply_rules(db, a.agency_id, &rules, err, errlen)) != GK_OK ||
	    (e = events_load(db, id, &rows, &n, 0, err, errlen)) != GK_OK ||
	    (e = events_plain(rows, n, &evs, err, errlen)) != GK_OK)
		goto fail;
	evs[n] = *ev;
	if (ev->kind != APPLY_EV_CORRECT)
		evs[n].until = GK_DATE_NONE;
	if ((e = replay(cal, &rules, evs, n + 1, today, &status, whyp, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((e = event_insert(db, id, (int)n, &evs[n], actor, note, now, err,
	    errlen)) != GK_OK)
		goto fail;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "UPDATE application SET state = ?,"
	    " due_date = ?, outcome = ?, closed_date = ?, updated_at = ? WHERE id = ?",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法更新申请");
		goto fail;
	}
	sqlite3_bind_text(st, 1, apply_phase_name(status.phase), -1, SQLITE_STATIC);
	bind_date(st, 2, status.due);
	if (status.phase == APPLY_PH_CLOSED) {
		sqlite3_bind_text(st, 3, apply_outcomes[status.outcome].id, -1, SQLITE_STATIC);
		bind_date(st, 4, status.closed);
	}
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 6, id);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法更新申请");
		goto fail;
	}
	if ((e = event_audit(db, actor, id, &evs[n], note, &status, now, err,
	    errlen)) != GK_OK ||
	    (e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_apply_clear(&a);
	events_free(rows, n);
	gk_free(evs);
	return GK_OK;
fail:
	gk_db_tx_rollback(db);
	gk_apply_clear(&a);
	events_free(rows, n);
	gk_free(evs);
	return e;
}

/* ---- reading ---- */

/* Whether actor may see agency's personal data in clear (GK_OK) or not (GK_ECONFLICT). */
static enum gk_err
may_see_full(struct gk_db *db, const char *actor, int64_t agency_id, char *err,
    size_t errlen)
{
	enum gk_err e;

	e = gk_user_authorize(db, actor != NULL ? actor : "", agency_id, APPLY_ROLES, 1,
	    err, errlen);
	if (e == GK_ECONFLICT)
		snprintf(err, errlen, "用户 %s 无权查看申请人的个人信息：须为机构 %lld"
		    "（或其上级机构）的信息公开工作人员、政务公开办或系统管理员",
		    actor, (long long)agency_id);
	return e;
}

enum gk_err
gk_apply_get(struct gk_db *db, const char *actor, int64_t id, int full,
    const struct calendar *cal, const char *now, struct gk_apply *a, char *err,
    size_t errlen)
{
	struct apply_rules	 rules;
	struct apply_event	*evs = NULL;
	int32_t			 today;
	enum gk_err		 e;

	memset(a, 0, sizeof(*a));
	if ((e = gk_apply_today(now, &today, err, errlen)) != GK_OK ||
	    (e = apply_row(db, id, full, a, err, errlen)) != GK_OK)
		return e;
	if ((full && (e = may_see_full(db, actor, a->agency_id, err, errlen)) != GK_OK) ||
	    (e = gk_apply_rules(db, a->agency_id, &rules, err, errlen)) != GK_OK ||
	    (e = events_load(db, id, &a->events, &a->nevents, 1, err, errlen)) != GK_OK ||
	    (e = events_plain(a->events, a->nevents, &evs, err, errlen)) != GK_OK)
		goto fail;
	e = replay(cal, &rules, evs, a->nevents, today, &a->status, NULL,
	    a->replay_err, sizeof(a->replay_err));
	gk_free(evs);
	if (e == GK_ENOMEM) {
		snprintf(err, errlen, "%s", a->replay_err);
		goto fail;
	}
	if (e == GK_OK)
		a->replay_err[0] = '\0';
	else if (a->replay_err[0] == '\0')
		snprintf(a->replay_err, sizeof(a->replay_err), "无法计算答复期限");
	return GK_OK;
fail:
	gk_apply_clear(a);
	return e;
}

enum gk_err
gk_apply_get_by_code(struct gk_db *db, const char *code, const struct calendar *cal,
    int32_t today, struct gk_apply_public *p, char *err, size_t errlen)
{
	struct gk_apply_event_row	*rows = NULL;
	struct apply_event		*evs = NULL;
	struct apply_rules		 rules;
	sqlite3_stmt			*st;
	char				 norm[GK_APPLY_CODE_LEN + 1];
	size_t				 n = 0, i;
	enum gk_err			 e;
	int64_t				 id;
	int				 rc;

	memset(p, 0, sizeof(*p));
	if (!gk_apply_code_normalize(code, norm)) {
		snprintf(err, errlen, "查询码不存在");
		return GK_ENOTFOUND;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT a.id, a.agency_id, g.name,"
	    " a.channel, a.received_date FROM application a JOIN agency g ON"
	    " g.id = a.agency_id WHERE a.code = ?", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请");
	sqlite3_bind_text(st, 1, norm, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE)
			return gk_db_err(db, err, errlen, "无法查询申请");
		snprintf(err, errlen, "查询码不存在");
		return GK_ENOTFOUND;
	}
	id = sqlite3_column_int64(st, 0);
	memcpy(p->code, norm, sizeof(norm));
	p->agency_id = sqlite3_column_int64(st, 1);
	gk_strlcpy_utf8(p->agency, col_text(st, 2), sizeof(p->agency));
	if (!apply_channel_from_name(col_text(st, 3), &p->channel))
		p->channel = APPLY_CH_ONLINE;
	p->received = gk_apply_col_date(st, 4);
	sqlite3_finalize(st);
	if ((e = gk_apply_rules(db, p->agency_id, &rules, err, errlen)) != GK_OK ||
	    (e = events_load(db, id, &rows, &n, 0, err, errlen)) != GK_OK ||
	    (e = events_plain(rows, n, &evs, err, errlen)) != GK_OK)
		goto out;
	e = replay(cal, &rules, evs, n, today, &p->status, NULL, err, errlen);
	for (i = 0; i < n && i < sizeof(p->kinds) / sizeof(p->kinds[0]); i++) {
		p->kinds[i] = rows[i].ev.kind;
		p->dates[i] = rows[i].ev.date;
	}
	p->nevents = i;
out:
	events_free(rows, n);
	gk_free(evs);
	return e;
}

enum gk_err
gk_apply_list(struct gk_db *db, const char *actor, const struct gk_apply_filter *f,
    struct gk_apply_list *l, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	struct gk_apply	*v = NULL;
	size_t		 n = 0, limit;
	char		 from[GK_DATE_LEN], to[GK_DATE_LEN];
	enum gk_err	 e;
	int32_t		 d;
	int		 rc;

	memset(l, 0, sizeof(*l));
	limit = f->limit == 0 ? 50 : f->limit > 1000 ? 1000 : f->limit;
	if (f->full) {
		if (f->agency_id == 0) {
			if (gk_user_authorize(db, actor != NULL ? actor : "", 0, APPLY_ROLES,
			    0, err, errlen) != GK_OK) {
				snprintf(err, errlen, "查看申请人的个人信息须指定机构");
				return GK_ECONFLICT;
			}
		} else if ((e = may_see_full(db, actor, f->agency_id, err, errlen)) != GK_OK)
			return e;
	}
	if (f->phase >= APPLY_PH__MAX || (f->year != 0 && (f->year < 1 || f->year > 9998))) {
		snprintf(err, errlen, "筛选条件无效");
		return GK_EINVAL;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT " APPLY_COLS " FROM application"
	    " WHERE (?1 = 0 OR agency_id = ?1) AND (?2 IS NULL OR state = ?2)"
	    " AND (?3 IS NULL OR (received_date >= ?3 AND received_date < ?4))"
	    " ORDER BY received_date DESC, id DESC LIMIT ?5 OFFSET ?6", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请");
	sqlite3_bind_int64(st, 1, f->agency_id);
	if (f->phase >= 0)
		sqlite3_bind_text(st, 2, apply_phase_name(f->phase), -1, SQLITE_STATIC);
	if (f->year != 0) {
		gk_date_from_ymd(f->year, 1, 1, &d);
		sqlite3_bind_text(st, 3, fmt_date(d, from), -1, SQLITE_STATIC);
		gk_date_from_ymd(f->year + 1, 1, 1, &d);
		sqlite3_bind_text(st, 4, fmt_date(d, to), -1, SQLITE_STATIC);
	}
	sqlite3_bind_int64(st, 5, (sqlite3_int64)limit);
	sqlite3_bind_int64(st, 6, (sqlite3_int64)f->offset);
	if ((v = gk_calloc(limit, sizeof(*v))) == NULL) {
		sqlite3_finalize(st);
		return nomem(err, errlen);
	}
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < limit) {
		if (apply_fill(st, &v[n], f->full) != GK_OK) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	sqlite3_finalize(st);
	l->v = v;
	l->n = n;
	if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
		gk_apply_list_free(l);
		return rc == SQLITE_NOMEM ? nomem(err, errlen) :
		    gk_db_err(db, err, errlen, "无法查询申请");
	}
	return GK_OK;
}

void
gk_apply_list_free(struct gk_apply_list *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_apply_clear(&l->v[i]);
	gk_free(l->v);
	memset(l, 0, sizeof(*l));
}

static int
due_cmp(const void *pa, const void *pb)
{
	const struct gk_apply_due *a = pa, *b = pb;

	if (a->uncovered != b->uncovered)
		return a->uncovered ? -1 : 1;
	if (a->days_left != b->days_left)
		return a->days_left < b->days_left ? -1 : 1;
	if (a->due != b->due)
		return a->due < b->due ? -1 : 1;
	return a->id < b->id ? -1 : a->id > b->id;
}

void
gk_apply_dues_free(struct gk_apply_dues *l)
{
	size_t i;

	if (l == NULL)
		return;
	for (i = 0; i < l->n; i++)
		gk_free(l->v[i].name);
	gk_free(l->v);
	memset(l, 0, sizeof(*l));
}

enum gk_err
gk_apply_overdue(struct gk_db *db, int64_t agency_id, const struct calendar *cal,
    int32_t today, int window, struct gk_apply_dues *l, char *err, size_t errlen)
{
	sqlite3_stmt			*st;
	struct gk_apply_event_row	*rows = NULL;
	struct apply_event		*evs = NULL;
	struct apply_rules		 rules;
	struct apply_status		 status;
	struct gk_apply_due		*v = NULL, *nv, *x;
	size_t				 n = 0, cap = 0, ne = 0;
	enum gk_err			 e = GK_OK;
	int64_t				 id, ag;
	enum apply_applicant		 type;
	char				 why[256];
	int				 rc, uncovered;

	memset(l, 0, sizeof(*l));
	if (window < 0 || window > 1000) {
		snprintf(err, errlen, "提前提醒的工作日数须为 0 至 1000");
		return GK_EINVAL;
	}
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, agency_id, code,"
	    " applicant_type, applicant_name, received_date FROM application"
	    " WHERE state != 'closed' AND (?1 = 0 OR agency_id = ?1) ORDER BY id",
	    -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请");
	sqlite3_bind_int64(st, 1, agency_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		id = sqlite3_column_int64(st, 0);
		ag = sqlite3_column_int64(st, 1);
		if ((e = gk_apply_rules(db, ag, &rules, err, errlen)) != GK_OK ||
		    (e = events_load(db, id, &rows, &ne, 0, err, errlen)) != GK_OK)
			break;
		if ((e = events_plain(rows, ne, &evs, err, errlen)) != GK_OK)
			break;
		e = replay(cal, &rules, evs, ne, today, &status, NULL, err, errlen);
		events_free(rows, ne);
		gk_free(evs);
		rows = NULL;
		evs = NULL;
		ne = 0;
		if (e == GK_EINVAL) {
			/* The calendar lacks a year: listed with the reason, not fatal. */
			snprintf(why, sizeof(why), "%s", err);
			memset(&status, 0, sizeof(status));
			status.phase = APPLY_PH_PROCESSING;
			status.due = GK_DATE_NONE;
			uncovered = 1;
			e = GK_OK;
		} else if (e != GK_OK) {
			char m[512];

			snprintf(m, sizeof(m), "%s", err);
			snprintf(err, errlen, "申请 %lld：%s", (long long)id, m);
			break;
		} else {
			uncovered = 0;
		}
		/* Waiting for a 补正 has no due date: neither late nor due soon. */
		if (!uncovered && (status.phase == APPLY_PH_CLOSED ||
		    status.phase == APPLY_PH_NONE || status.due == GK_DATE_NONE ||
		    (!status.late && status.days_left > window)))
			continue;
		if (n == cap) {
			cap = cap ? cap * 2 : 16;
			if ((nv = gk_realloc(v, cap * sizeof(*v))) == NULL) {
				e = nomem(err, errlen);
				break;
			}
			v = nv;
		}
		x = &v[n];
		memset(x, 0, sizeof(*x));
		x->id = id;
		x->agency_id = ag;
		gk_strlcpy_utf8(x->code, col_text(st, 2), sizeof(x->code));
		if (!apply_applicant_from_name(col_text(st, 3), &type))
			type = APPLY_AP_OTHER;
		if ((x->name = masked_name(type, col_text(st, 4))) == NULL) {
			e = nomem(err, errlen);
			break;
		}
		x->received = gk_apply_col_date(st, 5);
		x->phase = status.phase;
		x->due = status.due;
		x->days_left = status.days_left;
		x->late = status.late;
		x->uncovered = uncovered;
		if (uncovered)
			gk_strlcpy_utf8(x->why, why, sizeof(x->why));
		n++;
	}
	sqlite3_finalize(st);
	events_free(rows, ne);
	gk_free(evs);
	l->v = v;
	l->n = n;
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询申请");
	if (e != GK_OK) {
		gk_apply_dues_free(l);
		return e;
	}
	if (n > 1)
		qsort(v, n, sizeof(*v), due_cmp);
	return GK_OK;
}

/* ---- fees ---- */

/* Earlier applications of the same applicant, agency and month of receipt. */
static enum gk_err
prior_items(struct gk_db *db, const struct gk_apply *a, long *np, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	char		 from[GK_DATE_LEN], to[GK_DATE_LEN], idno[GK_APPLY_FIELD_MAX * 4 + 1];
	int32_t		 d;
	int		 y, m, dd, rc;

	gk_date_ymd(a->received, &y, &m, &dd);
	gk_date_from_ymd(y, m, 1, &d);
	fmt_date(d, from);
	if (m == 12)
		gk_date_from_ymd(y + 1, 1, 1, &d);
	else
		gk_date_from_ymd(y, m + 1, 1, &d);
	fmt_date(d, to);
	gk_strlcpy_utf8(idno, a->idno, sizeof(idno));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*) FROM application"
	    " WHERE agency_id = ?1 AND id < ?2 AND applicant_type = ?3 AND"
	    " received_date >= ?4 AND received_date < ?5 AND"
	    " (CASE WHEN ?6 != '' THEN applicant_idno = ?6 ELSE applicant_idno = ''"
	    " AND applicant_name = ?7 END)", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询申请");
	sqlite3_bind_int64(st, 1, a->agency_id);
	sqlite3_bind_int64(st, 2, a->id);
	sqlite3_bind_text(st, 3, apply_applicant_name(a->type), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, to, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, idno, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, a->name, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*np = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法查询申请");
}

static int
copy_form(const char *delivery)
{
	static const char *const words[] = {
		"纸质", "邮件", "复制", "光盘", "U盘", "u盘", "打印", "复印", "email", "Email",
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strstr(delivery, words[i]) != NULL)
			return 1;
	return 0;
}

enum gk_err
gk_apply_fee_quote(struct gk_db *db, int64_t id, enum fee_method method, long count,
    int64_t *fen, struct gk_buf *explain, char *err, size_t errlen)
{
	struct gk_apply		 a;
	struct fee_settings	 fs;
	struct fee_request	 rq;
	enum gk_err		 e;

	*fen = 0;
	if ((e = apply_row(db, id, 1, &a, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_apply_fee_settings(db, a.agency_id, &fs, err, errlen)) != GK_OK) {
		gk_apply_clear(&a);
		return e;
	}
	memset(&rq, 0, sizeof(rq));
	rq.method = method;
	rq.copy_form = copy_form(a.delivery);
	if (method == FEE_PER_ITEM) {
		rq.items = count;
		e = prior_items(db, &a, &rq.prior_items, err, errlen);
	} else
		rq.pages = count;
	if (e == GK_OK)
		e = fee_compute(&fs, &rq, fen, err, errlen);
	if (e == GK_OK && explain != NULL)
		e = fee_explain(explain, &fs, &rq, err, errlen);
	gk_apply_clear(&a);
	return e;
}

/* ---- the answer letter ---- */

/* The agency's name and contact columns (schema v7), owned strings. */
struct letter_src {
	char	*col[8];	/* name, office, address, postcode, phone, email, parent's name, prefix */
	char	 review[GK_AGENCY_SETTING_MAX + 1];
	char	 prefix[GK_AGENCY_SETTING_MAX + 1];
};

static void
letter_src_clear(struct letter_src *s)
{
	size_t i;

	for (i = 0; i < sizeof(s->col) / sizeof(s->col[0]); i++)
		gk_free(s->col[i]);
	memset(s, 0, sizeof(*s));
}

static enum gk_err
letter_src_load(struct gk_db *db, int64_t agency_id, struct letter_src *s, char *err,
    size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e;
	size_t		 i;
	int		 rc;

	memset(s, 0, sizeof(*s));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT a.name, a.office, a.address,"
	    " a.postcode, a.phone, a.email, coalesce(p.name, '') FROM agency a"
	    " LEFT JOIN agency p ON p.id = a.parent_id WHERE a.id = ?", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	sqlite3_bind_int64(st, 1, agency_id);
	rc = sqlite3_step(st);
	for (i = 0; rc == SQLITE_ROW && i < 7; i++)
		if ((s->col[i] = gk_strdup(col_text(st, (int)i))) == NULL)
			rc = SQLITE_NOMEM;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		letter_src_clear(s);
		if (rc == SQLITE_NOMEM)
			return nomem(err, errlen);
		if (rc == SQLITE_DONE) {
			snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
			return GK_ENOTFOUND;
		}
		return gk_db_err(db, err, errlen, "无法查询机构");
	}
	e = gk_agency_setting_get(db, agency_id, GK_APPLY_SETTING_REVIEW_BODY, s->review,
	    sizeof(s->review), err, errlen);
	if (e == GK_ENOTFOUND)
		gk_strlcpy_utf8(s->review, s->col[6], sizeof(s->review));
	else if (e != GK_OK)
		goto fail;
	e = gk_agency_setting_get(db, agency_id, GK_APPLY_SETTING_LETTER_PREFIX, s->prefix,
	    sizeof(s->prefix), err, errlen);
	if (e != GK_OK && e != GK_ENOTFOUND)
		goto fail;
	if (s->review[0] == '\0') {
		snprintf(err, errlen, "机构 %lld 没有上级机构，也未设置行政复议机关：请先用 "
		    "gongkai agency set %lld %s 名称 设置", (long long)agency_id,
		    (long long)agency_id, GK_APPLY_SETTING_REVIEW_BODY);
		e = GK_EINVAL;
		goto fail;
	}
	return GK_OK;
fail:
	letter_src_clear(s);
	return e;
}

enum gk_err
gk_apply_letter(struct gk_db *db, const char *actor, int64_t id,
    const struct gk_apply_letter_opts *o, int format, struct gk_buf *out, char *err,
    size_t errlen)
{
	static const struct gk_apply_letter_opts none;
	struct gk_apply		 a;
	struct letter_src	 src;
	struct letter		 l;
	enum gk_err		 e;
	size_t			 i;

	if (o == NULL)
		o = &none;
	memset(&src, 0, sizeof(src));
	if ((e = apply_row(db, id, 1, &a, err, errlen)) != GK_OK)
		return e;
	if ((e = may_see_full(db, actor, a.agency_id, err, errlen)) != GK_OK)
		goto out;
	if (!a.closed_ok && !o->draft) {
		snprintf(err, errlen, "申请 %lld 尚未答复（状态 %s）：先用 apply answer 记录"
		    "答复结果和日期", (long long)id, apply_phase_label(a.phase));
		e = GK_ECONFLICT;
		goto out;
	}
	if (a.closed_ok && o->draft) {
		snprintf(err, errlen, "申请 %lld 已办结，不能再起草告知书", (long long)id);
		e = GK_ECONFLICT;
		goto out;
	}
	if ((e = letter_src_load(db, a.agency_id, &src, err, errlen)) != GK_OK ||
	    (e = events_load(db, id, &a.events, &a.nevents, 0, err, errlen)) != GK_OK)
		goto out;
	memset(&l, 0, sizeof(l));
	l.agency.name = src.col[0];
	l.agency.office = src.col[1];
	l.agency.address = src.col[2];
	l.agency.postcode = src.col[3];
	l.agency.phone = src.col[4];
	l.agency.email = src.col[5];
	l.agency.review_body = src.review;
	l.number_prefix = src.prefix;
	l.number = o->number;
	l.tracking = a.code;
	l.applicant = a.name;
	l.applicant_type = a.type;
	l.received = a.received;
	l.request = a.request;
	l.outcome = o->draft ? o->outcome : a.outcome;
	l.answered = o->draft ? o->answered : a.closed;
	l.proactive = o->proactive;
	l.part = o->part;
	l.reasons = o->reasons;
	l.where = o->where;
	l.responsible = o->responsible;
	for (i = 0; i < a.nevents; i++)
		if (a.events[i].ev.kind == APPLY_EV_FEE)
			l.fee_fen = a.events[i].ev.amount;
	e = letter_render(&l, (enum letter_format)format, out, err, errlen);
out:
	letter_src_clear(&src);
	gk_apply_clear(&a);
	return e;
}
