#!/bin/sh
# CLI tests for `gongkai agency show|set|unset`: the per-agency 索引号
# pattern and timeliness overrides. Help and bad usage (exit 2, one line);
# refusals (exit 1): a pattern the parser rejects (its message), a category
# the agency does not have, days outside 1..20 (条例第二十六条), an unknown
# agency, unsetting what is not set, and an actor who is a user but not an
# admin of the agency or its parent — every refusal writing nothing; `show`
# marks defaults and overrides; a new item then takes the agency's pattern
# and due date; every change is in the audit chain.
. "$(dirname "$0")/lib.sh"
DB=$T/s.db
export GONGKAI_DB=$DB GONGKAI_NOW=2026-03-02T09:00:00+08:00 GONGKAI_ACTOR=cli:root
export GONGKAI_CALENDAR=data/cn-holidays.tsv

# help and bad usage
expect 0 $GK agency --help
for w in "show ID" "set ID indexno-pattern PATTERN" "set ID timeliness PATH DAYS" "unset ID" "cli:root" admin; do
	grep -q -- "$w" $T/out && ok || bad "agency help lacks $w"
done
expect 2 $GK agency show;                         has $T/err "缺少机构编号"; oneline
expect 2 $GK agency show x;                       has $T/err "正整数"; oneline
expect 2 $GK agency show 1 2;                     has $T/err "多余的参数"; oneline
expect 2 $GK agency set;                          has $T/err "缺少机构编号"; oneline
expect 2 $GK agency set 1;                        has $T/err "缺少设置项"; oneline
expect 2 $GK agency set 1 colour red;             has $T/err "未知的设置项 'colour'"; oneline
expect 2 $GK agency set 1 indexno-pattern;        has $T/err "缺少规则"; oneline
expect 2 $GK agency set 1 indexno-pattern a b;    has $T/err "多余的参数 'b'"; oneline
expect 2 $GK agency set 1 timeliness;             has $T/err "缺少栏目路径"; oneline
expect 2 $GK agency set 1 timeliness 工作动态;    has $T/err "缺少工作日数"; oneline
expect 2 $GK agency unset 1 timeliness;           has $T/err "缺少栏目路径"; oneline
expect 2 $GK agency unset 1 indexno-pattern x;    has $T/err "多余的参数 'x'"; oneline
[ ! -e $DB ] && ok || bad "bad usage created the database"
expect 1 $GK agency show 1;                       has $T/err "不存在"
[ ! -e $DB ] && ok || bad "agency show created the database"

expect 0 $GK init
expect 0 $GK agency add 盐边县人民政府 --code 125104220000000012 --level 县级
expect 0 $GK agency add 盐边县经济合作和商务局 --code 11510422MB1234567Y --parent 1 --level 县级
expect 0 $GK agency add 米易县商务局 --code 91510422023623005L --level 县级
printf 'Yanbian#2026a\n' >$T/in
expect 0 $GK user add gov --agency 1 --name 县政府管理员 --role admin --password-stdin <$T/in
expect 0 $GK user add boss --agency 2 --name 王局 --role admin --password-stdin <$T/in
expect 0 $GK user add other --agency 3 --name 米易管理员 --role admin --password-stdin <$T/in
expect 0 $GK user add zhang --agency 2 --name 张三 --role drafter,officer --password-stdin <$T/in

# the defaults, marked as such
expect 0 $GK agency show 2
has $T/out "机构 2：盐边县经济合作和商务局"
has $T/out "上级机构：1"
has $T/out "索引号规则：{code}/{year}-{seq:5}（默认）"
has $T/out "政策文件	5 个工作日	自成文（形成或变更）之日起	默认"
has $T/out "工作动态	3 个工作日	自活动结束之日起	默认"
has $T/out "\*（其他栏目）	20 个工作日"
has $T/out "已保存的设置：（无）"

before=$(sqlite3 $DB "SELECT count(*) FROM audit")
# refusals, each with its reason, none written
expect 1 $GK agency set 2 indexno-pattern '{code}/{year}-{seq:';  has $T/err "没有对应的“}”"; oneline
expect 1 $GK agency set 2 indexno-pattern '{code}/{year}';        has $T/err "seq"; oneline
expect 1 $GK agency set 2 timeliness 不存在 3;                     has $T/err "没有栏目 '不存在'"; oneline
expect 1 $GK agency set 2 timeliness 工作动态 21;                  has $T/err "条例第二十六条"; oneline
expect 1 $GK agency set 2 timeliness 工作动态 0;                   has $T/err "1～20"
expect 1 $GK agency set 2 timeliness 工作动态 3x;                  has $T/err "1～20"
expect 1 $GK agency set 9 indexno-pattern 'YB-{year}-{seq:4}';    has $T/err "机构编号 9 不存在"
expect 1 $GK agency unset 2 indexno-pattern;                      has $T/err "没有设置"
GONGKAI_ACTOR=other expect 1 $GK agency set 2 timeliness 工作动态 7; has $T/err "用户 other 无权执行此操作"; oneline
GONGKAI_ACTOR=zhang expect 1 $GK agency set 2 timeliness 工作动态 7; has $T/err "无权"
GONGKAI_ACTOR=boss  expect 1 $GK agency set 1 timeliness 工作动态 7; has $T/err "无权"
[ "$(sqlite3 $DB "SELECT count(*) FROM audit")" = "$before" ] && ok || bad "a refusal wrote to the audit chain"
[ "$(sqlite3 $DB "SELECT count(*) FROM agency_setting")" = 0 ] && ok || bad "a refusal wrote a setting"

# allowed: the agency's admin, the parent's admin, the operator
GONGKAI_ACTOR=boss expect 0 $GK agency set 2 indexno-pattern 'YB-{year}-{seq:4}'
has $T/out "机构 2：已设置 indexno_pattern = YB-{year}-{seq:4}"
GONGKAI_ACTOR=gov  expect 0 $GK agency set 2 timeliness 工作动态 7
expect 0 $GK agency set 2 timeliness 政策文件/规章 10
expect 0 $GK agency show 2
has $T/out "索引号规则：YB-{year}-{seq:4}（机构设置）"
has $T/out "工作动态	7 个工作日	自活动结束之日起	机构设置"
has $T/out "规章	10 个工作日	自成文（形成或变更）之日起	机构设置"
has $T/out "政策文件	5 个工作日	自成文（形成或变更）之日起	默认"
has $T/out "  timeliness.政策文件/规章 = 10"
# the other agencies are untouched
expect 0 $GK agency show 3;                       has $T/out "（默认）"; has $T/out "（无）"

# a new item takes the pattern and the overridden rule (10 working days after Fri 2025-01-24, across 春节 and two adjusted weekend workdays)
expect 0 $GK item new --as zhang --agency 2 --title 盐边县促进消费若干措施 \
    --category 政策文件/规章 --written 2025-01-24
has $T/out "索引号 YB-2026-0001"
has $T/out "应于 2025-02-13 前发布"

# unset: back to the default
GONGKAI_ACTOR=boss expect 0 $GK agency unset 2 timeliness 政策文件/规章; has $T/out "恢复默认"
expect 0 $GK agency unset 2 indexno-pattern
expect 0 $GK agency show 2
has $T/out "索引号规则：{code}/{year}-{seq:5}（默认）"
lacks $T/out "规章	10"
has $T/out "  timeliness.工作动态 = 7"

# the audit chain: five setting changes with actor, key, value and old value
[ "$(sqlite3 $DB "SELECT group_concat(actor, ',') FROM (SELECT actor FROM audit WHERE action = 'setting' ORDER BY seq)")" = \
  "boss,gov,cli:root,boss,cli:root" ] && ok || bad "setting audit actors"
[ "$(sqlite3 $DB "SELECT change FROM audit WHERE action = 'setting' ORDER BY seq DESC LIMIT 1")" = \
  '{"key":"indexno_pattern","old":"YB-{year}-{seq:4}","value":null}' ] && ok || bad "unset audit change"
expect 0 $GK audit verify

# the settings of applications and fees (apply.*, fee.*), checked by store/application.c
GONGKAI_ACTOR=cli:root expect 0 $GK agency set 1 apply.fee_pauses_clock 0; has $T/out "apply.fee_pauses_clock = 0"
GONGKAI_ACTOR=cli:root expect 0 $GK agency show 1;  has $T/out "apply.fee_pauses_clock = 0"
GONGKAI_ACTOR=cli:root expect 1 $GK agency set 1 apply.fee_pauses_clock 2
GONGKAI_ACTOR=cli:root expect 1 $GK agency set 1 apply.answer_days 21
GONGKAI_ACTOR=cli:root expect 1 $GK agency set 1 apply.bogus 1;  has $T/err "未知的设置项"
GONGKAI_ACTOR=cli:root expect 2 $GK agency set 1 apply.answer_days;  has $T/err "缺少值"
GONGKAI_ACTOR=cli:root expect 0 $GK agency set 1 fee.item_band_size 5
GONGKAI_ACTOR=cli:root expect 0 $GK agency unset 1 apply.fee_pauses_clock
GONGKAI_ACTOR=cli:root expect 0 $GK agency show 1;  lacks $T/out "apply.fee_pauses_clock"; has $T/out "fee.item_band_size = 5"
expect 0 $GK audit verify

finish settings_cli
