//! Container ports and host ports: the Pod's containers share one network
//! namespace, so their ports are one map.

pub(super) mod host_ports;
pub(super) mod names;
pub(super) mod numbers;
