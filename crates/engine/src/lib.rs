//! Journey engine (work in progress).

pub mod link;
pub mod presets;
