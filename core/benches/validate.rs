//! Validation of a YAML stream and of a design, with default options, for
//! generated Pods of 6, 10 and 100 containers (init containers, a native
//! sidecar, app containers with probes, a projected volume, security contexts).

#[path = "support/mod.rs"]
mod support;

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use podwright_core::validate::{Options, validate_design, validate_stream};
use podwright_core::yaml::{Limits, read_stream};

/// The container counts measured.
const SIZES: [usize; 3] = [6, 10, 100];

/// `validate_stream` on an already read stream, as `POST /api/v1/validate`
/// does after `read_stream`.
fn stream(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("validate_stream");
    for containers in SIZES {
        let stream = read_stream(&support::pod_manifest(containers), &Limits::default())
            .expect("the generated manifest is YAML");
        group.bench_with_input(
            BenchmarkId::from_parameter(containers),
            &stream,
            |b, stream| b.iter(|| validate_stream(stream, &options)),
        );
    }
    group.finish();
}

/// `validate_design`, as `POST /api/v1/preview` and `/export` do.
fn design(c: &mut Criterion) {
    let options = Options::default();
    let mut group = c.benchmark_group("validate_design");
    for containers in SIZES {
        let design = support::pod_design(containers);
        group.bench_with_input(
            BenchmarkId::from_parameter(containers),
            &design,
            |b, design| b.iter(|| validate_design(design, &options)),
        );
    }
    group.finish();
}

criterion_group! {
    name = benches;
    config = support::config();
    targets = stream, design
}
criterion_main!(benches);
