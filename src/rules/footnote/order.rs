use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::document::{Document, NoteSyntax, Span};
use crate::rules::settings::Settings;
use crate::rules::{counted_note_refs, declare_rule};

declare_rule! {
    /// ## What it does
    /// Checks the note numbers readers see (superscripts `¹ ² ³`, `[1]` markers with a
    /// numbered notes list) for sequence:
    /// - a definition that comes after a higher-numbered one;
    /// - a note first cited in the text after a higher-numbered note;
    /// - a gap: a number between 1 and the highest note that is neither cited nor defined.
    ///
    /// Markdown notes (`[^1]`, `[^source]`) are not checked: a renderer numbers them
    /// itself, by first reference, so the labels in the source are never what readers
    /// see.
    ///
    /// ## Why is this bad
    /// Readers expect notes to run 1, 2, 3 in the order they are met. A jump or a swap
    /// usually means a note was added, moved or deleted during editing and the numbering
    /// no longer matches the sources.
    ///
    /// ## Example
    /// ```markdown
    /// Imports rose¹ and exports fell³.
    ///
    /// ¹ Customs office, 2023.
    /// ³ Trade ministry, 2023.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Imports rose¹ and exports fell².
    ///
    /// ¹ Customs office, 2023.
    /// ² Trade ministry, 2023.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static FOOTNOTE_ORDER = {
        name: "footnote-order",
        code: "CD104",
        severity: Warning,
        enabled_by_default: true,
        fixes: None,
        summary: "Note numbers readers see, defined or cited out of sequence or with gaps",
        check: check,
    };
}

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    // First definition of each number, in text order.
    let mut seen = HashSet::new();
    let definitions: Vec<(u32, Span)> = document
        .note_defs
        .iter()
        .filter(|d| d.syntax != NoteSyntax::Bracket)
        .filter_map(|d| Some((d.number()?, d.label)))
        .filter(|(n, _)| seen.insert(*n))
        .collect();
    // First citation of each number, in text order.
    let mut seen = HashSet::new();
    let citations: Vec<(u32, Span)> = counted_note_refs(document)
        .filter(|r| r.syntax != NoteSyntax::Bracket)
        .filter_map(|r| Some((r.number()?, r.span)))
        .filter(|(n, _)| seen.insert(*n))
        .collect();

    if definitions.is_empty() || !is_numbering(&definitions, &citations) {
        return;
    }
    // Definitions laid out in citation order share the citations' defect: report it once.
    let citation_rank: HashMap<u32, usize> = citations
        .iter()
        .enumerate()
        .map(|(i, &(n, _))| (n, i))
        .collect();
    let cited_before = |a: u32, b: u32| matches!((citation_rank.get(&a), citation_rank.get(&b)), (Some(x), Some(y)) if x < y);
    out_of_sequence(
        &definitions,
        "defined",
        |n, top| !cited_before(top, n),
        diagnostics,
    );
    out_of_sequence(&citations, "first cited", |_, _| true, diagnostics);

    // Where each number first appears, preferring its definition. A jump is reported only
    // at a defined note: an undefined marker past the end is footnote-undefined's finding.
    let defined: HashSet<u32> = definitions.iter().map(|&(n, _)| n).collect();
    let mut first_place: BTreeMap<u32, Span> = citations.iter().copied().collect();
    first_place.extend(definitions.iter().copied());
    let mut expected = 1;
    for (&number, &span) in &first_place {
        if number > expected && defined.contains(&number) {
            let missing = if number - expected == 1 {
                format!("note `{expected}` is missing")
            } else {
                format!("notes `{expected}` to `{}` are missing", number - 1)
            };
            diagnostics.push(Diagnostic::new(
                &FOOTNOTE_ORDER,
                span,
                format!("notes jump to `{number}`: {missing}"),
            ));
        }
        expected = number + 1;
    }
}

/// Whether numeric ids form a numbering at all: ids such as issue numbers
/// (`[^107421]`) are labels, and their gaps mean nothing.
fn is_numbering(definitions: &[(u32, Span)], citations: &[(u32, Span)]) -> bool {
    let count = definitions.len().max(citations.len());
    let highest = definitions
        .iter()
        .chain(citations)
        .map(|&(n, _)| n)
        .max()
        .unwrap_or(0);
    (highest as usize) <= 2 * count + 10
}

/// Reports each entry that comes after a higher-numbered one, when `report` agrees.
fn out_of_sequence(
    entries: &[(u32, Span)],
    verb: &str,
    report: impl Fn(u32, u32) -> bool,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut highest: Option<(u32, Span)> = None;
    for &(number, span) in entries {
        match highest {
            Some((top, _)) if number < top && !report(number, top) => {}
            Some((top, top_span)) if number < top => diagnostics.push(
                Diagnostic::new(
                    &FOOTNOTE_ORDER,
                    span,
                    format!("note `{number}` is {verb} after note `{top}`"),
                )
                .with_label(top_span, format!("note `{top}` is {verb} here")),
            ),
            _ => highest = Some((number, span)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::FOOTNOTE_ORDER;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn definitions_out_of_sequence() {
        let text = "A¹ b² c³.\n\n¹ One.\n³ Three.\n² Two.\n";
        assert_eq!(flagged(&FOOTNOTE_ORDER, text, Format::Plain), ["²"]);
    }

    /// A renderer numbers Markdown notes by first reference: readers see 1, 2, 3.
    #[test]
    fn markdown_notes_are_renumbered_and_not_checked() {
        let text = "A[^1] b[^3] c[^2].\n\n[^1]: One.\n[^3]: Three.\n[^2]: Two.\n";
        assert!(flagged(&FOOTNOTE_ORDER, text, Format::Markdown).is_empty());
    }

    #[test]
    fn citations_out_of_sequence() {
        let text = "First¹ third³ second².\n\n¹ One.\n² Two.\n³ Three.\n";
        assert_eq!(flagged(&FOOTNOTE_ORDER, text, Format::Plain), ["²"]);
    }

    #[test]
    fn definitions_in_citation_order_are_reported_once() {
        let text = "A² b¹.\n\n² Two.\n\n¹ One.\n";
        assert_eq!(flagged(&FOOTNOTE_ORDER, text, Format::Plain), ["¹"]);
    }

    #[test]
    fn issue_numbers_are_labels_not_a_numbering() {
        let text = "A[^107421] b[^117703].\n\n[^107421]: x\n\n[^117703]: y\n";
        assert!(flagged(&FOOTNOTE_ORDER, text, Format::Markdown).is_empty());
    }

    #[test]
    fn an_undefined_marker_past_the_end_is_not_a_gap() {
        let text = "One¹ two² five⁵.\n\n¹ One.\n² Two.\n";
        assert!(flagged(&FOOTNOTE_ORDER, text, Format::Plain).is_empty());
    }

    #[test]
    fn gaps() {
        let text = "One¹ two² four⁴.\n\n¹ One.\n² Two.\n⁴ Four.\n";
        assert_eq!(flagged(&FOOTNOTE_ORDER, text, Format::Plain), ["⁴"]);
    }

    #[test]
    fn silent_on_sequence_and_named_notes() {
        let text = "A[^1] b[^2] c[^note] again[^1].\n\n[^1]: One.\n[^2]: Two.\n[^note]: Named.\n";
        assert!(flagged(&FOOTNOTE_ORDER, text, Format::Markdown).is_empty());
    }
}
