/*
 * test_token.c — API tokens in the store (store/token.h) and the decoding
 * of the write side's JSON bodies (web/api_write.h): a token is "gkt_" + 64
 * hex, stored only as its SHA-256 and 12-character prefix; who may make
 * and revoke one (admin or officer of the agency, not a drafter, not
 * another agency's admin); the drafter must be an active 科室拟稿人 of the
 * agency; names checked; check refuses malformed, unknown and revoked
 * tokens alike and moves last_used_at; revoking twice is a conflict;
 * another agency's id is "not found"; audit entries without the token. The
 * decoder: required members, unknown members, wrong types, NUL inside a
 * string, duplicates, bad dates and names, hostile text kept as data.
 */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "core/date.h"
#include "core/sha256.h"
#include "core/workflow.h"
#include "store/db.h"
#include "store/token.h"
#include "store/user.h"
#include "web/api_write.h"

#define NOW	"2025-09-29T10:00:00+08:00"
#define LATER	"2025-09-30T11:00:00+08:00"

struct fx {
	struct gk_db	*db;
	char		 dir[64];
	int64_t		 ag, ag2;
};

static void
fx_open(struct fx *f)
{
	char	err[512];
	struct {
		const char	*login;
		int		 agency2;
		enum wf_role	 role;
	} users[] = {
		{ "ag-admin", 0, WF_ROLE_ADMIN }, { "ag-officer", 0, WF_ROLE_OFFICER },
		{ "ag-drafter", 0, WF_ROLE_DRAFTER }, { "ag-reviewer", 0, WF_ROLE_REVIEWER },
		{ "cz-admin", 1, WF_ROLE_ADMIN }, { "cz-drafter", 1, WF_ROLE_DRAFTER },
	};
	size_t	i;

	f->db = gk_test_db_open("token", f->dir, sizeof(f->dir), NULL, 0);
	gk_test_agencies(f->db, NOW, &f->ag, &f->ag2);
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		if (gk_user_add(f->db, "cli:root", users[i].agency2 ? f->ag2 : f->ag, users[i].login,
		    users[i].login, WF_ROLE_BIT(users[i].role), NULL, NOW, NULL, err,
		    sizeof(err)) != GK_OK)
			fail_msg("user: %s", err);
}

static void
test_token_store(void **state)
{
	struct fx		 f;
	struct gk_token		 t;
	struct gk_token_list	 l;
	char			 tok[GK_TOKEN_LEN + 1], tok2[GK_TOKEN_LEN + 1], err[512], sql[512];
	char			 hash[GK_SHA256_HEXLEN + 1], text[256];
	unsigned char		 d[GK_SHA256_LEN];
	int64_t			 id = 0, id2 = 0;

	(void)state;
	fx_open(&f);
	/* Who may make one. */
	assert_int_equal(gk_token_add(f.db, "ag-drafter", f.ag, "OA", "ag-drafter", NOW, tok, &id,
	    err, sizeof(err)), GK_ECONFLICT);
	assert_string_equal(tok, "");
	assert_int_equal(gk_token_add(f.db, "cz-admin", f.ag, "OA", "ag-drafter", NOW, tok, &id,
	    err, sizeof(err)), GK_ECONFLICT);
	/* Which drafter. */
	assert_int_equal(gk_token_add(f.db, "ag-admin", f.ag, "OA", "cz-drafter", NOW, tok, &id,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_token_add(f.db, "ag-admin", f.ag, "OA", "ag-reviewer", NOW, tok, &id,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_token_add(f.db, "ag-admin", f.ag, "OA", "nobody", NOW, tok, &id,
	    err, sizeof(err)), GK_ENOTFOUND);
	/* Names. */
	assert_int_equal(gk_token_add(f.db, "ag-admin", f.ag, "", "ag-drafter", NOW, tok, &id,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_token_add(f.db, "ag-admin", f.ag, "   ", "ag-drafter", NOW, tok, &id,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_token_add(f.db, "ag-admin", f.ag, "a\nb", "ag-drafter", NOW, tok, &id,
	    err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM api_token"), 0);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE entity = 'api_token'"), 0);

	assert_int_equal(gk_token_add(f.db, "ag-officer", f.ag, "县政务服务网'; DROP TABLE api_token; --",
	    "ag-drafter", NOW, tok, &id, err, sizeof(err)), GK_OK);
	assert_int_equal(strlen(tok), GK_TOKEN_LEN);
	assert_memory_equal(tok, "gkt_", 4);
	assert_int_equal(gk_token_add(f.db, "cli:root", f.ag2, "财政", "cz-drafter", NOW, tok2, &id2,
	    err, sizeof(err)), GK_OK);
	assert_string_not_equal(tok, tok2);
	/* Stored: the SHA-256 and the prefix only. */
	gk_sha256(tok, strlen(tok), d);
	gk_sha256_hex(d, hash);
	snprintf(sql, sizeof(sql), "SELECT hash || '|' || prefix FROM api_token WHERE id = %lld",
	    (long long)id);
	gk_test_text(f.db, sql, text, sizeof(text));
	assert_memory_equal(text, hash, 64);
	assert_memory_equal(text + 65, tok, GK_TOKEN_SHOWN);
	assert_int_equal(strlen(text), 64 + 1 + GK_TOKEN_SHOWN);
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM audit WHERE change LIKE '%%%s%%'", tok + 12);
	assert_int_equal(gk_test_int(f.db, sql), 0);

	/* Check: the right agency and drafter, last use moved. */
	assert_int_equal(gk_token_check(f.db, tok, LATER, &t, err, sizeof(err)), GK_OK);
	assert_int_equal(t.id, id);
	assert_int_equal(t.agency_id, f.ag);
	assert_string_equal(t.user, "ag-drafter");
	assert_string_equal(t.last_used_at, LATER);
	snprintf(sql, sizeof(sql), "SELECT last_used_at FROM api_token WHERE id = %lld", (long long)id);
	gk_test_text(f.db, sql, text, sizeof(text));
	assert_string_equal(text, LATER);
	/* Malformed, changed, upper case: one answer. */
	assert_int_equal(gk_token_check(f.db, "gkt_", LATER, &t, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_token_check(f.db, tok + 4, LATER, &t, err, sizeof(err)), GK_ENOTFOUND);
	memcpy(text, tok, sizeof(tok));
	text[20] = text[20] == 'a' ? 'b' : 'a';
	assert_int_equal(gk_token_check(f.db, text, LATER, &t, err, sizeof(err)), GK_ENOTFOUND);
	text[20] = 'A';
	assert_int_equal(gk_token_check(f.db, text, LATER, &t, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_token_check(f.db, hash, LATER, &t, err, sizeof(err)), GK_ENOTFOUND);

	/* List: newest first, per agency. */
	assert_int_equal(gk_token_list(f.db, f.ag, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 1);
	assert_string_equal(l.v[0].name, "县政务服务网'; DROP TABLE api_token; --");
	assert_string_equal(l.v[0].created_by, "ag-officer");
	gk_token_list_free(&l);
	assert_int_equal(gk_token_list(f.db, 0, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, id2);
	gk_token_list_free(&l);

	/* Revoke: not across agencies, not by a drafter, once. */
	assert_int_equal(gk_token_revoke(f.db, "ag-admin", f.ag, id2, LATER, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_token_revoke(f.db, "ag-drafter", f.ag, id, LATER, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(gk_token_revoke(f.db, "ag-admin", f.ag, 999, LATER, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_token_revoke(f.db, "ag-admin", f.ag, id, LATER, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_token_check(f.db, tok, LATER, &t, err, sizeof(err)), GK_ENOTFOUND);
	assert_int_equal(gk_token_revoke(f.db, "ag-admin", f.ag, id, LATER, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(gk_token_check(f.db, tok2, LATER, &t, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_test_int(f.db, "SELECT count(*) FROM audit WHERE entity = 'api_token'"), 3);
	gk_test_db_remove(f.db, f.dir);
}

/* Decodes s (a C string) as kind; returns the result, field and message in f/e. */
static enum gk_err
dec(enum gk_api_kind kind, const char *s, size_t len, struct gk_api_write_in *in, char *field,
    char *e)
{
	return gk_api_write_decode(kind, s, len ? len : strlen(s), in, field, e, 256);
}

static void
test_decode(void **state)
{
	struct gk_api_write_in	 in;
	char			 field[64], e[256];
	static const char	 nul[] = "{\"title\":\"a\\u0000b\",\"category\":\"x\"}";

	(void)state;
	/* An item with every member. */
	assert_int_equal(dec(GK_API_ITEM, "{\"agency_id\":1,\"title\":\"<script>alert(1)</script>\","
	    "\"category\":\"政策文件/规章\",\"written\":\"2025-09-26\",\"body\":\"' OR 1=1 --\","
	    "\"doc_no\":\"盐商发〔2025〕1号\",\"keywords\":\"招商\",\"topic\":\"商贸\",\"publisher\":\"\","
	    "\"event_end\":\"2025-09-26\"}", 0, &in, field, e), GK_OK);
	assert_int_equal(in.agency_id, 1);
	assert_string_equal(in.f[ITEM_F_TITLE], "<script>alert(1)</script>");
	assert_string_equal(in.f[ITEM_F_BODY], "' OR 1=1 --");
	assert_string_equal(in.f[ITEM_F_CATEGORY], "政策文件/规章");
	assert_string_equal(in.f[ITEM_F_PUBLISHER], "");
	assert_null(in.f[ITEM_F_INDEXNO]);
	gk_api_write_clear(&in);
	/* Refusals name the member. */
	assert_int_equal(dec(GK_API_ITEM, "{\"category\":\"x\"}", 0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "title");
	assert_null(in.root);
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":\"x\"}", 0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "category");
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":\"x\",\"category\":\"y\",\"index_no\":\"z\"}", 0,
	    &in, field, e), GK_EINVAL);
	assert_string_equal(field, "index_no");
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":\"x\",\"category\":\"y\",\"state\":\"published\"}",
	    0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "state");
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":1,\"category\":\"y\"}", 0, &in, field, e),
	    GK_EINVAL);
	assert_string_equal(field, "title");
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":\"x\",\"category\":\"y\",\"agency_id\":\"1\"}", 0,
	    &in, field, e), GK_EINVAL);
	assert_string_equal(field, "agency_id");
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":\"x\",\"category\":\"y\",\"agency_id\":0}", 0,
	    &in, field, e), GK_EINVAL);
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":\"x\",\"title\":\"y\",\"category\":\"y\"}", 0,
	    &in, field, e), GK_EINVAL);
	assert_int_equal(dec(GK_API_ITEM, nul, 0, &in, field, e), GK_EINVAL);
	assert_int_equal(dec(GK_API_ITEM, "[1,2]", 0, &in, field, e), GK_EINVAL);
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":", 0, &in, field, e), GK_EINVAL);
	assert_non_null(strstr(e, "JSON"));
	assert_int_equal(dec(GK_API_ITEM, "", 0, &in, field, e), GK_EINVAL);
	assert_int_equal(gk_api_write_decode(GK_API_ITEM, NULL, 0, &in, field, e, sizeof(e)),
	    GK_EINVAL);
	/* Invalid UTF-8 in a string. */
	assert_int_equal(dec(GK_API_ITEM, "{\"title\":\"\xff\",\"category\":\"y\"}", 0, &in, field, e),
	    GK_EINVAL);

	/* Applications: channel, type and received required and checked. */
	assert_int_equal(dec(GK_API_APPLICATION, "{\"channel\":\"email\",\"applicant_type\":\"business\","
	    "\"received\":\"2025-09-28\",\"name\":\"某某公司\",\"request\":\"r\",\"phone\":\"1\"}", 0,
	    &in, field, e), GK_OK);
	assert_int_equal(in.ap.channel, APPLY_CH_EMAIL);
	assert_int_equal(in.ap.type, APPLY_AP_BUSINESS);
	assert_int_equal(in.ap.received, gk_test_date("2025-09-28"));
	assert_string_equal(in.ap.name, "某某公司");
	gk_api_write_clear(&in);
	assert_int_equal(dec(GK_API_APPLICATION, "{\"applicant_type\":\"natural\",\"received\":"
	    "\"2025-09-28\"}", 0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "channel");
	assert_int_equal(dec(GK_API_APPLICATION, "{\"channel\":\"pigeon\",\"applicant_type\":\"natural\","
	    "\"received\":\"2025-09-28\"}", 0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "channel");
	assert_int_equal(dec(GK_API_APPLICATION, "{\"channel\":\"fax\",\"applicant_type\":\"alien\","
	    "\"received\":\"2025-09-28\"}", 0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "applicant_type");
	assert_int_equal(dec(GK_API_APPLICATION, "{\"channel\":\"fax\",\"applicant_type\":\"other\","
	    "\"received\":\"2025-02-30\"}", 0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "received");
	assert_int_equal(dec(GK_API_APPLICATION, "{\"channel\":\"fax\",\"applicant_type\":\"other\"}",
	    0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "received");
	assert_int_equal(dec(GK_API_APPLICATION, "{\"channel\":\"fax\",\"applicant_type\":\"other\","
	    "\"received\":\"2025-09-28\",\"title\":\"x\"}", 0, &in, field, e), GK_EINVAL);
	assert_string_equal(field, "title");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_token_store),
	cmocka_unit_test(test_decode),
};

GK_TEST_MAIN("token", tests)
