#!/bin/sh
# test_notices_cli.sh — the printed notices of the 公示栏 (docs/notices.md)
# from the demonstration database:
#  - the week 2025-W21 of 盐边县经济合作和商务局 (Monday 2025-05-19 to Sunday
#    2025-05-25: three items, published 05-22, 05-22 and 05-23) as a PDF:
#    a cover and one page per item (4 pages); every page rasterised at
#    150 dpi and its QR code decoded with zbarimg: the portal URL of that
#    page's item, with the host from the site settings; pdftotext shows the
#    titles, 索引号, 发布日期, 文号, the platform and the 公示期;
#  - the same week as HTML with its print stylesheet (printed to PDF by
#    headless chromium when installed: 4 A4 pages, QR codes decoded); one
#    item's sheet;
#  - posted and removed: the notice channel's row (item_channel) with the
#    item's SHA-256 of title "\n" body and the board, audited, the audit
#    chain verifying;
#  - bad input: unknown, unpublished and withdrawn items, bad weeks, an
#    unknown agency, an empty week, an unwritable --out, bad --days/--at/
#    --place → clear errors, the right exit status, no file left (an
#    existing one unchanged) and nothing recorded.
. tests/cli/lib.sh

DB=$T/gk.db
HOST=https://gk.yanbian.gov.cn
expect 0 $GK --db $DB demo --force
expect 0 $GK --db $DB site set host $HOST

# The week's items by hand from the demo: 盐边县惠企政策实施细则 (2025-05-22),
# its 政策解读 (2025-05-22) and the 一图读懂 (2025-05-23).
ids=$(sqlite3 $DB "SELECT id FROM item WHERE agency_id = 1 AND state = 'published'
    AND substr(published_at, 1, 10) BETWEEN '2025-05-19' AND '2025-05-25'
    ORDER BY published_at, id" | tr '\n' ' ')
[ "$(echo $ids | wc -w)" -eq 3 ] && ok || bad "the demo's week 2025-W21 has not 3 items: $ids"

expect 0 $GK --db $DB notice week --agency 1 --week 2025-W21 --from 2025-06-02 --out $T/w21.pdf
has $T/err "已生成"
pages=$(pdfinfo $T/w21.pdf | awk '/^Pages:/ { print $2 }')
[ "$pages" = 4 ] && ok || bad "week PDF has $pages pages, want 4 (cover and 3 sheets)"
pdftoppm -r 150 -png $T/w21.pdf $T/pg
n=$(ls $T/pg-*.png | wc -l)
[ "$n" = 4 ] && ok || bad "pdftoppm made $n pages"
# The cover has no code; page k + 1 has the k-th item's.
zbarimg --raw -q $T/pg-1.png >$T/z 2>/dev/null; [ $? -eq 4 ] && ok || bad "a QR code on the cover"
k=2
for id in $ids; do
	got=$(zbarimg --raw -q $T/pg-$k.png 2>/dev/null)
	[ "$got" = "$HOST/item/$id" ] && ok || bad "page $k decodes to '$got', want $HOST/item/$id"
	k=$((k + 1))
done
pdftotext -layout $T/w21.pdf $T/w21.txt
has $T/w21.txt "盐边县经济合作和商务局公示信息目录"
has $T/w21.txt "2025-05-19 至 2025-05-25（2025-W21）"
has $T/w21.txt "本周公开信息 3 条"
for id in $ids; do
	title=$(sqlite3 $DB "SELECT title FROM item WHERE id = $id")
	ix=$(sqlite3 $DB "SELECT index_no FROM item WHERE id = $id")
	day=$(sqlite3 $DB "SELECT substr(published_at, 1, 10) FROM item WHERE id = $id")
	has $T/w21.txt "$title"
	has $T/w21.txt "索引号：$ix"
	has $T/w21.txt "发布日期：$day"
	has $T/w21.txt "扫码查看全文：$HOST/item/$id"
done
has $T/w21.txt "文号：盐边商务〔2025〕12号"
has $T/w21.txt "盐边县人民政府信息公开平台"
has $T/w21.txt "公示期：2025-06-02 至 2025-06-08"
[ "$(grep -c '公示期：2025-06-02 至 2025-06-08' $T/w21.txt)" = 3 ] && ok || bad "not one 公示期 a sheet"
# The same bytes twice (fixed PDF dates).
expect 0 $GK --db $DB notice week --agency 1 --week 2025-W21 --from 2025-06-02 --out $T/w21b.pdf
cmp -s $T/w21.pdf $T/w21b.pdf && ok || bad "the week's PDF differs between two runs"

# HTML with the print stylesheet, 14 days.
expect 0 $GK --db $DB notice week --agency 1 --week 2025-W21 --from 2025-06-02 --days 14 \
    --out $T/w21.html --html
has $T/w21.html "@page{size:A4;margin:37mm 26mm 35mm 28mm}"
has $T/w21.html "公示期：2025-06-02 至 2025-06-15"
has $T/w21.html "<svg "
has $T/w21.html "盐边县惠企政策实施细则"
[ "$(grep -c '<section class="sheet">' $T/w21.html)" = 3 ] && ok || bad "HTML has not 3 sheets"
lacks $T/w21.html "<nav"
lacks $T/w21.html "<script"
# Printed by a browser (when chromium is installed): the stylesheet gives
# A4 pages, the cover and one sheet each, every QR code readable.
if command -v chromium >/dev/null 2>&1; then
	timeout 120 chromium --headless --no-sandbox --disable-gpu --no-pdf-header-footer \
	    --print-to-pdf=$T/chr.pdf file://$T/w21.html >/dev/null 2>&1
	[ "$(pdfinfo $T/chr.pdf 2>/dev/null | awk '/^Pages:/ { print $2 }')" = 4 ] && ok ||
	    bad "the browser printed the HTML on $(pdfinfo $T/chr.pdf 2>/dev/null | grep Pages)"
	pdfinfo $T/chr.pdf 2>/dev/null | grep -q 'Page size: *59[45].* x 84[12].*A4' && ok ||
	    bad "the browser's pages are not A4"
	pdftoppm -r 150 -png $T/chr.pdf $T/chr
	k=2
	for id in $ids; do
		got=$(zbarimg --raw -q $T/chr-$k.png 2>/dev/null)
		[ "$got" = "$HOST/item/$id" ] && ok || bad "printed HTML page $k decodes to '$got'"
		k=$((k + 1))
	done
fi

# One item's sheet.
first=$(echo $ids | cut -d' ' -f1)
expect 0 $GK --db $DB notice pdf --item $first --out $T/one.pdf
[ "$(pdfinfo $T/one.pdf | awk '/^Pages:/ { print $2 }')" = 1 ] && ok || bad "one sheet is not one page"
pdftoppm -r 150 -png $T/one.pdf $T/one
[ "$(zbarimg --raw -q $T/one-1.png 2>/dev/null)" = "$HOST/item/$first" ] && ok || bad "one sheet's QR code"

# Posted and removed: the notice channel's row with the content hash.
sha=$(python3 -c "
import hashlib, sqlite3, sys
t, b = sqlite3.connect(sys.argv[1]).execute('SELECT title, body FROM item WHERE id = ?', (int(sys.argv[2]),)).fetchone()
print(hashlib.sha256((t + '\n' + b).encode()).hexdigest())" $DB $first)
audit0=$(sqlite3 $DB "SELECT count(*) FROM audit WHERE entity = 'item_channel'")
expect 0 $GK --db $DB notice posted $first --at 2025-06-02 --place 政务服务中心公示栏
has $T/out "张贴"
row=$(sqlite3 $DB "SELECT channel, status, at, content_sha256, place FROM item_channel WHERE item_id = $first AND channel = 'notice'")
[ "$row" = "notice|published|2025-06-02|$sha|政务服务中心公示栏" ] && ok || bad "posted row: $row (want sha $sha)"
expect 0 $GK --db $DB notice removed $first --at 2025-06-09T17:30:00+08:00
has $T/out "撤下"
row=$(sqlite3 $DB "SELECT status, at, place FROM item_channel WHERE item_id = $first AND channel = 'notice'")
[ "$row" = "removed|2025-06-09T17:30:00+08:00|政务服务中心公示栏" ] && ok || bad "removed row: $row"
[ "$(sqlite3 $DB "SELECT count(*) FROM audit WHERE entity = 'item_channel'")" = $((audit0 + 2)) ] && ok ||
    bad "posted/removed not audited once each"
# An injection string is a board's name like any other.
expect 0 $GK --db $DB notice posted $first --place "大厅'; DROP TABLE item; --"
[ "$(sqlite3 $DB "SELECT place FROM item_channel WHERE item_id = $first AND channel = 'notice'")" = "大厅'; DROP TABLE item; --" ] &&
    ok || bad "place not stored verbatim"
[ "$(sqlite3 $DB "SELECT count(*) FROM item")" -gt 300 ] && ok || bad "item table damaged"
expect 0 $GK --db $DB audit verify
has $T/out "审计链完整"

# Bad input: clear errors, no file, nothing recorded.
draft=$(sqlite3 $DB "SELECT min(id) FROM item WHERE state = 'draft'")
gone=$(sqlite3 $DB "SELECT min(id) FROM item WHERE state = 'withdrawn'")
rows=$(sqlite3 $DB "SELECT count(*) FROM item_channel")
audit1=$(sqlite3 $DB "SELECT count(*) FROM audit")
expect 1 $GK --db $DB notice pdf --item 99999 --out $T/bad.pdf;   has $T/err "信息 99999 不存在"; oneline
expect 1 $GK --db $DB notice pdf --item $draft --out $T/bad.pdf;  has $T/err "未发布"
expect 1 $GK --db $DB notice pdf --item $gone --out $T/bad.pdf;   has $T/err "未发布"
expect 1 $GK --db $DB notice week --agency 99 --week 2025-W21 --out $T/bad.pdf; has $T/err "机构 99 不存在"
expect 1 $GK --db $DB notice week --agency 1 --week 2025-W30 --out $T/bad.pdf;  has $T/err "没有发布信息"
for w in 2025-W54 2025-W00 2021-W53 2025-23 2025-w21 "2025-W21'--" ""; do
	expect 2 $GK --db $DB notice week --agency 1 --week "$w" --out $T/bad.pdf
	has $T/err "ISO 周"
done
expect 2 $GK --db $DB notice week --agency x --week 2025-W21 --out $T/bad.pdf; has $T/err "--agency"
expect 2 $GK --db $DB notice pdf --item $first --out $T/bad.pdf --days 0;     has $T/err "--days"
expect 2 $GK --db $DB notice pdf --item $first --out $T/bad.pdf --from 2025-02-30; has $T/err "--from"
expect 2 $GK --db $DB notice pdf --item $first;                               has $T/err "--out"
expect 2 $GK --db $DB notice pdf --out $T/bad.pdf;                            has $T/err "--item"
expect 2 $GK --db $DB notice frobnicate;                                      has $T/err "未知的子命令"
[ -e $T/bad.pdf ] && bad "a file was left by a refused command" || ok
expect 1 $GK --db $DB notice pdf --item $first --out $T/nodir/x.pdf
[ -e $T/nodir ] && bad "unwritable --out left something" || ok
ls $T | grep -q '^\.\|tmp' && bad "a temporary file was left: $(ls -a $T)" || ok
echo old >$T/keep.pdf
expect 1 $GK --db $DB notice pdf --item 99999 --out $T/keep.pdf
[ "$(cat $T/keep.pdf)" = old ] && ok || bad "an existing --out was changed by a failure"
expect 1 $GK --db $DB notice posted 99999;                 has $T/err "不存在"
expect 1 $GK --db $DB notice posted $draft;                has $T/err "尚未在门户网站发布"
expect 1 $GK --db $DB notice posted $first --at yesterday; has $T/err "时间无效"
expect 1 $GK --db $DB notice posted $first --place "$(printf 'a\001b')"; has $T/err "控制字符"
expect 2 $GK --db $DB notice posted;                       has $T/err "ITEM"
expect 2 $GK --db $DB notice posted x1;                    has $T/err "正整数"
expect 2 $GK --db $DB notice removed $first --week 2025-W21; has $T/err "只接受"
[ "$(sqlite3 $DB "SELECT count(*) FROM item_channel")" = "$rows" ] && ok || bad "a refused command recorded a row"
[ "$(sqlite3 $DB "SELECT count(*) FROM audit")" = "$audit1" ] && ok || bad "a refused command wrote an audit entry"
expect 0 $GK --db $DB audit verify

expect 0 $GK notice --help; has $T/out "全文请扫码查看"
finish notices_cli
