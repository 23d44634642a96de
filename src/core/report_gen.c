/*
 * report_gen.c — the annual report from counts: figure keys and values,
 * the model assembly, the placeholders of the narrative texts and their
 * expansion. docs/report-generate.md is the user-facing description.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/apply.h"
#include "core/report_gen.h"

#define NONE	(-1)

/* 条例第二十条第（五）（六）（八）（九）项: what the tables need beyond the items. */
const struct gk_gen_figkey gk_gen_figkeys[] = {
	{ "license", GK_KIND_COUNT, GK_S2_LICENSE, GK_S2_19_LICENSE_DECISIONS, "行政许可 本年处理决定数量" },
	{ "penalty", GK_KIND_COUNT, GK_S2_PENALTY, GK_S2_19_PENALTY_DECISIONS, "行政处罚 本年处理决定数量" },
	{ "coercion", GK_KIND_COUNT, GK_S2_COERCION, GK_S2_19_COERCION_DECISIONS, "行政强制 本年处理决定数量" },
	{ "admin_fee", GK_KIND_AMOUNT, GK_S2_FEE, NONE, "行政事业性收费 本年收费金额（万元）" },
	{ "license.prev", GK_KIND_COUNT, NONE, GK_S2_19_LICENSE_PREV, "行政许可 上一年项目数量（2019 年模板）" },
	{ "license.delta", GK_KIND_DELTA, NONE, GK_S2_19_LICENSE_DELTA, "行政许可 本年增/减（2019 年模板）" },
	{ "service", GK_KIND_COUNT, NONE, GK_S2_19_SERVICE_DECISIONS, "其他对外管理服务事项 处理决定数量（2019 年模板）" },
	{ "service.prev", GK_KIND_COUNT, NONE, GK_S2_19_SERVICE_PREV, "其他对外管理服务事项 上一年项目数量（2019 年模板）" },
	{ "service.delta", GK_KIND_DELTA, NONE, GK_S2_19_SERVICE_DELTA, "其他对外管理服务事项 本年增/减（2019 年模板）" },
	{ "penalty.prev", GK_KIND_COUNT, NONE, GK_S2_19_PENALTY_PREV, "行政处罚 上一年项目数量（2019 年模板）" },
	{ "penalty.delta", GK_KIND_DELTA, NONE, GK_S2_19_PENALTY_DELTA, "行政处罚 本年增/减（2019 年模板）" },
	{ "coercion.prev", GK_KIND_COUNT, NONE, GK_S2_19_COERCION_PREV, "行政强制 上一年项目数量（2019 年模板）" },
	{ "coercion.delta", GK_KIND_DELTA, NONE, GK_S2_19_COERCION_DELTA, "行政强制 本年增/减（2019 年模板）" },
	{ "admin_fee.prev", GK_KIND_COUNT, NONE, GK_S2_19_FEE_PREV, "行政事业性收费 上一年项目数量（2019 年模板）" },
	{ "admin_fee.delta", GK_KIND_DELTA, NONE, GK_S2_19_FEE_DELTA, "行政事业性收费 本年增/减（2019 年模板）" },
	{ "procurement.count", GK_KIND_COUNT, NONE, GK_S2_19_PROCUREMENT_COUNT, "政府集中采购 采购项目数量（2019 年模板）" },
	{ "procurement.amount", GK_KIND_AMOUNT, NONE, GK_S2_19_PROCUREMENT_AMOUNT, "政府集中采购 采购总金额（万元，2019 年模板）" },
	{ "trainings", GK_KIND_COUNT, NONE, NONE, "政府信息公开培训次数（叙述部分 {{trainings}}）" },
};
const size_t gk_gen_nfigkeys = sizeof(gk_gen_figkeys) / sizeof(gk_gen_figkeys[0]);

const struct gk_gen_figkey *
gk_gen_figkey_find(const char *key)
{
	size_t i;

	for (i = 0; i < gk_gen_nfigkeys; i++)
		if (strcmp(gk_gen_figkeys[i].key, key) == 0)
			return &gk_gen_figkeys[i];
	return NULL;
}

int
gk_gen_figkey_valid(const char *key)
{
	size_t i, n = strlen(key);

	if (n == 0 || n >= GK_GEN_NAME_MAX || key[0] < 'a' || key[0] > 'z')
		return 0;
	for (i = 0; i < n; i++)
		if (!((key[i] >= 'a' && key[i] <= 'z') || (key[i] >= '0' && key[i] <= '9') ||
		    key[i] == '_' || key[i] == '.'))
			return 0;
	return 1;
}

/* A decimal with at most 6 decimals and 12 integer digits into × GK_NUM_SCALE. 1 when valid. */
static int
parse_decimal(const char *s, int64_t *out)
{
	int64_t	 ip = 0, fp = 0, scale = GK_NUM_SCALE;
	int	 neg = 0, nd = 0, nf = 0;

	if (*s == '-' || *s == '+')
		neg = *s++ == '-';
	for (; *s >= '0' && *s <= '9'; s++) {
		if (++nd > 12)
			return 0;
		ip = ip * 10 + (*s - '0');
	}
	if (*s == '.') {
		s++;
		for (; *s >= '0' && *s <= '9'; s++) {
			if (++nf > 6)
				return 0;
			fp = fp * 10 + (*s - '0');
			scale /= 10;
		}
		if (nf == 0)
			return 0;
	}
	if (*s != '\0' || nd == 0)
		return 0;
	*out = ip * GK_NUM_SCALE + fp * scale;
	if (neg)
		*out = -*out;
	return 1;
}

enum gk_err
gk_gen_figure_parse(const char *key, const char *s, int64_t *out, char *err, size_t errlen)
{
	const struct gk_gen_figkey	*k = gk_gen_figkey_find(key);
	int64_t				 v;

	if (!parse_decimal(s, &v)) {
		snprintf(err, errlen, "数值“%s”无法识别（应为十进制数，最多 6 位小数）", s);
		return GK_EINVAL;
	}
	if (k != NULL && k->kind != GK_KIND_DELTA && v < 0) {
		snprintf(err, errlen, "%s 不能为负数：%s", k->key, s);
		return GK_EINVAL;
	}
	if (k != NULL && k->kind != GK_KIND_AMOUNT && v % GK_NUM_SCALE != 0) {
		snprintf(err, errlen, "%s 应为整数：%s", k->key, s);
		return GK_EINVAL;
	}
	*out = v;
	return GK_OK;
}

void
gk_gen_counts_init(struct gk_gen_counts *c)
{
	memset(c, 0, sizeof(*c));
	c->agencies = 1;
	timeliness_rules_default(&c->rules);
}

static struct gk_gen_figure *
fig_find(struct gk_gen_counts *c, const char *key)
{
	size_t i;

	for (i = 0; i < c->nfig; i++)
		if (strcmp(c->fig[i].key, key) == 0)
			return &c->fig[i];
	return NULL;
}

const struct gk_gen_figure *
gk_gen_counts_figure(const struct gk_gen_counts *c, const char *key)
{
	return fig_find((struct gk_gen_counts *)(uintptr_t)c, key);
}

enum gk_err
gk_gen_counts_set_figure(struct gk_gen_counts *c, const char *key, int64_t value)
{
	struct gk_gen_figure *f;

	if (!gk_gen_figkey_valid(key))
		return GK_EINVAL;
	if ((f = fig_find(c, key)) == NULL) {
		if (c->nfig >= GK_GEN_FIGS_MAX)
			return GK_ELIMIT;
		f = &c->fig[c->nfig++];
		memset(f, 0, sizeof(*f));
		gk_strlcpy_utf8(f->key, key, sizeof(f->key));
	}
	f->value = value;
	return GK_OK;
}

enum gk_err
gk_gen_counts_add_cat(struct gk_gen_counts *c, const char *name, int64_t n)
{
	size_t i;

	for (i = 0; i < c->ncat; i++)
		if (strcmp(c->cat[i].name, name) == 0) {
			c->cat[i].n += n;
			return GK_OK;
		}
	if (c->ncat >= GK_GEN_CATS_MAX)
		return GK_ELIMIT;
	gk_strlcpy_utf8(c->cat[c->ncat].name, name, sizeof(c->cat[c->ncat].name));
	c->cat[c->ncat++].n = n;
	return GK_OK;
}

void
gk_gen_counts_add_supervision(struct gk_gen_counts *dst, const struct gk_gen_counts *src)
{
	dst->trainings += src->trainings;
	dst->training_attendees += src->training_attendees;
	dst->training_hours10 += src->training_hours10;
	dst->complaints += src->complaints;
	dst->complaints_closed += src->complaints_closed;
}

#define ADDV(f, n) do { size_t k_; for (k_ = 0; k_ < (n); k_++) dst->f[k_] += src->f[k_]; } while (0)

enum gk_err
gk_gen_counts_add(struct gk_gen_counts *dst, const struct gk_gen_counts *src)
{
	size_t		 i, j;
	enum gk_err	 e;

	ADDV(doc_issued, GK_GEN_DOC__MAX);
	ADDV(doc_repealed, GK_GEN_DOC__MAX);
	ADDV(doc_inforce, GK_GEN_DOC__MAX);
	ADDV(doc_published, GK_GEN_DOC__MAX);
	ADDV(doc_public, GK_GEN_DOC__MAX);
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3_ALL; j++)
			dst->s3[i][j] += src->s3[i][j];
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4_TOTAL; j++)
			dst->s4[i][j] += src->s4[i][j];
	ADDV(items_kind, CATEGORY_KIND__MAX);
	ADDV(interp_form, INTERP_FORM__MAX);
	dst->timed += src->timed;
	dst->on_time += src->on_time;
	dst->fees_fen += src->fees_fen;
	gk_gen_counts_add_supervision(dst, src);
	ADDV(channels, 3);
	for (i = 0; i < src->ncat; i++)
		if ((e = gk_gen_counts_add_cat(dst, src->cat[i].name, src->cat[i].n)) != GK_OK)
			return e;
	/* A key one side lacks is missing for every agency of that side. */
	for (i = 0; i < dst->nfig; i++)
		if (gk_gen_counts_figure(src, dst->fig[i].key) == NULL)
			dst->fig[i].missing += src->agencies;
	for (i = 0; i < src->nfig; i++) {
		struct gk_gen_figure *f = fig_find(dst, src->fig[i].key);

		if (f == NULL) {
			if (dst->nfig >= GK_GEN_FIGS_MAX)
				return GK_ELIMIT;
			f = &dst->fig[dst->nfig++];
			*f = src->fig[i];
			f->missing += dst->agencies;
		} else {
			f->value += src->fig[i].value;
			f->missing += src->fig[i].missing;
		}
	}
	dst->agencies += src->agencies;
	return GK_OK;
}

int
gk_gen_counts_empty(const struct gk_gen_counts *c)
{
	struct gk_gen_counts z, t;

	gk_gen_counts_init(&z);
	z.agencies = c->agencies;
	t = *c;
	t.rules = z.rules;
	/* Trainings and complaints are no data of the tables (a government's own are summed apart). */
	t.trainings = t.training_attendees = t.training_hours10 = 0;
	t.complaints = t.complaints_closed = 0;
	return c->nfig == 0 && c->ncat == 0 && memcmp(&z, &t, sizeof(z)) == 0;
}

int
gk_gen_tpl_for_year(int year, enum gk_tpl *t)
{
	if (year >= 2021)
		*t = GK_TPL_2021;
	else if (year >= 2019)
		*t = GK_TPL_2019;
	else
		return 0;
	return 1;
}

static enum gk_err
add_finding(struct gk_findings *fs, const char *rule, enum gk_sev sev, int section,
    const char *where, const char *fmt, ...) __attribute__((format(printf, 6, 7)));

static enum gk_err
add_finding(struct gk_findings *fs, const char *rule, enum gk_sev sev, int section,
    const char *where, const char *fmt, ...)
{
	struct gk_finding	*x;
	va_list			 ap;

	if ((x = gk_findings_add(fs, rule, sev)) == NULL)
		return fs->err != GK_OK ? fs->err : GK_ENOMEM;
	x->at.section = section;
	gk_strlcpy_utf8(x->where, where, sizeof(x->where));
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
	return GK_OK;
}

/* Section 二: derived cells and figures. */
static enum gk_err
assemble_s2(const struct gk_gen_counts *c, struct gk_report *r, struct gk_findings *fs)
{
	static const enum gk_s2 d21[GK_GEN_DOC__MAX][3] = {
		{ GK_S2_RULE_ISSUED, GK_S2_RULE_REPEALED, GK_S2_RULE_INFORCE },
		{ GK_S2_NORM_ISSUED, GK_S2_NORM_REPEALED, GK_S2_NORM_INFORCE },
	};
	static const enum gk_s2 d19[GK_GEN_DOC__MAX][3] = {
		{ GK_S2_19_RULE_MADE, GK_S2_19_RULE_PUBLISHED, GK_S2_19_RULE_TOTAL },
		{ GK_S2_19_NORM_MADE, GK_S2_19_NORM_PUBLISHED, GK_S2_19_NORM_TOTAL },
	};
	size_t		 i;
	int		 d;
	enum gk_err	 e;

	for (d = 0; d < GK_GEN_DOC__MAX; d++) {
		if (r->tpl == GK_TPL_2021) {
			gk_cell_set_int(&r->s2[d21[d][0]], c->doc_issued[d]);
			gk_cell_set_int(&r->s2[d21[d][1]], c->doc_repealed[d]);
			gk_cell_set_int(&r->s2[d21[d][2]], c->doc_inforce[d]);
		} else {
			gk_cell_set_int(&r->s2[d19[d][0]], c->doc_issued[d]);
			gk_cell_set_int(&r->s2[d19[d][1]], c->doc_published[d]);
			gk_cell_set_int(&r->s2[d19[d][2]], c->doc_public[d]);
		}
	}
	for (i = 0; i < gk_gen_nfigkeys; i++) {
		const struct gk_gen_figkey	*k = &gk_gen_figkeys[i];
		const struct gk_gen_figure	*f;
		int				 cell = r->tpl == GK_TPL_2021 ? k->s2_2021 : k->s2_2019;
		char				 where[GK_FINDING_WHERE_MAX];
		struct gk_place			 pl;

		if (cell == NONE)
			continue;
		f = gk_gen_counts_figure(c, k->key);
		if (f != NULL && f->missing == 0) {
			gk_cell_set_num(&r->s2[cell], f->value);
			continue;
		}
		gk_cell_set_blank(&r->s2[cell]);
		pl.section = 2;
		pl.row = cell;
		pl.col = -1;
		gk_place_describe(r, pl, where, sizeof(where));
		if (f == NULL)
			e = add_finding(fs, GK_GEN_R_FIGURE, GK_SEV_BLANK, 2, where,
			    "未录入 %s（%s）：gongkai figures set --agency ID --year %d %s 数值 --source 来源",
			    k->key, k->label, r->year, k->key);
		else
			e = add_finding(fs, GK_GEN_R_FIGURE, GK_SEV_BLANK, 2, where,
			    "%d 个机关未录入 %s（%s），合计无法得出", f->missing, k->key, k->label);
		if (e != GK_OK)
			return e;
		fs->v[fs->n - 1].at.row = cell;
	}
	return GK_OK;
}

enum gk_err
gk_gen_assemble(const struct gk_gen_counts *c, int year, const char *agency,
    struct gk_report *r, struct gk_findings *fs)
{
	enum gk_tpl	 tpl;
	enum gk_err	 e;
	int		 i, j;

	if (!gk_gen_tpl_for_year(year, &tpl))
		return GK_EINVAL;
	gk_report_init(r, tpl);
	r->year = year;
	gk_strlcpy_utf8(r->agency, agency ? agency : "", sizeof(r->agency));
	if ((e = assemble_s2(c, r, fs)) != GK_OK)
		return e;
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		int row = i;

		if (gk_s3_rows[i].role == GK_S3R_GROUP || gk_s3_rows[i].role == GK_S3R_TOTAL)
			continue;
		/* 2019: the (六) leaves are one row. */
		if (!gk_s3_row_in((enum gk_s3row)row, tpl))
			row = (int)gk_s3_rows[i].group;
		if (!gk_s3_row_in((enum gk_s3row)row, tpl))
			continue;
		for (j = 0; j < GK_S3_ALL; j++)
			gk_cell_set_int(&r->s3[row][j], r->s3[row][j].num / GK_NUM_SCALE + c->s3[i][j]);
	}
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4_TOTAL; j++)
			gk_cell_set_int(&r->s4[i][j], c->s4[i][j]);
	gk_report_fill_totals(r);
	return GK_OK;
}

/* Placeholders. The value function below must know every name of this table (tested). */
const struct gk_gen_placeholder gk_gen_placeholders[] = {
	{ "year", "报告年度，如 2025" },
	{ "agency", "机关名称（政府报告：政府的名称）" },
	{ "items.total", "本年主动公开信息条数：发布日期在本年的信息（含其后撤回的），不含政策解读" },
	{ "items.policy", "其中政策文件类（栏目类型“政策文件”，含规章、行政规范性文件）" },
	{ "items.news", "其中工作动态类" },
	{ "items.fiscal", "其中财政信息类" },
	{ "items.other", "其中其他信息（机构职能、招商引资、办事指南、其他及未分栏目的信息）" },
	{ "interp.total", "本年发布的政策解读条数" },
	{ "interp.text", "其中文字解读（一条解读有多种形式时每种各计一次）" },
	{ "interp.graphic", "其中图解" },
	{ "interp.case", "其中案例解读" },
	{ "interp.media", "其中音视频解读" },
	{ "timeliness.counted", "计算时效的信息条数（items.total 中有应发布日期的）" },
	{ "timeliness.on_time", "其中按时发布的（发布日期不晚于应发布日期）" },
	{ "timeliness.late", "其中逾期发布的" },
	{ "timeliness.rate", "按时发布率，百分数保留一位小数，不带 %（如 100.0）" },
	{ "apply.new", "本年新收政府信息公开申请（第三部分第一项总计）" },
	{ "apply.new.natural", "本年新收：自然人" },
	{ "apply.new.business", "本年新收：商业企业" },
	{ "apply.new.research", "本年新收：科研机构" },
	{ "apply.new.nonprofit", "本年新收：社会公益组织" },
	{ "apply.new.legal", "本年新收：法律服务机构" },
	{ "apply.new.other", "本年新收：其他" },
	{ "apply.carried_in", "上年结转（第二项）" },
	{ "apply.answered", "本年办结（第三项（七）总计）" },
	{ "apply.carried_out", "结转下年度继续办理（第四项）" },
	{ "apply.open", "予以公开" },
	{ "apply.partial", "部分公开" },
	{ "apply.deny", "不予公开（1–8 合计）" },
	{ "apply.na", "无法提供（1–3 合计）" },
	{ "apply.noproc", "不予处理（1–5 合计）" },
	{ "apply.other", "其他处理（1–3 合计）" },
	{ "fees.collected", "本年收取的信息处理费（元；缴费日期在本年）" },
	{ "fees.statement", "“未收取信息处理费”，或“收取信息处理费 X 元”" },
	{ "cases.total", "本年提起的行政复议和行政诉讼（第四部分总计）" },
	{ "cases.recon", "行政复议" },
	{ "cases.suit_direct", "未经复议直接起诉" },
	{ "cases.suit_after", "复议后起诉" },
	{ "cases.pending", "年末尚未审结的" },
	{ "regs.issued", "规章 本年制发件数" },
	{ "regs.repealed", "规章 本年废止件数" },
	{ "regs.in_force", "规章 现行有效件数" },
	{ "norms.issued", "行政规范性文件 本年制发件数" },
	{ "norms.repealed", "行政规范性文件 本年废止件数" },
	{ "norms.in_force", "行政规范性文件 现行有效件数" },
	{ "trainings", "培训次数（录入的 figure trainings）" },
	{ "trainings.count", "本年举办的培训次数（后台“培训”记录）" },
	{ "trainings.attendees", "本年培训参训人次" },
	{ "trainings.hours", "本年培训总学时（小时，保留一位小数，整数不带小数）" },
	{ "complaints.count", "本年收到的投诉件数（后台“投诉”记录）" },
	{ "complaints.closed", "其中年末前已整改反馈办结的" },
	{ "complaints.open", "其中年末尚未办结的" },
	{ "channels.portal", "本年在门户网站发布的信息条数（含政策解读）" },
	{ "channels.wechat", "本年在微信公众号发布的信息条数（渠道记录，docs/channels.md）" },
	{ "channels.notice", "本年在政务服务中心公示栏张贴的信息条数" },
	{ "category.栏目", "发布日期在本年的某一级栏目（含其子栏目）的信息条数，如 {{category.机构职能}}" },
	{ "figure.键", "录入的任一 figure，如 {{figure.license}}（金额以万元计）" },
	{ "deadline.栏目", "该栏目的公开时限（工作日数，本机关的时效设置），如 {{deadline.政策文件}}" },
};
const size_t gk_gen_nplaceholders = sizeof(gk_gen_placeholders) / sizeof(gk_gen_placeholders[0]);

static int64_t
row_sum(const struct gk_gen_counts *c, int row)
{
	int64_t	s = 0;
	int	j;

	for (j = 0; j < GK_S3_ALL; j++)
		s += c->s3[row][j];
	return s;
}

static int64_t
group_sum(const struct gk_gen_counts *c, enum gk_s3row g)
{
	int64_t	s = 0;
	int	i;

	for (i = 0; i < GK_S3ROW__MAX; i++)
		if (gk_s3_rows[i].role == GK_S3R_OUTCOME &&
		    (g == GK_S3ROW__MAX || gk_s3_rows[i].group == g))
			s += row_sum(c, i);
	return s;
}

static void
fmt_scaled(int64_t v, char *buf, size_t n)
{
	struct gk_cell c;

	gk_cell_set_num(&c, v);
	gk_cell_format(&c, buf, n);
}

/* Integer placeholders; 1 when name is one of them. */
static int
int_value(const struct gk_gen_counts *c, const char *name, int64_t *v)
{
	static const struct { const char *name; enum gk_s3row g; } groups[] = {
		{ "apply.open", GK_S3_OPEN }, { "apply.partial", GK_S3_PARTIAL },
		{ "apply.deny", GK_S3_DENY }, { "apply.na", GK_S3_NA },
		{ "apply.noproc", GK_S3_NOPROC }, { "apply.other", GK_S3_OTHER },
	};
	static const char *const kinds[] = {
		[CATEGORY_KIND_OTHER] = "items.other", [CATEGORY_KIND_POLICY] = "items.policy",
		[CATEGORY_KIND_NEWS] = "items.news", [CATEGORY_KIND_INTERP] = "interp.total",
		[CATEGORY_KIND_FISCAL] = "items.fiscal",
	};
	static const char *const docs[GK_GEN_DOC__MAX] = { "regs.", "norms." };
	size_t	i;
	int	k;

	for (i = 0; i < sizeof(groups) / sizeof(groups[0]); i++)
		if (strcmp(name, groups[i].name) == 0) {
			*v = groups[i].g == GK_S3_OPEN || groups[i].g == GK_S3_PARTIAL ?
			    row_sum(c, groups[i].g) : group_sum(c, groups[i].g);
			return 1;
		}
	for (k = 0; k < CATEGORY_KIND__MAX; k++)
		if (strcmp(name, kinds[k]) == 0) {
			*v = c->items_kind[k];
			return 1;
		}
	if (strcmp(name, "items.total") == 0) {
		*v = 0;
		for (k = 0; k < CATEGORY_KIND__MAX; k++)
			if (k != CATEGORY_KIND_INTERP)
				*v += c->items_kind[k];
		return 1;
	}
	if (strncmp(name, "interp.", 7) == 0)
		for (k = 0; k < INTERP_FORM__MAX; k++)
			if (strcmp(name + 7, interp_form_name((enum interp_form)k)) == 0) {
				*v = c->interp_form[k];
				return 1;
			}
	if (strncmp(name, "channels.", 9) == 0) {
		static const char *const ch[] = { "portal", "wechat", "notice" };

		for (i = 0; i < sizeof(ch) / sizeof(ch[0]); i++)
			if (strcmp(name + 9, ch[i]) == 0) {
				*v = c->channels[i];
				return 1;
			}
	}
	if (strncmp(name, "trainings.", 10) == 0 || strncmp(name, "complaints.", 11) == 0) {
		const struct { const char *name; int64_t v; } sup[] = {
			{ "trainings.count", c->trainings },
			{ "trainings.attendees", c->training_attendees },
			{ "complaints.count", c->complaints },
			{ "complaints.closed", c->complaints_closed },
			{ "complaints.open", c->complaints - c->complaints_closed },
		};

		for (i = 0; i < sizeof(sup) / sizeof(sup[0]); i++)
			if (strcmp(name, sup[i].name) == 0) {
				*v = sup[i].v;
				return 1;
			}
	}
	if (strcmp(name, "timeliness.counted") == 0) {
		*v = c->timed;
		return 1;
	}
	if (strcmp(name, "timeliness.on_time") == 0) {
		*v = c->on_time;
		return 1;
	}
	if (strcmp(name, "timeliness.late") == 0) {
		*v = c->timed - c->on_time;
		return 1;
	}
	if (strcmp(name, "apply.new") == 0 || strcmp(name, "apply.carried_in") == 0 ||
	    strcmp(name, "apply.carried_out") == 0) {
		*v = row_sum(c, name[6] == 'n' ? GK_S3_NEW : name[14] == 'i' ? GK_S3_CARRIED_IN :
		    GK_S3_CARRIED_OUT);
		return 1;
	}
	if (strncmp(name, "apply.new.", 10) == 0)
		for (k = 0; k < APPLY_AP__MAX; k++)
			if (strcmp(name + 10, apply_applicant_name((enum apply_applicant)k)) == 0) {
				*v = c->s3[GK_S3_NEW][apply_applicant_col((enum apply_applicant)k)];
				return 1;
			}
	if (strcmp(name, "apply.answered") == 0) {
		*v = group_sum(c, GK_S3ROW__MAX);
		return 1;
	}
	if (strncmp(name, "cases.", 6) == 0) {
		static const char *const routes[GK_S4ROUTE__MAX] = { "recon", "suit_direct", "suit_after" };
		int r, j, all = strcmp(name + 6, "total") == 0, pend = strcmp(name + 6, "pending") == 0;

		for (r = 0, *v = 0, k = 0; r < GK_S4ROUTE__MAX; r++) {
			if (!all && !pend && strcmp(name + 6, routes[r]) != 0)
				continue;
			k = 1;
			for (j = 0; j < GK_S4_TOTAL; j++)
				if (!pend || j == GK_S4_PENDING)
					*v += c->s4[r][j];
		}
		if (all || pend || k)
			return 1;
	}
	for (k = 0; k < GK_GEN_DOC__MAX; k++) {
		size_t l = strlen(docs[k]);

		if (strncmp(name, docs[k], l) != 0)
			continue;
		if (strcmp(name + l, "issued") == 0)
			*v = c->doc_issued[k];
		else if (strcmp(name + l, "repealed") == 0)
			*v = c->doc_repealed[k];
		else if (strcmp(name + l, "in_force") == 0)
			*v = c->doc_inforce[k];
		else
			continue;
		return 1;
	}
	return 0;
}

static enum gk_err
figure_value(const struct gk_gen_counts *c, const char *key, char *buf, size_t n,
    char *why, size_t whylen)
{
	const struct gk_gen_figure *f = gk_gen_counts_figure(c, key);

	if (f == NULL) {
		snprintf(why, whylen, "未录入 figure %s", key);
		return GK_EINVAL;
	}
	if (f->missing) {
		snprintf(why, whylen, "%d 个机关未录入 figure %s", f->missing, key);
		return GK_EINVAL;
	}
	fmt_scaled(f->value, buf, n);
	return GK_OK;
}

enum gk_err
gk_gen_value(const struct gk_gen_counts *c, int year, const char *agency,
    const char *name, char *buf, size_t n, char *why, size_t whylen)
{
	int64_t	v;
	size_t	i;

	if (why && whylen)
		why[0] = '\0';
	if (strcmp(name, "year") == 0) {
		snprintf(buf, n, "%d", year);
		return GK_OK;
	}
	if (strcmp(name, "agency") == 0) {
		snprintf(buf, n, "%s", agency ? agency : "");
		return GK_OK;
	}
	if (int_value(c, name, &v)) {
		snprintf(buf, n, "%lld", (long long)v);
		return GK_OK;
	}
	if (strcmp(name, "timeliness.rate") == 0) {
		long long pm;

		if (c->timed <= 0) {
			snprintf(why, whylen, "本年没有可计算时效的已发布信息");
			return GK_EINVAL;
		}
		pm = (long long)((c->on_time * 1000 * 2 + c->timed) / (c->timed * 2));
		snprintf(buf, n, "%lld.%lld", pm / 10, pm % 10);
		return GK_OK;
	}
	if (strcmp(name, "fees.collected") == 0 || strcmp(name, "fees.statement") == 0) {
		char amt[64];

		fmt_scaled(c->fees_fen * (GK_NUM_SCALE / 100), amt, sizeof(amt));
		if (name[5] == 'c')
			snprintf(buf, n, "%s", amt);
		else if (c->fees_fen == 0)
			snprintf(buf, n, "未收取信息处理费");
		else
			snprintf(buf, n, "收取信息处理费 %s 元", amt);
		return GK_OK;
	}
	if (strcmp(name, "trainings") == 0)
		return figure_value(c, "trainings", buf, n, why, whylen);
	if (strcmp(name, "trainings.hours") == 0) {
		snprintf(buf, n, "%lld", (long long)(c->training_hours10 / 10));
		if (c->training_hours10 % 10 != 0)
			snprintf(buf + strlen(buf), n - strlen(buf), ".%d",
			    (int)(c->training_hours10 % 10));
		return GK_OK;
	}
	if (strncmp(name, GK_GEN_PH_FIGURE, strlen(GK_GEN_PH_FIGURE)) == 0 &&
	    gk_gen_figkey_valid(name + strlen(GK_GEN_PH_FIGURE)))
		return figure_value(c, name + strlen(GK_GEN_PH_FIGURE), buf, n, why, whylen);
	if (strncmp(name, GK_GEN_PH_DEADLINE, strlen(GK_GEN_PH_DEADLINE)) == 0 &&
	    name[strlen(GK_GEN_PH_DEADLINE)] != '\0') {
		snprintf(buf, n, "%d", timeliness_rule_for(&c->rules,
		    name + strlen(GK_GEN_PH_DEADLINE))->days);
		return GK_OK;
	}
	if (strncmp(name, GK_GEN_PH_CATEGORY, strlen(GK_GEN_PH_CATEGORY)) == 0 &&
	    name[strlen(GK_GEN_PH_CATEGORY)] != '\0') {
		/* A top-level category with nothing published has no entry: 0. */
		v = 0;
		for (i = 0; i < c->ncat; i++)
			if (strcmp(c->cat[i].name, name + strlen(GK_GEN_PH_CATEGORY)) == 0)
				v = c->cat[i].n;
		snprintf(buf, n, "%lld", (long long)v);
		return GK_OK;
	}
	return GK_ENOTFOUND;
}

static const char *const section_cn[7] = {
	"", "第一部分", "第二部分", "第三部分", "第四部分", "第五部分", "第六部分",
};

enum gk_err
gk_gen_expand(const char *text, size_t len, const struct gk_gen_counts *c,
    int year, const char *agency, int section, char **out, struct gk_findings *fs)
{
	struct gk_buf	 b;
	size_t		 i = 0;
	int		 line = 1;
	enum gk_err	 e = GK_OK;
	const char	*sec = section >= 1 && section <= 6 ? section_cn[section] : "";

	*out = NULL;
	if (len > GK_GEN_TEXT_MAX)
		return GK_ELIMIT;
	if (gk_utf8_check(text, len) != len || memchr(text, '\0', len) != NULL)
		return GK_EINVAL;
	gk_buf_init(&b, GK_GEN_TEXT_MAX * 4);
	while (i < len && e == GK_OK) {
		const char	*close;
		char		 name[GK_GEN_NAME_MAX * 2], val[256], why[256], where[GK_FINDING_WHERE_MAX];
		size_t		 s, t, nl;
		enum gk_err	 ve;

		if (text[i] == '\r') {
			if (i + 1 < len && text[i + 1] == '\n')
				i++;
			gk_buf_putc(&b, '\n');
			line++;
			i++;
			continue;
		}
		if (text[i] == '\n')
			line++;
		if (text[i] != '{' || i + 1 >= len || text[i + 1] != '{') {
			gk_buf_putc(&b, text[i++]);
			continue;
		}
		snprintf(where, sizeof(where), "%s第 %d 行", sec, line);
		/* The placeholder ends at the first "}}" on the same line. */
		for (close = NULL, t = i + 2; t + 1 < len && text[t] != '\n' && text[t] != '\r'; t++)
			if (text[t] == '}' && text[t + 1] == '}') {
				close = text + t;
				break;
			}
		if (close == NULL) {
			e = add_finding(fs, GK_GEN_R_PLACEHOLDER, GK_SEV_ERROR, section, where,
			    "占位符没有结束的 }}");
			gk_buf_append(&b, "{{", 2);
			i += 2;
			continue;
		}
		s = i + 2;
		while (s < t && text[s] == ' ')
			s++;
		nl = t;
		while (nl > s && text[nl - 1] == ' ')
			nl--;
		if (nl == s || nl - s >= GK_GEN_NAME_MAX * 2 ||
		    memchr(text + s, '{', nl - s) != NULL || memchr(text + s, '}', nl - s) != NULL) {
			e = add_finding(fs, GK_GEN_R_PLACEHOLDER, GK_SEV_ERROR, section, where,
			    "占位符格式错误：%.*s", (int)(t + 2 - i > 200 ? 200 : t + 2 - i), text + i);
		} else {
			memcpy(name, text + s, nl - s);
			name[nl - s] = '\0';
			ve = gk_gen_value(c, year, agency, name, val, sizeof(val), why, sizeof(why));
			if (ve == GK_OK) {
				gk_buf_puts(&b, val);
				i = t + 2;
				continue;
			}
			if (ve == GK_ENOTFOUND)
				e = add_finding(fs, GK_GEN_R_PLACEHOLDER, GK_SEV_ERROR, section, where,
				    "未知的占位符 {{%s}}（可用的占位符见 docs/report-generate.md）", name);
			else
				e = add_finding(fs, GK_GEN_R_VALUE, GK_SEV_ERROR, section, where,
				    "占位符 {{%s}} 没有数值：%s", name, why);
		}
		gk_buf_append(&b, text + i, t + 2 - i);
		i = t + 2;
	}
	if (e == GK_OK && b.err != GK_OK)
		e = b.err;
	if (e != GK_OK) {
		gk_buf_clear(&b);
		return e;
	}
	while (b.len > 0 && (b.data[b.len - 1] == '\n' || b.data[b.len - 1] == ' ' ||
	    b.data[b.len - 1] == '\t'))
		b.data[--b.len] = '\0';
	*out = gk_buf_take(&b, NULL);
	return *out != NULL ? GK_OK : GK_ENOMEM;
}

size_t
gk_gen_blocking(const struct gk_findings *fs)
{
	return fs->n - gk_findings_count(fs, GK_SEV_WARNING);
}
