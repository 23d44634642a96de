/*
 * cli_scan.c — `gongkai scan`: the confidentiality and personal-information
 * gate (core/scan.h) on TXT, HTML and DOCX files an officer is about to
 * publish. Thin layer: read the file, extract its text (report/extract.h),
 * scan it, print the findings with masked excerpts.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/scan.h"
#include "report/extract.h"
#include "report/report_io.h"

static const char scan_usage[] =
"用法: gongkai scan [--json] [--text] [--from FMT] FILE...\n"
"\n"
"The confidentiality and personal-information gate (保密和个人信息审查): lists\n"
"居民身份证号 (18 digits with a valid check digit, and old 15-digit numbers),\n"
"手机号码, 银行卡号 (Luhn), 电子邮箱 and 密级标识 (绝密/机密/秘密★, 内部资料,\n"
"不得公开, 注意保密, 涉密 … in a mark's position) in each file, with the line,\n"
"the column and an excerpt in which the value is masked (138****5678).\n"
"FILE is plain text (UTF-8), an HTML page or a DOCX file (detected), or -\n"
"for standard input. For HTML and DOCX a line is a paragraph or a table row\n"
"of the extracted text; --text shows that text. Rules: docs/scan.md.\n"
"\n"
"Options:\n"
"  --json       print one JSON object per file (an array): file, status,\n"
"               error, findings (kind, name, line, column, offset, length,\n"
"               masked, excerpt), truncated\n"
"  --text       print the extracted text with line numbers instead of scanning\n"
"  --from FMT   input format (default: detected): text, html, docx\n"
"  -h, --help   show this help\n"
"\n"
"Exit status: 0 nothing found; 1 something found; 2 a file could not be\n"
"read (or bad usage).\n";

struct sopts {
	int		 json, text;
	enum gk_fmt	 from;
	char		**files;
	int		 nfiles;
};

/* Returns -1 when the options are good, else the exit status. */
static int
scan_parse(int argc, char **argv, struct sopts *o)
{
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->nfiles++] = argv[i];
		} else if (strcmp(a, "--") == 0) {
			while (++i < argc)
				o->files[o->nfiles++] = argv[i];
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(scan_usage, stdout);
			return 0;
		} else if (strcmp(a, "--json") == 0) {
			o->json = 1;
		} else if (strcmp(a, "--text") == 0) {
			o->text = 1;
		} else if (strcmp(a, "--from") == 0 || strncmp(a, "--from=", 7) == 0) {
			const char *v = a[6] == '=' ? a + 7 : NULL;

			if (v == NULL) {
				if (i + 1 >= argc)
					return cli_usage_error("scan ", "scan: --from needs a value");
				v = argv[++i];
			}
			o->from = gk_fmt_from_name(v);
			if (o->from != GK_FMT_TEXT && o->from != GK_FMT_HTML && o->from != GK_FMT_DOCX)
				return cli_usage_error("scan ", "scan: unknown format '%s' (text, html, docx)", v);
		} else {
			return cli_usage_error("scan ", "scan: unknown option '%s'", a);
		}
	}
	if (o->nfiles == 0)
		return cli_usage_error("scan ", "scan: no FILE given");
	if (o->json && o->text)
		return cli_usage_error("scan ", "scan: --json and --text cannot be used together");
	return -1;
}

/* Reads and extracts one file; 0, or 2 with a Chinese message in err. */
static int
scan_load(const char *path, enum gk_fmt fmt, struct gk_buf *text, char *err, size_t errlen)
{
	char		*buf;
	size_t		 len;
	enum gk_err	 e;

	gk_buf_init(text, GK_EXTRACT_MAX);
	if ((e = cli_read_file(path, GK_REPORT_MAX_INPUT, &buf, &len)) != GK_OK) {
		snprintf(err, errlen, "%s", e == GK_ENOTFOUND ? "文件不存在" :
		    e == GK_ELIMIT ? "文件过大" : e == GK_ENOMEM ? "内存不足" : "无法读取文件");
		return 2;
	}
	e = gk_extract_text(buf, len, fmt, text, err, errlen);
	gk_free(buf);
	return e == GK_OK ? 0 : 2;
}

static json_t *
scan_json(const char *file, int status, const char *error, const struct scan_findings *fs)
{
	json_t	*o = json_object(), *a = json_array();
	size_t	 i;

	if (o == NULL || a == NULL) {
		json_decref(o);
		json_decref(a);
		return NULL;
	}
	json_object_set_new(o, "file", json_string(file));
	json_object_set_new(o, "status", json_integer(status));
	if (error != NULL)
		json_object_set_new(o, "error", json_string(error));
	for (i = 0; fs != NULL && i < fs->n; i++) {
		const struct scan_finding *f = &fs->v[i];
		json_t *x = json_object();

		if (x == NULL)
			break;
		json_object_set_new(x, "kind", json_string(scan_kind_id(f->kind)));
		json_object_set_new(x, "name", json_string(scan_kind_name(f->kind)));
		json_object_set_new(x, "line", json_integer((json_int_t)f->line));
		json_object_set_new(x, "column", json_integer((json_int_t)f->col));
		json_object_set_new(x, "offset", json_integer((json_int_t)f->offset));
		json_object_set_new(x, "length", json_integer((json_int_t)f->len));
		json_object_set_new(x, "masked", json_string(f->masked));
		json_object_set_new(x, "excerpt", json_string(f->excerpt));
		json_array_append_new(a, x);
	}
	json_object_set_new(o, "findings", a);
	json_object_set_new(o, "truncated", json_boolean(fs != NULL && fs->truncated));
	return o;
}

static void
scan_print_text(const struct gk_buf *t)
{
	const char	*p = t->data, *end = t->data + t->len, *nl;
	size_t		 line = 1;

	while (p < end) {
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		printf("%6zu\t%.*s\n", line++, (int)(nl - p), p);
		p = nl + 1;
	}
}

static void
scan_print(const char *file, const struct scan_findings *fs)
{
	size_t i;

	if (fs->n == 0) {
		printf("%s：未发现个人信息或密级标识\n", file);
		return;
	}
	printf("%s：%zu 处需要处理%s\n", file, fs->n,
	    fs->truncated ? "（仅列出前若干处，文件中还有更多）" : "");
	for (i = 0; i < fs->n; i++) {
		const struct scan_finding *f = &fs->v[i];

		printf("  第 %zu 行第 %zu 列  %s：%s\n", f->line, f->col,
		    scan_kind_name(f->kind), f->excerpt);
	}
}

int
cli_scan(int argc, char **argv)
{
	struct sopts		 o;
	struct scan_findings	 fs;
	struct gk_buf		 text;
	json_t			*all = NULL;
	char			 err[512];
	int			 rc = 0, st, i;

	memset(&o, 0, sizeof(o));
	if ((o.files = calloc((size_t)argc + 1, sizeof(char *))) == NULL) {
		fprintf(stderr, "gongkai: 内存不足\n");
		return 2;
	}
	if ((st = scan_parse(argc, argv, &o)) >= 0) {
		free(o.files);
		return st;
	}
	if (o.json && (all = json_array()) == NULL) {
		free(o.files);
		fprintf(stderr, "gongkai: 内存不足\n");
		return 2;
	}
	scan_findings_init(&fs);
	for (i = 0; i < o.nfiles; i++) {
		const char *file = o.files[i];

		err[0] = '\0';
		st = scan_load(file, o.from, &text, err, sizeof(err));
		if (st == 0 && o.text) {
			scan_print_text(&text);
		} else if (st == 0) {
			if (scan_text(text.data, text.len, &fs) != GK_OK) {
				snprintf(err, sizeof(err), "内存不足");
				st = 2;
			} else
				st = fs.n > 0 ? 1 : 0;
		}
		gk_buf_clear(&text);
		if (o.json)
			json_array_append_new(all, scan_json(file, st, st == 2 ? err : NULL,
			    st == 2 ? NULL : &fs));
		else if (st == 2)
			printf("%s：%s\n", file, err);
		else if (!o.text)
			scan_print(file, &fs);
		scan_findings_clear(&fs);
		if (st > rc)
			rc = st;
	}
	if (o.json) {
		char *s = json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (s == NULL) {
			fprintf(stderr, "gongkai: 内存不足\n");
			rc = 2;
		} else {
			puts(s);
			free(s);
		}
		json_decref(all);
	}
	free(o.files);
	return rc;
}
