#!/bin/sh
# The back office's settings area against a real `gongkai serve` with the
# demo database (docs/admin-settings.md): the bureau's 系统管理员 adds a user,
# whose initial password is shown once; the new user signs in with it and is
# forced to change it; a reset gives another initial password (the old one
# no longer works) and deactivation stops the logins; CSRF missing → 403 and
# nothing written; a drafter → 403, the finance bureau's user → 404; the
# agency's contact details and a timeliness rule through their forms; the
# 2027 holiday notice entered through the form (a workday on a Tuesday
# refused with nothing stored) and the running server's clock counts with it
# at once: the public form refuses an application on 2026-12-21 before the
# notice (20 working days run into the uncovered 2027) and takes it after,
# due 2027-01-19 (counted by hand), and so does `gongkai apply new`;
# injection strings inert; the audit chain verifies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
. "$(dirname "$0")/admin_lib.sh"
# login LOGIN PASSWORD: the cookie in $C, the outcome in $T/*
login() { req /admin/login --data-urlencode "login=$1" --data-urlencode "password=$2"; C=$(cookie); }
# apply_online: a company's application on the public form of agency 1
apply_online() {
	req /apply/1 --data-urlencode type=business --data-urlencode 'name=攀枝花某某农业开发有限公司' \
	    --data-urlencode 'idno=91510422MA62XXXX0A' --data-urlencode 'phone=0812-3456789' \
	    --data-urlencode 'address=四川省攀枝花市盐边县桐子林镇新华街1号' \
	    --data-urlencode 'request=2026年招商引资项目清单' --data-urlencode 'docno=' \
	    --data-urlencode 'purpose=' --data-urlencode 'delivery=纸质文本（邮寄）' \
	    --data-urlencode 'website='
}
shown() { sed -n 's|.*id="initial-password">\([^<]*\)</code>.*|\1|p' $T/out; }

admin_demo
admin_serve admin_settings_serve 2026-12-21T10:00:00+08:00

# ---- users: add, the initial password shown once, the forced change
as admin
get /admin/users;                       status 200 "the users list"
has $T/out 'drafter'
lacks $T/out 'cz-drafter'
N0=$(q "SELECT count(*) FROM users")
req /admin/users -H "Cookie: gk_session=$C" --data-urlencode login=new.clerk \
    --data-urlencode name=新同事 -d role=drafter
status 403 "add without the CSRF token"
same "$(q "SELECT count(*) FROM users")" "$N0" "nothing added without CSRF"
post /admin/users --data-urlencode login=new.clerk --data-urlencode "name=$INJ" -d role=drafter \
    -d role=reviewer
status 200 "add a user"
P1=$(shown)
[ ${#P1} -eq 20 ] && ok || bad "no initial password shown: '$P1'"
lacks $T/out '<script>alert(1)'
same "$(q "SELECT must_change FROM users WHERE login = 'new.clerk'")" "1" "must change"
same "$(q "SELECT group_concat(role) FROM (SELECT role FROM user_role WHERE user_id = \
(SELECT id FROM users WHERE login = 'new.clerk') ORDER BY role)")" "drafter,reviewer" "roles"
get /admin/users;                       status 200 "the list again"
has $T/out 'new.clerk'
lacks $T/out "$P1"
lacks $T/out '<script>alert(1)'
same "$(q "SELECT count(*) FROM audit WHERE instr(change, '$P1') > 0")" "0" "password not audited"
post /admin/users --data-urlencode login=new.clerk --data-urlencode name=重名 -d role=drafter
status 409 "a taken login"
has $T/out 'id="err-login"'
post /admin/users --data-urlencode "login=$INJ" --data-urlencode "name=$INJ" \
    --data-urlencode "role=$INJ"
status 400 "injection in every field"
lacks $T/out '<script>alert(1)'
lacks $T/out '<img src=x'
ADMIN=$C

login new.clerk "$P1";                  status 303 "the new user signs in with the shown password"
same "$(location)" "/admin/password" "forced to change it"
NC=$C
req /admin/ -H "Cookie: gk_session=$NC"; status 303 "no page before the change"
req /admin/password -H "Cookie: gk_session=$NC"; status 200 "the change form"
NK=$(csrf)
req /admin/password -H "Cookie: gk_session=$NC" -d csrf=$NK --data-urlencode "old=$P1" \
    --data-urlencode new=Clerk-Own-2026 --data-urlencode confirm=Clerk-Own-2026
status 303 "changed"
same "$(q "SELECT must_change FROM users WHERE login = 'new.clerk'")" "0" "must_change cleared"
login new.clerk Clerk-Own-2026;         status 303 "the own password logs in"
NC=$C
req /admin/ -H "Cookie: gk_session=$NC"; status 200 "the dashboard opens"
req /admin/users -H "Cookie: gk_session=$NC"; status 403 "a drafter may not manage users"

# reset: a new initial password; the own one is dead
C=$ADMIN
UID_=$(q "SELECT id FROM users WHERE login = 'new.clerk'")
post /admin/users/$UID_/reset;          status 200 "reset"
P2=$(shown)
[ ${#P2} -eq 20 ] && [ "$P2" != "$P1" ] && ok || bad "no new password: '$P2'"
login new.clerk Clerk-Own-2026;         status 401 "the old password is dead"
login new.clerk "$P2";                  status 303 "the reset password logs in"
same "$(location)" "/admin/password" "forced again"
# deactivate: no more logins
C=$ADMIN
post /admin/users/$UID_/deactivate;     status 303 "deactivate"
login new.clerk "$P2"
[ "$(cat $T/code)" != 303 ] && ok || bad "a deactivated user signed in"
C=$ADMIN
# another agency's user: 404
CZ=$(q "SELECT id FROM users WHERE login = 'cz-drafter'")
get /admin/users/$CZ;                   status 404 "the finance bureau's user"
post /admin/users/$CZ/reset;            status 404 "reset of another agency's user"

# ---- agency contact and a timeliness rule
get /admin/agencies/1;                  status 200 "the bureau's page"
post /admin/agencies/1/contact --data-urlencode office=办公室 --data-urlencode postcode=61 \
    --data-urlencode "address=$INJ"
status 400 "a bad postcode"
has $T/out 'id="err-postcode"'
lacks $T/out '<script>alert(1)'
post /admin/agencies/1/contact --data-urlencode office=办公室 --data-urlencode postcode=617100 \
    --data-urlencode phone=0812-8522222 --data-urlencode hours=工作日9:00-17:00
status 303 "contact saved"
same "$(q "SELECT postcode FROM agency WHERE id = 1")" "617100" "postcode stored"
get /admin/agencies/2;                  status 404 "the finance bureau's page"
post /admin/rules --data-urlencode path=工作动态 -d days=25
status 400 "25 days is over 条例第二十六条"
post /admin/rules --data-urlencode path=工作动态 -d days=2
status 303 "a rule"
same "$(q "SELECT value FROM agency_setting WHERE agency_id = 1 AND key = 'timeliness.工作动态'")" \
    "2" "rule stored"

# ---- the 2027 notice and the clock
# Before the notice the public form cannot count 20 working days into 2027.
apply_online
status 400 "an application on 2026-12-21 before the notice"
has $T/out '日历数据未覆盖 2027 年'
same "$(q "SELECT count(*) FROM application WHERE request = '2026年招商引资项目清单'")" "0" \
    "nothing stored"

get /admin/calendar;                    status 200 "the calendar"
has $T/out '尚未录入 2027 年的放假安排'
NOTICE="-d year=2027 --data-urlencode doc_no=国办发明电〔2026〕9号
 --data-urlencode h0_name=元旦 -d h0_from=2027-01-01 -d h0_to=2027-01-03
 --data-urlencode h1_name=春节 -d h1_from=2027-02-06 -d h1_to=2027-02-13
 --data-urlencode h6_name=国庆节 -d h6_from=2027-10-01 -d h6_to=2027-10-07
 --data-urlencode w0_name=春节 -d w1_date=2027-10-09 --data-urlencode w1_name=国庆节"
# shellcheck disable=SC2086
post /admin/calendar/notice $NOTICE -d w0_date=2027-02-16
status 400 "a workday on a Tuesday"
has $T/out 'id="err-w0"'
same "$(q "SELECT count(*) FROM calendar_day")" "0" "nothing stored"
# shellcheck disable=SC2086
req /admin/calendar/notice -H "Cookie: gk_session=$C" $NOTICE -d w0_date=2027-02-14
status 403 "the notice without CSRF"
# shellcheck disable=SC2086
post /admin/calendar/notice $NOTICE -d w0_date=2027-02-14
status 303 "the notice"
same "$(location)" "/admin/calendar/2027" "to the year"
same "$(q "SELECT count(*) FROM calendar_day WHERE year = 2027")" "20" "20 days stored"
sleep 1	# the server reads the site generation at most every 200 ms
# 20 working days after Mon 2026-12-21: 12-22..25 (4), 12-28..31 (8),
# 1-1 元旦, 1-4..8 (13), 1-11..15 (18), 1-18 (19), Tue 1-19 (20).
apply_online
status 200 "the application after the notice"
has $T/out '2027-01-19'
code=$(sed -n 's|.*<strong class="code">\([0-9A-Z-]*\)</strong>.*|\1|p' $T/out)
req "/track?code=$code";                status 200 "tracking"
has $T/out '2027-01-19'
get /admin/calendar/2027;               status 200 "the year"
has $T/out '2027-02-14'
as drafter
post /admin/calendar/2027/delete;       status 403 "a drafter may not remove it"

serve_stop
# The CLI's clock reads the stored notice too (the calendar file has no 2027).
GONGKAI_CALENDAR=data/cn-holidays.tsv GONGKAI_NOW=2026-12-21T15:00:00+08:00 expect 0 $GK --db $DB \
    apply new --agency 1 --channel in_person --type natural --name 张三 --phone 13800000000 \
    --request 2026年招商引资项目清单 --received 2026-12-21
has $T/out '答复期限 2027-01-19'
expect 0 $GK --db $DB audit verify
finish admin_settings_serve
