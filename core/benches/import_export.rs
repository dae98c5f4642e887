//! Import (YAML text to a design) and export (a design to YAML text) of
//! generated Pods with 1, 10 and 100 realistic containers, and the YAML
//! parser's own share of import.

#[path = "support/mod.rs"]
mod support;

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use podwright_core::convert::{export_documents, import_documents};
use podwright_core::yaml::{Limits, read_stream, write_documents};
use saphyr_parser::Parser;

/// The container counts measured.
const SIZES: [usize; 3] = [1, 10, 100];

/// `read_stream` then `import_documents`, as `POST /api/v1/import` does.
fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    for containers in SIZES {
        let text = support::pod_manifest(containers);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(containers), &text, |b, text| {
            b.iter(|| {
                let stream = read_stream(text, &Limits::default()).expect("YAML");
                import_documents(stream.documents).expect("a Pod")
            });
        });
    }
    group.finish();
}

/// saphyr-parser's events for the same text, with nothing built from them:
/// the floor under `read_stream`, and so under import, whatever the reader does.
fn parser_events(c: &mut Criterion) {
    let mut group = c.benchmark_group("parser_events");
    for containers in SIZES {
        let text = support::pod_manifest(containers);
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(containers), &text, |b, text| {
            b.iter(|| {
                let mut parser = Parser::new_from_str(text);
                let mut events = 0_usize;
                while let Some(event) = parser.next_event() {
                    event.expect("the generated manifest is YAML");
                    events += 1;
                }
                events
            });
        });
    }
    group.finish();
}

/// `export_documents` then `write_documents`, as `POST /api/v1/export` does
/// after validation.
fn export(c: &mut Criterion) {
    let mut group = c.benchmark_group("export");
    for containers in SIZES {
        let design = support::pod_design(containers);
        let written = write_documents(&export_documents(&design));
        group.throughput(Throughput::Bytes(written.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(containers),
            &design,
            |b, design| b.iter(|| write_documents(&export_documents(design))),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::config();
    targets = import, parser_events, export
}
criterion_main!(benches);
