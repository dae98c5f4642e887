//! Podwright's domain: the Pod design model, kubectl's YAML dialect, conversion
//! to and from `k8s-openapi` objects, validation rules, lints and derived facts.
//! Nothing here knows about HTTP or the DOM; it compiles for wasm32 as well.

pub mod api;
pub mod context;
pub mod convert;
pub mod defaults;
pub mod facts;
pub mod model;
pub mod object;
pub mod options;
pub mod overrides;
pub mod path;
pub mod quantity;
pub mod report;
pub mod rules;
pub mod search;
pub mod validate;
pub mod values;
pub mod version;
pub mod yaml;
