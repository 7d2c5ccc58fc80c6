//! Names: one name spelled two ways, and known variants from the names pack.

pub(super) mod inconsistent;
pub(super) mod variant;
