#!/usr/bin/env bash
# Runs every check and test: formatting, the UI build, clippy, unit, HTTP and
# browser tests. Installs what it needs first (see scripts/tools.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh
install_tools --test

step "checking formatting"
cargo fmt --all --check

scripts/build-ui.sh

step "running clippy"
cargo clippy --workspace --all-targets --locked -- -D warnings

# The image test needs the release image; building it here keeps its long
# release build from competing with the other tests for the cores.
PODWRIGHT_SKIP_UI=1 scripts/image.sh localhost/podwright:image-test

step "running the tests"
if command -v cargo-nextest >/dev/null; then
    cargo nextest run --workspace --locked --no-fail-fast
else
    cargo test --workspace --locked --no-fail-fast
fi
