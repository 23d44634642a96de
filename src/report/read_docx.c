/*
 * read_docx.c — Word (.docx) reports as found in the wild, to rows: opens the
 * package with libzip from memory (refusing zip bombs and hostile archives),
 * finds the main document part, parses it with libxml2 without network,
 * DTD loading or entity substitution, and walks w:body in document order:
 * paragraphs become paragraph rows, tables become grid rows with merged
 * cells (w:gridSpan, w:vMerge) expanded into span cells.
 */
#include <stdio.h>
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <zip.h>

#include "report/report_io.h"

#define W_NS		"http://schemas.openxmlformats.org/wordprocessingml/2006/main"
#define W_NS_STRICT	"http://purl.oclc.org/ooxml/wordprocessingml/main"

#define DOCX_MAX_PART	(64u * 1024 * 1024)	/* largest uncompressed part read */
#define DOCX_MAX_RELS	(1u * 1024 * 1024)	/* largest _rels/.rels read */
#define DOCX_MAX_ENTRIES 10000			/* archive entries */
#define DOCX_MAX_DEPTH	64			/* element nesting walked */
#define DOCX_MAX_NEST	4			/* tables inside tables */
#define DOCX_MAX_SPAN	64			/* gridSpan, gridBefore, gridAfter */
#define DOCX_MAX_ROWCELLS 512			/* grid positions in one table row */
#define DOCX_MAX_PENDING 256			/* nested tables waiting to be emitted */

struct docx_ctx {
	struct rr_doc	*doc;
	struct gk_buf	 text;		/* text of the paragraph or cell being collected */
	int		 full;		/* text reached RR_MAX_CELL: further text is dropped */
	const xmlNode	*pending[DOCX_MAX_PENDING];	/* nested tables of the current table */
	int		 npending;
	unsigned long	 budget;	/* element visits left (bounds the whole walk) */
};

/* Whether n is the WordprocessingML element w:name (transitional or strict). */
static int
is_w(const xmlNode *n, const char *name)
{
	if (n == NULL || n->type != XML_ELEMENT_NODE || n->ns == NULL || n->ns->href == NULL)
		return 0;
	if (strcmp((const char *)n->name, name) != 0)
		return 0;
	return strcmp((const char *)n->ns->href, W_NS) == 0 ||
	    strcmp((const char *)n->ns->href, W_NS_STRICT) == 0;
}

/* The w:val attribute (namespaced or not), or NULL. */
static const char *
w_val(const xmlNode *n)
{
	const xmlAttr *a;

	for (a = n->properties; a != NULL; a = a->next)
		if (strcmp((const char *)a->name, "val") == 0 && a->children != NULL &&
		    (a->children->type == XML_TEXT_NODE) && a->children->next == NULL)
			return (const char *)a->children->content;
	return NULL;
}

/* A small non-negative integer attribute; def when missing or unreadable. */
static int
w_int(const xmlNode *n, int def, int max)
{
	const char	*s = w_val(n);
	long		 v = 0;
	int		 digits = 0;

	if (s == NULL)
		return def;
	while (*s == ' ')
		s++;
	for (; *s >= '0' && *s <= '9'; s++) {
		v = v * 10 + (*s - '0');
		digits++;
		if (v > max)
			return max;
	}
	return digits ? (int)v : def;
}

static int
budget_ok(struct docx_ctx *c)
{
	if (c->budget == 0) {
		if (c->doc->err == GK_OK)
			c->doc->err = GK_ELIMIT;
		return 0;
	}
	c->budget--;
	return 1;
}

/* Appends text to the collector, stopping (at a UTF-8 boundary) at RR_MAX_CELL. */
static void
text_add(struct docx_ctx *c, const char *s, size_t len)
{
	size_t room;

	if (c->full)
		return;
	room = RR_MAX_CELL - c->text.len;
	if (len > room) {
		len = room;
		while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80)
			len--;
		c->full = 1;
	}
	gk_buf_append(&c->text, s, len);
}

static void
text_reset(struct docx_ctx *c)
{
	c->text.len = 0;
	if (c->text.data != NULL)
		c->text.data[0] = '\0';
	c->full = 0;
}

/* The collected text without surrounding spaces (ASCII and U+3000). */
static void
text_trimmed(const struct docx_ctx *c, const char **sp, size_t *lenp)
{
	const char	*s = c->text.data ? c->text.data : "";
	size_t		 len = c->text.len;

	for (;;) {
		if (len > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')) {
			s++;
			len--;
		} else if (len >= 3 && memcmp(s, "\xE3\x80\x80", 3) == 0) {
			s += 3;
			len -= 3;
		} else
			break;
	}
	for (;;) {
		if (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' ||
		    s[len - 1] == '\r' || s[len - 1] == '\n'))
			len--;
		else if (len >= 3 && memcmp(s + len - 3, "\xE3\x80\x80", 3) == 0)
			len -= 3;
		else
			break;
	}
	*sp = s;
	*lenp = len;
}

/* Text nodes directly under n (w:t), not expanding entity references. */
static void
text_of_t(struct docx_ctx *c, const xmlNode *t)
{
	const xmlNode *k;

	for (k = t->children; k != NULL; k = k->next)
		if ((k->type == XML_TEXT_NODE || k->type == XML_CDATA_SECTION_NODE) &&
		    k->content != NULL)
			text_add(c, (const char *)k->content, strlen((const char *)k->content));
}

/*
 * Collects the visible text inside a paragraph: runs, inserted text, fields,
 * hyperlinks, content controls, smart tags. Deleted text, field
 * instructions, drawings and text boxes are left out.
 */
static void
para_text(struct docx_ctx *c, const xmlNode *n, int depth)
{
	const xmlNode *k;

	if (depth > DOCX_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !budget_ok(c))
			continue;
		if (is_w(k, "t"))
			text_of_t(c, k);
		else if (is_w(k, "tab") || is_w(k, "br") || is_w(k, "cr") || is_w(k, "ptab"))
			text_add(c, " ", 1);
		else if (is_w(k, "noBreakHyphen"))
			text_add(c, "-", 1);
		else if (is_w(k, "r") || is_w(k, "ins") || is_w(k, "moveTo") ||
		    is_w(k, "hyperlink") || is_w(k, "smartTag") || is_w(k, "fldSimple") ||
		    is_w(k, "sdtContent") || is_w(k, "customXml") || is_w(k, "dir") ||
		    is_w(k, "bdo") || is_w(k, "ruby") || is_w(k, "rubyBase"))
			para_text(c, k, depth + 1);
		else if (is_w(k, "sdt")) {
			const xmlNode *sc;

			for (sc = k->children; sc != NULL; sc = sc->next)
				if (is_w(sc, "sdtContent"))
					para_text(c, sc, depth + 1);
		}
		/* Everything else (w:pPr, w:rPr, w:del, w:delText, w:instrText,
		 * w:drawing, w:pict, mc:AlternateContent, w:rt, …) is not text. */
	}
}

static void walk_blocks(struct docx_ctx *, const xmlNode *, int depth, int nest);
static void walk_tbl(struct docx_ctx *, const xmlNode *, int depth, int nest);

static void
emit_para(struct docx_ctx *c, const xmlNode *p)
{
	const char	*s;
	size_t		 len;

	text_reset(c);
	para_text(c, p, 0);
	if (c->text.err != GK_OK) {
		if (c->doc->err == GK_OK)
			c->doc->err = c->text.err;
		return;
	}
	text_trimmed(c, &s, &len);
	if (len > 0)
		rr_para(c->doc, s, len);
}

/* The single w:tc of a table of one row and one cell (a layout frame), or NULL. */
static const xmlNode *
single_cell(const xmlNode *tbl)
{
	const xmlNode	*k, *tc = NULL, *row = NULL;
	int		 nrows = 0, ncells = 0;

	for (k = tbl->children; k != NULL; k = k->next)
		if (is_w(k, "tr")) {
			row = k;
			nrows++;
		}
	if (nrows != 1)
		return NULL;
	for (k = row->children; k != NULL; k = k->next)
		if (is_w(k, "tc")) {
			tc = k;
			ncells++;
		}
	return ncells == 1 ? tc : NULL;
}

/*
 * Block-level content (w:body, w:sdtContent, a layout cell): paragraphs and
 * tables in order.
 */
static void
walk_blocks(struct docx_ctx *c, const xmlNode *n, int depth, int nest)
{
	const xmlNode *k, *tc;

	if (depth > DOCX_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !budget_ok(c) || c->doc->err != GK_OK)
			continue;
		if (is_w(k, "p"))
			emit_para(c, k);
		else if (is_w(k, "tbl")) {
			if ((tc = single_cell(k)) != NULL && nest < DOCX_MAX_NEST)
				walk_blocks(c, tc, depth + 1, nest + 1);
			else
				walk_tbl(c, k, depth + 1, nest);
		} else if (is_w(k, "sdt")) {
			const xmlNode *sc;

			for (sc = k->children; sc != NULL; sc = sc->next)
				if (is_w(sc, "sdtContent"))
					walk_blocks(c, sc, depth + 1, nest);
		} else if (is_w(k, "customXml") || is_w(k, "ins") || is_w(k, "moveTo"))
			walk_blocks(c, k, depth + 1, nest);
	}
}

/* A cell's text: its paragraphs joined by a space; nested tables are set aside. */
static void
cell_text(struct docx_ctx *c, const xmlNode *n, int depth, int nest)
{
	const xmlNode	*k;
	size_t		 before;

	if (depth > DOCX_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !budget_ok(c))
			continue;
		if (is_w(k, "p")) {
			before = c->text.len;
			if (before > 0)
				text_add(c, " ", 1);
			para_text(c, k, 0);
			if (c->text.len == before + 1 && before > 0)
				c->text.len = before;	/* an empty paragraph adds nothing */
		} else if (is_w(k, "tbl")) {
			if (nest + 1 < DOCX_MAX_NEST && c->npending < DOCX_MAX_PENDING)
				c->pending[c->npending++] = k;
		} else if (is_w(k, "sdt")) {
			const xmlNode *sc;

			for (sc = k->children; sc != NULL; sc = sc->next)
				if (is_w(sc, "sdtContent"))
					cell_text(c, sc, depth + 1, nest);
		} else if (is_w(k, "customXml") || is_w(k, "ins") || is_w(k, "moveTo"))
			cell_text(c, k, depth + 1, nest);
	}
	if (c->text.data != NULL)
		c->text.data[c->text.len] = '\0';
}

/* Appends n empty grid positions (w:gridBefore, w:gridAfter). */
static void
empty_cells(struct docx_ctx *c, int n, int *used)
{
	for (; n > 0 && *used < DOCX_MAX_ROWCELLS; n--, (*used)++)
		rr_cell(c->doc, "", 0);
}

/* One w:tc: its text, then a span for each further grid column it covers. */
static void
emit_tc(struct docx_ctx *c, const xmlNode *tc, int *used, int depth, int nest)
{
	const xmlNode	*k, *pr = NULL;
	int		 span = 1, cont = 0, i;
	const char	*v, *s;
	size_t		 len;

	for (k = tc->children; k != NULL; k = k->next)
		if (is_w(k, "tcPr"))
			pr = k;
	if (pr != NULL)
		for (k = pr->children; k != NULL; k = k->next) {
			if (is_w(k, "gridSpan"))
				span = w_int(k, 1, DOCX_MAX_SPAN);
			else if (is_w(k, "vMerge") || is_w(k, "hMerge")) {
				v = w_val(k);
				if (v == NULL || strcmp(v, "continue") == 0)
					cont = 1;
			}
		}
	if (span < 1)
		span = 1;
	if (*used >= DOCX_MAX_ROWCELLS)
		return;
	if (cont) {
		rr_cell_span(c->doc);
	} else {
		text_reset(c);
		cell_text(c, tc, depth + 1, nest);
		if (c->text.err != GK_OK) {
			if (c->doc->err == GK_OK)
				c->doc->err = c->text.err;
			return;
		}
		text_trimmed(c, &s, &len);
		rr_cell(c->doc, s, len);
	}
	(*used)++;
	for (i = 1; i < span && *used < DOCX_MAX_ROWCELLS; i++, (*used)++)
		rr_cell_span(c->doc);
}

/* The cells of a row, descending into content controls around cells. */
static void
row_cells(struct docx_ctx *c, const xmlNode *n, int *used, int depth, int nest)
{
	const xmlNode *k;

	if (depth > DOCX_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !budget_ok(c) || c->doc->err != GK_OK)
			continue;
		if (is_w(k, "tc"))
			emit_tc(c, k, used, depth, nest);
		else if (is_w(k, "sdt")) {
			const xmlNode *sc;

			for (sc = k->children; sc != NULL; sc = sc->next)
				if (is_w(sc, "sdtContent"))
					row_cells(c, sc, used, depth + 1, nest);
		} else if (is_w(k, "customXml"))
			row_cells(c, k, used, depth + 1, nest);
	}
}

static void
emit_tr(struct docx_ctx *c, int table, const xmlNode *tr, int depth, int nest)
{
	const xmlNode	*k, *pr = NULL;
	int		 before = 0, after = 0, used = 0;

	for (k = tr->children; k != NULL; k = k->next)
		if (is_w(k, "trPr"))
			pr = k;
	if (pr != NULL)
		for (k = pr->children; k != NULL; k = k->next) {
			if (is_w(k, "gridBefore"))
				before = w_int(k, 0, DOCX_MAX_SPAN);
			else if (is_w(k, "gridAfter"))
				after = w_int(k, 0, DOCX_MAX_SPAN);
		}
	if (rr_row_begin(c->doc, table, RR_GRID) != GK_OK)
		return;
	empty_cells(c, before, &used);
	row_cells(c, tr, &used, depth + 1, nest);
	empty_cells(c, after, &used);
	rr_row_end(c->doc);
}

/* The rows of a table, descending into content controls around rows. */
static void
tbl_rows(struct docx_ctx *c, int table, const xmlNode *n, int depth, int nest)
{
	const xmlNode *k;

	if (depth > DOCX_MAX_DEPTH)
		return;
	for (k = n->children; k != NULL; k = k->next) {
		if (k->type != XML_ELEMENT_NODE || !budget_ok(c) || c->doc->err != GK_OK)
			continue;
		if (is_w(k, "tr"))
			emit_tr(c, table, k, depth, nest);
		else if (is_w(k, "sdt")) {
			const xmlNode *sc;

			for (sc = k->children; sc != NULL; sc = sc->next)
				if (is_w(sc, "sdtContent"))
					tbl_rows(c, table, sc, depth + 1, nest);
		} else if (is_w(k, "customXml"))
			tbl_rows(c, table, k, depth + 1, nest);
	}
}

/*
 * A table: its rows as one grid table, then the tables nested in its cells,
 * each as a table of its own (depth limited by DOCX_MAX_NEST).
 */
static void
walk_tbl(struct docx_ctx *c, const xmlNode *tbl, int depth, int nest)
{
	const xmlNode	*mine[DOCX_MAX_PENDING];
	int		 base = c->npending, n, i, table;

	if (depth > DOCX_MAX_DEPTH || nest >= DOCX_MAX_NEST)
		return;
	table = rr_table_new(c->doc);
	tbl_rows(c, table, tbl, depth, nest);
	/* Take this table's nested tables off the pending list before walking them. */
	n = c->npending - base;
	for (i = 0; i < n; i++)
		mine[i] = c->pending[base + i];
	c->npending = base;
	for (i = 0; i < n && c->doc->err == GK_OK; i++)
		walk_tbl(c, mine[i], depth + 1, nest + 1);
}

/* Reads one archive entry into memory, refusing sizes over max. */
static enum gk_err
zip_read_entry(zip_t *za, zip_uint64_t idx, size_t max, char **outp, size_t *lenp,
    char *err, size_t errlen)
{
	zip_stat_t	 st;
	zip_file_t	*zf;
	char		*p, extra;
	zip_uint64_t	 got = 0;
	zip_int64_t	 n;

	*outp = NULL;
	*lenp = 0;
	zip_stat_init(&st);
	if (zip_stat_index(za, idx, 0, &st) != 0 || (st.valid & ZIP_STAT_SIZE) == 0) {
		snprintf(err, errlen, "不是有效的 DOCX 文件（ZIP 结构损坏）");
		return GK_EINVAL;
	}
	if (st.size > max) {
		snprintf(err, errlen, "DOCX 文件中的 %s 过大（解压后 %llu 字节，上限 %zu 字节），拒绝处理",
		    st.name ? st.name : "部件", (unsigned long long)st.size, max);
		return GK_ELIMIT;
	}
	if ((st.valid & ZIP_STAT_ENCRYPTION_METHOD) && st.encryption_method != ZIP_EM_NONE) {
		snprintf(err, errlen, "DOCX 文件已加密，无法读取");
		return GK_EINVAL;
	}
	if ((p = gk_malloc((size_t)st.size + 1)) == NULL)
		return GK_ENOMEM;
	if ((zf = zip_fopen_index(za, idx, 0)) == NULL) {
		gk_free(p);
		snprintf(err, errlen, "DOCX 文件中的部件无法解压（%s）", zip_strerror(za));
		return GK_EINVAL;
	}
	while (got < st.size) {
		n = zip_fread(zf, p + got, st.size - got);
		if (n <= 0)
			break;
		got += (zip_uint64_t)n;
	}
	/* The entry must hold exactly the size it claims: no more, no less. */
	if (got == st.size && zip_fread(zf, &extra, 1) != 0)
		got = st.size + 1;
	if (got != st.size) {
		zip_fclose(zf);
		gk_free(p);
		snprintf(err, errlen, "DOCX 文件中的部件已损坏（解压后大小与声明不符或校验失败）");
		return GK_EINVAL;
	}
	if (zip_fclose(zf) != 0) {
		gk_free(p);
		snprintf(err, errlen, "DOCX 文件中的部件已损坏（校验失败）");
		return GK_EINVAL;
	}
	p[got] = '\0';
	*outp = p;
	*lenp = (size_t)got;
	return GK_OK;
}

/*
 * Whether the prolog (what stands before the root element) declares a
 * document type. Word never writes one; refusing it before parsing keeps
 * entity declarations (billion laughs, external entities) away from the
 * parser altogether. A DTD this scan misses is still refused after parsing.
 */
static int
has_doctype(const char *buf, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i++) {
		if (buf[i] != '<')
			continue;
		if (buf[i + 1] != '!' && buf[i + 1] != '?')
			return 0;	/* the root element */
		if (len - i >= 9 && memcmp(buf + i, "<!DOCTYPE", 9) == 0)
			return 1;
	}
	return 0;
}

/* Parses XML from memory: no network, no DTD loading, no entity substitution. */
static xmlDoc *
docx_parse(const char *buf, size_t len, char *err, size_t errlen, const char *what)
{
	xmlParserCtxt	*ctxt;
	xmlDoc		*xd;
	const xmlError	*xe;

	if (len > (size_t)0x7FFFFFFF) {
		snprintf(err, errlen, "%s 过大", what);
		return NULL;
	}
	if (has_doctype(buf, len)) {
		snprintf(err, errlen, "DOCX 文件中的 %s 含有文档类型定义（DTD），拒绝处理", what);
		return NULL;
	}
	if ((ctxt = xmlNewParserCtxt()) == NULL) {
		snprintf(err, errlen, "内存不足");
		return NULL;
	}
	xd = xmlCtxtReadMemory(ctxt, buf, (int)len, what, NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (xd == NULL || !ctxt->wellFormed) {
		xe = xmlCtxtGetLastError(ctxt);
		if (xe != NULL && xe->line > 0)
			snprintf(err, errlen, "DOCX 文件中的 %s 不是合法的 XML（第 %d 行附近出错）",
			    what, xe->line);
		else
			snprintf(err, errlen, "DOCX 文件中的 %s 不是合法的 XML", what);
		if (xd != NULL)
			xmlFreeDoc(xd);
		xd = NULL;
	} else if (xd->intSubset != NULL || xd->extSubset != NULL) {
		/* Word never writes a DTD; one here can only be an attack. */
		snprintf(err, errlen, "DOCX 文件中的 %s 含有文档类型定义（DTD），拒绝处理", what);
		xmlFreeDoc(xd);
		xd = NULL;
	}
	xmlFreeParserCtxt(ctxt);
	return xd;
}

/*
 * The main document part named by the package relationships (_rels/.rels,
 * type …/officeDocument), written into name; "" if there is none.
 */
static void
main_part_name(zip_t *za, char *name, size_t namesize)
{
	zip_int64_t	 idx;
	char		*buf = NULL, dummy[8];
	size_t		 len;
	xmlDoc		*xd;
	const xmlNode	*root, *k;

	name[0] = '\0';
	if ((idx = zip_name_locate(za, "_rels/.rels", ZIP_FL_NOCASE)) < 0)
		return;
	if (zip_read_entry(za, (zip_uint64_t)idx, DOCX_MAX_RELS, &buf, &len, dummy,
	    sizeof(dummy)) != GK_OK)
		return;
	xd = docx_parse(buf, len, dummy, sizeof(dummy), "_rels/.rels");
	gk_free(buf);
	if (xd == NULL)
		return;
	root = xmlDocGetRootElement(xd);
	for (k = root ? root->children : NULL; k != NULL; k = k->next) {
		xmlChar		*type, *target;
		size_t		 tl;

		if (k->type != XML_ELEMENT_NODE || strcmp((const char *)k->name, "Relationship") != 0)
			continue;
		type = xmlGetNoNsProp(k, (const xmlChar *)"Type");
		target = xmlGetNoNsProp(k, (const xmlChar *)"Target");
		if (type != NULL && target != NULL &&
		    (tl = strlen((const char *)type)) >= 15 &&
		    strcmp((const char *)type + tl - 15, "/officeDocument") == 0) {
			const char *t = (const char *)target;

			while (*t == '/')
				t++;
			gk_strlcpy_utf8(name, t, namesize);
		}
		xmlFree(type);
		xmlFree(target);
		if (name[0] != '\0')
			break;
	}
	xmlFreeDoc(xd);
}

enum gk_err
gk_docx_rows(const void *buf, size_t len, struct rr_doc *d, char *err, size_t errlen)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_int64_t	 nent, idx = -1;
	char		 part[256], dummy[8];
	char		*xml = NULL;
	size_t		 xlen = 0;
	xmlDoc		*xd = NULL;
	const xmlNode	*root, *body = NULL, *k;
	struct docx_ctx	*c = NULL;
	enum gk_err	 e;

	if (errlen)
		err[0] = '\0';
	else
		err = dummy, errlen = sizeof(dummy);
	if (buf == NULL || len == 0) {
		snprintf(err, errlen, "不是有效的 DOCX 文件（文件为空）");
		return GK_EINVAL;
	}
	if (len > GK_REPORT_MAX_INPUT) {
		snprintf(err, errlen, "文件过大（超过 %u 字节）", GK_REPORT_MAX_INPUT);
		return GK_ELIMIT;
	}
	if (len >= 8 && memcmp(buf, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) == 0) {
		snprintf(err, errlen, "这是旧版 Word（.doc）文件或加密文档，请在 Word 中另存为 .docx 后再导入");
		return GK_EINVAL;
	}
	zip_error_init(&ze);
	if ((src = zip_source_buffer_create(buf, len, 0, &ze)) == NULL) {
		zip_error_fini(&ze);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	if ((za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
		zip_source_free(src);
		zip_error_fini(&ze);
		snprintf(err, errlen, "不是有效的 DOCX 文件（ZIP 结构损坏）");
		return GK_EINVAL;
	}
	zip_error_fini(&ze);
	nent = zip_get_num_entries(za, 0);
	if (nent < 0 || nent > DOCX_MAX_ENTRIES) {
		snprintf(err, errlen, "DOCX 文件包含的条目过多（%lld 个），拒绝处理", (long long)nent);
		e = GK_ELIMIT;
		goto done;
	}
	main_part_name(za, part, sizeof(part));
	if (part[0] != '\0')
		idx = zip_name_locate(za, part, ZIP_FL_NOCASE);
	if (idx < 0)
		idx = zip_name_locate(za, "word/document.xml", ZIP_FL_NOCASE);
	if (idx < 0) {
		snprintf(err, errlen, "不是有效的 DOCX 文件（缺少正文部件 word/document.xml）");
		e = GK_EINVAL;
		goto done;
	}
	if ((e = zip_read_entry(za, (zip_uint64_t)idx, DOCX_MAX_PART, &xml, &xlen, err,
	    errlen)) != GK_OK)
		goto done;
	if ((xd = docx_parse(xml, xlen, err, errlen, "word/document.xml")) == NULL) {
		e = GK_EINVAL;
		goto done;
	}
	root = xmlDocGetRootElement(xd);
	if (root == NULL || !is_w(root, "document")) {
		snprintf(err, errlen, "DOCX 文件的正文部件不是 Word 文档（缺少 w:document）");
		e = GK_EINVAL;
		goto done;
	}
	for (k = root->children; k != NULL; k = k->next)
		if (is_w(k, "body"))
			body = k;
	if (body == NULL) {
		snprintf(err, errlen, "DOCX 文件的正文部件缺少 w:body");
		e = GK_EINVAL;
		goto done;
	}
	if ((c = gk_calloc(1, sizeof(*c))) == NULL) {
		e = GK_ENOMEM;
		goto done;
	}
	c->doc = d;
	gk_buf_init(&c->text, RR_MAX_CELL + 16);
	/* Every element is visited a bounded number of times; this caps hostile trees. */
	c->budget = 4ul * xlen + 1024;
	walk_blocks(c, body, 0, 0);
	e = d->err;
	if (e == GK_ELIMIT)
		snprintf(err, errlen, "DOCX 文档过大或结构过于复杂，超出处理上限");
	else if (e != GK_OK)
		snprintf(err, errlen, "无法读取 DOCX 文件：%s", gk_strerror(e));
done:
	if (c != NULL) {
		gk_buf_clear(&c->text);
		gk_free(c);
	}
	if (xd != NULL)
		xmlFreeDoc(xd);
	gk_free(xml);
	zip_discard(za);
	return e;
}
