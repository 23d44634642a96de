/*
 * portal.h — internals shared by the portal's modules (portal*.c): the
 * embedded stylesheet, the SVG charts and the QR code. The route handler
 * itself is gk_portal_handle (handlers.h).
 */
#ifndef GK_WEB_PORTAL_H
#define GK_WEB_PORTAL_H

#include <stddef.h>
#include <stdint.h>

#include "core/gk.h"

/* The stylesheet served at /static/portal.css (static storage). */
const char	*gk_portal_css(size_t *lenp);

#endif /* GK_WEB_PORTAL_H */
