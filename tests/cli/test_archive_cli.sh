#!/bin/sh
# CLI tests for `gongkai archive`: help and bad usage (exit 2, one line);
# the demo's 2025 archive of agency 1 has every published or withdrawn
# item of 2025 (the seed report's 13 and the demo's 政策解读), each folder with item.json, body.md, reviews.json and audit.json,
# and checks out with verify and with sha256sum alone; a refused non-empty
# target; tampering (a changed body, a removed file, a stray file) exits 1
# naming each file; a folder that is not an archive exits 2; `archive
# paper-ref` sets and clears an item's 纸质档案 reference (audited, in the
# next export), refusing drafts, bad references and non-officers.
. "$(dirname "$0")/lib.sh"
DB=$T/demo.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv GONGKAI_NOW=2026-01-05T10:00:00+08:00
unset GONGKAI_ACTOR GONGKAI_DB

expect 0 $GK archive --help
for w in export verify --year --agency manifest.json manifest.sha256 sha256sum; do
	grep -q -- "$w" $T/out && ok || bad "archive help lacks $w"
done
expect 2 $GK --db $DB archive;                    has $T/err "缺少子命令"; oneline
expect 2 $GK --db $DB archive pack;               has $T/err "未知的子命令 'pack'"; oneline
expect 2 $GK --db $DB archive export $T/a;        has $T/err "缺少 --year"; oneline
expect 2 $GK --db $DB archive export --year 25 $T/a; has $T/err "四位年份"; oneline
expect 2 $GK --db $DB archive export --year 2025 --agency x $T/a; has $T/err "正整数"; oneline
expect 2 $GK --db $DB archive export --year 2025; has $T/err "缺少档案文件夹"; oneline
expect 2 $GK --db $DB archive export --year 2025 $T/a $T/b; has $T/err "多余的参数"; oneline
expect 2 $GK --db $DB archive export --year 2025 --zip $T/a; has $T/err "不接受选项 '--zip'"; oneline
expect 2 $GK --db $DB archive export --year;      has $T/err "需要一个值"; oneline
expect 2 $GK archive verify;                      has $T/err "缺少档案文件夹"; oneline
expect 2 $GK archive verify $T/a $T/b;            has $T/err "多余的参数"; oneline
expect 1 $GK --db $DB archive export --year 2025 $T/a   # no database yet
[ -e $T/a ] && bad "export without a database created $T/a" || ok

expect 0 $GK --db $DB demo
# N: what the demo published in 2025 for agency 1 (at least the seed report's 13)
N=$(sqlite3 $DB "SELECT count(*) FROM item WHERE agency_id = 1 AND state IN ('published', 'withdrawn') AND created_at LIKE '2025-%'")
[ "$N" -ge 13 ] && ok || bad "the demo has $N archivable items of 2025, want at least 13"
A=$T/arch2025
expect 0 $GK --db $DB archive export --year 2025 --agency 1 $A; has $T/out "$N 条"
[ "$(find $A -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq $N ] && ok || bad "want $N item folders"
ls $A/*_2025-000*/item.json >/dev/null 2>&1 && ok || bad "folders are not named by 索引号"
for d in $A/*/; do
	for f in item.json body.md reviews.json audit.json; do
		[ -f "$d$f" ] || bad "$d lacks $f"
	done
done
# four files an item, plus its attachments, plus the manifest and its hash
ATT=$(sqlite3 $DB "SELECT count(*) FROM attachment a JOIN item i ON i.id = a.item_id WHERE i.agency_id = 1 AND i.state IN ('published', 'withdrawn') AND i.created_at LIKE '2025-%'")
[ "$(find $A -type f | wc -l)" -eq $((N * 4 + ATT + 2)) ] && ok || bad "want $((N * 4 + ATT + 2)) files"
grep -q '"format": "gongkai-archive-v1"' $A/manifest.json && ok || bad "manifest format"
grep -q "\"item_count\": $N" $A/manifest.json && ok || bad "manifest item_count"
grep -q '"created": "2026-01-05T10:00:00+08:00"' $A/manifest.json && ok || bad "manifest created"
grep -q '"name": "盐边县经济合作和商务局"' $A/manifest.json && ok || bad "manifest agency"
grep -q '"decision": "pass"' $A/*_2025-00001/reviews.json && ok || bad "review trail"
expect 0 $GK archive verify $A;                   has $T/out "完整"; has $T/out "$((N * 4 + ATT)) 个文件"
ls $A.tmp-* >/dev/null 2>&1 && bad "temporary folder left" || ok
# sha256sum alone: the manifest, then every file it lists
(cd $A && sha256sum -c --quiet manifest.sha256) && ok || bad "sha256sum -c manifest.sha256"
(cd $A && sed -n 's/.*"path": "\(.*\)",/\1/p' manifest.json >$T/paths &&
    sed -n 's/.*"sha256": "\(.*\)",/\1/p' manifest.json | paste -d ' ' - $T/paths |
    sed 's/ /  /' | sha256sum -c --quiet) && ok || bad "sha256sum over the manifest's files"

# a non-empty target is refused and left alone
mkdir $T/busy && echo keep >$T/busy/keep
expect 1 $GK --db $DB archive export --year 2025 --agency 1 $T/busy; has $T/err "不是空文件夹"; oneline
[ "$(ls $T/busy)" = keep ] && ok || bad "refused export touched the folder"

# tampering
printf x >>$A/11510422MB0521377Q_2025-00003/body.md
rm $A/*_2025-00005/reviews.json
echo stray >$A/stray.txt
expect 1 $GK archive verify $A
has $T/out "已修改：11510422MB0521377Q_2025-00003/body.md"
has $T/out "缺失：11510422MB0521377Q_2025-00005/reviews.json"
has $T/out "多出（不在清单中）：stray.txt"
has $T/out "3 处不一致"
sed -i 's/"year": 2025/"year": 2024/' $A/manifest.json
expect 1 $GK archive verify $A;                   has $T/out "已修改：manifest.json"

# paper-ref: usage, refusals (nothing written), set, exported, cleared
expect 0 $GK archive --help;                      has $T/out "paper-ref ITEM_ID REF"
expect 2 $GK --db $DB archive paper-ref;          has $T/err "缺少信息编号"; oneline
expect 2 $GK --db $DB archive paper-ref 1;        has $T/err "缺少纸质档案号"; oneline
expect 2 $GK --db $DB archive paper-ref x R;      has $T/err "正整数"; oneline
expect 2 $GK --db $DB archive paper-ref 1 R extra; has $T/err "多余的参数"; oneline
before=$(sqlite3 $DB "SELECT count(*) FROM audit")
DRAFT=$(sqlite3 $DB "SELECT id FROM item WHERE state = 'draft' LIMIT 1")
expect 1 $GK --db $DB archive paper-ref $DRAFT 2025-永久-001盒-03卷; has $T/err "尚未公开"; oneline
expect 1 $GK --db $DB archive paper-ref 99999 2025-永久-001盒-03卷;  has $T/err "不存在"
expect 1 $GK --db $DB archive paper-ref 1 "$(printf 'a\tb')";       has $T/err "不含控制字符"
expect 1 $GK --db $DB archive paper-ref 1 "$(printf '%065d' 0)";    has $T/err "至多 64 个字符"
DRAFTER=$(sqlite3 $DB "SELECT login FROM users u JOIN user_role r ON r.user_id = u.id WHERE u.agency_id = 1 AND r.role = 'drafter' LIMIT 1")
GONGKAI_ACTOR=$DRAFTER expect 1 $GK --db $DB archive paper-ref 1 2025-永久-001盒-03卷; has $T/err "无权"
[ "$(sqlite3 $DB "SELECT count(*) FROM audit")" = "$before" ] && ok || bad "a refused paper-ref wrote"
OFFICER=$(sqlite3 $DB "SELECT login FROM users u JOIN user_role r ON r.user_id = u.id WHERE u.agency_id = 1 AND r.role = 'officer' LIMIT 1")
GONGKAI_ACTOR=$OFFICER expect 0 $GK --db $DB archive paper-ref 1 2025-永久-001盒-03卷
has $T/out "信息 1 的纸质档案号：2025-永久-001盒-03卷"
[ "$(sqlite3 $DB "SELECT actor || ' ' || change FROM audit WHERE action = 'paper_ref'")" = \
  "$OFFICER {\"old\":\"\",\"paper_ref\":\"2025-永久-001盒-03卷\"}" ] && ok || bad "paper_ref audit entry"
IDX=$(sqlite3 $DB "SELECT replace(index_no, '/', '_') FROM item WHERE id = 1")
expect 0 $GK --db $DB archive export --year 2025 --agency 1 $T/arch2
grep -q '"paper_ref": "2025-永久-001盒-03卷"' $T/arch2/$IDX/item.json && ok || bad "export lacks the paper_ref"
grep -q '"action": "paper_ref"' $T/arch2/$IDX/audit.json && ok || bad "export lacks the paper_ref audit entry"
expect 0 $GK archive verify $T/arch2
expect 0 $GK --db $DB archive paper-ref 1 '';     has $T/out "已清除"
expect 1 $GK --db $DB archive paper-ref 1 '';     has $T/err "未改变"
expect 0 $GK --db $DB audit verify

# not an archive
expect 2 $GK archive verify $T/busy;              has $T/err "不是电子档案"; oneline
expect 2 $GK archive verify $T/nonesuch;          has $T/err "不是文件夹"; oneline
echo '{' >$T/busy/manifest.json
expect 2 $GK archive verify $T/busy;              has $T/err "不是电子档案"; oneline

finish archive_cli
