//! Loaders of the data packs in the top-level `rules/` folder, embedded in the binary and
//! extended by the packs a config names.

pub mod claims;
pub mod dates;
pub mod sources;
pub mod words;
