/*
 * indexno.h — 索引号 (catalogue index numbers) from a per-agency pattern.
 *
 * No national standard fixes the format (legal.md §5.5); the common one is
 * {统一社会信用代码}/{年份}-{5-digit serial}, e.g. 11441700007280420Y/2021-00050,
 * so that is the default. The pattern language:
 *
 *	{code}		the agency's code (统一社会信用代码 or 组织机构代码): [0-9A-Z], 1..32
 *	{year}		four-digit year
 *	{month}		two-digit month
 *	{seq:N}		the sequence number, zero-padded to exactly N digits (1..12);
 *			exactly one per pattern; a number needing more than N
 *			digits is an error, never a wrap
 *	{category}	the category's short code: [a-z0-9-], 1..16
 *	literal text	letters, digits and / - _ .
 *
 * The sequence is counted per agency and per the other placeholders present
 * (per year with {year}, per month with {month}, per category with
 * {category}); indexno_pattern_fields() tells the store which.
 *
 * Pure logic: no I/O.
 */
#ifndef GK_INDEXNO_H
#define GK_INDEXNO_H

#include <stddef.h>
#include <stdint.h>

#include "gk.h"

#define INDEXNO_DEFAULT_PATTERN	"{code}/{year}-{seq:5}"
#define INDEXNO_PATTERN_MAX	128	/* bytes of a pattern */
#define INDEXNO_MAX		64	/* bytes of a 索引号, without NUL */
#define INDEXNO_CODE_MAX	32
#define INDEXNO_SEQ_WIDTH_MAX	12

/* Bits of indexno_pattern_fields(). */
#define INDEXNO_F_CODE		0x01u
#define INDEXNO_F_YEAR		0x02u
#define INDEXNO_F_MONTH		0x04u
#define INDEXNO_F_SEQ		0x08u
#define INDEXNO_F_CATEGORY	0x10u

struct indexno_fields {
	const char	*code;		/* needed with {code} */
	int		 year;		/* 1000..9999, needed with {year} */
	int		 month;		/* 1..12, needed with {month} */
	int64_t		 seq;		/* >= 1 */
	const char	*category;	/* short code, needed with {category} */
};

/*
 * GK_OK when the pattern is well formed; otherwise GK_EINVAL (or GK_ELIMIT
 * when the longest possible 索引号 exceeds INDEXNO_MAX) and a Chinese
 * message naming the problem and its byte position in err.
 */
enum gk_err	 indexno_pattern_check(const char *pattern, char *err, size_t errlen);

/* Which placeholders a valid pattern uses (INDEXNO_F_*), and its {seq:N} width. */
enum gk_err	 indexno_pattern_fields(const char *pattern, unsigned *fields, int *seqwidth);

/*
 * Writes the 索引号 to out. GK_EINVAL for a bad pattern or a missing/ill-formed
 * field, GK_ELIMIT when the sequence does not fit its width or the result
 * does not fit outsize (or INDEXNO_MAX); err says which.
 */
enum gk_err	 indexno_format(const char *pattern, const struct indexno_fields *,
		    char *out, size_t outsize, char *err, size_t errlen);

/* What indexno_parse() recovers; absent placeholders are 0 / "". */
struct indexno_parsed {
	char	 code[INDEXNO_CODE_MAX + 1];
	int	 year;
	int	 month;
	int64_t	 seq;
	char	 category[17];
};

/*
 * Matches an existing 索引号 (from an import) against a pattern and recovers
 * its parts. Variable-length parts ({code}, {category}) take the longest
 * match that lets the rest match. GK_EINVAL when it does not match (err
 * says so) or the pattern is bad.
 */
enum gk_err	 indexno_parse(const char *pattern, const char *indexno,
		    struct indexno_parsed *out, char *err, size_t errlen);


#endif /* GK_INDEXNO_H */
