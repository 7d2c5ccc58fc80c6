//! Dates: malformed, impossible, off-style, or disagreeing with the date in their own URL.

pub(super) mod invalid;
pub(super) mod malformed;
pub(super) mod mismatch;
pub(super) mod style;
