use crate::diagnostic::Diagnostic;
use crate::document::Document;
use crate::document::date::{self, DateKind, DayMonthOrder, FoundDate, Reading};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a date that does not exist: `31/06/2022`, `2022-14-03`,
    /// `31 de abril de 2021`, `Nov. 31, 2021`, `29/2/2023`. A numeric date whose month
    /// would be above 12 under the document's day/month order (`11/25/2022` in a document
    /// that writes `20/7/2023`) is flagged too.
    ///
    /// ## Why is this bad
    /// An impossible date is a typo for some other date; the reader cannot know which.
    ///
    /// ## Example
    /// ```markdown
    /// The council met on 31 de abril de 2021.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The council met on 30 de abril de 2021.
    /// ```
    ///
    /// ## Options
    /// How numeric dates such as `05/09/2022` are read, for the whole date family (set it in
    /// any of `date-malformed`, `date-invalid`, `date-style` or `date-mismatch`):
    /// ```toml
    /// [rules.date-invalid]
    /// day-first = true    # false: month first; unset: inferred per document
    /// ```
    /// By default the order is inferred from the document's unambiguous numeric dates (a
    /// first field above 12 means day first) when one order has at least twice the dates of
    /// the other; a tie is broken by the spelled-out dates (`20 de julio`, `20 July` day
    /// first; `July 20` month first). With no clear order, a date is reported only when it is
    /// impossible both ways (`32/01/2023`).
    pub static DATE_INVALID = {
        name: "date-invalid",
        code: "CD402",
        severity: Error,
        enabled_by_default: true,
        fixes: None,
        summary: "A date that does not exist",
        options: &["day-first"],
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let order = date::document_order(&document.dates, &settings.dates);
    for found in &document.dates {
        let reading = match &found.kind {
            DateKind::Textual(t) => t.read(),
            DateKind::Numeric(n) => {
                let Some(read_as) = order.or_else(|| n.evident_order()) else {
                    // Both fields are 12 or less, or both above: check either order.
                    let first = n.read(DayMonthOrder::DayFirst);
                    if matches!(first, Reading::Invalid(_))
                        && matches!(n.read(DayMonthOrder::MonthFirst), Reading::Invalid(_))
                    {
                        report(document, found, first, None, diagnostics);
                    }
                    continue;
                };
                let by_convention = n.evident_order().is_some_and(|o| o != read_as);
                let reading = n.read(read_as);
                report(
                    document,
                    found,
                    reading,
                    by_convention.then_some(read_as),
                    diagnostics,
                );
                continue;
            }
            DateKind::Malformed(_) => continue,
        };
        report(document, found, reading, None, diagnostics);
    }
}

/// Reports an invalid reading; `convention` is set when the date is only invalid under
/// the document's day/month order.
fn report(
    document: &Document<'_>,
    found: &FoundDate,
    reading: Reading,
    convention: Option<DayMonthOrder>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let Reading::Invalid(invalid) = reading else {
        return;
    };
    let text = document.slice(found.span);
    let message = match convention {
        Some(order) => format!(
            "date `{text}` does not exist: {}, and this document writes the {}",
            invalid.reason,
            order.describe()
        ),
        None => format!("date `{text}` does not exist: {}", invalid.reason),
    };
    let mut diagnostic = Diagnostic::new(&DATE_INVALID, found.span, message)
        .with_label(invalid.part, invalid.reason);
    if let Some(order) = convention
        && let Some(evidence) = document.dates.iter().find(|d| match &d.kind {
            DateKind::Numeric(n) => {
                n.evident_order() == Some(order) && matches!(n.read(order), Reading::Valid(_))
            }
            _ => false,
        })
    {
        diagnostic = diagnostic.with_label(evidence.span, format!("{} here", order.describe()));
    }
    diagnostics.push(diagnostic);
}

#[cfg(test)]
mod tests {
    use super::DATE_INVALID;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_on_impossible_dates() {
        let text = "On 31/06/2022, 2022-14-03, 31 de abril de 2021 and Nov. 31, 2021.\n";
        assert_eq!(
            flagged(&DATE_INVALID, text, Format::Markdown),
            [
                "31/06/2022",
                "2022-14-03",
                "31 de abril de 2021",
                "Nov. 31, 2021"
            ]
        );
    }

    #[test]
    fn month_above_twelve_under_the_documents_order() {
        let text = "On 20/7/2023, 23/7/2023 and 11/25/2022.\n";
        assert_eq!(
            flagged(&DATE_INVALID, text, Format::Markdown),
            ["11/25/2022"]
        );
        let tie = "On 20 de julio de 2023 and 3 de marzo de 2022, 20/7/2023 and 11/25/2022.\n";
        assert_eq!(
            flagged(&DATE_INVALID, tie, Format::Markdown),
            ["11/25/2022"]
        );
        let alone = "On 11/25/2022 and 5/9/2022.\n";
        assert!(flagged(&DATE_INVALID, alone, Format::Markdown).is_empty());
    }

    #[test]
    fn configured_order_wins() {
        use crate::document::Document;
        use crate::document::date::DayMonthOrder;
        use crate::rules::settings::Settings;
        let text = "On 20/7/2023 and 23/7/2023.\n";
        let document = Document::parse(text, Format::Markdown);
        let mut settings = Settings::default();
        settings.dates.order = Some(DayMonthOrder::MonthFirst);
        let mut diagnostics = Vec::new();
        (DATE_INVALID.check)(&document, &settings, &mut diagnostics);
        assert_eq!(diagnostics.len(), 2);
        assert!(diagnostics[0].message.contains("month first"));
    }

    #[test]
    fn impossible_either_way() {
        let text = "Filed 32/01/2023 and 13/14/2022.\n";
        assert_eq!(
            flagged(&DATE_INVALID, text, Format::Markdown),
            ["32/01/2023", "13/14/2022"]
        );
    }

    #[test]
    fn silent_on_real_dates() {
        let text = "On 29/2/2024, 30 de abril de 2021, 29 de febrero and Sept. 30, 2022.\n";
        assert!(flagged(&DATE_INVALID, text, Format::Markdown).is_empty());
    }
}
