#!/usr/bin/env bash
# Installs the tools Podwright needs, pinned to exact versions, into a cache of
# our own (PODWRIGHT_TOOLS, default ~/.cache/podwright-tools). Idempotent: a tool
# already there at its pinned version is skipped. Nothing is downloaded but
# packages from crates.io, npm, PyPI and Debian.
#
#   scripts/tools.sh          build tools: wasm32 target, Trunk, wasm-bindgen-cli, wasm-opt,
#                             brotli (Debian) to precompress the UI
#   scripts/tools.sh --test   also Chromium and ChromeDriver for the browser tests,
#                             axe-core (npm) for their accessibility checks, and
#                             kubernetes-validate (the Kubernetes JSON schemas) for the
#                             catalog's end-to-end test
#
# scripts/image.sh installs what the image needs: podman, and musl-gcc (Debian's
# musl-tools) to compile the static build's C allocator.
#
# Sourced (`source scripts/tools.sh`), it only defines `install_tools`, `step` and
# `cargo_target_dir`;
# `install_tools [--test]` then installs and puts the tools on PATH.

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
# Knows the schemas of Kubernetes 1.33 to 1.37, the versions Podwright targets.
KUBERNETES_VALIDATE_VERSION=1.37.0
# The accessibility engine the browser tests inject into each page (tests/a11y.rs reads
# this line to find it under PODWRIGHT_TOOLS).
AXE_CORE_VERSION=4.14.1
PODWRIGHT_TOOLS="${PODWRIGHT_TOOLS:-$HOME/.cache/podwright-tools}"
REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Prints a progress line, so long builds never leave a silent terminal.
step() { printf '\033[1;34m==>\033[0m %s\n' "$*" >&2; }

# Prints cargo's target directory (CARGO_TARGET_DIR, or the workspace's target/).
cargo_target_dir() {
    cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])'
}

# The wasm-bindgen-cli version must equal the wasm-bindgen library in Cargo.lock.
wasm_bindgen_version() {
    awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' \
        "$REPO_ROOT/Cargo.lock"
}

install_wasm_target() {
    if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
        return
    fi
    step "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
}

# cargo_tool NAME VERSION BINARY [EXTRA_ARGS...]: install a crate's binary with cargo.
# Build tools, not products: compiled for a short build rather than for speed.
# Trunk's own release profile asks for fat LTO in a single codegen unit, which
# leaves one of two cores idle for minutes. Unoptimised, Trunk and
# wasm-bindgen-cli compile in 196 s rather than 353 s (level 1) on 2 cores,
# and a UI build takes under a second longer (18.8 s against 18.0 s), with
# the same dist/ byte for byte.
cargo_tool() {
    local crate=$1 version=$2 binary=$3
    shift 3
    local root="$PODWRIGHT_TOOLS/$crate-$version"
    if [[ -x "$root/bin/$binary" ]]; then
        return
    fi
    step "installing $crate $version (a few minutes on 2 cores, once)"
    CARGO_PROFILE_RELEASE_LTO=off CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
        CARGO_PROFILE_RELEASE_OPT_LEVEL=0 \
        cargo install "$crate" --version "=$version" --root "$root" "$@"
}

install_wasm_opt() {
    local dir="$PODWRIGHT_TOOLS/binaryen-$BINARYEN_VERSION"
    if [[ -x "$dir/node_modules/.bin/wasm-opt" ]]; then
        return
    fi
    step "installing wasm-opt from npm binaryen@$BINARYEN_VERSION"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "binaryen@$BINARYEN_VERSION"
}

install_brotli() {
    if command -v brotli >/dev/null; then
        return
    fi
    step "installing brotli from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq brotli >/dev/null
}

install_chromium() {
    if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
        return
    fi
    step "installing Chromium and ChromeDriver from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq chromium chromium-driver >/dev/null
}

install_podman() {
    if command -v podman >/dev/null; then
        return
    fi
    step "installing podman from Debian"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq podman >/dev/null
}

install_musl_gcc() {
    if command -v musl-gcc >/dev/null; then
        return
    fi
    step "installing musl-gcc from Debian (musl-tools)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq musl-tools >/dev/null
}

install_axe_core() {
    local dir="$PODWRIGHT_TOOLS/axe-core-$AXE_CORE_VERSION"
    if [[ -f "$dir/node_modules/axe-core/axe.min.js" ]]; then
        return
    fi
    step "installing axe-core $AXE_CORE_VERSION from npm"
    mkdir -p "$dir"
    npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "axe-core@$AXE_CORE_VERSION"
}

install_kubernetes_validate() {
    local dir="$PODWRIGHT_TOOLS/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION"
    if [[ -x "$dir/bin/kubernetes-validate" ]]; then
        return
    fi
    step "installing kubernetes-validate $KUBERNETES_VALIDATE_VERSION from PyPI into a venv"
    rm -rf "$dir"
    python3 -m venv "$dir"
    "$dir/bin/pip" install --quiet --disable-pip-version-check \
        "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
}

podwright_tools_path() {
    local wb
    wb="$(wasm_bindgen_version)"
    printf '%s' "$PODWRIGHT_TOOLS/trunk-$TRUNK_VERSION/bin:$PODWRIGHT_TOOLS/wasm-bindgen-cli-$wb/bin:$PODWRIGHT_TOOLS/binaryen-$BINARYEN_VERSION/node_modules/.bin:$PODWRIGHT_TOOLS/kubernetes-validate-$KUBERNETES_VALIDATE_VERSION/bin"
}

install_tools() {
    install_wasm_target
    # Without default features: no TLS stack (rustls and its C crypto) and no
    # update check, neither of which an offline build uses.
    cargo_tool trunk "$TRUNK_VERSION" trunk --locked --no-default-features
    # `--locked` fails for wasm-bindgen-cli: a locked dependency is missing from the registry.
    cargo_tool wasm-bindgen-cli "$(wasm_bindgen_version)" wasm-bindgen --no-default-features
    install_wasm_opt
    install_brotli
    if [[ "${1:-}" == "--test" ]]; then
        install_chromium
        install_axe_core
        install_kubernetes_validate
    fi
    PATH="$(podwright_tools_path):$PATH"
    # Trunk must never download a tool itself: it uses the pinned ones on PATH.
    export PATH TRUNK_OFFLINE=true TRUNK_SKIP_VERSION_CHECK=true
}

if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    set -euo pipefail
    install_tools "$@"
fi
