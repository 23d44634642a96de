/*
 * report.c — the annual-report model: the verbatim labels of both national
 * templates, cell parsing and formatting, and whole-report operations
 * (init, copy, equality, totals, aggregation).
 */
#include <stdio.h>
#include <string.h>

#include "report.h"

const char *
gk_tpl_name(enum gk_tpl t)
{
	return t == GK_TPL_2019 ? "2019" : "2021";
}

#define C GK_KIND_COUNT
#define A GK_KIND_AMOUNT
#define D GK_KIND_DELTA

const struct gk_s2_table gk_s2_tables[GK_S2_TABLES] = {
	{ GK_TPL_2021, "第二十条第（一）项", 2, 3, { "规章", "行政规范性文件" },
	  { "本年制发件数", "本年废止件数", "现行有效件数" }, { C, C, C }, GK_S2_RULE_ISSUED },
	{ GK_TPL_2021, "第二十条第（五）项", 1, 1, { "行政许可" },
	  { "本年处理决定数量" }, { C }, GK_S2_LICENSE },
	{ GK_TPL_2021, "第二十条第（六）项", 2, 1, { "行政处罚", "行政强制" },
	  { "本年处理决定数量" }, { C }, GK_S2_PENALTY },
	{ GK_TPL_2021, "第二十条第（八）项", 1, 1, { "行政事业性收费" },
	  { "本年收费金额（单位：万元）" }, { A }, GK_S2_FEE },
	{ GK_TPL_2019, "第二十条第（一）项", 2, 3, { "规章", "规范性文件" },
	  { "本年新制作数量", "本年新公开数量", "对外公开总数量" }, { C, C, C }, GK_S2_19_RULE_MADE },
	{ GK_TPL_2019, "第二十条第（五）项", 2, 3, { "行政许可", "其他对外管理服务事项" },
	  { "上一年项目数量", "本年增/减", "处理决定数量" }, { C, D, C }, GK_S2_19_LICENSE_PREV },
	{ GK_TPL_2019, "第二十条第（六）项", 2, 3, { "行政处罚", "行政强制" },
	  { "上一年项目数量", "本年增/减", "处理决定数量" }, { C, D, C }, GK_S2_19_PENALTY_PREV },
	{ GK_TPL_2019, "第二十条第（八）项", 1, 2, { "行政事业性收费" },
	  { "上一年项目数量", "本年增/减" }, { C, D }, GK_S2_19_FEE_PREV },
	{ GK_TPL_2019, "第二十条第（九）项", 1, 2, { "政府集中采购" },
	  { "采购项目数量", "采购总金额" }, { C, A }, GK_S2_19_PROCUREMENT_COUNT },
};

#undef C
#undef A
#undef D

const struct gk_s2_table *
gk_s2_locate(enum gk_s2 c, int *row, int *col)
{
	size_t i;
	int off;

	for (i = 0; i < GK_S2_TABLES; i++) {
		const struct gk_s2_table *t = &gk_s2_tables[i];

		off = (int)c - (int)t->first;
		if (off >= 0 && off < t->nrows * t->ncols) {
			if (row)
				*row = off / t->ncols;
			if (col)
				*col = off % t->ncols;
			return t;
		}
	}
	return NULL;
}

int
gk_s2_in(enum gk_s2 c, enum gk_tpl t)
{
	const struct gk_s2_table *tab = gk_s2_locate(c, NULL, NULL);

	return tab != NULL && tab->tpl == t;
}

enum gk_kind
gk_s2_kind(enum gk_s2 c)
{
	int col = 0;
	const struct gk_s2_table *t = gk_s2_locate(c, NULL, &col);

	return t ? t->kinds[col] : GK_KIND_COUNT;
}

#define B21	GK_TPLBIT(GK_TPL_2021)
#define B19	GK_TPLBIT(GK_TPL_2019)
#define BOTH	(B21 | B19)

const struct gk_s3_rowdef gk_s3_rows[GK_S3ROW__MAX] = {
	[GK_S3_NEW] = { "一、本年新收政府信息公开申请数量", GK_S3R_INTAKE, GK_S3_NEW, BOTH, "new" },
	[GK_S3_CARRIED_IN] = { "二、上年结转政府信息公开申请数量", GK_S3R_INTAKE, GK_S3_CARRIED_IN, BOTH, "carried_in" },
	[GK_S3_OPEN] = { "(一) 予以公开", GK_S3R_OUTCOME, GK_S3_OPEN, BOTH, "open" },
	[GK_S3_PARTIAL] = { "(二) 部分公开(区分处理的, 只计这一情形, 不计其他情形)", GK_S3R_OUTCOME, GK_S3_PARTIAL, BOTH, "partial" },
	[GK_S3_DENY] = { "(三) 不予公开", GK_S3R_GROUP, GK_S3_DENY, 0, "deny" },
	[GK_S3_DENY_SECRET] = { "1.属于国家秘密", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_secret" },
	[GK_S3_DENY_LAW] = { "2.其他法律行政法规禁止公开", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_law" },
	[GK_S3_DENY_SAFETY] = { "3.危及“三安全一稳定”", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_safety" },
	[GK_S3_DENY_THIRD] = { "4.保护第三方合法权益", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_third_party" },
	[GK_S3_DENY_INTERNAL] = { "5.属于三类内部事务信息", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_internal" },
	[GK_S3_DENY_PROCESS] = { "6.属于四类过程性信息", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_process" },
	[GK_S3_DENY_ENFORCEMENT] = { "7.属于行政执法案卷", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_enforcement" },
	[GK_S3_DENY_QUERY] = { "8.属于行政查询事项", GK_S3R_OUTCOME, GK_S3_DENY, BOTH, "deny_query" },
	[GK_S3_NA] = { "(四) 无法提供", GK_S3R_GROUP, GK_S3_NA, 0, "unavailable" },
	[GK_S3_NA_NOTHELD] = { "1.本机关不掌握相关政府信息", GK_S3R_OUTCOME, GK_S3_NA, BOTH, "unavailable_not_held" },
	[GK_S3_NA_MAKE] = { "2.没有现成信息需要另行制作", GK_S3R_OUTCOME, GK_S3_NA, BOTH, "unavailable_must_make" },
	[GK_S3_NA_UNCLEAR] = { "3.补正后申请内容仍不明确", GK_S3R_OUTCOME, GK_S3_NA, BOTH, "unavailable_unclear" },
	[GK_S3_NOPROC] = { "(五) 不予处理", GK_S3R_GROUP, GK_S3_NOPROC, 0, "not_processed" },
	[GK_S3_NOPROC_PETITION] = { "1.信访举报投诉类申请", GK_S3R_OUTCOME, GK_S3_NOPROC, BOTH, "not_processed_petition" },
	[GK_S3_NOPROC_REPEAT] = { "2.重复申请", GK_S3R_OUTCOME, GK_S3_NOPROC, BOTH, "not_processed_repeat" },
	[GK_S3_NOPROC_PUBLICATION] = { "3.要求提供公开出版物", GK_S3R_OUTCOME, GK_S3_NOPROC, BOTH, "not_processed_publication" },
	[GK_S3_NOPROC_EXCESSIVE] = { "4.无正当理由大量反复申请", GK_S3R_OUTCOME, GK_S3_NOPROC, BOTH, "not_processed_excessive" },
	[GK_S3_NOPROC_CONFIRM] = { "5.要求行政机关确认或重新出具已获取信息", GK_S3R_OUTCOME, GK_S3_NOPROC, BOTH, "not_processed_confirm" },
	[GK_S3_OTHER] = { "(六) 其他处理", GK_S3R_GROUP, GK_S3_OTHER, B19, "other" },
	[GK_S3_OTHER_NOCORRECT] = { "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", GK_S3R_OUTCOME, GK_S3_OTHER, B21, "other_no_correction" },
	[GK_S3_OTHER_NOFEE] = { "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", GK_S3R_OUTCOME, GK_S3_OTHER, B21, "other_fee_unpaid" },
	[GK_S3_OTHER_MISC] = { "3.其他", GK_S3R_OUTCOME, GK_S3_OTHER, B21, "other_misc" },
	[GK_S3_TOTAL] = { "(七) 总计", GK_S3R_TOTAL, GK_S3_TOTAL, BOTH, "total" },
	[GK_S3_CARRIED_OUT] = { "四、结转下年度继续办理", GK_S3R_CARRY_OUT, GK_S3_CARRIED_OUT, BOTH, "carried_out" },
};

#undef B21
#undef B19
#undef BOTH

const char *const gk_s3_cols[GK_S3COL__MAX] = {
	"自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计",
};

const char *const gk_s3_col_ids[GK_S3COL__MAX] = {
	"natural_person", "business", "research", "nonprofit", "legal_services", "other_org", "total",
};

const char *const gk_s4_routes[GK_S4ROUTE__MAX] = {
	"行政复议", "未经复议直接起诉", "复议后起诉",
};

const char *const gk_s4_results[GK_S4RES__MAX] = {
	"结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
};

const char *const gk_s4_route_ids[GK_S4ROUTE__MAX] = {
	"reconsideration", "litigation_direct", "litigation_after_reconsideration",
};

const char *const gk_s4_result_ids[GK_S4RES__MAX] = {
	"upheld", "corrected", "other", "pending", "total",
};

const char *const gk_section_titles[6] = {
	"一、总体情况",
	"二、主动公开政府信息情况",
	"三、收到和处理政府信息公开申请情况",
	"四、政府信息公开行政复议、行政诉讼情况",
	"五、存在的主要问题及改进情况",
	"六、其他需要报告的事项",
};

int
gk_s3_row_in(enum gk_s3row r, enum gk_tpl t)
{
	if ((unsigned)r >= GK_S3ROW__MAX)
		return 0;
	return (gk_s3_rows[r].tpls & GK_TPLBIT(t)) != 0;
}

void
gk_cell_set_int(struct gk_cell *c, int64_t v)
{
	memset(c, 0, sizeof(*c));
	c->state = GK_CELL_NUM;
	c->num = v * GK_NUM_SCALE;
}

void
gk_cell_set_num(struct gk_cell *c, int64_t scaled)
{
	memset(c, 0, sizeof(*c));
	c->state = GK_CELL_NUM;
	c->num = scaled;
}

void
gk_cell_set_blank(struct gk_cell *c)
{
	memset(c, 0, sizeof(*c));
	c->state = GK_CELL_BLANK;
}

void
gk_cell_set_text(struct gk_cell *c, enum gk_cell_state st, const char *s)
{
	memset(c, 0, sizeof(*c));
	c->state = st;
	gk_strlcpy_utf8(c->text, s, sizeof(c->text));
}

int
gk_cell_equal(const struct gk_cell *a, const struct gk_cell *b)
{
	if (a->state != b->state)
		return 0;
	switch (a->state) {
	case GK_CELL_NUM:
		return a->num == b->num && strcmp(a->text, b->text) == 0;
	case GK_CELL_TEXT:
	case GK_CELL_UNREADABLE:
		return strcmp(a->text, b->text) == 0;
	default:
		return 1;
	}
}

void
gk_cell_format(const struct gk_cell *c, char *dst, size_t n)
{
	char		 frac[16];
	uint64_t	 mag, ip, fp;
	int		 k;

	if (n == 0)
		return;
	dst[0] = '\0';
	switch (c->state) {
	case GK_CELL_NUM:
		break;
	case GK_CELL_TEXT:
	case GK_CELL_UNREADABLE:
		gk_strlcpy_utf8(dst, c->text, n);
		return;
	default:
		return;
	}
	mag = c->num < 0 ? (uint64_t)0 - (uint64_t)c->num : (uint64_t)c->num;
	ip = mag / GK_NUM_SCALE;
	fp = mag % GK_NUM_SCALE;
	frac[0] = '\0';
	if (fp != 0) {
		snprintf(frac, sizeof(frac), ".%06llu", (unsigned long long)fp);
		for (k = (int)strlen(frac) - 1; k > 0 && frac[k] == '0'; k--)
			frac[k] = '\0';
	}
	snprintf(dst, n, "%s%llu%s%s", c->num < 0 ? "-" : "",
	    (unsigned long long)ip, frac, c->text);
}

/* Reads one UTF-8 code point; returns its length (1 for a stray byte). */
static size_t
utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	if (s[0] < 0x80 || len < 2) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if ((s[0] & 0xF0) == 0xE0 && len >= 3 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x0F) << 12) |
		    ((uint32_t)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
		return 3;
	}
	if ((s[0] & 0xF8) == 0xF0 && len >= 4 && (s[1] & 0xC0) == 0x80 &&
	    (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*cp = ((uint32_t)(s[0] & 0x07) << 18) |
		    ((uint32_t)(s[1] & 0x3F) << 12) |
		    ((uint32_t)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD;
	return 1;
}

static int
is_space_cp(uint32_t cp)
{
	return cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' ||
	    cp == 0xA0 || cp == 0x3000 || cp == 0x200B || cp == 0xFEFF;
}

static const char *const cell_units[] = { "万元", "元", "件", "个", "条", "项", "次" };
static const char *const delta_zero_words[] = { "未增未减", "无增减", "无变化", "持平", "不变" };

/*
 * Removes thousands separators in place when they are well placed
 * ("1,234,567.5"); returns 0 when they are not ("12,34").
 */
static int
strip_thousands(char *s)
{
	size_t	 i = 0, lead = 0, o = 0;

	while (s[i] >= '0' && s[i] <= '9') {
		i++;
		lead++;
	}
	if (lead == 0 || lead > 3)
		return 0;
	while (s[i] == ',') {
		if (!(s[i + 1] >= '0' && s[i + 1] <= '9' && s[i + 2] >= '0' &&
		    s[i + 2] <= '9' && s[i + 3] >= '0' && s[i + 3] <= '9'))
			return 0;
		if (s[i + 4] >= '0' && s[i + 4] <= '9')
			return 0;
		i += 4;
	}
	if (strchr(s + i, ',') != NULL)
		return 0;
	for (i = 0; s[i] != '\0'; i++)
		if (s[i] != ',')
			s[o++] = s[i];
	s[o] = '\0';
	return 1;
}

void
gk_cell_parse(struct gk_cell *c, const char *s, size_t len, enum gk_kind kind)
{
	const unsigned char	*p = (const unsigned char *)s;
	char			 norm[64], raw[GK_CELL_TEXT_MAX];
	size_t			 i, nn = 0, k, rawlen;
	uint32_t		 cp;
	int			 neg = 0, ndig = 0, nfrac = 0, seen_point = 0;
	int64_t			 ip = 0, fp = 0;
	const char		*unit = "";

	/* Trim spaces (ASCII, no-break, ideographic) at both ends. */
	while (len > 0) {
		k = utf8_next(p, len, &cp);
		if (!is_space_cp(cp))
			break;
		p += k;
		len -= k;
	}
	while (len > 0) {
		size_t back = 1;

		while (back < len && back < 4 && (p[len - back] & 0xC0) == 0x80)
			back++;
		utf8_next(p + len - back, back, &cp);
		if (!is_space_cp(cp))
			break;
		len -= back;
	}
	if (len == 0) {
		gk_cell_set_blank(c);
		return;
	}
	rawlen = len < sizeof(raw) - 1 ? len : sizeof(raw) - 1;
	/* Never cut a UTF-8 sequence: the next byte must start a character. */
	while (rawlen > 0 && rawlen < len && (p[rawlen] & 0xC0) == 0x80)
		rawlen--;
	memcpy(raw, p, rawlen);
	raw[rawlen] = '\0';

	/* Fold full-width forms to ASCII; drop inner spaces. */
	for (i = 0; i < len; ) {
		k = utf8_next(p + i, len - i, &cp);
		if (cp >= 0xFF01 && cp <= 0xFF5E)
			cp -= 0xFEE0;
		else if (cp == 0x2212 || cp == 0x2013)
			cp = '-';
		if (is_space_cp(cp)) {
			i += k;
			continue;
		}
		if (cp < 0x80) {
			if (nn + 1 >= sizeof(norm))
				goto unreadable;
			norm[nn++] = (char)cp;
		} else {
			if (nn + k >= sizeof(norm))
				goto unreadable;
			memcpy(norm + nn, p + i, k);
			nn += k;
		}
		i += k;
	}
	norm[nn] = '\0';

	if (kind == GK_KIND_DELTA)
		for (i = 0; i < sizeof(delta_zero_words) / sizeof(delta_zero_words[0]); i++)
			if (strcmp(norm, delta_zero_words[i]) == 0) {
				gk_cell_set_text(c, GK_CELL_TEXT, raw);
				return;
			}

	/* Unit suffix. */
	for (i = 0; i < sizeof(cell_units) / sizeof(cell_units[0]); i++) {
		size_t ul = strlen(cell_units[i]);

		if (nn > ul && strcmp(norm + nn - ul, cell_units[i]) == 0) {
			unit = cell_units[i];
			nn -= ul;
			norm[nn] = '\0';
			break;
		}
	}

	i = 0;
	if (norm[i] == '+' || norm[i] == '-') {
		neg = norm[i] == '-';
		i++;
		if (kind != GK_KIND_DELTA && neg == 0)
			goto unreadable;
	}
	if (strchr(norm + i, ',') != NULL && !strip_thousands(norm + i))
		goto unreadable;
	nn = strlen(norm);
	for (; i < nn; i++) {
		char ch = norm[i];

		if (ch >= '0' && ch <= '9') {
			if (seen_point) {
				if (++nfrac > 6)
					goto unreadable;
				fp = fp * 10 + (ch - '0');
			} else {
				if (++ndig > 12)
					goto unreadable;
				ip = ip * 10 + (ch - '0');
			}
		} else if (ch == '.' && !seen_point && ndig > 0) {
			seen_point = 1;
		} else {
			goto unreadable;
		}
	}
	if (ndig == 0 || (seen_point && nfrac == 0))
		goto unreadable;
	while (nfrac < 6) {
		fp *= 10;
		nfrac++;
	}
	gk_cell_set_num(c, (ip * GK_NUM_SCALE + fp) * (neg ? -1 : 1));
	gk_strlcpy_utf8(c->text, unit, sizeof(c->text));
	return;
unreadable:
	gk_cell_set_text(c, GK_CELL_UNREADABLE, raw);
}

void
gk_report_init(struct gk_report *r, enum gk_tpl tpl)
{
	int i, j;

	memset(r, 0, sizeof(*r));
	r->tpl = tpl;
	for (i = 0; i < GK_S2__MAX; i++)
		if (gk_s2_in((enum gk_s2)i, tpl))
			gk_cell_set_int(&r->s2[i], 0);
	for (i = 0; i < GK_S3ROW__MAX; i++)
		if (gk_s3_row_in((enum gk_s3row)i, tpl))
			for (j = 0; j < GK_S3COL__MAX; j++)
				gk_cell_set_int(&r->s3[i][j], 0);
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			gk_cell_set_int(&r->s4[i][j], 0);
}

void
gk_report_clear(struct gk_report *r)
{
	int i;

	for (i = 0; i < GK_NARR__MAX; i++)
		gk_free(r->narr[i]);
	memset(r, 0, sizeof(*r));
}

enum gk_err
gk_report_set_narr(struct gk_report *r, enum gk_narr n, const char *text)
{
	char *p = NULL;

	if (text != NULL && (p = gk_strdup(text)) == NULL)
		return GK_ENOMEM;
	gk_free(r->narr[n]);
	r->narr[n] = p;
	return GK_OK;
}

enum gk_err
gk_report_copy(struct gk_report *dst, const struct gk_report *src)
{
	int i;

	memcpy(dst, src, sizeof(*dst));
	for (i = 0; i < GK_NARR__MAX; i++)
		dst->narr[i] = NULL;
	for (i = 0; i < GK_NARR__MAX; i++)
		if (src->narr[i] != NULL &&
		    (dst->narr[i] = gk_strdup(src->narr[i])) == NULL) {
			gk_report_clear(dst);
			return GK_ENOMEM;
		}
	return GK_OK;
}

int
gk_report_equal(const struct gk_report *a, const struct gk_report *b)
{
	int i, j;

	if (a->tpl != b->tpl || a->year != b->year ||
	    strcmp(a->agency, b->agency) != 0)
		return 0;
	for (i = 0; i < GK_NARR__MAX; i++) {
		if ((a->narr[i] == NULL) != (b->narr[i] == NULL))
			return 0;
		if (a->narr[i] && strcmp(a->narr[i], b->narr[i]) != 0)
			return 0;
	}
	for (i = 0; i < GK_S2__MAX; i++)
		if (!gk_cell_equal(&a->s2[i], &b->s2[i]))
			return 0;
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			if (!gk_cell_equal(&a->s3[i][j], &b->s3[i][j]))
				return 0;
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			if (!gk_cell_equal(&a->s4[i][j], &b->s4[i][j]))
				return 0;
	return 1;
}

void
gk_report_fill_totals(struct gk_report *r)
{
	int	 i, j;
	int64_t	 sum;

	for (i = 0; i < GK_S3ROW__MAX; i++) {
		if (r->s3[i][GK_S3_ALL].state == GK_CELL_ABSENT)
			continue;
		sum = 0;
		for (j = 0; j < GK_S3_ALL; j++) {
			if (r->s3[i][j].state != GK_CELL_NUM)
				goto next_row;
			sum += r->s3[i][j].num;
		}
		gk_cell_set_num(&r->s3[i][GK_S3_ALL], sum);
next_row:	;
	}
	for (j = 0; j < GK_S3COL__MAX; j++) {
		sum = 0;
		for (i = 0; i < GK_S3ROW__MAX; i++) {
			if (gk_s3_rows[i].role == GK_S3R_OUTCOME ||
			    (gk_s3_rows[i].role == GK_S3R_GROUP && gk_s3_row_in((enum gk_s3row)i, r->tpl))) {
				if (r->s3[i][j].state == GK_CELL_ABSENT)
					continue;
				if (r->s3[i][j].state != GK_CELL_NUM)
					goto next_col;
				sum += r->s3[i][j].num;
			}
		}
		gk_cell_set_num(&r->s3[GK_S3_TOTAL][j], sum);
next_col:	;
	}
	for (i = 0; i < GK_S4ROUTE__MAX; i++) {
		sum = 0;
		for (j = 0; j < GK_S4_TOTAL; j++) {
			if (r->s4[i][j].state != GK_CELL_NUM)
				goto next_route;
			sum += r->s4[i][j].num;
		}
		gk_cell_set_num(&r->s4[i][GK_S4_TOTAL], sum);
next_route:	;
	}
}

/* Badness order for aggregation: a worse state wins over a number. */
static int
cell_badness(const struct gk_cell *c)
{
	switch (c->state) {
	case GK_CELL_UNREADABLE:
		return 3;
	case GK_CELL_BLANK:
		return 2;
	default:
		return 0;
	}
}

static void
cell_add(struct gk_cell *d, const struct gk_cell *s)
{
	int64_t a, b;

	if (s->state == GK_CELL_ABSENT)
		return;
	if (d->state == GK_CELL_ABSENT) {
		*d = *s;
		return;
	}
	if (cell_badness(d) || cell_badness(s)) {
		if (cell_badness(s) > cell_badness(d))
			*d = *s;
		return;
	}
	if (d->state == GK_CELL_TEXT && s->state == GK_CELL_TEXT)
		return;		/* 未增未减 + 未增未减 */
	a = d->state == GK_CELL_NUM ? d->num : 0;
	b = s->state == GK_CELL_NUM ? s->num : 0;
	if (d->state == GK_CELL_NUM && s->state == GK_CELL_NUM &&
	    strcmp(d->text, s->text) != 0) {
		gk_cell_set_text(d, GK_CELL_UNREADABLE, "单位不一致");
		return;
	}
	if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < INT64_MIN - b)) {
		gk_cell_set_text(d, GK_CELL_UNREADABLE, "数值溢出");
		return;
	}
	if (d->state == GK_CELL_NUM)
		d->num = a + b;
	else {
		char unit[GK_CELL_TEXT_MAX];

		memcpy(unit, s->text, sizeof(unit));
		gk_cell_set_num(d, a + b);
		memcpy(d->text, unit, sizeof(unit));
	}
}

enum gk_err
gk_report_add(struct gk_report *dst, const struct gk_report *src)
{
	int i, j;

	if (dst->tpl != src->tpl)
		return GK_EINVAL;
	for (i = 0; i < GK_S2__MAX; i++)
		cell_add(&dst->s2[i], &src->s2[i]);
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			cell_add(&dst->s3[i][j], &src->s3[i][j]);
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			cell_add(&dst->s4[i][j], &src->s4[i][j]);
	return GK_OK;
}
