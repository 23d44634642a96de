#!/bin/sh
# CLI tests for `gongkai item attach|attachments|detach|download`: adding a
# PDF, a text file and a DOCX, listing them, downloading byte-identical
# copies, one blob for the same file on two items, refusals (executable,
# extension that contradicts the content, empty file, wrong user, wrong
# state; exit 1, message, nothing written), the gate's scan of attachment
# text, removal, and bad usage (exit 2). Users with the sqlite3 shell.
# Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
DB=$T/g.db
unset GONGKAI_ACTOR
export GONGKAI_NOW=2025-01-24T10:00:00+08:00

q() { sqlite3 $DB "$1"; }
same() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }

# bad usage (before any database exists)
expect 0 $GK item attach --help;                 has $T/out "item attach ID FILE"
expect 2 $GK --db $DB item attach;               has $T/err "缺少信息编号"
expect 2 $GK --db $DB item attach 1;             has $T/err "缺少文件 FILE"
expect 2 $GK --db $DB item attach x 1;           has $T/err "须为正整数"
expect 2 $GK --db $DB item attach 1 f.pdf;       has $T/err "缺少操作人"
expect 2 $GK --db $DB item attach 1 - --as a;    has $T/err "--name"
expect 2 $GK --db $DB item attach 1 f --name;    has $T/err "需要一个值"
expect 2 $GK --db $DB item attach 1 f g --as a;  has $T/err "多余的参数 'g'"
expect 2 $GK --db $DB item attachments 1 2;      has $T/err "多余的参数 '2'"
expect 2 $GK --db $DB item attachments 1 --as a; has $T/err "不接受选项 '--as'"
expect 2 $GK --db $DB item detach 1 --as a;      has $T/err "缺少附件编号"
expect 2 $GK --db $DB item download 1 0;         has $T/err "附件编号须为正整数"
expect 2 $GK --db $DB item download 1 2 --name x; has $T/err "不接受选项 '--name'"
oneline

# setup
expect 0 $GK --db $DB init
expect 0 $GK --db $DB agency add 盐边县商务局 --code 11510422MB1234567Y --level 县级
expect 0 $GK --db $DB agency add 盐边县财政局 --code 11510422MB12345682 --level 县级
q "INSERT INTO users (agency_id, login, display_name, role, created_at) VALUES
  (1, 'zhang', '张科员', 'drafter', 'x'), (1, 'liu', '刘科员', 'drafter', 'x'),
  (2, 'chen', '陈科员', 'drafter', 'x');
  INSERT INTO user_role (user_id, role) SELECT id, role FROM users;"
expect 0 $GK --db $DB item new --as zhang --agency 1 --title 关于公示的通知 --category 机构职能 --written 2025-01-24
expect 0 $GK --db $DB item new --as liu --agency 1 --title 另一条信息 --category 机构职能 --written 2025-01-24

printf '%%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%%%EOF\n' >$T/通知.pdf
printf '公示名单\n李某某，公民身份号码 11010519491231002X\n' >$T/名单.txt
printf 'MZ\220\000\003\000\000\000\004\000' >$T/fake.pdf
: >$T/empty.txt

expect 0 $GK --db $DB item attach 1 $T/通知.pdf --as zhang
has $T/out "已添加附件 1：通知.pdf（application/pdf"
has $T/out "SHA-256 $(sha256sum $T/通知.pdf | cut -c1-64)"
GONGKAI_ACTOR=zhang expect 0 $GK --db $DB item attach 1 $T/名单.txt --name '公示 名单.txt'
has $T/out "已添加附件 2：公示 名单.txt（text/plain"
expect 0 $GK --db $DB item attachments 1
has $T/out "通知.pdf"; has $T/out "公示 名单.txt"; has $T/out "application/pdf"
same "$(wc -l <$T/out)" 3 "attachments lines"
expect 0 $GK --db $DB item show 1;           has $T/out "^附件："; has $T/out "公示 名单.txt  text/plain"

# downloads are byte-identical
expect 0 $GK --db $DB item download 1 1 -o $T/back.pdf; has $T/out "已取出附件 1"
cmp -s $T/通知.pdf $T/back.pdf && ok || bad "download differs"
expect 0 $GK --db $DB item download 1 2
cmp -s $T/名单.txt $T/out && ok || bad "download to stdout differs"
expect 1 $GK --db $DB item download 2 1;         has $T/err "没有编号为 1 的附件"

# the same file on another item: one blob
expect 0 $GK --db $DB item attach 2 $T/通知.pdf --as liu
same "$(q 'SELECT count(*) FROM blob')" 2 "blobs after dedup"
same "$(q 'SELECT count(*) FROM attachment')" 3 "attachments"

# refusals write nothing
a0=$(q "SELECT count(*) FROM audit"); b0=$(q "SELECT count(*) FROM blob")
expect 1 $GK --db $DB item attach 1 $T/fake.pdf --as zhang
has $T/err "Windows 可执行程序"; has $T/err "扩展名 .pdf 与内容不符"; oneline
expect 1 $GK --db $DB item attach 1 $T/通知.pdf --name 通知.docx --as zhang
has $T/err "扩展名 .docx 与文件内容（PDF 文档，应为 .pdf）不符"
expect 1 $GK --db $DB item attach 1 $T/empty.txt --as zhang;  has $T/err "空文件"
expect 1 $GK --db $DB item attach 1 $T/none.pdf --as zhang;   has $T/err "文件不存在"
expect 1 $GK --db $DB item attach 1 $T/通知.pdf --as liu;      has $T/err "只有拟稿人本人"
expect 1 $GK --db $DB item attach 1 $T/通知.pdf --as chen;     has $T/err "其他机关"
expect 1 $GK --db $DB item attach 1 $T/通知.pdf --as nobody;   has $T/err "不存在"
expect 1 $GK --db $DB item detach 1 1 --as liu;               has $T/err "只有拟稿人本人"
expect 1 $GK --db $DB item attachments 9;                     has $T/err "信息 9 不存在"
same "$(q 'SELECT count(*) FROM audit')" "$a0" "refusals wrote audit"
same "$(q 'SELECT count(*) FROM blob')" "$b0" "refusals wrote blobs"

# the attachment text is stored for the gate
same "$(q "SELECT text LIKE '%11010519491231002X%' FROM attachment WHERE id = 2")" 1 "text kept"

# detach: the blob stays while item 2 still refers to it, then goes
expect 0 $GK --db $DB item detach 1 1 --as zhang;  has $T/out "已删除信息 1 的附件 1"
same "$(q 'SELECT count(*) FROM blob')" 2 "shared blob kept"
expect 0 $GK --db $DB item detach 2 3 --as liu
same "$(q 'SELECT count(*) FROM blob')" 1 "blob removed with its last reference"
expect 1 $GK --db $DB item detach 1 1 --as zhang;  has $T/err "没有编号为 1 的附件"
same "$(q "SELECT group_concat(action) FROM audit WHERE action IN ('attach', 'detach')")" \
    "attach,attach,attach,detach,detach" "audit actions"

# once submitted, attachments are frozen
expect 0 $GK --db $DB item submit 1 --as zhang
expect 1 $GK --db $DB item attach 1 $T/通知.pdf --as zhang;  has $T/err "只有草稿可以添加附件"
expect 1 $GK --db $DB item detach 1 2 --as zhang;           has $T/err "只有草稿可以删除附件"
expect 0 $GK --db $DB audit verify

finish attach_cli
