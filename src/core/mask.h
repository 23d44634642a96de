/*
 * mask.h — masking of personal data (个人信息) for lists, exports, the
 * audit chain and anything else read by people whose role does not need
 * the data in clear (《个人信息保护法》第五十一条: 去标识化 as a security
 * measure; the 条例 itself only says personal data is not disclosed,
 * 第十五条).
 *
 *   name      张三 → 张*, 欧阳娜娜 → 欧阳** (the compound surnames of
 *             mask.c), John Smith → J*** S****; an organisation's name
 *             (gk_mask_is_org_name, or person = 0) is kept
 *   phone     13812345678 → 138****5678; +86 138 1234 5678 → +86 138 **** 5678
 *             (separators kept, the 4 digits before the last 4 of the
 *             last 11 masked; 11 to 13 digits); 0812-3456789 → 0812-***6789;
 *             fewer than 7 or more than 13 digits (two numbers?): all but
 *             the last 4 masked (fewer than 7: all); never more than 9
 *             digits shown
 *   idno      110105194912310021 → 110105********0021 (first 6, last 4;
 *             9–10 characters: first 1 and last 2; shorter: all masked)
 *   email     zhangsan@example.com → z***@example.com (three stars
 *             whatever the length; the domain kept)
 *   address   四川省攀枝花市盐边县桐子林镇… → 四川省攀枝花市盐边县**** (up to
 *             the county level; nothing recognisable: ****)
 *
 * In every kind a character that is not expected there (letters in a
 * phone number, anything but the kept prefix of an address) is masked,
 * bad UTF-8 bytes included: the output is always valid UTF-8 and never
 * longer than the input plus GK_MASK_EXTRA bytes. Empty stays empty.
 *
 * Pure: no I/O.
 */
#ifndef GK_MASK_H
#define GK_MASK_H

#include <stddef.h>

#include "core/gk.h"

enum gk_mask_kind {
	GK_MASK_NAME = 0,	/* a natural person's name */
	GK_MASK_ORG,		/* a name that may be an organisation's: kept when it looks like one */
	GK_MASK_PHONE,
	GK_MASK_IDNO,
	GK_MASK_EMAIL,
	GK_MASK_ADDRESS,
	GK_MASK__MAX
};

#define GK_MASK_EXTRA	8

/*
 * Masks s (NUL-terminated; NULL is taken as "") into out[n], always
 * NUL-terminated, cut at a character boundary when n is too small (n >=
 * strlen(s) + GK_MASK_EXTRA + 1 is always enough). Returns the length
 * written.
 */
size_t		 gk_mask(enum gk_mask_kind, const char *s, char *out, size_t n);

/* The same into a new string (gk_free); NULL when out of memory. */
char		*gk_mask_dup(enum gk_mask_kind, const char *s);

/*
 * 1 when a name looks like an organisation's: at least 4 characters
 * ending in one of the suffixes of mask.c (公司, 事务所, 中心, 协会, 研究院,
 * 大学, 医院, 委员会, 合作社, 局, 厅, …; Co., Ltd, Inc, LLC, LLP in Latin
 * letters). Single-character endings such as 会 or 所 are not enough (a
 * person may be called 王会), so a doubtful name is masked.
 */
int		 gk_mask_is_org_name(const char *s);

#endif /* GK_MASK_H */
