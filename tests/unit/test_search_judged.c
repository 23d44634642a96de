/*
 * test_search_judged.c — search quality on a judged query set: the 150
 * items of tests/search/corpus.tsv (realistic items of a county bureau,
 * written by tests/search/make_corpus.py) are imported through the store;
 * for each query of tests/search/judged.tsv every item a person would
 * expect must be on the first page (10 results), and on that page no
 * item whose title holds every term of the query comes after one whose
 * title does not (title matches rank above body-only matches). Prints
 * recall@10, the mean reciprocal rank of the first expected item and the
 * number of queries answered by the relaxed fallback.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "harness.h"
#include "core/item.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/import.h"
#include "store/search.h"

#define CODE_A	"11510422MB1234567Y"	/* checked by hand in test_store_item.c */
#define NOW	"2025-12-31T10:00:00+08:00"
#define MAXROWS	400

static struct {
	char		 dir[64], path[128];
	struct gk_db	*db;
	int64_t		 ag;
	char		*key[MAXROWS];
	int64_t		 id[MAXROWS];
	size_t		 n;
} F;

static char *
field(char **p)
{
	char *s = *p, *t;

	if (s == NULL)
		return NULL;
	if ((t = strchr(s, '\t')) != NULL) {
		*t = '\0';
		*p = t + 1;
	} else
		*p = NULL;
	return s;
}

static int
setup(void **state)
{
	struct item_meta	*m;
	struct gk_import_row	*rows;
	char			(*dates)[2][40];
	char			 err[512], *buf, *line, *next, *p;
	char			*title[MAXROWS];
	size_t			 len, n = 0, i;
	sqlite3_stmt		*st;

	(void)state;
	memset(&F, 0, sizeof(F));
	snprintf(F.dir, sizeof(F.dir), "/tmp/gk-judged-XXXXXX");
	assert_non_null(mkdtemp(F.dir));
	snprintf(F.path, sizeof(F.path), "%s/t.db", F.dir);
	if (gk_db_open(F.path, &F.db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	assert_int_equal(gk_agency_add(F.db, "admin", "盐边县经济合作和商务局", CODE_A, 0,
	    "县级", NOW, &F.ag, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err,
	    sizeof(err)), GK_OK);
	buf = gk_test_slurp("tests/search/corpus.tsv", &len);
	m = calloc(MAXROWS, sizeof(*m));
	rows = calloc(MAXROWS, sizeof(*rows));
	dates = calloc(MAXROWS, sizeof(*dates));
	assert_non_null(m);
	assert_non_null(rows);
	assert_non_null(dates);
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		char *key, *cat, *day, *body;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		assert_true(n < MAXROWS);
		p = line;
		key = field(&p);
		cat = field(&p);
		day = field(&p);
		title[n] = field(&p);
		body = field(&p);
		assert_non_null(body);
		item_meta_init(&m[n]);
		item_meta_set(&m[n], ITEM_F_TITLE, title[n]);
		item_meta_set(&m[n], ITEM_F_CATEGORY, cat);
		item_meta_set(&m[n], ITEM_F_WRITTEN, day);
		item_meta_set(&m[n], ITEM_F_BODY, body);
		if (strcmp(cat, "工作动态") == 0)
			item_meta_set(&m[n], ITEM_F_EVENT_END, day);
		snprintf(dates[n][0], sizeof(dates[n][0]), "%sT09:00:00+08:00", day);
		snprintf(dates[n][1], sizeof(dates[n][1]), "%sT16:00:00+08:00", day);
		rows[n].meta = &m[n];
		rows[n].state = WF_PUBLISHED;
		rows[n].created_at = dates[n][0];
		rows[n].published_at = dates[n][1];
		F.key[n] = strdup(key);
		n++;
	}
	if (gk_item_import(F.db, F.ag, "admin", rows, n, NOW, NULL, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("import: %s", err);
	/* Import orders rows by date: find each key's id by its (unique) title. */
	assert_int_equal(sqlite3_prepare_v2(gk_db_sqlite(F.db),
	    "SELECT id FROM item WHERE title = ?1", -1, &st, NULL), SQLITE_OK);
	for (i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, title[i], -1, SQLITE_STATIC);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		F.id[i] = sqlite3_column_int64(st, 0);
		sqlite3_reset(st);
		item_meta_clear(&m[i]);
	}
	sqlite3_finalize(st);
	F.n = n;
	assert_int_equal(gk_test_int(F.db, "SELECT count(*) FROM item_fts"), (int64_t)n);
	free(m);
	free(rows);
	free(dates);
	free(buf);
	return 0;
}

static int
teardown(void **state)
{
	char	 cmd[160];
	size_t	 i;

	(void)state;
	for (i = 0; i < F.n; i++)
		free(F.key[i]);
	gk_db_close(F.db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", F.dir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static int64_t
key_id(const char *key)
{
	size_t i;

	for (i = 0; i < F.n; i++)
		if (strcmp(F.key[i], key) == 0)
			return F.id[i];
	fail_msg("no item %s in the corpus", key);
	return 0;
}

/* 1 when the item's plain title contains every space-separated term (ASCII case folded). */
static int
title_has_all(int64_t id, const char *q)
{
	char	 sql[128], title[1024], terms[256], *t, *save = NULL;
	size_t	 i;

	snprintf(sql, sizeof(sql), "SELECT lower(title) FROM item WHERE id = %lld", (long long)id);
	gk_test_text(F.db, sql, title, sizeof(title));
	snprintf(terms, sizeof(terms), "%s", q);
	for (i = 0; terms[i] != '\0'; i++)
		if (terms[i] >= 'A' && terms[i] <= 'Z')
			terms[i] = (char)(terms[i] - 'A' + 'a');
	for (t = strtok_r(terms, " ", &save); t != NULL; t = strtok_r(NULL, " ", &save))
		if (strstr(title, t) == NULL)
			return 0;
	return 1;
}

static void
judged_pass(int64_t limit)
{
	struct gk_search_q	 s;
	struct gk_search_result	 r;
	char			 err[256], *buf, *line, *next, *p, *q, *keys, *k, *save;
	size_t			 len, nq = 0, nexp = 0, nfound = 0, nrelaxed = 0, bad = 0, i;
	size_t			 order_bad = 0;
	double			 mrr = 0;

	gk_search_set_rank_limit(limit);
	buf = gk_test_slurp("tests/search/judged.tsv", &len);
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		int	 first = 0, seen_body_only = 0;

		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		p = line;
		q = field(&p);
		keys = field(&p);
		assert_non_null(keys);
		memset(&s, 0, sizeof(s));
		s.q = q;
		s.sort = GK_SEARCH_RELEVANCE;
		s.page = 1;
		s.per_page = 10;
		if (gk_search_query(F.db, &s, &r, err, sizeof(err)) != GK_OK)
			fail_msg("%s: %s", q, err);
		nq++;
		nrelaxed += r.relaxed != 0;
		if (r.relaxed)
			print_message("relaxed: %s (total %lld)\n", q, (long long)r.total);
		for (k = strtok_r(keys, ",", &save); k != NULL; k = strtok_r(NULL, ",", &save)) {
			int64_t	 id = key_id(k);
			int	 at = 0;

			nexp++;
			for (i = 0; i < r.n; i++)
				if (r.v[i].item_id == id)
					at = (int)i + 1;
			if (at > 0) {
				nfound++;
				if (first == 0 || at < first)
					first = at;
			} else {
				print_message("MISS %s: %s not on the first page (total %lld)\n",
				    q, k, (long long)r.total);
				bad++;
			}
		}
		if (first > 0)
			mrr += 1.0 / first;
		/* Title matches before body-only matches. */
		for (i = 0; i < r.n; i++) {
			int tm = title_has_all(r.v[i].item_id, q);

			if (!tm)
				seen_body_only = 1;
			else if (seen_body_only) {
				print_message("ORDER %s: title match at %zu after a body-only match\n",
				    q, i + 1);
				order_bad++;
			}
		}
		gk_search_result_free(&r);
	}
	free(buf);
	gk_search_set_rank_limit(0);
	print_message("judged (rank limit %lld): %zu queries, %zu expected items, %zu on the first page "
	    "(recall@10 %.1f%%), MRR %.3f, %zu answered by the relaxed fallback, "
	    "%zu order violations\n", (long long)limit, nq, nexp, nfound, 100.0 * (double)nfound / (double)nexp,
	    mrr / (double)nq, nrelaxed, order_bad);
	assert_true(nq >= 30);
	assert_int_equal(order_bad, 0);
	if (limit == 0)
		assert_int_equal(bad, 0);
}

static void
judged(void **state)
{
	(void)state;
	judged_pass(0);
}

/*
 * The same queries with tiered ranking from 5 matches on (as a query with
 * more than 2,000 matches is ranked at scale): title matches still come
 * first; the recall it keeps is printed, not asserted.
 */
static void
judged_tiered(void **state)
{
	(void)state;
	judged_pass(5);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(judged, setup, teardown),
	cmocka_unit_test_setup_teardown(judged_tiered, setup, teardown),
};

GK_TEST_MAIN("search_judged", tests)
