/*
 * apply.h — disclosure on application (依申请公开): how an application came
 * in and its date of receipt (条例第三十一条), who applied (the annual
 * report's applicant columns), how it ended (exactly the leaf rows of the
 * report's section 三, each with its legal basis), and the statutory clock
 * in working days (条例第三十条、第三十二条、第三十三条、第三十四条; the fee
 * pause is a per-agency setting, docs/applications.md).
 *
 * An application's history is a list of events in the order they were
 * recorded. apply_replay() checks every event against the state the
 * earlier ones left (so illegal sequences are refused with a Chinese
 * message whether they come from a user now or from stored data) and
 * computes the state, the due date and the pauses. The store keeps the
 * events and calls apply_replay() before appending one.
 *
 * Pure logic: no I/O; "today" is a parameter.
 */
#ifndef GK_APPLY_H
#define GK_APPLY_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/gk.h"
#include "core/report.h"

/* How the application arrived; decides its date of receipt (条例第三十一条). */
enum apply_channel {
	APPLY_CH_ONLINE = 0,	/* 在线申请: the day both parties confirmed */
	APPLY_CH_IN_PERSON,	/* 当面提交: the day it was handed in */
	APPLY_CH_POST_SIGNED,	/* 邮寄（须签收）: the day the agency signed for it */
	APPLY_CH_POST_UNSIGNED,	/* 邮寄（无须签收）: the day the agency confirmed with the applicant */
	APPLY_CH_FAX,		/* 传真: the day both parties confirmed */
	APPLY_CH_EMAIL,		/* 电子邮件: the day both parties confirmed */
	APPLY_CH__MAX
};

const char	*apply_channel_name(enum apply_channel);	/* "online", "in_person", … */
const char	*apply_channel_label(enum apply_channel);	/* "在线申请", … */
/* The 条例第三十一条 rule for the channel's date of receipt, in Chinese. */
const char	*apply_channel_receipt_rule(enum apply_channel);
/* Accepts the storage name or the Chinese label; 0 when unknown. */
int		 apply_channel_from_name(const char *, enum apply_channel *);

/* Who applied: the report's section-三 columns, in their order. */
enum apply_applicant {
	APPLY_AP_NATURAL = 0,	/* 自然人 */
	APPLY_AP_BUSINESS,	/* 商业企业 */
	APPLY_AP_RESEARCH,	/* 科研机构 */
	APPLY_AP_NONPROFIT,	/* 社会公益组织 */
	APPLY_AP_LEGAL,		/* 法律服务机构 */
	APPLY_AP_OTHER,		/* 其他 */
	APPLY_AP__MAX
};

const char	*apply_applicant_name(enum apply_applicant);	/* "natural", … */
const char	*apply_applicant_label(enum apply_applicant);	/* "自然人", … */
int		 apply_applicant_from_name(const char *, enum apply_applicant *);
enum gk_s3col	 apply_applicant_col(enum apply_applicant);

/* How an application ended: the leaf rows of section 三, in the report's order. */
enum apply_outcome {
	APPLY_OUT_OPEN = 0,		/* (一) 予以公开 */
	APPLY_OUT_PARTIAL,		/* (二) 部分公开 (区分处理: counted only here) */
	APPLY_OUT_DENY_SECRET,		/* (三) 1 属于国家秘密 */
	APPLY_OUT_DENY_LAW,		/* (三) 2 其他法律行政法规禁止公开 */
	APPLY_OUT_DENY_SAFETY,		/* (三) 3 危及"三安全一稳定" */
	APPLY_OUT_DENY_THIRD,		/* (三) 4 保护第三方合法权益 */
	APPLY_OUT_DENY_INTERNAL,	/* (三) 5 属于三类内部事务信息 */
	APPLY_OUT_DENY_PROCESS,		/* (三) 6 属于四类过程性信息 */
	APPLY_OUT_DENY_ENFORCEMENT,	/* (三) 7 属于行政执法案卷 */
	APPLY_OUT_DENY_QUERY,		/* (三) 8 属于行政查询事项 */
	APPLY_OUT_NA_NOTHELD,		/* (四) 1 本机关不掌握相关政府信息 */
	APPLY_OUT_NA_MAKE,		/* (四) 2 没有现成信息需要另行制作 */
	APPLY_OUT_NA_UNCLEAR,		/* (四) 3 补正后申请内容仍不明确 */
	APPLY_OUT_NOPROC_PETITION,	/* (五) 1 信访举报投诉类申请 */
	APPLY_OUT_NOPROC_REPEAT,	/* (五) 2 重复申请 */
	APPLY_OUT_NOPROC_PUBLICATION,	/* (五) 3 要求提供公开出版物 */
	APPLY_OUT_NOPROC_EXCESSIVE,	/* (五) 4 无正当理由大量反复申请 */
	APPLY_OUT_NOPROC_CONFIRM,	/* (五) 5 要求行政机关确认或重新出具已获取信息 */
	APPLY_OUT_OTHER_NOCORRECT,	/* (六) 1 逾期不补正 */
	APPLY_OUT_OTHER_NOFEE,		/* (六) 2 逾期未缴费 */
	APPLY_OUT_OTHER_MISC,		/* (六) 3 其他 (also: the applicant withdrew) */
	APPLY_OUT__MAX
};

struct apply_outcome_def {
	const char	*id;		/* storage name: "open", "deny_secret", … */
	enum gk_s3row	 row;		/* its cell row in section 三 */
	const char	*label;		/* short Chinese label: "不予公开（属于国家秘密）" */
	const char	*basis;		/* the legal basis: "《条例》第十四条" … */
};

extern const struct apply_outcome_def apply_outcomes[APPLY_OUT__MAX];
/* Accepts the storage name or the row's Chinese label; 0 when unknown. */
int		 apply_outcome_from_name(const char *, enum apply_outcome *);

/* What happened, in the order it was recorded. */
enum apply_ev {
	APPLY_EV_RECEIVED = 0,	/* date: the date of receipt (must be the first event, only once) */
	APPLY_EV_CORRECT,	/* 补正告知 on date (≤ 7 WD after receipt, once); until: the applicant's deadline */
	APPLY_EV_CORRECTED,	/* the corrected application received on date: the clock restarts */
	APPLY_EV_CONSULT,	/* 征求第三方/其他机关意见 sent on date; the other side has 15 WD */
	APPLY_EV_CONSULTED,	/* the reply received on date (closes the open consultation) */
	APPLY_EV_EXTEND,	/* extension of n WD decided on date (total ≤ 20, date ≤ due); who approved: the store */
	APPLY_EV_FEE,		/* 收费通知 sent on date, amount in 分; the applicant has 20 WD to pay */
	APPLY_EV_PAID,		/* the fee paid on date */
	APPLY_EV_ANSWER,	/* answered on date with outcome: closes the application */
	APPLY_EV_WITHDRAW,	/* the applicant withdrew on date: closes it as 其他处理 3 */
	APPLY_EV__MAX
};

const char	*apply_ev_name(enum apply_ev);		/* "received", "correct", … */
const char	*apply_ev_label(enum apply_ev);		/* "收到申请", "补正告知", … */
int		 apply_ev_from_name(const char *, enum apply_ev *);

struct apply_event {
	enum apply_ev		 kind;
	int32_t			 date;
	int32_t			 until;		/* CORRECT: the applicant's deadline; else GK_DATE_NONE */
	int			 days;		/* EXTEND: working days */
	enum apply_outcome	 outcome;	/* ANSWER */
	int64_t			 amount;	/* FEE: 分 */
};

/* Limits of the 条例 and the settings an agency can change. */
struct apply_rules {
	int	 answer_days;		/* 20, 条例第三十三条 */
	int	 extend_max;		/* 20, 条例第三十三条 */
	int	 correct_notice_days;	/* 7, 条例第三十条 */
	int	 consult_days;		/* 15, 条例第三十二条、第三十四条 */
	int	 pay_days;		/* 20 (国办函〔2020〕109号 as restated in legal.md §3) */
	int	 fee_pauses_clock;	/* 1: the clock stops from fee notice to payment (setting) */
};

void		 apply_rules_default(struct apply_rules *);

enum apply_phase {
	APPLY_PH_NONE = 0,	/* no RECEIVED event yet */
	APPLY_PH_PROCESSING,	/* the clock runs */
	APPLY_PH_CORRECTING,	/* waiting for the corrected application; the clock waits to restart */
	APPLY_PH_CONSULTING,	/* waiting for a third party / another agency; the clock stops */
	APPLY_PH_FEE,		/* waiting for payment; the clock stops when the setting says so */
	APPLY_PH_CLOSED,	/* answered or withdrawn */
	APPLY_PH__MAX
};

const char	*apply_phase_name(enum apply_phase);	/* "processing", … */
const char	*apply_phase_label(enum apply_phase);	/* "办理中", "待补正", … */

#define APPLY_PAUSES_MAX	16

/*
 * A stretch of time not counted: working days after from, up to and
 * including to. Kept for the history; only the part after st->start counts
 * (a 补正 restart makes earlier pauses irrelevant). CORRECT: from the 补正
 * notice to the corrected application (the restart). CONSULT: to is the
 * reply date or the other side's deadline, whichever is earlier. FEE (only
 * when the fee pauses the clock): to is the payment date.
 */
struct apply_pause {
	enum apply_ev	 why;		/* CONSULT, FEE or CORRECT */
	int32_t		 from;
	int32_t		 to;		/* GK_DATE_NONE while open (due assumes the limit) */
};

struct apply_status {
	enum apply_phase	 phase;
	int32_t			 received;	/* date of receipt */
	int32_t			 start;		/* where the clock counts from: receipt or the corrected application */
	int32_t			 due;		/* the answer deadline; open pauses assumed to last to their limit */
	int			 extended;	/* working days of extension so far */
	long			 days_left;	/* counted working days left at today (negative: late) */
	int			 late;		/* closed after due, or open and past due at today */
	int32_t			 correct_until;	/* CORRECTING: the applicant's deadline */
	int32_t			 pay_until;	/* FEE: the applicant's payment deadline */
	int32_t			 consult_until;	/* CONSULTING: the other side's deadline */
	int32_t			 corrected;	/* the corrected application's receipt, or GK_DATE_NONE */
	struct apply_pause	 pauses[APPLY_PAUSES_MAX];
	size_t			 npauses;
	enum apply_outcome	 outcome;	/* CLOSED */
	int32_t			 closed;	/* CLOSED: the date */
	int			 immediate;	/* answered on the day of receipt (当场答复) */
};

/* Why an event is refused (stable ids for tests and the web). */
enum apply_refusal {
	APPLY_R_OK = 0,
	APPLY_R_ORDER,		/* an event before RECEIVED, a second RECEIVED, a date before the previous event */
	APPLY_R_CLOSED,		/* anything after ANSWER or WITHDRAW */
	APPLY_R_STATE,		/* the event does not fit the phase (PAID without FEE, CORRECTED without CORRECT …) */
	APPLY_R_LATE_NOTICE,	/* CORRECT later than 7 WD after receipt, a second CORRECT, FEE after the due date */
	APPLY_R_EXTEND,		/* extension beyond 20 WD in total, not positive, or after the due date */
	APPLY_R_OUTCOME,	/* an outcome the facts do not allow (其他处理 1 without an expired 补正, 2 without an unpaid fee) */
	APPLY_R_DATE,		/* no date or an impossible one, a deadline not after its notice */
	APPLY_R_PAY_LATE,	/* PAID after the payment deadline (the application ends as 其他处理 2) */
	APPLY_R__MAX
};

const char	*apply_refusal_id(enum apply_refusal);	/* "order", "closed", … */

/*
 * Replays events ev[0..n) on the calendar under rules, as of today.
 * GK_OK with *st filled; GK_EINVAL when an event is refused, with *why,
 * the index of the refused event in *at and a Chinese message in err
 * (st then holds the state before that event, as of today); GK_ENOTFOUND
 * when a date, a deadline or today lies in a year the calendar does not
 * cover (never a silent weekends-only answer): *why is APPLY_R_DATE, *at
 * the event's index (n when only today's count failed), a message in err,
 * and st as far as it could be computed; GK_EINVAL with *at = n when today
 * is GK_DATE_NONE or not a date. why and at may be NULL. n = 0
 * gives phase NONE. Semantics and legal basis: docs/applications.md.
 */
enum gk_err	 apply_replay(const struct calendar *, const struct apply_rules *,
		    const struct apply_event *ev, size_t n, int32_t today,
		    struct apply_status *st, enum apply_refusal *why, size_t *at,
		    char *err, size_t errlen);

#endif /* GK_APPLY_H */
