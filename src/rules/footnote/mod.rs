//! Note integrity: every marker has its note, every note a marker, each once, in order,
//! and no block of notes inside a paragraph.

pub(super) mod duplicate;
pub(super) mod order;
pub(super) mod split_paragraph;
pub(super) mod undefined;
pub(super) mod unused;
