//! One module per route.

mod catalog;
mod designer;
mod pattern;
mod rules;

pub use catalog::Catalog;
pub use designer::Designer;
pub use pattern::Pattern;
pub use rules::Rules;
