#!/bin/sh
# CLI tests for `gongkai item`: a whole lifecycle with four users (--as and
# $GONGKAI_ACTOR), the 索引号 and due date across 春节 2025, refused
# transitions (exit 1, message, nothing written), the confidentiality gate
# and its override, withdrawal, the overdue list, and bad usage (exit 2).
# Users and categories are created with the sqlite3 shell.
# Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/g.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv
unset GONGKAI_ACTOR

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

# help and bad usage (before any database exists)
expect 0 $GK item --help;                    has $T/out "三级审核"
for w in new edit submit review approve return publish withdraw validity list show overdue \
    --as --agency --checks --override --reason --today --window --body-file; do
	grep -q -- "$w" $T/out && ok || bad "help lacks $w"
done
expect 2 $GK --db $DB item;                  has $T/err "缺少子命令"
expect 2 $GK --db $DB item frobnicate;       has $T/err "未知的子命令 'frobnicate'"
expect 2 $GK --db $DB item submit;           has $T/err "缺少信息编号"
expect 2 $GK --db $DB item submit x1;        has $T/err "须为正整数"
expect 2 $GK --db $DB item submit 1 2;       has $T/err "多余的参数"
expect 2 $GK --db $DB item publish 1 --reason r; has $T/err "不接受选项 '--reason'"
expect 2 $GK --db $DB item review 1 --comment; has $T/err "需要一个值"
oneline

# setup: database, agency, users and categories
expect 0 $GK --db $DB init
GONGKAI_NOW=2025-01-24T09:00:00+08:00 expect 0 $GK --db $DB agency add 盐边县商务局 --code 11510422MB1234567Y --level 县级
q "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES
  (1, 'zhang', '张科员', 'drafter', 'x'), (1, 'li', '李副局长', 'reviewer', 'x'),
  (1, 'wang', '王局长', 'approver', 'x'), (1, 'zhao', '赵专员', 'officer', 'x');
  INSERT INTO user_role (user_id, role) SELECT id, role FROM users;
  INSERT INTO category (agency_id, parent_id, name) VALUES (1, NULL, '政策文件');
  INSERT INTO category (agency_id, parent_id, name) VALUES (1, 1, '规章');
  INSERT INTO category (agency_id, parent_id, name) VALUES (1, NULL, '机构职能');"

export GONGKAI_NOW=2025-01-24T10:00:00+08:00
expect 2 $GK --db $DB item submit 1;         has $T/err "缺少操作人"
expect 1 $GK --db $DB item submit 1 --as nobody; has $T/err "不存在"
expect 2 $GK --db $DB item new --as zhang --title T --category 机构职能; has $T/err "缺少 --agency"

# a policy file written Fri 2025-01-24: due 5 working days later, across 春节 → 2025-02-07
printf '# 促进消费若干措施\n\n第一条 为促进消费……\n' >$T/body.md
expect 0 $GK --db $DB item new --as zhang --agency 1 --title 盐边县促进消费若干措施 \
    --category 政策文件/规章 --doc-no '盐边商务〔2025〕1号' --written 2025-01-24 --body-file $T/body.md
has $T/out "已起草信息 1：索引号 11510422MB1234567Y/2025-00001"
has $T/out "应于 2025-02-07 前发布"
expect 1 $GK --db $DB item new --as zhang --agency 1 --title '' --category 不存在 --written 2025-02-30
has $T/err "信息有 3 处问题"; has $T/err "标题"; has $T/err "成文日期"

# the lifecycle, three different people
audit0=$(q "SELECT count(*) FROM audit")
expect 1 $GK --db $DB item review 1 --as li --checks ok,ok,ok --comment 同意
has $T/err "操作被拒绝"; has $T/err "草稿"
same "$(q "SELECT count(*) FROM audit")" "$audit0" "refused review wrote audit"
GONGKAI_ACTOR=zhang expect 0 $GK --db $DB item submit 1; has $T/out "提交，草稿 → 待审核"
expect 1 $GK --db $DB item edit 1 --as zhang --title 新标题; has $T/err "只有草稿可以修改"
expect 1 $GK --db $DB item approve 1 --as wang --checks ok,ok,ok --comment 同意; has $T/err "不能审定"
expect 2 $GK --db $DB item review 1 --as li --checks ok,ok --comment 同意; has $T/err "ok,ok,ok"
expect 2 $GK --db $DB item review 1 --as li --checks ok,maybe,ok --comment 同意
expect 1 $GK --db $DB item review 1 --as li --checks ok,ok,ok; has $T/err "须填写意见"
expect 0 $GK --db $DB item review 1 --as li --checks ok,ok,ok --comment 同意报审; has $T/out "审核，待审核 → 待审定"
expect 0 $GK --db $DB item approve 1 --as wang --checks ok,ok,ok --comment 同意发布
expect 1 $GK --db $DB item publish 1 --as zhang; has $T/err "信息公开工作人员"
GONGKAI_NOW=2025-01-27T15:00:00+08:00 expect 0 $GK --db $DB item publish 1 --as zhao; has $T/out "已发布"
same "$(q "SELECT state || '|' || published_at FROM item WHERE id = 1")" "published|2025-01-27T15:00:00+08:00" "published row"
same "$(q "SELECT group_concat(level || decision, ',') FROM review WHERE item_id = 1")" "2pass,3pass" "review rows"
same "$(q "SELECT group_concat(action, ',') FROM audit WHERE entity = 'item'")" "create,submit,review,approve,publish" "audit actions"
same "$(q "SELECT group_concat(actor, ',') FROM audit WHERE entity = 'item'")" "zhang,zhang,li,wang,zhao" "audit actors"
expect 0 $GK --db $DB item show 1
has $T/out "索引号：11510422MB1234567Y/2025-00001"; has $T/out "状态：已发布"
has $T/out "应发布日期：2025-02-07"; has $T/out "分管领导审核  li  通过"; has $T/out "意见：同意发布"
has $T/out "文号：盐边商务〔2025〕1号"
expect 0 $GK --db $DB item list --state published; has $T/out "盐边县促进消费若干措施"
expect 0 $GK --db $DB item list --state draft
[ "$(wc -l <$T/out)" -eq 1 ] && ok || bad "draft list not empty"
expect 2 $GK --db $DB item list --state 草稿x; has $T/err "未知的状态"

# withdrawal needs a reason and keeps the published row in history
expect 1 $GK --db $DB item withdraw 1 --as zhao; has $T/err "理由"
expect 0 $GK --db $DB item withdraw 1 --as zhao --reason 内容有误; has $T/out "已撤回"
same "$(q "SELECT count(*) FROM item_history WHERE item_id = 1 AND action = 'withdraw' AND snapshot LIKE '%\"state\":\"published\"%'")" 1 "history"

# the gate: an 18-digit ID number blocks approval until overridden with a reason
printf '低保对象：张三，身份证号 11010519491231002X。\n' >$T/pii.md
expect 0 $GK --db $DB item new --as zhang --agency 1 --title 低保名单公示 --category 机构职能 --written 2025-01-24 --body-file $T/pii.md
has $T/out "2025-00002"
expect 0 $GK --db $DB item submit 2 --as zhang
expect 0 $GK --db $DB item review 2 --as li --checks ok,ok,ok --comment 同意
expect 1 $GK --db $DB item approve 2 --as wang --checks ok,ok,ok --comment 同意; has $T/err "1 处问题"
expect 0 $GK --db $DB item approve 2 --as wang --checks ok,ok,ok --comment 同意 --override 依法公示已征得同意
has $T/out "放行"
same "$(q "SELECT json_extract(change, '\$.override_reason') FROM audit WHERE entity = 'item' AND action = 'approve' ORDER BY seq DESC LIMIT 1")" "依法公示已征得同意" "override audited"
# separation of duties: the drafter, also made an approver (several roles,
# schema v3), may not return their own item
q "INSERT INTO user_role (user_id, role) SELECT id, 'approver' FROM users WHERE login = 'zhang'"
expect 1 $GK --db $DB item return 2 --as zhang --comment 退回; has $T/err "拟稿人不能"
q "DELETE FROM user_role WHERE role = 'approver' AND user_id = (SELECT id FROM users WHERE login = 'zhang')"

# overdue: item 2 (机构职能, 20 WD from 1/24: 1/26 1/27, 2/5-2/8, 2/10-2/27 → 2/27)
# approved but unpublished, and item 3 (a policy file, due 2/7)
expect 0 $GK --db $DB item new --as zhang --agency 1 --title 政策二 --category 政策文件/规章 --written 2025-01-24
expect 0 $GK --db $DB item overdue --agency 1 --today 2025-02-06
has $T/out "未发布信息 1 条"; has $T/out "3	11510422MB1234567Y/2025-00003	2025-02-07	剩余 1 个工作日"
expect 0 $GK --db $DB item overdue --today 2025-02-10
has $T/out "2025-02-07	已逾期 2 个工作日"
expect 0 $GK --db $DB item overdue --today 2025-02-26
has $T/out "未发布信息 2 条"; has $T/out "2025-02-27	剩余 1 个工作日	低保名单公示"
expect 2 $GK --db $DB item overdue --today 2025-02-31; has $T/err "YYYY-MM-DD"
expect 2 $GK --db $DB item overdue --window 99

# validity: only an officer, only forward (有效 → 失效 → 废止), with a date
expect 0 $GK --db $DB item publish 2 --as zhao
expect 1 $GK --db $DB item validity 2 --as zhao --to 失效; has $T/err "日期"
expect 2 $GK --db $DB item validity 2 --as zhao --date 2025-01-30
expect 0 $GK --db $DB item validity 2 --as zhao --to 失效 --date 2025-01-24; has $T/out "有效性已变更为失效"
same "$(q "SELECT validity || '|' || validity_date FROM item WHERE id = 2")" "失效|2025-01-24" "validity row"

# the chain is intact after all of it
expect 0 $GK --db $DB audit verify

finish item_cli
