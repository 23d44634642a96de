/*
 * fuzz_cjk_token.c — libFuzzer target for the search tokenizer
 * (core/cjk_token.c). The input is any bytes, tokenized in document and in
 * query mode. What must hold: no crash, hang or over-read; every token has
 * 1..GK_CJK_WORD_MAX bytes (a bigram at most 8) of well-formed UTF-8 and a
 * byte range inside the input with start < end; starts never go back; the
 * first token is not colocated; a Han token is exactly the input bytes of
 * its range; every query-mode token is also a document-mode token with the
 * same range (so what a query asks for, the index holds).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/cjk_token.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

#define MAXTOK	4096

struct tok {
	size_t	 start, end, len;
	char	 text[GK_CJK_WORD_MAX];
};

struct run {
	const uint8_t	*in;
	size_t		 size, n, last;
	struct tok	*v;
};

static void
valid_utf8(const char *s, size_t len)
{
	size_t		 i, n;
	unsigned int	 cp;

	for (i = 0; i < len; i += n)
		if ((n = gk_cjk_utf8_next((const unsigned char *)s + i, len - i, &cp)) == 0)
			abort();
}

static int
cb(void *arg, int flags, const char *tok, size_t len, size_t start, size_t end)
{
	struct run	*r = arg;
	unsigned int	 cp;

	if (len == 0 || len > GK_CJK_WORD_MAX || start >= end || end > r->size)
		abort();
	if (r->n == 0 && (flags & GK_CJK_COLOCATED))
		abort();
	if (start < r->last)
		abort();
	r->last = start;
	valid_utf8(tok, len);
	if (gk_cjk_utf8_next((const unsigned char *)tok, len, &cp) > 0 && gk_cjk_is_han(cp)) {
		if (len > 8 || len != end - start || memcmp(tok, r->in + start, len) != 0)
			abort();
	}
	if (r->n < MAXTOK) {
		r->v[r->n].start = start;
		r->v[r->n].end = end;
		r->v[r->n].len = len;
		memcpy(r->v[r->n].text, tok, len);
	}
	r->n++;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct tok	 dv[MAXTOK], qv[MAXTOK];
	struct run		 d = { data, size, 0, 0, dv }, q = { data, size, 0, 0, qv };
	size_t			 i, j;

	if (gk_cjk_tokenize((const char *)data, size, GK_CJK_DOC, cb, &d) != 0 ||
	    gk_cjk_tokenize((const char *)data, size, GK_CJK_QUERY, cb, &q) != 0)
		abort();
	if (q.n > d.n)
		abort();
	if (d.n > MAXTOK)
		return 0;
	for (i = 0, j = 0; i < q.n; i++) {
		/* Both lists are in start order: a merge finds each query token. */
		while (j < d.n && !(dv[j].start == qv[i].start && dv[j].end == qv[i].end &&
		    dv[j].len == qv[i].len && memcmp(dv[j].text, qv[i].text, qv[i].len) == 0))
			j++;
		if (j == d.n)
			abort();
	}
	return 0;
}
