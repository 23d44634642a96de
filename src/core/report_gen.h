/*
 * report_gen.h — the annual report built from an agency's data: the counts
 * the store gathers for one agency-year (struct gk_gen_counts), the model
 * assembled from them (section 二 from items and entered figures, 三 from
 * applications, 四 from cases), and the narrative texts with placeholders
 * ({{name}}) filled from the same counts. docs/report-generate.md states
 * what every count means and every choice made.
 *
 * Problems are reported as findings (core/report_check.h) with rule ids of
 * their own ("gen.*"), so the CLI prints them with the rules' findings and
 * `report publish` refuses on either.
 *
 * Pure logic: no I/O.
 */
#ifndef GK_CORE_REPORT_GEN_H
#define GK_CORE_REPORT_GEN_H

#include <stddef.h>
#include <stdint.h>

#include "core/category.h"
#include "core/gk.h"
#include "core/interp.h"
#include "core/report.h"
#include "core/report_check.h"
#include "core/timeliness.h"

#define GK_GEN_NAME_MAX		64	/* bytes of a placeholder name or figure key, with NUL */
#define GK_GEN_FIGS_MAX		64	/* figure keys of one agency-year (or an aggregate) */
#define GK_GEN_CATS_MAX		64	/* top-level categories */
#define GK_GEN_TEXT_MAX		((size_t)256 * 1024)	/* bytes of one narrative text */

/* Rule ids of the generator's findings (static strings). */
#define GK_GEN_R_PLACEHOLDER	"gen.placeholder"	/* unknown or malformed {{…}} */
#define GK_GEN_R_VALUE		"gen.value"		/* a known placeholder without a value */
#define GK_GEN_R_FIGURE		"gen.figure"		/* a section-二 figure not entered */
#define GK_GEN_R_TEXT		"gen.text"		/* a narrative text not written */
#define GK_GEN_R_DATA		"gen.data"		/* stored data the tables cannot hold */
#define GK_GEN_R_BOUNDARY	"gen.boundary"		/* row 二 differs from last year's row 四 */

/* Figure values: kinds as the report cells (report.h). */
struct gk_gen_figkey {
	const char	*key;		/* "license", "admin_fee", … */
	enum gk_kind	 kind;		/* COUNT, AMOUNT (万元) or DELTA */
	int		 s2_2021;	/* enum gk_s2 cell of the 2021 template, -1: none */
	int		 s2_2019;	/* enum gk_s2 cell of the 2019 template, -1: none */
	const char	*label;		/* Chinese */
};

extern const struct gk_gen_figkey gk_gen_figkeys[];
extern const size_t gk_gen_nfigkeys;

/* The known key, or NULL (any other well-formed key is allowed). */
const struct gk_gen_figkey *gk_gen_figkey_find(const char *key);
/* A figure key: 1..63 bytes of [a-z0-9_.], starting with a letter. */
int		 gk_gen_figkey_valid(const char *key);
/*
 * Parses a figure value: a decimal number with at most 6 decimals (ASCII
 * digits, optional sign, no exponent), checked against the key's kind
 * (COUNT: a non-negative integer; AMOUNT: non-negative; DELTA: an integer;
 * unknown keys: any number). *out is value × GK_NUM_SCALE. GK_EINVAL with
 * a Chinese message.
 */
enum gk_err	 gk_gen_figure_parse(const char *key, const char *s, int64_t *out,
		    char *err, size_t errlen);

struct gk_gen_figure {
	char	 key[GK_GEN_NAME_MAX];
	int64_t	 value;		/* × GK_NUM_SCALE */
	int	 missing;	/* aggregates: how many summed agencies have not entered it */
};

struct gk_gen_cat {
	char	 name[CATEGORY_NAME_MAX];
	int64_t	 n;
};

/* Index into the 第二十条第（一）项 arrays. */
enum gk_gen_doc { GK_GEN_DOC_RULE = 0, GK_GEN_DOC_NORM, GK_GEN_DOC__MAX };

/*
 * Everything the report of one agency-year (or a sum of several) is built
 * from. Plain data; the store fills it (store/report_data.h).
 */
struct gk_gen_counts {
	int	 agencies;	/* how many agencies' counts were summed (1 for one agency) */
	/* 第二十条第（一）项, derived from items (docs/report-generate.md) */
	int64_t	 doc_issued[GK_GEN_DOC__MAX];	/* published, 成文日期 in the year */
	int64_t	 doc_repealed[GK_GEN_DOC__MAX];	/* 废止 with its date in the year */
	int64_t	 doc_inforce[GK_GEN_DOC__MAX];	/* 成文日期 by year end, not 废止/失效 by then */
	int64_t	 doc_published[GK_GEN_DOC__MAX];/* 2019: published in the year */
	int64_t	 doc_public[GK_GEN_DOC__MAX];	/* 2019: published by year end, not withdrawn */
	/* entered figures of the year */
	struct gk_gen_figure	 fig[GK_GEN_FIGS_MAX];
	size_t			 nfig;
	/* section 三: rows NEW, CARRIED_IN, the 2021 outcome leaves and CARRIED_OUT; columns NATURAL..OTHERORG */
	int64_t	 s3[GK_S3ROW__MAX][GK_S3_ALL];
	/* section 四: routes × results UPHELD..PENDING */
	int64_t	 s4[GK_S4ROUTE__MAX][GK_S4_TOTAL];
	/* items published in the year (政策解读 counted apart) */
	int64_t	 items_kind[CATEGORY_KIND__MAX];
	struct gk_gen_cat	 cat[GK_GEN_CATS_MAX];	/* by top-level category, interpretations included */
	size_t			 ncat;
	int64_t	 interp_form[INTERP_FORM__MAX];	/* interpretation items by form (one item may have several) */
	int64_t	 timed, on_time;	/* items (no 政策解读) published in the year with a due date; on time */
	/* fees (信息处理费) paid in the year, 分 */
	int64_t	 fees_fen;
	/* 监督保障 (store/supervision.h): trainings held in the year, their attendees, hours × 10;
	 * complaints received in the year, of which closed (with feedback) by its end */
	int64_t	 trainings, training_attendees, training_hours10;
	int64_t	 complaints, complaints_closed;
	/* items published in the year on the portal, the WeChat account and the 公示栏
	 * (store/channel.h gk_channel_year_counts; channels/channels.h order), for {{channels.*}} */
	int64_t	 channels[3];
	/* the agency's timeliness rules, for {{deadline.栏目}}; not summed (an aggregate keeps dst's) */
	struct timeliness_rules	 rules;
};

/* Zero counts, agencies 1, the default timeliness rules. */
void		 gk_gen_counts_init(struct gk_gen_counts *);
/* Adds src into dst (aggregation). GK_ELIMIT when the key or category lists overflow. */
enum gk_err	 gk_gen_counts_add(struct gk_gen_counts *dst, const struct gk_gen_counts *src);
/* Sets a figure (replacing one of the same key). GK_ELIMIT when full, GK_EINVAL for a bad key. */
enum gk_err	 gk_gen_counts_set_figure(struct gk_gen_counts *, const char *key, int64_t value);
const struct gk_gen_figure *gk_gen_counts_figure(const struct gk_gen_counts *, const char *key);
/* Adds n to a top-level category's count. GK_ELIMIT when full. */
enum gk_err	 gk_gen_counts_add_cat(struct gk_gen_counts *, const char *name, int64_t n);
/* Adds only the supervision counts (trainings, complaints) of src into dst. */
void		 gk_gen_counts_add_supervision(struct gk_gen_counts *dst,
		    const struct gk_gen_counts *src);
/*
 * 1 when every count of the tables is zero and no figure was entered
 * (nothing to report; the rules, trainings and complaints do not count).
 */
int		 gk_gen_counts_empty(const struct gk_gen_counts *);

/* The template of a year's report: 2021 from 2021 on, 2019 for 2019–2020; 0 before 2019. */
int		 gk_gen_tpl_for_year(int year, enum gk_tpl *);

/*
 * Builds the tables of year's report from counts into *out (initialised
 * here; the narrative stays NULL): section 二 from the derived counts and
 * the figures (a figure not entered is a BLANK cell and a gen.figure
 * finding naming its key; a 2019 delta cell likewise), section 三 and 四
 * from the counts, totals filled. GK_EINVAL for a year before 2019;
 * GK_ENOMEM when a finding cannot be added.
 */
enum gk_err	 gk_gen_assemble(const struct gk_gen_counts *, int year, const char *agency,
		    struct gk_report *out, struct gk_findings *fs);

/* The placeholders a narrative may use (fixed names; see also the prefixes below). */
struct gk_gen_placeholder {
	const char	*name;
	const char	*desc;		/* Chinese: what it counts */
};

extern const struct gk_gen_placeholder gk_gen_placeholders[];
extern const size_t gk_gen_nplaceholders;
/*
 * Prefixes followed by a name: "category." + top-level 栏目, "figure." +
 * figure key, "deadline." + 栏目 name or path (the working days of its
 * timeliness rule).
 */
#define GK_GEN_PH_CATEGORY	"category."
#define GK_GEN_PH_FIGURE	"figure."
#define GK_GEN_PH_DEADLINE	"deadline."

/*
 * The value of placeholder name for year and agency from counts, written
 * into buf. GK_OK; GK_ENOTFOUND when no placeholder has that name;
 * GK_EINVAL when it is known but has no value (a figure not entered, a
 * rate over nothing), with the reason in Chinese in why.
 */
enum gk_err	 gk_gen_value(const struct gk_gen_counts *, int year, const char *agency,
		    const char *name, char *buf, size_t n, char *why, size_t whylen);

/*
 * Expands the placeholders of text (len bytes) into *out (a NUL-terminated
 * string the caller frees with gk_free). Line ends are normalised to \n
 * and trailing blank lines and spaces removed. A placeholder is "{{",
 * optional spaces, a name, optional spaces, "}}"; every unknown name,
 * known name without a value, empty or unterminated placeholder adds a
 * finding in section `section` (1, 5 or 6) naming it and its line, and the
 * placeholder is kept verbatim in the output. Returns GK_OK (findings may
 * have been added), GK_EINVAL for text that is not UTF-8 or holds a NUL,
 * GK_ELIMIT above GK_GEN_TEXT_MAX, GK_ENOMEM.
 */
enum gk_err	 gk_gen_expand(const char *text, size_t len, const struct gk_gen_counts *,
		    int year, const char *agency, int section, char **out,
		    struct gk_findings *fs);

/* Findings that block publication: every one but warnings. */
size_t		 gk_gen_blocking(const struct gk_findings *);

#endif /* GK_CORE_REPORT_GEN_H */
