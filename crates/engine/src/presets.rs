//! Built-in example studies (to be written).
