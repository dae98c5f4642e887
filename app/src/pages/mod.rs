//! One module per route.

mod catalog;
mod designer;
mod pattern;

pub use catalog::Catalog;
pub use designer::Designer;
pub use pattern::Pattern;
