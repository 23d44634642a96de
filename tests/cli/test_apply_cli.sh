#!/bin/sh
# CLI tests for `gongkai apply`: help and bad usage (exit 2), intake with
# the tracking code and the due date, every event with hand-worked dates
# (see tests/unit/test_application.c for the working), refused events
# (exit 1, message, nothing written), masking in list and show and the
# audit chain, --full only for officers, the public track view, overdue,
# and the answer letter (with the 联系机构 paragraph once the agency's
# contacts are set). Users are created with the sqlite3 shell.
# Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/g.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv
unset GONGKAI_ACTOR

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

# help and bad usage (before any database exists)
expect 0 $GK apply --help;                   has $T/out "依申请公开"
for w in new correct corrected consult consulted extend fee paid answer withdraw list show \
    track overdue letter --approved-by --received --channel --type --full --window --as; do
	grep -q -- "$w" $T/out && ok || bad "help lacks $w"
done
expect 0 $GK --db $DB apply show --help;     has $T/out "用法"
expect 2 $GK --db $DB apply;                 has $T/err "缺少子命令"
expect 2 $GK --db $DB apply frobnicate;      has $T/err "未知的子命令 'frobnicate'"
expect 2 $GK --db $DB apply answer;          has $T/err "缺少申请编号"
expect 2 $GK --db $DB apply answer x1;       has $T/err "须为正整数"
expect 2 $GK --db $DB apply answer 1 --date 2025-03-03; has $T/err "缺少 --outcome"
expect 2 $GK --db $DB apply answer 1 --date 2025-03-03 --outcome 满意; has $T/err "不是年度报告表三"
expect 2 $GK --db $DB apply answer 1 --date 2025/03/03 --outcome open; has $T/err "YYYY-MM-DD"
expect 2 $GK --db $DB apply extend 1 --date 2025-03-03 --days 5; has $T/err "approved-by"
expect 2 $GK --db $DB apply extend 1 --date 2025-03-03 --days 21 --approved-by 李; has $T/err "1 至 20"
expect 2 $GK --db $DB apply fee 1 --date 2025-03-03 --amount 10 --pages 3; has $T/err "三者之一"
expect 2 $GK --db $DB apply fee 1 --date 2025-03-03 --amount 1.234; has $T/err "金额"
expect 2 $GK --db $DB apply paid 1 --outcome open --date 2025-03-03; has $T/err "不接受选项 '--outcome'"
expect 2 $GK --db $DB apply new --agency 1 --channel 信鸽 --type natural; has $T/err "--channel"
expect 2 $GK --db $DB apply list --state 进行中; has $T/err "--state"
expect 2 $GK --db $DB apply show 1 2;         has $T/err "多余的参数"
expect 2 $GK --db $DB apply track;           has $T/err "缺少查询码"
expect 2 $GK --db $DB apply letter 1 --to odt; has $T/err "md、html、docx 或 pdf"
oneline

# setup
expect 0 $GK --db $DB init
GONGKAI_NOW=2025-01-02T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --level 县级
q "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES
  (1, 'zhao', '赵专员', 'officer', 'x'), (1, 'zhang', '张科员', 'drafter', 'x');
  INSERT INTO user_role (user_id, role) SELECT id, role FROM users;"
export GONGKAI_NOW=2025-06-03T10:00:00+08:00

# intake: received Mon 2025-03-03 → due 2025-03-31
expect 0 $GK --db $DB apply new --as zhao --agency 1 --channel online --type natural --name 张三 \
    --idno 11010519491231002X --phone 13812345678 --email zhangsan@example.com \
    --address 四川省攀枝花市盐边县桐子林镇金河大道1号 --request 2024年招商引资项目清单 \
    --delivery 电子邮件 --received 2025-03-03
has $T/out "已登记申请 1，查询码 "
has $T/out "答复期限 2025-03-31"
has $T/out "第三十一条"
code=$(q "SELECT code FROM application WHERE id = 1")
same "$(printf %s "$code" | tr -d '0-9A-HJKMNP-TV-Z' | wc -c)" "0" "code alphabet"
same "${#code}" "12" "code length"
expect 1 $GK --db $DB apply new --as zhang --agency 1 --channel online --type natural --name 李四 \
    --phone 13812345678 --request 某文件 --received 2025-03-03
has $T/err "无权"
expect 1 $GK --db $DB apply new --as zhao --agency 1 --channel 当面提交 --type 自然人 --name 李四 \
    --request 某文件 --received 2025-03-03
has $T/err "联系方式"
expect 1 $GK --db $DB apply new --as zhao --agency 1 --channel email --type business --name 某公司 \
    --email a@b.cn --request 某文件 --received 2025-06-04
has $T/err "晚于今天"
same "$(q "SELECT count(*) FROM application")" "1" "refused intakes wrote rows"

# the clock: 补正, corrected, consultation, extension, fee, payment, answer
expect 0 $GK --db $DB apply correct 1 --as zhao --date 2025-03-05 --until 2025-03-19 --note 请明确项目名称
has $T/out "状态 待补正"
expect 0 $GK --db $DB apply corrected 1 --as zhao --date 2025-03-10
has $T/out "答复期限 2025-04-08"
expect 0 $GK --db $DB apply consult 1 --as zhao --date 2025-03-12 --note 盐边县某某有限公司
expect 0 $GK --db $DB apply consulted 1 --as zhao --date 2025-03-19
has $T/out "答复期限 2025-04-15"
expect 0 $GK --db $DB apply extend 1 --as zhao --days 20 --approved-by 李主任 --date 2025-04-01
has $T/out "答复期限 2025-05-15"
audit0=$(q "SELECT count(*) FROM audit"); ev0=$(q "SELECT count(*) FROM application_event")
expect 1 $GK --db $DB apply extend 1 --as zhao --days 1 --approved-by 李主任 --date 2025-04-02
has $T/err "操作被拒绝"
expect 1 $GK --db $DB apply paid 1 --as zhao --date 2025-04-02
has $T/err "操作被拒绝"
expect 1 $GK --db $DB apply answer 1 --as zhang --outcome open --date 2025-04-02
has $T/err "无权"
same "$(q "SELECT count(*) FROM audit")" "$audit0" "refused events wrote audit"
same "$(q "SELECT count(*) FROM application_event")" "$ev0" "refused events wrote events"
same "$(q "SELECT due_date FROM application WHERE id = 1")" "2025-05-15" "refused events changed the row"
# a fee by pages (e-mail delivery: 按量): 50 pages → 200 元
expect 0 $GK --db $DB apply fee 1 --as zhao --date 2025-04-10 --pages 50
has $T/out "金额 200元"; has $T/out "状态 待缴费"
expect 0 $GK --db $DB apply paid 1 --as zhao --date 2025-04-17
has $T/out "答复期限 2025-05-22"

# show: masked by default, --full for the officer only
expect 0 $GK --db $DB apply show 1 --as zhang
has $T/out "张\*（自然人）"; has $T/out "110105\*\*\*\*\*\*\*\*002X"; has $T/out "138\*\*\*\*5678"
has $T/out "四川省攀枝花市盐边县\*\*\*\*"; lacks $T/out "金河大道"
has $T/out "答复期限：2025-05-22"; has $T/out "已延长：20 个工作日"
has $T/out "计时起点：2025-03-10"
has $T/out "2025-03-05 至 2025-03-10：补正"
has $T/out "2025-03-12 至 2025-03-19：征求意见"
has $T/out "2025-04-10 至 2025-04-17：缴费"
has $T/out "批准人 李主任"
expect 1 $GK --db $DB apply show 1 --as zhang --full;  has $T/err "无权查看"
expect 0 $GK --db $DB apply show 1 --as zhao --full;   has $T/out "11010519491231002X"
expect 1 $GK --db $DB apply show 9;          has $T/err "申请 9 不存在"

# the answer, then nothing more
expect 0 $GK --db $DB apply answer 1 --as zhao --outcome 部分公开 --date 2025-04-30
has $T/out "已办结"; has $T/out "部分公开"
expect 1 $GK --db $DB apply withdraw 1 --as zhao --date 2025-05-06
has $T/err "操作被拒绝"
same "$(q "SELECT state || ' ' || outcome || ' ' || closed_date FROM application WHERE id = 1")" \
    "closed partial 2025-04-30" "closed row"

# the audit chain never holds the ID number, phone or street address in clear
same "$(q "SELECT count(*) FROM audit WHERE change LIKE '%11010519491231002X%' OR
    change LIKE '%13812345678%' OR change LIKE '%金河大道%'")" "0" "personal data in audit"
expect 0 $GK --db $DB audit verify

# a second application across 春节 2025 (received Fri 01-24 → due 02-27), withdrawn
expect 0 $GK --db $DB apply new --agency 1 --channel post_signed --type business \
    --name 攀枝花某某贸易有限公司 --address 四川省攀枝花市东区炳草岗大道 --request 营商环境政策 \
    --received 2025-01-24
has $T/out "答复期限 2025-02-27"
expect 1 $GK --db $DB apply correct 2 --date 2025-02-11 --until 2025-02-25
has $T/err "操作被拒绝"
expect 0 $GK --db $DB apply withdraw 2 --date 2025-02-12 --note 申请人来电撤回
has $T/out "其他"

# lists
expect 0 $GK --db $DB apply list --agency 1
has $T/out "张\*（自然人）"; has $T/out "攀枝花某某贸易有限公司"; lacks $T/out "张三"
expect 0 $GK --db $DB apply list --agency 1 --year 2025 --state closed
same "$(wc -l <$T/out)" "2" "closed in 2025"
expect 1 $GK --db $DB apply list --agency 1 --full --as zhang; has $T/err "无权查看"
expect 0 $GK --db $DB apply list --agency 1 --full --as zhao; has $T/out "张三"
expect 0 $GK --db $DB apply list --year 2019;  has $T/out "没有符合条件的申请"

# the public view by tracking code: nothing personal
lower=$(printf %s "$code" | tr 'A-Z' 'a-z')
expect 0 $GK --db $DB apply track "$lower"
has $T/out "盐边县经济合作和商务局"; has $T/out "已办结"; lacks $T/out "张"; lacks $T/out "招商引资"
expect 1 $GK --db $DB apply track ZZZZZZZZZZZZ; has $T/err "查询码不存在"

# overdue: as of Wed 2025-04-02, one late (due 03-31) and one due in 3 WD (04-08)
expect 0 $GK --db $DB apply new --agency 1 --channel in_person --type natural --name 王五 \
    --phone 13900001111 --request 文件甲 --received 2025-03-03
expect 0 $GK --db $DB apply new --agency 1 --channel in_person --type natural --name 赵六 \
    --phone 13900002222 --request 文件乙 --received 2025-03-10
expect 0 $GK --db $DB apply overdue --agency 1 --today 2025-04-02
has $T/out "王\*"; has $T/out "已逾期 2 个工作日"; has $T/out "赵\*"; has $T/out "剩余 3 个工作日"
same "$(head -1 $T/out | cut -f1)" "3" "late first"
expect 0 $GK --db $DB apply overdue --agency 1 --today 2025-04-02 --window 0
same "$(wc -l <$T/out)" "1" "window 0"
expect 0 $GK --db $DB apply overdue --agency 1 --today 2025-03-04
has $T/out "没有逾期"
expect 2 $GK --db $DB apply overdue --window -1; has $T/err "--window"

# the answer letter: an open application has none; the review body comes from the setting
expect 1 $GK --db $DB apply letter 3;        has $T/err "尚未答复"
expect 1 $GK --db $DB apply letter 1 --part 项目清单 --reasons 涉及商业秘密; has $T/err "行政复议机关"
q "INSERT INTO agency_setting VALUES (1, 'apply.review_body', '盐边县人民政府')"
expect 1 $GK --db $DB apply letter 1;        has $T/err "公开部分"
expect 1 $GK --db $DB apply letter 1 --as zhang --part 项目清单 --reasons 涉及商业秘密; has $T/err "无权"
expect 0 $GK --db $DB apply letter 1 --part 项目清单 --reasons 涉及商业秘密
has $T/out "政府信息公开申请答复告知书"; has $T/out "张三："; has $T/out "盐边县人民政府申请行政复议"
has $T/out "第三十七条"; lacks $T/out "11010519491231002X"; lacks $T/out "13812345678"
lacks $T/out "联系机构"
expect 0 $GK --db $DB apply letter 1 --to html --output $T/l.html --part 项目清单 --reasons 涉及商业秘密
has $T/l.html "<!DOCTYPE html>"
# the agency's contacts (agency contact) become the letter's 联系机构 paragraph; fax and hours are not in it
expect 0 $GK --db $DB agency contact 1 --office 办公室 --address 四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼 \
    --postcode 617100 --phone 0812-8612301 --fax 0812-8612302 --email ybswj@example.gov.cn --hours 工作日
expect 0 $GK --db $DB apply letter 1 --part 项目清单 --reasons 涉及商业秘密
has $T/out "联系机构：办公室；地址：四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼；邮政编码：617100；联系电话：0812-8612301；电子邮箱：ybswj@example.gov.cn。"
lacks $T/out "0812-8612302"
expect 0 $GK --db $DB apply letter 1 --to html --part 项目清单 --reasons 涉及商业秘密
has $T/out "联系机构：办公室；地址："

# a missing database is an error, not a new file
expect 1 $GK --db $T/none.db apply list
[ ! -e $T/none.db ] && ok || bad "apply list created a database"

finish apply_cli
