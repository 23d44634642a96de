/*
 * bench_portal.c — what rendering a portal page costs, the work the
 * server does once per page and publication (then serves it from memory)
 * and `gongkai export` does for every page: gk_web_dispatch of an item
 * page, a section's first and last page, the agency's column, the
 * platform home, a section feed, the sitemap, and the whole walk of every
 * published page (gk_portal_pages, rendered, not written) — on one agency
 * with n published items (default 20,000) imported with gk_item_import
 * over the default category tree, 200–500 bytes of Chinese body each.
 *
 * Reference in the same run: copying the same item page's bytes once
 * (memcpy into a fresh buffer), what serving an already rendered page
 * costs at the least; printed as "render is N× a copy".
 *
 * Correctness is checked outside the timing (every answer 200, the item
 * page names its title, the walk visits n item pages); a wrong result
 * exits 1, a slow one never does.
 *
 * Usage: bench_portal [-n items]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/date.h"
#include "core/gk.h"
#include "core/item.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/import.h"
#include "store/portal_data.h"
#include "web/portal.h"
#include "web/web.h"

#define BENCH_CODE	"11510422MB1234567Y"
#define BENCH_NOW	"2025-12-31T18:00:00+08:00"

static const char *const cats[] = {
	"机构职能", "政策文件/规章", "政策文件/其他文件", "政策解读", "财政信息/预算",
	"财政信息/决算", "招商引资", "办事指南", "其他",
};
#define NCATS	(sizeof(cats) / sizeof(cats[0]))

static const char *const words[] = {
	"深入贯彻落实", "进一步优化营商环境", "推动高质量发展", "加强政务公开",
	"持续改善民生", "认真组织实施", "财政预算执行情况", "重点项目建设",
	"招商引资工作", "按照有关规定", "请结合实际", "抓好贯彻落实",
};
#define NWORDS	(sizeof(words) / sizeof(words[0]))

static uint64_t seed = 2025;

static uint32_t
rnd(void)
{
	seed ^= seed >> 12;
	seed ^= seed << 25;
	seed ^= seed >> 27;
	return (uint32_t)((seed * 2685821657736338717ULL) >> 32);
}

static double
now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
die(const char *what, const char *err)
{
	fprintf(stderr, "bench_portal: %s: %s\n", what, err);
	exit(1);
}

static struct gk_web_ctx	ctx;
static struct gk_site		site;

/* One GET; dies unless it answers status 200. Returns the body's length. */
static size_t
get(const char *path, const char *page, struct gk_web_resp *keep)
{
	struct gk_web_req	req;
	struct gk_web_resp	r;
	struct gk_web_arg	a;
	char			err[512];
	size_t			len;

	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.path = path;
	if (page != NULL) {
		a.name = "page";
		a.value = page;
		req.args = &a;
		req.nargs = 1;
	}
	gk_web_resp_init(&r);
	if (gk_web_dispatch(&ctx, &req, &r, err, sizeof(err)) != GK_OK || r.status != 200) {
		fprintf(stderr, "bench_portal: %s: status %d %s\n", path, r.status, err);
		exit(1);
	}
	len = r.body.len;
	if (keep != NULL)
		*keep = r;
	else
		gk_web_resp_clear(&r);
	return len;
}

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* k renders of path (or of random items when path is NULL): per second, p50, p99 in µs. */
static void
measure(const char *label, const char *path, const char *page, int k, int64_t nitems)
{
	double	*t = malloc((size_t)k * sizeof(*t)), t0, sum = 0;
	char	 p[64];
	size_t	 bytes = 0;
	int	 i;

	if (t == NULL)
		die("malloc", "内存不足");
	for (i = 0; i < k; i++) {
		if (path == NULL)
			snprintf(p, sizeof(p), "/item/%lld", (long long)(1 + rnd() % (uint32_t)nitems));
		t0 = now_s();
		bytes = get(path != NULL ? path : p, page, NULL);
		t[i] = now_s() - t0;
		sum += t[i];
	}
	qsort(t, (size_t)k, sizeof(*t), cmp_d);
	printf("  %-34s %8.0f /s   p50 %7.1f µs   p99 %7.1f µs   %6zu bytes\n", label,
	    k / sum, t[k / 2] * 1e6, t[(k * 99) / 100] * 1e6, bytes);
	free(t);
}

struct walk {
	size_t	pages, items, bytes;
};

static enum gk_err
walk_page(void *arg, const char *path, const char *page)
{
	struct walk *w = arg;

	w->bytes += get(path, page, NULL);
	w->pages++;
	if (strncmp(path, "/item/", 6) == 0 && strchr(path + 6, '/') == NULL)
		w->items++;
	return GK_OK;
}

int
main(int argc, char **argv)
{
	struct gk_import_row	*rows;
	struct item_meta	*m;
	char			(*dates)[2][40];
	struct gk_db		*db;
	struct gk_web_resp	 r;
	struct walk		 w = { 0, 0, 0 };
	struct gk_buf		 copy;
	char			 dir[64], path[128], err[512], title[128], body[640];
	char			 sec[96], last[24], wd[GK_DATE_LEN];
	int64_t			 ag, n = 20000, cid;
	size_t			 i, len, imported, tb = 0;
	int32_t			 d0, d1, day;
	double			 t0, t, tc;
	int			 c, k;
	struct gk_pd_items	 l;

	while ((c = getopt(argc, argv, "n:")) != -1) {
		if (c != 'n' || (n = strtoll(optarg, NULL, 10)) < 100 || n > 2000000) {
			fprintf(stderr, "usage: bench_portal [-n items (100..2000000)]\n");
			return 2;
		}
	}
	snprintf(dir, sizeof(dir), "/tmp/gk-bench-portal-XXXXXX");
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", "failed");
	snprintf(path, sizeof(path), "%s/b.db", dir);
	if (gk_db_open(path, &db, err, sizeof(err)) != GK_OK)
		die("open", err);
	if (gk_agency_add(db, "bench", "盐边县财政局", BENCH_CODE, 0, "县级", BENCH_NOW, &ag, err,
	    sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, ag, "bench", BENCH_NOW, err, sizeof(err)) != GK_OK)
		die("agency", err);

	rows = calloc((size_t)n, sizeof(*rows));
	m = calloc((size_t)n, sizeof(*m));
	dates = calloc((size_t)n, sizeof(*dates));
	if (rows == NULL || m == NULL || dates == NULL)
		die("calloc", "内存不足");
	gk_date_from_ymd(2019, 1, 1, &d0);
	gk_date_from_ymd(2025, 11, 20, &d1);
	for (i = 0; i < (size_t)n; i++) {
		day = d0 + (int32_t)(rnd() % (uint32_t)(d1 - d0));
		gk_date_format(day, wd);
		snprintf(title, sizeof(title), "关于%s%s的通知（第%zu号）", words[rnd() % NWORDS],
		    words[rnd() % NWORDS], i);
		for (len = 0, body[0] = '\0'; len < 200 + rnd() % 301;) {
			const char *s = words[rnd() % NWORDS];

			if (len + strlen(s) + 4 >= sizeof(body))
				break;
			len += (size_t)snprintf(body + len, sizeof(body) - len, "%s%s", s,
			    rnd() % 4 == 0 ? "。\n\n" : "");
		}
		tb += strlen(title) + len;
		item_meta_init(&m[i]);
		if (item_meta_set(&m[i], ITEM_F_TITLE, title) != GK_OK ||
		    item_meta_set(&m[i], ITEM_F_CATEGORY, cats[i % NCATS]) != GK_OK ||
		    item_meta_set(&m[i], ITEM_F_WRITTEN, wd) != GK_OK ||
		    item_meta_set(&m[i], ITEM_F_BODY, body) != GK_OK)
			die("generate", "内存不足");
		snprintf(dates[i][0], sizeof(dates[i][0]), "%sT09:30:00+08:00", wd);
		snprintf(dates[i][1], sizeof(dates[i][1]), "%sT16:00:00+08:00", wd);
		rows[i].meta = &m[i];
		rows[i].state = WF_PUBLISHED;
		rows[i].created_at = dates[i][0];
		rows[i].published_at = dates[i][1];
	}
	if (gk_item_import(db, ag, "bench", rows, (size_t)n, BENCH_NOW, &imported, NULL, err,
	    sizeof(err)) != GK_OK || imported != (size_t)n)
		die("import", err);
	for (i = 0; i < (size_t)n; i++)
		item_meta_clear(&m[i]);
	free(m);
	free(rows);
	free(dates);

	gk_strlcpy_utf8(site.name, "盐边县人民政府信息公开平台", sizeof(site.name));
	gk_strlcpy_utf8(site.host, "https://gk.example.gov.cn", sizeof(site.host));
	gk_strlcpy_utf8(site.sponsor, "盐边县人民政府办公室", sizeof(site.sponsor));
	ctx.db = db;
	ctx.site = &site;
	gk_strlcpy_utf8(ctx.now, BENCH_NOW, sizeof(ctx.now));

	/* The biggest section: 政策文件 (its subsections' items included). */
	cid = 0;
	{
		struct gk_category_list cl;

		if (gk_category_list(db, ag, &cl, err, sizeof(err)) != GK_OK)
			die("categories", err);
		for (i = 0; i < cl.n; i++)
			if (strcmp(cl.v[i].path, "政策文件") == 0)
				cid = cl.v[i].id;
		gk_category_list_free(&cl);
	}
	if (gk_pd_items(db, ag, cid, 1, 0, &l, err, sizeof(err)) != GK_OK)
		die("count", err);
	snprintf(sec, sizeof(sec), "/agency/%lld/category/%lld/", (long long)ag, (long long)cid);
	snprintf(last, sizeof(last), "%lld", (long long)((l.total + GK_PORTAL_PER_PAGE - 1) / GK_PORTAL_PER_PAGE));
	printf("bench_portal: %lld published items of one agency (%.1f MB of title + body), "
	    "section 政策文件 %lld items (%s pages)\n", (long long)n, tb / 1048576.0,
	    (long long)l.total, last);
	gk_pd_items_free(&l);

	/* Correctness, outside the timing. */
	get("/item/1", NULL, &r);
	if (strstr(r.body.data, "<h1>关于") == NULL || strstr(r.body.data, "号）</h1>") == NULL)
		die("item page", "title missing");
	/* The reference: one copy of a rendered page. */
	k = 20000;
	t0 = now_s();
	for (c = 0; c < k; c++) {
		gk_buf_init(&copy, 0);
		if (gk_buf_append(&copy, r.body.data, r.body.len) != GK_OK)
			die("copy", "内存不足");
		gk_buf_clear(&copy);
	}
	tc = (now_s() - t0) / k;
	gk_web_resp_clear(&r);

	k = n < 5000 ? (int)n : 5000;
	measure("item page (random)", NULL, NULL, k, n);
	measure("section, page 1", sec, NULL, 500, n);
	measure("section, last page", sec, last, 200, n);
	snprintf(path, sizeof(path), "/agency/%lld/", (long long)ag);
	measure("agency column", path, NULL, 500, n);
	measure("platform home", "/", NULL, 500, n);
	snprintf(path, sizeof(path), "/agency/%lld/category/%lld/feed.xml", (long long)ag, (long long)cid);
	measure("section feed", path, NULL, 500, n);
	measure("sitemap.xml", "/sitemap.xml", NULL, 5, n);

	t0 = now_s();
	get("/item/1", NULL, NULL);
	t = now_s() - t0;
	printf("  reference: a copy of the item page %.2f µs; one render is %.0f× a copy\n",
	    tc * 1e6, t / tc);

	t0 = now_s();
	if (gk_portal_pages(db, walk_page, &w, err, sizeof(err)) != GK_OK)
		die("walk", err);
	t = now_s() - t0;
	if (w.items != (size_t)n)
		die("walk", "not every item page visited");
	printf("  every page (export, not written)   %zu pages, %.1f MB in %.2f s: %.0f pages/s\n",
	    w.pages, w.bytes / 1048576.0, t, w.pages / t);

	gk_db_close(db);
	snprintf(path, sizeof(path), "%s/b.db", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.db-wal", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/b.db-shm", dir);
	unlink(path);
	rmdir(dir);
	return 0;
}
