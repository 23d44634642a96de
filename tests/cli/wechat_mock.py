#!/usr/bin/env python3
"""wechat_mock.py — a stand-in for the WeChat official-account API on loopback,
for tests/cli/test_wechat_cli.sh (docs/wechat.md).

Usage: wechat_mock.py PORTFILE APPID SECRET

Implements, as the documentation describes them: GET /cgi-bin/token,
POST /cgi-bin/media/uploadimg, /cgi-bin/material/add_material,
/cgi-bin/draft/add, /cgi-bin/freepublish/submit, /cgi-bin/freepublish/get,
with errcode answers 40001 (bad secret / unknown token), 42001 (expired
token), 45011 (minute quota), -1 (system busy) and 53503.

Control (tests only): GET /_ctl?NAME=VALUE sets a switch, GET /_stats answers
the call counters as JSON, GET /_last_draft the last draft/add body.
Switches:
  expire_at=draft|submit|get   the next such call answers 42001 and every
                               token issued so far is revoked (expiry mid-way)
  ratelimit_at=draft|submit|get  the next such call answers 45011, once
  busy_at=...                  the next such call answers -1, once
  garbage_at=...               the next such call answers an HTML page (not JSON), once
  lose_at=submit               the next submit is done but its answer is an HTML page
  reject=1                     freepublish/get answers publish_status 4
  polls=N                      freepublish/get answers 1 (publishing) N times first
  hang_get=1                   freepublish/get never answers (sleeps)
"""
import json
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse

PORTFILE, APPID, SECRET = sys.argv[1], sys.argv[2], sys.argv[3]
lock = threading.Lock()
stats = {"published": 0, "token": 0, "uploadimg": 0, "add_material": 0, "draft_add": 0,
         "submit": 0, "get": 0, "errors": 0, "secret_leak": 0}
sw = {"expire_at": "", "ratelimit_at": "", "busy_at": "", "garbage_at": "", "lose_at": "", "reject": "0",
      "polls": "0", "hang_get": "0"}
tokens = set()
drafts = {}        # media_id -> article
publishes = {}     # publish_id -> {"media_id", "polls"}
last_draft = [b"{}"]
seq = [0]


def nxt():
    seq[0] += 1
    return seq[0]


class H(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def answer(self, obj, status=200):
        b = json.dumps(obj, ensure_ascii=False).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json; charset=utf-8")
        self.send_header("Content-Length", str(len(b)))
        self.end_headers()
        self.wfile.write(b)

    def err(self, code, msg):
        stats["errors"] += 1
        self.answer({"errcode": code, "errmsg": msg})

    def do_GET(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        with lock:
            if u.path == "/_ctl":
                for k, v in q.items():
                    sw[k] = v[0]
                return self.answer({"ok": 1})
            if u.path == "/_stats":
                return self.answer(stats)
            if u.path == "/_last_draft":
                b = last_draft[0]
                self.send_response(200)
                self.send_header("Content-Length", str(len(b)))
                self.end_headers()
                self.wfile.write(b)
                return
            if u.path == "/cgi-bin/token":
                stats["token"] += 1
                if q.get("grant_type") != ["client_credential"]:
                    return self.err(40002, "invalid grant_type")
                if q.get("appid") != [APPID]:
                    return self.err(40013, "invalid appid")
                if q.get("secret") != [SECRET]:
                    return self.err(40001, "invalid credential")
                t = "TOKEN%d" % nxt()
                tokens.add(t)
                return self.answer({"access_token": t, "expires_in": 7200})
        self.answer({"errcode": 40066, "errmsg": "invalid url"}, 404)

    def switch(self, name, at):
        if sw.get(name) == at:
            sw[name] = ""
            return True
        return False

    def do_POST(self):
        u = urlparse(self.path)
        q = parse_qs(u.query)
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        if SECRET.encode() in body or SECRET in u.query:
            stats["secret_leak"] += 1
        at = {"/cgi-bin/draft/add": "draft", "/cgi-bin/freepublish/submit": "submit",
              "/cgi-bin/freepublish/get": "get", "/cgi-bin/media/uploadimg": "uploadimg",
              "/cgi-bin/material/add_material": "material"}.get(u.path)
        if at == "get" and sw.get("hang_get") == "1":
            time.sleep(120)
            return self.err(-1, "system error")
        with lock:
            if at is None:
                return self.answer({"errcode": 40066, "errmsg": "invalid url"}, 404)
            tok = (q.get("access_token") or [""])[0]
            if tok == "":
                return self.err(41001, "access_token missing")
            if self.switch("expire_at", at):
                tokens.clear()
                return self.err(42001, "access_token expired")
            if tok not in tokens:
                return self.err(40001, "invalid credential, access_token is invalid or not latest")
            if self.switch("ratelimit_at", at):
                return self.err(45011, "api minute-quota reach limit  mustslower  retry next minute")
            if self.switch("busy_at", at):
                return self.err(-1, "system error")
            if self.switch("garbage_at", at):
                b = b"<html><body>502 Bad Gateway</body></html>"
                self.send_response(200)
                self.send_header("Content-Type", "text/html")
                self.send_header("Content-Length", str(len(b)))
                self.end_headers()
                self.wfile.write(b)
                return
            if at in ("uploadimg", "material"):
                if b'name="media"' not in body:
                    return self.err(40005, "invalid file type")
                if at == "uploadimg":
                    stats["uploadimg"] += 1
                    return self.answer({"url": "http://mmbiz.qpic.cn/mock/img%d.png" % nxt(),
                                        "errcode": 0, "errmsg": "ok"})
                stats["add_material"] += 1
                if q.get("type") not in (["image"], ["thumb"]):
                    return self.err(40004, "invalid media type")
                m = "THUMB%d" % nxt()
                return self.answer({"media_id": m, "url": "http://mmbiz.qpic.cn/mock/%s" % m})
            try:
                req = json.loads(body.decode())
            except ValueError:
                return self.err(47001, "data format error")
            if at == "draft":
                stats["draft_add"] += 1
                arts = req.get("articles") or []
                if len(arts) != 1 or not arts[0].get("title") or not arts[0].get("content") \
                        or not arts[0].get("thumb_media_id"):
                    return self.err(40007, "invalid media_id")
                last_draft[0] = body
                m = "DRAFT%d" % nxt()
                drafts[m] = arts[0]
                return self.answer({"media_id": m})
            if at == "submit":
                stats["submit"] += 1
                m = req.get("media_id")
                if m not in drafts:
                    return self.err(40007, "invalid media_id")
                del drafts[m]         # a published draft leaves the draft box
                p = "%d" % (100000000 + nxt())
                publishes[p] = {"media_id": m, "polls": int(sw.get("polls") or 0)}
                stats["published"] = stats.get("published", 0) + 1
                if self.switch("lose_at", at):
                    b = b"<html><body>504 Gateway Timeout</body></html>"
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(b)))
                    self.end_headers()
                    self.wfile.write(b)
                    return
                return self.answer({"errcode": 0, "errmsg": "ok", "publish_id": p,
                                    "msg_data_id": 2247483000 + nxt()})
            stats["get"] += 1
            p = publishes.get(req.get("publish_id"))
            if p is None:
                return self.err(40007, "invalid publish_id")
            if p["polls"] > 0:
                p["polls"] -= 1
                return self.answer({"publish_id": req["publish_id"], "publish_status": 1})
            if sw.get("reject") == "1":
                return self.answer({"publish_id": req["publish_id"], "publish_status": 4,
                                    "fail_idx": [1]})
            return self.answer({"publish_id": req["publish_id"], "publish_status": 0,
                                "article_id": "ART" + req["publish_id"],
                                "article_detail": {"count": 1, "item": [{"idx": 1,
                                    "article_url": "https://mp.weixin.qq.com/s/mock" +
                                    req["publish_id"]}]},
                                "fail_idx": []})


srv = ThreadingHTTPServer(("127.0.0.1", 0), H)
srv.daemon_threads = True
with open(PORTFILE + ".tmp", "w") as f:
    f.write(str(srv.server_address[1]))
import os  # noqa: E402
os.rename(PORTFILE + ".tmp", PORTFILE)
srv.serve_forever()
