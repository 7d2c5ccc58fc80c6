//! Where a date sits when the document model cannot tell: in an embedded file's name, or
//! in an inline `<ref>…</ref>` note written into the prose. Used by `date-style`.

use crate::document::Span;

/// Whether a date is part of an embedded file's name (`[[File:Bridge, 2014-08-12.jpg|…]]`):
/// a name is not prose and keeps whatever format its author chose.
pub(super) fn in_file_name(text: &str, span: Span) -> bool {
    let from = text.floor_char_boundary(span.start.saturating_sub(512));
    let before = &text[from..span.start];
    let Some(open) = memchr::memmem::rfind(before.as_bytes(), b"[[") else {
        return false;
    };
    let inside = &before[open + 2..];
    !inside.contains("]]")
        && !inside.contains('|')
        && ["File:", "Image:", "file:", "image:"]
            .iter()
            .any(|p| inside.starts_with(p))
}

/// Whether a date sits in an inline `<ref>…</ref>` note (wiki-style sources written into
/// the prose): such dates belong to the notes.
pub(super) fn in_ref(text: &str, span: Span) -> bool {
    let from = span.start.saturating_sub(4096);
    let Some(before) = (from..span.start).find_map(|start| text.get(start..span.start)) else {
        return false;
    };
    // Most dates have no `<ref` in the 4 KB before them: a vectorised search says so fast.
    let Some(open) = memchr::memmem::rfind(before.as_bytes(), b"<ref") else {
        return false;
    };
    // `<ref name="x" />` cites a note defined elsewhere and opens nothing.
    let self_closing = before[open..]
        .find('>')
        .is_some_and(|end| before[open..open + end].ends_with('/'));
    !self_closing && before.rfind("</ref>").is_none_or(|close| close < open)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_embedded_file_names_are_not_prose() {
        let text = "[[File:Old bridge, 2014-08-12, DD 18.JPG|thumb|A bridge]]";
        let at = text.find("2014").unwrap();
        assert!(in_file_name(text, Span::new(at, at + 10)));
        assert!(!in_file_name("On 2014-08-12 it opened.", Span::new(3, 13)));
    }

    #[test]
    fn dates_inside_an_open_ref_belong_to_the_notes() {
        let text =
            "Opened<ref>Gazette, 2014-08-12.</ref> on 2014-08-13.<ref name=\"g\" /> 2014-08-14";
        let at = |date: &str| {
            let start = text.find(date).unwrap();
            Span::new(start, start + date.len())
        };
        assert!(in_ref(text, at("2014-08-12")));
        assert!(!in_ref(text, at("2014-08-13")));
        assert!(!in_ref(text, at("2014-08-14")));
    }
}
