# lib.sh — what every CLI test script shares (sourced, not run): the command
# under test $GK (the sanitizer build by default), a scratch folder $T removed
# on exit, pass/fail counts, and the checks:
#   expect STATUS CMD...   run CMD (stdout in $T/out, stderr in $T/err), check its exit status
#   has FILE TEXT          FILE contains TEXT        lacks FILE TEXT   it does not
#   oneline                the last command's stderr is exactly one line
#   finish NAME            print "gk-test: NAME PASSED FAILED" (counted by tests/run.sh)
GK=${GK:-build/gongkai-asan}
T=$(mktemp -d); trap 'rm -rf "$T"' EXIT
pass=0; fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

expect() {
	want=$1; shift
	"$@" >"$T/out" 2>"$T/err"; got=$?
	if [ "$got" -eq "$want" ]; then ok; else bad "$* → exit $got, want $want"; cat "$T/out" "$T/err"; fi
}
has() { if grep -q -- "$2" "$1"; then ok; else bad "$1 lacks '$2'"; cat "$1"; fi; }
lacks() { if grep -q -- "$2" "$1"; then bad "$1 has '$2'"; else ok; fi; }
oneline() { if [ "$(wc -l <"$T/err")" -eq 1 ]; then ok; else bad "stderr is not one line"; cat "$T/err"; fi; }

finish() {
	echo "gk-test: $1 $pass $fail"
	[ "$fail" -eq 0 ]
}
