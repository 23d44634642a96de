/*
 * cli_interp.c — `gongkai item link ID --policy POLICY_ID --form F` and
 * `gongkai item unlink ID --policy POLICY_ID`: a 政策解读 item linked to
 * (or unlinked from) the 政策文件 it explains. A thin layer over
 * store/interpretation.h, which holds the rules; the usage text is
 * item's (cli_item.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "core/interp.h"
#include "store/db.h"
#include "store/interpretation.h"
#include "store/item.h"

int
cli_item_link(int argc, char **argv)
{
	struct gk_item_actor	 ac;
	struct gk_db		*db = NULL;
	enum interp_form	 form = INTERP_TEXT;
	const char		*as = NULL, *policy = NULL, *fs = NULL, *sub = argv[1];
	long long		 id = 0, pid;
	char			 err[512], now[64];
	int			 i, link = strcmp(sub, "link") == 0, rc = 1;
	enum gk_err		 e;

	for (i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			printf("用法: gongkai [--db PATH] item %s ID --policy POLICY_ID%s"
			    " [--as LOGIN]\n（详见 gongkai item --help）\n", sub,
			    link ? " --form 文字|图解|案例|音视频" : "");
			return 0;
		}
		if (strcmp(argv[i], "--as") == 0 || strcmp(argv[i], "--policy") == 0 ||
		    (link && strcmp(argv[i], "--form") == 0)) {
			if (i + 1 >= argc)
				return cli_usage_error("item ", "%s 需要一个值", argv[i]);
			if (argv[i][2] == 'a')
				as = argv[++i];
			else if (argv[i][2] == 'p')
				policy = argv[++i];
			else
				fs = argv[++i];
		} else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("item ", "item %s 不接受选项 '%s'", sub,
			    argv[i]);
		else if (id == 0) {
			if (!cli_parse_int(argv[i], 1, INT64_MAX, &id))
				return cli_usage_error("item ", "信息编号须为正整数，而不是 '%s'",
				    argv[i]);
		} else
			return cli_usage_error("item ", "多余的参数 '%s'", argv[i]);
	}
	if (id == 0)
		return cli_usage_error("item ", "item %s 缺少信息编号 ID", sub);
	if (policy == NULL)
		return cli_usage_error("item ", "item %s 缺少 --policy POLICY_ID", sub);
	if (!cli_parse_int(policy, 1, INT64_MAX, &pid))
		return cli_usage_error("item ", "--policy 需要正整数编号，而不是 '%s'", policy);
	if (link && fs == NULL)
		return cli_usage_error("item ", "item link 缺少 --form（文字、图解、案例或音视频）");
	if (link && !interp_form_from_name(fs, &form))
		return cli_usage_error("item ", "未知的解读形式 '%s'（应为文字、图解、案例或音视频）",
		    fs);
	if (as == NULL && (as = getenv("GONGKAI_ACTOR")) != NULL && as[0] == '\0')
		as = NULL;
	if (as == NULL)
		return cli_usage_error("item ", "缺少操作人：请用 --as LOGIN 或设置 $GONGKAI_ACTOR");

	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING, &db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	if ((e = gk_item_actor_lookup(db, as, &ac, err, sizeof(err))) == GK_OK)
		e = link ? gk_interp_link(db, &ac, id, pid, form,
		    cli_now(now, sizeof(now)), err, sizeof(err)) :
		    gk_interp_unlink(db, &ac, id, pid, cli_now(now, sizeof(now)), err,
		    sizeof(err));
	if (e != GK_OK)
		fprintf(stderr, "gongkai: %s\n", err);
	else {
		if (link)
			printf("已把信息 %lld 作为%s解读关联到政策文件 %lld\n", id,
			    interp_form_label(form), pid);
		else
			printf("已取消信息 %lld 与政策文件 %lld 的关联\n", id, pid);
		rc = 0;
	}
	gk_db_close(db);
	return rc;
}
