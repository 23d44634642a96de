/*
 * search.c — STUB until the search module lands (issue 5): registers
 * nothing and answers every query with an error.
 */
#include <stdio.h>

#include "store/search.h"

int
gk_search_register(sqlite3 *h)
{
	(void)h;
	return 0;
}

enum gk_err
gk_search_query(struct gk_db *db, const struct gk_search_q *q, struct gk_search_result *r,
    char *err, size_t errlen)
{
	(void)db;
	(void)q;
	r->v = NULL;
	r->n = 0;
	r->total = 0;
	snprintf(err, errlen, "全文检索尚未建立");
	return GK_EINVAL;
}

void
gk_search_result_free(struct gk_search_result *r)
{
	(void)r;
}
