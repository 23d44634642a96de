/*
 * web.h — the contract between the HTTP server (server.c, on GNU
 * libmicrohttpd) and the handlers that make pages and API answers
 * (portal*.c, forms.c, api.c). Handlers never see libmicrohttpd: they get
 * a decoded, validated request and fill a response; the server does the
 * transport (limits, HEAD, ETag/304, gzip, security headers, caching of
 * published pages, the access log).
 *
 * Threads: the server runs a pool of worker threads; each has its own
 * struct gk_web_ctx (its own database connection), so a handler may use
 * ctx->db freely and never shares it.
 */
#ifndef GK_WEB_H
#define GK_WEB_H

#include <stddef.h>
#include <stdint.h>

#include "core/calendar.h"
#include "core/gk.h"

struct gk_db;

/* Limits the server enforces before a handler runs (413/414/431 beyond them). */
#define GK_WEB_PATH_MAX		1024	/* bytes of the decoded path */
#define GK_WEB_ARG_MAX		8192	/* bytes of one decoded query or form value */
#define GK_WEB_ARGS_MAX		64	/* query + form fields */
#define GK_WEB_BODY_MAX		(64 * 1024)	/* a form body */
/*
 * Uploads (docs/admin-items.md): a multipart/form-data POST to a path
 * under /admin/items/ (the item editor and its attachments) may be up to
 * GK_WEB_UPLOAD_MAX bytes; its text fields go to args (each up to
 * GK_WEB_UPLOAD_FIELD_MAX bytes, so a long Markdown body fits) and its
 * files to files. Everything else keeps GK_WEB_BODY_MAX, urlencoded only.
 */
#define GK_WEB_UPLOAD_MAX	((size_t)20 * 1024 * 1024)
#define GK_WEB_UPLOAD_FIELD_MAX	((size_t)2 * 1024 * 1024)
#define GK_WEB_UPLOAD_PREFIX	"/admin/items/"
#define GK_WEB_UPLOAD_FIGURES	"/admin/figures/import"	/* a figures CSV (docs/admin-applications.md) */
#define GK_WEB_FILES_MAX	4	/* file parts kept per request */

/* Per-platform settings: the footer and header of every page (docs/portal.md). */
struct gk_site {
	char	name[128];		/* the platform, e.g. 盐边县人民政府信息公开平台 */
	char	host[128];		/* for absolute URLs in feeds and sitemap: https://example.gov.cn */
	char	sponsor[128];		/* 主办单位 */
	char	site_code[32];		/* 网站标识码 */
	char	icp[64];		/* ICP备案号 */
	char	police[64];		/* 公安机关备案号 */
	char	contact[256];		/* 联系我们: a line of text */
};

/* What a handler may use. One per worker thread; owned by the server. */
struct gk_web_ctx {
	struct gk_db		*db;		/* this thread's connection */
	const struct calendar	*cal;		/* shared, read-only */
	const struct gk_site	*site;		/* shared, read-only */
	int32_t			 today;		/* days since epoch (core/date.h), Asia/Shanghai */
	char			 now[32];	/* RFC 3339 with +08:00, for store functions */
};

struct gk_web_arg {
	const char	*name;		/* decoded, valid UTF-8 */
	const char	*value;		/* decoded, valid UTF-8 */
};

/* One file part of a multipart upload (see GK_WEB_UPLOAD_MAX). */
struct gk_web_file {
	const char		*name;		/* the form field, valid UTF-8 */
	const char		*filename;	/* as the client sent it, valid UTF-8 ("" if none) */
	const char		*content_type;	/* as sent ("" if none): never trust it */
	const unsigned char	*data;		/* the bytes (any) */
	size_t			 len;
};

/*
 * A request. Every string is NUL-terminated, percent-decoded and checked
 * to be valid UTF-8 without NUL or other C0 controls except in form values
 * (where tab, CR and LF are allowed); the path starts with '/', has no
 * "//", "." or ".." segments. The server answers 400 itself otherwise.
 */
struct gk_web_req {
	const char		*method;	/* "GET", "HEAD" or "POST" */
	const char		*path;
	const struct gk_web_arg	*args;		/* query fields, then form fields (POST) */
	size_t			 nargs;
	const struct gk_web_arg	*cookies;	/* from the Cookie header, same checks */
	size_t			 ncookies;
	const char		*client;	/* remote address, for rate limits and the log */
	int			 gzip_ok;	/* the client accepts gzip (handlers need not care) */
	/* Added for the back office and the API's write side (issue 6, docs/admin-security.md): */
	int			 secure;	/* came through TLS: `serve --tls-proxy` and
						   X-Forwarded-Proto: https from a loopback peer */
	const char		*authorization;	/* the Authorization header (valid text), or NULL */
	const char		*body;		/* a POST /api/v1/ body sent as application/json
						   (NUL-terminated, not checked), or NULL */
	size_t			 bodylen;
	int			 cross_site;	/* Origin / Sec-Fetch-Site name another site
						   (gk_http_cross_site, server.h) */
	/* Added for uploads (issue 6, docs/admin-items.md; see GK_WEB_UPLOAD_MAX): */
	const struct gk_web_file *files;	/* the file parts of a multipart POST, else NULL */
	size_t			 nfiles;
};

/* Returns the value of the first field (or cookie) called name, or NULL. */
const char	*gk_web_arg(const struct gk_web_req *, const char *name);
const char	*gk_web_cookie(const struct gk_web_req *, const char *name);

/*
 * A response. body is owned by the response (gk_web_resp_clear frees it).
 * content_type is a static string. cacheable: the page shows only
 * published data and the same for everyone, so the server may keep it
 * until site_state.gen changes (src/store/schema.c v9) and give it an
 * ETag; 0 for forms, search and anything personal.
 */
struct gk_web_resp {
	int		 status;		/* 200, 303, 400, 404, 405, 413, 429... */
	const char	*content_type;		/* e.g. "text/html; charset=utf-8" */
	struct gk_buf	 body;
	int		 cacheable;
	char		 location[GK_WEB_PATH_MAX + 256];	/* for 30x */
	char		 set_cookie[256];	/* one Set-Cookie value or "" */
	char		 last_modified[32];	/* RFC 3339 of the newest data shown, or "" */
	char		 disposition[512];	/* Content-Disposition value, or "" */
	char		 allow[32];		/* Allow for a 405 the handler made, or "" (from the routes) */
	int		 retry_after;		/* seconds, for a 429; 0: no Retry-After */
};

void	 gk_web_resp_init(struct gk_web_resp *);
void	 gk_web_resp_clear(struct gk_web_resp *);

/*
 * A handler: fills resp for req. Returns GK_OK with resp->status set (a
 * 404 page is GK_OK with status 404), or an error: the server then
 * answers 500 with a generic page and logs err. A handler that does not
 * own the path returns GK_ENOTFOUND without touching resp, and the router
 * tries the next one.
 */
typedef enum gk_err (*gk_web_handler)(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);

/* The routes, in order: a path prefix and its handler (router.c). */
struct gk_web_route {
	const char	*prefix;	/* "/api/v1/", "/search", "/" ... */
	const char	*methods;	/* "GET HEAD" or "GET HEAD POST" */
	gk_web_handler	 fn;
};

extern const struct gk_web_route	gk_web_routes[];
extern const size_t			gk_web_nroutes;

/* Runs the routes for req (used by the server and by `gongkai export`). */
enum gk_err	 gk_web_dispatch(struct gk_web_ctx *, const struct gk_web_req *,
		    struct gk_web_resp *, char *err, size_t errlen);

#endif /* GK_WEB_H */
