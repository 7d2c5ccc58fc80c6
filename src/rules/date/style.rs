use std::collections::HashMap;

use super::departure::{Departure, Style, departure, style};
use super::placement::{in_file_name, in_ref};
use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::Document;
use crate::document::date::{self, DateKind, DayMonthOrder, FoundDate};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Within one part of a document (the prose, or the notes), flags a date whose format
    /// departs from the format most of that part's dates use: a `5/9/2022` among
    /// `September 5, 2022`, a `2023-07-26` among `26/7/2023`, a `2/08/2023` among
    /// unpadded `20/7/2023`, a `20-7-2023` among `20/7/2023`, a `Sept. 4, 2022` among
    /// spelled-out months, a `20 July 2023` among `July 20, 2023`.
    ///
    /// Dates inside inline `<ref>…</ref>` notes count as notes. Only dates with a year
    /// count, and a style is dominant only when at least twice as
    /// many dates use it as all others together. A spelled-out date among numeric ones is
    /// left alone: it is usually part of a quoted title. Spelled-out dates in another
    /// language (a Spanish title in English notes) are not compared either, nor are
    /// access and retrieval dates (`Retrieved 2006-12-05`), which house styles often
    /// write differently on purpose.
    ///
    /// ## Why is this bad
    /// House style asks for one date format; a date that looks different draws the eye and
    /// is often copied from a source without being checked.
    ///
    /// ## Example
    /// ```markdown
    /// [^1]: *Title*. 20/7/2023.
    /// [^2]: *Title*. 23/7/2023.
    /// [^3]: *Title*. 2/08/2023.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// [^3]: *Title*. 2/8/2023.
    /// ```
    ///
    /// ## Fix safety
    /// The fix rewrites the date in the dominant format; it is unsafe because the date may
    /// be quoted. It is offered only when the date itself is unambiguous, or the
    /// document's day/month order is known.
    ///
    /// ## Options
    /// How numeric dates such as `05/09/2022` are read, for the whole date family (set it in
    /// any of `date-malformed`, `date-invalid`, `date-style` or `date-mismatch`):
    /// ```toml
    /// [rules.date-style]
    /// day-first = true    # false: month first; unset: inferred per document
    /// ```
    /// It settles how ambiguous numeric dates are read and rewritten.
    pub static DATE_STYLE = {
        name: "date-style",
        code: "CD403",
        severity: Info,
        enabled_by_default: true,
        fixes: Unsafe,
        summary: "A date written in a format the rest of its part does not use",
        options: &["day-first"],
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let order = date::document_order(&document.dates, &settings.dates);
    let styled: Vec<(&FoundDate, Style, bool)> = document
        .dates
        .iter()
        .filter(|d| !date::is_access_date(document.text, d.span))
        .filter(|d| !in_file_name(document.text, d.span))
        // An impossible date is date-invalid's to report, not a matter of style.
        .filter(|d| !impossible(d, order))
        .filter_map(|d| {
            let style = style(d)?;
            Some((d, style, d.note.is_some() || in_ref(document.text, d.span)))
        })
        .collect();
    for notes in [false, true] {
        let part: Vec<(&FoundDate, Style)> = styled
            .iter()
            .filter(|&&(_, _, in_notes)| in_notes == notes)
            .map(|&(d, style, _)| (d, style))
            .collect();
        let place = if notes { "the notes" } else { "the prose" };
        // A departure depends only on the part and the style, and a part holds few styles:
        // computing it once per style keeps a document with many dates linear.
        let mut by_style: HashMap<Style, Option<Departure>> = HashMap::new();
        for (found, style) in &part {
            let found_departure = by_style
                .entry(*style)
                .or_insert_with(|| departure(&part, style, order));
            let Some(departure) = found_departure.clone() else {
                continue;
            };
            let text = document.slice(found.span);
            let example = part[departure.example].0.span;
            let mut diagnostic = Diagnostic::new(
                &DATE_STYLE,
                found.span,
                format!(
                    "date `{text}` {}, unlike most dates in {place}",
                    departure.what
                ),
            )
            .with_label(
                example,
                format!("{place} write dates like `{}`", document.slice(example)),
            );
            let rewritten = departure
                .target
                .and_then(|target| Some(date::render(resolve(found, order)?, target)))
                .filter(|r| r != text);
            if let Some(rewritten) = rewritten {
                diagnostic = diagnostic.with_fix(Fix::replace(
                    format!("Rewrite as `{rewritten}`"),
                    Applicability::Unsafe,
                    found.span,
                    rewritten,
                ));
            }
            diagnostics.push(diagnostic);
        }
    }
}

/// Whether the date cannot exist under the order it is read in.
fn impossible(found: &FoundDate, order: Option<DayMonthOrder>) -> bool {
    match &found.kind {
        DateKind::Numeric(n) => {
            let read_as = order
                .or(n.evident_order())
                .unwrap_or(DayMonthOrder::DayFirst);
            matches!(n.read(read_as), date::Reading::Invalid(_))
        }
        DateKind::Textual(t) => matches!(t.read(), date::Reading::Invalid(_)),
        DateKind::Malformed(_) => true,
    }
}

/// The calendar date, when the text or the document's order settles it.
fn resolve(found: &FoundDate, order: Option<DayMonthOrder>) -> Option<jiff::civil::Date> {
    found.date(order)
}

#[cfg(test)]
mod tests {
    use super::DATE_STYLE;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn numeric_among_spelled_out() {
        let text = "Claim[^1][^2][^3].\n\n[^1]: *A*. September 5, 2022.\n\n\
                    [^2]: *B*. October 1, 2022.\n\n[^3]: *C*. 5/9/2022.\n";
        assert_eq!(flagged(&DATE_STYLE, text, Format::Markdown), ["5/9/2022"]);
    }

    #[test]
    fn padding_and_separators() {
        let text = "Claim¹²³⁴.\n\n¹ A. 20/7/2023.\n\n² B. 23/7/2023.\n\n³ C. 2/08/2023.\n\n⁴ D. 16/1/2020.\n";
        assert_eq!(flagged(&DATE_STYLE, text, Format::Plain), ["2/08/2023"]);
        let text = "Claim¹²³.\n\n¹ A. 20/7/2023.\n\n² B. 23/7/2023.\n\n³ C. 24-7-2023.\n";
        assert_eq!(flagged(&DATE_STYLE, text, Format::Plain), ["24-7-2023"]);
    }

    #[test]
    fn prose_and_notes_are_separate_and_titles_are_spared() {
        let text = "On July 20, 1994 and March 3, 2001 it began[^1][^2].\n\n\
                    [^1]: *Update, July 26, 2023*. 26/7/2023.\n\n[^2]: *B*. 27/7/2023.\n";
        assert!(flagged(&DATE_STYLE, text, Format::Markdown).is_empty());
    }
}
