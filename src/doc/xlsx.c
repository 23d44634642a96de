/*
 * xlsx.c — a libxlsxwriter workbook into memory through a removed
 * temporary file (xlsx.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "doc/xlsx.h"

static lxw_format *
fmt_new(lxw_workbook *wb, int bold, int align, int border, int wrap, int shade)
{
	lxw_format *f = workbook_add_format(wb);

	if (f == NULL)
		return NULL;
	format_set_font_name(f, "宋体");
	format_set_font_size(f, 10);
	if (bold)
		format_set_bold(f);
	format_set_align(f, (uint8_t)align);
	format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
	if (border)
		format_set_border(f, LXW_BORDER_THIN);
	if (wrap)
		format_set_text_wrap(f);
	if (shade)
		format_set_bg_color(f, 0xF2F2F2);
	return f;
}

enum gk_err
gk_xlsx_open(struct gk_xlsx *x, const char *title, const char *author)
{
	lxw_doc_properties	 props;
	lxw_workbook_options	 opt;
	const char		*dir = getenv("TMPDIR");
	int			 fd, n;

	memset(x, 0, sizeof(*x));
	if (dir == NULL || dir[0] != '/')
		dir = "/tmp";
	n = snprintf(x->path, sizeof(x->path), "%s/gongkai-xlsx-XXXXXX", dir);
	if (n < 0 || (size_t)n >= sizeof(x->path))
		return GK_EIO;
	if ((fd = mkstemp(x->path)) < 0) {
		x->path[0] = '\0';
		return GK_EIO;
	}
	close(fd);
	/* libxlsxwriter's own working files (anonymous, removed as made) go there too. */
	memset(&opt, 0, sizeof(opt));
	opt.tmpdir = (char *)(uintptr_t)dir;
	if ((x->wb = workbook_new_opt(x->path, &opt)) == NULL) {
		unlink(x->path);
		x->path[0] = '\0';
		return GK_EIO;
	}
	memset(&props, 0, sizeof(props));
	props.title = (char *)(uintptr_t)(title != NULL ? title : "");
	props.author = (char *)(uintptr_t)(author != NULL && author[0] != '\0' ? author : "gongkai");
	props.created = GK_XLSX_CREATED;
	workbook_set_properties(x->wb, &props);
	x->title = fmt_new(x->wb, 1, LXW_ALIGN_CENTER, 0, 1, 0);
	x->head = fmt_new(x->wb, 1, LXW_ALIGN_CENTER, 1, 1, 1);
	x->label = fmt_new(x->wb, 0, LXW_ALIGN_LEFT, 1, 1, 0);
	x->value = fmt_new(x->wb, 0, LXW_ALIGN_CENTER, 1, 0, 0);
	x->text = fmt_new(x->wb, 0, LXW_ALIGN_LEFT, 1, 0, 0);
	if (x->title != NULL)
		format_set_font_size(x->title, 14);
	return GK_OK;
}

enum gk_err
gk_xlsx_finish(struct gk_xlsx *x, struct gk_buf *out)
{
	FILE		*f = NULL;
	char		*data = NULL;
	long		 size;
	enum gk_err	 e = GK_EIO;

	if (x->wb == NULL)
		goto done;
	if (workbook_close(x->wb) != LXW_NO_ERROR) {
		x->wb = NULL;
		goto done;
	}
	x->wb = NULL;
	if ((f = fopen(x->path, "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (size = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0)
		goto done;
	if ((size_t)size > GK_BUF_DEFAULT_MAX) {
		e = GK_ELIMIT;
		goto done;
	}
	if ((data = gk_malloc(size > 0 ? (size_t)size : 1)) == NULL) {
		e = GK_ENOMEM;
		goto done;
	}
	if (fread(data, 1, (size_t)size, f) != (size_t)size)
		goto done;
	e = gk_buf_append(out, data, (size_t)size);
done:
	if (f != NULL)
		fclose(f);
	gk_free(data);
	if (x->path[0] != '\0')
		unlink(x->path);
	x->path[0] = '\0';
	return e;
}

void
gk_xlsx_abort(struct gk_xlsx *x)
{
	if (x->wb != NULL)
		workbook_close(x->wb);
	x->wb = NULL;
	if (x->path[0] != '\0')
		unlink(x->path);
	x->path[0] = '\0';
}

size_t
gk_xlsx_width(const char *s)
{
	const unsigned char	*p = (const unsigned char *)s;
	size_t			 w = 0;

	/* Count lead bytes only: ASCII and 2-byte forms are narrow, 3- and 4-byte wide. */
	for (; *p != '\0'; p++) {
		if ((*p & 0xC0) == 0x80)
			continue;
		w += *p >= 0xE0 ? 2 : 1;
	}
	return w;
}
