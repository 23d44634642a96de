#!/bin/sh
# The back office's look (docs/admin-security.md, "The look") against a real
# `gongkai serve`: /static/admin.css has a rule for every class the screens
# (src/web/admin*.c) write literally and for the category tree's depth-1..5,
# loads nothing from elsewhere (no url(), @import or @font-face), keeps a
# visible focus and a print layout without the menu; the menu shows 工作日历
# to every signed-in user (top-level for a drafter, under 系统设置 for an
# administrator) and the drafter can open it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
. "$(dirname "$0")/admin_lib.sh"	# q, same, req, status, as, get
DB=$T/g.db
PW=Gongkai-Demo-2025
unset GONGKAI_ACTOR

GONGKAI_CALENDAR=data/cn-holidays.tsv expect 0 $GK --db $DB demo
q "UPDATE users SET must_change = 0"
GONGKAI_NOW=2025-09-29T10:00:00+08:00 serve_start $DB || { finish admin_look; exit 1; }

req /static/admin.css;        status 200 "the stylesheet"
cp $T/out $T/css
# Every class written literally (class=\"a b\", no format directive) has a rule.
n=0
for c in $(grep -ho 'class=\\"[^"\\%]*\\"' src/web/admin*.c | sed 's/^class=\\"//; s/\\"$//' |
    tr ' ' '\n' | sort -u) depth-1 depth-2 depth-3 depth-4 depth-5; do
	n=$((n + 1))
	if grep -qE "\.$c([^-a-z0-9_]|\$)" $T/css; then ok; else bad "admin.css has no rule for .$c"; fi
done
[ $n -gt 60 ] && ok || bad "only $n classes found in src/web/admin*.c"
# Nothing from elsewhere: no images, fonts or imported sheets.
lacks $T/css "url("
lacks $T/css "@import"
lacks $T/css "@font-face"
has $T/css "a:focus,button:focus,input:focus,select:focus,textarea:focus"
has $T/css "outline:3px solid #d4380d"
has $T/css "^@media print{"
has $T/css "^\.side,\.skip,\.topbar form"
has $T/css "^\.filters,\.pager,\.pages,\.tabs"
has $T/css "^\.body-and-findings{display:flex;flex-wrap:wrap"

# 工作日历 for everyone: a drafter sees it at the top level and may look.
as drafter
has $T/out '<li><a href="/admin/calendar">工作日历</a></li>'
lacks $T/out '系统设置'
get /admin/calendar;          status 200 "the calendar for a drafter"
has $T/out '<li><a href="/admin/calendar" aria-current="page">工作日历</a></li>'
lacks $T/out '/admin/calendar/notice'
# An administrator: under 系统设置, shown when a settings page is open.
as admin
lacks $T/out '/admin/calendar'
get /admin/users;             status 200 "users page"
has $T/out '<li class="sub"><a href="/admin/calendar">工作日历</a></li>'
get /admin/calendar;          status 200 "the calendar for the administrator"
has $T/out '<li class="sub"><a href="/admin/calendar" aria-current="page">工作日历</a></li>'

serve_stop
finish admin_look
