/*
 * wechat_html.h — an item's HTML (as the portal renders its Markdown,
 * web/portal.h gk_portal_md) converted to what the WeChat official-account
 * editor keeps (issue 7; docs/wechat.md): a whitelist of tags, every style
 * inline (the editor drops <style> and classes), no attributes of the
 * input kept, links reduced to their text (the article body cannot link
 * outside WeChat; the way back to the portal is content_source_url, 阅读原文,
 * and a closing paragraph with the item's address), images re-pointed to
 * the URLs uploadimg returned (external images are filtered by WeChat).
 *
 * Pure apart from the image callback: the same input and callback answers
 * give the same output. Every tag the output holds is one we wrote, the
 * nesting is balanced, and the text is valid UTF-8 with every '<', '>'
 * and stray '&' escaped.
 */
#ifndef GK_CHANNELS_WECHAT_HTML_H
#define GK_CHANNELS_WECHAT_HTML_H

#include <stddef.h>

#include "core/gk.h"

/* WeChat's limit on an article's content: fewer than 20,000 characters. */
#define GK_WECHAT_CONTENT_MAX	20000

/*
 * Called once per <img src=...> of the input with the src attribute as
 * written (entities decoded); appends the URL to use to out (an uploadimg
 * URL) and returns GK_OK, or returns GK_ENOTFOUND to drop the image, or
 * another error (with a message in err) to stop the conversion.
 */
typedef enum gk_err (*gk_wechat_img_fn)(void *arg, const char *src, struct gk_buf *out,
		    char *err, size_t errlen);

/*
 * Converts len bytes of html into out (appended). item_url (may be NULL or
 * ""): the portal item's address, written at the end as 原文链接. img NULL:
 * images are dropped. GK_EINVAL when html is not valid UTF-8; GK_ELIMIT
 * when the result has GK_WECHAT_CONTENT_MAX characters or more; other
 * errors from img or the buffer. err holds a Chinese message.
 */
enum gk_err	 gk_wechat_html(const char *html, size_t len, const char *item_url,
		    gk_wechat_img_fn img, void *arg, struct gk_buf *out, char *err,
		    size_t errlen);

#endif /* GK_CHANNELS_WECHAT_HTML_H */
