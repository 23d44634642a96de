#!/bin/sh
# test_documents_cli.sh — the filed documents (docs/documents.md) from the
# demonstration database:
#  - the 2025 reports of 盐边县经济合作和商务局 (the seed's, mostly zeros) and
#    盐边县财政局 (every kind of outcome, counted by hand in
#    test_demo_report_cli.sh) as text, DOCX, XLSX and PDF; the DOCX and XLSX
#    converted back by LibreOffice (txt:Text, one CSV per sheet), the PDF by
#    pdftotext -layout; tests/cli/doc_rows.py then checks every row of
#    tables 二, 三 and 四 of the text report against the converted document,
#    row by row (label, then exactly that row's values); plus a few cells
#    worked out by hand, fonts embedded, the same bytes twice;
#  - the answer letter of one demo application as DOCX and PDF, with the
#    applicant-facing text; the ledger and the application list as XLSX;
#  - bad input: unknown --to, an unwritable --out, a binary format to a
#    terminal — clear errors, exit status, and no file (partial or not) left.
# LibreOffice runs twice in all (each run converts several files), each with
# its own profile directory under $T and a timeout.
. "$(dirname "$0")/lib.sh"
DB=$T/demo.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv GONGKAI_NOW=2026-01-15T10:00:00+08:00
unset GONGKAI_ACTOR GONGKAI_DB
G="$GK --db $DB"
ROWS="python3 $(dirname "$0")/doc_rows.py"
# LibreOffice with a profile of its own per run (argument 1), so runs never share one
soffice_run() { p=$1; shift; timeout 300 soffice -env:UserInstallation=file://$T/lo-profile-$p --headless "$@"; }

expect 0 $G demo

# ---- the reports in four formats ----
for a in 1 2; do
	expect 0 $G report generate --agency $a --year 2025 --to text --out $T/r$a.txt
	for f in docx xlsx pdf; do
		expect 0 $G report generate --agency $a --year 2025 --to $f --out $T/r$a.$f
		has $T/err "可以发布"
	done
done
expect 0 $G report generate --agency 盐边县经济合作和商务局 --year 2025 --to text
cmp -s $T/out $T/r1.txt && ok || bad "--out and stdout differ"
# file types by their first bytes
head -c 4 $T/r1.pdf | grep -q '%PDF' && ok || bad "r1.pdf is not a PDF"
head -c 2 $T/r1.xlsx | grep -q 'PK' && ok || bad "r1.xlsx is not a ZIP"
# the same report gives the same bytes (fixed dates in every format)
for f in docx xlsx pdf; do
	expect 0 $G report generate --agency 2 --year 2025 --to $f -o $T/again.$f
	cmp -s $T/r2.$f $T/again.$f && ok || bad "r2.$f differs between two runs"
done

# ---- PDF: pdftotext, every row; A4; the CJK fonts embedded; page numbers ----
for a in 1 2; do
	pdftotext -layout $T/r$a.pdf $T/r$a.pdf.txt && ok || bad "pdftotext r$a.pdf"
	expect 0 $ROWS $T/r$a.txt pdf $T/r$a.pdf.txt
	has $T/out "rows 32"
done
has $T/r1.pdf.txt "盐边县经济合作和商务局"
has $T/r1.pdf.txt "2025年政府信息公开工作年度报告"
pdfinfo $T/r2.pdf >$T/info 2>&1
has $T/info "595.276 x 841.89 pts (A4)"
has $T/info "CreationDate:.*2021"
pages=$(sed -n 's/^Pages: *//p' $T/info)
has $T/r2.pdf.txt "第1页共${pages}页"
has $T/r2.pdf.txt "第${pages}页共${pages}页"
pdffonts $T/r2.pdf >$T/fonts 2>&1
has $T/fonts "NotoSerifCJK.* yes yes yes"
lacks $T/fonts " no  "
# 财政局, by hand (docs/demo.md): 行政许可 15, 新收 15 (6 3 1 2 2 1), 总计 16, 复议 1 1 0 0 2
grep -q '^行政许可 *15$' $T/r2.pdf.txt && ok || bad "pdf: 行政许可 15"
grep -q '一、本年新收政府信息公开申请数量 *6 *3 *1 *2 *2 *1 *15$' $T/r2.pdf.txt && ok ||
	bad "pdf: 本年新收 row"
grep -q '(七) 总计 *6 *3 *2 *2 *2 *1 *16$' $T/r2.pdf.txt && ok || bad "pdf: 总计 row"
grep -q '^ *1 *1 *0 *0 *2 *1 *0 *0 *0 *1 *0 *0 *0 *1 *1$' $T/r2.pdf.txt && ok || bad "pdf: 表四"

# ---- the answer letter of 郑** (申请 23, 不予处理 要求确认) as PDF and DOCX ----
expect 0 $G apply list --agency 2 --state closed --limit 100
id=$(grep '郑\*\*（自然人）' $T/out | cut -f1)
[ -n "$id" ] && ok || bad "no closed application of 郑**"
expect 0 $G apply letter $id --to pdf --out $T/letter.pdf
expect 0 $G apply letter $id --to docx --out $T/letter.docx
expect 0 $G apply letter $id --to md
cp $T/out $T/letter.md
pdftotext -layout $T/letter.pdf $T/letter.pdf.txt
tr -d ' \n' <$T/letter.pdf.txt >$T/letter.flat	# lines wrap anywhere in Chinese
for s in 政府信息公开申请答复告知书 盐边财依复〔2025〕第 郑国华： 本机关不予处理 \
    六十日内向盐边县人民政府申请行政复议 六个月内向人民法院提起行政诉讼 联系电话：0812-8612401 \
    盐边县财政局 2025年9月15日 -1-; do
	has $T/letter.flat "$s"
done
# the agency and the date stand at the right: more than half the line is space before them
grep -q '^ \{20,\}盐边县财政局$' $T/letter.pdf.txt && ok || bad "letter: agency not at the right"
lacks $T/letter.pdf.txt "身份证"
# Longer letters (a longer explanation): the agency and the date never stand alone on the
# last page (GB/T 9704 7.3.5) — tighter lines first, else the last paragraph goes over with them.
# With the demo's letter the lengths 7, 11 and 81 need the tighter lines, 11 the moved paragraph.
for n in 7 11 81; do
	r=$(python3 -c "print('因涉及第三方商业秘密' * $n)")
	expect 0 $G apply letter $id --to pdf --reasons "$r" --out $T/long.pdf
	pages=$(pdfinfo $T/long.pdf | sed -n 's/^Pages: *//p')
	pdftotext -f $pages -l $pages $T/long.pdf - | tr -d ' \n\f' |
		sed "s/盐边县财政局2025年9月15日-$pages-\$//" >$T/lastpage
	grep -q '。' $T/lastpage && ok || bad "letter of $n: the signature alone on page $pages"
done

# ---- the ledger as XLSX (and as CSV, to compare) ----
expect 0 $G ledger export --year 2025 --agency 2 --to xlsx --out $T/ledger.xlsx
has $T/out "已导出 2025 年台账"
head -c 2 $T/ledger.xlsx | grep -q 'PK' && ok || bad "ledger.xlsx is not a ZIP"
expect 0 $G ledger export --year 2025 --agency 2 --to csv --out $T/ledger.csv
n_csv=$(($(wc -l <$T/ledger.csv) - 1))
has $T/out "台账 $n_csv 条"

# ---- LibreOffice: the DOCX report and letter as text, the XLSX sheets as CSV (two runs) ----
mkdir -p $T/lo
soffice_run 1 --convert-to txt:Text --outdir $T/lo $T/r1.docx $T/r2.docx $T/letter.docx >$T/lo.log 2>&1
[ -s $T/lo/r1.txt ] && [ -s $T/lo/r2.txt ] && [ -s $T/lo/letter.txt ] && ok ||
	{ bad "soffice did not convert the DOCX files"; cat $T/lo.log; }
soffice_run 2 --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1' \
    --outdir $T/lo $T/r1.xlsx $T/r2.xlsx $T/ledger.xlsx >$T/lo.log 2>&1
ls $T/lo/r2-*.csv >/dev/null 2>&1 && ok || { bad "soffice did not convert the XLSX files"; cat $T/lo.log; }
for a in 1 2; do
	expect 0 $ROWS $T/r$a.txt docx $T/lo/r$a.txt
	has $T/out "rows 32"
	expect 0 $ROWS $T/r$a.txt xlsx $T/lo/r$a-*.csv
	has $T/out "rows 32"
done
# one sheet per table, numbers as numbers (the CSV has 0.8, not "0.8" text with a unit)
[ "$(ls $T/lo/r2-*.csv | wc -l)" -eq 3 ] && ok || bad "r2.xlsx: not three sheets"
grep -q '^行政事业性收费,0.8,,$' $T/lo/r2-表二*.csv && ok || bad "xlsx: 行政事业性收费 0.8"
grep -q '^,(七) 总计,,6,3,2,2,2,1,16$' $T/lo/r2-表三*.csv && ok || bad "xlsx: 总计 row"
# the merged header of 表三 as the template draws it
grep -q '^,,,自然人,法人或其他组织,,,,,$' $T/lo/r2-表三*.csv && ok || bad "xlsx: header row 2"
for s in "政府信息公开申请答复告知书" "郑国华：" "本机关不予处理" "盐边县财政局" "2025年9月15日"; do
	has $T/lo/letter.txt "$s"
done
# the ledger sheet, read back by LibreOffice, is the CSV export cell for cell (the CSV's
# formula guard, a leading ' before = + - @, is what XLSX does not need)
python3 - $T/ledger.csv $T/lo/ledger-台账.csv <<'EOF' && ok || bad "ledger.xlsx differs from ledger.csv"
import csv, sys
a = list(csv.reader(open(sys.argv[1], encoding="utf-8-sig", newline="")))
b = list(csv.reader(open(sys.argv[2], encoding="utf-8", newline="")))
a = [[c[1:] if len(c) > 1 and c[0] == "'" and c[1] in "=+-@" else c for c in r] for r in a]
sys.exit(0 if len(a) > 1 and a == b else 1)
EOF
# the DOCX letter says what the Markdown letter says, block for block
grep -v '^$' $T/letter.md | sed 's/^# //; s/^　　//; s/\\//g' >$T/letter.md.txt
tr -d '\r' <$T/lo/letter.txt | grep -v '^$' | sed 's/^\xEF\xBB\xBF//' >$T/letter.lo.txt
cmp -s $T/letter.md.txt $T/letter.lo.txt && ok ||
	{ bad "docx letter differs from the Markdown letter"; diff $T/letter.md.txt $T/letter.lo.txt | head; }


# ---- bad input ----
expect 2 $G report generate --agency 1 --year 2025 --to odt --out $T/x.odt
has $T/err "未知格式 'odt'"; oneline
[ ! -e $T/x.odt ] && ok || bad "x.odt written"
expect 1 $G report generate --agency 1 --year 2025 --to pdf --out $T/nodir/r.pdf
has $T/err "无法在该目录创建文件"
[ ! -e $T/nodir ] && ok || bad "nodir created"
mkdir $T/isdir
expect 1 $G report generate --agency 1 --year 2025 --to xlsx --out $T/isdir
has $T/err "是目录"
[ -z "$(ls -A $T/isdir)" ] && ok || bad "files left in isdir"
ls -a $T | grep -q 'gk-doc-' && bad "temporary file left in $T" || ok
# an existing file is replaced whole
printf 'old' >$T/keep.pdf
expect 0 $G report generate --agency 1 --year 2025 --to pdf --out $T/keep.pdf
cmp -s $T/keep.pdf $T/r1.pdf && ok || bad "keep.pdf not replaced by the report"
expect 2 $G ledger export --year 2025 --to ods; has $T/err "不支持的格式 'ods'"; oneline
expect 2 $G apply letter 1 --to odt --out $T/l.odt; has $T/err "md、html、docx 或 pdf"
expect 2 $G apply letter 1 --to pdf --out $T/a --output $T/b; has $T/err "只能用一个"
# an application still open has no letter: nothing written
expect 0 $G apply list --agency 2 --limit 100
open_id=$(grep -v '已办结' $T/out | head -1 | cut -f1)
expect 1 $G apply letter $open_id --to pdf --out $T/open.pdf
[ ! -e $T/open.pdf ] && ok || bad "open.pdf written"
# binary formats to a terminal (a pseudo-terminal from script(1)): refused, exit 2
if command -v script >/dev/null 2>&1; then
	for cmd in "report generate --agency 1 --year 2025 --to pdf" \
	    "report generate --agency 1 --year 2025 --to xlsx --out -" \
	    "ledger export --year 2025 --to xlsx" "apply letter $id --to docx"; do
		script -qec "$G $cmd" /dev/null >$T/tty 2>&1; rc=$?
		[ $rc -eq 2 ] && ok || bad "$cmd on a terminal → exit $rc, want 2"
		has $T/tty "不能输出到终端"
		lacks $T/tty "%PDF"
	done
	# text is fine on a terminal
	script -qec "$G report generate --agency 1 --year 2025 --to text" /dev/null >$T/tty 2>&1
	has $T/tty "政府信息公开工作年度报告"
fi
# help texts name the formats
expect 0 $GK report --help; has $T/out "docx, xlsx, pdf"
expect 0 $GK ledger --help; has $T/out "csv|xlsx"
expect 0 $GK apply --help; has $T/out "md|html|docx|pdf"

finish test_documents_cli
