/*
 * interp.c — policy interpretations (政策解读): their forms, the link to
 * the policy file they explain, and the ledger check that finds policy
 * files published without an interpretation or with one published later.
 * Interpretations are meant to be drafted, approved and published together
 * with the policy file; the check counts calendar days of delay.
 */
#include <stdio.h>
#include <string.h>

#include "interp.h"
#include "item.h"

static const char *const form_names[INTERP_FORM__MAX] = {
	"text", "graphic", "case", "media",
};
static const char *const form_labels[INTERP_FORM__MAX] = {
	"文字", "图解", "案例", "音视频",
};
static const char *const kind_names[INTERP_KIND__MAX] = {
	"missing", "late",
};

const char *
interp_form_name(enum interp_form f)
{
	return (unsigned)f < INTERP_FORM__MAX ? form_names[f] : "?";
}

const char *
interp_form_label(enum interp_form f)
{
	return (unsigned)f < INTERP_FORM__MAX ? form_labels[f] : "?";
}

int
interp_form_from_name(const char *s, enum interp_form *f)
{
	int i;

	if (s == NULL)
		return 0;
	for (i = 0; i < INTERP_FORM__MAX; i++)
		if (strcmp(s, form_names[i]) == 0 || strcmp(s, form_labels[i]) == 0) {
			*f = (enum interp_form)i;
			return 1;
		}
	return 0;
}

const char *
interp_kind_name(enum interp_kind k)
{
	return (unsigned)k < INTERP_KIND__MAX ? kind_names[k] : "?";
}

static int
published(const char *s)
{
	return s != NULL && *s != '\0';
}

static struct interp_finding *
add(struct interp_findings *out, enum interp_kind k, int64_t policy)
{
	struct interp_finding *f;

	if (out->n >= INTERP_FINDINGS_MAX)
		return NULL;
	f = &out->v[out->n++];
	memset(f, 0, sizeof(*f));
	f->kind = k;
	f->policy_id = policy;
	return f;
}

enum gk_err
interp_check(const struct interp_policy *p, const struct interp_item *v, size_t n,
    struct interp_findings *out, char *err, size_t errlen)
{
	struct interp_finding	*f;
	int32_t			 pd, d;
	size_t			 i, ours = 0;
	int			 full = 0;

	if (out != NULL)
		out->n = 0;
	if (p == NULL || out == NULL || (n > 0 && v == NULL)) {
		snprintf(err, errlen, "内部错误：缺少政策文件或解读");
		return GK_EINVAL;
	}
	if (!published(p->published))
		return GK_OK;
	if (!item_date_parse(p->published, &pd)) {
		snprintf(err, errlen, "政策文件（编号 %lld）的发布日期“%.40s”无效",
		    (long long)p->id, p->published);
		return GK_EINVAL;
	}
	for (i = 0; i < n; i++) {
		if (v[i].policy_id != p->id || !published(v[i].published))
			continue;
		if (!item_date_parse(v[i].published, &d)) {
			snprintf(err, errlen, "政策解读（编号 %lld）的发布日期“%.40s”无效",
			    (long long)v[i].id, v[i].published);
			out->n = 0;
			return GK_EINVAL;
		}
		ours++;
		if (d <= pd)
			continue;
		if ((f = add(out, INTERP_F_LATE, p->id)) == NULL) {
			full = 1;
			continue;
		}
		f->interp_id = v[i].id;
		f->days_late = (int)(d - pd);
		snprintf(f->msg, sizeof(f->msg), "政策文件“%.120s”于 %s 发布，其%s解读晚 %d 天（%s）发布",
		    p->title ? p->title : "", p->published, interp_form_label(v[i].form),
		    f->days_late, v[i].published);
	}
	if (ours == 0 && (f = add(out, INTERP_F_MISSING, p->id)) != NULL)
		snprintf(f->msg, sizeof(f->msg), "政策文件“%.120s”已于 %s 发布，但没有已发布的政策解读",
		    p->title ? p->title : "", p->published);
	if (full) {
		snprintf(err, errlen, "政策解读问题过多，只列出前 %d 条", INTERP_FINDINGS_MAX);
		return GK_ELIMIT;
	}
	return GK_OK;
}

enum gk_err
interp_link_check(const struct category *interp, const struct category *policy,
    char *err, size_t errlen)
{
	if (!category_is_interp(interp)) {
		snprintf(err, errlen, "只有“政策解读”栏目的信息可以关联政策文件");
		return GK_EINVAL;
	}
	if (policy == NULL) {
		snprintf(err, errlen, "政策解读须关联所解读的政策文件");
		return GK_EINVAL;
	}
	if (!category_is_policy(policy)) {
		snprintf(err, errlen, "政策解读只能关联“政策文件”栏目的信息，不能关联“%s”",
		    policy->path);
		return GK_EINVAL;
	}
	return GK_OK;
}
