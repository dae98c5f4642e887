//! Security contexts, namespaces shared with the host, sysctls, and lints about
//! privileges.

pub(super) mod hardening;
pub(super) mod ids;
pub(super) mod namespaces;
pub(super) mod policies;
pub(super) mod privileges;
pub(super) mod seccomp;
pub(super) mod sysctls;
