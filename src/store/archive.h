/*
 * archive.h — the electronic archive (电子档案) of a year: every published
 * or withdrawn item exported into a folder with its metadata, body,
 * review trail, audit entries and attachments, under a manifest of every
 * file's size and SHA-256; and the check of such a folder years later.
 * Layout and format: docs/archive.md.
 */
#ifndef GK_STORE_ARCHIVE_H
#define GK_STORE_ARCHIVE_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

struct gk_db;

#define GK_ARCHIVE_FORMAT	"gongkai-archive-v1"
#define GK_ARCHIVE_MANIFEST	"manifest.json"
#define GK_ARCHIVE_MANIFEST_SUM	"manifest.sha256"

/*
 * Exports the items of year (created_at, the year of the 索引号) in state
 * published or withdrawn, of agency_id (0: every agency), into dir, which
 * must not exist or be an empty directory (GK_ECONFLICT otherwise). Writes
 * into "dir.tmp-XXXXXX" and renames it to dir at the end; on any failure
 * the temporary folder is removed and dir is left as it was. now is the
 * manifest's creation time. *itemsp (may be NULL) gets the item count.
 */
enum gk_err	 gk_archive_export(struct gk_db *, int year, int64_t agency_id,
		    const char *dir, const char *now, size_t *itemsp,
		    char *err, size_t errlen);

#define GK_ARCHIVE_PAPER_REF_MAX	64	/* characters of a paper reference */

/*
 * Sets (or, with ref NULL or "", clears) the 纸质档案 reference of an item
 * (box/volume, e.g. "2025-永久-001盒-03卷"), which the export carries as
 * "paper_ref". Only items in the archive — published or withdrawn
 * (GK_ECONFLICT otherwise). ref: well-formed UTF-8, at most
 * GK_ARCHIVE_PAPER_REF_MAX characters, no control characters, no leading
 * or trailing spaces (GK_EINVAL). actor must pass gk_user_authorize
 * (user.h) as officer or admin of the item's agency (GK_ECONFLICT). The
 * row and its audit entry (entity "item", action "paper_ref", change
 * {"paper_ref": new, "old": old}) in one transaction; GK_ECONFLICT also
 * when the value is unchanged (nothing written). GK_ENOTFOUND: no item.
 */
enum gk_err	 gk_archive_set_paper_ref(struct gk_db *, const char *actor,
		    int64_t item_id, const char *ref, const char *now, char *err,
		    size_t errlen);

/* The folder name of a 索引号: '/', '\\' and control bytes become '_', a leading '.' too. */
void		 gk_archive_safe_name(const char *in, char *out, size_t n);

enum gk_archive_change {
	GK_ARCHIVE_CHANGED = 0,	/* size or SHA-256 differs (or not a regular file) */
	GK_ARCHIVE_REMOVED,	/* in the manifest, missing on disk */
	GK_ARCHIVE_ADDED	/* on disk, not in the manifest */
};

struct gk_archive_diff {
	enum gk_archive_change	 kind;
	char			*path;	/* relative to the archive folder */
};

struct gk_archive_check {
	struct gk_archive_diff	*v;	/* ordered by path */
	size_t			 n;	/* 0: intact */
	size_t			 files;	/* files listed in the manifest */
};

/*
 * Verifies dir against its manifest: manifest.json against
 * manifest.sha256, then each listed file's size and SHA-256, then every
 * file on disk not listed. GK_OK whenever dir is an archive (check c->n);
 * GK_ENOTFOUND / GK_EINVAL when dir or its manifest is missing or not
 * one (then c is empty). Free with gk_archive_check_free().
 */
enum gk_err	 gk_archive_verify(const char *dir, struct gk_archive_check *c,
		    char *err, size_t errlen);
void		 gk_archive_check_free(struct gk_archive_check *);

#endif /* GK_STORE_ARCHIVE_H */
