/*
 * notice.h — the printed notices of the 政务服务中心 公示栏 (issue 7,
 * docs/notices.md): an A4 sheet per published item (agency, title, 索引号
 * / 发布日期 / 文号, the body — or its opening and "全文请扫码查看" when it
 * does not fit the sheet —, a QR code of the item's portal URL drawn as
 * vector squares, 30 mm wide, the platform's name and the 公示期 line),
 * and a week's batch (every item an agency published in an ISO week, one
 * a page, after a cover list). Both as PDF (doc/pdf.h) and as an HTML
 * page with a print stylesheet (A4, the same margins, no navigation).
 *
 * The pure parts (the week's dates, what fits a sheet) are separate so
 * the unit tests can check them by hand.
 */
#ifndef GK_DOC_NOTICE_H
#define GK_DOC_NOTICE_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

#define GK_NOTICE_DAYS		7	/* the default 公示期, days */
#define GK_NOTICE_DAYS_MAX	366
#define GK_NOTICE_WEEK_MAX	200	/* items in one week's batch */
#define GK_NOTICE_QR_MM		30.0	/* the QR code's side on paper */
#define GK_NOTICE_PLACE		"政务服务中心公示栏"

/* One sheet. Strings owned (gk_notice_clear). */
struct gk_notice {
	int64_t		 item_id;
	char		*agency;	/* the publishing agency's name */
	char		*title;
	char		*index_no;	/* 索引号 */
	char		*published;	/* 发布日期, YYYY-MM-DD */
	char		*doc_no;	/* 文号, "" when none */
	char		*body;		/* the body as plain paragraphs ("\n" between them) */
	char		*url;		/* the portal item's absolute URL */
	size_t		 cut;		/* bytes of body printed (gk_notice_layout); strlen: all */
};

struct gk_notice_set {
	struct gk_notice *v;
	size_t		  n;
	char		 *platform;	/* the platform's name (site settings) */
	char		 *agency;	/* for the cover: the agency's name */
	int32_t		  week_mon;	/* the week's Monday; GK_DATE_NONE for one item */
	int32_t		  from;		/* 公示期: first day */
	int		  days;		/* 公示期: days (1..GK_NOTICE_DAYS_MAX) */
};

void		 gk_notice_clear(struct gk_notice *);
void		 gk_notice_set_free(struct gk_notice_set *);

/*
 * "2025-W23" (ISO 8601 week: Monday to Sunday, week 1 holds the year's
 * first Thursday) → its Monday and Sunday (days since the epoch). GK_EINVAL
 * for anything else, a week 0 or a week 53 of a year that has 52.
 */
enum gk_err	 gk_notice_week_parse(const char *s, int32_t *mon, int32_t *sun);
/* The ISO week of day as "2025-W23" (buf at least 9 bytes). */
void		 gk_notice_week_of(int32_t day, char *buf, size_t len);

/*
 * Markdown as drafters write it (web/portal.h gk_portal_md's subset) to
 * plain paragraphs for paper: heading, quote and emphasis marks dropped,
 * list items kept with their marks, blank lines between paragraphs
 * collapsed into one "\n". Caller frees; NULL on allocation failure.
 */
char		*gk_notice_plain(const char *md);

/*
 * What fits (pure): the bytes of text (paragraphs separated by "\n") that
 * fill at most lines lines of cols em, every paragraph starting a new line
 * after a first-line indent of indent em; a CJK or other wide character
 * is 1 em, an ASCII one 0.5 em. Cuts at a character boundary; returns
 * strlen(text) when everything fits.
 */
size_t		 gk_notice_fit(const char *text, double cols, double indent, int lines);

/*
 * Sets every sheet's cut: starts from gk_notice_fit for the body's box
 * and shrinks it until the sheet, laid out by pango, is one page.
 */
enum gk_err	 gk_notice_layout(struct gk_notice_set *);

/*
 * Loads the published item id as a sheet into a new set (n = 1), with the
 * site settings' host and name; from/days as in the set. GK_ENOTFOUND: no
 * such item; GK_ECONFLICT: not published (withdrawn, draft…).
 */
enum gk_err	 gk_notice_load_item(struct gk_db *, int64_t id, int32_t from, int days,
		    struct gk_notice_set *, char *err, size_t errlen);
/*
 * The items agency_id published in the week of mon (from gk_notice_week_parse),
 * by publication time. GK_ENOTFOUND: no such agency. An empty week is
 * GK_OK with n = 0. GK_ELIMIT past GK_NOTICE_WEEK_MAX.
 */
enum gk_err	 gk_notice_load_week(struct gk_db *, int64_t agency_id, int32_t mon,
		    int32_t from, int days, struct gk_notice_set *, char *err,
		    size_t errlen);

/*
 * The set as a PDF (laid out first with gk_notice_layout): a week's set
 * starts with its cover list (序号, 标题, 索引号, 发布日期, 页码), then one
 * sheet a page. GK_EINVAL for an empty set.
 */
enum gk_err	 gk_notice_pdf(struct gk_notice_set *, struct gk_buf *out, char *err,
		    size_t errlen);
/* The same as one HTML document with its print stylesheet (inline SVG QR codes). */
enum gk_err	 gk_notice_html(struct gk_notice_set *, struct gk_buf *out, char *err,
		    size_t errlen);

#endif /* GK_DOC_NOTICE_H */
