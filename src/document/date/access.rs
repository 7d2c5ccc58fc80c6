//! Access, retrieval and update dates: a date a note gives for when the source was read,
//! not when it was published.

use super::Span;

/// Words before a date that make it an access or update date rather than the date of
/// the source (`Retrieved 2006-12-05`, `consultado el 3 de marzo de 2024`).
const NOT_PUBLICATION: &[&str] = &[
    "accessed",
    "access date",
    "accessdate",
    "retrieved",
    "consulted",
    "visited",
    "updated",
    "archived",
    "consultado",
    "consulta",
    "visitado",
    "recuperado",
    "actualizado",
    "archivado",
    "acceso",
];

/// Whether the date at `span` is an access, retrieval or update date: one of
/// [`NOT_PUBLICATION`] within the few words before it.
pub fn is_access_date(text: &str, span: Span) -> bool {
    let from = span.start.saturating_sub(32);
    let Some(before) = (from..span.start).find_map(|start| text.get(start..span.start)) else {
        return false;
    };
    let before = before.to_ascii_lowercase();
    NOT_PUBLICATION.iter().any(|w| before.contains(w))
}
