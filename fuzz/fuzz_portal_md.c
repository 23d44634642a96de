/*
 * fuzz_portal_md.c — libFuzzer target for the item body's Markdown subset
 * (gk_portal_md, web/portal.h): any bytes (cut at the first NUL). What
 * must hold: no crash, over-read or leak; the output is valid UTF-8 when
 * the input is; no '<' of the output starts anything but our own tags
 * (p, br, h2–h6, ul, ol, li, blockquote, strong and their closings), so
 * no input can inject markup.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/gk.h"
#include "web/portal.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static int
our_tag(const char *p)
{
	static const char *const tags[] = { "<p>", "</p>", "<br>", "<ul>", "</ul>", "<ol>", "</ol>",
	    "<li>", "</li>", "<blockquote>", "</blockquote>", "<strong>", "</strong>",
	    "<h2>", "<h3>", "<h4>", "<h5>", "<h6>", "</h2>", "</h3>", "</h4>", "</h5>", "</h6>" };
	size_t i;

	for (i = 0; i < sizeof(tags) / sizeof(tags[0]); i++)
		if (strncmp(p, tags[i], strlen(tags[i])) == 0)
			return 1;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_buf	 b;
	char		*in;
	const char	*p;

	in = malloc(size + 1);
	if (in == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	gk_buf_init(&b, 0);
	if (gk_portal_md(&b, in) == GK_OK && b.data != NULL) {
		for (p = b.data; (p = strchr(p, '<')) != NULL; p++)
			if (!our_tag(p))
				abort();
		if (gk_utf8_check(in, strlen(in)) == strlen(in) &&
		    gk_utf8_check(b.data, b.len) != b.len)
			abort();
	}
	gk_buf_clear(&b);
	free(in);
	return 0;
}
