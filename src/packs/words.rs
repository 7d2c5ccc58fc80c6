//! Word lists embedded as text, one word a line, sorted by byte after a header of `#`
//! comment lines: looked up by binary search over the text itself, so nothing is parsed
//! or allocated at start-up (a 63,000-word hash set took 55 million instructions to build).

/// A sorted list of words, one a line.
#[derive(Debug, Clone, Copy)]
pub struct WordList {
    text: &'static str,
}

impl WordList {
    /// `text` must be sorted by byte after its leading `#` lines, without empty lines; the
    /// lists' tests check it.
    pub const fn new(text: &'static str) -> WordList {
        WordList { text }
    }

    /// The lines after the leading comment lines.
    fn body(self) -> &'static str {
        let mut body = self.text;
        while body.starts_with('#') {
            body = body.find('\n').map_or("", |i| &body[i + 1..]);
        }
        body
    }

    /// Every word of the list, in order.
    pub fn words(self) -> impl Iterator<Item = &'static str> {
        self.body().lines()
    }

    /// Whether `word` is one of the lines.
    pub fn contains(self, word: &str) -> bool {
        let body = self.body();
        let bytes = body.as_bytes();
        // `lo` is always the start of a line; `hi` the start of a line or the end.
        let (mut lo, mut hi) = (0, bytes.len());
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let start = memchr::memrchr(b'\n', &bytes[lo..mid]).map_or(lo, |i| lo + i + 1);
            let end = memchr::memchr(b'\n', &bytes[start..hi]).map_or(hi, |i| start + i);
            let line = body[start..end]
                .strip_suffix('\r')
                .unwrap_or(&body[start..end]);
            match line.cmp(word) {
                std::cmp::Ordering::Equal => return true,
                std::cmp::Ordering::Less => lo = (end + 1).min(hi),
                std::cmp::Ordering::Greater => hi = start,
            }
        }
        false
    }

    /// Whether the lines are sorted by byte, without duplicates or empty lines.
    pub fn is_sorted(self) -> bool {
        let mut previous: Option<&str> = None;
        for word in self.words() {
            if word.is_empty() || previous.is_some_and(|p| p >= word) {
                return false;
            }
            previous = Some(word);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::WordList;

    #[test]
    fn finds_every_word_and_nothing_else() {
        let list = WordList::new("# header\n# more\napple\nbanana\ncherry\ndate\n");
        assert!(list.is_sorted());
        for word in ["apple", "banana", "cherry", "date"] {
            assert!(list.contains(word), "{word}");
        }
        for word in [
            "", "a", "apples", "bananas", "c", "zebra", "# header", "aardvark",
        ] {
            assert!(!list.contains(word), "{word}");
        }
        let unterminated = WordList::new("apple\nbanana");
        assert!(unterminated.contains("banana") && unterminated.contains("apple"));
        assert!(!WordList::new("").contains("apple"));
        assert!(!WordList::new("# only a header\n").contains("apple"));
    }

    #[test]
    fn single_and_two_line_lists() {
        let one = WordList::new("m\n");
        assert!(one.contains("m") && !one.contains("a") && !one.contains("z"));
        let two = WordList::new("b\nd\n");
        for (word, found) in [
            ("a", false),
            ("b", true),
            ("c", false),
            ("d", true),
            ("e", false),
        ] {
            assert_eq!(two.contains(word), found, "{word}");
        }
    }
}

/// English words (`rules/words-en.txt`), for dictionary-word tests.
/// Sorted by byte and searched in place: nothing to build at start-up.
pub const ENGLISH: WordList = WordList::new(include_str!("../../rules/words-en.txt"));

#[cfg(test)]
mod english_tests {
    use super::ENGLISH;

    #[test]
    fn the_english_list_is_sorted_and_found() {
        assert!(ENGLISH.is_sorted());
        assert!(ENGLISH.words().all(|w| ENGLISH.contains(w)));
        assert!(ENGLISH.contains("section") && !ENGLISH.contains("backgroundunder"));
        assert!(ENGLISH.contains("corpus") && !ENGLISH.contains("boluarte"));
    }
}
