/*
 * admin_items.c — the back office's items (docs/admin-items.md): the list
 * with its filters, the editor (metadata with the category tree, the
 * Markdown body with a server-side preview, the confidentiality findings
 * next to the body with one-click masking, attachments), the review
 * screens of 分管领导 and 主要领导 (合法性、准确性、保密性 and
 * return-with-comment), and the officer's publish, withdraw and validity
 * change.
 *
 *   GET  /admin/items                     list (?state= &cat= &mine=1 &page=)
 *   GET  /admin/items/new                 the empty editor (drafters)
 *   POST /admin/items/new                 op=save | preview | mask:FIELD:OFFSET | mask:all
 *   GET  /admin/items/{id}                the item: editor (its drafter, draft) or view,
 *                                         findings, attachments, trail, actions
 *   POST /admin/items/{id}                the editor's ops, as for new
 *   POST /admin/items/{id}/act            action=submit|review|approve|return|publish|
 *                                         withdraw|change_validity
 *   POST /admin/items/{id}/attachments    upload (multipart/form-data, field "file")
 *   GET  /admin/items/{id}/attachments/{aid}          download
 *   POST /admin/items/{id}/attachments/{aid}/delete   detach
 *
 * Every change goes through the store (gk_item_create, gk_item_edit,
 * gk_item_act, gk_attachment_add/remove) with the signed-in user's login
 * as the actor, so the store's role, state and separation-of-duties rules
 * apply and its refusal is shown as a 409 page with its message. An item
 * of another agency is a 404 (the 政务公开办 reads its government's
 * agencies' items, and acts on none).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/category.h"
#include "core/date.h"
#include "core/item.h"
#include "core/mask.h"
#include "core/scan.h"
#include "core/sniff.h"
#include "core/workflow.h"
#include "store/agency.h"
#include "store/attachment.h"
#include "store/category.h"
#include "store/item.h"
#include "store/item_trail.h"
#include "web/admin.h"
#include "web/html.h"
#include "web/portal.h"

#define ITEMS_PER_PAGE		20
#define ITEMS_PAGE_MAX		100000
#define ITEMS_MINE_SCAN		200	/* items read per step when filtering "mine" */
#define ITEMS_REASON_MAX	500	/* characters of comments and reasons */
#define ITEMS_DUE_WINDOW	3

/* What one page shows besides the item (messages and kept values). */
struct view {
	int			 status;
	const char		*notice;	/* after a successful action */
	const char		*error;		/* refusal, shown at the top */
	struct item_meta	*form;		/* the editor's values; NULL: the item's */
	struct item_problems	*probs;		/* field messages */
	int			 preview;
	const struct gk_web_req	*posted;	/* the action form's values to keep */
	const char		*upload_error;
};

static const char *
arg(const struct gk_web_req *req, const char *name)
{
	const char *v = gk_web_arg(req, name);

	return v != NULL ? v : "";
}

static int
blank(const char *v)
{
	return v == NULL || v[strspn(v, " \t\r\n")] == '\0';
}

/* Characters of valid UTF-8 s, -1 when it is not. */
static long
chars(const char *s)
{
	size_t n;

	return item_utf8_len(s, &n) ? (long)n : -1;
}

/* A positive decimal id at *p (no sign, no leading zero); advances *p. 0 if none. */
static int64_t
take_id(const char **p)
{
	int64_t	 v = 0;
	int	 n = 0;

	if (**p < '1' || **p > '9')
		return 0;
	for (; **p >= '0' && **p <= '9'; (*p)++)
		if (++n > 15)
			return 0;
		else
			v = v * 10 + (**p - '0');
	return v;
}

static enum gk_err
page_done(struct gk_web_resp *resp, int status)
{
	resp->status = status;
	resp->cacheable = 0;
	resp->content_type = "text/html; charset=utf-8";
	return resp->body.err;
}

/* The store's actor for the signed-in user; 0 when the user is gone. */
static int
actor_of(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_item_actor *ac)
{
	char err[256];

	return gk_item_actor_lookup(ctx->db, u->login, ac, err, sizeof(err)) == GK_OK &&
	    ac->agency_id == u->agency_id;
}

/* 1 when u is a 政务公开办 of agency's government (agency's parent is u's agency). */
static int
governs(struct gk_web_ctx *ctx, const struct gk_admin_user *u, int64_t agency)
{
	struct gk_agency	 a;
	char			 err[256];
	int			 ok;

	if (!GK_ADMIN_HAS(u, WF_ROLE_OFFICE))
		return 0;
	if (gk_agency_get(ctx->db, agency, &a, err, sizeof(err)) != GK_OK)
		return 0;
	ok = a.parent_id != 0 && a.parent_id == u->agency_id;
	gk_agency_clear(&a);
	return ok;
}

/* 1 when u may see the item: its agency, or a 政务公开办 of the agency's government. */
static int
may_read(struct gk_web_ctx *ctx, const struct gk_admin_user *u, const struct gk_item *it)
{
	return it->agency_id == u->agency_id || governs(ctx, u, it->agency_id);
}

/* An RFC 3339 time as "YYYY-MM-DD HH:MM" (what the store wrote, cut), into out. */
static const char *
when(const char *t, char out[17])
{
	size_t n = t != NULL ? strlen(t) : 0;

	if (n < 16 || t[10] != 'T') {
		gk_strlcpy_utf8(out, n > 0 ? t : "", 17);
		return out;
	}
	memcpy(out, t, 16);
	out[10] = ' ';
	out[16] = '\0';
	return out;
}

/* ---- the confidentiality findings and masking ---- */

/* Scanner findings of s; GK_ENOMEM. */
static enum gk_err
scan_str(const char *s, struct scan_findings *f)
{
	scan_findings_init(f);
	return scan_text(s, strlen(s), f);
}

/*
 * What replaces a finding: personal data masked with core/mask (the
 * bank card as the scanner masks it), a 密级 mark removed. Into out.
 */
static void
mask_value(const struct scan_finding *f, const char *text, char *out, size_t n)
{
	char	 v[SCAN_EXCERPT_MAX];
	size_t	 len = f->len < sizeof(v) - 1 ? f->len : sizeof(v) - 1;

	memcpy(v, text + f->offset, len);
	v[len] = '\0';
	switch (f->kind) {
	case SCAN_ID18:
	case SCAN_ID15:
		gk_mask(GK_MASK_IDNO, v, out, n);
		break;
	case SCAN_MOBILE:
		gk_mask(GK_MASK_PHONE, v, out, n);
		break;
	case SCAN_EMAIL:
		gk_mask(GK_MASK_EMAIL, v, out, n);
		break;
	case SCAN_BANKCARD:
		gk_strlcpy_utf8(out, f->masked, n);
		break;
	default:
		out[0] = '\0';	/* a 密级 mark: removed */
		break;
	}
}

/*
 * Masks in *sp (owned, replaced) the finding at byte offset at, or every
 * finding when all. *done gets how many were masked. GK_ENOMEM.
 */
static enum gk_err
mask_text(char **sp, int all, size_t at, int *done)
{
	struct scan_findings	 f;
	struct gk_buf		 b;
	char			 rep[SCAN_EXCERPT_MAX + GK_MASK_EXTRA + 1], *s = *sp;
	size_t			 i, pos = 0;
	enum gk_err		 e;

	*done = 0;
	if ((e = scan_str(s, &f)) != GK_OK)
		return e;
	gk_buf_init(&b, 0);
	for (i = 0; i < f.n; i++) {
		if (!all && f.v[i].offset != at)
			continue;
		gk_buf_append(&b, s + pos, f.v[i].offset - pos);
		mask_value(&f.v[i], s, rep, sizeof(rep));
		gk_buf_puts(&b, rep);
		pos = f.v[i].offset + f.v[i].len;
		(*done)++;
	}
	if (*done > 0) {
		gk_buf_puts(&b, s + pos);
		gk_buf_putc(&b, '\0');	/* an empty result still needs a buffer */
		if (b.err != GK_OK) {
			scan_findings_clear(&f);
			gk_buf_clear(&b);
			return GK_ENOMEM;
		}
		gk_free(s);
		*sp = gk_buf_take(&b, NULL);
	}
	gk_buf_clear(&b);
	scan_findings_clear(&f);
	return GK_OK;
}

/* The findings in title, body and attachments: how many, GK_ENOMEM/EDB. */
static enum gk_err
count_findings(struct gk_web_ctx *ctx, int64_t id, const struct item_meta *m, size_t *n,
    size_t *natt)
{
	struct scan_findings	 f;
	char			 err[256];
	enum gk_err		 e;

	*n = *natt = 0;
	if ((e = scan_str(item_meta_get(m, ITEM_F_TITLE), &f)) != GK_OK)
		return e;
	*n += f.n;
	scan_findings_clear(&f);
	if ((e = scan_str(item_meta_get(m, ITEM_F_BODY), &f)) != GK_OK)
		return e;
	*n += f.n;
	scan_findings_clear(&f);
	if (id > 0) {
		scan_findings_init(&f);
		e = gk_attachment_scan(ctx->db, id, &f, err, sizeof(err));
		*natt = f.n;
		scan_findings_clear(&f);
	}
	return e;
}

/* The findings of one field as a list with mask buttons (editable) or read-only. */
static enum gk_err
render_findings_of(struct gk_buf *b, enum item_field fld, const char *text, int editable)
{
	struct scan_findings	 f;
	size_t			 i;
	enum gk_err		 e;

	if ((e = scan_str(text, &f)) != GK_OK)
		return e;
	for (i = 0; i < f.n; i++) {
		gk_html(b, "<li><strong>%s</strong>（%s第 %zu 行第 %zu 列）：<code>%s</code>",
		    scan_kind_name(f.v[i].kind), item_field_label(fld), f.v[i].line, f.v[i].col,
		    f.v[i].excerpt);
		if (editable)
			gk_html(b, " <button type=\"submit\" name=\"op\" value=\"mask:%s:%zu\">%s</button>",
			    item_field_name(fld), f.v[i].offset,
			    f.v[i].kind == SCAN_MARK ? "删除标识" : "遮盖");
		gk_html_raw(b, "</li>\n");
	}
	scan_findings_clear(&f);
	return GK_OK;
}

/*
 * The findings block (aside next to the body): title and body findings,
 * the attachments' findings, and "全部遮盖" when editable.
 */
static enum gk_err
render_findings(struct gk_buf *b, struct gk_web_ctx *ctx, int64_t id,
    const struct item_meta *m, int editable)
{
	struct gk_item_att_findings *af;
	size_t			 n, natt, naf, i, k;
	char			 err[256];
	enum gk_err		 e;

	if ((e = count_findings(ctx, id, m, &n, &natt)) != GK_OK)
		return e;
	gk_html_raw(b, "<aside class=\"findings\" id=\"findings\" aria-labelledby=\"findings-h\">\n"
	    "<h2 id=\"findings-h\">保密审查</h2>\n");
	if (n + natt == 0) {
		gk_html_raw(b, "<p class=\"ok\">未发现身份证号、手机号码、银行卡号、电子邮箱或密级标识。</p>\n"
		    "</aside>\n");
		return GK_OK;
	}
	gk_html(b, "<p class=\"alert\" role=\"status\">发现 %zu 处可能涉及个人信息或国家秘密的内容"
	    "（条例第十四条、第十五条），提交前请遮盖或删除。</p>\n<ul>\n", n + natt);
	if ((e = render_findings_of(b, ITEM_F_TITLE, item_meta_get(m, ITEM_F_TITLE),
	    editable)) != GK_OK || (e = render_findings_of(b, ITEM_F_BODY,
	    item_meta_get(m, ITEM_F_BODY), editable)) != GK_OK)
		return e;
	if (natt > 0) {
		if ((e = gk_item_att_findings(ctx->db, id, &af, &naf, err, sizeof(err))) != GK_OK)
			return e;
		for (k = 0; k < naf; k++)
			for (i = 0; i < af[k].f.n; i++)
				gk_html(b, "<li><strong>%s</strong>（附件“%s”第 %zu 行第 %zu 列）："
				    "<code>%s</code> —— 请删除该附件，处理后重新上传</li>\n",
				    scan_kind_name(af[k].f.v[i].kind), af[k].name, af[k].f.v[i].line,
				    af[k].f.v[i].col, af[k].f.v[i].excerpt);
		gk_item_att_findings_free(af, naf);
	}
	gk_html_raw(b, "</ul>\n");
	if (editable && n > 0)
		gk_html_raw(b, "<p><button type=\"submit\" name=\"op\" value=\"mask:all\">全部遮盖"
		    "</button></p>\n");
	gk_html_raw(b, "</aside>\n");
	return GK_OK;
}

/* ---- the editor ---- */

/* The first message about field f, or NULL. */
static const char *
problem_of(const struct item_problems *p, enum item_field f)
{
	size_t i;

	if (p == NULL)
		return NULL;
	for (i = 0; i < p->n; i++)
		if (p->v[i].field == f)
			return p->v[i].msg;
	return NULL;
}

static void
field_open(struct gk_buf *b, enum item_field f, const char *msg, int required, const char *hint)
{
	gk_html(b, "<div class=\"field%s\">\n<label for=\"f-%s\">%s", msg ? " invalid" : "",
	    item_field_name(f), item_field_label(f));
	if (required)
		gk_html_raw(b, "<span class=\"req\" aria-hidden=\"true\"> *</span>"
		    "<span class=\"sr\">（必填）</span>");
	gk_html_raw(b, "</label>\n");
	if (hint != NULL)
		gk_html(b, "<p class=\"hint\" id=\"f-%s-hint\">%s</p>\n", item_field_name(f), hint);
}

static void
field_attrs(struct gk_buf *b, enum item_field f, const char *msg, int required, const char *hint)
{
	if (required)
		gk_html_raw(b, " required aria-required=\"true\"");
	if (msg != NULL)
		gk_html_raw(b, " aria-invalid=\"true\"");
	if (hint != NULL || msg != NULL) {
		gk_html_raw(b, " aria-describedby=\"");
		if (hint != NULL)
			gk_html(b, "f-%s-hint", item_field_name(f));
		if (msg != NULL)
			gk_html(b, "%sf-%s-err", hint ? " " : "", item_field_name(f));
		gk_html_raw(b, "\"");
	}
}

static void
field_close(struct gk_buf *b, enum item_field f, const char *msg)
{
	if (msg != NULL)
		gk_html(b, "<p class=\"field-error\" id=\"f-%s-err\"><strong>错误：</strong>%s</p>\n",
		    item_field_name(f), msg);
	gk_html_raw(b, "</div>\n");
}

/* A one-line input. */
static void
field_input(struct gk_buf *b, const struct item_meta *m, enum item_field f, const char *type,
    int required, const char *hint, const struct item_problems *p)
{
	const char *msg = problem_of(p, f);

	field_open(b, f, msg, required, hint);
	gk_html(b, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" size=\"60\"", item_field_name(f),
	    item_field_name(f), type);
	field_attrs(b, f, msg, required, hint);
	gk_html(b, " value=\"%s\">\n", item_meta_get(m, f));
	field_close(b, f, msg);
}

/* The 栏目 select: the agency's tree (else the default tree), indented; parents disabled. */
static enum gk_err
field_category(struct gk_buf *b, struct gk_web_ctx *ctx, int64_t agency,
    const struct item_meta *m, const struct item_problems *p)
{
	struct gk_category_list	 l;
	const struct category_tree *t = category_default();
	const char		*cur = item_meta_get(m, ITEM_F_CATEGORY), *msg;
	char			 err[256];
	size_t			 i, j;
	int			 d, leaf;
	enum gk_err		 e;

	msg = problem_of(p, ITEM_F_CATEGORY);
	if ((e = gk_category_list(ctx->db, agency, &l, err, sizeof(err))) != GK_OK)
		return e;
	field_open(b, ITEM_F_CATEGORY, msg, 1, NULL);
	gk_html_raw(b, "<select id=\"f-category\" name=\"category\"");
	field_attrs(b, ITEM_F_CATEGORY, msg, 1, NULL);
	gk_html(b, ">\n<option value=\"\"%s>请选择栏目</option>\n", *cur ? "" : " selected");
	for (i = 0; i < l.n; i++) {
		for (leaf = 1, j = 0; j < l.n; j++)
			if (l.v[j].parent_id == l.v[i].id)
				leaf = 0;
		gk_html(b, "<option value=\"%s\"%s%s>", l.v[i].path,
		    strcmp(cur, l.v[i].path) == 0 ? " selected" : "", leaf ? "" : " disabled");
		for (d = 0; d < l.v[i].depth; d++)
			gk_html_raw(b, "　　");
		gk_html(b, "%s</option>\n", l.v[i].name);
	}
	if (l.n == 0)
		for (i = 0; i < t->n; i++) {
			gk_html(b, "<option value=\"%s\"%s%s>%s%s</option>\n", t->v[i].path,
			    strcmp(cur, t->v[i].path) == 0 ? " selected" : "",
			    t->v[i].leaf ? "" : " disabled", t->v[i].parent >= 0 ? "　　" : "",
			    t->v[i].name);
		}
	gk_html_raw(b, "</select>\n");
	field_close(b, ITEM_F_CATEGORY, msg);
	gk_category_list_free(&l);
	return GK_OK;
}

/*
 * The editor form (action = the item's path or /admin/items/new): the
 * metadata, the body with the findings next to it, the preview when
 * asked, and the buttons.
 */
static enum gk_err
render_editor(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    const struct gk_item *it, const struct item_meta *m, const struct view *v)
{
	int64_t		 id = it != NULL ? it->id : 0;
	const char	*indexno = it != NULL ? item_meta_get(&it->meta, ITEM_F_INDEXNO) : NULL;
	const char	*msg;
	enum gk_err	 e;

	gk_html_raw(b, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"editor gk-form\"");
	if (id > 0)
		gk_html(b, " action=\"/admin/items/%lld\">\n", (long long)id);
	else
		gk_html_raw(b, " action=\"/admin/items/new\">\n");
	gk_admin_csrf_field(b, u);
	gk_html_raw(b, "<fieldset><legend>基本信息</legend>\n");
	gk_html(b, "<div class=\"field\"><span class=\"label\">索引号</span> <output id=\"f-indexno\">"
	    "%s</output></div>\n", indexno && *indexno ? indexno : "保存后由系统分配");
	if (it != NULL && it->due_date != NULL)
		gk_html(b, "<div class=\"field\"><span class=\"label\">应发布日期</span> "
		    "<output id=\"f-due\">%s</output><p class=\"hint\">按发布时限规则由成文日期"
		    "（工作动态为活动结束日期）计算，保存后更新</p></div>\n", it->due_date);
	field_input(b, m, ITEM_F_TITLE, "text", 1, "一行，不超过 200 字", v->probs);
	if ((e = field_category(b, ctx, u->agency_id, m, v->probs)) != GK_OK)
		return e;
	field_input(b, m, ITEM_F_TOPIC, "text", 0, "选填，例如 商贸、财政", v->probs);
	field_input(b, m, ITEM_F_PUBLISHER, "text", 0, "不填则为本单位名称", v->probs);
	field_input(b, m, ITEM_F_WRITTEN, "date", 1, "YYYY-MM-DD；发布时限自此起算", v->probs);
	field_input(b, m, ITEM_F_DOCNO, "text", 0, "选填，例如 盐边商务〔2025〕12号", v->probs);
	field_input(b, m, ITEM_F_EVENT_END, "date", 0,
	    "工作动态必填：活动结束日期，3 个工作日内发布", v->probs);
	gk_html(b, "<div class=\"field\"><span class=\"label\">有效性</span> <output>%s</output>"
	    "<p class=\"hint\">发布后由信息公开工作人员变更</p></div>\n",
	    item_validity_label(m->validity));
	field_input(b, m, ITEM_F_KEYWORDS, "text", 0, "以逗号、顿号或空格分隔，至多 10 个", v->probs);
	gk_html_raw(b, "</fieldset>\n<div class=\"body-and-findings\">\n");
	msg = problem_of(v->probs, ITEM_F_BODY);
	field_open(b, ITEM_F_BODY, msg, 0, "Markdown：空行分段，# 标题，- 列表，**加粗**");
	gk_html_raw(b, "<textarea id=\"f-body\" name=\"body\" rows=\"20\" cols=\"80\"");
	field_attrs(b, ITEM_F_BODY, msg, 0, "x");
	/* The newline after the tag is eaten by the HTML parser, so a leading one survives. */
	gk_html(b, ">\n%s</textarea>\n", item_meta_get(m, ITEM_F_BODY));
	field_close(b, ITEM_F_BODY, msg);
	if ((e = render_findings(b, ctx, id, m, 1)) != GK_OK)
		return e;
	gk_html_raw(b, "</div>\n");
	if (v->preview) {
		gk_html_raw(b, "<section class=\"preview\" aria-labelledby=\"preview-h\">"
		    "<h2 id=\"preview-h\">预览（门户网站上的显示效果）</h2>\n");
		gk_html(b, "<h3>%s</h3>\n", item_meta_get(m, ITEM_F_TITLE));
		if ((e = gk_portal_md(b, item_meta_get(m, ITEM_F_BODY))) != GK_OK)
			return e;
		gk_html_raw(b, "</section>\n");
	}
	gk_html_raw(b, "<p class=\"buttons\"><button type=\"submit\" name=\"op\" value=\"save\">保存"
	    "</button> <button type=\"submit\" name=\"op\" value=\"preview\">预览</button></p>\n"
	    "</form>\n");
	return GK_OK;
}

/* ---- the item page ---- */

static void
render_meta_table(struct gk_buf *b, const struct gk_item *it)
{
	static const enum item_field shown[] = {
		ITEM_F_INDEXNO, ITEM_F_TITLE, ITEM_F_CATEGORY, ITEM_F_TOPIC, ITEM_F_PUBLISHER,
		ITEM_F_WRITTEN, ITEM_F_DOCNO, ITEM_F_EVENT_END, ITEM_F_KEYWORDS,
	};
	char	 tbuf[17];
	size_t	 i;

	gk_html_raw(b, "<table class=\"meta\">\n<caption>基本信息</caption>\n");
	for (i = 0; i < sizeof(shown) / sizeof(shown[0]); i++)
		gk_html(b, "<tr><th scope=\"row\">%s</th><td>%s</td></tr>\n",
		    item_field_label(shown[i]), shown[i] == ITEM_F_CATEGORY ? it->category_path :
		    item_meta_get(&it->meta, shown[i]));
	gk_html(b, "<tr><th scope=\"row\">有效性</th><td>%s", item_validity_label(it->meta.validity));
	if (*item_meta_get(&it->meta, ITEM_F_VALIDITY_DATE))
		gk_html(b, "（%s）", item_meta_get(&it->meta, ITEM_F_VALIDITY_DATE));
	gk_html(b, "</td></tr>\n<tr><th scope=\"row\">状态</th><td>%s</td></tr>\n",
	    wf_state_label(it->state));
	if (it->due_date != NULL)
		gk_html(b, "<tr><th scope=\"row\">应发布日期</th><td>%s</td></tr>\n", it->due_date);
	if (it->published_at != NULL)
		gk_html(b, "<tr><th scope=\"row\">发布时间</th><td>%s</td></tr>\n",
		    when(it->published_at, tbuf));
	if (it->withdrawn_at != NULL)
		gk_html(b, "<tr><th scope=\"row\">撤回</th><td>%s %s</td></tr>\n",
		    when(it->withdrawn_at, tbuf), it->withdrawn_reason ? it->withdrawn_reason : "");
	gk_html_raw(b, "</table>\n");
}

static enum gk_err
render_attachments(struct gk_buf *b, struct gk_web_ctx *ctx, const struct gk_admin_user *u,
    const struct gk_item *it, int editable, const struct view *v)
{
	struct gk_attachment_list	 l;
	char				 err[256];
	size_t				 i;
	enum gk_err			 e;

	if ((e = gk_attachment_list(ctx->db, it->id, &l, err, sizeof(err))) != GK_OK)
		return e;
	gk_html_raw(b, "<section aria-labelledby=\"att-h\"><h2 id=\"att-h\">附件</h2>\n");
	if (l.n == 0)
		gk_html_raw(b, "<p>无附件。</p>\n");
	else {
		gk_html_raw(b, "<table><thead><tr><th scope=\"col\">文件</th><th scope=\"col\">类型"
		    "</th><th scope=\"col\">大小（字节）</th>");
		if (editable)
			gk_html_raw(b, "<th scope=\"col\">操作</th>");
		gk_html_raw(b, "</tr></thead><tbody>\n");
		for (i = 0; i < l.n; i++) {
			gk_html(b, "<tr><td><a href=\"/admin/items/%lld/attachments/%lld\">%s</a></td>"
			    "<td>%s</td><td>%lld</td>", (long long)it->id, (long long)l.v[i].id,
			    l.v[i].name, l.v[i].mime, (long long)l.v[i].size);
			if (editable) {
				gk_html(b, "<td><form method=\"post\" action=\"/admin/items/%lld/"
				    "attachments/%lld/delete\">", (long long)it->id,
				    (long long)l.v[i].id);
				gk_admin_csrf_field(b, u);
				gk_html(b, "<button type=\"submit\">删除 %s</button></form></td>",
				    l.v[i].name);
			}
			gk_html_raw(b, "</tr>\n");
		}
		gk_html_raw(b, "</tbody></table>\n");
	}
	if (editable) {
		gk_html(b, "<form method=\"post\" enctype=\"multipart/form-data\" class=\"gk-form\" "
		    "action=\"/admin/items/%lld/attachments\">\n", (long long)it->id);
		gk_admin_csrf_field(b, u);
		gk_html(b, "<div class=\"field%s\"><label for=\"f-file\">上传附件</label>\n"
		    "<p class=\"hint\" id=\"f-file-hint\">PDF、OFD、Word/WPS、Excel、图片、文本等；"
		    "单个文件不超过 %zu MB；类型按文件内容识别</p>\n"
		    "<input id=\"f-file\" name=\"file\" type=\"file\" aria-describedby=\"f-file-hint\">\n",
		    v->upload_error ? " invalid" : "", (size_t)(GK_WEB_UPLOAD_MAX / (1024 * 1024)));
		if (v->upload_error != NULL)
			gk_html(b, "<p class=\"field-error\" id=\"f-file-err\"><strong>错误：</strong>%s"
			    "</p>\n", v->upload_error);
		gk_html_raw(b, "</div>\n<p><button type=\"submit\">上传</button></p>\n</form>\n");
	}
	gk_html_raw(b, "</section>\n");
	gk_attachment_list_free(&l);
	return GK_OK;
}

static enum gk_err
render_trail(struct gk_buf *b, struct gk_web_ctx *ctx, int64_t id)
{
	struct gk_item_reviews	 r;
	char			 err[256], tbuf[17];
	size_t			 i;
	int			 c;
	enum gk_err		 e;

	if ((e = gk_item_reviews(ctx->db, id, &r, err, sizeof(err))) != GK_OK)
		return e;
	gk_html_raw(b, "<section aria-labelledby=\"trail-h\"><h2 id=\"trail-h\">审核记录</h2>\n");
	if (r.n == 0)
		gk_html_raw(b, "<p>尚无审核记录。</p>\n");
	else {
		gk_html_raw(b, "<table class=\"trail\"><thead><tr><th scope=\"col\">环节</th>"
		    "<th scope=\"col\">审核人</th><th scope=\"col\">合法性</th><th scope=\"col\">准确性"
		    "</th><th scope=\"col\">保密性</th><th scope=\"col\">结论</th><th scope=\"col\">意见"
		    "</th><th scope=\"col\">时间</th></tr></thead><tbody>\n");
		for (i = 0; i < r.n; i++) {
			gk_html(b, "<tr><td>%s</td><td>%s</td>", r.v[i].level == 2 ? "分管领导审核" :
			    r.v[i].level == 3 ? "主要领导审定" : "—", r.v[i].reviewer);
			for (c = 0; c < WF_CHECK__MAX; c++)
				gk_html(b, "<td>%s</td>", r.v[i].checks[c] ? "通过" : "—");
			gk_html(b, "<td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    r.v[i].pass ? "通过" : "退回", r.v[i].comment ? r.v[i].comment : "",
			    when(r.v[i].decided_at, tbuf));
		}
		gk_html_raw(b, "</tbody></table>\n");
	}
	gk_html_raw(b, "</section>\n");
	gk_item_reviews_free(&r);
	return GK_OK;
}

/* The action of an audit entry in Chinese. */
static const char *
event_label(const char *action)
{
	enum wf_action a;

	if (strcmp(action, "create") == 0)
		return "起草";
	if (strcmp(action, "edit") == 0)
		return "修改";
	if (strcmp(action, "attach") == 0)
		return "上传附件";
	if (strcmp(action, "detach") == 0)
		return "删除附件";
	return wf_action_from_name(action, &a) ? wf_action_label(a) : action;
}

/* 办理记录: every step of the item from the audit chain, with what was said. */
static enum gk_err
render_history(struct gk_buf *b, struct gk_web_ctx *ctx, int64_t id)
{
	struct gk_item_events	 l;
	char			 err[256], tbuf[17];
	size_t			 i;
	enum gk_err		 e;

	if ((e = gk_item_trail(ctx->db, id, &l, err, sizeof(err))) != GK_OK)
		return e;
	gk_html_raw(b, "<section aria-labelledby=\"hist-h\"><h2 id=\"hist-h\">办理记录</h2>\n"
	    "<table class=\"history\"><thead><tr><th scope=\"col\">时间</th><th scope=\"col\">"
	    "操作人</th><th scope=\"col\">操作</th><th scope=\"col\">说明</th></tr></thead>"
	    "<tbody>\n");
	for (i = 0; i < l.n; i++) {
		gk_html(b, "<tr><td>%s</td><td>%s</td><td>%s</td><td>%s", when(l.v[i].time, tbuf),
		    l.v[i].actor, event_label(l.v[i].action), l.v[i].comment);
		if (*l.v[i].reason)
			gk_html(b, "%s原因：%s", *l.v[i].comment ? "；" : "", l.v[i].reason);
		if (*l.v[i].override)
			gk_html(b, "%s放行理由：%s", *l.v[i].comment || *l.v[i].reason ? "；" : "",
			    l.v[i].override);
		gk_html_raw(b, "</td></tr>\n");
	}
	gk_html_raw(b, "</tbody></table>\n</section>\n");
	gk_item_events_free(&l);
	return GK_OK;
}

/* A textarea of the action forms, its posted value kept. */
static void
act_area(struct gk_buf *b, const char *name, const char *label, const char *hint,
    const struct view *v)
{
	gk_html(b, "<div class=\"field\"><label for=\"a-%s\">%s</label>\n", name, label);
	if (hint != NULL)
		gk_html(b, "<p class=\"hint\" id=\"a-%s-hint\">%s</p>\n", name, hint);
	gk_html(b, "<textarea id=\"a-%s\" name=\"%s\" rows=\"3\" cols=\"60\"%s%s%s>\n%s</textarea>"
	    "</div>\n", name, name, hint ? " aria-describedby=\"a-" : "", hint ? name : "",
	    hint ? "-hint\"" : "", v->posted ? arg(v->posted, name) : "");
}

/* The three checks as checkboxes. */
static void
act_checks(struct gk_buf *b, const struct view *v)
{
	char	 name[32];
	int	 c;

	gk_html_raw(b, "<fieldset><legend>审查（三项均须勾选方可通过）</legend>\n");
	for (c = 0; c < WF_CHECK__MAX; c++) {
		snprintf(name, sizeof(name), "check_%s", wf_check_name((enum wf_check)c));
		gk_html(b, "<label class=\"choice\"><input type=\"checkbox\" name=\"%s\" id=\"a-%s\" "
		    "value=\"pass\"%s> %s审查通过</label>\n", name, name,
		    v->posted && strcmp(arg(v->posted, name), "pass") == 0 ? " checked" : "",
		    wf_check_label((enum wf_check)c));
	}
	gk_html_raw(b, "</fieldset>\n");
}

static void
act_form_open(struct gk_buf *b, const struct gk_admin_user *u, int64_t id, const char *legend)
{
	gk_html(b, "<form method=\"post\" action=\"/admin/items/%lld/act\" class=\"action gk-form\">\n",
	    (long long)id);
	gk_admin_csrf_field(b, u);
	gk_html(b, "<fieldset><legend>%s</legend>\n", legend);
}

/* The actions the user's roles suggest in the item's state (the store decides). */
static void
render_actions(struct gk_buf *b, const struct gk_admin_user *u, const struct gk_item_actor *ac,
    const struct gk_item *it, size_t nfind, const struct view *v)
{
	int any = 0;

	gk_html_raw(b, "<section aria-labelledby=\"act-h\"><h2 id=\"act-h\">办理</h2>\n");
	if (it->agency_id != u->agency_id) {
		gk_html_raw(b, "<p>只读：本信息属于其他单位。</p>\n</section>\n");
		return;
	}
	if (it->state == WF_DRAFT && it->drafter_id == ac->user_id) {
		act_form_open(b, u, it->id, "提交审核（科室拟稿）");
		if (nfind > 0)
			act_area(b, "reason", "保密审查说明",
			    "仍有未处理的保密审查问题。确需公开时请说明理由，由主要领导审定；否则请先遮盖。", v);
		gk_html_raw(b, "<button type=\"submit\" name=\"action\" value=\"submit\">提交审核"
		    "</button></fieldset></form>\n");
		any = 1;
	}
	if (it->state == WF_SUBMITTED && GK_ADMIN_HAS(u, WF_ROLE_REVIEWER)) {
		act_form_open(b, u, it->id, "分管领导审核");
		act_checks(b, v);
		act_area(b, "comment", "审核意见（退回时必填）", NULL, v);
		gk_html_raw(b, "<button type=\"submit\" name=\"action\" value=\"review\">审核通过"
		    "</button> <button type=\"submit\" name=\"action\" value=\"return\">退回修改"
		    "</button></fieldset></form>\n");
		any = 1;
	}
	if ((it->state == WF_REVIEWED || it->state == WF_APPROVED) &&
	    GK_ADMIN_HAS(u, WF_ROLE_APPROVER)) {
		act_form_open(b, u, it->id, "主要领导审定");
		if (it->state == WF_REVIEWED)
			act_checks(b, v);
		act_area(b, "comment", "审定意见（退回时必填）", NULL, v);
		if (it->state == WF_REVIEWED && nfind > 0)
			act_area(b, "override", "放行理由",
			    "仍有保密审查问题：确认可以公开时填写理由（记入审计日志）", v);
		if (it->state == WF_REVIEWED)
			gk_html_raw(b, "<button type=\"submit\" name=\"action\" value=\"approve\">审定通过"
			    "</button> ");
		gk_html_raw(b, "<button type=\"submit\" name=\"action\" value=\"return\">退回修改"
		    "</button></fieldset></form>\n");
		any = 1;
	}
	if (it->state == WF_APPROVED && GK_ADMIN_HAS(u, WF_ROLE_OFFICER)) {
		act_form_open(b, u, it->id, "发布");
		gk_html_raw(b, "<p>发布后在门户网站公开，并可被检索。</p><button type=\"submit\" "
		    "name=\"action\" value=\"publish\">发布</button></fieldset></form>\n");
		any = 1;
	}
	if (it->state == WF_PUBLISHED && (GK_ADMIN_HAS(u, WF_ROLE_OFFICER) ||
	    GK_ADMIN_HAS(u, WF_ROLE_ADMIN))) {
		act_form_open(b, u, it->id, "撤回");
		act_area(b, "reason", "撤回原因（必填）", NULL, v);
		gk_html_raw(b, "<button type=\"submit\" name=\"action\" value=\"withdraw\">撤回"
		    "</button></fieldset></form>\n");
		any = 1;
	}
	if (it->state == WF_PUBLISHED && GK_ADMIN_HAS(u, WF_ROLE_OFFICER) &&
	    it->meta.validity != ITEM_REPEALED) {
		act_form_open(b, u, it->id, "变更有效性");
		gk_html_raw(b, "<div class=\"field\"><label for=\"a-validity\">新的有效性</label>"
		    "<select id=\"a-validity\" name=\"validity\">");
		if (it->meta.validity == ITEM_VALID)
			gk_html_raw(b, "<option value=\"expired\">失效</option>");
		gk_html_raw(b, "<option value=\"repealed\">废止</option></select></div>\n"
		    "<div class=\"field\"><label for=\"a-validity_date\">生效日期</label>"
		    "<input id=\"a-validity_date\" name=\"validity_date\" type=\"date\"></div>\n"
		    "<button type=\"submit\" name=\"action\" value=\"change_validity\">变更有效性"
		    "</button></fieldset></form>\n");
		any = 1;
	}
	if (!any)
		gk_html(b, "<p>当前状态“%s”下您没有可办理的事项。</p>\n", wf_state_label(it->state));
	gk_html_raw(b, "</section>\n");
}

/* The messages at the top of the page. */
static void
render_messages(struct gk_buf *b, const struct view *v)
{
	size_t i;

	if (v->notice != NULL)
		gk_html(b, "<div class=\"notice ok\" role=\"status\"><p>%s</p></div>\n", v->notice);
	if (v->error != NULL)
		gk_html(b, "<div class=\"alert error-summary\" role=\"alert\" id=\"errors\">"
		    "<h2>未能办理</h2><p>%s</p></div>\n", v->error);
	if (v->probs != NULL && v->probs->n > 0) {
		gk_html(b, "<div class=\"alert error-summary\" role=\"alert\" id=\"errors\">"
		    "<h2>保存未成功</h2><p>请修改以下 %zu 处：</p><ul>\n", v->probs->n);
		for (i = 0; i < v->probs->n; i++)
			gk_html(b, "<li><a href=\"#f-%s\">%s</a></li>\n",
			    item_field_name(v->probs->v[i].field), v->probs->v[i].msg);
		gk_html_raw(b, "</ul></div>\n");
	}
}

/* The whole page of an item (it) or of a new one (it NULL). */
static enum gk_err
item_page(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_web_resp *resp,
    const struct gk_item *it, const struct view *v)
{
	struct gk_item_actor	 ac;
	struct gk_buf		*b = &resp->body;
	struct item_meta	 blank_meta;
	const struct item_meta	*m;
	size_t			 n = 0, natt = 0;
	int			 editable, have_ac;
	enum gk_err		 e = GK_OK;

	item_meta_init(&blank_meta);
	have_ac = actor_of(ctx, u, &ac);
	gk_buf_clear(b);
	if (it == NULL) {
		gk_admin_begin(b, ctx, u, "起草信息", "items");
		gk_html_raw(b, "<p class=\"crumbs\"><a href=\"/admin/items\">信息管理</a> › 起草</p>\n"
		    "<h1>起草信息</h1>\n");
		render_messages(b, v);
		m = v->form ? v->form : &blank_meta;
		e = render_editor(b, ctx, u, NULL, m, v);
		gk_admin_end(b);
		item_meta_clear(&blank_meta);
		if (e != GK_OK)
			return e;
		return page_done(resp, v->status ? v->status : 200);
	}
	editable = have_ac && it->state == WF_DRAFT && it->drafter_id == ac.user_id &&
	    it->agency_id == u->agency_id;
	m = v->form ? v->form : &it->meta;
	gk_admin_begin(b, ctx, u, item_meta_get(&it->meta, ITEM_F_TITLE), "items");
	gk_html(b, "<p class=\"crumbs\"><a href=\"/admin/items\">信息管理</a> › %s</p>\n",
	    item_meta_get(&it->meta, ITEM_F_INDEXNO));
	gk_html(b, "<h1>%s</h1>\n<p class=\"state\">状态：<strong>%s</strong></p>\n",
	    item_meta_get(&it->meta, ITEM_F_TITLE), wf_state_label(it->state));
	render_messages(b, v);
	if (editable) {
		if ((e = render_editor(b, ctx, u, it, m, v)) != GK_OK)
			goto out;
	} else {
		render_meta_table(b, it);
		gk_html_raw(b, "<div class=\"body-and-findings\"><section class=\"body\" "
		    "aria-labelledby=\"body-h\"><h2 id=\"body-h\">正文</h2>\n");
		if ((e = gk_portal_md(b, item_meta_get(&it->meta, ITEM_F_BODY))) != GK_OK)
			goto out;
		gk_html_raw(b, "</section>\n");
		if (it->state != WF_PUBLISHED && it->state != WF_WITHDRAWN &&
		    (e = render_findings(b, ctx, it->id, &it->meta, 0)) != GK_OK)
			goto out;
		gk_html_raw(b, "</div>\n");
		if (it->state == WF_PUBLISHED)
			gk_html(b, "<p><a href=\"/item/%lld\">在门户网站查看</a></p>\n",
			    (long long)it->id);
	}
	if ((e = render_attachments(b, ctx, u, it, editable, v)) != GK_OK)
		goto out;
	if ((e = render_trail(b, ctx, it->id)) != GK_OK ||
	    (e = render_history(b, ctx, it->id)) != GK_OK)
		goto out;
	if ((e = count_findings(ctx, it->id, &it->meta, &n, &natt)) != GK_OK)
		goto out;
	if (have_ac)
		render_actions(b, u, &ac, it, n + natt, v);
	gk_admin_end(b);
out:
	item_meta_clear(&blank_meta);
	if (e != GK_OK)
		return e;
	return page_done(resp, v->status ? v->status : 200);
}

/* ---- requests ---- */

/* Loads item id for u: GK_OK, or a 404 page already in resp (*shown = 1). */
static enum gk_err
load_item(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_web_resp *resp,
    int64_t id, struct gk_item *it, int *shown)
{
	char		 err[256];
	enum gk_err	 e;

	*shown = 0;
	memset(it, 0, sizeof(*it));
	e = gk_item_get(ctx->db, id, it, err, sizeof(err));
	if (e == GK_OK && may_read(ctx, u, it))
		return GK_OK;
	if (e == GK_OK)
		gk_item_clear(it);
	if (e == GK_OK || e == GK_ENOTFOUND) {
		memset(it, 0, sizeof(*it));
		*shown = 1;
		return gk_admin_error(resp, ctx, u, 404, "信息不存在");
	}
	return e;
}

/* The editor's values from the request: every field (CRLF as LF in the body). */
static enum gk_err
form_from_req(const struct gk_web_req *req, struct item_meta *m)
{
	static const enum item_field fields[] = {
		ITEM_F_TITLE, ITEM_F_CATEGORY, ITEM_F_TOPIC, ITEM_F_PUBLISHER, ITEM_F_WRITTEN,
		ITEM_F_DOCNO, ITEM_F_EVENT_END, ITEM_F_KEYWORDS,
	};
	const char	*s;
	char		*body, *o;
	size_t		 i;
	enum gk_err	 e;

	item_meta_init(m);
	for (i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if ((e = item_meta_set(m, fields[i], arg(req, item_field_name(fields[i])))) != GK_OK)
			return e;
	s = arg(req, "body");
	if ((body = gk_strdup(s)) == NULL)
		return GK_ENOMEM;
	for (o = body; *s != '\0'; s++)
		if (!(s[0] == '\r' && s[1] == '\n'))
			*o++ = *s;
	*o = '\0';
	e = item_meta_set(m, ITEM_F_BODY, body);
	gk_free(body);
	return e;
}

/* Applies "mask:FIELD:OFFSET" or "mask:all" to m; the message into msg. */
static enum gk_err
form_mask(struct item_meta *m, const char *op, const char **msg)
{
	static const enum item_field fields[] = { ITEM_F_TITLE, ITEM_F_BODY };
	const char	*rest = op + 5;
	char		*s;
	size_t		 i, at = 0, nlen;
	int		 all = strcmp(rest, "all") == 0, done, total = 0;
	enum gk_err	 e;

	for (i = 0; i < 2; i++) {
		nlen = strlen(item_field_name(fields[i]));
		if (!all && (strncmp(rest, item_field_name(fields[i]), nlen) != 0 ||
		    rest[nlen] != ':'))
			continue;
		if (!all) {
			const char	*p = rest + nlen + 1;
			char		*end;

			if (*p < '0' || *p > '9')
				break;
			at = (size_t)strtoull(p, &end, 10);
			if (*end != '\0')
				break;
		}
		if ((s = gk_strdup(item_meta_get(m, fields[i]))) == NULL)
			return GK_ENOMEM;
		if ((e = mask_text(&s, all, at, &done)) == GK_OK)
			e = item_meta_set(m, fields[i], s);
		gk_free(s);
		if (e != GK_OK)
			return e;
		total += done;
	}
	*msg = total > 0 ? "已遮盖，请检查后保存。" :
	    "未找到要遮盖的内容（内容可能已经修改），请重新检查。";
	return GK_OK;
}

/*
 * The editor's values as the changes of an edit: everything but the
 * 索引号 and the validity; a blank 发布机构 keeps the stored one.
 */
static enum gk_err
changes_of(const struct item_meta *form, struct item_meta *ch)
{
	int		 i;
	enum gk_err	 e;

	item_meta_init(ch);
	for (i = 0; i < ITEM_F__MAX; i++) {
		if (i == ITEM_F_INDEXNO || i == ITEM_F_VALIDITY || i == ITEM_F_VALIDITY_DATE)
			continue;
		if (i == ITEM_F_PUBLISHER && blank(item_meta_get(form, ITEM_F_PUBLISHER)))
			continue;	/* kept (the agency's name unless changed) */
		if ((e = item_meta_set(ch, (enum item_field)i,
		    item_meta_get(form, (enum item_field)i))) != GK_OK)
			return e;
	}
	return GK_OK;
}

/* POST of the editor (new when it is NULL). */
static enum gk_err
editor_post(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, const struct gk_item *it)
{
	struct gk_item_actor	 ac;
	struct gk_item_opts	 o;
	struct item_meta	 form, ch;
	struct item_problems	 probs;
	struct view		 v;
	const char		*op = arg(req, "op");
	char			 err[512], path[64];
	int64_t			 id = 0;
	enum gk_err		 e;

	memset(&v, 0, sizeof(v));
	memset(&probs, 0, sizeof(probs));
	item_meta_init(&ch);
	if (!actor_of(ctx, u, &ac))
		return gk_admin_error(resp, ctx, u, 403, "您的账号不能起草信息");
	if ((e = form_from_req(req, &form)) != GK_OK)
		goto out;
	if (it != NULL)
		form.validity = it->meta.validity;
	v.form = &form;
	if (strncmp(op, "mask:", 5) == 0) {
		if ((e = form_mask(&form, op, &v.notice)) != GK_OK)
			goto out;
		e = item_page(ctx, u, resp, it, &v);
		goto out;
	}
	if (strcmp(op, "preview") == 0) {
		v.preview = 1;
		e = item_page(ctx, u, resp, it, &v);
		goto out;
	}
	memset(&o, 0, sizeof(o));
	o.cal = ctx->cal;
	err[0] = '\0';
	if (it == NULL)
		e = gk_item_create(ctx->db, &ac, u->agency_id, &form, &o, ctx->now, &id, &probs,
		    err, sizeof(err));
	else {
		id = it->id;
		if ((e = changes_of(&form, &ch)) != GK_OK)
			goto out;
		e = gk_item_edit(ctx->db, &ac, id, &ch, &o, ctx->now, &probs, err, sizeof(err));
	}
	if (e == GK_OK) {
		snprintf(path, sizeof(path), "/admin/items/%lld?done=save", (long long)id);
		gk_admin_redirect(resp, path);
		goto out;
	}
	if (e == GK_EINVAL || e == GK_ECONFLICT) {
		v.status = probs.n > 0 ? 400 : 409;
		v.probs = &probs;
		if (probs.n == 0)
			v.error = err;
		e = item_page(ctx, u, resp, it, &v);
	}
out:
	item_meta_clear(&form);
	item_meta_clear(&ch);
	return e;
}

static const char *
done_notice(const char *done)
{
	static const struct { const char *k, *msg; } t[] = {
		{ "save", "已保存。" }, { "submit", "已提交分管领导审核。" },
		{ "review", "审核通过，已送主要领导审定。" }, { "approve", "审定通过，待发布。" },
		{ "return", "已退回拟稿人修改。" }, { "publish", "已发布，门户网站可见并可检索。" },
		{ "withdraw", "已撤回。" }, { "change_validity", "有效性已变更。" },
		{ "attach", "附件已上传。" }, { "detach", "附件已删除。" },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		if (strcmp(done, t[i].k) == 0)
			return t[i].msg;
	return NULL;
}

/* POST /admin/items/{id}/act */
static enum gk_err
act_post(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, const struct gk_item *it)
{
	struct gk_item_actor	 ac;
	struct gk_item_input	 in;
	struct wf_result	 res;
	struct view		 v;
	struct gk_buf		 reason;
	enum wf_action		 a;
	enum item_validity	 val = ITEM_VALID;
	char			 err[512], name[32], path[96];
	size_t			 n = 0, natt = 0;
	int			 c;
	enum gk_err		 e;

	memset(&v, 0, sizeof(v));
	memset(&in, 0, sizeof(in));
	v.posted = req;
	if (!actor_of(ctx, u, &ac) || it->agency_id != u->agency_id)
		return gk_admin_error(resp, ctx, u, 404, "信息不存在");
	if (!wf_action_from_name(arg(req, "action"), &a)) {
		v.status = 400;
		v.error = "未知的操作";
		return item_page(ctx, u, resp, it, &v);
	}
	for (c = 0; c < 3; c++) {
		long n_ = chars(arg(req, c == 0 ? "comment" : c == 1 ? "reason" : "override"));

		if (n_ < 0 || n_ > ITEMS_REASON_MAX) {
			v.status = 400;
			v.error = n_ < 0 ? "意见、理由含有无法识别的字符" : "意见、理由至多 500 字";
			return item_page(ctx, u, resp, it, &v);
		}
	}
	for (c = 0; c < WF_CHECK__MAX; c++) {
		snprintf(name, sizeof(name), "check_%s", wf_check_name((enum wf_check)c));
		in.checks[c] = strcmp(arg(req, name), "pass") == 0 ? WF_PASS : WF_UNCHECKED;
	}
	in.comment = blank(arg(req, "comment")) ? NULL : arg(req, "comment");
	in.reason = blank(arg(req, "reason")) ? NULL : arg(req, "reason");
	in.override_reason = blank(arg(req, "override")) ? NULL : arg(req, "override");
	in.validity_date = arg(req, "validity_date");
	gk_buf_init(&reason, 0);
	if (a == WF_ACT_CHANGE_VALIDITY) {
		if (!item_validity_from_name(arg(req, "validity"), &val)) {
			v.status = 409;
			v.error = "请选择新的有效性";
			return item_page(ctx, u, resp, it, &v);
		}
		in.validity = val;
	}
	/*
	 * The gate before submission: findings in title, body or attachments
	 * stop it unless the drafter explains why they must stay (the
	 * explanation goes with the submission; the approver decides).
	 */
	if (a == WF_ACT_SUBMIT && it->state == WF_DRAFT && it->drafter_id == ac.user_id) {
		if ((e = count_findings(ctx, it->id, &it->meta, &n, &natt)) != GK_OK)
			return e;
		if (n + natt > 0 && in.reason == NULL) {
			snprintf(err, sizeof(err), "保密审查未通过：发现 %zu 处可能涉及个人信息或国家秘密的"
			    "内容。请在“保密审查”中遮盖或删除后再提交，或说明必须公开的理由。", n + natt);
			v.status = 409;
			v.error = err;
			return item_page(ctx, u, resp, it, &v);
		}
		if (n + natt > 0) {
			gk_buf_puts(&reason, "保密审查说明：");
			gk_buf_puts(&reason, in.reason);
			if (reason.err != GK_OK) {
				gk_buf_clear(&reason);
				return GK_ENOMEM;
			}
			in.comment = reason.data;
		}
		in.reason = NULL;
	}
	err[0] = '\0';
	e = gk_item_act(ctx->db, it->id, &ac, a, &in, ctx->now, &res, err, sizeof(err));
	gk_buf_clear(&reason);
	if (e == GK_OK) {
		snprintf(path, sizeof(path), "/admin/items/%lld?done=%s", (long long)it->id,
		    wf_action_name(a));
		gk_admin_redirect(resp, path);
		return GK_OK;
	}
	if (e == GK_ECONFLICT || e == GK_EINVAL) {
		v.status = 409;
		v.error = err;
		return item_page(ctx, u, resp, it, &v);
	}
	if (e == GK_ENOTFOUND)
		return gk_admin_error(resp, ctx, u, 404, "信息不存在");
	return e;
}

/* POST /admin/items/{id}/attachments */
static enum gk_err
upload_post(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp, const struct gk_item *it)
{
	struct gk_item_actor	 ac;
	const struct gk_web_file *f = NULL;
	struct view		 v;
	char			 err[512], path[96];
	size_t			 i;
	enum gk_err		 e;

	memset(&v, 0, sizeof(v));
	if (!actor_of(ctx, u, &ac) || it->agency_id != u->agency_id)
		return gk_admin_error(resp, ctx, u, 404, "信息不存在");
	for (i = 0; i < req->nfiles; i++)
		if (strcmp(req->files[i].name, "file") == 0)
			f = &req->files[i];
	err[0] = '\0';
	if (f == NULL || (f->len == 0 && f->filename[0] == '\0')) {
		snprintf(err, sizeof(err), "请选择要上传的文件");
		e = GK_EINVAL;
	} else if (f->len > GK_WEB_UPLOAD_MAX) {
		snprintf(err, sizeof(err), "文件过大：不超过 %zu MB", (size_t)(GK_WEB_UPLOAD_MAX /
		    (1024 * 1024)));
		e = GK_ELIMIT;
	} else
		e = gk_attachment_add(ctx->db, &ac, it->id, f->filename, f->data, f->len,
		    ctx->now, NULL, err, sizeof(err));
	if (e == GK_OK) {
		snprintf(path, sizeof(path), "/admin/items/%lld?done=attach", (long long)it->id);
		gk_admin_redirect(resp, path);
		return GK_OK;
	}
	if (e == GK_EINVAL || e == GK_ECONFLICT || e == GK_ELIMIT) {
		v.status = e == GK_EINVAL ? 400 : e == GK_ELIMIT ? 413 : 409;
		v.upload_error = err;
		v.error = err;
		return item_page(ctx, u, resp, it, &v);
	}
	return e;
}

/* GET /admin/items/{id}/attachments/{aid}: the bytes, as a download. */
static enum gk_err
download(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_web_resp *resp,
    const struct gk_item *it, int64_t aid)
{
	static const char	 hex[] = "0123456789ABCDEF";
	struct gk_attachment	 at;
	struct sniff_result	 sr;
	void			*data = NULL;
	size_t			 len = 0, o;
	char			 err[256];
	const unsigned char	*c;
	enum gk_err		 e;

	e = gk_attachment_get_data(ctx->db, it->id, aid, &at, &data, &len, err, sizeof(err));
	if (e == GK_ENOTFOUND)
		return gk_admin_error(resp, ctx, u, 404, "附件不存在");
	if (e != GK_OK)
		return e;
	sniff_bytes(data, len, &sr);
	resp->content_type = sr.mime;
	o = (size_t)snprintf(resp->disposition, sizeof(resp->disposition),
	    "attachment; filename=\"download\"; filename*=UTF-8''");
	for (c = (const unsigned char *)at.name; *c != '\0' && o + 4 < sizeof(resp->disposition);
	    c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || *c == '.' || *c == '-' || *c == '_')
			resp->disposition[o++] = (char)*c;
		else {
			resp->disposition[o++] = '%';
			resp->disposition[o++] = hex[*c >> 4];
			resp->disposition[o++] = hex[*c & 15];
		}
	}
	resp->disposition[o] = '\0';
	gk_buf_clear(&resp->body);
	gk_buf_init(&resp->body, GK_ATTACHMENT_MAX + 1);
	gk_buf_append(&resp->body, data, len);
	gk_free(data);
	resp->status = 200;
	resp->cacheable = 0;
	return resp->body.err;
}

/* POST /admin/items/{id}/attachments/{aid}/delete */
static enum gk_err
detach_post(struct gk_web_ctx *ctx, const struct gk_admin_user *u, struct gk_web_resp *resp,
    const struct gk_item *it, int64_t aid)
{
	struct gk_item_actor	 ac;
	struct view		 v;
	char			 err[512], path[96];
	enum gk_err		 e;

	memset(&v, 0, sizeof(v));
	if (!actor_of(ctx, u, &ac) || it->agency_id != u->agency_id)
		return gk_admin_error(resp, ctx, u, 404, "信息不存在");
	e = gk_attachment_remove(ctx->db, &ac, it->id, aid, ctx->now, err, sizeof(err));
	if (e == GK_OK) {
		snprintf(path, sizeof(path), "/admin/items/%lld?done=detach", (long long)it->id);
		gk_admin_redirect(resp, path);
		return GK_OK;
	}
	if (e == GK_ENOTFOUND)
		return gk_admin_error(resp, ctx, u, 404, "附件不存在");
	if (e == GK_ECONFLICT || e == GK_EINVAL) {
		v.status = 409;
		v.error = err;
		return item_page(ctx, u, resp, it, &v);
	}
	return e;
}

/* ---- the list ---- */

static void
list_link(struct gk_buf *b, const char *agency, const char *state, const char *cat, int mine,
    long page)
{
	gk_html_raw(b, "/admin/items?agency=");
	gk_html_url(b, agency);
	gk_html_raw(b, "&amp;state=");
	gk_html_url(b, state);
	gk_html_raw(b, "&amp;cat=");
	gk_html_url(b, cat);
	if (mine)
		gk_html_raw(b, "&amp;mine=1");
	gk_html(b, "&amp;page=%ld", page);
}

static enum gk_err
list_page(struct gk_web_ctx *ctx, const struct gk_web_req *req, const struct gk_admin_user *u,
    struct gk_web_resp *resp)
{
	struct gk_item_filter	 f;
	struct gk_item_list	 l;
	struct gk_item_actor	 ac;
	struct gk_category_list	 cl;
	struct gk_buf		*b = &resp->body;
	const char		*st = arg(req, "state"), *cat = arg(req, "cat"), *pg = arg(req, "page");
	const char		*ag = arg(req, "agency");
	struct gk_agency_list	 al;
	const char		*p;
	enum wf_state		 ws;
	char			 err[256], tbuf[17];
	size_t			 i, shown = 0, skip, got;
	long			 page = 1;
	int64_t			 catid = 0;
	int			 mine = strcmp(arg(req, "mine"), "1") == 0, more = 0, s;
	enum gk_err		 e;

	memset(&f, 0, sizeof(f));
	f.agency_id = u->agency_id;
	f.state = -1;
	/* The 政务公开办 may list an agency of its government (read-only). */
	if (*ag != '\0') {
		p = ag;
		if ((f.agency_id = take_id(&p)) == 0 || *p != '\0' ||
		    (f.agency_id != u->agency_id && !governs(ctx, u, f.agency_id)))
			return gk_admin_error(resp, ctx, u, 404, "机构不存在");
	}
	if (*st != '\0') {
		if (!wf_state_from_name(st, &ws))
			return gk_admin_error(resp, ctx, u, 400, "状态参数无效");
		f.state = (int)ws;
	}
	if (*cat != '\0') {
		p = cat;
		if ((catid = take_id(&p)) == 0 || *p != '\0')
			return gk_admin_error(resp, ctx, u, 400, "栏目参数无效");
		f.category_id = catid;
	}
	if (*pg != '\0') {
		p = pg;
		page = (long)take_id(&p);
		if (page < 1 || page > ITEMS_PAGE_MAX || *p != '\0')
			return gk_admin_error(resp, ctx, u, 400, "页码无效");
	}
	if (mine && !actor_of(ctx, u, &ac))
		mine = 0;
	if ((e = gk_category_list(ctx->db, f.agency_id, &cl, err, sizeof(err))) != GK_OK)
		return e;
	gk_buf_clear(b);
	gk_admin_begin(b, ctx, u, "信息管理", "items");
	gk_html_raw(b, "<h1>信息管理</h1>\n");
	if (GK_ADMIN_HAS(u, WF_ROLE_DRAFTER))
		gk_html_raw(b, "<p><a class=\"button\" href=\"/admin/items/new\">起草信息</a></p>\n");
	gk_html_raw(b, "<form method=\"get\" action=\"/admin/items\" class=\"filters\">\n");
	if (GK_ADMIN_HAS(u, WF_ROLE_OFFICE) &&
	    gk_agency_list(ctx->db, &al, err, sizeof(err)) == GK_OK) {
		gk_html(b, "<label for=\"q-agency\">单位</label> <select id=\"q-agency\" name=\"agency\">"
		    "<option value=\"%lld\">%s</option>", (long long)u->agency_id, u->agency);
		for (i = 0; i < al.n; i++)
			if (al.v[i].parent_id == u->agency_id && al.v[i].id != u->agency_id)
				gk_html(b, "<option value=\"%lld\"%s>%s</option>", (long long)al.v[i].id,
				    al.v[i].id == f.agency_id ? " selected" : "", al.v[i].name);
		gk_html_raw(b, "</select>\n");
		gk_agency_list_free(&al);
	}
	gk_html_raw(b, "<label for=\"q-state\">状态</label> <select id=\"q-state\" name=\"state\">"
	    "<option value=\"\">全部</option>");
	for (s = 0; s < WF_STATE__MAX; s++)
		gk_html(b, "<option value=\"%s\"%s>%s</option>", wf_state_name((enum wf_state)s),
		    f.state == s ? " selected" : "", wf_state_label((enum wf_state)s));
	gk_html_raw(b, "</select>\n<label for=\"q-cat\">栏目</label> <select id=\"q-cat\" name=\"cat\">"
	    "<option value=\"\">全部</option>");
	for (i = 0; i < cl.n; i++) {
		gk_html(b, "<option value=\"%lld\"%s>", (long long)cl.v[i].id,
		    cl.v[i].id == catid ? " selected" : "");
		for (s = 0; s < cl.v[i].depth; s++)
			gk_html_raw(b, "　　");
		gk_html(b, "%s</option>", cl.v[i].name);
	}
	gk_category_list_free(&cl);
	gk_html(b, "</select>\n<label class=\"choice\"><input type=\"checkbox\" name=\"mine\" "
	    "value=\"1\"%s> 我起草的</label>\n<button type=\"submit\">筛选</button></form>\n",
	    mine ? " checked" : "");

	gk_html_raw(b, "<table class=\"items\"><thead><tr><th scope=\"col\">索引号</th>"
	    "<th scope=\"col\">标题</th><th scope=\"col\">栏目</th><th scope=\"col\">状态</th>"
	    "<th scope=\"col\">应发布日期</th><th scope=\"col\">更新时间</th></tr></thead><tbody>\n");
	skip = (size_t)(page - 1) * ITEMS_PER_PAGE;
	f.limit = mine ? ITEMS_MINE_SCAN : ITEMS_PER_PAGE + 1;
	f.offset = mine ? 0 : skip;
	for (;;) {
		if ((e = gk_item_list(ctx->db, &f, &l, err, sizeof(err))) != GK_OK)
			return e;
		got = l.n;
		for (i = 0; i < l.n; i++) {
			if (mine && l.v[i].drafter_id != ac.user_id)
				continue;
			if (mine && skip > 0) {
				skip--;
				continue;
			}
			if (shown == ITEMS_PER_PAGE) {
				more = 1;
				break;
			}
			shown++;
			gk_html(b, "<tr><td>%s</td><td><a href=\"/admin/items/%lld\">%s</a></td>"
			    "<td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n",
			    item_meta_get(&l.v[i].meta, ITEM_F_INDEXNO), (long long)l.v[i].id,
			    item_meta_get(&l.v[i].meta, ITEM_F_TITLE), l.v[i].category_path,
			    wf_state_label(l.v[i].state), l.v[i].due_date ? l.v[i].due_date : "",
			    when(l.v[i].updated_at, tbuf));
		}
		gk_item_list_free(&l);
		if (!mine || more || got < f.limit)
			break;
		f.offset += f.limit;
	}
	if (shown == 0)
		gk_html_raw(b, "<tr><td colspan=\"6\">没有符合条件的信息。</td></tr>\n");
	gk_html_raw(b, "</tbody></table>\n<nav class=\"pages\" aria-label=\"分页\">");
	if (page > 1) {
		gk_html_raw(b, "<a rel=\"prev\" href=\"");
		list_link(b, ag, st, cat, mine, page - 1);
		gk_html_raw(b, "\">上一页</a> ");
	}
	gk_html(b, "第 %ld 页", page);
	if (more) {
		gk_html_raw(b, " <a rel=\"next\" href=\"");
		list_link(b, ag, st, cat, mine, page + 1);
		gk_html_raw(b, "\">下一页</a>");
	}
	gk_html_raw(b, "</nav>\n");
	gk_admin_end(b);
	return page_done(resp, 200);
}

/* ---- the router ---- */

enum gk_err
gk_admin_items(struct gk_web_ctx *ctx, const struct gk_web_req *req,
    const struct gk_admin_user *u, struct gk_web_resp *resp, char *err, size_t errlen)
{
	const char	*p = req->path + strlen("/admin/items");
	int		 post = strcmp(req->method, "POST") == 0, shown;
	int64_t		 id, aid = 0;
	struct gk_item	 it;
	struct view	 v;
	enum gk_err	 e;

	(void)err;
	(void)errlen;
	if (strncmp(req->path, "/admin/items", 12) != 0)
		return GK_ENOTFOUND;
	memset(&v, 0, sizeof(v));
	if (*p == '\0' || strcmp(p, "/") == 0)
		return post ? gk_admin_error(resp, ctx, u, 405, "不支持的请求方法") :
		    list_page(ctx, req, u, resp);
	if (strcmp(p, "/new") == 0) {
		if (!GK_ADMIN_HAS(u, WF_ROLE_DRAFTER))
			return gk_admin_error(resp, ctx, u, 403, "只有科室拟稿人可以起草信息");
		if (post)
			return editor_post(ctx, req, u, resp, NULL);
		return item_page(ctx, u, resp, NULL, &v);
	}
	p++;
	if ((id = take_id(&p)) == 0)
		return GK_ENOTFOUND;
	if (*p != '\0' && strcmp(p, "/act") != 0 && strncmp(p, "/attachments", 12) != 0)
		return GK_ENOTFOUND;
	if ((e = load_item(ctx, u, resp, id, &it, &shown)) != GK_OK || shown)
		return e;
	if (*p == '\0') {
		if (post)
			e = editor_post(ctx, req, u, resp, &it);
		else {
			v.notice = done_notice(arg(req, "done"));
			e = item_page(ctx, u, resp, &it, &v);
		}
	} else if (strcmp(p, "/act") == 0)
		e = post ? act_post(ctx, req, u, resp, &it) :
		    gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
	else if (strcmp(p, "/attachments") == 0)
		e = post ? upload_post(ctx, req, u, resp, &it) :
		    gk_admin_error(resp, ctx, u, 405, "不支持的请求方法");
	else {
		p += 12;
		if (*p == '/') {
			p++;
			aid = take_id(&p);
		}
		if (aid == 0)
			e = gk_admin_error(resp, ctx, u, 404, "附件不存在");
		else if (*p == '\0' && !post)
			e = download(ctx, u, resp, &it, aid);
		else if (strcmp(p, "/delete") == 0 && post)
			e = detach_post(ctx, u, resp, &it, aid);
		else
			e = gk_admin_error(resp, ctx, u, *p == '\0' || strcmp(p, "/delete") == 0 ?
			    405 : 404, *p == '\0' || strcmp(p, "/delete") == 0 ? "不支持的请求方法" :
			    "页面不存在");
	}
	gk_item_clear(&it);
	return e;
}
