#!/bin/sh
# CLI tests for `gongkai demo` and `gongkai ledger export|interp`: the demo
# builds, refuses to overwrite an existing database without --force, its
# audit chain verifies, agency 1 has the seed report's 13 published items of
# 2025 and 6 policy interpretations (one 图解 a day late), agency 2 policy
# files with interpretations on time, late and missing; the 2025 ledger of
# agency 1 is a BOM, a Chinese header and 19 rows with the 政策解读 column;
# bad usage exits 2 with one line. Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/demo.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv
unset GONGKAI_ACTOR GONGKAI_DB

# help and bad usage
expect 0 $GK demo --help;                    has $T/out "--force"; has $T/out "Gongkai-Demo-2025"
expect 2 $GK --db $DB demo --frob;           has $T/err "不接受选项 '--frob'"; oneline
expect 2 $GK --db $DB demo extra;            has $T/err "多余的参数"; oneline
expect 0 $GK ledger --help
for w in export interp --year --agency --to -o --calendar --json BOM RFC 无解读 解读滞后; do
	grep -q -- "$w" $T/out && ok || bad "ledger help lacks $w"
done
expect 2 $GK --db $DB ledger;                has $T/err "缺少子命令"; oneline
expect 2 $GK --db $DB ledger import;         has $T/err "未知的子命令 'import'"; oneline
expect 2 $GK --db $DB ledger export --to csv; has $T/err "缺少 --year"; oneline
expect 2 $GK --db $DB ledger export --year 25 --to csv; has $T/err "四位年份"; oneline
expect 2 $GK --db $DB ledger export --year 2025; has $T/err "缺少 --to csv"; oneline
expect 2 $GK --db $DB ledger export --year 2025 --to ods; has $T/err "不支持的格式 'ods'"; oneline
expect 2 $GK --db $DB ledger export --year 2025 --to csv --agency x; has $T/err "正整数"; oneline
expect 2 $GK --db $DB ledger export --year 2025 --to csv --bogus 1; has $T/err "不接受选项 '--bogus'"; oneline
expect 2 $GK --db $DB ledger export --year;  has $T/err "需要一个值"; oneline
expect 1 $GK --db $DB ledger export --year 2025 --to csv   # no database yet
expect 2 $GK --db $DB ledger interp;         has $T/err "缺少 --year"; oneline
expect 2 $GK --db $DB ledger interp --year 2025 --to csv; has $T/err "不接受选项 '--to'"; oneline
expect 2 $GK --db $DB ledger interp --year 2025 --agency 0; has $T/err "正整数"; oneline
expect 2 $GK --db $DB ledger interp --year x; has $T/err "四位年份"; oneline
expect 2 $GK --db $DB ledger interp --year 2025 extra; has $T/err "多余的参数"; oneline
expect 1 $GK --db $DB ledger interp --year 2025   # no database yet

# the demo builds, and refuses to overwrite
expect 0 $GK --db $DB demo;                  has $T/out "审计链校验通过"
has $T/out "盐边县经济合作和商务局"; has $T/out "盐边县财政局"
audit=$(sqlite3 $DB "SELECT count(*) FROM audit")
expect 1 $GK --db $DB demo;                  has $T/err "已存在"; has $T/err "--force"; oneline
[ "$(sqlite3 $DB "SELECT count(*) FROM audit")" = "$audit" ] && ok || bad "refused demo changed the database"
expect 0 $GK --db $DB demo --force
[ "$(sqlite3 $DB "SELECT count(*) FROM audit")" = "$audit" ] && ok || bad "demo --force is not deterministic"
expect 0 $GK --db $DB audit verify;          has $T/out "审计链完整"

# agency 1: the 13 published items of 2025 (seed report, 一), three different people each,
# and the 6 interpretations of its 5 policy files (the running year's items, dated from
# the day of the build for the website self-check, come after: docs/demo.md)
expect 0 $GK --db $DB item list --agency 1 --state published --year 2025 --limit 100
[ "$(grep -c '已发布' $T/out)" -eq 19 ] && ok || { bad "want 19 published items"; cat $T/out; }
has $T/out "美利林"; has $T/out "羊肉米线"; has $T/out "惠企政策实施细则"; has $T/out "一图读懂"
[ "$(sqlite3 $DB "SELECT count(*) FROM item i JOIN category c ON c.id = i.category_id
    WHERE i.agency_id = 1 AND c.kind != 'interp' AND i.published_at < '2026'")" = 13 ] && ok || bad "agency 1 items"
[ "$(sqlite3 $DB "SELECT count(*) FROM interpretation t JOIN item i ON i.id = t.item_id
    WHERE i.agency_id = 1 AND i.published_at < '2026'")" = 6 ] && ok || bad "agency 1 interpretations"
[ "$(sqlite3 $DB "SELECT count(*) FROM item i JOIN category c ON c.id = i.category_id
    WHERE i.agency_id = 1 AND c.name = '工作动态' AND i.published_at < '2026'")" = 5 ] && ok || bad "5 work news"
[ "$(sqlite3 $DB "SELECT count(DISTINCT reviewer_id) FROM review r JOIN item i ON i.id = r.item_id
    WHERE i.agency_id = 1")" = 2 ] && ok || bad "reviewer and approver differ"
[ "$(sqlite3 $DB "SELECT count(*) FROM item WHERE agency_id = 1 AND substr(published_at, 1, 10) > due_date")" = 0 ] \
    && ok || bad "agency 1 late items"
# agency 2: a few hundred items over 2023–2025 in every state
[ "$(sqlite3 $DB "SELECT count(*) FROM item WHERE agency_id = 2")" -ge 200 ] && ok || bad "agency 2 items"
for s in published withdrawn submitted reviewed draft; do
	[ "$(sqlite3 $DB "SELECT count(*) FROM item WHERE agency_id = 2 AND state = '$s'")" -gt 0 ] \
	    && ok || bad "agency 2 has no $s item"
done
[ "$(sqlite3 $DB "SELECT count(*) FROM item WHERE agency_id = 2 AND substr(published_at, 1, 10) > due_date")" -gt 0 ] \
    && ok || bad "agency 2 has no late item"
# interpretations in three forms (文字, 图解, 案例); agency 1 has one late 图解, agency 2
# files with interpretations missing and late
[ "$(sqlite3 $DB "SELECT count(DISTINCT form) FROM interpretation")" = 3 ] && ok || bad "forms"
expect 1 $GK --db $DB ledger interp --year 2025 --agency 1
has $T/out "问题 1 条"; has $T/out "解读滞后"; has $T/out "盐边县惠企政策实施细则"; has $T/out "晚 1 天"
lacks $T/out "无解读"
expect 1 $GK --db $DB ledger interp --year 2024 --agency 2
has $T/out "无解读"; has $T/out "解读滞后"; has $T/out "晚 3 天"
expect 1 $GK --db $DB ledger interp --year 2025 --json
has $T/out '"kind": "late"'; has $T/out '"kind": "missing"'; has $T/out '"days_late": 1'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["year"] == 2025 and d["checked"] > 5' $T/out \
    && ok || bad "interp --json is not the expected JSON"
expect 0 $GK --db $DB ledger interp --year 2022;  has $T/out "问题 0 条"
expect 1 $GK --db $DB ledger interp --year 2025 --agency 99; has $T/err "不存在"; oneline
# users log in with the documented password
[ "$(sqlite3 $DB "SELECT count(*) FROM users WHERE agency_id = 1")" = 6 ] && ok || bad "six users"

# the ledger of 2025 for agency 1
expect 0 $GK --db $DB ledger export --year 2025 --agency 1 --to csv -o $T/l.csv
has $T/out "19 条"
[ "$(head -c 3 $T/l.csv | od -An -tx1 | tr -d ' ')" = efbbbf ] && ok || bad "no BOM"
[ "$(wc -l <$T/l.csv)" -eq 20 ] && ok || bad "want 20 lines"
has $T/l.csv ",撤回原因,政策解读"
has $T/l.csv "盐边县招商引资优惠政策（试行）,.*,文字"
has $T/l.csv "盐边县惠企政策实施细则,.*,文字；解读滞后 1 天"
has $T/l.csv "一图读懂《盐边县惠企政策实施细则》,.*,11510422MB0521377Q/2025-00009"
has $T/l.csv "索引号,标题,栏目,发布机构,文号,成文日期"
has $T/l.csv "盐边县惠企政策实施细则,政策文件/其他文件,盐边县经济合作和商务局,盐边商务〔2025〕12号,2025-05-20,"
[ "$(grep -c ',已发布,有效,drafter,reviewer,approver,.*,按时,0,' $T/l.csv)" -eq 19 ] && ok || bad "19 on time"
[ "$(tr -d '\n' <$T/l.csv | grep -o "$(printf '\r')" | wc -l)" -eq 20 ] && ok || bad "CRLF line ends"
expect 0 $GK --db $DB ledger export --year 2025 --to csv
[ "$(wc -l <$T/out)" -gt 20 ] && ok || bad "all agencies"
expect 1 $GK --db $DB ledger export --year 2025 --agency 99 --to csv; oneline

finish demo_cli
