#!/bin/sh
# CLI tests for `gongkai report`: exit statuses, usage errors, messages,
# conversion and aggregation, run against the sanitizer build ($GK).
F=tests/fixtures
. "$(dirname "$0")/lib.sh"

expect 0 $GK --help;                       has $T/out "report"
expect 0 $GK report --help;                has $T/out "aggregate --name NAME --year YEAR"
expect 0 $GK --version;                    has $T/out "gongkai "
expect 2 $GK frobnicate;                   has $T/err "unknown command 'frobnicate'"
expect 2 $GK report;                       has $T/err "try 'gongkai report --help'"
expect 2 $GK report check;                 has $T/err "no FILE given"
expect 2 $GK report check --bogus x;       has $T/err "unknown option '--bogus'"
expect 2 $GK report convert $F/seed-2025.txt; has $T/err "--to FORMAT is required"
expect 2 $GK report convert --to pdfx $F/seed-2025.txt; has $T/err "unknown format 'pdfx'"
expect 2 $GK report aggregate $F/seed-2025.txt; has $T/err "--name NAME and --year YEAR are required"
expect 2 $GK report aggregate --name X --year 19999 $F/seed-2025.txt; has $T/err "bad year"
oneline

# check: consistent, wrong, unreadable, missing.
expect 0 $GK report check $F/seed-2025.txt;           has $T/out "勾稽关系一致"
expect 1 $GK report check $F/text/county-2023-wrong.txt; has $T/out "S3-BALANCE"
has $T/out "CELL-BLANK"; has $T/out "（应为 23）"
expect 2 $GK report check $F/text/county-2023-images.txt; has $T/out "表格可能是图片"
expect 2 $GK report check $T/no-such-file.txt;        has $T/out "文件不存在"
expect 2 $GK report check $F/seed-2025.txt $F/text/county-2023-images.txt
expect 1 $GK report check --strict $F/text/county-2023-wrong.txt
expect 0 $GK report check - <$F/seed-2025.txt

# --json is valid JSON with the rule ids and places.
expect 1 $GK report check --json $F/text/county-2023-wrong.txt
python3 -c "
import json,sys
d=json.load(open('$T/out'))
f=d[0]['findings']
assert d[0]['status']==1 and d[0]['template']=='2021' and d[0]['year']==2023, d[0]
b=[x for x in f if x['rule']=='S3-BALANCE'][0]
assert b['column']=='natural_person' and b['expected']=='23' and b['actual']=='22', b
" && ok || bad "check --json content"

# convert: the seed's tables come back cell for cell; every format reads back.
expect 0 $GK report convert --to text $F/seed-2025.txt
{ cat $F/seed-2025.txt; echo; } | cmp -s - $T/out && ok || bad "convert --to text is not the seed"
for fmt in text md html json docx; do
	expect 0 $GK report convert --to $fmt -o $T/seed.$fmt $F/text/county-2023.txt
	expect 0 $GK report convert --to text $T/seed.$fmt
	cmp -s $T/out $F/text/county-2023.txt && ok || bad "county-2023 via $fmt differs"
done

# aggregate: inputs summed cell by cell, then checked.
expect 0 $GK report aggregate --name 某某县人民政府 --year 2023 $F/text/county-2023.txt $F/text/county-2023-spaces.txt
has $T/out "某某县人民政府"
grep -q "^一、本年新收政府信息公开申请数量		40	6	0	2	4	0	52	$" $T/out && ok || bad "aggregate sums"
expect 1 $GK report aggregate --name X --year 2023 $F/text/county-2023.txt $F/text/county-2023-wrong.txt
has $T/err "county-2023-wrong.txt"; has $T/err "汇总结果"
expect 2 $GK report aggregate --name X --year 2023 $F/text/county-2023.txt $F/text/city-2019.txt
has $T/err "模板版本"

expect 0 $GK report rules; has $T/out "S3-BALANCE"
expect 0 $GK report rules --json

finish report_cli
