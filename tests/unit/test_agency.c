/*
 * test_agency.c — an agency's contact details (gk_agency_contact_set,
 * schema v7 columns office … hours): every field set and read back by
 * gk_agency_get and gk_agency_list with one audit entry holding exactly
 * the changed fields; NULL fields left alone and "" clearing one; a call
 * that changes nothing writing nothing; each bad field (too long, control
 * characters, bad UTF-8, postcode not 6 digits, phone or fax with other
 * characters or too few digits, e-mail of the wrong shape) refused with
 * nothing written, no audit row either; an unknown agency; an actor who
 * is a user but not an admin of the agency or its parent refused; a
 * failing audit insert and every injected allocation failure rolling back
 * the update.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "harness.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/user.h"

#define NOW	"2026-03-01T09:00:00+08:00"

struct tdb {
	char		 dir[64];
	char		 path[128];
	struct gk_db	*db;
};

/*
 * A fresh database: agency 1 (县政府), agency 2 (商务局) under it, agency
 * 3 (米易局); users gov (admin of 1), boss (admin of 2), other (admin of
 * 3) and clerk (drafter and officer of 2).
 */
static void
topen(struct tdb *t)
{
	static const struct {
		int64_t		 agency;
		const char	*login;
		unsigned	 roles;
	} users[] = {
		{ 1, "gov", WF_ROLE_BIT(WF_ROLE_ADMIN) },
		{ 2, "boss", WF_ROLE_BIT(WF_ROLE_ADMIN) },
		{ 3, "other", WF_ROLE_BIT(WF_ROLE_ADMIN) },
		{ 2, "clerk", WF_ROLE_BIT(WF_ROLE_DRAFTER) | WF_ROLE_BIT(WF_ROLE_OFFICER) },
	};
	char	err[512];
	int64_t	id;
	size_t	i;

	snprintf(t->dir, sizeof(t->dir), "/tmp/gk-agency-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	if (gk_db_open(t->path, &t->db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	gk_user_pwhash_fast(1);
	if (gk_agency_add(t->db, "admin", "盐边县人民政府", "125104220000000012", 0, "县级",
	    NOW, &id, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(t->db, "admin", "盐边县经济合作和商务局", "11441700007280420Y", 1,
	    "县级", NOW, &id, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(t->db, "admin", "米易县商务局", "11370812004339255B", 0, "县级",
	    NOW, &id, err, sizeof(err)) != GK_OK)
		fail_msg("agency: %s", err);
	for (i = 0; i < sizeof(users) / sizeof(users[0]); i++)
		if (gk_user_add(t->db, "admin", users[i].agency, users[i].login,
		    users[i].login, users[i].roles, NULL, NOW, NULL, err,
		    sizeof(err)) != GK_OK)
			fail_msg("user %s: %s", users[i].login, err);
}

static void
tclose(struct tdb *t)
{
	char cmd[160];

	gk_db_close(t->db);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", t->dir);
	assert_int_equal(system(cmd), 0);
	gk_user_pwhash_fast(0);
}

static int64_t
audits(struct tdb *t)
{
	return gk_test_int(t->db, "SELECT count(*) FROM audit");
}

/* Every contact column of agency 2, joined with '|'. */
static void
row(struct tdb *t, char *out, size_t n)
{
	gk_test_text(t->db, "SELECT office || '|' || address || '|' || postcode || '|' || "
	    "phone || '|' || fax || '|' || email || '|' || hours FROM agency WHERE id = 2",
	    out, n);
}

static void
chain_ok(struct tdb *t)
{
	struct gk_audit_result	r;
	char			err[256];

	if (gk_audit_verify(t->db, &r, err, sizeof(err)) != GK_OK)
		fail_msg("verify: %s", err);
	if (r.fault != GK_AUDIT_INTACT)
		fail_msg("chain broken: %s", r.msg);
}

static const struct gk_agency_contact full = {
	"办公室", "四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼", "617100",
	"0812-8612301转8001", "(0812) 8612302", "ybswj@example.gov.cn",
	"工作日 上午8:30—12:00 下午14:30—18:00",
};

#define FULL_ROW	"办公室|四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼|617100|" \
	"0812-8612301转8001|(0812) 8612302|ybswj@example.gov.cn|" \
	"工作日 上午8:30—12:00 下午14:30—18:00"

static void
test_contact_set_and_read_back(void **state)
{
	struct tdb		 t;
	struct gk_agency	 a;
	struct gk_agency_list	 l;
	struct gk_agency_contact c;
	char			 err[512], buf[1024];
	int64_t			 n0;

	(void)state;
	topen(&t);
	/* Before any: empty strings, not NULL. */
	assert_int_equal(gk_agency_get(t.db, 2, &a, err, sizeof(err)), GK_OK);
	assert_string_equal(a.office, "");
	assert_string_equal(a.hours, "");
	gk_agency_clear(&a);

	n0 = audits(&t);
	if (gk_agency_contact_set(t.db, "boss", 2, &full, NOW, err, sizeof(err)) != GK_OK)
		fail_msg("set: %s", err);
	assert_int_equal(audits(&t), n0 + 1);
	row(&t, buf, sizeof(buf));
	assert_string_equal(buf, FULL_ROW);
	assert_int_equal(gk_agency_get(t.db, 2, &a, err, sizeof(err)), GK_OK);
	assert_string_equal(a.office, "办公室");
	assert_string_equal(a.address, "四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼");
	assert_string_equal(a.postcode, "617100");
	assert_string_equal(a.phone, "0812-8612301转8001");
	assert_string_equal(a.fax, "(0812) 8612302");
	assert_string_equal(a.email, "ybswj@example.gov.cn");
	assert_string_equal(a.hours, "工作日 上午8:30—12:00 下午14:30—18:00");
	assert_string_equal(a.name, "盐边县经济合作和商务局");
	gk_agency_clear(&a);
	assert_int_equal(gk_agency_list(t.db, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 3);
	assert_string_equal(l.v[1].postcode, "617100");
	assert_string_equal(l.v[0].postcode, "");
	gk_agency_list_free(&l);
	gk_test_text(t.db, "SELECT actor || '|' || entity || '|' || entity_id || '|' || "
	    "action || '|' || change FROM audit ORDER BY seq DESC LIMIT 1", buf, sizeof(buf));
	assert_string_equal(buf, "boss|agency|2|contact|{\"old\":{\"address\":\"\","
	    "\"email\":\"\",\"fax\":\"\",\"hours\":\"\",\"office\":\"\",\"phone\":\"\","
	    "\"postcode\":\"\"},\"set\":{\"address\":\"四川省攀枝花市盐边县桐子林镇新县城"
	    "行政中心3号楼\",\"email\":\"ybswj@example.gov.cn\",\"fax\":\"(0812) 8612302\","
	    "\"hours\":\"工作日 上午8:30—12:00 下午14:30—18:00\",\"office\":\"办公室\","
	    "\"phone\":\"0812-8612301转8001\",\"postcode\":\"617100\"}}");

	/* NULL leaves a field alone, "" clears it; the entry has the changed ones only. */
	memset(&c, 0, sizeof(c));
	c.phone = "+86 812 8612399";
	c.fax = "";
	c.office = "办公室";	/* unchanged: not in the entry */
	if (gk_agency_contact_set(t.db, "boss", 2, &c, NOW, err, sizeof(err)) != GK_OK)
		fail_msg("set: %s", err);
	assert_int_equal(audits(&t), n0 + 2);
	row(&t, buf, sizeof(buf));
	assert_string_equal(buf, "办公室|四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼|617100|"
	    "+86 812 8612399||ybswj@example.gov.cn|工作日 上午8:30—12:00 下午14:30—18:00");
	gk_test_text(t.db, "SELECT change FROM audit ORDER BY seq DESC LIMIT 1", buf,
	    sizeof(buf));
	assert_string_equal(buf, "{\"old\":{\"fax\":\"(0812) 8612302\",\"phone\":"
	    "\"0812-8612301转8001\"},\"set\":{\"fax\":\"\",\"phone\":\"+86 812 8612399\"}}");

	/* Nothing changes: OK, nothing written. */
	memset(&c, 0, sizeof(c));
	assert_int_equal(gk_agency_contact_set(t.db, "boss", 2, &c, NOW, err,
	    sizeof(err)), GK_OK);
	c.postcode = "617100";
	assert_int_equal(gk_agency_contact_set(t.db, "boss", 2, &c, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(audits(&t), n0 + 2);
	assert_false(gk_db_in_tx(t.db));

	/* The other agencies are untouched. */
	assert_int_equal(gk_test_int(t.db, "SELECT count(*) FROM agency WHERE "
	    "office || address || postcode || phone || fax || email || hours != ''"), 1);
	chain_ok(&t);
	tclose(&t);
}

/* One field of c set to v; the call must be refused with nothing written. */
static void
refused(struct tdb *t, size_t field, const char *v, const char *msg)
{
	struct gk_agency_contact	 c = full;
	const char			**f[] = {
		&c.office, &c.address, &c.postcode, &c.phone, &c.fax, &c.email, &c.hours,
	};
	char				 err[512], before[1024], after[1024];
	int64_t				 n0 = audits(t);

	*f[field] = v;
	row(t, before, sizeof(before));
	if (gk_agency_contact_set(t->db, "boss", 2, &c, NOW, err, sizeof(err)) !=
	    GK_EINVAL)
		fail_msg("field %zu '%s' was not refused", field, v);
	if (strstr(err, msg) == NULL)
		fail_msg("field %zu '%s': message '%s' lacks '%s'", field, v, err, msg);
	row(t, after, sizeof(after));
	assert_string_equal(before, after);
	assert_int_equal(audits(t), n0);
	assert_false(gk_db_in_tx(t->db));
}

static void
test_contact_bad_fields_write_nothing(void **state)
{
	static const char *const label[] = {
		"政府信息公开工作机构", "地址", "邮政编码", "联系电话", "传真", "电子邮箱",
		"办公时间",
	};
	struct tdb			t;
	struct gk_agency_contact	c;
	char				long_text[202 * 3 + 1], err[512];
	size_t				i;

	(void)state;
	topen(&t);
	for (i = 0; i < 201; i++)
		memcpy(long_text + i * 3, "局", 3);
	long_text[201 * 3] = '\0';
	/* Every field: 201 characters, a control character, broken UTF-8. */
	for (i = 0; i < 7; i++) {
		refused(&t, i, long_text, label[i]);
		refused(&t, i, "办公\x01室", label[i]);
		refused(&t, i, "办公\xe5\xae", label[i]);
	}
	refused(&t, 2, "61710", "6 位数字");
	refused(&t, 2, "6171000", "6 位数字");
	refused(&t, 2, "61710a", "6 位数字");
	refused(&t, 2, "６１７１００", "6 位数字");	/* full-width digits */
	for (i = 3; i <= 4; i++) {
		refused(&t, i, "0812-861230x", label[i]);
		refused(&t, i, "0812—8612301", "只能含数字");	/* an em dash */
		refused(&t, i, "8612", "至少 5 位数字");
		refused(&t, i, "转-()+", "至少 5 位数字");
		refused(&t, i, "0812-8612301、8612302", "只能含数字");
	}
	refused(&t, 5, "ybswj", "电子邮箱");
	refused(&t, 5, "@example.gov.cn", "电子邮箱");
	refused(&t, 5, "ybswj@example", "电子邮箱");
	refused(&t, 5, "yb@swj@example.gov.cn", "电子邮箱");
	refused(&t, 5, "yb swj@example.gov.cn", "电子邮箱");
	refused(&t, 5, "ybswj@.cn", "电子邮箱");
	refused(&t, 5, "ybswj@example.", "电子邮箱");
	assert_int_equal(gk_agency_contact_set(t.db, "boss", 2, NULL, NOW, err,
	    sizeof(err)), GK_EINVAL);

	/* Exactly 200 characters of every text field is allowed. */
	long_text[200 * 3] = '\0';
	memset(&c, 0, sizeof(c));
	c.office = c.address = c.hours = long_text;
	if (gk_agency_contact_set(t.db, "boss", 2, &c, NOW, err, sizeof(err)) != GK_OK)
		fail_msg("200 characters: %s", err);
	assert_int_equal(gk_test_int(t.db, "SELECT length(hours) FROM agency WHERE id = 2"),
	    200);
	chain_ok(&t);
	tclose(&t);
}

static void
test_contact_unknown_agency_and_authority(void **state)
{
	struct tdb	t;
	char		err[512], buf[1024];
	int64_t		n0;

	(void)state;
	topen(&t);
	n0 = audits(&t);
	assert_int_equal(gk_agency_contact_set(t.db, "boss", 9, &full, NOW, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "机构编号 9 不存在"));
	/* Not an admin, an admin of another agency, an admin of a child: refused. */
	assert_int_equal(gk_agency_contact_set(t.db, "clerk", 2, &full, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_non_null(strstr(err, "无权"));
	assert_int_equal(gk_agency_contact_set(t.db, "other", 2, &full, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	assert_int_equal(gk_agency_contact_set(t.db, "boss", 1, &full, NOW, err,
	    sizeof(err)), GK_ECONFLICT);
	/* No actor at all: the audit entry cannot be written. */
	assert_int_equal(gk_agency_contact_set(t.db, "", 2, &full, NOW, err,
	    sizeof(err)), GK_EINVAL);
	assert_int_equal(audits(&t), n0);
	assert_int_equal(gk_test_int(t.db, "SELECT count(*) FROM agency WHERE "
	    "office || address || postcode || phone || fax || email || hours != ''"), 0);
	assert_false(gk_db_in_tx(t.db));

	/* Allowed: the agency's admin, its parent's admin, the operator. */
	assert_int_equal(gk_agency_contact_set(t.db, "gov", 2, &full, NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_agency_contact_set(t.db, "cli:root", 3, &full, NOW, err,
	    sizeof(err)), GK_OK);
	row(&t, buf, sizeof(buf));
	assert_string_equal(buf, FULL_ROW);
	assert_int_equal(audits(&t), n0 + 2);
	chain_ok(&t);
	tclose(&t);
}

/* The audit insert fails (a trigger), then every allocation in turn: nothing written. */
static void
test_contact_failures_roll_back(void **state)
{
	struct tdb	 t;
	char		 err[512], buf[1024];
	enum gk_err	 e;
	int64_t		 n0;
	long		 n;

	(void)state;
	topen(&t);
	n0 = audits(&t);
	gk_test_exec(t.db, "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit "
	    "BEGIN SELECT RAISE(ABORT, 'disk says no'); END");
	assert_int_equal(gk_agency_contact_set(t.db, "boss", 2, &full, NOW, err,
	    sizeof(err)), GK_EDB);
	gk_test_exec(t.db, "DROP TRIGGER temp.no_audit");
	row(&t, buf, sizeof(buf));
	assert_string_equal(buf, "||||||");
	assert_int_equal(audits(&t), n0);
	assert_false(gk_db_in_tx(t.db));

	json_set_alloc_funcs(gk_malloc, gk_free);
	for (n = 0; n < 1000; n++) {
		gk_mem_fail_after(n);
		e = gk_agency_contact_set(t.db, "boss", 2, &full, NOW, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM)
			fail_msg("allocation %ld: %s (%s)", n, gk_strerror(e), err);
		row(&t, buf, sizeof(buf));
		assert_string_equal(buf, "||||||");
		assert_int_equal(audits(&t), n0);
		assert_false(gk_db_in_tx(t.db));
	}
	json_set_alloc_funcs(malloc, free);
	assert_true(n > 0);
	assert_int_equal(e, GK_OK);
	row(&t, buf, sizeof(buf));
	assert_string_equal(buf, FULL_ROW);
	assert_int_equal(audits(&t), n0 + 1);
	chain_ok(&t);
	tclose(&t);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_contact_set_and_read_back),
	cmocka_unit_test(test_contact_bad_fields_write_nothing),
	cmocka_unit_test(test_contact_unknown_agency_and_authority),
	cmocka_unit_test(test_contact_failures_roll_back),
};

GK_TEST_MAIN("agency", tests)
