# serve_lib.sh — a real `gongkai serve` on loopback for integration tests.
# Sourced (not run), after tests/cli/lib.sh:
#
#   . tests/cli/lib.sh
#   . tests/cli/serve_lib.sh
#   serve_start "$T/db" [--access-log "$T/access.log" ...] || { finish NAME; exit 1; }
#   curl -s "$URL/agency/1/" ...
#   serve_stop
#   finish NAME
#
# serve_start DB [ARGS...]
#   starts "$GK --db DB serve --port 0 ARGS..." in the background with
#   GONGKAI_CALENDAR=data/cn-holidays.tsv (plus whatever the caller exported,
#   e.g. GONGKAI_NOW), waits up to 30 s for its line
#   "gongkai: 正在监听 http://127.0.0.1:PORT/" and sets
#     $PORT        the port it listens on
#     $URL         http://127.0.0.1:$PORT (no trailing slash)
#     $SERVE_PID   its process id
#     $SERVE_ERR   the file with its standard error (sanitizer reports land here)
#   Counts a failure and returns 1 if the server does not come up.
# serve_stop
#   sends SIGTERM, waits for the server and counts a failure unless it exits
#   0 with no AddressSanitizer/UndefinedBehaviorSanitizer/LeakSanitizer
#   report in its standard error. A server still running when the script
#   exits is killed by the EXIT trap this file installs.
# http_code PATH [CURL ARGS...]
#   prints the status code of a request to $URL$PATH (000 if none).
SERVE_PID=
SERVE_N=0
trap 'if [ -n "$SERVE_PID" ]; then kill -9 "$SERVE_PID" 2>/dev/null; fi; rm -rf "$T"' EXIT

serve_start() {
	db=$1; shift
	SERVE_N=$((SERVE_N + 1))
	SERVE_OUT="$T/serve$SERVE_N.out"; SERVE_ERR="$T/serve$SERVE_N.err"
	: >"$SERVE_OUT"
	GONGKAI_CALENDAR=${GONGKAI_CALENDAR:-data/cn-holidays.tsv} \
		"$GK" --db "$db" serve --port 0 "$@" >"$SERVE_OUT" 2>"$SERVE_ERR" &
	SERVE_PID=$!
	i=0
	while [ $i -lt 300 ]; do
		PORT=$(sed -n 's|^gongkai: 正在监听 http://127\.0\.0\.1:\([0-9]*\)/$|\1|p' "$SERVE_OUT")
		if [ -n "$PORT" ]; then
			URL="http://127.0.0.1:$PORT"
			ok
			return 0
		fi
		if ! kill -0 "$SERVE_PID" 2>/dev/null; then break; fi
		sleep 0.1; i=$((i + 1))
	done
	bad "serve did not start"; cat "$SERVE_OUT" "$SERVE_ERR"
	kill -9 "$SERVE_PID" 2>/dev/null; SERVE_PID=
	return 1
}

serve_stop() {
	[ -n "$SERVE_PID" ] || return 0
	kill -TERM "$SERVE_PID"
	wait "$SERVE_PID"; rc=$?
	SERVE_PID=
	if [ "$rc" -eq 0 ]; then ok; else bad "serve exited $rc after SIGTERM"; cat "$SERVE_ERR"; fi
	if grep -q -E 'Sanitizer|runtime error:' "$SERVE_ERR"; then
		bad "sanitizer report from serve"; cat "$SERVE_ERR"
	else ok; fi
}

http_code() {
	p=$1; shift
	curl -s -o /dev/null -w '%{http_code}' "$@" "$URL$p"
}
