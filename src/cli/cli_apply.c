/*
 * cli_apply.c — `gongkai apply …`: applications for disclosure (依申请公开):
 * intake with the tracking code, the events of the statutory clock
 * (correct, corrected, consult, consulted, extend, fee, paid, answer,
 * withdraw), lists with personal data masked, one application with its
 * history, the public tracking view, and the overdue list. A thin layer
 * over src/store/application.h; the clock is core/apply.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/apply.h"
#include "core/date.h"
#include "core/fee.h"
#include "core/letter.h"
#include "doc/doc.h"
#include "store/application.h"
#include "store/db.h"

#define APPLY_WINDOW_DEFAULT	5

static const char apply_usage[] =
"用法: gongkai [--db PATH] apply COMMAND [OPTIONS]\n"
"\n"
"依申请公开：登记申请、按工作日计算答复期限（条例第三十条至第三十四条），记录补正、\n"
"征求意见、延期、收费、答复和撤回，列出临近到期和逾期的申请。\n"
"\n"
"命令:\n"
"  new --agency ID --channel C --type T --name N --request TEXT --received DATE\n"
"      [--idno X] [--phone P] [--email E] [--address A] [--delivery TEXT]\n"
"        登记申请（条例第二十九条：姓名或者名称、联系方式、所需信息为必填；\n"
"        联系方式为 --phone、--email、--address 至少一项）。--received 为按渠道\n"
"        确定的收到申请之日（条例第三十一条）。输出申请编号和查询码。\n"
"        C：online 在线申请、in_person 当面提交、post_signed 邮寄（须签收）、\n"
"           post_unsigned 邮寄（无须签收）、fax 传真、email 电子邮件（或中文名称）\n"
"        T：natural 自然人、business 商业企业、research 科研机构、\n"
"           nonprofit 社会公益组织、legal 法律服务机构、other 其他（或中文名称）\n"
"  correct ID --date D --until D2 [--note TEXT]\n"
"        补正告知（收到申请之日起 7 个工作日内、一次性告知，条例第三十条）；\n"
"        D2 为申请人补正的期限\n"
"  corrected ID --date D       收到补正后的申请：答复期限自该日重新计算\n"
"  consult ID --date D [--note WHO]\n"
"        书面征求第三方或其他机关意见（条例第三十二条、第三十四条）：\n"
"        对方答复期间（至多 15 个工作日）不计入答复期限\n"
"  consulted ID --date D [--note TEXT]   收到意见\n"
"  extend ID --days N --approved-by NAME --date D\n"
"        延长答复期限 N 个工作日（合计不超过 20 个，条例第三十三条）；\n"
"        须记录批准延期的政府信息公开工作机构负责人\n"
"  fee ID --date D (--amount YUAN | --items N | --pages N)\n"
"        发出收费通知（信息处理费，国办函〔2020〕109号）：直接给出金额（元），\n"
"        或按件（本申请 N 件，同一申请人当月累计）、按量（N 页）计算；\n"
"        申请人 20 个工作日内缴费。默认自发出通知至缴费之日不计入答复期限\n"
"        （机构设置 apply.fee_pauses_clock）\n"
"  paid ID --date D            申请人已缴费\n"
"  answer ID --outcome O --date D [--note TEXT]\n"
"        答复（办结）。O 为年度报告表三的末级项目之一（如 open 予以公开、\n"
"        partial 部分公开、deny_secret、na_notheld、noproc_repeat、\n"
"        other_nocorrect、other_nofee、other_misc，或其中文名称）\n"
"  withdraw ID --date D [--note TEXT]   申请人撤回申请（计入其他处理）\n"
"  list [--agency ID] [--state S] [--year Y] [--full] [--limit N] [--offset N]\n"
"        列出申请（收到日期新的在前）；个人信息默认遮蔽。S 为 processing、\n"
"        correcting、consulting、fee、closed 之一；Y 为收到申请的年份\n"
"  show ID [--full]   申请的全部内容、答复期限、剩余工作日、状态、\n"
"        事件记录和暂停、重新计时的经过\n"
"  track CODE         按查询码查看办理进度（公众可见的内容，不含个人信息）\n"
"  overdue [--agency ID] [--today DATE] [--window N]\n"
"        未办结且已逾期或 N 个工作日内到期（默认 5）的申请\n"
"  letter ID [--to md|html|docx|pdf] [--out FILE] [--number N] [--proactive]\n"
"      [--part TEXT] [--reasons TEXT] [--where TEXT] [--responsible TEXT]\n"
"        已答复申请的答复告知书（按结果选用文书格式，含救济途径：60 日内申请\n"
"        行政复议、6 个月内提起行政诉讼）。--part 部分公开时提供的部分；\n"
"        --reasons 理由（部分公开、其他法律法规禁止公开、其他处理须填）；\n"
"        --where 获取方式和地点；--responsible 不掌握时负责公开的机关；\n"
"        --proactive 予以公开且已主动公开。行政复议机关取机构设置\n"
"        apply.review_body（默认为上级机构），文号代字取 apply.letter_prefix。\n"
"        docx、pdf 为正式公文版式（docs/documents.md），须用 --out FILE\n"
"        （--output 同 --out）\n"
"\n"
"通用选项:\n"
"  --as LOGIN        操作人；未指定时取 $GONGKAI_ACTOR，否则为 cli:$USER。\n"
"                    操作人是某用户的登录名时，须为该机构的信息公开工作人员（officer）、\n"
"                    政务公开办（office）或系统管理员（admin）；--full 也须如此\n"
"                    （或为其上级机构的这些角色）\n"
"  --calendar FILE   工作日日历；未指定时依次使用 $GONGKAI_CALENDAR、\n"
"                    " GK_CALENDAR_LOCAL "、" GK_CALENDAR_INSTALLED "\n"
"  -h, --help        显示本帮助\n"
"日期格式为 YYYY-MM-DD；晚于今天的日期被拒绝。时间取 $GONGKAI_NOW（ISO 8601），\n"
"否则为当前时间。每次变更都写入审计链（审计记录中的身份证明号码、电话等已遮蔽）。\n"
"\n"
"退出码：0 成功；1 被拒绝（不合法的操作、期限、结果，无权操作）或数据库错误；\n"
"        2 用法错误。\n";

enum opt {
	O_AS, O_AGENCY, O_CHANNEL, O_TYPE, O_NAME, O_IDNO, O_PHONE, O_EMAIL,
	O_ADDRESS, O_REQUEST, O_DELIVERY, O_RECEIVED, O_DATE, O_UNTIL, O_NOTE,
	O_DAYS, O_APPROVED_BY, O_AMOUNT, O_ITEMS, O_PAGES, O_OUTCOME, O_STATE,
	O_YEAR, O_FULL, O_LIMIT, O_OFFSET, O_TODAY, O_WINDOW, O_CALENDAR, O_TO,
	O_PROACTIVE, O_PART, O_REASONS, O_WHERE, O_RESPONSIBLE, O_NUMBER, O_OUTPUT,
	O_OUT, O__MAX
};

static const char *const opt_names[O__MAX] = {
	"--as", "--agency", "--channel", "--type", "--name", "--idno", "--phone",
	"--email", "--address", "--request", "--delivery", "--received", "--date",
	"--until", "--note", "--days", "--approved-by", "--amount", "--items",
	"--pages", "--outcome", "--state", "--year", "--full", "--limit", "--offset",
	"--today", "--window", "--calendar", "--to", "--proactive", "--part",
	"--reasons", "--where", "--responsible", "--number", "--output", "--out",
};

#define B(o)	(1ul << (o))
#define ACT	(B(O_AS) | B(O_DATE) | B(O_CALENDAR))

enum cmd {
	C_NEW, C_EVENT, C_LIST, C_SHOW, C_TRACK, C_OVERDUE, C_LETTER,
};

struct sub {
	const char	*name;
	enum cmd	 cmd;
	int		 ev;		/* enum apply_ev for C_EVENT */
	unsigned long	 allowed;
};

static const struct sub subs[] = {
	{ "new", C_NEW, -1, B(O_AS) | B(O_AGENCY) | B(O_CHANNEL) | B(O_TYPE) |
	    B(O_NAME) | B(O_IDNO) | B(O_PHONE) | B(O_EMAIL) | B(O_ADDRESS) |
	    B(O_REQUEST) | B(O_DELIVERY) | B(O_RECEIVED) | B(O_CALENDAR) },
	{ "correct", C_EVENT, APPLY_EV_CORRECT, ACT | B(O_UNTIL) | B(O_NOTE) },
	{ "corrected", C_EVENT, APPLY_EV_CORRECTED, ACT | B(O_NOTE) },
	{ "consult", C_EVENT, APPLY_EV_CONSULT, ACT | B(O_NOTE) },
	{ "consulted", C_EVENT, APPLY_EV_CONSULTED, ACT | B(O_NOTE) },
	{ "extend", C_EVENT, APPLY_EV_EXTEND, ACT | B(O_DAYS) | B(O_APPROVED_BY) },
	{ "fee", C_EVENT, APPLY_EV_FEE, ACT | B(O_AMOUNT) | B(O_ITEMS) | B(O_PAGES) |
	    B(O_NOTE) },
	{ "paid", C_EVENT, APPLY_EV_PAID, ACT | B(O_NOTE) },
	{ "answer", C_EVENT, APPLY_EV_ANSWER, ACT | B(O_OUTCOME) | B(O_NOTE) },
	{ "withdraw", C_EVENT, APPLY_EV_WITHDRAW, ACT | B(O_NOTE) },
	{ "list", C_LIST, -1, B(O_AS) | B(O_AGENCY) | B(O_STATE) | B(O_YEAR) |
	    B(O_FULL) | B(O_LIMIT) | B(O_OFFSET) },
	{ "show", C_SHOW, -1, B(O_AS) | B(O_FULL) | B(O_CALENDAR) },
	{ "track", C_TRACK, -1, B(O_CALENDAR) | B(O_TODAY) },
	{ "overdue", C_OVERDUE, -1, B(O_AGENCY) | B(O_TODAY) | B(O_WINDOW) | B(O_CALENDAR) },
	{ "letter", C_LETTER, -1, B(O_AS) | B(O_TO) | B(O_PROACTIVE) | B(O_PART) |
	    B(O_REASONS) | B(O_WHERE) | B(O_RESPONSIBLE) | B(O_NUMBER) | B(O_OUTPUT) | B(O_OUT) },
};

struct args {
	const struct sub	*sub;
	int64_t			 id;
	const char		*code;	/* track */
	const char		*v[O__MAX];
};

/* Returns -1 when parsed, else the exit status (0 for --help, 2 bad usage). */
static int
apply_parse(int argc, char **argv, struct args *a)
{
	size_t	 k;
	int	 i, o, takes_id;

	memset(a, 0, sizeof(*a));
	for (k = 0; k < sizeof(subs) / sizeof(subs[0]); k++)
		if (strcmp(argv[0], subs[k].name) == 0)
			a->sub = &subs[k];
	if (a->sub == NULL)
		return cli_usage_error("apply ", "未知的子命令 '%s'", argv[0]);
	takes_id = a->sub->cmd == C_EVENT || a->sub->cmd == C_SHOW ||
	    a->sub->cmd == C_LETTER;
	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(apply_usage, stdout);
			return 0;
		}
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			for (o = 0; o < O__MAX; o++)
				if (strcmp(argv[i], opt_names[o]) == 0)
					break;
			if (o == O__MAX || !(a->sub->allowed & B(o)))
				return cli_usage_error("apply ", "apply %s 不接受选项 '%s'",
				    a->sub->name, argv[i]);
			if (o == O_FULL || o == O_PROACTIVE) {
				a->v[o] = "1";
				continue;
			}
			if (i + 1 >= argc)
				return cli_usage_error("apply ", "%s 需要一个值", argv[i]);
			a->v[o] = argv[++i];
		} else if (takes_id && a->id == 0) {
			if (!cli_parse_id(argv[i], &a->id))
				return cli_usage_error("apply ", "申请编号须为正整数，而不是 '%s'",
				    argv[i]);
		} else if (a->sub->cmd == C_TRACK && a->code == NULL)
			a->code = argv[i];
		else
			return cli_usage_error("apply ", "多余的参数 '%s'", argv[i]);
	}
	if (takes_id && a->id == 0)
		return cli_usage_error("apply ", "apply %s 缺少申请编号 ID", a->sub->name);
	if (a->sub->cmd == C_TRACK && a->code == NULL)
		return cli_usage_error("apply ", "apply track 缺少查询码 CODE");
	return -1;
}

/* A date option: 1 parsed (or absent and optional), else prints a usage error (2 in *rc). */
static int
opt_date(const struct args *a, enum opt o, int required, int32_t *d, int *rc)
{
	*d = GK_DATE_NONE;
	if (a->v[o] == NULL) {
		if (!required)
			return 1;
		*rc = cli_usage_error("apply ", "apply %s 缺少 %s DATE", a->sub->name,
		    opt_names[o]);
		return 0;
	}
	if (gk_date_parse(a->v[o], strlen(a->v[o]), d) != GK_OK) {
		*rc = cli_usage_error("apply ", "%s 须为 YYYY-MM-DD 格式的日期，而不是 '%s'",
		    opt_names[o], a->v[o]);
		return 0;
	}
	return 1;
}

/* "300", "300.5", "300.50" 元 to 分; 0 when malformed. */
static int
parse_yuan(const char *s, int64_t *fen)
{
	long long	 y = 0;
	int		 i, frac = 0, digits = 0;
	const char	*p = s;

	if (*p == '\0')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (y > 100000000LL)
			return 0;
		y = y * 10 + (*p - '0');
		digits++;
	}
	if (digits == 0)
		return 0;
	if (*p == '.') {
		p++;
		for (i = 0; i < 2 && *p >= '0' && *p <= '9'; i++, p++)
			frac = frac * 10 + (*p - '0');
		if (i == 0)
			return 0;
		if (i == 1)
			frac *= 10;
	}
	if (*p != '\0')
		return 0;
	*fen = (int64_t)y * 100 + frac;
	return 1;
}

static const char *
date_str(int32_t d, char buf[GK_DATE_LEN])
{
	gk_date_format(d, buf);
	return buf;
}

/* The database, opened on first use (after the options are checked); NULL when it cannot be. */
static struct gk_db *
apply_db(struct gk_db **dbp)
{
	char err[1024];

	if (*dbp == NULL && gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, dbp, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		*dbp = NULL;
	}
	return *dbp;
}

/* Opens the calendar (with the notices stored in db); 0 or the exit status. */
static int
apply_calendar(struct gk_db *db, const struct args *a, struct calendar *cal)
{
	return cli_calendar_open_db(cli_calendar_path(a->v[O_CALENDAR]), db, cal) == 0 ? 0 : 1;
}

static int
apply_new(struct gk_db **dbp, const struct args *a, const char *actor, const char *now)
{
	struct gk_apply_intake	 in;
	struct gk_db		*db;
	struct gk_apply		 ap;
	struct calendar		 cal;
	char			 err[1024], code[GK_APPLY_CODE_LEN + 1], d[GK_DATE_LEN];
	int64_t			 agency, id;
	int			 rc = 2;

	memset(&in, 0, sizeof(in));
	if (a->v[O_AGENCY] == NULL || !cli_parse_id(a->v[O_AGENCY], &agency))
		return cli_usage_error("apply ", a->v[O_AGENCY] == NULL ?
		    "apply new 缺少 --agency ID" : "--agency 需要正整数编号");
	if (a->v[O_CHANNEL] == NULL || !apply_channel_from_name(a->v[O_CHANNEL], &in.channel))
		return cli_usage_error("apply ", "apply new 需要 --channel：online、in_person、"
		    "post_signed、post_unsigned、fax、email 之一");
	if (a->v[O_TYPE] == NULL || !apply_applicant_from_name(a->v[O_TYPE], &in.type))
		return cli_usage_error("apply ", "apply new 需要 --type：natural、business、"
		    "research、nonprofit、legal、other 之一");
	if (a->v[O_NAME] == NULL || a->v[O_REQUEST] == NULL)
		return cli_usage_error("apply ", "apply new 需要 --name 和 --request");
	if (!opt_date(a, O_RECEIVED, 1, &in.received, &rc))
		return rc;
	in.name = a->v[O_NAME];
	in.idno = a->v[O_IDNO];
	in.phone = a->v[O_PHONE];
	in.email = a->v[O_EMAIL];
	in.address = a->v[O_ADDRESS];
	in.request = a->v[O_REQUEST];
	in.delivery = a->v[O_DELIVERY];
	if ((db = apply_db(dbp)) == NULL || apply_calendar(db, a, &cal) != 0)
		return 1;
	rc = 1;
	if (gk_apply_new(db, actor, agency, &in, &cal, now, &id, code, err,
	    sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else if (gk_apply_get(db, actor, id, 0, &cal, now, &ap, err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		printf("已登记申请 %lld，查询码 %s\n", (long long)id, code);
		printf("收到申请之日 %s（%s）\n", date_str(in.received, d),
		    apply_channel_receipt_rule(in.channel));
		printf("答复期限 %s（收到申请之日起 20 个工作日内，条例第三十三条；"
		    "剩余 %ld 个工作日）\n", date_str(ap.status.due, d), ap.status.days_left);
		gk_apply_clear(&ap);
		rc = 0;
	}
	calendar_clear(&cal);
	return rc;
}

static int
apply_event_cmd(struct gk_db **dbp, const struct args *a, const char *actor,
    const char *now)
{
	struct apply_event	 ev;
	struct gk_db		*db = NULL;
	struct gk_apply		 ap;
	struct calendar		 cal;
	struct gk_buf		 explain;
	enum apply_refusal	 why;
	const char		*note = a->v[O_NOTE];
	char			 err[1024], d[GK_DATE_LEN], y[FEE_YUAN_LEN];
	long long		 v = 0;
	int			 rc = 2, nmeth;

	memset(&ev, 0, sizeof(ev));
	gk_buf_init(&explain, 64 * 1024);
	ev.kind = (enum apply_ev)a->sub->ev;
	ev.until = GK_DATE_NONE;
	if (!opt_date(a, O_DATE, 1, &ev.date, &rc))
		return rc;
	switch (ev.kind) {
	case APPLY_EV_CORRECT:
		if (!opt_date(a, O_UNTIL, 1, &ev.until, &rc))
			return rc;
		break;
	case APPLY_EV_EXTEND:
		if (a->v[O_DAYS] == NULL || !cli_parse_int(a->v[O_DAYS], 1, 20, &v))
			return cli_usage_error("apply ", "apply extend 需要 --days N（1 至 20）");
		ev.days = (int)v;
		if (a->v[O_APPROVED_BY] == NULL)
			return cli_usage_error("apply ", "apply extend 需要 --approved-by NAME"
			    "（批准延期的政府信息公开工作机构负责人，条例第三十三条）");
		note = a->v[O_APPROVED_BY];
		break;
	case APPLY_EV_ANSWER:
		if (a->v[O_OUTCOME] == NULL ||
		    !apply_outcome_from_name(a->v[O_OUTCOME], &ev.outcome))
			return cli_usage_error("apply ", a->v[O_OUTCOME] == NULL ?
			    "apply answer 缺少 --outcome O" :
			    "答复结果 '%s' 不是年度报告表三的末级项目（见 gongkai apply --help）",
			    a->v[O_OUTCOME]);
		break;
	case APPLY_EV_FEE:
		nmeth = (a->v[O_AMOUNT] != NULL) + (a->v[O_ITEMS] != NULL) +
		    (a->v[O_PAGES] != NULL);
		if (nmeth != 1)
			return cli_usage_error("apply ", "apply fee 需要 --amount、--items、--pages "
			    "三者之一（不得同时按件和按量收费，国办函〔2020〕109号第三条）");
		if (a->v[O_AMOUNT] != NULL && !parse_yuan(a->v[O_AMOUNT], &ev.amount))
			return cli_usage_error("apply ", "--amount 须为金额（元，至多两位小数），"
			    "而不是 '%s'", a->v[O_AMOUNT]);
		if ((a->v[O_ITEMS] != NULL && !cli_parse_int(a->v[O_ITEMS], 1, FEE_ITEMS_MAX, &v)) ||
		    (a->v[O_PAGES] != NULL && !cli_parse_int(a->v[O_PAGES], 1, FEE_PAGES_MAX, &v)))
			return cli_usage_error("apply ", "--items / --pages 须为正整数");
		if (a->v[O_AMOUNT] == NULL && ((db = apply_db(dbp)) == NULL ||
		    gk_apply_fee_quote(db, a->id,
		    a->v[O_ITEMS] != NULL ? FEE_PER_ITEM : FEE_PER_VOLUME, (long)v,
		    &ev.amount, &explain, err, sizeof(err)) != GK_OK)) {
			if (db != NULL)
				fprintf(stderr, "gongkai: %s\n", err);
			gk_buf_clear(&explain);
			return 1;
		}
		if (ev.amount <= 0) {
			fprintf(stderr, "gongkai: %s应收费用为 0，不发收费通知\n",
			    explain.data != NULL ? explain.data : "");
			gk_buf_clear(&explain);
			return 1;
		}
		break;
	default:
		break;
	}
	if ((db == NULL && (db = apply_db(dbp)) == NULL) || apply_calendar(db, a, &cal) != 0) {
		gk_buf_clear(&explain);
		return 1;
	}
	rc = 1;
	if (gk_apply_act(db, actor, a->id, &ev, note, now, &cal, &why, err,
	    sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s%s\n", why != APPLY_R_OK ? "操作被拒绝：" : "", err);
	else if (gk_apply_get(db, actor, a->id, 0, &cal, now, &ap, err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		printf("申请 %lld：已记录%s（%s）", (long long)a->id, apply_ev_label(ev.kind),
		    date_str(ev.date, d));
		if (ev.kind == APPLY_EV_FEE) {
			fee_format_yuan(ev.amount, y);
			printf("，金额 %s", y);
		}
		printf("；状态 %s", apply_phase_label(ap.status.phase));
		if (ap.status.phase == APPLY_PH_CLOSED)
			printf("，结果 %s", apply_outcomes[ap.status.outcome].label);
		else if (ap.status.due != GK_DATE_NONE)
			printf("，答复期限 %s", date_str(ap.status.due, d));
		printf("\n");
		if (explain.data != NULL)
			printf("%s\n", explain.data);
		gk_apply_clear(&ap);
		rc = 0;
	}
	gk_buf_clear(&explain);
	calendar_clear(&cal);
	return rc;
}

static int
apply_list_cmd(struct gk_db **dbp, const struct args *a, const char *actor)
{
	struct gk_apply_filter	 f;
	struct gk_db		*db;
	struct gk_apply_list	 l;
	char			 err[1024], d1[GK_DATE_LEN], d2[GK_DATE_LEN];
	long long		 v;
	size_t			 i;
	int			 p;

	memset(&f, 0, sizeof(f));
	f.phase = -1;
	if (a->v[O_AGENCY] != NULL && !cli_parse_id(a->v[O_AGENCY], &f.agency_id))
		return cli_usage_error("apply ", "--agency 需要正整数编号");
	if (a->v[O_STATE] != NULL) {
		for (p = 1; p < APPLY_PH__MAX; p++)
			if (strcmp(a->v[O_STATE], apply_phase_name((enum apply_phase)p)) == 0 ||
			    strcmp(a->v[O_STATE], apply_phase_label((enum apply_phase)p)) == 0)
				break;
		if (p == APPLY_PH__MAX)
			return cli_usage_error("apply ", "--state 须为 processing、correcting、"
			    "consulting、fee、closed 之一");
		f.phase = p;
	}
	if (a->v[O_YEAR] != NULL) {
		if (!cli_parse_int(a->v[O_YEAR], 1, 9998, &v))
			return cli_usage_error("apply ", "--year 须为年份");
		f.year = (int)v;
	}
	if (a->v[O_LIMIT] != NULL) {
		if (!cli_parse_int(a->v[O_LIMIT], 1, 1000, &v))
			return cli_usage_error("apply ", "--limit 须为 1 至 1000");
		f.limit = (size_t)v;
	}
	if (a->v[O_OFFSET] != NULL) {
		if (!cli_parse_int(a->v[O_OFFSET], 0, 1000000000, &v))
			return cli_usage_error("apply ", "--offset 须为非负整数");
		f.offset = (size_t)v;
	}
	f.full = a->v[O_FULL] != NULL;
	if ((db = apply_db(dbp)) == NULL)
		return 1;
	if (gk_apply_list(db, actor, &f, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (l.n == 0)
		printf("没有符合条件的申请\n");
	for (i = 0; i < l.n; i++) {
		const struct gk_apply *x = &l.v[i];

		printf("%lld\t%s\t机构%lld\t%s\t%s\t%s（%s）\t%s\t", (long long)x->id,
		    x->code, (long long)x->agency_id, date_str(x->received, d1),
		    apply_channel_label(x->channel), x->name, apply_applicant_label(x->type),
		    apply_phase_label(x->phase));
		if (x->closed_ok)
			printf("%s %s\n", date_str(x->closed, d2), apply_outcomes[x->outcome].label);
		else
			printf("答复期限 %s\n", date_str(x->due, d2));
		if (f.full)
			printf("\t身份证明 %s\t电话 %s\t电子邮件 %s\t地址 %s\n", x->idno, x->phone,
			    x->email, x->address);
	}
	gk_apply_list_free(&l);
	return 0;
}

static const char *
pause_label(enum apply_ev why)
{
	switch (why) {
	case APPLY_EV_CORRECT:
		return "补正（答复期限自收到补正之日重新计算，条例第三十条）";
	case APPLY_EV_CONSULT:
		return "征求意见（不计入答复期限，条例第三十二条、第三十四条）";
	case APPLY_EV_FEE:
		return "缴费（自收费通知至缴费之日不计入答复期限，机构设置）";
	default:
		return apply_ev_label(why);
	}
}

/* clock_ok 0: the replay stopped early (a calendar gap), so no days left or late. */
static void
print_status(const struct apply_status *s, int clock_ok)
{
	char	 d[GK_DATE_LEN], e[GK_DATE_LEN];
	size_t	 i;

	printf("状态：%s\n", apply_phase_label(s->phase));
	if (s->phase == APPLY_PH_CLOSED) {
		printf("办结：%s，%s（依据：%s）%s%s\n", date_str(s->closed, d),
		    apply_outcomes[s->outcome].label, apply_outcomes[s->outcome].basis,
		    s->late ? "，超过答复期限" : "", s->immediate ? "，当场答复" : "");
		printf("答复期限：%s\n", date_str(s->due, d));
	} else if (s->due != GK_DATE_NONE) {
		printf("答复期限：%s", date_str(s->due, d));
		if (!clock_ok)
			printf("（剩余或逾期的工作日无法计算）\n");
		else if (s->late)
			printf("（已逾期 %ld 个工作日）\n", -s->days_left);
		else
			printf("（剩余 %ld 个工作日）\n", s->days_left);
	}
	if (s->start != GK_DATE_NONE && s->start != s->received)
		printf("计时起点：%s（收到补正后的申请）\n", date_str(s->start, d));
	if (s->extended > 0)
		printf("已延长：%d 个工作日\n", s->extended);
	if (s->phase == APPLY_PH_CORRECTING)
		printf("补正期限：%s\n", date_str(s->correct_until, d));
	if (s->phase == APPLY_PH_CONSULTING)
		printf("征求意见答复期限：%s\n", date_str(s->consult_until, d));
	if (s->phase == APPLY_PH_FEE)
		printf("缴费期限：%s\n", date_str(s->pay_until, d));
	if (s->npauses > 0) {
		printf("暂停与重新计时：\n");
		for (i = 0; i < s->npauses; i++) {
			if (s->pauses[i].to == GK_DATE_NONE)
				printf("  %s 起（尚未结束）：%s\n", date_str(s->pauses[i].from, d),
				    pause_label(s->pauses[i].why));
			else
				printf("  %s 至 %s：%s\n", date_str(s->pauses[i].from, d),
				    date_str(s->pauses[i].to, e), pause_label(s->pauses[i].why));
		}
	}
}

static int
apply_show_cmd(struct gk_db **dbp, const struct args *a, const char *actor,
    const char *now)
{
	struct gk_apply	 ap;
	struct gk_db	*db;
	struct calendar	 cal;
	char		 err[1024], d[GK_DATE_LEN], u[GK_DATE_LEN], y[FEE_YUAN_LEN];
	size_t		 i;
	int		 rc = 1;

	if ((db = apply_db(dbp)) == NULL || apply_calendar(db, a, &cal) != 0)
		return 1;
	if (gk_apply_get(db, actor, a->id, a->v[O_FULL] != NULL, &cal, now, &ap, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		goto out;
	}
	printf("申请 %lld\t查询码 %s\t机构 %lld\n", (long long)ap.id, ap.code,
	    (long long)ap.agency_id);
	printf("渠道：%s；收到申请之日：%s（%s）\n", apply_channel_label(ap.channel),
	    date_str(ap.received, d), apply_channel_receipt_rule(ap.channel));
	printf("申请人：%s（%s）%s\n", ap.name, apply_applicant_label(ap.type),
	    ap.full ? "" : "（个人信息已遮蔽，--full 显示全部）");
	if (ap.idno[0] != '\0')
		printf("身份证明：%s\n", ap.idno);
	if (ap.phone[0] != '\0')
		printf("电话：%s\n", ap.phone);
	if (ap.email[0] != '\0')
		printf("电子邮件：%s\n", ap.email);
	if (ap.address[0] != '\0')
		printf("通信地址：%s\n", ap.address);
	printf("所需信息：%s\n", ap.request);
	if (ap.delivery[0] != '\0')
		printf("获取方式：%s\n", ap.delivery);
	if (ap.replay_err[0] != '\0')
		printf("注意：无法按现有事件计算期限（%s）；以下为计算到出错之前的状态\n",
		    ap.replay_err);
	print_status(&ap.status, ap.replay_err[0] == '\0');
	printf("事件记录：\n");
	for (i = 0; i < ap.nevents; i++) {
		const struct apply_event *e = &ap.events[i].ev;

		printf("  %zu. %s %s", i + 1, date_str(e->date, d), apply_ev_label(e->kind));
		if (e->kind == APPLY_EV_CORRECT)
			printf("，补正期限 %s", date_str(e->until, u));
		if (e->kind == APPLY_EV_EXTEND)
			printf(" %d 个工作日，批准人 %s", e->days, ap.events[i].note);
		if (e->kind == APPLY_EV_FEE) {
			fee_format_yuan(e->amount, y);
			printf(" %s", y);
		}
		if (e->kind == APPLY_EV_ANSWER && (unsigned)e->outcome < APPLY_OUT__MAX)
			printf("：%s", apply_outcomes[e->outcome].label);
		if (e->kind != APPLY_EV_EXTEND && ap.events[i].note[0] != '\0')
			printf("；%s", ap.events[i].note);
		printf("（%s，%s）\n", ap.events[i].actor, ap.events[i].recorded_at);
	}
	gk_apply_clear(&ap);
	rc = 0;
out:
	calendar_clear(&cal);
	return rc;
}

/* Today: --today DATE, else the date of now. 0 or the exit status. */
static int
apply_today(const struct args *a, const char *now, int32_t *today)
{
	int rc = 2;

	if (a->v[O_TODAY] != NULL)
		return opt_date(a, O_TODAY, 1, today, &rc) ? 0 : rc;
	if (gk_date_parse(now, 10, today) != GK_OK)
		return cli_usage_error("apply ", "$GONGKAI_NOW 不是 ISO 8601 时间");
	return 0;
}

static int
apply_track_cmd(struct gk_db **dbp, const struct args *a, const char *now)
{
	struct gk_apply_public	 p;
	struct gk_db		*db;
	struct calendar		 cal;
	char			 err[1024], d[GK_DATE_LEN];
	int32_t			 today;
	size_t			 i;
	int			 rc;

	if ((rc = apply_today(a, now, &today)) != 0)
		return rc;
	if ((db = apply_db(dbp)) == NULL || apply_calendar(db, a, &cal) != 0)
		return 1;
	rc = 1;
	if (gk_apply_get_by_code(db, a->code, &cal, today, &p, err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		printf("查询码 %s：%s，%s 收到（%s）\n", p.code, p.agency,
		    date_str(p.received, d), apply_channel_label(p.channel));
		print_status(&p.status, 1);
		for (i = 0; i < p.nevents; i++)
			printf("  %s %s\n", date_str(p.dates[i], d), apply_ev_label(p.kinds[i]));
		rc = 0;
	}
	calendar_clear(&cal);
	return rc;
}

static int
apply_overdue_cmd(struct gk_db **dbp, const struct args *a, const char *now)
{
	struct gk_apply_dues	 l;
	struct gk_db		*db;
	struct calendar		 cal;
	char			 err[1024], d[GK_DATE_LEN], r[GK_DATE_LEN];
	long long		 v = APPLY_WINDOW_DEFAULT;
	int64_t			 agency = 0;
	int32_t			 today;
	size_t			 i;
	int			 rc;

	if (a->v[O_AGENCY] != NULL && !cli_parse_id(a->v[O_AGENCY], &agency))
		return cli_usage_error("apply ", "--agency 需要正整数编号");
	if (a->v[O_WINDOW] != NULL && !cli_parse_int(a->v[O_WINDOW], 0, 1000, &v))
		return cli_usage_error("apply ", "--window 须为 0 至 1000 的整数");
	if ((rc = apply_today(a, now, &today)) != 0)
		return rc;
	if ((db = apply_db(dbp)) == NULL || apply_calendar(db, a, &cal) != 0)
		return 1;
	rc = 1;
	if (gk_apply_overdue(db, agency, &cal, today, (int)v, &l, err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		if (l.n == 0)
			printf("没有逾期或 %lld 个工作日内到期的申请（%s）\n", v, date_str(today, d));
		for (i = 0; i < l.n; i++) {
			if (l.v[i].uncovered) {
				printf("%lld\t%s\t机构%lld\t%s\t收到 %s\t答复期限无法计算：%s"
				    "（录入：gongkai calendar set DATE off|work NAME）\n",
				    (long long)l.v[i].id, l.v[i].code,
				    (long long)l.v[i].agency_id, l.v[i].name,
				    date_str(l.v[i].received, r), l.v[i].why);
				continue;
			}
			printf("%lld\t%s\t机构%lld\t%s\t收到 %s\t%s\t答复期限 %s\t",
			    (long long)l.v[i].id, l.v[i].code, (long long)l.v[i].agency_id,
			    l.v[i].name, date_str(l.v[i].received, r),
			    apply_phase_label(l.v[i].phase), date_str(l.v[i].due, d));
			if (l.v[i].late)
				printf("已逾期 %ld 个工作日\n", -l.v[i].days_left);
			else
				printf("剩余 %ld 个工作日\n", l.v[i].days_left);
		}
		gk_apply_dues_free(&l);
		rc = 0;
	}
	calendar_clear(&cal);
	return rc;
}

static int
apply_letter_cmd(struct gk_db **dbp, const struct args *a, const char *actor)
{
	struct gk_apply_letter_opts	 o;
	struct gk_db			*db;
	struct gk_buf			 b, doc;
	const char			*outp = a->v[O_OUT] != NULL ? a->v[O_OUT] : a->v[O_OUTPUT];
	char				 err[1024];
	long long			 n = 0;
	int				 fmt = LETTER_MD, rc = 1;
	enum gk_doc_fmt			 df = GK_DOC_NONE;

	if (a->v[O_TO] != NULL) {
		if (strcmp(a->v[O_TO], "md") == 0)
			fmt = LETTER_MD;
		else if (strcmp(a->v[O_TO], "html") == 0)
			fmt = LETTER_HTML;
		else if ((df = gk_doc_fmt_from_name(a->v[O_TO])) == GK_DOC_DOCX ||
		    df == GK_DOC_PDF)
			fmt = LETTER_HTML;	/* read back by the DOCX/PDF layout */
		else
			return cli_usage_error("apply ", "--to 须为 md、html、docx 或 pdf，而不是 '%s'",
			    a->v[O_TO]);
	}
	if (a->v[O_OUT] != NULL && a->v[O_OUTPUT] != NULL)
		return cli_usage_error("apply ", "--out 与 --output 只能用一个");
	if (df != GK_DOC_NONE && (outp == NULL || strcmp(outp, "-") == 0) &&
	    isatty(STDOUT_FILENO))
		return cli_usage_error("apply ", "%s 是二进制格式，不能输出到终端，请用 --out FILE",
		    a->v[O_TO]);
	if (a->v[O_NUMBER] != NULL && !cli_parse_int(a->v[O_NUMBER], 1, 999999, &n))
		return cli_usage_error("apply ", "--number 须为正整数");
	memset(&o, 0, sizeof(o));
	o.proactive = a->v[O_PROACTIVE] != NULL;
	o.part = a->v[O_PART];
	o.reasons = a->v[O_REASONS];
	o.where = a->v[O_WHERE];
	o.responsible = a->v[O_RESPONSIBLE];
	o.number = (long)n;
	if ((db = apply_db(dbp)) == NULL)
		return 1;
	gk_buf_init(&b, 0);
	gk_buf_init(&doc, 0);
	if (gk_apply_letter(db, actor, a->id, &o, fmt, &b, err, sizeof(err)) != GK_OK ||
	    (df != GK_DOC_NONE && gk_doc_letter_html(b.data, b.len, df, &doc, err,
	    sizeof(err)) != GK_OK))
		fprintf(stderr, "gongkai: %s\n", err);
	else if (df != GK_DOC_NONE ? gk_doc_save(outp, doc.data, doc.len, 1, err,
	    sizeof(err)) != GK_OK : gk_doc_save(outp, b.data != NULL ? b.data : "", b.len, 0,
	    err, sizeof(err)) != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else
		rc = 0;
	gk_buf_clear(&doc);
	gk_buf_clear(&b);
	return rc;
}

int
cli_apply(int argc, char **argv)
{
	struct args	 a;
	struct gk_db	*db = NULL;
	char		 now[64], actor[128];
	int		 rc;

	if (argc < 2)
		return cli_usage_error("apply ", "缺少子命令");
	if (cli_is_help(argv[1])) {
		fputs(apply_usage, stdout);
		return 0;
	}
	if ((rc = apply_parse(argc - 1, argv + 1, &a)) >= 0)
		return rc;
	cli_now(now, sizeof(now));
	if (a.v[O_AS] != NULL)
		gk_strlcpy_utf8(actor, a.v[O_AS], sizeof(actor));
	else
		cli_actor(actor, sizeof(actor));
	switch (a.sub->cmd) {
	case C_NEW:
		rc = apply_new(&db, &a, actor, now);
		break;
	case C_EVENT:
		rc = apply_event_cmd(&db, &a, actor, now);
		break;
	case C_LIST:
		rc = apply_list_cmd(&db, &a, actor);
		break;
	case C_SHOW:
		rc = apply_show_cmd(&db, &a, actor, now);
		break;
	case C_TRACK:
		rc = apply_track_cmd(&db, &a, now);
		break;
	case C_LETTER:
		rc = apply_letter_cmd(&db, &a, actor);
		break;
	default:
		rc = apply_overdue_cmd(&db, &a, now);
		break;
	}
	if (db != NULL)
		gk_db_close(db);
	return rc;
}
