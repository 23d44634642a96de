# admin_lib.sh — sourced by the back-office tests after lib.sh and
# serve_lib.sh: the demo database $DB (default $T/g.db) whose users have the
# password $PW, the injection string $INJ, and curl helpers against the
# started server ($URL).
DB=${DB:-$T/g.db}
PW=Gongkai-Demo-2025
INJ='<script>alert(1)</script>"><img src=x onerror=alert(2)>'
unset GONGKAI_ACTOR
q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }
# req PATH [curl args]: body in $T/out, headers in $T/h, status in $T/code
req() { p=$1; shift; curl -s -D $T/h -o $T/out -w '%{http_code}' "$@" "$URL$p" >$T/code; }
status() { same "$(cat $T/code)" "$1" "$2"; }
location() { sed -n 's/^Location: \(.*\)\r$/\1/p' $T/h; }
cookie() { sed -n 's/^Set-Cookie: gk_session=\([0-9a-f]*\);.*/\1/p' $T/h; }
csrf() { sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' $T/out | head -n 1; }
# as LOGIN: signs in; $C the session cookie, $K its CSRF token (from the dashboard's forms)
as() {
	req /admin/login --data-urlencode "login=$1" --data-urlencode "password=$PW"
	status 303 "login $1"
	C=$(cookie)
	req /admin/ -H "Cookie: gk_session=$C"; status 200 "dashboard of $1"
	K=$(csrf)
}
get() { p=$1; shift; req "$p" -H "Cookie: gk_session=$C" "$@"; }
post() { p=$1; shift; req "$p" -H "Cookie: gk_session=$C" -d "csrf=$K" "$@"; }
form() { p=$1; shift; req "$p" -H "Cookie: gk_session=$C" -F "csrf=$K" "$@"; }
# admin_demo [WHERE]: the demo database in $DB, the initial passwords
# cleared (of the users WHERE, all without it) so their pages open at once
admin_demo() {
	GONGKAI_CALENDAR=data/cn-holidays.tsv expect 0 $GK --db $DB demo
	q "UPDATE users SET must_change = 0${1:+ WHERE $1}"
}
# admin_serve NAME NOW [serve args]: serves $DB with the clock at NOW; when
# the server does not start the test NAME ends there
admin_serve() {
	_n=$1 _now=$2; shift 2
	GONGKAI_NOW=$_now serve_start $DB "$@" || { finish $_n; exit 1; }
}
