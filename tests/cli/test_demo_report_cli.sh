#!/bin/sh
# test_demo_report_cli.sh — the annual reports of the demonstration database,
# checked against expectations written by hand (never produced by running
# the code):
#  - 盐边县经济合作和商务局 2025: the tables equal the seed report's
#    (data/demo/seed-report-2025.txt) and section 一 states 13 items (政策文件 5,
#    工作动态 5, 财政信息 2, 其他 1); the texts the demo stored equal
#    data/demo/report-2025-*.md byte for byte.
#  - 盐边县财政局 2024 and 2025: EVERY cell of sections 三 and 四 and the
#    entered cells of section 二 against the numbers counted on paper from the
#    list of demo applications and cases in docs/demo.md (a cell not listed
#    below must be 0); section 一's sentences; fees; both reports pass every
#    rule (`report check` too); 2025's row 二 equals 2024's row 四, and the
#    year-boundary check passes after 2024 is published.
. "$(dirname "$0")/lib.sh"
DB=$T/demo.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv GONGKAI_NOW=2026-01-15T10:00:00+08:00
unset GONGKAI_ACTOR GONGKAI_DB
G="$GK --db $DB"
SEED=data/demo/seed-report-2025.txt

expect 0 $G demo
has $T/out "申请 27 件"; has $T/out "案件 6 件"

# ---- agency 1: the seed report ----
expect 0 $G report generate --agency 盐边县经济合作和商务局 --year 2025 --to text
cp $T/out $T/a1.txt
has $T/err "勾稽关系一致，可以发布"
# The tables: from "二、主动公开政府信息情况" to the end of table 四, line for line.
tables() { sed -n '/^二、主动公开政府信息情况$/,/^五、存在的主要问题及改进情况$/p' "$1"; }
tables $SEED >$T/seed-tables.txt
tables $T/a1.txt >$T/a1-tables.txt
[ "$(wc -l <$T/seed-tables.txt)" -gt 40 ] && ok || bad "seed tables not found"
if cmp -s $T/seed-tables.txt $T/a1-tables.txt; then ok; else
	bad "agency 1 tables differ from the seed"; diff $T/seed-tables.txt $T/a1-tables.txt | head -20; fi
# Section 一: 13 items, 政策文件 5, 工作动态 5, 财政信息 2, 其他 1 (the seed's sentence).
has $T/a1.txt "核心信息 13 条。其中，政策文件类 5 条"
has $T/a1.txt "工作动态类 5 条"; has $T/a1.txt "财政信息类 2 条"; has $T/a1.txt "其他信息 1 条"
has $T/a1.txt "专题培训 10 次"
has $T/a1.txt "2025年共收到公民、法人及其他组织政府信息公开申请0件。"
has $T/a1.txt "本年度未收取信息处理费"
# The whole report is the seed (the renderer ends with a newline the seed lacks).
{ cat $SEED; echo; } >$T/seed-nl.txt
cmp -s $T/a1.txt $T/seed-nl.txt && ok || bad "agency 1 report differs from the seed"
# The texts the demo stored (embedded in the binary) are the files in data/demo/.
for s in overview problems other; do
	expect 0 $G report text show --agency 1 --year 2025 --section $s
	cmp -s $T/out data/demo/report-2025-$s.md && ok || bad "stored $s text differs from data/demo/report-2025-$s.md"
done
# No applications, no cases; the figures entered with their sources.
[ "$(sqlite3 $DB "SELECT count(*) FROM application WHERE agency_id = 1")" = 0 ] && ok || bad "agency 1 applications"
[ "$(sqlite3 $DB "SELECT count(*) FROM legal_case WHERE agency_id = 1")" = 0 ] && ok || bad "agency 1 cases"
expect 0 $G figures show --agency 1 --year 2025
has $T/out "局行政执法台账"; has $T/out "trainings"

# ---- agency 2: hand-counted cells ----
# Every cell of section 三 (applicant columns and 总计) and 四 that is not 0,
# counted from the table of applications in docs/demo.md; every other cell
# of 三 and 四 must be 0. Section 二: the figures the demo entered.
cat >$T/want-2024 <<'EOF'
s3 new natural_person 5
s3 new business 2
s3 new research 2
s3 new nonprofit 1
s3 new legal_services 1
s3 new other_org 1
s3 new total 12
s3 open natural_person 1
s3 open research 1
s3 open other_org 1
s3 open total 3
s3 partial legal_services 1
s3 partial total 1
s3 deny_third_party business 1
s3 deny_third_party total 1
s3 unavailable_not_held nonprofit 1
s3 unavailable_not_held total 1
s3 not_processed_petition natural_person 1
s3 not_processed_petition total 1
s3 other_no_correction natural_person 1
s3 other_no_correction total 1
s3 other_misc natural_person 1
s3 other_misc total 1
s3 total natural_person 4
s3 total business 1
s3 total research 1
s3 total nonprofit 1
s3 total legal_services 1
s3 total other_org 1
s3 total total 9
s3 carried_out natural_person 1
s3 carried_out business 1
s3 carried_out research 1
s3 carried_out total 3
s4 reconsideration upheld 1
s4 reconsideration pending 1
s4 reconsideration total 2
s2 licensing 12
s2 penalty 3
s2 coercion 0
s2 fees 1.25
EOF
cat >$T/want-2025 <<'EOF'
s3 new natural_person 6
s3 new business 3
s3 new research 1
s3 new nonprofit 2
s3 new legal_services 2
s3 new other_org 1
s3 new total 15
s3 carried_in natural_person 1
s3 carried_in business 1
s3 carried_in research 1
s3 carried_in total 3
s3 open natural_person 1
s3 open research 1
s3 open nonprofit 1
s3 open legal_services 1
s3 open total 4
s3 partial legal_services 1
s3 partial total 1
s3 deny_law natural_person 1
s3 deny_law total 1
s3 deny_internal business 1
s3 deny_internal total 1
s3 deny_process business 1
s3 deny_process total 1
s3 deny_enforcement nonprofit 1
s3 deny_enforcement total 1
s3 unavailable_must_make research 1
s3 unavailable_must_make total 1
s3 unavailable_unclear natural_person 1
s3 unavailable_unclear total 1
s3 not_processed_repeat other_org 1
s3 not_processed_repeat total 1
s3 not_processed_publication natural_person 1
s3 not_processed_publication total 1
s3 not_processed_confirm natural_person 1
s3 not_processed_confirm total 1
s3 other_fee_unpaid natural_person 1
s3 other_fee_unpaid total 1
s3 other_misc business 1
s3 other_misc total 1
s3 total natural_person 6
s3 total business 3
s3 total research 2
s3 total nonprofit 2
s3 total legal_services 2
s3 total other_org 1
s3 total total 16
s3 carried_out natural_person 1
s3 carried_out business 1
s3 carried_out total 2
s4 reconsideration upheld 1
s4 reconsideration corrected 1
s4 reconsideration total 2
s4 litigation_direct upheld 1
s4 litigation_direct total 1
s4 litigation_after_reconsideration pending 1
s4 litigation_after_reconsideration total 1
s2 licensing 15
s2 penalty 2
s2 coercion 1
s2 fees 0.8
EOF
# cells.py JSON WANT: every listed cell has its value; every other cell of 三 and 四 is 0.
cat >$T/cells.py <<'EOF'
import json, sys
rep = json.load(open(sys.argv[1]))
want = {}
for line in open(sys.argv[2]):
    f = line.split()
    if f:
        want[tuple(f[:-1])] = f[-1]
bad = 0
def check(key, got):
    global bad
    exp = want.pop(key, "0")
    if str(got) != exp:
        print("FAIL: %s: got %s, want %s" % (" ".join(key), got, exp)); bad += 1
for sec, name in (("section3", "s3"), ("section4", "s4")):
    for row, cols in rep[sec].items():
        for col, v in cols.items():
            check((name, row, col), v)
s2 = rep["section2"]
for key, v in (("licensing", s2["item5"]["licensing"]["decisions"]),
               ("penalty", s2["item6"]["penalty"]["decisions"]),
               ("coercion", s2["item6"]["coercion"]["decisions"]),
               ("fees", s2["item8"]["fees"]["amount"]["number"])):
    check(("s2", key), v)
for k in want:
    print("FAIL: no such cell %s" % " ".join(k)); bad += 1
sys.exit(1 if bad else 0)
EOF
for y in 2024 2025; do
	expect 0 $G report generate --agency 盐边县财政局 --year $y --to json -o $T/b$y.json
	has $T/err "勾稽关系一致，可以发布"
	python3 $T/cells.py $T/b$y.json $T/want-$y && ok || bad "agency 2 $y cells"
	# every rule, on the generated file, in two formats
	expect 0 $GK report check $T/b$y.json
	expect 0 $G report generate --agency 2 --year $y --to text -o $T/b$y.txt
	[ ! -s $T/err ] || lacks $T/err "警告"
	expect 0 $GK report check $T/b$y.txt
done
# 规范性文件 (第二十条第（一）项) come from the generated items: compared with a
# direct count of the item table (2021 definitions, docs/report-generate.md).
norms() {
	sqlite3 $DB "SELECT count(*) FROM item i JOIN category c ON c.id = i.category_id
	    WHERE i.agency_id = 2 AND c.code = 'zcwj-gfx' AND i.state = 'published'
	    AND substr(i.written_date, 1, 4) = '$1'"
}
python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["section2"]["item1"]["normative_documents"]["issued"])' \
    $T/b2024.json >$T/n24 2>/dev/null
[ "$(cat $T/n24)" = "$(norms 2024 2>/dev/null)" ] && ok || bad "2024 规范性文件 issued: $(cat $T/n24) vs $(norms 2024 2>&1)"

# Section 一, 五, 六: the sentences with the hand-counted figures.
has $T/b2024.txt "2024年共收到政府信息公开申请12件，上年结转0件，本年办结9件，结转下年度继续办理3件。"
has $T/b2024.txt "本年度被申请行政复议2件；未经复议直接起诉0件，复议后起诉0件。"
has $T/b2024.txt "开展政府信息公开专题培训4次。"
# fees: A07 35 pages 按量 = (35 - 30) × 10 元, paid 2024-11-04
has $T/b2024.txt "本年度收取信息处理费 50 元，无其他需要报告的事项。"
has $T/b2025.txt "2025年共收到政府信息公开申请15件，上年结转3件，本年办结16件，结转下年度继续办理2件。"
has $T/b2025.txt "本年度被申请行政复议2件；未经复议直接起诉1件，复议后起诉1件。"
has $T/b2025.txt "开展政府信息公开专题培训6次。"
# B03 42 pages = 12 × 10 元, paid 2025-03-17; B04's 30 元 never paid (其他处理 2)
has $T/b2025.txt "本年度收取信息处理费 120 元，无其他需要报告的事项。"
# the fee notices as recorded: 5000, 12000 and 3000 分
[ "$(sqlite3 $DB "SELECT group_concat(amount, ',') FROM (SELECT amount FROM application_event
    WHERE kind = 'fee' ORDER BY date)")" = "5000,12000,3000" ] && ok || bad "fee amounts"

# The year boundary: 2025's row 二 is 2024's row 四, also after 2024 is published.
python3 -c 'import json,sys
a = json.load(open(sys.argv[1]))["section3"]["carried_out"]
b = json.load(open(sys.argv[2]))["section3"]["carried_in"]
sys.exit(0 if a == b else 1)' $T/b2024.json $T/b2025.json && ok || bad "2025 row 二 != 2024 row 四"
expect 0 $G report publish --agency 2 --year 2024
has $T/out "已发布 2024 年度报告第 1 版"
expect 0 $G report generate --agency 2 --year 2025 --to json
lacks $T/err "gen.boundary"; has $T/err "可以发布"
expect 0 $G report publish --agency 2 --year 2025

# The applications themselves: 12 received in 2024, 15 in 2025; 5 of each type
# at least once; the carried-over ones open at 2024-12-31; the two still open.
expect 0 $G apply list --agency 2 --year 2024 --limit 100
[ "$(wc -l <$T/out)" -eq 12 ] && ok || bad "12 applications of 2024"
expect 0 $G apply list --agency 2 --year 2025 --limit 100
[ "$(wc -l <$T/out)" -eq 15 ] && ok || bad "15 applications of 2025"
[ "$(sqlite3 $DB "SELECT count(DISTINCT applicant_type) FROM application")" = 6 ] && ok || bad "6 applicant types"
[ "$(sqlite3 $DB "SELECT count(DISTINCT channel) FROM application")" = 6 ] && ok || bad "6 channels"
[ "$(sqlite3 $DB "SELECT count(DISTINCT outcome) FROM application WHERE outcome IS NOT NULL")" = 17 ] \
    && ok || bad "17 outcome categories"
[ "$(sqlite3 $DB "SELECT count(*) FROM application WHERE closed_date IS NULL")" = 2 ] && ok || bad "2 open"
for k in correct corrected consult consulted extend fee paid answer withdraw; do
	[ "$(sqlite3 $DB "SELECT count(*) FROM application_event WHERE kind = '$k'")" -gt 0 ] \
	    && ok || bad "no $k event"
done
# the extensions record who approved them
[ "$(sqlite3 $DB "SELECT group_concat(note) FROM application_event WHERE kind = 'extend'")" = "杨局长,杨局长" ] \
    && ok || bad "extension approver"
# the pending 复议后起诉 at 2025-12-31
[ "$(sqlite3 $DB "SELECT count(*) FROM legal_case WHERE result = 'pending'")" = 1 ] && ok || bad "one pending case"
# the answer letter of a closed demo application names the review body, the number prefix
# and the agency's contacts (联系机构)
expect 0 $G apply letter 1
has $T/out "盐边财依复〔2024〕"; has $T/out "向盐边县人民政府申请行政复议"; has $T/out "王建国"
has $T/out "联系机构：办公室；地址：四川省攀枝花市盐边县桐子林镇新县城行政中心5号楼；邮政编码：617100；联系电话：0812-8612401；电子邮箱：ybczj@example.gov.cn。"
expect 0 $G agency show 1
has $T/out "  联系电话：0812-8612301"; has $T/out "  办公时间：工作日 上午8:30—12:00 下午14:30—18:00"
expect 0 $G audit verify

finish demo_report_cli
