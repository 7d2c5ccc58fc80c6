//! Sentences with byte spans, split by a fast splitter that knows abbreviations.
//!
//! UAX #29 (unicode-segmentation) costs about 24 MB/s and breaks after `Mr.`, `Jan.`,
//! `U.S.` or `pp.`; this splitter reads only the prose runs of one block, breaks after
//! `.`, `!`, `?` or `…` when whitespace and a non-lower-case word follow, and re-joins
//! after the abbreviations listed in `rules/abbreviations-*.toml`. A note marker, closing
//! quote or `<ref>…</ref>` right after the terminator belongs to the sentence it ends.
//! The tests check it against UAX #29 on text without abbreviations.

use rustc_hash::FxHashSet as HashSet;
use std::sync::LazyLock;

use serde::Deserialize;

use super::Span;
use super::notes::{bracket_ref, superscript_value};

/// One sentence of a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// From the first character to the terminator and whatever closes it (quotes, note
    /// markers, `<ref>` citations), or to the end of the block.
    pub span: Span,
    /// Whether it ends with `.`, `!`, `?` or `…`.
    pub terminated: bool,
}

#[derive(Deserialize)]
struct AbbreviationPack {
    abbreviations: Vec<String>,
    before_numbers: Vec<String>,
}

struct Abbreviations {
    always: HashSet<String>,
    before_numbers: HashSet<String>,
}

static ABBREVIATIONS: LazyLock<Abbreviations> = LazyLock::new(|| {
    let mut always = HashSet::default();
    let mut before_numbers = HashSet::default();
    for source in [
        include_str!("../../rules/abbreviations-en.toml"),
        include_str!("../../rules/abbreviations-es.toml"),
    ] {
        let pack: AbbreviationPack =
            toml::from_str(source).expect("embedded abbreviation packs are valid TOML");
        always.extend(pack.abbreviations);
        before_numbers.extend(pack.before_numbers);
    }
    Abbreviations {
        always,
        before_numbers,
    }
});

/// Wikitext citations in `span`: `<ref>…</ref>`, `<ref name="x">…</ref>` and
/// `<ref name="x" />`. An unclosed `<ref>` is not a citation.
pub fn inline_refs(text: &str, span: Span) -> Vec<Span> {
    let mut refs = Vec::new();
    let Some(source) = text.get(span.start..span.end) else {
        return refs;
    };
    let mut at = 0;
    while let Some(found) = memchr::memmem::find(&source.as_bytes()[at..], b"<ref") {
        let start = at + found;
        at = start + 4;
        let Some(end) = ref_end(source, start) else {
            continue;
        };
        refs.push(Span::new(span.start + start, span.start + end));
        at = end;
    }
    refs
}

/// The end of the `<ref` element that starts at `start` of `source`.
fn ref_end(source: &str, start: usize) -> Option<usize> {
    let rest = source.get(start + 4..)?;
    // `<reference>` or `<refs>` are other tags.
    if !rest.starts_with(['>', ' ', '/', '\t', '\n']) {
        return None;
    }
    let open_end = rest.find('>')?;
    if rest[..open_end].ends_with('/') {
        return Some(start + 4 + open_end + 1);
    }
    let close = rest[open_end..].find("</ref>")?;
    Some(start + 4 + open_end + close + "</ref>".len())
}

/// Characters that close a sentence after its terminator.
fn is_closer(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '*' | '_' | '~'
    ) || superscript_value(c).is_some()
}

/// Characters that may open a sentence before its first word.
fn is_opener(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '“' | '‘' | '«' | '(' | '[' | '¿' | '¡' | '*' | '_' | '~'
    )
}

/// Walks the prose of one block: the runs, with the gaps between them (markup) and the
/// opaque spans (citations) passed over.
struct Prose<'a> {
    text: &'a str,
    runs: &'a [Span],
    opaque: &'a [Span],
}

impl Prose<'_> {
    fn end(&self) -> usize {
        self.runs.last().map_or(0, |r| r.end)
    }

    fn in_run(&self, at: usize) -> bool {
        let index = self.runs.partition_point(|r| r.end <= at);
        let opaque = self.opaque.partition_point(|o| o.start <= at);
        self.runs.get(index).is_some_and(|r| r.start <= at)
            && !(opaque > 0 && at < self.opaque[opaque - 1].end)
    }

    fn opaque_at(&self, at: usize) -> Option<Span> {
        let index = self.opaque.partition_point(|o| o.start < at);
        self.opaque.get(index).filter(|o| o.start == at).copied()
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..)?.chars().next()
    }

    /// Past the closing quotes, brackets, emphasis, note markers and citations at `at`.
    fn skip_closers(&self, mut at: usize) -> usize {
        let end = self.end();
        while at < end {
            if let Some(opaque) = self.opaque_at(at) {
                at = opaque.end;
                continue;
            }
            let Some(c) = self.char_at(at) else { break };
            if c == '['
                && let Some(rest) = self.text.get(at..end)
                && let Ok((after, _)) = bracket_ref(rest)
            {
                at = end - after.len();
                continue;
            }
            if is_closer(c) || (!self.in_run(at) && !c.is_whitespace()) {
                at += c.len_utf8();
                continue;
            }
            break;
        }
        at
    }

    /// The first character at or after `at` that is neither whitespace, markup nor an
    /// opening quote or bracket.
    fn next_word_char(&self, mut at: usize) -> Option<char> {
        let end = self.end();
        while at < end {
            if let Some(opaque) = self.opaque_at(at) {
                at = opaque.end;
                continue;
            }
            let c = self.char_at(at)?;
            if c.is_whitespace() || is_opener(c) || !self.in_run(at) {
                at += c.len_utf8();
                continue;
            }
            return Some(c);
        }
        None
    }

    /// Past whitespace and opaque spans.
    fn skip_space(&self, mut at: usize) -> usize {
        let end = self.end();
        while at < end {
            let Some(c) = self.char_at(at) else { break };
            if !c.is_whitespace() {
                break;
            }
            at += c.len_utf8();
        }
        at
    }
}

/// Whether a `.` at `dot` ends an abbreviation or an initial rather than a sentence.
fn is_abbreviation(text: &str, sentence_start: usize, dot: usize, next: Option<char>) -> bool {
    let before = text.get(sentence_start..dot).unwrap_or("");
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = before[word_start..].trim_start_matches('.');
    if word.is_empty() {
        return false;
    }
    let mut chars = word.chars();
    if let (Some(first), None) = (chars.next(), chars.next())
        && first.is_uppercase()
    {
        return true;
    }
    let abbreviations = &*ABBREVIATIONS;
    abbreviations.always.contains(word)
        || (abbreviations.before_numbers.contains(word) && next.is_some_and(|c| c.is_ascii_digit()))
}

/// Splits the prose of one block, given as its text runs in order, into sentences.
/// `opaque` (sorted) are spans inside the runs that are citations rather than prose.
pub fn split(text: &str, runs: &[Span], opaque: &[Span]) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let Some(first) = runs.first() else {
        return sentences;
    };
    let prose = Prose { text, runs, opaque };
    let end = prose.end();
    let bytes = text.as_bytes();
    let mut start = prose.skip_space(first.start);
    let mut next_opaque = 0;
    for run in runs {
        let mut at = run.start.max(start);
        // Lead bytes of `…`, found once per run: searching the rest of the run at every
        // terminator would make a long paragraph quadratic.
        let ellipses: Vec<usize> = memchr::memchr_iter(0xE2, &bytes[at.min(run.end)..run.end])
            .map(|i| at + i)
            .collect();
        let mut next_ellipsis = 0;
        while at < run.end {
            while opaque.get(next_opaque).is_some_and(|o| o.end <= at) {
                next_opaque += 1;
            }
            let limit = match opaque.get(next_opaque) {
                Some(o) if o.start <= at => {
                    at = o.end;
                    continue;
                }
                Some(o) => o.start.min(run.end),
                None => run.end,
            };
            // Jump to the next possible terminator before the next citation.
            let window = &bytes[at..limit];
            while ellipses.get(next_ellipsis).is_some_and(|&e| e < at) {
                next_ellipsis += 1;
            }
            let ellipsis = ellipses
                .get(next_ellipsis)
                .filter(|&&e| e < limit)
                .map(|&e| e - at);
            let found = match (memchr::memchr3(b'.', b'!', b'?', window), ellipsis) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let Some(offset) = found else {
                at = limit;
                continue;
            };
            at += offset;
            let byte = bytes[at];
            let len = match byte {
                b'.' | b'!' | b'?' => 1,
                0xE2 if bytes.get(at..at + 3) == Some("…".as_bytes()) => 3,
                _ => {
                    at += 1;
                    continue;
                }
            };
            let mut after = at + len;
            while after < run.end && matches!(bytes[after], b'.' | b'!' | b'?') {
                after += 1;
            }
            let closed = prose.skip_closers(after);
            let ends_block = closed >= end;
            let spaced = ends_block || prose.char_at(closed).is_some_and(char::is_whitespace);
            if !spaced {
                at = after;
                continue;
            }
            let next = prose.next_word_char(closed);
            let lower_next = next.is_some_and(char::is_lowercase);
            let no_letters = !text
                .get(start..at)
                .unwrap_or("")
                .chars()
                .any(char::is_alphabetic);
            let abbreviation = byte == b'.' && after == at + 1 && {
                let next_non_space = prose.char_at(prose.skip_space(closed));
                is_abbreviation(text, start, at, next_non_space)
            };
            if !ends_block && (lower_next || no_letters || abbreviation) {
                at = after;
                continue;
            }
            let span_end = closed.min(end);
            if span_end > start {
                sentences.push(Sentence {
                    span: Span::new(start, span_end),
                    terminated: true,
                });
            }
            start = prose.skip_space(span_end);
            at = start.max(after);
        }
    }
    if start < end {
        let rest = text.get(start..end).unwrap_or("").trim_end();
        if !rest.is_empty() {
            sentences.push(Sentence {
                span: Span::new(start, start + rest.len()),
                terminated: false,
            });
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn whole(text: &str) -> Vec<&str> {
        split(text, &[Span::new(0, text.len())], &[])
            .into_iter()
            .map(|s| s.span.text(text))
            .collect()
    }

    #[test]
    fn agrees_with_uax29_without_abbreviations() {
        let samples = [
            "The port opened in 1998. It handles most of the grain! Does it pay? Nobody knows.",
            "She said \"enough.\" Then she left. The vote was 45 to 3.",
            "Prices rose 3.5 percent in 2022. Wages did not. Ask why (or not).",
            "Él llegó en 2010. ¿Quién pagó? ¡Nadie! El resto es historia.",
        ];
        for text in samples {
            let uax: Vec<&str> = text
                .split_sentence_bounds()
                .map(str::trim_end)
                .filter(|s| !s.is_empty())
                .collect();
            assert_eq!(whole(text), uax, "{text}");
        }
    }

    #[test]
    fn abbreviations_and_initials_do_not_break() {
        assert_eq!(
            whole("Mr. Smith met Gen. Ortiz in the U.S. Army base. He left on Jan. 5 at noon."),
            [
                "Mr. Smith met Gen. Ortiz in the U.S. Army base.",
                "He left on Jan. 5 at noon."
            ]
        );
        assert_eq!(
            whole("See pp. 45–52 of vol. 3 by J. R. Tolkien. El Sr. Pérez llegó a EE.UU. Ayer."),
            [
                "See pp. 45–52 of vol. 3 by J. R. Tolkien.",
                "El Sr. Pérez llegó a EE.UU. Ayer."
            ]
        );
        // `No` breaks when no number follows.
        assert_eq!(
            whole("He said no. Then he left."),
            ["He said no.", "Then he left."]
        );
    }

    #[test]
    fn markers_and_quotes_close_the_sentence() {
        assert_eq!(
            whole("He would sell \"*advanced technology*.\"³ This was new. Also[^2]. End¹⁴."),
            [
                "He would sell \"*advanced technology*.\"³",
                "This was new.",
                "Also[^2].",
                "End¹⁴."
            ]
        );
    }

    #[test]
    fn lower_case_and_decimals_continue() {
        assert_eq!(
            whole("It grew 2.5 times, e.g. in Peru. version 1.2 is out"),
            ["It grew 2.5 times, e.g. in Peru. version 1.2 is out"]
        );
    }

    #[test]
    fn wikitext_refs_are_opaque_closers() {
        let text = "Born in 1968.<ref>{{cite web|title=A. B. C.|date=2010}}</ref> He played.<ref name=\"x\" /> Done";
        let refs = inline_refs(text, Span::new(0, text.len()));
        assert_eq!(refs.len(), 2);
        let got: Vec<_> = split(text, &[Span::new(0, text.len())], &refs)
            .into_iter()
            .map(|s| s.span.text(text))
            .collect();
        assert_eq!(
            got,
            [
                "Born in 1968.<ref>{{cite web|title=A. B. C.|date=2010}}</ref>",
                "He played.<ref name=\"x\" />",
                "Done"
            ]
        );
    }

    #[test]
    fn gaps_between_runs_are_markup() {
        // `**Bold.** Next` as two runs around the emphasis markers.
        let text = "**Bold claim.** Next one.";
        let runs = [Span::new(2, 13), Span::new(15, text.len())];
        let got: Vec<_> = split(text, &runs, &[])
            .into_iter()
            .map(|s| s.span.text(text))
            .collect();
        assert_eq!(got, ["Bold claim.**", "Next one."]);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in ["…", ".", "¿?", "a.…b", "<ref", "<ref>x", "x. ", "É. é. 1."] {
            let _ = whole(text);
            let _ = inline_refs(text, Span::new(0, text.len()));
        }
    }
}
