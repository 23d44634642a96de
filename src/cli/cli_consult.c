/*
 * cli_consult.c — `gongkai consult list|show|answer|publish|reject`: the
 * officer's side of 留言咨询 (questions arrive through the portal's form,
 * /consult/{agency_id}). A thin layer over src/store/consultation.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/date.h"
#include "core/mask.h"
#include "store/consultation.h"
#include "store/db.h"

#define CONSULT_FILE_MAX	((size_t)256 * 1024)

static const char consult_usage[] =
"用法: gongkai [--db PATH] consult COMMAND [OPTIONS]\n"
"\n"
"留言咨询：公众在门户网站 /consult/机构编号 提交的留言，经审核、答复后公开。\n"
"状态：待处理 → 已答复（未公开） → 已公开；待处理 → 不予公开。已答复未公开的可以重新答复；\n"
"已公开、不予公开的不能再更改。\n"
"\n"
"命令:\n"
"  list --agency ID [--state S] [--limit N] [--offset N]\n"
"        列出留言（提交时间新的在前），姓名遮蔽，不显示联系方式。S 为 pending 待处理、\n"
"        answered 已答复、published 已公开、rejected 不予公开 之一；每页默认 50 条\n"
"  show ID\n"
"        留言的全部内容，含姓名、电话、电子邮件和答复\n"
"  answer ID (--text TEXT | --file PATH) [--date DATE]\n"
"        答复（或在公开前修改答复）。DATE 为答复日期，默认今天；不得早于留言日期。\n"
"        --file - 从标准输入读取答复内容（至多 10000 字）\n"
"  publish ID\n"
"        公开已答复的留言：留言、答复及用时（工作日）出现在门户网站；\n"
"        姓名和联系方式从不公开\n"
"  reject ID --reason TEXT\n"
"        对待处理的留言作不予公开处理（须写明理由，至多 500 字）\n"
"\n"
"选项:\n"
"  --as LOGIN   操作人；未指定时取 $GONGKAI_ACTOR，否则为 cli:$USER。操作人是某用户的\n"
"               登录名时，须为该机构的信息公开工作人员、政务公开办或系统管理员\n"
"               （查看时也可为上级机构的）\n"
"  -h, --help   显示本帮助\n"
"日期格式为 YYYY-MM-DD。时间取 $GONGKAI_NOW（ISO 8601），否则为当前时间。\n"
"每次变更都写入审计链（姓名、电话、电子邮件遮蔽）。\n"
"\n"
"退出码：0 成功；1 被拒绝（状态不允许、日期不合、无权操作）或数据库错误；2 用法错误。\n";

enum opt { O_AS, O_AGENCY, O_STATE, O_LIMIT, O_OFFSET, O_TEXT, O_FILE, O_DATE, O_REASON,
	O__MAX };

static const char *const opt_names[O__MAX] = {
	"--as", "--agency", "--state", "--limit", "--offset", "--text", "--file", "--date",
	"--reason",
};

#define B(o)	(1u << (o))

enum sub { S_LIST, S_SHOW, S_ANSWER, S_PUBLISH, S_REJECT };

static const struct {
	const char	*name;
	int		 takes_id;
	unsigned	 allowed;
} subs[] = {
	[S_LIST] = { "list", 0, B(O_AS) | B(O_AGENCY) | B(O_STATE) | B(O_LIMIT) | B(O_OFFSET) },
	[S_SHOW] = { "show", 1, B(O_AS) },
	[S_ANSWER] = { "answer", 1, B(O_AS) | B(O_TEXT) | B(O_FILE) | B(O_DATE) },
	[S_PUBLISH] = { "publish", 1, B(O_AS) },
	[S_REJECT] = { "reject", 1, B(O_AS) | B(O_REASON) },
};

static void
print_date(const char *label, int32_t d)
{
	char s[GK_DATE_LEN];

	if (d == GK_DATE_NONE)
		return;
	gk_date_format(d, s);
	printf("%s：%s\n", label, s);
}

static void
show(const struct gk_consult *c)
{
	char code[GK_CONSULT_CODE_LEN + 1];

	gk_strlcpy_utf8(code, c->code, sizeof(code));
	printf("留言 %lld（机构 %lld）：%s\n", (long long)c->id, (long long)c->agency_id,
	    gk_consult_state_label(c->state));
	printf("编号：%s\n", code);
	printf("提交时间：%s\n", c->asked_at);
	printf("姓名：%s\n", c->name);
	printf("电话：%s\n", c->phone[0] ? c->phone : "-");
	printf("电子邮件：%s\n", c->email[0] ? c->email : "-");
	printf("标题：%s\n", c->title);
	printf("留言：\n%s\n", c->question);
	if (c->state == GK_CONSULT_ANSWERED || c->state == GK_CONSULT_PUBLISHED) {
		print_date("答复日期", c->answered);
		printf("答复人：%s\n", c->answered_by);
		printf("答复：\n%s\n", c->answer);
	}
	if (c->state == GK_CONSULT_PUBLISHED)
		printf("公开时间：%s\n", c->published_at);
	if (c->state == GK_CONSULT_REJECTED)
		printf("不予公开的理由：%s\n", c->reject_reason);
}

static int
list(struct gk_db *db, const char *actor, const struct gk_consult_filter *f)
{
	struct gk_consult_list	 l;
	char			 err[1024], d1[GK_DATE_LEN], d2[GK_DATE_LEN], *name;
	size_t			 i;

	if (gk_consult_list(db, actor, f, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (l.n == 0)
		printf("没有符合条件的留言\n");
	for (i = 0; i < l.n; i++) {
		const struct gk_consult *c = &l.v[i];

		gk_date_format(c->asked, d1);
		if (c->answered != GK_DATE_NONE)
			gk_date_format(c->answered, d2);
		else
			snprintf(d2, sizeof(d2), "-");
		if ((name = gk_mask_dup(GK_MASK_NAME, c->name)) == NULL) {
			gk_consult_list_free(&l);
			fprintf(stderr, "gongkai: 内存不足\n");
			return 1;
		}
		printf("%lld\t%s\t%s\t%s\t%s\t%s\n", (long long)c->id,
		    gk_consult_state_label(c->state), d1, d2, name, c->title);
		gk_free(name);
	}
	if (l.total > f->offset + l.n)
		printf("（共 %zu 条，已显示第 %zu 至 %zu 条；用 --offset %zu 查看后续）\n", l.total,
		    f->offset + 1, f->offset + l.n, f->offset + l.n);
	gk_consult_list_free(&l);
	return 0;
}

int
cli_consult(int argc, char **argv)
{
	const char			*v[O__MAX];
	struct gk_db			*db;
	struct gk_consult		 c;
	struct gk_consult_filter	 f = { 0, -1, 0, 0 };
	enum gk_consult_state		 st;
	char				 err[1024], now[64], actor[128], *text = NULL;
	int64_t				 id = 0;
	int32_t				 date = GK_DATE_NONE;
	long long			 n;
	size_t				 k, len;
	int				 sub = -1, o, j, rc;
	enum gk_err			 e;

	if (argc < 2)
		return cli_usage_error("consult ", "缺少子命令");
	if (cli_is_help(argv[1])) {
		fputs(consult_usage, stdout);
		return 0;
	}
	for (k = 0; k < sizeof(subs) / sizeof(subs[0]); k++)
		if (strcmp(argv[1], subs[k].name) == 0)
			sub = (int)k;
	if (sub < 0)
		return cli_usage_error("consult ", "未知的子命令 '%s'", argv[1]);
	memset(v, 0, sizeof(v));
	for (j = 2; j < argc; j++) {
		if (cli_is_help(argv[j])) {
			fputs(consult_usage, stdout);
			return 0;
		}
		if (argv[j][0] == '-' && argv[j][1] == '-') {
			for (o = 0; o < O__MAX; o++)
				if (strcmp(argv[j], opt_names[o]) == 0)
					break;
			if (o == O__MAX || !(subs[sub].allowed & B(o)))
				return cli_usage_error("consult ", "consult %s 不接受选项 '%s'",
				    subs[sub].name, argv[j]);
			if (j + 1 >= argc)
				return cli_usage_error("consult ", "%s 需要一个值", argv[j]);
			v[o] = argv[++j];
		} else if (subs[sub].takes_id && id == 0) {
			if (!cli_parse_id(argv[j], &id))
				return cli_usage_error("consult ", "留言编号须为正整数，而不是 '%s'",
				    argv[j]);
		} else
			return cli_usage_error("consult ", "多余的参数 '%s'", argv[j]);
	}
	if (subs[sub].takes_id && id == 0)
		return cli_usage_error("consult ", "consult %s 缺少留言编号 ID", subs[sub].name);
	if (sub == S_LIST) {
		if (v[O_AGENCY] == NULL || !cli_parse_id(v[O_AGENCY], &f.agency_id))
			return cli_usage_error("consult ", "consult list 需要 --agency ID（正整数）");
		if (v[O_STATE] != NULL) {
			if (!gk_consult_state_from_name(v[O_STATE], &st))
				return cli_usage_error("consult ", "--state 须为 pending、answered、"
				    "published、rejected 之一，而不是 '%s'", v[O_STATE]);
			f.state = (int)st;
		}
		if (v[O_LIMIT] != NULL) {
			if (!cli_parse_int(v[O_LIMIT], 1, 1000, &n))
				return cli_usage_error("consult ", "--limit 须为 1 至 1000 的整数");
			f.limit = (size_t)n;
		}
		if (v[O_OFFSET] != NULL) {
			if (!cli_parse_int(v[O_OFFSET], 0, 1000000000, &n))
				return cli_usage_error("consult ", "--offset 须为非负整数");
			f.offset = (size_t)n;
		}
	}
	if (sub == S_ANSWER) {
		if ((v[O_TEXT] == NULL) == (v[O_FILE] == NULL))
			return cli_usage_error("consult ", "consult answer 需要 --text TEXT 或"
			    " --file PATH（二者选一）");
		if (v[O_DATE] != NULL && gk_date_parse(v[O_DATE], strlen(v[O_DATE]),
		    &date) != GK_OK)
			return cli_usage_error("consult ", "--date 须为 YYYY-MM-DD 格式的日期，"
			    "而不是 '%s'", v[O_DATE]);
	}
	if (sub == S_REJECT && v[O_REASON] == NULL)
		return cli_usage_error("consult ", "consult reject 需要 --reason TEXT");
	cli_now(now, sizeof(now));
	if (date == GK_DATE_NONE && sub == S_ANSWER &&
	    gk_date_parse(now, strlen(now) < 10 ? strlen(now) : 10, &date) != GK_OK) {
		fprintf(stderr, "gongkai: 无法读取当前日期 '%s'\n", now);
		return 1;
	}
	if (v[O_AS] != NULL)
		gk_strlcpy_utf8(actor, v[O_AS], sizeof(actor));
	else
		cli_actor(actor, sizeof(actor));
	if (sub == S_ANSWER && v[O_FILE] != NULL) {
		if (cli_read_file(v[O_FILE], CONSULT_FILE_MAX, &text, &len) != GK_OK) {
			fprintf(stderr, "gongkai: 无法读取答复文件 '%s'（至多 %zu 字节）\n", v[O_FILE],
			    CONSULT_FILE_MAX);
			return 1;
		}
		/* one trailing new line of the file is not part of the answer */
		if (len > 0 && text[len - 1] == '\n')
			text[--len] = '\0';
		if (strlen(text) != len) {
			gk_free(text);
			fprintf(stderr, "gongkai: 答复文件含有 NUL 字节\n");
			return 1;
		}
	}
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) != GK_OK) {
		gk_free(text);
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	rc = 1;
	switch (sub) {
	case S_LIST:
		rc = list(db, actor, &f);
		break;
	case S_SHOW:
		if ((e = gk_consult_get(db, actor, id, &c, err, sizeof(err))) == GK_OK) {
			show(&c);
			gk_consult_clear(&c);
			rc = 0;
		}
		break;
	case S_ANSWER:
		if ((e = gk_consult_answer(db, actor, id, text != NULL ? text : v[O_TEXT], date,
		    now, err, sizeof(err))) == GK_OK) {
			gk_date_format(date, now);
			printf("留言 %lld 已答复（%s），尚未公开；公开请用 gongkai consult publish %lld\n",
			    (long long)id, now, (long long)id);
			rc = 0;
		}
		break;
	case S_PUBLISH:
		if ((e = gk_consult_publish(db, actor, id, now, err, sizeof(err))) == GK_OK) {
			printf("留言 %lld 已公开\n", (long long)id);
			rc = 0;
		}
		break;
	default:
		if ((e = gk_consult_reject(db, actor, id, v[O_REASON], now, err,
		    sizeof(err))) == GK_OK) {
			printf("留言 %lld 已作不予公开处理\n", (long long)id);
			rc = 0;
		}
		break;
	}
	if (rc != 0 && sub != S_LIST)
		fprintf(stderr, "gongkai: %s\n", err);
	gk_free(text);
	gk_db_close(db);
	return rc;
}
