#!/usr/bin/env bash
# Builds Podwright (the UI, then the server binary that embeds it) and serves it
# on PODWRIGHT_ADDR (default 127.0.0.1:8080). Arguments go to `podwright`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
scripts/build-ui.sh
source scripts/tools.sh
step "building the server (release; about 2 minutes the first time)"
cargo build --release --locked -p podwright-server
step "serving Podwright at http://${PODWRIGHT_ADDR:-127.0.0.1:8080} (Ctrl+C stops it)"
exec cargo run --quiet --release --locked -p podwright-server --bin podwright -- "$@"
