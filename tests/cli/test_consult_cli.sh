#!/bin/sh
# CLI tests for `gongkai consult`: help and bad usage (exit 2); list with the
# name masked and no contact details, by state and paged; show in full;
# answer (text, file, stdin), re-answer, publish, reject; every illegal
# transition and unauthorised actor refused (exit 1, nothing written);
# the audit entries. Questions arrive from the web form; here they are
# fixture rows. Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/g.db
unset GONGKAI_ACTOR

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

expect 0 $GK consult --help;                   has $T/out "留言咨询"
for w in list show answer publish reject --agency --state --limit --offset --text --file \
    --date --reason --as pending answered published rejected; do
	grep -q -- "$w" $T/out && ok || bad "help lacks $w"
done
expect 0 $GK consult answer --help;            has $T/out "consult COMMAND"
expect 2 $GK --db $DB consult;                 has $T/err "缺少子命令"
expect 2 $GK --db $DB consult frob;            has $T/err "未知的子命令"
expect 2 $GK --db $DB consult list;            has $T/err "需要 --agency"
expect 2 $GK --db $DB consult list --agency 1 --state open; has $T/err "--state"
expect 2 $GK --db $DB consult list --agency 1 --limit 0;    has $T/err "--limit"
expect 2 $GK --db $DB consult show;            has $T/err "缺少留言编号"
expect 2 $GK --db $DB consult show x;          has $T/err "正整数"
expect 2 $GK --db $DB consult answer 1;        has $T/err "--text TEXT 或 --file PATH"
expect 2 $GK --db $DB consult answer 1 --text a --file b; has $T/err "二者选一"
expect 2 $GK --db $DB consult answer 1 --text a --date 2025-9-1; has $T/err "YYYY-MM-DD"
expect 2 $GK --db $DB consult reject 1;        has $T/err "--reason"
expect 2 $GK --db $DB consult publish 1 --reason x; has $T/err "不接受选项"
expect 2 $GK --db $DB consult publish 1 2;     has $T/err "多余的参数"
oneline

expect 0 $GK --db $DB init
GONGKAI_NOW=2025-01-02T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --level 县级
GONGKAI_NOW=2025-01-02T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县财政局 --code 11510422MB12345682 --level 县级
q "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES
  (1, 'zhao', '赵专员', 'officer', 'x'), (1, 'zhang', '张科员', 'drafter', 'x'),
  (2, 'qian', '钱专员', 'officer', 'x');
  INSERT INTO user_role (user_id, role) SELECT id, role FROM users;
  INSERT INTO consultation (agency_id, code, name, phone, email, title, question, asked_at, asked_date) VALUES
  (1, 'AAAAAAAAAAA1', '王小明', '13812345678', 'wang@example.com', '招商引资优惠政策', '申报条件是什么？', '2025-09-29T10:00:00+08:00', '2025-09-29'),
  (1, 'AAAAAAAAAAA2', '李四', '', 'li@example.com', '广告', '某某产品', '2025-09-30T10:00:00+08:00', '2025-09-30'),
  (1, 'AAAAAAAAAAA3', '赵六', '13912345678', '', '办事指南', '在哪里办理？', '2025-10-09T10:00:00+08:00', '2025-10-09');"
export GONGKAI_NOW=2025-10-13T09:00:00+08:00

# list: newest first, name masked, no phone or e-mail
expect 0 $GK --db $DB consult list --agency 1 --as zhao
has $T/out "3	待处理	2025-10-09	-	赵\*	办事指南"
has $T/out "1	待处理	2025-09-29	-	王\*\*	招商引资优惠政策"
lacks $T/out "13812345678"
lacks $T/out "wang@"
lacks $T/out "王小明"
same "$(head -1 $T/out | cut -f1)" "3" "newest first"
expect 0 $GK --db $DB consult list --agency 1 --limit 1 --offset 1
same "$(head -1 $T/out | cut -f1)" "2" "offset"
has $T/out "共 3 条，已显示第 2 至 2 条"
expect 1 $GK --db $DB consult list --agency 1 --as zhang;   has $T/err "无权"
expect 1 $GK --db $DB consult list --agency 9;              has $T/err "机构 9 不存在"

# show: in full, to the agency's officer
expect 0 $GK --db $DB consult show 1 --as zhao
has $T/out "留言 1（机构 1）：待处理"
has $T/out "姓名：王小明"
has $T/out "电话：13812345678"
has $T/out "电子邮件：wang@example.com"
has $T/out "申报条件是什么？"
expect 1 $GK --db $DB consult show 1 --as qian;  has $T/err "无权"
expect 1 $GK --db $DB consult show 9;            has $T/err "留言 9 不存在"

audit0=$(q "SELECT count(*) FROM audit")
# refusals write nothing
expect 1 $GK --db $DB consult publish 1 --as zhao;         has $T/err "尚未答复，不能公开"
expect 1 $GK --db $DB consult answer 1 --text 答复 --date 2025-09-28; has $T/err "早于留言日期 2025-09-29"
expect 1 $GK --db $DB consult answer 1 --text 答复 --date 2025-10-14; has $T/err "晚于今天"
expect 1 $GK --db $DB consult answer 1 --text ' ';          has $T/err "答复内容为必填项"
expect 1 $GK --db $DB consult answer 1 --text 答复 --as zhang; has $T/err "无权"
expect 1 $GK --db $DB consult answer 1 --text 答复 --as qian;  has $T/err "无权"
expect 1 $GK --db $DB consult reject 1 --reason '';         has $T/err "须写明理由"
expect 1 $GK --db $DB consult answer 1 --file $T/none;      has $T/err "无法读取答复文件"
same "$(q "SELECT count(*) FROM audit")" "$audit0" "refusals wrote audit"
same "$(q "SELECT state FROM consultation WHERE id = 1")" "pending" "refusals changed state"

# answer from a file, re-answer from stdin, publish
printf '申报条件见《盐边县招商引资优惠办法》第三条。\n如有疑问请致电 0812-1234567。\n' >$T/ans.txt
expect 0 $GK --db $DB consult answer 1 --file $T/ans.txt --date 2025-10-10 --as zhao
has $T/out "留言 1 已答复（2025-10-10），尚未公开"
same "$(q "SELECT answer FROM consultation WHERE id = 1")" "$(printf '申报条件见《盐边县招商引资优惠办法》第三条。\n如有疑问请致电 0812-1234567。')" "answer from file"
printf '申报条件见《盐边县招商引资优惠办法》第三条。' | expect 0 $GK --db $DB consult answer 1 --file - --date 2025-10-10 --as zhao
same "$(q "SELECT answer || '|' || answer_date || '|' || answered_by FROM consultation WHERE id = 1")" \
    "申报条件见《盐边县招商引资优惠办法》第三条。|2025-10-10|zhao" "re-answer"
expect 0 $GK --db $DB consult publish 1 --as zhao;  has $T/out "留言 1 已公开"
expect 0 $GK --db $DB consult show 1
has $T/out "已公开"
has $T/out "答复日期：2025-10-10"
has $T/out "答复人：zhao"
has $T/out "公开时间：2025-10-13T09:00:00+08:00"
expect 1 $GK --db $DB consult answer 1 --text 再改;  has $T/err "已公开，不能答复"
expect 1 $GK --db $DB consult reject 1 --reason x;   has $T/err "已公开"

# reject, then nothing more; today's date is the default answer date
expect 0 $GK --db $DB consult reject 2 --reason 商业广告，与政府信息公开无关 --as zhao
has $T/out "留言 2 已作不予公开处理"
expect 1 $GK --db $DB consult answer 2 --text 答复;  has $T/err "已作不予公开处理（商业广告，与政府信息公开无关），不能答复"
expect 1 $GK --db $DB consult publish 2;             has $T/err "不能公开"
expect 0 $GK --db $DB consult answer 3 --text 请到政务服务中心二楼办理。
has $T/out "留言 3 已答复（2025-10-13）"
expect 1 $GK --db $DB consult reject 3 --reason x;   has $T/err "已答复，不能作不予公开处理"

expect 0 $GK --db $DB consult list --agency 1 --state published
same "$(wc -l <$T/out)" "1" "published list"
has $T/out "1	已公开	2025-09-29	2025-10-10	王\*\*	招商引资优惠政策"
expect 0 $GK --db $DB consult list --agency 1 --state 不予公开
has $T/out "2	不予公开"
expect 0 $GK --db $DB consult list --agency 2
has $T/out "没有符合条件的留言"

# the audit chain: one entry per change, who did it, and it verifies
same "$(q "SELECT count(*) FROM audit WHERE entity = 'consultation'")" "5" "audit entries"
same "$(q "SELECT group_concat(action || ':' || actor, ' ') FROM (SELECT action, actor FROM audit WHERE entity = 'consultation' AND actor = 'zhao' ORDER BY seq)")" \
    "answer:zhao answer:zhao publish:zhao reject:zhao" "audit actions"
same "$(q "SELECT action || ':' || substr(actor, 1, 4) FROM audit ORDER BY seq DESC LIMIT 1")" "answer:cli:" "operator's answer"
expect 0 $GK --db $DB audit verify

finish consult_cli
