//! Design JSON (as the API receives it) -> exported documents -> YAML: the
//! YAML must read back as the exported documents, and validating the design
//! must not panic.

#![no_main]

use libfuzzer_sys::fuzz_target;
use podwright_core::convert::export_documents;
use podwright_core::model::Design;
use podwright_core::validate::{Options, validate_design};
use podwright_core::yaml::{Limits, read_documents, write_documents};

fuzz_target!(|data: &[u8]| {
    let Ok(design) = serde_json::from_slice::<Design>(data) else {
        return;
    };
    let exported = export_documents(&design);
    let written = write_documents(&exported);
    // This checks that writing is faithful, not the reader's limits: a design
    // may hold more documents and deeper nesting than a request's YAML may.
    let limits = Limits {
        max_depth: 256,
        max_nodes: usize::MAX,
        max_documents: usize::MAX,
    };
    let read_back = read_documents(&written, &limits)
        .unwrap_or_else(|error| panic!("the written YAML does not read: {error}\n{written}"));
    assert_eq!(
        read_back, exported,
        "the written YAML reads differently\n{written}"
    );
    validate_design(&design, &Options::default());
});
