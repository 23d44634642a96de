/*
 * test_workflow.c — the three-level review workflow: the transition table in
 * tests/fixtures/workflow/transitions.tsv (every action from every state,
 * roles, separation of duties, agencies, required input, the three checks,
 * the confidentiality gate, validity changes), then whole lifecycles with
 * what each step must record.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/workflow.h"

#define TSV	"tests/fixtures/workflow/transitions.tsv"

/* The people of the base item: drafter 10, reviewer 20, approver 30, anyone else 40. */
enum { DRAFTER = 10, REVIEWER = 20, APPROVER = 30, OTHER = 40 };

static const char *today = "2025-06-30";

static void
full_input(struct wf_input *in)
{
	int i;

	memset(in, 0, sizeof(*in));
	in->today = today;
	in->comment = "同意";
	in->reason = "信息有误，更正后重新发布";
	for (i = 0; i < WF_CHECK__MAX; i++)
		in->checks[i] = WF_PASS;
	in->validity = ITEM_EXPIRED;
	in->validity_date = "2025-03-01";
}

static void
base_item(struct wf_item *it, enum wf_state st)
{
	memset(it, 0, sizeof(*it));
	it->id = 1;
	it->agency_id = 1;
	it->state = st;
	it->validity = ITEM_VALID;
	it->drafter_id = DRAFTER;
	if (st >= WF_REVIEWED)
		it->reviewer_id = REVIEWER;
	if (st >= WF_APPROVED)
		it->approver_id = APPROVER;
}

static enum wf_check
check_named(const char *s, int line)
{
	int i;

	for (i = 0; i < WF_CHECK__MAX; i++)
		if (strcmp(s, wf_check_name((enum wf_check)i)) == 0)
			return (enum wf_check)i;
	fail_msg("%s:%d: unknown check %s", TSV, line, s);
	return WF_CHECK_LEGALITY;
}

/* Applies one input modifier (see the TSV header). */
static void
modify(const char *m, struct wf_item *it, struct wf_input *in, int line)
{
	enum item_validity v;

	if (strcmp(m, "-") == 0)
		return;
	if (strcmp(m, "nocomment") == 0)
		in->comment = NULL;
	else if (strcmp(m, "blankcomment") == 0)
		in->comment = " \xe3\x80\x80\t";
	else if (strcmp(m, "noreason") == 0)
		in->reason = NULL;
	else if (strcmp(m, "blankreason") == 0)
		in->reason = "   ";
	else if (strncmp(m, "fail:", 5) == 0)
		in->checks[check_named(m + 5, line)] = WF_FAIL;
	else if (strncmp(m, "unchecked:", 10) == 0)
		in->checks[check_named(m + 10, line)] = WF_UNCHECKED;
	else if (strncmp(m, "findings:", 9) == 0)
		in->findings = (int)strtol(m + 9, NULL, 10);
	else if (strncmp(m, "overridden:", 11) == 0)
		it->overridden = (int)strtol(m + 11, NULL, 10);
	else if (strcmp(m, "override") == 0)
		in->override_reason = "身份证号为公示名单所需，已取得本人同意";
	else if (strcmp(m, "blankoverride") == 0)
		in->override_reason = "";
	else if (strncmp(m, "validity:", 9) == 0) {
		if (!item_validity_from_name(m + 9, &v))
			fail_msg("%s:%d: bad validity %s", TSV, line, m);
		in->validity = v;
	} else if (strncmp(m, "item:", 5) == 0) {
		if (!item_validity_from_name(m + 5, &v))
			fail_msg("%s:%d: bad validity %s", TSV, line, m);
		it->validity = v;
	} else if (strcmp(m, "nodate") == 0)
		in->validity_date = NULL;
	else if (strcmp(m, "baddate") == 0)
		in->validity_date = "2025-02-30";
	else if (strcmp(m, "futuredate") == 0)
		in->validity_date = "2025-07-01";
	else if (strcmp(m, "todaydate") == 0)
		in->validity_date = today;
	else
		fail_msg("%s:%d: unknown modifier %s", TSV, line, m);
}

static void
table(void **state)
{
	char		*text, *p, *nl, *f[8], *r, *save, err[512];
	struct wf_item	 it;
	struct wf_actor	 ac;
	struct wf_input	 in;
	struct wf_result out;
	enum wf_state	 st, want_state;
	enum wf_role	 role;
	enum wf_action	 act;
	enum wf_code	 want_code;
	enum gk_err	 e;
	int		 line = 0, nf, rows = 0, ok_rows = 0, seen[WF_ACT__MAX][WF_STATE__MAX];

	(void)state;
	memset(seen, 0, sizeof(seen));
	text = gk_test_slurp(TSV, NULL);
	for (p = text; *p != '\0'; p = nl + 1) {
		line++;
		if ((nl = strchr(p, '\n')) == NULL)
			fail_msg("%s:%d: no final newline", TSV, line);
		*nl = '\0';
		if (*p == '#' || *p == '\0')
			continue;
		for (nf = 0, r = p; nf < 8; nf++) {
			f[nf] = r;
			if ((r = strchr(r, '\t')) == NULL) {
				nf++;
				break;
			}
			*r++ = '\0';
		}
		if (nf != 7)
			fail_msg("%s:%d: %d columns, want 7", TSV, line, nf);
		if (!wf_state_from_name(f[0], &st) || !wf_action_from_name(f[4], &act))
			fail_msg("%s:%d: bad state or action", TSV, line);
		base_item(&it, st);
		memset(&ac, 0, sizeof(ac));
		ac.agency_id = strcmp(f[3], "same") == 0 ? 1 : 2;
		for (r = strtok_r(f[1], ",", &save); r != NULL; r = strtok_r(NULL, ",", &save)) {
			if (!wf_role_from_name(r, &role))
				fail_msg("%s:%d: bad role %s", TSV, line, r);
			ac.roles |= WF_ROLE_BIT(role);
		}
		if (strcmp(f[2], "drafter") == 0)
			ac.user_id = DRAFTER;
		else if (strcmp(f[2], "reviewer") == 0)
			ac.user_id = REVIEWER;
		else if (strcmp(f[2], "approver") == 0)
			ac.user_id = APPROVER;
		else if (strcmp(f[2], "other") == 0)
			ac.user_id = OTHER;
		else if (strcmp(f[2], "new") == 0) {
			ac.user_id = DRAFTER;
			it.drafter_id = 0;
		} else
			fail_msg("%s:%d: bad who %s", TSV, line, f[2]);
		full_input(&in);
		for (r = strtok_r(f[5], ",", &save); r != NULL; r = strtok_r(NULL, ",", &save))
			modify(r, &it, &in, line);
		err[0] = '\0';
		e = workflow_apply(&it, &ac, act, &in, &out, err, sizeof(err));
		if (strncmp(f[6], "ok:", 3) == 0) {
			if (!wf_state_from_name(f[6] + 3, &want_state))
				fail_msg("%s:%d: bad expected state", TSV, line);
			if (e != GK_OK || out.code != WF_OK || out.to != want_state)
				fail_msg("%s:%d: want %s, got %s/%s (%s)", TSV, line, f[6],
				    wf_code_name(out.code), wf_state_name(out.to), err);
			assert_int_equal(out.from, st);
			seen[act][st] = 1;
			ok_rows++;
		} else {
			if (!wf_code_from_name(f[6], &want_code) || want_code == WF_OK)
				fail_msg("%s:%d: bad expected code %s", TSV, line, f[6]);
			if (e == GK_OK || out.code != want_code)
				fail_msg("%s:%d: want %s, got %s (%s)", TSV, line, f[6],
				    wf_code_name(out.code), err);
			/* Every refusal says why, in Chinese, and changes nothing. */
			if (err[0] == '\0' || (unsigned char)err[0] < 0x80)
				fail_msg("%s:%d: refusal without a Chinese message", TSV, line);
			assert_int_equal(out.to, st);
			assert_int_equal(out.record, 0);
			assert_true(out.reviewer_id == it.reviewer_id &&
			    out.approver_id == it.approver_id && out.validity == it.validity);
			assert_int_equal(e, (want_code == WF_E_COMMENT || want_code == WF_E_REASON ||
			    want_code == WF_E_CHECK_MISSING || want_code == WF_E_CHECK_FAILED ||
			    want_code == WF_E_VALIDITY || want_code == WF_E_INPUT) ?
			    GK_EINVAL : GK_ECONFLICT);
		}
		rows++;
	}
	free(text);
	/* The table covers all nine legal (action, from-state) pairs. */
	assert_true(seen[WF_ACT_SUBMIT][WF_DRAFT] && seen[WF_ACT_REVIEW][WF_SUBMITTED] &&
	    seen[WF_ACT_APPROVE][WF_REVIEWED] && seen[WF_ACT_RETURN][WF_SUBMITTED] &&
	    seen[WF_ACT_RETURN][WF_REVIEWED] && seen[WF_ACT_RETURN][WF_APPROVED] &&
	    seen[WF_ACT_PUBLISH][WF_APPROVED] && seen[WF_ACT_WITHDRAW][WF_PUBLISHED] &&
	    seen[WF_ACT_CHANGE_VALIDITY][WF_PUBLISHED]);
	assert_true(rows >= 150);
	assert_true(ok_rows >= 30);
}

static void
messages(void **state)
{
	struct wf_item	 it;
	struct wf_actor	 ac = { OTHER, 1, WF_ROLE_BIT(WF_ROLE_APPROVER) };
	struct wf_input	 in;
	struct wf_result out;
	char		 err[256];

	(void)state;
	base_item(&it, WF_DRAFT);
	full_input(&in);
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_APPROVE, &in, &out, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_string_equal(err, "该信息处于“草稿”状态，不能审定");

	base_item(&it, WF_REVIEWED);
	ac.user_id = REVIEWER;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_APPROVE, &in, &out, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(out.code, WF_E_SOD_REVIEWER);
	assert_string_equal(err, "已审核该信息的分管领导不能再审定（三级审核须由三人分别进行）");

	ac.user_id = OTHER;
	in.checks[WF_CHECK_SECRECY] = WF_FAIL;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_APPROVE, &in, &out, err, sizeof(err)),
	    GK_EINVAL);
	assert_string_equal(err, "保密性审查未通过，不能审定；请退回拟稿人修改");

	full_input(&in);
	in.findings = 2;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_APPROVE, &in, &out, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_non_null(strstr(err, "2 处问题"));

	ac.roles = WF_ROLE_BIT(WF_ROLE_OFFICE);
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_APPROVE, &in, &out, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_string_equal(err, "政务公开办只能查阅各单位的信息，不能审定");
}

/* One item from a new draft to withdrawal, checking what each step records. */
static void
lifecycle(void **state)
{
	struct wf_item	 it;
	struct wf_actor	 d = { DRAFTER, 1, WF_ROLE_BIT(WF_ROLE_DRAFTER) };
	struct wf_actor	 rv = { REVIEWER, 1, WF_ROLE_BIT(WF_ROLE_REVIEWER) };
	struct wf_actor	 ap = { APPROVER, 1, WF_ROLE_BIT(WF_ROLE_APPROVER) };
	struct wf_actor	 of = { OTHER, 1, WF_ROLE_BIT(WF_ROLE_OFFICER) };
	struct wf_input	 in;
	struct wf_result r;
	char		 err[256];

	(void)state;
	base_item(&it, WF_DRAFT);
	it.drafter_id = 0;
	full_input(&in);
	in.comment = NULL;

	assert_int_equal(workflow_apply(&it, &d, WF_ACT_SUBMIT, &in, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_SUBMITTED);
	assert_int_equal(r.level, 1);
	assert_int_equal(r.drafter_id, DRAFTER);
	assert_int_equal(r.record, WF_REC_DRAFTER);
	it.state = r.to;
	it.drafter_id = r.drafter_id;

	full_input(&in);
	assert_int_equal(workflow_apply(&it, &rv, WF_ACT_REVIEW, &in, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_REVIEWED);
	assert_int_equal(r.level, 2);
	assert_int_equal(r.reviewer_id, REVIEWER);
	assert_int_equal(r.record, WF_REC_CHECKS | WF_REC_COMMENT);
	it.state = r.to;
	it.reviewer_id = r.reviewer_id;

	/* The approver lets two findings through: the override must be audited. */
	in.findings = 2;
	in.override_reason = "公示名单依法须含姓名";
	assert_int_equal(workflow_apply(&it, &ap, WF_ACT_APPROVE, &in, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_APPROVED);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.approver_id, APPROVER);
	assert_int_equal(r.reviewer_id, REVIEWER);
	assert_int_equal(r.gate_override, 1);
	assert_int_equal(r.overridden, 2);
	assert_int_equal(r.record, WF_REC_CHECKS | WF_REC_COMMENT | WF_REC_OVERRIDE);
	it.state = r.to;
	it.approver_id = r.approver_id;
	it.overridden = r.overridden;

	full_input(&in);
	in.findings = 2;
	assert_int_equal(workflow_apply(&it, &of, WF_ACT_PUBLISH, &in, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_PUBLISHED);
	assert_int_equal(r.gate_override, 0);
	assert_int_equal(r.record, WF_REC_PUBLISHED);
	it.state = r.to;

	/* Validity events keep the state and are recorded with their date. */
	full_input(&in);
	in.validity = ITEM_EXPIRED;
	in.validity_date = "2025-06-01";
	in.comment = NULL;
	assert_int_equal(workflow_apply(&it, &of, WF_ACT_CHANGE_VALIDITY, &in, &r, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_PUBLISHED);
	assert_int_equal(r.validity, ITEM_EXPIRED);
	assert_int_equal(r.record, WF_REC_VALIDITY);
	it.validity = r.validity;
	in.validity = ITEM_REPEALED;
	in.comment = "被新文件替代";
	assert_int_equal(workflow_apply(&it, &of, WF_ACT_CHANGE_VALIDITY, &in, &r, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(r.validity, ITEM_REPEALED);
	assert_int_equal(r.record, WF_REC_VALIDITY | WF_REC_COMMENT);
	it.validity = r.validity;
	in.validity = ITEM_EXPIRED;
	assert_int_equal(workflow_apply(&it, &of, WF_ACT_CHANGE_VALIDITY, &in, &r, err,
	    sizeof(err)), GK_EINVAL);
	assert_string_equal(err, "有效性不能从“废止”变更为“失效”");

	full_input(&in);
	assert_int_equal(workflow_apply(&it, &of, WF_ACT_WITHDRAW, &in, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_WITHDRAWN);
	assert_int_equal(r.record, WF_REC_REASON);
	it.state = r.to;

	/* Withdrawn is final: nothing else applies. */
	assert_int_equal(workflow_apply(&it, &of, WF_ACT_PUBLISH, &in, &r, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_string_equal(err, "该信息处于“已撤回”状态，不能发布");
}

/* A return clears the round; the drafter resubmits and three people decide again. */
static void
return_and_resubmit(void **state)
{
	struct wf_item	 it;
	struct wf_actor	 d = { DRAFTER, 1, WF_ROLE_BIT(WF_ROLE_DRAFTER) };
	struct wf_actor	 ap = { 31, 1, WF_ROLE_BIT(WF_ROLE_APPROVER) };
	struct wf_input	 in;
	struct wf_result r;
	char		 err[256];

	(void)state;
	base_item(&it, WF_APPROVED);
	it.overridden = 1;
	full_input(&in);
	in.comment = "数据需更新";
	in.checks[WF_CHECK_ACCURACY] = WF_FAIL;
	assert_int_equal(workflow_apply(&it, &ap, WF_ACT_RETURN, &in, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_DRAFT);
	assert_int_equal(r.level, 3);
	assert_int_equal(r.reviewer_id, 0);
	assert_int_equal(r.approver_id, 0);
	assert_int_equal(r.overridden, 0);
	assert_int_equal(r.drafter_id, DRAFTER);
	assert_int_equal(r.record, WF_REC_COMMENT | WF_REC_ROUND_RESET | WF_REC_CHECKS);
	it.state = r.to;
	it.reviewer_id = r.reviewer_id;
	it.approver_id = r.approver_id;
	it.overridden = r.overridden;

	full_input(&in);
	in.comment = NULL;
	assert_int_equal(workflow_apply(&it, &d, WF_ACT_SUBMIT, &in, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.to, WF_SUBMITTED);
	assert_int_equal(r.record, 0);

	/* Return from submitted: level 2; the pass/fail of checks is optional. */
	it.state = WF_SUBMITTED;
	{
		struct wf_actor rv = { 21, 1, WF_ROLE_BIT(WF_ROLE_REVIEWER) };

		full_input(&in);
		in.checks[0] = in.checks[1] = in.checks[2] = WF_UNCHECKED;
		assert_int_equal(workflow_apply(&it, &rv, WF_ACT_RETURN, &in, &r, err,
		    sizeof(err)), GK_OK);
		assert_int_equal(r.level, 2);
		assert_int_equal(r.record, WF_REC_COMMENT | WF_REC_ROUND_RESET);
	}
}

static void
bad_arguments(void **state)
{
	struct wf_item	 it;
	struct wf_actor	 ac = { OTHER, 1, WF_ROLE_BIT(WF_ROLE_REVIEWER) };
	struct wf_input	 in;
	struct wf_result r;
	char		 err[256];

	(void)state;
	base_item(&it, WF_SUBMITTED);
	full_input(&in);
	assert_int_equal(workflow_apply(NULL, &ac, WF_ACT_REVIEW, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(r.code, WF_E_INPUT);
	assert_int_equal(workflow_apply(&it, NULL, WF_ACT_REVIEW, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, NULL, &r, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, &in, NULL, err, sizeof(err)),
	    GK_OK);	/* the result may be ignored */
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT__MAX, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(workflow_apply(&it, &ac, (enum wf_action)-1, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	it.state = WF_STATE__MAX;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(r.code, WF_E_INPUT);
	it.state = WF_SUBMITTED;
	in.today = "2025-13-01";
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	in.today = today;
	ac.user_id = 0;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	ac.user_id = OTHER;
	ac.roles = 0;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, &in, &r, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(r.code, WF_E_ROLE);
	ac.roles = WF_ROLE_BIT(WF_ROLE_REVIEWER);
	in.checks[1] = (enum wf_verdict)7;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, &in, &r, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(r.code, WF_E_INPUT);
	/* A tiny error buffer is still a terminated string. */
	full_input(&in);
	it.state = WF_DRAFT;
	assert_int_equal(workflow_apply(&it, &ac, WF_ACT_REVIEW, &in, &r, err, 5), GK_ECONFLICT);
	assert_true(strlen(err) < 5);
}

static void
names(void **state)
{
	enum wf_state	s;
	enum wf_role	ro;
	enum wf_action	a;
	enum wf_code	c;
	enum wf_verdict	v;
	int		i;

	(void)state;
	for (i = 0; i < WF_STATE__MAX; i++) {
		assert_true(wf_state_from_name(wf_state_name((enum wf_state)i), &s));
		assert_int_equal(s, i);
		assert_string_not_equal(wf_state_label((enum wf_state)i), "?");
	}
	for (i = 0; i < WF_ROLE__MAX; i++) {
		assert_true(wf_role_from_name(wf_role_name((enum wf_role)i), &ro));
		assert_int_equal(ro, i);
	}
	for (i = 0; i < WF_ACT__MAX; i++) {
		assert_true(wf_action_from_name(wf_action_name((enum wf_action)i), &a));
		assert_int_equal(a, i);
	}
	for (i = 0; i < WF_CODE__MAX; i++) {
		assert_true(wf_code_from_name(wf_code_name((enum wf_code)i), &c));
		assert_int_equal(c, i);
	}
	for (i = 0; i < WF_VERDICT__MAX; i++) {
		assert_true(wf_verdict_from_name(wf_verdict_name((enum wf_verdict)i), &v));
		assert_int_equal(v, i);
	}
	assert_string_equal(wf_role_label(WF_ROLE_REVIEWER), "分管领导");
	assert_string_equal(wf_role_label(WF_ROLE_APPROVER), "主要领导");
	assert_string_equal(wf_check_label(WF_CHECK_LEGALITY), "合法性");
	assert_string_equal(wf_check_label(WF_CHECK_ACCURACY), "准确性");
	assert_string_equal(wf_check_label(WF_CHECK_SECRECY), "保密性");
	assert_string_equal(wf_state_name(WF_STATE__MAX), "?");
	assert_false(wf_state_from_name("published ", &s));
	assert_false(wf_role_from_name(NULL, &ro));
}

static void
reading(void **state)
{
	struct wf_item	it;
	struct wf_actor	own = { 5, 1, WF_ROLE_BIT(WF_ROLE_DRAFTER) };
	struct wf_actor	office = { 6, 9, WF_ROLE_BIT(WF_ROLE_OFFICE) };
	struct wf_actor	stranger = { 7, 2, WF_ROLE_BIT(WF_ROLE_APPROVER) };

	(void)state;
	base_item(&it, WF_SUBMITTED);
	assert_true(workflow_may_read(&it, &own, 0));
	assert_true(workflow_may_read(&it, &office, 1));	/* its government's agency */
	assert_false(workflow_may_read(&it, &office, 0));	/* another government's */
	assert_false(workflow_may_read(&it, &stranger, 0));
	assert_false(workflow_may_read(NULL, &own, 0));
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(table),
	cmocka_unit_test(messages),
	cmocka_unit_test(lifecycle),
	cmocka_unit_test(return_and_resubmit),
	cmocka_unit_test(bad_arguments),
	cmocka_unit_test(names),
	cmocka_unit_test(reading),
};

GK_TEST_MAIN("workflow", tests)
