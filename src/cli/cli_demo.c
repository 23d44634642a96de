/*
 * cli_demo.c — `gongkai demo`: builds a demonstration database through
 * the store API only (every row with its audit entry): 盐边县经济合作和商务局
 * with a user for each role and its 13 published items of 2025 as the seed
 * report (section 一) describes them, and 盐边县财政局 with a few hundred
 * items over 2023–2025 drawn from a fixed-seed generator (on time, late,
 * withdrawn, returned, awaiting review or approval); policy
 * interpretations (政策解读) linked to the policy files of both, on time,
 * late or missing; the annual reports' data: both agencies' 第二十条 figures
 * and narrative texts (the bureau's are data/demo/report-2025-*.md, so its
 * 2025 report is the seed report), and 27 applications of 盐边县财政局 over
 * 2024–2025 with 6 reconsideration and litigation cases, written through
 * gk_apply_new / gk_apply_act / gk_case_add (docs/demo.md lists them and
 * the report cells they give); both agencies' contact details and letter
 * settings, so every answer letter is complete. "now" of every step is a
 * fixed timestamp, so two runs give the same rows (the applications'
 * tracking codes are random by design).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/apply.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/fee.h"
#include "core/interp.h"
#include "core/item.h"
#include "core/report.h"
#include "core/sha256.h"
#include "core/uscc.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/channel.h"
#include "store/consultation.h"
#include "store/db.h"
#include "store/figures.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/legal_case.h"
#include "store/report_data.h"
#include "store/site.h"
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
"两个机构的联系信息（办公室、地址、电话等，答复告知书的“联系机构”一段）。\n"
"年度报告数据：两个机构的第二十条数据和报告正文（机构 1 的 2025 年度报告与样本报告一致）；\n"
"  机构 2 在 2024—2025 年的 27 件依申请公开申请（6 类申请人，跨年结转、补正、延期、\n"
"  征求意见、收费与逾期未缴费、撤回、当场答复）和 6 件行政复议、行政诉讼案件。\n"
"  用 gongkai report generate --agency 2 --year 2025 查看。\n"
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
	size_t			 apps, cases;	/* agency B */
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
	{ "政策文件/其他文件", "盐边县招商引资优惠政策（试行）",
	  "盐边商务〔2025〕3号", 2, 17, 0, 0,
	  "为加快“三招三引”工作，对新引进的工业、商贸物流项目按固定资产投资额给予分档奖励。" },
	{ "工作动态", "我局召开“三招三引”突破战动员部署会", NULL, 3, 4, 3, 4,
	  "会议部署全年招商引资目标任务，明确“招大引强”工作责任分工。" },
	{ "财政信息/预算", "盐边县经济合作和商务局2025年部门预算及“三公”经费预算",
	  NULL, 3, 14, 0, 0,
	  "公开 2025 年部门收支预算、“三公”经费预算及其增减变化情况说明。" },
	{ "工作动态", "项目建设攻坚战一季度推进情况", NULL, 4, 3, 4, 3,
	  "一季度全县重点招商项目有序推进，开工率、资金到位率稳步提升。" },
	{ "政策文件/其他文件", "盐边县支持钒钛产业招商引资的若干措施",
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

/*
 * ---- The annual reports' data: figures, narrative texts, applications
 * and cases (docs/demo.md lists every application and the cells it gives).
 */

/*
 * The bureau's narrative texts of 2025: data/demo/report-2025-*.md, copied
 * here so an installed binary needs no data directory.
 * tests/cli/test_demo_report_cli.sh checks they equal the files.
 */
static const char demo_a_overview[] =
	"(一) 主动公开方面\n"
	"\n"
	"公开内容全面覆盖。聚焦主责主业，主动公开招商引资政策、重"
	"点项目进展、营商环境、惠企政策等核心信息 {{items"
	".total}} 条。其中，政策文件类 {{items."
	"policy}} 条，包括行业性招商引资支持政策、惠企政"
	"策实施细则等；工作动态类 {{items.news}} "
	"条，涵盖“三招三引”突破战、项目建设攻坚战推进情况，以及"
	"美利林重大项目投产开工、盐边羊肉米线暖冬消费节等重点活动"
	"信息；财政信息类 {{items.fiscal}} 条，"
	"公开部门预算、决算及“三公”经费使用情况；其他信息 {{"
	"items.other}} 条，包括机构职能、办事指南、"
	"联系方式等基础信息。\n"
	"\n"
	"公开渠道多元拓展。依托盐边县人民政府门户网站信息公开专栏"
	"，搭建核心公开平台，确保信息第一时间权威发布；借助“盐边"
	"经合商务”微信公众号、政务服务中心公示栏等渠道，拓展公开"
	"覆盖面；通过企业座谈会、政策宣讲会等形式，面向市场主体精"
	"准推送公开信息，提升信息触达效率。\n"
	"\n"
	"公开时效严格把控。建立信息公开“即生成即审核即发布”机制"
	"，政策文件类信息在印发后 5 个工作日内公开，工作动态类"
	"信息在活动结束后 3 个工作日内公开，确保公开信息的及时"
	"性、有效性。\n"
	"\n"
	"（二）依申请公开方面\n"
	"\n"
	"{{year}}年共收到公民、法人及其他组织政府信息公开"
	"申请{{apply.new}}件。\n"
	"\n"
	"（三）政府信息管理方面\n"
	"\n"
	"规范信息梳理机制。结合年度工作重点，细化公开范围和内容，"
	"确保公开信息分类清晰、精准可查。\n"
	"\n"
	"强化信息审核流程。严格执行“科室拟稿—分管领导审核—主要"
	"领导审定”三级审核制度，重点审核公开信息的合法性、准确性"
	"、保密性，全年未发生公开信息失实、泄露等问题。\n"
	"\n"
	"完善信息归档管理。建立政府信息公开台账，对主动公开、依申"
	"请公开信息分类归档，同步做好电子档案和纸质档案留存，确保"
	"信息可追溯、可查询。\n"
	"\n"
	"（四）政府信息公开平台建设方面\n"
	"\n"
	"优化门户网站专栏。按照信息公开标准化要求，升级改造县政府"
	"门户网站“经济合作和商务局”信息公开专栏，优化栏目设置，"
	"新增“招商引资”等特色板块，提升用户查询体验。\n"
	"\n"
	"（五）监督保障方面\n"
	"\n"
	"加强组织领导。成立由局长任组长、分管副局长任副组长、各科"
	"室负责人为成员的信息公开工作领导小组，将信息公开纳入年度"
	"工作考核，定期召开专题会议研究解决工作推进中的问题。\n"
	"\n"
	"强化业务培训。组织干部职工开展政府信息公开条例、保密法规"
	"等专题培训 {{trainings}} 次，提升工作人员"
	"的公开意识和业务能力，确保工作规范有序开展。\n"
	"\n"
	"健全监督机制。畅通监督投诉渠道，主动接受社会公众、新闻媒"
	"体的监督，对收到的意见建议及时整改反馈，不断提升信息公开"
	"工作质量。\n";

static const char demo_a_problems[] =
	"主要问题：公开内容深度不足。部分核心业务信息如招商引资项"
	"目进展、惠企政策落地成效等公开不够细化，政策解读形式较为"
	"单一，以文字解读为主，缺乏图文并茂、案例分析等生动形式。"
	"**公开渠道协同性不强。**门户网站、微信公众号等平台信"
	"息更新不同步，部分渠道互动功能发挥不充分，对公众咨询的响"
	"应效率有待提升。**队伍建设有待加强。**信息公开工作人"
	"员多为兼职，专业能力和业务水平参差不齐，对新修订的信息公"
	"开法规政策理解不够深入。\n"
	"\n"
	"改进情况：深化公开内容建设：聚焦“三招三引”、项目建设、"
	"营商环境优化等重点工作，细化公开事项，增加项目投资额度、"
	"建设进度等核心信息公开。丰富政策解读形式，采用“政策原文"
	"+图解+案例”模式，提升解读可读性和易懂性。**优化公开"
	"平台管理。**建立平台信息同步更新机制，明确各渠道更新责"
	"任和时限，确保信息发布一致。强化微信公众号互动功能，设立"
	"留言咨询专区，提升服务便捷性。**强化队伍能力建设。**"
	"组建专职信息公开工作小组，定期开展法规政策培\n"
	"\n"
	"训和业务交流，提升工作人员的公开意识和专业素养，确保工作"
	"规范高效推进。\n";

static const char demo_a_other[] =
	"本年度{{fees.statement}}，且无其他需要"
	"报告的事项。\n";

/* 盐边县财政局's texts, the same for 2024 and 2025 (placeholders filled per year). */
static const char demo_b_overview[] =
	"（一）主动公开方面\n"
	"\n"
	"{{year}}年，本局通过盐边县人民政府门户网站财政信息公开专栏主动公开"
	"政府信息{{items.total}}条。其中，政策文件类{{items.policy}}条，"
	"工作动态类{{items.news}}条，财政信息类{{items.fiscal}}条，其他信息"
	"{{items.other}}条；发布政策解读{{interp.total}}条。有公开时限要求的"
	"{{timeliness.counted}}条信息中，按时公开{{timeliness.on_time}}条，"
	"按时公开率{{timeliness.rate}}%。\n"
	"\n"
	"（二）依申请公开方面\n"
	"\n"
	"{{year}}年共收到政府信息公开申请{{apply.new}}件，上年结转"
	"{{apply.carried_in}}件，本年办结{{apply.answered}}件，结转下年度继续办理"
	"{{apply.carried_out}}件。本年度被申请行政复议{{cases.recon}}件；"
	"未经复议直接起诉{{cases.suit_direct}}件，复议后起诉{{cases.suit_after}}件。\n"
	"\n"
	"（三）政府信息管理方面\n"
	"\n"
	"严格执行“科室拟稿—分管领导审核—主要领导审定”三级审核制度，"
	"建立主动公开和依申请公开台账。\n"
	"\n"
	"（四）政府信息公开平台建设方面\n"
	"\n"
	"维护门户网站财政信息公开专栏，预算、决算和“三公”经费信息集中公开。\n"
	"\n"
	"（五）监督保障方面\n"
	"\n"
	"开展政府信息公开专题培训{{trainings}}次。\n";

static const char demo_b_problems[] =
	"主要问题：部分依申请公开答复文书格式不够统一，个别政策文件解读发布滞后。\n"
	"\n"
	"改进情况：统一使用答复告知书模板，政策文件与解读同步审核、同步发布。\n";

static const char demo_b_other[] =
	"本年度{{fees.statement}}，无其他需要报告的事项。\n";

/* One figure as written (a decimal), with its source. */
struct demo_fig {
	int		 year;
	const char	*key, *value, *source;
};

static const struct demo_fig demo_figs_a[] = {
	{ 2025, "license", "0", "县政务服务中心办件统计" },
	{ 2025, "penalty", "0", "局行政执法台账" },
	{ 2025, "coercion", "0", "局行政执法台账" },
	{ 2025, "admin_fee", "0", "局财务账" },
	{ 2025, "trainings", "10", "局办公室培训记录" },
};

static const struct demo_fig demo_figs_b[] = {
	{ 2024, "license", "12", "县政务服务中心办件统计" },
	{ 2024, "penalty", "3", "局行政执法台账" },
	{ 2024, "coercion", "0", "局行政执法台账" },
	{ 2024, "admin_fee", "1.25", "局财务账（非税收入）" },
	{ 2024, "trainings", "4", "局办公室培训记录" },
	{ 2025, "license", "15", "县政务服务中心办件统计" },
	{ 2025, "penalty", "2", "局行政执法台账" },
	{ 2025, "coercion", "1", "局行政执法台账" },
	{ 2025, "admin_fee", "0.8", "局财务账（非税收入）" },
	{ 2025, "trainings", "6", "局办公室培训记录" },
};

static int
demo_figures(struct demo *d, int64_t agency, const struct demo_fig *f, size_t n)
{
	int64_t	 v;
	char	 now[40];
	size_t	 i;

	for (i = 0; i < n; i++) {
		snprintf(now, sizeof(now), "%d-01-10T09:00:00+08:00", f[i].year + 1);
		if (gk_gen_figure_parse(f[i].key, f[i].value, &v, d->err,
		    sizeof(d->err)) != GK_OK ||
		    gk_figure_set(d->db, DEMO_ACTOR, agency, f[i].year, f[i].key, v,
		    f[i].source, now, d->err, sizeof(d->err)) != GK_OK)
			return -1;
	}
	return 0;
}

static int
demo_texts(struct demo *d, int64_t agency, int year, const char *overview,
    const char *problems, const char *other)
{
	const char	*t[GK_NARR__MAX];
	char		 now[40];
	int		 s;

	t[GK_NARR_OVERVIEW] = overview;
	t[GK_NARR_PROBLEMS] = problems;
	t[GK_NARR_OTHER] = other;
	snprintf(now, sizeof(now), "%d-01-12T09:00:00+08:00", year + 1);
	for (s = 0; s < GK_NARR__MAX; s++)
		if (gk_report_text_set(d->db, DEMO_ACTOR, agency, year, (enum gk_narr)s,
		    t[s], strlen(t[s]), now, d->err, sizeof(d->err)) != GK_OK)
			return -1;
	return 0;
}

/* An event of a demo application; kind APPLY_EV__MAX ends the list. */
struct demo_aev {
	enum apply_ev		 kind;
	const char		*date;
	const char		*until;		/* CORRECT: the applicant's deadline */
	int			 n;		/* EXTEND: working days; FEE: pages (按量) */
	enum apply_outcome	 out;		/* ANSWER */
	const char		*note;		/* EXTEND: who approved */
};

#define DEMO_AEV_MAX	5
#define AEV_END		{ APPLY_EV__MAX, NULL, NULL, 0, APPLY_OUT_OPEN, NULL }
#define EV(k, date)	{ k, date, NULL, 0, APPLY_OUT_OPEN, NULL }
#define ANSWER(date, o)	{ APPLY_EV_ANSWER, date, NULL, 0, o, NULL }

/*
 * 盐边县财政局's applications, in the order of receipt: docs/demo.md has
 * the same list as a table and the report cells it gives, counted by hand.
 * Names, numbers and addresses are invented.
 */
static const struct demo_app {
	const char		*ref;
	enum apply_applicant	 type;
	enum apply_channel	 ch;
	const char		*name, *phone, *email, *address, *request, *delivery;
	const char		*received;
	struct demo_aev		 ev[DEMO_AEV_MAX];
} demo_apps[] = {
	{ "A01", APPLY_AP_NATURAL, APPLY_CH_ONLINE, "王建国", "13908123401", NULL, NULL,
	  "2023年盐边县农机购置补贴发放名单", "网上查阅", "2024-03-11",
	  { ANSWER("2024-03-25", APPLY_OUT_OPEN), AEV_END } },
	{ "A02", APPLY_AP_BUSINESS, APPLY_CH_IN_PERSON, "攀枝花市钒顺建材有限公司",
	  "0812-8661234", NULL, NULL,
	  "2023年县城道路改造项目政府采购合同及中标单位报价明细", "电子邮件", "2024-04-15",
	  { EV(APPLY_EV_CONSULT, "2024-04-22"),
	    EV(APPLY_EV_CONSULTED, "2024-05-10"),
	    ANSWER("2024-05-20", APPLY_OUT_DENY_THIRD), AEV_END } },
	{ "A03", APPLY_AP_NATURAL, APPLY_CH_EMAIL, "李秀兰", NULL, "lxl1962@example.cn", NULL,
	  "有关补贴的文件", "电子邮件", "2024-05-13",
	  { { APPLY_EV_CORRECT, "2024-05-15", "2024-05-29", 0, APPLY_OUT_OPEN, NULL },
	    ANSWER("2024-06-03", APPLY_OUT_OTHER_NOCORRECT), AEV_END } },
	{ "A04", APPLY_AP_LEGAL, APPLY_CH_POST_SIGNED, "四川攀西律师事务所", "0812-3345678",
	  NULL, "攀枝花市东区炳草岗大街 88 号",
	  "2023年县本级国有资本经营预算执行情况及明细", "邮寄纸质", "2024-06-17",
	  { ANSWER("2024-07-01", APPLY_OUT_PARTIAL), AEV_END } },
	{ "A05", APPLY_AP_RESEARCH, APPLY_CH_IN_PERSON, "攀枝花学院经济与管理学院",
	  "0812-3371000", NULL, NULL,
	  "2023年盐边县一般公共预算收支决算表", "当场查阅", "2024-07-08",
	  { ANSWER("2024-07-08", APPLY_OUT_OPEN), AEV_END } },
	{ "A06", APPLY_AP_NONPROFIT, APPLY_CH_POST_UNSIGNED, "盐边县慈善会", "0812-8521122",
	  NULL, "盐边县桐子林镇新华街 15 号",
	  "2019年以来县级救灾资金拨付到户明细", "邮寄纸质", "2024-09-02",
	  { { APPLY_EV_EXTEND, "2024-09-25", NULL, 10, APPLY_OUT_OPEN, "杨局长" },
	    ANSWER("2024-10-18", APPLY_OUT_NA_NOTHELD), AEV_END } },
	{ "A07", APPLY_AP_OTHER, APPLY_CH_ONLINE, "盐边县渔门镇永兴村村民委员会",
	  "13882312207", NULL, NULL,
	  "2024年渔门镇农村公路养护资金分配文件及附表", "纸质复印件", "2024-10-21",
	  { { APPLY_EV_FEE, "2024-10-28", NULL, 35, APPLY_OUT_OPEN, NULL },
	    EV(APPLY_EV_PAID, "2024-11-04"),
	    ANSWER("2024-11-11", APPLY_OUT_OPEN), AEV_END } },
	{ "A08", APPLY_AP_NATURAL, APPLY_CH_ONLINE, "张明", "13550987612", NULL, NULL,
	  "县财政局2024年公务接待费明细", "网上查阅", "2024-11-04",
	  { EV(APPLY_EV_WITHDRAW, "2024-11-15"), AEV_END } },
	{ "A09", APPLY_AP_NATURAL, APPLY_CH_EMAIL, "赵德富", NULL, "zdf@example.cn", NULL,
	  "举报某乡镇挪用惠农补贴，要求查处并答复", "电子邮件", "2024-11-18",
	  { ANSWER("2024-11-29", APPLY_OUT_NOPROC_PETITION), AEV_END } },
	{ "A10", APPLY_AP_BUSINESS, APPLY_CH_ONLINE, "盐边县鑫达商贸有限公司", "13981456620",
	  NULL, NULL, "2025年县级预算编制过程中各部门的讨论稿和内部意见", "电子邮件",
	  "2024-12-09",
	  { ANSWER("2025-01-06", APPLY_OUT_DENY_PROCESS), AEV_END } },
	{ "A11", APPLY_AP_NATURAL, APPLY_CH_POST_SIGNED, "刘春梅", "13778120345", NULL,
	  "盐边县红格镇昔格达村 3 组", "关于钱的那个文件", "邮寄纸质", "2024-12-16",
	  { { APPLY_EV_CORRECT, "2024-12-18", "2025-01-03", 0, APPLY_OUT_OPEN, NULL },
	    EV(APPLY_EV_CORRECTED, "2024-12-27"),
	    ANSWER("2025-01-20", APPLY_OUT_NA_UNCLEAR), AEV_END } },
	{ "A12", APPLY_AP_RESEARCH, APPLY_CH_EMAIL, "四川省社会科学院财政研究所", NULL,
	  "czs@example.org.cn", NULL, "2024年盐边县政府债务限额及余额情况", "电子邮件",
	  "2024-12-23",
	  { EV(APPLY_EV_CONSULT, "2024-12-25"),
	    EV(APPLY_EV_CONSULTED, "2025-01-10"),
	    ANSWER("2025-01-24", APPLY_OUT_OPEN), AEV_END } },
	{ "B01", APPLY_AP_NATURAL, APPLY_CH_ONLINE, "陈立新", "13608127789", NULL, NULL,
	  "2025年城乡居民基本养老保险财政补助标准", "网上查阅", "2025-02-10",
	  { ANSWER("2025-02-24", APPLY_OUT_OPEN), AEV_END } },
	{ "B02", APPLY_AP_BUSINESS, APPLY_CH_IN_PERSON, "攀枝花宏远钒钛科技有限公司",
	  "0812-8889001", NULL, NULL, "县财政局内部考勤管理及人员调配办法", "纸质",
	  "2025-02-17",
	  { { APPLY_EV_EXTEND, "2025-03-10", NULL, 15, APPLY_OUT_OPEN, "杨局长" },
	    ANSWER("2025-03-31", APPLY_OUT_DENY_INTERNAL), AEV_END } },
	{ "B03", APPLY_AP_NONPROFIT, APPLY_CH_EMAIL, "攀枝花市环境保护志愿者协会", NULL,
	  "hbzyz@example.org.cn", NULL, "2024年盐边县生态环保专项资金使用明细", "纸质复印件",
	  "2025-03-03",
	  { { APPLY_EV_FEE, "2025-03-10", NULL, 42, APPLY_OUT_OPEN, NULL },
	    EV(APPLY_EV_PAID, "2025-03-17"),
	    ANSWER("2025-03-24", APPLY_OUT_OPEN), AEV_END } },
	{ "B04", APPLY_AP_NATURAL, APPLY_CH_POST_SIGNED, "周永福", "13882345561", NULL,
	  "盐边县永兴镇永兴街 21 号", "2020年至2024年县本级一般公共预算支出明细",
	  "邮寄纸质", "2025-03-17",
	  { { APPLY_EV_FEE, "2025-03-24", NULL, 33, APPLY_OUT_OPEN, NULL },
	    ANSWER("2025-04-28", APPLY_OUT_OTHER_NOFEE), AEV_END } },
	{ "B05", APPLY_AP_LEGAL, APPLY_CH_ONLINE, "四川金沙江律师事务所", "0812-3317766",
	  NULL, NULL, "某国有企业2024年获得的县级财政补贴金额及依据", "电子邮件",
	  "2025-04-07",
	  { EV(APPLY_EV_CONSULT, "2025-04-10"),
	    EV(APPLY_EV_CONSULTED, "2025-04-25"),
	    ANSWER("2025-05-12", APPLY_OUT_PARTIAL), AEV_END } },
	{ "B06", APPLY_AP_RESEARCH, APPLY_CH_ONLINE, "西南财经大学财政税务学院",
	  "028-87352000", NULL, NULL, "2015年至2024年盐边县各乡镇财政收入分年度对比分析报告",
	  "电子邮件", "2025-05-12",
	  { ANSWER("2025-05-26", APPLY_OUT_NA_MAKE), AEV_END } },
	{ "B07", APPLY_AP_OTHER, APPLY_CH_FAX, "盐边县个体劳动者协会", "0812-8523310", NULL,
	  NULL, "2024年小微企业纾困资金发放名单（已于2025年4月答复）", "传真",
	  "2025-06-09",
	  { ANSWER("2025-06-20", APPLY_OUT_NOPROC_REPEAT), AEV_END } },
	{ "B08", APPLY_AP_NATURAL, APPLY_CH_IN_PERSON, "黄志强", "13980321145", NULL, NULL,
	  "《盐边县财政志》（公开出版物）", "当场领取", "2025-07-07",
	  { ANSWER("2025-07-07", APPLY_OUT_NOPROC_PUBLICATION), AEV_END } },
	{ "B09", APPLY_AP_BUSINESS, APPLY_CH_EMAIL, "盐边县顺达运输有限公司", NULL,
	  "sdys@example.cn", NULL, "2025年县级交通运输专项资金分配方案", "电子邮件",
	  "2025-08-04",
	  { EV(APPLY_EV_WITHDRAW, "2025-08-11"), AEV_END } },
	{ "B10", APPLY_AP_NATURAL, APPLY_CH_ONLINE, "吴小红", "13708125566", NULL, NULL,
	  "那个补助的发放情况", "网上查阅", "2025-08-18",
	  { { APPLY_EV_CORRECT, "2025-08-20", "2025-09-03", 0, APPLY_OUT_OPEN, NULL },
	    EV(APPLY_EV_CORRECTED, "2025-08-29"),
	    ANSWER("2025-09-19", APPLY_OUT_DENY_LAW), AEV_END } },
	{ "B11", APPLY_AP_NATURAL, APPLY_CH_ONLINE, "郑国华", "13568121190", NULL, NULL,
	  "请确认本人已收到的2024年耕地地力保护补贴告知书是否有效并重新出具", "纸质",
	  "2025-09-01",
	  { ANSWER("2025-09-15", APPLY_OUT_NOPROC_CONFIRM), AEV_END } },
	{ "B12", APPLY_AP_NONPROFIT, APPLY_CH_ONLINE, "盐边县消费者协会", "0812-8526600",
	  NULL, NULL, "2024年某代理记账机构违法案件的财政行政处罚案卷", "电子邮件",
	  "2025-09-08",
	  { ANSWER("2025-09-26", APPLY_OUT_DENY_ENFORCEMENT), AEV_END } },
	{ "B13", APPLY_AP_LEGAL, APPLY_CH_POST_UNSIGNED, "四川二滩律师事务所", "0812-3356677",
	  NULL, "攀枝花市仁和区攀枝花大道南段 100 号", "2025年县级政府购买法律服务项目预算",
	  "邮寄纸质", "2025-10-13",
	  { ANSWER("2025-10-31", APPLY_OUT_OPEN), AEV_END } },
	{ "B14", APPLY_AP_NATURAL, APPLY_CH_ONLINE, "孙丽", "13990456678", NULL, NULL,
	  "2025年县级财政衔接推进乡村振兴补助资金分配表", "网上查阅", "2025-12-10",
	  { AEV_END } },
	{ "B15", APPLY_AP_BUSINESS, APPLY_CH_EMAIL, "盐边县金穗农业开发有限公司", NULL,
	  "jsny@example.cn", NULL, "2025年农业产业化项目财政奖补资金拟安排名单", "电子邮件",
	  "2025-12-22",
	  { EV(APPLY_EV_CONSULT, "2025-12-29"), AEV_END } },
};

#define DEMO_NAPPS	(sizeof(demo_apps) / sizeof(demo_apps[0]))

/* Reconsideration and litigation cases of 盐边县财政局 (docs/demo.md). */
static const struct {
	const char	*app;		/* the application's ref */
	enum gk_s4route	 route;
	const char	*filed, *no;
	enum gk_s4res	 result;	/* GK_S4_PENDING: none recorded */
	const char	*closed;
} demo_cases[] = {
	{ "A04", GK_S4_RECON, "2024-08-05", "盐府复决〔2024〕17号", GK_S4_UPHELD, "2024-10-15" },
	{ "A09", GK_S4_RECON, "2024-12-20", "盐府复决〔2024〕31号", GK_S4_CORRECTED, "2025-02-20" },
	{ "B05", GK_S4_SUIT_DIRECT, "2025-06-20", "（2025）川0422行初12号", GK_S4_UPHELD,
	  "2025-11-14" },
	{ "B11", GK_S4_RECON, "2025-10-09", "盐府复决〔2025〕22号", GK_S4_CORRECTED, "2025-11-03" },
	{ "B12", GK_S4_RECON, "2025-10-20", "盐府复决〔2025〕26号", GK_S4_UPHELD, "2025-12-15" },
	{ "B12", GK_S4_SUIT_AFTER, "2025-12-22", "（2025）川0422行初41号", GK_S4_PENDING, NULL },
};

static int
demo_day(struct demo *d, const char *s, int32_t *out)
{
	if (s == NULL) {
		*out = GK_DATE_NONE;
		return 0;
	}
	if (gk_date_parse(s, strlen(s), out) != GK_OK) {
		snprintf(d->err, sizeof(d->err), "演示数据日期有误：%s", s);
		return -1;
	}
	return 0;
}

/* One application with its events, each recorded at 10:00 of its day. */
static int
demo_apply(struct demo *d, const char *actor, int64_t agency, const struct demo_app *p,
    int64_t *idp)
{
	struct gk_apply_intake	 in;
	struct apply_event	 ev;
	const struct demo_aev	*e;
	char			 now[40];
	size_t			 i;

	memset(&in, 0, sizeof(in));
	in.channel = p->ch;
	in.type = p->type;
	in.name = p->name;
	in.phone = p->phone;
	in.email = p->email;
	in.address = p->address;
	in.request = p->request;
	in.delivery = p->delivery;
	if (demo_day(d, p->received, &in.received))
		return -1;
	demo_ts(in.received, 9, 30, now);
	if (gk_apply_new(d->db, actor, agency, &in, d->cal, now, idp, NULL, d->err,
	    sizeof(d->err)) != GK_OK)
		return -1;
	for (i = 0; i < DEMO_AEV_MAX && p->ev[i].kind != APPLY_EV__MAX; i++) {
		e = &p->ev[i];
		memset(&ev, 0, sizeof(ev));
		ev.kind = e->kind;
		ev.outcome = e->out;
		ev.days = e->kind == APPLY_EV_EXTEND ? e->n : 0;
		if (demo_day(d, e->date, &ev.date) || demo_day(d, e->until, &ev.until))
			return -1;
		/* 按量 (国办函〔2020〕109号第五条): the pages the applicant asked for. */
		if (e->kind == APPLY_EV_FEE && gk_apply_fee_quote(d->db, *idp,
		    FEE_PER_VOLUME, e->n, &ev.amount, NULL, d->err,
		    sizeof(d->err)) != GK_OK)
			return -1;
		demo_ts(ev.date, 10, 0, now);
		if (gk_apply_act(d->db, actor, *idp, &ev, e->note, now, d->cal, NULL,
		    d->err, sizeof(d->err)) != GK_OK) {
			size_t l = strlen(d->err);

			snprintf(d->err + l, sizeof(d->err) - l, "（演示申请 %s）", p->ref);
			return -1;
		}
	}
	return 0;
}

static int
demo_applications(struct demo *d, const struct demo_agency *b)
{
	const char	*actor = b->ac[WF_ROLE_OFFICER].login;
	int64_t		 ids[DEMO_NAPPS], id;
	int32_t		 filed, closed;
	char		 now[40];
	size_t		 i, k;

	for (i = 0; i < DEMO_NAPPS; i++)
		if (demo_apply(d, actor, b->id, &demo_apps[i], &ids[i]) != 0)
			return -1;
	for (i = 0; i < sizeof(demo_cases) / sizeof(demo_cases[0]); i++) {
		for (k = 0; k < DEMO_NAPPS && strcmp(demo_apps[k].ref, demo_cases[i].app); k++)
			;
		if (k == DEMO_NAPPS || demo_day(d, demo_cases[i].filed, &filed) ||
		    demo_day(d, demo_cases[i].closed, &closed)) {
			snprintf(d->err, sizeof(d->err), "演示案件 %zu 有误", i + 1);
			return -1;
		}
		demo_ts(filed, 11, 0, now);
		if (gk_case_add(d->db, actor, b->id, demo_cases[i].route, filed, ids[k],
		    demo_cases[i].no, NULL, now, &id, d->err, sizeof(d->err)) != GK_OK)
			return -1;
		if (demo_cases[i].result == GK_S4_PENDING)
			continue;
		demo_ts(closed, 11, 0, now);
		if (gk_case_update(d->db, actor, id, demo_cases[i].result, closed, now,
		    d->err, sizeof(d->err)) != GK_OK)
			return -1;
	}
	d->apps = DEMO_NAPPS;
	d->cases = sizeof(demo_cases) / sizeof(demo_cases[0]);
	return 0;
}

/*
 * Both agencies' contact details (invented, in the county seat 桐子林镇);
 * the answer letters print them as the 联系机构 paragraph.
 */
static const struct gk_agency_contact demo_contact_a = {
	"办公室", "四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼", "617100",
	"0812-8612301", "0812-8612302", "ybswj@example.gov.cn",
	"工作日 上午8:30—12:00 下午14:30—18:00",
};
static const struct gk_agency_contact demo_contact_b = {
	"办公室", "四川省攀枝花市盐边县桐子林镇新县城行政中心5号楼", "617100",
	"0812-8612401", "0812-8612402", "ybczj@example.gov.cn",
	"工作日 上午8:30—12:00 下午14:30—18:00",
};

/*
 * What the answer letters (告知书) need besides the agency: its contact
 * details, the 行政复议 body (the county government) and the 机关代字 of
 * the letter's number.
 */
static int
demo_letters(struct demo *d, const struct demo_agency *a, const struct demo_agency *b)
{
	const char *now = "2023-01-03T09:10:00+08:00";

	return gk_agency_contact_set(d->db, DEMO_ACTOR, a->id, &demo_contact_a, now,
	    d->err, sizeof(d->err)) != GK_OK ||
	    gk_agency_contact_set(d->db, DEMO_ACTOR, b->id, &demo_contact_b, now,
	    d->err, sizeof(d->err)) != GK_OK ||
	    gk_agency_setting_set(d->db, DEMO_ACTOR, a->id, GK_APPLY_SETTING_REVIEW_BODY,
	    "盐边县人民政府", now, d->err, sizeof(d->err)) != GK_OK ||
	    gk_agency_setting_set(d->db, DEMO_ACTOR, b->id, GK_APPLY_SETTING_REVIEW_BODY,
	    "盐边县人民政府", now, d->err, sizeof(d->err)) != GK_OK ||
	    gk_agency_setting_set(d->db, DEMO_ACTOR, a->id, GK_APPLY_SETTING_LETTER_PREFIX,
	    "盐边商务依复", now, d->err, sizeof(d->err)) != GK_OK ||
	    gk_agency_setting_set(d->db, DEMO_ACTOR, b->id, GK_APPLY_SETTING_LETTER_PREFIX,
	    "盐边财依复", now, d->err, sizeof(d->err)) != GK_OK ? -1 : 0;
}

/* The figures and texts of both agencies, and agency 2's applications and cases. */
static int
demo_reports(struct demo *d, const struct demo_agency *a, const struct demo_agency *b)
{
	return demo_letters(d, a, b) || demo_figures(d, a->id, demo_figs_a, sizeof(demo_figs_a) / sizeof(demo_figs_a[0])) ||
	    demo_figures(d, b->id, demo_figs_b, sizeof(demo_figs_b) / sizeof(demo_figs_b[0])) ||
	    demo_texts(d, a->id, 2025, demo_a_overview, demo_a_problems, demo_a_other) ||
	    demo_texts(d, b->id, 2024, demo_b_overview, demo_b_problems, demo_b_other) ||
	    demo_texts(d, b->id, 2025, demo_b_overview, demo_b_problems, demo_b_other) ||
	    demo_applications(d, b) ? -1 : 0;
}

/*
 * 留言咨询 of agency 1 (docs/consultations.md): three answered and
 * published (the working days taken: 4, 2, and 3 across 国庆), one
 * rejected, one still pending. Added last, after everything else.
 */
static const struct {
	const char	*asked, *answered;	/* answered: NULL pending, "" rejected */
	const char	*name, *phone, *email, *title, *question, *answer;
} demo_consults[] = {
	{ "2025-03-10T09:12:00+08:00", "2025-03-14", "陈立新", "13800000011", "",
	  "新引进农产品加工项目可享受哪些优惠政策",
	  "我公司计划在盐边县投资建设农产品加工项目，请问可以享受哪些招商引资优惠政策？"
	  "申报需要准备哪些材料？",
	  "您好！新引进的农产品加工项目可按《盐边县促进招商引资若干政策措施》申请固定资产"
	  "投资奖励和物流补助，具体条件和标准见本专栏“政策文件”栏目的原文及其政策解读。"
	  "申报材料包括投资协议、营业执照和固定资产投资凭证。感谢您的关注！" },
	{ "2025-06-03T15:40:00+08:00", "2025-06-05", "刘芳", "", "liufang@example.com",
	  "电子商务进农村补助资金何时公示",
	  "请问2025年电子商务进农村综合示范项目的补助资金分配结果会在哪里公示？",
	  "您好！补助资金分配结果经审核后将在本专栏“财政信息”栏目公示，公示期为7天。" },
	{ "2025-09-29T10:20:00+08:00", "2025-10-10", "王建军", "13800000022", "",
	  "国庆假期期间能否办理对外贸易经营者备案",
	  "国庆节放假期间，对外贸易经营者备案登记能否在线办理？节后多久可以完成？",
	  "您好！对外贸易经营者备案登记可通过网上办理系统全天提交，节假日期间提交的，"
	  "本局于节后第一个工作日起办理，一般3个工作日内完成。" },
	{ "2025-10-20T08:05:00+08:00", "", "某某商贸", "13800000033", "",
	  "推荐优质产品",
	  "本公司产品质优价廉，欢迎各单位采购，联系电话见留言。",
	  "留言为商业广告，与政府信息公开无关" },
	{ "2025-11-18T16:30:00+08:00", NULL, "赵敏", "", "zhaomin@example.com",
	  "2025年消费券发放安排",
	  "请问今年年底还会发放促消费的消费券吗？在哪里领取？", NULL },
};

static int
demo_consultations(struct demo *d, const struct demo_agency *a)
{
	const char	*officer = a->ac[WF_ROLE_OFFICER].login;
	char		 now[40];
	int32_t		 day;
	int64_t		 id;
	size_t		 i;

	for (i = 0; i < sizeof(demo_consults) / sizeof(demo_consults[0]); i++) {
		struct gk_consult_intake in = { demo_consults[i].name, demo_consults[i].phone,
		    demo_consults[i].email, demo_consults[i].title, demo_consults[i].question };

		if (gk_consult_new(d->db, "public", a->id, &in, demo_consults[i].asked, &id,
		    NULL, d->err, sizeof(d->err)) != GK_OK)
			return -1;
		if (demo_consults[i].answered == NULL)
			continue;
		if (demo_consults[i].answered[0] == '\0') {
			if (gk_consult_reject(d->db, officer, id, demo_consults[i].answer,
			    demo_consults[i].asked, d->err, sizeof(d->err)) != GK_OK)
				return -1;
			continue;
		}
		snprintf(now, sizeof(now), "%sT16:00:00+08:00", demo_consults[i].answered);
		if (demo_day(d, demo_consults[i].answered, &day) != 0 ||
		    gk_consult_answer(d->db, officer, id, demo_consults[i].answer, day, now,
		    d->err, sizeof(d->err)) != GK_OK ||
		    gk_consult_publish(d->db, officer, id, now, d->err, sizeof(d->err)) != GK_OK)
			return -1;
	}
	return 0;
}

/*
 * The platform's settings (store/site.h): the header and footer of every
 * portal page. The registration numbers are placeholders of the right
 * shape, not real ones; host is where `gongkai serve` listens by default.
 */
static const char *const demo_site[][2] = {
	{ "name",	"盐边县人民政府信息公开平台" },
	{ "host",	"http://localhost:8080" },
	{ "sponsor",	"盐边县人民政府办公室" },
	{ "site_code",	"5104220000" },
	{ "icp",	"蜀ICP备00000000号-1" },
	{ "police",	"川公网安备51042200000000号" },
	{ "contact",	"盐边县人民政府办公室 电话 0812-0000000（工作日 9:00—17:00）" },
};

static int
demo_platform(struct demo *d)
{
	size_t i;

	for (i = 0; i < sizeof(demo_site) / sizeof(demo_site[0]); i++)
		if (gk_site_set(d->db, DEMO_ACTOR, demo_site[i][0], demo_site[i][1],
		    "2025-01-02T09:00:00+08:00", d->err, sizeof(d->err)) != GK_OK)
			return -1;
	return 0;
}

/*
 * ---- The running year (issue 7, docs/demo.md): items dated relative to
 * the day the demo is built (today, $GONGKAI_NOW or the clock), so the
 * website self-check (`gongkai check site`) finds agency 1 current and
 * agency 2 with what it was given: a stale 工作动态 column, a late item, a
 * dead link to a withdrawn item; and the channels' rules and records that
 * `gongkai channels check` compares. Only when today is after 2025 (the
 * seed report's year stays as it is).
 */

/* The day an item drafted on day is published, pub working days later (as demo_item). */
static int32_t
demo_pubday(struct demo *d, int32_t day, int pub)
{
	int32_t t = day;

	(void)demo_wd(d, day, pub < 1 ? 1 : pub, &t);
	return t;
}

/* Records item id as published on channel c on day (18:00), with hash (NULL: its current one). */
static int
demo_channel(struct demo *d, int64_t id, enum gk_channel c, int32_t day, const char *hash,
    const char *place)
{
	char hex[65], at[40];

	demo_ts(day, 18, 0, at);
	if (hash == NULL && gk_channel_item_hash(d->db, id, hex, d->err, sizeof(d->err)) != GK_OK)
		return -1;
	return gk_channel_record(d->db, DEMO_ACTOR, id, c, GK_CH_PUBLISHED, at,
	    hash ? hash : hex, place, NULL, d->err, sizeof(d->err)) == GK_OK ? 0 : -1;
}

static int
demo_rules(struct demo *d, int64_t agency, const char *since, const char *now,
    const char *cat, enum gk_channel c, int within)
{
	int64_t cid = 0;

	return gk_category_lookup(d->db, agency, cat, &cid, d->err, sizeof(d->err)) != GK_OK ||
	    gk_channel_rule_set(d->db, DEMO_ACTOR, agency, cid, c, 1, within, since, now,
	    d->err, sizeof(d->err)) != GK_OK ? -1 : 0;
}

static int
demo_running_year(struct demo *d, const struct demo_agency *a, const struct demo_agency *b)
{
	static const struct {
		const char	*cat, *title, *title2, *body;	/* title YEAR title2 (title2 NULL: no year) */
		int		 ago, pub;	/* drafted ago days before today; pub working days */
	} cur[] = {
		{ "其他", "关于调整政府信息公开工作联系方式的说明", NULL,
		  "自本说明发布之日起，本局政府信息公开工作联系电话调整为 0812-8612301。", 80, 3 },
		{ "办事指南", "对外贸易经营者备案登记办事指南", NULL,
		  "办理对象、办理依据、申请材料、办理流程、办理时限和咨询电话。", 70, 3 },
		{ "财政信息/三公经费", "盐边县经济合作和商务局", "年“三公”经费预算",
		  "本年度“三公”经费预算及其与上年的增减说明。", 60, 3 },
		{ "招商引资", "盐边县", "年重点招商引资项目推介",
		  "本年度重点推介的钒钛新材料、农产品加工和商贸物流项目及联系方式。", 50, 3 },
		{ "政策文件/其他文件", "盐边县", "年促进消费若干措施",
		  "为提振消费，制定以下措施：发放消费券、支持商贸企业开展促销活动。", 40, 2 },
		{ "工作动态", "我局召开", "年招商引资项目推进会",
		  "会议通报了本年度招商引资项目推进情况，部署了下一阶段工作。", 7, 1 },
	};
	char		 now[64], since[GK_DATE_LEN], title[256], body[512], hex[65];
	unsigned char	 dg[GK_SHA256_LEN];
	int32_t		 today, day, jan1, ev;
	int64_t		 id, x, y, n;
	int		 yr, m, dd;
	size_t		 i;

	cli_now(now, sizeof(now));
	if (strlen(now) < 10 || gk_date_parse(now, 10, &today) != GK_OK) {
		snprintf(d->err, sizeof(d->err), "无法读取当前日期 '%s'", now);
		return -1;
	}
	gk_date_ymd(today, &yr, &m, &dd);
	if (yr <= 2025)
		return 0;
	jan1 = demo_date(yr, 1, 1);
	gk_date_format(jan1, since);
	/* Agency 1: every column current, its news on WeChat, its policy file on the board. */
	if (demo_rules(d, a->id, since, now, "工作动态", GK_CH_WECHAT, 1) ||
	    demo_rules(d, a->id, since, now, "政策文件", GK_CH_NOTICE, 3))
		return -1;
	for (i = 0; i < sizeof(cur) / sizeof(cur[0]); i++) {
		day = today - cur[i].ago < jan1 ? jan1 : today - cur[i].ago;
		if (cur[i].title2 != NULL)
			snprintf(title, sizeof(title), "%s%d%s", cur[i].title, yr, cur[i].title2);
		else
			snprintf(title, sizeof(title), "%s", cur[i].title);
		ev = strcmp(cur[i].cat, "工作动态") == 0 ? day : GK_DATE_NONE;
		if (demo_item(d, a, cur[i].cat, title, NULL, day, ev, cur[i].body, P_ON_TIME,
		    cur[i].pub, NULL, &id) != 0)
			return -1;
		if (ev != GK_DATE_NONE && demo_channel(d, id, GK_CH_WECHAT,
		    demo_pubday(d, day, cur[i].pub), NULL, NULL))
			return -1;
		if (strncmp(cur[i].cat, "政策文件", strlen("政策文件")) == 0 &&
		    (demo_interp(d, a, 0, id, title, INTERP_TEXT, day, cur[i].pub) ||
		    demo_channel(d, id, GK_CH_NOTICE, demo_pubday(d, day, cur[i].pub) + 1, NULL,
		    "县政务服务中心一楼公示栏")))
			return -1;
	}
	/*
	 * Agency 2: an old guide withdrawn (x), its revision linking to it (y: a
	 * dead link) and posted on the board from the text before its last
	 * correction (differs), not on WeChat (missing); a work news item
	 * published late (n), on WeChat three days after the portal (late),
	 * and nothing newer (a stale column, a stale account).
	 */
	if (demo_rules(d, b->id, since, now, "工作动态", GK_CH_WECHAT, 1) ||
	    demo_rules(d, b->id, since, now, "办事指南", GK_CH_WECHAT, 3) ||
	    demo_rules(d, b->id, since, now, "办事指南", GK_CH_NOTICE, -1))
		return -1;
	day = today - 100 < jan1 ? jan1 : today - 100;
	if (demo_item(d, b, "办事指南", "政府采购供应商投诉处理办事指南（旧版）", NULL, day,
	    GK_DATE_NONE, "投诉的受理条件、材料和处理时限（旧版）。", P_WITHDRAWN, 2, NULL, &x))
		return -1;
	day = today - 62 < jan1 ? jan1 : today - 62;
	snprintf(title, sizeof(title), "政府采购供应商投诉处理办事指南（%d年修订）", yr);
	snprintf(body, sizeof(body), "投诉的受理条件、材料和处理时限。本指南替代旧版"
	    "（原文见 http://localhost:8080/item/%lld ）。", (long long)x);
	if (demo_item(d, b, "办事指南", title, NULL, day, GK_DATE_NONE, body, P_ON_TIME, 3,
	    NULL, &y))
		return -1;
	{
		/* the text the board's sheet was printed from: the approved draft before its last correction */
		struct gk_sha256 s;
		static const char old[] = "投诉的受理条件、材料和处理时限。";

		gk_sha256_init(&s);
		gk_sha256_update(&s, title, strlen(title));
		gk_sha256_update(&s, "\n", 1);
		gk_sha256_update(&s, old, sizeof(old) - 1);
		gk_sha256_final(&s, dg);
		gk_sha256_hex(dg, hex);
	}
	if (demo_channel(d, y, GK_CH_NOTICE, demo_pubday(d, day, 3), hex, "县政务服务中心二楼公示栏"))
		return -1;
	day = today - 40 < jan1 ? jan1 : today - 40;
	snprintf(title, sizeof(title), "县财政局召开%d年预算编制工作会", yr);
	if (demo_item(d, b, "工作动态", title, NULL, day, day,
	    "会议部署了下一年度部门预算编制工作。", P_LATE, 7, NULL, &n) ||
	    demo_channel(d, n, GK_CH_WECHAT, demo_pubday(d, day, 7) + 3, NULL, NULL))
		return -1;
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
	return demo_finance(d, &b) != 0 || demo_reports(d, &a, &b) != 0 ||
	    demo_consultations(d, &a) != 0 || demo_platform(d) != 0 ||
	    demo_running_year(d, &a, &b) != 0 ? -1 : 0;
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
	printf("  机构 2 依申请公开：2024—2025 年申请 %zu 件（6 类申请人，结转、补正、延期、"
	    "征求意见、收费、撤回、当场答复），行政复议和行政诉讼案件 %zu 件\n", d.apps, d.cases);
	printf("  年度报告：gongkai report generate --agency 1 --year 2025；"
	    "--agency 2 --year 2024 或 2025\n");
	printf("  政策解读检查：gongkai ledger interp --year Y\n");
	printf("  审计记录 %lld 条，审计链校验通过\n", (long long)ar.entries);
	printf("  演示用户密码：%s（见 docs/demo.md）\n", DEMO_PASSWORD);
	rc = 0;
out:
	gk_db_close(d.db);
	calendar_clear(&cal);
	return rc;
}
