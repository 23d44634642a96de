/*
 * fuzz_figures_csv.c — libFuzzer target for the figures CSV parser
 * (gk_figure_csv_parse) and, on the same bytes, the narrative placeholder
 * expansion (gk_gen_expand). What must hold: no crash, leak, hang or
 * over-read; a parse that is not refused for memory gives rows whose year,
 * key and value are valid and whose line numbers are increasing and within
 * the input, and problems in line order, each with a message; an
 * expansion of UTF-8 input succeeds with valid UTF-8 output and a finding
 * for every "{{" it did not replace.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/report_gen.h"
#include "store/figures.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

static void
check_csv(const char *buf, size_t len)
{
	struct gk_figure_csv	c;
	enum gk_err		e;
	size_t			i, lines = 1, prev = 0;

	for (i = 0; i < len; i++)
		lines += buf[i] == '\n';
	e = gk_figure_csv_parse(buf, len, &c);
	if (e == GK_EINVAL && c.nproblems == 0)
		abort();	/* a refusal says why */
	for (i = 0; i < c.n; i++) {
		const struct gk_figure_csv_row *r = &c.v[i];

		if (r->line <= prev || r->line > lines)
			abort();
		prev = r->line;
		if (r->year < GK_FIGURE_YEAR_MIN || r->year > GK_FIGURE_YEAR_MAX ||
		    !gk_gen_figkey_valid(r->key) || r->agency[0] == '\0')
			abort();
	}
	for (i = 0; i < c.nproblems; i++)
		if (c.problems[i].msg[0] == '\0' || c.problems[i].line == 0 ||
		    c.problems[i].line > lines || (i > 0 && c.problems[i].line < c.problems[i - 1].line))
			abort();
	gk_figure_csv_free(&c);
}

static void
check_expand(const char *buf, size_t len)
{
	struct gk_gen_counts	 c;
	struct gk_findings	 fs;
	char			*out = NULL;
	enum gk_err		 e;
	size_t			 opens = 0, i;

	gk_gen_counts_init(&c);
	c.timed = 3;
	c.on_time = 2;
	gk_gen_counts_set_figure(&c, "trainings", 10 * GK_NUM_SCALE);
	gk_gen_counts_add_cat(&c, "机构职能", 1);
	gk_findings_init(&fs);
	e = gk_gen_expand(buf, len, &c, 2025, "某局", 1, &out, &fs);
	if (e == GK_OK) {
		if (out == NULL || gk_utf8_check(out, strlen(out)) != strlen(out))
			abort();
		for (i = 0; out[i] != '\0'; i++)
			if (out[i] == '{' && out[i + 1] == '{') {
				opens++;
				i++;
			}
		/* every "{{" left in the output was reported (one finding may cover "{{{") */
		if (opens > 0 && fs.n == 0)
			abort();
	} else if (out != NULL)
		abort();
	gk_free(out);
	gk_findings_clear(&fs);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 1 << 16)
		return 0;
	check_csv((const char *)data, size);
	check_expand((const char *)data, size);
	return 0;
}
