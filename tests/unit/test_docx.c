/*
 * test_docx.c — the DOCX writer and reader: packaging, the rows read from
 * hand-written Word bodies (merged cells, runs split anywhere, revisions,
 * fields, content controls), reports read end to end from fixtures with
 * figures written by hand, render → read round trips over random reports,
 * and hostile archives and XML.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "harness.h"
#include "core/report_check.h"
#include "report/report_io.h"

#define FIX	"tests/fixtures/docx/"
#define W_OPEN	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>" \
	"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"" \
	" xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"><w:body>"
#define W_CLOSE	"</w:body></w:document>"

/* ---- helpers ---- */

static void
pack_str(const char *xml, struct gk_buf *b)
{
	gk_buf_init(b, 0);
	assert_int_equal(gk_docx_pack(xml, strlen(xml), b), GK_OK);
}

static void
pack_fixture(const char *name, struct gk_buf *b)
{
	char	 path[256];
	char	*x;
	size_t	 n;

	snprintf(path, sizeof(path), FIX "%s", name);
	x = gk_test_slurp(path, &n);
	gk_buf_init(b, 0);
	assert_int_equal(gk_docx_pack(x, n, b), GK_OK);
	free(x);
}

static void
rows_of(const struct gk_buf *b, struct rr_doc *d)
{
	char err[256];

	rr_doc_init(d);
	assert_int_equal(gk_docx_rows(b->data, b->len, d, err, sizeof(err)), GK_OK);
	assert_int_equal(d->err, GK_OK);
}

static void
rows_str(const char *xml, struct rr_doc *d)
{
	struct gk_buf b;

	pack_str(xml, &b);
	rows_of(&b, d);
	gk_buf_clear(&b);
}

/* Cell text ("~" for a span position) of row r, column c. */
static const char *
cell(const struct rr_doc *d, size_t r, size_t c)
{
	static char	 s[1024];
	const struct rr_cell *x;

	assert_true(r < d->nrows);
	assert_true(c < d->rows[r].n);
	x = &d->cells[d->rows[r].first + c];
	if (x->span)
		return "~";
	snprintf(s, sizeof(s), "%.*s", (int)x->len, x->s);
	return s;
}

/* The first row whose cell col is s, or fails. */
static size_t
find_row(const struct rr_doc *d, size_t col, const char *s)
{
	size_t i;

	for (i = 0; i < d->nrows; i++)
		if (d->rows[i].n > col && strcmp(cell(d, i, col), s) == 0)
			return i;
	fail_msg("no row with \"%s\" in column %zu", s, col);
	return 0;
}

/* Row r as "a|b|~|c". */
static const char *
row_str(const struct rr_doc *d, size_t r)
{
	static char	 s[4096];
	size_t		 c, o = 0;

	s[0] = '\0';
	for (c = 0; c < d->rows[r].n; c++) {
		int k = snprintf(s + o, sizeof(s) - o, "%s%s", c ? "|" : "", cell(d, r, c));

		if (k < 0 || (size_t)k >= sizeof(s) - o)
			break;
		o += (size_t)k;
	}
	return s;
}

/* The bytes of one part of a package. */
static char *
part_of(const struct gk_buf *b, const char *name, size_t *lenp)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*p;

	zip_error_init(&ze);
	src = zip_source_buffer_create(b->data, b->len, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &ze);
	assert_non_null(za);
	assert_int_equal(zip_stat(za, name, 0, &st), 0);
	p = calloc(1, (size_t)st.size + 1);
	assert_non_null(p);
	zf = zip_fopen(za, name, 0);
	assert_non_null(zf);
	assert_int_equal(zip_fread(zf, p, st.size), (zip_int64_t)st.size);
	zip_fclose(zf);
	zip_discard(za);
	zip_error_fini(&ze);
	if (lenp)
		*lenp = (size_t)st.size;
	return p;
}

/* A zip of the given (name, content) pairs, built with libzip. */
static void
make_zip(struct gk_buf *out, const char *const *names, const char *const *data, int n)
{
	zip_error_t	 ze;
	zip_source_t	*src, *s;
	zip_t		*za;
	zip_stat_t	 st;
	int		 i;

	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	zip_source_keep(src);
	for (i = 0; i < n; i++) {
		s = zip_source_buffer(za, data[i], strlen(data[i]), 0);
		assert_non_null(s);
		assert_true(zip_file_add(za, names[i], s, 0) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	gk_buf_init(out, 0);
	assert_int_equal(gk_buf_append(out, "", 0), GK_OK);
	{
		char *p = malloc((size_t)st.size);

		assert_non_null(p);
		assert_int_equal(zip_source_read(src, p, st.size), (zip_int64_t)st.size);
		assert_int_equal(gk_buf_append(out, p, (size_t)st.size), GK_OK);
		free(p);
	}
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
}

static enum gk_err
read_buf(const struct gk_buf *b, struct gk_report *r, char *err, size_t errlen)
{
	return gk_report_read(b->data, b->len, GK_FMT_DOCX, r, err, errlen);
}

static void
expect_num(const struct gk_cell *c, int64_t v)
{
	if (c->state != GK_CELL_NUM || c->num != v * GK_NUM_SCALE)
		fail_msg("expected %lld, state %d num %lld text \"%s\"", (long long)v,
		    c->state, (long long)c->num, c->text);
}

/* ---- packaging ---- */

static void
test_pack_parts(void **state)
{
	static const char body[] = W_OPEN "<w:p><w:r><w:t>甲&amp;乙</w:t></w:r></w:p>" W_CLOSE;
	struct gk_buf	 b;
	char		*p;
	size_t		 n;

	(void)state;
	pack_str(body, &b);
	assert_true(b.len > 22);
	assert_memory_equal(b.data, "PK\003\004", 4);
	assert_int_equal(gk_fmt_sniff(b.data, b.len), GK_FMT_DOCX);
	p = part_of(&b, "word/document.xml", &n);
	assert_int_equal(n, strlen(body));
	assert_memory_equal(p, body, n);
	free(p);
	p = part_of(&b, "[Content_Types].xml", NULL);
	assert_non_null(strstr(p, "PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\""));
	assert_non_null(strstr(p, "PartName=\"/word/styles.xml\""));
	free(p);
	p = part_of(&b, "_rels/.rels", NULL);
	assert_non_null(strstr(p, "relationships/officeDocument\" Target=\"word/document.xml\""));
	free(p);
	p = part_of(&b, "word/_rels/document.xml.rels", NULL);
	assert_non_null(strstr(p, "Target=\"styles.xml\""));
	free(p);
	p = part_of(&b, "word/styles.xml", NULL);
	assert_non_null(strstr(p, "w:eastAsia=\"仿宋\""));
	assert_non_null(strstr(p, "w:eastAsia=\"宋体\""));
	free(p);
	gk_buf_clear(&b);

	/* Appends to what the buffer holds; same input, same bytes. */
	{
		struct gk_buf b1, b2;

		pack_str(body, &b1);
		gk_buf_init(&b2, 0);
		assert_int_equal(gk_buf_puts(&b2, "xy"), GK_OK);
		assert_int_equal(gk_docx_pack(body, strlen(body), &b2), GK_OK);
		assert_int_equal(b2.len, b1.len + 2);
		assert_memory_equal(b2.data + 2, b1.data, b1.len);
		gk_buf_clear(&b1);
		gk_buf_clear(&b2);
	}
	/* A buffer too small for the package reports the limit. */
	gk_buf_init(&b, 64);
	assert_int_equal(gk_docx_pack(body, strlen(body), &b), GK_ELIMIT);
	gk_buf_clear(&b);
	assert_int_equal(gk_docx_pack(NULL, 0, &b), GK_EINVAL);
}

/* ---- rows from fixtures ---- */

static void
test_rows_seed(void **state)
{
	struct gk_buf	 b;
	struct rr_doc	 d;
	size_t		 r, h;

	(void)state;
	pack_fixture("seed-2021.xml", &b);
	rows_of(&b, &d);
	/* Title split over runs, around a proofErr and a bookmark. */
	assert_string_equal(row_str(&d, 0), "盐边县经济合作和商务局");
	assert_int_equal(d.rows[0].table, 0);
	assert_string_equal(row_str(&d, 1), "2025 年政府信息公开工作年度报告");
	assert_string_equal(row_str(&d, 2), "一、总体情况");
	assert_string_equal(row_str(&d, 3), "(一) 主动公开方面");
	/* Inserted text kept, deleted text left out. */
	assert_string_equal(row_str(&d, 4), "公开内容全面覆盖。聚焦主责主业，主动公开招商引资政策、"
	    "重点项目进展、营商环境、惠企政策等核心信息 13 条。其中，政策文件类 5 条。");
	assert_int_equal(d.ntables, 3);

	/* Section 二 as one 4-column grid; single-value items span 3 columns. */
	r = find_row(&d, 0, "第二十条第（一）项");
	assert_int_equal(d.rows[r].table, 1);
	assert_int_equal(d.rows[r].flags & RR_GRID, RR_GRID);
	assert_string_equal(row_str(&d, r), "第二十条第（一）项|~|~|~");
	assert_string_equal(row_str(&d, r + 1), "信息内容|本年制发件数|本年废止件数|现行有效件数");
	assert_string_equal(row_str(&d, r + 3), "行政规范性文件|0|0|0");
	r = find_row(&d, 0, "行政事业性收费");
	assert_string_equal(row_str(&d, r), "行政事业性收费|0|~|~");

	/* Section 三: the header as the template merges it. */
	h = find_row(&d, 3, "申请人情况");
	assert_int_equal(d.rows[h].table, 2);
	assert_string_equal(row_str(&d, h),
	    "(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)|~|~|申请人情况|~|~|~|~|~|总计");
	assert_string_equal(row_str(&d, h + 1), "~|~|~|自然人|法人或其他组织|~|~|~|~|~");
	assert_string_equal(row_str(&d, h + 2), "~|~|~|~|商业企业|科研机构|社会公益组织|法律服务 机构|其他|~");
	assert_string_equal(row_str(&d, h + 3), "一、本年新收政府信息公开申请数量|~|~|0|0|0|0|0|0|0");
	assert_string_equal(row_str(&d, h + 5), "三、本年度办理结果|(一) 予以公开|~|0|0|0|0|0|0|0");
	assert_string_equal(row_str(&d, h + 6),
	    "~|(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)|~|0|0|0|0|0|0|0");
	/* "(三)" and "不予公开" in two runs join; the group label covers its leaves. */
	assert_string_equal(row_str(&d, h + 7), "~|(三)不予公开|1.属于国家秘密|0|0|0|0|0|0|0");
	assert_string_equal(row_str(&d, h + 8), "~|~|2.其他法律行政法规禁止公开|0|0|0|0|0|0|0");
	r = find_row(&d, 2, "3.其他");
	assert_string_equal(row_str(&d, r), "~|~|3.其他|0|0|0|0|0|0|0");
	assert_string_equal(row_str(&d, r + 1), "~|(七) 总计|~|0|0|0|0|0|0|0");
	assert_string_equal(row_str(&d, r + 2), "四、结转下年度继续办理|~|~|0|0|0|0|0|0|0");
	assert_int_equal(d.rows[r + 2].n, 10);

	/* Section 四: two paragraphs in a cell join with a space. */
	r = find_row(&d, 0, "行政复议");
	assert_int_equal(d.rows[r].table, 3);
	assert_string_equal(row_str(&d, r), "行政复议|~|~|~|~|行政诉讼|~|~|~|~|~|~|~|~|~");
	assert_string_equal(row_str(&d, r + 1),
	    "结果 维持|结果 纠正|其他 结果|尚未 审结|总计|未经复议直接起诉|~|~|~|~|复议后起诉|~|~|~|~");
	assert_string_equal(row_str(&d, r + 2),
	    "~|~|~|~|~|结果维持|结果纠正|其他结果|尚未审结|总计|结果维持|结果纠正|其他结果|尚未审结|总计");
	assert_int_equal(d.rows[r + 3].n, 15);
	/* The last paragraph; a lastRenderedPageBreak adds nothing. */
	assert_string_equal(row_str(&d, d.nrows - 3), "改进情况：深化公开内容建设。强化队伍能力建设。");
	assert_string_equal(row_str(&d, d.nrows - 1), "本年度未收取信息处理费，且无其他需要报告的事项。");
	rr_doc_free(&d);
	gk_buf_clear(&b);
}

static void
test_rows_2019(void **state)
{
	struct gk_buf	 b;
	struct rr_doc	 d;
	size_t		 r;

	(void)state;
	pack_fixture("t2019-figures.xml", &b);
	rows_of(&b, &d);
	assert_string_equal(row_str(&d, 0), "上海市某某区人民政府办公室2019年政府信息公开工作年度报告");
	/* Hyperlink text kept; smart tag, simple field result kept; field code dropped. */
	assert_string_equal(row_str(&d, 2),
	    "本报告根据《中华人民共和国政府信息公开条例》编制，全文可在区政府门户网站查阅。");
	assert_string_equal(row_str(&d, 3), "2019年共收到政府信息公开申请16件，上年结转2件。");
	/* "1" and "2" in two runs around a proofErr make 12. */
	r = find_row(&d, 0, "规范性文件");
	assert_string_equal(row_str(&d, r), "规范性文件|3|3|12");
	r = find_row(&d, 0, "行政许可");
	assert_string_equal(row_str(&d, r), "行政许可|120|未增未减|3456");
	r = find_row(&d, 0, "政府集中采购");
	assert_string_equal(row_str(&d, r), "政府集中采购|6|251000元|~");
	/* A row inside a content control; vMerge="continue" is a span. */
	r = find_row(&d, 1, "（六）其他处理");
	assert_string_equal(row_str(&d, r), "~|（六）其他处理|~|1|0|0|0|0|0|1");
	assert_string_equal(row_str(&d, r + 1), "~|（七）总计|~|11|3|0|1|2|0|17");
	r = find_row(&d, 3, "自然人");
	assert_string_equal(row_str(&d, r), "~|~|~|自然人|法人或其他组织|~|~|~|~|~");
	/* w:tab is a space. */
	assert_string_equal(row_str(&d, d.nrows - 3), "政策解读形式较为单一。 下一步将丰富解读形式。");
	rr_doc_free(&d);
	gk_buf_clear(&b);
}

/* ---- rows from small bodies: each WordprocessingML feature on its own ---- */

static void
test_rows_features(void **state)
{
	struct rr_doc d;

	(void)state;
	/* gridBefore/gridAfter become empty cells; hMerge continue is a span. */
	rows_str(W_OPEN "<w:tbl><w:tr><w:trPr><w:gridBefore w:val=\"2\"/><w:gridAfter w:val=\"1\"/></w:trPr>"
	    "<w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:tcPr><w:hMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc></w:tr>"
	    "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"3\"/><w:vMerge w:val=\"continue\"/></w:tcPr><w:p/></w:tc>"
	    "<w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t xml:space=\"preserve\">  x  </w:t></w:r></w:p></w:tc></w:tr>"
	    "</w:tbl>" W_CLOSE, &d);
	assert_int_equal(d.nrows, 2);
	assert_string_equal(row_str(&d, 0), "||a|b|~|");
	/* A continued cell spanning 3 columns is 3 spans; an empty cell is "". */
	assert_string_equal(row_str(&d, 1), "~|~|~||x");
	rr_doc_free(&d);

	/* Breaks, tabs, hyphens; deleted and moved-away text, text boxes left out. */
	rows_str(W_OPEN "<w:p><w:r><w:t>甲</w:t><w:br/><w:t>乙</w:t><w:cr/><w:t>丙</w:t>"
	    "<w:noBreakHyphen/><w:t>丁</w:t></w:r>"
	    "<w:del w:id=\"1\"><w:r><w:delText>删</w:delText></w:r></w:del>"
	    "<w:moveFrom w:id=\"2\"><w:r><w:t>移走</w:t></w:r></w:moveFrom>"
	    "<w:moveTo w:id=\"3\"><w:r><w:t>移来</w:t></w:r></w:moveTo>"
	    "<w:r><mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing/></mc:Choice>"
	    "<mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>文本框</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback>"
	    "</mc:AlternateContent></w:r>"
	    "<w:sdt><w:sdtPr/><w:sdtContent><w:r><w:t>控件</w:t></w:r></w:sdtContent></w:sdt></w:p>"
	    "<w:p><w:pPr><w:rPr><w:ins w:id=\"4\"/></w:rPr></w:pPr></w:p>"
	    "<w:p><w:r><w:t xml:space=\"preserve\">\xE3\x80\x80 首尾空白 \xE3\x80\x80</w:t></w:r></w:p>"
	    W_CLOSE, &d);
	assert_int_equal(d.nrows, 2);	/* the empty paragraph is no row */
	assert_string_equal(row_str(&d, 0), "甲 乙 丙-丁移来控件");
	assert_string_equal(row_str(&d, 1), "首尾空白");
	rr_doc_free(&d);

	/* Block-level content controls; the strict namespace. */
	rows_str("<w:document xmlns:w=\"http://purl.oclc.org/ooxml/wordprocessingml/main\"><w:body>"
	    "<w:sdt><w:sdtContent><w:p><w:r><w:t>严格</w:t></w:r></w:p></w:sdtContent></w:sdt>"
	    "</w:body></w:document>", &d);
	assert_int_equal(d.nrows, 1);
	assert_string_equal(row_str(&d, 0), "严格");
	rr_doc_free(&d);

	/* Elements of another namespace named like Word's are not Word's. */
	rows_str(W_OPEN "<w:p><w:r><x:t xmlns:x=\"urn:x\">不是</x:t><w:t>是</w:t></w:r></w:p>" W_CLOSE, &d);
	assert_string_equal(row_str(&d, 0), "是");
	rr_doc_free(&d);
}

static void
test_rows_nested(void **state)
{
	struct rr_doc d;

	(void)state;
	/* A table in a cell: the outer row keeps the cell's own text, the inner
	 * table follows as a table of its own. */
	rows_str(W_OPEN "<w:tbl><w:tr>"
	    "<w:tc><w:p><w:r><w:t>外</w:t></w:r></w:p>"
	    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p/></w:tc>"
	    "<w:tc><w:p><w:r><w:t>右</w:t></w:r></w:p></w:tc></w:tr>"
	    "<w:tr><w:tc><w:p><w:r><w:t>下</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>"
	    "<w:p><w:r><w:t>后</w:t></w:r></w:p>" W_CLOSE, &d);
	assert_int_equal(d.nrows, 4);
	assert_string_equal(row_str(&d, 0), "外|右");
	assert_string_equal(row_str(&d, 1), "下|");
	assert_int_equal(d.rows[0].table, d.rows[1].table);
	assert_string_equal(row_str(&d, 2), "内1|内2");
	assert_true(d.rows[2].table > d.rows[0].table);
	assert_string_equal(row_str(&d, 3), "后");
	assert_int_equal(d.rows[3].table, 0);
	rr_doc_free(&d);

	/* A layout frame (a table of one cell) is unwrapped: its content is the body. */
	rows_str(W_OPEN "<w:tbl><w:tr><w:tc>"
	    "<w:p><w:r><w:t>标题</w:t></w:r></w:p>"
	    "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>a</w:t></w:r></w:p></w:tc>"
	    "<w:tc><w:p><w:r><w:t>b</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
	    "</w:tc></w:tr></w:tbl>" W_CLOSE, &d);
	assert_int_equal(d.nrows, 2);
	assert_string_equal(row_str(&d, 0), "标题");
	assert_int_equal(d.rows[0].table, 0);
	assert_string_equal(row_str(&d, 1), "a|b");
	assert_true(d.rows[1].table > 0);
	rr_doc_free(&d);
}

/* Tables nested far deeper than any report: bounded, no crash, no recursion blow-up. */
static void
test_rows_deep(void **state)
{
	struct gk_buf	 x, b;
	struct rr_doc	 d;
	char		 err[256];
	int		 i, depth = 200;

	(void)state;
	gk_buf_init(&x, 0);
	gk_buf_puts(&x, W_OPEN);
	for (i = 0; i < depth; i++)
		gk_buf_puts(&x, "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p>"
		    "<w:tc><w:p/></w:tc>");
	for (i = 0; i < depth; i++)
		gk_buf_puts(&x, "</w:tc></w:tr></w:tbl>");
	gk_buf_puts(&x, W_CLOSE);
	assert_int_equal(x.err, GK_OK);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_docx_pack(x.data, x.len, &b), GK_OK);
	rr_doc_init(&d);
	/* libxml2 refuses nesting this deep or the walk stops at its cap: either way, bounded. */
	(void)gk_docx_rows(b.data, b.len, &d, err, sizeof(err));
	assert_true(d.ntables <= 8);
	rr_doc_free(&d);
	gk_buf_clear(&b);
	gk_buf_clear(&x);

	/* Runs nested inside hyperlinks inside hyperlinks …: text collection is capped too. */
	gk_buf_init(&x, 0);
	gk_buf_puts(&x, W_OPEN "<w:p>");
	for (i = 0; i < 150; i++)
		gk_buf_puts(&x, "<w:hyperlink>");
	gk_buf_puts(&x, "<w:r><w:t>深</w:t></w:r>");
	for (i = 0; i < 150; i++)
		gk_buf_puts(&x, "</w:hyperlink>");
	gk_buf_puts(&x, "<w:r><w:t>浅</w:t></w:r></w:p>" W_CLOSE);
	rows_str(x.data, &d);
	assert_string_equal(row_str(&d, 0), "浅");
	rr_doc_free(&d);
	gk_buf_clear(&x);
}

/* ---- whole reports from the fixtures ---- */

static void
test_read_seed(void **state)
{
	struct gk_buf		 b;
	struct gk_report	 r;
	char			 err[256];
	int			 i, j;

	(void)state;
	pack_fixture("seed-2021.xml", &b);
	assert_int_equal(read_buf(&b, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2021);
	assert_int_equal(r.year, 2025);
	assert_string_equal(r.agency, "盐边县经济合作和商务局");
	for (i = 0; i < GK_S2__MAX; i++)
		if (gk_s2_in((enum gk_s2)i, GK_TPL_2021))
			expect_num(&r.s2[i], 0);
		else
			assert_int_equal(r.s2[i].state, GK_CELL_ABSENT);
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			if (gk_s3_row_in((enum gk_s3row)i, GK_TPL_2021))
				expect_num(&r.s3[i][j], 0);
			else
				assert_int_equal(r.s3[i][j].state, GK_CELL_ABSENT);
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			expect_num(&r.s4[i][j], 0);
	assert_non_null(r.narr[GK_NARR_OVERVIEW]);
	assert_string_equal(r.narr[GK_NARR_OVERVIEW], "(一) 主动公开方面\n\n"
	    "公开内容全面覆盖。聚焦主责主业，主动公开招商引资政策、重点项目进展、营商环境、"
	    "惠企政策等核心信息 13 条。其中，政策文件类 5 条。\n\n"
	    "（二）依申请公开方面\n\n"
	    "2025年共收到公民、法人及其他组织政府信息公开申请0件。");
	assert_string_equal(r.narr[GK_NARR_PROBLEMS], "主要问题：公开内容深度不足。公开渠道协同性不强。\n\n"
	    "改进情况：深化公开内容建设。强化队伍能力建设。");
	assert_string_equal(r.narr[GK_NARR_OTHER], "本年度未收取信息处理费，且无其他需要报告的事项。");
	gk_report_clear(&r);
	/* Sniffed as DOCX too. */
	assert_int_equal(gk_report_read(b.data, b.len, GK_FMT_AUTO, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.year, 2025);
	gk_report_clear(&r);
	gk_buf_clear(&b);
}

static void
test_read_2019(void **state)
{
	static const int s3[][7] = {
		[GK_S3_NEW] = { 10, 3, 0, 1, 2, 0, 16 },
		[GK_S3_CARRIED_IN] = { 2, 0, 0, 0, 0, 0, 2 },
		[GK_S3_OPEN] = { 4, 2, 0, 1, 1, 0, 8 },
		[GK_S3_PARTIAL] = { 2, 0, 0, 0, 0, 0, 2 },
		[GK_S3_DENY_SAFETY] = { 1, 0, 0, 0, 0, 0, 1 },
		[GK_S3_NA_NOTHELD] = { 2, 1, 0, 0, 1, 0, 4 },
		[GK_S3_NOPROC_REPEAT] = { 1, 0, 0, 0, 0, 0, 1 },
		[GK_S3_OTHER] = { 1, 0, 0, 0, 0, 0, 1 },
		[GK_S3_TOTAL] = { 11, 3, 0, 1, 2, 0, 17 },
		[GK_S3_CARRIED_OUT] = { 1, 0, 0, 0, 0, 0, 1 },
	};
	static const int s4[3][5] = { { 2, 1, 0, 1, 4 }, { 1, 0, 0, 1, 2 }, { 0, 0, 1, 0, 1 } };
	struct gk_buf		 b;
	struct gk_report	 r;
	struct gk_findings	 f;
	char			 err[256];
	int			 i, j;

	(void)state;
	pack_fixture("t2019-figures.xml", &b);
	assert_int_equal(read_buf(&b, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.tpl, GK_TPL_2019);
	assert_int_equal(r.year, 2019);
	assert_string_equal(r.agency, "上海市某某区人民政府办公室");
	expect_num(&r.s2[GK_S2_19_RULE_MADE], 1);
	expect_num(&r.s2[GK_S2_19_RULE_PUBLISHED], 1);
	expect_num(&r.s2[GK_S2_19_RULE_TOTAL], 5);
	expect_num(&r.s2[GK_S2_19_NORM_MADE], 3);
	expect_num(&r.s2[GK_S2_19_NORM_PUBLISHED], 3);
	expect_num(&r.s2[GK_S2_19_NORM_TOTAL], 12);
	expect_num(&r.s2[GK_S2_19_LICENSE_PREV], 120);
	assert_int_equal(r.s2[GK_S2_19_LICENSE_DELTA].state, GK_CELL_TEXT);
	assert_string_equal(r.s2[GK_S2_19_LICENSE_DELTA].text, "未增未减");
	expect_num(&r.s2[GK_S2_19_LICENSE_DECISIONS], 3456);
	expect_num(&r.s2[GK_S2_19_SERVICE_PREV], 15);
	expect_num(&r.s2[GK_S2_19_SERVICE_DELTA], -2);
	expect_num(&r.s2[GK_S2_19_SERVICE_DECISIONS], 88);
	expect_num(&r.s2[GK_S2_19_PENALTY_PREV], 300);
	expect_num(&r.s2[GK_S2_19_PENALTY_DELTA], 5);
	expect_num(&r.s2[GK_S2_19_PENALTY_DECISIONS], 1234);
	expect_num(&r.s2[GK_S2_19_COERCION_PREV], 20);
	expect_num(&r.s2[GK_S2_19_COERCION_DELTA], 0);
	expect_num(&r.s2[GK_S2_19_COERCION_DECISIONS], 7);
	expect_num(&r.s2[GK_S2_19_FEE_PREV], 4);
	expect_num(&r.s2[GK_S2_19_FEE_DELTA], -1);
	expect_num(&r.s2[GK_S2_19_PROCUREMENT_COUNT], 6);
	expect_num(&r.s2[GK_S2_19_PROCUREMENT_AMOUNT], 251000);
	assert_string_equal(r.s2[GK_S2_19_PROCUREMENT_AMOUNT].text, "元");
	for (i = 0; i < GK_S2__MAX; i++)
		if (!gk_s2_in((enum gk_s2)i, GK_TPL_2019))
			assert_int_equal(r.s2[i].state, GK_CELL_ABSENT);
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++) {
			if (!gk_s3_row_in((enum gk_s3row)i, GK_TPL_2019)) {
				assert_int_equal(r.s3[i][j].state, GK_CELL_ABSENT);
				continue;
			}
			expect_num(&r.s3[i][j], (size_t)i < sizeof(s3) / sizeof(s3[0]) ? s3[i][j] : 0);
		}
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			expect_num(&r.s4[i][j], s4[i][j]);
	assert_string_equal(r.narr[GK_NARR_PROBLEMS], "政策解读形式较为单一。 下一步将丰富解读形式。");
	assert_string_equal(r.narr[GK_NARR_OTHER], "无。");
	/* The figures are consistent: no error finding. */
	gk_findings_init(&f);
	assert_int_equal(gk_report_check(&r, &f), GK_OK);
	assert_int_equal(gk_findings_count(&f, GK_SEV_ERROR), 0);
	assert_int_equal(gk_findings_count(&f, GK_SEV_BLANK), 0);
	assert_int_equal(gk_findings_count(&f, GK_SEV_UNREADABLE), 0);
	gk_findings_clear(&f);
	gk_report_clear(&r);
	gk_buf_clear(&b);
}

static void
test_read_wrong(void **state)
{
	struct gk_buf		 b;
	struct gk_report	 r;
	struct gk_findings	 f;
	char			 err[256];
	size_t			 i;
	int			 row_total = 0, balance = 0;

	(void)state;
	pack_fixture("wrong-totals.xml", &b);
	assert_int_equal(read_buf(&b, &r, err, sizeof(err)), GK_OK);
	assert_string_equal(r.agency, "某县某某局");
	/* Read as written, not corrected. */
	expect_num(&r.s3[GK_S3_NEW][GK_S3_NATURAL], 3);
	expect_num(&r.s3[GK_S3_NEW][GK_S3_ALL], 4);
	expect_num(&r.s3[GK_S3_OPEN][GK_S3_NATURAL], 2);
	expect_num(&r.s3[GK_S3_DENY_QUERY][GK_S3_ALL], 1);
	expect_num(&r.s3[GK_S3_TOTAL][GK_S3_ALL], 3);
	assert_int_equal(r.s2[GK_S2_COERCION].state, GK_CELL_BLANK);
	expect_num(&r.s2[GK_S2_PENALTY], 0);

	gk_findings_init(&f);
	assert_int_equal(gk_report_check(&r, &f), GK_OK);
	for (i = 0; i < f.n; i++) {
		const struct gk_finding *x = &f.v[i];

		if (strcmp(x->rule, "S3-ROW-TOTAL") == 0) {
			assert_int_equal(x->at.row, GK_S3_NEW);
			assert_int_equal(x->at.col, GK_S3_ALL);
			assert_true(x->has_expected);
			assert_int_equal(x->expected, 3 * GK_NUM_SCALE);
			assert_int_equal(x->actual, 4 * GK_NUM_SCALE);
			row_total++;
		} else if (strcmp(x->rule, "S3-BALANCE") == 0) {
			assert_int_equal(x->at.col, GK_S3_ALL);
			balance++;
		} else if (strcmp(x->rule, "CELL-BLANK") == 0) {
			assert_int_equal(x->at.section, 2);
			assert_int_equal(x->at.row, GK_S2_COERCION);
		}
	}
	assert_int_equal(row_total, 1);
	assert_int_equal(balance, 1);
	assert_int_equal(gk_findings_count(&f, GK_SEV_ERROR), 2);
	assert_int_equal(gk_findings_count(&f, GK_SEV_BLANK), 1);
	gk_findings_clear(&f);
	gk_report_clear(&r);
	gk_buf_clear(&b);
}

static void
test_read_picture(void **state)
{
	struct gk_buf		 b;
	struct gk_report	 r;
	struct rr_doc		 d;
	char			 err[256];

	(void)state;
	pack_fixture("table3-picture.xml", &b);
	rows_of(&b, &d);
	assert_int_equal(d.ntables, 2);	/* sections 二 and 四 only */
	rr_doc_free(&d);
	assert_int_equal(read_buf(&b, &r, err, sizeof(err)), GK_EINVAL);
	assert_non_null(strstr(err, "收到和处理政府信息公开申请情况"));
	assert_non_null(strstr(err, "图片"));
	/* Cleared on failure. */
	assert_null(r.narr[GK_NARR_OVERVIEW]);
	assert_int_equal(r.year, 0);
	gk_buf_clear(&b);
}

/* ---- the renderer ---- */

static void
test_render_markup(void **state)
{
	struct gk_report	 r;
	struct gk_buf		 b;
	char			*x;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	r.year = 2023;
	snprintf(r.agency, sizeof(r.agency), "某局<办公室>&\"乙\"");
	assert_int_equal(gk_report_set_narr(&r, GK_NARR_OVERVIEW, "甲&乙 <丙>\x01\n\n第二段"), GK_OK);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_docx(&r, &b), GK_OK);
	x = part_of(&b, "word/document.xml", NULL);
	/* Escaped, control characters dropped. */
	assert_non_null(strstr(x, ">某局&lt;办公室&gt;&amp;&quot;乙&quot;</w:t>"));
	assert_non_null(strstr(x, ">甲&amp;乙 &lt;丙&gt;</w:t>"));
	assert_null(strstr(x, "\x01"));
	assert_non_null(strstr(x, ">2023年政府信息公开工作年度报告</w:t>"));
	/* The note cell: 3 columns, first of 3 merged header rows. */
	assert_non_null(strstr(x, "<w:gridSpan w:val=\"3\"/><w:vMerge w:val=\"restart\"/>"
	    "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"F2F2F2\"/><w:vAlign w:val=\"center\"/>"
	    "</w:tcPr><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr><w:r>"
	    "<w:t xml:space=\"preserve\">(本列数据的勾稽关系为"));
	assert_non_null(strstr(x, "<w:gridSpan w:val=\"6\"/>"));
	assert_non_null(strstr(x, "<w:gridSpan w:val=\"5\"/>"));
	assert_non_null(strstr(x, "<w:gridSpan w:val=\"10\"/>"));
	assert_non_null(strstr(x, "<w:tblBorders>"));
	assert_non_null(strstr(x, "<w:gridCol w:w="));
	/* 2021: the three (六) leaves are there. */
	assert_non_null(strstr(x, "3.其他</w:t>"));
	free(x);
	gk_buf_clear(&b);
	gk_report_clear(&r);

	/* 2019: ABSENT rows are not drawn; (六) is one row. */
	gk_report_init(&r, GK_TPL_2019);
	r.year = 2020;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_docx(&r, &b), GK_OK);
	x = part_of(&b, "word/document.xml", NULL);
	assert_null(strstr(x, "3.其他</w:t>"));
	assert_null(strstr(x, "1.申请人无正当理由"));
	assert_non_null(strstr(x, "第二十条第（九）项"));
	assert_null(strstr(x, "本年制发件数"));
	free(x);
	gk_buf_clear(&b);
	gk_report_clear(&r);
	assert_int_equal(gk_render_docx(NULL, &b), GK_EINVAL);
}

/* Rows of a rendered report: the template's merges, read back cell by cell. */
static void
test_render_rows(void **state)
{
	struct gk_report	 r;
	struct gk_buf		 b;
	struct rr_doc		 d;
	size_t			 i;

	(void)state;
	gk_report_init(&r, GK_TPL_2021);
	r.year = 2022;
	snprintf(r.agency, sizeof(r.agency), "某市某局");
	gk_cell_set_int(&r.s3[GK_S3_DENY_LAW][GK_S3_LEGAL], 12);
	gk_cell_set_blank(&r.s3[GK_S3_NA_MAKE][GK_S3_RESEARCH]);
	gk_cell_set_num(&r.s2[GK_S2_FEE], 350000);	/* 0.35 万元 */
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_docx(&r, &b), GK_OK);
	rows_of(&b, &d);
	assert_string_equal(row_str(&d, 0), "某市某局");
	assert_string_equal(row_str(&d, 1), "2022年政府信息公开工作年度报告");
	i = find_row(&d, 0, "第二十条第（八）项");
	assert_string_equal(row_str(&d, i), "第二十条第（八）项|~");
	assert_string_equal(row_str(&d, i + 2), "行政事业性收费|0.35");
	i = find_row(&d, 3, "申请人情况");
	assert_string_equal(row_str(&d, i + 1), "~|~|~|自然人|法人或其他组织|~|~|~|~|~");
	assert_string_equal(row_str(&d, i + 2), "~|~|~|~|商业企业|科研机构|社会公益组织|法律服务机构|其他|~");
	i = find_row(&d, 2, "2.其他法律行政法规禁止公开");
	assert_string_equal(row_str(&d, i), "~|~|2.其他法律行政法规禁止公开|0|0|0|0|12|0|0");
	assert_string_equal(row_str(&d, i - 1), "~|(三) 不予公开|1.属于国家秘密|0|0|0|0|0|0|0");
	i = find_row(&d, 2, "2.没有现成信息需要另行制作");
	assert_string_equal(row_str(&d, i), "~|~|2.没有现成信息需要另行制作|0|0||0|0|0|0");
	i = find_row(&d, 1, "(七) 总计");
	assert_string_equal(row_str(&d, i), "~|(七) 总计|~|0|0|0|0|0|0|0");
	i = find_row(&d, 0, "三、本年度办理结果");
	assert_string_equal(row_str(&d, i), "三、本年度办理结果|(一) 予以公开|~|0|0|0|0|0|0|0");
	i = find_row(&d, 0, "行政复议");
	assert_string_equal(row_str(&d, i + 1),
	    "结果维持|结果纠正|其他结果|尚未审结|总计|未经复议直接起诉|~|~|~|~|复议后起诉|~|~|~|~");
	rr_doc_free(&d);
	gk_buf_clear(&b);

	/* A group subtotal written in a 2021 report gets its own row under the group label. */
	gk_cell_set_int(&r.s3[GK_S3_NA][GK_S3_NATURAL], 0);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_render_docx(&r, &b), GK_OK);
	rows_of(&b, &d);
	i = find_row(&d, 1, "(四) 无法提供");
	assert_string_equal(row_str(&d, i), "~|(四) 无法提供||0||||||");
	assert_string_equal(row_str(&d, i + 1), "~|~|1.本机关不掌握相关政府信息|0|0|0|0|0|0|0");
	rr_doc_free(&d);
	gk_buf_clear(&b);
	gk_report_clear(&r);
}

/* ---- render → read round trip over random reports ---- */

static const char *const phrases[] = {
	"本机关严格落实条例要求", "a&b<c>", "“三安全一稳定”", "引号\"与'单引号'",
	"全年主动公开信息 1,234 条", "<script>alert(1)</script>", "&amp; 不是实体",
	"英文 Mixed text", "］】》>", "百分比 100%",
};

static int
rnd(uint64_t *s, int n)
{
	return (int)(gk_test_rand(s) % (uint64_t)n);
}

static char *
random_narr(uint64_t *s)
{
	struct gk_buf	 b;
	int		 np = 1 + rnd(s, 3), i, k, nw;

	gk_buf_init(&b, 0);
	for (i = 0; i < np; i++) {
		if (i)
			gk_buf_puts(&b, "\n\n");
		nw = 1 + rnd(s, 3);
		gk_buf_puts(&b, "第");
		gk_buf_printf(&b, "%d段：", i + 1);
		for (k = 0; k < nw; k++)
			gk_buf_puts(&b, phrases[rnd(s, (int)(sizeof(phrases) / sizeof(phrases[0])))]);
		gk_buf_puts(&b, "。");
	}
	assert_int_equal(b.err, GK_OK);
	return gk_buf_take(&b, NULL);
}

static void
random_report(struct gk_report *r, uint64_t *s)
{
	static const char *const agencies[] = {
		"某市人民政府办公室", "某县<财政>局", "A&B 区交通运输局", "某“新区”管委会",
	};
	enum gk_tpl	 tpl = rnd(s, 2) ? GK_TPL_2019 : GK_TPL_2021;
	int		 i, j;

	gk_report_init(r, tpl);
	r->year = tpl == GK_TPL_2019 ? 2019 + rnd(s, 2) : 2021 + rnd(s, 5);
	snprintf(r->agency, sizeof(r->agency), "%s", agencies[rnd(s, 4)]);
	for (i = 0; i < GK_S2__MAX; i++) {
		if (!gk_s2_in((enum gk_s2)i, tpl))
			continue;
		switch (gk_s2_kind((enum gk_s2)i)) {
		case GK_KIND_AMOUNT:
			gk_cell_set_num(&r->s2[i], (int64_t)rnd(s, 100000) * 10000);
			break;
		case GK_KIND_DELTA:
			if (rnd(s, 4) == 0)
				gk_cell_set_text(&r->s2[i], GK_CELL_TEXT, "未增未减");
			else
				gk_cell_set_int(&r->s2[i], rnd(s, 41) - 20);
			break;
		default:
			gk_cell_set_int(&r->s2[i], rnd(s, 5) == 0 ? rnd(s, 100000) : rnd(s, 30));
			break;
		}
	}
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		if (!gk_s3_row_in((enum gk_s3row)i, tpl))
			continue;
		for (j = 0; j < GK_S3_ALL; j++)
			gk_cell_set_int(&r->s3[i][j], rnd(s, 3) ? 0 : rnd(s, 40));
	}
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4_TOTAL; j++)
			gk_cell_set_int(&r->s4[i][j], rnd(s, 2) ? 0 : rnd(s, 9));
	gk_report_fill_totals(r);
	/* Now and then a cell left blank. */
	if (rnd(s, 5) == 0)
		gk_cell_set_blank(&r->s3[GK_S3_OPEN][rnd(s, GK_S3_ALL)]);
	for (i = 0; i < GK_NARR__MAX; i++)
		if (rnd(s, 4) != 0) {
			char *t = random_narr(s);

			assert_int_equal(gk_report_set_narr(r, (enum gk_narr)i, t), GK_OK);
			gk_free(t);
		}
}

static void
test_roundtrip(void **state)
{
	uint64_t		 s;
	int			 seed;
	struct gk_report	 a, b;
	struct gk_buf		 out;
	char			 err[256];
	enum gk_err		 e;

	(void)state;
	for (seed = 1; seed <= 150; seed++) {
		s = (uint64_t)seed * 0x9E3779B97F4A7C15ULL;
		random_report(&a, &s);
		gk_buf_init(&out, 0);
		assert_int_equal(gk_render_docx(&a, &out), GK_OK);
		e = gk_report_read(out.data, out.len, GK_FMT_DOCX, &b, err, sizeof(err));
		if (e != GK_OK)
			fail_msg("seed %d: read failed: %s", seed, err);
		if (!gk_report_equal(&a, &b)) {
			int i, j;

			for (i = 0; i < GK_S2__MAX; i++)
				if (!gk_cell_equal(&a.s2[i], &b.s2[i]))
					print_message("s2[%d] differs\n", i);
			for (i = 0; i < GK_S3ROW__MAX; i++)
				for (j = 0; j < GK_S3COL__MAX; j++)
					if (!gk_cell_equal(&a.s3[i][j], &b.s3[i][j]))
						print_message("s3[%d][%d] differs\n", i, j);
			for (i = 0; i < GK_NARR__MAX; i++)
				print_message("narr %d: [%s] [%s]\n", i, a.narr[i] ? a.narr[i] : "-",
				    b.narr[i] ? b.narr[i] : "-");
			fail_msg("seed %d (template %s): read report differs", seed, gk_tpl_name(a.tpl));
		}
		gk_report_clear(&a);
		gk_report_clear(&b);
		gk_buf_clear(&out);
	}
}

/* Every allocation of render and read may fail: an error, never a crash or leak. */
static void
test_alloc_failures(void **state)
{
	struct gk_report	 a, b;
	struct gk_buf		 out;
	char			 err[256];
	long			 n;
	enum gk_err		 e;
	uint64_t		 s = 7;

	(void)state;
	random_report(&a, &s);
	for (n = 0; n < 400; n++) {
		gk_buf_init(&out, 0);
		gk_mem_fail_after(n);
		e = gk_render_docx(&a, &out);
		if (e == GK_OK)
			e = gk_report_read(out.data, out.len, GK_FMT_DOCX, &b, err, sizeof(err));
		gk_mem_fail_reset();
		if (e == GK_OK) {
			assert_true(gk_report_equal(&a, &b));
			gk_report_clear(&b);
			gk_buf_clear(&out);
			break;
		}
		assert_true(e == GK_ENOMEM || e == GK_ELIMIT || e == GK_EINVAL);
		gk_buf_clear(&out);
	}
	assert_true(n > 10 && n < 400);	/* many allocations were made to fail */
	gk_report_clear(&a);
}

/* ---- hostile input ---- */

static void
expect_fail(const void *buf, size_t len, enum gk_err want, const char *msg)
{
	struct rr_doc		 d;
	struct gk_report	 r;
	char			 err[256];

	rr_doc_init(&d);
	assert_int_equal(gk_docx_rows(buf, len, &d, err, sizeof(err)), want);
	if (strstr(err, msg) == NULL)
		fail_msg("message \"%s\" lacks \"%s\"", err, msg);
	rr_doc_free(&d);
	assert_int_equal(gk_report_read(buf, len, GK_FMT_DOCX, &r, err, sizeof(err)), want);
	assert_non_null(strstr(err, msg));
}

static void
test_hostile_zip(void **state)
{
	struct gk_buf	 b, z;
	size_t		 cut;

	(void)state;
	expect_fail("", 0, GK_EINVAL, "不是有效的 DOCX 文件");
	expect_fail("hello, world", 12, GK_EINVAL, "不是有效的 DOCX 文件（ZIP 结构损坏）");
	expect_fail("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0", 12, GK_EINVAL, "旧版 Word（.doc）");

	/* Truncated anywhere: a clear error. */
	pack_fixture("seed-2021.xml", &b);
	for (cut = 1; cut < b.len; cut += b.len / 23 + 1)
		expect_fail(b.data, cut, GK_EINVAL, "不是有效的 DOCX 文件");
	/* The local data cut but the central directory there: the part is damaged. */
	gk_buf_clear(&b);

	/* A zip without the document part. */
	{
		const char *names[] = { "[Content_Types].xml", "word/styles.xml" };
		const char *data[] = { "<Types/>", "<w:styles/>" };

		make_zip(&z, names, data, 2);
		expect_fail(z.data, z.len, GK_EINVAL, "缺少正文部件 word/document.xml");
		gk_buf_clear(&z);
	}
	/* _rels/.rels naming a missing part falls back to word/document.xml. */
	{
		const char *names[] = { "_rels/.rels", "word/document.xml" };
		const char *data[] = {
			"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			"<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/word/main.xml\"/></Relationships>",
			W_OPEN "<w:p><w:r><w:t>正文</w:t></w:r></w:p>" W_CLOSE,
		};
		struct rr_doc d;

		make_zip(&z, names, data, 2);
		rows_of(&z, &d);
		assert_string_equal(row_str(&d, 0), "正文");
		rr_doc_free(&d);
		gk_buf_clear(&z);
	}
	/* … and a main part under another name is found through it. */
	{
		const char *names[] = { "_rels/.rels", "word/document2.xml", "word/document.xml" };
		const char *data[] = {
			"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
			"<Relationship Id=\"r\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"/word/document2.xml\"/></Relationships>",
			W_OPEN "<w:p><w:r><w:t>真正文</w:t></w:r></w:p>" W_CLOSE,
			W_OPEN "<w:p><w:r><w:t>旧正文</w:t></w:r></w:p>" W_CLOSE,
		};
		struct rr_doc d;

		make_zip(&z, names, data, 3);
		rows_of(&z, &d);
		assert_string_equal(row_str(&d, 0), "真正文");
		rr_doc_free(&d);
		gk_buf_clear(&z);
	}
}

/* Patches the uncompressed size of word/document.xml in local and central headers. */
static void
patch_size(struct gk_buf *b, uint32_t size)
{
	static const char name[] = "word/document.xml";
	size_t		 i, nl = sizeof(name) - 1;
	int		 hits = 0;

	for (i = 0; i + 46 + nl <= b->len; i++) {
		unsigned char *p = (unsigned char *)b->data + i;
		size_t off;

		if (memcmp(p, "PK\001\002", 4) == 0 && memcmp(p + 46, name, nl) == 0)
			off = 24;
		else if (memcmp(p, "PK\003\004", 4) == 0 && memcmp(p + 30, name, nl) == 0)
			off = 22;
		else
			continue;
		p[off] = (unsigned char)size;
		p[off + 1] = (unsigned char)(size >> 8);
		p[off + 2] = (unsigned char)(size >> 16);
		p[off + 3] = (unsigned char)(size >> 24);
		hits++;
	}
	assert_int_equal(hits, 2);
}

static void
test_hostile_sizes(void **state)
{
	static const char body[] = W_OPEN "<w:p><w:r><w:t>正文</w:t></w:r></w:p>" W_CLOSE;
	struct gk_buf	 b;

	(void)state;
	/* Claims 4 GiB uncompressed: refused before anything is read. */
	pack_str(body, &b);
	patch_size(&b, 0xFFFFFFF0u);
	expect_fail(b.data, b.len, GK_ELIMIT, "过大");
	gk_buf_clear(&b);
	/* Claims 100 MiB: over the cap. */
	pack_str(body, &b);
	patch_size(&b, 100u * 1024 * 1024);
	expect_fail(b.data, b.len, GK_ELIMIT, "过大");
	gk_buf_clear(&b);
	/* Claims fewer bytes than it holds: the size or checksum does not match. */
	pack_str(body, &b);
	patch_size(&b, 20);
	expect_fail(b.data, b.len, GK_EINVAL, "已损坏");
	gk_buf_clear(&b);
	/* Claims more bytes than it holds. */
	pack_str(body, &b);
	patch_size(&b, (uint32_t)strlen(body) + 100);
	expect_fail(b.data, b.len, GK_EINVAL, "已损坏");
	gk_buf_clear(&b);
}

static void
test_hostile_entries(void **state)
{
	zip_error_t	 ze;
	zip_source_t	*src, *s;
	zip_t		*za;
	zip_stat_t	 st;
	struct gk_buf	 b;
	char		 name[32], *p;
	int		 i;

	(void)state;
	zip_error_init(&ze);
	src = zip_source_buffer_create(NULL, 0, 0, &ze);
	za = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
	assert_non_null(za);
	zip_source_keep(src);
	for (i = 0; i < 10001; i++) {
		snprintf(name, sizeof(name), "f%d", i);
		s = zip_source_buffer(za, "", 0, 0);
		assert_true(zip_file_add(za, name, s, 0) >= 0);
	}
	assert_int_equal(zip_close(za), 0);
	assert_int_equal(zip_source_stat(src, &st), 0);
	assert_int_equal(zip_source_open(src), 0);
	p = malloc((size_t)st.size);
	assert_non_null(p);
	assert_int_equal(zip_source_read(src, p, st.size), (zip_int64_t)st.size);
	zip_source_close(src);
	zip_source_free(src);
	zip_error_fini(&ze);
	gk_buf_init(&b, 0);
	assert_int_equal(gk_buf_append(&b, p, (size_t)st.size), GK_OK);
	free(p);
	expect_fail(b.data, b.len, GK_ELIMIT, "条目过多");
	gk_buf_clear(&b);
}

static void
test_hostile_xml(void **state)
{
	struct gk_buf b;

	(void)state;
	/* Malformed. */
	pack_str(W_OPEN "<w:p><w:r><w:t>断</w:r></w:p>" W_CLOSE, &b);
	expect_fail(b.data, b.len, GK_EINVAL, "不是合法的 XML");
	gk_buf_clear(&b);
	pack_str("", &b);
	expect_fail(b.data, b.len, GK_EINVAL, "不是合法的 XML");
	gk_buf_clear(&b);
	/* Not a Word document. */
	pack_str("<html><body><p>x</p></body></html>", &b);
	expect_fail(b.data, b.len, GK_EINVAL, "不是 Word 文档");
	gk_buf_clear(&b);
	pack_str("<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>", &b);
	expect_fail(b.data, b.len, GK_EINVAL, "缺少 w:body");
	gk_buf_clear(&b);
	/* Billion laughs: refused, quickly, without expanding anything. */
	pack_str("<?xml version=\"1.0\"?><!DOCTYPE w:document ["
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
	    "]>"
	    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	    "<w:body><w:p><w:r><w:t>&h;&h;&h;&h;</w:t></w:r></w:p></w:body></w:document>", &b);
	expect_fail(b.data, b.len, GK_EINVAL, "DTD");
	gk_buf_clear(&b);
	/* The same behind a comment that hides the DOCTYPE from the quick scan:
	 * the parser's own limits stop it, and any DTD is refused after. */
	pack_str("<?xml version=\"1.0\"?><!-- <x> --><!DOCTYPE w:document ["
	    "<!ENTITY a \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\">"
	    "<!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
	    "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">"
	    "<!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">"
	    "<!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\">"
	    "<!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\">"
	    "<!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\">"
	    "<!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">"
	    "]>"
	    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	    "<w:body><w:p><w:r><w:t>&h;&h;&h;&h;</w:t></w:r></w:p></w:body></w:document>", &b);
	expect_fail(b.data, b.len, GK_EINVAL, "DOCX 文件中的 word/document.xml");
	gk_buf_clear(&b);
	/* An external entity: never fetched, never read; the DTD is refused. */
	pack_str("<?xml version=\"1.0\"?><!DOCTYPE w:document [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
	    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
	    "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body></w:document>", &b);
	expect_fail(b.data, b.len, GK_EINVAL, "DTD");
	gk_buf_clear(&b);
	/* Invalid UTF-8 in the XML. */
	pack_str(W_OPEN "<w:p><w:r><w:t>\xff\xfe</w:t></w:r></w:p>" W_CLOSE, &b);
	expect_fail(b.data, b.len, GK_EINVAL, "不是合法的 XML");
	gk_buf_clear(&b);
}

/* A cell longer than the row limit is cut at a character boundary. */
static void
test_hostile_long_cell(void **state)
{
	struct gk_buf	 x;
	struct rr_doc	 d;
	size_t		 i;

	(void)state;
	gk_buf_init(&x, 0);
	gk_buf_puts(&x, W_OPEN "<w:p><w:r><w:t>a</w:t>");
	for (i = 0; i < 30000; i++)
		gk_buf_puts(&x, "<w:t>汉字</w:t>");
	gk_buf_puts(&x, "</w:r></w:p>" W_CLOSE);
	assert_int_equal(x.err, GK_OK);
	rows_str(x.data, &d);
	assert_int_equal(d.nrows, 1);
	assert_true(d.cells[0].len <= RR_MAX_CELL);
	assert_true(d.cells[0].len > RR_MAX_CELL - 4);
	assert_int_equal((d.cells[0].len - 1) % 3, 0);	/* "a" then whole 3-byte characters */
	rr_doc_free(&d);
	gk_buf_clear(&x);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_pack_parts),
	cmocka_unit_test(test_rows_seed),
	cmocka_unit_test(test_rows_2019),
	cmocka_unit_test(test_rows_features),
	cmocka_unit_test(test_rows_nested),
	cmocka_unit_test(test_rows_deep),
	cmocka_unit_test(test_read_seed),
	cmocka_unit_test(test_read_2019),
	cmocka_unit_test(test_read_wrong),
	cmocka_unit_test(test_read_picture),
	cmocka_unit_test(test_render_markup),
	cmocka_unit_test(test_render_rows),
	cmocka_unit_test(test_roundtrip),
	cmocka_unit_test(test_alloc_failures),
	cmocka_unit_test(test_hostile_zip),
	cmocka_unit_test(test_hostile_sizes),
	cmocka_unit_test(test_hostile_entries),
	cmocka_unit_test(test_hostile_xml),
	cmocka_unit_test(test_hostile_long_cell),
};

GK_TEST_MAIN("docx", tests)
