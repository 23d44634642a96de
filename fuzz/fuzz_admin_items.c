/*
 * fuzz_admin_items.c — libFuzzer target for the back office's item screens
 * (web/admin_items.c) called as the gate calls them, with a signed-in
 * drafter or reviewer of an agency whose draft #1 carries an ID number.
 * Input: byte 0 picks the request (the new-item editor, the draft's editor,
 * an action on the draft, the list) and the user; byte 1 a byte offset for
 * "mask:FIELD:N"; the rest, split at 0x1f, are the values of the request's
 * fields in order (any bytes: the handlers must cope with what the server
 * would have refused). What must hold: GK_OK (or GK_ENOTFOUND for a path
 * the area does not know) with a status of 200, 303, 400, 403, 404, 405
 * or 409; every '<' of the page opens or closes one of the elements the
 * frame, the editor, the Markdown preview and the findings write (no value
 * injects markup). Each request runs in a transaction rolled back
 * afterwards, so the draft stays as it was.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/item.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/db.h"
#include "store/item.h"
#include "store/user.h"
#include "web/admin.h"
#include "web/web.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct gk_db		*db;
static struct calendar		 cal;
static struct gk_site		 site;
static struct gk_admin_user	 users[2];
static char			 dbpath[64];

static const char cal_tsv[] = "2025-10-01\toff\t国庆节\n2025-10-08\toff\t国庆节\n"
	"2025-10-11\twork\t国庆节\n";

static const char *const editor_fields[] = { "title", "category", "topic", "publisher",
	"written_date", "docno", "event_end_date", "keywords", "body" };
static const char *const act_fields[] = { "action", "comment", "reason", "override",
	"check_legality", "check_accuracy", "check_secrecy", "validity", "validity_date" };
static const char *const list_fields[] = { "state", "cat", "mine", "page" };
static const char *const ops[] = { "save", "preview", "mask:all", "mask:body:", "mask:title:" };

/* Elements written by admin_page.c, admin_items.c and gk_portal_md. */
static int
known_tag(const char *p)
{
	static const char *const t[] = { "!doctype", "a", "aside", "blockquote", "body", "br",
	    "button", "caption", "code", "div", "fieldset", "footer", "form", "h1", "h2", "h3",
	    "h4", "h5", "h6", "head", "header", "html", "input", "label", "legend", "li", "link",
	    "main", "meta", "nav", "ol", "option", "output", "p", "section", "select", "span",
	    "strong", "table", "tbody", "td", "textarea", "th", "thead", "title", "tr", "ul" };
	size_t i, n;

	p += p[1] == '/' ? 2 : 1;
	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		n = strlen(t[i]);
		if (strncmp(p, t[i], n) == 0 && strchr(" >/\n", p[n]) != NULL && p[n] != '\0')
			return 1;
	}
	return 0;
}

static void
drop_db(void)
{
	static const char *const sfx[] = { "", "-wal", "-shm" };
	char	 p[80];
	size_t	 i;

	gk_db_close(db);
	for (i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", dbpath, sfx[i]);
		unlink(p);
	}
}

static void
user(int i, int64_t ag, const char *login, enum wf_role r)
{
	char			 err[256];
	struct gk_item_actor	 ac;

	if (gk_user_add(db, "admin", ag, login, login, WF_ROLE_BIT(r), NULL,
	    "2025-01-02T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK ||
	    gk_item_actor_lookup(db, login, &ac, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_items: %s\n", err);
		abort();
	}
	users[i].user_id = ac.user_id;
	users[i].agency_id = ag;
	users[i].roles = WF_ROLE_BIT(r);
	snprintf(users[i].login, sizeof(users[i].login), "%s", login);
	snprintf(users[i].name, sizeof(users[i].name), "%s", login);
	snprintf(users[i].csrf, sizeof(users[i].csrf), "%064d", 0);
}

static void
setup(void)
{
	struct item_meta	 m;
	struct gk_item_actor	 ac;
	char			 err[256];
	int64_t			 ag, id;

	snprintf(dbpath, sizeof(dbpath), "/tmp/gk-fuzz-admin-items-%ld.db", (long)getpid());
	unlink(dbpath);
	item_meta_init(&m);
	if (calendar_load(cal_tsv, sizeof(cal_tsv) - 1, &cal, err, sizeof(err)) != GK_OK ||
	    gk_db_open(dbpath, &db, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(db, "admin", "盐边县经济合作和商务局", "11510422MB1234567Y", 0, "县级",
	    "2025-01-02T09:00:00+08:00", &ag, err, sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(db, ag, "admin", "2025-01-02T09:00:00+08:00", err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_items: %s\n", err);
		abort();
	}
	atexit(drop_db);
	user(0, ag, "drafter", WF_ROLE_DRAFTER);
	user(1, ag, "reviewer", WF_ROLE_REVIEWER);
	item_meta_set(&m, ITEM_F_TITLE, "招商引资项目签约仪式举行");
	item_meta_set(&m, ITEM_F_CATEGORY, "工作动态");
	item_meta_set(&m, ITEM_F_WRITTEN, "2025-10-10");
	item_meta_set(&m, ITEM_F_EVENT_END, "2025-10-10");
	item_meta_set(&m, ITEM_F_BODY, "联系人身份证号 510422198001011235，电话 13812345678。");
	if (gk_item_actor_lookup(db, "drafter", &ac, err, sizeof(err)) != GK_OK ||
	    gk_item_create(db, &ac, ag, &m, NULL, "2025-10-10T09:00:00+08:00", &id, NULL, err,
	    sizeof(err)) != GK_OK || id != 1) {
		fprintf(stderr, "fuzz_admin_items: %s\n", err);
		abort();
	}
	item_meta_clear(&m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_web_arg	 args[12];
	struct gk_web_req	 req;
	struct gk_web_resp	 resp;
	struct gk_web_ctx	 ctx;
	const char *const	*names;
	char			*buf, *p, *q, err[512], op[32];
	size_t			 nnames, n = 0;
	int			 kind;
	enum gk_err		 e;

	if (size < 2 || size > 65536)
		return 0;
	if (db == NULL)
		setup();
	kind = data[0] & 3;
	names = kind == 2 ? act_fields : kind == 3 ? list_fields : editor_fields;
	nnames = kind == 2 ? sizeof(act_fields) / sizeof(act_fields[0]) : kind == 3 ?
	    sizeof(list_fields) / sizeof(list_fields[0]) :
	    sizeof(editor_fields) / sizeof(editor_fields[0]);
	if ((buf = malloc(size)) == NULL)
		return 0;
	memcpy(buf, data + 2, size - 2);
	buf[size - 2] = '\0';
	if (kind < 2) {
		snprintf(op, sizeof(op), "%s", ops[(data[0] >> 2) % 5]);
		if ((data[0] >> 2) % 5 >= 3)
			snprintf(op + strlen(op), sizeof(op) - strlen(op), "%u", (unsigned)data[1]);
		args[n].name = "op";
		args[n++].value = op;
	}
	for (p = buf; p != NULL && n - (size_t)(kind < 2) < nnames; p = q) {
		if ((q = strchr(p, 0x1f)) != NULL)
			*q++ = '\0';
		args[n].name = names[n - (kind < 2)];
		args[n++].value = p;
	}
	memset(&ctx, 0, sizeof(ctx));
	ctx.db = db;
	ctx.cal = &cal;
	ctx.site = &site;
	(void)gk_date_from_ymd(2025, 10, 13, &ctx.today);
	snprintf(ctx.now, sizeof(ctx.now), "2025-10-13T10:00:00+08:00");
	memset(&req, 0, sizeof(req));
	req.method = kind == 3 ? "GET" : "POST";
	req.path = kind == 0 ? "/admin/items/new" : kind == 1 ? "/admin/items/1" :
	    kind == 2 ? "/admin/items/1/act" : "/admin/items";
	req.args = args;
	req.nargs = n;
	req.client = "127.0.0.1";
	gk_web_resp_init(&resp);
	if (gk_db_tx_begin(db, err, sizeof(err)) != GK_OK)
		abort();
	e = gk_admin_items(&ctx, &req, &users[(data[0] >> 7) & 1], &resp, err, sizeof(err));
	if (e != GK_OK && e != GK_ENOTFOUND) {
		fprintf(stderr, "%s %s: %s (%s)\n", req.method, req.path, gk_strerror(e), err);
		abort();
	}
	if (e == GK_OK && resp.status != 200 && resp.status != 303 && resp.status != 400 &&
	    resp.status != 403 && resp.status != 404 && resp.status != 405 && resp.status != 409)
		abort();
	for (p = resp.body.data; p != NULL && (p = strchr(p, '<')) != NULL; p++)
		if (!known_tag(p)) {
			fprintf(stderr, "injected? %.60s\n", p);
			abort();
		}
	gk_db_tx_rollback(db);
	gk_web_resp_clear(&resp);
	free(buf);
	return 0;
}
