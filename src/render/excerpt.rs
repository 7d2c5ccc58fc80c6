//! The part of an article one finding shows: the lines its labels touch, each cut to a
//! window around the labels, with control characters made visible.
//!
//! codespan-reporting prints a label's whole source line; a finding on a paragraph of
//! 100 KB would reprint it every time, and an escape sequence in the article would reach
//! the terminal. An [`Excerpt`] is a small text of its own that codespan renders instead,
//! reporting the article's real line and column numbers.

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;

use codespan_reporting::files::{Error, Files};

use crate::source::Source;
use crate::span::Span;

/// Lines up to this many characters are shown whole.
const WHOLE_LINE: usize = 240;
/// Characters kept on each side of a label's end on a line that is cut.
const CONTEXT: usize = 40;
/// A label up to this many characters is shown whole on a line that is cut.
const WHOLE_LABEL: usize = 240;

/// Marks text left out of a cut line.
pub const ELLIPSIS: &str = "…";

/// A control character, a bidirectional override or a lone escape made visible, as
/// rustc does: C0 controls as their Unicode control pictures (`␛`), the others as
/// `\u{…}`. Tabs stay: codespan expands them.
pub fn visible(c: char) -> Option<Cow<'static, str>> {
    match c {
        '\t' => None,
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).map(|p| Cow::Owned(p.to_string())),
        '\u{7f}' => Some(Cow::Borrowed("\u{2421}")),
        '\u{80}'..='\u{9f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {
            Some(Cow::Owned(format!("\\u{{{:x}}}", c as u32)))
        }
        _ => None,
    }
}

/// `text` with every control character made [`visible`]; borrowed when there is none.
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| visible(c).is_some()) {
        return Cow::Borrowed(text);
    }
    let mut escaped = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match visible(c) {
            Some(shown) => escaped.push_str(&shown),
            None => escaped.push(c),
        }
    }
    Cow::Owned(escaped)
}

/// One shown line: its 1-based number in the article and its range in the excerpt.
struct ShownLine {
    number: usize,
    range: Range<usize>,
}

/// A small text standing for the article in one finding's rendering.
pub struct Excerpt<'s> {
    source: &'s Source,
    text: String,
    lines: Vec<ShownLine>,
    /// Excerpt offset → article offset, for every label end.
    to_article: HashMap<usize, usize>,
    /// Article offset → excerpt offset, for every label end.
    to_excerpt: HashMap<usize, usize>,
}

impl<'s> Excerpt<'s> {
    /// The excerpt showing `spans` (article byte ranges).
    pub fn new(source: &'s Source, spans: &[Span]) -> Self {
        let text = source.text.as_str();
        let starts = source.line_starts();
        let clamp = |offset: usize| text.floor_char_boundary(offset);
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
        let bounds = |line: usize| source.line_content(starts[line]);
        let window = |line: usize, from: usize, to: usize| {
            let line = bounds(line);
            before(text, line.start, from, CONTEXT)..after(text, line.end, to, CONTEXT)
        };
        // Per line: the article ranges to keep, and the label ends on it.
        let mut keep: std::collections::BTreeMap<usize, Vec<Range<usize>>> = Default::default();
        let mut ends: Vec<usize> = Vec::new();
        for span in spans {
            let (start, end) = (clamp(span.start), clamp(span.end.max(span.start)));
            ends.extend([start, end]);
            let (first, last) = (line_of(start), line_of(end));
            let short =
                end - start <= WHOLE_LABEL * 4 && text[start..end].chars().count() <= WHOLE_LABEL;
            if first == last && short {
                keep.entry(first)
                    .or_default()
                    .push(window(first, start, end));
            } else {
                for (line, at) in [(first, start), (last, end)] {
                    keep.entry(line).or_default().push(window(line, at, at));
                }
            }
        }
        ends.sort_unstable();
        ends.dedup();
        let mut excerpt = Excerpt {
            source,
            text: String::new(),
            lines: Vec::new(),
            to_article: HashMap::new(),
            to_excerpt: HashMap::new(),
        };
        // A single line between two shown ones is shown (from its start), as codespan
        // does; a longer gap becomes two blank lines, which codespan prints as one `·`.
        // They carry the next shown line's number: codespan sizes its gutter from the
        // number of every line a multi-line label crosses, and a 0 would panic there.
        let gaps: Vec<usize> = keep
            .keys()
            .zip(keep.keys().skip(1))
            .filter(|&(a, b)| a + 2 == *b)
            .map(|(a, _)| a + 1)
            .collect();
        for line in gaps {
            let start = bounds(line).start;
            keep.entry(line)
                .or_default()
                .push(window(line, start, start));
        }
        let mut previous: Option<usize> = None;
        for (line, mut ranges) in keep {
            if previous.is_some_and(|p| p + 1 != line) {
                for _ in 0..2 {
                    let at = excerpt.text.len();
                    excerpt.lines.push(ShownLine {
                        number: line + 1,
                        range: at..at,
                    });
                    excerpt.text.push('\n');
                }
            }
            previous = Some(line);
            let Range {
                start: line_start,
                end: line_end,
            } = bounds(line);
            let whole = is_short(text, line_start..line_end);
            if whole {
                ranges.clear();
                ranges.push(line_start..line_end);
            }
            for range in &mut ranges {
                range.start = range.start.clamp(line_start, line_end);
                range.end = range.end.clamp(range.start, line_end);
            }
            ranges.sort_by_key(|r| r.start);
            let shown_start = excerpt.text.len();
            let mut at = line_start;
            for range in merge(ranges) {
                if range.start > at {
                    excerpt.text.push_str(ELLIPSIS);
                }
                excerpt.push(&text[range.clone()], range.start, &ends);
                at = range.end;
            }
            if at < line_end {
                excerpt.text.push_str(ELLIPSIS);
            }
            excerpt.lines.push(ShownLine {
                number: line + 1,
                range: shown_start..excerpt.text.len(),
            });
            excerpt.text.push('\n');
        }
        excerpt
    }

    /// Appends article text starting at `offset`, recording where label ends land.
    fn push(&mut self, piece: &str, offset: usize, ends: &[usize]) {
        let first = ends.partition_point(|&e| e < offset);
        let mut ends = ends[first..].iter().copied().peekable();
        let mut record = |excerpt: &mut Self, article: usize| {
            while let Some(&end) = ends.peek() {
                if end > article {
                    break;
                }
                if end == article {
                    excerpt.to_article.insert(excerpt.text.len(), article);
                    excerpt.to_excerpt.insert(article, excerpt.text.len());
                }
                ends.next();
            }
        };
        for (index, c) in piece.char_indices() {
            record(self, offset + index);
            match visible(c) {
                Some(shown) => self.text.push_str(&shown),
                None => self.text.push(c),
            }
        }
        record(self, offset + piece.len());
    }

    /// Where an article range lies in the excerpt.
    pub fn range(&self, span: Span) -> Range<usize> {
        let text = &self.source.text;
        let find = |offset: usize| {
            let offset = text.floor_char_boundary(offset);
            self.to_excerpt.get(&offset).copied().unwrap_or(0)
        };
        let start = find(span.start);
        start..find(span.end.max(span.start)).max(start)
    }
}

/// The text shown around `start..end` (on one line or two): the whole lines when they
/// are short, else `CONTEXT` characters on each side. Also whether text was cut before
/// and after.
pub fn fix_window(source: &Source, start: usize, end: usize) -> (Range<usize>, bool, bool) {
    let text = source.text.as_str();
    let (first, last) = (source.line_content(start), source.line_content(end));
    if is_short(text, first.start..last.end) {
        return (first.start..last.end.max(end), false, false);
    }
    let from = before(text, first.start, start, CONTEXT);
    let to = after(text, last.end, end, CONTEXT).max(end);
    (from..to, from > first.start, to < last.end)
}

/// Whether a range holds at most `WHOLE_LINE` characters, counting only when it must.
fn is_short(text: &str, range: Range<usize>) -> bool {
    let length = range.end.saturating_sub(range.start);
    length <= WHOLE_LINE || (length <= WHOLE_LINE * 4 && text[range].chars().count() <= WHOLE_LINE)
}

/// The start of a window of `chars` characters before `offset`, not before `line_start`.
fn before(text: &str, line_start: usize, offset: usize, chars: usize) -> usize {
    let offset = offset.max(line_start);
    text[line_start..offset]
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(line_start, |(i, _)| line_start + i)
}

/// The end of a window of `chars` characters after `offset`, not after `line_end`.
fn after(text: &str, line_end: usize, offset: usize, chars: usize) -> usize {
    let offset = offset.min(line_end);
    text[offset..line_end]
        .char_indices()
        .nth(chars)
        .map_or(line_end, |(i, _)| offset + i)
}

/// Sorted ranges with overlapping or touching ones joined.
fn merge(ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

impl<'a> Files<'a> for Excerpt<'_> {
    type FileId = ();
    type Name = Cow<'a, str>;
    type Source = &'a str;

    fn name(&'a self, (): ()) -> Result<Self::Name, Error> {
        Ok(escape_controls(&self.source.path))
    }

    fn source(&'a self, (): ()) -> Result<&'a str, Error> {
        Ok(&self.text)
    }

    fn line_index(&'a self, (): (), byte_index: usize) -> Result<usize, Error> {
        Ok(self
            .lines
            .partition_point(|line| line.range.start <= byte_index)
            .saturating_sub(1))
    }

    fn line_number(&'a self, (): (), line_index: usize) -> Result<usize, Error> {
        Ok(self.lines.get(line_index).map_or(0, |line| line.number))
    }

    fn column_number(
        &'a self,
        (): (),
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        if let Some(&article) = self.to_article.get(&byte_index) {
            return Ok(self.source.location(article).column);
        }
        let range = self.line_range((), line_index)?;
        Ok(codespan_reporting::files::column_index(&self.text, range, byte_index) + 1)
    }

    fn line_range(&'a self, (): (), line_index: usize) -> Result<Range<usize>, Error> {
        self.lines
            .get(line_index)
            .map(|line| line.range.start..line.range.end + 1)
            .ok_or(Error::LineTooLarge {
                given: line_index,
                max: self.lines.len().saturating_sub(1),
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_made_visible() {
        assert_eq!(escape_controls("a\u{1b}]0;x\u{7}b"), "a␛]0;x␇b");
        assert_eq!(escape_controls("\u{202e}abc"), "\\u{202e}abc");
        assert!(matches!(escape_controls("plain\ttext"), Cow::Borrowed(_)));
    }

    #[test]
    fn a_long_line_is_cut_around_the_label() {
        let text = format!("{}target{}\nnext", "a ".repeat(500), " b".repeat(500));
        let source = Source::new("long.md", text.clone());
        let start = text.find("target").unwrap();
        let excerpt = Excerpt::new(&source, &[Span::new(start, start + 6)]);
        assert!(excerpt.text.len() < 200, "{}", excerpt.text);
        assert!(excerpt.text.starts_with(ELLIPSIS) && excerpt.text.trim_end().ends_with(ELLIPSIS));
        let range = excerpt.range(Span::new(start, start + 6));
        assert_eq!(&excerpt.text[range.clone()], "target");
        assert_eq!(
            excerpt.location((), range.start).unwrap().column_number,
            1001
        );
    }

    #[test]
    fn lines_keep_their_numbers_with_lone_carriage_returns() {
        let source = Source::new("cr.md", "one\rtwo\rthree bad\r");
        let at = source.text.find("bad").unwrap();
        let excerpt = Excerpt::new(&source, &[Span::new(at, at + 3)]);
        let location = excerpt
            .location((), excerpt.range(Span::new(at, at + 3)).start)
            .unwrap();
        assert_eq!((location.line_number, location.column_number), (3, 7));
        assert_eq!(excerpt.text, "three bad\n");
    }

    #[test]
    fn a_label_across_a_gap_of_lines_renders() {
        use codespan_reporting::diagnostic::{Diagnostic, Label};
        use codespan_reporting::term::{self, Config, termcolor};
        let text =
            "Intro.\nThe first line of a claim\nwith a middle\nand another middle\nends here.\n";
        let source = Source::new("gap.md", text);
        let (start, end) = (text.find("The").unwrap(), text.find("here").unwrap() + 4);
        let word = text.find("first").unwrap();
        let spans = [Span::new(start, end), Span::new(word, word + 5)];
        let excerpt = Excerpt::new(&source, &spans);
        let diagnostic = Diagnostic::warning().with_labels(vec![
            Label::primary((), excerpt.range(spans[0])),
            Label::secondary((), excerpt.range(spans[1])),
        ]);
        let config = Config {
            start_context_lines: 0,
            end_context_lines: 0,
            ..Config::default()
        };
        let mut out = termcolor::Buffer::no_color();
        term::emit_to_write_style(&mut out, &config, &excerpt, &diagnostic).unwrap();
        let shown = String::from_utf8(out.into_inner()).unwrap();
        assert!(shown.contains("2 │") && shown.contains("5 │"), "{shown}");
        assert!(!shown.contains("with a middle"), "{shown}");
    }
}
