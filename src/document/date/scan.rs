//! Where dates are in a text: anchors at digits, the context that makes a number part of
//! something else (`v3.4.1`, `/2023/07`, `2-0-1a`), and the walk over a document's prose
//! and notes that hands each anchor to the productions.

use std::sync::LazyLock;

use regex::Regex;

use super::grammar::is_separator;
use super::numeric::{leading_empty_part, numeric};
use super::textual::{month_before, textual_day_first, textual_month_first};
use super::{DateKind, FoundDate, MalformedDate, Problem, Span};
use crate::document::Document;

/// Where a date is anchored: a run of digits and separators at an ASCII word boundary.
/// Every date the grammar reads has a number in it (a day or a year), so month names are
/// looked for only next to one: a search for sixty month names over all prose would
/// cost more than the rest of the scan.
static ANCHOR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?-u:\b)[0-9][0-9./\-]*").expect("the anchor pattern is valid"));

/// Characters before a number that make it part of something else (`v3.4.1`, `/2023/07`,
/// `#12-3-2020`, `doi:10.1/2`).
fn glued_before(c: char) -> bool {
    c.is_alphanumeric() && !is_superscript(c)
        || matches!(
            c,
            '_' | '/'
                | '.'
                | '-'
                | '#'
                | '@'
                | '$'
                | '€'
                | '£'
                | ':'
                | '+'
                | '\\'
                | '='
                | '&'
                | '%'
                | '~'
        )
}

/// Characters after a number that make it part of something else (`2-0-1a`, `1.2.3%`).
fn glued_after(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || matches!(
            c,
            '_' | '%' | '@' | '+' | '$' | '€' | '°' | '\\' | '=' | '&' | '~' | '×'
        )
}

fn is_superscript(c: char) -> bool {
    crate::document::notes::superscript_value(c).is_some()
}

/// The dates in `text[span]`, skipping anything inside `holes` (URLs, sorted by start and
/// not nested).
pub fn scan(text: &str, span: Span, holes: &[Span]) -> Vec<(Span, DateKind)> {
    let mut found = Vec::new();
    let Some(run) = text.get(span.start..span.end) else {
        return found;
    };
    let mut at = 0;
    for anchor in ANCHOR.find_iter(run) {
        let start = anchor.start();
        if start < at {
            continue;
        }
        let previous_end = at;
        at = anchor.end();
        let abs = span.start + start;
        let containing = holes
            .partition_point(|h| h.start <= abs)
            .checked_sub(1)
            .map(|i| holes[i]);
        if let Some(hole) = containing.filter(|h| abs < h.end) {
            at = at.max(hole.end.saturating_sub(span.start));
            continue;
        }
        let before = run[..start].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() && !is_superscript(c)) {
            continue;
        }
        // `|date = 2014-09-08`: a markup attribute, not prose.
        if run[..start].trim_end().ends_with('=') {
            continue;
        }
        // `July 20, 2023`, `Sept. 4`: a month name just before the number.
        let word = month_before(run, start).filter(|&w| w >= previous_end);
        if word.is_some_and(|w| run[..w].trim_end().ends_with('=')) {
            continue;
        }
        if let Some(word) = word
            && let Some((len, kind)) = textual_month_first(span.start + word, &run[word..])
        {
            found.push((Span::new(span.start + word, span.start + word + len), kind));
            at = word + len;
            continue;
        }
        let rest = &run[start..];
        if let Some((len, kind)) = textual_day_first(abs, rest) {
            found.push((Span::new(abs, abs + len), kind));
            at = start + len;
            continue;
        }
        let token_len = anchor.len();
        // A plain number (`2023`, `45`) is no date; most anchors end here.
        if !anchor.as_str().contains(is_separator) && !run[..start].ends_with(['/', '-']) {
            continue;
        }
        if let Some(leading) = leading_empty_part(run, start, token_len) {
            found.push((
                Span::new(span.start + leading.0, span.start + leading.1),
                DateKind::Malformed(MalformedDate {
                    problem: Problem::EmptyPart,
                    part: Span::new(span.start + leading.0, span.start + leading.0 + 1),
                }),
            ));
            continue;
        }
        if before.is_some_and(glued_before) {
            continue;
        }
        // A period after the token ends the sentence (`on 5.9.2022.`).
        let token = rest[..token_len].trim_end_matches('.');
        let after = &rest[token.len()..];
        let mut next = after.chars();
        let glued = match next.next() {
            // An ISO date followed by a time: `2023-07-26T14:45`.
            Some('T') => !next.next().is_some_and(|c| c.is_ascii_digit()),
            Some(c) => glued_after(c),
            None => false,
        };
        if glued || after.starts_with(".") && after[1..].starts_with(|c: char| c.is_alphanumeric())
        {
            continue;
        }
        if let Some(kind) = numeric(abs, token) {
            found.push((Span::new(abs, abs + token.len()), kind));
        }
    }
    found
}

/// Every date in the document's prose and notes, in text order; code, comments and URLs
/// are never read.
pub fn find_dates(document: &Document<'_>) -> Vec<FoundDate> {
    let mut dates = Vec::new();
    let links: Vec<Span> = document.links.iter().map(|l| l.span).collect();
    // Runs and links are both in text order: walk them together instead of searching.
    let (mut first, mut previous_start) = (0, 0);
    for run in &document.text_runs {
        if run.span.start < previous_start {
            first = links.partition_point(|l| l.end <= run.span.start);
        }
        previous_start = run.span.start;
        while links.get(first).is_some_and(|l| l.end <= run.span.start) {
            first += 1;
        }
        let mut last = first;
        while links.get(last).is_some_and(|l| l.start < run.span.end) {
            last += 1;
        }
        for (span, kind) in scan(document.text, run.span, &links[first..last]) {
            dates.push(FoundDate {
                span,
                kind,
                note: document.note_at(span),
            });
        }
    }
    dates.sort_by_key(|d| d.span.start);
    dates.dedup_by_key(|d| d.span);
    dates
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, DateKind)> {
        scan(text, Span::new(0, text.len()), &[])
            .into_iter()
            .map(|(span, kind)| (span.text(text), kind))
            .collect()
    }

    fn found(text: &str) -> Vec<&str> {
        kinds(text).into_iter().map(|(t, _)| t).collect()
    }

    fn malformed(text: &str) -> Vec<(&str, Problem)> {
        kinds(text)
            .into_iter()
            .filter_map(|(t, k)| match k {
                DateKind::Malformed(m) => Some((t, m.problem)),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(
            found("On 20/7/2023, 2/08/2023 and 7-20-2023; also 2023-07-26 and 5.9.2022."),
            [
                "20/7/2023",
                "2/08/2023",
                "7-20-2023",
                "2023-07-26",
                "5.9.2022"
            ]
        );
        assert_eq!(found("Filed 5/9/22 at noon"), ["5/9/22"]);
        assert_eq!(found("at 2023-07-26T14:45 UTC"), ["2023-07-26"]);
    }

    #[test]
    fn textual_dates() {
        assert_eq!(
            found("On July 20, 2023 and 20 July 2023 and Sept. 4, 2022 we met."),
            ["July 20, 2023", "20 July 2023", "Sept. 4, 2022"]
        );
        assert_eq!(
            found("el 20 de julio de 2023, el 3 de marzo y el 4 de setiembre del 2021"),
            [
                "20 de julio de 2023",
                "3 de marzo",
                "4 de setiembre del 2021"
            ]
        );
        assert_eq!(
            found("el 5 ene. 2023 y 9 dic. 2022"),
            ["5 ene. 2023", "9 dic. 2022"]
        );
        assert_eq!(found("On July 4th, 1776."), ["July 4th, 1776"]);
        assert_eq!(found("el 1º de mayo de 2020"), ["1º de mayo de 2020"]);
    }

    #[test]
    fn words_that_are_not_months() {
        assert!(found("You may 5 times over; we set 3 goals; 10 days ago 2020").is_empty());
        assert!(found("May 2023 was warm").is_empty());
        assert_eq!(found("On July 20, 2,000 people marched"), ["July 20"]);
    }

    #[test]
    fn traps_are_not_dates() {
        let traps = "24/7, 1/2, 9/10 of them, 2019/20, 2021/22, 1998–2004, 1998-2004, \
                     pp. 45–52, 14:45, 2-0, 3.4.1, 10.0.0.1, 555-123-4567, 1.000.000, \
                     v1.2.2023, #12-3-2020, 2019.1.2, 12-34-5678, 31-30-2020, 2021//22";
        assert_eq!(kinds(traps), []);
    }

    #[test]
    fn malformed_dates() {
        assert_eq!(
            malformed("dated 23//2023 and 7//2022."),
            [
                ("23//2023", Problem::EmptyPart),
                ("7//2022", Problem::EmptyPart)
            ]
        );
        assert_eq!(
            malformed("from 2023-7- on"),
            [("2023-7-", Problem::EmptyPart)]
        );
        assert_eq!(
            malformed("on 23//07/2023, 20/07/2023/ and 20/7/20233"),
            [
                ("23//07/2023", Problem::DoubledSeparator),
                ("20/07/2023/", Problem::StraySeparator),
                ("20/7/20233", Problem::YearDigits)
            ]
        );
        assert_eq!(
            malformed("on 20//07//2023 and 20-/07/2023."),
            [
                ("20//07//2023", Problem::DoubledSeparator),
                ("20-/07/2023", Problem::DoubledSeparator)
            ]
        );
        assert_eq!(
            malformed("on /07/2023, 20/7/ and 20/07-2023 but not 3-4/2021 or x/07/2023"),
            [
                ("/07/2023", Problem::EmptyPart),
                ("20/7/", Problem::EmptyPart),
                ("20/07-2023", Problem::MixedSeparators)
            ]
        );
        assert_eq!(
            malformed("on July 26, 20233."),
            [("July 26, 20233", Problem::YearDigits)]
        );
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn digits_and_separators_never_panic(text in "[0-9/.\\-–: ,a-zé¹]{0,40}") {
                let _ = scan(&text, Span::new(0, text.len()), &[]);
            }

            #[test]
            fn any_text_never_panics(text in "\\PC{0,60}") {
                let found = scan(&text, Span::new(0, text.len()), &[]);
                for (span, _) in found {
                    prop_assert!(text.get(span.start..span.end).is_some());
                }
            }
        }
    }
}
