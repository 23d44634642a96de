#!/bin/sh
# CLI tests for `gongkai item link|unlink` (政策解读 ↔ 政策文件) and how
# `gongkai ledger interp` follows them, on the demo database: bad usage
# (exit 2, one line), a link by the drafter and by the officer with its
# audit entry, refusals (exit 1, nothing written: duplicate, itself, a
# missing item, a work-news item, another agency's file, a reviewer),
# unlink leaving a policy file without interpretation (无解读 in the
# findings and the ledger column) and linking it back.
# Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/demo.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv GONGKAI_NOW=2025-12-01T10:00:00+08:00
unset GONGKAI_ACTOR GONGKAI_DB

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

# help and bad usage
expect 0 $GK item link --help;               has $T/out "--form"
expect 0 $GK item unlink -h;                 has $T/out "--policy"
expect 2 $GK --db $DB item link;             has $T/err "缺少信息编号"; oneline
expect 2 $GK --db $DB item link 3;           has $T/err "缺少 --policy"; oneline
expect 2 $GK --db $DB item link 3 --policy x --form 文字; has $T/err "正整数"; oneline
expect 2 $GK --db $DB item link x3 --policy 2 --form 文字; has $T/err "须为正整数"; oneline
expect 2 $GK --db $DB item link 3 --policy 2; has $T/err "缺少 --form"; oneline
expect 2 $GK --db $DB item link 3 --policy 2 --form 漫画; has $T/err "未知的解读形式 '漫画'"; oneline
expect 2 $GK --db $DB item link 3 --policy 2 --form 文字 --reason r; has $T/err "不接受选项 '--reason'"; oneline
expect 2 $GK --db $DB item unlink 3 --policy 2 --form 文字; has $T/err "不接受选项 '--form'"; oneline
expect 2 $GK --db $DB item link 3 4 --policy 2 --form 文字; has $T/err "多余的参数"; oneline
expect 2 $GK --db $DB item link 3 --policy;  has $T/err "需要一个值"; oneline
expect 2 $GK --db $DB item link 3 --policy 2 --form 文字; has $T/err "缺少操作人"; oneline
expect 1 $GK --db $DB item link 3 --policy 2 --form 文字 --as drafter   # no database yet

expect 0 $GK --db $DB demo
expect 1 $GK --db $DB item link 3 --policy 2 --form 文字 --as nobody; has $T/err "不存在"; oneline

# a new 案例 interpretation of policy file 2 (盐边县招商引资优惠政策（试行）)
expect 0 $GK --db $DB item new --as drafter --agency 1 --category 政策解读 \
    --title '招商引资优惠政策典型案例' --written 2025-12-01
I=$(q "SELECT max(id) FROM item")
audit0=$(q "SELECT count(*) FROM audit")
expect 0 $GK --db $DB item link $I --policy 2 --form 案例 --as drafter
has $T/out "案例解读"
same "$(q "SELECT form FROM interpretation WHERE item_id = $I AND policy_item_id = 2")" 案例 "link row"
same "$(q "SELECT count(*) FROM audit")" "$((audit0 + 1))" "link audit"
same "$(q "SELECT action FROM audit ORDER BY seq DESC LIMIT 1")" interp_link "audit action"
# item show lists the link on both sides
expect 0 $GK --db $DB item show 2;           has $T/out "^政策解读："; has $T/out "  $I  .*招商引资优惠政策典型案例（案例，草稿）"
expect 0 $GK --db $DB item show $I;          has $T/out "^解读的政策文件："; has $T/out "  2  .*盐边县招商引资优惠政策（试行）（案例，已发布 2025-"
expect 0 $GK --db $DB item show 4;           lacks $T/out "政策解读："; lacks $T/out "解读的政策文件"
expect 0 $GK --db $DB audit verify

# refusals write nothing
audit0=$(q "SELECT count(*) FROM audit"); links0=$(q "SELECT count(*) FROM interpretation")
expect 1 $GK --db $DB item link $I --policy 2 --form 图解 --as drafter; has $T/err "已关联"; oneline
expect 1 $GK --db $DB item link $I --policy $I --form 文字 --as drafter; has $T/err "自身"; oneline
expect 1 $GK --db $DB item link $I --policy 99999 --form 文字 --as drafter; has $T/err "不存在"; oneline
expect 1 $GK --db $DB item link 4 --policy 2 --form 文字 --as drafter; has $T/err "政策解读"; oneline
expect 1 $GK --db $DB item link $I --policy 4 --form 文字 --as drafter; has $T/err "工作动态"; oneline
P2=$(q "SELECT i.id FROM item i JOIN category c ON c.id = i.category_id
    WHERE i.agency_id = 2 AND c.kind = 'policy' LIMIT 1")
expect 1 $GK --db $DB item link $I --policy $P2 --form 文字 --as drafter; has $T/err "本机构"; oneline
expect 1 $GK --db $DB item link $I --policy 7 --form 文字 --as reviewer; has $T/err "拟稿人"; oneline
expect 1 $GK --db $DB item link $I --policy 7 --form 文字 --as cz-drafter; has $T/err "本单位"; oneline
expect 1 $GK --db $DB item unlink $I --policy 7 --as drafter; has $T/err "没有关联"; oneline
same "$(q "SELECT count(*) FROM audit")" "$audit0" "refusals wrote audit"
same "$(q "SELECT count(*) FROM interpretation")" "$links0" "refusals wrote links"

# the officer links through $GONGKAI_ACTOR too; the policy file 7 now has two
GONGKAI_ACTOR=officer expect 0 $GK --db $DB item link $I --policy 7 --form 文字
same "$(q "SELECT count(*) FROM interpretation WHERE policy_item_id = 7")" 2 "officer link"

# unlink the 文字解读 of policy file 2 (item 3): its findings say 无解读, since
# the new 案例 is not published
expect 1 $GK --db $DB ledger interp --year 2025 --agency 1; has $T/out "问题 1 条"
expect 0 $GK --db $DB item unlink 3 --policy 2 --as drafter; has $T/out "已取消"
same "$(q "SELECT action FROM audit ORDER BY seq DESC LIMIT 1")" interp_unlink "unlink audit"
expect 1 $GK --db $DB ledger interp --year 2025 --agency 1; has $T/out "问题 2 条"
has $T/out "无解读	11510422MB0521377Q/2025-00002	盐边县招商引资优惠政策（试行）"
expect 0 $GK --db $DB ledger export --year 2025 --agency 1 --to csv
has $T/out "盐边县招商引资优惠政策（试行）,.*,无解读"
expect 0 $GK --db $DB item link 3 --policy 2 --form 文字 --as admin
expect 1 $GK --db $DB ledger interp --year 2025 --agency 1; has $T/out "问题 1 条"
lacks $T/out "无解读"
expect 0 $GK --db $DB audit verify;          has $T/out "审计链完整"

finish interp_cli
