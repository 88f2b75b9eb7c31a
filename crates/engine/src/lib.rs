//! Journey engine (work in progress).
