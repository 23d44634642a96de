/*
 * findings_json.c — check results as JSON (jansson), for `gongkai report
 * check --json` and the API: one object per checked report. The shape is
 * documented in docs/report-rules.md.
 */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "core/report_check.h"
#include "report/findings_json.h"

static json_t *
place_row_id(const struct gk_finding *f)
{
	if (f->at.row < 0)
		return json_null();
	switch (f->at.section) {
	case 2: {
		int row, col;
		const struct gk_s2_table *t = gk_s2_locate((enum gk_s2)f->at.row, &row, &col);

		if (t == NULL)
			return json_null();
		return json_pack("{s:s, s:s, s:s}", "table", t->caption, "row", t->rows[row],
		    "column", t->cols[col]);
	}
	case 3:
		return f->at.row < GK_S3ROW__MAX ? json_string(gk_s3_rows[f->at.row].id) : json_null();
	case 4:
		return f->at.row < GK_S4ROUTE__MAX ? json_string(gk_s4_route_ids[f->at.row]) : json_null();
	default:
		return json_null();
	}
}

static json_t *
place_col_id(const struct gk_finding *f)
{
	if (f->at.col < 0)
		return json_null();
	if (f->at.section == 3 && f->at.col < GK_S3COL__MAX)
		return json_string(gk_s3_col_ids[f->at.col]);
	if (f->at.section == 4 && f->at.col < GK_S4RES__MAX)
		return json_string(gk_s4_result_ids[f->at.col]);
	return json_null();
}

static json_t *
num_json(int64_t v)
{
	struct gk_cell c;
	char s[64];

	gk_cell_set_num(&c, v);
	gk_cell_format(&c, s, sizeof(s));
	return json_string(s);
}

json_t *
gk_check_json(const char *file, int status, const char *error, const struct gk_report *r,
    const struct gk_findings *fs)
{
	json_t	*o, *arr, *x;
	size_t	 i;

	if ((o = json_object()) == NULL)
		return NULL;
	json_object_set_new(o, "file", json_string(file ? file : ""));
	json_object_set_new(o, "status", json_integer(status));
	json_object_set_new(o, "error", error && error[0] ? json_string(error) : json_null());
	if (r != NULL && (error == NULL || error[0] == '\0')) {
		json_object_set_new(o, "template", json_string(gk_tpl_name(r->tpl)));
		json_object_set_new(o, "agency", json_string(r->agency));
		json_object_set_new(o, "year", r->year ? json_integer(r->year) : json_null());
	}
	arr = json_array();
	for (i = 0; fs != NULL && i < fs->n; i++) {
		const struct gk_finding *f = &fs->v[i];

		x = json_object();
		json_object_set_new(x, "rule", json_string(f->rule));
		json_object_set_new(x, "severity", json_string(gk_sev_name(f->sev)));
		json_object_set_new(x, "section", json_integer(f->at.section));
		json_object_set_new(x, "row", place_row_id(f));
		json_object_set_new(x, "column", place_col_id(f));
		json_object_set_new(x, "where", json_string(f->where));
		json_object_set_new(x, "message", json_string(f->msg));
		json_object_set_new(x, "expected", f->has_expected ? num_json(f->expected) : json_null());
		json_object_set_new(x, "actual", f->has_expected ? num_json(f->actual) : json_null());
		json_array_append_new(arr, x);
	}
	json_object_set_new(o, "findings", arr);
	return o;
}
