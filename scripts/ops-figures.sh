#!/usr/bin/env bash
# Figures an operator asks for: time from start to ready, idle memory, and a
# scrape of /metrics after a short load of the designer's calls.
#
#   scripts/ops-figures.sh [BINARY]    # default: the release build, target/release/podwright
#
# LOAD_SECONDS (default 10) per endpoint, 2 threads, 8 connections.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/load.sh"
binary=${1:-$TARGET_DIR/release/podwright}
seconds=${LOAD_SECONDS:-10}
[[ -x $binary ]] || { echo "no binary at $binary (cargo build --release -p podwright-server)" >&2; exit 1; }
install_wrk

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
SERVER_URL="http://127.0.0.1:$port"
started=$(date +%s%N)
RUST_LOG=warn PODWRIGHT_SHUTDOWN_DELAY=0 "$binary" --addr "127.0.0.1:$port" >"$WORK_DIR/server.log" 2>&1 &
SERVER_PID=$!
until curl -fs -o /dev/null --max-time 1 "$SERVER_URL/readyz"; do
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK_DIR/server.log" >&2; exit 1; }
    (($(date +%s%N) - started < 60000000000)) || { echo "not ready in 60 s" >&2; exit 1; }
    sleep 0.005
done
ready=$(date +%s%N)
echo "binary:        $binary ($(stat -c %s "$binary") bytes)"
echo "time to ready: $(((ready - started) / 1000000)) ms (start to the first 200 from /readyz)"
sleep 2
echo "idle VmRSS:    $(mib "$(server_rss_kib)") (2 s after ready)"

make_bodies
for endpoint in "validate application/yaml $MANIFEST" "import application/yaml $MANIFEST" \
    "preview application/json $DESIGN" "export application/json $DESIGN"; do
    read -r path type body <<<"$endpoint"
    wrk_command "$seconds" 2 8 "/api/v1/$path" "$type" "$body"
    printf '%-9s %s\n' "$path" "$("${WRK_COMMAND[@]}" | tail -n 1)"
done
for _ in $(seq 20); do
    curl -fsS -o /dev/null "$SERVER_URL/api/v1/patterns"
    curl -fsS -o /dev/null "$SERVER_URL/api/v1/patterns/sidecar"
done
echo "VmRSS after:   $(mib "$(server_rss_kib)"), peak $(mib "$(server_rss_kib peak)")"
echo "--- /metrics (histogram buckets left out)"
curl -fsS "$SERVER_URL/metrics" | grep -v '_bucket{'
