#!/bin/sh
# test_export_cli.sh — `gongkai export DIR` on the demo database: usage
# errors, the file tree (layout of docs/portal.md), refusal to overwrite
# without --force, --force replacing the tree with nothing left beside it,
# a failed export leaving nothing; then every exported file compared byte
# for byte with the same URL served by `gongkai serve`, and the same URLs
# served by nginx with the configuration block of docs/portal.md.
. tests/cli/lib.sh
. tests/cli/serve_lib.sh

export GONGKAI_NOW=2026-01-10T09:00:00+08:00
expect 0 "$GK" --db "$T/db" demo

# Usage.
expect 2 "$GK" --db "$T/db" export
expect 2 "$GK" --db "$T/db" export --bogus "$T/x"
expect 2 "$GK" --db "$T/db" export "$T/x" "$T/y"
expect 0 "$GK" export --help
has "$T/out" "docs/portal.md"
# No database, a directory that cannot be made: an error, nothing left.
expect 1 "$GK" --db "$T/none.db" export "$T/x"
[ ! -e "$T/x" ] && ok || bad "export left $T/x"
expect 1 "$GK" --db "$T/db" export "$T/no/such/dir"
[ ! -e "$T/no" ] && ok || bad "export made $T/no"

# The export.
expect 0 "$GK" --db "$T/db" export "$T/site"
has "$T/out" "已导出 [0-9]* 个文件（HTML 页面 [0-9]* 个，其他 [0-9]* 个），共 [0-9]* 字节，写入 $T/site"
for f in index.html sitemap.xml static/portal.css agency/1/index.html agency/1/guide/index.html \
	agency/1/rules/index.html agency/1/reports/index.html agency/2/index.html \
	item/1/index.html item/1/qr.svg; do
	[ -s "$T/site/$f" ] && ok || bad "missing $f"
done
# 盐边县财政局's 预算 section has more than 20 items: a page-2 file beside index.html.
ls "$T/site/agency/2/category/"*/page-2.html >/dev/null 2>&1 && ok || bad "no page-2.html"
ls "$T/site/agency/1/category/"*/feed.xml >/dev/null 2>&1 && ok || bad "no feed.xml"
# Published items only: every item directory is a published item of the demo.
pub=$(sqlite3 "$T/db" "SELECT count(*) FROM item WHERE state = 'published'")
got=$(ls "$T/site/item" | wc -l)
[ "$pub" -eq "$got" ] && ok || bad "item pages $got, published $pub"
wd=$(sqlite3 "$T/db" "SELECT id FROM item WHERE state = 'withdrawn' LIMIT 1")
[ ! -e "$T/site/item/$wd" ] && ok || bad "withdrawn item $wd exported"
has "$T/site/item/1/index.html" "<th scope=\"row\">索引号</th>"
ls -d "$T"/site.tmp-* "$T"/site.old-* >/dev/null 2>&1 && bad "temporary directories left" || ok

# Again: refused without --force (the tree untouched), replaced with it.
touch "$T/site/marker"
expect 1 "$GK" --db "$T/db" export "$T/site"
has "$T/err" "已存在"
[ -e "$T/site/marker" ] && ok || bad "refused export touched the tree"
expect 0 "$GK" --db "$T/db" export --force "$T/site"
[ ! -e "$T/site/marker" ] && ok || bad "--force kept the old tree"
ls -d "$T"/site.tmp-* "$T"/site.old-* >/dev/null 2>&1 && bad "temporary directories left" || ok
# A file in the way is not a directory to replace.
: >"$T/file"
expect 1 "$GK" --db "$T/db" export --force "$T/file"

# The URL of an exported file (docs/portal.md, the layout table).
url_of() {
	f=$1
	case "$f" in
	index.html) echo "/" ;;
	*/page-*.html) d=${f%/page-*.html}; n=${f##*/page-}; echo "/$d/?page=${n%.html}" ;;
	*/index.html)
		d=${f%/index.html}
		case "$d" in
		agency/[0-9]*/category/[0-9]*|agency/[0-9]*/reports) echo "/$d/" ;;
		agency/[0-9]*) case "$d" in */*/*) echo "/$d" ;; *) echo "/$d/" ;; esac ;;
		*) echo "/$d" ;;
		esac ;;
	*) echo "/$f" ;;
	esac
}
(cd "$T/site" && find . -type f | sed 's|^\./||' | sort) >"$T/files"
while read -r f; do url_of "$f"; done <"$T/files" >"$T/urls"

if serve_start "$T/db"; then
	n=0; diffs=0
	while read -r f; do
		u=$(url_of "$f")
		curl -s -o "$T/got" "$URL$u"
		if cmp -s "$T/got" "$T/site/$f"; then n=$((n + 1)); else
			diffs=$((diffs + 1)); [ $diffs -le 3 ] && echo "differs: $u ($f)"
		fi
	done <"$T/files"
	[ "$diffs" -eq 0 ] && ok || bad "$diffs of $((n + diffs)) files differ from the server"
	echo "compared $n files with the server" >"$T/count"
	has "$T/count" "compared [1-9][0-9]* files"

	# nginx with the configuration of docs/portal.md, proxying to this server.
	if command -v nginx >/dev/null 2>&1; then
		NPORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
		mkdir -p "$T/nginx"
		# nginx started as root serves files as an unprivileged worker.
		chmod 755 "$T"
		sed -n '/^```nginx$/,/^```$/p' docs/portal.md | sed '1d;$d' |
			sed -e "s|listen 80;|listen 127.0.0.1:$NPORT;|" -e "s|root /srv/gongkai/site;|root $T/site;|" \
			    -e "s|127.0.0.1:8080|127.0.0.1:$PORT|" >"$T/nginx/server.conf"
		grep -q "root $T/site;" "$T/nginx/server.conf" && ok || bad "no nginx block in docs/portal.md"
		cat >"$T/nginx/nginx.conf" <<EOF
daemon off;
worker_processes 1;
pid $T/nginx/nginx.pid;
error_log $T/nginx/error.log;
events { worker_connections 64; }
http {
	include /etc/nginx/mime.types;
	access_log off;
	client_body_temp_path $T/nginx/body;
	proxy_temp_path $T/nginx/proxy;
	fastcgi_temp_path $T/nginx/fastcgi;
	uwsgi_temp_path $T/nginx/uwsgi;
	scgi_temp_path $T/nginx/scgi;
	include $T/nginx/server.conf;
}
EOF
		nginx -p "$T/nginx" -c "$T/nginx/nginx.conf" 2>"$T/nginx/start.err" &
		NGINX_PID=$!
		i=0
		while [ $i -lt 50 ] && ! curl -s -o /dev/null "http://127.0.0.1:$NPORT/"; do
			sleep 0.1; i=$((i + 1))
		done
		n=0; diffs=0
		while read -r u; do
			curl -s -o "$T/a" "$URL$u"
			curl -s -o "$T/b" "http://127.0.0.1:$NPORT$u"
			if cmp -s "$T/a" "$T/b"; then n=$((n + 1)); else
				diffs=$((diffs + 1)); [ $diffs -le 3 ] && echo "nginx differs: $u"
			fi
		done <"$T/urls"
		[ "$diffs" -eq 0 ] && [ "$n" -gt 100 ] && ok || bad "nginx: $diffs differ, $n equal"
		# Content types, and the proxied dynamic parts.
		sec=$(ls "$T/site/agency/1/category" | head -1)
		ct=$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$NPORT/agency/1/category/$sec/feed.xml")
		[ "$ct" = "application/atom+xml; charset=utf-8" ] && ok || bad "feed via nginx: $ct"
		ct=$(curl -s -o /dev/null -w '%{content_type}' "http://127.0.0.1:$NPORT/item/1")
		[ "$ct" = "text/html; charset=utf-8" ] && ok || bad "item via nginx: $ct"
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NPORT/item/999999")
		[ "$code" = 404 ] && ok || bad "missing item via nginx: $code"
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NPORT/subscribe?agency=1")
		[ "$code" = 200 ] && ok || bad "subscribe via nginx: $code"
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NPORT/admin/")
		[ "$code" = 303 ] && ok || bad "back office via nginx: $code"
		code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$NPORT/prefs/large?on=1&back=/")
		[ "$code" = 303 ] && ok || bad "/prefs via nginx: $code"
		kill "$NGINX_PID" 2>/dev/null; wait "$NGINX_PID" 2>/dev/null
	fi
	serve_stop
fi

finish export_cli
