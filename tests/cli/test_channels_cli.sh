#!/bin/sh
# test_channels_cli.sh — `gongkai channels check|rule` and `gongkai check site` on the
# demo (docs/channels.md, docs/site-check.md). The demo is built with "today" fixed at
# 2026-11-27 (GONGKAI_NOW), so its running-year items are dated from that day:
#   agency 1 (the seed's bureau): every column current, its news on WeChat within a day,
#     its policy file on the board within 3 days → both checks clean, exit 0;
#   agency 2 (盐边县财政局): exactly what the demo planted — sync: the revised guide
#     missing on WeChat and different on the board, the late news late on WeChat;
#     site: 工作动态 stale (last 2026-10-27), 政策文件 stale (last 2025-11-18), three
#     blank columns (机构职能, 招商引资, 其他), WeChat stale (last 2026-10-30), 15 late
#     items (13 still unpublished from 2025, the news of 2026 and one of 2025 published
#     2025-11-28, inside the year), one dead link (to the withdrawn old guide) → exit 1.
# Then external links against a local HTTP server, the rules command, and bad input.
. tests/cli/lib.sh
DB=$T/d.db
export GONGKAI_CALENDAR=data/cn-holidays.tsv GONGKAI_NOW=2026-11-27T10:00:00+08:00
expect 0 $GK --db $DB demo

# ---- the sync check
expect 0 $GK --db $DB channels check --agency 1;  has $T/out "没有发现问题"
has $T/out "微信公众号 1 条"; has $T/out "公示栏 1 条"
expect 1 $GK --db $DB channels check --agency 2;  has $T/out "发现问题 3 处"
[ "$(grep -c '^2	' $T/out)" = 3 ] && ok || bad "want 3 finding lines"
has $T/out "微信公众号	缺发	政府采购供应商投诉处理办事指南（2026年修订）"
has $T/out "公示栏	内容不一致	政府采购供应商投诉处理办事指南（2026年修订）"
has $T/out "微信公众号	迟发	县财政局召开2026年预算编制工作会"
has $T/out "门户 2026-10-27 发布，渠道 2026-10-30 发出，超过 1 天时限 2 天"
expect 1 $GK --db $DB channels check;              has $T/out "发现问题 3 处"
expect 1 $GK --db $DB channels check --agency 2 --json
python3 - "$T/out" <<'EOF' && ok || bad "channels check --json"
import json, sys
j = json.load(open(sys.argv[1]))
assert j["problems"] == 3 and j["today"] == "2026-11-27", j
kinds = sorted((f["channel"], f["kind"]) for f in j["findings"])
assert kinds == [("notice", "differs"), ("wechat", "late"), ("wechat", "missing")], kinds
EOF

# ---- the rules
expect 0 $GK --db $DB channels rule list --agency 2
has $T/out "工作动态	微信公众号	必须	1 天内	2026-01-01"
has $T/out "办事指南	公示栏	必须	不限时	2026-01-01"
expect 0 $GK --db $DB channels rule list --agency 2 --json
python3 -c "import json,sys; v=json.load(open('$T/out')); assert len(v)==3 and [r['within_days'] for r in v]==[3,None,1], v" \
    && ok || bad "rule list --json"
# the late news no longer late once WeChat may take 3 days; the audit chain records it
audit=$(sqlite3 $DB "SELECT count(*) FROM audit")
expect 0 $GK --db $DB channels rule set --agency 2 --category 工作动态 --channel wechat \
    --required yes --within 3 --since 2026-01-01
[ "$(sqlite3 $DB "SELECT count(*) FROM audit")" = $((audit + 1)) ] && ok || bad "rule set audited"
expect 1 $GK --db $DB channels check --agency 2;  has $T/out "发现问题 2 处"; lacks $T/out "迟发"
expect 0 $GK --db $DB channels rule set --agency 2 --category 工作动态 --channel wechat \
    --required yes --within 1 --since 2026-01-01

# ---- the website self-check
expect 0 $GK --db $DB check site --agency 1;      has $T/out "结论：通过"
lacks $T/out "未通过"
expect 1 $GK --db $DB check site --agency 2;      has $T/out "结论：不合格（达到单项否决）"
has $T/out "栏目“工作动态”最近更新 2026-10-27，2026-11-13 以来未更新"
has $T/out "一级栏目“政策文件”最近更新 2025-11-18，2026-05-27 以来未更新"
has $T/out "栏目“机构职能”没有任何已发布的信息"
has $T/out "栏目“招商引资”没有任何已发布的信息"
has $T/out "栏目“其他”没有任何已发布的信息"
has $T/out "微信公众号最近更新 2026-10-30，2026-11-13 以来未更新"
has $T/out "《县财政局召开2026年预算编制工作会》应于 2026-10-21 前发布，2026-10-27 才发布"
[ "$(grep -c '^\[信息发布不及时\]' $T/out)" = 15 ] && ok || bad "want 15 late items"
[ "$(grep -c '至今未发布' $T/out)" = 13 ] && ok || bad "want 13 unpublished"
[ "$(grep -c '^\[站内链接或附件无法访问\]' $T/out)" = 1 ] && ok || bad "want 1 dead link"
has $T/out "无法访问（信息未发布或已撤回）"
[ "$(grep -c '^\[' $T/out)" = 22 ] && ok || bad "want 22 findings in all"
has $T/out "2	通知公告、政策文件类一级栏目 6 个月内未更新	否	-5	未通过	1"
has $T/out "5	政务新媒体 2 周内未更新	是	-	未通过	1"
has $T/out "8	外部链接无法访问	否	-	不适用	0"
expect 1 $GK --db $DB check site;                 has $T/out "盐边县经济合作和商务局"; has $T/out "盐边县财政局"
expect 1 $GK --db $DB check site --agency 2 --json
python3 - "$T/out" <<'EOF' && ok || bad "check site --json"
import json, sys
a = json.load(open(sys.argv[1]))[0]
assert a["agency_id"] == 2 and not a["pass"] and a["veto"], a
found = {r["rule"]: r["found"] for r in a["rules"]}
assert found == {"news_stale": 1, "notice_stale": 1, "blank": 3, "consult": 0, "wechat": 1,
                 "late": 15, "deadlink": 1, "extlink": 0}, found
assert all("indicator" in r and r["indicator"] for r in a["rules"])
EOF
expect 0 $GK --db $DB check site --agency 1 --json
python3 -c "import json; a=json.load(open('$T/out'))[0]; assert a['pass'] and a['verdict']=='通过'" \
    && ok || bad "agency 1 json"

# ---- the report's per-channel counts (docs/report-generate.md): 2026's items on each channel
printf '门户网站{{channels.portal}}条，微信公众号{{channels.wechat}}条，公示栏{{channels.notice}}条。\n' >$T/ch.md
expect 0 $GK --db $DB report text set --agency 1 --year 2026 --section overview $T/ch.md
$GK --db $DB report generate --agency 1 --year 2026 --to text >$T/out 2>/dev/null
has $T/out "门户网站7条，微信公众号1条，公示栏1条。"	# 6 items and an interpretation
expect 0 $GK --db $DB report text set --agency 2 --year 2026 --section overview $T/ch.md
$GK --db $DB report generate --agency 2 --year 2026 --to text >$T/out 2>/dev/null
has $T/out "门户网站2条，微信公众号1条，公示栏1条。"	# the old guide was withdrawn

# ---- external links, against a local server: one page there, one missing
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p $T/www && echo hi >$T/www/ok.html
(cd $T/www && exec python3 -m http.server $PORT --bind 127.0.0.1 >/dev/null 2>&1) &
SRV=$!
for i in 1 2 3 4 5 6 7 8 9 10; do curl -s -o /dev/null http://127.0.0.1:$PORT/ok.html && break; sleep 0.3; done
printf '详见 http://127.0.0.1:%s/ok.html 和 http://127.0.0.1:%s/gone.html 。\n' $PORT $PORT >$T/body.md
expect 0 $GK --db $DB item new --as drafter --agency 1 --category 其他 --title 外部链接测试 \
    --written 2026-11-20 --body-file $T/body.md
id=$(sqlite3 $DB "SELECT id FROM item WHERE title = '外部链接测试'")
expect 0 $GK --db $DB item submit $id --as drafter
expect 0 $GK --db $DB item review $id --as reviewer --checks ok,ok,ok --comment 同意
expect 0 $GK --db $DB item approve $id --as approver --checks ok,ok,ok --comment 同意
expect 0 $GK --db $DB item publish $id --as officer
expect 0 $GK --db $DB check site --agency 1;      has $T/out "8	外部链接无法访问	否	-	不适用	0"
expect 1 $GK --db $DB check site --agency 1 --external
has $T/out "8	外部链接无法访问	否	-	未通过	1"
has $T/out "gone.html 无法访问（HTTP 状态码表示错误）"; lacks $T/out "ok.html 无法访问"
kill $SRV 2>/dev/null; wait $SRV 2>/dev/null

# ---- bad input: usage errors exit 2 with one line
expect 2 $GK --db $DB channels;                              oneline
expect 2 $GK --db $DB channels frobnicate;                   oneline
expect 2 $GK --db $DB channels check --agency x;             oneline
expect 2 $GK --db $DB channels check --agency "1; DROP TABLE item";  oneline
expect 2 $GK --db $DB channels check --bogus;                oneline
expect 2 $GK --db $DB channels rule;                         oneline
expect 2 $GK --db $DB channels rule set --channel wechat --required yes;  oneline
expect 2 $GK --db $DB channels rule set --agency 1 --channel portal --required yes;  oneline
expect 2 $GK --db $DB channels rule set --agency 1 --channel wechat --required maybe;  oneline
expect 2 $GK --db $DB channels rule set --agency 1 --channel wechat --required yes --within 367;  oneline
expect 2 $GK --db $DB channels rule set --agency 1 --channel wechat --required yes --within -1;  oneline
expect 1 $GK --db $DB channels rule set --agency 1 --channel wechat --required yes --since 2026-02-30
has $T/err "起始日期无效"
expect 1 $GK --db $DB channels rule set --agency 1 --channel wechat --required yes --category "不存在'栏目"
expect 1 $GK --db $DB channels rule set --agency 99 --channel wechat --required yes;  has $T/err "机构 99 不存在"
expect 1 $GK --db $DB channels rule set --as cz-officer --agency 1 --channel wechat --required yes
has $T/err "无权"
expect 1 $GK --db $DB channels check --agency 99;            has $T/err "机构 99 不存在"
expect 2 $GK --db $DB check;                                 oneline
expect 2 $GK --db $DB check links;                           oneline
expect 2 $GK --db $DB check site --agency;                   oneline
expect 2 $GK --db $DB check site --agency 0;                 oneline
expect 2 $GK --db $DB check site --fast;                     oneline
expect 1 $GK --db $DB check site --agency 99;                has $T/err "机构 99 不存在"
expect 1 $GK --db $T/none.db check site;                     oneline
expect 0 $GK channels --help;                                has $T/out "rule set --agency ID"
expect 0 $GK check --help;                                   has $T/out "国办秘函〔2019〕19号"
finish channels_cli
