//! The end-to-end tests, one module per area, built as one test binary: one
//! compile of what they share and one link instead of one per area. Each
//! test still runs in a process of its own under `cargo nextest`.

mod support;

mod a11y;
mod api;
mod browser;
mod canvas;
mod catalog;
mod cli;
mod deploy;
mod designer;
mod findings;
mod held_out;
mod hostile;
mod image;
mod keyboard;
mod ops;
mod policy;
mod reload;
mod replicas;
mod responsive;
mod round_trip;
mod yaml_dialect;
