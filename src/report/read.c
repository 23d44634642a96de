/*
 * read.c — the one entry point for reading a report file in any supported
 * format: sniff the format, build rows with the format's reader, recognise
 * the report in the rows (JSON maps straight to the model), and the format
 * names shared by the CLI.
 */
#include <stdio.h>
#include <string.h>

#include "report/report_io.h"

static const char *const fmt_names[GK_FMT__MAX] = {
	"auto", "text", "md", "html", "docx", "json", "xlsx", "pdf",
};

const char *
gk_fmt_name(enum gk_fmt f)
{
	return (unsigned)f < GK_FMT__MAX ? fmt_names[f] : "?";
}

enum gk_fmt
gk_fmt_from_name(const char *s)
{
	int i;

	if (strcmp(s, "txt") == 0)
		return GK_FMT_TEXT;
	if (strcmp(s, "markdown") == 0)
		return GK_FMT_MD;
	if (strcmp(s, "htm") == 0)
		return GK_FMT_HTML;
	for (i = 1; i < GK_FMT__MAX; i++)
		if (strcmp(s, fmt_names[i]) == 0)
			return (enum gk_fmt)i;
	return GK_FMT_AUTO;
}

/* Case-insensitive search for an ASCII needle in the first n bytes. */
static int
has_tag(const char *p, size_t n, const char *needle)
{
	size_t i, k, nl = strlen(needle);

	for (i = 0; i + nl <= n; i++) {
		for (k = 0; k < nl; k++) {
			char c = p[i + k];

			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != needle[k])
				break;
		}
		if (k == nl)
			return 1;
	}
	return 0;
}

enum gk_fmt
gk_fmt_sniff(const void *buf, size_t len)
{
	const char	*p = buf;
	size_t		 i = 0, n = len < 4096 ? len : 4096;

	if (len >= 4 && memcmp(p, "PK\003\004", 4) == 0)
		return GK_FMT_DOCX;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\r' || p[i] == '\n'))
		i++;
	if (i < n && p[i] == '{')
		return GK_FMT_JSON;
	if (has_tag(p, n, "<html") || has_tag(p, n, "<!doctype html") ||
	    has_tag(p, n, "<table") || has_tag(p, n, "<body") || has_tag(p, n, "<p>"))
		return GK_FMT_HTML;
	return GK_FMT_TEXT;
}

enum gk_err
gk_report_read(const void *buf, size_t len, enum gk_fmt fmt, struct gk_report *out,
    char *err, size_t errlen)
{
	struct rr_doc	 doc;
	enum gk_err	 e;

	memset(out, 0, sizeof(*out));
	if (errlen)
		err[0] = '\0';
	if (len > GK_REPORT_MAX_INPUT) {
		snprintf(err, errlen, "文件过大（超过 %u 字节）", GK_REPORT_MAX_INPUT);
		return GK_ELIMIT;
	}
	if (fmt == GK_FMT_AUTO)
		fmt = gk_fmt_sniff(buf, len);
	if (fmt == GK_FMT_JSON)
		return gk_report_from_json(buf, len, out, err, errlen);
	if (fmt == GK_FMT_XLSX || fmt == GK_FMT_PDF) {
		snprintf(err, errlen, "不能读取 %s 格式的报告（只能生成）", gk_fmt_name(fmt));
		return GK_EINVAL;
	}
	rr_doc_init(&doc);
	switch (fmt) {
	case GK_FMT_HTML:
		e = gk_html_rows(buf, len, &doc, err, errlen);
		break;
	case GK_FMT_DOCX:
		e = gk_docx_rows(buf, len, &doc, err, errlen);
		break;
	default:
		e = gk_text_rows(buf, len, &doc, err, errlen);
		break;
	}
	if (e == GK_OK && doc.err != GK_OK)
		e = doc.err;
	if (e == GK_OK)
		e = rr_recognize(&doc, out, err, errlen);
	else if (errlen && err[0] == '\0')
		snprintf(err, errlen, "无法读取文件：%s", gk_strerror(e));
	rr_doc_free(&doc);
	if (e != GK_OK)
		gk_report_clear(out);
	return e;
}
