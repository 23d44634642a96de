/*
 * findings_json.h — check results as a JSON object (jansson). The caller
 * owns the returned json_t (json_decref); NULL when out of memory.
 */
#ifndef GK_FINDINGS_JSON_H
#define GK_FINDINGS_JSON_H

#include <jansson.h>

#include "core/report_check.h"

json_t	*gk_check_json(const char *file, int status, const char *error,
	    const struct gk_report *, const struct gk_findings *);

#endif
