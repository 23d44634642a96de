/*
 * html.h — writing HTML with every string escaped by default. gk_html()
 * is a small printf: %s arguments are HTML-escaped (core/escape.h), %d
 * %ld %lld %u %zu %% are as in printf, and nothing else is accepted. The
 * only way to emit markup that is not escaped is gk_html_raw(), which is
 * for literal markup written in our own code — never for data.
 */
#ifndef GK_WEB_HTML_H
#define GK_WEB_HTML_H

#include <stddef.h>

#include "core/gk.h"

enum gk_err	 gk_html(struct gk_buf *, const char *fmt, ...)
		    __attribute__((format(printf, 2, 3)));
enum gk_err	 gk_html_raw(struct gk_buf *, const char *markup);

/*
 * Appends s percent-encoded for a URL query value or path segment
 * (RFC 3986 unreserved characters kept), then HTML-escaped (so it can go
 * straight into an href attribute).
 */
enum gk_err	 gk_html_url(struct gk_buf *, const char *s);

#endif /* GK_WEB_HTML_H */
