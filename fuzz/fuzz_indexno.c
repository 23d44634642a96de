/*
 * fuzz_indexno.c — libFuzzer target for 索引号 patterns. The input is a
 * pattern, a newline, and a candidate 索引号; the first byte also picks the
 * field values. What must hold: no crash, hang or over-read; every refusal
 * has a message; a candidate that parses reformats to exactly itself; a
 * 索引号 formatted from a valid pattern parses back, to the same fields
 * whenever the pattern has only one kind of variable-length part.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/indexno.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
reformat_equal(const char *pattern, const struct indexno_parsed *p, const char *want)
{
	struct indexno_fields	f;
	char			out[INDEXNO_MAX + 1], err[256];

	memset(&f, 0, sizeof(f));
	f.code = p->code;
	f.year = p->year;
	f.month = p->month;
	f.seq = p->seq;
	f.category = p->category;
	err[0] = '\0';
	if (indexno_format(pattern, &f, out, sizeof(out), err, sizeof(err)) != GK_OK)
		abort();	/* what parsed must format */
	if (strcmp(out, want) != 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const codes[] = { "11441700007280420Y", "000014349",
	    "01527918X", "A", "1234567890ABCDEFGHIJKLMNOPQRSTUV" };
	static const char *const cats[] = { "zcwj-gz", "gzdt", "x", "0-0", "abcdefghijklmnop" };
	static const int64_t seqs[] = { 1, 50, 99999, 100000, 999999999999LL, 7 };
	struct indexno_fields	 f;
	struct indexno_parsed	 p;
	char			*buf, *pattern, *cand, *nl, out[INDEXNO_MAX + 1], err[512];
	unsigned		 fields;
	enum gk_err		 e;
	uint8_t			 sel = size > 0 ? data[0] : 0;

	if (size > 0) {
		data++;
		size--;
	}
	if ((buf = malloc(size + 1)) == NULL)
		return 0;
	memcpy(buf, data, size);
	buf[size] = '\0';
	if (memchr(buf, '\0', size) != NULL) {
		free(buf);
		return 0;
	}
	pattern = buf;
	cand = "";
	if ((nl = strchr(buf, '\n')) != NULL) {
		*nl = '\0';
		cand = nl + 1;
	}

	err[0] = '\0';
	e = indexno_pattern_check(pattern, err, sizeof(err));
	if (e != GK_OK && err[0] == '\0')
		abort();

	/* An imported 索引号. */
	err[0] = '\0';
	if (indexno_parse(pattern, cand, &p, err, sizeof(err)) == GK_OK) {
		if (e != GK_OK)
			abort();
		reformat_equal(pattern, &p, cand);
	} else if (err[0] == '\0')
		abort();

	if (e != GK_OK) {
		free(buf);
		return 0;
	}

	/* A generated one. */
	memset(&f, 0, sizeof(f));
	f.code = codes[sel % 5];
	f.category = cats[(sel / 5) % 5];
	f.year = 1990 + sel % 50;
	f.month = 1 + sel % 12;
	f.seq = seqs[sel % 6];
	err[0] = '\0';
	if (indexno_format(pattern, &f, out, sizeof(out), err, sizeof(err)) != GK_OK) {
		if (err[0] == '\0')
			abort();
		free(buf);
		return 0;
	}
	if (strlen(out) > INDEXNO_MAX)
		abort();
	if (indexno_parse(pattern, out, &p, err, sizeof(err)) != GK_OK)
		abort();
	reformat_equal(pattern, &p, out);
	if (indexno_pattern_fields(pattern, &fields, NULL) != GK_OK)
		abort();
	if ((fields & (INDEXNO_F_CODE | INDEXNO_F_CATEGORY)) !=
	    (INDEXNO_F_CODE | INDEXNO_F_CATEGORY)) {
		if (p.seq != f.seq ||
		    ((fields & INDEXNO_F_YEAR) && p.year != f.year) ||
		    ((fields & INDEXNO_F_MONTH) && p.month != f.month) ||
		    ((fields & INDEXNO_F_CODE) && strcmp(p.code, f.code) != 0) ||
		    ((fields & INDEXNO_F_CATEGORY) && strcmp(p.category, f.category) != 0))
			abort();
	}
	free(buf);
	return 0;
}
