#!/usr/bin/env bash
# Fuzzes the domain crate (podwright-core) with cargo-fuzz: every target in
# fuzz/fuzz_targets, one after the other, for SECONDS each (default 60), and
# prints each target's final stats line. Not part of the test command.
#
#   scripts/fuzz.sh [SECONDS]
#
# cargo-fuzz is installed pinned into PODWRIGHT_TOOLS (as scripts/tools.sh
# does for the other tools). It needs nightly flags; RUSTC_BOOTSTRAP=1 lets the
# stable toolchain accept them. Working corpora grow in fuzz/corpus/<target>
# (ignored by git), seeded from fuzz/seeds/<target>; crashes land in
# fuzz/artifacts/<target>.
set -euo pipefail

CARGO_FUZZ_VERSION=0.13.2
SECONDS_EACH="${1:-60}"
PODWRIGHT_TOOLS="${PODWRIGHT_TOOLS:-$HOME/.cache/podwright-tools}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FUZZ_ROOT="$PODWRIGHT_TOOLS/cargo-fuzz-$CARGO_FUZZ_VERSION"

if [[ ! -x "$FUZZ_ROOT/bin/cargo-fuzz" ]]; then
    echo "==> installing cargo-fuzz $CARGO_FUZZ_VERSION (a few minutes, once)" >&2
    cargo install cargo-fuzz --version "=$CARGO_FUZZ_VERSION" --locked --root "$FUZZ_ROOT"
fi
export PATH="$FUZZ_ROOT/bin:$PATH"
export RUSTC_BOOTSTRAP=1

cd "$REPO_ROOT"
status=0
for target_file in fuzz/fuzz_targets/*.rs; do
    target="$(basename "$target_file" .rs)"
    mkdir -p "fuzz/corpus/$target"
    log="$(mktemp)"
    echo "==> fuzzing $target for ${SECONDS_EACH}s" >&2
    if ! cargo fuzz run "$target" "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$SECONDS_EACH" -max_len=8192 -rss_limit_mb=2048 -timeout=10 \
        >"$log" 2>&1; then
        status=1
        tail -n 40 "$log" >&2
    fi
    echo "$target: $(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n 1 || echo 'no final stats (see the crash above)')"
    rm -f "$log"
done
exit "$status"
