/*
 * cli_report.c — `gongkai report`: check published annual reports, convert
 * them between formats, aggregate several agencies' reports, list the rules.
 * Thin layer over src/report and src/core/report_check.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/report_check.h"
#include "report/findings_json.h"
#include "report/report_io.h"

static const char report_usage[] =
"用法: gongkai report COMMAND [OPTIONS] FILE...\n"
"\n"
"Annual reports (政府信息公开工作年度报告) in the national template\n"
"(国办公开办函〔2021〕30号; 2019/2020 reports in 国办公开办函〔2019〕60号).\n"
"Reads plain text (the seed's layout, pasted or extracted variants, Markdown\n"
"tables), HTML pages, DOCX files and gongkai's JSON; FILE may be - for stdin.\n"
"\n"
"Commands:\n"
"  check [--json] [--strict] [--from FMT] FILE...\n"
"        read each report and list every rule that fails, every blank and\n"
"        unreadable cell, and narrative figures the tables contradict.\n"
"        --json     print one JSON object per file (an array)\n"
"        --strict   count narrative warnings as failures\n"
"        Exit 0: consistent (warnings allowed unless --strict); 1: rule\n"
"        failures, blank or unreadable cells; 2: a file unreadable or its\n"
"        tables missing (often they were images).\n"
"  convert --to FMT [--from FMT] [-o OUT] FILE\n"
"        write the report in another format: text, md, html, json, docx,\n"
"        xlsx, pdf.\n"
"  aggregate --name NAME --year YEAR [--to FMT] [-o OUT] FILE...\n"
"        sum several agencies' reports cell by cell into one report (e.g. a\n"
"        government's over its departments): the inputs' findings first, then\n"
"        the result, checked. Output defaults to text on stdout.\n"
"  rules [--json]\n"
"        list the accounting rules with their ids.\n"
"\n"
"From the database (--db PATH; docs/report-generate.md):\n"
"  generate --agency NAME|ID --year Y [--to FMT] [-o|--out OUT]\n"
"        build the agency's report of year Y from its data: section 二 from\n"
"        items and entered figures, 三 from applications, 四 from cases, the\n"
"        narrative from its texts with {{placeholders}} filled in. The report\n"
"        goes to stdout (default text); the rules' findings, missing figures\n"
"        and texts and the year-boundary check go to stderr. Exit 0: it can\n"
"        be published; 1: problems (listed).\n"
"  generate --government NAME|ID --year Y [--to FMT] [-o|--out OUT]\n"
"        the sum of the reports of the agencies under it (and its own when it\n"
"        has data), with the government's own narrative texts.\n"
"  text set --agency ID --year Y --section overview|problems|other FILE\n"
"  text show --agency ID --year Y [--section S]\n"
"        store or show a narrative text (Markdown with placeholders).\n"
"  publish --agency ID --year Y\n"
"        build, check and, when nothing fails, store the report as a\n"
"        snapshot (JSON with its SHA-256, version n+1) with an audit entry.\n"
"  snapshot --agency NAME|ID --year Y [--version N] [--to FMT] [-o|--out OUT]\n"
"        a published version (default the latest), its SHA-256 checked;\n"
"        JSON as stored unless --to asks for another format.\n"
"\n"
"Options:\n"
"  --from FMT   input format (default: detected): text, md, html, docx, json\n"
"  --to FMT     output format: text, md, html, json, docx, xlsx, pdf\n"
"               (docs/documents.md; generate and snapshot write docx, xlsx\n"
"               and pdf only to a file: -o/--out)\n"
"  -o FILE      write to FILE instead of stdout\n"
"  -h, --help   show this help\n";


static const char *const sev_cn[GK_SEV__MAX] = {
	"错误", "空白", "无法识别", "无法核对", "警告",
};

struct ropts {
	int		 json, strict;
	enum gk_fmt	 from, to;
	const char	*out, *name;
	int		 year;
	char		**files;
	int		 nfiles;
};

/* Parses options shared by the subcommands; returns -1 on success or an exit status. */
static int
parse_opts(const char *sub, int argc, char **argv, struct ropts *o, const char *allowed)
{
	int i;

	memset(o, 0, sizeof(*o));
	o->files = calloc((size_t)argc + 1, sizeof(char *));
	if (o->files == NULL) {
		fprintf(stderr, "gongkai: out of memory\n");
		return 2;
	}
	for (i = 1; i < argc; i++) {
		char *a = argv[i], *val = NULL, *eq;
		char name[32];

		if (a[0] != '-' || strcmp(a, "-") == 0) {
			o->files[o->nfiles++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			while (++i < argc)
				o->files[o->nfiles++] = argv[i];
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			fputs(report_usage, stdout);
			return 0;
		}
		snprintf(name, sizeof(name), "%s", a);
		if ((eq = strchr(name, '=')) != NULL) {
			*eq = '\0';
			val = a + (eq - name) + 1;
		}
		if (strstr(allowed, name) == NULL ||
		    (strcmp(name, "-o") != 0 && strncmp(name, "--", 2) != 0))
			return cli_usage_error("report ", "report %s: unknown option '%s'", sub, a);
		if (strcmp(name, "--json") == 0 || strcmp(name, "--strict") == 0) {
			if (val != NULL)
				return cli_usage_error("report ", "report %s: %s takes no value", sub, name);
			if (name[2] == 'j')
				o->json = 1;
			else
				o->strict = 1;
			continue;
		}
		if (val == NULL) {
			if (i + 1 >= argc)
				return cli_usage_error("report ", "report %s: %s needs a value", sub, name);
			val = argv[++i];
		}
		if (strcmp(name, "--from") == 0 || strcmp(name, "--to") == 0) {
			enum gk_fmt f = gk_fmt_from_name(val);

			if (f == GK_FMT_AUTO)
				return cli_usage_error("report ", "report %s: unknown format '%s' (text, md, html, docx, json, xlsx, pdf)", sub, val);
			if (name[2] == 'f')
				o->from = f;
			else
				o->to = f;
		} else if (strcmp(name, "-o") == 0) {
			o->out = val;
		} else if (strcmp(name, "--name") == 0) {
			o->name = val;
		} else if (strcmp(name, "--year") == 0) {
			char *end;
			long y = strtol(val, &end, 10);

			if (*val == '\0' || *end != '\0' || y < 2008 || y > 2100)
				return cli_usage_error("report ", "report %s: bad year '%s'", sub, val);
			o->year = (int)y;
		}
	}
	return -1;
}

/* Reads and recognises one file; returns 0 or the exit status 2 with the message in err. */
static int
load(const char *path, enum gk_fmt fmt, struct gk_report *r, char *err, size_t errlen)
{
	char		*buf;
	size_t		 len;
	enum gk_err	 e;

	memset(r, 0, sizeof(*r));
	if ((e = cli_read_file(path, GK_REPORT_MAX_INPUT, &buf, &len)) != GK_OK) {
		snprintf(err, errlen, "%s", e == GK_ENOTFOUND ? "文件不存在" :
		    e == GK_ELIMIT ? "文件过大" : "无法读取文件");
		return 2;
	}
	e = gk_report_read(buf, len, fmt, r, err, errlen);
	gk_free(buf);
	return e == GK_OK ? 0 : 2;
}

void
cli_report_findings(FILE *f, const struct gk_findings *fs)
{
	size_t i;

	for (i = 0; i < fs->n; i++) {
		const struct gk_finding *x = &fs->v[i];

		fprintf(f, "  %s %s %s：%s", sev_cn[x->sev], x->rule, x->where, x->msg);
		if (x->has_expected && x->sev == GK_SEV_ERROR) {
			struct gk_cell c;
			char v[64];

			gk_cell_set_num(&c, x->expected);
			gk_cell_format(&c, v, sizeof(v));
			fprintf(f, "（应为 %s）", v);
		}
		fputc('\n', f);
	}
}

static void
print_summary(FILE *f, const char *file, const struct gk_report *r, const struct gk_findings *fs, int strict)
{
	size_t nwarn = gk_findings_count(fs, GK_SEV_WARNING);
	size_t nerr = fs->n - nwarn;

	fprintf(f, "%s：%s", file, r->agency[0] ? r->agency : "（未识别机关名称）");
	if (r->year)
		fprintf(f, " %d 年度", r->year);
	fprintf(f, "（%s 版模板）：", gk_tpl_name(r->tpl));
	if (gk_findings_status(fs, strict) == 0)
		fputs("勾稽关系一致", f);
	else
		fprintf(f, "%zu 项问题", nerr + (strict ? nwarn : 0));
	if (nwarn)
		fprintf(f, "，%zu 项警告", nwarn);
	fputc('\n', f);
}

static int
cmd_check(int argc, char **argv)
{
	struct ropts		 o;
	struct gk_report	 r;
	struct gk_findings	 fs;
	json_t			*all = NULL;
	char			 err[512];
	int			 i, st, worst = 0, rc;

	if ((rc = parse_opts("check", argc, argv, &o, "--json --strict --from")) != -1)
		goto out;
	if (o.nfiles == 0) {
		rc = cli_usage_error("report ", "report check: no FILE given");
		goto out;
	}
	if (o.json && (all = json_array()) == NULL) {
		rc = 2;
		goto out;
	}
	for (i = 0; i < o.nfiles; i++) {
		gk_findings_init(&fs);
		err[0] = '\0';
		if ((st = load(o.files[i], o.from, &r, err, sizeof(err))) == 0) {
			if (gk_report_check(&r, &fs) != GK_OK) {
				snprintf(err, sizeof(err), "检查中断：%s", gk_strerror(fs.err));
				st = 2;
			} else
				st = gk_findings_status(&fs, o.strict);
		}
		if (o.json)
			json_array_append_new(all, gk_check_json(o.files[i], st, err, &r, &fs));
		else if (err[0] != '\0')
			fprintf(stdout, "%s：无法读取：%s\n", o.files[i], err);
		else {
			print_summary(stdout, o.files[i], &r, &fs, o.strict);
			cli_report_findings(stdout, &fs);
		}
		if (st > worst)
			worst = st;
		gk_findings_clear(&fs);
		gk_report_clear(&r);
	}
	if (o.json) {
		char *s = json_dumps(all, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (s != NULL) {
			puts(s);
			free(s);
		}
		json_decref(all);
	}
	rc = worst;
out:
	free(o.files);
	return rc;
}

static int
emit(const struct gk_report *r, enum gk_fmt to, const char *out)
{
	struct gk_buf	b;
	enum gk_err	e;

	gk_buf_init(&b, 0);
	if ((e = gk_render(r, to, &b)) != GK_OK || b.err != GK_OK) {
		fprintf(stderr, "gongkai: cannot render %s: %s\n", gk_fmt_name(to),
		    gk_strerror(e != GK_OK ? e : b.err));
		gk_buf_clear(&b);
		return 2;
	}
	if (cli_write_file(out, b.data, b.len) != GK_OK) {
		fprintf(stderr, "gongkai: cannot write %s\n", out ? out : "stdout");
		gk_buf_clear(&b);
		return 2;
	}
	gk_buf_clear(&b);
	return 0;
}

static int
cmd_convert(int argc, char **argv)
{
	struct ropts		 o;
	struct gk_report	 r;
	char			 err[512];
	int			 rc;

	if ((rc = parse_opts("convert", argc, argv, &o, "--to --from -o")) != -1)
		goto out;
	if (o.to == GK_FMT_AUTO)
		rc = cli_usage_error("report ", "report convert: --to FORMAT is required");
	else if (o.nfiles != 1)
		rc = cli_usage_error("report ", "report convert: exactly one FILE expected");
	else if (load(o.files[0], o.from, &r, err, sizeof(err)) != 0) {
		fprintf(stderr, "gongkai: %s: %s\n", o.files[0], err);
		rc = 2;
	} else {
		rc = emit(&r, o.to, o.out);
		gk_report_clear(&r);
	}
out:
	free(o.files);
	return rc;
}

static int
cmd_aggregate(int argc, char **argv)
{
	struct ropts		 o;
	struct gk_report	 sum, r;
	struct gk_findings	 fs;
	char			 err[512];
	int			 i, rc, worst = 0, have = 0;

	memset(&sum, 0, sizeof(sum));
	if ((rc = parse_opts("aggregate", argc, argv, &o, "--name --year --to -o")) != -1)
		goto out;
	if (o.name == NULL || o.year == 0) {
		rc = cli_usage_error("report ", "report aggregate: --name NAME and --year YEAR are required");
		goto out;
	}
	if (o.nfiles == 0) {
		rc = cli_usage_error("report ", "report aggregate: no FILE given");
		goto out;
	}
	if (o.to == GK_FMT_AUTO)
		o.to = GK_FMT_TEXT;
	for (i = 0; i < o.nfiles; i++) {
		if (load(o.files[i], GK_FMT_AUTO, &r, err, sizeof(err)) != 0) {
			fprintf(stderr, "%s：无法读取：%s\n", o.files[i], err);
			worst = 2;
			continue;
		}
		gk_findings_init(&fs);
		gk_report_check(&r, &fs);
		print_summary(stderr, o.files[i], &r, &fs, 0);
		cli_report_findings(stderr, &fs);
		if (gk_findings_status(&fs, 0) > worst)
			worst = gk_findings_status(&fs, 0);
		gk_findings_clear(&fs);
		if (!have) {
			/* Every cell ABSENT: the first report's cells are copied in. */
			memset(&sum, 0, sizeof(sum));
			sum.tpl = r.tpl;
			have = 1;
		}
		if (gk_report_add(&sum, &r) != GK_OK) {
			fprintf(stderr, "%s：模板版本（%s）与前面的报告不同，不能相加\n",
			    o.files[i], gk_tpl_name(r.tpl));
			worst = 2;
		}
		gk_report_clear(&r);
	}
	if (worst == 2 || !have) {
		rc = 2;
		goto out;
	}
	gk_strlcpy_utf8(sum.agency, o.name, sizeof(sum.agency));
	sum.year = o.year;
	gk_findings_init(&fs);
	gk_report_check(&sum, &fs);
	fprintf(stderr, "汇总结果：");
	print_summary(stderr, o.name, &sum, &fs, 0);
	cli_report_findings(stderr, &fs);
	if (gk_findings_status(&fs, 0) > worst)
		worst = gk_findings_status(&fs, 0);
	gk_findings_clear(&fs);
	rc = emit(&sum, o.to, o.out);
	if (rc == 0)
		rc = worst;
out:
	gk_report_clear(&sum);
	free(o.files);
	return rc;
}

static int
cmd_rules(int argc, char **argv)
{
	struct ropts	o;
	size_t		i;
	int		rc;

	if ((rc = parse_opts("rules", argc, argv, &o, "--json")) != -1)
		goto out;
	if (o.nfiles) {
		rc = cli_usage_error("report ", "report rules: takes no FILE");
		goto out;
	}
	if (o.json) {
		json_t *a = json_array();
		char *s;

		for (i = 0; i < gk_nrules; i++)
			json_array_append_new(a, json_pack("{s:s, s:s, s:s}", "id", gk_rules[i].id,
			    "title", gk_rules[i].title, "basis", gk_rules[i].basis));
		if ((s = json_dumps(a, JSON_INDENT(2) | JSON_PRESERVE_ORDER)) != NULL) {
			puts(s);
			free(s);
		}
		json_decref(a);
	} else
		for (i = 0; i < gk_nrules; i++)
			printf("%-22s %s\n%-22s 依据：%s\n", gk_rules[i].id, gk_rules[i].title, "",
			    gk_rules[i].basis);
	rc = 0;
out:
	free(o.files);
	return rc;
}


int
cli_report(int argc, char **argv)
{
	const char *sub;

	if (argc < 2)
		return cli_usage_error("report ", "report: COMMAND expected (check, convert, aggregate, rules, generate, text, publish, snapshot)");
	sub = argv[1];
	if (strcmp(sub, "-h") == 0 || strcmp(sub, "--help") == 0 || strcmp(sub, "help") == 0) {
		fputs(report_usage, stdout);
		return 0;
	}
	if (strcmp(sub, "check") == 0)
		return cmd_check(argc - 1, argv + 1);
	if (strcmp(sub, "convert") == 0)
		return cmd_convert(argc - 1, argv + 1);
	if (strcmp(sub, "aggregate") == 0)
		return cmd_aggregate(argc - 1, argv + 1);
	if (strcmp(sub, "rules") == 0)
		return cmd_rules(argc - 1, argv + 1);
	if (strcmp(sub, "generate") == 0 || strcmp(sub, "text") == 0 ||
	    strcmp(sub, "publish") == 0 || strcmp(sub, "snapshot") == 0)
		return cli_report_gen(argc - 1, argv + 1);
	return cli_usage_error("report ", "report: unknown command '%s'", sub);
}
