#!/bin/sh
# The portal's pages (docs/portal.md) against a real `gongkai serve` on the
# demo database: the platform home with the demo's platform settings in
# the footer, agency 1's column (the seed report's 13 items of 2025 and
# their 6 interpretations = 19, docs/demo.md) with its category counts,
# the guide from the demo's contact details, the rules, a section of
# agency 2 over several pages, its Atom feed and the sitemap parsed as
# XML, an item with its interpretation, withdrawn → 410, draft → 404, the
# QR code, the annual report published while the server runs (charts,
# .txt, .json), the larger-text mode, /prefs/large, and hostile paths.
. tests/cli/lib.sh
. tests/cli/serve_lib.sh

DB="$T/demo.db"
expect 0 "$GK" --db "$DB" demo --force
export GONGKAI_NOW=2026-03-02T10:00:00+08:00
serve_start "$DB" --threads 2 || { finish portal_serve; exit 1; }

# get PATH [CURL ARGS]: body in $T/b, headers in $T/h
get() { p=$1; shift; curl -s -D "$T/h" -o "$T/b" "$@" "$URL$p"; }
is() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }
sq() { sqlite3 "$DB" "$1"; }
xml_ok() { python3 -c "import xml.dom.minidom,sys; xml.dom.minidom.parse('$T/b')" 2>"$T/xmlerr" && ok || { bad "$1: not well-formed"; cat "$T/xmlerr"; }; }

# --- the platform home -----------------------------------------------------
get /
has "$T/h" "HTTP/1.1 200"
has "$T/h" "Content-Type: text/html; charset=utf-8"
has "$T/b" "<title>首页 - 盐边县人民政府信息公开平台</title>"
has "$T/b" "<a href=\"/agency/1/\">盐边县经济合作和商务局</a>"
has "$T/b" "<a href=\"/agency/2/\">盐边县财政局</a>"
has "$T/b" "主动公开信息 <strong>26</strong> 条"
pub2=$(sq "SELECT count(*) FROM item WHERE agency_id = 2 AND state = 'published'")
has "$T/b" "主动公开信息 <strong>$pub2</strong> 条"
has "$T/b" "<li>主办单位：盐边县人民政府办公室</li>"
has "$T/b" "<li>网站标识码：5104220000</li>"
has "$T/b" "<a href=\"https://beian.miit.gov.cn/\" rel=\"noopener\">蜀ICP备00000000号-1</a>"
has "$T/b" "<li>公安机关备案号：川公网安备51042200000000号</li>"
has "$T/b" "<a href=\"/sitemap.xml\">网站地图</a>"
has "$T/b" "跳转到主要内容"
lacks "$T/b" "<script"

# --- agency 1's column -----------------------------------------------------
# 19 items of 2025 and the 7 of the running year the demo adds (docs/demo.md)
get /agency/1/
has "$T/h" "HTTP/1.1 200"
has "$T/b" "<h1>盐边县经济合作和商务局政府信息公开专栏</h1>"
has "$T/b" "<p>共 26 条。</p>"
has "$T/b" ">机构职能</a> <span class=\"count\">（1 条）</span>"
has "$T/b" ">政策文件</a> <span class=\"count\">（6 条）</span>"
has "$T/b" ">政策解读</a> <span class=\"count\">（7 条）</span>"
has "$T/b" ">工作动态</a> <span class=\"count\">（6 条）</span>"
has "$T/b" ">财政信息</a> <span class=\"count\">（3 条）</span>"
has "$T/b" ">招商引资</a> <span class=\"count\">（1 条）</span>"
has "$T/b" "暂未发布年度报告。"
has "$T/b" "<a href=\"/apply/1\">在线提交政府信息公开申请</a>"
get /agency/1
has "$T/h" "HTTP/1.1 301"
has "$T/h" "Location: /agency/1/"

get /agency/1/guide
has "$T/h" "HTTP/1.1 200"
has "$T/b" "<h1>盐边县经济合作和商务局政府信息公开指南</h1>"
has "$T/b" "<td>0812-8612301</td>"
has "$T/b" "<td>ybswj@example.gov.cn</td>"
has "$T/b" "邮寄申请：寄至四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼"
has "$T/b" "延长的期限最长不得超过20个工作日"
has "$T/b" "国办函〔2020〕109号"
has "$T/b" "60日内提出行政复议申请"
get /agency/1/rules
has "$T/h" "HTTP/1.1 200"
has "$T/b" "政府信息公开保密审查制度"

# --- a section over several pages, its feed --------------------------------
cid=$(sq "SELECT c.id FROM category c JOIN item i ON i.category_id = c.id WHERE c.agency_id = 2 AND i.state = 'published' GROUP BY c.id ORDER BY count(*) DESC LIMIT 1")
n=$(sq "SELECT count(*) FROM item WHERE category_id = $cid AND state = 'published'")
pages=$(( (n + 19) / 20 ))
[ "$pages" -ge 2 ] && ok || bad "the biggest section has $n items, want more than 20"
get "/agency/2/category/$cid/"
has "$T/h" "HTTP/1.1 200"
has "$T/b" "共 $n 条，第 1/$pages 页。"
is "$(grep -c '^<li><a href="/item/' "$T/b")" 20 "items on page 1"
newest=$(sq "SELECT id FROM item WHERE category_id = $cid AND state = 'published' ORDER BY published_at DESC, id DESC LIMIT 1")
is "$(grep -m1 -o '^<li><a href="/item/[0-9]*"' "$T/b")" "<li><a href=\"/item/$newest\"" "newest first"
get "/agency/2/category/$cid/?page=$pages"
has "$T/h" "HTTP/1.1 200"
is "$(grep -c '^<li><a href="/item/' "$T/b")" $(( n - (pages - 1) * 20 )) "items on the last page"
is "$(http_code "/agency/2/category/$cid/?page=$((pages + 1))")" 404 "past the last page"
is "$(http_code "/agency/2/category/$cid/?page=0")" 400 "page 0"
is "$(http_code "/agency/1/category/$cid/")" 404 "agency 2's section under agency 1"
get "/agency/2/category/$cid/feed.xml"
has "$T/h" "HTTP/1.1 200"
has "$T/h" "Content-Type: application/atom+xml; charset=utf-8"
xml_ok feed
is "$(grep -c '<entry>' "$T/b")" 20 "feed entries"
has "$T/b" "<link rel=\"alternate\" type=\"text/html\" href=\"http://localhost:8080/item/$newest\"/>"

# --- sitemap ----------------------------------------------------------------
get /sitemap.xml
has "$T/h" "Content-Type: application/xml; charset=utf-8"
xml_ok sitemap
pub=$(sq "SELECT count(*) FROM item WHERE state = 'published'")
is "$(grep -o '<loc>http://localhost:8080/item/[0-9]*</loc>' "$T/b" | wc -l)" "$pub" "items in the sitemap"
has "$T/b" "<loc>http://localhost:8080/agency/2/guide</loc>"

# --- items ----------------------------------------------------------------
pol=$(sq "SELECT id FROM item WHERE agency_id = 1 AND title = '盐边县惠企政策实施细则'")
get "/item/$pol"
has "$T/h" "HTTP/1.1 200"
has "$T/b" "<h1>盐边县惠企政策实施细则</h1>"
has "$T/b" "<tr><th scope=\"row\">索引号</th>"
has "$T/b" "<tr><th scope=\"row\">发布机构</th><td>盐边县经济合作和商务局</td></tr>"
has "$T/b" "<tr><th scope=\"row\">有效性</th><td>有效</td></tr>"
has "$T/b" "<h2>相关解读</h2>"
has "$T/b" "（图解）"
has "$T/b" "aria-label=\"二维码：http://localhost:8080/item/$pol\""
gid=$(sq "SELECT i.id FROM item i JOIN interpretation n ON n.item_id = i.id WHERE n.policy_item_id = $pol AND n.form = '图解'")
get "/item/$gid"
has "$T/b" "<h2>解读的政策文件</h2>"
has "$T/b" "<a href=\"/item/$pol\">盐边县惠企政策实施细则</a>"
get "/item/$pol/qr.svg"
has "$T/h" "Content-Type: image/svg+xml"
wd=$(sq "SELECT id FROM item WHERE state = 'withdrawn' LIMIT 1")
wday=$(sq "SELECT substr(withdrawn_at, 1, 10) FROM item WHERE id = $wd")
get "/item/$wd"
has "$T/h" "HTTP/1.1 410"
has "$T/b" "该信息已于 $wday 撤回。"
dr=$(sq "SELECT id FROM item WHERE state IN ('draft', 'submitted') LIMIT 1")
is "$(http_code "/item/$dr")" 404 "draft"
is "$(http_code /item/99999999)" 404 "no such item"

# --- the annual report, published while the server runs ------------------
is "$(http_code /agency/1/reports/2025)" 404 "report before publishing"
expect 0 "$GK" --db "$DB" report publish --agency 1 --year 2025
get /agency/1/reports/2025
has "$T/h" "HTTP/1.1 200"
has "$T/b" "盐边县经济合作和商务局2025年政府信息公开工作年度报告"
has "$T/b" "<desc id=\"c-cat-d\">机构职能：1；政策文件：5；政策解读：6；工作动态：5；财政信息：2；"
is "$(grep -c '<figure class="chart">' "$T/b")" 5 "charts"
has "$T/b" "<desc id=\"c-years-d\">主动公开信息（条）：2025年 13。新收申请（件）：2025年 0</desc>"
get /agency/1/reports/2025.txt
has "$T/h" "Content-Type: text/plain; charset=utf-8"
has "$T/b" "2025 年政府信息公开工作年度报告"
get /agency/1/reports/2025.json
sq "SELECT model_json FROM report_snapshot WHERE agency_id = 1 AND year = 2025" >"$T/want"
printf '%s' "$(cat "$T/b")" >"$T/got"; printf '%s' "$(cat "$T/want")" >"$T/want2"
cmp -s "$T/got" "$T/want2" && ok || bad "report JSON differs from the snapshot"
# The column was cached before: the server drops it within 200 ms of the change (docs/serve.md).
i=0
while [ $i -lt 30 ]; do
	get /agency/1/
	grep -q 'href="/agency/1/reports/2025"' "$T/b" && break
	sleep 0.1; i=$((i + 1))
done
has "$T/b" "<a href=\"/agency/1/reports/2025\">盐边县经济合作和商务局2025年政府信息公开工作年度报告</a>"

# --- larger text ------------------------------------------------------------
get /agency/1/ -H "Cookie: gk_large=1"
has "$T/b" "<html lang=\"zh-CN\" class=\"large\">"
has "$T/b" "标准版</a>"
get /agency/1/
has "$T/b" "<html lang=\"zh-CN\">"
get "/prefs/large?on=1&back=%2Fagency%2F1%2F"
has "$T/h" "HTTP/1.1 303"
has "$T/h" "Location: /agency/1/"
has "$T/h" "Set-Cookie: gk_large=1; Path=/; Max-Age=31536000; SameSite=Lax"
get "/prefs/large?on=1&back=%2F%2Fevil.example%2F"
has "$T/h" "Location: /"
lacks "$T/h" "evil"
get /static/portal.css
has "$T/h" "Content-Type: text/css; charset=utf-8"

# --- hostile paths ------------------------------------------------------------
for p in "/item/1%3Cscript%3E" "/agency/1/category/abc/" "/agency/%3Cb%3E/" "/item/-1" \
	"/agency/1/reports/2025.exe" "/item/1/qr.svg/x"; do
	c=$(http_code "$p")
	case "$c" in 4??) ok ;; *) bad "$p: $c" ;; esac
done
get "/item/1%3Cscript%3E"
lacks "$T/b" "<script"
is "$(http_code /)" 200 "still serving"

serve_stop
finish portal_serve
