#!/bin/sh
# The portal in a real browser: tests/browser/visitor.mjs (playwright-core
# driving Debian's headless Chromium) walks a visitor through the demo
# database served by `gongkai serve` ($GK, the sanitizer build): home →
# 盐边县经济合作和商务局's column → a section list → an item's 信息属性 →
# search 招商引资 → an online application → /track → 大字版 → the keyboard;
# then tests/browser/backoffice_items.mjs walks the back office's item day.
# Screenshots of every step in build/test-output/browser/NN-step.png and
# items-NN-step.png.
# Needs /usr/bin/chromium and tests/browser/node_modules (`make deps`
# installs both); without them this test fails, it never skips.
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
	finish browser
	exit 1
fi

expect 0 $GK --db $T/demo.db demo --force
rm -rf "$SHOTS"; mkdir -p "$SHOTS"

# The server's clock: Monday 2026-03-02, 09:00 (no holiday in March 2026),
# so an application received today is due 20 working days later, on
# Monday 2026-03-30 (条例第三十三条), with 20 working days left.
GONGKAI_NOW=2026-03-02T09:00:00+08:00 serve_start $T/demo.db || { finish browser; exit 1; }

# Then the back office's item day (backoffice_items.mjs, docs/admin-items.md):
# a 工作动态 of today drafted, blocked by the gate, masked, returned, passed,
# approved, published and found. The demo's initial passwords are cleared of
# their forced change (tested in test_admin_auth_serve.sh) before it signs in.
for script in visitor backoffice_items; do
	[ $script = visitor ] || sqlite3 $T/demo.db "UPDATE users SET must_change = 0"
	GK_EXPECT_RECEIVED=2026-03-02 GK_EXPECT_DUE=2026-03-30 GK_EXPECT_LEFT=20 \
	GK_EXPECT_DAY=2026-03-02 \
	GK_CHROMIUM=$CHROMIUM node "$DIR/$script.mjs" "$URL" "$SHOTS" >$T/browser.log 2>&1
	rc=$?
	grep -v '^gk-test: ' $T/browser.log
	line=$(grep '^gk-test: browser' $T/browser.log | tail -n 1)
	if [ -n "$line" ]; then
		set -- $line
		pass=$((pass + $3)); fail=$((fail + $4))
		if [ "$4" -eq 0 ] && [ "$rc" -ne 0 ]; then bad "$script.mjs exited $rc"; fi
	else
		bad "$script.mjs did not finish (exit $rc)"
	fi
done
serve_stop
echo "screenshots: $SHOTS"
finish browser
