#!/bin/sh
# The JSON API (docs/api.md) against a real `gongkai serve` on the demo
# database: agencies with contact details and category counts, agency 1's
# 2025 items (the 13 of the seed report and their 6 interpretations = 19,
# docs/demo.md), pagination over agency 2, an item with its
# interpretations both ways, withdrawn → 410, draft → 404, search, ETag →
# 304, a report published while the server runs (the cache drops it),
# JSON errors for bad parameters, POST and unknown paths, and hostile
# strings that leave the server serving.
. tests/cli/lib.sh
. tests/cli/serve_lib.sh

DB="$T/demo.db"
expect 0 "$GK" --db "$DB" demo --force
export GONGKAI_NOW=2026-03-02T10:00:00+08:00
serve_start "$DB" --threads 2 || { finish api_serve; exit 1; }

# get PATH: body in $T/b, headers in $T/h
get() { curl -s -D "$T/h" -o "$T/b" "$URL$1"; }
# jq-like: py EXPR evaluates EXPR with j = the parsed $T/b and prints it
py() { python3 -c "import json,sys; j=json.load(open('$T/b')); print($1)"; }
is() { if [ "$1" = "$2" ]; then ok; else bad "$3: got '$1', want '$2'"; fi; }
sq() { sqlite3 "$DB" "$1"; }

# --- agencies ------------------------------------------------------------
get /api/v1/agencies
has "$T/h" "HTTP/1.1 200"
has "$T/h" "Content-Type: application/json; charset=utf-8"
has "$T/h" "ETag: "
is "$(py "len(j['agencies'])")" 2 "agency count"
is "$(py "j['agencies'][0]['name']")" 盐边县经济合作和商务局 "agency 1"
is "$(py "j['agencies'][1]['uscc']")" 11510422MB0521385K "agency 2 uscc"
get /api/v1/agencies/1
is "$(py "j['contact']['phone']")" 0812-8612301 "phone"
is "$(py "j['contact']['email']")" ybswj@example.gov.cn "email"
is "$(py "j['contact']['address']")" 四川省攀枝花市盐边县桐子林镇新县城行政中心3号楼 "address"
# The seed's 13: 政策文件 5, 工作动态 5, 财政信息 2, 机构职能 1; 政策解读 5 文字 + 1 图解;
# and the running year's 7 (docs/demo.md): one each in 政策文件, 政策解读, 工作动态,
# 财政信息, 招商引资, 办事指南, 其他.
is "$(py "' '.join('%s=%d' % (c['name'], c['published']) for c in j['categories'] if c['published'])")" \
	"机构职能=1 政策文件=6 政策解读=7 工作动态=6 财政信息=3 招商引资=1 办事指南=1 其他=1" "category counts"

# --- items ---------------------------------------------------------------
get "/api/v1/items?agency=1&year=2025&per_page=100"
has "$T/h" "HTTP/1.1 200"
is "$(py "j['total']")" 19 "agency 1 items of 2025"
is "$(py "len(j['items'])")" 19 "all on one page"
is "$(py "len(set(i['id'] for i in j['items']))")" 19 "distinct"
is "$(py "all(j['items'][k]['published_date'] >= j['items'][k+1]['published_date'] for k in range(18))")" True "newest first"
is "$(py "j['items'][0]['title']")" 盐边羊肉米线暖冬消费节开幕 "newest item"
is "$(py "j['items'][0]['published_date']")" 2025-12-09 "newest date"
get "/api/v1/items?agency=1&year=2025&category=2"
is "$(py "j['total']")" 5 "政策文件 with its subcategories"
pub2=$(sq "SELECT count(*) FROM item WHERE agency_id = 2 AND state = 'published'")
get "/api/v1/items?agency=2&per_page=100&page=1"
is "$(py "j['total']")" "$pub2" "agency 2 published"
last=$(( (pub2 + 99) / 100 ))
get "/api/v1/items?agency=2&per_page=100&page=$last"
is "$(py "len(j['items'])")" $(( pub2 - (last - 1) * 100 )) "last page"
get "/api/v1/items?agency=2&per_page=100&page=$((last + 1))"
is "$(py "len(j['items'])")" 0 "past the last page"
is "$(py "j['total']")" "$pub2" "total past the end"
# The pages together are exactly the published items, none twice.
: >"$T/ids"
p=1; while [ $p -le $last ]; do
	get "/api/v1/items?agency=2&per_page=100&page=$p"
	py "'\n'.join(str(i['id']) for i in j['items'])" >>"$T/ids"; p=$((p + 1))
done
sq "SELECT id FROM item WHERE agency_id = 2 AND state = 'published' ORDER BY id" >"$T/want"
sort -n "$T/ids" >"$T/got"
if cmp -s "$T/got" "$T/want"; then ok; else bad "pages are not the published items"; fi

# --- one item --------------------------------------------------------------
pol=$(sq "SELECT id FROM item WHERE agency_id = 1 AND title = '盐边县惠企政策实施细则'")
get "/api/v1/items/$pol"
has "$T/h" "HTTP/1.1 200"
is "$(py "j['title']")" 盐边县惠企政策实施细则 "policy title"
is "$(py "sorted(i['form'] for i in j['interpretations'])")" "['图解', '文字']" "its interpretations"
interp=$(py "[i['id'] for i in j['interpretations'] if i['form'] == '图解'][0]")
get "/api/v1/items/$interp"
is "$(py "j['policies'][0]['id']")" "$pol" "interpretation → policy"
is "$(py "j['published_date']")" 2025-05-23 "图解 published"
wd=$(sq "SELECT id FROM item WHERE state = 'withdrawn' LIMIT 1")
get "/api/v1/items/$wd"
has "$T/h" "HTTP/1.1 410"
is "$(py "j['error']['code']")" gone "withdrawn"
dr=$(sq "SELECT id FROM item WHERE state <> 'published' AND state <> 'withdrawn' LIMIT 1")
get "/api/v1/items/$dr"
has "$T/h" "HTTP/1.1 404"
is "$(py "j['error']['code']")" not_found "draft"
lacks "$T/b" "$(sq "SELECT title FROM item WHERE id = $dr")"

# --- caching: ETag and 304 -----------------------------------------------
get "/api/v1/items/$pol"
etag=$(sed -n 's/^ETag: \(.*\)\r$/\1/p' "$T/h")
[ -n "$etag" ] && ok || bad "no ETag on an item"
is "$(http_code "/api/v1/items/$pol" -H "If-None-Match: $etag")" 304 "If-None-Match"
get "/api/v1/search?q=%E6%8B%9B%E5%95%86%E5%BC%95%E8%B5%84"
has "$T/h" "HTTP/1.1 200"
lacks "$T/h" "ETag: "
is "$(py "j['total'] > 0 and all('<mark>' in i['title_html'] or '<mark>' in i['snippet_html'] for i in j['items'])")" True "search 招商引资"

# --- a report published while the server runs -----------------------------
get /api/v1/reports/1/2025
has "$T/h" "HTTP/1.1 404"
is "$(py "j['error']['code']")" not_found "no report yet"
expect 0 "$GK" --db "$DB" report publish --agency 1 --year 2025
get /api/v1/reports/1/2025
has "$T/h" "HTTP/1.1 200"
has "$T/h" "Content-Type: application/json; charset=utf-8"
has "$T/h" "Last-Modified: "
sq "SELECT model_json FROM report_snapshot WHERE agency_id = 1 AND year = 2025" >"$T/want"
printf '\n' >>"$T/b"
if cmp -s "$T/b" "$T/want"; then ok; else bad "report body is not the stored JSON"; fi

# --- errors ------------------------------------------------------------------
for p in "/api/v1/items?page=0" "/api/v1/items?per_page=101" "/api/v1/items?agency=-1" \
	"/api/v1/items?year=abc" "/api/v1/items/99999999999999999999" "/api/v1/items/0" \
	"/api/v1/search" "/api/v1/search?q=x&sort=best" "/api/v1/items?validity=%27%20OR%201=1" \
	"/api/v1/items?agency=1%20OR%201=1" "/api/v1/reports/1/abc"; do
	get "$p"
	has "$T/h" "HTTP/1.1 400"
	has "$T/h" "Content-Type: application/json"
	is "$(py "j['error']['code']")" bad_request "$p"
done
for p in /api/v1/nothing /api/v1/items/1/x /api/v1/agencies/99; do
	get "$p"
	has "$T/h" "HTTP/1.1 404"
	is "$(py "j['error']['code']")" not_found "$p"
done
curl -s -D "$T/h" -o "$T/b" -d "a=1" "$URL/api/v1/agencies"
has "$T/h" "HTTP/1.1 405"
has "$T/h" "Allow: GET, HEAD"
lacks "$T/h" "POST"
is "$(py "j['error']['code']")" method_not_allowed "POST"
before=$(sq "SELECT count(*) || '/' || sum(state = 'published') FROM item")
# Hostile strings in every parameter: a 4xx or a 200, always JSON, server still up.
for v in "%3Cscript%3Ealert(1)%3C/script%3E" "%27%3B%20DROP%20TABLE%20item%3B--" \
	"..%2F..%2Fetc%2Fpasswd" "%22%20NEAR(a%20b)" "%E2%80%AE" "1e309"; do
	for n in q agency category year validity sort page per_page; do
		c=$(curl -s -o "$T/b" -w '%{http_code}' "$URL/api/v1/search?q=x&$n=$v")
		case $c in 200|400) py "1" >/dev/null && ok || bad "$n=$v: not JSON";; *) bad "$n=$v → $c";; esac
	done
done
is "$(sq "SELECT count(*) || '/' || sum(state = 'published') FROM item")" "$before" "items intact"
is "$(http_code /api/v1/agencies)" 200 "still serving"

serve_stop
finish api_serve
