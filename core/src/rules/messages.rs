//! The API server's wording of field errors (`Invalid value`, `Required
//! value`, ...), as `k8s.io/apimachinery/pkg/util/validation/field`'s
//! `errors.go` prints them, so findings read like `kubectl apply` output.

use super::{CtrCtx, Place, Sink};
use crate::model::PatternRole;
use crate::path::Descend;
use std::fmt;

/// `"x"` as the API server quotes a string value.
fn quote(value: &str) -> String {
    format!("{value:?}")
}

/// `Invalid value: "x": detail`.
pub(crate) fn invalid(value: &str, detail: &str) -> String {
    format!("Invalid value: {}: {detail}", quote(value))
}

/// `Invalid value: 5: detail` for a number.
pub(crate) fn invalid_num(value: impl fmt::Display, detail: &str) -> String {
    format!("Invalid value: {value}: {detail}")
}

/// `Required value[: detail]`.
pub(crate) fn required(detail: &str) -> String {
    if detail.is_empty() {
        "Required value".to_owned()
    } else {
        format!("Required value: {detail}")
    }
}

/// `Unsupported value: "x": supported values: "a", "b"`.
pub(crate) fn unsupported(value: &str, supported: &[&str]) -> String {
    let list: Vec<String> = supported.iter().map(|s| quote(s)).collect();
    format!(
        "Unsupported value: {}: supported values: {}",
        quote(value),
        list.join(", ")
    )
}

/// `Forbidden: detail`.
pub(crate) fn forbidden(detail: &str) -> String {
    format!("Forbidden: {detail}")
}

/// Reports every message of a format check at `path`.
pub(crate) fn report_format(
    sink: &mut Sink,
    path: impl Descend,
    value: &str,
    messages: Vec<String>,
) {
    if !messages.is_empty() {
        sink.report(path, invalid(value, &messages.join(", ")));
    }
}

/// How a lint finding names a container: `native sidecar "proxy"`, `init container "migrate"`.
pub(crate) fn who(c: &CtrCtx<'_>) -> String {
    let kind = match (c.place, c.role) {
        (Place::Init, _) => "init container",
        (_, PatternRole::App) => "app container",
        (Place::Sidecar, PatternRole::NativeSidecar) => "native sidecar",
        (_, role) => role.label(),
    };
    format!("{kind} {:?}", c.spec.name)
}
