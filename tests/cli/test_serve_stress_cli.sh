#!/bin/sh
# Many clients at once while the site keeps changing: 8 client threads
# (keep-alive, plain and gzip, conditional and not, cached and dynamic
# pages) for about 3 seconds against a 4-thread server under ASan, while
# the CLI changes a platform setting 10 times (each drops the page cache
# under the readers' feet). Every answer must be right (200 with the same
# body, 304 or 404 as asked), and the server must stop cleanly with no
# sanitizer report.
. tests/cli/lib.sh
. tests/cli/serve_lib.sh

DB="$T/demo.db"
expect 0 "$GK" --db "$DB" demo --force
serve_start "$DB" --threads 4 --access-log "$T/access.log" || { finish serve_stress; exit 1; }
curl -s -o "$T/css" "$URL/static/portal.css"
python3 - "$PORT" "$T/css" >"$T/stress" 2>&1 <<'PY' &
import gzip, http.client, sys, threading, time
port, css = int(sys.argv[1]), open(sys.argv[2], "rb").read()
errors, counts = [], [0]
lock = threading.Lock()
def client(k):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    end = time.time() + 3
    i = 0
    while time.time() < end:
        i += 1
        kind = (i + k) % 4
        h = {}
        if kind == 1:
            h["Accept-Encoding"] = "gzip"
        path = "/static/portal.css" if kind < 3 else "/no/such/page/%d" % i
        if kind == 2:
            h["If-None-Match"] = "*"
        try:
            c.request("GET", path, headers=h)
            r = c.getresponse()
            body = r.read()
        except Exception as e:
            with lock:
                errors.append("%s: %r" % (path, e))
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            continue
        ok = ((kind == 0 and r.status == 200 and body == css) or
              (kind == 1 and r.status == 200 and gzip.decompress(body) == css) or
              (kind == 2 and r.status == 304 and body == b"") or
              (kind == 3 and r.status == 404 and "页面不存在".encode() in body))
        with lock:
            counts[0] += 1
            if not ok:
                errors.append("%s kind %d -> %d" % (path, kind, r.status))
ts = [threading.Thread(target=client, args=(k,)) for k in range(8)]
for t in ts: t.start()
for t in ts: t.join()
print("requests %d errors %d" % (counts[0], len(errors)))
for e in errors[:10]: print(e)
PY
py=$!
i=0
while [ $i -lt 10 ]; do
	GONGKAI_ACTOR=cli:test "$GK" --db "$DB" site set contact "电话 $i" >/dev/null 2>&1 || bad "site set $i"
	sleep 0.25; i=$((i + 1))
done
wait $py
has "$T/stress" "errors 0$"; cat "$T/stress" | head -1
n=$(sed -n 's/^requests \([0-9]*\) .*/\1/p' "$T/stress")
[ "${n:-0}" -ge 200 ] && ok || bad "only ${n:-0} requests answered"
# the cache was dropped along the way: misses after the first one
[ "$(grep -c 'portal.css" [23]0[04] [0-9]* [0-9]*us miss$' "$T/access.log")" -ge 2 ] && ok || bad "the cache was never dropped"
grep -c ' hit$' "$T/access.log" >"$T/hits"
[ "$(cat "$T/hits")" -ge 100 ] && ok || bad "few cache hits: $(cat "$T/hits")"
serve_stop
finish serve_stress
