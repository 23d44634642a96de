/*
 * channels.h — the publication channels of an item (issue 7, DESIGN.md
 * capability 2; docs/channels.md): the portal column (built in), the WeChat
 * official account (政务新媒体, src/channels/wechat*.c) and the printed
 * notice on the 政务服务中心 公示栏 (src/doc/notice*.c). Every item records,
 * per channel, when and what was published (store/channel.h: item_channel,
 * schema v17); the sync check compares them (store/channel.c, core rules).
 */
#ifndef GK_CHANNELS_H
#define GK_CHANNELS_H

enum gk_channel {
	GK_CH_PORTAL = 0,	/* portal: 门户网站 政府信息公开专栏 */
	GK_CH_WECHAT,		/* wechat: 微信公众号 */
	GK_CH_NOTICE,		/* notice: 公示栏 (printed) */
	GK_CH__MAX
};

/* Storage names ("portal", "wechat", "notice") and labels (门户网站 …). */
const char	*gk_channel_name(enum gk_channel);
const char	*gk_channel_label(enum gk_channel);
/* 0 and *out set when s is a storage name; -1 otherwise. */
int		 gk_channel_from_name(const char *s, enum gk_channel *out);

#endif /* GK_CHANNELS_H */
