#!/usr/bin/env bash
# Builds the UI (app/) with Trunk, offline, in the small wasm profile, then
# brings dist/ up to date: a file is copied there, and compressed once beside
# it (brotli -q 11 and gzip -9, so the server sends those bytes instead of
# compressing on every request), only when its content changed. Files that did
# not change keep their times, so a release build, which embeds dist/, is not
# compiled again for a UI build that changed nothing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/tools.sh
install_tools
step "fetching crates"
cargo fetch --locked --quiet
step "building the UI with Trunk (about 2 minutes the first time)"
built="$(cargo_target_dir)/dist"
trunk build --release --offline --dist "$built"
step "updating dist/, compressing what changed with brotli and gzip"
(cd "$built" && find . -type f -print0) |
    while IFS= read -r -d '' file; do
        if cmp --silent "$built/$file" "dist/$file" &&
            [[ -e dist/$file.br && -e dist/$file.gz ]]; then
            continue
        fi
        mkdir -p "$(dirname "dist/$file")"
        cp "$built/$file" "dist/$file"
        brotli --quality=11 --force --keep "dist/$file"
        gzip -9 --force --keep --no-name "dist/$file"
    done
(cd dist && find . -type f ! -name '*.br' ! -name '*.gz' -print0) |
    while IFS= read -r -d '' file; do
        [[ -e $built/$file ]] || rm -f "dist/$file" "dist/$file.br" "dist/$file.gz"
    done
