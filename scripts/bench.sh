#!/usr/bin/env bash
# Measures Podwright's speed and memory: the criterion benchmarks of the core
# (import, export, validation), then a load test of the release server's API
# with wrk on a free loopback port. Everything is bounded in time: the
# benchmarks take a few minutes, the load test LOAD_SECONDS per endpoint.
#
#   scripts/bench.sh           both
#   scripts/bench.sh --core    the criterion benchmarks only
#   scripts/bench.sh --http    the load test only
#   scripts/bench.sh --check   podwright check beside kubernetes-validate over
#                              1,000 manifests (see scripts/check-bench.sh)
#   scripts/bench.sh --ui      the UI: what the first page downloads (brotli),
#                              and edit-to-YAML time in headless Chromium
#   scripts/bench.sh --setup   the build tools (Trunk, wasm-bindgen-cli...) installed
#                              from nothing into a temporary cache, timed: the
#                              largest part of a fresh machine's first test run
#
# Load settings: LOAD_SECONDS (20), LOAD_THREADS (2), LOAD_CONNECTIONS (16).
# wrk runs on the same machine as the server and takes CPU from it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/load.sh
source scripts/check-bench.sh

LOAD_SECONDS="${LOAD_SECONDS:-20}"
LOAD_THREADS="${LOAD_THREADS:-2}"
LOAD_CONNECTIONS="${LOAD_CONNECTIONS:-16}"
mode="${1:-all}"

# Prints the median time per iteration of every benchmark from criterion's
# estimates (its `time:` lines show the mean or slope, not the median).
print_medians() {
    python3 - "$TARGET_DIR/criterion" <<'PY'
import json, pathlib, sys
root = pathlib.Path(sys.argv[1])
def fmt(ns):
    for unit, scale in (("s", 1e9), ("ms", 1e6), ("µs", 1e3)):
        if ns >= scale:
            return f"{ns / scale:.3g} {unit}"
    return f"{ns:.3g} ns"
print(f"{'benchmark':<24} {'median':>10}   95% confidence interval")
for path in sorted(root.glob("*/*/new/estimates.json")):
    median = json.loads(path.read_text())["median"]
    ci = median["confidence_interval"]
    name = json.loads((path.parent / "benchmark.json").read_text())["full_id"]
    print(f"{name:<24} {fmt(median['point_estimate']):>10}   "
          f"[{fmt(ci['lower_bound'])}, {fmt(ci['upper_bound'])}]")
PY
}

if [[ $mode == all || $mode == --core ]]; then
    step "running the criterion benchmarks (a few minutes)"
    cargo bench --locked -p podwright-core --bench import_export --bench validate
    step "criterion medians"
    print_medians
fi

if [[ $mode == all || $mode == --http ]]; then
    install_wrk
    build_server
    step "kubernetes-validate in-process on the 6-container Pod, ${LOAD_SECONDS}s"
    schema_rate=$(schema_checker_rate "$WRK_DIR/pod-6.yaml" "$LOAD_SECONDS")
    echo "$schema_rate"
    start_server
    make_bodies
    idle=$(server_rss_kib)
    step "load: ${LOAD_SECONDS}s per endpoint, $LOAD_THREADS threads, $LOAD_CONNECTIONS connections"
    declare -A results
    for endpoint in validate-6 validate import export preview; do
        case $endpoint in
            validate-6) body=("/api/v1/validate" application/yaml "$WRK_DIR/pod-6.yaml") ;;
            validate | import) body=("/api/v1/$endpoint" application/yaml "$MANIFEST") ;;
            export | preview) body=("/api/v1/$endpoint" application/json "$DESIGN") ;;
        esac
        step "POST ${body[0]} ($endpoint)"
        wrk_command "$LOAD_SECONDS" "$LOAD_THREADS" "$LOAD_CONNECTIONS" "${body[@]}"
        output=$("${WRK_COMMAND[@]}")
        echo "$output"
        results[$endpoint]=$(grep '^result ' <<<"$output")
    done
    after=$(server_rss_kib)
    peak=$(server_rss_kib peak)
    step "summary (validate-6: the 6-container Pod; the rest: the 10-container Pod; wrk shares the machine with the server)"
    for endpoint in validate-6 validate import export preview; do
        echo "$endpoint ${results[$endpoint]#result }"
    done | awk -v schema="${schema_rate#rate }" '{
        for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
        errors = v["errors_connect"] + v["errors_read"] + v["errors_write"] + v["errors_timeout"] + v["errors_status"]
        printf "%-10s %9s req/s   p50 %7s ms   p99 %7s ms   errors %d\n", $1, v["rps"], v["p50_ms"], v["p99_ms"], errors
        if ($1 == "validate-6") { ratio = v["rps"] / schema }
    } END {
        printf "kubernetes-validate in-process: %s validations/s on the 6-container Pod; podwright over HTTP: %.0f times that\n", schema, ratio
    }'
    echo "server RSS: idle $(mib "$idle"), after the load $(mib "$after"), peak $(mib "$peak")"
fi

if [[ $mode == all || $mode == --ui ]]; then
    scripts/build-ui.sh
    step "what the first page downloads (dist/, brotli -q 11), KiB"
    first_page=(dist/index.html dist/*.js dist/*.wasm dist/*.css)
    total=0
    for file in "${first_page[@]}"; do
        size=$(stat -c %s "$file.br")
        total=$((total + size))
        awk -v f="$file" -v raw="$(stat -c %s "$file")" -v br="$size" \
            'BEGIN { printf "%-48s %8.1f raw %8.1f brotli\n", f, raw / 1024, br / 1024 }'
    done
    awk -v t="$total" 'BEGIN { printf "%-48s %17.1f brotli\n", "total", t / 1024 }'
    build_server
    step "edit in the inspector to YAML and findings on screen (headless Chromium, release server)"
    install_tools --test
    PODWRIGHT_BENCH_SERVER="$TARGET_DIR/release/podwright" \
        cargo nextest run --locked -p podwright-server --test end_to_end --no-capture \
        -E 'test(edit_to_yaml_latency_is_measured)' 2>&1 | grep '^edit to YAML'
fi

if [[ $mode == --setup ]]; then
    fresh=$(mktemp -d)
    step "installing the build tools from nothing into $fresh (several minutes)"
    started=$(date +%s)
    PODWRIGHT_TOOLS="$fresh/tools" CARGO_TARGET_DIR="$fresh/target" scripts/tools.sh
    echo "build tools from nothing: $(($(date +%s) - started)) s"
    rm -rf "$fresh"
fi

if [[ $mode == all || $mode == --check ]]; then
    run_check_bench
fi
