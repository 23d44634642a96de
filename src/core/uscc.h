/*
 * uscc.h — 统一社会信用代码 (GB 32100-2015) validation.
 */
#ifndef GK_USCC_H
#define GK_USCC_H

#include <stddef.h>

#define GK_USCC_LEN	18

/*
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the code's charset
 * (digits and upper-case letters except I, O, Z, S, V), positions 3-8 the
 * digits of the 登记管理机关行政区划码, position 18 the check character.
 * Returns 1 if valid; otherwise 0 with a Chinese reason in err.
 * Pure function, no I/O.
 */
int		 gk_uscc_valid(const char *code, char *err, size_t errlen);
/* The check character for the first 17 characters, or '\0' if they are invalid. */
char		 gk_uscc_check_char(const char *first17);

#endif /* GK_USCC_H */
