//! What operators need to run Podwright as a service: readiness, metrics,
//! request ids, logs and reloading.

pub mod logging;
pub mod metrics;
pub mod readiness;
pub mod reload;
pub mod request_id;
