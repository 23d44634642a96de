/*
 * cli_check.c — `gongkai check site`: the website self-check against
 * 《政府网站与政务新媒体检查指标》 (docs/site-check.md). The rules are in
 * core/sitecheck.c, the facts from store/sitecheck_data.c, external links
 * through channels/linkcheck.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <curl/curl.h>
#include <jansson.h>

#include "channels/linkcheck.h"
#include "cli/cli.h"
#include "core/date.h"
#include "core/sitecheck.h"
#include "store/agency.h"
#include "store/db.h"
#include "store/site.h"
#include "store/sitecheck_data.h"
#include "web/web.h"

#define CHECK_HEAD_TIMEOUT	5	/* seconds per external link */

static const char check_usage[] =
"用法: gongkai [--db PATH] check site [--agency ID] [--external] [--json]\n"
"\n"
"网站自查：按《政府网站与政务新媒体检查指标》（国办秘函〔2019〕19号）逐项检查机构的\n"
"政府信息公开专栏（省略 --agency 时检查全部机构）：\n"
"  动态、要闻类栏目 2 周内未更新；通知公告、政策文件类一级栏目 6 个月内未更新；空白栏目；\n"
"  留言超过 3 个月未回复（1 年内）；政务新媒体（微信公众号）2 周内未更新；\n"
"  信息发布不及时（时效规则）；站内链接和附件无法访问。\n"
"每项给出所依据的指标、单项否决与扣分两栏（检查人员使用的表式），以及发现的问题。\n"
"\n"
"选项:\n"
"  --agency ID   只检查该机构\n"
"  --external    同时检查正文中的外部链接（HTTP HEAD，每个至多 5 秒）\n"
"  --json        以 JSON 输出\n"
"  -h, --help    显示本帮助\n"
"今天（监测时间点）取 $GONGKAI_NOW 的日期，否则为当前日期。\n"
"\n"
"退出码：0 每项都通过；1 有未通过的项（可由 cron 调用报警），或数据库错误；2 用法错误。\n";

static void
check_external(struct gk_sitecheck_data *d)
{
	char	 why[256];
	size_t	 i;

	for (i = 0; i < d->in.nlinks; i++) {
		struct sc_link *l = &d->links[i];

		if (!l->external)
			continue;
		l->ok = gk_linkcheck_head(l->url, CHECK_HEAD_TIMEOUT, why, sizeof(why));
		if (!l->ok)	/* a static text outlives why[] */
			l->why = strncmp(why, "HTTP ", 5) == 0 ? "HTTP 状态码表示错误" :
			    "无法连接或超时";
	}
	d->in.external = 1;
}

static const char *
verdict(const struct sc_result *r)
{
	return r->veto ? "不合格（达到单项否决）" : r->pass ? "通过" : "未通过（有问题须整改）";
}

static json_t *
result_json(int64_t id, const char *name, const char *td, const struct sc_result *r)
{
	json_t	*j, *rules, *f, *o;
	size_t	 i;
	int	 k;

	j = json_pack("{s:I, s:s, s:s, s:b, s:b, s:s, s:[], s:[]}", "agency_id", (json_int_t)id,
	    "agency", name, "today", td, "pass", r->pass, "veto", r->veto, "verdict", verdict(r),
	    "rules", "findings");
	if (j == NULL)
		return NULL;
	rules = json_object_get(j, "rules");
	f = json_object_get(j, "findings");
	for (k = 0; k < SC__MAX; k++) {
		o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:I, s:s, s:b, s:I}",
		    "rule", sitecheck_rule_name((enum sc_rule)k),
		    "title", sitecheck_rule_title((enum sc_rule)k),
		    "indicator", sitecheck_rule_indicator((enum sc_rule)k),
		    "veto_rule", sitecheck_rule_veto((enum sc_rule)k),
		    "deduct_rule", sitecheck_rule_deduct((enum sc_rule)k),
		    "checked", r->r[k].checked, "found", (json_int_t)r->r[k].found,
		    "result", !r->r[k].checked ? "不适用" : r->r[k].fail ? "未通过" : "通过",
		    "veto", r->r[k].veto, "deduct", (json_int_t)r->r[k].deduct);
		if (o == NULL || json_array_append_new(rules, o) != 0) {
			json_decref(j);
			return NULL;
		}
	}
	for (i = 0; i < r->n; i++) {
		o = json_pack("{s:s, s:I, s:s}", "rule", sitecheck_rule_name(r->v[i].rule),
		    "ref", (json_int_t)r->v[i].ref, "text", r->v[i].text);
		if (o == NULL || json_array_append_new(f, o) != 0) {
			json_decref(j);
			return NULL;
		}
	}
	return j;
}

static void
print_result(int64_t id, const char *name, const char *td, const struct sc_result *r)
{
	size_t	 i;
	int	 k;

	printf("网站自查（监测时间点 %s）：%s（机构 %lld）\n", td, name, (long long)id);
	printf("序号\t检查项\t单项否决\t扣分\t结果\t问题数\n");
	for (k = 0; k < SC__MAX; k++) {
		printf("%d\t%s\t%s\t", k + 1, sitecheck_rule_title((enum sc_rule)k),
		    r->r[k].veto ? "是" : "否");
		if (r->r[k].deduct > 0)
			printf("-%d", r->r[k].deduct);
		else
			printf("-");
		printf("\t%s\t%zu\n", !r->r[k].checked ? "不适用" : r->r[k].fail ? "未通过" : "通过",
		    r->r[k].found);
	}
	printf("结论：%s\n", verdict(r));
	for (i = 0; i < r->n; i++)
		printf("[%s] %s\n", sitecheck_rule_title(r->v[i].rule), r->v[i].text);
}

int
cli_check(int argc, char **argv)
{
	struct gk_db		*db;
	struct gk_agency_list	 al;
	struct gk_site		 site;
	char			 err[1024], td[GK_DATE_LEN];
	int64_t			 agency = 0;
	int32_t			 today;
	int			 i, json = 0, external = 0, rc = 0, checked = 0;
	size_t			 k;
	json_t			*out = NULL, *o;

	if (argc < 2)
		return cli_usage_error("check ", "缺少子命令（check site）");
	if (cli_is_help(argv[1])) {
		fputs(check_usage, stdout);
		return 0;
	}
	if (strcmp(argv[1], "site") != 0)
		return cli_usage_error("check ", "未知的子命令 '%s'", argv[1]);
	for (i = 2; i < argc; i++) {
		if (cli_is_help(argv[i])) {
			fputs(check_usage, stdout);
			return 0;
		}
		if (strcmp(argv[i], "--json") == 0)
			json = 1;
		else if (strcmp(argv[i], "--external") == 0)
			external = 1;
		else if (strcmp(argv[i], "--agency") == 0) {
			if (i + 1 >= argc || !cli_parse_id(argv[i + 1], &agency))
				return cli_usage_error("check ", "--agency 需要机构编号（正整数）");
			i++;
		} else
			return cli_usage_error("check ", "check site 不接受参数 '%s'", argv[i]);
	}
	if (cli_today(&today) != 0)
		return 1;
	gk_date_format(today, td);
	if ((db = cli_db_open(0)) == NULL)
		return 1;
	memset(&site, 0, sizeof(site));
	memset(&al, 0, sizeof(al));
	if (gk_site_load(db, &site, err, sizeof(err)) != GK_OK ||
	    gk_agency_list(db, &al, err, sizeof(err)) != GK_OK) {
		fprintf(stderr, "gongkai: %s\n", err);
		gk_db_close(db);
		return 1;
	}
	if (external)
		curl_global_init(CURL_GLOBAL_DEFAULT);
	if (json && (out = json_array()) == NULL)
		rc = 1;
	for (k = 0; k < al.n && rc == 0; k++) {
		struct gk_sitecheck_data	 d;
		struct sc_result		 r;

		if (agency != 0 && al.v[k].id != agency)
			continue;
		checked++;
		if (gk_sitecheck_gather(db, al.v[k].id, site.host, &d, err, sizeof(err)) != GK_OK ||
		    (external && (check_external(&d), 0)) ||
		    sitecheck_run(&d.in, today, &r, err, sizeof(err)) != GK_OK) {
			fprintf(stderr, "gongkai: %s\n", err);
			gk_sitecheck_data_free(&d);
			rc = 1;
			break;
		}
		if (json) {
			if ((o = result_json(al.v[k].id, al.v[k].name, td, &r)) == NULL ||
			    json_array_append_new(out, o) != 0)
				rc = 1;
		} else {
			if (checked > 1)
				printf("\n");
			print_result(al.v[k].id, al.v[k].name, td, &r);
		}
		if (!r.pass)
			rc = rc ? rc : -1;
		sitecheck_result_free(&r);
		gk_sitecheck_data_free(&d);
	}
	if (rc >= 0 && agency != 0 && checked == 0) {
		fprintf(stderr, "gongkai: 机构 %lld 不存在\n", (long long)agency);
		rc = 1;
	}
	if (json && out != NULL && rc <= 0) {
		char *s = json_dumps(out, JSON_INDENT(2) | JSON_PRESERVE_ORDER);

		if (s != NULL) {
			puts(s);
			gk_free(s);
		}
	}
	json_decref(out);
	if (external)
		curl_global_cleanup();
	gk_agency_list_free(&al);
	gk_db_close(db);
	return rc < 0 ? 1 : rc;
}
