#!/bin/sh
# The back office's application screens against a real `gongkai serve` with
# the demo database (docs/admin-applications.md): the officer of 盐边县经济合作和
# 商务局 signs in, takes in an application received in person, requests a
# 补正, records the corrected application, drafts the answer 部分公开, edits the
# letter, sends it (the letter frozen), downloads it; the public tracking
# page shows 部分公开 and nothing personal; the annual report of 2025 (the
# back office's JSON download and `report generate`) counts it in 三 (二)
# 部分公开 × 商业企业; no CSRF → 403; the finance bureau's officer gets 404;
# an illegal step → 409 with nothing written; injection strings inert.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
. "$(dirname "$0")/admin_lib.sh"
cell() {	# section 三 row $1, column $2 of the JSON in $T/out
	python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['section3'][sys.argv[2]][sys.argv[3]])" \
	    $T/out "$1" "$2"
}

admin_demo
admin_serve admin_apply_serve 2025-12-10T10:00:00+08:00

as officer
# the report of 2025 before: the bureau's seed report has no 部分公开
get /admin/report/2025.json; status 200 "the report JSON before"
before=$(cell partial business)
get /admin/applications/new; status 200 "the intake form"
has $T/out 'name="received"'
# no CSRF: the gate's 403, nothing written
n0=$(q "SELECT count(*) FROM application")
req /admin/applications/new -H "Cookie: gk_session=$C" -d channel=in_person
status 403 "intake without CSRF"
same "$(q "SELECT count(*) FROM application")" "$n0" "nothing written without CSRF"
# received in person on Monday 2025-12-01: due 20 working days later, 2025-12-29
post /admin/applications/new -d channel=in_person -d type=business \
    --data-urlencode "name=攀枝花市某某商贸有限公司" -d phone=13812345678 \
    --data-urlencode "address=盐边县桐子林镇商贸路8号" \
    --data-urlencode "request=2025年招商引资项目清单及兑现情况" \
    --data-urlencode "delivery=电子邮件" -d email=buyer@example.com -d received=2025-12-01
status 303 "taken in"
ID=$(location | sed -n 's|^/admin/applications/\([0-9]*\)$|\1|p')
[ -n "$ID" ] && ok || bad "no id in $(location)"
CODE=$(q "SELECT code FROM application WHERE id = $ID")
get /admin/applications/$ID; status 200 "the application"
has $T/out '<strong id="due">2025-12-29</strong>'
has $T/out '13812345678'
# the list as XLSX: the phone in clear for the officer, masked for a drafter
get /admin/applications/export.xlsx; status 200 "the XLSX list"
cp $T/out $T/list.xlsx
unzip -p $T/list.xlsx xl/sharedStrings.xml >$T/list.xml && ok || bad "not an XLSX"
has $T/list.xml '13812345678'
C1=$C; K1=$K
as drafter
get /admin/applications/export.xlsx; status 200 "the drafter's XLSX list"
cp $T/out $T/list2.xlsx
unzip -p $T/list2.xlsx xl/sharedStrings.xml >$T/list2.xml && ok || bad "not an XLSX"
lacks $T/list2.xml '13812345678'
has $T/list2.xml '138\*\*\*\*5678'
C=$C1; K=$K1
# an illegal step: paid without a fee notice → 409, nothing written
e0=$(q "SELECT count(*) FROM application_event")
post /admin/applications/$ID/paid -d date=2025-12-02; status 409 "paid without fee"
has $T/out '不能登记缴费'
same "$(q "SELECT count(*) FROM application_event")" "$e0" "nothing written on 409"
# 补正 requested, then corrected on Monday 12-08: due 12-08 + 20 WD = 2026-01-06 (元旦 01-01 off)
post /admin/applications/$ID/correct -d date=2025-12-02 -d until=2025-12-09 \
    --data-urlencode "note=请写明项目名称"
status 303 "补正 requested"
post /admin/applications/$ID/corrected -d date=2025-12-08; status 303 "corrected"
get /admin/applications/$ID; status 200 "after 补正"
has $T/out '补正后收到之日'
# the finance bureau's officer: 404 everywhere, nothing written
C1=$C; K1=$K
as cz-officer
get /admin/applications/$ID; status 404 "another agency's application"
lacks $T/out '攀枝花市某某商贸有限公司'
post /admin/applications/$ID/withdraw -d date=2025-12-09; status 404 "another agency's action"
get /admin/applications/$ID/letter; status 404 "another agency's letter"
C=$C1; K=$K1
same "$(q "SELECT state FROM application WHERE id = $ID")" "processing" "untouched by the other agency"
# the answer: draft 部分公开, edit, send
post /admin/applications/$ID/letter/draft -d outcome=partial -d date=2025-12-10 \
    --data-urlencode "part=2025年招商引资项目清单" \
    --data-urlencode "reasons=兑现金额涉及企业商业秘密" --data-urlencode "where=通过电子邮件发送"
status 303 "draft"
q "SELECT body FROM application_letter WHERE application_id = $ID AND version = 1" >$T/letter
printf '　　（经办人补充：%s）\n' "$INJ" >>$T/letter
post /admin/applications/$ID/letter/edit --data-urlencode "body@$T/letter"; status 303 "edited"
get /admin/applications/$ID/letter; status 200 "the letter page"
has $T/out '草稿：第 2 版'
lacks $T/out '<script>alert'
has $T/out '&lt;script&gt;alert(1)&lt;/script&gt;'
post /admin/applications/$ID/letter/send -d v=2; status 303 "sent"
same "$(q "SELECT state || ' ' || outcome || ' ' || closed_date FROM application WHERE id = $ID")" \
    "closed partial 2025-12-10" "answered"
same "$(q "SELECT version FROM application_letter WHERE application_id = $ID AND sent_at IS NOT NULL")" \
    "2" "version 2 sent"
post /admin/applications/$ID/letter/edit --data-urlencode "body=篡改"; status 409 "frozen"
get "/admin/applications/$ID/letter.html?v=2"; status 200 "the HTML download"
has $T/out '<article class="gk-letter">'
has $T/out '经办人补充'
grep -qi '^Content-Disposition: attachment' $T/h && ok || bad "not an attachment"
# the same letter as PDF (pdftotext) and DOCX (its document.xml)
get "/admin/applications/$ID/letter.pdf?v=2"; status 200 "the PDF download"
cp $T/out $T/letter.pdf
pdftotext $T/letter.pdf $T/letter.txt && ok || bad "pdftotext failed"
has $T/letter.txt '经办人补充'
has $T/letter.txt '政府信息公开申请答复告知书'
get "/admin/applications/$ID/letter.docx?v=2"; status 200 "the DOCX download"
cp $T/out $T/letter.docx
unzip -p $T/letter.docx word/document.xml >$T/doc.xml && ok || bad "not a DOCX"
has $T/doc.xml '经办人补充'
lacks $T/doc.xml '<script>'

# the public tracking page
req "/track?code=$CODE"; status 200 "tracking"
has $T/out '部分公开'
lacks $T/out '攀枝花市某某商贸有限公司'
lacks $T/out '13812345678'
lacks $T/out 'buyer@example.com'
# the report of 2025 counts it in 三 (二) 部分公开 × 商业企业
get /admin/report/2025.json; status 200 "the report JSON after"
same "$(cell partial business)" "$((before + 1))" "部分公开 × 商业企业"
same "$(cell partial natural_person)" "0" "部分公开 × 自然人"
expect 0 $GK --db $DB report generate --agency 1 --year 2025 --to json -o $T/gen.json
cp $T/gen.json $T/out
same "$(cell partial business)" "$((before + 1))" "report generate: 部分公开 × 商业企业"
# 第二十条 figures: a CSV uploaded as a file (multipart), all or nothing
printf 'agency,year,key,value,source\n1,2024,license,7,县行政审批局\n' >$T/fig.csv
form /admin/figures/import -F year=2024 -F "file=@$T/fig.csv;type=text/csv"
status 303 "figures CSV uploaded"
same "$(q "SELECT (value / 1000000) || ' ' || source FROM figure WHERE agency_id = 1 AND year = 2024 AND key = 'license'")" \
    "7 县行政审批局" "the uploaded figure"
printf 'agency,year,key,value,source\n2,2024,license,9,财政局\n' >$T/fig2.csv
form /admin/figures/import -F year=2024 -F "file=@$T/fig2.csv;type=text/csv"
status 400 "another agency's row"
same "$(q "SELECT count(*) FROM figure WHERE agency_id = 2 AND year = 2024 AND key = 'license' AND value = 9000000")" \
    "0" "nothing imported for another agency"
# the audit chain holds
expect 0 $GK --db $DB audit verify
serve_stop
finish admin_apply_serve
