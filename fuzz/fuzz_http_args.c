/*
 * fuzz_http_args.c — libFuzzer target for the HTTP request decoders of the
 * server (web/server.h): the first byte picks nothing but a split point;
 * the bytes before it are parsed as a query string, after it as a form
 * body, the whole input (cut at the first NUL) as a Cookie header and as a
 * request-target path, and as Accept-Encoding, If-None-Match, an HTTP date
 * and an RFC 3339 time; the access-log view of the input is made too.
 * What must hold: no crash, over-read or leak; a parse that fails adds
 * nothing; every field kept is valid text — NUL-terminated, no control
 * characters (form values may hold tab, CR, LF) — with names of at most
 * GK_HTTP_NAME_MAX and values of at most GK_WEB_ARG_MAX bytes, and never
 * more than GK_WEB_ARGS_MAX fields; a decoded path starts with '/', has no
 * "//", "." or ".." segment, no backslash, and fits GK_WEB_PATH_MAX; a
 * parsed HTTP date formats back to the same string (but for the weekday,
 * which is not checked, and a leap second); the log line is
 * printable ASCII.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/gk.h"
#include "web/server.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_text(const char *s, int ws, size_t max)
{
	size_t n = strlen(s);

	if (n > max || gk_utf8_check(s, n) != n)
		abort();
	for (; *s != '\0'; s++)
		if (((unsigned char)*s < 0x20 && !(ws && (*s == '\t' || *s == '\r' || *s == '\n'))) ||
		    *s == 0x7f)
			abort();
}

static void
check_args(const struct gk_http_args *a, size_t from, int ws)
{
	size_t i;

	if (a->n > GK_WEB_ARGS_MAX)
		abort();
	for (i = from; i < a->n; i++) {
		check_text(a->v[i].name, 0, GK_HTTP_NAME_MAX);
		check_text(a->v[i].value, ws, GK_WEB_ARG_MAX);
		if (a->v[i].name[0] == '\0')
			abort();
	}
}

static void
check_path(const char *p)
{
	size_t n = strlen(p);

	if (p[0] != '/' || n > GK_WEB_PATH_MAX || strstr(p, "//") != NULL ||
	    strstr(p, "/./") != NULL || strstr(p, "/../") != NULL || strchr(p, '\\') != NULL ||
	    (n >= 2 && strcmp(p + n - 2, "/.") == 0) || (n >= 3 && strcmp(p + n - 3, "/..") == 0))
		abort();
	check_text(p, 0, GK_WEB_PATH_MAX);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_http_args	 a, c;
	char			*s, path[GK_WEB_PATH_MAX + 1], date[GK_HTTP_DATE_LEN], log[512];
	size_t			 split, n0, i;
	int64_t			 t;
	int			 st;

	if (size == 0 || size > 1 << 16)
		return 0;
	split = size > 1 ? data[0] % size : 0;
	gk_http_args_init(&a);
	st = gk_http_args_parse(&a, (const char *)data + 1, split > 0 ? split - 1 : 0, 0);
	if (st != 0 && st != 400 && st != 413 && st != 500)
		abort();
	if (st != 0 && a.n != 0)
		abort();
	check_args(&a, 0, 0);
	n0 = a.n;
	st = gk_http_args_parse(&a, (const char *)data + split, size - split, 1);
	if (st != 0 && a.n != n0)
		abort();
	check_args(&a, n0, 1);
	gk_http_args_clear(&a);

	if ((s = gk_strndup((const char *)data, size)) == NULL)
		return 0;
	gk_http_args_init(&c);
	if (gk_http_cookies_parse(&c, s) == 0) {
		if (c.n > GK_HTTP_COOKIES_MAX)
			abort();
		check_args(&c, 0, 0);
	}
	gk_http_args_clear(&c);
	st = gk_http_path_decode(s, strlen(s), path, sizeof(path));
	if (st == 0)
		check_path(path);
	else if (st != 400 && st != 414)
		abort();
	(void)gk_http_accepts_gzip(s);
	(void)gk_http_etag_match(s, "\"0123456789abcdef\"");
	if (gk_http_date_parse(s, &t)) {
		gk_http_date_format(t, date);
		/* the weekday is not checked, and a leap second reads as :59 */
		if (strcmp(date + 3, s + 3) != 0 && strncmp(s + 23, "60", 2) != 0)
			abort();
	}
	(void)gk_http_rfc3339_parse(s, &t);
	gk_http_log_target(s, log, sizeof(log));
	for (i = 0; log[i] != '\0'; i++)
		if ((unsigned char)log[i] <= 0x20 || (unsigned char)log[i] >= 0x7f || log[i] == '"')
			abort();
	gk_free(s);
	return 0;
}
