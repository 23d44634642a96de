/*
 * timeliness.c — timeliness rules for proactive disclosure: the rule that
 * applies to a category, an item's due date on the working-day calendar,
 * on-time / late / due-soon classification for `gongkai item overdue`, and
 * the year's timeliness rate for the annual report. Pure logic.
 */
#include <stdio.h>
#include <string.h>

#include "core/timeliness.h"

const char *
timeliness_status_cn(enum timeliness_status s)
{
	static const char *const cn[TIMELINESS_STATUS__MAX] = {
		"按时公开", "逾期公开", "已逾期未公开", "即将到期", "未到期",
	};

	return (unsigned)s < TIMELINESS_STATUS__MAX ? cn[s] : "?";
}

/* 条例第二十六条: within 20 working days from formation or change. */
static const struct timeliness_rule statutory = {
	TIMELINESS_ANY, TIMELINESS_STATUTORY_DAYS, TIMELINESS_FROM_FORMED,
};

void
timeliness_rules_default(struct timeliness_rules *r)
{
	memset(r, 0, sizeof(*r));
	/* Policy files (and their children): 5 working days after 成文日期. */
	memcpy(r->v[0].category, "政策文件", sizeof("政策文件"));
	r->v[0].days = 5;
	r->v[0].base = TIMELINESS_FROM_FORMED;
	/* Work news: 3 working days after the event ends. */
	memcpy(r->v[1].category, "工作动态", sizeof("工作动态"));
	r->v[1].days = 3;
	r->v[1].base = TIMELINESS_FROM_EVENT_END;
	/* Everything else: the statutory bound of 条例第二十六条. */
	r->v[2] = statutory;
	r->n = 3;
}

enum gk_err
timeliness_rules_set(struct timeliness_rules *r, const char *category, int days,
    enum timeliness_base base, char *err, size_t errlen)
{
	size_t i, len;

	if (errlen)
		err[0] = '\0';
	if (category == NULL || (len = strlen(category)) == 0 ||
	    len >= TIMELINESS_NAME_MAX || strchr(category, '/') != NULL) {
		snprintf(err, errlen, "栏目名称无效（不能为空、不能含“/”、不超过 %d 字节）",
		    TIMELINESS_NAME_MAX - 1);
		return GK_EINVAL;
	}
	/* 条例第二十六条: no rule may allow more than 20 working days. */
	if (days < 1 || days > TIMELINESS_STATUTORY_DAYS) {
		snprintf(err, errlen, "时限 %d 个工作日无效：应为 1 到 %d 个工作日"
		    "（条例第二十六条规定的上限）", days, TIMELINESS_STATUTORY_DAYS);
		return GK_EINVAL;
	}
	if ((unsigned)base >= TIMELINESS_BASE__MAX) {
		snprintf(err, errlen, "起算日无效");
		return GK_EINVAL;
	}
	for (i = 0; i < r->n; i++)
		if (strcmp(r->v[i].category, category) == 0)
			break;
	if (i == r->n) {
		if (r->n >= TIMELINESS_MAX_RULES) {
			snprintf(err, errlen, "时限规则过多（最多 %d 条）", TIMELINESS_MAX_RULES);
			return GK_ELIMIT;
		}
		r->n++;
	}
	memcpy(r->v[i].category, category, len + 1);
	r->v[i].days = days;
	r->v[i].base = base;
	return GK_OK;
}

static const struct timeliness_rule *
find(const struct timeliness_rules *r, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < r->n; i++)
		if (len < TIMELINESS_NAME_MAX &&
		    strncmp(r->v[i].category, name, len) == 0 &&
		    r->v[i].category[len] == '\0')
			return &r->v[i];
	return NULL;
}

const struct timeliness_rule *
timeliness_rule_for(const struct timeliness_rules *r, const char *path)
{
	const struct timeliness_rule *x;
	size_t end;

	if (path == NULL)
		path = "";
	/* From the deepest component of "政策文件/规章" up to the root. */
	end = strlen(path);
	for (;;) {
		size_t start = end;

		while (start > 0 && path[start - 1] != '/')
			start--;
		if (end > start && (x = find(r, path + start, end - start)) != NULL)
			return x;
		if (start == 0)
			break;
		end = start - 1;
	}
	if ((x = find(r, TIMELINESS_ANY, 1)) != NULL)
		return x;
	return &statutory;
}

enum gk_err
timeliness_due(const struct calendar *cal, const struct timeliness_rules *r,
    const char *path, int32_t formed, int32_t event_end, int32_t *due,
    char *err, size_t errlen)
{
	const struct timeliness_rule *x = timeliness_rule_for(r, path);
	int32_t base = formed;

	if (errlen)
		err[0] = '\0';
	if (x->base == TIMELINESS_FROM_EVENT_END && event_end != GK_DATE_NONE)
		base = event_end;
	if (base == GK_DATE_NONE) {
		snprintf(err, errlen, "缺少成文日期（信息形成日期），无法计算公开时限");
		return GK_EINVAL;
	}
	return calendar_add_workdays(cal, base, x->days, due, err, errlen);
}

enum gk_err
timeliness_classify(const struct calendar *cal, int32_t due, int32_t published,
    int32_t today, int window, enum timeliness_status *st, long *wd,
    char *err, size_t errlen)
{
	enum gk_err e = GK_OK;
	long n = 0;

	if (errlen)
		err[0] = '\0';
	if (due == GK_DATE_NONE) {
		snprintf(err, errlen, "缺少到期日");
		return GK_EINVAL;
	}
	if (published != GK_DATE_NONE) {
		/* Published on or before the due date is on time. */
		if (published <= due)
			*st = TIMELINESS_ON_TIME;
		else {
			*st = TIMELINESS_LATE;
			e = calendar_workdays_between(cal, due, published, &n, err, errlen);
		}
	} else {
		if (today == GK_DATE_NONE || window < 0) {
			snprintf(err, errlen, "缺少今天的日期或提醒天数无效");
			return GK_EINVAL;
		}
		if (today > due) {
			*st = TIMELINESS_OVERDUE;
			e = calendar_workdays_between(cal, due, today, &n, err, errlen);
		} else {
			e = calendar_workdays_between(cal, today, due, &n, err, errlen);
			*st = n <= window ? TIMELINESS_DUE_SOON : TIMELINESS_PENDING;
		}
	}
	if (e == GK_OK && wd != NULL)
		*wd = n;
	return e;
}

void
timeliness_rate(const struct timeliness_pair *p, size_t n, int32_t today,
    struct timeliness_tally *t)
{
	size_t i, decided;

	memset(t, 0, sizeof(*t));
	for (i = 0; i < n; i++) {
		if (p[i].published != GK_DATE_NONE) {
			if (p[i].published <= p[i].due)
				t->on_time++;
			else
				t->late++;
		} else if (today != GK_DATE_NONE && today > p[i].due)
			t->overdue++;
		else
			t->open++;
	}
	decided = t->on_time + t->late + t->overdue;
	if (decided > 0) {
		t->has_rate = 1;
		t->permille = (unsigned)((t->on_time * 1000 + decided / 2) / decided);
	}
}
