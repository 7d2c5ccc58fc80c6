//! Which sentences a citation covers: a note marker or link inside the sentence or right
//! after its full stop, a citation in parentheses after it, the closing sentence of a
//! quotation, and under paragraph scope a later sentence of the same block.

use crate::document::{Document, Span, sentence};
use crate::rules::counted_note_refs;

use super::CitationScope;
use super::units::Unit;

/// Every citation of a document: note markers, links, URLs and wikitext refs.
pub(super) struct Citations {
    /// Sorted by start.
    spans: Vec<Span>,
    /// The furthest end among the citations up to each one: a link that starts before a
    /// sentence can still reach into it.
    reach: Vec<usize>,
    /// The wikitext `<ref>`s of each block, which are not prose.
    pub(super) refs_by_block: Vec<Vec<Span>>,
    /// The document has no citation, no note and no link at all.
    pub(super) none_at_all: bool,
}

impl Citations {
    /// The citations of `document`, whose text runs per block are `runs`.
    pub(super) fn gather(document: &Document<'_>, runs: &[Vec<Span>]) -> Self {
        let text = document.text;
        let mut spans: Vec<Span> = counted_note_refs(document).map(|r| r.span).collect();
        spans.extend(
            document
                .links
                .iter()
                .filter(|l| l.note.is_none())
                .map(|l| l.span),
        );
        spans.extend(document.link_sites.iter().copied());
        let mut refs_by_block: Vec<Vec<Span>> = vec![Vec::new(); document.blocks.len()];
        for (block, block_runs) in runs.iter().enumerate() {
            for run in block_runs {
                refs_by_block[block].extend(sentence::inline_refs(text, *run));
            }
            spans.extend(refs_by_block[block].iter().copied());
        }
        let none_at_all =
            spans.is_empty() && document.note_defs.is_empty() && document.links.is_empty();
        spans.sort_by_key(|s| s.start);
        let reach: Vec<usize> = spans
            .iter()
            .scan(0, |furthest, c| {
                *furthest = c.end.max(*furthest);
                Some(*furthest)
            })
            .collect();
        Citations {
            spans,
            reach,
            refs_by_block,
            none_at_all,
        }
    }

    /// Whether a citation sits in `part` of a sentence, reaches into it, or follows its
    /// full stop.
    fn cites(&self, text: &str, part: Span) -> bool {
        let citations = &self.spans;
        let first = citations.partition_point(|c| c.start < part.start);
        let inside = citations.get(first).is_some_and(|c| c.start < part.end);
        // A marker after the full stop (`…season.[^2]`, `…season. <ref>`) is the
        // sentence's own, even where the prose runs end before it.
        let after = citations[first..]
            .iter()
            .find(|c| c.start >= part.end)
            .is_some_and(|c| {
                text.get(part.end..c.start)
                    .is_some_and(|gap| gap.len() <= 3 && gap.trim().is_empty())
            });
        inside || after || first > 0 && self.reach[first - 1] > part.start
    }

    /// For each sentence, whether a citation covers it under sentence scope.
    pub(super) fn cited(&self, text: &str, units: &[Unit]) -> Vec<bool> {
        let mut cited: Vec<bool> = units
            .iter()
            .map(|u| u.parts.iter().any(|p| self.cites(text, *p)) || has_link_syntax(text, u))
            .collect();
        // A citation in parentheses after the full stop (`… hashing.  ([transcript][t])`)
        // covers the sentence before it.
        for index in 1..units.len() {
            let opens_parenthesis = text
                .get(units[index].parts[0].start..)
                .is_some_and(|t| t.starts_with('('));
            if cited[index] && opens_parenthesis && units[index - 1].block == units[index].block {
                cited[index - 1] = true;
            }
        }
        // A quotation of several sentences, cited where it closes (`“In the placebo group…
        // With the spray…,” she said.[^3]`): its opening sentences share the citation.
        for index in (0..units.len().saturating_sub(1)).rev() {
            let source = units[index].parts[0].text(text);
            let opens_quote = source
                .trim_start_matches(['*', '_'])
                .starts_with(['"', '“', '«']);
            if opens_quote
                && !source.chars().skip(1).any(|c| matches!(c, '"' | '”' | '»'))
                && cited[index + 1]
                && units[index + 1].block == units[index].block
            {
                cited[index] = true;
            }
        }
        cited
    }
}

/// For each sentence, whether it is covered under `scope`: cited itself, or under
/// paragraph scope followed by a cited sentence of the same block.
pub(super) fn with_scope(cited: &[bool], units: &[Unit], scope: CitationScope) -> Vec<bool> {
    let mut cited_later = vec![false; units.len()];
    for index in (0..units.len().saturating_sub(1)).rev() {
        if units[index + 1].block == units[index].block {
            cited_later[index] = cited[index + 1] || cited_later[index + 1];
        }
    }
    cited
        .iter()
        .zip(cited_later)
        .map(|(&cited, later)| cited || scope == CitationScope::Paragraph && later)
        .collect()
}

/// Whether a sentence writes a Markdown link that the parser did not resolve: a
/// `[text][label]` whose definition sits where CommonMark cannot see it (after a template
/// line, in an included file), or a `[text](url)` in a block the parser did not read as
/// Markdown. The writer meant a citation either way.
fn has_link_syntax(text: &str, unit: &Unit) -> bool {
    unit.parts.iter().any(|p| {
        let source = p.text(text).as_bytes();
        memchr::memmem::find(source, b"][").is_some()
            || memchr::memmem::find_iter(source, b"](")
                .any(|at| source.get(at + 2).is_some_and(|b| !b.is_ascii_whitespace()))
    })
}
