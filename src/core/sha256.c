/*
 * sha256.c — SHA-256 as specified in FIPS 180-4 (sections 4.1.2, 4.2.2,
 * 5.1.1, 6.2). Pure computation, no allocation; used by the audit chain.
 *
 * On x86 processors with the SHA extensions (SHA-NI: Intel since Ice Lake
 * and Goldmont, AMD since Zen) the compression function runs on them
 * (sha256_block_ni, chosen once by CPUID); elsewhere the portable C
 * below. Both are tested against the same vectors (test_audit.c, with
 * gk_sha256_portable() forcing the C one). The SHA-NI path hashes about
 * 5x faster here; a bulk import hashes one audit entry per item.
 */
#include <stdatomic.h>
#include <string.h>

#include "core/sha256.h"

#if (defined(__x86_64__) || defined(__i386__)) && defined(__GNUC__)
#define SHA256_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const uint32_t sha256_k[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n)	(((x) >> (n)) | ((x) << (32 - (n))))

static void
sha256_block(struct gk_sha256 *c, const unsigned char *p)
{
	uint32_t w[64], a, b, d, e, f, g, h, cc, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		    (uint32_t)p[4 * i + 2] << 8 | (uint32_t)p[4 * i + 3];
	for (i = 16; i < 64; i++) {
		uint32_t s0 = ROTR(w[i - 15], 7) ^ ROTR(w[i - 15], 18) ^ (w[i - 15] >> 3);
		uint32_t s1 = ROTR(w[i - 2], 17) ^ ROTR(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = c->h[0]; b = c->h[1]; cc = c->h[2]; d = c->h[3];
	e = c->h[4]; f = c->h[5]; g = c->h[6]; h = c->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ROTR(e, 6) ^ ROTR(e, 11) ^ ROTR(e, 25)) +
		    ((e & f) ^ (~e & g)) + sha256_k[i] + w[i];
		t2 = (ROTR(a, 2) ^ ROTR(a, 13) ^ ROTR(a, 22)) +
		    ((a & b) ^ (a & cc) ^ (b & cc));
		h = g; g = f; f = e; e = d + t1;
		d = cc; cc = b; b = a; a = t1 + t2;
	}
	c->h[0] += a; c->h[1] += b; c->h[2] += cc; c->h[3] += d;
	c->h[4] += e; c->h[5] += f; c->h[6] += g; c->h[7] += h;
}

#ifdef SHA256_NI
/*
 * The same compression with the SHA-NI instructions: the state is kept as
 * ABEF / CDGH (the layout sha256rnds2 wants), four rounds a step, the
 * message schedule with sha256msg1/msg2 (W[t] for four t at once).
 */
__attribute__((target("sha,sse4.1,ssse3")))
static void
sha256_block_ni(struct gk_sha256 *c, const unsigned char *p)
{
	const __m128i	 bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bULL,
			    0x0405060700010203ULL);
	__m128i		 s0, s1, t, k, abef, cdgh, w[4];
	int		 i;

	t = _mm_loadu_si128((const __m128i *)(const void *)&c->h[0]);	/* DCBA */
	s1 = _mm_loadu_si128((const __m128i *)(const void *)&c->h[4]);	/* HGFE */
	t = _mm_shuffle_epi32(t, 0xB1);			/* CDAB */
	s1 = _mm_shuffle_epi32(s1, 0x1B);		/* EFGH */
	s0 = _mm_alignr_epi8(t, s1, 8);			/* ABEF */
	s1 = _mm_blend_epi16(s1, t, 0xF0);		/* CDGH */
	abef = s0;
	cdgh = s1;
	for (i = 0; i < 16; i++) {
		if (i < 4)
			w[i] = _mm_shuffle_epi8(_mm_loadu_si128(
			    (const __m128i *)(const void *)(p + 16 * i)), bswap);
		else {
			/* W[t-16] + s0(W[t-15]) + W[t-7], then + s1(W[t-2]). */
			t = _mm_sha256msg1_epu32(w[i & 3], w[(i + 1) & 3]);
			t = _mm_add_epi32(t, _mm_alignr_epi8(w[(i + 3) & 3],
			    w[(i + 2) & 3], 4));
			w[i & 3] = _mm_sha256msg2_epu32(t, w[(i + 3) & 3]);
		}
		k = _mm_add_epi32(w[i & 3], _mm_loadu_si128(
		    (const __m128i *)(const void *)&sha256_k[4 * i]));
		s1 = _mm_sha256rnds2_epu32(s1, s0, k);
		k = _mm_shuffle_epi32(k, 0x0E);
		s0 = _mm_sha256rnds2_epu32(s0, s1, k);
	}
	s0 = _mm_add_epi32(s0, abef);
	s1 = _mm_add_epi32(s1, cdgh);
	t = _mm_shuffle_epi32(s0, 0x1B);		/* FEBA */
	s1 = _mm_shuffle_epi32(s1, 0xB1);		/* DCHG */
	s0 = _mm_blend_epi16(t, s1, 0xF0);		/* DCBA */
	s1 = _mm_alignr_epi8(s1, t, 8);			/* HGFE */
	_mm_storeu_si128((__m128i *)(void *)&c->h[0], s0);
	_mm_storeu_si128((__m128i *)(void *)&c->h[4], s1);
}

/* 0 unknown, 1 portable, 2 SHA-NI; set once (a race only sets it twice). */
static _Atomic int sha256_impl;

static int
sha256_detect(void)
{
	unsigned a, b, cc, d;

	/* Leaf 1: SSSE3 (ECX 9), SSE4.1 (ECX 19); leaf 7: SHA (EBX 29). */
	if (!__get_cpuid(1, &a, &b, &cc, &d) || !(cc & (1u << 9)) ||
	    !(cc & (1u << 19)))
		return 1;
	if (!__get_cpuid_count(7, 0, &a, &b, &cc, &d) || !(b & (1u << 29)))
		return 1;
	return 2;
}
#endif

static void
sha256_compress(struct gk_sha256 *c, const unsigned char *p)
{
#ifdef SHA256_NI
	int impl = atomic_load_explicit(&sha256_impl, memory_order_relaxed);

	if (impl == 0) {
		impl = sha256_detect();
		atomic_store_explicit(&sha256_impl, impl, memory_order_relaxed);
	}
	if (impl == 2) {
		sha256_block_ni(c, p);
		return;
	}
#endif
	sha256_block(c, p);
}

int
gk_sha256_portable(int on)
{
#ifdef SHA256_NI
	int was = atomic_load_explicit(&sha256_impl, memory_order_relaxed);

	if (was == 0)
		was = sha256_detect();
	atomic_store_explicit(&sha256_impl, on ? 1 : sha256_detect(),
	    memory_order_relaxed);
	return was == 2;
#else
	(void)on;
	return 0;
#endif
}

void
gk_sha256_init(struct gk_sha256 *c)
{
	static const uint32_t h0[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(c->h, h0, sizeof(h0));
	c->nbytes = 0;
	c->used = 0;
}

void
gk_sha256_update(struct gk_sha256 *c, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t take;

	c->nbytes += n;
	if (c->used > 0) {
		take = 64 - c->used < n ? 64 - c->used : n;
		memcpy(c->block + c->used, p, take);
		c->used += take;
		p += take;
		n -= take;
		if (c->used < 64)
			return;
		sha256_compress(c, c->block);
		c->used = 0;
	}
	for (; n >= 64; p += 64, n -= 64)
		sha256_compress(c, p);
	if (n > 0) {
		memcpy(c->block, p, n);
		c->used = n;
	}
}

void
gk_sha256_final(struct gk_sha256 *c, unsigned char out[GK_SHA256_LEN])
{
	uint64_t bits = c->nbytes * 8;
	int i;

	/* 5.1.1: a 1 bit, zeros to 56 mod 64 bytes, the 64-bit length. */
	c->block[c->used++] = 0x80;
	if (c->used > 56) {
		memset(c->block + c->used, 0, 64 - c->used);
		sha256_compress(c, c->block);
		c->used = 0;
	}
	memset(c->block + c->used, 0, 56 - c->used);
	for (i = 0; i < 8; i++)
		c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
	sha256_compress(c, c->block);
	for (i = 0; i < 8; i++) {
		out[4 * i] = (unsigned char)(c->h[i] >> 24);
		out[4 * i + 1] = (unsigned char)(c->h[i] >> 16);
		out[4 * i + 2] = (unsigned char)(c->h[i] >> 8);
		out[4 * i + 3] = (unsigned char)c->h[i];
	}
	memset(c, 0, sizeof(*c));
}

void
gk_sha256(const void *data, size_t n, unsigned char out[GK_SHA256_LEN])
{
	struct gk_sha256 c;

	gk_sha256_init(&c);
	gk_sha256_update(&c, data, n);
	gk_sha256_final(&c, out);
}

void
gk_sha256_hex(const unsigned char d[GK_SHA256_LEN], char hex[GK_SHA256_HEXLEN + 1])
{
	static const char x[] = "0123456789abcdef";
	int i;

	for (i = 0; i < GK_SHA256_LEN; i++) {
		hex[2 * i] = x[d[i] >> 4];
		hex[2 * i + 1] = x[d[i] & 15];
	}
	hex[GK_SHA256_HEXLEN] = '\0';
}
