/*
 * cli_attach.c — `gongkai item attach ID FILE [--name NAME] [--as LOGIN]`,
 * `item attachments ID`, `item detach ID ATTACHMENT_ID [--as LOGIN]` and
 * `item download ID ATTACHMENT_ID [-o FILE]`: a thin layer over
 * store/attachment.h, which holds the rules (docs/attachments.md). The
 * usage text is item's (cli_item.c). Exit 0 done, 1 refused or failed,
 * 2 bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "store/attachment.h"
#include "store/db.h"
#include "store/item.h"

enum att_sub { ATT_ATTACH, ATT_LIST, ATT_DETACH, ATT_DOWNLOAD };

struct att_args {
	enum att_sub	 sub;
	const char	*name;		/* attach: --name */
	const char	*as;		/* attach, detach: --as */
	const char	*out;		/* download: -o */
	const char	*file;		/* attach: FILE */
	int64_t		 id;		/* the item */
	int64_t		 aid;		/* detach, download: the attachment */
};

static const char *const att_usage[] = {
	[ATT_ATTACH] = "item attach ID FILE [--name NAME] [--as LOGIN]",
	[ATT_LIST] = "item attachments ID",
	[ATT_DETACH] = "item detach ID ATTACHMENT_ID [--as LOGIN]",
	[ATT_DOWNLOAD] = "item download ID ATTACHMENT_ID [-o FILE]",
};

/* -1 when parsed, else the exit status. */
static int
att_parse(int argc, char **argv, struct att_args *a)
{
	const char	*sub = argv[1], **opt;
	int		 i, npos = 0;

	memset(a, 0, sizeof(*a));
	if (strcmp(sub, "attach") == 0)
		a->sub = ATT_ATTACH;
	else if (strcmp(sub, "attachments") == 0)
		a->sub = ATT_LIST;
	else if (strcmp(sub, "detach") == 0)
		a->sub = ATT_DETACH;
	else
		a->sub = ATT_DOWNLOAD;
	for (i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			printf("用法: gongkai [--db PATH] %s\n（详见 gongkai item --help）\n",
			    att_usage[a->sub]);
			return 0;
		}
		opt = NULL;
		if (strcmp(argv[i], "--name") == 0 && a->sub == ATT_ATTACH)
			opt = &a->name;
		else if (strcmp(argv[i], "--as") == 0 &&
		    (a->sub == ATT_ATTACH || a->sub == ATT_DETACH))
			opt = &a->as;
		else if ((strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) &&
		    a->sub == ATT_DOWNLOAD)
			opt = &a->out;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("item ", "item %s 不接受选项 '%s'", sub, argv[i]);
		if (opt != NULL) {
			if (i + 1 >= argc)
				return cli_usage_error("item ", "%s 需要一个值", argv[i]);
			*opt = argv[++i];
			continue;
		}
		switch (npos++) {
		case 0:
			if (!cli_parse_id(argv[i], &a->id))
				return cli_usage_error("item ", "信息编号须为正整数，而不是 '%s'",
				    argv[i]);
			break;
		case 1:
			if (a->sub == ATT_ATTACH)
				a->file = argv[i];
			else if (a->sub != ATT_LIST && !cli_parse_id(argv[i], &a->aid))
				return cli_usage_error("item ", "附件编号须为正整数，而不是 '%s'",
				    argv[i]);
			if (a->sub != ATT_LIST)
				break;
			/* FALLTHROUGH */
		default:
			return cli_usage_error("item ", "多余的参数 '%s'", argv[i]);
		}
	}
	if (a->id == 0)
		return cli_usage_error("item ", "item %s 缺少信息编号 ID", sub);
	if (a->sub == ATT_ATTACH && a->file == NULL)
		return cli_usage_error("item ", "item attach 缺少文件 FILE");
	if (a->sub == ATT_ATTACH && strcmp(a->file, "-") == 0 && a->name == NULL)
		return cli_usage_error("item ", "从标准输入读取附件时须用 --name 给出名称");
	if ((a->sub == ATT_DETACH || a->sub == ATT_DOWNLOAD) && a->aid == 0)
		return cli_usage_error("item ", "item %s 缺少附件编号 ATTACHMENT_ID", sub);
	if (a->sub == ATT_ATTACH || a->sub == ATT_DETACH) {
		if (a->as == NULL && (a->as = getenv("GONGKAI_ACTOR")) != NULL &&
		    a->as[0] == '\0')
			a->as = NULL;
		if (a->as == NULL)
			return cli_usage_error("item ",
			    "缺少操作人：请用 --as LOGIN 或设置 $GONGKAI_ACTOR");
	}
	return -1;
}

static int
att_attach(struct gk_db *db, const struct att_args *a, const struct gk_item_actor *ac,
    char *err, size_t errlen)
{
	char		 now[64];
	char		*buf = NULL;
	size_t		 len;
	int64_t		 aid;
	enum gk_err	 e;
	struct gk_attachment_list l;
	size_t		 i;

	if ((e = cli_read_file(a->file, GK_ATTACHMENT_MAX, &buf, &len)) != GK_OK) {
		if (e == GK_ELIMIT)
			snprintf(err, errlen, "文件 %s 过大（附件上限 %zu MiB）", a->file,
			    GK_ATTACHMENT_MAX / (1024 * 1024));
		else
			snprintf(err, errlen, "无法读取文件 %s：%s", a->file,
			    e == GK_ENOTFOUND ? "文件不存在" : e == GK_ENOMEM ? "内存不足" :
			    "读取失败");
		return 1;
	}
	e = gk_attachment_add(db, ac, a->id, a->name != NULL ? a->name : a->file, buf, len,
	    cli_now(now, sizeof(now)), &aid, err, errlen);
	gk_free(buf);
	if (e != GK_OK)
		return 1;
	if (gk_attachment_list(db, a->id, &l, err, errlen) != GK_OK)
		return 1;
	for (i = 0; i < l.n; i++)
		if (l.v[i].id == aid)
			printf("已添加附件 %lld：%s（%s，%lld 字节，SHA-256 %s）\n",
			    (long long)aid, l.v[i].name, l.v[i].mime,
			    (long long)l.v[i].size, l.v[i].hash);
	gk_attachment_list_free(&l);
	return 0;
}

static int
att_list(struct gk_db *db, const struct att_args *a, char *err, size_t errlen)
{
	struct gk_attachment_list	l;
	size_t				i;

	if (gk_attachment_list(db, a->id, &l, err, errlen) != GK_OK)
		return 1;
	if (l.n == 0)
		printf("信息 %lld 没有附件\n", (long long)a->id);
	else
		printf("编号\t名称\t类型\t大小（字节）\tSHA-256\t检查文字\n");
	for (i = 0; i < l.n; i++)
		printf("%lld\t%s\t%s\t%lld\t%s\t%s\n", (long long)l.v[i].id, l.v[i].name,
		    l.v[i].mime, (long long)l.v[i].size, l.v[i].hash,
		    l.v[i].has_text ? "是" : "否");
	gk_attachment_list_free(&l);
	return 0;
}

static int
att_download(struct gk_db *db, const struct att_args *a, char *err, size_t errlen)
{
	struct gk_attachment	 at;
	void			*data;
	size_t			 len;
	enum gk_err		 e;

	if (gk_attachment_get_data(db, a->id, a->aid, &at, &data, &len, err,
	    errlen) != GK_OK)
		return 1;
	e = cli_write_file(a->out, data, len);
	gk_free(data);
	if (e != GK_OK) {
		snprintf(err, errlen, "无法写入 %s", a->out != NULL ? a->out : "标准输出");
		return 1;
	}
	if (a->out != NULL && strcmp(a->out, "-") != 0)
		printf("已取出附件 %lld（%s，%zu 字节）到 %s\n", (long long)a->aid, at.name,
		    len, a->out);
	return 0;
}

int
cli_item_attach(int argc, char **argv)
{
	struct att_args		 a;
	struct gk_item_actor	 ac;
	struct gk_db		*db = NULL;
	char			 err[512] = "", now[64];
	int			 rc;

	if ((rc = att_parse(argc, argv, &a)) >= 0)
		return rc;
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if (a.as != NULL && gk_item_actor_lookup(db, a.as, &ac, err, sizeof(err)) != GK_OK)
		rc = 1;
	else if (a.sub == ATT_ATTACH)
		rc = att_attach(db, &a, &ac, err, sizeof(err));
	else if (a.sub == ATT_LIST)
		rc = att_list(db, &a, err, sizeof(err));
	else if (a.sub == ATT_DETACH) {
		rc = gk_attachment_remove(db, &ac, a.id, a.aid, cli_now(now, sizeof(now)), err,
		    sizeof(err)) == GK_OK ? 0 : 1;
		if (rc == 0)
			printf("已删除信息 %lld 的附件 %lld\n", (long long)a.id, (long long)a.aid);
	} else
		rc = att_download(db, &a, err, sizeof(err));
	if (rc != 0)
		fprintf(stderr, "gongkai: %s\n", err);
	gk_db_close(db);
	return rc;
}
