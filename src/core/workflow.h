/*
 * workflow.h — the three-level review of proactive-disclosure items as a
 * state machine: 科室拟稿 → 分管领导审核 → 主要领导审定 → 发布 (the seed
 * report's "科室拟稿—分管领导审核—主要领导审定" three-level system).
 *
 *	draft ──submit──▶ submitted ──review──▶ reviewed ──approve──▶ approved ──publish──▶ published
 *	  ▲                  │                     │                     │                    │
 *	  └──────return──────┴─────────────────────┴─────────────────────┘      withdraw ─────┤──▶ withdrawn
 *	                                                                 change_validity ─────┘ (stays published)
 *
 * workflow_apply() decides one action by one actor on one item: allowed or
 * refused with a stable code and a Chinese message; the new state; what
 * the store must record. It never changes anything itself.
 *
 * Pure logic: no I/O, no clock ("today" is in the input).
 */
#ifndef GK_WORKFLOW_H
#define GK_WORKFLOW_H

#include <stddef.h>
#include <stdint.h>

#include "gk.h"
#include "item.h"

/* Storage names: "draft", "submitted", "reviewed", "approved", "published", "withdrawn". */
enum wf_state {
	WF_DRAFT = 0,		/* 草稿 */
	WF_SUBMITTED,		/* 已提交（待分管领导审核） */
	WF_REVIEWED,		/* 已审核（待主要领导审定） */
	WF_APPROVED,		/* 已审定（待发布） */
	WF_PUBLISHED,		/* 已发布 */
	WF_WITHDRAWN,		/* 已撤回 (terminal) */
	WF_STATE__MAX
};

/* Storage names: "drafter", "reviewer", "approver", "officer", "office", "admin". */
enum wf_role {
	WF_ROLE_DRAFTER = 0,	/* 科室拟稿人 */
	WF_ROLE_REVIEWER,	/* 分管领导 */
	WF_ROLE_APPROVER,	/* 主要领导 */
	WF_ROLE_OFFICER,	/* 信息公开工作人员 */
	WF_ROLE_OFFICE,		/* 政务公开办: reads across its government's agencies, acts on none */
	WF_ROLE_ADMIN,		/* 系统管理员: users and settings; may withdraw, never approves */
	WF_ROLE__MAX
};
#define WF_ROLE_BIT(r)	(1u << (r))

/* Storage names: "submit", "review", "approve", "return", "publish", "withdraw", "change_validity". */
enum wf_action {
	WF_ACT_SUBMIT = 0,	/* 提交 */
	WF_ACT_REVIEW,		/* 审核 (分管领导) */
	WF_ACT_APPROVE,		/* 审定 (主要领导) */
	WF_ACT_RETURN,		/* 退回 */
	WF_ACT_PUBLISH,		/* 发布 */
	WF_ACT_WITHDRAW,	/* 撤回 */
	WF_ACT_CHANGE_VALIDITY,	/* 变更有效性 */
	WF_ACT__MAX
};

/* The three checks of every review and approval (合法性、准确性、保密性). */
enum wf_check {
	WF_CHECK_LEGALITY = 0,	/* 合法性 */
	WF_CHECK_ACCURACY,	/* 准确性 */
	WF_CHECK_SECRECY,	/* 保密性 */
	WF_CHECK__MAX
};

/* Storage names: "unchecked", "pass", "fail". */
enum wf_verdict {
	WF_UNCHECKED = 0,
	WF_PASS,
	WF_FAIL,
	WF_VERDICT__MAX
};

/* Why an action was refused. Storage names in workflow.c ("state", "role", …). */
enum wf_code {
	WF_OK = 0,
	WF_E_INPUT,		/* a bad argument (unknown enum, missing item or actor) */
	WF_E_ROLE,		/* the actor's roles do not permit this action */
	WF_E_AGENCY,		/* the item belongs to another agency */
	WF_E_STATE,		/* the action is not possible in the item's state */
	WF_E_NOT_DRAFTER,	/* only the item's drafter submits it */
	WF_E_SOD_DRAFTER,	/* separation of duties: the drafter cannot review or approve */
	WF_E_SOD_REVIEWER,	/* separation of duties: the reviewer cannot also approve */
	WF_E_COMMENT,		/* a comment is required */
	WF_E_REASON,		/* a reason is required (withdrawal) */
	WF_E_CHECK_MISSING,	/* one of the three checks was not recorded */
	WF_E_CHECK_FAILED,	/* a check failed: return the item instead */
	WF_E_GATE,		/* unresolved scanner findings and no override */
	WF_E_OVERRIDE,		/* an override by someone who may not give one */
	WF_E_VALIDITY,		/* an impossible validity change or a bad date */
	WF_CODE__MAX
};

const char	*wf_state_name(enum wf_state);
const char	*wf_state_label(enum wf_state);		/* "草稿" */
int		 wf_state_from_name(const char *, enum wf_state *);
const char	*wf_role_name(enum wf_role);
const char	*wf_role_label(enum wf_role);		/* "分管领导" */
int		 wf_role_from_name(const char *, enum wf_role *);
const char	*wf_action_name(enum wf_action);
const char	*wf_action_label(enum wf_action);	/* "审定" */
int		 wf_action_from_name(const char *, enum wf_action *);
const char	*wf_check_name(enum wf_check);		/* "legality" */
const char	*wf_check_label(enum wf_check);		/* "合法性" */
const char	*wf_verdict_name(enum wf_verdict);
int		 wf_verdict_from_name(const char *, enum wf_verdict *);
const char	*wf_code_name(enum wf_code);		/* "state", "sod_drafter", … */
int		 wf_code_from_name(const char *, enum wf_code *);

/* What the workflow needs to know about an item (the store keeps these columns). */
struct wf_item {
	int64_t			 id;
	int64_t			 agency_id;
	enum wf_state		 state;
	enum item_validity	 validity;
	int64_t			 drafter_id;	/* the author of record; 0 until first submitted */
	int64_t			 reviewer_id;	/* who reviewed in the current round, else 0 */
	int64_t			 approver_id;	/* who approved in the current round, else 0 */
	int			 overridden;	/* findings the approver let through in this round */
};

struct wf_actor {
	int64_t		 user_id;	/* > 0 */
	int64_t		 agency_id;
	unsigned	 roles;		/* WF_ROLE_BIT() of every role the user has */
};

struct wf_input {
	const char	*today;		/* "YYYY-MM-DD" */
	const char	*comment;	/* review/approve/return: required */
	const char	*reason;	/* withdraw: required */
	enum wf_verdict	 checks[WF_CHECK__MAX];	/* review/approve: all WF_PASS */
	int		 findings;	/* unresolved scanner findings now (approve/publish) */
	const char	*override_reason;	/* approve: lets the findings through */
	enum item_validity validity;	/* change_validity: the new validity */
	const char	*validity_date;	/* change_validity: when it took effect */
};

/* What the store must record (bits of wf_result.record). */
#define WF_REC_CHECKS		0x01u	/* the three checks, with the level */
#define WF_REC_COMMENT		0x02u	/* the comment */
#define WF_REC_REASON		0x04u	/* the withdrawal reason */
#define WF_REC_OVERRIDE		0x08u	/* the gate override and its reason: audit it */
#define WF_REC_VALIDITY		0x10u	/* a validity event (old, new, date); history kept */
#define WF_REC_PUBLISHED	0x20u	/* the publication date (today) */
#define WF_REC_ROUND_RESET	0x40u	/* reviewer/approver of the round cleared */
#define WF_REC_DRAFTER		0x80u	/* drafter_id set for the first time */

struct wf_result {
	enum wf_code		 code;	/* WF_OK when allowed */
	enum wf_state		 from;
	enum wf_state		 to;	/* == from when refused or for change_validity */
	int			 level;	/* review level: 1 submit, 2 review, 3 approve, else 0 */
	unsigned		 record;	/* WF_REC_* */
	/* The item's workflow columns after the action (equal to before when refused). */
	int64_t			 drafter_id;
	int64_t			 reviewer_id;
	int64_t			 approver_id;
	int			 overridden;
	enum item_validity	 validity;
	int			 gate_override;	/* 1: findings let through; must be audited */
};

/*
 * Decides the action. Returns GK_OK when allowed (out->code == WF_OK),
 * GK_ECONFLICT when refused because of who, where or when (role, agency,
 * state, separation of duties, gate), GK_EINVAL when the input is
 * incomplete (comment, reason, checks, validity, bad arguments). In every
 * refusal out->code gives the stable reason and err the Chinese message.
 */
enum gk_err	 workflow_apply(const struct wf_item *, const struct wf_actor *,
		    enum wf_action, const struct wf_input *, struct wf_result *out,
		    char *err, size_t errlen);

/* 1 when the actor may read the item (own agency, or the 政务公开办 of its government). */
int		 workflow_may_read(const struct wf_item *, const struct wf_actor *,
		    int actor_governs_item_agency);

#endif /* GK_WORKFLOW_H */
