#!/bin/sh
# CLI tests for `gongkai user add|list|passwd|deactivate`: every subcommand,
# the generated initial password (printed once, works, must be changed),
# passwords from standard input, refusals (exit 1), bad usage (exit 2, one
# line), and the audit chain still verifying afterwards with no password
# in it. Run against the sanitizer build ($GK).
. "$(dirname "$0")/lib.sh"
export GONGKAI_DB=$T/u.db GONGKAI_NOW=2026-03-01T09:00:00+08:00 GONGKAI_ACTOR=admin

# help and bad usage: exit 2, one line
expect 0 $GK user --help;               has $T/out "passwd LOGIN"; has $T/out "--password-stdin"
has $T/out "deactivate LOGIN"
expect 0 $GK user add --help;           has $T/out "--agency ID"
expect 2 $GK user;                      has $T/err "缺少子命令"; oneline
expect 2 $GK user frobnicate;           has $T/err "未知的子命令 'frobnicate'"; oneline
expect 2 $GK user add;                  has $T/err "缺少登录名"; oneline
expect 2 $GK user add zhang --name 张三 --role drafter; has $T/err "缺少 --agency"; oneline
expect 2 $GK user add zhang --agency 1 --role drafter;  has $T/err "缺少 --name"; oneline
expect 2 $GK user add zhang --agency 1 --name 张三;      has $T/err "缺少 --role"; oneline
expect 2 $GK user add zhang --agency x --name 张三 --role drafter; has $T/err "正整数"; oneline
expect 2 $GK user add zhang --agency 1 --name;          has $T/err "需要一个值"; oneline
expect 2 $GK user add zhang --agency 1 --name 张三 --role drafter --pw x; has $T/err "未知选项 '--pw'"; oneline
expect 2 $GK user add zhang li --agency 1 --name 张三 --role drafter; has $T/err "多余的参数 'li'"; oneline
expect 2 $GK user list --agency;        oneline
expect 2 $GK user list extra;           has $T/err "不接受参数"; oneline
expect 2 $GK user passwd;               has $T/err "缺少登录名"; oneline
expect 2 $GK user passwd a b;           has $T/err "多余的参数"; oneline
expect 2 $GK user deactivate --x;       has $T/err "未知选项"; oneline
expect 2 $GK user passwd a --frob;      has $T/err "未知选项 '--frob'"; oneline
expect 2 $GK user passwd a --password-stdin; has $T/err "只用于 --reset"; oneline
expect 2 $GK user roles;                has $T/err "缺少登录名"; oneline
expect 2 $GK user roles zhang;          has $T/err "缺少角色"; oneline
expect 2 $GK user roles zhang drafter x; has $T/err "多余的参数 'x'"; oneline
expect 0 $GK user --help;               has $T/out "roles LOGIN ROLE"; has $T/out "passwd LOGIN --reset"
has $T/out "cli:root"
[ ! -e $T/u.db ] && ok || bad "bad usage created the database"

# list needs an existing database
expect 1 $GK user list;                 has $T/err "不存在"
[ ! -e $T/u.db ] && ok || bad "user list created the database"

expect 0 $GK init
expect 0 $GK agency add 盐边县经济合作和商务局 --code 11441700007280420Y --level 县级

# add with a generated password: printed once, 16 characters
expect 0 $GK user add zhang --agency 1 --name 张三 --role drafter
has $T/out "已添加用户 1：zhang（张三），机构 1，角色 drafter"
has $T/out "初始密码（只显示这一次"
gen=$(sed -n 's/^初始密码（只显示这一次，首次登录后须修改）：//p' $T/out)
[ "${#gen}" -eq 16 ] && ok || bad "generated password '$gen' is not 16 characters"

# add with --password-stdin (CRLF tolerated); no password printed
printf 'Yanbian#2026a\r\n' >$T/in
expect 0 $GK user add li --agency 1 --name 李四 --role reviewer --password-stdin <$T/in
has $T/out "已添加用户 2"
grep -q "初始密码" $T/out && bad "password printed with --password-stdin" || ok

# refusals: exit 1 with the reason
expect 1 $GK user add zhang --agency 1 --name 张三 --role drafter; has $T/err "登录名 zhang 已被使用"
expect 1 $GK user add wang --agency 1 --name 王五 --role boss;     has $T/err "未知的角色 'boss'"
expect 1 $GK user add wang --agency 9 --name 王五 --role drafter;  has $T/err "机构编号 9 不存在"
expect 1 $GK user add wang --agency 1 --name 王五 --role drafter,nobody; has $T/err "未知的角色 'nobody'"
# several roles per user (schema v3: user_role)
expect 0 $GK user add zhao --agency 1 --name 赵六 --role reviewer,officer
[ "$(sqlite3 $T/u.db "SELECT group_concat(role, ',') FROM (SELECT role FROM user_role WHERE user_id = 3 ORDER BY role)")" = "officer,reviewer" ] \
	&& ok || bad "zhao's two role rows"
printf 'password\n' >$T/in
expect 1 $GK user add wang --agency 1 --name 王五 --role drafter --password-stdin <$T/in
has $T/err "密码太"
: >$T/in
expect 1 $GK user add wang --agency 1 --name 王五 --role drafter --password-stdin <$T/in
has $T/err "缺少初始密码"

# list: both users must change their initial password
expect 0 $GK user list --agency 1
has $T/out "1	zhang	张三	1	drafter	须改密码"
has $T/out "2	li	李四	1	reviewer	须改密码"
has $T/out "3	zhao	赵六	1	reviewer,officer	须改密码"
expect 0 $GK user list --agency 5
[ "$(wc -l <$T/out)" -eq 1 ] && ok || bad "agency 5 has users"

# passwd: only the user themselves ($GONGKAI_ACTOR=LOGIN), even with the right old password
printf '%s\nPanzhihua-88X\n' "$gen" >$T/in
expect 1 $GK user passwd zhang <$T/in;   has $T/err "只有用户 zhang 本人"; has $T/err "--reset"; oneline
# the generated password works; wrong old password exits 1
GONGKAI_ACTOR=zhang expect 0 $GK user passwd zhang <$T/in;   has $T/out "用户 zhang 的密码已修改"
printf '%s\nPanzhihua-99X\n' "$gen" >$T/in
GONGKAI_ACTOR=zhang expect 1 $GK user passwd zhang <$T/in;   has $T/err "用户 zhang 的密码错误"; oneline
printf 'Panzhihua-88X\nshort\n' >$T/in
GONGKAI_ACTOR=zhang expect 1 $GK user passwd zhang <$T/in;   has $T/err "至少 10 个字符（现有 5 个）"
printf 'Panzhihua-88X\n' >$T/in
GONGKAI_ACTOR=zhang expect 1 $GK user passwd zhang <$T/in;   has $T/err "缺少新密码"
printf 'x\ny\n' >$T/in
GONGKAI_ACTOR=nobody expect 1 $GK user passwd nobody <$T/in;  has $T/err "用户 nobody 不存在"
expect 0 $GK user list
has $T/out "1	zhang	张三	1	drafter	正常"
# the flag is a column now; the stored hash is a bare argon2id string
[ "$(sqlite3 $T/u.db "SELECT group_concat(login || '=' || must_change, ',') FROM (SELECT login, must_change FROM users ORDER BY id)")" = "zhang=0,li=1,zhao=1" ] \
	&& ok || bad "users.must_change"
[ "$(sqlite3 $T/u.db "SELECT count(*) FROM users WHERE password_hash NOT LIKE '\$argon2id\$%'")" = 0 ] && ok || bad "hash with a prefix"

# deactivate
expect 0 $GK user deactivate li;        has $T/out "用户 li 已停用"
expect 1 $GK user deactivate li;        has $T/err "已经停用"
expect 1 $GK user deactivate nobody;    has $T/err "不存在"
printf 'Yanbian#2026a\nYanbian#2026b\n' >$T/in
GONGKAI_ACTOR=li expect 1 $GK user passwd li <$T/in;     has $T/err "用户 li 已停用"
expect 0 $GK user list;                 has $T/out "2	li	李四	1	reviewer	停用"

# the chain: agency (with its default categories) + 2 users + passwd + deactivate, intact, no password in it
# The agency, its 14 default categories, and the 5 user changes above.
expect 0 $GK audit verify;              has $T/out "审计链完整：共 20 条记录"
[ "$(sqlite3 $T/u.db "SELECT count(*) FROM audit WHERE change LIKE '%Yanbian%' OR change LIKE '%Panzhihua%' OR change LIKE '%argon2%' OR instr(change, '$gen') > 0")" = 0 ] \
	&& ok || bad "a password or hash is in the audit chain"
[ "$(sqlite3 $T/u.db "SELECT group_concat(action, ',') FROM (SELECT action FROM audit WHERE entity = 'user' ORDER BY seq)")" = \
  "create,create,create,passwd,deactivate" ] && ok || bad "audit actions"
# tampering with a user row through the audit table is caught
SEQ=$(sqlite3 $T/u.db "SELECT min(seq) FROM audit WHERE change LIKE '%张三%'")
sqlite3 $T/u.db "DROP TRIGGER audit_no_update; UPDATE audit SET change = replace(change, '张三', '张四') WHERE seq = $SEQ"
expect 1 $GK audit verify;              has $T/out "第 $SEQ 条审计记录被篡改"


# --- roles, passwd --reset, who may do them, the last admin (a fresh database) ---
export GONGKAI_DB=$T/r.db GONGKAI_ACTOR=cli:root
expect 0 $GK init
expect 0 $GK agency add 盐边县人民政府 --code 125104220000000012 --level 县级
expect 0 $GK agency add 盐边县经济合作和商务局 --code 11441700007280420Y --parent 1 --level 县级
expect 0 $GK agency add 米易县商务局 --code 91510422023623005L --level 县级
printf 'Yanbian#2026a\n' >$T/in
expect 0 $GK user add gov --agency 1 --name 县政府管理员 --role admin --password-stdin <$T/in
expect 0 $GK user add boss --agency 2 --name 王局 --role admin --password-stdin <$T/in
expect 0 $GK user add other --agency 3 --name 米易管理员 --role admin --password-stdin <$T/in
expect 0 $GK user add clerk --agency 2 --name 李科员 --role drafter --password-stdin <$T/in
before=$(sqlite3 $T/r.db "SELECT count(*) FROM audit")
# refusals: unknown role (exit 1, nothing written), unknown login
expect 1 $GK user roles clerk drafter,boss;   has $T/err "未知的角色 'boss'"
expect 1 $GK user roles nobody drafter;       has $T/err "nobody"
# a user as actor: another agency's admin, a non-admin, a child's admin are refused
GONGKAI_ACTOR=other expect 1 $GK user roles clerk reviewer; has $T/err "用户 other 无权执行此操作"
GONGKAI_ACTOR=clerk expect 1 $GK user roles clerk admin;    has $T/err "无权"
GONGKAI_ACTOR=boss  expect 1 $GK user roles gov drafter;    has $T/err "无权"
GONGKAI_ACTOR=other expect 1 $GK user deactivate clerk;     has $T/err "无权"
GONGKAI_ACTOR=clerk expect 1 $GK user add newbie --agency 2 --name 新人 --role admin; has $T/err "用户 clerk 无权执行此操作"
printf 'Panzhihua-88X\n' >$T/in
GONGKAI_ACTOR=other expect 1 $GK user passwd clerk --reset --password-stdin <$T/in; has $T/err "无权"
# a reset needs the same agency: the parent's admin may not
GONGKAI_ACTOR=gov   expect 1 $GK user passwd clerk --reset --password-stdin <$T/in; has $T/err "无权"
# the last active admin of an agency keeps the role and stays active
expect 1 $GK user roles boss officer;         has $T/err "唯一的在用管理员"
expect 1 $GK user deactivate boss;            has $T/err "不能停用"
[ "$(sqlite3 $T/r.db "SELECT count(*) FROM audit")" = "$before" ] && ok || bad "a refusal wrote to the audit chain"
[ "$(sqlite3 $T/r.db "SELECT group_concat(role) FROM user_role WHERE user_id = 4")" = drafter ] && ok || bad "clerk's roles changed"
# allowed: own agency's admin, parent's admin (roles), the operator
GONGKAI_ACTOR=boss expect 0 $GK user roles clerk reviewer,officer; has $T/out "用户 clerk 的角色已改为 reviewer,officer"
GONGKAI_ACTOR=gov  expect 0 $GK user roles clerk drafter,admin
expect 0 $GK user list --agency 2;            has $T/out "4	clerk	李科员	2	drafter,admin	须改密码"
# now boss may step down, and clerk may not
GONGKAI_ACTOR=boss expect 0 $GK user roles boss officer
GONGKAI_ACTOR=clerk expect 1 $GK user deactivate clerk; has $T/err "唯一的在用管理员"
# passwd --reset by the agency's admin: generated (shown once) or from stdin; must change
GONGKAI_ACTOR=clerk expect 0 $GK user passwd boss --reset
has $T/out "用户 boss 的密码已重置为初始密码"; has $T/out "初始密码（只显示这一次"
GONGKAI_ACTOR=clerk expect 0 $GK user passwd boss --reset --password-stdin <$T/in
lacks $T/out "只显示这一次"
expect 0 $GK user list --agency 2;            has $T/out "2	boss	王局	2	officer	须改密码"
printf 'Panzhihua-88X\nPanzhihua-99Y\n' >$T/in
GONGKAI_ACTOR=boss expect 0 $GK user passwd boss <$T/in
expect 0 $GK user list --agency 2;            has $T/out "2	boss	王局	2	officer	正常"
# the audit chain: the role changes with old and new sets, resets, actors
[ "$(sqlite3 $T/r.db "SELECT group_concat(actor || ':' || action, ',') FROM (SELECT actor, action FROM audit WHERE seq > $before ORDER BY seq)")" = \
  "boss:set_roles,gov:set_roles,boss:set_roles,clerk:reset_password,clerk:reset_password,boss:passwd" ] && ok || bad "audit of roles/reset"
has_change=$(sqlite3 $T/r.db "SELECT count(*) FROM audit WHERE action = 'set_roles' AND change = '{\"old\":\"drafter\",\"roles\":\"reviewer,officer\"}'")
[ "$has_change" = 1 ] && ok || bad "set_roles change JSON"
[ "$(sqlite3 $T/r.db "SELECT count(*) FROM audit WHERE change LIKE '%Panzhihua%' OR change LIKE '%argon2%'")" = 0 ] && ok || bad "password in the audit chain"
expect 0 $GK audit verify

finish user-cli
