#!/bin/sh
# bench_web.sh — the portal under load: `gongkai serve` against nginx
# serving the same pages from `gongkai export`, measured with wrk on the
# loopback interface. Run by `make bench` after the C benchmarks (it needs
# the release build build/gongkai, Debian's wrk and nginx-light).
#
#   sh bench/bench_web.sh              (B=build, 10 s per run)
#   BENCH_WEB_SECONDS=3 sh bench/bench_web.sh     a shorter run
#
# It builds the demonstration database (313 published items of two
# agencies), starts gongkai on 127.0.0.1 (a free port), exports the same
# pages to a static tree and starts nginx on it (as the current user, its
# configuration, pid and temporary files in a scratch folder: one worker
# per core, access_log off, sendfile on, and the server block of
# docs/portal.md taken from that file: its try_files layout). Then wrk -t2 -c64 --latency against an item page, a
# section list page and /search?q=招商引资 on gongkai, and the same item
# and list pages on nginx; prints requests/s, latency p50/p99, the ratios
# gongkai/nginx, gongkai's peak RSS (VmHWM) and the data size. Every run
# must answer 200 only (a run with non-2xx answers or socket errors fails
# the benchmark). Both servers are stopped on exit, whatever happens.
# bench/README.md "bench_web" has the figures.
set -u
B=${B:-build}
GK=${GK:-$B/gongkai}
SECS=${BENCH_WEB_SECONDS:-10}
ROUNDS=${BENCH_WEB_ROUNDS:-3}
THREADS=${BENCH_WEB_THREADS:-2}
CONNS=${BENCH_WEB_CONNS:-64}
NGINX=${NGINX:-/usr/sbin/nginx}
QUERY_ENC='%E6%8B%9B%E5%95%86%E5%BC%95%E8%B5%84'	# 招商引资

die() { echo "bench_web: $*" >&2; exit 1; }

for t in "$GK" wrk "$NGINX" python3; do
	command -v "$t" >/dev/null 2>&1 || die "$t not found (make deps; make $B/gongkai)"
done

W=$(mktemp -d) || die "mktemp failed"
GK_PID=""
NG_PID=""
WRK_PID=""
cleanup() {
	if [ -n "$WRK_PID" ]; then kill "$WRK_PID" 2>/dev/null; wait "$WRK_PID" 2>/dev/null; fi
	if [ -n "$GK_PID" ]; then kill "$GK_PID" 2>/dev/null; wait "$GK_PID" 2>/dev/null; fi
	if [ -n "$NG_PID" ]; then kill -QUIT "$NG_PID" 2>/dev/null; wait "$NG_PID" 2>/dev/null; fi
	rm -rf "$W"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A free loopback port (the kernel's choice; released just before use).
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Waits until URL answers (5 s at most).
wait_up() {
	i=0
	while [ $i -lt 50 ]; do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}

# ---- data -------------------------------------------------------------------
DB=$W/demo.db
"$GK" --db "$DB" demo --force >"$W/demo.log" 2>&1 || { cat "$W/demo.log"; die "demo failed"; }
"$GK" --db "$DB" export "$W/site" >"$W/export.log" 2>&1 || { cat "$W/export.log"; die "export failed"; }
chmod 755 "$W"	# nginx's workers may run as another user

# The pages: an item of the bureau (agency 1, a policy document with its
# interpretation links), and the section list with the most entries.
ITEM=$(grep -o 'href="/item/[0-9]*"' "$W/site/agency/1/index.html" | head -n 1 | sed 's/href="//; s/"//')
[ -n "$ITEM" ] || die "no item link on /agency/1/"
LISTFILE=$(ls -S "$W"/site/agency/*/category/*/index.html | head -n 1)
LIST=${LISTFILE#"$W/site"}
LIST=${LIST%index.html}

# ---- gongkai ------------------------------------------------------------------
"$GK" --db "$DB" serve --bind 127.0.0.1 --port 0 >"$W/gk.out" 2>"$W/gk.err" &
GK_PID=$!
i=0
GK_URL=""
while [ $i -lt 100 ] && [ -z "$GK_URL" ]; do
	GK_URL=$(sed -n 's|.*\(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$W/gk.out" | head -n 1)
	kill -0 "$GK_PID" 2>/dev/null || break
	[ -n "$GK_URL" ] || sleep 0.1
	i=$((i + 1))
done
[ -n "$GK_URL" ] || { cat "$W/gk.out" "$W/gk.err"; die "gongkai serve did not start"; }

# ---- nginx --------------------------------------------------------------------
NG_PORT=$(free_port)
NG_URL=http://127.0.0.1:$NG_PORT
CORES=$(nproc)
USERLINE=""
[ "$(id -u)" -eq 0 ] && USERLINE="user $(id -un) $(id -gn);"
# The server block of docs/portal.md (its try_files layout, and the dynamic
# parts proxied to this gongkai), with our port, root and proxy port.
sed -n '/^```nginx$/,/^```$/p' docs/portal.md | sed '1d;$d' |
	sed -e "s|listen 80;|listen 127.0.0.1:$NG_PORT;|" -e "s|root /srv/gongkai/site;|root $W/site;|" \
	    -e "s|127.0.0.1:8080|${GK_URL#http://}|" >"$W/server.conf"
grep -q "root $W/site;" "$W/server.conf" || die "no nginx server block in docs/portal.md"
cat >"$W/nginx.conf" <<EOF
$USERLINE
worker_processes $CORES;
daemon off;
pid $W/nginx.pid;
error_log $W/nginx.err warn;
events { worker_connections 1024; }
http {
	include /etc/nginx/mime.types;
	default_type application/octet-stream;
	access_log off;
	sendfile on;
	tcp_nopush on;
	keepalive_requests 100000;
	client_body_temp_path $W/ngx-body;
	proxy_temp_path $W/ngx-proxy;
	fastcgi_temp_path $W/ngx-fastcgi;
	uwsgi_temp_path $W/ngx-uwsgi;
	scgi_temp_path $W/ngx-scgi;
	include $W/server.conf;
}
EOF
"$NGINX" -p "$W" -c "$W/nginx.conf" -e "$W/nginx.err" >"$W/nginx.out" 2>&1 &
NG_PID=$!
wait_up "$NG_URL/" || { cat "$W/nginx.out" "$W/nginx.err"; die "nginx did not start"; }

# Same bytes from both (the export is made by the same handlers).
curl -s "$GK_URL$ITEM" >"$W/item.gk"; curl -s "$NG_URL$ITEM" >"$W/item.ng"
curl -s "$GK_URL$LIST" >"$W/list.gk"; curl -s "$NG_URL$LIST" >"$W/list.ng"
cmp -s "$W/item.gk" "$W/item.ng" || die "$ITEM differs between gongkai and nginx"
cmp -s "$W/list.gk" "$W/list.ng" || die "$LIST differs between gongkai and nginx"
if [ -f "$W/site${LIST}page-2.html" ]; then
	curl -s "$GK_URL$LIST?page=2" >"$W/list2.gk"; curl -s "$NG_URL$LIST?page=2" >"$W/list2.ng"
	cmp -s "$W/list2.gk" "$W/list2.ng" || die "$LIST?page=2 differs between gongkai and nginx"
fi

# ---- runs ---------------------------------------------------------------------
# run NAME URL [WRK ARGS]: wrk, then "NAME rps p50 p99" appended to $W/results.
run() {
	name=$1; url=$2; shift 2
	out=$W/wrk.$name
	# In the background, so that a signal to this script stops it at once.
	wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" --latency "$@" "$url" >"$out" 2>&1 &
	WRK_PID=$!
	wait "$WRK_PID" || { WRK_PID=""; cat "$out"; die "wrk failed on $url"; }
	WRK_PID=""
	if grep -q -e 'Non-2xx' -e 'Socket errors' "$out"; then
		cat "$out"; die "$name: errors during the run ($url)"
	fi
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$out")
	p50=$(awk '$1 == "50%" { print $2 }' "$out")
	p99=$(awk '$1 == "99%" { print $2 }' "$out")
	[ -n "$rps" ] && [ -n "$p50" ] && [ -n "$p99" ] || { cat "$out"; die "cannot read wrk's output"; }
	echo "$name $rps $p50 $p99" >>"$W/results"
	printf '  round %s  %-18s %10s req/s  p50 %-9s p99 %s\n' "$ROUND" "$name" "$rps" "$p50" "$p99"
}

bytes() { wc -c <"$1" | tr -d ' '; }
echo "bench_web: wrk -t$THREADS -c$CONNS -d${SECS}s --latency, $(nproc) cores, loopback;" \
	"load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "  data: demo database $(bytes "$DB") bytes, $("$GK" --db "$DB" item list --state published --limit 1000 2>/dev/null | tail -n +2 | wc -l) published items;" \
	"export $(find "$W/site" -type f | wc -l) files, $(du -sk "$W/site" | cut -f1) KiB"
echo "  item page $ITEM $(bytes "$W/item.gk") bytes; list page $LIST $(bytes "$W/list.gk") bytes"
echo "  gongkai $GK_URL, nginx $NG_URL; search: /search?q=招商引资"
# Rounds of all runs in turn, gongkai and nginx alternating, so that a
# disturbance from elsewhere on the machine touches both; each figure
# below is the round with the median requests/s.
ROUND=1
while [ "$ROUND" -le "$ROUNDS" ]; do
	run gk-item "$GK_URL$ITEM"
	run nginx-item "$NG_URL$ITEM"
	run gk-list "$GK_URL$LIST"
	run nginx-list "$NG_URL$LIST"
	# The same item page rendered for every request: with the larger-text
	# cookie a page differs per visitor and is never taken from the cache.
	run gk-item-uncached "$GK_URL$ITEM" -H 'Cookie: gk_large=1'
	run gk-search "$GK_URL/search?q=$QUERY_ENC"
	ROUND=$((ROUND + 1))
done

# median NAME: "rps p50 p99" of the median round by requests/s.
median() {
	awk -v n="$1" '$1 == n { print $2, $3, $4 }' "$W/results" | sort -n |
		awk '{ l[NR] = $0 } END { print l[int((NR + 1) / 2)] }'
}
echo "  median of $ROUNDS rounds:"
for n in gk-item nginx-item gk-list nginx-list gk-item-uncached gk-search; do
	set -- $(median "$n")
	printf '  %-18s %10s req/s  p50 %-9s p99 %s\n' "$n" "$1" "$2" "$3"
	eval "RPS_$(echo "$n" | tr -- '-' '_')=$1"
done
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
HWM=$(awk '/^VmHWM/ { print $2, $3 }' "/proc/$GK_PID/status" 2>/dev/null)
echo "  ratio gongkai/nginx: item page $(ratio "$RPS_gk_item" "$RPS_nginx_item")x (target >= 0.8x)," \
	"list page $(ratio "$RPS_gk_list" "$RPS_nginx_list")x"
echo "  gongkai peak RSS (VmHWM): ${HWM:-unknown}"
