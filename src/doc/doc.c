/*
 * doc.c — the document formats' names and MIME types, and saving a
 * document to a file atomically (a temporary file in the same folder,
 * renamed into place; removed on any failure).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "doc/doc.h"

static const char *const doc_names[GK_DOC__MAX] = {
	"", "docx", "xlsx", "pdf",
};

static const char *const doc_mimes[GK_DOC__MAX] = {
	"application/octet-stream",
	"application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"application/pdf",
};

enum gk_doc_fmt
gk_doc_fmt_from_name(const char *s)
{
	int i;

	if (s == NULL)
		return GK_DOC_NONE;
	for (i = 1; i < GK_DOC__MAX; i++)
		if (strcmp(s, doc_names[i]) == 0)
			return (enum gk_doc_fmt)i;
	return GK_DOC_NONE;
}

const char *
gk_doc_fmt_name(enum gk_doc_fmt f)
{
	return (unsigned)f < GK_DOC__MAX ? doc_names[f] : "";
}

const char *
gk_doc_mime(enum gk_doc_fmt f)
{
	return (unsigned)f < GK_DOC__MAX ? doc_mimes[f] : doc_mimes[0];
}

static void
seterr(char *err, size_t errlen, const char *msg, const char *path)
{
	if (errlen > 0)
		snprintf(err, errlen, "%s%s%s", path ? path : "", path ? "：" : "", msg);
}

/* Writes all of buf to fd; 0 or -1. */
static int
write_all(int fd, const unsigned char *p, size_t len)
{
	ssize_t n;

	while (len > 0) {
		n = write(fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		len -= (size_t)n;
	}
	return 0;
}

enum gk_err
gk_doc_save(const char *path, const void *buf, size_t len, int binary, char *err,
    size_t errlen)
{
	char		 tmp[4096];
	const char	*slash;
	size_t		 dirlen;
	int		 fd, n;
	struct stat	 st;

	if (errlen > 0)
		err[0] = '\0';
	if (buf == NULL && len > 0)
		return GK_EINVAL;
	if (path == NULL || strcmp(path, "-") == 0) {
		if (binary && isatty(STDOUT_FILENO)) {
			seterr(err, errlen, "二进制文档不能输出到终端，请用 --out FILE", NULL);
			return GK_EINVAL;
		}
		if ((len > 0 && fwrite(buf, 1, len, stdout) != len) || fflush(stdout) != 0) {
			seterr(err, errlen, "无法写入标准输出", NULL);
			return GK_EIO;
		}
		return GK_OK;
	}
	if (path[0] == '\0') {
		seterr(err, errlen, "输出文件名为空", NULL);
		return GK_EINVAL;
	}
	if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
		seterr(err, errlen, "是目录，不能写入", path);
		return GK_EIO;
	}
	/* The temporary file goes next to the target so rename() is atomic. */
	slash = strrchr(path, '/');
	dirlen = slash == NULL ? 0 : (size_t)(slash - path) + 1;
	n = snprintf(tmp, sizeof(tmp), "%.*s.gk-doc-XXXXXX", (int)dirlen, path);
	if (n < 0 || (size_t)n >= sizeof(tmp)) {
		seterr(err, errlen, "路径过长", NULL);
		return GK_EINVAL;
	}
	if ((fd = mkstemp(tmp)) < 0) {
		seterr(err, errlen, "无法在该目录创建文件", path);
		return GK_EIO;
	}
	if (write_all(fd, buf, len) != 0 || fsync(fd) != 0) {
		close(fd);
		unlink(tmp);
		seterr(err, errlen, "写入失败", path);
		return GK_EIO;
	}
	/* mkstemp creates 0600; a document is an ordinary file (umask applies). */
	{
		mode_t um = umask(0);

		umask(um);
		(void)fchmod(fd, 0666 & ~um);
	}
	if (close(fd) != 0 || rename(tmp, path) != 0) {
		unlink(tmp);
		seterr(err, errlen, "无法写入", path);
		return GK_EIO;
	}
	return GK_OK;
}
