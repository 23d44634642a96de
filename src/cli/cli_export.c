/*
 * cli_export.c — `gongkai export DIR`: every published portal page as a
 * static file tree that nginx (or any web server or CDN) can serve, made
 * by the same handlers the server runs (gk_web_dispatch), so a file has
 * the same bytes the server sends for that URL. The tree is written to
 * DIR.tmp-PID beside DIR and renamed into place at the end, so DIR is
 * either the old tree or the complete new one. docs/portal.md has the
 * file layout and an nginx configuration.
 *
 * Layout: a path ending in "/" → PATH/index.html (its ?page=N pages →
 * PATH/page-N.html); a path whose last segment has an extension (.xml,
 * .txt, .json, .svg, .css) → that file; any other path → PATH/index.html
 * (/item/5 → item/5/index.html, beside item/5/qr.svg).
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/date.h"
#include "store/db.h"
#include "store/site.h"
#include "web/portal.h"
#include "web/web.h"

static const char export_usage[] =
"用法: gongkai [--db PATH] export [--force] DIR\n"
"\n"
"把门户的全部公开页面（首页、各机关信息公开专栏、指南、制度、栏目列表及其分页、\n"
"Atom 订阅、年度报告及其下载、信息页面及二维码、样式表、网站地图）写成静态文件，\n"
"供 nginx 等 Web 服务器直接提供。文件内容与 gongkai serve 对同一地址的应答逐字节相同。\n"
"先写入 DIR.tmp-进程号，全部成功后再改名为 DIR。\n"
"\n"
"  --force   DIR 已存在时替换它（否则拒绝）\n"
"\n"
"文件布局与 nginx 配置示例见 docs/portal.md。\n";

struct ex {
	struct gk_web_ctx	*ctx;
	char			 root[4096];
	long			 html, other;
	unsigned long long	 bytes;
	char			 err[9000];
};

/* mkdir -p of the directories of path (a file path below the root). */
static int
mkdirs(char *path)
{
	char *p;

	for (p = path + 1; *p != '\0'; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			*p = '/';
			return -1;
		}
		*p = '/';
	}
	return 0;
}

/* The file of a URL path (and ?page=N), below root. 0, or -1 when too long. */
static int
export_file(const char *root, const char *path, const char *page, char *out, size_t n)
{
	const char	*last = strrchr(path, '/');
	size_t		 len = strlen(path);
	int		 w;

	if (len > 0 && path[len - 1] == '/') {
		if (page != NULL)
			w = snprintf(out, n, "%s%spage-%s.html", root, path, page);
		else
			w = snprintf(out, n, "%s%sindex.html", root, path);
	} else if (last != NULL && strchr(last, '.') != NULL)
		w = snprintf(out, n, "%s%s", root, path);
	else
		w = snprintf(out, n, "%s%s/index.html", root, path);
	return w < 0 || (size_t)w >= n ? -1 : 0;
}

static enum gk_err
export_page(void *arg, const char *path, const char *page)
{
	struct ex		*x = arg;
	struct gk_web_arg	 a;
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	char			 file[8192];
	enum gk_err		 e;
	FILE			*f;

	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.path = path;
	req.client = "export";
	if (page != NULL) {
		a.name = "page";
		a.value = page;
		req.args = &a;
		req.nargs = 1;
	}
	gk_web_resp_init(&resp);
	e = gk_web_dispatch(x->ctx, &req, &resp, x->err, sizeof(x->err));
	if (e == GK_OK && (resp.status != 200 || !resp.cacheable)) {
		snprintf(x->err, sizeof(x->err), "%s%s%s 应答 %d%s", path, page != NULL ? "?page=" : "",
		    page != NULL ? page : "", resp.status, resp.cacheable ? "" : "（不可缓存）");
		e = GK_ECONFLICT;
	}
	if (e == GK_OK && export_file(x->root, path, page, file, sizeof(file)) != 0) {
		snprintf(x->err, sizeof(x->err), "路径过长：%s", path);
		e = GK_ELIMIT;
	}
	if (e == GK_OK && mkdirs(file) != 0) {
		snprintf(x->err, sizeof(x->err), "无法创建目录 %s：%s", file, strerror(errno));
		e = GK_EIO;
	}
	if (e == GK_OK) {
		f = fopen(file, "wbx");
		if (f == NULL || fwrite(resp.body.data != NULL ? resp.body.data : "", 1,
		    resp.body.len, f) != resp.body.len || fclose(f) != 0) {
			snprintf(x->err, sizeof(x->err), "无法写入 %s：%s", file, strerror(errno));
			e = GK_EIO;
		}
	}
	if (e == GK_OK) {
		if (strncmp(resp.content_type, "text/html", 9) == 0)
			x->html++;
		else
			x->other++;
		x->bytes += resp.body.len;
	}
	gk_web_resp_clear(&resp);
	return e;
}

static int
rm_entry(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(p);
}

static void
rm_tree(const char *dir)
{
	nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

int
cli_export(int argc, char **argv)
{
	struct gk_site		 site;
	struct gk_web_ctx	 ctx;
	struct ex		 x;
	struct gk_db		*db = NULL;
	const char		*dir = NULL;
	char			 old[4200], now[40];
	struct stat		 st;
	int			 i, force = 0, exists;
	enum gk_err		 e;

	for (i = 1; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(export_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--force") == 0)
			force = 1;
		else if (argv[i][0] == '-' && argv[i][1] != '\0')
			return cli_usage_error("export ", "export 不接受选项 '%s'", argv[i]);
		else if (dir != NULL)
			return cli_usage_error("export ", "多余的参数 '%s'", argv[i]);
		else
			dir = argv[i];
	}
	if (dir == NULL || dir[0] == '\0')
		return cli_usage_error("export ", "缺少输出目录 DIR");
	exists = lstat(dir, &st) == 0;
	if (exists && !force) {
		fprintf(stderr, "gongkai: %s 已存在；如要替换请加 --force\n", dir);
		return 1;
	}
	if (exists && !S_ISDIR(st.st_mode)) {
		fprintf(stderr, "gongkai: %s 不是目录\n", dir);
		return 1;
	}
	memset(&x, 0, sizeof(x));
	memset(&ctx, 0, sizeof(ctx));
	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING | GK_DB_READONLY, &db, x.err,
	    sizeof(x.err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", x.err);
		return 1;
	}
	if (gk_site_load(db, &site, x.err, sizeof(x.err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", x.err);
		gk_db_close(db);
		return 1;
	}
	ctx.db = db;
	ctx.site = &site;
	cli_now(now, sizeof(now));
	gk_strlcpy_utf8(ctx.now, now, sizeof(ctx.now));
	if (gk_date_parse(now, 10, &ctx.today) != GK_OK)
		ctx.today = 0;
	x.ctx = &ctx;
	if ((size_t)snprintf(x.root, sizeof(x.root), "%s.tmp-%ld", dir, (long)getpid()) >=
	    sizeof(x.root) - 64) {
		fprintf(stderr, "gongkai: 目录名过长\n");
		gk_db_close(db);
		return 1;
	}
	if (mkdir(x.root, 0755) != 0) {
		fprintf(stderr, "gongkai: 无法创建 %s：%s\n", x.root, strerror(errno));
		gk_db_close(db);
		return 1;
	}
	e = gk_portal_pages(db, export_page, &x, x.err, sizeof(x.err));
	gk_db_close(db);
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: 导出失败：%s\n", x.err);
		rm_tree(x.root);
		return 1;
	}
	snprintf(old, sizeof(old), "%s.old-%ld", dir, (long)getpid());
	if (exists && rename(dir, old) != 0) {
		fprintf(stderr, "gongkai: 无法移走旧的 %s：%s\n", dir, strerror(errno));
		rm_tree(x.root);
		return 1;
	}
	if (rename(x.root, dir) != 0) {
		fprintf(stderr, "gongkai: 无法改名为 %s：%s\n", dir, strerror(errno));
		if (exists)
			rename(old, dir);
		rm_tree(x.root);
		return 1;
	}
	if (exists)
		rm_tree(old);
	printf("已导出 %ld 个文件（HTML 页面 %ld 个，其他 %ld 个），共 %llu 字节，写入 %s\n",
	    x.html + x.other, x.html, x.other, x.bytes, dir);
	return 0;
}
