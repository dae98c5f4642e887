//! Bodies of the endpoints that work on designs: `import`, `export` and `preview`.

use crate::model::{Design, WorkloadKind};
use crate::report::Report;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/export` and `POST /api/v1/preview`: `{ design, kind?, format? }`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DesignRequest {
    /// The design.
    pub design: Design,
    /// The workload kind to write the Pod as; the design's own by default.
    pub kind: Option<WorkloadKind>,
    /// `yaml` (default) or `json`; only export reads it.
    #[serde(default, skip_serializing_if = "Format::is_yaml")]
    pub format: Format,
}

/// Output formats of export.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// kubectl-style YAML, several documents separated by `---`.
    #[default]
    Yaml,
    /// JSON: one object, or a `List` of several.
    Json,
}

impl Format {
    /// True for the default format, which requests leave out.
    pub fn is_yaml(&self) -> bool {
        *self == Format::Yaml
    }
}

/// `POST /api/v1/preview` answers: the exported YAML and what validation says about it.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Preview {
    /// The manifest as export writes it.
    pub yaml: String,
    /// Findings and derived facts.
    pub report: Report,
}

/// `POST /api/v1/import` answers: a design made from manifests.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Imported {
    /// The design of the first workload.
    pub design: Design,
    /// Validation of all documents as they came in.
    pub report: Report,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_request_leaves_out_the_default_format_and_reads_it_back() {
        let design = Design::new_pod("web");
        let request = DesignRequest {
            design,
            kind: None,
            format: Format::Yaml,
        };
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json.get("format"), None);
        assert_eq!(json["kind"], json!(null));
        let back: DesignRequest = serde_json::from_value(json).unwrap();
        assert_eq!(back, request);
        let json: DesignRequest =
            serde_json::from_value(json!({ "design": request.design, "format": "json" })).unwrap();
        assert_eq!(json.format, Format::Json);
    }
}
