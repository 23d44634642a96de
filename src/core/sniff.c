/*
 * sniff.c — file types from magic bytes and, for ZIP, from the entry
 * names (the central directory, else the local file headers). See sniff.h
 * and docs/attachments.md.
 */
#include <stdio.h>
#include <string.h>

#include "core/sniff.h"

struct sniff_type {
	const char	*mime, *label;
	int		 allowed;
	const char	*exts[4];	/* accepted name extensions; [0] canonical */
};

static const struct sniff_type sniff_types[SNIFF_KIND__MAX] = {
	[SNIFF_UNKNOWN] = { "application/octet-stream", "无法识别的类型", 0, { NULL } },
	[SNIFF_EMPTY] = { "application/octet-stream", "空文件", 0, { NULL } },
	[SNIFF_PDF] = { "application/pdf", "PDF 文档", 1, { "pdf" } },
	[SNIFF_OFD] = { "application/ofd", "OFD 版式文档", 1, { "ofd" } },
	[SNIFF_DOCX] = { "application/vnd.openxmlformats-officedocument."
	    "wordprocessingml.document", "Word 文档（DOCX）", 1, { "docx" } },
	[SNIFF_XLSX] = { "application/vnd.openxmlformats-officedocument."
	    "spreadsheetml.sheet", "Excel 表格（XLSX）", 1, { "xlsx" } },
	[SNIFF_PPTX] = { "application/vnd.openxmlformats-officedocument."
	    "presentationml.presentation", "演示文稿（PPTX）", 1, { "pptx" } },
	[SNIFF_DOC] = { "application/msword", "Word/WPS 文字文档（DOC/WPS）", 1,
	    { "doc", "wps", "dot" } },
	[SNIFF_XLS] = { "application/vnd.ms-excel", "Excel/WPS 表格（XLS/ET）", 1,
	    { "xls", "et" } },
	[SNIFF_PPT] = { "application/vnd.ms-powerpoint", "演示文稿（PPT/DPS）", 1,
	    { "ppt", "dps" } },
	[SNIFF_OLE2] = { "application/x-ole-storage", "OLE2 复合文件（非文档，如 MSI 安装包）",
	    0, { NULL } },
	[SNIFF_ZIP] = { "application/zip", "ZIP 压缩包", 1, { "zip" } },
	[SNIFF_RAR] = { "application/vnd.rar", "RAR 压缩包", 0, { NULL } },
	[SNIFF_7Z] = { "application/x-7z-compressed", "7z 压缩包", 0, { NULL } },
	[SNIFF_PNG] = { "image/png", "PNG 图片", 1, { "png" } },
	[SNIFF_JPEG] = { "image/jpeg", "JPEG 图片", 1, { "jpg", "jpeg", "jpe" } },
	[SNIFF_GIF] = { "image/gif", "GIF 图片", 1, { "gif" } },
	[SNIFF_WEBP] = { "image/webp", "WEBP 图片", 1, { "webp" } },
	[SNIFF_MP4] = { "video/mp4", "MP4 视频", 1, { "mp4", "m4v" } },
	[SNIFF_TEXT] = { "text/plain; charset=utf-8", "文本文件（UTF-8）", 1,
	    { "txt", "csv", "md", "tsv" } },
	[SNIFF_TEXT_GB18030] = { "text/plain; charset=gb18030", "文本文件（GB18030）", 1,
	    { "txt", "csv", "md", "tsv" } },
	[SNIFF_HTML] = { "text/html", "HTML 网页", 1, { "html", "htm" } },
	[SNIFF_ELF] = { "application/x-executable", "Linux 可执行程序（ELF）", 0, { NULL } },
	[SNIFF_PE] = { "application/vnd.microsoft.portable-executable",
	    "Windows 可执行程序（EXE/DLL）", 0, { NULL } },
	[SNIFF_MACHO] = { "application/x-mach-binary", "macOS 可执行程序或 Java 类文件", 0,
	    { NULL } },
	[SNIFF_SCRIPT] = { "text/x-script", "脚本程序（#!）", 0, { NULL } },
};

/* Extensions of programs and scripts: refused inside a ZIP. */
static const char *const sniff_program_exts[] = {
	"exe", "dll", "com", "scr", "bat", "cmd", "ps1", "vbs", "vbe", "js", "jse",
	"wsf", "wsh", "msi", "msp", "lnk", "sh", "jar", "apk", "hta", "cpl", "reg",
	"pif", "elf", "bin", "so", "dylib", "app", NULL
};

static int
sniff_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

/* Whether [p, p+n) starts with s (case-insensitive ASCII). */
static int
sniff_prefix_ci(const unsigned char *p, size_t n, const char *s)
{
	size_t i, sl = strlen(s);

	if (n < sl)
		return 0;
	for (i = 0; i < sl; i++)
		if (sniff_lower(p[i]) != sniff_lower((unsigned char)s[i]))
			return 0;
	return 1;
}

static int
sniff_find(const unsigned char *p, size_t n, const void *needle, size_t nl)
{
	size_t i;

	if (nl == 0 || n < nl)
		return 0;
	for (i = 0; i + nl <= n; i++)
		if (p[i] == *(const unsigned char *)needle && memcmp(p + i, needle, nl) == 0)
			return 1;
	return 0;
}

static int
sniff_find_ci(const unsigned char *p, size_t n, const char *s)
{
	size_t i, sl = strlen(s);

	for (i = 0; i + sl <= n; i++)
		if (sniff_prefix_ci(p + i, n - i, s))
			return 1;
	return 0;
}

/* An ASCII string as UTF-16LE (OLE2 directory names), found anywhere. */
static int
sniff_find_utf16(const unsigned char *p, size_t n, const char *s)
{
	unsigned char	w[64];
	size_t		i, sl = strlen(s);

	if (sl * 2 > sizeof(w))
		return 0;
	for (i = 0; i < sl; i++) {
		w[2 * i] = (unsigned char)s[i];
		w[2 * i + 1] = 0;
	}
	return sniff_find(p, n, w, sl * 2);
}

static unsigned
sniff_u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static unsigned long
sniff_u32(const unsigned char *p)
{
	return (unsigned long)p[0] | (unsigned long)p[1] << 8 |
	    (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

void
sniff_name_ext(const char *name, char ext[8])
{
	const char	*dot;
	size_t		 i, n;
	int		 letter = 0;

	ext[0] = '\0';
	if (name == NULL || (dot = strrchr(name, '.')) == NULL)
		return;
	n = strlen(dot + 1);
	if (n < 1 || n > 5)
		return;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)dot[1 + i];

		if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
			letter = 1;
		else if (c < '0' || c > '9')
			return;
	}
	if (!letter)
		return;
	for (i = 0; i < n; i++)
		ext[i] = (char)sniff_lower((unsigned char)dot[1 + i]);
	ext[n] = '\0';
}

/* What the entry names of a ZIP say. */
struct sniff_zip {
	size_t	entries;
	int	content_types, word, xl, ppt, ofd;
	int	program, badpath;
};

static void
sniff_zip_name(struct sniff_zip *z, const unsigned char *name, size_t n)
{
	char	buf[256], ext[8];
	size_t	i;
	int	k;

	z->entries++;
	if (n == 19 && memcmp(name, "[Content_Types].xml", 19) == 0)
		z->content_types = 1;
	else if (n == 7 && memcmp(name, "OFD.xml", 7) == 0)
		z->ofd = 1;
	if (n >= 5 && memcmp(name, "word/", 5) == 0)
		z->word = 1;
	if (n >= 3 && memcmp(name, "xl/", 3) == 0)
		z->xl = 1;
	if (n >= 4 && memcmp(name, "ppt/", 4) == 0)
		z->ppt = 1;
	if (n > 0 && (name[0] == '/' || name[0] == '\\'))
		z->badpath = 1;
	for (i = 0; i + 1 < n; i++)
		if (name[i] == '.' && name[i + 1] == '.' &&
		    (i + 2 == n || name[i + 2] == '/' || name[i + 2] == '\\') &&
		    (i == 0 || name[i - 1] == '/' || name[i - 1] == '\\'))
			z->badpath = 1;
	if (memchr(name, '\0', n) != NULL || (n >= 2 && name[1] == ':'))
		z->badpath = 1;
	/* The extension of the last 255 bytes is enough. */
	if (n >= sizeof(buf))
		name += n - (sizeof(buf) - 1), n = sizeof(buf) - 1;
	memcpy(buf, name, n);
	buf[n] = '\0';
	sniff_name_ext(buf, ext);
	for (k = 0; sniff_program_exts[k] != NULL; k++)
		if (strcmp(ext, sniff_program_exts[k]) == 0)
			z->program = 1;
}

/* The central directory through the end record; 0 when it is not usable. */
static int
sniff_zip_central(const unsigned char *p, size_t len, struct sniff_zip *z)
{
	size_t		 e, stop, off, end, n, x, c;
	unsigned long	 cdsize, cdoff;
	unsigned	 count, i;

	if (len < 22)
		return 0;
	stop = len - 22 > 65535 ? len - 22 - 65535 : 0;
	for (e = len - 22;; e--) {
		if (memcmp(p + e, "PK\5\6", 4) == 0)
			break;
		if (e == stop)
			return 0;
	}
	count = sniff_u16(p + e + 10);
	cdsize = sniff_u32(p + e + 12);
	cdoff = sniff_u32(p + e + 16);
	if (cdoff > e || cdsize > e - cdoff)
		return 0;	/* zip64, or prepended data: not trusted */
	off = cdoff;
	end = cdoff + cdsize;
	for (i = 0; i < count; i++) {
		if (end - off < 46 || memcmp(p + off, "PK\1\2", 4) != 0)
			return 0;
		n = sniff_u16(p + off + 28);
		x = sniff_u16(p + off + 30);
		c = sniff_u16(p + off + 32);
		if (end - off - 46 < n + x + c)
			return 0;
		sniff_zip_name(z, p + off + 46, n);
		off += 46 + n + x + c;
	}
	return 1;
}

/* The local file headers from the start, as far as they can be followed. */
static void
sniff_zip_local(const unsigned char *p, size_t len, struct sniff_zip *z)
{
	size_t		 off = 0, n, x;
	unsigned long	 csize;
	unsigned	 flags;

	while (len - off >= 30 && memcmp(p + off, "PK\3\4", 4) == 0) {
		flags = sniff_u16(p + off + 6);
		csize = sniff_u32(p + off + 18);
		n = sniff_u16(p + off + 26);
		x = sniff_u16(p + off + 28);
		if (len - off - 30 < n)
			break;
		sniff_zip_name(z, p + off + 30, n);
		if ((flags & 8) != 0 && csize == 0)
			break;	/* size in a trailing data descriptor */
		if (len - off - 30 - n < x || len - off - 30 - n - x < csize)
			break;
		off += 30 + n + x + csize;
	}
}

static void
sniff_set(struct sniff_result *r, enum sniff_kind k)
{
	r->kind = k;
	r->mime = sniff_types[k].mime;
	r->label = sniff_types[k].label;
	r->ext = sniff_types[k].exts[0] ? sniff_types[k].exts[0] : "";
	r->allowed = sniff_types[k].allowed;
	if (!r->allowed)
		snprintf(r->why, sizeof(r->why), "文件内容是%s，不能作为附件", r->label);
}

static void
sniff_zip(const unsigned char *p, size_t len, struct sniff_result *r)
{
	struct sniff_zip z;

	memset(&z, 0, sizeof(z));
	if (!sniff_zip_central(p, len, &z)) {
		memset(&z, 0, sizeof(z));
		sniff_zip_local(p, len, &z);
	}
	if (z.content_types && z.word)
		sniff_set(r, SNIFF_DOCX);
	else if (z.content_types && z.xl)
		sniff_set(r, SNIFF_XLSX);
	else if (z.content_types && z.ppt)
		sniff_set(r, SNIFF_PPTX);
	else if (z.ofd)
		sniff_set(r, SNIFF_OFD);
	else
		sniff_set(r, SNIFF_ZIP);
	if (z.entries == 0) {
		r->allowed = 0;
		snprintf(r->why, sizeof(r->why), "ZIP 文件为空或已损坏，无法检查其内容");
	} else if (z.program) {
		r->allowed = 0;
		snprintf(r->why, sizeof(r->why), "%s中含有可执行程序或脚本，不能作为附件",
		    r->label);
	} else if (z.badpath) {
		r->allowed = 0;
		snprintf(r->why, sizeof(r->why), "%s中含有指向上级目录或绝对路径的文件名，"
		    "不能作为附件", r->label);
	}
}

/* Valid GB18030 without NUL or control characters other than white space. */
static int
sniff_gb18030(const unsigned char *p, size_t len)
{
	size_t i = 0;

	while (i < len) {
		unsigned char c = p[i];

		if (c < 0x80) {
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
				return 0;
			i++;
		} else if (c >= 0x81 && c <= 0xfe && i + 1 < len &&
		    ((p[i + 1] >= 0x40 && p[i + 1] <= 0x7e) ||
		    (p[i + 1] >= 0x80 && p[i + 1] <= 0xfe)))
			i += 2;
		else if (c >= 0x81 && c <= 0xfe && i + 3 < len &&
		    p[i + 1] >= 0x30 && p[i + 1] <= 0x39 &&
		    p[i + 2] >= 0x81 && p[i + 2] <= 0xfe &&
		    p[i + 3] >= 0x30 && p[i + 3] <= 0x39)
			i += 4;
		else
			return 0;
	}
	return 1;
}

static int
sniff_clean_ascii(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' &&
		    p[i] != '\f')
			return 0;
	return 1;
}

/* Text: UTF-8 or GB18030, then HTML when it starts like a page. */
static void
sniff_text(const unsigned char *p, size_t len, struct sniff_result *r)
{
	const unsigned char	*s = p;
	size_t			 n = len;

	if (gk_utf8_check(p, len) == len && sniff_clean_ascii(p, len))
		sniff_set(r, SNIFF_TEXT);
	else if (sniff_gb18030(p, len))
		sniff_set(r, SNIFF_TEXT_GB18030);
	else
		return;
	if (n >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		s += 3, n -= 3;
	while (n > 0 && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n'))
		s++, n--;
	if (n > 0 && *s == '<' && (sniff_prefix_ci(s, n, "<!doctype html") ||
	    sniff_find_ci(s, n < 1024 ? n : 1024, "<html") ||
	    sniff_find_ci(s, n < 1024 ? n : 1024, "<body")))
		sniff_set(r, SNIFF_HTML);
}

/* Binary magic numbers: a file that is only the start of one is damaged. */
static const struct {
	const char	*m;
	size_t		 len;
} sniff_magics[] = {
	{ "\x89PNG\r\n\x1a\n", 8 }, { "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8 },
	{ "\x7f" "ELF", 4 }, { "Rar!\x1a\x07", 6 }, { "7z\xbc\xaf\x27\x1c", 6 },
	{ "\xff\xd8\xff", 3 },
};

static int
sniff_cut_magic(const unsigned char *p, size_t len)
{
	size_t i;

	for (i = 0; i < sizeof(sniff_magics) / sizeof(sniff_magics[0]); i++)
		if (len >= 2 && len < sniff_magics[i].len &&
		    memcmp(p, sniff_magics[i].m, len) == 0)
			return 1;
	return 0;
}

void
sniff_bytes(const void *buf, size_t len, struct sniff_result *r)
{
	const unsigned char	*p = buf;
	unsigned long		 m;

	memset(r, 0, sizeof(*r));
	sniff_set(r, SNIFF_UNKNOWN);
	if (len == 0 || p == NULL) {
		sniff_set(r, SNIFF_EMPTY);
		snprintf(r->why, sizeof(r->why), "文件为空");
		return;
	}
	m = len >= 4 ? (unsigned long)p[0] << 24 | (unsigned long)p[1] << 16 |
	    (unsigned long)p[2] << 8 | p[3] : 0;
	if (len >= 4 && memcmp(p, "\x7f" "ELF", 4) == 0)
		sniff_set(r, SNIFF_ELF);
	else if (len >= 2 && p[0] == 'M' && p[1] == 'Z' &&
	    (len < 64 || !sniff_clean_ascii(p, 64)))
		sniff_set(r, SNIFF_PE);
	else if (m == 0xfeedfaceUL || m == 0xfeedfacfUL || m == 0xcefaedfeUL ||
	    m == 0xcffaedfeUL || m == 0xcafebabeUL)
		sniff_set(r, SNIFF_MACHO);
	else if (len >= 2 && p[0] == '#' && p[1] == '!')
		sniff_set(r, SNIFF_SCRIPT);
	else if (len >= 5 && memcmp(p, "%PDF-", 5) == 0)
		sniff_set(r, SNIFF_PDF);
	else if (len >= 4 && (memcmp(p, "PK\3\4", 4) == 0 || memcmp(p, "PK\5\6", 4) == 0))
		sniff_zip(p, len, r);
	else if (len >= 8 && memcmp(p, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8) == 0) {
		if (sniff_find_utf16(p, len, "WordDocument"))
			sniff_set(r, SNIFF_DOC);
		else if (sniff_find_utf16(p, len, "Workbook") ||
		    sniff_find_utf16(p, len, "Book"))
			sniff_set(r, SNIFF_XLS);
		else if (sniff_find_utf16(p, len, "PowerPoint Document"))
			sniff_set(r, SNIFF_PPT);
		else
			sniff_set(r, SNIFF_OLE2);
	} else if (len >= 6 && memcmp(p, "Rar!\x1a\x07", 6) == 0)
		sniff_set(r, SNIFF_RAR);
	else if (len >= 6 && memcmp(p, "7z\xbc\xaf\x27\x1c", 6) == 0)
		sniff_set(r, SNIFF_7Z);
	else if (len >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		sniff_set(r, SNIFF_PNG);
	else if (len >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		sniff_set(r, SNIFF_JPEG);
	else if (len >= 6 && (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		sniff_set(r, SNIFF_GIF);
	else if (len >= 12 && memcmp(p, "RIFF", 4) == 0 && memcmp(p + 8, "WEBP", 4) == 0)
		sniff_set(r, SNIFF_WEBP);
	else if (len >= 12 && memcmp(p + 4, "ftyp", 4) == 0 &&
	    (memcmp(p + 8, "isom", 4) == 0 || memcmp(p + 8, "iso2", 4) == 0 ||
	    memcmp(p + 8, "mp41", 4) == 0 || memcmp(p + 8, "mp42", 4) == 0 ||
	    memcmp(p + 8, "avc1", 4) == 0 || memcmp(p + 8, "M4V ", 4) == 0))
		sniff_set(r, SNIFF_MP4);
	else if (!sniff_cut_magic(p, len))
		sniff_text(p, len, r);
	if (r->kind == SNIFF_UNKNOWN)
		snprintf(r->why, sizeof(r->why), "无法识别文件类型；只接受 PDF、OFD、Word、"
		    "Excel、WPS、演示文稿、ZIP、图片、MP4 视频、文本和网页");
}

enum gk_err
sniff_check(const void *buf, size_t len, const char *name, struct sniff_result *r,
    char *err, size_t errlen)
{
	const struct sniff_type	*t;
	char			 ext[8];
	int			 i, match = 0;

	sniff_bytes(buf, len, r);
	sniff_name_ext(name, ext);
	t = &sniff_types[r->kind];
	for (i = 0; i < 4 && t->exts[i] != NULL; i++)
		if (strcmp(ext, t->exts[i]) == 0)
			match = 1;
	if (!r->allowed) {
		if (ext[0] != '\0' && !match && r->kind != SNIFF_EMPTY)
			snprintf(err, errlen, "%s（扩展名 .%s 与内容不符）", r->why, ext);
		else
			snprintf(err, errlen, "%s", r->why);
		return GK_EINVAL;
	}
	if (ext[0] != '\0' && !match) {
		snprintf(err, errlen, "文件名的扩展名 .%s 与文件内容（%s，应为 .%s）不符",
		    ext, r->label, r->ext);
		return GK_EINVAL;
	}
	return GK_OK;
}
