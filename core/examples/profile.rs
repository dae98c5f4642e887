//! Runs one core operation a given number of times on the benchmarks' generated
//! Pod, for a profiler to count: `scripts/profile.sh` runs it under callgrind.
//!
//! `cargo run --release --example profile -- OPERATION CONTAINERS TIMES`, where
//! OPERATION is `events` (saphyr-parser's events alone, the floor under
//! reading), `read` (read_stream), `validate` (validate_stream of a read
//! stream), `design` (validate_design), `import` (read_stream and
//! import_documents) or `export` (export_documents and write_documents).

#[path = "../benches/support/mod.rs"]
#[allow(dead_code, reason = "the benchmarks' helpers, of which this uses two")]
mod support;

use podwright_core::convert::{export_documents, import_documents};
use podwright_core::validate::{Options, validate_design, validate_stream};
use podwright_core::yaml::{Limits, read_stream, write_documents};
use std::hint::black_box;
use std::process::ExitCode;

/// The operations this example runs.
const OPERATIONS: [&str; 6] = ["events", "read", "validate", "design", "import", "export"];

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = match args.as_slice() {
        [operation, containers, times] if OPERATIONS.contains(&operation.as_str()) => {
            containers.parse().ok().zip(times.parse().ok())
        }
        _ => None,
    };
    let Some((containers, times)) = parsed else {
        eprintln!(
            "usage: profile {{{}}} CONTAINERS TIMES",
            OPERATIONS.join("|")
        );
        return ExitCode::from(2);
    };
    run(&args[0], containers, times);
    ExitCode::SUCCESS
}

/// Prepares the inputs, then runs `operation` `times` times: a profiler that
/// counts this function for `times` and for 0 gets the operation's own cost.
#[inline(never)]
fn run(operation: &str, containers: usize, times: usize) {
    let text = support::pod_manifest(containers);
    let limits = Limits::default();
    let stream = read_stream(&text, &limits).expect("the generated manifest is YAML");
    let design = support::pod_design(containers);
    let options = Options::default();
    for _ in 0..times {
        match operation {
            "events" => {
                let mut parser = saphyr_parser::Parser::new_from_str(black_box(&text));
                while let Some(event) = parser.next_event() {
                    drop(black_box(event));
                }
            }
            "read" => drop(black_box(read_stream(black_box(&text), &limits))),
            "validate" => drop(black_box(validate_stream(&stream, &options))),
            "design" => drop(black_box(validate_design(&design, &options))),
            "import" => {
                let stream = read_stream(black_box(&text), &limits).expect("YAML");
                drop(black_box(import_documents(stream.documents)));
            }
            _ => drop(black_box(write_documents(&export_documents(&design)))),
        }
    }
}
