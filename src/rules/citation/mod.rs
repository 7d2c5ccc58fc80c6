//! Sources: one source cited under several notes, and notes missing what the house style requires.

pub(super) mod duplicate;
pub(super) mod incomplete;
