#!/bin/sh
# test_report_gen_cli.sh — `gongkai figures` and `gongkai report generate|
# text|publish` against the demonstration database: the bureau's 2025
# report generated from its data and the narrative templates in data/demo/
# must equal the seed report (data/demo/seed-report-2025.txt) byte for byte
# (the renderer ends the file with a newline the seed lacks).
. tests/cli/lib.sh

DB=$T/demo.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv GONGKAI_NOW=2026-01-15T10:00:00+08:00
G="$GK --db $DB"
SEED=data/demo/seed-report-2025.txt

expect 0 $G demo
# The must-show straight after `gongkai demo` (it loads the bureau's figures and
# the texts of data/demo/report-2025-*.md): the seed, byte for byte.
{ cat "$SEED"; echo; } >"$T/seed-nl.txt"
expect 0 $G report generate --agency 盐边县经济合作和商务局 --year 2025 --to text
if cmp -s "$T/out" "$T/seed-nl.txt"; then ok; else bad "report after demo differs from the seed"; diff "$T/out" "$T/seed-nl.txt" | head -20; fi

# The bureau's texts and figures.
for s in overview problems other; do
	expect 0 $G report text set --agency 1 --year 2025 --section $s data/demo/report-2025-$s.md
done
cat >"$T/fig.csv" <<'EOF'
机关,年度,键,数值,来源
11510422MB0521377Q,2025,license,0,县政务服务中心办件统计
1,2025,penalty,0,局行政执法台账
1,2025,coercion,0,局行政执法台账
1,2025,admin_fee,0,局财务账
1,2025,trainings,10,局办公室培训记录
EOF
expect 0 $G figures import "$T/fig.csv"
has "$T/out" "已导入 5 项数据"
expect 0 $G figures show --agency 1 --year 2025
has "$T/out" "trainings"
has "$T/out" "局行政执法台账"
has "$T/out" "行政规范性文件：本年制发 0，本年废止 0，现行有效 0"

# Again from the texts and figures entered here: the seed, byte for byte.
expect 0 $G report generate --agency 盐边县经济合作和商务局 --year 2025 --to text
if cmp -s "$T/out" "$T/seed-nl.txt"; then ok; else bad "generated report differs from the seed"; diff "$T/out" "$T/seed-nl.txt" | head -20; fi
has "$T/err" "勾稽关系一致，可以发布"
has "$T/out" "核心信息 13 条。其中，政策文件类 5 条"
has "$T/out" "工作动态类 5 条"
has "$T/out" "财政信息类 2 条"
has "$T/out" "其他信息 1 条"
has "$T/out" "专题培训 10 次"
has "$T/out" "2025年共收到公民、法人及其他组织政府信息公开申请0件。"
has "$T/out" "本年度未收取信息处理费，且无其他需要报告的事项。"
# The generated report passes `report check` as a file, in every format.
expect 0 $G report generate --agency 1 --year 2025 --to json -o "$T/r.json"
has "$T/r.json" '"schema": "gongkai.report/1"'
expect 0 $GK report check "$T/r.json"
for f in md html docx; do
	expect 0 $G report generate --agency 1 --year 2025 --to $f -o "$T/r.$f"
	expect 0 $GK report check "$T/r.$f"
done
# by 统一社会信用代码 too
expect 0 $G report generate --agency 11510422MB0521377Q --year 2025 --to json
has "$T/out" '"agency": "盐边县经济合作和商务局"'

# Texts: show, an unknown placeholder named, a missing text named.
expect 0 $G report text show --agency 1 --year 2025 --section other
has "$T/out" "{{fees.statement}}"
printf '公开{{items.total}}条，{{items.bogus}}。\n' >"$T/bad.md"
expect 0 $G report text set --agency 1 --year 2026 --section overview "$T/bad.md"
expect 1 $G report generate --agency 1 --year 2026
has "$T/err" "未知的占位符 {{items.bogus}}"
has "$T/err" "没有 2026 年度的文本"
has "$T/err" "未录入 license"
has "$T/out" "公开[0-9]*条，{{items.bogus}}。"	# the demo's running-year items (docs/demo.md)
# A control character would make the published report unreadable: refused, nothing stored.
printf '公开\001情况。\n' >"$T/ctl.md"
expect 1 $G report text set --agency 1 --year 2026 --section problems "$T/ctl.md"
has "$T/err" "第 7 字节是控制字符"
expect 1 $G report text show --agency 1 --year 2026 --section problems
expect 0 $G report text show --agency 1 --year 2026
has "$T/out" "（未录入）"

# Publish: refused while anything fails; then a snapshot; the same again refused.
expect 1 $G report publish --agency 1 --year 2026
has "$T/err" "不能发布"
expect 0 $G report publish --agency 1 --year 2025
has "$T/out" "已发布 2025 年度报告第 1 版"
expect 1 $G report publish --agency 1 --year 2025
has "$T/err" "无需重新发布"
test "$(sqlite3 "$DB" "SELECT count(*) FROM report_snapshot")" = 1 && ok || bad "one snapshot expected"
test "$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE entity = 'report' AND action = 'publish'")" = 1 && ok || bad "one publish audit entry expected"
expect 0 $G audit verify
# The snapshot: as stored (JSON), as text equal to the seed, its hash checked.
expect 0 $G report snapshot --agency 1 --year 2025
has "$T/out" '"schema": "gongkai.report/1"'
has "$T/err" "第 1 版"
expect 0 $G report snapshot --agency 盐边县经济合作和商务局 --year 2025 --version 1 --to text -o "$T/snap.txt"
if cmp -s "$T/snap.txt" "$T/seed-nl.txt"; then ok; else bad "snapshot text differs from the seed"; fi
expect 1 $G report snapshot --agency 1 --year 2024
has "$T/err" "没有已发布的 2024 年度报告"
sqlite3 "$DB" ".backup '$T/tampered.db'"
sqlite3 "$T/tampered.db" "UPDATE report_snapshot SET model_json = replace(model_json, '\"year\": 2025', '\"year\": 2024')"
expect 1 $GK --db "$T/tampered.db" report snapshot --agency 1 --year 2025
has "$T/err" "已被改动"

# Applications through `gongkai apply` across the year end: received 2025-12-22 (a
# Monday), fee 12.5 元 paid in 2026, answered 部分公开 on 2026-01-08.
expect 0 $G apply new --agency 1 --channel email --type business --name 某公司 --email a@b.cn \
	--request 招商引资项目清单 --received 2025-12-22
AID=$(sqlite3 "$DB" "SELECT max(id) FROM application WHERE agency_id = 1")
expect 0 $G apply fee "$AID" --date 2025-12-23 --amount 12.5
expect 0 $G apply paid "$AID" --date 2026-01-05
expect 0 $G apply answer "$AID" --outcome partial --date 2026-01-08
# 2025 was published above without it: its row 四 (0) no longer matches 2026's row 二 (1).
for s in overview problems other; do
	expect 0 $G report text set --agency 1 --year 2026 --section $s data/demo/report-2025-$s.md
done
for k in license penalty coercion admin_fee trainings; do
	expect 0 $G figures set --agency 1 --year 2026 $k 0
done
expect 1 $G report generate --agency 1 --year 2026 --to json -o "$T/r26.json"
has "$T/err" "gen.boundary"
has "$T/err" "与 2025 年度已发布报告（第 1 版）"
expect 1 $G report publish --agency 1 --year 2026
# The corrected 2025 report (version 2) counts it as new and carried over; then 2026 agrees.
expect 0 $G report generate --agency 1 --year 2025 --to json -o "$T/r25.json"
has "$T/r25.json" '"new": {'
expect 0 $G report publish --agency 1 --year 2025
has "$T/out" "第 2 版"
expect 0 $G report generate --agency 1 --year 2026 --to text
has "$T/err" "勾稽关系一致"
has "$T/out" "申请0件"	# received in 2025: new in 2025, carried into 2026
has "$T/out" "收取信息处理费 12.5 元"
sqlite3 "$DB" "SELECT model_json FROM report_snapshot WHERE agency_id = 1 AND year = 2025 AND version = 2" >"$T/v2.json"
expect 0 $GK report convert --to text "$T/v2.json"
has "$T/out" "一、本年新收政府信息公开申请数量		0	1	0	0	0	0	1"
has "$T/out" "四、结转下年度继续办理		0	1	0	0	0	0	1"

# Government aggregate: agencies 1 and 2 under a new 县人民政府.
expect 0 $G agency add 盐边县人民政府 --code 11510422MB0521393E
GOV=$(sqlite3 "$DB" "SELECT id FROM agency WHERE name = '盐边县人民政府'")
sqlite3 "$DB" "UPDATE agency SET parent_id = $GOV WHERE id IN (1, 2)"
# 财政局 without its 行政处罚 figure (whether or not the demo entered it): named in the findings
sqlite3 "$DB" "DELETE FROM figure WHERE agency_id = 2 AND year = 2025 AND key = 'penalty'"
expect 1 $G report generate --government 盐边县人民政府 --year 2025
has "$T/err" "汇总 2 个机关"
has "$T/err" "盐边县财政局：第二部分 第二十条第（六）项 行政处罚"
has "$T/out" "盐边县人民政府"

# figures: bad values and usage.
expect 1 $G figures set --agency 1 --year 2025 license 1.5
has "$T/err" "应为整数"
expect 1 $G figures set --agency 1 --year 2025 admin_fee -1
expect 1 $G figures set --agency 99 --year 2025 license 1
has "$T/err" "不存在"
expect 0 $G figures set --agency 1 --year 2025 admin_fee 0.35 --source 局财务账
expect 2 $G figures set --agency 1 license 1
expect 2 $G figures set --agency 1 --year 2025 BAD 1
expect 2 $G figures frob
printf 'a,b,c,d,e\n1,2025,license,x\n1,2025,license,2\n1,2025,license,3\n' >"$T/bad.csv"
expect 1 $G figures import "$T/bad.csv"
has "$T/err" "第 2 行：数值“x”无法识别"
has "$T/err" "第 4 行：与第 3 行重复"
expect 0 $G figures show --agency 1 --year 2025
has "$T/out" "0.35"

# report usage
expect 2 $G report generate --agency 1
expect 2 $G report generate --year 2025
expect 2 $G report generate --agency 1 --government 1 --year 2025
expect 2 $G report generate --agency 1 --year 2025 --to odt
expect 2 $G report generate --agency 1 --year 2025 --bogus x
expect 1 $G report generate --agency 没有这个机构 --year 2025
expect 2 $G report generate --agency 1 --year 2018
expect 2 $G report text set --agency 1 --year 2025 --section intro "$T/bad.md"
expect 0 $GK report --help
has "$T/out" "generate --agency NAME|ID --year Y"

finish report_gen_cli
