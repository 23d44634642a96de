/*
 * server.c — `gongkai serve` on GNU libmicrohttpd (server.h,
 * docs/serve.md). The first half is pure: decoding and validating what a
 * client sent, conditional requests, the page cache. The second half is
 * the transport: a thread pool with epoll, one database connection per
 * worker thread, limits, security headers, gzip, the access log and the
 * graceful shutdown.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <microhttpd.h>
#include <zlib.h>

#include "core/date.h"
#include "core/sha256.h"
#include "store/db.h"
#include "store/site.h"
#include "web/page.h"
#include "web/server.h"

/* ==== request decoding ================================================= */

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/*
 * Strict UTF-8 (no overlong forms, surrogates or values past U+10FFFF)
 * without NUL, C0 controls or DEL; ws allows tab, CR and LF. 1 when valid.
 */
static int
text_ok(const unsigned char *s, size_t len, int ws)
{
	size_t i = 0;

	while (i < len) {
		unsigned char	c = s[i];
		uint32_t	cp;
		size_t		n, k;

		if (c < 0x80) {
			if ((c < 0x20 && !(ws && (c == '\t' || c == '\r' || c == '\n'))) || c == 0x7f)
				return 0;
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) { n = 1; cp = c & 0x1f; }
		else if (c >= 0xe0 && c <= 0xef) { n = 2; cp = c & 0x0f; }
		else if (c >= 0xf0 && c <= 0xf4) { n = 3; cp = c & 0x07; }
		else
			return 0;
		if (len - i <= n)
			return 0;
		for (k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = (cp << 6) | (s[i + k] & 0x3f);
		}
		if ((n == 2 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
		    (n == 3 && (cp < 0x10000 || cp > 0x10ffff)))
			return 0;
		i += n + 1;
	}
	return 1;
}

int
gk_http_path_decode(const char *raw, size_t len, char *out, size_t outsz)
{
	size_t	i, o = 0, seg;

	if (len == 0 || raw[0] != '/' || outsz == 0)
		return 400;
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)raw[i];

		if (c == '%') {
			int h, l;

			if (len - i < 3 || (h = hexval((unsigned char)raw[i + 1])) < 0 ||
			    (l = hexval((unsigned char)raw[i + 2])) < 0)
				return 400;
			c = (unsigned char)(h * 16 + l);
			i += 2;
			if (c == '/' || c == '\\')
				return 400;	/* an encoded separator hides a segment */
		}
		if (o >= GK_WEB_PATH_MAX || o + 1 >= outsz)
			return 414;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	if (!text_ok((const unsigned char *)out, o, 0) || memchr(out, '\\', o) != NULL)
		return 400;
	/* Segments: none empty except the last ("/a/" is fine), none "." or "..". */
	for (seg = 1; seg <= o; ) {
		const char	*end = memchr(out + seg, '/', o - seg);
		size_t		 n = end != NULL ? (size_t)(end - (out + seg)) : o - seg;

		if ((n == 0 && end != NULL) || (n == 1 && out[seg] == '.') ||
		    (n == 2 && out[seg] == '.' && out[seg + 1] == '.'))
			return 400;
		seg += n + 1;
	}
	return 0;
}

void
gk_http_args_init(struct gk_http_args *a)
{
	memset(a, 0, sizeof(*a));
}

void
gk_http_args_clear(struct gk_http_args *a)
{
	size_t i;

	for (i = 0; i < a->nmem; i++)
		gk_free(a->mem[i]);
	gk_http_args_init(a);
}

/* Decodes s[0..len) ('+' a space when form-encoded) to out; bytes written, or -1. */
static long
field_decode(const char *s, size_t len, char *out)
{
	size_t i, o = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			int h, l;

			if (len - i < 3 || (h = hexval((unsigned char)s[i + 1])) < 0 ||
			    (l = hexval((unsigned char)s[i + 2])) < 0)
				return -1;
			c = (unsigned char)(h * 16 + l);
			i += 2;
		} else if (c == '+')
			c = ' ';
		out[o++] = (char)c;
	}
	out[o] = '\0';
	return (long)o;
}

/* Takes a chunk of n bytes owned by a; NULL when none is left or memory ran out. */
static char *
args_chunk(struct gk_http_args *a, size_t n)
{
	char *m;

	if (a->nmem >= sizeof(a->mem) / sizeof(a->mem[0]) || (m = gk_malloc(n)) == NULL)
		return NULL;
	a->mem[a->nmem++] = m;
	return m;
}

static void
args_unchunk(struct gk_http_args *a, size_t n0)
{
	a->n = n0;
	gk_free(a->mem[--a->nmem]);
	a->mem[a->nmem] = NULL;
}

int
gk_http_args_parse(struct gk_http_args *a, const char *s, size_t len, int form)
{
	size_t	 n0 = a->n, i = 0;
	char	*m, *o;
	int	 st = 0;

	if (len == 0)
		return 0;
	/* Decoded text is never longer than the input: name\0value\0 fits in piece + 1. */
	if ((m = args_chunk(a, len + 2)) == NULL)
		return 500;
	o = m;
	while (i < len && st == 0) {
		const char	*p = s + i, *amp = memchr(p, '&', len - i), *eq;
		size_t		 plen = amp != NULL ? (size_t)(amp - p) : len - i;
		long		 nn, vn;
		char		*name;
		const char	*value;

		i += plen + 1;
		if (plen == 0)
			continue;
		eq = memchr(p, '=', plen);
		name = o;
		if ((nn = field_decode(p, eq != NULL ? (size_t)(eq - p) : plen, o)) < 0) {
			st = 400;
			break;
		}
		o += nn + 1;
		value = o;
		if (eq != NULL)
			vn = field_decode(eq + 1, plen - (size_t)(eq + 1 - p), o);
		else {
			value = "";	/* no '=': nothing written, so the chunk stays big enough */
			vn = 0;
		}
		if (vn < 0)
			st = 400;
		else if (nn > GK_HTTP_NAME_MAX || !text_ok((unsigned char *)name, (size_t)nn, 0) ||
		    !text_ok((const unsigned char *)value, (size_t)vn, form))
			st = 400;
		else if (vn > GK_WEB_ARG_MAX)
			st = 413;
		else if (nn == 0)
			;	/* "=x": no name, nothing to keep */
		else if (a->n >= GK_WEB_ARGS_MAX)
			st = 400;
		else {
			a->v[a->n].name = name;
			a->v[a->n].value = value;
			a->n++;
		}
		if (eq != NULL)
			o += vn + 1;
	}
	if (st != 0)
		args_unchunk(a, n0);
	return st;
}

static int
is_sp(char c)
{
	return c == ' ' || c == '\t';
}

int
gk_http_cookies_parse(struct gk_http_args *a, const char *hdr)
{
	size_t	 len, kept = 0;
	char	*m, *o;

	if (hdr == NULL || (len = strlen(hdr)) == 0)
		return 0;
	if ((m = args_chunk(a, len + 2)) == NULL)
		return 500;
	o = m;
	while (*hdr != '\0') {
		const char	*p = hdr, *semi = strchr(p, ';'), *eq, *ne, *vb, *ve;
		size_t		 plen = semi != NULL ? (size_t)(semi - p) : strlen(p);

		hdr = semi != NULL ? semi + 1 : p + plen;
		while (plen > 0 && is_sp(*p)) {
			p++;
			plen--;
		}
		while (plen > 0 && is_sp(p[plen - 1]))
			plen--;
		if (plen == 0 || (eq = memchr(p, '=', plen)) == NULL || eq == p)
			continue;
		for (ne = eq; ne > p && is_sp(ne[-1]); ne--)
			;
		for (vb = eq + 1, ve = p + plen; vb < ve && is_sp(*vb); vb++)
			;
		if (ve - vb >= 2 && *vb == '"' && ve[-1] == '"') {
			vb++;
			ve--;
		}
		if (ne - p > GK_HTTP_NAME_MAX || ve - vb > GK_WEB_ARG_MAX ||
		    !text_ok((const unsigned char *)p, (size_t)(ne - p), 0) ||
		    !text_ok((const unsigned char *)vb, (size_t)(ve - vb), 0) ||
		    kept >= GK_HTTP_COOKIES_MAX || a->n >= GK_WEB_ARGS_MAX)
			continue;
		memcpy(o, p, (size_t)(ne - p));
		o[ne - p] = '\0';
		a->v[a->n].name = o;
		o += ne - p + 1;
		memcpy(o, vb, (size_t)(ve - vb));
		o[ve - vb] = '\0';
		a->v[a->n].value = o;
		o += ve - vb + 1;
		a->n++;
		kept++;
	}
	return 0;
}

/* The token starting at *sp up to one of stop (spaces trimmed); *sp moves past it. */
static size_t
token(const char **sp, const char *stop, const char **tok)
{
	const char	*s = *sp, *e;
	size_t		 n;

	while (is_sp(*s))
		s++;
	n = strcspn(s, stop);
	for (e = s + n; e > s && is_sp(e[-1]); e--)
		;
	*tok = s;
	*sp = s + n;
	return (size_t)(e - s);
}

/* q-value > 0 in the parameters after a coding ("; q=0.5"). */
static int
q_positive(const char **sp)
{
	const char	*t;
	size_t		 n;
	int		 pos = 1;

	while (**sp == ';') {
		(*sp)++;
		n = token(sp, ";,", &t);
		if (n >= 2 && (t[0] == 'q' || t[0] == 'Q') && t[1] == '=') {
			size_t k;

			pos = 0;
			for (k = 2; k < n; k++)
				if (t[k] >= '1' && t[k] <= '9')
					pos = 1;
		}
	}
	return pos;
}

int
gk_http_accepts_gzip(const char *ae)
{
	int		 gz = -1, star = -1, q;
	const char	*t;
	size_t		 n;

	if (ae == NULL)
		return 0;
	while (*ae != '\0') {
		n = token(&ae, ";,", &t);
		q = q_positive(&ae);
		if ((n == 4 && strncasecmp(t, "gzip", 4) == 0) ||
		    (n == 6 && strncasecmp(t, "x-gzip", 6) == 0))
			gz = q;
		else if (n == 1 && t[0] == '*')
			star = q;
		if (*ae == ',')
			ae++;
	}
	return gz >= 0 ? gz : star == 1;
}

int
gk_http_etag_match(const char *inm, const char *etag)
{
	const char	*t;
	size_t		 n, el = strlen(etag);

	if (inm == NULL)
		return 0;
	while (*inm != '\0') {
		n = token(&inm, ",", &t);
		if (n == 1 && t[0] == '*')
			return 1;
		if (n >= 2 && t[0] == 'W' && t[1] == '/') {
			t += 2;
			n -= 2;
		}
		if (n == el && memcmp(t, etag, n) == 0)
			return 1;
		if (*inm == ',')
			inm++;
	}
	return 0;
}

static const char *const wdays[] = { "Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed" };
static const char *const months[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

static int64_t
floordiv(int64_t a, int64_t b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

void
gk_http_date_format(int64_t t, char out[GK_HTTP_DATE_LEN])
{
	int64_t	days = floordiv(t, 86400), s = t - days * 86400;
	int	y, m, d;

	if (days < -719162 || days > 2932896) {	/* outside years 1..9999 */
		days = 0;
		s = 0;
	}
	gk_date_ymd((int32_t)days, &y, &m, &d);
	snprintf(out, GK_HTTP_DATE_LEN, "%s, %02d %s %04d %02d:%02d:%02d GMT",
	    wdays[(int)(((days % 7) + 7) % 7)], d, months[m - 1], y, (int)(s / 3600),
	    (int)(s / 60 % 60), (int)(s % 60));
}

/* n decimal digits at s into *v; 1 when all are digits. */
static int
digits(const char *s, int n, int *v)
{
	int i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		*v = *v * 10 + (s[i] - '0');
	}
	return 1;
}

static int
to_time(int y, int mo, int d, int h, int mi, int s, int64_t *t)
{
	int32_t days;

	if (h > 23 || mi > 59 || s > 60 || gk_date_from_ymd(y, mo, d, &days) != GK_OK)
		return 0;
	*t = (int64_t)days * 86400 + h * 3600 + mi * 60 + (s == 60 ? 59 : s);
	return 1;
}

int
gk_http_date_parse(const char *s, int64_t *t)
{
	int	d, y, h, mi, sec, m;

	/* "Sun, 06 Nov 1994 08:49:37 GMT": 29 bytes, fixed positions. */
	if (s == NULL || strlen(s) != 29 || s[3] != ',' || s[4] != ' ' || s[7] != ' ' ||
	    s[11] != ' ' || s[16] != ' ' || s[19] != ':' || s[22] != ':' ||
	    strcmp(s + 25, " GMT") != 0)
		return 0;
	for (m = 0; m < 12; m++)
		if (strncmp(s + 8, months[m], 3) == 0)
			break;
	if (m == 12 || !digits(s + 5, 2, &d) || !digits(s + 12, 4, &y) ||
	    !digits(s + 17, 2, &h) || !digits(s + 20, 2, &mi) || !digits(s + 23, 2, &sec))
		return 0;
	return to_time(y, m + 1, d, h, mi, sec, t);
}

int
gk_http_rfc3339_parse(const char *s, int64_t *t)
{
	int		y, mo, d, h = 0, mi = 0, sec = 0, oh = 8, om = 0, sign = 1;
	const char	*p;

	if (s == NULL || strlen(s) < 10 || !digits(s, 4, &y) || s[4] != '-' ||
	    !digits(s + 5, 2, &mo) || s[7] != '-' || !digits(s + 8, 2, &d))
		return 0;
	p = s + 10;
	if (*p == 'T' || *p == ' ') {
		if (!digits(p + 1, 2, &h) || p[3] != ':' || !digits(p + 4, 2, &mi))
			return 0;
		p += 6;
		if (*p == ':') {
			if (!digits(p + 1, 2, &sec))
				return 0;
			p += 3;
			if (*p == '.')
				for (p++; *p >= '0' && *p <= '9'; p++)
					;
		}
	}
	if (*p == 'Z') {
		oh = 0;
		p++;
	} else if (*p == '+' || *p == '-') {
		sign = *p == '-' ? -1 : 1;
		if (!digits(p + 1, 2, &oh) || p[3] != ':' || !digits(p + 4, 2, &om) || oh > 23 ||
		    om > 59)
			return 0;
		p += 6;
	}
	if (*p != '\0' || !to_time(y, mo, d, h, mi, sec, t))
		return 0;
	*t -= sign * (oh * 3600 + om * 60);
	return 1;
}

/*
 * Appends c to out (at *o of n, keeping room for the NUL), escaped for the
 * log; once something does not fit, *o is left where it was and *full set.
 */
static void
log_put(char *out, size_t n, size_t *o, int *full, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";

	if (*full)
		return;
	if (c >= 0x21 && c < 0x7f && c != '"' && c != '\\') {
		if (*o + 1 < n) {
			out[(*o)++] = (char)c;
			return;
		}
	} else if (*o + 4 < n) {
		out[(*o)++] = '\\';
		out[(*o)++] = 'x';
		out[(*o)++] = hex[c >> 4];
		out[(*o)++] = hex[c & 15];
		return;
	}
	*full = 1;
}

void
gk_http_log_target(const char *raw, char *out, size_t n)
{
	size_t	o = 0;
	int	in_name = 1, full = 0;

	if (n == 0)
		return;
	for (; *raw != '\0' && *raw != '?'; raw++)
		log_put(out, n, &o, &full, (unsigned char)*raw);
	if (*raw == '?') {
		log_put(out, n, &o, &full, '?');
		for (raw++; *raw != '\0'; raw++) {
			if (*raw == '&') {
				in_name = 1;
				log_put(out, n, &o, &full, '&');
			} else if (*raw == '=') {
				if (in_name)
					log_put(out, n, &o, &full, '=');
				in_name = 0;
			} else if (in_name)
				log_put(out, n, &o, &full, (unsigned char)*raw);
		}
	}
	out[o] = '\0';
}

int
gk_http_method_check(const char *m)
{
	static const char *const known[] = {
		"PUT", "DELETE", "OPTIONS", "PATCH", "TRACE", "CONNECT",
	};
	size_t i;

	if (strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0 || strcmp(m, "POST") == 0)
		return 0;
	for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(m, known[i]) == 0)
			return 405;
	return 501;
}

void
gk_http_allow(const char *path, char *out, size_t n)
{
	const char	*methods = "GET HEAD", *p;
	size_t		 i, o = 0;

	for (i = 0; i < gk_web_nroutes; i++) {
		size_t k = strlen(gk_web_routes[i].prefix);

		if (strncmp(gk_web_routes[i].prefix, path, k) == 0 &&
		    (gk_web_routes[i].prefix[k - 1] == '/' || path[k] == '\0')) {
			methods = gk_web_routes[i].methods;
			break;
		}
	}
	for (p = methods; *p != '\0' && o + 3 < n; p++) {
		if (*p == ' ') {
			out[o++] = ',';
			out[o++] = ' ';
		} else
			out[o++] = *p;
	}
	if (n > 0)
		out[o < n ? o : n - 1] = '\0';
}

enum gk_err
gk_http_cache_key(const char *path, const struct gk_http_args *a, struct gk_buf *out)
{
	size_t i;

	/* GET fields hold no control characters, so \x1e and \x1f separate unambiguously. */
	gk_buf_puts(out, path);
	for (i = 0; i < a->n; i++) {
		gk_buf_putc(out, '\x1f');
		gk_buf_puts(out, a->v[i].name);
		gk_buf_putc(out, '\x1e');
		gk_buf_puts(out, a->v[i].value);
	}
	return out->err;
}

enum gk_err
gk_http_gzip(const void *data, size_t len, char **out, size_t *outlen)
{
	z_stream	 z;
	uLong		 bound;
	char		*buf;
	int		 rc;

	*out = NULL;
	*outlen = 0;
	memset(&z, 0, sizeof(z));
	if (len > UINT32_MAX || deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8,
	    Z_DEFAULT_STRATEGY) != Z_OK)
		return GK_ENOMEM;
	bound = deflateBound(&z, (uLong)len);
	if ((buf = gk_malloc(bound)) == NULL) {
		deflateEnd(&z);
		return GK_ENOMEM;
	}
	z.next_in = (Bytef *)(uintptr_t)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)buf;
	z.avail_out = (uInt)bound;
	rc = deflate(&z, Z_FINISH);
	*outlen = z.total_out;
	deflateEnd(&z);
	if (rc != Z_STREAM_END) {
		gk_free(buf);
		*outlen = 0;
		return GK_EIO;
	}
	*out = buf;
	return GK_OK;
}

/* ==== the page cache =================================================== */

struct gk_cache {
	pthread_rwlock_t	 lock;
	struct gk_cache_entry	**tab;
	size_t			 nbuckets;	/* a power of two */
	size_t			 entries, bytes, max_bytes, max_entries;
	int64_t			 gen;
	void			(*release)(void *);
};

static uint64_t
fnv1a(const char *s)
{
	uint64_t h = 1469598103934665603ULL;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

struct gk_cache *
gk_cache_new(size_t max_bytes, size_t max_entries, int64_t gen, void (*release)(void *))
{
	struct gk_cache	*c;
	size_t		 nb = 64;

	if (max_entries == 0)
		max_entries = 1;
	while (nb < max_entries && nb < ((size_t)1 << 20))
		nb *= 2;
	if ((c = gk_calloc(1, sizeof(*c))) == NULL)
		return NULL;
	if ((c->tab = gk_calloc(nb, sizeof(*c->tab))) == NULL) {
		gk_free(c);
		return NULL;
	}
	if (pthread_rwlock_init(&c->lock, NULL) != 0) {
		gk_free(c->tab);
		gk_free(c);
		return NULL;
	}
	c->nbuckets = nb;
	c->max_bytes = max_bytes;
	c->max_entries = max_entries;
	c->gen = gen;
	c->release = release;
	return c;
}

void
gk_cache_entry_free(struct gk_cache_entry *e, void (*release)(void *))
{
	if (e == NULL)
		return;
	if (release != NULL) {
		if (e->obj[0] != NULL)
			release(e->obj[0]);
		if (e->obj[1] != NULL)
			release(e->obj[1]);
	}
	gk_free(e->key);
	gk_free(e);
}

/* Under the write lock. */
static void
cache_drop_all(struct gk_cache *c)
{
	size_t i;

	for (i = 0; i < c->nbuckets; i++) {
		struct gk_cache_entry *e = c->tab[i], *next;

		for (; e != NULL; e = next) {
			next = e->next;
			gk_cache_entry_free(e, c->release);
		}
		c->tab[i] = NULL;
	}
	c->entries = 0;
	c->bytes = 0;
}

void
gk_cache_free(struct gk_cache *c)
{
	if (c == NULL)
		return;
	cache_drop_all(c);
	pthread_rwlock_destroy(&c->lock);
	gk_free(c->tab);
	gk_free(c);
}

int
gk_cache_get(struct gk_cache *c, const char *key,
    int (*fn)(const struct gk_cache_entry *, void *), void *arg)
{
	struct gk_cache_entry	*e;
	int			 r = -1;

	pthread_rwlock_rdlock(&c->lock);
	for (e = c->tab[fnv1a(key) & (c->nbuckets - 1)]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0) {
			r = fn(e, arg);
			break;
		}
	pthread_rwlock_unlock(&c->lock);
	return r;
}

int
gk_cache_put(struct gk_cache *c, int64_t gen, struct gk_cache_entry *e)
{
	struct gk_cache_entry	**pp;
	size_t			 b;

	pthread_rwlock_wrlock(&c->lock);
	if (gen != c->gen || e->bytes > c->max_bytes) {
		pthread_rwlock_unlock(&c->lock);
		gk_cache_entry_free(e, c->release);
		return 0;
	}
	b = fnv1a(e->key) & (c->nbuckets - 1);
	for (pp = &c->tab[b]; *pp != NULL; pp = &(*pp)->next)
		if (strcmp((*pp)->key, e->key) == 0) {
			struct gk_cache_entry *old = *pp;

			*pp = old->next;
			c->entries--;
			c->bytes -= old->bytes;
			gk_cache_entry_free(old, c->release);
			break;
		}
	if (c->entries + 1 > c->max_entries || c->bytes + e->bytes > c->max_bytes)
		cache_drop_all(c);
	e->next = c->tab[b];
	c->tab[b] = e;
	c->entries++;
	c->bytes += e->bytes;
	pthread_rwlock_unlock(&c->lock);
	return 1;
}

void
gk_cache_invalidate(struct gk_cache *c, int64_t gen)
{
	pthread_rwlock_wrlock(&c->lock);
	cache_drop_all(c);
	c->gen = gen;
	pthread_rwlock_unlock(&c->lock);
}

int64_t
gk_cache_gen(struct gk_cache *c)
{
	int64_t g;

	pthread_rwlock_rdlock(&c->lock);
	g = c->gen;
	pthread_rwlock_unlock(&c->lock);
	return g;
}

void
gk_cache_stats(struct gk_cache *c, size_t *entries, size_t *bytes)
{
	pthread_rwlock_rdlock(&c->lock);
	*entries = c->entries;
	*bytes = c->bytes;
	pthread_rwlock_unlock(&c->lock);
}

/* ==== the server ======================================================= */

#define GK_CSP	"default-src 'self'; img-src 'self' data:; style-src 'self'; " \
		"script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
#define GEN_CHECK_US	200000		/* site_state.gen is read at most this often */
#define GZIP_MIN	1024		/* smaller dynamic bodies are sent as they are */
#define DRAIN_MAX	(4 * GK_WEB_BODY_MAX)	/* body bytes read and dropped before closing */
#define GRACE_S		10		/* shutdown: wait this long for requests in flight */

struct worker;
struct conn;

struct srv {
	const struct gk_server_opts	*o;
	struct gk_cache			*cache;
	_Atomic int64_t			 last_check;	/* monotonic µs of the last gen read */
	pthread_rwlock_t		 site_lock;
	struct gk_site			 site;		/* under site_lock */
	_Atomic unsigned		 site_ver;
	_Atomic long			 inflight;
	pthread_mutex_t			 wlock;		/* workers list */
	struct worker			*workers;
	pthread_mutex_t			 clock_;	/* conns list */
	struct conn			*conns;
	_Atomic int			 stopping;
};

/*
 * A connection, for the request deadline: a client has o->timeout seconds
 * from the connection's start (or the end of its previous response) to
 * send a whole request — line, headers and body. libmicrohttpd's own
 * timeout only closes idle connections, so a client trickling a byte a
 * second would otherwise hold its connection for ever; the reaper thread
 * shuts such a socket down. The entry leaves the list (under clock_) in
 * the CLOSED notification, which libmicrohttpd sends before it closes
 * the socket, so the reaper never touches a reused descriptor.
 */
struct conn {
	int			 fd;
	_Atomic int64_t		 t_start;	/* monotonic µs */
	_Atomic int		 receiving;	/* a request is being read */
	int			 killed;
	struct conn		*prev, *next;
};

/* A worker thread's own state (web.h: one gk_web_ctx per thread). */
struct worker {
	struct gk_web_ctx	 ctx;
	struct gk_db		*db;
	struct gk_site		 site;
	unsigned		 site_ver;
	struct calendar		 cal;	/* o->cal with the stored notices (H6, store/site.h) */
	struct srv		*srv;
	struct worker		*next;
};

static _Thread_local struct worker *tl_worker;

/* One request (MHD's request context), from the request line to the log line. */
struct rq {
	char		*uri;		/* raw request target, owned */
	char		 client[64];
	char		 method[8];
	int64_t		 t0;		/* monotonic µs */
	int		 started;
	int		 early;		/* 413/415 found while reading the body */
	struct gk_buf	 body;
	size_t		 dropped;
	int		 status;
	size_t		 bytes;
	const char	*cache;		/* "hit", "miss" or "-" */
	int		 upload;	/* multipart to GK_WEB_UPLOAD_PREFIX (uploads, below) */
};

static int64_t
mono_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* The wall clock in Asia/Shanghai (+08:00, no daylight saving) as RFC 3339. */
static void
now_shanghai(char *buf, size_t n, int32_t *today)
{
	int64_t	t = (int64_t)time(NULL) + 8 * 3600, days = floordiv(t, 86400), s = t - days * 86400;
	int	y, m, d;

	gk_date_ymd((int32_t)days, &y, &m, &d);
	snprintf(buf, n, "%04d-%02d-%02dT%02d:%02d:%02d+08:00", y, m, d, (int)(s / 3600),
	    (int)(s / 60 % 60), (int)(s % 60));
	if (today != NULL)
		*today = (int32_t)days;
}

/* This thread's worker, made (with its database connection) on first use. */
static struct worker *
worker_get(struct srv *sv)
{
	struct worker	*w;
	char		 err[512];

	if (tl_worker != NULL)
		return tl_worker;
	if ((w = gk_calloc(1, sizeof(*w))) == NULL)
		return NULL;
	if (gk_db_open_ex(sv->o->db_path, GK_DB_EXISTING, &w->db, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: 工作线程无法打开数据库：%s\n", err);
		gk_free(w);
		return NULL;
	}
	w->srv = sv;
	w->ctx.db = w->db;
	w->ctx.cal = sv->o->cal;
	w->ctx.site = &w->site;
	w->site_ver = (unsigned)-1;
	pthread_mutex_lock(&sv->wlock);
	w->next = sv->workers;
	sv->workers = w;
	pthread_mutex_unlock(&sv->wlock);
	tl_worker = w;
	return w;
}

/*
 * Reads site_state.gen when GEN_CHECK_US has passed since the last read
 * (one thread does it); on a change reloads the site settings and drops
 * the page cache.
 */
static void
refresh(struct srv *sv, struct worker *w)
{
	int64_t		now = mono_us(), last = atomic_load(&sv->last_check), gen;
	struct gk_site	site;
	char		err[512];

	if (now - last < GEN_CHECK_US ||
	    !atomic_compare_exchange_strong(&sv->last_check, &last, now))
		return;
	if (gk_site_generation(w->db, &gen, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return;
	}
	if (gen == gk_cache_gen(sv->cache))
		return;
	if (gk_site_load(w->db, &site, err, sizeof(err)) == GK_OK) {
		pthread_rwlock_wrlock(&sv->site_lock);
		sv->site = site;
		pthread_rwlock_unlock(&sv->site_lock);
		atomic_fetch_add(&sv->site_ver, 1);
	} else
		fprintf(stderr, "gongkai: %s\n", err);
	gk_cache_invalidate(sv->cache, gen);
}

/*
 * This thread's calendar: the server's file calendar with the notices
 * entered in the back office (gk_site_calendar_effective), rebuilt when
 * the site generation moves; the old one stays on an error.
 */
static void
worker_calendar(struct worker *w)
{
	struct calendar	c;
	char		err[512];

	if (gk_site_calendar_effective(w->db, w->srv->o->cal, &c, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		return;
	}
	calendar_clear(&w->cal);
	w->cal = c;
	w->ctx.cal = &w->cal;
}

/* Per request: the clock and this thread's copy of the site settings. */
static void
worker_prepare(struct worker *w)
{
	struct srv	*sv = w->srv;
	unsigned	 v;

	refresh(sv, w);
	if ((v = atomic_load(&sv->site_ver)) != w->site_ver) {
		pthread_rwlock_rdlock(&sv->site_lock);
		w->site = sv->site;
		pthread_rwlock_unlock(&sv->site_lock);
		w->site_ver = v;
		worker_calendar(w);
	}
	if (sv->o->fixed_now != NULL) {
		gk_strlcpy_utf8(w->ctx.now, sv->o->fixed_now, sizeof(w->ctx.now));
		if (gk_date_parse(w->ctx.now, 10, &w->ctx.today) != GK_OK)
			now_shanghai(w->ctx.now, sizeof(w->ctx.now), &w->ctx.today);
	} else
		now_shanghai(w->ctx.now, sizeof(w->ctx.now), &w->ctx.today);
}

static int
text_type(const char *ct)
{
	return strncmp(ct, "text/", 5) == 0 || strncmp(ct, "application/json", 16) == 0 ||
	    strncmp(ct, "application/xml", 15) == 0 ||
	    strncmp(ct, "application/atom+xml", 20) == 0 ||
	    strncmp(ct, "image/svg+xml", 13) == 0;
}

/* The headers every response carries. */
static void
common_headers(struct MHD_Response *r, const char *ctype, int cacheable)
{
	MHD_add_response_header(r, "Content-Security-Policy", GK_CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "strict-origin-when-cross-origin");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cache-Control", cacheable ? "no-cache" : "no-store");
	MHD_add_response_header(r, "Vary", "Accept-Encoding");
	if (ctype != NULL)
		MHD_add_response_header(r, "Content-Type", ctype);
}

/* A response owning data (gk_malloc'd; freed with gk_free by MHD, or here on failure). */
static struct MHD_Response *
own_response(char *data, size_t len)
{
	struct MHD_Response *r;

	if (data == NULL)
		return MHD_create_response_from_buffer(0, (void *)(uintptr_t)"", MHD_RESPMEM_PERSISTENT);
	r = MHD_create_response_from_buffer_with_free_callback(len, data, gk_free);
	if (r == NULL)
		gk_free(data);
	return r;
}

static enum MHD_Result
queue(struct MHD_Connection *con, struct rq *q, int status, struct MHD_Response *r,
    size_t bytes)
{
	enum MHD_Result ret;

	if (r == NULL)
		return MHD_NO;
	q->status = status;
	q->bytes = strcmp(q->method, "HEAD") == 0 || status == 304 ? 0 : bytes;
	ret = MHD_queue_response(con, (unsigned)status, r);
	MHD_destroy_response(r);
	return ret;
}

/* The last resort when even an error page cannot be made. */
static enum MHD_Result
queue_plain(struct MHD_Connection *con, struct rq *q, int status)
{
	static const char	 msg[] = "服务器内部错误\n";
	struct MHD_Response	*r;

	r = MHD_create_response_from_buffer(sizeof(msg) - 1, (void *)(uintptr_t)msg,
	    MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	common_headers(r, "text/plain; charset=utf-8", 0);
	return queue(con, q, status, r, sizeof(msg) - 1);
}

static void	extra_headers(struct MHD_Response *, const struct gk_web_resp *);

/* Sends a handler's (or an error page's) response that is not cached. */
static enum MHD_Result
queue_resp(struct MHD_Connection *con, struct rq *q, const struct gk_web_req *req,
    struct gk_web_resp *resp)
{
	struct MHD_Response	*r;
	char			*data, *gz = NULL, allow[64], lm[GK_HTTP_DATE_LEN];
	size_t			 len, gzlen = 0;
	int			 zipped = 0;
	int64_t			 t;

	if (resp->body.err != GK_OK)
		return queue_plain(con, q, 500);
	data = gk_buf_take(&resp->body, &len);
	if (req->gzip_ok && len > GZIP_MIN && text_type(resp->content_type) &&
	    gk_http_gzip(data, len, &gz, &gzlen) == GK_OK) {
		if (gzlen < len) {
			gk_free(data);
			data = gz;
			len = gzlen;
			zipped = 1;
		} else
			gk_free(gz);
	}
	if ((r = own_response(data, len)) == NULL)
		return queue_plain(con, q, 500);
	common_headers(r, resp->content_type, resp->cacheable);
	if (zipped)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	if (resp->location[0] != '\0')
		MHD_add_response_header(r, "Location", resp->location);
	if (resp->set_cookie[0] != '\0')
		MHD_add_response_header(r, "Set-Cookie", resp->set_cookie);
	extra_headers(r, resp);
	if (resp->status == 405 && resp->allow[0] == '\0') {
		gk_http_allow(req->path, allow, sizeof(allow));
		MHD_add_response_header(r, "Allow", allow);
	}
	if (resp->cacheable && resp->last_modified[0] != '\0' &&
	    gk_http_rfc3339_parse(resp->last_modified, &t)) {
		gk_http_date_format(t, lm);
		MHD_add_response_header(r, "Last-Modified", lm);
	}
	return queue(con, q, resp->status, r, len);
}

static enum MHD_Result
queue_error(struct MHD_Connection *con, struct rq *q, struct worker *w,
    const struct gk_web_req *req, int status, const char *msg)
{
	struct gk_web_resp	resp;
	enum MHD_Result		ret;

	gk_web_resp_init(&resp);
	if (w == NULL || gk_page_error(&resp, &w->ctx, req, status, msg) != GK_OK) {
		gk_web_resp_clear(&resp);
		return queue_plain(con, q, status);
	}
	ret = queue_resp(con, q, req, &resp);
	gk_web_resp_clear(&resp);
	return ret;
}

static const char *
error_message(int status)
{
	switch (status) {
	case 400: return "请求的地址或参数格式不正确。";
	case 405: return "不支持此请求方法。";
	case 413: return "提交的内容超过了允许的大小。";
	case 414: return "请求的地址过长。";
	case 415: return "只接受普通表单提交（application/x-www-form-urlencoded）。";
	case 501: return "服务器不支持此请求方法。";
	default:  return "";
	}
}

/* For a cached page: the request's conditions and encoding. */
struct hit {
	struct MHD_Connection	*con;
	struct rq		*q;
	const struct gk_web_req	*req;
};

static enum MHD_Result
queue_304(struct MHD_Connection *con, struct rq *q, const struct gk_cache_entry *e)
{
	struct MHD_Response *r;

	r = MHD_create_response_from_buffer(0, (void *)(uintptr_t)"", MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	common_headers(r, NULL, 1);
	MHD_add_response_header(r, "ETag", e->etag);
	if (e->last_modified[0] != '\0')
		MHD_add_response_header(r, "Last-Modified", e->last_modified);
	return queue(con, q, 304, r, 0);
}

/* 1 when the client's copy is current (If-None-Match, else If-Modified-Since). */
static int
not_modified(struct MHD_Connection *con, const struct gk_cache_entry *e)
{
	const char	*inm = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-None-Match");
	const char	*ims;
	char		 gz[sizeof(e->etag) + 4];
	int64_t		 t;

	if (inm != NULL) {
		snprintf(gz, sizeof(gz), "%.*s-gz\"", (int)strlen(e->etag) - 1, e->etag);
		return gk_http_etag_match(inm, e->etag) || gk_http_etag_match(inm, gz);
	}
	ims = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "If-Modified-Since");
	return ims != NULL && e->last_modified[0] != '\0' && gk_http_date_parse(ims, &t) &&
	    e->lm_time <= t;
}

static int
serve_hit(const struct gk_cache_entry *e, void *arg)
{
	struct hit	*h = arg;
	struct rq	*q = h->q;
	int		 z = h->req->gzip_ok && e->obj[1] != NULL;

	if (not_modified(h->con, e))
		return queue_304(h->con, q, e) == MHD_YES;
	q->status = 200;
	q->bytes = strcmp(q->method, "HEAD") == 0 ? 0 : e->len[z];
	return MHD_queue_response(h->con, 200, e->obj[z]) == MHD_YES;
}

/* The headers a handler asked for besides the common ones (web.h). */
static void
extra_headers(struct MHD_Response *r, const struct gk_web_resp *resp)
{
	char n[16];

	if (resp->disposition[0] != '\0')
		MHD_add_response_header(r, "Content-Disposition", resp->disposition);
	if (resp->allow[0] != '\0')
		MHD_add_response_header(r, "Allow", resp->allow);
	if (resp->retry_after > 0) {
		snprintf(n, sizeof(n), "%d", resp->retry_after);
		MHD_add_response_header(r, "Retry-After", n);
	}
}

static void
release_response(void *p)
{
	MHD_destroy_response(p);
}

/* A prepared, cacheable response object for body (taken over: freed on failure too). */
static struct MHD_Response *
cache_response(char *body, size_t len, const struct gk_web_resp *resp, const char *etag,
    const char *lm, int gzip)
{
	struct MHD_Response *r;

	if ((r = own_response(body, len)) == NULL)
		return NULL;
	common_headers(r, resp->content_type, 1);
	extra_headers(r, resp);
	MHD_add_response_header(r, "ETag", etag);
	if (lm[0] != '\0')
		MHD_add_response_header(r, "Last-Modified", lm);
	if (gzip)
		MHD_add_response_header(r, "Content-Encoding", "gzip");
	return r;
}

/*
 * A cacheable 200: makes the entry (ETag, Last-Modified, identity and gzip
 * objects), answers this request from it and stores it (unless the site
 * changed since gen was read).
 */
static enum MHD_Result
serve_store(struct MHD_Connection *con, struct rq *q, struct srv *sv, int64_t gen,
    const struct gk_web_req *req, struct gk_web_resp *resp, struct gk_buf *key)
{
	struct gk_cache_entry	*e;
	unsigned char		 d[GK_SHA256_LEN];
	char			 hex[GK_SHA256_HEXLEN + 1], *data, *gz = NULL;
	size_t			 len, gzlen = 0;
	int64_t			 t;
	struct hit		 h;
	int			 ok;

	if (resp->body.err != GK_OK || (e = gk_calloc(1, sizeof(*e))) == NULL)
		return queue_resp(con, q, req, resp);
	if ((e->key = gk_buf_take(key, NULL)) == NULL) {
		gk_free(e);
		return queue_resp(con, q, req, resp);
	}
	gk_sha256(resp->body.data != NULL ? resp->body.data : "", resp->body.len, d);
	gk_sha256_hex(d, hex);
	snprintf(e->etag, sizeof(e->etag), "\"%.16s\"", hex);
	if (resp->last_modified[0] != '\0' && gk_http_rfc3339_parse(resp->last_modified, &t)) {
		gk_http_date_format(t, e->last_modified);
		e->lm_time = t;
	}
	data = gk_buf_take(&resp->body, &len);
	if (data != NULL && text_type(resp->content_type) &&
	    gk_http_gzip(data, len, &gz, &gzlen) == GK_OK && gzlen >= len) {
		gk_free(gz);
		gz = NULL;
	}
	if (gz == NULL)
		gzlen = 0;
	e->bytes = len + gzlen + strlen(e->key) + sizeof(*e);
	e->len[0] = len;
	e->len[1] = gzlen;
	e->obj[0] = cache_response(data, len, resp, e->etag, e->last_modified, 0);
	if (gz != NULL) {
		char gztag[sizeof(e->etag) + 4];

		snprintf(gztag, sizeof(gztag), "%.*s-gz\"", (int)strlen(e->etag) - 1, e->etag);
		e->obj[1] = cache_response(gz, gzlen, resp, gztag, e->last_modified, 1);
	}
	if (e->obj[0] == NULL) {
		gk_cache_entry_free(e, release_response);
		return queue_plain(con, q, 500);
	}
	h.con = con;
	h.q = q;
	h.req = req;
	ok = serve_hit(e, &h);
	q->cache = "miss";
	gk_cache_put(sv->cache, gen, e);
	return ok ? MHD_YES : MHD_NO;
}

/* Runs the handlers for a decoded request and answers. */
static enum MHD_Result
serve(struct MHD_Connection *con, struct rq *q, struct worker *w, struct gk_web_req *req,
    const struct gk_http_args *args)
{
	struct srv		*sv = w->srv;
	struct gk_web_resp	 resp;
	struct gk_buf		 key;
	struct hit		 h;
	char			 err[1024];
	enum gk_err		 e;
	enum MHD_Result		 ret;
	int64_t			 gen = 0;
	int			 cacheable_req, r;

	cacheable_req = strcmp(req->method, "POST") != 0 && !gk_page_large(req);
	gk_buf_init(&key, 0);
	if (cacheable_req) {
		gen = gk_cache_gen(sv->cache);
		if (gk_http_cache_key(req->path, args, &key) != GK_OK)
			cacheable_req = 0;
		else {
			h.con = con;
			h.q = q;
			h.req = req;
			if ((r = gk_cache_get(sv->cache, key.data, serve_hit, &h)) >= 0) {
				q->cache = "hit";
				gk_buf_clear(&key);
				return r ? MHD_YES : MHD_NO;
			}
		}
	}
	gk_web_resp_init(&resp);
	err[0] = '\0';
	e = gk_web_dispatch(&w->ctx, req, &resp, err, sizeof(err));
	if (e == GK_ENOTFOUND)
		ret = queue_error(con, q, w, req, 404, "您访问的页面不存在或已被删除。");
	else if (e != GK_OK) {
		fprintf(stderr, "gongkai: %s %s: %s (%s)\n", req->method, req->path,
		    err[0] != '\0' ? err : "处理失败", gk_strerror(e));
		ret = queue_error(con, q, w, req, 500, "服务器暂时无法处理您的请求，请稍后再试。");
	} else if (resp.status == 405 && resp.body.len == 0)
		ret = queue_error(con, q, w, req, 405, error_message(405));
	else if (resp.status == 200 && resp.cacheable && cacheable_req)
		ret = serve_store(con, q, sv, gen, req, &resp, &key);
	else
		ret = queue_resp(con, q, req, &resp);
	gk_web_resp_clear(&resp);
	gk_buf_clear(&key);
	return ret;
}

/* The connection's deadline entry (NULL if none). */
static struct conn *
conn_of(struct MHD_Connection *con)
{
	const union MHD_ConnectionInfo *ci;

	ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	return ci != NULL ? ci->socket_context : NULL;
}

/* The length of the host name in "host[:port]" or "[v6]:port". */
static size_t
host_len(const char *h)
{
	const char *e;

	if (h[0] == '[')
		return (e = strchr(h, ']')) != NULL ? (size_t)(e - h) + 1 : strlen(h);
	return strcspn(h, ":/");
}

int
gk_http_cross_site(const char *origin, const char *host, const char *fetch_site)
{
	const char	*o;
	size_t		 n;

	if (fetch_site != NULL && strcasecmp(fetch_site, "cross-site") == 0)
		return 1;
	if (origin == NULL)
		return 0;	/* not sent (curl, old browsers): SameSite and CSRF tokens still hold */
	if (strncasecmp(origin, "https://", 8) == 0)
		o = origin + 8;
	else if (strncasecmp(origin, "http://", 7) == 0)
		o = origin + 7;
	else
		return 1;	/* "null" (sandboxed frames, data: pages) or another scheme */
	/* The host names must match; a port may differ (a proxy's Host often omits it). */
	return host == NULL || (n = host_len(o)) == 0 || n != host_len(host) ||
	    strncasecmp(o, host, n) != 0;
}

/* A JSON body is taken only by the API's write side (docs/api.md). */
static int
json_ok(const char *uri, const char *ct)
{
	return strncmp(uri, "/api/v1/", 8) == 0 && ct != NULL &&
	    strncasecmp(ct, "application/json", 16) == 0 && (ct[16] == '\0' || ct[16] == ';');
}

/* The peer is this machine (a TLS-terminating proxy may only be here). */
static int
loopback(const char *client)
{
	return strncmp(client, "127.", 4) == 0 || strcmp(client, "::1") == 0 ||
	    strncmp(client, "::ffff:127.", 11) == 0;
}

/* ==== uploads (issue 6, docs/admin-items.md) ============================
 *
 * A POST of multipart/form-data to a path under GK_WEB_UPLOAD_PREFIX may be
 * up to GK_WEB_UPLOAD_MAX bytes. The whole body is read (as for forms),
 * then split by libmicrohttpd's post processor: text fields are checked
 * like urlencoded ones (UTF-8, no controls but tab/CR/LF, names up to
 * GK_HTTP_NAME_MAX, values up to GK_WEB_UPLOAD_FIELD_MAX) and appended to
 * the args; file parts (those with a filename) become req->files.
 */

#define MP_PARTS_MAX	(GK_WEB_ARGS_MAX + GK_WEB_FILES_MAX)

struct mp_part {
	char		*name, *filename, *ctype;	/* owned; filename NULL: a text field */
	struct gk_buf	 data;
};

struct mp {
	struct mp_part	 v[MP_PARTS_MAX];
	size_t		 n;
	int		 st;		/* first error status, 0 */
	struct gk_web_file files[GK_WEB_FILES_MAX];
	size_t		 nfiles;
};

/* 1 for a multipart POST that may carry uploads. */
static int
upload_ok(const char *uri, const char *ct)
{
	return ct != NULL && strncasecmp(ct, "multipart/form-data", 19) == 0 &&
	    (strncmp(uri, GK_WEB_UPLOAD_PREFIX, strlen(GK_WEB_UPLOAD_PREFIX)) == 0 ||
	    strcmp(uri, GK_WEB_UPLOAD_FIGURES) == 0);
}

static enum MHD_Result
mp_iter(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
    const char *ctype, const char *enc, const char *data, uint64_t off, size_t size)
{
	struct mp	*m = cls;
	struct mp_part	*p = m->n > 0 ? &m->v[m->n - 1] : NULL;

	(void)kind;
	(void)enc;
	if (m->st != 0)
		return MHD_NO;
	if (off == 0 && (p == NULL || p->data.len > 0 || key == NULL || strcmp(p->name, key) != 0)) {
		if (m->n == MP_PARTS_MAX) {
			m->st = 400;
			return MHD_NO;
		}
		p = &m->v[m->n++];
		gk_buf_init(&p->data, filename != NULL ? GK_WEB_UPLOAD_MAX : GK_WEB_UPLOAD_FIELD_MAX);
		p->name = gk_strdup(key != NULL ? key : "");
		p->filename = filename != NULL ? gk_strdup(filename) : NULL;
		p->ctype = gk_strdup(ctype != NULL ? ctype : "");
		if (p->name == NULL || p->ctype == NULL || (filename != NULL && p->filename == NULL)) {
			m->st = 500;
			return MHD_NO;
		}
	}
	if (p == NULL || (size > 0 && gk_buf_append(&p->data, data, size) != GK_OK)) {
		m->st = p != NULL && p->data.err == GK_ELIMIT ? 413 : 500;
		return MHD_NO;
	}
	return MHD_YES;
}

static void
mp_clear(struct mp *m)
{
	size_t i;

	for (i = 0; i < m->n; i++) {
		gk_free(m->v[i].name);
		gk_free(m->v[i].filename);
		gk_free(m->v[i].ctype);
		gk_buf_clear(&m->v[i].data);
	}
	m->n = 0;
}

/* Splits the body into a (text fields) and m->files. Returns 0 or the status. */
static int
mp_parse(struct MHD_Connection *con, const struct gk_buf *body, struct gk_http_args *a,
    struct mp *m)
{
	struct MHD_PostProcessor	*pp;
	struct gk_web_file		*f;
	size_t				 i, need = 0, nl, vl;
	char				*o;

	if ((pp = MHD_create_post_processor(con, 64 * 1024, mp_iter, m)) == NULL)
		return 400;
	if (MHD_post_process(pp, body->data, body->len) != MHD_YES && m->st == 0)
		m->st = 400;
	if (MHD_destroy_post_processor(pp) != MHD_YES && m->st == 0)
		m->st = 400;	/* the body ended inside a part */
	if (m->st != 0)
		return m->st;
	for (i = 0; i < m->n; i++) {
		nl = strlen(m->v[i].name);
		if (nl == 0 || nl > GK_HTTP_NAME_MAX ||
		    !text_ok((const unsigned char *)m->v[i].name, nl, 0))
			return 400;
		if (m->v[i].filename != NULL) {
			if (!text_ok((const unsigned char *)m->v[i].filename,
			    strlen(m->v[i].filename), 0) || m->nfiles == GK_WEB_FILES_MAX)
				return 400;
			f = &m->files[m->nfiles++];
			f->name = m->v[i].name;
			f->filename = m->v[i].filename;
			f->content_type = text_ok((const unsigned char *)m->v[i].ctype,
			    strlen(m->v[i].ctype), 0) ? m->v[i].ctype : "";
			f->data = (const unsigned char *)(m->v[i].data.data != NULL ?
			    m->v[i].data.data : "");
			f->len = m->v[i].data.len;
			continue;
		}
		if (!text_ok((const unsigned char *)(m->v[i].data.data ? m->v[i].data.data : ""),
		    m->v[i].data.len, 1) || memchr(m->v[i].data.data ? m->v[i].data.data : "",
		    '\0', m->v[i].data.len) != NULL)
			return 400;
		need += nl + m->v[i].data.len + 2;
	}
	if (need == 0)
		return 0;
	if ((o = args_chunk(a, need)) == NULL)
		return 500;
	for (i = 0; i < m->n; i++) {
		if (m->v[i].filename != NULL)
			continue;
		if (a->n >= GK_WEB_ARGS_MAX)
			return 400;
		nl = strlen(m->v[i].name);
		vl = m->v[i].data.len;
		memcpy(o, m->v[i].name, nl + 1);
		a->v[a->n].name = o;
		o += nl + 1;
		if (vl > 0)
			memcpy(o, m->v[i].data.data, vl);
		o[vl] = '\0';
		a->v[a->n].value = o;
		o += vl + 1;
		a->n++;
	}
	return 0;
}

/* ==== end of uploads ==================================================== */

/* The request is complete: decode and validate it, then serve it. */
static enum MHD_Result
finish(struct MHD_Connection *con, struct rq *q, struct worker *w)
{
	struct gk_http_args	 args, cookies;
	struct gk_web_req	 req;
	char			 path[GK_WEB_PATH_MAX + 1];
	const char		*qs, *ct, *auth, *proto;
	enum MHD_Result		 ret;
	int			 st, m;
	size_t			 plen;
	struct mp		 mp;	/* uploads */

	struct conn		*c = conn_of(con);

	if (c != NULL)
		atomic_store(&c->receiving, 0);
	gk_http_args_init(&args);
	gk_http_args_init(&cookies);
	memset(&mp, 0, sizeof(mp));
	memset(&req, 0, sizeof(req));
	req.method = q->method;
	req.path = "/";
	req.client = q->client;
	req.gzip_ok = gk_http_accepts_gzip(MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	    "Accept-Encoding"));
	if (w == NULL)
		return queue_plain(con, q, 503);
	worker_prepare(w);
	qs = strchr(q->uri, '?');
	plen = qs != NULL ? (size_t)(qs - q->uri) : strlen(q->uri);
	if ((st = gk_http_path_decode(q->uri, plen, path, sizeof(path))) == 0)
		req.path = path;
	if ((m = gk_http_method_check(q->method)) != 0)
		st = m;
	if (st == 0 && qs != NULL)
		st = gk_http_args_parse(&args, qs + 1, strlen(qs + 1), 0);
	if (st == 0 && q->early != 0)
		st = q->early;
	if (st == 0 && q->body.len > 0 && strcmp(q->method, "POST") == 0) {
		ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
		if (json_ok(q->uri, ct)) {
			req.body = q->body.data;
			req.bodylen = q->body.len;
		} else if (q->upload) {
			if ((st = mp_parse(con, &q->body, &args, &mp)) == 0) {
				req.files = mp.nfiles > 0 ? mp.files : NULL;
				req.nfiles = mp.nfiles;
			}
		} else if (ct == NULL || strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0)
			st = 415;
		else
			st = gk_http_args_parse(&args, q->body.data, q->body.len, 1);
	}
	auth = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
	if (auth != NULL && strlen(auth) <= GK_WEB_ARG_MAX &&
	    text_ok((const unsigned char *)auth, strlen(auth), 0))
		req.authorization = auth;
	req.secure = w->srv->o->tls_proxy && loopback(q->client) &&
	    (proto = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-Proto")) != NULL &&
	    strcasecmp(proto, "https") == 0;
	req.cross_site = gk_http_cross_site(
	    MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Origin"),
	    MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Host"),
	    MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Sec-Fetch-Site"));
	if (gk_http_cookies_parse(&cookies, MHD_lookup_connection_value(con, MHD_HEADER_KIND,
	    "Cookie")) != 0 && st == 0)
		st = 500;
	req.args = args.v;
	req.nargs = st == 0 ? args.n : 0;
	req.cookies = cookies.v;
	req.ncookies = cookies.n;
	if (st != 0)
		ret = queue_error(con, q, w, &req, st, error_message(st));
	else
		ret = serve(con, q, w, &req, &args);
	gk_http_args_clear(&args);
	gk_http_args_clear(&cookies);
	mp_clear(&mp);
	return ret;
}

static enum MHD_Result
on_request(void *cls, struct MHD_Connection *con, const char *url, const char *method,
    const char *version, const char *upload, size_t *upload_size, void **req_cls)
{
	struct srv	*sv = cls;
	struct rq	*q = *req_cls;
	const char	*cl, *ct;

	(void)url;
	(void)version;
	if (q == NULL)
		return MHD_NO;	/* the request line callback ran out of memory */
	if (!q->started) {
		q->started = 1;
		gk_strlcpy_utf8(q->method, method, sizeof(q->method));
		if (strcmp(q->method, "POST") == 0) {
			cl = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Length");
			ct = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
			if ((q->upload = upload_ok(q->uri, ct)) != 0)
				q->body.max = GK_WEB_UPLOAD_MAX;	/* uploads (above) */
			if (cl != NULL && (strlen(cl) > 9 || strtoul(cl, NULL, 10) > q->body.max))
				q->early = 413;
			else if (ct != NULL && strncasecmp(ct, "application/x-www-form-urlencoded", 33) != 0 &&
			    !json_ok(q->uri, ct) && !q->upload)
				q->early = 415;
			if (q->early != 0)	/* answer now, before the body is read */
				return finish(con, q, worker_get(sv));
		}
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (q->early == 0 && strcmp(q->method, "POST") == 0 &&
		    q->body.len + *upload_size <= q->body.max) {
			if (gk_buf_append(&q->body, upload, *upload_size) != GK_OK)
				return MHD_NO;
		} else {
			if (strcmp(q->method, "POST") == 0)
				q->early = 413;
			q->dropped += *upload_size;
			if (q->dropped > DRAIN_MAX)
				return MHD_NO;	/* close the connection */
		}
		*upload_size = 0;
		return MHD_YES;
	}
	return finish(con, q, worker_get(sv));
}

/* The request line has arrived: the request's context begins. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct srv			*sv = cls;
	struct rq			*q;
	const union MHD_ConnectionInfo	*ci;

	if ((q = gk_calloc(1, sizeof(*q))) == NULL)
		return NULL;
	if ((q->uri = gk_strdup(uri != NULL ? uri : "")) == NULL) {
		gk_free(q);
		return NULL;
	}
	gk_buf_init(&q->body, GK_WEB_BODY_MAX);
	q->t0 = mono_us();
	q->cache = "-";
	gk_strlcpy_utf8(q->method, "-", sizeof(q->method));
	gk_strlcpy_utf8(q->client, "-", sizeof(q->client));
	ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci != NULL && ci->client_addr != NULL) {
		const struct sockaddr *sa = ci->client_addr;

		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)(const void *)sa)->sin_addr,
			    q->client, sizeof(q->client));
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr,
			    q->client, sizeof(q->client));
	}
	atomic_fetch_add(&sv->inflight, 1);
	return q;
}

static void
access_log(struct srv *sv, struct rq *q)
{
	char	target[2048], when[32];
	int64_t	us = mono_us() - q->t0;

	gk_http_log_target(q->uri, target, sizeof(target));
	now_shanghai(when, sizeof(when), NULL);
	/* One fprintf per line: stdio locks the stream, so lines never interleave. */
	char	st[16] = "-";

	if (q->status > 0)	/* 0: libmicrohttpd answered by itself (431, 414...) or nobody did */
		snprintf(st, sizeof(st), "%d", q->status);
	fprintf(sv->o->access_log, "%s [%s] \"%s %s\" %s %zu %lldus %s\n", q->client, when,
	    q->method, target, st, q->bytes, (long long)us, q->cache);
}

static void
on_completed(void *cls, struct MHD_Connection *con, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct srv	*sv = cls;
	struct rq	*q = *req_cls;
	struct conn	*c = conn_of(con);

	if (c != NULL) {	/* the next request's clock starts now */
		atomic_store(&c->t_start, mono_us());
		atomic_store(&c->receiving, 1);
	}
	if (q == NULL)
		return;
	if (q->status == 0)
		q->status = toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? 408 :
		    toe == MHD_REQUEST_TERMINATED_CLIENT_ABORT ? 499 : 0;
	if (sv->o->access_log != NULL)
		access_log(sv, q);
	gk_buf_clear(&q->body);
	gk_free(q->uri);
	gk_free(q);
	*req_cls = NULL;
	atomic_fetch_sub(&sv->inflight, 1);
}

static void
on_connection(void *cls, struct MHD_Connection *con, void **sock_ctx,
    enum MHD_ConnectionNotificationCode code)
{
	struct srv			*sv = cls;
	struct conn			*c;
	const union MHD_ConnectionInfo	*ci;

	if (code == MHD_CONNECTION_NOTIFY_STARTED) {
		ci = MHD_get_connection_info(con, MHD_CONNECTION_INFO_CONNECTION_FD);
		if (ci == NULL || (c = gk_calloc(1, sizeof(*c))) == NULL)
			return;	/* no deadline for this one: the idle timeout still holds */
		c->fd = ci->connect_fd;
		atomic_store(&c->t_start, mono_us());
		atomic_store(&c->receiving, 1);
		pthread_mutex_lock(&sv->clock_);
		c->next = sv->conns;
		if (sv->conns != NULL)
			sv->conns->prev = c;
		sv->conns = c;
		pthread_mutex_unlock(&sv->clock_);
		*sock_ctx = c;
	} else if (code == MHD_CONNECTION_NOTIFY_CLOSED && (c = *sock_ctx) != NULL) {
		pthread_mutex_lock(&sv->clock_);
		if (c->prev != NULL)
			c->prev->next = c->next;
		else
			sv->conns = c->next;
		if (c->next != NULL)
			c->next->prev = c->prev;
		pthread_mutex_unlock(&sv->clock_);
		gk_free(c);
		*sock_ctx = NULL;
	}
}

/*
 * Shuts down connections whose request has not arrived within the
 * deadline; flushes the access log (block-buffered) on the way.
 */
static void *
reaper(void *arg)
{
	struct srv	*sv = arg;
	int64_t		 limit = (int64_t)sv->o->timeout * 1000000, now;
	struct conn	*c;

	while (!atomic_load(&sv->stopping)) {
		usleep(100000);
		if (sv->o->access_log != NULL)
			fflush(sv->o->access_log);	/* stdio locks the stream */
		now = mono_us();
		pthread_mutex_lock(&sv->clock_);
		for (c = sv->conns; c != NULL; c = c->next)
			if (!c->killed && atomic_load(&c->receiving) &&
			    now - atomic_load(&c->t_start) > limit) {
				shutdown(c->fd, SHUT_RDWR);
				c->killed = 1;
			}
		pthread_mutex_unlock(&sv->clock_);
	}
	return NULL;
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));

static void
on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char buf[512];

	(void)cls;
	vsnprintf(buf, sizeof(buf), fmt, ap);
	buf[strcspn(buf, "\n")] = '\0';
	fprintf(stderr, "gongkai: libmicrohttpd: %s\n", buf);
}

static void
workers_close(struct srv *sv)
{
	struct worker *w, *next;

	for (w = sv->workers; w != NULL; w = next) {
		next = w->next;
		gk_db_close(w->db);
		calendar_clear(&w->cal);
		gk_free(w);
	}
	sv->workers = NULL;
}

/* The listening address; 1 when valid. */
static int
bind_addr(const char *bind, unsigned port, struct sockaddr_storage *ss, int *v6)
{
	struct sockaddr_in	*s4 = (struct sockaddr_in *)(void *)ss;
	struct sockaddr_in6	*s6 = (struct sockaddr_in6 *)(void *)ss;

	memset(ss, 0, sizeof(*ss));
	*v6 = 0;
	if (inet_pton(AF_INET, bind, &s4->sin_addr) == 1) {
		s4->sin_family = AF_INET;
		s4->sin_port = htons((uint16_t)port);
		return 1;
	}
	if (inet_pton(AF_INET6, bind, &s6->sin6_addr) == 1) {
		s6->sin6_family = AF_INET6;
		s6->sin6_port = htons((uint16_t)port);
		*v6 = 1;
		return 1;
	}
	return 0;
}

enum gk_err
gk_server_run(const struct gk_server_opts *o, char *err, size_t errlen)
{
	struct srv			 sv;
	struct gk_db			*db;
	struct MHD_Daemon		*d;
	struct sockaddr_storage		 ss;
	const union MHD_DaemonInfo	*di;
	sigset_t			 set;
	pthread_t			 reap;
	int64_t				 gen, t0;
	unsigned			 threads = o->threads, flags;
	int				 v6, sig;
	long				 ncpu;
	enum gk_err			 e;

	if (!bind_addr(o->bind, o->port, &ss, &v6)) {
		snprintf(err, errlen, "监听地址 %.80s 不是 IPv4 或 IPv6 地址", o->bind);
		return GK_EINVAL;
	}
	if (threads == 0)
		threads = (ncpu = sysconf(_SC_NPROCESSORS_ONLN)) > 0 ? (unsigned)ncpu : 1;
	memset(&sv, 0, sizeof(sv));
	sv.o = o;
	if ((e = gk_db_open_ex(o->db_path, GK_DB_EXISTING, &db, err, errlen)) != GK_OK)
		return e;
	e = gk_site_generation(db, &gen, err, errlen);
	if (e == GK_OK)
		e = gk_site_load(db, &sv.site, err, errlen);
	gk_db_close(db);
	if (e != GK_OK)
		return e;
	if ((sv.cache = gk_cache_new(o->cache_bytes, o->cache_entries, gen,
	    release_response)) == NULL) {
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	pthread_rwlock_init(&sv.site_lock, NULL);
	pthread_mutex_init(&sv.wlock, NULL);
	pthread_mutex_init(&sv.clock_, NULL);
	atomic_store(&sv.last_check, mono_us());

	/* The workers inherit the mask: only this thread takes SIGTERM and SIGINT. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);

	flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC | MHD_USE_ERROR_LOG |
	    (v6 ? MHD_USE_IPv6 : 0);
	d = MHD_start_daemon(flags, (uint16_t)o->port, NULL, NULL, on_request, &sv,
	    MHD_OPTION_EXTERNAL_LOGGER, on_mhd_log, &sv,
	    MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&ss,
	    MHD_OPTION_THREAD_POOL_SIZE, threads,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024,
	    MHD_OPTION_CONNECTION_LIMIT, o->max_conn,
	    MHD_OPTION_PER_IP_CONNECTION_LIMIT, o->per_ip,
	    MHD_OPTION_CONNECTION_TIMEOUT, o->timeout,
	    MHD_OPTION_URI_LOG_CALLBACK, on_uri, &sv,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, &sv,
	    MHD_OPTION_NOTIFY_CONNECTION, on_connection, &sv,
	    MHD_OPTION_END);
	if (d == NULL) {
		snprintf(err, errlen, "无法在 %.80s 端口 %u 上监听（端口被占用或无权限？）", o->bind,
		    o->port);
		e = GK_EIO;
		goto out;
	}
	if (pthread_create(&reap, NULL, reaper, &sv) != 0) {
		MHD_stop_daemon(d);
		snprintf(err, errlen, "无法启动线程");
		e = GK_ENOMEM;
		goto out;
	}
	di = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	fprintf(o->out, "gongkai: 正在监听 http://%s%s%s:%u/\n", v6 ? "[" : "", o->bind,
	    v6 ? "]" : "", di != NULL ? (unsigned)di->port : o->port);
	fflush(o->out);

	do
		sig = 0;
	while (sigwait(&set, &sig) != 0 || (sig != SIGTERM && sig != SIGINT));

	/* Stop accepting, let requests in flight finish, then stop. */
	{
		MHD_socket ls = MHD_quiesce_daemon(d);

		if (ls != MHD_INVALID_SOCKET)	/* new connections are refused from now on */
			close(ls);
		t0 = mono_us();
		while (atomic_load(&sv.inflight) > 0 && mono_us() - t0 < GRACE_S * 1000000LL)
			usleep(10000);
		MHD_stop_daemon(d);
		atomic_store(&sv.stopping, 1);
		pthread_join(reap, NULL);
	}
	e = GK_OK;
out:
	workers_close(&sv);
	gk_cache_free(sv.cache);
	pthread_rwlock_destroy(&sv.site_lock);
	pthread_mutex_destroy(&sv.wlock);
	pthread_mutex_destroy(&sv.clock_);
	pthread_sigmask(SIG_UNBLOCK, &set, NULL);
	return e;
}
