#!/usr/bin/env bash
# Load test of `pyprep serve` against nginx serving the same bytes as static files.
#
# wrk (64 connections, 2 threads) hits pyprep's question page and its search endpoint, then
# nginx serving a copy of exactly those responses, all on this machine's loopback. Prints
# requests/s, p99 latency, pyprep's share of nginx's throughput and pyprep's resident memory.
# Usage: bench/web/run.sh [seconds per run, default 15]
set -euo pipefail
cd "$(dirname "$0")/../.."

duration="${1:-15}"
for tool in wrk nginx curl; do
    if ! command -v "$tool" >/dev/null && [ ! -x "/usr/sbin/$tool" ]; then
        echo "!! $tool is missing: apt-get install -y wrk nginx curl" >&2
        exit 1
    fi
done
nginx_bin="$(command -v nginx || echo /usr/sbin/nginx)"

cargo build --release -p pyprep --locked
work="$(mktemp -d)"
# nginx's workers run as an unprivileged user: they must be able to read the copies.
chmod 755 "$work"
pyprep_pid=""
nginx_pid=""
cleanup() {
    [ -n "$pyprep_pid" ] && kill "$pyprep_pid" 2>/dev/null || true
    [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

target/release/pyprep --db "$work/pyprep.db" serve --addr 127.0.0.1:0 >"$work/serve.out" 2>"$work/serve.err" &
pyprep_pid=$!
base=""
for _ in $(seq 1 300); do
    base="$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/serve.out" | head -n1 || true)"
    [ -n "$base" ] && break
    sleep 0.1
done
[ -n "$base" ] || { echo "!! pyprep serve did not start" >&2; cat "$work/serve.err" >&2; exit 1; }

question_path="/questions/identity-vs-equality"
search_path="/api/search?q=decorator"
mkdir -p "$work/www/questions" "$work/www/api"
curl -fsS "$base$question_path" -o "$work/www/questions/identity-vs-equality"
curl -fsS "$base$search_path" -o "$work/www/api/search.json"

nginx_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
cat >"$work/nginx.conf" <<CONF
worker_processes auto;
daemon off;
pid $work/nginx.pid;
error_log $work/nginx.err;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $work/tmp;
    proxy_temp_path $work/tmp;
    fastcgi_temp_path $work/tmp;
    uwsgi_temp_path $work/tmp;
    scgi_temp_path $work/tmp;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$nginx_port;
        root $work/www;
        location /questions/ { default_type "text/html; charset=utf-8"; }
        location = /api/search { default_type application/json; try_files /api/search.json =404; }
    }
}
CONF
mkdir -p "$work/tmp"
"$nginx_bin" -c "$work/nginx.conf" -e "$work/nginx.err" &
nginx_pid=$!
for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "http://127.0.0.1:$nginx_port$question_path" 2>/dev/null && break
    sleep 0.1
done
cmp -s <(curl -fsS "http://127.0.0.1:$nginx_port$search_path") "$work/www/api/search.json" \
    || { echo "!! nginx does not serve the copied search response" >&2; exit 1; }

# Prints "requests/s p99_ms" for one wrk run.
load() {
    wrk -t2 -c64 -d"${duration}s" --latency "$1" >"$work/wrk.out"
    local rps p99
    rps="$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.out")"
    p99="$(awk '$1 == "99%" {print $2}' "$work/wrk.out")"
    if grep -q "Non-2xx" "$work/wrk.out"; then
        echo "!! $1 answered with errors:" >&2
        cat "$work/wrk.out" >&2
        exit 1
    fi
    # wrk prints latencies with a unit (us, ms, s); turn them into milliseconds.
    p99="$(echo "$p99" | awk '/us$/ {sub("us",""); print $1/1000; next} /ms$/ {sub("ms",""); print $1; next} /s$/ {sub("s",""); print $1*1000}')"
    echo "$rps $p99"
}

echo "warming up"
wrk -t2 -c64 -d3s "$base$question_path" >/dev/null
wrk -t2 -c64 -d3s "$base$search_path" >/dev/null

read -r pq_rps pq_p99 < <(load "$base$question_path")
read -r nq_rps nq_p99 < <(load "http://127.0.0.1:$nginx_port$question_path")
read -r ps_rps ps_p99 < <(load "$base$search_path")
read -r ns_rps ns_p99 < <(load "http://127.0.0.1:$nginx_port$search_path")
rss_kb="$(awk '/^VmRSS:/ {print $2}' "/proc/$pyprep_pid/status")"
hwm_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$pyprep_pid/status")"

page_bytes="$(wc -c <"$work/www/questions/identity-vs-equality")"
search_bytes="$(wc -c <"$work/www/api/search.json")"
echo
echo "wrk -t2 -c64 -d${duration}s, $(nproc) cores shared by wrk and the server"
printf '%-34s %12s %10s %14s\n' "target" "requests/s" "p99 ms" "pyprep/nginx"
printf '%-34s %12s %10s %14s\n' "pyprep  question page (${page_bytes} B)" "$pq_rps" "$pq_p99" \
    "$(awk -v a="$pq_rps" -v b="$nq_rps" 'BEGIN {printf "%.0f%%", 100*a/b}')"
printf '%-34s %12s %10s %14s\n' "nginx   same page, static" "$nq_rps" "$nq_p99" ""
printf '%-34s %12s %10s %14s\n' "pyprep  /api/search?q=decorator" "$ps_rps" "$ps_p99" \
    "$(awk -v a="$ps_rps" -v b="$ns_rps" 'BEGIN {printf "%.0f%%", 100*a/b}')"
printf '%-34s %12s %10s %14s\n' "nginx   same JSON (${search_bytes} B), static" "$ns_rps" "$ns_p99" ""
echo "pyprep resident memory after the runs: $((rss_kb / 1024)) MiB (peak $((hwm_kb / 1024)) MiB)"
