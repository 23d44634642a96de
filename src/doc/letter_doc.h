/*
 * letter_doc.h — the answer letter read back from its HTML rendering
 * (core/letter.c writes one block per line), for the DOCX and PDF
 * layouts of doc.h. Pure.
 */
#ifndef GK_DOC_LETTER_DOC_H
#define GK_DOC_LETTER_DOC_H

#include <stddef.h>

#include "core/gk.h"

enum gk_letter_blk {
	GK_LB_TITLE, GK_LB_NUMBER, GK_LB_TO, GK_LB_BODY, GK_LB_SIGN, GK_LB_DATE, GK_LB__MAX
};

#define GK_LETTER_BLOCKS	32

struct gk_letter_blocks {
	enum gk_letter_blk	 kind[GK_LETTER_BLOCKS];
	char			*text[GK_LETTER_BLOCKS];	/* owned, entities undone */
	size_t			 n;
};

/*
 * Reads the blocks of the letter inside <article class="gk-letter"> …
 * </article>. GK_EINVAL (lb empty) when a line there is not one of the
 * block forms, the article is not closed or does not start with the title.
 */
enum gk_err	 gk_letter_blocks_parse(const char *html, size_t len, struct gk_letter_blocks *);
void		 gk_letter_blocks_clear(struct gk_letter_blocks *);

#endif /* GK_DOC_LETTER_DOC_H */
