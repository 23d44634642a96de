/*
 * fuzz_admin_gate.c — libFuzzer target for the back office's gate
 * (web/admin.c) and its own pages (login, logout, logout everywhere,
 * password, API tokens), called as the router calls gk_admin_handle, on a
 * scratch database with a drafter and an officer (fast argon2id hashes)
 * and one live session of the officer. Input: byte 0 picks the path, the
 * method and which of the session cookie (none, live, forged), the CSRF
 * token (none, right, wrong) and the cross-site flag are sent; the rest,
 * split at 0x1f, are the values of login, password, next, old, new,
 * confirm, name, user and expired — only text the server would pass (valid
 * UTF-8, no controls but tab/CR/LF). What must hold: GK_OK with 200, 201,
 * 303, 400, 401, 403, 404, 409 or 429; a 303 goes to an /admin/ path;
 * no Set-Cookie but gk_session with HttpOnly and SameSite=Strict; no
 * response cacheable; every '<' of a page opens or closes one of the
 * elements the frame and the gate's pages write. Each request runs in a
 * transaction rolled back afterwards.
 */
#include "fuzz_web_common.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/workflow.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/session.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct gk_db		*db;
static struct gk_site		 site;
static char			 live[GK_SESSION_HEXLEN + 1], csrf[GK_SESSION_HEXLEN + 1];

static const char *const paths[] = {
	"/admin/login", "/admin/logout", "/admin/logout-all", "/admin/password", "/admin/tokens",
	"/admin/tokens/1/revoke", "/admin/tokens/99/revoke", "/admin/no/such/page",
};
static const char *const fields[] = {
	"login", "password", "next", "old", "new", "confirm", "name", "user", "expired",
};

/* The elements the frame and the gate's pages write. */
static const char *const tags[] = { "!doctype", "a", "body", "button", "caption", "code",
	"div", "footer", "form", "h1", "h2", "head", "header", "html", "input", "label", "li",
	"link", "main", "meta", "nav", "option", "p", "select", "span", "strong", "table",
	"tbody", "td", "th", "thead", "title", "tr", "ul", "br", "section" };

/* Valid UTF-8 without NUL or controls other than tab, CR, LF. */
static int
text_ok(const char *s, size_t n)
{
	size_t i;

	if (gk_utf8_check(s, n) != n)
		return 0;
	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] < 0x20 && s[i] != '\t' && s[i] != '\r' && s[i] != '\n') ||
		    s[i] == 0x7f)
			return 0;
	return 1;
}

static void
setup(void)
{
	struct gk_session	s;
	char			err[512];
	int64_t			ag, id;

	gk_user_pwhash_fast(1);
	db = fz_db_open("gate");
	if (gk_agency_add(db, "cli:root", "盐边县商务局", "11510422MB1234567Y", 0, "县级",
	    "2025-09-29T09:00:00+08:00", &ag, err, sizeof(err)) != GK_OK ||
	    gk_user_add(db, "cli:root", ag, "li", "李四", WF_ROLE_BIT(WF_ROLE_DRAFTER),
	    "Yanbian#2026a", "2025-09-29T09:00:00+08:00", &id, err, sizeof(err)) != GK_OK ||
	    gk_user_add(db, "cli:root", ag, "zhao", "赵专员", WF_ROLE_BIT(WF_ROLE_OFFICER),
	    "Yanbian#2026a", "2025-09-29T09:00:00+08:00", &id, err, sizeof(err)) != GK_OK ||
	    gk_session_create(db, id, "127.0.0.1", "fuzz", 1759111200, live, &s, err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "setup: %s\n", err);
		abort();
	}
	memcpy(csrf, s.csrf, sizeof(csrf));
	snprintf(site.name, sizeof(site.name), "平台");
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_web_ctx	 ctx;
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_arg	 args[16], ck;
	char			 buf[4096], err[512];
	const char		*p, *end;
	size_t			 n = 0, f = 0, len;
	unsigned		 b;
	enum gk_err		 e;

	if (db == NULL)
		setup();
	if (size < 1 || size > sizeof(buf))
		return 0;
	b = data[0];
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	memset(&req, 0, sizeof(req));
	req.path = paths[b % 8];
	req.method = (b >> 3) & 1 ? "POST" : "GET";
	req.client = "10.0.0.7";
	req.cross_site = (b >> 7) & 1;
	if ((b >> 4) & 3) {
		ck.name = GK_SESSION_COOKIE;
		ck.value = ((b >> 4) & 3) == 1 ? live :
		    "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";
		req.cookies = &ck;
		req.ncookies = 1;
	}
	if ((b >> 6) & 1) {
		args[n].name = "csrf";
		args[n++].value = (b >> 3) & 1 && ((b >> 4) & 3) == 1 ? csrf : "x";
	}
	for (p = buf, end = buf + size - 1; p <= end && f < sizeof(fields) / sizeof(fields[0]);
	    f++) {
		const char *q = memchr(p, 0x1f, (size_t)(end - p));

		len = q != NULL ? (size_t)(q - p) : (size_t)(end - p);
		buf[p - buf + len] = '\0';
		if (!text_ok(p, len))
			return 0;
		args[n].name = fields[f];
		args[n++].value = p;
		if (q == NULL)
			break;
		p = q + 1;
	}
	req.args = args;
	req.nargs = n;
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.site = &site;
	snprintf(ctx.now, sizeof(ctx.now), "2025-09-29T10:05:00+08:00");
	gk_web_resp_init(&resp);
	if (gk_db_tx_begin(db, err, sizeof(err)) != GK_OK)
		abort();
	e = gk_admin_handle(&ctx, &req, &resp, err, sizeof(err));
	if (e != GK_OK)
		abort();
	switch (resp.status) {
	case 200: case 201: case 303: case 400: case 401: case 403: case 404: case 409: case 429:
		break;
	default:
		abort();
	}
	if (resp.cacheable)
		abort();
	if (resp.status == 303 && strncmp(resp.location, "/admin/", 7) != 0)
		abort();
	if (resp.set_cookie[0] != '\0' && (strncmp(resp.set_cookie, "gk_session=", 11) != 0 ||
	    strstr(resp.set_cookie, "; HttpOnly; SameSite=Strict") == NULL))
		abort();
	fz_no_markup(resp.body.data, tags, sizeof(tags) / sizeof(tags[0]), " >");
	gk_web_resp_clear(&resp);
	gk_db_tx_rollback(db);
	return 0;
}
