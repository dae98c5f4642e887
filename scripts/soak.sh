#!/usr/bin/env bash
# Soak test: the release server under saturating load for SECONDS (default
# 600), wrk alternating POST /api/v1/preview and /api/v1/validate with a
# 10-container Pod. Samples the server's resident memory (VmRSS) every 10 s,
# then prints it before, at most and after, and whether wrk saw any error
# (socket errors, or answers of 400 and above).
#
#   scripts/soak.sh [SECONDS]
#
# Load settings: SOAK_THREADS (2), SOAK_CONNECTIONS (16).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/load.sh

seconds="${1:-600}"
[[ $seconds =~ ^[0-9]+$ && $seconds -gt 0 ]] || { echo "usage: $0 [SECONDS]" >&2; exit 2; }
threads="${SOAK_THREADS:-2}"
connections="${SOAK_CONNECTIONS:-16}"

install_wrk
build_server
start_server
make_bodies
before=$(server_rss_kib)
max=$before
step "soak: ${seconds}s, $threads threads, $connections connections; RSS before $(mib "$before")"

wrk_command "$seconds" "$threads" "$connections" \
    /api/v1/preview application/json "$DESIGN" \
    /api/v1/validate application/yaml "$MANIFEST"
"${WRK_COMMAND[@]}" >"$WORK_DIR/wrk.out" 2>&1 &
wrk_pid=$!
BACKGROUND_PIDS+=("$wrk_pid")
start=$SECONDS
while kill -0 "$wrk_pid" 2>/dev/null; do
    sleep 10
    kill -0 "$wrk_pid" 2>/dev/null || break
    rss=$(server_rss_kib)
    ((rss > max)) && max=$rss
    printf '%5ds  RSS %s\n' $((SECONDS - start)) "$(mib "$rss")"
done
wrk_status=0
wait "$wrk_pid" || wrk_status=$?
sleep 2
after=$(server_rss_kib)
((after > max)) && max=$after
peak=$(server_rss_kib peak)
cat "$WORK_DIR/wrk.out"
result=$(grep '^result ' "$WORK_DIR/wrk.out" || true)
[[ $wrk_status -eq 0 && -n $result ]] || { echo "wrk failed (exit $wrk_status)" >&2; exit 1; }

step "soak summary"
echo "RSS before $(mib "$before"), max sampled $(mib "$max"), after $(mib "$after"), peak (VmHWM) $(mib "$peak")"
echo "${result#result }" | tr ' ' '\n' | awk -F= '
    $1 ~ /^errors_/ { errors += $2; list = list " " substr($1, 8) "=" $2 }
    $1 == "requests" || $1 == "rps" || $1 ~ /_ms$/ { stats = stats " " $0 }
    END {
        print "load:" stats
        print "errors:" list
        print (errors == 0 ? "no errors: every request answered 2xx" : "ERRORS: " errors " requests failed")
        exit errors != 0
    }'
