/*
 * bench_search.c — full-text search at scale (store/search.c, docs/search.md,
 * bench/README.md): N published items (default 100,000; -n 1000000 for the
 * issue's target) of about 2 KB of Chinese each, generated from a fixed
 * vocabulary with a fixed seed (-s), written through the store's import
 * (gk_item_import: 索引号, audit entry, and the index kept by the v10
 * triggers in the same transactions), then a fixed query mix timed with
 * gk_search_query: p50 and p99 per class and overall, index size (dbstat),
 * build time, peak RSS (getrusage). Reference in the same run: the same
 * count done with LIKE over item (no index), for three queries.
 *
 * The vocabulary: 120 words of government prose written here and 6,000
 * two-character words made from a pool of common characters, drawn with a
 * Zipf law (weight 1/rank), so some words are in most items and most are
 * rare. Exits 1 only when a result is wrong (a count that differs from
 * the LIKE reference, a query that fails), never because it is slow.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/gk.h"
#include "core/item.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/import.h"
#include "store/search.h"

#define CODE_A		"11510422MB1234567Y"	/* checked by hand in test_store_item.c */
#define CODE_B		"11510422MB12345682"
#define NOW		"2025-12-31T18:00:00+08:00"
#define BATCH		20000		/* rows per gk_item_import call */
#define BODY_BYTES	2048
#define NSYN		6000
#define ROUNDS		20		/* timed runs of each query */
#define T_P50_MS	5.0
#define T_P99_MS	25.0

static const char *const words[] = {
	"发展", "工作", "推进", "加强", "建设", "管理", "服务", "企业", "项目", "政府",
	"经济", "落实", "部门", "有关", "规定", "要求", "情况", "开展", "组织", "实施",
	"营商环境", "招商引资", "高质量发展", "乡村振兴", "安全生产", "财政预算", "政务公开",
	"市场主体", "重点项目", "民生保障", "依法行政", "放管服改革", "数字经济", "生态环境",
	"产业园区", "投资促进", "对外贸易", "电子商务", "消费升级", "物流体系", "农产品",
	"专项资金", "绩效评价", "审计整改", "信息公开", "行政许可", "行政处罚", "双随机",
	"一网通办", "告知承诺", "社会保障", "就业创业", "人才引进", "科技创新", "金融服务",
	"融资担保", "中小企业", "个体工商户", "减税降费", "稳岗返还", "防汛抗旱", "森林防火",
	"应急管理", "疫情防控", "粮食安全", "耕地保护", "水利设施", "交通运输", "城乡规划",
	"住房保障", "教育事业", "医疗卫生", "文化旅游", "体育健身", "养老服务", "托育服务",
	"残疾人", "退役军人", "民族团结", "宗教事务", "信访工作", "矛盾纠纷", "平安建设",
	"法治宣传", "廉政建设", "作风建设", "督查督办", "目标考核", "统计监测", "价格监测",
	"市场监管", "食品安全", "药品安全", "特种设备", "质量强县", "标准化", "知识产权",
	"钒钛", "清洁能源", "康养旅游", "枇杷", "芒果", "桐子林", "红格", "渔门", "永兴",
	"新能源汽车", "以旧换新", "消费券", "夜间经济", "便民生活圈", "家政服务", "成品油",
	"再生资源", "预付卡", "外经贸", "跨境电商", "会展经济", "老字号", "县域商业",
	"东西部协作", "对口支援", "消费帮扶",
};
#define NWORDS	(sizeof(words) / sizeof(words[0]))

/* Common characters for the synthetic two-character words. */
static const char charpool[] =
	"的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞";

static uint64_t seed = 2025;
static uint64_t seed0;

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
	fprintf(stderr, "bench_search: %s: %s\n", what, err);
	exit(1);
}

/* The vocabulary: words[] then NSYN synthetic words; cum[] the Zipf weights. */
static char	 syn[NSYN][8];
static double	 cum[NWORDS + NSYN];
#define NVOCAB	(NWORDS + NSYN)

static const char *
vocab(size_t r)
{
	return r < NWORDS ? words[r] : syn[r - NWORDS];
}

static void
vocab_init(void)
{
	size_t	 nchars = (sizeof(charpool) - 1) / 3, i;
	double	 s = 0;

	for (i = 0; i < NSYN; i++) {
		size_t a = rnd() % nchars, b = rnd() % nchars;

		memcpy(syn[i], charpool + 3 * a, 3);
		memcpy(syn[i] + 3, charpool + 3 * b, 3);
		syn[i][6] = '\0';
	}
	for (i = 0; i < NVOCAB; i++) {
		s += 1.0 / (double)(i + 1);
		cum[i] = s;
	}
}

static const char *
draw(void)
{
	double	 u = (double)rnd() / 4294967296.0 * cum[NVOCAB - 1];
	size_t	 lo = 0, hi = NVOCAB - 1;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (cum[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return vocab(lo);
}

static void
gen_text(char *out, size_t cap, size_t target)
{
	size_t	 len = 0, since = 0;

	out[0] = '\0';
	while (len < target) {
		const char	*w = draw();
		size_t		 wl = strlen(w);

		if (len + wl + 4 >= cap)
			break;
		memcpy(out + len, w, wl);
		len += wl;
		since += wl / 3;
		if (since > 8 + rnd() % 16) {
			memcpy(out + len, rnd() % 3 ? "，" : "。", 3);
			len += 3;
			since = 0;
		}
	}
	out[len] = '\0';
}

struct q {
	const char	*cls;
	const char	*q;
	int		 agency, year, cat, date;
};

static int
cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double
pct(double *v, size_t n, double p)
{
	size_t i = (size_t)(p * (double)(n - 1) + 0.5);

	return v[i];
}

static int64_t
like_count(sqlite3 *h, const char *term)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM item WHERE state = 'published' AND "
	    "(instr(title, ?1) > 0 OR instr(body, ?1) > 0)", -1, &st, NULL) != SQLITE_OK)
		die("reference", sqlite3_errmsg(h));
	sqlite3_bind_text(st, 1, term, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int64_t
count_published(sqlite3 *h)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM item WHERE state = 'published'", -1, &st,
	    NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

int
main(int argc, char **argv)
{
	static const char *const cats[] = { "政策文件/其他文件", "财政信息/预算", "招商引资",
		"办事指南", "其他", "政策解读" };
	struct gk_db		*db;
	struct item_meta	*m = NULL;
	struct gk_import_row	*rows = NULL;
	char			(*dates)[2][48] = NULL;
	char			 dir[64], path[128], err[512], title[256], day[32], rare[64];
	char			*body = NULL;
	size_t			 n = 100000, i, j, b, nb, done = 0;
	int64_t			 ag[2], fiscal;
	double			 t0, tbuild, t;
	struct rusage		 ru;
	struct stat		 sb;
	sqlite3			*h;
	sqlite3_stmt		*st;
	int64_t			 idx_bytes = 0;
	int			 c, keep = 0, fails = 0;
	const char		*reuse = NULL;

	while ((c = getopt(argc, argv, "n:s:kd:")) != -1) {
		if (c == 'n')
			n = (size_t)strtoull(optarg, NULL, 10);
		else if (c == 's')
			seed = strtoull(optarg, NULL, 10);
		else if (c == 'k')
			keep = 1;
		else if (c == 'd')
			reuse = optarg;
		else {
			fprintf(stderr, "usage: bench_search [-n items] [-s seed] [-k (keep the database)] "
			    "[-d FILE (time the queries on a database kept by -k; -n must match)]\n");
			return 2;
		}
	}
	if (n < 1000 || n > 5000000) {
		fprintf(stderr, "bench_search: -n must be 1000..5000000\n");
		return 2;
	}
	seed0 = seed;
	vocab_init();
	if (reuse != NULL) {
		/* The queries only, on the database a -k run kept. */
		if ((size_t)snprintf(path, sizeof(path), "%s", reuse) >= sizeof(path))
			die("-d", "path too long");
		keep = 1;
		if (gk_db_open(path, &db, err, sizeof(err)) != GK_OK)
			die("open", err);
		h = gk_db_sqlite(db);
		ag[0] = 1;
		ag[1] = 2;
		printf("bench_search: the database %s (kept by -k), %lld published items\n", path,
		    (long long)count_published(h));
		goto queries;
	}
	snprintf(dir, sizeof(dir), "/tmp/gk-bench-search-XXXXXX");
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", "failed");
	snprintf(path, sizeof(path), "%s/search.db", dir);
	if (gk_db_open(path, &db, err, sizeof(err)) != GK_OK)
		die("open", err);
	h = gk_db_sqlite(db);
	if (gk_agency_add(db, "bench", "盐边县经济合作和商务局", CODE_A, 0, "县级", NOW, &ag[0],
	    err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, "bench", "盐边县财政局", CODE_B, 0, "县级", NOW, &ag[1],
	    err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, ag[0], "bench", NOW, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, ag[1], "bench", NOW, err, sizeof(err)) != GK_OK)
		die("setup", err);
	m = gk_calloc(BATCH, sizeof(*m));
	rows = gk_calloc(BATCH, sizeof(*rows));
	dates = gk_calloc(BATCH, sizeof(*dates));
	body = gk_malloc(BODY_BYTES + 64);
	if (m == NULL || rows == NULL || dates == NULL || body == NULL)
		die("generate", "内存不足");
	printf("bench_search: %zu items, ~%d bytes of Chinese each, vocabulary %zu words "
	    "(Zipf), seed %" PRIu64 "\n", n, BODY_BYTES, (size_t)NVOCAB, seed0);
	t0 = now_s();
	nb = (n + BATCH - 1) / BATCH;
	for (b = 0; b < nb; b++) {
		size_t k = n - done < BATCH ? n - done : BATCH;

		for (i = 0; i < k; i++) {
			size_t gi = done + i;
			int y = 2019 + (int)(gi * 7 / n);	/* 2019..2025, in creation order */

			snprintf(day, sizeof(day), "%04d-%02d-%02d", y, 1 + (int)(gi % 12),
			    1 + (int)(gi % 28));
			gen_text(title, 90, 30 + rnd() % 40);
			gen_text(body, BODY_BYTES + 64, BODY_BYTES - 40);
			item_meta_init(&m[i]);
			if (item_meta_set(&m[i], ITEM_F_TITLE, title) != GK_OK ||
			    item_meta_set(&m[i], ITEM_F_CATEGORY, cats[gi % 6]) != GK_OK ||
			    item_meta_set(&m[i], ITEM_F_WRITTEN, day) != GK_OK ||
			    item_meta_set(&m[i], ITEM_F_BODY, body) != GK_OK)
				die("generate", "内存不足");
			snprintf(dates[i][0], sizeof(dates[i][0]), "%sT09:00:00+08:00", day);
			snprintf(dates[i][1], sizeof(dates[i][1]), "%sT16:00:00+08:00", day);
			rows[i].meta = &m[i];
			rows[i].state = WF_PUBLISHED;
			rows[i].created_at = dates[i][0];
			rows[i].published_at = dates[i][1];
		}
		if (gk_item_import(db, ag[b % 2], "bench", rows, k, NOW, NULL, NULL, err,
		    sizeof(err)) != GK_OK)
			die("import", err);
		for (i = 0; i < k; i++)
			item_meta_clear(&m[i]);
		done += k;
		if (nb > 10 && (b + 1) % (nb / 10) == 0) {
			t = now_s() - t0;
			fprintf(stderr, "  %zu items, %.0f s, %.0f items/s\n", done, t,
			    (double)done / t);
		}
	}
	/* Merge the index's segments as an administrator would after a bulk load. */
	t = now_s();
	if (sqlite3_exec(h, "INSERT INTO item_fts (item_fts) VALUES ('optimize'); "
	    "INSERT INTO item_title_fts (item_title_fts) VALUES ('optimize')", NULL, NULL,
	    NULL) != SQLITE_OK)
		die("optimize", sqlite3_errmsg(h));
	tbuild = now_s() - t0;
	printf("  build:     %8.1f s  %7.0f items/s through gk_item_import (triggers index "
	    "each row); of it 'optimize' %.1f s\n", tbuild, (double)n / tbuild, now_s() - t);
	if (sqlite3_prepare_v2(h, "SELECT sum(pgsize) FROM dbstat WHERE name LIKE 'item_fts%' "
	    "OR name LIKE 'item_title_fts%'",
	    -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		idx_bytes = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlite3_exec(h, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	printf("  index:     %8.1f MB (item_fts and item_title_fts shadow tables); database file %.1f MB\n",
	    (double)idx_bytes / 1e6, stat(path, &sb) == 0 ? (double)sb.st_size / 1e6 : 0.0);
queries:
	fiscal = 0;
	if (sqlite3_prepare_v2(h, "SELECT id FROM category WHERE agency_id = 2 AND "
	    "name = '财政信息' AND parent_id IS NULL", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		fiscal = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	snprintf(rare, sizeof(rare), "%s", vocab(NVOCAB - 7));
	{
		const struct q qs[] = {
			{ "common 2-char", "发展", 0, 0, 0, 0 },
			{ "common 2-char", "服务", 0, 0, 0, 0 },
			{ "mid 4-char", "营商环境", 0, 0, 0, 0 },
			{ "rare", rare, 0, 0, 0, 0 },
			{ "rare", "便民生活圈", 0, 0, 0, 0 },
			{ "multi-term", "招商引资 营商环境", 0, 0, 0, 0 },
			{ "multi-term", "钒钛 清洁能源 项目", 0, 0, 0, 0 },
			{ "one-char", "钒", 0, 0, 0, 0 },
			{ "one-char", "县", 0, 0, 0, 0 },
			{ "filtered", "营商环境", 1, 2024, 0, 0 },
			{ "filtered", "预算", 0, 0, 1, 0 },
			{ "date sort", "营商环境", 0, 0, 0, 1 },
			{ "no exact", "量子计算机", 0, 0, 0, 0 },	/* relaxed fallback */
		};
		size_t		 nq = sizeof(qs) / sizeof(qs[0]), all = 0;
		double		*lat = gk_calloc(nq * ROUNDS, sizeof(double)), v[ROUNDS];

		if (lat == NULL)
			die("query", "内存不足");
		printf("  queries (%d runs each after one warm-up; page 1 of 10, total counted up to %d):\n",
		    ROUNDS, GK_SEARCH_TOTAL_CAP);
		for (j = 0; j < nq; j++) {
			struct gk_search_q	 s;
			struct gk_search_result	 r;
			int64_t			 tot = 0;
			int			 capd = 0;

			memset(&s, 0, sizeof(s));
			s.q = qs[j].q;
			s.page = 1;
			s.per_page = 10;
			s.agency_id = qs[j].agency ? ag[1] : 0;
			s.year = qs[j].year;
			s.category_id = qs[j].cat ? fiscal : 0;
			s.sort = qs[j].date ? GK_SEARCH_DATE : GK_SEARCH_RELEVANCE;
			for (i = 0; i <= ROUNDS; i++) {
				t = now_s();
				if (gk_search_query(db, &s, &r, err, sizeof(err)) != GK_OK) {
					fprintf(stderr, "bench_search: %s: %s\n", s.q, err);
					fails++;
					break;
				}
				t = (now_s() - t) * 1e3;
				tot = r.total;
				capd = r.total_capped;
				gk_search_result_free(&r);
				if (i > 0) {
					v[i - 1] = t;
					lat[all++] = t;
				}
			}
			qsort(v, ROUNDS, sizeof(double), cmp_d);
			printf("    %-14s %-22s %9lld%s hits  p50 %8.2f ms  p99 %8.2f ms\n", qs[j].cls,
			    s.q, (long long)tot, capd ? "+" : " ", pct(v, ROUNDS, 0.5),
			    pct(v, ROUNDS, 0.99));
		}
		qsort(lat, all, sizeof(double), cmp_d);
		printf("  mix:       p50 %.2f ms (target <= %.0f: %s), p99 %.2f ms (target <= %.0f: %s)\n",
		    pct(lat, all, 0.5), T_P50_MS, pct(lat, all, 0.5) <= T_P50_MS ? "met" : "NOT met",
		    pct(lat, all, 0.99), T_P99_MS, pct(lat, all, 0.99) <= T_P99_MS ? "met" : "NOT met");
		gk_free(lat);
	}
	/* Reference: the same counts by scanning item with instr(). */
	{
		static const char *const ref[] = { "营商环境", "便民生活圈", "钒" };

		for (j = 0; j < sizeof(ref) / sizeof(ref[0]); j++) {
			struct gk_search_q	 s;
			struct gk_search_result	 r;
			double			 ts, tl;
			int64_t			 lc;
			int			 ok;

			memset(&s, 0, sizeof(s));
			s.q = ref[j];
			s.page = 1;
			s.per_page = 10;
			t = now_s();
			if (gk_search_query(db, &s, &r, err, sizeof(err)) != GK_OK)
				die("search", err);
			ts = (now_s() - t) * 1e3;
			t = now_s();
			lc = like_count(h, ref[j]);
			tl = (now_s() - t) * 1e3;
			/* The total is counted up to GK_SEARCH_TOTAL_CAP (total_capped). */
			ok = lc > GK_SEARCH_TOTAL_CAP ? r.total == GK_SEARCH_TOTAL_CAP &&
			    r.total_capped : r.total == lc && !r.total_capped;
			printf("  reference: %-12s index %8.2f ms, scan %9.1f ms (%.0fx); counts %lld%s / %lld%s\n",
			    ref[j], ts, tl, tl / (ts > 0 ? ts : 1e-3), (long long)r.total,
			    r.total_capped ? "+" : "", (long long)lc, ok ? "" : "  MISMATCH");
			if (!ok)
				fails++;
			gk_search_result_free(&r);
		}
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("  peak RSS:  %8.1f MB\n", (double)ru.ru_maxrss / 1024.0);
	gk_free(m);
	gk_free(rows);
	gk_free(dates);
	gk_free(body);
	gk_db_close(db);
	if (keep)
		printf("  kept: %s\n", path);
	else {
		char cmd[160];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			fprintf(stderr, "bench_search: could not remove %s\n", dir);
	}
	return fails ? 1 : 0;
}
