/*
 * cli.h — shared pieces of the `gongkai` command: usage errors, file
 * reading, and the subcommand entry points.
 */
#ifndef GK_CLI_H
#define GK_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/calendar.h"
#include "core/gk.h"
#include "core/report_check.h"

#define GK_VERSION	"0.1.0"

/* Prints "gongkai: MSG" and a hint to stderr; returns 2 (bad usage). */
int	 cli_usage_error(const char *hint_cmd, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));
/* Reads a whole file ("-" is standard input), at most max bytes. Caller frees *out. */
enum gk_err cli_read_file(const char *path, size_t max, char **out, size_t *lenp);
/* Writes len bytes to path ("-" or NULL is standard output). */
enum gk_err cli_write_file(const char *path, const void *buf, size_t len);

/*
 * The database path: --db PATH (a global option before the command), else
 * $GONGKAI_DB, else ./gongkai.db.
 */
const char *cli_db_path(void);

/* 1 when s is -h or --help. */
int	 cli_is_help(const char *s);
/* The caller's "now" as ISO 8601 with offset; $GONGKAI_NOW overrides (tests). */
const char *cli_now(char *buf, size_t n);
/* Who acts: $GONGKAI_ACTOR, else "cli:$USER". */
const char *cli_actor(char *buf, size_t n);
/* Whole decimal numbers in [min, max]; ids are positive. 1 when valid. */
int	 cli_parse_int(const char *s, long long min, long long max, long long *out);
int	 cli_parse_id(const char *s, int64_t *out);

/*
 * The working-day calendar file: --calendar FILE, else $GONGKAI_CALENDAR,
 * else ./data/cn-holidays.tsv, else the installed copy.
 */
#define GK_CALENDAR_LOCAL	"data/cn-holidays.tsv"
#ifndef GK_CALENDAR_INSTALLED
#define GK_CALENDAR_INSTALLED	"/usr/local/share/gongkai/cn-holidays.tsv"
#endif
const char *cli_calendar_path(const char *opt);
/* Reads and parses the calendar; 0, or exit status 1 with the message printed. */
int	 cli_calendar_open(const char *path, struct calendar *cal);
/*
 * The same, with the holiday notices entered in the back office laid over
 * it (store/site.h gk_site_calendar_apply), for commands that count
 * deadlines on a database; 0, or exit status 1 with the message printed.
 */
struct gk_db;
int	 cli_calendar_open_db(const char *path, struct gk_db *db, struct calendar *cal);

/*
 * Opens the existing database (cli_db_path()) with GK_DB_EXISTING | flags
 * (store/db.h); NULL with "gongkai: ERR" printed on failure. Caller closes
 * it with gk_db_close().
 */
struct gk_db *cli_db_open(int flags);
/*
 * `CMD SUB [--agency ID]` (argv[0] CMD, argv[1] SUB): *agency is the id, or
 * 0 when not given. 0, or the usage error's exit status (2), printed with
 * the hint "CMD ".
 */
int	 cli_agency_only(int argc, char **argv, long long *agency);

/* Subcommands: argv[0] is the subcommand's name. Each returns the exit status. */
int	 cli_report(int argc, char **argv);	/* cli_report.c */
/* report generate|text|publish|snapshot; argv[0] is the subcommand. */
int	 cli_report_gen(int argc, char **argv);	/* cli_report_gen.c */
/* Prints rule findings one a line (report check, generate, publish). */
void	 cli_report_findings(FILE *f, const struct gk_findings *fs);	/* cli_report.c */
int	 cli_calendar(int argc, char **argv);	/* cli_calendar.c */
int	 cli_scan(int argc, char **argv);	/* cli_scan.c */
int	 cli_init(int argc, char **argv);	/* cli_store.c */
int	 cli_audit(int argc, char **argv);	/* cli_store.c */
int	 cli_backup(int argc, char **argv);	/* cli_store.c */
int	 cli_agency(int argc, char **argv);	/* cli_store.c */
int	 cli_user(int argc, char **argv);	/* cli_user.c */
int	 cli_item(int argc, char **argv);	/* cli_item.c */
/* `item attach|attachments|detach|download`; argv[0] is "item". */
int	 cli_item_attach(int argc, char **argv);	/* cli_attach.c */
/* `item link|unlink` (政策解读 ↔ 政策文件); argv[0] is "item". */
int	 cli_item_link(int argc, char **argv);	/* cli_interp.c */
int	 cli_demo(int argc, char **argv);	/* cli_demo.c */
int	 cli_apply(int argc, char **argv);	/* cli_apply.c */
int	 cli_case(int argc, char **argv);	/* cli_case.c */
int	 cli_figures(int argc, char **argv);	/* cli_figures.c */
int	 cli_ledger(int argc, char **argv);	/* cli_ledger.c */
int	 cli_archive(int argc, char **argv);	/* cli_archive.c */
int	 cli_consult(int argc, char **argv);	/* cli_consult.c */
int	 cli_site(int argc, char **argv);	/* cli_serve.c */
int	 cli_serve(int argc, char **argv);	/* cli_serve.c */
int	 cli_export(int argc, char **argv);	/* cli_export.c */
int	 cli_token(int argc, char **argv);	/* cli_token.c */
int	 cli_push(int argc, char **argv);	/* cli_push.c */
int	 cli_wechat(int argc, char **argv);	/* cli_wechat.c */
int	 cli_channels(int argc, char **argv);	/* cli_channels.c */
int	 cli_check(int argc, char **argv);	/* cli_check.c */
/* Today from $GONGKAI_NOW or the clock: 0, or exit status 1 with the message printed. */
int	 cli_today(int32_t *today);	/* cli_channels.c */
int	 cli_notice(int argc, char **argv);	/* cli_notice.c */

#endif
