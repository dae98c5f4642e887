#!/usr/bin/env bash
# What scripts/bench.sh and scripts/soak.sh share: wrk, the release server on a
# free loopback port, its resident memory, and the request bodies. Sourced, it
# defines functions and an exit trap that stops the server and whatever else
# it started in the background.

source "$(dirname "${BASH_SOURCE[0]}")/tools.sh"

TARGET_DIR="${CARGO_TARGET_DIR:-$REPO_ROOT/target}"
WRK_DIR="$REPO_ROOT/scripts/wrk"
SERVER_PID=""
SERVER_URL=""
BACKGROUND_PIDS=()
WORK_DIR="$(mktemp -d)"

# Stops what this shell started in the background, then the server, and
# removes the scratch folder; runs on exit, Ctrl+C included.
cleanup() {
    local pid
    for pid in "${BACKGROUND_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null || true
    done
    stop_server
    rm -rf "$WORK_DIR"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Installs wrk from Debian unless it is on PATH.
install_wrk() {
    if command -v wrk >/dev/null; then
        return
    fi
    step "installing wrk from Debian"
    local sudo=""
    [[ $(id -u) -eq 0 ]] || sudo=sudo
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq wrk >/dev/null
}

# Builds the release server. The UI is not needed: without dist/ the binary
# still serves the API and the catalog.
build_server() {
    step "building the server (release)"
    cargo build --release --locked -p podwright-server
}

# Starts the release server on a free loopback port (it binds port 0 and logs
# the address it got), waits until /healthz answers, and sets SERVER_PID and
# SERVER_URL. The server is stopped when the calling shell exits.
start_server() {
    local log="$WORK_DIR/server.log"
    # No access log (tower_http at info logs each answer): it would cost the figures.
    NO_COLOR=1 RUST_LOG=podwright=info PODWRIGHT_SHUTDOWN_DELAY=0 "$TARGET_DIR/release/podwright" --addr 127.0.0.1:0 >"$log" 2>&1 &
    SERVER_PID=$!
    local address=""
    for _ in $(seq 100); do
        address=$(grep -o 'listening addr=127\.0\.0\.1:[0-9]*' "$log" | cut -d= -f2 || true)
        [[ -n $address ]] && break
        kill -0 "$SERVER_PID" 2>/dev/null || { cat "$log" >&2; return 1; }
        sleep 0.1
    done
    [[ -n $address ]] || { echo "the server did not start in 10 s:" >&2; cat "$log" >&2; return 1; }
    SERVER_URL="http://$address"
    curl -fsS --max-time 5 "$SERVER_URL/healthz" >/dev/null
    step "server $SERVER_PID listening at $SERVER_URL"
}

# Stops the server started by start_server: SIGTERM, and SIGKILL if it has not
# finished its requests and exited within 10 s.
stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 100); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
}

# The server's resident memory in KiB (VmRSS), or with `peak` its high-water mark (VmHWM).
server_rss_kib() {
    local field=VmRSS
    [[ ${1:-} == peak ]] && field=VmHWM
    awk -v field="$field:" '$1 == field { print $2 }' "/proc/$SERVER_PID/status"
}

# KiB as MiB with one decimal.
mib() { awk -v kib="$1" 'BEGIN { printf "%.1f MiB", kib / 1024 }'; }

# Writes the request bodies to WORK_DIR: the 10-container manifest, and its
# design as the server imports it, wrapped as `{ "design": ... }` for export
# and preview. Sets MANIFEST and DESIGN to their paths.
make_bodies() {
    MANIFEST="$WRK_DIR/pod-10.yaml"
    DESIGN="$WORK_DIR/design-10.json"
    curl -fsS --max-time 10 -H 'Content-Type: application/yaml' \
        --data-binary "@$MANIFEST" "$SERVER_URL/api/v1/import" |
        python3 -c 'import json, sys; json.dump({"design": json.load(sys.stdin)["design"]}, sys.stdout)' \
            >"$DESIGN"
}

# wrk_command SECONDS THREADS CONNECTIONS [PATH CONTENT_TYPE FILE]...: sets
# WRK_COMMAND to the wrk command line against the server, to run in the
# foreground or background ("${WRK_COMMAND[@]}"). It prints wrk's report;
# the last line is post.lua's `result` line. Bounded: `timeout` stops wrk if
# it overruns by 30 s, and passes on a SIGTERM sent to it.
wrk_command() {
    local seconds=$1 threads=$2 connections=$3
    shift 3
    WRK_COMMAND=(
        timeout --kill-after=5 $((seconds + 30))
        wrk --threads "$threads" --connections "$connections" --duration "${seconds}s"
        --timeout 5s --latency --script "$WRK_DIR/post.lua" "$SERVER_URL" -- "$@"
    )
}

# schema_checker_rate FILE SECONDS: kubernetes-validate's in-process rate on
# FILE, in validations per second: the YAML read and checked against the
# strict 1.37 schemas (its Python API, as a program embedding it would call
# it) for SECONDS on one core, as many times as fit. Prints `rate N`.
schema_checker_rate() {
    local python
    python="$(podwright_tools_path | tr ':' '\n' | grep kubernetes-validate)/python"
    # Installing prints to stdout; callers capture only the rate.
    [[ -x $python ]] || install_tools --test >&2
    "$python" - "$1" "$2" <<'PY'
import sys, time, yaml
import kubernetes_validate
path, seconds = sys.argv[1], float(sys.argv[2])
text = open(path).read()
done, start = 0, time.perf_counter()
while time.perf_counter() - start < seconds:
    for document in yaml.safe_load_all(text):
        kubernetes_validate.validate(document, "1.37.0", strict=True)
    done += 1
print(f"rate {done / (time.perf_counter() - start):.1f}")
PY
}
