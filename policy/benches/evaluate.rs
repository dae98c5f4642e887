//! Loading the catalog's example policies, and evaluating them against the
//! catalog's refused and compliant Deployments (each policy in the worker
//! thread a request uses).

use criterion::{Criterion, criterion_group, criterion_main};
use podwright_core::yaml::{Limits, read_documents};
use podwright_policy::PolicySet;
use std::path::PathBuf;

fn content(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../content/admission-policies")
        .join(path)
}

fn workload(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(content(name)).expect("the catalog example");
    read_documents(&text, &Limits::default()).expect("YAML")[0].clone()
}

fn policies(c: &mut Criterion) {
    let paths = [content("policies")];
    c.bench_function("policy_load/catalog", |b| {
        b.iter(|| PolicySet::load(&paths).expect("the catalog's policies load"))
    });
    let set = PolicySet::load(&paths).expect("the catalog's policies load");
    for name in ["refused", "compliant"] {
        let document = workload(&format!("{name}.yaml"));
        c.bench_function(&format!("policy_evaluate/{name}"), |b| {
            b.iter(|| set.evaluate(&document))
        });
    }
}

criterion_group!(benches, policies);
criterion_main!(benches);
