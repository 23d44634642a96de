#!/bin/sh
# Integration test of targeted push (docs/push.md) against a real `gongkai
# serve` and a local SMTP sink (tests/cli/smtp_sink.py, loopback): hostile
# form input refused with field messages and nothing stored; subscribe →
# exactly one confirmation e-mail, nothing else before confirming; confirm
# (GET shows a button, POST confirms); two matching items and one not →
# one digest with exactly the two; a 451 → retried after the backoff and
# delivered once; unsubscribe by the link (GET button, POST) and by the
# RFC 8058 one-click POST → no more mail; `push run` as a loop ends on SIGTERM.
# Run against the sanitizer build.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
DB=$T/g.db
unset GONGKAI_ACTOR
SINK_PID=
trap 'if [ -n "$SERVE_PID" ]; then kill -9 "$SERVE_PID" 2>/dev/null; fi; if [ -n "$SINK_PID" ]; then kill "$SINK_PID" 2>/dev/null; fi; rm -rf "$T"' EXIT

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }
get() { p=$1; shift; curl -s -o $T/out -w '%{http_code}' "$@" "$URL$p" >$T/code; }
status() { same "$(cat $T/code)" "$1" "$2"; }
# sink_start DIR [--refuse N]: an SMTP sink writing to DIR; sets SPORT
sink_start() {
	d=$1; shift
	mkdir -p "$d"
	python3 "$(dirname "$0")/smtp_sink.py" "$d" "$@" >"$d.port" 2>"$d.err" &
	SINK_PID=$!
	i=0
	while [ $i -lt 100 ]; do
		SPORT=$(sed -n 's/^PORT //p' "$d.port")
		[ -n "$SPORT" ] && break
		sleep 0.1; i=$((i + 1))
	done
	[ -n "$SPORT" ] && ok || bad "sink did not start"
	$GK --db $DB push smtp url "smtp://127.0.0.1:$SPORT" >/dev/null
}
sink_stop() { kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; SINK_PID=; }
mails() { ls "$1" 2>/dev/null | grep -c '\.eml$'; }
# body FILE: the decoded text of a message
body() { python3 -c 'import email,sys; m=email.message_from_binary_file(open(sys.argv[1],"rb")); print(m.get_payload(decode=True).decode("utf-8"))' "$1"; }
header() { python3 -c 'import email,sys
from email.header import decode_header, make_header
m=email.message_from_binary_file(open(sys.argv[1],"rb")); v=m.get(sys.argv[2]); print(str(make_header(decode_header(v))) if v else "")' "$1" "$2"; }
run() { GONGKAI_NOW=$1 expect 0 $GK --db $DB push run --once; }
# publish TAG TITLE CATEGORY-PATH AT: an item drafted, reviewed, approved and published at AT
NI=0
draft() {
	NI=$((NI + 1))
	GONGKAI_NOW=2025-10-13T07:00:00+08:00 expect 0 $GK --db $DB item new --as zhang --agency 1 \
	    --title "$2" --category "$3" --written 2025-10-12 --event-end 2025-10-12
	GONGKAI_ACTOR=zhang expect 0 $GK --db $DB item submit $NI
	expect 0 $GK --db $DB item review $NI --as li --checks ok,ok,ok --comment 同意
	expect 0 $GK --db $DB item approve $NI --as wang --checks ok,ok,ok --comment 同意
}
publish() {
	draft "$@"
	GONGKAI_NOW=$4 expect 0 $GK --db $DB item publish $NI --as zhao
}

expect 0 $GK push --help;                          has $T/out "push run"
expect 2 $GK --db $DB push;                        has $T/err "缺少子命令"
expect 2 $GK --db $DB push frob;                   has $T/err "未知的子命令"
expect 2 $GK --db $DB push run --twice;            has $T/err "未知的选项"
expect 2 $GK --db $DB push list --state lost;      has $T/err "--state"

expect 0 $GK --db $DB init
GONGKAI_NOW=2025-01-02T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --level 县级
expect 0 $GK --db $DB site set host http://gov.example
q "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES
  (1, 'zhang', '张科员', 'drafter', 'x'), (1, 'li', '李副局长', 'reviewer', 'x'),
  (1, 'wang', '王局长', 'approver', 'x'), (1, 'zhao', '赵专员', 'officer', 'x');
  INSERT INTO user_role (user_id, role) SELECT id, role FROM users;"
expect 2 $GK --db $DB push smtp from 'a@b.com
Bcc: x@y.com';                                     has $T/err "不含控制字符"
expect 2 $GK --db $DB push smtp url http://x;      has $T/err "smtp://"
expect 0 $GK --db $DB push smtp from push@gov.example
echo 'sekrit-pw' | expect 0 $GK --db $DB push smtp password -
same "$(q "SELECT count(*) FROM audit WHERE change LIKE '%sekrit%'")" "0" "password not audited"
expect 0 $GK --db $DB push smtp password ''
POLICY=$(q "SELECT id FROM category WHERE agency_id = 1 AND name = '政策文件' AND parent_id IS NULL")
SUBPOL=$(q "SELECT id FROM category WHERE agency_id = 1 AND parent_id = $POLICY LIMIT 1")
NEWS=$(q "SELECT id FROM category WHERE agency_id = 1 AND name = '工作动态'")
SUBPATH="政策文件/$(q "SELECT name FROM category WHERE id = $SUBPOL")"
[ -n "$POLICY" ] && [ -n "$SUBPOL" ] && [ -n "$NEWS" ] && ok || bad "categories: $POLICY $SUBPOL $NEWS"

sink_start $T/m1
GONGKAI_NOW=2025-10-13T09:00:00+08:00 serve_start $DB || { finish push_cli; exit 1; }

# the pages
get /subscribe;                                    status 200 "agency list"
has $T/out 'href="/subscribe?agency=1"'
get '/subscribe?agency=1';                         status 200 "form"
has $T/out '<label for="f-email">电子邮件'
has $T/out "value=\"$POLICY\""
has $T/out '请勿填写此项'
get '/subscribe?agency=77';                        status 404 "unknown agency"

# hostile input: 400, the messages, nothing stored
CRLF=$(printf 'a\r\nBcc: evil@example.com')
get /subscribe --data-urlencode agency=1 --data-urlencode "email=zhang@example.com$CRLF" \
    --data-urlencode "topics=$CRLF" --data-urlencode "keywords=$CRLF" \
    --data-urlencode "category=1$CRLF";             status 400 "CR/LF in every field"
has $T/out '电子邮件地址无效'
has $T/out '主题分类含有无法识别的字符或控制字符'
has $T/out '关键词含有无法识别的字符或控制字符'
has $T/out '栏目无效'
get /subscribe --data-urlencode "agency=1$CRLF" --data-urlencode email=zhang@example.com
status 400 "CR/LF in agency"
get /subscribe --data-urlencode agency=1 --data-urlencode 'email=x@y.com"><script>alert(1)</script>' \
    --data-urlencode "keywords='; DROP TABLE subscription; --" --data-urlencode 'category=1 OR 1=1'
status 400 "injection"
has $T/out 'value="x@y.com&quot;&gt;&lt;script&gt;'
lacks $T/out '<script>alert'
has $T/out '栏目无效'
get /subscribe --data-urlencode agency=1 --data-urlencode email=not-an-address; status 400 "invalid e-mail"
has $T/out 'id="f-email-err"'
get /subscribe --data-urlencode agency=1 --data-urlencode email=a@b.com --data-urlencode category=99999
status 400 "foreign category"
has $T/out '所选栏目不属于该机构'
get /subscribe --data-urlencode agency=1 --data-urlencode email=a@b.com \
    --data-urlencode 'keywords=一二三四五六七八九十一二三四五六七八九十一二三四五六七八九十一'
status 400 "long keyword"
has $T/out '关键词每项至多 30 个字符'
same "$(q 'SELECT count(*) FROM subscription')" "0" "hostile input stored"
same "$(q 'SELECT count(*) FROM push_outbox')" "0" "hostile input queued"
# the honeypot: a bland page, nothing stored
get /subscribe --data-urlencode agency=1 --data-urlencode email=bot@example.com --data-urlencode website=x
status 200 "honeypot"
same "$(q 'SELECT count(*) FROM subscription')" "0" "honeypot stored"

# subscribe: the 政策文件 section and the keyword 招商
get /subscribe --data-urlencode agency=1 --data-urlencode email=zhang@example.com \
    --data-urlencode category=$POLICY --data-urlencode 'keywords=招商，优化营商环境';  status 200 "subscribe"
has $T/out '请查收确认邮件'
same "$(q "SELECT state || '|' || categories || '|' || replace(keywords, char(10), '/') FROM subscription")" \
    "pending|$POLICY|招商/优化营商环境" "pending row"
same "$(q "SELECT length(confirm_sha256) FROM subscription")" "64" "token stored hashed"

# a matching item published before confirming: nothing but the confirmation goes out
publish X-1 招商引资项目签约 工作动态 2025-10-13T08:00:00+08:00
run 2025-10-13T09:01:00+08:00;                     has $T/out "发送成功 1 封"
same "$(mails $T/m1)" "1" "one confirmation"
same "$(sed -n 2p $T/m1/001.env)" "zhang@example.com" "envelope rcpt"
same "$(header $T/m1/001.eml Subject)" "请确认订阅：盐边县经济合作和商务局政府信息推送" "subject"
has $T/m1/001.eml '^Subject: =?UTF-8?B?'
has $T/m1/001.eml '^List-Unsubscribe-Post: List-Unsubscribe=One-Click'
has $T/m1/001.eml '^Message-ID: <gk\.[0-9a-f]*@gov\.example>'
has $T/m1/001.eml '^Content-Transfer-Encoding: base64'
body $T/m1/001.eml >$T/b1
has $T/b1 'http://gov.example/subscribe/confirm?token='
CTOK=$(sed -n 's|.*/subscribe/confirm?token=\([A-Za-z0-9_-]*\).*|\1|p' $T/b1)
same "${#CTOK}" "43" "confirmation token"
run 2025-10-13T09:02:00+08:00;                     has $T/out "新建摘要 0 封；发送成功 0 封"
same "$(mails $T/m1)" "1" "nothing else before confirming"
same "$(q "SELECT count(*) FROM audit WHERE change LIKE '%$CTOK%'")" "0" "token not in audit"

# confirm: GET a button, POST confirms; a bad token 400, an unknown one 404
get "/subscribe/confirm?token=$CTOK";              status 200 "confirm page"
has $T/out '<button type="submit">确认订阅</button>'
same "$(q "SELECT state FROM subscription")" "pending" "GET confirms nothing"
get "/subscribe/confirm?token=abc" -X POST;        status 400 "bad token"
get "/subscribe/confirm?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" -X POST; status 404 "unknown token"
get "/subscribe/confirm?token=$CTOK" -X POST;      status 200 "confirm"
has $T/out '订阅已确认'
get "/subscribe/confirm?token=$CTOK" -X POST;      status 200 "confirm again"
has $T/out '此前已确认'
same "$(q "SELECT state || '|' || mark FROM subscription")" "confirmed|2025-10-13T09:00:00+08:00" "confirmed row"

# two matching items (a subsection of 政策文件; 招商 in the title), one not
publish X-2 盐边县促进消费若干措施 "$SUBPATH" 2025-10-13T10:00:00+08:00
publish X-3 第二季度招商推介会 工作动态 2025-10-13T10:30:00+08:00
publish X-4 局机关开展安全生产检查 工作动态 2025-10-13T10:40:00+08:00
draft X-5 尚未发布的招商信息 工作动态
run 2025-10-13T11:00:00+08:00;                     has $T/out "新建摘要 1 封；发送成功 1 封"
same "$(mails $T/m1)" "2" "one digest"
same "$(header $T/m1/002.eml Subject)" "盐边县经济合作和商务局政府信息更新（2 条）" "digest subject"
body $T/m1/002.eml >$T/b2
has $T/b2 '1. 盐边县促进消费若干措施'
has $T/b2 '2. 第二季度招商推介会'
has $T/b2 '发布日期：2025-10-13'
has $T/b2 'http://gov.example/item/3'
has $T/b2 'http://gov.example/item/2'
lacks $T/b2 '安全生产检查'
lacks $T/b2 '招商引资项目签约'
lacks $T/b2 '尚未发布'
same "$(q "SELECT kind || '|' || state || '|' || items || '|' || (message IS NULL) FROM push_outbox WHERE id = 2")" \
    "digest|sent|2,3|1" "digest row"
run 2025-10-13T11:05:00+08:00;                     has $T/out "新建摘要 0 封；发送成功 0 封"
same "$(mails $T/m1)" "2" "no digest twice"
sink_stop

# a temporary 451: retried after the backoff, delivered once
sink_start $T/m2 --refuse 1
publish X-6 关于优化营商环境的实施意见 工作动态 2025-10-13T11:30:00+08:00
run 2025-10-13T12:00:00+08:00;                     has $T/out "新建摘要 1 封；发送成功 0 封，稍后重试 1 封"
same "$(cat $T/err)" "" "no SMTP dialogue on stderr"
same "$(mails $T/m2)" "0" "refused"
same "$(cat $T/m2/refused)" "1" "one 451"
expect 0 $GK --db $DB push list --state pending
has $T/out "摘要	待发	z\*\*\*@example.com	1	2025-10-13T12:05:00+08:00"
has $T/out "SMTP 451：451 4.3.0 try again later"
lacks $T/out "zhang@"
run 2025-10-13T12:01:00+08:00;                     has $T/out "发送成功 0 封，稍后重试 0 封"
run 2025-10-13T12:06:00+08:00;                     has $T/out "发送成功 1 封"
same "$(mails $T/m2)" "1" "delivered after the retry"
body $T/m2/001.eml >$T/b3
has $T/b3 '关于优化营商环境的实施意见'
run 2025-10-13T12:30:00+08:00;                     has $T/out "发送成功 0 封"
same "$(mails $T/m2)" "1" "delivered once"
same "$(q "SELECT attempts || '|' || state FROM push_outbox WHERE id = 3")" "2|sent" "attempts"

# unsubscribe by the link of the last digest: GET a button, POST unsubscribes
UTOK=$(sed -n 's|.*/unsubscribe?token=\([A-Za-z0-9_-]*\).*|\1|p' $T/b3 | head -1)
has $T/m2/001.eml "<http://gov.example/unsubscribe?token=$UTOK>"
get "/unsubscribe?token=$UTOK";                    status 200 "unsubscribe page"
has $T/out '<button type="submit">退订</button>'
same "$(q "SELECT state FROM subscription WHERE id = 1")" "confirmed" "GET unsubscribes nothing"
get "/unsubscribe?token=$UTOK" -X POST;            status 200 "unsubscribe"
has $T/out '已退订'
same "$(q "SELECT state FROM subscription WHERE id = 1")" "unsubscribed" "unsubscribed"
publish X-7 招商引资优惠政策 "$SUBPATH" 2025-10-13T13:00:00+08:00
run 2025-10-13T13:30:00+08:00;                     has $T/out "新建摘要 0 封；发送成功 0 封"
same "$(mails $T/m2)" "1" "no mail after unsubscribing"

# RFC 8058: a second subscriber (everything of the agency) leaves by the one-click POST
get /subscribe --data-urlencode agency=1 --data-urlencode email=wang@example.com;  status 200 "subscribe 2"
run 2025-10-13T13:31:00+08:00;                     has $T/out "发送成功 1 封"
body $T/m2/002.eml >$T/b4
CTOK=$(sed -n 's|.*/subscribe/confirm?token=\([A-Za-z0-9_-]*\).*|\1|p' $T/b4)
get "/subscribe/confirm?token=$CTOK" -X POST;      status 200 "confirm 2"
publish X-8 2025年部门预算公开 工作动态 2025-10-13T14:00:00+08:00
run 2025-10-13T14:10:00+08:00;                     has $T/out "新建摘要 1 封；发送成功 1 封"
same "$(mails $T/m2)" "3" "digest 2"
body $T/m2/003.eml >$T/b5
# confirmed on the server's clock (09:00): everything published since
has $T/b5 '有 6 条新发布'
has $T/b5 '2025年部门预算公开'
has $T/b5 '局机关开展安全生产检查'
lacks $T/b5 '招商引资项目签约'
LU=$(python3 -c 'import email,sys; m=email.message_from_binary_file(open(sys.argv[1],"rb")); print(" ".join(m["List-Unsubscribe"].split()).strip("<>"))' $T/m2/003.eml)
has $T/m2/003.eml '^List-Unsubscribe-Post: List-Unsubscribe=One-Click'
code=$(curl -s -o $T/out -w '%{http_code}' -X POST -d 'List-Unsubscribe=One-Click' "$(echo "$LU" | sed "s|http://gov.example|$URL|")")
same "$code" "200" "RFC 8058 POST"
same "$(q "SELECT state FROM subscription WHERE email = 'wang@example.com'")" "unsubscribed" "one-click"
publish X-9 2025年部门决算公开 工作动态 2025-10-13T15:00:00+08:00
run 2025-10-13T15:10:00+08:00;                     has $T/out "新建摘要 0 封；发送成功 0 封"
same "$(mails $T/m2)" "3" "no mail after one-click"

expect 0 $GK --db $DB push list
has $T/out "共 5 封；订阅：待确认 0，已确认 0，已退订 2"
# the loop: one pass at once, then it waits; SIGTERM ends it with status 0
GONGKAI_NOW=2025-10-13T16:00:00+08:00 $GK --db $DB push run >$T/loop.out 2>$T/loop.err &
LOOP=$!
i=0; while [ $i -lt 100 ] && ! grep -q "推送：" $T/loop.out; do sleep 0.1; i=$((i + 1)); done
has $T/loop.out "新建摘要 0 封；发送成功 0 封"
kill -TERM $LOOP; wait $LOOP; same "$?" "0" "push run after SIGTERM"
lacks $T/loop.err "Sanitizer"
expect 0 $GK --db $DB audit verify
serve_stop
sink_stop
finish push_cli
