#!/bin/sh
# CLI tests for `gongkai agency contact` and the contact lines of `agency
# show`: help and bad usage (exit 2, one line, no database created);
# refusals (exit 1, one line): a postcode that is not 6 digits, a phone or
# fax with other characters, an e-mail of the wrong shape, a field over 200
# characters, an unknown agency, an actor (--as or $GONGKAI_ACTOR) who is
# a user but not an admin of the agency or its parent — none writing a
# field or an audit entry; the ID as an argument or --agency; fields not
# given left alone and '' clearing one; one audit entry per change with the
# changed fields only; the chain verifies.
. "$(dirname "$0")/lib.sh"
DB=$T/c.db
export GONGKAI_DB=$DB GONGKAI_NOW=2026-03-02T09:00:00+08:00 GONGKAI_ACTOR=cli:root

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }
row() { q "SELECT office||'|'||address||'|'||postcode||'|'||phone||'|'||fax||'|'||email||'|'||hours FROM agency WHERE id = $1"; }

# help and bad usage
expect 0 $GK agency --help
for w in "contact ID" --office --address --postcode --phone --fax --email --hours "--agency ID" "--as" \
    "6 位数字" "转" "200 个字符"; do
	grep -q -- "$w" $T/out && ok || bad "agency help lacks $w"
done
expect 0 $GK agency contact --help;               has $T/out "联系机构"
expect 0 $GK --help;                              has $T/out "unset, contact"
expect 2 $GK agency contact;                      has $T/err "缺少机构编号"; oneline
expect 2 $GK agency contact --office 办公室;      has $T/err "缺少机构编号"; oneline
expect 2 $GK agency contact x --office 办公室;    has $T/err "正整数"; oneline
expect 2 $GK agency contact --agency 0 --office 办公室; has $T/err "正整数"; oneline
expect 2 $GK agency contact 1;                    has $T/err "至少需要一项"; oneline
expect 2 $GK agency contact 1 --phone;            has $T/err "--phone 需要一个值"; oneline
expect 2 $GK agency contact 1 --colour red;       has $T/err "未知选项 '--colour'"; oneline
expect 2 $GK agency contact 1 2 --office 办公室;  has $T/err "多余的参数 '2'"; oneline
expect 2 $GK agency contact 1 --agency 1 --office 办公室; has $T/err "重复"; oneline
expect 2 $GK agency contact 1 --fax 1 --fax 2;    has $T/err "--fax 重复"; oneline
[ ! -e $DB ] && ok || bad "bad usage created the database"
expect 1 $GK agency contact 1 --office 办公室
[ ! -e $DB ] && ok || bad "agency contact created the database"

expect 0 $GK init
expect 0 $GK agency add 盐边县人民政府 --code 125104220000000012 --level 县级
expect 0 $GK agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --parent 1 --level 县级
expect 0 $GK agency add 米易县商务局 --code 91510422023623005L --level 县级
printf 'Yanbian#2026a\n' >$T/in
expect 0 $GK user add gov --agency 1 --name 县政府管理员 --role admin --password-stdin <$T/in
expect 0 $GK user add boss --agency 2 --name 王局 --role admin --password-stdin <$T/in
expect 0 $GK user add other --agency 3 --name 米易管理员 --role admin --password-stdin <$T/in
expect 0 $GK user add zhang --agency 2 --name 张三 --role drafter,officer --password-stdin <$T/in

# nothing set yet: show prints a dash for each field
expect 0 $GK agency show 2
has $T/out "联系信息："; has $T/out "  政府信息公开工作机构：-"; has $T/out "  办公时间：-"

# refusals, each with its reason, none written
before=$(q "SELECT count(*) FROM audit")
long=$(printf '局%.0s' $(seq 201))
expect 1 $GK agency contact 2 --postcode 61710;           has $T/err "邮政编码“61710”无效：应为 6 位数字"; oneline
expect 1 $GK agency contact 2 --postcode 61710a;          has $T/err "6 位数字"
expect 1 $GK agency contact 2 --phone 0812-861230x;       has $T/err "联系电话"; has $T/err "只能含数字"; oneline
expect 1 $GK agency contact 2 --phone 8612;               has $T/err "至少 5 位数字"
expect 1 $GK agency contact 2 --fax 0812—8612302;         has $T/err "传真"
expect 1 $GK agency contact 2 --email ybswj@example;      has $T/err "电子邮箱“ybswj@example”无效"; oneline
expect 1 $GK agency contact 2 --email 'yb swj@example.gov.cn'; has $T/err "电子邮箱"
expect 1 $GK agency contact 2 --address "$long";          has $T/err "地址须为不超过 200 个字符"; oneline
# one bad field among good ones: none of them is written
expect 1 $GK agency contact 2 --office 办公室 --postcode 617100 --email bad; has $T/err "电子邮箱"
expect 1 $GK agency contact 9 --office 办公室;            has $T/err "机构编号 9 不存在"; oneline
expect 1 $GK agency contact 2 --office 办公室 --as zhang;  has $T/err "用户 zhang 无权执行此操作"; oneline
expect 1 $GK agency contact 2 --office 办公室 --actor other; has $T/err "无权"
GONGKAI_ACTOR=boss expect 1 $GK agency contact 1 --office 办公室; has $T/err "无权"
same "$(q "SELECT count(*) FROM audit")" "$before" "a refusal wrote to the audit chain"
same "$(row 2)" "||||||" "a refusal wrote a field"

# allowed: the agency's admin (ID as an argument), the parent's admin (--agency), the operator
expect 0 $GK agency contact 2 --as boss --office 办公室 \
    --address 四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼 --postcode 617100 \
    --phone '0812-8612301转8001' --fax '(0812) 8612302' --email ybswj@example.gov.cn \
    --hours '工作日 上午8:30—12:00 下午14:30—18:00'
has $T/out "机构 2：已保存联系信息"
expect 0 $GK agency show 2
has $T/out "  政府信息公开工作机构：办公室"
has $T/out "  地址：四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼"
has $T/out "  邮政编码：617100"
has $T/out "  联系电话：0812-8612301转8001"
has $T/out "  传真：(0812) 8612302"
has $T/out "  电子邮箱：ybswj@example.gov.cn"
has $T/out "  办公时间：工作日 上午8:30—12:00 下午14:30—18:00"
GONGKAI_ACTOR=gov expect 0 $GK agency contact --agency 2 --phone '+86 812 8612399' --fax ''
same "$(row 2)" "办公室|四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼|617100|+86 812 8612399||ybswj@example.gov.cn|工作日 上午8:30—12:00 下午14:30—18:00" \
    "fields not given are kept, '' clears"
expect 0 $GK agency show 2;                       has $T/out "  传真：-"
# the same values again: nothing to write
expect 0 $GK agency contact 2 --postcode 617100
# the other agencies are untouched
same "$(row 1)$(row 3)" "||||||||||||" "other agencies"

# the audit chain: two contact changes with the changed fields and their old values
same "$(q "SELECT group_concat(actor, ',') FROM (SELECT actor FROM audit WHERE action = 'contact' ORDER BY seq)")" \
    "boss,gov" "contact audit actors"
same "$(q "SELECT change FROM audit WHERE action = 'contact' ORDER BY seq DESC LIMIT 1")" \
    '{"old":{"fax":"(0812) 8612302","phone":"0812-8612301转8001"},"set":{"fax":"","phone":"+86 812 8612399"}}' \
    "contact audit change"
expect 0 $GK audit verify

finish agency_contact_cli
