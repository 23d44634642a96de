/*
 * test_attachment.c — attachments in the store (store/attachment.h): add,
 * list, download and remove with their rows and audit entries; one blob
 * per content across items, and the blob removed with its last reference;
 * every refusal (size, count, empty file, executable, extension that
 * contradicts the content, bad names, wrong state, wrong user, wrong
 * agency, same file twice) writing nothing; allocation failures leaving no
 * attachment, blob or audit entry; the gate's scan finding personal data
 * in TXT (UTF-8 and GB18030), HTML and DOCX attachments.
 *
 * The ID number 11010519491231002X (GB 11643) checks: the weighted sum of
 * the first 17 digits is 167, mod 11 = 2, which maps to 'X'.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>
#include <sqlite3.h>

#include "harness.h"
#include "core/scan.h"
#include "report/report_io.h"
#include "store/agency.h"
#include "store/attachment.h"
#include "store/audit.h"
#include "store/category.h"
#include "store/db.h"
#include "store/item.h"

#define CODE_A	"11510422MB1234567Y"
#define CODE_B	"11510422MB12345682"
#define NOW	"2025-01-24T10:00:00+08:00"
#define PDF	"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
#define PE	"MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0"

struct fx {
	char			 dir[64], path[128];
	struct gk_db		*db;
	int64_t			 ag, ag2;
	struct gk_item_actor	 d, d2, r, a, x;
};

static struct fx F;

static void
raw(const char *sql)
{
	gk_test_exec(F.db, sql);
}

static int64_t
q_int(const char *sql)
{
	return gk_test_int(F.db, sql);
}

static void
q_text(const char *sql, char *out, size_t n)
{
	gk_test_text(F.db, sql, out, n);
}

static void
actor(struct gk_item_actor *ac, const char *login)
{
	char err[256];

	if (gk_item_actor_lookup(F.db, login, ac, err, sizeof(err)) != GK_OK)
		fail_msg("lookup %s: %s", login, err);
}

static int
setup(void **state)
{
	char	err[512], sql[1024];

	(void)state;
	memset(&F, 0, sizeof(F));
	F.db = gk_test_db_open("att", F.dir, sizeof(F.dir), F.path, sizeof(F.path));
	gk_test_agencies(F.db, NOW, &F.ag, &F.ag2);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag2, "admin", NOW, err, sizeof(err)), GK_OK);
	snprintf(sql, sizeof(sql),
	    "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES "
	    "(%lld, 'd', '拟稿人', 'drafter', 'x'), (%lld, 'd2', '拟稿人二', 'drafter', 'x'), "
	    "(%lld, 'r', '分管领导', 'reviewer', 'x'), (%lld, 'x', '外单位', 'drafter', 'x'), "
	    "(%lld, 'a', '主要领导', 'approver', 'x');"
	    "INSERT INTO user_role (user_id, role) SELECT id, role FROM users;",
	    (long long)F.ag, (long long)F.ag, (long long)F.ag, (long long)F.ag2,
	    (long long)F.ag);
	raw(sql);
	actor(&F.d, "d");
	actor(&F.d2, "d2");
	actor(&F.r, "r");
	actor(&F.a, "a");
	actor(&F.x, "x");
	return 0;
}

static int
teardown(void **state)
{

	(void)state;
	gk_test_db_remove(F.db, F.dir);
	return 0;
}

static int64_t
draft(const struct gk_item_actor *ac, int64_t agency, const char *title)
{
	struct item_meta	 m;
	struct gk_item_opts	 o = { NULL, NULL, NULL };
	struct item_problems	 p;
	char			 err[512];
	int64_t			 id;

	item_meta_init(&m);
	item_meta_set(&m, ITEM_F_TITLE, title);
	item_meta_set(&m, ITEM_F_CATEGORY, "机构职能");
	item_meta_set(&m, ITEM_F_WRITTEN, "2025-01-24");
	item_meta_set(&m, ITEM_F_BODY, "正文");
	if (gk_item_create(F.db, ac, agency, &m, &o, NOW, &id, &p, err,
	    sizeof(err)) != GK_OK)
		fail_msg("create: %s", err);
	item_meta_clear(&m);
	return id;
}

static int64_t
add_ok(const struct gk_item_actor *ac, int64_t item, const char *name,
    const void *data, size_t len)
{
	char	err[512];
	int64_t	id;

	if (gk_attachment_add(F.db, ac, item, name, data, len, NOW, &id, err,
	    sizeof(err)) != GK_OK)
		fail_msg("attach %s: %s", name, err);
	assert_true(id > 0);
	return id;
}

/* Counts of what a refused change must not touch. */
struct snap {
	int64_t attachment, blob, audit;
};

static void
snap(struct snap *s)
{
	s->attachment = q_int("SELECT count(*) FROM attachment");
	s->blob = q_int("SELECT count(*) FROM blob");
	s->audit = q_int("SELECT count(*) FROM audit");
}

static void
unchanged(const struct snap *b)
{
	struct snap c;

	snap(&c);
	assert_int_equal(b->attachment, c.attachment);
	assert_int_equal(b->blob, c.blob);
	assert_int_equal(b->audit, c.audit);
	assert_false(gk_db_in_tx(F.db));
}

/* A refused add: the code, the message, nothing written. */
static void
add_refused(const struct gk_item_actor *ac, int64_t item, const char *name,
    const void *data, size_t len, enum gk_err want, const char *msg)
{
	struct snap	b;
	char		err[512] = "";
	int64_t		id = 99;

	snap(&b);
	assert_int_equal(gk_attachment_add(F.db, ac, item, name, data, len, NOW, &id, err,
	    sizeof(err)), want);
	assert_int_equal(id, 0);
	if (strstr(err, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err, msg);
	unchanged(&b);
}

static void
chain_ok(void)
{
	struct gk_audit_result	r;
	char			err[256];

	assert_int_equal(gk_audit_verify(F.db, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.fault, GK_AUDIT_INTACT);
}

static void
test_add_list_get_remove(void **state)
{
	struct gk_attachment_list	 l;
	struct gk_attachment		 a;
	char				 err[512], s[1024], hash[80];
	void				*data;
	size_t				 len;
	int64_t				 item, a1, a2;
	json_t				*j;

	(void)state;
	item = draft(&F.d, F.ag, "关于公示的通知");
	a1 = add_ok(&F.d, item, "C:\\文件\\附件1 公示名单.pdf", PDF, sizeof(PDF) - 1);
	a2 = add_ok(&F.d, item, "说明.txt", "说明文字\n", strlen("说明文字\n"));
	assert_int_equal(gk_attachment_list(F.db, item, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.v[0].id, a1);
	assert_string_equal(l.v[0].name, "附件1 公示名单.pdf");	/* the path is dropped */
	assert_string_equal(l.v[0].mime, "application/pdf");
	assert_int_equal(l.v[0].size, (int64_t)(sizeof(PDF) - 1));
	assert_int_equal(strlen(l.v[0].hash), 64);
	assert_int_equal(l.v[0].has_text, 0);
	assert_string_equal(l.v[0].created_at, NOW);
	assert_string_equal(l.v[1].mime, "text/plain; charset=utf-8");
	assert_int_equal(l.v[1].has_text, 1);
	snprintf(hash, sizeof(hash), "%s", l.v[0].hash);
	/* sha256 of the PDF sample, as `sha256sum` gives it */
	assert_string_equal(hash,
	    "5f402992d916d5e8f644a7881f81e4b0bfa9d78311b352bb96b8d9224a599990");
	gk_attachment_list_free(&l);
	q_text("SELECT hex(data) FROM blob WHERE hash = (SELECT blob_hash FROM attachment "
	    "WHERE id = 1)", s, sizeof(s));
	assert_true(strncmp(s, "255044462D", 10) == 0);	/* "%PDF-" */
	q_text("SELECT text FROM attachment WHERE name = '说明.txt'", s, sizeof(s));
	assert_string_equal(s, "说明文字\n");

	/* the audit entry */
	q_text("SELECT action FROM audit ORDER BY seq DESC LIMIT 1", s, sizeof(s));
	assert_string_equal(s, "attach");
	q_text("SELECT entity || ':' || entity_id || ':' || actor FROM audit ORDER BY seq DESC "
	    "LIMIT 1", s, sizeof(s));
	snprintf(err, sizeof(err), "item:%lld:d", (long long)item);
	assert_string_equal(s, err);
	q_text("SELECT change FROM audit WHERE action = 'attach' ORDER BY seq LIMIT 1", s,
	    sizeof(s));
	assert_non_null(j = json_loads(s, 0, NULL));
	assert_int_equal(json_integer_value(json_object_get(j, "attachment_id")), a1);
	assert_string_equal(json_string_value(json_object_get(j, "name")), "附件1 公示名单.pdf");
	assert_string_equal(json_string_value(json_object_get(j, "mime")), "application/pdf");
	assert_string_equal(json_string_value(json_object_get(j, "sha256")), hash);
	assert_int_equal(json_integer_value(json_object_get(j, "size")), sizeof(PDF) - 1);
	json_decref(j);

	/* download */
	assert_int_equal(gk_attachment_get_data(F.db, item, a1, &a, &data, &len, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(len, sizeof(PDF) - 1);
	assert_memory_equal(data, PDF, len);
	assert_string_equal(a.name, "附件1 公示名单.pdf");
	gk_free(data);
	assert_int_equal(gk_attachment_get_data(F.db, item + 1, a1, &a, &data, &len, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_null(data);
	assert_int_equal(gk_attachment_get_data(F.db, item, 999, &a, &data, &len, err,
	    sizeof(err)), GK_ENOTFOUND);
	assert_non_null(strstr(err, "没有编号为 999 的附件"));
	assert_int_equal(gk_attachment_list(F.db, 999, &l, err, sizeof(err)), GK_ENOTFOUND);

	/* remove */
	assert_int_equal(gk_attachment_remove(F.db, &F.d, item, a1, NOW, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM attachment"), 1);
	assert_int_equal(q_int("SELECT count(*) FROM blob"), 1);	/* its blob went too */
	q_text("SELECT action FROM audit ORDER BY seq DESC LIMIT 1", s, sizeof(s));
	assert_string_equal(s, "detach");
	assert_int_equal(gk_attachment_remove(F.db, &F.d, item, a1, NOW, err, sizeof(err)),
	    GK_ENOTFOUND);
	assert_int_equal(gk_attachment_remove(F.db, &F.d, item, a2, NOW, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM blob"), 0);
	chain_ok();
}

static void
test_dedup(void **state)
{
	char	err[256];
	int64_t	i1, i2, a1, a2;

	(void)state;
	i1 = draft(&F.d, F.ag, "信息一");
	i2 = draft(&F.d2, F.ag, "信息二");
	a1 = add_ok(&F.d, i1, "a.pdf", PDF, sizeof(PDF) - 1);
	a2 = add_ok(&F.d2, i2, "b.pdf", PDF, sizeof(PDF) - 1);
	assert_int_equal(q_int("SELECT count(*) FROM attachment"), 2);
	assert_int_equal(q_int("SELECT count(*) FROM blob"), 1);
	assert_int_equal(q_int("SELECT count(DISTINCT blob_hash) FROM attachment"), 1);
	/* the same file twice on one item is refused */
	add_refused(&F.d, i1, "again.pdf", PDF, sizeof(PDF) - 1, GK_ECONFLICT,
	    "已有内容相同的附件");
	/* removing one reference keeps the blob for the other */
	assert_int_equal(gk_attachment_remove(F.db, &F.d, i1, a1, NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM blob"), 1);
	assert_int_equal(gk_attachment_remove(F.db, &F.d2, i2, a2, NOW, err, sizeof(err)), GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM blob"), 0);
	chain_ok();
}

static void
test_refused_content(void **state)
{
	char	*big, name[600];
	int64_t	 item;

	(void)state;
	item = draft(&F.d, F.ag, "信息");
	add_refused(&F.d, item, "a.txt", "", 0, GK_EINVAL, "空文件");
	add_refused(&F.d, item, "a.txt", NULL, 0, GK_EINVAL, "空文件");
	assert_non_null(big = calloc(1, GK_ATTACHMENT_MAX + 1));
	memset(big, 'a', GK_ATTACHMENT_MAX + 1);
	add_refused(&F.d, item, "big.txt", big, GK_ATTACHMENT_MAX + 1, GK_ELIMIT, "过大");
	free(big);
	add_refused(&F.d, item, "setup.exe", PE, sizeof(PE) - 1, GK_EINVAL,
	    "Windows 可执行程序");
	add_refused(&F.d, item, "通知.pdf", PE, sizeof(PE) - 1, GK_EINVAL,
	    "扩展名 .pdf 与内容不符");
	add_refused(&F.d, item, "a.sh", "#!/bin/sh\necho\n", 15, GK_EINVAL, "脚本");
	add_refused(&F.d, item, "通知.doc", PDF, sizeof(PDF) - 1, GK_EINVAL,
	    "扩展名 .doc 与文件内容（PDF 文档");
	add_refused(&F.d, item, "a.bin", "\x01\x02\x03\x04", 4, GK_EINVAL, "无法识别");
	/* a DOCX that cannot be read cannot be checked by the gate */
	add_refused(&F.d, item, "a.docx", "PK\3\4\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0"
	    "\x13\0\0\0[Content_Types].xml", 49, GK_EINVAL, "");
	/* names */
	add_refused(&F.d, item, "", PDF, sizeof(PDF) - 1, GK_EINVAL, "名称为空");
	add_refused(&F.d, item, "dir/", PDF, sizeof(PDF) - 1, GK_EINVAL, "名称为空");
	add_refused(&F.d, item, "../..", PDF, sizeof(PDF) - 1, GK_EINVAL, "名称为空");
	add_refused(&F.d, item, "a\x01.pdf", PDF, sizeof(PDF) - 1, GK_EINVAL, "控制字符");
	add_refused(&F.d, item, "\xff.pdf", PDF, sizeof(PDF) - 1, GK_EINVAL, "UTF-8");
	memset(name, 'a', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	add_refused(&F.d, item, name, PDF, sizeof(PDF) - 1, GK_EINVAL, "过长");
	name[121] = '\0';
	add_refused(&F.d, item, name, PDF, sizeof(PDF) - 1, GK_EINVAL, "个字");
	name[120] = '\0';
	add_ok(&F.d, item, name, PDF, sizeof(PDF) - 1);
}

static void
test_refused_actor(void **state)
{
	struct gk_item_input	 in;
	struct snap		 b;
	char			 err[512];
	int64_t			 item, other, a1;

	(void)state;
	item = draft(&F.d, F.ag, "信息");
	other = draft(&F.x, F.ag2, "外单位信息");
	add_refused(&F.d2, item, "a.pdf", PDF, sizeof(PDF) - 1, GK_ECONFLICT, "只有拟稿人本人");
	add_refused(&F.x, item, "a.pdf", PDF, sizeof(PDF) - 1, GK_ECONFLICT, "其他机关");
	add_refused(&F.d, other, "a.pdf", PDF, sizeof(PDF) - 1, GK_ECONFLICT, "其他机关");
	add_refused(&F.d, 999, "a.pdf", PDF, sizeof(PDF) - 1, GK_ENOTFOUND, "不存在");
	a1 = add_ok(&F.d, item, "a.pdf", PDF, sizeof(PDF) - 1);
	snap(&b);
	assert_int_equal(gk_attachment_remove(F.db, &F.d2, item, a1, NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(gk_attachment_remove(F.db, &F.x, item, a1, NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_int_equal(gk_attachment_remove(F.db, &F.d, other, a1, NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	unchanged(&b);
	/* once submitted, no more changes */
	memset(&in, 0, sizeof(in));
	if (gk_item_act(F.db, item, &F.d, WF_ACT_SUBMIT, &in, NOW, NULL, err,
	    sizeof(err)) != GK_OK)
		fail_msg("submit: %s", err);
	add_refused(&F.d, item, "b.txt", "文字\n", strlen("文字\n"), GK_ECONFLICT,
	    "只有草稿可以添加附件");
	snap(&b);
	assert_int_equal(gk_attachment_remove(F.db, &F.d, item, a1, NOW, err, sizeof(err)),
	    GK_ECONFLICT);
	assert_non_null(strstr(err, "只有草稿可以删除附件"));
	unchanged(&b);
	chain_ok();
}

static void
test_count_limit(void **state)
{
	char	name[32], body[32];
	int64_t	item;
	int	i;

	(void)state;
	item = draft(&F.d, F.ag, "信息");
	for (i = 0; i < GK_ATTACHMENT_MAX_COUNT; i++) {
		snprintf(name, sizeof(name), "附件%d.txt", i + 1);
		snprintf(body, sizeof(body), "附件 %d\n", i + 1);
		add_ok(&F.d, item, name, body, strlen(body));
	}
	add_refused(&F.d, item, "one-more.pdf", PDF, sizeof(PDF) - 1, GK_ELIMIT,
	    "最多 50 个附件");
}

static void
test_alloc_failure(void **state)
{
	struct snap	 b;
	struct gk_buf	 pkg;
	enum gk_err	 e;
	char		 err[512];
	long		 n;
	int64_t		 item, id;
	static const char xml[] = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>公示</w:t></w:r></w:p>"
	    "</w:body></w:document>";

	(void)state;
	item = draft(&F.d, F.ag, "信息");
	gk_buf_init(&pkg, 0);
	assert_int_equal(gk_docx_pack(xml, strlen(xml), &pkg), GK_OK);
	json_set_alloc_funcs(gk_malloc, gk_free);
	snap(&b);
	for (n = 0; n < 5000; n++) {
		gk_mem_fail_after(n);
		e = gk_attachment_add(F.db, &F.d, item, "名单.docx", pkg.data, pkg.len, NOW,
		    &id, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK)
			break;
		if (e != GK_ENOMEM && e != GK_EDB && e != GK_EINVAL)
			fail_msg("allocation %ld: %s (%s)", n, gk_strerror(e), err);
		unchanged(&b);
	}
	json_set_alloc_funcs(malloc, free);
	assert_true(n > 5);
	assert_int_equal(e, GK_OK);
	assert_int_equal(q_int("SELECT count(*) FROM attachment"), b.attachment + 1);
	assert_int_equal(q_int("SELECT count(*) FROM blob"), b.blob + 1);
	assert_int_equal(q_int("SELECT count(*) FROM audit"), b.audit + 1);
	gk_buf_clear(&pkg);
	chain_ok();
}

static void
test_scan(void **state)
{
	struct scan_findings	 f;
	struct gk_buf		 pkg;
	char			 err[256], *buf;
	size_t			 len;
	int64_t			 item, other;
	static const char xml[] = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body>"
	    "<w:p><w:r><w:t>关于拟表彰先进个人的公示</w:t></w:r></w:p>"
	    "<w:p><w:r><w:t>李某某，公民身份号码 11010519491231002X</w:t></w:r></w:p>"
	    "</w:body></w:document>";

	(void)state;
	item = draft(&F.d, F.ag, "信息");
	other = draft(&F.d, F.ag, "另一条");
	scan_findings_init(&f);
	assert_int_equal(gk_attachment_scan(F.db, item, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 0);
	add_ok(&F.d, item, "附件.pdf", PDF, sizeof(PDF) - 1);	/* no text: nothing to scan */
	gk_buf_init(&pkg, 0);
	assert_int_equal(gk_docx_pack(xml, strlen(xml), &pkg), GK_OK);
	add_ok(&F.d, item, "名单.docx", pkg.data, pkg.len);
	gk_buf_clear(&pkg);
	buf = gk_test_slurp("tests/fixtures/scan/leaky.txt", &len);
	add_ok(&F.d, other, "名单.txt", buf, len);
	free(buf);

	/* findings already there (the title and body) are kept */
	assert_int_equal(scan_text("手机 13812345678", strlen("手机 13812345678"), &f), GK_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(gk_attachment_scan(F.db, item, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 2);
	assert_int_equal(f.v[0].kind, SCAN_MOBILE);
	assert_int_equal(f.v[1].kind, SCAN_ID18);
	assert_int_equal(f.v[1].line, 2);
	scan_findings_clear(&f);

	scan_findings_init(&f);
	assert_int_equal(gk_attachment_scan(F.db, other, &f, err, sizeof(err)), GK_OK);
	assert_true(scan_findings_count(&f, SCAN_ID18) >= 2);
	assert_true(scan_findings_count(&f, SCAN_MOBILE) >= 1);
	assert_true(scan_findings_count(&f, SCAN_EMAIL) >= 1);
	scan_findings_clear(&f);

	/* HTML and GB18030 text */
	buf = gk_test_slurp("tests/fixtures/scan/leaky.html", &len);
	add_ok(&F.d, other, "公示.html", buf, len);
	free(buf);
	scan_findings_init(&f);
	assert_int_equal(gk_attachment_scan(F.db, other, &f, err, sizeof(err)), GK_OK);
	assert_true(scan_findings_count(&f, SCAN_MARK) >= 1);
	scan_findings_clear(&f);
	buf = gk_test_slurp("tests/fixtures/scan/gbk.txt", &len);
	add_ok(&F.d, other, "报告.txt", buf, len);
	free(buf);
	assert_int_equal(q_int("SELECT count(*) FROM attachment WHERE name = '报告.txt' AND "
	    "mime = 'text/plain; charset=gb18030' AND text LIKE '%盐边县经济合作和商务局%'"), 1);
}

/* Text longer than one gk_extract_text call reads is extracted in pieces, all scanned. */
static void
test_large_text(void **state)
{
	struct scan_findings	 f;
	static const char	 line[] = "第一条 公示内容\n";
	static const char	 id[] = "身份证号 11010519491231002X\n";
	char			*buf, err[256];
	size_t			 n = 0, lines = 0, len = (size_t)GK_REPORT_MAX_INPUT + 4096;
	int64_t			 item;

	(void)state;
	item = draft(&F.d, F.ag, "信息");
	assert_non_null(buf = malloc(len));
	while (n + sizeof(line) - 1 + sizeof(id) - 1 <= len) {
		memcpy(buf + n, line, sizeof(line) - 1);
		n += sizeof(line) - 1;
		lines++;
	}
	memcpy(buf + n, id, sizeof(id) - 1);
	n += sizeof(id) - 1;
	add_ok(&F.d, item, "大文本.txt", buf, n);
	free(buf);
	scan_findings_init(&f);
	assert_int_equal(gk_attachment_scan(F.db, item, &f, err, sizeof(err)), GK_OK);
	assert_int_equal(f.n, 1);
	assert_int_equal(f.v[0].kind, SCAN_ID18);
	assert_int_equal(f.v[0].line, lines + 1);
	scan_findings_clear(&f);
	/* one line longer than that cannot be read, so it is refused */
	assert_non_null(buf = malloc(len));
	memset(buf, 'a', len);
	add_refused(&F.d, item, "长行.txt", buf, len, GK_ELIMIT, "一行超过");
	free(buf);
}

static void
test_name(void **state)
{
	char out[GK_ATTACHMENT_NAME_MAX + 1], err[256];

	(void)state;
	assert_int_equal(gk_attachment_name("  /tmp/x/公示.pdf  ", out, err, sizeof(err)), GK_OK);
	assert_string_equal(out, "公示.pdf");
	assert_int_equal(gk_attachment_name("a\\b\\c.doc", out, err, sizeof(err)), GK_OK);
	assert_string_equal(out, "c.doc");
	assert_int_equal(gk_attachment_name(".", out, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_attachment_name(NULL, out, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_attachment_name("a\nb", out, err, sizeof(err)), GK_EINVAL);
}

/*
 * The gate of gk_item_act counts findings in attachment text: the same
 * clean draft passes approval without its attachment and is stopped with
 * it, until the approver overrides with a reason.
 */
static void
gate_run(int with_attachment)
{
	struct gk_item_input	 in;
	struct wf_result	 r;
	char			 err[512], *buf;
	size_t			 len;
	int64_t			 item;

	item = draft(&F.d, F.ag, "关于拟表彰先进个人的公示");
	if (with_attachment) {
		buf = gk_test_slurp("tests/fixtures/scan/leaky.txt", &len);
		add_ok(&F.d, item, "名单.txt", buf, len);
		free(buf);
	}
	memset(&in, 0, sizeof(in));
	in.checks[0] = in.checks[1] = in.checks[2] = WF_PASS;
	in.comment = "同意";
	assert_int_equal(gk_item_act(F.db, item, &F.d, WF_ACT_SUBMIT, &in, NOW, &r, err,
	    sizeof(err)), GK_OK);
	assert_int_equal(gk_item_act(F.db, item, &F.r, WF_ACT_REVIEW, &in, NOW, &r, err,
	    sizeof(err)), GK_OK);
	if (!with_attachment) {
		assert_int_equal(gk_item_act(F.db, item, &F.a, WF_ACT_APPROVE, &in, NOW, &r,
		    err, sizeof(err)), GK_OK);
		return;
	}
	assert_int_not_equal(gk_item_act(F.db, item, &F.a, WF_ACT_APPROVE, &in, NOW, &r,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(r.code, WF_E_GATE);
	if (strstr(err, "保密与个人信息检查发现") == NULL)
		fail_msg("%s", err);
	in.override_reason = "名单已经本人同意公示";
	assert_int_equal(gk_item_act(F.db, item, &F.a, WF_ACT_APPROVE, &in, NOW, &r,
	    err, sizeof(err)), GK_OK);
}

static void
test_gate(void **state)
{
	(void)state;
	gate_run(0);
	gate_run(1);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_add_list_get_remove, setup, teardown),
	cmocka_unit_test_setup_teardown(test_dedup, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refused_content, setup, teardown),
	cmocka_unit_test_setup_teardown(test_refused_actor, setup, teardown),
	cmocka_unit_test_setup_teardown(test_count_limit, setup, teardown),
	cmocka_unit_test_setup_teardown(test_alloc_failure, setup, teardown),
	cmocka_unit_test_setup_teardown(test_scan, setup, teardown),
	cmocka_unit_test_setup_teardown(test_large_text, setup, teardown),
	cmocka_unit_test_setup_teardown(test_gate, setup, teardown),
	cmocka_unit_test(test_name),
};

GK_TEST_MAIN("attachment", tests)
