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
#include "fuzz_web_common.h"
#include "core/item.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/item.h"
#include "store/user.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static struct calendar		 cal;
static struct gk_site		 site;
static struct gk_admin_user	 users[2];

static const char cal_tsv[] = "2025-10-01\toff\t国庆节\n2025-10-08\toff\t国庆节\n"
	"2025-10-11\twork\t国庆节\n";

static const char *const editor_fields[] = { "title", "category", "topic", "publisher",
	"written_date", "docno", "event_end_date", "keywords", "body" };
static const char *const act_fields[] = { "action", "comment", "reason", "override",
	"check_legality", "check_accuracy", "check_secrecy", "validity", "validity_date" };
static const char *const list_fields[] = { "state", "cat", "mine", "page" };
static const char *const ops[] = { "save", "preview", "mask:all", "mask:body:", "mask:title:" };

/* Elements written by admin_page.c, admin_items.c and gk_portal_md. */
static const char *const tags[] = { "!doctype", "a", "aside", "blockquote", "body", "br",
	"button", "caption", "code", "div", "fieldset", "footer", "form", "h1", "h2", "h3",
	"h4", "h5", "h6", "head", "header", "html", "input", "label", "legend", "li", "link",
	"main", "meta", "nav", "ol", "option", "output", "p", "section", "select", "span",
	"strong", "table", "tbody", "td", "textarea", "th", "thead", "title", "tr", "ul" };

static void
user(int i, int64_t ag, const char *login, enum wf_role r)
{
	char			 err[256];
	struct gk_item_actor	 ac;

	if (gk_user_add(fz_db, "admin", ag, login, login, WF_ROLE_BIT(r), NULL,
	    "2025-01-02T09:00:00+08:00", NULL, err, sizeof(err)) != GK_OK ||
	    gk_item_actor_lookup(fz_db, login, &ac, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_items: %s\n", err);
		abort();
	}
	fz_user(&users[i], ac.user_id, ag, login, WF_ROLE_BIT(r));
}

static void
setup(void)
{
	struct item_meta	 m;
	struct gk_item_actor	 ac;
	char			 err[256];
	int64_t			 ag, id;

	item_meta_init(&m);
	if (calendar_load(cal_tsv, sizeof(cal_tsv) - 1, &cal, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(fz_db_open("admin-items"), "admin", "盐边县经济合作和商务局",
	    "11510422MB1234567Y", 0, "县级", "2025-01-02T09:00:00+08:00", &ag, err,
	    sizeof(err)) != GK_OK ||
	    gk_category_seed_defaults(fz_db, ag, "admin", "2025-01-02T09:00:00+08:00", err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "fuzz_admin_items: %s\n", err);
		abort();
	}
	user(0, ag, "drafter", WF_ROLE_DRAFTER);
	user(1, ag, "reviewer", WF_ROLE_REVIEWER);
	item_meta_set(&m, ITEM_F_TITLE, "招商引资项目签约仪式举行");
	item_meta_set(&m, ITEM_F_CATEGORY, "工作动态");
	item_meta_set(&m, ITEM_F_WRITTEN, "2025-10-10");
	item_meta_set(&m, ITEM_F_EVENT_END, "2025-10-10");
	item_meta_set(&m, ITEM_F_BODY, "联系人身份证号 510422198001011235，电话 13812345678。");
	if (gk_item_actor_lookup(fz_db, "drafter", &ac, err, sizeof(err)) != GK_OK ||
	    gk_item_create(fz_db, &ac, ag, &m, NULL, "2025-10-10T09:00:00+08:00", &id, NULL, err,
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
	char			*buf, err[512], op[32];
	size_t			 n = 0;
	int			 kind;
	enum gk_err		 e;

	if (size < 2 || size > 65536)
		return 0;
	if (fz_db == NULL)
		setup();
	kind = data[0] & 3;
	if ((buf = fz_text(data, size, 2)) == NULL)
		return 0;
	if (kind < 2) {
		snprintf(op, sizeof(op), "%s", ops[(data[0] >> 2) % 5]);
		if ((data[0] >> 2) % 5 >= 3)
			snprintf(op + strlen(op), sizeof(op) - strlen(op), "%u", (unsigned)data[1]);
		args[n].name = "op";
		args[n++].value = op;
	}
	n = kind == 2 ? fz_fields(buf, act_fields, sizeof(act_fields) / sizeof(act_fields[0]),
	    args, n) : kind == 3 ? fz_fields(buf, list_fields,
	    sizeof(list_fields) / sizeof(list_fields[0]), args, n) : fz_fields(buf, editor_fields,
	    sizeof(editor_fields) / sizeof(editor_fields[0]), args, n);
	fz_ctx(&ctx, &cal, &site, "2025-10-13T10:00:00+08:00");
	fz_req(&req, kind == 3 ? "GET" : "POST", kind == 0 ? "/admin/items/new" : kind == 1 ?
	    "/admin/items/1" : kind == 2 ? "/admin/items/1/act" : "/admin/items", args, n);
	gk_web_resp_init(&resp);
	if (gk_db_tx_begin(fz_db, err, sizeof(err)) != GK_OK)
		abort();
	e = gk_admin_items(&ctx, &req, &users[(data[0] >> 7) & 1], &resp, err, sizeof(err));
	if (e != GK_OK && e != GK_ENOTFOUND) {
		fprintf(stderr, "%s %s: %s (%s)\n", req.method, req.path, gk_strerror(e), err);
		abort();
	}
	if (e == GK_OK)
		FZ_STATUS(resp.status, 200, 303, 400, 403, 404, 405, 409);
	FZ_NO_MARKUP(resp.body.data, tags);
	gk_db_tx_rollback(fz_db);
	gk_web_resp_clear(&resp);
	free(buf);
	return 0;
}
