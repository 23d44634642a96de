/*
 * report_gen.h — random report models for tests and benchmarks.
 */
#ifndef GK_REPORT_GEN_H
#define GK_REPORT_GEN_H

#include <stddef.h>
#include <stdint.h>

/* Deterministic PRNG for property tests (xorshift64*). */
uint64_t gk_test_rand(uint64_t *state);


#include "core/report.h"

/*
 * Fills r (uninitialised) with a random report that satisfies every rule of
 * its template: random counts, then the totals and the balance derived.
 * With odd set, some cells become BLANK, UNREADABLE or TEXT and amounts get
 * units, to exercise the renderers' and readers' handling of them (such a
 * model no longer passes the checker). Narrative paragraphs include
 * characters that need escaping in HTML, XML, Markdown and JSON.
 */
void	 gk_test_random_report(struct gk_report *r, uint64_t *seed, int odd);

/* Describes the first difference between two models (for failure messages). */
void	 gk_test_report_diff(const struct gk_report *a, const struct gk_report *b,
	    char *out, size_t n);

/*
 * The seed report's tables (all zeros, 2021 template) with an abridged
 * narrative, built by hand. Returns GK_ENOMEM (and a cleared r) on failure.
 */
enum gk_err gk_test_seed_model(struct gk_report *r);

#endif
