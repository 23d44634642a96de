/*
 * report_gen.c — random annual-report models for property tests and
 * benchmarks (no test-framework dependency, so bench/ can use it too).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_gen.h"

uint64_t
gk_test_rand(uint64_t *s)
{
	uint64_t x = *s ? *s : 0x9E3779B97F4A7C15ULL;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}


static const char *const rnd_agencies[] = {
	"盐边县经济合作和商务局", "某某市交通运输局", "某某区人民政府办公室",
	"A&B 县“数据”管理局", "某某省自然资源厅",
};

static const char *const rnd_paras[] = {
	"公开内容全面覆盖，主动公开政策文件5件。",
	"全年共收到政府信息公开申请，均在法定期限内答复。",
	"强化审核：<script>alert(1)</script> 不应被执行 & 应被转义。",
	"引号 \"双引号\" 与 '单引号' 以及 | 竖线 和 * 星号。",
	"（一）主动公开方面",
	"**公开渠道协同性不强。**门户网站、微信公众号等平台信息更新不同步。",
	"本年度未收取信息处理费，且无其他需要报告的事项。",
	"Latin text 123 and 数字 2025 年 mixed.",
};

static uint64_t
rnd(uint64_t *s, uint64_t n)
{
	return n ? gk_test_rand(s) % n : 0;
}

static char *
rnd_narr(uint64_t *s)
{
	char buf[2048];
	size_t n = 0, k, i, np = 1 + rnd(s, 4);

	buf[0] = '\0';
	for (i = 0; i < np; i++) {
		const char *p = rnd_paras[rnd(s, sizeof(rnd_paras) / sizeof(rnd_paras[0]))];

		k = strlen(p);
		if (n + k + 3 >= sizeof(buf))
			break;
		if (n) {
			memcpy(buf + n, "\n\n", 2);
			n += 2;
		}
		memcpy(buf + n, p, k);
		n += k;
		buf[n] = '\0';
	}
	return strdup(buf);
}

static void
rnd_odd(struct gk_cell *c, uint64_t *s, enum gk_kind kind)
{
	static const char *const junk[] = { "—", "/", "无", "不详" };

	switch (rnd(s, 12)) {
	case 0:
		gk_cell_set_blank(c);
		break;
	case 1:
		gk_cell_set_text(c, GK_CELL_UNREADABLE, junk[rnd(s, 4)]);
		break;
	case 2:
		if (kind == GK_KIND_DELTA)
			gk_cell_set_text(c, GK_CELL_TEXT, "未增未减");
		break;
	default:
		break;
	}
}

void
gk_test_random_report(struct gk_report *r, uint64_t *s, int odd)
{
	int i, j;

	gk_report_init(r, rnd(s, 3) == 0 ? GK_TPL_2019 : GK_TPL_2021);
	if (rnd(s, 8) != 0)
		strncpy(r->agency, rnd_agencies[rnd(s, 5)], sizeof(r->agency) - 1);
	r->year = rnd(s, 8) != 0 ? 2019 + (int)rnd(s, 8) : 0;
	for (i = 0; i < GK_NARR__MAX; i++)
		if (rnd(s, 5) != 0)
			r->narr[i] = rnd_narr(s);
	for (i = 0; i < GK_S2__MAX; i++) {
		enum gk_kind k = gk_s2_kind((enum gk_s2)i);

		if (r->s2[i].state == GK_CELL_ABSENT)
			continue;
		if (k == GK_KIND_AMOUNT) {
			gk_cell_set_num(&r->s2[i], (int64_t)rnd(s, 100000) * 10000);
			if (odd && rnd(s, 3) == 0)
				strncpy(r->s2[i].text, "元", sizeof(r->s2[i].text) - 1);
		} else if (k == GK_KIND_DELTA)
			gk_cell_set_int(&r->s2[i], (int64_t)rnd(s, 41) - 20);
		else
			gk_cell_set_int(&r->s2[i], (int64_t)(rnd(s, 3) ? rnd(s, 20) : rnd(s, 5000)));
		if (odd)
			rnd_odd(&r->s2[i], s, k);
	}
	for (j = 0; j < GK_S3_ALL; j++) {
		int64_t total = 0, carry, out;

		for (i = 0; i < GK_S3ROW__MAX; i++) {
			if (!gk_s3_row_in((enum gk_s3row)i, r->tpl) ||
			    (gk_s3_rows[i].role != GK_S3R_OUTCOME && gk_s3_rows[i].role != GK_S3R_GROUP))
				continue;
			gk_cell_set_int(&r->s3[i][j], rnd(s, 3) ? 0 : (int64_t)rnd(s, 30));
			total += r->s3[i][j].num / GK_NUM_SCALE;
		}
		out = (int64_t)rnd(s, 5);
		carry = (int64_t)rnd(s, (uint64_t)(total + out + 1));
		gk_cell_set_int(&r->s3[GK_S3_CARRIED_IN][j], carry);
		gk_cell_set_int(&r->s3[GK_S3_CARRIED_OUT][j], out);
		gk_cell_set_int(&r->s3[GK_S3_NEW][j], total + out - carry);
	}
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4_TOTAL; j++)
			gk_cell_set_int(&r->s4[i][j], rnd(s, 2) ? 0 : (int64_t)rnd(s, 9));
	gk_report_fill_totals(r);
	if (odd) {
		for (i = 0; i < GK_S3ROW__MAX; i++)
			for (j = 0; j < GK_S3COL__MAX; j++)
				if (r->s3[i][j].state != GK_CELL_ABSENT)
					rnd_odd(&r->s3[i][j], s, GK_KIND_COUNT);
		for (i = 0; i < GK_S4ROUTE__MAX; i++)
			for (j = 0; j < GK_S4RES__MAX; j++)
				rnd_odd(&r->s4[i][j], s, GK_KIND_COUNT);
	}
}

/* Names the first difference between two models, for failure messages. */
void
gk_test_report_diff(const struct gk_report *a, const struct gk_report *b, char *out, size_t n)
{
	char x[64], y[64];
	int i, j;

	snprintf(out, n, "header/narrative");
	if (a->tpl != b->tpl || a->year != b->year || strcmp(a->agency, b->agency) != 0) {
		snprintf(out, n, "tpl %d/%d year %d/%d agency %.60s/%.60s", a->tpl, b->tpl,
		    a->year, b->year, a->agency, b->agency);
		return;
	}
	for (i = 0; i < GK_NARR__MAX; i++)
		if ((a->narr[i] == NULL) != (b->narr[i] == NULL) ||
		    (a->narr[i] && strcmp(a->narr[i], b->narr[i]) != 0)) {
			snprintf(out, n, "narr %d: '%.80s' / '%.80s'", i,
			    a->narr[i] ? a->narr[i] : "(null)", b->narr[i] ? b->narr[i] : "(null)");
			return;
		}
	for (i = 0; i < GK_S2__MAX; i++)
		if (!gk_cell_equal(&a->s2[i], &b->s2[i])) {
			gk_cell_format(&a->s2[i], x, sizeof(x));
			gk_cell_format(&b->s2[i], y, sizeof(y));
			snprintf(out, n, "s2[%d] state %d/%d '%s'/'%s'", i, a->s2[i].state, b->s2[i].state, x, y);
			return;
		}
	for (i = 0; i < GK_S3ROW__MAX; i++)
		for (j = 0; j < GK_S3COL__MAX; j++)
			if (!gk_cell_equal(&a->s3[i][j], &b->s3[i][j])) {
				gk_cell_format(&a->s3[i][j], x, sizeof(x));
				gk_cell_format(&b->s3[i][j], y, sizeof(y));
				snprintf(out, n, "s3[%d][%d] state %d/%d '%s'/'%s'", i, j,
				    a->s3[i][j].state, b->s3[i][j].state, x, y);
				return;
			}
	for (i = 0; i < GK_S4ROUTE__MAX; i++)
		for (j = 0; j < GK_S4RES__MAX; j++)
			if (!gk_cell_equal(&a->s4[i][j], &b->s4[i][j])) {
				gk_cell_format(&a->s4[i][j], x, sizeof(x));
				gk_cell_format(&b->s4[i][j], y, sizeof(y));
				snprintf(out, n, "s4[%d][%d] state %d/%d '%s'/'%s'", i, j,
				    a->s4[i][j].state, b->s4[i][j].state, x, y);
				return;
			}
}


enum gk_err
gk_test_seed_model(struct gk_report *r)
{
	enum gk_err e;

	gk_report_init(r, GK_TPL_2021);
	r->year = 2025;
	snprintf(r->agency, sizeof(r->agency), "%s", "盐边县经济合作和商务局");
	if ((e = gk_report_set_narr(r, GK_NARR_OVERVIEW,
	    "(一) 主动公开方面\n\n"
	    "公开内容全面覆盖。聚焦主责主业，主动公开招商引资政策、重点项目进展、营商环境、惠企政策等核心信息 13 条。\n\n"
	    "（二）依申请公开方面\n\n"
	    "2025年共收到公民、法人及其他组织政府信息公开申请0件。")) != GK_OK ||
	    (e = gk_report_set_narr(r, GK_NARR_PROBLEMS,
	    "主要问题：公开内容深度不足。**公开渠道协同性不强。**门户网站、微信公众号等平台信息更新不同步。")) != GK_OK ||
	    (e = gk_report_set_narr(r, GK_NARR_OTHER,
	    "本年度未收取信息处理费，且无其他需要报告的事项。")) != GK_OK)
		gk_report_clear(r);
	return e;
}
