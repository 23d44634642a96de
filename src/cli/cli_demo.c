/*
 * cli_demo.c — `gongkai demo`: builds a demonstration database through
 * the store API only (every row with its audit entry): 盐边县经济合作和商务局
 * with a user for each role and its 13 published items of 2025 as the seed
 * report (section 一) describes them, and 盐边县财政局 with a few hundred
 * items over 2023–2025 drawn from a fixed-seed generator (on time, late,
 * withdrawn, returned, awaiting review or approval); policy
 * interpretations (政策解读) linked to the policy files of both, on time,
 * late or missing. "now" of every step
 * is a fixed timestamp, so two runs give the same rows.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/interp.h"
#include "core/item.h"
#include "core/uscc.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/user.h"

#define DEMO_PASSWORD	"Gongkai-Demo-2025"
#define DEMO_SEED	20250101u
#define DEMO_B_ITEMS	300
#define DEMO_ACTOR	"demo"
/* The one policy file of agency 1 whose 图解 came out a day late. */
#define DEMO_LATE_GRAPHIC	"盐边县惠企政策实施细则"

static const char demo_usage[] =
"用法: gongkai [--db PATH] demo [--force]\n"
"\n"
"生成演示数据库（通过存储层接口写入，每一处变更都有审计记录）：\n"
"  盐边县经济合作和商务局：各角色用户各一名，默认栏目，2025 年主动公开的 13 条信息\n"
"    （政策文件 5、工作动态 5、财政信息 2、其他 1），均经三级审核并按时发布；\n"
"  盐边县财政局：2023—2025 年 " "300 条信息（固定随机种子生成），多数按时发布，\n"
"    部分逾期、撤回、退回、待审核或待审定。\n"
"政策解读：机构 1 的 5 件政策文件各有当日发布的文字解读，惠企政策实施细则另有\n"
"  晚一天发布的图解；机构 2 已发布的政策文件有的按时解读、有的解读滞后、有的没有\n"
"  解读（用 gongkai ledger interp --year Y 查看）。\n"
"所有演示用户的密码为 " DEMO_PASSWORD "（初始密码，首次登录须修改）。\n"
"\n"
"选项:\n"
"  --force           覆盖已存在的数据库文件\n"
"  --calendar FILE   工作日日历（必需，用于计算应发布日期）\n"
"  -h, --help        显示本帮助\n"
"\n"
"退出码：0 成功；1 数据库已存在（未指定 --force）或写入失败；2 用法错误。\n";

/* One agency's users, by role. */
struct demo_agency {
	int64_t			 id;
	struct gk_item_actor	 ac[WF_ROLE__MAX];
};

struct demo {
	struct gk_db		*db;
	const struct calendar	*cal;
	struct gk_item_opts	 opts;
	char			 err[512];
	unsigned		 rng;
	size_t			 n[WF_STATE__MAX];	/* final states, agency B */
	size_t			 late, returned, items;
	size_t			 interps[2];	/* interpretation items, per agency */
};

/* The policy file an interpretation explains, and its form. */
struct demo_link {
	int64_t			 policy;
	enum interp_form	 form;
};

/* Outcome of one generated item. */
enum demo_plan {
	P_ON_TIME, P_LATE, P_WITHDRAWN, P_RETURNED, P_SUBMITTED, P_REVIEWED
};

static unsigned
demo_rand(struct demo *d)
{
	/* xorshift32: deterministic and the same on every platform. */
	d->rng ^= d->rng << 13;
	d->rng ^= d->rng >> 17;
	d->rng ^= d->rng << 5;
	return d->rng;
}

/* "YYYY-MM-DDTHH:MM:00+08:00" for day and hh:mm. */
static void
demo_ts(int32_t day, int hh, int mm, char out[40])
{
	char ds[GK_DATE_LEN];

	gk_date_format(day, ds);
	snprintf(out, 40, "%sT%02d:%02d:00+08:00", ds, hh, mm);
}

static int32_t
demo_date(int y, int m, int dd)
{
	int32_t d = GK_DATE_NONE;

	(void)gk_date_from_ymd(y, m, dd, &d);
	return d;
}

/* The n-th working day after day (the day itself for 0); 0 on success. */
static int
demo_wd(struct demo *d, int32_t day, int n, int32_t *out)
{
	return calendar_add_workdays(d->cal, day, n, out, d->err,
	    sizeof(d->err)) == GK_OK ? 0 : -1;
}

static int
demo_agency(struct demo *d, struct demo_agency *a, const char *name,
    const char *first17, const char *prefix, const char *const names[WF_ROLE__MAX])
{
	char		 code[GK_USCC_LEN + 1], login[64];
	const char	*now = "2023-01-03T09:00:00+08:00";
	int		 r;

	snprintf(code, sizeof(code), "%s%c", first17, gk_uscc_check_char(first17));
	if (gk_agency_add(d->db, DEMO_ACTOR, name, code, 0, "县级", now, &a->id,
	    d->err, sizeof(d->err)) != GK_OK ||
	    gk_category_seed_defaults(d->db, a->id, DEMO_ACTOR, now, d->err,
	    sizeof(d->err)) != GK_OK)
		return -1;
	for (r = 0; r < WF_ROLE__MAX; r++) {
		snprintf(login, sizeof(login), "%s%s", prefix, wf_role_name((enum wf_role)r));
		if (gk_user_add(d->db, DEMO_ACTOR, a->id, login, names[r],
		    WF_ROLE_BIT(r), DEMO_PASSWORD, now, NULL, d->err,
		    sizeof(d->err)) != GK_OK ||
		    gk_item_actor_lookup(d->db, login, &a->ac[r], d->err,
		    sizeof(d->err)) != GK_OK)
			return -1;
	}
	return 0;
}

static int
demo_act(struct demo *d, int64_t id, const struct gk_item_actor *ac,
    enum wf_action act, const char *comment, int32_t day, int hh, int mm)
{
	struct gk_item_input	 in;
	char			 now[40];
	int			 i;

	memset(&in, 0, sizeof(in));
	for (i = 0; i < WF_CHECK__MAX; i++)
		in.checks[i] = act == WF_ACT_RETURN && i == WF_CHECK_ACCURACY ?
		    WF_FAIL : WF_PASS;
	if (act != WF_ACT_REVIEW && act != WF_ACT_APPROVE && act != WF_ACT_RETURN)
		memset(in.checks, 0, sizeof(in.checks));
	in.comment = comment;
	in.reason = comment;
	demo_ts(day, hh, mm, now);
	return gk_item_act(d->db, id, ac, act, &in, now, NULL, d->err,
	    sizeof(d->err)) == GK_OK ? 0 : -1;
}

/*
 * One item: drafted on day (at or after its 成文日期 / event end), linked
 * to the policy file it explains when lk is set (a 政策解读), submitted
 * and reviewed that day, approved the next working day, published pub
 * working days after day, then as plan says. *idp (may be NULL) gets its id.
 */
static int
demo_item(struct demo *d, const struct demo_agency *a, const char *cat,
    const char *title, const char *docno, int32_t written, int32_t event_end,
    const char *body, enum demo_plan plan, int pub, const struct demo_link *lk,
    int64_t *idp)
{
	struct item_meta	 m;
	struct item_problems	 p;
	int64_t			 id;
	int32_t			 day, t;
	char			 now[40], ds[GK_DATE_LEN], es[GK_DATE_LEN];
	int			 rc = -1;

	day = event_end != GK_DATE_NONE && event_end > written ? event_end : written;
	gk_date_format(written, ds);
	gk_date_format(event_end, es);
	item_meta_init(&m);
	if (item_meta_set(&m, ITEM_F_TITLE, title) != GK_OK ||
	    item_meta_set(&m, ITEM_F_CATEGORY, cat) != GK_OK ||
	    item_meta_set(&m, ITEM_F_WRITTEN, ds) != GK_OK ||
	    (docno != NULL && item_meta_set(&m, ITEM_F_DOCNO, docno) != GK_OK) ||
	    (event_end != GK_DATE_NONE &&
	    item_meta_set(&m, ITEM_F_EVENT_END, es) != GK_OK) ||
	    item_meta_set(&m, ITEM_F_BODY, body) != GK_OK) {
		snprintf(d->err, sizeof(d->err), "内存不足");
		goto out;
	}
	demo_ts(day, 9, 0, now);
	if (gk_item_create(d->db, &a->ac[WF_ROLE_DRAFTER], a->id, &m, &d->opts,
	    now, &id, &p, d->err, sizeof(d->err)) != GK_OK)
		goto out;
	d->items++;
	if (idp != NULL)
		*idp = id;
	demo_ts(day, 9, 30, now);
	if (lk != NULL && gk_interp_link(d->db, &a->ac[WF_ROLE_DRAFTER], id,
	    lk->policy, lk->form, now, d->err, sizeof(d->err)) != GK_OK)
		goto out;
	if (demo_act(d, id, &a->ac[WF_ROLE_DRAFTER], WF_ACT_SUBMIT, NULL, day, 10, 0))
		goto out;
	if (plan == P_SUBMITTED) {
		rc = 0;
		goto out;
	}
	if (plan == P_RETURNED) {
		rc = demo_act(d, id, &a->ac[WF_ROLE_REVIEWER], WF_ACT_RETURN,
		    "数据口径需与统计部门核对，请修改后重新提交", day, 15, 0);
		goto out;
	}
	if (demo_act(d, id, &a->ac[WF_ROLE_REVIEWER], WF_ACT_REVIEW,
	    "内容合法、准确，不涉密，同意报主要领导审定", day, 15, 0))
		goto out;
	if (plan == P_REVIEWED) {
		rc = 0;
		goto out;
	}
	if (demo_wd(d, day, 1, &t) ||
	    demo_act(d, id, &a->ac[WF_ROLE_APPROVER], WF_ACT_APPROVE, "同意公开",
	    t, 9, 30))
		goto out;
	if (demo_wd(d, day, pub < 1 ? 1 : pub, &t) ||
	    demo_act(d, id, &a->ac[WF_ROLE_OFFICER], WF_ACT_PUBLISH, NULL, t, 16, 0))
		goto out;
	if (plan == P_WITHDRAWN && (demo_wd(d, t, 5, &t) ||
	    demo_act(d, id, &a->ac[WF_ROLE_ADMIN], WF_ACT_WITHDRAW,
	    "内容已被新文件替代，撤回原文", t, 11, 0)))
		goto out;
	rc = 0;
out:
	item_meta_clear(&m);
	return rc;
}

/*
 * A 政策解读 of the policy file pid titled "TITLE": form f, drafted on day
 * and published pub working days after it.
 */
static int
demo_interp(struct demo *d, const struct demo_agency *a, int k, int64_t pid,
    const char *title, enum interp_form f, int32_t day, int pub)
{
	struct demo_link	 lk = { pid, f };
	char			 t[512], body[640];

	if (f == INTERP_GRAPHIC)
		snprintf(t, sizeof(t), "一图读懂《%s》", title);
	else if (f == INTERP_CASE)
		snprintf(t, sizeof(t), "《%s》典型案例解读", title);
	else
		snprintf(t, sizeof(t), "《%s》政策解读", title);
	snprintf(body, sizeof(body), "以%s形式解读《%s》的出台背景、主要内容、适用对象和"
	    "办理流程。", interp_form_label(f), title);
	d->interps[k]++;
	return demo_item(d, a, "政策解读", t, NULL, day, GK_DATE_NONE, body,
	    P_ON_TIME, pub, &lk, NULL);
}

/*
 * The 13 published items of 2025 of 盐边县经济合作和商务局 (seed report, 一),
 * in the order they were drafted, so their 索引号 follow the dates.
 */
static const struct {
	const char	*cat, *title, *docno;
	int		 m, dd;		/* 成文日期 2025-m-dd */
	int		 em, edd;	/* event end (工作动态), else 0 */
	const char	*body;
} seed_items[] = {
	{ "机构职能", "盐边县经济合作和商务局机构职能、办事指南及联系方式",
	  NULL, 1, 15, 0, 0,
	  "介绍本局主要职责、内设机构、对外办事事项的办理流程，办公地址及工作时间。" },
	{ "政策文件/行政规范性文件", "盐边县招商引资优惠政策（试行）",
	  "盐边商务〔2025〕3号", 2, 17, 0, 0,
	  "为加快“三招三引”工作，对新引进的工业、商贸物流项目按固定资产投资额给予分档奖励。" },
	{ "工作动态", "我局召开“三招三引”突破战动员部署会", NULL, 3, 4, 3, 4,
	  "会议部署全年招商引资目标任务，明确“招大引强”工作责任分工。" },
	{ "财政信息/预算", "盐边县经济合作和商务局2025年部门预算及“三公”经费预算",
	  NULL, 3, 14, 0, 0,
	  "公开 2025 年部门收支预算、“三公”经费预算及其增减变化情况说明。" },
	{ "工作动态", "项目建设攻坚战一季度推进情况", NULL, 4, 3, 4, 3,
	  "一季度全县重点招商项目有序推进，开工率、资金到位率稳步提升。" },
	{ "政策文件/行政规范性文件", "盐边县支持钒钛产业招商引资的若干措施",
	  "盐边商务〔2025〕8号", 4, 8, 0, 0,
	  "围绕钒钛新材料产业链，对延链补链项目给予用地、用能和融资支持。" },
	{ "政策文件/其他文件", "盐边县惠企政策实施细则",
	  "盐边商务〔2025〕12号", 5, 20, 0, 0,
	  "明确惠企政策的申报条件、办理流程和兑现时限，推行“免申即享”。" },
	{ "工作动态", "美利林重大项目投产开工仪式举行", NULL, 6, 18, 6, 18,
	  "美利林项目正式投产开工，标志着我县钒钛产业链招商取得新突破。" },
	{ "政策文件/其他文件", "盐边县促进商贸流通高质量发展的实施意见",
	  "盐边商务〔2025〕17号", 7, 9, 0, 0,
	  "支持县域商业体系建设，完善农村物流配送网络，培育特色消费街区。" },
	{ "工作动态", "“三招三引”突破战下半年推进会召开", NULL, 8, 26, 8, 26,
	  "会议通报上半年招商引资进展，部署下半年重点项目攻坚任务。" },
	{ "财政信息/决算", "盐边县经济合作和商务局2024年部门决算", NULL, 9, 5, 0, 0,
	  "公开 2024 年部门收支决算、“三公”经费支出决算及绩效评价情况。" },
	{ "政策文件/其他文件", "盐边县外贸企业稳订单拓市场支持措施",
	  "盐边商务〔2025〕23号", 9, 16, 0, 0,
	  "对参加境内外展会的外贸企业给予展位费补助，支持企业开拓新兴市场。" },
	{ "工作动态", "盐边羊肉米线暖冬消费节开幕", NULL, 12, 5, 12, 7,
	  "消费节为期三天，组织餐饮企业开展促销活动，带动冬季消费。" },
};

/* Deterministic items of 盐边县财政局 over 2023–2025. */
static int
demo_finance(struct demo *d, const struct demo_agency *a)
{
	static const struct {
		const char	*cat, *title;
		int		 docno, news, days;
	} kinds[] = {
		{ "政策文件/行政规范性文件", "关于进一步规范财政资金管理的通知", 1, 0, 5 },
		{ "政策文件/其他文件", "关于做好惠民惠农财政补贴资金发放工作的通知", 1, 0, 5 },
		{ "工作动态", "县财政局开展财会监督专项检查", 0, 1, 3 },
		{ "工作动态", "县财政局召开预算绩效管理工作会", 0, 1, 3 },
		{ "财政信息/预算", "盐边县财政预算执行情况公告", 0, 0, 20 },
		{ "财政信息/决算", "盐边县政府债务情况公告", 0, 0, 20 },
		{ "财政信息/三公经费", "县本级“三公”经费使用情况", 0, 0, 20 },
		{ "办事指南", "政府采购供应商投诉处理办事指南", 0, 0, 20 },
	};
	int32_t		 start = demo_date(2023, 1, 4), day, ev;
	int32_t		 span = demo_date(2025, 11, 20) - demo_date(2023, 1, 4);
	char		 title[256], docno[64];
	enum demo_plan	 plan;
	int64_t		 pid;
	int32_t		 pday;
	unsigned	 r;
	int		 i, k, y, mo, dd, pub, seq[3] = { 0, 0, 0 };

	for (i = 0; i < DEMO_B_ITEMS; i++) {
		day = start + (int32_t)((int64_t)span * i / DEMO_B_ITEMS) +
		    (int32_t)(demo_rand(d) % 3);
		k = (int)(demo_rand(d) % (sizeof(kinds) / sizeof(kinds[0])));
		gk_date_ymd(day, &y, &mo, &dd);
		r = demo_rand(d) % 100;
		/* Only recent items (the last 30) may still be in the workflow. */
		if (i < DEMO_B_ITEMS - 30)
			plan = r < 80 ? P_ON_TIME : r < 92 ? P_LATE : P_WITHDRAWN;
		else
			plan = r < 45 ? P_ON_TIME : r < 55 ? P_LATE : r < 70 ?
			    P_RETURNED : r < 85 ? P_SUBMITTED : P_REVIEWED;
		pub = plan == P_LATE ? kinds[k].days + 1 + (int)(demo_rand(d) % 6) :
		    1 + (int)(demo_rand(d) % (unsigned)(kinds[k].days > 4 ? 4 : kinds[k].days));
		snprintf(title, sizeof(title), "%s（%d年第%d期）", kinds[k].title, y,
		    ++seq[y - 2023]);
		snprintf(docno, sizeof(docno), "盐边财〔%d〕%d号", y, seq[y - 2023]);
		ev = kinds[k].news ? day : GK_DATE_NONE;
		if (demo_item(d, a, kinds[k].cat, title, kinds[k].docno ? docno : NULL,
		    day, ev, "本信息由演示数据生成器生成，内容仅供演示。", plan, pub,
		    NULL, &pid) != 0)
			return -1;
		/*
		 * Interpretations of published policy files, by i (not the
		 * generator, whose sequence stays as it was): none (0), a 文字
		 * 解读 three working days late (1), on time: 文字 (2), 文字 and
		 * 图解 (3), 文字 and 案例 (4).
		 */
		pday = pub < 1 ? 1 : pub;
		if (kinds[k].docno && (plan == P_ON_TIME || plan == P_LATE) &&
		    i % 5 != 0 && (demo_interp(d, a, 1, pid, title, INTERP_TEXT, day,
		    i % 5 == 1 ? pday + 3 : pday) != 0 ||
		    (i % 5 == 3 && demo_interp(d, a, 1, pid, title, INTERP_GRAPHIC,
		    day, pday) != 0) ||
		    (i % 5 == 4 && demo_interp(d, a, 1, pid, title, INTERP_CASE,
		    day, pday) != 0)))
			return -1;
		if (plan == P_LATE)
			d->late++;
		if (plan == P_RETURNED)
			d->returned++;
		d->n[plan == P_ON_TIME || plan == P_LATE ? WF_PUBLISHED :
		    plan == P_WITHDRAWN ? WF_WITHDRAWN : plan == P_RETURNED ? WF_DRAFT :
		    plan == P_SUBMITTED ? WF_SUBMITTED : WF_REVIEWED]++;
	}
	return 0;
}

static int
demo_build(struct demo *d)
{
	static const char *const names_a[WF_ROLE__MAX] = {
		"张科员（拟稿人）", "李副局长（分管领导）", "王局长（主要领导）",
		"赵专员（信息公开工作人员）", "县政务公开办", "系统管理员",
	};
	static const char *const names_b[WF_ROLE__MAX] = {
		"陈科员（拟稿人）", "刘副局长（分管领导）", "杨局长（主要领导）",
		"周专员（信息公开工作人员）", "县政务公开办（财政）", "财政局系统管理员",
	};
	struct demo_agency	 a, b;
	size_t			 i;
	int32_t			 w, e;
	int64_t			 id;

	if (demo_agency(d, &a, "盐边县经济合作和商务局", "11510422MB0521377", "",
	    names_a) != 0 ||
	    demo_agency(d, &b, "盐边县财政局", "11510422MB0521385", "cz-", names_b) != 0)
		return -1;
	for (i = 0; i < sizeof(seed_items) / sizeof(seed_items[0]); i++) {
		w = demo_date(2025, seed_items[i].m, seed_items[i].dd);
		e = seed_items[i].em ? demo_date(2025, seed_items[i].em,
		    seed_items[i].edd) : GK_DATE_NONE;
		if (demo_item(d, &a, seed_items[i].cat, seed_items[i].title,
		    seed_items[i].docno, w, e, seed_items[i].body, P_ON_TIME, 2,
		    NULL, &id) != 0)
			return -1;
		/*
		 * Each policy file gets its 文字解读, drafted with it and
		 * published the same day (the seed report: interpretations
		 * were mostly text); the 惠企政策实施细则 also a 图解, one
		 * working day after the file: the bureau's one late finding.
		 */
		if (strncmp(seed_items[i].cat, "政策文件", strlen("政策文件")) != 0)
			continue;
		if (demo_interp(d, &a, 0, id, seed_items[i].title, INTERP_TEXT, w, 2) ||
		    (strcmp(seed_items[i].title, DEMO_LATE_GRAPHIC) == 0 &&
		    demo_interp(d, &a, 0, id, seed_items[i].title, INTERP_GRAPHIC, w, 3)))
			return -1;
	}
	return demo_finance(d, &b);
}

static void
demo_unlink(const char *path)
{
	char p[4096];

	(void)unlink(path);
	snprintf(p, sizeof(p), "%s-wal", path);
	(void)unlink(p);
	snprintf(p, sizeof(p), "%s-shm", path);
	(void)unlink(p);
}

int
cli_demo(int argc, char **argv)
{
	struct demo		 d;
	struct calendar		 cal;
	struct gk_audit_result	 ar;
	const char		*path = cli_db_path(), *calp = NULL;
	int			 i, force = 0, rc = 1;

	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(demo_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (strcmp(argv[i], "--calendar") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("demo ", "--calendar 需要一个值");
			calp = argv[++i];
		} else if (argv[i][0] == '-')
			return cli_usage_error("demo ", "demo 不接受选项 '%s'", argv[i]);
		else
			return cli_usage_error("demo ", "多余的参数 '%s'", argv[i]);
	}
	if (access(path, F_OK) == 0) {
		if (!force) {
			fprintf(stderr, "gongkai: 数据库 %s 已存在；如要覆盖请加 --force\n", path);
			return 1;
		}
		demo_unlink(path);
	}
	if (cli_calendar_open(cli_calendar_path(calp), &cal) != 0)
		return 1;
	memset(&d, 0, sizeof(d));
	d.cal = &cal;
	d.opts.cal = &cal;
	d.rng = DEMO_SEED;
	/* Demo passwords are public; hash them with the fast limits. */
	gk_user_pwhash_fast(1);
	if (gk_db_open(path, &d.db, d.err, sizeof(d.err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", d.err);
		calendar_clear(&cal);
		return 1;
	}
	/* One transaction for the whole build: fast, and all or nothing. */
	if (gk_db_tx_begin(d.db, d.err, sizeof(d.err)) != GK_OK ||
	    demo_build(&d) != 0 ||
	    gk_db_tx_commit(d.db, d.err, sizeof(d.err)) != GK_OK) {
		gk_db_tx_rollback(d.db);
		fprintf(stderr, "gongkai: 生成演示数据失败：%s\n", d.err);
		goto out;
	}
	if (gk_audit_verify(d.db, &ar, d.err, sizeof(d.err)) != GK_OK ||
	    ar.fault != GK_AUDIT_INTACT) {
		fprintf(stderr, "gongkai: 审计链校验失败：%s\n",
		    ar.fault != GK_AUDIT_INTACT ? ar.msg : d.err);
		goto out;
	}
	printf("已生成演示数据库 %s\n", path);
	printf("  机构 1 盐边县经济合作和商务局：用户 %d 名，2025 年已发布信息 %zu 条，"
	    "另有政策解读 %zu 条\n", WF_ROLE__MAX,
	    sizeof(seed_items) / sizeof(seed_items[0]), d.interps[0]);
	printf("  机构 2 盐边县财政局：用户 %d 名，2023—2025 年信息 %d 条"
	    "（已发布 %zu，其中逾期 %zu；已撤回 %zu；退回修改 %zu；待审核 %zu；待审定 %zu），"
	    "另有政策解读 %zu 条\n",
	    WF_ROLE__MAX, DEMO_B_ITEMS, d.n[WF_PUBLISHED], d.late, d.n[WF_WITHDRAWN],
	    d.returned, d.n[WF_SUBMITTED], d.n[WF_REVIEWED], d.interps[1]);
	printf("  政策解读检查：gongkai ledger interp --year Y\n");
	printf("  审计记录 %lld 条，审计链校验通过\n", (long long)ar.entries);
	printf("  演示用户密码：%s（见 docs/demo.md）\n", DEMO_PASSWORD);
	rc = 0;
out:
	gk_db_close(d.db);
	calendar_clear(&cal);
	return rc;
}
