#!/bin/sh
# The back office's item day in a real browser: tests/browser/backoffice_items.mjs
# (playwright-core driving Debian's headless Chromium) against `gongkai serve`
# ($GK, the sanitizer build) with the demo database: a drafter drafts a
# 工作动态 with an ID number → the gate blocks the submission → masked →
# submitted → the 分管领导 returns it with a comment → fixed → passed with
# the three checks → the 主要领导 approves → the officer publishes → the
# portal shows it and search finds it (docs/admin-items.md). Screenshots in
# build/test-output/browser/items-NN-step.png. Needs /usr/bin/chromium and
# tests/browser/node_modules (`make deps`); without them it fails, never skips.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
DIR=tests/browser
SHOTS=${B:-build}/test-output/browser
CHROMIUM=${GK_CHROMIUM:-/usr/bin/chromium}

missing=""
command -v node >/dev/null 2>&1 || missing="$missing node (Debian package nodejs);"
[ -x "$CHROMIUM" ] || missing="$missing $CHROMIUM (Debian package chromium);"
[ -f "$DIR/node_modules/playwright-core/package.json" ] ||
	missing="$missing $DIR/node_modules/playwright-core (npm ci in $DIR);"
if [ -n "$missing" ]; then
	bad "browser test cannot run, missing:$missing run 'make deps' to install them"
	finish browser_admin_items
	exit 1
fi

expect 0 $GK --db $T/demo.db demo --force
# The demo's passwords are initial ones (a forced change at first login,
# tested in test_admin_auth_serve.sh): cleared so the day starts at once.
sqlite3 $T/demo.db "UPDATE users SET must_change = 0"
mkdir -p "$SHOTS"; rm -f "$SHOTS"/items-*.png

# The server's clock: Wednesday 2025-12-10 10:00; the item is dated that day.
GONGKAI_NOW=2025-12-10T10:00:00+08:00 serve_start $T/demo.db || { finish browser_admin_items; exit 1; }
GK_EXPECT_DAY=2025-12-10 GK_CHROMIUM=$CHROMIUM node "$DIR/backoffice_items.mjs" "$URL" "$SHOTS" \
    >$T/browser.log 2>&1
rc=$?
grep -v '^gk-test: ' $T/browser.log
line=$(grep '^gk-test: browser_admin_items ' $T/browser.log | tail -n 1)
if [ -n "$line" ]; then
	set -- $line
	pass=$((pass + $3)); fail=$((fail + $4))
	if [ "$4" -eq 0 ] && [ "$rc" -ne 0 ]; then bad "backoffice_items.mjs exited $rc"; fi
else
	bad "backoffice_items.mjs did not finish (exit $rc)"
fi
serve_stop
echo "screenshots: $SHOTS/items-*.png"
finish browser_admin_items
