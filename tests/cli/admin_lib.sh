# admin_lib.sh — sourced by the back-office tests after lib.sh and
# serve_lib.sh: curl helpers against the started server ($URL) for a demo
# database $DB whose users have the password $PW.
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
