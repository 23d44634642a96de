#!/bin/sh
# test_wechat_cli.sh — `gongkai wechat`: the official-account publisher against
# a local mock of the API (tests/cli/wechat_mock.py on loopback): success,
# token expiry mid-publication, rate limit with backoff, rejection, a crash
# after draft/add and a kill while polling (published exactly once), a wrong
# secret, and the secret never shown (docs/wechat.md).
. tests/cli/lib.sh

SECRET='s3cr3t-XYZ-0123456789'
python3 tests/cli/wechat_mock.py "$T/port" wxtest123 "$SECRET" &
MOCK=$!
trap 'kill $MOCK 2>/dev/null; rm -rf "$T"' EXIT
i=0; while [ ! -s "$T/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
PORT=$(cat "$T/port")
M="http://127.0.0.1:$PORT"
stat() { curl -s "$M/_stats" | python3 -c "import json,sys; print(json.load(sys.stdin)['$1'])"; }
ctl() { curl -s "$M/_ctl?$1" >/dev/null; }
sql() { sqlite3 "$T/db" "$1"; }
state() { sql "SELECT state FROM wechat_outbox WHERE item_id = $1 ORDER BY id DESC LIMIT 1"; }
export GONGKAI_WECHAT_TIME=1800000000

expect 0 "$GK" --db "$T/db" demo
# Published items of the bureau (agency 1) and of agency 2; a draft.
set -- $(sql "SELECT id FROM item WHERE agency_id = 1 AND state = 'published' ORDER BY id LIMIT 10")
I1=$1 I2=$2 I3=$3 I4=$4 I5=$5 I6=$6 I7=$7 I8=$8 I9=$9 I10=${10}
J=$(sql "SELECT id FROM item WHERE agency_id = 2 AND state = 'published' ORDER BY id LIMIT 1")
D=$(sql "SELECT id FROM item WHERE state NOT IN ('published', 'withdrawn') ORDER BY id LIMIT 1")

# Usage and configuration.
expect 2 "$GK" --db "$T/db" wechat
expect 0 "$GK" wechat --help
has "$T/out" "GONGKAI_WECHAT_SECRET"
expect 2 "$GK" --db "$T/db" wechat queue
expect 2 "$GK" --db "$T/db" wechat queue abc
expect 2 "$GK" --db "$T/db" wechat run --forever
expect 2 "$GK" --db "$T/db" wechat bogus
expect 1 "$GK" --db "$T/db" wechat config --agency 1
has "$T/err" "未配置微信公众号"
expect 1 "$GK" --db "$T/db" wechat queue "$I1"
has "$T/err" "未配置微信公众号"
expect 1 "$GK" --db "$T/db" wechat config --agency 1 --base-url "$M" --appid wxtest123
has "$T/err" "首次配置须提供 AppSecret"
GONGKAI_WECHAT_SECRET=$SECRET expect 1 "$GK" --db "$T/db" wechat config --agency 1 --base-url "ftp://x" --appid wxtest123
has "$T/err" "接口地址"
GONGKAI_WECHAT_SECRET=$SECRET expect 1 "$GK" --db "$T/db" wechat config --agency 1 --base-url "$M" --appid "wx bad'; DROP TABLE item;--"
has "$T/err" "AppID"
printf '%s\n' "$SECRET" >"$T/secret"
expect 0 "$GK" --db "$T/db" wechat config --agency 1 --base-url "$M" --appid wxtest123 --secret-file "$T/secret"
expect 0 "$GK" --db "$T/db" wechat config --agency 1
has "$T/out" "wxtest123"
has "$T/out" "已设置（不显示）"
lacks "$T/out" "$SECRET"
[ "$(sql "SELECT count(*) FROM audit WHERE change LIKE '%$SECRET%'")" = 0 ] && ok || bad "secret in the audit chain"
[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'wechat_account'")" = 1 ] && ok || bad "config not audited"

# Queue refusals: not published; unknown item; hostile id.
expect 1 "$GK" --db "$T/db" wechat queue "$D"
has "$T/err" "尚未发布"
expect 1 "$GK" --db "$T/db" wechat queue 999999
has "$T/err" "不存在"
expect 2 "$GK" --db "$T/db" wechat queue "1; DROP TABLE item"

# 1. Success: token, cover, draft, submit, poll → article URL, item_channel row.
expect 0 "$GK" --db "$T/db" wechat queue "$I1"
has "$T/out" "任务 1"
expect 1 "$GK" --db "$T/db" wechat queue "$I1"
has "$T/err" "已在发布队列中"
expect 0 "$GK" --db "$T/db" wechat run
expect 0 "$GK" --db "$T/db" wechat status
has "$T/out" "已发布"
has "$T/out" "https://mp.weixin.qq.com/s/mock"
lacks "$T/out" "$SECRET"
[ "$(state "$I1")" = published ] && ok || bad "I1 not published"
[ "$(sql "SELECT status || '|' || (place LIKE 'https://mp.weixin.qq.com/s/mock%') || '|' || length(content_sha256) FROM item_channel WHERE item_id = $I1 AND channel = 'wechat'")" = "published|1|64" ] && ok || bad "item_channel row of I1: $(sql "SELECT * FROM item_channel WHERE item_id = $I1")"
[ "$(stat token)" = 1 ] && ok || bad "token calls $(stat token), want 1"
[ "$(stat add_material)" = 1 ] && ok || bad "add_material $(stat add_material), want 1"
[ "$(stat draft_add)" = 1 ] && ok || bad "draft_add $(stat draft_add)"
[ "$(stat submit)" = 1 ] && ok || bad "submit $(stat submit)"
curl -s "$M/_last_draft" >"$T/draft.json"
has "$T/draft.json" "\"content_source_url\":\"http://localhost:8080/item/$I1\""
has "$T/draft.json" "原文链接：http://localhost:8080/item/$I1"
has "$T/draft.json" "\"thumb_media_id\":\"THUMB"
has "$T/draft.json" 'style=\\"margin:0 0 1em;line-height:1.75'
lacks "$T/draft.json" "<script"
lacks "$T/draft.json" "class="
# The audit chain has every step.
[ "$(sql "SELECT group_concat(action, ',') FROM (SELECT action FROM audit WHERE entity = 'wechat_outbox' AND entity_id = 1 ORDER BY seq)")" = "wechat_queue,wechat_drafted,wechat_submitted,wechat_published" ] && ok || bad "audit of job 1: $(sql "SELECT group_concat(action) FROM audit WHERE entity = 'wechat_outbox' AND entity_id = 1")"
expect 0 "$GK" --db "$T/db" audit verify

# 2. Token expiry in the middle of a publication (at submit): refreshed, continues.
ctl expire_at=submit
expect 0 "$GK" --db "$T/db" wechat queue "$I2"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I2")" = published ] && ok || bad "I2 not published after token expiry"
[ "$(stat token)" = 2 ] && ok || bad "token calls $(stat token), want 2 (one refresh)"
[ "$(stat submit)" = 2 ] && ok || bad "submit $(stat submit), want 2"
[ "$(sql "SELECT count(*) FROM item_channel WHERE item_id = $I2 AND status = 'published'")" = 1 ] && ok || bad "I2 channel row"

# 3. Rate limit once at draft/add: retried after the backoff (30 s), then succeeds.
ctl ratelimit_at=draft
expect 0 "$GK" --db "$T/db" wechat queue "$I3"
expect 0 "$GK" --db "$T/db" wechat run --once
[ "$(state "$I3")" = queued ] && ok || bad "I3 state $(state "$I3"), want queued"
expect 0 "$GK" --db "$T/db" wechat status
has "$T/out" "45011"
has "$T/out" "30 秒后第 1 次重试"
[ "$(sql "SELECT next_at - 1800000000 FROM wechat_outbox WHERE item_id = $I3")" = 30 ] && ok || bad "backoff not 30 s"
GONGKAI_WECHAT_TIME=1800000029 expect 0 "$GK" --db "$T/db" wechat run --once
has "$T/out" "已处理 0 步"
[ "$(stat draft_add)" = 2 ] && ok || bad "draft_add $(stat draft_add) before the backoff ended"
GONGKAI_WECHAT_TIME=1800000030 expect 0 "$GK" --db "$T/db" wechat run --once
[ "$(state "$I3")" = submitted ] && ok || bad "I3 state $(state "$I3"), want submitted"
GONGKAI_WECHAT_TIME=1800000100 expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I3")" = published ] && ok || bad "I3 not published after the rate limit"
[ "$(stat draft_add)" = 3 ] && ok || bad "draft_add $(stat draft_add), want 3"

# 4. Publishing that takes two polls.
ctl polls=2
G0=$(stat get)
expect 0 "$GK" --db "$T/db" wechat queue "$I4"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I4")" = published ] && ok || bad "I4 not published after two polls"
[ "$(($(stat get) - G0))" = 3 ] && ok || bad "polls $(($(stat get) - G0)), want 3"
ctl polls=0

# 5. Rejected by the platform's audit (publish_status 4): a final error for the officer.
ctl reject=1
expect 0 "$GK" --db "$T/db" wechat queue "$I5"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I5")" = failed ] && ok || bad "I5 state $(state "$I5"), want failed"
expect 0 "$GK" --db "$T/db" wechat status
has "$T/out" "失败"
has "$T/out" "平台审核不通过"
[ "$(sql "SELECT status FROM item_channel WHERE item_id = $I5 AND channel = 'wechat'")" = failed ] && ok || bad "I5 channel row"
has_detail=$(sql "SELECT detail FROM item_channel WHERE item_id = $I5 AND channel = 'wechat'")
case "$has_detail" in *"publish_status 4"*) ok ;; *) bad "detail: $has_detail" ;; esac
ctl reject=0

# 6. Crash right after draft/add is stored; the restart submits once.
S0=$(stat submit); A0=$(stat draft_add)
expect 0 "$GK" --db "$T/db" wechat queue "$I6"
GONGKAI_WECHAT_CRASH=after_draft expect 9 "$GK" --db "$T/db" wechat run
[ "$(state "$I6")" = drafted ] && ok || bad "I6 state $(state "$I6"), want drafted"
[ "$(stat submit)" = "$S0" ] && ok || bad "submitted before the crash"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I6")" = published ] && ok || bad "I6 not published after restart"
[ "$(($(stat submit) - S0))" = 1 ] && ok || bad "I6 submits $(($(stat submit) - S0)), want exactly 1"
[ "$(($(stat draft_add) - A0))" = 1 ] && ok || bad "I6 drafts $(($(stat draft_add) - A0)), want exactly 1"

# 7. Killed while polling (the mock hangs on freepublish/get); the restart polls, no resubmit.
S0=$(stat submit)
ctl hang_get=1
expect 0 "$GK" --db "$T/db" wechat queue "$I7"
"$GK" --db "$T/db" wechat run >"$T/bg.out" 2>&1 &
W=$!
i=0; while [ "$(state "$I7")" != submitted ] && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
sleep 0.5
kill -9 $W 2>/dev/null; wait $W 2>/dev/null
[ "$(state "$I7")" = submitted ] && ok || bad "I7 state $(state "$I7"), want submitted"
ctl hang_get=0
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I7")" = published ] && ok || bad "I7 not published after restart"
[ "$(($(stat submit) - S0))" = 1 ] && ok || bad "I7 submits $(($(stat submit) - S0)), want exactly 1"
[ "$(sql "SELECT count(*) FROM wechat_outbox WHERE item_id = $I7")" = 1 ] && ok || bad "I7 rows"

# 8. An image attachment of the item goes into the article through uploadimg.
python3 - "$T/img.sql" "$I8" <<'PY'
import hashlib, struct, sys, zlib
def chunk(t, d):
    return struct.pack(">I", len(d)) + t + d + struct.pack(">I", zlib.crc32(t + d) & 0xffffffff)
png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 2, 8, 2, 0, 0, 0)) + \
    chunk(b"IDAT", zlib.compress(b"\x00" + b"\xff\x00\x00" * 2 + b"\x00" + b"\x00\xff\x00" * 2)) + chunk(b"IEND", b"")
h = hashlib.sha256(png).hexdigest()
open(sys.argv[1], "w").write(
    "INSERT OR IGNORE INTO blob (hash, size, data) VALUES ('%s', %d, X'%s');\n"
    "INSERT INTO attachment (item_id, name, blob_hash, size, mime, created_at) VALUES "
    "(%s, '现场照片.png', '%s', %d, 'image/png', '2026-01-01T00:00:00+08:00');\n"
    % (h, len(png), png.hex(), sys.argv[2], h, len(png)))
PY
sqlite3 "$T/db" <"$T/img.sql"
U0=$(stat uploadimg)
expect 0 "$GK" --db "$T/db" wechat queue "$I8"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I8")" = published ] && ok || bad "I8 not published"
[ "$(($(stat uploadimg) - U0))" = 1 ] && ok || bad "uploadimg $(($(stat uploadimg) - U0)), want 1"
curl -s "$M/_last_draft" >"$T/draft.json"
has "$T/draft.json" '<img src=\\"http://mmbiz.qpic.cn/mock/img'
lacks "$T/draft.json" "attachment:"

# 9. System busy (-1) once at freepublish/get: retried, then published.
#    Run 7000 s later: the cached token (7200 s, refreshed 300 s early) has
#    expired by its own clock, so a new one is fetched before any call fails.
ctl busy_at=get
K0=$(stat token); E0=$(stat errors)
GONGKAI_WECHAT_TIME=1800007000 expect 0 "$GK" --db "$T/db" wechat queue "$I9"
GONGKAI_WECHAT_TIME=1800007000 expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I9")" = published ] && ok || bad "I9 not published after -1"
[ "$(($(stat token) - K0))" = 1 ] && ok || bad "token not refreshed on expiry by time"
[ "$(($(stat errors) - E0))" = 1 ] && ok || bad "errors $(($(stat errors) - E0)), want only the -1"
[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'wechat_outbox' AND action = 'wechat_retry' AND change LIKE '%系统繁忙%'")" = 1 ] && ok || bad "the -1 retry is not in the audit chain"

#    An answer that is not JSON (a proxy's error page) at submit: retried, submitted once.
S0=$(stat submit)
ctl garbage_at=submit
expect 0 "$GK" --db "$T/db" wechat queue "$I1"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(sql "SELECT state FROM wechat_outbox WHERE item_id = $I1 ORDER BY id DESC LIMIT 1")" = published ] && ok || bad "I1 again not published after a non-JSON answer"
[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'wechat_outbox' AND action = 'wechat_retry' AND change LIKE '%不是 JSON%'")" = 1 ] && ok || bad "the non-JSON retry is not in the audit chain"
[ "$(($(stat submit) - S0))" = 1 ] && ok || bad "submits $(($(stat submit) - S0)) after a non-JSON answer, want 1"

#    The answer to a submit that went through is lost: the retry finds the draft
#    gone (40007), publishes nothing more and fails with a message to check.
P0=$(stat published)
ctl lose_at=submit
expect 0 "$GK" --db "$T/db" wechat queue "$I2"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(sql "SELECT state FROM wechat_outbox WHERE item_id = $I2 ORDER BY id DESC LIMIT 1")" = failed ] && ok || bad "lost submit answer: state not failed"
[ "$(($(stat published) - P0))" = 1 ] && ok || bad "lost submit answer: published $(($(stat published) - P0)) times, want 1"
expect 0 "$GK" --db "$T/db" wechat status
has "$T/out" "上次发表请求可能已成功而回答丢失"

# 10. Withdrawn after queueing: not sent, a final error.
expect 0 "$GK" --db "$T/db" wechat queue "$I10"
expect 0 "$GK" --db "$T/db" item withdraw "$I10" --reason "内容需更正" --as officer
A0=$(stat draft_add)
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$I10")" = failed ] && ok || bad "I10 state $(state "$I10"), want failed"
[ "$(stat draft_add)" = "$A0" ] && ok || bad "a withdrawn item was drafted"
expect 0 "$GK" --db "$T/db" wechat status
has "$T/out" "信息已不在发布状态"

# 11. Network down (nothing listens): backoff 30, 60, 120 … then a final error after 8 tries.
GONGKAI_WECHAT_SECRET=$SECRET expect 0 "$GK" --db "$T/db" wechat config --agency 2 --base-url "http://127.0.0.1:1" --appid wxtest123
expect 0 "$GK" --db "$T/db" wechat queue "$J"
expect 0 "$GK" --db "$T/db" wechat run --once
[ "$(state "$J")" = queued ] && ok || bad "J state $(state "$J"), want queued"
expect 0 "$GK" --db "$T/db" wechat status --agency 2
has "$T/out" "无法连接微信接口"
has "$T/out" "30 秒后第 1 次重试"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$J")" = failed ] && ok || bad "J state $(state "$J"), want failed after 8 tries"
expect 0 "$GK" --db "$T/db" wechat status --agency 2
has "$T/out" "重试 8 次仍失败"
[ "$(sql "SELECT count(*) FROM audit WHERE entity = 'wechat_outbox' AND entity_id = (SELECT max(id) FROM wechat_outbox WHERE item_id = $J) AND action = 'wechat_retry'")" = 7 ] && ok || bad "retries in the audit chain"
J2=$(sql "SELECT id FROM item WHERE agency_id = 2 AND state = 'published' ORDER BY id LIMIT 1 OFFSET 1")
J=$J2

# 12. A wrong secret: a clear final error naming the configuration, never the secret.
GONGKAI_WECHAT_SECRET='wrong-secret' expect 0 "$GK" --db "$T/db" wechat config --agency 2 --base-url "$M" --appid wxtest123
expect 0 "$GK" --db "$T/db" wechat queue "$J"
expect 0 "$GK" --db "$T/db" wechat run
[ "$(state "$J")" = failed ] && ok || bad "J state $(state "$J"), want failed"
expect 0 "$GK" --db "$T/db" wechat status --agency 2
has "$T/out" "AppSecret 错误"
lacks "$T/out" "wrong-secret"
lacks "$T/out" "$SECRET"

# Nothing ever sent the secret except to cgi-bin/token, and every call is in the ledger.
[ "$(stat secret_leak)" = 0 ] && ok || bad "secret sent outside cgi-bin/token"
expect 0 "$GK" --db "$T/db" audit verify

finish wechat_cli
