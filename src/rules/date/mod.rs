//! Dates: malformed, impossible, off-style, or disagreeing with the date in their own URL.

mod departure;
pub(super) mod invalid;
pub(super) mod malformed;
pub(super) mod mismatch;
mod placement;
pub(super) mod style;

use serde::Deserialize;

use super::settings::{OptionError, Settings, parse_options};
use crate::document::date::DayMonthOrder;

/// `[rules.date-*]`: the day/month order of numeric dates, for the whole family.
#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DateOptions {
    day_first: Option<bool>,
}

/// Applies a `[rules.NAME]` table of the family.
pub(super) fn configure(settings: &mut Settings, table: &toml::Table) -> Result<(), OptionError> {
    let options: DateOptions = parse_options(table)?;
    if let Some(day_first) = options.day_first {
        settings.dates.order = Some(if day_first {
            DayMonthOrder::DayFirst
        } else {
            DayMonthOrder::MonthFirst
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{invalid, malformed, mismatch, style};
    use crate::document::{Document, Format};
    use crate::rules::settings::Settings;
    use proptest::prelude::*;

    /// Pieces of articles: notes, URLs with dates, dates of every kind, traps.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("\n\n".to_string()),
            Just("¹ ".to_string()),
            Just("[^1]: ".to_string()),
            Just("Claim¹[^1]. ".to_string()),
            Just("<https://a.com/2023/07/26/x>".to_string()),
            Just("https://b.org/x-20200116-y.html ".to_string()),
            Just("*Title, July 26, 2023*. ".to_string()),
            Just("20 de julio de 2023".to_string()),
            Just("Sept. 4, 2022".to_string()),
            Just("`23//2023`".to_string()),
            Just("<!-- 7//2022 -->".to_string()),
            "[0-9]{1,4}[/.-]{1,2}[0-9]{0,4}[/.-]{0,2}[0-9]{0,5}",
            "[a-zA-Z ,.ñé]{0,12}",
        ]
    }

    proptest! {
        #[test]
        fn date_rules_never_panic(pieces in prop::collection::vec(piece(), 0..24)) {
            let text = pieces.concat();
            for format in [Format::Markdown, Format::Plain] {
                let document = Document::parse(&text, format);
                let settings = Settings::default();
                let mut diagnostics = Vec::new();
                for rule in [
                    &style::DATE_STYLE,
                    &invalid::DATE_INVALID,
                    &malformed::DATE_MALFORMED,
                    &mismatch::DATE_MISMATCH,
                ] {
                    (rule.check)(&document, &settings, &mut diagnostics);
                }
                for diagnostic in &diagnostics {
                    prop_assert!(text.get(diagnostic.span.start..diagnostic.span.end).is_some());
                    for edit in diagnostic.fix.iter().flat_map(|f| &f.edits) {
                        prop_assert!(text.get(edit.span.start..edit.span.end).is_some());
                    }
                }
            }
        }
    }
}
