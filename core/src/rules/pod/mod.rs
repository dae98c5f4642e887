//! PodSpec fields that are neither containers, volumes nor scheduling.

pub(super) mod dns;
pub(super) mod gates;
pub(super) mod host_aliases;
pub(super) mod names;
pub(super) mod os;
pub(super) mod spec;
