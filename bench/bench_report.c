/*
 * bench_report.c — throughput of the annual-report reader on one core:
 * gk_report_read + gk_report_check over an in-memory corpus of random
 * reports rendered as plain text and as DOCX, with a raw scan of the same
 * bytes timed in the same run (memchr line split for text, libzip open and
 * read of word/document.xml for DOCX) so the figures are ratios to a
 * reference on the same machine rather than absolute claims.
 *
 * Every parsed report is compared with its model once, outside the timed
 * loop; a mismatch exits 1. Speed never makes the benchmark fail.
 *
 * Usage: bench_report [-n reports] [-p passes] [-s seed]
 */
#define _GNU_SOURCE	/* sched_setaffinity, sched_getcpu */

#include <errno.h>
#include <inttypes.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <zip.h>

#include "core/gk.h"
#include "core/report.h"
#include "core/report_check.h"
#include "report/report_io.h"
#include "report_gen.h"

#define BENCH_TARGET_TEXT	5000.0	/* reports/s on one core (the target) */
#define BENCH_MIN_REPORTS	1000
#define BENCH_MAX_REPORTS	1000000
#define BENCH_MAX_PASSES	100
#define BENCH_SCAN_REPEAT	50	/* the text scan is ~1 ms: repeat it within a pass */

struct doc {
	char	*data;		/* owned (gk_buf_take) */
	size_t	 len;
};

struct corpus {
	struct gk_report	*model;		/* n models */
	struct doc		*text;		/* n text renderings */
	struct doc		*docx;		/* n DOCX packages, or NULL when skipped */
	size_t			 n;
	size_t			 text_bytes, docx_bytes;
};

static volatile uint64_t bench_sink;	/* keeps the reference scans from being optimised away */

static double	 bench_now(void);
static void	 bench_pin(void);
static int	 bench_opt(int, char **, size_t *, int *, uint64_t *);
static int	 bench_build(struct corpus *, uint64_t, char *, size_t);
static void	 bench_free(struct corpus *);
static size_t	 bench_distinct(const struct corpus *);
static int	 bench_verify(const struct corpus *, const struct doc *, enum gk_fmt);
static int	 bench_read_check(const struct doc *, size_t, enum gk_fmt);
static int	 bench_read_only(const struct doc *, size_t, enum gk_fmt);
static int	 bench_check_only(const struct corpus *);
static int	 bench_scan_text(const struct doc *, size_t);
static int	 bench_scan_docx(const struct doc *, size_t);
static double	 bench_best(int (*)(const struct corpus *, enum gk_fmt, int),
		    const struct corpus *, enum gk_fmt, int, int);
static int	 bench_run(const struct corpus *, enum gk_fmt, int);
static void	 bench_line(const char *, double, size_t, size_t);

/* Kinds of timed work bench_run dispatches on. */
enum {
	RUN_READ_CHECK,
	RUN_READ,
	RUN_CHECK,
	RUN_SCAN
};

static double
bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Pins the process to the core it is running on; failure only costs noise. */
static void
bench_pin(void)
{
	cpu_set_t	 set;
	int		 cpu = sched_getcpu();

	if (cpu < 0)
		cpu = 0;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set) == 0)
		printf("pinned to CPU %d\n", cpu);
	else
		printf("not pinned (sched_setaffinity: %s)\n", strerror(errno));
}

static int
bench_opt(int argc, char **argv, size_t *n, int *passes, uint64_t *seed)
{
	int		 i;
	char		*end;
	unsigned long long v;

	for (i = 1; i < argc; i++) {
		if (i + 1 >= argc || argv[i][0] != '-' || argv[i][1] == '\0' ||
		    argv[i][2] != '\0')
			return -1;
		errno = 0;
		v = strtoull(argv[i + 1], &end, 0);
		if (errno != 0 || *end != '\0' || end == argv[i + 1])
			return -1;
		switch (argv[i][1]) {
		case 'n':
			if (v < 1 || v > BENCH_MAX_REPORTS)
				return -1;
			*n = (size_t)v;
			break;
		case 'p':
			if (v < 1 || v > BENCH_MAX_PASSES)
				return -1;
			*passes = (int)v;
			break;
		case 's':
			*seed = (uint64_t)v;
			break;
		default:
			return -1;
		}
		i++;
	}
	return 0;
}

/*
 * Generates the models and renders each as text and DOCX. DOCX is dropped
 * (c->docx NULL, note in note) if the DOCX renderer fails on the first report.
 */
static int
bench_build(struct corpus *c, uint64_t seed, char *note, size_t notelen)
{
	struct gk_buf	 b;
	enum gk_err	 e;
	size_t		 i;

	note[0] = '\0';
	if ((c->model = gk_calloc(c->n, sizeof(*c->model))) == NULL ||
	    (c->text = gk_calloc(c->n, sizeof(*c->text))) == NULL ||
	    (c->docx = gk_calloc(c->n, sizeof(*c->docx))) == NULL) {
		fprintf(stderr, "bench: out of memory\n");
		return -1;
	}
	for (i = 0; i < c->n; i++) {
		gk_test_random_report(&c->model[i], &seed, 0);

		gk_buf_init(&b, 0);
		if ((e = gk_render_text(&c->model[i], &b)) != GK_OK || b.err != GK_OK) {
			fprintf(stderr, "bench: gk_render_text failed on report %zu: %s\n",
			    i, gk_strerror(e != GK_OK ? e : b.err));
			gk_buf_clear(&b);
			return -1;
		}
		c->text[i].data = gk_buf_take(&b, &c->text[i].len);
		c->text_bytes += c->text[i].len;

		if (c->docx == NULL)
			continue;
		gk_buf_init(&b, 0);
		if ((e = gk_render_docx(&c->model[i], &b)) != GK_OK || b.err != GK_OK ||
		    b.len == 0) {
			snprintf(note, notelen, "gk_render_docx failed on report %zu (%s): "
			    "DOCX skipped; rerun when the DOCX renderer has landed",
			    i, b.len == 0 && e == GK_OK ? "empty output" :
			    gk_strerror(e != GK_OK ? e : b.err));
			gk_buf_clear(&b);
			for (size_t k = 0; k < i; k++)
				gk_free(c->docx[k].data);
			gk_free(c->docx);
			c->docx = NULL;
			c->docx_bytes = 0;
			continue;
		}
		c->docx[i].data = gk_buf_take(&b, &c->docx[i].len);
		c->docx_bytes += c->docx[i].len;
	}
	return 0;
}

static void
bench_free(struct corpus *c)
{
	size_t i;

	for (i = 0; i < c->n; i++) {
		if (c->model != NULL)
			gk_report_clear(&c->model[i]);
		if (c->text != NULL)
			gk_free(c->text[i].data);
		if (c->docx != NULL)
			gk_free(c->docx[i].data);
	}
	gk_free(c->model);
	gk_free(c->text);
	gk_free(c->docx);
	memset(c, 0, sizeof(*c));
}

static int
bench_hash_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Number of distinct text renderings (FNV-1a 64 of each, sorted). */
static size_t
bench_distinct(const struct corpus *c)
{
	uint64_t	*h;
	size_t		 i, j, d;

	if ((h = gk_calloc(c->n, sizeof(*h))) == NULL)
		return 0;
	for (i = 0; i < c->n; i++) {
		uint64_t x = 0xcbf29ce484222325ULL;

		for (j = 0; j < c->text[i].len; j++) {
			x ^= (unsigned char)c->text[i].data[j];
			x *= 0x100000001b3ULL;
		}
		h[i] = x;
	}
	qsort(h, c->n, sizeof(*h), bench_hash_cmp);
	for (i = 0, d = 0; i < c->n; i++)
		if (i == 0 || h[i] != h[i - 1])
			d++;
	gk_free(h);
	return d;
}

/* Reads every document once and compares it with its model. */
static int
bench_verify(const struct corpus *c, const struct doc *docs, enum gk_fmt fmt)
{
	struct gk_report	 r;
	char			 err[256];
	size_t			 i;
	enum gk_err		 e;
	int			 bad = 0;

	for (i = 0; i < c->n; i++) {
		if ((e = gk_report_read(docs[i].data, docs[i].len, fmt, &r, err,
		    sizeof(err))) != GK_OK) {
			fprintf(stderr, "bench: %s report %zu not read: %s: %s\n",
			    gk_fmt_name(fmt), i, gk_strerror(e), err);
			bad++;
		} else if (!gk_report_equal(&r, &c->model[i])) {
			fprintf(stderr, "bench: %s report %zu read back differs from its model\n",
			    gk_fmt_name(fmt), i);
			bad++;
		}
		gk_report_clear(&r);
		if (bad >= 10)
			break;
	}
	return bad ? -1 : 0;
}

/* The timed work: read and check every document. */
static int
bench_read_check(const struct doc *docs, size_t n, enum gk_fmt fmt)
{
	struct gk_report	 r;
	struct gk_findings	 f;
	char			 err[256];
	size_t			 i;
	uint64_t		 nf = 0;

	for (i = 0; i < n; i++) {
		if (gk_report_read(docs[i].data, docs[i].len, fmt, &r, err,
		    sizeof(err)) != GK_OK)
			return -1;
		gk_findings_init(&f);
		if (gk_report_check(&r, &f) != GK_OK) {
			gk_findings_clear(&f);
			gk_report_clear(&r);
			return -1;
		}
		nf += f.n;
		gk_findings_clear(&f);
		gk_report_clear(&r);
	}
	bench_sink += nf;
	return 0;
}

/* Breakdown: the reader alone. */
static int
bench_read_only(const struct doc *docs, size_t n, enum gk_fmt fmt)
{
	struct gk_report	 r;
	char			 err[256];
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (gk_report_read(docs[i].data, docs[i].len, fmt, &r, err,
		    sizeof(err)) != GK_OK)
			return -1;
		bench_sink += (uint64_t)r.year;
		gk_report_clear(&r);
	}
	return 0;
}

/* Breakdown: the checker alone, on the models. */
static int
bench_check_only(const struct corpus *c)
{
	struct gk_findings	 f;
	size_t			 i;

	for (i = 0; i < c->n; i++) {
		gk_findings_init(&f);
		if (gk_report_check(&c->model[i], &f) != GK_OK) {
			gk_findings_clear(&f);
			return -1;
		}
		bench_sink += f.n;
		gk_findings_clear(&f);
	}
	return 0;
}

/* Reference for text: split every document into lines with memchr and strlen each line's bytes. */
static int
bench_scan_text(const struct doc *docs, size_t n)
{
	size_t		 i;
	uint64_t	 lines = 0, bytes = 0;

	for (i = 0; i < n; i++) {
		const char *p = docs[i].data, *end = p + docs[i].len, *nl;

		while (p < end) {
			if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
				nl = end;
			lines++;
			bytes += (uint64_t)(nl - p);
			p = nl + 1;
		}
		bytes += strlen(docs[i].data);	/* gk_buf data is NUL-terminated */
	}
	bench_sink += lines + bytes;
	return 0;
}

/* Reference for DOCX: open the package with libzip and read word/document.xml out. */
static int
bench_scan_docx(const struct doc *docs, size_t n)
{
	zip_error_t	 ze;
	zip_source_t	*src;
	zip_t		*za;
	zip_file_t	*zf;
	zip_stat_t	 st;
	char		*buf;
	zip_int64_t	 got;
	size_t		 i;
	int		 rc = 0;

	for (i = 0; i < n && rc == 0; i++) {
		zip_error_init(&ze);
		if ((src = zip_source_buffer_create(docs[i].data, docs[i].len, 0, &ze)) == NULL) {
			zip_error_fini(&ze);
			return -1;
		}
		if ((za = zip_open_from_source(src, ZIP_RDONLY, &ze)) == NULL) {
			zip_source_free(src);
			zip_error_fini(&ze);
			return -1;
		}
		zip_error_fini(&ze);
		zip_stat_init(&st);
		if (zip_stat(za, "word/document.xml", 0, &st) != 0 ||
		    (st.valid & ZIP_STAT_SIZE) == 0 || st.size > 64u * 1024 * 1024 ||
		    (zf = zip_fopen(za, "word/document.xml", 0)) == NULL) {
			zip_discard(za);
			return -1;
		}
		if ((buf = gk_malloc((size_t)st.size + 1)) == NULL) {
			zip_fclose(zf);
			zip_discard(za);
			return -1;
		}
		got = zip_fread(zf, buf, st.size);
		if (got < 0 || (zip_uint64_t)got != st.size)
			rc = -1;
		else
			bench_sink += (unsigned char)buf[got / 2];
		gk_free(buf);
		zip_fclose(zf);
		zip_discard(za);
	}
	return rc;
}

static int
bench_run(const struct corpus *c, enum gk_fmt fmt, int what)
{
	const struct doc *docs = fmt == GK_FMT_DOCX ? c->docx : c->text;

	switch (what) {
	case RUN_READ_CHECK:
		return bench_read_check(docs, c->n, fmt);
	case RUN_READ:
		return bench_read_only(docs, c->n, fmt);
	case RUN_CHECK:
		return bench_check_only(c);
	default:
		if (fmt == GK_FMT_DOCX)
			return bench_scan_docx(docs, c->n);
		for (int k = 0; k < BENCH_SCAN_REPEAT; k++)
			if (bench_scan_text(docs, c->n) != 0)
				return -1;
		return 0;
	}
}

/* One warm-up pass, then the best wall time of passes; negative on error. */
static double
bench_best(int (*fn)(const struct corpus *, enum gk_fmt, int), const struct corpus *c,
    enum gk_fmt fmt, int what, int passes)
{
	double	 best = -1, t0, t;
	int	 p;

	if (fn(c, fmt, what) != 0)
		return -1;
	for (p = 0; p < passes; p++) {
		t0 = bench_now();
		if (fn(c, fmt, what) != 0)
			return -1;
		t = bench_now() - t0;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

static void
bench_line(const char *what, double secs, size_t n, size_t bytes)
{
	printf("  %-28s %10.1f reports/s %9.2f MB/s  (%.4f s per corpus pass)\n", what,
	    (double)n / secs, (double)bytes / 1e6 / secs, secs);
}

int
main(int argc, char **argv)
{
	struct corpus	 c;
	struct rusage	 ru;
	char		 note[256];
	uint64_t	 seed = 2025;
	double		 t_text, t_text_read, t_check, t_text_scan;
	double		 t_docx = -1, t_docx_read = -1, t_docx_scan = -1;
	size_t		 distinct;
	int		 passes = 5, rc = 0;

	memset(&c, 0, sizeof(c));
	c.n = BENCH_MIN_REPORTS;
	if (bench_opt(argc, argv, &c.n, &passes, &seed) != 0) {
		fprintf(stderr, "usage: bench_report [-n reports] [-p passes] [-s seed]\n");
		return 2;
	}
	printf("bench_report: gk_report_read + gk_report_check, one core\n");
	bench_pin();

	if (bench_build(&c, seed, note, sizeof(note)) != 0) {
		bench_free(&c);
		return 1;
	}
	distinct = bench_distinct(&c);
	printf("corpus: %zu reports (%zu distinct texts), seed %" PRIu64 ", %d timed passes "
	    "after 1 warm-up, best pass reported\n", c.n, distinct, seed, passes);
	printf("  text: %.2f MB total, %.0f bytes/report\n",
	    (double)c.text_bytes / 1e6, (double)c.text_bytes / (double)c.n);
	if (c.docx != NULL)
		printf("  docx: %.2f MB total, %.0f bytes/report\n",
		    (double)c.docx_bytes / 1e6, (double)c.docx_bytes / (double)c.n);
	else
		printf("  docx: NOTE: %s\n", note);

	/* Correctness once, outside the timed loops. */
	if (bench_verify(&c, c.text, GK_FMT_TEXT) != 0) {
		fprintf(stderr, "bench: FAIL: text reports do not read back equal to their models\n");
		rc = 1;
	}
	if (c.docx != NULL && bench_verify(&c, c.docx, GK_FMT_DOCX) != 0) {
		fprintf(stderr, "bench: FAIL: DOCX reports do not read back equal to their models\n");
		rc = 1;
	}
	if (rc != 0) {
		bench_free(&c);
		return rc;
	}
	printf("verified: every report reads back equal to its model (gk_report_equal)\n");

	t_text = bench_best(bench_run, &c, GK_FMT_TEXT, RUN_READ_CHECK, passes);
	t_text_read = bench_best(bench_run, &c, GK_FMT_TEXT, RUN_READ, passes);
	t_check = bench_best(bench_run, &c, GK_FMT_TEXT, RUN_CHECK, passes);
	t_text_scan = bench_best(bench_run, &c, GK_FMT_TEXT, RUN_SCAN, passes) /
	    BENCH_SCAN_REPEAT;
	if (c.docx != NULL) {
		t_docx = bench_best(bench_run, &c, GK_FMT_DOCX, RUN_READ_CHECK, passes);
		t_docx_read = bench_best(bench_run, &c, GK_FMT_DOCX, RUN_READ, passes);
		t_docx_scan = bench_best(bench_run, &c, GK_FMT_DOCX, RUN_SCAN, passes);
	}
	if (t_text <= 0 || t_text_read <= 0 || t_check <= 0 || t_text_scan <= 0 ||
	    (c.docx != NULL && (t_docx <= 0 || t_docx_read <= 0 || t_docx_scan <= 0))) {
		fprintf(stderr, "bench: FAIL: a timed pass failed (read or check error)\n");
		bench_free(&c);
		return 1;
	}

	printf("text:\n");
	bench_line("read + check", t_text, c.n, c.text_bytes);
	bench_line("read only", t_text_read, c.n, c.text_bytes);
	bench_line("check only (on models)", t_check, c.n, c.text_bytes);
	bench_line("reference: memchr+strlen", t_text_scan, c.n, c.text_bytes);	/* per scan */
	printf("  parse + check is %.0fx the raw scan\n", t_text / t_text_scan);
	if (c.docx != NULL) {
		printf("docx:\n");
		bench_line("read + check", t_docx, c.n, c.docx_bytes);
		bench_line("read only", t_docx_read, c.n, c.docx_bytes);
		bench_line("reference: libzip read", t_docx_scan, c.n, c.docx_bytes);
		printf("  parse + check is %.1fx the raw libzip open + read of "
		    "word/document.xml\n", t_docx / t_docx_scan);
	} else
		printf("docx: skipped (%s)\n", note);

	if (getrusage(RUSAGE_SELF, &ru) == 0)
		printf("peak memory: %.1f MB (ru_maxrss, whole process incl. corpus)\n",
		    (double)ru.ru_maxrss / 1024.0);
	printf("target: >= %.0f text reports/s on one core: %s (%.0f reports/s, %.1fx the target)\n",
	    BENCH_TARGET_TEXT, (double)c.n / t_text >= BENCH_TARGET_TEXT ? "MET" : "NOT MET",
	    (double)c.n / t_text, (double)c.n / t_text / BENCH_TARGET_TEXT);
	bench_free(&c);
	return 0;
}
