//! OpenAPI schemas written by hand, for the types whose shape the derive
//! cannot see: the design (its containers and settings are Kubernetes objects
//! kept as JSON) and the target version (a string from a range).

use crate::model::Design;
use crate::version::KubeVersion;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, SchemaType, Type};
use utoipa::{PartialSchema, ToSchema};

impl PartialSchema for Design {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::Object))
            .required("workload")
            .required("pod")
            .description(Some(
                "A workload and its Pod split into containers and volumes with ids \
                 (see core/src/model)",
            ))
            .into()
    }
}

impl ToSchema for Design {}

impl PartialSchema for KubeVersion {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(SchemaType::new(Type::String))
            .enum_values(Some(KubeVersion::all().map(|v| v.to_string())))
            .description(Some("A Kubernetes minor version Podwright validates for"))
            .into()
    }
}

impl ToSchema for KubeVersion {}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_version_schema_lists_every_supported_version() {
        let schema = serde_json::to_value(KubeVersion::schema()).unwrap();
        let expected: Vec<String> = KubeVersion::all().map(|v| v.to_string()).collect();
        assert_eq!(schema["enum"], json!(expected));
        assert_eq!(schema["type"], "string");
    }
}
