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

/// A label to show: an article span, its message and whether it is the primary one.
pub struct Wanted {
    pub span: Span,
    pub message: String,
    pub primary: bool,
}

/// A label as placed in an [`Excerpt`]: its range there and its message, which may have
/// been told where a span cut to its first line ends.
pub struct Placed {
    pub range: Range<usize>,
    pub message: String,
    pub primary: bool,
    /// A message too long to print beside its label within the width, for a note.
    pub overflow: Option<String>,
}

/// A small text standing for the article in one finding's rendering.
pub struct Excerpt<'s> {
    source: &'s Source,
    text: String,
    lines: Vec<ShownLine>,
    /// Excerpt offset → article offset, for every label end.
    to_article: HashMap<usize, usize>,
}

/// Columns codespan prints before a source line: the line number, ` │ `.
pub fn gutter(max_line_number: usize) -> usize {
    max_line_number.max(1).ilog10() as usize + 1 + 3
}

/// The columns a character takes once shown (controls as their pictures, tabs as one
/// space).
fn columns(c: char) -> usize {
    match visible(c) {
        Some(shown) => shown.chars().count(),
        None if c == '\t' => 1,
        None => unicode_width::UnicodeWidthChar::width(c).unwrap_or(0),
    }
}

/// Display width of article text.
pub fn width_of(text: &str) -> usize {
    text.chars().map(columns).sum()
}

/// One label on one line, in article offsets, with the middle left out when it is long.
struct OnLine {
    index: usize,
    start: usize,
    end: usize,
    /// Article range replaced by `…` inside a long label.
    elided: Option<Range<usize>>,
    message_width: usize,
}

impl<'s> Excerpt<'s> {
    /// The excerpt showing `wanted` labels so that every printed line, gutter included,
    /// fits in `width` columns: each line is cut to windows around its labels, at word
    /// boundaries, with `…` where text is left out. Labels far apart on one line get
    /// windows of their own (shown as the same line twice). A span across lines is cut to
    /// its first line and its message says where it ends.
    pub fn new(source: &'s Source, wanted: &[Wanted], width: usize) -> (Self, Vec<Placed>) {
        let text = source.text.as_str();
        let starts = source.line_starts();
        let line_of = |offset: usize| starts.partition_point(|&s| s <= offset) - 1;
        let mut excerpt = Excerpt {
            source,
            text: String::new(),
            lines: Vec::new(),
            to_article: HashMap::new(),
        };
        let mut placed: Vec<Placed> = Vec::with_capacity(wanted.len());
        // Per line: its labels.
        let mut by_line: std::collections::BTreeMap<usize, Vec<OnLine>> = Default::default();
        let mut max_line = 1;
        for (index, label) in wanted.iter().enumerate() {
            let start = text.floor_char_boundary(label.span.start.min(text.len()));
            let end = text.floor_char_boundary(label.span.end.max(start).min(text.len()));
            let line = line_of(start);
            let bounds = source.line_content(starts[line]);
            let start = start.min(bounds.end);
            let mut message = label.message.clone();
            let end = if end > bounds.end {
                let last = line_of(end);
                if last > line + 1 || (last == line + 1 && end > starts[last]) {
                    let at = source.location(text.floor_char_boundary(end.saturating_sub(1)));
                    let told = format!("to {}:{}", at.line, at.column);
                    message = if message.is_empty() {
                        told
                    } else {
                        format!("{message} ({told})")
                    };
                }
                bounds.end
            } else {
                end
            };
            max_line = max_line.max(line + 1);
            placed.push(Placed {
                range: 0..0,
                message,
                primary: label.primary,
                overflow: None,
            });
            by_line.entry(line).or_default().push(OnLine {
                index,
                start,
                end,
                elided: None,
                message_width: 0,
            });
        }
        // Columns left for the text once the gutter is printed; never too few to show a
        // word (the human renderer keeps the width at 20 or more, so this floor is only
        // reached on lines numbered in the hundred thousands).
        let budget = width.saturating_sub(gutter(max_line)).max(12);
        let longest_label = budget / 2;
        let mut previous: Option<usize> = None;
        for (line, mut labels) in by_line {
            let bounds = source.line_content(starts[line]);
            if previous.is_some_and(|p| p + 1 < line) {
                // Two blank lines: codespan prints a gap as one `·`. They carry the next
                // line's number, as the gutter is sized from every line number.
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
            for label in &mut labels {
                label.message_width = width_of(&placed[label.index].message);
                let shown = if cut_after(text, label.start, label.end, longest_label) < label.end {
                    longest_label + 1
                } else {
                    width_of(&text[label.start..label.end])
                };
                if label.message_width + shown.min(longest_label) + 4 > budget {
                    let at = source.location(label.start);
                    let message = std::mem::take(&mut placed[label.index].message);
                    placed[label.index].overflow =
                        Some(format!("{}:{}: {message}", at.line, at.column));
                    label.message_width = 0;
                }
                if shown > longest_label {
                    let head = cut_after(text, label.start, label.end, longest_label / 2);
                    let tail = cut_before(text, head, label.end, longest_label / 2);
                    if head < tail {
                        label.elided = Some(head..tail);
                    }
                }
            }
            labels.sort_by_key(|l| (l.start, l.end));
            // A long label's middle is kept when another label starts or ends in it.
            let boundaries: Vec<usize> = labels.iter().flat_map(|l| [l.start, l.end]).collect();
            for label in &mut labels {
                if let Some(middle) = &label.elided
                    && boundaries
                        .iter()
                        .any(|&b| b > middle.start && b < middle.end)
                {
                    label.elided = None;
                }
            }
            // Measured only on a line short enough to fit: a paragraph of megabytes is
            // never scanned whole for each finding.
            let whole_fits = bounds.len() <= budget * 4
                && width_of(&text[bounds.clone()]) <= budget
                && Cluster::of(text, bounds.start, &labels).needs <= budget;
            let clusters = if whole_fits {
                vec![(bounds.clone(), labels)]
            } else {
                windows(text, bounds.clone(), labels, budget)
            };
            for (window, labels) in clusters {
                excerpt.show(text, line, bounds.clone(), window, &labels, &mut placed);
            }
        }
        (excerpt, placed)
    }

    /// Appends one window of article line `line` (0-based) and places its labels.
    fn show(
        &mut self,
        text: &str,
        line: usize,
        bounds: Range<usize>,
        window: Range<usize>,
        labels: &[OnLine],
        placed: &mut [Placed],
    ) {
        let shown_start = self.text.len();
        if window.start > bounds.start {
            self.text.push_str(ELLIPSIS);
        }
        // Article offsets whose excerpt offset is wanted, in order.
        let mut points: Vec<usize> = labels.iter().flat_map(|l| [l.start, l.end]).collect();
        points.sort_unstable();
        points.dedup();
        let mut at_point: HashMap<usize, usize> = HashMap::with_capacity(points.len());
        let mut next_point = 0;
        let elided: Vec<Range<usize>> = labels.iter().filter_map(|l| l.elided.clone()).collect();
        let mut offset = window.start;
        while offset <= window.end {
            while next_point < points.len() && points[next_point] <= offset {
                if points[next_point] == offset {
                    at_point.insert(offset, self.text.len());
                    self.to_article.insert(self.text.len(), offset);
                }
                next_point += 1;
            }
            if offset == window.end {
                break;
            }
            if let Some(middle) = elided.iter().find(|m| m.start == offset) {
                self.text.push_str(ELLIPSIS);
                offset = middle.end;
                continue;
            }
            let c = text[offset..].chars().next().unwrap_or(' ');
            match visible(c) {
                Some(shown) => self.text.push_str(&shown),
                None if c == '\t' => self.text.push(' '),
                None => self.text.push(c),
            }
            offset += c.len_utf8();
        }
        if window.end < bounds.end {
            self.text.push_str(ELLIPSIS);
        }
        for label in labels {
            let start = at_point.get(&label.start).copied().unwrap_or(shown_start);
            let end = at_point
                .get(&label.end)
                .copied()
                .unwrap_or(start)
                .max(start);
            placed[label.index].range = start..end;
        }
        self.lines.push(ShownLine {
            number: line + 1,
            range: shown_start..self.text.len(),
        });
        self.text.push('\n');
    }
}

/// Labels shown together, with the columns they need from the first one's start: their
/// text, and each message hanging under or after its label.
struct Cluster {
    start: usize,
    end: usize,
    elided: Vec<Range<usize>>,
    /// Columns of the shown text from `start` to `end`.
    width: usize,
    /// Columns the caret and message lines need from `start`.
    needs: usize,
}

/// Columns of article text `from..to` once shown, each elided middle inside as one `…`.
fn shown_width(text: &str, from: usize, to: usize, elided: &[Range<usize>]) -> usize {
    let mut width = 0;
    let mut cursor = from;
    for middle in elided {
        if middle.start >= cursor && middle.end <= to {
            width += width_of(&text[cursor..middle.start]) + 1;
            cursor = middle.end;
        }
    }
    width + width_of(&text[cursor.min(to)..to])
}

impl Cluster {
    fn starting_at(start: usize) -> Cluster {
        Cluster {
            start,
            end: start,
            elided: Vec::new(),
            width: 0,
            needs: 0,
        }
    }

    fn of(text: &str, from: usize, labels: &[OnLine]) -> Cluster {
        let mut cluster = Cluster::starting_at(from);
        for label in labels {
            cluster.extend(text, label);
        }
        cluster
    }

    /// Takes in `label`, which starts at or after the cluster's start.
    fn extend(&mut self, text: &str, label: &OnLine) {
        if let Some(middle) = &label.elided {
            self.elided.push(middle.clone());
            self.elided.sort_by_key(|m| m.start);
        }
        self.end = self.end.max(label.end);
        self.width = shown_width(text, self.start, self.end, &self.elided);
        let label_start = shown_width(text, self.start, label.start, &self.elided);
        let label_end = shown_width(text, self.start, label.end, &self.elided);
        self.needs = self
            .needs
            .max(self.width)
            .max(label_end + 1 + label.message_width)
            .max(label_start + label.message_width);
    }

    fn grown(&self, text: &str, label: &OnLine) -> Cluster {
        let mut grown = Cluster {
            start: self.start,
            end: self.end,
            elided: self.elided.clone(),
            width: self.width,
            needs: self.needs,
        };
        grown.extend(text, label);
        grown
    }
}

/// Windows of one line (whose labels fit not in one): labels grouped while they fit in
/// `budget` columns, each group given context on both sides cut at word boundaries.
fn windows(
    text: &str,
    bounds: Range<usize>,
    labels: Vec<OnLine>,
    budget: usize,
) -> Vec<(Range<usize>, Vec<OnLine>)> {
    // Room for the `…` on each side.
    let room = budget.saturating_sub(2);
    let mut groups: Vec<(Cluster, Vec<OnLine>)> = Vec::new();
    for label in labels {
        if let Some((cluster, members)) = groups.last_mut() {
            let grown = cluster.grown(text, &label);
            if grown.needs <= room {
                *cluster = grown;
                members.push(label);
                continue;
            }
        }
        let mut cluster = Cluster::starting_at(label.start);
        cluster.extend(text, &label);
        groups.push((cluster, vec![label]));
    }
    groups
        .into_iter()
        .map(|(cluster, members)| {
            let spare = room.saturating_sub(cluster.width);
            // Half the spare columns before, as long as the messages still fit.
            let before_columns = (spare / 2).min(room.saturating_sub(cluster.needs));
            let from = word_start(text, bounds.start, cluster.start, before_columns);
            let used = width_of(&text[from..cluster.start]);
            let after_columns = room.saturating_sub(cluster.width + used);
            let to = word_end(text, bounds.end, cluster.end, after_columns);
            (from..to, members)
        })
        .collect()
}

/// Where to start showing text before `offset`: at most `columns` columns back, moved
/// forward to a word's start when the cut falls inside one; the line start when it fits.
fn word_start(text: &str, line_start: usize, offset: usize, columns: usize) -> usize {
    let mut used = 0;
    let mut from = offset;
    for (i, c) in text[line_start..offset].char_indices().rev() {
        used += columns_of(c);
        if used > columns {
            let kept = &text[from..offset];
            return match kept.find(char::is_whitespace) {
                Some(space) if space + 1 < kept.len() => {
                    let after = &kept[space..];
                    from + space + (after.len() - after.trim_start().len())
                }
                _ => from,
            };
        }
        from = line_start + i;
    }
    line_start
}

/// Where to stop showing text after `offset`: at most `columns` columns on, moved back to
/// a word's end when the cut falls inside one; the line end when it fits.
fn word_end(text: &str, line_end: usize, offset: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[offset..line_end].char_indices() {
        used += columns_of(c);
        if used > columns {
            let kept = &text[offset..offset + i];
            return match kept.rfind(char::is_whitespace) {
                Some(space) if space > 0 => offset + kept[..space].trim_end().len(),
                _ => offset + i,
            };
        }
    }
    line_end
}

fn columns_of(c: char) -> usize {
    columns(c)
}

/// The offset `columns` columns after `from`, not past `to`.
fn cut_after(text: &str, from: usize, to: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[from..to].char_indices() {
        used += columns_of(c);
        if used > columns {
            return from + i;
        }
    }
    to
}

/// The offset `columns` columns before `to`, not before `from`.
fn cut_before(text: &str, from: usize, to: usize, columns: usize) -> usize {
    let mut used = 0;
    for (i, c) in text[from..to].char_indices().rev() {
        used += columns_of(c);
        if used > columns {
            return from + i + c.len_utf8();
        }
    }
    from
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

    fn label(start: usize, end: usize, message: &str) -> Wanted {
        Wanted {
            span: Span::new(start, end),
            message: message.to_string(),
            primary: true,
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_label() {
        let text = format!("{}target{}\nnext", "a ".repeat(500), " b".repeat(500));
        let source = Source::new("long.md", text.clone());
        let start = text.find("target").unwrap();
        let (excerpt, placed) = Excerpt::new(&source, &[label(start, start + 6, "")], 80);
        assert!(width_of(&excerpt.text) <= 80, "{}", excerpt.text);
        assert!(excerpt.text.starts_with(ELLIPSIS) && excerpt.text.trim_end().ends_with(ELLIPSIS));
        let range = placed[0].range.clone();
        assert_eq!(&excerpt.text[range.clone()], "target");
        assert_eq!(
            excerpt.location((), range.start).unwrap().column_number,
            1001
        );
    }

    #[test]
    fn labels_far_apart_get_windows_of_their_own() {
        let text = format!("first {} second\n", "word ".repeat(100));
        let source = Source::new("far.md", text.clone());
        let (a, b) = (text.find("first").unwrap(), text.find("second").unwrap());
        let wanted = [label(a, a + 5, "one"), label(b, b + 6, "two")];
        let (excerpt, placed) = Excerpt::new(&source, &wanted, 60);
        assert_eq!(excerpt.lines.len(), 2, "{}", excerpt.text);
        assert!(excerpt.lines.iter().all(|l| l.number == 1));
        assert_eq!(&excerpt.text[placed[1].range.clone()], "second");
        // Cut at word boundaries: every window holds whole words.
        assert!(
            !excerpt.text.contains("wor…") && !excerpt.text.contains("…ord"),
            "{}",
            excerpt.text
        );
    }

    #[test]
    fn a_span_across_lines_is_cut_to_its_first_and_says_where_it_ends() {
        let text = "one two\nthree four\n";
        let source = Source::new("two.md", text);
        let (excerpt, placed) = Excerpt::new(&source, &[label(4, 13, "both")], 80);
        assert_eq!(excerpt.text, "one two\n");
        assert_eq!(placed[0].message, "both (to 2:5)");
    }

    #[test]
    fn lines_keep_their_numbers_with_lone_carriage_returns() {
        let source = Source::new("cr.md", "one\rtwo\rthree bad\r");
        let at = source.text.find("bad").unwrap();
        let (excerpt, placed) = Excerpt::new(&source, &[label(at, at + 3, "")], 80);
        let location = excerpt.location((), placed[0].range.start).unwrap();
        assert_eq!((location.line_number, location.column_number), (3, 7));
        assert_eq!(excerpt.text, "three bad\n");
    }

    #[test]
    fn labels_on_lines_apart_render_with_a_gap() {
        use codespan_reporting::diagnostic::{Diagnostic, Label};
        use codespan_reporting::term::{self, Config, termcolor};
        let text =
            "Intro.\nThe first line of a claim\nwith a middle\nand another middle\nends here.\n";
        let source = Source::new("gap.md", text);
        let (start, word) = (text.find("ends").unwrap(), text.find("first").unwrap());
        let wanted = [label(start, start + 4, ""), label(word, word + 5, "")];
        let (excerpt, placed) = Excerpt::new(&source, &wanted, 80);
        let diagnostic = Diagnostic::warning().with_labels(vec![
            Label::primary((), placed[0].range.clone()),
            Label::secondary((), placed[1].range.clone()),
        ]);
        let config = Config {
            start_context_lines: 0,
            end_context_lines: 0,
            ..Config::default()
        };
        let mut out = termcolor::Buffer::no_color();
        term::emit_to_write_style(&mut out, &config, &excerpt, &diagnostic).unwrap();
        let shown = String::from_utf8(out.into_inner()).unwrap();
        assert!(
            shown.contains("2 │") && shown.contains("5 │") && shown.contains('·'),
            "{shown}"
        );
        assert!(!shown.contains("with a middle"), "{shown}");
    }
}
