//! Words of prose as lexicon look-ups want them: runs of letters, and lower case without
//! an allocation per word.

/// The runs of alphabetic characters of `text`: `text.split(|c| !c.is_alphabetic())`
/// without its empty pieces, but judging ASCII bytes without decoding them, since
/// language detection reads most of every document.
pub fn alphabetic_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let mut start = None;
        while at < bytes.len() {
            let (alphabetic, width) = if bytes[at].is_ascii() {
                (bytes[at].is_ascii_alphabetic(), 1)
            } else {
                let c = text[at..].chars().next()?;
                (c.is_alphabetic(), c.len_utf8())
            };
            match (alphabetic, start) {
                (true, None) => start = Some(at),
                (false, Some(from)) => return Some(&text[from..at]),
                _ => {}
            }
            at += width;
        }
        start.map(|from| &text[from..])
    })
}

/// `word.to_lowercase()`, borrowed when it already is lower case and written into
/// `buffer` (reused across words) when not, so that looking up every word allocates
/// nothing.
pub fn lower_case<'w>(word: &'w str, buffer: &'w mut String) -> &'w str {
    buffer.clear();
    if !word.is_ascii() {
        buffer.push_str(&word.to_lowercase());
        return buffer;
    }
    if !word.bytes().any(|b| b.is_ascii_uppercase()) {
        return word;
    }
    buffer.push_str(word);
    buffer.make_ascii_lowercase();
    buffer
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn alphabetic_words_match_splitting_on_non_letters() {
        for text in ["", " \t", "Año 2031: él-y-ella.", "naïve…ß", "q", "b4 ¡sí!"] {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                alphabetic_words(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn lower_case_is_to_lowercase() {
        let mut buffer = String::new();
        for word in ["abc", "ABC", "ÉL", "ΣΑΣ", "İz", ""] {
            assert_eq!(lower_case(word, &mut buffer), word.to_lowercase());
        }
    }
}
