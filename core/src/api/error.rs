//! The body of every error answer.

use serde::{Deserialize, Serialize};

/// `{ "error": text }`, with the line and column of YAML syntax errors.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", schema(as = Error))]
pub struct ErrorBody {
    /// What went wrong, for a person to read.
    pub error: String,
    /// 1-based line of a YAML syntax error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// 1-based column of a YAML syntax error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<usize>,
}

impl ErrorBody {
    /// An error with a message and no place.
    pub fn new(error: impl ToString) -> Self {
        ErrorBody {
            error: error.to_string(),
            line: None,
            column: None,
        }
    }
}
