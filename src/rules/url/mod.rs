//! Links: malformed URLs, mistyped path segments, inconsistent style, and (online) dead, moved or unchecked pages.

pub(super) mod broken;
pub(super) mod malformed;
pub(super) mod path_typo;
pub(super) mod redirected;
pub(super) mod style;
pub(super) mod unchecked;
