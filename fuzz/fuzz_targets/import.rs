//! YAML text -> documents -> design -> exported documents -> YAML, and back:
//! nothing may panic, the written YAML must read back as the exported
//! documents, and importing it again must export the same documents.

#![no_main]

use libfuzzer_sys::fuzz_target;
use podwright_core::convert::{export_documents, import_documents};
use podwright_core::yaml::{Limits, read_documents, read_stream, write_documents};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(stream) = read_stream(&text, &Limits::default()) else {
        return;
    };
    let Ok((design, _)) = import_documents(stream.documents) else {
        return;
    };
    let exported = export_documents(&design);
    let written = write_documents(&exported);
    // Export adds a few nodes (apiVersion, kind, an empty containers list), so
    // an input just under the node limit may come back just over it.
    let limits = Limits {
        max_nodes: usize::MAX,
        ..Limits::default()
    };
    let read_back = read_documents(&written, &limits)
        .unwrap_or_else(|error| panic!("the written YAML does not read: {error}\n{written}"));
    assert_eq!(
        read_back, exported,
        "the written YAML reads differently\n{written}"
    );
    let (again, _) = import_documents(read_back)
        .unwrap_or_else(|error| panic!("the written YAML does not import: {error}\n{written}"));
    assert_eq!(
        export_documents(&again),
        exported,
        "importing the written YAML exports differently\n{written}"
    );
});
