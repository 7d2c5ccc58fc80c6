//! Byte ranges into an article's text: what every finding, label and edit points at.

/// A byte range into the article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub fn len(self) -> usize {
        self.end - self.start
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// A set of spans answering "does one of them contain this span?" in logarithmic time,
/// so checking every finding against every span stays linear in both.
#[derive(Debug, Default)]
pub struct SpanCover {
    /// Sorted by start.
    spans: Vec<Span>,
    /// The largest end among `spans[..=i]`.
    max_end: Vec<usize>,
}

impl SpanCover {
    pub fn new(mut spans: Vec<Span>) -> Self {
        spans.sort_by_key(|s| s.start);
        let max_end = spans
            .iter()
            .scan(0, |max, s| {
                *max = s.end.max(*max);
                Some(*max)
            })
            .collect();
        SpanCover { spans, max_end }
    }

    /// Whether one of the spans contains `span` (start and end inclusive).
    pub fn contains(&self, span: Span) -> bool {
        let starting_before = self.spans.partition_point(|s| s.start <= span.start);
        starting_before > 0 && self.max_end[starting_before - 1] >= span.end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cover_finds_the_span_that_contains() {
        let cover = SpanCover::new(vec![Span::new(10, 20), Span::new(0, 50), Span::new(60, 70)]);
        assert!(cover.contains(Span::new(30, 40)));
        assert!(cover.contains(Span::new(65, 70)));
        assert!(!cover.contains(Span::new(45, 55)));
        assert!(!cover.contains(Span::new(75, 76)));
        assert!(!SpanCover::default().contains(Span::new(0, 0)));
    }
}
