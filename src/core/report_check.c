/*
 * report_check.c — the accounting rules of the annual-report template
 * (国办公开办函〔2021〕30号, and 〔2019〕60号 for older reports) applied to a
 * struct gk_report. Every rule instance that fails, or cannot be verified
 * because a cell it needs is blank or unreadable, becomes a finding.
 * docs/report-rules.md explains each rule and the choices made where the
 * template is silent.
 */
#include <stdio.h>
#include <string.h>

#include "report_check.h"

const struct gk_rule gk_rules[] = {
	{ "S3-BALANCE", "每列：一、本年新收 + 二、上年结转 = 三、本年度办理结果(七)总计 + 四、结转下年度继续办理",
	  "表三注释“本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和”" },
	{ "S3-ROW-TOTAL", "每行：总计 = 自然人 + 商业企业 + 科研机构 + 社会公益组织 + 法律服务机构 + 其他",
	  "表三“总计”列的含义" },
	{ "S3-OUTCOME-TOTAL", "每列：(七)总计 = (一)至(六)各项办理结果之和",
	  "表三“(七)总计”的含义；部分公开只计一次（行标签注明）" },
	{ "S3-GROUP-SUM", "每列：(三)不予公开、(四)无法提供、(五)不予处理、(六)其他处理如填写小计，应等于其子项之和",
	  "模板中分组行不填数，只有子项填数；填写了小计的报告按此核对" },
	{ "S4-TOTAL", "行政复议、未经复议直接起诉、复议后起诉：总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
	  "表四“总计”的含义" },
	{ "CELL-NONNEG", "件数为非负整数", "件数不可能为负或带小数" },
	{ "S2-AMOUNT", "金额为非负数（行政事业性收费以万元计，可有小数）", "表二第二十条第（八）项列标题“本年收费金额（单位：万元）”" },
	{ "CELL-BLANK", "单元格不得空白：零应填写为 0", "模板要求每格填数；空白无法与 0 区分" },
	{ "CELL-UNREADABLE", "单元格内容无法识别为数字", "读取已发布报告时无法识别的单元格" },
	{ "NARR-APPLICATIONS", "正文所述本年收到的申请件数应与表三“一、本年新收”总计一致", "第一部分（二）依申请公开与表三" },
	{ "NARR-RECONSIDERATION", "正文所述行政复议件数应与表四“行政复议 总计”一致", "第一部分与表四" },
	{ "NARR-LITIGATION", "正文所述行政诉讼件数应与表四两类行政诉讼总计之和一致", "第一部分与表四" },
	{ "NARR-UPHELD", "正文称行政复议“均获维持”时，表四“结果维持”应等于“总计”", "第一部分与表四" },
};
const size_t gk_nrules = sizeof(gk_rules) / sizeof(gk_rules[0]);

static const char *const sev_names[GK_SEV__MAX] = {
	"error", "blank", "unreadable", "unverifiable", "warning",
};

const char *
gk_sev_name(enum gk_sev s)
{
	return (unsigned)s < GK_SEV__MAX ? sev_names[s] : "?";
}

void
gk_findings_init(struct gk_findings *f)
{
	memset(f, 0, sizeof(*f));
}

void
gk_findings_clear(struct gk_findings *f)
{
	gk_free(f->v);
	memset(f, 0, sizeof(*f));
}

struct gk_finding *
gk_findings_add(struct gk_findings *f, const char *rule, enum gk_sev sev)
{
	struct gk_finding *p;

	if (f->err != GK_OK)
		return NULL;
	if (f->n >= GK_FINDINGS_MAX) {
		f->err = GK_ELIMIT;
		return NULL;
	}
	if (f->n == f->cap) {
		size_t ncap = f->cap ? f->cap * 2 : 16;

		if ((p = gk_realloc(f->v, ncap * sizeof(*p))) == NULL) {
			f->err = GK_ENOMEM;
			return NULL;
		}
		f->v = p;
		f->cap = ncap;
	}
	p = &f->v[f->n++];
	memset(p, 0, sizeof(*p));
	p->rule = rule;
	p->sev = sev;
	p->at.row = p->at.col = -1;
	return p;
}

size_t
gk_findings_count(const struct gk_findings *f, enum gk_sev s)
{
	size_t i, n = 0;

	for (i = 0; i < f->n; i++)
		if (f->v[i].sev == s)
			n++;
	return n;
}

int
gk_findings_status(const struct gk_findings *f, int strict)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->v[i].sev != GK_SEV_WARNING || strict)
			return 1;
	return 0;
}

static const char *const cn_sections[6] = {
	"第一部分", "第二部分", "第三部分", "第四部分", "第五部分", "第六部分",
};

void
gk_place_describe(const struct gk_report *r, struct gk_place at, char *dst, size_t n)
{
	const struct gk_s2_table *t;
	int row, col;

	(void)r;
	if (at.section < 1 || at.section > 6) {
		snprintf(dst, n, "全文");
		return;
	}
	switch (at.section) {
	case 2:
		if (at.row >= 0 && (t = gk_s2_locate((enum gk_s2)at.row, &row, &col)) != NULL) {
			snprintf(dst, n, "%s %s %s × %s", cn_sections[1], t->caption,
			    t->rows[row], t->cols[col]);
			return;
		}
		break;
	case 3:
		if (at.row >= 0 && at.row < GK_S3ROW__MAX && at.col >= 0 && at.col < GK_S3COL__MAX) {
			snprintf(dst, n, "%s %s × %s", cn_sections[2],
			    gk_s3_rows[at.row].label, gk_s3_cols[at.col]);
			return;
		}
		if (at.row >= 0 && at.row < GK_S3ROW__MAX) {
			snprintf(dst, n, "%s %s", cn_sections[2], gk_s3_rows[at.row].label);
			return;
		}
		if (at.col >= 0 && at.col < GK_S3COL__MAX) {
			snprintf(dst, n, "%s “%s”列", cn_sections[2], gk_s3_cols[at.col]);
			return;
		}
		break;
	case 4:
		if (at.row >= 0 && at.row < GK_S4ROUTE__MAX && at.col >= 0 && at.col < GK_S4RES__MAX) {
			snprintf(dst, n, "%s %s × %s", cn_sections[3], gk_s4_routes[at.row],
			    gk_s4_results[at.col]);
			return;
		}
		if (at.row >= 0 && at.row < GK_S4ROUTE__MAX) {
			snprintf(dst, n, "%s %s", cn_sections[3], gk_s4_routes[at.row]);
			return;
		}
		break;
	}
	snprintf(dst, n, "%s", cn_sections[at.section - 1]);
}

/* Formats a fixed-point number for a message. */
static void
fmtnum(int64_t v, char *dst, size_t n)
{
	struct gk_cell c;

	gk_cell_set_num(&c, v);
	gk_cell_format(&c, dst, n);
}

struct checker {
	const struct gk_report	*r;
	struct gk_findings	*f;
};

static struct gk_finding *
add(struct checker *ck, const char *rule, enum gk_sev sev, int section, int row, int col)
{
	struct gk_finding *x;

	if ((x = gk_findings_add(ck->f, rule, sev)) == NULL)
		return NULL;
	x->at.section = section;
	x->at.row = row;
	x->at.col = col;
	gk_place_describe(ck->r, x->at, x->where, sizeof(x->where));
	return x;
}

/* Per-cell rules: blank, unreadable, sign, integrality. */
static void
check_cell(struct checker *ck, const struct gk_cell *c, enum gk_kind kind,
    int section, int row, int col)
{
	struct gk_finding	*x;
	char			 v[64];

	switch (c->state) {
	case GK_CELL_ABSENT:
	case GK_CELL_TEXT:
		return;
	case GK_CELL_BLANK:
		if ((x = add(ck, "CELL-BLANK", GK_SEV_BLANK, section, row, col)) != NULL)
			snprintf(x->msg, sizeof(x->msg), "单元格空白；零应填写为 0");
		return;
	case GK_CELL_UNREADABLE:
		if ((x = add(ck, "CELL-UNREADABLE", GK_SEV_UNREADABLE, section, row, col)) != NULL)
			snprintf(x->msg, sizeof(x->msg), "无法识别的内容“%s”", c->text);
		return;
	case GK_CELL_NUM:
		break;
	}
	/* Formatting is only for messages: done when a finding is made. */
	if (kind == GK_KIND_COUNT && (c->num < 0 || c->num % GK_NUM_SCALE != 0)) {
		gk_cell_format(c, v, sizeof(v));
		if ((x = add(ck, "CELL-NONNEG", GK_SEV_ERROR, section, row, col)) != NULL) {
			snprintf(x->msg, sizeof(x->msg), "件数应为非负整数，实为 %s", v);
			x->actual = c->num;
		}
	} else if (kind == GK_KIND_AMOUNT && c->num < 0) {
		gk_cell_format(c, v, sizeof(v));
		if ((x = add(ck, "S2-AMOUNT", GK_SEV_ERROR, section, row, col)) != NULL) {
			snprintf(x->msg, sizeof(x->msg), "金额应为非负数，实为 %s", v);
			x->actual = c->num;
		}
	} else if (kind == GK_KIND_DELTA && c->num % GK_NUM_SCALE != 0) {
		gk_cell_format(c, v, sizeof(v));
		if ((x = add(ck, "CELL-NONNEG", GK_SEV_ERROR, section, row, col)) != NULL) {
			snprintf(x->msg, sizeof(x->msg), "增减数应为整数，实为 %s", v);
			x->actual = c->num;
		}
	}
}

/*
 * An operand list for a sum rule. If any operand is not a number the rule is
 * unverifiable: one finding naming the first such cell.
 */
struct operand {
	const struct gk_cell	*c;
	const char		*name;
};

static int
operands_ok(struct checker *ck, const char *rule, const struct operand *ops, size_t n,
    int section, int row, int col, const char *what)
{
	struct gk_finding	*x;
	size_t			 i;

	for (i = 0; i < n; i++) {
		if (ops[i].c->state == GK_CELL_NUM || ops[i].c->state == GK_CELL_ABSENT)
			continue;
		if ((x = add(ck, rule, GK_SEV_UNVERIFIABLE, section, row, col)) != NULL)
			snprintf(x->msg, sizeof(x->msg), "%s无法核对：%s%s",
			    what, ops[i].name,
			    ops[i].c->state == GK_CELL_BLANK ? "空白" : "无法识别");
		return 0;
	}
	return 1;
}

static int64_t
opsum(const struct operand *ops, size_t n)
{
	int64_t s = 0;
	size_t i;

	for (i = 0; i < n; i++)
		if (ops[i].c->state == GK_CELL_NUM)
			s += ops[i].c->num;
	return s;
}

static void
check_s3(struct checker *ck)
{
	const struct gk_report	*r = ck->r;
	struct operand		 ops[GK_S3ROW__MAX + 2];
	struct gk_finding	*x;
	char			 what[160], a[32], b[32];
	int			 i, j, g;
	size_t			 n;
	int64_t			 lhs, rhs;

	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			check_cell(ck, &r->s3[i][j], GK_KIND_COUNT, 3, i, j);

	/* S3-ROW-TOTAL: every row, 总计 = the six applicant columns. */
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		if (r->s3[i][GK_S3_ALL].state == GK_CELL_ABSENT)
			continue;
		for (j = 0; j < GK_S3COL__MAX; j++) {
			ops[j].c = &r->s3[i][j];
			ops[j].name = gk_s3_cols[j];
		}
		snprintf(what, sizeof(what), "行合计");
		if (!operands_ok(ck, "S3-ROW-TOTAL", ops, GK_S3COL__MAX, 3, i, GK_S3_ALL, what))
			continue;
		lhs = opsum(ops, GK_S3_ALL);
		rhs = r->s3[i][GK_S3_ALL].num;
		if (lhs != rhs && (x = add(ck, "S3-ROW-TOTAL", GK_SEV_ERROR, 3, i, GK_S3_ALL)) != NULL) {
			fmtnum(lhs, a, sizeof(a));
			fmtnum(rhs, b, sizeof(b));
			snprintf(x->msg, sizeof(x->msg),
			    "总计应为六类申请人之和 %s，实填 %s", a, b);
			x->has_expected = 1;
			x->expected = lhs;
			x->actual = rhs;
		}
	}

	for (j = 0; j < GK_S3COL__MAX; j++) {
		/* S3-OUTCOME-TOTAL: (七) 总计 = every outcome row of the template. */
		n = 0;
		for (i = 0; i < GK_S3ROW__MAX; i++) {
			if (!gk_s3_row_in((enum gk_s3row)i, r->tpl))
				continue;
			if (gk_s3_rows[i].role != GK_S3R_OUTCOME && gk_s3_rows[i].role != GK_S3R_GROUP)
				continue;
			ops[n].c = &r->s3[i][j];
			ops[n++].name = gk_s3_rows[i].label;
		}
		ops[n].c = &r->s3[GK_S3_TOTAL][j];
		ops[n].name = gk_s3_rows[GK_S3_TOTAL].label;
		if (operands_ok(ck, "S3-OUTCOME-TOTAL", ops, n + 1, 3, GK_S3_TOTAL, j, "(七)总计")) {
			lhs = opsum(ops, n);
			rhs = r->s3[GK_S3_TOTAL][j].num;
			if (lhs != rhs && (x = add(ck, "S3-OUTCOME-TOTAL", GK_SEV_ERROR, 3, GK_S3_TOTAL, j)) != NULL) {
				fmtnum(lhs, a, sizeof(a));
				fmtnum(rhs, b, sizeof(b));
				snprintf(x->msg, sizeof(x->msg),
				    "(七)总计应为各项办理结果之和 %s，实填 %s", a, b);
				x->has_expected = 1;
				x->expected = lhs;
				x->actual = rhs;
			}
		}

		/* S3-BALANCE: 一 + 二 = (七) + 四. */
		ops[0].c = &r->s3[GK_S3_NEW][j];
		ops[0].name = "一、本年新收";
		ops[1].c = &r->s3[GK_S3_CARRIED_IN][j];
		ops[1].name = "二、上年结转";
		ops[2].c = &r->s3[GK_S3_TOTAL][j];
		ops[2].name = "(七)总计";
		ops[3].c = &r->s3[GK_S3_CARRIED_OUT][j];
		ops[3].name = "四、结转下年度";
		if (operands_ok(ck, "S3-BALANCE", ops, 4, 3, -1, j, "勾稽关系")) {
			lhs = ops[0].c->num + ops[1].c->num;
			rhs = ops[2].c->num + ops[3].c->num;
			if (lhs != rhs && (x = add(ck, "S3-BALANCE", GK_SEV_ERROR, 3, -1, j)) != NULL) {
				char c0[32], c1[32], c2[32], c3[32];

				fmtnum(ops[0].c->num, c0, sizeof(c0));
				fmtnum(ops[1].c->num, c1, sizeof(c1));
				fmtnum(ops[2].c->num, c2, sizeof(c2));
				fmtnum(ops[3].c->num, c3, sizeof(c3));
				fmtnum(lhs, a, sizeof(a));
				fmtnum(rhs, b, sizeof(b));
				snprintf(x->msg, sizeof(x->msg),
				    "一、本年新收 %s + 二、上年结转 %s = %s，但 (七)总计 %s + 四、结转下年度 %s = %s",
				    c0, c1, a, c2, c3, b);
				x->has_expected = 1;
				x->expected = lhs;
				x->actual = rhs;
			}
		}

		/* S3-GROUP-SUM: a subtotal written on a group row. */
		for (g = 0; g < GK_S3ROW__MAX; g++) {
			if (gk_s3_rows[g].role != GK_S3R_GROUP || gk_s3_row_in((enum gk_s3row)g, r->tpl))
				continue;
			if (r->s3[g][j].state == GK_CELL_ABSENT)
				continue;
			n = 0;
			for (i = 0; i < GK_S3ROW__MAX; i++)
				if (gk_s3_rows[i].role == GK_S3R_OUTCOME && gk_s3_rows[i].group == (enum gk_s3row)g &&
				    gk_s3_row_in((enum gk_s3row)i, r->tpl)) {
					ops[n].c = &r->s3[i][j];
					ops[n++].name = gk_s3_rows[i].label;
				}
			ops[n].c = &r->s3[g][j];
			ops[n].name = gk_s3_rows[g].label;
			if (!operands_ok(ck, "S3-GROUP-SUM", ops, n + 1, 3, g, j, "小计"))
				continue;
			lhs = opsum(ops, n);
			rhs = r->s3[g][j].num;
			if (lhs != rhs && (x = add(ck, "S3-GROUP-SUM", GK_SEV_ERROR, 3, g, j)) != NULL) {
				fmtnum(lhs, a, sizeof(a));
				fmtnum(rhs, b, sizeof(b));
				snprintf(x->msg, sizeof(x->msg), "小计应为子项之和 %s，实填 %s", a, b);
				x->has_expected = 1;
				x->expected = lhs;
				x->actual = rhs;
			}
		}
	}
}

static void
check_s4(struct checker *ck)
{
	const struct gk_report	*r = ck->r;
	struct operand		 ops[GK_S4RES__MAX];
	struct gk_finding	*x;
	char			 a[32], b[32];
	int			 i, j;
	int64_t			 lhs, rhs;

	for (i = 0; i < GK_S4ROUTE__MAX; i++) {
		for (j = 0; j < GK_S4RES__MAX; j++) {
			check_cell(ck, &r->s4[i][j], GK_KIND_COUNT, 4, i, j);
			ops[j].c = &r->s4[i][j];
			ops[j].name = gk_s4_results[j];
		}
		if (!operands_ok(ck, "S4-TOTAL", ops, GK_S4RES__MAX, 4, i, GK_S4_TOTAL, "总计"))
			continue;
		lhs = opsum(ops, GK_S4_TOTAL);
		rhs = r->s4[i][GK_S4_TOTAL].num;
		if (lhs != rhs && (x = add(ck, "S4-TOTAL", GK_SEV_ERROR, 4, i, GK_S4_TOTAL)) != NULL) {
			fmtnum(lhs, a, sizeof(a));
			fmtnum(rhs, b, sizeof(b));
			snprintf(x->msg, sizeof(x->msg),
			    "%s总计应为维持、纠正、其他、尚未审结之和 %s，实填 %s",
			    gk_s4_routes[i], a, b);
			x->has_expected = 1;
			x->expected = lhs;
			x->actual = rhs;
		}
	}
}

static void
check_s2(struct checker *ck)
{
	int i;

	for (i = 0; i < GK_S2__MAX; i++)
		check_cell(ck, &ck->r->s2[i], gk_s2_kind((enum gk_s2)i), 2, i, -1);
}

/* ---- narrative cross-checks ---- */

static size_t
u8len(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		return 2;
	if ((c & 0xF0) == 0xE0)
		return 3;
	return 4;
}

/* Parses a count written in ASCII digits or simple Chinese numerals (零…九十九). */
static int
read_count(const char *s, const char *end, int64_t *out, const char **after)
{
	static const char *const cn[] = { "零", "一", "二", "三", "四", "五", "六", "七", "八", "九" };
	int64_t v = 0;
	int nd = 0, k, tens = -1;

	while (s < end && *s >= '0' && *s <= '9' && nd < 12) {
		v = v * 10 + (*s - '0');
		s++;
		nd++;
	}
	if (nd == 0) {
		for (;;) {
			int hit = 0;

			if (s + 3 <= end && memcmp(s, "十", 3) == 0) {
				tens = nd == 0 ? 1 : (int)v;
				v = 0;
				s += 3;
				nd++;
				continue;
			}
			if (s + 3 <= end && memcmp(s, "两", 3) == 0) {
				v = 2;
				s += 3;
				nd++;
				continue;
			}
			for (k = 0; k < 10; k++)
				if (s + 3 <= end && memcmp(s, cn[k], 3) == 0) {
					v = v * 10 + k;
					s += 3;
					nd++;
					hit = 1;
					break;
				}
			if (!hit)
				break;
		}
		if (tens >= 0)
			v = tens * 10 + v;
	}
	if (nd == 0)
		return 0;
	while (s < end && *s == ' ')
		s++;
	if (!(s + 3 <= end && (memcmp(s, "件", 3) == 0 || memcmp(s, "起", 3) == 0 ||
	    memcmp(s, "宗", 3) == 0 || memcmp(s, "个", 3) == 0)))
		return 0;
	*out = v;
	if (after)
		*after = s + 3;
	return 1;
}

static const char *
memfind(const char *h, const char *end, const char *needle)
{
	size_t n = strlen(needle);

	for (; h + n <= end; h++)
		if (memcmp(h, needle, n) == 0)
			return h;
	return NULL;
}

/*
 * The count stated right after keyword kw in [s, end): the keyword, then at
 * most 8 characters (such as 案件, 共, 数量为), then a number and 件.
 */
static int
count_after(const char *s, const char *end, const char *kw, int64_t *out)
{
	const char *p = s, *q;
	int k;

	while ((p = memfind(p, end, kw)) != NULL) {
		q = p + strlen(kw);
		for (k = 0; k <= 8 && q < end; k++) {
			if (read_count(q, end, out, NULL))
				return 1;
			if (*q == 0 || (end - q >= 3 && memcmp(q, "，", 3) == 0) || *q == ',')
				break;
			q += u8len(q);
		}
		p += strlen(kw);
	}
	return 0;
}

static int
sentence_has(const char *s, const char *end, const char *kw)
{
	return memfind(s, end, kw) != NULL;
}

static void
narr_warn(struct checker *ck, const char *rule, const char *s, const char *end,
    int64_t said, int64_t table, const char *tablewhere)
{
	struct gk_finding	*x;
	char			 quote[200];
	size_t			 n = (size_t)(end - s);
	char			 a[32], b[32];

	if ((x = add(ck, rule, GK_SEV_WARNING, 1, -1, -1)) == NULL)
		return;
	if (n >= sizeof(quote))
		n = sizeof(quote) - 1;
	memcpy(quote, s, n);
	quote[n] = '\0';
	gk_strlcpy_utf8(quote, quote, sizeof(quote));
	fmtnum(said * GK_NUM_SCALE, a, sizeof(a));
	fmtnum(table, b, sizeof(b));
	snprintf(x->msg, sizeof(x->msg), "正文称“%s”（%s件），而%s为 %s", quote, a, tablewhere, b);
	x->has_expected = 1;
	x->expected = table;
	x->actual = said * GK_NUM_SCALE;
}

static int
is_sentence_end(const char *p)
{
	/* strncmp, not memcmp: p may be the last byte of the string. */
	return *p == '\n' || strncmp(p, "。", 3) == 0 || strncmp(p, "；", 3) == 0 ||
	    *p == ';' || strncmp(p, "！", 3) == 0;
}

static int
is_clause_end(const char *p)
{
	return is_sentence_end(p) || strncmp(p, "，", 3) == 0 || *p == ',';
}

/*
 * Compares figures stated in section 一 with the tables. Counts are read per
 * clause (so "收到申请26件，上年结转2件" gives 26 for new applications);
 * "均获维持" is looked for in the sentence that names 行政复议.
 */
static void
check_narrative(struct checker *ck)
{
	const struct gk_report	*r = ck->r;
	const char		*text = r->narr[GK_NARR_OVERVIEW];
	const char		*s, *e, *c, *ce, *end;
	const struct gk_cell	*news = &r->s3[GK_S3_NEW][GK_S3_ALL];
	const struct gk_cell	*rec = &r->s4[GK_S4_RECON][GK_S4_TOTAL];
	const struct gk_cell	*up = &r->s4[GK_S4_RECON][GK_S4_UPHELD];
	const struct gk_cell	*l1 = &r->s4[GK_S4_SUIT_DIRECT][GK_S4_TOTAL];
	const struct gk_cell	*l2 = &r->s4[GK_S4_SUIT_AFTER][GK_S4_TOTAL];
	int64_t			 v;
	int			 done_app = 0, done_rec = 0, done_lit = 0, done_up = 0;

	if (text == NULL)
		return;
	end = text + strlen(text);
	for (s = text; s < end; s = e) {
		for (e = s; e < end && !is_sentence_end(e); e += u8len(e))
			;
		if (e < end)
			e += u8len(e);
		for (c = s; c < e; c = ce) {
			for (ce = c; ce < e && !is_clause_end(ce); ce += u8len(ce))
				;
			if (ce < e)
				ce += u8len(ce);
			if (!done_app && sentence_has(c, ce, "申请") && !sentence_has(c, ce, "结转") &&
			    (sentence_has(c, ce, "收到") || sentence_has(c, ce, "受理") ||
			    sentence_has(c, ce, "新收") || sentence_has(c, ce, "接收")) &&
			    count_after(c, ce, "申请", &v) && news->state == GK_CELL_NUM) {
				done_app = 1;
				if (v * GK_NUM_SCALE != news->num)
					narr_warn(ck, "NARR-APPLICATIONS", c, ce, v, news->num,
					    "第三部分“一、本年新收政府信息公开申请数量 × 总计”");
			}
			if (!done_rec && count_after(c, ce, "行政复议", &v) && rec->state == GK_CELL_NUM) {
				done_rec = 1;
				if (v * GK_NUM_SCALE != rec->num)
					narr_warn(ck, "NARR-RECONSIDERATION", c, ce, v, rec->num,
					    "第四部分“行政复议 × 总计”");
			}
			if (!done_lit && count_after(c, ce, "行政诉讼", &v) &&
			    l1->state == GK_CELL_NUM && l2->state == GK_CELL_NUM) {
				done_lit = 1;
				if (v * GK_NUM_SCALE != l1->num + l2->num)
					narr_warn(ck, "NARR-LITIGATION", c, ce, v, l1->num + l2->num,
					    "第四部分两类行政诉讼总计之和");
			}
		}
		if (!done_up && sentence_has(s, e, "行政复议") &&
		    (sentence_has(s, e, "均获维持") || sentence_has(s, e, "均被维持") ||
		    sentence_has(s, e, "均予维持") || sentence_has(s, e, "全部维持")) &&
		    rec->state == GK_CELL_NUM && up->state == GK_CELL_NUM) {
			done_up = 1;
			if (up->num != rec->num)
				narr_warn(ck, "NARR-UPHELD", s, e, rec->num / GK_NUM_SCALE, up->num,
				    "第四部分“行政复议 × 结果维持”");
		}
	}
}

enum gk_err
gk_report_check(const struct gk_report *r, struct gk_findings *f)
{
	struct checker ck = { r, f };

	check_s2(&ck);
	check_s3(&ck);
	check_s4(&ck);
	check_narrative(&ck);
	return f->err;
}
