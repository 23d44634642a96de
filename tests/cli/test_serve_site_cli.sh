#!/bin/sh
# `gongkai site show|set`: the platform settings shown in every page's
# header and footer; validation, clearing, the audit chain, usage errors.
. tests/cli/lib.sh

DB="$T/g.db"
export GONGKAI_NOW=2026-03-02T10:00:00+08:00 GONGKAI_ACTOR=cli:test
expect 0 "$GK" --db "$DB" init
expect 0 "$GK" --db "$DB" site show
has "$T/out" "^name       平台名称：政府信息公开平台$"
has "$T/out" "^icp        ICP备案号：（未设置）$"
[ "$(wc -l <"$T/out")" -eq 7 ] && ok || bad "site show is not 7 lines"
expect 0 "$GK" --db "$DB" site set name "盐边县人民政府信息公开平台"
has "$T/out" "已设置 name：盐边县人民政府信息公开平台"
expect 0 "$GK" --db "$DB" site set sponsor "盐边县人民政府办公室"
expect 0 "$GK" --db "$DB" site set site_code 5104220001
expect 0 "$GK" --db "$DB" site set icp "蜀ICP备12345678号"
expect 0 "$GK" --db "$DB" site set police "川公网安备 51042202000001号"
expect 0 "$GK" --db "$DB" site set host https://www.yanbian.gov.cn
expect 0 "$GK" --db "$DB" site set contact "电话：0812-8588888　邮箱：gk@yanbian.gov.cn"
expect 0 "$GK" --db "$DB" site show
has "$T/out" "^name       平台名称：盐边县人民政府信息公开平台$"
has "$T/out" "^sponsor    主办单位：盐边县人民政府办公室$"
has "$T/out" "^site_code  网站标识码：5104220001$"
has "$T/out" "^icp        ICP备案号：蜀ICP备12345678号$"
has "$T/out" "^police     公安机关备案号：川公网安备 51042202000001号$"
has "$T/out" "^host       网址：https://www.yanbian.gov.cn$"
has "$T/out" "^contact    联系我们：电话：0812-8588888"
# clearing
expect 0 "$GK" --db "$DB" site set icp ""
has "$T/out" "已设置 icp：（已清除）"
expect 0 "$GK" --db "$DB" site show
has "$T/out" "^icp        ICP备案号：（未设置）$"
# refused values: usage error, nothing written
expect 2 "$GK" --db "$DB" site set host "www.yanbian.gov.cn"
has "$T/err" "网址应为"
oneline
expect 2 "$GK" --db "$DB" site set site_code "51-04"
has "$T/err" "字母和数字"
expect 2 "$GK" --db "$DB" site set colour red
has "$T/err" "未知的平台设置项"
expect 2 "$GK" --db "$DB" site set name "$(printf 'a\tb')"
expect 2 "$GK" --db "$DB" site set name
expect 2 "$GK" --db "$DB" site
expect 2 "$GK" --db "$DB" site frobnicate
expect 2 "$GK" --db "$DB" site show extra
expect 2 "$GK" --db "$DB" site set name x --bogus
expect 0 "$GK" --db "$DB" site --help
has "$T/out" "公安机关备案号"
# a user who is no administrator of a top-level agency may not
expect 0 "$GK" --db "$DB" agency add "盐边县人民政府" --code 125104220000000012
expect 0 "$GK" --db "$DB" user add clerk --agency 1 --name 办事员 --role officer
expect 1 "$GK" --db "$DB" site set name "x" --as clerk
has "$T/err" "无权修改平台设置"
# every change is in the audit chain: 8 sets + 1 clear
expect 0 "$GK" --db "$DB" audit verify
n=$(sqlite3 "$DB" "SELECT count(*) FROM audit WHERE entity = 'platform'")
[ "$n" = 8 ] && ok || bad "platform audit entries: $n, want 8"
# a missing database is not created
expect 1 "$GK" --db "$T/none.db" site show
[ ! -e "$T/none.db" ] && ok || bad "site show created a database"
finish serve_site
