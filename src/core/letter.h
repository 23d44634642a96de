/*
 * letter.h — the answer letter (政府信息公开申请答复告知书) for an
 * application, one wording per outcome (the leaf rows of the report's
 * section 三, core/apply.h), in the style of a Chinese official letter:
 * title, 编号, salutation, the body with its legal basis, the remedy
 * paragraph, the agency's contacts, its name and the date.
 *
 * The remedy: 行政复议 within 60 days (《中华人民共和国行政复议法》第二十条)
 * and 行政诉讼 within 6 months (《中华人民共和国行政诉讼法》第四十六条),
 * both counted from receipt of the letter.
 *
 * Personal data: the letter goes to the applicant and carries their name,
 * never their ID number or phone (there are no fields for them, and a
 * text field containing a 居民身份证号, mobile or bank card number is
 * refused: core/scan.h).
 *
 * Pure: renders into a caller-owned gk_buf; every caller string is
 * escaped for the output format (HTML: gk_buf_put_html). The wording and
 * where it comes from: docs/letters.md.
 */
#ifndef GK_LETTER_H
#define GK_LETTER_H

#include <stddef.h>
#include <stdint.h>

#include "core/apply.h"
#include "core/gk.h"

/* Bytes of any one caller string (a longer one is refused). */
#define LETTER_TEXT_MAX		8192

enum letter_format {
	LETTER_MD = 0,		/* Markdown */
	LETTER_HTML,		/* a whole HTML document */
	LETTER_FORMAT__MAX
};

/* The answering agency. Borrowed strings; NULL or "" for an absent optional one. */
struct letter_agency {
	const char	*name;		/* required: the agency (机关名称), signs the letter */
	const char	*office;	/* its 政府信息公开工作机构 (optional) */
	const char	*address;	/* optional contact lines */
	const char	*postcode;
	const char	*phone;
	const char	*email;
	/*
	 * required: where 行政复议 is applied for, as configured per agency
	 * ("盐边县人民政府", or "盐边县人民政府或者攀枝花市商务局"): the
	 * 本级人民政府 or the 上一级主管部门 under 行政复议法.
	 */
	const char	*review_body;
};

struct letter {
	struct letter_agency	 agency;
	const char		*number_prefix;	/* optional: "盐经商信公" before 〔2025〕 */
	long			 number;	/* > 0: 〔year〕第N号; 0: 〔year〕第<tracking>号 */
	const char		*tracking;	/* required: the application's tracking code */
	const char		*applicant;	/* required: name of the person or organisation */
	enum apply_applicant	 applicant_type;	/* 您 for 自然人, 贵单位 otherwise */
	int32_t			 received;	/* required: date of receipt (条例第三十一条) */
	const char		*request;	/* required: the information requested */
	enum apply_outcome	 outcome;
	int32_t			 answered;	/* required: date of the letter, not before received */
	/*
	 * Per outcome (docs/letters.md has the table of what each needs):
	 *  proactive   予以公开: already disclosed proactively (第三十六条第（一）项);
	 *              then where is required
	 *  part        部分公开: required, the part provided
	 *  reasons     required for 部分公开 (why the rest is withheld), 不予公开 2
	 *              (which law forbids it) and 其他处理 3 (what happened); for the
	 *              others an optional further explanation (说明) in the body
	 *  where       how, where and when to obtain it (予以公开, 部分公开, 行政查询,
	 *              信访 channel, 出版物)
	 *  responsible 不掌握: the agency responsible and its contacts (第三十六条第（五）项)
	 *  fee_fen     > 0: the 信息处理费 charged, or for 其他处理 2 the fee not paid
	 */
	int			 proactive;
	const char		*part;
	const char		*reasons;
	const char		*where;
	const char		*responsible;
	int64_t			 fee_fen;
};

/*
 * Appends the letter to out. GK_EINVAL with a Chinese message naming the
 * field when a required field is missing, a date is bad, an outcome or
 * format is unknown, a string is not UTF-8 or too long, or a text carries
 * an ID, mobile or bank card number; GK_ENOMEM/GK_ELIMIT from the buffer.
 * Nothing is appended unless GK_OK.
 */
enum gk_err	 letter_render(const struct letter *, enum letter_format, struct gk_buf *out,
		    char *err, size_t errlen);

/* "2025年3月5日" into buf (at least 32 bytes). */
void		 letter_date_cn(int32_t, char *buf, size_t len);

#endif /* GK_LETTER_H */
