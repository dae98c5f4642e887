//! The UI's building blocks: one component (or a few small ones) per module.

pub mod canvas;
pub mod diff;
pub mod download;
pub mod findings;
pub mod import_dialog;
pub mod insights;
pub mod inspector;
pub mod markdown;
pub mod menu;
pub mod panels;
pub mod theme;
pub mod toolbar;
pub mod yaml_panel;
