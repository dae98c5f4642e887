//! kubectl's YAML dialect: YAML 1.1 scalars on the way in, output that YAML 1.1
//! and 1.2 readers agree on, and limits that keep hostile input cheap.

mod positions;
mod read;
mod relax;
mod scalar;
mod write;

pub use positions::{Position, Positions};
pub use read::{DuplicateKey, YamlStream, read_documents, read_stream};
pub use scalar::is_plain_safe;
pub use write::{write_document, write_documents};

/// Bounds on what one request's YAML may cost.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Collections nested deeper than this are refused.
    pub max_depth: usize,
    /// Nodes produced, alias expansions included (the "billion laughs" guard).
    pub max_nodes: usize,
    /// Documents in one stream.
    pub max_documents: usize,
    /// Bytes in one scalar (a key or a value). Kubernetes objects are at most
    /// about 1.5 MiB in all, so no single value needs more than 1 MiB.
    pub max_scalar_bytes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_depth: 64,
            max_nodes: 200_000,
            max_documents: 100,
            max_scalar_bytes: 1024 * 1024,
        }
    }
}

/// Why YAML could not be read.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum YamlError {
    /// Not well-formed YAML, or a construct we refuse, at a place in the text.
    #[error("line {line}, column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// More documents than allowed.
    #[error("more than {0} documents")]
    TooManyDocuments(usize),
}
