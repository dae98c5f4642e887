#!/usr/bin/env bash
# Builds the container image: the UI, a static release binary for
# x86_64-unknown-linux-musl built here on the host, then `podman build` of
# Containerfile (FROM scratch) over a context holding only that binary.
#
#   scripts/image.sh [IMAGE]       # default localhost/podwright:dev
#
# Installs podman and musl-gcc from Debian when missing; PODMAN_FLAGS defaults to
# `--storage-driver vfs`, which works without fuse-overlayfs. Prints the image
# size at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
image=${1:-localhost/podwright:dev}
target=x86_64-unknown-linux-musl
read -r -a podman_flags <<<"${PODMAN_FLAGS:---storage-driver vfs}"
source scripts/tools.sh

install_podman
install_musl_gcc
if [[ ${PODWRIGHT_SKIP_UI:-} != 1 ]]; then
    scripts/build-ui.sh
fi
step "adding the $target target"
rustup target add "$target" >/dev/null
step "building the static release binary (several minutes the first time)"
# The C allocator (mimalloc) compiles against musl's headers, not the host's glibc.
export CC_x86_64_unknown_linux_musl=musl-gcc
cargo build --release --locked --target "$target" -p podwright-server
target_dir=$(cargo_target_dir)
context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp "$target_dir/$target/release/podwright" "$context/podwright"
# The release profile keeps symbols; without them the image is 25 MB, not 33.
strip "$context/podwright"
step "building $image"
podman "${podman_flags[@]}" build --quiet -f Containerfile -t "$image" "$context" >/dev/null
size=$(podman "${podman_flags[@]}" image inspect --format '{{.Size}}' "$image")
echo "$image: $size bytes ($((size / 1024 / 1024)) MiB)"
