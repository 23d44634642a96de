/*
 * doc_stub.c — placeholders until the real renderers land.
 */
#include <stdio.h>

#include "doc/doc.h"

enum gk_err
gk_doc_letter(const struct letter *l, enum gk_doc_fmt f, struct gk_buf *out, char *err,
    size_t errlen)
{
	(void)l, (void)f, (void)out;
	if (errlen > 0)
		snprintf(err, errlen, "尚未实现");
	return GK_EINVAL;
}

enum gk_err
gk_doc_letter_html(const char *html, size_t len, enum gk_doc_fmt f, struct gk_buf *out,
    char *err, size_t errlen)
{
	(void)html, (void)len, (void)f, (void)out;
	if (errlen > 0)
		snprintf(err, errlen, "尚未实现");
	return GK_EINVAL;
}

enum gk_err
gk_doc_ledger_xlsx(struct gk_db *db, int year, int64_t agency_id, const struct calendar *cal,
    struct gk_buf *out, size_t *rowsp, char *err, size_t errlen)
{
	(void)db, (void)year, (void)agency_id, (void)cal, (void)out, (void)rowsp;
	if (errlen > 0)
		snprintf(err, errlen, "尚未实现");
	return GK_EINVAL;
}

enum gk_err
gk_doc_csv_xlsx(const char *csv, size_t len, const char *sheet, const char *title,
    struct gk_buf *out, size_t *rowsp, char *err, size_t errlen)
{
	(void)csv, (void)len, (void)sheet, (void)title, (void)out, (void)rowsp;
	if (errlen > 0)
		snprintf(err, errlen, "尚未实现");
	return GK_EINVAL;
}

enum gk_err
gk_doc_apply_xlsx(struct gk_db *db, const char *actor, const struct gk_apply_filter *f,
    struct gk_buf *out, size_t *rowsp, char *err, size_t errlen)
{
	(void)db, (void)actor, (void)f, (void)out, (void)rowsp;
	if (errlen > 0)
		snprintf(err, errlen, "尚未实现");
	return GK_EINVAL;
}

enum gk_err
gk_doc_apply_list_xlsx(const struct gk_apply_list *l, struct gk_buf *out, char *err,
    size_t errlen)
{
	(void)l, (void)out;
	if (errlen > 0)
		snprintf(err, errlen, "尚未实现");
	return GK_EINVAL;
}
