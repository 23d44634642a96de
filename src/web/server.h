/*
 * server.h — the HTTP server (`gongkai serve`) on GNU libmicrohttpd, and
 * the pure pieces it is made of, exposed so they can be unit-tested and
 * fuzzed without a socket: request-target decoding and validation, query /
 * form / cookie parsing, conditional-request helpers, and the in-memory
 * cache of published pages. docs/serve.md describes the behaviour.
 */
#ifndef GK_WEB_SERVER_H
#define GK_WEB_SERVER_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/calendar.h"
#include "core/gk.h"
#include "web/web.h"

/* ---- request decoding (pure) ------------------------------------------ */

#define GK_HTTP_NAME_MAX	256	/* bytes of a decoded field or cookie name */
#define GK_HTTP_COOKIES_MAX	32	/* cookies kept from the Cookie header */

/*
 * Decoded fields. The strings live in chunks owned by the struct (one per
 * parse call); gk_http_args_clear frees them. Zero-initialise, or
 * gk_http_args_init.
 */
struct gk_http_args {
	struct gk_web_arg	 v[GK_WEB_ARGS_MAX];
	size_t			 n;
	char			*mem[4];
	size_t			 nmem;
};

void	 gk_http_args_init(struct gk_http_args *);
void	 gk_http_args_clear(struct gk_http_args *);

/*
 * Decodes the path part of a request target (raw, len bytes, up to but not
 * including '?') into out (outsz bytes, at least GK_WEB_PATH_MAX + 1).
 * Returns 0, or the HTTP status to answer: 400 for a path that does not
 * start with '/', bad percent-encoding, an encoded '/' or '\\' (%2F, %5C),
 * invalid UTF-8, NUL or other control characters, a backslash, an empty
 * segment ("//"), "." or ".." segments; 414 when longer than
 * GK_WEB_PATH_MAX decoded bytes.
 */
int	 gk_http_path_decode(const char *raw, size_t len, char *out, size_t outsz);

/*
 * Parses "a=1&b=x+y" (a query string, or with form = 1 an
 * application/x-www-form-urlencoded body) and appends the fields to a.
 * '+' is a space; empty pieces are skipped; a piece without '=' has the
 * value "". Names and values must decode to valid UTF-8 without NUL or
 * controls (form values may hold tab, CR and LF). Returns 0, 400 (bad
 * encoding or text, a name longer than GK_HTTP_NAME_MAX or more than
 * GK_WEB_ARGS_MAX fields in a), 413 (a value longer than GK_WEB_ARG_MAX),
 * or 500 (out of memory). On error a keeps what it had.
 */
int	 gk_http_args_parse(struct gk_http_args *a, const char *s, size_t len, int form);

/*
 * Parses a Cookie header ("a=1; b=2") into a (values are not
 * percent-decoded, surrounding quotes removed). A cookie that is not valid
 * text (bad UTF-8, controls) or too long is skipped — it may belong to
 * another application on the same host — and at most GK_HTTP_COOKIES_MAX
 * are kept. Returns 0 or 500 (out of memory).
 */
int	 gk_http_cookies_parse(struct gk_http_args *a, const char *hdr);

/* 1 when an Accept-Encoding header value accepts gzip (q > 0, or "*"). */
int	 gk_http_accepts_gzip(const char *ae);

/*
 * 1 when an If-None-Match value matches etag ("\"…\"", strong): "*", or a
 * list member equal to it by the weak comparison (W/ ignored).
 */
int	 gk_http_etag_match(const char *inm, const char *etag);

/* IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") <-> seconds since the epoch. */
#define GK_HTTP_DATE_LEN	30
int	 gk_http_date_parse(const char *s, int64_t *t);
void	 gk_http_date_format(int64_t t, char out[GK_HTTP_DATE_LEN]);

/* "YYYY-MM-DD[THH:MM[:SS]][Z|±HH:MM]" (no offset: +08:00) -> seconds. 1 ok, 0 not. */
int	 gk_http_rfc3339_parse(const char *s, int64_t *t);

/*
 * What an access-log line shows of a request target: the raw path with
 * bytes outside printable ASCII, '"' and '\\' written as \xHH, then, when
 * there is a query, '?' and the field names only ("/search?q=&page=") —
 * values are never logged. Always NUL-terminates out.
 */
void	 gk_http_log_target(const char *raw, char *out, size_t n);

/*
 * 1 when a request comes from another site: Sec-Fetch-Site: cross-site, or
 * an Origin whose host name is not the Host header's (ports aside), or
 * "null"; 0 when neither header says so (each may be NULL). The back
 * office refuses such POSTs, the login's included (docs/admin-security.md).
 */
int	 gk_http_cross_site(const char *origin, const char *host, const char *fetch_site);

/* 0 for GET, HEAD, POST; 405 for other standard methods; 501 otherwise. */
int	 gk_http_method_check(const char *method);

/* The Allow value of the route that owns path ("GET, HEAD"), from the route table. */
void	 gk_http_allow(const char *path, char *out, size_t n);

/* The cache key of a GET: path, then each field as name and value, unambiguous. */
enum gk_err gk_http_cache_key(const char *path, const struct gk_http_args *a,
	    struct gk_buf *out);

/* ---- the page cache ---------------------------------------------------- */

/*
 * A cached page: the server stores prepared response objects (identity and
 * gzip, the second may be NULL) as opaque pointers released with the
 * cache's release function when the entry is dropped.
 */
struct gk_cache_entry {
	char		*key;			/* owned */
	char		 etag[24];		/* "\"16 hex\"" */
	char		 last_modified[GK_HTTP_DATE_LEN];	/* IMF-fixdate or "" */
	int64_t		 lm_time;		/* seconds, when last_modified is set */
	size_t		 bytes;			/* accounted size */
	void		*obj[2];		/* [0] identity, [1] gzip or NULL */
	size_t		 len[2];		/* their body sizes (for the log) */
	struct gk_cache_entry *next;		/* hash chain */
};

struct gk_cache;

/*
 * A cache of at most max_bytes (sum of entries' bytes) and max_entries.
 * release (may be NULL) is called for each non-NULL obj when an entry is
 * dropped. gen: the site generation its entries belong to. NULL: no memory.
 */
struct gk_cache	*gk_cache_new(size_t max_bytes, size_t max_entries, int64_t gen,
		    void (*release)(void *));
void		 gk_cache_free(struct gk_cache *);

/*
 * Looks key up; when found, calls fn(entry, arg) under the read lock (the
 * entry and its objects stay valid until fn returns) and returns fn's
 * result; returns -1 when absent.
 */
int		 gk_cache_get(struct gk_cache *, const char *key,
		    int (*fn)(const struct gk_cache_entry *, void *), void *arg);

/*
 * Takes e (allocated with gk_malloc, key owned) into the cache if gen is
 * still the cache's generation (a page rendered before an invalidation is
 * not stored) and it fits; if the cache is full, everything in it is dropped
 * first (simple eviction). Replaces an entry with the same key. Returns 1
 * stored, 0 refused (e released and freed either way when refused).
 */
int		 gk_cache_put(struct gk_cache *, int64_t gen, struct gk_cache_entry *e);

/* Drops every entry and moves to generation gen. */
void		 gk_cache_invalidate(struct gk_cache *, int64_t gen);
int64_t		 gk_cache_gen(struct gk_cache *);
void		 gk_cache_stats(struct gk_cache *, size_t *entries, size_t *bytes);

/* Frees an entry that is not in a cache (releasing its objects with release). */
void		 gk_cache_entry_free(struct gk_cache_entry *, void (*release)(void *));

/* gzip of len bytes (level 6) into *out (gk_malloc'd); GK_OK or GK_ENOMEM/GK_EIO. */
enum gk_err	 gk_http_gzip(const void *data, size_t len, char **out, size_t *outlen);

/* ---- the server -------------------------------------------------------- */

struct gk_server_opts {
	const char		*db_path;
	const char		*bind;		/* "127.0.0.1", "::1", "0.0.0.0"... */
	unsigned		 port;		/* 0: any free port */
	unsigned		 threads;	/* 0: one per core */
	unsigned		 timeout;	/* idle seconds before a connection is closed */
	unsigned		 max_conn;	/* connections at once */
	unsigned		 per_ip;	/* connections per client address, 0 no limit */
	FILE			*access_log;	/* NULL: no access log */
	FILE			*out;		/* the "listening" line */
	const struct calendar	*cal;
	const char		*fixed_now;	/* $GONGKAI_NOW, or NULL for the clock */
	size_t			 cache_bytes;
	size_t			 cache_entries;
	int			 tls_proxy;	/* trust X-Forwarded-Proto from loopback peers */
};

/*
 * Runs the server until SIGTERM or SIGINT (which it blocks in the calling
 * thread and waits for), then stops accepting, lets requests in flight
 * finish (up to 10 s) and returns GK_OK. The caller must not have other
 * threads. Errors (cannot bind, cannot open the database) in err.
 */
enum gk_err	 gk_server_run(const struct gk_server_opts *, char *err, size_t errlen);

#endif /* GK_WEB_SERVER_H */
