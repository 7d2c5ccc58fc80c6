//! Whether a capitalised word is also an ordinary lower-case word of the document
//! (`Lighting` beside `lighting`): then it is a common word, not a name.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::document::Document;
use crate::document::names::occurs_lowercase;

/// The answers for one document, each worked out once.
pub(super) struct CommonWords<'d, 'a> {
    document: &'d Document<'a>,
    /// Lower-case prose words, gathered once: searching the whole text per name would
    /// make a document with thousands of names quadratic.
    prose_words: Option<HashSet<&'a str>>,
    known: HashMap<&'a str, bool>,
}

impl<'d, 'a> CommonWords<'d, 'a> {
    pub(super) fn new(document: &'d Document<'a>) -> Self {
        CommonWords {
            document,
            prose_words: None,
            known: HashMap::default(),
        }
    }

    /// Whether `word` is written in lower case somewhere in the prose.
    pub(super) fn is_common(&mut self, word: &'a str) -> bool {
        if let Some(&known) = self.known.get(word) {
            return known;
        }
        let common = if word.chars().all(char::is_alphanumeric) {
            let lower = word.to_lowercase();
            let document = self.document;
            lower != word
                && self
                    .prose_words
                    .get_or_insert_with(|| lowercase_prose_words(document))
                    .contains(lower.as_str())
        } else {
            occurs_lowercase(self.document, word)
        };
        self.known.insert(word, common);
        common
    }
}

/// Every all-lower-case word of the prose, outside links: what `occurs_lowercase` answers
/// for single words, in one pass.
fn lowercase_prose_words<'a>(document: &Document<'a>) -> HashSet<&'a str> {
    let mut words = HashSet::default();
    let mut links = document.links.iter().map(|l| l.span).peekable();
    for run in &document.text_runs {
        let text = document.slice(run.span);
        for (offset, word) in text
            .split(|c: char| !c.is_alphanumeric())
            .scan(0, |at, word| {
                let start = *at;
                *at += word.len()
                    + text[*at + word.len()..]
                        .chars()
                        .next()
                        .map_or(0, char::len_utf8);
                Some((start, word))
            })
        {
            if word.is_empty() || word.chars().any(char::is_uppercase) {
                continue;
            }
            let start = run.span.start + offset;
            while links.peek().is_some_and(|l| l.end <= start) {
                links.next();
            }
            if links.peek().is_some_and(|l| l.start <= start) {
                continue;
            }
            words.insert(word);
        }
    }
    words
}
