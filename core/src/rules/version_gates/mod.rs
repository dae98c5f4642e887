//! Fields newer than the target version. A field the target's API does not
//! have yet is refused by strict field validation (kubectl's default); a field
//! whose feature gate is off by default at the target is removed by
//! `pkg/api/pod/util.go` `dropDisabledFields` without an error. Feature
//! stages follow `pkg/features/kube_features.go`.

mod dropped;
pub(super) mod features;
mod fields;
mod unknown;

pub(crate) use dropped::FIELD_NOT_IN_TARGET;
pub(crate) use unknown::FIELD_UNKNOWN_AT_TARGET;
