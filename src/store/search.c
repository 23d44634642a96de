/*
 * search.c — full-text search over published items (docs/search.md).
 *
 * The indexes are the FTS5 tables item_fts (title, body and the filter
 * tags) and item_title_fts (title and tags) of exactly the items in state
 * 'published' (schema v12), external content read through the view
 * item_fts_src, kept in step by triggers on item in the same transaction
 * as the change (publish, withdraw, edit of a published item or of the
 * columns behind the tags, import, deletion), so no write path can forget
 * them. The rank is gk_rank (below) with the title weighted 10 to the
 * body's 1.
 *
 * This file holds the FTS5 glue of the tokenizer (core/cjk_token.c), the
 * parsing of the user's words into a safe FTS5 expression (every term a
 * quoted string: FTS5 syntax in the input has no effect), the query with
 * its filters, and the highlighting of titles and snippets, done here
 * with the same tokenizer so the <mark>s are exact and every byte is
 * HTML-escaped (FTS5's highlight() and snippet() escape nothing).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "core/cjk_token.h"
#include "core/escape.h"
#include "store/db.h"
#include "store/search.h"

#define Q_MAX_CHARS	100	/* characters of the user's words */
#define Q_MAX_TERMS	16
#define Q_MAX_TOKENS	128
#define Q_MAX_TOKENS_RANK	Q_MAX_TOKENS	/* phrases gk_rank weighs */
#define SNIP_BEFORE	36	/* bytes of context before the first match (~12 Han) */
#define SNIP_LEN	270	/* bytes of a snippet (~90 Han characters) */

/* --- the FTS5 tokenizer ------------------------------------------------ */

struct fts_tok_ctx {
	void	*ctx;
	int	(*xToken)(void *, int, const char *, int, int, int);
};

static int
fts_tok_cb(void *arg, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct fts_tok_ctx *c = arg;

	return c->xToken(c->ctx, (flags & GK_CJK_COLOCATED) ? FTS5_TOKEN_COLOCATED : 0,
	    tok, (int)len, (int)start, (int)end);
}

static int	fts_tok_instance;	/* the tokenizer has no state: one shared handle */

static int
fts_create(void *ud, const char **argv, int argc, Fts5Tokenizer **out)
{
	(void)ud;
	(void)argv;
	if (argc != 0)
		return SQLITE_ERROR;
	*out = (Fts5Tokenizer *)&fts_tok_instance;
	return SQLITE_OK;
}

static void
fts_delete(Fts5Tokenizer *t)
{
	(void)t;
}

static int
fts_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int ntext,
    int (*xToken)(void *, int, const char *, int, int, int))
{
	struct fts_tok_ctx c;

	(void)t;
	if (ntext <= 0)
		return SQLITE_OK;
	c.ctx = ctx;
	c.xToken = xToken;
	/* Documents and highlighting (AUX) index unigrams too; queries do not. */
	return gk_cjk_tokenize(text, (size_t)ntext, (flags & FTS5_TOKENIZE_QUERY) ?
	    GK_CJK_QUERY : GK_CJK_DOC, fts_tok_cb, &c);
}

/* --- the filter tags (schema v12) --------------------------------------- */

/* The tag of a validity: v1 有效, v2 失效, v3 废止, v0 anything else. */
static const char *
validity_tag(const char *v)
{
	if (v == NULL)
		return "v0";
	if (strcmp(v, "有效") == 0)
		return "v1";
	if (strcmp(v, "失效") == 0)
		return "v2";
	if (strcmp(v, "废止") == 0)
		return "v3";
	return "v0";
}

/*
 * gk_search_tags(agency_id, category_id, published_at, validity): the text
 * of the tags column of item_fts and item_title_fts — "a<agency> c<category,
 * 0 for none> y<year of publication, when published> v<validity code>",
 * words of Latin letters and digits for the tokenizer. A filtered search
 * matches them in the column {tags} (q_tags), which the user's words never
 * reach (they are searched in {title body}).
 */
static void
tags_fn(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	char		 out[96], year[8] = "";
	const char	*pub = (const char *)sqlite3_value_text(argv[2]);

	(void)argc;
	if (pub != NULL && strlen(pub) >= 4 && pub[0] >= '0' && pub[0] <= '9' &&
	    pub[1] >= '0' && pub[1] <= '9' && pub[2] >= '0' && pub[2] <= '9' &&
	    pub[3] >= '0' && pub[3] <= '9')
		snprintf(year, sizeof(year), " y%.4s", pub);
	snprintf(out, sizeof(out), "a%lld c%lld%s %s",
	    (long long)sqlite3_value_int64(argv[0]), (long long)sqlite3_value_int64(argv[1]),
	    year, validity_tag((const char *)sqlite3_value_text(argv[3])));
	sqlite3_result_text(ctx, out, -1, SQLITE_TRANSIENT);
}

/* --- the rank (schema v12) --------------------------------------------- */

#define RANK_K1		1.2
#define RANK_B		0.75
#define RANK_MAXCOL	4

/*
 * gk_rank(w0, w1, ...): an FTS5 auxiliary function, the rank of item_fts
 * (gk_rank(10, 1, 0): title, body, tags) and item_title_fts. It is BM25's
 * term-frequency saturation and length normalisation, summed over the
 * phrases and weighted per column, without the IDF: FTS5's bm25() computes
 * each phrase's IDF by reading every match of the phrase in the whole index
 * (a million rows for a common word) before the first row, whatever the
 * filters. Within one phrase the order is bm25's; across phrases each counts
 * the same. Lower is better (FTS5's convention): the negated score.
 */
static void
rank_fn(const Fts5ExtensionApi *api, Fts5Context *fc, sqlite3_context *ctx, int nval,
    sqlite3_value **val)
{
	int		 ncol = api->xColumnCount(fc), nphr = api->xPhraseCount(fc);
	int		 ninst = 0, i, c, ph, col, off;
	int		 tf[Q_MAX_TOKENS_RANK][RANK_MAXCOL];
	double		 w[RANK_MAXCOL], avg[RANK_MAXCOL], len[RANK_MAXCOL], score = 0.0;
	sqlite3_int64	 nrow = 0, tot = 0;
	int		 clen;

	if (ncol > RANK_MAXCOL)
		ncol = RANK_MAXCOL;
	if (nphr > Q_MAX_TOKENS_RANK)
		nphr = Q_MAX_TOKENS_RANK;
	memset(tf, 0, sizeof(tf));
	if (api->xRowCount(fc, &nrow) != SQLITE_OK || nrow < 1)
		nrow = 1;
	for (c = 0; c < ncol; c++) {
		w[c] = c < nval ? sqlite3_value_double(val[c]) : 1.0;
		avg[c] = len[c] = 1.0;
		if (w[c] == 0.0)
			continue;
		if (api->xColumnTotalSize(fc, c, &tot) == SQLITE_OK && tot > 0)
			avg[c] = (double)tot / (double)nrow;
		if (api->xColumnSize(fc, c, &clen) == SQLITE_OK)
			len[c] = (double)clen;
	}
	if (api->xInstCount(fc, &ninst) != SQLITE_OK) {
		sqlite3_result_error(ctx, "gk_rank: no instances", -1);
		return;
	}
	for (i = 0; i < ninst; i++)
		if (api->xInst(fc, i, &ph, &col, &off) == SQLITE_OK && ph >= 0 &&
		    ph < nphr && col >= 0 && col < ncol)
			tf[ph][col]++;
	for (ph = 0; ph < nphr; ph++)
		for (c = 0; c < ncol; c++) {
			double f = (double)tf[ph][c];

			if (f > 0.0 && w[c] != 0.0)
				score += w[c] * f * (RANK_K1 + 1.0) / (f + RANK_K1 *
				    (1.0 - RANK_B + RANK_B * len[c] / avg[c]));
		}
	sqlite3_result_double(ctx, -score);
}

int
gk_search_register(sqlite3 *h)
{
	static fts5_tokenizer	 tok = { fts_create, fts_delete, fts_tokenize };
	sqlite3_stmt		*st;
	fts5_api		*api = NULL;
	int			 rc;

	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
		return SQLITE_ERROR;	/* SQLite built without FTS5 */
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	(void)sqlite3_step(st);
	rc = sqlite3_finalize(st);
	if (rc != SQLITE_OK || api == NULL || api->iVersion < 2)
		return SQLITE_ERROR;
	if ((rc = api->xCreateTokenizer(api, "gk_cjk", NULL, &tok, NULL)) != SQLITE_OK ||
	    (rc = api->xCreateFunction(api, "gk_rank", NULL, rank_fn, NULL)) != SQLITE_OK)
		return rc;
	return sqlite3_create_function_v2(h, "gk_search_tags", 4, SQLITE_UTF8 |
	    SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, NULL, tags_fn, NULL, NULL, NULL);
}

/* --- the user's words -------------------------------------------------- */

struct qparse {
	struct gk_buf	 expr;		/* the FTS5 expression */
	char		*tok[Q_MAX_TOKENS];	/* query tokens, for the highlighter */
	size_t		 ntok;
	size_t		 nterms;
	int		 oom;
};

static int
q_tok_cb(void *arg, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct qparse	*p = arg;
	size_t		 i;

	(void)flags;
	(void)start;
	(void)end;
	for (i = 0; i < p->ntok; i++)
		if (strlen(p->tok[i]) == len && memcmp(p->tok[i], tok, len) == 0)
			return 0;
	if (p->ntok == Q_MAX_TOKENS)
		return 0;
	if ((p->tok[p->ntok] = gk_strndup(tok, len)) == NULL) {
		p->oom = 1;
		return 1;
	}
	p->ntok++;
	return 0;
}

static int
count_cb(void *arg, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	(void)flags;
	(void)tok;
	(void)len;
	(void)start;
	(void)end;
	(*(size_t *)arg)++;
	return 0;
}

/* Adds one term (a word or a quoted phrase) as an FTS5 string. */
static void
q_term(struct qparse *p, const char *s, size_t len)
{
	size_t	 n = 0;

	(void)gk_cjk_tokenize(s, len, GK_CJK_QUERY, count_cb, &n);
	if (n == 0 || p->nterms == Q_MAX_TERMS)
		return;		/* only punctuation: nothing to look for */
	if (p->nterms > 0)
		gk_buf_puts(&p->expr, " AND ");
	/* The term holds no '"' (it delimits terms), so quoting is complete. */
	gk_buf_putc(&p->expr, '"');
	gk_buf_append(&p->expr, s, len);
	gk_buf_putc(&p->expr, '"');
	p->nterms++;
	if (gk_cjk_tokenize(s, len, GK_CJK_QUERY, q_tok_cb, p) != 0 && p->oom)
		return;
}

static void
qparse_free(struct qparse *p)
{
	size_t	 i;

	gk_buf_clear(&p->expr);
	for (i = 0; i < p->ntok; i++)
		gk_free(p->tok[i]);
	p->ntok = 0;
}

/* Separators of terms: ASCII white space and the ideographic space U+3000. */
static size_t
q_space(const unsigned char *s, size_t len)
{
	if (len >= 1 && (s[0] == ' ' || s[0] == '\t' || s[0] == '\n' || s[0] == '\r'))
		return 1;
	if (len >= 3 && s[0] == 0xE3 && s[1] == 0x80 && s[2] == 0x80)
		return 3;
	return 0;
}

/* Quotes: '"' and the Chinese “ ” (U+201C, U+201D). */
static size_t
q_quote(const unsigned char *s, size_t len)
{
	if (len >= 1 && s[0] == '"')
		return 1;
	if (len >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x9C || s[2] == 0x9D))
		return 3;
	return 0;
}

static enum gk_err
q_parse(const char *q, struct qparse *p, char *err, size_t errlen)
{
	const unsigned char	*u = (const unsigned char *)q;
	size_t			 len, i, n, chars = 0, start;
	unsigned int		 cp;
	int			 inq = 0;

	memset(p, 0, sizeof(*p));
	gk_buf_init(&p->expr, 4096);
	if (q == NULL)
		q = "";
	len = strlen(q);
	for (i = 0; i < len; i += n, chars++) {
		if ((n = gk_cjk_utf8_next(u + i, len - i, &cp)) == 0) {
			snprintf(err, errlen, "检索词含有无效字符");
			return GK_EINVAL;
		}
	}
	if (chars > Q_MAX_CHARS) {
		snprintf(err, errlen, "检索词过长：最多 %d 个字，现有 %zu 个字",
		    Q_MAX_CHARS, chars);
		return GK_EINVAL;
	}
	i = 0;
	while (i < len) {
		if ((n = q_quote(u + i, len - i)) > 0) {
			inq = !inq;
			i += n;
			continue;
		}
		if (!inq && (n = q_space(u + i, len - i)) > 0) {
			i += n;
			continue;
		}
		start = i;
		while (i < len && q_quote(u + i, len - i) == 0 &&
		    (inq || q_space(u + i, len - i) == 0))
			i++;
		q_term(p, q + start, i - start);
	}
	if (p->oom || p->expr.err != GK_OK) {
		qparse_free(p);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	if (p->nterms == 0) {
		qparse_free(p);
		snprintf(err, errlen, "请输入检索词（汉字、字母或数字）");
		return GK_EINVAL;
	}
	return GK_OK;
}

/*
 * The fallback when nothing matches every term: any of the query's tokens
 * (bigrams, lone characters, words), ranked by gk_rank so the items sharing
 * the most of them come first. Tokens hold no '"'.
 */
static enum gk_err
q_relax(struct qparse *p)
{
	size_t	 i;

	gk_buf_clear(&p->expr);
	gk_buf_init(&p->expr, 8192);
	for (i = 0; i < p->ntok; i++) {
		if (i > 0)
			gk_buf_puts(&p->expr, " OR ");
		gk_buf_putc(&p->expr, '"');
		gk_buf_puts(&p->expr, p->tok[i]);
		gk_buf_putc(&p->expr, '"');
	}
	return p->expr.err;
}

/* --- highlighting ------------------------------------------------------ */

struct hl {
	const struct qparse	*p;
	unsigned char		*mask;	/* 1 for bytes inside a match */
	size_t			 first;	/* start of the first match, or SIZE_MAX */
	size_t			 nmatch;
};

static int
hl_cb(void *arg, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct hl	*h = arg;
	size_t		 i;

	(void)flags;
	for (i = 0; i < h->p->ntok; i++)
		if (strlen(h->p->tok[i]) == len && memcmp(h->p->tok[i], tok, len) == 0)
			break;
	if (i == h->p->ntok)
		return 0;
	memset(h->mask + start, 1, end - start);
	if (start < h->first)
		h->first = start;
	h->nmatch++;
	return 0;
}

static int
is_cont(unsigned char c)
{
	return (c & 0xC0) == 0x80;
}

/*
 * Appends s[a, b) HTML-escaped with matches in <mark>. In a snippet
 * (flat), runs of white space become one space and the Markdown marks
 * # * ` | > are left out.
 */
static void
hl_put(struct gk_buf *out, const char *s, const unsigned char *mask, size_t a, size_t b,
    int flat)
{
	size_t	 i, j;
	int	 in = 0, sp = 0;

	for (i = a; i < b; i = j) {
		unsigned char c = (unsigned char)s[i];

		if (mask[i] != in) {
			gk_buf_puts(out, mask[i] ? "<mark>" : "</mark>");
			in = mask[i];
		}
		j = i + 1;
		if (flat && !in) {
			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				if (!sp)
					gk_buf_putc(out, ' ');
				sp = 1;
				continue;
			}
			if (c == '#' || c == '*' || c == '`' || c == '|' || c == '>')
				continue;
		}
		sp = 0;
		while (j < b && is_cont((unsigned char)s[j]) && mask[j] == in)
			j++;
		gk_buf_put_html(out, s + i, j - i);
	}
	if (in)
		gk_buf_puts(out, "</mark>");
}

/*
 * The title with every match marked (whole), or a passage of the body
 * around its first match (its beginning when the body has none).
 */
static char *
hl_render(const struct qparse *p, const char *s, int snippet)
{
	struct gk_buf	 out;
	struct hl	 h;
	size_t		 len = strlen(s), a, b;

	gk_buf_init(&out, 0);
	h.p = p;
	h.first = SIZE_MAX;
	h.nmatch = 0;
	if ((h.mask = gk_calloc(len + 1, 1)) == NULL)
		return NULL;
	(void)gk_cjk_tokenize(s, len, GK_CJK_DOC, hl_cb, &h);
	if (!snippet) {
		hl_put(&out, s, h.mask, 0, len, 0);
	} else {
		a = 0;
		if (h.first != SIZE_MAX && h.first > SNIP_BEFORE)
			a = h.first - SNIP_BEFORE;
		while (a > 0 && a < len && is_cont((unsigned char)s[a]))
			a--;
		b = a + SNIP_LEN < len ? a + SNIP_LEN : len;
		while (b < len && is_cont((unsigned char)s[b]))
			b++;
		/* Never end inside a match. */
		while (b < len && h.mask[b])
			b++;
		if (a > 0)
			gk_buf_puts(&out, "…");
		hl_put(&out, s, h.mask, a, b, 1);
		if (b < len)
			gk_buf_puts(&out, "…");
	}
	gk_free(h.mask);
	if (out.err != GK_OK) {
		gk_buf_clear(&out);
		return NULL;
	}
	if (out.data == NULL)
		return gk_strdup("");
	return gk_buf_take(&out, NULL);
}

/* --- the query --------------------------------------------------------- */

static const char *
validity_ok(const char *v)
{
	if (v == NULL || v[0] == '\0')
		return "";
	if (strcmp(v, "有效") == 0 || strcmp(v, "失效") == 0 || strcmp(v, "废止") == 0)
		return v;
	return NULL;
}

/*
 * The filters on item i, each " AND ...": only for the date walk
 * (ORD_WALK), which reads the items from the index item_published; every
 * other statement filters with the tags (q_tags).
 */
static void
q_filters(struct gk_buf *sql, const struct gk_search_q *q)
{
	if (q->agency_id > 0)
		gk_buf_puts(sql, " AND i.agency_id = ?2");
	if (q->category_id > 0)
		gk_buf_puts(sql, " AND i.category_id IN (WITH RECURSIVE sub(id) AS "
		    "(SELECT ?3 UNION SELECT c.id FROM category c JOIN sub "
		    "ON c.parent_id = sub.id) SELECT id FROM sub)");
	if (q->year > 0)
		gk_buf_puts(sql, " AND i.published_at >= ?4 AND i.published_at < ?5");
	if (q->validity != NULL && q->validity[0] != '\0')
		gk_buf_puts(sql, " AND i.validity = ?6");
}

static void
q_bind(sqlite3_stmt *st, const struct gk_search_q *q, const char *expr)
{
	char	 y0[16], y1[16];

	snprintf(y0, sizeof(y0), "%04d", q->year);
	snprintf(y1, sizeof(y1), "%04d", q->year + 1);
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	if (q->agency_id > 0)
		sqlite3_bind_int64(st, 2, q->agency_id);
	if (q->category_id > 0)
		sqlite3_bind_int64(st, 3, q->category_id);
	if (q->year > 0) {
		sqlite3_bind_text(st, 4, y0, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 5, y1, -1, SQLITE_TRANSIENT);
	}
	if (q->validity != NULL && q->validity[0] != '\0')
		sqlite3_bind_text(st, 6, q->validity, -1, SQLITE_STATIC);
}

/* Categories a filter reaches at most: the chosen one and its descendants. */
#define Q_MAX_CATEGORIES	256

/*
 * The filters as an FTS5 expression over the tags column (gk_search_tags),
 * appended to f: "" when there is none, else " AND ({tags} : (...))". The
 * category filter reaches its subcategories: their ids are read here, at
 * most Q_MAX_CATEGORIES (more is refused as GK_EINVAL).
 */
static enum gk_err
q_tags(sqlite3 *h, const struct gk_search_q *q, struct gk_buf *f)
{
	sqlite3_stmt	*st;
	int		 n = 0, rc, any = 0;

	if (q->agency_id <= 0 && q->category_id <= 0 && q->year <= 0 &&
	    (q->validity == NULL || q->validity[0] == '\0'))
		return GK_OK;
	gk_buf_puts(f, " AND ({tags} : (");
	if (q->agency_id > 0) {
		gk_buf_printf(f, "\"a%lld\"", (long long)q->agency_id);
		any = 1;
	}
	if (q->year > 0) {
		gk_buf_printf(f, "%s\"y%04d\"", any ? " AND " : "", q->year);
		any = 1;
	}
	if (q->validity != NULL && q->validity[0] != '\0') {
		gk_buf_printf(f, "%s\"%s\"", any ? " AND " : "", validity_tag(q->validity));
		any = 1;
	}
	if (q->category_id > 0) {
		if (sqlite3_prepare_v2(h, "WITH RECURSIVE sub(id) AS (SELECT ?1 UNION "
		    "SELECT c.id FROM category c JOIN sub ON c.parent_id = sub.id) "
		    "SELECT id FROM sub LIMIT ?2", -1, &st, NULL) != SQLITE_OK)
			return GK_EDB;
		sqlite3_bind_int64(st, 1, q->category_id);
		sqlite3_bind_int(st, 2, Q_MAX_CATEGORIES + 1);
		gk_buf_printf(f, "%s(", any ? " AND " : "");
		while ((rc = sqlite3_step(st)) == SQLITE_ROW && n <= Q_MAX_CATEGORIES)
			gk_buf_printf(f, "%s\"c%lld\"", n++ > 0 ? " OR " : "",
			    (long long)sqlite3_column_int64(st, 0));
		sqlite3_finalize(st);
		if (rc != SQLITE_DONE && rc != SQLITE_ROW)
			return GK_EDB;
		if (n > Q_MAX_CATEGORIES)
			return GK_EINVAL;
		gk_buf_putc(f, ')');
	}
	gk_buf_puts(f, "))");
	return f->err;
}

static char *
col_dup(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);

	return gk_strdup(s != NULL ? s : "");
}

static void
hit_clear(struct gk_search_hit *h)
{
	gk_free(h->title_html);
	gk_free(h->snippet_html);
	gk_free(h->agency);
	gk_free(h->category);
	gk_free(h->index_no);
}

void
gk_search_result_free(struct gk_search_result *r)
{
	size_t	 i;

	if (r == NULL)
		return;
	for (i = 0; i < r->n; i++)
		hit_clear(&r->v[i]);
	gk_free(r->v);
	r->v = NULL;
	r->n = 0;
	r->total = 0;
	r->total_capped = 0;
	r->relaxed = 0;
}

/* Fills the hit's columns from the item row. */
static enum gk_err
hit_fill(sqlite3_stmt *det, const struct qparse *p, struct gk_search_hit *h)
{
	const char	*s;

	h->agency_id = sqlite3_column_int64(det, 2);
	s = (const char *)sqlite3_column_text(det, 0);
	h->title_html = hl_render(p, s != NULL ? s : "", 0);
	s = (const char *)sqlite3_column_text(det, 1);
	h->snippet_html = hl_render(p, s != NULL ? s : "", 1);
	h->agency = col_dup(det, 3);
	h->category = col_dup(det, 4);
	h->index_no = col_dup(det, 5);
	s = (const char *)sqlite3_column_text(det, 6);
	gk_strlcpy_utf8(h->published, s != NULL ? s : "", sizeof(h->published));
	s = (const char *)sqlite3_column_text(det, 7);
	gk_strlcpy_utf8(h->validity, s != NULL ? s : "", sizeof(h->validity));
	if (h->title_html == NULL || h->snippet_html == NULL || h->agency == NULL ||
	    h->category == NULL || h->index_no == NULL)
		return GK_ENOMEM;
	return GK_OK;
}

/*
 * Ranking every match costs about 2 us a match; past this many the ranking
 * is tiered (docs/search.md): title matches first, then the body-only
 * matches, each tier newest first and read only as far as the page.
 */
#define RANK_FULL_MAX	GK_SEARCH_TOTAL_CAP
static int64_t rank_full_max = RANK_FULL_MAX;	/* at most 1,000,000 */

void
gk_search_set_rank_limit(int64_t n)
{
	rank_full_max = n > 0 && n <= 1000000 ? n : RANK_FULL_MAX;
}

static int64_t total_cap = GK_SEARCH_TOTAL_CAP;	/* at most GK_SEARCH_TOTAL_CAP */

void
gk_search_set_total_cap(int64_t n)
{
	total_cap = n > 0 && n <= GK_SEARCH_TOTAL_CAP ? n : GK_SEARCH_TOTAL_CAP;
}

/*
 * The orders of a page. ORD_RANK by gk_rank; ORD_NEWEST by item id, newest
 * first (reads the doclists backwards and stops after the page); ORD_DATE
 * by publication date, sorting every match (few); ORD_WALK by publication
 * date too, reading item's index item_published newest first and checking
 * each item against the index (schema v11): stops after the page, for a
 * date sort over many matches.
 */
enum order { ORD_RANK, ORD_NEWEST, ORD_DATE, ORD_WALK };

/*
 * The statement of a page of matches of ?1 in table t (item_fts or
 * item_title_fts), ?7 rows from offset ?8. Only the walk binds the filters
 * as ?2..?6 (the others have them in ?1 as tags).
 */
static enum gk_err
prep(sqlite3 *h, const struct gk_search_q *q, const char *t, enum order o,
    sqlite3_stmt **st)
{
	struct gk_buf	 sql;
	int		 rc;

	*st = NULL;
	gk_buf_init(&sql, 0);
	switch (o) {
	case ORD_RANK:
		gk_buf_printf(&sql, "SELECT rowid, rank FROM %s WHERE %s MATCH ?1 "
		    "ORDER BY rank, rowid DESC", t, t);
		break;
	case ORD_NEWEST:
		gk_buf_printf(&sql, "SELECT rowid, 0.0 FROM %s WHERE %s MATCH ?1 "
		    "ORDER BY rowid DESC", t, t);
		break;
	case ORD_DATE:
		gk_buf_printf(&sql, "SELECT %s.rowid, 0.0 FROM %s CROSS JOIN item i INDEXED BY "
		    "item_search ON i.id = %s.rowid WHERE %s MATCH ?1 "
		    "ORDER BY i.published_at DESC, i.id DESC", t, t, t, t);
		break;
	case ORD_WALK:
		gk_buf_printf(&sql, "SELECT i.id, 0.0 FROM item i INDEXED BY item_published "
		    "WHERE i.state = 'published' AND EXISTS (SELECT 1 FROM %s WHERE "
		    "%s MATCH ?1 AND %s.rowid = i.id)", t, t, t);
		q_filters(&sql, q);
		gk_buf_puts(&sql, " ORDER BY i.published_at DESC, i.id DESC");
		break;
	}
	gk_buf_puts(&sql, " LIMIT ?7 OFFSET ?8");
	if (sql.err != GK_OK) {
		gk_buf_clear(&sql);
		return GK_ENOMEM;
	}
	rc = sqlite3_prepare_v2(h, sql.data, -1, st, NULL);
	gk_buf_clear(&sql);
	return rc == SQLITE_OK ? GK_OK : GK_EDB;
}

/* The number of matches of expr in table t, at most cap (the count stops there). */
static enum gk_err
count_of(sqlite3 *h, const char *t, const char *expr, int64_t cap, int64_t *n)
{
	char		 sql[160];
	sqlite3_stmt	*st;
	enum gk_err	 e = GK_OK;

	snprintf(sql, sizeof(sql), "SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s MATCH ?1 "
	    "LIMIT ?2)", t, t);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return GK_EDB;
	sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 2, cap);
	if (sqlite3_step(st) != SQLITE_ROW)
		e = GK_EDB;
	else
		*n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return e;
}

/* Appends up to lim hits of expr in table t in order o from offset off. */
static enum gk_err
fetch(sqlite3 *h, const struct gk_search_q *q, const char *t, const char *expr, enum order o,
    int64_t lim, int64_t off, sqlite3_stmt *det, const struct qparse *p,
    struct gk_search_result *r, size_t cap)
{
	sqlite3_stmt	*st;
	enum gk_err	 e;
	int		 rc = SQLITE_DONE;

	if (lim <= 0)
		return GK_OK;
	if ((e = prep(h, q, t, o, &st)) != GK_OK)
		return e;
	if (o == ORD_WALK)
		q_bind(st, q, expr);
	else
		sqlite3_bind_text(st, 1, expr, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 7, lim);
	sqlite3_bind_int64(st, 8, off);
	while (r->n < cap && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct gk_search_hit *hit = &r->v[r->n];

		sqlite3_reset(det);
		hit->item_id = sqlite3_column_int64(st, 0);
		hit->rank = -sqlite3_column_double(st, 1);
		sqlite3_bind_int64(det, 1, hit->item_id);
		if ((rc = sqlite3_step(det)) != SQLITE_ROW) {
			if (rc == SQLITE_DONE)
				continue;	/* cannot happen: the index holds published items */
			break;
		}
		r->n++;
		if ((e = hit_fill(det, p, hit)) != GK_OK) {
			sqlite3_finalize(st);
			return e;
		}
	}
	sqlite3_finalize(st);
	if (r->n < cap && rc != SQLITE_DONE)
		return GK_EDB;
	return GK_OK;
}

/*
 * The expressions of one search: the user's words e (a well-formed FTS5
 * expression of quoted strings) in the title and body, with the filter
 * tags f (q_tags, "" or " AND (...)").
 */
struct qexpr {
	struct gk_buf	 all;	/* item_fts: title or body */
	struct gk_buf	 title;	/* item_title_fts: title */
	struct gk_buf	 body;	/* item_fts: body, not title */
	struct gk_buf	 words;	/* item_fts: title or body, without the tags (the walk) */
};

static enum gk_err
qexpr_build(struct qexpr *x, const char *e, const char *f)
{
	gk_buf_printf(&x->all, "({title body} : (%s))%s", e, f);
	gk_buf_printf(&x->title, "({title} : (%s))%s", e, f);
	gk_buf_printf(&x->body, "(({title body} : (%s))%s) NOT ({title} : (%s))", e, f, e);
	gk_buf_printf(&x->words, "{title body} : (%s)", e);
	if (x->all.err != GK_OK || x->title.err != GK_OK || x->body.err != GK_OK ||
	    x->words.err != GK_OK)
		return GK_ENOMEM;
	return GK_OK;
}

static void
qexpr_clear(struct qexpr *x)
{
	gk_buf_clear(&x->all);
	gk_buf_clear(&x->title);
	gk_buf_clear(&x->body);
	gk_buf_clear(&x->words);
}

static void
qexpr_init(struct qexpr *x)
{
	gk_buf_init(&x->all, 0);
	gk_buf_init(&x->title, 0);
	gk_buf_init(&x->body, 0);
	gk_buf_init(&x->words, 0);
}

enum gk_err
gk_search_query(struct gk_db *db, const struct gk_search_q *q, struct gk_search_result *r,
    char *err, size_t errlen)
{
	struct qparse	 p;
	struct qexpr	 x;
	struct gk_buf	 f;	/* the filters as tags */
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*det = NULL;
	enum gk_err	 e;
	int64_t		 off, nt = 0;
	size_t		 cap;

	r->v = NULL;
	r->n = 0;
	r->total = 0;
	r->total_capped = 0;
	r->relaxed = 0;
	if (q->page < 1 || q->page > 10000) {
		snprintf(err, errlen, "页码应在 1 到 10000 之间");
		return GK_EINVAL;
	}
	if (q->per_page < 1 || q->per_page > 100) {
		snprintf(err, errlen, "每页条数应在 1 到 100 之间");
		return GK_EINVAL;
	}
	if (q->year != 0 && (q->year < 1900 || q->year > 9998)) {
		snprintf(err, errlen, "年份 %d 无效", q->year);
		return GK_EINVAL;
	}
	if (q->agency_id < 0 || q->category_id < 0) {
		snprintf(err, errlen, "机构或栏目编号无效");
		return GK_EINVAL;
	}
	if (validity_ok(q->validity) == NULL) {
		snprintf(err, errlen, "有效性应为 有效、失效 或 废止");
		return GK_EINVAL;
	}
	if ((e = q_parse(q->q, &p, err, errlen)) != GK_OK)
		return e;
	qexpr_init(&x);
	gk_buf_init(&f, 0);
	if ((e = q_tags(h, q, &f)) != GK_OK) {
		if (e == GK_EINVAL)
			snprintf(err, errlen, "栏目下的子栏目过多（超过 %d 个），请选择下级栏目",
			    Q_MAX_CATEGORIES);
		goto out;
	}
	if ((e = qexpr_build(&x, p.expr.data, f.data != NULL ? f.data : "")) != GK_OK)
		goto out;
	if (sqlite3_prepare_v2(h, "SELECT i.title, i.body, i.agency_id, a.name, "
	    "coalesce(c.name, ''), i.index_no, substr(coalesce(i.published_at, ''), 1, 10), "
	    "i.validity FROM item i JOIN agency a ON a.id = i.agency_id "
	    "LEFT JOIN category c ON c.id = i.category_id "
	    "WHERE i.id = ?1 AND i.state = 'published'", -1, &det, NULL) != SQLITE_OK) {
		e = GK_EDB;
		goto out;
	}
	/* The total up to the cap: the count stops after total_cap + 1 matches. */
	if ((e = count_of(h, "item_fts", x.all.data, total_cap + 1, &r->total)) != GK_OK)
		goto out;
	if (r->total == 0 && p.ntok > 1) {
		/* Nothing has every term: fall back to any of the words. */
		if ((e = q_relax(&p)) != GK_OK)
			goto out;
		qexpr_clear(&x);
		qexpr_init(&x);
		if ((e = qexpr_build(&x, p.expr.data, f.data != NULL ? f.data : "")) != GK_OK ||
		    (e = count_of(h, "item_fts", x.all.data, total_cap + 1, &r->total)) != GK_OK)
			goto out;
		r->relaxed = r->total > 0;
	}
	if (r->total > total_cap) {
		r->total = total_cap;
		r->total_capped = 1;
	}
	off = (int64_t)(q->page - 1) * q->per_page;
	if (off >= r->total)
		goto out;
	/* The page, and never past the counted total (GK_SEARCH_TOTAL_CAP). */
	cap = (size_t)(r->total - off < q->per_page ? r->total - off : q->per_page);
	if ((r->v = gk_calloc(cap, sizeof(*r->v))) == NULL) {
		e = GK_ENOMEM;
		goto out;
	}
	if (q->sort == GK_SEARCH_DATE) {
		/* Up to the rank limit sort the matches; past it walk the items. */
		if (!r->total_capped && r->total <= rank_full_max)
			e = fetch(h, q, "item_fts", x.all.data, ORD_DATE, (int64_t)cap, off,
			    det, &p, r, cap);
		else
			e = fetch(h, q, "item_fts", x.words.data, ORD_WALK, (int64_t)cap, off,
			    det, &p, r, cap);
		goto out;
	}
	if (!r->total_capped && r->total <= rank_full_max) {
		e = fetch(h, q, "item_fts", x.all.data, ORD_RANK, (int64_t)cap, off, det, &p,
		    r, cap);
		goto out;
	}
	/*
	 * Tiered: the title matches (from the title index), then the body-only
	 * ones, both newest first, each read only as far as the page needs.
	 * Page 1 (or any page inside the title tier) reads the title matches
	 * from the newest and stops after the page: when it gets fewer than it
	 * asked for, the tier ended there and the rest comes from the body
	 * tier. A page that starts past some title matches first counts them,
	 * up to the page's start (it needs that offset into the body tier).
	 */
	if (off > 0 && (e = count_of(h, "item_title_fts", x.title.data, off, &nt)) != GK_OK)
		goto out;
	if (off == 0 || nt == off) {
		if ((e = fetch(h, q, "item_title_fts", x.title.data, ORD_NEWEST, (int64_t)cap,
		    off, det, &p, r, cap)) != GK_OK)
			goto out;
		nt = off + (int64_t)r->n;
		if (r->n == cap)
			goto out;
	}
	e = fetch(h, q, "item_fts", x.body.data, ORD_NEWEST, (int64_t)(cap - r->n),
	    off > nt ? off - nt : 0, det, &p, r, cap);
out:
	if (e == GK_ENOMEM)
		snprintf(err, errlen, "内存不足");
	else if (e == GK_EDB)
		gk_db_err(db, err, errlen, "检索失败");
	sqlite3_finalize(det);
	qexpr_clear(&x);
	gk_buf_clear(&f);
	qparse_free(&p);
	if (e != GK_OK)
		gk_search_result_free(r);
	return e;
}
