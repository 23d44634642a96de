/*
 * mask.c — masking of personal data; the rules are in mask.h.
 *
 * Every kind walks the input one character at a time (a well-formed UTF-8
 * sequence, or a single bad byte which is always masked) and writes whole
 * characters only, so the output is valid UTF-8 even when cut short.
 */
#include <string.h>

#include "core/mask.h"

/* The output: whole characters only, always NUL-terminated. */
struct mw {
	char	*o;
	size_t	 n, len;
	int	 full;
};

static size_t	u8_char(const unsigned char *, size_t, int *);

/* Appends k bytes of well-formed UTF-8; when they do not fit, the whole characters that do. */
static void
mw_put(struct mw *w, const char *s, size_t k)
{
	size_t	 i = 0, c;
	int	 ok;

	if (w->full || w->n == 0)
		return;
	if (w->len + k + 1 > w->n) {
		while (i < k && w->len + i + (c = u8_char((const unsigned char *)s + i,
		    k - i, &ok)) + 1 <= w->n)
			i += c;
		k = i;
		w->full = 1;
	}
	memcpy(w->o + w->len, s, k);
	w->len += k;
	w->o[w->len] = '\0';
}

static void
mw_star(struct mw *w)
{
	mw_put(w, "*", 1);
}

/*
 * The length of the character at s (left bytes remain), 1 for a bad byte;
 * *ok is 0 for a bad byte or a control character.
 */
static size_t
u8_char(const unsigned char *s, size_t left, int *ok)
{
	size_t		 k, i;
	unsigned	 c = s[0], cp;

	*ok = 1;
	if (c < 0x80) {
		*ok = c >= 0x20 && c != 0x7f;
		return 1;
	}
	if (c >= 0xc2 && c <= 0xdf)
		k = 2, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		k = 3, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		k = 4, cp = c & 0x07;
	else {
		*ok = 0;
		return 1;
	}
	if (k > left) {
		*ok = 0;
		return 1;
	}
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*ok = 0;
			return 1;
		}
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((k == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (k == 4 && (cp < 0x10000 || cp > 0x10ffff)) || (k == 2 && cp < 0xa0)) {
		*ok = 0;	/* overlong, surrogate, beyond U+10FFFF, C1 control */
		return 1;
	}
	return k;
}

/* Characters of s (bad bytes count as one each). */
static size_t
u8_count(const char *s)
{
	size_t	 n = 0, len = strlen(s), i = 0;
	int	 ok;

	while (i < len) {
		i += u8_char((const unsigned char *)s + i, len - i, &ok);
		n++;
	}
	return n;
}

static int
has_suffix(const char *s, size_t len, const char *suf)
{
	size_t k = strlen(suf);

	return len >= k && memcmp(s + len - k, suf, k) == 0;
}

static int
is_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Copies s, masking bad bytes and control characters. */
static void
mask_keep(struct mw *w, const char *s)
{
	size_t	 len = strlen(s), i = 0, k;
	int	 ok;

	while (i < len) {
		k = u8_char((const unsigned char *)s + i, len - i, &ok);
		if (ok)
			mw_put(w, s + i, k);
		else
			mw_star(w);
		i += k;
	}
}

/* 复姓: kept whole when the name has at least three characters. */
static const char *const compound[] = {
	"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容",
	"长孙", "宇文", "司徒", "夏侯", "轩辕", "令狐", "钟离", "澹台", "公冶",
	"宗政", "濮阳", "淳于", "单于", "太叔", "申屠", "赫连", "闻人", "万俟",
	"呼延", "端木", "独孤", "南宫", "西门", "百里", "东郭", "司空", "第五",
	"拓跋", "完颜", "乐正", "巫马", "公羊", "梁丘", "左丘", "谷梁", "羊舌",
};

static int
is_name_sep(const char *s, size_t k)
{
	return (k == 1 && s[0] == ' ') || (k == 3 && memcmp(s, "\xe3\x80\x80", 3) == 0) ||
	    (k == 2 && memcmp(s, "\xc2\xb7", 2) == 0) ||		/* · */
	    (k == 3 && memcmp(s, "\xe2\x80\xa2", 3) == 0) ||	/* • */
	    (k == 1 && (s[0] == '.' || s[0] == '-'));
}

static void
mask_name(struct mw *w, const char *s)
{
	size_t	 len = strlen(s), i = 0, k, nch = u8_count(s), idx = 0, keep = 1, c;
	int	 ok, latin = is_alnum((unsigned char)s[0]), word_start = 1;

	if (!latin && nch >= 3)
		for (c = 0; c < sizeof(compound) / sizeof(compound[0]); c++)
			if (strncmp(s, compound[c], strlen(compound[c])) == 0)
				keep = 2;
	if (nch < 2)
		keep = 0;
	while (i < len) {
		k = u8_char((const unsigned char *)s + i, len - i, &ok);
		if (ok && is_name_sep(s + i, k)) {
			mw_put(w, s + i, k);
			word_start = 1;
		} else if (ok && ((latin && word_start) || (!latin && idx < keep)))
			mw_put(w, s + i, k), word_start = 0;
		else
			mw_star(w), word_start = 0;
		i += k;
		idx++;
	}
}

static const char *const org_suffix[] = {
	"公司", "事务所", "中心", "协会", "学会", "研究会", "研究院", "研究所",
	"大学", "学院", "学校", "中学", "小学", "幼儿园", "医院", "卫生院",
	"委员会", "基金会", "银行", "集团", "合作社", "商会", "工作室", "办公室",
	"联合会", "促进会", "俱乐部", "图书馆", "出版社", "报社", "杂志社",
	"电视台", "广播电台", "分局", "局", "厅", "政府", "法院", "检察院",
	"工厂", "商店", "个体工商户", "经营部", "门市部", "农场", "养殖场",
	"服务部", "营业部", "分行", "支行", "企业", "机构", "组织",
	"Co.", "Co", "Ltd.", "Ltd", "Inc.", "Inc", "LLC", "LLP", "GmbH",
};

int
gk_mask_is_org_name(const char *s)
{
	size_t	 len, c;

	if (s == NULL || u8_count(s) < 4)
		return 0;
	len = strlen(s);
	while (len > 0 && s[len - 1] == ' ')
		len--;
	for (c = 0; c < sizeof(org_suffix) / sizeof(org_suffix[0]); c++)
		if (has_suffix(s, len, org_suffix[c]))
			return 1;
	return 0;
}

static int
phone_sep(unsigned char c)
{
	return c == '+' || c == '-' || c == ' ' || c == '(' || c == ')' || c == '.';
}

static void
mask_phone(struct mw *w, const char *s)
{
	size_t	 len = strlen(s), i, digits = 0, d = 0, k, lo, hi, group = 0;
	int	 ok, landline = 0;

	for (i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			digits++;
	/* A landline with its area code: 0 then 2 or 3 more digits, a separator. */
	for (i = 0; i < len && !(s[i] >= '0' && s[i] <= '9'); i++)
		;
	if (i < len && s[i] == '0') {
		while (i + group < len && s[i + group] >= '0' && s[i + group] <= '9')
			group++;
		landline = (group == 3 || group == 4) && i + group < len &&
		    phone_sep((unsigned char)s[i + group]);
	}
	/* Digits lo..hi-1 (by their index among the digits) are masked. */
	if (digits < 7)
		lo = 0, hi = digits;
	else if (landline)
		lo = group, hi = digits - 4;
	else if (digits >= 11 && digits <= 13)	/* a mobile, perhaps after +86 */
		lo = digits - 8, hi = digits - 4;
	else
		lo = 0, hi = digits - 4;
	for (i = 0; i < len; i += k) {
		k = u8_char((const unsigned char *)s + i, len - i, &ok);
		if (k == 1 && s[i] >= '0' && s[i] <= '9') {
			if (d >= lo && d < hi)
				mw_star(w);
			else
				mw_put(w, s + i, 1);
			d++;
		} else if (k == 1 && phone_sep((unsigned char)s[i]))
			mw_put(w, s + i, 1);
		else
			mw_star(w);
	}
}

static void
mask_idno(struct mw *w, const char *s)
{
	size_t	 len = strlen(s), nch = u8_count(s), i = 0, k, idx = 0, front, back;
	int	 ok;

	if (nch >= 11)
		front = 6, back = 4;
	else if (nch >= 9)
		front = 1, back = 2;
	else
		front = 0, back = 0;
	while (i < len) {
		k = u8_char((const unsigned char *)s + i, len - i, &ok);
		if (k == 1 && is_alnum((unsigned char)s[i]) &&
		    (idx < front || idx >= nch - back))
			mw_put(w, s + i, 1);
		else
			mw_star(w);
		i += k;
		idx++;
	}
}

static void
mask_email(struct mw *w, const char *s)
{
	const char	*at = strrchr(s, '@');
	size_t		 len, i, k;
	int		 ok;

	if (s[0] != '\0' && s[0] != '@' && is_alnum((unsigned char)s[0]))
		mw_put(w, s, 1);
	else if (s[0] != '\0' && s[0] != '@')
		mw_star(w);
	mw_put(w, "***", 3);
	if (at == NULL)
		return;
	mw_put(w, "@", 1);
	len = strlen(at + 1);
	for (i = 0; i < len; i += k) {
		k = u8_char((const unsigned char *)at + 1 + i, len - i, &ok);
		if (k == 1 && (is_alnum((unsigned char)at[1 + i]) || at[1 + i] == '.' ||
		    at[1 + i] == '-'))
			mw_put(w, at + 1 + i, 1);
		else
			mw_star(w);
	}
}

/*
 * Addresses: the administrative divisions at the start are kept, in
 * order province (省, 自治区, 特别行政区, or one of the four
 * municipalities), prefecture (市, 自治州, 州, 地区, 盟), county (县, 区,
 * 旗, 市, 自治县, 自治旗, 林区, 特区), each optional; the rest becomes
 * "****". A division is 2 to 12 characters ending in its suffix, with no
 * character of a street address (路, 街, 号, 镇, 乡, 村 …, a digit, a Latin
 * letter) and no suffix of a lower level inside.
 */
#define ADDR_UNIT_MAX	12

static const char *const addr_banned[] = {
	"路", "街", "号", "镇", "乡", "村", "巷", "弄", "栋", "楼", "室", "组",
	"社", "苑", "园", "幢", "座", "层",
};
static const char *const addr_bad_end[] = {
	"小区", "社区", "园区", "校区", "景区", "街区", "超市", "门市", "菜市",
	"夜市", "街市", "城市",
};
static const char *const munis[] = { "北京市", "天津市", "上海市", "重庆市" };
static const char *const lv1_suf[] = { "特别行政区", "自治区", "省" };
static const char *const lv1_inner[] = { "市", "县", "区", "旗", "盟" };
static const char *const lv2_suf[] = { "市", "自治州", "地区", "盟", "州" };
static const char *const lv2_inner[] = { "省", "县", "区", "旗" };
static const char *const lv3_suf[] = { "自治县", "自治旗", "林区", "特区", "县", "区", "旗", "市" };
static const char *const lv3_inner[] = { "省", "州" };

static int
in_list(const char *s, size_t k, const char *const *v, size_t nv)
{
	size_t i;

	for (i = 0; i < nv; i++)
		if (strlen(v[i]) == k && memcmp(s, v[i], k) == 0)
			return 1;
	return 0;
}

/*
 * The byte length of a division of this level at s (len bytes left), or
 * 0: the shortest run of characters ending in one of suf.
 */
static size_t
addr_unit(const char *s, size_t len, const char *const *suf, size_t nsuf,
    const char *const *inner, size_t ninner)
{
	size_t	 i = 0, k, nch = 0, j;
	int	 ok;

	while (i < len && nch < ADDR_UNIT_MAX) {
		k = u8_char((const unsigned char *)s + i, len - i, &ok);
		if (!ok || k == 1 || in_list(s + i, k, addr_banned,
		    sizeof(addr_banned) / sizeof(addr_banned[0])))
			return 0;
		i += k;
		nch++;
		if (nch >= 2)
			for (j = 0; j < nsuf; j++)
				if (has_suffix(s, i, suf[j])) {
					for (k = 0; k < sizeof(addr_bad_end) /
					    sizeof(addr_bad_end[0]); k++)
						if (has_suffix(s, i, addr_bad_end[k]))
							return 0;
					return i;
				}
		if (in_list(s + i - k, k, inner, ninner))
			return 0;
	}
	return 0;
}

#define N(a)	(sizeof(a) / sizeof((a)[0]))

static void
mask_address(struct mw *w, const char *s)
{
	size_t	 len = strlen(s), p = 0, u, m;

	for (m = 0; m < N(munis); m++)
		if (strncmp(s, munis[m], strlen(munis[m])) == 0)
			p = strlen(munis[m]);
	if (p == 0 && (u = addr_unit(s, len, lv1_suf, N(lv1_suf), lv1_inner,
	    N(lv1_inner))) > 0)
		p = u;
	if ((u = addr_unit(s + p, len - p, lv2_suf, N(lv2_suf), lv2_inner,
	    N(lv2_inner))) > 0)
		p += u;
	if ((u = addr_unit(s + p, len - p, lv3_suf, N(lv3_suf), lv3_inner,
	    N(lv3_inner))) > 0)
		p += u;
	mw_put(w, s, p);
	if (p < len)
		mw_put(w, "****", 4);
}

size_t
gk_mask(enum gk_mask_kind kind, const char *s, char *out, size_t n)
{
	struct mw w = { out, n, 0, 0 };

	if (n > 0)
		out[0] = '\0';
	if (s == NULL || s[0] == '\0')
		return 0;
	switch (kind) {
	case GK_MASK_ORG:
		if (gk_mask_is_org_name(s)) {
			mask_keep(&w, s);
			break;
		}
		/* FALLTHROUGH */
	case GK_MASK_NAME:
		mask_name(&w, s);
		break;
	case GK_MASK_PHONE:
		mask_phone(&w, s);
		break;
	case GK_MASK_IDNO:
		mask_idno(&w, s);
		break;
	case GK_MASK_EMAIL:
		mask_email(&w, s);
		break;
	case GK_MASK_ADDRESS:
		mask_address(&w, s);
		break;
	default:
		mw_put(&w, "****", 4);
		break;
	}
	return w.len;
}

char *
gk_mask_dup(enum gk_mask_kind kind, const char *s)
{
	size_t	 n = (s != NULL ? strlen(s) : 0) + GK_MASK_EXTRA + 1;
	char	*out;

	if ((out = gk_malloc(n)) == NULL)
		return NULL;
	gk_mask(kind, s, out, n);
	return out;
}
