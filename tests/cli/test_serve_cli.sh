#!/bin/sh
# `gongkai serve` against the demo database on loopback: the 404 page, 405
# and 501, HEAD, ETag / If-None-Match / If-Modified-Since, gzip, security
# headers, the page cache and its invalidation when a platform setting
# changes, the access log, and SIGTERM finishing a request in flight.
# Works with stub or real portal pages: it uses /static/portal.css (always
# cacheable) and the 404 page (shows the platform's name), and checks
# whatever page carries Last-Modified when one exists.
. tests/cli/lib.sh
. tests/cli/serve_lib.sh

DB="$T/demo.db"
expect 0 "$GK" --db "$DB" demo --force
export GONGKAI_NOW=2026-03-02T10:00:00+08:00
serve_start "$DB" --threads 2 --access-log "$T/access.log" || { finish serve; exit 1; }

# --- 404, 405, 501 --------------------------------------------------------
curl -s -D "$T/h" -o "$T/b" "$URL/no/such/page"
has "$T/h" "HTTP/1.1 404"
has "$T/h" "Content-Type: text/html; charset=utf-8"
has "$T/h" "Cache-Control: no-store"
has "$T/b" "页面不存在"
has "$T/b" "<title>页面不存在"
curl -s -D "$T/h" -o "$T/b" -X PUT "$URL/"
has "$T/h" "HTTP/1.1 405"
has "$T/h" "Allow: GET, HEAD"
has "$T/b" "请求方法不允许"
curl -s -D "$T/h" -o "$T/b" -X DELETE "$URL/apply/1"
has "$T/h" "HTTP/1.1 405"
has "$T/h" "Allow: GET, HEAD, POST"
curl -s -D "$T/h" -o "$T/b" -d "a=1" "$URL/static/portal.css"	# POST where only GET is routed
has "$T/h" "HTTP/1.1 405"
has "$T/h" "Allow: GET, HEAD"
[ "$(http_code / -X BREW)" = 501 ] && ok || bad "unknown method is not 501"

# --- security headers on every kind of answer ----------------------------
for p in /static/portal.css /no/such/page "/search?q=%zz"; do
	curl -s -D "$T/h" -o /dev/null "$URL$p"
	has "$T/h" "Content-Security-Policy: default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'"
	has "$T/h" "X-Content-Type-Options: nosniff"
	has "$T/h" "Referrer-Policy: strict-origin-when-cross-origin"
	has "$T/h" "X-Frame-Options: DENY"
done

# --- a cacheable page: ETag, 304, HEAD, gzip -----------------------------
curl -s -D "$T/h" -o "$T/css" "$URL/static/portal.css"
has "$T/h" "HTTP/1.1 200"
has "$T/h" "Content-Type: text/css; charset=utf-8"
has "$T/h" "Cache-Control: no-cache"
has "$T/h" "Vary: Accept-Encoding"
lacks "$T/h" "Content-Encoding"
len=$(wc -c <"$T/css")
has "$T/h" "Content-Length: $len"
# the ETag is the first 16 hex digits of the body's SHA-256
tag=$(sha256sum "$T/css" | cut -c1-16)
has "$T/h" "ETag: \"$tag\""
rm -f "$T/b"
curl -s -D "$T/h" -o "$T/b" -H "If-None-Match: \"$tag\"" "$URL/static/portal.css"
has "$T/h" "HTTP/1.1 304"
has "$T/h" "ETag: \"$tag\""
has "$T/h" "X-Frame-Options: DENY"
[ ! -s "$T/b" ] && ok || bad "304 with a body"
curl -s -D "$T/h" -o /dev/null -H "If-None-Match: \"0000\", W/\"$tag\"" "$URL/static/portal.css"
has "$T/h" "HTTP/1.1 304"
curl -s -D "$T/h" -o /dev/null -H "If-None-Match: *" "$URL/static/portal.css"
has "$T/h" "HTTP/1.1 304"
curl -s -D "$T/h" -o /dev/null -H "If-None-Match: \"0123456789abcdef\"" "$URL/static/portal.css"
has "$T/h" "HTTP/1.1 200"
# HEAD: the same headers, no body
curl -s -I -o "$T/h" "$URL/static/portal.css"
has "$T/h" "HTTP/1.1 200"
has "$T/h" "Content-Length: $len"
has "$T/h" "ETag: \"$tag\""
printf 'HEAD /static/portal.css HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n' >"$T/req"
python3 -c "
import socket,sys
s=socket.create_connection(('127.0.0.1',$PORT)); s.sendall(open('$T/req','rb').read())
b=b''
while True:
    c=s.recv(65536)
    if not c: break
    b+=c
sys.stdout.buffer.write(b)" >"$T/raw"
[ "$(python3 -c "import sys;d=open('$T/raw','rb').read();print(len(d.split(b'\r\n\r\n',1)[1]))")" = 0 ] && ok || bad "HEAD sent a body"
# gzip: with Accept-Encoding, Content-Encoding gzip, a smaller body that unzips to the same bytes
curl -s -D "$T/h" -o "$T/css.gz" -H "Accept-Encoding: gzip" "$URL/static/portal.css"
has "$T/h" "Content-Encoding: gzip"
has "$T/h" "ETag: \"$tag-gz\""
gzip -dc <"$T/css.gz" >"$T/css2" && cmp -s "$T/css" "$T/css2" && ok || bad "gzip body differs"
[ "$(wc -c <"$T/css.gz")" -lt "$len" ] && ok || bad "gzip body not smaller"
curl -s --compressed -o "$T/css3" "$URL/static/portal.css"
cmp -s "$T/css" "$T/css3" && ok || bad "curl --compressed body differs"
curl -s -D "$T/h" -o /dev/null -H "Accept-Encoding: gzip;q=0, identity" "$URL/static/portal.css"
lacks "$T/h" "Content-Encoding"
curl -s -D "$T/h" -o /dev/null -H "If-None-Match: \"$tag-gz\"" "$URL/static/portal.css"
has "$T/h" "HTTP/1.1 304"
# dynamic (not cached) pages over 1 KB are gzipped too: the 404 page
curl -s -D "$T/h" -o "$T/404.gz" -H "Accept-Encoding: gzip" "$URL/no/such/page"
has "$T/h" "HTTP/1.1 404"
has "$T/h" "Content-Encoding: gzip"
gzip -dc <"$T/404.gz" >"$T/404" && has "$T/404" "页面不存在"

# --- Last-Modified / If-Modified-Since, on whichever page has it ---------
lm=
for p in /agency/1/ /item/1 /agency/1/reports/2025 /; do
	curl -s -D "$T/h" -o /dev/null "$URL$p"
	lm=$(sed -n 's/^Last-Modified: \(.*\)\r$/\1/p' "$T/h")
	if [ -n "$lm" ]; then lmpath=$p; break; fi
done
if [ -n "$lm" ]; then
	curl -s -D "$T/h" -o /dev/null -H "If-Modified-Since: $lm" "$URL$lmpath"
	has "$T/h" "HTTP/1.1 304"
	curl -s -D "$T/h" -o /dev/null -H "If-Modified-Since: Thu, 01 Jan 1970 00:00:00 GMT" "$URL$lmpath"
	has "$T/h" "HTTP/1.1 200"
	curl -s -D "$T/h" -o /dev/null -H "If-Modified-Since: garbage" "$URL$lmpath"
	has "$T/h" "HTTP/1.1 200"
else
	echo "note: no page with Last-Modified yet (portal pages not built); If-Modified-Since is unit-tested"
fi

# --- the cache and its invalidation ---------------------------------------
: >"$T/access.log.mark"
curl -s -o /dev/null "$URL/static/portal.css?v=1"
curl -s -o /dev/null "$URL/static/portal.css?v=1"
sleep 0.3
tail -n 2 "$T/access.log" >"$T/last2"
has "$T/last2" '"GET /static/portal.css?v=" 200 [0-9]* [0-9]*us miss'
has "$T/last2" '"GET /static/portal.css?v=" 200 [0-9]* [0-9]*us hit'
curl -s -o "$T/b" "$URL/no/such/page"
has "$T/b" "政府信息公开平台"
GONGKAI_ACTOR=cli:test expect 0 "$GK" --db "$DB" site set name "缓存失效测试平台"
# within a second the server sees site_state.gen move: the cache is dropped
# (the next request is a miss) and pages show the new name
sleep 1
curl -s -o /dev/null "$URL/static/portal.css?v=1"
sleep 0.2
tail -n 1 "$T/access.log" >"$T/last1"
has "$T/last1" '"GET /static/portal.css?v=" 200 [0-9]* [0-9]*us miss'
curl -s -o "$T/b" "$URL/no/such/page"
has "$T/b" "<title>页面不存在 - 缓存失效测试平台</title>"
curl -s -o "$T/b" "$URL/"
if grep -q "缓存失效测试平台" "$T/b"; then ok; else echo "note: / does not show the platform name yet"; fi

# --- the access log: one line per request, never a query or form value ----
curl -s -o /dev/null "$URL/search?q=secret-term&page=2"
curl -s -o /dev/null -d "name=secret-name" "$URL/apply/1"
sleep 0.3
has "$T/access.log" '^127\.0\.0\.1 \[20[0-9-]*T[0-9:]*+08:00\] "GET /search?q=&page=" [0-9]* [0-9]* [0-9]*us -$'
has "$T/access.log" '"POST /apply/1" '
lacks "$T/access.log" "secret-term"
lacks "$T/access.log" "secret-name"
has "$T/access.log" '"PUT /" 405'
has "$T/access.log" '"BREW /" 501'

# --- SIGTERM with a request in flight: it is answered, then exit 0 ---------
python3 - "$PORT" "$SERVE_PID" >"$T/inflight" 2>&1 <<'PY'
import os, signal, socket, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
s = socket.create_connection(("127.0.0.1", port))
body = b"a=1&b=2"
s.sendall(b"POST /apply/1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
          b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 7\r\n\r\na=1")
time.sleep(0.3)
os.kill(pid, signal.SIGTERM)
time.sleep(0.5)
try:
    socket.create_connection(("127.0.0.1", port), timeout=1).close()
    print("new connection accepted after SIGTERM")
except OSError:
    print("new connections refused")
s.sendall(b"&b=2")
data = b""
while True:
    c = s.recv(65536)
    if not c:
        break
    data += c
print(data.split(b"\r\n", 1)[0].decode())
PY
has "$T/inflight" "new connections refused"
has "$T/inflight" "HTTP/1.1 [234][0-9][0-9]"
wait "$SERVE_PID"; rc=$?
SERVE_PID=
[ "$rc" -eq 0 ] && ok || bad "serve exited $rc after SIGTERM"
if grep -q -E 'Sanitizer|runtime error:' "$SERVE_ERR"; then bad "sanitizer report"; cat "$SERVE_ERR"; else ok; fi

# --- options ---------------------------------------------------------------
expect 2 "$GK" --db "$DB" serve --port 70000
has "$T/err" "端口"
expect 2 "$GK" --db "$DB" serve --bogus
expect 1 "$GK" --db "$DB" serve --port 0 --bind not-an-address
has "$T/err" "监听地址"
expect 1 "$GK" --db "$T/missing.db" serve --port 0
expect 0 "$GK" serve --help
has "$T/out" "--access-log"

finish serve
