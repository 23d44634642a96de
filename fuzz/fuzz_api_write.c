/*
 * fuzz_api_write.c — libFuzzer target for the decoding of the write side's
 * JSON bodies (web/api_write.h): the first byte picks the kind (item or
 * application), the rest is the body. Any input must be decoded or refused
 * with a message, never crash, hang or leak; what is accepted has only
 * strings without NUL in its fields, the required ones present, a positive
 * agency_id or none, and a valid received date for an application.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/date.h"
#include "web/api_write.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct gk_api_write_in	 in;
	enum gk_api_kind	 kind;
	char			 field[64], err[512];
	size_t			 i;

	if (size < 1)
		return 0;
	kind = data[0] & 1 ? GK_API_APPLICATION : GK_API_ITEM;
	err[0] = '\0';
	if (gk_api_write_decode(kind, (const char *)data + 1, size - 1, &in, field, err,
	    sizeof(err)) != GK_OK) {
		if (err[0] == '\0' || in.root != NULL)
			abort();	/* every refusal says why and keeps nothing */
		return 0;
	}
	if (in.agency_id < 0)
		abort();
	if (kind == GK_API_ITEM) {
		if (in.f[ITEM_F_TITLE] == NULL || in.f[ITEM_F_CATEGORY] == NULL ||
		    in.f[ITEM_F_INDEXNO] != NULL)
			abort();
		for (i = 0; i < ITEM_F__MAX; i++)
			if (in.f[i] != NULL && strlen(in.f[i]) > size)
				abort();
	} else if (in.ap.received == GK_DATE_NONE || in.ap.channel >= APPLY_CH__MAX ||
	    in.ap.type >= APPLY_AP__MAX)
		abort();
	gk_api_write_clear(&in);
	return 0;
}
