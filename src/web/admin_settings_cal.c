/*
 * admin_settings_cal.c — /admin/calendar (H6; docs/admin-settings.md): the
 * working-day calendar the deadlines are counted on — the years it covers,
 * each year's holidays and adjusted workdays and working days per month —
 * and the form that enters a year's 国务院办公厅 notice (放假 ranges and
 * 调休上班 weekend days). The notice goes to the store
 * (gk_site_calendar_notice_set: checked by the core calendar's own rules,
 * audited) and is laid over the calendar file (gk_site_calendar_effective),
 * so the clock counts with it. Everyone signed in may look; only a
 * platform administrator (系统管理员 of a top-level agency) may enter.
 */
#include <stdio.h>
#include <string.h>

#include "core/calendar.h"
#include "core/date.h"
#include "core/workflow.h"
#include "store/site.h"
#include "web/admin_settings.h"
#include "web/html.h"

#define HOLIDAY_ROWS	9	/* 7 statutory holidays and 2 spare rows */
#define WORK_ROWS	8

static const char *const holiday_names[HOLIDAY_ROWS] = {
	"元旦", "春节", "清明节", "劳动节", "端午节", "中秋节", "国庆节", "", "",
};

/* A holiday range or a workday of the form, as entered. */
struct cal_form {
	int	 year;
	char	 doc_no[512];
	struct {
		char	 name[CALENDAR_NAME_MAX];
		char	 from[16], to[16];
		int32_t	 d0, d1;	/* parsed; GK_DATE_NONE when empty or bad */
	} h[HOLIDAY_ROWS];
	struct {
		char	 name[CALENDAR_NAME_MAX];
		char	 date[16];
		int32_t	 d;
	} w[WORK_ROWS];
};

/* The effective calendar: the server's with the stored notices laid over it. */
static enum gk_err
effective(struct gk_web_ctx *ctx, struct calendar *out, char *err, size_t errlen)
{
	return gk_site_calendar_effective(ctx->db, ctx->cal, out, err, errlen);
}

/* The year in s (4 digits), or 0. */
static int
parse_year(const char *s)
{
	int y = 0, k;

	for (k = 0; k < 4; k++) {
		if (s[k] < '0' || s[k] > '9')
			return 0;
		y = y * 10 + (s[k] - '0');
	}
	return s[4] == '\0' && y >= 2 ? y : 0;
}

static int
this_year(const struct gk_web_ctx *ctx)
{
	int y;

	gk_date_ymd(ctx->today, &y, NULL, NULL);
	return y;
}

/* /admin/calendar: the covered years and the notices entered here. */
static enum gk_err
calendar_index(struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct calendar		 cal;
	struct gk_cal_notice	*nv = NULL;
	struct gk_buf		*b = &resp->body;
	char			 day[GK_DATE_LEN];
	int			 years[200], next = this_year(ctx) + 1, y;
	size_t			 ny, nn = 0, i, j;
	enum gk_err		 e;

	if ((e = effective(ctx, &cal, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_site_calendar_list(ctx->db, &nv, &nn, err, errlen)) != GK_OK) {
		calendar_clear(&cal);
		return e;
	}
	ny = calendar_years(&cal, years, sizeof(years) / sizeof(years[0]));
	if (ny > sizeof(years) / sizeof(years[0]))
		ny = sizeof(years) / sizeof(years[0]);
	gkas_page(resp, ctx, u, 200, "工作日历", "calendar");
	gk_html_raw(b, "<h1>工作日历</h1>\n<p class=\"hint\">法定时限（主动公开 20 个工作日、"
	    "依申请公开答复期限等）按此日历计算：周一至周五为工作日，列为放假的除外；"
	    "列为调休上班的周六、周日为工作日。某年只有录入了当年的放假通知才算已覆盖，"
	    "未覆盖年份的期限无法计算。</p>\n");
	if (!calendar_covers(&cal, next))
		gk_html(b, "<p class=\"notice\" role=\"status\">尚未录入 %d 年的放假安排。"
		    "国务院办公厅通常在上一年 11 月发布通知，发布后请及时录入。</p>\n", next);
	gk_html_raw(b, "<h2>已覆盖的年份</h2>\n<table class=\"list\"><thead><tr>"
	    "<th scope=\"col\">年份</th><th scope=\"col\">来源</th><th scope=\"col\">通知文号</th>"
	    "<th scope=\"col\">录入</th></tr></thead><tbody>\n");
	for (i = 0; i < ny; i++) {
		y = years[i];
		for (j = 0; j < nn && nv[j].year != y; j++)
			;
		day[0] = '\0';
		if (j < nn)
			gk_strlcpy_utf8(day, nv[j].entered_at, sizeof(day));	/* YYYY-MM-DD */
		gk_html(b, "<tr><th scope=\"row\"><a href=\"/admin/calendar/%d\">%d 年</a></th>"
		    "<td>%s</td><td>%s</td><td>%s%s%s</td></tr>\n", y, y,
		    j < nn ? "后台录入的通知" : "日历文件", j < nn ? nv[j].doc_no : "",
		    j < nn ? nv[j].entered_by : "", j < nn ? " " : "", day);
	}
	gk_html_raw(b, "</tbody></table>\n");
	if (gkas_platform_admin(ctx, u))
		gk_html(b, "<p><a href=\"/admin/calendar/notice?year=%d\">录入 %d 年放假通知</a></p>\n",
		    next, next);
	gk_site_calendar_free(nv, nn);
	calendar_clear(&cal);
	return gkas_done(resp);
}

/* /admin/calendar/YEAR: the year's special days and working days per month. */
static enum gk_err
calendar_year(struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    struct gk_web_resp *resp, int year, char *err, size_t errlen)
{
	struct calendar	 cal;
	struct gk_buf	*b = &resp->body;
	char		 ds[GK_DATE_LEN], cerr[256];
	int32_t		 lo, hi, day;
	int		 m, d, w, count, total = 0;
	size_t		 i;
	enum gk_err	 e;

	if ((e = effective(ctx, &cal, err, errlen)) != GK_OK)
		return e;
	if (!calendar_covers(&cal, year)) {
		calendar_clear(&cal);
		return gk_admin_error(resp, ctx, u, 404, "日历未覆盖该年份");
	}
	gk_date_from_ymd(year, 1, 1, &lo);
	gk_date_from_ymd(year, 12, 31, &hi);
	gkas_page(resp, ctx, u, 200, "工作日历", "calendar");
	gk_html(b, "<h1>%d 年放假和调休上班日</h1>\n<table class=\"list\"><thead><tr>"
	    "<th scope=\"col\">日期</th><th scope=\"col\">星期</th><th scope=\"col\">安排</th>"
	    "<th scope=\"col\">名称</th></tr></thead><tbody>\n", year);
	for (i = 0; i < cal.n; i++) {
		if (cal.v[i].date < lo || cal.v[i].date > hi)
			continue;
		gk_date_format(cal.v[i].date, ds);
		gk_html(b, "<tr><th scope=\"row\">%s</th><td>%s</td><td>%s</td><td>%s</td></tr>\n",
		    ds, gk_date_weekday_cn(cal.v[i].date), calendar_kind_cn(cal.v[i].kind),
		    cal.v[i].name);
	}
	gk_html_raw(b, "</tbody></table>\n<h2>各月工作日天数</h2>\n<table class=\"list\"><thead><tr>"
	    "<th scope=\"col\">月份</th><th scope=\"col\">工作日</th></tr></thead><tbody>\n");
	for (m = 1; m <= 12; m++) {
		count = 0;
		for (d = 1; d <= gk_days_in_month(year, m); d++) {
			gk_date_from_ymd(year, m, d, &day);
			if (calendar_is_workday(&cal, day, &w, cerr, sizeof(cerr)) == GK_OK)
				count += w;
		}
		total += count;
		gk_html(b, "<tr><th scope=\"row\">%d 月</th><td>%d 天</td></tr>\n", m, count);
	}
	gk_html(b, "<tr><th scope=\"row\">全年</th><td>%d 天</td></tr></tbody></table>\n", total);
	if (gkas_platform_admin(ctx, u)) {
		gk_html(b, "<p><a href=\"/admin/calendar/notice?year=%d\">修改 %d 年放假安排</a></p>\n",
		    year, year);
		gk_html(b, "<form method=\"post\" action=\"/admin/calendar/%d/delete\">", year);
		gk_admin_csrf_field(b, u);
		gk_html_raw(b, "<p class=\"hint\">如该年的安排是在后台录入的，可删除它，恢复为日历文件中的安排"
		    "（文件中没有该年时，该年即不再覆盖）。</p><p><button type=\"submit\" class=\"danger\">删除后台录入的安排"
		    "</button></p></form>\n");
	}
	gk_html_raw(b, "<p><a href=\"/admin/calendar\">返回工作日历</a></p>\n");
	calendar_clear(&cal);
	return gkas_done(resp);
}

/* Prefills the form with what the calendar already has for the year. */
static void
form_prefill(struct cal_form *f, const struct calendar *cal, const struct gk_cal_notice *nt)
{
	const struct calendar_entry	*x;
	int32_t				 lo, hi, prev = GK_DATE_NONE;
	size_t				 i, k;
	int				 nh = -1, nw = 0, spare = 7;

	gk_date_from_ymd(f->year, 1, 1, &lo);
	gk_date_from_ymd(f->year, 12, 31, &hi);
	if (nt != NULL) {
		gk_strlcpy_utf8(f->doc_no, nt->doc_no, sizeof(f->doc_no));
		gk_date_from_ymd(f->year - 1, 12, 1, &lo);	/* its December days too */
	}
	for (i = 0; i < cal->n; i++) {
		x = &cal->v[i];
		if (x->date < lo || x->date > hi)
			continue;
		if (x->kind == CALENDAR_WORK) {
			if (nw < WORK_ROWS) {
				gk_strlcpy_utf8(f->w[nw].name, x->name, sizeof(f->w[nw].name));
				gk_date_format(x->date, f->w[nw].date);
				nw++;
			}
			continue;
		}
		/* Consecutive off days with one name form one range. */
		if (nh >= 0 && prev != GK_DATE_NONE && x->date == prev + 1 &&
		    strcmp(f->h[nh].name, x->name) == 0) {
			gk_date_format(x->date, f->h[nh].to);
			prev = x->date;
			continue;
		}
		for (k = 0; k < 7; k++)
			if (strcmp(holiday_names[k], x->name) == 0 && f->h[k].from[0] == '\0')
				break;
		if (k == 7) {
			if (spare >= HOLIDAY_ROWS)
				continue;
			k = (size_t)spare++;
		}
		nh = (int)k;
		gk_strlcpy_utf8(f->h[k].name, x->name, sizeof(f->h[k].name));
		gk_date_format(x->date, f->h[k].from);
		gk_date_format(x->date, f->h[k].to);
		prev = x->date;
	}
}

static void
form_defaults(struct cal_form *f, int year)
{
	size_t i;

	memset(f, 0, sizeof(*f));
	f->year = year;
	for (i = 0; i < HOLIDAY_ROWS; i++) {
		gk_strlcpy_utf8(f->h[i].name, holiday_names[i], sizeof(f->h[i].name));
		f->h[i].d0 = f->h[i].d1 = GK_DATE_NONE;
	}
	for (i = 0; i < WORK_ROWS; i++)
		f->w[i].d = GK_DATE_NONE;
}

static enum gk_err
notice_page(struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    struct gk_web_resp *resp, const struct cal_form *f, int status,
    const struct gkas_errs *e)
{
	struct gk_buf	*b = &resp->body;
	char		 fn[32];
	size_t		 i;

	gk_web_resp_clear(resp);
	gkas_page(resp, ctx, u, status, "录入放假通知", "calendar");
	gk_html(b, "<h1>录入 %d 年放假通知</h1>\n<p class=\"hint\">按国务院办公厅关于 %d 年部分节假日"
	    "安排的通知录入：每个假期的放假起止日期（含首尾，含其中的周末），以及每个调休上班的周六或周日。"
	    "保存后替换该年已有的安排，法定时限随即按新安排计算。</p>\n", f->year, f->year);
	gkas_err_summary(b, e);
	gk_html_raw(b, "<form method=\"post\" action=\"/admin/calendar/notice\">");
	gk_admin_csrf_field(b, u);
	gk_html(b, "<p><label for=\"year\">年份</label> <input id=\"year\" name=\"year\" "
	    "inputmode=\"numeric\" maxlength=\"4\" size=\"4\" required value=\"%d\"></p>", f->year);
	gkas_err_show(b, e, "year");
	gk_html(b, "<p><label for=\"doc_no\">通知文号</label> <input id=\"doc_no\" name=\"doc_no\" "
	    "maxlength=\"%d\" value=\"%s\" aria-describedby=\"doc-hint\"> <span id=\"doc-hint\" "
	    "class=\"hint\">如 国办发明电〔2025〕7号</span></p>", GK_CAL_NOTICE_DOCNO_MAX, f->doc_no);
	gkas_err_show(b, e, "doc_no");
	gk_html_raw(b, "<fieldset><legend>放假</legend><table class=\"form-grid\"><thead><tr>"
	    "<th scope=\"col\">假期</th><th scope=\"col\">放假起</th><th scope=\"col\">放假止</th>"
	    "</tr></thead><tbody>\n");
	for (i = 0; i < HOLIDAY_ROWS; i++) {
		gk_html(b, "<tr><td><label for=\"h%zu_name\" class=\"sr\">第 %zu 个假期名称"
		    "</label><input id=\"h%zu_name\" name=\"h%zu_name\" maxlength=\"100\" value=\"%s\">"
		    "</td><td><label for=\"h%zu_from\" class=\"sr\">第 %zu 个假期放假起</label>"
		    "<input id=\"h%zu_from\" name=\"h%zu_from\" type=\"date\" value=\"%s\"></td>"
		    "<td><label for=\"h%zu_to\" class=\"sr\">第 %zu 个假期放假止</label>"
		    "<input id=\"h%zu_to\" name=\"h%zu_to\" type=\"date\" value=\"%s\">",
		    i, i + 1, i, i, f->h[i].name, i, i + 1, i, i, f->h[i].from, i, i + 1, i, i,
		    f->h[i].to);
		snprintf(fn, sizeof(fn), "h%zu", i);
		gkas_err_show(b, e, fn);
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table></fieldset>\n<fieldset><legend>调休上班（周六或周日）</legend>"
	    "<table class=\"form-grid\"><thead><tr><th scope=\"col\">所属假期</th>"
	    "<th scope=\"col\">上班日期</th></tr></thead><tbody>\n");
	for (i = 0; i < WORK_ROWS; i++) {
		gk_html(b, "<tr><td><label for=\"w%zu_name\" class=\"sr\">第 %zu 个调休上班日"
		    "所属假期</label><input id=\"w%zu_name\" name=\"w%zu_name\" maxlength=\"100\" "
		    "value=\"%s\"></td><td><label for=\"w%zu_date\" class=\"sr\">第 %zu 个"
		    "调休上班日期</label><input id=\"w%zu_date\" name=\"w%zu_date\" type=\"date\" "
		    "value=\"%s\">", i, i + 1, i, i, f->w[i].name, i, i + 1, i, i, f->w[i].date);
		snprintf(fn, sizeof(fn), "w%zu", i);
		gkas_err_show(b, e, fn);
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table></fieldset>\n<p><button type=\"submit\">保存放假安排</button></p>"
	    "</form>\n<p><a href=\"/admin/calendar\">返回工作日历</a></p>\n");
	return gkas_done(resp);
}

/* Field names of the form rows ("h3", "w0"), static for gkas_errs. */
static const char *const hfield[HOLIDAY_ROWS] = { "h0", "h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8" };
static const char *const wfield[WORK_ROWS] = { "w0", "w1", "w2", "w3", "w4", "w5", "w6", "w7" };

/* A date field: GK_DATE_NONE when empty; 0 (with a message) when bad. */
static int
form_date(const char *s, int32_t *out, int32_t lo, int32_t hi, int year,
    struct gkas_errs *e, const char *field, const char *what)
{
	*out = GK_DATE_NONE;
	if (*s == '\0')
		return 1;
	if (gk_date_parse(s, strlen(s), out) != GK_OK) {
		gkas_err(e, field, "%s“%.20s”不是有效日期（YYYY-MM-DD）", what, s);
		*out = GK_DATE_NONE;
		return 0;
	}
	if (*out < lo || *out > hi) {
		gkas_err(e, field, "%s %s 不在 %d 年内（元旦假期可从上一年 12 月开始）", what, s, year);
		return 0;
	}
	return 1;
}

/* Reads and checks the form; fills days (caller's array) on success. */
static size_t
form_read(const struct gk_web_req *req, struct cal_form *f, struct gkas_errs *e,
    struct gk_cal_day *days, size_t max)
{
	char		 fn[32];
	const char	*ys = gkas_arg(req, "year");
	int32_t		 lo = 0, hi = 0, d;
	size_t		 i, j, n = 0;
	long		 nc;

	form_defaults(f, parse_year(ys));
	if (f->year == 0)
		gkas_err(e, "year", "年份须为四位数字，如 %s", "2027");
	gk_strlcpy_utf8(f->doc_no, gkas_arg(req, "doc_no"), sizeof(f->doc_no));
	if ((nc = gk_text_chars(gkas_arg(req, "doc_no"))) < 0 || nc > GK_CAL_NOTICE_DOCNO_MAX)
		gkas_err(e, "doc_no", "通知文号须为不超过 %d 个字符的文本", GK_CAL_NOTICE_DOCNO_MAX);
	if (f->year != 0) {
		gk_date_from_ymd(f->year - 1, 12, 1, &lo);
		gk_date_from_ymd(f->year, 12, 31, &hi);
	}
	for (i = 0; i < HOLIDAY_ROWS; i++) {
		snprintf(fn, sizeof(fn), "h%zu_name", i);
		gk_strlcpy_utf8(f->h[i].name, gkas_arg(req, fn), sizeof(f->h[i].name));
		snprintf(fn, sizeof(fn), "h%zu_from", i);
		gk_strlcpy_utf8(f->h[i].from, gkas_arg(req, fn), sizeof(f->h[i].from));
		snprintf(fn, sizeof(fn), "h%zu_to", i);
		gk_strlcpy_utf8(f->h[i].to, gkas_arg(req, fn), sizeof(f->h[i].to));
		if (f->h[i].from[0] == '\0' && f->h[i].to[0] == '\0')
			continue;	/* an unused row (its name may stay) */
		if (f->year == 0)
			continue;
		if (!form_date(f->h[i].from, &f->h[i].d0, lo, hi, f->year, e, hfield[i], "放假起") ||
		    !form_date(f->h[i].to, &f->h[i].d1, lo, hi, f->year, e, hfield[i], "放假止"))
			continue;
		if (f->h[i].d0 == GK_DATE_NONE)
			f->h[i].d0 = f->h[i].d1;
		if (f->h[i].d1 == GK_DATE_NONE)
			f->h[i].d1 = f->h[i].d0;
		if ((nc = gk_text_chars(f->h[i].name)) <= 0 || nc > GK_CAL_DAY_NAME_MAX)
			gkas_err(e, hfield[i], "请填写假期名称（1～%d 个字符）", GK_CAL_DAY_NAME_MAX);
		else if (f->h[i].d1 < f->h[i].d0)
			gkas_err(e, hfield[i], "%s：放假止早于放假起", f->h[i].name);
		else if (f->h[i].d1 - f->h[i].d0 > 30)
			gkas_err(e, hfield[i], "%s：一个假期不超过 31 天", f->h[i].name);
		else {
			for (j = 0; j < i; j++)
				if (f->h[j].d0 != GK_DATE_NONE && f->h[i].d0 <= f->h[j].d1 &&
				    f->h[j].d0 <= f->h[i].d1)
					break;
			if (j < i)
				gkas_err(e, hfield[i], "%s与%s的放假日期重叠", f->h[i].name, f->h[j].name);
		}
		if (gkas_err_of(e, hfield[i]) != NULL)
			f->h[i].d0 = f->h[i].d1 = GK_DATE_NONE;
	}
	for (i = 0; i < WORK_ROWS; i++) {
		snprintf(fn, sizeof(fn), "w%zu_name", i);
		gk_strlcpy_utf8(f->w[i].name, gkas_arg(req, fn), sizeof(f->w[i].name));
		snprintf(fn, sizeof(fn), "w%zu_date", i);
		gk_strlcpy_utf8(f->w[i].date, gkas_arg(req, fn), sizeof(f->w[i].date));
		if (f->w[i].date[0] == '\0' || f->year == 0)
			continue;
		if (!form_date(f->w[i].date, &d, lo, hi, f->year, e, wfield[i], "调休上班日"))
			continue;
		if ((nc = gk_text_chars(f->w[i].name)) <= 0 || nc > GK_CAL_DAY_NAME_MAX)
			gkas_err(e, wfield[i], "请填写调休上班日所属的假期（1～%d 个字符）",
			    GK_CAL_DAY_NAME_MAX);
		else if (gk_date_weekday(d) < 6)
			gkas_err(e, wfield[i], "%s 是%s，调休上班日须为周六或周日", f->w[i].date,
			    gk_date_weekday_cn(d));
		else {
			for (j = 0; j < HOLIDAY_ROWS; j++)
				if (f->h[j].d0 != GK_DATE_NONE && d >= f->h[j].d0 && d <= f->h[j].d1)
					break;
			if (j < HOLIDAY_ROWS)
				gkas_err(e, wfield[i], "%s 在%s放假期间内，不能同时是调休上班日",
				    f->w[i].date, f->h[j].name);
			for (j = 0; j < i && gkas_err_of(e, wfield[i]) == NULL; j++)
				if (f->w[j].d == d)
					gkas_err(e, wfield[i], "%s 重复录入", f->w[i].date);
		}
		if (gkas_err_of(e, wfield[i]) == NULL)
			f->w[i].d = d;
	}
	if (e->n > 0)
		return 0;
	for (i = 0; i < HOLIDAY_ROWS; i++)
		for (d = f->h[i].d0; d != GK_DATE_NONE && d <= f->h[i].d1 && n < max; d++) {
			days[n].date = d;
			days[n].kind = CALENDAR_OFF;
			gk_strlcpy_utf8(days[n].name, f->h[i].name, sizeof(days[n].name));
			n++;
		}
	for (i = 0; i < WORK_ROWS; i++)
		if (f->w[i].d != GK_DATE_NONE && n < max) {
			days[n].date = f->w[i].d;
			days[n].kind = CALENDAR_WORK;
			gk_strlcpy_utf8(days[n].name, f->w[i].name, sizeof(days[n].name));
			n++;
		}
	if (n == 0)
		gkas_err(e, "", "请至少录入一个假期");
	return n;
}

static enum gk_err
calendar_notice(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	struct cal_form		*f;
	struct gkas_errs	 e;
	struct gk_cal_day	*days;
	struct gk_cal_notice	*nv = NULL;
	struct calendar		 cal;
	char			 serr[512], loc[64];
	size_t			 n, nn = 0, i;
	long			 bad = -1;
	enum gk_err		 rc;
	int			 year;

	if (!gkas_platform_admin(ctx, u))
		return gk_admin_error(resp, ctx, u, 403, "只有平台的系统管理员可以录入放假通知");
	f = gk_calloc(1, sizeof(*f));
	days = gk_calloc(GK_CAL_NOTICE_DAYS_MAX, sizeof(*days));
	if (f == NULL || days == NULL) {
		gk_free(f);
		gk_free(days);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	memset(&e, 0, sizeof(e));
	if (strcmp(req->method, "POST") != 0) {
		year = parse_year(gkas_arg(req, "year"));
		form_defaults(f, year != 0 ? year : this_year(ctx) + 1);
		if ((rc = effective(ctx, &cal, err, errlen)) != GK_OK)
			goto out;
		if ((rc = gk_site_calendar_list(ctx->db, &nv, &nn, err, errlen)) != GK_OK) {
			calendar_clear(&cal);
			goto out;
		}
		for (i = 0; i < nn && nv[i].year != f->year; i++)
			;
		form_prefill(f, &cal, i < nn ? &nv[i] : NULL);
		gk_site_calendar_free(nv, nn);
		calendar_clear(&cal);
		rc = notice_page(ctx, u, resp, f, 200, NULL);
		goto out;
	}
	n = form_read(req, f, &e, days, GK_CAL_NOTICE_DAYS_MAX);
	if (e.n > 0) {
		rc = notice_page(ctx, u, resp, f, 400, &e);
		goto out;
	}
	/* What the form does not see (e.g. no day in January to November). */
	if (gk_site_calendar_check(f->year, f->doc_no, days, n, &bad, serr,
	    sizeof(serr)) != GK_OK) {
		gkas_err(&e, "", "%s", serr);
		rc = notice_page(ctx, u, resp, f, 400, &e);
		goto out;
	}
	rc = gk_site_calendar_notice_set(ctx->db, u->login, f->year, f->doc_no, days, n,
	    ctx->now, serr, sizeof(serr));
	if (rc == GK_EINVAL || rc == GK_ECONFLICT) {
		gkas_err(&e, "", "%s", serr);
		rc = notice_page(ctx, u, resp, f, gkas_status(rc), &e);
		goto out;
	}
	if (rc != GK_OK) {
		snprintf(err, errlen, "%s", serr);
		goto out;
	}
	snprintf(loc, sizeof(loc), "/admin/calendar/%d", f->year);
	gk_admin_redirect(resp, loc);
out:
	gk_free(f);
	gk_free(days);
	return rc;
}

/* POST /admin/calendar/YEAR/delete: back to what the calendar file says. */
static enum gk_err
calendar_delete(struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    struct gk_web_resp *resp, int year, char *err, size_t errlen)
{
	char		serr[512];
	enum gk_err	e;

	if (!gkas_platform_admin(ctx, u))
		return gk_admin_error(resp, ctx, u, 403, "只有平台的系统管理员可以删除放假通知");
	e = gk_site_calendar_notice_delete(ctx->db, u->login, year, ctx->now, serr, sizeof(serr));
	if (e == GK_ENOTFOUND || e == GK_ECONFLICT)
		return gk_admin_error(resp, ctx, u, gkas_status(e), serr);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", serr);
		return e;
	}
	gk_admin_redirect(resp, "/admin/calendar");
	return GK_OK;
}

enum gk_err
gkas_calendar(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	const char	*rest = req->path + strlen("/admin/calendar");
	char		 ys[8];
	int		 year, post = strcmp(req->method, "POST") == 0;

	if (*rest == '\0' || strcmp(rest, "/") == 0)
		return post ? gk_admin_error(resp, ctx, u, 405, "请求方法不允许") :
		    calendar_index(ctx, u, resp, err, errlen);
	if (strcmp(rest, "/notice") == 0)
		return calendar_notice(ctx, req, u, resp, err, errlen);
	if (strlen(rest) != 5 && !(strlen(rest) == 12 && strcmp(rest + 5, "/delete") == 0))
		return GK_ENOTFOUND;
	memcpy(ys, rest + 1, 4);
	ys[4] = '\0';
	if ((year = parse_year(ys)) == 0)
		return GK_ENOTFOUND;
	if (rest[5] == '\0')
		return post ? gk_admin_error(resp, ctx, u, 405, "请求方法不允许") :
		    calendar_year(ctx, u, resp, year, err, errlen);
	if (!post)
		return GK_ENOTFOUND;
	return calendar_delete(ctx, u, resp, year, err, errlen);
}
