//! The language of a document's prose, from the stop words of the claim packs.

use crate::document::Document;

use super::ClaimLanguage;
use super::lexicon::{Lexicons, lower_case};

/// The language of the document's prose, from its commonest words; `None` when neither
/// lexicon's common words make up a tenth of the short words (German, Afrikaans…): the
/// rule does not judge prose it has no lexicon for.
pub(super) fn detect_language(
    document: &Document<'_>,
    lexicons: &Lexicons,
) -> Option<ClaimLanguage> {
    let (mut english, mut spanish, mut short) = (0usize, 0usize, 0usize);
    let mut seen = 0usize;
    let mut buffer = String::new();
    for run in &document.text_runs {
        let text = document.slice(run.span);
        for word in alphabetic_words(text) {
            if word.len() > 5 {
                continue;
            }
            short += 1;
            let lower = lower_case(word, &mut buffer);
            english += usize::from(lexicons.english_stopwords.contains(lower));
            spanish += usize::from(lexicons.spanish_stopwords.contains(lower));
        }
        seen += text.len();
        if seen > 20_000 {
            break;
        }
    }
    if english.max(spanish) * 10 < short {
        None
    } else if spanish > english {
        Some(ClaimLanguage::Spanish)
    } else {
        Some(ClaimLanguage::English)
    }
}

/// The runs of alphabetic characters of `text`: `text.split(|c| !c.is_alphabetic())`
/// without its empty pieces, but judging ASCII bytes without decoding them, since
/// language detection reads most of every document.
fn alphabetic_words(text: &str) -> impl Iterator<Item = &str> {
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

#[cfg(test)]
mod tests {
    #[test]
    fn alphabetic_words_match_splitting_on_non_letters() {
        for text in [
            "",
            "  ",
            "The 2023 año, más-o-menos.",
            "déjà vu…ñ",
            "x",
            "a1b2 ¿qué?",
        ] {
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_alphabetic())
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                super::alphabetic_words(text).collect::<Vec<_>>(),
                expected,
                "{text}"
            );
        }
    }
}
