/*
 * channels.c — names of the publication channels (channels.h).
 */
#include <string.h>

#include "channels/channels.h"

static const struct {
	const char	*name;
	const char	*label;
} ch[GK_CH__MAX] = {
	{ "portal",	"门户网站" },
	{ "wechat",	"微信公众号" },
	{ "notice",	"公示栏" },
};

const char *
gk_channel_name(enum gk_channel c)
{
	return (unsigned)c < GK_CH__MAX ? ch[c].name : "?";
}

const char *
gk_channel_label(enum gk_channel c)
{
	return (unsigned)c < GK_CH__MAX ? ch[c].label : "?";
}

int
gk_channel_from_name(const char *s, enum gk_channel *out)
{
	int	 i;

	for (i = 0; s != NULL && i < GK_CH__MAX; i++)
		if (strcmp(s, ch[i].name) == 0) {
			*out = (enum gk_channel)i;
			return 0;
		}
	return -1;
}
