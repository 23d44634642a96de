/*
 * linkcheck.h — external links of the website self-check (docs/site-check.md):
 * an HTTP HEAD request through libcurl with a short timeout.
 */
#ifndef GK_CHANNELS_LINKCHECK_H
#define GK_CHANNELS_LINKCHECK_H

#include <stddef.h>

/*
 * HEADs url (http:// or https:// only; redirects followed, at most 5),
 * timeout_s seconds in all. 1 when the final status is 2xx or 3xx; 0 when
 * not, with why (n bytes, Chinese) saying what happened.
 */
int	 gk_linkcheck_head(const char *url, long timeout_s, char *why, size_t n);

#endif
