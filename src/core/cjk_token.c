/*
 * cjk_token.c — bigram/word tokenizer for Chinese full-text search; see
 * cjk_token.h for the rules and docs/search.md for why bigrams.
 */
#include <stddef.h>
#include <string.h>

#include "core/cjk_token.h"

size_t
gk_cjk_utf8_next(const unsigned char *s, size_t len, unsigned int *cp)
{
	unsigned int	 c, v;
	size_t		 n, i;

	if (len == 0)
		return 0;
	c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 2;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 3;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 4;
		v = c & 0x07;
	} else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	/* Overlong forms, surrogates and code points past U+10FFFF. */
	if ((n == 3 && v < 0x800) || (n == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

int
gk_cjk_is_han(unsigned int cp)
{
	return (cp >= 0x4E00 && cp <= 0x9FFF) ||	/* CJK Unified Ideographs */
	    (cp >= 0x3400 && cp <= 0x4DBF) ||		/* Extension A */
	    (cp >= 0xF900 && cp <= 0xFAFF) ||		/* Compatibility Ideographs */
	    (cp >= 0x20000 && cp <= 0x3134F) ||	/* Extensions B-G, Compat. Supplement */
	    cp == 0x3007;				/* 〇 */
}

/*
 * The folded ASCII byte of a word character, 0 for a non-ASCII word
 * character kept as it is, -1 for a separator.
 */
static int
word_class(unsigned int cp)
{
	if (cp < 0x80) {
		if (cp >= 'A' && cp <= 'Z')
			return (int)(cp - 'A' + 'a');
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9'))
			return (int)cp;
		return -1;
	}
	/* Full-width digits and letters fold to ASCII. */
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10 + '0');
	if (cp >= 0xFF21 && cp <= 0xFF3A)
		return (int)(cp - 0xFF21 + 'a');
	if (cp >= 0xFF41 && cp <= 0xFF5A)
		return (int)(cp - 0xFF41 + 'a');
	if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7 ||	/* C1, Latin-1 punctuation */
	    (cp >= 0x2000 && cp <= 0x2BFF) ||		/* punctuation, symbols, arrows */
	    (cp >= 0x2E00 && cp <= 0x2E7F) ||		/* supplemental punctuation */
	    (cp >= 0x3000 && cp <= 0x303F) ||		/* CJK symbols: 、。〈〉《》【】 */
	    (cp >= 0xE000 && cp <= 0xF8FF) ||		/* private use */
	    (cp >= 0xFE10 && cp <= 0xFE6F) ||		/* vertical and small forms */
	    (cp >= 0xFF00 && cp <= 0xFFFF) ||		/* other full-width forms, specials */
	    (cp >= 0x1F000 && cp <= 0x1FAFF) ||		/* emoji, pictographs */
	    cp >= 0xE0000)				/* tags, private use planes */
		return -1;
	return 0;
}

struct tk {
	const char	*s;
	enum gk_cjk_mode mode;
	gk_cjk_cb	 cb;
	void		*arg;
	/* the Han run */
	size_t		 run;		/* characters in it so far */
	size_t		 ps, pe;	/* the previous Han character */
	/* the word */
	char		 w[GK_CJK_WORD_MAX];
	size_t		 wlen, ws, we;
	int		 inword;
	int		 wfull;		/* the word was cut at GK_CJK_WORD_MAX */
};

static int
han_end(struct tk *t)
{
	int	 rc = 0;

	if (t->run == 1)
		rc = t->cb(t->arg, 0, t->s + t->ps, t->pe - t->ps, t->ps, t->pe);
	else if (t->run > 1 && t->mode == GK_CJK_DOC)
		rc = t->cb(t->arg, GK_CJK_COLOCATED, t->s + t->ps, t->pe - t->ps,
		    t->ps, t->pe);
	t->run = 0;
	return rc;
}

static int
han_add(struct tk *t, size_t start, size_t end)
{
	int	 rc;

	if (t->run > 0) {
		if ((rc = t->cb(t->arg, 0, t->s + t->ps, end - t->ps, t->ps, end)) != 0)
			return rc;
		if (t->mode == GK_CJK_DOC && (rc = t->cb(t->arg, GK_CJK_COLOCATED,
		    t->s + t->ps, t->pe - t->ps, t->ps, t->pe)) != 0)
			return rc;
	}
	t->run++;
	t->ps = start;
	t->pe = end;
	return 0;
}

static int
word_end(struct tk *t)
{
	int	 rc = 0;

	if (t->inword && t->wlen > 0)
		rc = t->cb(t->arg, 0, t->w, t->wlen, t->ws, t->we);
	t->inword = 0;
	t->wfull = 0;
	t->wlen = 0;
	return rc;
}

int
gk_cjk_tokenize(const char *s, size_t len, enum gk_cjk_mode mode, gk_cjk_cb cb,
    void *arg)
{
	const unsigned char	*u = (const unsigned char *)s;
	struct tk		 t;
	unsigned int		 cp;
	size_t			 i, n;
	int			 rc, wc;

	t.s = s;
	t.mode = mode;
	t.cb = cb;
	t.arg = arg;
	t.run = 0;
	t.ps = t.pe = 0;
	t.wlen = t.ws = t.we = 0;
	t.inword = 0;
	t.wfull = 0;
	for (i = 0; i < len; i += n) {
		if ((n = gk_cjk_utf8_next(u + i, len - i, &cp)) == 0) {
			/* Not UTF-8: skip the byte; it separates like a space. */
			n = 1;
			if ((rc = han_end(&t)) != 0 || (rc = word_end(&t)) != 0)
				return rc;
			continue;
		}
		if (gk_cjk_is_han(cp)) {
			if ((rc = word_end(&t)) != 0 || (rc = han_add(&t, i, i + n)) != 0)
				return rc;
			continue;
		}
		if ((rc = han_end(&t)) != 0)
			return rc;
		if ((wc = word_class(cp)) < 0) {
			if ((rc = word_end(&t)) != 0)
				return rc;
			continue;
		}
		if (!t.inword) {
			t.inword = 1;
			t.ws = i;
		}
		t.we = i + n;
		if (t.wfull)
			continue;
		if (wc > 0 && t.wlen < sizeof(t.w))
			t.w[t.wlen++] = (char)wc;
		else if (wc == 0 && t.wlen + n <= sizeof(t.w)) {
			memcpy(t.w + t.wlen, s + i, n);
			t.wlen += n;
		} else
			t.wfull = 1;	/* cut here: nothing after a character that did not fit */
	}
	if ((rc = han_end(&t)) != 0)
		return rc;
	return word_end(&t);
}
