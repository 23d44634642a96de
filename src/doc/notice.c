/*
 * notice.c — the printed notices of the 公示栏 (notice.h): loading the
 * sheets from the store, what fits a sheet, and the PDF and HTML renderers.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "core/escape.h"
#include "core/item.h"
#include "core/workflow.h"
#include "doc/notice.h"
#include "doc/pdf.h"
#include "doc/qr.h"
#include "store/agency.h"
#include "store/item.h"
#include "store/site.h"
#include "web/html.h"
#include "web/portal.h"

#define MM		(72.0 / 25.4)
#define TEXT_W_PT	((210.0 - 28.0 - 26.0) * MM)	/* pdf.h: A4 less GB/T 9704 margins */
#define BODY_PT		14.0				/* 四号 */
#define BODY_LINE	(BODY_PT * 1.45)		/* Noto CJK ascent + descent */
#define BODY_INDENT	2.0
#define MORE_TEXT	"（全文请扫码查看）"
#define ELLIPSIS	"……"

static void
set_err(char *err, size_t errlen, const char *msg)
{
	if (errlen > 0)
		snprintf(err, errlen, "%s", msg);
}

void
gk_notice_clear(struct gk_notice *n)
{
	gk_free(n->agency);
	gk_free(n->title);
	gk_free(n->index_no);
	gk_free(n->published);
	gk_free(n->doc_no);
	gk_free(n->body);
	gk_free(n->url);
	memset(n, 0, sizeof(*n));
}

void
gk_notice_set_free(struct gk_notice_set *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		gk_notice_clear(&s->v[i]);
	gk_free(s->v);
	gk_free(s->platform);
	gk_free(s->agency);
	memset(s, 0, sizeof(*s));
}

/* ---- the ISO week ---- */

/* The Monday of ISO week 1 of year y. */
static int32_t
week1_monday(int y)
{
	int32_t jan4;

	if (gk_date_from_ymd(y, 1, 4, &jan4) != GK_OK)
		return GK_DATE_NONE;
	return jan4 - (gk_date_weekday(jan4) - 1);
}

enum gk_err
gk_notice_week_parse(const char *s, int32_t *mon, int32_t *sun)
{
	int		 y = 0, w = 0, i, ty, tm, td;
	int32_t		 m1, m;

	if (s == NULL || strlen(s) != 8 || s[4] != '-' || s[5] != 'W')
		return GK_EINVAL;
	for (i = 0; i < 8; i++) {
		if (i == 4 || i == 5)
			continue;
		if (s[i] < '0' || s[i] > '9')
			return GK_EINVAL;
		if (i < 4)
			y = y * 10 + (s[i] - '0');
		else
			w = w * 10 + (s[i] - '0');
	}
	if (y < 1000 || w < 1 || w > 53 || (m1 = week1_monday(y)) == GK_DATE_NONE)
		return GK_EINVAL;
	m = m1 + (w - 1) * 7;
	/* The week belongs to the year of its Thursday. */
	gk_date_ymd(m + 3, &ty, &tm, &td);
	if (ty != y)
		return GK_EINVAL;
	*mon = m;
	*sun = m + 6;
	return GK_OK;
}

void
gk_notice_week_of(int32_t day, char *buf, size_t len)
{
	int32_t	 thu = day - (gk_date_weekday(day) - 1) + 3;
	int	 y, mo, d;

	gk_date_ymd(thu, &y, &mo, &d);
	snprintf(buf, len, "%04d-W%02d", y, (int)((thu - week1_monday(y)) / 7 + 1));
}

/* ---- plain text and what fits ---- */

char *
gk_notice_plain(const char *md)
{
	struct gk_buf	 b;
	const char	*s = md != NULL ? md : "", *eol;
	int		 pending = 0;

	gk_buf_init(&b, 0);
	while (*s != '\0') {
		size_t n, i;

		eol = strchr(s, '\n');
		n = eol != NULL ? (size_t)(eol - s) : strlen(s);
		/* Trim the line's blanks (and a CR). */
		while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r'))
			n--;
		i = 0;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
		if (i < n && s[i] == '#') {
			size_t h = i;

			while (h < n && s[h] == '#')
				h++;
			if (h - i <= 6 && (h == n || s[h] == ' '))
				i = h;
		} else if (i < n && s[i] == '>')
			i++;
		while (i < n && s[i] == ' ')
			i++;
		if (i < n) {
			size_t before = b.len, start;

			if (pending && b.len > 0)
				gk_buf_putc(&b, '\n');
			start = b.len;
			for (; i < n; i++) {
				if (s[i] == '*' && i + 1 < n && s[i + 1] == '*') {
					i++;
					continue;
				}
				gk_buf_putc(&b, s[i]);
			}
			/* A line of nothing but "**" is no paragraph. */
			if (b.err == GK_OK && b.len == start)
				b.len = before;
			else
				pending = 1;
		}
		if (eol == NULL)
			break;
		s = eol + 1;
	}
	gk_buf_putc(&b, '\0');
	if (b.err != GK_OK) {
		gk_buf_clear(&b);
		return NULL;
	}
	return gk_buf_take(&b, NULL);
}

/* Bytes of the UTF-8 character at s (1 for a bad byte). */
static size_t
u8len(const unsigned char *s)
{
	size_t n, k;

	if (s[0] < 0x80)
		return 1;
	n = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : s[0] >= 0xC0 ? 2 : 1;
	for (k = 1; k < n; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 1;
	return n;
}

size_t
gk_notice_fit(const char *text, double cols, double indent, int lines)
{
	const unsigned char	*s = (const unsigned char *)text;
	size_t			 i = 0, len = strlen(text);
	double			 x;
	int			 used;

	if (lines <= 0 || cols <= 0)
		return 0;
	used = 1;
	x = indent;
	while (i < len) {
		size_t	 k;
		double	 w;

		if (s[i] == '\n') {
			if (used + 1 > lines)
				return i;
			used++;
			x = indent;
			i++;
			continue;
		}
		k = u8len(s + i);
		w = s[i] < 0x80 ? 0.5 : 1.0;
		if (x + w > cols + 1e-9) {
			if (used + 1 > lines)
				return i;
			used++;
			x = 0;
		}
		x += w;
		i += k;
	}
	return len;
}

/* ---- drawing one sheet ---- */

static const struct gk_pdf_style st_agency = { 16, 0, 1, GK_PDF_CENTER, 0, 0, 0, 6, 0 };
static const struct gk_pdf_style st_title = { 22, 1, 1, GK_PDF_CENTER, 0, 0, 0, 12, 0 };
static const struct gk_pdf_style st_meta = { 12, 0, 0, GK_PDF_LEFT, 0, 0, 0, 2, 0 };
static const struct gk_pdf_style st_body = { BODY_PT, 0, 0, GK_PDF_JUSTIFY, BODY_INDENT, 0, 0,
    0, 0 };
static const struct gk_pdf_style st_more = { 14, 1, 1, GK_PDF_RIGHT, 0, 0, 6, 0, 0 };
static const struct gk_pdf_style st_url = { 9, 0, 0, GK_PDF_CENTER, 0, 0, 4, 2, 0 };
static const struct gk_pdf_style st_foot = { 12, 0, 1, GK_PDF_CENTER, 0, 0, 2, 0, 0 };

static void
para(struct gk_pdf *p, const struct gk_pdf_style *st, const char *s)
{
	(void)gk_pdf_para(p, st, s, strlen(s));
}

/* "公示期：2025-06-02 至 2025-06-08" */
static void
period_line(const struct gk_notice_set *set, char *buf, size_t len)
{
	char a[GK_DATE_LEN], b[GK_DATE_LEN];

	gk_date_format(set->from, a);
	gk_date_format(set->from + set->days - 1, b);
	snprintf(buf, len, "公示期：%s 至 %s", a, b);
}

static void
sheet_head(struct gk_pdf *p, const struct gk_notice *n)
{
	char line[1024];

	para(p, &st_agency, n->agency);
	para(p, &st_title, n->title);
	snprintf(line, sizeof(line), "索引号：%s", n->index_no);
	para(p, &st_meta, line);
	if (n->doc_no[0] != '\0')
		snprintf(line, sizeof(line), "发布日期：%s　　文号：%s", n->published, n->doc_no);
	else
		snprintf(line, sizeof(line), "发布日期：%s", n->published);
	para(p, &st_meta, line);
	gk_pdf_skip(p, 10);
}

/* The QR code, the URL, the platform and the 公示期 (the sheet's foot). */
static enum gk_err
sheet_foot(struct gk_pdf *p, const struct gk_notice_set *set, const struct gk_notice *n)
{
	struct gk_qr	 q;
	unsigned char	*m;
	enum gk_err	 e;
	int		 side, x, y;
	char		 line[640];

	if ((e = gk_qr_encode(n->url, &q)) != GK_OK)
		return e;
	/* The quiet zone is part of the square: white around the modules. */
	side = q.width + 2 * GK_QR_QUIET;
	if ((m = gk_calloc((size_t)side * (size_t)side, 1)) == NULL) {
		gk_qr_free(&q);
		return GK_ENOMEM;
	}
	for (y = 0; y < q.width; y++)
		for (x = 0; x < q.width; x++)
			m[(y + GK_QR_QUIET) * side + x + GK_QR_QUIET] = q.dark[y * q.width + x];
	gk_qr_free(&q);
	e = gk_pdf_squares(p, m, side, GK_NOTICE_QR_MM * MM * side / (side - 2 * GK_QR_QUIET));
	gk_free(m);
	if (e != GK_OK)
		return e;
	snprintf(line, sizeof(line), "扫码查看全文：%s", n->url);
	para(p, &st_url, line);
	para(p, &st_foot, set->platform);
	period_line(set, line, sizeof(line));
	para(p, &st_foot, line);
	return GK_OK;
}

/* The body's first cut bytes, paragraph by paragraph, "……" where it was cut. */
static void
sheet_body(struct gk_pdf *p, const struct gk_notice *n, size_t cut)
{
	const char	*s = n->body, *end = n->body + cut, *eol;
	struct gk_buf	 b;

	while (s < end) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			eol = end;
		gk_buf_init(&b, 0);
		gk_buf_append(&b, s, (size_t)(eol - s));
		if (eol == end && cut < strlen(n->body))
			gk_buf_puts(&b, ELLIPSIS);
		if (b.err == GK_OK && b.len > 0)
			(void)gk_pdf_para(p, &st_body, (const char *)b.data, b.len);
		gk_buf_clear(&b);
		s = eol + 1;
	}
	if (cut < strlen(n->body))
		para(p, &st_more, MORE_TEXT);
}

/* The foot's height in points, measured once per set (it depends on the URL's length only a little). */
static enum gk_err
foot_height(const struct gk_notice_set *set, const struct gk_notice *n, double *hp)
{
	struct gk_pdf	*p;
	double		 r0;
	enum gk_err	 e;

	if ((e = gk_pdf_new(&p, "", GK_PDF_FOOT_NONE)) != GK_OK)
		return e;
	para(p, &st_meta, "-");
	r0 = gk_pdf_room(p);
	e = sheet_foot(p, set, n);
	*hp = r0 - gk_pdf_room(p) + 4;
	gk_pdf_free(p);
	return e;
}

/* One sheet on a page of its own, the foot at the bottom. */
static enum gk_err
sheet(struct gk_pdf *p, const struct gk_notice_set *set, const struct gk_notice *n, size_t cut,
    double foot_h)
{
	double room;

	gk_pdf_need(p, 1e9);
	sheet_head(p, n);
	sheet_body(p, n, cut);
	room = gk_pdf_room(p);
	if (room > foot_h)
		gk_pdf_skip(p, room - foot_h);
	return sheet_foot(p, set, n);
}

/* Back from byte i to the start of a UTF-8 character, and before a trailing "\n". */
static size_t
char_floor(const char *s, size_t i)
{
	while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
		i--;
	while (i > 0 && s[i - 1] == '\n')
		i--;
	return i;
}

enum gk_err
gk_notice_layout(struct gk_notice_set *set)
{
	size_t		 i, len, cut;
	double		 foot_h, room;
	int		 tries, lines, pages;
	enum gk_err	 e;

	for (i = 0; i < set->n; i++) {
		struct gk_notice *n = &set->v[i];
		struct gk_pdf *p;

		if ((e = foot_height(set, n, &foot_h)) != GK_OK)
			return e;
		/* The first guess: the body's box by the pure estimate. */
		if ((e = gk_pdf_new(&p, "", GK_PDF_FOOT_NONE)) != GK_OK)
			return e;
		sheet_head(p, n);
		room = gk_pdf_room(p);
		gk_pdf_free(p);
		len = strlen(n->body);
		lines = (int)((room - foot_h) / BODY_LINE);
		cut = gk_notice_fit(n->body, TEXT_W_PT / BODY_PT, BODY_INDENT, lines);
		if (cut < len)	/* room for 全文请扫码查看 and the ellipsis */
			cut = gk_notice_fit(n->body, TEXT_W_PT / BODY_PT, BODY_INDENT, lines - 2);
		cut = char_floor(n->body, cut);
		/* Then pango's word: shrink until the sheet is one page. */
		for (tries = 0; tries < 40; tries++) {
			if ((e = gk_pdf_new(&p, "", GK_PDF_FOOT_NONE)) != GK_OK)
				return e;
			e = sheet(p, set, n, cut, foot_h);
			pages = gk_pdf_pages(p);
			gk_pdf_free(p);
			if (e != GK_OK)
				return e;
			if (pages == 1 || cut == 0)
				break;
			cut = char_floor(n->body, cut * 9 / 10);
		}
		n->cut = cut;
	}
	return GK_OK;
}

/* ---- loading ---- */

static char *
dup_or_empty(const char *s)
{
	return gk_strdup(s != NULL ? s : "");
}

static enum gk_err
set_site(struct gk_db *db, struct gk_notice_set *set, char *host, size_t hostlen, char *err,
    size_t errlen)
{
	struct gk_site	 site;
	enum gk_err	 e;

	memset(&site, 0, sizeof(site));
	if ((e = gk_site_load(db, &site, err, errlen)) != GK_OK)
		return e;
	snprintf(host, hostlen, "%s", site.host[0] != '\0' ? site.host : "http://localhost");
	if ((set->platform = gk_strdup(site.name)) == NULL)
		return GK_ENOMEM;
	return GK_OK;
}

/* Fills n from a published item. */
static enum gk_err
notice_of(const struct gk_item *it, const char *agency, const char *host, struct gk_notice *n)
{
	char url[512], day[GK_DATE_LEN];

	memset(n, 0, sizeof(*n));
	snprintf(url, sizeof(url), "%s/item/%lld", host, (long long)it->id);
	snprintf(day, sizeof(day), "%.10s", it->published_at != NULL ? it->published_at : "");
	n->item_id = it->id;
	n->agency = dup_or_empty(agency);
	n->title = dup_or_empty(item_meta_get(&it->meta, ITEM_F_TITLE));
	n->index_no = dup_or_empty(item_meta_get(&it->meta, ITEM_F_INDEXNO));
	n->published = dup_or_empty(day);
	n->doc_no = dup_or_empty(item_meta_get(&it->meta, ITEM_F_DOCNO));
	n->body = gk_notice_plain(item_meta_get(&it->meta, ITEM_F_BODY));
	n->url = dup_or_empty(url);
	if (n->agency == NULL || n->title == NULL || n->index_no == NULL ||
	    n->published == NULL || n->doc_no == NULL || n->body == NULL || n->url == NULL) {
		gk_notice_clear(n);
		return GK_ENOMEM;
	}
	n->cut = strlen(n->body);
	return GK_OK;
}

static enum gk_err
check_period(int32_t from, int days, char *err, size_t errlen)
{
	if (from == GK_DATE_NONE || days < 1 || days > GK_NOTICE_DAYS_MAX) {
		set_err(err, errlen, "公示期应为 1 至 366 天");
		return GK_EINVAL;
	}
	return GK_OK;
}

enum gk_err
gk_notice_load_item(struct gk_db *db, int64_t id, int32_t from, int days,
    struct gk_notice_set *set, char *err, size_t errlen)
{
	struct gk_item		 it;
	struct gk_agency	 a;
	char			 host[256];
	enum gk_err		 e;

	memset(set, 0, sizeof(*set));
	if ((e = check_period(from, days, err, errlen)) != GK_OK)
		return e;
	set->week_mon = GK_DATE_NONE;
	set->from = from;
	set->days = days;
	if ((e = gk_item_get(db, id, &it, err, errlen)) != GK_OK) {
		if (e == GK_ENOTFOUND)
			snprintf(err, errlen, "信息 %lld 不存在", (long long)id);
		return e;
	}
	if (it.state != WF_PUBLISHED) {
		snprintf(err, errlen, "信息 %lld 未发布（%s），不能印制公示", (long long)id,
		    wf_state_name(it.state));
		gk_item_clear(&it);
		return GK_ECONFLICT;
	}
	if ((e = gk_agency_get(db, it.agency_id, &a, err, errlen)) != GK_OK) {
		gk_item_clear(&it);
		return e;
	}
	if ((e = set_site(db, set, host, sizeof(host), err, errlen)) == GK_OK) {
		if ((set->v = gk_calloc(1, sizeof(*set->v))) == NULL ||
		    (set->agency = gk_strdup(a.name)) == NULL)
			e = GK_ENOMEM;
		else if ((e = notice_of(&it, a.name, host, &set->v[0])) == GK_OK)
			set->n = 1;
	}
	gk_agency_clear(&a);
	gk_item_clear(&it);
	if (e != GK_OK) {
		if (e == GK_ENOMEM)
			set_err(err, errlen, "内存不足");
		gk_notice_set_free(set);
	}
	return e;
}

static int
by_published(const void *a, const void *b)
{
	const struct gk_item *x = *(const struct gk_item *const *)a;
	const struct gk_item *y = *(const struct gk_item *const *)b;
	int c = strcmp(x->published_at, y->published_at);

	return c != 0 ? c : (x->id > y->id) - (x->id < y->id);
}

enum gk_err
gk_notice_load_week(struct gk_db *db, int64_t agency_id, int32_t mon, int32_t from, int days,
    struct gk_notice_set *set, char *err, size_t errlen)
{
	struct gk_agency	 a;
	struct gk_item_filter	 f;
	struct gk_item_list	 l[64];
	const struct gk_item	*pick[GK_NOTICE_WEEK_MAX];
	size_t			 nl = 0, np = 0, i, k;
	char			 host[256];
	enum gk_err		 e;

	memset(set, 0, sizeof(*set));
	if ((e = check_period(from, days, err, errlen)) != GK_OK)
		return e;
	set->week_mon = mon;
	set->from = from;
	set->days = days;
	if ((e = gk_agency_get(db, agency_id, &a, err, errlen)) != GK_OK) {
		if (e == GK_ENOTFOUND)
			snprintf(err, errlen, "机构 %lld 不存在", (long long)agency_id);
		return e;
	}
	if ((set->agency = gk_strdup(a.name)) == NULL) {
		e = GK_ENOMEM;
		goto out;
	}
	if ((e = set_site(db, set, host, sizeof(host), err, errlen)) != GK_OK)
		goto out;
	memset(&f, 0, sizeof(f));
	f.agency_id = agency_id;
	f.state = WF_PUBLISHED;
	f.limit = 1000;
	/* Every published item of the agency, a thousand at a time. */
	for (;;) {
		if (nl == sizeof(l) / sizeof(l[0])) {
			set_err(err, errlen, "信息过多");
			e = GK_ELIMIT;
			goto out;
		}
		if ((e = gk_item_list(db, &f, &l[nl], err, errlen)) != GK_OK)
			goto out;
		nl++;
		for (i = 0; i < l[nl - 1].n; i++) {
			const struct gk_item *it = &l[nl - 1].v[i];
			int32_t d;

			if (it->published_at == NULL ||
			    gk_date_parse(it->published_at, 10, &d) != GK_OK || d < mon || d > mon + 6)
				continue;
			if (np == GK_NOTICE_WEEK_MAX) {
				snprintf(err, errlen, "一周的信息超过 %d 条，请分批印制",
				    GK_NOTICE_WEEK_MAX);
				e = GK_ELIMIT;
				goto out;
			}
			pick[np++] = it;
		}
		if (l[nl - 1].n < f.limit)
			break;
		f.offset += f.limit;
	}
	qsort(pick, np, sizeof(pick[0]), by_published);
	if (np > 0 && (set->v = gk_calloc(np, sizeof(*set->v))) == NULL) {
		e = GK_ENOMEM;
		goto out;
	}
	for (k = 0; k < np; k++) {
		if ((e = notice_of(pick[k], a.name, host, &set->v[k])) != GK_OK)
			goto out;
		set->n++;
	}
out:
	for (i = 0; i < nl; i++)
		gk_item_list_free(&l[i]);
	gk_agency_clear(&a);
	if (e != GK_OK) {
		if (e == GK_ENOMEM)
			set_err(err, errlen, "内存不足");
		gk_notice_set_free(set);
	}
	return e;
}

/* ---- the cover list ---- */

static void
week_label(const struct gk_notice_set *set, char *buf, size_t len)
{
	char a[GK_DATE_LEN], b[GK_DATE_LEN], w[16];

	gk_date_format(set->week_mon, a);
	gk_date_format(set->week_mon + 6, b);
	gk_notice_week_of(set->week_mon, w, sizeof(w));
	snprintf(buf, len, "%s 至 %s（%s）", a, b, w);
}

/* The cover on the first pages; sheet k on page first + k (1-based). */
static enum gk_err
cover(struct gk_pdf *p, const struct gk_notice_set *set, int first)
{
	static const struct gk_pdf_style st_h = { 20, 1, 1, GK_PDF_CENTER, 0, 0, 0, 6, 0 };
	static const struct gk_pdf_style st_s = { 12, 0, 0, GK_PDF_CENTER, 0, 0, 0, 8, 0 };
	static const char *const head[] = { "序号", "标题", "索引号", "发布日期", "页码" };
	struct gk_grid	*g;
	char		 (*num)[2][24], line[512];
	size_t		 i;
	int		 c;
	enum gk_err	 e;

	snprintf(line, sizeof(line), "%s公示信息目录", set->agency);
	para(p, &st_h, line);
	week_label(set, line, sizeof(line));
	para(p, &st_s, line);
	snprintf(line, sizeof(line), "本周公开信息 %zu 条", set->n);
	para(p, &st_s, line);
	if ((g = gk_calloc(1, sizeof(*g))) == NULL)
		return GK_ENOMEM;
	if ((num = gk_calloc(set->n + 1, sizeof(*num))) == NULL) {
		gk_free(g);
		return GK_ENOMEM;
	}
	g->ncols = 5;
	g->nrows = (int)set->n + 1;
	g->head_rows = 1;
	g->colw[0] = 2;
	g->colw[1] = 10;
	g->colw[2] = 6;
	g->colw[3] = 4;
	g->colw[4] = 2;
	for (c = 0; c < 5; c++)
		g->c[g->n++] = (struct gk_grid_cell){ 0, c, 1, 1, GK_GRID_HEAD, head[c], NULL };
	for (i = 0; i < set->n; i++) {
		const struct gk_notice *n = &set->v[i];
		int r = (int)i + 1;

		snprintf(num[i][0], sizeof(num[i][0]), "%zu", i + 1);
		snprintf(num[i][1], sizeof(num[i][1]), "%d", first + (int)i);
		g->c[g->n++] = (struct gk_grid_cell){ r, 0, 1, 1, 0, num[i][0], NULL };
		g->c[g->n++] = (struct gk_grid_cell){ r, 1, 1, 1, GK_GRID_LEFT, n->title, NULL };
		g->c[g->n++] = (struct gk_grid_cell){ r, 2, 1, 1, 0, n->index_no, NULL };
		g->c[g->n++] = (struct gk_grid_cell){ r, 3, 1, 1, 0, n->published, NULL };
		g->c[g->n++] = (struct gk_grid_cell){ r, 4, 1, 1, 0, num[i][1], NULL };
	}
	e = gk_pdf_grid(p, g, 10.5);
	gk_free(num);
	gk_free(g);
	return e;
}

/* ---- the renderers ---- */

enum gk_err
gk_notice_pdf(struct gk_notice_set *set, struct gk_buf *out, char *err, size_t errlen)
{
	struct gk_pdf	*p = NULL;
	char		 title[512];
	double		 foot_h;
	size_t		 i;
	int		 first = 2, pass;
	enum gk_err	 e;

	if (set->n == 0) {
		set_err(err, errlen, "没有可印制的信息");
		return GK_EINVAL;
	}
	if ((e = gk_notice_layout(set)) != GK_OK)
		goto fail;
	if (set->week_mon != GK_DATE_NONE)
		snprintf(title, sizeof(title), "%s公示信息目录", set->agency);
	else
		snprintf(title, sizeof(title), "%s", set->v[0].title);
	/* A cover longer than a page moves the sheets: lay it out again with the right numbers. */
	for (pass = 0; pass < 3; pass++) {
		if ((e = gk_pdf_new(&p, title, GK_PDF_FOOT_NONE)) != GK_OK)
			goto fail;
		gk_pdf_author(p, set->agency);
		if (set->week_mon == GK_DATE_NONE)
			break;
		if ((e = cover(p, set, first)) != GK_OK)
			goto fail;
		if (gk_pdf_pages(p) + 1 == first || pass == 2)
			break;
		first = gk_pdf_pages(p) + 1;
		gk_pdf_free(p);
		p = NULL;
	}
	for (i = 0; i < set->n; i++) {
		if ((e = foot_height(set, &set->v[i], &foot_h)) != GK_OK ||
		    (e = sheet(p, set, &set->v[i], set->v[i].cut, foot_h)) != GK_OK)
			goto fail;
		gk_pdf_mark(p, set->v[i].title);
	}
	e = gk_pdf_finish(p, out);
	p = NULL;
	if (e == GK_OK)
		return GK_OK;
fail:
	gk_pdf_free(p);
	set_err(err, errlen, e == GK_ENOMEM ? "内存不足" : "生成 PDF 失败");
	return e;
}

static const char notice_css[] =
"@page{size:A4;margin:37mm 26mm 35mm 28mm}\n"
"html{background:#fff;color:#000}\n"
"body{margin:0;font-family:\"Noto Serif CJK SC\",\"Source Han Serif SC\",SimSun,serif}\n"
".sheet{box-sizing:border-box;height:225mm;display:flex;flex-direction:column;"
"break-after:page;page-break-after:always;overflow:hidden}\n"
".sheet:last-child{break-after:auto;page-break-after:auto}\n"
".sheet h1,.sheet .agency,.cover h1,.cover .sub,.sheet footer{text-align:center;"
"font-family:\"Noto Sans CJK SC\",\"Source Han Sans SC\",SimHei,sans-serif}\n"
".agency{font-size:16pt;margin:0 0 6pt}\n"
".sheet h1{font-size:22pt;margin:0 0 12pt}\n"
".meta{font-size:12pt;margin:0 0 2pt}\n"
".body{margin-top:10pt}\n"
".body p{font-size:14pt;text-indent:2em;margin:0;text-align:justify}\n"
".more{font-size:14pt;font-weight:bold;text-align:right;margin:6pt 0 0}\n"
".sheet footer{margin-top:auto}\n"
".qr svg{width:34mm;height:34mm}\n"
".url{font-size:9pt;margin:4pt 0 2pt;word-break:break-all}\n"
".foot{font-size:12pt;margin:2pt 0 0}\n"
".cover{break-after:page;page-break-after:always}\n"
".cover h1{font-size:20pt;margin:0 0 6pt}\n"
".cover .sub{font-size:12pt;margin:0 0 8pt}\n"
".cover table{width:100%;border-collapse:collapse;font-size:10.5pt}\n"
".cover th,.cover td{border:0.6pt solid #000;padding:3pt;text-align:center}\n"
".cover th{background:#f2f2f2}.cover td.t{text-align:left}\n"
"@media screen{html{background:#e6e6e6}body{padding:1em 0}"
".sheet,.cover{background:#fff;width:210mm;min-height:297mm;height:auto;"
"padding:37mm 26mm 35mm 28mm;margin:0 auto 1em;box-shadow:0 0 4px #999}"
".sheet{height:297mm}}\n";

enum gk_err
gk_notice_html(struct gk_notice_set *set, struct gk_buf *out, char *err, size_t errlen)
{
	struct gk_buf	 b;
	char		 line[512];
	size_t		 i;
	enum gk_err	 e;

	if (set->n == 0) {
		set_err(err, errlen, "没有可印制的信息");
		return GK_EINVAL;
	}
	if ((e = gk_notice_layout(set)) != GK_OK) {
		set_err(err, errlen, "排版失败");
		return e;
	}
	gk_buf_init(&b, 0);
	gk_html(&b, "<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<title>%s</title>\n<style>\n", set->week_mon != GK_DATE_NONE ? set->agency :
	    set->v[0].title);
	gk_html_raw(&b, notice_css);
	gk_html_raw(&b, "</style>\n</head>\n<body>\n");
	if (set->week_mon != GK_DATE_NONE) {
		gk_html(&b, "<section class=\"cover\">\n<h1>%s公示信息目录</h1>\n", set->agency);
		week_label(set, line, sizeof(line));
		gk_html(&b, "<p class=\"sub\">%s</p>\n<p class=\"sub\">本周公开信息 %zu 条</p>\n",
		    line, set->n);
		gk_html_raw(&b, "<table>\n<thead><tr><th scope=\"col\">序号</th>"
		    "<th scope=\"col\">标题</th><th scope=\"col\">索引号</th>"
		    "<th scope=\"col\">发布日期</th></tr></thead>\n<tbody>\n");
		for (i = 0; i < set->n; i++)
			gk_html(&b, "<tr><td>%zu</td><td class=\"t\">%s</td><td>%s</td>"
			    "<td>%s</td></tr>\n", i + 1, set->v[i].title, set->v[i].index_no,
			    set->v[i].published);
		gk_html_raw(&b, "</tbody>\n</table>\n</section>\n");
	}
	for (i = 0; i < set->n; i++) {
		const struct gk_notice *n = &set->v[i];
		const char *s = n->body, *end = n->body + n->cut, *eol;
		int cut = n->cut < strlen(n->body);

		gk_html(&b, "<section class=\"sheet\">\n<p class=\"agency\">%s</p>\n<h1>%s</h1>\n"
		    "<p class=\"meta\">索引号：%s</p>\n<p class=\"meta\">发布日期：%s",
		    n->agency, n->title, n->index_no, n->published);
		if (n->doc_no[0] != '\0')
			gk_html(&b, "　　文号：%s", n->doc_no);
		gk_html_raw(&b, "</p>\n<div class=\"body\">\n");
		while (s < end) {
			eol = memchr(s, '\n', (size_t)(end - s));
			if (eol == NULL)
				eol = end;
			gk_html_raw(&b, "<p>");
			gk_buf_put_html(&b, s, (size_t)(eol - s));
			if (eol == end && cut)
				gk_html_raw(&b, ELLIPSIS);
			gk_html_raw(&b, "</p>\n");
			s = eol + 1;
		}
		gk_html_raw(&b, "</div>\n");
		if (cut)
			gk_html_raw(&b, "<p class=\"more\">" MORE_TEXT "</p>\n");
		gk_html_raw(&b, "<footer>\n<div class=\"qr\">");
		if ((e = gk_svg_qr(&b, n->url, 0)) != GK_OK)
			break;
		period_line(set, line, sizeof(line));
		gk_html(&b, "</div>\n<p class=\"url\">扫码查看全文：%s</p>\n<p class=\"foot\">%s</p>\n"
		    "<p class=\"foot\">%s</p>\n</footer>\n</section>\n", n->url, set->platform,
		    line);
	}
	gk_html_raw(&b, "</body>\n</html>\n");
	if (e == GK_OK)
		e = b.err;
	if (e == GK_OK)
		e = gk_buf_append(out, b.data, b.len);
	gk_buf_clear(&b);
	if (e != GK_OK)
		set_err(err, errlen, e == GK_ENOMEM ? "内存不足" : "生成 HTML 失败");
	return e;
}
