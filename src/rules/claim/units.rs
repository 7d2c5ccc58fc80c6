//! The sentences the rule judges, each with the block it starts in, and the signals and
//! phrases their blocks hold.

use crate::document::sentence::{self, Sentence};
use crate::document::{BlockKind, Document, Span};

use super::coverage::Citations;
use super::lexicon::Lexicon;
use super::prose::{heading_title, in_note, is_checked};
use super::signals::{Findings, Signal, scan};

/// A sentence, or a sentence cut in two by a page of notes.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub(super) parts: Vec<Span>,
    /// The block it starts in, for paragraph scope.
    pub(super) block: usize,
}

/// The items of `sorted` (by `key`) that start inside `part`.
pub(super) fn starting_in<T>(sorted: &[T], key: impl Fn(&T) -> usize, part: Span) -> &[T] {
    let first = sorted.partition_point(|x| key(x) < part.start);
    let end = sorted.partition_point(|x| key(x) < part.end).max(first);
    &sorted[first..end]
}

/// Whether `at` falls inside one of `spans` (sorted, not overlapping).
pub(super) fn within(spans: &[Span], at: usize) -> bool {
    let index = spans.partition_point(|s| s.start <= at);
    index > 0 && at < spans[index - 1].end
}

/// The prose of a document, everything sorted by start so that each sentence finds its
/// own by binary search.
pub(super) struct Prose {
    pub(super) units: Vec<Unit>,
    pub(super) signals: Vec<Signal>,
    pub(super) not_claims: Vec<Span>,
    pub(super) discourse: Vec<Span>,
}

/// Reads the prose blocks of `document` (`runs`: its text runs per block) into sentences,
/// with a sentence cut by a page of notes joined back together, skipping note definitions
/// and sources sections. `counts`: whether counts in digits are figures.
pub(super) fn read(
    document: &Document<'_>,
    lexicon: &Lexicon,
    runs: &[Vec<Span>],
    citations: &Citations,
    counts: bool,
) -> Prose {
    let text = document.text;
    let link_spans: Vec<Span> = document.links.iter().map(|l| l.span).collect();
    let mut units: Vec<Unit> = Vec::new();
    let mut findings: Vec<Findings> = Vec::new();
    let mut open_tail: Option<usize> = None;
    // The level of the heading of the sources section the walk is in (`## References`).
    let mut sources_section: Option<usize> = None;
    for (block, block_runs) in runs.iter().enumerate() {
        if document.blocks[block].kind == BlockKind::Heading {
            let (level, title) = heading_title(document, block);
            if sources_section.is_some_and(|l| level <= l) {
                sources_section = None;
            }
            if sources_section.is_none() && lexicon.source_sections.contains(&title) {
                sources_section = Some(level);
            }
        }
        if sources_section.is_some() || in_note(document, block, block_runs) {
            continue;
        }
        let tail = open_tail.take();
        if !is_checked(document, block) || block_runs.is_empty() {
            continue;
        }
        let region = Span::new(block_runs[0].start, block_runs[block_runs.len() - 1].end);
        let refs = &citations.refs_by_block[block];
        let sentences: Vec<Sentence> = sentence::split(text, block_runs, refs);
        for (index, s) in sentences.iter().enumerate() {
            let continues = index == 0
                && document.blocks[block].kind == BlockKind::Paragraph
                && text
                    .get(s.span.start..)
                    .and_then(|t| t.chars().next())
                    .is_some_and(char::is_lowercase);
            match tail {
                Some(previous) if continues => units[previous].parts.push(s.span),
                _ => units.push(Unit {
                    parts: vec![s.span],
                    block,
                }),
            }
        }
        if sentences.last().is_some_and(|s| !s.terminated)
            && document.blocks[block].kind == BlockKind::Paragraph
        {
            open_tail = Some(units.len() - 1);
        }
        let mut found = scan(text, region, lexicon, counts);
        // Signals count only in prose: not in code, markup, URLs or `<ref>` citations.
        found.signals.retain(|s| {
            let at = s.span.start;
            within(block_runs, at) && !within(refs, at) && !within(&link_spans, at)
        });
        findings.push(found);
    }
    let mut signals: Vec<Signal> = findings.iter().flat_map(|f| f.signals.clone()).collect();
    signals.sort_by_key(|s| s.span.start);
    let mut not_claims: Vec<Span> = findings.iter().flat_map(|f| f.not_claims.clone()).collect();
    not_claims.sort_by_key(|s| s.start);
    let mut discourse: Vec<Span> = findings.iter().flat_map(|f| f.discourse.clone()).collect();
    discourse.sort_by_key(|s| s.start);
    Prose {
        units,
        signals,
        not_claims,
        discourse,
    }
}
