//! Every valid real-world manifest imports and exports to the same objects.

use common::corpus;
use podwright_core::convert::{export_documents, import_documents};
use podwright_core::yaml::{Limits, read_documents, write_documents};

mod common;

#[test]
fn valid_corpus_round_trips_through_the_design() {
    let files = corpus("valid");
    assert!(files.len() > 50, "corpus not found");
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let original = match read_documents(&text, &Limits::default()) {
            Ok(documents) => documents,
            Err(e) => {
                failures.push(format!("{}: read: {e}", file.display()));
                continue;
            }
        };
        let (design, unknown) = match import_documents(original.clone()) {
            Ok(imported) => imported,
            Err(e) => {
                failures.push(format!("{}: import: {e}", file.display()));
                continue;
            }
        };
        assert!(unknown.is_empty(), "{}: {unknown:?}", file.display());
        let written = write_documents(&export_documents(&design));
        let reread = read_documents(&written, &Limits::default()).unwrap();
        if reread != original {
            failures.push(format!("{}: differs\n{written}", file.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
