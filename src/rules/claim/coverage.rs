//! Which sentences a citation covers: a note marker or link inside the sentence or right
//! after its full stop, a citation in parentheses after it, the closing sentence of a
//! quotation, the link that opens a list item, the cited lead-in of a list, and under
//! paragraph scope another sentence of the same block.

use crate::document::{BlockKind, Document, Span, sentence};
use crate::rules::counted_note_refs;

use super::units::Unit;

/// What a citation is, to say in the claims worksheet what covers a claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// A note marker, by the id of its note.
    Note(String),
    /// A link in the prose, by its URL.
    Link(String),
    /// A wikitext `<ref>`, a bare URL or a link the parser could not resolve, as written.
    Written(Span),
}

/// Every citation of a document: note markers, links, URLs and wikitext refs.
pub(super) struct Citations {
    /// Sorted by start.
    spans: Vec<Span>,
    /// What each of `spans` is.
    sources: Vec<Source>,
    /// For each citation, the furthest end among the citations up to it and whose end it
    /// is: a link that starts before a sentence can still reach into it.
    reach: Vec<(usize, usize)>,
    /// The wikitext `<ref>`s of each block, which are not prose.
    pub(super) refs_by_block: Vec<Vec<Span>>,
    /// The document has no citation, no note and no link at all.
    pub(super) none_at_all: bool,
}

/// Why a sentence is covered: the citation (an index into the document's citations) or a
/// Markdown link the parser could not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cover {
    Citation(usize),
    UnresolvedLink,
}

impl Citations {
    /// The citations of `document`, whose text runs per block are `runs`.
    pub(super) fn gather(document: &Document<'_>, runs: &[Vec<Span>]) -> Self {
        let text = document.text;
        let mut cited: Vec<(Span, Source)> = counted_note_refs(document)
            .map(|r| (r.span, Source::Note(r.id.clone())))
            .collect();
        cited.extend(
            document
                .links
                .iter()
                .filter(|l| l.note.is_none())
                .map(|l| (l.span, Source::Link(l.url.clone()))),
        );
        // The link inside each site, found by binary search so that a page of many links
        // stays linear.
        let mut by_start: Vec<&crate::document::Link> = document.links.iter().collect();
        by_start.sort_by_key(|l| l.span.start);
        cited.extend(document.link_sites.iter().map(|&site| {
            let first = by_start.partition_point(|l| l.span.start < site.start);
            let link = by_start.get(first).filter(|l| l.span.end <= site.end);
            let source = link.map_or(Source::Written(site), |l| Source::Link(l.url.clone()));
            (site, source)
        }));
        let mut refs_by_block: Vec<Vec<Span>> = vec![Vec::new(); document.blocks.len()];
        for (block, block_runs) in runs.iter().enumerate() {
            for run in block_runs {
                refs_by_block[block].extend(sentence::inline_refs(text, *run));
            }
            cited.extend(
                refs_by_block[block]
                    .iter()
                    .map(|&r| (r, Source::Written(r))),
            );
        }
        let none_at_all =
            cited.is_empty() && document.note_defs.is_empty() && document.links.is_empty();
        cited.sort_by_key(|(span, _)| span.start);
        let (spans, sources): (Vec<Span>, Vec<Source>) = cited.into_iter().unzip();
        let reach: Vec<(usize, usize)> = spans
            .iter()
            .enumerate()
            .scan((0, 0), |furthest, (index, c)| {
                if c.end > furthest.0 {
                    *furthest = (c.end, index);
                }
                Some(*furthest)
            })
            .collect();
        Citations {
            spans,
            sources,
            reach,
            refs_by_block,
            none_at_all,
        }
    }

    /// How many wikitext `<ref>`s the document holds: a wiki page's notes.
    pub(super) fn wikitext_refs(&self) -> usize {
        self.refs_by_block.iter().map(Vec::len).sum()
    }

    /// What citation `index` is.
    pub(super) fn source(&self, index: usize) -> &Source {
        &self.sources[index]
    }

    /// The citation that sits in `part` of a sentence, follows its full stop, or reaches
    /// into it.
    fn cites(&self, text: &str, part: Span) -> Option<usize> {
        let citations = &self.spans;
        let first = citations.partition_point(|c| c.start < part.start);
        if citations.get(first).is_some_and(|c| c.start < part.end) {
            return Some(first);
        }
        // A marker after the full stop (`…season.[^2]`, `…season. <ref>`) is the
        // sentence's own, even where the prose runs end before it.
        let after = citations[first..]
            .iter()
            .position(|c| c.start >= part.end)
            .map(|offset| first + offset)
            .filter(|&index| {
                text.get(part.end..citations[index].start)
                    .is_some_and(|gap| gap.len() <= 3 && gap.trim().is_empty())
            });
        if after.is_some() {
            return after;
        }
        let (end, index) = *self.reach.get(first.checked_sub(1)?)?;
        (end > part.start).then_some(index)
    }

    /// For each sentence, what covers it under sentence scope.
    pub(super) fn cited(&self, document: &Document<'_>, units: &[Unit]) -> Vec<Option<Cover>> {
        let text = document.text;
        let mut cited: Vec<Option<Cover>> = units
            .iter()
            .map(|u| {
                let own = u.parts.iter().find_map(|p| self.cites(text, *p));
                own.map(Cover::Citation)
                    .or_else(|| has_link_syntax(text, u).then_some(Cover::UnresolvedLink))
            })
            .collect();
        // A citation in parentheses after the full stop (`… hashing.  ([transcript][t])`)
        // covers the sentence before it.
        for index in 1..units.len() {
            let opens_parenthesis = text
                .get(units[index].parts[0].start..)
                .is_some_and(|t| t.starts_with('('));
            if opens_parenthesis
                && cited[index].is_some()
                && units[index - 1].block == units[index].block
            {
                cited[index - 1] = cited[index - 1].or(cited[index]);
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
                && cited[index + 1].is_some()
                && units[index + 1].block == units[index].block
            {
                cited[index] = cited[index].or(cited[index + 1]);
            }
        }
        self.credit_lists(document, units, &mut cited);
        cited
    }

    /// A list item that opens with a citation (`- [Release notes](…) add…`) is covered
    /// by it in every sentence, and so are the items of a list whose lead-in sentence
    /// (`…, according to the census:`) is cited: editors cite a list where it starts.
    fn credit_lists(&self, document: &Document<'_>, units: &[Unit], cited: &mut [Option<Cover>]) {
        let text = document.text;
        let blocks = &document.blocks;
        let mut lead_in: Option<Cover> = None;
        let mut start = 0;
        while start < units.len() {
            let block = units[start].block;
            let end = start
                + units[start..]
                    .iter()
                    .take_while(|u| u.block == block)
                    .count();
            // Anything but list items between the lead-in and this block ends the list.
            let previous = start.checked_sub(1).map_or(0, |p| units[p].block + 1);
            if (previous..block).any(|b| blocks[b].kind != BlockKind::ListItem) {
                lead_in = None;
            }
            match blocks[block].kind {
                BlockKind::ListItem => {
                    let opening = self.opening_citation(text, blocks[block].span, cited[start]);
                    if let Some(cover) = opening.or(lead_in) {
                        for slot in &mut cited[start..end] {
                            *slot = slot.or(Some(cover));
                        }
                    }
                }
                BlockKind::Paragraph => {
                    let last = &units[end - 1];
                    let leads_in = last.parts.last().is_some_and(|p| lead_in_end(text, *p));
                    lead_in = if leads_in { cited[end - 1] } else { None };
                }
                _ => lead_in = None,
            }
            start = end;
        }
    }

    /// `cover` when it is a citation that opens the list item `item`: nothing but list
    /// markers, emphasis and an opening bracket or quote before it.
    fn opening_citation(&self, text: &str, item: Span, cover: Option<Cover>) -> Option<Cover> {
        let Some(Cover::Citation(index)) = cover else {
            return None;
        };
        let before = text.get(item.start..self.spans[index].start)?;
        let markup = |c: char| {
            c.is_whitespace() || matches!(c, '-' | '*' | '+' | '_' | '[' | '"' | '“' | '.' | ')')
        };
        let numbered = before
            .trim_start()
            .trim_start_matches(|c: char| c.is_ascii_digit());
        numbered
            .chars()
            .all(markup)
            .then_some(Cover::Citation(index))
    }
}

/// Whether a sentence ends with a colon, perhaps after its citation: a list's lead-in.
fn lead_in_end(text: &str, part: Span) -> bool {
    let after = text.get(part.end..).unwrap_or("");
    let tail = part.text(text).trim_end();
    tail.ends_with(':')
        || after
            .trim_start()
            .strip_prefix(|c: char| c.is_ascii_digit() || c == ']')
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
}

/// How far a citation reaches beyond its own sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reach {
    Sentence,
    /// Back over the earlier sentences of its paragraph or list item (`scope = "paragraph"`).
    EarlierInBlock,
    /// Over every sentence of its paragraph or list item: a blog's link sources the
    /// paragraph it sits in.
    WholeBlock,
}

/// For each sentence, what covers it when citations reach as far as `reach`.
pub(super) fn with_reach(
    cited: &[Option<Cover>],
    units: &[Unit],
    reach: Reach,
) -> Vec<Option<Cover>> {
    let mut covered = cited.to_vec();
    if reach == Reach::Sentence {
        return covered;
    }
    for index in (0..units.len().saturating_sub(1)).rev() {
        if units[index + 1].block == units[index].block {
            covered[index] = covered[index].or(covered[index + 1]);
        }
    }
    if reach == Reach::WholeBlock {
        for index in 1..units.len() {
            if units[index - 1].block == units[index].block {
                covered[index] = covered[index].or(covered[index - 1]);
            }
        }
    }
    covered
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
