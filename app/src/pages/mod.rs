//! One module per route.

mod catalog;
mod designer;
mod pattern;
mod policy;
mod rules;

pub use catalog::Catalog;
pub use designer::Designer;
pub use pattern::Pattern;
pub use policy::TeamPolicy;
pub use rules::Rules;
