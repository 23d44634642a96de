/*
 * scan.c — the confidentiality and personal-information gate (see scan.h
 * and docs/scan.md): finds 居民身份证号 (18 and 15 digits), mobile numbers,
 * bank card numbers, e-mail addresses and 密级 marks in UTF-8 text and
 * gives each finding its place and a masked excerpt.
 *
 * Pure: no I/O. Three passes over the text — e-mail addresses, numbers,
 * marks — then the findings are sorted, their lines and columns counted in
 * one walk, and their excerpts built. Every pass is linear in the text (a
 * number start looks at most SCAN_MAX_GROUPS digit groups ahead), and the
 * findings are capped, so hostile input costs bounded time and memory.
 *
 * 条例第十四条 (国家秘密 is not disclosed) and 条例第十五条 (商业秘密,
 * 个人隐私 are not disclosed) are what this gate protects.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/scan.h"

#define SCAN_MAX_GROUPS	8	/* digit groups looked at from one start */
#define SCAN_GROUP_KEEP	20	/* digits of a group kept (longer groups are never a match) */
#define SCAN_EMAIL_LOCAL 64	/* RFC 5321 limits */
#define SCAN_EMAIL_DOMAIN 253
#define SCAN_BRACKET_MAX 24	/* characters inside a bracketed mark */

static const char *const kind_id[SCAN_KIND__MAX] = {
	"ID18", "ID15", "MOBILE", "BANKCARD", "EMAIL", "MARK",
};
static const char *const kind_name[SCAN_KIND__MAX] = {
	"居民身份证号", "居民身份证号（15位）", "手机号码", "银行卡号", "电子邮箱", "密级标识",
};

const char *
scan_kind_id(enum scan_kind k)
{
	return (unsigned)k < SCAN_KIND__MAX ? kind_id[k] : "?";
}

const char *
scan_kind_name(enum scan_kind k)
{
	return (unsigned)k < SCAN_KIND__MAX ? kind_name[k] : "?";
}

void
scan_findings_init(struct scan_findings *fs)
{
	memset(fs, 0, sizeof(*fs));
}

void
scan_findings_clear(struct scan_findings *fs)
{
	if (fs == NULL)
		return;
	gk_free(fs->v);
	memset(fs, 0, sizeof(*fs));
}

size_t
scan_findings_count(const struct scan_findings *fs, enum scan_kind k)
{
	size_t i, n = 0;

	for (i = 0; i < fs->n; i++)
		if (fs->v[i].kind == k)
			n++;
	return n;
}

/* ---- characters ---- */

/*
 * Decodes the character at s[i] (i < len) into *cp and returns its width
 * in bytes. A byte that does not start a valid UTF-8 sequence is one
 * character, U+FFFD.
 */
static size_t
scan_cp(const unsigned char *s, size_t len, size_t i, uint32_t *cp)
{
	unsigned char	 c = s[i];
	size_t		 n, k;
	uint32_t	 v;

	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF) {
		n = 1;
		v = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		n = 2;
		v = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		n = 3;
		v = c & 0x07;
	} else {
		*cp = 0xFFFD;
		return 1;
	}
	if (len - i <= n) {
		*cp = 0xFFFD;
		return 1;
	}
	for (k = 1; k <= n; k++) {
		if ((s[i + k] & 0xC0) != 0x80) {
			*cp = 0xFFFD;
			return 1;
		}
		v = (v << 6) | (s[i + k] & 0x3F);
	}
	/* Overlong forms, surrogates and values past U+10FFFF are not characters. */
	if ((n == 2 && v < 0x800) || (n == 3 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF)) {
		*cp = 0xFFFD;
		return 1;
	}
	*cp = v;
	return n + 1;
}

/* The character that ends just before s[i]; 0 at the start of the text. */
static uint32_t
scan_prev(const unsigned char *s, size_t len, size_t i)
{
	size_t		 j = i;
	uint32_t	 cp;

	if (i == 0)
		return 0;
	j = i - 1;
	while (j > 0 && i - j < 4 && (s[j] & 0xC0) == 0x80)
		j--;
	if (scan_cp(s, len, j, &cp) != i - j)
		return 0xFFFD;
	return cp;
}

/* 0–9 for an ASCII or full-width digit, else -1. */
static int
scan_digit(uint32_t cp)
{
	if (cp >= '0' && cp <= '9')
		return (int)(cp - '0');
	if (cp >= 0xFF10 && cp <= 0xFF19)
		return (int)(cp - 0xFF10);
	return -1;
}

static int
scan_letter(uint32_t cp)
{
	return (cp >= 'A' && cp <= 'Z') || (cp >= 'a' && cp <= 'z') ||
	    (cp >= 0xFF21 && cp <= 0xFF3A) || (cp >= 0xFF41 && cp <= 0xFF5A);
}

static int
scan_is_x(uint32_t cp)
{
	return cp == 'X' || cp == 'x' || cp == 0xFF38 || cp == 0xFF58;
}

/* A character that glues a number to something before or after it. */
static int
scan_alnum(uint32_t cp)
{
	return scan_digit(cp) >= 0 || scan_letter(cp);
}

/* Separators allowed between digit groups: a space (also no-break and ideographic) or a hyphen. */
static int
scan_sep(uint32_t cp)
{
	return cp == ' ' || cp == 0xA0 || cp == 0x3000 || cp == '-' || cp == 0xFF0D;
}

/* ---- validators ---- */

/* Province-level prefixes of GB/T 2260 region codes, plus 71/81/82/83 (Taiwan, HK, Macau permits). */
static int
scan_province(int p)
{
	static const int prov[] = {
		11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37,
		41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
		71, 81, 82, 83,
	};
	size_t i;

	for (i = 0; i < sizeof(prov) / sizeof(prov[0]); i++)
		if (prov[i] == p)
			return 1;
	return 0;
}

static int
scan_alldigits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

static int
scan_num(const char *s, size_t n)
{
	int v = 0;
	size_t i;

	for (i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/*
 * GB 11643 region: a province prefix and not the province itself (xx0000),
 * except 810000, 820000 and 830000, the codes of the residence permits of
 * Hong Kong, Macau and Taiwan residents (港澳台居民居住证).
 */
static int
scan_region(const char *s)
{
	int p = scan_num(s, 2);

	return scan_province(p) && (memcmp(s + 2, "0000", 4) != 0 || (p >= 81 && p <= 83));
}

static int
scan_date(int y, int m, int d)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int
scan_id18_valid(const char *s, size_t len)
{
	/* GB 11643-1999 MOD 11-2: weights 2^(17-i) mod 11, check from the sum mod 11. */
	static const int w[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
	static const char chk[11] = { '1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2' };
	int sum = 0, i;
	char c;

	if (len != 18 || !scan_alldigits(s, 17))
		return 0;
	c = s[17] == 'x' ? 'X' : s[17];
	if (c != 'X' && (c < '0' || c > '9'))
		return 0;
	if (!scan_region(s) ||
	    !scan_date(scan_num(s + 6, 4), scan_num(s + 10, 2), scan_num(s + 12, 2)))
		return 0;
	for (i = 0; i < 17; i++)
		sum += (s[i] - '0') * w[i];
	return chk[sum % 11] == c;
}

int
scan_id15_valid(const char *s, size_t len)
{
	if (len != 15 || !scan_alldigits(s, 15))
		return 0;
	return scan_region(s) &&
	    scan_date(1900 + scan_num(s + 6, 2), scan_num(s + 8, 2), scan_num(s + 10, 2));
}

int
scan_luhn_valid(const char *s, size_t len)
{
	int sum = 0, dbl = 0, d;
	size_t i;

	if (len < 2 || !scan_alldigits(s, len))
		return 0;
	for (i = len; i-- > 0; dbl = !dbl) {
		d = s[i] - '0';
		if (dbl && (d *= 2) > 9)
			d -= 9;
		sum += d;
	}
	return sum % 10 == 0;
}

int
scan_mobile_valid(const char *s, size_t len)
{
	/* Third digits in use for each second digit 3–9 (MIIT numbering plan). */
	static const char *const third[7] = {
		"0123456789",	/* 13x */
		"56789",	/* 145–149 (140–144 are 13-digit IoT numbers) */
		"01235679",	/* 15x except 154 */
		"2567",		/* 162, 165, 166, 167 */
		"012345678",	/* 170–178 */
		"0123456789",	/* 18x */
		"01235789",	/* 19x except 194, 196 */
	};

	if (len != 11 || !scan_alldigits(s, 11) || s[0] != '1' || s[1] < '3')
		return 0;
	return strchr(third[s[1] - '3'], s[2]) != NULL;
}

int
scan_bankcard_valid(const char *s, size_t len)
{
	int p2, p4;

	if (len < 16 || len > 19 || !scan_alldigits(s, len))
		return 0;
	p2 = scan_num(s, 2);
	p4 = scan_num(s, 4);
	/*
	 * Plausible issuer prefixes: 62 UnionPay (16–19), 60 (16–19: Bank of
	 * China 601382, Discover 6011), 4 Visa (16, 19), 51–55 and 2221–2720
	 * Mastercard (16), 35 JCB (16–19). 15-digit American Express numbers
	 * are left out: they collide with old 身份证号.
	 */
	if (!(p2 == 62 || p2 == 60 || p2 == 35 ||
	    (s[0] == '4' && (len == 16 || len == 19)) ||
	    (p2 >= 51 && p2 <= 55 && len == 16) ||
	    (p4 >= 2221 && p4 <= 2720 && len == 16)))
		return 0;
	return scan_luhn_valid(s, len);
}

/* ---- collecting findings ---- */

struct scan_ctx {
	const unsigned char	*s;
	size_t			 len;
	struct scan_findings	*out;
	enum gk_err		 err;
	size_t			*email;		/* e-mail spans, pairs of (start, end) */
	size_t			 nemail, capemail;
	size_t			 ecur;		/* first e-mail span that may still matter */
};

static void
scan_add(struct scan_ctx *c, enum scan_kind k, size_t off, size_t n, const char *masked)
{
	struct scan_findings	*fs = c->out;
	struct scan_finding	*f;

	if (c->err != GK_OK)
		return;
	if (fs->n >= SCAN_MAX_FINDINGS) {
		fs->truncated = 1;
		return;
	}
	if (fs->n == fs->cap) {
		size_t ncap = fs->cap ? fs->cap * 2 : 16;
		void *nv;

		if (ncap > SCAN_MAX_FINDINGS)
			ncap = SCAN_MAX_FINDINGS;
		if ((nv = gk_realloc(fs->v, ncap * sizeof(*fs->v))) == NULL) {
			c->err = GK_ENOMEM;
			return;
		}
		fs->v = nv;
		fs->cap = ncap;
	}
	f = &fs->v[fs->n++];
	memset(f, 0, sizeof(*f));
	f->kind = k;
	f->offset = off;
	f->len = n;
	gk_strlcpy_utf8(f->masked, masked, sizeof(f->masked));
}

/* Copies text bytes as they are, control characters as spaces, bad bytes as U+FFFD. */
static void
scan_copy_clean(const unsigned char *s, size_t len, size_t a, size_t b, char *dst, size_t dstsize)
{
	size_t		 i, w, o = 0;
	uint32_t	 cp;

	if (dstsize == 0)
		return;
	for (i = a; i < b; i += w) {
		w = scan_cp(s, len, i, &cp);
		if (i + w > b)
			break;
		if (cp == 0xFFFD && w == 1) {
			if (o + 3 >= dstsize)
				break;
			memcpy(dst + o, "\xEF\xBF\xBD", 3);
			o += 3;
		} else if (cp < 0x20 || cp == 0x7F) {
			if (o + 1 >= dstsize)
				break;
			dst[o++] = ' ';
		} else {
			if (o + w >= dstsize)
				break;
			memcpy(dst + o, s + i, w);
			o += w;
		}
	}
	dst[o] = '\0';
}

/* ---- e-mail addresses ---- */

static int
scan_email_local(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}

static int
scan_email_dom(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	    c == '.' || c == '-';
}

/*
 * Checks the domain s[a,b): labels of letters, digits and hyphens (not at a
 * label's ends), at least two, the last of two or more letters. Returns the
 * end of the valid domain (trailing dots and hyphens dropped) or a when the
 * domain is not one.
 */
static size_t
scan_email_domain(const unsigned char *s, size_t a, size_t b)
{
	size_t	 i, lab, nlab = 0, last = a;
	int	 alpha = 1;

	while (b > a && (s[b - 1] == '.' || s[b - 1] == '-'))
		b--;
	if (b - a > SCAN_EMAIL_DOMAIN)
		return a;
	for (i = a, lab = a; i <= b; i++) {
		if (i < b && s[i] != '.') {
			if (!((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= 'a' && s[i] <= 'z')))
				alpha = 0;
			continue;
		}
		if (i == lab || s[lab] == '-' || s[i - 1] == '-' || i - lab > 63)
			return a;
		nlab++;
		last = lab;
		if (i < b) {
			lab = i + 1;
			alpha = 1;
		}
	}
	if (nlab < 2 || !alpha || b - last < 2)
		return a;
	return b;
}

static void
scan_emails(struct scan_ctx *c)
{
	const unsigned char	*s = c->s;
	size_t			 i, at, atw, a, b, e, k;
	char			 m[SCAN_EXCERPT_MAX];

	for (i = 0; i < c->len && c->err == GK_OK; i++) {
		if (s[i] == '@')
			atw = 1;
		else if (c->len - i >= 3 && memcmp(s + i, "\xEF\xBC\xA0", 3) == 0)	/* U+FF20 */
			atw = 3;
		else
			continue;
		at = i;
		for (a = at; a > 0 && at - a < SCAN_EMAIL_LOCAL && scan_email_local(s[a - 1]); a--)
			;
		while (a < at && s[a] == '.')
			a++;
		if (a == at || (a > 0 && scan_email_local(s[a - 1])))
			continue;	/* no local part, or one too long */
		for (b = at + atw; b < c->len && b - at - atw <= SCAN_EMAIL_DOMAIN && scan_email_dom(s[b]); b++)
			;
		if ((e = scan_email_domain(s, at + atw, b)) == at + atw)
			continue;
		if (c->nemail == c->capemail) {
			size_t ncap = c->capemail ? c->capemail * 2 : 16;
			size_t *nv;

			if (ncap > 2 * SCAN_MAX_FINDINGS)
				break;
			if ((nv = gk_realloc(c->email, ncap * 2 * sizeof(size_t))) == NULL) {
				c->err = GK_ENOMEM;
				return;
			}
			c->email = nv;
			c->capemail = ncap;
		}
		c->email[2 * c->nemail] = a;
		c->email[2 * c->nemail + 1] = e;
		c->nemail++;
		/* Masked: the local part's first character, then the domain. */
		m[0] = (char)s[a];
		k = 1;
		memcpy(m + k, "***@", 4);
		k += 4;
		memcpy(m + k, s + at + atw, e - at - atw);
		k += e - at - atw;
		m[k] = '\0';
		scan_add(c, SCAN_EMAIL, a, e - a, m);
		i = e - 1;
	}
}

/*
 * The e-mail span that overlaps [a,b), or NULL. Calls come with a never
 * decreasing a (the number pass moves forward), so a cursor skips the spans
 * already passed and the whole pass stays linear.
 */
static const size_t *
scan_in_email(struct scan_ctx *c, size_t a, size_t b)
{
	size_t i;

	while (c->ecur < c->nemail && c->email[2 * c->ecur + 1] <= a)
		c->ecur++;
	for (i = c->ecur; i < c->nemail && c->email[2 * i] < b; i++)
		if (a < c->email[2 * i + 1])
			return &c->email[2 * i];
	return NULL;
}

/* ---- numbers ---- */

struct scan_group {
	size_t		 start, end;	/* bytes */
	int		 n;		/* digits (and a final X) in the group */
	int		 x;		/* ends with an X check character */
	uint32_t	 sep;		/* separator before this group (0 for the first) */
	char		 d[SCAN_GROUP_KEEP + 1];
};

/*
 * Reads up to SCAN_MAX_GROUPS digit groups from i: runs of digits joined by
 * single separators. A run of 17 or 3 digits may end with an X check
 * character. Returns the number of groups.
 */
static int
scan_groups(const struct scan_ctx *c, size_t i, struct scan_group *g)
{
	size_t		 w;
	uint32_t	 cp, cp2, sep = 0;
	int		 ng = 0, dv;

	while (ng < SCAN_MAX_GROUPS) {
		struct scan_group *x = &g[ng];

		memset(x, 0, sizeof(*x));
		x->start = i;
		x->sep = sep;
		while (i < c->len) {
			w = scan_cp(c->s, c->len, i, &cp);
			if ((dv = scan_digit(cp)) < 0)
				break;
			if (x->n < SCAN_GROUP_KEEP)
				x->d[x->n] = (char)('0' + dv);
			x->n++;
			i += w;
		}
		if (x->n > SCAN_GROUP_KEEP)
			x->n = SCAN_GROUP_KEEP + 1;	/* too long to be anything */
		if (i < c->len && (x->n == 17 || x->n == 3)) {
			w = scan_cp(c->s, c->len, i, &cp);
			if (scan_is_x(cp) && (i + w >= c->len ||
			    (scan_cp(c->s, c->len, i + w, &cp2), !scan_alnum(cp2)))) {
				x->d[x->n++] = 'X';
				x->x = 1;
				i += w;
			}
		}
		x->end = i;
		ng++;
		if (x->x || i >= c->len)
			break;
		w = scan_cp(c->s, c->len, i, &cp);
		if (!scan_sep(cp) || i + w >= c->len)
			break;
		scan_cp(c->s, c->len, i + w, &cp2);
		if (scan_digit(cp2) < 0)
			break;
		sep = cp;
		i += w;
	}
	return ng;
}

/* Concatenates groups [from, to) into d; returns the digit count or -1 if over max. */
static int
scan_concat(const struct scan_group *g, int from, int to, char *d, int max)
{
	int i, n = 0;

	for (i = from; i < to; i++) {
		if (n + g[i].n > max || g[i].n > SCAN_GROUP_KEEP)
			return -1;
		memcpy(d + n, g[i].d, (size_t)g[i].n);
		n += g[i].n;
	}
	d[n] = '\0';
	return n;
}

/* Whether groups [from, to) all have the same separator. */
static int
scan_same_sep(const struct scan_group *g, int from, int to)
{
	int i;

	for (i = from + 1; i < to; i++)
		if (g[i].sep != g[from + 1].sep)
			return 0;
	return 1;
}

/*
 * Whether the number ending at byte e is glued to what follows: a letter,
 * a decimal part (".5"), or a unit that makes it a quantity ("元", "%").
 */
static int
scan_glued_after(const struct scan_ctx *c, size_t e, int units)
{
	static const char *const unit[] = {
		"元", "万", "亿", "千", "百", "个", "人", "次", "户", "件", "条", "项",
		"吨", "米", "亩", "年", "月", "日", "号", "份", "台", "辆", "平方",
		"公里", "%", "％", "‰",
	};
	uint32_t	 cp, cp2;
	size_t		 w, k, ul;

	if (e >= c->len)
		return 0;
	w = scan_cp(c->s, c->len, e, &cp);
	if (scan_letter(cp))
		return 1;
	if ((cp == '.' || cp == 0xFF0E) && e + w < c->len) {
		scan_cp(c->s, c->len, e + w, &cp2);
		if (scan_digit(cp2) >= 0)
			return 1;
	}
	if (!units)
		return 0;
	if (c->len - e >= 6 && memcmp(c->s + e, "号码", 6) == 0)
		return 0;	/* "13812345678号码…": 号 is not a unit there */
	for (k = 0; k < sizeof(unit) / sizeof(unit[0]); k++) {
		ul = strlen(unit[k]);
		if (c->len - e >= ul && memcmp(c->s + e, unit[k], ul) == 0)
			return 1;
	}
	return 0;
}

/* Masks digits d[0,n): keeps head digits and tail digits, '*' between. */
static void
scan_mask_digits(const char *d, int n, int head, int tail, char *m)
{
	int i;

	for (i = 0; i < n; i++)
		m[i] = (i < head || i >= n - tail) ? d[i] : '*';
	m[n] = '\0';
}

/*
 * Tries every reading of the number starting at byte i, most specific
 * first; adds at most one finding. Returns the end of the match or 0.
 */
static size_t
scan_number(struct scan_ctx *c, size_t i)
{
	struct scan_group	 g[SCAN_MAX_GROUPS];
	char			 d[64], m[64];
	int			 ng, n, k;
	size_t			 start = i, end;
	uint32_t		 pcp = scan_prev(c->s, c->len, i), ppcp;
	int			 money;

	/* Not the fraction of a decimal number ("0.13812345678"). */
	if (pcp == '.' || pcp == 0xFF0E) {
		size_t pw = pcp == '.' ? 1 : 3;

		ppcp = i > pw ? scan_prev(c->s, c->len, i - pw) : 0;
		if (scan_digit(ppcp) >= 0)
			return 0;
	}
	money = pcp == 0xA5 || pcp == 0xFFE5 || pcp == '$';	/* ¥ ￥ $ */
	ng = scan_groups(c, i, g);

	/* 18-digit 身份证号: one run, or grouped 6-8-4. */
	if (g[0].n == 18 && scan_id18_valid(g[0].d, 18) && !scan_glued_after(c, g[0].end, 0)) {
		scan_mask_digits(g[0].d, 18, 4, 4, m);
		scan_add(c, SCAN_ID18, start, g[0].end - start, m);
		return g[0].end;
	}
	if (ng >= 3 && g[0].n == 6 && g[1].n == 8 && g[2].n == 4 && scan_same_sep(g, 0, 3) &&
	    scan_concat(g, 0, 3, d, 18) == 18 && scan_id18_valid(d, 18) &&
	    !scan_glued_after(c, g[2].end, 0)) {
		scan_mask_digits(d, 18, 4, 4, m);
		scan_add(c, SCAN_ID18, start, g[2].end - start, m);
		return g[2].end;
	}
	if (money)
		return 0;
	/* 15-digit 身份证号: one run. */
	if (g[0].n == 15 && scan_id15_valid(g[0].d, 15) && !scan_glued_after(c, g[0].end, 1)) {
		scan_mask_digits(g[0].d, 15, 4, 3, m);
		scan_add(c, SCAN_ID15, start, g[0].end - start, m);
		return g[0].end;
	}
	/* Bank cards: groups of four (the last of 1–3 for 17–19 digits), or one run of 16–19. */
	if (ng >= 4 && g[0].n == 4 && g[1].n == 4 && g[2].n == 4 && g[3].n == 4) {
		for (k = ng >= 5 && g[4].n <= 3 ? 5 : 4; k >= 4; k--) {
			if (!scan_same_sep(g, 0, k) || (n = scan_concat(g, 0, k, d, 19)) < 16)
				continue;
			if (scan_bankcard_valid(d, (size_t)n) && !scan_glued_after(c, g[k - 1].end, 1)) {
				scan_mask_digits(d, n, 4, 4, m);
				scan_add(c, SCAN_BANKCARD, start, g[k - 1].end - start, m);
				return g[k - 1].end;
			}
		}
	}
	if (g[0].n >= 16 && g[0].n <= 19 && !g[0].x && scan_bankcard_valid(g[0].d, (size_t)g[0].n) &&
	    !scan_glued_after(c, g[0].end, 1)) {
		scan_mask_digits(g[0].d, g[0].n, 4, 4, m);
		scan_add(c, SCAN_BANKCARD, start, g[0].end - start, m);
		return g[0].end;
	}
	/* Mobile numbers: 11 digits, 3-4-4, with an optional 86 / +86 country code. */
	if (pcp == '+' || pcp == 0xFF0B) {
		if (!(g[0].n == 2 || g[0].n == 13) || memcmp(g[0].d, "86", 2) != 0)
			return 0;
		start -= pcp == '+' ? 1 : 3;
	}
	k = 0;
	if (g[0].n == 13 && memcmp(g[0].d, "86", 2) == 0 && scan_mobile_valid(g[0].d + 2, 11)) {
		memcpy(d, g[0].d + 2, 11);
		end = g[0].end;
	} else {
		if (g[0].n == 2 && memcmp(g[0].d, "86", 2) == 0 && ng >= 2)
			k = 1;	/* a country code, then the number */
		if (g[k].n == 11 && scan_mobile_valid(g[k].d, 11)) {
			memcpy(d, g[k].d, 11);
			end = g[k].end;
		} else if (ng >= k + 3 && g[k].n == 3 && g[k + 1].n == 4 && g[k + 2].n == 4 &&
		    scan_same_sep(g, k, k + 3) && scan_concat(g, k, k + 3, d, 11) == 11 &&
		    scan_mobile_valid(d, 11)) {
			end = g[k + 2].end;
		} else
			return 0;
	}
	if (scan_glued_after(c, end, 1))
		return 0;
	scan_mask_digits(d, 11, 3, 4, m);
	scan_add(c, SCAN_MOBILE, start, end - start, m);
	return end;
}

static void
scan_numbers(struct scan_ctx *c)
{
	size_t		 i = 0, w, e;
	uint32_t	 cp;
	const size_t	*em;

	while (i < c->len && c->err == GK_OK) {
		w = scan_cp(c->s, c->len, i, &cp);
		if (scan_digit(cp) < 0 || scan_alnum(scan_prev(c->s, c->len, i))) {
			i += w;
			continue;
		}
		if ((em = scan_in_email(c, i, i + 1)) != NULL) {
			i = em[1];
			continue;
		}
		{
			size_t before = c->out->n;

			e = scan_number(c, i);
			if (e != 0 && c->out->n > before && scan_in_email(c, i, e) != NULL) {
				c->out->n = before;	/* part of an e-mail address: reported as that */
				e = 0;
			}
		}
		i = e > i ? e : i + w;
	}
}

/* ---- 密级 marks ---- */

/*
 * Mark words. A level word (绝密, 机密, 秘密) or a phrase is reported only in
 * a mark's position (docs/scan.md): with a star (秘密★5年), after the label
 * 密级, in brackets (【内部资料】), or on a line made only of marks, urgency
 * words and copy numbers — never inside ordinary words (国家秘密, 商业秘密,
 * 保密法, 涉密信息管理).
 */
static const char *const mark_words[] = {	/* longest first where one contains another */
	"此件不予公开", "此件不公开", "涉密文件", "内部资料", "内部文件", "内部使用",
	"内部刊物", "内部材料", "不得公开", "注意保密", "严禁外传", "请勿外传", "涉密件",
	"绝密", "机密", "秘密", "涉密",
};
#define MARK_NLEVEL_FIRST 13	/* mark_words[13..15] are the three levels */

/* Words that may share a line with a mark in the document's heading. */
static const char *const mark_other[] = {
	"紧急程度", "保密期限", "特急", "加急", "特提", "平急", "急件", "份号", "密级", "长期",
	"个月", "年", "★", "☆", "＊", "*", "：", ":", "，", ",", "、", "·", "【", "】", "（", "）",
	"(", ")", "[", "]", "［", "］", "〔", "〕", " ", "\t", "\r", "\xE3\x80\x80", "\xC2\xA0",
};

static int
mark_prefix(const unsigned char *s, size_t a, size_t b, const char *w)
{
	size_t n = strlen(w);

	return b - a >= n && memcmp(s + a, w, n) == 0;
}

/* The mark word at s[a], its length in *n; -1 if none. */
static int
mark_word_at(const unsigned char *s, size_t a, size_t b, size_t *n)
{
	size_t k;

	for (k = 0; k < sizeof(mark_words) / sizeof(mark_words[0]); k++)
		if (mark_prefix(s, a, b, mark_words[k])) {
			*n = strlen(mark_words[k]);
			return (int)k;
		}
	return -1;
}

static int
mark_is_level(int k)
{
	return k >= MARK_NLEVEL_FIRST && k < MARK_NLEVEL_FIRST + 3;
}

static size_t
mark_skip_spaces(const unsigned char *s, size_t a, size_t b)
{
	for (;;) {
		if (a < b && (s[a] == ' ' || s[a] == '\t'))
			a++;
		else if (mark_prefix(s, a, b, "\xE3\x80\x80"))
			a += 3;
		else
			return a;
	}
}

/*
 * A star and a term after a level word ("★", "★5年", "★长期", "★6个月"),
 * starting at a (spaces allowed before the star). Returns the end, or a
 * when there is no star.
 */
static size_t
mark_star(const unsigned char *s, size_t a, size_t b)
{
	size_t p = mark_skip_spaces(s, a, b), q;

	if (mark_prefix(s, p, b, "★") || mark_prefix(s, p, b, "☆") || mark_prefix(s, p, b, "＊"))
		p += 3;
	else if (p < b && s[p] == '*')
		p++;
	else
		return a;
	q = p;
	while (q < b && s[q] >= '0' && s[q] <= '9' && q - p < 3)
		q++;
	while (mark_prefix(s, q, b, "\xEF\xBC") && q + 2 < b && s[q + 2] >= 0x90 && s[q + 2] <= 0x99 && q - p < 9)
		q += 3;		/* full-width digits U+FF10–FF19 */
	if (q > p) {
		if (mark_prefix(s, q, b, "年"))
			return q + 3;
		if (mark_prefix(s, q, b, "个月"))
			return q + 6;
		return p;
	}
	if (mark_prefix(s, p, b, "长期"))
		return p + 6;
	return p;
}

static void
mark_add(struct scan_ctx *c, size_t a, size_t b)
{
	char m[SCAN_EXCERPT_MAX];

	scan_copy_clean(c->s, c->len, a, b, m, sizeof(m));
	scan_add(c, SCAN_MARK, a, b - a, m);
}

/*
 * The label 密级 with a level after it ("密级：秘密★1年") at s[p]. Returns
 * the end of the mark, or p when there is none.
 */
static size_t
mark_label(const struct scan_ctx *c, size_t p, size_t b)
{
	size_t	 q, n;
	int	 w;

	if (!mark_prefix(c->s, p, b, "密级"))
		return p;
	q = mark_skip_spaces(c->s, p + 6, b);
	if (mark_prefix(c->s, q, b, "："))
		q += 3;
	else if (q < b && c->s[q] == ':')
		q++;
	q = mark_skip_spaces(c->s, q, b);
	if ((w = mark_word_at(c->s, q, b, &n)) < 0 || !mark_is_level(w))
		return p;
	return mark_star(c->s, q + n, b);
}

/* Whether the line [a,b) consists only of marks and heading words; reports the marks if so. */
static int
mark_line(struct scan_ctx *c, size_t a, size_t b)
{
	size_t		 p = a, n, k, e, spans[16][2];
	int		 w, nmarks = 0, i;

	while (p < b) {
		e = mark_label(c, p, b);
		if (e == p && (w = mark_word_at(c->s, p, b, &n)) >= 0)
			e = mark_is_level(w) ? mark_star(c->s, p + n, b) : p + n;
		if (e > p) {
			if (nmarks == 16)
				return 0;
			spans[nmarks][0] = p;
			spans[nmarks][1] = e;
			nmarks++;
			p = e;
			continue;
		}
		if (c->s[p] >= '0' && c->s[p] <= '9') {	/* 份号 (copy number) */
			p++;
			continue;
		}
		for (k = 0; k < sizeof(mark_other) / sizeof(mark_other[0]); k++)
			if (mark_prefix(c->s, p, b, mark_other[k]))
				break;
		if (k == sizeof(mark_other) / sizeof(mark_other[0])) {
			uint32_t cp;

			scan_cp(c->s, c->len, p, &cp);
			if (!(cp >= 0xFF10 && cp <= 0xFF19))
				return 0;
			p += 3;
			continue;
		}
		p += strlen(mark_other[k]);
	}
	for (i = 0; i < nmarks; i++)
		mark_add(c, spans[i][0], spans[i][1]);
	return nmarks > 0;
}

static const char *const mark_open[] = { "【", "（", "(", "[", "［", "〔" };
static const char *const mark_close[] = { "】", "）", ")", "]", "］", "〕" };

/*
 * Whether a mark, a label or a bracket can start with the character cp:
 * the first characters of mark_words, mark_open and 密级. A quick filter
 * that spares the string comparisons on almost every character.
 */
static int
mark_may_start(uint32_t cp)
{
	static const uint32_t first[] = {
		0x6B64 /* 此 */, 0x6D89 /* 涉 */, 0x5185 /* 内 */, 0x4E0D /* 不 */,
		0x6CE8 /* 注 */, 0x4E25 /* 严 */, 0x8BF7 /* 请 */, 0x7EDD /* 绝 */,
		0x673A /* 机 */, 0x79D8 /* 秘 */, 0x5BC6 /* 密 */, 0x3010 /* 【 */,
		0xFF08 /* （ */, '(', '[', 0xFF3B /* ［ */, 0x3014 /* 〔 */,
	};
	size_t i;

	for (i = 0; i < sizeof(first) / sizeof(first[0]); i++)
		if (first[i] == cp)
			return 1;
	return 0;
}

/* Marks inside a line: starred levels, 密级 labels, bracketed marks. */
static void
mark_inline(struct scan_ctx *c, size_t a, size_t b)
{
	size_t		 p = a, n, e, q, k, ol;
	int		 w;
	uint32_t	 cp;

	while (p < b && c->err == GK_OK) {
		w = (int)scan_cp(c->s, c->len, p, &cp);
		if (!mark_may_start(cp)) {
			p += (size_t)w;
			continue;
		}
		/* 密级：秘密★1年 */
		if ((e = mark_label(c, p, b)) > p) {
			mark_add(c, p, e);
			p = e;
			continue;
		}
		/* 【内部资料】, （秘密★1年）, （此件不公开） */
		for (k = 0; k < sizeof(mark_open) / sizeof(mark_open[0]); k++)
			if (mark_prefix(c->s, p, b, mark_open[k]))
				break;
		if (k < sizeof(mark_open) / sizeof(mark_open[0])) {
			ol = strlen(mark_open[k]);
			q = mark_skip_spaces(c->s, p + ol, b);
			if ((w = mark_word_at(c->s, q, b, &n)) >= 0) {
				e = q + n;
				if (mark_is_level(w))
					e = mark_star(c->s, e, b);
				e = mark_skip_spaces(c->s, e, b);
				if (mark_prefix(c->s, e, b, mark_close[k])) {
					e += strlen(mark_close[k]);
					mark_add(c, p, e);
					p = e;
					continue;
				}
			}
		}
		/* 秘密★5年 anywhere; 此件不公开 anywhere. */
		if ((w = mark_word_at(c->s, p, b, &n)) >= 0) {
			if (mark_is_level(w) && (e = mark_star(c->s, p + n, b)) > p + n) {
				mark_add(c, p, e);
				p = e;
				continue;
			}
			if (w <= 1) {
				mark_add(c, p, p + n);
				p += n;
				continue;
			}
			p += n;		/* a word, not a mark: 国家秘密, 涉密信息 */
			continue;
		}
		p++;
		while (p < b && (c->s[p] & 0xC0) == 0x80)
			p++;
	}
}

static void
scan_marks(struct scan_ctx *c)
{
	size_t a = 0, b, ta, tb;

	while (a < c->len && c->err == GK_OK) {
		const unsigned char *nl = memchr(c->s + a, '\n', c->len - a);

		b = nl != NULL ? (size_t)(nl - c->s) : c->len;
		ta = mark_skip_spaces(c->s, a, b);
		tb = b;
		while (tb > ta && (c->s[tb - 1] == ' ' || c->s[tb - 1] == '\t' || c->s[tb - 1] == '\r'))
			tb--;
		if (!mark_line(c, ta, tb))
			mark_inline(c, ta, tb);
		a = b + 1;
	}
}

/* ---- places and excerpts ---- */

static int
scan_cmp(const void *a, const void *b)
{
	const struct scan_finding *x = a, *y = b;

	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

/*
 * Whether byte p lies inside another finding of personal data (not a
 * mark). Findings are sorted and never overlap, so their ends increase too:
 * the walk stops at the first one that ends before p (backwards) or starts
 * after it (forwards).
 */
static int
scan_covered(const struct scan_findings *fs, size_t self, size_t p)
{
	size_t j;

	for (j = self; j-- > 0 && fs->v[j].offset + fs->v[j].len > p;)
		if (fs->v[j].kind != SCAN_MARK && p >= fs->v[j].offset)
			return 1;
	for (j = self + 1; j < fs->n && fs->v[j].offset <= p; j++)
		if (fs->v[j].kind != SCAN_MARK && p < fs->v[j].offset + fs->v[j].len)
			return 1;
	return 0;
}

/* Appends context s[a,b) to the excerpt, masking other findings' characters. */
static void
scan_context(const struct scan_ctx *c, size_t self, size_t a, size_t b, char *x, size_t *o)
{
	size_t		 i, w;
	uint32_t	 cp;
	char		 one[8];

	for (i = a; i < b; i += w) {
		w = scan_cp(c->s, c->len, i, &cp);
		if (scan_covered(c->out, self, i))
			scan_copy_clean((const unsigned char *)"*", 1, 0, 1, one, sizeof(one));
		else
			scan_copy_clean(c->s, c->len, i, i + w, one, sizeof(one));
		if (*o + strlen(one) + 1 > SCAN_EXCERPT_MAX)
			return;
		memcpy(x + *o, one, strlen(one));
		*o += strlen(one);
	}
	x[*o] = '\0';
}

static void
scan_excerpt(const struct scan_ctx *c, size_t idx)
{
	struct scan_finding	*f = &c->out->v[idx];
	size_t			 a = f->offset, b = f->offset + f->len, n, o = 0, w;
	uint32_t		 cp;
	int			 k;

	for (k = 0; k < SCAN_CONTEXT && a > 0; k++) {
		n = a - 1;
		while (n > 0 && a - n < 4 && (c->s[n] & 0xC0) == 0x80)
			n--;
		if (scan_cp(c->s, c->len, n, &cp) != a - n)
			n = a - 1;	/* a stray byte: one character */
		if (c->s[n] == '\n')
			break;
		a = n;
	}
	scan_context(c, idx, a, f->offset, f->excerpt, &o);
	n = strlen(f->masked);
	if (o + n + 1 <= SCAN_EXCERPT_MAX) {
		memcpy(f->excerpt + o, f->masked, n);
		o += n;
		f->excerpt[o] = '\0';
	}
	a = b;
	for (k = 0; k < SCAN_CONTEXT && b < c->len && c->s[b] != '\n' && c->s[b] != '\r'; k++) {
		w = scan_cp(c->s, c->len, b, &cp);
		b += w;
	}
	scan_context(c, idx, a, b, f->excerpt, &o);
}

enum gk_err
scan_text(const char *utf8, size_t len, struct scan_findings *out)
{
	struct scan_ctx		 c;
	size_t			 i, j, p, w, line, col;
	uint32_t		 cp;

	scan_findings_clear(out);
	memset(&c, 0, sizeof(c));
	c.s = (const unsigned char *)utf8;
	c.len = utf8 == NULL ? 0 : len;
	c.out = out;
	scan_emails(&c);
	scan_numbers(&c);
	scan_marks(&c);
	gk_free(c.email);
	if (c.err != GK_OK) {
		scan_findings_clear(out);
		return c.err;
	}
	if (out->n == 0)
		return GK_OK;
	qsort(out->v, out->n, sizeof(out->v[0]), scan_cmp);
	/* Drop any overlap (by construction there is none; this keeps the promise). */
	for (i = 1, j = 1; i < out->n; i++) {
		if (out->v[i].offset < out->v[j - 1].offset + out->v[j - 1].len)
			continue;
		out->v[j++] = out->v[i];
	}
	out->n = j;
	/* Lines and columns in one walk. */
	line = 1;
	col = 1;
	for (p = 0, i = 0; i < out->n; p += w) {
		while (i < out->n && out->v[i].offset == p) {
			out->v[i].line = line;
			out->v[i].col = col;
			i++;
		}
		if (p >= c.len)
			break;
		w = scan_cp(c.s, c.len, p, &cp);
		if (cp == '\n') {
			line++;
			col = 1;
		} else
			col++;
	}
	for (i = 0; i < out->n; i++)
		scan_excerpt(&c, i);
	return GK_OK;
}
