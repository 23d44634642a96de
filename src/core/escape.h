/*
 * escape.h — escaping text for HTML and XML output. Pure: appends to a
 * caller-owned struct gk_buf, no other effect. Shared by the report
 * renderers and the web layer.
 */
#ifndef GK_ESCAPE_H
#define GK_ESCAPE_H

#include <stddef.h>

#include "gk.h"

/*
 * Appends len bytes of s with & < > " ' escaped (&amp; &lt; &gt; &quot;
 * &#39;), safe both in element content and in quoted attribute values. C0
 * control characters other than tab, LF and CR, and DEL, are dropped (they
 * are not allowed in HTML text). Other bytes are copied as they are.
 */
enum gk_err gk_buf_put_html(struct gk_buf *, const char *s, size_t len);

/*
 * The same for XML 1.0 (WordprocessingML and other XML parts): in addition,
 * bytes that are not well-formed UTF-8 and the non-characters U+FFFE and
 * U+FFFF become U+FFFD, so the output is always well-formed XML text.
 */
enum gk_err gk_buf_put_xml(struct gk_buf *, const char *s, size_t len);

#endif /* GK_ESCAPE_H */
