/*
 * workflow.c — the three-level review state machine of proactive
 * disclosure. One function, workflow_apply(), decides every action; the
 * store persists what it says (new state, review record, audit entry) in
 * one transaction. The rules and their sources are in docs/workflow.md.
 *
 * The checks run in a fixed order, so a refusal always names the most basic
 * problem first: arguments, role, agency, state, separation of duties,
 * required input, then the confidentiality gate.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "workflow.h"

static const char *const state_names[WF_STATE__MAX] = {
	"draft", "submitted", "reviewed", "approved", "published", "withdrawn",
};
static const char *const state_labels[WF_STATE__MAX] = {
	"草稿", "待审核", "待审定", "待发布", "已发布", "已撤回",
};
static const char *const role_names[WF_ROLE__MAX] = {
	"drafter", "reviewer", "approver", "officer", "office", "admin",
};
static const char *const role_labels[WF_ROLE__MAX] = {
	"科室拟稿人", "分管领导", "主要领导", "信息公开工作人员", "政务公开办", "系统管理员",
};
static const char *const action_names[WF_ACT__MAX] = {
	"submit", "review", "approve", "return", "publish", "withdraw", "change_validity",
};
static const char *const action_labels[WF_ACT__MAX] = {
	"提交", "审核", "审定", "退回", "发布", "撤回", "变更有效性",
};
static const char *const check_names[WF_CHECK__MAX] = {
	"legality", "accuracy", "secrecy",
};
static const char *const check_labels[WF_CHECK__MAX] = {
	"合法性", "准确性", "保密性",
};
static const char *const verdict_names[WF_VERDICT__MAX] = {
	"unchecked", "pass", "fail",
};
static const char *const code_names[WF_CODE__MAX] = {
	"ok", "input", "role", "agency", "state", "not_drafter", "sod_drafter",
	"sod_reviewer", "comment", "reason", "check_missing", "check_failed",
	"gate", "override", "validity",
};

/* The roles that may take each action at all. */
static const unsigned action_roles[WF_ACT__MAX] = {
	WF_ROLE_BIT(WF_ROLE_DRAFTER),					/* submit */
	WF_ROLE_BIT(WF_ROLE_REVIEWER),					/* review */
	WF_ROLE_BIT(WF_ROLE_APPROVER),					/* approve */
	WF_ROLE_BIT(WF_ROLE_REVIEWER) | WF_ROLE_BIT(WF_ROLE_APPROVER),	/* return */
	WF_ROLE_BIT(WF_ROLE_OFFICER),					/* publish */
	WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_ADMIN),	/* withdraw */
	WF_ROLE_BIT(WF_ROLE_OFFICER),					/* change_validity */
};

/* Who each action is for, in the refusal message. */
static const char *const action_who[WF_ACT__MAX] = {
	"科室拟稿人", "分管领导", "主要领导", "分管领导或主要领导",
	"信息公开工作人员", "信息公开工作人员或系统管理员", "信息公开工作人员",
};

#define S(x)	(1u << (x))
/* The states each action may start from. */
static const unsigned action_from[WF_ACT__MAX] = {
	S(WF_DRAFT),						/* submit */
	S(WF_SUBMITTED),					/* review */
	S(WF_REVIEWED),						/* approve */
	S(WF_SUBMITTED) | S(WF_REVIEWED) | S(WF_APPROVED),	/* return */
	S(WF_APPROVED),						/* publish */
	S(WF_PUBLISHED),					/* withdraw */
	S(WF_PUBLISHED),					/* change_validity */
};

static const char *
lookup(const char *const *names, int n, int i)
{
	return i >= 0 && i < n ? names[i] : "?";
}

static int
rlookup(const char *const *names, int n, const char *s, int *out)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = i;
			return 1;
		}
	return 0;
}

const char *
wf_state_name(enum wf_state x)
{
	return lookup(state_names, WF_STATE__MAX, (int)x);
}

const char *
wf_state_label(enum wf_state x)
{
	return lookup(state_labels, WF_STATE__MAX, (int)x);
}

const char *
wf_role_name(enum wf_role x)
{
	return lookup(role_names, WF_ROLE__MAX, (int)x);
}

const char *
wf_role_label(enum wf_role x)
{
	return lookup(role_labels, WF_ROLE__MAX, (int)x);
}

const char *
wf_action_name(enum wf_action x)
{
	return lookup(action_names, WF_ACT__MAX, (int)x);
}

const char *
wf_action_label(enum wf_action x)
{
	return lookup(action_labels, WF_ACT__MAX, (int)x);
}

const char *
wf_check_name(enum wf_check x)
{
	return lookup(check_names, WF_CHECK__MAX, (int)x);
}

const char *
wf_check_label(enum wf_check x)
{
	return lookup(check_labels, WF_CHECK__MAX, (int)x);
}

const char *
wf_verdict_name(enum wf_verdict x)
{
	return lookup(verdict_names, WF_VERDICT__MAX, (int)x);
}

const char *
wf_code_name(enum wf_code x)
{
	return lookup(code_names, WF_CODE__MAX, (int)x);
}


int
wf_state_from_name(const char *s, enum wf_state *x)
{
	int i;

	if (!rlookup(state_names, WF_STATE__MAX, s, &i))
		return 0;
	*x = (enum wf_state)i;
	return 1;
}

int
wf_role_from_name(const char *s, enum wf_role *x)
{
	int i;

	if (!rlookup(role_names, WF_ROLE__MAX, s, &i))
		return 0;
	*x = (enum wf_role)i;
	return 1;
}

int
wf_action_from_name(const char *s, enum wf_action *x)
{
	int i;

	if (!rlookup(action_names, WF_ACT__MAX, s, &i))
		return 0;
	*x = (enum wf_action)i;
	return 1;
}

int
wf_verdict_from_name(const char *s, enum wf_verdict *x)
{
	int i;

	if (!rlookup(verdict_names, WF_VERDICT__MAX, s, &i))
		return 0;
	*x = (enum wf_verdict)i;
	return 1;
}

int
wf_code_from_name(const char *s, enum wf_code *x)
{
	int i;

	if (!rlookup(code_names, WF_CODE__MAX, s, &i))
		return 0;
	*x = (enum wf_code)i;
	return 1;
}

/* 1 when s has something other than ASCII white space and U+3000. */
static int
given(const char *s)
{
	if (s == NULL)
		return 0;
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 1;
	}
	return 0;
}

static enum gk_err refuse(struct wf_result *, enum wf_code, char *, size_t,
    const char *, ...) __attribute__((format(printf, 5, 6)));

static enum gk_err
refuse(struct wf_result *out, enum wf_code code, char *err, size_t errlen,
    const char *fmt, ...)
{
	va_list ap;

	out->code = code;
	if (err != NULL && errlen > 0) {
		va_start(ap, fmt);
		vsnprintf(err, errlen, fmt, ap);
		va_end(ap);
	}
	switch (code) {
	case WF_E_ROLE:
	case WF_E_AGENCY:
	case WF_E_STATE:
	case WF_E_NOT_DRAFTER:
	case WF_E_SOD_DRAFTER:
	case WF_E_SOD_REVIEWER:
	case WF_E_GATE:
	case WF_E_OVERRIDE:
		return GK_ECONFLICT;
	default:
		return GK_EINVAL;
	}
}

/* The three checks of a review or approval: every one explicitly passed. */
static enum gk_err
checks(const struct wf_input *in, struct wf_result *out, enum wf_action a,
    char *err, size_t errlen)
{
	int i;

	for (i = 0; i < WF_CHECK__MAX; i++)
		if ((unsigned)in->checks[i] >= WF_VERDICT__MAX)
			return refuse(out, WF_E_INPUT, err, errlen, "%s审查结果无效",
			    check_labels[i]);
	for (i = 0; i < WF_CHECK__MAX; i++)
		if (in->checks[i] == WF_FAIL)
			return refuse(out, WF_E_CHECK_FAILED, err, errlen,
			    "%s审查未通过，不能%s；请退回拟稿人修改", check_labels[i],
			    action_labels[a]);
	for (i = 0; i < WF_CHECK__MAX; i++)
		if (in->checks[i] != WF_PASS)
			return refuse(out, WF_E_CHECK_MISSING, err, errlen,
			    "%s须逐项审查合法性、准确性、保密性；尚未确认%s", action_labels[a],
			    check_labels[i]);
	return GK_OK;
}

/* 有效 → 失效 / 废止, 失效 → 废止; never back to 有效 (a new document is a new item). */
static int
validity_step_ok(enum item_validity from, enum item_validity to)
{
	return (from == ITEM_VALID && (to == ITEM_EXPIRED || to == ITEM_REPEALED)) ||
	    (from == ITEM_EXPIRED && to == ITEM_REPEALED);
}

static const char *
role_list(unsigned roles, char *buf, size_t size)
{
	size_t	len = 0;
	int	i, n;

	buf[0] = '\0';
	for (i = 0; i < WF_ROLE__MAX; i++) {
		if (!(roles & WF_ROLE_BIT(i)))
			continue;
		n = snprintf(buf + len, size - len, "%s%s", len ? "、" : "", role_labels[i]);
		if (n < 0 || (size_t)n >= size - len)
			break;
		len += (size_t)n;
	}
	return len ? buf : "无角色";
}

enum gk_err
workflow_apply(const struct wf_item *it, const struct wf_actor *ac, enum wf_action a,
    const struct wf_input *in, struct wf_result *out, char *err, size_t errlen)
{
	struct wf_result	 dummy;
	int32_t			 now, vdate;
	enum gk_err		 e;
	unsigned		 need;
	char			 rl[160];

	if (out == NULL)
		out = &dummy;
	memset(out, 0, sizeof(*out));
	if (err != NULL && errlen > 0)
		err[0] = '\0';
	if (it == NULL || ac == NULL || in == NULL)
		return refuse(out, WF_E_INPUT, err, errlen, "内部错误：缺少信息、操作人或输入");
	out->from = out->to = it->state;
	out->drafter_id = it->drafter_id;
	out->reviewer_id = it->reviewer_id;
	out->approver_id = it->approver_id;
	out->overridden = it->overridden;
	out->validity = it->validity;
	if ((unsigned)it->state >= WF_STATE__MAX || (unsigned)it->validity >= ITEM_VALIDITY__MAX)
		return refuse(out, WF_E_INPUT, err, errlen, "信息的状态或有效性无效");
	if ((unsigned)a >= WF_ACT__MAX)
		return refuse(out, WF_E_INPUT, err, errlen, "未知的操作");
	if (ac->user_id <= 0)
		return refuse(out, WF_E_INPUT, err, errlen, "操作人无效");
	if (!item_date_parse(in->today, &now))
		return refuse(out, WF_E_INPUT, err, errlen, "“今天”的日期无效");

	/* Role: who may take this action at all. */
	if (!(ac->roles & action_roles[a])) {
		if (ac->roles == WF_ROLE_BIT(WF_ROLE_OFFICE))
			return refuse(out, WF_E_ROLE, err, errlen,
			    "政务公开办只能查阅各单位的信息，不能%s", action_labels[a]);
		if (ac->roles == WF_ROLE_BIT(WF_ROLE_ADMIN))
			return refuse(out, WF_E_ROLE, err, errlen,
			    "系统管理员负责用户和设置，不能%s信息", action_labels[a]);
		return refuse(out, WF_E_ROLE, err, errlen, "%s须由%s进行；您的角色（%s）不能%s",
		    action_labels[a], action_who[a], role_list(ac->roles, rl, sizeof(rl)),
		    action_labels[a]);
	}

	/* Agency: everyone acts only on their own agency's items. */
	if (ac->agency_id != it->agency_id)
		return refuse(out, WF_E_AGENCY, err, errlen, "该信息属于其他单位，不能%s",
		    action_labels[a]);

	/* State. */
	if (!(action_from[a] & S(it->state)))
		return refuse(out, WF_E_STATE, err, errlen, "该信息处于“%s”状态，不能%s",
		    state_labels[it->state], action_labels[a]);

	/* Return: by a leader of the level the item waits at (or was approved at). */
	if (a == WF_ACT_RETURN) {
		need = it->state == WF_SUBMITTED ? WF_ROLE_BIT(WF_ROLE_REVIEWER) :
		    WF_ROLE_BIT(WF_ROLE_APPROVER);
		if (!(ac->roles & need))
			return refuse(out, WF_E_ROLE, err, errlen,
			    "该信息处于“%s”状态，只有%s可以退回", state_labels[it->state],
			    it->state == WF_SUBMITTED ? "分管领导" : "主要领导");
	}

	/*
	 * Separation of duties (the seed report's "科室拟稿—分管领导审核—主要领导
	 * 审定" three-level system): three different people. The drafter
	 * neither reviews nor approves the item; the reviewer does not approve
	 * it; and nobody acts at a level they may not decide at, returns
	 * included.
	 */
	switch (a) {
	case WF_ACT_SUBMIT:
		if (it->drafter_id != 0 && it->drafter_id != ac->user_id)
			return refuse(out, WF_E_NOT_DRAFTER, err, errlen,
			    "只有拟稿人本人可以提交该信息");
		break;
	case WF_ACT_REVIEW:
	case WF_ACT_APPROVE:
	case WF_ACT_RETURN:
		if (ac->user_id == it->drafter_id)
			return refuse(out, WF_E_SOD_DRAFTER, err, errlen,
			    "拟稿人不能%s自己起草的信息（三级审核须由三人分别进行）",
			    action_labels[a]);
		if (ac->user_id == it->reviewer_id && (a == WF_ACT_APPROVE ||
		    (a == WF_ACT_RETURN && it->state != WF_SUBMITTED)))
			return refuse(out, WF_E_SOD_REVIEWER, err, errlen,
			    "已审核该信息的分管领导不能再%s（三级审核须由三人分别进行）",
			    action_labels[a]);
		break;
	default:
		break;
	}

	/* Required input. */
	switch (a) {
	case WF_ACT_REVIEW:
	case WF_ACT_APPROVE:
		if ((e = checks(in, out, a, err, errlen)) != GK_OK)
			return e;
		/* FALLTHROUGH */
	case WF_ACT_RETURN:
		if (!given(in->comment))
			return refuse(out, WF_E_COMMENT, err, errlen, "%s须填写意见",
			    action_labels[a]);
		break;
	case WF_ACT_WITHDRAW:
		if (!given(in->reason))
			return refuse(out, WF_E_REASON, err, errlen, "撤回已发布的信息须说明理由");
		break;
	case WF_ACT_CHANGE_VALIDITY:
		if ((unsigned)in->validity >= ITEM_VALIDITY__MAX)
			return refuse(out, WF_E_VALIDITY, err, errlen, "有效性只能是有效、失效或废止");
		if (!validity_step_ok(it->validity, in->validity))
			return refuse(out, WF_E_VALIDITY, err, errlen,
			    "有效性不能从“%s”变更为“%s”", item_validity_label(it->validity),
			    item_validity_label(in->validity));
		if (in->validity_date == NULL || *in->validity_date == '\0')
			return refuse(out, WF_E_VALIDITY, err, errlen, "变更为“%s”须填写%s日期",
			    item_validity_label(in->validity), item_validity_label(in->validity));
		if (!item_date_parse(in->validity_date, &vdate))
			return refuse(out, WF_E_VALIDITY, err, errlen,
			    "%s日期“%.40s”不是有效日期，应写作 YYYY-MM-DD",
			    item_validity_label(in->validity), in->validity_date);
		if (vdate > now)
			return refuse(out, WF_E_VALIDITY, err, errlen, "%s日期 %s 晚于今天",
			    item_validity_label(in->validity), in->validity_date);
		break;
	default:
		break;
	}

	/*
	 * The confidentiality gate: findings of the personal-information and
	 * 密级 scanner block approval and publication, unless the approver
	 * lets them through with a reason, which the store must audit.
	 */
	if (in->findings < 0)
		return refuse(out, WF_E_INPUT, err, errlen, "扫描结果数量无效");
	if (a == WF_ACT_APPROVE && in->findings > 0) {
		if (!given(in->override_reason))
			return refuse(out, WF_E_GATE, err, errlen,
			    "保密与个人信息检查发现 %d 处问题尚未处理；请先处理，或由主要领导说明理由后审定",
			    in->findings);
		out->gate_override = 1;
		out->overridden = in->findings;
		out->record |= WF_REC_OVERRIDE;
	}
	if (a == WF_ACT_PUBLISH) {
		if (given(in->override_reason))
			return refuse(out, WF_E_OVERRIDE, err, errlen,
			    "只有主要领导可以在审定时说明理由放行检查发现的问题，发布时不能放行");
		if (in->findings > 0 && in->findings > it->overridden)
			return refuse(out, WF_E_GATE, err, errlen,
			    "保密与个人信息检查发现 %d 处问题尚未处理%s，不能发布",
			    in->findings, it->overridden > 0 ? "（超出主要领导审定时放行的数量）" : "");
	}

	/* Allowed: the new state and what to record. */
	out->code = WF_OK;
	switch (a) {
	case WF_ACT_SUBMIT:
		out->to = WF_SUBMITTED;
		out->level = 1;
		if (it->drafter_id == 0) {
			out->drafter_id = ac->user_id;
			out->record |= WF_REC_DRAFTER;
		}
		out->reviewer_id = out->approver_id = 0;
		out->overridden = 0;
		if (given(in->comment))
			out->record |= WF_REC_COMMENT;
		break;
	case WF_ACT_REVIEW:
		out->to = WF_REVIEWED;
		out->level = 2;
		out->reviewer_id = ac->user_id;
		out->record |= WF_REC_CHECKS | WF_REC_COMMENT;
		break;
	case WF_ACT_APPROVE:
		out->to = WF_APPROVED;
		out->level = 3;
		out->approver_id = ac->user_id;
		out->record |= WF_REC_CHECKS | WF_REC_COMMENT;
		break;
	case WF_ACT_RETURN:
		out->to = WF_DRAFT;
		out->level = it->state == WF_SUBMITTED ? 2 : 3;
		out->reviewer_id = out->approver_id = 0;
		out->overridden = 0;
		out->record |= WF_REC_COMMENT | WF_REC_ROUND_RESET;
		if (in->checks[0] != WF_UNCHECKED || in->checks[1] != WF_UNCHECKED ||
		    in->checks[2] != WF_UNCHECKED)
			out->record |= WF_REC_CHECKS;
		break;
	case WF_ACT_PUBLISH:
		out->to = WF_PUBLISHED;
		out->record |= WF_REC_PUBLISHED;
		break;
	case WF_ACT_WITHDRAW:
		out->to = WF_WITHDRAWN;
		out->record |= WF_REC_REASON;
		break;
	case WF_ACT_CHANGE_VALIDITY:
		out->validity = in->validity;
		out->record |= WF_REC_VALIDITY;
		if (given(in->comment))
			out->record |= WF_REC_COMMENT;
		break;
	default:
		break;
	}
	return GK_OK;
}

int
workflow_may_read(const struct wf_item *it, const struct wf_actor *ac, int governs)
{
	if (it == NULL || ac == NULL || ac->user_id <= 0)
		return 0;
	if (ac->agency_id == it->agency_id && ac->roles != 0)
		return 1;
	return (ac->roles & WF_ROLE_BIT(WF_ROLE_OFFICE)) && governs;
}
