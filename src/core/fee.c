/*
 * fee.c — the 信息处理费 of 国办函〔2020〕109号: progressive (超额累进)
 * charging per item within an applicant's calendar month or per page of
 * one application, the explanation for the 收费通知, and 元 formatting.
 * Pure logic; amounts in 分.
 */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "core/fee.h"

const char *
fee_method_name(enum fee_method m)
{
	static const char *const v[FEE_METHOD__MAX] = { "item", "volume" };

	return (unsigned)m < FEE_METHOD__MAX ? v[m] : "?";
}

const char *
fee_method_label(enum fee_method m)
{
	static const char *const v[FEE_METHOD__MAX] = { "按件计收", "按量计收" };

	return (unsigned)m < FEE_METHOD__MAX ? v[m] : "?";
}

int
fee_method_from_name(const char *s, enum fee_method *out)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < FEE_METHOD__MAX; i++)
		if (strcmp(s, fee_method_name((enum fee_method)i)) == 0 ||
		    strcmp(s, fee_method_label((enum fee_method)i)) == 0) {
			*out = (enum fee_method)i;
			return 1;
		}
	return 0;
}

void
fee_settings_default(struct fee_settings *s)
{
	memset(s, 0, sizeof(*s));
	s->item_band_size = 10;			/* 第四条: 以10件为一档 */
	s->item_band_raise = 10000;		/* 第四条: 每增加一档提高100元/件 */
	s->volume_needs_copy_form = 1;		/* 第五条: 纸质件、电子邮件、复制电子数据 */
}

enum gk_err
fee_settings_check(const struct fee_settings *s, char *err, size_t errlen)
{
	if (errlen)
		err[0] = '\0';
	if (s == NULL) {
		snprintf(err, errlen, "缺少收费设置");
		return GK_EINVAL;
	}
	if (s->item_band_size < 1 || s->item_band_size > FEE_BAND_SIZE_MAX) {
		snprintf(err, errlen, "按件计收的分档件数 %d 无效：应为 1 到 %d 件",
		    s->item_band_size, FEE_BAND_SIZE_MAX);
		return GK_EINVAL;
	}
	if (s->item_band_raise < 0 || s->item_band_raise > FEE_BAND_RAISE_MAX) {
		snprintf(err, errlen, "按件计收每档加价 %" PRId64 " 分无效：应为 0 到 %" PRId64 " 分",
		    s->item_band_raise, FEE_BAND_RAISE_MAX);
		return GK_EINVAL;
	}
	if (s->volume_needs_copy_form != 0 && s->volume_needs_copy_form != 1) {
		snprintf(err, errlen, "按量计收适用范围设置无效：应为 0 或 1");
		return GK_EINVAL;
	}
	return GK_OK;
}

enum fee_method
fee_method_suggest(int copy_form)
{
	return copy_form ? FEE_PER_VOLUME : FEE_PER_ITEM;
}

/* A run of units charged at one rate: units from..to (to < 0: no end). */
struct seg {
	long	 from, to;
	int64_t	 rate;
};

/* 第五条: pages 1–30 free, 31–100 10 元, 101–200 20 元, from 201 40 元. */
static const struct seg volume_segs[] = {
	{ 1, 30, 0 }, { 31, 100, 1000 }, { 101, 200, 2000 }, { 201, -1, 4000 },
};

/* The run that unit k (1-based) falls in. */
static struct seg
seg_of(const struct fee_settings *s, enum fee_method m, long k)
{
	struct seg g;
	size_t i;
	long b;

	if (m == FEE_PER_VOLUME) {
		for (i = 0; i + 1 < sizeof(volume_segs) / sizeof(volume_segs[0]); i++)
			if (k <= volume_segs[i].to)
				break;
		return volume_segs[i];
	}
	/* 第四条 */
	if (k <= FEE_ITEM_FREE) {
		g.from = 1;
		g.to = FEE_ITEM_FREE;
		g.rate = 0;
	} else if (k <= FEE_ITEM_BASE_TO) {
		g.from = FEE_ITEM_FREE + 1;
		g.to = FEE_ITEM_BASE_TO;
		g.rate = FEE_ITEM_BASE_RATE;
	} else {
		/* Band b (0-based) from item 31: rate = 100 元 + (b + 1) raises. */
		b = (k - FEE_ITEM_BASE_TO - 1) / s->item_band_size;
		g.from = FEE_ITEM_BASE_TO + 1 + b * s->item_band_size;
		g.to = g.from + s->item_band_size - 1;
		/* b + 1 ≤ FEE_ITEMS_MAX and raise ≤ FEE_BAND_RAISE_MAX: no overflow. */
		g.rate = FEE_ITEM_BASE_RATE + (int64_t)(b + 1) * s->item_band_raise;
	}
	return g;
}

/*
 * Checks a request and gives the units it charges, lo..hi (hi < lo: none).
 * The counts are bounded by the caps, so every product below fits.
 */
static enum gk_err
check_request(const struct fee_settings *s, const struct fee_request *r,
    long *lo, long *hi, char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = fee_settings_check(s, err, errlen)) != GK_OK)
		return e;
	if (r == NULL || (unsigned)r->method >= FEE_METHOD__MAX) {
		snprintf(err, errlen, "计收方式无效：应为按件计收或按量计收");
		return GK_EINVAL;
	}
	if (r->method == FEE_PER_ITEM) {
		if (r->pages != 0) {
			snprintf(err, errlen, "按件计收的申请不能同时按页数计收"
			    "（国办函〔2020〕109号第三条：同一申请只能选择一种方式）");
			return GK_EINVAL;
		}
		if (r->prior_items < 0 || r->items < 0) {
			snprintf(err, errlen, "件数不能为负数");
			return GK_EINVAL;
		}
		if (r->prior_items > FEE_ITEMS_MAX - r->items) {
			snprintf(err, errlen, "同一申请人本月累计件数超过 %ld 件，无法计算"
			    "（请核对件数）", FEE_ITEMS_MAX);
			return GK_ELIMIT;
		}
		*lo = r->prior_items + 1;
		*hi = r->prior_items + r->items;
		return GK_OK;
	}
	if (r->items != 0 || r->prior_items != 0) {
		snprintf(err, errlen, "按量计收的申请不能同时按件计收"
		    "（国办函〔2020〕109号第三条：同一申请只能选择一种方式）");
		return GK_EINVAL;
	}
	if (s->volume_needs_copy_form && !r->copy_form) {
		snprintf(err, errlen, "按量计收只适用于申请人要求以纸质件、发送电子邮件、"
		    "复制电子数据等方式提供的情形（国办函〔2020〕109号第五条）");
		return GK_EINVAL;
	}
	if (r->pages < 0) {
		snprintf(err, errlen, "页数不能为负数");
		return GK_EINVAL;
	}
	if (r->pages > FEE_PAGES_MAX) {
		snprintf(err, errlen, "页数超过 %ld 页，无法计算（请核对页数）", FEE_PAGES_MAX);
		return GK_ELIMIT;
	}
	*lo = 1;
	*hi = r->pages;
	return GK_OK;
}

/* A whole application: check_request(), and 按件 has at least one item (一事一申请). */
static enum gk_err
check_application(const struct fee_settings *s, const struct fee_request *r,
    long *lo, long *hi, char *err, size_t errlen)
{
	enum gk_err e;

	if ((e = check_request(s, r, lo, hi, err, errlen)) != GK_OK)
		return e;
	if (r->method == FEE_PER_ITEM && r->items == 0) {
		snprintf(err, errlen, "按件计收的申请至少有 1 件");
		return GK_EINVAL;
	}
	return GK_OK;
}

/* The sum over units lo..hi; with buf, one clause per run (Chinese). */
static int64_t
sum_runs(const struct fee_settings *s, enum fee_method m, long lo, long hi,
    struct gk_buf *buf)
{
	const char *unit = m == FEE_PER_ITEM ? "件" : "页";
	char money[FEE_YUAN_LEN], rate[FEE_YUAN_LEN];
	struct seg g;
	int64_t total = 0, sub;
	long k = lo, to;

	while (k <= hi) {
		g = seg_of(s, m, k);
		to = g.to < 0 || g.to > hi ? hi : g.to;
		sub = (int64_t)(to - k + 1) * g.rate;
		total += sub;
		if (buf != NULL) {
			if (to == k)
				gk_buf_printf(buf, "第%ld%s", k, unit);
			else
				gk_buf_printf(buf, "第%ld至%ld%s", k, to, unit);
			if (g.rate == 0) {
				gk_buf_printf(buf, "，%ld%s免费；", to - k + 1, unit);
			} else {
				fee_format_yuan(g.rate, rate);
				fee_format_yuan(sub, money);
				gk_buf_printf(buf, "，%ld%s×%s=%s；", to - k + 1, unit, rate, money);
			}
		}
		k = to + 1;
	}
	return total;
}

enum gk_err
fee_per_item(const struct fee_settings *s, long prior_items, long items,
    int64_t *fen, char *err, size_t errlen)
{
	struct fee_request r;
	long lo, hi;
	enum gk_err e;

	memset(&r, 0, sizeof(r));
	r.method = FEE_PER_ITEM;
	r.prior_items = prior_items;
	r.items = items;
	if ((e = check_request(s, &r, &lo, &hi, err, errlen)) != GK_OK)
		return e;
	*fen = sum_runs(s, FEE_PER_ITEM, lo, hi, NULL);
	return GK_OK;
}

enum gk_err
fee_per_volume(long pages, int64_t *fen, char *err, size_t errlen)
{
	struct fee_settings s;
	struct fee_request r;
	long lo, hi;
	enum gk_err e;

	fee_settings_default(&s);
	memset(&r, 0, sizeof(r));
	r.method = FEE_PER_VOLUME;
	r.pages = pages;
	r.copy_form = 1;
	if ((e = check_request(&s, &r, &lo, &hi, err, errlen)) != GK_OK)
		return e;
	*fen = sum_runs(&s, FEE_PER_VOLUME, lo, hi, NULL);
	return GK_OK;
}

enum gk_err
fee_compute(const struct fee_settings *s, const struct fee_request *r,
    int64_t *fen, char *err, size_t errlen)
{
	long lo, hi;
	enum gk_err e;

	if ((e = check_application(s, r, &lo, &hi, err, errlen)) != GK_OK)
		return e;
	*fen = sum_runs(s, r->method, lo, hi, NULL);
	return GK_OK;
}

enum gk_err
fee_explain(struct gk_buf *out, const struct fee_settings *s,
    const struct fee_request *r, char *err, size_t errlen)
{
	struct gk_buf b;
	char money[FEE_YUAN_LEN];
	int64_t total;
	long lo, hi;
	enum gk_err e;

	if ((e = check_application(s, r, &lo, &hi, err, errlen)) != GK_OK)
		return e;
	gk_buf_init(&b, 0);
	if (r->method == FEE_PER_ITEM) {
		gk_buf_printf(&b, "按件计收（国办函〔2020〕109号第四条，同一申请人一个自然月内累计），"
		    "本次%ld件，为本月第%ld至%ld件（此前已有%ld件）：", r->items, lo, hi,
		    r->prior_items);
	} else {
		gk_buf_printf(&b, "按量计收（国办函〔2020〕109号第五条，按本次申请提供的页数），"
		    "共%ld页：", r->pages);
	}
	total = sum_runs(s, r->method, lo, hi, &b);
	fee_format_yuan(total, money);
	gk_buf_printf(&b, "合计%s。", money);
	if (b.err == GK_OK)
		gk_buf_append(out, b.data, b.len);
	e = b.err != GK_OK ? b.err : out->err;
	gk_buf_clear(&b);
	if (e != GK_OK)
		snprintf(err, errlen, "%s", gk_strerror(e));
	return e;
}

void
fee_format_yuan(int64_t fen, char *buf)
{
	uint64_t m;
	unsigned cents;

	m = fen < 0 ? (uint64_t)0 - (uint64_t)fen : (uint64_t)fen;
	cents = (unsigned)(m % 100);
	if (cents != 0)
		snprintf(buf, FEE_YUAN_LEN, "%s%" PRIu64 ".%02u元", fen < 0 ? "-" : "",
		    m / 100, cents);
	else
		snprintf(buf, FEE_YUAN_LEN, "%s%" PRIu64 "元", fen < 0 ? "-" : "", m / 100);
}

enum gk_err
fee_total_add(int64_t *total, int64_t fen)
{
	if (fen < 0 || *total < 0)
		return GK_EINVAL;
	if (*total > INT64_MAX - fen)
		return GK_ELIMIT;
	*total += fen;
	return GK_OK;
}

enum gk_err
fee_year_sentence(struct gk_buf *out, int64_t total_fen)
{
	char money[FEE_YUAN_LEN];

	if (total_fen < 0)
		return GK_EINVAL;
	if (total_fen == 0)
		return gk_buf_puts(out, "本年度未收取信息处理费。");
	fee_format_yuan(total_fen, money);
	return gk_buf_printf(out, "本年度收取信息处理费%s。", money);
}
