use crate::diagnostic::Diagnostic;
use crate::document::numbers::ordinal;
use crate::document::{Document, Span, sentence};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags an ordinal anniversary that disagrees with its years: `on July 20, 2023, the
    /// 25th anniversary of the 1994 bombing` (2023 − 1994 = 29), `el 30.º aniversario de
    /// la ley de 1994, en 2023`. The event's year is the first year after the word
    /// `anniversary`; the year of the anniversary is the one other year of the sentence,
    /// or else the year of the document's front-matter `date`.
    ///
    /// Silent when the sentence has no such second year and the document no date, when
    /// it has two other years, and when it looks ahead (`will`, `ahead of`, `next year`,
    /// `upcoming`, `se cumplirá`, `próximo`), since a coming anniversary is counted from
    /// a later year. Notes (titles as printed) are not read.
    ///
    /// ## Why is this bad
    /// An anniversary is arithmetic a reader can do; a wrong one makes the whole article
    /// look unchecked.
    ///
    /// ## Example
    /// ```markdown
    /// On July 20, 2023, the 25th anniversary of the 1994 bombing was marked in silence.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// On July 20, 2023, the 29th anniversary of the 1994 bombing was marked in silence.
    /// ```
    ///
    /// ## Options
    /// None.
    pub static FACT_ANNIVERSARY = {
        name: "fact-anniversary",
        code: "CD702",
        severity: Warning,
        enabled_by_default: true,
        fixes: None,
        summary: "An ordinal anniversary that disagrees with its years",
        check: check,
    };
}

/// Words after which an anniversary is still to come, counted from a later year.
const LOOKING_AHEAD: [&str; 10] = [
    " will ",
    "ahead of",
    "next year",
    "upcoming",
    "approaching",
    "to mark the coming",
    "se cumplirá",
    "próximo",
    "se celebrará",
    "el año que viene",
];

fn check(document: &Document<'_>, _settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let text = document.text;
    if !text.contains("niversar") {
        return;
    }
    let document_year = document
        .front_matter
        .as_ref()
        .and_then(|f| f.date)
        .and_then(|d| year_at(text, d.start));
    for block in 0..document.blocks.len() {
        // A block of a note's text ends where the note's own span, trimmed, does not.
        let start = Span::new(
            document.blocks[block].span.start,
            document.blocks[block].span.start,
        );
        if document.blocks[block].note.is_some() || document.note_at(start).is_some() {
            continue;
        }
        let runs: Vec<Span> = document
            .text_runs
            .iter()
            .filter(|r| r.block == block)
            .map(|r| r.span)
            .collect();
        if !runs.iter().any(|r| r.text(text).contains("niversar")) {
            continue;
        }
        // `30.º` reads as a sentence end to the splitter: a sentence that opens with the
        // ordinal sign belongs to the one before.
        let mut sentences: Vec<Span> = Vec::new();
        for found in sentence::split(text, &runs, &[]) {
            match sentences.last_mut() {
                Some(last) if found.span.text(text).starts_with(['º', '°', 'ª']) => {
                    last.end = found.span.end;
                }
                _ => sentences.push(found.span),
            }
        }
        for sentence in sentences {
            if let Some(diagnostic) = judge(text, sentence, document_year) {
                diagnostics.push(diagnostic);
            }
        }
    }
}

/// A four-digit year from 1800 to 2199 starting at `at`.
fn year_at(text: &str, at: usize) -> Option<i32> {
    let digits = text.get(at..at + 4)?;
    let year: i32 = digits.parse().ok()?;
    (1800..2200).contains(&year).then_some(year)
}

/// Every year of the span, as a standalone four-digit number.
fn years(text: &str, span: Span) -> Vec<(i32, Span)> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    let mut at = span.start;
    while at + 4 <= span.end {
        let standalone = (at == 0 || !bytes[at - 1].is_ascii_alphanumeric())
            && bytes.get(at + 4).is_none_or(|b| !b.is_ascii_alphanumeric());
        if standalone && let Some(year) = year_at(text, at) {
            found.push((year, Span::new(at, at + 4)));
            at += 4;
        } else {
            at += 1;
        }
    }
    found
}

fn judge(text: &str, sentence: Span, document_year: Option<i32>) -> Option<Diagnostic> {
    let written = sentence.text(text);
    let lower = written.to_lowercase();
    let word_at = lower
        .find("anniversary")
        .or_else(|| lower.find("aniversario"))?;
    if LOOKING_AHEAD.iter().any(|w| lower.contains(w)) {
        return None;
    }
    // The ordinal is the word right before `anniversary` (`25th`, `30.º`, `el 30 aniversario`).
    let before = written[..word_at].trim_end();
    let token_start = before.rfind(char::is_whitespace).map_or(0, |at| at + 1);
    let token = &before[token_start..];
    let stated = ordinal(token).or_else(|| {
        // Spanish writes a bare cardinal: `el 30 aniversario`.
        lower
            .contains("aniversario")
            .then(|| token.parse::<u32>().ok())
            .flatten()
    })?;
    if !(1..=200).contains(&stated) {
        return None;
    }
    let ordinal_span = Span::new(sentence.start + token_start, sentence.start + before.len());
    let after = Span::new(sentence.start + word_at, sentence.end);
    let (event, event_span) = *years(text, after).first()?;
    let others: Vec<(i32, Span)> = years(text, sentence)
        .into_iter()
        .filter(|(year, _)| *year != event)
        .collect();
    let (reference, reference_span) = match others.as_slice() {
        [] => (document_year?, None),
        [(year, span)] => (*year, Some(*span)),
        many => {
            let first = many[0].0;
            if many.iter().any(|(y, _)| *y != first) {
                return None;
            }
            (first, Some(many[0].1))
        }
    };
    let actual = reference - event;
    if actual <= 0 || u32::try_from(actual).ok()? == stated {
        return None;
    }
    let mut diagnostic = Diagnostic::new(
        &FACT_ANNIVERSARY,
        ordinal_span,
        format!("`{token}` anniversary, but {reference} is {actual} years after {event}"),
    )
    .with_label(event_span, "the event's year");
    diagnostic = match reference_span {
        Some(span) => diagnostic.with_label(span, "the anniversary's year"),
        None => diagnostic.with_label(
            event_span,
            format!("counted from the document's date, {reference}"),
        ),
    };
    Some(diagnostic)
}

#[cfg(test)]
mod tests {
    use super::FACT_ANNIVERSARY;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_when_the_years_disagree() {
        let text = "On July 20, 2023, the 25th anniversary of the 1994 bombing was marked.\n\n\
                    En 2023 se celebró el 30.º aniversario de la ley de 1994.\n\n\
                    The twentieth anniversary of the 2001 treaty came in 2022.\n";
        assert_eq!(
            flagged(&FACT_ANNIVERSARY, text, Format::Markdown),
            ["25th", "30.º", "twentieth"]
        );
    }

    #[test]
    fn fires_against_the_document_date() {
        let text = "---\ndate: 2024-03-01\n---\nThe 25th anniversary of the 1994 law.\n";
        assert_eq!(flagged(&FACT_ANNIVERSARY, text, Format::Markdown), ["25th"]);
    }

    #[test]
    fn silent_when_right_unanchored_or_ahead() {
        let text = "On July 20, 2023, the 29th anniversary of the 1994 bombing was marked. \
                    The 25th anniversary of the 1994 law passed quietly. In 2023, ahead of \
                    the 30th anniversary of the 1994 bombing, families met. The 10th \
                    anniversary of the 2001 treaty, in 2011 or 2012, was marked twice.\n\n\
                    [^1]: *The 40th anniversary of the 1994 law*, 2020.\n";
        assert!(flagged(&FACT_ANNIVERSARY, text, Format::Markdown).is_empty());
    }
}
