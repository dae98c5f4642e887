#!/usr/bin/env bash
# Builds the UI (app/) to dist/ with Trunk, offline, in the small wasm profile,
# then compresses every file once (brotli -q 11 and gzip -9) beside it, so the
# server sends those bytes instead of compressing on every request.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh
install_tools
step "fetching crates"
cargo fetch --locked --quiet
step "building the UI with Trunk (about 2 minutes the first time)"
trunk build --release --offline
step "compressing the UI with brotli and gzip"
find dist -type f ! -name '*.br' ! -name '*.gz' -print0 |
    while IFS= read -r -d '' file; do
        brotli --quality=11 --force --keep "$file"
        gzip -9 --force --keep --no-name "$file"
    done
