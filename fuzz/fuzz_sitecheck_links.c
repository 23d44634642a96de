/*
 * fuzz_sitecheck_links.c — libFuzzer target for the website self-check's
 * link finder and classifier (core/sitecheck.h): any bytes (cut at the
 * first NUL) scanned with sitecheck_links_scan; every link found is then
 * classified with sitecheck_link_internal against a host taken from the
 * input's first line. What must hold: no crash, over-read or hang; every
 * link lies inside the input, is not empty, has no space, quote, angle
 * bracket or byte outside printable ASCII, and starts with http://,
 * https://, /item/, /attachment/ or /agency/; links never overlap and go
 * forward; an internal link's path starts with '/', fits its buffer and
 * has no '?' or '#'.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz_web_common.h"
#include "core/sitecheck.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

struct ctx {
	const char	*in, *host;
	size_t		 len;
	const char	*last_end;
};

static int
one(const char *u, size_t n, void *arg)
{
	struct ctx	*c = arg;
	char		 path[64];
	size_t		 i;

	if (n == 0 || u < c->in || u + n > c->in + c->len || u < c->last_end)
		abort();
	for (i = 0; i < n; i++)
		if ((unsigned char)u[i] <= 0x20 || (unsigned char)u[i] >= 0x7f ||
		    strchr("\"'<>", u[i]) != NULL)
			abort();
	if (strncmp(u, "http://", 7) != 0 && strncmp(u, "https://", 8) != 0 &&
	    strncmp(u, "/item/", 6) != 0 && strncmp(u, "/attachment/", 12) != 0 &&
	    strncmp(u, "/agency/", 8) != 0)
		abort();
	c->last_end = u + n;
	{
		char *s = fz_text((const uint8_t *)u, n, 0);

		if (s == NULL)
			return 1;
		if (sitecheck_link_internal(s, c->host, path, sizeof(path)) &&
		    (path[0] != '/' || strlen(path) >= sizeof(path) || strpbrk(path, "?#") != NULL))
			abort();
		free(s);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct ctx	 c;
	char		*in, *nl, host[128];

	if ((in = fz_text(data, size, 0)) == NULL)
		return 0;
	memset(&c, 0, sizeof(c));
	c.in = in;
	c.len = strlen(in);
	host[0] = '\0';
	if ((nl = strchr(in, '\n')) != NULL && (size_t)(nl - in) < sizeof(host)) {
		memcpy(host, in, (size_t)(nl - in));
		host[nl - in] = '\0';
	}
	c.host = host;
	c.last_end = in;
	(void)sitecheck_links_scan(in, one, &c);
	free(in);
	return 0;
}
