/*
 * cli_report_gen.c — `gongkai report generate|text|publish|snapshot`: the annual
 * report built from the database (store/report_data.h), its narrative
 * texts, and publication as a frozen snapshot. Dispatched from
 * cli_report.c; argv[0] is the subcommand.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "core/report_gen.h"
#include "core/sha256.h"
#include "doc/doc.h"
#include "report/report_io.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/report_data.h"

struct gopts {
	const char	*agency, *gov, *section, *out, *file;
	int		 year;
	enum gk_fmt	 to;
};

/* 1 when w is one of the space-separated words of list. */
static int
has_word(const char *list, const char *w)
{
	size_t		 n = strlen(w);
	const char	*p = list;

	while ((p = strstr(p, w)) != NULL) {
		if ((p == list || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return 1;
		p++;
	}
	return 0;
}

/* Options of generate/text/publish/snapshot; -1 on success, else the exit status. */
static int
parse(int argc, char **argv, struct gopts *o, const char *allowed)
{
	int i;

	memset(o, 0, sizeof(*o));
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];

		if (cli_is_help(a))
			return cli_report(2, (char *[]){ "report", "--help", NULL });
		if (a[0] != '-' || strcmp(a, "-") == 0) {
			if (o->file != NULL || !has_word(allowed, "FILE"))
				return cli_usage_error("report ", "report %s: 多余的参数 '%s'", argv[0], a);
			o->file = a;
			continue;
		}
		if (!has_word(allowed, a) || strcmp(a, "FILE") == 0)
			return cli_usage_error("report ", "report %s: 未知选项 '%s'", argv[0], a);
		if (i + 1 >= argc)
			return cli_usage_error("report ", "report %s: %s 需要一个值", argv[0], a);
		if (strcmp(a, "--agency") == 0)
			o->agency = argv[++i];
		else if (strcmp(a, "--government") == 0)
			o->gov = argv[++i];
		else if (strcmp(a, "--section") == 0)
			o->section = argv[++i];
		else if (strcmp(a, "-o") == 0 || strcmp(a, "--out") == 0)
			o->out = argv[++i];
		else if (strcmp(a, "--to") == 0) {
			if ((o->to = gk_fmt_from_name(argv[++i])) == GK_FMT_AUTO)
				return cli_usage_error("report ", "report %s: 未知格式 '%s'（text, md, html, json, docx, xlsx, pdf）",
				    argv[0], argv[i]);
		} else if (strcmp(a, "--year") == 0) {
			long long y;

			if (!cli_parse_int(argv[++i], 2008, 2100, &y))
				return cli_usage_error("report ", "report %s: 年度无效 '%s'", argv[0], argv[i]);
			o->year = (int)y;
		}
	}
	if (o->year == 0)
		return cli_usage_error("report ", "report %s: 缺少 --year Y", argv[0]);
	return -1;
}

/*
 * An agency by id, 18-character code or exact name (a name held by two
 * agencies is refused). 0, or the exit status with the message printed.
 */
static int
resolve_agency(struct gk_db *db, const char *s, int64_t *id)
{
	struct gk_agency_list	l;
	char			err[256];
	size_t			i, hits = 0;

	if (cli_parse_id(s, id) && strlen(s) < GK_USCC_LEN)
		return 0;
	if (gk_agency_list(db, &l, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	for (i = 0; i < l.n; i++)
		if (strcmp(l.v[i].name, s) == 0 || strcmp(l.v[i].uscc, s) == 0) {
			*id = l.v[i].id;
			hits++;
		}
	gk_agency_list_free(&l);
	if (hits == 1)
		return 0;
	fprintf(stderr, "gongkai: %s“%s”%s\n", hits ? "有多个机构名为" : "没有机构",
	    s, hits ? "，请用编号" : "（用编号、统一社会信用代码或全称）");
	return 1;
}

/*
 * A binary format (DOCX, XLSX, PDF) is never written to a terminal: 1
 * (usage error printed) when it would be.
 */
static int
refuse_tty(enum gk_fmt to, const char *out)
{
	if (!gk_fmt_binary(to) || (out != NULL && strcmp(out, "-") != 0) || !isatty(STDOUT_FILENO))
		return 0;
	cli_usage_error("report ", "%s 是二进制格式，不能输出到终端，请用 --out FILE",
	    gk_fmt_name(to));
	return 1;
}

static int
open_db(int flags, struct gk_db **db)
{
	char err[512];

	if (gk_db_open_ex(cli_db_path(), GK_DB_EXISTING | flags, db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	return 0;
}

static int
cmd_generate(int argc, char **argv)
{
	struct gopts		 o;
	struct gk_db		*db = NULL;
	struct gk_report	 r;
	struct gk_findings	 fs;
	struct gk_buf		 b;
	char			 err[512] = "";
	int64_t			 id;
	size_t			 nsum = 0, nb;
	enum gk_err		 e;
	int			 rc;

	if ((rc = parse(argc, argv, &o, "--agency --government --year --to -o --out")) != -1)
		return rc;
	if ((o.agency == NULL) == (o.gov == NULL))
		return cli_usage_error("report ", "report generate: 需要 --agency NAME|ID 或 --government NAME|ID（二选一）");
	if (o.to == GK_FMT_AUTO)
		o.to = GK_FMT_TEXT;
	if (refuse_tty(o.to, o.out))
		return 2;
	if (open_db(GK_DB_READONLY, &db) != 0)
		return 1;
	if (resolve_agency(db, o.agency ? o.agency : o.gov, &id) != 0) {
		gk_db_close(db);
		return 1;
	}
	gk_findings_init(&fs);
	e = o.agency ? gk_report_build(db, id, o.year, &r, NULL, &fs, err, sizeof(err)) :
	    gk_report_build_government(db, id, o.year, &r, &nsum, &fs, err, sizeof(err));
	gk_db_close(db);
	if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err[0] ? err : gk_strerror(e));
		gk_findings_clear(&fs);
		return e == GK_EINVAL || e == GK_ENOTFOUND ? 2 : 1;
	}
	gk_buf_init(&b, 0);
	if ((e = gk_render(&r, o.to, &b)) != GK_OK || b.err != GK_OK) {
		fprintf(stderr, "gongkai: 无法生成 %s 格式的报告（%s）\n", gk_fmt_name(o.to),
		    gk_strerror(e != GK_OK ? e : b.err));
		rc = 1;
	} else if (gk_doc_save(o.out, b.data, b.len, gk_fmt_binary(o.to), err,
	    sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: 无法输出报告：%s\n", err);
		rc = 1;
	} else {
		nb = gk_gen_blocking(&fs);
		fprintf(stderr, "%s %d 年度（%s 版模板）", r.agency, r.year, gk_tpl_name(r.tpl));
		if (o.gov)
			fprintf(stderr, "，汇总 %zu 个机关", nsum);
		if (nb == 0)
			fprintf(stderr, "：勾稽关系一致，可以发布");
		else
			fprintf(stderr, "：%zu 项问题，不能发布", nb);
		if (fs.n > nb)
			fprintf(stderr, "，%zu 项警告", fs.n - nb);
		fputc('\n', stderr);
		cli_report_findings(stderr, &fs);
		rc = nb > 0;
	}
	gk_buf_clear(&b);
	gk_report_clear(&r);
	gk_findings_clear(&fs);
	return rc;
}

static int
cmd_publish(int argc, char **argv)
{
	struct gopts		 o;
	struct gk_db		*db = NULL;
	struct gk_findings	 fs;
	char			 err[512] = "", sha[GK_SHA256_HEXLEN + 1], now[64], actor[128];
	int64_t			 id;
	int			 rc, version = 0;
	enum gk_err		 e;

	if ((rc = parse(argc, argv, &o, "--agency --year")) != -1)
		return rc;
	if (o.agency == NULL)
		return cli_usage_error("report ", "report publish: 缺少 --agency NAME|ID");
	if (open_db(0, &db) != 0)
		return 1;
	if (resolve_agency(db, o.agency, &id) != 0) {
		gk_db_close(db);
		return 1;
	}
	gk_findings_init(&fs);
	e = gk_report_publish(db, cli_actor(actor, sizeof(actor)), id, o.year,
	    cli_now(now, sizeof(now)), &fs, &version, sha, err, sizeof(err));
	gk_db_close(db);
	if (e == GK_OK)
		printf("已发布 %d 年度报告第 %d 版（SHA-256 %s）\n", o.year, version, sha);
	else {
		fprintf(stderr, "gongkai: %s\n", err[0] ? err : gk_strerror(e));
		cli_report_findings(stderr, &fs);
	}
	gk_findings_clear(&fs);
	return e == GK_OK ? 0 : 1;
}

/* `report snapshot`: a published version, its hash checked, in any format. */
static int
cmd_snapshot(int argc, char **argv)
{
	struct gopts			 o;
	struct gk_db			*db = NULL;
	struct gk_report_snapshot	 s;
	struct gk_report		 r;
	struct gk_buf			 b;
	unsigned char			 d[GK_SHA256_LEN];
	char				 err[512] = "", hex[GK_SHA256_HEXLEN + 1];
	int64_t				 id;
	long long			 version = 0;
	int				 rc, i, j;
	char				*args[16];

	/* --version N is ours; the rest goes through parse(). */
	for (i = j = 0; i < argc && j < 15; i++) {
		if (strcmp(argv[i], "--version") == 0 && i + 1 < argc) {
			if (!cli_parse_int(argv[++i], 1, 1000000, &version))
				return cli_usage_error("report ", "report snapshot: 版本号无效 '%s'", argv[i]);
			continue;
		}
		args[j++] = argv[i];
	}
	if (i < argc)
		return cli_usage_error("report ", "report snapshot: 参数过多");
	args[j] = NULL;
	if ((rc = parse(j, args, &o, "--agency --year --to -o --out")) != -1)
		return rc;
	if (o.agency == NULL)
		return cli_usage_error("report ", "report snapshot: 缺少 --agency NAME|ID");
	if (refuse_tty(o.to, o.out))
		return 2;
	if (open_db(GK_DB_READONLY, &db) != 0)
		return 1;
	if (resolve_agency(db, o.agency, &id) != 0) {
		gk_db_close(db);
		return 1;
	}
	rc = gk_report_snapshot_get(db, id, o.year, (int)version, &s, err, sizeof(err)) != GK_OK;
	gk_db_close(db);
	if (rc) {
		fprintf(stderr, "gongkai: %s\n", err);
		return 1;
	}
	gk_sha256(s.json, strlen(s.json), d);
	gk_sha256_hex(d, hex);
	if (strcmp(hex, s.sha256) != 0) {
		fprintf(stderr, "gongkai: %d 年度报告第 %d 版的内容与发布时的 SHA-256 不符（已被改动）\n",
		    o.year, s.version);
		gk_report_snapshot_clear(&s);
		return 1;
	}
	fprintf(stderr, "%d 年度报告第 %d 版，%s 由 %s 发布，SHA-256 %s（一致）\n", o.year,
	    s.version, s.published_at, s.actor, s.sha256);
	gk_buf_init(&b, 0);
	err[0] = '\0';
	if (o.to == GK_FMT_AUTO || o.to == GK_FMT_JSON)
		rc = gk_doc_save(o.out, s.json, strlen(s.json), 0, err, sizeof(err)) != GK_OK;
	else if (gk_report_from_json(s.json, strlen(s.json), &r, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		err[0] = '\0';
		rc = 1;
	} else {
		rc = gk_render(&r, o.to, &b) != GK_OK || b.err != GK_OK ||
		    gk_doc_save(o.out, b.data, b.len, gk_fmt_binary(o.to), err,
		    sizeof(err)) != GK_OK;
		gk_report_clear(&r);
	}
	if (rc)
		fprintf(stderr, "gongkai: 无法输出报告%s%s\n", err[0] ? "：" : "", err);
	gk_buf_clear(&b);
	gk_report_snapshot_clear(&s);
	return rc;
}

static int
cmd_text(int argc, char **argv)
{
	struct gopts	 o;
	struct gk_db	*db = NULL;
	enum gk_narr	 sec = GK_NARR_OVERVIEW;
	char		 err[512] = "", now[64], actor[128], *buf = NULL;
	size_t		 len;
	int64_t		 id;
	int		 rc, set, n;
	enum gk_err	 e;

	if (argc < 2 || (strcmp(argv[1], "set") != 0 && strcmp(argv[1], "show") != 0))
		return cli_usage_error("report ", "report text: 需要 set 或 show");
	set = argv[1][1] == 'e';
	if ((rc = parse(argc - 1, argv + 1, &o, set ? "--agency --year --section FILE" :
	    "--agency --year --section")) != -1)
		return rc;
	if (o.agency == NULL || (set && (o.section == NULL || o.file == NULL)))
		return cli_usage_error("report ", "report text %s: %s", argv[1], set ?
		    "需要 --agency ID --year Y --section overview|problems|other FILE" :
		    "需要 --agency ID --year Y");
	if (o.section != NULL && !gk_report_section_from_name(o.section, &sec))
		return cli_usage_error("report ", "report text: 章节应为 overview、problems 或 other，而不是 '%s'",
		    o.section);
	if (set) {
		if ((e = cli_read_file(o.file, GK_GEN_TEXT_MAX, &buf, &len)) != GK_OK) {
			fprintf(stderr, "gongkai: %s: %s\n", o.file, e == GK_ENOTFOUND ? "文件不存在" :
			    e == GK_ELIMIT ? "文件过大" : "无法读取文件");
			return 1;
		}
	}
	if (open_db(set ? 0 : GK_DB_READONLY, &db) != 0) {
		gk_free(buf);
		return 1;
	}
	if (resolve_agency(db, o.agency, &id) != 0) {
		gk_db_close(db);
		gk_free(buf);
		return 1;
	}
	rc = 0;
	if (set) {
		e = gk_report_text_set(db, cli_actor(actor, sizeof(actor)), id, o.year, sec, buf,
		    len, cli_now(now, sizeof(now)), err, sizeof(err));
		if (e != GK_OK) {
			fprintf(stderr, "gongkai: %s\n", err);
			rc = 1;
		} else
			printf("已保存 %d 年度 %s 文本（%zu 字节）\n", o.year,
			    gk_report_section_name(sec), len);
	} else
		for (n = 0; n < GK_NARR__MAX; n++) {
			if (o.section != NULL && n != (int)sec)
				continue;
			e = gk_report_text_get(db, id, o.year, (enum gk_narr)n, &buf, err, sizeof(err));
			if (e == GK_ENOTFOUND && o.section == NULL) {
				printf("== %s ==\n（未录入）\n", gk_report_section_name((enum gk_narr)n));
				continue;
			}
			if (e != GK_OK) {
				fprintf(stderr, "gongkai: %s\n", err);
				rc = 1;
				break;
			}
			if (o.section == NULL)
				printf("== %s ==\n", gk_report_section_name((enum gk_narr)n));
			fputs(buf, stdout);
			if (buf[0] != '\0' && buf[strlen(buf) - 1] != '\n')
				fputc('\n', stdout);
			gk_free(buf);
			buf = NULL;
		}
	gk_free(buf);
	gk_db_close(db);
	return rc;
}

int
cli_report_gen(int argc, char **argv)
{
	if (strcmp(argv[0], "generate") == 0)
		return cmd_generate(argc, argv);
	if (strcmp(argv[0], "publish") == 0)
		return cmd_publish(argc, argv);
	if (strcmp(argv[0], "snapshot") == 0)
		return cmd_snapshot(argc, argv);
	return cmd_text(argc, argv);
}
