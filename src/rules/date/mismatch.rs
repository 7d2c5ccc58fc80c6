use jiff::civil;

use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::date::{self, DayMonthOrder, FoundDate, url_dates};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a note whose date disagrees with a date embedded in the note's own URL:
    /// `/2023/07/26/`, `20200116`, `-2022-10-14/`, `july-26-2023`. Both dates are shown.
    /// A note with several dates is fine when any of them matches the URL, and access or
    /// update dates (`accessed`, `retrieved`, `consultado`, `actualizado`) are not
    /// compared.
    ///
    /// ## Why is this bad
    /// One of the two is wrong: either the note gives the wrong date or it links the wrong
    /// article, and the reader cannot tell which.
    ///
    /// ## Example
    /// ```markdown
    /// [^5]: Infobae: *Acuerdo con Irán*. 28/7/2023. <https://infobae.com/2023/07/26/acuerdo/>
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// [^5]: Infobae: *Acuerdo con Irán*. 26/7/2023. <https://infobae.com/2023/07/26/acuerdo/>
    /// ```
    ///
    /// ## Options
    /// How numeric dates such as `05/09/2022` are read, for the whole date family (set it in
    /// any of `date-malformed`, `date-invalid`, `date-style` or `date-mismatch`):
    /// ```toml
    /// [rules.date-mismatch]
    /// day-first = true    # false: month first; unset: inferred per document
    /// ```
    /// When it is not set and the document does not show its order, either reading may match.
    pub static DATE_MISMATCH = {
        name: "date-mismatch",
        code: "CD404",
        severity: Warning,
        enabled_by_default: true,
        fixes: None,
        summary: "A note's date disagrees with the date in its URL",
        options: &["day-first"],
        check: check,
    };
}

/// The calendar dates a note date can mean.
fn meanings(found: &FoundDate, order: Option<DayMonthOrder>) -> Vec<civil::Date> {
    match order {
        Some(order) => found.date(Some(order)).into_iter().collect(),
        None => found.possible_dates(),
    }
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let order = date::document_order(&document.dates, &settings.dates);
    // Dates and links grouped by note in one pass each (both are in text order).
    let mut dates_by_note: Vec<Vec<(&FoundDate, Vec<civil::Date>)>> =
        vec![Vec::new(); document.note_defs.len()];
    for found in &document.dates {
        let Some(slot) = found.note.and_then(|n| dates_by_note.get_mut(n)) else {
            continue;
        };
        if date::is_access_date(document.text, found.span) {
            continue;
        }
        let meanings = meanings(found, order);
        if !meanings.is_empty() {
            slot.push((found, meanings));
        }
    }
    for link in &document.links {
        let Some(note_dates) = link.note.and_then(|n| dates_by_note.get(n)) else {
            continue;
        };
        let Some((last, _)) = note_dates.last() else {
            continue;
        };
        let Some(text) = document.text.get(link.span.start..link.span.end) else {
            continue;
        };
        for url_date in url_dates(text, link.span) {
            let agrees = note_dates
                .iter()
                .any(|(_, meanings)| meanings.contains(&url_date.date));
            if agrees {
                continue;
            }
            let shown = last
                .date(order)
                .map(date::describe)
                .unwrap_or_else(|| document.slice(last.span).to_string());
            diagnostics.push(
                Diagnostic::new(
                    &DATE_MISMATCH,
                    last.span,
                    format!(
                        "note date `{}` disagrees with the date in its URL ({})",
                        document.slice(last.span),
                        date::describe(url_date.date)
                    ),
                )
                .with_label(last.span, format!("the note says {shown}"))
                .with_label(
                    url_date.span,
                    format!("the URL says {}", date::describe(url_date.date)),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DATE_MISMATCH;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_when_the_url_date_differs() {
        let text = "Claim[^1].\n\n[^1]: *Title*. 28/7/2023. <https://a.com/2023/07/26/story/>\n";
        assert_eq!(
            flagged(&DATE_MISMATCH, text, Format::Markdown),
            ["28/7/2023"]
        );
        let compact = "Claim[^1].\n\n[^1]: *Title*. 16/2/2020. <https://a.com/x-20200116-y.html>\n";
        assert_eq!(
            flagged(&DATE_MISMATCH, compact, Format::Markdown),
            ["16/2/2020"]
        );
    }

    #[test]
    fn silent_when_any_reading_agrees() {
        let text = "Claim[^1] and[^2] and[^3].\n\n\
            [^1]: *Title*. 7/1/2020. <https://a.com/20200107/story>\n\n\
            [^2]: ISW: Update, July 26, 2023. <https://b.org/update-july-26-2023>\n\n\
            [^3]: *T*. 2/3/2021. Accessed 5 May 2024. <https://c.com/2021/03/02/t>\n";
        assert!(flagged(&DATE_MISMATCH, text, Format::Markdown).is_empty());
    }

    #[test]
    fn silent_on_access_dates_and_ids() {
        let text = "Claim[^1].\n\n[^1]: *T*. Retrieved 3 May 2024. <https://a.com/2021/03/02/t>\n\n\
                    Claim[^2].\n\n[^2]: *T*. 3/5/2024. <https://a.com/story/20231399/>\n";
        assert!(flagged(&DATE_MISMATCH, text, Format::Markdown).is_empty());
    }
}
