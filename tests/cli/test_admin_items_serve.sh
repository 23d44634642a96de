#!/bin/sh
# The back office's item screens against a real `gongkai serve` with the demo
# database (docs/admin-items.md): sign in as drafter, reviewer, approver and
# officer; the editor posted as multipart/form-data (curl -F) with the CSRF
# token taken from the form; an ID number in the body blocks the submission
# (409), masked in the form and saved; a body over the 8 KB form-value limit
# saved through the upload path; attachments uploaded with curl -F (a text
# file accepted, an executable named .pdf refused 400, no CSRF 403, over
# 20 MB 413, multipart elsewhere 415); returned with a comment, reviewed and
# approved with the three checks, published; the portal shows the item and
# search finds it; the dashboard's lines; the audit chain verifies.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve_lib.sh"
. "$(dirname "$0")/admin_lib.sh"
IDNO=510422198001011235

admin_demo
admin_serve admin_items_serve 2025-12-10T10:00:00+08:00

# ---- the drafter drafts, with an ID number in the body
as drafter
get /admin/items/new;      status 200 "the editor"
has $T/out 'enctype="multipart/form-data"'
has $T/out '<option value="政策文件/其他文件">　　其他文件</option>'
form /admin/items/new -F op=save -F "title=招商引资项目签约仪式举行" -F "category=工作动态" \
    -F written_date=2025-12-10 -F event_end_date=2025-12-10 \
    -F "body=签约企业联系人身份证号 $IDNO，已核实。"
status 303 "created (multipart)"
ITEM=$(location | sed -n 's|^/admin/items/\([0-9]*\)?done=save$|\1|p')
[ -n "$ITEM" ] && ok || bad "no item id in $(location)"
same "$(q "SELECT state || ' ' || agency_id FROM item WHERE id = $ITEM")" "draft 1" "stored as a draft"
get /admin/items/$ITEM;    status 200 "the draft"
has $T/out '居民身份证号'
has $T/out 'value="mask:all"'

# the gate blocks the submission
post /admin/items/$ITEM/act -d action=submit; status 409 "submit with a finding"
has $T/out '保密审查未通过'
same "$(q "SELECT state FROM item WHERE id = $ITEM")" "draft" "still a draft"
# ... no CSRF: the gate's 403
req /admin/items/$ITEM/act -H "Cookie: gk_session=$C" -d action=submit; status 403 "no CSRF"

# masked in the form (nothing saved yet), then saved
form /admin/items/$ITEM -F op=mask:all -F "title=招商引资项目签约仪式举行" -F "category=工作动态" \
    -F written_date=2025-12-10 -F event_end_date=2025-12-10 \
    -F "body=签约企业联系人身份证号 $IDNO，已核实。"
status 200 "mask:all"
has $T/out '身份证号 510422\*\*\*\*\*\*\*\*1235，已核实'
same "$(q "SELECT instr(body, '$IDNO') > 0 FROM item WHERE id = $ITEM")" "1" "not saved by masking"
# a body longer than a urlencoded value may be (8 KB) goes through the upload path
LONG=$(python3 -c 'print("签约项目推进顺利。" * 1200)')
form /admin/items/$ITEM -F op=save -F "title=招商引资项目签约仪式举行" -F "category=工作动态" \
    -F written_date=2025-12-10 -F event_end_date=2025-12-10 \
    -F "body=签约企业联系人身份证号 510422********1235，已核实。$LONG"
status 303 "saved, masked, 32 KB body"
same "$(q "SELECT instr(body, '$IDNO') FROM item WHERE id = $ITEM")" "0" "the number is gone"
same "$(q "SELECT length(body) > 10000 FROM item WHERE id = $ITEM")" "1" "the long body stored"

# ---- attachments
printf '项目名单\n1. 钒钛新材料项目\n' >$T/list.txt
form /admin/items/$ITEM/attachments -F "file=@$T/list.txt;filename=项目名单.txt"
status 303 "upload a text file"
same "$(q "SELECT name FROM attachment WHERE item_id = $ITEM")" "项目名单.txt" "stored with its name"
printf 'MZ\220\000\003\000\000\000\004\000\000\000\377\377\000\000' >$T/x.pdf
form /admin/items/$ITEM/attachments -F "file=@$T/x.pdf;filename=通知.pdf;type=application/pdf"
status 400 "an executable named .pdf"
has $T/out '可执行程序'
req /admin/items/$ITEM/attachments -H "Cookie: gk_session=$C" -F "file=@$T/list.txt"
status 403 "upload without CSRF"
head -c 21000000 /dev/zero >$T/big.bin
form /admin/items/$ITEM/attachments -F "file=@$T/big.bin;filename=big.pdf"
status 413 "over 20 MB"
req /admin/users -H "Cookie: gk_session=$C" -F "csrf=$K" -F x=1
status 415 "multipart elsewhere"
# hostile multipart bodies: no boundary, cut inside a part, a field name that is not UTF-8
MP="Content-Type: multipart/form-data; boundary=XyZ"
req /admin/items/$ITEM/attachments -H "Cookie: gk_session=$C" -H "Content-Type: multipart/form-data" \
    --data-binary "csrf=$K"
status 400 "multipart without a boundary"
printf -- '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc' "$K" >$T/cut
req /admin/items/$ITEM/attachments -H "Cookie: gk_session=$C" -H "$MP" --data-binary @$T/cut
status 400 "a body cut inside a part"
printf -- '--XyZ\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n%s\r\n--XyZ\r\nContent-Disposition: form-data; name="\377"\r\n\r\nx\r\n--XyZ--\r\n' "$K" >$T/badname
req /admin/items/$ITEM/attachments -H "Cookie: gk_session=$C" -H "$MP" --data-binary @$T/badname
status 400 "a field name that is not UTF-8"
same "$(q "SELECT count(*) FROM attachment WHERE item_id = $ITEM")" "1" "one attachment"
get /admin/items/$ITEM/attachments/$(q "SELECT id FROM attachment WHERE item_id = $ITEM")
status 200 "download"
cmp -s $T/out $T/list.txt && ok || bad "downloaded bytes differ"

post /admin/items/$ITEM/act -d action=submit; status 303 "submitted"

# ---- 分管领导: returns with a comment, then passes
as reviewer
get /admin/;               status 200 "reviewer's dashboard"
has $T/out "href=\"/admin/items/$ITEM\""
post /admin/items/$ITEM/act -d action=return -d comment=; status 409 "return without a comment"
post /admin/items/$ITEM/act -d action=return --data-urlencode "comment=请补充签约金额"
status 303 "returned"
as drafter
has $T/out '已退回：请补充签约金额'
form /admin/items/$ITEM -F op=save -F "title=招商引资项目签约仪式举行" -F "category=工作动态" \
    -F written_date=2025-12-10 -F event_end_date=2025-12-10 -F "body=签约项目 3 个，协议金额 12.5 亿元。"
status 303 "fixed"
post /admin/items/$ITEM/act -d action=submit; status 303 "resubmitted"
as reviewer
post /admin/items/$ITEM/act -d action=review -d check_legality=pass -d check_accuracy=pass \
    --data-urlencode "comment=同意"
status 409 "two checks only"
post /admin/items/$ITEM/act -d action=review -d check_legality=pass -d check_accuracy=pass \
    -d check_secrecy=pass --data-urlencode "comment=同意"
status 303 "reviewed"
# ---- 主要领导
as approver
post /admin/items/$ITEM/act -d action=approve -d check_legality=pass -d check_accuracy=pass \
    -d check_secrecy=pass --data-urlencode "comment=同意公开"
status 303 "approved"
# ---- the officer publishes, once
as officer
has $T/out "href=\"/admin/items/$ITEM\""
post /admin/items/$ITEM/act -d action=publish; status 303 "published"
post /admin/items/$ITEM/act -d action=publish; status 409 "published twice"
same "$(q "SELECT state FROM item WHERE id = $ITEM")" "published" "published"
has $T/out '不能发布'
sleep 0.3	# the page cache notices the change within 200 ms
req /item/$ITEM;           status 200 "on the portal"
has $T/out '招商引资项目签约仪式举行'
req "/search?q=%E7%AD%BE%E7%BA%A6%E4%BB%AA%E5%BC%8F"; status 200 "search"
has $T/out "/item/$ITEM"
# ---- another agency's officer: 404
as cz-officer
get /admin/items/$ITEM;    status 404 "another agency's item"
post /admin/items/$ITEM/act -d action=withdraw -d reason=x; status 404 "another agency's action"

serve_stop
expect 0 $GK --db $DB audit verify
finish admin_items_serve
