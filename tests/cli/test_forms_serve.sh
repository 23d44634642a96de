#!/bin/sh
# Integration test of the public forms against a real `gongkai serve` on
# loopback: the application form, field errors, apply → track (due date
# counted by hand, nothing personal on the tracking page, 400/404 codes),
# the honeypot storing nothing, 留言咨询 submitted on the web, answered and
# published with the CLI, then visible with its working days; the
# per-address limit answering 429. Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
DB=$T/g.db
unset GONGKAI_ACTOR

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }
# GET or POST PATH [curl args]: body in $T/out, status in $T/code
get() { p=$1; shift; curl -s -o $T/out -w '%{http_code}' "$@" "$URL$p" >$T/code; }
status() { same "$(cat $T/code)" "$1" "$2"; }

expect 0 $GK --db $DB init
GONGKAI_NOW=2025-01-02T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --level 县级
q "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES (1, 'zhao', '赵专员', 'officer', 'x');
  INSERT INTO user_role (user_id, role) SELECT id, role FROM users;"

# The server's clock: Monday 2025-09-29, the last working day before 国庆.
GONGKAI_NOW=2025-09-29T10:00:00+08:00 serve_start $DB || { finish forms_serve; exit 1; }

# the form
get /apply/1;                          status 200 "GET /apply/1"
has $T/out '<label for="f-name">姓名或者名称'
has $T/out '<label for="f-request">所需政府信息的名称或描述'
has $T/out '法律服务机构'
has $T/out '当面领取'
has $T/out '<label for="f-website">请勿填写此项</label>'
get /apply/77;                         status 404 "unknown agency"

# field errors: 400, the messages next to the fields, nothing stored
get /apply/1 --data-urlencode 'name=<b>张三</b>' --data-urlencode 'phone=12';  status 400 "refused form"
has $T/out '请选择申请人类型'
has $T/out 'id="f-phone-err"'
has $T/out '请填写所需政府信息的名称或描述'
has $T/out 'value="&lt;b&gt;张三&lt;/b&gt;"'
lacks $T/out '<b>张三'
same "$(q 'SELECT count(*) FROM application')" "0" "refused form stored"

# apply → track
get /apply/1 --data-urlencode type=business --data-urlencode 'name=攀枝花某某农业开发有限公司' \
    --data-urlencode 'idno=91510422MA62XXXX0A' --data-urlencode 'phone=0812-3456789' \
    --data-urlencode 'address=四川省攀枝花市盐边县桐子林镇新华街1号' \
    --data-urlencode 'request=2025年农产品加工项目固定资产投资奖励的评审结果' \
    --data-urlencode 'docno=' --data-urlencode 'purpose=' --data-urlencode 'delivery=纸质文本（邮寄）' \
    --data-urlencode 'website='
status 200 "POST /apply/1"
has $T/out '申请已提交'
has $T/out '收到申请之日：<time datetime="2025-09-29">2025-09-29</time>'
# 20 working days after 09-29: 09-30 (1), 10-09..11 (4: 10-11 is a worked
# Saturday), 10-13..17 (9), 10-20..24 (14), 10-27..31 (19), 11-03 (20)
has $T/out '答复期限：<time datetime="2025-11-03">2025-11-03</time>'
code=$(sed -n 's|.*<strong class="code">\([0-9A-Z-]*\)</strong>.*|\1|p' $T/out)
[ ${#code} -eq 14 ] && ok || bad "no tracking code on the page: '$code'"
same "$(q "SELECT channel || '|' || applicant_type || '|' || received_date || '|' || delivery FROM application")" \
    "online|business|2025-09-29|纸质文本（邮寄）" "stored application"
get "/track?code=$code";               status 200 "track"
lacks $T/out '91510422'
lacks $T/out '某某农业'
lacks $T/out '0812-3456789'
lacks $T/out '桐子林'
lacks $T/out '评审结果'
has $T/out '<th scope="row">答复期限</th><td>2025-11-03</td>'
has $T/out '<td>20 个工作日</td>'
has $T/out '办理中'
lower=$(printf '%s' "$code" | tr 'A-Z' 'a-z')
get "/track?code=$lower";              status 200 "track, lower case"
get "/track?code=ABCDEFGHJKMN";        status 404 "unknown code"
has $T/out '没有找到查询码'
get "/track?code=%3Cscript%3E";        status 400 "malformed code"
lacks $T/out '<script>'
get "/track";                          status 200 "track form"

# the honeypot: a bland 200, nothing stored
get /apply/1 --data-urlencode type=natural --data-urlencode name=机器人 --data-urlencode phone=13800000000 \
    --data-urlencode request=任意 --data-urlencode delivery=电子邮件 --data-urlencode email=a@b.cn \
    --data-urlencode website=http://spam.example/
status 200 "honeypot"
has $T/out '您的提交已收到'
same "$(q 'SELECT count(*) FROM application')" "1" "honeypot stored"

# 留言咨询: submitted on the web, not shown until answered and published
get /consult/1;                        status 200 "GET /consult/1"
has $T/out '暂无已公开的留言'
get /consult/1 --data-urlencode 'name=王小明' --data-urlencode 'phone=13812345678' \
    --data-urlencode 'email=' --data-urlencode 'title=国庆期间能否办理备案' \
    --data-urlencode 'question=国庆放假期间，对外贸易经营者备案能否在线办理？'
status 200 "POST /consult/1"
has $T/out '已提交，经审核后公开'
same "$(q "SELECT state || '|' || asked_date FROM consultation")" "pending|2025-09-29" "stored question"
get /consult/1;                        status 200 "pending not public"
lacks $T/out '国庆期间能否办理备案'
export GONGKAI_NOW=2025-10-13T09:00:00+08:00
expect 0 $GK --db $DB consult answer 1 --as zhao --date 2025-10-10 --text '可以在线提交，节后第一个工作日起办理。'
expect 0 $GK --db $DB consult publish 1 --as zhao
get /consult/1;                        status 200 "published"
has $T/out '<h3>国庆期间能否办理备案</h3>'
has $T/out '可以在线提交，节后第一个工作日起办理。'
# 09-29 → 10-10: 09-30, 10-09, 10-10
has $T/out '用时 3 个工作日'
lacks $T/out '王小明'
lacks $T/out '13812345678'

# the limit: the address has used 3 of its 5 (application, honeypot,
# question; the refused form did not count); two more, then 429
for i in 1 2; do
	get /consult/1 --data-urlencode "name=李$i" --data-urlencode 'email=li@example.com' \
	    --data-urlencode "title=问题$i" --data-urlencode 'question=内容'
	status 200 "submission $i"
done
get /consult/1 --data-urlencode 'name=李3' --data-urlencode 'email=li@example.com' \
    --data-urlencode 'title=问题3' --data-urlencode 'question=内容' -D $T/h429
status 429 "over the limit"
# Retry-After: whole seconds, at most the 10-minute window
ra=$(tr -d '\r' <$T/h429 | sed -n 's/^Retry-After: //p')
case "$ra" in ''|*[!0-9]*) bad "Retry-After '$ra'";; *) [ "$ra" -ge 1 ] && [ "$ra" -le 600 ] && ok || bad "Retry-After $ra";; esac
has $T/out '提交过于频繁'
has $T/out 'value="李3"'
same "$(q 'SELECT count(*) FROM consultation')" "3" "stored over the limit"
# and the server keeps serving
get /apply/1;                          status 200 "still serving"

serve_stop
expect 0 $GK --db $DB audit verify
finish forms_serve
