//! The citation practice of a document: how it cites decides what needs a source and how
//! close the citation must be. A policy article with a notes apparatus (or a wiki page
//! with `<ref>`s) cites claim by claim; a blog cites by inline links, a paragraph or a
//! list item at a time, and only its figures and rankings need one; the documentation of
//! a dataset or a program describes the writer's own work, whose source is the work.

use crate::document::Document;

use super::signals::{Signal, SignalKind};

/// How a document cites its sources.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Practice {
    /// Three notes or more (`[^1]`, `¹`, wikitext `<ref>`), more notes than links in the
    /// prose, or no citation at all: every claim needs its note.
    Notes,
    /// Inline links: figures, superlatives and rankings need a link in their paragraph.
    Links,
    /// Documentation of data or code (inline code throughout, code blocks), whatever its
    /// notes: not judged.
    Documentation,
}

/// Inline code spans per thousand words of prose from which a document documents code or
/// data: column names, file names, commands.
const CODE_PER_THOUSAND_WORDS: usize = 8;
/// …counted from this many spans: a news story may name one command or file.
const MIN_CODE_SPANS: usize = 5;
/// Fenced code blocks from which a document is documentation.
const CODE_BLOCKS: usize = 2;

impl Practice {
    /// The practice of `document`, which holds `refs` wikitext `<ref>`s.
    pub(super) fn of(document: &Document<'_>, refs: usize) -> Practice {
        let notes = document.note_defs.len() + refs;
        let prose_links = document.links.iter().filter(|l| l.note.is_none()).count();
        let text = document.text;
        let (mut inline, mut blocks) = (0usize, 0usize);
        for span in &document.excluded {
            let code = span.text(text);
            if code.starts_with("```") || code.starts_with("~~~") {
                blocks += 1;
            } else if code.starts_with('`') {
                inline += 1;
            }
        }
        // Code decides first: release notes and engineering posts keep footnotes too.
        // Words are counted only when there is code enough to matter: most prose has none.
        let code_throughout = inline >= MIN_CODE_SPANS && {
            let words: usize = document
                .text_runs
                .iter()
                .map(|r| {
                    r.span
                        .text(text)
                        .as_bytes()
                        .split(u8::is_ascii_whitespace)
                        .filter(|w| !w.is_empty())
                        .count()
                })
                .sum();
            inline * 1000 >= words.max(1) * CODE_PER_THOUSAND_WORDS
        };
        if blocks >= CODE_BLOCKS || code_throughout {
            Practice::Documentation
        } else if notes >= 3 || notes > prose_links || prose_links == 0 {
            // A draft that cites nothing yet is held to the strictest practice.
            Practice::Notes
        } else {
            Practice::Links
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Practice::Notes => "notes",
            Practice::Links => "links",
            Practice::Documentation => "documentation",
        }
    }

    /// The learned score from which a sentence with claim signals needs a source: an
    /// article with a notes apparatus owes a note to nearly every claim; a blog only to
    /// the claims a reader would check.
    pub(super) fn default_threshold(self) -> f32 {
        match self {
            Practice::Notes => 0.2,
            Practice::Links => 0.5,
            Practice::Documentation => 1.0,
        }
    }

    /// Whether a citation anywhere in a paragraph or list item covers all its sentences.
    pub(super) fn cites_by_paragraph(self) -> bool {
        self != Practice::Notes
    }

    /// Whether a sentence with these signals needs a source under this practice. A blog's
    /// dates, attributions and quotations tell its own story (`the release shipped in
    /// May`, `Ana noted that…`); its figures and rankings are what a reader checks.
    pub(super) fn asks_a_source(self, signals: &[&Signal], text: &str) -> bool {
        match self {
            Practice::Notes => true,
            Practice::Documentation => false,
            Practice::Links => signals.iter().any(|s| match s.kind {
                SignalKind::Superlative | SignalKind::Ranking => true,
                SignalKind::Statistic => !is_small_count(s, text),
                _ => false,
            }),
        }
    }
}

/// A count a writer tells of their own doing (`3 speakers`, `166 people`): a count in
/// digits under a thousand.
fn is_small_count(signal: &Signal, text: &str) -> bool {
    let number = signal
        .span
        .text(text)
        .split_whitespace()
        .next()
        .unwrap_or("");
    signal.count && number.parse::<u32>().is_ok_and(|n| n < 1000)
}
