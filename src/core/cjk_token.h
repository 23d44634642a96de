/*
 * cjk_token.h — the word splitter behind full-text search (the SQLite FTS5
 * tokenizer "gk_cjk", glued in store/search.c). Pure: reads a byte string,
 * calls back once per token, no other effect.
 *
 * - Han characters (CJK Unified Ideographs, Extension A and the
 *   supplementary-plane extensions, the compatibility ideographs, 〇): every
 *   run of two or more becomes overlapping bigrams ("个人所得税" → 个人 人所
 *   所得 得税). In GK_CJK_DOC mode each character is also emitted as a
 *   unigram, colocated with the bigram that starts at it (the last
 *   character with the last bigram), so a one-character query finds it
 *   without shifting the positions phrases depend on. In GK_CJK_QUERY mode
 *   a run of two or more gives only its bigrams. A lone Han character is a
 *   unigram in both modes.
 * - Latin letters and digits (ASCII and their full-width forms, folded to
 *   half-width lowercase) and other letters outside the punctuation and
 *   symbol blocks form words; a word longer than GK_CJK_WORD_MAX bytes is
 *   cut there (its offsets still cover the whole word).
 * - Everything else (spaces, ASCII and CJK punctuation, symbols, control
 *   characters) separates; bytes that are not well-formed UTF-8 are skipped.
 *
 * Offsets are byte ranges [start, end) into the input, exact for
 * highlighting: a bigram spans its two characters, a unigram one, a word
 * all of its bytes.
 */
#ifndef GK_CJK_TOKEN_H
#define GK_CJK_TOKEN_H

#include <stddef.h>

#define GK_CJK_WORD_MAX		64	/* bytes of a folded Latin/digit token */

enum gk_cjk_mode { GK_CJK_DOC, GK_CJK_QUERY };

/* A token shares the position of the one before (FTS5_TOKEN_COLOCATED). */
#define GK_CJK_COLOCATED	0x0001

/*
 * Called per token: tok/len the token text (not NUL-terminated, valid only
 * during the call), start/end its byte range in the input. A non-zero
 * return stops the tokenizer, which returns that value.
 */
typedef int	(*gk_cjk_cb)(void *arg, int flags, const char *tok, size_t len,
		    size_t start, size_t end);

int	 gk_cjk_tokenize(const char *s, size_t len, enum gk_cjk_mode,
	    gk_cjk_cb cb, void *arg);

/*
 * Decodes one well-formed UTF-8 sequence at s (shortest form, no
 * surrogates, at most U+10FFFF): its length, or 0 when s does not start
 * with one (or len is 0).
 */
size_t	 gk_cjk_utf8_next(const unsigned char *s, size_t len, unsigned int *cp);

/* 1 when the code point counts as a Han character for the rules above. */
int	 gk_cjk_is_han(unsigned int cp);

#endif /* GK_CJK_TOKEN_H */
