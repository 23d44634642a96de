/*
 * report.h — the statutory annual report (政府信息公开工作年度报告) as data.
 *
 * The tables follow the national template 国办公开办函〔2021〕30号 and its
 * predecessor 国办公开办函〔2019〕60号 (2019 and 2020 reports). Every cell of
 * either template has a fixed place in struct gk_report; cells that the
 * report's template does not have are GK_CELL_ABSENT. The schema tables
 * (gk_s2_defs, gk_s3_rows, …) give each cell its verbatim Chinese labels, so
 * renderers, readers and the checker share one source of truth.
 *
 * Pure logic: no I/O.
 */
#ifndef GK_REPORT_H
#define GK_REPORT_H

#include <stdint.h>

#include "gk.h"

enum gk_tpl {
	GK_TPL_2021 = 0,	/* 国办公开办函〔2021〕30号, reports for 2021 on */
	GK_TPL_2019,		/* 国办公开办函〔2019〕60号, 2019 and 2020 reports */
	GK_TPL__MAX
};

const char	*gk_tpl_name(enum gk_tpl);	/* "2021" or "2019" */

/* Numbers are fixed point: the stored value is the number times GK_NUM_SCALE. */
#define GK_NUM_SCALE	1000000LL

enum gk_cell_state {
	GK_CELL_ABSENT = 0,	/* not a cell of this report's template */
	GK_CELL_NUM,		/* a number in num */
	GK_CELL_TEXT,		/* words standing for a value (2019 本年增/减: 未增未减) */
	GK_CELL_BLANK,		/* the cell is there but empty */
	GK_CELL_UNREADABLE	/* the cell is there but could not be read; raw text in text */
};

#define GK_CELL_TEXT_MAX	48

struct gk_cell {
	enum gk_cell_state	 state;
	int64_t			 num;	/* GK_CELL_NUM: value × GK_NUM_SCALE */
	char			 text[GK_CELL_TEXT_MAX]; /* TEXT/UNREADABLE: what was read; NUM: unit suffix such as "元", usually "" */
};

/* What a cell may hold; rules check it. */
enum gk_kind {
	GK_KIND_COUNT,		/* a non-negative integer */
	GK_KIND_AMOUNT,		/* a non-negative decimal (money) */
	GK_KIND_DELTA		/* 2019 本年增/减: a signed integer or words such as 未增未减 */
};

/*
 * Section 二: 主动公开政府信息情况 (条例第二十条 items). Cells of one table are
 * contiguous, row by row.
 */
enum gk_s2 {
	/* 2021 template */
	GK_S2_RULE_ISSUED, GK_S2_RULE_REPEALED, GK_S2_RULE_INFORCE,
	GK_S2_NORM_ISSUED, GK_S2_NORM_REPEALED, GK_S2_NORM_INFORCE,
	GK_S2_LICENSE,
	GK_S2_PENALTY,
	GK_S2_COERCION,
	GK_S2_FEE,		/* 行政事业性收费 本年收费金额, 万元 */
	/* 2019 template */
	GK_S2_19_RULE_MADE, GK_S2_19_RULE_PUBLISHED, GK_S2_19_RULE_TOTAL,
	GK_S2_19_NORM_MADE, GK_S2_19_NORM_PUBLISHED, GK_S2_19_NORM_TOTAL,
	GK_S2_19_LICENSE_PREV, GK_S2_19_LICENSE_DELTA, GK_S2_19_LICENSE_DECISIONS,
	GK_S2_19_SERVICE_PREV, GK_S2_19_SERVICE_DELTA, GK_S2_19_SERVICE_DECISIONS,
	GK_S2_19_PENALTY_PREV, GK_S2_19_PENALTY_DELTA, GK_S2_19_PENALTY_DECISIONS,
	GK_S2_19_COERCION_PREV, GK_S2_19_COERCION_DELTA, GK_S2_19_COERCION_DECISIONS,
	GK_S2_19_FEE_PREV, GK_S2_19_FEE_DELTA,
	GK_S2_19_PROCUREMENT_COUNT, GK_S2_19_PROCUREMENT_AMOUNT,
	GK_S2__MAX
};

struct gk_s2_table {
	enum gk_tpl	 tpl;
	const char	*caption;	/* 第二十条第（一）项 */
	int		 nrows, ncols;
	const char	*rows[2];	/* row labels */
	const char	*cols[3];	/* column headers after 信息内容 */
	enum gk_kind	 kinds[3];	/* per column */
	enum gk_s2	 first;		/* cell of row 0, column 0 */
};

#define GK_S2_TABLES	9
extern const struct gk_s2_table gk_s2_tables[GK_S2_TABLES];	/* 4 of 2021, then 5 of 2019 */
#define GK_S2_HEADER	"信息内容"

/* The table a section-二 cell belongs to, with its row and column. */
const struct gk_s2_table *gk_s2_locate(enum gk_s2, int *row, int *col);

/* Section 三: 收到和处理政府信息公开申请情况. */
enum gk_s3row {
	GK_S3_NEW,		/* 一、本年新收 */
	GK_S3_CARRIED_IN,	/* 二、上年结转 */
	GK_S3_OPEN,		/* (一) 予以公开 */
	GK_S3_PARTIAL,		/* (二) 部分公开 */
	GK_S3_DENY,		/* (三) 不予公开: group subtotal, only if a report writes one */
	GK_S3_DENY_SECRET, GK_S3_DENY_LAW, GK_S3_DENY_SAFETY, GK_S3_DENY_THIRD,
	GK_S3_DENY_INTERNAL, GK_S3_DENY_PROCESS, GK_S3_DENY_ENFORCEMENT, GK_S3_DENY_QUERY,
	GK_S3_NA,		/* (四) 无法提供: group subtotal */
	GK_S3_NA_NOTHELD, GK_S3_NA_MAKE, GK_S3_NA_UNCLEAR,
	GK_S3_NOPROC,		/* (五) 不予处理: group subtotal */
	GK_S3_NOPROC_PETITION, GK_S3_NOPROC_REPEAT, GK_S3_NOPROC_PUBLICATION,
	GK_S3_NOPROC_EXCESSIVE, GK_S3_NOPROC_CONFIRM,
	GK_S3_OTHER,		/* (六) 其他处理: the single row of 2019; a group subtotal in 2021 */
	GK_S3_OTHER_NOCORRECT, GK_S3_OTHER_NOFEE, GK_S3_OTHER_MISC,
	GK_S3_TOTAL,		/* (七) 总计 */
	GK_S3_CARRIED_OUT,	/* 四、结转下年度继续办理 */
	GK_S3ROW__MAX
};

enum gk_s3col {
	GK_S3_NATURAL,		/* 自然人 */
	GK_S3_BUSINESS,		/* 商业企业 */
	GK_S3_RESEARCH,		/* 科研机构 */
	GK_S3_NONPROFIT,	/* 社会公益组织 */
	GK_S3_LEGAL,		/* 法律服务机构 */
	GK_S3_OTHERORG,		/* 其他 */
	GK_S3_ALL,		/* 总计 */
	GK_S3COL__MAX
};

enum gk_s3role {
	GK_S3R_INTAKE,		/* 一 and 二: applications in */
	GK_S3R_OUTCOME,		/* a leaf of 三、本年度办理结果 */
	GK_S3R_GROUP,		/* a group label of 三 ((三)–(六)); a subtotal only if written */
	GK_S3R_TOTAL,		/* (七) 总计 */
	GK_S3R_CARRY_OUT	/* 四 */
};

struct gk_s3_rowdef {
	const char	*label;		/* verbatim, as printed in the seed's layout */
	enum gk_s3role	 role;
	enum gk_s3row	 group;		/* for leaves: their group row; else the row itself */
	unsigned	 tpls;		/* bit per template the row is a cell row of */
	const char	*id;		/* stable short id, used in JSON */
};

extern const struct gk_s3_rowdef gk_s3_rows[GK_S3ROW__MAX];
extern const char *const gk_s3_cols[GK_S3COL__MAX];	/* 自然人 … 总计 */
extern const char *const gk_s3_col_ids[GK_S3COL__MAX];
#define GK_S3_NOTE	"(本列数据的勾稽关系为: 第一项加第二项之和, 等于第三项加第四项之和)"
#define GK_TPLBIT(t)	(1u << (t))

/* Whether row r is a cell row of template t (group rows never are, except 2019's (六)). */
int	 gk_s3_row_in(enum gk_s3row r, enum gk_tpl t);

/* Section 四: 政府信息公开行政复议、行政诉讼情况, 15 cells. */
enum gk_s4route { GK_S4_RECON, GK_S4_SUIT_DIRECT, GK_S4_SUIT_AFTER, GK_S4ROUTE__MAX };
enum gk_s4res { GK_S4_UPHELD, GK_S4_CORRECTED, GK_S4_OTHER, GK_S4_PENDING, GK_S4_TOTAL, GK_S4RES__MAX };
extern const char *const gk_s4_routes[GK_S4ROUTE__MAX];	/* 行政复议, 未经复议直接起诉, 复议后起诉 */
extern const char *const gk_s4_results[GK_S4RES__MAX];	/* 结果维持 … 总计 */
extern const char *const gk_s4_route_ids[GK_S4ROUTE__MAX];
extern const char *const gk_s4_result_ids[GK_S4RES__MAX];

/* The narrative sections, kept as text (paragraphs separated by a blank line). */
enum gk_narr {
	GK_NARR_OVERVIEW,	/* 一、总体情况 */
	GK_NARR_PROBLEMS,	/* 五、存在的主要问题及改进情况 */
	GK_NARR_OTHER,		/* 六、其他需要报告的事项 */
	GK_NARR__MAX
};

/* Section headings, 一 to 六, as the template (and the seed) print them. */
extern const char *const gk_section_titles[6];

#define GK_AGENCY_MAX	256

struct gk_report {
	enum gk_tpl	 tpl;
	int		 year;			/* 0: unknown */
	char		 agency[GK_AGENCY_MAX];	/* "" : unknown */
	char		*narr[GK_NARR__MAX];	/* owned; NULL: section absent */
	struct gk_cell	 s2[GK_S2__MAX];
	struct gk_cell	 s3[GK_S3ROW__MAX][GK_S3COL__MAX];
	struct gk_cell	 s4[GK_S4ROUTE__MAX][GK_S4RES__MAX];
};

/*
 * Sets up an empty report of template tpl: every cell of the template is the
 * number 0, every other cell ABSENT, no narrative. Frees nothing: call on a
 * fresh struct or after gk_report_clear().
 */
void	 gk_report_init(struct gk_report *, enum gk_tpl tpl);
/* Frees what the report owns (the narrative) and zeroes it. */
void	 gk_report_clear(struct gk_report *);
/* Deep copy into dst (uninitialised). */
enum gk_err gk_report_copy(struct gk_report *dst, const struct gk_report *src);
/* Sets narrative section n to a copy of text (NULL removes it). */
enum gk_err gk_report_set_narr(struct gk_report *, enum gk_narr n, const char *text);

/* Whether a section-二 cell belongs to template t. */
int	 gk_s2_in(enum gk_s2, enum gk_tpl t);
enum gk_kind gk_s2_kind(enum gk_s2);

/* Cell helpers. */
void	 gk_cell_set_int(struct gk_cell *, int64_t v);
void	 gk_cell_set_num(struct gk_cell *, int64_t scaled);
void	 gk_cell_set_blank(struct gk_cell *);
void	 gk_cell_set_text(struct gk_cell *, enum gk_cell_state, const char *);
int	 gk_cell_equal(const struct gk_cell *, const struct gk_cell *);
/*
 * Writes the cell's value as it should be printed: the number in shortest
 * decimal form ("0", "12", "0.35", "-2") plus any unit, the text for TEXT and
 * UNREADABLE cells, "" for BLANK and ABSENT.
 */
void	 gk_cell_format(const struct gk_cell *, char *dst, size_t dstsize);

/*
 * Parses a cell as found in a published report: ASCII or full-width digits,
 * thousands separators, a sign, a decimal point, a unit (元, 万元, 件, 个, 条)
 * and surrounding spaces. Words that stand for zero change in a DELTA cell
 * (未增未减, 无变化, 持平) are kept as TEXT; "-", "—", "/" and "无" in a COUNT
 * or AMOUNT cell are unreadable (the template wants 0 written as 0). An
 * empty string is BLANK. Never fails: what it cannot read is UNREADABLE.
 */
void	 gk_cell_parse(struct gk_cell *, const char *s, size_t len, enum gk_kind);

/* Field-by-field equality (template, year, agency, narrative, every cell). */
int	 gk_report_equal(const struct gk_report *, const struct gk_report *);

/*
 * Fills the totals from the other cells: 总计 column of section 三 from the six
 * applicant columns, (七) 总计 from the outcome leaves, section 四 总计 from
 * its four results. Cells that are not numbers are left alone.
 */
void	 gk_report_fill_totals(struct gk_report *);

/*
 * Adds src into dst cell by cell (aggregation). Both must have the same
 * template. A cell that is not a number in either stays or becomes BLANK or
 * UNREADABLE as the worse of the two.
 */
enum gk_err gk_report_add(struct gk_report *dst, const struct gk_report *src);

#endif /* GK_REPORT_H */
