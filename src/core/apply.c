/*
 * apply.c — disclosure on application (依申请公开): channels, applicant
 * types, outcomes (the leaf rows of the report's section 三) and the
 * statutory clock, replayed from an application's events. Pure logic; the
 * rules and their legal basis are in docs/applications.md.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/apply.h"

/* ---- names and labels ------------------------------------------------ */

static const char *const channel_names[APPLY_CH__MAX] = {
	"online", "in_person", "post_signed", "post_unsigned", "fax", "email",
};

static const char *const channel_labels[APPLY_CH__MAX] = {
	"在线申请", "当面提交", "邮寄（须签收）", "邮寄（无须签收）", "传真", "电子邮件",
};

/* 条例第三十一条. E-mail is an internet channel (第三十一条第（三）项). */
static const char *const channel_rules[APPLY_CH__MAX] = {
	"通过互联网渠道提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
	"当面提交的，以提交之日为收到申请之日（《条例》第三十一条第（一）项）",
	"以邮寄方式提交的，以行政机关签收之日为收到申请之日（《条例》第三十一条第（二）项）",
	("以平常信函等无需签收的邮寄方式提交的，政府信息公开工作机构应当于收到申请的当日与申请人确认，"
	    "确认之日为收到申请之日（《条例》第三十一条第（二）项）"),
	"通过政府信息公开工作机构的传真提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
	"通过电子邮件（互联网渠道）提交的，以双方确认之日为收到申请之日（《条例》第三十一条第（三）项）",
};

static const char *const applicant_names[APPLY_AP__MAX] = {
	"natural", "business", "research", "nonprofit", "legal", "other",
};

static const char *const ev_names[APPLY_EV__MAX] = {
	"received", "correct", "corrected", "consult", "consulted", "extend",
	"fee", "paid", "answer", "withdraw",
};

static const char *const ev_labels[APPLY_EV__MAX] = {
	"收到申请", "补正告知", "收到补正", "征求意见", "收到意见", "延长答复期限",
	"收费通知", "缴纳费用", "答复", "撤回申请",
};

static const char *const phase_names[APPLY_PH__MAX] = {
	"none", "processing", "correcting", "consulting", "fee", "closed",
};

static const char *const phase_labels[APPLY_PH__MAX] = {
	"未收到", "办理中", "待补正", "征求意见中", "待缴费", "已办结",
};

static const char *const refusal_ids[APPLY_R__MAX] = {
	"ok", "order", "closed", "state", "late_notice", "extend", "outcome",
	"date", "pay_late",
};

/* The row ids are the report's (gk_s3_rows[row].id): one naming for both. */
const struct apply_outcome_def apply_outcomes[APPLY_OUT__MAX] = {
	[APPLY_OUT_OPEN] = { "open", GK_S3_OPEN, "予以公开",
	    "《条例》第三十六条第（一）项、第（二）项" },
	[APPLY_OUT_PARTIAL] = { "partial", GK_S3_PARTIAL, "部分公开",
	    "《条例》第三十七条" },
	[APPLY_OUT_DENY_SECRET] = { "deny_secret", GK_S3_DENY_SECRET,
	    "不予公开（属于国家秘密）", "《条例》第十四条、第三十六条第（三）项" },
	[APPLY_OUT_DENY_LAW] = { "deny_law", GK_S3_DENY_LAW,
	    "不予公开（其他法律行政法规禁止公开）", "《条例》第十四条、第三十六条第（三）项" },
	[APPLY_OUT_DENY_SAFETY] = { "deny_safety", GK_S3_DENY_SAFETY,
	    "不予公开（危及“三安全一稳定”）", "《条例》第十四条、第三十六条第（三）项" },
	[APPLY_OUT_DENY_THIRD] = { "deny_third_party", GK_S3_DENY_THIRD,
	    "不予公开（保护第三方合法权益）", "《条例》第十五条、第三十二条、第三十六条第（三）项" },
	[APPLY_OUT_DENY_INTERNAL] = { "deny_internal", GK_S3_DENY_INTERNAL,
	    "不予公开（属于三类内部事务信息）", "《条例》第十六条第一款、第三十六条第（三）项" },
	[APPLY_OUT_DENY_PROCESS] = { "deny_process", GK_S3_DENY_PROCESS,
	    "不予公开（属于四类过程性信息）", "《条例》第十六条第二款、第三十六条第（三）项" },
	[APPLY_OUT_DENY_ENFORCEMENT] = { "deny_enforcement", GK_S3_DENY_ENFORCEMENT,
	    "不予公开（属于行政执法案卷）", "《条例》第十六条第二款、第三十六条第（三）项" },
	[APPLY_OUT_DENY_QUERY] = { "deny_query", GK_S3_DENY_QUERY,
	    "不予公开（属于行政查询事项）", "《条例》第三十六条第（七）项" },
	[APPLY_OUT_NA_NOTHELD] = { "unavailable_not_held", GK_S3_NA_NOTHELD,
	    "无法提供（本机关不掌握相关政府信息）", "《条例》第三十六条第（四）项、第（五）项" },
	[APPLY_OUT_NA_MAKE] = { "unavailable_must_make", GK_S3_NA_MAKE,
	    "无法提供（没有现成信息需要另行制作）", "《条例》第三十八条" },
	[APPLY_OUT_NA_UNCLEAR] = { "unavailable_unclear", GK_S3_NA_UNCLEAR,
	    "无法提供（补正后申请内容仍不明确）", "《条例》第三十条" },
	[APPLY_OUT_NOPROC_PETITION] = { "not_processed_petition", GK_S3_NOPROC_PETITION,
	    "不予处理（信访举报投诉类申请）", "《条例》第三十九条第一款" },
	[APPLY_OUT_NOPROC_REPEAT] = { "not_processed_repeat", GK_S3_NOPROC_REPEAT,
	    "不予处理（重复申请）", "《条例》第三十六条第（六）项" },
	[APPLY_OUT_NOPROC_PUBLICATION] = { "not_processed_publication", GK_S3_NOPROC_PUBLICATION,
	    "不予处理（要求提供公开出版物）", "《条例》第三十九条第二款" },
	[APPLY_OUT_NOPROC_EXCESSIVE] = { "not_processed_excessive", GK_S3_NOPROC_EXCESSIVE,
	    "不予处理（无正当理由大量反复申请）", "《条例》第三十五条" },
	[APPLY_OUT_NOPROC_CONFIRM] = { "not_processed_confirm", GK_S3_NOPROC_CONFIRM,
	    "不予处理（要求行政机关确认或重新出具已获取信息）",
	    "年度报告格式（国办公开办函〔2021〕30号）所列情形；《条例》无专门条款，参照第三十六条第（六）项、第三十八条" },
	[APPLY_OUT_OTHER_NOCORRECT] = { "other_no_correction", GK_S3_OTHER_NOCORRECT,
	    "其他处理（逾期不补正）", "《条例》第三十条" },
	[APPLY_OUT_OTHER_NOFEE] = { "other_fee_unpaid", GK_S3_OTHER_NOFEE,
	    "其他处理（逾期未缴费）", "《条例》第四十二条；国办函〔2020〕109号" },
	[APPLY_OUT_OTHER_MISC] = { "other_misc", GK_S3_OTHER_MISC,
	    "其他处理（其他）", "年度报告格式（国办公开办函〔2021〕30号）（六）3（如申请人撤回申请）" },
};

static int
lookup(const char *s, const char *const *a, const char *const *b, size_t n)
{
	size_t i;

	if (s == NULL)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(s, a[i]) == 0 || (b != NULL && strcmp(s, b[i]) == 0))
			return (int)i;
	return -1;
}

#define NAME(tab, i, max)	((unsigned)(i) < (max) ? (tab)[i] : "?")

const char *apply_channel_name(enum apply_channel c) { return NAME(channel_names, c, APPLY_CH__MAX); }
const char *apply_channel_label(enum apply_channel c) { return NAME(channel_labels, c, APPLY_CH__MAX); }
const char *apply_channel_receipt_rule(enum apply_channel c) { return NAME(channel_rules, c, APPLY_CH__MAX); }
const char *apply_applicant_name(enum apply_applicant a) { return NAME(applicant_names, a, APPLY_AP__MAX); }
const char *apply_ev_name(enum apply_ev e) { return NAME(ev_names, e, APPLY_EV__MAX); }
const char *apply_ev_label(enum apply_ev e) { return NAME(ev_labels, e, APPLY_EV__MAX); }
const char *apply_phase_name(enum apply_phase p) { return NAME(phase_names, p, APPLY_PH__MAX); }
const char *apply_phase_label(enum apply_phase p) { return NAME(phase_labels, p, APPLY_PH__MAX); }
const char *apply_refusal_id(enum apply_refusal r) { return NAME(refusal_ids, r, APPLY_R__MAX); }

/* The applicant columns are the report's, in its order. */
const char *
apply_applicant_label(enum apply_applicant a)
{
	return (unsigned)a < APPLY_AP__MAX ? gk_s3_cols[apply_applicant_col(a)] : "?";
}

enum gk_s3col
apply_applicant_col(enum apply_applicant a)
{
	static const enum gk_s3col col[APPLY_AP__MAX] = {
		GK_S3_NATURAL, GK_S3_BUSINESS, GK_S3_RESEARCH, GK_S3_NONPROFIT,
		GK_S3_LEGAL, GK_S3_OTHERORG,
	};

	return (unsigned)a < APPLY_AP__MAX ? col[a] : GK_S3_ALL;
}

int
apply_channel_from_name(const char *s, enum apply_channel *out)
{
	int i = lookup(s, channel_names, channel_labels, APPLY_CH__MAX);

	if (i < 0)
		return 0;
	*out = (enum apply_channel)i;
	return 1;
}

int
apply_applicant_from_name(const char *s, enum apply_applicant *out)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < APPLY_AP__MAX; i++) {
		enum gk_s3col c = apply_applicant_col((enum apply_applicant)i);

		if (strcmp(s, applicant_names[i]) == 0 || strcmp(s, gk_s3_cols[c]) == 0 ||
		    strcmp(s, gk_s3_col_ids[c]) == 0) {
			*out = (enum apply_applicant)i;
			return 1;
		}
	}
	return 0;
}

int
apply_ev_from_name(const char *s, enum apply_ev *out)
{
	int i = lookup(s, ev_names, ev_labels, APPLY_EV__MAX);

	if (i < 0)
		return 0;
	*out = (enum apply_ev)i;
	return 1;
}

/* Storage name, short label or the report row's label ("1.属于国家秘密"). */
int
apply_outcome_from_name(const char *s, enum apply_outcome *out)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < APPLY_OUT__MAX; i++) {
		const struct apply_outcome_def *d = &apply_outcomes[i];

		if (strcmp(s, d->id) == 0 || strcmp(s, d->label) == 0 ||
		    strcmp(s, gk_s3_rows[d->row].label) == 0) {
			*out = (enum apply_outcome)i;
			return 1;
		}
	}
	return 0;
}

void
apply_rules_default(struct apply_rules *r)
{
	memset(r, 0, sizeof(*r));
	r->answer_days = 20;		/* 条例第三十三条第二款 */
	r->extend_max = 20;		/* 条例第三十三条第二款 */
	r->correct_notice_days = 7;	/* 条例第三十条 */
	r->consult_days = 15;		/* 条例第三十二条、第三十四条 */
	r->pay_days = 20;		/* 国办函〔2020〕109号 (legal.md §3) */
	r->fee_pauses_clock = 1;	/* setting; docs/applications.md */
}

/* ---- the clock --------------------------------------------------------- */

/* Replay state: the public status plus what only the replay needs. */
struct run {
	const struct calendar	*cal;
	const struct apply_rules *r;
	struct apply_status	 st;
	int32_t			 last;		/* date of the previous event */
	int32_t			 corrected_by;	/* last day for the 补正 notice */
	int			 correct_sent;	/* a 补正 notice was given (once) */
	int			 consult_open;	/* index of the open CONSULT pause, or -1 */
	int			 fee_sent;	/* a fee notice was given (once) */
	int			 fee_open;	/* the fee is unpaid */
	int			 fee_pause;	/* index of the FEE pause, or -1 */
	int			 no_clock;	/* closed while correcting: never had a due date */
};

/* A day number of years 0001..9999 (date.h). */
static int
valid_date(int32_t d)
{
	int32_t lo, hi;

	if (gk_date_from_ymd(1, 1, 1, &lo) != GK_OK || gk_date_from_ymd(9999, 12, 31, &hi) != GK_OK)
		return 0;
	return d >= lo && d <= hi;
}

static void
fmt(int32_t d, char *buf)
{
	gk_date_format(d, buf);
}

/* The last paused day of pause i: its end, or its limit while open. */
static int32_t
pause_end(const struct run *x, size_t i)
{
	const struct apply_pause *p = &x->st.pauses[i];

	if (p->to != GK_DATE_NONE)
		return p->to;
	if (p->why == APPLY_EV_CONSULT)
		return x->st.consult_until;
	if (p->why == APPLY_EV_FEE)
		return x->st.pay_until;
	return GK_DATE_NONE;
}

/*
 * The due date: answer_days + extended counted working days after start,
 * days inside pauses (after start) not counted. A pause that begins after
 * the period has run out does not matter; one that begins on its last day
 * does (the step was taken within the period).
 */
static enum gk_err
compute_due(struct run *x, char *err, size_t errlen)
{
	int32_t cur, from, to;
	long k, left;
	size_t i;
	enum gk_err e;

	if (x->st.phase == APPLY_PH_NONE || x->st.phase == APPLY_PH_CORRECTING ||
	    x->no_clock) {
		x->st.due = GK_DATE_NONE;
		return GK_OK;
	}
	cur = x->st.start;
	left = (long)x->r->answer_days + x->st.extended;
	for (i = 0; i < x->st.npauses; i++) {
		to = pause_end(x, i);
		from = x->st.pauses[i].from;
		if (to == GK_DATE_NONE || to <= cur)
			continue;
		if (from < cur)
			from = cur;
		if ((e = calendar_workdays_between(x->cal, cur, from, &k, err, errlen)) != GK_OK)
			return e;
		if (k > left)
			break;
		left -= k;
		cur = to;
	}
	return calendar_add_workdays(x->cal, cur, (int)left, &x->st.due, err, errlen);
}

/* Working days in (a, b] that count (outside every pause after start). */
static enum gk_err
counted_between(const struct run *x, int32_t a, int32_t b, long *out, char *err,
    size_t errlen)
{
	int32_t from, to;
	long n, k;
	size_t i;
	enum gk_err e;

	if ((e = calendar_workdays_between(x->cal, a, b, &n, err, errlen)) != GK_OK)
		return e;
	for (i = 0; i < x->st.npauses; i++) {
		to = pause_end(x, i);
		from = x->st.pauses[i].from;
		if (to == GK_DATE_NONE)
			continue;
		if (from < x->st.start)
			from = x->st.start;
		if (from < a)
			from = a;
		if (to > b)
			to = b;
		if (to <= from)
			continue;
		if ((e = calendar_workdays_between(x->cal, from, to, &k, err, errlen)) != GK_OK)
			return e;
		n -= k;
	}
	*out = n;
	return GK_OK;
}

/* days_left and late as of today. */
static enum gk_err
as_of(struct run *x, int32_t today, char *err, size_t errlen)
{
	struct apply_status *st = &x->st;
	int32_t from;
	long n;
	enum gk_err e;
	int w;

	st->days_left = 0;
	st->late = 0;
	if (st->phase == APPLY_PH_CLOSED) {
		st->late = st->due != GK_DATE_NONE && st->closed > st->due;
		return GK_OK;
	}
	if (st->due == GK_DATE_NONE)
		return GK_OK;
	if (today == GK_DATE_NONE || !valid_date(today)) {
		snprintf(err, errlen, "缺少今天的日期或日期无效，无法计算剩余工作日");
		return GK_EINVAL;
	}
	/* Today must be on the calendar even when the count is empty. */
	if ((e = calendar_is_workday(x->cal, today, &w, err, errlen)) != GK_OK)
		return e;
	if (today > st->due) {
		if ((e = calendar_workdays_between(x->cal, st->due, today, &n, err, errlen)) != GK_OK)
			return e;
		st->days_left = -n;
		st->late = 1;
		return GK_OK;
	}
	from = today < st->start ? st->start : today;
	if ((e = counted_between(x, from, st->due, &n, err, errlen)) != GK_OK)
		return e;
	st->days_left = n;
	return GK_OK;
}

/* ---- one event ----------------------------------------------------------- */

static enum apply_refusal
refuse(enum apply_refusal why, char *err, size_t errlen, const char *f, ...)
    __attribute__((format(printf, 4, 5)));

static enum apply_refusal
refuse(enum apply_refusal why, char *err, size_t errlen, const char *f, ...)
{
	va_list ap;

	va_start(ap, f);
	vsnprintf(err, errlen, f, ap);
	va_end(ap);
	return why;
}

static int
add_pause(struct run *x, enum apply_ev why, int32_t from)
{
	struct apply_pause *p;

	if (x->st.npauses >= APPLY_PAUSES_MAX)
		return -1;
	p = &x->st.pauses[x->st.npauses];
	p->why = why;
	p->from = from;
	p->to = GK_DATE_NONE;
	return (int)x->st.npauses++;
}

/* Phase when nothing is awaited: a fee or a consultation left open decides it. */
static void
settle_phase(struct run *x)
{
	if (x->consult_open >= 0)
		x->st.phase = APPLY_PH_CONSULTING;
	else if (x->fee_open)
		x->st.phase = APPLY_PH_FEE;
	else
		x->st.phase = APPLY_PH_PROCESSING;
}

/* Ends the open consultation / fee pause at the closing date (at most their limit). */
static void
close_pauses(struct run *x, int32_t d)
{
	if (x->consult_open >= 0) {
		x->st.pauses[x->consult_open].to = d < x->st.consult_until ? d : x->st.consult_until;
		x->consult_open = -1;
	}
	if (x->fee_open && x->fee_pause >= 0) {
		x->st.pauses[x->fee_pause].to = d < x->st.pay_until ? d : x->st.pay_until;
		x->fee_pause = -1;
	}
}

#define PAUSES_FULL(err, errlen) refuse(APPLY_R_STATE, err, errlen, \
	"中止计时的记录已达上限（%d 次），不能再登记", APPLY_PAUSES_MAX)

/*
 * Applies ev to x. Returns APPLY_R_OK, or a refusal with a message in err
 * (x then possibly changed: the caller keeps a copy). *e is set to a
 * calendar error (GK_ENOTFOUND) when one stops the step.
 */
static enum apply_refusal
step(struct run *x, const struct apply_event *ev, enum gk_err *e, char *err,
    size_t errlen)
{
	struct apply_status *st = &x->st;
	char d[GK_DATE_LEN], d2[GK_DATE_LEN], d3[GK_DATE_LEN];
	int32_t lim;
	int w, i;

	*e = GK_OK;
	if (st->phase == APPLY_PH_CLOSED)
		return refuse(APPLY_R_CLOSED, err, errlen, "申请已于 %s 办结（%s），不能再登记“%s”",
		    (fmt(st->closed, d2), d2), apply_outcomes[st->outcome].label,
		    apply_ev_label(ev->kind));
	if ((unsigned)ev->kind >= APPLY_EV__MAX)
		return refuse(APPLY_R_STATE, err, errlen, "未知的办理环节（%d）", (int)ev->kind);
	if (ev->date == GK_DATE_NONE)
		return refuse(APPLY_R_DATE, err, errlen, "“%s”缺少日期", ev_labels[ev->kind]);
	if (!valid_date(ev->date))
		return refuse(APPLY_R_DATE, err, errlen, "“%s”的日期无效", ev_labels[ev->kind]);
	/* The date must lie on the calendar (also rejects impossible day numbers). */
	if ((*e = calendar_is_workday(x->cal, ev->date, &w, err, errlen)) != GK_OK) {
		if (*e != GK_ENOTFOUND)
			snprintf(err, errlen, "“%s”的日期无效", ev_labels[ev->kind]);
		return APPLY_R_DATE;
	}
	fmt(ev->date, d);
	if (st->phase == APPLY_PH_NONE) {
		if (ev->kind != APPLY_EV_RECEIVED)
			return refuse(APPLY_R_ORDER, err, errlen,
			    "尚未登记收到申请，不能登记“%s”", ev_labels[ev->kind]);
	} else if (ev->kind == APPLY_EV_RECEIVED) {
		return refuse(APPLY_R_ORDER, err, errlen, "申请已于 %s 登记收到，不能再次登记收到申请",
		    (fmt(st->received, d2), d2));
	} else if (ev->date < x->last) {
		return refuse(APPLY_R_ORDER, err, errlen, "“%s”的日期 %s 早于上一环节的日期 %s，日期不能倒退",
		    ev_labels[ev->kind], d, (fmt(x->last, d2), d2));
	}

	switch (ev->kind) {
	case APPLY_EV_RECEIVED:
		st->phase = APPLY_PH_PROCESSING;
		st->received = st->start = ev->date;
		/* 条例第三十条: the 补正 notice within 7 WD of receipt. */
		if ((*e = calendar_add_workdays(x->cal, ev->date, x->r->correct_notice_days,
		    &x->corrected_by, err, errlen)) != GK_OK)
			return APPLY_R_DATE;
		break;
	case APPLY_EV_CORRECT:
		if (x->correct_sent)
			return refuse(APPLY_R_LATE_NOTICE, err, errlen,
			    "补正告知只能一次性作出（《条例》第三十条），本申请已告知过补正");
		if (st->phase != APPLY_PH_PROCESSING)
			return refuse(APPLY_R_STATE, err, errlen, "申请当前处于“%s”状态，不能告知补正",
			    phase_labels[st->phase]);
		if (ev->date > x->corrected_by)
			return refuse(APPLY_R_LATE_NOTICE, err, errlen,
			    "补正告知应当自收到申请之日起 %d 个工作日内作出（《条例》第三十条）：收到申请 %s，最迟 %s，告知日期 %s 已超期",
			    x->r->correct_notice_days, (fmt(st->received, d2), d2),
			    (fmt(x->corrected_by, d3), d3), d);
		if (ev->until == GK_DATE_NONE || !valid_date(ev->until) || ev->until <= ev->date)
			return refuse(APPLY_R_DATE, err, errlen,
			    "补正告知（%s）须给出晚于告知日期的补正期限（《条例》第三十条“合理的补正期限”）", d);
		if ((*e = calendar_is_workday(x->cal, ev->until, &w, err, errlen)) != GK_OK)
			return APPLY_R_DATE;
		if ((i = add_pause(x, APPLY_EV_CORRECT, ev->date)) < 0)
			return PAUSES_FULL(err, errlen);
		x->correct_sent = 1;
		st->correct_until = ev->until;
		st->phase = APPLY_PH_CORRECTING;
		break;
	case APPLY_EV_CORRECTED:
		if (st->phase != APPLY_PH_CORRECTING)
			return refuse(APPLY_R_STATE, err, errlen, "没有待补正的告知，不能登记收到补正");
		/* 条例第三十条: the period counts from the corrected application. */
		st->pauses[st->npauses - 1].to = ev->date;
		st->start = st->corrected = ev->date;
		st->extended = 0;
		st->correct_until = GK_DATE_NONE;
		st->phase = APPLY_PH_PROCESSING;
		break;
	case APPLY_EV_CONSULT:
		if (st->phase != APPLY_PH_PROCESSING)
			return refuse(APPLY_R_STATE, err, errlen,
			    "申请当前处于“%s”状态，不能征求意见（同一时间只能有一次未结束的征求意见，且不能在待补正、待缴费时征求）",
			    phase_labels[st->phase]);
		if ((*e = calendar_add_workdays(x->cal, ev->date, x->r->consult_days, &lim,
		    err, errlen)) != GK_OK)
			return APPLY_R_DATE;
		if ((i = add_pause(x, APPLY_EV_CONSULT, ev->date)) < 0)
			return PAUSES_FULL(err, errlen);
		x->consult_open = i;
		st->consult_until = lim;
		st->phase = APPLY_PH_CONSULTING;
		break;
	case APPLY_EV_CONSULTED:
		if (x->consult_open < 0)
			return refuse(APPLY_R_STATE, err, errlen, "没有正在进行的征求意见，不能登记收到意见");
		/* 条例第三十二条、第三十四条: no more than 15 WD are not counted. */
		st->pauses[x->consult_open].to = ev->date < st->consult_until ? ev->date : st->consult_until;
		x->consult_open = -1;
		st->consult_until = GK_DATE_NONE;
		settle_phase(x);
		break;
	case APPLY_EV_EXTEND:
		if (st->phase == APPLY_PH_CORRECTING)
			return refuse(APPLY_R_STATE, err, errlen, "待补正期间答复期限尚未起算，不能延长");
		if (ev->days < 1)
			return refuse(APPLY_R_EXTEND, err, errlen, "延长的工作日数应为正数（%d）", ev->days);
		if (ev->days > x->r->extend_max - st->extended)
			return refuse(APPLY_R_EXTEND, err, errlen,
			    "延长的期限最长不得超过 %d 个工作日（《条例》第三十三条第二款）：已延长 %d 个，本次 %d 个",
			    x->r->extend_max, st->extended, ev->days);
		if (ev->date > st->due)
			return refuse(APPLY_R_EXTEND, err, errlen,
			    "延长答复期限应在期限届满前决定：答复期限 %s，延长日期 %s 已超过（《条例》第三十三条第二款）",
			    (fmt(st->due, d2), d2), d);
		st->extended += ev->days;
		break;
	case APPLY_EV_FEE:
		if (x->fee_sent)
			return refuse(APPLY_R_STATE, err, errlen, "本申请已发出过收费通知，不能再次发出");
		if (st->phase != APPLY_PH_PROCESSING)
			return refuse(APPLY_R_STATE, err, errlen, "申请当前处于“%s”状态，不能发出收费通知",
			    phase_labels[st->phase]);
		if (ev->amount <= 0)
			return refuse(APPLY_R_STATE, err, errlen, "收费金额应为正数（%lld 分）",
			    (long long)ev->amount);
		if (ev->date > st->due)
			return refuse(APPLY_R_LATE_NOTICE, err, errlen,
			    "收费通知应在答复期限内发出：答复期限 %s，通知日期 %s 已超过", (fmt(st->due, d2), d2), d);
		if ((*e = calendar_add_workdays(x->cal, ev->date, x->r->pay_days, &lim,
		    err, errlen)) != GK_OK)
			return APPLY_R_DATE;
		if (x->r->fee_pauses_clock) {
			if ((i = add_pause(x, APPLY_EV_FEE, ev->date)) < 0)
				return PAUSES_FULL(err, errlen);
			x->fee_pause = i;
		}
		x->fee_sent = x->fee_open = 1;
		st->pay_until = lim;
		st->phase = APPLY_PH_FEE;
		break;
	case APPLY_EV_PAID:
		if (!x->fee_open)
			return refuse(APPLY_R_STATE, err, errlen, "没有待缴的费用，不能登记缴费");
		if (ev->date > st->pay_until)
			return refuse(APPLY_R_PAY_LATE, err, errlen,
			    "缴费期限为 %s（收费通知后 %d 个工作日），%s 缴费已逾期，申请应按“其他处理（逾期未缴费）”办结",
			    (fmt(st->pay_until, d2), d2), x->r->pay_days, d);
		if (x->fee_pause >= 0)
			st->pauses[x->fee_pause].to = ev->date;
		x->fee_open = 0;
		x->fee_pause = -1;
		st->pay_until = GK_DATE_NONE;
		settle_phase(x);
		break;
	case APPLY_EV_ANSWER:
		if ((unsigned)ev->outcome >= APPLY_OUT__MAX)
			return refuse(APPLY_R_OUTCOME, err, errlen, "答复结果（%d）不在年度报告的办理结果分类中",
			    (int)ev->outcome);
		if (ev->outcome == APPLY_OUT_OTHER_NOCORRECT &&
		    (st->phase != APPLY_PH_CORRECTING || ev->date <= st->correct_until))
			return refuse(APPLY_R_OUTCOME, err, errlen, st->phase != APPLY_PH_CORRECTING ?
			    "“其他处理（逾期不补正）”只适用于告知补正后补正期限届满仍未补正的申请（《条例》第三十条）" :
			    "补正期限至 %s，%s 尚未届满，不能按“其他处理（逾期不补正）”办结（《条例》第三十条）",
			    (fmt(st->correct_until, d2), d2), d);
		if (ev->outcome == APPLY_OUT_NA_UNCLEAR && st->corrected == GK_DATE_NONE)
			return refuse(APPLY_R_OUTCOME, err, errlen,
			    "“无法提供（补正后申请内容仍不明确）”只适用于已收到补正的申请（《条例》第三十条）");
		if (ev->outcome == APPLY_OUT_OTHER_NOFEE && (!x->fee_open || ev->date <= st->pay_until))
			return refuse(APPLY_R_OUTCOME, err, errlen, !x->fee_open ?
			    "“其他处理（逾期未缴费）”只适用于发出收费通知后逾期未缴费的申请" :
			    "缴费期限至 %s，%s 尚未届满，不能按“其他处理（逾期未缴费）”办结",
			    (fmt(st->pay_until, d2), d2), d);
		/* FALLTHROUGH */
	case APPLY_EV_WITHDRAW:
		close_pauses(x, ev->date);
		if (st->phase == APPLY_PH_CORRECTING)
			st->pauses[st->npauses - 1].to = ev->date;
		st->outcome = ev->kind == APPLY_EV_ANSWER ? ev->outcome : APPLY_OUT_OTHER_MISC;
		st->closed = ev->date;
		/* 条例第三十三条第一款: answered on the spot. */
		st->immediate = ev->kind == APPLY_EV_ANSWER && ev->date == st->received;
		/* The due date stays as it was when correcting (none). */
		if (st->phase == APPLY_PH_CORRECTING)
			x->no_clock = 1;
		st->phase = APPLY_PH_CLOSED;
		break;
	default:
		break;
	}
	x->last = ev->date;
	if ((*e = compute_due(x, err, errlen)) != GK_OK)
		return APPLY_R_DATE;
	return APPLY_R_OK;
}

static void
status_init(struct apply_status *st)
{
	memset(st, 0, sizeof(*st));
	st->phase = APPLY_PH_NONE;
	st->received = st->start = st->due = GK_DATE_NONE;
	st->correct_until = st->pay_until = st->consult_until = GK_DATE_NONE;
	st->corrected = st->closed = GK_DATE_NONE;
	st->outcome = APPLY_OUT_OPEN;
}

enum gk_err
apply_replay(const struct calendar *cal, const struct apply_rules *rules,
    const struct apply_event *ev, size_t n, int32_t today, struct apply_status *st,
    enum apply_refusal *why, size_t *at, char *err, size_t errlen)
{
	struct run x, saved;
	enum apply_refusal r = APPLY_R_OK;
	enum gk_err e = GK_OK, e2;
	char tmp[8];
	size_t i;

	if (errlen == 0) {
		err = tmp;
		errlen = sizeof(tmp);
	}
	err[0] = '\0';
	if (why)
		*why = APPLY_R_OK;
	if (at)
		*at = 0;
	memset(&x, 0, sizeof(x));
	x.cal = cal;
	x.r = rules;
	x.last = GK_DATE_NONE;
	x.corrected_by = GK_DATE_NONE;
	x.consult_open = x.fee_pause = -1;
	status_init(&x.st);
	for (i = 0; i < n; i++) {
		saved = x;
		r = step(&x, &ev[i], &e, err, errlen);
		if (r != APPLY_R_OK) {
			x = saved;
			break;
		}
	}
	if (r != APPLY_R_OK) {
		if (why)
			*why = r;
		if (at)
			*at = i;
		/* The state before the refused event, as of today (its own error aside). */
		{
			char err2[8];

			(void)as_of(&x, today, err2, sizeof(err2));
		}
		*st = x.st;
		if (e == GK_OK)
			e = GK_EINVAL;
		if (e == GK_EINVAL && err[0] == '\0')
			snprintf(err, errlen, "第 %zu 个环节被拒绝", i + 1);
		return e;
	}
	e2 = as_of(&x, today, err, errlen);
	*st = x.st;
	if (e2 != GK_OK) {
		if (why)
			*why = APPLY_R_DATE;
		if (at)
			*at = n;
	}
	return e2;
}
