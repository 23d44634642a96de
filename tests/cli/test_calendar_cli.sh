#!/bin/sh
# CLI tests for `gongkai calendar`: each subcommand with values derived by
# hand from the holiday notices (legal.md §6.3), usage errors (exit 2, one
# line), editing a temporary copy of the calendar file, uncovered years.
DATA=data/cn-holidays.tsv
. "$(dirname "$0")/lib.sh"

is() { if [ "$(cat "$1")" = "$2" ]; then ok; else bad "$1 is '$(cat "$1")', want '$2'"; fi; }

# Help documents every subcommand and option.
expect 0 $GK calendar --help
for w in "show YEAR" "set DATE off|work NAME" "unset DATE" "add DATE N" "between D1 D2" \
    "--calendar FILE" "GONGKAI_CALENDAR" "/usr/local/share/gongkai/cn-holidays.tsv"; do
	has $T/out "$w"
done
expect 0 $GK help calendar; has $T/out "between D1 D2"

# add: the N-th working day after DATE (2025 春节: off 1/28-2/4, work Sun 1/26, Sat 2/8).
expect 0 $GK calendar add 2025-01-24 5;  is $T/out 2025-02-07
expect 0 $GK calendar add 2025-01-27 0;  is $T/out 2025-01-27
expect 0 $GK calendar add 2025-01-27 1;  is $T/out 2025-02-05
expect 0 $GK calendar --calendar $DATA add 2025-09-30 20; is $T/out 2025-11-04
expect 0 $GK calendar add --calendar=$DATA 2026-02-14 5;  is $T/out 2026-02-28
# between: working days after D1 up to and including D2.
expect 0 $GK calendar between 2025-01-24 2025-02-06; is $T/out 4
expect 0 $GK calendar between 2025-02-06 2025-01-24; is $T/out -4
expect 0 $GK calendar between 2025-12-31 2026-12-31; is $T/out 248
# show: every non-ordinary day, then working days per month.
expect 0 $GK calendar show 2026
has $T/out "2026-02-14  星期六  work  调休上班  春节"
has $T/out "2026-10-07  星期三  off   放假  国庆节"
has $T/out " 2 月  16 天"
has $T/out "全年  248 天"
[ "$(grep -c '^2026-' $T/out)" -eq 39 ] && ok || bad "show 2026 does not list 39 days"
grep -q '^2025-' $T/out && bad "show 2026 lists 2025 days" || ok

# Uncovered years are errors (exit 1), never weekends-only answers.
expect 1 $GK calendar add 2026-12-31 1;        has $T/err "未覆盖 2027 年"
expect 1 $GK calendar between 2026-12-01 2027-01-05; has $T/err "未覆盖 2027 年"
expect 1 $GK calendar show 2027;               has $T/err "未覆盖 2027 年"
expect 1 $GK calendar show 2018;               has $T/err "未覆盖 2018 年"

# Bad usage: exit 2, one line, a hint.
expect 2 $GK calendar;                          oneline; has $T/err "缺少子命令"
expect 2 $GK calendar frob;                     oneline; has $T/err "未知子命令"
expect 2 $GK calendar --bogus show 2025;        oneline; has $T/err "未知选项"
expect 2 $GK calendar add 2025-02-30 1;         oneline; has $T/err "日期“2025-02-30”无效"
expect 2 $GK calendar add 2025-01-24;           oneline
expect 2 $GK calendar add 2025-01-24 -1;        oneline
expect 2 $GK calendar add 2025-01-24 x5;        oneline; has $T/err "工作日数"
expect 2 $GK calendar add 2025-01-24 10001;     oneline
expect 2 $GK calendar between 2025-01-24;       oneline
expect 2 $GK calendar between 2025-01-24 2025-1-2; oneline
expect 2 $GK calendar show;                     oneline
expect 2 $GK calendar show 20x6;                oneline; has $T/err "年份“20x6”无效"
expect 2 $GK calendar set 2027-01-01 holiday 元旦; oneline; has $T/err "off 或 work"
expect 2 $GK calendar set 2027-01-01 off;       oneline
expect 2 $GK calendar --calendar;               oneline
has $T/err "try 'gongkai calendar --help'"

# The calendar file: option, then $GONGKAI_CALENDAR.
expect 1 $GK calendar --calendar $T/none.tsv add 2025-01-24 1; has $T/err "文件不存在"
GONGKAI_CALENDAR=$T/none.tsv expect 1 $GK calendar add 2025-01-24 1; has $T/err "$T/none.tsv"
printf '2025-01-01\toff\t元旦\n2025-01-06\twork\tx\n2025-01-07\tvoid\tx\n' >$T/broken.tsv
expect 1 $GK calendar --calendar $T/broken.tsv add 2025-01-24 1
has $T/err "第2行："; has $T/err "第3行："

# set: edits a copy and writes it back atomically; the result reads back.
cp $DATA $T/cal.tsv; chmod 640 $T/cal.tsv
export GONGKAI_CALENDAR=$T/cal.tsv
expect 0 $GK calendar set 2027-01-01 off 元旦;   has $T/out "已将 2027-01-01（星期五）设为放假（元旦）"
expect 0 $GK calendar add 2026-12-31 1;          is $T/out 2027-01-04
expect 0 $GK calendar set 2027-02-06 work 春节;  # a Saturday
expect 0 $GK calendar add 2027-02-05 1;          is $T/out 2027-02-06
expect 2 $GK calendar set 2027-02-08 work 春节;  oneline; has $T/err "星期一"
grep -q "$(printf '2027-02-06\twork\t春节')" $T/cal.tsv && ok || bad "set did not write the file"
[ "$(stat -c %a $T/cal.tsv)" = 640 ] && ok || bad "set changed the file mode"
ls $T/cal.tsv.* >/dev/null 2>&1 && bad "temporary file left behind" || ok
diff $DATA $T/cal.tsv | grep -c '^[<>]' | grep -qx 2 && ok || bad "set changed more than its two lines"
expect 0 $GK calendar unset 2027-02-06
expect 0 $GK calendar unset 2027-01-01
cmp -s $DATA $T/cal.tsv && ok || bad "set then unset is not the original file"
expect 1 $GK calendar unset 2027-01-01;          has $T/err "没有 2027-01-01"
# A directory that cannot be written: the original stays intact.
mkdir $T/ro; cp $DATA $T/ro/cal.tsv; chmod 555 $T/ro
if [ "$(id -u)" -ne 0 ]; then
	expect 1 $GK calendar --calendar $T/ro/cal.tsv set 2027-01-01 off 元旦; has $T/err "临时文件"
	cmp -s $DATA $T/ro/cal.tsv && ok || bad "failed set changed the file"
fi
chmod 755 $T/ro
unset GONGKAI_CALENDAR

finish calendar_cli
