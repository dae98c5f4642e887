//! What every container declares: its name, image, environment and restart
//! behaviour, and lints about what runs beside the app.

pub(super) mod database;
pub(super) mod env;
pub(super) mod env_file;
pub(super) mod env_value_from;
pub(super) mod images;
pub(super) mod names;
pub(super) mod resize;
pub(super) mod restart;
pub(super) mod sidecars;
pub(super) mod startup;
