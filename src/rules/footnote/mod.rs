//! Note integrity: every marker has its note, every note a marker, each once, in order.

pub(super) mod duplicate;
pub(super) mod order;
pub(super) mod undefined;
pub(super) mod unused;
