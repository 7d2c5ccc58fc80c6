//! Which capitalised words open a sentence as a name: those the document also
//! capitalises mid-sentence.

use rustc_hash::FxHashSet as HashSet;

use crate::document::{Document, TextRun};

/// Whether a capitalised word that opens a sentence is a name: it is when the document
/// also writes it capitalised in mid-sentence (after a lower-case word or a comma). The
/// set of such words is gathered in one pass, the first time it is needed.
pub(super) struct Names<'a> {
    pub(super) text: &'a str,
    pub(super) runs: &'a [TextRun],
    pub(super) mid_sentence: Option<HashSet<&'a str>>,
}

impl<'a> Names<'a> {
    pub(super) fn new(document: &'a Document<'a>) -> Self {
        Names {
            text: document.text,
            runs: &document.text_runs,
            mid_sentence: None,
        }
    }

    pub(super) fn is_name(&mut self, word: &str) -> bool {
        let (text, runs) = (self.text, self.runs);
        self.mid_sentence
            .get_or_insert_with(|| {
                let mut set = HashSet::default();
                for run in runs {
                    let source = run.span.text(text);
                    let bytes = source.as_bytes();
                    for at in memchr::memchr_iter(b' ', bytes) {
                        let before = at.checked_sub(1).map(|i| bytes[i]);
                        if !before.is_some_and(|b| b.is_ascii_lowercase() || b == b',') {
                            continue;
                        }
                        let Some(rest) = source.get(at + 1..) else {
                            continue;
                        };
                        if !rest.chars().next().is_some_and(char::is_uppercase) {
                            continue;
                        }
                        let length = rest
                            .find(|c: char| !c.is_alphanumeric())
                            .unwrap_or(rest.len());
                        set.insert(&rest[..length]);
                    }
                }
                set
            })
            .contains(word)
    }
}
