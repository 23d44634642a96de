/*
 * report_data.c — the annual report from the store: counts by SQL, texts,
 * build, government aggregate, snapshots and publication.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sqlite3.h>

#include "core/apply.h"
#include "core/workflow.h"
#include "report/report_io.h"
#include "store/agency.h"
#include "store/audit.h"
#include "store/channel.h"
#include "store/db.h"
#include "store/figures.h"
#include "store/legal_case.h"
#include "store/report_data.h"
#include "store/supervision.h"
#include "store/user.h"

#define TEXT_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_ADMIN))
#define PUBLISH_ROLES	(WF_ROLE_BIT(WF_ROLE_OFFICER) | WF_ROLE_BIT(WF_ROLE_APPROVER) | \
			 WF_ROLE_BIT(WF_ROLE_ADMIN))

static const char *const section_names[GK_NARR__MAX] = { "overview", "problems", "other" };
static const int section_no[GK_NARR__MAX] = { 1, 5, 6 };
static const char *const section_cn[GK_NARR__MAX] = {
	"一、总体情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
};

const char *
gk_report_section_name(enum gk_narr n)
{
	return (unsigned)n < GK_NARR__MAX ? section_names[n] : "";
}

int
gk_report_section_from_name(const char *s, enum gk_narr *n)
{
	int i;

	for (i = 0; i < GK_NARR__MAX; i++)
		if (strcmp(s, section_names[i]) == 0) {
			*n = (enum gk_narr)i;
			return 1;
		}
	return 0;
}

/* The year's bounds as text: "Y-01-01", "Y-12-31", "Y+1-01-01" and "Y". */
struct span {
	char	 first[24], last[24], next[24], year[16];
};

static void
span_of(int year, struct span *s)
{
	snprintf(s->first, sizeof(s->first), "%04d-01-01", year);
	snprintf(s->last, sizeof(s->last), "%04d-12-31", year);
	snprintf(s->next, sizeof(s->next), "%04d-01-01", year + 1);
	snprintf(s->year, sizeof(s->year), "%04d", year);
}

static enum gk_err
data_finding(struct gk_findings *fs, int section, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static enum gk_err
data_finding(struct gk_findings *fs, int section, const char *fmt, ...)
{
	struct gk_finding	*x;
	va_list			 ap;

	if ((x = gk_findings_add(fs, GK_GEN_R_DATA, GK_SEV_ERROR)) == NULL)
		return fs->err != GK_OK ? fs->err : GK_ENOMEM;
	x->at.section = section;
	snprintf(x->where, sizeof(x->where), "第%s部分", section == 2 ? "二" : section == 3 ?
	    "三" : section == 4 ? "四" : "一");
	va_start(ap, fmt);
	vsnprintf(x->msg, sizeof(x->msg), fmt, ap);
	va_end(ap);
	return GK_OK;
}

static const char *
col_text(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);

	return s != NULL ? (const char *)s : "";
}

/*
 * The statements of the counts, prepared once per build (a government's
 * aggregate runs them for every agency: parsing them each time was a third
 * of its time in bench_report_gen).
 */
enum { Q_DOCS, Q_ITEMS, Q_INTERP, Q_APPS, Q_CASES, Q_FEES, Q__MAX };

struct rd_cache {
	sqlite3_stmt	*st[Q__MAX];
};

static void
cache_clear(struct rd_cache *k)
{
	int i;

	for (i = 0; i < Q__MAX; i++) {
		sqlite3_finalize(k->st[i]);
		k->st[i] = NULL;
	}
}

/* The cached statement q (prepared from sql the first time), reset, with ?1–?5 bound. */
static enum gk_err
prepare(struct gk_db *db, struct rd_cache *k, int q, const char *sql, sqlite3_stmt **st,
    int64_t agency_id, const struct span *sp, char *err, size_t errlen)
{
	if (k->st[q] == NULL &&
	    sqlite3_prepare_v2(gk_db_sqlite(db), sql, -1, &k->st[q], NULL) != SQLITE_OK) {
		k->st[q] = NULL;
		return gk_db_err(db, err, errlen, "无法查询报告数据");
	}
	*st = k->st[q];
	sqlite3_reset(*st);
	sqlite3_clear_bindings(*st);
	sqlite3_bind_int64(*st, 1, agency_id);
	sqlite3_bind_text(*st, 2, sp->first, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 3, sp->last, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 4, sp->next, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(*st, 5, sp->year, -1, SQLITE_TRANSIENT);
	return GK_OK;
}

/* Ends a cached statement's run (reset, kept for the next agency). */
static enum gk_err
finish(struct gk_db *db, sqlite3_stmt *st, int rc, enum gk_err e, char *err, size_t errlen)
{
	if (e == GK_OK && rc != SQLITE_DONE)
		e = gk_db_err(db, err, errlen, "无法查询报告数据");
	sqlite3_reset(st);
	return e;
}

/*
 * 第二十条第（一）项: items under 政策文件/规章 (zcwj-gz) and 政策文件/行政规范性
 * 文件 (zcwj-gfx) and their subcategories.
 */
static enum gk_err
count_docs(struct gk_db *db, struct rd_cache *k, int64_t agency_id, const struct span *sp,
    struct gk_gen_counts *c, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e;
	int		 rc;

	if ((e = prepare(db, k, Q_DOCS,
	    "WITH RECURSIVE c(id, doc) AS ("
	    " SELECT id, CASE code WHEN 'zcwj-gz' THEN 0 ELSE 1 END FROM category"
	    "  WHERE agency_id = ?1 AND code IN ('zcwj-gz', 'zcwj-gfx')"
	    " UNION SELECT k.id, c.doc FROM c JOIN category k ON k.agency_id = ?1"
	    "  AND k.parent_id = c.id)"
	    " SELECT c.doc,"
	    "  total(i.state = 'published' AND substr(i.written_date, 1, 4) = ?5),"
	    "  total(i.published_at IS NOT NULL AND i.validity = '废止'"
	    "   AND substr(i.validity_date, 1, 4) = ?5),"
	    "  total(i.state = 'published' AND i.written_date <= ?3 AND NOT"
	    "   (i.validity IN ('废止', '失效') AND coalesce(i.validity_date <= ?3, 1))),"
	    "  total(i.state = 'published' AND i.published_at >= ?2 AND i.published_at < ?4),"
	    "  total(i.state = 'published' AND i.published_at < ?4)"
	    " FROM c CROSS JOIN item i ON i.category_id = c.id"
	    " WHERE i.agency_id = ?1 GROUP BY c.doc", &st, agency_id, sp, err, errlen)) != GK_OK)
		return e;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int d = sqlite3_column_int(st, 0) == 0 ? GK_GEN_DOC_RULE : GK_GEN_DOC_NORM;

		c->doc_issued[d] += sqlite3_column_int64(st, 1);
		c->doc_repealed[d] += sqlite3_column_int64(st, 2);
		c->doc_inforce[d] += sqlite3_column_int64(st, 3);
		c->doc_published[d] += sqlite3_column_int64(st, 4);
		c->doc_public[d] += sqlite3_column_int64(st, 5);
	}
	return finish(db, st, rc, GK_OK, err, errlen);
}

/* Items published in the year, by kind and top-level category; timeliness; interpretation forms. */
static enum gk_err
count_items(struct gk_db *db, struct rd_cache *k, int64_t agency_id, const struct span *sp,
    struct gk_gen_counts *c, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e = GK_OK;
	int		 rc;

	/*
	 * Through the agency's categories and item_category (category_id,
	 * published_at), so only the year's rows are read (CROSS JOIN keeps
	 * that order whatever the statistics say); the uncategorised items
	 * (category_id NULL) are the second part of the UNION.
	 */
	if ((e = prepare(db, k, Q_ITEMS,
	    "WITH RECURSIVE t(id, top, kind) AS ("
	    " SELECT id, name, kind FROM category WHERE agency_id = ?1 AND parent_id IS NULL"
	    " UNION ALL SELECT k.id, t.top, k.kind FROM t JOIN category k"
	    "  ON k.agency_id = ?1 AND k.parent_id = t.id)"
	    " SELECT t.top, t.kind, count(*), total(i.due_date IS NOT NULL),"
	    "  total(i.due_date IS NOT NULL AND substr(i.published_at, 1, 10) <= i.due_date)"
	    " FROM t CROSS JOIN item i ON i.category_id = t.id AND i.published_at >= ?2"
	    "  AND i.published_at < ?4"
	    " WHERE i.agency_id = ?1 AND i.state IN ('published', 'withdrawn') GROUP BY 1, 2"
	    " UNION ALL SELECT NULL, 'other', count(*), total(i.due_date IS NOT NULL),"
	    "  total(i.due_date IS NOT NULL AND substr(i.published_at, 1, 10) <= i.due_date)"
	    " FROM item i WHERE i.category_id IS NULL AND i.published_at >= ?2"
	    "  AND i.published_at < ?4 AND i.agency_id = ?1"
	    "  AND i.state IN ('published', 'withdrawn')", &st, agency_id, sp, err, errlen)) != GK_OK)
		return e;
	while (e == GK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum category_kind	kind;
		int64_t			n = sqlite3_column_int64(st, 2);

		if (!category_kind_from_name(col_text(st, 1), &kind))
			kind = CATEGORY_KIND_OTHER;
		c->items_kind[kind] += n;
		if (kind != CATEGORY_KIND_INTERP) {
			c->timed += sqlite3_column_int64(st, 3);
			c->on_time += sqlite3_column_int64(st, 4);
		}
		if (sqlite3_column_type(st, 0) != SQLITE_NULL &&
		    gk_gen_counts_add_cat(c, col_text(st, 0), n) != GK_OK) {
			snprintf(err, errlen, "一级栏目过多（最多 %d 个）", GK_GEN_CATS_MAX);
			e = GK_ELIMIT;
		}
	}
	if ((e = finish(db, st, rc, e, err, errlen)) != GK_OK)
		return e;
	if ((e = prepare(db, k, Q_INTERP,
	    "WITH RECURSIVE t(id) AS ("
	    " SELECT id FROM category WHERE agency_id = ?1 AND parent_id IS NULL"
	    " UNION ALL SELECT k.id FROM t JOIN category k ON k.agency_id = ?1 AND k.parent_id = t.id)"
	    " SELECT n.form, count(DISTINCT i.id) FROM t CROSS JOIN item i ON i.category_id = t.id"
	    "  AND i.published_at >= ?2 AND i.published_at < ?4"
	    " CROSS JOIN interpretation n ON n.item_id = i.id"
	    " WHERE i.agency_id = ?1 AND i.state IN ('published', 'withdrawn') GROUP BY n.form",
	    &st, agency_id, sp, err, errlen)) != GK_OK)
		return e;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum interp_form f;

		if (interp_form_from_name(col_text(st, 0), &f))
			c->interp_form[f] += sqlite3_column_int64(st, 1);
	}
	return finish(db, st, rc, GK_OK, err, errlen);
}

/*
 * Section 三 (docs/report-generate.md): 一 received in the year; 二 received
 * before it and not closed before it; 三 closed in the year, by outcome; 四
 * received by its end and not closed by then.
 */
static enum gk_err
count_applications(struct gk_db *db, struct rd_cache *k, int64_t agency_id, const struct span *sp,
    struct gk_gen_counts *c, struct gk_findings *fs, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e = GK_OK;
	int		 rc;

	if ((e = prepare(db, k, Q_APPS,
	    "SELECT applicant_type, outcome,"
	    "  total(received_date >= ?2 AND received_date <= ?3),"
	    "  total(received_date < ?2),"
	    "  total(closed_date >= ?2 AND closed_date <= ?3),"
	    "  total(closed_date IS NULL OR closed_date > ?3)"
	    " FROM application WHERE agency_id = ?1 AND received_date <= ?3"
	    "  AND (closed_date IS NULL OR closed_date >= ?2)"
	    " GROUP BY 1, 2 ORDER BY 1, 2", &st, agency_id, sp, err, errlen)) != GK_OK)
		return e;
	while (e == GK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum apply_applicant	 ap;
		enum apply_outcome	 out;
		const char		*oname = col_text(st, 1);
		int64_t			 closed = sqlite3_column_int64(st, 4);
		int			 col;

		if (!apply_applicant_from_name(col_text(st, 0), &ap)) {
			e = data_finding(fs, 3, "申请人类型“%.40s”无法计入报表（%lld 件申请）",
			    col_text(st, 0), (long long)sqlite3_column_int64(st, 2) +
			    sqlite3_column_int64(st, 3));
			continue;
		}
		col = (int)apply_applicant_col(ap);
		c->s3[GK_S3_NEW][col] += sqlite3_column_int64(st, 2);
		c->s3[GK_S3_CARRIED_IN][col] += sqlite3_column_int64(st, 3);
		c->s3[GK_S3_CARRIED_OUT][col] += sqlite3_column_int64(st, 5);
		if (closed == 0)
			continue;
		if (*oname == '\0' || !apply_outcome_from_name(oname, &out))
			e = data_finding(fs, 3, "%lld 件本年办结的申请（%s）办理结果“%.40s”无法计入报表",
			    (long long)closed, apply_applicant_label(ap), oname);
		else
			c->s3[apply_outcomes[out].row][col] += closed;
	}
	return finish(db, st, rc, e, err, errlen);
}

/* Section 四: cases filed in the year, with their result as of its last day. */
static enum gk_err
count_cases(struct gk_db *db, struct rd_cache *k, int64_t agency_id, const struct span *sp,
    struct gk_gen_counts *c, struct gk_findings *fs, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e = GK_OK;
	int		 rc;

	if ((e = prepare(db, k, Q_CASES,
	    "SELECT route, CASE WHEN result <> 'pending' AND coalesce(closed_date <= ?3, 1)"
	    "  THEN result ELSE 'pending' END, count(*)"
	    " FROM legal_case WHERE agency_id = ?1 AND filed_date >= ?2 AND filed_date <= ?3"
	    " GROUP BY 1, 2", &st, agency_id, sp, err, errlen)) != GK_OK)
		return e;
	while (e == GK_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		enum gk_s4route	r;
		enum gk_s4res	s;

		if (!gk_case_route_from_name(col_text(st, 0), &r) ||
		    !gk_case_result_from_name(col_text(st, 1), &s) || s == GK_S4_TOTAL)
			e = data_finding(fs, 4, "案件途径或结果无法计入报表：%.20s / %.20s",
			    col_text(st, 0), col_text(st, 1));
		else
			c->s4[r][s] += sqlite3_column_int64(st, 2);
	}
	return finish(db, st, rc, e, err, errlen);
}

/*
 * 信息处理费: a fee notice counts when the next payment after it (no other
 * notice between) falls in the year. Only applications received by the
 * year's end and not closed before it can have one (no event follows an
 * answer or a withdrawal: apply_replay refuses it).
 */
static enum gk_err
count_fees(struct gk_db *db, struct rd_cache *k, int64_t agency_id, const struct span *sp,
    struct gk_gen_counts *c, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	enum gk_err	 e;
	int		 rc;

	if ((e = prepare(db, k, Q_FEES,
	    "SELECT coalesce(sum(f.amount), 0) FROM application a"
	    " JOIN application_event f ON f.application_id = a.id AND f.kind = ?6"
	    " WHERE a.agency_id = ?1 AND a.received_date <= ?3"
	    "  AND (a.closed_date IS NULL OR a.closed_date >= ?2)"
	    "  AND EXISTS (SELECT 1 FROM application_event p"
	    "  WHERE p.application_id = a.id AND p.kind = ?7 AND p.seq > f.seq"
	    "  AND p.date >= ?2 AND p.date <= ?3 AND NOT EXISTS (SELECT 1 FROM"
	    "  application_event g WHERE g.application_id = a.id AND g.kind = ?6"
	    "  AND g.seq > f.seq AND g.seq < p.seq))", &st, agency_id, sp, err, errlen)) != GK_OK)
		return e;
	sqlite3_bind_text(st, 6, apply_ev_name(APPLY_EV_FEE), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, apply_ev_name(APPLY_EV_PAID), -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		c->fees_fen += sqlite3_column_int64(st, 0);
		rc = SQLITE_DONE;
	}
	return finish(db, st, rc, GK_OK, err, errlen);
}

static enum gk_err
counts(struct gk_db *db, struct rd_cache *k, int64_t agency_id, int year,
    struct gk_gen_counts *c, struct gk_findings *fs, char *err, size_t errlen)
{
	struct gk_figure_list	 fl;
	struct span		 sp;
	enum gk_err		 e;
	size_t			 i;
	int			 rc;

	gk_gen_counts_init(c);
	if ((rc = gk_agency_exists(gk_db_sqlite(db), agency_id)) != 1) {
		if (rc < 0)
			return gk_db_err(db, err, errlen, "无法查询机构");
		snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
		return GK_ENOTFOUND;
	}
	span_of(year, &sp);
	if ((e = count_docs(db, k, agency_id, &sp, c, err, errlen)) != GK_OK ||
	    (e = count_items(db, k, agency_id, &sp, c, err, errlen)) != GK_OK ||
	    (e = count_applications(db, k, agency_id, &sp, c, fs, err, errlen)) != GK_OK ||
	    (e = count_cases(db, k, agency_id, &sp, c, fs, err, errlen)) != GK_OK ||
	    (e = count_fees(db, k, agency_id, &sp, c, err, errlen)) != GK_OK ||
	    (e = gk_supervision_counts(db, agency_id, year, c, err, errlen)) != GK_OK ||
	    (e = gk_channel_year_counts(db, agency_id, year, c->channels, err, errlen)) != GK_OK ||
	    (e = gk_agency_timeliness_rules(db, agency_id, &c->rules, err, errlen)) != GK_OK ||
	    (e = gk_figure_list(db, agency_id, year, &fl, err, errlen)) != GK_OK)
		return e;
	for (i = 0; i < fl.n && e == GK_OK; i++)
		if ((e = gk_gen_counts_set_figure(c, fl.v[i].key, fl.v[i].value)) != GK_OK)
			snprintf(err, errlen, "录入的数据项过多（最多 %d 个）", GK_GEN_FIGS_MAX);
	gk_figure_list_free(&fl);
	return e;
}

enum gk_err
gk_report_counts(struct gk_db *db, int64_t agency_id, int year, struct gk_gen_counts *c,
    struct gk_findings *fs, char *err, size_t errlen)
{
	struct rd_cache	k;
	enum gk_err	e;

	memset(&k, 0, sizeof(k));
	e = counts(db, &k, agency_id, year, c, fs, err, errlen);
	cache_clear(&k);
	return e;
}

/* Texts. */

enum gk_err
gk_report_text_get(struct gk_db *db, int64_t agency_id, int year, enum gk_narr n,
    char **text, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*text = NULL;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT text FROM report_text"
	    " WHERE agency_id = ?1 AND year = ?2 AND section = ?3", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询报告文本");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, gk_report_section_name(n), -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && (*text = gk_strdup(col_text(st, 0))) == NULL) {
		sqlite3_finalize(st);
		snprintf(err, errlen, "内存不足");
		return GK_ENOMEM;
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "机构 %lld 没有 %d 年度的%s文本", (long long)agency_id, year,
		    (unsigned)n < GK_NARR__MAX ? section_cn[n] : "");
		return GK_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法查询报告文本");
}

enum gk_err
gk_report_text_set(struct gk_db *db, const char *actor, int64_t agency_id, int year,
    enum gk_narr n, const char *text, size_t len, const char *now, char *err, size_t errlen)
{
	sqlite3		*h = gk_db_sqlite(db);
	sqlite3_stmt	*st;
	unsigned char	 d[GK_SHA256_LEN];
	char		 hex[GK_SHA256_HEXLEN + 1], change[256];
	enum gk_err	 e;
	size_t		 i;
	int		 rc;

	if ((unsigned)n >= GK_NARR__MAX || year < GK_FIGURE_YEAR_MIN || year > GK_FIGURE_YEAR_MAX) {
		snprintf(err, errlen, "章节或年度无效");
		return GK_EINVAL;
	}
	if (len > GK_GEN_TEXT_MAX) {
		snprintf(err, errlen, "文本过长（最多 %zu 字节）", GK_GEN_TEXT_MAX);
		return GK_ELIMIT;
	}
	if (gk_utf8_check(text, len) != len || memchr(text, '\0', len) != NULL) {
		snprintf(err, errlen, "文本不是 UTF-8");
		return GK_EINVAL;
	}
	/* A published report must read back: no control characters but \t and \n. */
	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];

		if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
			snprintf(err, errlen, "文本第 %zu 字节是控制字符（只允许换行和制表符）", i + 1);
			return GK_EINVAL;
		}
	}
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((rc = gk_agency_exists(h, agency_id)) != 1) {
		if (rc < 0)
			e = gk_db_err(db, err, errlen, "无法查询机构");
		else {
			snprintf(err, errlen, "机构编号 %lld 不存在", (long long)agency_id);
			e = GK_ENOTFOUND;
		}
		goto fail;
	}
	if ((e = gk_user_authorize(db, actor, agency_id, TEXT_ROLES, 1, err, errlen)) != GK_OK)
		goto fail;
	if (sqlite3_prepare_v2(h, "INSERT INTO report_text (agency_id, year, section, text,"
	    " updated_at) VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (agency_id, year, section)"
	    " DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存报告文本");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_text(st, 3, section_names[n], -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, text, (int)len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存报告文本");
		goto fail;
	}
	/* The audit entry names the text by its hash; the text is in the row. */
	gk_sha256(text, len, d);
	gk_sha256_hex(d, hex);
	snprintf(change, sizeof(change), "{\"year\":%d,\"section\":\"%s\",\"bytes\":%zu,"
	    "\"sha256\":\"%s\"}", year, section_names[n], len, hex);
	if ((e = gk_audit_append(db, actor, "report_text", agency_id, "set", change, now, NULL,
	    err, errlen)) != GK_OK)
		goto fail;
	return gk_db_tx_commit(db, err, errlen);
fail:
	gk_db_tx_rollback(db);
	return e;
}

/* Snapshots. */

void
gk_report_snapshot_clear(struct gk_report_snapshot *s)
{
	if (s == NULL)
		return;
	gk_free(s->json);
	gk_free(s->published_at);
	gk_free(s->actor);
	memset(s, 0, sizeof(*s));
}

enum gk_err
gk_report_snapshot_get(struct gk_db *db, int64_t agency_id, int year, int version,
    struct gk_report_snapshot *s, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	memset(s, 0, sizeof(*s));
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id, version, sha256, model_json,"
	    " published_at, actor FROM report_snapshot WHERE agency_id = ?1 AND year = ?2"
	    " AND (?3 = 0 OR version = ?3) ORDER BY version DESC LIMIT 1", -1, &st,
	    NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询已发布的报告");
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, version);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		s->id = sqlite3_column_int64(st, 0);
		s->version = sqlite3_column_int(st, 1);
		gk_strlcpy_utf8(s->sha256, col_text(st, 2), sizeof(s->sha256));
		if ((s->json = gk_strdup(col_text(st, 3))) == NULL ||
		    (s->published_at = gk_strdup(col_text(st, 4))) == NULL ||
		    (s->actor = gk_strdup(col_text(st, 5))) == NULL) {
			sqlite3_finalize(st);
			gk_report_snapshot_clear(s);
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE) {
		snprintf(err, errlen, "机构 %lld 没有已发布的 %d 年度报告", (long long)agency_id, year);
		return GK_ENOTFOUND;
	}
	return rc == SQLITE_ROW ? GK_OK : gk_db_err(db, err, errlen, "无法查询已发布的报告");
}

/* Year boundary: last year's published row 四 must be this year's row 二. */
static enum gk_err
check_boundary(struct gk_db *db, int64_t agency_id, const struct gk_report *r,
    struct gk_findings *fs, char *err, size_t errlen)
{
	struct gk_report_snapshot	 s;
	struct gk_report		 prev;
	char				 rerr[256];
	enum gk_err			 e;
	int				 j;

	e = gk_report_snapshot_get(db, agency_id, r->year - 1, 0, &s, err, errlen);
	if (e == GK_ENOTFOUND)
		return GK_OK;
	if (e != GK_OK)
		return e;
	if (gk_report_from_json(s.json, strlen(s.json), &prev, rerr, sizeof(rerr)) != GK_OK) {
		e = data_finding(fs, 3, "%d 年度已发布的报告（第 %d 版）无法读取：%s", r->year - 1,
		    s.version, rerr);
		gk_report_snapshot_clear(&s);
		return e;
	}
	for (j = 0; j < GK_S3COL__MAX && e == GK_OK; j++) {
		const struct gk_cell	*a = &prev.s3[GK_S3_CARRIED_OUT][j], *b = &r->s3[GK_S3_CARRIED_IN][j];
		struct gk_finding	*x;
		char			 va[64], vb[64];

		if (gk_cell_equal(a, b))
			continue;
		if ((x = gk_findings_add(fs, GK_GEN_R_BOUNDARY, GK_SEV_ERROR)) == NULL) {
			e = fs->err != GK_OK ? fs->err : GK_ENOMEM;
			break;
		}
		x->at.section = 3;
		x->at.row = GK_S3_CARRIED_IN;
		x->at.col = j;
		gk_place_describe(r, x->at, x->where, sizeof(x->where));
		gk_cell_format(a, va, sizeof(va));
		gk_cell_format(b, vb, sizeof(vb));
		snprintf(x->msg, sizeof(x->msg), "上年结转 %s 与 %d 年度已发布报告（第 %d 版）"
		    "“结转下年度继续办理” %s 不一致", vb, r->year - 1, s.version, va);
		if (a->state == GK_CELL_NUM && b->state == GK_CELL_NUM) {
			x->has_expected = 1;
			x->expected = a->num;
			x->actual = b->num;
		}
	}
	gk_report_clear(&prev);
	gk_report_snapshot_clear(&s);
	return e;
}

/* Expands agency_id's three texts into r with placeholders from c. */
static enum gk_err
fill_narrative(struct gk_db *db, int64_t agency_id, int year, const char *agency,
    const struct gk_gen_counts *c, struct gk_report *r, struct gk_findings *fs,
    char *err, size_t errlen)
{
	enum gk_err	e;
	int		n;

	for (n = 0; n < GK_NARR__MAX; n++) {
		char			*text, *out;
		struct gk_finding	*x;

		e = gk_report_text_get(db, agency_id, year, (enum gk_narr)n, &text, err, errlen);
		if (e == GK_ENOTFOUND) {
			if ((x = gk_findings_add(fs, GK_GEN_R_TEXT, GK_SEV_ERROR)) == NULL)
				return fs->err != GK_OK ? fs->err : GK_ENOMEM;
			x->at.section = section_no[n];
			snprintf(x->where, sizeof(x->where), "%s", section_cn[n]);
			snprintf(x->msg, sizeof(x->msg), "没有 %d 年度的文本：gongkai report text set"
			    " --agency %lld --year %d --section %s FILE", year, (long long)agency_id,
			    year, section_names[n]);
			continue;
		}
		if (e != GK_OK)
			return e;
		e = gk_gen_expand(text, strlen(text), c, year, agency, section_no[n], &out, fs);
		gk_free(text);
		if (e != GK_OK) {
			snprintf(err, errlen, "无法展开%s文本：%s", section_cn[n], gk_strerror(e));
			return e;
		}
		e = gk_report_set_narr(r, (enum gk_narr)n, out);
		gk_free(out);
		if (e != GK_OK) {
			snprintf(err, errlen, "内存不足");
			return e;
		}
	}
	return GK_OK;
}

static enum gk_err
agency_name(struct gk_db *db, int64_t id, char *buf, size_t n, char *err, size_t errlen)
{
	struct gk_agency	a;
	enum gk_err		e;

	if ((e = gk_agency_get(db, id, &a, err, errlen)) != GK_OK)
		return e;
	gk_strlcpy_utf8(buf, a.name, n);
	gk_agency_clear(&a);
	return GK_OK;
}

/* The tables of one agency (no narrative, no rules). */
static enum gk_err
build_tables(struct gk_db *db, struct rd_cache *k, int64_t agency_id, int year, char *name,
    size_t namelen, struct gk_report *out, struct gk_gen_counts *c, struct gk_findings *fs,
    char *err, size_t errlen)
{
	enum gk_err e;

	memset(out, 0, sizeof(*out));
	if (!gk_gen_tpl_for_year(year, &out->tpl)) {
		snprintf(err, errlen, "年度 %d 无法生成：国家模板适用于 2019 年度及以后的报告", year);
		return GK_EINVAL;
	}
	if ((e = agency_name(db, agency_id, name, namelen, err, errlen)) != GK_OK ||
	    (e = counts(db, k, agency_id, year, c, fs, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_gen_assemble(c, year, name, out, fs)) != GK_OK)
		snprintf(err, errlen, "%s", gk_strerror(e));
	return e;
}

static enum gk_err
check_all(struct gk_db *db, int64_t agency_id, struct gk_report *r, struct gk_findings *fs,
    char *err, size_t errlen)
{
	enum gk_err e;

	if (gk_report_check(r, fs) != GK_OK) {
		snprintf(err, errlen, "检查中断：%s", gk_strerror(fs->err));
		return fs->err;
	}
	if ((e = check_boundary(db, agency_id, r, fs, err, errlen)) != GK_OK)
		return e;
	if (fs->err != GK_OK) {
		snprintf(err, errlen, "%s", gk_strerror(fs->err));
		return fs->err;
	}
	return GK_OK;
}

enum gk_err
gk_report_build(struct gk_db *db, int64_t agency_id, int year, struct gk_report *out,
    struct gk_gen_counts *counts, struct gk_findings *fs, char *err, size_t errlen)
{
	struct gk_gen_counts	 c;
	struct rd_cache		 k;
	char			 name[GK_AGENCY_MAX];
	enum gk_err		 e;

	memset(&k, 0, sizeof(k));
	e = build_tables(db, &k, agency_id, year, name, sizeof(name), out, &c, fs, err, errlen);
	cache_clear(&k);
	if (e != GK_OK ||
	    (e = fill_narrative(db, agency_id, year, name, &c, out, fs, err, errlen)) != GK_OK ||
	    (e = check_all(db, agency_id, out, fs, err, errlen)) != GK_OK) {
		gk_report_clear(out);
		return e;
	}
	if (counts != NULL)
		*counts = c;
	return GK_OK;
}

/* The ids of gov_id's direct children, by id. */
static enum gk_err
children(struct gk_db *db, int64_t gov_id, int64_t **ids, size_t *n, char *err, size_t errlen)
{
	sqlite3_stmt	*st;
	int		 rc;

	*ids = NULL;
	*n = 0;
	if (sqlite3_prepare_v2(gk_db_sqlite(db), "SELECT id FROM agency WHERE parent_id = ?1"
	    " ORDER BY id", -1, &st, NULL) != SQLITE_OK)
		return gk_db_err(db, err, errlen, "无法查询机构");
	sqlite3_bind_int64(st, 1, gov_id);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t *p = gk_realloc(*ids, (*n + 1) * sizeof(*p));

		if (p == NULL) {
			sqlite3_finalize(st);
			gk_free(*ids);
			*ids = NULL;
			snprintf(err, errlen, "内存不足");
			return GK_ENOMEM;
		}
		*ids = p;
		p[(*n)++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		gk_free(*ids);
		*ids = NULL;
		return gk_db_err(db, err, errlen, "无法查询机构");
	}
	return GK_OK;
}

/* Copies the findings of one agency into fs with its name in front of where. */
static enum gk_err
merge_findings(struct gk_findings *fs, const struct gk_findings *one, const char *name)
{
	size_t i;

	for (i = 0; i < one->n; i++) {
		struct gk_finding	*x = gk_findings_add(fs, one->v[i].rule, one->v[i].sev);
		char			 w[GK_AGENCY_MAX + GK_FINDING_WHERE_MAX + 8];

		if (x == NULL)
			return fs->err != GK_OK ? fs->err : GK_ENOMEM;
		*x = one->v[i];
		snprintf(w, sizeof(w), "%s：%s", name, one->v[i].where);
		gk_strlcpy_utf8(x->where, w, sizeof(x->where));
	}
	return one->err;
}

enum gk_err
gk_report_build_government(struct gk_db *db, int64_t gov_id, int year, struct gk_report *out,
    size_t *nsummed, struct gk_findings *fs, char *err, size_t errlen)
{
	struct gk_gen_counts	 sum, c;
	struct gk_report	 one;
	struct gk_findings	 ofs;
	struct rd_cache		 k;
	char			 gname[GK_AGENCY_MAX], name[GK_AGENCY_MAX];
	int64_t			*ids = NULL;
	size_t			 n, i;
	enum gk_err		 e;
	int			 have = 0;

	memset(&k, 0, sizeof(k));
	*nsummed = 0;
	if (errlen > 0)
		err[0] = '\0';
	memset(out, 0, sizeof(*out));
	if (!gk_gen_tpl_for_year(year, &out->tpl)) {
		snprintf(err, errlen, "年度 %d 无法生成：国家模板适用于 2019 年度及以后的报告", year);
		return GK_EINVAL;
	}
	if ((e = agency_name(db, gov_id, gname, sizeof(gname), err, errlen)) != GK_OK ||
	    (e = children(db, gov_id, &ids, &n, err, errlen)) != GK_OK)
		return e;
	gk_gen_counts_init(&sum);
	sum.agencies = 0;
	/* The government itself first (i = 0), then its agencies. */
	for (i = 0; i <= n; i++) {
		int64_t id = i == 0 ? gov_id : ids[i - 1];

		gk_findings_init(&ofs);
		e = build_tables(db, &k, id, year, name, sizeof(name), &one, &c, &ofs, err, errlen);
		if (e == GK_OK && i == 0 && gk_gen_counts_empty(&c)) {
			/* Its own trainings and complaints still count in the narrative. */
			gk_gen_counts_add_supervision(&sum, &c);
			gk_report_clear(&one);
			gk_findings_clear(&ofs);
			continue;
		}
		if (e == GK_OK)
			e = gk_report_check(&one, &ofs);
		if (e == GK_OK)
			e = merge_findings(fs, &ofs, name);
		if (e == GK_OK)
			e = gk_gen_counts_add(&sum, &c);
		if (e == GK_OK && !have) {
			/* Every cell ABSENT: the first report's cells are copied in. */
			memset(out, 0, sizeof(*out));
			out->tpl = one.tpl;
			have = 1;
		}
		if (e == GK_OK)
			e = gk_report_add(out, &one);
		gk_report_clear(&one);
		gk_findings_clear(&ofs);
		if (e != GK_OK) {
			if (err[0] == '\0')
				snprintf(err, errlen, "%s：%s", name, gk_strerror(e));
			goto fail;
		}
		(*nsummed)++;
	}
	if (!have) {
		gk_report_init(out, out->tpl);
		if ((e = data_finding(fs, 3, "%s没有下属机关，本身也没有 %d 年度的数据", gname,
		    year)) != GK_OK)
			goto fail;
		sum.agencies = 1;
	}
	out->year = year;
	gk_strlcpy_utf8(out->agency, gname, sizeof(out->agency));
	/* {{deadline.…}}: the government's own rules. */
	if ((e = gk_agency_timeliness_rules(db, gov_id, &sum.rules, err, errlen)) != GK_OK ||
	    (e = fill_narrative(db, gov_id, year, gname, &sum, out, fs, err, errlen)) != GK_OK ||
	    (e = check_all(db, gov_id, out, fs, err, errlen)) != GK_OK)
		goto fail;
	cache_clear(&k);
	gk_free(ids);
	return GK_OK;
fail:
	cache_clear(&k);
	gk_free(ids);
	gk_report_clear(out);
	return e;
}

enum gk_err
gk_report_publish(struct gk_db *db, const char *actor, int64_t agency_id, int year,
    const char *now, struct gk_findings *fs, int *versionp, char shap[GK_SHA256_HEXLEN + 1],
    char *err, size_t errlen)
{
	struct gk_report	 r;
	struct gk_buf		 b;
	sqlite3			*h = gk_db_sqlite(db);
	sqlite3_stmt		*st;
	unsigned char		 d[GK_SHA256_LEN];
	char			 hex[GK_SHA256_HEXLEN + 1], change[256];
	int64_t			 id;
	int			 version = 0, rc, same = 0;
	enum gk_err		 e;
	size_t			 nb;

	gk_buf_init(&b, 0);
	if ((e = gk_db_tx_begin(db, err, errlen)) != GK_OK)
		return e;
	if ((e = gk_user_authorize(db, actor, agency_id, PUBLISH_ROLES, 1, err, errlen)) != GK_OK)
		goto fail;
	/* Built inside the transaction: nothing changes between the check and the snapshot. */
	if ((e = gk_report_build(db, agency_id, year, &r, NULL, fs, err, errlen)) != GK_OK)
		goto fail;
	if ((nb = gk_gen_blocking(fs)) > 0) {
		snprintf(err, errlen, "报告有 %zu 项问题，不能发布", nb);
		gk_report_clear(&r);
		e = GK_ECONFLICT;
		goto fail;
	}
	e = gk_render_json(&r, &b);
	gk_report_clear(&r);
	if (e != GK_OK || (e = b.err) != GK_OK) {
		snprintf(err, errlen, "无法生成 JSON：%s", gk_strerror(e));
		goto fail;
	}
	gk_sha256(b.data, b.len, d);
	gk_sha256_hex(d, hex);
	if (sqlite3_prepare_v2(h, "SELECT version, sha256 FROM report_snapshot"
	    " WHERE agency_id = ?1 AND year = ?2 ORDER BY version DESC LIMIT 1", -1, &st,
	    NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法查询已发布的报告");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		version = sqlite3_column_int(st, 0);
		same = strcmp(col_text(st, 1), hex) == 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法查询已发布的报告");
		goto fail;
	}
	if (same) {
		snprintf(err, errlen, "与已发布的第 %d 版相同，无需重新发布", version);
		e = GK_ECONFLICT;
		goto fail;
	}
	version++;
	if (sqlite3_prepare_v2(h, "INSERT INTO report_snapshot (agency_id, year, version,"
	    " model_json, sha256, published_at, actor) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	    -1, &st, NULL) != SQLITE_OK) {
		e = gk_db_err(db, err, errlen, "无法保存报告");
		goto fail;
	}
	sqlite3_bind_int64(st, 1, agency_id);
	sqlite3_bind_int(st, 2, year);
	sqlite3_bind_int(st, 3, version);
	sqlite3_bind_text(st, 4, b.data, (int)b.len, SQLITE_STATIC);
	sqlite3_bind_text(st, 5, hex, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 6, now, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 7, actor, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		e = gk_db_err(db, err, errlen, "无法保存报告");
		goto fail;
	}
	id = sqlite3_last_insert_rowid(h);
	snprintf(change, sizeof(change), "{\"agency_id\":%lld,\"year\":%d,\"version\":%d,"
	    "\"sha256\":\"%s\"}", (long long)agency_id, year, version, hex);
	if ((e = gk_audit_append(db, actor, "report", id, "publish", change, now, NULL, err,
	    errlen)) != GK_OK)
		goto fail;
	if ((e = gk_db_tx_commit(db, err, errlen)) != GK_OK)
		goto fail;
	gk_buf_clear(&b);
	if (versionp)
		*versionp = version;
	if (shap)
		memcpy(shap, hex, sizeof(hex));
	return GK_OK;
fail:
	gk_buf_clear(&b);
	gk_db_tx_rollback(db);
	return e;
}
