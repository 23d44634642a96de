#!/bin/sh
# The back office's gate against a real `gongkai serve` on loopback with the
# demo database (docs/admin-security.md): everything under /admin/ without a
# session → 303 to the login (with next=); the login page's headers
# (no-store, CSP, frame denial); wrong and unknown logins → 401 with one
# message; injection strings in the login fields rendered inert; a good
# login → 303 and a cookie gk_session (HttpOnly, SameSite=Strict,
# Path=/admin, Secure only behind --tls-proxy with X-Forwarded-Proto from
# loopback) whose value is not what the database stores; CSRF missing or
# wrong → 403 and nothing changed; fixation (an id planted or held before
# login is not the session after it and does not authenticate); logout and
# logout everywhere; expiry after 30 idle minutes (last_seen moved back in
# the database); lockout after 5 failures (429, Retry-After, the right
# password refused); the forced change of an initial password; 404 inside
# the frame; every event in the audit chain, which verifies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
. "$(dirname "$0")/admin_lib.sh"	# $DB, $PW, q, same, req, status, location, cookie, csrf

# login LOGIN [PASSWORD]: the session cookie in $C (the request's outcome in $T/*)
login() { req /admin/login --data-urlencode "login=$1" --data-urlencode "password=${2:-$PW}"; C=$(cookie); }
audits() { q "SELECT count(*) FROM audit WHERE action = '$1'"; }

# The demo's passwords are initial ones: keep that for officer (the forced
# change below), clear it for the others so their pages open at once.
admin_demo "login <> 'officer'"

admin_serve admin_auth_serve 2025-09-29T10:00:00+08:00

# ---- no session: every path under /admin/ goes to the login
req /admin/;                  status 303 "GET /admin/"
same "$(location)" "/admin/login" "location of /admin/"
req /admin/items/5;           status 303 "GET /admin/items/5"
same "$(location)" "/admin/login?next=/admin/items/5" "next kept"
req /admin/no/such/page;      status 303 "unknown path without a session"
req /admin/users -d x=1;      status 303 "POST without a session"
same "$(location)" "/admin/login" "a POST has no next"
req /admin;                   status 303 "GET /admin"
same "$(location)" "/admin/" "/admin → /admin/"
req /admin/tokens -H "Cookie: gk_session=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
status 303 "an unknown session id"
has $T/h "Set-Cookie: gk_session=; Path=/admin; HttpOnly; SameSite=Strict; Max-Age=0"

# ---- the login page
req /admin/login;             status 200 "GET /admin/login"
has $T/h "Cache-Control: no-store"
has $T/h "Content-Security-Policy: default-src 'self'"
has $T/h "X-Frame-Options: DENY"
has $T/out '<label for="f-login">登录名</label>'
has $T/out 'autocomplete="current-password"'
lacks $T/h "Set-Cookie"
req /static/admin.css;        status 200 "the stylesheet"
has $T/h "Content-Type: text/css"
has $T/out "@media print"

# ---- wrong and unknown logins: 401, one message, no cookie
login drafter Wrong-Password-1;  status 401 "wrong password"
has $T/out "登录名或密码错误"
lacks $T/h "Set-Cookie"
login nobody;                    status 401 "unknown login"
has $T/out "登录名或密码错误"
req /admin/login -d login=drafter; status 400 "no password"

# ---- injection strings in the login fields render inert
login '<script>alert(1)</script>"'"'"' OR 1=1 --' "x' OR '1'='1"
status 401 "injection login"
has $T/out 'value="&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39; OR 1=1 --"'
lacks $T/out '<script>alert'
req '/admin/login?next=%22%3E%3Cscript%3Ealert(1)%3C/script%3E';  status 200 "hostile next"
lacks $T/out 'alert(1)'
req /admin/login --data-urlencode login=drafter --data-urlencode "password=$PW" \
    --data-urlencode 'next=https://evil.example/admin/'
status 303 "login with a foreign next"
same "$(location)" "/admin/" "a foreign next is ignored"
req /admin/login --data-urlencode login=drafter --data-urlencode "password=$PW" \
    --data-urlencode 'next=/admin/../../etc'
same "$(location)" "/admin/" "a next with .. is ignored"
same "$(q "SELECT count(*) FROM users")" "12" "users untouched"

# ---- cross-site POSTs (login CSRF included): refused before anything else
req /admin/login -H "Origin: https://evil.example" --data-urlencode login=drafter --data-urlencode "password=$PW"
status 403 "login posted from another site"
lacks $T/h "Set-Cookie"
req /admin/login -H "Origin: null" --data-urlencode login=drafter --data-urlencode "password=$PW"
status 403 "login posted from an opaque origin"
req /admin/login -H "Sec-Fetch-Site: cross-site" --data-urlencode login=drafter --data-urlencode "password=$PW"
status 403 "Sec-Fetch-Site: cross-site"
req /admin/login -H "Origin: http://127.0.0.1:$PORT" -H "Sec-Fetch-Site: same-origin" \
    --data-urlencode login=drafter --data-urlencode "password=$PW"
status 303 "login posted from the site itself"

# ---- a good login
login drafter;                status 303 "login drafter"
same "$(location)" "/admin/" "to the dashboard"
has $T/h "Set-Cookie: gk_session=$C; Path=/admin; HttpOnly; SameSite=Strict"
lacks $T/h "Secure"
[ ${#C} -eq 64 ] && ok || bad "session id '$C' is not 64 hex characters"
same "$(q "SELECT count(*) FROM session WHERE hash = '$C' OR csrf = '$C'")" "0" "the id is not stored"
same "$(q "SELECT count(*) FROM session s JOIN users u ON u.id = s.user_id WHERE u.login = 'drafter'")" \
    "4" "drafter's sessions"
DRAFTER=$C
req /admin/login --data-urlencode login=drafter --data-urlencode "password=$PW" \
    --data-urlencode 'next=/admin/items/3'
same "$(location)" "/admin/items/3" "next followed"
req /admin/login -H "Cookie: gk_session=$DRAFTER"; status 303 "login page when signed in"

# ---- inside: the frame, 404 in it
req /admin/password -H "Cookie: gk_session=$DRAFTER";  status 200 "GET /admin/password"
has $T/h "Cache-Control: no-store"
has $T/out '<nav class="side" aria-label="后台菜单">'
has $T/out '盐边县经济合作和商务局'
has $T/out '科室拟稿人'
lacks $T/out '系统设置'
has $T/out '<td>127.0.0.1</td><td>本次登录</td>'
same "$(grep -c '<td>127.0.0.1</td>' $T/out)" "5" "drafter's live sessions listed"
TOKEN=$(csrf)
[ ${#TOKEN} -eq 64 ] && ok || bad "no CSRF token in the page"
req /admin/no/such/page -H "Cookie: gk_session=$DRAFTER"; status 404 "unknown page"
has $T/out '页面不存在'
has $T/out '后台菜单'
req /admin/login -H "Cookie: gk_session=$DRAFTER" -X POST -d x=1; status 400 "POST login without fields"

# ---- CSRF: missing or wrong → 403, nothing changed
HASH0=$(q "SELECT password_hash FROM users WHERE login = 'drafter'")
req /admin/password -H "Cookie: gk_session=$DRAFTER" --data-urlencode "old=$PW" \
    --data-urlencode new=Another-Pass-2026 --data-urlencode confirm=Another-Pass-2026
status 403 "password change without CSRF"
has $T/out 'CSRF'
req /admin/password -H "Cookie: gk_session=$DRAFTER" --data-urlencode "old=$PW" \
    --data-urlencode new=Another-Pass-2026 --data-urlencode confirm=Another-Pass-2026 \
    -d csrf=00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff
status 403 "password change with a wrong CSRF token"
req /admin/password -H "Cookie: gk_session=$DRAFTER" --data-urlencode "old=$PW" \
    --data-urlencode new=Another-Pass-2026 --data-urlencode confirm=Another-Pass-2026 \
    --data-urlencode "csrf=$TOKEN'"
status 403 "password change with a CSRF token and a quote"
same "$(q "SELECT password_hash FROM users WHERE login = 'drafter'")" "$HASH0" "password unchanged"
req /admin/logout -H "Cookie: gk_session=$DRAFTER" -X POST;   status 403 "logout without CSRF"
req /admin/logout -H "Cookie: gk_session=$DRAFTER" -H "Origin: http://evil.example:$PORT" -d csrf=$TOKEN
status 403 "logout with the right token from another site"
req /admin/logout-all -H "Cookie: gk_session=$DRAFTER" -d csrf=x;  status 403 "logout-all, wrong CSRF"
req /admin/password -H "Cookie: gk_session=$DRAFTER";  status 200 "still signed in"
# another user's token does not do
login admin; ADMIN=$C
req /admin/password -H "Cookie: gk_session=$ADMIN"; ATOKEN=$(csrf)
req /admin/logout -H "Cookie: gk_session=$DRAFTER" -d csrf=$ATOKEN;  status 403 "another session's token"

# ---- fixation: a planted id, and an id held before login
FORGED=ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100
req /admin/login -H "Cookie: gk_session=$FORGED" --data-urlencode login=reviewer --data-urlencode "password=$PW"
status 303 "login with a planted cookie"
REV=$(cookie)
[ -n "$REV" ] && [ "$REV" != "$FORGED" ] && ok || bad "the planted id was adopted: '$REV'"
req /admin/password -H "Cookie: gk_session=$FORGED";  status 303 "the planted id does not authenticate"
req /admin/login -H "Cookie: gk_session=$REV" --data-urlencode login=reviewer --data-urlencode "password=$PW"
REV2=$(cookie)
[ -n "$REV2" ] && [ "$REV2" != "$REV" ] && ok || bad "the id was not rotated at login"
req /admin/password -H "Cookie: gk_session=$REV";   status 303 "the pre-login id is dead"
req /admin/password -H "Cookie: gk_session=$REV2";  status 200 "the new id works"

# ---- logout, logout everywhere
req /admin/logout -H "Cookie: gk_session=$REV2";   status 200 "GET /admin/logout shows a button"
has $T/out 'action="/admin/logout"'
T2=$(csrf)
req /admin/logout -H "Cookie: gk_session=$REV2" -d csrf=$T2;  status 303 "logout"
same "$(location)" "/admin/login" "after logout"
has $T/h "Max-Age=0"
req /admin/password -H "Cookie: gk_session=$REV2";  status 303 "dead after logout"
login approver; A1=$C
login approver; A2=$C
req /admin/password -H "Cookie: gk_session=$A1"; T1=$(csrf)
req /admin/logout-all -H "Cookie: gk_session=$A1" -d csrf=$T1;  status 303 "logout everywhere"
req /admin/password -H "Cookie: gk_session=$A1";  status 303 "first session dead"
req /admin/password -H "Cookie: gk_session=$A2";  status 303 "second session dead"
same "$(q "SELECT count(*) FROM session s JOIN users u ON u.id = s.user_id WHERE u.login = 'approver'")" \
    "0" "approver has no session left"
req /admin/password -H "Cookie: gk_session=$DRAFTER";  status 200 "others unaffected"

# ---- expiry after 30 idle minutes (the server's clock is fixed: move last_seen back)
H=$(printf %s "$DRAFTER" | sha256sum | cut -c1-64)
q "UPDATE session SET last_seen = last_seen - 1800 WHERE hash = '$H'"
req /admin/password -H "Cookie: gk_session=$DRAFTER";  status 200 "30 minutes idle: alive"
q "UPDATE session SET last_seen = last_seen - 1801 WHERE hash = '$H'"
req /admin/password -H "Cookie: gk_session=$DRAFTER";  status 303 "30 min 1 s idle: expired"
same "$(location)" "/admin/login?expired=1&next=/admin/password" "back to the login"
req "$(location)";                   status 200 "the login page after expiry"
has $T/out '登录已超时'
has $T/out 'name="next" value="/admin/password"'
same "$(q "SELECT count(*) FROM session WHERE hash = '$H'")" "0" "expired session deleted"
same "$(audits session_expired)" "1" "expiry audited"

# ---- lockout after 5 failures
for i in 1 2 3 4; do login cz-officer Wrong-Password-$i; status 401 "failure $i"; done
login cz-officer Wrong-Password-5;  status 429 "the fifth failure locks"
has $T/out "已锁定"
has $T/h "Retry-After: 900"
login cz-officer;                   status 429 "the right password while locked"
lacks $T/h "Set-Cookie"
same "$(q "SELECT failures || '|' || (locked_until - window_start) FROM login_guard WHERE login = 'cz-officer'")" \
    "5|900" "the guard"
same "$(audits lockout)" "1" "lockout audited"
same "$(audits login_locked)" "1" "attempt while locked audited"
q "UPDATE login_guard SET locked_until = locked_until - 900"
login cz-officer;                   status 303 "released after 15 minutes"

# ---- forced change of an initial password
login officer;                      status 303 "officer: initial password"
same "$(location)" "/admin/password" "forced to change"
OFF=$C
req /admin/items -H "Cookie: gk_session=$OFF";  status 303 "no other page first"
same "$(location)" "/admin/password" "still forced"
req /admin/password -H "Cookie: gk_session=$OFF";  status 200 "the form"
has $T/out '您正在使用初始密码'
OT=$(csrf)
req /admin/password -H "Cookie: gk_session=$OFF" -d csrf=$OT --data-urlencode "old=$PW" \
    --data-urlencode new=short --data-urlencode confirm=short
status 400 "a weak password"
has $T/out '密码太'
req /admin/password -H "Cookie: gk_session=$OFF" -d csrf=$OT --data-urlencode "old=$PW" \
    --data-urlencode new=New-Officer-2026 --data-urlencode confirm=New-Officer-2027
status 400 "confirmation differs"
has $T/out '两次输入的新密码不一致'
req /admin/password -H "Cookie: gk_session=$OFF" -d csrf=$OT --data-urlencode "old=Wrong-Old-11" \
    --data-urlencode new=New-Officer-2026 --data-urlencode confirm=New-Officer-2026
status 400 "wrong old password"
has $T/out '原密码不正确'
req /admin/password -H "Cookie: gk_session=$OFF" -d csrf=$OT --data-urlencode "old=$PW" \
    --data-urlencode 'new=<script>x</script>Aa1' --data-urlencode 'confirm=<script>x</script>Aa1'
status 303 "a password with markup is just characters"
OFF2=$(cookie)
[ -n "$OFF2" ] && [ "$OFF2" != "$OFF" ] && ok || bad "no new session after the change"
req /admin/password -H "Cookie: gk_session=$OFF";   status 303 "the old session ended"
req /admin/tokens -H "Cookie: gk_session=$OFF2";    status 200 "pages open after the change"
same "$(q "SELECT must_change FROM users WHERE login = 'officer'")" "0" "must_change cleared"
login officer '<script>x</script>Aa1';  status 303 "the new password logs in"
lacks $T/out '<script>'

# ---- API tokens: the screen (admin and officer only; shown once, stored as SHA-256)
login drafter
req /admin/tokens -H "Cookie: gk_session=$C";  status 403 "a drafter may not manage tokens"
req /admin/tokens -H "Cookie: gk_session=$OFF2";     status 200 "the tokens page"
has $T/out '<option value="drafter">'
has $T/out '<a href="/admin/tokens" aria-current="page">接口令牌</a>'
lacks $T/out '系统设置'
lacks $T/out '<option value="cz-drafter">'
TT=$(csrf)
req /admin/tokens -H "Cookie: gk_session=$OFF2" --data-urlencode 'name=<script>x</script>' -d user=drafter
status 403 "making a token without CSRF"
same "$(q "SELECT count(*) FROM api_token")" "0" "no token made without CSRF"
req /admin/tokens -H "Cookie: gk_session=$OFF2" -d csrf=$TT -d name= -d user=drafter
status 400 "a token without a name"
req /admin/tokens -H "Cookie: gk_session=$OFF2" -d csrf=$TT -d name=x -d user=cz-drafter
status 400 "another agency's drafter"
req /admin/tokens -H "Cookie: gk_session=$OFF2" -d csrf=$TT --data-urlencode 'name=<script>x</script>"' \
    -d user=drafter
status 201 "token made"
TOK=$(sed -n 's|.*<p class="secret" id="new-token">\(gkt_[0-9a-f]*\)</p>.*|\1|p' $T/out)
[ ${#TOK} -eq 68 ] && ok || bad "no token shown: '$TOK'"
has $T/out '&lt;script&gt;x&lt;/script&gt;&quot;'
lacks $T/out '<script>x'
TOKH=$(printf %s "$TOK" | sha256sum | cut -c1-64)
same "$(q "SELECT count(*) FROM api_token WHERE hash = '$TOKH' AND prefix = substr('$TOK', 1, 12)")" "1" \
    "only the SHA-256 and the prefix are stored"
same "$(q "SELECT count(*) FROM api_token WHERE hash = '$TOK' OR name = '$TOK'")" "0" "token not stored"
req /admin/tokens -H "Cookie: gk_session=$OFF2";  status 200 "the list"
lacks $T/out "$TOK"
has $T/out "$(printf %s "$TOK" | cut -c1-12)…"
# a token of the second agency, from the command line
GONGKAI_NOW=2025-09-29T10:00:00+08:00 expect 0 $GK --db $DB token add --agency 2 --name 财政一体化系统 --user cz-drafter
TOK2=$(grep -o 'gkt_[0-9a-f]*' $T/out)
[ ${#TOK2} -eq 68 ] && ok || bad "no token printed: '$TOK2'"
expect 0 $GK --db $DB token list --agency 2
has $T/out '财政一体化系统'
lacks $T/out "$TOK2"
expect 1 $GK --db $DB token add --agency 2 --name x --user drafter
expect 2 $GK --db $DB token add --agency 2 --name x

# ---- the write side of /api/v1
J='{"title":"关于开展2025年招商引资项目申报工作的通知","category":"工作动态","written":"2025-09-26","event_end":"2025-09-26","body":"各有关企业：现将项目申报工作通知如下。"}'
JH='Content-Type: application/json'
req /api/v1/items -H "$JH" --data "$J";                       status 401 "no token"
has $T/out '"code":"unauthorized"'
has $T/h "Content-Type: application/json"
req /api/v1/items -H "$JH" -H "Authorization: Bearer gkt_$(printf %064d 0)" --data "$J"
status 401 "an unknown token"
has $T/out '"code":"invalid_token"'
req /api/v1/items -H "$JH" -H "Authorization: Basic $TOK" --data "$J";  status 401 "not a bearer token"
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK' OR '1'='1" --data "$J";  status 401 "token with SQL"
req /api/v1/items -H "Authorization: Bearer $TOK" --data-urlencode "x=$J";  status 415 "a form body"
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK" --data '{"title":';  status 400 "malformed JSON"
has $T/out '"code":"bad_request"'
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK" --data '{"title":"x","category":"工作动态","state":"published"}'
status 400 "an unknown field (no way to publish)"
has $T/out '"field":"state"'
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK" --data '{"agency_id":2,"title":"x","category":"工作动态"}'
status 403 "another agency"
has $T/out '"code":"forbidden"'
same "$(q "SELECT count(*) FROM item WHERE title = 'x'")" "0" "nothing written on refusals"
N0=$(q "SELECT count(*) FROM item")
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK" --data "$J";  status 201 "a draft made"
has $T/out '"state":"draft"'
ID=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' $T/out)
same "$(q "SELECT i.state || '|' || i.agency_id || '|' || u.login FROM item i JOIN users u ON u.id = i.drafter_id WHERE i.id = '$ID'")" \
    "draft|1|drafter" "the draft, by the token's drafter"
same "$(q "SELECT count(*) FROM item")" "$((N0 + 1))" "one item more"
req /api/v1/items/$ID;  status 404 "a draft is not public"
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK" --data '{"title":"<script>alert(1)</script>","category":"不存在的栏目"}'
status 400 "an unknown category"
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK2" --data "$J";  status 201 "agency 2's token"
has $T/out '"agency_id":2'
A='{"channel":"email","applicant_type":"natural","name":"张三","phone":"13800000000","request":"2025年招商引资项目申报通知的附件","received":"2025-09-28"}'
NA=$(q "SELECT count(*) FROM application")
req /api/v1/applications -H "$JH" --data "$A";  status 401 "application without a token"
req /api/v1/applications -H "$JH" -H "Authorization: Bearer $TOK" --data "$A";  status 201 "an application recorded"
has $T/out '"tracking_code":"'
same "$(q "SELECT channel || '|' || agency_id || '|' || received_date FROM application ORDER BY id DESC LIMIT 1")" \
    "email|1|2025-09-28" "the application row"
req /api/v1/applications -H "$JH" -H "Authorization: Bearer $TOK" --data '{"channel":"pigeon","applicant_type":"natural","received":"2025-09-28"}'
status 400 "a bad channel"
req /api/v1/applications -H "$JH" -H "Authorization: Bearer $TOK" --data '{"channel":"email","applicant_type":"natural","received":"2025-09-28","name":"","request":""}'
status 400 "missing name and request"
same "$(q "SELECT count(*) FROM application")" "$((NA + 1))" "one application more"
req /api/v1/items -H "Authorization: Bearer $TOK" -X PUT;  status 405 "PUT"
# revoking: the token stops working at once
TID=$(q "SELECT id FROM api_token WHERE agency_id = 1")
req /admin/tokens -H "Cookie: gk_session=$OFF2"; TT=$(csrf)
req /admin/tokens/$TID/revoke -H "Cookie: gk_session=$OFF2" -X POST;  status 403 "revoke without CSRF"
req /admin/tokens/$(q "SELECT id FROM api_token WHERE agency_id = 2")/revoke -H "Cookie: gk_session=$OFF2" -d csrf=$TT
status 404 "another agency's token"
req /admin/tokens/$TID/revoke -H "Cookie: gk_session=$OFF2" -d csrf=$TT;  status 303 "revoked"
req /api/v1/items -H "$JH" -H "Authorization: Bearer $TOK" --data "$J";  status 401 "a revoked token"
req /admin/tokens/$TID/revoke -H "Cookie: gk_session=$OFF2" -d csrf=$TT;  status 409 "revoked twice"
same "$(q "SELECT count(*) FROM audit WHERE entity = 'api_token'")" "3" "tokens made and revoked, audited"

# ---- everything audited; the chain verifies; no secret in it
same "$(q "SELECT count(*) FROM audit WHERE change LIKE '%$PW%' OR change LIKE '%$DRAFTER%' OR change LIKE '%$TOKEN%' OR change LIKE '%$TOK%'")" \
    "0" "no password, id or token in the audit"
[ "$(audits login_failed)" -ge 8 ] && ok || bad "failures not audited: $(audits login_failed)"
[ "$(audits logout)" -ge 2 ] && ok || bad "logouts not audited"
same "$(audits logout_all)" "2" "logout everywhere (by the user, by the password change)"
serve_stop

# ---- Secure behind TLS: only with --tls-proxy and X-Forwarded-Proto from loopback
admin_serve admin_auth_serve 2025-09-29T10:00:00+08:00 --tls-proxy
req /admin/login -H "X-Forwarded-Proto: https" --data-urlencode login=drafter --data-urlencode "password=$PW"
status 303 "login through the proxy"
has $T/h "; Secure"
login drafter
lacks $T/h "Secure"
serve_stop
expect 0 $GK --db $DB audit verify

finish admin_auth_serve
