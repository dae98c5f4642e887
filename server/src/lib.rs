//! The Podwright server: the REST API over `podwright-core`, the catalog, and
//! the UI build, behind one router that tests drive without a socket.

pub mod api;
mod app;
mod assets;
pub mod catalog;
mod error;
mod limits;
pub mod loaded;
pub mod ops;
mod security;
pub mod team;

pub use app::{AppState, app};
pub use error::ApiError;
