/*
 * read_json.c — reading a report from JSON, schema gongkai.report/1
 * (docs/report-json.md). The reader is strict: every key must be known,
 * every cell of the report's template must be there and no other, numbers
 * are exact (integers, or decimal strings of at most six places), and the
 * first problem found is reported in Chinese with its JSON path, for
 * example "section3.new.natural_person：应为整数、null 或单元格对象".
 *
 * Figures are not judged here: a count of -1 is read as -1 so that the
 * checker can report it (CELL-NONNEG).
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "report/report_io.h"

#define GK_JSON_SCHEMA	"gongkai.report/1"
#define GK_JSON_PREFIX	"gongkai.report/"
#define RJ_YEAR_MIN	2008	/* the 条例 took effect on 2008-05-01 */
#define RJ_YEAR_MAX	2100
#define RJ_PATH_MAX	192
#define RJ_KEY_SHOW	64	/* longest key quoted in a message, bytes */

/* Defined in render_json.c. */
const char	*gk_json_s2_table_id(int table);
const char	*gk_json_s2_row_id(int table, int row);
const char	*gk_json_s2_col_id(int table, int col);

static const char *const rj_narr_keys[GK_NARR__MAX] = { "overview", "problems", "other" };

struct rj {
	struct gk_report	*r;
	char			*err;
	size_t			 errlen;
};

static enum gk_err rj_fail(struct rj *, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Writes "path：message" (or the message alone) into err; returns GK_EINVAL. */
static enum gk_err
rj_fail(struct rj *x, const char *path, const char *fmt, ...)
{
	char	 msg[256];
	va_list	 ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (x->errlen == 0)
		return GK_EINVAL;
	if (path != NULL && path[0] != '\0')
		snprintf(x->err, x->errlen, "%s：%s", path, msg);
	else
		snprintf(x->err, x->errlen, "%s", msg);
	return GK_EINVAL;
}

/* A key from the input, made safe to quote: cut short, control bytes as '?'. */
static void
rj_show(char *dst, size_t n, const char *s)
{
	size_t i;

	gk_strlcpy_utf8(dst, s, n < RJ_KEY_SHOW ? n : RJ_KEY_SHOW);
	for (i = 0; dst[i] != '\0'; i++)
		if ((unsigned char)dst[i] < 0x20 || dst[i] == 0x7F)
			dst[i] = '?';
}

/* path + "." + key into dst (the key shown safely). */
static void
rj_join(char *dst, size_t n, const char *path, const char *key)
{
	char k[RJ_KEY_SHOW];

	rj_show(k, sizeof(k), key);
	if (path[0] == '\0')
		snprintf(dst, n, "%s", k);
	else
		snprintf(dst, n, "%s.%s", path, k);
}

static const char *
rj_typename(const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT:
		return "对象";
	case JSON_ARRAY:
		return "数组";
	case JSON_STRING:
		return "字符串";
	case JSON_INTEGER:
		return "整数";
	case JSON_REAL:
		return "小数";
	case JSON_TRUE:
	case JSON_FALSE:
		return "布尔值";
	default:
		return "null";
	}
}

/*
 * Checks that a string has no control characters (tab, LF and CR only when
 * allow_lines) and fits in max bytes (0: no limit).
 */
static enum gk_err
rj_check_text(struct rj *x, const char *path, const json_t *v, size_t max, int allow_lines)
{
	const char	*s = json_string_value(v);
	size_t		 n = json_string_length(v), i;

	if (max != 0 && n > max)
		return rj_fail(x, path, "过长（%zu 字节，最多 %zu 字节）", n, max);
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '\0')
			return rj_fail(x, path, "含有空字符（\\u0000）");
		if ((c < 0x20 || c == 0x7F) &&
		    !(allow_lines && (c == '\n' || c == '\r' || c == '\t')))
			return rj_fail(x, path, "含有控制字符（U+%04X）", c);
	}
	return GK_OK;
}

/*
 * Strict decimal: -?(0|[1-9][0-9]*)(\.[0-9]{1,6})?, scaled by GK_NUM_SCALE,
 * within int64. Returns 0 and the value, or -1 with a reason.
 */
static int
rj_decimal(const char *s, size_t n, int64_t *out, const char **why)
{
	size_t		 i = 0, nfrac = 0;
	int		 neg = 0;
	uint64_t	 v = 0, lim;
	unsigned	 d;

	*why = "不是十进制数（应形如 \"12\"、\"0.35\"、\"-2\"）";
	if (i < n && s[i] == '-') {
		neg = 1;
		i++;
	}
	if (i >= n || s[i] < '0' || s[i] > '9')
		return -1;
	if (s[i] == '0' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9') {
		*why = "整数部分不能有前导零";
		return -1;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1 : (uint64_t)INT64_MAX;
	for (; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
		d = (unsigned)(s[i] - '0');
		if (v > (lim / GK_NUM_SCALE - d) / 10)
			goto range;
		v = v * 10 + d;
	}
	v *= GK_NUM_SCALE;
	if (i < n && s[i] == '.') {
		uint64_t	 frac = 0, scale = GK_NUM_SCALE;

		for (i++; i < n && s[i] >= '0' && s[i] <= '9'; i++) {
			if (++nfrac > 6) {
				*why = "小数位数超过 6 位，无法精确表示";
				return -1;
			}
			scale /= 10;
			frac += (uint64_t)(s[i] - '0') * scale;
		}
		if (nfrac == 0)
			return -1;
		if (frac > lim - v)
			goto range;
		v += frac;
	}
	if (i != n)
		return -1;
	*out = neg ? (int64_t)(0 - v) : (int64_t)v;
	return 0;
range:
	*why = "数值超出范围";
	return -1;
}

/* Reads a cell (see rj_cell in render_json.c for the encoding). */
static enum gk_err
rj_read_cell(struct rj *x, const char *path, const json_t *v, struct gk_cell *c)
{
	char		 sub[RJ_PATH_MAX];
	const char	*key, *why;
	json_t		*val, *num = NULL, *unit = NULL, *txt = NULL;
	int		 which = 0, nkind = 0;
	int64_t		 scaled;
	enum gk_err	 e;

	if (json_is_null(v)) {
		gk_cell_set_blank(c);
		return GK_OK;
	}
	if (json_is_integer(v)) {
		json_int_t n = json_integer_value(v);

		if (n > INT64_MAX / GK_NUM_SCALE || n < -(INT64_MAX / GK_NUM_SCALE))
			return rj_fail(x, path, "整数超出范围（绝对值最大 %lld）",
			    (long long)(INT64_MAX / GK_NUM_SCALE));
		gk_cell_set_int(c, (int64_t)n);
		return GK_OK;
	}
	if (json_is_real(v))
		return rj_fail(x, path, "不接受浮点数：整数直接写，其他数写成 {\"number\": \"0.35\"}");
	if (!json_is_object(v))
		return rj_fail(x, path, "应为整数、null 或单元格对象，而不是%s", rj_typename(v));
	json_object_foreach((json_t *)v, key, val) {
		rj_join(sub, sizeof(sub), path, key);
		if (strcmp(key, "number") == 0) {
			num = val;
			nkind++;
		}
		else if (strcmp(key, "unit") == 0)
			unit = val;
		else if (strcmp(key, "text") == 0 || strcmp(key, "unreadable") == 0) {
			txt = val;
			nkind++;
			which = key[0] == 't' ? GK_CELL_TEXT : GK_CELL_UNREADABLE;
		} else
			return rj_fail(x, sub, "未知的键（单元格对象只有 number、unit、text、unreadable）");
	}
	if (nkind != 1)
		return rj_fail(x, path, "单元格对象应恰有 number、text、unreadable 之一");
	if (txt != NULL) {
		rj_join(sub, sizeof(sub), path, which == GK_CELL_TEXT ? "text" : "unreadable");
		if (unit != NULL)
			return rj_fail(x, path, "只有 number 可以带 unit");
		if (!json_is_string(txt))
			return rj_fail(x, sub, "应为字符串，而不是%s", rj_typename(txt));
		if ((e = rj_check_text(x, sub, txt, GK_CELL_TEXT_MAX - 1, 0)) != GK_OK)
			return e;
		gk_cell_set_text(c, (enum gk_cell_state)which, json_string_value(txt));
		return GK_OK;
	}
	rj_join(sub, sizeof(sub), path, "number");
	if (!json_is_string(num))
		return rj_fail(x, sub, "应为表示十进制数的字符串，而不是%s", rj_typename(num));
	if (rj_decimal(json_string_value(num), json_string_length(num), &scaled, &why) != 0)
		return rj_fail(x, sub, "%s", why);
	gk_cell_set_num(c, scaled);
	if (unit != NULL) {
		rj_join(sub, sizeof(sub), path, "unit");
		if (!json_is_string(unit))
			return rj_fail(x, sub, "应为字符串，而不是%s", rj_typename(unit));
		if ((e = rj_check_text(x, sub, unit, GK_CELL_TEXT_MAX - 1, 0)) != GK_OK)
			return e;
		memcpy(c->text, json_string_value(unit), json_string_length(unit) + 1);
	}
	return GK_OK;
}

/* v must be an object; names the path if not. */
static enum gk_err
rj_want_object(struct rj *x, const char *path, const json_t *v)
{
	if (v == NULL)
		return rj_fail(x, path, "缺少此项");
	if (!json_is_object(v))
		return rj_fail(x, path, "应为对象，而不是%s", rj_typename(v));
	return GK_OK;
}

/* Reads required cell key of object o into c. */
static enum gk_err
rj_cell_at(struct rj *x, const char *path, const json_t *o, const char *key,
    struct gk_cell *c, int required)
{
	char	 sub[RJ_PATH_MAX];
	json_t	*v = json_object_get(o, key);

	rj_join(sub, sizeof(sub), path, key);
	if (v == NULL) {
		if (!required)
			return GK_OK;
		return rj_fail(x, sub, "缺少此单元格（%s 模板有此单元格）", gk_tpl_name(x->r->tpl));
	}
	return rj_read_cell(x, sub, v, c);
}

static int
rj_s2_table_of(const char *key, enum gk_tpl tpl)
{
	int t;

	for (t = 0; t < GK_S2_TABLES; t++)
		if (gk_s2_tables[t].tpl == tpl && strcmp(gk_json_s2_table_id(t), key) == 0)
			return t;
	return -1;
}

static enum gk_err
rj_section2(struct rj *x, const json_t *s2)
{
	enum gk_tpl	 tpl = x->r->tpl, other = tpl == GK_TPL_2021 ? GK_TPL_2019 : GK_TPL_2021;
	char		 p1[RJ_PATH_MAX], p2[RJ_PATH_MAX];
	const char	*key, *rkey, *ckey;
	json_t		*tab, *row, *cv;
	int		 t, i, j, ok;
	enum gk_err	 e;

	if ((e = rj_want_object(x, "section2", s2)) != GK_OK)
		return e;
	json_object_foreach((json_t *)s2, key, tab) {
		if (rj_s2_table_of(key, tpl) >= 0)
			continue;
		rj_join(p1, sizeof(p1), "section2", key);
		if (rj_s2_table_of(key, other) >= 0)
			return rj_fail(x, p1, "%s 模板没有此表（它属于 %s 模板）",
			    gk_tpl_name(tpl), gk_tpl_name(other));
		return rj_fail(x, p1, "未知的键（第二部分的表为 item1、item5、item6、item8%s）",
		    tpl == GK_TPL_2019 ? "、item9" : "");
	}
	for (t = 0; t < GK_S2_TABLES; t++) {
		const struct gk_s2_table *d = &gk_s2_tables[t];

		if (d->tpl != tpl)
			continue;
		rj_join(p1, sizeof(p1), "section2", gk_json_s2_table_id(t));
		tab = json_object_get(s2, gk_json_s2_table_id(t));
		if (tab == NULL)
			return rj_fail(x, p1, "缺少此表（%s，%s 模板有此表）", d->caption,
			    gk_tpl_name(tpl));
		if ((e = rj_want_object(x, p1, tab)) != GK_OK)
			return e;
		json_object_foreach(tab, rkey, row) {
			for (i = 0, ok = 0; i < d->nrows && !ok; i++)
				ok = strcmp(rkey, gk_json_s2_row_id(t, i)) == 0;
			if (!ok) {
				rj_join(p2, sizeof(p2), p1, rkey);
				return rj_fail(x, p2, "%s 模板的此表没有这一行", gk_tpl_name(tpl));
			}
		}
		for (i = 0; i < d->nrows; i++) {
			rj_join(p2, sizeof(p2), p1, gk_json_s2_row_id(t, i));
			row = json_object_get(tab, gk_json_s2_row_id(t, i));
			if (row == NULL)
				return rj_fail(x, p2, "缺少此行（%s）", d->rows[i]);
			if ((e = rj_want_object(x, p2, row)) != GK_OK)
				return e;
			json_object_foreach(row, ckey, cv) {
				char p3[RJ_PATH_MAX];

				for (j = 0, ok = 0; j < d->ncols && !ok; j++)
					ok = strcmp(ckey, gk_json_s2_col_id(t, j)) == 0;
				if (!ok) {
					rj_join(p3, sizeof(p3), p2, ckey);
					return rj_fail(x, p3, "%s 模板没有此单元格", gk_tpl_name(tpl));
				}
			}
			for (j = 0; j < d->ncols; j++)
				if ((e = rj_cell_at(x, p2, row, gk_json_s2_col_id(t, j),
				    &x->r->s2[d->first + i * d->ncols + j], 1)) != GK_OK)
					return e;
		}
	}
	return GK_OK;
}

static int
rj_s3_row_of(const char *key)
{
	int i;

	for (i = 0; i < GK_S3ROW__MAX; i++)
		if (strcmp(gk_s3_rows[i].id, key) == 0)
			return i;
	return -1;
}

/* Checks that every key of o is one of the n ids; names the first that is not. */
static enum gk_err
rj_only_keys(struct rj *x, const char *path, const json_t *o, const char *const *ids, int n,
    const char *what)
{
	char		 sub[RJ_PATH_MAX];
	const char	*key;
	json_t		*v;
	int		 i;

	json_object_foreach((json_t *)o, key, v) {
		for (i = 0; i < n; i++)
			if (strcmp(key, ids[i]) == 0)
				break;
		if (i == n) {
			rj_join(sub, sizeof(sub), path, key);
			return rj_fail(x, sub, "未知的键（%s）", what);
		}
	}
	return GK_OK;
}

static enum gk_err
rj_section3(struct rj *x, const json_t *s3)
{
	enum gk_tpl	 tpl = x->r->tpl;
	char		 p1[RJ_PATH_MAX];
	const char	*key;
	json_t		*row;
	int		 i, j, in, group;
	enum gk_err	 e;

	if ((e = rj_want_object(x, "section3", s3)) != GK_OK)
		return e;
	json_object_foreach((json_t *)s3, key, row) {
		rj_join(p1, sizeof(p1), "section3", key);
		if ((i = rj_s3_row_of(key)) < 0)
			return rj_fail(x, p1, "未知的键（第三部分的行见 docs/report-json.md）");
		if (!gk_s3_row_in((enum gk_s3row)i, tpl) && gk_s3_rows[i].role != GK_S3R_GROUP)
			return rj_fail(x, p1, "%s 模板没有此行（%s）", gk_tpl_name(tpl),
			    gk_s3_rows[i].label);
	}
	for (i = 0; i < GK_S3ROW__MAX; i++) {
		in = gk_s3_row_in((enum gk_s3row)i, tpl);
		group = !in && gk_s3_rows[i].role == GK_S3R_GROUP;
		if (!in && !group)
			continue;
		rj_join(p1, sizeof(p1), "section3", gk_s3_rows[i].id);
		row = json_object_get(s3, gk_s3_rows[i].id);
		if (row == NULL) {
			if (group)
				continue;
			return rj_fail(x, p1, "缺少此行（%s）", gk_s3_rows[i].label);
		}
		if ((e = rj_want_object(x, p1, row)) != GK_OK ||
		    (e = rj_only_keys(x, p1, row, gk_s3_col_ids, GK_S3COL__MAX,
		    "申请人列为 natural_person、business、research、nonprofit、legal_services、other_org、total")) != GK_OK)
			return e;
		for (j = 0; j < GK_S3COL__MAX; j++)
			if ((e = rj_cell_at(x, p1, row, gk_s3_col_ids[j], &x->r->s3[i][j],
			    in)) != GK_OK)
				return e;
	}
	return GK_OK;
}

static enum gk_err
rj_section4(struct rj *x, const json_t *s4)
{
	char		 p1[RJ_PATH_MAX];
	json_t		*route;
	int		 i, j;
	enum gk_err	 e;

	if ((e = rj_want_object(x, "section4", s4)) != GK_OK ||
	    (e = rj_only_keys(x, "section4", s4, gk_s4_route_ids, GK_S4ROUTE__MAX,
	    "应为 reconsideration、litigation_direct、litigation_after_reconsideration")) != GK_OK)
		return e;
	for (i = 0; i < GK_S4ROUTE__MAX; i++) {
		rj_join(p1, sizeof(p1), "section4", gk_s4_route_ids[i]);
		route = json_object_get(s4, gk_s4_route_ids[i]);
		if (route == NULL)
			return rj_fail(x, p1, "缺少此项（%s）", gk_s4_routes[i]);
		if ((e = rj_want_object(x, p1, route)) != GK_OK ||
		    (e = rj_only_keys(x, p1, route, gk_s4_result_ids, GK_S4RES__MAX,
		    "应为 upheld、corrected、other、pending、total")) != GK_OK)
			return e;
		for (j = 0; j < GK_S4RES__MAX; j++)
			if ((e = rj_cell_at(x, p1, route, gk_s4_result_ids[j],
			    &x->r->s4[i][j], 1)) != GK_OK)
				return e;
	}
	return GK_OK;
}

static enum gk_err
rj_narrative(struct rj *x, const json_t *n)
{
	char		 p1[RJ_PATH_MAX];
	json_t		*v;
	int		 i;
	enum gk_err	 e;

	if ((e = rj_want_object(x, "narrative", n)) != GK_OK ||
	    (e = rj_only_keys(x, "narrative", n, rj_narr_keys, GK_NARR__MAX,
	    "应为 overview、problems、other")) != GK_OK)
		return e;
	for (i = 0; i < GK_NARR__MAX; i++) {
		rj_join(p1, sizeof(p1), "narrative", rj_narr_keys[i]);
		if ((v = json_object_get(n, rj_narr_keys[i])) == NULL)
			return rj_fail(x, p1, "缺少此项（没有这部分时写 null）");
		if (json_is_null(v))
			continue;
		if (!json_is_string(v))
			return rj_fail(x, p1, "应为字符串或 null，而不是%s", rj_typename(v));
		if ((e = rj_check_text(x, p1, v, 0, 1)) != GK_OK)
			return e;
		if (gk_report_set_narr(x->r, (enum gk_narr)i, json_string_value(v)) != GK_OK)
			return GK_ENOMEM;
	}
	return GK_OK;
}

static const char *const rj_top_keys[] = {
	"schema", "template", "agency", "year", "narrative", "section2", "section3", "section4",
};

static enum gk_err
rj_top(struct rj *x, const json_t *root)
{
	const char	*s;
	char		 show[RJ_KEY_SHOW];
	json_t		*v;
	json_int_t	 y;
	enum gk_err	 e;
	int		 t;

	if (!json_is_object(root))
		return rj_fail(x, NULL, "JSON 顶层应为对象，而不是%s", rj_typename(root));
	if ((v = json_object_get(root, "schema")) == NULL)
		return rj_fail(x, "schema", "缺少格式版本（应为 \"%s\"）", GK_JSON_SCHEMA);
	if (!json_is_string(v))
		return rj_fail(x, "schema", "应为字符串 \"%s\"", GK_JSON_SCHEMA);
	if (strcmp(json_string_value(v), GK_JSON_SCHEMA) != 0) {
		rj_show(show, sizeof(show), json_string_value(v));
		if (strncmp(show, GK_JSON_PREFIX, strlen(GK_JSON_PREFIX)) == 0)
			return rj_fail(x, "schema", "不支持的格式版本 \"%s\"（本程序读取 \"%s\"）",
			    show, GK_JSON_SCHEMA);
		return rj_fail(x, "schema", "不是年度报告的格式 \"%s\"（应为 \"%s\"）",
		    show, GK_JSON_SCHEMA);
	}
	if ((e = rj_only_keys(x, "", root, rj_top_keys,
	    (int)(sizeof(rj_top_keys) / sizeof(rj_top_keys[0])),
	    "顶层的键为 schema、template、agency、year、narrative、section2、section3、section4")) != GK_OK)
		return e;

	if ((v = json_object_get(root, "template")) == NULL)
		return rj_fail(x, "template", "缺少模板（\"2021\" 或 \"2019\"）");
	if (!json_is_string(v))
		return rj_fail(x, "template", "应为字符串 \"2021\" 或 \"2019\"，而不是%s",
		    rj_typename(v));
	s = json_string_value(v);
	for (t = 0; t < GK_TPL__MAX; t++)
		if (strcmp(s, gk_tpl_name((enum gk_tpl)t)) == 0)
			break;
	if (t == GK_TPL__MAX) {
		rj_show(show, sizeof(show), s);
		return rj_fail(x, "template", "未知的模板 \"%s\"（应为 \"2021\" 或 \"2019\"）", show);
	}
	gk_report_init(x->r, (enum gk_tpl)t);

	if ((v = json_object_get(root, "agency")) == NULL)
		return rj_fail(x, "agency", "缺少机关名称（未知时写 null）");
	if (!json_is_null(v)) {
		if (!json_is_string(v))
			return rj_fail(x, "agency", "应为字符串或 null，而不是%s", rj_typename(v));
		if ((e = rj_check_text(x, "agency", v, GK_AGENCY_MAX - 1, 0)) != GK_OK)
			return e;
		memcpy(x->r->agency, json_string_value(v), json_string_length(v) + 1);
	}

	if ((v = json_object_get(root, "year")) == NULL)
		return rj_fail(x, "year", "缺少年度（未知时写 null）");
	if (!json_is_null(v)) {
		if (!json_is_integer(v))
			return rj_fail(x, "year", "应为整数或 null，而不是%s", rj_typename(v));
		y = json_integer_value(v);
		if (y < RJ_YEAR_MIN || y > RJ_YEAR_MAX)
			return rj_fail(x, "year", "年度 %lld 超出范围（%d–%d）", (long long)y,
			    RJ_YEAR_MIN, RJ_YEAR_MAX);
		x->r->year = (int)y;
	}

	if ((e = rj_narrative(x, json_object_get(root, "narrative"))) != GK_OK ||
	    (e = rj_section2(x, json_object_get(root, "section2"))) != GK_OK ||
	    (e = rj_section3(x, json_object_get(root, "section3"))) != GK_OK ||
	    (e = rj_section4(x, json_object_get(root, "section4"))) != GK_OK)
		return e;
	return GK_OK;
}

/* The token jansson quotes in its message ("… near 'xyz'"), made safe. */
static void
rj_near(char *dst, size_t n, const char *text)
{
	const char	*p = strstr(text, "near '");
	size_t		 len;
	char		 tmp[RJ_KEY_SHOW];

	dst[0] = '\0';
	if (p == NULL)
		return;
	p += strlen("near '");
	len = strlen(p);
	if (len > 0 && p[len - 1] == '\'')
		len--;
	if (len >= sizeof(tmp))
		len = sizeof(tmp) - 1;
	memcpy(tmp, p, len);
	tmp[len] = '\0';
	rj_show(dst, n, tmp);
}

static enum gk_err
rj_parse_error(struct rj *x, const json_error_t *je)
{
	char	 near[RJ_KEY_SHOW], where[96];

	rj_near(near, sizeof(near), je->text);
	snprintf(where, sizeof(where), "第 %d 行第 %d 列", je->line, je->column);
	switch (json_error_code(je)) {
	case json_error_duplicate_key:
		return rj_fail(x, NULL, "JSON 中有重复的键 %s（%s）", near, where);
	case json_error_invalid_utf8:
		return rj_fail(x, NULL, "文件不是有效的 UTF-8 编码（%s）：请先转换为 UTF-8", where);
	case json_error_premature_end_of_input:
		return rj_fail(x, NULL, "JSON 不完整，文件在%s意外结束（可能被截断）", where);
	case json_error_end_of_input_expected:
		return rj_fail(x, NULL, "JSON 结束后还有多余内容（%s）", where);
	case json_error_stack_overflow:
		return rj_fail(x, NULL, "JSON 嵌套过深（%s）", where);
	case json_error_numeric_overflow:
		return rj_fail(x, NULL, "数字超出范围（%s）", where);
	case json_error_null_character:
	case json_error_null_byte_in_key:
		return rj_fail(x, NULL, "字符串中含有空字符 \\u0000（%s）", where);
	case json_error_out_of_memory:
		snprintf(x->err, x->errlen, "内存不足");
		return GK_ENOMEM;
	default:
		if (near[0] != '\0')
			return rj_fail(x, NULL, "JSON 语法错误（%s，“%s”附近）", where, near);
		return rj_fail(x, NULL, "JSON 语法错误（%s）", where);
	}
}

enum gk_err
gk_report_from_json(const char *buf, size_t len, struct gk_report *out,
    char *err, size_t errlen)
{
	struct rj	 x;
	json_error_t	 je;
	json_t		*root;
	enum gk_err	 e;

	memset(out, 0, sizeof(*out));
	x.r = out;
	x.err = err;
	x.errlen = errlen;
	if (errlen)
		err[0] = '\0';
	if (len > GK_REPORT_MAX_INPUT) {
		snprintf(err, errlen, "文件过大（超过 %u 字节）", GK_REPORT_MAX_INPUT);
		return GK_ELIMIT;
	}
	if (len >= 3 && memcmp(buf, "\xEF\xBB\xBF", 3) == 0) {
		buf += 3;
		len -= 3;
	}
	if (len == 0)
		return rj_fail(&x, NULL, "JSON 为空");
	root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL)
		return rj_parse_error(&x, &je);
	e = rj_top(&x, root);
	json_decref(root);
	if (e != GK_OK) {
		if (e == GK_ENOMEM && errlen)
			snprintf(err, errlen, "内存不足");
		gk_report_clear(out);
	}
	return e;
}
