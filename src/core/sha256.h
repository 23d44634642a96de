/*
 * sha256.h — SHA-256 (FIPS 180-4), self-contained: the audit chain's hash
 * and, later, attachment content addresses and archive manifests.
 */
#ifndef GK_SHA256_H
#define GK_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define GK_SHA256_LEN	32
#define GK_SHA256_HEXLEN 64

struct gk_sha256 {
	uint32_t	h[8];
	uint64_t	nbytes;		/* total bytes hashed so far */
	unsigned char	block[64];
	size_t		used;		/* bytes waiting in block */
};

void	gk_sha256_init(struct gk_sha256 *);
void	gk_sha256_update(struct gk_sha256 *, const void *, size_t);
void	gk_sha256_final(struct gk_sha256 *, unsigned char out[GK_SHA256_LEN]);
/* One-shot digest. */
void	gk_sha256(const void *, size_t, unsigned char out[GK_SHA256_LEN]);
/*
 * Forces the portable C compression (on != 0) or puts back the fastest the
 * processor has (on == 0); returns whether that is SHA-NI. For tests and
 * benchmarks; the digests are the same either way.
 */
int	gk_sha256_portable(int on);
/* Lower-case hex of a digest; hex must hold GK_SHA256_HEXLEN + 1 bytes. */
void	gk_sha256_hex(const unsigned char d[GK_SHA256_LEN],
	    char hex[GK_SHA256_HEXLEN + 1]);

#endif
