//! Names: one name spelled two ways, and known variants from the names pack.

mod common;
mod forms;
pub(super) mod inconsistent;
#[cfg(test)]
mod speed;
pub(super) mod variant;
