#!/bin/sh
# The back office's application day in a real browser: tests/browser/backoffice_apply.mjs
# (playwright-core driving Debian's headless Chromium) against `gongkai serve`
# ($GK, the sanitizer build) with the demo database: an application taken in
# → correction requested → answered with 部分公开 through an edited letter →
# the tracking page shows it → the annual report preview counts it in 三 (二)
# 部分公开 × 商业企业 (docs/admin-applications.md). Screenshots in
# build/test-output/browser/apply-NN-step.png. Needs /usr/bin/chromium and
# tests/browser/node_modules (`make deps`); without them it fails, never skips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
. "$(dirname "$0")/browser_lib.sh"
browser_need browser_admin_apply

expect 0 $GK --db $T/demo.db demo --force
sqlite3 $T/demo.db "UPDATE users SET must_change = 0"	# initial passwords: tested elsewhere
mkdir -p "$SHOTS"; rm -f "$SHOTS"/apply-*.png

# The server's clock: Wednesday 2025-12-10 10:00 (received 12-01, due 12-29).
GONGKAI_NOW=2025-12-10T10:00:00+08:00 serve_start $T/demo.db || { finish browser_admin_apply; exit 1; }
browser_run browser_admin_apply backoffice_apply.mjs
serve_stop
echo "screenshots: $SHOTS/apply-*.png"
finish browser_admin_apply
