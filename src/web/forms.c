/*
 * forms.c — the public forms (docs/consultations.md, docs/applications.md
 * "Online intake"):
 *
 *   GET  /apply/{agency_id}    the 依申请公开 form (条例第二十九条)
 *   POST /apply/{agency_id}    checks every field, re-renders with the
 *                              messages next to the fields, or records the
 *                              application (channel online, received today:
 *                              条例第三十一条) and shows its tracking code,
 *                              due date and the tracking link
 *   GET  /track?code=CODE      the tracking page: state, dates, days left,
 *                              outcome, the events — nothing personal
 *   GET  /consult/{agency_id}  the published 留言咨询 (?page=N) and the form
 *   POST /consult/{agency_id}  records a question for moderation
 *
 * Abuse limits without a CAPTCHA: a token bucket per client address for
 * submissions (FORMS_SUBMIT_BURST per FORMS_SUBMIT_WINDOW seconds) and one
 * for tracking look-ups; a honeypot field ("website", visually hidden,
 * labelled 请勿填写此项) that, when filled, gets the same bland page as
 * success and stores nothing; a size limit on every field (a field
 * message, never a crash). Nothing here is cacheable: forms and results
 * differ per visitor.
 *
 * Every string from the request or the database goes through gk_html()
 * (escaped); gk_html_raw() only writes our own markup.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/apply.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/application.h"
#include "store/consultation.h"
#include "web/handlers.h"
#include "web/html.h"
#include "web/page.h"
#include "web/ratelimit.h"

/*
 * The limits (per client address, docs/consultations.md): 5 submissions
 * (applications and questions together, the honeypot's catches included)
 * per 10 minutes, one earned back every 2 minutes; 60 tracking look-ups
 * per 10 minutes.
 */
#define FORMS_SUBMIT_BURST	5
#define FORMS_SUBMIT_WINDOW	600
#define FORMS_TRACK_BURST	60
#define FORMS_TRACK_WINDOW	600

#define FORMS_HONEYPOT		"website"
#define FORMS_PER_PAGE		10
#define FORMS_PAGE_MAX		100000

/* Field limits of the application form, in characters. */
#define AP_REQUEST_MAX		8000	/* + 文号 + 用途 stay within GK_APPLY_REQUEST_MAX */
#define AP_DOCNO_MAX		100
#define AP_PURPOSE_MAX		1000
#define AP_IDNO_MAX		30

static struct gk_ratelimit	submit_rl, track_rl;
static pthread_once_t		rl_once = PTHREAD_ONCE_INIT;

static void
rl_init(void)
{
	gk_ratelimit_init(&submit_rl, FORMS_SUBMIT_BURST, FORMS_SUBMIT_WINDOW);
	gk_ratelimit_init(&track_rl, FORMS_TRACK_BURST, FORMS_TRACK_WINDOW);
}

/* Seconds of ctx->now ("YYYY-MM-DDTHH:MM:SS..."), else of the clock. */
static int64_t
now_seconds(const struct gk_web_ctx *ctx)
{
	const char	*s = ctx->now;
	int32_t		 d;
	int		 h, m, sec;

	if (strlen(s) >= 19 && gk_date_parse(s, 10, &d) == GK_OK &&
	    sscanf(s + 11, "%2d:%2d:%2d", &h, &m, &sec) == 3)
		return (int64_t)d * 86400 + h * 3600 + m * 60 + sec;
	return (int64_t)time(NULL);
}

static int
submit_allowed(const struct gk_web_ctx *ctx, const struct gk_web_req *req, int *retry)
{
	pthread_once(&rl_once, rl_init);
	return gk_ratelimit_take(&submit_rl, req->client, now_seconds(ctx), retry);
}

/* ---- fields ---- */

enum fkind { FK_TEXT, FK_TEL, FK_EMAIL, FK_AREA };

struct fdef {
	const char	*name;
	const char	*label;
	const char	*hint;		/* NULL: none */
	enum fkind	 kind;
	int		 required;	/* 1: marked *, 2: one of a group (marked †) */
	long		 max;		/* characters */
	const char	*autocomplete;
};

static int
blank(const char *v)
{
	return v == NULL || v[strspn(v, " \t\r\n")] == '\0';
}

static const char *
arg(const struct gk_web_req *req, const char *name)
{
	const char *v = gk_web_arg(req, name);

	return v != NULL ? v : "";
}

/* The size and character check every field gets; 0 when it fails (msg set). */
static int
field_size_ok(const struct fdef *f, const char *v, char *msg, size_t len)
{
	long n = gk_consult_text_chars(v, f->kind == FK_AREA);

	if (n < 0) {
		snprintf(msg, len, "%s含有无法识别的字符或控制字符", f->label);
		return 0;
	}
	if (n > f->max) {
		snprintf(msg, len, "%s至多 %ld 个字符（现为 %ld 个）", f->label, f->max, n);
		return 0;
	}
	if (f->required == 1 && blank(v)) {
		snprintf(msg, len, "请填写%s", f->label);
		return 0;
	}
	return 1;
}

#define MSG_LEN	256

/* The id of a field's element: "f-NAME". */
static void
render_field(struct gk_buf *b, const struct fdef *f, const char *value, const char *msg)
{
	int bad = msg != NULL && msg[0] != '\0';

	gk_html(b, "<div class=\"field%s\">\n<label for=\"f-%s\">%s", bad ? " invalid" : "",
	    f->name, f->label);
	if (f->required == 1)
		gk_html_raw(b, "<span class=\"req\" aria-hidden=\"true\"> *</span>"
		    "<span class=\"sr\">（必填）</span>");
	else if (f->required == 2)
		gk_html_raw(b, "<span class=\"req\" aria-hidden=\"true\"> †</span>");
	gk_html_raw(b, "</label>\n");
	if (f->hint != NULL)
		gk_html(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n", f->name, f->hint);
	if (f->kind == FK_AREA)
		gk_html(b, "<textarea id=\"f-%s\" name=\"%s\" rows=\"8\" cols=\"60\"", f->name,
		    f->name);
	else
		gk_html(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" size=\"40\"", f->name,
		    f->name, f->kind == FK_TEL ? "tel" : f->kind == FK_EMAIL ? "email" : "text");
	gk_html(b, " maxlength=\"%ld\"", f->max);
	if (f->autocomplete != NULL)
		gk_html(b, " autocomplete=\"%s\"", f->autocomplete);
	if (f->required == 1)
		gk_html_raw(b, " required aria-required=\"true\"");
	if (bad)
		gk_html_raw(b, " aria-invalid=\"true\"");
	if (f->hint != NULL || bad) {
		gk_html_raw(b, " aria-describedby=\"");
		if (f->hint != NULL)
			gk_html(b, "f-%s-hint", f->name);
		if (bad)
			gk_html(b, "%sf-%s-err", f->hint != NULL ? " " : "", f->name);
		gk_html_raw(b, "\"");
	}
	if (f->kind == FK_AREA)
		gk_html(b, ">%s</textarea>\n", value);
	else
		gk_html(b, " value=\"%s\">\n", value);
	if (bad)
		gk_html(b, "<p class=\"field-error\" id=\"f-%s-err\"><strong>错误：</strong>%s</p>\n",
		    f->name, msg);
	gk_html_raw(b, "</div>\n");
}

/* A group of radio buttons; value is checked when it is one of values. */
static void
render_radios(struct gk_buf *b, const char *name, const char *legend, const char *hint,
    const char *const *values, const char *const *labels, size_t n, const char *value,
    const char *msg)
{
	int	 bad = msg != NULL && msg[0] != '\0';
	size_t	 i;

	gk_html(b, "<fieldset class=\"field%s\" id=\"f-%s\"", bad ? " invalid" : "", name);
	if (hint != NULL || bad) {
		gk_html_raw(b, " aria-describedby=\"");
		if (hint != NULL)
			gk_html(b, "f-%s-hint", name);
		if (bad)
			gk_html(b, "%sf-%s-err", hint != NULL ? " " : "", name);
		gk_html_raw(b, "\"");
	}
	gk_html(b, ">\n<legend>%s<span class=\"req\" aria-hidden=\"true\"> *</span>"
	    "<span class=\"sr\">（必填）</span></legend>\n", legend);
	if (hint != NULL)
		gk_html(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n", name, hint);
	if (bad)
		gk_html(b, "<p class=\"field-error\" id=\"f-%s-err\"><strong>错误：</strong>%s</p>\n",
		    name, msg);
	for (i = 0; i < n; i++)
		gk_html(b, "<label class=\"choice\"><input type=\"radio\" name=\"%s\" id=\"f-%s-%zu\""
		    " value=\"%s\"%s%s> %s</label>\n", name, name, i, values[i],
		    strcmp(value, values[i]) == 0 ? " checked" : "", i == 0 ? " required" : "",
		    labels[i]);
	gk_html_raw(b, "</fieldset>\n");
}

/* The honeypot: off screen, out of the tab order, labelled for whoever meets it. */
static void
render_honeypot(struct gk_buf *b)
{
	gk_html_raw(b, "<div class=\"skip hp\" aria-hidden=\"true\">"
	    "<label for=\"f-" FORMS_HONEYPOT "\">请勿填写此项</label> "
	    "<input id=\"f-" FORMS_HONEYPOT "\" name=\"" FORMS_HONEYPOT "\" type=\"text\""
	    " tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>\n");
}

/* The summary at the top of a refused form: each message links to its field. */
static void
render_summary(struct gk_buf *b, const char *const *names, char (*msgs)[MSG_LEN], size_t n,
    const char *general)
{
	size_t i, bad = 0;

	for (i = 0; i < n; i++)
		bad += msgs[i][0] != '\0';
	if (bad == 0 && (general == NULL || general[0] == '\0'))
		return;
	gk_html_raw(b, "<div class=\"notice error-summary\" role=\"alert\" id=\"errors\" "
	    "tabindex=\"-1\">\n<h2>提交未成功</h2>\n");
	if (general != NULL && general[0] != '\0')
		gk_html(b, "<p>%s</p>\n", general);
	if (bad > 0) {
		gk_html(b, "<p>请修改以下 %zu 处后重新提交：</p>\n<ul>\n", bad);
		for (i = 0; i < n; i++)
			if (msgs[i][0] != '\0')
				gk_html(b, "<li><a href=\"#f-%s\">%s</a></li>\n", names[i], msgs[i]);
		gk_html_raw(b, "</ul>\n");
	}
	gk_html_raw(b, "</div>\n");
}

/* Finishes resp as an HTML page that no cache keeps. */
static enum gk_err
page_done(struct gk_web_resp *resp, int status)
{
	resp->status = status;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	return resp->body.err;
}

/* The agency of /PREFIX/{id}: 1 and *id when the rest of the path is a positive id. */
static int
path_id(const char *path, const char *prefix, int64_t *id)
{
	const char	*p = path + strlen(prefix);
	int64_t		 v = 0;
	int		 n = 0;

	if (*p < '1' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9' && n < 15; p++, n++)
		v = v * 10 + (*p - '0');
	if (*p != '\0')
		return 0;
	*id = v;
	return 1;
}

/* The 429 message in msg: the limit and when to come back. */
static void
limit_message(char *msg, size_t len, int retry)
{
	snprintf(msg, len, "提交过于频繁：同一网络地址每 %d 分钟至多提交 %d 次。请于 %d 分钟后再试"
	    "（约 %d 秒），您填写的内容已保留在下方，未被保存。", FORMS_SUBMIT_WINDOW / 60,
	    FORMS_SUBMIT_BURST, (retry + 59) / 60, retry);
}

/* The page a filled honeypot gets: looks like an ordinary receipt, says nothing. */
static enum gk_err
honeypot_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    int64_t agency_id)
{
	struct gk_crumb c = { "提交结果", "" };

	gk_buf_clear(&resp->body);
	gk_page_begin(&resp->body, ctx, req, "提交结果", agency_id, &c, 1);
	gk_html_raw(&resp->body, "<h1>提交结果</h1>\n<p>您的提交已收到。</p>\n");
	gk_page_end(&resp->body, ctx, req);
	return page_done(resp, 200);
}

/* ---- /apply/{id} ---- */

enum { AF_TYPE, AF_NAME, AF_IDNO, AF_PHONE, AF_EMAIL, AF_ADDRESS, AF_REQUEST, AF_DOCNO,
	AF_PURPOSE, AF_DELIVERY, AF__MAX };

static const char *const af_names[AF__MAX] = {
	"type", "name", "idno", "phone", "email", "address", "request", "docno", "purpose",
	"delivery",
};

static const struct fdef af_defs[AF__MAX] = {
	[AF_NAME] = { "name", "姓名或者名称",
	    "自然人填写姓名；法人或者其他组织填写全称", FK_TEXT, 1, GK_APPLY_NAME_MAX, "name" },
	[AF_IDNO] = { "idno", "身份证件号码或统一社会信用代码",
	    "选填；5 至 30 位字母或数字，18 位居民身份证号须有效", FK_TEXT, 0, AP_IDNO_MAX, "off" },
	[AF_PHONE] = { "phone", "联系电话", "例如 0812-1234567 或 13812345678", FK_TEL, 2, 40,
	    "tel" },
	[AF_EMAIL] = { "email", "电子邮件", "选择以电子邮件获取信息时请填写", FK_EMAIL, 2,
	    GK_APPLY_FIELD_MAX, "email" },
	[AF_ADDRESS] = { "address", "通信地址", "选择纸质文本邮寄时请填写，含邮政编码",
	    FK_TEXT, 2, GK_APPLY_FIELD_MAX, "street-address" },
	[AF_REQUEST] = { "request", "所需政府信息的名称或描述",
	    "请写明信息的名称，或者便于查询的特征性描述（如制作机关、大致时间、涉及事项）",
	    FK_AREA, 1, AP_REQUEST_MAX, NULL },
	[AF_DOCNO] = { "docno", "文号", "选填；已知文号时请填写，例如 盐边商务〔2025〕12号",
	    FK_TEXT, 0, AP_DOCNO_MAX, "off" },
	[AF_PURPOSE] = { "purpose", "用途说明", "选填", FK_AREA, 0, AP_PURPOSE_MAX, NULL },
};

static const char *const delivery_opts[] = {
	"纸质文本（邮寄）", "电子邮件", "光盘", "当面领取",
};
#define NDELIVERY	(sizeof(delivery_opts) / sizeof(delivery_opts[0]))

/*
 * One field's value through the store's own intake rules: a valid intake
 * with just that field replaced. 0 and the store's message when refused.
 */
static int
apply_probe(const struct gk_web_ctx *ctx, int field, const char *v, char *msg, size_t len)
{
	static const enum gk_apply_field map[AF__MAX] = {
		[AF_TYPE] = GK_AF__MAX, [AF_NAME] = GK_AF_NAME, [AF_IDNO] = GK_AF_IDNO,
		[AF_PHONE] = GK_AF_PHONE, [AF_EMAIL] = GK_AF_EMAIL, [AF_ADDRESS] = GK_AF_ADDRESS,
		[AF_REQUEST] = GK_AF_REQUEST, [AF_DOCNO] = GK_AF__MAX, [AF_PURPOSE] = GK_AF__MAX,
		[AF_DELIVERY] = GK_AF_DELIVERY,
	};

	return gk_apply_intake_field_ok(field >= 0 && field < AF__MAX ? map[field] : GK_AF__MAX,
	    v, ctx->cal, ctx->today, msg, len);
}

/* The request text stored: the description, then 文号 and 用途 when given. */
static char *
apply_request_text(const struct gk_web_req *req)
{
	struct gk_buf b;

	gk_buf_init(&b, 0);
	gk_buf_puts(&b, arg(req, "request"));
	if (!blank(arg(req, "docno"))) {
		gk_buf_puts(&b, "\n文号：");
		gk_buf_puts(&b, arg(req, "docno"));
	}
	if (!blank(arg(req, "purpose"))) {
		gk_buf_puts(&b, "\n用途：");
		gk_buf_puts(&b, arg(req, "purpose"));
	}
	if (b.err != GK_OK || b.data == NULL) {
		gk_buf_clear(&b);
		return NULL;
	}
	return gk_buf_take(&b, NULL);
}

/* Checks every field; returns how many are bad. general gets a form-wide problem. */
static int
apply_validate(const struct gk_web_ctx *ctx, const struct gk_web_req *req,
    char msgs[AF__MAX][MSG_LEN], char *general, size_t glen)
{
	enum apply_applicant	 t;
	const char		*v;
	size_t			 i;
	int			 f, bad = 0, known = 0;

	memset(msgs, 0, sizeof(char[AF__MAX][MSG_LEN]));
	general[0] = '\0';
	/* the store's rules for today: a calendar that covers this year */
	if (!apply_probe(ctx, -1, NULL, general, glen))
		return 1;
	v = arg(req, "type");
	if (!apply_applicant_from_name(v, &t) || strcmp(v, apply_applicant_name(t)) != 0)
		snprintf(msgs[AF_TYPE], MSG_LEN, "请选择申请人类型");
	for (f = AF_NAME; f <= AF_PURPOSE; f++) {
		v = arg(req, af_names[f]);
		if (!field_size_ok(&af_defs[f], v, msgs[f], MSG_LEN))
			continue;
		if (!blank(v) && f != AF_DOCNO && f != AF_PURPOSE &&
		    !apply_probe(ctx, f, v, msgs[f], MSG_LEN))
			continue;
	}
	if (msgs[AF_PHONE][0] == '\0' && msgs[AF_EMAIL][0] == '\0' &&
	    msgs[AF_ADDRESS][0] == '\0' && blank(arg(req, "phone")) &&
	    blank(arg(req, "email")) && blank(arg(req, "address")))
		snprintf(msgs[AF_PHONE], MSG_LEN, "联系电话、电子邮件、通信地址至少填写一项"
		    "（条例第二十九条）");
	v = arg(req, "delivery");
	for (i = 0; i < NDELIVERY; i++)
		known |= strcmp(v, delivery_opts[i]) == 0;
	if (!known)
		snprintf(msgs[AF_DELIVERY], MSG_LEN, "请选择获取信息的方式");
	else if (strcmp(v, "电子邮件") == 0 && blank(arg(req, "email")) &&
	    msgs[AF_EMAIL][0] == '\0')
		snprintf(msgs[AF_EMAIL], MSG_LEN, "选择以电子邮件获取信息时，请填写电子邮件");
	else if (strcmp(v, "纸质文本（邮寄）") == 0 && blank(arg(req, "address")) &&
	    msgs[AF_ADDRESS][0] == '\0')
		snprintf(msgs[AF_ADDRESS], MSG_LEN, "选择纸质文本邮寄时，请填写通信地址");
	for (f = 0; f < AF__MAX; f++)
		bad += msgs[f][0] != '\0';
	return bad;
}

static void
apply_form(struct gk_buf *b, int64_t agency_id, const struct gk_web_req *req, int posted,
    char msgs[AF__MAX][MSG_LEN], const char *general)
{
	const char	*tv[APPLY_AP__MAX], *tl[APPLY_AP__MAX];
	int		 i;

	for (i = 0; i < APPLY_AP__MAX; i++) {
		tv[i] = apply_applicant_name((enum apply_applicant)i);
		tl[i] = apply_applicant_label((enum apply_applicant)i);
	}
	gk_html_raw(b, "<h1>政府信息公开申请</h1>\n");
	if (posted)
		render_summary(b, af_names, msgs, AF__MAX, general);
	gk_html_raw(b, "<p>依据《中华人民共和国政府信息公开条例》第二十七条、第二十九条，"
	    "您可以在线向本机关申请获取政府信息。在线提交之日为收到申请之日（条例第三十一条），"
	    "本机关自收到申请之日起 20 个工作日内答复（条例第三十三条）。提交后您将获得查询码，"
	    "可凭查询码查看办理进度。</p>\n<p>标有 <span aria-hidden=\"true\">*</span>"
	    "“必填”的项目须填写；标有 † 的联系方式至少填写一项。</p>\n");
	gk_html(b, "<form class=\"gk-form\" method=\"post\" action=\"/apply/%lld\" "
	    "accept-charset=\"utf-8\">\n", (long long)agency_id);
	gk_html_raw(b, "<fieldset>\n<legend>申请人信息</legend>\n");
	render_radios(b, "type", "申请人类型", "按年度报告的分类选择", tv, tl, APPLY_AP__MAX,
	    arg(req, "type"), msgs[AF_TYPE]);
	for (i = AF_NAME; i <= AF_ADDRESS; i++)
		render_field(b, &af_defs[i], arg(req, af_names[i]), msgs[i]);
	gk_html_raw(b, "</fieldset>\n<fieldset>\n<legend>所需政府信息</legend>\n");
	for (i = AF_REQUEST; i <= AF_PURPOSE; i++)
		render_field(b, &af_defs[i], arg(req, af_names[i]), msgs[i]);
	gk_html_raw(b, "</fieldset>\n");
	render_radios(b, "delivery", "获取信息的方式", "本机关尽量按您选择的方式提供（条例第四十条）",
	    delivery_opts, delivery_opts, NDELIVERY, arg(req, "delivery"), msgs[AF_DELIVERY]);
	render_honeypot(b);
	gk_html_raw(b, "<p><button type=\"submit\">提交申请</button></p>\n</form>\n");
}

/* Groups a code in fours for reading: ABCD-EFGH-JKMN (the hyphens are ignored when typed). */
static void
code_groups(const char *code, char *out, size_t len)
{
	snprintf(out, len, "%.4s-%.4s-%.4s", code, code + 4, code + 8);
}

static enum gk_err
apply_done(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    int64_t agency_id, const char *code)
{
	struct gk_apply_public	 p;
	struct gk_crumb		 c[2] = { { "依申请公开", "" }, { "提交成功", "" } };
	char			 err[256], d[GK_DATE_LEN], grp[32], href[64];
	struct gk_buf		*b = &resp->body;

	snprintf(href, sizeof(href), "/apply/%lld", (long long)agency_id);
	c[0].href = href;
	gk_buf_clear(b);
	gk_page_begin(b, ctx, req, "申请已提交", agency_id, c, 2);
	code_groups(code, grp, sizeof(grp));
	gk_html_raw(b, "<h1>申请已提交</h1>\n<div class=\"notice\" role=\"status\">\n");
	gk_html(b, "<p>您的政府信息公开申请已收到。查询码：<strong class=\"code\">%s</strong></p>\n"
	    "<p>请妥善保存查询码，凭它查看办理进度；查询码不含您的个人信息，他人无法凭它看到"
	    "您的姓名或联系方式。</p>\n", grp);
	if (gk_apply_get_by_code(ctx->db, code, ctx->cal, ctx->today, &p, err,
	    sizeof(err)) == GK_OK) {
		gk_date_format(p.received, d);
		gk_html(b, "<p>收到申请之日：<time datetime=\"%s\">%s</time>（在线提交之日，"
		    "条例第三十一条）</p>\n", d, d);
		if (p.status.due != GK_DATE_NONE) {
			gk_date_format(p.status.due, d);
			gk_html(b, "<p>答复期限：<time datetime=\"%s\">%s</time> 前"
			    "（%d 个工作日内，条例第三十三条）</p>\n", d, d, 20);
		}
	}
	gk_html_raw(b, "</div>\n");
	gk_html_raw(b, "<p><a href=\"/track?code=");
	gk_html_url(b, code);
	gk_html_raw(b, "\">查看办理进度</a></p>\n");
	gk_page_end(b, ctx, req);
	return page_done(resp, 200);
}

static enum gk_err
apply_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    int64_t agency_id, char *err, size_t errlen)
{
	struct gk_apply_intake	 in;
	struct gk_crumb		 c = { "依申请公开", "" };
	char			 msgs[AF__MAX][MSG_LEN], general[512];
	char			 code[GK_APPLY_CODE_LEN + 1];
	char			*request = NULL;
	int			 posted = strcmp(req->method, "POST") == 0, status = 200, retry;
	enum gk_err		 e;

	memset(msgs, 0, sizeof(msgs));
	general[0] = '\0';
	if (posted) {
		if (!blank(gk_web_arg(req, FORMS_HONEYPOT))) {
			(void)submit_allowed(ctx, req, &retry);
			return honeypot_page(ctx, req, resp, agency_id);
		}
		if (apply_validate(ctx, req, msgs, general, sizeof(general)) == 0) {
			if (!submit_allowed(ctx, req, &retry)) {
				limit_message(general, sizeof(general), retry);
				status = 429;
				resp->retry_after = retry;
			} else if ((request = apply_request_text(req)) == NULL) {
				snprintf(err, errlen, "内存不足");
				return GK_ENOMEM;
			} else {
				memset(&in, 0, sizeof(in));
				in.channel = APPLY_CH_ONLINE;
				apply_applicant_from_name(arg(req, "type"), &in.type);
				in.name = arg(req, "name");
				in.idno = arg(req, "idno");
				in.phone = arg(req, "phone");
				in.email = arg(req, "email");
				in.address = arg(req, "address");
				in.request = request;
				in.delivery = arg(req, "delivery");
				in.received = ctx->today;
				e = gk_apply_new(ctx->db, "public", agency_id, &in, ctx->cal, ctx->now,
				    NULL, code, general, sizeof(general));
				gk_free(request);
				if (e == GK_OK)
					return apply_done(ctx, req, resp, agency_id, code);
				if (e != GK_EINVAL) {
					snprintf(err, errlen, "%s", general);
					return e;
				}
			}
		}
		if (status == 200)
			status = 400;
	}
	gk_buf_clear(&resp->body);
	gk_page_begin(&resp->body, ctx, req, posted ? "政府信息公开申请（请修改）" :
	    "政府信息公开申请", agency_id, &c, 1);
	apply_form(&resp->body, agency_id, req, posted, msgs, general);
	gk_page_end(&resp->body, ctx, req);
	return page_done(resp, status);
}

/* ---- /track ---- */

static void
track_form(struct gk_buf *b, const char *value, const char *msg)
{
	static const struct fdef f = { "code", "查询码",
	    "12 位字母或数字，提交申请后获得；不区分大小写，可含连字符", FK_TEXT, 1, 40, "off" };

	gk_html_raw(b, "<form class=\"gk-form\" method=\"get\" action=\"/track\">\n");
	render_field(b, &f, value, msg);
	gk_html_raw(b, "<p><button type=\"submit\">查询</button></p>\n</form>\n");
}

static enum gk_err
track_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct gk_apply_public	 p;
	struct gk_crumb		 c = { "申请查询", "" };
	struct gk_buf		*b = &resp->body;
	const char		*code = gk_web_arg(req, "code");
	const struct apply_status *s = &p.status;
	char			 norm[GK_APPLY_CODE_LEN + 1], msg[MSG_LEN], d[GK_DATE_LEN],
				 grp[32];
	int			 status = 200, retry;
	size_t			 i;
	enum gk_err		 e = GK_OK;

	memset(&p, 0, sizeof(p));
	msg[0] = '\0';
	gk_buf_clear(b);
	if (code != NULL && !blank(code)) {
		pthread_once(&rl_once, rl_init);
		if (!gk_ratelimit_take(&track_rl, req->client, now_seconds(ctx), &retry)) {
			snprintf(msg, sizeof(msg), "查询过于频繁：同一网络地址每 %d 分钟至多查询 %d 次，"
			    "请于 %d 分钟后再试。", FORMS_TRACK_WINDOW / 60, FORMS_TRACK_BURST,
			    (retry + 59) / 60);
			status = 429;
			resp->retry_after = retry;
		} else if (strlen(code) > 40 || !gk_apply_code_normalize(code, norm)) {
			snprintf(msg, sizeof(msg), "查询码格式不正确：应为 12 位字母或数字"
			    "（可含连字符，不区分大小写）");
			status = 400;
		} else {
			e = gk_apply_get_by_code(ctx->db, norm, ctx->cal, ctx->today, &p, err,
			    errlen);
			if (e == GK_ENOTFOUND) {
				snprintf(msg, sizeof(msg), "没有找到查询码为 %s 的申请，请核对后重试", norm);
				status = 404;
			} else if (e != GK_OK && p.code[0] == '\0')
				return e;
		}
	}
	gk_page_begin(b, ctx, req, "政府信息公开申请查询", status == 200 ? p.agency_id : 0, &c, 1);
	gk_html_raw(b, "<h1>政府信息公开申请查询</h1>\n");
	if (status != 200 || p.code[0] == '\0') {
		if (msg[0] != '\0')
			gk_html(b, "<div class=\"notice\" role=\"alert\"><p>%s</p></div>\n", msg);
		track_form(b, code != NULL && strlen(code) <= 40 ? code : "", msg);
		gk_page_end(b, ctx, req);
		return page_done(resp, status);
	}
	code_groups(p.code, grp, sizeof(grp));
	gk_html(b, "<table class=\"meta\">\n<caption>查询码 %s</caption>\n", grp);
	gk_html(b, "<tr><th scope=\"row\">受理机关</th><td>%s</td></tr>\n", p.agency);
	gk_html(b, "<tr><th scope=\"row\">申请方式</th><td>%s</td></tr>\n",
	    apply_channel_label(p.channel));
	gk_date_format(p.received, d);
	gk_html(b, "<tr><th scope=\"row\">收到申请之日</th><td>%s</td></tr>\n", d);
	gk_html(b, "<tr><th scope=\"row\">办理状态</th><td>%s</td></tr>\n",
	    apply_phase_label(s->phase));
	if (e != GK_OK) {
		gk_html_raw(b, "<tr><th scope=\"row\">答复期限</th><td>暂无法计算，请联系受理机关"
		    "</td></tr>\n");
	} else if (s->phase == APPLY_PH_CLOSED) {
		gk_date_format(s->closed, d);
		gk_html(b, "<tr><th scope=\"row\">办理结果</th><td>%s</td></tr>\n",
		    apply_outcomes[s->outcome].label);
		gk_html(b, "<tr><th scope=\"row\">答复日期</th><td>%s</td></tr>\n", d);
	} else {
		if (s->phase == APPLY_PH_CORRECTING && s->correct_until != GK_DATE_NONE) {
			gk_date_format(s->correct_until, d);
			gk_html(b, "<tr><th scope=\"row\">补正期限</th><td>%s（补正后重新计算答复期限，"
			    "条例第三十条）</td></tr>\n", d);
		} else if (s->due != GK_DATE_NONE) {
			gk_date_format(s->due, d);
			gk_html(b, "<tr><th scope=\"row\">答复期限</th><td>%s</td></tr>\n", d);
			if (s->days_left >= 0)
				gk_html(b, "<tr><th scope=\"row\">剩余时间</th><td>%ld 个工作日</td></tr>\n",
				    s->days_left);
			else
				gk_html(b, "<tr><th scope=\"row\">剩余时间</th><td>已超过答复期限 %ld "
				    "个工作日</td></tr>\n", -s->days_left);
		}
		if (s->phase == APPLY_PH_FEE && s->pay_until != GK_DATE_NONE) {
			gk_date_format(s->pay_until, d);
			gk_html(b, "<tr><th scope=\"row\">缴费期限</th><td>%s</td></tr>\n", d);
		}
	}
	gk_html_raw(b, "</table>\n<table>\n<caption>办理过程</caption>\n"
	    "<thead><tr><th scope=\"col\">日期</th><th scope=\"col\">环节</th></tr></thead>\n"
	    "<tbody>\n");
	for (i = 0; i < p.nevents; i++) {
		gk_date_format(p.dates[i], d);
		gk_html(b, "<tr><td>%s</td><td>%s</td></tr>\n", d, apply_ev_label(p.kinds[i]));
	}
	gk_html_raw(b, "</tbody>\n</table>\n<h2>查询其他申请</h2>\n");
	track_form(b, "", NULL);
	gk_page_end(b, ctx, req);
	return page_done(resp, 200);
}

/* ---- /consult/{id} ---- */

static const char *const cf_names[GK_CF__MAX] = { "name", "phone", "email", "title", "question" };

static const struct fdef cf_defs[GK_CF__MAX] = {
	[GK_CF_NAME] = { "name", "姓名", "不公开", FK_TEXT, 1, GK_CONSULT_NAME_MAX, "name" },
	[GK_CF_PHONE] = { "phone", "联系电话", "不公开；与电子邮件至少填写一项", FK_TEL, 2,
	    GK_CONSULT_CONTACT_MAX, "tel" },
	[GK_CF_EMAIL] = { "email", "电子邮件", "不公开", FK_EMAIL, 2, GK_CONSULT_CONTACT_MAX,
	    "email" },
	[GK_CF_TITLE] = { "title", "标题", "至多 100 个字", FK_TEXT, 1, GK_CONSULT_TITLE_MAX,
	    "off" },
	[GK_CF_QUESTION] = { "question", "留言内容",
	    "至多 5000 个字；请勿填写身份证号等个人信息，留言经审核后连同答复公开",
	    FK_AREA, 1, GK_CONSULT_QUESTION_MAX, NULL },
};

/* The published questions with their answers, page by page. */
static enum gk_err
consult_list(struct gk_web_ctx *ctx, struct gk_buf *b, int64_t agency_id, long page,
    char *err, size_t errlen)
{
	struct gk_consult_public_list	 l;
	char				 d1[GK_DATE_LEN], d2[GK_DATE_LEN];
	size_t				 i, pages;
	long				 k;
	enum gk_err			 e;

	if ((e = gk_consult_public_list(ctx->db, agency_id, ctx->cal, FORMS_PER_PAGE,
	    (size_t)(page - 1) * FORMS_PER_PAGE, &l, err, errlen)) != GK_OK)
		return e;
	gk_html(b, "<section aria-labelledby=\"answered\">\n<h2 id=\"answered\">已公开的留言"
	    "（共 %zu 条）</h2>\n", l.total);
	if (l.n == 0)
		gk_html_raw(b, "<p>暂无已公开的留言。</p>\n");
	for (i = 0; i < l.n; i++) {
		const struct gk_consult_public *p = &l.v[i];

		gk_date_format(p->asked, d1);
		gk_date_format(p->answered, d2);
		gk_html(b, "<article class=\"consult\" id=\"c%lld\">\n<h3>%s</h3>\n"
		    "<p class=\"meta\">留言日期：<time datetime=\"%s\">%s</time>　"
		    "答复日期：<time datetime=\"%s\">%s</time>", (long long)p->id, p->title,
		    d1, d1, d2, d2);
		if (p->workdays >= 0)
			gk_html(b, "　用时 %ld 个工作日", p->workdays);
		gk_html(b, "</p>\n<h4>留言</h4>\n<div class=\"body pre\">%s</div>\n"
		    "<h4>答复</h4>\n<div class=\"body pre\">%s</div>\n</article>\n",
		    p->question, p->answer);
	}
	pages = (l.total + FORMS_PER_PAGE - 1) / FORMS_PER_PAGE;
	if (pages > 1) {
		gk_html_raw(b, "<nav class=\"pager\" aria-label=\"分页\">\n");
		for (k = 1; k <= (long)pages; k++) {
			if (k == page)
				gk_html(b, "<span aria-current=\"page\">%ld</span>\n", k);
			else
				gk_html(b, "<a href=\"/consult/%lld?page=%ld\">%ld</a>\n",
				    (long long)agency_id, k, k);
		}
		gk_html_raw(b, "</nav>\n");
	}
	gk_html_raw(b, "</section>\n");
	gk_consult_public_list_free(&l);
	return GK_OK;
}

static void
consult_form(struct gk_buf *b, int64_t agency_id, const struct gk_web_req *req, int posted,
    char msgs[GK_CF__MAX][MSG_LEN], const char *general)
{
	int i;

	gk_html_raw(b, "<section aria-labelledby=\"ask\">\n<h2 id=\"ask\">我要留言</h2>\n");
	if (posted)
		render_summary(b, cf_names, msgs, GK_CF__MAX, general);
	gk_html_raw(b, "<p>留言经审核后，连同答复一并公开；姓名、电话和电子邮件不公开。"
	    "申请获取政府信息请使用<a href=\"");
	gk_html(b, "/apply/%lld", (long long)agency_id);
	gk_html_raw(b, "\">依申请公开</a>。</p>\n");
	gk_html(b, "<form class=\"gk-form\" method=\"post\" action=\"/consult/%lld\" "
	    "accept-charset=\"utf-8\">\n", (long long)agency_id);
	for (i = 0; i < GK_CF__MAX; i++)
		render_field(b, &cf_defs[i], arg(req, cf_names[i]), msgs[i]);
	render_honeypot(b);
	gk_html_raw(b, "<p><button type=\"submit\">提交留言</button></p>\n</form>\n</section>\n");
}

static enum gk_err
consult_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    int64_t agency_id, char *err, size_t errlen)
{
	struct gk_consult_intake in;
	struct gk_crumb		 c[2] = { { "留言咨询", "" }, { "提交成功", "" } };
	struct gk_buf		*b = &resp->body;
	char			 cmsg[GK_CF__MAX][GK_CONSULT_MSG_LEN], msgs[GK_CF__MAX][MSG_LEN];
	char			 general[512], code[GK_CONSULT_CODE_LEN + 1], grp[32], href[64];
	const char		*pv = gk_web_arg(req, "page");
	long long		 page = 1;
	int			 posted = strcmp(req->method, "POST") == 0, status = 200, retry, i,
				 bad = 0;
	enum gk_err		 e;

	memset(msgs, 0, sizeof(msgs));
	general[0] = '\0';
	if (pv != NULL) {
		char *end;

		page = strtoll(pv, &end, 10);
		if (pv[0] < '1' || pv[0] > '9' || *end != '\0' || page > FORMS_PAGE_MAX)
			return gk_page_error(resp, ctx, req, 400, "页码须为正整数");
	}
	if (posted) {
		if (!blank(gk_web_arg(req, FORMS_HONEYPOT))) {
			(void)submit_allowed(ctx, req, &retry);
			return honeypot_page(ctx, req, resp, agency_id);
		}
		in.name = arg(req, "name");
		in.phone = arg(req, "phone");
		in.email = arg(req, "email");
		in.title = arg(req, "title");
		in.question = arg(req, "question");
		if (gk_consult_check(&in, cmsg) != GK_OK) {
			for (i = 0; i < GK_CF__MAX; i++) {
				gk_strlcpy_utf8(msgs[i], cmsg[i], MSG_LEN);
				bad += msgs[i][0] != '\0';
			}
		}
		if (bad == 0 && !submit_allowed(ctx, req, &retry)) {
			limit_message(general, sizeof(general), retry);
			status = 429;
			resp->retry_after = retry;
		} else if (bad == 0) {
			e = gk_consult_new(ctx->db, "public", agency_id, &in, ctx->now, NULL, code,
			    general, sizeof(general));
			if (e != GK_OK && e != GK_EINVAL) {
				snprintf(err, errlen, "%s", general);
				return e;
			}
			if (e == GK_OK) {
				snprintf(href, sizeof(href), "/consult/%lld", (long long)agency_id);
				c[0].href = href;
				gk_buf_clear(b);
				gk_page_begin(b, ctx, req, "留言已提交", agency_id, c, 2);
				code_groups(code, grp, sizeof(grp));
				gk_html(b, "<h1>留言已提交</h1>\n<div class=\"notice\" role=\"status\">\n"
				    "<p>已提交，经审核后公开。留言编号：<strong class=\"code\">%s</strong>"
				    "</p>\n<p>答复后，留言连同答复将在本栏目公开；您的姓名和联系方式不公开。"
				    "</p>\n</div>\n", grp);
				gk_html(b, "<p><a href=\"%s\">返回留言咨询</a></p>\n", href);
				gk_page_end(b, ctx, req);
				return page_done(resp, 200);
			}
		}
		if (status == 200)
			status = 400;
	}
	gk_buf_clear(b);
	gk_page_begin(b, ctx, req, "留言咨询", agency_id, c, 1);
	gk_html_raw(b, "<h1>留言咨询</h1>\n");
	if (!posted && (e = consult_list(ctx, b, agency_id, (long)page, err, errlen)) != GK_OK)
		return e;
	consult_form(b, agency_id, req, posted, msgs, general);
	if (posted)
		gk_html(b, "<p><a href=\"/consult/%lld\">查看已公开的留言</a></p>\n",
		    (long long)agency_id);
	gk_page_end(b, ctx, req);
	return page_done(resp, status);
}

/* ---- routing ---- */

enum gk_err
gk_forms_handle(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct gk_agency	 ag;
	char			 e2[256];
	int64_t			 id;
	int			 is_apply;
	enum gk_err		 e;

	if (strcmp(req->path, "/track") == 0)
		return track_page(ctx, req, resp, err, errlen);
	is_apply = strncmp(req->path, "/apply/", 7) == 0;
	if (!is_apply && strncmp(req->path, "/consult/", 9) != 0)
		return GK_ENOTFOUND;
	if (!path_id(req->path, is_apply ? "/apply/" : "/consult/", &id))
		return gk_page_error(resp, ctx, req, 404, "页面不存在：请从机构的政府信息公开专栏进入");
	memset(&ag, 0, sizeof(ag));
	if ((e = gk_agency_get(ctx->db, id, &ag, e2, sizeof(e2))) != GK_OK) {
		if (e == GK_ENOTFOUND)
			return gk_page_error(resp, ctx, req, 404, "该机构不存在");
		snprintf(err, errlen, "%s", e2);
		return e;
	}
	gk_agency_clear(&ag);
	return is_apply ? apply_page(ctx, req, resp, id, err, errlen) :
	    consult_page(ctx, req, resp, id, err, errlen);
}
