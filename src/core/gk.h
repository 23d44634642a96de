/*
 * gk.h — the ground every gongkai module stands on: the one error enum,
 * the allocation wrappers (so tests can make the N-th allocation fail) and
 * a bounded growable byte buffer.
 *
 * Ownership rule for the whole library: a function named *_new, *_load,
 * *_read, *_get or *_list returns memory the caller owns and releases with
 * the matching *_free (or *_clear for caller-allocated structs); *_free(NULL)
 * does nothing; pointer arguments are borrowed unless a comment says
 * otherwise. The library never prints and never exits.
 */
#ifndef GK_H
#define GK_H

#include <stddef.h>
#include <stdint.h>

enum gk_err {
	GK_OK = 0,
	GK_ENOTFOUND,	/* the thing asked for does not exist */
	GK_EINVAL,	/* bad input: malformed file, bad argument */
	GK_ECONFLICT,	/* illegal state transition or duplicate */
	GK_EDB,		/* the database refused */
	GK_EIO,		/* reading or writing a file failed */
	GK_ENOMEM,	/* an allocation failed */
	GK_ELIMIT,	/* a hard size limit was exceeded */
	GK_ERR__MAX
};

const char	*gk_strerror(enum gk_err);

/* Allocation: every allocation in the library goes through these. */
void	*gk_malloc(size_t);
void	*gk_calloc(size_t, size_t);
void	*gk_realloc(void *, size_t);
char	*gk_strndup(const char *, size_t);
char	*gk_strdup(const char *);
void	 gk_free(void *);

/*
 * Test hook: after n more successful allocations, every allocation fails
 * until gk_mem_fail_reset(). n < 0 disables failure injection.
 */
void	 gk_mem_fail_after(long n);
void	 gk_mem_fail_reset(void);

/*
 * A growable byte buffer with a hard maximum. The bytes are always followed
 * by a NUL (not counted in len) so the buffer can be used as a C string.
 * Once an append fails, the buffer remembers the error (err) and ignores
 * further appends, so callers may check once at the end.
 */
struct gk_buf {
	char		*data;	/* owned; NULL until the first append */
	size_t		 len;
	size_t		 cap;
	size_t		 max;	/* 0 means GK_BUF_DEFAULT_MAX */
	enum gk_err	 err;
};

#define GK_BUF_DEFAULT_MAX	((size_t)256 * 1024 * 1024)

void	 gk_buf_init(struct gk_buf *, size_t max);
void	 gk_buf_clear(struct gk_buf *);
enum gk_err gk_buf_append(struct gk_buf *, const void *, size_t);
enum gk_err gk_buf_puts(struct gk_buf *, const char *);
enum gk_err gk_buf_putc(struct gk_buf *, char);
enum gk_err gk_buf_printf(struct gk_buf *, const char *, ...)
    __attribute__((format(printf, 2, 3)));
/* Hands the bytes to the caller (who frees them with gk_free). */
char	*gk_buf_take(struct gk_buf *, size_t *lenp);

/* Bounded string copy: always NUL-terminates, never splits a UTF-8 sequence. */
size_t	 gk_strlcpy_utf8(char *dst, const char *src, size_t dstsize);

/* Validates UTF-8 (no overlong two-byte forms); returns the offset of the first bad byte, or len. */
size_t	 gk_utf8_check(const void *, size_t len);

/*
 * Characters (code points) of a NUL-terminated, well-formed UTF-8 string
 * without control characters (no overlong forms, surrogates or values past
 * U+10FFFF); -1 when it is not such a string. For names and passwords.
 */
long	 gk_text_chars(const char *s);

#endif /* GK_H */
