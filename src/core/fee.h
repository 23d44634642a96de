/*
 * fee.h — the 信息处理费 (information processing fee) of 条例第四十二条 as
 * set by 《政府信息公开信息处理费管理办法》 (国办函〔2020〕109号). Pure:
 * amounts are int64_t 分 (1 元 = 100 分); nothing is read or stored here.
 *
 * The rules (docs/fees.md has every rule and every choice):
 *   第三条  two methods, 按件计收 or 按量计收, both 超额累进 (each unit is
 *           charged at the rate of the band it falls in); the agency chooses
 *           one per application and never charges both.
 *   第四条  按件: counted per applicant per calendar month (同一申请人一个自然
 *           月内累计): items 1–10 free; 11–30 100 元/件; from 31 in bands of
 *           10 items, each band 100 元/件 more than the one before (31–40
 *           200, 41–50 300, …). The text gives only "以10件为一档，每增加
 *           一档，收费标准提高100元/件"; the band size and the raise are
 *           settings with that reading as their default.
 *   第五条  按量: per application by pages, for information provided as
 *           paper copies, by e-mail or as copied electronic data: pages 1–30
 *           free; 31–100 10 元/页; 101–200 20 元/页; from 201 40 元/页.
 *
 * Not here: whether the time from fee notice to payment stops the answer
 * clock. That is apply_rules.fee_pauses_clock in core/apply.h (default 1,
 * the clock stops; the national text we hold does not settle it).
 */
#ifndef GK_FEE_H
#define GK_FEE_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

/* Sane caps: larger inputs are refused (GK_ELIMIT), never wrapped. */
#define FEE_ITEMS_MAX		10000L		/* items of one applicant in one month */
#define FEE_PAGES_MAX		1000000L	/* pages of one application */
#define FEE_BAND_SIZE_MAX	1000
#define FEE_BAND_RAISE_MAX	((int64_t)1000000)	/* 分: 10,000 元/件 per band */

/* Free thresholds and rates fixed by 国办函〔2020〕109号 (分). */
#define FEE_ITEM_FREE		10		/* 第四条: 10 件以下（含10件）不收费 */
#define FEE_ITEM_BASE_TO	30		/* 第四条: 11–30 件 */
#define FEE_ITEM_BASE_RATE	((int64_t)10000)	/* 100 元/件 */

/* Bytes of a formatted amount, NUL included ("-92233720368547758.08元"). */
#define FEE_YUAN_LEN		32

enum fee_method {
	FEE_PER_ITEM = 0,	/* 按件计收 (第四条) */
	FEE_PER_VOLUME,		/* 按量计收 (第五条) */
	FEE_METHOD__MAX
};

const char	*fee_method_name(enum fee_method);	/* "item", "volume" */
const char	*fee_method_label(enum fee_method);	/* "按件计收", "按量计收" */
/* Accepts the storage name or the Chinese label; 0 when unknown. */
int		 fee_method_from_name(const char *, enum fee_method *);

/* What an agency may set (plain data; the store keeps it per agency). */
struct fee_settings {
	/*
	 * 按件, from item 31: the number of items in a band (default 10) and
	 * how much each further band adds to the rate, in 分 (default 10000,
	 * i.e. 100 元/件). 第四条 says "以10件为一档，每增加一档，收费标准提高
	 * 100元/件"; whether the first band above 30 is already raised (31–40
	 * at 200 元) is our reading, not spelled out in any text found.
	 */
	int	 item_band_size;
	int64_t	 item_band_raise;
	/*
	 * 按量 only for paper copies, e-mail or copied electronic data (第五条:
	 * "适用于申请人要求以纸质件、发送电子邮件、复制电子数据等方式提供政府
	 * 信息的情形"). Default 1: fee_compute() refuses 按量 for an application
	 * whose form is none of these. 0 lets the agency use 按量 for any form.
	 */
	int	 volume_needs_copy_form;
};

void		 fee_settings_default(struct fee_settings *);
/* GK_OK, or GK_EINVAL with a Chinese message when a setting is out of range. */
enum gk_err	 fee_settings_check(const struct fee_settings *, char *err, size_t errlen);

/*
 * The method to suggest for an application: 按量 when the applicant asked
 * for paper copies, e-mail or copied data (copy_form != 0), else 按件,
 * which 第四条 allows for every kind of decision. The agency decides.
 */
enum fee_method	 fee_method_suggest(int copy_form);

/* One application's fee question. Exactly one method; the other's fields stay 0. */
struct fee_request {
	enum fee_method	 method;
	long		 prior_items;	/* 按件: items the same applicant already had this calendar month */
	long		 items;		/* 按件: items of this application (一事一申请 units) */
	long		 pages;		/* 按量: pages provided */
	int		 copy_form;	/* paper / e-mail / copied electronic data requested */
};

/*
 * 按件: the fee of the items numbered prior_items+1 .. prior_items+items in
 * the applicant's month, in 分. GK_EINVAL for negative counts, GK_ELIMIT
 * when prior_items + items exceeds FEE_ITEMS_MAX.
 */
enum gk_err	 fee_per_item(const struct fee_settings *, long prior_items, long items,
		    int64_t *fen, char *err, size_t errlen);
/* 按量: the fee of pages 1..pages of one application, in 分. */
enum gk_err	 fee_per_volume(long pages, int64_t *fen, char *err, size_t errlen);

/*
 * The fee of one application by its one method. Refused (GK_EINVAL, Chinese
 * message): an unknown method, fields of the other method set (never both,
 * 第三条), 按量 for a form other than copies when the setting requires it,
 * negative counts, bad settings; GK_ELIMIT above the caps.
 */
enum gk_err	 fee_compute(const struct fee_settings *, const struct fee_request *,
		    int64_t *fen, char *err, size_t errlen);

/*
 * Appends the computation in Chinese, band by band, for the 收费通知 (which
 * states the basis, the rates and the amount), e.g.
 * "按件计收（国办函〔2020〕109号第四条），本月第9至13件：第9至10件免费；
 *  第11至13件，3件×100元=300元；合计300元。"
 * Same refusals as fee_compute(); nothing is appended when refused.
 */
enum gk_err	 fee_explain(struct gk_buf *, const struct fee_settings *,
		    const struct fee_request *, char *err, size_t errlen);

/*
 * Writes an amount of 分 as 元 into buf[FEE_YUAN_LEN], the way Chinese
 * official texts write it: digits without grouping, no space before 元,
 * 角/分 only when present: 30000 → "300元", 123450 → "1234.50元",
 * 5 → "0.05元". A negative amount gets a leading "-".
 */
void		 fee_format_yuan(int64_t fen, char *buf);

/*
 * Adds one application's fee to a running total (the year's figure for
 * the report's section 六); GK_ELIMIT on overflow, GK_EINVAL if fen < 0.
 */
enum gk_err	 fee_total_add(int64_t *total, int64_t fen);

/*
 * The section-六 sentence for a year's total: "本年度收取信息处理费300元。"
 * or, for 0, "本年度未收取信息处理费。"
 */
enum gk_err	 fee_year_sentence(struct gk_buf *, int64_t total_fen);

#endif /* GK_FEE_H */
