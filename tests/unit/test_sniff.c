/*
 * test_sniff.c — file types from their bytes (core/sniff.h): the magic
 * bytes of every accepted type, executables and scripts refused whatever
 * their name, names whose extension contradicts the content, and hostile
 * inputs: empty, truncated headers, ZIP files without [Content_Types].xml,
 * with programs or "../" names inside, with a damaged central directory,
 * and polyglots (a PE with a ZIP appended, a PDF with a ZIP appended).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "core/sniff.h"
#include "report/report_io.h"

/* A ZIP of stored (uncompressed) entries, built by hand. */
struct zipw {
	unsigned char	buf[8192];
	size_t		len;
	unsigned char	cd[4096];
	size_t		cdlen;
	unsigned	n;
};

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, unsigned long v)
{
	put16(p, (unsigned)(v & 0xffff));
	put16(p + 2, (unsigned)(v >> 16));
}

static void
zip_add(struct zipw *z, const char *name, const char *data)
{
	size_t		 nl = strlen(name), dl = strlen(data);
	unsigned char	*h = z->buf + z->len, *c = z->cd + z->cdlen;

	assert_true(z->len + 30 + nl + dl < sizeof(z->buf));
	assert_true(z->cdlen + 46 + nl < sizeof(z->cd));
	memset(h, 0, 30);
	memcpy(h, "PK\3\4", 4);
	put16(h + 4, 20);
	put32(h + 18, dl);
	put32(h + 22, dl);
	put16(h + 26, (unsigned)nl);
	memcpy(h + 30, name, nl);
	memcpy(h + 30 + nl, data, dl);
	memset(c, 0, 46);
	memcpy(c, "PK\1\2", 4);
	put16(c + 4, 20);
	put16(c + 6, 20);
	put32(c + 20, dl);
	put32(c + 24, dl);
	put16(c + 28, (unsigned)nl);
	put32(c + 42, (unsigned long)z->len);
	memcpy(c + 46, name, nl);
	z->len += 30 + nl + dl;
	z->cdlen += 46 + nl;
	z->n++;
}

/* Appends the central directory and end record; returns the length. */
static size_t
zip_end(struct zipw *z)
{
	unsigned char *e;

	memcpy(z->buf + z->len, z->cd, z->cdlen);
	e = z->buf + z->len + z->cdlen;
	memset(e, 0, 22);
	memcpy(e, "PK\5\6", 4);
	put16(e + 8, z->n);
	put16(e + 10, z->n);
	put32(e + 12, (unsigned long)z->cdlen);
	put32(e + 16, (unsigned long)z->len);
	z->len += z->cdlen + 22;
	return z->len;
}

static void
is(const void *buf, size_t len, enum sniff_kind k, int allowed)
{
	struct sniff_result r;

	sniff_bytes(buf, len, &r);
	if (r.kind != k || r.allowed != allowed)
		fail_msg("got kind %d allowed %d (%s), want %d %d", (int)r.kind, r.allowed,
		    r.why, (int)k, allowed);
	assert_non_null(r.mime);
	assert_non_null(r.ext);
	if (!allowed)
		assert_true(r.why[0] != '\0');
}

#define IS(lit, k, a)	is(lit, sizeof(lit) - 1, k, a)

static void
test_magic(void **state)
{
	(void)state;
	IS("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", SNIFF_PDF, 1);
	IS("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", SNIFF_PNG, 1);
	IS("\xff\xd8\xff\xe0\0\x10JFIF\0", SNIFF_JPEG, 1);
	IS("GIF89a\x01\0\x01\0", SNIFF_GIF, 1);
	IS("GIF87a\x01\0\x01\0", SNIFF_GIF, 1);
	IS("RIFF\x24\0\0\0WEBPVP8 ", SNIFF_WEBP, 1);
	IS("\0\0\0\x20" "ftypisom\0\0\x02\0isomiso2avc1mp41", SNIFF_MP4, 1);
	IS("\0\0\0\x18" "ftypmp42\0\0\0\0", SNIFF_MP4, 1);
	IS("\0\0\0\x18" "ftypheic\0\0\0\0", SNIFF_UNKNOWN, 0);
	IS("Rar!\x1a\x07\x01\0", SNIFF_RAR, 0);
	IS("7z\xbc\xaf\x27\x1c\0\x04", SNIFF_7Z, 0);
	IS("\x7f" "ELF\x02\x01\x01\0\0\0", SNIFF_ELF, 0);
	IS("MZ\x90\0\x03\0\0\0\x04\0\0\0\xff\xff\0\0", SNIFF_PE, 0);
	IS("MZ", SNIFF_PE, 0);
	IS("\xcf\xfa\xed\xfe\x07\0\0\x01", SNIFF_MACHO, 0);
	IS("\xca\xfe\xba\xbe\0\0\0\x02", SNIFF_MACHO, 0);
	IS("#!/bin/sh\nrm -rf /\n", SNIFF_SCRIPT, 0);
	IS("#!/usr/bin/env python3\n", SNIFF_SCRIPT, 0);
	IS("关于拟表彰先进个人的公示\n", SNIFF_TEXT, 1);
	IS("\xef\xbb\xbf公示\r\n", SNIFF_TEXT, 1);
	/* "公示" in GB18030 */
	IS("\xb9\xab\xca\xbe\r\n", SNIFF_TEXT_GB18030, 1);
	IS("<!DOCTYPE html><html><body><p>公示</p></body></html>", SNIFF_HTML, 1);
	IS("\n  <html lang=\"zh\"><head><meta charset=\"gbk\"></head>", SNIFF_HTML, 1);
	IS("<p>not a page</p>", SNIFF_TEXT, 1);
	/* Text that happens to start with "MZ" and has no control bytes. */
	IS("MZ 是一个缩写，这一行足够长，超过六十四个字节，所以按文本处理而不是可执行程序。\n",
	    SNIFF_TEXT, 1);
	/* NUL and other control bytes are not text. */
	IS("abc\0def", SNIFF_UNKNOWN, 0);
	IS("\x01\x02\x03\x04", SNIFF_UNKNOWN, 0);
	/* UTF-16 is not accepted as text. */
	IS("\xff\xfe\x6c\x51\x3a\x79", SNIFF_UNKNOWN, 0);
}

static void
test_truncated(void **state)
{
	struct sniff_result r;

	(void)state;
	sniff_bytes("", 0, &r);
	assert_int_equal(r.kind, SNIFF_EMPTY);
	assert_false(r.allowed);
	sniff_bytes(NULL, 0, &r);
	assert_int_equal(r.kind, SNIFF_EMPTY);
	IS("%PDF", SNIFF_TEXT, 1);	/* too short for a PDF header: plain text */
	IS("\x89PNG", SNIFF_UNKNOWN, 0);
	IS("\xff\xd8", SNIFF_UNKNOWN, 0);
	IS("PK\3\4", SNIFF_ZIP, 0);	/* no entry can be read */
	IS("PK\5\6", SNIFF_ZIP, 0);
	IS("\xd0\xcf\x11\xe0\xa1\xb1\x1a", SNIFF_UNKNOWN, 0);
	IS("\x7f" "EL", SNIFF_UNKNOWN, 0);
	IS("\xb9", SNIFF_UNKNOWN, 0);	/* half a GB18030 character */
	/* Half a UTF-8 character is a whole GB18030 one (鍏): text, as a reader would see it. */
	IS("\xe5\x85", SNIFF_TEXT_GB18030, 1);
}

static void
test_ole2(void **state)
{
	unsigned char	 b[1024];
	const char	*names[] = { "WordDocument", "Workbook", "PowerPoint Document",
	    "SummaryInformation" };
	enum sniff_kind	 kinds[] = { SNIFF_DOC, SNIFF_XLS, SNIFF_PPT, SNIFF_OLE2 };
	size_t		 i, j;

	(void)state;
	for (i = 0; i < 4; i++) {
		memset(b, 0, sizeof(b));
		memcpy(b, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
		for (j = 0; names[i][j] != '\0'; j++)
			b[512 + 2 * j] = (unsigned char)names[i][j];
		is(b, sizeof(b), kinds[i], i < 3);
	}
}

static void
test_zip(void **state)
{
	struct zipw	 z;
	struct gk_buf	 pkg;
	size_t		 n;
	static const char xml[] = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>公示</w:t></w:r></w:p>"
	    "</w:body></w:document>";

	(void)state;
	/* A real DOCX from the project's own writer. */
	gk_buf_init(&pkg, 0);
	assert_int_equal(gk_docx_pack(xml, strlen(xml), &pkg), GK_OK);
	is(pkg.data, pkg.len, SNIFF_DOCX, 1);
	/* Truncated in the middle: the end record is gone, the local headers still say DOCX. */
	is(pkg.data, pkg.len / 2 + 200 < pkg.len ? pkg.len / 2 + 200 : pkg.len, SNIFF_DOCX, 1);
	gk_buf_clear(&pkg);

	memset(&z, 0, sizeof(z));
	zip_add(&z, "[Content_Types].xml", "<Types/>");
	zip_add(&z, "xl/workbook.xml", "<workbook/>");
	n = zip_end(&z);
	is(z.buf, n, SNIFF_XLSX, 1);

	memset(&z, 0, sizeof(z));
	zip_add(&z, "[Content_Types].xml", "<Types/>");
	zip_add(&z, "ppt/presentation.xml", "<p/>");
	is(z.buf, zip_end(&z), SNIFF_PPTX, 1);

	memset(&z, 0, sizeof(z));
	zip_add(&z, "OFD.xml", "<ofd:OFD/>");
	zip_add(&z, "Doc_0/Document.xml", "<d/>");
	is(z.buf, zip_end(&z), SNIFF_OFD, 1);

	/* word/ entries without [Content_Types].xml: only a ZIP. */
	memset(&z, 0, sizeof(z));
	zip_add(&z, "word/document.xml", xml);
	is(z.buf, zip_end(&z), SNIFF_ZIP, 1);

	memset(&z, 0, sizeof(z));
	zip_add(&z, "附件1.pdf", "%PDF-1.4");
	zip_add(&z, "readme.txt", "x");
	is(z.buf, zip_end(&z), SNIFF_ZIP, 1);

	/* Programs, scripts and path escapes inside. */
	memset(&z, 0, sizeof(z));
	zip_add(&z, "readme.txt", "x");
	zip_add(&z, "setup.EXE", "MZ");
	is(z.buf, zip_end(&z), SNIFF_ZIP, 0);
	memset(&z, 0, sizeof(z));
	zip_add(&z, "[Content_Types].xml", "<Types/>");
	zip_add(&z, "word/document.xml", xml);
	zip_add(&z, "word/run.vbs", "x");
	is(z.buf, zip_end(&z), SNIFF_DOCX, 0);
	memset(&z, 0, sizeof(z));
	zip_add(&z, "../../etc/passwd", "x");
	is(z.buf, zip_end(&z), SNIFF_ZIP, 0);
	memset(&z, 0, sizeof(z));
	zip_add(&z, "a\\..\\..\\x.txt", "x");
	is(z.buf, zip_end(&z), SNIFF_ZIP, 0);
	memset(&z, 0, sizeof(z));
	zip_add(&z, "/abs.txt", "x");
	is(z.buf, zip_end(&z), SNIFF_ZIP, 0);
	memset(&z, 0, sizeof(z));
	zip_add(&z, "a..b.txt", "x");	/* dots inside a name are fine */
	is(z.buf, zip_end(&z), SNIFF_ZIP, 1);

	/* A central directory that points past the end: local headers are used. */
	memset(&z, 0, sizeof(z));
	zip_add(&z, "[Content_Types].xml", "<Types/>");
	zip_add(&z, "word/document.xml", xml);
	n = zip_end(&z);
	put32(z.buf + n - 6, 0xfffffff0UL);
	is(z.buf, n, SNIFF_DOCX, 1);
	/* Entry counts that lie: the walk stops at the bounds. */
	put32(z.buf + n - 6, (unsigned long)(n - 22 - z.cdlen));
	put16(z.buf + n - 12, 0xffff);
	is(z.buf, n, SNIFF_DOCX, 1);
}

static void
test_polyglot(void **state)
{
	struct zipw	 z;
	unsigned char	 b[9000];
	size_t		 n;

	(void)state;
	memset(&z, 0, sizeof(z));
	zip_add(&z, "a.txt", "x");
	n = zip_end(&z);
	/* A self-extracting archive: a PE with a ZIP behind it. */
	memcpy(b, "MZ\x90\0\x03\0\0\0", 8);
	memset(b + 8, 0, 56);
	memcpy(b + 64, z.buf, n);
	is(b, 64 + n, SNIFF_PE, 0);
	/* A PDF with a ZIP behind it is a PDF (what a reader would open). */
	memcpy(b, "%PDF-1.4\n", 9);
	memcpy(b + 9, z.buf, n);
	is(b, 9 + n, SNIFF_PDF, 1);
	/* A GIF that is also a script: the GIF header wins, and it is only a GIF. */
	IS("GIF89a/*\x01\0*/=1;alert(1)", SNIFF_GIF, 1);
	/* An HTML page hiding an ELF later on is still text, not a program. */
	IS("<html><body>\x7f" "ELF</body></html>", SNIFF_HTML, 1);
}

static void
check(const char *lit, size_t len, const char *name, enum gk_err want,
    const char *msg)
{
	struct sniff_result	r;
	char			err[256] = "";

	assert_int_equal(sniff_check(lit, len, name, &r, err, sizeof(err)), want);
	if (msg != NULL && strstr(err, msg) == NULL)
		fail_msg("message '%s' lacks '%s'", err, msg);
}

#define CHECK(lit, name, want, msg)	check(lit, sizeof(lit) - 1, name, want, msg)

static void
test_check_name(void **state)
{
	char ext[8];

	(void)state;
	CHECK("%PDF-1.7\n", "关于公示的通知.pdf", GK_OK, NULL);
	CHECK("%PDF-1.7\n", "关于公示的通知.PDF", GK_OK, NULL);
	CHECK("%PDF-1.7\n", "关于公示的通知", GK_OK, NULL);
	CHECK("%PDF-1.7\n", "通知（2025.1.3）", GK_OK, NULL);
	CHECK("%PDF-1.7\n", "x.doc", GK_EINVAL, "扩展名 .doc 与文件内容（PDF 文档，应为 .pdf）不符");
	CHECK("MZ\x90\0\x03\0\0\0", "x.pdf", GK_EINVAL, "Windows 可执行程序");
	CHECK("MZ\x90\0\x03\0\0\0", "x.pdf", GK_EINVAL, "扩展名 .pdf 与内容不符");
	CHECK("MZ\x90\0\x03\0\0\0", "x.exe", GK_EINVAL, "不能作为附件");
	CHECK("#!/bin/sh\n", "run.txt", GK_EINVAL, "脚本");
	CHECK("公示\n", "run.bat", GK_EINVAL, "扩展名 .bat");
	CHECK("公示\n", "a.txt", GK_OK, NULL);
	CHECK("公示\n", "a.csv", GK_OK, NULL);
	CHECK("\xff\xd8\xff\xe0", "photo.jpeg", GK_OK, NULL);
	CHECK("\xff\xd8\xff\xe0", "photo.png", GK_EINVAL, "JPEG");
	CHECK("", "a.txt", GK_EINVAL, "文件为空");
	CHECK("Rar!\x1a\x07\x01\0", "a.rar", GK_EINVAL, "RAR");
	check("x", 1, NULL, GK_OK, NULL);
	sniff_name_ext("a.tar.GZ", ext);
	assert_string_equal(ext, "gz");
	sniff_name_ext("a.", ext);
	assert_string_equal(ext, "");
	sniff_name_ext("a.123", ext);
	assert_string_equal(ext, "");
	sniff_name_ext("a.toolong", ext);
	assert_string_equal(ext, "");
	sniff_name_ext("a.文档", ext);
	assert_string_equal(ext, "");
}

/* Every prefix of every sample is identified without reading past its end. */
static void
test_prefixes(void **state)
{
	struct gk_buf		pkg;
	struct sniff_result	r;
	size_t			n;
	static const char xml[] = "<w:document xmlns:w=\"http://schemas.openxmlformats.org/"
	    "wordprocessingml/2006/main\"><w:body></w:body></w:document>";
	unsigned char		*copy;

	(void)state;
	gk_buf_init(&pkg, 0);
	assert_int_equal(gk_docx_pack(xml, strlen(xml), &pkg), GK_OK);
	for (n = 0; n <= pkg.len; n++) {
		copy = malloc(n ? n : 1);
		assert_non_null(copy);
		memcpy(copy, pkg.data, n);
		sniff_bytes(copy, n, &r);	/* ASan checks the bounds */
		assert_true(r.kind == SNIFF_DOCX || r.kind == SNIFF_ZIP ||
		    r.kind == SNIFF_EMPTY || r.kind == SNIFF_UNKNOWN || r.kind == SNIFF_TEXT);
		free(copy);
	}
	gk_buf_clear(&pkg);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_magic),
	cmocka_unit_test(test_truncated),
	cmocka_unit_test(test_ole2),
	cmocka_unit_test(test_zip),
	cmocka_unit_test(test_polyglot),
	cmocka_unit_test(test_check_name),
	cmocka_unit_test(test_prefixes),
};

GK_TEST_MAIN("sniff", tests)
