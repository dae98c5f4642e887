//! One module per route.

mod catalog;
mod designer;
mod pattern;
mod policy;

pub use catalog::Catalog;
pub use designer::Designer;
pub use pattern::Pattern;
pub use policy::TeamPolicy;
