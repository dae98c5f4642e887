//! Release builds embed `dist/` and `content/` (see `src/assets.rs`), but cargo
//! only sees the files that existed at the last build. Watching both folders
//! makes a release build compile the server again when a file in them is
//! changed, added or removed. Debug builds read the folders at run time, so
//! they need not rebuild.

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    if std::env::var("PROFILE").as_deref() == Ok("release") {
        println!("cargo::rerun-if-changed=../dist");
        println!("cargo::rerun-if-changed=../content");
    }
}
