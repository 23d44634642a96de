#!/bin/sh
# Hostile requests against a real `gongkai serve` (tests/cli/hostile_http.py,
# raw sockets): oversized headers and bodies, slow and stalled clients,
# path traversal, invalid UTF-8 and percent-encoding, NUL and control bytes,
# long URLs, unknown methods, injection strings in every parameter. Each
# must get a 4xx (never a 5xx) and the server must go on answering; at the
# end it must stop cleanly with no sanitizer report.
. tests/cli/lib.sh
. tests/cli/serve_lib.sh

DB="$T/demo.db"
expect 0 "$GK" --db "$DB" demo --force
serve_start "$DB" --timeout 2 --access-log "$T/access.log" || { finish serve_hostile; exit 1; }
python3 tests/cli/hostile_http.py 127.0.0.1 "$PORT" 2 >"$T/hostile" 2>&1
while IFS= read -r line; do
	case $line in
	PASS*) ok ;;
	FAIL*) bad "${line#FAIL }" ;;
	*) bad "hostile_http.py: $line" ;;
	esac
done <"$T/hostile"
n=$(grep -c "^PASS" "$T/hostile"); [ "$n" -ge 60 ] && ok || bad "hostile_http.py ran too few cases ($n)"
# no handler error was logged: the server answered everything itself or with a 4xx
if grep -q "gongkai: .*(GK_\|处理失败" "$SERVE_ERR"; then bad "a handler failed"; grep "gongkai:" "$SERVE_ERR" | head; else ok; fi
# no 5xx in the access log (501 is the answer to an unknown method)
grep " 5[0-9][0-9] [0-9]* [0-9]*us" "$T/access.log" | grep -v '" 501 ' >"$T/5xx"
if [ -s "$T/5xx" ]; then bad "5xx answers"; cat "$T/5xx"; else ok; fi
serve_stop
finish serve_hostile
