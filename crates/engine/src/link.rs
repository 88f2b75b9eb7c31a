//! Share-link codec (to be written).
