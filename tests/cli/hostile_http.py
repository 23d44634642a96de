#!/usr/bin/env python3
"""hostile_http.py HOST PORT TIMEOUT — hostile requests against a running
`gongkai serve` (raw sockets, so nothing is cleaned up on the way). Each case
prints "PASS name" or "FAIL name: why"; test_serve_hostile_cli.sh counts them.
After every case a normal request must still be answered 200.
TIMEOUT is the server's --timeout (seconds)."""
import socket
import sys
import time
import urllib.parse

HOST, PORT, TIMEOUT = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
fails = 0


def say(ok, name, why=""):
    global fails
    if ok:
        print("PASS " + name)
    else:
        fails += 1
        print("FAIL %s: %s" % (name, why))
    sys.stdout.flush()


def raw(data, wait=10.0):
    """Sends data, reads until the server closes; returns (status, headers, body)."""
    s = socket.create_connection((HOST, PORT), timeout=wait)
    try:
        try:
            s.sendall(data)
        except OSError:
            pass  # the server may answer and close before taking everything
        buf = b""
        while True:
            try:
                chunk = s.recv(65536)
            except (ConnectionResetError, socket.timeout):
                break
            if not chunk:
                break
            buf += chunk
    finally:
        s.close()
    head, _, body = buf.partition(b"\r\n\r\n")
    lines = head.split(b"\r\n")
    try:
        status = int(lines[0].split()[1])
    except (IndexError, ValueError):
        status = 0
    headers = {}
    for line in lines[1:]:
        k, _, v = line.partition(b":")
        headers[k.strip().lower().decode("latin-1")] = v.strip().decode("latin-1")
    return status, headers, body


def reflected(h, body):
    """An injection string came back as live markup in an HTML page."""
    return h.get("content-type", "").startswith("text/html") and b"<script>alert" in body


def get(target, extra=b""):
    if isinstance(target, str):
        target = target.encode("latin-1")
    return raw(b"GET " + target + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n" + extra + b"\r\n")


def post(target, body, ctype=b"application/x-www-form-urlencoded", extra=b""):
    return raw(b"POST " + target.encode() + b" HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
               b"Content-Type: " + ctype + b"\r\nContent-Length: " + str(len(body)).encode() +
               b"\r\n" + extra + b"\r\n" + body)


def alive(name):
    st, _, body = get("/static/portal.css")
    if st != 200 or not body:
        say(False, name + " (server still answers)", "status %d" % st)


def expect_4xx(name, st, want=None):
    if want is not None:
        say(st == want, name, "status %d, want %d" % (st, want))
    else:
        say(400 <= st < 500, name, "status %d, want 4xx" % st)
    alive(name)


# ---- sizes -------------------------------------------------------------
st, _, _ = get("/", b"X-Big: " + b"a" * 70000 + b"\r\n")
expect_4xx("oversized header", st)
st, _, _ = get("/", b"".join(b"X-H%d: v\r\n" % i for i in range(3000)))
expect_4xx("too many headers", st)
st, _, _ = raw(b"POST /apply/1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000000\r\n\r\n")
expect_4xx("declared oversized body", st, 413)
st, _, _ = post("/apply/1", b"a=" + b"x" * 70000)
expect_4xx("oversized body", st, 413)
chunks = b"2\r\nb=\r\n" + b"".join(b"%x\r\n%s\r\n" % (4096, b"y" * 4096) for _ in range(40)) + \
    b"0\r\n\r\n"
st, _, _ = raw(b"POST /apply/1 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n"
               b"Content-Type: application/x-www-form-urlencoded\r\n"
               b"Transfer-Encoding: chunked\r\n\r\n" + chunks)
if st != 413:
    say(False, "oversized chunked body answered 413", "status %d" % st)
expect_4xx("oversized chunked body", st)
st, _, _ = post("/apply/1", b"--x\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n--x--\r\n",
                b"multipart/form-data; boundary=x")
expect_4xx("multipart body", st, 415)
st, _, _ = post("/apply/1", b'{"a":1}', b"application/json")
expect_4xx("json body", st, 415)
st, _, _ = post("/apply/1", b"a=" + b"x" * 9000)
expect_4xx("form value too long", st, 413)
st, _, _ = get("/" + "a" * 2000)
expect_4xx("path too long", st, 414)
st, _, _ = get("/search?q=" + "a" * 9000)
expect_4xx("query value too long", st, 413)
st, _, _ = get("/search?" + "&".join("f%d=1" % i for i in range(100)))
expect_4xx("too many fields", st, 400)
st, _, _ = get("/search?q=" + "a" * 80000)
expect_4xx("URL beyond the header memory", st)

# ---- paths -------------------------------------------------------------
for target in ["/../etc/passwd", "/static/../static/portal.css", "/%2e%2e/etc/passwd",
               "/static/%2e%2e/static/portal.css", "/static/..%2fportal.css", "/a%2fb",
               "/static%2fportal.css", "/static/%5c..%5cportal.css", "/./static/portal.css",
               "//etc/passwd", "/static//portal.css", "/item/1/.", "/..", "/%2E%2E/",
               "/static/portal.css%00.html", "/%ff", "/%c0%af", "/%ed%a0%80", "/%f4%90%80%80",
               "/%zz", "/%4", "/%", "/a%0d%0aSet-Cookie:%20x=1", "/%7f", "/a\\b"]:
    st, _, _ = get(target)
    expect_4xx("path " + target, st, 400)
for target, name in [(b"/\xff\xfe", "raw invalid UTF-8 in path"), (b"/a\x00b", "raw NUL in path"),
                     (b"/a\x01b", "raw control in path"), (b"/search?q=\xc3", "raw truncated UTF-8 in query")]:
    st, _, _ = get(target)
    expect_4xx(name, st)
for q in ["q=%zz", "q=%e4%b8", "q=%00", "q=a%00b", "q=%0d%0a", "q=%1b[31m", "q=%ff", "%ff=1",
          "q=%c0%80", "q=%", "q=%4"]:
    st, _, _ = get("/search?" + q)
    expect_4xx("query " + q, st, 400)
st, _, _ = post("/apply/1", b"name=%zz")
expect_4xx("form bad percent-encoding", st, 400)
st, _, _ = post("/apply/1", b"name=%ff%fe")
expect_4xx("form invalid UTF-8", st, 400)
st, _, _ = post("/apply/1", b"name=a%00b")
expect_4xx("form NUL", st, 400)

# ---- methods -----------------------------------------------------------
for m in [b"PUT", b"DELETE", b"OPTIONS", b"PATCH", b"TRACE"]:
    st, h, _ = raw(m + b" / HTTP/1.1\r\nHost: t\r\nConnection: close\r\nContent-Length: 0\r\n\r\n")
    say(st == 405 and "allow" in h, "method " + m.decode(), "status %d, headers %s" % (st, h))
    alive("method " + m.decode())
st, _, _ = raw(b"BREW / HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
say(st == 501, "unknown method", "status %d, want 501" % st)
alive("unknown method")
st, _, _ = raw(b"GET / HTTP/1.1\r\nHost: t\r\nCookie: gk_large=\xff\xfe; a\x01=b\r\nConnection: close\r\n\r\n")
say(st < 500 and st != 0, "hostile cookie ignored", "status %d" % st)
alive("hostile cookie")

# ---- injection strings in every parameter ------------------------------
INJ = ["' OR 1=1 --", "\" OR \"\"=\"", "<script>alert(1)</script>", "${jndi:ldap://x.example/a}",
       "../../etc/passwd", "..\\..\\windows\\win.ini", "1; DROP TABLE item;--", "{{7*7}}",
       "<img src=x onerror=alert(1)>", "%27%3B", "中文'\"<>&", "-1", "99999999999999999999999",
       "1e308", "x" * 4000, "\u202e\u200b", "javascript:alert(1)", "//evil.example/"]
GETS = {"/search": ["q", "agency", "category", "year", "validity", "sort", "page"],
        "/agency/1/category/1/": ["page"], "/track": ["code"], "/prefs/large": ["on", "back"],
        "/api/v1/items": ["agency", "category", "year", "page", "per_page"],
        "/api/v1/search": ["q"], "/api/v1/agencies": ["page"], "/": ["page"]}
POSTS = {"/apply/1": ["name", "type", "idno", "phone", "email", "address", "content", "purpose",
                      "delivery", "website"],
         "/consult/1": ["name", "phone", "email", "title", "content", "website"]}
bad = []
n = 0
for path, names in GETS.items():
    for name in names:
        for v in INJ:
            st, h, body = get(path + "?" + urllib.parse.urlencode({name: v}))
            n += 1
            if st >= 500 or st == 0 or reflected(h, body):
                bad.append("%s?%s=%r -> %d" % (path, name, v[:30], st))
for path, names in POSTS.items():
    for name in names:
        for v in INJ:
            st, h, body = post(path, urllib.parse.urlencode({name: v}).encode())
            n += 1
            if st >= 500 or st == 0 or reflected(h, body):
                bad.append("POST %s %s=%r -> %d" % (path, name, v[:30], st))
for v in INJ:
    for tmpl in ["/item/%s", "/agency/%s/", "/attachment/%s", "/api/v1/items/%s",
                 "/api/v1/reports/1/%s", "/agency/1/reports/%s", "/apply/%s", "/consult/%s"]:
        st, h, body = get(tmpl % urllib.parse.quote(v, safe=""))
        n += 1
        if st >= 500 or st == 0 or reflected(h, body):
            bad.append("%s -> %d" % (tmpl % v[:30], st))
    st, _, body = get("/", b"Cookie: gk_large=" + urllib.parse.quote(v).encode() + b"\r\n")
    n += 1
    if st >= 500 or st == 0:
        bad.append("cookie %r -> %d" % (v[:30], st))
say(not bad, "injection strings in every parameter (%d requests)" % n, "; ".join(bad[:10]))
alive("injection")

# ---- slow clients --------------------------------------------------------
def slow(name, first, trickle):
    s = socket.create_connection((HOST, PORT), timeout=2 * TIMEOUT + 10)
    s.sendall(first)
    t0 = time.time()
    closed = False
    while time.time() - t0 < 3 * TIMEOUT + 5:
        if trickle:
            try:
                s.sendall(b"X")
            except OSError:
                closed = True
                break
        s.settimeout(1.0)
        try:
            data = s.recv(4096)
            if not data:
                closed = True
                break
        except socket.timeout:
            pass
        except OSError:
            closed = True
            break
        # the server keeps serving others meanwhile
        st, _, _ = get("/static/portal.css")
        if st != 200:
            say(False, name + " (others served meanwhile)", "status %d" % st)
            break
    took = time.time() - t0
    s.close()
    say(closed and took <= TIMEOUT + 4, name,
        "closed=%s after %.1f s (timeout %d s)" % (closed, took, TIMEOUT))
    alive(name)


slow("stalled request line", b"GET /static/portal", False)
slow("slow headers (a byte a second)", b"GET /static/portal.css HTTP/1.1\r\nHost: t\r\nX-Slow: ", True)
slow("slow body (a byte a second)", b"POST /apply/1 HTTP/1.1\r\nHost: t\r\n"
     b"Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 60000\r\n\r\na=", True)

st, _, _ = get("/static/portal.css")
say(st == 200, "normal request after everything", "status %d" % st)
sys.exit(1 if fails else 0)
