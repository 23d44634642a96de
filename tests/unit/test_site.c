/*
 * test_site.c — the platform settings (store/site.h): defaults, the value
 * checks, set / change / clear with one audit entry each and site_state.gen
 * moving, nothing written for an unchanged value or a refused one, who may
 * set them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/site.h"
#include "store/user.h"

#define NOW	"2026-03-02T10:00:00+08:00"

struct tdb {
	char		 dir[64], path[96];
	struct gk_db	*db;
};

static void
topen(struct tdb *t)
{
	char	err[512];
	int64_t	id;

	snprintf(t->dir, sizeof(t->dir), "/tmp/gk-site-XXXXXX");
	assert_non_null(mkdtemp(t->dir));
	snprintf(t->path, sizeof(t->path), "%s/t.db", t->dir);
	if (gk_db_open(t->path, &t->db, err, sizeof(err)) != GK_OK)
		fail_msg("open: %s", err);
	gk_user_pwhash_fast(1);
	/* 1 top-level, 2 its child; users: root admin (1), child admin (2), clerk (1) */
	if (gk_agency_add(t->db, "admin", "盐边县人民政府", "125104220000000012", 0, "县级",
	    NOW, &id, err, sizeof(err)) != GK_OK ||
	    gk_agency_add(t->db, "admin", "盐边县经济合作和商务局", "11441700007280420Y", 1,
	    "县级", NOW, &id, err, sizeof(err)) != GK_OK)
		fail_msg("agency: %s", err);
	if (gk_user_add(t->db, "admin", 1, "root", "root", WF_ROLE_BIT(WF_ROLE_ADMIN), NULL, NOW,
	    NULL, err, sizeof(err)) != GK_OK ||
	    gk_user_add(t->db, "admin", 2, "sub", "sub", WF_ROLE_BIT(WF_ROLE_ADMIN), NULL, NOW,
	    NULL, err, sizeof(err)) != GK_OK ||
	    gk_user_add(t->db, "admin", 1, "clerk", "clerk", WF_ROLE_BIT(WF_ROLE_OFFICER), NULL,
	    NOW, NULL, err, sizeof(err)) != GK_OK)
		fail_msg("user: %s", err);
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
gen(struct tdb *t)
{
	int64_t	g;
	char	err[256];

	assert_int_equal(gk_site_generation(t->db, &g, err, sizeof(err)), GK_OK);
	return g;
}

static int64_t
audits(struct tdb *t)
{
	return gk_test_int(t->db, "SELECT count(*) FROM audit WHERE entity = 'platform'");
}

static void
test_check(void **state)
{
	char err[256];

	(void)state;
	assert_int_equal(gk_site_check("name", "盐边县人民政府信息公开平台", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("name", "", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("host", "https://www.yanbian.gov.cn", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("host", "http://127.0.0.1:8080", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("site_code", "5104220001", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("icp", "蜀ICP备12345678号", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("police", "川公网安备 51042202000001号", err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("bogus", "x", err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "未知的平台设置项"));
	assert_int_equal(gk_site_check(NULL, "x", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("name", "a\nb", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("name", "\xff", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("name", NULL, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("host", "www.example.gov.cn", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("host", "https://x.gov.cn/path", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("host", "https://", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("host", "https://x.cn:", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("host", "https://x.cn:123456", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("host", "https://x.cn.", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("host", "javascript:alert(1)", err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_site_check("site_code", "51-04", err, sizeof(err)), GK_EINVAL);
	/* site_code holds 31 bytes: 31 fine, 32 too long */
	assert_int_equal(gk_site_check("site_code", "1234567890123456789012345678901", err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_site_check("site_code", "12345678901234567890123456789012", err,
	    sizeof(err)), GK_ELIMIT);
}

static void
test_set_load(void **state)
{
	struct tdb	t;
	struct gk_site	s;
	char		err[512], v[256];
	int64_t		g0;

	(void)state;
	topen(&t);
	assert_int_equal(gk_site_load(t.db, &s, err, sizeof(err)), GK_OK);
	assert_string_equal(s.name, "政府信息公开平台");	/* the default */
	assert_string_equal(s.sponsor, "");
	g0 = gen(&t);
	assert_int_equal(gk_site_set(t.db, "cli:op", "name", "盐边县人民政府信息公开平台", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_site_set(t.db, "cli:op", "sponsor", "盐边县人民政府办公室", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gen(&t), g0 + 2);
	assert_int_equal(audits(&t), 2);
	gk_test_text(t.db, "SELECT change FROM audit WHERE entity = 'platform' ORDER BY seq "
	    "LIMIT 1", v, sizeof(v));
	assert_string_equal(v, "{\"key\":\"name\",\"old\":null,\"value\":\"盐边县人民政府信息公开平台\"}");
	assert_int_equal(gk_site_load(t.db, &s, err, sizeof(err)), GK_OK);
	assert_string_equal(s.name, "盐边县人民政府信息公开平台");
	assert_string_equal(s.sponsor, "盐边县人民政府办公室");
	/* the same value again: nothing written */
	assert_int_equal(gk_site_set(t.db, "cli:op", "name", "盐边县人民政府信息公开平台", NOW, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(audits(&t), 2);
	assert_int_equal(gen(&t), g0 + 2);
	/* change, then clear: the old value in the audit entry, the default back */
	assert_int_equal(gk_site_set(t.db, "cli:op", "name", "新平台", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_set(t.db, "cli:op", "name", "", NOW, err, sizeof(err)), GK_OK);
	gk_test_text(t.db, "SELECT change FROM audit WHERE entity = 'platform' ORDER BY seq DESC "
	    "LIMIT 1", v, sizeof(v));
	assert_string_equal(v, "{\"key\":\"name\",\"old\":\"新平台\",\"value\":null}");
	assert_int_equal(gk_test_int(t.db, "SELECT count(*) FROM platform_setting"), 1);
	assert_int_equal(gk_site_load(t.db, &s, err, sizeof(err)), GK_OK);
	assert_string_equal(s.name, "政府信息公开平台");
	assert_int_equal(gen(&t), g0 + 4);
	/* clearing what is not set: nothing */
	assert_int_equal(gk_site_set(t.db, "cli:op", "icp", "", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(audits(&t), 4);
	/* refused values write nothing */
	assert_int_equal(gk_site_set(t.db, "cli:op", "host", "ftp://x", NOW, err, sizeof(err)),
	    GK_EINVAL);
	assert_int_equal(gk_site_set(t.db, "cli:op", "nope", "x", NOW, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(audits(&t), 4);
	assert_int_equal(gen(&t), g0 + 4);
	tclose(&t);
}

static void
test_authorize(void **state)
{
	struct tdb	t;
	char		err[512];

	(void)state;
	topen(&t);
	/* an administrator of a top-level agency may; of a child agency or a clerk may not */
	assert_int_equal(gk_site_set(t.db, "root", "icp", "蜀ICP备1号", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_site_set(t.db, "sub", "icp", "蜀ICP备2号", NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_non_null(strstr(err, "无权修改平台设置"));
	assert_int_equal(gk_site_set(t.db, "clerk", "icp", "蜀ICP备3号", NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(audits(&t), 1);
	gk_test_text(t.db, "SELECT value FROM platform_setting WHERE key = 'icp'", err, sizeof(err));
	assert_string_equal(err, "蜀ICP备1号");
	tclose(&t);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_check),
	cmocka_unit_test(test_set_load),
	cmocka_unit_test(test_authorize),
};

GK_TEST_MAIN("site", tests)
