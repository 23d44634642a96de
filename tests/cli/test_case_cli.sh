#!/bin/sh
# CLI tests for `gongkai case`: help and bad usage (exit 2), adding cases on
# every route with and without an application, refusals (exit 1, nothing
# written), the result recorded once, lists by agency and year.
# Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/g.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv
unset GONGKAI_ACTOR

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

expect 0 $GK case --help;                    has $T/out "行政复议"
for w in add update list --route --filed --application --case-no --result --closed --year --as \
    未经复议直接起诉 复议后起诉 维持 纠正 其他结果 尚未审结; do
	grep -q -- "$w" $T/out && ok || bad "help lacks $w"
done
expect 2 $GK --db $DB case;                  has $T/err "缺少子命令"
expect 2 $GK --db $DB case frob;             has $T/err "未知的子命令"
expect 2 $GK --db $DB case add --route 行政复议 --filed 2025-05-10; has $T/err "缺少 --agency"
expect 2 $GK --db $DB case add --agency 1 --route 行政诉讼 --filed 2025-05-10; has $T/err "--route"
expect 2 $GK --db $DB case add --agency 1 --route 行政复议; has $T/err "缺少 --filed"
expect 2 $GK --db $DB case add --agency 1 --route 行政复议 --filed 2025-5-10; has $T/err "YYYY-MM-DD"
expect 2 $GK --db $DB case update;           has $T/err "缺少案件编号"
expect 2 $GK --db $DB case update 1 --result 尚未审结 --closed 2025-06-01; has $T/err "--result"
expect 2 $GK --db $DB case update 1 --result 维持;  has $T/err "缺少 --closed"
expect 2 $GK --db $DB case list --result 维持;      has $T/err "不接受选项"
expect 2 $GK --db $DB case list --year 二〇二五;    has $T/err "--year"
oneline

expect 0 $GK --db $DB init
GONGKAI_NOW=2025-01-02T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --level 县级
GONGKAI_NOW=2025-01-02T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县财政局 --code 11510422MB12345682 --level 县级
q "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES
  (1, 'zhao', '赵专员', 'officer', 'x'), (1, 'zhang', '张科员', 'drafter', 'x');
  INSERT INTO user_role (user_id, role) SELECT id, role FROM users;"
export GONGKAI_NOW=2025-06-03T10:00:00+08:00
expect 0 $GK --db $DB apply new --agency 1 --channel online --type legal --name 四川某某律师事务所 \
    --phone 0812-3456789 --request 环评批复 --received 2025-03-03
expect 0 $GK --db $DB apply new --agency 2 --channel online --type legal --name 四川某某律师事务所 \
    --phone 0812-3456789 --request 预算 --received 2025-03-03

expect 0 $GK --db $DB case add --as zhao --agency 1 --route 行政复议 --filed 2025-05-10 \
    --application 1 --case-no '盐府复〔2025〕3号'
has $T/out "已登记案件 1：行政复议，2025-05-10，尚未审结"
expect 0 $GK --db $DB case add --agency 1 --route 未经复议直接起诉 --filed 2024-12-20
expect 0 $GK --db $DB case add --agency 1 --route suit_after --filed 2025-06-03
audit0=$(q "SELECT count(*) FROM audit")
expect 1 $GK --db $DB case add --agency 1 --route 行政复议 --filed 2025-05-10 --application 2
has $T/err "属于机构 2"
expect 1 $GK --db $DB case add --agency 1 --route 行政复议 --filed 2025-03-01 --application 1
has $T/err "早于所涉申请"
expect 1 $GK --db $DB case add --agency 1 --route 行政复议 --filed 2025-06-04
has $T/err "晚于今天"
expect 1 $GK --db $DB case add --as zhang --agency 1 --route 行政复议 --filed 2025-05-10
has $T/err "无权"
expect 1 $GK --db $DB case add --agency 9 --route 行政复议 --filed 2025-05-10
has $T/err "机构 9 不存在"
same "$(q "SELECT count(*) FROM audit")" "$audit0" "refused adds wrote audit"
same "$(q "SELECT count(*) FROM legal_case")" "3" "refused adds wrote rows"

expect 1 $GK --db $DB case update 1 --result 纠正 --closed 2025-05-09
has $T/err "早于申请（起诉）日期"
expect 0 $GK --db $DB case update 1 --as zhao --result 纠正 --closed 2025-05-30
has $T/out "案件 1：纠正，2025-05-30 审结"
expect 1 $GK --db $DB case update 1 --result 维持 --closed 2025-06-01
has $T/err "已有结果"
expect 1 $GK --db $DB case update 7 --result 维持 --closed 2025-06-01
has $T/err "案件 7 不存在"
same "$(q "SELECT result || ' ' || closed_date FROM legal_case WHERE id = 1")" \
    "corrected 2025-05-30" "result"

expect 0 $GK --db $DB case list --agency 1
same "$(wc -l <$T/out)" "3" "three cases"
same "$(head -1 $T/out | cut -f1)" "2" "by filing date"
has $T/out "盐府复〔2025〕3号"; has $T/out "纠正"; has $T/out "尚未审结"; has $T/out "申请 1"
expect 0 $GK --db $DB case list --agency 1 --year 2024
same "$(wc -l <$T/out)" "1" "2024"
has $T/out "未经复议直接起诉"
expect 0 $GK --db $DB case list --agency 2; has $T/out "没有符合条件的案件"
expect 0 $GK --db $DB audit verify

finish case_cli
