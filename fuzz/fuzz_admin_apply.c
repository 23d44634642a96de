/*
 * fuzz_admin_apply.c — libFuzzer target for the answer letter's text in the
 * back office (H4): any bytes (cut at the first NUL) read as core/letter's
 * Markdown and turned into the stored text (gk_letter_md_to_text,
 * store/letter_store.h), and both the input and that text rendered as the
 * letter's HTML blocks (aa_letter_blocks, web/admin_apply_int.h), which is
 * what every letter page and download shows of an officer's edit. What
 * must hold: no crash, over-read or leak; the text is never longer than
 * its input and valid UTF-8 when the input is; no '<' of the HTML starts
 * anything but our own tags (article, h1, p with our classes, and their
 * closings), so no edit can inject markup; valid UTF-8 in, valid UTF-8 out.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/gk.h"
#include "store/letter_store.h"
#include "web/admin_apply_int.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
our_tag(const char *p)
{
	static const char *const tags[] = { "<article class=\"gk-letter\">", "</article>",
	    "<h1>", "</h1>", "<p class=\"gk-no\">", "<p class=\"gk-to\">", "<p class=\"gk-body\">",
	    "<p class=\"gk-sign\">", "<p class=\"gk-date\">", "</p>" };
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strncmp(p, tags[i], strlen(tags[i])) == 0)
			return 1;
	return 0;
}

static void
check_html(const char *text, int utf8)
{
	struct gk_buf	 b;
	const char	*p;

	gk_buf_init(&b, 0);
	aa_letter_blocks(&b, text);
	if (b.err == GK_OK && b.data != NULL) {
		for (p = strchr(b.data, '<'); p != NULL; p = strchr(p + 1, '<'))
			if (!our_tag(p))
				abort();
		if (utf8 && gk_utf8_check(b.data, b.len) != b.len)
			abort();
	}
	gk_buf_clear(&b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_buf	 t;
	char		*in;
	size_t		 n;
	int		 utf8;

	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	n = strlen(in);
	utf8 = gk_utf8_check(in, n) == n;
	check_html(in, utf8);
	gk_buf_init(&t, 0);
	if (gk_letter_md_to_text(in, &t) == GK_OK && gk_buf_putc(&t, '\0') == GK_OK) {
		if (t.len - 1 > n)
			abort();
		if (utf8 && gk_utf8_check(t.data, t.len - 1) != t.len - 1)
			abort();
		check_html(t.data, utf8);
	}
	gk_buf_clear(&t);
	free(in);
	return 0;
}
