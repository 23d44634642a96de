#!/bin/sh
# CLI test for `gongkai apply overdue` across a year the calendar does not
# cover yet: in December 2026 an application's 20 working days run into
# 2027, whose holiday notice is not in the shipped file. The list must not
# fail; it shows that application first with the reason and the command
# that fixes it, and the other applications as usual. Once 2027's notice
# is entered (`calendar set` on a copy of the file) the due date appears.
# Dates worked by hand from data/cn-holidays.tsv: received Mon 2026-11-02,
# no holiday in November, 20 WD → Mon 2026-11-30; received Tue 2026-12-01
# → Dec 2–4, 7–11, 14–18, 21–25, 28, 29 → Tue 2026-12-29. As of Mon
# 2027-01-04, before 2027's notice is entered, neither clock can be read
# (days late need 2027). With 2027-01-01 entered as the only holiday of
# 2027 (a one-line notice, enough to cover the year): the first is late by
# December's 23 working days (1–4, 7–11, 14–18, 21–25, 28–31) plus
# 2027-01-04 = 24, the second by 12-30, 12-31, 01-04 = 3.
# Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/o.db
cp data/cn-holidays.tsv $T/cal.tsv
export GONGKAI_CALENDAR=$T/cal.tsv GONGKAI_NOW=2026-12-22T10:00:00+08:00
unset GONGKAI_ACTOR

expect 0 $GK --db $DB init
expect 0 $GK --db $DB agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --level 县级
expect 0 $GK --db $DB apply new --agency 1 --channel in_person --type natural --name 王五 \
    --phone 13900001111 --request 文件甲 --received 2026-11-02
has $T/out "答复期限 2026-11-30"
# intake itself refuses a date whose clock it cannot compute, with the reason
expect 1 $GK --db $DB apply new --agency 1 --channel in_person --type natural --name 赵六 \
    --phone 13900002222 --request 文件乙 --received 2026-12-21
has $T/err "2027"
[ "$(sqlite3 $DB 'SELECT count(*) FROM application')" = 1 ] && ok || bad "refused intake wrote a row"
expect 0 $GK --db $DB apply new --agency 1 --channel in_person --type natural --name 赵六 \
    --phone 13900002222 --request 文件乙 --received 2026-12-01
has $T/out "答复期限 2026-12-29"

# 2027-01-04, 2027 not on the calendar: both listed with the reason, exit 0
export GONGKAI_NOW=2027-01-04T09:00:00+08:00
expect 0 $GK --db $DB apply overdue --agency 1
[ "$(wc -l <$T/out)" = 2 ] && ok || bad "want two lines"
has $T/out "答复期限无法计算"; has $T/out "2027"; has $T/out "calendar set"
has $T/out "王\*"; has $T/out "赵\*"; lacks $T/out "已逾期"
# show says so too, with the due date but no days left
expect 0 $GK --db $DB apply show 1; has $T/out "无法按现有事件计算期限（日历数据未覆盖 2027 年"
has $T/out "答复期限：2026-11-30（剩余或逾期的工作日无法计算）"; lacks $T/out "剩余 0"

# the notice entered: the due dates and days late appear, late first
expect 0 $GK calendar set 2027-01-01 off 元旦
expect 0 $GK --db $DB apply overdue --agency 1
lacks $T/out "无法计算"
[ "$(head -1 $T/out | cut -f1)" = 1 ] && ok || bad "most late first"
has $T/out "答复期限 2026-11-30.*已逾期 24 个工作日"
has $T/out "答复期限 2026-12-29.*已逾期 3 个工作日"
finish apply-overdue-cli
