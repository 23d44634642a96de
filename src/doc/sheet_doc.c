/*
 * sheet_doc.c — lists as XLSX worksheets: the ledger (台账) from the CSV
 * store/ledger.c writes, and application lists (申请列表) from
 * store/application.h with personal data masked unless the full view was
 * asked for. One sheet, the header row frozen and filterable, whole
 * numbers as numbers, everything else as text (strings in XLSX are never
 * formulas, so the CSV's formula guard — a leading apostrophe — is undone).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/apply.h"
#include "core/date.h"
#include "doc/doc.h"
#include "doc/sheet.h"
#include "doc/xlsx.h"
#include "store/application.h"
#include "store/ledger.h"

#define COL_MAX_W	60.0

static void
seterr(char *err, size_t errlen, const char *msg)
{
	if (errlen > 0)
		snprintf(err, errlen, "%s", msg);
}

int
gk_sheet_is_count(const char *s)
{
	size_t i, n = strlen(s);

	if (n == 0 || n > 9 || (n > 1 && s[0] == '0'))
		return 0;
	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return 1;
}

enum gk_err
gk_sheet_csv_next(const char **pp, const char *end, struct gk_buf *field, int *eol)
{
	const char *p = *pp;

	field->len = 0;
	*eol = 0;
	if (p < end && *p == '"') {
		for (p++;; p++) {
			if (p >= end)
				return GK_EINVAL;	/* unterminated quote */
			if (*p == '"') {
				if (p + 1 < end && p[1] == '"') {
					gk_buf_putc(field, '"');
					p++;
					continue;
				}
				p++;
				break;
			}
			gk_buf_putc(field, *p);
		}
		if (p < end && *p != ',' && *p != '\r' && *p != '\n')
			return GK_EINVAL;	/* text after the closing quote */
	} else
		for (; p < end && *p != ',' && *p != '\r' && *p != '\n'; p++) {
			if (*p == '"')
				return GK_EINVAL;
			gk_buf_putc(field, *p);
		}
	if (p < end && *p == ',')
		p++;
	else {
		if (p < end && *p == '\r')
			p++;
		if (p < end && *p == '\n')
			p++;
		*eol = 1;
	}
	*pp = p;
	return gk_buf_putc(field, '\0') == GK_OK ? GK_OK : field->err;
}

/* Writes one text or number cell and widens the column's width record. */
static void
put_cell(struct gk_xlsx *x, lxw_worksheet *ws, int row, int col, const char *s, int header,
    double *w)
{
	if (header)
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, x->head);
	else if (gk_sheet_is_count(s))
		worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col,
		    (double)strtol(s, NULL, 10), x->value);
	else if (s[0] != '\0')
		worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, s, x->text);
	if (col < GK_SHEET_COLS && w[col] < (double)gk_xlsx_width(s) + 2)
		w[col] = (double)gk_xlsx_width(s) + 2;
}

static void
finish_sheet(lxw_worksheet *ws, int ncols, int nrows, const double *w)
{
	int c;

	for (c = 0; c < ncols && c < GK_SHEET_COLS; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c,
		    w[c] > COL_MAX_W ? COL_MAX_W : w[c], NULL);
	worksheet_freeze_panes(ws, 1, 0);
	if (ncols > 0)
		worksheet_autofilter(ws, 0, 0, (lxw_row_t)(nrows > 0 ? nrows - 1 : 0),
		    (lxw_col_t)(ncols - 1));
	worksheet_set_paper(ws, 9);
	worksheet_set_landscape(ws);
	worksheet_repeat_rows(ws, 0, 0);
}

enum gk_err
gk_doc_csv_xlsx(const char *csv, size_t len, const char *sheet, const char *title,
    struct gk_buf *out, size_t *rowsp, char *err, size_t errlen)
{
	struct gk_xlsx	 x;
	lxw_worksheet	*ws;
	struct gk_buf	 f;
	const char	*p = csv, *end = csv + len, *s;
	double		 w[GK_SHEET_COLS];
	int		 row = 0, col = 0, ncols = 0, eol;
	enum gk_err	 e;

	if (errlen > 0)
		err[0] = '\0';
	if (rowsp != NULL)
		*rowsp = 0;
	if (csv == NULL && len > 0)
		return GK_EINVAL;
	if (len >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		p += 3;
	if ((e = gk_xlsx_open(&x, title, NULL)) != GK_OK) {
		seterr(err, errlen, "无法创建 XLSX 临时文件");
		return e;
	}
	if ((ws = workbook_add_worksheet(x.wb, sheet)) == NULL) {
		gk_xlsx_abort(&x);
		seterr(err, errlen, "工作表名称无效");
		return GK_EINVAL;
	}
	memset(w, 0, sizeof(w));
	gk_buf_init(&f, 1024 * 1024);
	while (p < end) {
		if ((e = gk_sheet_csv_next(&p, end, &f, &eol)) != GK_OK)
			break;
		s = f.data;
		/* The CSV's guard against formulas: '= '+ '- '@ → the text itself. */
		if (s[0] == '\'' && s[1] != '\0' && strchr("=+-@\t\r", s[1]) != NULL)
			s++;
		if (col >= GK_SHEET_COLS) {
			e = GK_ELIMIT;
			break;
		}
		put_cell(&x, ws, row, col, s, row == 0, w);
		col++;
		if (eol) {
			if (col > ncols)
				ncols = col;
			row++;
			col = 0;
		}
	}
	gk_buf_clear(&f);
	if (e != GK_OK) {
		gk_xlsx_abort(&x);
		seterr(err, errlen, e == GK_ELIMIT ? "CSV 列数过多" : "CSV 格式错误");
		return e;
	}
	finish_sheet(ws, ncols, row, w);
	if ((e = gk_xlsx_finish(&x, out)) != GK_OK) {
		seterr(err, errlen, "无法生成 XLSX");
		return e;
	}
	if (rowsp != NULL)
		*rowsp = row > 0 ? (size_t)row - 1 : 0;
	return GK_OK;
}

enum gk_err
gk_doc_ledger_xlsx(struct gk_db *db, int year, int64_t agency_id, const struct calendar *cal,
    struct gk_buf *out, size_t *rowsp, char *err, size_t errlen)
{
	struct gk_buf	 csv;
	char		 title[64];
	enum gk_err	 e;

	gk_buf_init(&csv, 0);
	if ((e = gk_ledger_csv(db, year, agency_id, cal, &csv, NULL, err, errlen)) == GK_OK) {
		snprintf(title, sizeof(title), "%d年政府信息公开台账", year);
		e = gk_doc_csv_xlsx(csv.data, csv.len, "台账", title, out, rowsp, err, errlen);
	}
	gk_buf_clear(&csv);
	return e;
}

static const char *const apply_cols[] = {
	"编号", "查询码", "渠道", "申请人类型", "申请人", "证件号码", "联系电话", "电子邮箱",
	"通信地址", "申请内容", "收到日期", "答复期限", "状态", "办理结果", "办结日期",
};
#define APPLY_NCOLS	((int)(sizeof(apply_cols) / sizeof(apply_cols[0])))

static void
apply_rows(struct gk_xlsx *x, lxw_worksheet *ws, const struct gk_apply_list *l, int *row,
    double *w)
{
	char		 id[24], d1[GK_DATE_LEN], d2[GK_DATE_LEN], d3[GK_DATE_LEN];
	size_t		 i;
	int		 c;

	for (i = 0; i < l->n; i++) {
		const struct gk_apply *a = &l->v[i];
		const char *v[APPLY_NCOLS];

		snprintf(id, sizeof(id), "%lld", (long long)a->id);
		d1[0] = d2[0] = d3[0] = '\0';
		if (a->received != GK_DATE_NONE)
			gk_date_format(a->received, d1);
		if (a->due != GK_DATE_NONE)
			gk_date_format(a->due, d2);
		if (a->closed_ok && a->closed != GK_DATE_NONE)
			gk_date_format(a->closed, d3);
		v[0] = id;
		v[1] = a->code;
		v[2] = apply_channel_label(a->channel);
		v[3] = apply_applicant_label(a->type);
		v[4] = a->name;
		v[5] = a->idno;
		v[6] = a->phone;
		v[7] = a->email;
		v[8] = a->address;
		v[9] = a->request;
		v[10] = d1;
		v[11] = a->closed_ok ? "" : d2;
		v[12] = apply_phase_label(a->phase);
		v[13] = a->closed_ok ? apply_outcomes[a->outcome].label : "";
		v[14] = d3;
		for (c = 0; c < APPLY_NCOLS; c++) {
			const char *s = v[c] != NULL ? v[c] : "";

			/* The number stays a number; codes, dates and phone numbers stay text. */
			if (c == 0)
				put_cell(x, ws, *row, c, s, 0, w);
			else {
				if (s[0] != '\0')
					worksheet_write_string(ws, (lxw_row_t)*row, (lxw_col_t)c, s,
					    x->text);
				if (w[c] < (double)gk_xlsx_width(s) + 2)
					w[c] = (double)gk_xlsx_width(s) + 2;
			}
		}
		(*row)++;
	}
}

static lxw_worksheet *
apply_sheet(struct gk_xlsx *x, double *w)
{
	lxw_worksheet	*ws;
	int		 c;

	if ((ws = workbook_add_worksheet(x->wb, "申请列表")) == NULL)
		return NULL;
	memset(w, 0, GK_SHEET_COLS * sizeof(*w));
	for (c = 0; c < APPLY_NCOLS; c++)
		put_cell(x, ws, 0, c, apply_cols[c], 1, w);
	return ws;
}

enum gk_err
gk_doc_apply_list_xlsx(const struct gk_apply_list *l, struct gk_buf *out, char *err,
    size_t errlen)
{
	struct gk_xlsx	 x;
	lxw_worksheet	*ws;
	double		 w[GK_SHEET_COLS];
	int		 row = 1;
	enum gk_err	 e;

	if (l == NULL || out == NULL)
		return GK_EINVAL;
	if ((e = gk_xlsx_open(&x, "政府信息公开申请列表", NULL)) != GK_OK) {
		seterr(err, errlen, "无法创建 XLSX 临时文件");
		return e;
	}
	if ((ws = apply_sheet(&x, w)) != NULL) {
		apply_rows(&x, ws, l, &row, w);
		finish_sheet(ws, APPLY_NCOLS, row, w);
	}
	if ((e = gk_xlsx_finish(&x, out)) != GK_OK)
		seterr(err, errlen, "无法生成 XLSX");
	return e;
}

enum gk_err
gk_doc_apply_xlsx(struct gk_db *db, const char *actor, const struct gk_apply_filter *f,
    struct gk_buf *out, size_t *rowsp, char *err, size_t errlen)
{
	struct gk_apply_filter	 pf;
	struct gk_apply_list	 l;
	struct gk_xlsx		 x;
	lxw_worksheet		*ws;
	double			 w[GK_SHEET_COLS];
	int			 row = 1;
	enum gk_err		 e = GK_OK;

	if (rowsp != NULL)
		*rowsp = 0;
	if (f == NULL || out == NULL)
		return GK_EINVAL;
	if ((e = gk_xlsx_open(&x, "政府信息公开申请列表", NULL)) != GK_OK) {
		seterr(err, errlen, "无法创建 XLSX 临时文件");
		return e;
	}
	if ((ws = apply_sheet(&x, w)) == NULL)
		e = GK_ENOMEM;
	pf = *f;
	pf.limit = 1000;
	pf.offset = 0;
	while (e == GK_OK) {
		if ((e = gk_apply_list(db, actor, &pf, &l, err, errlen)) != GK_OK)
			break;
		apply_rows(&x, ws, &l, &row, w);
		pf.offset += l.n;
		if (l.n < pf.limit) {
			gk_apply_list_free(&l);
			break;
		}
		gk_apply_list_free(&l);
	}
	if (e != GK_OK) {
		gk_xlsx_abort(&x);
		return e;
	}
	finish_sheet(ws, APPLY_NCOLS, row, w);
	if ((e = gk_xlsx_finish(&x, out)) != GK_OK)
		seterr(err, errlen, "无法生成 XLSX");
	else if (rowsp != NULL)
		*rowsp = (size_t)row - 1;
	return e;
}
