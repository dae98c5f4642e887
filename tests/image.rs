//! The container image: built by scripts/image.sh (a static musl binary in an
//! image `FROM scratch`), under 30 MB, not root, and the binary taken out of it
//! serves `/healthz` and the UI. Containers may not start on build machines
//! (podman's setrlimit is refused there), so the test exports the image's
//! filesystem and runs the binary from it.
//!
//! It needs podman and the UI in `dist/` (`scripts/tools.sh --test` and
//! `scripts/build-ui.sh`). `scripts/test.sh` builds the image before the
//! tests run, so that its release build does not compete with them for the
//! cores; here `scripts/image.sh` then finds the binary current and only
//! builds the image again.

use crate::support;

use std::path::Path;
use std::process::Command;
use support::http;
use support::server::Server;

const IMAGE: &str = "localhost/podwright:image-test";
const MAX_IMAGE_BYTES: u64 = 30 * 1000 * 1000;

/// Runs podman with the storage driver scripts/image.sh uses, returning stdout.
fn podman(args: &[&str]) -> String {
    let output = Command::new("podman")
        .args(["--storage-driver", "vfs"])
        .args(args)
        .output()
        .expect("podman runs (apt-get install podman)");
    assert!(
        output.status.success(),
        "podman {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).unwrap()
}

/// Exports the filesystem of a container created from `image` into `into`.
fn export_filesystem(image: &str, into: &Path) {
    let container = podman(&["create", image]).trim().to_owned();
    let tar = into.join("rootfs.tar");
    podman(&["export", "--output", tar.to_str().unwrap(), &container]);
    podman(&["rm", &container]);
    let root = into.join("rootfs");
    std::fs::create_dir(&root).unwrap();
    let status = Command::new("tar")
        .arg("-xf")
        .arg(&tar)
        .arg("-C")
        .arg(&root)
        .status()
        .unwrap();
    assert!(status.success(), "tar -xf {}", tar.display());
}

/// True when the ELF file asks for a dynamic loader: it could not start in
/// an image that has no libc.
fn needs_a_dynamic_loader(binary: &[u8]) -> bool {
    binary
        .windows(b"ld-linux".len())
        .any(|window| window == b"ld-linux")
}

#[tokio::test]
async fn the_image_is_small_not_root_and_its_binary_serves_the_ui() {
    assert!(
        support::repo_root().join("dist/index.html").is_file(),
        "the UI is not built: run scripts/build-ui.sh"
    );
    let status = Command::new(support::repo_root().join("scripts/image.sh"))
        .arg(IMAGE)
        .env("PODWRIGHT_SKIP_UI", "1")
        .status()
        .expect("scripts/image.sh runs");
    assert!(status.success(), "scripts/image.sh failed");

    let size: u64 = podman(&["image", "inspect", "--format", "{{.Size}}", IMAGE])
        .trim()
        .parse()
        .unwrap();
    assert!(size < MAX_IMAGE_BYTES, "the image is {size} bytes");
    let user = podman(&["image", "inspect", "--format", "{{.Config.User}}", IMAGE]);
    let uid = user.trim().split(':').next().unwrap();
    assert!(
        uid.parse::<u32>().is_ok_and(|uid| uid != 0),
        "user {user:?}"
    );

    let dir = tempfile::tempdir().unwrap();
    export_filesystem(IMAGE, dir.path());
    let binary = dir.path().join("rootfs/podwright");
    assert!(
        !needs_a_dynamic_loader(&std::fs::read(&binary).unwrap()),
        "the binary is not static"
    );
    let server = Server::spawn_binary(&binary, &[], &[], false);
    server.wait_until_ready().await;
    assert_eq!(
        http::get(&server.url("/healthz")).await.unwrap().status,
        200
    );
    let index = http::get(&server.url("/")).await.unwrap();
    assert_eq!(index.status, 200, "{}", index.text());
    assert!(index.headers["content-type"].starts_with("text/html"));
    assert!(
        index.text().contains(".wasm"),
        "the UI's loader: {}",
        index.text()
    );
    let patterns = http::get(&server.url("/api/v1/patterns")).await.unwrap();
    assert!(!patterns.json().as_array().unwrap().is_empty());
}
