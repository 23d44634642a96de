/*
 * cli_item.c — `gongkai item …`: drafts, edits, the three-level review
 * (submit, review, approve, return, publish, withdraw, validity), lists,
 * one item with its review trail, and the overdue list. A thin layer over
 * src/store/item.h; the decisions are workflow_apply()'s.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/calendar.h"
#include "core/date.h"
#include "core/item.h"
#include "core/timeliness.h"
#include "core/workflow.h"
#include "store/db.h"
#include "store/attachment.h"
#include "store/interpretation.h"
#include "store/item.h"

#define ITEM_WINDOW_DEFAULT	3

static const char item_usage[] =
"用法: gongkai [--db PATH] item COMMAND [OPTIONS]\n"
"\n"
"主动公开信息的起草、三级审核（科室拟稿—分管领导审核—主要领导审定）和发布。\n"
"\n"
"命令:\n"
"  new --agency ID --title T --category PATH --written DATE [选项]\n"
"        起草信息（拟稿人）。系统分配索引号（默认格式 {统一社会信用代码}/{年份}-{5位序号}，\n"
"        按机构、按年份顺序编号），并按工作日日历计算应发布日期\n"
"        （政策文件成文后 5 个工作日，工作动态活动结束后 3 个工作日，\n"
"        其他 20 个工作日，条例第二十六条）。\n"
"        --doc-no N        文号，如 盐边商务〔2025〕12号\n"
"        --written DATE    成文日期（必填）\n"
"        --event-end DATE  活动结束日期（工作动态必填）\n"
"        --topic T         主题分类\n"
"        --publisher P     发布机构（默认为本机构名称）\n"
"        --keywords K      关键词（以逗号或空格分隔）\n"
"        --body-file F     正文（Markdown）文件，\"-\" 为标准输入\n"
"  edit ID [同 new 的选项，--agency 除外]\n"
"        修改草稿：只有草稿状态、只有拟稿人本人；给出的字段替换原值\n"
"  submit ID                              提交（拟稿人）\n"
"  review ID --checks C --comment TEXT     分管领导审核\n"
"  approve ID --checks C --comment TEXT [--override REASON]\n"
"        主要领导审定。保密与个人信息检查有发现时须说明理由放行（记入审计链）\n"
"  return ID --comment TEXT [--checks C]   退回拟稿人（分管领导或主要领导）\n"
"  publish ID                             发布（信息公开工作人员）\n"
"  withdraw ID --reason R                 撤回已发布的信息\n"
"  validity ID --to 失效|废止 --date DATE   变更有效性\n"
"  list [--agency ID] [--state S] [--year Y] [--limit N] [--offset N]\n"
"        列出信息（新的在前）。S 为 draft、submitted、reviewed、approved、\n"
"        published、withdrawn 之一\n"
"  show ID        元数据、状态、应发布日期和审核记录\n"
"  overdue [--agency ID] [--today DATE] [--window N]\n"
"        未发布且已逾期或 N 个工作日内到期（默认 3）的信息，及剩余/超出的工作日数\n"
"  attach ID FILE [--name NAME]   上传附件（草稿，拟稿人）；按内容识别类型，限制大小，\n"
"        按内容哈希存储；附件文字参与保密与个人信息检查\n"
"  attachments ID                 列出附件（编号、名称、类型、大小、SHA-256）\n"
"  detach ID ATTACHMENT_ID        删除草稿的附件（拟稿人）\n"
"  download ID ATTACHMENT_ID [-o FILE]   取出附件原文件\n"
"  link ID --policy POLICY_ID --form 文字|图解|案例|音视频\n"
"        把政策解读（本信息）关联到它解读的政策文件\n"
"  unlink ID --policy POLICY_ID   取消关联\n"
"\n"
"审查结果 C：合法性、准确性、保密性三项，以逗号分隔，每项为 ok（通过）或 fail\n"
"（不通过），如 --checks ok,ok,ok。\n"
"\n"
"通用选项:\n"
"  --as LOGIN        操作人（用户登录名）；未指定时取 $GONGKAI_ACTOR\n"
"  --calendar FILE   工作日日历；未指定时依次使用 $GONGKAI_CALENDAR、\n"
"                    " GK_CALENDAR_LOCAL "、" GK_CALENDAR_INSTALLED "\n"
"  -h, --help        显示本帮助\n"
"时间取 $GONGKAI_NOW（ISO 8601），否则为当前时间。每次变更都写入审计链。\n"
"\n"
"退出码：0 成功；1 被拒绝（状态、角色、职责分离、保密检查、信息有误）或数据库错误；\n"
"        2 用法错误。\n";

enum opt {
	O_AS, O_AGENCY, O_TITLE, O_CATEGORY, O_DOCNO, O_WRITTEN, O_EVENT_END,
	O_TOPIC, O_PUBLISHER, O_KEYWORDS, O_BODY_FILE, O_CHECKS, O_COMMENT,
	O_OVERRIDE, O_REASON, O_STATE, O_YEAR, O_LIMIT, O_OFFSET, O_TODAY,
	O_WINDOW, O_CALENDAR, O_TO, O_DATE, O__MAX
};

static const char *const opt_names[O__MAX] = {
	"--as", "--agency", "--title", "--category", "--doc-no", "--written",
	"--event-end", "--topic", "--publisher", "--keywords", "--body-file",
	"--checks", "--comment", "--override", "--reason", "--state", "--year",
	"--limit", "--offset", "--today", "--window", "--calendar", "--to", "--date",
};

#define B(o)	(1ul << (o))
#define META	(B(O_TITLE) | B(O_CATEGORY) | B(O_DOCNO) | B(O_WRITTEN) | \
	B(O_EVENT_END) | B(O_TOPIC) | B(O_PUBLISHER) | B(O_KEYWORDS) | B(O_BODY_FILE))

struct sub {
	const char	*name;
	int		 takes_id;
	unsigned long	 allowed;
	int		 action;	/* enum wf_action, or -1 */
};

static const struct sub subs[] = {
	{ "new", 0, B(O_AS) | B(O_AGENCY) | META | B(O_CALENDAR), -1 },
	{ "edit", 1, B(O_AS) | META | B(O_CALENDAR), -1 },
	{ "submit", 1, B(O_AS) | B(O_COMMENT), WF_ACT_SUBMIT },
	{ "review", 1, B(O_AS) | B(O_CHECKS) | B(O_COMMENT), WF_ACT_REVIEW },
	{ "approve", 1, B(O_AS) | B(O_CHECKS) | B(O_COMMENT) | B(O_OVERRIDE), WF_ACT_APPROVE },
	{ "return", 1, B(O_AS) | B(O_CHECKS) | B(O_COMMENT), WF_ACT_RETURN },
	{ "publish", 1, B(O_AS), WF_ACT_PUBLISH },
	{ "withdraw", 1, B(O_AS) | B(O_REASON), WF_ACT_WITHDRAW },
	{ "validity", 1, B(O_AS) | B(O_TO) | B(O_DATE) | B(O_COMMENT), WF_ACT_CHANGE_VALIDITY },
	{ "list", 0, B(O_AGENCY) | B(O_STATE) | B(O_YEAR) | B(O_LIMIT) | B(O_OFFSET), -1 },
	{ "show", 1, 0, -1 },
	{ "overdue", 0, B(O_AGENCY) | B(O_TODAY) | B(O_WINDOW) | B(O_CALENDAR), -1 },
};

struct args {
	const struct sub	*sub;
	int64_t			 id;
	const char		*v[O__MAX];
};

/* Returns -1 when parsed, else the exit status (0 for --help, 2 bad usage). */
static int
item_parse(int argc, char **argv, struct args *a)
{
	long long	 v;
	size_t		 k;
	int		 i, o;

	memset(a, 0, sizeof(*a));
	for (k = 0; k < sizeof(subs) / sizeof(subs[0]); k++)
		if (strcmp(argv[0], subs[k].name) == 0)
			a->sub = &subs[k];
	if (a->sub == NULL)
		return cli_usage_error("item ", "未知的子命令 '%s'", argv[0]);
	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(item_usage, stdout);
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1] != '\0') {
			for (o = 0; o < O__MAX; o++)
				if (strcmp(argv[i], opt_names[o]) == 0)
					break;
			if (o == O__MAX || !(a->sub->allowed & B(o)))
				return cli_usage_error("item ", "item %s 不接受选项 '%s'",
				    a->sub->name, argv[i]);
			if (i + 1 >= argc)
				return cli_usage_error("item ", "%s 需要一个值", argv[i]);
			a->v[o] = argv[++i];
		} else if (a->sub->takes_id && a->id == 0) {
			if (!cli_parse_int(argv[i], 1, INT64_MAX, &v))
				return cli_usage_error("item ", "信息编号须为正整数，而不是 '%s'",
				    argv[i]);
			a->id = v;
		} else
			return cli_usage_error("item ", "多余的参数 '%s'", argv[i]);
	}
	if (a->sub->takes_id && a->id == 0)
		return cli_usage_error("item ", "item %s 缺少信息编号 ID", a->sub->name);
	return -1;
}

/* Resolves the actor; 0 on success, else the exit status (message printed). */
static int
item_actor(struct gk_db *db, const char *as, struct gk_item_actor *ac)
{
	char err[256];

	if (as == NULL && (as = getenv("GONGKAI_ACTOR")) != NULL && as[0] == '\0')
		as = NULL;
	if (as == NULL)
		return cli_usage_error("item ", "缺少操作人：请用 --as LOGIN 或设置 $GONGKAI_ACTOR");
	if (gk_item_actor_lookup(db, as, ac, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	return 0;
}

/* Parses "ok,ok,fail" into three verdicts; 0 when malformed. */
static int
item_checks(const char *s, enum wf_verdict v[WF_CHECK__MAX])
{
	char		 part[32];
	const char	*p = s, *c;
	size_t		 len;
	int		 i;

	for (i = 0; i < WF_CHECK__MAX; i++) {
		c = strchr(p, ',');
		len = c ? (size_t)(c - p) : strlen(p);
		if (len == 0 || len >= sizeof(part) || (c == NULL) != (i == WF_CHECK__MAX - 1))
			return 0;
		memcpy(part, p, len);
		part[len] = '\0';
		if (strcmp(part, "ok") == 0 || strcmp(part, "pass") == 0 ||
		    strcmp(part, "通过") == 0)
			v[i] = WF_PASS;
		else if (strcmp(part, "fail") == 0 || strcmp(part, "不通过") == 0)
			v[i] = WF_FAIL;
		else
			return 0;
		p = c ? c + 1 : p + len;
	}
	return 1;
}

static void
item_print_problems(const struct item_problems *p, const char *err)
{
	size_t i;

	if (p->n == 0) {
		fprintf(stderr, "gongkai: %s\n", err);
		return;
	}
	fprintf(stderr, "gongkai: 信息有 %zu 处问题：\n", p->n);
	for (i = 0; i < p->n; i++)
		fprintf(stderr, "  %s：%s\n", item_field_label(p->v[i].field), p->v[i].msg);
}

/* Fills m from the metadata options; 0 on success, else the exit status. */
static int
item_meta_args(const struct args *a, struct item_meta *m, char **body)
{
	static const struct {
		enum opt		 o;
		enum item_field		 f;
	} map[] = {
		{ O_TITLE, ITEM_F_TITLE }, { O_CATEGORY, ITEM_F_CATEGORY },
		{ O_DOCNO, ITEM_F_DOCNO }, { O_WRITTEN, ITEM_F_WRITTEN },
		{ O_EVENT_END, ITEM_F_EVENT_END }, { O_TOPIC, ITEM_F_TOPIC },
		{ O_PUBLISHER, ITEM_F_PUBLISHER }, { O_KEYWORDS, ITEM_F_KEYWORDS },
	};
	size_t		 i, len;
	enum gk_err	 e;

	*body = NULL;
	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (a->v[map[i].o] != NULL &&
		    item_meta_set(m, map[i].f, a->v[map[i].o]) != GK_OK) {
			fprintf(stderr, "gongkai: 内存不足\n");
			return 1;
		}
	if (a->v[O_BODY_FILE] != NULL) {
		if ((e = cli_read_file(a->v[O_BODY_FILE], ITEM_BODY_MAX, body, &len)) != GK_OK) {
			fprintf(stderr, "gongkai: 无法读取正文文件 %s：%s\n", a->v[O_BODY_FILE],
			    e == GK_ENOTFOUND ? "文件不存在" : e == GK_ELIMIT ?
			    "文件过大（正文最多 2 MiB）" : "读取失败");
			return 1;
		}
		if (strlen(*body) != len) {
			fprintf(stderr, "gongkai: 正文文件 %s 含有 NUL 字节\n", a->v[O_BODY_FILE]);
			return 1;
		}
		if (item_meta_set(m, ITEM_F_BODY, *body) != GK_OK) {
			fprintf(stderr, "gongkai: 内存不足\n");
			return 1;
		}
	}
	return 0;
}

static int
item_new_edit(struct gk_db *db, const struct args *a, const struct gk_item_actor *ac,
    const char *now)
{
	struct item_meta	 m;
	struct item_problems	 p;
	struct calendar		 cal;
	struct gk_item_opts	 o;
	struct gk_item		 it;
	long long		 agency = 0;
	int64_t			 id = a->id;
	char			*body = NULL, err[512];
	enum gk_err		 e;
	int			 rc, have_cal;

	if (strcmp(a->sub->name, "new") == 0) {
		if (a->v[O_AGENCY] == NULL)
			return cli_usage_error("item ", "item new 缺少 --agency ID");
		if (!cli_parse_int(a->v[O_AGENCY], 1, INT64_MAX, &agency))
			return cli_usage_error("item ", "--agency 需要正整数编号，而不是 '%s'",
			    a->v[O_AGENCY]);
		if (a->v[O_TITLE] == NULL || a->v[O_CATEGORY] == NULL)
			return cli_usage_error("item ", "item new 需要 --title 和 --category");
	}
	item_meta_init(&m);
	if ((rc = item_meta_args(a, &m, &body)) != 0)
		goto out;
	have_cal = cli_calendar_open_db(cli_calendar_path(a->v[O_CALENDAR]), db, &cal) == 0;
	if (!have_cal)
		fprintf(stderr, "gongkai: 没有可用的工作日日历，不计算应发布日期\n");
	memset(&o, 0, sizeof(o));
	o.cal = have_cal ? &cal : NULL;
	if (agency != 0)
		e = gk_item_create(db, ac, agency, &m, &o, now, &id, &p, err, sizeof(err));
	else
		e = gk_item_edit(db, ac, id, &m, &o, now, &p, err, sizeof(err));
	if (have_cal)
		calendar_clear(&cal);
	rc = 1;
	if (e == GK_EINVAL) {
		item_print_problems(&p, err);
		goto out;
	}
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		goto out;
	}
	if (gk_item_get(db, id, &it, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		goto out;
	}
	printf("%s信息 %lld：索引号 %s，状态 %s", agency ? "已起草" : "已修改",
	    (long long)id, item_meta_get(&it.meta, ITEM_F_INDEXNO),
	    wf_state_label(it.state));
	if (it.due_date != NULL)
		printf("，应于 %s 前发布", it.due_date);
	printf("\n");
	gk_item_clear(&it);
	rc = 0;
out:
	gk_free(body);
	item_meta_clear(&m);
	return rc;
}

static int
item_act(struct gk_db *db, const struct args *a, const struct gk_item_actor *ac,
    const char *now)
{
	struct gk_item_input	 in;
	struct wf_result	 r;
	enum wf_action		 act = (enum wf_action)a->sub->action;
	char			 err[512];

	memset(&in, 0, sizeof(in));
	if (a->v[O_CHECKS] != NULL && !item_checks(a->v[O_CHECKS], in.checks))
		return cli_usage_error("item ", "--checks 须为三项 ok 或 fail，如 ok,ok,ok，"
		    "而不是 '%s'", a->v[O_CHECKS]);
	if (act == WF_ACT_CHANGE_VALIDITY) {
		if (a->v[O_TO] == NULL || !item_validity_from_name(a->v[O_TO], &in.validity))
			return cli_usage_error("item ", "item validity 需要 --to 失效 或 --to 废止");
		in.validity_date = a->v[O_DATE];
	}
	in.comment = a->v[O_COMMENT];
	in.reason = a->v[O_REASON];
	in.override_reason = a->v[O_OVERRIDE];
	if (gk_item_act(db, a->id, ac, act, &in, now, &r, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s%s\n", r.code != WF_OK && r.code != WF_E_INPUT ?
		    "操作被拒绝：" : "", err);
		return 1;
	}
	if (act == WF_ACT_CHANGE_VALIDITY)
		printf("信息 %lld：有效性已变更为%s\n", (long long)a->id,
		    item_validity_label(r.validity));
	else
		printf("信息 %lld：%s，%s → %s\n", (long long)a->id, wf_action_label(act),
		    wf_state_label(r.from), wf_state_label(r.to));
	if (r.gate_override)
		printf("已说明理由放行保密与个人信息检查发现的 %d 处问题（已记入审计链）\n",
		    r.overridden);
	return 0;
}

static int
item_list_cmd(struct gk_db *db, const struct args *a)
{
	struct gk_item_filter	 f;
	struct gk_item_list	 l;
	enum wf_state		 s;
	long long		 v;
	char			 err[512];
	size_t			 i;

	memset(&f, 0, sizeof(f));
	f.state = -1;
	if (a->v[O_AGENCY] != NULL) {
		if (!cli_parse_int(a->v[O_AGENCY], 1, INT64_MAX, &v))
			return cli_usage_error("item ", "--agency 需要正整数编号");
		f.agency_id = v;
	}
	if (a->v[O_STATE] != NULL) {
		if (!wf_state_from_name(a->v[O_STATE], &s))
			return cli_usage_error("item ", "未知的状态 '%s'", a->v[O_STATE]);
		f.state = (int)s;
	}
	if (a->v[O_YEAR] != NULL) {
		if (!cli_parse_int(a->v[O_YEAR], 1900, 2999, &v))
			return cli_usage_error("item ", "--year 需要四位年份");
		f.year = (int)v;
	}
	if (a->v[O_LIMIT] != NULL) {
		if (!cli_parse_int(a->v[O_LIMIT], 1, 1000, &v))
			return cli_usage_error("item ", "--limit 须为 1～1000");
		f.limit = (size_t)v;
	}
	if (a->v[O_OFFSET] != NULL) {
		if (!cli_parse_int(a->v[O_OFFSET], 0, INT32_MAX, &v))
			return cli_usage_error("item ", "--offset 须为非负整数");
		f.offset = (size_t)v;
	}
	if (gk_item_list(db, &f, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	printf("编号\t索引号\t状态\t应发布日期\t标题\n");
	for (i = 0; i < l.n; i++)
		printf("%lld\t%s\t%s\t%s\t%s\n", (long long)l.v[i].id,
		    item_meta_get(&l.v[i].meta, ITEM_F_INDEXNO), wf_state_label(l.v[i].state),
		    l.v[i].due_date ? l.v[i].due_date : "-",
		    item_meta_get(&l.v[i].meta, ITEM_F_TITLE));
	gk_item_list_free(&l);
	return 0;
}

/*
 * Attachments and the interpretation links of both directions; 0, or 1
 * with the message in err.
 */
static int
item_show_links(struct gk_db *db, int64_t id, char *err, size_t errlen)
{
	struct gk_attachment_list	 al;
	struct gk_interp_links		 l[2];
	static const char *const	 head[2] = { "政策解读", "解读的政策文件" };
	size_t				 i, k;

	if (gk_attachment_list(db, id, &al, err, errlen) != GK_OK)
		return 1;
	printf("附件：%s\n", al.n ? "" : "无");
	for (i = 0; i < al.n; i++)
		printf("  %lld  %s  %s  %lld 字节  SHA-256 %s\n", (long long)al.v[i].id,
		    al.v[i].name, al.v[i].mime, (long long)al.v[i].size, al.v[i].hash);
	gk_attachment_list_free(&al);
	if (gk_interp_of_policy(db, id, &l[0], err, errlen) != GK_OK)
		return 1;
	if (gk_interp_policies(db, id, &l[1], err, errlen) != GK_OK) {
		gk_interp_links_free(&l[0]);
		return 1;
	}
	for (k = 0; k < 2; k++) {
		if (l[k].n > 0)
			printf("%s：\n", head[k]);
		for (i = 0; i < l[k].n; i++)
			printf("  %lld  %s  %s（%s，%s%s%s）\n", (long long)l[k].v[i].item_id,
			    l[k].v[i].index_no, l[k].v[i].title,
			    interp_form_label(l[k].v[i].form), wf_state_label(l[k].v[i].state),
			    l[k].v[i].published[0] ? " " : "", l[k].v[i].published);
		gk_interp_links_free(&l[k]);
	}
	return 0;
}

static int
item_show(struct gk_db *db, const struct args *a)
{
	struct gk_item		 it;
	struct gk_item_reviews	 rv;
	char			 err[512];
	const char		*s;
	size_t			 i;
	int			 f, k;

	if (gk_item_get(db, a->id, &it, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (gk_item_reviews(db, a->id, &rv, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_item_clear(&it);
		return 1;
	}
	printf("编号：%lld\n", (long long)it.id);
	for (f = 0; f < ITEM_F__MAX; f++) {
		if (f == ITEM_F_BODY)
			continue;
		if (f == ITEM_F_VALIDITY) {
			printf("%s：%s\n", item_field_label(ITEM_F_VALIDITY),
			    item_validity_label(it.meta.validity));
			continue;
		}
		s = item_meta_get(&it.meta, (enum item_field)f);
		if (*s != '\0')
			printf("%s：%s\n", item_field_label((enum item_field)f), s);
	}
	printf("状态：%s\n", wf_state_label(it.state));
	printf("应发布日期：%s\n", it.due_date ? it.due_date : "-");
	printf("起草时间：%s\n", it.created_at ? it.created_at : "-");
	if (it.published_at != NULL)
		printf("发布时间：%s\n", it.published_at);
	if (it.withdrawn_at != NULL)
		printf("撤回时间：%s（理由：%s）\n", it.withdrawn_at,
		    it.withdrawn_reason ? it.withdrawn_reason : "");
	printf("审核记录：%s\n", rv.n ? "" : "无");
	for (i = 0; i < rv.n; i++) {
		printf("  %s  %s  %s  %s", rv.v[i].decided_at,
		    rv.v[i].level == 2 ? "分管领导审核" : "主要领导审定", rv.v[i].reviewer,
		    rv.v[i].pass ? "通过" : "退回");
		for (k = 0; k < WF_CHECK__MAX; k++)
			printf("  %s%s", wf_check_label((enum wf_check)k),
			    rv.v[i].checks[k] ? "✓" : "✗");
		printf("  意见：%s\n", rv.v[i].comment);
	}
	if (item_show_links(db, it.id, err, sizeof(err)) != 0) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_item_reviews_free(&rv);
		gk_item_clear(&it);
		return 1;
	}
	s = item_meta_get(&it.meta, ITEM_F_BODY);
	if (*s != '\0')
		printf("正文：\n%s\n", s);
	gk_item_reviews_free(&rv);
	gk_item_clear(&it);
	return 0;
}

static int
item_overdue_cmd(struct gk_db *db, const struct args *a, const char *now)
{
	struct gk_item_dues	 l;
	struct calendar		 cal;
	char			 today[GK_DATE_LEN], err[512];
	long long		 v, agency = 0, window = ITEM_WINDOW_DEFAULT;
	int32_t			 d;
	size_t			 i;
	enum gk_err		 e;

	if (a->v[O_AGENCY] != NULL &&
	    !cli_parse_int(a->v[O_AGENCY], 1, INT64_MAX, &agency))
		return cli_usage_error("item ", "--agency 需要正整数编号");
	if (a->v[O_WINDOW] != NULL) {
		if (!cli_parse_int(a->v[O_WINDOW], 0, TIMELINESS_STATUTORY_DAYS, &v))
			return cli_usage_error("item ", "--window 须为 0～%d 个工作日",
			    TIMELINESS_STATUTORY_DAYS);
		window = v;
	}
	if (a->v[O_TODAY] != NULL) {
		if (gk_date_parse(a->v[O_TODAY], strlen(a->v[O_TODAY]), &d) != GK_OK)
			return cli_usage_error("item ", "--today 须为 YYYY-MM-DD 日期");
		gk_strlcpy_utf8(today, a->v[O_TODAY], sizeof(today));
	} else
		gk_strlcpy_utf8(today, now, sizeof(today));
	if (cli_calendar_open_db(cli_calendar_path(a->v[O_CALENDAR]), db, &cal) != 0)
		return 1;
	e = gk_item_overdue(db, agency, &cal, today, (int)window, &l, err, sizeof(err));
	calendar_clear(&cal);
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	printf("截至 %s：逾期或 %lld 个工作日内到期的未发布信息 %zu 条\n", today, window, l.n);
	if (l.n > 0)
		printf("编号\t索引号\t应发布日期\t情况\t标题\n");
	for (i = 0; i < l.n; i++)
		printf("%lld\t%s\t%s\t%s%ld 个工作日\t%s\n", (long long)l.v[i].id,
		    l.v[i].index_no, l.v[i].due_date,
		    l.v[i].status == TIMELINESS_OVERDUE ? "已逾期 " : "剩余 ",
		    l.v[i].workdays, l.v[i].title);
	gk_item_dues_free(&l);
	return 0;
}

int
cli_item(int argc, char **argv)
{
	struct gk_db		*db;
	struct gk_item_actor	 ac;
	struct args		 a;
	char			 err[512], now[64];
	int			 rc;

	if (argc < 2)
		return cli_usage_error("item ", "缺少子命令");
	if (cli_is_help(argv[1])) {
		fputs(item_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "attach") == 0 || strcmp(argv[1], "attachments") == 0 ||
	    strcmp(argv[1], "detach") == 0 || strcmp(argv[1], "download") == 0)
		return cli_item_attach(argc, argv);
	if (strcmp(argv[1], "link") == 0 || strcmp(argv[1], "unlink") == 0)
		return cli_item_link(argc, argv);
	if ((rc = item_parse(argc - 1, argv + 1, &a)) >= 0)
		return rc;
	cli_now(now, sizeof(now));
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (strcmp(a.sub->name, "list") == 0)
		rc = item_list_cmd(db, &a);
	else if (strcmp(a.sub->name, "show") == 0)
		rc = item_show(db, &a);
	else if (strcmp(a.sub->name, "overdue") == 0)
		rc = item_overdue_cmd(db, &a, now);
	else if ((rc = item_actor(db, a.v[O_AS], &ac)) == 0) {
		if (a.sub->action >= 0)
			rc = item_act(db, &a, &ac, now);
		else
			rc = item_new_edit(db, &a, &ac, now);
	}
	gk_db_close(db);
	return rc;
}
