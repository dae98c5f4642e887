#!/usr/bin/env bash
# Builds the UI (app/) to dist/ with Trunk, offline, in the small wasm profile.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh
install_tools
step "fetching crates"
cargo fetch --locked --quiet
step "building the UI with Trunk (about 2 minutes the first time)"
trunk build --release --offline
