# browser_lib.sh — sourced by the browser tests after lib.sh and serve_lib.sh:
# browser_need NAME fails the test (never skips) when node, Chromium or
# playwright-core is missing; browser_run NAME SCRIPT [ENV=VALUE…] runs
# tests/browser/SCRIPT against the started server ($URL) with screenshots in
# $SHOTS, prints its lines and adds its "gk-test: NAME P F" counts.
BDIR=tests/browser
SHOTS=${B:-build}/test-output/browser
CHROMIUM=${GK_CHROMIUM:-/usr/bin/chromium}

browser_need() {
	missing=""
	command -v node >/dev/null 2>&1 || missing="$missing node (Debian package nodejs);"
	[ -x "$CHROMIUM" ] || missing="$missing $CHROMIUM (Debian package chromium);"
	[ -f "$BDIR/node_modules/playwright-core/package.json" ] ||
		missing="$missing $BDIR/node_modules/playwright-core (npm ci in $BDIR);"
	[ -z "$missing" ] && return 0
	bad "browser test cannot run, missing:$missing run 'make deps' to install them"
	finish "$1"
	exit 1
}

browser_run() {
	name=$1; script=$2; shift 2
	env GK_CHROMIUM="$CHROMIUM" "$@" node "$BDIR/$script" "$URL" "$SHOTS" >$T/browser.log 2>&1
	rc=$?
	grep -v '^gk-test: ' $T/browser.log
	line=$(grep "^gk-test: $name " $T/browser.log | tail -n 1)
	if [ -n "$line" ]; then
		set -- $line
		pass=$((pass + $3)); fail=$((fail + $4))
		if [ "$4" -eq 0 ] && [ "$rc" -ne 0 ]; then bad "$script exited $rc"; fi
	else
		bad "$script did not finish (exit $rc)"
	fi
}
