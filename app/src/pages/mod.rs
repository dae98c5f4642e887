//! One module per route.

mod catalog;
mod designer;

pub use catalog::Catalog;
pub use designer::Designer;
