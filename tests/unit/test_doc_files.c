/*
 * test_doc_files.c — the documents as files: the report as XLSX (cells,
 * merges, numbers as numbers, same bytes twice) and PDF (header, fixed
 * dates, same bytes twice), the answer letter as DOCX (hostile text stays
 * text) and PDF, lists as XLSX (the CSV formula guard undone into inert
 * strings, counts as numbers, personal data masked unless asked),
 * gk_doc_save (no partial files), and no temporary file left behind by
 * XLSX, on success or failure. The XLSX parts are read back with libzip.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <zip.h>

#include "harness.h"
#include "core/apply.h"
#include "core/date.h"
#include "core/letter.h"
#include "doc/doc.h"
#include "report/report_io.h"
#include "store/application.h"
#include "store/db.h"

#define NOW	"2025-06-03T10:00:00+08:00"

static char tmpdir[64];

/* Every test runs with TMPDIR in a fresh folder, so leftovers can be counted. */
static int
setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/gk-test-doc-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	setenv("TMPDIR", tmpdir, 1);
	return 0;
}

static int
entries(const char *dir)
{
	DIR		*d = opendir(dir);
	struct dirent	*e;
	int		 n = 0;

	if (d == NULL)
		return -1;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static int
teardown(void **state)
{
	(void)state;
	assert_int_equal(entries(tmpdir), 0);	/* no temporary file left */
	rmdir(tmpdir);
	unsetenv("TMPDIR");
	return 0;
}

/* The named part of a ZIP package as a NUL-terminated string (caller frees). */
static char *
zpart(const struct gk_buf *b, const char *name)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_file_t	*f;
	zip_stat_t	 st;
	char		*s;

	zip_error_init(&ze);
	src = zip_source_buffer_create(b->data, b->len, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_RDONLY, &ze);
	assert_non_null(za);
	if (zip_stat(za, name, 0, &st) != 0)
		fail_msg("no part %s", name);
	s = calloc(1, st.size + 1);
	f = zip_fopen(za, name, 0);
	assert_non_null(s);
	assert_non_null(f);
	assert_int_equal(zip_fread(f, s, st.size), (zip_int64_t)st.size);
	zip_fclose(f);
	zip_close(za);
	zip_error_fini(&ze);
	return s;
}

/* The <c> element of cell ref in a sheet's XML (up to </c> or />), copied into out. */
static void
xcell(const char *xml, const char *ref, char *out, size_t n)
{
	char		 key[32];
	const char	*p, *e;

	snprintf(key, sizeof(key), "<c r=\"%s\"", ref);
	if ((p = strstr(xml, key)) == NULL)
		fail_msg("no cell %s", ref);
	/* <c r="X"/> closes itself; else up to its </c> */
	e = strchr(p, '>');
	if (e == NULL || (e[-1] != '/' && (e = strstr(p, "</c>")) == NULL))
		fail_msg("cell %s not closed", ref);
	snprintf(out, n, "%.*s", (int)(e - p), p);
}

/* 1 when needle (n bytes) occurs in b. */
static int
has_bytes(const struct gk_buf *b, const char *needle, size_t n)
{
	size_t i;

	for (i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, needle, n) == 0)
			return 1;
	return 0;
}

static void
report_fill(struct gk_report *r)
{
	gk_report_init(r, GK_TPL_2021);
	r->year = 2025;
	snprintf(r->agency, sizeof(r->agency), "盐边县财政局");
	gk_cell_set_int(&r->s2[GK_S2_LICENSE], 15);
	gk_cell_set_num(&r->s2[GK_S2_FEE], 800000);	/* 0.8 万元 */
	gk_cell_set_int(&r->s3[GK_S3_NEW][GK_S3_NATURAL], 6);
	gk_cell_set_int(&r->s3[GK_S3_TOTAL][GK_S3_ALL], 16);
	gk_cell_set_text(&r->s3[GK_S3_OTHER_MISC][GK_S3_LEGAL], GK_CELL_UNREADABLE, "—");
	gk_cell_set_int(&r->s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL], 1);
}

static void
test_report_xlsx(void **state)
{
	static struct gk_report r;
	struct gk_buf	 a, b;
	char		*wb, *s2, *s3, *s4, *ss, c[256];

	(void)state;
	report_fill(&r);
	gk_buf_init(&a, 0);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_xlsx(&r, &a), GK_OK);
	assert_int_equal(gk_render(&r, GK_FMT_XLSX, &b), GK_OK);
	/* the same report, the same bytes (fixed creation date, fixed ZIP times) */
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	wb = zpart(&a, "xl/workbook.xml");
	assert_non_null(strstr(wb, "name=\"表二 主动公开\""));
	assert_non_null(strstr(wb, "name=\"表三 依申请公开\""));
	assert_non_null(strstr(wb, "name=\"表四 行政复议和诉讼\""));
	/* 表二: grid row 6 (行政许可) is Excel row 10 (title, heading, blank first) */
	s2 = zpart(&a, "xl/worksheets/sheet1.xml");
	xcell(s2, "B10", c, sizeof(c));
	assert_null(strstr(c, "t=\"s\""));		/* a number, not text */
	assert_non_null(strstr(c, "<v>15</v>"));
	assert_non_null(strstr(s2, "<mergeCell ref=\"B10:D10\"/>"));
	xcell(s2, "B17", c, sizeof(c));
	assert_non_null(strstr(c, "<v>0.8</v>"));
	/* 表三: the template's header merges and the 总计 of (七) at J30 */
	s3 = zpart(&a, "xl/worksheets/sheet2.xml");
	assert_non_null(strstr(s3, "<mergeCell ref=\"A4:C6\"/>"));
	assert_non_null(strstr(s3, "<mergeCell ref=\"D4:I4\"/>"));
	assert_non_null(strstr(s3, "<mergeCell ref=\"J4:J6\"/>"));
	assert_non_null(strstr(s3, "<mergeCell ref=\"E5:I5\"/>"));
	assert_non_null(strstr(s3, "<mergeCell ref=\"A9:A30\"/>"));	/* 三、本年度办理结果 */
	assert_non_null(strstr(s3, "<mergeCell ref=\"B11:B18\"/>"));	/* (三) 不予公开 */
	xcell(s3, "D7", c, sizeof(c));
	assert_non_null(strstr(c, "<v>6</v>"));
	xcell(s3, "J30", c, sizeof(c));
	assert_null(strstr(c, "t=\"s\""));
	assert_non_null(strstr(c, "<v>16</v>"));
	xcell(s3, "H29", c, sizeof(c));	/* 3.其他 × 法律服务机构: unreadable, kept as text */
	assert_non_null(strstr(c, "t=\"s\""));
	ss = zpart(&a, "xl/sharedStrings.xml");
	assert_non_null(strstr(ss, "<t>—</t>"));
	assert_non_null(strstr(ss, "盐边县财政局2025年政府信息公开工作年度报告"));
	/* 表四: row 7, the last of 15 columns */
	s4 = zpart(&a, "xl/worksheets/sheet3.xml");
	xcell(s4, "O7", c, sizeof(c));
	assert_non_null(strstr(c, "<v>1</v>"));
	assert_non_null(strstr(s4, "<mergeCell ref=\"F4:O4\"/>"));
	free(wb);
	free(s2);
	free(s3);
	free(s4);
	free(ss);
	gk_buf_clear(&a);
	gk_buf_clear(&b);
	gk_report_clear(&r);
	assert_int_equal(gk_render_xlsx(NULL, &a), GK_EINVAL);
}

static void
test_report_pdf(void **state)
{
	static struct gk_report r;
	struct gk_buf a, b;

	(void)state;
	report_fill(&r);
	gk_report_set_narr(&r, GK_NARR_OVERVIEW, "第一段。\n\n第二段 <script>&amp;");
	gk_buf_init(&a, 0);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render(&r, GK_FMT_PDF, &a), GK_OK);
	assert_int_equal(gk_render_pdf(&r, &b), GK_OK);
	assert_true(a.len > 1000);
	assert_memory_equal(a.data, "%PDF-", 5);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	/* the fixed dates of GK_PDF_DATE */
	assert_true(has_bytes(&a, "/CreationDate (20210101000000Z)", 31));
	assert_true(has_bytes(&a, "/ModDate (20210101000000Z)", 26));
	/* bookmarks for the sections: 一、总体情况 as UTF-16BE is FEFF 4E00 3001 603B 4F53 60C5 51B5 */
	assert_true(has_bytes(&a, "/Type /Outlines", 15));
	assert_true(has_bytes(&a, "<FEFF4E003001603B4F5360C551B5>", 30));
	gk_buf_clear(&a);
	gk_buf_clear(&b);
	gk_report_clear(&r);
	assert_true(gk_fmt_binary(GK_FMT_PDF) && gk_fmt_binary(GK_FMT_XLSX) &&
	    gk_fmt_binary(GK_FMT_DOCX) && !gk_fmt_binary(GK_FMT_TEXT));
	assert_int_equal(gk_fmt_from_name("xlsx"), GK_FMT_XLSX);
	assert_string_equal(gk_fmt_name(GK_FMT_PDF), "pdf");
}

/*
 * Allocation failures at sampled points of the PDF and XLSX renderers: an
 * error (never a crash or a leak — the sanitizer build checks), nothing
 * appended; and the render succeeds once allocations do.
 */
static void
test_report_nomem(void **state)
{
	static const long at[] = { 0, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610,
	    987, 1597, 2584, 4181, 6765, 10946, 1000000 };
	static struct gk_report r;
	struct gk_buf	 b;
	enum gk_err	 e;
	size_t		 i;
	int		 f, ok;

	(void)state;
	report_fill(&r);
	gk_report_set_narr(&r, GK_NARR_OVERVIEW, "第一段。\n\n第二段。");
	for (f = 0; f < 2; f++) {
		for (ok = 0, i = 0; i < sizeof(at) / sizeof(at[0]) && !ok; i++) {
			gk_buf_init(&b, 0);
			gk_mem_fail_after(at[i]);
			e = gk_render(&r, f ? GK_FMT_XLSX : GK_FMT_PDF, &b);
			gk_mem_fail_reset();
			if (e == GK_OK) {
				assert_true(b.len > 0);
				ok = 1;
			} else {
				assert_true(e == GK_ENOMEM || e == GK_EIO);
				assert_int_equal(b.len, 0);
			}
			gk_buf_clear(&b);
		}
		assert_true(ok);
	}
	gk_report_clear(&r);
}

static void
letter_of(struct letter *l, const char *applicant)
{
	memset(l, 0, sizeof(*l));
	l->agency.name = "盐边县财政局";
	l->agency.review_body = "盐边县人民政府";
	l->agency.phone = "0812-8612401";
	l->number_prefix = "盐边财依复";
	l->tracking = "0NCJS6V5JAHZ";
	l->applicant = applicant;
	l->applicant_type = APPLY_AP_NATURAL;
	l->received = gk_test_date("2025-09-01");
	l->request = "请确认 & 重新出具 <b>告知书</b>";
	l->outcome = APPLY_OUT_NOPROC_CONFIRM;
	l->answered = gk_test_date("2025-09-15");
}

static void
test_letter_docx(void **state)
{
	struct letter	 l;
	struct gk_buf	 b;
	char		 err[256], *doc;

	(void)state;
	letter_of(&l, "郑国华</w:t><w:p>&");
	gk_buf_init(&b, 0);
	assert_int_equal(gk_doc_letter(&l, GK_DOC_DOCX, &b, err, sizeof(err)), GK_OK);
	doc = zpart(&b, "word/document.xml");
	assert_non_null(strstr(doc, ">政府信息公开申请答复告知书</w:t>"));
	assert_non_null(strstr(doc, ">盐边财依复〔2025〕第0NCJS6V5JAHZ号</w:t>"));
	/* hostile text is text */
	assert_non_null(strstr(doc, "郑国华&lt;/w:t&gt;&lt;w:p&gt;&amp;："));
	assert_null(strstr(doc, "郑国华</w:t>"));
	assert_non_null(strstr(doc, "请确认 &amp; 重新出具 &lt;b&gt;告知书&lt;/b&gt;"));
	/* the agency and the date at the right, the body indented */
	assert_non_null(strstr(doc, "<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">盐边县财政局</w:t>"));
	assert_non_null(strstr(doc, "<w:jc w:val=\"right\"/></w:pPr><w:r><w:t xml:space=\"preserve\">2025年9月15日</w:t>"));
	assert_non_null(strstr(doc, "<w:pStyle w:val=\"BodyText\"/></w:pPr><w:r><w:t xml:space=\"preserve\">本机关于2025年9月1日"));
	free(doc);
	gk_buf_clear(&b);

	/* a bad letter: letter_render's message, nothing written */
	letter_of(&l, "");
	assert_int_equal(gk_doc_letter(&l, GK_DOC_PDF, &b, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "申请人姓名或名称"));
	assert_int_equal(b.len, 0);
	letter_of(&l, "张三");
	assert_int_equal(gk_doc_letter(&l, GK_DOC_XLSX, &b, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "docx 或 pdf"));
	assert_int_equal(gk_doc_letter_html("<p>x</p>\n", 9, GK_DOC_PDF, &b, err, sizeof(err)),
	    GK_EINVAL);
	assert_non_null(strstr(err, "不是 gongkai 生成的告知书"));
	assert_int_equal(b.len, 0);
}

static void
test_letter_pdf(void **state)
{
	struct letter	 l;
	struct gk_buf	 a, b;
	char		 err[256];

	(void)state;
	letter_of(&l, "郑国华");
	gk_buf_init(&a, 0);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_doc_letter(&l, GK_DOC_PDF, &a, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_doc_letter(&l, GK_DOC_PDF, &b, err, sizeof(err)), GK_OK);
	assert_memory_equal(a.data, "%PDF-", 5);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.data, b.data, a.len);
	assert_true(has_bytes(&a, "NotoSerifCJK", 12));	/* the font is embedded */
	gk_buf_clear(&a);
	gk_buf_clear(&b);
}

static void
test_letter_nomem(void **state)
{
	struct letter	 l;
	struct gk_buf	 b;
	char		 err[256];
	enum gk_err	 e;
	int		 n;

	(void)state;
	letter_of(&l, "郑国华");
	for (n = 0; n < 200; n++) {
		gk_buf_init(&b, 0);
		gk_mem_fail_after(n);
		e = gk_doc_letter(&l, GK_DOC_DOCX, &b, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK) {
			assert_true(b.len > 0);
			gk_buf_clear(&b);
			return;
		}
		assert_true(e == GK_ENOMEM || e == GK_EIO);
		gk_buf_clear(&b);
	}
	fail_msg("the DOCX letter never succeeded");
}

static void
test_csv_xlsx(void **state)
{
	static const char csv[] = "\xEF\xBB\xBF" "索引号,标题,逾期工作日\r\n"
	    "A-2025-0001,\"'=HYPERLINK(\"\"http://x\"\")\",3\r\n"
	    "A-2025-0002,\"含,逗号\",\r\n";
	struct gk_buf	 b;
	size_t		 rows = 99;
	char		 err[256], *sh, *ss, c[256];

	(void)state;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_doc_csv_xlsx(csv, sizeof(csv) - 1, "台账", "2025年台账", &b, &rows,
	    err, sizeof(err)), GK_OK);
	assert_int_equal(rows, 2);
	sh = zpart(&b, "xl/worksheets/sheet1.xml");
	ss = zpart(&b, "xl/sharedStrings.xml");
	assert_null(strstr(sh, "<f>"));			/* never a formula */
	assert_non_null(strstr(ss, "<t>=HYPERLINK(\"http://x\")</t>"));
	assert_null(strstr(ss, "'=HYPERLINK"));		/* the CSV's guard undone */
	assert_non_null(strstr(ss, "<t>含,逗号</t>"));
	xcell(sh, "C2", c, sizeof(c));
	assert_null(strstr(c, "t=\"s\""));
	assert_non_null(strstr(c, "<v>3</v>"));
	assert_non_null(strstr(sh, "<pane ySplit=\"1\""));	/* header row frozen */
	assert_non_null(strstr(sh, "<autoFilter ref=\"A1:C3\"/>"));
	free(sh);
	free(ss);
	gk_buf_clear(&b);

	/* malformed CSV: an error, nothing written, no temporary file (teardown) */
	assert_int_equal(gk_doc_csv_xlsx("a,\"b\n", 5, "台账", "t", &b, &rows, err, sizeof(err)),
	    GK_EINVAL);
	assert_string_equal(err, "CSV 格式错误");
	assert_int_equal(b.len, 0);
	assert_int_equal(rows, 0);
}

static void
test_apply_xlsx(void **state)
{
	struct gk_test_store	 F;
	struct gk_apply_intake	 in;
	struct gk_apply_filter	 f;
	struct gk_buf		 b;
	size_t			 rows = 0;
	char			 err[512], code[GK_APPLY_CODE_LEN + 1], *ss, *sh;
	int64_t			 id;

	(void)state;
	gk_test_store_open(&F, "docapply", NOW);
	memset(&in, 0, sizeof(in));
	in.channel = APPLY_CH_ONLINE;
	in.type = APPLY_AP_NATURAL;
	in.name = "张三丰";
	in.idno = "11010519491231002X";
	in.phone = "13812345678";
	in.request = "2024年招商引资项目清单";
	in.received = gk_test_date("2025-05-06");
	if (gk_apply_new(F.db, "cli:test", F.ag, &in, &F.cal, NOW, &id, code, err,
	    sizeof(err)) != GK_OK)
		fail_msg("new: %s", err);
	memset(&f, 0, sizeof(f));
	f.agency_id = F.ag;
	f.phase = -1;
	gk_buf_init(&b, 0);
	/* masked by default */
	assert_int_equal(gk_doc_apply_xlsx(F.db, "cli:test", &f, &b, &rows, err, sizeof(err)),
	    GK_OK);
	assert_int_equal(rows, 1);
	ss = zpart(&b, "xl/sharedStrings.xml");
	sh = zpart(&b, "xl/worksheets/sheet1.xml");
	assert_non_null(strstr(ss, code));
	assert_non_null(strstr(ss, "<t>在线申请</t>"));
	assert_non_null(strstr(ss, "2024年招商引资项目清单"));
	assert_non_null(strstr(ss, "<t>2025-05-06</t>"));
	assert_null(strstr(ss, "13812345678"));
	assert_null(strstr(ss, "11010519491231002X"));
	assert_null(strstr(ss, "张三丰"));
	assert_non_null(strstr(ss, "<t>办理中</t>"));
	assert_non_null(strstr(sh, "<autoFilter ref=\"A1:O2\"/>"));
	free(ss);
	free(sh);
	gk_buf_clear(&b);
	/* the full view when asked */
	f.full = 1;
	assert_int_equal(gk_doc_apply_xlsx(F.db, "cli:test", &f, &b, &rows, err, sizeof(err)),
	    GK_OK);
	ss = zpart(&b, "xl/sharedStrings.xml");
	assert_non_null(strstr(ss, "13812345678"));
	assert_non_null(strstr(ss, "张三丰"));
	free(ss);
	gk_buf_clear(&b);
	gk_test_store_close(&F);
}

static void
test_save(void **state)
{
	char		 dir[64], path[128], err[256], *s;
	size_t		 n;

	(void)state;
	snprintf(dir, sizeof(dir), "/tmp/gk-test-save-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/a.pdf", dir);
	assert_int_equal(gk_doc_save(path, "%PDF-1", 6, 1, err, sizeof(err)), GK_OK);
	s = gk_test_slurp(path, &n);
	assert_int_equal(n, 6);
	assert_memory_equal(s, "%PDF-1", 6);
	free(s);
	/* replaced whole */
	assert_int_equal(gk_doc_save(path, "xy", 2, 1, err, sizeof(err)), GK_OK);
	s = gk_test_slurp(path, &n);
	assert_int_equal(n, 2);
	free(s);
	/* a missing folder, a folder as the target, an empty name: errors, nothing left */
	snprintf(path, sizeof(path), "%s/no/a.pdf", dir);
	assert_int_equal(gk_doc_save(path, "x", 1, 1, err, sizeof(err)), GK_EIO);
	assert_non_null(strstr(err, "无法在该目录创建文件"));
	assert_int_equal(gk_doc_save(dir, "x", 1, 1, err, sizeof(err)), GK_EIO);
	assert_non_null(strstr(err, "是目录"));
	assert_int_equal(gk_doc_save("", "x", 1, 1, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(entries(dir), 1);	/* a.pdf alone: no temporary file */
	snprintf(path, sizeof(path), "%s/a.pdf", dir);
	unlink(path);
	rmdir(dir);
	/* names and types */
	assert_int_equal(gk_doc_fmt_from_name("pdf"), GK_DOC_PDF);
	assert_int_equal(gk_doc_fmt_from_name("PDF"), GK_DOC_NONE);
	assert_int_equal(gk_doc_fmt_from_name(NULL), GK_DOC_NONE);
	assert_string_equal(gk_doc_mime(GK_DOC_XLSX),
	    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(gk_doc_fmt_name(GK_DOC_DOCX), "docx");
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test_setup_teardown(test_report_xlsx, setup, teardown),
	cmocka_unit_test_setup_teardown(test_report_pdf, setup, teardown),
	cmocka_unit_test_setup_teardown(test_report_nomem, setup, teardown),
	cmocka_unit_test_setup_teardown(test_letter_docx, setup, teardown),
	cmocka_unit_test_setup_teardown(test_letter_pdf, setup, teardown),
	cmocka_unit_test_setup_teardown(test_letter_nomem, setup, teardown),
	cmocka_unit_test_setup_teardown(test_csv_xlsx, setup, teardown),
	cmocka_unit_test_setup_teardown(test_apply_xlsx, setup, teardown),
	cmocka_unit_test_setup_teardown(test_save, setup, teardown),
};

GK_TEST_MAIN("doc_files", tests)
