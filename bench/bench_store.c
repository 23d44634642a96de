/*
 * bench_store.c — the store at a million items: gk_item_import throughput
 * (each item with its 索引号 and its audit entry), then at that size the
 * overdue list (gk_item_overdue), a category page (gk_item_list, newest 20
 * of one category of one agency, with its query plan), the file size, and
 * gk_audit_verify over the whole chain (what `gongkai audit verify` runs),
 * and the next 索引号's lookup (gk_indexno_max_seq, what gk_item_create
 * runs) for a year holding ~130,000 numbers.
 * A plain SQLite insert of the same rows into a bare table (no audit, no
 * index, same batch size and pragmas) runs in the same process as the
 * reference, so the import's cost is printed as a ratio.
 *
 * The corpus is generated with a fixed PRNG: titles and bodies of
 * 200–500 bytes of Chinese text, every leaf of the default category tree,
 * dates over 2019–2025, and 0.2% of the items still in review in 2025
 * with a due date that has passed (for the overdue list). Correctness is
 * checked outside the timed parts (counts, a sample row read back, the
 * overdue count, the page's order, the chain intact); a wrong result
 * exits 1, a slow one never does.
 *
 * Usage: bench_store [-n items] [-s seed]
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/gk.h"
#include "core/indexno.h"
#include "core/item.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/import.h"
#include "store/item.h"

#define BENCH_CODE	"11510422MB1234567Y"	/* checked by hand in test_store_item.c */
#define BENCH_NOW	"2025-12-31T18:00:00+08:00"
#define BENCH_TODAY	"2025-12-31"
#define BENCH_PATTERN	"{code}/{year}-{seq:6}"
#define BENCH_MIN	1000
#define BENCH_MAX	5000000
#define BENCH_LATE_PER	500	/* one item in 500 is still in review */
#define T_IMPORT	50000.0	/* items/s */
#define T_QUERY_MS	10.0

static const char *const bench_cats[] = {
	"机构职能", "政策文件/规章", "政策文件/行政规范性文件", "政策文件/其他文件",
	"政策解读", "工作动态", "财政信息/预算", "财政信息/决算",
	"财政信息/三公经费", "招商引资", "办事指南", "其他",
};
#define NCATS	(sizeof(bench_cats) / sizeof(bench_cats[0]))

static const char *const bench_words[] = {
	"深入贯彻落实", "党中央国务院决策部署", "进一步优化营商环境", "推动高质量发展",
	"切实做好", "安全生产工作", "全面推进依法行政", "加强政务公开",
	"持续改善民生", "统筹疫情防控和经济社会发展", "稳步推进乡村振兴",
	"认真组织实施", "财政预算执行情况", "重点项目建设", "招商引资工作",
	"各乡镇人民政府", "县级各部门", "按照有关规定", "请结合实际", "抓好贯彻落实",
};
#define NWORDS	(sizeof(bench_words) / sizeof(bench_words[0]))

static uint64_t bench_seed = 2025;
static uint64_t bench_seed0 = 2025;

static uint32_t
bench_rand(void)
{
	/* xorshift64* */
	bench_seed ^= bench_seed >> 12;
	bench_seed ^= bench_seed << 25;
	bench_seed ^= bench_seed >> 27;
	return (uint32_t)((bench_seed * 2685821657736338717ULL) >> 32);
}

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void
bench_die(const char *what, const char *err)
{
	fprintf(stderr, "bench_store: %s: %s\n", what, err);
	exit(1);
}

struct gen {
	struct item_meta	*m;
	struct gk_import_row	*rows;
	char			(*dates)[3][32];	/* created, published, due */
	size_t			 late;			/* rows still in review */
	size_t			 bytes;			/* title + body */
};

/* n rows: the metadata, the states and the dates. */
static void
bench_gen(struct gen *g, size_t n)
{
	char		 title[256], body[640], wd[GK_DATE_LEN], cd[GK_DATE_LEN];
	char		 pd[GK_DATE_LEN];
	int32_t		 d0, d1, w;
	size_t		 i, len, target;
	int		 late;

	memset(g, 0, sizeof(*g));
	g->m = gk_calloc(n, sizeof(*g->m));
	g->rows = gk_calloc(n, sizeof(*g->rows));
	g->dates = gk_calloc(n, sizeof(*g->dates));
	if (g->m == NULL || g->rows == NULL || g->dates == NULL)
		bench_die("generate", "内存不足");
	gk_date_from_ymd(2019, 1, 1, &d0);
	gk_date_from_ymd(2025, 11, 20, &d1);
	for (i = 0; i < n; i++) {
		late = i % BENCH_LATE_PER == BENCH_LATE_PER / 2;
		if (late) {	/* in review, in 2025, due before 2025-12-01 */
			int32_t y25;

			gk_date_from_ymd(2025, 1, 1, &y25);
			w = y25 + (int32_t)(bench_rand() % (uint32_t)(d1 - y25));
		} else
			w = d0 + (int32_t)(bench_rand() % (uint32_t)(d1 - d0));
		gk_date_format(w, wd);
		gk_date_format(w + (int32_t)(bench_rand() % 3), cd);
		gk_date_format(w + 3, pd);
		snprintf(title, sizeof(title), "关于%s%s的通知（第%zu号）",
		    bench_words[bench_rand() % NWORDS], bench_words[bench_rand() % NWORDS], i);
		target = 200 + bench_rand() % 301;
		len = 0;
		body[0] = '\0';
		while (len < target) {
			const char *wdd = bench_words[bench_rand() % NWORDS];

			if (len + strlen(wdd) + 4 >= sizeof(body))
				break;
			len += (size_t)snprintf(body + len, sizeof(body) - len, "%s%s", wdd,
			    bench_rand() % 4 == 0 ? "。" : "");
		}
		item_meta_init(&g->m[i]);
		if (item_meta_set(&g->m[i], ITEM_F_TITLE, title) != GK_OK ||
		    item_meta_set(&g->m[i], ITEM_F_CATEGORY, bench_cats[i % NCATS]) != GK_OK ||
		    item_meta_set(&g->m[i], ITEM_F_WRITTEN, wd) != GK_OK ||
		    item_meta_set(&g->m[i], ITEM_F_BODY, body) != GK_OK)
			bench_die("generate", "内存不足");
		if (strcmp(bench_cats[i % NCATS], "工作动态") == 0 &&
		    item_meta_set(&g->m[i], ITEM_F_EVENT_END, wd) != GK_OK)
			bench_die("generate", "内存不足");
		g->bytes += strlen(title) + len;
		snprintf(g->dates[i][0], sizeof(g->dates[i][0]), "%sT09:30:00+08:00", cd);
		snprintf(g->dates[i][1], sizeof(g->dates[i][1]), "%sT16:00:00+08:00", pd);
		gk_date_format(w + 7, g->dates[i][2]);
		g->rows[i].meta = &g->m[i];
		g->rows[i].created_at = g->dates[i][0];
		if (late) {
			g->rows[i].state = WF_SUBMITTED;
			g->rows[i].due_date = g->dates[i][2];
			g->late++;
		} else {
			g->rows[i].state = WF_PUBLISHED;
			g->rows[i].published_at = g->dates[i][1];
		}
	}
}

/* The reference: the same rows into a bare table, same batches and pragmas. */
static double
bench_reference(const char *path, const struct gen *g, size_t n)
{
	sqlite3		*h;
	sqlite3_stmt	*st;
	const struct item_meta *m;
	double		 t0, t;
	size_t		 i;
	char		 ino[32];

	if (sqlite3_open(path, &h) != SQLITE_OK ||
	    sqlite3_exec(h, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; "
	    "CREATE TABLE bare (id INTEGER PRIMARY KEY, index_no TEXT, category TEXT, "
	    "title TEXT, written_date TEXT, body TEXT, state TEXT, created_at TEXT, "
	    "published_at TEXT, due_date TEXT)", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(h, "INSERT INTO bare (index_no, category, title, "
	    "written_date, body, state, created_at, published_at, due_date) "
	    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", -1, &st, NULL) != SQLITE_OK)
		bench_die("reference", sqlite3_errmsg(h));
	t0 = bench_now();
	for (i = 0; i < n; i++) {
		if (i % GK_IMPORT_BATCH == 0 && sqlite3_exec(h, "BEGIN IMMEDIATE",
		    NULL, NULL, NULL) != SQLITE_OK)
			bench_die("reference", sqlite3_errmsg(h));
		m = g->rows[i].meta;
		snprintf(ino, sizeof(ino), "%zu", i + 1);
		sqlite3_bind_text(st, 1, ino, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, item_meta_get(m, ITEM_F_CATEGORY), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 3, item_meta_get(m, ITEM_F_TITLE), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 4, item_meta_get(m, ITEM_F_WRITTEN), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 5, item_meta_get(m, ITEM_F_BODY), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 6, wf_state_name(g->rows[i].state), -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 7, g->rows[i].created_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 8, g->rows[i].published_at, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 9, g->rows[i].due_date, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			bench_die("reference", sqlite3_errmsg(h));
		sqlite3_reset(st);
		if ((i + 1) % GK_IMPORT_BATCH == 0 || i + 1 == n)
			if (sqlite3_exec(h, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
				bench_die("reference", sqlite3_errmsg(h));
	}
	t = bench_now() - t0;
	sqlite3_finalize(st);
	sqlite3_close(h);
	return t;
}

/*
 * The query plan of gk_item_list's statement for a category page (agency and
 * category set; a copy of the text item.c assembles for those filters).
 */
/* Prints the EXPLAIN QUERY PLAN rows of sql. */
static void
bench_explain(struct gk_db *db, const char *sql)
{
	sqlite3_stmt	*st;
	const char	*t;

	if (sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &st, NULL) != SQLITE_OK)
		bench_die("plan", sqlite3_errmsg(gk_db_sqlite(db)));
	while (sqlite3_step(st) == SQLITE_ROW)
		printf("    plan: %s\n", (t = (const char *)sqlite3_column_text(st, 3)) ?
		    t : "");
	sqlite3_finalize(st);
}

/*
 * The query plan of gk_item_list's statement for a category page (agency and
 * category set; a copy of the text item.c assembles for those filters).
 */
static void
bench_plan(struct gk_db *db)
{
	bench_explain(db, "EXPLAIN QUERY PLAN SELECT id FROM item "
	    "WHERE 1 AND agency_id = ?1 AND category_id = ?3 "
	    "ORDER BY created_at DESC, id DESC LIMIT ?5 OFFSET ?6");
}

static double
bench_file_mb(const char *path, off_t *bytes)
{
	struct stat sb;

	*bytes = stat(path, &sb) == 0 ? sb.st_size : 0;
	return (double)*bytes / 1e6;
}

int
main(int argc, char **argv)
{
	struct gk_db		*db;
	struct gen		 g;
	struct calendar		 cal;
	struct gk_import_error	 bad;
	struct gk_item_dues	 dues;
	struct gk_item_filter	 f;
	struct gk_item_list	 l;
	struct gk_item		 it;
	struct gk_audit_result	 ar;
	char			 dir[64], path[128], refpath[128], err[512];
	char			*buf;
	size_t			 n = 1000000, i, done, len;
	int64_t			 ag, cat, cnt, id;
	double			 t0, timp, tref, tover = 1e9, tpage = 1e9, tver, t;
	off_t			 fbytes;
	int			 c, k;
	FILE			*fp;

	while ((c = getopt(argc, argv, "n:s:")) != -1) {
		if (c == 'n')
			n = (size_t)strtoull(optarg, NULL, 10);
		else if (c == 's')
			bench_seed = bench_seed0 = strtoull(optarg, NULL, 10) | 1;
		else {
			fprintf(stderr, "usage: bench_store [-n items] [-s seed]\n");
			return 2;
		}
	}
	if (n < BENCH_MIN || n > BENCH_MAX) {
		fprintf(stderr, "bench_store: -n must be %d..%d\n", BENCH_MIN, BENCH_MAX);
		return 2;
	}
	/* The calendar for the overdue list. */
	if ((fp = fopen("data/cn-holidays.tsv", "rb")) == NULL)
		bench_die("data/cn-holidays.tsv", "cannot open (run from the repository root)");
	if ((buf = gk_malloc(1 << 20)) == NULL)
		bench_die("calendar", "内存不足");
	len = fread(buf, 1, (1 << 20) - 1, fp);
	fclose(fp);
	if (calendar_load(buf, len, &cal, err, sizeof(err)) != GK_OK)
		bench_die("calendar", err);
	gk_free(buf);

	snprintf(dir, sizeof(dir), "/tmp/gk-bench-store-XXXXXX");
	if (mkdtemp(dir) == NULL)
		bench_die("mkdtemp", "failed");
	snprintf(path, sizeof(path), "%s/store.db", dir);
	snprintf(refpath, sizeof(refpath), "%s/bare.db", dir);
	if (gk_db_open(path, &db, err, sizeof(err)) != GK_OK)
		bench_die("open", err);
	if (gk_agency_add(db, "admin", "盐边县财政局", BENCH_CODE, 0, "县级", BENCH_NOW,
	    &ag, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, ag, "admin", BENCH_NOW, err, sizeof(err)) != GK_OK ||
	    /* A year holds up to ~150,000 items here: six digits of sequence. */
	    gk_agency_setting_set(db, "admin", ag, GK_AGENCY_SETTING_INDEXNO,
	    BENCH_PATTERN, BENCH_NOW, err, sizeof(err)) != GK_OK)
		bench_die("setup", err);

	t0 = bench_now();
	bench_gen(&g, n);
	printf("bench_store: %zu items (%zu in review and late), %.1f MB of title+body "
	    "(%.0f bytes an item), seed %" PRIu64 ", generated in %.1f s\n", n, g.late,
	    (double)g.bytes / 1e6, (double)g.bytes / (double)n, bench_seed0, bench_now() - t0);

	/* Import. */
	t0 = bench_now();
	if (gk_item_import(db, ag, "admin", g.rows, n, BENCH_NOW, &done, &bad, err,
	    sizeof(err)) != GK_OK)
		bench_die("import", err);
	timp = bench_now() - t0;
	tref = bench_reference(refpath, &g, n);
	printf("  import:      %8.1f s  %9.0f items/s  (target >= %.0f: %s)\n", timp,
	    (double)n / timp, T_IMPORT, (double)n / timp >= T_IMPORT ? "met" : "NOT met");
	printf("  reference:   %8.1f s  %9.0f rows/s   (bare table, no audit, no index); "
	    "import is %.1fx\n", tref, (double)n / tref, timp / tref);

	/* Correctness of the import, untimed. */
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT (SELECT count(*) FROM item), "
	    "(SELECT count(*) FROM audit WHERE action = 'import'), "
	    "(SELECT count(DISTINCT index_no) FROM item)", -1, &st, NULL) != SQLITE_OK ||
	    sqlite3_step(st) != SQLITE_ROW)
		bench_die("count", sqlite3_errmsg(gk_db_sqlite(db)));
	if ((size_t)sqlite3_column_int64(st, 0) != n ||
	    (size_t)sqlite3_column_int64(st, 1) != n ||
	    (size_t)sqlite3_column_int64(st, 2) != n) {
		fprintf(stderr, "bench_store: counts wrong: %lld items, %lld audit, %lld 索引号\n",
		    (long long)sqlite3_column_int64(st, 0),
		    (long long)sqlite3_column_int64(st, 1),
		    (long long)sqlite3_column_int64(st, 2));
		return 1;
	}
	sqlite3_finalize(st);
	/*
	 * The middle row, found by its title (unique: "第N号"): the importer
	 * writes the rows in created_at order, so ids do not follow the input.
	 */
	i = n / 2 + 1;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id FROM item WHERE title = ?",
	    -1, &st, NULL) != SQLITE_OK)
		bench_die("sample", sqlite3_errmsg(gk_db_sqlite(db)));
	sqlite3_bind_text(st, 1, item_meta_get(&g.m[i], ITEM_F_TITLE), -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW)
		bench_die("sample", "row not found by its title");
	id = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (gk_item_get(db, id, &it, err, sizeof(err)) != GK_OK)
		bench_die("sample", err);
	if (strcmp(it.meta.f[ITEM_F_TITLE], item_meta_get(&g.m[i], ITEM_F_TITLE)) != 0 ||
	    strcmp(it.meta.f[ITEM_F_BODY], item_meta_get(&g.m[i], ITEM_F_BODY)) != 0 ||
	    strcmp(it.category_path, bench_cats[i % NCATS]) != 0 ||
	    it.state != g.rows[i].state) {
		fprintf(stderr, "bench_store: sample row %zu differs\n", i);
		return 1;
	}
	gk_item_clear(&it);

	/* The overdue list: best of 5. */
	for (k = 0; k < 5; k++) {
		t0 = bench_now();
		if (gk_item_overdue(db, ag, &cal, BENCH_TODAY, 0, &dues, err,
		    sizeof(err)) != GK_OK)
			bench_die("overdue", err);
		t = bench_now() - t0;
		if (t < tover)
			tover = t;
		cnt = (int64_t)dues.n;
		gk_item_dues_free(&dues);
	}
	if ((size_t)cnt != g.late) {
		fprintf(stderr, "bench_store: overdue list has %lld, expected %zu\n",
		    (long long)cnt, g.late);
		return 1;
	}
	printf("  overdue:     %8.2f ms (%lld items; target <= %.0f ms: %s)\n", tover * 1e3,
	    (long long)cnt, T_QUERY_MS, tover * 1e3 <= T_QUERY_MS ? "met" : "NOT met");
	bench_explain(db, "EXPLAIN QUERY PLAN SELECT id, index_no, title, due_date "
	    "FROM item WHERE state IN ('draft', 'submitted', 'reviewed', 'approved') "
	    "AND due_date IS NOT NULL AND (?1 = 0 OR agency_id = ?1) "
	    "ORDER BY due_date, id");

	/* The next 索引号 of 2025 (what gk_item_create looks up): best of 5. */
	{
		struct indexno_fields	 key;
		int64_t			 seq = 0, want;
		double			 tseq = 1e9;

		memset(&key, 0, sizeof(key));
		key.code = BENCH_CODE;
		key.year = 2025;
		for (k = 0; k < 5; k++) {
			t0 = bench_now();
			if (gk_indexno_max_seq(db, ag, BENCH_PATTERN, INDEXNO_F_CODE |
			    INDEXNO_F_YEAR | INDEXNO_F_SEQ, 6, &key, &seq, err,
			    sizeof(err)) != GK_OK)
				bench_die("索引号", err);
			if ((t = bench_now() - t0) < tseq)
				tseq = t;
		}
		if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT count(*) FROM item "
		    "WHERE index_no LIKE '%/2025-%'", -1, &st, NULL) != SQLITE_OK ||
		    sqlite3_step(st) != SQLITE_ROW)
			bench_die("索引号", sqlite3_errmsg(gk_db_sqlite(db)));
		want = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
		if (seq != want) {
			fprintf(stderr, "bench_store: 2025's highest sequence %lld, expected "
			    "%lld\n", (long long)seq, (long long)want);
			return 1;
		}
		printf("  next 索引号 of 2025 (%lld taken): %.3f ms\n", (long long)seq,
		    tseq * 1e3);
	}

	/* A category page: newest 20 of 招商引资, page 1 and page 100. */
	if (gk_category_lookup(db, ag, "招商引资", &cat, err, sizeof(err)) != GK_OK)
		bench_die("category", err);
	memset(&f, 0, sizeof(f));
	f.agency_id = ag;
	f.state = -1;
	f.category_id = cat;
	f.limit = 20;
	for (k = 0; k < 3; k++) {
		t0 = bench_now();
		if (gk_item_list(db, &f, &l, err, sizeof(err)) != GK_OK)
			bench_die("list", err);
		t = bench_now() - t0;
		if (t < tpage)
			tpage = t;
		if (k < 2)
			gk_item_list_free(&l);
	}
	if (l.n != 20)
		bench_die("list", "page is not 20 items");
	for (i = 0; i < l.n; i++)
		if (l.v[i].category_id != cat || (i > 0 &&
		    strcmp(l.v[i - 1].created_at, l.v[i].created_at) < 0))
			bench_die("list", "wrong category or order");
	gk_item_list_free(&l);
	printf("  category page (newest 20 of one category): %.2f ms (target <= %.0f ms: %s)\n",
	    tpage * 1e3, T_QUERY_MS, tpage * 1e3 <= T_QUERY_MS ? "met" : "NOT met");
	bench_plan(db);

	/* The audit chain. */
	t0 = bench_now();
	if (gk_audit_verify(db, &ar, err, sizeof(err)) != GK_OK)
		bench_die("verify", err);
	tver = bench_now() - t0;
	if (ar.fault != GK_AUDIT_INTACT || (size_t)ar.entries < n)
		bench_die("verify", ar.msg);
	printf("  audit verify: %7.1f s  %9.0f entries/s (%lld entries, intact)\n", tver,
	    (double)ar.entries / tver, (long long)ar.entries);

	/* The file, after a checkpoint. */
	sqlite3_exec(gk_db_sqlite(db), "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);
	t = bench_file_mb(path, &fbytes);
	printf("  file:        %8.1f MB  (%.0f bytes an item, audit included)", t,
	    (double)fbytes / (double)n);
	t = bench_file_mb(refpath, &fbytes);
	printf("; bare table %.1f MB\n", t);

	gk_db_close(db);
	calendar_clear(&cal);
	for (i = 0; i < n; i++)
		item_meta_clear(&g.m[i]);
	gk_free(g.m);
	gk_free(g.rows);
	gk_free(g.dates);
	snprintf(err, sizeof(err), "%s/store.db", dir);
	unlink(err);
	snprintf(err, sizeof(err), "%s/store.db-wal", dir);
	unlink(err);
	snprintf(err, sizeof(err), "%s/store.db-shm", dir);
	unlink(err);
	snprintf(err, sizeof(err), "%s/bare.db", dir);
	unlink(err);
	snprintf(err, sizeof(err), "%s/bare.db-wal", dir);
	unlink(err);
	snprintf(err, sizeof(err), "%s/bare.db-shm", dir);
	unlink(err);
	rmdir(dir);
	return 0;
}
