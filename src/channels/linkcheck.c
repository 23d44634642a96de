/*
 * linkcheck.c — HEAD requests for the self-check's external links (linkcheck.h).
 */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "channels/linkcheck.h"

int
gk_linkcheck_head(const char *url, long timeout_s, char *why, size_t n)
{
	CURL		*c;
	CURLcode	 rc;
	long		 status = 0;

	if (url == NULL || (strncmp(url, "http://", 7) != 0 && strncmp(url, "https://", 8) != 0)) {
		snprintf(why, n, "不是 http 或 https 地址");
		return 0;
	}
	if ((c = curl_easy_init()) == NULL) {
		snprintf(why, n, "无法初始化 HTTP 客户端");
		return 0;
	}
	curl_easy_setopt(c, CURLOPT_URL, url);
	curl_easy_setopt(c, CURLOPT_NOBODY, 1L);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, timeout_s);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "gongkai-sitecheck/1");
	rc = curl_easy_perform(c);
	if (rc == CURLE_OK)
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_cleanup(c);
	if (rc != CURLE_OK) {
		snprintf(why, n, "无法连接：%s", curl_easy_strerror(rc));
		return 0;
	}
	if (status >= 200 && status < 400)
		return 1;
	snprintf(why, n, "HTTP %ld", status);
	return 0;
}
