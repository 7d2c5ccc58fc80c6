//! Facts the text can check against itself: a weekday against its date, an anniversary
//! against its years.

pub(super) mod anniversary;
pub(super) mod weekday;
