/*
 * test_portal.c — the portal's pages through gk_web_dispatch on a small
 * platform built through the store: 盐边县商务局 with 23 published policy
 * files (2025-03-01 … 2025-03-23) in 政策文件/其他文件, one of them with a
 * <script> title, one with a Markdown body and an attachment, an
 * interpretation linked to it, a withdrawn item, a draft, and a published
 * 2025 annual report; 盐边县财政局 with one published item. Checked: every
 * page type's status, cacheability and key content, escaping, 404/410,
 * pagination boundaries, the Atom feed and the sitemap parsed with
 * libxml2, the larger-text mode, /prefs/large, the page enumeration used by
 * `gongkai export`, and the Markdown subset.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "harness.h"
#include "core/report_check.h"
#include "store/agency.h"
#include "store/attachment.h"
#include "store/category.h"
#include "store/db.h"
#include "store/figures.h"
#include "store/interpretation.h"
#include "store/item.h"
#include "store/portal_data.h"
#include "store/report_data.h"
#include "store/user.h"
#include "web/page.h"
#include "web/portal.h"
#include "web/web.h"

#define CODE_A	"11510422MB1234567Y"
#define CODE_B	"11510422MB12345682"
#define NOW	"2026-01-10T09:00:00+08:00"
#define HOST	"https://gk.example.gov.cn"

struct fx {
	int			 built;
	char			 dir[64], path[128];
	struct gk_db		*db;
	struct gk_site		 site;
	struct gk_web_ctx	 ctx;
	int64_t			 ag, ag2;
	int64_t			 pol[24];	/* pol[1..23] */
	int64_t			 interp, withdrawn, draft, other, att, cat_other, cat_policy;
	int64_t			 cat_b;
	struct gk_item_actor	 d, r, a, o, d2, r2, a2, o2;
};

static struct fx F;

/* Every workflow action of this file, the withdrawal with its reason. */
static void
act(int64_t id, const struct gk_item_actor *ac, enum wf_action a, const char *day)
{
	gk_test_act(F.db, id, ac, a, day, "内容有误，撤回");
}

static void
publish(int64_t id, const struct gk_item_actor *const ac[4], const char *day)
{
	act(id, ac[0], WF_ACT_SUBMIT, day);
	act(id, ac[1], WF_ACT_REVIEW, day);
	act(id, ac[2], WF_ACT_APPROVE, day);
	act(id, ac[3], WF_ACT_PUBLISH, day);
}

static void
cleanup(void)
{
	if (!F.built)
		return;
	gk_test_db_remove(F.db, F.dir);
}

static void
set_fig(const char *key)
{
	char err[256];

	if (gk_figure_set(F.db, "admin", F.ag, 2025, key, 0, "测试", NOW, err, sizeof(err)) != GK_OK)
		fail_msg("figure %s: %s", key, err);
}

static void
set_text(enum gk_narr n, const char *t)
{
	char err[256];

	if (gk_report_text_set(F.db, "admin", F.ag, 2025, n, t, strlen(t), NOW, err,
	    sizeof(err)) != GK_OK)
		fail_msg("text: %s", err);
}

/* Builds the platform once for all tests (read-only afterwards). */
static void
fx(void)
{
	const char			*now = "2024-12-01T09:00:00+08:00";
	const struct gk_item_actor	*A[4], *B[4];
	struct gk_agency_contact	 c;
	struct gk_findings		 fs;
	char				 err[512], day[16], title[64];
	int				 i, v;

	if (F.built)
		return;
	memset(&F, 0, sizeof(F));
	F.db = gk_test_db_open("portal", F.dir, sizeof(F.dir), F.path, sizeof(F.path));
	F.built = 1;
	atexit(cleanup);
	gk_test_agencies(F.db, now, &F.ag, &F.ag2);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag, "admin", now, err, sizeof(err)), GK_OK);
	assert_int_equal(gk_category_seed_defaults(F.db, F.ag2, "admin", now, err, sizeof(err)), GK_OK);
	memset(&c, 0, sizeof(c));
	c.office = "办公室";
	c.address = "盐边县桐子林镇新华街1号";
	c.postcode = "617100";
	c.phone = "0812-8588888";
	c.fax = "0812-8588889";
	c.email = "gk@example.gov.cn";
	c.hours = "工作日 9:00—17:00";
	assert_int_equal(gk_agency_contact_set(F.db, "admin", F.ag, &c, now, err, sizeof(err)), GK_OK);
	gk_test_user(F.db, F.ag, "d", WF_ROLE_DRAFTER, &F.d);
	gk_test_user(F.db, F.ag, "r", WF_ROLE_REVIEWER, &F.r);
	gk_test_user(F.db, F.ag, "a", WF_ROLE_APPROVER, &F.a);
	gk_test_user(F.db, F.ag, "o", WF_ROLE_OFFICER, &F.o);
	gk_test_user(F.db, F.ag2, "d2", WF_ROLE_DRAFTER, &F.d2);
	gk_test_user(F.db, F.ag2, "r2", WF_ROLE_REVIEWER, &F.r2);
	gk_test_user(F.db, F.ag2, "a2", WF_ROLE_APPROVER, &F.a2);
	gk_test_user(F.db, F.ag2, "o2", WF_ROLE_OFFICER, &F.o2);
	A[0] = &F.d; A[1] = &F.r; A[2] = &F.a; A[3] = &F.o;
	B[0] = &F.d2; B[1] = &F.r2; B[2] = &F.a2; B[3] = &F.o2;

	for (i = 1; i <= 23; i++) {
		const char *body = NULL;

		snprintf(day, sizeof(day), "2025-03-%02d", i);
		if (i == 7)
			snprintf(title, sizeof(title), "<script>alert(1)</script>招商引资公告");
		else
			snprintf(title, sizeof(title), "政策文件第%02d号", i);
		if (i == 5)
			body = "# 总则\n\n第一条 为了**规范**管理。\n\n- 甲 & 乙\n- 丙\n\n<b>不是标签</b>";
		F.pol[i] = gk_test_item(F.db, &F.d, "政策文件/其他文件", title, day, body);
		if (i == 5) {
			static const char att[] = "附件正文\n";

			if (gk_attachment_add(F.db, &F.d, F.pol[i], "说明.txt", att, sizeof(att) - 1,
			    NOW, &F.att, err, sizeof(err)) != GK_OK)
				fail_msg("attach: %s", err);
		}
		publish(F.pol[i], A, day);
	}
	F.interp = gk_test_item(F.db, &F.d, "政策解读", "《政策文件第05号》解读", "2025-03-05", NULL);
	if (gk_interp_link(F.db, &F.d, F.interp, F.pol[5], INTERP_TEXT, NOW, err,
	    sizeof(err)) != GK_OK)
		fail_msg("link: %s", err);
	publish(F.interp, A, "2025-03-06");
	F.withdrawn = gk_test_item(F.db, &F.d, "其他", "已撤回的动态", "2025-04-01", NULL);
	publish(F.withdrawn, A, "2025-04-01");
	act(F.withdrawn, &F.o, WF_ACT_WITHDRAW, "2025-04-03");
	F.draft = gk_test_item(F.db, &F.d, "其他", "尚未发布的草稿", "2025-04-02", NULL);
	F.other = gk_test_item(F.db, &F.d2, "财政信息/预算", "2025年部门预算", "2025-02-10", NULL);
	publish(F.other, B, "2025-02-11");
	F.cat_other = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 1 AND name = '其他文件'");
	F.cat_policy = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 1 AND name = '政策文件' AND parent_id IS NULL");
	F.cat_b = gk_test_int(F.db, "SELECT id FROM category WHERE agency_id = 2 AND name = '预算'");

	set_fig("license");
	set_fig("penalty");
	set_fig("coercion");
	set_fig("admin_fee");
	set_text(GK_NARR_OVERVIEW, "本年主动公开 {{items.total}} 条。");
	set_text(GK_NARR_PROBLEMS, "无。");
	set_text(GK_NARR_OTHER, "无。");
	gk_findings_init(&fs);
	if (gk_report_publish(F.db, "admin", F.ag, 2025, NOW, &fs, &v, NULL, err,
	    sizeof(err)) != GK_OK) {
		size_t k;

		for (k = 0; k < fs.n; k++)
			print_message("%s %s: %s\n", fs.v[k].rule, fs.v[k].where, fs.v[k].msg);
		fail_msg("report publish: %s", err);
	}
	gk_findings_clear(&fs);

	gk_strlcpy_utf8(F.site.name, "测试平台", sizeof(F.site.name));
	gk_strlcpy_utf8(F.site.host, HOST, sizeof(F.site.host));
	gk_strlcpy_utf8(F.site.sponsor, "盐边县人民政府办公室", sizeof(F.site.sponsor));
	gk_strlcpy_utf8(F.site.site_code, "5104220001", sizeof(F.site.site_code));
	gk_strlcpy_utf8(F.site.icp, "蜀ICP备12345678号", sizeof(F.site.icp));
	gk_strlcpy_utf8(F.site.police, "川公网安备51042202000001号", sizeof(F.site.police));
	gk_strlcpy_utf8(F.site.contact, "0812-8588888 <a>", sizeof(F.site.contact));
	F.ctx.db = F.db;
	F.ctx.site = &F.site;
	gk_strlcpy_utf8(F.ctx.now, NOW, sizeof(F.ctx.now));
}

/* GET path (?page=page, cookie gk_large=large). resp must be cleared by the caller. */
static enum gk_err
get3(const char *path, const char *page, const char *large, struct gk_web_resp *resp)
{
	const char *args[] = { "page", page, NULL }, *cookies[] = { "gk_large", large, NULL };

	fx();
	gk_web_resp_init(resp);
	return gk_test_web(&F.ctx, resp, "GET", path, "127.0.0.1", page != NULL ? args : NULL,
	    large != NULL ? cookies : NULL);
}

static const char *
get(const char *path, int status, struct gk_web_resp *resp)
{
	assert_int_equal(get3(path, NULL, NULL, resp), GK_OK);
	if (resp->status != status)
		fail_msg("%s: status %d, expected %d", path, resp->status, status);
	return resp->body.data != NULL ? resp->body.data : "";
}

/* The status of GET path?page=page (the response is dropped). */
static int
status_of(const char *path, const char *page)
{
	struct gk_web_resp	r;
	int			st;

	assert_int_equal(get3(path, page, NULL, &r), GK_OK);
	st = r.status;
	gk_web_resp_clear(&r);
	return st;
}

static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0;

	while ((hay = strstr(hay, needle)) != NULL) {
		n++;
		hay += strlen(needle);
	}
	return n;
}

#define HAS(s, x)	do { if (strstr((s), (x)) == NULL) fail_msg("missing: %s", (x)); } while (0)
#define LACKS(s, x)	do { if (strstr((s), (x)) != NULL) fail_msg("unexpected: %s", (x)); } while (0)

static void
test_home(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	char			 x[128];

	(void)state;
	b = get("/", 200, &r);
	assert_true(r.cacheable);
	assert_string_equal(r.content_type, "text/html; charset=utf-8");
	HAS(b, "<!doctype html>\n<html lang=\"zh-CN\">");
	HAS(b, "<title>首页 - 测试平台</title>");
	HAS(b, "<meta name=\"viewport\"");
	HAS(b, "<a class=\"skip\" href=\"#main\">跳转到主要内容</a>");
	HAS(b, "aria-label=\"国徽/机关标识\"");
	HAS(b, "<a href=\"/agency/1/\">盐边县商务局</a>");
	HAS(b, "<a href=\"/agency/2/\">盐边县财政局</a>");
	/* 23 policy files + 1 interpretation; the withdrawn item and the draft do not count. */
	HAS(b, "主动公开信息 <strong>24</strong> 条");
	HAS(b, "主动公开信息 <strong>1</strong> 条");
	HAS(b, "<label for=\"gk-q\">站内搜索</label>");
	HAS(b, "action=\"/search\" method=\"get\"");
	HAS(b, "<li>主办单位：盐边县人民政府办公室</li>");
	HAS(b, "<li>网站标识码：5104220001</li>");
	HAS(b, "<a href=\"https://beian.miit.gov.cn/\" rel=\"noopener\">蜀ICP备12345678号</a>");
	HAS(b, "<li>公安机关备案号：川公网安备51042202000001号</li>");
	HAS(b, "<li>联系我们：0812-8588888 &lt;a&gt;</li>");
	HAS(b, "<a href=\"/sitemap.xml\">网站地图</a>");
	HAS(b, "<a href=\"/prefs/large?on=1&amp;back=%2F\">大字版</a>");
	/* The newest first: 2025-03-23's file heads the platform's list. */
	snprintf(x, sizeof(x), "<a href=\"/item/%lld\">政策文件第23号</a> <time datetime=\"2025-03-23\">",
	    (long long)F.pol[23]);
	HAS(b, x);
	LACKS(b, "已撤回的动态");
	LACKS(b, "尚未发布的草稿");
	assert_string_equal(r.last_modified, "2025-03-23T10:00:00+08:00");
	gk_web_resp_clear(&r);
}

static void
test_column_guide_rules(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	char			 x[160];

	(void)state;
	b = get("/agency/1/", 200, &r);
	assert_true(r.cacheable);
	HAS(b, "<h1>盐边县商务局政府信息公开专栏</h1>");
	HAS(b, "当前位置：<a href=\"/\">首页</a> <span aria-hidden=\"true\">&gt;</span> "
	    "<span aria-current=\"page\">盐边县商务局</span>");
	HAS(b, "<a href=\"/agency/1/guide\">政府信息公开指南</a>");
	HAS(b, "<a href=\"/agency/1/rules\">政府信息公开制度</a>");
	HAS(b, "法定主动公开内容");
	snprintf(x, sizeof(x), "<a href=\"/agency/1/category/%lld/\">政策文件</a> "
	    "<span class=\"count\">（23 条）</span>", (long long)F.cat_policy);
	HAS(b, x);
	snprintf(x, sizeof(x), "<a href=\"/agency/1/category/%lld/\">其他文件</a> "
	    "<span class=\"count\">（23 条）</span>", (long long)F.cat_other);
	HAS(b, x);
	HAS(b, ">政策解读</a> <span class=\"count\">（1 条）</span>");
	HAS(b, ">工作动态</a> <span class=\"count\">（0 条）</span>");
	HAS(b, ">招商引资</a> <span class=\"count\">（0 条）</span>");
	HAS(b, "<a href=\"/agency/1/reports/2025\">盐边县商务局2025年政府信息公开工作年度报告</a>");
	HAS(b, "<a href=\"/apply/1\">在线提交政府信息公开申请</a>");
	HAS(b, "<a href=\"/consult/1\">留言咨询</a>");
	gk_web_resp_clear(&r);

	b = get("/agency/1/guide", 200, &r);
	HAS(b, "<title>政府信息公开指南 - 测试平台</title>");
	HAS(b, "<h1>盐边县商务局政府信息公开指南</h1>");
	HAS(b, "<tr><th scope=\"row\">工作机构</th><td>办公室</td></tr>");
	HAS(b, "<tr><th scope=\"row\">办公地址</th><td>盐边县桐子林镇新华街1号</td></tr>");
	HAS(b, "<tr><th scope=\"row\">邮政编码</th><td>617100</td></tr>");
	HAS(b, "<tr><th scope=\"row\">传真</th><td>0812-8588889</td></tr>");
	HAS(b, "<a href=\"/apply/1\">在线申请</a>");
	HAS(b, "当面申请：于办公时间（工作日 9:00—17:00）到盐边县桐子林镇新华街1号，填写《政府信息公开申请表》。");
	HAS(b, "邮寄申请：寄至盐边县桐子林镇新华街1号，邮政编码 617100");
	HAS(b, "传真申请：传真至 0812-8588889");
	HAS(b, "电子邮件申请：发送至 gk@example.gov.cn");
	HAS(b, "自收到申请之日起20个工作日内予以答复");
	HAS(b, "延长的期限最长不得超过20个工作日（《条例》第三十三条）");
	HAS(b, "国办函〔2020〕109号");
	HAS(b, "以10件为一档，每增加一档，收费标准提高100元/件");
	HAS(b, "60日内提出行政复议申请");
	HAS(b, "6个月内提起行政诉讼");
	gk_web_resp_clear(&r);
	/* An agency without contact details: no empty rows, no mail or fax way. */
	b = get("/agency/2/guide", 200, &r);
	LACKS(b, "办公地址");
	LACKS(b, "传真申请");
	HAS(b, "<a href=\"/apply/2\">在线申请</a>");
	gk_web_resp_clear(&r);

	b = get("/agency/1/rules", 200, &r);
	HAS(b, "<h1>盐边县商务局政府信息公开制度</h1>");
	HAS(b, "<h2>政府信息公开发布审核制度</h2>");
	HAS(b, "<h2>年度报告制度</h2>");
	gk_web_resp_clear(&r);
}

static void
test_not_found(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	char			 x[96];

	(void)state;
	b = get("/agency/9/", 404, &r);
	HAS(b, "<h1>页面不存在</h1>");
	HAS(b, "<a href=\"/\">返回首页</a>");
	assert_false(r.cacheable);
	gk_web_resp_clear(&r);
	get("/agency/1/nothing", 404, &r);
	gk_web_resp_clear(&r);
	/* Agency 2's section under agency 1: not there. */
	snprintf(x, sizeof(x), "/agency/1/category/%lld/", (long long)F.cat_b);
	get(x, 404, &r);
	gk_web_resp_clear(&r);
	get("/agency/1/reports/2024", 404, &r);
	gk_web_resp_clear(&r);
	get("/agency/1/reports/12", 404, &r);
	gk_web_resp_clear(&r);
	/* Without the slash: a redirect, not cached. */
	get("/agency/1", 301, &r);
	assert_string_equal(r.location, "/agency/1/");
	assert_false(r.cacheable);
	gk_web_resp_clear(&r);
	/* Paths nobody owns reach the server's 404. */
	assert_int_equal(get3("/nothing", NULL, NULL, &r), GK_ENOTFOUND);
	gk_web_resp_clear(&r);
	assert_int_equal(get3("/item/0", NULL, NULL, &r), GK_ENOTFOUND);
	gk_web_resp_clear(&r);
	assert_int_equal(get3("/item/01", NULL, NULL, &r), GK_ENOTFOUND);
	gk_web_resp_clear(&r);
	assert_int_equal(get3("/item/99999999999999999999", NULL, NULL, &r), GK_ENOTFOUND);
	gk_web_resp_clear(&r);
	assert_int_equal(get3("/agency/x/", NULL, NULL, &r), GK_ENOTFOUND);
	gk_web_resp_clear(&r);
}

static void
test_list_pagination(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	char			 path[96], x[160];

	(void)state;
	snprintf(path, sizeof(path), "/agency/1/category/%lld/", (long long)F.cat_other);
	b = get(path, 200, &r);
	assert_true(r.cacheable);
	HAS(b, "<h1>其他文件</h1>");
	snprintf(x, sizeof(x), "<a href=\"/agency/1/category/%lld/\">政策文件</a> "
	    "<span aria-hidden=\"true\">&gt;</span> <span aria-current=\"page\">其他文件</span>",
	    (long long)F.cat_policy);
	HAS(b, x);
	HAS(b, "共 23 条，第 1/2 页。");
	assert_int_equal(count(b, "<li><a href=\"/item/"), 20);
	/* Newest first: 23 … 4 on page 1. */
	snprintf(x, sizeof(x), "<li><a href=\"/item/%lld\">政策文件第23号</a>", (long long)F.pol[23]);
	assert_true(strstr(b, x) == strstr(b, "<li><a href=\"/item/"));
	HAS(b, "政策文件第04号");
	LACKS(b, "政策文件第03号");
	HAS(b, "<span aria-current=\"page\">1</span><a href=\"?page=2\">2</a>");
	HAS(b, "<a href=\"?page=2\" rel=\"next\">下一页</a>");
	LACKS(b, "上一页");
	HAS(b, "<a href=\"feed.xml\" type=\"application/atom+xml\">");
	gk_web_resp_clear(&r);

	assert_int_equal(get3(path, "2", NULL, &r), GK_OK);
	assert_int_equal(r.status, 200);
	b = r.body.data;
	HAS(b, "共 23 条，第 2/2 页。");
	/* The larger-text switch comes back to this very page, query included. */
	snprintf(x, sizeof(x), "<a href=\"/prefs/large?on=1&amp;back=%%2Fagency%%2F1%%2Fcategory%%2F%lld%%2F%%3Fpage%%3D2\">",
	    (long long)F.cat_other);
	HAS(b, x);
	assert_int_equal(count(b, "<li><a href=\"/item/"), 3);
	HAS(b, "政策文件第03号");
	HAS(b, "政策文件第01号");
	HAS(b, "<a href=\"./\" rel=\"prev\">上一页</a>");
	LACKS(b, "下一页");
	gk_web_resp_clear(&r);

	/* Past the last page, page 0 and junk. */
	assert_int_equal(status_of(path, "3"), 404);
	assert_int_equal(status_of(path, "0"), 400);
	assert_int_equal(status_of(path, "-1"), 400);
	assert_int_equal(status_of(path, "2abc"), 400);
	assert_int_equal(status_of(path, "99999999999"), 400);

	/* The parent section lists its subsections' items and links them. */
	snprintf(path, sizeof(path), "/agency/1/category/%lld/", (long long)F.cat_policy);
	b = get(path, 200, &r);
	HAS(b, "共 23 条，第 1/2 页。");
	HAS(b, "子栏目：");
	HAS(b, ">其他文件</a>");
	gk_web_resp_clear(&r);
	/* An empty section: page 1 exists and says so. */
	b = get("/agency/1/category/12/", 200, &r);
	HAS(b, "共 0 条，第 1/1 页。");
	HAS(b, "暂无信息。");
	gk_web_resp_clear(&r);
}

static void
test_item_page(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	char			 path[64], x[160];

	(void)state;
	snprintf(path, sizeof(path), "/item/%lld", (long long)F.pol[5]);
	b = get(path, 200, &r);
	assert_true(r.cacheable);
	HAS(b, "<title>政策文件第05号 - 测试平台</title>");
	HAS(b, "<table class=\"meta\"><caption>信息属性</caption>");
	HAS(b, "<tr><th scope=\"row\">索引号</th><td>");
	HAS(b, "<tr><th scope=\"row\">主题分类</th>");
	HAS(b, "<tr><th scope=\"row\">发布机构</th><td>盐边县商务局</td></tr>");
	HAS(b, "<tr><th scope=\"row\">成文日期</th><td>2025-03-05</td></tr>");
	HAS(b, "<tr><th scope=\"row\">发布日期</th><td>2025-03-05</td></tr>");
	HAS(b, "<tr><th scope=\"row\">文号</th><td>—</td></tr>");
	HAS(b, "<tr><th scope=\"row\">有效性</th><td>有效</td></tr>");
	HAS(b, "<h1>政策文件第05号</h1>");
	/* The body's Markdown: heading one level below the title, bold, list, escaped text. */
	HAS(b, "<h2>总则</h2>");
	HAS(b, "<p>第一条 为了<strong>规范</strong>管理。</p>");
	HAS(b, "<ul>\n<li>甲 &amp; 乙</li>\n<li>丙</li></ul>");
	HAS(b, "<p>&lt;b&gt;不是标签&lt;/b&gt;</p>");
	snprintf(x, sizeof(x), "<li><a href=\"/attachment/%lld\">说明.txt</a>（13 B）</li>", (long long)F.att);
	HAS(b, x);
	HAS(b, "<h2>相关解读</h2>");
	snprintf(x, sizeof(x), "<a href=\"/item/%lld\">《政策文件第05号》解读</a>（文字）", (long long)F.interp);
	HAS(b, x);
	HAS(b, "<svg xmlns=\"http://www.w3.org/2000/svg\"");
	snprintf(x, sizeof(x), "aria-label=\"二维码：" HOST "/item/%lld\"", (long long)F.pol[5]);
	HAS(b, x);
	snprintf(x, sizeof(x), "<a href=\"/item/%lld/qr.svg\">", (long long)F.pol[5]);
	HAS(b, x);
	HAS(b, "当前位置：<a href=\"/\">首页</a> <span aria-hidden=\"true\">&gt;</span> "
	    "<a href=\"/agency/1/\">盐边县商务局</a> <span aria-hidden=\"true\">&gt;</span> ");
	HAS(b, ">政策文件/其他文件</a>");
	gk_web_resp_clear(&r);

	/* The interpretation links back to its policy file. */
	snprintf(path, sizeof(path), "/item/%lld", (long long)F.interp);
	b = get(path, 200, &r);
	HAS(b, "<h2>解读的政策文件</h2>");
	snprintf(x, sizeof(x), "<a href=\"/item/%lld\">政策文件第05号</a>", (long long)F.pol[5]);
	HAS(b, x);
	gk_web_resp_clear(&r);

	snprintf(path, sizeof(path), "/item/%lld/qr.svg", (long long)F.pol[5]);
	b = get(path, 200, &r);
	assert_string_equal(r.content_type, "image/svg+xml");
	assert_true(strncmp(b, "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<svg ", 44) == 0);
	gk_web_resp_clear(&r);
}

static void
test_withdrawn_draft(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	char			 path[64];

	(void)state;
	snprintf(path, sizeof(path), "/item/%lld", (long long)F.withdrawn);
	b = get(path, 410, &r);
	HAS(b, "<h1>信息已撤回</h1>");
	HAS(b, "该信息已于 2025-04-03 撤回。");
	LACKS(b, "已撤回的动态");	/* the title is not shown any more */
	gk_web_resp_clear(&r);
	snprintf(path, sizeof(path), "/item/%lld/qr.svg", (long long)F.withdrawn);
	get(path, 404, &r);
	gk_web_resp_clear(&r);
	snprintf(path, sizeof(path), "/item/%lld", (long long)F.draft);
	b = get(path, 404, &r);
	LACKS(b, "尚未发布的草稿");
	gk_web_resp_clear(&r);
	get("/item/424242", 404, &r);
	gk_web_resp_clear(&r);
}

static void
test_escaping(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;
	char			 path[96];

	(void)state;
	snprintf(path, sizeof(path), "/item/%lld", (long long)F.pol[7]);
	b = get(path, 200, &r);
	LACKS(b, "<script");
	HAS(b, "<h1>&lt;script&gt;alert(1)&lt;/script&gt;招商引资公告</h1>");
	HAS(b, "<title>&lt;script&gt;alert(1)&lt;/script&gt;招商引资公告 - 测试平台</title>");
	gk_web_resp_clear(&r);
	snprintf(path, sizeof(path), "/agency/1/category/%lld/", (long long)F.cat_other);
	b = get(path, 200, &r);
	LACKS(b, "<script");
	gk_web_resp_clear(&r);
	b = get("/", 200, &r);
	LACKS(b, "<script");
	gk_web_resp_clear(&r);
	snprintf(path, sizeof(path), "/agency/1/category/%lld/feed.xml", (long long)F.cat_other);
	b = get(path, 200, &r);
	LACKS(b, "<script");
	HAS(b, "<title>&lt;script&gt;alert(1)&lt;/script&gt;招商引资公告</title>");
	gk_web_resp_clear(&r);
}

static void
test_attachment(void **state)
{
	struct gk_web_resp	 r;
	char			 path[64];

	(void)state;
	snprintf(path, sizeof(path), "/attachment/%lld", (long long)F.att);
	get(path, 200, &r);
	assert_string_equal(r.content_type, "text/plain; charset=utf-8");
	assert_int_equal(r.body.len, 13);
	assert_memory_equal(r.body.data, "附件正文\n", 13);
	assert_true(r.cacheable);
	/* 说明.txt: 说 E8 AF B4, 明 E6 98 8E; each byte '_' in the ASCII fallback */
	assert_string_equal(r.disposition, "attachment; filename=\"______.txt\"; "
	    "filename*=UTF-8''%E8%AF%B4%E6%98%8E.txt");
	gk_web_resp_clear(&r);
	get("/attachment/999", 404, &r);
	gk_web_resp_clear(&r);
}

static xmlDocPtr
parse(const struct gk_web_resp *r)
{
	xmlDocPtr d = xmlReadMemory(r->body.data, (int)r->body.len, "x.xml", NULL,
	    XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);

	if (d == NULL)
		fail_msg("not well-formed XML:\n%s", r->body.data);
	return d;
}

static void
test_feed(void **state)
{
	struct gk_web_resp	 r;
	xmlDocPtr		 d;
	xmlNodePtr		 root, n, c;
	int			 entries = 0, ok_links = 0;
	char			 path[96], first[64];

	(void)state;
	snprintf(path, sizeof(path), "/agency/1/category/%lld/feed.xml", (long long)F.cat_other);
	get(path, 200, &r);
	assert_string_equal(r.content_type, "application/atom+xml; charset=utf-8");
	assert_true(r.cacheable);
	d = parse(&r);
	root = xmlDocGetRootElement(d);
	assert_string_equal((const char *)root->name, "feed");
	assert_non_null(root->ns);
	assert_string_equal((const char *)root->ns->href, "http://www.w3.org/2005/Atom");
	snprintf(first, sizeof(first), HOST "/item/%lld", (long long)F.pol[23]);
	for (n = root->children; n != NULL; n = n->next) {
		if (n->type != XML_ELEMENT_NODE)
			continue;
		if (strcmp((const char *)n->name, "updated") == 0) {
			xmlChar *t = xmlNodeGetContent(n);

			assert_string_equal((const char *)t, "2025-03-23T10:00:00+08:00");
			xmlFree(t);
		}
		if (strcmp((const char *)n->name, "entry") != 0)
			continue;
		entries++;
		for (c = n->children; c != NULL; c = c->next) {
			xmlChar *h;

			if (c->type != XML_ELEMENT_NODE || strcmp((const char *)c->name, "link") != 0)
				continue;
			h = xmlGetProp(c, (const xmlChar *)"href");
			assert_non_null(h);
			assert_true(strncmp((const char *)h, HOST "/item/", strlen(HOST "/item/")) == 0);
			if (entries == 1)
				assert_string_equal((const char *)h, first);
			ok_links++;
			xmlFree(h);
		}
	}
	assert_int_equal(entries, 20);
	assert_int_equal(ok_links, 20);
	xmlFreeDoc(d);
	gk_web_resp_clear(&r);
}

static void
test_sitemap(void **state)
{
	struct gk_web_resp	 r;
	xmlDocPtr		 d;
	xmlNodePtr		 root, n;
	int			 urls = 0;
	char			 x[96];

	(void)state;
	get("/sitemap.xml", 200, &r);
	assert_string_equal(r.content_type, "application/xml; charset=utf-8");
	d = parse(&r);
	root = xmlDocGetRootElement(d);
	assert_string_equal((const char *)root->name, "urlset");
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			urls++;
	/*
	 * / ; per agency: column, guide, rules, reports/ (4 × 2); the sections
	 * (14 each by default, 28); the bureau's 2025 report; 25 published items.
	 */
	assert_int_equal(urls, 1 + 8 + 28 + 1 + 25);
	HAS(r.body.data, "<loc>" HOST "/</loc>");
	HAS(r.body.data, "<loc>" HOST "/agency/1/reports/2025</loc>");
	snprintf(x, sizeof(x), "<loc>" HOST "/item/%lld</loc>", (long long)F.pol[1]);
	HAS(r.body.data, x);
	snprintf(x, sizeof(x), "<loc>" HOST "/item/%lld</loc>", (long long)F.withdrawn);
	LACKS(r.body.data, x);
	snprintf(x, sizeof(x), "<loc>" HOST "/item/%lld</loc>", (long long)F.draft);
	LACKS(r.body.data, x);
	LACKS(r.body.data, "feed.xml");
	xmlFreeDoc(d);
	gk_web_resp_clear(&r);
}

static int
xml_children(const struct gk_web_resp *r, const char *root_name)
{
	xmlDocPtr	d = parse(r);
	xmlNodePtr	root = xmlDocGetRootElement(d), n;
	int		k = 0;

	assert_string_equal((const char *)root->name, root_name);
	for (n = root->children; n != NULL; n = n->next)
		if (n->type == XML_ELEMENT_NODE)
			k++;
	xmlFreeDoc(d);
	return k;
}

/* Past the limit: /sitemap.xml is an index of parts that together list every page once. */
static void
test_sitemap_parts(void **state)
{
	struct gk_web_resp	 r;
	char			 path[32];
	int			 k, total = 0;

	(void)state;
	gk_portal_sitemap_max = 10;
	get("/sitemap.xml", 200, &r);
	assert_int_equal(xml_children(&r, "sitemapindex"), 7);	/* 63 pages, 10 a part */
	HAS(r.body.data, "<sitemap><loc>" HOST "/sitemap-7.xml</loc></sitemap>");
	gk_web_resp_clear(&r);
	for (k = 1; k <= 7; k++) {
		snprintf(path, sizeof(path), "/sitemap-%d.xml", k);
		get(path, 200, &r);
		assert_true(r.cacheable);
		total += xml_children(&r, "urlset");
		if (k == 7)
			assert_int_equal(xml_children(&r, "urlset"), 3);
		gk_web_resp_clear(&r);
	}
	assert_int_equal(total, 63);
	get("/sitemap-8.xml", 404, &r);
	gk_web_resp_clear(&r);
	assert_int_equal(get3("/sitemap-0.xml", NULL, NULL, &r), GK_ENOTFOUND);
	gk_web_resp_clear(&r);
	assert_int_equal(get3("/sitemap-1.xmlx", NULL, NULL, &r), GK_ENOTFOUND);
	gk_web_resp_clear(&r);
	gk_portal_sitemap_max = GK_PORTAL_SITEMAP_MAX;
	/* Under the limit there are no parts. */
	get("/sitemap-1.xml", 404, &r);
	gk_web_resp_clear(&r);
}

static void
test_reports(void **state)
{
	struct gk_web_resp		 r;
	struct gk_report_snapshot	 s;
	const char			*b;
	char				 err[256];

	(void)state;
	b = get("/agency/1/reports/", 200, &r);
	HAS(b, "<a href=\"/agency/1/reports/2025\">2025年度报告</a>");
	HAS(b, "<a href=\"/agency/1/reports/2025.txt\">文本</a>");
	gk_web_resp_clear(&r);
	b = get("/agency/2/reports/", 200, &r);
	HAS(b, "暂未发布年度报告。");
	gk_web_resp_clear(&r);

	b = get("/agency/1/reports/2025", 200, &r);
	assert_true(r.cacheable);
	HAS(b, "<title>2025年政府信息公开工作年度报告 - 测试平台</title>");
	HAS(b, "盐边县商务局2025年政府信息公开工作年度报告");	/* the report's own title */
	HAS(b, "（第 1 版）");
	/* Five charts, each with its numbers written out (the last two with data tables). */
	assert_int_equal(count(b, "<figure class=\"chart\">"), 5);
	HAS(b, "<title id=\"c-applicant-t\">2025年新收政府信息公开申请（按申请人类型）</title>");
	HAS(b, "<title id=\"c-years-t\">主动公开信息与新收申请（逐年）</title>");
	assert_int_equal(count(b, "<table class=\"chart-data\">"), 5);
	HAS(b, "<caption>数据表：2025年主动公开信息（按月份）</caption>");
	HAS(b, "<title id=\"c-cat-t\">2025年主动公开信息（按栏目）</title>");
	HAS(b, "政策文件：23；政策解读：1；");
	HAS(b, "<desc id=\"c-month-d\">1月：0；2月：0；3月：24；4月：0；");
	HAS(b, "<title id=\"c-apply-t\">2025年政府信息公开申请办理结果</title>");
	HAS(b, "予以公开：0；部分公开：0；");
	HAS(b, "fill=\"url(#c-cat-p)\"");
	LACKS(b, "<script");
	gk_web_resp_clear(&r);

	b = get("/agency/1/reports/2025.txt", 200, &r);
	assert_string_equal(r.content_type, "text/plain; charset=utf-8");
	HAS(b, "盐边县商务局\n\n2025 年政府信息公开工作年度报告");
	gk_web_resp_clear(&r);
	get("/agency/1/reports/2025.json", 200, &r);
	assert_string_equal(r.content_type, "application/json; charset=utf-8");
	assert_int_equal(gk_report_snapshot_get(F.db, F.ag, 2025, 0, &s, err, sizeof(err)), GK_OK);
	assert_string_equal(r.body.data, s.json);
	gk_report_snapshot_clear(&s);
	gk_web_resp_clear(&r);
	get("/agency/1/reports/2025.pdf", 404, &r);
	gk_web_resp_clear(&r);
}

static void
test_large_and_prefs(void **state)
{
	struct gk_web_resp	 r;
	struct gk_web_req	 req;
	struct gk_web_arg	 a[2];
	char			 err[256];

	(void)state;
	assert_int_equal(get3("/agency/1/", NULL, "1", &r), GK_OK);
	assert_int_equal(r.status, 200);
	HAS(r.body.data, "<html lang=\"zh-CN\" class=\"large\">");
	HAS(r.body.data, "<a href=\"/prefs/large?on=0&amp;back=%2Fagency%2F1%2F\">标准版</a>");
	assert_false(r.cacheable);	/* differs per visitor */
	gk_web_resp_clear(&r);
	assert_int_equal(get3("/agency/1/", NULL, "0", &r), GK_OK);
	HAS(r.body.data, "<html lang=\"zh-CN\">");
	assert_true(r.cacheable);
	gk_web_resp_clear(&r);

	fx();
	memset(&req, 0, sizeof(req));
	req.method = "GET";
	req.path = "/prefs/large";
	req.args = a;
	req.nargs = 2;
	a[0].name = "on";
	a[0].value = "1";
	a[1].name = "back";
	a[1].value = "/item/3";
	gk_web_resp_init(&r);
	assert_int_equal(gk_web_dispatch(&F.ctx, &req, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/item/3");
	assert_string_equal(r.set_cookie, "gk_large=1; Path=/; Max-Age=31536000; SameSite=Lax");
	assert_false(r.cacheable);
	gk_web_resp_clear(&r);
	/* Off, and an open redirect attempt goes home instead. */
	a[0].value = "0";
	a[1].value = "//evil.example/";
	assert_int_equal(gk_web_dispatch(&F.ctx, &req, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/");
	assert_string_equal(r.set_cookie, "gk_large=0; Path=/; Max-Age=0; SameSite=Lax");
	gk_web_resp_clear(&r);
	/* A query with Chinese text comes back percent-encoded. */
	a[1].value = "/search?q=招商 引资&page=2";
	assert_int_equal(gk_web_dispatch(&F.ctx, &req, &r, err, sizeof(err)), GK_OK);
	assert_string_equal(r.location, "/search?q=%E6%8B%9B%E5%95%86%20%E5%BC%95%E8%B5%84&page=2");
	gk_web_resp_clear(&r);
	a[1].value = "https://evil.example/";
	assert_int_equal(gk_web_dispatch(&F.ctx, &req, &r, err, sizeof(err)), GK_OK);
	assert_string_equal(r.location, "/");
	gk_web_resp_clear(&r);
	a[0].value = "yes";
	assert_int_equal(gk_web_dispatch(&F.ctx, &req, &r, err, sizeof(err)), GK_OK);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.set_cookie, "");
	gk_web_resp_clear(&r);
}

static void
test_css_and_error_page(void **state)
{
	struct gk_web_resp	 r;
	const char		*b;

	(void)state;
	b = get("/static/portal.css", 200, &r);
	assert_string_equal(r.content_type, "text/css; charset=utf-8");
	assert_true(r.cacheable);
	HAS(b, "html.large{font-size:137.5%}");
	HAS(b, "@media print{");
	HAS(b, ":focus");
	gk_web_resp_clear(&r);

	gk_web_resp_init(&r);
	assert_int_equal(gk_page_error(&r, &F.ctx, NULL, 429, "请稍后再试"), GK_OK);
	assert_int_equal(r.status, 429);
	HAS(r.body.data, "<h1>请求过于频繁</h1>");
	HAS(r.body.data, "<p>请稍后再试</p>");
	HAS(r.body.data, "</html>\n");
	gk_web_resp_clear(&r);
}

struct walk {
	int	pages, html;
};

static enum gk_err
walk_page(void *arg, const char *path, const char *page)
{
	struct walk		*w = arg;
	struct gk_web_resp	 r;

	assert_int_equal(get3(path, page, NULL, &r), GK_OK);
	if (r.status != 200 || !r.cacheable)
		fail_msg("%s?page=%s: %d cacheable %d", path, page ? page : "", r.status, r.cacheable);
	w->pages++;
	if (strncmp(r.content_type, "text/html", 9) == 0)
		w->html++;
	gk_web_resp_clear(&r);
	return GK_OK;
}

/* What `gongkai export` writes: every page answers 200 and is cacheable. */
static void
test_pages_enumeration(void **state)
{
	struct walk	w = { 0, 0 };
	char		err[256];

	(void)state;
	fx();
	assert_int_equal(gk_portal_pages(F.db, walk_page, &w, err, sizeof(err)), GK_OK);
	/*
	 * HTML: / + 4 × 2 agency pages + 28 sections + page 2 of 其他文件 and of
	 * 政策文件 + the report + 25 items = 65; others: 28 feeds, .txt, .json,
	 * 25 QR codes, the stylesheet, the sitemap = 57.
	 */
	assert_int_equal(w.html, 65);
	assert_int_equal(w.pages, 65 + 57);
	/* With parts: the 7 part files too. */
	w.pages = w.html = 0;
	gk_portal_sitemap_max = 10;
	assert_int_equal(gk_portal_pages(F.db, walk_page, &w, err, sizeof(err)), GK_OK);
	gk_portal_sitemap_max = GK_PORTAL_SITEMAP_MAX;
	assert_int_equal(w.pages, 65 + 57 + 7);
}

static char *
md(const char *in)
{
	struct gk_buf b;

	gk_buf_init(&b, 0);
	assert_int_equal(gk_portal_md(&b, in), GK_OK);
	return gk_buf_take(&b, NULL);
}

static void
test_markdown(void **state)
{
	static const char *const cases[][2] = {
		{ "", "" },
		{ "一段\n同一段", "<p>一段<br>\n同一段</p>\n" },
		{ "# 标题\n正文", "<h2>标题</h2>\n<p>正文</p>\n" },
		{ "####### 七个井号", "<p>####### 七个井号</p>\n" },
		{ "#没有空格", "<p>#没有空格</p>\n" },
		{ "1. 一\n2. 二\n\n后", "<ol>\n<li>一</li>\n<li>二</li></ol>\n<p>后</p>\n" },
		{ "> 引\n> 用", "<blockquote><p>引<br>\n用</p></blockquote>\n" },
		{ "**粗**与**未闭合", "<p><strong>粗</strong>与**未闭合</p>\n" },
		{ "****", "<p>****</p>\n" },
		{ "<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>\n" },
		{ "[链接](javascript:alert(1))", "<p>[链接](javascript:alert(1))</p>\n" },
		{ "- a\r\n- \"b\"\r\n", "<ul>\n<li>a</li>\n<li>&quot;b&quot;</li></ul>\n" },
		{ "**<i>**", "<p><strong>&lt;i&gt;</strong></p>\n" },
	};
	size_t i;

	(void)state;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *out = md(cases[i][0]);

		if (strcmp(out != NULL ? out : "", cases[i][1]) != 0)
			fail_msg("md case %zu: got [%s] expected [%s]", i, out ? out : "", cases[i][1]);
		gk_free(out);
	}
}

static void
test_pd_bad_input(void **state)
{
	struct gk_pd_items	l;
	char			err[128];
	int			years[4];
	size_t			n;
	int64_t			item_id;

	(void)state;
	fx();
	assert_int_equal(gk_pd_items(F.db, 1, 0, 0, 0, &l, err, sizeof(err)), GK_EINVAL);
	assert_int_equal(gk_pd_items(F.db, 1, 0, GK_PD_LIMIT_MAX + 1, 0, &l, err, sizeof(err)),
	    GK_EINVAL);
	/* Beyond the end: no rows, the total still counted. */
	assert_int_equal(gk_pd_items(F.db, 1, 0, 10, 1000, &l, err, sizeof(err)), GK_OK);
	assert_int_equal(l.n, 0);
	assert_int_equal(l.total, 24);
	gk_pd_items_free(&l);
	assert_int_equal(gk_pd_report_years(F.db, 1, years, 4, &n, err, sizeof(err)), GK_OK);
	assert_int_equal(n, 1);
	assert_int_equal(years[0], 2025);
	assert_int_equal(gk_pd_attachment_item(F.db, 999, &item_id, err, sizeof(err)), GK_ENOTFOUND);
	/* Allocation failures: an error, nothing leaked (ASan). */
	gk_mem_fail_after(0);
	assert_int_equal(gk_pd_items(F.db, 1, 0, 10, 0, &l, err, sizeof(err)), GK_ENOMEM);
	gk_mem_fail_reset();
}

/*
 * Every allocation of a page failing in turn: the handler answers or says
 * GK_ENOMEM, never crashes or leaks (ASan), and the page is whole again
 * once memory is back.
 */
static void
test_alloc_failures(void **state)
{
	static const char *const paths[] = { "/", "/agency/1/", "/agency/1/guide",
	    "/agency/1/category/5/", "/agency/1/category/5/feed.xml", "/sitemap.xml",
	    "/agency/1/reports/2025", NULL /* the item */ };
	char		 item[32], err[256];
	size_t		 i;
	long		 n;

	(void)state;
	fx();
	snprintf(item, sizeof(item), "/item/%lld", (long long)F.pol[5]);
	for (i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		const char		*path = paths[i] != NULL ? paths[i] : item;
		struct gk_web_req	 req;
		struct gk_web_resp	 r, ok;
		enum gk_err		 e;

		memset(&req, 0, sizeof(req));
		req.method = "GET";
		req.path = path;
		gk_web_resp_init(&ok);
		assert_int_equal(gk_web_dispatch(&F.ctx, &req, &ok, err, sizeof(err)), GK_OK);
		for (n = 0; n < 4000; n++) {
			gk_web_resp_init(&r);
			gk_mem_fail_after(n);
			e = gk_web_dispatch(&F.ctx, &req, &r, err, sizeof(err));
			gk_mem_fail_reset();
			if (e == GK_OK) {
				/* Answered: then it is the whole page, never a part of it. */
				if (r.status != ok.status || r.body.len != ok.body.len)
					fail_msg("%s, allocation %ld failing: status %d, %zu bytes "
					    "(want %d, %zu)", path, n, r.status, r.body.len, ok.status,
					    ok.body.len);
				assert_memory_equal(r.body.data, ok.body.data, ok.body.len);
				gk_web_resp_clear(&r);
				break;
			}
			if (e != GK_ENOMEM && e != GK_EDB)
				fail_msg("%s, allocation %ld failing: %s (%d), status %d", path, n,
				    gk_strerror(e), (int)e, r.status);
			gk_web_resp_clear(&r);
		}
		assert_true(n < 4000);
		gk_web_resp_clear(&ok);
	}
}

/* Charts and QR codes on their own: widths by hand, all-zero data, escaping, limits. */
static void
test_svg(void **state)
{
	static const char *const labels[] = { "甲", "<乙&>", "丙" };
	static const int64_t v[] = { 4, 2, 0 }, zero[] = { 0, 0, 0 };
	struct gk_buf	 b;
	char		*big;

	(void)state;
	gk_buf_init(&b, 0);
	assert_int_equal(gk_svg_bars(&b, "t", "标题<x>", labels, v, 3), GK_OK);
	/* The longest bar is 360 wide; 2 of 4 is 180; 0 draws no bar but its number. */
	HAS(b.data, "<rect x=\"190\" y=\"39\" width=\"360\" height=\"22\"");
	HAS(b.data, "<rect x=\"190\" y=\"69\" width=\"180\" height=\"22\"");
	assert_int_equal(count(b.data, "<rect x=\"190\""), 2);
	HAS(b.data, "<text x=\"196\" y=\"115\" font-size=\"14\" fill=\"#1a1a1a\">0</text>");
	HAS(b.data, "<title id=\"t-t\">标题&lt;x&gt;</title>");
	HAS(b.data, "<desc id=\"t-d\">甲：4；&lt;乙&amp;&gt;：2；丙：0</desc>");
	HAS(b.data, "viewBox=\"0 0 640 136\"");
	gk_buf_clear(&b);
	assert_int_equal(gk_svg_bars(&b, "z", "空", labels, zero, 3), GK_OK);
	assert_int_equal(count(b.data, "<rect x=\"190\""), 0);
	gk_buf_clear(&b);

	assert_int_equal(gk_svg_qr(&b, "https://gk.example.gov.cn/item/1", 0), GK_OK);
	assert_true(strncmp(b.data, "<svg ", 5) == 0);
	/* Version 3 (29 modules) for 32 bytes at level M, with a 4-module quiet zone. */
	HAS(b.data, "viewBox=\"0 0 37 37\"");
	gk_buf_clear(&b);
	assert_int_equal(gk_svg_qr(&b, "", 0), GK_EINVAL);
	gk_buf_clear(&b);
	big = gk_malloc(4000);
	assert_non_null(big);
	memset(big, 'a', 3999);
	big[3999] = '\0';
	assert_int_equal(gk_svg_qr(&b, big, 0), GK_EINVAL);	/* beyond version 40 */
	gk_free(big);
	gk_buf_clear(&b);
}

static const struct CMUnitTest tests[] = {
	cmocka_unit_test(test_home),
	cmocka_unit_test(test_column_guide_rules),
	cmocka_unit_test(test_not_found),
	cmocka_unit_test(test_list_pagination),
	cmocka_unit_test(test_item_page),
	cmocka_unit_test(test_withdrawn_draft),
	cmocka_unit_test(test_escaping),
	cmocka_unit_test(test_attachment),
	cmocka_unit_test(test_feed),
	cmocka_unit_test(test_sitemap),
	cmocka_unit_test(test_sitemap_parts),
	cmocka_unit_test(test_reports),
	cmocka_unit_test(test_large_and_prefs),
	cmocka_unit_test(test_css_and_error_page),
	cmocka_unit_test(test_pages_enumeration),
	cmocka_unit_test(test_markdown),
	cmocka_unit_test(test_svg),
	cmocka_unit_test(test_pd_bad_input),
	cmocka_unit_test(test_alloc_failures),
};

GK_TEST_MAIN("portal", tests)
