/*
 * subscribe.c — the public pages of targeted push (精准推送, docs/push.md):
 *
 *   GET  /subscribe                 the agencies to choose from
 *   GET  /subscribe?agency=ID       the form: e-mail, 栏目 (checkboxes of the
 *                                   agency's categories), 主题分类, 关键词
 *   POST /subscribe                 checks every field (400 with the messages
 *                                   next to the fields, nothing stored), or
 *                                   queues the confirmation e-mail and says
 *                                   "请查收确认邮件"
 *   GET  /subscribe/confirm?token=  a page with one button (mail scanners
 *                                   that follow links confirm nothing)
 *   POST /subscribe/confirm         confirms
 *   GET  /unsubscribe?token=        a page with one button
 *   POST /unsubscribe?token=        unsubscribes: the button, and the RFC
 *                                   8058 one-click POST a mail client sends
 *                                   (body List-Unsubscribe=One-Click)
 *
 * Abuse limits as the other public forms (forms.c): a per-address token
 * bucket (5 requests per 10 minutes), a honeypot field, a size limit on
 * every field; and per e-mail address, GK_SUB_PER_EMAIL requests a day
 * (the store). Nothing here is cacheable.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "channels/push.h"
#include "core/date.h"
#include "store/agency.h"
#include "store/category.h"
#include "store/consultation.h"
#include "store/subscription.h"
#include "web/html.h"
#include "web/page.h"
#include "web/ratelimit.h"
#include "web/subscribe.h"

#define SUB_BURST	5
#define SUB_WINDOW	600
#define SUB_HONEYPOT	"website"
#define SUB_TEXT_MAX	300	/* characters of the topics and keywords fields */

static struct gk_ratelimit	sub_rl;
static pthread_once_t		sub_once = PTHREAD_ONCE_INIT;

static void
sub_rl_init(void)
{
	gk_ratelimit_init(&sub_rl, SUB_BURST, SUB_WINDOW);
}

void
gk_subscribe_reset_limits(void)
{
	pthread_once(&sub_once, sub_rl_init);
	gk_ratelimit_reset(&sub_rl);
}

static int
take(const struct gk_web_ctx *ctx, const struct gk_web_req *req, int *retry)
{
	int64_t t = 0;

	pthread_once(&sub_once, sub_rl_init);
	/* ctx->now is RFC 3339; the store's clock arithmetic gives its seconds */
	{
		char	 x[40];
		int32_t	 d;
		int	 h, m, s;

		if (gk_push_time_add(ctx->now, 0, x) && gk_date_parse(x, 10, &d) == GK_OK &&
		    sscanf(x + 11, "%2d:%2d:%2d", &h, &m, &s) == 3)
			t = (int64_t)d * 86400 + h * 3600 + m * 60 + s;
		else
			t = (int64_t)time(NULL);
	}
	return gk_ratelimit_take(&sub_rl, req->client, t, retry);
}

static enum gk_err
done(struct gk_web_resp *resp, int status)
{
	resp->status = status;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	return resp->body.err;
}

static const char *
argv_(const struct gk_web_req *req, const char *name)
{
	const char *v = gk_web_arg(req, name);

	return v != NULL ? v : "";
}

/* A positive id of at most 15 digits; 0 otherwise. */
static int64_t
parse_id(const char *s)
{
	int64_t	v = 0;
	int	n = 0;

	if (s == NULL || *s < '1' || *s > '9')
		return 0;
	for (; *s >= '0' && *s <= '9' && n < 15; s++, n++)
		v = v * 10 + (*s - '0');
	return *s == '\0' ? v : 0;
}

/* ---- the form ---- */

static const char *const sf_names[GK_SF__MAX] = { "email", "category", "topics", "keywords" };

static void
error_line(struct gk_buf *b, const char *name, const char *msg)
{
	if (msg != NULL && msg[0] != '\0')
		gk_html(b, "<p class=\"field-error\" id=\"f-%s-err\"><strong>错误：</strong>%s</p>\n",
		    name, msg);
}

/* One text input with label, hint and message. */
static void
text_input(struct gk_buf *b, const char *name, const char *label, const char *hint,
    const char *type, int required, long max, const char *value, const char *msg)
{
	int bad = msg != NULL && msg[0] != '\0';

	gk_html(b, "<div class=\"field%s\">\n<label for=\"f-%s\">%s%s</label>\n",
	    bad ? " invalid" : "", name, label, required ? "（必填）" : "");
	gk_html(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n", name, hint);
	gk_html(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" size=\"40\" maxlength=\"%ld\""
	    " value=\"%s\" aria-describedby=\"f-%s-hint%s%s%s\"%s%s>\n", name, name, type, max,
	    value, name, bad ? " f-" : "", bad ? name : "", bad ? "-err" : "",
	    required ? " required" : "", bad ? " aria-invalid=\"true\"" : "");
	error_line(b, name, msg);
	gk_html_raw(b, "</div>\n");
}

static int
checked(const struct gk_web_req *req, int64_t id)
{
	size_t i;

	for (i = 0; i < req->nargs; i++)
		if (strcmp(req->args[i].name, "category") == 0 && parse_id(req->args[i].value) == id)
			return 1;
	return 0;
}

static enum gk_err
form(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_buf *b, int64_t agency,
    const char *agency_name, int posted, char msgs[GK_SF__MAX][GK_SUB_MSG_LEN],
    const char *general, char *err, size_t errlen)
{
	struct gk_category_list	 cl;
	size_t			 i, bad = 0;
	enum gk_err		 e;

	if ((e = gk_category_list(ctx->db, agency, &cl, err, errlen)) != GK_OK)
		return e;
	gk_html(b, "<h1>订阅政府信息推送</h1>\n<p>订阅%s主动公开的政府信息：所选栏目、主题分类或关键词"
	    "有新发布的信息时，我们向您的电子邮箱发送一封摘要邮件（标题、发布日期和链接）。"
	    "不选任何栏目、不填主题和关键词，即订阅该机构的全部新信息。</p>\n", agency_name);
	for (i = 0; i < GK_SF__MAX; i++)
		bad += msgs[i][0] != '\0';
	if (posted && (bad > 0 || (general != NULL && general[0] != '\0'))) {
		gk_html_raw(b, "<div class=\"notice error-summary\" role=\"alert\" id=\"errors\">\n"
		    "<h2>提交未成功</h2>\n");
		if (general != NULL && general[0] != '\0')
			gk_html(b, "<p>%s</p>\n", general);
		if (bad > 0) {
			gk_html(b, "<p>请修改以下 %zu 处后重新提交：</p>\n<ul>\n", bad);
			for (i = 0; i < GK_SF__MAX; i++)
				if (msgs[i][0] != '\0')
					gk_html(b, "<li><a href=\"#f-%s\">%s</a></li>\n", sf_names[i],
					    msgs[i]);
			gk_html_raw(b, "</ul>\n");
		}
		gk_html_raw(b, "</div>\n");
	}
	gk_html(b, "<form class=\"gk-form\" method=\"post\" action=\"/subscribe\" "
	    "accept-charset=\"utf-8\">\n<input type=\"hidden\" name=\"agency\" value=\"%lld\">\n",
	    (long long)agency);
	text_input(b, "email", "电子邮件", "确认邮件和摘要邮件发往此地址；订阅须经您确认后生效",
	    "email", 1, GK_SUB_EMAIL_MAX, posted ? argv_(req, "email") : "", msgs[GK_SF_EMAIL]);
	gk_html(b, "<fieldset class=\"field%s\" id=\"f-category\">\n<legend>栏目</legend>\n"
	    "<p class=\"hint\">可多选；选中某栏目即包括其下级栏目</p>\n",
	    msgs[GK_SF_CATEGORIES][0] != '\0' ? " invalid" : "");
	error_line(b, "category", msgs[GK_SF_CATEGORIES]);
	for (i = 0; i < cl.n; i++)
		gk_html(b, "<label class=\"choice\"><input type=\"checkbox\" name=\"category\""
		    " value=\"%lld\"%s> %s</label><br>\n", (long long)cl.v[i].id,
		    posted && checked(req, cl.v[i].id) ? " checked" : "", cl.v[i].path);
	gk_html_raw(b, "</fieldset>\n");
	text_input(b, "topics", "主题分类", "选填；与信息的主题分类相同即推送，多个以逗号或空格分隔",
	    "text", 0, SUB_TEXT_MAX, posted ? argv_(req, "topics") : "", msgs[GK_SF_TOPICS]);
	text_input(b, "keywords", "关键词", "选填；标题、关键词或正文含其中之一即推送，"
	    "多个以逗号、顿号或空格分隔，至多 20 个", "text", 0, SUB_TEXT_MAX,
	    posted ? argv_(req, "keywords") : "", msgs[GK_SF_KEYWORDS]);
	gk_html_raw(b, "<div class=\"skip hp\" aria-hidden=\"true\"><label for=\"f-" SUB_HONEYPOT
	    "\">请勿填写此项</label> <input id=\"f-" SUB_HONEYPOT "\" name=\"" SUB_HONEYPOT
	    "\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\" value=\"\"></div>\n"
	    "<p><button type=\"submit\">订阅</button></p>\n</form>\n"
	    "<p>每封邮件都附有退订链接，一键即可退订。</p>\n");
	gk_category_list_free(&cl);
	return GK_OK;
}

/* The list of agencies, when /subscribe has none. */
static enum gk_err
choose(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct gk_agency_list	 l;
	struct gk_crumb		 c = { "订阅推送", "" };
	size_t			 i;
	enum gk_err		 e;

	if ((e = gk_agency_list(ctx->db, &l, err, errlen)) != GK_OK)
		return e;
	gk_buf_clear(&resp->body);
	gk_page_begin(&resp->body, ctx, req, "订阅政府信息推送", 0, &c, 1);
	gk_html_raw(&resp->body, "<h1>订阅政府信息推送</h1>\n<p>请选择机构：</p>\n<ul>\n");
	for (i = 0; i < l.n; i++)
		gk_html(&resp->body, "<li><a href=\"/subscribe?agency=%lld\">%s</a></li>\n",
		    (long long)l.v[i].id, l.v[i].name);
	gk_html_raw(&resp->body, "</ul>\n");
	gk_agency_list_free(&l);
	gk_page_end(&resp->body, ctx, req);
	return done(resp, 200);
}

/* The request from the form's fields (cats: room for GK_SUB_CATS_MAX + 1). */
static int
collect(const struct gk_web_req *req, struct gk_sub_request *r, int64_t *cats,
    char msgs[GK_SF__MAX][GK_SUB_MSG_LEN])
{
	size_t	i;
	int	bad = 0;

	r->ncategories = 0;
	r->categories = cats;
	for (i = 0; i < req->nargs; i++) {
		int64_t id;

		if (strcmp(req->args[i].name, "category") != 0)
			continue;
		if ((id = parse_id(req->args[i].value)) == 0) {
			snprintf(msgs[GK_SF_CATEGORIES], GK_SUB_MSG_LEN, "栏目无效");
			bad = 1;
			continue;
		}
		if (r->ncategories > GK_SUB_CATS_MAX) {
			snprintf(msgs[GK_SF_CATEGORIES], GK_SUB_MSG_LEN, "至多选择 %d 个栏目",
			    GK_SUB_CATS_MAX);
			bad = 1;
			break;
		}
		cats[r->ncategories++] = id;
	}
	r->email = argv_(req, "email");
	r->topics = argv_(req, "topics");
	r->keywords = argv_(req, "keywords");
	if (gk_consult_text_chars(r->topics, 0) > SUB_TEXT_MAX)
		snprintf(msgs[GK_SF_TOPICS], GK_SUB_MSG_LEN, "主题分类至多 %d 个字符", SUB_TEXT_MAX);
	if (gk_consult_text_chars(r->keywords, 0) > SUB_TEXT_MAX)
		snprintf(msgs[GK_SF_KEYWORDS], GK_SUB_MSG_LEN, "关键词至多 %d 个字符", SUB_TEXT_MAX);
	for (i = 0; i < GK_SF__MAX; i++)
		bad |= msgs[i][0] != '\0';
	return !bad;
}

static enum gk_err
subscribe_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    char *err, size_t errlen)
{
	struct gk_agency	 ag;
	struct gk_sub_request	 r;
	struct gk_crumb		 c = { "订阅推送", "" };
	char			 msgs[GK_SF__MAX][GK_SUB_MSG_LEN], m2[GK_SF__MAX][GK_SUB_MSG_LEN],
				 general[512], e2[256];
	int64_t			 cats[GK_SUB_CATS_MAX + 1], agency;
	int			 posted = strcmp(req->method, "POST") == 0, status = 200, retry, i;
	enum gk_err		 e;

	memset(msgs, 0, sizeof(msgs));
	general[0] = '\0';
	if (!posted && gk_web_arg(req, "agency") == NULL)
		return choose(ctx, req, resp, err, errlen);
	if ((agency = parse_id(gk_web_arg(req, "agency"))) == 0)
		return gk_page_error(resp, ctx, req, posted ? 400 : 404,
		    "机构无效：请从机构的政府信息公开专栏进入订阅");
	memset(&ag, 0, sizeof(ag));
	if ((e = gk_agency_get(ctx->db, agency, &ag, e2, sizeof(e2))) != GK_OK) {
		if (e == GK_ENOTFOUND)
			return gk_page_error(resp, ctx, req, 404, "该机构不存在");
		snprintf(err, errlen, "%s", e2);
		return e;
	}
	if (posted) {
		memset(&r, 0, sizeof(r));
		r.agency_id = agency;
		if (gk_web_arg(req, SUB_HONEYPOT) != NULL && argv_(req, SUB_HONEYPOT)[0] != '\0') {
			(void)take(ctx, req, &retry);
			gk_agency_clear(&ag);
			gk_buf_clear(&resp->body);
			gk_page_begin(&resp->body, ctx, req, "请查收确认邮件", 0, &c, 1);
			gk_html_raw(&resp->body, "<h1>请查收确认邮件</h1>\n<p>确认邮件已发出。</p>\n");
			gk_page_end(&resp->body, ctx, req);
			return done(resp, 200);
		}
		(void)collect(req, &r, cats, msgs);
		if ((e = gk_sub_check(ctx->db, &r, m2, general, sizeof(general))) != GK_OK) {
			if (e != GK_EINVAL) {
				gk_agency_clear(&ag);
				snprintf(err, errlen, "%s", general);
				return e;
			}
			for (i = 0; i < GK_SF__MAX; i++)
				if (msgs[i][0] == '\0')
					memcpy(msgs[i], m2[i], sizeof(msgs[i]));
			general[0] = '\0';
		}
		for (i = 0; i < GK_SF__MAX && msgs[i][0] == '\0'; i++)
			;
		if (i == GK_SF__MAX) {
			if (!take(ctx, req, &retry)) {
				snprintf(general, sizeof(general), "提交过于频繁：同一网络地址每 %d 分钟至多"
				    "提交 %d 次，请于 %d 分钟后再试。", SUB_WINDOW / 60, SUB_BURST,
				    (retry + 59) / 60);
				resp->retry_after = retry;
				status = 429;
			} else {
				e = gk_push_subscribe(ctx->db, ctx->site, "public", &r, ctx->now, NULL,
				    general, sizeof(general));
				if (e == GK_OK) {
					gk_buf_clear(&resp->body);
					gk_page_begin(&resp->body, ctx, req, "请查收确认邮件", agency, &c, 1);
					gk_html(&resp->body, "<h1>请查收确认邮件</h1>\n<div class=\"notice\""
					    " role=\"status\">\n<p>我们已向 %s 发送一封确认邮件。请打开邮件中的"
					    "链接确认订阅；确认之前，我们不会向该地址发送其他任何邮件。</p>\n"
					    "<p>链接 %d 天内有效。没有收到？请查看垃圾邮件文件夹。</p>\n</div>\n",
					    r.email, GK_SUB_CONFIRM_DAYS);
					gk_page_end(&resp->body, ctx, req);
					gk_agency_clear(&ag);
					return done(resp, 200);
				}
				if (e == GK_ELIMIT) {
					status = 429;
				} else if (e == GK_ECONFLICT) {
					snprintf(general, sizeof(general), "本平台暂未开通邮件推送，请稍后再试");
					status = 503;
				} else if (e != GK_EINVAL) {
					gk_agency_clear(&ag);
					snprintf(err, errlen, "%s", general);
					return e;
				}
			}
		}
		if (status == 200)
			status = 400;
	}
	gk_buf_clear(&resp->body);
	gk_page_begin(&resp->body, ctx, req, posted ? "订阅政府信息推送（请修改）" :
	    "订阅政府信息推送", agency, &c, 1);
	e = form(ctx, req, &resp->body, agency, ag.name, posted, msgs, general, err, errlen);
	gk_agency_clear(&ag);
	if (e != GK_OK)
		return e;
	gk_page_end(&resp->body, ctx, req);
	return done(resp, status);
}

/* ---- confirm, unsubscribe ---- */

static enum gk_err
simple(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    int status, const char *title, const char *text)
{
	struct gk_crumb c = { "订阅推送", "" };

	gk_buf_clear(&resp->body);
	gk_page_begin(&resp->body, ctx, req, title, 0, &c, 1);
	gk_html(&resp->body, "<h1>%s</h1>\n<div class=\"notice\" role=\"status\"><p>%s</p></div>\n",
	    title, text);
	gk_page_end(&resp->body, ctx, req);
	return done(resp, status);
}

/* The page with one button that POSTs the token back to action. */
static enum gk_err
button_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    const char *title, const char *text, const char *action, const char *label,
    const char *token)
{
	struct gk_crumb c = { "订阅推送", "" };

	gk_buf_clear(&resp->body);
	gk_page_begin(&resp->body, ctx, req, title, 0, &c, 1);
	gk_html(&resp->body, "<h1>%s</h1>\n<p>%s</p>\n<form method=\"post\" action=\"%s?token=",
	    title, text, action);
	gk_html_url(&resp->body, token);
	gk_html(&resp->body, "\">\n<p><button type=\"submit\">%s</button></p>\n</form>\n", label);
	gk_page_end(&resp->body, ctx, req);
	return done(resp, 200);
}

/* What differs between the two token pages. */
struct token_page {
	const char	*action;	/* the form's path */
	const char	*title, *text, *button;	/* the GET page */
	const char	*bad;		/* 400: a malformed token */
	const char	*gone_title, *gone;	/* 404 */
	const char	*done_title, *done, *again;	/* 200 */
};

static const struct token_page confirm_tp = {
	"/subscribe/confirm", "确认订阅", "点击下面的按钮，确认以本邮箱订阅政府信息推送。", "确认订阅",
	"确认链接不完整或有误，请从确认邮件中完整复制链接后重试。",
	"链接无效或已过期", "确认链接无效、已过期或已退订，请重新订阅。",
	"订阅已确认", "订阅已生效：有符合条件的新信息发布时，我们将向您发送摘要邮件。每封邮件都附有"
	"退订链接。", "该订阅此前已确认，无需重复操作。",
};

static const struct token_page unsub_tp = {
	"/unsubscribe", "退订", "点击下面的按钮，退订政府信息推送；退订后不再向本邮箱发送任何推送"
	"邮件。", "退订",
	"退订链接不完整或有误，请从邮件中完整复制链接后重试。",
	"链接无效", "退订链接无效，请从推送邮件中完整复制链接。",
	"已退订", "已退订：不再向本邮箱发送推送邮件。", "该订阅此前已退订。",
};

/*
 * GET: the page with one button; POST: the step (confirm or unsubscribe;
 * the RFC 8058 one-click POST of a mail client lands here too).
 */
static enum gk_err
token_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, struct gk_web_resp *resp,
    const struct token_page *tp, char *err, size_t errlen)
{
	const char	*tok = gk_web_arg(req, "token");
	char		 sha[65], msg[256];
	int		 already;
	enum gk_err	 e;

	if (!gk_push_token_hash(tok, sha))
		return simple(ctx, req, resp, 400, "链接无效", tp->bad);
	if (strcmp(req->method, "POST") != 0)
		return button_page(ctx, req, resp, tp->title, tp->text, tp->action, tp->button, tok);
	if (tp == &confirm_tp)
		e = gk_sub_confirm(ctx->db, "public", sha, ctx->now, &already, NULL, msg,
		    sizeof(msg));
	else
		e = gk_sub_unsubscribe(ctx->db, "public", sha, ctx->now, &already, msg,
		    sizeof(msg));
	if (e == GK_ENOTFOUND)
		return simple(ctx, req, resp, 404, tp->gone_title, tp->gone);
	if (e != GK_OK) {
		snprintf(err, errlen, "%s", msg);
		return e;
	}
	return simple(ctx, req, resp, 200, tp->done_title, already ? tp->again : tp->done);
}

enum gk_err
gk_subscribe_handle(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    struct gk_web_resp *resp, char *err, size_t errlen)
{
	if (strcmp(req->path, "/subscribe") == 0)
		return subscribe_page(ctx, req, resp, err, errlen);
	if (strcmp(req->path, "/subscribe/confirm") == 0)
		return token_page(ctx, req, resp, &confirm_tp, err, errlen);
	if (strcmp(req->path, "/unsubscribe") == 0)
		return token_page(ctx, req, resp, &unsub_tp, err, errlen);
	return GK_ENOTFOUND;
}
