/*
 * fuzz_web_common.h — what the web fuzz targets (fuzz_forms.c,
 * fuzz_admin_*.c) share: the scratch database in /tmp, the input cut into
 * a request's fields, the request and context, and the closing checks (a
 * status of an allowed set, no markup but our own elements). A header of
 * static functions: the Makefile builds each fuzz/fuzz_*.c on its own.
 * Everything aborts on failure, which is what libFuzzer reports.
 */
#ifndef GK_FUZZ_WEB_COMMON_H
#define GK_FUZZ_WEB_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/calendar.h"
#include "core/date.h"
#include "store/db.h"
#include "web/admin.h"
#include "web/web.h"

static struct gk_db	*fz_db;		/* the scratch database of fz_db_open */
static char		 fz_path[64];

static inline void
fz_db_drop(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char	 p[80];
	size_t	 i;

	gk_db_close(fz_db);
	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", fz_path, sfx[i]);
		unlink(p);
	}
}

/*
 * The scratch database /tmp/gk-fuzz-NAME-PID.db (the store wants a file
 * for WAL), new, into fz_db; removed with its -wal and -shm at exit.
 */
static inline struct gk_db *
fz_db_open(const char *name)
{
	char err[256];

	snprintf(fz_path, sizeof(fz_path), "/tmp/gk-fuzz-%s-%ld.db", name, (long)getpid());
	unlink(fz_path);
	if (gk_db_open(fz_path, &fz_db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz %s: %s\n", name, err);
		abort();
	}
	atexit(fz_db_drop);
	return fz_db;
}

/* The first column of sql's first row on fz_db (a count); aborts when there is none. */
static inline int64_t
fz_count(const char *sql)
{
	sqlite3_stmt	*st;
	int64_t		 n = -1;

	if (sqlite3_prepare_v2(gk_db_sqlite(fz_db), sql, -1, &st, NULL) != SQLITE_OK)
		abort();
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

/* The input from byte skip on, as a NUL-terminated copy (free it); NULL without memory. */
static inline char *
fz_text(const uint8_t *data, size_t size, size_t skip)
{
	char *buf;

	if ((buf = malloc(size - skip + 1)) == NULL)
		return NULL;
	memcpy(buf, data + skip, size - skip);
	buf[size - skip] = '\0';
	return buf;
}

/*
 * buf cut at each 0x1f into the values of the fields names[0..max) (a NULL
 * name ends them too), appended to args from args[n]; returns the new n.
 */
static inline size_t
fz_fields(char *buf, const char *const *names, size_t max, struct gk_web_arg *args, size_t n)
{
	char	*p, *q;
	size_t	 i;

	for (p = buf, i = 0; p != NULL && i < max && names[i] != NULL; p = q, i++) {
		if ((q = strchr(p, 0x1f)) != NULL)
			*q++ = '\0';
		args[n].name = names[i];
		args[n++].value = p;
	}
	return n;
}

/* A context on fz_db, cal (may be NULL) and site at now ("YYYY-MM-DDThh:mm:ss+08:00"). */
static inline void
fz_ctx(struct gk_web_ctx *ctx, const struct calendar *cal, const struct gk_site *site,
    const char *now)
{
	memset(ctx, 0, sizeof(*ctx));
	ctx->db = fz_db;
	ctx->cal = cal;
	ctx->site = site;
	if (gk_date_parse(now, 10, &ctx->today) != GK_OK)
		abort();
	snprintf(ctx->now, sizeof(ctx->now), "%s", now);
}

/*
 * u as the gate hands it on: user id of agency ag (盐边县经济合作和商务局, the
 * scratch databases' agency 1), the roles mask, name = login, a token.
 */
static inline void
fz_user(struct gk_admin_user *u, int64_t id, int64_t ag, const char *login, unsigned roles)
{
	memset(u, 0, sizeof(*u));
	u->user_id = id;
	u->agency_id = ag;
	u->roles = roles;
	snprintf(u->login, sizeof(u->login), "%s", login);
	snprintf(u->name, sizeof(u->name), "%s", login);
	snprintf(u->agency, sizeof(u->agency), "盐边县经济合作和商务局");
	snprintf(u->csrf, sizeof(u->csrf), "00");
}

/* A request from 127.0.0.1: method, path, n args (none: args NULL). */
static inline void
fz_req(struct gk_web_req *req, const char *method, const char *path, struct gk_web_arg *args,
    size_t n)
{
	memset(req, 0, sizeof(*req));
	req->method = method;
	req->path = path;
	req->args = n > 0 ? args : NULL;
	req->nargs = n;
	req->client = "127.0.0.1";
}

/* Aborts unless status is one of the list ending with 0. */
static inline void
fz_status_in(int status, const int *ok)
{
	for (; *ok != 0; ok++)
		if (status == *ok)
			return;
	fprintf(stderr, "status %d\n", status);
	abort();
}
#define FZ_STATUS(st, ...)	fz_status_in((st), (const int[]){ __VA_ARGS__, 0 })

/* 1 when resp is an HTML page. */
static inline int
fz_html(const struct gk_web_resp *resp)
{
	return resp->content_type != NULL && strncmp(resp->content_type, "text/html", 9) == 0;
}

/*
 * Aborts unless every '<' of body (may be NULL) opens or closes one of the
 * elements tags[0..n), its name followed by one of the characters of after
 * (" >/\n" for most targets).
 */
static inline void
fz_no_markup(const char *body, const char *const *tags, size_t n, const char *after)
{
	const char	*p, *t;
	size_t		 i, len;

	for (p = body; p != NULL && (p = strchr(p, '<')) != NULL; p++) {
		t = p[1] == '/' ? p + 2 : p + 1;
		for (i = 0; i < n; i++) {
			len = strlen(tags[i]);
			if (strncmp(t, tags[i], len) == 0 && t[len] != '\0' &&
			    strchr(after, t[len]) != NULL)
				break;
		}
		if (i == n) {
			fprintf(stderr, "injected? %.60s\n", p);
			abort();
		}
	}
}
#define FZ_NO_MARKUP(body, tags)	\
	fz_no_markup((body), (tags), sizeof(tags) / sizeof((tags)[0]), " >/\n")

/*
 * An area of the back office as a fuzz target sees it: its handler, called
 * as u at now, with the site and calendar (may be NULL); a GET path from
 * the input starts with prefix; the statuses allowed (ending with 0); the
 * elements its pages write; may_write (may be NULL) tells a page other
 * than a 303 that may have written an audit entry.
 */
struct fz_area {
	gk_admin_handler		 fn;
	const struct gk_admin_user	*u;
	const struct calendar		*cal;
	const struct gk_site		*site;
	const char			*now;
	const char			*prefix;
	const int			*ok;
	const char *const		*tags;
	size_t				 ntags;
	int				(*may_write)(const struct gk_web_resp *);
};

/*
 * One request to the area in a transaction rolled back afterwards: method
 * on path with the fields names[0..max) cut from buf, or (path NULL) a GET
 * of prefix and buf. What must hold: GK_OK (or GK_ENOTFOUND for a GET
 * path from the input) with an allowed status; an audit entry only with a
 * 303 (or where may_write says so); no markup in an HTML page but the
 * area's elements. Frees buf.
 */
static inline void
fz_area_request(const struct fz_area *a, const char *method, const char *path,
    const char *const *names, size_t max, char *buf)
{
	struct gk_web_arg	 args[8];
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_ctx	 ctx;
	char			 err[512], pbuf[GK_WEB_PATH_MAX + 32];
	int64_t			 before;
	enum gk_err		 e;

	if (max > 8)
		abort();
	fz_ctx(&ctx, a->cal, a->site, a->now);
	fz_req(&req, path != NULL ? method : "GET", path, args,
	    path != NULL ? fz_fields(buf, names, max, args, 0) : 0);
	if (path == NULL) {
		snprintf(pbuf, sizeof(pbuf), "%s%.*s", a->prefix, GK_WEB_PATH_MAX - 20, buf);
		req.path = pbuf;
	}
	gk_web_resp_init(&resp);
	if (gk_db_tx_begin(fz_db, err, sizeof(err)) != GK_OK)
		abort();
	before = fz_count("SELECT count(*) FROM audit");
	e = a->fn(&ctx, &req, a->u, &resp, err, sizeof(err));
	if (e != GK_OK && !(e == GK_ENOTFOUND && path == NULL)) {
		fprintf(stderr, "%s %s: %s\n", req.method, req.path, err);
		abort();
	}
	if (e == GK_OK)
		fz_status_in(resp.status, a->ok);
	if (fz_count("SELECT count(*) FROM audit") != before && resp.status != 303 &&
	    (a->may_write == NULL || !a->may_write(&resp)))
		abort();
	if (e == GK_OK && fz_html(&resp))
		fz_no_markup(resp.body.data, a->tags, a->ntags, " >/\n");
	gk_db_tx_rollback(fz_db);
	gk_web_resp_clear(&resp);
	free(buf);
}

#endif
