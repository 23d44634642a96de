#!/bin/sh
# Runs every unit test binary and every CLI test script, then prints the one
# closing line "N passed, N failed". Exit status 1 if anything failed.
B=${B:-build}
pass=0; fail=0
log=$(mktemp); trap 'rm -f "$log"' EXIT
for t in "$B"/tests/test_*; do
	[ -x "$t" ] || continue
	"$t" >"$log" 2>&1; rc=$?
	line=$(grep '^gk-test: ' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$log"; echo "CRASHED: $t (exit $rc)"; fail=$((fail + 1)); continue
	fi
	set -- $line
	pass=$((pass + $3)); fail=$((fail + $4))
	if [ "$4" -ne 0 ] || [ "$rc" -ne 0 ]; then cat "$log"; fi
	if [ "$4" -eq 0 ] && [ "$rc" -ne 0 ]; then echo "FAILED (exit $rc, sanitizer?): $t"; fail=$((fail + 1)); fi
	echo "$t: $3 passed, $4 failed"
done
for s in tests/cli/test_*.sh; do
	[ -f "$s" ] || continue
	GK="$B/gongkai-asan" sh "$s" >"$log" 2>&1; rc=$?
	line=$(grep '^gk-test: ' "$log" | tail -n 1)
	if [ -z "$line" ]; then
		cat "$log"; echo "CRASHED: $s (exit $rc)"; fail=$((fail + 1)); continue
	fi
	set -- $line
	pass=$((pass + $3)); fail=$((fail + $4))
	[ "$4" -ne 0 ] && cat "$log"
	echo "$s: $3 passed, $4 failed"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
