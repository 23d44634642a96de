#!/bin/sh
# CLI tests for `gongkai scan`: exit statuses (0 clean, 1 found, 2
# unreadable or bad usage), the human output, --json content, --text,
# HTML and DOCX input. Run against the sanitizer build ($GK).
F=tests/fixtures/scan
. "$(dirname "$0")/lib.sh"

# Usage.
expect 0 $GK scan --help;              has $T/out "gongkai scan \[--json\]"; has $T/out "\-\-text"
expect 2 $GK scan;                      has $T/err "no FILE given"; has $T/err "try 'gongkai scan --help'"
oneline
expect 2 $GK scan --bogus $F/clean.txt; has $T/err "unknown option '--bogus'"
expect 2 $GK scan --from pdf $F/clean.txt; has $T/err "unknown format 'pdf'"
expect 2 $GK scan --from;               has $T/err "needs a value"
expect 2 $GK scan --json --text $F/clean.txt

# Clean, found, unreadable.
expect 0 $GK scan $F/clean.txt;         has $T/out "未发现个人信息或密级标识"
expect 0 $GK scan $F/notice.txt
expect 1 $GK scan $F/leaky.txt;         has $T/out "5 处需要处理"
has $T/out "第 4 行第 12 列  居民身份证号：某某，身份证号：5104\*\*\*\*\*\*\*\*\*\*1236"
has $T/out "手机号码：.*138\*\*\*\*5678"
has $T/out "银行卡号：.*6222\*\*\*\*\*\*\*\*\*\*\*0128"
has $T/out "电子邮箱：.*l\*\*\*@163.com"
# The unmasked values never appear in the output.
lacks $T/out "510422199003071236"; lacks $T/out "13812345678"; lacks $T/out "lisi@"
expect 1 $GK scan $F/marked.txt;        has $T/out "第 2 行第 1 列  密级标识：秘密★1年"
expect 2 $GK scan $T/no-such-file.txt;  has $T/out "文件不存在"
expect 2 $GK scan $F/gbk.txt;           has $T/out "UTF-8"
expect 2 $GK scan $F/clean.txt $F/leaky.txt $T/no-such-file.txt
has $T/out "clean.txt：未发现"; has $T/out "leaky.txt：5 处"
expect 1 $GK scan $F/clean.txt $F/leaky.txt
expect 1 $GK scan - <$F/leaky.txt
expect 0 $GK scan -- $F/clean.txt

# --json: an array of per-file objects.
expect 2 $GK scan --json $F/leaky.txt $F/clean.txt $T/no-such-file.txt
python3 -c "
import json
d=json.load(open('$T/out'))
assert [x['status'] for x in d]==[1,0,2], d
f=d[0]['findings']
assert [x['kind'] for x in f]==['ID18','MOBILE','ID18','EMAIL','BANKCARD'], f
assert f[0]['name']=='居民身份证号' and f[0]['line']==4 and f[0]['column']==12, f[0]
assert f[0]['masked']=='5104**********1236' and f[0]['length']==18, f[0]
assert f[3]['masked']=='l***@163.com' and f[3]['line']==5, f[3]
assert f[4]['line']==6 and f[4]['masked']=='6222***********0128', f[4]
assert d[1]['findings']==[] and d[1]['truncated'] is False
assert d[2]['error']=='文件不存在'
" && ok || bad "scan --json content"

# HTML and DOCX: lines of the extracted text, shown by --text.
expect 1 $GK scan $F/leaky.html;        has $T/out "第 3 行第 5 列  手机号码：张某某 138\*\*\*\*5678"
has $T/out "第 4 行第 1 列  密级标识：密级：秘密"
expect 0 $GK scan --text $F/leaky.html; has $T/out "     3	张某某	13812345678"
expect 0 $GK report convert --to docx -o $T/seed.docx tests/fixtures/seed-2025.txt
expect 0 $GK scan $T/seed.docx
expect 1 $GK scan --from text $F/leaky.html; has $T/out "第 4 行第 21 列  手机号码"
expect 2 $GK scan --from docx $F/leaky.txt

finish scan_cli
