#!/bin/sh
# The back office's annual report, trainings and complaints against a real
# `gongkai serve` on loopback with the demo database (docs/admin-report.md):
# the officer signs in, records a training and a complaint, writes them
# into the narrative with {{placeholders}}, sees the check pass and the
# values in the preview, downloads DOCX/XLSX/PDF (the PDF's text has the
# bureau's name), publishes, and the portal shows the new text; CSRF
# missing → 403 with nothing written; a drafter cannot publish; 政务公开办
# reads the government's aggregate; injection strings stay inert; the
# audit chain verifies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
. "$(dirname "$0")/admin_lib.sh"
# login LOGIN: the session cookie in $C
login() {
	req /admin/login --data-urlencode "login=$1" --data-urlencode "password=$PW"
	C=$(cookie)
	[ -n "$C" ] && ok || bad "login $1 failed: $(cat $T/code)"
}
# as PATH [curl args]: a request with the session (this test's own, not admin_lib.sh's as LOGIN)
as() { p=$1; shift; req "$p" -H "Cookie: gk_session=$C" "$@"; }

admin_demo
# The PDF is drawn on a worker thread: cairo's and fontconfig's per-thread
# font caches outlive it and their frames are not symbolized there, so the
# suppressions of src/doc/pdf.c (by function) do not match; these do (by
# library), for this server only.
printf 'leak:libcairo.so\nleak:libfontconfig.so\n' >$T/lsan.supp
LSAN_OPTIONS=suppressions=$T/lsan.supp:print_suppressions=0 GONGKAI_NOW=2026-01-20T10:00:00+08:00 \
    serve_start $DB || { finish admin_report_serve; exit 1; }

login officer
as /admin/report;                    status 200 "the years"
has $T/out '<a href="/admin/report/2025">2025年度</a>'
as /admin/report/2025;               status 200 "the 2025 screen"
has $T/out '检查通过：没有阻止发布的问题'
has $T/out '<table class="gk-s3">'
has $T/out '<textarea id="f-other" name="other"'
TOKEN=$(csrf)
[ ${#TOKEN} -eq 64 ] && ok || bad "no CSRF token in the page"

# ---- CSRF missing: 403 from the gate, nothing written
N0=$(q "SELECT count(*) FROM audit")
as /admin/trainings/new -d date=2025-03-18 -d topic=x -d attendees=1 -d hours=1
status 403 "a training without CSRF"
same "$(q "SELECT count(*) FROM training")" "0" "no training written"
same "$(q "SELECT count(*) FROM audit")" "$N0" "no audit entry"

# ---- a training and a complaint (with hostile text), then the narrative
as /admin/trainings/new -d csrf=$TOKEN -d date=2025-03-18 --data-urlencode "topic=条例专题培训<script>alert(1)</script>" \
    -d attendees=30 -d hours=2.5
status 303 "a training"
same "$(location)" "/admin/trainings?saved=1" "back to the list"
as /admin/trainings;                 status 200 "the trainings"
has $T/out '条例专题培训&lt;script&gt;alert(1)&lt;/script&gt;'
lacks $T/out '<script>alert'
as /admin/trainings/new -d csrf=$TOKEN -d date=2025-13-01 -d topic= -d attendees=x -d hours=1
status 400 "a bad training"
has $T/out 'id="f-date-err"'
has $T/out '请填写培训主题'
same "$(q "SELECT count(*) FROM training")" "1" "the bad one not written"
as /admin/complaints/new -d csrf=$TOKEN -d date=2025-02-01 --data-urlencode "about=栏目更新不及时"
status 303 "a complaint"
CID=$(q "SELECT id FROM complaint")
as /admin/complaints/$CID/close -d csrf=$TOKEN -d closed=2025-02-20 --data-urlencode "feedback=已整改"
status 303 "closed"
as /admin/complaints/$CID/close -d csrf=$TOKEN -d closed=2025-02-21 --data-urlencode "feedback=再次"
status 409 "closed twice"

OTHER='本年度{{fees.statement}}。培训 {{trainings.count}} 次、{{trainings.attendees}} 人次、{{trainings.hours}} 学时；投诉 {{complaints.count}} 件，已办结 {{complaints.closed}} 件。'
as /admin/report/2025/text -d csrf=$TOKEN --data-urlencode "other=$OTHER"
status 303 "the text saved"
same "$(location)" "/admin/report/2025?saved=1#check" "back to the check"
as /admin/report/2025;               status 200 "the screen after saving"
has $T/out '培训 1 次、30 人次、2.5 学时；投诉 1 件，已办结 1 件。'
has $T/out '检查通过'
has $T/out '<output>2.5</output>'

# ---- downloads
as /admin/report/2025.docx;          status 200 "DOCX"
has $T/h 'Content-Type: application/vnd.openxmlformats-officedocument.wordprocessingml.document'
same "$(head -c 2 $T/out)" "PK" "a zip package"
as /admin/report/2025.xlsx;          status 200 "XLSX"
same "$(head -c 2 $T/out)" "PK" "a zip package"
as /admin/report/2025.pdf;           status 200 "PDF"
same "$(head -c 5 $T/out)" "%PDF-" "a PDF"
if command -v pdftotext >/dev/null; then
	pdftotext $T/out $T/pdf.txt 2>/dev/null
	has $T/pdf.txt '盐边县经济合作和商务局'
fi
as /admin/report/2025.txt;           status 200 "text"
has $T/out '培训 1 次、30 人次、2.5 学时'

# ---- a drafter cannot publish; the officer can, and the portal shows it
login drafter
as /admin/report/2025;               status 200 "the drafter reads"
lacks $T/out '<textarea'
DT=$(csrf)
as /admin/report/2025/publish -d csrf=$DT
status 403 "the drafter publishes"
same "$(q "SELECT count(*) FROM report_snapshot")" "0" "nothing published"
login officer
as /admin/report/2025;               status 200 "the officer again"
TOKEN=$(csrf)
as /admin/report/2025/publish -d csrf=$TOKEN
status 303 "published"
same "$(location)" "/admin/report/2025?published=1" "the version"
same "$(q "SELECT count(*) FROM report_snapshot WHERE agency_id = 1 AND year = 2025")" "1" "one snapshot"
sleep 0.3
req /agency/1/reports/2025;          status 200 "the portal's page"
has $T/out '培训 1 次、30 人次、2.5 学时'
has $T/out 'id="c-years-t"'
has $T/out 'class="chart-data"'
as /admin/report/2025/publish -d csrf=$TOKEN
status 409 "the same report again"
has $T/out '无需重新发布'

# ---- 政务公开办: the government's aggregate, read only; another agency's record: 404
login office
as "/admin/report/2025?view=government"; status 200 "the aggregate"
lacks $T/out 'action="/admin/report/2025/publish"'
login cz-officer
as /admin/complaints/$CID;           status 404 "another agency's complaint"
as "/admin/report/2025?agency=1";    status 404 "another agency's report"

serve_stop
expect 0 $GK --db $DB audit verify
finish admin_report_serve
