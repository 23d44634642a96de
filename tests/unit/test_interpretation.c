/*
 * test_interpretation.c — policy interpretations in the store
 * (store/interpretation.h): the link rules and their refusals (each one
 * leaving no row and no audit entry), unlink, the lists both ways, the
 * ledger findings (missing, late, on time, withdrawn or unpublished
 * interpretation, unpublished policy file, other year) and the ledger cell.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "harness.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/user.h"

#define CODE_A	"11510422MB1234567Y"
#define CODE_B	"11510422MB12345682"

struct fx {
	char			 dir[64], path[128];
	struct gk_db		*db;
	int64_t			 ag, ag2;
	struct gk_item_actor	 d, r, a, o, d2;
};

static struct fx F;

/* Every workflow action of this file, the withdrawal with its reason. */
static void
act(int64_t id, const struct gk_item_actor *ac, enum wf_action a, const char *day)
{
	gk_test_act(F.db, id, ac, a, day, "解读有误，撤回");
}

/* A draft by ac written (and created) on day, without a body. */
static int64_t
item(const struct gk_item_actor *ac, const char *cat, const char *title, const char *day)
{
	return gk_test_item(F.db, ac, cat, title, day, NULL);
}

/* Drafted, reviewed, approved and published on day. */
static int64_t
published(const char *cat, const char *title, const char *day)
{
	int64_t id = item(&F.d, cat, title, day);

	act(id, &F.d, WF_ACT_SUBMIT, day);
	act(id, &F.r, WF_ACT_REVIEW, day);
	act(id, &F.a, WF_ACT_APPROVE, day);
	act(id, &F.o, WF_ACT_PUBLISH, day);
	return id;
}

static void
link_ok(int64_t iid, int64_t pid, enum interp_form f)
{
	char err[512];

	if (gk_interp_link(F.db, &F.d, iid, pid, f, "2025-06-01T09:00:00+08:00",
	    err, sizeof(err)) != GK_OK)
		fail_msg("link %lld → %lld: %s", (long long)iid, (long long)pid, err);
}

static int64_t
audits(void)
{
	int64_t	n = 0;
	char	err[256];

	assert_int_equal(gk_audit_count(F.db, &n, err, sizeof(err)), GK_OK);
	return n;
}

static size_t
nlinks(int64_t pid)
{
	struct gk_interp_links	 l;
	char			 err[256];
	size_t			 n;

	assert_int_equal(gk_interp_of_policy(F.db, pid, &l, err, sizeof(err)), GK_OK);
	n = l.n;
	gk_interp_links_free(&l);
	return n;
}

static int
setup(void **state)
{
	const char	*now = "2024-12-01T09:00:00+08:00";
	char		 err[512];

	(void)state;
	memset(&F, 0, sizeof(F));
	F.db = gk_test_db_open("interp", F.dir, sizeof(F.dir), F.path, sizeof(F.path));
	gk_test_agencies(F.db, now, &F.ag, &F.ag2);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", now, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag2, "admin", now, err,
	    sizeof(err)), GK_OK);
	gk_test_user(F.db, F.ag, "d", WF_ROLE_DRAFTER, &F.d);
	gk_test_user(F.db, F.ag, "r", WF_ROLE_REVIEWER, &F.r);
	gk_test_user(F.db, F.ag, "a", WF_ROLE_APPROVER, &F.a);
	gk_test_user(F.db, F.ag, "o", WF_ROLE_OFFICER, &F.o);
	gk_test_user(F.db, F.ag2, "d2", WF_ROLE_DRAFTER, &F.d2);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	gk_test_db_remove(F.db, F.dir);
	return 0;
}

static void
test_link_and_lists(void **state)
{
	struct gk_interp_links	 l;
	int64_t			 pol, pol2, in, n0;
	char			 err[512];

	(void)state;
	pol = published("政策文件/规章", "招商引资优惠政策", "2025-03-03");
	pol2 = item(&F.d, "政策文件/其他文件", "惠企政策实施细则", "2025-03-04");
	in = item(&F.d, "政策解读", "一图读懂招商引资优惠政策", "2025-03-03");
	n0 = audits();
	link_ok(in, pol, INTERP_GRAPHIC);
	/* The officer may link too; the policy file may still be a draft. */
	assert_int_equal(gk_interp_link(F.db, &F.o, in, pol2, INTERP_TEXT,
	    "2025-06-01T09:00:00+08:00", err, sizeof(err)), GK_OK);
	assert_int_equal(audits(), n0 + 2);

	assert_int_equal(gk_interp_of_policy(F.db, pol, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.v[0].item_id, in);
	assert_string_equal(l.v[0].title, "一图读懂招商引资优惠政策");
	assert_int_equal(l.v[0].form, INTERP_GRAPHIC);
	assert_int_equal(l.v[0].state, WF_DRAFT);
	assert_string_equal(l.v[0].published, "");
	gk_interp_links_free(&l);

	assert_int_equal(gk_interp_policies(F.db, in, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].item_id, pol);
	assert_string_equal(l.v[0].published, "2025-03-03");
	assert_int_equal(l.v[0].state, WF_PUBLISHED);
	assert_int_equal(l.v[1].item_id, pol2);
	assert_int_equal(l.v[1].form, INTERP_TEXT);
	gk_interp_links_free(&l);

	/* Unlink, then again: nothing left to unlink. */
	n0 = audits();
	assert_int_equal(gk_interp_unlink(F.db, &F.d, in, pol2,
	    "2025-06-02T09:00:00+08:00", err, sizeof(err)), GK_OK);
	assert_int_equal(audits(), n0 + 1);
	assert_int_equal(nlinks(pol2), 0);
	assert_int_equal(gk_interp_unlink(F.db, &F.d, in, pol2,
	    "2025-06-02T09:00:00+08:00", err, sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "没有关联"));
	assert_int_equal(audits(), n0 + 1);
}

static void
test_refusals(void **state)
{
	static const char *now = "2025-06-01T09:00:00+08:00";
	int64_t	 pol, in, news, other_pol, other_in, wd, n0;
	char	 err[512];

	(void)state;
	pol = published("政策文件/规章", "招商引资优惠政策", "2025-03-03");
	in = item(&F.d, "政策解读", "政策解读", "2025-03-03");
	news = item(&F.d, "机构职能", "机构职能", "2025-03-03");
	other_pol = item(&F.d2, "政策文件/其他文件", "财政资金管理办法", "2025-03-03");
	other_in = item(&F.d2, "政策解读", "财政资金管理办法解读", "2025-03-03");
	wd = published("政策解读", "已撤回的解读", "2025-03-03");
	act(wd, &F.o, WF_ACT_WITHDRAW, "2025-03-04");
	link_ok(in, pol, INTERP_TEXT);
	n0 = audits();

	/* Duplicate, even with another form. */
	assert_int_equal(gk_interp_link(F.db, &F.d, in, pol, INTERP_CASE, now, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "已关联"));
	/* Itself. */
	assert_int_equal(gk_interp_link(F.db, &F.d, in, in, INTERP_TEXT, now, err,
	    sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "自身"));
	/* A non-existent item on either side. */
	assert_int_equal(gk_interp_link(F.db, &F.d, 9999, pol, INTERP_TEXT, now, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_interp_link(F.db, &F.d, in, 9999, INTERP_TEXT, now, err,
	    sizeof(err)), GK_ENOTFOUND);
	/* The interpretation side must be a 政策解读, the other a 政策文件. */
	assert_int_equal(gk_interp_link(F.db, &F.d, news, pol, INTERP_TEXT, now, err,
	    sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "政策解读"));
	assert_int_equal(gk_interp_link(F.db, &F.d, in, news, INTERP_TEXT, now, err,
	    sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "机构职能"));
	/* Reviewers and approvers do not file. */
	assert_int_equal(gk_interp_link(F.db, &F.r, in, pol, INTERP_CASE, now, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_interp_link(F.db, &F.a, in, pol, INTERP_CASE, now, err,
	    sizeof(err)), GK_ECONFLICT);
	/* Across agencies, and another agency's pair. */
	assert_int_equal(gk_interp_link(F.db, &F.d, in, other_pol, INTERP_TEXT, now,
	    err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "本机构"));
	assert_int_equal(gk_interp_link(F.db, &F.d, other_in, other_pol, INTERP_TEXT,
	    now, err, sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "本单位"));
	/* A withdrawn interpretation; a bad form. */
	assert_int_equal(gk_interp_link(F.db, &F.d, wd, pol, INTERP_TEXT, now, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "已撤回"));
	assert_int_equal(gk_interp_link(F.db, &F.d, in, pol, (enum interp_form)7, now,
	    err, sizeof(err)), GK_EINVAL);
	/* Unlink by a reviewer. */
	assert_int_equal(gk_interp_unlink(F.db, &F.r, in, pol, now, err, sizeof(err)),
	    GK_ECONFLICT);

	/* Nothing written by any of them. */
	assert_int_equal(audits(), n0);
	assert_int_equal(nlinks(pol), 1);
	assert_int_equal(nlinks(other_pol), 0);
	assert_int_equal(nlinks(news), 0);
}

static const struct gk_interp_finding *
finding(const struct gk_interp_findings *f, int64_t pid)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].policy_id == pid)
			return &f->v[i];
	return NULL;
}

static void
test_findings(void **state)
{
	struct gk_interp_findings	 f;
	const struct gk_interp_finding	*g;
	int64_t				 ontime, late, missing, wdrawn, unpub, draft,
					 old, i1, i2, i3, i4, i5;
	char				 err[512], cell[256];

	(void)state;
	ontime = published("政策文件/规章", "按时解读的政策", "2025-03-03");
	i1 = published("政策解读", "按时的图解", "2025-03-03");
	link_ok(i1, ontime, INTERP_GRAPHIC);
	late = published("政策文件/规章", "解读滞后的政策", "2025-03-03");
	i2 = item(&F.d, "政策解读", "滞后的文字解读", "2025-03-03");
	link_ok(i2, late, INTERP_TEXT);
	act(i2, &F.d, WF_ACT_SUBMIT, "2025-03-06");
	act(i2, &F.r, WF_ACT_REVIEW, "2025-03-06");
	act(i2, &F.a, WF_ACT_APPROVE, "2025-03-06");
	act(i2, &F.o, WF_ACT_PUBLISH, "2025-03-06");
	missing = published("政策文件/其他文件", "没有解读的政策", "2025-04-01");
	wdrawn = published("政策文件/其他文件", "解读已撤回的政策", "2025-04-01");
	i3 = published("政策解读", "被撤回的解读", "2025-04-01");
	link_ok(i3, wdrawn, INTERP_CASE);
	act(i3, &F.o, WF_ACT_WITHDRAW, "2025-04-02");
	unpub = published("政策文件/其他文件", "解读未发布的政策", "2025-04-01");
	i4 = item(&F.d, "政策解读", "未发布的解读", "2025-04-01");
	link_ok(i4, unpub, INTERP_MEDIA);
	draft = item(&F.d, "政策文件/其他文件", "未发布的政策", "2025-04-01");
	i5 = item(&F.d, "政策解读", "未发布政策的解读", "2025-04-01");
	link_ok(i5, draft, INTERP_TEXT);
	old = published("政策文件/其他文件", "二〇二四年的政策", "2024-12-20");

	assert_int_equal(gk_interp_findings(F.db, F.ag, 2025, &f, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(f.checked, 5);
	assert_int_equal(f.n, 4);
	assert_null(finding(&f, ontime));
	assert_null(finding(&f, draft));
	assert_null(finding(&f, old));
	g = finding(&f, late);
	assert_non_null(g);
	assert_int_equal(g->kind, INTERP_F_LATE);
	assert_int_equal(g->days_late, 3);
	assert_int_equal(g->interp_id, i2);
	assert_true(g->interp_index_no[0] != '\0');
	assert_string_equal(g->published, "2025-03-03");
	assert_string_equal(g->title, "解读滞后的政策");
	assert_non_null(strstr(g->msg, "晚 3 天"));
	assert_int_equal(finding(&f, missing)->kind, INTERP_F_MISSING);
	assert_int_equal(finding(&f, wdrawn)->kind, INTERP_F_MISSING);
	assert_int_equal(finding(&f, unpub)->kind, INTERP_F_MISSING);
	gk_interp_findings_free(&f);

	/* Every agency: the same four; the other agency alone: none. Other year. */
	assert_int_equal(gk_interp_findings(F.db, 0, 2025, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 4);
	gk_interp_findings_free(&f);
	assert_int_equal(gk_interp_findings(F.db, F.ag2, 2025, &f, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(f.n, 0);
	assert_int_equal(gk_interp_findings(F.db, 0, 2024, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].policy_id, old);
	gk_interp_findings_free(&f);
	assert_int_equal(gk_interp_findings(F.db, 0, 1800, &f, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(gk_interp_findings(F.db, 999, 2025, &f, err, sizeof(err)),
	    GK_ENOTFOUND);

	/* The ledger cells. */
	assert_int_equal(gk_interp_ledger_cell(F.db, ontime, CATEGORY_KIND_POLICY, cell,
	    sizeof(cell), err, sizeof(err)), GK_OK);
	assert_string_equal(cell, "图解");
	assert_int_equal(gk_interp_ledger_cell(F.db, late, CATEGORY_KIND_POLICY, cell,
	    sizeof(cell), err, sizeof(err)), GK_OK);
	assert_string_equal(cell, "解读滞后 3 天");
	assert_int_equal(gk_interp_ledger_cell(F.db, missing, CATEGORY_KIND_POLICY, cell,
	    sizeof(cell), err, sizeof(err)), GK_OK);
	assert_string_equal(cell, "无解读");
	assert_int_equal(gk_interp_ledger_cell(F.db, draft, CATEGORY_KIND_POLICY, cell,
	    sizeof(cell), err, sizeof(err)), GK_OK);
	assert_string_equal(cell, "");
	/* An on-time 文字 next to the late one. */
	i1 = published("政策解读", "按时的文字解读", "2025-03-03");
	link_ok(i1, late, INTERP_TEXT);
	assert_int_equal(gk_interp_ledger_cell(F.db, late, CATEGORY_KIND_POLICY, cell,
	    sizeof(cell), err, sizeof(err)), GK_OK);
	assert_string_equal(cell, "文字；解读滞后 3 天");
	assert_int_equal(gk_interp_ledger_cell(F.db, i2, CATEGORY_KIND_INTERP, cell,
	    sizeof(cell), err, sizeof(err)), GK_OK);
	assert_true(cell[0] != '\0' && strchr(cell, ',') == NULL);
	assert_int_equal(gk_interp_ledger_cell(F.db, i2, CATEGORY_KIND_NEWS, cell,
	    sizeof(cell), err, sizeof(err)), GK_OK);
	assert_string_equal(cell, "");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_link_and_lists, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refusals, setup, teardown),
	cmocka_unit_test_setup_teardown(test_findings, setup, teardown),
};

GK_TEST_MAIN("interpretation", tests)
