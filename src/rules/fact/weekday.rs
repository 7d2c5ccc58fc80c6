use crate::diagnostic::{Applicability, Diagnostic, Fix};
use crate::document::date::{self, weekday_before, weekday_name};
use crate::document::{Document, Span};
use crate::rules::declare_rule;
use crate::rules::settings::Settings;

declare_rule! {
    /// ## What it does
    /// Flags a weekday that does not match the full date it stands before:
    /// `Tuesday, July 20, 2023` (a Thursday), `el martes 20 de julio de 2023`,
    /// `Tue 20/07/2023`. English and Spanish names, full or abbreviated.
    ///
    /// Only a weekday written right before a date with a day, a month and a year is
    /// checked: `the Tuesday after 20 July`, a date without its year, a numeric date whose
    /// day/month order the document leaves open, and dates inside notes (where titles are
    /// quoted as printed) are not.
    ///
    /// ## Why is this bad
    /// One of the two is wrong, and a reader who checks a calendar will notice.
    ///
    /// ## Example
    /// ```markdown
    /// The ministers met on Tuesday, July 20, 2023, in La Paz.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The ministers met on Thursday, July 20, 2023, in La Paz.
    /// ```
    ///
    /// ## Fix safety
    /// Unsafe: the fix writes the date's weekday, but the date may be the wrong one.
    ///
    /// ## Options
    /// None.
    pub static FACT_WEEKDAY = {
        name: "fact-weekday",
        code: "CD701",
        severity: Warning,
        enabled_by_default: true,
        fixes: Unsafe,
        summary: "A weekday that does not match its date",
        check: check,
    };
}

fn check(document: &Document<'_>, settings: &Settings, diagnostics: &mut Vec<Diagnostic>) {
    let order = date::document_order(&document.dates, &settings.dates);
    for found in document.dates.iter().filter(|d| d.note.is_none()) {
        let Some(mention) = weekday_before(document.text, found.span.start) else {
            continue;
        };
        let Some(day) = found.date(order) else {
            continue;
        };
        let actual = day.weekday();
        if actual == mention.weekday {
            continue;
        }
        let written = document.slice(mention.span);
        let right = mention.rewrite(actual, written);
        diagnostics.push(
            Diagnostic::new(
                &FACT_WEEKDAY,
                mention.span,
                format!(
                    "`{written}` does not match {}, which was a {}",
                    date::describe(day),
                    weekday_name(actual)
                ),
            )
            .with_label(found.span, format!("a {}", weekday_name(actual)))
            .with_fix(Fix::replace(
                format!("Write `{right}`"),
                Applicability::Unsafe,
                Span::new(mention.span.start, mention.span.end),
                right,
            )),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::FACT_WEEKDAY;
    use crate::document::Format;
    use crate::rules::test_support::flagged;

    #[test]
    fn fires_on_a_weekday_that_is_not_the_date_s() {
        let text = "The ministers met on Tuesday, July 20, 2023.\n\n\
                    Se reunieron el martes 20 de julio de 2023. El acuerdo llegó el jueves \
                    20 de julio de 2023.\n";
        assert_eq!(
            flagged(&FACT_WEEKDAY, text, Format::Markdown),
            ["Tuesday", "martes"]
        );
    }

    #[test]
    fn silent_without_a_full_date_or_with_the_right_weekday() {
        let text = "They met on Thursday, July 20, 2023, and again the Tuesday after 20 July. \
                    On Tuesday, 3 March, nothing happened. Se vieron el jueves 20 de julio de \
                    2023.\n\n[^1]: *Tuesday, July 20, 2023: a diary*, 2024.\n";
        assert!(flagged(&FACT_WEEKDAY, text, Format::Markdown).is_empty());
    }
}
