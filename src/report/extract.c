/*
 * extract.c — plain text out of TXT, HTML and DOCX files (see extract.h),
 * for the confidentiality and personal-information gate.
 *
 * HTML and DOCX go through the report readers' row builders (gk_html_rows,
 * gk_docx_rows), which already parse hostile files safely and in bounded
 * memory; each row becomes one line. Text files are passed through as they
 * are, only checked: the text row reader splits lines into table cells and
 * drops blank lines, which would move line numbers and break numbers
 * written with spaces ("138 1234 5678").
 */
#include <stdio.h>
#include <string.h>

#include "report/extract.h"

static enum gk_err
extract_plain(const char *buf, size_t len, struct gk_buf *out, char *err, size_t errlen)
{
	const char	*p = buf, *end = buf + len, *q;
	size_t		 bad;

	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if ((bad = gk_utf8_check(p, (size_t)(end - p))) != (size_t)(end - p)) {
		snprintf(err, errlen, "文本不是 UTF-8 编码（第 %zu 字节）；GBK 文件请先转换：iconv -f GB18030 -t UTF-8",
		    bad + (size_t)(p - buf) + 1);
		return GK_EINVAL;
	}
	if (memchr(p, '\0', (size_t)(end - p)) != NULL) {
		snprintf(err, errlen, "文件含有 NUL 字节，不是文本文件");
		return GK_EINVAL;
	}
	while (p < end) {
		if ((q = memchr(p, '\r', (size_t)(end - p))) == NULL)
			q = end;
		gk_buf_append(out, p, (size_t)(q - p));
		if (q == end)
			break;
		gk_buf_putc(out, '\n');
		p = q + 1;
		if (p < end && *p == '\n')
			p++;	/* CRLF */
	}
	if (out->data == NULL)
		gk_buf_append(out, "", 0);
	return out->err;
}

/* One line per row: cells joined by a tab, positions covered by merged cells left out. */
static enum gk_err
extract_rows(const struct rr_doc *d, struct gk_buf *out)
{
	size_t i, j, k;
	int first;

	for (i = 0; i < d->nrows && out->err == GK_OK; i++) {
		const struct rr_row *r = &d->rows[i];

		first = 1;
		for (j = 0; j < r->n; j++) {
			const struct rr_cell *c = &d->cells[r->first + j];

			if (c->span)
				continue;
			if (!first)
				gk_buf_putc(out, '\t');
			first = 0;
			for (k = 0; k < c->len; k++) {
				char ch = c->s[k];

				gk_buf_putc(out, ch == '\n' || ch == '\r' || ch == '\0' ? ' ' : ch);
			}
		}
		gk_buf_putc(out, '\n');
	}
	if (out->data == NULL)
		gk_buf_append(out, "", 0);
	return out->err;
}

enum gk_err
gk_extract_text(const void *buf, size_t len, enum gk_fmt fmt, struct gk_buf *out,
    char *err, size_t errlen)
{
	struct rr_doc	 doc;
	enum gk_err	 e;

	if (errlen)
		err[0] = '\0';
	if (buf == NULL && len > 0) {
		snprintf(err, errlen, "没有输入");
		return GK_EINVAL;
	}
	if (len > GK_REPORT_MAX_INPUT) {
		snprintf(err, errlen, "文件过大（超过 %u 字节）", GK_REPORT_MAX_INPUT);
		return GK_ELIMIT;
	}
	if (fmt == GK_FMT_AUTO)
		fmt = gk_fmt_sniff(buf, len);
	if (fmt != GK_FMT_HTML && fmt != GK_FMT_DOCX) {
		e = extract_plain(buf, len, out, err, errlen);
		goto done;
	}
	rr_doc_init(&doc);
	if (fmt == GK_FMT_HTML)
		e = gk_html_rows(buf, len, &doc, err, errlen);
	else
		e = gk_docx_rows(buf, len, &doc, err, errlen);
	if (e == GK_OK && doc.err != GK_OK)
		e = doc.err;
	if (e == GK_OK)
		e = extract_rows(&doc, out);
	rr_doc_free(&doc);
done:
	if (e != GK_OK && errlen && err[0] == '\0')
		snprintf(err, errlen, "%s", e == GK_ENOMEM ? "内存不足" :
		    e == GK_ELIMIT ? "提取的文本过长" : "无法读取文件");
	return e;
}
