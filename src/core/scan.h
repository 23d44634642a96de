/*
 * scan.h — the confidentiality and personal-information gate: finds
 * personal data (居民身份证号, mobile numbers, bank card numbers, e-mail
 * addresses) and 密级 marks in UTF-8 text, each with its place and a
 * masked excerpt that is safe to show in a log or on a screen.
 *
 * 条例第十四条: information classified as a state secret (国家秘密) is not
 * disclosed; 条例第十五条: information whose disclosure would harm a third
 * party (商业秘密, 个人隐私) is not disclosed. The gate runs before
 * publishing so that neither reaches the portal by accident.
 *
 * The rules (what counts, what does not, and why) are in docs/scan.md.
 */
#ifndef GK_SCAN_H
#define GK_SCAN_H

#include <stddef.h>

#include "core/gk.h"

enum scan_kind {
	SCAN_ID18,	/* 居民身份证号 (GB 11643, 18 characters) */
	SCAN_ID15,	/* 居民身份证号 (old, 15 digits) */
	SCAN_MOBILE,	/* 手机号码 */
	SCAN_BANKCARD,	/* 银行卡号 */
	SCAN_EMAIL,	/* 电子邮箱 */
	SCAN_MARK,	/* 密级标识 */
	SCAN_KIND__MAX
};

/* Stable ids ("ID18", "ID15", "MOBILE", "BANKCARD", "EMAIL", "MARK"). */
const char	*scan_kind_id(enum scan_kind);
/* Chinese names for users ("居民身份证号" …). */
const char	*scan_kind_name(enum scan_kind);

/* Context characters shown on each side of a finding in its excerpt. */
#define SCAN_CONTEXT	8
/* Bytes of an excerpt, NUL included: always valid UTF-8, never cut. */
#define SCAN_EXCERPT_MAX 512
/* Findings kept per text; more set scan_findings.truncated. */
#define SCAN_MAX_FINDINGS 10000

struct scan_finding {
	enum scan_kind	 kind;
	size_t		 offset;	/* byte offset of the match in the text */
	size_t		 len;		/* bytes matched */
	size_t		 line;		/* 1-based line ('\n' separates lines) */
	size_t		 col;		/* 1-based column, in characters */
	char		 masked[SCAN_EXCERPT_MAX];	/* the value masked ("138****5678"); marks as written */
	char		 excerpt[SCAN_EXCERPT_MAX];	/* masked value with a little context */
};

struct scan_findings {
	struct scan_finding	*v;	/* sorted by offset, never overlapping */
	size_t			 n, cap;
	int			 truncated;	/* more than SCAN_MAX_FINDINGS were found */
};

void	 scan_findings_init(struct scan_findings *);
void	 scan_findings_clear(struct scan_findings *);
/* How many findings of one kind. */
size_t	 scan_findings_count(const struct scan_findings *, enum scan_kind);

/*
 * Scans len bytes of text (need not be NUL-terminated; invalid UTF-8 is
 * tolerated, each bad byte counts as one character) and replaces out's
 * contents with every finding. Returns GK_OK or GK_ENOMEM (out is then
 * empty).
 */
enum gk_err scan_text(const char *utf8, size_t len, struct scan_findings *out);

/*
 * Validators the scanner uses, for tests and other callers. s holds ASCII
 * digits only (and for the ID a final 'X'); no separators.
 */
int	 scan_id18_valid(const char *s, size_t len);	/* region, date, MOD 11-2 */
int	 scan_id15_valid(const char *s, size_t len);	/* region, 19YYMMDD */
int	 scan_luhn_valid(const char *s, size_t len);
int	 scan_mobile_valid(const char *s, size_t len);	/* 11 digits, 1[3-9] with a valid third digit */
int	 scan_bankcard_valid(const char *s, size_t len);	/* 16–19 digits, prefix, Luhn */

#endif /* GK_SCAN_H */
