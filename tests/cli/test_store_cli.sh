#!/bin/sh
# CLI tests for `gongkai init`, `audit verify`, `backup` and `agency`: exit statuses, messages, tampering with the sqlite3
# shell, a backup taken while another process writes, bad usage.
# Run against the sanitizer build ($GK).
W="python3 tests/crash/chain_writer.py"
. "$(dirname "$0")/lib.sh"

# help and bad usage
expect 0 $GK init --help;              has $T/out "结构升级"
expect 0 $GK audit --help;             has $T/out "verify"
expect 0 $GK backup --help;            has $T/out "在线备份"
expect 2 $GK --db $T/a.db init extra;  has $T/err "init 不接受参数"
expect 2 $GK --db $T/a.db audit;       has $T/err "缺少子命令"
expect 2 $GK --db $T/a.db audit check; has $T/err "未知的子命令 'check'"
expect 2 $GK --db $T/a.db backup;      has $T/err "缺少备份文件"
expect 2 $GK --db $T/a.db backup --x;  has $T/err "未知选项 '--x'"
expect 2 $GK --db $T/a.db backup a b;  has $T/err "多余的参数"
oneline

# verify and backup need an existing, initialised database
expect 2 $GK --db $T/none.db audit verify; has $T/err "不存在"
[ ! -e $T/none.db ] && ok || bad "audit verify created the database"
expect 2 $GK --db $T/none.db backup $T/b0.db
echo "not a database at all, just text long enough to look like a header" >$T/junk.db
expect 2 $GK --db $T/junk.db audit verify; has $T/err "无法打开数据库"

# init: create, then no-op; GONGKAI_DB is honoured
# V: the schema version this program migrates to (schema.c); bump with it.
V=21
expect 0 $GK --db $T/a.db init;        has $T/out "已创建，结构版本 $V"
expect 0 $GK --db $T/a.db init;        has $T/out "结构版本 $V（已是最新）"
[ "$(sqlite3 $T/a.db 'PRAGMA journal_mode')" = wal ] && ok || bad "not WAL"
GONGKAI_DB=$T/env.db expect 0 $GK init; [ -f $T/env.db ] && ok || bad "GONGKAI_DB ignored"
# a database from the future is refused
sqlite3 $T/env.db "PRAGMA user_version = $((V + 1))"
GONGKAI_DB=$T/env.db expect 1 $GK init; has $T/err "结构版本 $((V + 1)) 比本程序支持的版本 $V 新"
GONGKAI_DB=$T/env.db expect 2 $GK audit verify
# upgrade from versions 1 and 2: building old databases by running the
# scripts by hand is what the unit tests do; here an initialised database
# of the current version set back to 1 .. V-1 must fail cleanly (the newer objects exist) rather than
# half-apply.
for k in $(seq 1 $((V - 1))); do
	sqlite3 $T/a.db "PRAGMA user_version = $k"
	expect 1 $GK --db $T/a.db init;        has $T/err "结构升级到版本 $((k + 1)) 失败"
	[ "$(sqlite3 $T/a.db 'PRAGMA user_version')" = $k ] && ok || bad "half-applied migration to $((k + 1))"
done
[ "$(sqlite3 $T/a.db 'SELECT count(*) FROM pragma_table_info('"'users'"') WHERE name = '"'must_change'"'')" = 1 ] && ok || bad "v3 column lost"
sqlite3 $T/a.db "PRAGMA user_version = $V"

# an empty chain is intact
expect 0 $GK --db $T/a.db audit verify; has $T/out "审计链完整：共 0 条记录"

# entries written by an independent implementation of the documented format verify
$W $T/a.db w 6 || bad "chain_writer failed"
expect 0 $GK --db $T/a.db audit verify; has $T/out "共 6 条记录"; has $T/out "链尾：第 6 条"

# agency add and list
expect 0 $GK agency --help
export GONGKAI_NOW=2026-03-01T09:00:00+08:00 GONGKAI_ACTOR=tester
expect 0 $GK --db $T/a.db agency add 盐边县人民政府 --code 125104220000000012 --level 县级
has $T/out "已登记机构 7"
expect 0 $GK --db $T/a.db agency add 盐边县经济合作和商务局 --code 11441700007280420Y --parent 7 --level 县级
expect 1 $GK --db $T/a.db agency add 乙局 --code 11441700007280420Y; has $T/err "已登记（机构编号 8）"
expect 1 $GK --db $T/a.db agency add 乙局 --code 11441700007280420X; has $T/err "第 18 位应为 Y，实为 X"
expect 1 $GK --db $T/a.db agency add 乙局 --code 11370812004339255B --parent 99; has $T/err "上级机构编号 99 不存在"
expect 2 $GK --db $T/a.db agency add 乙局;  has $T/err "缺少 --code"
expect 2 $GK --db $T/a.db agency add 乙局 --code 11370812004339255B --parent x; has $T/err "--parent 需要正整数"
expect 2 $GK --db $T/a.db agency frob;      has $T/err "未知的子命令"
expect 0 $GK --db $T/a.db agency list;      has $T/out "8	盐边县经济合作和商务局	11441700007280420Y	县级	7"
# 6 entries before, then each agency's create entry and its 14 default categories.
expect 0 $GK --db $T/a.db audit verify;     has $T/out "共 36 条记录"
[ "$(sqlite3 $T/a.db "SELECT actor || ' ' || time FROM audit WHERE entity = 'agency' AND entity_id = 8")" = "tester 2026-03-01T09:00:00+08:00" ] && ok || bad "agency audit entry"
[ "$(sqlite3 $T/a.db "SELECT count(*) FROM category WHERE agency_id = 8")" = 14 ] && ok || bad "default categories of a new agency"
unset GONGKAI_NOW GONGKAI_ACTOR

# tampering with the sqlite3 shell
cp $T/a.db $T/clean.db
tamper() {
	cp $T/clean.db $T/t.db
	sqlite3 $T/t.db "$1" 2>/dev/null
}
# the append-only triggers stop a plain UPDATE / DELETE ...
tamper "UPDATE audit SET change = '{\"n\":1}' WHERE seq = 3"
expect 0 $GK --db $T/t.db audit verify
# ... so an editor drops them first; verify still names the entry
NOTRIG="DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;"
tamper "$NOTRIG UPDATE audit SET change = '{\"n\":1}' WHERE seq = 3"
expect 1 $GK --db $T/t.db audit verify; has $T/out "第 3 条审计记录被篡改"; has $T/out "此前 2 条记录完好"
tamper "$NOTRIG UPDATE audit SET actor = 'mallory' WHERE seq = 5"
expect 1 $GK --db $T/t.db audit verify; has $T/out "第 5 条审计记录被篡改"
tamper "$NOTRIG DELETE FROM audit WHERE seq = 3"
expect 1 $GK --db $T/t.db audit verify; has $T/out "第 3 条审计记录缺失"
tamper "$NOTRIG INSERT INTO audit VALUES (100, '2026-03-02T00:00:00+08:00', 'mallory', 'agency', 1, 'delete', '{}', 'x', 'y')"
n=$(sqlite3 $T/clean.db "SELECT max(seq) FROM audit"); n1=$((n + 1))
expect 1 $GK --db $T/t.db audit verify; has $T/out "第 $n1 至第 99 条审计记录缺失"
tamper "INSERT INTO audit VALUES ($n1, '2026-03-02T00:00:00+08:00', 'mallory', 'agency', 1, 'delete', '{}', 'x', 'y')"
expect 1 $GK --db $T/t.db audit verify; has $T/out "第 $n1 条审计记录与第 $n 条不衔接"
tamper "$NOTRIG DELETE FROM audit WHERE seq = 4; INSERT INTO audit SELECT 4, time, actor, entity, entity_id, action, change, prev_hash, hash FROM audit WHERE seq = 2"
expect 1 $GK --db $T/t.db audit verify; has $T/out "第 4 条审计记录与第 3 条不衔接"

# backup: of an idle database, refusing to overwrite, and while a writer runs
expect 0 $GK --db $T/a.db backup $T/b1.db; has $T/out "备份完成"; has $T/out "审计链完整"
expect 1 $GK --db $T/a.db backup $T/b1.db; has $T/err "已存在"
expect 1 $GK --db $T/a.db backup $T/no/dir/b.db
expect 0 $GK --db $T/b1.db audit verify
before=$(sqlite3 $T/a.db "SELECT count(*) FROM audit")
$W $T/a.db bg 300 2 & wpid=$!
sleep 0.3
i=0
while [ $i -lt 3 ]; do
	i=$((i + 1))
	expect 0 $GK --db $T/a.db backup $T/live$i.db
	expect 0 $GK --db $T/live$i.db audit verify
	[ "$(sqlite3 $T/live$i.db 'PRAGMA integrity_check')" = ok ] && ok || bad "backup $i integrity"
	# rows and audit entries agree in the snapshot
	[ "$(sqlite3 $T/live$i.db 'SELECT (SELECT count(*) FROM agency) - (SELECT count(*) FROM audit)')" = \
	  "$(sqlite3 $T/b1.db 'SELECT (SELECT count(*) FROM agency) - (SELECT count(*) FROM audit)')" ] && ok || bad "backup $i rows/audit"
	sleep 0.2
done
wait $wpid && ok || bad "writer failed during backup"
got=$(sqlite3 $T/live3.db "SELECT count(*) FROM audit")
[ "$got" -gt "$before" ] && ok || bad "backup 3 taken mid-stream has no new entries ($got)"
expect 0 $GK --db $T/a.db audit verify; has $T/out "共 $((before + 300)) 条记录"

finish store-cli
