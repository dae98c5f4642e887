//! YAML text -> validation of the stream, and of its design when it imports:
//! nothing may panic, hang or exhaust memory.

#![no_main]

use libfuzzer_sys::fuzz_target;
use podwright_core::convert::import_documents;
use podwright_core::validate::{Options, validate_design, validate_stream};
use podwright_core::yaml::{Limits, read_stream};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let Ok(stream) = read_stream(&text, &Limits::default()) else {
        return;
    };
    let options = Options::default();
    validate_stream(&stream, &options);
    if let Ok((design, _)) = import_documents(stream.documents) {
        validate_design(&design, &options);
    }
});
