//! Design <-> Kubernetes objects. Import splits a workload into the design's
//! parts; export puts them back, so that importing and exporting a manifest
//! gives the same objects.

mod compare;
pub(crate) mod export;
pub(crate) mod import;
mod order;
mod retarget;
mod source;

pub use export::{Exported, export_design, export_documents, pod_spec_value};
pub use import::{ImportError, check_documents, import_documents};
pub use order::kubectl_order;
pub use retarget::{restart_policy_for, retarget, retarget_workload};
