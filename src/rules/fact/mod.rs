//! Facts the text can check against itself: a weekday against its date.

pub(super) mod weekday;
